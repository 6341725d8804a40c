"""Charts as data: what each chart shows and every word on it, resolved for one language.

A feature with ``chart = true`` gets a :class:`Chart` of its values, one :class:`Bar` per
product in the matrix's order: the bar's height is the figure, ``high`` its ``max`` (drawn
as a whisker), ``mark`` its qualifier (drawn hatched, explained in the legend), and a value
that is not stated has no height at all (a gap labelled in words, never a zero). A
comparison with ``[scoring]`` gets a chart of the totals, best rank first, each bar split
into the contribution of every weight (:attr:`Chart.stacks`), the numbers taken from
:func:`comparekit.model.scoring.score`.

Renderers map a chart onto their medium and decide nothing: the titles, axis labels, tick
labels, value labels and legend are all here, formatted by :mod:`comparekit.layout.numbers`
and :mod:`comparekit.layout.cells`.

>>> from comparekit.model import Comparison, Feature, Product, Value
>>> from comparekit.layout.words import WORDS
>>> c = Comparison(
...     title="T",
...     features=[Feature(id="cap", label="Capacity", type="count", chart=True)],
...     products=[
...         Product(id="a", name="A", values={"cap": Value(102, max=302)}),
...         Product(id="b", name="B", values={"cap": Value(300, qualifier="up_to")}),
...         Product(id="c", name="C"),
...     ],
... )
>>> chart = value_chart(c, c.features[0], WORDS["en"])
>>> [(bar.caption, bar.value, bar.high, bar.text, bar.mark) for bar in chart.bars]
[('A', 102.0, 302.0, '102 (up to 302)', ''), ('B', 300.0, None, 'up to 300', 'up_to'), \
('C · not stated', None, None, 'not stated', '')]
>>> [key.text for key in chart.keys]
['as stated', 'up to', 'dotted: up to the stated maximum']
>>> [tick.text for tick in chart.ticks]
['0', '50', '100', '150', '200', '250', '300', '350']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from comparekit.layout import numbers
from comparekit.layout.cells import value_text
from comparekit.layout.words import Words
from comparekit.model import NOT_STATED, Comparison, Feature, FeatureType, Label, Status, Value
from comparekit.model.scoring import Scores

__all__ = [
    "Bar",
    "Chart",
    "Key",
    "Series",
    "Stack",
    "Tick",
    "charts",
    "series",
    "totals_chart",
    "value_chart",
]


@attrs.frozen
class Bar:
    """One product's bar."""

    product: str
    """The product's id."""
    label: str
    """The product's name, under the bar."""
    value: float | None
    """The bar's height; ``None``: no bar (the value is not stated, or has no total)."""
    text: str
    """The value as the matrix shows it (or the not-stated words), next to the bar."""
    caption: str
    """What the axis shows for the bar: the name; with the not-stated words where there is
    no bar; with the total and its rank on the chart of totals (``1. DingTalk · 62.0``)."""
    high: float | None = None
    """The higher figure a value gives (its ``max``): a whisker from the bar's top to it."""
    mark: str = ""
    """The value's qualifier code (``about``, ``up_to``…) when it has one: the bar is hatched."""


@attrs.frozen
class Stack:
    """One part of every stacked bar: a weight's contribution to each total."""

    id: str
    """The weight's key: a feature or group id."""
    label: str
    values: tuple[float | None, ...]
    """The contribution to each bar, in the bars' order (``None``: left out of that total)."""


@attrs.frozen
class Tick:
    """A mark on the value axis and its label."""

    value: float
    text: str


@attrs.frozen
class Key:
    """An entry of a chart's legend: a hatch (a qualifier code), a whisker or a stack."""

    kind: str
    """``"plain"`` (figures as stated), ``"mark"`` (``code`` is a qualifier), ``"high"`` (a
    value's higher figure) or ``"stack"`` (``code`` is a weight's key)."""
    code: str
    text: str


@attrs.frozen
class Chart:
    """One bar chart, every word on it in the report's language."""

    id: str
    """``"feature-<id>"`` for a feature's values, ``"totals"`` for the scores."""
    title: str
    axis: str
    """The value axis' title (the unit, or what the totals measure)."""
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    """The value axis' marks, from the lowest to the highest, formatted as the values are."""
    keys: tuple[Key, ...]
    """The legend, in the order the chart uses its marks."""
    description: str
    """The chart in one sentence, for those who cannot see it (the PDF's alternative text)."""
    stacks: tuple[Stack, ...] = ()
    """For the totals: each weight's part of every bar (they add up to the bar's height)."""
    feature: str = ""
    """The feature whose values are charted; empty for the totals."""
    kind: str = ""
    """That feature's type (``count``, ``percent``…), for a spreadsheet's number format."""
    decimals: int | None = None
    """That feature's fixed decimals, if it has them."""


