"""Rendering many reports, in this process or in several at once (``comparekit render -j N``).

A :class:`Job` is one report: a loaded comparison, a language, a format and the
options. :func:`run_jobs` renders a list of them and returns, in the same order,
each one's bytes or the message of the error that stopped it; it writes nothing.
With ``processes`` above one the jobs are shared among worker processes, the
slowest formats first, and each worker gets the comparisons once.

>>> from comparekit import load
>>> sample = load("specs/china-remote-work-2020.toml")
>>> [outcome] = run_jobs([Job(sample, "specs/china-remote-work-2020.toml", "en", "md")])
>>> outcome.data.startswith(b"# ")
True
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import io
import multiprocessing
import multiprocessing.context
import os
import pickle
import signal
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import attrs

from comparekit.api import render_with
from comparekit.errors import ComparekitError, RenderError, escaped
from comparekit.model import Comparison
from comparekit.renderers import FORMATS, RenderOptions, renderer

__all__ = ["Job", "Outcome", "run_jobs"]

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


def _render(job: Job) -> Outcome:
    try:
        function = renderer(job.format)
        data = render_with(
            job.comparison,
            function,
            job.options,
            lang=job.lang,
            transposed=job.transposed,
            since=job.since,
            since_date=job.since_date,
        )
        return Outcome(data=data)
    except ComparekitError as error:
        return Outcome(error=f"comparekit: {escaped(job.spec)}: {job.format}: {error}")


_WORKER_COMPARISONS: list[Comparison] = []


def _read_only(items: dict[str, object]) -> MappingProxyType[str, object]:
    return MappingProxyType(items)


class _Pickler(pickle.Pickler):
    """Pickles the model's read-only mappings, which plain pickle refuses, as themselves."""

    def reducer_override(self, obj: object) -> Any:
        if type(obj) is MappingProxyType:
            return _read_only, (dict(obj),)
        return NotImplemented


def _pickled(comparisons: list[Comparison]) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(comparisons)
    return buffer.getvalue()


def _install(pickled: bytes, parent: int) -> None:
    """Worker start-up: die with the parent, and keep the comparisons, sent once."""
    _die_with_parent(parent)
    _WORKER_COMPARISONS[:] = pickle.loads(pickled)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the ``comparekit`` process that started it dies,
    even by ``kill -9``, so that no worker is left waiting for jobs that never come."""
    if sys.platform.startswith("linux"):
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
        return [_render(job) for job in jobs]
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
