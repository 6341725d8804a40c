"""Timing the contenders interleaved, in this process, and their memory in child processes.

One *case* is a size and a format: a warm-up round (each contender prepared and called once,
within ``max_seconds``, else skipped saying why), then rounds, comparekit, bare, pandas,
comparekit, ... within ``case_budget``, then each contender's memory in a process of its own
(:mod:`bench.memory`). Every call is timed wall and CPU after :func:`gc.collect`; the ratio
of comparekit to another contender is taken per round and its median reported.
``bench/README.md`` ("How the timing works") gives the details.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

import comparekit
from bench import contenders
from bench.contenders import Run
from bench.generate import Size, generate
from bench.snapshot import RUNNING_FROM
from comparekit import Comparison

__all__ = ["CaseResult", "ContenderResult", "Sample", "Settings", "SizeInfo", "run_case"]
__all__ += ["TooSlowError", "deadline", "size_info", "warm_process"]


class TooSlowError(Exception):
    """A call ran past its deadline."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TooSlowError` in the block if it runs longer than ``seconds``."""
    if not seconds or seconds <= 0:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TooSlowError(f"did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@attrs.frozen
class Settings:
    """How the benchmark runs (see ``python -m bench --help``)."""

    sizes: tuple[Size, ...]
    formats: tuple[str, ...]
    names: tuple[str, ...] = contenders.NAMES
    runs: int | None = None
    """Runs per contender and case; ``None``: :meth:`runs_for` the size."""
    memory: bool = True
    seed: int = 0
    max_seconds: float = 120.0
    case_budget: float = 240.0
    long_seconds: float = 20.0
    trace_seconds: float = 10.0
    max_pdf_cells: int = 50_000
    warm_cases: bool = True
    """Warm up each case at its own size (off in ``--quick``: the process warm-up only)."""
    gc_off: bool = False
    """Pause the cyclic GC during the bare and pandas calls too, as comparekit does in its own."""

    def runs_for(self, size: Size) -> int:
        """Runs per contender: 5 up to 2,500 cells, 3 up to 20,000, then 2."""
        if self.runs is not None:
            return self.runs
        if size.cells <= 2_500:
            return 5
        return 3 if size.cells <= 20_000 else 2


@attrs.define
class Sample:
    """One timed call."""

    wall: float
    cpu: float


class Sampled:
    """What timed runs give: wall times, their median and the median CPU time.

    Mixed into the attrs classes that hold ``samples`` (a contender on a case, a
    start-up command).
    """

    samples: list[Sample]

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.samples else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(s.cpu for s in self.samples) if self.samples else None


@attrs.define
class ContenderResult(Sampled):
    """One contender on one case."""

    name: str
    samples: list[Sample] = attrs.Factory(list)
    warmup: Sample | None = None
    warmup_counted: bool = False
    prepare_seconds: float | None = None
    output_bytes: int | None = None
    skipped: str | None = None
    memory: dict[str, Any] | None = None


@attrs.define
class CaseResult:
    """Every contender on one case, with comparekit's ratio to each other contender."""

    size: Size
    format: str
    contenders: dict[str, ContenderResult]
    skipped: str | None = None
    seconds: float = 0.0

    def ratio(self, name: str) -> float | None:
        """Median over rounds of comparekit's time / ``name``'s (>1: comparekit is slower)."""
        ck = self.contenders.get("comparekit")
        other = self.contenders.get(name)
        if not ck or not other or not ck.samples or not other.samples:
            return None
        pairs = zip(ck.walls, other.walls, strict=False)
        return statistics.median(a / b for a, b in pairs if b > 0)


@attrs.define
class SizeInfo:
    """Per size, for information: the spec's size and the time to load it and lay it out."""

    size: Size
    spec_bytes: int
    loads: list[float]
    layout: list[float]
    generate_seconds: float
    workbook_bytes: int | None = None
    """The xlsx workbook's size; ``None`` when the run leaves out xlsx."""
    xlsx_import: list[float] = attrs.Factory(list)
    """Times of ``comparekit.loads(workbook)``, round by round with :attr:`xlsx_render`."""
    xlsx_render: list[float] = attrs.Factory(list)
    """Times of ``comparekit.render(comparison, "xlsx")``, interleaved with the imports."""

    def import_ratio(self) -> float | None:
        """Median over rounds of import time / render time (target: at most 2)."""
        pairs = zip(self.xlsx_import, self.xlsx_render, strict=True)
        ratios = [a / b for a, b in pairs if b > 0]
        return statistics.median(ratios) if ratios else None


def _timed(run: Callable[[], bytes]) -> tuple[bytes, Sample]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    output = run()
    return output, Sample(time.perf_counter() - wall, time.process_time() - cpu)


def _repeat(call: Callable[[], object], budget: float, most: int) -> list[float]:
    """Times of ``call``, at most ``most`` times and at least once, within about ``budget`` s."""
    return _interleaved([call], budget, most)[0]


def _interleaved(calls: list[Callable[[], object]], budget: float, most: int) -> list[list[float]]:
    """Times of each call, round by round (one call of each per round), at most ``most``
    rounds and at least one, within about ``budget`` s."""
    times: list[list[float]] = [[] for _ in calls]
    spent = last = 0.0
    while len(times[0]) < most and (not times[0] or spent + last <= budget):
        last = 0.0
        for call, kept in zip(calls, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            call()
            kept.append(time.perf_counter() - start)
            last += kept[-1]
        spent += last
    return times


def size_info(size: Size, comparison: Comparison, seconds: float, settings: Settings) -> SizeInfo:
    """The spec's size, and median-able times of ``comparekit.loads`` and ``build_table``."""
    text = comparekit.dump(comparison)
    most = settings.runs_for(size)
    info = SizeInfo(
        size=size,
        spec_bytes=len(text.encode("utf-8")),
        loads=_repeat(lambda: comparekit.loads(text), 20.0, most),
        layout=_repeat(lambda: comparekit.build_table(comparison), 20.0, most),
        generate_seconds=seconds,
    )
    if "xlsx" in settings.formats:  # import the workbook vs render it, round by round
        book = comparekit.render(comparison, "xlsx")
        info.workbook_bytes = len(book)
        comparekit.loads(book)  # warm-up: the reader's imports
        calls = [lambda: comparekit.loads(book), lambda: comparekit.render(comparison, "xlsx")]
        info.xlsx_import, info.xlsx_render = _interleaved(calls, settings.case_budget, most)
    return info


def warm_process(settings: Settings, log: Callable[[str], None]) -> None:
    """Run every contender once on a 4×15 comparison, per format: imports, fonts, caches."""
    small = generate(Size(4, 15), settings.seed)
    for fmt in settings.formats:
        for name in settings.names:
            contenders.prepare(name, small, fmt, gc_off=settings.gc_off)()
    log(f"warmed up: {', '.join(settings.names)} × {', '.join(settings.formats)} on 4x15")


def _warm_up(
    result: ContenderResult,
    comparison: Comparison,
    fmt: str,
    reference: bytes | None,
    settings: Settings,
) -> tuple[Run | None, bytes | None]:
    """Prepare and call one contender once, each within the deadline; else skip it."""
    what = "preparing its input"
    try:
        with deadline(settings.max_seconds):
            start = time.perf_counter()
            run = contenders.prepare(result.name, comparison, fmt, reference, settings.gc_off)
            result.prepare_seconds = time.perf_counter() - start
        what = "one call"
        with deadline(settings.max_seconds):
            output, result.warmup = _timed(run)
    except TooSlowError as error:
        result.skipped = f"{what} {error}"
        return None, None
    except Exception as error:  # a contender that cannot do the case is skipped, saying why
        result.skipped = f"{what} failed: {type(error).__name__}: {error}"
        return None, None
    result.output_bytes = len(output)
    return run, output


def _memory(
    size: Size, fmt: str, result: ContenderResult, run: Run, trace: bool, settings: Settings
) -> dict[str, Any]:
    """Run :mod:`bench.memory` for one contender; the bare one gets its prepared input."""
    command = [sys.executable, "-m", "bench.memory", size.name, fmt, result.name]
    command += ["--seed", str(settings.seed)] + ([] if trace else ["--no-trace"])
    command += ["--gc-off"] if settings.gc_off else []
    longest = max((s.wall for s in result.samples), default=0.0)
    timeout = 180 + 3 * longest + (6 * longest if trace else 0)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        if result.name == "bare":
            prepared = Path(folder) / "prepared.pickle"
            with prepared.open("wb") as file:
                pickle.dump(run, file, protocol=pickle.HIGHEST_PROTOCOL)
            command += ["--prepared", str(prepared)]
        try:
            done = subprocess.run(
                command,
                cwd=RUNNING_FROM,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={**os.environ, "PYTHONHASHSEED": "0"},
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"the memory process did not finish within {timeout:.0f} s"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no message"]
        return {"error": f"the memory process failed: {tail[0]}"}
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def run_case(
    size: Size, fmt: str, comparison: Comparison, settings: Settings, log: Callable[[str], None]
) -> CaseResult:
    """Time every contender on one case, interleaved; then measure their memory."""
    started = time.perf_counter()
    case = CaseResult(size, fmt, {name: ContenderResult(name) for name in settings.names})
    if fmt == "pdf" and size.cells > settings.max_pdf_cells:
        case.skipped = (
            f"a PDF of {size.cells:,} cells is hundreds of pages and takes many minutes "
            f"(more than --max-pdf-cells {settings.max_pdf_cells:,})"
        )
        return case
    runs: dict[str, Run] = {}
    reference: bytes | None = None
    ck = case.contenders.get("comparekit")
    for name, result in case.contenders.items():
        if name == "bare" and fmt == "xlsx" and ck is not None and ck.skipped:
            result.skipped = "its input is comparekit's workbook, which was not made in time"
            continue
        run, output = _warm_up(result, comparison, fmt, reference, settings)
        if run is None:
            log(f"  {size} {fmt} {name}: skipped: {result.skipped}")
            continue
        runs[name] = run
        if name == "comparekit":
            reference = output
        assert result.warmup is not None
        if settings.warm_cases and result.warmup.wall < settings.long_seconds:
            continue
        result.samples.append(result.warmup)
        result.warmup_counted = True
    round_seconds = sum(
        warmup.wall for name in runs if (warmup := case.contenders[name].warmup) is not None
    )
    wanted = settings.runs_for(size)
    if round_seconds > 0:
        wanted = min(wanted, max(1, int(settings.case_budget // round_seconds)))
    for _ in range(wanted):
        for name, run in runs.items():
            result = case.contenders[name]
            if len(result.samples) < wanted:
                result.samples.append(_timed(run)[1])
    if settings.memory:
        # The Python peak for every contender of the case or for none, so that they compare.
        slowest = max((case.contenders[name].median or 0.0 for name in runs), default=0.0)
        trace = slowest <= settings.trace_seconds
        for name, run in runs.items():
            result = case.contenders[name]
            result.memory = _memory(size, fmt, result, run, trace, settings)
            if not trace:
                result.memory["py_peak_skipped"] = (
                    f"the slowest call of the case took {slowest:.0f} s > {settings.trace_seconds:g} s;"
                    " tracemalloc would make it several times slower"
                )
    case.seconds = time.perf_counter() - started
    return case
