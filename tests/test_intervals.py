"""Best-in-row marks only a value that provably beats or ties every other known value of its row."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparekit import Comparison, Feature, Product, Qualifier, Value, build_table
from comparekit.layout.intervals import best_of, dominates, interval

QUALIFIERS: tuple[str | None, ...] = (None, *(q.value for q in Qualifier))
CODES = ("-", "ab", "mt", "al", "up", "av", "pa", "pl", "un")

# Written by hand from docs/spec-format.md's table of cases, not from the code: rows are
# product A's qualifier, columns product B's, in the order of CODES; each entry says
# which of the two is marked best ("." neither, "AB" both).
EQUAL_HIGHER = """
    -  ab mt al up av pa pl un
-   AB .  B  B  A  .  .  .  .
ab  .  .  .  .  .  .  .  .  .
mt  A  .  .  .  A  .  .  .  .
al  A  .  .  .  A  .  .  .  .
up  B  .  B  B  .  .  .  .  .
av  .  .  .  .  .  .  .  .  .
pa  .  .  .  .  .  .  .  .  .
pl  .  .  .  .  .  .  .  .  .
un  .  .  .  .  .  .  .  .  .
"""
"""A = 10 and B = 10, higher is better."""

EQUAL_LOWER = """
    -  ab mt al up av pa pl un
-   AB .  A  A  B  .  .  .  .
ab  .  .  .  .  .  .  .  .  .
mt  B  .  .  .  B  .  .  .  .
al  B  .  .  .  B  .  .  .  .
up  A  .  A  A  .  .  .  .  .
av  .  .  .  .  .  .  .  .  .
pa  .  .  .  .  .  .  .  .  .
pl  .  .  .  .  .  .  .  .  .
un  .  .  .  .  .  .  .  .  .
"""
"""A = 10 and B = 10, lower is better."""

CLOSE_HIGHER = """
    -  ab mt al up av pa pl un
-   A  .  .  .  A  .  .  .  .
ab  .  .  .  .  .  .  .  .  .
mt  A  .  .  .  A  .  .  .  .
al  A  .  .  .  A  .  .  .  .
up  .  .  .  .  .  .  .  .  .
av  .  .  .  .  .  .  .  .  .
pa  .  .  .  .  .  .  .  .  .
pl  .  .  .  .  .  .  .  .  .
un  .  .  .  .  .  .  .  .  .
"""
"""A = 10 and B = 9.5, higher is better: "about 10" (9 to 11) no longer beats 9.5, and
"about 9.5" (8.55 to 10.45) may pass 10."""

CLOSE_LOWER = """
    -  ab mt al up av pa pl un
-   B  .  .  .  B  .  .  .  .
ab  .  .  .  .  .  .  .  .  .
mt  B  .  .  .  B  .  .  .  .
al  B  .  .  .  B  .  .  .  .
up  .  .  .  .  .  .  .  .  .
av  .  .  .  .  .  .  .  .  .
pa  .  .  .  .  .  .  .  .  .
pl  .  .  .  .  .  .  .  .  .
un  .  .  .  .  .  .  .  .  .
"""
"""A = 10 and B = 9.5, lower is better: B wins where its high end is 9.5 and A's low end 10."""


def _grid(text: str) -> dict[tuple[str, str], str]:
    lines = text.strip().splitlines()
    header = lines[0].split()
    assert tuple(header) == CODES
    out = {}
    for line in lines[1:]:
        row, *entries = line.split()
        assert len(entries) == len(CODES)
        for column, entry in zip(header, entries, strict=True):
            out[(row, column)] = "" if entry == "." else entry
    return out


CASES = [
    (name, better, a, b, qa, qb, _grid(grid)[(ca, cb)])
    for name, better, a, b, grid in (
        ("equal", "higher", 10, 10, EQUAL_HIGHER),
        ("equal", "lower", 10, 10, EQUAL_LOWER),
        ("close", "higher", 10, 9.5, CLOSE_HIGHER),
        ("close", "lower", 10, 9.5, CLOSE_LOWER),
    )
    for qa, ca in zip(QUALIFIERS, CODES, strict=True)
    for qb, cb in zip(QUALIFIERS, CODES, strict=True)
]


def _note(qualifier: str | None) -> str | None:
    return "Part of the offer." if qualifier == "partial" else None


def _row(better: str, *values: Value) -> Comparison:
    feature = Feature(id="f", label="F", type="number", better=better)
    products = [Product(id=f"p{i}", name=f"P{i}", values={"f": v}) for i, v in enumerate(values)]
    return Comparison(title="T", features=[feature], products=products)


def _marked(comparison: Comparison) -> str:
    cells = build_table(comparison).rows[0].cells
    return "".join(name for name, cell in zip("ABCDEFGH", cells, strict=False) if cell.best)


@pytest.mark.parametrize(
    ("case", "better", "a", "b", "qa", "qb", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[4]}-{c[5]}" for c in CASES],
)
def test_qualifier_pairs(
    case: str, better: str, a: float, b: float, qa: str | None, qb: str | None, expected: str
) -> None:
    """Every qualifier pair, both directions, marks what the hand-written table says."""
    comparison = _row(
        better,
        Value(a, qualifier=qa, note=_note(qa)),
        Value(b, qualifier=qb, note=_note(qb)),
    )
    assert _marked(comparison) == expected


