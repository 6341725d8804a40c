"""Typography and pagination of the printed reports, in English, Korean and Chinese.

No artificial italics for Korean and Chinese; a group, the notes or the sources running on
to the next page repeat their heading there with "(continued)"; short Chinese names stay
whole on their line; the cover fills its page; the workbook prints sensibly. PDFs are read
with poppler (``pdftotext -layout``, ``pdffonts``) and ``qpdf``, workbooks with openpyxl.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import attrs
import pytest

from comparekit import Comparison, Feature, Product, build_table
from comparekit.layout import WORDS
from comparekit.renderers import RenderOptions
from comparekit.renderers.pdf import render_pdf
from tests.test_render_pdf import long, rendered
from tests.workbooks import every_type, render, reopen

LANGS = ("en", "ko", "zh")


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    """Each page's non-blank lines as laid out (``pdftotext -layout``), top to bottom."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in text.split("\f")[:-1]
    ]


GROUPED = long(features=60, notes=True, size=25)
"""Groups and the notes run over several pages."""


def grouped_pdf(lang: str) -> bytes:
    """The PDF of :func:`grouped` in ``lang``, rendered once per session."""
    return rendered(GROUPED, lang)


# ---------------------------------------------------------------- no artificial italics


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_pdf_has_no_italic_in_korean_and_chinese(
    sample: Comparison, lang: str, tmp_path: Path
) -> None:
    """A Korean or Chinese PDF embeds no italic or oblique face and slants no text (every text
    matrix is upright: no skew)."""
    pdf = rendered(sample, lang)
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    names = fonts.stdout.splitlines()[2:]
    assert names
    assert not [name for name in names if re.search("italic|oblique", name, re.IGNORECASE)]
    qdf = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    matrices = re.findall(
        rb"^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) -?[\d.]+ -?[\d.]+ Tm$",
        qdf.read_bytes(),
        re.MULTILINE,
    )
    assert matrices
    assert all(float(b) == 0 and float(c) == 0 for _, b, c, _ in matrices)


def test_english_pdf_keeps_its_real_italic(sample: Comparison, tmp_path: Path) -> None:
    """The check above can fail: English 'not stated' is set in Noto Sans's real italic."""
    path = tmp_path / "report.pdf"
    path.write_bytes(rendered(sample, "en"))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    assert "Noto-Sans-Italic" in fonts.stdout


@pytest.mark.parametrize(("lang", "italic"), [("en", True), ("ko", False), ("zh", False)])
def test_workbook_italic_only_in_latin_fonts(sample: Comparison, lang: str, italic: bool) -> None:
    """No cell of a Korean or Chinese workbook is italic (its font has no italic: the
    spreadsheet would slant it); an English one keeps italic for 'not stated' and vendors."""
    book = reopen(render(build_table(sample, lang)))
    italics = {cell.value for ws in book for row in ws.iter_rows() for cell in row if cell.font.i}
    assert bool(italics) is italic
    if italic:
        assert "not stated" in italics


# ---------------------------------------------------------------- continued on the next page


@pytest.mark.parametrize("lang", LANGS)
def test_group_running_on_repeats_its_heading(lang: str, tmp_path: Path) -> None:
    """A page whose first row continues a group starts with that group's heading and the
    language's "(continued)"; a page that starts with a group heading shows none, and no page
    ends with a group heading."""
    words = WORDS[lang]
    pages = pdf_pages(grouped_pdf(lang), tmp_path)
    group_of = {f"Feature label {j:03d}": f"Group {j // 25:02d}" for j in range(60)}
    continued_at = 0
    header = re.compile(r"Product 0\s+Product 1\s+Product 2")
    matrix_pages = [page for page in pages if any(header.search(line) for line in page)]
    assert len(matrix_pages) >= 3
    for page in matrix_pages[1:]:
        first = next(
            line for line in page[1:] if re.match(r"Feature label \d{3}|Group \d\d$", line)
        )
        if first.startswith("Group"):
            assert not any(words.continued.format(title="") in line for line in page), page[:3]
        else:
            label = group_of[first[: len("Feature label 000")]]
            assert page[0] == words.continued.format(title=label), page[:3]
            continued_at += 1
    assert continued_at
    for page in matrix_pages:  # its last line is the page footer
        assert not re.fullmatch(r"Group \d\d", page[-2]), page[-3:]


@pytest.mark.parametrize("lang", LANGS)
def test_notes_running_on_repeat_their_heading(lang: str, tmp_path: Path) -> None:
    """Notes that run on to the next page start it with "Notes (continued)"; the Notes heading
    is never the last line of a page."""
    words = WORDS[lang]
    pages = pdf_pages(grouped_pdf(lang), tmp_path)
    note_pages = [i for i, page in enumerate(pages) if any("Note on" in line for line in page)]
    assert len(note_pages) >= 2
    for index in note_pages[1:]:
        assert pages[index][0] == words.continued.format(title=words.notes), pages[index][:3]
    first = pages[note_pages[0]]
    assert words.notes.lower() in [line.lower() for line in first]  # NOTES in English
    assert not any(words.continued.format(title=words.notes) in line for line in first)
    for page in pages:  # its last line is the page footer
        assert page[-2].lower() != words.notes.lower()


