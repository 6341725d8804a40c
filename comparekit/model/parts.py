"""The parts of a comparison: values, sources, groups, features and products.

Frozen attrs classes named as in the spec format. They convert their fields
(``"about"`` becomes :attr:`~comparekit.Qualifier.ABOUT`, a plain string a
:class:`~comparekit.Label`) and refuse a field of the wrong type when they are built
(:mod:`comparekit.model.fields`), but hold no rules: :class:`~comparekit.Comparison`
checks them all at once.

>>> Product(id="feishu", name="Feishu", values={"users": 1}).values["users"].status
<Status.KNOWN: 'known'>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from comparekit.errors import ModelError, describe
from comparekit.model.fields import (
    FIGURE,
    LABEL,
    OPTIONAL_DATE,
    OPTIONAL_LABEL,
    OPTIONAL_TEXT,
    TEXT,
    Found,
    refuse_wrong_types,
    source_ids,
    takes,
    takes_one_of,
    to_choice,
    to_figure,
    to_label,
    to_optional_label,
    to_source_ids,
)
from comparekit.model.kinds import Better, FeatureType, Label, Qualifier, Show, Status

__all__ = ["NOT_STATED", "Feature", "Group", "Product", "Source", "Value", "cited"]


def _status(value: object) -> Any:
    return to_choice(Status, value)


def _qualifier(value: object) -> Any:
    return to_choice(Qualifier, value)


def _feature_type(value: object) -> Any:
    return to_choice(FeatureType, value)


def _better(value: object) -> Any:
    return to_choice(Better, value)


def _show(value: object) -> Any:
    return to_choice(Show, value)


def _a_flag(value: object) -> Found | None:
    """``True`` or ``False``."""
    if isinstance(value, bool):
        return None
    return [((), f"expected true or false, got {describe(value)}")]


ListItem: TypeAlias = "str | Label"
Data: TypeAlias = (
    "str | Label | bool | int | float | dt.date | tuple[int, int] | tuple[ListItem, ...]"
)


@attrs.frozen
class Value:
    """One product's value for one feature, with its qualifier, note and sources.

    ``status`` defaults to ``KNOWN`` when ``value`` is given, else ``NOT_STATED``.

    >>> Value(102, max=302, note="Up to 302 on request.").status
    <Status.KNOWN: 'known'>
    >>> Value().status
    <Status.NOT_STATED: 'not_stated'>
    """

    value: Data | None = attrs.field(default=None, converter=to_figure, metadata=FIGURE)
    status: Status = attrs.field(converter=_status, metadata=takes_one_of(Status))
    qualifier: Qualifier | None = attrs.field(
        default=None, converter=_qualifier, metadata=takes_one_of(Qualifier, empty=True)
    )
    max: Data | None = attrs.field(default=None, converter=to_figure, metadata=FIGURE)
    as_of: dt.date | None = attrs.field(default=None, metadata=OPTIONAL_DATE)
    note: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    source: tuple[str, ...] = attrs.field(
        default=(), converter=to_source_ids, metadata=takes(source_ids)
    )
    currency: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    condition: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    """When the higher figure (``max``), or else the figure, holds: ``on request``."""

    @status.default
    def _status_default(self) -> Status:
        return Status.NOT_STATED if self.value is None else Status.KNOWN

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


NOT_STATED = Value()
"""The value of a feature a product leaves out: the source does not say."""


@attrs.frozen
class Source:
    """Where figures come from."""

    id: str = attrs.field(metadata=TEXT)
    title: str = attrs.field(metadata=TEXT)
    publisher: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    published: dt.date | None = attrs.field(default=None, metadata=OPTIONAL_DATE)
    accessed: dt.date | None = attrs.field(default=None, metadata=OPTIONAL_DATE)
    url: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    language: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


@attrs.frozen
class Group:
    """A heading that features are shown under, in the order groups are listed."""

    id: str = attrs.field(metadata=TEXT)
    label: Label = attrs.field(converter=to_label, metadata=LABEL)

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


@attrs.frozen
class Feature:
    """A row of the matrix: what is compared, of which type, and which end is best."""

    id: str = attrs.field(metadata=TEXT)
    label: Label = attrs.field(converter=to_label, metadata=LABEL)
    type: FeatureType = attrs.field(converter=_feature_type, metadata=takes_one_of(FeatureType))
    group: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    unit: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    better: Better | None = attrs.field(
        default=None, converter=_better, metadata=takes_one_of(Better, empty=True)
    )
    description: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    currency: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    decimals: int | None = None
    """Decimals every figure shows (0 to 10); ``None``: as many as each was written with."""
    source: tuple[str, ...] = attrs.field(
        default=(), converter=to_source_ids, metadata=takes(source_ids)
    )
    """The sources of the feature's values that name none (after the product's default)."""
    measure: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    """The measure word each figure takes in its cell (``家``: ``20家中的17家``), or a pattern
    with ``{}`` for the figure (``第{}``: ``第1``); ``None``: the language's default."""
    show: Show | None = attrs.field(
        default=None, converter=_show, metadata=takes_one_of(Show, empty=True)
    )
    """Where the values are shown: ``None`` or :attr:`Show.MATRIX` in the matrix,
    :attr:`Show.HIGHLIGHTS` under each product in "Highlights by product"."""
    chart: bool = attrs.field(default=False, metadata=takes(_a_flag, bool))
    """Draw a bar chart of the feature's values (a numeric feature only)."""

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


