"""The Data and Sources sheets: records and sources as Excel tables, typed for computing.

**Data** holds one row per product × feature (``table.records``). Numbers, booleans and
dates are typed cells. A percent or change is stored as the spec gives it (80 means 80 %)
and its number format adds a literal ``%`` (``#,##0"%"``, a change also its sign), so the
stored figure is the spec's; a multiplier shows ``×`` the same way; a fraction's part is
``value``, its whole ``whole``; whole numbers show ``#,##0``, others ``#,##0.0##`` (money
``#,##0.00``), dates ``yyyy-mm-dd``; text and lists are text cells. **Sources** holds one
row per source, dates as dates, web addresses as links.

>>> number_format("change", 350)
'+#,##0"%";-#,##0"%";#,##0"%"'
>>> number_format("money", 9.5), number_format("count", True)
('#,##0.00', 'General')
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo

from comparekit.layout.table import Record, Table
from comparekit.renderers.widths import display_width, widest_line
from comparekit.renderers.xlsx.data_rows import Plain
from comparekit.renderers.xlsx.measure import DATA_MAX_WIDTH, MAX_WIDTH, Measure, height
from comparekit.renderers.xlsx.sheet import Sheet
from comparekit.rules import url_problem

__all__ = ["DATA_COLUMNS", "SOURCE_COLUMNS", "data_sheet", "number_format", "sources_sheet"]

DATA_COLUMNS = (
    "product_id",
    "product",
    "feature_id",
    "feature",
    "group",
    "type",
    "unit",
    "status",
    "qualifier",
    "value",
    "whole",
    "max",
    "currency",
    "display",
    "note",
    "sources",
    "as_of",
)
"""Column names of the Data sheet's table, in order: the :class:`Record` fields."""

SOURCE_COLUMNS = ("id", "title", "publisher", "published", "accessed", "language", "url")
"""Column names of the Sources sheet's table, in order."""

_DATE_FORMAT = "yyyy-mm-dd"


def number_format(kind: str, figure: object) -> str:
    """The number format of a typed figure of feature type ``kind`` on the Data sheet."""
    if isinstance(figure, dt.date):
        return _DATE_FORMAT
    if isinstance(figure, bool) or not isinstance(figure, int | float):
        return "General"
    if kind == "money" and isinstance(figure, float):
        base = "#,##0.00"
    else:
        base = "#,##0" if isinstance(figure, int) else "#,##0.0##"
    if kind == "change":
        return f'+{base}"%";-{base}"%";{base}"%"'
    suffix = {"percent": '"%"', "multiplier": '"×"'}.get(kind, "")
    return base + suffix


_data_row: Callable[[Record], tuple[object, ...]] = operator.attrgetter(*DATA_COLUMNS)
"""A record as the Data sheet's row: its fields named in :data:`DATA_COLUMNS`."""


def _shown_width(value: object) -> int:
    """About how wide a value shows, for sizing its column."""
    if isinstance(value, str):
        return widest_line(value)
    if isinstance(value, dt.date):
        return 12
    return 14 if value is not None else 0


def _data_cells(
    kind: str, values: Sequence[object], text_style: str
) -> Iterator[tuple[int, Plain, str, str | None]]:
    """The filled cells of a data row: column, value, style and number format.

    Texts take ``text_style``; figures the ``"data"`` style and the number format of
    feature type ``kind``. Empty values leave their cells empty.
    """
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            yield column, value, text_style, None
        elif isinstance(value, Plain):
            yield column, value, "data", number_format(kind, value)
        else:
            raise TypeError(f"column {column}: {value!r} cannot go into a cell")


def _data_table(
    sheet: Sheet,
    name: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, Sequence[object]]],
    wrap: Measure | None = None,
    links: int | None = None,
) -> None:
    """Write ``rows`` under a header of ``columns`` as an Excel table called ``name``.

    Each row comes with the feature type its figures are formatted for. Empty values
    leave the cell empty. With ``wrap``, long texts wrap and rows are made high enough.
    Column ``links`` (counted from 1) holds web addresses: the http(s) ones become links.
    Without links, rows go in through :meth:`Sheet.put_row` (by hand if the sheet can).
    """
    high = MAX_WIDTH if wrap else DATA_MAX_WIDTH
    # Measure each distinct value once: ids, names, types and statuses repeat down a column.
    widths = [
        min(
            high,
            max(
                [display_width(title) + 4, *(_shown_width(v) + 2 for v in {r[i] for _, r in rows})]
            ),
        )
        for i, title in enumerate(columns)
    ]
    sheet.widths(widths)
    sheet.ws.freeze_panes = "A2"
    end = f"{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    table = SheetTable(displayName=name, ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    table._initialise_columns()  # a write-only sheet cannot name them from its header row
    for table_column, title in zip(table.tableColumns, columns, strict=True):
        table_column.name = title
    sheet.ws.tables.add(table)
    for column, title in enumerate(columns, start=1):
        sheet.put(1, column, title, "data header")
    text_style = "data wrap" if wrap else "data text"
    for index, (kind, values) in enumerate(rows, start=2):
        cells = _data_cells(kind, values, text_style)
        if links is None:
            sheet.put_row(index, cells)
        else:
            for column, value, style, figure_format in cells:
                if column == links and isinstance(value, str) and url_problem(value) is None:
                    sheet.link(sheet.put(index, column, value, "data link"), value)
                else:
                    sheet.put(index, column, value, style, figure_format)
        if wrap is not None:
            texts = [(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str)]
            lines = max((wrap.lines(v, w) for v, w in texts), default=1)
            sheet.ws.row_dimensions[index].height = height(lines)
    sheet.close()


def data_sheet(sheet: Sheet, table: Table) -> None:
    """The Data sheet: every record typed, with a number format per feature type."""
    rows = [(record.type, _data_row(record)) for record in table.records]
    _data_table(sheet, "ComparisonData", DATA_COLUMNS, rows)


def sources_sheet(sheet: Sheet, table: Table, measure: Measure) -> None:
    """The Sources sheet: one row per source, dates typed, addresses as links."""
    rows = [
        ("", (s.id, s.title, s.publisher, s.published, s.accessed, s.language, s.url or ""))
        for s in table.sources
    ]
    _data_table(
        sheet, "ComparisonSources", SOURCE_COLUMNS, rows, wrap=measure, links=len(SOURCE_COLUMNS)
    )
