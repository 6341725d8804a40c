"""Charts as lines of text, for the txt and md reports: a bar of block characters per product.

Each :class:`~comparekit.layout.charts.Chart` of a table is drawn from the layout's bars and
words, nothing decided here but the drawing: one line per bar, its name (wrapped, aligned by
display width so CJK names line up), a bar as long as its value on the chart's scale (the
layout's ticks, from the first to the last), then the value as the matrix shows it. A value
that is not stated has no bar, only its words. A figure with a qualifier is drawn in a shade
of its own, the part up to a value's maximum dotted, and every weight of the stacked totals
in a character of its own; the legend under the chart says which is which.

>>> from comparekit.layout.charts import Bar, Chart, Key, Tick
>>> chart = Chart(id="feature-cap", title="Capacity", axis="", description="",
...     bars=(Bar("a", "A", 100.0, "100 (up to 300)", "A", high=300.0),
...           Bar("b", "B", 200.0, "about 200", "B", mark="about"),
...           Bar("c", "C", None, "not stated", "C · not stated")),
...     ticks=(Tick(0.0, "0"), Tick(200.0, "200"), Tick(400.0, "400")),
...     keys=(Key("plain", "", "as stated"), Key("mark", "about", "about"),
...           Key("high", "", "dotted: up to the maximum")))
>>> from comparekit.renderers.text import wrap
>>> print("\\n".join(chart_lines(chart, 40, wrap)))
Capacity
  A  █████▌┈┈┈┈┈┈┈┈┈┈ 100 (up to 300)
  B  ▓▓▓▓▓▓▓▓▓▓▓ about 200
  C  not stated
     0          200        400
  █ as stated
  ▓ about
  ┈ dotted: up to the maximum
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from comparekit.renderers.widths import display_width

if TYPE_CHECKING:  # the layout's charts are imported only for a report that has one
    from comparekit.layout.charts import Bar, Chart, Key

__all__ = ["FULL", "HIGH", "SHADES", "chart_lines", "charts_md", "charts_txt", "fence"]

FULL = "█"
"""The bars of figures as stated (the first weight of the totals)."""
EIGHTHS = " ▏▎▍▌▋▊▉"
"""A plain bar's last cell, in eighths of a column."""
HIGH = "┈"
"""The part of a bar from its figure up to the value's stated maximum (dotted)."""
SHADES = "▓▒░▚▞▙▟▛▜■"
"""The bars of each qualifier, then the weights of the totals after the first, in the order of
the chart's legend; after these, letters."""
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MIN_BAR = 10
"""The bars are given at least this many columns, however narrow the width."""
_INDENT = "  "
_BACKTICKS = re.compile("`+")
Wrap = Callable[[str, int], list[str]]
"""How text is broken into lines of a width: the text renderer's ``wrap`` (which imports
this module, so it is given, not imported)."""


def _fills(chart: Chart) -> dict[tuple[str, str], str]:
    """The character of each legend entry, by its kind and code."""
    fills: dict[tuple[str, str], str] = {("plain", ""): FULL, ("high", ""): HIGH}
    others = SHADES + _LETTERS
    used = 0
    for index, key in enumerate(chart.keys):
        if key.kind == "stack" and index == 0:
            fills[key.kind, key.code] = FULL
        elif key.kind in ("mark", "stack"):
            fills[key.kind, key.code] = others[used % len(others)]
            used += 1
    return fills


def _column(value: float, low: float, high: float, columns: int) -> float:
    """Where ``value`` falls on a scale of ``columns`` columns from ``low`` to ``high``."""
    return (value - low) / (high - low) * columns


