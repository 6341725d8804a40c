"""The bare libraries doing comparekit's work, their inputs prepared outside the timed region.

Each ``prepare_*`` function takes a comparison, does everything that is *not* the bare
library's work (rendering with comparekit once, capturing or reading back what it did)
and returns a function of no arguments that does only the library's work and returns bytes:

* **txt / md** (:func:`prepare_text`): ``tabulate.tabulate`` drawing the very tables
  comparekit's text renderer drew (captured by wrapping ``comparekit.renderers.text.draw``
  during an untimed call; the arguments are those of
  :func:`comparekit.renderers.grid.public_draw`, whose text comparekit's shortcut matches
  byte for byte), the tables joined into one UTF-8 string as comparekit joins them. What
  comparekit does on top: the layout, measuring and wrapping every cell to the width, the
  title block, notes, legend, sources.
* **xlsx** (:func:`prepare_xlsx`): comparekit's workbook read back with openpyxl; the timed
  part builds a new :class:`openpyxl.Workbook` with the same cells (values, named styles
  registered once and assigned by name with the public API, number formats, quote prefixes),
  merged ranges, comments, hyperlinks, column widths, row heights, freeze panes, Excel
  tables, print setup, headers and footers and document properties, and saves it to a
  :class:`io.BytesIO` with ``Workbook.save``. What comparekit does on top: the layout,
  measuring texts for widths and heights, checking every string, and reproducible bytes.
* **pdf** (:func:`prepare_pdf`): ``weasyprint.HTML(string=html).render(...).write_pdf(...)``
  with the HTML of ``comparekit.renderers.pdf.render_html`` and the very arguments
  ``render_pdf`` passes (base URL, URL fetcher, the page stylesheet, ``write_pdf`` options),
  captured by standing in for the ``weasyprint`` module during an untimed call that stops
  before anything is laid out. What comparekit does on top: the layout and the template.

Comment boxes in the read-back workbook have openpyxl's default size (openpyxl does not
read the VML drawing that holds comparekit's sizes); the size is only two numbers in the
drawing, so the work is the same.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any
from unittest import mock

import attrs

import comparekit
from comparekit import Comparison

# comparekit's insides the bare contenders capture from, all here: the text renderer's
# ``draw`` (tabulate's arguments), the PDF renderer's ``weasyprint`` and ``render_html``.
from comparekit.renderers import grid
from comparekit.renderers import pdf as ck_pdf
from comparekit.renderers import text as ck_text

__all__ = ["BarePdf", "BareText", "BareXlsx", "prepare", "prepare_xlsx", "xlsx_summary"]

Call = tuple[tuple[Any, ...], dict[str, Any]]
"""The positional and keyword arguments of one call."""


# ---------------------------------------------------------------- text


@attrs.frozen
class BareText:
    """tabulate alone: the captured calls, the tables joined as comparekit joins them."""

    calls: tuple[Call, ...]

    def __call__(self) -> bytes:
        from tabulate import tabulate

        tables = [tabulate(*args, **kwargs) for args, kwargs in self.calls]
        return ("\n\n".join(tables) + "\n").encode("utf-8")


def prepare_text(comparison: Comparison, fmt: str) -> BareText:
    """tabulate alone, with the arguments comparekit gave it; checked against its output.

    Every table comparekit's text renderer drew is captured as the ``tabulate`` call that
    draws it (the one :func:`comparekit.renderers.grid.public_draw` makes).
    """
    from tabulate import tabulate

    calls: list[Call] = []

    def recording(headers: Sequence[str], rows: Sequence[Sequence[str]], tablefmt: str) -> str:
        options = {"tablefmt": tablefmt, "disable_numparse": True, "stralign": "left"}
        calls.append(((rows, list(headers)), options))
        return grid.draw(headers, rows, tablefmt)

    with mock.patch.object(ck_text, "draw", recording):
        text = comparekit.render(comparison, fmt).decode("utf-8")
    if not calls:
        raise RuntimeError(f"comparekit's {fmt} renderer drew no table to capture")
    if any(tabulate(*args, **kwargs) not in text for args, kwargs in calls):
        raise RuntimeError("a captured tabulate call does not give what comparekit wrote")
    return BareText(tuple(calls))


# ---------------------------------------------------------------- pdf


@attrs.frozen
class BarePdf:
    """weasyprint alone: comparekit's HTML printed with the arguments render_pdf passes."""

    html: str
    css: dict[str, Any]
    """``weasyprint.CSS`` arguments but the URL fetcher (the page size and counter)."""
    page: dict[str, Any]
    """``weasyprint.HTML`` arguments but the string and the URL fetcher (the base URL)."""
    render: dict[str, Any]
    """``render`` arguments but the stylesheets (the page stylesheet, made in the run)."""
    write_pdf: dict[str, Any]
    fetcher: type
    """The URL fetcher class; a new fetcher per report, as render_pdf makes."""

    def __call__(self) -> bytes:
        import weasyprint

        fetcher = self.fetcher()
        page = weasyprint.CSS(url_fetcher=fetcher, **self.css)
        document = weasyprint.HTML(string=self.html, url_fetcher=fetcher, **self.page).render(
            **self.render, stylesheets=[page]
        )
        pdf: bytes = document.write_pdf(**self.write_pdf)
        return pdf


