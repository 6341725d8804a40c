"""The workbook's Matrix sheet (``xlsx/matrix.py``): the grid, title block, header rows, notes as
comments, what sits under the matrix, links."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from workbooks import (
    every_type,
    matrix_grid,
    noted_places,
    render,
    reopen,
    sheet_of,
    title_rows,
    value_cells,
)

from comparekit import Comparison, Feature, Product, Value
from comparekit.layout import build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers.xlsx import render_xlsx

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_sample_matrix_equals_grid(sample: Comparison, lang: str) -> None:
    """The sample's Matrix sheet shows exactly table.grid(), in each language."""
    table = build_table(sample, lang)
    ws = sheet_of(reopen(render(table)), "Matrix")
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
    ws = sheet_of(reopen(render(table)), "Matrix")
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


def test_summary_before_matrix_notes_and_sources_after() -> None:
    """The Summary sheet (summary, legend) comes before the Matrix, the Notes sheet (numbered
    notes with places, source citations with links) after it, so that the matrix's repeated
    header rows never print over them."""
    table = build_table(every_type(), "en")
    book = reopen(render(table))
    assert book.sheetnames[:4] == ["Summary", "Matrix", "Notes", "Data"]
    summary = {c.value: c.row for row in book["Summary"].iter_rows() for c in row if c.value}
    assert summary["Summary"] < summary["First paragraph."] < summary["Second paragraph."]
    assert summary["Second paragraph."] < summary["Legend"]
    assert book["Matrix"].print_title_rows
    assert book["Summary"].print_title_rows is None
    assert book["Notes"].print_title_rows is None
    matrix = {c.value for row in book["Matrix"].iter_rows() for c in row if c.value}
    assert not matrix & {"Notes", "Sources", "Summary", "Legend", "First paragraph."}
    ws = book["Notes"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for note in table.notes:
        label = f"{note.marker} {table.words.list_separator.join(note.places)}"
        assert ws.cell(rows[label], 2).value == note.text
    assert rows["Sources"] > rows["Notes"]
    web = table.sources[0]
    listed = f"{web.marker} {web.citation}"
    assert web.marker == "[S1]"
    assert listed in rows
    link = ws.cell(rows[listed] + 1, 1)
    assert link.value == web.url
    assert link.hyperlink.target == web.url


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
    """The file holds exactly one comment per noted place (no comment copied to other cells),
    on the Matrix and the Highlights sheets."""
    table = build_table(sample, "en")
    with zipfile.ZipFile(io.BytesIO(render(table))) as archive:
        xml = "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/comments/")
        )
    assert xml.count("<comment ") == noted_places(table) > 30


def test_freeze_panes_at_first_value_cell(sample: Comparison) -> None:
    """Panes are frozen at the first value cell: heading column and header rows stay in view."""
    ws = reopen(render(build_table(sample, "en")))["Matrix"]
    first, last = title_rows(ws)
    assert ws.freeze_panes == f"B{last + 1}"
    assert ws.cell(first, 1).value == "Feature"


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


def test_note_shared_by_thousands_of_cells_fits() -> None:
    """A note on 3,000 cells renders: its places are counted, not listed past Excel's limit."""
    feature = Feature(id="f", label="A fairly long feature label", type="count")
    products = [
        Product(id=f"p{i}", name=f"Product number {i}", values={"f": Value(i, note="Shared.")})
        for i in range(3000)
    ]
    table = build_table(Comparison(title="T", features=[feature], products=products))
    data = render_xlsx(table, RenderOptions())
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Notes"]
    assert any(
        isinstance(c.value, str) and c.value.endswith("and 2,992 more")
        for row in sheet.iter_rows()
        for c in row
    )
