"""The analysis parts of a comparison: how it is scored (``[scoring]``) and what it finds
(``[[findings]]``).

Frozen attrs classes named as in the spec format, built like the other parts
(:mod:`comparekit.model.parts`): they convert what they can (a table of weights to
:class:`Weight` s, ``"worst"`` to :attr:`Missing.WORST`) and refuse a field of the wrong
type; :mod:`comparekit.model.rules` checks the rest (weights ≥ 0, ids that exist, ordered
thresholds). The computation is :func:`comparekit.score`.

>>> s = Scoring(weights={"price": 2, "chat": 1}, missing="worst")
>>> s.weights[0], s.missing
(Weight(target='price', weight=2), <Missing.WORST: 'worst'>)
>>> Finding(text="A leads on price.", cells=[("a", "price")]).cells
(Cell(product='a', feature='price'),)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from comparekit.errors import describe
from comparekit.model.fields import (
    LABEL,
    TEXT,
    Found,
    an_array_of,
    refuse_wrong_types,
    takes,
    takes_one_of,
    to_array,
    to_choice,
    to_label,
)
from comparekit.model.kinds import Label

__all__ = [
    "DEFAULT_PARTIAL",
    "DEFAULT_VARY",
    "Cell",
    "Finding",
    "Missing",
    "Scale",
    "Scoring",
    "Weight",
    "to_scoring",
]

DEFAULT_PARTIAL = 0.5
"""What a ``partial`` value counts for, as a fraction of its full score, unless the spec says."""
DEFAULT_VARY = 20.0
"""How far, in percent either way, each weight varies in the sensitivity test, unless the spec says."""


class Missing(enum.Enum):
    """How a value that is not stated (or not applicable) counts in a product's total."""

    EXCLUDE = "exclude"
    """Left out: the total is over the weight with known values (the coverage)."""
    WORST = "worst"
    """Scores 0, the worst a value can score."""
    NEUTRAL = "neutral"
    """Scores 0.5, the middle of the scale."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _a_number(value: object) -> Found | None:
    if _is_number(value):
        return None
    return [((), f"expected a number, got {describe(value)}")]


def _an_integer(value: object) -> Found | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    return [((), f"expected an integer, got {describe(value)}")]


def _numbers(value: object) -> Found | None:
    if not isinstance(value, tuple):
        return [((), f"expected an array of numbers, got {describe(value)}")]
    found: Found = [
        ((index,), f"expected a number, got {describe(item)}")
        for index, item in enumerate(value)
        if not _is_number(item)
    ]
    return found or None


def _items(value: object) -> Found | None:
    if not isinstance(value, tuple):
        return [((), f"expected an array of strings, got {describe(value)}")]
    found: Found = [
        ((index,), f"expected a string, got {describe(item)}")
        for index, item in enumerate(value)
        if not isinstance(item, str)
    ]
    return found or None


NUMBER = takes(_a_number, int, float)
INTEGER = takes(_an_integer, int)


@attrs.frozen
class Weight:
    """How much a feature, or every feature of a group, counts in the total.

    A group's weight is shared equally among its scored features.
    """

    target: str = attrs.field(metadata=TEXT)
    """A feature id or a group id."""
    weight: float = attrs.field(metadata=NUMBER)

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


@attrs.frozen
class Scale:
    """How one feature's values map to 0–1, where its type's default will not do.

    ``thresholds`` (ascending; for a number, a date's ordinal or a fraction's ratio): the
    score is the share of thresholds the value meets in the direction of the feature's
    ``better``. ``required`` (a list): the share of these items the list has. Neither:
    numbers are min–max normalised across the products, lists scored by their length.
    """

    feature: str = attrs.field(metadata=TEXT)
    thresholds: tuple[float, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(_numbers)
    )
    required: tuple[str, ...] = attrs.field(default=(), converter=to_array, metadata=takes(_items))

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


def _pairs(kind: type[Any], value: object) -> Any:
    """A tuple of ``kind`` from a mapping of first field to the rest (a number, or a table
    of the other fields); anything else as :func:`to_array` makes it."""
    if not isinstance(value, Mapping):
        return to_array(value)
    out = []
    for key, item in value.items():
        try:
            out.append(kind(key, **item) if isinstance(item, Mapping) else kind(key, item))
        except (TypeError, ValueError):
            out.append(item)
    return tuple(out)


def _weights(value: object) -> Any:
    return _pairs(Weight, value)


def _scales(value: object) -> Any:
    return _pairs(Scale, value)


def _missing(value: object) -> Any:
    return to_choice(Missing, value)


@attrs.frozen
class Scoring:
    """How a comparison is scored: weights, scales, qualifiers, not-stated values, sensitivity.

    ``weights`` (a feature or group id to a weight ≥ 0) decides which features are scored;
    ``partial`` is what a ``partial`` value counts for (0–1); ``vary`` the ± percent each
    weight varies by in the sensitivity test, drawn from ``random.Random(seed)``.
    """

    weights: tuple[Weight, ...] = attrs.field(
        converter=_weights, metadata=takes(an_array_of(Weight))
    )
    missing: Missing = attrs.field(
        default=Missing.EXCLUDE, converter=_missing, metadata=takes_one_of(Missing)
    )
    partial: float = attrs.field(default=DEFAULT_PARTIAL, metadata=NUMBER)
    vary: float = attrs.field(default=DEFAULT_VARY, metadata=NUMBER)
    seed: int = attrs.field(default=0, metadata=INTEGER)
    scales: tuple[Scale, ...] = attrs.field(
        default=(), converter=_scales, metadata=takes(an_array_of(Scale))
    )

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)

    def scale(self, feature_id: str) -> Scale | None:
        """The scale the spec gives ``feature_id``, or None (its type's default)."""
        for scale in self.scales:
            if scale.feature == feature_id:
                return scale
        return None


def to_scoring(value: object) -> Any:
    """A :class:`Scoring` from a table of its fields; None, a Scoring or anything else as given."""
    if isinstance(value, Mapping):
        try:
            return Scoring(**value)
        except (TypeError, ValueError):
            return value
    return value


def a_scoring(value: object) -> Found | None:
    """None or a :class:`Scoring`."""
    if value is None or isinstance(value, Scoring):
        return None
    return [((), f"expected a Scoring, got {describe(value)}")]


def _cells(value: object) -> Any:
    """A tuple of :class:`Cell` s from pairs or tables of product and feature; else as given."""
    value = to_array(value)
    if not isinstance(value, tuple):
        return value
    out: list[Any] = []
    for item in value:
        if isinstance(item, Mapping) and set(item) == {"product", "feature"}:
            item = Cell(**item)
        elif isinstance(item, tuple | list) and len(item) == 2:
            item = Cell(*item)
        out.append(item)
    return tuple(out)


@attrs.frozen
class Cell:
    """A cell of the matrix a finding refers to: a product's value for a feature."""

    product: str = attrs.field(metadata=TEXT)
    feature: str = attrs.field(metadata=TEXT)

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


@attrs.frozen
class Finding:
    """A key finding: a short statement, in every language, and the cells it rests on."""

    text: Label = attrs.field(converter=to_label, metadata=LABEL)
    cells: tuple[Cell, ...] = attrs.field(
        default=(), converter=_cells, metadata=takes(an_array_of(Cell))
    )

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)
