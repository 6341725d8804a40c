"""Tests of the Excel renderer: reopen the workbook it wrote and check cells, styles and layout."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import comparisons

from comparekit import (
    Comparison,
    Feature,
    Group,
    Product,
    RenderError,
    Source,
    Value,
)
from comparekit.layout import WORDS, Cell, Table, build_table, records
from comparekit.renderers import RenderOptions, renderer, timestamp, xlsx
from comparekit.renderers.xlsx import DATA_COLUMNS, SOURCE_COLUMNS, render_xlsx
from comparekit.renderers.xlsx.checks import fits
from comparekit.renderers.xlsx.data_rows import PlainRows
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet
from comparekit.renderers.xlsx.styles import Styles
from comparekit.renderers.xlsx.tables import number_format
from comparekit.renderers.xlsx.workbook_file import write_zip

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")

HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "＝1+1",
    "#N/A",
    "=cmd|' /C calc'!A0",
)


# ---------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps come from the table, not from the environment the tests run in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def render(table: Table, **options: Any) -> bytes:
    return render_xlsx(table, RenderOptions(**options))


def reopen(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def every_type() -> Comparison:
    """A comparison with every feature type, status, flag, a group and ungrouped rows."""
    features = [
        Feature(id="motto", label="Motto", type="text", group="g"),
        Feature(id="free", label="Free", type="boolean", group="g"),
        Feature(id="users", label="Users", type="count", unit="people", better="higher"),
        Feature(id="rating", label="Rating", type="number", better="higher"),
        Feature(id="share", label="Share", type="percent"),
        Feature(id="growth", label="Growth", type="change"),
        Feature(id="speed", label="Speed", type="multiplier"),
        Feature(id="price", label="Price", type="money", currency="USD", better="lower"),
        Feature(id="launch", label="Launch", type="date", description="First release."),
        Feature(id="hospitals", label="Hospitals", type="fraction"),
        Feature(id="sectors", label="Sectors", type="list"),
    ]
    return Comparison(
        title="Every type",
        subtitle="A hand-built comparison",
        as_of=dt.date(2021, 3, 4),
        prepared_for="Client",
        prepared_by="Analyst",
        summary="First paragraph.\n\nSecond paragraph.",
        sources=[
            Source(
                id="web",
                title="A web page",
                url="https://example.com/page",
                accessed=dt.date(2021, 1, 2),
            ),
            Source(id="book", title="A book", publisher="Press", published=dt.date(1999, 5, 6)),
        ],
        groups=[Group(id="g", label="Group one")],
        features=features,
        products=[
            Product(
                id="a",
                name="Alpha",
                vendor="Alpha Inc.",
                url="https://alpha.example/",
                description="The first product.",
                values={
                    "motto": Value("Be first", source="web"),
                    "free": Value(True, qualifier="partial", note="Only for schools."),
                    "users": Value(200_000_000, qualifier="about", max=300_000_000, source="book"),
                    "rating": Value(4.5),
                    "share": Value(12.5),
                    "growth": Value(-20),
                    "speed": Value(10),
                    "price": Value(9.99),
                    "launch": Value(dt.date(2020, 2, 24), as_of=dt.date(2020, 3, 1)),
                    "hospitals": Value((17, 20)),
                    "sectors": Value(("Schools", "Banks")),
                },
            ),
            Product(
                id="b",
                name="Beta",
                values={
                    "free": False,
                    "users": Value(60_000_000),
                    "rating": Value(3),
                    "share": Value(80),
                    "growth": Value(350),
                    "price": Value(500_000, note="List price."),
                    "launch": Value(status="not_applicable", note="Not launched."),
                },
            ),
            Product(id="c", name="Gamma", vendor="Gamma Ltd"),
        ],
    )


def title_rows(ws: Any) -> tuple[int, int]:
    first, last = ws.print_title_rows.replace("$", "").split(":")
    return int(first), int(last)


def text(value: object) -> object:
    return "" if value is None else value


def matrix_grid(ws: Any, table: Table) -> list[list[object]]:
    """The matrix as shown: the heading row, then the body rows under the frozen panes."""
    first, _ = title_rows(ws)
    body = ws[ws.freeze_panes].row
    width = len(table.columns) + 1

    def row(number: int) -> list[object]:
        return [text(ws.cell(number, column).value) for column in range(1, width + 1)]

    count = len(table.grid()) - 1
    return [row(first), *(row(number) for number in range(body, body + count))]


def value_cells(ws: Any, table: Table) -> Iterator[tuple[Cell, Any]]:
    """Each table cell with the sheet cell that shows it."""
    number = ws[ws.freeze_panes].row
    for section in table.sections:
        number += 1 if section.title else 0
        for row in section.rows:
            for column, cell in enumerate(row.cells, start=2):
                yield cell, ws.cell(number, column)
            number += 1


def noted_places(table: Table) -> int:
    headings = [*table.columns, *(row.heading for row in table.rows)]
    return sum(bool(h.notes) for h in headings) + sum(
        bool(c.notes) for r in table.rows for c in r.cells
    )


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        }


def with_first_display(table: Table, display: str) -> Table:
    """``table`` with its first value cell showing ``display``."""
    section = table.sections[0]
    row = section.rows[0]
    cell = attrs.evolve(row.cells[0], display=display)
    row = attrs.evolve(row, cells=(cell, *row.cells[1:]))
    section = attrs.evolve(section, rows=(row, *section.rows[1:]))
    return attrs.evolve(table, sections=(section, *table.sections[1:]))


def look(cell: Any) -> tuple[object, ...]:
    font = cell.font
    return (font.b, font.i, font.color.rgb if font.color else None, cell.fill.fgColor.rgb)


# ---------------------------------------------------------------- the matrix


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_sample_matrix_equals_grid(sample: Comparison, lang: str) -> None:
    """The sample's Matrix sheet shows exactly table.grid(), in each language."""
    table = build_table(sample, lang)
    ws = reopen(render(table))["Matrix"]
    assert matrix_grid(ws, table) == table.grid()


