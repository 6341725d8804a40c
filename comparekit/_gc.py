"""Pause Python's cyclic garbage collector around work that makes many acyclic objects.

Reading a big spec and laying out a big matrix each make millions of short-lived objects
that never form cycles (strings, tuples, attrs instances). Every collection of the oldest
generation walks all of them again: a fifth of the time of a 200×100 workbook, a ninth
of reading a 1000×200 spec (docs/performance.md). Reference counting still frees them.

A process about to exit needs no collection at all. After a PDF the heap holds the cycles
WeasyPrint leaves behind (3.2 million objects at 200×100): one collection of them takes
0.3 s at 50×50 and 2.2 s at 200×100, and the interpreter makes one more as it shuts
down. :func:`frozen_at_exit` is for the ``comparekit`` command's own process
(:mod:`comparekit.cli.process`): the collector stays off for the whole run, and the heap is
frozen before exit, so shutdown walks none of it. A library caller's process is never
touched: :func:`paused` switches the collector back on after each call.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collect_if_paused", "frozen_at_exit", "paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the block; afterwards it is as it was, even on error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect_if_paused() -> None:
    """Free the cycles of the work before, if the collector is off (a process run under
    :func:`frozen_at_exit`): called before each PDF after the first, so that the garbage of
    one PDF is gone before the next makes its own and memory stays that of one PDF."""
    if not gc.isenabled():
        gc.collect()


@contextlib.contextmanager
def frozen_at_exit() -> Iterator[None]:
    """For a process that exits after the block: the collector off during it, the heap
    frozen after it (:func:`gc.freeze`), so that neither a collection after the last report
    nor the one at interpreter shutdown walks the objects the run left behind."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
