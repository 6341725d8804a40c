"""Experiment (issue 6, part 3): lay out a big PDF report in parallel processes, then merge.

Verdict (2026-11-21): **not adopted.** 1.6-1.7× at 200×100 only while both cores are free;
about 1.0× (0.8-1.2×) while anything else runs, and slower than serial at 50×50. Pages, text,
footers and pixels are identical, but the merged PDF loses the bookmarks and the tags of every
part after the first (worse: their struct keys collide with part 1's), embeds the fonts twice,
and its page numbers need WeasyPrint internals. Numbers under "Result" below.

Question
--------
Is printing the PDF report of a large comparison at least 1.5× faster (wall clock, 200×100,
on this 2-core machine) when two worker processes each lay out and write part of the document
and the parts are merged, with the same pages, the same text and correct "page X of Y"
footers? If so, adopt it in ``comparekit/renderers/pdf.py``; if not, record why.

Method
------
* **serial**: ``comparekit.render(c, "pdf")``, and the same work timed phase by phase with the
  calls of ``render_pdf`` (its :class:`~comparekit.renderers.pdf.AssetFetcher`, base URL and
  page stylesheet): ``build_table``, ``render_html``, ``weasyprint.HTML(...)`` (parse),
  ``.render()`` (style, boxes, layout), ``.write_pdf()`` (serialisation, font subsetting, tags);
  the phased bytes are checked equal to ``comparekit.render``'s.
* **parallel**: the parent builds the table and the HTML once, as ``render_pdf`` does, and cuts
  the HTML at matrix-chunk boundaries (each chunk starts on a new page, so a chunk's pages do
  not depend on what precedes it) into N parts of about equal HTML size: part 1 is the cover,
  summary, legend and the first chunks; the last part the last chunks, the notes and sources.
  A fresh ``ProcessPoolExecutor`` of N workers (``fork`` or ``spawn``) renders one part each
  to PDF bytes (WeasyPrint ``Document`` objects do not pickle: their text boxes hold cffi
  pointers to Pango), then ``qpdf`` merges them (``--deterministic-id``, part 1 as the primary
  file, so its catalog and metadata are kept). Page numbers, two ways:

  - **exchange** (one layout per part): each worker wraps WeasyPrint's internal
    ``weasyprint.layout.make_margin_boxes``, which ``layout_document`` calls only after all
    pages are paginated; at its first call the worker publishes its page count in a shared
    array, waits at a barrier for the other workers, then adds the pages of the parts before
    it to the ``page`` counter and sets ``pages`` to the total. WeasyPrint-70 internals.
  - **two-pass** (public API only): every part is laid out once to count its pages, then
    again with a user stylesheet that starts its page counter at the right number and writes
    the total as text; twice the layout work.

  Each part gets a user stylesheet (``!important``: user rules lose to the report's author
  rules): no ``body`` margin where the report goes on in another part (a part's first page
  would otherwise start 8 px lower than the serial page after a break); for parts after the
  first, the report title in the bottom-left footer (it comes from ``string(report-title)``,
  set by the cover's ``<h1>``, which is in part 1) and not the ``@page :first`` footer look on
  their first page, which is not the report's first.
* **checks** (untimed), parallel against serial: page count; the text of every page from
  ``pdftotext`` (footers included); the "page X of Y" footers; every page rendered to pixels
  by ``pdftoppm`` (grey, low resolution) and compared; ``pdfinfo`` metadata; bookmarks
  (``qpdf --json``); from ``qpdf --qdf``: link URIs, struct elements (tags), struct-tree keys
  (``/StructParents``) used more than once, font descriptors; byte equality and file size;
  whether the merged bytes are the same from run to run.
* **timing**: rounds interleave the variants (others share the 2 cores, so the load average is
  printed), after ``gc.collect()``; medians are reported. Wall time of each variant, from the ``Comparison`` to the
  final bytes, pool start-up and shutdown and the merge included (a new pool per render, as a
  command-line render would need), CPU time of every process, and peak RSS (``VmHWM`` after
  resetting it through ``/proc/self/clear_refs``; a forked worker's includes the pages it
  shares with the parent). "CPU-bound estimate" is what the speed-up would be on an idle
  2-core machine: serial CPU / (parent CPU + the slowest worker's CPU, start-up included,
  before and after the barrier + qpdf's CPU).

Run::

    .venv/bin/python -m bench.parallel_pdf --size 200x100 --runs 2 \
        --variants serial,phased,fork,spawn,two-pass
    .venv/bin/python -m bench.parallel_pdf --size 50x50 --runs 2 \
        --variants serial,phased,fork,spawn,two-pass

Needs ``qpdf``, ``pdftotext``, ``pdfinfo`` and ``pdftoppm`` (poppler-utils) on the PATH.

Result
------
2026-11-21, WeasyPrint 70.0, qpdf 11.3, 2 vCPUs (KVM), shared with other sessions' jobs (load
average 1.3-6). Linux autogroup scheduling is on: a session gets about the same CPU share
whether it runs one process or two, so under load two workers each run at about half speed.
Commands as above (200×100: three invocations, six rounds of serial, phased, fork and spawn;
two-pass in the first two rounds).

200×100 (20,000 cells, 317 pages; part HTML 1.04 + 1.08 MB, 150 + 167 pages):

* wall, median of six rounds: serial 77.5 s, fork 76.4 s (1.01×), spawn 73.8 s (1.05×);
  medians per invocation 0.83×/0.86×, 1.09×/1.21×, 1.07×/0.98× (fork/spawn); two-pass 151.9 s
  (0.55×, load 5).
* the one round where both workers had a core each (CPU time = wall time): fork 30.9 s,
  spawn 32.3 s, against serial 52.0 s (51.3 s in another round at load 1.3): **1.68× / 1.61×**.
* phases on a free core, serial: build_table 0.13, render_html 0.29, parse 2.85, layout
  30.7, write_pdf 19.9 s (write_pdf 37 %). Parallel (fork): parent 0.4 s; each worker parse
  1.4, layout 14.7, write_pdf 10.5 s (an even split: 26.9 and 26.1 s CPU; 0.1 s at the
  barrier); pool shutdown 0.05 s; qpdf merge 3.5 s (3.4 s CPU). Spawn adds 0.45 s of CPU
  (imports) and 0.6-1.1 s of start-up per worker.
* CPU: serial 51-54 s; parallel 58-59 s in all processes (+12 %: qpdf, each part loading its
  stylesheets and fonts and subsetting them); CPU-bound estimate 1.62× (fork), 1.64× (spawn),
  two-pass 1.01×.
* peak RSS: serial 1,210-1,320 MiB; each worker 820-890 MiB (fork, pages shared with the
  parent included) or 600-650 MiB (spawn).

50×50 (2,500 cells, 40 pages), load 2.2-2.5: serial 4.68 s, fork 6.62 s (0.71×), spawn 8.25 s
(0.57×), two-pass 10.69 s (0.44×); CPU-bound estimates 1.27×, 1.11×, 0.81×.

Checks (every variant, both sizes): same page count; the ``pdftotext`` text of every page
identical, "page X of Y" footers included and correct; every page identical in pixels
(``pdftoppm``, 40 dpi, grey); same ``pdfinfo`` metadata (title, author, subject, creator,
producer, dates, "Tagged: yes"); the same link URIs (1,286). Different: bookmarks of later
parts are lost (Notes, Sources); their struct trees are dropped (56,496 of 108,077 struct
elements kept) while their pages keep ``/StructParents`` keys that now point into part 1's
tree (648 keys used twice), so assistive technology gets wrong structure, not merely none;
fonts are embedded once per part (14 font descriptors, not 7); the bytes differ from the
serial PDF (3.09 MB against 3.54 MB at 200×100; 0.86 against 0.68 MB at 50×50) and depend on
the number of parts, though they are the same from run to run and for fork and spawn.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import copy
import gc
import hashlib
import itertools
import json
import multiprocessing as mp
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import weasyprint
import weasyprint.layout

import comparekit
from bench.generate import Size, generate, parse_size
from comparekit.layout import Table
from comparekit.renderers import RenderOptions
from comparekit.renderers import pdf as pdf_renderer

__all__ = ["main", "render_parallel", "render_serial_phases", "split_html"]

_MATRIX = '<section class="matrix-part">'
_CHUNK = '<div class="chunk">'
_BARRIER_SECONDS = 1800
_FOOTER = re.compile(r"page (\d+) of (\d+)")

# ---------------------------------------------------------------------------- measuring


def _status_mib(field: str) -> float | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def _reset_peak() -> None:
    """Reset this process's RSS high-water mark (Linux), so ``VmHWM`` measures from now."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


