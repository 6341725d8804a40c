"""What a cell can hold: the checks every value passes before it goes into the workbook.

A text must be at most 32,767 UTF-16 units long and hold no character XML refuses; a
number must be finite. A value that fails gets a :class:`RenderError` naming its cell.
Texts that start like a formula stay text, shown with a quote prefix. Every text a
spreadsheet application would decode goes in :func:`escaped`.

>>> fits("钉钉"), storable(float("nan")), quoted("=1+1"), escaped("a_x000D_b")
(True, False, True, 'a_x005F_x000D_b')
>>> checked("a\\x00b", "Data!B2")
Traceback (most recent call last):
...
comparekit.errors.RenderError: Data!B2: text contains U+0000, a character an Excel file cannot hold
"""

from __future__ import annotations

import math
import re

from comparekit.errors import RenderError

__all__ = ["check_storable", "checked", "escaped", "fits", "quoted", "storable"]

_MAX_CHARS = 32_767
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XSTRING_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def fits(text: str) -> bool:
    """Whether a cell can surely hold ``text``: short enough and no character XML refuses.

    The quick test for every text; :func:`checked` decides when it fails.
    """
    return len(text) <= _MAX_CHARS // 2 and _XML_ILLEGAL.search(text) is None


def escaped(text: str) -> str:
    """``text`` as stored in a workbook so that it shows as written.

    Excel and LibreOffice read ``_xHHHH_`` in a cell, a comment or (Excel) a page header
    as the character U+HHHH, so a literal ``_x000D_`` would show as a carriage return. Its
    underscore is stored as ``_x005F_``, the escape of ``_`` itself, which both decode.
    """
    return _XSTRING_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def storable(value: object) -> bool:
    """Whether a cell can surely hold ``value``: a text that :func:`fits`, a finite number.

    The quick test for every cell; :func:`check_storable` decides when it fails.
    """
    if isinstance(value, str):
        return fits(value)
    return not isinstance(value, float) or math.isfinite(value)


def check_storable(value: object, where: str) -> None:
    """Raise :class:`RenderError` saying why a cell (``where``) cannot hold ``value``, if so."""
    if isinstance(value, str):
        checked(value, where)
    elif isinstance(value, float) and not math.isfinite(value):
        raise RenderError(f"{where}: {value} is not a finite number")


def quoted(value: object) -> bool:
    """Whether a cell shows ``value`` with a quote prefix: a text that starts like a formula.

    The prefix keeps it text when someone edits the cell and presses Enter.
    """
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def checked(text: str, where: str) -> str:
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