def prepare_pdf(comparison: Comparison) -> BarePdf:
    """weasyprint alone, printing the HTML comparekit made with the arguments it passes.

    The arguments are captured by standing in for the ``weasyprint`` module during an
    untimed ``render_pdf`` call, which then lays nothing out.
    """
    stand_in = mock.MagicMock()
    html_call = stand_in.HTML
    render_call = html_call.return_value.render
    write_call = render_call.return_value.write_pdf
    write_call.return_value = b""
    with mock.patch.object(ck_pdf, "weasyprint", stand_in):
        comparekit.render(comparison, "pdf")
    calls = {"CSS": stand_in.CSS, "HTML": html_call, "render": render_call, "write_pdf": write_call}
    for name, call in calls.items():
        if call.call_args is None or call.call_args.args:
            raise RuntimeError(f"render_pdf no longer calls weasyprint's {name} once by keyword")
    css, html, render, write_pdf = (dict(call.call_args.kwargs) for call in calls.values())
    table = comparekit.build_table(comparison)
    if html["string"] != ck_pdf.render_html(table, comparekit.RenderOptions()):
        raise RuntimeError("the captured HTML is not what render_html gives")
    if len(render.get("stylesheets", ())) != 1:
        raise RuntimeError("render_pdf no longer passes one page stylesheet to render()")
    return BarePdf(
        html=html.pop("string"),
        css={k: v for k, v in css.items() if k != "url_fetcher"},
        fetcher=type(html.pop("url_fetcher")),
        page=html,
        render={k: v for k, v in render.items() if k != "stylesheets"},
        write_pdf=write_pdf,
    )


# ---------------------------------------------------------------- xlsx


@attrs.frozen
class _CellPlan:
    row: int
    column: int
    value: Any
    style: str
    overrides: tuple[tuple[str, Any], ...]
    """Formatting set on the cell itself, beyond its named style (e.g. ``number_format``)."""
    as_text: bool
    """A string that openpyxl would take for a formula: written as text, as comparekit does."""
    hyperlink: str | None


@attrs.frozen
class _SheetPlan:
    title: str
    cells: tuple[_CellPlan, ...]
    merged: tuple[str, ...]
    comments: tuple[tuple[int, int, str, str, float, float], ...]
    widths: tuple[tuple[str, float], ...]
    heights: tuple[tuple[int, float], ...]
    freeze: str | None
    grid_lines: bool
    tables: tuple[tuple[str, str, str, bool], ...]
    print_titles: str | None
    page: dict[str, Any]


@attrs.frozen
class _BookPlan:
    styles: dict[str, dict[str, Any]]
    """Each named style but ``Normal``, as its parts (font, fill, ...)."""
    sheets: tuple[_SheetPlan, ...]
    properties: dict[str, Any]