class _Clock:
    """Wall and CPU time of named phases, one after another."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._wall = time.perf_counter()
        self.start_wall = self._wall
        self.start_cpu = time.process_time()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self._wall
        self._wall = now

    def cpu(self) -> float:
        return time.process_time() - self.start_cpu

    def wall(self) -> float:
        return time.perf_counter() - self.start_wall


# ---------------------------------------------------------------------------- serial


def _start(
    comparison: comparekit.Comparison,
) -> tuple[_Clock, Table, RenderOptions, str]:
    """What both renders begin with: the peak reset, the table and its HTML, timed."""
    _reset_peak()
    clock = _Clock()
    table = comparekit.build_table(comparison)
    clock.lap("build_table")
    options = RenderOptions()
    pdf_renderer._check_size(table, options)
    html = pdf_renderer.render_html(table, options)
    clock.lap("render_html")
    return clock, table, options, html


def render_serial_phases(comparison: comparekit.Comparison) -> tuple[bytes, dict[str, Any]]:
    """What ``comparekit.render(comparison, "pdf")`` does, with the calls of ``render_pdf``, timed."""
    clock, table, options, html = _start(comparison)
    fetcher = pdf_renderer.AssetFetcher()
    page = weasyprint.CSS(string=pdf_renderer._page_css(table, options), url_fetcher=fetcher)
    document_html = weasyprint.HTML(
        string=html, base_url=pdf_renderer.ASSETS.as_uri() + "/", url_fetcher=fetcher
    )
    clock.lap("parse")
    document = document_html.render(stylesheets=[page])
    clock.lap("layout")
    data: bytes = document.write_pdf(pdf_identifier=True, pdf_tags=True)
    clock.lap("write_pdf")
    stats = {
        "wall": clock.wall(),
        "cpu": clock.cpu(),
        "phases": clock.phases,
        "pages": len(document.pages),
        "peak_mib": _status_mib("VmHWM"),
    }
    return data, stats


def _render_whole(comparison: comparekit.Comparison) -> tuple[bytes, dict[str, Any]]:
    _reset_peak()
    clock = _Clock()
    data = comparekit.render(comparison, "pdf")
    return data, {"wall": clock.wall(), "cpu": clock.cpu(), "peak_mib": _status_mib("VmHWM")}


# ---------------------------------------------------------------------------- splitting


def split_html(html: str, parts: int, split: Sequence[int] | None = None) -> list[str]:
    """``html`` (from ``render_html``) cut at chunk boundaries into ``parts`` documents.

    Each part has the whole ``<head>``; the first keeps everything before the matrix, the last
    everything after it. Boundaries are ``split`` (chunk indexes) or chosen so that the parts'
    HTML sizes are about equal. Spec text cannot fake the markers: it is autoescaped.
    """
    body = html.index("<body>") + len("<body>")
    matrix = html.index(_MATRIX)
    starts = [m.start() for m in re.finditer(re.escape(_CHUNK), html)]
    end = html.index("</section>", starts[-1])
    head, prelude, tail = html[:body], html[body:matrix], html[end:]
    pieces = [html[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)]
    assert (
        head + prelude + _MATRIX + html[matrix + len(_MATRIX) : starts[0]] + "".join(pieces) + tail
        == html
    )
    parts = min(parts, len(pieces))
    if split is None:
        weights = [len(piece) for piece in pieces]
        weights[0] += len(prelude)
        weights[-1] += len(tail)
        total = sum(weights)
        split, running = [], 0
        for index, weight in enumerate(weights[:-1]):
            running += weight
            if len(split) < parts - 1 and running >= total * (len(split) + 1) / parts:
                # Cut before or after this piece, whichever is nearer the target.
                target = total * (len(split) + 1) / parts
                cut = index + 1 if running - target < target - (running - weight) else index
                if cut > (split[-1] if split else 0):
                    split.append(cut)
    bounds = [0, *split, len(pieces)]
    out = []
    for number, (a, b) in enumerate(itertools.pairwise(bounds)):
        first, last = number == 0, b == len(pieces)
        opening = prelude + html[matrix : starts[0]] if first else "\n" + _MATRIX + "\n"
        closing = tail if last else "</section>\n\n</body>\n</html>\n"
        out.append(head + opening + "".join(pieces[a:b]) + closing)
    return out


def _part_css(title: str, first: bool, last: bool) -> str:
    """User CSS for a part: no body margin where the report goes on in another part; for a
    part after the first, the title in the footer and no first-page look on its first page."""
    rules = "" if last else "body { margin-bottom: 0 !important; }\n"
    if first:
        return rules
    text = pdf_renderer._css_string(title)
    border = "0.5pt solid var(--rule)"
    return rules + (
        "body { margin-top: 0 !important; }\n"
        f"@page {{ @bottom-left {{ content: {text} !important; }} }}\n"
        f"@page :first {{ @bottom-left {{ content: {text} !important;"
        f" border-top: {border} !important; }}"
        f" @bottom-right {{ border-top: {border} !important; }} }}\n"
    )


def _numbers_css(template: str, offset: int, total: int) -> str:
    """User CSS for the two-pass variant: the page counter from ``offset`` + 1, total as text."""
    content = pdf_renderer._counter(template.replace("{pages}", str(total)))
    return (
        f"@page {{ @bottom-right {{ content: {content} !important; }} }}\n"
        f"@page :first {{ counter-increment: page {offset + 1} !important; }}\n"
    )


# ---------------------------------------------------------------------------- workers

_SHARED: tuple[Any, Any] | None = None
"""In a worker: the barrier and page-count array of its pool."""
_TASK: dict[str, Any] | None = None
"""In a worker, during an exchange render: its part number and what the exchange measured."""
_ORIGINAL_MARGIN_BOXES: Callable[..., Any] = weasyprint.layout.make_margin_boxes
_FIRST_TASK = True
"""In a worker: no task has run yet (its start-up CPU is still to be counted)."""


def _startup_cpu() -> float:
    """CPU seconds this process used before its first task (imports, for a spawned worker)."""
    global _FIRST_TASK
    first, _FIRST_TASK = _FIRST_TASK, False
    return time.process_time() if first else 0.0


def _numbered_margin_boxes(context: Any, page: Any, state: Any) -> Any:
    """``make_margin_boxes`` with this part's page numbers moved to their place in the whole."""
    if _TASK is None:
        return _ORIGINAL_MARGIN_BOXES(context, page, state)
    numbers = getattr(context, "_parallel_numbers", None)
    if numbers is None:
        assert _SHARED is not None
        barrier, counts = _SHARED
        index = _TASK["index"]
        counts[index] = len(context.page_maker) - 1  # one entry per page, and one more
        _TASK["paginated_at"] = time.perf_counter()
        _TASK["cpu_paginated"] = time.process_time()
        barrier.wait(_BARRIER_SECONDS)
        _TASK["waited"] = time.perf_counter() - _TASK["paginated_at"]
        values = list(counts)
        numbers = context._parallel_numbers = (sum(values[:index]), sum(values))
    offset, total = numbers
    state = copy.deepcopy(state)
    counters = state[1]
    counters["page"] = [value + offset for value in counters["page"]]
    counters["pages"] = [total]
    return _ORIGINAL_MARGIN_BOXES(context, page, state)


