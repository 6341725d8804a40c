"""The aggregate root: a :class:`Comparison` checks itself and every part when it is built.

>>> Comparison(title="T").title
Label(translations=(('', 'T'),))
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import attrs

from comparekit._shown import shown
from comparekit.errors import ModelError
from comparekit.model.analysis import Finding, Scoring, a_scoring, to_scoring
from comparekit.model.fields import (
    LABEL,
    OPTIONAL_DATE,
    OPTIONAL_LABEL,
    OPTIONAL_TEXT,
    TEXT,
    an_array_of,
    takes,
    to_array,
    to_label,
    to_optional_label,
)
from comparekit.model.kinds import Label
from comparekit.model.parts import NOT_STATED, Feature, Group, Product, Source, Value
from comparekit.model.presentation import Theme, View, a_theme, to_theme
from comparekit.model.rules import problems

__all__ = ["Comparison"]


_Part = TypeVar("_Part", Source, Feature, Product)


def _find(items: tuple[_Part, ...], identifier: str) -> _Part:
    for item in items:
        if item.id == identifier:
            return item
    raise KeyError(identifier)


@attrs.frozen
class Comparison:
    """A whole comparison: what is compared, on which features, from which sources.

    Checks itself on construction; see :func:`comparekit.model.rules.problems`. An array
    is a list, a tuple or another ordered iterable (not a set, a table or a string).
    """

    title: Label = attrs.field(converter=to_label, metadata=LABEL)
    subtitle: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    as_of: dt.date | None = attrs.field(default=None, metadata=OPTIONAL_DATE)
    language: str = attrs.field(default="en", metadata=TEXT)
    summary: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    prepared_for: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    prepared_by: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(Source))
    )
    groups: tuple[Group, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(Group))
    )
    features: tuple[Feature, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(Feature))
    )
    products: tuple[Product, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(Product))
    )
    scoring: Scoring | None = attrs.field(
        default=None, converter=to_scoring, metadata=takes(a_scoring)
    )
    """How the products are scored (``[scoring]``); None: the comparison is not scored."""
    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(Finding))
    )
    """The key findings (``[[findings]]``), in the order given."""
    theme: Theme | None = attrs.field(default=None, converter=to_theme, metadata=takes(a_theme))
    """How the reports look (``[theme]``); None: comparekit's own look."""
    views: tuple[View, ...] = attrs.field(
        default=(), converter=to_array, metadata=takes(an_array_of(View))
    )
    """Named selections of products, features and groups (``[[views]]``)."""

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

    def _repr_html_(self) -> str:
        """The comparison in a notebook: a compact HTML report (:mod:`comparekit.notebook`)."""
        return shown("html", self)

    def _repr_markdown_(self) -> str:
        """The comparison in a notebook that shows Markdown: the Markdown report."""
        return shown("markdown", self)
