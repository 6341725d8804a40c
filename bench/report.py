"""The machine, and the results as tables for the terminal, JSON and a Markdown report."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import itertools
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from tabulate import tabulate

from bench.contenders import LIBRARIES as BY_FORMAT
from bench.html_target import TARGET_MS, HtmlTarget
from bench.html_target import table as html_target_table
from bench.measure import CaseResult, ContenderResult, Settings, SizeInfo
from bench.snapshot import ROOT, RUNNING_FROM, fingerprint
from bench.startup import Startup

__all__ = [
    "Results",
    "import_table",
    "linearity",
    "machine",
    "markdown",
    "results_table",
    "slope",
    "slopes",
    "startup_table",
    "to_json",
]

LIBRARIES = (
    *("comparekit", "openpyxl", "weasyprint", "tabulate", "pandas", "Jinja2", "wcwidth"),
    *("pydyf", "fonttools", "attrs", "psutil"),
)
"""Distributions whose versions the report names."""


@attrs.define
class Results:
    """Everything one benchmark run produced."""

    command: str
    settings: Settings
    machine: dict[str, Any]
    started: str
    sizes: list[SizeInfo] = attrs.Factory(list)
    cases: list[CaseResult] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    finished: str = ""
    seconds: float = 0.0
    load_after: tuple[float, ...] = ()
    startup: Startup | None = None
    html_target: HtmlTarget | None = None
    """The html format against md on the sample (issue 18's target)."""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() or "unknown"


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """CPU, cores, memory, system, Python and library versions, comparekit's commit, load."""
    try:
        import psutil

        memory: int | None = int(psutil.virtual_memory().total)
    except ImportError:
        memory = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_bytes": memory,
        "system": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {name: _version(name) for name in LIBRARIES},
        "comparekit_commit": _commit(),
        "comparekit_source": fingerprint(),
        "snapshot": RUNNING_FROM != ROOT,
        "load_average": list(os.getloadavg()),
    }


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 0.1:
        return f"{value:.4f}"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _mib(value: int | None) -> str:
    return "–" if value is None else f"{value / 2**20:,.1f}"


def _spread(walls: list[float]) -> str:
    return f"{_seconds(min(walls))}–{_seconds(max(walls))}" if walls else "–"


def _table(rows: list[list[str]], headers: Sequence[str], tablefmt: str) -> str:
    return tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=True)


def _remark(result: ContenderResult) -> str:
    if result.skipped:
        return f"skipped: {result.skipped}"
    parts = ["warm-up counted as run 1"] if result.warmup_counted else []
    if result.memory and "error" in result.memory:
        parts.append(f"memory: {result.memory['error']}")
    elif result.memory and result.memory.get("py_peak") is None:
        parts.append("no py peak: calls too long for tracemalloc")
    return "; ".join(parts)


RESULT_HEADERS = (
    *("size", "format", "contender", "runs", "median s", "min–max s", "CPU s", "ck / this"),
    *("RSS Δ MiB", "py peak MiB", "output bytes", "remark"),
)


def result_rows(cases: list[CaseResult]) -> list[list[str]]:
    """One row per case and contender (one per skipped case)."""
    rows: list[list[str]] = []
    for case in cases:
        lead = [case.size.name, case.format]
        if case.skipped:
            rows.append([*lead, "all", "0", *["–"] * 7, f"skipped: {case.skipped}"])
            continue
        for name, result in case.contenders.items():
            memory = result.memory or {}
            failed = "error" if "error" in memory else None
            ratio = case.ratio(name)
            rows.append(
                [
                    *lead,
                    f"bare ({BY_FORMAT.get(case.format, '?')})" if name == "bare" else name,
                    str(len(result.samples)),
                    _seconds(result.median),
                    _spread(result.walls),
                    _seconds(result.cpu_median),
                    "" if name == "comparekit" else "–" if ratio is None else f"{ratio:.2f}×",
                    failed or _mib(memory.get("rss_peak_delta")),
                    failed or _mib(memory.get("py_peak")),
                    "–" if result.output_bytes is None else f"{result.output_bytes:,}",
                    _remark(result),
                ]
            )
            lead = ["", ""]
    return rows


def results_table(cases: list[CaseResult], tablefmt: str = "simple") -> str:
    """The main table: times, ratios, memory and output size per case and contender."""
    return _table(result_rows(cases), RESULT_HEADERS, tablefmt)


def startup_rows(startup: Startup) -> list[list[str]]:
    """One row per start-up command."""
    verdicts = {True: "met", False: "NOT met", None: "–"}
    return [
        [
            timing.command,
            str(len(timing.samples)),
            _seconds(timing.median),
            _spread(timing.walls),
            _seconds(timing.cpu_median),
            "–" if timing.target is None else f"≤ {timing.target:g}",
            "for information" if timing.target is None else verdicts[timing.target_met],
        ]
        for timing in startup.commands
    ]


