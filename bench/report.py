"""The machine, and the results as a table for the terminal, JSON and a Markdown report."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
from tabulate import tabulate

from bench.formats import LIBRARIES as BY_FORMAT
from bench.measure import CaseResult, ContenderResult, Settings, SizeInfo
from bench.snapshot import ROOT, RUNNING_FROM, fingerprint
from bench.startup import CommandTiming, Startup

__all__ = [
    "LIBRARIES",
    "Results",
    "linearity",
    "machine",
    "markdown",
    "results_table",
    "startup_section",
    "startup_table",
    "to_json",
]

LIBRARIES = (
    "comparekit",
    "openpyxl",
    "weasyprint",
    "tabulate",
    "pandas",
    "Jinja2",
    "wcwidth",
    "pydyf",
    "fonttools",
    "attrs",
    "psutil",
)
"""Distributions whose versions the report names."""

LINEAR_FORMATS = ("txt", "xlsx")


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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_total() -> int | None:
    try:
        import psutil

        return int(psutil.virtual_memory().total)
    except ImportError:
        return None


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
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_bytes": _memory_total(),
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


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _spread(walls: list[float]) -> str:
    if not walls:
        return "–"
    return f"{_seconds(min(walls))}–{_seconds(max(walls))}"


def _memory_cells(result: ContenderResult) -> tuple[str, str]:
    memory = result.memory
    if memory is None:
        return "–", "–"
    if "error" in memory:
        return "error", "error"
    return _mib(memory.get("rss_peak_delta")), _mib(memory.get("py_peak"))


def _remark(case: CaseResult, result: ContenderResult) -> str:
    if result.skipped:
        return f"skipped: {result.skipped}"
    parts = []
    if result.warmup_counted:
        parts.append("warm-up counted as run 1")
    if result.memory and "error" in result.memory:
        parts.append(f"memory: {result.memory['error']}")
    elif result.memory and result.memory.get("py_peak") is None:
        parts.append("no py peak: calls too long for tracemalloc")
    return "; ".join(parts)


RESULT_HEADERS = (
    "size",
    "format",
    "contender",
    "runs",
    "median s",
    "min–max s",
    "CPU s",
    "ck / this",
    "RSS Δ MiB",
    "py peak MiB",
    "output bytes",
    "remark",
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
            rss, py = _memory_cells(result)
            rows.append(
                [
                    *lead,
                    name if name != "bare" else f"bare ({_library(case.format)})",
                    str(len(result.samples)),
                    _seconds(result.median),
                    _spread(result.walls),
                    _seconds(result.cpu_median),
                    "" if name == "comparekit" else _ratio(case.ratio(name)),
                    rss,
                    py,
                    f"{result.output_bytes:,}" if result.output_bytes is not None else "–",
                    _remark(case, result),
                ]
            )
            lead = ["", ""]
    return rows


def _library(fmt: str) -> str:
    return BY_FORMAT.get(fmt, "?")


def results_table(cases: list[CaseResult], tablefmt: str = "simple") -> str:
    """The main table: times, ratios, memory and output size per case and contender."""
    return tabulate(result_rows(cases), RESULT_HEADERS, tablefmt=tablefmt, disable_numparse=True)


STARTUP_HEADERS = ("command", "runs", "median s", "min–max s", "CPU s", "target s", "target")


def _verdict(timing: CommandTiming) -> str:
    met = timing.target_met
    if met is None:
        return "for information" if timing.target is None else "–"
    return "met" if met else "NOT met"


def startup_rows(startup: Startup) -> list[list[str]]:
    """One row per start-up command."""
    return [
        [
            timing.command,
            str(len(timing.samples)),
            _seconds(timing.median),
            _spread(timing.walls),
            _seconds(timing.cpu_median),
            "–" if timing.target is None else f"≤ {timing.target:g}",
            _verdict(timing),
        ]
        for timing in startup.commands
    ]


def startup_table(startup: Startup, tablefmt: str = "simple") -> str:
    """Whole-process start-up: times per command and whether each meets its target."""
    return tabulate(
        startup_rows(startup), STARTUP_HEADERS, tablefmt=tablefmt, disable_numparse=True
    )


def startup_section(startup: Startup) -> list[str]:
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


def _startup_json(startup: Startup, raw: dict[str, Any]) -> None:
    """Add each command's median, spread and verdict to its raw JSON."""
    for timing, command in zip(startup.commands, raw["commands"], strict=True):
        walls = timing.walls
        command["median"] = timing.median
        command["min"] = min(walls, default=None)
        command["max"] = max(walls, default=None)
        command["cpu_median"] = timing.cpu_median
        command["target_met"] = timing.target_met


