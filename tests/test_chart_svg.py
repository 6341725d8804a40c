"""Charts in the PDF: pygal's SVG, lazily imported, the same bytes every time, in the
report's language (comparekit/renderers/chart_svg.py, pdf.py)."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from comparekit import Comparison, Feature, Product, RenderError, Value, build_table, render
from comparekit.renderers import RenderOptions
from comparekit.renderers.chart_svg import svg
from comparekit.renderers.pdf import (
    CHART_BAR_WORK,
    CHART_WORK,
    AssetFetcher,
    estimate,
    render_html,
    render_pdf,
)

HOSTILE = '</text><script>alert(1)</script><image href="http://x/y.png"/>'


def comparison(name: str = "DingTalk") -> Comparison:
    """A chart with a range, a qualified figure and a gap; a product name as given."""
    return Comparison(
        title="Chat apps",
        features=[
            Feature(
                id="cap",
                label={"en": "Capacity", "ko": "화상회의 인원", "zh": "参会人数"},
                type="count",
                chart=True,
            )
        ],
        products=[
            Product(id="a", name=name, values={"cap": Value(102, max=302)}),
            Product(id="b", name={"en": "WeChat Work", "zh": "企业微信"}, values={"cap": 300}),
            Product(id="c", name="Feishu", values={"cap": Value(100, qualifier="up_to")}),
            Product(id="d", name="WeLink"),
        ],
    )


def test_svg_is_the_same_bytes_every_time() -> None:
    """Two drawings of one chart are equal (pygal's random id replaced)."""
    (chart,) = build_table(comparison()).charts
    first = svg(chart, "en")
    assert first == svg(chart, "en")
    assert b'id="chart-comparekit"' in first


def test_svg_carries_no_day_and_no_comment() -> None:
    """pygal's comments (one names the day it drew the chart) are taken out: a chart drawn
    tomorrow, or on a machine whose clock says another year, is the same bytes."""
    (chart,) = build_table(comparison()).charts
    drawing = svg(chart, "en")
    assert b"<!--" not in drawing
    assert re.search(rb"20\d\d-\d\d-\d\d", drawing) is None


def test_svg_in_a_new_process_is_the_same_bytes() -> None:
    """Another process (another hash seed) draws the same bytes."""
    code = (
        "import sys, hashlib; from tests.test_chart_svg import comparison;"
        "from comparekit import build_table; from comparekit.renderers.chart_svg import svg;"
        "sys.stdout.write(hashlib.sha256(svg(build_table(comparison()).charts[0], 'en'))"
        ".hexdigest())"
    )
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    import hashlib

    (chart,) = build_table(comparison()).charts
    assert run.stdout == hashlib.sha256(svg(chart, "en")).hexdigest()


def test_spec_text_is_text_in_the_svg() -> None:
    """A hostile product name is escaped: no script, no image, no link to fetch."""
    (chart,) = build_table(comparison(HOSTILE)).charts
    drawing = svg(chart, "en").decode()
    assert "&lt;/text&gt;&lt;script&gt;" in drawing
    tags = {element.tag.rpartition("}")[2] for element in ElementTree.fromstring(drawing).iter()}
    assert not tags & {"script", "image", "a", "use", "foreignObject"}
    assert not any(
        name.rpartition("}")[2] in ("href", "src")
        for element in ElementTree.fromstring(drawing).iter()
        for name in element.attrib
    )


def test_words_on_the_chart_come_from_the_layout() -> None:
    """Value labels, the gap's words and the legend are the layout's, in the language."""
    (chart,) = build_table(comparison(), "zh").charts
    drawing = svg(chart, "zh").decode()
    for text in ("102（最多302）", "最多100", "WeLink · 未提及", "参会人数", "原文数值"):
        assert text in drawing
    assert '"Noto Sans CJK SC"' in drawing


def test_pdf_embeds_charts_as_data_uris_and_fetches_nothing_else() -> None:
    """The chart is an <img> of a data: URI, its lean drawing, with its description as alt text."""
    table = build_table(comparison(), "ko")
    html = render_html(table, RenderOptions())
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="', html)
    uri = re.search(r"base64,([A-Za-z0-9+/=]+)", html)
    assert uri is not None
    assert base64.b64decode(uri.group(1)) == svg(table.charts[0], "ko", lean=True)
    fetcher = AssetFetcher()
    render_pdf(table, RenderOptions(), fetcher=fetcher)
    assert all(u.startswith("data:") or u.endswith("report.css") for u in fetcher.requested)


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_pdf_with_charts_is_reproducible_and_keeps_text_as_text(lang: str, tmp_path: Path) -> None:
    """Twice the same bytes; the chart's title and value labels are text in the PDF."""
    first = render(comparison(), "pdf", lang=lang)
    assert first == render(comparison(), "pdf", lang=lang)
    path = tmp_path / "r.pdf"
    path.write_bytes(first)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    title = {"en": "Capacity", "ko": "화상회의 인원", "zh": "参会人数"}[lang]
    assert text.count(title) >= 2  # the matrix's row and the chart's title
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    if lang != "en":
        assert "CJK" in fonts


def _modules(code: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", code + "; import sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(run.stdout.split())


def test_pygal_is_imported_only_when_a_chart_is_drawn() -> None:
    """`import comparekit` and a PDF without charts leave pygal out; a chart brings it in."""
    assert "pygal" not in _modules("import comparekit")
    plain = (
        "import comparekit; from comparekit import Comparison, Feature, Product;"
        "c = Comparison(title='T', features=[Feature(id='n', label='N', type='count')],"
        " products=[Product(id='a', name='A', values={'n': 1})]);"
        "comparekit.render(c, 'pdf'); comparekit.render(c, 'xlsx')"
    )
    assert "pygal" not in _modules(plain)
    assert "pygal" in _modules(plain.replace("type='count'", "type='count', chart=True"))


def charted(products: int, features: int, chart: bool) -> Comparison:
    """``products`` × ``features`` counts, one not stated; every feature charted when ``chart``."""
    return Comparison(
        title="T",
        features=[
            Feature(id=f"f{j}", label="F", type="count", chart=chart) for j in range(features)
        ],
        products=[
            Product(id=f"p{i}", name="P", values={f"f{j}": i + j for j in range(features) if i})
            for i in range(products)
        ],
    )


def test_the_pdf_estimate_counts_each_chart_and_its_bars() -> None:
    """Five charts of six bars (one not stated, no bar) add 5 × 50 + 25 × 5 work and 3 pages."""
    plain = estimate(build_table(charted(6, 5, False), None), RenderOptions())
    charts = estimate(build_table(charted(6, 5, True), None), RenderOptions())
    assert charts.work - plain.work == 5 * CHART_WORK + 25 * CHART_BAR_WORK == 375
    assert charts.pages - plain.pages == 3
    assert charts.cells == plain.cells


def test_the_pdf_limit_refuses_charts_too_many_to_print() -> None:
    """40 charts of 100 bars (about 14 s of charts) are refused under a limit that lets the
    same table without charts through, before any drawing."""
    big, small = charted(100, 40, True), charted(100, 40, False)
    options = RenderOptions(max_pdf_work=estimate(build_table(small, None), RenderOptions()).work)
    with pytest.raises(RenderError, match="--max-pdf-work"):
        render(big, "pdf", options=options)


def test_lean_svg_drops_only_what_prints_nothing() -> None:
    """The PDF's lean drawing keeps every word and every bar with an area, and drops pygal's
    tooltip data, titles, empty labels, zero-sized bars and hidden guide lines."""
    (chart,) = build_table(comparison()).charts

    def parts(drawing: bytes) -> tuple[list[str], list[tuple[str, str]], set[str]]:
        root = ElementTree.fromstring(drawing)
        elements = list(root.iter())
        words = [e.text for e in elements if e.tag.endswith("}text") and e.text]
        bars = [
            (e.get("width", ""), e.get("height", ""))
            for e in elements
            if e.tag.endswith("}rect") and float(e.get("height", 1)) > 0
        ]
        return words, bars, {e.tag.rpartition("}")[2] for e in elements}

    full_words, full_bars, full_tags = parts(svg(chart, "en"))
    lean_words, lean_bars, lean_tags = parts(svg(chart, "en", lean=True))
    assert lean_words == full_words
    assert lean_bars == [bar for bar in full_bars if float(bar[0]) > 0]
    assert {"desc", "title"} <= full_tags
    assert not lean_tags & {"desc", "title"}
    assert b'style="opacity: 0"' not in svg(chart, "en", lean=True)
    x_axes = [
        axis
        for axis in ElementTree.fromstring(svg(chart, "en", lean=True)).iter()
        if axis.get("class", "").split()[:2] == ["axis", "x"]
    ]
    assert x_axes  # hidden in a vertical chart: its guides go, its labels stay
    assert all("guide" not in e.get("class", "").split() for axis in x_axes for e in axis.iter())
