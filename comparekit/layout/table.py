"""The resolved table every renderer draws: plain strings and flags, nothing left to format.

A :class:`Table` is built once by :func:`comparekit.layout.build_table`; Excel, PDF
and text renderers all read the same one, which is why they show the same matrix.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable

import attrs

from comparekit.layout.words import Words

__all__ = [
    "MAX_PLACES",
    "Cell",
    "CellKind",
    "Heading",
    "LegendEntry",
    "Note",
    "Record",
    "Row",
    "Section",
    "SourceEntry",
    "Table",
]


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
    ``detail`` is the vendor of a product, shown under the name where there is room.
    """

    id: str
    text: str
    display: str
    detail: str = ""
    unit: str = ""
    notes: tuple[int, ...] = ()
    refs: str = ""
    """The note markers as shown, e.g. ``"[2]"``."""
    url: str | None = None


@attrs.frozen
class Cell:
    """One value of the matrix as the reader sees it.

    ``display`` is the whole cell on one line: the text, the best mark and the
    note markers. ``text``, ``best`` and ``refs`` are its parts, for renderers
    that style them apart.
    """

    text: str
    kind: CellKind
    display: str
    best: bool = False
    partial: bool = False
    notes: tuple[int, ...] = ()
    refs: str = ""


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
    """A cited source, with a one-line citation and its parts."""

    id: str
    title: str
    citation: str
    publisher: str = ""
    published: dt.date | None = None
    accessed: dt.date | None = None
    published_text: str = ""
    accessed_text: str = ""
    url: str | None = None
    language: str = ""


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
    """The figure, typed: a fraction's part (its whole is ``whole``), a list joined as text."""
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
    make_records: Callable[[], tuple[Record, ...]] = attrs.field(
        default=tuple, eq=False, repr=False
    )
    """Works out :attr:`records` when first asked for: only the spreadsheet needs them."""
    transposed: bool = False

    @functools.cached_property
    def records(self) -> tuple[Record, ...]:
        """One typed record per product × feature, for the spreadsheet's data table."""
        return self.make_records()

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
