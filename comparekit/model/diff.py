"""Two editions of a comparison compared: what was added, removed or changed, as typed data.

:func:`diff` is pure computation on two :class:`~comparekit.Comparison` models; it formats
nothing. The layout shows its changes (:mod:`comparekit.layout.changes`), in the words of
each language, for the command line and for the "What changed" part of every report.

>>> from comparekit import Comparison, Feature, Product, Value
>>> users = Feature(id="users", label="Users", type="count")
>>> old = Comparison(title="Chat", features=[users],
...                  products=[Product(id="a", name="A", values={"users": Value(200)})])
>>> new = Comparison(title="Chat", features=[users],
...                  products=[Product(id="a", name="A", values={"users": Value(250)}),
...                            Product(id="b", name="B")])
>>> for change in diff(old, new):
...     print(change)
Added(part=<Part.PRODUCT: 'product'>, id='b')
ValueChanged(product='a', feature='users', field='value', old=200, new=250)
>>> diff(old, old)
()
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

import attrs

from comparekit.model.comparison import Comparison
from comparekit.model.parts import NOT_STATED, Feature, Group, Product, Source, Value

__all__ = [
    "PART_FIELDS",
    "VALUE_FIELDS",
    "Added",
    "Change",
    "Modified",
    "Part",
    "Removed",
    "ValueChanged",
    "diff",
]


class Part(enum.Enum):
    """What part of a comparison a change is to."""

    COMPARISON = "comparison"
    SOURCE = "source"
    GROUP = "group"
    FEATURE = "feature"
    PRODUCT = "product"


@attrs.frozen
class Added:
    """A source, group, feature or product that only the new edition has."""

    part: Part
    id: str


@attrs.frozen
class Removed:
    """A source, group, feature or product that only the old edition has."""

    part: Part
    id: str


@attrs.frozen
class Modified:
    """A field of a part both editions have, changed: a renamed label, a changed unit or type.

    The comparison's own fields (title, as-of date, ...) are those of :attr:`Part.COMPARISON`,
    whose ``id`` is empty. ``old`` and ``new`` are the model's data (``None`` when unset).
    """

    part: Part
    id: str
    field: str
    old: Any
    new: Any


@attrs.frozen
class ValueChanged:
    """A field of one product's value of one feature, changed (both editions have both).

    ``field`` is one of :data:`VALUE_FIELDS`; a value one edition leaves out counts as
    :data:`~comparekit.model.NOT_STATED` there (a stated figure that was not stated is a
    change of its ``status`` and its ``value``).
    """

    product: str
    feature: str
    field: str
    old: Any
    new: Any


Change: TypeAlias = Added | Removed | Modified | ValueChanged
"""One change between two editions."""

VALUE_FIELDS = (
    "value",
    "status",
    "qualifier",
    "max",
    "condition",
    "as_of",
    "note",
    "source",
    "currency",
)
"""The fields of a value that :func:`diff` compares, in the order changes list them."""

_PARTS: tuple[tuple[Part, type, str], ...] = (
    (Part.SOURCE, Source, "sources"),
    (Part.GROUP, Group, "groups"),
    (Part.FEATURE, Feature, "features"),
    (Part.PRODUCT, Product, "products"),
)

PART_FIELDS: dict[Part, tuple[str, ...]] = {
    Part.COMPARISON: tuple(
        a.name
        for a in attrs.fields(Comparison)
        # The parts are compared one by one below; the analysis (scoring, findings) and the
        # presentation (theme, views) are not the comparison's facts: an edition's diff and a
        # workbook, which carries no theme, would otherwise differ by them (docs/diff.md).
        if a.name
        not in {
            "sources",
            "groups",
            "features",
            "products",
            "scoring",
            "findings",
            "theme",
            "views",
        }
    ),
    **{
        part: tuple(a.name for a in attrs.fields(cls) if a.name not in {"id", "values"})
        for part, cls, _ in _PARTS
    },
}
"""The fields of each part that :func:`diff` compares (a product's values apart)."""


def _same(old: object, new: object) -> bool:
    """Equal and of one type: ``1`` and ``1.0``, or ``True`` and ``1``, are a change."""
    if type(old) is not type(new):
        return False
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(map(_same, old, new))
    return bool(old == new)


def _fields(part: Part, ident: str, old: object, new: object) -> Iterator[Modified]:
    for name in PART_FIELDS[part]:
        before, after = getattr(old, name), getattr(new, name)
        if not _same(before, after):
            yield Modified(part, ident, name, before, after)


def _by_id(items: Sequence[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _values(old: Value, new: Value, product: str, feature: str) -> Iterator[ValueChanged]:
    if old is new:
        return
    for name in VALUE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if not _same(before, after):
            yield ValueChanged(product, feature, name, before, after)


def diff(old: Comparison, new: Comparison) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``; empty when they are the same comparison.

    In this order: the comparison's own fields; then sources, groups, features and
    products, each removed (in the old order), added and changed (in the new order);
    then the values of the products and features both have, product by product, feature
    by feature, field by field (:data:`VALUE_FIELDS`). The values of an added or removed
    product or feature are not listed apart: they come and go with it.
    """
    for name, given in (("old", old), ("new", new)):
        if not isinstance(given, Comparison):
            raise TypeError(f"diff() compares two Comparisons; {name} is {type(given).__name__}")
    changes: list[Change] = list(_fields(Part.COMPARISON, "", old, new))
    for part, _, attribute in _PARTS:
        before, after = _by_id(getattr(old, attribute)), _by_id(getattr(new, attribute))
        changes += [Removed(part, ident) for ident in before if ident not in after]
        changes += [Added(part, ident) for ident in after if ident not in before]
        for ident, item in after.items():
            if ident in before:
                changes += _fields(part, ident, before[ident], item)
    kept = [f.id for f in new.features if f.id in _by_id(old.features)]
    previous = _by_id(old.products)
    for product in new.products:
        earlier = previous.get(product.id)
        if earlier is None:
            continue
        for feature in kept:
            changes += _values(
                earlier.values.get(feature, NOT_STATED),
                product.values.get(feature, NOT_STATED),
                product.id,
                feature,
            )
    return tuple(changes)
