"""Where a PDF's memory and time go, phase by phase (issue 20's 200×100 PDF).

``python -m bench.pdf_phases 200x100 [--gc on|off] [--trace]`` lays a generated comparison
out, then runs the steps of :func:`comparekit.renderers.pdf.render_pdf` one by one (the HTML,
WeasyPrint's parse, ``render()`` with its cascade, boxes and layout, ``write_pdf`` with its
drawing, tags and serialisation), while a thread reads the process's RSS from
``/proc/self/statm`` every 50 ms and notes which WeasyPrint function the main thread is in.
It prints, per phase, the CPU and wall time, the RSS at its end and the highest RSS seen
during it, and the function at the highest RSS of the run. ``--trace`` adds
:mod:`tracemalloc`'s top allocations at the end of ``render()`` (slow: times are then not
comparable). ``--gc off`` (the default) runs as comparekit does, the cyclic collector paused
(and then :func:`~comparekit.renderers._weasyprint.release_layout_garbage` frees the layout's
garbage before ``write_pdf``, as ``render_pdf`` does).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import threading
import time
import tracemalloc
from collections.abc import Sequence

__all__ = ["main"]

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE / 2**20


class _Sampler(threading.Thread):
    """RSS every ``interval`` seconds, with the phase and the innermost WeasyPrint/pydyf frame."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.phase = "start"
        self.samples: list[tuple[float, str, float, str]] = []
        self.main = threading.main_thread().ident
        self.stop = threading.Event()

    def _where(self) -> str:
        frame = sys._current_frames().get(self.main or 0)
        while frame is not None:
            name = frame.f_code.co_filename
            if "weasyprint" in name or "pydyf" in name or "comparekit" in name:
                short = name.split("site-packages/")[-1]
                return f"{short}:{frame.f_code.co_name}"
            frame = frame.f_back
        return "?"

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((time.perf_counter(), self.phase, _rss_mib(), self._where()))
            time.sleep(self.interval)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one profiled PDF and print the table of its phases."""
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_phases", description=__doc__)
    parser.add_argument("size", nargs="?", default="200x100")
    parser.add_argument("--gc", choices=("on", "off"), default="off")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args(argv)

    import weasyprint

    from bench.generate import generate, parse_size
    from comparekit.layout import build_table
    from comparekit.renderers import RenderOptions
    from comparekit.renderers import pdf as pdf_module
    from comparekit.renderers._pydyf import compress_once
    from comparekit.renderers._weasyprint import LeanHTML, release_layout_garbage

    options = RenderOptions()
    warm = build_table(generate(parse_size("4x15"), 0), None)
    pdf_module.render_pdf(warm, options)
    comparison = generate(parse_size(args.size), 0)
    gc.collect()
    if args.gc == "off":
        gc.disable()
    sampler = _Sampler()
    rows: list[tuple[str, float, float, float]] = []
    marks: dict[str, float] = {}
    current = [""]

    def phase(name: str) -> None:
        now = (time.process_time(), time.perf_counter())
        if marks:
            rows.append((current[0], now[0] - marks["cpu"], now[1] - marks["wall"], _rss_mib()))
        marks.update(cpu=now[0], wall=now[1])
        current[0] = sampler.phase = name

    start_rss = _rss_mib()
    sampler.start()
    phase("layout (build_table)")
    table = build_table(comparison, None)
    phase("render_html")
    html = pdf_module.render_html(table, options)
    phase("HTML parse (weasyprint.HTML)")
    fetcher = pdf_module.AssetFetcher()
    page = weasyprint.CSS(string=pdf_module._page_css(table, options), url_fetcher=fetcher)
    parsed = LeanHTML(string=html, base_url=pdf_module.ASSETS.as_uri() + "/", url_fetcher=fetcher)
    if args.trace:
        tracemalloc.start(1)
    phase("render() (styles, boxes, layout)")
    del html
    document = parsed.render(stylesheets=[page])
    del parsed
    if args.trace:
        snapshot = tracemalloc.take_snapshot()
        traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    phase("release_layout_garbage")
    release_layout_garbage(len(document.pages))
    phase("write_pdf (draw, tags, serialise)")

    def finisher(document: object, pdf: object) -> None:
        sampler.phase = "write_pdf: finisher"
        compress_once(document, pdf)
        sampler.phase = "write_pdf: pydyf write"

    data = document.write_pdf(pdf_identifier=True, pdf_tags=True, finisher=finisher)
    phase("end")
    sampler.stop.set()
    sampler.join()
    print(f"{args.size}, collector {args.gc}; {len(data):,} bytes, {len(document.pages)} pages")
    print(f"RSS before: {start_rss:.0f} MiB")
    print("| phase | CPU s | wall s | RSS at end MiB | highest RSS seen MiB |")
    print("|---|---|---|---|---|")
    highest: dict[str, float] = {}
    for _, name, rss, _ in sampler.samples:
        highest[name] = max(highest.get(name, 0.0), rss)
    for name, cpu, wall, rss in rows:
        print(f"| {name} | {cpu:.2f} | {wall:.2f} | {rss:.0f} | {highest.get(name, 0):.0f} |")
    for name in ("write_pdf: finisher", "write_pdf: pydyf write"):
        if name in highest:
            print(f"| {name} (part of write_pdf) | | | | {highest[name]:.0f} |")
    top = max(sampler.samples, key=lambda s: s[2])
    print(f"peak {top[2]:.0f} MiB in {top[1]!r} at {top[3]}")
    where: dict[str, float] = {}
    for _, name, rss, function in sampler.samples:
        if name.startswith("write_pdf") or name.startswith("render()"):
            where[function] = max(where.get(function, 0.0), rss)
    for function, rss in sorted(where.items(), key=lambda item: -item[1])[:12]:
        print(f"  {rss:7.0f} MiB  {function}")
    print(f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.trace:
        print(
            f"traced Python memory at the end of render(): {traced[0] / 2**20:.0f} MiB "
            f"(peak {traced[1] / 2**20:.0f} MiB)"
        )
        print("tracemalloc at the end of render(), by file:")
        for stat in snapshot.statistics("filename")[:15]:
            print(f"  {stat.size / 2**20:8.1f} MiB {stat.count:>9,} {stat.traceback[0].filename}")
        print("by line:")
        for stat in snapshot.statistics("lineno")[:20]:
            frame = stat.traceback[0]
            print(
                f"  {stat.size / 2**20:8.1f} MiB {stat.count:>9,} {frame.filename}:{frame.lineno}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
