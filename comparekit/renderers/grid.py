"""Draw a table with tabulate, without tabulate measuring again what comparekit has measured.

``tabulate(rows, headers, tablefmt=..., disable_numparse=True, stralign="left")``
spends four fifths of its time working out what comparekit already knows: each
cell's type (always text here), each line's width and the padding that follows
from it. Only the last fifth draws the table. :func:`draw` pads the cells exactly
as that call would and hands them to tabulate's own table drawing, so the text
is tabulate's byte for byte, in about a third of the time.

It takes that shortcut only where it is proven to give the same text:

- the tabulate version has the drawing function with the signature it expects;
- the format is one of :data:`FORMATS`;
- no cell holds what tabulate measures differently (ANSI escapes, line breaks
  other than ``\\n``, characters without a terminal width).

Anything else goes through :func:`tabulate.tabulate` itself. ``tests/test_grid.py``
compares the two on generated tables in every format of :data:`FORMATS`.

>>> print(draw(["Feature", "钉钉"], [["Users", "about 200\\nmillion"]], "grid"))
+-----------+-----------+
| Feature   | 钉钉      |
+===========+===========+
| Users     | about 200 |
|           | million   |
+-----------+-----------+
"""

from __future__ import annotations

import inspect
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

import tabulate as tabulate_module
from wcwidth import wcswidth

__all__ = ["FORMATS", "draw", "public_draw"]

FORMATS = frozenset(
    {
        "plain",
        "simple",
        "grid",
        "simple_grid",
        "rounded_grid",
        "heavy_grid",
        "mixed_grid",
        "double_grid",
        "fancy_grid",
        "pipe",
        "orgtbl",
        "presto",
        "psql",
        "github",
        "outline",
        "simple_outline",
        "rounded_outline",
        "heavy_outline",
        "mixed_outline",
        "double_outline",
        "fancy_outline",
    }
)
"""Formats the shortcut draws (tabulate pads and aligns them all the same way)."""

_MEASURED_DIFFERENTLY = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Characters tabulate measures or splits differently from a plain line of text: ANSI
escapes, other line breaks, control characters."""


def _drawing_function() -> Callable[..., str] | None:
    """tabulate's table drawing, if this tabulate has the one :func:`draw` was proven with."""
    function = getattr(tabulate_module, "_format_table", None)
    formats = getattr(tabulate_module, "_table_formats", None)
    if function is None or not isinstance(formats, dict):
        return None
    try:
        parameters = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):  # pragma: no cover - a C or wrapped function
        return None
    expected = [
        "fmt",
        "headers",
        "headersaligns",
        "rows",
        "colwidths",
        "colaligns",
        "is_multiline",
        "rowaligns",
    ]
    return function if parameters == expected else None


_FORMAT_TABLE = _drawing_function()


def public_draw(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    tablefmt: str | tabulate_module.TableFormat,
) -> str:
    """The table as tabulate's public function draws it: the reference for :func:`draw`.

    ``tablefmt`` is a format's name or a :class:`tabulate.TableFormat` of one's own."""
    return tabulate_module.tabulate(
        rows, list(headers), tablefmt=tablefmt, disable_numparse=True, stralign="left"
    )


def draw(headers: Sequence[str], rows: Sequence[Sequence[str]], tablefmt: str) -> str:
    """``rows`` under ``headers`` as a ``tablefmt`` table, exactly as :func:`public_draw`.

    Cells are strings; a cell may hold several lines separated by ``\\n``.
    """
    if not _shortcut_applies(headers, rows, tablefmt):
        return public_draw(headers, rows, tablefmt)
    cells = list(itertools.chain(headers, itertools.chain.from_iterable(rows)))
    if _MEASURED_DIFFERENTLY.search("\n".join(cells)):
        return public_draw(headers, rows, tablefmt)
    multiline = any("\n" in cell for cell in cells)
    # Headers are not stripped; each of their lines is padded to the column's width.
    header_lines = [header.split("\n") if multiline else [header] for header in headers]
    header_widths = [list(map(_width, lines)) for lines in header_lines]
    if min(map(min, header_widths)) < 0:
        return public_draw(headers, rows, tablefmt)
    columns: list[list[str]] = []
    widths: list[int] = []
    for used, column in zip(header_widths, zip(*rows, strict=True), strict=True):
        padded = _pad_column(max(used), column, multiline)
        if padded is None:
            return public_draw(headers, rows, tablefmt)
        columns.append(padded[0])
        widths.append(padded[1])
    padded_headers = [
        "\n".join(_padded(lines, used, width))
        for lines, used, width in zip(header_lines, header_widths, widths, strict=True)
    ]
    body = list(zip(*columns, strict=True))
    left = ["left"] * len(headers)
    assert _FORMAT_TABLE is not None
    fmt: Any = tabulate_module._table_formats[tablefmt]  # type: ignore[attr-defined]
    return _FORMAT_TABLE(
        fmt, padded_headers, left, body, widths, left, multiline, [None] * len(body)
    )


def _shortcut_applies(headers: Sequence[str], rows: Sequence[Sequence[str]], tablefmt: str) -> bool:
    """The cases the shortcut is proven for: the rest goes through tabulate itself."""
    return (
        _FORMAT_TABLE is not None
        and tablefmt in FORMATS
        and tabulate_module.MIN_PADDING == 2
        and not tabulate_module.PRESERVE_WHITESPACE
        and bool(tabulate_module.WIDE_CHARS_MODE)
        and len(rows) > 0
        and len(headers) > 0
        and all(len(row) == len(headers) for row in rows)
        and all(type(h) is str for h in headers)
        and all(type(cell) is str for row in rows for cell in row)
    )


def _width(line: str) -> int:
    """Terminal columns of one line, as tabulate counts them (-1: cannot be measured)."""
    if line.isascii():
        return len(line)
    return int(wcswidth(line))


def _pad_column(
    header_width: int, column: Sequence[str], multiline: bool
) -> tuple[list[str], int] | None:
    """The column's cells padded to its width, and that width; None if a line has no width.

    As tabulate does: each cell is stripped, then every line is padded to the column's
    widest line, or to the header's width plus ``MIN_PADDING`` if that is more. Lines are
    measured and padded as one flat list.
    """
    cells = [cell.strip() for cell in column]
    lines = "\n".join(cells).split("\n") if multiline else cells
    widths = list(map(_width, lines))
    if min(widths) < 0:
        return None
    width = max(header_width + tabulate_module.MIN_PADDING, *widths)
    padded = _padded(lines, widths, width)
    if not multiline:
        return padded, width
    # Put the lines back into their cells. An empty cell stays empty, as in tabulate (which
    # pads it when it draws the row): its one padded line is skipped.
    flat = iter(padded)
    regrouped = []
    for cell in cells:
        breaks = cell.count("\n")
        if breaks:
            regrouped.append("\n".join([next(flat) for _ in range(breaks + 1)]))
        else:
            line = next(flat)
            regrouped.append(line if cell else "")
    return regrouped, width


def _padded(lines: list[str], widths: list[int], width: int) -> list[str]:
    """Each line followed by the spaces that make it ``width`` columns wide."""
    return [line + " " * (width - used) for line, used in zip(lines, widths, strict=True)]
