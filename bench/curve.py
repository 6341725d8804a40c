"""The benchmark's median times against the number of cells: a log-log chart, as standalone SVG.

One panel per format (txt, xlsx, pdf, in the order of the run), x the cells (products ×
features), y the median wall time of one call in seconds, both on log scales; a line with
markers per contender (comparekit, the bare library, the pandas route), and a dashed grey
guide of slope 1 through comparekit's largest measured point: a series parallel to it is
linear in the cells. Skipped cases and contenders are left out (a series then has fewer
points) and named under the panel.

``python -m bench`` writes the chart as ``bench/results/latest-curve.svg`` beside
``latest.json``; ``python -m bench.curve [JSON] [-o SVG]`` draws it again from a JSON.
Standard library only; the same JSON gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from bench.formats import LIBRARIES
from bench.snapshot import ROOT

__all__ = [
    "JSON",
    "STYLES",
    "Style",
    "formats",
    "main",
    "names",
    "points",
    "styles",
    "svg",
]

JSON = ROOT / "bench" / "results" / "latest.json"
"""The results drawn by default."""


Point = tuple[int, float]
"""Cells, median seconds."""


class Style(NamedTuple):
    """How one contender is drawn: colour, marker shape and dashes differ for each."""

    label: str
    colour: str
    marker: str
    dash: str = ""


STYLES = {
    "comparekit": Style("comparekit", "#0072B2", "circle"),
    "bare": Style("bare library", "#D55E00", "square", "7 3"),
    "pandas": Style("pandas route", "#009E73", "triangle", "2 3"),
}
"""The three contenders, in Okabe–Ito colours (distinct for colour-blind readers too)."""

_SPARE = (
    Style("", "#CC79A7", "diamond", "8 3 2 3"),
    Style("", "#E69F00", "triangle-down", "4 2"),
    Style("", "#56B4E9", "square", "1 2"),
)
"""Styles for other contenders, in turn; their label is their name."""

_SHAPES = {
    "square": ((-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)),
    "triangle": ((0.0, -1.35), (1.25, 0.85), (-1.25, 0.85)),
    "triangle-down": ((0.0, 1.35), (1.25, -0.85), (-1.25, -0.85)),
    "diamond": ((0.0, -1.4), (1.4, 0.0), (0.0, 1.4), (-1.4, 0.0)),
}
"""Marker outlines as multiples of the marker radius (the circle is drawn as a circle)."""

GUIDE = "#8c8c8c"
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
RADIUS = 4.0
PAD = 0.25
"""Decades of room around the measured points on each axis."""

# Layout in pixels: a row of panels below the title, subtitle and legend.
LEFT = 44
"""Left edge of the first panel (room for the y axis title)."""
TICKS = 58
"""Room for the y tick labels, left of each plot."""
PLOT_W, PLOT_H = 280, 300
GAP = 26
"""Between one plot's right edge and the next panel's tick labels."""
RIGHT = 24
TOP = 160
"""Top edge of the plots."""
BOTTOM = 70
"""Below the plots: tick labels, axis title and the note on skipped points."""


class Scale(NamedTuple):
    """A log10 axis: decades ``lo`` to ``hi`` drawn from pixel ``start`` to pixel ``end``."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        """The pixel of ``value`` (a positive number)."""
        share = (math.log10(value) - self.lo) / (self.hi - self.lo)
        return self.start + share * (self.end - self.start)

    def decades(self) -> list[int]:
        """The powers of ten inside the axis."""
        return list(range(math.ceil(self.lo - 1e-9), math.floor(self.hi + 1e-9) + 1))

    def minors(self) -> list[float]:
        """2–9 times each power of ten, inside the axis."""
        first, last = math.floor(self.lo), math.ceil(self.hi)
        values = (m * 10.0**k for k in range(first, last) for m in range(2, 10))
        return [v for v in values if self.lo <= math.log10(v) <= self.hi]


# Reading the results.


def _measured(value: Any) -> float | None:
    """A median usable on a log scale: a finite positive number, else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _cases(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The run's cases (size × format), in order."""
    cases = data.get("cases") or []
    return [c for c in cases if isinstance(c, Mapping)]


def formats(data: Mapping[str, Any]) -> list[str]:
    """The formats of the run, in the order of its cases."""
    return list(dict.fromkeys(str(case.get("format")) for case in _cases(data)))


def names(data: Mapping[str, Any]) -> list[str]:
    """The contenders: those of the settings first, then any other in the cases."""
    listed = list((data.get("settings") or {}).get("names") or [])
    for case in _cases(data):
        listed += list(case.get("contenders") or {})
    return list(dict.fromkeys(str(name) for name in listed))


def points(data: Mapping[str, Any], fmt: str, name: str) -> list[Point]:
    """Contender ``name``'s (cells, median seconds) in format ``fmt``, by cells; none skipped."""
    found: dict[int, float] = {}
    for case in _cases(data):
        result = (case.get("contenders") or {}).get(name) or {}
        cells, median = case.get("cells"), _drawn(result)
        if case.get("format") != fmt or case.get("skipped"):
            continue
        if isinstance(cells, int) and cells > 0 and median is not None:
            found[cells] = median
    return sorted(found.items())


def _drawn(result: Mapping[str, Any]) -> float | None:
    """A contender's median on a case, unless it was skipped or is not a positive number."""
    return None if result.get("skipped") else _measured(result.get("median"))


def _skipped(data: Mapping[str, Any], fmt: str, contenders: Sequence[str]) -> list[str]:
    """Sizes of ``fmt`` with points not drawn, each with who is missing (or all contenders)."""
    missing = []
    for case in _cases(data):
        if case.get("format") != fmt:
            continue
        results = case.get("contenders") or {}
        if case.get("skipped"):
            who = ["all contenders"]
        else:
            who = [n for n in contenders if n in results and not _drawn(results[n])]
        if who:
            missing.append(f"{case.get('size', '?')} ({', '.join(who)})")
    return missing


def styles(contenders: Sequence[str]) -> dict[str, Style]:
    """Each contender's style: its own for the three known, spare ones for others."""
    out: dict[str, Style] = {}
    spare = iter(_SPARE * (len(contenders) // len(_SPARE) + 1))
    for name in contenders:
        out[name] = STYLES.get(name) or next(spare)._replace(label=name)
    return out


def _run_date(data: Mapping[str, Any]) -> str:
    """The day the run started, as written in the JSON (``YYYY-MM-DD``)."""
    return str(data.get("started") or data.get("finished") or "unknown date")[:10]


# Drawing.

_QUOTE = {'"': "&quot;"}
_BOLD = {"font-weight": "bold"}
_GRID = {"stroke": "#e3e3e3", "stroke-width": 1, "shape-rendering": "crispEdges"}
_TICK = {"stroke": "#555555", "stroke-width": 1, "shape-rendering": "crispEdges"}
_GUIDE = {"stroke": GUIDE, "stroke-width": 1.5, "stroke-dasharray": "5 4"}


def _num(value: float) -> str:
    """A coordinate, to a tenth of a pixel."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _attributes(attributes: Mapping[str, object]) -> str:
    """``key="value"`` pairs, floats to a tenth, values escaped (quotes too)."""
    return "".join(
        f' {key}="{escape(_num(value) if isinstance(value, float) else str(value), _QUOTE)}"'
        for key, value in attributes.items()
    )


def _element(name: str, attributes: Mapping[str, object], text: str | None = None) -> str:
    """One SVG element, empty or holding ``text`` (escaped)."""
    if text is None:
        return f"<{name}{_attributes(attributes)}/>"
    return f"<{name}{_attributes(attributes)}>{escape(text)}</{name}>"


def _group(name: str, attributes: Mapping[str, object], children: Iterable[str]) -> str:
    """One SVG element holding other elements (already SVG)."""
    return f"<{name}{_attributes(attributes)}>{''.join(children)}</{name}>"


def _text(
    x: float, y: float, text: str, size: float = 11, anchor: str = "start", **look: object
) -> str:
    """A text element at ``x, y`` (the baseline), ``size`` pixels high."""
    place: dict[str, object] = {"x": float(x), "y": float(y), "font-size": size}
    if anchor != "start":
        place["text-anchor"] = anchor
    return _element("text", {**place, **look}, text)


def _scales(data: Mapping[str, Any], left: float) -> tuple[Scale, Scale]:
    """The x (cells) and y (seconds) axes shared by every panel, for the plot at ``left``."""
    drawn = [p for f in formats(data) for n in names(data) for p in points(data, f, n)]
    x_lo, x_hi = _span([p[0] for p in drawn], (1.0, 10.0))
    y_lo, y_hi = _span([p[1] for p in drawn], (0.001, 1.0))
    return Scale(x_lo, x_hi, left, left + PLOT_W), Scale(y_lo, y_hi, TOP + PLOT_H, TOP)


def _span(values: Sequence[float], default: tuple[float, float]) -> tuple[float, float]:
    """The decades (log10) to show ``values`` with room, holding at least one power of ten."""
    if not values:
        return math.log10(default[0]), math.log10(default[1])
    lo, hi = math.log10(min(values)) - PAD, math.log10(max(values)) + PAD
    if math.floor(hi) < math.ceil(lo):
        lo, hi = math.floor(lo), math.ceil(hi)
    return lo, hi


def _cells_label(power: int) -> str:
    """``10**power`` cells: ``1,000``."""
    return f"{10**power:,}" if power >= 0 else f"{10.0**power:g}"


def _seconds_label(power: int) -> str:
    """``10**power`` seconds: ``0.001 s``, ``100 s``."""
    return f"{10**power:,} s" if power >= 0 else f"{10.0**power:.{-power}f} s"


def _line(x1: float, y1: float, x2: float, y2: float, look: Mapping[str, object]) -> str:
    """A line from ``x1, y1`` to ``x2, y2``."""
    return _element("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, **look})


def _axes(x: Scale, y: Scale) -> list[str]:
    """Frame, grid at the powers of ten, ticks (minor ones short) and tick labels."""
    top, bottom, left, right = y.end, y.start, x.start, x.end
    out = []
    for power in x.decades():
        px = x(10.0**power)
        out.append(_line(px, top, px, bottom, _GRID))
        out.append(_line(px, bottom, px, bottom + 5, _TICK))
        out.append(_text(px, bottom + 18, _cells_label(power), anchor="middle"))
    for power in y.decades():
        py = y(10.0**power)
        out.append(_line(left, py, right, py, _GRID))
        out.append(_line(left - 5, py, left, py, _TICK))
        out.append(_text(left - 8, py + 4, _seconds_label(power), anchor="end"))
    out += [_line(px, bottom, px, bottom + 3, _TICK) for px in (x(v) for v in x.minors())]
    out += [_line(left - 3, py, left, py, _TICK) for py in (y(v) for v in y.minors())]
    frame = {"x": left, "y": top, "width": right - left, "height": bottom - top, "fill": "none"}
    out.append(_element("rect", {**frame, **_TICK}))
    return out


def _guide(x: Scale, y: Scale, through: Point) -> list[str]:
    """The slope-1 line through ``through``, cut to the plot; nothing if it misses it."""
    shift = math.log10(through[1]) - math.log10(through[0])
    lo, hi = max(x.lo, y.lo - shift), min(x.hi, y.hi - shift)
    if hi <= lo:
        return []
    (x1, y1), (x2, y2) = ((x(10.0**e), y(10.0 ** (e + shift))) for e in (lo, hi))
    return [_line(x1, y1, x2, y2, {"class": "guide", **_GUIDE})]


def _marker(style: Style, px: float, py: float, tip: str) -> str:
    """One marker, white inside, with ``tip`` as its tooltip."""
    look = {"fill": "white", "stroke": style.colour, "stroke-width": 1.8}
    title = [_element("title", {}, tip)]
    if style.marker not in _SHAPES:
        return _group("circle", {"cx": px, "cy": py, "r": RADIUS, **look}, title)
    corners = " ".join(
        f"{_num(px + dx * RADIUS)},{_num(py + dy * RADIUS)}" for dx, dy in _SHAPES[style.marker]
    )
    return _group("polygon", {"points": corners, **look}, title)


def _series(name: str, style: Style, drawn: Sequence[Point], x: Scale, y: Scale, fmt: str) -> str:
    """One contender's line and markers, grouped."""
    line = {
        "class": "series",
        "points": " ".join(f"{_num(x(c))},{_num(y(s))}" for c, s in drawn),
        "fill": "none",
        "stroke": style.colour,
        "stroke-width": 2,
        "stroke-linejoin": "round",
        **({"stroke-dasharray": style.dash} if style.dash else {}),
    }
    markers = [
        _marker(style, x(c), y(s), f"{style.label}, {fmt}, {c:,} cells: {s:.4g} s")
        for c, s in drawn
    ]
    return _group(
        "g", {"class": "contender", "data-contender": name}, [_element("polyline", line), *markers]
    )


def _panel(data: Mapping[str, Any], fmt: str, left: float, looks: Mapping[str, Style]) -> str:
    """One format's plot: axes, guide, a series per contender with points, note on gaps."""
    x, y = _scales(data, left)
    library = LIBRARIES.get(fmt)
    title = fmt + (f" (bare library: {library})" if library else "")
    parts = [_text(left, y.end - 10, title, 14, **_BOLD), *_axes(x, y)]
    drawn = {name: points(data, fmt, name) for name in looks}
    reference = drawn.get("comparekit") or next((p for p in drawn.values() if p), [])
    if reference:
        parts += _guide(x, y, reference[-1])
    for name in reversed(list(looks)):  # the first contender (comparekit) on top
        if drawn[name]:
            parts.append(_series(name, looks[name], drawn[name], x, y, fmt))
    middle = left + PLOT_W / 2
    parts.append(_text(middle, y.start + 36, "cells (products × features)", 12, anchor="middle"))
    missing = _skipped(data, fmt, list(looks))
    if missing:
        note = "not measured: " + "; ".join(missing)
        parts.append(_text(middle, y.start + 54, note, 11, anchor="middle", fill="#666666"))
    return _group("g", {"class": "panel", "data-format": fmt}, parts)


def _legend(looks: Mapping[str, Style], y: float) -> str:
    """The contenders and the guide, in one row: a short line with the marker, the label."""
    parts, x = [], float(LEFT)
    for style in looks.values():
        dash = {"stroke-dasharray": style.dash} if style.dash else {}
        parts.append(_line(x, y, x + 34, y, {"stroke": style.colour, "stroke-width": 2, **dash}))
        parts.append(_marker(style, x + 17, y, style.label))
        parts.append(_text(x + 42, y + 4, style.label, 12))
        x += 42 + 7 * len(style.label) + 22
    parts.append(_line(x, y, x + 34, y, _GUIDE))
    parts.append(_text(x + 42, y + 4, "∝ cells: slope 1 through comparekit's largest point", 12))
    return _group("g", {"class": "legend"}, parts)


def _header(data: Mapping[str, Any]) -> list[str]:
    """Title, what a point is, and where it ran."""
    machine = data.get("machine") or {}
    where = [
        machine.get("cpu"),
        f"{machine['cores']} cores" if machine.get("cores") else None,
        machine.get("python"),
        data.get("command"),
    ]
    title = f"comparekit benchmark, run of {_run_date(data)}: median time against cells (log-log)"
    sizes = ", ".join(dict.fromkeys(str(case.get("size", "?")) for case in _cases(data)))
    explained = (
        f"Each point: the median wall time of one call at one size ({sizes}: products × features).",
        "A line parallel to the dashed grey guide (slope 1) grows linearly with the cells.",
    )
    return [
        _text(LEFT, 30, title, 18, **_BOLD),
        _text(LEFT, 52, explained[0], 12),
        _text(LEFT, 68, explained[1], 12),
        _text(LEFT, 86, "; ".join(str(part) for part in where if part), 11, fill="#666666"),
    ]


def svg(data: Mapping[str, Any]) -> str:
    """The chart of a run's results (``latest.json``, parsed) as a standalone SVG document."""
    shown, looks = formats(data), styles(names(data))
    width = LEFT + max(len(shown), 1) * (TICKS + PLOT_W + GAP) - GAP + RIGHT
    height = TOP + PLOT_H + BOTTOM
    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": width,
        "height": height,
        "viewBox": f"0 0 {width} {height}",
        "font-family": FONT,
        "fill": "#222222",
    }
    middle = TOP + PLOT_H / 2
    turned = {"transform": f"rotate(-90 16 {_num(middle)})"}
    parts = [
        _element("title", {}, f"comparekit benchmark {_run_date(data)}: median time against cells"),
        _element("rect", {"width": width, "height": height, "fill": "white"}),
        *_header(data),
        _legend(looks, 114.0),
        _text(16, middle, "median wall time per call", 12, anchor="middle", **turned),
    ]
    for index, fmt in enumerate(shown):
        parts.append(_panel(data, fmt, LEFT + TICKS + index * (TICKS + PLOT_W + GAP), looks))
    if not shown:
        parts.append(_text(LEFT + TICKS, middle, "no measured cases", 14))
    body = "\n".join(["", *parts, ""])
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _group("svg", root, [body]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bench.curve [JSON] [-o SVG]``: draw a results file's chart, print its path."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.curve",
        description="Draw the median times of a benchmark run against the cells, log-log, as SVG.",
    )
    parser.add_argument(
        "json", nargs="?", type=Path, default=JSON, help=f"results to draw (default {_shown(JSON)})"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="SVG to write (default: beside the JSON; latest.json gives latest-curve.svg)",
    )
    args = parser.parse_args(argv)
    try:
        data = json.loads(args.json.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"bench.curve: cannot read {args.json}: {error}", file=sys.stderr)
        return 1
    if not isinstance(data, Mapping):
        print(f"bench.curve: {args.json} is not a benchmark's results", file=sys.stderr)
        return 1
    output = args.output or args.json.with_name(f"{args.json.stem}-curve.svg")
    output.write_text(svg(data), encoding="utf-8")
    print(output)
    return 0


def _shown(path: Path) -> str:
    """``path`` relative to the project folder if it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
