"""Rendering many reports, in this process or in several at once (``comparekit render -j N``).

A :class:`Job` is one report: a loaded comparison, a language, a format and the
options. :func:`run_jobs` renders a list of them and returns, in the same order,
each one's bytes or the message of the error that stopped it; it writes nothing.
Jobs that follow each other with the same comparison, language and earlier edition
share one layout (the table does not depend on the format or the options). With
``processes`` above one the jobs are shared among worker processes, the slowest
formats first, and each worker gets the comparisons once.

>>> from comparekit import load
>>> sample = load("specs/china-remote-work-2020.toml")
>>> [outcome] = run_jobs([Job(sample, "specs/china-remote-work-2020.toml", "en", "md")])
>>> outcome.data.startswith(b"# ")
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import attrs

from comparekit import _gc
from comparekit.errors import ComparekitError, RenderError, escaped
from comparekit.layout import Table, build_table
from comparekit.model import Comparison
from comparekit.renderers import FORMATS, RenderOptions, renderer

if TYPE_CHECKING:  # imported where used: only ``-j N`` needs them (30 ms of start-up)
    import multiprocessing.context

__all__ = ["Job", "Outcome", "own_process", "run_jobs"]

_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when its parent dies."""
_COST = {"pdf": 0, "xlsx": 1, "txt": 2, "md": 3}
"""Order to start jobs in, slowest format first, so that no process idles at the end."""


@attrs.frozen
class Job:
    """One report to render: ``comparison`` (read from ``spec``) in ``lang`` as ``format``."""

    comparison: Comparison = attrs.field(repr=False)
    spec: str
    lang: str | None
    format: str
    transposed: bool = False
    options: RenderOptions = attrs.field(factory=RenderOptions)
    since: Comparison | None = attrs.field(default=None, repr=False)
    """An earlier edition to show what changed since (``render --since``)."""
    since_date: dt.date | None = None
    view: str = ""
    """The view rendered (``render --view``), named in the file name; empty: the whole spec."""

    @property
    def file_name(self) -> str:
        """``<spec name>[.<view>][.<lang>].<suffix>``; English, the default, has no language
        part."""
        language = f".{self.lang}" if self.lang not in (None, "en") else ""
        view = f".{self.view}" if self.view else ""
        return f"{Path(self.spec).stem}{view}{language}{FORMATS[self.format].suffix}"


@attrs.frozen
class Outcome:
    """A job's bytes, or the message of the error that stopped it."""

    data: bytes = b""
    error: str | None = None


def _same_layout(one: Job, other: Job) -> bool:
    """Do the two jobs draw the same table (same comparison, language, orientation, edition)?"""
    return (
        one.comparison is other.comparison
        and one.lang == other.lang
        and one.transposed == other.transposed
        and one.since is other.since
        and one.since_date == other.since_date
    )


class _Layouts:
    """The last job's table, kept for the next job that draws the same one.

    Jobs come by spec, then language, then format, so one table kept at a time is enough:
    ``-f txt,md,xlsx,pdf`` lays the matrix out once, not four times (same bytes).
    """

    def __init__(self) -> None:
        self.job: Job | None = None
        self.table: Table | None = None
        self.pdf_done = False

    def table_for(self, job: Job) -> Table:
        if self.table is None or self.job is None or not _same_layout(self.job, job):
            self.table = None  # the old one may go before the new one is made
            self.table = build_table(
                job.comparison,
                job.lang,
                transposed=job.transposed,
                since=job.since,
                since_date=job.since_date,
            )
            self.job = job
        return self.table


def _render(job: Job, layouts: _Layouts | None = None) -> Outcome:
    layouts = layouts or _Layouts()
    try:
        function = renderer(job.format)
        if job.format == "pdf":
            if layouts.pdf_done:
                _gc.collect_if_paused()
            layouts.pdf_done = True
        with _gc.paused(), _kept_page_references(job.format == "pdf" and _OWN_PROCESS):
            data = function(layouts.table_for(job), job.options)
        return Outcome(data=data)
    except ComparekitError as error:
        return Outcome(error=f"comparekit: {escaped(job.spec)}: {job.format}: {error}")


def _kept_page_references(wanted: bool) -> contextlib.AbstractContextManager[None]:
    """pydyf's page references kept during this render if ``wanted`` (a PDF in a process
    comparekit owns: :func:`comparekit.renderers._pydyf.kept_page_references`), else nothing."""
    if not wanted:
        return contextlib.nullcontext()
    from comparekit.renderers._pydyf import kept_page_references

    return kept_page_references()


_OWN_PROCESS = False
"""Whether this process is one comparekit owns for its whole life: set by :func:`own_process`."""