def linearity(results: Results) -> list[dict[str, Any]]:
    """Median time per cell (µs) per size, for txt and xlsx per contender, and for layout."""
    by_key = {(c.size, c.format): c for c in results.cases}
    out = []
    for info in results.sizes:
        row: dict[str, Any] = {"size": info.size.name, "cells": info.size.cells}
        row["layout"] = statistics.median(info.layout) / info.size.cells * 1e6
        for fmt in LINEAR_FORMATS:
            case = by_key.get((info.size, fmt))
            for name in results.settings.names:
                result = case.contenders.get(name) if case else None
                median = result.median if result else None
                row[f"{fmt} {name}"] = None if median is None else median / info.size.cells * 1e6
        out.append(row)
    return out


def linearity_table(results: Results, tablefmt: str = "simple") -> str:
    """Time per cell in µs over the sizes: flat means linear."""
    rows = linearity(results)
    if not rows:
        return ""
    keys = [k for k in rows[0] if k not in ("size", "cells")]
    body = [
        [
            row["size"],
            f"{row['cells']:,}",
            *("–" if row[k] is None else f"{row[k]:,.1f}" for k in keys),
        ]
        for row in rows
    ]
    headers = ["size", "cells", *(f"{k} µs/cell" for k in keys)]
    return tabulate(body, headers, tablefmt=tablefmt, disable_numparse=True)


def sizes_table(results: Results, tablefmt: str = "simple") -> str:
    """Per size, for information: spec bytes, generation, ``loads`` and layout times."""
    body = [
        [
            info.size.name,
            f"{info.size.cells:,}",
            f"{info.spec_bytes:,}",
            _seconds(info.generate_seconds),
            f"{_seconds(statistics.median(info.loads))} ({len(info.loads)})",
            f"{_seconds(statistics.median(info.layout))} ({len(info.layout)})",
        ]
        for info in results.sizes
    ]
    headers = [
        "size",
        "cells",
        "spec bytes",
        "generate s",
        "comparekit.loads s (runs)",
        "build_table s (runs)",
    ]
    return tabulate(body, headers, tablefmt=tablefmt, disable_numparse=True)


def memory_target(results: Results) -> list[str]:
    """Per size: is comparekit's xlsx peak memory at most bare openpyxl's?"""
    lines = []
    for case in results.cases:
        if case.format != "xlsx" or case.skipped:
            continue
        ck, bare = case.contenders.get("comparekit"), case.contenders.get("bare")
        if not ck or not bare or not ck.memory or not bare.memory:
            continue
        verdicts = []
        for key, label in (("rss_peak_delta", "RSS Δ"), ("py_peak", "py peak")):
            a, b = ck.memory.get(key), bare.memory.get(key)
            if a is None or b is None:
                continue
            verdict = "met" if a <= b else "NOT met"
            verdicts.append(f"{label} {_mib(a)} vs {_mib(b)} MiB: {verdict}")
        if verdicts:
            lines.append(f"{case.size.name}: " + "; ".join(verdicts))
    return lines