def _plain_bar(start: float, end: float) -> str:
    """A solid bar from column ``start`` (whole) to ``end``, its last cell in eighths."""
    eighths = round((end - start) * 8)
    return FULL * (eighths // 8) + EIGHTHS[eighths % 8].strip()


def _bar(bar: Bar, chart: Chart, fills: dict[tuple[str, str], str], columns: int) -> str:
    """The drawing of one bar: blank up to zero, its figure (or its stacks), its range."""
    low, high = chart.ticks[0].value, chart.ticks[-1].value
    if bar.value is None or high <= low:
        return ""
    zero = round(_column(min(max(0.0, low), high), low, high, columns))
    if chart.stacks:
        index = chart.bars.index(bar)
        drawn, total = "", 0.0
        for key, stack in zip(chart.keys, chart.stacks, strict=False):
            part = stack.values[index]
            if part is None or part <= 0:
                continue
            start = round(_column(total, low, high, columns))
            total += part
            drawn += fills[key.kind, key.code] * (round(_column(total, low, high, columns)) - start)
        return " " * zero + drawn
    end = _column(bar.value, low, high, columns)
    if bar.value < 0:
        return " " * round(end) + fills.get(("mark", bar.mark), FULL) * (zero - round(end))
    if bar.mark:
        drawn = fills.get(("mark", bar.mark), FULL) * max(round(end) - zero, 1)
    else:
        drawn = _plain_bar(zero, end) or EIGHTHS[1]
    if bar.high is not None and bar.high > bar.value:
        top = round(_column(min(bar.high, high), low, high, columns))
        drawn += HIGH * max(top - zero - display_width(drawn), 0)
    return " " * zero + drawn


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _axis(chart: Chart, start: int, columns: int, width: int) -> str:
    """The ticks' labels under the bars, each at its place, none over another."""
    low, high = chart.ticks[0].value, chart.ticks[-1].value
    line = ""
    for tick in chart.ticks:
        if high <= low:
            break
        place = start + round(_column(tick.value, low, high, columns))
        label = " ".join(tick.text.split())
        if tick is chart.ticks[-1]:
            place = min(place, max(width - display_width(label), 0))
        fits = place + display_width(label) <= width
        if fits and display_width(line) + (1 if line else 0) <= place:
            line = _pad(line, place) + label
    return line.rstrip()


def chart_lines(chart: Chart, width: int, wrap: Wrap) -> list[str]:
    """``chart`` as lines of at most ``width`` columns (a name or value text too long is
    ``wrap``-ped; the bars get at least :data:`MIN_BAR` columns): its title, a line per bar,
    the scale, the axis' title when the title does not say it, and the legend."""

    def _wrap(text: str, width: int) -> list[str]:
        return wrap(text, max(width, 1))

    fills = _fills(chart)
    totals = bool(chart.stacks)
    names = [bar.caption if totals else bar.label for bar in chart.bars]
    texts = ["" if totals else bar.text for bar in chart.bars]  # a total is in its caption
    name_width = min(max(map(display_width, names), default=0), max(width // 3, 8))
    last = display_width(chart.ticks[-1].text) - 1 if chart.ticks else 0  # the scale's end
    text_width = min(max([last, *map(display_width, texts)]), max(width // 4, 12))
    start = len(_INDENT) + name_width + 2
    columns = max(width - start - 1 - text_width, MIN_BAR)
    lines = _wrap(chart.title, width)
    for bar, name, text in zip(chart.bars, names, texts, strict=True):
        drawn = _bar(bar, chart, fills, columns)
        left = _wrap(name, name_width)
        gap = display_width(drawn) + (1 if drawn else 0)
        right = _wrap(text, width - start - gap) if text else [""]
        for index in range(max(len(left), len(right))):
            head = _pad(left[index] if index < len(left) else "", name_width)
            body = (drawn + " " if drawn else "") if index == 0 else " " * gap
            tail = right[index] if index < len(right) else ""
            lines.append(f"{_INDENT}{head}  {body}{tail}".rstrip())
    if chart.ticks:
        lines.append(_axis(chart, start, columns, width))
    if chart.axis and chart.axis not in chart.title:
        lines += [" " * start + line for line in _wrap(chart.axis, width - start)]
    for key in chart.keys:
        lines += _legend(key, fills, _wrap(key.text, width - 4))
    return lines


def _legend(key: Key, fills: dict[tuple[str, str], str], body: list[str]) -> list[str]:
    mark = fills.get((key.kind, key.code), FULL)
    return [f"{_INDENT}{mark} {body[0]}", *(" " * 4 + line for line in body[1:])]


def charts_txt(charts: Sequence[Chart], heading: str, width: int, wrap: Wrap) -> list[str]:
    """The charts section of a txt report: the heading, then each chart and a blank line
    (nothing when there are no charts)."""
    if not charts:
        return []
    lines = wrap(heading, width)
    for chart in charts:
        lines += ["", *chart_lines(chart, width, wrap)]
    return [*lines, ""]


def fence(lines: Sequence[str]) -> str:
    """A Markdown code fence longer than any run of backticks in ``lines``, so that none of
    them can close it.

    >>> fence(["a"]), fence(["```` x"])
    ('```', '`````')
    """
    longest = max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0)
    return "`" * max(3, longest + 1)


def charts_md(
    charts: Sequence[Chart], heading: str, width: int, escape: Callable[[str], str], wrap: Wrap
) -> list[str]:
    """The charts section of a Markdown report: a second-level heading, then each chart's
    title (``escape``-d, as all Markdown text outside code) as a third-level heading and its
    drawing in a code block (shown as typed, in a monospace font: the bars line up)."""
    if not charts:
        return []
    lines = [f"## {escape(heading)}"]
    for chart in charts:
        drawing = chart_lines(chart, width, wrap)[len(wrap(chart.title, width)) :]
        mark = fence(drawing)
        lines += ["", f"### {escape(chart.title)}", "", mark, *drawing, mark]
    return [*lines, ""]
