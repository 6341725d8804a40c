"""The parts of a comparison: values, sources, groups, features and products.

Frozen attrs classes named as in the spec format. They convert their fields
(``"about"`` becomes :attr:`~comparekit.Qualifier.ABOUT`, a plain string a
:class:`~comparekit.Label`) but hold no rules: :class:`~comparekit.Comparison`
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

from comparekit.model.kinds import (
    Better,
    FeatureType,
    Label,
    Qualifier,
    Status,
    optional_label,
    to_label,
)

__all__ = ["NOT_STATED", "Feature", "Group", "Product", "Source", "Value"]


def _status(value: Status | str) -> Status:
    return Status(value)


def _qualifier(value: Qualifier | str | None) -> Qualifier | None:
    return None if value is None else Qualifier(value)


def _feature_type(value: FeatureType | str) -> FeatureType:
    return FeatureType(value)


def _better(value: Better | str | None) -> Better | None:
    return None if value is None else Better(value)


ListItem: TypeAlias = "str | Label"
Data: TypeAlias = (
    "str | Label | bool | int | float | dt.date | tuple[int, int] | tuple[ListItem, ...]"
)


def _data(value: object) -> Any:
    """Make a value hashable and canonical: lists become tuples, tables become labels."""
    if isinstance(value, Label):
        return value.translations[0][1] if value.plain else value
    if isinstance(value, Mapping):
        return _data(Label(value))
    if isinstance(value, list | tuple):
        return tuple(_data(item) for item in value)
    return value


def _sources(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)  # type: ignore[arg-type]


@attrs.frozen
class Value:
    """One product's value for one feature, with its qualifier, note and sources.

    ``status`` defaults to ``KNOWN`` when ``value`` is given, else ``NOT_STATED``.

    >>> Value(102, max=302, note="Up to 302 on request.").status
    <Status.KNOWN: 'known'>
    >>> Value().status
    <Status.NOT_STATED: 'not_stated'>
    """

    value: Data | None = attrs.field(default=None, converter=_data)
    status: Status = attrs.field(converter=_status)
    qualifier: Qualifier | None = attrs.field(default=None, converter=_qualifier)
    max: Data | None = attrs.field(default=None, converter=_data)
    as_of: dt.date | None = None
    note: Label | None = attrs.field(default=None, converter=optional_label)
    source: tuple[str, ...] = attrs.field(default=(), converter=_sources)
    currency: str | None = None

    @status.default
    def _status_default(self) -> Status:
        return Status.NOT_STATED if self.value is None else Status.KNOWN


NOT_STATED = Value()
"""The value of a feature a product leaves out: the source does not say."""


@attrs.frozen
class Source:
    """Where figures come from."""

    id: str
    title: str
    publisher: str | None = None
    published: dt.date | None = None
    accessed: dt.date | None = None
    url: str | None = None
    language: str | None = None


@attrs.frozen
class Group:
    """A heading that features are shown under, in the order groups are listed."""

    id: str
    label: Label = attrs.field(converter=to_label)


@attrs.frozen
class Feature:
    """A row of the matrix: what is compared, of which type, and which end is best."""

    id: str
    label: Label = attrs.field(converter=to_label)
    type: FeatureType = attrs.field(converter=_feature_type)
    group: str | None = None
    unit: Label | None = attrs.field(default=None, converter=optional_label)
    better: Better | None = attrs.field(default=None, converter=_better)
    description: Label | None = attrs.field(default=None, converter=optional_label)
    currency: str | None = None
    decimals: int | None = None
    """Decimals every figure shows (0 to 10); ``None``: as many as each was written with."""


def _values(value: Mapping[str, object] | None) -> Mapping[str, Value]:
    items = dict(value or {})
    return MappingProxyType(
        {key: item if isinstance(item, Value) else Value(item) for key, item in items.items()}
    )


@attrs.frozen
class Product:
    """A column of the matrix. ``values`` maps feature ids to values; a bare figure is allowed.

    >>> Product(id="feishu", name="Feishu", values={"free_offer": True}).values["free_offer"]
    Value(value=True, status=<Status.KNOWN: 'known'>, qualifier=None, max=None, as_of=None, \
note=None, source=(), currency=None)
    """

    id: str
    name: Label = attrs.field(converter=to_label)
    vendor: Label | None = attrs.field(default=None, converter=optional_label)
    url: str | None = None
    description: Label | None = attrs.field(default=None, converter=optional_label)
    values: Mapping[str, Value] = attrs.field(factory=dict, converter=_values, hash=False)
