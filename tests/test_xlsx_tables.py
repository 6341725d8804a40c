"""The Data and Sources sheets (``xlsx/tables.py``): Excel tables of typed records and sources."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from workbooks import assert_data_rows, every_type, render, reopen, sheet_of

from comparekit import Comparison
from comparekit.layout import build_table, records
from comparekit.renderers.xlsx import DATA_COLUMNS, SOURCE_COLUMNS
from comparekit.renderers.xlsx.tables import TYPED_COLUMNS

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


def test_data_table_range_and_columns(sample: Comparison) -> None:
    """Data is an Excel table over every record with unique, valid column names: the record
    fields, the typed columns, then one column per translated value, note or condition and
    language (the sample's conditions are translated)."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Data"]
    sheet_table = ws.tables["ComparisonData"]
    assert sheet_table.ref == f"A1:AD{len(records(table)) + 1}" == "A1:AD109"
    assert sheet_table.autoFilter.ref == sheet_table.ref
    assert sheet_table.tableStyleInfo.name == "TableStyleMedium2"
    names = [column.name for column in sheet_table.tableColumns]
    assert names == [c.value for c in ws[1]]
    assert names[: len(DATA_COLUMNS) + len(TYPED_COLUMNS)] == [*DATA_COLUMNS, *TYPED_COLUMNS]
    translated = [
        f"{key}:{lang}" for key in ("condition", "note", "value") for lang in ("en", "ko", "zh")
    ]
    assert names[len(DATA_COLUMNS) + len(TYPED_COLUMNS) :] == translated
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z_]+(:[a-z]+)?", name) for name in names)
    assert ws.freeze_panes == "A2"


def test_data_rows_equal_records() -> None:
    """Each Data row holds its record's fields, typed; empty texts are empty cells."""
    table = build_table(every_type(), "en")
    assert_data_rows(reopen(render(table))["Data"], table)


def test_data_number_formats() -> None:
    """Figures are typed cells with a number format per feature type: a percent or change a
    fraction with a percent format (formulas on it are right), a list one item per line."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Data"]
    value = DATA_COLUMNS.index("value") + 1
    found = {}
    for number, record in enumerate(records(table), start=2):
        if record.product_id == "a" or (record.product_id == "b" and record.type == "money"):
            cell = ws.cell(number, value)
            found[record.type] = (cell.value, cell.data_type, cell.number_format)
    assert found == {
        "text": ("Be first", "s", "@"),
        "boolean": (True, "b", "General"),
        "count": (200_000_000, "n", "#,##0"),
        "number": (4.5, "n", "#,##0.0"),
        "percent": (0.125, "n", "#,##0.0%"),
        "change": (-0.2, "n", "+#,##0%;-#,##0%;#,##0%"),
        "multiplier": (10, "n", '#,##0"×"'),
        "money": (500_000, "n", "#,##0.00"),  # its row's decimals: a money row reads alike
        "date": (dt.datetime(2020, 2, 24), "d", "yyyy-mm-dd"),
        "fraction": (17, "n", "#,##0"),
        "list": ("Schools\nBanks", "s", "@"),
    }
    rows = {(r.product_id, r.feature_id): n for n, r in enumerate(records(table), start=2)}
    price = ws.cell(rows["a", "price"], value)
    assert (price.value, price.number_format) == (9.99, "#,##0.00")
    users = rows["a", "users"]
    assert ws.cell(users, value + 2).value == 300_000_000
    assert ws.cell(users, value + 2).number_format == "#,##0"
    assert ws.cell(rows["a", "hospitals"], value + 1).value == 20
    assert ws.cell(users, len(DATA_COLUMNS)).value is None  # as_of: the value's own only
    launch = ws.cell(rows["a", "launch"], len(DATA_COLUMNS))
    assert (launch.value, launch.number_format) == (dt.datetime(2020, 3, 1), "yyyy-mm-dd")


@pytest.mark.parametrize(("lang", "suffix"), [("en", "×"), ("ko", "배"), ("zh", "倍")])
def test_data_multiplier_suffix_follows_the_language(lang: str, suffix: str) -> None:
    """A multiplier's number format on the Data sheet shows the suffix the matrix shows."""
    table = build_table(every_type(), lang)
    ws = sheet_of(reopen(render(table)), "Data")
    value = DATA_COLUMNS.index("value") + 1
    rows = {(r.product_id, r.feature_id): n for n, r in enumerate(records(table), start=2)}
    assert ws.cell(rows["a", "speed"], value).number_format == f'#,##0"{suffix}"'
    assert table.rows[6].heading.id == "speed"
    assert table.rows[6].cells[0].text.endswith(suffix)


def test_empty_comparison_has_valid_tables() -> None:
    """With no records and no sources, each table still spans a header and one empty row."""
    table = build_table(Comparison(title="Nothing yet"), "en")
    assert records(table) == ()
    assert table.sources == ()
    book = reopen(render(table))
    assert book["Data"].tables["ComparisonData"].ref == "A1:U2"  # no translations
    assert book["Sources"].tables["ComparisonSources"].ref == "A1:G2"
    assert book["Matrix"]["A1"].value == "Nothing yet"


def test_sources_sheet() -> None:
    """Sources: one row per source, dates as date cells, http(s) URLs as links."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Sources"]
    assert [c.value for c in ws[1]] == list(SOURCE_COLUMNS)
    assert ws.tables["ComparisonSources"].ref == "A1:G3"
    rows = {ws.cell(r, 1).value: r for r in (2, 3)}
    web, book = rows["web"], rows["book"]
    assert ws.cell(web, 5).value == dt.datetime(2021, 1, 2)
    assert ws.cell(web, 5).number_format == "yyyy-mm-dd"
    assert ws.cell(book, 4).value == dt.datetime(1999, 5, 6)
    assert ws.cell(web, 7).hyperlink.target == "https://example.com/page"
    assert ws.cell(book, 7).value is None
    assert ws.cell(book, 7).hyperlink is None


def test_non_http_url_is_not_linked() -> None:
    """A URL that is not http(s) is shown as text but never becomes a link (the model refuses
    one, so the source is changed after the check: the sheet does not rely on the model)."""
    evil = "javascript:alert(1)"
    table = build_table(every_type(), "en")
    assert table.record_inputs is not None
    source = table.record_inputs.comparison.sources[0]
    object.__setattr__(source, "url", evil)  # frozen: past the model's own check
    book = reopen(render(table))
    assert book["Sources"]["G2"].value == evil
    assert book["Sources"]["G2"].hyperlink is None
    links = [c for ws in book for row in ws.iter_rows() for c in row if c.hyperlink]
    assert all(c.hyperlink.target.startswith("https://") for c in links)