@pytest.mark.parametrize("transposed", [False, True])
def test_every_type_matrix_equals_grid(transposed: bool) -> None:
    """A comparison with every value type shows table.grid(), also transposed."""
    table = build_table(every_type(), "en", transposed=transposed)
    ws = reopen(render(table))["Matrix"]
    assert matrix_grid(ws, table) == table.grid()


def test_vendor_row_under_product_names() -> None:
    """Vendors (heading.detail) sit on a second header row under the product names."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    first, last = title_rows(ws)
    assert last == first + 1
    assert [ws.cell(last, c).value for c in (2, 3, 4)] == ["Alpha Inc.", None, "Gamma Ltd"]
    assert ws.cell(first, 2).font.b
    assert ws.cell(last, 2).font.i


def test_title_block() -> None:
    """Title, subtitle, as-of and prepared for/by lead the sheet, with translated captions."""
    table = build_table(every_type(), "ko")
    ws = reopen(render(table))["Matrix"]
    assert ws["A1"].value == "Every type"
    assert ws["A1"].font.sz == 16
    assert ws["A1"].font.b
    assert ws["A2"].value == "A hand-built comparison"
    captions = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in (3, 4, 5)}
    words = table.words
    assert captions == {
        words.as_of: table.as_of,
        words.prepared_for: "Client",
        words.prepared_by: "Analyst",
    }


def test_group_rows_bold_and_filled() -> None:
    """A group row holds the group title in bold on a fill across the whole row."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    row = ws[ws.freeze_panes].row
    assert ws.cell(row, 1).value == "Group one"
    assert ws.cell(row, 1).font.b
    fills = {ws.cell(row, c).fill.fgColor.rgb for c in range(1, 5)}
    assert len(fills) == 1
    assert fills != {"00000000"}


def test_styles_per_kind_are_distinct() -> None:
    """Best, not stated, n/a, No and partial each have their own look, as the task asks."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    looks: dict[str, set[tuple[object, ...]]] = {}
    for cell, sheet_cell in value_cells(ws, table):
        kind = "partial" if cell.partial else "best" if cell.best else cell.kind.value
        looks.setdefault(kind, set()).add(look(sheet_cell))
    assert set(looks) == {"known", "best", "partial", "no", "not_stated", "not_applicable"}
    assert all(len(found) == 1 for found in looks.values()), looks
    single = {kind: found.pop() for kind, found in looks.items()}
    assert len(set(single.values())) == len(single)
    assert single["best"][0] is True
    assert single["best"][3] == "00C6EFCE"
    assert single["not_stated"][1] is True
    assert single["not_stated"][2] == "00808080"
    assert single["not_applicable"][1] is not True
    assert single["not_applicable"][3] == "00E7E6E6"
    assert single["no"][2] == "009C0006"
    assert single["partial"][3] == "00FFEB9C"


def test_legend_marks_look_like_cells() -> None:
    """Each legend mark is styled like the cells it explains."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    cells = {}
    for cell, sheet_cell in value_cells(ws, table):
        kind = "partial" if cell.partial else "best" if cell.best else cell.kind.value
        cells[kind] = look(sheet_cell)
    marks = {ws.cell(r, 1).value: ws.cell(r, 1) for r in range(1, ws.max_row + 1)}
    for entry in table.legend:
        assert ws.cell(marks[entry.mark].row, 2).value == entry.meaning
        if entry.kind in cells:
            assert look(marks[entry.mark]) == cells[entry.kind], entry


