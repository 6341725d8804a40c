"""The Matrix sheet: the comparison as the reader sees it.

Title block; the matrix (every cell holds the layout's ``display``), styled by cell kind
the way the legend explains, each note also a cell comment; under it a line saying the
sheet is made from the others and ignored on import (the report's words). The summary and
the legend go on a Summary sheet before it (:meth:`Matrix.draw_summary`), and the
numbered notes, the sources and what changed on a Notes sheet after it
(:meth:`Matrix.draw_notes`), so that the matrix's header rows, repeated on each printed
page, never stand over them. Columns are as wide as their texts, product columns all as
wide as the widest of them, rows as high as their wrapped texts, panes frozen at the first
value cell.
"""

from __future__ import annotations

from typing import Any

import attrs
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from comparekit.layout.table import Cell, Note, Table
from comparekit.renderers.xlsx.checks import checked, escaped
from comparekit.renderers.xlsx.measure import MIN_WIDTH, TEXT_WIDTH, Measure, height
from comparekit.renderers.xlsx.sheet import Sheet
from comparekit.renderers.xlsx.styles import Styles, legend_style, value_style
from comparekit.renderers.xlsx.theme import add_logo
from comparekit.spec.xlsx_cells import cell_at

__all__ = ["Matrix"]


def _comment(numbers: tuple[int, ...], notes: dict[int, Note], where: str) -> Any:
    """The comment showing notes ``numbers`` with their markers, sized to its text."""
    text = "\n".join(f"{notes[n].marker} {notes[n].text}" for n in numbers)
    points = 12 + 16 * Measure().lines(text, 44)
    return Comment(escaped(checked(text, where)), "comparekit", height=points, width=320)