def _init_worker(barrier: Any, counts: Any) -> None:
    global _SHARED
    _SHARED = (barrier, counts)
    weasyprint.layout.make_margin_boxes = _numbered_margin_boxes


def _layout(html: str, stylesheets_css: Sequence[str]) -> Any:
    fetcher = pdf_renderer.AssetFetcher()
    stylesheets = [weasyprint.CSS(string=css, url_fetcher=fetcher) for css in stylesheets_css]
    document_html = weasyprint.HTML(
        string=html, base_url=pdf_renderer.ASSETS.as_uri() + "/", url_fetcher=fetcher
    )
    return document_html, stylesheets


def _count_pages(html: str, stylesheets_css: Sequence[str]) -> tuple[int, dict[str, Any]]:
    """Two-pass, pass 1: lay out a part, only to count its pages."""
    startup = _startup_cpu()
    _reset_peak()
    clock = _Clock()
    document_html, stylesheets = _layout(html, stylesheets_css)
    clock.lap("parse")
    pages = len(document_html.render(stylesheets=stylesheets).pages)
    clock.lap("layout")
    return pages, {
        "wall": clock.wall(),
        "cpu": clock.cpu(),
        "startup_cpu": startup,
        "phases": clock.phases,
        "peak_mib": _status_mib("VmHWM"),
        "pid": os.getpid(),
    }


