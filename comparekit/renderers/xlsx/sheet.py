"""A write-only worksheet that every value goes into through one door, checked and styled.

:class:`Sheet` wraps one of openpyxl's write-only worksheets: :meth:`Sheet.put` writes a
value (a string always as text, never a formula) with a named style, row by row in order;
:meth:`Sheet.put_row` writes a whole row of plain cells, by hand when the sheet has
:class:`~.data_rows.PlainRows`. :func:`print_setup` gives a drawn sheet its paper, repeated
header rows and margins.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import attrs
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from comparekit.layout.table import Table
from comparekit.renderers import RenderOptions
from comparekit.renderers.xlsx._openpyxl import set_text, share_style, spool, style_of
from comparekit.renderers.xlsx.checks import check_storable, checked, escaped, quoted, storable
from comparekit.renderers.xlsx.data_rows import Formula, Plain, PlainRows
from comparekit.renderers.xlsx.styles import Styles
from comparekit.renderers.xlsx.theme import footer_line
from comparekit.spec.xlsx_cells import cell_at, cell_name

__all__ = ["PlainCell", "Sheet", "print_setup"]

_PAPER_SIZES = {"A4": Worksheet.PAPERSIZE_A4, "Letter": Worksheet.PAPERSIZE_LETTER}


@attrs.define
class PlainCell:
    """A cell :meth:`Sheet.put_row` writes: a value, its style and number format, no more.

    (Not frozen: a frozen class takes five times as long to make, and the Data sheet has
    ten of these per matrix cell.)
    """

    column: int
    """Counted from 1."""
    value: Plain | None
    """None: the cell has its style and no value."""
    style: str
    number_format: str | None = None


class Sheet:
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
        styles: Styles,
        fit: bool,
        hold: bool = False,
        plain: PlainRows | None = None,
    ) -> None:
        self.ws = worksheet
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
        self.rows = 0
        self.columns = 0
        """The last row and column written: the sheet's ``<dimension>`` (see :attr:`extent`)."""
        self.empty_texts: list[str] = []
        """Cells put as an empty text, which openpyxl writes as no value at all: the zip
        step (:mod:`.workbook_file`) makes them empty texts."""

    @property
    def extent(self) -> str:
        """The range the sheet's cells fill, from A1, for its ``<dimension>``: ``A1:Q109``."""
        return f"A1:{get_column_letter(max(self.columns, 1))}{max(self.rows, 1)}"

    def put(
        self,
        row: int,
        column: int,
        value: object,
        style: str,
        number_format: str | None = None,
        *,
        empty: bool = False,
    ) -> Any:
        """Write ``value`` styled ``style``; a string always as text, never a formula.

        ``empty``: an empty string is an empty text (read back as ``""``), not an empty cell.
        """
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
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        if value == "":
            if empty:
                self.empty_texts.append(cell.coordinate)
            return cell
        if not storable(value):
            check_storable(value, cell_at(self.ws.title, cell.coordinate))
        if isinstance(value, Formula):  # comparekit's own (the Scores sheet), never spec text
            cell.value = f"={value}"
        elif isinstance(value, str):
            # Straight into the cell, as text: ``storable`` has done the checks of openpyxl's
            # setter, which would then take "=…" for a formula and "#N/A" for an error.
            set_text(cell, escaped(value))
            if quoted(value):
                share_style(cell, copy.copy(style_of(cell)))  # the record is shared: change a copy
                cell.quotePrefix = True
        elif value is not None:
            cell.value = value
        return cell

    def put_row(self, index: int, cells: Iterable[PlainCell]) -> None:
        """Write row ``index`` of plain cells: no comment, link or row height.

        With ``plain`` rows, they are written by hand (see :class:`~.data_rows.PlainRows`), after
        every row put so far; from then on every row must be put this way.
        """
        if self.plain is None:
            for cell in cells:  # a plain cell holds "" only as an empty text
                self.put(index, cell.column, cell.value, cell.style, cell.number_format, empty=True)
            return
        if index <= self.row:
            raise AssertionError(f"{self.ws.title}: row {index} after row {self.row}")
        self.finish()  # openpyxl's rows first, and their styles numbered first
        self.row = self.done = index
        known, texts = self.styles.ids, self.texts
        written = []
        for cell in cells:
            column, value, style, number_format = (
                cell.column,
                cell.value,
                cell.style,
                cell.number_format,
            )
            ident = texts.get((value, style, number_format)) if isinstance(value, str) else None
            if ident is None:
                if not storable(value):
                    where = cell_name(self.ws.title, index, column)
                    check_storable(value, where)
                key = (style, number_format, quoted(value))
                ident = known.get(key) or self.styles.style_id(self.ws, *key)
                if isinstance(value, str):
                    texts[(value, style, number_format)] = ident
            written.append((column, ident, value))
            self.columns = max(self.columns, column)
        self.rows = max(self.rows, index)
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
            spool(self.ws)
            self.ws.append(cells)
        else:
            self.held.append(cells)

    def release(self) -> None:
        """Stop holding rows back: send those held so far."""
        held, self.held = self.held or [], None
        if held:
            spool(self.ws)
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

    def link(self, cell: Any, link: str | None) -> None:
        """Make ``cell`` a link to ``link``, if there is one: a table's ``link``, an address
        the layout found safe to link to."""
        if link:
            cell.hyperlink = checked(link, cell_at(self.ws.title, cell.coordinate))

    def widths(self, widths: Iterable[float]) -> None:
        """Set the column widths, first column first (before the first row goes out)."""
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width


def _margin_text(text: str, limit: int = 80) -> str:
    """``text`` for a page header: ``&`` and ``_xHHHH_`` escaped, cut to ``limit`` characters."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return escaped(short.replace("&", "&&"))


def print_setup(sheet: Sheet, table: Table, options: RenderOptions, titles: str | None) -> None:
    """Paper, orientation, repeated header rows (``titles``, e.g. ``"1:1"``, or ``None``),
    title and page numbers in the margins.

    All of it is written after the rows, so it may come once the sheet is drawn.
    """
    ws = sheet.ws
    ws.page_setup.orientation = options.orientation
    ws.page_setup.paperSize = _PAPER_SIZES[options.page_size]
    if sheet.fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if titles:
        ws.print_title_rows = titles
    ws.page_margins.left = ws.page_margins.right = 0.5
    font = sheet.styles.font
    ws.oddHeader.center.text = _margin_text(checked(table.title, "page header"))
    ws.oddHeader.center.font = f"{font},Bold"
    ws.oddHeader.center.size = 9
    page = table.words.page.replace("&", "&&").format(page="&P", pages="&N")
    ws.oddFooter.right.text = page
    ws.oddFooter.right.font = font
    ws.oddFooter.right.size = 9
    if table.look is not None and table.look.footer:
        footer_line(ws, _margin_text(checked(table.look.footer, "page footer")), font)
