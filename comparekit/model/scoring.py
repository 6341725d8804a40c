"""Weighted scoring and its sensitivity: pure computation on a comparison's ``[scoring]``.

:func:`score` maps each weighted feature's values to 0–1 (docs/spec-format.md,
"Scoring"), sums them by weight into a total per product, ranks the products (ties
share a rank: 1, 1, 3), and tests the ranking: the smallest change to one weight that
changes the leader, and how often each product ranks first when every weight varies at
random within ± ``vary`` percent (``random.Random(seed)``, :data:`DRAWS` draws: the same
result every time). Totals and ranks are worked out in exact fractions, so scaling every
weight by the same factor changes none of them. Nothing here formats anything.

>>> from comparekit import Comparison, Feature, Product
>>> c = Comparison(
...     title="T",
...     features=[
...         Feature(id="price", label="Price", type="money", better="lower"),
...         Feature(id="free", label="Free plan", type="boolean"),
...     ],
...     products=[
...         Product(id="a", name="A", values={"price": 10, "free": True}),
...         Product(id="b", name="B", values={"price": 5, "free": False}),
...     ],
...     scoring={"weights": {"price": 1, "free": 3}},
... )
>>> scores = score(c)
>>> [(p.product, p.total, p.rank) for p in scores.products]
[('a', 0.75, 1), ('b', 0.25, 2)]
>>> t = scores.tipping  # a's lead holds until the weight of "free" falls by two thirds, to 1
>>> t.weight, round(t.change, 4), t.leader
('free', -0.6667, 'b')
>>> scores.first  # within ±20 % of each weight, a always ranks first
(('a', 1.0), ('b', 0.0))
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import random
from collections.abc import Sequence
from fractions import Fraction

import attrs

from comparekit.errors import ModelError, Problem, describe
from comparekit.model.analysis import Missing, Scoring
from comparekit.model.comparison import Comparison
from comparekit.model.kinds import Better, FeatureType, Label, Qualifier, Status
from comparekit.model.parts import NOT_STATED, Feature, Value

__all__ = ["ABOUT", "DRAWS", "ProductScore", "Scores", "Tipping", "score"]

DRAWS = 1000
"""How many random weightings the sensitivity test draws."""
ABOUT = Fraction(1, 10)
"""How far an ``about`` or ``uncertain`` figure may lie from the figure, as a share of it
(the reading of best-in-row: ``about 10`` is 9 to 11)."""
_NEUTRAL = Fraction(1, 2)


@attrs.frozen
class ProductScore:
    """One product's result: its total (0–1), rank, coverage and each feature's part."""

    product: str
    total: float | None
    """The weighted score from 0 to 1; None when no weighted value of it is known and
    not-stated values are left out."""
    rank: int
    """1 for the best; products with equal totals share a rank (1, 1, 3)."""
    coverage: float
    """The share of the weight whose values the product states (0 to 1)."""
    contributions: tuple[tuple[str, float | None], ...]
    """Each weighted feature's part of the total (they add up to it); None where the
    value is left out of the total."""
    values: tuple[tuple[str, float | None], ...] = ()
    """Each weighted feature's score from 0 to 1 as the total counts it (the not-stated
    policy applied); None where the value is left out."""


@attrs.frozen
class Tipping:
    """The smallest change to one weight that changes the leader."""

    weight: str
    """The weight's key in ``[scoring.weights]``: a feature or a group id."""
    change: float
    """The change as a fraction of the weight: 0.34 is 34 % more, -0.5 half of it."""
    leader: str
    """The product that leads past that change."""


@attrs.frozen
class Scores:
    """The result of :func:`score`."""

    products: tuple[ProductScore, ...]
    """One per product, in the comparison's order."""
    leader: str | None
    """The product ranked first alone; None when several tie for first."""
    tipping: Tipping | None
    """For the leader: the smallest change to one weight that changes it; None when no
    change to a single weight does (or there is no single leader)."""
    first: tuple[tuple[str, float], ...]
    """Each product's share of the :data:`DRAWS` random weightings in which it ranks
    first (tied first counts for each), in the comparison's order."""
    members: tuple[tuple[str, str, float], ...] = ()
    """Each weighted feature as (weight key, feature id, its share of the key's weight), in
    the order of :attr:`ProductScore.contributions`."""

    def of(self, product_id: str) -> ProductScore:
        """The result of the product with this id (``KeyError`` if none)."""
        for found in self.products:
            if found.product == product_id:
                return found
        raise KeyError(product_id)


