"""The charts' data and words, from hand-made comparisons (comparekit/layout/charts.py)."""

from __future__ import annotations

import math

import pytest

from comparekit import Comparison, Feature, FeatureType, Group, Product, Value, build_table
from comparekit.layout.charts import Bar, Chart, Key, nice_ticks, series
from comparekit.model.scoring import score

CAPACITY = Feature(
    id="cap",
    label={"en": "Capacity", "ko": "인원"},
    type="count",
    unit="people",
    better="higher",
    chart=True,
)


def capacity(**extra: object) -> Comparison:
    """Four products: a range, a qualified figure, a partial one and one not stated."""
    return Comparison(
        title="T",
        features=[CAPACITY, Feature(id="free", label="Free", type="boolean")],
        products=[
            Product(id="a", name="A", values={"cap": Value(102, max=302), "free": True}),
            Product(id="b", name="B", values={"cap": Value(300, qualifier="up_to")}),
            Product(
                id="c",
                name="C",
                values={"cap": Value(100, qualifier="partial", note="Free offer.")},
            ),
            Product(id="d", name={"en": "D", "ko": "디"}, values={"free": False}),
        ],
        **extra,  # type: ignore[arg-type]
    )


def test_a_feature_chart_has_a_bar_per_product_and_a_gap_for_not_stated() -> None:
    """Bars in product order; the not-stated value has no height (not 0) and says so."""
    (chart,) = build_table(capacity()).charts
    assert chart.id == "feature-cap"
    assert chart.feature == "cap"
    assert chart.kind == "count"
    assert chart.title == "Capacity (people)"
    assert chart.axis == "people"
    assert [(b.product, b.value, b.high, b.mark) for b in chart.bars] == [
        ("a", 102.0, 302.0, ""),
        ("b", 300.0, None, "up_to"),
        ("c", 100.0, None, "partial"),
        ("d", None, None, ""),
    ]
    assert [b.text for b in chart.bars] == [
        "102 (up to 302)",
        "up to 300",
        "100 (partial)",
        "not stated",
    ]
    assert chart.bars[3].caption == "D · not stated"
    assert all(tick.value != 0 or tick.text == "0" for tick in chart.ticks)


def test_the_gap_and_the_legend_are_in_the_report_language() -> None:
    """In Korean: the gap says 언급 없음, the qualifiers and the range are explained in Korean."""
    (chart,) = build_table(capacity(), "ko").charts
    assert chart.title == "인원 (people)"
    assert chart.bars[3].text == "언급 없음"
    assert chart.bars[3].caption == "디 · 언급 없음"
    assert [(k.kind, k.code, k.text) for k in chart.keys] == [
        ("plain", "", "출처 수치 그대로"),
        ("mark", "up_to", "최대"),
        ("mark", "partial", "일부"),
        ("high", "", "점선: 밝힌 최대치까지"),
    ]


def test_not_applicable_is_a_gap_with_its_own_words() -> None:
    """A value that does not apply is no bar either, labelled n/a."""
    c = Comparison(
        title="T",
        features=[CAPACITY],
        products=[
            Product(id="a", name="A", values={"cap": Value(None, status="not_applicable")}),
            Product(id="b", name="B", values={"cap": 3}),
        ],
    )
    (chart,) = build_table(c).charts
    assert (chart.bars[0].value, chart.bars[0].text) == (None, "n/a")
    assert chart.keys == ()  # nothing qualified, no max: no legend


def test_series_stack_qualified_figures_apart_and_a_max_as_its_difference() -> None:
    """Each bar's figure is in exactly one series; the max's part is max − figure."""
    (chart,) = build_table(capacity()).charts
    drawn = series(chart)
    assert [(s.kind, s.code) for s in drawn] == [
        ("plain", ""),
        ("mark", "up_to"),
        ("mark", "partial"),
        ("high", ""),
    ]
    assert drawn[0].values == (102.0, None, None, None)
    assert drawn[1].values == (None, 300.0, None, None)
    assert drawn[2].values == (None, None, 100.0, None)
    assert drawn[3].values == (200.0, None, None, None)


def test_charts_follow_the_matrix_order_and_only_where_asked() -> None:
    """Only features with chart = true get one, in the matrix's (group) order."""
    groups = [Group(id="g1", label="G1"), Group(id="g2", label="G2")]
    c = Comparison(
        title="T",
        groups=groups,
        features=[
            Feature(id="w", label="W", type="number", group="g2", chart=True),
            Feature(id="y", label="Y", type="percent", group="g1", chart=True),
            Feature(id="z", label="Z", type="number", group="g1"),
        ],
        products=[Product(id="a", name="A", values={"w": 1.5, "y": 80, "z": 2})],
    )
    assert [chart.id for chart in build_table(c).charts] == ["feature-y", "feature-w"]
    plain = Comparison(title="T", features=[Feature(id="w", label="W", type="number")])
    assert build_table(plain).charts == ()


