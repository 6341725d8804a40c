"""The live Scores sheet and the Findings sheet of the workbook.

**Scores** (a comparison with ``[scoring]``): the weights as input cells (shaded), then a row
per product in comparekit's rank order. Each scored feature's 0–1 value is a number, as
:func:`comparekit.score` counts it (the not-stated policy applied; a value left out is an
empty cell). Everything else is a formula, so a spreadsheet user who changes a weight sees
the ranking move:

* each feature's weight: its weight cell, shared by a group's features (``=$B$5/3``);
* the weight counted: ``SUMPRODUCT`` of the weights and whether each value is a number;
* the score: ``100 × SUMPRODUCT(weights, values) / weight counted``;
* each weight's contribution: ``100 × SUMPRODUCT`` of its features' weights and values over
  the weight counted (they add up to the score); a weight's features are side by side;
* the rank: ``RANK`` of the score among the scores;
* the coverage, when not-stated values are left out: the weight counted over all the weight
  (under the other policies every value counts, and the coverage is written as a number).

These are the only formulas comparekit writes. They are made here from cell addresses and
numbers alone, never from spec text; every text goes in through
:meth:`~.sheet.Sheet.put`, as text.

**Findings** (a comparison with ``[[findings]]``): a row per finding, its text and the
cells it rests on.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from comparekit.layout.scores import Analysis
from comparekit.layout.table import Table
from comparekit.renderers.xlsx.data_rows import Formula
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet

__all__ = ["FINDINGS_SHEET", "SCORES_SHEET", "findings_sheet", "rank_format", "scores_sheet"]

SCORES_SHEET = "Scores"
FINDINGS_SHEET = "Findings"

_FIRST_WEIGHT = 5
"""The row of the first weight input cell."""
_FIXED = 5
"""Columns before the contributions: rank, product, score, coverage, weight counted."""


def rank_format(template: str) -> str:
    """The number format that shows a rank as the words do (``{rank}`` the number).

    >>> rank_format("#{rank}"), rank_format("{rank}위"), rank_format("第{rank}名")
    ('"#"0', '0"위"', '"第"0"名"')
    """
    before, _, after = template.partition("{rank}")

    def quoted(text: str) -> str:
        return '"' + text.replace('"', "") + '"' if text else ""

    return f"{quoted(before)}0{quoted(after)}"


def _formula(sheet: Sheet, row: int, column: int, formula: str, style: str, fmt: str) -> None:
    """A formula comparekit made from addresses and numbers (never from spec text)."""
    sheet.put(row, column, Formula(formula), style, fmt)


def scores_sheet(sheet: Sheet, table: Table) -> None:
    """The live Scores sheet of ``table`` (see the module's docstring). The product rows go
    through :meth:`~.sheet.Sheet.put_row`: by hand when the sheet has plain rows."""
    part = table.analysis
    assert part is not None  # the caller checks that the table is scored
    w = table.words
    keys, n = len(part.weights), len(part.features)
    values_at = _FIXED + keys + 2  # after the contributions and a gap column
    sheet.widths([10.0, 24.0, 10.0, 11.0, 12.0, *[14.0] * keys, 3.0, *[14.0] * n])
    sheet.put(1, 1, part.scores_title, "title")
    sheet.put(2, 1, w.sheet_hint, "text")
    sheet.put(_FIRST_WEIGHT - 1, 1, w.weight_heading, "data header")
    sheet.put(_FIRST_WEIGHT - 1, 2, "", "data header")
    for index, weight in enumerate(part.weights):
        sheet.put(_FIRST_WEIGHT + index, 1, weight.label, "feature")
        sheet.put(_FIRST_WEIGHT + index, 2, weight.weight, "weight input", "General")
    caption = _FIRST_WEIGHT + keys + 1
    header, weights_row = caption + 1, caption + 2
    first, last = weights_row + 1, weights_row + len(part.rows)
    sheet.put(caption, _FIXED + 1, part.scores_title, "caption")
    sheet.put(caption, values_at, w.values_heading, "caption")
    for column, text in enumerate([*part.headings[:4], w.counted_heading], start=1):
        sheet.put(header, column, text, "data header")
    for index, weight in enumerate(part.weights):
        sheet.put(header, _FIXED + 1 + index, weight.label, "data header")
    for index, feature in enumerate(part.features):
        sheet.put(header, values_at + index, feature.label, "data header")
    sheet.put(weights_row, 1, w.weight_heading, "feature")
    for index, feature in enumerate(part.features):
        source = f"$B${_FIRST_WEIGHT + feature.weight}"
        shared = round(1 / feature.share) if feature.share else 1
        formula = source if shared == 1 else f"{source}/{shared}"
        _formula(sheet, weights_row, values_at + index, formula, "feature", "0.00")
    # Each weight's features are side by side: the columns of the values of weight j.
    spans: list[tuple[str, str]] = []
    for j in range(keys):
        at = [values_at + i for i, f in enumerate(part.features) if f.weight == j]
        spans.append((get_column_letter(at[0]), get_column_letter(at[-1])))
    v0, v1 = get_column_letter(values_at), get_column_letter(values_at + n - 1)
    weights = f"${v0}${weights_row}:${v1}${weights_row}"
    rank_fmt = rank_format(w.rank)
    coverage_is_live = part.missing == "exclude"
    for row, result in enumerate(part.rows, start=first):
        values = f"{v0}{row}:{v1}{row}"
        cells = [
            PlainCell(
                1,
                Formula(f'IF(ISNUMBER(C{row}),RANK(C{row},$C${first}:$C${last}),"")'),
                "data",
                rank_fmt,
            ),
            PlainCell(2, result.name, "feature"),
            PlainCell(
                3,
                Formula(f'IF(E{row}>0,100*SUMPRODUCT({weights},{values})/E{row},"")'),
                "data",
                "0.0",
            ),
            PlainCell(
                4,
                Formula(f"E{row}/SUM({weights})") if coverage_is_live else result.coverage,
                "data",
                "0%",
            ),
            PlainCell(5, Formula(f"SUMPRODUCT({weights},--ISNUMBER({values}))"), "data", "0.00"),
        ]
        for j, (a, b) in enumerate(spans):
            share = f"{a}${weights_row}:{b}${weights_row},{a}{row}:{b}{row}"
            formula = (
                f'IF(AND($E{row}>0,COUNT({a}{row}:{b}{row})>0),100*SUMPRODUCT({share})/$E{row},"")'
            )
            cells.append(PlainCell(_FIXED + 1 + j, Formula(formula), "data", "0.0"))
        cells += [
            PlainCell(values_at + i, value, "data", "0.00")
            for i, value in enumerate(result.values)
            if value is not None
        ]
        sheet.put_row(row, cells)
    sentences = [*part.sensitivity, *part.coverage]
    sheet.put_row(last + 1, [])  # an empty row, as openpyxl writes the gap
    for offset, sentence in enumerate(sentences, start=last + 2):
        sheet.put_row(offset, [PlainCell(1, sentence, "text")])
    sheet.close()


def findings_sheet(sheet: Sheet, part: Analysis) -> None:
    """The Findings sheet: the heading, then a row per finding with the cells it rests on."""
    sheet.widths([80.0, 60.0])
    sheet.put(1, 1, part.findings_title, "title")
    for row, finding in enumerate(part.findings, start=3):
        sheet.put(row, 1, finding.text, "data wrap")
        sheet.put(row, 2, finding.cells_text, "data wrap", empty=True)
    sheet.close()
