"""The sheets that carry the rest of the comparison, for reading back: Features, Products,
Groups and Comparison.

Each of Features, Products and Groups is an Excel table with one row per item and one
column per key of the spec (``id``, ``label``, ``type``, …); a label has a column for its
plain string (``label``) and one per language it is translated into (``label:ko``,
``label:zh``: see :mod:`comparekit.layout.stored`). The Comparison sheet holds the
comparison's own fields as ``key`` / ``value`` rows (``format``, ``title``, ``title:ko``,
``as_of``, …), then ``scoring`` and ``findings``, when the comparison has them, each as the
JSON text a JSON spec would hold. An empty text is stored as an empty text, a missing one as an empty cell.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from comparekit.layout import Table
from comparekit.layout.stored import label_cells, label_columns
from comparekit.model import Comparison, Label
from comparekit.renderers.xlsx.measure import MAX_WIDTH, TEXT_WIDTH, Measure
from comparekit.renderers.xlsx.sheet import Sheet
from comparekit.renderers.xlsx.tables import column_widths, data_cells, fit_row, start_table
from comparekit.spec.keys import COMPARISON_KEYS, FEATURE_KEYS, GROUP_KEYS, PRODUCT_KEYS
from comparekit.spec.writer import analysis_tree

__all__ = ["FIELDS_SHEET", "PART_SHEETS", "comparison_sheet", "part_sheet"]

PART_SHEETS = ("Features", "Products", "Groups")
"""The sheets of the comparison's parts, in the workbook's order (Sources follows)."""

FIELDS_SHEET = "Comparison"

_KEYS = {
    "Features": FEATURE_KEYS,
    "Products": tuple(key for key in PRODUCT_KEYS if key != "values"),  # on the Data sheet
    "Groups": GROUP_KEYS,
}
"""Each sheet's keys, in the spec's order; a label's key stands for all its columns."""


def _cells(item: object, keys: Sequence[str]) -> dict[str, object]:
    """An item's cells by column: labels spread over their language columns, choices as
    their codes."""
    out: dict[str, object] = {}
    for key in keys:
        value = getattr(item, key)
        if isinstance(value, Label):
            out.update(label_cells(key, value))
        elif isinstance(value, tuple):  # a default source: ids separated by commas
            out[key] = ", ".join(value) or None
        else:
            out[key] = getattr(value, "value", value)
    return out


def _columns(items: Sequence[object], keys: Sequence[str]) -> list[str]:
    columns: list[str] = []
    for key in keys:
        values = [getattr(item, key) for item in items]
        if key in ("label", "name", "unit", "vendor", "description", "measure"):
            columns += label_columns(key, [v for v in values if isinstance(v, Label)])
        else:
            columns.append(key)
    return columns


def _write(
    sheet: Sheet,
    table: Table,
    name: str,
    columns: Sequence[str],
    rows: list[dict[str, object]],
    measure: Measure | None = None,
    widest: float = MAX_WIDTH,
) -> None:
    """An Excel table called ``name`` of ``rows`` (cells by column) under ``columns``, no
    column wider than ``widest``; with ``measure``, each row as tall as its wrapped texts need."""
    grid = [tuple(row.get(column) for column in columns) for row in rows]
    widths = column_widths(tuple(columns), grid, widest)
    start_table(sheet, name, columns, len(grid), widths)
    for index, values in enumerate(grid, start=2):
        for column, value in enumerate(values, start=1):
            if value == "":
                sheet.put(index, column, "", "data wrap", empty=True)
        for cell in data_cells("", values, "data wrap", table.words):
            sheet.put(index, cell.column, cell.value, cell.style, cell.number_format)
        if measure is not None:
            fit_row(sheet, index, values, widths, measure)
    sheet.close()


def part_sheet(sheet: Sheet, table: Table, title: str) -> None:
    """The Features, Products or Groups sheet (``title``): one row per item."""
    keys = _KEYS[title]
    inputs = table.record_inputs
    items: Sequence[object] = getattr(inputs.comparison, title.lower()) if inputs else ()
    if not any(getattr(item, "chart", False) for item in items):
        keys = tuple(key for key in keys if key != "chart")  # the column only when one charts
    columns = _columns(items, keys)
    _write(sheet, table, f"Comparison{title}", columns, [_cells(item, keys) for item in items])


def comparison_sheet(sheet: Sheet, table: Table, measure: Measure) -> None:
    """The Comparison sheet: ``format``, then the comparison's own fields as key/value rows,
    each row as tall as its wrapped text (a subtitle, a summary) needs."""
    inputs = table.record_inputs
    rows: list[dict[str, object]] = [{"key": "format", "value": 1}]
    if inputs is not None:
        c: Comparison = inputs.comparison
        for key in COMPARISON_KEYS:
            value = getattr(c, key)
            if isinstance(value, Label):
                rows += [{"key": k, "value": v} for k, v in label_cells(key, value).items()]
            else:
                rows.append({"key": key, "value": value})
        # [scoring] and [[findings]] as the JSON a spec would hold, to be read back.
        for key, tree in analysis_tree(c).items():
            text = json.dumps(tree, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            rows.append({"key": key, "value": text})
    # Values as wide as a page's text (a summary wraps to fewer, shorter rows: the sample's
    # Comparison sheet printed 4 pages, a summary paragraph to a page).
    _write(sheet, table, "ComparisonFields", ("key", "value"), rows, measure, TEXT_WIDTH)
