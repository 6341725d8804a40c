"""The PDF report: real text, real CJK fonts, safe with hostile specs, reproducible bytes.

PDFs are checked with poppler (``pdftotext``, ``pdffonts``, ``pdfinfo``) and ``qpdf``,
never by comparing bytes with a stored file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from comparekit import Comparison, Feature, Group, Product, Source, Value, build_table
from comparekit.errors import FormatError, RenderError
from comparekit.layout import CellKind, chunks
from comparekit.renderers import RenderOptions, renderer
from comparekit.renderers import pdf as pdf_module
from comparekit.renderers.pdf import (
    ASSETS,
    AssetFetcher,
    keep_words,
    render_html,
    render_pdf,
)

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "ko", "zh")
HOSTILE = (
    "</td><script>alert(1)</script>",
    "red; background:url(file:///etc/hostname)",
    "<img src=file:///etc/hostname>",
    "{{ 7*7 }}",
    "see file:///etc/passwd",
    "http://example.com/x?a=1&b=2",
)


# ---------------------------------------------------------------- helpers


def squash(text: str) -> str:
    """Text without any whitespace, so that line wrapping inside a cell does not matter."""
    return "".join(text.split())


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    """Run a poppler or qpdf tool on ``pdf`` and return its standard output."""
    path = tmp_path / f"{hashlib.sha256(pdf).hexdigest()[:16]}.pdf"
    path.write_bytes(pdf)
    command = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    if tool == "pdftotext":
        command.insert(1, "-raw")  # drawing order: a cell's or a column's lines stay together
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of every page, in order."""
    return poppler("pdftotext", pdf, tmp_path).split("\f")[:-1]


def page_count(pdf: bytes, tmp_path: Path) -> int:
    """The number of pages ``pdfinfo`` reports."""
    info = poppler("pdfinfo", pdf, tmp_path)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def uncompressed(pdf: bytes, tmp_path: Path) -> bytes:
    """The PDF with its streams and object streams expanded (``qpdf --qdf``), to grep."""
    source = tmp_path / "in.pdf"
    target = tmp_path / "qdf.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(source), str(target)], check=True
    )
    return target.read_bytes()


