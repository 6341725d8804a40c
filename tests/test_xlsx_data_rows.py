"""The Data rows written by hand (``xlsx/data_rows.py``): the bytes openpyxl writes, row and
workbook alike."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import comparisons
from workbooks import every_type, hostile_comparison, render, sheet_xml

from comparekit import Comparison, RenderError
from comparekit.layout import WORDS, Table, build_table, records
from comparekit.renderers import xlsx
from comparekit.renderers.xlsx._openpyxl import safe_string, sheet_file
from comparekit.renderers.xlsx.charts import DATA_FIRST_ROW
from comparekit.renderers.xlsx.checks import fits
from comparekit.renderers.xlsx.data_rows import PlainRows
from comparekit.renderers.xlsx.sheet import PlainCell, Sheet
from comparekit.renderers.xlsx.styles import Styles
from comparekit.renderers.xlsx.tables import number_format
from comparekit.renderers.xlsx.workbook_file import SheetFix, write_zip

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


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
    # The Charts sheet's rows (every row from 2 to its last chart's last bar: the gaps
    # between the data blocks too), the Data sheet's, then the Scores sheet's (the sample
    # is scored): a row per product from row 9 + the number of weights, an empty row, then
    # the sentences.
    assert table.charts
    last = DATA_FIRST_ROW + sum(max(20, len(c.bars) + 4) for c in table.charts[:-1])
    charts = range(2, last + 2 + len(table.charts[-1].bars))
    part = table.analysis
    assert part is not None
    first = 9 + len(part.weights)
    scores = range(first, first + len(part.rows) + 1 + len(part.sensitivity + part.coverage))
    assert added == [*charts, *range(2, len(records(table)) + 2), *scores]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons(), st.sampled_from(["en", "ko", "zh"]))
def test_generated_data_rows_by_hand_are_openpyxls_bytes(comparison: Comparison, lang: str) -> None:
    """Any valid comparison: the same bytes either way, but for a float that needs 17 digits,
    which openpyxl writes with 16 (reading back another float) and the rows by hand exactly."""
    table = build_table(comparison, lang)
    with pytest.MonkeyPatch.context() as monkeypatch:
        through_openpyxl, by_hand = _both_ways(monkeypatch, table)
    figures = [v for r in records(table) for v in (r.value, r.max)]
    if not any(map(_needs_17_digits, figures)):
        assert by_hand == through_openpyxl
        return
    _same_but_exact(sheet_xml(by_hand), sheet_xml(through_openpyxl), figures)


def _same_but_exact(ours: dict[str, str], theirs: dict[str, str], figures: list[Any]) -> None:
    """The sheets written by hand are openpyxl's, but that each float needing 17 digits is
    written exactly (``repr``), where openpyxl writes 16."""
    assert {k: _as_openpyxl(v) for k, v in ours.items()} == theirs
    written = {float(v) for xml in ours.values() for v in _NUMBER.findall(xml)}
    assert {v for v in figures if _needs_17_digits(v)} <= written


_NUMBER = re.compile(r"<v>([-0-9.eE+]+)</v>")


def _needs_17_digits(value: object) -> bool:
    """Whether openpyxl's 16 significant digits read back as another float."""
    return isinstance(value, float) and float(f"{value:.16g}") != value


def _as_openpyxl(xml: str) -> str:
    """``xml`` with every number written as openpyxl writes it (16 significant digits)."""
    return _NUMBER.sub(lambda m: f"<v>{safe_string(float(m[1]))}</v>", xml)


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
        fix = SheetFix(sheet.extent, sheet.empty_texts, rows if by_hand else None)
        return sheet_xml(write_zip(workbook, when, {sheet_file(ws): fix}))


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
@example([0.1 + 0.2, 0.123])
def test_plain_cells_are_openpyxls_xml(values: list[Any]) -> None:
    """Any text (spaces at the ends, ``&<>``, CR, CJK, beyond the BMP, formula-like) and any
    number, boolean or date: the XML openpyxl writes for the cell (a float that needs 17
    digits written exactly)."""

    def form(value: object) -> str:
        return number_format("money", value, WORDS["en"])

    cells = [
        PlainCell(column, value, "data text")
        if isinstance(value, str)
        else PlainCell(column, value, "data", form(value))
        for column, value in enumerate(values, start=1)
    ]
    if not any(map(_needs_17_digits, values)):
        assert _one_row(cells, by_hand=True) == _one_row(cells, by_hand=False)
    else:
        _same_but_exact(_one_row(cells, by_hand=True), _one_row(cells, by_hand=False), values)


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
