"""Changes between two editions as the reader sees them, and as plain data for ``--json``.

:func:`change_entries` turns the typed changes of :func:`comparekit.model.diff.diff` into
one :class:`ChangeEntry` per line of a report's "What changed" part, in the words of one
language: names and labels in that language, figures as the matrix shows them ("about 200
million"), dates as the reports write them. The fields of a value's figure (value, status,
qualifier, max, currency) make one entry, the cell as it read and as it reads. :func:`as_json`
gives the same changes as JSON data, language-free, for ``comparekit diff --json``.

>>> from comparekit import Comparison, Feature, Product, Value
>>> from comparekit.layout.words import WORDS
>>> from comparekit.model.diff import diff
>>> users = Feature(id="users", label={"en": "Users", "ko": "사용자"}, type="count")
>>> old = Comparison(title="Chat", features=[users],
...                  products=[Product(id="a", name="A", values={"users": Value(200_000_000)})])
>>> new = Comparison(title="Chat", features=[users], products=[Product(
...     id="a", name="A", values={"users": Value(250_000_000, qualifier="about")})])
>>> [entry.text for entry in change_entries(diff(old, new), old, new, WORDS["ko"])]
['A · 사용자: 2억 → 약 2억 5,000만']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

import attrs

from comparekit.layout import numbers
from comparekit.layout.cells import value_text
from comparekit.layout.words import Words
from comparekit.model import NOT_STATED, Comparison, Feature, Label, Qualifier, Status, Value
from comparekit.model.diff import Added, Change, Modified, Part, Removed, ValueChanged

__all__ = ["FIGURE_FIELDS", "ChangeEntry", "as_json", "change_entries", "changes_title"]

FIGURE_FIELDS = frozenset({"value", "status", "qualifier", "max", "condition", "currency"})
"""The fields of a value that its cell's text shows: changed together, one entry."""


@attrs.frozen
class ChangeEntry:
    """One change as a line of a report, and its parts for a table of changes.

    ``text`` is the whole line (``DingTalk · Users: about 200 million → 250 million``);
    ``kind`` (``added``, ``removed``, ``changed``), ``part`` (a
    :class:`~comparekit.model.diff.Part` value, or ``value``), the ids and ``fields`` are
    the spec's own names, for a table that is filtered; ``place``, ``field``, ``old`` and
    ``new`` are shown.
    """

    kind: str
    part: str
    id: str
    product_id: str
    feature_id: str
    fields: tuple[str, ...]
    place: str
    field: str
    old: str
    new: str
    text: str


def changes_title(words: Words, since: dt.date | None) -> str:
    """The heading of what changed since an edition of date ``since`` (none: "the previous edition").

    >>> from comparekit.layout.words import WORDS
    >>> changes_title(WORDS["zh"], dt.date(2020, 2, 28)), changes_title(WORDS["en"], None)
    ('自2020年2月28日以来的变化', 'What changed since the previous edition')
    """
    return words.changes_since.format(date=since_text(words, since))


def since_text(words: Words, since: dt.date | None) -> str:
    """The date of the earlier edition as the reports write it, or "the previous edition"."""
    return numbers.date(since, words) if since is not None else words.previous_edition


@attrs.define
class _Shower:
    old: Comparison
    new: Comparison
    words: Words

    def label(self, label: Label | None, comparison: Comparison) -> str:
        return label.text(self.words.lang, comparison.language) if label is not None else ""

    def data(self, data: Any, comparison: Comparison) -> str:
        """A field's data as a report shows it (``none`` when unset)."""
        w = self.words
        if data is None or data == ():
            return w.none
        if isinstance(data, Label):
            return self.label(data, comparison)
        if isinstance(data, bool):  # a flag (chart): Yes or No, as a boolean value reads
            return w.yes if data else w.no
        if isinstance(data, dt.date):
            return numbers.date(data, w)
        if isinstance(data, Qualifier):
            return w.qualifiers[data.value].format("…").strip()
        if isinstance(data, enum.Enum):
            return str(data.value)
        if isinstance(data, tuple):
            return w.list_separator.join(self.data(item, comparison) for item in data)
        return str(data)

    def name(self, part: Part, ident: str) -> str:
        """A part's name in the report's language, from the edition that has it."""
        for comparison in (self.new, self.old):
            for item in _items(comparison, part):
                if item.id == ident:
                    shown = getattr(item, "title", None) or getattr(item, "name", None)
                    if isinstance(shown, str):
                        return shown
                    return self.label(shown or item.label, comparison)
        return ident

    def place(self, part: Part, ident: str) -> str:
        if part is Part.COMPARISON:
            return self.words.parts[part.value]
        return self.words.part_place.format(
            part=self.words.parts[part.value], name=self.name(part, ident)
        )

    def cell(self, comparison: Comparison, product: str, feature: str) -> str:
        """A value's figure as the matrix shows it, in ``comparison``, with its unit (a change
        names no heading that would carry it)."""
        found: Feature = comparison.feature(feature)
        value: Value = comparison.product(product).values.get(feature, NOT_STATED)
        if value.status is Status.KNOWN:
            return value_text(found, value, self.words, comparison.language, unit=True)
        if value.status is Status.NOT_APPLICABLE:
            return self.words.not_applicable
        return self.words.not_stated