def startup_table(startup: Startup, tablefmt: str = "simple") -> str:
    """Whole-process start-up: times per command and whether each meets its target."""
    headers = ("command", "runs", "median s", "min–max s", "CPU s", "target s", "target")
    return _table(startup_rows(startup), headers, tablefmt)


def _startup_section(startup: Startup) -> list[str]:
    """The Markdown report's "Start-up (whole process)" section, as lines."""
    order = ", ".join(timing.name for timing in startup.commands)
    return [
        "## Start-up (whole process)",
        "",
        f"Each command a process of its own: one untimed warm-up round, then {startup.rounds} "
        f"rounds, interleaved ({order} in each round). Wall clock around `subprocess.run` "
        "(median, min–max); CPU: the child's user + system time (median). `comparekit` ran as "
        "`python -m comparekit` with the benchmark's Python, importing comparekit from "
        f"`{startup.comparekit_folder}`. See `bench/README.md`.",
        "",
        startup_table(startup, "github"),
        "",
        "Commands, as typed and as run (`<temp dir>`: one temporary folder for every run):",
        "",
        *(
            f"- {timing.name}: `{timing.command}`; ran "
            f"`{shlex.join([_python(), *timing.argv[1:]])}`"
            for timing in startup.commands
        ),
        "",
    ]


def linearity(results: Results) -> list[dict[str, Any]]:
    """Median time per cell (µs) per size: layout, and every format per contender."""
    by_key = {(c.size, c.format): c for c in results.cases}
    out = []
    for info in results.sizes:
        cells = info.size.cells
        row: dict[str, Any] = {"size": info.size.name, "cells": cells}
        row["layout"] = statistics.median(info.layout) / cells * 1e6
        for fmt in results.settings.formats:
            case = by_key.get((info.size, fmt))
            for name in results.settings.names:
                result = case.contenders.get(name) if case else None
                median = result.median if result else None
                row[f"{fmt} {name}"] = None if median is None else median / cells * 1e6
        out.append(row)
    return out


def slope(cells: tuple[int, int], per_cell: tuple[float, float]) -> float:
    """The exponent b in time ∝ cells^b between two sizes, from their times per cell.

    1 is linear in the cells; 2 quadratic; below 1, fixed costs still count.

    >>> slope((2_500, 20_000), (80.0, 80.0))
    1.0
    >>> round(slope((100, 1_000), (1.0, 10.0)), 3)
    2.0
    """
    return 1 + math.log(per_cell[1] / per_cell[0]) / math.log(cells[1] / cells[0])


def slopes(results: Results) -> list[dict[str, Any]]:
    """The log-log slope of each column of :func:`linearity` from one size to the next larger."""
    rows = sorted(linearity(results), key=lambda row: row["cells"])
    out = []
    for small, large in itertools.pairwise(rows):
        if large["cells"] == small["cells"]:
            continue
        cells = (small["cells"], large["cells"])
        row: dict[str, Any] = {"sizes": f"{small['size']} → {large['size']}"}
        for key in list(small)[2:]:
            a, b = small[key], large[key]
            row[key] = None if a is None or b is None or a <= 0 else slope(cells, (a, b))
        out.append(row)
    return out


def _number_table(rows: list[dict[str, Any]], lead: int, unit: str, form: str, fmt: str) -> str:
    """A table of numbers keyed by column: the first ``lead`` keys as they are."""
    if not rows:
        return ""
    keys = list(rows[0])
    body = [
        [
            *(f"{v:,}" if isinstance(v, int) else str(v) for v in list(row.values())[:lead]),
            *("–" if row[k] is None else format(row[k], form) for k in keys[lead:]),
        ]
        for row in rows
    ]
    return _table(body, [*keys[:lead], *(f"{k}{unit}" for k in keys[lead:])], fmt)


def linearity_table(results: Results, tablefmt: str = "simple") -> str:
    """Time per cell in µs over the sizes: flat means linear."""
    return _number_table(linearity(results), 2, " µs/cell", ",.1f", tablefmt)


def slopes_table(results: Results, tablefmt: str = "simple") -> str:
    """The growth exponent from one size to the next: 1.00 means linear."""
    return _number_table(slopes(results), 1, "", ".2f", tablefmt)