def _render_part(
    index: int, html: str, stylesheets_css: Sequence[str], exchange: bool, submitted: float
) -> tuple[bytes, dict[str, Any]]:
    """Lay out and write one part; with ``exchange``, swap page counts with the other parts."""
    global _TASK
    started = time.perf_counter()
    startup = _startup_cpu()
    _reset_peak()
    clock = _Clock()
    _TASK = {"index": index} if exchange else None
    try:
        document_html, stylesheets = _layout(html, stylesheets_css)
        clock.lap("parse")
        document = document_html.render(stylesheets=stylesheets)
        clock.lap("layout")
        data: bytes = document.write_pdf(pdf_identifier=True, pdf_tags=True)
        clock.lap("write_pdf")
    except BaseException:
        if _SHARED is not None:
            _SHARED[0].abort()  # do not leave the other parts waiting
        raise
    task, _TASK = _TASK or {}, None
    stats: dict[str, Any] = {
        "wall": clock.wall(),
        "cpu": clock.cpu(),
        "phases": clock.phases,
        "pages": len(document.pages),
        "peak_mib": _status_mib("VmHWM"),
        "pid": os.getpid(),
        "start_delay": started - submitted,
        "startup_cpu": startup,
    }
    if "waited" in task:
        stats["cpu_before_barrier"] = task["cpu_paginated"] - clock.start_cpu
        stats["phases"]["layout"] -= task["waited"]
        stats["phases"]["barrier_wait"] = task["waited"]
    return data, stats