@attrs.define
class Matrix:
    """Draws the Matrix sheet (title block, matrix), the Summary sheet (title block, summary,
    legend) or the Notes sheet (what changed, notes, sources), with the same column widths."""

    sheet: Sheet
    table: Table
    measure: Measure
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
        products = [fit(texts) for texts in column_texts]
        # Balanced: every product column as wide as the widest (each is capped by fit).
        self.widths = [
            fit([table.corner, *(r.heading.display for r in table.rows)]),
            *[max(products, default=0.0)] * len(products),
        ]

    def draw(self) -> tuple[int, int]:
        """Draw the sheet; return the first and last header rows."""
        self.sheet.ws.sheet_view.showGridLines = False
        self.sheet.widths(self.widths)
        self.title_block()
        first, last = self.header()
        self.body()
        self.row += 1
        self.wide_text(self.table.words.derived, "caption")
        self.sheet.close()
        return first, last

    def draw_summary(self) -> None:
        """Draw the Summary sheet: title block, summary and legend."""
        self.sheet.ws.sheet_view.showGridLines = False
        self.sheet.widths(self.widths)
        self.title_block()
        self.row -= 1  # the summary's heading leaves a row of its own
        self.summary()
        self.legend()
        self.sheet.close()

    def draw_highlights(self) -> None:
        """Draw the Highlights sheet: each product's facts shown outside the matrix
        (``show = "highlights"``), on a sheet of their own so that the Matrix sheet's
        repeated header rows never print over them."""
        self.sheet.ws.sheet_view.showGridLines = False
        self.sheet.widths(self.widths)
        self.wide_text(self.table.title, "title")
        self.row -= 1  # the heading leaves a row of its own
        self.highlight_list()
        self.sheet.close()

    def draw_notes(self) -> None:
        """Draw the Notes sheet: what changed, the numbered notes and the sources."""
        self.sheet.ws.sheet_view.showGridLines = False
        self.sheet.widths(self.widths)
        self.wide_text(self.table.title, "title")
        self.row -= 1  # the first heading leaves a row of its own
        self.change_list()
        self.note_list()
        self.source_list()
        self.sheet.close()

    @staticmethod
    def has_notes(table: Table) -> bool:
        """Whether ``table`` has anything for the Notes sheet."""
        return bool(table.notes or table.sources or table.changes_title)

    def wide_text(self, text: str, style: str, first: int = 1) -> Any:
        """A wrapped text from column ``first`` across the matrix, but no wider than a page
        (:data:`~.measure.TEXT_WIDTH`), its row as high as it needs."""
        cell = self.sheet.put(self.row, first, text, style)
        last, room = first, self.widths[first - 1] if first <= len(self.widths) else MIN_WIDTH
        while last < self.last and room < TEXT_WIDTH:
            room += self.widths[last]
            last += 1
        self.sheet.span(self.row, first, last)
        size = Styles.look(style).size
        needed = height(self.measure.lines(text, room, size), size)
        dimension = self.sheet.ws.row_dimensions[self.row]
        dimension.height = max(needed, dimension.height or 0)
        self.row += 1
        return cell

    def title_block(self) -> None:
        table = self.table
        words = table.words
        add_logo(self.sheet.ws, table, get_column_letter(self.last))
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
            # A linked heading names its colour in its own style: LibreOffice draws a link
            # in its dark link colour otherwise, unreadable on the navy header.
            style = "product link" if heading.link else "product"
            cell = self.sheet.put(first, column, heading.display, style)
            self.sheet.link(cell, heading.link)
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
                self.sheet.link(heading, row.heading.link)
                self.annotate(heading, row.heading.notes)
                for column, cell in enumerate(row.cells, start=2):
                    self.value(column, cell)
                self.fit_height([row.heading.display, *(cell.display for cell in row.cells)])

    def fit_height(self, texts: list[str]) -> None:
        """Make the current row as high as its wrapped texts need, then move to the next."""
        pairs = zip(texts, self.widths, strict=False)
        lines = max(self.measure.lines(text, width) for text, width in pairs)
        self.sheet.ws.row_dimensions[self.row].height = height(lines)
        self.row += 1

    def value(self, column: int, cell: Cell) -> None:
        style = value_style(cell.kind, cell.best, cell.partial)
        self.annotate(self.sheet.put(self.row, column, cell.display, style), cell.notes)

    def annotate(self, cell: Any, numbers: tuple[int, ...]) -> None:
        if numbers:
            where = cell_at(self.sheet.ws.title, cell.coordinate)
            cell.comment = _comment(numbers, self.notes, where)

    def heading(self, text: str) -> None:
        self.row += 1
        self.sheet.put(self.row, 1, text, "heading")
        self.row += 1

    def highlight_list(self) -> None:
        """Highlights by product: each product's name as a group row, then a row per fact,
        its label in the first column and its value across the others, styled as in the
        matrix, each note a comment."""
        if not self.table.highlights:
            return
        self.heading(self.table.highlights_title)
        for group in self.table.highlights:
            self.sheet.put(self.row, 1, group.title, "group")
            for column in range(2, self.last + 1):
                self.sheet.put(self.row, column, None, "group")
            self.fit_height([group.title])
            for item in group.items:
                label = self.sheet.put(self.row, 1, item.label, "feature")
                self.annotate(label, item.feature.notes)
                lines = self.measure.lines(item.label, self.widths[0])
                self.sheet.ws.row_dimensions[self.row].height = height(lines)
                cell = item.cell
                style = value_style(cell.kind, False, cell.partial)
                self.annotate(self.wide_text(cell.display, style, first=2), cell.notes)

    def legend(self) -> None:
        if not self.table.legend:
            return
        self.heading(self.table.words.legend)
        for entry in self.table.legend:
            self.sheet.put(self.row, 1, entry.mark, legend_style(entry.kind))
            self.wide_text(entry.meaning, "text", first=2)

    def change_list(self) -> None:
        if not self.table.changes_title:
            return
        self.heading(self.table.changes_title)
        for entry in self.table.changes:
            self.wide_text(entry.text, "text")
        if not self.table.changes:
            self.wide_text(self.table.words.no_changes, "text")

    def note_list(self) -> None:
        if not self.table.notes:
            return
        self.heading(self.table.words.notes)
        separator = self.table.words.places_separator
        for note in self.table.notes:
            places = f"{note.marker} {separator.join(note.shown_places)}"
            self.sheet.put(self.row, 1, places, "text")
            lines = self.measure.lines(places, self.widths[0])
            self.sheet.ws.row_dimensions[self.row].height = height(lines)
            self.wide_text(note.text, "text", first=2)

    def source_list(self) -> None:
        if not self.table.sources:
            return
        self.heading(self.table.words.sources)
        for source in self.table.sources:
            marker = f"{source.marker} " if source.marker else ""
            self.wide_text(marker + source.citation, "text")
            if source.link:
                self.sheet.link(self.wide_text(source.link, "link"), source.link)

    def summary(self) -> None:
        if not self.table.summary:
            return
        self.heading(self.table.words.summary)
        for paragraph in self.table.summary:
            self.wide_text(paragraph, "text")
