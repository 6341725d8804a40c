"""The sheet writer (``xlsx/sheet.py``): print setup and page margins, and rows in order."""

from __future__ import annotations

import contextlib

import openpyxl
import pytest
from workbooks import render, reopen, title_rows

from comparekit import Comparison, Feature
from comparekit.layout import build_table
from comparekit.layout.words import sheet_key
from comparekit.renderers.xlsx.data_rows import PlainRows
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet
from comparekit.renderers.xlsx.styles import Styles

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


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
    """Paper size and orientation follow the options, on every sheet but Data (landscape, one
    page wide: its many columns); the footer is translated."""
    table = build_table(sample, "zh")
    book = reopen(render(table, page_size="Letter", orientation="portrait"))
    for ws in book:
        orientation = "landscape" if sheet_key(ws.title) == "Data" else "portrait"
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == (orientation, 1)
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