_PARTS = ("font", "fill", "border", "alignment", "protection", "number_format")
_PROPERTIES = ("title", "subject", "creator", "language", "created", "modified")


def _sheet_plan(ws: Any, named: dict[str, dict[str, Any]]) -> _SheetPlan:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter

    resolved: dict[tuple[int, ...], tuple[str, tuple[tuple[str, Any], ...]]] = {}
    cells = []
    for (row, column), cell in sorted(ws._cells.items()):
        if isinstance(cell, MergedCell):
            continue  # made by merge_cells
        key = tuple(cell._style)
        if key not in resolved:
            style = named[cell.style]
            overrides = tuple(
                (part, copy.copy(getattr(cell, part)))
                for part in _PARTS
                if getattr(cell, part) != style[part]
            )
            if cell.quotePrefix:
                overrides += (("quotePrefix", True),)
            resolved[key] = (cell.style, overrides)
        name, overrides = resolved[key]
        value = cell.value
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            value = value.date()  # comparekit writes dates
        cells.append(
            _CellPlan(
                row=row,
                column=column,
                value=value,
                style=name,
                overrides=overrides,
                as_text=isinstance(value, str) and value.startswith("="),
                hyperlink=cell.hyperlink.target if cell.hyperlink else None,
            )
        )
    comments = tuple(
        (c.row, c.column, c.comment.text, c.comment.author, c.comment.width, c.comment.height)
        for c in (ws._cells[key] for key in sorted(ws._cells))
        if c.comment is not None
    )
    widths = tuple(
        (get_column_letter(index), dim.width)
        for dim in ws.column_dimensions.values()
        if dim.customWidth
        for index in range(dim.min, dim.max + 1)
    )
    heights = tuple(
        (index, dim.height) for index, dim in ws.row_dimensions.items() if dim.height is not None
    )
    setup = ws.page_setup
    page = {
        "orientation": setup.orientation,
        "paperSize": setup.paperSize,
        "fitToWidth": setup.fitToWidth,
        "fitToHeight": setup.fitToHeight,
        "fitToPage": bool(
            ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
        ),
        "left": ws.page_margins.left,
        "right": ws.page_margins.right,
        "header": (ws.oddHeader.center.text, ws.oddHeader.center.font, ws.oddHeader.center.size),
        "footer": (ws.oddFooter.right.text, ws.oddFooter.right.font, ws.oddFooter.right.size),
    }
    return _SheetPlan(
        title=ws.title,
        cells=tuple(cells),
        merged=tuple(str(r) for r in ws.merged_cells.ranges),
        comments=comments,
        widths=widths,
        heights=tuple(sorted(heights)),
        freeze=ws.freeze_panes,
        grid_lines=ws.sheet_view.showGridLines is not False,
        tables=tuple(
            (
                t.displayName,
                t.ref,
                t.tableStyleInfo.name if t.tableStyleInfo else "",
                bool(t.tableStyleInfo and t.tableStyleInfo.showRowStripes),
            )
            for t in ws.tables.values()
        ),
        print_titles=ws.print_title_rows,
        page=page,
    )


