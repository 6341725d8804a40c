"""Excel workbook: the matrix as the reader sees it, and the whole comparison as tables a
spreadsheet user can edit and give back (``comparekit import``; see docs/spec-format.md,
"Workbook").

:func:`render_xlsx` draws a :class:`~comparekit.layout.Table` into these sheets:

* **Summary**: title block, summary and legend (when there is either), printed first.
* **Matrix**: title block, the matrix (every cell holds ``cell.display``), styled by cell
  kind the way the legend explains; each note also a cell comment. Under the matrix a line
  saying the sheet is made from the others and ignored on import.
  Print-ready: paper size and orientation from the options, one page wide, header rows
  repeated, title and page numbers in the margins.
* **Highlights**, when features are shown under their products (``show = "highlights"``):
  each product's facts, on a sheet of their own so that no repeated header row prints over
  them.
* **Notes**, when there are any: what changed, the numbered notes and the sources, on a
  sheet of their own so that the matrix's repeated header rows never print over them.
* **Data**: one row per product × feature (``records(table)``) as an Excel table, printed
  landscape and one page wide. Numbers, booleans and dates are typed cells. A percent or
  change is stored as a fraction with a percent format (99.9 % is 0.999, shown ``0.0%``),
  so formulas on it are right; a multiplier's format shows ``×``; a fraction's part is
  ``value``, its whole ``whole``; a number's format shows the decimals the other formats show (``#,##0``, ``#,##0.00``, …),
  dates ``yyyy-mm-dd``; text and lists are text cells. Typed companion columns (``number``,
  ``date``, ``text``) and the translations' columns follow.
* **Features**, **Products**, **Groups** (:mod:`.parts`): one row per item, a label in one
  column per language.
* **Sources**: one row per source, dates as dates, web addresses as links.
* **Changes**, for a table built ``since`` an earlier edition: one row per change
  (:data:`CHANGE_COLUMNS`).
* **Comparison**: the comparison's own fields as key / value rows.
* **Charts**, after Matrix, for a table with charts (:mod:`.charts`): each chart's numbers
  as typed cells and a native Excel bar chart reading them.
* **Findings** and **Scores**, for a comparison with ``[[findings]]`` or ``[scoring]``
  (:mod:`.scores`): the key findings, and the live scores: weights as input cells, totals,
  contributions and ranks as formulas, the only formulas comparekit writes.

Every sheet has its ``<dimension>`` (openpyxl's write-only mode leaves it out: see
:class:`~.workbook_file.SheetFix`).

Every cell names its font: Calibri for Latin-script reports, Noto Sans CJK KR or SC for
Korean or Chinese (faces fontconfig and LibreOffice resolve; Excel substitutes a system CJK
face where they are missing). Column widths count East Asian wide characters double.

The workbook is written in openpyxl's write-only mode: each sheet's rows stream out in
order, so a big comparison never holds every cell in memory. Everything a sheet's top
holds (column widths, frozen panes, fit to page) is set before its first row. The Data
sheet's records, ten times the matrix's cells, skip openpyxl's cell objects: their XML is
written by :mod:`.data_rows`, the same bytes in a fraction of the time.

The package, one module per part:

* :mod:`.styles`: the named styles and the font every cell names;
* :mod:`.checks`: what a cell can hold (length, characters, finite numbers, quote prefix);
* :mod:`.measure`: column widths and row heights from the text shown;
* :mod:`.sheet`: the one door every value goes in through, and print setup;
* :mod:`.matrix`, :mod:`.tables`, :mod:`.parts`: the Matrix sheet; the Data and Sources
  sheets; the Features, Products, Groups and Comparison sheets;
* :mod:`.data_rows`: the Data sheet's rows written as XML by hand;
* :mod:`.charts`: the Charts sheet;
* :mod:`.workbook_file`: workbook properties and the zip with stable bytes;
* :mod:`._openpyxl`: the private attributes of openpyxl the others need, in one place.

Every string is written as text, never as a formula, whatever it starts with. The same
table and options give the same bytes: the moment stamped into the file comes from
:func:`comparekit.renderers.timestamp` and the zip is rebuilt with fixed dates and order.

>>> import io, openpyxl
>>> from comparekit.layout import build_table
>>> from comparekit.model import Comparison, Feature, Product
>>> from comparekit.renderers import RenderOptions
>>> table = build_table(Comparison(
...     title="Demo",
...     features=[Feature(id="users", label="Users", type="count")],
...     products=[Product(id="a", name="钉钉", values={"users": 200})]))
>>> book = openpyxl.load_workbook(io.BytesIO(render_xlsx(table, RenderOptions())))
>>> book.sheetnames
['Matrix', 'Data', 'Features', 'Products', 'Groups', 'Sources', 'Comparison']
>>> [cell.value for cell in book["Data"][2]][:4]
['a', '钉钉', 'users', 'Users']
"""