# ---------------------------------------------------------------------------- parallel


def _merge(parts: Sequence[bytes]) -> tuple[bytes, str, float]:
    with tempfile.TemporaryDirectory(prefix="ck-parallel-") as folder:
        names = []
        for number, data in enumerate(parts):
            name = Path(folder, f"part{number}.pdf")
            name.write_bytes(data)
            names.append(str(name))
        out = Path(folder, "merged.pdf")
        command = ["qpdf", "--deterministic-id", names[0], "--pages", *names, "--", str(out)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode not in (0, 3):  # 3: succeeded with warnings
            raise RuntimeError(f"qpdf failed: {result.stderr}")
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return out.read_bytes(), result.stderr.strip(), cpu


def render_parallel(
    comparison: comparekit.Comparison,
    *,
    parts: int = 2,
    method: str = "fork",
    numbering: str = "exchange",
    split: Sequence[int] | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """The PDF report of ``comparison``, its parts laid out by ``parts`` worker processes."""
    clock, table, options, html = _start(comparison)
    documents = split_html(html, parts, split)
    page_css = pdf_renderer._page_css(table, options)
    extra = [
        _part_css(table.title, index == 0, index == len(documents) - 1)
        for index in range(len(documents))
    ]
    clock.lap("split")
    context = mp.get_context(method)
    barrier, counts = context.Barrier(len(documents)), context.Array("i", len(documents))
    workers: list[dict[str, Any]] = []
    pool = cf.ProcessPoolExecutor(
        len(documents), mp_context=context, initializer=_init_worker, initargs=(barrier, counts)
    )
    with pool:
        if numbering == "two-pass":
            counted = [
                pool.submit(_count_pages, document, [page_css, css])
                for document, css in zip(documents, extra, strict=True)
            ]
            pass_one = [future.result() for future in counted]
            clock.lap("pass 1 (count pages)")
            workers.extend(stats for _, stats in pass_one)
            pages = [count for count, _ in pass_one]
            total = sum(pages)
            futures = [
                pool.submit(
                    _render_part,
                    index,
                    document,
                    [page_css, css, _numbers_css(table.words.page, sum(pages[:index]), total)],
                    False,
                    time.perf_counter(),
                )
                for index, (document, css) in enumerate(zip(documents, extra, strict=True))
            ]
        else:
            futures = [
                pool.submit(
                    _render_part, index, document, [page_css, css], True, time.perf_counter()
                )
                for index, (document, css) in enumerate(zip(documents, extra, strict=True))
            ]
        results = [future.result() for future in futures]
        clock.lap("workers")
    clock.lap("pool shutdown")
    workers.extend(stats for _, stats in results)
    merged, warnings, qpdf_cpu = _merge([data for data, _ in results])
    clock.lap("merge (qpdf)")
    return merged, {
        "wall": clock.wall(),
        "cpu": clock.cpu(),
        "phases": clock.phases,
        "peak_mib": _status_mib("VmHWM"),
        "workers": workers,
        "html_sizes": [len(document) for document in documents],
        "qpdf_warnings": warnings,
        "qpdf_cpu": qpdf_cpu,
    }


# ---------------------------------------------------------------------------- checking


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _pdf_facts(path: Path) -> dict[str, Any]:
    """What a reader sees of ``path``: pages, text, metadata, bookmarks, links, tags."""
    info = dict(
        line.split(":", 1) for line in _run("pdfinfo", str(path)).splitlines() if ":" in line
    )
    info = {key.strip(): value.strip() for key, value in info.items()}
    text = _run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")[:-1]
    outlines = json.loads(_run("qpdf", "--json", "--json-key=outlines", str(path)))["outlines"]

    def titles(items: list[dict[str, Any]]) -> list[str]:
        return [t for item in items for t in [item["title"], *titles(item["kids"])]]

    with tempfile.TemporaryDirectory() as folder:
        qdf = Path(folder, "q.pdf")
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)],
            check=False,
            capture_output=True,
        )
        raw = qdf.read_bytes()
    return {
        "pages": int(info.get("Pages", 0)),
        "text": text,
        "info": {
            key: info.get(key)
            for key in ("Title", "Author", "Subject", "Creator", "Producer", "CreationDate")
        }
        | {key: info.get(key) for key in ("ModDate", "Tagged", "PDF version", "Page size")},
        "bookmarks": titles(outlines),
        "links": sorted(re.findall(rb"/URI \((.*?)\)", raw)),
        "struct_elements": len(re.findall(rb"/Type /StructElem", raw)),
        "struct_parents": re.findall(rb"/StructParents? (\d+)", raw),
        "fonts": len(re.findall(rb"/Type /FontDescriptor", raw)),
        "size": path.stat().st_size,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


def _pixels(path: Path, folder: Path, dpi: int) -> list[str]:
    prefix = folder / path.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(path), str(prefix)], check=True)
    return [
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob(f"{path.stem}-*.pgm"))
    ]


