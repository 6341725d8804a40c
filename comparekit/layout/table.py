"""The resolved table every renderer draws: plain strings and flags, nothing left to format.

A :class:`Table` is built once by :func:`comparekit.layout.build_table`; Excel, PDF
and text renderers all read the same one, which is why they show the same matrix.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from comparekit._shown import shown
from comparekit.layout.changes import ChangeEntry
from comparekit.layout.scores import Analysis
from comparekit.layout.theme import Look
from comparekit.layout.tidy import ValueRecord, value_records
from comparekit.layout.words import Words
from comparekit.model import LANGUAGE_TAG, Comparison, Feature
from comparekit.model.rules import url_problem

if TYPE_CHECKING:
    from comparekit.layout.highlights import ProductHighlights
if TYPE_CHECKING:  # imported when a table has charts (comparekit.layout.build)
    from comparekit.layout.charts import Chart

__all__ = [
    "MAX_PLACES",
    "Cell",
    "CellKind",
    "Heading",
    "LegendEntry",
    "Note",
    "Record",
    "RecordInputs",
    "Resolved",
    "Row",
    "Section",
    "SourceEntry",
    "Table",
    "language_attribute",
    "safe_link",
]


def safe_link(url: str | None) -> str | None:
    """``url`` if it may become a link (an http or https address with a host), else ``None``.

    >>> safe_link("https://example.com/a"), safe_link("javascript:alert(1)")
    ('https://example.com/a', None)
    """
    return url if url and url_problem(url) is None else None


def language_attribute(tag: str) -> str | None:
    """``tag`` if it is a well-formed language tag, safe as a ``lang`` attribute, else ``None``.

    >>> language_attribute("zh-Hans"), language_attribute('ko" onload="x'), language_attribute("")
    ('zh-Hans', None, None)
    """
    return tag if LANGUAGE_TAG.match(tag) else None


class CellKind(enum.Enum):
    """What a cell says, for styling: each kind looks different in every output."""

    KNOWN = "known"
    NO = "no"
    NOT_STATED = "not_stated"
    NOT_APPLICABLE = "not_applicable"


@attrs.frozen
class Heading:
    """A row or column heading: a feature (label, unit) or a product (name, vendor).

    ``display`` is the heading on one line as every renderer shows it: a feature's
    label with its unit and note markers, a product's name with its markers.
    ``text``, ``unit_text`` and ``refs`` are its parts, for renderers that style them
    apart: ``display`` is ``text + unit_text``, then a space and ``refs`` if there are any.
    ``detail`` is the vendor of a product, shown under the name where there is room.
    """

    id: str
    text: str
    display: str
    detail: str = ""
    unit_text: str = ""
    """The unit as shown after the label, brackets included: ``" (people)"``; empty without."""
    notes: tuple[int, ...] = ()
    refs: str = ""
    """The note markers as shown, e.g. ``"[2]"``."""
    url: str | None = None
    link: str | None = attrs.field(init=False)
    """``url`` where it may become a link (see :func:`safe_link`), else ``None``."""

    @link.default
    def _link(self) -> str | None:
        return safe_link(self.url)


@attrs.define
class Resolved:
    """One product's value of one feature as the reader sees it, before it becomes a cell.

    Worked out once per value, for the matrix's cell and the Data sheet's record. (Not
    frozen: a frozen class takes five times as long to make, and there is one per value.)
    """

    text: str
    """The figure with its qualifier and higher figure, or the not-stated words."""
    kind: CellKind
    note: str
    """The value's note as shown (its own as-of date, its note), or empty."""
    partial: bool
    cites: tuple[str, ...] = ()
    """The ids of the sources it cites: its own, else its product's or feature's default."""


