"""Properties of every valid comparison: it renders in every format, and every format shows
the very same matrix, the layout's display strings, cell for cell and in order.

Comparisons come from :func:`strategies.comparisons` (all three languages, CJK, emoji and
hostile text). The txt, md and xlsx checks parse the output back into cells; the PDF check
reads ``pdftotext`` and compares the characters it reliably extracts (see :func:`visible`).
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from grids import shown_grid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import comparisons
from test_hostile import md_table, md_tokens, md_unescape
from workbooks import matrix_grid, sheet_of

import comparekit
from comparekit import Comparison, Table, build_table
from comparekit.renderers.text import display_width

LANGS = ("en", "ko", "zh")
FORMATS = ("txt", "md", "xlsx")

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment the tests run in does not change what is rendered."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def has_tab(table: Table) -> bool:
    """Whether a matrix cell holds a tab (a txt grid misaligns on tabs: that bug is
    ``test_hostile.test_txt_grid_stays_aligned``; here such tables skip the txt check)."""
    return any("\t" in cell for row in txt_expected(table) for cell in row)


# ---------------------------------------------------------------- txt: parse the grid back


def squash(text: str) -> str:
    """``text`` without whitespace: wrapping inside a cell does not matter."""
    return "".join(text.split())


def _measure(segment: str) -> int:
    """Columns a cell's line takes as tabulate counts them: padding plus the text's width."""
    text = segment.strip(" ")
    return len(segment) - len(text) + display_width(text)


def _split_line(line: str, borders: list[int]) -> list[str]:
    """A grid content line cut into cells as wide as the border's ``+``-delimited spans.

    Widths are counted a cell at a time, as tabulate pads them (a mark that combines
    with the space before it would shift a whole-line count); a ``|`` inside a cell is
    not a cut because the cell is not yet wide enough there.
    """
    spans = [b - a - 1 for a, b in itertools.pairwise(borders)]
    assert line.startswith("|")
    cells, start = [], 0
    for index, char in enumerate(line):
        if index == 0 or char != "|" or len(cells) == len(spans):
            continue
        if _measure(line[start + 1 : index]) == spans[len(cells)]:
            cells.append(line[start + 1 : index])
            start = index
    assert len(cells) == len(spans), f"misaligned grid line: {line!r}"
    assert start == len(line) - 1, f"misaligned grid line: {line!r}"
    return cells


def txt_grids(text: str) -> list[list[list[str]]]:
    """Each grid table of a txt report as rows of cells (a cell's lines joined by newlines)."""
    tables: list[list[list[str]]] = []
    borders: list[int] = []
    row: list[list[str]] | None = None
    inside = False
    for line in text.splitlines():
        if re.fullmatch(r"\+(-+\+)+", line) and not inside:
            inside = True
            borders = [i for i, char in enumerate(line) if char == "+"]
            tables.append([])
            row = None
            continue
        if not inside:
            continue
        if line.startswith("+"):
            if row is not None:
                tables[-1].append(["\n".join(lines) for lines in row])
            row = None
        elif line.startswith("|"):
            parts = _split_line(line, borders)
            row = row or [[] for _ in parts]
            for lines, part in zip(row, parts, strict=True):
                lines.append(part.strip())
        else:
            inside = False
    return tables


def txt_matrix(text: str) -> list[list[str]]:
    """The whole matrix from a txt report: runs of columns joined back side by side."""
    tables = txt_grids(text)
    merged = [list(row) for row in tables[0]]
    for table in tables[1:]:
        assert len(table) == len(merged)
        for row, more in zip(merged, table, strict=True):
            row.extend(more[1:])
    return merged


def txt_expected(table: Table) -> list[list[str]]:
    """The layout's grid as txt shows it: vendors under names, group titles in ``== ==``."""
    return shown_grid(table, "== {} ==")


# ---------------------------------------------------------------- md and xlsx


def md_matrix(text: str) -> list[list[str]]:
    """The Markdown table's cells, escapes undone, header first (no ``---`` line)."""
    lines = md_table(text)
    rows = [[md_unescape(cell) for cell in md_tokens(line)[1:-1]] for line in lines]
    return [rows[0], *rows[2:]]


def md_expected(table: Table) -> list[list[str]]:
    """The layout's grid as Markdown shows it: vendors under names, group titles bold."""
    return [[cell.strip() for cell in row] for row in shown_grid(table, "**{}**")]


def xlsx_matrix(data: bytes, table: Table) -> list[list[Any]]:
    """The Matrix sheet's heading row and body rows, as the reader sees them."""
    return matrix_grid(sheet_of(openpyxl.load_workbook(io.BytesIO(data)), "Matrix"), table)


# ---------------------------------------------------------------- the properties


@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW)
@given(comparisons(), st.sampled_from(LANGS), st.booleans(), st.sampled_from([40, 100, 1000]))
def test_text_and_xlsx_show_the_same_matrix(
    comparison: Comparison, lang: str, transposed: bool, width: int
) -> None:
    """Any valid comparison renders to txt, md and xlsx, and each holds the layout's matrix."""
    table = build_table(comparison, lang, transposed=transposed)
    out = {
        name: comparekit.render(comparison, name, lang=lang, transposed=transposed, width=width)
        for name in FORMATS
    }
    assert xlsx_matrix(out["xlsx"], table) == table.grid()
    assert md_matrix(out["md"].decode("utf-8")) == md_expected(table)
    if not has_tab(table):
        shown = txt_matrix(out["txt"].decode("utf-8"))
        expected = txt_expected(table)
        assert [[squash(c) for c in row] for row in shown] == [
            [squash(c) for c in row] for row in expected
        ]


