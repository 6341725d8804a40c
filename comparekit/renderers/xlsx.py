"""Excel workbook: the matrix as the reader sees it, the figures as typed data, the sources.

:func:`render_xlsx` draws a :class:`~comparekit.layout.Table` into three sheets:

* **Matrix**: title block, the matrix (every cell holds ``cell.display``), styled by cell
  kind the way the legend explains; each note is also a cell comment. Under the matrix:
  legend, numbered notes, sources and summary. Print-ready: paper size and orientation from
  the options, one page wide, header rows repeated, title and page numbers in the margins.
* **Data**: one row per product × feature (``table.records``) as an Excel table. Numbers,
  booleans and dates are typed cells. A percent or change is stored as the spec gives it
  (80 means 80 %) and its number format adds a literal ``%`` (``#,##0"%"``, a change also
  its sign), so the stored figure is the spec's; a multiplier shows ``×`` the same way; a
  fraction's part is ``value``, its whole ``whole``; whole numbers show ``#,##0``, others
  ``#,##0.0##`` (money ``#,##0.00``), dates ``yyyy-mm-dd``; text and lists are text cells.
* **Sources**: one row per source, dates as dates, web addresses as links.

Every cell names its font: Calibri for Latin-script reports, Noto Sans CJK KR or SC for
Korean or Chinese (faces fontconfig and LibreOffice resolve; Excel substitutes a system CJK
face where they are missing). Column widths count East Asian wide characters double.

The workbook is written in openpyxl's write-only mode: each sheet's rows stream out in
order, so a big comparison never holds every cell in memory. Everything a sheet's top
holds (column widths, frozen panes, fit to page) is set before its first row. The Data
sheet's records, ten times the matrix's cells, skip openpyxl's cell objects: their XML is
written by :mod:`comparekit.renderers.sheet_rows`, the same bytes in a fraction of the time.

Every string is written as text, never as a formula, whatever it starts with. The same
table and options give the same bytes: the moment stamped into the file comes from
:func:`comparekit.renderers.timestamp` and the zip is rebuilt with fixed dates and order.

>>> from comparekit import loads
>>> from comparekit.layout import build_table
>>> from comparekit.renderers import RenderOptions
>>> table = build_table(loads('''
... format = 1
... [comparison]
... title = "Demo"
... [[features]]
... id = "users"
... label = "Users"
... type = "count"
... [[products]]
... id = "a"
... name = "A"
... values = { users = 200 }
... '''))
>>> render_xlsx(table, RenderOptions())[:2]
b'PK'
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from comparekit.errors import RenderError
from comparekit.layout.table import Cell, CellKind, Note, Record, Table
from comparekit.renderers import RenderOptions, timestamp
from comparekit.renderers.sheet_rows import Plain, PlainRows
from comparekit.renderers.widths import display_width, widest_line
from comparekit.rules import url_problem

__all__ = [
    "DATA_COLUMNS",
    "DATA_SHEET",
    "MATRIX_SHEET",
    "SOURCES_SHEET",
    "SOURCE_COLUMNS",
    "render_xlsx",
]

MATRIX_SHEET = "Matrix"
DATA_SHEET = "Data"
SOURCES_SHEET = "Sources"

DATA_COLUMNS = (
    "product_id",
    "product",
    "feature_id",
    "feature",
    "group",
    "type",
    "unit",
    "status",
    "qualifier",
    "value",
    "whole",
    "max",
    "currency",
    "display",
    "note",
    "sources",
    "as_of",
)
"""Column names of the Data sheet's table, in order: the :class:`Record` fields."""

SOURCE_COLUMNS = ("id", "title", "publisher", "published", "accessed", "language", "url")
"""Column names of the Sources sheet's table, in order."""

