"""The workbook's styles (``xlsx/styles.py``): a look per cell kind, legend marks that match, the
font of each language."""

from __future__ import annotations

import pytest
from workbooks import every_type, look, render, reopen, value_cells

from comparekit import Comparison
from comparekit.layout import build_table

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


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
    book = reopen(render(table))
    ws = book["Matrix"]
    cells = {}
    for cell, sheet_cell in value_cells(ws, table):
        kind = "partial" if cell.partial else "best" if cell.best else cell.kind.value
        cells[kind] = look(sheet_cell)
    summary = book["Summary"]  # the legend is on the Summary sheet, with the summary
    marks = {summary.cell(r, 1).value: summary.cell(r, 1) for r in range(1, summary.max_row + 1)}
    assert table.legend
    for entry in table.legend:
        assert summary.cell(marks[entry.mark].row, 2).value == entry.meaning
        if entry.kind in cells:
            assert look(marks[entry.mark]) == cells[entry.kind], entry


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
