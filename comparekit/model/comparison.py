"""The aggregate root: a :class:`Comparison` checks itself and every part when it is built.

>>> Comparison(title="T").title
Label(translations=(('', 'T'),))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

from comparekit.errors import ModelError
from comparekit.model.kinds import Label, optional_label, to_label
from comparekit.model.parts import NOT_STATED, Feature, Group, Product, Source, Value
from comparekit.model.rules import problems

__all__ = ["Comparison"]


_Part = TypeVar("_Part", Source, Feature, Product)


def _find(items: tuple[_Part, ...], identifier: str) -> _Part:
    for item in items:
        if item.id == identifier:
            return item
    raise KeyError(identifier)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Comparison:
    """A whole comparison: what is compared, on which features, from which sources.

    Checks itself on construction; see :func:`comparekit.model.rules.problems`.
    """

    title: Label = attrs.field(converter=to_label)
    subtitle: Label | None = attrs.field(default=None, converter=optional_label)
    as_of: dt.date | None = None
    language: str = "en"
    summary: Label | None = attrs.field(default=None, converter=optional_label)
    prepared_for: str | None = None
    prepared_by: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_tuple)
    features: tuple[Feature, ...] = attrs.field(default=(), converter=_tuple)
    products: tuple[Product, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        found = problems(self)
        if found:
            raise ModelError(found)

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id (``KeyError`` if none)."""
        return _find(self.features, feature_id)

    def product(self, product_id: str) -> Product:
        """The product with this id (``KeyError`` if none)."""
        return _find(self.products, product_id)

    def source(self, source_id: str) -> Source:
        """The source with this id (``KeyError`` if none)."""
        return _find(self.sources, source_id)

    def value(self, product_id: str, feature_id: str) -> Value:
        """A product's value for a feature; :data:`NOT_STATED` when the product leaves it out."""
        self.feature(feature_id)
        return self.product(product_id).values.get(feature_id, NOT_STATED)
