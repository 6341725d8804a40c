"""Reading the csv and tsv tables back, as the tools they are piped into read them."""

from __future__ import annotations

import csv
import io
import re

_TSV_ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv_unescape(field: str) -> str:
    """A TSV field's text: the inverse of its escapes."""
    return re.sub(r"\\(.)", lambda m: _TSV_ESCAPES[m.group(1)], field)


def read_field(cell: str, tablefmt: str) -> str:
    """The text of one field as a reader of ``tablefmt`` reads it, checking that it is one
    field on one record."""
    if tablefmt == "tsv":
        assert "\t" not in cell
        assert "\n" not in cell
        assert "\r" not in cell
        return tsv_unescape(cell)
    (record,) = list(csv.reader(io.StringIO(cell + "\n", newline="")))
    (field,) = record
    return field


def read_table(data: bytes, tablefmt: str) -> list[list[str]]:
    """A delimited table's records, as Python's csv module or a TSV reader reads them."""
    text = data.decode("utf-8")
    if tablefmt == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    assert text.endswith("\n")
    return [[tsv_unescape(f) for f in line.split("\t")] for line in text[:-1].split("\n")]
