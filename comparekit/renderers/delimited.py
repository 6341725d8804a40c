r"""The matrix as delimited data for pipes: the ``csv`` and ``tsv`` table formats.

``comparekit show SPEC --tablefmt tsv | cut -f2`` and ``render(c, "txt", tablefmt="csv")``
give the matrix alone, a line per row: the heading row (the corner, then each column's
heading), then one row per feature (per product with ``transposed``). No title, summary,
legend, notes or sources; no group rows; nothing wrapped and no runs, whatever the width.
Every cell is the layout's text as the other formats show it, marks and markers included
(``about 200 million ✦ [S1]``). UTF-8, every line ending in ``\n``.

- **csv**: RFC 4180 quoting by Python's :mod:`csv` module: a field holding a comma, a quote
  or a line break is quoted, a quote doubled; lines end in ``\n``, not ``\r\n``.
- **tsv**: a field holds no tab and no line break: a backslash is written ``\\``, a tab
  ``\t``, a line feed ``\n`` and a carriage return ``\r`` (the escapes of "linear TSV", as
  PostgreSQL's text format and Miller read them), so a line is a row and a tab a column.

Text is left exactly as it is otherwise: a cell starting with ``=``, ``+``, ``-`` or ``@``
is **not** prefixed with ``'`` (OWASP's defence against formulas when a CSV is opened in a
spreadsheet), because these are data for a pipe and a prefix would change them (``-12%``,
``+350%``). To open the comparison in a spreadsheet, write the ``xlsx`` format: it stores
every text as text and never writes a formula.

>>> tsv_field("a\tb\nc\\d")
'a\\tb\\nc\\\\d'
>>> print(csv_line(["Users", 'a "b" c', "1,000"]), end="")
Users,"a ""b"" c","1,000"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from comparekit.layout import Table

__all__ = ["csv_line", "delimited_cell", "render_delimited", "rows", "tsv_field"]

_TSV = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(text: str) -> str:
    """``text`` as a TSV field: backslash, tab, line feed and carriage return escaped."""
    return text.translate(_TSV)


def csv_line(fields: Sequence[str]) -> str:
    """``fields`` as one CSV record, quoted where they need it, ending in ``\\n``."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()


def delimited_cell(text: str, tablefmt: str) -> str:
    """``text`` as a field of a ``tablefmt`` (csv or tsv) table writes it.

    >>> delimited_cell("a, b", "csv"), delimited_cell("a\\tb", "tsv")
    ('"a, b"', 'a\\\\tb')
    """
    if tablefmt == "tsv":
        return tsv_field(text)
    return csv_line([text]).removesuffix("\n")


def rows(table: Table) -> list[list[str]]:
    """The matrix as the delimited formats write it: the heading row, then a row per body
    row of the table, group rows left out."""
    out = [[table.corner, *(column.display for column in table.columns)]]
    out += [[row.heading.display, *(cell.display for cell in row.cells)] for row in table.rows]
    return out


def render_delimited(table: Table, tablefmt: str) -> bytes:
    """The matrix of ``table`` in ``tablefmt``, ``csv`` or ``tsv``, as UTF-8 bytes."""
    if tablefmt == "tsv":
        text = "".join("\t".join(map(tsv_field, row)) + "\n" for row in rows(table))
    else:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows(table))
        text = out.getvalue()
    return text.encode("utf-8")