def _items(comparison: Comparison, part: Part) -> Sequence[Any]:
    attribute = {
        Part.SOURCE: "sources",
        Part.GROUP: "groups",
        Part.FEATURE: "features",
        Part.PRODUCT: "products",
    }[part]
    items: Sequence[Any] = getattr(comparison, attribute)
    return items


def change_entries(
    changes: Sequence[Change], old: Comparison, new: Comparison, words: Words
) -> tuple[ChangeEntry, ...]:
    """The ``changes`` from ``old`` to ``new`` as lines in ``words``' language, in their order.

    The figure fields of one value (:data:`FIGURE_FIELDS`) make one entry, where the first
    of them is: the cell as it read and as it reads.
    """
    show = _Shower(old, new, words)
    figures: dict[tuple[str, str], list[str]] = {}
    for change in changes:
        if isinstance(change, ValueChanged) and change.field in FIGURE_FIELDS:
            figures.setdefault((change.product, change.feature), []).append(change.field)
    out = []
    for change in changes:
        if isinstance(change, Added | Removed):
            place = show.place(change.part, change.id)
            added = isinstance(change, Added)
            template = words.change_added if added else words.change_removed
            text = template.format(place=place)
            kind = "added" if added else "removed"
            out.append(
                ChangeEntry(kind, change.part.value, change.id, "", "", (), place, *_NO, text)
            )
        elif isinstance(change, Modified):
            place = show.place(change.part, change.id)
            shown = show.data(change.old, old), show.data(change.new, new)
            named = (change.field,)
            out.append(_changed(words, change.part.value, change.id, "", "", named, place, *shown))
        else:
            key = (change.product, change.feature)
            place = words.separator.join(
                (show.name(Part.PRODUCT, change.product), show.name(Part.FEATURE, change.feature))
            )
            if change.field not in FIGURE_FIELDS:
                before, after = show.data(change.old, old), show.data(change.new, new)
                fields: tuple[str, ...] = (change.field,)
            elif figures.get(key, [])[:1] == [change.field]:
                before, after = show.cell(old, *key), show.cell(new, *key)
                fields = tuple(figures[key])
            else:
                continue
            out.append(_changed(words, "value", "", *key, fields, place, before, after))
    return tuple(out)


_NO = ("", "", "")
"""No field, no old and no new: what an added or removed part shows of them."""


def _changed(
    words: Words,
    part: str,
    ident: str,
    product: str,
    feature: str,
    fields: tuple[str, ...],
    place: str,
    old: str,
    new: str,
) -> ChangeEntry:
    figure = part == "value" and fields[0] in FIGURE_FIELDS
    field = words.fields["value" if figure else fields[0]]
    template = words.change_value if figure else words.change_field
    text = template.format(place=place, field=field, old=old, new=new)
    return ChangeEntry(
        "changed", part, ident, product, feature, fields, place, field, old, new, text
    )


def _plain(data: Any) -> Any:
    """Model data as JSON data: a label as its translations (``""``: the comparison's
    language), a date in ISO form, an enum as its value, a tuple as a list."""
    if isinstance(data, Label):
        return dict(data.translations)
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, enum.Enum):
        return data.value
    if isinstance(data, tuple):
        return [_plain(item) for item in data]
    return data


def as_json(changes: Sequence[Change]) -> list[dict[str, Any]]:
    """The changes as JSON data, one object each, in their order (docs/diff.md has the shape).

    >>> from comparekit.model.diff import Added, Part, ValueChanged
    >>> import datetime as dt
    >>> as_json([Added(Part.PRODUCT, "b"),
    ...          ValueChanged("a", "users", "as_of", None, dt.date(2020, 3, 1))])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'change': 'added', 'part': 'product', 'id': 'b'},
     {'change': 'changed', 'part': 'value', 'product': 'a', 'feature': 'users',
      'field': 'as_of', 'old': None, 'new': '2020-03-01'}]
    """
    out: list[dict[str, Any]] = []
    for change in changes:
        if isinstance(change, Added | Removed):
            kind = "added" if isinstance(change, Added) else "removed"
            out.append({"change": kind, "part": change.part.value, "id": change.id})
        elif isinstance(change, Modified):
            out.append(
                {
                    "change": "changed",
                    "part": change.part.value,
                    "id": change.id,
                    "field": change.field,
                    "old": _plain(change.old),
                    "new": _plain(change.new),
                }
            )
        else:
            out.append(
                {
                    "change": "changed",
                    "part": "value",
                    "product": change.product,
                    "feature": change.feature,
                    "field": change.field,
                    "old": _plain(change.old),
                    "new": _plain(change.new),
                }
            )
    return out
