"""openpyxl's private attributes, in one place: what comparekit reaches past its public API for.

Every other module of the workbook uses openpyxl's public API and this module. Each function
here names the private thing it uses, why, what it buys and when it can go. None changes
openpyxl itself or anything another caller of it sees: they read or set attributes of the
workbook, sheets, cells and tables comparekit itself created (``tests/test_dependencies.py``
checks that every attribute of openpyxl is as it was after a render).

What they buy, measured for issue 15 (docs/performance.md, "Workarounds for dependencies"):
the Data sheet's rows written by hand (:mod:`.data_rows`), which need :func:`add_cell_style`
and :func:`sheet_file`, render a 50×50 workbook in 0.173 s of CPU instead of 0.375 s, with the
same bytes. Before the rows were written by hand, text set straight into the cell
(:func:`set_text`) took a 200×100 workbook from 3.43 to 3.02 s, and style records shared
between cells (:func:`share_style`, with two smaller changes) from 4.10 to 3.55 s. The tests
render workbooks both ways and compare the bytes (``tests/test_xlsx_data_rows.py``).

**When they can go.** Each one when openpyxl offers the same publicly: a way to give a cell
a style it already made, or a text it should not parse as a formula; the index of a cell
style; a worksheet's rows as XML text; a table's columns named without reading the sheet.
openpyxl 3.1 has none of these.

>>> from openpyxl import Workbook
>>> from openpyxl.cell import WriteOnlyCell
>>> cell = WriteOnlyCell(Workbook(write_only=True).create_sheet("S"))
>>> set_text(cell, "=1+1")
>>> cell.value, cell.data_type
('=1+1', 's')
"""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl.compat import safe_string
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

__all__ = [
    "add_cell_style",
    "discard_sheet",
    "name_columns",
    "safe_string",
    "save",
    "set_text",
    "share_style",
    "sheet_file",
    "spool",
    "style_of",
]

# ``safe_string`` (``openpyxl.compat``, an internal module): how openpyxl's writer turns a
# number into the text of a ``<v>`` element. :mod:`.data_rows` writes numbers with it, so a
# number written by hand reads exactly as one openpyxl wrote. It can go with the rows by hand.


def style_of(cell: Any) -> Any:
    """The style record of ``cell`` (its private ``_style``, a ``StyleArray``).

    **Why:** to keep the record openpyxl made for a named style and number format, and give
    it to every later cell with the same (:func:`share_style`). Assigning ``cell.style`` by
    name looks the name up in a list every time, and copying a record per cell took a tenth
    of a big workbook's time.
    """
    return cell._style


def share_style(cell: Any, record: Any) -> None:
    """Give ``cell`` the style record ``record`` (sets its private ``_style``).

    Cells share one record: a write-only cell is written out as it is and never changes
    it, unless comparekit copies it first (a quote prefix: :meth:`.sheet.Sheet.put`).
    """
    cell._style = record


def set_text(cell: Any, text: str) -> None:
    """Store ``text`` in ``cell`` as text (sets its private ``_value``, and ``data_type`` "s").

    **Why:** openpyxl's value setter would take ``"=…"`` for a formula and ``"#N/A"`` for an
    error, and checks length and characters again after :func:`.checks.storable` did. The
    text must be checked and ``_xHHHH_`` escaped (:func:`.checks.escaped`) already.
    """
    cell._value = text
    cell.data_type = "s"


def add_cell_style(workbook: Any, record: Any) -> int:
    """The index of ``record`` in the workbook's list of cell styles (its private
    ``_cell_styles``), added if new: the ``s`` attribute of a cell written by hand.

    **Why:** :mod:`.data_rows` writes cells as XML itself and must name the style openpyxl
    will write for the same record; openpyxl numbers them as it adds them here.
    """
    index: int = workbook._cell_styles.add(record)
    return index


SPOOL_BYTES = 2 * 1024 * 1024
"""A sheet's XML stays in memory up to this size, then goes on in an anonymous temporary
file (:func:`spool`); so do the rows written by hand (:class:`.data_rows.PlainRows`)."""


class _SpooledWriter(WorksheetWriter):  # type: ignore[misc]  # openpyxl has no types
    """openpyxl's worksheet writer, streaming to a spooled temporary file, not a named one.

    openpyxl's own writer makes a named temporary file per sheet and removes it after the
    save: 13 files for the sample's workbook, 0.03 to 0.05 s of waiting for the disk. This
    one keeps a small sheet in memory and a big one in a file without a name, which the
    system removes even if the process is killed. The same XML, the same bytes.
    """

    def __init__(self, worksheet: Any) -> None:
        stream = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (cleanup)
        super().__init__(worksheet, out=stream)

    def cleanup(self) -> None:
        """Close the stream (openpyxl's removes its named file)."""
        self.out.close()


def spool(worksheet: Any) -> None:
    """Give the write-only ``worksheet`` a writer that streams to a spooled temporary file,
    before its first row (sets its private ``_writer``, and writes the sheet's top as
    openpyxl's own ``_get_writer`` does at the first row). Nothing if it has a writer.

    **Why:** openpyxl streams each sheet to a named temporary file (:class:`_SpooledWriter`).
    It can go when openpyxl's write-only sheets take a stream to write to.
    """
    if worksheet._writer is None:
        worksheet._writer = _SpooledWriter(worksheet)
        worksheet._writer.write_top()


def sheet_file(worksheet: Any) -> str:
    """The name of the stream a write-only ``worksheet`` writes its XML to (its private
    ``_writer.out``: a file's path, or the spooled file of :func:`spool` as ``str`` names it).

    **Why:** :class:`.workbook_file.StableZip` splices the rows written by hand into that
    sheet when openpyxl copies the stream into the zip, and knows it by this name. It exists
    from the sheet's first row on.
    """
    return str(worksheet._writer.out)


def discard_sheet(worksheet: Any) -> None:
    """After a failure: end ``worksheet``'s stream and close or remove its temporary file
    (through its private ``_writer``).

    **Why:** a write-only sheet's temporary file is removed only when the workbook is saved;
    a render that fails before then would leave it behind.
    """
    writer = worksheet._writer
    if writer is None or getattr(writer.out, "closed", False):
        return
    with contextlib.suppress(Exception):
        if not worksheet.closed:
            worksheet.close()
    with contextlib.suppress(Exception):
        writer.cleanup()


def name_columns(table: Any, names: Sequence[str]) -> None:
    """Give the Excel ``table`` (``openpyxl.worksheet.table.Table``) one column per name
    (through its private ``_initialise_columns``).

    **Why:** openpyxl names a table's columns from its header row when it saves a normal
    sheet; a write-only sheet keeps no cells to read them from.
    """
    table._initialise_columns()
    for column, name in zip(table.tableColumns, names, strict=True):
        column.name = name


def save(workbook: Any, archive: zipfile.ZipFile) -> None:
    """Write ``workbook``'s parts into ``archive`` (openpyxl's internal ``ExcelWriter``).

    **Why:** ``Workbook.save`` takes only a file name and makes its own ``ZipFile``, dated
    now; :class:`.workbook_file.StableZip` fixes every entry's date so that the same report
    gives the same bytes. openpyxl calls the archive's ``writestr`` for each part and its
    ``write(stream, name)`` for each worksheet's stream (:func:`spool`).
    """
    ExcelWriter(workbook, archive).save()
