"""The layout builder (``layout/build.py``): marks, best-in-row, notes, legend, sources, labels,
transposition, and the parts of headings and citations."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from builders import cells, one

import comparekit
from comparekit import (
    Comparison,
    Feature,
    FormatError,
    Product,
    Show,
    Source,
    Value,
    build_table,
)
from comparekit.layout import BEST_MARK, CellKind


def test_max_and_marks_differ() -> None:
    """Not stated, n/a, No and partial each look different, and max is shown."""
    feature = Feature(id="f", label="F", type="boolean")
    comparison = one(
        feature,
        Value(True),
        Value(False),
        Value(status="not_applicable"),
        Value(),
        Value(True, qualifier="partial", note="Only small firms."),
    )
    table = build_table(comparison)
    row = table.rows[0].cells
    assert [c.kind for c in row] == [
        CellKind.KNOWN,
        CellKind.NO,
        CellKind.NOT_APPLICABLE,
        CellKind.NOT_STATED,
        CellKind.KNOWN,
    ]
    assert [c.text for c in row] == ["Yes", "No", "n/a", "not stated", "Yes (partial)"]
    assert row[4].partial
    assert len({c.text for c in row[1:]}) == 4
    capacity = one(Feature(id="c", label="C", type="count"), Value(102, max=302))
    assert cells(capacity) == ["102 (up to 302)"]


def test_best_in_row_ties_and_not_stated() -> None:
    """Best-in-row marks every tied best value and ignores not-stated cells."""
    higher = Feature(id="f", label="F", type="change", better="higher")
    comparison = one(higher, Value(350), Value(70), Value(), Value(350))
    best = [c.best for c in build_table(comparison).rows[0].cells]
    assert best == [True, False, False, True]
    assert cells(comparison)[0] == f"+350% {BEST_MARK}"
    lower = Feature(id="r", label="Rank", type="count", better="lower")
    assert [c.best for c in build_table(one(lower, Value(3), Value(1))).rows[0].cells] == [
        False,
        True,
    ]


def test_best_needs_two_values_and_one_currency() -> None:
    """A lone value is not 'best', nor are amounts in different currencies compared."""
    feature = Feature(id="f", label="F", type="count", better="higher")
    assert not any(c.best for c in build_table(one(feature, Value(5), Value())).rows[0].cells)
    money = Feature(id="m", label="M", type="money", better="higher")
    mixed = one(money, Value(5, currency="USD"), Value(9, currency="CNY"))
    assert not any(c.best for c in build_table(mixed).rows[0].cells)


def test_notes_numbered_in_reading_order_and_shared() -> None:
    """Notes are numbered in reading order; identical notes share one number."""
    a = Feature(id="a", label="A", type="count")
    b = Feature(id="b", label="B", type="count", description="What B means.")
    products = [
        Product(id="x", name="X", values={"a": Value(1, note="Same."), "b": Value(2)}),
        Product(
            id="y", name="Y", values={"a": Value(3, note="Other."), "b": Value(4, note="Same.")}
        ),
    ]
    table = build_table(Comparison(title="T", features=[a, b], products=products))
    assert [n.text for n in table.notes] == ["Same.", "Other.", "What B means."]
    assert table.notes[0].places == ("X · A", "Y · B")
    assert table.grid()[1:] == [["A", "1 [1]", "3 [2]"], ["B [3]", "2", "4 [1]"]]


def test_as_of_that_differs_becomes_a_note() -> None:
    """A value's own as-of date is stated in its note, in the report's language."""
    feature = Feature(id="u", label="U", type="count")
    comparison = one(
        feature, Value(5, as_of=dt.date(2019, 6, 30), note="Per X."), as_of=dt.date(2020, 2, 28)
    )
    assert build_table(comparison).notes[0].text == "As of 30 Jun 2019. Per X."
    assert build_table(comparison, "ko").notes[0].text == "2019년 6월 30일 기준. Per X."


def test_year_end_as_of_reads_as_the_end_of_the_year() -> None:
    """A 31 December as_of (how a year-only date is written) reads "the end of" the year."""
    feature = Feature(id="u", label="U", type="count")
    comparison = one(feature, Value(5, as_of=dt.date(2017, 12, 31)), as_of=dt.date(2020, 2, 28))
    texts = [build_table(comparison, lang).notes[0].text for lang in ("en", "ko", "zh")]
    assert texts == ["As of the end of 2017.", "2017년 말 기준.", "截至2017年底。"]


def test_legend_lists_only_marks_used() -> None:
    """The legend explains exactly the marks the table uses."""
    feature = Feature(id="f", label="F", type="count", better="higher")
    table = build_table(one(feature, Value(1), Value(2)))
    assert [e.kind for e in table.legend] == ["best"]
    table = build_table(one(feature, Value(), Value(status="not_applicable")))
    assert [e.kind for e in table.legend] == ["not_stated", "not_applicable"]


def test_sources_cited_and_groups_ordered(sample: Comparison) -> None:
    """Only cited sources are listed; sections follow the spec's group order."""
    table = build_table(sample)
    assert [s.id for s in table.sources] == ["digital-china-2020"]
    in_matrix = {f.group for f in sample.features if f.show is not Show.HIGHLIGHTS}
    assert [s.id for s in table.sections] == [g.id for g in sample.groups if g.id in in_matrix]
    extra = Comparison(
        title="T",
        sources=[Source(id="a", title="A"), Source(id="b", title="B", url="https://b.example")],
        features=[Feature(id="f", label="F", type="count")],
        products=[Product(id="p", name="P", values={"f": Value(1, source="b")})],
    )
    assert [s.id for s in build_table(extra).sources] == ["b"]


