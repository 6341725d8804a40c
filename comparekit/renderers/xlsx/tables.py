"""The Data and Sources sheets: records and sources as Excel tables, typed for computing.

**Data** holds one row per product × feature (``records(table)``). Numbers, booleans and
dates are typed cells. A percent or change is stored as a fraction (80 % is 0.8) with a
percent number format (``#,##0%``, a change also its sign), so formulas on it are right; a
multiplier shows its suffix (``×``, ``배``, ``倍``, from the table's words) in its format; a fraction's part is ``value``, its whole ``whole``; a number
shows as many decimals as the other formats show (those of the feature's ``decimals``, or as
many as the figure was written with: ``#,##0``, ``#,##0.00``, …), dates ``yyyy-mm-dd``; text
and lists are text cells (a list one item per line). After the record's columns come the
typed companions ``number``, ``date`` and ``text`` (the figure in the one column of its kind,
for filtering), ``exact`` (see :func:`~comparekit.layout.stored.exact_text`), and one
column per language of the values' and notes' translations (``value:ko``, ``note:zh``).
**Sources** holds one row per source, dates as dates, web addresses as links. A date a spreadsheet cannot show as written (before 1900-03-01: Excel's calendar has
a 29 February 1900 and LibreOffice's does not) is stored as ISO text.

>>> from comparekit.layout import WORDS
>>> number_format("change", 3.5, WORDS["en"]), number_format("percent", 0.999, WORDS["en"])
('+#,##0%;-#,##0%;#,##0%', '#,##0.0%')
>>> number_format("money", 9.5, WORDS["en"]), number_format("money", 9.5, WORDS["en"], 2)
('#,##0.0', '#,##0.00')
>>> number_format("multiplier", 3, WORDS["ko"]), number_format("count", True, WORDS["en"])
('#,##0"배"', 'General')
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo

from comparekit.layout import ChangeEntry, Record, SourceEntry, Table, Words, records
from comparekit.layout.numbers import places
from comparekit.layout.stored import percent
from comparekit.layout.table import safe_link
from comparekit.model import Source
from comparekit.renderers.widths import display_width, widest_line
from comparekit.renderers.xlsx._openpyxl import name_columns
from comparekit.renderers.xlsx.data_rows import Plain
from comparekit.renderers.xlsx.measure import DATA_MAX_WIDTH, MAX_WIDTH, Measure, height
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet

__all__ = [
    "CHANGE_COLUMNS",
    "DATA_COLUMNS",
    "SOURCE_COLUMNS",
    "TYPED_COLUMNS",
    "changes_sheet",
    "data_sheet",
    "number_format",
    "sources_sheet",
    "start_table",
]

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

TYPED_COLUMNS = ("number", "date", "text", "exact")
"""The Data sheet's columns after :data:`DATA_COLUMNS`: the typed companions of ``value``
and a percent's figures as written; then the translations' columns."""

SOURCE_COLUMNS = ("id", "title", "publisher", "published", "accessed", "language", "url")
"""Column names of the Sources sheet's table, in order."""

CHANGE_COLUMNS = (
    "change",
    "part",
    "id",
    "product_id",
    "feature_id",
    "fields",
    "place",
    "field",
    "old",
    "new",
)
"""Column names of the Changes sheet's table, in order: ``change`` (added, removed,
changed), ``part`` (comparison, source, group, feature, product, value), the ids and the
changed ``fields`` in the spec's names, filterable; then the change as the report shows it."""

_DATE_FORMAT = "yyyy-mm-dd"
_FIRST_DATE = dt.date(1900, 3, 1)
"""The first date Excel and LibreOffice both show as written (see :func:`data_cells`)."""
_MAX_DECIMALS = 30
"""The most decimals a number format can show."""