def compare(serial: bytes, parallel: bytes, *, dpi: int = 40) -> dict[str, Any]:
    """How ``parallel`` differs from ``serial``, as a reader would see it."""
    with tempfile.TemporaryDirectory(prefix="ck-compare-") as name:
        folder = Path(name)
        (folder / "serial.pdf").write_bytes(serial)
        (folder / "parallel.pdf").write_bytes(parallel)
        a, b = _pdf_facts(folder / "serial.pdf"), _pdf_facts(folder / "parallel.pdf")
        pixels = (
            (
                _pixels(folder / "serial.pdf", folder, dpi),
                _pixels(folder / "parallel.pdf", folder, dpi),
            )
            if dpi
            else None
        )
    different = [
        n + 1 for n, (x, y) in enumerate(zip(a["text"], b["text"], strict=False)) if x != y
    ]
    footers_a = [_FOOTER.findall(page)[-1:] for page in a["text"]]
    footers_b = [_FOOTER.findall(page)[-1:] for page in b["text"]]
    expected = [[(str(n), str(a["pages"]))] for n in range(1, a["pages"] + 1)]
    expected[0] = footers_a[0]  # the cover page has its own footer (no title, same counter)
    result: dict[str, Any] = {
        "pages": (a["pages"], b["pages"]),
        "text_pages_different": different,
        "first_difference": (
            {
                "page": different[0],
                "serial": a["text"][different[0] - 1][-300:],
                "parallel": b["text"][different[0] - 1][-300:],
            }
            if different
            else None
        ),
        "footers_equal": footers_a == footers_b,
        "footers_correct": footers_b == expected,
        "info_differences": {
            key: (a["info"][key], b["info"][key])
            for key in a["info"]
            if a["info"][key] != b["info"][key]
        },
        "bookmarks": (a["bookmarks"], b["bookmarks"]),
        "links": (len(a["links"]), len(b["links"]), a["links"] == b["links"]),
        "struct_elements": (a["struct_elements"], b["struct_elements"]),
        # Keys into the struct tree's ParentTree (pages and link annotations): one each, unless
        # parts were merged without merging their trees.
        "struct_parent_keys_used_twice": tuple(
            sum(count > 1 for count in Counter(facts["struct_parents"]).values())
            for facts in (a, b)
        ),
        "font_descriptors": (a["fonts"], b["fonts"]),
        "size": (a["size"], b["size"]),
        "byte_identical": serial == parallel,
        "parallel_sha256": b["sha256"],
    }
    if pixels is not None:
        result["pixel_pages_different"] = [
            n + 1 for n, (x, y) in enumerate(zip(*pixels, strict=False)) if x != y
        ]
        result["pixel_pages"] = (len(pixels[0]), len(pixels[1]))
    return result