from __future__ import annotations

import contextlib
from typing import Any

import attrs
from openpyxl import Workbook

from comparekit.layout.table import Table
from comparekit.renderers import RenderOptions, timestamp
from comparekit.renderers.xlsx._openpyxl import discard_sheet, sheet_file
from comparekit.renderers.xlsx.charts import CHARTS_SHEET, charts_sheet
from comparekit.renderers.xlsx.data_rows import PlainRows
from comparekit.renderers.xlsx.matrix import Matrix
from comparekit.renderers.xlsx.measure import Measure
from comparekit.renderers.xlsx.parts import (
    FIELDS_SHEET,
    PART_SHEETS,
    comparison_sheet,
    part_sheet,
)
from comparekit.renderers.xlsx.scores import (
    FINDINGS_SHEET,
    SCORES_SHEET,
    findings_sheet,
    scores_sheet,
)
from comparekit.renderers.xlsx.sheet import Sheet, print_setup
from comparekit.renderers.xlsx.styles import Styles, font_name
from comparekit.renderers.xlsx.tables import (
    CHANGE_COLUMNS,
    DATA_COLUMNS,
    SOURCE_COLUMNS,
    changes_sheet,
    data_sheet,
    sources_sheet,
)
from comparekit.renderers.xlsx.workbook_file import SheetFix, set_properties, write_zip

__all__ = [
    "CHANGES_SHEET",
    "CHANGE_COLUMNS",
    "CHARTS_SHEET",
    "DATA_COLUMNS",
    "DATA_SHEET",
    "FIELDS_SHEET",
    "FINDINGS_SHEET",
    "HIGHLIGHTS_SHEET",
    "MATRIX_SHEET",
    "NOTES_SHEET",
    "PART_SHEETS",
    "SCORES_SHEET",
    "SOURCES_SHEET",
    "SOURCE_COLUMNS",
    "SUMMARY_SHEET",
    "render_xlsx",
]

# Each sheet by its English name: the key of its name in the report's language
# (Words.sheet_names, which the workbook reader finds in any language).
MATRIX_SHEET = "Matrix"
HIGHLIGHTS_SHEET = "Highlights"
NOTES_SHEET = "Notes"
SUMMARY_SHEET = "Summary"
DATA_SHEET = "Data"
SOURCES_SHEET = "Sources"
CHANGES_SHEET = "Changes"

_BY_HAND = True
"""Write the Data sheet's records by hand (:class:`~.data_rows.PlainRows`), not through
openpyxl's cell objects: the same bytes, several times faster. The tests turn it off to
compare."""


