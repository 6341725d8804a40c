"""The scores, their sensitivity and the key findings, as the reader sees them.

:func:`analysis` turns the result of :func:`comparekit.score` and the comparison's
``[[findings]]`` into an :class:`Analysis`: a ranked table of totals, contributions and
coverage as display strings (the raw numbers kept beside them for the workbook's live
Scores sheet), the sensitivity stated in words, what coverage means under the spec's
not-stated policy, and each finding with the cells it rests on. Every renderer draws this
one object, so every format says the same.

**Robust or fragile.** The random weightings of the sensitivity test decide: the ranking is
*fragile* when two or more products each rank first in at least :data:`FRAGILE_SHARE` of
them, and *robust* otherwise (one product leads in all but a few). A product whose coverage
is below :data:`LOW_COVERAGE` is named: its rank rests on less than half of the weight.

>>> from comparekit import Comparison, Feature, Product
>>> from comparekit.layout.words import WORDS
>>> from comparekit.model.scoring import score
>>> c = Comparison(
...     title="T",
...     features=[Feature(id="free", label="Free plan", type="boolean")],
...     products=[
...         Product(id="a", name="A", values={"free": True}),
...         Product(id="b", name="B", values={"free": False}),
...     ],
...     scoring={"weights": {"free": 1}},
... )
>>> part = analysis(c, score(c), WORDS["ko"], lambda label: label.text("ko"), False)
>>> part.grid()[1]
['1위', 'A', '100.0', '100%', '100.0']
>>> part.sensitivity[0]
'어떤 가중치 하나를 어떻게 바꿔도 A이(가) 1위를 지킵니다.'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from comparekit.layout import numbers
from comparekit.layout.words import Words
from comparekit.model import Comparison, Label
from comparekit.model.scoring import DRAWS, Scores

__all__ = [
    "FRAGILE_SHARE",
    "LOW_COVERAGE",
    "Analysis",
    "FindingCell",
    "FindingEntry",
    "ScoreRow",
    "ScoredFeature",
    "WeightEntry",
    "analysis",
    "anchor",
]

FRAGILE_SHARE = 0.2
"""A ranking is fragile when two or more products each rank first in at least this share
of the sensitivity test's random weightings."""
LOW_COVERAGE = 0.5
"""A product whose coverage is below this is named: its rank rests on less than half the weight."""


@attrs.frozen
class WeightEntry:
    """One weight of ``[scoring.weights]``: a feature or a group, and how much it counts."""

    key: str
    label: str
    weight: float
    """The weight as the spec gives it (the workbook's input cell)."""
    weight_text: str
    display: str
    """The label and the weight, as the contributions table heads its row: ``Users (3)``."""


@attrs.frozen
class ScoredFeature:
    """A feature the total counts, and which weight it counts under (a group shares its weight)."""

    id: str
    label: str
    weight: int
    """The index of its weight in :attr:`Analysis.weights`."""
    share: float
    """Its share of that weight (1 for a feature weighted by itself)."""


@attrs.frozen
class ScoreRow:
    """One product's line of the scores table, in rank order."""

    product_id: str
    name: str
    rank: int
    rank_text: str
    total: float | None
    """The score out of 100; None when no value of it counts."""
    total_text: str
    coverage: float
    """The share of the weight whose values the product states (0 to 1)."""
    coverage_text: str
    contributions: tuple[str, ...]
    """What each weight contributes, as shown, in the order of :attr:`Analysis.weights`."""
    values: tuple[float | None, ...]
    """Each scored feature's 0–1 score as the total counts it, in the order of
    :attr:`Analysis.features`; None where it is left out."""


@attrs.frozen
class FindingCell:
    """A cell a finding refers to."""

    product_id: str
    feature_id: str
    place: str
    """The cell named as the notes name it: ``DingTalk · Users``."""
    anchor: str
    """The id the matrix cell carries in the PDF (:func:`anchor`)."""


@attrs.frozen
class FindingEntry:
    """A key finding in the report's language and the cells it rests on."""

    text: str
    cells: tuple[FindingCell, ...]
    cells_text: str
    """The cells in words: ``Cells: DingTalk · Users; Feishu · Users``; empty without cells."""


