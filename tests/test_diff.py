"""Editions compared: comparekit.diff, comparekit diff, and render --since in every format."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import comparekit
from comparekit import (
    Added,
    Comparison,
    Feature,
    Group,
    Label,
    ModelError,
    Modified,
    Part,
    Product,
    Source,
    Value,
    ValueChanged,
    build_table,
    diff,
    dump,
    render,
)
from comparekit.cli import main
from comparekit.layout import LANGUAGES, WORDS
from comparekit.model import NOT_STATED
from comparekit.model.diff import Removed
from tests.strategies import comparisons, dates, labels

OLD = Comparison(
    title="Chat apps",
    as_of=dt.date(2020, 2, 28),
    sources=[Source(id="blog", title="A blog post")],
    groups=[Group(id="scale", label={"en": "Scale", "ko": "규모", "zh": "规模"})],
    features=[
        Feature(
            id="users",
            label={"en": "Users", "ko": "사용자", "zh": "用户"},
            type="count",
            group="scale",
            better="higher",
        ),
        Feature(id="free", label="Free offer", type="boolean"),
    ],
    products=[
        Product(
            id="a",
            name="App A",
            values={"users": Value(200_000_000, qualifier="about", source="blog"), "free": True},
        ),
        Product(id="b", name="App B", values={"users": 60_000_000}),
        Product(id="gone", name="Gone app"),
    ],
)
NEW = attrs.evolve(
    OLD,
    as_of=dt.date(2020, 5, 31),
    features=[
        attrs.evolve(OLD.features[0], unit={"en": "people", "ko": "명", "zh": "人"}),
        OLD.features[1],
    ],
    products=[
        Product(
            id="a",
            name="App A",
            values={"users": Value(250_000_000, source="blog", note="Grew."), "free": True},
        ),
        Product(id="b", name="App B", values={"users": 60_000_000}),
        Product(id="c", name="App C"),
    ],
)
EXPECTED = (
    Modified(Part.COMPARISON, "", "as_of", dt.date(2020, 2, 28), dt.date(2020, 5, 31)),
    Modified(Part.FEATURE, "users", "unit", None, Label({"en": "people", "ko": "명", "zh": "人"})),
    Removed(Part.PRODUCT, "gone"),
    Added(Part.PRODUCT, "c"),
    ValueChanged("a", "users", "value", 200_000_000, 250_000_000),
    ValueChanged("a", "users", "qualifier", comparekit.Qualifier.ABOUT, None),
    ValueChanged("a", "users", "note", None, Label("Grew.")),
)


@given(comparisons())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_identical_comparisons_have_no_changes(comparison: Comparison) -> None:
    """A comparison compared with itself, or with an equal copy, has no changes."""
    assert diff(comparison, comparison) == ()
    assert diff(comparison, attrs.evolve(comparison)) == ()


def test_each_kind_of_change_is_found() -> None:
    """A changed comparison field, a changed feature unit, a removed and an added product,
    and a value's changed figure, qualifier and note are each one typed change, in order."""
    assert diff(OLD, NEW) == EXPECTED


def test_a_value_left_out_is_not_stated() -> None:
    """A value one edition leaves out compares as not stated: a figure stated now changes
    its status and its value; the same figure written as a bare number is no change."""
    stated = attrs.evolve(
        OLD,
        products=[
            OLD.products[0],
            OLD.products[1],
            Product(id="gone", name="Gone app", values={"free": False}),
        ],
    )
    assert diff(OLD, stated) == (
        ValueChanged("gone", "free", "value", None, False),
        ValueChanged(
            "gone", "free", "status", comparekit.Status.NOT_STATED, comparekit.Status.KNOWN
        ),
    )
    assert OLD.products[1].values["users"] == Value(60_000_000)


def test_same_number_of_another_type_is_a_change() -> None:
    """1 and 1.0 are a change of the figure (a spec that wrote 1.0 shows it differently)."""
    number = Feature(id="n", label="N", type="number")
    one = Comparison(
        title="T", features=[number], products=[Product(id="p", name="P", values={"n": 1})]
    )
    other = attrs.evolve(one, products=[Product(id="p", name="P", values={"n": 1.0})])
    assert diff(one, other) == (ValueChanged("p", "n", "value", 1, 1.0),)