def sizes_table(results: Results, tablefmt: str = "simple") -> str:
    """Per size, for information: spec bytes, generation, ``loads`` and layout times."""
    body = [
        [
            info.size.name,
            f"{info.size.cells:,}",
            f"{info.spec_bytes:,}",
            _seconds(info.generate_seconds),
            *(f"{_seconds(statistics.median(t))} ({len(t)})" for t in (info.loads, info.layout)),
        ]
        for info in results.sizes
    ]
    headers = ["size", "cells", "spec bytes", "generate s"]
    headers += ["comparekit.loads s (runs)", "build_table s (runs)"]
    return _table(body, headers, tablefmt)


IMPORT_TARGET = 2.0
"""Issue 16: importing a workbook takes at most twice the time of rendering it."""


def import_table(results: Results, tablefmt: str = "simple") -> str:
    """Per size: ``comparekit.loads`` of the workbook against ``render(..., "xlsx")``, timed
    round by round, and the median of import ÷ render against the target (≤ 2×)."""
    body = []
    for info in results.sizes:
        ratio = info.import_ratio()
        if ratio is None:
            continue
        verdict = "met" if ratio <= IMPORT_TARGET else "NOT met"
        body.append(
            [
                info.size.name,
                f"{info.workbook_bytes or 0:,}",
                *(
                    f"{_seconds(statistics.median(t))} ({len(t)})"
                    for t in (info.xlsx_import, info.xlsx_render)
                ),
                f"{ratio:.2f}×",
                f"≤ {IMPORT_TARGET:g}×: {verdict}",
            ]
        )
    if not body:
        return ""
    headers = ["size", "workbook bytes", "import s (runs)", "render s (runs)", "import / render"]
    return _table(body, [*headers, "target"], tablefmt)


def memory_target(results: Results) -> list[str]:
    """Per size: is comparekit's xlsx peak memory at most bare openpyxl's?"""
    lines = []
    for case in results.cases:
        ck, bare = case.contenders.get("comparekit"), case.contenders.get("bare")
        if case.format != "xlsx" or case.skipped or not ck or not bare:
            continue
        verdicts = []
        for key, label in (("rss_peak_delta", "RSS Δ"), ("py_peak", "py peak")):
            a, b = (ck.memory or {}).get(key), (bare.memory or {}).get(key)
            if a is not None and b is not None:
                verdict = "met" if a <= b else "NOT met"
                verdicts.append(f"{label} {_mib(a)} vs {_mib(b)} MiB: {verdict}")
        if verdicts:
            lines.append(f"{case.size.name}: " + "; ".join(verdicts))
    return lines