@attrs.frozen
class Cell:
    """One value of the matrix as the reader sees it.

    ``display`` is the whole cell on one line: the text, the best mark and the
    markers of its notes and sources. ``text``, ``best`` and ``refs`` are its parts,
    for renderers that style them apart.
    """

    text: str
    kind: CellKind
    display: str
    best: bool = False
    partial: bool = False
    notes: tuple[int, ...] = ()
    refs: str = ""
    """The markers as shown: its notes', then its sources' (``[2] [S1]``)."""
    sources: tuple[int, ...] = ()
    """The numbers of the sources it cites (:attr:`SourceEntry.number`)."""
    changed: bool = False
    """The value changed since the earlier edition the table was built ``since``."""


@attrs.frozen
class Row:
    """A heading and its cells, one per column."""

    heading: Heading
    cells: tuple[Cell, ...]


@attrs.frozen
class Section:
    """Rows under a group heading (``title`` is empty for the ungrouped rows)."""

    title: str
    rows: tuple[Row, ...]
    id: str = ""


MAX_PLACES = 8
"""A note lists at most this many of its places; the rest are counted."""


@attrs.frozen
class Note:
    """A numbered note and the places (``DingTalk · Users``) it belongs to."""

    number: int
    text: str
    places: tuple[str, ...]
    shown_places: tuple[str, ...] = ()
    """The places to show: at most :data:`MAX_PLACES`, then "and N more"."""
    where: str = ""
    """The places as a phrase to follow the text: `` (DingTalk · Users; Feishu · Users)``."""

    @property
    def marker(self) -> str:
        """The marker that refers to this note in the matrix: ``[1]``."""
        return f"[{self.number}]"


@attrs.frozen
class LegendEntry:
    """A mark the output uses and what it means."""

    mark: str
    meaning: str
    kind: str


@attrs.frozen
class SourceEntry:
    """A cited source, with a one-line citation and its parts.

    ``citation`` is ``title + details``: the title, then publisher and dates in words.
    """

    id: str
    title: str
    citation: str
    details: str = ""
    number: int = 0
    """What cells citing it are marked with: 1 for ``[S1]``."""
    marker: str = ""
    """The marker as shown before the citation in the list of sources: ``[S1]``."""
    """The citation after the title, as shown: ``", CNNIC, published 28 Feb 2020"``."""
    publisher: str = ""
    published: dt.date | None = None
    accessed: dt.date | None = None
    url: str | None = None
    language: str = ""
    link: str | None = attrs.field(init=False)
    """``url`` where it may become a link (see :func:`safe_link`), else ``None``."""
    lang: str | None = attrs.field(init=False)
    """``language`` where it is a well-formed tag, safe as a ``lang`` attribute, else ``None``."""

    @link.default
    def _link(self) -> str | None:
        return safe_link(self.url)

    @lang.default
    def _lang(self) -> str | None:
        return language_attribute(self.language)


@attrs.frozen
class Record:
    """One product × feature pair as typed data, for the spreadsheet's Data sheet."""

    product_id: str
    product: str
    feature_id: str
    feature: str
    group: str
    type: str
    unit: str
    status: str
    qualifier: str
    value: str | bool | int | float | dt.date | None
    """The figure, typed: a fraction's part (its whole is ``whole``), a percent as a
    fraction, a list as lines (see :mod:`comparekit.layout.stored`)."""
    whole: int | None
    max: int | float | dt.date | None
    display: str
    note: str
    sources: str
    as_of: dt.date | None
    currency: str
    decimals: int | None = None
    """The feature's fixed decimals (``None``: each figure shows its own, see
    :func:`~comparekit.layout.numbers.places`)."""
    translations: tuple[tuple[str, str], ...] = ()
    """The value's and the note's translations by column: ``("note:ko", "…")``."""
    number: int | float | None = None
    """The figure when it is a number (a percent as a fraction): the typed ``number`` column."""
    date: dt.date | None = None
    """The figure when it is a date: the typed ``date`` column."""
    text: str = ""
    """A text or list as the report shows it: the typed ``text`` column."""
    exact: str = ""
    """A percent's figures as written when a fraction cannot give them back exactly
    (:func:`~comparekit.layout.stored.exact_text`)."""


