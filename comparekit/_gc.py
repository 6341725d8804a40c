"""Pause Python's cyclic garbage collector around work that makes many acyclic objects.

Reading a big spec and laying out a big matrix each make millions of short-lived objects
that never form cycles (strings, tuples, attrs instances). Every collection of the oldest
generation walks all of them again: a fifth of the time of a 200×100 workbook, a ninth
of reading a 1000×200 spec (docs/performance.md). Reference counting still frees them.

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

__all__ = ["paused"]


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
