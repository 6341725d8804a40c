"""The workbook's named styles: how each kind of cell looks, and the font every style names.

A style has a name (``"title"``, ``"data header"``, or for a matrix value its cell kind
and marks, e.g. ``"known best partial"``) and a :class:`Look`. :class:`Styles` registers
each as a named style (``comparekit title`` …) the first time a cell uses it, so a
spreadsheet user finds them in Excel's cell styles, and styles every later cell by sharing
the record openpyxl made.

>>> value_style(CellKind.KNOWN, best=True)
'known best'
>>> Styles.look("known best").color
'006100'
>>> font_name("zh-Hans")
'Noto Sans CJK SC'
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from comparekit.layout.table import CellKind
from comparekit.layout.theme import Look as ThemeLook
from comparekit.renderers.xlsx._openpyxl import add_cell_style, share_style, style_of

__all__ = [
    "LATIN_FONT",
    "Look",
    "Styles",
    "font_name",
    "legend_style",
    "themed",
    "value_style",
]

LATIN_FONT = "Calibri"
_FONTS = {"ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}
"""Font per language; CJK families that fontconfig (and so LibreOffice) resolves."""
_NAVY = "1F3864"
_GRID = Side(style="thin", color="BFBFBF")


@attrs.frozen
class Look:
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
    "title": Look(size=16, bold=True, color=_NAVY),
    "subtitle": Look(size=12, italic=True, color="404040"),
    "caption": Look(bold=True, color="595959", wrap=False),
    "corner": Look(bold=True, color="FFFFFF", fill=_NAVY, border=True),
    "product": Look(bold=True, color="FFFFFF", fill=_NAVY, border=True),
    "product link": Look(bold=True, color="FFFFFF", fill=_NAVY, border=True, underline="single"),
    "vendor": Look(italic=True, color="D9E1F2", fill=_NAVY, border=True),
    "group": Look(bold=True, color=_NAVY, fill="D9E1F2", border=True, wrap=False),
    "feature": Look(border=True),
    "heading": Look(size=12, bold=True, color=_NAVY, wrap=False),
    "text": Look(),
    "link": Look(color="0563C1", underline="single"),
    "data header": Look(bold=True, color="FFFFFF", fill=_NAVY, wrap=False),
    "data": Look(wrap=False),
    "data wrap": Look(number_format="@"),
    "data text": Look(wrap=False, number_format="@"),
    "data link": Look(wrap=False, color="0563C1", underline="single"),
    "weight input": Look(fill="FFF2CC", border=True),
}

_KIND_LOOK = {
    CellKind.KNOWN: ("000000", False, None),
    CellKind.NO: ("9C0006", False, None),
    CellKind.NOT_STATED: ("808080", True, None),
    CellKind.NOT_APPLICABLE: ("808080", False, "E7E6E6"),
}
"""Text colour, italic and fill of each cell kind."""


def _value_look(kind: CellKind, best: bool, partial: bool) -> Look:
    """The look of a matrix cell: its kind, then best (green), then partial (amber fill)."""
    color, italic, fill = _KIND_LOOK[kind]
    if best:
        color, fill = "006100", "C6EFCE"
    if partial:
        fill = "FFEB9C"
        color = "9C5700" if kind is CellKind.KNOWN and not best else color
    return Look(bold=best, italic=italic, color=color, fill=fill, border=True)


def value_style(kind: CellKind, best: bool = False, partial: bool = False) -> str:
    """The style name of a matrix cell, e.g. ``"known best partial"``."""
    return " ".join((kind.value, *(["best"] if best else []), *(["partial"] if partial else [])))


def legend_style(kind: str) -> str:
    """The matrix style a legend mark is shown in, so that it looks like what it explains."""
    if kind in ("best", "partial"):
        return value_style(CellKind.KNOWN, best=kind == "best", partial=kind == "partial")
    kinds = {k.value: k for k in CellKind}
    return value_style(kinds.get(kind, CellKind.KNOWN))


_ON_BRAND = ("corner", "product", "vendor", "data header")
_BRAND_INK = ("title", "heading")


def _hex(colour: str | None) -> str | None:
    return colour[1:] if colour else None


def themed(key: str, theme: ThemeLook | None, look: Look | None = None) -> Look:
    """The look of style ``key`` under ``theme``: header cells filled with the brand colour
    (text in the colour chosen for it), title and headings in the brand colour as text,
    group rows filled with the accent colour (a spec's ``[theme]``, resolved by the layout).

    >>> from comparekit.layout.theme import Look as Theme
    >>> themed("product", Theme(brand="#C8102E", brand_text="#FFFFFF")).fill
    'C8102E'
    """
    base = look or Styles.look(key)
    if theme is None:
        return base
    brand, on_brand = _hex(theme.brand), _hex(theme.brand_text)
    if key in _ON_BRAND and brand and on_brand:
        return attrs.evolve(base, fill=brand, color=on_brand)
    ink = _hex(theme.brand_ink)
    if key in _BRAND_INK and ink:
        return attrs.evolve(base, color=ink)
    if key == "group":
        accent, on_accent = _hex(theme.accent), _hex(theme.accent_text)
        if accent and on_accent:
            return attrs.evolve(base, fill=accent, color=on_accent)
        if ink:
            return attrs.evolve(base, color=ink)
    return base


def font_name(lang: str) -> str:
    """The font family of a report in ``lang``."""
    return _FONTS.get(lang.split("-")[0].lower(), LATIN_FONT)


class Styles:
    """The workbook's named styles, each made once on first use and shared by every cell."""

    def __init__(self, workbook: Any, font: str, theme: ThemeLook | None = None) -> None:
        self.workbook = workbook
        self.font = font
        self.theme = theme
        """The spec's theme (:mod:`.theme`), which recolours the header, title and group styles."""
        self.records: dict[tuple[str, str | None], Any] = {}
        self.ids: dict[tuple[str, str | None, bool], str] = {}

    def apply(self, cell: Any, key: str, number_format: str | None = None) -> None:
        """Style ``cell`` with style ``key`` (``"title"``, ``"known best"``, …), and
        ``number_format`` if given.

        The first time by name, registering the style (and the number format); after that
        by giving the cell the style record that gave. Cells share the record: a write-only
        cell is written out as it is, and :meth:`Sheet.put <.sheet.Sheet.put>` copies it
        before changing it. (openpyxl looks a style name up in a list on every assignment,
        and copying a record for each of a big workbook's cells took a tenth of its time.)
        """
        record = self.records.get((key, number_format))
        if record is not None:
            share_style(cell, record)
            return
        base = self.records.get((key, None))
        if base is None:
            name = f"comparekit {key}"
            look = self.look(key) if self.theme is None else themed(key, self.theme)
            self.workbook.add_named_style(self.make(name, look))
            cell.style = name
            base = self.records[(key, None)] = copy.copy(style_of(cell))
        share_style(cell, copy.copy(base))
        if number_format is not None:
            cell.number_format = number_format
            self.records[(key, number_format)] = copy.copy(style_of(cell))

    def style_id(self, worksheet: Any, key: str, number_format: str | None, quoted: bool) -> str:
        """The cell style :meth:`apply` gives, as its number in the workbook's list of
        cell styles: the ``s`` of a cell written by hand (see :mod:`.data_rows`).

        ``quoted`` marks text that starts like a formula (see :func:`.checks.quoted`).
        """
        found = self.ids.get((key, number_format, quoted))
        if found is None:
            cell = WriteOnlyCell(worksheet)
            self.apply(cell, key, number_format)
            record = copy.copy(style_of(cell))
            record.quotePrefix = quoted
            found = self.ids[(key, number_format, quoted)] = str(
                add_cell_style(self.workbook, record)
            )
        return found

    @staticmethod
    def look(key: str) -> Look:
        """The look of a fixed style or of a matrix value style."""
        if key in _LOOKS:
            return _LOOKS[key]
        kind, *flags = key.split(" ")
        return _value_look(CellKind(kind), "best" in flags, "partial" in flags)

    def make(self, name: str, look: Look) -> Any:
        """A named style with the report's font.

        Italic only in a Latin font: a CJK font has no italic, and a spreadsheet would slant
        its glyphs artificially; in Korean and Chinese the colour alone tells the cell apart.
        """
        style = NamedStyle(name=name)
        style.font = Font(
            name=self.font,
            size=look.size,
            bold=look.bold,
            italic=look.italic and self.font == LATIN_FONT,
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