def test_diff_refuses_what_is_not_a_comparison() -> None:
    """diff() names the argument that is not a Comparison."""
    with pytest.raises(TypeError, match="new is dict"):
        diff(OLD, {})  # type: ignore[arg-type]


# ---------------------------------------------------------------- one random edit, found


def _replace_value(c: Comparison, product: int, feature: str, value: Value) -> Comparison:
    p = c.products[product]
    values = {**p.values, feature: value}
    products = list(c.products)
    products[product] = attrs.evolve(p, values=values)
    return attrs.evolve(c, products=products)


def _edit(c: Comparison, data: st.DataObject) -> tuple[Comparison, tuple[Any, ...]]:
    """One random edit of ``c`` and the changes it makes, as diff() should list them."""
    kinds = ["note", "as_of", "add_product", "add_feature", "add_source", "add_group", "title"]
    kinds += ["remove_product", "remove_feature", "relabel_feature", "rename_product"]
    kind = data.draw(st.sampled_from(kinds))
    if kind in ("note", "as_of"):
        index = data.draw(st.integers(0, len(c.products) - 1))
        feature = data.draw(st.sampled_from([f.id for f in c.features]))
        old = c.products[index].values.get(feature, NOT_STATED)
        new_data = data.draw(labels.map(Label) if kind == "note" else dates)
        assume(new_data != getattr(old, kind))
        edited = _replace_value(c, index, feature, attrs.evolve(old, **{kind: new_data}))
        change = ValueChanged(c.products[index].id, feature, kind, getattr(old, kind), new_data)
        return edited, (change,)
    if kind == "title":
        title = Label(data.draw(labels))
        assume(title != c.title)
        return attrs.evolve(c, title=title), (
            Modified(Part.COMPARISON, "", "title", c.title, title),
        )
    if kind.startswith("add_"):
        part, items, new = {
            "add_product": (Part.PRODUCT, "products", Product(id="zz_added_9", name="New")),
            "add_feature": (
                Part.FEATURE,
                "features",
                Feature(id="zz_added_9", label="N", type="text"),
            ),
            "add_source": (Part.SOURCE, "sources", Source(id="zz_added_9", title="New")),
            "add_group": (Part.GROUP, "groups", Group(id="zz_added_9", label="New")),
        }[kind]
        return attrs.evolve(c, **{items: [*getattr(c, items), new]}), (Added(part, new.id),)
    if kind == "remove_product":
        gone = data.draw(st.sampled_from(c.products))
        kept = [p for p in c.products if p is not gone]
        return attrs.evolve(c, products=kept), (Removed(Part.PRODUCT, gone.id),)
    if kind == "remove_feature":
        gone = data.draw(st.sampled_from(c.features))
        products = [
            attrs.evolve(p, values={k: v for k, v in p.values.items() if k != gone.id})
            for p in c.products
        ]
        features = [f for f in c.features if f is not gone]
        edited = attrs.evolve(c, features=features, products=products)
        return edited, (Removed(Part.FEATURE, gone.id),)
    index = data.draw(
        st.integers(0, len(c.features if kind == "relabel_feature" else c.products) - 1)
    )
    label = Label(data.draw(labels))
    if kind == "relabel_feature":
        f = c.features[index]
        assume(label != f.label)
        features = list(c.features)
        features[index] = attrs.evolve(f, label=label)
        return attrs.evolve(c, features=features), (
            Modified(Part.FEATURE, f.id, "label", f.label, label),
        )
    p = c.products[index]
    assume(label != p.name)
    products = list(c.products)
    products[index] = attrs.evolve(p, name=label)
    return attrs.evolve(c, products=products), (
        Modified(Part.PRODUCT, p.id, "name", p.name, label),
    )


