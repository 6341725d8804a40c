"""Specs edited in place: update() changes only the lines of what changed, keeps every comment,
and always gives text that loads to the new comparison."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from strategies import comparisons, labels, values_for

from comparekit import (
    Comparison,
    Feature,
    Group,
    ModelError,
    Product,
    RenderError,
    Scoring,
    Source,
    SpecError,
    Status,
    Value,
    dump,
    loads,
)
from comparekit.spec import editor, update, update_file

SAMPLE = Path(__file__).resolve().parent.parent / "specs" / "china-remote-work-2020.toml"
SCORED = SAMPLE.read_text(encoding="utf-8")
_ANALYSIS = "\n\n# ---------------------------------------------------------------- scoring"
TEXT = SCORED[: SCORED.index(_ANALYSIS)] + "\n"
"""The sample without its [scoring] and [[findings]] (the end of the file): this editor
refuses to change those, and they name the products these tests remove."""
LINES = TEXT.splitlines()


@pytest.fixture(scope="module")
def sample() -> Comparison:
    """The sample as :data:`TEXT` has it: no scoring, no findings."""
    return loads(TEXT)


def test_the_scored_sample_is_left_as_it_is_and_grows_before_its_scoring() -> None:
    """update() of the whole sample changes nothing; a new product goes after the last
    product, above the comment that heads what follows the products (the theme, then the
    scoring)."""
    scored = loads(SCORED)
    assert update(SCORED, scored) == SCORED
    zoom = Product(id="zoom", name="Zoom", values={"users": 300_000_000})
    result = update(SCORED, attrs.evolve(scored, products=[*scored.products, zoom]))
    at = SCORED.index("\n\n#", SCORED.rindex("[[products]]"))
    assert at < SCORED.index(_ANALYSIS)
    block = '\n\n[[products]]\nid = "zoom"\nname = "Zoom"\n\n[products.values]\nusers = 300000000'
    assert result == SCORED[:at] + block + SCORED[at:]


def comments(text: str) -> list[str]:
    """The comment lines of a spec, in order."""
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def diff(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines ``new`` removed from ``old`` and the lines it added, each in order."""
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old.splitlines()[i1:i2]
            added += new.splitlines()[j1:j2]
    return removed, added


def line(start: str, nth: int = 1) -> str:
    """The ``nth`` line of the sample that starts with ``start``."""
    return [text for text in LINES if text.startswith(start)][nth - 1]


def with_value(c: Comparison, product: str, feature: str, value: Value | None) -> Comparison:
    """``c`` with one product's value for ``feature`` replaced (``None``: removed)."""
    products = []
    for item in c.products:
        values = dict(item.values)
        if item.id == product:
            if value is None:
                del values[feature]
            else:
                values[feature] = value
        products.append(attrs.evolve(item, values=values))
    return attrs.evolve(c, products=products)


def edit(c: Comparison, product: str, feature: str, **changes: Any) -> Comparison:
    """``c`` with fields of one value changed."""
    return with_value(c, product, feature, attrs.evolve(c.value(product, feature), **changes))


def translated(label: Any, lang: str, text: str) -> Any:
    """A label with one translation replaced."""
    return attrs.evolve(
        label, translations=tuple((k, text if k == lang else v) for k, v in label.translations)
    )


def updated(new: Comparison) -> str:
    """The sample updated to ``new``: it loads to ``new`` and keeps every comment."""
    result = update(TEXT, new)
    assert loads(result) == new
    return result


# --------------------------------------------------------------------------- identity


def test_identity_sample(sample: Comparison) -> None:
    """Updating the sample to what it loads to gives it back byte for byte."""
    assert update(TEXT, sample) == TEXT


def test_identity_minimal(minimal_text: str) -> None:
    """A spec that dump did not write comes back unchanged too."""
    assert update(minimal_text, loads(minimal_text)) == minimal_text


# --------------------------------------------------------------------------- one edit each


