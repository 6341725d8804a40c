"""The kinds of the model: feature types, statuses, qualifiers and :class:`Label`.

Nothing here knows a comparison: these are the words the model's classes and
rules are spelled in.

>>> FeatureType("count").numeric, Status.NOT_STATED or "falsy"
(True, 'falsy')
>>> bool(LANGUAGE_TAG.match("zh-Hant")), bool(LANGUAGE_TAG.match("chinese"))
(True, False)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping

import attrs

from comparekit.errors import describe

__all__ = [
    "LANGUAGE_TAG",
    "Better",
    "FeatureType",
    "Label",
    "Qualifier",
    "Show",
    "Status",
    "label_problems",
]

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
"""A language tag as comparekit takes it (``en``, ``zh-Hant``, ``ko-KR``): spec keys, labels, PDFs."""


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


class Show(enum.Enum):
    """Where a feature's values are shown: as a row of the matrix (the default), or, for a
    fact only one or two products have, under each product in "Highlights by product"."""

    MATRIX = "matrix"
    HIGHLIGHTS = "highlights"


def label_problems(value: object) -> Iterator[tuple[tuple[str, ...], str]]:
    """Why ``value`` makes no :class:`Label`, as (key, message) pairs; nothing if it makes one.

    >>> list(label_problems({"en": 1}))
    [(('en',), "a label's translations must be strings, got integer 1")]
    """
    if isinstance(value, Label | str):
        return
    if isinstance(value, Mapping):
        for lang, text in value.items():
            if not isinstance(lang, str):
                yield (), f"a label's languages must be strings, got {describe(lang)}"
            elif not isinstance(text, str):
                yield (lang,), f"a label's translations must be strings, got {describe(text)}"
    elif not (
        isinstance(value, tuple)
        and all(
            isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
            for pair in value
        )
    ):
        yield (), f"a label is a string or a table of translations, got {describe(value)}"


def _label_pairs(value: object) -> tuple[tuple[str, str], ...]:
    for _, message in label_problems(value):
        raise TypeError(message)
    if isinstance(value, Label):
        return value.translations
    if isinstance(value, str):
        return (("", value),)
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return tuple(sorted(value))  # type: ignore[call-overload]


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