def score(comparison: Comparison) -> Scores:
    """Score ``comparison`` by its ``[scoring]``; :class:`~comparekit.ModelError` if it has
    none, ``TypeError`` for anything but a :class:`~comparekit.Comparison`."""
    if not isinstance(comparison, Comparison):
        raise TypeError(f"score() scores a Comparison, got {describe(comparison)}")
    scoring = comparison.scoring
    if scoring is None:
        raise ModelError([Problem("scoring", "the comparison has no [scoring]", loc=("scoring",))])
    keys, members = _members(comparison, scoring)
    weight = {w.target: Fraction(w.weight) for w in scoring.weights}
    table = {
        feature.id: _feature_scores(comparison, scoring, feature)
        for key in keys
        for feature, _ in members[key]
    }
    products = [p.id for p in comparison.products]
    # Each weighted feature once: its key's index, its id, its share of the key's weight,
    # its weight (key weight × share) exact and as a float, and its scores by product.
    scored = [
        (k, feature.id, share, weight[key] * share, float(share), table[feature.id])
        for k, key in enumerate(keys)
        for feature, share in members[key]
    ]
    everything = sum(item[3] for item in scored)
    missing = scoring.missing
    results = []
    exact: list[Fraction | None] = []
    # per product and key: (sum of share × score, sum of share counted), for the sensitivity
    parts: list[list[tuple[float, float]]] = []
    values: list[tuple[tuple[str, float | None], ...]] = []
    # Each weighted feature's cells as the total counts them, worked out once (_counted).
    cells = [
        (k, feature_id, share, feature_weight, _counted(column, feature_weight, missing))
        for k, feature_id, _share, feature_weight, share, column in scored
    ]
    exclude = missing is Missing.EXCLUDE
    ids = [feature_id for _, feature_id, _, _, _ in cells]
    # per product, each key's sum of share × score and sum of share counted (the sensitivity)
    sums_a: list[list[float]] = []
    sums_c: list[list[float]] = []
    for index, product in enumerate(products):
        found_floats: list[float | None] = []
        part_floats: list[float | None] = []
        lost = Fraction(0)  # the weight of the values not known
        # The numerator as an integer fraction n / d, reduced once at the end: the same
        # number as a sum of Fractions, without a gcd at every step.
        n, d = 0, 1
        per_a = [0.0] * len(keys)
        per_c = [0.0] * len(keys)
        for k, _, share, feature_weight, column in cells:
            is_known, pn, pd, found_float, part_float = column[index]
            if not is_known:
                lost += feature_weight
            found_floats.append(found_float)
            part_floats.append(part_float)
            if found_float is None:
                continue
            if pd == d:
                n += pn
            else:
                n, d = n * pd + pn * d, d * pd
            per_a[k] += share * found_float
            per_c[k] += share
        sums_a.append(per_a)
        sums_c.append(per_c)
        parts.append(list(zip(per_a, per_c, strict=True)))
        values.append(tuple(zip(ids, found_floats, strict=True)))
        known = everything - lost
        denominator = known if exclude else everything
        numerator = Fraction(n, d)
        total = numerator / denominator if denominator else None
        exact.append(total)
        shared = float(denominator)
        contributions = tuple(
            (f, None if part_float is None or not denominator else part_float / shared)
            for f, part_float in zip(ids, part_floats, strict=True)
        )
        coverage = float(known / everything) if everything else 0.0
        results.append((product, total, coverage, contributions))
    ranks = _ranks(exact)
    firsts = [i for i, r in enumerate(ranks) if r == 1 and exact[i] is not None]
    leader = products[firsts[0]] if len(firsts) == 1 else None
    weights = [float(weight[k]) for k in keys]
    tipping = _tipping(products, keys, weights, parts, firsts[0]) if leader else None
    first = _first_shares(products, weights, sums_a, sums_c, scoring)
    return Scores(
        products=tuple(
            ProductScore(p, None if t is None else float(t), r, cov, con, tuple(values[index]))
            for index, ((p, t, cov, con), r) in enumerate(zip(results, ranks, strict=True))
        ),
        leader=leader,
        tipping=tipping,
        first=first,
        members=tuple((k, f.id, float(share)) for k in keys for f, share in members[k]),
    )


