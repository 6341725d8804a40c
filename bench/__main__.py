"""``python -m bench``: time comparekit against the bare libraries and the pandas route.

Starts with the command line's whole-process start-up (:mod:`bench.startup`); prints a table
as it goes and at the end, and writes ``bench/results/latest.json`` and
``bench/results/latest.md``. ``--startup-only`` measures the start-up alone and only prints
it. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench import contenders, html_target, report, startup, targets
from bench.bare import prepare_xlsx
from bench.generate import SIZES, Size, generate, parse_sizes
from bench.measure import Settings, run_case, size_info, warm_process
from bench.snapshot import ENV, INVOKED_FROM, ROOT, fingerprint, run_from_snapshot

FORMATS = ("txt", "md", "xlsx", "pdf")
DEFAULT_FORMATS = ("txt", "xlsx", "pdf")
QUICK_SIZES = (Size(4, 15), Size(12, 12))
QUICK_STARTUP_ROUNDS = 2
RESULTS = ROOT / "bench" / "results"


LIMITS = (  # option, type, default, what it does
    ("--max-seconds", float, 120.0, "a call or preparation this long is stopped and skipped"),
    ("--case-budget", float, 240.0, "fewer runs when a case would take longer than this (s)"),
    ("--long-seconds", float, 20.0, "a warm-up at least this long counts as the first run"),
    ("--trace-seconds", float, 10.0, "tracemalloc only if a case's slowest median is at most this"),
    ("--max-pdf-cells", int, 50_000, "skip PDF above this many cells (1000x200 is skipped)"),
)
"""The time limits: each an option and the field of :class:`Settings` of the same name."""

FLAGS = (
    ("--no-memory", "do not measure memory"),
    ("--no-pandas", "leave out the pandas route"),
    ("--quick", "smoke test: sizes 4x15,12x12, one run, no warm-up per case (about a minute)"),
    (
        "--gc-off",
        "pause the cyclic garbage collector during the bare and pandas calls too, as "
        "comparekit.render pauses it during its own: the ratios compare the work alone",
    ),
    ("--startup-only", "measure only the whole-process start-up and print it (writes no files)"),
    (
        "--no-targets",
        "leave out issue 20's target ratios (bench/targets.py: whole-process pairs, PDF and "
        "xlsx contenders on equal content, md, check); they run after the start-up otherwise",
    ),
    (
        "--scoring-only",
        "measure only what scoring adds to the xlsx render (bench/scoring.py: --sizes, --runs, "
        "--seed; default 200x100) and print it (writes no files)",
    ),
    (
        "--no-snapshot",
        "run comparekit from the working tree, not from a copy taken at the start "
        "(edits made during the run then mix into it)",
    ),
)


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"formats are {', '.join(FORMATS)}; got {text!r}")
    return chosen


def _sizes(text: str) -> tuple[Size, ...]:
    try:
        sizes = parse_sizes(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not sizes:
        raise argparse.ArgumentTypeError("no size given")
    return sizes


def _field(option: str) -> str:
    return option.removeprefix("--").replace("-", "_")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time comparekit against the bare libraries it drives (tabulate, openpyxl, "
        "weasyprint) and against the pandas route, on synthetic comparisons.",
    )
    add = parser.add_argument
    default_sizes = ",".join(s.name for s in SIZES)
    add("--sizes", type=_sizes, help=f"PRODUCTSxFEATURES, comma-separated ({default_sizes})")
    add("--formats", type=_formats, help=f"of {', '.join(FORMATS)} ({','.join(DEFAULT_FORMATS)})")
    add("--runs", type=int, help="runs per contender (default: 5 small, 3 at 200x100, 2 above)")
    add("--seed", type=int, default=0, help="seed of the comparisons (default 0)")
    for flag, text in FLAGS:
        add(flag, action="store_true", help=text)
    for option, kind, default, text in LIMITS:
        add(option, type=kind, default=default, help=f"{text} (default {default:g})")
    add(
        "--startup-runs",
        type=int,
        help=f"timed rounds of the start-up commands (default {startup.ROUNDS}, "
        f"{QUICK_STARTUP_ROUNDS} with --quick; 0 leaves the start-up out of a full run)",
    )
    add("--output", type=Path, default=RESULTS, help="folder for latest.json and latest.md")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.startup_runs is not None and args.startup_runs < (1 if args.startup_only else 0):
        parser.error(f"--startup-runs must be at least {1 if args.startup_only else 0}")
    return args


def startup_rounds(args: argparse.Namespace) -> int:
    """Timed rounds of the start-up commands the options ask for (0: none)."""
    if args.startup_runs is not None:
        return int(args.startup_runs)
    return QUICK_STARTUP_ROUNDS if args.quick else startup.ROUNDS


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings the options ask for."""
    return Settings(
        sizes=args.sizes or (QUICK_SIZES if args.quick else SIZES),
        formats=args.formats or DEFAULT_FORMATS,
        names=tuple(n for n in contenders.NAMES if not (args.no_pandas and n == "pandas")),
        runs=1 if args.quick and args.runs is None else args.runs,
        memory=not args.no_memory,
        seed=args.seed,
        warm_cases=not args.quick,
        gc_off=args.gc_off,
        **{_field(option): getattr(args, _field(option)) for option, *_ in LIMITS},
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _measure_startup(rounds: int) -> startup.Startup | None:
    """Time the start-up commands; ``None`` (the error logged) if one failed."""
    _log(f"start-up (whole process): one warm-up round, then {rounds} timed rounds")
    try:
        return startup.measure(rounds)
    except startup.StartupError as error:
        _log(f"start-up measurement failed: {error}")
        return None


def _startup_only(rounds: int) -> int:
    """``--startup-only``: measure the start-up, print its table; write no files."""
    _log(f"comparekit start-up: {report.command_line()}")
    _log(f"comparekit from {report.comparekit_folder()}; load average {_load()}")
    measured = _measure_startup(rounds)
    if measured is None:
        return 1
    _log(f"load average at the end {_load()}; {measured.seconds:.0f} s")
    print(report.startup_table(measured))
    return 0


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _check_bare_xlsx(settings: Settings, results: report.Results) -> None:
    """Read the bare workbook back at a small size: it must hold what comparekit's holds."""
    small = [s for s in settings.sizes if s.cells <= 2_500]
    if "xlsx" not in settings.formats or "bare" not in settings.names or not small:
        return
    size = max(small)
    prepare_xlsx(generate(size, settings.seed), check=True)
    note = (
        f"The bare openpyxl workbook was read back at {size} and holds the same as "
        "comparekit's: sheets, cells with values, named styles per cell, number formats, "
        "merged ranges, comments, links, column widths, row heights, tables, freeze panes."
    )
    results.notes.append(note)
    _log(note)


def _note_source_changes(results: report.Results) -> None:
    """Say if comparekit's source changed during the run, and what it may have touched."""
    source = results.machine["comparekit_source"]
    changed = sorted(
        {
            f"{case.size} {case.format}"
            for case in results.cases
            for result in case.contenders.values()
            if result.memory and result.memory.get("comparekit_source", source) != source
        }
    )
    notes = []
    if changed:
        notes.append(
            "The memory of " + ", ".join(changed) + " was measured on other comparekit source "
            "files than the timings (they changed during the run)."
        )
    if results.machine.get("snapshot") and fingerprint(ROOT / "comparekit") != source:
        notes.append(
            "comparekit's working tree changed during the run; the run used the copy taken "
            "at the start throughout."
        )
    elif not results.machine.get("snapshot") and fingerprint() != source:
        notes.append(
            "comparekit's source files changed during the run (--no-snapshot): the cases may "
            "not all have run the same code."
        )
    for note in notes:
        _log(note)
    results.notes += notes


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the tables; write the JSON and Markdown reports."""
    args = parse_args(argv)
    if not args.no_snapshot and ENV not in os.environ and (ROOT / "comparekit").is_dir():
        return run_from_snapshot(sys.argv[1:] if argv is None else list(argv))
    args.output = INVOKED_FROM / args.output  # an absolute path stays as it is
    if args.startup_only:
        return _startup_only(startup_rounds(args))
    if args.scoring_only:
        from bench import scoring

        sizes = ",".join(size.name for size in args.sizes or ()) or "200x100"
        return scoring.main(
            ["--sizes", sizes, "--runs", str(args.runs or 5), "--seed", str(args.seed)]
        )
    settings = settings_from(args)
    start = time.perf_counter()
    results = report.Results(
        command=report.command_line(),
        settings=settings,
        machine=report.machine(),
        started=report.now(),
    )
    _log(f"comparekit benchmark: {results.command}")
    _log(
        f"comparekit {results.machine['comparekit_commit']}, source hash "
        f"{results.machine['comparekit_source']}, from {report.comparekit_folder()}"
    )
    rounds = startup_rounds(args)
    if rounds:
        results.startup = _measure_startup(rounds)
        if results.startup is None:
            return 1
        _log(report.startup_table(results.startup) + f"\n  ({results.startup.seconds:.0f} s)\n")
    _log("html against md on the sample (target: at most 50 ms more)")
    results.html_target = html_target.measure()
    _log(html_target.table(results.html_target) + "\n")
    if not args.no_targets and not args.quick:
        _log("issue 20's targets (bench/targets.py)")
        found = targets.measure(settings.runs or 5, ("50x50", "200x100"), targets.PARTS)
        args.output.mkdir(parents=True, exist_ok=True)
        (args.output / "targets.md").write_text(targets.markdown(found), encoding="utf-8")
        _log(targets.markdown(found))
    warm_process(settings, _log)
    _check_bare_xlsx(settings, results)
    for size in settings.sizes:
        began = time.perf_counter()
        comparison = generate(size, settings.seed)
        info = size_info(size, comparison, time.perf_counter() - began, settings)
        results.sizes.append(info)
        _log(f"{size}: {size.cells:,} cells, spec {info.spec_bytes:,} bytes")
        for fmt in settings.formats:
            case = run_case(size, fmt, comparison, settings, _log)
            results.cases.append(case)
            _log(report.results_table([case]) + f"\n  ({case.seconds:.0f} s)\n")
    _note_source_changes(results)
    results.finished = report.now()
    results.seconds = time.perf_counter() - start
    results.load_after = os.getloadavg()
    if results.startup:
        print(report.startup_table(results.startup))
        print()
    print(report.results_table(results.cases))
    print()
    print(report.linearity_table(results))
    print()
    print(report.slopes_table(results))
    print()
    print(report.sizes_table(results))
    if imports := report.import_table(results):
        print()
        print(imports)
    for line in report.memory_target(results):
        print(f"xlsx memory target: {line}")
    if results.html_target is not None:
        print()
        print(html_target.table(results.html_target))
    args.output.mkdir(parents=True, exist_ok=True)
    written = [args.output / "latest.json", args.output / "latest.md"]
    written[0].write_text(report.to_json(results), encoding="utf-8")
    written[1].write_text(report.markdown(results), encoding="utf-8")
    print(f"\nwritten: {', '.join(map(str, written))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
