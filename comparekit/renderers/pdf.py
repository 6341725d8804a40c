"""The client-ready PDF report: the table drawn as HTML with Jinja2, printed by WeasyPrint.

:func:`render_html` fills ``templates/report.html.j2`` from a
:class:`~comparekit.layout.Table`; :func:`render_pdf` prints that HTML with the
stylesheet in ``pdf_assets/``. Every string shown comes from the table: this
module decides where it goes and how it looks, never what it says.

Safe by construction:

* spec text reaches the HTML only through Jinja2's autoescaping, never a stylesheet
  or a ``style`` attribute (the only CSS made here is the page size, from the options,
  and the page counter, from the table's UI words);
* links are written only where the table has one (``link``: an ``http`` or ``https``
  address, checked by the layout), and ``lang`` attributes only from the table's checked tags;
* WeasyPrint fetches through :class:`AssetFetcher`, which serves the package's own
  asset files and ``data:`` URIs and refuses everything else.

Tagged, so screen readers follow its structure. Reproducible: the PDF's dates come
from :func:`comparekit.renderers.timestamp` and its file identifier is a hash of its
content, so the same table and options give the same bytes in any process and time zone.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import attrs
import jinja2
import markupsafe
import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse

from comparekit.errors import RenderError
from comparekit.layout import Table, chunks
from comparekit.renderers import RenderOptions, timestamp
from comparekit.renderers._pydyf import compress_once
from comparekit.renderers._weasyprint import LeanHTML, release_layout_garbage
from comparekit.renderers.page import environment, page_parts, theme_css

__all__ = [
    "ASSETS",
    "COLUMNS_PER_PAGE",
    "AssetFetcher",
    "Estimate",
    "estimate",
    "render_html",
    "render_pdf",
]

ASSETS = Path(__file__).resolve().parent / "pdf_assets"
"""The only folder WeasyPrint may read from."""

COLUMNS_PER_PAGE = {"landscape": 6, "portrait": 4}
"""At most this many value columns side by side; more are split over successive pages."""

ROWS_PER_PAGE = {"landscape": 17, "portrait": 26}
"""Matrix rows on a page, about (measured on generated comparisons: 50×50 gives 40 pages)."""
SECONDS_PER_WORK = 0.0006
"""WeasyPrint's CPU time per cell equivalent (the work of one value cell of a few characters)
on one core here (``python -m bench.pdf_work``, docs/performance.md)."""
CHARACTERS_PER_CELL = 17
"""Characters of text in the matrix that take WeasyPrint as long as one value cell: a narrow
column breaks them into many short lines. Text that runs the page's width (notes, sources,
the summary) takes a third of that per character; a CJK character three times, a Hangul one
nine times (each Korean word is a box of its own, kept whole on its line)."""
MATRIX_CHARACTERS_PER_PAGE = 800
"""Characters of one value column that fill a page (measured: 830 landscape, 900 portrait)."""
TEXT_CHARACTERS_PER_PAGE = 4_500
"""Characters of notes or sources that fill a page (measured: 4,800)."""
CHART_WORK = 50
"""Cell equivalents of drawing one chart (pygal) and printing its image, bars aside: 31 ms
measured (``python -m bench.pdf_work --shapes charts-4x20,plain-4x20,…``, docs/performance.md)."""
CHART_BAR_WORK = 5
"""Cell equivalents of each bar (or part of a stacked bar, or range) of a chart: 3.1 ms."""
CHARTS_PER_PAGE = 2
"""Charts on a PDF page (measured: 20 charts fill 10 pages, at 4 and at 40 bars each)."""

_CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


_IDEOGRAPH = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KEPT = re.compile(
    r"(?P<hangul>\S*[\uac00-\ud7a3]\S*)"
    rf"|(?P<cjk>[A-Za-z0-9.]*[{_IDEOGRAPH}][{_IDEOGRAPH}A-Za-z0-9.]*)"
)
"""A Korean word (up to spaces), or a run of Chinese or Japanese characters with the
letters and digits written against them (up to spaces and punctuation: 钉钉5.0, 巴颜喀拉)."""
KEEP_WORD_MAX = 20
"""Korean words up to this many characters are kept whole on a line."""
KEEP_CJK_WIDTH = 16
"""Runs of Chinese characters up to this wide (an ideograph counts two, a letter one: eight
ideographs, a product name or a short term) are kept whole on a line. The narrowest value
column (six across a landscape page, four across a portrait one) holds ten ideographs, so a
cell no wider than this is on one line whatever its words (:func:`keep_words`)."""


def keep_words(text: str, whole: str | None = None) -> markupsafe.Markup:
    """``text`` escaped, each Korean word and each short run of Chinese characters in a span
    that must not break across lines.

    ``whole`` is all that shares the line with ``text`` (a matrix cell's or heading's display,
    marks and references included): when it is no wider than :data:`KEEP_CJK_WIDTH`, it fits
    on one line of the narrowest column, no line breaks in it, and no span is needed (each is
    two boxes and a tag more for WeasyPrint: at 50×50, the spans of short cells were about a
    tenth of the PDF's time).

    Korean is written with spaces between words and breaks lines there; Pango would
    break between any two syllables (WeasyPrint has no ``word-break: keep-all``).
    Chinese has no spaces, and Pango breaks between any two characters, so a name would
    split (巴颜喀 / 拉): a run between spaces and punctuation of at most
    :data:`KEEP_CJK_WIDTH` stays whole, so lines break at punctuation where they can and
    inside a run only when it is long (a sentence). Other text passes through escaped
    and otherwise unchanged.

    >>> keep_words("약 2억 <b>")
    Markup('<span class="w">약</span> <span class="w">2억</span> &lt;b&gt;')
    >>> keep_words("(<가)")
    Markup('<span class="w">(&lt;가)</span>')
    >>> keep_words("钉钉5.0“巴颜喀拉”")
    Markup('<span class="w">钉钉5.0</span>“<span class="w">巴颜喀拉</span>”')
    >>> keep_words("巴颜喀拉", "巴颜喀拉 [S1]"), keep_words("약 2억", "약 2억 [3] [S1,S2]")
    (Markup('巴颜喀拉'), Markup('<span class="w">약</span> <span class="w">2억</span>'))
    """
    if whole is not None and len(whole) + len(_WIDE.findall(whole)) <= KEEP_CJK_WIDTH:
        return markupsafe.escape(text)
    parts = []
    done = 0
    for word in _KEPT.finditer(text):
        parts.append(markupsafe.escape(text[done : word.start()]))
        found = word.group(0)
        escaped = markupsafe.escape(found)
        if word.group("hangul"):
            keep = len(found) <= KEEP_WORD_MAX
        else:
            keep = len(found) + len(_WIDE.findall(found)) <= KEEP_CJK_WIDTH
        parts.append(
            markupsafe.Markup('<span class="w">{}</span>').format(escaped) if keep else escaped
        )
        done = word.end()
    parts.append(markupsafe.escape(text[done:]))
    return markupsafe.Markup("").join(parts)


@functools.cache
def _environment() -> jinja2.Environment:
    """The HTML report's template environment (one template, two media), Korean words kept whole."""
    return environment(keep_words)


@attrs.frozen
class Estimate:
    """What printing a table would take, worked out before any printing.

    ``work`` is in cell equivalents: value cells, plus their text and every other text
    weighted by what it costs WeasyPrint (see :data:`CHARACTERS_PER_CELL`). It is what
    :attr:`RenderOptions.max_pdf_work <comparekit.renderers.RenderOptions.max_pdf_work>` limits.
    """

    cells: int
    characters: int
    """Characters of text the PDF shows (a row heading once per run of columns it heads)."""
    work: int
    pages: int
    seconds: float


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
"""Characters a line holds half as many of: CJK, kana, Hangul, full-width forms."""
_HANGUL = re.compile("[\uac00-\ud7a3]")


def _weigh(text: str) -> tuple[int, int]:
    """``text``'s length in narrow characters (a wide one counts two) and its work in
    characters (a CJK one counts three, a Hangul one nine). Linear in the text.

    >>> _weigh("about 200"), _weigh("钉钉"), _weigh("회의")
    ((9, 9), (4, 6), (4, 18))
    """
    if text.isascii():
        return len(text), len(text)
    wide = len(_WIDE.findall(text))
    return len(text) + wide, len(text) + 2 * wide + 6 * len(_HANGUL.findall(text))


def estimate(table: Table, options: RenderOptions) -> Estimate:
    """The size of the PDF for ``table``, and about how long WeasyPrint needs for it.

    Counted in one pass over the table's text, before any HTML is made: value cells,
    characters in the matrix (in a narrow column, each costs about 1/17 of a cell) and
    elsewhere (a third of that), and the pages the tallest cell of each row fills; each
    chart a fixed work and a work per bar drawn, two charts a page.

    >>> from comparekit.model import Comparison, Feature, Product
    >>> from comparekit.layout import build_table
    >>> def chat(products, text):
    ...     return build_table(Comparison(
    ...         title="Chat apps",
    ...         features=[Feature(id=f"f{i}", label=f"F{i}", type="text") for i in range(30)],
    ...         products=[Product(id=f"p{j}", name=f"P{j}", values={f"f{i}": text for i in range(30)})
    ...                   for j in range(products)]))
    >>> estimate(chat(8, "Yes"), RenderOptions())
    Estimate(cells=240, characters=905, work=292, pages=5, seconds=0.6)
    >>> estimate(chat(8, "long " * 2000), RenderOptions())
    Estimate(cells=240, characters=2400185, work=141427, pages=751, seconds=85.3)
    """
    per_page = ROWS_PER_PAGE[options.orientation]
    runs = chunks(table, COLUMNS_PER_PAGE[options.orientation])
    characters = matrix = pages = 0
    headings = [_weigh(row.heading.display) for section in table.sections for row in section.rows]
    titles = [_weigh(section.title) for section in table.sections]
    for run in runs:
        height = 0.0  # in rows of one line
        heading_of = iter(headings)
        for section, title in zip(table.sections, titles, strict=True):
            if section.title:
                characters, matrix, height = characters + title[0], matrix + title[1], height + 1
            for row in section.rows:
                tallest, weight = next(heading_of)
                characters, matrix = characters + tallest, matrix + weight
                for cell in row.cells[run.start : run.stop]:
                    length, weight = _weigh(cell.display)
                    characters, matrix = characters + length, matrix + weight
                    tallest = max(tallest, length)
                height += max(1.0, tallest * per_page / MATRIX_CHARACTERS_PER_PAGE)
        pages += math.ceil(height / per_page)
    for heading in table.columns:
        length, weight = _weigh(heading.display + heading.detail)
        characters, matrix = characters + length, matrix + weight
    texts = [table.title, table.subtitle, *table.summary, *(e.meaning for e in table.legend)]
    texts += [note.text + note.where for note in table.notes]
    texts += [source.citation + (source.url or "") for source in table.sources]
    texts += [table.changes_title, *(entry.text for entry in table.changes)]
    texts += [item.display for group in table.highlights for item in group.items]
    if table.analysis is not None:  # the findings, and the scores page's tables and words
        part = table.analysis
        texts += [f.text + f.cells_text for f in part.findings]
        texts += [*part.sensitivity, *part.coverage, *(" ".join(r) for r in part.grid())]
    prose = prose_work = 0  # text the page's width wide
    for text in texts:
        length, weight = _weigh(text)
        prose, prose_work = prose + length, prose_work + weight
    rows = sum(len(section.rows) + bool(section.title) for section in table.sections)
    cells = rows * len(table.columns)
    work = cells + (3 * matrix + prose_work) // (3 * CHARACTERS_PER_CELL)
    pages += 1 + prose // TEXT_CHARACTERS_PER_PAGE
    if table.charts:  # the layout's charts module is imported: the table has charts
        from comparekit.layout.charts import series

        drawn = sum(v is not None for c in table.charts for s in series(c) for v in s.values)
        work += CHART_WORK * len(table.charts) + CHART_BAR_WORK * drawn
        pages += math.ceil(len(table.charts) / CHARTS_PER_PAGE)
    return Estimate(
        cells=cells,
        characters=characters + prose,
        work=work,
        pages=pages,
        seconds=round(0.4 + work * SECONDS_PER_WORK, 1),
    )


def _check_size(table: Table, options: RenderOptions) -> None:
    """Refuse, before any printing, a PDF too big to render in reasonable time."""
    limit = options.max_pdf_work
    if not limit:
        return
    size = estimate(table, options)
    if size.work > limit:
        time = f"{size.seconds / 60:.0f} minutes" if size.seconds >= 90 else f"{size.seconds:.0f} s"
        raise RenderError(
            f"a PDF of this comparison would hold {size.cells:,} cells "
            f"({len(table.columns):,} columns) and {size.characters:,} characters of text: "
            f"about {size.work:,} cell equivalents of work, {size.pages:,} pages, "
            f"taking about {time} to render; the PDF limit is {limit:,} cell equivalents. "
            "Write it as xlsx instead (-f xlsx), split the spec into smaller comparisons, "
            "or raise the limit (--max-pdf-work)"
        )


def render_html(table: Table, options: RenderOptions) -> str:
    """The report as HTML: what :func:`render_pdf` prints, to inspect or test.

    >>> from comparekit.model import Comparison, Feature, Product
    >>> from comparekit.layout import build_table
    >>> table = build_table(Comparison(
    ...     title="<b>Chat</b>",
    ...     features=[Feature(id="free", label="Free", type="boolean")],
    ...     products=[Product(id="a", name="A", values={"free": True})]))
    >>> "<title>&lt;b&gt;Chat&lt;/b&gt;</title>" in render_html(table, RenderOptions())
    True
    """
    template = _environment().get_template("report.html.j2")
    html = template.render(
        table=table,
        **page_parts(table, lean=True),
        chunks=chunks(table, COLUMNS_PER_PAGE[options.orientation]),
        orientation=options.orientation,
        created=timestamp(table, options).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return _TABLE_GAPS.sub("><", html)


_TABLE_GAPS = re.compile(r">\s+<(?=/?(?:table|colgroup|col|thead|tbody|tr|th|td)\b)")
"""Line breaks and indents before a table's tags. A table never shows them, and without
them WeasyPrint has fewer text nodes to parse and drop: the same PDF, 3 % sooner at 50×50.
Text from the spec cannot match: it is escaped, so it holds no ``<``."""


def _page_css(table: Table, options: RenderOptions) -> str:
    """The page size, from the options, and the page counter, from the table's UI words."""
    return (
        f"@page {{ size: {options.page_size} {options.orientation};"
        f" @bottom-right {{ content: {_counter(table.words.page)}; }} }}\n{_print_only_css()}"
    ) + _theme_css(table)


@functools.cache
def _print_only_css() -> str:
    """``pdf_assets/print-only.css``: the rules the PDF alone takes (each says why)."""
    return (ASSETS / "print-only.css").read_text(encoding="utf-8")


def _theme_css(table: Table) -> str:
    """The theme's colours (:func:`~comparekit.renderers.page.theme_css`) and its footer line
    in the top margin box of every page; nothing for a table without a theme. The footer is a
    CSS string with every character but letters and digits escaped."""
    css = theme_css(table)
    look = table.look
    if look is not None and look.footer:
        css += f" @page {{ @top-right {{ content: {_css_string(look.footer)}; }} }}"
    return css


def _counter(template: str) -> str:
    r"""CSS ``content`` for a "page {page} of {pages}" template: its text, quoted, and counters.

    >>> _counter("page {page} of {pages}")
    '"page\\000020" counter(page) "\\000020of\\000020" counter(pages)'
    """
    parts = re.split(r"\{(pages?)\}", template)
    return " ".join(
        f"counter({part})" if odd else _css_string(part)
        for odd, part in ((index % 2, part) for index, part in enumerate(parts))
        if part
    )


def _css_string(text: str) -> str:
    r"""A CSS string holding ``text``, every character but letters and digits escaped.

    >>> _css_string('쪽 "1"')
    '"쪽\\000020\\0000221\\000022"'
    """
    return '"' + "".join(c if c.isalnum() else f"\\{ord(c):06x}" for c in text) + '"'


class AssetFetcher(weasyprint.URLFetcher):  # type: ignore[misc]  # weasyprint has no types
    """WeasyPrint's URL fetcher, restricted to the package's assets and ``data:`` URIs.

    Every URL asked for is kept in ``requested``. Anything but a file inside
    :data:`ASSETS` or a ``data:`` URI is refused with :class:`PermissionError`,
    which stops the rendering.

    >>> fetcher = AssetFetcher()
    >>> fetcher.fetch((ASSETS / "report.css").as_uri()).content_type
    'text/css'
    >>> fetcher.fetch("file:///etc/hostname")
    Traceback (most recent call last):
    ...
    PermissionError: refused to fetch 'file:///etc/hostname': not a comparekit asset
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), fail_on_errors=True)
        self.requested: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Serve an asset file or a ``data:`` URI; refuse anything else."""
        self.requested.append(url)
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = _asset_path(url)
        if path is None:
            raise PermissionError(f"refused to fetch {url!r}: not a comparekit asset")
        content_type = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": f"{content_type}; charset=utf-8"}
        )


def _asset_path(url: str) -> Path | None:
    """The file inside :data:`ASSETS` that a ``file:`` URL names, links resolved, or ``None``."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path if path.is_relative_to(ASSETS) and path.is_file() else None


def render_pdf(
    table: Table, options: RenderOptions, *, fetcher: AssetFetcher | None = None
) -> bytes:
    """The report as PDF bytes, the same bytes every time for the same table and options.

    ``fetcher`` is the :class:`AssetFetcher` WeasyPrint uses (a new one by default);
    pass one to see what was asked for.

    >>> from comparekit.model import Comparison, Feature, Product
    >>> from comparekit.layout import build_table
    >>> table = build_table(Comparison(
    ...     title="Chat apps",
    ...     features=[Feature(id="free", label="Free", type="boolean")],
    ...     products=[Product(id="a", name="钉钉", values={"free": True})]))
    >>> render_pdf(table, RenderOptions()).startswith(b"%PDF-")
    True
    """
    _check_size(table, options)
    html = render_html(table, options)
    fetcher = fetcher or AssetFetcher()
    page = weasyprint.CSS(string=_page_css(table, options), url_fetcher=fetcher)
    try:
        # LeanHTML: WeasyPrint's HTML without styles of pseudo-elements the report never has
        parsed = LeanHTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)
        del html  # parsed: the string is not needed any more
        document = parsed.render(stylesheets=[page])
        del parsed
        release_layout_garbage(len(document.pages))  # before write_pdf adds its own memory
        # compress_once: each stream compressed once, not again for the identifier (same bytes)
        pdf: bytes = document.write_pdf(
            pdf_identifier=True, pdf_tags=not options.draft, finisher=compress_once
        )
    except FatalURLFetchingError as error:
        raise RenderError(f"the PDF report asked for a resource it may not use: {error}") from error
    return pdf
