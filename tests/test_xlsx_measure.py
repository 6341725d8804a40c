"""Column widths and row heights (``xlsx/measure.py``): fitted to the text shown, capped, wider
for wide characters."""

from __future__ import annotations

import pytest
from workbooks import render, reopen, value_cells

from comparekit import Comparison, Feature, Product
from comparekit.layout import build_table

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


def test_widths_fit_and_cap_with_wrap(sample: Comparison) -> None:
    """Columns fit their content up to a cap of 45, product columns all as wide as the widest
    (balanced), and value cells wrap."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Matrix"]
    widths = [ws.column_dimensions[letter].width for letter in "ABCDE"]
    assert all(12 <= width <= 45 for width in widths)
    assert widths[1:] == [45] * 4  # DingTalk's long list of functions sets them all
    assert all(sheet.alignment.wrap_text for _, sheet in value_cells(ws, table))


def test_product_columns_fit_below_the_cap() -> None:
    """Short values give product columns narrower than the cap, all of the same width."""
    feature = Feature(id="t", label="T", type="text")
    products = [
        Product(id="a", name="A", values={"t": "short"}),
        Product(id="b", name="B", values={"t": "a somewhat longer value"}),
    ]
    table = build_table(Comparison(title="W", features=[feature], products=products), "en")
    ws = reopen(render(table))["Matrix"]
    widths = [ws.column_dimensions[letter].width for letter in "BC"]
    assert widths[0] == widths[1] < 45


def test_cjk_column_wider_than_ascii() -> None:
    """A column of Chinese text is wider than one of as many ASCII characters."""
    feature = Feature(id="t", label="T", type="text")

    def width(text: str) -> float:
        product = Product(id="p", name="P", values={"t": text})
        table = build_table(Comparison(title="W", features=[feature], products=[product]), "en")
        return float(reopen(render(table))["Matrix"].column_dimensions["B"].width)

    assert width("中文中文中文中文中文中文中文中文中文中文") > width("abcdefghijabcdefghij") + 10


def test_tall_rows_for_wrapped_text(sample: Comparison) -> None:
    """A row whose text wraps is made higher than a one-line row."""
    table = build_table(sample, "en")
    ws = reopen(render(table))["Matrix"]
    heights = {ws.cell(r, 1).value: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    functions = next(h for k, h in heights.items() if str(k).startswith("Remote-work functions"))
    assert functions > 2 * heights["Users (people)"] > 0


def test_comparison_sheet_rows_fit_wrapped_text() -> None:
    """On the Comparison sheet a long summary's row (each language's) is taller than a one-line row."""
    summary = {
        "en": "Remote work tools compared on price and reach. " * 12,
        "zh": "远程办公工具比较。" * 30,
    }
    comparison = Comparison(title="Short", summary=summary)
    ws = reopen(render(build_table(comparison, "en")))["Comparison"]
    heights = {ws.cell(r, 1).value: ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)}
    one_line = heights["title"]
    assert one_line is not None
    assert one_line > 0
    assert heights["summary:en"] > 3 * one_line
    assert heights["summary:zh"] > 3 * one_line