@pytest.fixture
def weasy_warnings() -> Iterator[list[str]]:
    """Every warning or error WeasyPrint logs while the test runs (missing glyphs, fonts, URLs)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


_RENDERED: dict[tuple[Comparison, str, RenderOptions], bytes] = {}


def rendered(comparison: Comparison, lang: str, options: RenderOptions | None = None) -> bytes:
    """The PDF of a comparison, rendered once per test session."""
    options = options or RenderOptions()
    key = (comparison, lang, options)
    if key not in _RENDERED:
        _RENDERED[key] = render_pdf(build_table(comparison, lang), options)
    return _RENDERED[key]


# ---------------------------------------------------------------- generated comparisons


def wide(products: int = 14, features: int = 8) -> Comparison:
    """``products`` products over ``features`` count features, names numbered from 1."""
    return Comparison(
        title="Wide comparison",
        features=[
            Feature(id=f"f{j}", label=f"Feature label {j:03d}", type="count", better="higher")
            for j in range(1, features + 1)
        ],
        products=[
            Product(
                id=f"p{i}",
                name=f"Product {i:02d}",
                vendor=f"Vendor {i:02d}",
                values={f"f{j}": i * 1000 + j for j in range(1, features + 1)},
            )
            for i in range(1, products + 1)
        ],
    )


LONG_TEXT = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima"


def long(features: int = 150, notes: bool = False, size: int = 7) -> Comparison:
    """Three products over ``features`` features in groups of ``size``, every tenth value long;
    with ``notes``, every value has a note of its own."""
    groups = [Group(id=f"g{k}", label=f"Group {k:02d}") for k in range(-(-features // size))]
    return Comparison(
        title="Long comparison",
        groups=groups,
        features=[
            Feature(id=f"f{j}", label=f"Feature label {j:03d}", type="text", group=f"g{j // size}")
            for j in range(features)
        ],
        products=[
            Product(
                id=f"p{i}",
                name=f"Product {i}",
                values={
                    f"f{j}": Value(text, note=f"Note on {i}-{j}.") if notes else text
                    for j in range(features)
                    for text in [f"{LONG_TEXT} {i}-{j}" if j % 10 == 0 else f"value {i}-{j}"]
                },
            )
            for i in range(3)
        ],
    )


def kinds() -> Comparison:
    """One row with every kind of cell: best, known, no, not stated, n/a, partial, noted."""
    return Comparison(
        title="Kinds",
        as_of=None,
        features=[
            Feature(id="seats", label="Seats", type="count", better="higher", unit="people"),
            Feature(id="free", label="Free", type="boolean"),
        ],
        products=[
            Product(id="a", name="Alpha", values={"seats": 300, "free": False}),
            Product(id="b", name="Beta", values={"seats": Value(100, note="Only on request.")}),
            Product(
                id="c",
                name="Gamma",
                values={
                    "seats": Value(status="not_applicable"),
                    "free": Value(True, qualifier="partial", note="Small teams only."),
                },
            ),
            Product(id="d", name="Delta"),
        ],
    )


def hostile() -> Comparison:
    """Every hostile string as a title, a name, a vendor, a label, a value and a note."""
    a, b, c, d, e, f = HOSTILE
    return Comparison(
        title=a,
        subtitle=b,
        prepared_for=c,
        prepared_by=d,
        summary=f"{e}\n\n{f}",
        sources=[Source(id="s", title=c, publisher=a, url="https://example.com/source")],
        features=[Feature(id="h", label=b, type="text", unit=c, description=d)],
        products=[
            Product(
                id="p",
                name=a,
                vendor=b,
                url="https://example.com/product",
                values={"h": Value(c, note=d, source="s")},
            ),
            Product(id="q", name=e, vendor=f, values={"h": Value(f, note=e, source="s")}),
        ],
    )


@pytest.fixture(scope="module")
def cases() -> dict[str, Comparison]:
    """The generated comparisons, built once."""
    return {"wide": wide(), "long": long(), "kinds": kinds(), "hostile": hostile()}


# ---------------------------------------------------------------- text: everything is there


@pytest.mark.parametrize("lang", LANGS)
def test_sample_text_holds_every_string(sample: Comparison, lang: str, tmp_path: Path) -> None:
    """pdftotext of the sample shows every product, cell, row heading, note and the words."""
    table = build_table(sample, lang)
    text = squash(poppler("pdftotext", rendered(sample, lang), tmp_path))
    expected = [
        table.title,
        table.subtitle,
        *table.summary,
        *(column.text for column in table.columns),
        *(column.detail for column in table.columns),
        *(row.heading.display for row in table.rows),
        *(cell.display for row in table.rows for cell in row.cells),
        *(section.title for section in table.sections),
        *(note.text for note in table.notes),
        *(place for note in table.notes for place in note.places),
        *(entry.meaning for entry in table.legend),
        *(source.citation for source in table.sources),
    ]
    missing = [item for item in expected if squash(item) not in text]
    assert not missing
    assert any("\u3131" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("lang", LANGS)
def test_page_footer_counts_pages(sample: Comparison, lang: str, tmp_path: Path) -> None:
    """Every page's footer says "page X of Y" in the report's language, with the right numbers."""
    pdf = rendered(sample, lang)
    pages = page_texts(pdf, tmp_path)
    words = build_table(sample, lang).words.page
    for number, page in enumerate(pages, 1):
        footer = words.format(page=number, pages=len(pages))
        assert squash(footer) in squash(page)


def test_kinds_are_styled_apart() -> None:
    """Best, No, not stated, n/a and partial cells carry distinct classes, as do legend samples."""
    table = build_table(kinds(), "en")
    html = render_html(table, RenderOptions())
    assert {cell.kind for row in table.rows for cell in row.cells} == set(CellKind)
    for kind in ("k-best", "k-no", "k-not_stated", "k-not_applicable", "k-partial"):
        assert f'<td class="{kind}' in html or f' {kind}"' in html
        assert f'class="sample {kind}"' in html
    assert '<sup class="k-note">[1]</sup>' in html


def test_plain_known_cells_carry_no_class_in_the_pdf_only() -> None:
    """A known cell, not best nor partial, is a bare <td> in the PDF, and k-known on the page."""
    table = build_table(kinds(), "en")
    plain = [
        cell
        for row in table.rows
        for cell in row.cells
        if cell.kind is CellKind.KNOWN and not cell.best and not cell.partial
    ]
    assert plain
    printed = render_html(table, RenderOptions())
    assert '<td class="k-known"' not in printed
    assert f"<td>{plain[0].text}" in printed
    assert '<td class="k-known"' in renderer("html")(table, RenderOptions()).decode("utf-8")


def test_kinds_legend_shows_every_mark(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """The legend of a table using every kind lists each mark with its meaning."""
    table = build_table(cases["kinds"], "en")
    text = squash(poppler("pdftotext", rendered(cases["kinds"], "en"), tmp_path))
    assert len(table.legend) == 6
    for entry in table.legend:
        assert squash(entry.mark + entry.meaning) in text


# ---------------------------------------------------------------- fonts


@pytest.mark.parametrize(("lang", "face"), [("en", "CJK"), ("ko", "CJK-KR"), ("zh", "CJK-SC")])
def test_cjk_font_is_embedded(sample: Comparison, lang: str, face: str, tmp_path: Path) -> None:
    """pdffonts lists an embedded Noto Sans CJK face: Korean uses KR, Chinese uses SC."""
    fonts = poppler("pdffonts", rendered(sample, lang), tmp_path).splitlines()[2:]
    embedded = [line.split()[0] for line in fonts if line.split()[-5] == "yes"]
    assert len(embedded) == len(fonts)
    assert any(f"Noto-Sans-{face}" in name for name in embedded)


def test_korean_and_chinese_pick_their_own_faces(sample: Comparison, tmp_path: Path) -> None:
    """Korean text is drawn with the KR face and Chinese with the SC face: lang chooses."""
    ko = poppler("pdffonts", rendered(sample, "ko"), tmp_path)
    zh_table = attrs.evolve(build_table(sample, "zh"), sources=())  # the source title is Korean
    zh = poppler("pdffonts", render_pdf(zh_table, RenderOptions()), tmp_path)
    assert "CJK-KR" in ko
    assert "CJK-SC" not in ko
    assert "CJK-SC" in zh
    assert "CJK-KR" not in zh


def test_korean_source_title_gets_korean_face(sample: Comparison) -> None:
    """In a Chinese report the Korean source title is marked lang="ko", so it uses the KR face."""
    html = render_html(build_table(sample, "zh"), RenderOptions())
    assert '<span class="source-title" lang="ko"><span class="w">코로나19</span>' in html


@pytest.mark.parametrize("lang", LANGS)
def test_no_missing_glyphs(sample: Comparison, lang: str, weasy_warnings: list[str]) -> None:
    """Rendering the sample logs no WeasyPrint warning: no .notdef box, no font or URL problem."""
    render_pdf(build_table(sample, lang), RenderOptions())
    assert weasy_warnings == []


def test_missing_glyph_warning_is_seen(weasy_warnings: list[str]) -> None:
    """The warning check works: a character no font has (a private-use one) is reported."""
    comparison = Comparison(title="Glyphs", features=[Feature(id="f", label="\ue000", type="text")])
    render_pdf(build_table(comparison, "en"), RenderOptions())
    assert any(".notdef" in message for message in weasy_warnings)


# ---------------------------------------------------------------- structure and metadata


def test_qpdf_check_passes(sample: Comparison, tmp_path: Path) -> None:
    """qpdf --check finds no problem in the sample report in any language."""
    for lang in LANGS:
        result = poppler("qpdf", rendered(sample, lang), tmp_path, "--check")
        assert "No syntax or stream encoding errors found" in result


def test_metadata(sample: Comparison, tmp_path: Path) -> None:
    """Title, author, subject, dates and language come from the table; the PDF is tagged."""
    table = build_table(sample, "ko")
    pdf = rendered(sample, "ko")
    info = poppler("pdfinfo", pdf, tmp_path, "-isodates")
    assert f"Title:           {table.title}\n" in info
    assert f"Subject:         {table.subtitle}\n" in info
    assert f"Author:          {table.prepared_by}\n" in info
    assert "Tagged:          yes" in info
    assert "CreationDate:    2020-02-28T00:00:00Z" in info
    assert "ModDate:         2020-02-28T00:00:00Z" in info
    assert b"/Lang (ko)" in uncompressed(pdf, tmp_path)


def test_dates_follow_the_timestamp_option(sample: Comparison, tmp_path: Path) -> None:
    """options.timestamp (seconds since the epoch) becomes the PDF's creation date."""
    pdf = render_pdf(build_table(sample, "en"), RenderOptions(timestamp=1_600_000_000))
    info = poppler("pdfinfo", pdf, tmp_path, "-isodates")
    assert "CreationDate:    2020-09-13T12:26:40Z" in info


