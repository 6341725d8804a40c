"""Calibrate the PDF work estimate: WeasyPrint's CPU time on comparisons of different shapes.

``python -m bench.pdf_work`` renders each shape below as a PDF in a process of its own
(after a warm-up render, so that loading fonts is not counted), and prints its CPU time
(``time.process_time``: the machine is shared, wall time would measure the neighbours),
its peak memory and what :func:`comparekit.renderers.pdf.estimate` says of it. The shapes
pull the estimate's weights apart: many cells with short text, few cells with long text,
long notes, long headings and sources, CJK and Korean text. ``--shapes a,b`` picks some.
docs/performance.md ("The PDF work limit") has the numbers it gave.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from comparekit import Comparison, Feature, Product, Source, Value, render
from comparekit.layout import build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers.pdf import estimate

__all__ = ["SHAPES", "main", "measure"]

_LATIN = "lorem ipsum dolor sit amet, consectetur adipiscing elit "
_CHINESE = "钉钉是阿里巴巴集团打造的企业级智能移动办公平台，支持多端同步。"
_KOREAN = "원격 근무 도구는 회의와 메신저 그리고 문서 공유를 지원합니다 "


def _text(pattern: str, length: int, salt: int = 0) -> str:
    """``length`` characters of ``pattern`` repeated, starting at ``salt`` (so texts differ)."""
    start = salt % len(pattern)
    return (pattern * (length // len(pattern) + 2))[start : start + length]


def _long_values(products: int, length: int, pattern: str) -> Comparison:
    """``products`` products, one text feature, each value ``length`` characters."""
    return Comparison(
        title="Long values",
        features=[Feature(id="t", label="Text", type="text")],
        products=[
            Product(id=f"p{i}", name=f"P{i}", values={"t": _text(pattern, length, i)})
            for i in range(products)
        ],
    )


def _counts(
    title: str,
    products: int,
    features: int,
    label: Callable[[int], str],
    name: Callable[[int], str],
    value: Callable[[int, int], int],
) -> Comparison:
    """``products`` × ``features`` count cells: feature ``j`` is ``label(j)``, product ``i``
    is ``name(i)``, and its value of feature ``j`` is ``value(i, j)``."""
    return Comparison(
        title=title,
        features=[Feature(id=f"f{j}", label=label(j), type="count") for j in range(features)],
        products=[
            Product(
                id=f"p{i}", name=name(i), values={f"f{j}": value(i, j) for j in range(features)}
            )
            for i in range(products)
        ],
    )


def _short_cells(products: int, features: int) -> Comparison:
    """``products`` × ``features`` count cells of a few characters each."""
    return _counts(
        "Short cells",
        products,
        features,
        lambda j: f"Feature {j}",
        lambda i: f"Product {i}",
        lambda i, j: 1000 * i + j,
    )


def _generated(products: int, features: int) -> Comparison:
    from bench.generate import Size, generate

    return generate(Size(products, features), 0)


def _long_notes(features: int, length: int) -> Comparison:
    """One product, ``features`` count values, each with its own note of ``length`` characters."""
    return Comparison(
        title="Long notes",
        features=[Feature(id=f"f{j}", label=f"F{j}", type="count") for j in range(features)],
        products=[
            Product(
                id="p",
                name="P",
                values={f"f{j}": Value(j, note=_text(_LATIN, length, j)) for j in range(features)},
            )
        ],
    )


def _long_labels(products: int, features: int, length: int) -> Comparison:
    """Feature labels of ``length`` characters (row headings, repeated in every run)."""
    return _counts(
        "Long labels",
        products,
        features,
        lambda j: _text(_LATIN, length, j),
        lambda i: f"P{i}",
        lambda _i, j: j,
    )


def _long_names(products: int, features: int, length: int) -> Comparison:
    """Product names of ``length`` characters (column headings, repeated on every page)."""
    return _counts(
        "Long names",
        products,
        features,
        lambda j: f"F{j}",
        lambda i: _text(_LATIN, length, i),
        lambda _i, j: j,
    )


def _long_sources(count: int, length: int) -> Comparison:
    """``count`` sources with titles of ``length`` characters, each cited once."""
    return Comparison(
        title="Long sources",
        sources=[Source(id=f"s{k}", title=_text(_LATIN, length, k)) for k in range(count)],
        features=[Feature(id=f"f{k}", label=f"F{k}", type="count") for k in range(count)],
        products=[
            Product(
                id="p", name="P", values={f"f{k}": Value(k, source=f"s{k}") for k in range(count)}
            )
        ],
    )


def _charted(products: int, features: int, chart: bool) -> Comparison:
    """``products`` × ``features`` count cells, each feature charted when ``chart``."""
    return Comparison(
        title="Charts",
        features=[
            Feature(id=f"f{j}", label=f"Feature {j}", type="count", chart=chart)
            for j in range(features)
        ],
        products=[
            Product(
                id=f"p{i}",
                name=f"Product {i}",
                values={f"f{j}": 1000 * (i + 1) + j for j in range(features)},
            )
            for i in range(products)
        ],
    )


SHAPES: dict[str, Callable[[], Comparison]] = {
    "short-30x100": lambda: _short_cells(30, 100),
    "short-6x400": lambda: _short_cells(6, 400),
    "generated-40x50": lambda: _generated(40, 50),
    "generated-200x100": lambda: _generated(200, 100),
    "long-12x10000": lambda: _long_values(12, 10_000, _LATIN),
    "long-200x10000": lambda: _long_values(200, 10_000, _LATIN),
    "long-24x2500": lambda: _long_values(24, 2_500, _LATIN),
    "long-1x10000": lambda: _long_values(1, 10_000, _LATIN),
    "notes-20x5000": lambda: _long_notes(20, 5_000),
    "labels-6x20x2000": lambda: _long_labels(6, 20, 2_000),
    "names-12x20x2000": lambda: _long_names(12, 20, 2_000),
    "sources-40x2000": lambda: _long_sources(40, 2_000),
    "chinese-12x5000": lambda: _long_values(12, 5_000, _CHINESE),
    "korean-12x5000": lambda: _long_values(12, 5_000, _KOREAN),
    "charts-4x20": lambda: _charted(4, 20, True),
    "plain-4x20": lambda: _charted(4, 20, False),
    "charts-40x20": lambda: _charted(40, 20, True),
    "plain-40x20": lambda: _charted(40, 20, False),
    "charts-200x5": lambda: _charted(200, 5, True),
    "plain-200x5": lambda: _charted(200, 5, False),
}
"""The shapes measured, by name."""


def measure(name: str) -> dict[str, object]:
    """Render shape ``name`` as a PDF in this process: CPU seconds, peak MiB, the estimate."""
    comparison = SHAPES[name]()
    options = RenderOptions(max_pdf_work=0)
    render(_short_cells(1, 1), "pdf", options=options)  # warm-up: fonts, templates
    size = estimate(build_table(comparison, None), RenderOptions())
    started = time.process_time()
    data = render(comparison, "pdf", options=options)
    seconds = time.process_time() - started
    return {
        "shape": name,
        "cpu_s": round(seconds, 2),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "bytes": len(data),
        "cells": size.cells,
        "characters": size.characters,
        "work": size.work,
        "pages": size.pages,
        "estimated_s": size.seconds,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each shape in a child process and print one line of JSON per shape."""
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_work", description=__doc__)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    for name in args.shapes.split(","):
        done = subprocess.run(
            [sys.executable, "-m", "bench.pdf_work", "--child", name],
            capture_output=True,
            text=True,
            check=True,
        )
        print(done.stdout.strip(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