def test_notes_sources_summary_under_matrix() -> None:
    """Under the matrix: numbered notes with places, source citations with links, summary."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for note in table.notes:
        label = f"{note.marker} {table.words.list_separator.join(note.places)}"
        assert ws.cell(rows[label], 2).value == note.text
    assert rows["Notes"] > rows["Legend"] > ws[ws.freeze_panes].row
    web = table.sources[0]
    listed = f"{web.marker} {web.citation}"
    assert web.marker == "[S1]"
    assert listed in rows
    link = ws.cell(rows[listed] + 1, 1)
    assert link.value == web.url
    assert link.hyperlink.target == web.url
    assert "First paragraph." in rows
    assert "Second paragraph." in rows


def test_comments_hold_note_text() -> None:
    """Every heading or cell with notes carries one comment with the notes' text, by comparekit."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    notes = {note.number: note for note in table.notes}
    comments = [c for row in ws.iter_rows() for c in row if c.comment]
    assert len(comments) == noted_places(table) > 0
    for cell, sheet_cell in value_cells(ws, table):
        expected = "\n".join(f"[{n}] {notes[n].text}" for n in cell.notes)
        assert (sheet_cell.comment.text if sheet_cell.comment else "") == expected
    assert {c.comment.author for c in comments} == {"comparekit"}


def test_comment_count_in_xml(sample: Comparison) -> None:
    """The file holds exactly one comment per noted place (no comment copied to other cells)."""
    table = build_table(sample, "en")
    with zipfile.ZipFile(io.BytesIO(render(table))) as archive:
        xml = archive.read("xl/comments/comment1.xml").decode()
    assert xml.count("<comment ") == noted_places(table) > 30


def test_freeze_panes_at_first_value_cell(sample: Comparison) -> None:
    """Panes are frozen at the first value cell: heading column and header rows stay in view."""
    ws = reopen(render(build_table(sample, "en")))["Matrix"]
    first, last = title_rows(ws)
    assert ws.freeze_panes == f"B{last + 1}"
    assert ws.cell(first, 1).value == "Feature"