@attrs.frozen
class Analysis:
    """Scores, sensitivity and findings, resolved for one language."""

    scores_title: str
    findings_title: str
    findings: tuple[FindingEntry, ...]
    scored: bool
    """False when the comparison has findings but no ``[scoring]``: nothing below is set."""
    intro: str = ""
    weights: tuple[WeightEntry, ...] = ()
    features: tuple[ScoredFeature, ...] = ()
    rows: tuple[ScoreRow, ...] = ()
    headings: tuple[str, ...] = ()
    """The scores table's headings: rank, product, score, coverage, then each weight."""
    sensitivity: tuple[str, ...] = ()
    """The sensitivity in sentences: who leads, what single weight change unseats it, and
    whether the ranking is robust or fragile."""
    coverage: tuple[str, ...] = ()
    """What coverage means under the not-stated policy, and which products have little."""
    missing: str = "exclude"
    """The not-stated policy (:class:`~comparekit.model.Missing` value), for the workbook's formulas."""
    anchors: Mapping[tuple[str, str], str] = attrs.field(factory=dict, eq=False, repr=False)
    """The anchor of each cell a finding refers to, by (row heading id, column heading id)
    of the matrix as laid out."""

    def grid(self) -> list[list[str]]:
        """The scores table as display strings: the heading row, then a row per product."""
        return [
            list(self.headings),
            *(
                [r.rank_text, r.name, r.total_text, r.coverage_text, *r.contributions]
                for r in self.rows
            ),
        ]

    def ranking(self) -> list[list[str]]:
        """The first four columns of :meth:`grid`: rank, product, score and coverage."""
        return [row[:4] for row in self.grid()]

    def contributions(self, corner: str) -> list[list[str]]:
        """What each weight contributes to each product's score: a row per weight (its label
        and weight), a column per product in rank order, ``corner`` heading the first."""
        head = [corner, *(r.name for r in self.rows)]
        return [
            head,
            *(
                [w.display, *(r.contributions[index] for r in self.rows)]
                for index, w in enumerate(self.weights)
            ),
        ]


def anchor(product_index: int, feature_index: int) -> str:
    """The id of a matrix cell a finding links to, by the product's and feature's place in
    the comparison (ids from the spec never reach an attribute).

    >>> anchor(0, 3)
    'cell-1-4'
    """
    return f"cell-{product_index + 1}-{feature_index + 1}"


def _percent(share: float, words: Words) -> str:
    return numbers.number(share * 100, words, decimals=0) + words.percent_suffix


def _points(value: float | None, words: Words) -> str:
    """A score or contribution out of 100, to one decimal."""
    return words.no_score if value is None else numbers.number(value * 100, words, decimals=1)


def analysis(
    comparison: Comparison,
    scores: Scores | None,
    words: Words,
    text: Callable[[Label], str],
    transposed: bool,
) -> Analysis | None:
    """The scores and findings of ``comparison`` in ``words``' language; None when it has
    neither ``[scoring]`` nor findings. ``text`` gives a label in that language."""
    if scores is None and not comparison.findings:
        return None
    names = {p.id: text(p.name) for p in comparison.products}
    labels = {f.id: text(f.label) for f in comparison.features}
    products = {p.id: index for index, p in enumerate(comparison.products)}
    features = {f.id: index for index, f in enumerate(comparison.features)}
    findings = []
    anchors: dict[tuple[str, str], str] = {}
    for finding in comparison.findings:
        cells = []
        for cell in finding.cells:
            place = words.separator.join((names[cell.product], labels[cell.feature]))
            mark = anchor(products[cell.product], features[cell.feature])
            key = (cell.product, cell.feature) if transposed else (cell.feature, cell.product)
            anchors[key] = mark
            cells.append(FindingCell(cell.product, cell.feature, place, mark))
        shown = words.places_separator.join(c.place for c in cells)
        findings.append(
            FindingEntry(
                text(finding.text),
                tuple(cells),
                words.finding_cells.format(cells=shown) if cells else "",
            )
        )
    part = Analysis(words.scores, words.findings, tuple(findings), False, anchors=anchors)
    if scores is None or comparison.scoring is None:
        return part
    return _scored(part, comparison, scores, words, text, names)