EDITS: list[tuple[str, Callable[[Comparison], Comparison], list[str], list[str]]] = [
    (
        "value",
        lambda c: edit(c, "wechat_work", "users", value=65_000_000),
        [line("users = { value = 60_000_000")],
        [line("users = { value = 60_000_000").replace("60_000_000", "65_000_000")],
    ),
    (
        "qualifier",
        lambda c: edit(c, "dingtalk", "users", qualifier="more_than"),
        [line("users = { value = 200_000_000")],
        [line("users = { value = 200_000_000").replace('"about"', '"more_than"')],
    ),
    (
        "status",
        lambda c: edit(c, "feishu", "free_tier_limit", status=Status.NOT_STATED),
        [line("free_tier_limit = { status")],
        [line("free_tier_limit = { status").replace('status = "not_applicable", ', "")],
    ),
    (
        "max",
        lambda c: edit(c, "dingtalk", "meeting_capacity", max=400),
        [line("meeting_capacity = { value = 102")],
        [line("meeting_capacity = { value = 102").replace("max = 302", "max = 400")],
    ),
    (
        "as_of",
        lambda c: edit(c, "wechat_work", "users", as_of=dt.date(2020, 1, 31)),
        [line("users = { value = 60_000_000")],
        [line("users = { value = 60_000_000").replace("2019-12-31", "2020-01-31")],
    ),
    (
        "plain note",
        lambda c: edit(c, "wechat_work", "meeting_capacity", note="Per meeting."),
        [line("meeting_capacity = { value = 300")],
        [line("meeting_capacity = { value = 300")[:-2] + ', note = "Per meeting." }'],
    ),
    (
        "translated note",
        lambda c: edit(
            c,
            "dingtalk",
            "downloads_growth",
            note=translated(c.value("dingtalk", "downloads_growth").note, "ko", "코로나19 동안."),
        ),
        [line("downloads_growth = { value = 350")],
        [line("downloads_growth = { value = 350").replace("코로나19 기간 동안.", "코로나19 동안.")],
    ),
    (
        "source",
        lambda c: edit(c, "welink", "provincial_agencies", source=("digital-china-2020",)),
        [line("provincial_agencies")],
        ['provincial_agencies = { value = 500, source = "digital-china-2020" }'],
    ),
    (
        "add a value",
        lambda c: with_value(c, "feishu", "users", Value(1_000, qualifier="more_than")),
        [],
        ['users = { value = 1000, qualifier = "more_than" }'],
    ),
    (
        "delete a value with its own comment",
        lambda c: with_value(c, "dingtalk", "target_organisations", None),
        ["# D10", line("target_organisations = { value")],
        [],
    ),
    (
        "delete a value under a shared comment",
        lambda c: with_value(c, "dingtalk", "users", None),
        [line("users = { value = 200_000_000")],
        [],
    ),
    (
        "label translation",
        lambda c: attrs.evolve(
            c,
            features=[
                attrs.evolve(f, label=translated(f.label, "ko", "사용자")) if f.id == "users" else f
                for f in c.features
            ],
        ),
        [line('label = { en = "Users"')],
        [line('label = { en = "Users"').replace("사용자 수", "사용자")],
    ),
    (
        "summary paragraph",
        lambda c: attrs.evolve(
            c, summary=translated(c.summary, "en", str(dict(c.summary.translations)["en"]) + "!")
        ),
        [line("A cell marked “not stated”")],
        [line("A cell marked “not stated”").replace('."""', '.!"""')],
    ),
]


@pytest.mark.parametrize(
    ("change", "removed", "added"),
    [pytest.param(change, removed, added, id=name) for name, change, removed, added in EDITS],
)
def test_one_edit_touches_its_lines(
    sample: Comparison,
    change: Callable[[Comparison], Comparison],
    removed: list[str],
    added: list[str],
) -> None:
    """Each kind of edit changes exactly its own lines; every other comment stays."""
    result = updated(change(sample))
    assert diff(TEXT, result) == (removed, added)
    assert [c for c in comments(TEXT) if c not in removed] == comments(result)


