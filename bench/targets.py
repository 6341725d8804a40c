"""Issue 20's targets, each measured as a ratio (never as a timed test).

``python -m bench.targets`` (and every ``make bench``, unless ``--no-targets``) measures:

* **whole processes**, interleaved round by round after one warm-up round (wall clock around
  :func:`subprocess.run`, CPU the child's user + system time), the ratio per round and its
  median: the sample rendered to txt, xlsx and pdf in one command ÷ ``python -c "import
  comparekit, weasyprint, openpyxl"`` (target ≤ 1.5×); ``comparekit check`` of a 1000×200
  spec ÷ ``tomllib.load`` of the same file (target ≤ 1.6×);
* **PDF**, each call in a process of its own (after a 4×15 warm-up in that process, so
  imports and fonts are not counted), interleaved: ``comparekit.render`` (a library
  caller), the command's own path (:func:`comparekit.jobs.own_process`, the collector off
  and the heap frozen, as ``comparekit render`` runs it) and the pandas route chunked by 6
  product columns (:mod:`bench.pandas_route`), with each process's peak RSS (target ≤ 0.9×
  at 50×50 and 200×100, and ≤ 600 MB at 200×100);
* **in one process**, interleaved: xlsx by comparekit, bare openpyxl (:mod:`bench.bare`),
  pandas (the matrix alone) and pandas on equal content (matrix, Data sheet, notes as
  comments), with the cells each workbook holds (``<c`` elements of its sheets) and µs per
  cell written; md by comparekit ÷ pandas ``to_markdown`` at 200×100 (target ≤ 0.8×).

Results go to stdout as Markdown and to ``bench/results/targets.md`` and ``targets.json``.
``python -m bench.targets --parts pdf --pdf-sizes 50x50 --runs 3`` measures a part alone.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from bench.snapshot import ROOT, RUNNING_FROM

__all__ = ["PARTS", "main", "markdown", "measure", "xlsx_cells"]

PARTS = ("processes", "pdf", "xlsx", "md")
"""What :func:`measure` can measure, in its order."""

SAMPLE = ROOT / "specs" / "china-remote-work-2020.toml"
RESULTS = ROOT / "bench" / "results"
_CELL = re.compile(rb"<c[ >]")


def xlsx_cells(data: bytes) -> int:
    """Cells a workbook holds: ``<c`` elements over all its worksheets."""
    with zipfile.ZipFile(BytesIO(data)) as book:
        return sum(
            len(_CELL.findall(book.read(name)))
            for name in book.namelist()
            if name.startswith("xl/worksheets/sheet")
        )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: Sequence[str]) -> tuple[float, float, str]:
    cpu, wall = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=RUNNING_FROM)
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()[-500:]}")
    return wall, cpu, done.stdout


def _median_ratio(one: list[float], other: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(one, other, strict=True))


def _pairs(
    name: str, ours: list[str], theirs: list[str], runs: int, target: float
) -> dict[str, Any]:
    """Two commands as whole processes, interleaved after a warm-up round; ratios per round."""
    _run(ours), _run(theirs)
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "theirs": []}
    for _ in range(runs):
        times["ours"].append(_run(ours)[:2])
        times["theirs"].append(_run(theirs)[:2])
    wall = {k: [w for w, _ in v] for k, v in times.items()}
    cpu = {k: [c for _, c in v] for k, v in times.items()}
    row = {
        "name": name,
        "ours": " ".join(ours),
        "theirs": " ".join(theirs),
        "wall": wall,
        "cpu": cpu,
        "ratio_wall": _median_ratio(wall["ours"], wall["theirs"]),
        "ratio_cpu": _median_ratio(cpu["ours"], cpu["theirs"]),
        "target": target,
    }
    _log(f"{name}: wall ratio {row['ratio_wall']:.2f}×, CPU ratio {row['ratio_cpu']:.2f}×")
    return row


def _child(size: str, route: str) -> None:
    """In a process of its own: warm up at 4×15, then one timed PDF at ``size``; print JSON."""
    import comparekit
    from bench import pandas_route
    from bench.generate import generate, parse_size
    from comparekit import jobs

    def call(comparison: Any) -> bytes:
        if route == "pandas":
            return pandas_route.render(comparison, "pdf")
        if route == "comparekit":
            return comparekit.render(comparison, "pdf")
        [outcome] = jobs.run_jobs([jobs.Job(comparison, "x.toml", None, "pdf")])
        return outcome.data

    if route == "command":
        jobs.own_process()
    call(generate(parse_size("4x15"), 0))
    comparison = generate(parse_size(size), 0)
    gc.collect()
    if route == "command":
        gc.disable()
    cpu, wall = time.process_time(), time.perf_counter()
    data = call(comparison)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mib": peak, "bytes": len(data)}))
    if route == "command":
        gc.freeze()


def _pdf(size: str, runs: int) -> dict[str, Any]:
    routes = ("comparekit", "command", "pandas")
    found: dict[str, list[dict[str, float]]] = {route: [] for route in routes}
    for _ in range(runs):
        for route in routes:
            argv = [sys.executable, "-m", "bench.targets", "--child", size, route]
            found[route].append(json.loads(_run(argv)[2]))
    row: dict[str, Any] = {"size": size, "runs": found}
    for route in routes:
        for key in ("wall", "cpu", "peak_mib"):
            row[f"{route}_{key}"] = statistics.median(r[key] for r in found[route])
    for route in ("comparekit", "command"):
        for key in ("wall", "cpu"):
            row[f"{route}_ratio_{key}"] = _median_ratio(
                [r[key] for r in found[route]], [r[key] for r in found["pandas"]]
            )
    _log(
        f"pdf {size}: API {row['comparekit_ratio_cpu']:.2f}×, command "
        f"{row['command_ratio_cpu']:.2f}× pandas (CPU); peak "
        f"{row['comparekit_peak_mib']:.0f} / {row['command_peak_mib']:.0f} / "
        f"{row['pandas_peak_mib']:.0f} MiB"
    )
    return row


def _in_process(calls: dict[str, Callable[[], bytes]], runs: int) -> dict[str, Any]:
    """Each call once to warm up, then ``runs`` rounds interleaved; wall and CPU medians."""
    outputs = {name: call() for name, call in calls.items()}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            call()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {
        name: {
            "wall": statistics.median(w for w, _ in times[name]),
            "cpu": statistics.median(c for _, c in times[name]),
            "walls": [w for w, _ in times[name]],
            "cpus": [c for _, c in times[name]],
            "bytes": len(outputs[name]),
            "output": outputs[name],
        }
        for name in calls
    }


def _xlsx(size: str, runs: int) -> dict[str, Any]:
    import comparekit
    from bench import bare, pandas_route
    from bench.generate import generate, parse_size

    comparison = generate(parse_size(size), 0)
    reference = comparekit.render(comparison, "xlsx")
    calls = {
        "comparekit": lambda: comparekit.render(comparison, "xlsx"),
        "bare": bare.prepare(comparison, "xlsx", reference),
        "pandas": lambda: pandas_route.render(comparison, "xlsx"),
        "pandas-full": lambda: pandas_route.render_full_xlsx(comparison),
    }
    found = _in_process(calls, runs)
    for name, result in found.items():
        result["cells"] = xlsx_cells(result.pop("output"))
        result["us_per_cell"] = result["wall"] / result["cells"] * 1e6
        _log(
            f"xlsx {size} {name}: {result['wall']:.3f} s, {result['cells']:,} cells, "
            f"{result['us_per_cell']:.1f} µs per cell written"
        )
    return {"size": size, "contenders": found}


def _md(size: str, runs: int) -> dict[str, Any]:
    import comparekit
    from bench import pandas_route
    from bench.generate import generate, parse_size

    comparison = generate(parse_size(size), 0)
    found = _in_process(
        {
            "comparekit": lambda: comparekit.render(comparison, "md"),
            "pandas": lambda: pandas_route.render(comparison, "md"),
        },
        runs,
    )
    for result in found.values():
        result.pop("output")
    ratio = _median_ratio(found["comparekit"]["walls"], found["pandas"]["walls"])
    ratio_cpu = _median_ratio(found["comparekit"]["cpus"], found["pandas"]["cpus"])
    _log(f"md {size}: {ratio_cpu:.2f}× pandas (CPU), {ratio:.2f}× (wall)")
    return {
        "size": size,
        "contenders": found,
        "ratio_wall": ratio,
        "ratio_cpu": ratio_cpu,
        "target": 0.8,
    }


def _mark(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "**not met**"


def _table(title: str, header: Sequence[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table under a bold title, as lines."""
    return [
        "",
        title,
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def markdown(found: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    lines = [f"Load average at the start {found['load_before']}, at the end {found['load_after']}."]
    lines += _table(
        "**Whole processes** (interleaved, medians of the per-round ratios):",
        ["measure", "ours wall s", "theirs wall s", "ratio wall", "ratio CPU", "target"],
        [
            [
                row["name"],
                f"{statistics.median(row['wall']['ours']):.3f}",
                f"{statistics.median(row['wall']['theirs']):.3f}",
                f"{row['ratio_wall']:.2f}×",
                f"{row['ratio_cpu']:.2f}×",
                f"≤ {row['target']}× {_mark(row['ratio_cpu'], row['target'])} (CPU)",
            ]
            for row in found["processes"]
        ],
    )
    routes = ("comparekit", "command", "pandas")
    lines += _table(
        "**PDF**, one call per process after a warm-up, interleaved (medians):",
        [
            "size",
            "API s (CPU)",
            "command s (CPU)",
            "pandas chunked s (CPU)",
            "API ÷ pandas CPU",
            "command ÷ pandas CPU",
            "peak RSS MiB (API / command / pandas)",
        ],
        [
            [
                row["size"],
                *(f"{row[f'{r}_wall']:.2f} ({row[f'{r}_cpu']:.2f})" for r in routes),
                f"{row['comparekit_ratio_cpu']:.2f}×",
                f"{row['command_ratio_cpu']:.2f}×",
                " / ".join(f"{row[f'{r}_peak_mib']:.0f}" for r in routes),
            ]
            for row in found["pdf"]
        ],
    )
    lines += _table(
        "**xlsx**, in one process, interleaved (medians):",
        ["size", "contender", "wall s", "CPU s", "cells written", "µs per cell written"],
        [
            [
                row["size"],
                name,
                f"{result['wall']:.3f}",
                f"{result['cpu']:.3f}",
                f"{result['cells']:,}",
                f"{result['us_per_cell']:.1f}",
            ]
            for row in found["xlsx"]
            for name, result in row["contenders"].items()
        ],
    )
    lines += _table(
        "**md**, in one process, interleaved (medians; the ratio per round, on CPU as the "
        "others, the wall clock's beside it):",
        [
            "size",
            "comparekit s (CPU)",
            "pandas to_markdown s (CPU)",
            "ratio CPU",
            "ratio wall",
            "target",
        ],
        [
            [
                row["size"],
                f"{row['contenders']['comparekit']['wall']:.3f} "
                f"({row['contenders']['comparekit']['cpu']:.3f})",
                f"{row['contenders']['pandas']['wall']:.3f} "
                f"({row['contenders']['pandas']['cpu']:.3f})",
                f"{row['ratio_cpu']:.2f}×",
                f"{row['ratio_wall']:.2f}×",
                f"≤ {row['target']}× {_mark(row['ratio_cpu'], row['target'])} (CPU)",
            ]
            for row in found["md"]
        ],
    )
    return "\n".join(lines) + "\n"


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(runs: int, pdf_sizes: Sequence[str], parts: Sequence[str]) -> dict[str, Any]:
    """Every target measurement asked for in ``parts``."""
    from bench.generate import generate, parse_size
    from comparekit import dump

    found: dict[str, Any] = {
        "load_before": _load(),
        "processes": [],
        "pdf": [],
        "xlsx": [],
        "md": [],
    }
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-targets-") as folder:
        if "processes" in parts:
            _log("whole processes: sample render ÷ imports; check 1000x200 ÷ tomllib.load")
            found["processes"].append(
                _pairs(
                    "sample → txt, xlsx, pdf ÷ import comparekit, weasyprint, openpyxl",
                    [
                        python,
                        "-m",
                        "comparekit",
                        "render",
                        str(SAMPLE),
                        "-f",
                        "txt,xlsx,pdf",
                        "-o",
                        folder,
                        "--force",
                    ],
                    [python, "-c", "import comparekit, weasyprint, openpyxl"],
                    runs,
                    1.5,
                )
            )
            spec = Path(folder) / "1000x200.toml"
            spec.write_text(dump(generate(parse_size("1000x200"), 0)), encoding="utf-8")
            found["processes"].append(
                _pairs(
                    "check 1000x200 ÷ tomllib.load",
                    [python, "-m", "comparekit", "check", str(spec)],
                    [python, "-c", f"import tomllib; tomllib.load(open({str(spec)!r}, 'rb'))"],
                    runs,
                    1.6,
                )
            )
        if "pdf" in parts:
            for size in pdf_sizes:
                found["pdf"].append(_pdf(size, runs if size == "50x50" else max(1, runs - 2)))
        if "xlsx" in parts:
            for size in ("50x50", "200x100"):
                found["xlsx"].append(_xlsx(size, runs if size == "50x50" else max(1, runs - 2)))
        if "md" in parts:
            found["md"].append(_md("200x100", runs))
    found["load_after"] = _load()
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print Markdown, write ``targets.md`` and ``targets.json``."""
    parser = argparse.ArgumentParser(prog="python -m bench.targets", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf-sizes", default="50x50,200x100")
    parser.add_argument("--parts", default=",".join(PARTS))
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "ROUTE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    found = measure(args.runs, args.pdf_sizes.split(","), args.parts.split(","))
    text = markdown(found)
    print(text)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "targets.md").write_text(text, encoding="utf-8")
    (args.output / "targets.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