@attrs.frozen
class Series:
    """One series of a chart as every renderer draws it: a stack of the totals, or the bars of
    a feature's figures as stated (``kind`` ``"plain"``), of one qualifier (``"mark"``), or
    the parts from a figure up to its ``max`` (``"high"``, each the difference)."""

    kind: str
    code: str
    """The qualifier's code (``"mark"``) or the weight's key (``"stack"``); else empty."""
    title: str
    values: tuple[float | None, ...]
    """One per bar, ``None`` where the series has none (a gap, never a zero)."""


def series(chart: Chart) -> tuple[Series, ...]:
    """The series ``chart`` is drawn as, stacked in this order.

    >>> chart = Chart(id="x", title="Users", axis="", ticks=(), keys=(
    ...     Key("plain", "", "as stated"), Key("mark", "about", "about"), Key("high", "", "max")),
    ...     description="", bars=(Bar("a", "A", 5.0, "5", "A", high=7.0),
    ...     Bar("b", "B", 2.0, "about 2", "B", mark="about"), Bar("c", "C", None, "n/a", "C")))
    >>> [(s.kind, s.title, s.values) for s in series(chart)]
    [('plain', 'as stated', (5.0, None, None)), ('mark', 'about', (None, 2.0, None)), \
('high', 'max', (2.0, None, None))]
    """
    if chart.stacks:
        return tuple(Series("stack", s.id, s.label, s.values) for s in chart.stacks)
    marks = [key for key in chart.keys if key.kind == "mark"]
    plain = next((key.text for key in chart.keys if key.kind == "plain"), "")
    out = [Series("plain", "", plain or chart.axis or chart.title, _only(chart, ""))]
    out += [Series("mark", key.code, key.text, _only(chart, key.code)) for key in marks]
    for key in chart.keys:
        if key.kind == "high":
            tops = tuple(
                None if b.value is None or b.high is None or b.high <= b.value else b.high - b.value
                for b in chart.bars
            )
            out.append(Series("high", "", key.text, tops))
    return tuple(out)


def _only(chart: Chart, mark: str) -> tuple[float | None, ...]:
    return tuple(b.value if b.value is not None and b.mark == mark else None for b in chart.bars)


def charts(
    comparison: Comparison, features: Sequence[Feature], scores: Scores | None, words: Words
) -> tuple[Chart, ...]:
    """The report's charts: the totals first when there are ``scores``, then one per
    feature with ``chart = true``, in the order of ``features`` (the matrix's)."""
    out = [totals_chart(comparison, scores, words)] if scores is not None else []
    out += [value_chart(comparison, f, words) for f in features if f.chart]
    return tuple(out)


def _text(label: Label | None, words: Words, default: str) -> str:
    return "" if label is None else label.text(words.lang, default)


def value_chart(comparison: Comparison, feature: Feature, words: Words) -> Chart:
    """The chart of one feature's values, one bar per product in the comparison's order."""
    default = comparison.language
    bars = []
    marks: list[str] = []
    has_high = False
    for product in comparison.products:
        value = product.values.get(feature.id, NOT_STATED)
        name = _text(product.name, words, default)
        if value.status is Status.KNOWN and isinstance(value.value, int | float):
            mark = value.qualifier.value if value.qualifier is not None else ""
            high = float(value.max) if isinstance(value.max, int | float) else None
            has_high = has_high or high is not None
            if mark and mark not in marks:
                marks.append(mark)
            shown = value_text(feature, value, words, default)
            bars.append(Bar(product.id, name, float(value.value), shown, name, high, mark))
        else:
            gap = words.not_applicable if value.status is Status.NOT_APPLICABLE else None
            gap = gap or words.not_stated
            bars.append(Bar(product.id, name, None, gap, words.separator.join((name, gap))))
    keys = [Key("mark", m, words.qualifiers[m].format("").strip(" ()（）")) for m in marks]
    if keys:
        keys.insert(0, Key("plain", "", words.chart_stated))
    if has_high:
        keys.append(Key("high", "", words.chart_high))
    label = _text(feature.label, words, default)
    unit = _text(feature.unit, words, default)
    title = words.with_unit.format(label=label, unit=unit) if unit else label
    heights = [b.value for b in bars if b.value is not None]
    heights += [b.high for b in bars if b.high is not None]
    ticks = tuple(
        Tick(t, _tick_text(feature, t, words, default)) for t in nice_ticks(heights, feature.type)
    )
    return Chart(
        id=f"feature-{feature.id}",
        title=title,
        axis=unit,
        bars=tuple(bars),
        ticks=ticks,
        keys=tuple(keys),
        description=words.chart_description.format(title=title),
        feature=feature.id,
        kind=feature.type.value,
        decimals=feature.decimals,
    )