# ---------------------------------------------------------------------------- the run

_VARIANTS = ("serial", "phased", "fork", "spawn", "two-pass")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _merge_phases(records: Sequence[dict[str, float]]) -> dict[str, float]:
    names = {name: None for record in records for name in record}
    return {name: _median([record.get(name, 0.0) for record in records]) for name in names}


def _critical_cpu(workers: Sequence[dict[str, Any]], parts: int) -> float:
    """CPU seconds on the critical path of the workers, as if each had a core of its own.

    Per pass (two-pass has two): the slowest worker, start-up included; with the exchange,
    the slowest up to the barrier plus the slowest after it.
    """
    total = 0.0
    for start in range(0, len(workers), parts):
        group = workers[start : start + parts]
        if all("cpu_before_barrier" in w for w in group):
            total += max(w["startup_cpu"] + w["cpu_before_barrier"] for w in group)
            total += max(w["cpu"] - w["cpu_before_barrier"] for w in group)
        else:
            total += max(w["startup_cpu"] + w["cpu"] for w in group)
    return total


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.parallel_pdf", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--size", type=parse_size, default=Size(200, 100))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--parts", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--split", default=None, help="chunk indexes to cut at, e.g. 17 (default: equal HTML)"
    )
    parser.add_argument(
        "--variants",
        default="serial,phased,fork,spawn",
        help=f"comma-separated, of {','.join(_VARIANTS)} (default serial,phased,fork,spawn)",
    )
    parser.add_argument("--dpi", type=int, default=40, help="pixel check resolution (0: skip)")
    parser.add_argument("--keep", type=Path, default=None, help="write the PDFs to this folder")
    parser.add_argument("--json", type=Path, default=None, help="write every measurement here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the experiment and print the report."""
    args = _parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    if unknown := set(variants) - set(_VARIANTS):
        raise SystemExit(f"unknown variants: {sorted(unknown)}")
    split = [int(x) for x in args.split.split(",")] if args.split else None
    log = sys.stderr
    print(f"warming up (4x15), size {args.size}, cores {os.cpu_count()}", file=log)
    comparekit.render(generate(Size(4, 15)), "pdf")
    comparison = generate(args.size)

    reference = comparekit.render(comparison, "pdf") if "serial" not in variants else None
    runs: dict[str, list[dict[str, Any]]] = {variant: [] for variant in variants}
    outputs: dict[str, list[bytes]] = {variant: [] for variant in variants}
    for run in range(args.runs):
        for variant in variants:
            gc.collect()  # not the last variant's garbage: it slowed the next one by up to 15 %
            load = _load()
            if variant == "serial":
                data, stats = _render_whole(comparison)
            elif variant == "phased":
                data, stats = render_serial_phases(comparison)
            else:
                method = "fork" if variant == "two-pass" else variant
                numbering = "two-pass" if variant == "two-pass" else "exchange"
                data, stats = render_parallel(
                    comparison, parts=args.parts, method=method, numbering=numbering, split=split
                )
            stats["load_before"], stats["load_after"] = load, _load()
            runs[variant].append(stats)
            outputs[variant].append(data)
            print(
                f"run {run + 1} {variant:9} {stats['wall']:7.2f} s  load {load} -> "
                f"{stats['load_after']}",
                file=log,
            )
            if reference is None and variant == "serial":
                reference = data
    assert reference is not None
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        (args.keep / f"serial-{args.size}.pdf").write_bytes(reference)
        for variant in variants:
            (args.keep / f"{variant}-{args.size}.pdf").write_bytes(outputs[variant][-1])

    serial_wall = _median([s["wall"] for s in runs.get("serial") or runs.get("phased", [])])
    serial_cpu = _median([s["cpu"] for s in runs.get("serial") or runs.get("phased", [])])
    report: dict[str, Any] = {
        "size": str(args.size),
        "date": time.strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "weasyprint": weasyprint.__version__,
        "runs": runs,
        "summary": {},
        "checks": {},
    }
    print(f"\n== {args.size}: {args.runs} run(s), medians, wall seconds ==")
    for variant in variants:
        records = runs[variant]
        wall = _median([r["wall"] for r in records])
        line = f"{variant:9} wall {wall:7.2f} s  cpu {_median([r['cpu'] for r in records]):7.2f} s"
        summary: dict[str, Any] = {"wall": wall, "walls": [r["wall"] for r in records]}
        if variant in ("fork", "spawn", "two-pass"):
            parent_cpu = _median([r["cpu"] for r in records])
            critical = [_critical_cpu(r["workers"], args.parts) for r in records]
            merge = _median([r["qpdf_cpu"] for r in records])
            spent = _median(
                [
                    r["cpu"]
                    + r["qpdf_cpu"]
                    + sum(w["startup_cpu"] + w["cpu"] for w in r["workers"])
                    for r in records
                ]
            )
            estimate = serial_cpu / (parent_cpu + _median(critical) + merge)
            summary |= {"cpu_all_processes": spent, "cpu_critical_path": _median(critical)}
            summary |= {"speedup": serial_wall / wall, "cpu_bound_estimate": estimate}
            line += (
                f"  speed-up {serial_wall / wall:4.2f}x; CPU of all processes {spent:.2f} s,"
                f" CPU-bound estimate {estimate:4.2f}x"
            )
        print(line)
        if "phases" in records[0]:
            phases = _merge_phases([r["phases"] for r in records])
            summary["phases"] = phases
            print("    parent: " + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
        if records[0].get("workers"):
            count = len(records[0]["workers"])
            for index in range(count):
                ws = [r["workers"][index] for r in records]
                phases = _merge_phases([w["phases"] for w in ws])
                extra = (
                    f", start delay {_median([w['start_delay'] for w in ws]):.2f}"
                    if "start_delay" in ws[0]
                    else ""
                )
                print(
                    f"    worker {index}: wall {_median([w['wall'] for w in ws]):.2f}, cpu "
                    f"{_median([w['cpu'] for w in ws]):.2f} (+ start-up "
                    f"{_median([w['startup_cpu'] for w in ws]):.2f}), pages {ws[0].get('pages', '-')}, "
                    f"peak RSS {_median([w['peak_mib'] or 0 for w in ws]):.0f} MiB{extra}; "
                    + ", ".join(f"{k} {v:.2f}" for k, v in phases.items())
                )
            summary["html_sizes"] = records[0]["html_sizes"]
            print(f"    part HTML sizes: {records[0]['html_sizes']}")
        print(
            f"    peak RSS (this process): {_median([r['peak_mib'] or 0 for r in records]):.0f} MiB"
        )
        report["summary"][variant] = summary

    print("\n== checks against the serial PDF ==")
    for variant in variants:
        datas = outputs[variant]
        if variant in ("serial", "phased"):
            same = all(d == reference for d in datas)
            print(f"{variant:9} byte-identical to comparekit.render: {same}")
            report["checks"][variant] = {"byte_identical": same}
            continue
        checks = compare(reference, datas[-1], dpi=args.dpi)
        checks["reproducible_across_runs"] = len(set(datas)) == 1
        report["checks"][variant] = checks
        print(f"{variant:9}")
        for key, value in checks.items():
            print(f"    {key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    # Run the copy imported as bench.parallel_pdf, the one spawned workers import too.
    from bench.parallel_pdf import main as _main

    sys.exit(_main())