def test_sample_section_after_the_matrix_continues_nothing(
    sample: Comparison, tmp_path: Path
) -> None:
    """The sample's matrix ends on page 2; page 3 opens with the highlights' heading and no
    "(continued)" label of the matrix's last group (a section's heading resets it)."""
    for lang in LANGS:
        table = build_table(sample, lang)
        pages = pdf_pages(rendered(sample, lang), tmp_path)
        labels = {table.words.continued.format(title=s.title) for s in table.sections if s.title}
        assert not labels & {line.strip() for line in pages[2][:3]}, (lang, pages[2][:3])
        title = table.highlights_title.upper() if lang == "en" else table.highlights_title
        assert any(title in line for line in pages[2][:3]), (lang, pages[2][:3])


# ---------------------------------------------------------------- Chinese names kept whole


def test_chinese_names_are_not_split(sample: Comparison, tmp_path: Path) -> None:
    """In narrow columns, short Chinese runs (巴颜喀拉, product names) stay on one line."""
    for lang in LANGS:
        pdf = rendered(sample, lang)
        lines = [line for page in pdf_pages(pdf, tmp_path) for line in page]
        assert any("巴颜喀拉" in line for line in lines), lang
    narrow = Comparison(
        title="名称",
        language="zh",
        features=[Feature(id="v", label="版本名称", type="text")],
        products=[
            Product(id=f"p{i}", name=f"华为云WeLink{i}", values={"v": "钉钉5.0“巴颜喀拉”版本发布"})
            for i in range(6)
        ],
    )
    pdf = render_pdf(build_table(narrow, "zh"), RenderOptions(orientation="portrait"))
    text = [line for page in pdf_pages(pdf, tmp_path) for line in page]
    assert sum(line.count("巴颜喀拉") for line in text) == 6
    assert sum(line.count("华为云WeLink") for line in text) == 6


# ---------------------------------------------------------------- the cover


def test_cover_sources_sit_at_the_foot_of_the_first_page(
    sample: Comparison, tmp_path: Path
) -> None:
    """With a summary, the cover fills its page: the sources box is its last block, at the
    foot of page 1, and the matrix starts on page 2. (The sample without its findings: with
    key findings the cover is full without the box, as the next test shows.)"""
    sample = attrs.evolve(sample, findings=())
    for lang in LANGS:
        table = build_table(sample, lang)
        pages = pdf_pages(rendered(sample, lang), tmp_path)
        cover = pages[0]
        heading = cover.index(table.words.sources.upper() if lang == "en" else table.words.sources)
        assert heading > len(cover) - 6, cover[-6:]
        assert table.sources[0].marker in cover[heading + 1]
        assert table.corner in pages[1][0] or table.corner in pages[1][1]


def test_cover_with_findings_keeps_to_its_page(sample: Comparison, tmp_path: Path) -> None:
    """With key findings on the cover, nothing overlaps or spills: page 1 ends with the
    summary's last paragraph, no sources box, and the matrix starts page 2."""
    for lang in LANGS:
        table = build_table(sample, lang)
        pages = pdf_pages(rendered(sample, lang), tmp_path)
        cover = "\n".join(pages[0])
        sources = table.words.sources.upper() if lang == "en" else table.words.sources
        assert sources not in [line.strip() for line in pages[0]]
        last = table.summary[-1].split()[-1]
        assert last in cover, (lang, pages[0][-4:])
        assert table.corner in pages[1][0] or table.corner in pages[1][1]


# ---------------------------------------------------------------- the workbook in print


def test_workbook_sheets_print_sensibly(sample: Comparison) -> None:
    """Summary before Matrix, notes after it without repeated header rows over them; Data
    landscape and one page wide; linked product headers name their white font."""
    book = reopen(render(build_table(sample, "en"), orientation="portrait"))
    assert book.sheetnames[:6] == ["Summary", "Matrix", "Highlights", "Charts", "Notes", "Data"]
    data = book["Data"]
    assert data.page_setup.orientation == "landscape"
    assert (data.page_setup.fitToWidth, data.page_setup.fitToHeight) == (1, 0)
    assert data.sheet_properties.pageSetUpPr.fitToPage
    assert book["Matrix"].print_title_rows
    assert not book["Notes"].print_title_rows


def test_linked_product_header_names_its_white_font() -> None:
    """A product header with a link has the white header font named on its own (LibreOffice
    draws a link in its dark link colour otherwise, unreadable on the navy header)."""
    table = build_table(every_type(), "en")
    ws = reopen(render(table))["Matrix"]
    linked = [c for row in ws.iter_rows() for c in row if c.hyperlink]
    headings = [c for c in linked if c.value in {h.display for h in table.columns}]
    assert headings
    for cell in headings:
        assert cell.font.color.rgb == "00FFFFFF"
        assert cell.fill.fgColor.rgb == "001F3864"