_LATIN_FONT = "Calibri"
_FONTS = {"ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}
"""Font per language; CJK families that fontconfig (and so LibreOffice) resolves."""

_MAX_CHARS = 32_767
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_MAX_WIDTH = 45.0
_MIN_WIDTH = 12.0
_TEXT_WIDTH = 120.0
"""Notes, sources and summary lines are merged across the matrix up to about this width."""
_DATA_MAX_WIDTH = 50.0
_WRAP_SLACK = 1.15
"""Wrapped text needs more room than its width: lines break between words."""
_FONT_SCALE = {_LATIN_FONT: 0.82}
"""Width of a character cell of 10-point text in the report font, in column-width units
(a digit of the default 11-point font); CJK faces, which set Latin text wider, use 0.9."""
_LINE_HEIGHT = 1.45
"""Line height per point of font size (CJK faces are tall)."""
_DATE_FORMAT = "yyyy-mm-dd"
_NAVY = "1F3864"
_GRID = Side(style="thin", color="BFBFBF")
_PAPER_SIZES = {"A4": Worksheet.PAPERSIZE_A4, "Letter": Worksheet.PAPERSIZE_LETTER}
_ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
_ZIP_LAST = (2107, 12, 31, 23, 59, 58)
_BY_HAND = True
"""Write the Data sheet's records by hand (:class:`PlainRows`), not through openpyxl's cell
objects: the same bytes, several times faster. The tests turn it off to compare."""


@attrs.frozen
class _Look:
    """How a named style looks; every style names its font."""

    size: float = 10
    bold: bool = False
    italic: bool = False
    color: str = "000000"
    fill: str | None = None
    wrap: bool = True
    border: bool = False
    underline: str | None = None
    number_format: str = "General"


_LOOKS = {
    "title": _Look(size=16, bold=True, color=_NAVY),
    "subtitle": _Look(size=12, italic=True, color="404040"),
    "caption": _Look(bold=True, color="595959", wrap=False),
    "corner": _Look(bold=True, color="FFFFFF", fill=_NAVY, border=True),
    "product": _Look(bold=True, color="FFFFFF", fill=_NAVY, border=True),
    "vendor": _Look(italic=True, color="D9E1F2", fill=_NAVY, border=True),
    "group": _Look(bold=True, color=_NAVY, fill="D9E1F2", border=True, wrap=False),
    "feature": _Look(border=True),
    "heading": _Look(size=12, bold=True, color=_NAVY, wrap=False),
    "text": _Look(),
    "link": _Look(color="0563C1", underline="single"),
    "data header": _Look(bold=True, color="FFFFFF", fill=_NAVY, wrap=False),
    "data": _Look(wrap=False),
    "data wrap": _Look(number_format="@"),
    "data text": _Look(wrap=False, number_format="@"),
    "data link": _Look(wrap=False, color="0563C1", underline="single"),
}

_KIND_LOOK = {
    CellKind.KNOWN: ("000000", False, None),
    CellKind.NO: ("9C0006", False, None),
    CellKind.NOT_STATED: ("808080", True, None),
    CellKind.NOT_APPLICABLE: ("808080", False, "E7E6E6"),
}
"""Text colour, italic and fill of each cell kind."""


def _value_look(kind: CellKind, best: bool, partial: bool) -> _Look:
    """The look of a matrix cell: its kind, then best (green), then partial (amber fill)."""
    color, italic, fill = _KIND_LOOK[kind]
    if best:
        color, fill = "006100", "C6EFCE"
    if partial:
        fill = "FFEB9C"
        color = "9C5700" if kind is CellKind.KNOWN and not best else color
    return _Look(bold=best, italic=italic, color=color, fill=fill, border=True)


def _value_style(kind: CellKind, best: bool = False, partial: bool = False) -> str:
    """The style name of a matrix cell, e.g. ``"known best partial"``."""
    return " ".join((kind.value, *(["best"] if best else []), *(["partial"] if partial else [])))


def _font_name(lang: str) -> str:
    """The font family of a report in ``lang``."""
    return _FONTS.get(lang.split("-")[0].lower(), _LATIN_FONT)


class _Styles:
    """The workbook's named styles, each made once on first use and shared by every cell."""

    def __init__(self, workbook: Any, font: str) -> None:
        self.workbook = workbook
        self.font = font
        self.records: dict[tuple[str, str | None], Any] = {}
        self.ids: dict[tuple[str, str | None, bool], str] = {}

    def apply(self, cell: Any, key: str, number_format: str | None = None) -> None:
        """Style ``cell`` with style ``key`` (``"title"``, ``"known best"``, …), and
        ``number_format`` if given.

        The first time by name, registering the style (and the number format); after that
        by giving the cell the style record that gave. Cells share the record: a write-only
        cell is written out as it is, and :meth:`_Sheet.put` copies it before changing it.
        (openpyxl looks a style name up in a list on every assignment, and copying a record
        for each of a big workbook's cells took a tenth of its time.)
        """
        record = self.records.get((key, number_format))
        if record is not None:
            cell._style = record
            return
        base = self.records.get((key, None))
        if base is None:
            name = f"comparekit {key}"
            self.workbook.add_named_style(self.make(name, self.look(key)))
            cell.style = name
            base = self.records[(key, None)] = copy.copy(cell._style)
        cell._style = copy.copy(base)
        if number_format is not None:
            cell.number_format = number_format
            self.records[(key, number_format)] = copy.copy(cell._style)

    def style_id(self, worksheet: Any, key: str, number_format: str | None, quoted: bool) -> str:
        """The cell style :meth:`apply` gives, as its number in the workbook's list of
        cell styles: the ``s`` of a cell written by hand (see :class:`PlainRows`).

        ``quoted`` marks text that starts like a formula (see :meth:`_Sheet.put`).
        """
        found = self.ids.get((key, number_format, quoted))
        if found is None:
            cell = WriteOnlyCell(worksheet)
            self.apply(cell, key, number_format)
            record = copy.copy(cell._style)
            record.quotePrefix = quoted
            found = self.ids[(key, number_format, quoted)] = str(
                self.workbook._cell_styles.add(record)
            )
        return found

    @staticmethod
    def look(key: str) -> _Look:
        """The look of a fixed style or of a matrix value style."""
        if key in _LOOKS:
            return _LOOKS[key]
        kind, *flags = key.split(" ")
        return _value_look(CellKind(kind), "best" in flags, "partial" in flags)

    def make(self, name: str, look: _Look) -> Any:
        """A named style with the report's font."""
        style = NamedStyle(name=name)
        style.font = Font(
            name=self.font,
            size=look.size,
            bold=look.bold,
            italic=look.italic,
            color=look.color,
            underline=look.underline,
        )
        if look.fill:
            style.fill = PatternFill("solid", start_color=look.fill, end_color=look.fill)
        if look.border:
            style.border = Border(left=_GRID, right=_GRID, top=_GRID, bottom=_GRID)
        style.alignment = Alignment(wrap_text=look.wrap, vertical="top")
        style.number_format = look.number_format
        return style


def _fits(text: str) -> bool:
    """Whether a cell can surely hold ``text``: short enough and no character XML refuses.

    The quick test for every text; :func:`_checked` decides when it fails.
    """
    return len(text) <= _MAX_CHARS // 2 and _XML_ILLEGAL.search(text) is None


def _storable(value: object) -> bool:
    """Whether a cell can surely hold ``value``: a text that :func:`_fits`, a finite number.

    The quick test for every cell; :func:`_check_storable` decides when it fails.
    """
    if isinstance(value, str):
        return _fits(value)
    return not isinstance(value, float) or math.isfinite(value)


def _check_storable(value: object, where: str) -> None:
    """Raise :class:`RenderError` saying why a cell (``where``) cannot hold ``value``, if so."""
    if isinstance(value, str):
        _checked(value, where)
    elif isinstance(value, float) and not math.isfinite(value):
        raise RenderError(f"{where}: {value} is not a finite number")


def _quoted(value: object) -> bool:
    """Whether a cell shows ``value`` with a quote prefix: a text that starts like a formula.

    The prefix keeps it text when someone edits the cell and presses Enter.
    """
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def _checked(text: str, where: str) -> str:
    """``text`` if a spreadsheet cell can hold it, else :class:`RenderError` saying why."""
    # A character is one or two UTF-16 units: only a long text can be too long.
    units = len(text.encode("utf-16-le")) // 2 if len(text) > _MAX_CHARS // 2 else len(text)
    if units > _MAX_CHARS:
        raise RenderError(
            f"{where}: text of {units:,} characters is longer than the {_MAX_CHARS:,} "
            "an Excel cell can hold"
        )
    bad = _XML_ILLEGAL.search(text)
    if bad:
        raise RenderError(
            f"{where}: text contains U+{ord(bad.group()):04X}, a character an Excel file "
            "cannot hold"
        )
    return text


@attrs.frozen
class _Measure:
    """Estimates how wide text shows in the report font, for column widths and row heights."""

    scale: float = 1.0

    def units(self, line: str, size: float = 10) -> float:
        """Width of one line in column-width units."""
        return display_width(line) * self.scale * size / 10

    def fit(self, texts: Iterable[str], low: float = _MIN_WIDTH, high: float = _MAX_WIDTH) -> float:
        """A column width that fits ``texts`` (plus padding), between ``low`` and ``high``."""
        lines = (line for text in texts for line in text.split("\n"))
        widest = max((self.units(line) for line in lines), default=0.0)
        return float(min(high, max(low, math.ceil(widest) + 2)))

    def lines(self, text: str, width: float, size: float = 10) -> int:
        """How many lines ``text`` takes when wrapped in a column ``width`` units wide."""
        room = max(width - 2, 1.0)
        return sum(self.wrapped(self.units(line, size), room) for line in text.split("\n"))

    @staticmethod
    def wrapped(units: float, room: float) -> int:
        """Lines of a paragraph ``units`` wide in ``room``: one if it fits, else with slack."""
        return 1 if units <= room else math.ceil(units * _WRAP_SLACK / room)


def _height(lines: int, size: float = 10) -> float:
    """Row height in points for ``lines`` lines at ``size`` points."""
    return round(lines * size * _LINE_HEIGHT + 3, 1)


def _as_row(cells: list[Any], _row: int) -> Iterator[Any]:
    """The cells of a row, for openpyxl's write-only writer, links given their address."""
    for cell in cells:
        if cell is not None:
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell


class _Sheet:
    """A write-only worksheet and the styles it draws with; every value goes in through
    :meth:`put`, or a whole row of plain cells through :meth:`put_row`.

    Rows go out in order: :meth:`put` fills the current row, and a put on a later row
    appends the current one (and any empty rows between) to the worksheet. A row can be
    given its height, comments and links until then. ``hold`` keeps finished rows back until
    :meth:`release`, for a sheet whose frozen panes are known only some rows in. ``fit``
    prints the sheet one page wide. With ``plain``, :meth:`put_row` writes by hand.
    """

    def __init__(
        self,
        worksheet: Any,
        styles: _Styles,
        fit: bool,
        hold: bool = False,
        plain: PlainRows | None = None,
    ) -> None:
        self.ws = worksheet
        # Rows arrive as finished cells with their places set: hand them to the writer as they
        # are. (openpyxl's own conversion first tries each cell as a value, and catches the
        # error that raises: a fifth of a big workbook's time.)
        worksheet._values_to_row = _as_row
        self.styles = styles
        self.fit = fit
        if fit:  # written in the sheet's top, with its first row
            worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.row = 0
        """The row being filled; 0 before the first."""
        self.cells: list[Any] = []
        """The current row's cells by column, ``None`` where there is none."""
        self.done = 0
        """Rows finished so far."""
        self.held: list[list[Any]] | None = [] if hold else None
        self.plain = plain
        """Where :meth:`put_row` writes rows by hand; ``None``: through openpyxl."""
        self.texts: dict[tuple[str, str, str | None], str] = {}
        """The style id of each text, style and format :meth:`put_row` has checked (texts
        repeat down a column: ids, names, types, statuses)."""

    def put(
        self, row: int, column: int, value: object, style: str, number_format: str | None = None
    ) -> Any:
        """Write ``value`` styled ``style``; a string always as text, never a formula."""
        if row != self.row:
            if row < self.row or (self.plain is not None and self.plain.rows):
                raise AssertionError(f"{self.ws.title}: row {row} after row {self.row}")
            self.finish()
            self.row = row
        cell = WriteOnlyCell(self.ws)
        cell.row, cell.column = row, column
        self.styles.apply(cell, style, number_format)
        if column > len(self.cells):
            self.cells.extend([None] * (column - len(self.cells)))
        self.cells[column - 1] = cell
        if value == "":
            return cell
        if not _storable(value):
            _check_storable(value, f"{self.ws.title}!{cell.coordinate}")
        if isinstance(value, str):
            # Straight into the cell, as text: ``_storable`` has done the checks of openpyxl's
            # setter, which would then take "=…" for a formula and "#N/A" for an error.
            cell._value = value
            cell.data_type = "s"
            if _quoted(value):
                cell._style = copy.copy(cell._style)  # the record is shared: change a copy
                cell.quotePrefix = True
        elif value is not None:
            cell.value = value
        return cell

    def put_row(self, index: int, cells: Iterable[tuple[int, Plain, str, str | None]]) -> None:
        """Write row ``index`` of plain cells: each a column, a value, a style and a number
        format, with no comment, link or row height.

        With ``plain`` rows, they are written by hand (see :class:`PlainRows`), after every
        row put so far; from then on every row must be put this way.
        """
        if self.plain is None:
            for column, value, style, number_format in cells:
                self.put(index, column, value, style, number_format)
            return
        if index <= self.row:
            raise AssertionError(f"{self.ws.title}: row {index} after row {self.row}")
        self.finish()  # openpyxl's rows first, and their styles numbered first
        self.row = self.done = index
        known, texts = self.styles.ids, self.texts
        written = []
        for column, value, style, number_format in cells:
            ident = texts.get((value, style, number_format)) if isinstance(value, str) else None
            if ident is None:
                if not _storable(value):
                    where = f"{self.ws.title}!{get_column_letter(column)}{index}"
                    _check_storable(value, where)
                key = (style, number_format, _quoted(value))
                ident = known.get(key) or self.styles.style_id(self.ws, *key)
                if isinstance(value, str):
                    texts[(value, style, number_format)] = ident
            written.append((column, ident, value))
        self.plain.add(index, written)

    def finish(self) -> None:
        """Send the current row, after any empty rows before it, to the worksheet."""
        if self.row > self.done:
            for _ in range(self.row - self.done - 1):
                self.append([])
            self.append(self.cells)
            self.done, self.cells = self.row, []

    def append(self, cells: list[Any]) -> None:
        if self.held is None:
            self.ws.append(cells)
        else:
            self.held.append(cells)

    def release(self) -> None:
        """Stop holding rows back: send those held so far."""
        held, self.held = self.held or [], None
        for cells in held:
            self.ws.append(cells)

    def close(self) -> None:
        """Send every row still to go; the sheet is complete."""
        self.finish()
        self.release()

    def merge(self, first_row: int, first: int, last_row: int, last: int) -> None:
        """Merge the area from ``first_row``, ``first`` to ``last_row``, ``last``."""
        area = f"{get_column_letter(first)}{first_row}:{get_column_letter(last)}{last_row}"
        # Straight into the set: ``add`` compares with every merged range so far. A plain
        # range: the writer needs only its address, and a write-only sheet has no cells to
        # look borders up in.
        self.ws.merged_cells.ranges.add(CellRange(area))

    def span(self, row: int, first: int, last: int) -> None:
        """Merge columns ``first`` to ``last`` of ``row`` when that is more than one cell.

        Only the range is recorded: the covered cells stay unwritten, and these rows
        have no borders to carry to the merged area's edges.
        """
        if last > first:
            self.merge(row, first, row, last)

    def link(self, cell: Any, url: str | None) -> None:
        """Make ``cell`` a link to ``url`` if it is an http(s) address."""
        if url and url_problem(url) is None:
            cell.hyperlink = _checked(url, f"{self.ws.title}!{cell.coordinate}")

    def widths(self, widths: Iterable[float]) -> None:
        """Set the column widths, first column first (before the first row goes out)."""
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width


def _comment(numbers: tuple[int, ...], notes: dict[int, Note], where: str) -> Any:
    """The comment showing notes ``numbers`` with their markers, sized to its text."""
    text = "\n".join(f"{notes[n].marker} {notes[n].text}" for n in numbers)
    height = 12 + 16 * _Measure().lines(text, 44)
    return Comment(_checked(text, where), "comparekit", height=height, width=320)


@attrs.define
class _Matrix:
    """Draws the Matrix sheet: title block, matrix, then legend, notes, sources, summary."""

    sheet: _Sheet
    table: Table
    measure: _Measure
    last: int = attrs.field(init=False)
    widths: list[float] = attrs.field(init=False)
    notes: dict[int, Note] = attrs.field(init=False)
    row: int = 1

    def __attrs_post_init__(self) -> None:
        table = self.table
        self.last = len(table.columns) + 1
        self.notes = {note.number: note for note in table.notes}
        column_texts = [
            [h.display, h.detail, *(r.cells[i].display for r in table.rows)]
            for i, h in enumerate(table.columns)
        ]
        fit = self.measure.fit
        self.widths = [
            fit([table.corner, *(r.heading.display for r in table.rows)]),
            *(fit(texts) for texts in column_texts),
        ]

    def draw(self) -> tuple[int, int]:
        """Draw the sheet; return the first and last header rows."""
        self.sheet.ws.sheet_view.showGridLines = False
        self.sheet.widths(self.widths)
        self.title_block()
        first, last = self.header()
        self.body()
        self.legend()
        self.note_list()
        self.source_list()
        self.summary()
        self.sheet.close()
        return first, last

    def wide_text(self, text: str, style: str, first: int = 1) -> Any:
        """A wrapped text from column ``first`` across the matrix, but no wider than a page
        (:data:`_TEXT_WIDTH`), its row as high as it needs."""
        cell = self.sheet.put(self.row, first, text, style)
        last, room = first, self.widths[first - 1] if first <= len(self.widths) else _MIN_WIDTH
        while last < self.last and room < _TEXT_WIDTH:
            room += self.widths[last]
            last += 1
        self.sheet.span(self.row, first, last)
        size = _Styles.look(style).size
        height = _height(self.measure.lines(text, room, size), size)
        dimension = self.sheet.ws.row_dimensions[self.row]
        dimension.height = max(height, dimension.height or 0)
        self.row += 1
        return cell

    def title_block(self) -> None:
        table = self.table
        words = table.words
        self.wide_text(table.title, "title")
        if table.subtitle:
            self.wide_text(table.subtitle, "subtitle")
        for caption, value in (
            (words.as_of, table.as_of),
            (words.prepared_for, table.prepared_for),
            (words.prepared_by, table.prepared_by),
        ):
            if value:
                self.sheet.put(self.row, 1, caption, "caption")
                self.wide_text(value, "text", first=2)
        self.row += 1

    def header(self) -> tuple[int, int]:
        table = self.table
        first = self.row
        self.sheet.put(first, 1, table.corner, "corner")
        for column, heading in enumerate(table.columns, start=2):
            cell = self.sheet.put(first, column, heading.display, "product")
            self.sheet.link(cell, heading.url)
            self.annotate(cell, heading.notes)
        self.fit_height([table.corner, *(heading.display for heading in table.columns)])
        if any(heading.detail for heading in table.columns):
            self.sheet.put(self.row, 1, None, "corner")
            self.sheet.merge(first, 1, self.row, 1)  # the corner, over the two header rows
            for column, heading in enumerate(table.columns, start=2):
                self.sheet.put(self.row, column, heading.detail, "vendor")
            self.fit_height(["", *(heading.detail for heading in table.columns)])
        return first, self.row - 1

    def body(self) -> None:
        self.sheet.ws.freeze_panes = f"B{self.row}"
        self.sheet.release()  # the panes are set: rows may go out now
        for section in self.table.sections:
            if section.title:
                self.sheet.put(self.row, 1, section.title, "group")
                for column in range(2, self.last + 1):
                    self.sheet.put(self.row, column, None, "group")
                self.fit_height([""])
            for row in section.rows:
                heading = self.sheet.put(self.row, 1, row.heading.display, "feature")
                self.sheet.link(heading, row.heading.url)
                self.annotate(heading, row.heading.notes)
                for column, cell in enumerate(row.cells, start=2):
                    self.value(column, cell)
                self.fit_height([row.heading.display, *(cell.display for cell in row.cells)])

    def fit_height(self, texts: list[str]) -> None:
        """Make the current row as high as its wrapped texts need, then move to the next."""
        pairs = zip(texts, self.widths, strict=False)
        lines = max(self.measure.lines(text, width) for text, width in pairs)
        self.sheet.ws.row_dimensions[self.row].height = _height(lines)
        self.row += 1

    def value(self, column: int, cell: Cell) -> None:
        style = _value_style(cell.kind, cell.best, cell.partial)
        self.annotate(self.sheet.put(self.row, column, cell.display, style), cell.notes)

    def annotate(self, cell: Any, numbers: tuple[int, ...]) -> None:
        if numbers:
            cell.comment = _comment(numbers, self.notes, f"{MATRIX_SHEET}!{cell.coordinate}")

    def heading(self, text: str) -> None:
        self.row += 1
        self.sheet.put(self.row, 1, text, "heading")
        self.row += 1

    def legend(self) -> None:
        if not self.table.legend:
            return
        self.heading(self.table.words.legend)
        for entry in self.table.legend:
            self.sheet.put(self.row, 1, entry.mark, _legend_style(entry.kind))
            self.wide_text(entry.meaning, "text", first=2)

    def note_list(self) -> None:
        if not self.table.notes:
            return
        self.heading(self.table.words.notes)
        separator = self.table.words.places_separator
        for note in self.table.notes:
            places = f"{note.marker} {separator.join(note.shown_places)}"
            self.sheet.put(self.row, 1, places, "text")
            lines = self.measure.lines(places, self.widths[0])
            self.sheet.ws.row_dimensions[self.row].height = _height(lines)
            self.wide_text(note.text, "text", first=2)

    def source_list(self) -> None:
        if not self.table.sources:
            return
        self.heading(self.table.words.sources)
        for source in self.table.sources:
            self.wide_text(source.citation, "text")
            if source.url and url_problem(source.url) is None:
                self.sheet.link(self.wide_text(source.url, "link"), source.url)

    def summary(self) -> None:
        if not self.table.summary:
            return
        self.heading(self.table.words.summary)
        for paragraph in self.table.summary:
            self.wide_text(paragraph, "text")


def _legend_style(kind: str) -> str:
    """The matrix style a legend mark is shown in, so that it looks like what it explains."""
    if kind in ("best", "partial"):
        return _value_style(CellKind.KNOWN, best=kind == "best", partial=kind == "partial")
    kinds = {k.value: k for k in CellKind}
    return _value_style(kinds.get(kind, CellKind.KNOWN))


def _number_format(kind: str, figure: object) -> str:
    """The number format of a typed figure of feature type ``kind`` on the Data sheet."""
    if isinstance(figure, dt.date):
        return _DATE_FORMAT
    if isinstance(figure, bool) or not isinstance(figure, int | float):
        return "General"
    if kind == "money" and isinstance(figure, float):
        base = "#,##0.00"
    else:
        base = "#,##0" if isinstance(figure, int) else "#,##0.0##"
    if kind == "change":
        return f'+{base}"%";-{base}"%";{base}"%"'
    suffix = {"percent": '"%"', "multiplier": '"×"'}.get(kind, "")
    return base + suffix


def _data_row(record: Record) -> tuple[object, ...]:
    """A record as the Data sheet's row: its fields named in :data:`DATA_COLUMNS`."""
    return tuple(getattr(record, name) for name in DATA_COLUMNS)


def _shown_width(value: object) -> int:
    """About how wide a value shows, for sizing its column."""
    if isinstance(value, str):
        return widest_line(value)
    if isinstance(value, dt.date):
        return 12
    return 14 if value is not None else 0


def _data_cells(
    kind: str, values: Sequence[object], text_style: str
) -> Iterator[tuple[int, Plain, str, str | None]]:
    """The filled cells of a data row: column, value, style and number format.

    Texts take ``text_style``; figures the ``"data"`` style and the number format of
    feature type ``kind``. Empty values leave their cells empty.
    """
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            yield column, value, text_style, None
        elif isinstance(value, Plain):
            yield column, value, "data", _number_format(kind, value)
        else:
            raise TypeError(f"column {column}: {value!r} cannot go into a cell")


def _data_table(
    sheet: _Sheet,
    name: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, Sequence[object]]],
    wrap: _Measure | None = None,
    links: int | None = None,
) -> None:
    """Write ``rows`` under a header of ``columns`` as an Excel table called ``name``.

    Each row comes with the feature type its figures are formatted for. Empty values
    leave the cell empty. With ``wrap``, long texts wrap and rows are made high enough.
    Column ``links`` (counted from 1) holds web addresses: the http(s) ones become links.
    """
    high = _MAX_WIDTH if wrap else _DATA_MAX_WIDTH
    # Measure each distinct value once: ids, names, types and statuses repeat down a column.
    widths = [
        min(
            high,
            max(
                [display_width(title) + 4, *(_shown_width(v) + 2 for v in {r[i] for _, r in rows})]
            ),
        )
        for i, title in enumerate(columns)
    ]
    sheet.widths(widths)
    sheet.ws.freeze_panes = "A2"
    end = f"{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    table = SheetTable(displayName=name, ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    table._initialise_columns()  # a write-only sheet cannot name them from its header row
    for table_column, title in zip(table.tableColumns, columns, strict=True):
        table_column.name = title
    sheet.ws.tables.add(table)
    for column, title in enumerate(columns, start=1):
        sheet.put(1, column, title, "data header")
    text_style = "data wrap" if wrap else "data text"
    for index, (kind, values) in enumerate(rows, start=2):
        cells = _data_cells(kind, values, text_style)
        if links is None:
            sheet.put_row(index, cells)
        else:
            for column, value, style, number_format in cells:
                if column == links and isinstance(value, str) and url_problem(value) is None:
                    sheet.link(sheet.put(index, column, value, "data link"), value)
                else:
                    sheet.put(index, column, value, style, number_format)
        if wrap is not None:
            texts = [(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str)]
            lines = max((wrap.lines(v, w) for v, w in texts), default=1)
            sheet.ws.row_dimensions[index].height = _height(lines)
    sheet.close()