def _jsonable(value: Any) -> Any:
    if attrs.has(type(value)):
        return {f.name: _jsonable(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def to_json(results: Results) -> str:
    """All results, raw times included, as JSON (sizes as ``"200x100"``)."""
    data = _jsonable(results)
    data["settings"]["sizes"] = [s.name for s in results.settings.sizes]
    items: list[SizeInfo | CaseResult] = [*results.sizes, *results.cases]
    for item, raw in zip(items, [*data["sizes"], *data["cases"]], strict=True):
        raw["size"] = item.size.name
        raw["cells"] = item.size.cells
    for info, raw in zip(results.sizes, data["sizes"], strict=True):
        raw["import_ratio"] = info.import_ratio()
    for case, raw in zip(results.cases, data["cases"], strict=True):
        raw["ratios"] = {name: case.ratio(name) for name in case.contenders if name != "comparekit"}
        for name, result in case.contenders.items():
            raw["contenders"][name]["median"] = result.median
            raw["contenders"][name]["cpu_median"] = result.cpu_median
    if results.startup is not None:
        for timing, raw in zip(results.startup.commands, data["startup"]["commands"], strict=True):
            raw["median"] = timing.median
            raw["min"] = min(timing.walls, default=None)
            raw["max"] = max(timing.walls, default=None)
            raw["cpu_median"] = timing.cpu_median
            raw["target_met"] = timing.target_met
    data["linearity_us_per_cell"] = linearity(results)
    data["slopes"] = slopes(results)
    data["memory_target"] = memory_target(results)
    if results.html_target is not None:
        data["html_target"]["difference_ms"] = results.html_target.difference_ms
        data["html_target"]["ratio"] = results.html_target.ratio
        data["html_target"]["target_met"] = results.html_target.met
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _machine_lines(info: dict[str, Any], load_after: Sequence[float]) -> list[str]:
    libraries = ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    memory = info.get("memory_bytes")
    where = "a copy of the working tree taken at the start" if info.get("snapshot") else ""
    return [
        f"- CPU: {info['cpu']}; {info['cores']} cores ({info['cores_usable']} usable)",
        f"- Memory: {memory / 2**30:.1f} GiB" if memory else "- Memory: unknown",
        f"- System: {info['system']}; {info['python']}",
        f"- Libraries: {libraries}",
        f"- comparekit commit: {info['comparekit_commit']}; hash of the source files benchmarked: "
        f"{info['comparekit_source']} ({where or 'the working tree'}, which may differ from "
        "the commit)",
        "- Load average (1, 5, 15 min) at start: "
        + ", ".join(f"{x:.2f}" for x in info["load_average"]),
        "- Load average at the end: " + ", ".join(f"{x:.2f}" for x in load_after),
    ]


def markdown(results: Results) -> str:
    """The Markdown report: machine, command, results, linearity, sizes, memory target."""
    s = results.settings
    runs = s.runs if s.runs is not None else "5 up to 2,500 cells, 3 up to 20,000, then 2"
    memory = "in a child process per case and contender" if s.memory else "not measured"
    collector = (
        "paused during the bare and pandas calls too (--gc-off), as comparekit pauses it"
        if s.gc_off
        else "on during the bare and pandas calls (comparekit.render pauses it during its "
        "own, if it does)"
    )
    lines = [
        "# comparekit benchmark",
        "",
        f"Run {results.started} – {results.finished} ({results.seconds / 60:.1f} min).",
        "",
        *("```", results.command, "```", ""),
        *("## Machine", "", *_machine_lines(results.machine, results.load_after), ""),
        "## Settings",
        "",
        f"- sizes (products × features): {', '.join(x.name for x in s.sizes)}; "
        f"formats: {', '.join(s.formats)}; contenders: {', '.join(s.names)}; seed {s.seed}",
        f"- runs per contender: {runs}, fewer when a round would take the case over "
        f"{s.case_budget:g} s; a call over {s.max_seconds:g} s is stopped and its contender "
        f"skipped; a warm-up of at least {s.long_seconds:g} s counts as run 1",
        f"- memory: {memory}; tracemalloc only in cases whose slowest median is at most "
        f"{s.trace_seconds:g} s",
        f"- garbage collector: {collector}",
        "",
        *(_startup_section(results.startup) if results.startup else []),
        "## Results",
        "",
        "Times in seconds of wall clock (median, min–max over the runs; CPU: median process time). "
        "**ck / this** is comparekit's time divided by this contender's, per round, median over "
        "rounds: 3.00× means comparekit took three times as long; below 1 it was faster. "
        "**RSS Δ**: peak resident memory of the call above the process's size before it "
        "(Python and C allocations). **py peak**: peak of Python allocations during the call "
        "(tracemalloc). See `bench/README.md`.",
        "",
        results_table(results.cases, "github"),
        "",
        "## Time per cell (µs): linearity",
        "",
        "Median time divided by products × features; a flat column is linear in the cells. "
        "`layout` is `comparekit.build_table` alone.",
        "",
        linearity_table(results, "github"),
        "",
        "The slope of each column on log-log axes from one size to the next: the exponent b in "
        "time ∝ cells^b. 1.00 is linear; above 1, worse than linear; below 1, fixed costs "
        "still count.",
        "",
        slopes_table(results, "github"),
        "",
        *("## Per size, for information", "", sizes_table(results, "github"), ""),
    ]
    imports = import_table(results, "github")
    if imports:
        lines += ["## xlsx import against render: at most 2×", ""]
        lines += [
            '`comparekit.loads(workbook)` against `comparekit.render(comparison, "xlsx")` on '
            "the same comparison, alternately in this process; the ratio is the median over "
            "rounds of import ÷ render.",
            "",
            imports,
            "",
        ]
    if results.html_target is not None:
        lines += [f"## html against md on the sample: at most {TARGET_MS:.0f} ms more", ""]
        lines += [html_target_table(results.html_target), ""]
    target = memory_target(results)
    if target:
        lines += ["## xlsx memory target: comparekit no higher than bare openpyxl", ""]
        lines += [*(f"- {line}" for line in target), ""]
    if results.notes:
        lines += ["## Notes", "", *(f"- {note}" for note in results.notes), ""]
    lines += [
        "## What the pandas route does not do",
        "",
        "No notes, sources, legend, groups, units, vendors or links; no wording of qualifiers per "
        "language; no wrapping to a width or splitting of columns over pages; no Data or Sources "
        "sheet, print setup or reproducible bytes. It is a floor, not the same report.",
        "",
    ]
    return "\n".join(lines)


def _python() -> str:
    """This interpreter, relative to the project folder if it is inside it."""
    python = sys.executable
    return os.path.relpath(python, ROOT) if python.startswith(str(ROOT)) else python


def command_line() -> str:
    """The command as typed, with the interpreter as given."""
    return " ".join([_python(), "-m", "bench", *sys.argv[1:]])


def comparekit_folder() -> str:
    """Where the comparekit this process imported lives (the snapshot during a run)."""
    import comparekit

    return str(Path(comparekit.__file__).resolve().parent)


def now() -> str:
    """The local time, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
