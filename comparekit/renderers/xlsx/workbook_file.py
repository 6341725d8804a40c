"""The workbook's file: its properties, and a zip with the same bytes on every run.

openpyxl writes a workbook's parts into a zip archive in a fixed order. :func:`write_zip`
hands it a :class:`StableZip`, which dates every entry with the report's moment and names
no system of origin, so the same workbook gives the same bytes in any process, at any time,
in any time zone; it also splices the rows written by hand (:mod:`.data_rows`) into their sheet,
and gives each sheet what openpyxl's write-only mode leaves out (:class:`SheetFix`): its
``<dimension>``, without which read-only readers (openpyxl's own, tablib) see ragged rows,
and its empty texts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from comparekit.layout.table import Table
from comparekit.renderers.xlsx._openpyxl import save
from comparekit.renderers.xlsx.checks import checked
from comparekit.renderers.xlsx.data_rows import PlainRows

__all__ = ["SheetFix", "StableZip", "set_properties", "write_zip"]

_BEFORE_DIMENSION = (b"<sheetViews", b"<sheetFormatPr", b"<cols", b"<sheetData")
"""What may follow ``<dimension>`` in a worksheet, in schema order."""

_ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
_ZIP_LAST = (2107, 12, 31, 23, 59, 58)


def set_properties(workbook: Any, table: Table, when: dt.datetime) -> None:
    """Title, subject, creator, language and the fixed creation time."""
    props = workbook.properties
    props.title = checked(table.title, "workbook title")
    props.subject = checked(table.subtitle, "workbook subject") or None
    props.creator = "comparekit"
    props.language = table.lang
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = naive


class SheetFix:
    """What a sheet's XML gets in the zip step: its ``<dimension>`` ``ref`` (``A1:Q109``),
    and the cells that hold an empty text (openpyxl writes an empty string as no value)."""

    def __init__(self, ref: str, empty_texts: list[str], rows: PlainRows | None = None) -> None:
        self.ref = ref
        self.empty_texts = empty_texts
        self.rows = rows
        """The rows written by hand for the sheet, if any."""

    def apply(self, sheet: bytes) -> bytes:
        """``sheet`` with its dimension and empty texts."""
        at = min((i for i in map(sheet.find, _BEFORE_DIMENSION) if i >= 0), default=-1)
        if at >= 0 and b"<dimension " not in sheet[:at]:
            sheet = b'%s<dimension ref="%s"/>%s' % (sheet[:at], self.ref.encode(), sheet[at:])
        if self.empty_texts:
            names = b"|".join(name.encode() for name in self.empty_texts)
            sheet = re.sub(
                rb'<c r="(' + names + rb')"( s="\d+")?(?: t="n")?(?:/>|></c>)',
                rb'<c r="\1"\2 t="inlineStr"><is><t></t></is></c>',
                sheet,
            )
        return sheet


class StableZip(zipfile.ZipFile):
    """A zip archive whose entries all carry one date and no system of origin.

    openpyxl writes its parts in a fixed order; with the dates fixed too, the same
    workbook gives the same bytes in any process, at any time, in any time zone.
    """

    def __init__(self, stream: io.BytesIO, when: dt.datetime, fixes: dict[str, SheetFix]) -> None:
        super().__init__(stream, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        stamp = when.astimezone(dt.UTC).timetuple()[:6]
        self.date_time = min(max(stamp, _ZIP_FIRST), _ZIP_LAST)
        self.fixes = fixes

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
        """openpyxl writes each worksheet to a stream first (a spooled temporary file, see
        :func:`._openpyxl.spool`, or a file's path): take its bytes, its fix
        (:class:`SheetFix`) and the rows written by hand for it, if any."""
        if isinstance(filename, (str, Path)):
            sheet = Path(filename).read_bytes()
        else:
            filename.seek(0)
            sheet = filename.read()
        fix = self.fixes.get(str(filename))
        if fix is not None:
            sheet = fix.apply(sheet)
        if fix is None or fix.rows is None:
            self.writestr(arcname or filename, sheet)
            return
        with self.open(self.entry(arcname or filename), "w") as out:
            fix.rows.splice(sheet, out)


def write_zip(workbook: Any, when: dt.datetime, fixes: dict[str, SheetFix]) -> bytes:
    """The workbook as xlsx bytes, every entry dated ``when``, so output is stable.

    ``fixes`` holds each sheet's :class:`SheetFix`, by the path of the temporary file
    openpyxl wrote the sheet to.
    """
    out = io.BytesIO()
    save(workbook, StableZip(out, when, fixes))
    return out.getvalue()
