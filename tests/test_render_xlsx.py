"""Tests of the Excel renderer as a whole: the registry, generated comparisons, and LibreOffice
opening and printing the workbooks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from office import _ALL_SHEETS_AS_SHOWN, needs_soffice, read_csv, soffice
from strategies import comparisons
from workbooks import (
    HOSTILE,
    assert_data_rows,
    hostile_comparison,
    matrix_grid,
    noted_places,
    render,
    reopen,
    sheet_of,
    sheet_xml,
)

from comparekit import Comparison
from comparekit.layout import build_table
from comparekit.renderers import renderer
from comparekit.renderers.xlsx import DATA_COLUMNS, render_xlsx
from comparekit.renderers.xlsx.tables import TYPED_COLUMNS

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


def test_registry_finds_renderer() -> None:
    """The format registry resolves "xlsx" to this renderer."""
    assert renderer("xlsx") is render_xlsx


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons(), st.sampled_from(["en", "ko", "zh"]), st.booleans())
def test_generated_matrix_equals_grid(comparison: Comparison, lang: str, transposed: bool) -> None:
    """Any valid comparison shows table.grid(), its typed records, a comment per note, no formula."""
    table = build_table(comparison, lang, transposed=transposed)
    data = render(table)
    book = reopen(data)
    assert_data_rows(sheet_of(book, "Data"), table)
    ws = sheet_of(book, "Matrix")
    assert matrix_grid(ws, table) == table.grid()
    assert sum(1 for row in ws.iter_rows() for c in row if c.comment) == noted_places(
        table, "matrix"
    )
    if table.highlights:
        facts = sheet_of(book, "Highlights")
        found = sum(1 for row in facts.iter_rows() for c in row if c.comment)
        assert found == noted_places(table, "highlights")
    assert not any(re.search(r"<f[ >]", xml) for xml in sheet_xml(data).values())


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
        rows = read_csv(out / f"sample-{lang}-{table.words.sheet_names['Matrix']}.csv")
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
    as_of = DATA_COLUMNS.index("as_of")  # the value's own: the comparison's is not repeated
    assert data["dingtalk", "users"][as_of] == ""
    assert data["wechat_work", "users"][as_of] == "2019-12-31"
    sources = read_csv(out / f"sample-ko-{tables['ko'].words.sheet_names['Sources']}.csv")
    assert sources[1][:5] == [
        "digital-china-2020",
        sample.sources[0].title,
        "디지털 중국",
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
    assert read_csv(out / "empty-Data.csv")[0] == [*DATA_COLUMNS, *TYPED_COLUMNS]
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
