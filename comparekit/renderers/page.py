"""What the report template (``templates/report.html.j2``) is given besides the table, the
same for every medium it is filled for: the PDF (:mod:`comparekit.renderers.pdf`), the HTML
page and the notebook view (:mod:`comparekit.renderers.html`).

That is the Jinja2 environment (autoescaping, strict), the charts as ``data:`` images, the
theme's logo and the theme's colours as CSS. Every string reaches the template only through
autoescaping; the pictures are embedded, never fetched.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import markupsafe

from comparekit.layout import BEST_MARK, CHANGED_MARK, Table

__all__ = ["TEMPLATES", "chart_images", "environment", "logo_uri", "page_parts", "theme_css"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The templates the HTML and the PDF are made from."""


def _escaped(text: str, whole: str | None = None) -> markupsafe.Markup:
    """``text`` escaped: the ``words`` filter of a medium that breaks lines as it likes."""
    return markupsafe.escape(text)


def environment(
    words: Callable[[str, str | None], markupsafe.Markup] = _escaped,
) -> jinja2.Environment:
    """The Jinja2 environment of the report template: autoescaping, strict, ``words`` as the
    filter that shows a running text, given what shares its line if the template knows it
    (plain escaping here; the PDF keeps Korean words and short Chinese runs whole)."""
    made = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    made.filters["words"] = words
    made.globals.update(best_mark=BEST_MARK, changed_mark=CHANGED_MARK)
    return made


def page_parts(table: Table, *, lean: bool = False) -> dict[str, object]:
    """What the template shows besides the table, for every medium (PDF, page, notebook):
    the charts (:func:`chart_images`) and the theme's logo (:func:`logo_uri`)."""
    return {"charts": chart_images(table, lean=lean), "logo": logo_uri(table)}


def logo_uri(table: Table) -> str:
    """The theme's logo as a ``data:`` URI for the cover (empty without one): the only
    picture of a report besides its charts, embedded, never fetched."""
    look = table.look
    if look is None or look.logo is None:
        return ""
    kind = "image/png" if look.logo_kind == "png" else "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(look.logo).decode('ascii')}"


_COLOUR = re.compile(r"#[0-9A-F]{6}\Z")


def theme_css(table: Table) -> str:
    """The theme's colours as CSS custom properties (``--navy``, the brand colour as text on
    white; ``--accent``), after the report's stylesheet; nothing for a table without a theme.
    Colours are ``#RRGGBB`` (checked again here). ``!important``: WeasyPrint takes the PDF's
    extra stylesheet as a user style, which only ``!important`` lets outweigh
    ``report.css``'s own ``--navy``."""
    look = table.look
    if look is None:
        return ""
    properties = [
        f"{name}: {colour} !important;"
        for name, colour in (("--navy", look.brand_ink), ("--accent", look.accent))
        if colour is not None and _COLOUR.match(colour)
    ]
    return f" :root {{ {' '.join(properties)} }}" if properties else ""


def chart_images(table: Table, *, lean: bool = False) -> list[tuple[str, str]]:
    """Each chart's drawing as a ``data:`` URI (an SVG image, fetched by nothing), with the
    chart's description as its alternative text; pygal is imported only when there is one."""
    if not table.charts:
        return []
    from comparekit.renderers.chart_svg import svg

    return [
        (
            "data:image/svg+xml;base64,"
            + base64.b64encode(svg(chart, table.lang, lean=lean)).decode("ascii"),
            chart.description,
        )
        for chart in table.charts
    ]
