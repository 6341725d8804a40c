"""The Charts sheet: each of the table's charts as a native Excel bar chart over cells.

A chart's numbers are written as a small block of typed cells on the sheet (the chart's
data, headed by its title), and the chart reads them: one row per bar, one column per
series (titled as the chart's legend), the category in the first column (``product``) and
the value as the report shows it in the last (``display``, as on the Data sheet). A feature's chart stacks its series as the PDF does: figures as stated, each
qualifier's figures, and a value's ``max`` as an unfilled dotted part above its figure (the
cell holds the difference). The totals are horizontal bars stacked by each weight's
contribution, best rank on top. An empty cell is a gap, never a zero. A percent or change
is stored as a fraction in a percent format, as on the Data sheet. Made from the other
sheets, like Matrix, and not read back.
"""

from __future__ import annotations

from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties

from comparekit.layout.charts import Chart, Series, series
from comparekit.layout.stored import fraction
from comparekit.layout.table import Table
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet
from comparekit.renderers.xlsx.tables import number_format

__all__ = ["CHARTS_SHEET", "DATA_FIRST_ROW", "charts_sheet"]

CHARTS_SHEET = "Charts"
DATA_FIRST_ROW = 3
"""The heading of the first chart's data block (its title; the column titles follow)."""
_ROWS_PER_CHART = 20
"""Rows from one chart's block to the next: room for the chart beside it (7.5 cm tall)."""
_CHART_COLUMN = "H"
_NAVY = "17324D"
_QUALIFIED = ("8FB0CF", "D9A66F", "9FC39A", "C49BBF", "DDD08A", "A9B4BF", "D99A9A")
_STACKS = ("17324D", "5B8DB8", "D98C3F", "7AA974", "A36A9C", "C9B458", "6F7F8F", "B85B5B")


def charts_sheet(sheet: Sheet, table: Table) -> None:
    """Each chart's data block under its title, and the chart beside it. The blocks go
    through :meth:`~.sheet.Sheet.put_row`: by hand when the sheet has plain rows (the
    totals of 200 products by 34 weights are 7,000 cells)."""
    words = table.words
    sheet.widths([28, 14, 14, 14, 14, 30])
    sheet.put(1, 1, words.charts, "title")
    row = DATA_FIRST_ROW
    done = 1  # the last row written
    for chart in table.charts:
        drawn = series(chart)
        shown = len(drawn) + 2  # the value as shown, after the series
        for gap in range(done + 1, row):  # empty rows, as openpyxl writes a gap
            sheet.put_row(gap, [])
        sheet.put_row(row, [PlainCell(1, chart.title or None, "heading")])
        sheet.put_row(
            row + 1,
            [
                PlainCell(1, "product", "data header"),  # named as on the Data sheet
                *(
                    PlainCell(column, one.title or None, "data header")
                    for column, one in enumerate(drawn, start=2)
                ),
                PlainCell(shown, "display", "data header"),
            ],
        )
        percent = chart.kind in ("percent", "change")
        for index, bar in enumerate(chart.bars):
            cells = [PlainCell(1, bar.caption or None, "data")]
            for column, one in enumerate(drawn, start=2):
                figure = one.values[index]
                if figure is not None:
                    stored = fraction(figure) if percent else figure
                    style = number_format(chart.kind, stored, words, chart.decimals)
                    cells.append(PlainCell(column, stored, "data", style))
            cells.append(PlainCell(shown, bar.text or None, "data"))
            sheet.put_row(row + 2 + index, cells)
        done = row + 1 + len(chart.bars)
        sheet.ws.add_chart(_bar_chart(sheet, chart, row, drawn), f"{_CHART_COLUMN}{row}")
        row += max(_ROWS_PER_CHART, len(chart.bars) + 4)
    sheet.close()


def _bar_chart(sheet: Sheet, chart: Chart, row: int, drawn_as: tuple[Series, ...]) -> Any:
    """A stacked bar chart over the data block whose title is on ``row``."""
    drawn = BarChart()
    drawn.type = "bar" if chart.stacks else "col"
    drawn.grouping = "stacked"
    drawn.overlap = 100
    drawn.gapWidth = 60
    drawn.title = chart.title
    drawn.width, drawn.height = 18, 7.5
    drawn.y_axis.title = chart.axis or None
    drawn.x_axis.delete = drawn.y_axis.delete = False  # openpyxl hides axes otherwise
    drawn.y_axis.majorGridlines = None if chart.stacks else drawn.y_axis.majorGridlines
    last = row + 1 + len(chart.bars)
    columns = len(drawn_as)
    data = Reference(sheet.ws, min_col=2, max_col=1 + columns, min_row=row + 1, max_row=last)
    drawn.add_data(data, titles_from_data=True)
    drawn.set_categories(Reference(sheet.ws, min_col=1, min_row=row + 2, max_row=last))
    if chart.stacks:
        drawn.x_axis.scaling.orientation = "maxMin"  # the best rank on top
    marks = 0
    for index, (found, one) in enumerate(zip(drawn.series, drawn_as, strict=True)):
        if one.kind == "stack":
            found.graphicalProperties = _look(_STACKS[index % len(_STACKS)], dashed=False)
        elif one.kind == "mark":
            found.graphicalProperties = _look(_QUALIFIED[marks % len(_QUALIFIED)], dashed=True)
            marks += 1
        else:  # the figures as stated; the parts up to a max: no fill, a dotted outline
            found.graphicalProperties = _look(_NAVY if one.kind == "plain" else "", dashed=False)
    if len(drawn.series) < 2:
        drawn.legend = None
    else:
        drawn.legend.position = "b"
    return drawn


def _look(colour: str, dashed: bool) -> GraphicalProperties:
    """A series' fill and outline: ``colour`` filled, or no fill and a dotted navy outline."""
    if not colour:
        return GraphicalProperties(
            noFill=True, ln=LineProperties(solidFill=_NAVY, prstDash="sysDot", w=12700)
        )
    line = LineProperties(solidFill=_NAVY, prstDash="dash", w=9525) if dashed else None
    return GraphicalProperties(solidFill=colour, ln=line)
