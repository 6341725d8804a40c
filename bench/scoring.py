"""What scoring adds to a render: the same synthetic comparison with and without ``[scoring]``.

``python -m bench.scoring --sizes 200x100 --runs 5`` (or ``python -m bench --scoring-only
--sizes 200x100``) renders each size's comparison as xlsx without and with a ``[scoring]``
that weighs every feature that can be scored (a weight per group, so groups share theirs,
and a few features weighted alone), interleaved, and prints the median of each, the
overhead as a ratio (scored ÷ plain; the target is below 1.10), and ``score()`` alone.
The scored comparison also has findings. Nothing is written. ``--clock cpu`` times the
process's CPU time instead of the wall clock: steadier on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import attrs

from bench.generate import Size, generate, parse_sizes
from comparekit import Comparison, render
from comparekit.model import FeatureType
from comparekit.model.analysis import Finding
from comparekit.model.scoring import score

__all__ = ["TARGET", "main", "measure", "scored"]

TARGET = 1.10
"""Scoring may add at most 10 % to the xlsx render time."""


def scored(comparison: Comparison) -> Comparison:
    """``comparison`` with a ``[scoring]`` over every feature it can score, and findings.

    >>> c = scored(generate(Size(4, 15)))
    >>> c.scoring is not None and len(c.findings)
    3
    """
    scorable = [
        f
        for f in comparison.features
        if f.type is not FeatureType.TEXT and (f.better is not None or not f.type.ordered)
    ]
    weights: dict[str, float] = {}
    alone = scorable[::2]  # half weighted alone, the rest through their groups
    for feature in alone:
        weights[feature.id] = 1 + len(weights) % 4
    grouped = {f.group for f in scorable if f not in alone and f.group}
    for group in sorted(g for g in grouped if g is not None):
        members = [
            f for f in comparison.features if f.group == group and f.type is not FeatureType.TEXT
        ]
        if all(f in scorable and f not in alone for f in members):
            weights[group] = 2
    products = comparison.products
    findings = [
        Finding(
            text={"en": f"Finding {n}", "ko": f"발견 {n}", "zh": f"发现{n}"},
            cells=[(products[n % len(products)].id, scorable[n % len(scorable)].id)],
        )
        for n in range(3)
    ]
    scoring = {"weights": weights, "missing": "exclude", "vary": 20, "seed": 1}
    return attrs.evolve(comparison, scoring=scoring, findings=findings)


_CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


def _median(call: Callable[[], object], runs: int, clock: str = "wall") -> float:
    return statistics.median(_times(call, runs, clock))


def _times(call: Callable[[], object], runs: int, clock: str = "wall") -> list[float]:
    now = _CLOCKS[clock]
    out = []
    for _ in range(runs):
        gc.collect()
        began = now()
        call()
        out.append(now() - began)
    return out


def measure(size: Size, runs: int, seed: int = 0, clock: str = "wall") -> dict[str, float]:
    """The medians (seconds, of ``clock``: ``wall`` or ``cpu``) of the plain and scored
    xlsx renders, interleaved, their ratio, and of ``score()`` alone."""
    plain = generate(size, seed)
    with_scores = scored(plain)
    render(plain, "xlsx")  # warm up: imports, caches
    render(with_scores, "xlsx")
    plain_times: list[float] = []
    scored_times: list[float] = []
    for _ in range(runs):
        plain_times += _times(lambda: render(plain, "xlsx"), 1, clock)
        scored_times += _times(lambda: render(with_scores, "xlsx"), 1, clock)
    a, b = statistics.median(plain_times), statistics.median(scored_times)
    return {
        "plain": a,
        "scored": b,
        "ratio": b / a,
        "score": _median(lambda: score(with_scores), runs, clock),
        "weights": float(len(with_scores.scoring.weights if with_scores.scoring else ())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scoring overhead of each size; exit 1 if one misses :data:`TARGET`."""
    parser = argparse.ArgumentParser(prog="python -m bench.scoring", description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("200x100"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clock", choices=sorted(_CLOCKS), default="wall")
    args, _ = parser.parse_known_args(argv)
    print("| size | weights | xlsx | xlsx scored | scored ÷ plain | score() |")
    print("|---|---:|---:|---:|---:|---:|")
    missed = False
    for size in args.sizes:
        found = measure(size, max(args.runs or 5, 1), args.seed, args.clock)
        missed |= found["ratio"] >= TARGET
        print(
            f"| {size} | {found['weights']:.0f} | {found['plain']:.3f} s | "
            f"{found['scored']:.3f} s | {found['ratio']:.3f}× | {found['score'] * 1000:.0f} ms |",
            flush=True,
        )
    print(f"target: scored ÷ plain < {TARGET:.2f}×: {'missed' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