def _scored(
    part: Analysis,
    comparison: Comparison,
    scores: Scores,
    words: Words,
    text: Callable[[Label], str],
    names: Mapping[str, str],
) -> Analysis:
    """``part`` with the scores, sensitivity and coverage filled in."""
    scoring = comparison.scoring
    assert scoring is not None  # analysis() checks
    groups = {g.id: text(g.label) for g in comparison.groups}
    labels = {f.id: text(f.label) for f in comparison.features}
    weights = []
    for w in scoring.weights:
        label = labels.get(w.target) or groups.get(w.target, w.target)
        shown = numbers.number(w.weight, words)
        display = words.with_unit.format(label=label, unit=shown)
        weights.append(WeightEntry(w.target, label, w.weight, shown, display))
    order = {w.key: index for index, w in enumerate(weights)}
    scored = tuple(
        ScoredFeature(f, labels[f], order[key], share) for key, f, share in scores.members
    )
    ranked = sorted(scores.products, key=lambda p: p.rank)
    rows = []
    for result in ranked:
        by_key: list[float | None] = [None] * len(weights)
        for feature, (_, share) in zip(scored, result.contributions, strict=True):
            if share is not None:
                by_key[feature.weight] = (by_key[feature.weight] or 0.0) + share
        rows.append(
            ScoreRow(
                product_id=result.product,
                name=names[result.product],
                rank=result.rank,
                rank_text=words.rank.format(rank=result.rank),
                total=None if result.total is None else result.total * 100,
                total_text=_points(result.total, words),
                coverage=result.coverage,
                coverage_text=_percent(result.coverage, words),
                contributions=tuple(_points(v, words) for v in by_key),
                values=tuple(v for _, v in result.values),
            )
        )
    headings = (
        words.rank_heading,
        words.product,
        words.score_heading,
        words.coverage_heading,
        *(w.label for w in weights),
    )
    low = [names[p.product] for p in scores.products if p.coverage < LOW_COVERAGE]
    coverage = [words.missing_policy[scoring.missing.value]]
    if low:
        coverage.append(
            words.low_coverage.format(
                names=words.list_separator.join(low), share=_percent(LOW_COVERAGE, words)
            )
        )
    return attrs.evolve(
        part,
        scored=True,
        intro=words.scores_intro,
        weights=tuple(weights),
        features=scored,
        rows=tuple(rows),
        headings=headings,
        sensitivity=_sensitivity(scores, tuple(weights), words, names, scoring.vary),
        coverage=tuple(coverage),
        missing=scoring.missing.value,
    )


def _sensitivity(
    scores: Scores,
    weights: tuple[WeightEntry, ...],
    words: Words,
    names: Mapping[str, str],
    vary: float,
) -> tuple[str, ...]:
    """Who leads and what unseats it, then robust or fragile, in sentences."""
    out = []
    if scores.leader is None:
        tied = [names[p.product] for p in scores.products if p.rank == 1 and p.total is not None]
        if tied:
            out.append(words.tied_first.format(names=words.list_separator.join(tied)))
    elif scores.tipping is None:
        out.append(words.no_tipping.format(leader=names[scores.leader]))
    else:
        tip = scores.tipping
        label = next(w.label for w in weights if w.key == tip.weight)
        size = abs(tip.change) * 100
        change = numbers.number(size, words, decimals=0 if size >= 10 else 1)
        template = words.tipping_up if tip.change > 0 else words.tipping_down
        out.append(
            template.format(
                leader=names[scores.leader],
                weight=label,
                change=change + words.percent_suffix,
                other=names[tip.leader],
            )
        )
    common = {
        "draws": numbers.count(DRAWS, words),
        "vary": numbers.number(vary, words) + words.percent_suffix,
        "threshold": _percent(FRAGILE_SHARE, words),
    }
    leading = sorted(
        ((share, index) for index, (_, share) in enumerate(scores.first) if share > 0),
        key=lambda found: -found[0],
    )
    contenders = [share for share, _ in leading if share >= FRAGILE_SHARE]
    if len(contenders) >= 2:
        shares = words.list_separator.join(
            words.share_item.format(
                name=names[scores.first[index][0]], share=_percent(share, words)
            )
            for share, index in leading
        )
        out.append(words.fragile.format(count=len(contenders), shares=shares, **common))
    elif leading:
        share, index = leading[0]
        out.append(
            words.robust.format(
                leader=names[scores.first[index][0]], share=_percent(share, words), **common
            )
        )
    return tuple(out)
