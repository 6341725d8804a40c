"""Long unbroken words in the PDF: nothing runs off the page or vanishes, and the running
title keeps clear of the page counter (issue 14, class 7).

A URL in a title, a long product name or feature label, a long note or source address: each
breaks anywhere as a last resort. Checked with ``pdftotext`` (every text of the comparison
is there, line breaks inside words allowed) and ``pdftotext -bbox`` (where the footer's
words are drawn).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import comparekit
from comparekit import Comparison, Feature, Group, Product, Source, Value, build_table
from comparekit.layout import Table

WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
URL = "https://example.com/" + "a-very-long-path-segment" * 9
CJK = "钉钉企业微信华为云飞书" * 14
"""A Chinese run without a space, as long as a line of the cover."""


def long_words(cjk: bool = False) -> Comparison:
    """Long unbroken words in every place that shows text."""
    word = CJK if cjk else WORD
    return Comparison(
        title=f"Review of {URL} and {word}",
        subtitle=f"Sub{word}",
        prepared_for=f"For{word}",
        prepared_by=f"By{word}",
        summary=f"Summary {word}{URL} end.",
        sources=[Source(id="s", title=f"Source{word}", publisher=f"Pub{word}", url=f"{URL}/s")],
        groups=[Group(id="g", label=f"Group{word}")],
        features=[
            Feature(id="f", label=f"Label{word}", type="text", unit=f"unit{word}", group="g"),
            Feature(id="n", label="Users", type="count"),
        ],
        products=[
            Product(
                id=f"p{index}",
                name=f"Product{index}{word}",
                vendor=f"Vendor{word}",
                url=URL,
                values={
                    "f": Value(f"Value{index}{word}", note=f"Note {word}{URL}", source="s"),
                    "n": 10**index,
                },
            )
            for index in range(3)
        ],
    )


def texts(table: Table) -> list[str]:
    """Every text of the comparison the PDF shows."""
    out = [table.title, table.subtitle, table.prepared_for, table.prepared_by, *table.summary]
    out += [part for h in table.columns for part in (h.text, h.detail)]
    out += [section.title for section in table.sections]
    out += [part for row in table.rows for part in (row.heading.text, row.heading.unit_text)]
    out += [cell.text for row in table.rows for cell in row.cells]
    out += [part for note in table.notes for part in (note.text, *note.shown_places)]
    out += [part for source in table.sources for part in (source.citation, source.url or "")]
    return [text for text in out if text]


def squash(text: str) -> str:
    """``text`` without whitespace, and without the hyphen a break inside a word may add."""
    return "".join(text.split())


def pdftotext(pdf: Path, *args: str) -> str:
    command = ["pdftotext", *args, str(pdf), "-"]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    assert "Warning" not in result.stderr, result.stderr
    return result.stdout


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_FOOTER = 17 * 72 / 25.4
"""The bottom margin, where the footer is, in points."""
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def footers(pdf: Path) -> list[tuple[float, list[tuple[float, float, float, str]], list[str]]]:
    """Each page's width, the words of its footer band (xMin, xMax, yMin, text) and every
    word."""
    out = []
    for width, height, body in _PAGE.findall(pdftotext(pdf, "-bbox")):
        words = [
            (float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(body)
        ]
        band = [
            (x0, x1, y0, w) for x0, y0, x1, _, w in words if y0 > float(height) - 17 * 72 / 25.4
        ]
        out.append((float(width), band, [w[4] for w in words]))
    return out


@pytest.mark.parametrize(
    ("cjk", "lang", "orientation"),
    [(False, "en", "landscape"), (False, "en", "portrait"), (True, "zh", "portrait")],
)
def test_long_words_are_all_on_the_page(
    cjk: bool, lang: str, orientation: str, tmp_path: Path
) -> None:
    """Every text of a comparison full of long unbroken words is in pdftotext's output:
    none runs off the page (pdftotext drops what lies outside it) or is clipped. (The
    footers are left out: a paragraph that goes on over a page break goes on past them.)"""
    comparison = long_words(cjk)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(comparekit.render(comparison, "pdf", lang=lang, orientation=orientation))
    height = 595.28 if orientation == "landscape" else 841.89  # A4, in points
    above_footer = ["-x", "0", "-y", "0", "-W", "1000", "-H", str(int(height - _FOOTER))]
    shown = squash(pdftotext(pdf, "-raw", *above_footer)).replace("-", "")
    missing = [
        text
        for text in texts(build_table(comparison, lang))
        if squash(text).replace("-", "") not in shown
    ]
    assert missing == []


@pytest.mark.parametrize(("cjk", "lang"), [(False, "en"), (True, "zh")])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_running_title_keeps_clear_of_the_page_counter(
    cjk: bool, lang: str, orientation: str, tmp_path: Path
) -> None:
    """On every page after the first, the running title's words end left of the page
    counter's and inside the page, in at most two lines."""
    comparison = long_words(cjk)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(comparekit.render(comparison, "pdf", lang=lang, orientation=orientation))
    template = build_table(comparison, lang).words.page
    pages = footers(pdf)
    assert len(pages) > 1
    for number, (width, band, _) in enumerate(pages[1:], start=2):
        first = template.format(page=number, pages=len(pages)).split()[0]
        start = max(x0 for x0, _, _, word in band if word == first)
        title = [(x1, y0) for x0, x1, y0, _ in band if x0 < start]
        assert title, "no running title"
        assert max(x1 for x1, _ in title) < start
        assert len({round(y0) for _, y0 in title}) <= 2
        assert all(x0 >= 0 and x1 <= width for x0, x1, _, _ in band)


def test_a_cell_that_fits_one_line_has_no_word_spans() -> None:
    """A matrix cell or row heading short enough for one line of the narrowest column is
    printed without spans (nothing in it can break); a longer one keeps its words whole."""
    from comparekit.renderers.pdf import RenderOptions, render_html

    comparison = Comparison(
        title="T",
        features=[
            Feature(id="name", label="名称", type="text"),
            Feature(id="long", label="说明", type="text"),
        ],
        products=[
            Product(
                id="a",
                name="A",
                values={"name": "巴颜喀拉", "long": "钉钉，巴颜喀拉，华为云WeLink，飞书文档"},
            )
        ],
    )
    html = render_html(build_table(comparison, "zh"), RenderOptions())
    row = re.search(r"<th class=\"feature\" scope=\"row\">名称</th><td>(.*?)</td>", html)
    assert row is not None
    assert row.group(1) == "巴颜喀拉"
    assert '<span class="w">' in html.split("说明", 1)[1].split("</tr>", 1)[0]