def number_format(kind: str, figure: object, words: Words, decimals: int | None = None) -> str:
    """The number format of a typed figure of feature type ``kind`` on the Data sheet,
    showing the decimals the layout shows (``decimals``: the feature's fixed ones).

    A percent or change is a fraction shown in percent (``0.0%``); a multiplier shows the
    suffix the report's ``words`` give it.
    """
    if isinstance(figure, dt.date):
        return _DATE_FORMAT
    if isinstance(figure, bool) or not isinstance(figure, int | float):
        return "General"
    if kind in ("percent", "change"):
        figure = percent(figure)
    shown = min(places(figure, decimals), _MAX_DECIMALS)
    base = "#,##0." + "0" * shown if shown else "#,##0"
    if kind == "change":
        return f"+{base}%;-{base}%;{base}%"
    if kind == "percent":
        return base + "%"
    if kind == "multiplier":
        return f'{base}"{words.multiplier_suffix}"'
    return base


_data_row: Callable[[Record], tuple[object, ...]] = operator.attrgetter(
    *DATA_COLUMNS, *TYPED_COLUMNS
)
"""A record as the Data sheet's row: its fields named in :data:`DATA_COLUMNS` and
:data:`TYPED_COLUMNS` (the translations' columns follow)."""


def _source_row(source: SourceEntry | Source) -> tuple[object, ...]:
    """A source as the Sources sheet's row: its fields named in :data:`SOURCE_COLUMNS`."""
    s = source
    return (s.id, s.title, s.publisher, s.published, s.accessed, s.language, s.url)


def _shown_width(value: object) -> int:
    """About how wide a value shows, for sizing its column."""
    if isinstance(value, str):
        return widest_line(value)
    if isinstance(value, dt.date):
        return 12
    return 14 if value is not None else 0


def column_widths(
    columns: tuple[str, ...], rows: Sequence[Sequence[object]], widest: float
) -> list[float]:
    """Each column as wide as its title and values show, up to ``widest``.

    Each distinct value is measured once: ids, names, types and statuses repeat down a column.
    """
    distinct = [set(column) for column in zip(*rows, strict=True)] or [set() for _ in columns]
    return [
        min(widest, max([display_width(title) + 4, *(_shown_width(v) + 2 for v in values)]))
        for title, values in zip(columns, distinct, strict=True)
    ]


def fit_row(
    sheet: Sheet, index: int, values: Sequence[object], widths: Sequence[float], measure: Measure
) -> None:
    """Row ``index`` as tall as its longest text needs, wrapped in its column's width."""
    texts = [(v, w) for v, w in zip(values, widths, strict=True) if isinstance(v, str)]
    lines = max((measure.lines(v, w) for v, w in texts), default=1)
    sheet.ws.row_dimensions[index].height = height(lines)


def data_cells(
    kind: str,
    values: Sequence[object],
    text_style: str,
    words: Words,
    decimals: int | None = None,
    empty: int = 0,
) -> Iterator[PlainCell]:
    """The filled cells of a data row.

    Texts take ``text_style``; figures the ``"data"`` style and the number format of
    feature type ``kind`` (with ``decimals``, the feature's fixed decimals). Empty values
    leave their cells empty, but an empty text in column ``empty`` (counted from 1), which
    is an empty text. A date before 1900-03-01 goes in as ISO text: as a serial
    number, Excel would show it a day off or as "1900-01-00", LibreOffice as another day.
    """
    for column, value in enumerate(values, start=1):
        if value is None or (value == "" and column != empty):
            continue
        if isinstance(value, dt.date) and value < _FIRST_DATE:
            yield PlainCell(column, value.isoformat(), text_style)
        elif isinstance(value, str):
            yield PlainCell(column, value, text_style)
        elif isinstance(value, Plain):
            yield PlainCell(column, value, "data", number_format(kind, value, words, decimals))
        else:
            raise TypeError(f"column {column}: {value!r} cannot go into a cell")


