"""What a cell can hold (``xlsx/checks.py``): text never a formula, Excel's length limit,
characters XML cannot hold."""

from __future__ import annotations

import re

import attrs
import pytest
from workbooks import (
    HOSTILE,
    hostile_comparison,
    matrix_grid,
    render,
    reopen,
    sheet_xml,
    with_first_display,
)

from comparekit import Comparison, RenderError
from comparekit.layout import build_table

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


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
    plain = attrs.evolve(sample, scoring=None, findings=())  # no Scores sheet, no formula
    for display in ("\r=1+1", "\t=1+1"):
        data = render(with_first_display(build_table(plain, "en"), display))
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


def test_too_long_text_names_a_translated_sheet_as_a_reference(sample: Comparison) -> None:
    """In a Korean workbook the message names the cell as the reader and Excel write it: the
    sheet's own name, quoted when it holds a space (the Highlights sheet: '주요 내용'!)."""
    table = build_table(sample, "ko")
    group = table.highlights[0]
    item = attrs.evolve(
        group.items[0], cell=attrs.evolve(group.items[0].cell, display="x" * 32_768)
    )
    long = attrs.evolve(
        table, highlights=(attrs.evolve(group, items=(item,)), *table.highlights[1:])
    )
    with pytest.raises(RenderError, match=r"'주요 내용'!B\d+: text of 32,768 characters"):
        render(long)


def test_unstorable_character_raises(sample: Comparison) -> None:
    """A character XML cannot hold raises RenderError instead of writing a broken file."""
    table = with_first_display(build_table(sample, "en"), "bad \x01 text")
    with pytest.raises(RenderError, match="U\\+0001"):
        render(table)