def render_xlsx(table: Table, options: RenderOptions) -> bytes:
    """The table as an Excel workbook (Matrix, Data, Features, Products, Groups, Sources and
    Comparison sheets), as bytes.

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
    """Draw the sheets into the write-only ``workbook``; return its bytes."""
    styles = Styles(workbook, font_name(table.lang), table.look)
    measure = Measure.for_font(styles.font)
    names = table.words.sheet_names  # in the report's language
    sheets: list[Sheet] = []
    if table.summary or table.legend:  # derived, like the Matrix sheet, and printed before it
        summary = Sheet(workbook.create_sheet(names[SUMMARY_SHEET]), styles, fit=True)
        Matrix(summary, table, measure).draw_summary()
        print_setup(summary, table, options, None)
        sheets.append(summary)
    matrix = Sheet(workbook.create_sheet(names[MATRIX_SHEET]), styles, fit=True, hold=True)
    first, last = Matrix(matrix, table, measure).draw()
    print_setup(matrix, table, options, f"{first}:{last}")
    sheets.append(matrix)
    with (
        contextlib.closing(PlainRows(workbook.epoch, short=True)) as chart_rows,
        contextlib.closing(PlainRows(workbook.epoch)) as records,
        contextlib.closing(PlainRows(workbook.epoch)) as scored_rows,
    ):
        if table.highlights:  # derived, like the Matrix sheet, and printed after it
            highlights = Sheet(workbook.create_sheet(names[HIGHLIGHTS_SHEET]), styles, fit=True)
            Matrix(highlights, table, measure).draw_highlights()
            print_setup(highlights, table, options, None)
            sheets.append(highlights)
        if table.charts:  # derived, like Matrix: the charts beside the numbers they read
            plain = chart_rows if _BY_HAND else None
            drawn = Sheet(workbook.create_sheet(names[CHARTS_SHEET]), styles, fit=True, plain=plain)
            charts_sheet(drawn, table)
            print_setup(drawn, table, options, "1:1")
            sheets.append(drawn)
        if Matrix.has_notes(table):  # derived, like the Matrix sheet, and printed after it
            notes = Sheet(workbook.create_sheet(names[NOTES_SHEET]), styles, fit=True)
            Matrix(notes, table, measure).draw_notes()
            print_setup(notes, table, options, None)
            sheets.append(notes)
        data = Sheet(
            workbook.create_sheet(names[DATA_SHEET]),
            styles,
            fit=True,
            plain=records if _BY_HAND else None,
        )
        data_sheet(data, table)
        # Many columns: landscape, one page wide (its columns in strips took 20 pages).
        print_setup(data, table, attrs.evolve(options, orientation="landscape"), "1:1")
        sheets.append(data)
        for title in PART_SHEETS:
            part = Sheet(workbook.create_sheet(names[title]), styles, fit=True)
            part_sheet(part, table, title)
            print_setup(part, table, options, "1:1")
            sheets.append(part)
        sources = Sheet(workbook.create_sheet(names[SOURCES_SHEET]), styles, fit=True)
        sources_sheet(sources, table, measure)
        print_setup(sources, table, options, "1:1")
        fields = Sheet(workbook.create_sheet(names[FIELDS_SHEET]), styles, fit=True)
        comparison_sheet(fields, table, measure)
        print_setup(fields, table, options, "1:1")
        sheets += [sources, fields]
        if table.changes_title:  # derived, like the Matrix sheet: after the parts of the spec
            changes = Sheet(workbook.create_sheet(names[CHANGES_SHEET]), styles, fit=True)
            changes_sheet(changes, table, measure)
            print_setup(changes, table, options, "1:1")
            sheets.append(changes)
        sheets += _analysis_sheets(workbook, styles, table, options, scored_rows)
        when = timestamp(table, options)
        set_properties(workbook, table, when)
        # Each sheet's temporary file, made with its first row (the header): see StableZip.
        fixes = {
            sheet_file(sheet.ws): SheetFix(sheet.extent, sheet.empty_texts, sheet.plain)
            for sheet in sheets
        }
        return write_zip(workbook, when, fixes)


def _analysis_sheets(
    workbook: Any, styles: Styles, table: Table, options: RenderOptions, rows: PlainRows
) -> list[Sheet]:
    """The Findings and the live Scores sheets, for a table that has them (:mod:`.scores`);
    the Scores sheet's product rows written by hand into ``rows``."""
    part = table.analysis
    names = table.words.sheet_names
    out = []
    if part is not None and part.findings:
        findings = Sheet(workbook.create_sheet(names[FINDINGS_SHEET]), styles, fit=True)
        findings_sheet(findings, part)
        print_setup(findings, table, options, "1:1")
        out.append(findings)
    if part is not None and part.scored:
        plain = rows if _BY_HAND else None
        scores = Sheet(workbook.create_sheet(names[SCORES_SHEET]), styles, fit=True, plain=plain)
        scores_sheet(scores, table)
        print_setup(scores, table, options, "1:1")
        out.append(scores)
    return out


def _discard(workbook: Any) -> None:
    """After a failure: end each sheet's stream and remove its temporary file."""
    for ws in workbook.worksheets:
        discard_sheet(ws)
