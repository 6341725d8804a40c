"""Best-in-row, provably: each known value as an interval, and who dominates a row.

A value's qualifier and ``max`` say what range its true figure lies in; a cell is
marked best only where the worst case of its interval is at least as good as the
best case of every other known interval in the row (docs/spec-format.md, "Best in
row", has the table of cases). ``None`` stands for an unknown end.

>>> from comparekit.model import Feature, Value
>>> capacity = Feature(id="c", label="Capacity", type="count", better="higher")
>>> interval(capacity, Value(102, max=302)), interval(capacity, Value(300, qualifier="up_to"))
(Bound(low=102, high=302), Bound(low=None, high=300))
>>> best_of(capacity, [Value(102, max=302), Value(300, qualifier="up_to")])
set()
>>> sorted(best_of(capacity, [Value(350), Value(70), Value(350)]))
[0, 2]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeAlias

import attrs

from comparekit.model import Better, Feature, FeatureType, Qualifier, Status, Value

__all__ = ["ABOUT", "Bound", "best_of", "dominates", "interval", "point"]

Point: TypeAlias = "float | dt.date"

ABOUT = 0.1
"""How far from its figure an ``about`` value may lie, as a share of the figure: ``about
10 million`` is read as 9 to 11 million."""


@attrs.frozen
class Bound:
    """The range a value's true figure lies in; ``None`` is an end the source leaves open."""

    low: Point | None
    high: Point | None


def point(feature: Feature, data: object) -> Point | None:
    """A figure as a point to rank (a fraction as its ratio, Yes as 1), or None if unranked.

    >>> point(Feature(id="h", label="H", type="fraction"), (17, 20))
    0.85
    """
    kind = feature.type
    if kind is FeatureType.FRACTION and isinstance(data, tuple):
        part, whole = data
        return float(part) / float(whole)
    if kind is FeatureType.BOOLEAN and isinstance(data, bool):
        return float(data)
    if kind.ordered and isinstance(data, int | float | dt.date) and not isinstance(data, bool):
        return data
    return None


_OPEN_ABOVE = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
_UNBOUNDED = (Qualifier.AVERAGE, Qualifier.PARTIAL, Qualifier.PLANNED, Qualifier.UNCERTAIN)


def interval(feature: Feature, value: Value) -> Bound | None:
    """The range ``value``'s true figure lies in, or None if it is not a ranked known value.

    No qualifier: the figure itself. ``about``: within :data:`ABOUT` of it (a date: open).
    ``more_than``, ``at_least``: the figure and up. ``up_to``: up to the figure.
    ``average``, ``partial``, ``planned``, ``uncertain``: open at both ends (an average, a
    part of the offer, a plan or a doubt says nothing certain of the whole). A ``max``
    is the high end: ``102 (up to 302)`` is 102 to 302.
    """
    ends = _ends(feature, value)
    return None if ends is None else Bound(*ends)


def _ends(feature: Feature, value: Value) -> tuple[Point | None, Point | None] | None:
    """:func:`interval`'s low and high ends as a pair, without a :class:`Bound` to make:
    :func:`best_of` reads every value of a row."""
    if value.status is not Status.KNOWN:
        return None
    figure = point(feature, value.value)
    if figure is None:
        return None
    qualifier = value.qualifier
    low: Point | None = figure
    high: Point | None = figure
    if qualifier is None:
        pass
    elif qualifier is Qualifier.ABOUT:
        if isinstance(figure, float | int):
            spread = abs(figure) * ABOUT
            low, high = figure - spread, figure + spread
        else:
            low = high = None
    elif qualifier in _OPEN_ABOVE:
        high = None
    elif qualifier is Qualifier.UP_TO:
        low = None
    elif qualifier in _UNBOUNDED:
        low = high = None
    if value.max is not None:
        top = point(feature, value.max)
        if top is not None:
            high = top
    return low, high


def dominates(first: Bound, second: Bound, better: Better) -> bool:
    """True when ``first`` is provably as good as ``second`` or better: its worst case is at
    least ``second``'s best case.

    >>> dominates(Bound(7, None), Bound(1, 90), Better.HIGHER)
    False
    >>> dominates(Bound(None, 5), Bound(5, 5), Better.LOWER)
    True
    """
    if better is Better.HIGHER:
        worst, best = first.low, second.high
        return worst is not None and best is not None and worst >= best  # type: ignore[operator]
    worst, best = first.high, second.low
    return worst is not None and best is not None and worst <= best  # type: ignore[operator]


def best_of(feature: Feature, values: Sequence[Value]) -> set[int]:
    """Indexes of the values marked best in a row: each dominates every other ranked value
    (:func:`dominates`).

    Nothing is marked without ``better``, with fewer than two ranked values, or with
    money in more than one currency. A value dominates all others when its worst case is as
    good as the best of their best cases, so the row is read once (not each pair):

    >>> price = Feature(id="p", label="Price", type="money", better="lower")
    >>> sorted(best_of(price, [Value(5), Value(9, qualifier="about"), Value(5, max=6)]))
    [0]
    """
    better = feature.better
    if better is None:
        return set()
    ranked: list[tuple[int, tuple[Point | None, Point | None]]] = []
    currencies = set()
    for index, value in enumerate(values):
        ends = _ends(feature, value)
        if ends is not None:
            ranked.append((index, ends))
            currencies.add(value.currency or feature.currency)
    if len(ranked) < 2 or len(currencies) > 1:
        return set()
    higher = better is Better.HIGHER
    # Each value's worst case, and its best case: the end another must reach to beat it.
    worst = [low if higher else high for _, (low, high) in ranked]
    best = [high if higher else low for _, (low, high) in ranked]
    unbounded = [at for at, end in enumerate(best) if end is None]
    if len(unbounded) > 1:  # every value has an unbounded other: nothing dominates
        return set()
    # The two best best cases, to know the best of the others for each value.
    bounded = sorted(
        ((end, at) for at, end in enumerate(best) if end is not None),
        key=lambda pair: pair[0],
        reverse=higher,
    )
    out = set()
    for at, mine in enumerate(worst):
        if mine is None or (unbounded and unbounded[0] != at):
            continue
        end, top = bounded[0]
        if top == at:
            end = bounded[1][0]
        if mine >= end if higher else mine <= end:  # type: ignore[operator]
            out.add(ranked[at][0])
    return out