def test_widths_fit_and_cap_with_wrap(sample: Comparison) -> None:
    """Columns fit their content up to a cap of 45, and value cells wrap."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Matrix"]
    widths = [ws.column_dimensions[letter].width for letter in "ABCDE"]
    assert all(12 <= width <= 45 for width in widths)
    assert widths[1] == 45  # DingTalk's long list of functions
    assert widths[2] < 45
    assert all(sheet.alignment.wrap_text for _, sheet in value_cells(ws, table))


def test_cjk_column_wider_than_ascii() -> None:
    """A column of Chinese text is wider than one of as many ASCII characters."""
    feature = Feature(id="t", label="T", type="text")
    products = [
        Product(id="zh", name="Z", values={"t": "中文中文中文中文中文中文中文中文中文中文"}),
        Product(id="en", name="E", values={"t": "abcdefghijabcdefghij"}),
    ]
    table = build_table(Comparison(title="W", features=[feature], products=products), "en")
    ws = reopen(render(table))["Matrix"]
    assert ws.column_dimensions["B"].width > ws.column_dimensions["C"].width + 10


def test_tall_rows_for_wrapped_text(sample: Comparison) -> None:
    """A row whose text wraps is made higher than a one-line row."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Matrix"]
    heights = {ws.cell(r, 1).value: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    assert heights["Remote-work functions [28]"] > 2 * heights["Users (people)"] > 0


@pytest.mark.parametrize(
    ("lang", "font"), [("en", "Calibri"), ("ko", "Noto Sans CJK KR"), ("zh", "Noto Sans CJK SC")]
)
def test_fonts_named_on_every_cell(sample: Comparison, lang: str, font: str) -> None:
    """Every written cell on every sheet names the language's font."""
    book = reopen(render(build_table(sample, lang)))
    names = {
        cell.font.name
        for ws in book
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert names == {font}


def test_product_heading_links() -> None:
    """A product with an http(s) URL has its heading linked to it, as a column or as a row."""
    ws = reopen(render(build_table(every_type(), "en")))["Matrix"]
    first, _ = title_rows(ws)
    assert ws.cell(first, 2).hyperlink.target == "https://alpha.example/"
    assert ws.cell(first, 3).hyperlink is None
    ws = reopen(render(build_table(every_type(), "en", transposed=True)))["Matrix"]
    body = ws[ws.freeze_panes].row
    assert ws.cell(body, 1).hyperlink.target == "https://alpha.example/"
    assert ws.cell(body + 1, 1).hyperlink is None


# ---------------------------------------------------------------- print setup and properties


def test_print_setup_defaults(sample: Comparison) -> None:
    """Landscape A4, one page wide, header rows repeated, title and page X of Y in the margins."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Matrix"]
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert title_rows(ws) == (6, 7)
    assert ws.oddHeader.center.text == table.title
    assert ws.oddFooter.right.text == "page &P of &N"
    assert ws.sheet_view.showGridLines is False


def test_print_setup_from_options(sample: Comparison) -> None:
    """Paper size and orientation follow the options, on every sheet; the footer is translated."""
    table = build_table(sample, "zh")
    book = reopen(render(table, page_size="Letter", orientation="portrait"))
    for ws in book:
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("portrait", 1)
        assert ws.oddFooter.right.text == "第 &P 页，共 &N 页"
        assert ws.oddHeader.center.font == "Noto Sans CJK SC,Bold"


def test_page_header_escapes_ampersand() -> None:
    """An & in the title is doubled in the page header, so it is not read as a code."""
    feature = Feature(id="t", label="T", type="text")
    table = build_table(Comparison(title="R&D tools &P", features=[feature]), "en")
    ws = reopen(render(table))["Matrix"]
    assert ws.oddHeader.center.text == "R&&D tools &&P"


def test_page_header_cuts_long_title() -> None:
    """A title too long for a page header is cut to 80 characters there, and kept whole in A1."""
    title = "Long title " * 20
    feature = Feature(id="t", label="T", type="text")
    ws = reopen(render(build_table(Comparison(title=title, features=[feature]), "en")))["Matrix"]
    assert ws.oddHeader.center.text == title[:79] + "…"
    assert ws["A1"].value == title


def test_workbook_properties(sample: Comparison) -> None:
    """Title, subject, creator, language and created/modified come from the table and timestamp."""
    table = build_table(sample, "ko")
    props = reopen(render(table)).properties
    assert (props.title, props.subject) == (table.title, table.subtitle)
    assert (props.creator, props.language) == ("comparekit", "ko")
    assert props.created == props.modified == dt.datetime(2020, 2, 28)


def test_timestamp_option_sets_dates(sample: Comparison) -> None:
    """options.timestamp decides the stamped time, in the properties and the zip entries."""
    table = build_table(sample, "en")
    options = RenderOptions(timestamp=1_600_000_000)
    data = render_xlsx(table, options)
    when = timestamp(table, options).replace(tzinfo=None)
    assert reopen(data).properties.modified == when
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {when.timetuple()[:6]}


def test_zip_entries_dated_and_plain(sample: Comparison) -> None:
    """Zip entries are all dated from the as-of date (clamped to 1980), made on no system."""
    table = build_table(sample, "en")
    with zipfile.ZipFile(io.BytesIO(render(table))) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names))
        assert "[Content_Types].xml" in names
        assert {i.date_time for i in archive.infolist()} == {(2020, 2, 28, 0, 0, 0)}
        assert {i.create_system for i in archive.infolist()} == {0}
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(io.BytesIO(render(table, timestamp=0))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


_RENDER_SCRIPT = """
import sys
import comparekit
from comparekit.layout import build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers.xlsx import render_xlsx
table = build_table(comparekit.load(sys.argv[1]), sys.argv[2])
sys.stdout.buffer.write(render_xlsx(table, RenderOptions()))
"""


def test_same_bytes_across_processes_and_time_zones(sample: Comparison, sample_path: Path) -> None:
    """Two processes in different time zones write the very same bytes as this one."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER_SCRIPT, str(sample_path), "ko"],
            env={**env, "TZ": zone, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for zone, seed in (("UTC", "1"), ("Asia/Seoul", "2"))
    ]
    assert outputs[0] == outputs[1] == render(build_table(sample, "ko"))


def test_registry_finds_renderer() -> None:
    """The format registry resolves "xlsx" to this renderer."""
    assert renderer("xlsx") is render_xlsx


# ---------------------------------------------------------------- the Data sheet


def test_data_table_range_and_columns(sample: Comparison) -> None:
    """Data is an Excel table over every record with unique, valid column names."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Data"]
    sheet_table = ws.tables["ComparisonData"]
    assert sheet_table.ref == f"A1:Q{len(records(table)) + 1}" == "A1:Q109"
    assert sheet_table.autoFilter.ref == sheet_table.ref
    assert sheet_table.tableStyleInfo.name == "TableStyleMedium2"
    names = [column.name for column in sheet_table.tableColumns]
    assert names == list(DATA_COLUMNS) == [c.value for c in ws[1]]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z_]+", name) for name in names)
    assert ws.freeze_panes == "A2"


def as_stored(value: object) -> object:
    """What a Data cell holds for a record field: empty for "", 16 significant digits for a float,
    ISO text for a date before 1900-03-01 (docs/spec-format.md, type ``date``)."""
    if value == "":
        return None
    if isinstance(value, dt.date) and value < dt.date(1900, 3, 1):
        return value.isoformat()
    return float(f"{value:.16g}") if isinstance(value, float) else value


def assert_data_rows(ws: Any, table: Table) -> None:
    """Each Data row holds its record's fields, typed; empty texts are empty cells."""
    for number, record in enumerate(records(table), start=2):
        shown = [ws.cell(number, column).value for column in range(1, len(DATA_COLUMNS) + 1)]
        shown = [v.date() if isinstance(v, dt.datetime) else v for v in shown]
        assert shown == [as_stored(getattr(record, name)) for name in DATA_COLUMNS], record


def test_data_rows_equal_records() -> None:
    """Each Data row holds its record's fields, typed; empty texts are empty cells."""
    table = build_table(every_type(), "en")
    assert_data_rows(reopen(render(table))["Data"], table)


def test_data_number_formats() -> None:
    """Figures are typed cells with a number format per feature type."""
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
        "percent": (12.5, "n", '#,##0.0"%"'),
        "change": (-20, "n", '+#,##0"%";-#,##0"%";#,##0"%"'),
        "multiplier": (10, "n", '#,##0"×"'),
        "money": (500_000, "n", "#,##0"),
        "date": (dt.datetime(2020, 2, 24), "d", "yyyy-mm-dd"),
        "fraction": (17, "n", "#,##0"),
        "list": ("Schools, Banks", "s", "@"),
    }
    rows = {(r.product_id, r.feature_id): n for n, r in enumerate(records(table), start=2)}
    price = ws.cell(rows["a", "price"], value)
    assert (price.value, price.number_format) == (9.99, "#,##0.00")
    users = rows["a", "users"]
    assert ws.cell(users, value + 2).value == 300_000_000
    assert ws.cell(users, value + 2).number_format == "#,##0"
    assert ws.cell(rows["a", "hospitals"], value + 1).value == 20
    assert ws.cell(users, len(DATA_COLUMNS)).number_format == "yyyy-mm-dd"


@pytest.mark.parametrize(("lang", "suffix"), [("en", "×"), ("ko", "배"), ("zh", "倍")])
def test_data_multiplier_suffix_follows_the_language(lang: str, suffix: str) -> None:
    """A multiplier's number format on the Data sheet shows the suffix the matrix shows."""
    table = build_table(every_type(), lang)
    ws = reopen(render(table))["Data"]
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
    assert book["Data"].tables["ComparisonData"].ref == "A1:Q2"
    assert book["Sources"].tables["ComparisonSources"].ref == "A1:G2"
    assert book["Matrix"]["A1"].value == "Nothing yet"


# ---------------------------------------------------------------- the Sources sheet


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
    """A URL that is not http(s) is shown as text but never becomes a link."""
    table = build_table(every_type(), "en")
    evil = "javascript:alert(1)"
    table = attrs.evolve(table, sources=(attrs.evolve(table.sources[0], url=evil),))
    book = reopen(render(table))
    assert book["Sources"]["G2"].value == evil
    assert book["Sources"]["G2"].hyperlink is None
    links = [c for ws in book for row in ws.iter_rows() for c in row if c.hyperlink]
    assert all(c.hyperlink.target.startswith("https://") for c in links)


# ---------------------------------------------------------------- safety


def hostile_comparison() -> Comparison:
    """Formula-like text in every place a spec puts text."""
    return Comparison(
        title=HOSTILE[0],
        subtitle=HOSTILE[1],
        prepared_for=HOSTILE[2],
        prepared_by=HOSTILE[3],
        summary=HOSTILE[4],
        sources=[Source(id="s", title=HOSTILE[5], publisher=HOSTILE[6], language="en")],
        groups=[Group(id="g", label=HOSTILE[7])],
        features=[
            Feature(id="f", label=HOSTILE[8], type="text", group="g", unit=HOSTILE[0]),
            Feature(id="l", label="List", type="list", description=HOSTILE[1]),
        ],
        products=[
            Product(
                id=f"p{index}",
                name=word,
                vendor=word,
                values={"f": Value(word, note=word, source="s"), "l": Value((word, word))},
            )
            for index, word in enumerate(HOSTILE)
        ],
    )


def test_hostile_strings_stay_text() -> None:
    """Formula-like strings are stored and shown as typed, never as formulas."""
    table = build_table(hostile_comparison(), "en")
    data = render(table)
    book = reopen(data)
    strings = {c.value for ws in book for row in ws.iter_rows() for c in row if c.data_type == "s"}
    assert set(HOSTILE) <= strings
    assert not [
        c for ws in book for row in ws.iter_rows() for c in row if c.data_type not in "snbd"
    ]
    assert matrix_grid(book["Matrix"], table) == table.grid()
    for name, xml in sheet_xml(data).items():
        assert not re.search(r"<f[ >]", xml), name
    assert book["Matrix"]["A1"].quotePrefix


def test_carriage_return_prefix_is_not_a_formula(sample: Comparison) -> None:
    """A CR- or tab-prefixed formula (only possible in a hand-built table) is text, not a formula."""
    for display in ("\r=1+1", "\t=1+1"):
        data = render(with_first_display(build_table(sample, "en"), display))
        assert not any(re.search(r"<f[ >]", xml) for xml in sheet_xml(data).values())
        ws = reopen(data)["Matrix"]
        cell = ws[ws.freeze_panes].offset(row=1)
        assert cell.data_type == "s"
        assert cell.value.endswith("=1+1")
        assert cell.value[0] in "\r\n\t"


def test_too_long_text_raises(sample: Comparison) -> None:
    """Text longer than Excel's 32,767 characters raises RenderError naming the limit and cell."""
    table = with_first_display(build_table(sample, "en"), "x" * 32_768)
    with pytest.raises(RenderError, match=r"Matrix!B9: text of 32,768 characters .* 32,767"):
        render(table)
    render(with_first_display(build_table(sample, "en"), "x" * 32_767))


def test_unstorable_character_raises(sample: Comparison) -> None:
    """A character XML cannot hold raises RenderError instead of writing a broken file."""
    table = with_first_display(build_table(sample, "en"), "bad \x01 text")
    with pytest.raises(RenderError, match="U\\+0001"):
        render(table)


# ---------------------------------------------------------------- generated comparisons


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons(), st.sampled_from(["en", "ko", "zh"]), st.booleans())
def test_generated_matrix_equals_grid(comparison: Comparison, lang: str, transposed: bool) -> None:
    """Any valid comparison shows table.grid(), its typed records, a comment per note, no formula."""
    table = build_table(comparison, lang, transposed=transposed)
    data = render(table)
    book = reopen(data)
    assert_data_rows(book["Data"], table)
    ws = book["Matrix"]
    assert matrix_grid(ws, table) == table.grid()
    assert sum(1 for row in ws.iter_rows() for c in row if c.comment) == noted_places(table)
    assert not any(re.search(r"<f[ >]", xml) for xml in sheet_xml(data).values())