def _members(
    comparison: Comparison, scoring: Scoring
) -> tuple[list[str], dict[str, list[tuple[Feature, Fraction]]]]:
    """The weight keys, and each key's features with their share of its weight (a group's
    weight is shared equally among its features that are not text)."""
    keys = [w.target for w in scoring.weights]
    members: dict[str, list[tuple[Feature, Fraction]]] = {}
    ids = {f.id for f in comparison.features}
    for key in keys:
        if key in ids:
            found = [comparison.feature(key)]
        else:
            found = [
                f for f in comparison.features if f.group == key and f.type is not FeatureType.TEXT
            ]
        members[key] = [(f, Fraction(1, len(found))) for f in found]
    return keys, members


def _counted(
    column: list[Fraction | None], weight: Fraction, missing: Missing
) -> list[tuple[bool, int, int, float | None, float | None]]:
    """Each product's cell of one weighted feature (``column``: its scores, None where not
    known) as the total counts it: whether it is known, its part ``weight × score`` exact
    as a numerator and a denominator (not reduced: the total is, once), and the score
    (under the not-stated policy) and the part as floats (None: the value is left out)."""
    out: list[tuple[bool, int, int, float | None, float | None]] = []
    top, bottom = weight.numerator, weight.denominator
    for score in column:
        found = _policy(score, missing)
        if found is None:
            out.append((False, 0, 1, None, None))
        else:
            pn, pd = top * found.numerator, bottom * found.denominator
            out.append((score is not None, pn, pd, float(found), pn / pd))
    return out


def _policy(found: Fraction | None, missing: Missing) -> Fraction | None:
    if found is not None or missing is Missing.EXCLUDE:
        return found
    return Fraction(0) if missing is Missing.WORST else _NEUTRAL


def _feature_scores(
    comparison: Comparison, scoring: Scoring, feature: Feature
) -> list[Fraction | None]:
    """Each product's score (0–1) for ``feature``, None where its value is not known."""
    values = [p.values.get(feature.id, NOT_STATED) for p in comparison.products]
    scale = scoring.scale(feature.id)
    partial = Fraction(scoring.partial)
    higher = feature.better is not Better.LOWER
    raw: list[Fraction | None] = []
    for value in values:
        if value.status is not Status.KNOWN or value.value is None:
            raw.append(None)
        elif value.qualifier is Qualifier.PLANNED:
            raw.append(None)  # scored 0 below, and kept out of the range
        else:
            raw.append(_point(feature, value, higher))
    if feature.type is FeatureType.LIST and scale is not None and scale.required:
        need = [item.strip() for item in scale.required]
        scores = [
            None if point is None else Fraction(sum(_has(v, item) for item in need), len(need))
            for v, point in zip(values, raw, strict=True)
        ]
    elif feature.type is FeatureType.BOOLEAN:
        scores = [None if p is None else (p if higher else 1 - p) for p in raw]
    elif scale is not None and scale.thresholds:
        limits = [Fraction(t) for t in scale.thresholds]
        scores = [
            None
            if p is None
            else Fraction(sum((p >= t) if higher else (p <= t) for t in limits), len(limits))
            for p in raw
        ]
    else:
        scores = _range(raw, higher)
    out: list[Fraction | None] = []
    for value, found in zip(values, scores, strict=True):
        if value.status is Status.KNOWN and value.qualifier is Qualifier.PLANNED:
            out.append(Fraction(0))
        elif found is not None and value.qualifier is Qualifier.PARTIAL:
            out.append(found * partial)
        else:
            out.append(found)
    return out


def _range(points: Sequence[Fraction | None], higher: bool) -> list[Fraction | None]:
    """Min–max normalised, 1 the best; all equal: each 1."""
    known = [p for p in points if p is not None]
    if not known:
        return [None] * len(points)
    low, high = min(known), max(known)
    if low == high:
        return [None if p is None else Fraction(1) for p in points]
    span = high - low
    # (p - low) / span (or (high - p) / span) in integers, reduced once by Fraction
    best = low if higher else high
    bn, bd, sn, sd = best.numerator, best.denominator, span.numerator, span.denominator
    sign = 1 if higher else -1
    return [
        None
        if p is None
        else Fraction(sign * (p.numerator * bd - bn * p.denominator) * sd, p.denominator * bd * sn)
        for p in points
    ]