def _data_sheet(sheet: _Sheet, table: Table) -> None:
    """The Data sheet: every record typed, with a number format per feature type."""
    rows = [(record.type, _data_row(record)) for record in table.records]
    _data_table(sheet, "ComparisonData", DATA_COLUMNS, rows)


def _sources_sheet(sheet: _Sheet, table: Table, measure: _Measure) -> None:
    """The Sources sheet: one row per source, dates typed, addresses as links."""
    rows = [
        ("", (s.id, s.title, s.publisher, s.published, s.accessed, s.language, s.url or ""))
        for s in table.sources
    ]
    _data_table(
        sheet, "ComparisonSources", SOURCE_COLUMNS, rows, wrap=measure, links=len(SOURCE_COLUMNS)
    )


def _margin_text(text: str, limit: int = 80) -> str:
    """``text`` for a page header: ``&`` escaped, cut to ``limit`` characters."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return short.replace("&", "&&")


def _print_setup(sheet: _Sheet, table: Table, options: RenderOptions, titles: str) -> None:
    """Paper, orientation, repeated header rows, title and page numbers in the margins.

    All of it is written after the rows, so it may come once the sheet is drawn.
    """
    ws = sheet.ws
    ws.page_setup.orientation = options.orientation
    ws.page_setup.paperSize = _PAPER_SIZES[options.page_size]
    if sheet.fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.print_title_rows = titles
    ws.page_margins.left = ws.page_margins.right = 0.5
    font = sheet.styles.font
    ws.oddHeader.center.text = _margin_text(_checked(table.title, "page header"))
    ws.oddHeader.center.font = f"{font},Bold"
    ws.oddHeader.center.size = 9
    page = table.words.page.replace("&", "&&").format(page="&P", pages="&N")
    ws.oddFooter.right.text = page
    ws.oddFooter.right.font = font
    ws.oddFooter.right.size = 9


def _properties(workbook: Any, table: Table, when: dt.datetime) -> None:
    """Title, subject, creator, language and the fixed creation time."""
    props = workbook.properties
    props.title = _checked(table.title, "workbook title")
    props.subject = _checked(table.subtitle, "workbook subject") or None
    props.creator = "comparekit"
    props.language = table.lang
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = naive


class _StableZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one date and no system of origin.

    openpyxl writes its parts in a fixed order; with the dates fixed too, the same
    workbook gives the same bytes in any process, at any time, in any time zone.
    """

    def __init__(self, stream: io.BytesIO, when: dt.datetime, plain: dict[str, PlainRows]) -> None:
        super().__init__(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        stamp = when.astimezone(dt.UTC).timetuple()[:6]
        self.date_time = min(max(stamp, _ZIP_FIRST), _ZIP_LAST)
        self.plain = plain

    def entry(self, name: object) -> zipfile.ZipInfo:
        """The entry for a part called ``name``, compressed at zlib's default level (6)."""
        info = zipfile.ZipInfo(str(name), date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        return info

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str, *_: object, **__: object
    ) -> None:
        super().writestr(self.entry(getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)), data)

    def write(self, filename: Any, arcname: Any = None, *_: object, **__: object) -> None:
        """openpyxl writes each worksheet to a temporary file first: take its bytes, and
        the rows written by hand for it, if any."""
        sheet = Path(filename).read_bytes()
        rows = self.plain.get(str(filename))
        if rows is None:
            self.writestr(arcname or filename, sheet)
            return
        with self.open(self.entry(arcname or filename), "w") as out:
            rows.splice(sheet, out)


