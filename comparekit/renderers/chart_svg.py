"""A :class:`~comparekit.layout.charts.Chart` drawn as SVG by pygal, for the PDF.

pygal is imported here, when the first chart is drawn, never at ``import comparekit`` nor
for a report without charts (``tests/test_chart_svg.py`` proves both). Every word on the
chart comes from the layout; this module decides only how it looks:

* a feature's values are one stacked bar per product: the figure in navy (a qualified one,
  ``about`` or ``up to``, in a lighter colour with a dashed outline, one colour per
  qualifier, named in the legend), and a value's ``max`` as an unfilled dotted segment on
  top of it, up to the higher figure; a product with no value has no bar;
* the totals of the scores are horizontal bars, best first, stacked by each weight's part.

No script: pygal's settings script (tooltips) is taken out of the tree before it is written.

Text stays text (WeasyPrint draws it with the report's fonts, chosen by language), and
the drawing is the same bytes every time: pygal's random chart id is replaced by a fixed
one (:data:`_ID`; never spec text, since pygal writes it into the SVG's stylesheet).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from comparekit.layout.charts import Chart, series
from comparekit.renderers.widths import display_width

__all__ = ["FONTS", "svg"]

FONTS = {
    "zh": '"Noto Sans CJK SC", "DejaVu Sans", sans-serif',
    "ko": '"Noto Sans CJK KR", "DejaVu Sans", sans-serif',
    "ja": '"Noto Sans CJK JP", "DejaVu Sans", sans-serif',
}
"""The font families of a chart's text by language, as ``pdf_assets/report.css`` sets
them for the report's own text; any other language uses :data:`_DEFAULT_FONTS`."""
_DEFAULT_FONTS = '"Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", sans-serif'

_NAVY = "#17324d"
_PALETTE = (
    "#17324d",
    "#5b8db8",
    "#d98c3f",
    "#7aa974",
    "#a36a9c",
    "#c9b458",
    "#6f7f8f",
    "#b85b5b",
)
"""The stacks' colours (the totals), in the order of the weights; more weights reuse them."""
_QUALIFIED = ("#8fb0cf", "#d9a66f", "#9fc39a", "#c49bbf", "#ddd08a", "#a9b4bf", "#d99a9a")
"""The colours of qualified figures, one per qualifier in the order the chart uses them."""

_CSS = ("file://style.css", "file://graph.css")
"""pygal's own stylesheets; the inline rules added to them are comparekit's, never spec text."""
_ID = "comparekit"
"""The id pygal's stylesheet is keyed to (it draws a random one): each chart is an image
of its own, so one id serves them all, and the bytes are the same every time."""

_WIDTH = 860
_HEIGHT = 330


def _style(lang: str, colours: tuple[str, ...]) -> Any:
    from pygal.style import Style

    return Style(
        font_family=FONTS.get(lang.split("-")[0], _DEFAULT_FONTS),
        background="white",
        plot_background="white",
        foreground="#1c2530",
        foreground_strong="#1c2530",
        foreground_subtle="#b9c3cd",
        colors=colours,
        title_font_size=15,
        label_font_size=11,
        major_label_font_size=11,
        value_font_size=11,
        legend_font_size=11,
        tooltip_font_size=11,
        opacity="1",
        opacity_hover="1",
        guide_stroke_color="#dde2e7",
        major_guide_stroke_color="#b9c3cd",
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
    )


def _common(chart: Chart) -> dict[str, Any]:
    """pygal's settings every chart shares: no scripts, no tooltips, a fixed size."""
    return {
        "title": chart.title,
        "width": _WIDTH,
        "height": _HEIGHT,
        "explicit_size": True,
        "js": [],
        "disable_xml_declaration": True,
        "tooltip_fancy_mode": False,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": _legend_columns(chart),
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_x_guides": False,
        "show_y_guides": True,
        "pretty_print": False,
    }


_LEGEND_ROOM = 0.6 * _WIDTH
"""About how wide the legend under a plot may be: the plot's width, less the axis labels
beside it (a totals chart's product names take a third of the drawing)."""
_LEGEND_COLUMN_PX = 6.5
"""About how wide one terminal column of a legend label is at its 11 px font (an ideograph,
two columns, is 11 px; a Latin letter is 5–7 px)."""
_LEGEND_SWATCH_PX = 24
"""The colour swatch before a legend label and the gap after the label."""