def _point(feature: Feature, value: Value, higher: bool) -> Fraction:
    """The figure a value is scored by: the conservative end of what it says.

    ``about`` and ``uncertain``: the figure less (or, where lower is better, more) a tenth
    of it (:data:`ABOUT`); a ``max``: where lower is better, the max. ``at_least``,
    ``more_than``, ``up_to``, ``average``: the figure (the one end the source gives).
    A list counts its items, a fraction is its ratio, a date its day number, Yes is 1.
    """
    figure = _number(value.value)
    if value.qualifier in (Qualifier.ABOUT, Qualifier.UNCERTAIN) and feature.type.numeric:
        spread = abs(figure) * ABOUT
        figure = figure - spread if higher else figure + spread
    if value.max is not None and not higher:
        figure = _number(value.max)
    return figure


def _number(data: object) -> Fraction:
    if isinstance(data, bool):
        return Fraction(int(data))
    if isinstance(data, int | float):
        return Fraction(data)
    if isinstance(data, dt.date):
        return Fraction(data.toordinal())
    if isinstance(data, tuple) and len(data) == 2 and all(isinstance(n, int) for n in data):
        return Fraction(data[0], data[1])
    if isinstance(data, tuple):
        return Fraction(len(data))
    raise TypeError(f"cannot score {type(data).__name__}")  # the rules let no such value in


def _has(value: Value, item: str) -> bool:
    """True when a list value holds ``item`` (in any of its translations)."""
    data = value.value if isinstance(value.value, tuple) else ()
    for entry in data:
        texts = [t for _, t in entry.translations] if isinstance(entry, Label) else [entry]
        if any(isinstance(t, str) and t.strip() == item for t in texts):
            return True
    return False


def _ranks(totals: Sequence[Fraction | None]) -> list[int]:
    """Competition ranks, best first: equal totals share a rank; no total ranks last."""
    known = sorted((t for t in totals if t is not None), reverse=True)
    first: dict[Fraction, int] = {}
    for place, total in enumerate(known, start=1):
        first.setdefault(total, place)
    return [len(known) + 1 if t is None else first[t] for t in totals]


def _tipping(
    products: list[str],
    keys: list[str],
    weights: list[float],
    parts: list[list[tuple[float, float]]],
    leader: int,
) -> Tipping | None:
    """The smallest relative change to one weight at which another product passes the leader."""
    best: tuple[float, int, int, float] | None = None
    # Each product's weighted sums over every key: a key's own part is taken out below.
    sums = [
        (
            math.fsum(w * p[0] for w, p in zip(weights, part, strict=True)),
            math.fsum(w * p[1] for w, p in zip(weights, part, strict=True)),
        )
        for part in parts
    ]
    for k, key_weight in enumerate(weights):
        if key_weight <= 0:
            continue
        for q in range(len(products)):
            if q == leader:
                continue
            for x in _crossings(key_weight, sums[q], parts[q][k], sums[leader], parts[leader][k]):
                change = x / key_weight - 1
                if best is None or (abs(change), k, q) < (abs(best[0]), best[1], best[2]):
                    best = (change, k, q, x)
    if best is None:
        return None
    return Tipping(keys[best[1]], best[0], products[best[2]])