def test_added_value_goes_after_the_last(sample: Comparison) -> None:
    """A new value is written after the product's last value, in its values table."""
    result = updated(with_value(sample, "feishu", "users", Value(1_000)))
    lines = result.splitlines()
    index = lines.index(line("planned_apps = {"))
    assert lines[index + 1] == "users = 1000"


def test_add_a_source(sample: Comparison) -> None:
    """A new source goes after the last source, before the comment that heads the groups."""
    source = Source(id="second", title="A second source")
    new = edit(
        attrs.evolve(sample, sources=[*sample.sources, source]),
        "welink",
        "provincial_agencies",
        source=("second",),
    )
    result = updated(new)
    removed, added = diff(TEXT, result)
    agencies = line("provincial_agencies")
    assert removed == [agencies]
    assert added == [
        "",
        "[[sources]]",
        'id = "second"',
        'title = "A second source"',
        agencies.replace(" }", ', source = "second" }'),
    ]
    assert result.index('id = "second"') < result.index("# ------") < result.index("[[groups]]")


def test_add_a_product(sample: Comparison) -> None:
    """A new product goes after the last product, before the [theme] and its comment that
    end the sample: nothing else changes."""
    zoom = Product(id="zoom", name="Zoom", values={"users": 300_000_000})
    result = updated(attrs.evolve(sample, products=[*sample.products, zoom]))
    theme = TEXT.index("\n# How the reports look")
    assert result.startswith(TEXT[:theme])
    assert result.endswith(TEXT[theme:])
    assert result[theme : len(result) - len(TEXT) + theme] == (
        '\n[[products]]\nid = "zoom"\nname = "Zoom"\n\n[products.values]\nusers = 300000000\n'
    )


def test_add_a_feature(sample: Comparison) -> None:
    """A new feature goes after the last feature, above the comment that heads the products."""
    feature = Feature(id="rating", label={"en": "Rating"}, type="number", group="product")
    result = updated(attrs.evolve(sample, features=[*sample.features, feature]))
    block = '[[features]]\nid = "rating"\nlabel = { en = "Rating" }\ntype = "number"\n'
    block += 'group = "product"\n'
    header = "# ---------------------------------------------------------------- products"
    last = LINES[LINES.index(header) - 2]
    assert result == TEXT.replace(f"{last}\n\n{header}", f"{last}\n\n{block}\n{header}")


def test_remove_a_product(sample: Comparison) -> None:
    """A removed product goes with its lines; its neighbours and their comments stay."""
    result = updated(
        attrs.evolve(sample, products=[p for p in sample.products if p.id != "welink"])
    )
    removed, added = diff(TEXT, result)
    start = LINES.index('id = "welink"') - 1
    end = LINES.index('id = "feishu"') - 1
    assert added == []
    assert sorted(removed) == sorted(LINES[start:end])
    assert comments(result) == [c for c in comments(TEXT) if c not in LINES[start:end]]


def test_remove_the_first_product_keeps_the_section_comment(sample: Comparison) -> None:
    """Removing the first product keeps the comment that heads the products above the next."""
    views = [attrs.evolve(v, products=v.products[1:]) for v in sample.views]  # no dingtalk
    result = updated(attrs.evolve(sample, products=sample.products[1:], views=views))
    header = "# ---------------------------------------------------------------- products"
    assert f'{header}\n\n[[products]]\nid = "wechat_work"' in result


def test_remove_the_last_feature(sample: Comparison) -> None:
    """Removing the last feature (and its values) keeps the products' heading comment."""
    last = sample.features[-1].id
    products = [
        attrs.evolve(p, values={k: v for k, v in p.values.items() if k != last})
        for p in sample.products
    ]
    result = updated(attrs.evolve(sample, features=sample.features[:-1], products=products))
    assert len(comments(result)) == len(comments(TEXT))
    assert (
        "\n\n# ---------------------------------------------------------------- products\n\n"
        in (result)
    )


def test_reorder_products(sample: Comparison) -> None:
    """Products put in another order move with their comments; the result loads."""
    result = updated(attrs.evolve(sample, products=list(reversed(sample.products))))
    assert sorted(comments(result)) == sorted(comments(TEXT))
    assert result.index('id = "feishu"') < result.index('id = "dingtalk"')