# ---------------------------------------------------------------- pdf


def _reliable(char: str) -> bool:
    """A character pdftotext gives back as drawn: ASCII letters and digits, CJK, Hangul."""
    return (
        (char.isascii() and char.isalnum())
        or "\u4e00" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7a3"
    )


def visible(text: str) -> str:
    """The characters of ``text`` that survive the trip through a PDF for sure.

    Fonts lack many scripts (their glyphs come back as anything), pdftotext drops
    zero-width characters and rewrites right-to-left runs in visual order, and may
    compose or decompose accents: so both sides are NFKC-normalised and only ASCII
    letters and digits, CJK ideographs and Hangul syllables are compared.
    """
    return "".join(c for c in unicodedata.normalize("NFKC", text) if _reliable(c))


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text)


def pdf_text(pdf: bytes, folder: Path) -> str:
    """``pdftotext -raw``: the text in drawing order, a cell's lines together."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-raw", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def in_order(parts: list[str], text: str) -> list[str]:
    """The parts not found in ``text`` one after the other (each after the one before)."""
    position, missing = 0, []
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            missing.append(part)
        else:
            position = found + len(part)
    return missing


@settings(max_examples=6, deadline=None, suppress_health_check=_SLOW)
@given(comparison=comparisons(), lang=st.sampled_from(LANGS), transposed=st.booleans())
def test_pdf_shows_the_same_matrix(
    comparison: Comparison, lang: str, transposed: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any valid comparison renders to PDF, whose text holds every matrix cell in row order."""
    table = build_table(comparison, lang, transposed=transposed)
    pdf = comparekit.render(comparison, "pdf", lang=lang, transposed=transposed)
    assert pdf.startswith(b"%PDF-")
    text = visible(pdf_text(pdf, tmp_path_factory.mktemp("pdf")))
    cells = [cell for row in table.grid() for cell in row if not _right_to_left(cell)]
    assert in_order([visible(cell) for cell in cells if visible(cell)], text) == []


@pytest.mark.parametrize("lang", ["zh"])
def test_pdf_check_can_fail(sample: Comparison, lang: str, tmp_path: Path) -> None:
    """The in-order check passes on the sample (Chinese wraps mid-word), and catches a cell
    missing or out of order."""
    table = build_table(sample, lang)
    text = visible(pdf_text(comparekit.render(sample, "pdf", lang=lang), tmp_path))
    cells = [visible(cell) for row in table.grid() for cell in row if visible(cell)]
    assert in_order(cells, text) == []
    assert in_order([*cells, "zz9zz"], text) == ["zz9zz"]
    assert in_order(cells[::-1], text)