@pytest.mark.parametrize(
    ("page_size", "orientation", "points"),
    [
        ("A4", "landscape", "841.89 x 595.276"),
        ("A4", "portrait", "595.276 x 841.89"),
        ("Letter", "portrait", "612 x 792"),
        ("Letter", "landscape", "792 x 612"),
    ],
)
def test_page_size(
    sample: Comparison, page_size: str, orientation: str, points: str, tmp_path: Path
) -> None:
    """pdfinfo reports the page size and orientation the options ask for."""
    options = RenderOptions(page_size=page_size, orientation=orientation)  # type: ignore[arg-type]
    info = poppler("pdfinfo", rendered(sample, "en", options), tmp_path)
    assert re.search(rf"^Page size:\s+{re.escape(points)} pts", info, re.MULTILINE)


def test_unknown_page_size_is_refused(sample: Comparison) -> None:
    """A page size other than A4 or Letter is a FormatError, not a silent default."""
    with pytest.raises(FormatError, match="A3"):
        render_html(build_table(sample, "en"), RenderOptions(page_size="A3"))  # type: ignore[arg-type]


def test_registry_finds_the_renderer(sample: Comparison) -> None:
    """The registry's pdf renderer is this module's render_pdf and makes a PDF."""
    assert renderer("pdf") is render_pdf
    assert rendered(sample, "en").startswith(b"%PDF-")


