"""The text renderer: aligned wide characters, wrapping, Markdown escaping."""

from __future__ import annotations

import re

import pytest
from grids import shown_grid
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import comparisons

from comparekit import (
    Comparison,
    Feature,
    FormatError,
    Product,
    Table,
    Value,
    build_table,
    render,
)
from comparekit.renderers.text import display_width, fit_widths, wrap


def grid_tables(data: bytes) -> list[list[str]]:
    """The grid tables in a txt report, each as its lines."""
    tables: list[list[str]] = [[]]
    for line in data.decode().splitlines():
        if line.startswith(("+", "|")):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    return [table for table in tables if table]


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_every_grid_line_has_the_same_width(sample: Comparison, lang: str, width: int) -> None:
    """Each grid table's lines share one display width, CJK included, within the asked width."""
    tables = grid_tables(render(sample, "txt", lang=lang, width=width))
    assert tables
    for lines in tables:
        widths = {display_width(line) for line in lines}
        assert len(widths) == 1
        assert widths.pop() <= width


def test_too_many_columns_come_in_runs() -> None:
    """Columns that cannot all fit are shown in runs, row headings repeated, each captioned."""
    feature = Feature(id="f", label="Feature label", type="count")
    products = [Product(id=f"p{i}", name=f"Product {i}", values={"f": Value(i)}) for i in range(14)]
    data = render(Comparison(title="T", features=[feature], products=products), "txt", width=100)
    tables = grid_tables(data)
    assert len(tables) == 3
    assert all(display_width(lines[0]) <= 100 for lines in tables)
    assert sum("Feature label" in "".join(lines) for lines in tables) == 3
    text = data.decode()
    assert "Products 1–5 of 14" in text
    assert "Products 11–14 of 14" in text
    assert all(f"Product {i}" in text for i in range(14))


def test_wrap_breaks_cjk_but_not_hangul_words() -> None:
    """Chinese breaks between characters; Korean and English break at spaces."""
    assert wrap("钉钉是阿里巴巴的平台", 8) == ["钉钉是阿", "里巴巴的", "平台"]
    assert wrap("기업고객 수 약 1000만개", 10) == ["기업고객", "수 약", "1000만개"]
    assert wrap("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]
    assert wrap("a\nb", 10) == ["a", "b"]


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), max_size=60))
def test_wrap_never_exceeds_width(text: str) -> None:
    """Wrapped lines never exceed the width and keep every non-space character."""
    lines = wrap(text, 6)
    assert all(display_width(line) <= 6 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\u3000", "") or (
        "".join("".join(lines).split()) == "".join(text.split())
    )


def test_fit_widths_shares_what_is_left() -> None:
    """Narrow columns keep their width; wide ones share the rest."""
    assert fit_widths([5, 50, 50], 65) == [5, 30, 30]
    assert fit_widths([5, 6], 100) == [5, 6]


def test_markdown_escapes_table_syntax() -> None:
    """Pipes, newlines and markup in spec text cannot break or inject into a Markdown table."""
    feature = Feature(id="f", label="a|b", type="text")
    product = Product(
        id="p", name="<b>x</b>", values={"f": Value("line1\nline2 | *bold* [x](http://e.com)")}
    )
    text = render(Comparison(title="T", features=[feature], products=[product]), "md").decode()
    row = next(line for line in text.splitlines() if line.startswith("| a"))
    assert row.count("|") - row.count("\\|") == 3
    assert "line1<br>line2 \\| \\*bold\\* \\[x\\](http://e.com)" in row
    assert "&lt;" not in text
    assert "\\<b\\>x\\</b\\>" in text


def test_other_tabulate_formats_and_bad_one(sample: Comparison) -> None:
    """Any tabulate format works for txt; an unknown one is refused by name."""
    assert render(sample, "txt", tablefmt="simple").decode().count("+--") == 0
    with pytest.raises(FormatError, match="unknown table format 'nope'"):
        render(sample, "txt", tablefmt="nope")


def test_notes_legend_sources_listed(sample: Comparison) -> None:
    """Notes, legend and sources appear under the table, in the report's language."""
    text = render(sample, "txt", lang="ko").decode()
    for heading in ("범례", "주석", "출처"):
        assert f"\n{heading}\n" in text
    assert "[5] 2019년 말 기준." in text


def markdown_grid(text: str) -> list[list[str]]:
    """The cells of the first Markdown table in ``text``, unescaped, header row first."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        if set(line) <= set("|-: "):
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        rows.append([re.sub(r"\\(.)", r"\1", c.strip()).replace("&amp;", "&") for c in cells])
    return rows


def expected_grid(table: Table) -> list[list[str]]:
    """The layout's grid as a Markdown table shows it: group titles bold, vendors under names."""
    # Markdown keeps no spaces around a cell's text and no raw newlines in it.
    rows = shown_grid(table, "**{}**", "<br>")
    return [[cell.replace("\n", "<br>").strip() for cell in row] for row in rows]


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_markdown_cells_equal_layout_grid(sample: Comparison, lang: str) -> None:
    """The Markdown table shows exactly the layout's matrix, cell for cell."""
    table = build_table(sample, lang)
    assert markdown_grid(render(sample, "md", lang=lang).decode()) == expected_grid(table)
    assert [row[1:] for row in expected_grid(table)[1:]] == [row[1:] for row in table.grid()[1:]]


@given(comparisons())
@settings(max_examples=30, deadline=None)
def test_generated_markdown_cells_equal_layout_grid(comparison: Comparison) -> None:
    """For any valid comparison, the Markdown table is the layout's matrix."""
    table = build_table(comparison, "en")
    assert markdown_grid(render(comparison, "md", lang="en").decode()) == expected_grid(table)