def _legend_columns(chart: Chart) -> int:
    """How many legend entries a row under the chart holds: up to four, fewer where the
    longest label would run into the next entry (pygal gives each column an equal share of
    the plot's width and never wraps a label).

    >>> from comparekit.layout.charts import Key
    >>> def legend(first, *marks):
    ...     keys = (Key("plain", "", first), *(Key("mark", m, m) for m in marks))
    ...     return Chart(id="c", title="T", axis="", ticks=(), description="", bars=(),
    ...                  keys=keys)
    >>> _legend_columns(legend("as stated", "up to", "partial"))
    3
    >>> _legend_columns(legend("Free offer during the outbreak", "about", "up to", "partial"))
    2
    """
    titles = [one.title for one in series(chart)]
    widest = max(map(display_width, titles), default=0)
    fit = int(_LEGEND_ROOM // (_LEGEND_SWATCH_PX + widest * _LEGEND_COLUMN_PX))
    return max(1, min(len(titles), 4, fit))


def _point(value: float, text: str) -> dict[str, Any]:
    """A value pygal prints as ``text`` (the layout's words), not as it would format it."""
    shown: Callable[[object], str] = lambda _: text  # noqa: E731
    return {"value": value, "formatter": shown}


def _values_chart(chart: Chart, lang: str) -> Any:
    import pygal

    drawn_as = series(chart)
    marks = sum(one.kind == "mark" for one in drawn_as)
    colours = (_NAVY, *(_QUALIFIED[i % len(_QUALIFIED)] for i in range(marks)), "#ffffff")
    css = [
        f"inline:.color-{i} rect, rect.color-{i} {{ stroke: {_NAVY}; stroke-dasharray: 4 2; }}"
        for i in range(1, marks + 1)
    ]
    if drawn_as[-1].kind == "high":
        css.append(
            f"inline:.color-{marks + 1} rect, rect.color-{marks + 1} {{ fill: none;"
            f" stroke: {_NAVY}; stroke-dasharray: 1.5 2; stroke-width: 1.2; }}"
        )
    drawn = pygal.StackedBar(
        style=_style(lang, colours),
        css=[*_CSS, *css],
        print_values=True,
        print_values_position="top",
        print_zeroes=False,
        show_legend=len(drawn_as) > 1,
        x_labels=[bar.caption for bar in chart.bars],
        y_labels=[{"value": tick.value, "label": tick.text} for tick in chart.ticks],
        y_title=chart.axis or None,
        **_common(chart),
    )
    for one in drawn_as:
        texts = [bar.text if one.kind != "high" else "" for bar in chart.bars]
        values = [
            None if v is None else _point(v, t) for v, t in zip(one.values, texts, strict=True)
        ]
        drawn.add(one.title, values)
    return drawn


def _totals_chart(chart: Chart, lang: str) -> Any:
    import pygal

    colours = tuple(_PALETTE[i % len(_PALETTE)] for i in range(len(chart.stacks)))
    drawn = pygal.HorizontalStackedBar(
        style=_style(lang, colours or (_NAVY,)),
        css=list(_CSS),
        print_values=False,
        x_labels=[bar.caption for bar in reversed(chart.bars)],
        y_labels=[{"value": tick.value, "label": tick.text} for tick in chart.ticks],
        y_title=chart.axis or None,
        **_common(chart),
    )
    for one in series(chart):
        drawn.add(one.title, list(reversed(one.values)))
    return drawn


def _without_scripts(root: Any) -> Any:
    """pygal's tree without its ``<script>`` (its settings for tooltips, spec text among
    them): a PDF runs no script, and an image needs none; and without its comments, one of
    which is the day it was drawn ("Generated with pygal … on 2026-12-07"), which would make
    the same chart other bytes tomorrow. A comment's tag is a function, not a string."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag
            if not isinstance(tag, str) or tag.rpartition("}")[2] == "script":
                parent.remove(child)
    return root


_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_NOT = re.compile(r":not\([^)]*\)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_MOTION = re.compile(r"\s*(?:-webkit-|-moz-)?transition:[^;]*;?")


def _live_rules(css: str, classes: set[str]) -> str:
    """The rules of ``css`` that can style a printed drawing whose elements have ``classes``.

    A rule goes when each of its selectors needs a class no element has (those inside
    ``:not()`` aside, which only narrow it) or ``:hover``, or when it sets nothing but
    transitions; every other rule stays, as written and in its order.

    >>> _live_rules(".a .b{fill:red}.c,.a:not(.z){x:1}.a:hover{y:2}rect{transition:1s}", {"a"})
    '.c,.a:not(.z){x:1}'
    """
    kept = []
    for rule in _RULE.finditer(css):
        selectors, declarations = rule.groups()
        if not _MOTION.sub("", declarations).strip():
            continue
        if any(
            ":hover" not in one and set(_CLASS.findall(_NOT.sub("", one))) <= classes
            for one in selectors.split(",")
        ):
            kept.append(rule.group(0))
    return "".join(kept)


def _lean_styles(root: Any) -> Any:
    """pygal's stylesheets cut to the rules that can apply (:func:`_live_rules`), for the
    PDF: WeasyPrint parses each chart's stylesheets and matches every rule against every
    element, and most of pygal's rules are for tooltips, hovering and other charts."""
    classes = {name for element in root.iter() for name in element.get("class", "").split()}
    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag.rpartition("}")[2] == "style" and element.text:
            element.text = _live_rules(element.text, classes)
    return root


_UNDRAWN = frozenset({"desc", "title"})
"""Elements a printed drawing never shows: pygal's tooltip data and the guides' titles."""
_HIDDEN_GUIDES = {"vertical": "x", "horizontal": "y"}
"""The axis whose guide lines pygal's stylesheet hides (``opacity: 0``) in a chart of each
direction, unless the axis is ``always_show``."""


_TRANSPARENT = re.compile(r"(?:^|;)\s*opacity:\s*0(?:\.0*)?\s*(?:;|$)")


def _shown(element: Any, hidden_axis: bool) -> bool:
    """Whether ``element`` can put ink on the page (see :func:`_without_invisible`)."""
    tag = element.tag.rpartition("}")[2]
    classes = element.get("class", "").split()
    if tag in _UNDRAWN or _TRANSPARENT.search(element.get("style", "")):
        return False
    if tag == "rect":
        return _length(element.get("width")) > 0 and _length(element.get("height")) > 0
    if tag == "text":
        return bool(element.text or len(element))
    if tag == "path" and hidden_axis and "guide" in classes and "line" in classes:
        return False
    return tag != "g" or len(element) > 0


def _length(value: str | None) -> float:
    """A rectangle's width or height as pygal writes it (a number); anything else counts as
    drawn (1).

    >>> _length("0.0"), _length("12.5"), _length("100%"), _length(None)
    (0.0, 12.5, 1.0, 1.0)
    """
    try:
        return float(value) if value is not None else 1.0
    except ValueError:
        return 1.0


def _without_invisible(root: Any) -> Any:
    """pygal's tree without what prints nothing, for a PDF: tooltip data (``desc``), titles,
    the hidden tooltip, zero-sized bars (a stack's empty parts), empty value labels, the
    guide lines its stylesheet hides and the groups left empty. WeasyPrint styles and walks
    every element, and draws each centred label (empty ones too) as an object of its own;
    the page looks the same."""
    graph = next((g for g in root.iter() if "graph" in g.get("class", "").split()), None)
    classes = graph.get("class", "").split() if graph is not None else []
    direction = next((d for d in _HIDDEN_GUIDES if d in classes), "")

    def prune(parent: Any, hidden_axis: bool) -> None:
        for child in list(parent):
            tag = child.tag
            if not isinstance(tag, str):
                continue
            classes = child.get("class", "").split()
            hides = hidden_axis or (
                "axis" in classes
                and _HIDDEN_GUIDES.get(direction) in classes
                and "always_show" not in classes
            )
            prune(child, hides)
            if not _shown(child, hides):
                parent.remove(child)

    prune(root, False)
    return root


def svg(chart: Chart, lang: str, *, lean: bool = False) -> bytes:
    """``chart`` as SVG text, its words in the fonts of ``lang``; the same bytes every time.
    ``lean``, for a PDF, keeps only what prints (:func:`_without_invisible`) and the style
    rules that can apply to it (:func:`_lean_styles`).

    >>> from comparekit.layout.charts import Bar, Tick
    >>> chart = Chart(id="feature-x", title="Users <b>", axis="", ticks=(Tick(0, "0"),
    ...     Tick(5, "5")), keys=(), description="", bars=(Bar("a", "A", 5.0, "5", "A"),))
    >>> drawing = svg(chart, "en")
    >>> drawing.startswith(b"<svg") and b"Users &lt;b&gt;" in drawing, drawing == svg(chart, "en")
    (True, True)
    """
    drawn = _totals_chart(chart, lang) if chart.stacks else _values_chart(chart, lang)
    drawn.uuid = _ID
    drawn.add_xml_filter(_without_scripts)
    if lean:
        drawn.add_xml_filter(_without_invisible)
        drawn.add_xml_filter(_lean_styles)
    out = drawn.render()
    return out.encode("utf-8") if isinstance(out, str) else bytes(out)