def test_every_comment_kept_after_edits(sample: Comparison) -> None:
    """All 44 comment lines of the sample (its #:schema line among them) survive a set of
    value, feature and product edits."""
    assert len(comments(TEXT)) == 44
    new = edit(sample, "dingtalk", "users", value=210_000_000, qualifier="more_than")
    new = with_value(new, "feishu", "users", Value(5))
    new = attrs.evolve(
        new,
        features=[*new.features, Feature(id="rating", label="Rating", type="number")],
        products=[*new.products, Product(id="zoom", name="Zoom")],
    )
    result = updated(new)
    assert comments(result) == comments(TEXT)


# --------------------------------------------------------------------------- styles


STYLED = """\
#:schema ../docs/spec.schema.json
format = 1

[comparison]
title = 'Literal title'   # a comment after a value
summary = '''
First paragraph.'''

[[features]]
id = "n"
label = "N"
type = "count"

[[features]]
id = "t"
label = "T"
type = "text"

[[products]]
id = "a"
name = "A"
values = { n = 1_000, t = 'x' }
"""


def test_styles_kept() -> None:
    """Literal strings, multi-line strings, underscores and inline values keep their style."""
    old = loads(STYLED)
    product = attrs.evolve(old.products[0], values={"n": 2_000_000, "t": "y"})
    new = attrs.evolve(old, title="Other", summary="First paragraph.\nSecond.", products=[product])
    result = update(STYLED, new)
    assert loads(result) == new
    assert result == STYLED.replace("'Literal title'", "'Other'").replace(
        "First paragraph.'''", "First paragraph.\nSecond.'''"
    ).replace("values = { n = 1_000, t = 'x' }", "values = { n = 2_000_000, t = 'y' }")


def test_add_first_groups() -> None:
    """A spec without groups gets its first group before the features."""
    old = loads(STYLED)
    new = attrs.evolve(
        old,
        groups=[Group(id="g", label="G")],
        features=[attrs.evolve(f, group="g") for f in old.features],
    )
    result = update(STYLED, new)
    assert loads(result) == new
    assert result.index("[[groups]]") < result.index("[[features]]")
    assert result.startswith("#:schema ../docs/spec.schema.json\n")


# --------------------------------------------------------------------------- properties


@st.composite
def edited(draw: st.DrawFn, c: Comparison) -> Comparison:
    """``c`` with one to three random edits: values changed, added or removed, products
    added, removed or reordered, labels changed, or the whole comparison replaced."""
    sources = [s.id for s in c.sources]
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.integers(0, 6))
        products = list(c.products)
        index = draw(st.integers(0, len(products) - 1))
        product = products[index]
        feature = draw(st.sampled_from(c.features))
        values = dict(product.values)
        if choice == 0:
            values[feature.id] = draw(values_for(feature.type, sources))
        elif choice == 1:
            values.pop(feature.id, None)
        elif choice == 2 and len(products) > 1:
            del products[index]
        elif choice == 3:
            products.reverse()
        elif choice == 4:
            c = attrs.evolve(c, title=draw(labels), summary=draw(st.none() | labels))
        elif choice == 5:
            new_id = product.id + "-2"
            if any(p.id.casefold() == new_id.casefold() for p in products):
                reject()
            products.insert(index + 1, attrs.evolve(product, id=new_id, name=draw(labels)))
        else:
            return draw(comparisons())
        if choice in (0, 1):
            products[index] = attrs.evolve(product, values=values)
        try:
            c = attrs.evolve(c, products=products)
        except ModelError:
            reject()
    return c


@settings(max_examples=60)
@given(st.data())
def test_update_dumped_property(data: st.DataObject) -> None:
    """For generated comparisons and random edits, update(dump(c), c2) loads to c2."""
    c = data.draw(comparisons())
    text = dump(c)
    assert update(text, c) == text
    new = data.draw(edited(c))
    assert loads(update(text, new)) == new


