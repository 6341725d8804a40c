"""Peak memory of one contender on one case, measured in a process of its own.

Run by :mod:`bench.measure` as ``python -m bench.memory SIZE FORMAT CONTENDER [--prepared FILE]``;
prints one JSON object. After a run on a 4×15 comparison (one-time costs), the input is made
(or the bare contender's unpickled from ``--prepared``) and free heap handed back
(``malloc_trim``). **RSS Δ**: the kernel's peak-RSS mark is reset (``/proc/self/clear_refs``),
the contender runs once, and ``VmHWM`` minus the RSS before is reported (Python and C alike;
without a resettable mark, a thread samples the RSS every 5 ms). **py peak**, unless
``--no-trace``: the peak of Python allocations during a second call, under :mod:`tracemalloc`.
A hash of comparekit's sources tells the parent whether it ran the same code as the timings.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import pickle
import re
import threading
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import contenders
from bench.contenders import Run
from bench.generate import Size, generate, parse_size
from bench.snapshot import fingerprint

__all__ = ["main", "measure"]

_STATUS = Path("/proc/self/status")


def _status_kib(field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", _STATUS.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _rss() -> int:
    kib = _status_kib("VmRSS")
    if kib is not None:
        return kib * 1024
    import psutil

    return int(psutil.Process().memory_info().rss)


def _reset_high_water_mark() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return _status_kib("VmHWM") is not None


def _trim() -> None:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class _Sampler(threading.Thread):
    """Samples the RSS every few milliseconds, for systems without a resettable mark."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.005):
            self.peak = max(self.peak, _rss())


def _rss_run(run: Run) -> dict[str, Any]:
    _trim()
    before = _rss()
    exact = _reset_high_water_mark()
    sampler = None if exact else _Sampler()
    if sampler:
        sampler.start()
    start = time.perf_counter()
    output = run()
    seconds = time.perf_counter() - start
    if sampler:
        sampler.done.set()
        sampler.join()
        peak = max(sampler.peak, _rss())
    else:
        peak = (_status_kib("VmHWM") or 0) * 1024
    return {
        "rss_before": before,
        "rss_peak_delta": max(peak - before, 0),
        "rss_method": "VmHWM reset" if exact else "sampled every 5 ms",
        "seconds": seconds,
        "output_bytes": len(output),
    }


def _traced_run(run: Run) -> int:
    _trim()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def measure(
    size: Size,
    fmt: str,
    name: str,
    prepared: Path | None = None,
    seed: int = 0,
    trace: bool = True,
    gc_off: bool = False,
) -> dict[str, Any]:
    """Measure one contender's memory on one case in this process (see the module doc)."""
    source = fingerprint()
    contenders.prepare(name, generate(Size(4, 15), seed), fmt, gc_off=gc_off)()
    if prepared is not None:
        with prepared.open("rb") as file:
            run = pickle.load(file)
    else:
        run = contenders.prepare(name, generate(size, seed), fmt, gc_off=gc_off)
    result = _rss_run(run)
    result["py_peak"] = _traced_run(run) if trace else None
    result["comparekit_source"] = source
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print one JSON object on standard output."""
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("size", type=parse_size)
    parser.add_argument("format")
    parser.add_argument("contender", choices=contenders.NAMES)
    parser.add_argument("--prepared", type=Path, help="pickled prepared contender (bare)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-trace", action="store_true", help="no tracemalloc run")
    parser.add_argument("--gc-off", action="store_true", help="pause the GC (bare, pandas)")
    args = parser.parse_args(argv)
    trace = not args.no_trace
    result = measure(
        args.size, args.format, args.contender, args.prepared, args.seed, trace, args.gc_off
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