def _book_plan(data: bytes) -> _BookPlan:
    """What a workbook holds, read back with openpyxl, as a plan to write it again."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), rich_text=False)
    named = {
        s.name: {part: copy.copy(getattr(s, part)) for part in _PARTS} for s in book._named_styles
    }
    return _BookPlan(
        styles={name: parts for name, parts in named.items() if name != "Normal"},
        sheets=tuple(_sheet_plan(ws, named) for ws in book.worksheets),
        properties={key: getattr(book.properties, key) for key in _PROPERTIES},
    )


def _write_book(plan: _BookPlan) -> bytes:
    """The timed part: a new workbook with what ``plan`` holds, saved to memory."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import NamedStyle
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    for name, parts in plan.styles.items():
        named = NamedStyle(name=name)
        for part, value in parts.items():
            setattr(named, part, value)
        book.add_named_style(named)
    for index, sheet in enumerate(plan.sheets):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = sheet.title
        ws.sheet_view.showGridLines = sheet.grid_lines
        for letter, width in sheet.widths:
            ws.column_dimensions[letter].width = width
        for c in sheet.cells:
            cell = ws.cell(row=c.row, column=c.column)
            cell.style = c.style
            for part, value in c.overrides:
                setattr(cell, part, value)
            if c.value is not None:
                cell.value = c.value
                if c.as_text:
                    cell.data_type = "s"
            if c.hyperlink:
                cell.hyperlink = c.hyperlink
        for row, column, text, author, width, height in sheet.comments:
            ws.cell(row=row, column=column).comment = Comment(
                text, author, width=width, height=height
            )
        for ref in sheet.merged:
            ws.merge_cells(ref)
        for row, height in sheet.heights:
            ws.row_dimensions[row].height = height
        ws.freeze_panes = sheet.freeze
        for name, ref, style_name, stripes in sheet.tables:
            table = Table(displayName=name, ref=ref)
            table.tableStyleInfo = TableStyleInfo(name=style_name, showRowStripes=stripes)
            ws.add_table(table)
        page = sheet.page
        ws.page_setup.orientation = page["orientation"]
        ws.page_setup.paperSize = page["paperSize"]
        if page["fitToPage"]:
            ws.page_setup.fitToWidth = page["fitToWidth"]
            ws.page_setup.fitToHeight = page["fitToHeight"]
            ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        if sheet.print_titles:
            ws.print_title_rows = sheet.print_titles
        ws.page_margins.left = page["left"]
        ws.page_margins.right = page["right"]
        ws.oddHeader.center.text, ws.oddHeader.center.font, ws.oddHeader.center.size = page[
            "header"
        ]
        ws.oddFooter.right.text, ws.oddFooter.right.font, ws.oddFooter.right.size = page["footer"]
    for key, value in plan.properties.items():
        setattr(book.properties, key, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_summary(data: bytes) -> dict[str, Any]:
    """Counts that two workbooks with the same content share: cells, styles, comments, ..."""
    plan = _book_plan(data)
    return {
        "styles": sorted(plan.styles),
        "sheets": [
            {
                "title": s.title,
                "cells": len(s.cells),
                "values": sum(c.value is not None for c in s.cells),
                "styled": sorted({c.style for c in s.cells}),
                "overrides": sum(bool(c.overrides) for c in s.cells),
                "merged": len(s.merged),
                "comments": len(s.comments),
                "links": sum(c.hyperlink is not None for c in s.cells),
                "widths": len(s.widths),
                "heights": len(s.heights),
                "tables": s.tables,
                "freeze": s.freeze,
            }
            for s in plan.sheets
        ],
    }


@attrs.frozen
class BareXlsx:
    """openpyxl alone, writing what a workbook read back holds."""

    plan: _BookPlan

    def __call__(self) -> bytes:
        return _write_book(self.plan)


def prepare_xlsx(
    comparison: Comparison, reference: bytes | None = None, check: bool = False
) -> BareXlsx:
    """openpyxl alone, writing what comparekit's workbook holds.

    ``reference`` is comparekit's workbook for ``comparison`` if already made. With
    ``check``, the bare workbook is read back too and must hold the same (slow on large
    sizes: two more loads).
    """
    if reference is None:
        reference = comparekit.render(comparison, "xlsx")
    run = BareXlsx(_book_plan(reference))
    if check:
        expected, got = xlsx_summary(reference), xlsx_summary(run())
        if expected != got:
            raise RuntimeError(f"the bare workbook differs from comparekit's: {expected} != {got}")
    return run


def prepare(
    comparison: Comparison, fmt: str, reference: bytes | None = None
) -> Callable[[], bytes]:
    """The bare-library contender for ``fmt``; ``reference`` is comparekit's output if made."""
    if fmt in ("txt", "md"):
        return prepare_text(comparison, fmt)
    if fmt == "xlsx":
        return prepare_xlsx(comparison, reference)
    if fmt == "pdf":
        return prepare_pdf(comparison)
    raise ValueError(f"no bare contender for format {fmt!r}")