@settings(max_examples=40)
@given(st.data())
def test_update_sample_property(sample: Comparison, data: st.DataObject) -> None:
    """Random edits to the sample load back, and every comment of an untouched product stays."""
    new = data.draw(edited(sample))
    result = update(TEXT, new)
    assert loads(result) == new
    if new.products == sample.products:
        assert comments(result) == comments(TEXT)


# --------------------------------------------------------------------------- errors and files


def test_update_refuses_bad_arguments(sample: Comparison) -> None:
    """update() needs spec text and a Comparison; a spec with problems raises SpecError."""
    with pytest.raises(TypeError, match="update\\(\\) edits spec text"):
        update(b"format = 1", sample)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="update\\(\\) writes a Comparison"):
        update(TEXT, {"title": "x"})  # type: ignore[arg-type]
    with pytest.raises(SpecError, match=r"x\.toml:1: format"):
        update("format = 2\n", sample, name="x.toml")


def test_update_split_arrays() -> None:
    """Products split around features (valid TOML) are still edited to a spec that loads."""
    text = (
        'format = 1\n[comparison]\ntitle = "T"\n[[features]]\nid = "f"\nlabel = "F"\n'
        'type = "count"\n[[products]]\nid = "a"\nname = "A"\n[[features]]\nid = "g"\n'
        'label = "G"\ntype = "count"\n[[products]]\nid = "b"\nname = "B"\n'
    )
    old = loads(text)
    new = attrs.evolve(old, products=old.products[:1])
    assert loads(update(text, new)) == new


def test_update_refuses_inline_arrays() -> None:
    """Products written as an inline array cannot be added to in place: a clear SpecError."""
    text = (
        'format = 1\n[comparison]\ntitle = "T"\n[[features]]\nid = "f"\nlabel = "F"\n'
        'type = "count"\n\nproducts = []\n'
    )
    text = text.replace("products = []\n", "").replace(
        "format = 1\n", 'format = 1\nproducts = [{ id = "a", name = "A" }]\n'
    )
    old = loads(text)
    new = attrs.evolve(old, products=[*old.products, Product(id="b", name="B")])
    with pytest.raises(SpecError) as info:
        update(text, new, name="inline.toml")
    assert str(info.value.problems[0]) == (
        "inline.toml: products: write [[products]] as tables one after another to edit the "
        "spec in place"
    )


def test_update_file(tmp_path: Path, sample: Comparison) -> None:
    """update_file edits the file in place, keeps its mode, and says whether it changed."""
    path = tmp_path / "spec.toml"
    path.write_text(TEXT, encoding="utf-8")
    os.chmod(path, 0o640)
    assert update_file(path, sample) is False
    new = edit(sample, "dingtalk", "users", value=1)
    assert update_file(path, new) is True
    assert path.read_text(encoding="utf-8") == update(TEXT, new)
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.toml"]


def test_update_file_writes_nothing_on_a_bug(
    tmp_path: Path, sample: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the edited text would not load to the new comparison, RenderError and no write."""
    path = tmp_path / "spec.toml"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(editor, "_edit_kind", lambda *args: None)
    with pytest.raises(RenderError, match="would load to another comparison"):
        update_file(path, edit(sample, "dingtalk", "users", value=1))
    assert path.read_text(encoding="utf-8") == TEXT


def test_update_file_bad_spec(tmp_path: Path, sample: Comparison) -> None:
    """A spec file that is not UTF-8 gets the reader's message, and stays as it was."""
    path = tmp_path / "spec.toml"
    path.write_bytes(b"\xff\xfeformat = 1\n")
    with pytest.raises(SpecError, match="UTF-16"):
        update_file(path, sample)
    assert path.read_bytes() == b"\xff\xfeformat = 1\n"


def test_scoring_is_not_changed_silently(sample: Comparison) -> None:
    """A change to [scoring] or [[findings]], which this editor does not make yet, is refused
    with a message naming them; nothing is dropped or half-changed."""
    scored = attrs.evolve(sample, scoring=Scoring(weights={"users": 1}))
    with pytest.raises(SpecError, match=r"does not yet change \[scoring\]"):
        update(TEXT, scored)