@attrs.frozen
class RecordInputs:
    """What :func:`comparekit.layout.records` makes the Data sheet's records from.

    Kept by the table so that only a format that shows the records pays for them.
    """

    comparison: Comparison
    features: tuple[Feature, ...]
    """The features in the order of the matrix."""
    resolved: Mapping[str, Sequence[Resolved]]
    """Each feature's values, one per product in product order, by feature id."""


@attrs.frozen
class Table:
    """The whole report, resolved for one language."""

    lang: str
    words: Words
    title: str
    subtitle: str
    as_of: str
    as_of_date: dt.date | None
    prepared_for: str
    prepared_by: str
    summary: tuple[str, ...]
    corner: str
    columns: tuple[Heading, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    legend: tuple[LegendEntry, ...]
    sources: tuple[SourceEntry, ...]
    record_inputs: RecordInputs | None = attrs.field(default=None, eq=False, repr=False)
    """What :func:`comparekit.layout.records` needs; ``None`` for a table with no records."""
    transposed: bool = False
    changes_title: str = ""
    """The heading of what changed since an earlier edition ("What changed since 28 Feb
    2020"); empty for a table built without one, which shows no changes."""
    changes: tuple[ChangeEntry, ...] = ()
    """What changed since that edition, one entry per line, in the order of the changes."""
    highlights_title: str = ""
    """The heading of :attr:`highlights` ("Highlights by product"); empty without any."""
    highlights: tuple[ProductHighlights, ...] = ()
    """The facts of features shown under each product instead of in the matrix
    (``show = "highlights"``), for the products that have any, in product order."""
    charts: tuple[Chart, ...] = ()
    """The report's charts (:mod:`comparekit.layout.charts`): the scores' totals when the
    comparison has ``[scoring]``, then one per feature with ``chart = true``."""
    look: Look | None = None
    """The comparison's theme as the renderers take it; None: comparekit's own look."""
    analysis: Analysis | None = None
    """The scores, their sensitivity and the key findings (:mod:`comparekit.layout.scores`);
    ``None`` for a comparison with neither ``[scoring]`` nor ``[[findings]]``."""

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row, sections flattened."""
        return tuple(row for section in self.sections for row in section.rows)

    def grid(self) -> list[list[str]]:
        """The matrix as display strings: heading row first, then every body row.

        This is what "the same matrix in every format" means, and what tests compare.
        """
        out = [[self.corner, *(c.display for c in self.columns)]]
        for section in self.sections:
            if section.title:
                out.append([section.title] + [""] * len(self.columns))
            out.extend(
                [row.heading.display, *(c.display for c in row.cells)] for row in section.rows
            )
        return out

    _records: tuple[ValueRecord, ...] | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )
    """:attr:`records` once made (a slotted class has no room for ``cached_property``)."""

    @property
    def records(self) -> tuple[ValueRecord, ...]:
        """The comparison's values as typed data: one :class:`~comparekit.ValueRecord` per
        product × feature (product by product, features in the matrix's order), in the
        table's language. Stable (see :class:`~comparekit.ValueRecord`); made on first
        access and kept, so that a report that never asks never pays for them; ``()`` for a
        table made by hand, without :attr:`record_inputs`.

        >>> from comparekit import load, build_table
        >>> table = build_table(load("specs/china-remote-work-2020.toml"))
        >>> users = next(r for r in table.records if r.feature_id == "users")
        >>> users.product, users.value, users.qualifier, users.text, users.sources
        ('DingTalk', 200000000, 'about', 'about 200 million', ('digital-china-2020',))
        """
        found = self._records
        if found is None:
            found = value_records(self)
            object.__setattr__(self, "_records", found)
        return found

    def _repr_html_(self) -> str:
        """The table in a notebook: a compact HTML report (:mod:`comparekit.notebook`)."""
        return shown("html", self)

    def _repr_markdown_(self) -> str:
        """The table in a notebook that shows Markdown: the Markdown report."""
        return shown("markdown", self)