def test_labels_fall_back_and_transpose(sample: Comparison) -> None:
    """Labels are translated, and a transposed table puts products in rows."""
    assert build_table(sample, "zh").columns[0].text == "钉钉"
    assert build_table(sample, "ko").columns[0].text == "딩톡"
    flipped = build_table(sample, "en", transposed=True)
    assert [r.heading.id for r in flipped.rows] == [p.id for p in sample.products]
    assert len(flipped.columns) == len(straight_rows := build_table(sample, "en").rows)
    assert [c.id for c in flipped.columns] == [r.heading.id for r in straight_rows]
    straight = build_table(sample, "en")
    assert flipped.rows[0].cells[0].text == straight.rows[0].cells[0].text


def test_unknown_language_is_refused(sample: Comparison) -> None:
    """Rendering in a language comparekit does not speak names the ones it does."""
    with pytest.raises(FormatError, match="comparekit speaks en, ko, zh"):
        build_table(sample, "fr")


def test_long_place_lists_are_counted() -> None:
    """A note shared by many cells lists eight places and counts the rest, in words."""
    feature = Feature(id="f", label="F", type="count")
    comparison = one(feature, *[Value(i, note="Shared.") for i in range(20)])
    note = build_table(comparison).notes[0]
    assert len(note.places) == 20
    assert note.shown_places[-1] == "and 12 more"
    assert len(note.shown_places) == 9
    assert note.where.endswith("; and 12 more)")
    assert build_table(comparison, "zh").notes[0].where.endswith("；另有12处）")


def test_heading_parts_make_its_display() -> None:
    """A feature heading gives its label, unit as shown and note markers apart, in order."""
    feature = Feature(id="u", label="Users", type="count", unit="people", description="Active.")
    for lang, unit_text in (("en", " (people)"), ("zh", "（people）")):
        heading = build_table(one(feature, Value(1)), lang).rows[0].heading
        assert (heading.text, heading.unit_text, heading.refs) == ("Users", unit_text, "[1]")
        assert heading.display == f"Users{unit_text} [1]"


def test_source_parts_make_its_citation() -> None:
    """A source's citation is its title then its details; link and lang come checked."""
    source = Source(
        id="s", title="Report", publisher="CNNIC", url="https://example.com/r", language="zh-Hans"
    )
    comparison = Comparison(
        title="T",
        sources=[source],
        features=[Feature(id="f", label="F", type="count")],
        products=[Product(id="p", name="P", values={"f": Value(1, source="s")})],
    )
    entry = build_table(comparison).sources[0]
    assert (entry.title, entry.details) == ("Report", ", CNNIC")
    assert entry.citation == entry.title + entry.details
    assert (entry.link, entry.lang) == ("https://example.com/r", "zh-Hans")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ((None,), "build_table() lays out a Comparison, got None"),
        (("title",), 'build_table() lays out a Comparison, got "title"'),
        ((Comparison(title="T"), 5), "lang must be a language tag (str) or None, got integer 5"),
        (
            (Comparison(title="T"), ["en"]),
            "lang must be a language tag (str) or None, got an array of 1",
        ),
    ],
)
def test_build_table_arguments_of_the_wrong_type(
    arguments: tuple[object, ...], expected: str
) -> None:
    """build_table() refuses a non-comparison or a non-text language with a TypeError
    (an AttributeError, or "unhashable type", came from inside before)."""
    with pytest.raises(TypeError) as info:
        build_table(*arguments)  # type: ignore[arg-type]
    assert str(info.value) == expected


def test_every_cited_cell_is_marked_in_every_text_format() -> None:
    """A cited cell without a note carries [S1] in the table, txt, md and the xlsx Matrix;
    sources are numbered in the order of the spec, the legend explains the mark, and a
    product's default source is cited by its values that name none."""
    comparison = Comparison(
        title="T",
        sources=[Source(id="one", title="First"), Source(id="two", title="Second")],
        features=[Feature(id="u", label="Users", type="count")],
        products=[
            Product(id="a", name="A", values={"u": Value(5)}, source="two"),
            Product(id="b", name="B", values={"u": Value(7, source=["one", "two"], note="N.")}),
            Product(id="c", name="C", source="one"),
        ],
    )
    table = build_table(comparison)
    a, b, c = table.rows[0].cells
    assert (a.display, a.sources, b.display, b.sources) == ("5 [S2]", (2,), "7 [1] [S1,S2]", (1, 2))
    assert c.sources == ()
    assert c.refs == ""
    assert [(s.marker, s.number) for s in table.sources] == [("[S1]", 1), ("[S2]", 2)]
    assert ("[S1]", "source") in [(e.mark, e.kind) for e in table.legend]
    txt = comparekit.render(comparison, "txt").decode()
    md = comparekit.render(comparison, "md").decode()
    assert "5 [S2]" in txt
    assert "[S1] First" in txt
    assert "5 \\[S2\\]" in md
    assert "\\[S2\\] Second" in md
    book = openpyxl.load_workbook(io.BytesIO(comparekit.render(comparison, "xlsx")))
    matrix = {cell.value for row in book["Matrix"].iter_rows() for cell in row}
    notes = {cell.value for row in book["Notes"].iter_rows() for cell in row}  # the sources
    assert {"5 [S2]", "7 [1] [S1,S2]"} <= matrix
    assert {"[S1] First", "[S2] Second"} <= notes