def _zip(workbook: Any, when: dt.datetime, plain: dict[str, PlainRows]) -> bytes:
    """The workbook as xlsx bytes, every entry dated ``when``, so output is stable.

    ``plain`` holds the rows written by hand, by the path of the temporary file openpyxl
    wrote their sheet to.
    """
    out = io.BytesIO()
    ExcelWriter(workbook, _StableZip(out, when, plain)).save()
    return out.getvalue()


def render_xlsx(table: Table, options: RenderOptions) -> bytes:
    """The table as an Excel workbook (Matrix, Data and Sources sheets), as bytes.

    Raises :class:`~comparekit.errors.RenderError` if a text cannot go into a cell
    (longer than Excel's 32,767 characters, or a character XML cannot hold).

    >>> from comparekit.layout import build_table
    >>> from comparekit.model import Comparison
    >>> data = render_xlsx(build_table(Comparison(title="Empty")), RenderOptions())
    >>> data[:4]
    b'PK\\x03\\x04'
    """
    workbook = Workbook(write_only=True)
    try:
        return _draw(workbook, table, options)
    except BaseException:
        _discard(workbook)
        raise


def _draw(workbook: Any, table: Table, options: RenderOptions) -> bytes:
    """Draw the three sheets into the write-only ``workbook``; return its bytes."""
    styles = _Styles(workbook, _font_name(table.lang))
    matrix = _Sheet(workbook.create_sheet(MATRIX_SHEET), styles, fit=True, hold=True)
    measure = _Measure(_FONT_SCALE.get(styles.font, 0.9))
    first, last = _Matrix(matrix, table, measure).draw()
    _print_setup(matrix, table, options, f"{first}:{last}")
    with contextlib.closing(PlainRows(workbook.epoch)) as records:
        data_sheet = workbook.create_sheet(DATA_SHEET)
        data = _Sheet(data_sheet, styles, fit=False, plain=records if _BY_HAND else None)
        _data_sheet(data, table)
        _print_setup(data, table, options, "1:1")
        sources = _Sheet(workbook.create_sheet(SOURCES_SHEET), styles, fit=True)
        _sources_sheet(sources, table, measure)
        _print_setup(sources, table, options, "1:1")
        when = timestamp(table, options)
        _properties(workbook, table, when)
        # The sheet's temporary file, made with its first row (the header): see _StableZip.
        return _zip(workbook, when, {str(data_sheet._writer.out): records})


def _discard(workbook: Any) -> None:
    """After a failure: end each sheet's stream and remove its temporary file."""
    for ws in workbook.worksheets:
        writer = ws._writer
        if writer is None or not Path(writer.out).exists():
            continue
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