@pytest.mark.parametrize(
    ("better", "values", "expected"),
    [
        # The issue's cases: "up to 300" beside "102 (up to 302 on request)" marks nothing.
        (
            "higher",
            [Value(102, max=302, condition="on request"), Value(300, qualifier="up_to")],
            "",
        ),
        # "at least 7" and "up to 7" do not beat "1 (up to 90)".
        ("higher", [Value(7, qualifier="at_least"), Value(1, max=90)], ""),
        ("higher", [Value(7, qualifier="up_to"), Value(1, max=90)], ""),
        # Lower is better: "up to 5" beats 7 (at most 5 < 7), but not "3 (up to 10)".
        ("lower", [Value(5, qualifier="up_to"), Value(7)], "A"),
        ("lower", [Value(5, qualifier="up_to"), Value(3, max=10)], ""),
        ("lower", [Value(4), Value(5, qualifier="more_than")], "A"),
        # A max is the high end: 102 to 302 beats exactly 100, and 100 to 300 ties 300 at best.
        ("higher", [Value(102, max=302), Value(100)], "A"),
        ("higher", [Value(300), Value(100, max=300)], "A"),
        ("lower", [Value(100, max=300), Value(300)], "A"),
        # Ties are all marked; a row with an unbounded value marks nothing.
        ("higher", [Value(350), Value(70), Value(350)], "AC"),
        ("higher", [Value(350), Value(70), Value(3, qualifier="average")], ""),
    ],
)
def test_issue_cases(better: str, values: list[Value], expected: str) -> None:
    """The rows the review found wrong, and the max as the high end, mark as provable."""
    assert _marked(_row(better, *values)) == expected


def test_fractions_and_money_currencies() -> None:
    """A fraction ranks by its ratio; money in two currencies is never ranked."""
    hospitals = Feature(id="h", label="H", type="fraction", better="higher")
    assert best_of(hospitals, [Value((17, 20)), Value((37, 39))]) == {1}
    price = Feature(id="m", label="M", type="money", better="lower", currency="USD")
    assert best_of(price, [Value(5), Value(7, currency="EUR")]) == set()
    assert best_of(price, [Value(5), Value(7)]) == {0}


_OPEN = ("average", "partial", "planned", "uncertain")


def _ends(value: Value) -> tuple[float, float]:
    """Worst and best case of a value as the spec-format doc states them, for the property."""
    figure = float(value.value)  # type: ignore[arg-type]
    q = value.qualifier.value if value.qualifier else None
    low, high = figure, figure
    if q == "about":
        low, high = figure - abs(figure) / 10, figure + abs(figure) / 10
    elif q in ("more_than", "at_least"):
        high = math.inf
    elif q == "up_to":
        low = -math.inf
    elif q in _OPEN:
        low, high = -math.inf, math.inf
    if value.max is not None:
        high = float(value.max)  # type: ignore[arg-type]
    return low, high


@st.composite
def _values(draw: st.DrawFn) -> Value:
    figure = draw(st.integers(0, 40))
    qualifier = draw(st.sampled_from(QUALIFIERS))
    top = draw(st.none() | st.integers(figure, 60))
    return Value(figure, qualifier=qualifier, max=top, note=_note(qualifier))


@given(
    better=st.sampled_from(["higher", "lower"]),
    values=st.lists(_values() | st.just(Value()), min_size=2, max_size=6),
)
def test_a_marked_cell_dominates_its_row(better: str, values: list[Value]) -> None:
    """Property: a marked cell's worst case is at least as good as every other known
    value's best case; not-stated values take no part."""
    cells = build_table(_row(better, *values)).rows[0].cells
    known = [(i, _ends(v)) for i, v in enumerate(values) if v.value is not None]
    for index, cell in enumerate(cells):
        if not cell.best:
            continue
        low, high = _ends(values[index])
        for other, (other_low, other_high) in known:
            if other != index:
                if better == "higher":
                    assert low >= other_high
                else:
                    assert high <= other_low


@given(
    better=st.sampled_from(["higher", "lower"]),
    values=st.lists(_values() | st.just(Value()), min_size=0, max_size=8),
)
def test_best_of_is_every_value_that_dominates_all_others(better: str, values: list[Value]) -> None:
    """Property: best_of, which reads the row once, marks exactly the values that dominate
    every other ranked value pair by pair (the definition), ties and open ends included."""
    feature = Feature(id="f", label="F", type="number", better=better)
    bounds = [(i, b) for i, v in enumerate(values) if (b := interval(feature, v)) is not None]
    pairwise = (
        {
            i
            for i, b in bounds
            if all(dominates(b, other, feature.better) for j, other in bounds if j != i)
        }
        if len(bounds) > 1 and feature.better is not None
        else set()
    )
    assert best_of(feature, values) == pairwise


def test_best_of_reads_dates_and_ties() -> None:
    """Dates rank as points (earliest best when lower is better), and equal values tie."""
    launched = Feature(id="d", label="Launched", type="date", better="lower")
    early, late = dt.date(2012, 3, 1), dt.date(2015, 6, 1)
    assert best_of(launched, [Value(late), Value(early), Value(early)]) == {1, 2}
    assert best_of(launched, [Value(late), Value(early, qualifier="about")]) == set()