# ---------------------------------------------------------------- Data rows written by hand


def _both_ways(monkeypatch: pytest.MonkeyPatch, table: Table) -> tuple[bytes, bytes]:
    """The workbook with the Data sheet's rows written through openpyxl, then by hand."""
    with monkeypatch.context() as patch:
        patch.setattr(xlsx, "_BY_HAND", False)
        through_openpyxl = render(table)
    return through_openpyxl, render(table)


@pytest.mark.parametrize(
    ("make", "lang"),
    [
        (every_type, "en"),
        (every_type, "zh"),
        (hostile_comparison, "en"),
        (lambda: Comparison(title="Nothing yet"), "en"),
    ],
)
def test_data_rows_by_hand_are_openpyxls_bytes(
    monkeypatch: pytest.MonkeyPatch, make: Any, lang: str
) -> None:
    """Writing the Data rows by hand gives the workbook openpyxl gives, byte for byte."""
    through_openpyxl, by_hand = _both_ways(monkeypatch, build_table(make(), lang))
    assert by_hand == through_openpyxl


def test_sample_data_rows_by_hand_are_openpyxls_bytes(
    monkeypatch: pytest.MonkeyPatch, sample: Comparison
) -> None:
    """The same for the sample in every language, and the rows are really written by hand."""
    for lang in ("en", "ko", "zh"):
        table = build_table(sample, lang)
        through_openpyxl, by_hand = _both_ways(monkeypatch, table)
        assert by_hand == through_openpyxl, lang
    added: list[int] = []
    original = PlainRows.add

    def spy(rows: PlainRows, index: int, cells: Any) -> None:
        added.append(index)
        original(rows, index, cells)

    monkeypatch.setattr(PlainRows, "add", spy)
    render(table)  # the last language's
    assert added == list(range(2, len(records(table)) + 2))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons(), st.sampled_from(["en", "ko", "zh"]))