def _crossings(
    now: float,
    other_sums: tuple[float, float],
    other: tuple[float, float],
    lead_sums: tuple[float, float],
    lead: tuple[float, float],
) -> list[float]:
    """The weights ``x`` ≥ 0 of one key (now ``now``) past which ``other``'s total passes
    ``lead``'s (moving away from the current weight). ``*_sums`` are a product's weighted
    sums over every key, the key's own ``(share × score, share)`` beside them."""
    bq, dq = other
    bl, dl = lead
    aq, cq = _without(other_sums[0], now * bq), _without(other_sums[1], now * dq)
    al, cl = _without(lead_sums[0], now * bl), _without(lead_sums[1], now * dl)

    def gap(x: float) -> float | None:
        """``other``'s total less ``lead``'s at weight ``x``, None where one has no total."""
        den_q, den_l = cq + x * dq, cl + x * dl
        if den_q <= 0 or den_l <= 0:
            return None
        return (aq + x * bq) / den_q - (al + x * bl) / den_l

    # (aq + x bq)(cl + x dl) - (al + x bl)(cq + x dq) = alpha x² + beta x + gamma
    alpha = bq * dl - bl * dq
    beta = aq * dl + bq * cl - al * dq - bl * cq
    gamma = aq * cl - al * cq
    roots: list[float] = []
    if abs(alpha) > 1e-15:
        disc = beta * beta - 4 * alpha * gamma
        if disc >= 0:
            root = math.sqrt(disc)
            roots = [(-beta - root) / (2 * alpha), (-beta + root) / (2 * alpha)]
    elif abs(beta) > 1e-15:
        roots = [-gamma / beta]
    out = []
    for x in roots:
        if x < 0 or not math.isfinite(x):
            continue
        step = max(abs(x), 1.0) * 1e-9
        beyond = gap(x + step if x >= now else max(x - step, 0.0))
        if beyond is not None and beyond > 0:
            out.append(x)
    return out


def _without(total: float, part: float) -> float:
    """``total`` less ``part``, 0 where what is left is rounding (the part was all of it)."""
    rest = total - part
    return 0.0 if abs(rest) <= 1e-12 * abs(total) else rest


def _first_shares(
    products: list[str],
    weights: list[float],
    a: list[list[float]],
    c: list[list[float]],
    scoring: Scoring,
) -> tuple[tuple[str, float], ...]:
    """How often each product ranks first over :data:`DRAWS` random weightings.

    Only the products that can rank first somewhere in the box of weightings are worked
    out in each draw (:func:`_contenders`), and of those only the ones that can reach the
    top so far in this draw (:func:`_reach`): the draws are the same either way. ``a``
    and ``c``: each product's sums of share × score and of share counted, by weight key.
    """
    rng = random.Random(scoring.seed)
    spread = scoring.vary / 100
    tops = [0] * len(products)
    contenders, highest = _contenders(a, c, weights, spread)
    reach = {i: _reach(a[i], c[i], weights, spread) for i in contenders}
    # The product most likely to lead first (the highest total at the weights as given):
    # a high top early rules the others out.
    start = max(
        contenders,
        key=lambda i: reach[i][0] / reach[i][1] if reach[i][1] > 0 else -math.inf,
        default=None,
    )
    rest = [(i, most, reach[i]) for i, most in zip(contenders, highest, strict=True) if i != start]
    uniform, low = rng.random, -spread
    width = spread - low  # random.uniform(low, spread) is low + width * random()
    for _ in range(DRAWS):
        varied = [low + width * uniform() for _ in weights]
        drawn = [w * (1 + u) for w, u in zip(weights, varied, strict=True)]
        radius = math.sqrt(sum(map(operator.mul, varied, varied)))
        top = -math.inf
        leaders: list[int] = []
        if start is not None:
            den = sum(map(operator.mul, drawn, c[start]))
            if den > 0:
                top, leaders = sum(map(operator.mul, drawn, a[start])) / den, [start]
        for i, most, (nom_a, nom_c, p, q, s, floor, slack_a, slack_c) in rest:
            if most < top - _MARGIN * (abs(top) + 1):
                break  # this one and every one after it stays below the top
            if radius < floor and top > -math.inf:  # _reach's bound: below the top, skip it
                tt = top * top
                square = p - 2 * top * q + tt * s
                square = (square if square > 0 else 0.0) + _MARGIN * (p + 2 * abs(top * q) + tt * s)
                if nom_a - top * nom_c + radius * math.sqrt(square) < -(
                    slack_a + abs(top) * slack_c + _MARGIN
                ):
                    continue
            den = sum(map(operator.mul, drawn, c[i]))
            if den <= 0:
                continue
            total = sum(map(operator.mul, drawn, a[i])) / den
            if total > top:
                top, leaders = total, [i]
            elif total == top:
                leaders.append(i)
        for i in leaders:
            tops[i] += 1
    return tuple((p, n / DRAWS) for p, n in zip(products, tops, strict=True))


