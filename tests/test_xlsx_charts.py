"""The workbook's Charts sheet: native bar charts reading the cells they stand beside
(comparekit/renderers/xlsx/charts.py)."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from comparekit import Comparison, Feature, Product, Value, load, render
from comparekit.renderers.xlsx import CHARTS_SHEET

GROWTH = Feature(id="g", label="Growth", type="change", better="higher", chart=True)
CAPACITY = Feature(id="cap", label="Capacity", type="count", better="higher", chart=True)


def comparison(**extra: Any) -> Comparison:
    """Two charts: a range and a qualified figure; a change with a gap."""
    return Comparison(
        title="T",
        features=[CAPACITY, GROWTH],
        products=[
            Product(id="a", name="A", values={"cap": Value(102, max=302), "g": 350}),
            Product(id="b", name="B", values={"cap": Value(300, qualifier="up_to")}),
            Product(id="c", name="C", values={"cap": 100, "g": 70}),
        ],
        **extra,
    )


def book(c: Comparison, lang: str = "en") -> Any:
    """The rendered workbook, opened by openpyxl (charts read back)."""
    return openpyxl.load_workbook(io.BytesIO(render(c, "xlsx", lang=lang)))


def cells(sheet: Any, ref: str) -> list[Any]:
    """The values of the cells a chart's reference names (``'Charts'!$B$5:$B$7``)."""
    name, _, area = ref.rpartition("!")
    assert name.strip("'") == sheet.title
    low_col, low_row, high_col, high_row = range_boundaries(area.replace("$", ""))
    return [
        sheet.cell(row, column).value
        for column in range(low_col, high_col + 1)
        for row in range(low_row, high_row + 1)
    ]


def category(chart: Any) -> str:
    """The reference of a chart's categories (openpyxl writes it as a number reference)."""
    found = chart.series[0].cat
    return str(found.strRef.f if found.strRef is not None else found.numRef.f)


def test_charts_sheet_follows_matrix_only_when_a_report_has_charts() -> None:
    """The sheet is there with charts, absent without; the Features sheet says which chart."""
    with_charts = book(comparison())
    names = with_charts.sheetnames
    assert names[names.index("Matrix") + 1] == CHARTS_SHEET
    plain = Comparison(title="T", features=[Feature(id="n", label="N", type="count")])
    assert CHARTS_SHEET not in book(plain).sheetnames
    features = with_charts["Features"]
    header = [cell.value for cell in features[1]]
    assert [
        row[header.index("chart")] for row in features.iter_rows(min_row=2, values_only=True)
    ] == [True, True]


def test_chart_references_point_at_the_figures() -> None:
    """Each series reads its column of the data block; the categories read the names."""
    sheet = book(comparison())[CHARTS_SHEET]
    capacity, growth = sheet._charts
    refs = [s.val.numRef.f for s in capacity.series]
    assert [cells(sheet, ref) for ref in refs] == [
        [102, None, 100],  # as stated
        [None, 300, None],  # up to
        [200, None, None],  # from 102 up to its max, 302
    ]
    titles = [s.tx.strRef.f for s in capacity.series]
    assert [cells(sheet, ref) for ref in titles] == [
        ["as stated"],
        ["up to"],
        ["dotted: up to the stated maximum"],
    ]
    assert cells(sheet, category(capacity)) == ["A", "B", "C"]
    (series,) = growth.series
    assert cells(sheet, series.val.numRef.f) == [3.5, None, 0.7]  # fractions, as on Data
    row = int(re.findall(r"\$(\d+)", series.val.numRef.f)[0])
    assert sheet.cell(row, 2).number_format == "+#,##0%;-#,##0%;#,##0%"
    assert cells(sheet, category(growth)) == ["A", "B · not stated", "C"]
    assert capacity.grouping == "stacked"
    assert capacity.type == "col"


def test_totals_chart_reads_contributions_best_rank_on_top() -> None:
    """With [scoring]: a horizontal stacked chart over each weight's contribution."""
    c = comparison(scoring={"weights": {"cap": 2, "g": 1}})
    sheet = book(c)[CHARTS_SHEET]
    totals = sheet._charts[0]
    assert totals.type == "bar"
    assert totals.grouping == "stacked"
    assert totals.x_axis.scaling.orientation == "maxMin"
    names = cells(sheet, category(totals))
    assert names[0].startswith("1. ")
    stacks = [cells(sheet, s.val.numRef.f) for s in totals.series]
    assert len(stacks) == 2
    for index, name in enumerate(names):
        shown = float(name.rpartition(" · ")[2])
        assert sum(stack[index] or 0 for stack in stacks) == pytest.approx(shown, abs=0.006)


def test_a_workbook_with_charts_reads_back_equal() -> None:
    """The Charts sheet is not read back; the chart flag is (Features sheet)."""
    c = comparison()
    assert load_bytes(render(c, "xlsx")) == c


def load_bytes(data: bytes) -> Comparison:
    """A comparison read from workbook bytes through a file."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        path.write_bytes(data)
        return load(path)