def _values(value: object) -> Any:
    """A read-only mapping of feature ids to values (a bare figure becomes a :class:`Value`);
    anything but a mapping, and a figure that makes no value, kept as given."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        return value
    items = {}
    for key, item in value.items():
        try:
            items[key] = item if isinstance(item, Value) else Value(item)
        except ModelError:
            items[key] = item
    return MappingProxyType(items)


def _a_values_table(value: object) -> Found | None:
    """A mapping of feature ids (strings) to :class:`Value` s; each value's problems, if not."""
    if not isinstance(value, Mapping):
        return [((), f"expected a table of feature ids to values, got {describe(value)}")]
    found: Found = []
    for key, item in value.items():
        if not isinstance(key, str):
            found.append(((), f"expected feature ids (strings) as keys, got {describe(key)}"))
        elif not isinstance(item, Value):
            try:
                Value(item)
            except ModelError as error:
                found += [((key, *p.loc), p.message) for p in error.problems]
    return found or None


@attrs.frozen
class Product:
    """A column of the matrix. ``values`` maps feature ids to values; a bare figure is allowed.

    >>> Product(id="feishu", name="Feishu", values={"free_offer": True}).values["free_offer"]
    Value(value=True, status=<Status.KNOWN: 'known'>, qualifier=None, max=None, as_of=None, \
note=None, source=(), currency=None, condition=None)
    """

    id: str = attrs.field(metadata=TEXT)
    name: Label = attrs.field(converter=to_label, metadata=LABEL)
    vendor: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    url: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    description: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    values: Mapping[str, Value] = attrs.field(
        factory=dict, converter=_values, hash=False, metadata=takes(_a_values_table)
    )
    source: tuple[str, ...] = attrs.field(
        default=(), converter=to_source_ids, metadata=takes(source_ids)
    )
    """The sources of the product's values that name none."""

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


def cited(value: Value, product: Product, feature: Feature) -> tuple[str, ...]:
    """The sources a product's value cites: its own, else the product's default, else the
    feature's. A value the product leaves out (:data:`NOT_STATED`) cites nothing.

    >>> f = Feature(id="users", label="Users", type="count", source="survey")
    >>> p = Product(id="a", name="A", values={"users": 5}, source="site")
    >>> cited(p.values["users"], p, f), cited(Value(5, source="blog"), p, f)
    (('site',), ('blog',))
    """
    if value.source:
        return value.source
    if value is NOT_STATED:
        return ()
    return product.source or feature.source
