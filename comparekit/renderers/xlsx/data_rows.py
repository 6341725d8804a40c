"""Rows of plain cells as worksheet XML, byte for byte as openpyxl writes them.

The spreadsheet's Data sheet holds one row per product × feature: 220,000 filled cells
for 200 products × 100 features, ten times the matrix. Handed to openpyxl one cell object
at a time, to be styled, looked up and serialised by lxml element by element, they took
three quarters of a big workbook's time. Yet they are plain: a text, number, boolean or
date with a style, and no comment, link, formula or row height. :class:`PlainRows` writes
their XML itself, into a temporary file, and :meth:`PlainRows.splice` puts it into the
worksheet openpyxl wrote, after the rows openpyxl wrote itself.

The XML is the one openpyxl 3.1's lxml writer makes for the same cells (write-only mode,
text as inline strings, dates as serial numbers, every character outside ASCII as a
character reference): the tests render workbooks both ways and compare every part.

>>> import io
>>> rows = PlainRows(epoch=dt.datetime(1899, 12, 30))
>>> rows.add(2, [(1, "3", "Q&A"), (2, "4", 1200), (3, "5", dt.date(2020, 2, 1))])
>>> out = io.BytesIO()
>>> rows.splice(b"<sheetData><row r='1'/></sheetData>", out)
>>> out.getvalue().decode()  # doctest: +NORMALIZE_WHITESPACE
'<sheetData><row r=\\'1\\'/><row r="2"><c r="A2" s="3" t="inlineStr"><is><t>Q&amp;A</t></is></c>\
<c r="B2" s="4" t="n"><v>1200</v></c><c r="C2" s="5" t="n"><v>43862</v></c></row></sheetData>'
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable
from typing import IO

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from comparekit.renderers.xlsx._openpyxl import SPOOL_BYTES, safe_string
from comparekit.renderers.xlsx.checks import escaped

__all__ = ["Formula", "Plain", "PlainRows"]


class Formula(str):
    """A formula comparekit made (the Scores sheet's, :mod:`.scores`), without its ``=``:
    written as ``<f>``, never as text. Nothing from a spec ever becomes one."""

    __slots__ = ()


Plain = str | bool | int | float | dt.date
"""A value a plain cell holds. A text must already be fit for a cell (see :func:`.checks.fits`),
a number finite; a :class:`Formula` is written as a formula."""

_SHEET_DATA_END = b"</sheetData>"
_CHUNK = 16_384
"""Bytes copied at a time from the temporary file into the workbook."""


def _escape(text: str) -> str:
    """``text`` escaped as lxml escapes element text (``str.replace`` four times: several
    times faster than ``str.translate`` with a table of strings, and the same).

    >>> _escape("IF(A1<0, 'a&b', A1>2)")
    "IF(A1&lt;0, 'a&amp;b', A1&gt;2)"
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _text(value: str) -> str:
    """A text cell's inline string, ``_xHHHH_`` escaped (see :func:`.checks.escaped`), then
    escaped as lxml escapes element text."""
    body = _escape(escaped(value))
    if value != value.strip():
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


class PlainRows:
    """Rows of plain cells, written as XML to a spooled temporary file as they come (a row at
    a time: memory stays flat whatever the size).

    ``epoch`` is the workbook's date system (``Workbook.epoch``): dates are stored as days
    since it, as openpyxl stores them. ``short``: every number in openpyxl's 16 significant
    digits, as a sheet that openpyxl used to write keeps them (see :func:`_number`).
    """

    def __init__(self, epoch: dt.datetime, *, short: bool = False) -> None:
        self.epoch = epoch
        self.short = short
        # in memory while small, then an anonymous temporary file (no file at all for most)
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (until close())
        self.rows = 0
        """Rows added so far."""
        self.letters: dict[int, str] = {}
        self.texts: dict[str, str] = {}
        """Each text's inline string: ids, names, types and statuses repeat down a column."""

    def add(self, index: int, cells: Iterable[tuple[int, str, Plain | None]]) -> None:
        """Add row ``index``: each cell as its column (1 for A), style id and value (None: a
        styled cell without one)."""
        parts = [f'<row r="{index}">']
        letters, texts = self.letters, self.texts
        for column, style, value in cells:
            if value is None:  # as openpyxl writes a cell without a value
                letter = letters.get(column) or letters.setdefault(
                    column, get_column_letter(column)
                )
                parts.append(f'<c r="{letter}{index}" s="{style}" t="n"></c>')
                continue
            if isinstance(value, Formula):  # as openpyxl writes one, its value left to compute
                letter = letters.get(column) or letters.setdefault(
                    column, get_column_letter(column)
                )
                body = _escape(value)
                parts.append(f'<c r="{letter}{index}" s="{style}"><f>{body}</f><v></v></c>')
                continue
            if isinstance(value, str):
                body = texts.get(value) or texts.setdefault(value, _text(value))
                kind = "inlineStr"
            else:
                if isinstance(value, bool):
                    kind = "b"
                else:
                    kind = "n"
                    if isinstance(value, dt.date):
                        value = to_excel(value, self.epoch)
                body = f"<v>{safe_string(value) if self.short else _number(value)}</v>"
            letter = letters.get(column) or letters.setdefault(column, get_column_letter(column))
            parts.append(f'<c r="{letter}{index}" s="{style}" t="{kind}">{body}</c>')
        parts.append("</row>")
        self.file.write("".join(parts).encode("ascii", "xmlcharrefreplace"))
        self.rows += 1

    def splice(self, sheet: bytes, out: IO[bytes]) -> None:
        """Write worksheet XML ``sheet`` to ``out`` with these rows after its own."""
        end = sheet.index(_SHEET_DATA_END)
        out.write(sheet[:end])
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, _CHUNK)
        out.write(sheet[end:])

    def close(self) -> None:
        """Remove the temporary file."""
        self.file.close()


def _number(value: int | float) -> str:
    """The text of a number's ``<v>``: openpyxl's (16 significant digits) when it reads back
    as the same number, else ``repr`` (17), so that a float such as ``0.12300000000000001``
    (12.3 % as a fraction) reads back as itself.

    >>> _number(1200), _number(43862.0), _number(0.123), _number(0.1 + 0.2)
    ('1200', '43862', '0.123', '0.30000000000000004')
    """
    text: str = safe_string(value)
    return repr(value) if isinstance(value, float) and float(text) != value else text
