"""The comparison model: frozen attrs classes named as in the spec format.

A :class:`Comparison` is the aggregate root: it checks itself and every part in
it when it is constructed (a value's type depends on its feature, a source
reference on the sources), and raises :class:`~comparekit.ModelError` listing
every problem. The parts convert their fields (``"about"`` becomes
:attr:`Qualifier.ABOUT`, a plain string becomes a :class:`Label`) but hold no
rules of their own. Nothing here formats or writes anything.

>>> from comparekit import Comparison, Feature, Product, Value
>>> c = Comparison(
...     title="Chat apps",
...     features=[Feature(id="users", label="Users", type="count")],
...     products=[Product(id="a", name="App A", values={"users": Value(200, qualifier="about")})],
... )
>>> c.products[0].values["users"].qualifier
<Qualifier.ABOUT: 'about'>
>>> c.value("a", "users").status
<Status.KNOWN: 'known'>
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias, TypeVar

import attrs

__all__ = [
    "Better",
    "Comparison",
    "Feature",
    "FeatureType",
    "Group",
    "Label",
    "Product",
    "Qualifier",
    "Source",
    "Status",
    "Value",
]


class FeatureType(enum.Enum):
    """What kind of figure a feature holds; decides how its values are checked and shown."""

    TEXT = "text"
    BOOLEAN = "boolean"
    COUNT = "count"
    NUMBER = "number"
    PERCENT = "percent"
    CHANGE = "change"
    MULTIPLIER = "multiplier"
    MONEY = "money"
    DATE = "date"
    FRACTION = "fraction"
    LIST = "list"

    @property
    def numeric(self) -> bool:
        """True for types whose value is a single int or float."""
        return self in _NUMERIC

    @property
    def ordered(self) -> bool:
        """True for types whose values can be ranked (``better``, ``max``)."""
        return self in _NUMERIC or self in (FeatureType.DATE, FeatureType.FRACTION)


_NUMERIC = frozenset(
    {
        FeatureType.COUNT,
        FeatureType.NUMBER,
        FeatureType.PERCENT,
        FeatureType.CHANGE,
        FeatureType.MULTIPLIER,
        FeatureType.MONEY,
    }
)


class Status(enum.Enum):
    """Whether a value is known. ``NOT_STATED`` is falsy: the source does not say."""

    KNOWN = "known"
    NOT_STATED = "not_stated"
    NOT_APPLICABLE = "not_applicable"

    def __bool__(self) -> bool:
        return self is Status.KNOWN


class Qualifier(enum.Enum):
    """How a figure is qualified in its source; every output shows it in words."""

    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    UP_TO = "up_to"
    AVERAGE = "average"
    PARTIAL = "partial"
    PLANNED = "planned"
    UNCERTAIN = "uncertain"


class Better(enum.Enum):
    """Which end of a feature's range is best."""

    HIGHER = "higher"
    LOWER = "lower"


def _label_pairs(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Label):
        return value.translations
    if isinstance(value, str):
        return (("", value),)
    if isinstance(value, Mapping):
        pairs = tuple(sorted((str(k), v) for k, v in value.items()))
        if not all(isinstance(text, str) for _, text in pairs):
            raise TypeError("a label's translations must be strings")
        return pairs
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        return tuple(sorted(value))
    raise TypeError(f"a label is a string or a table of translations, not {type(value).__name__}")


@attrs.frozen
class Label:
    """Text in one or more languages.

    A plain string is in the comparison's language (stored under the key ``""``);
    a mapping gives translations keyed by language tag.

    >>> Label({"en": "Users", "ko": "사용자"}).text("ko", default="en")
    '사용자'
    >>> Label("Users").text("zh", default="en")
    'Users'
    """

    translations: tuple[tuple[str, str], ...] = attrs.field(converter=_label_pairs)

    @property
    def plain(self) -> bool:
        """True when the label is one string in the comparison's language."""
        return len(self.translations) == 1 and self.translations[0][0] == ""

    def languages(self) -> tuple[str, ...]:
        """The language tags this label has, ``""`` standing for the comparison's language."""
        return tuple(lang for lang, _ in self.translations)

    def text(self, lang: str, default: str = "en") -> str:
        """The text in ``lang``, else in ``default`` (the comparison's language), else any."""
        found = dict(self.translations)
        for key in (lang, "" if lang == default else None, default, ""):
            if key is not None and key in found:
                return found[key]
        return self.translations[0][1] if self.translations else ""

    def __str__(self) -> str:
        return self.translations[0][1] if self.translations else ""


def to_label(value: object) -> Label:
    """Convert a string, a mapping of translations or a :class:`Label` to a :class:`Label`."""
    return value if isinstance(value, Label) else Label(value)


def _optional_label(value: object) -> Label | None:
    return None if value is None else to_label(value)


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
    note: Label | None = attrs.field(default=None, converter=_optional_label)
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
    unit: Label | None = attrs.field(default=None, converter=_optional_label)
    better: Better | None = attrs.field(default=None, converter=_better)
    description: Label | None = attrs.field(default=None, converter=_optional_label)
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
    vendor: Label | None = attrs.field(default=None, converter=_optional_label)
    url: str | None = None
    description: Label | None = attrs.field(default=None, converter=_optional_label)
    values: Mapping[str, Value] = attrs.field(factory=dict, converter=_values, hash=False)


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

    Checks itself on construction; see :func:`comparekit.rules.problems`.
    """

    title: Label = attrs.field(converter=to_label)
    subtitle: Label | None = attrs.field(default=None, converter=_optional_label)
    as_of: dt.date | None = None
    language: str = "en"
    summary: Label | None = attrs.field(default=None, converter=_optional_label)
    prepared_for: str | None = None
    prepared_by: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_tuple)
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_tuple)
    features: tuple[Feature, ...] = attrs.field(default=(), converter=_tuple)
    products: tuple[Product, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        from comparekit.errors import ModelError
        from comparekit.rules import problems

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
