"""The html format's target (issue 18): rendering the sample to HTML takes no longer than
rendering it to Markdown plus 50 ms.

``render(sample, "html")`` and ``render(sample, "md")`` alternately in this process, after one
untimed call of each (the first html call reads the template and assets, the first md call
imports tabulate: both once per process; :attr:`HtmlTarget.first` keeps them, for
information). Wall clock with :func:`time.perf_counter`; the medians are compared.
``python -m bench.html_target`` runs it alone; ``python -m bench`` runs it after the start-up.
"""

from __future__ import annotations

import statistics
import sys
import time

import attrs

import comparekit
from bench.snapshot import ROOT

__all__ = ["ROUNDS", "TARGET_MS", "HtmlTarget", "measure", "table"]

ROUNDS = 31
"""Timed rounds of each format."""
TARGET_MS = 50.0
"""HTML may take at most this many milliseconds more than Markdown (median against median)."""
SPEC = ROOT / "specs" / "china-remote-work-2020.toml"


@attrs.define
class HtmlTarget:
    """The timed rounds of both formats on the sample, in seconds."""

    html: list[float]
    md: list[float]
    first: dict[str, float]
    """The first, untimed call of each, in seconds (template, assets and imports loaded)."""
    html_bytes: int = 0
    md_bytes: int = 0

    @property
    def difference_ms(self) -> float:
        """Median HTML time minus median Markdown time, in milliseconds."""
        return (statistics.median(self.html) - statistics.median(self.md)) * 1000

    @property
    def ratio(self) -> float:
        """Median HTML time ÷ median Markdown time."""
        return statistics.median(self.html) / statistics.median(self.md)

    @property
    def met(self) -> bool:
        """Whether HTML takes at most :data:`TARGET_MS` more than Markdown."""
        return self.difference_ms <= TARGET_MS


def measure(rounds: int = ROUNDS) -> HtmlTarget:
    """Time both formats on the sample, ``rounds`` times each, alternately."""
    sample = comparekit.load(SPEC)
    first: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for fmt in ("html", "md"):
        began = time.perf_counter()
        sizes[fmt] = len(comparekit.render(sample, fmt))
        first[fmt] = time.perf_counter() - began
    times: dict[str, list[float]] = {"html": [], "md": []}
    for _ in range(rounds):
        for fmt, taken in times.items():
            began = time.perf_counter()
            comparekit.render(sample, fmt)
            taken.append(time.perf_counter() - began)
    return HtmlTarget(times["html"], times["md"], first, sizes["html"], sizes["md"])


def table(result: HtmlTarget) -> str:
    """The result as a Markdown table with its verdict."""
    html_ms = statistics.median(result.html) * 1000
    md_ms = statistics.median(result.md) * 1000
    verdict = "met" if result.met else "NOT MET"
    return "\n".join(
        [
            "| format | bytes | median ms | min–max ms | first call ms |",
            "|---|---:|---:|---:|---:|",
            f"| html | {result.html_bytes:,} | {html_ms:.1f} | {min(result.html) * 1000:.1f}–"
            f"{max(result.html) * 1000:.1f} | {result.first['html'] * 1000:.0f} |",
            f"| md | {result.md_bytes:,} | {md_ms:.1f} | {min(result.md) * 1000:.1f}–"
            f"{max(result.md) * 1000:.1f} | {result.first['md'] * 1000:.0f} |",
            "",
            f"html − md: {result.difference_ms:+.1f} ms (html ÷ md {result.ratio:.2f}×), "
            f"{len(result.html)} rounds; target html ≤ md + {TARGET_MS:.0f} ms: {verdict}",
        ]
    )


def main() -> int:
    """Run the measurement alone and print its table."""
    print(table(measure()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