def _jsonable(value: Any) -> Any:
    if attrs.has(type(value)):
        return {
            field.name: _jsonable(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def to_json(results: Results) -> str:
    """All results, raw times included, as JSON (sizes as ``"200x100"``)."""
    data = _jsonable(results)
    data["settings"]["sizes"] = [s.name for s in results.settings.sizes]
    for info, raw in zip(results.sizes, data["sizes"], strict=True):
        raw["size"] = info.size.name
        raw["cells"] = info.size.cells
    for case, raw in zip(results.cases, data["cases"], strict=True):
        raw["size"] = case.size.name
        raw["cells"] = case.size.cells
        raw["ratios"] = {name: case.ratio(name) for name in case.contenders if name != "comparekit"}
        for name, result in case.contenders.items():
            raw["contenders"][name]["median"] = result.median
            raw["contenders"][name]["cpu_median"] = result.cpu_median
    if results.startup is not None:
        _startup_json(results.startup, data["startup"])
    data["linearity_us_per_cell"] = linearity(results)
    data["memory_target"] = memory_target(results)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _machine_lines(info: dict[str, Any]) -> list[str]:
    libraries = ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    memory = info.get("memory_bytes")
    return [
        f"- CPU: {info['cpu']}; {info['cores']} cores ({info['cores_usable']} usable)",
        f"- Memory: {memory / 2**30:.1f} GiB" if memory else "- Memory: unknown",
        f"- System: {info['system']}; {info['python']}",
        f"- Libraries: {libraries}",
        f"- comparekit commit: {info['comparekit_commit']}; hash of the source files benchmarked: "
        f"{info['comparekit_source']}"
        + (
            " (a copy of the working tree taken at the start, which may differ from the commit)"
            if info.get("snapshot")
            else " (the working tree, which may differ from the commit)"
        ),
        "- Load average (1, 5, 15 min) at start: "
        + ", ".join(f"{x:.2f}" for x in info["load_average"]),
    ]


def markdown(results: Results) -> str:
    """The Markdown report: machine, command, results, linearity, sizes, memory target."""
    s = results.settings
    lines = [
        "# comparekit benchmark",
        "",
        f"Run {results.started} – {results.finished} ({results.seconds / 60:.1f} min).",
        "",
        "```",
        results.command,
        "```",
        "",
        "## Machine",
        "",
        *_machine_lines(results.machine),
        "- Load average at the end: " + ", ".join(f"{x:.2f}" for x in results.load_after),
        "",
        "## Settings",
        "",
        f"- sizes (products × features): {', '.join(x.name for x in s.sizes)}; "
        f"formats: {', '.join(s.formats)}; contenders: {', '.join(s.names)}; seed {s.seed}",
        f"- runs per contender: {s.runs if s.runs is not None else '5 up to 2,500 cells, 3 up to 20,000, then 2'}"
        f", fewer when a round would take the case over {s.case_budget:g} s; a call over "
        f"{s.max_seconds:g} s is stopped and its contender skipped; a warm-up of at least "
        f"{s.long_seconds:g} s counts as run 1",
        f"- memory: {'in a child process per case and contender' if s.memory else 'not measured'}"
        f"; tracemalloc only in cases whose slowest median is at most {s.trace_seconds:g} s",
        "- garbage collector: "
        + (
            "paused during the bare and pandas calls too (--gc-off), as comparekit pauses it"
            if s.gc_off
            else "on during the bare and pandas calls (comparekit.render pauses it during its "
            "own, if it does)"
        ),
        "",
        *(startup_section(results.startup) if results.startup else []),
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
        "![Median time against cells, log-log](latest-curve.svg)",
        "",
        "## Per size, for information",
        "",
        sizes_table(results, "github"),
        "",
    ]
    target = memory_target(results)
    if target:
        lines += [
            "## xlsx memory target: comparekit no higher than bare openpyxl",
            "",
            *(f"- {line}" for line in target),
            "",
        ]
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
    if python.startswith(str(ROOT)):
        python = os.path.relpath(python, ROOT)
    return python


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