@given(comparisons(), st.data())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_diff_finds_exactly_the_edit(comparison: Comparison, data: st.DataObject) -> None:
    """One random edit of a generated comparison (a value's note or as-of date, a part added
    or removed, a label or name changed, the title) is exactly what diff() finds, and the
    layout words it in every language without failing."""
    try:
        edited, expected = _edit(comparison, data)
    except ModelError:
        assume(False)  # the edit broke a rule (an id that looks like another): not an edition
        raise
    assert diff(comparison, edited) == expected
    for lang in LANGUAGES:
        table = build_table(edited, lang, since=comparison)
        assert len(table.changes) == 1
        changed = [c for row in table.rows for c in row.cells if c.changed]
        changed += [i.cell for g in table.highlights for i in g.items if i.cell.changed]
        assert len(changed) == (1 if isinstance(expected[0], ValueChanged) else 0)


# ---------------------------------------------------------------- the layout and --since


def test_changed_cells_are_marked_with_a_legend_entry() -> None:
    """The changed cell (and only it) carries the flag and the mark; the legend explains it
    with the earlier edition's date; a removed product is named, not marked, and does not
    fail the marks."""
    table = build_table(NEW, "en", since=OLD)
    marked = [(row.heading.id, c.display) for row in table.rows for c in row.cells if c.changed]
    assert marked == [("users", "250 million ✦ Δ [1] [S1]")]
    assert table.legend[-1].mark == "Δ"
    assert table.legend[-1].meaning == "changed since 28 Feb 2020"
    assert table.changes_title == "What changed since 28 Feb 2020"
    assert [e.text for e in table.changes] == [
        "comparison, as of: 28 Feb 2020 → 31 May 2020",
        "feature Users, unit: none → people",
        "Removed: product Gone app",
        "Added: product App C",
        "App A · Users: about 200 million → 250 million people",
        "App A · Users, note: none → Grew.",
    ]
    gone = attrs.evolve(
        NEW,
        features=[NEW.features[1]],
        products=[
            attrs.evolve(p, values={k: v for k, v in p.values.items() if k != "users"})
            for p in NEW.products
        ],
    )
    assert "Removed: feature Users" in [e.text for e in build_table(gone, "en", since=OLD).changes]


def test_without_since_the_table_is_as_before() -> None:
    """A table built without an earlier edition has no changes, no marks, no legend entry."""
    table = build_table(NEW, "en")
    assert table.changes_title == ""
    assert table.changes == ()
    assert not any(c.changed for row in table.rows for c in row.cells)
    assert "changed" not in [e.kind for e in table.legend]
    assert table == build_table(NEW, "en", since=None)


def test_since_without_a_date_names_the_previous_edition() -> None:
    """An earlier edition without an as-of date is "the previous edition", unless a date is given."""
    undated = attrs.evolve(OLD, as_of=None)
    assert build_table(NEW, "ko", since=undated).changes_title == "이전 판 이후 바뀐 내용"
    day = dt.date(2021, 1, 2)
    assert (
        build_table(NEW, "zh", since=undated, since_date=day).changes_title
        == "自2021年1月2日以来的变化"
    )


HEADINGS = {lang: WORDS[lang].changes_since.format(date="") for lang in LANGUAGES}


def _squash(text: str) -> str:
    """Text without whitespace, case folded: PDF headings are upper case, lines wrap."""
    return "".join(text.split()).casefold()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_since_shows_in_every_format(lang: str, tmp_path: Path) -> None:
    """txt, md, xlsx (a Changes sheet, one typed row per change, and the Notes sheet's list) and PDF
    (checked with pdftotext) all show what changed since, and the marked cell, in each language."""
    table = build_table(NEW, lang, since=OLD)
    heading = table.changes_title
    figure_line = table.changes[4].text
    for name in ("txt", "md"):
        text = render(NEW, name, lang=lang, since=OLD).decode()
        assert heading in text
        assert figure_line in text.replace("\\", "")
        assert "Δ" in text
    book = openpyxl.load_workbook(io.BytesIO(render(NEW, "xlsx", lang=lang, since=OLD)))
    names = WORDS[lang].sheet_names  # the sheets are named in the report's language
    assert book.sheetnames == [
        names[key]
        for key in (
            "Summary",
            "Matrix",
            "Notes",
            "Data",
            "Features",
            "Products",
            "Groups",
            "Sources",
            "Comparison",
            "Changes",
        )
    ]
    rows = [[c.value for c in row] for row in book[names["Changes"]].iter_rows()]
    assert rows[0][:3] == ["change", "part", "id"]
    assert [r[0] for r in rows[1:]] == [
        "changed",
        "changed",
        "removed",
        "added",
        "changed",
        "changed",
    ]
    assert rows[5][1:6] == ["value", None, "a", "users", "value, qualifier"]
    listed = [c.value for row in book[names["Notes"]].iter_rows() for c in row]  # the changes
    assert heading in listed
    assert figure_line in listed
    pdf = render(NEW, "pdf", lang=lang, since=OLD)
    path = tmp_path / "since.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert _squash(heading) in _squash(text)
    assert _squash(figure_line) in _squash(text)
    assert "Δ" in text


