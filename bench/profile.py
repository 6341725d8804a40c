"""Where comparekit's time goes: cProfile of one ``comparekit.render`` call.

``python -m bench.profile 200x100 xlsx [--top 25] [--all]`` renders a synthetic comparison
once to warm up, then once under :mod:`cProfile`, and prints the functions by cumulative
time: comparekit's own (in ``comparekit/``) by default, every function with ``--all``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections.abc import Sequence
from pathlib import Path

import comparekit
from bench.generate import Size, generate, parse_size

__all__ = ["main", "profile"]

PACKAGE = str(Path(comparekit.__file__).resolve().parent)


def profile(size: Size, fmt: str, top: int = 25, everything: bool = False, seed: int = 0) -> str:
    """The profile of one render as text: total time, then the top functions."""
    comparison = generate(size, seed)
    comparekit.render(comparison, fmt, lang="en")
    start = time.perf_counter()
    comparekit.render(comparison, fmt)
    plain = time.perf_counter() - start
    profiler = cProfile.Profile()
    profiler.runcall(comparekit.render, comparison, fmt)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    restriction: tuple[str | int, ...] = (top,) if everything else (PACKAGE, top)
    stats.print_stats(*restriction)
    return f"{size} {fmt}: {plain:.3f} s without the profiler\n{out.getvalue()}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the profile."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("size", type=parse_size)
    parser.add_argument("format")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--all", action="store_true", help="every function, not only comparekit's")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(profile(args.size, args.format, args.top, args.all, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
