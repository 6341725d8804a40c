"""The HTML report: one self-contained page, from the PDF's template, for a browser.

:func:`render_html` fills ``templates/report.html.j2`` (the template the PDF is printed
from) with ``medium="screen"``: the page carries its stylesheet (``pdf_assets/report.css``,
then ``html_assets/report.css`` for screens, phones and print) and a small script
(``html_assets/report.js``: sort, filter products, collapse groups) inline, and a
Content-Security-Policy that lets the page load nothing: no network, no file, no script or
style but its own (allowed by their SHA-256 hashes). The page is complete without its script.

Safe by construction, as the PDF: every string shown comes from the table and reaches the
page only through Jinja2's autoescaping, never a stylesheet, a script or a ``style``
attribute; links only where the table has one, ``lang`` attributes only from checked tags.

:func:`notebook_html` is the compact version for notebooks: the matrix, legend, notes and
sources in one ``<div>`` with a scoped stylesheet and no script (notebook viewers do not run
one, and the output must read the same where they do).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

import jinja2
import markupsafe

from comparekit.layout import Chunk, Table
from comparekit.renderers import RenderOptions, timestamp
from comparekit.renderers.page import environment, page_parts, theme_css

__all__ = ["ASSETS", "content_security_policy", "notebook_html", "render_html"]

_HERE = Path(__file__).resolve().parent
ASSETS = _HERE / "html_assets"
"""The HTML report's own stylesheet and script, written into every page."""
_PRINT_CSS = _HERE / "pdf_assets" / "report.css"


def _sha256(text: str) -> str:
    """A CSP source for inline text: ``'sha256-<base64 of its SHA-256>'``."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@functools.cache
def _page_parts() -> tuple[markupsafe.Markup, markupsafe.Markup, str]:
    """The page's stylesheet, its script and the policy that allows exactly those two."""
    css = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (_PRINT_CSS, _PRINT_CSS.with_name("scores.css"), ASSETS / "report.css")
    )
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    return markupsafe.Markup(css), markupsafe.Markup(script), content_security_policy(css, script)


def content_security_policy(css: str, script: str) -> str:
    """The page's policy: nothing may load; only the style ``css`` and the script ``script``
    run (by hash); pictures and fonts only from ``data:`` URIs; no form, no base.

    >>> content_security_policy("a{}", "")  # doctest: +ELLIPSIS
    "default-src 'none'; style-src 'sha256-...'; script-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; img-src data:; ..."
    """
    return (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(script)}; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


@functools.cache
def _template() -> jinja2.Template:
    return environment().get_template("report.html.j2")


def render_html(table: Table, options: RenderOptions) -> bytes:
    """The report as one self-contained HTML page (UTF-8 bytes): every column side by side,
    in a box that scrolls sideways, its header row and first column kept in view.

    >>> from comparekit.model import Comparison, Feature, Product
    >>> from comparekit.layout import build_table
    >>> page = render_html(build_table(Comparison(
    ...     title="<b>Chat</b>",
    ...     features=[Feature(id="free", label="Free", type="boolean")],
    ...     products=[Product(id="a", name="A", values={"free": True})])), RenderOptions())
    >>> b"<title>&lt;b&gt;Chat&lt;/b&gt;</title>" in page, b"Content-Security-Policy" in page
    (True, True)
    """
    css, script, _ = _page_parts()
    css = markupsafe.Markup(css + theme_css(table))
    html = _template().render(
        table=table,
        **page_parts(table),
        chunks=[Chunk(0, len(table.columns), "")],
        orientation="screen",
        medium="screen",
        created=timestamp(table, options).strftime("%Y-%m-%dT%H:%M:%SZ"),
        css=css,
        script=script,
        csp=content_security_policy(css, script),
    )
    return html.encode("utf-8")


@functools.cache
def _notebook_css() -> markupsafe.Markup:
    return markupsafe.Markup((ASSETS / "notebook.css").read_text(encoding="utf-8"))


def notebook_html(table: Table) -> str:
    """The report as a compact HTML fragment for a notebook: the page's body in one
    ``<div class="comparekit">`` with a style scoped to it, and no script.

    >>> from comparekit.model import Comparison
    >>> from comparekit.layout import build_table
    >>> fragment = notebook_html(build_table(Comparison(title="Chat", language="ko")))
    >>> fragment.startswith('<div class="comparekit" lang="ko"><style>'), "<script" in fragment
    (True, False)
    """
    page = _template().render(
        table=table,
        **page_parts(table),
        chunks=[Chunk(0, len(table.columns), "")],
        orientation="notebook",
        medium="notebook",
        created="",
    )
    # Spec text is escaped, so the page's own <body> tags are the only ones.
    body = page.partition("<body>")[2].rpartition("</body>")[0].strip()
    return (
        markupsafe.Markup('<div class="comparekit" lang="{}"><style>{}</style>{}</div>')
        .format(table.lang, _notebook_css(), markupsafe.Markup(body))
        .__str__()
    )