def test_ticks_are_formatted_as_the_feature_formats_its_figures() -> None:
    """A change's ticks read +100% (numbers.py via cells.py), a count's 200 million."""
    growth = Feature(id="g", label="Growth", type="change", chart=True)
    users = Feature(id="u", label="Users", type="count", chart=True)
    c = Comparison(
        title="T",
        features=[growth, users],
        products=[
            Product(id="a", name="A", values={"g": 350, "u": 200_000_000}),
            Product(id="b", name="B", values={"g": -20, "u": 60_000_000}),
        ],
    )
    g, u = build_table(c).charts
    assert [t.text for t in g.ticks] == ["−100%", "0%", "+100%", "+200%", "+300%", "+400%"]
    assert [t.text for t in u.ticks][:3] == ["0", "50 million", "100 million"]
    assert [t.text for t in build_table(c, "zh").charts[1].ticks][-1] == "2亿"


@pytest.mark.parametrize(
    ("heights", "expected"),
    [
        ([3], [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]),
        ([0.35], [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35]),
        ([-5, -1], [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0]),
        ([7, 7], [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
    ],
)
def test_nice_ticks(heights: list[float], expected: list[float]) -> None:
    """From zero (or below), a step of 1, 2 or 5 × 10^n, covering the highest figure."""
    assert nice_ticks(heights) == expected
    assert len(expected) <= 8


def test_a_count_steps_by_whole_numbers() -> None:
    """A count's axis never shows half a participant."""
    assert nice_ticks([3], FeatureType.COUNT) == [0.0, 1.0, 2.0, 3.0]


SCORED = {
    "weights": {"cap": 2, "free": 1},
    "missing": "exclude",
}


def test_totals_chart_ranks_best_first_and_stacks_add_up_to_the_total() -> None:
    """Bars by rank; each weight's part per bar, summing to score()'s total."""
    c = capacity(scoring=SCORED)
    scores = score(c)
    table = build_table(c)
    totals = table.charts[0]
    assert totals.id == "totals"
    assert [chart.id for chart in table.charts] == [
        "totals",
        "feature-cap",
    ]
    ranked = sorted(scores.products, key=lambda p: p.rank)
    assert [b.product for b in totals.bars] == [p.product for p in ranked]
    assert [s.id for s in totals.stacks] == ["cap", "free"]
    for index, bar in enumerate(totals.bars):
        parts = [s.values[index] for s in totals.stacks if s.values[index] is not None]
        if bar.value is None:
            assert parts == []
        else:
            assert math.isclose(math.fsum(parts), bar.value, abs_tol=1e-12)
    assert totals.bars[0].caption.startswith("1. ")
    assert totals.ticks[-1].text == "100"  # out of 100, as the scores table


def test_totals_of_a_group_weight_sum_its_features() -> None:
    """A group's weight is one stack: the sum of its features' contributions."""
    c = Comparison(
        title="T",
        groups=[Group(id="g", label={"en": "Group", "zh": "组"})],
        features=[
            Feature(id="v", label="V", type="number", group="g", better="higher"),
            Feature(id="y", label="Y", type="number", group="g", better="higher"),
            Feature(id="t", label="T", type="text", group="g"),
            Feature(id="z", label="Z", type="boolean"),
        ],
        products=[
            Product(id="a", name="A", values={"v": 1, "y": 2, "z": True, "t": "n"}),
            Product(id="b", name="B", values={"v": 3, "y": 1, "z": False}),
        ],
        scoring={"weights": {"g": 3, "z": 1}},
    )
    totals = build_table(c, "zh").charts[0]
    assert [s.label for s in totals.stacks] == ["组", "Z"]
    scores = score(c)
    for index, bar in enumerate(totals.bars):
        contributions = dict(scores.of(bar.product).contributions)
        group = totals.stacks[0].values[index]
        assert group is not None
        assert math.isclose(group, 100 * ((contributions["v"] or 0) + (contributions["y"] or 0)))


def test_series_of_a_hand_made_chart() -> None:
    """series() reads the keys: no qualifier, no max: one series titled by the axis."""
    chart = Chart(
        id="x",
        title="Users",
        axis="people",
        bars=(Bar("a", "A", 5.0, "5", "A"), Bar("b", "B", None, "not stated", "B")),
        ticks=(),
        keys=(Key("stack", "ignored", "ignored"),),
        description="",
    )
    assert [(s.kind, s.title, s.values) for s in series(chart)] == [
        ("plain", "people", (5.0, None))
    ]


def test_a_chart_turned_on_reads_as_a_change_in_words() -> None:
    """diff sees the flag; the report words it Yes/No in its language, not True/False."""
    from comparekit.layout import change_entries
    from comparekit.layout.words import WORDS
    from comparekit.model.diff import diff

    old = Comparison(title="T", features=[Feature(id="n", label="N", type="count")])
    new = Comparison(title="T", features=[Feature(id="n", label="N", type="count", chart=True)])
    (entry,) = change_entries(diff(old, new), old, new, WORDS["ko"])
    assert entry.text.endswith("아니요 → 예")