def test_render_without_since_has_no_changes_sheet() -> None:
    """A workbook rendered without --since has its three sheets, as before."""
    book = openpyxl.load_workbook(io.BytesIO(render(NEW, "xlsx")))
    assert "Changes" not in book.sheetnames


# ---------------------------------------------------------------- the command line


def _specs(tmp_path: Path, old: Comparison = OLD, new: Comparison = NEW) -> tuple[str, str]:
    (tmp_path / "old.toml").write_text(dump(old), encoding="utf-8")
    (tmp_path / "new.toml").write_text(dump(new), encoding="utf-8")
    return str(tmp_path / "old.toml"), str(tmp_path / "new.toml")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process and return (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_diff_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """comparekit diff prints the changes as text, in the language asked, and exits 1."""
    old, new = _specs(tmp_path)
    code, out, err = run(["diff", old, new], capsys)
    assert (code, err) == (1, "")
    assert out == (
        "What changed since 28 Feb 2020\n"
        "  - comparison, as of: 28 Feb 2020 → 31 May 2020\n"
        "  - feature Users, unit: none → people\n"
        "  - Removed: product Gone app\n"
        "  - Added: product App C\n"
        "  - App A · Users: about 200 million → 250 million people\n"
        "  - App A · Users, note: none → Grew.\n"
    )
    code, out, _ = run(["diff", old, new, "--lang", "ko"], capsys)
    assert code == 1
    assert "  - App A · 사용자: 약 2억 → 2억 5,000만 명\n" in out


def test_cli_diff_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format md prints a Markdown heading and list, in Chinese with --lang zh."""
    old, new = _specs(tmp_path)
    code, out, _ = run(["diff", old, new, "--format", "md", "--lang", "zh"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[:3] == [
        "## 自2020年2月28日以来的变化",
        "",
        "- 对比表，截至日期：2020年2月28日 → 2020年5月31日",
    ]
    assert "- App A · 用户：约2亿 → 2.5亿人" in lines


def test_cli_diff_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the documented shape: the two files and one object per change."""
    old, new = _specs(tmp_path)
    code, out, _ = run(["diff", old, new, "--json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert (data["old"], data["new"]) == (old, new)
    assert data["changes"][0] == {
        "change": "changed",
        "part": "comparison",
        "id": "",
        "field": "as_of",
        "old": "2020-02-28",
        "new": "2020-05-31",
    }
    assert data["changes"][1]["new"] == {"en": "people", "ko": "명", "zh": "人"}
    assert data["changes"][2:4] == [
        {"change": "removed", "part": "product", "id": "gone"},
        {"change": "added", "part": "product", "id": "c"},
    ]
    assert data["changes"][4] == {
        "change": "changed",
        "part": "value",
        "product": "a",
        "feature": "users",
        "field": "value",
        "old": 200_000_000,
        "new": 250_000_000,
    }


@pytest.mark.parametrize("form", [[], ["--format", "md"], ["--json"]])
def test_cli_diff_same_exit_0(
    form: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two specs of the same comparison: exit 0, nothing printed (an empty list in JSON)."""
    old, _ = _specs(tmp_path)
    code, out, err = run(["diff", old, old, *form], capsys)
    assert (code, err) == (0, "")
    assert out == ("" if "--json" not in form else out)
    if "--json" in form:
        assert json.loads(out)["changes"] == []


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: str(folder / "missing.toml"),
        lambda folder: (
            (folder / "bad.toml").write_text("format = 1\n[comparison]\ntitel = 1\n")
            and str(folder / "bad.toml")
        ),
        lambda folder: (
            (folder / "binary.toml").write_bytes(b"\xff\xfe\x00") and str(folder / "binary.toml")
        ),
    ],
    ids=["missing", "invalid", "unreadable"],
)
def test_cli_diff_trouble_exit_2(
    make: Callable[[Path], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file, an invalid spec or bytes that are no spec: exit 2, as diff has, a
    message naming the file and no traceback; a usage error is 2 as well."""
    old, _ = _specs(tmp_path)
    bad = make(tmp_path)
    code, out, err = run(["diff", old, bad], capsys)
    assert (code, out) == (2, "")
    assert Path(bad).name in err
    assert "Traceback" not in err
    assert run(["diff", old], capsys)[0] == 2


def test_cli_diff_hostile_text_stays_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invisible characters, line breaks and markup in a label stay inert: text output shows
    them escaped, one line per change; Markdown escapes the markup; JSON writes the
    invisible ones as JSON escapes. No raw invisible character is printed."""
    hostile = "evil\u200bname\u2028next\nline <script>|*x*"
    new = attrs.evolve(NEW, products=[*NEW.products, Product(id="evil", name=hostile)])
    old, new_path = _specs(tmp_path, NEW, new)
    code, out, _ = run(["diff", old, new_path], capsys)
    assert code == 1
    assert (
        out.splitlines()[1] == "  - Added: product evil\\u200bname\\u2028next\\nline <script>|*x*"
    )
    code, out, _ = run(["diff", old, new_path, "--format", "md"], capsys)
    assert "\\<script\\>\\|\\*x\\*" in out
    assert "\u200b" not in out
    assert "\u2028" not in out
    one = attrs.evolve(NEW, products=NEW.products[:1])
    renamed = attrs.evolve(NEW, products=[attrs.evolve(NEW.products[0], name=hostile)])
    old, new_path = _specs(tmp_path, one, renamed)
    code, out, _ = run(["diff", old, new_path, "--json"], capsys)
    assert "\u200b" not in out
    assert "\u2028" not in out
    assert "\\u200b" in out
    assert json.loads(out)["changes"][0]["new"] == {"": hostile}


def test_cli_render_since(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """render --since OLD adds the changes to the report; an OLD without an as-of date is
    named by its file's date."""
    old, new = _specs(tmp_path, attrs.evolve(OLD, as_of=None))
    code, _, err = run(
        ["render", new, "--since", old, "-f", "md", "-o", str(tmp_path / "out")], capsys
    )
    assert (code, err) == (0, "")
    text = (tmp_path / "out" / "new.md").read_text(encoding="utf-8")
    day = dt.date.fromtimestamp(Path(old).stat().st_mtime)
    assert f"## What changed since {day.day} {WORDS['en'].months[day.month - 1]} {day.year}" in text
    code, _, err = run(
        ["render", new, "--since", str(tmp_path / "nope.toml"), "-o", "-", "-f", "md"], capsys
    )
    assert code == 1
    assert "nope.toml" in err


def test_every_field_diff_compares_has_a_word_in_every_language() -> None:
    """Each field diff can report (every part's and a value's) is named in every language:
    a field added to the model without a word would end `comparekit diff` in a KeyError."""
    from comparekit.model.diff import PART_FIELDS, VALUE_FIELDS

    compared = {name for names in PART_FIELDS.values() for name in names} | set(VALUE_FIELDS)
    for lang in LANGUAGES:
        assert compared <= set(WORDS[lang].fields), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_spec_and_its_own_workbook_are_the_same_edition(
    lang: str, sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample (with a theme and a view, which a workbook does not carry) and the
    workbook rendered from it in any language: `diff` finds nothing and exits 0."""
    book = tmp_path / f"sample.{lang}.xlsx"
    book.write_bytes(comparekit.render(comparekit.load(sample_path), "xlsx", lang=lang))
    code, out, err = run(["diff", str(sample_path), str(book)], capsys)
    assert (code, out, err) == (0, "", "")


def test_theme_and_views_are_not_compared(sample_path: Path) -> None:
    """Presentation is not an edition's facts: another theme or no views is no change."""
    sample = comparekit.load(sample_path)
    assert sample.theme is not None
    assert sample.views
    assert comparekit.diff(sample, attrs.evolve(sample, theme=None, views=())) == ()