def own_process() -> None:
    """Say that this process is comparekit's own (the ``comparekit`` command, a worker): while
    it writes a PDF, pydyf's page references are kept between pages
    (:func:`comparekit.renderers._pydyf.kept_page_references`, 6 s of a 200×100 PDF), and
    pydyf is as it was after each. A library caller's process never calls this."""
    global _OWN_PROCESS
    _OWN_PROCESS = True


_WORKER_COMPARISONS: list[Comparison] = []


def _read_only(items: dict[str, object]) -> MappingProxyType[str, object]:
    return MappingProxyType(items)


def _reduce_read_only(obj: MappingProxyType[str, object]) -> Any:
    """Pickles the model's read-only mappings, which plain pickle refuses, as themselves."""
    return _read_only, (dict(obj),)


def _pickled(comparisons: list[Comparison]) -> bytes:
    import copyreg
    import pickle

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_read_only}
    pickler.dump(comparisons)
    return buffer.getvalue()


def _install(pickled: bytes, parent: int) -> None:
    """Worker start-up: die with the parent, and keep the comparisons, sent once."""
    _die_with_parent(parent)
    import pickle

    own_process()
    _WORKER_COMPARISONS[:] = pickle.loads(pickled)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the ``comparekit`` process that started it dies,
    even by ``kill -9``, so that no worker is left waiting for jobs that never come."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


class _Spawner:
    """The ``spawn`` start method, keeping each worker process it starts.

    Handed to :class:`~concurrent.futures.ProcessPoolExecutor` as its ``mp_context``, so that
    an interrupted run can stop its workers at once (the executor's own list is private).
    """

    def __init__(self) -> None:
        import multiprocessing.context

        self.context = multiprocessing.get_context("spawn")
        self.started: list[multiprocessing.context.SpawnProcess] = []

    def Process(self, *args: Any, **kwargs: Any) -> multiprocessing.context.SpawnProcess:
        process = self.context.Process(*args, **kwargs)
        self.started.append(process)
        return process

    def __getattr__(self, name: str) -> Any:
        return getattr(self.context, name)


def _render_in_worker(job: Job, index: int) -> Outcome:
    return _render(attrs.evolve(job, comparison=_WORKER_COMPARISONS[index]))


def run_jobs(jobs: Sequence[Job], processes: int = 1) -> list[Outcome]:
    """Render every job and return the outcomes in the order of ``jobs``.

    ``processes`` above one renders in that many worker processes; ``0`` means one
    per CPU. A worker that dies (out of memory, killed) stops the run with a
    :class:`~comparekit.errors.RenderError` rather than a silently missing report.
    """
    count = processes or os.cpu_count() or 1
    count = min(count, len(jobs))
    if count <= 1:
        layouts = _Layouts()
        return [_render(job, layouts) for job in jobs]
    import multiprocessing.context
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    comparisons, indexes = _distinct_comparisons(jobs)
    light = [attrs.evolve(job, comparison=_PLACEHOLDER) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: _COST.get(jobs[i].format, 9))
    spawner = _Spawner()
    pool = ProcessPoolExecutor(
        count,
        cast(multiprocessing.context.BaseContext, spawner),
        initializer=_install,
        initargs=(_pickled(comparisons), os.getpid()),
    )
    try:
        futures = {
            i: pool.submit(_render_in_worker, light[i], indexes[id(jobs[i].comparison)])
            for i in order
        }
        return [futures[i].result() for i in range(len(jobs))]
    except BrokenProcessPool as error:
        raise RenderError(
            "a rendering process died before finishing (out of memory?); "
            "try again with fewer processes (-j)"
        ) from error
    except BaseException:  # interrupted: stop the workers now rather than finish their jobs
        _kill(spawner)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _distinct_comparisons(jobs: Sequence[Job]) -> tuple[list[Comparison], dict[int, int]]:
    """Each comparison the jobs render, once (sent to every worker once, not with each job),
    and its index in that list by the ``id`` of the comparison."""
    comparisons: list[Comparison] = []
    indexes: dict[int, int] = {}
    for job in jobs:
        if id(job.comparison) not in indexes:
            indexes[id(job.comparison)] = len(comparisons)
            comparisons.append(job.comparison)
    return comparisons, indexes


def _kill(spawner: _Spawner) -> None:
    """Kill every worker process ``spawner`` started."""
    for process in spawner.started:
        if process.pid is not None:  # started
            process.kill()


_PLACEHOLDER = Comparison(title="-", features=[], products=[])
"""Stands in for a job's comparison on its way to a worker, which has the real one."""