def start_table(
    sheet: Sheet, name: str, columns: Sequence[str], rows: int, widths: list[float]
) -> None:
    """Set up an Excel table called ``name``: column widths, frozen header, the table's
    range over ``rows`` rows under the header (at least one), and the header of ``columns``."""
    sheet.widths(widths)
    sheet.ws.freeze_panes = "A2"
    end = f"{get_column_letter(len(columns))}{max(rows + 1, 2)}"
    table = SheetTable(displayName=name, ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    name_columns(table, columns)  # a write-only sheet cannot name them from its header row
    sheet.ws.tables.add(table)
    for column, title in enumerate(columns, start=1):
        sheet.put(1, column, title, "data header")


_VALUE_COLUMN = DATA_COLUMNS.index("value") + 1


def data_sheet(sheet: Sheet, table: Table) -> None:
    """The Data sheet: every record typed, with a number format per feature type.

    Rows go in through :meth:`Sheet.put_row` (by hand if the sheet can). A known text
    value that is empty is an empty text, so that it reads back as one.
    """
    found = records(table)
    extra = sorted({column for record in found for column, _ in record.translations})
    columns = (*DATA_COLUMNS, *TYPED_COLUMNS, *extra)
    rows = [
        _data_row(record) + tuple(dict(record.translations).get(c) for c in extra)
        for record in found
    ]
    widths = column_widths(columns, rows, DATA_MAX_WIDTH)
    start_table(sheet, "ComparisonData", columns, len(rows), widths)
    words = table.words
    for index, (record, values) in enumerate(zip(found, rows, strict=True), start=2):
        empty = _VALUE_COLUMN if record.status == "known" else 0
        cells = data_cells(record.type, values, "data text", words, record.decimals, empty)
        sheet.put_row(index, cells)
    sheet.close()


_URL_COLUMN = SOURCE_COLUMNS.index("url") + 1


def _change_row(e: ChangeEntry) -> tuple[str, ...]:
    """A change as the Changes sheet's row: its fields named in :data:`CHANGE_COLUMNS`."""
    fields = ", ".join(e.fields)
    return (
        e.kind,
        e.part,
        e.id,
        e.product_id,
        e.feature_id,
        fields,
        e.place,
        e.field,
        e.old,
        e.new,
    )


def changes_sheet(sheet: Sheet, table: Table, measure: Measure) -> None:
    """The Changes sheet: one row per change since the earlier edition (``render --since``),
    its kind and ids as the spec names them, then what the report shows."""
    rows = [_change_row(entry) for entry in table.changes]
    widths = column_widths(CHANGE_COLUMNS, rows, MAX_WIDTH)
    start_table(sheet, "ComparisonChanges", CHANGE_COLUMNS, len(rows), widths)
    for index, values in enumerate(rows, start=2):
        for cell in data_cells("", values, "data wrap", table.words):
            sheet.put(index, cell.column, cell.value, cell.style, cell.number_format)
        fit_row(sheet, index, values, widths, measure)
    sheet.close()


def sources_sheet(sheet: Sheet, table: Table, measure: Measure) -> None:
    """The Sources sheet: one row per source (every source of the comparison, cited or not,
    where the table keeps it), dates typed, long texts wrapped, addresses as links where
    they may be; an empty text stays an empty text."""
    inputs = table.record_inputs
    sources = inputs.comparison.sources if inputs is not None else table.sources
    rows = [_source_row(source) for source in sources]
    widths = column_widths(SOURCE_COLUMNS, rows, MAX_WIDTH)
    start_table(sheet, "ComparisonSources", SOURCE_COLUMNS, len(rows), widths)
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            if value == "":
                sheet.put(index, column, "", "data wrap", empty=True)
        for cell in data_cells("", values, "data wrap", table.words):
            text = cell.value if isinstance(cell.value, str) else None
            link = safe_link(text) if cell.column == _URL_COLUMN else None
            if text is not None and link:
                sheet.link(sheet.put(index, cell.column, text, "data link"), link)
            else:
                sheet.put(index, cell.column, cell.value, cell.style, cell.number_format)
        fit_row(sheet, index, values, widths, measure)
    sheet.close()