def test_generated_data_rows_by_hand_are_openpyxls_bytes(comparison: Comparison, lang: str) -> None:
    """Any valid comparison: the same bytes either way."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        through_openpyxl, by_hand = _both_ways(monkeypatch, build_table(comparison, lang))
    assert by_hand == through_openpyxl


def _one_row(cells: list[PlainCell], by_hand: bool) -> dict[str, str]:
    """The sheets of a workbook with a header row and ``cells`` in row 2, put with put_row."""
    workbook = openpyxl.Workbook(write_only=True)
    styles = Styles(workbook, "Calibri")
    with contextlib.closing(PlainRows(workbook.epoch)) as rows:
        ws = workbook.create_sheet("Data")
        sheet = Sheet(ws, styles, fit=False, plain=rows if by_hand else None)
        try:
            sheet.put(1, 1, "header", "data header")
            sheet.put_row(2, cells)
            sheet.close()
        except RenderError:
            xlsx._discard(workbook)
            raise
        when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        return sheet_xml(write_zip(workbook, when, {str(ws._writer.out): rows}))


_CELL_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\ufffe\uffff"),
    min_size=1,
).filter(fits)
_FIGURES = st.one_of(
    st.booleans(),
    st.integers(-(10**15) + 1, 10**15 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_CELL_TEXT, _FIGURES), min_size=1, max_size=8))
@example(["  spaced  ", "a & b < c > d \"q\" 'q'", "line\r\nbreak\ttab", "=1+1", "钉钉 飞书"])
@example(["😀", True, False, 10**15 - 1, -0.0, 1e-300, 2.5, dt.date(2020, 2, 29)])
def test_plain_cells_are_openpyxls_xml(values: list[Any]) -> None:
    """Any text (spaces at the ends, ``&<>``, CR, CJK, beyond the BMP, formula-like) and any
    number, boolean or date: the XML openpyxl writes for the cell."""

    def form(value: object) -> str:
        return number_format("money", value, WORDS["en"])

    cells = [
        PlainCell(column, value, "data text")
        if isinstance(value, str)
        else PlainCell(column, value, "data", form(value))
        for column, value in enumerate(values, start=1)
    ]
    assert _one_row(cells, by_hand=True) == _one_row(cells, by_hand=False)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x" * 32_768, r"Data!C2: text of 32,768 characters"),
        ("bad \x01 text", r"Data!C2: .*U\+0001"),
        (float("nan"), r"Data!C2: nan is not a finite number"),
        (float("-inf"), r"Data!C2: -inf is not a finite number"),
    ],
)
def test_plain_cell_that_cannot_be_stored_raises(value: object, message: str) -> None:
    """A value no cell can hold is refused, naming the sheet and cell, as through openpyxl."""
    for by_hand in (True, False):
        with pytest.raises(RenderError, match=message):
            _one_row([PlainCell(3, value, "data text")], by_hand)


def test_rows_by_hand_come_after_openpyxls() -> None:
    """Rows by hand go after the rows openpyxl wrote: a row put through openpyxl after them
    would land in the wrong place, so it is refused."""
    workbook = openpyxl.Workbook(write_only=True)
    with contextlib.closing(PlainRows(workbook.epoch)) as rows:
        sheet = Sheet(workbook.create_sheet("Data"), Styles(workbook, "Calibri"), False, plain=rows)
        sheet.put_row(2, [PlainCell(1, "a", "data text")])
        with pytest.raises(AssertionError, match="row 3 after row 2"):
            sheet.put(3, 1, "b", "data text")
        with pytest.raises(AssertionError, match="row 2 after row 2"):
            sheet.put_row(2, [PlainCell(1, "c", "data text")])


# ---------------------------------------------------------------- LibreOffice


def soffice(tmp_path: Path, target: str, *files: Path) -> Path:
    """Convert ``files`` with LibreOffice headless in a private profile; return the output folder."""
    assert SOFFICE is not None
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    subprocess.run(
        [*command, "--outdir", str(out), *map(str, files)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return out


_ALL_SHEETS_AS_SHOWN = (
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
)


def read_csv(path: Path) -> list[list[str]]:
    assert path.exists(), f"LibreOffice wrote no {path.name}"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@needs_soffice
def test_libreoffice_reads_sample_as_csv(sample: Comparison, tmp_path: Path) -> None:
    """LibreOffice opens the sample in en, ko and zh; its CSV shows the grid and formatted data."""
    tables = {lang: build_table(sample, lang) for lang in ("en", "ko", "zh")}
    files = []
    for lang, table in tables.items():
        files.append(tmp_path / f"sample-{lang}.xlsx")
        files[-1].write_bytes(render(table))
    out = soffice(tmp_path, _ALL_SHEETS_AS_SHOWN, *files)
    for lang, table in tables.items():
        rows = read_csv(out / f"sample-{lang}-Matrix.csv")
        grid = table.grid()
        start = rows.index(grid[0])
        assert [rows[start], *rows[start + 2 : start + len(grid) + 1]] == grid
    data = {(r[0], r[2]): r for r in read_csv(out / "sample-en-Data.csv")[1:]}
    value = DATA_COLUMNS.index("value")
    assert data["dingtalk", "users"][value] == "200,000,000"
    assert data["wechat_work", "top500_share"][value] == "80%"
    assert data["dingtalk", "downloads_growth"][value] == "+350%"
    assert data["wechat_work", "server_demand_growth"][value] == "10×"
    assert data["feishu", "separate_meeting_app"][value] == "TRUE"
    assert data["welink", "top_hospitals"][value : value + 2] == ["17", "20"]
    assert data["dingtalk", "users"][-1] == "2020-02-28"
    sources = read_csv(out / "sample-ko-Sources.csv")
    assert sources[1][:5] == [
        "digital-china-2020",
        sample.sources[0].title,
        "디지털 중국 (blog)",
        "2020-02-28",
        "2026-11-21",
    ]


@needs_soffice
def test_libreoffice_keeps_hostile_text_and_empty_tables(tmp_path: Path) -> None:
    """LibreOffice shows formula-like strings literally and opens a workbook with empty tables."""
    hostile = tmp_path / "hostile.xlsx"
    hostile.write_bytes(render(build_table(hostile_comparison(), "en")))
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(render(build_table(Comparison(title="Nothing yet"), "en")))
    out = soffice(tmp_path, _ALL_SHEETS_AS_SHOWN, hostile, empty)
    cells = {cell for row in read_csv(out / "hostile-Matrix.csv") for cell in row}
    assert set(HOSTILE) <= cells
    assert read_csv(out / "empty-Data.csv")[0] == list(DATA_COLUMNS)
    assert read_csv(out / "empty-Matrix.csv")[0][0] == "Nothing yet"


@needs_soffice
def test_libreoffice_prints_sample_to_pdf(sample: Comparison, tmp_path: Path) -> None:
    """LibreOffice prints the en and ko workbooks to valid PDFs with the text and a CJK font."""
    files = []
    for lang in ("en", "ko"):
        files.append(tmp_path / f"sample-{lang}.xlsx")
        files[-1].write_bytes(render(build_table(sample, lang)))
    out = soffice(tmp_path, "pdf", *files)
    for lang in ("en", "ko"):
        pdf = out / f"sample-{lang}.pdf"
        assert pdf.exists()
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("qpdf"):
            subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=True)
        if shutil.which("pdftotext"):
            shown = subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
            ).stdout
            table = build_table(sample, lang)
            assert table.title in shown
            assert table.words.not_stated in shown
    if shutil.which("pdffonts"):
        fonts = subprocess.run(
            ["pdffonts", str(out / "sample-ko.pdf")], capture_output=True, check=True, text=True
        ).stdout
        assert "NotoSansCJK" in fonts.replace(" ", "")


def test_note_shared_by_thousands_of_cells_fits() -> None:
    """A note on 3,000 cells renders: its places are counted, not listed past Excel's limit."""
    feature = Feature(id="f", label="A fairly long feature label", type="count")
    products = [
        Product(id=f"p{i}", name=f"Product number {i}", values={"f": Value(i, note="Shared.")})
        for i in range(3000)
    ]
    table = build_table(Comparison(title="T", features=[feature], products=products))
    data = render_xlsx(table, RenderOptions())
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Matrix"]
    assert any(
        isinstance(c.value, str) and c.value.endswith("and 2,992 more")
        for row in sheet.iter_rows()
        for c in row
    )