def _tick_text(feature: Feature, tick: float, words: Words, default: str) -> str:
    """A tick formatted as a bare figure of the feature (a count as ``200 million``)."""
    whole = tick.is_integer() and feature.type is FeatureType.COUNT
    figure = int(tick) if whole or (tick.is_integer() and abs(tick) < 2**53) else tick
    if feature.type is FeatureType.MONEY and isinstance(figure, float):
        figure = round(figure, 10)
    return value_text(feature, Value(figure), words, default)


def totals_chart(comparison: Comparison, scores: Scores, words: Words) -> Chart:
    """The totals, best rank first (ties in the comparison's order), each bar split into
    its weights' contributions; a product with no total has no bar."""
    default = comparison.language
    order = sorted(
        range(len(scores.products)),
        key=lambda i: (scores.products[i].rank, i),
    )
    names = {p.id: _text(p.name, words, default) for p in comparison.products}
    bars = []
    for index in order:
        result = scores.products[index]
        total = None if result.total is None else result.total * 100  # out of 100, as the scores
        shown = words.not_stated if total is None else numbers.number(total, words, 1)
        caption = words.chart_rank.format(
            rank=result.rank, name=words.separator.join((names[result.product], shown))
        )
        bars.append(Bar(result.product, names[result.product], total, shown, caption))
    stacks = []
    for key, label, parts in _weights(comparison, scores, words):
        values = tuple(None if (v := parts[i]) is None else v * 100 for i in order)
        stacks.append(Stack(key, label, values))
    ticks = tuple(Tick(t, numbers.number(t, words, 0)) for t in range(0, 101, 20))
    return Chart(
        id="totals",
        title=words.chart_totals,
        axis=words.chart_totals_axis,
        bars=tuple(bars),
        ticks=ticks,
        keys=tuple(Key("stack", s.id, s.label) for s in stacks),
        description=words.chart_description.format(title=words.chart_totals),
        stacks=tuple(stacks),
    )


def _weights(
    comparison: Comparison, scores: Scores, words: Words
) -> list[tuple[str, str, list[float | None]]]:
    """Each weight's key, label and contribution to each product's total (comparison
    order): :attr:`~comparekit.model.scoring.ProductScore.contributions` summed by the
    weight they count under, a feature's own or its group's (shared among the group's
    features that are not text, as :func:`~comparekit.model.scoring.score` shares it)."""
    scoring = comparison.scoring
    if scoring is None:
        return []
    default = comparison.language
    features = {f.id: f for f in comparison.features}
    groups = {g.id: g for g in comparison.groups}
    out: list[tuple[str, str, list[float | None]]] = []
    start = 0
    for weight in scoring.weights:
        key = weight.target
        if key in features:
            label, size = _text(features[key].label, words, default), 1
        else:
            label = _text(groups[key].label, words, default) if key in groups else key
            size = sum(
                f.group == key and f.type is not FeatureType.TEXT for f in comparison.features
            )
        parts: list[float | None] = []
        for result in scores.products:
            found = [c for _, c in result.contributions[start : start + size] if c is not None]
            parts.append(math.fsum(found) if found else None)
        out.append((key, label, parts))
        start += size
    return out


def nice_ticks(heights: Sequence[float], kind: FeatureType = FeatureType.NUMBER) -> list[float]:
    """Evenly spaced axis marks (a step of 1, 2 or 5 times a power of ten) from zero, or
    below it, to at least the highest of ``heights``: at most eight marks.

    >>> nice_ticks([102, 302]), nice_ticks([0.4]), nice_ticks([-20, 350])
    ([0.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0, 350.0], [0.0, 0.1, 0.2, 0.3, 0.4], \
[-100.0, 0.0, 100.0, 200.0, 300.0, 400.0])
    >>> nice_ticks([])
    [0.0, 1.0]
    """
    low = min([0.0, *heights])
    high = max([0.0, *heights])
    if high == low:
        return [low, low + 1.0]
    span = high - low
    step = 0.0
    for power in range(math.floor(math.log10(span)) - 1, math.floor(math.log10(span)) + 2):
        for factor in (1, 2, 5):
            step = factor * 10.0**power
            if span / step <= 7:
                break
        else:
            continue
        break
    if kind is FeatureType.COUNT:
        step = max(step, 1.0)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [_round(n * step) for n in range(first, last + 1)]


def _round(value: float) -> float:
    """``value`` without the float noise of multiplying a step (``0.30000000000000004``)."""
    return float(f"{value:.12g}")