# ---------------------------------------------------------------- many columns, many rows


def test_wide_table_splits_columns(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """14 products in landscape: 3 pages of at most 6, each with its caption and every feature."""
    table = build_table(cases["wide"], "en")
    pdf = rendered(cases["wide"], "en")
    pages = page_texts(pdf, tmp_path)
    captions = [chunk.caption for chunk in chunks(table, 6)]
    assert captions == ["Products 1–5 of 14", "Products 6–10 of 14", "Products 11–14 of 14"]
    assert page_count(pdf, tmp_path) == 3
    for page, caption, first, last in zip(pages, captions, (1, 6, 11), (5, 10, 14), strict=True):
        page = squash(page)
        assert squash(caption) in page
        assert all(squash(f"Product {i:02d}") in page for i in range(first, last + 1))
        assert squash(f"Product {last + 1:02d}") not in page
        assert all(squash(f"Feature label {j:03d}") in page for j in range(1, 9))


def test_portrait_takes_fewer_columns(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """Portrait pages hold at most 4 products side by side: 14 products take 4 pages."""
    table = build_table(cases["wide"], "en")
    runs = chunks(table, pdf_module.COLUMNS_PER_PAGE["portrait"])
    assert [run.stop - run.start for run in runs] == [4, 4, 3, 3]
    pdf = rendered(cases["wide"], "en", RenderOptions(orientation="portrait"))
    assert page_count(pdf, tmp_path) == 4


def test_wide_table_has_no_caption_when_it_fits(tmp_path: Path) -> None:
    """Six products fit one landscape page run: no "Products x–y" caption is shown."""
    text = poppler("pdftotext", render_pdf(build_table(wide(6), "en"), RenderOptions()), tmp_path)
    assert "Products 1" not in text


def test_long_table_repeats_the_header(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """150 features flow over several pages and every matrix page repeats the product header."""
    pdf = rendered(cases["long"], "en")
    pages = page_texts(pdf, tmp_path)
    matrix_pages = [page for page in pages if "Feature label" in page]
    assert page_count(pdf, tmp_path) == len(pages) >= 5
    assert len(matrix_pages) == len(pages)
    for page in matrix_pages:
        assert all(f"Product {i}" in page for i in range(3))


def test_group_heading_is_never_last_on_a_page(
    cases: dict[str, Comparison], tmp_path: Path
) -> None:
    """A group heading row always has its first feature row under it on the same page."""
    pages = page_texts(rendered(cases["long"], "en"), tmp_path)
    last_lines = [[line for line in page.splitlines() if "page " not in line][-1] for page in pages]
    assert len(pages) > 3
    assert not [line for line in last_lines if re.fullmatch(r"Group \d\d", line)]


def test_rows_are_not_split(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """Every row of the long table, tall ones included, is whole on one page."""
    pages = [squash(page) for page in page_texts(rendered(cases["long"], "en"), tmp_path)]
    table = build_table(cases["long"], "en")
    for row in table.rows:
        parts = [row.heading.display, *(cell.display for cell in row.cells)]
        assert any(all(squash(part) in page for part in parts) for page in pages), row


# ---------------------------------------------------------------- safety


def test_hostile_text_is_literal(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """HTML, CSS and template syntax in a spec come out as the literal text, in every place."""
    fetcher = AssetFetcher()
    table = build_table(cases["hostile"], "en")
    pdf = render_pdf(table, RenderOptions(), fetcher=fetcher)
    text = squash(poppler("pdftotext", pdf, tmp_path))
    for item in HOSTILE:
        assert squash(item) in text
    assert all(url.startswith((ASSETS.as_uri() + "/", "data:")) for url in fetcher.requested)
    assert fetcher.requested == [(ASSETS / "report.css").as_uri()]


def test_hostile_text_never_reaches_css(cases: dict[str, Comparison]) -> None:
    """The HTML has no <style> element and no style attribute; spec text is escaped."""
    html = render_html(build_table(cases["hostile"], "en"), RenderOptions())
    assert "<style" not in html
    assert "style=" not in html
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_http_links(cases: dict[str, Comparison], tmp_path: Path) -> None:
    """Links go to the http(s) URLs of products and sources, never to addresses in text."""
    qdf = uncompressed(rendered(cases["hostile"], "en"), tmp_path)
    uris = set(re.findall(rb"/URI \((.*?)\)", qdf))
    assert uris == {b"https://example.com/product", b"https://example.com/source"}


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://example.com/report.css",
        "https://example.com/",
        (ASSETS / ".." / "pdf.py").as_uri(),
        ASSETS.as_uri() + "/%2e%2e/pdf.py",
        "file://evil.example.com" + (ASSETS / "report.css").as_posix(),
        "ftp://example.com/x",
    ],
)
def test_fetcher_refuses(url: str) -> None:
    """The fetcher refuses anything that is not a package asset or a data: URI."""
    with pytest.raises(PermissionError):
        AssetFetcher().fetch(url)


def test_fetcher_serves_assets_and_data() -> None:
    """The fetcher serves the stylesheet (as text/css) and data: URIs."""
    fetcher = AssetFetcher()
    css = fetcher.fetch((ASSETS / "report.css").as_uri())
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_refused_fetch_stops_rendering() -> None:
    """WeasyPrint stops when the fetcher refuses: nothing outside the assets is ever read."""
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    html = weasyprint.HTML(string='<img src="file:///etc/hostname">', url_fetcher=AssetFetcher())
    with pytest.raises(FatalURLFetchingError):
        html.write_pdf()


def test_refusal_becomes_a_render_error(
    monkeypatch: pytest.MonkeyPatch, sample: Comparison
) -> None:
    """A refused fetch during render_pdf surfaces as comparekit's RenderError."""
    monkeypatch.setattr(pdf_module, "ASSETS", ASSETS / "nowhere")
    with pytest.raises(RenderError, match=r"report\.css"):
        render_pdf(build_table(sample, "en"), RenderOptions())


def test_import_comparekit_does_not_load_weasyprint() -> None:
    """import comparekit (and its render registry) leaves weasyprint unloaded."""
    code = "import sys, comparekit, comparekit.renderers; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- reproducible bytes


_RENDER_IN_CHILD = """
import hashlib, sys, comparekit
from comparekit.renderers import RenderOptions
from comparekit.renderers.pdf import render_pdf
table = comparekit.build_table(comparekit.load(sys.argv[1]), sys.argv[2])
print(hashlib.sha256(render_pdf(table, RenderOptions())).hexdigest())
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bytes_are_identical_across_processes(lang: str) -> None:
    """Two processes in different time zones and hash seeds write byte-identical PDFs."""
    spec = str(ROOT / "specs" / "china-remote-work-2020.toml")
    digests = set()
    for tz, seed in (("UTC", "1"), ("Asia/Seoul", "2"), ("America/New_York", "random")):
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        run = subprocess.run(
            [sys.executable, "-c", _RENDER_IN_CHILD, spec, lang],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_bytes_change_with_the_content(sample: Comparison) -> None:
    """The identical-bytes check can fail: another language gives other bytes."""
    assert rendered(sample, "en") != rendered(sample, "ko")


def test_korean_lines_break_between_words(sample: Comparison, tmp_path: Path) -> None:
    """Korean text wraps at spaces: every word of the summary comes out whole on one line."""
    lines = poppler("pdftotext", rendered(sample, "ko"), tmp_path).splitlines()
    words_on_lines = {word for line in lines for word in line.split()}
    summary = build_table(sample, "ko").summary
    korean = {w for p in summary for w in p.split() if re.search("[\uac00-\ud7a3]", w)}
    assert len(korean) > 50
    assert korean <= words_on_lines


def test_keep_words_wraps_korean_words_and_short_chinese_runs() -> None:
    """Korean words and short Chinese runs get the no-break span, Latin words and long
    Chinese runs do not, and the text is still escaped."""
    html = str(keep_words("DingTalk 钉钉 딩톡 <script> 将中国4300万家企业和组织的工作方式数字化"))
    assert html == (
        'DingTalk <span class="w">钉钉</span> <span class="w">딩톡</span> &lt;script&gt; '
        "将中国4300万家企业和组织的工作方式数字化"
    )


def test_korean_words_with_markup_characters_show_literally(tmp_path: Path) -> None:
    """A Korean word next to < or & is kept whole and escaped once: no entity shows."""
    comparison = Comparison(
        title="T",
        features=[Feature(id="f", label="가격 & 요금", type="count", unit={"en": "<원>"})],
        products=[Product(id="p", name="A&B사", values={"f": 3})],
    )
    text = squash(
        poppler("pdftotext", render_pdf(build_table(comparison), RenderOptions()), tmp_path)
    )
    assert "가격&요금(<원>)" in text
    assert "A&B사" in text
    assert "&lt;" not in text
    assert "&amp;" not in text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_html_without_gaps_between_table_tags_gives_the_same_pdf(
    sample: Comparison, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving out the line breaks between table tags changes no byte of the PDF."""
    table = build_table(sample, lang)
    html = render_html(table, RenderOptions())
    assert "<tr><th" in html
    assert re.search(r">\s+<t[rdh]\b", html) is None
    tight = render_pdf(table, RenderOptions())
    monkeypatch.setattr(pdf_module, "_TABLE_GAPS", re.compile(r"(?!)"))
    assert re.search(r">\s+<t[rdh]\b", render_html(table, RenderOptions()))
    assert render_pdf(table, RenderOptions()) == tight


def test_cited_cells_and_sources_are_numbered(tmp_path: Path) -> None:
    """A cell that cites a source but has no note shows [S1] in the PDF, as the list of
    sources does before the citation."""
    comparison = Comparison(
        title="T",
        sources=[Source(id="one", title="First source"), Source(id="two", title="Second")],
        features=[Feature(id="u", label="Users", type="count")],
        products=[
            Product(id="a", name="A", values={"u": Value(5, source="two")}),
            Product(id="b", name="B", values={"u": Value(7, source=["one", "two"])}),
        ],
    )
    text = squash(poppler("pdftotext", rendered(comparison, "en"), tmp_path))
    for shown in ("5[S2]", "7[S1,S2]", "[S1]Firstsource", "[S2]Second"):
        assert shown in text


def test_a_draft_is_the_same_pages_without_tags(sample: Comparison, tmp_path: Path) -> None:
    """draft=True leaves the tags out (no structure tree) and nothing else: the same pages
    and text, and still the same bytes every time."""
    tagged = rendered(sample, "en")
    draft = rendered(sample, "en", RenderOptions(draft=True))
    assert "Tagged:          no" in poppler("pdfinfo", draft, tmp_path)
    assert b"/StructTreeRoot" in uncompressed(tagged, tmp_path)
    assert b"/StructTreeRoot" not in uncompressed(draft, tmp_path)
    assert page_texts(draft, tmp_path) == page_texts(tagged, tmp_path)
    assert render_pdf(build_table(sample, "en"), RenderOptions(draft=True)) == draft


def test_the_print_only_rules_change_no_byte(
    sample: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdf_assets/print-only.css only spares WeasyPrint measuring: the sample's PDF (with its
    cover, legend and byline) is the same bytes without it."""
    from comparekit.renderers import pdf

    table = build_table(sample, "ko")
    with_rules = render_pdf(table, RenderOptions())
    assert ".cover-page.full" in pdf._print_only_css()
    monkeypatch.setattr(pdf, "_print_only_css", lambda: "")
    assert render_pdf(table, RenderOptions()) == with_rules