def _reach(
    a: list[float], c: list[float], weights: list[float], spread: float
) -> tuple[float, float, float, float, float, float, float, float]:
    """What bounds one product's total in a draw, from the length of the draw's changes: a
    test cheaper than working the total out.

    With each weight ``w·(1 + u)``, the product's total reaches ``t`` only where
    ``(A - t·C) + Σ (a - t·c)·w·u ≥ 0`` (``A``, ``C`` its weighted sums at the weights as
    given), and by Cauchy–Schwarz that sum is at most ``|u| · |(a - t·c)·w|``, whose square
    is ``p - 2tq + t²s``. Returns ``A``, ``C``, ``p``, ``q``, ``s``, the length of ``u``
    below which ``c·w`` stays above its rounding slack (the bound holds only there), and
    that slack for ``a·w`` and ``c·w``: far more than rounding can move a sum.
    """
    aw = [x * w for x, w in zip(a, weights, strict=True)]
    cw = [x * w for x, w in zip(c, weights, strict=True)]
    sum_a, sum_c = math.fsum(aw), math.fsum(cw)
    p = math.fsum(x * x for x in aw)
    q = math.fsum(x * y for x, y in zip(aw, cw, strict=True))
    s = math.fsum(y * y for y in cw)
    slack_a = _MARGIN * (1 + spread) * math.fsum(map(abs, aw))
    slack_c = _MARGIN * (1 + spread) * math.fsum(map(abs, cw))
    floor = (sum_c - slack_c) / math.sqrt(s) if s else math.inf
    return sum_a, sum_c, p, q, s, floor, slack_a, slack_c


_MARGIN = 1e-9
"""How far, relative to it, a bound must lie below a total to rule a product out: more than
rounding can move either."""


def _contenders(
    a: list[list[float]], c: list[list[float]], weights: list[float], spread: float
) -> tuple[list[int], list[float]]:
    """The products that may rank first when each weight lies within ±``spread`` of itself,
    highest possible total first, and those totals.

    A product is left out when its highest total anywhere in that box is below the lowest
    total of a product that has a total everywhere in it: then it ranks first in no draw.
    Both bounds are exact for a ratio of weighted sums over a box (:func:`_extreme`). A
    draw stops at the first product whose highest possible total is below the top so far.
    """
    low = [w * (1 - spread) for w in weights]
    high = [w * (1 + spread) for w in weights]
    floor = -math.inf
    for ai, ci in zip(a, c, strict=True):
        if math.fsum(map(operator.mul, low, ci)) > 0:
            floor = max(floor, _extreme(ai, ci, low, high, lowest=True))
    most = [_extreme(ai, ci, low, high, lowest=False) for ai, ci in zip(a, c, strict=True)]
    margin = _MARGIN * (abs(floor) + 1) if floor > -math.inf else math.inf
    order = sorted(
        (i for i in range(len(a)) if floor == -math.inf or most[i] >= floor - margin),
        key=lambda i: (-most[i], i),
    )
    return order, [most[i] for i in order]


def _extreme(
    a: list[float], c: list[float], low: list[float], high: list[float], *, lowest: bool
) -> float:
    """The highest (or ``lowest``) of ``a·w / c·w`` over ``low ≤ w ≤ high``: at a corner of
    the box, found by Dinkelbach's iteration (each weight at the end the current ratio
    favours, until the ratio stops moving). ``inf`` (or ``-inf``) where ``c·w`` can be 0."""
    if math.fsum(map(operator.mul, low, c)) <= 0:
        return -math.inf if lowest else math.inf
    ratio = math.fsum(map(operator.mul, low, a)) / math.fsum(map(operator.mul, low, c))
    for _ in range(len(a) + 2):
        w = [
            (h if (ak - ratio * ck < 0) == lowest else lo)
            for ak, ck, lo, h in zip(a, c, low, high, strict=True)
        ]
        found = math.fsum(map(operator.mul, w, a)) / math.fsum(map(operator.mul, w, c))
        if (found >= ratio) if lowest else (found <= ratio):
            return min(found, ratio) if lowest else max(found, ratio)
        ratio = found
    return ratio
