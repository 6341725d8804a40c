"""The three contenders, each prepared for one comparison and format as a call returning bytes.

* ``comparekit``: ``comparekit.render(comparison, fmt)`` on the built model (layout and
  rendering; nothing is prepared outside the timed call);
* ``bare``: the library comparekit drives, doing the same work from inputs prepared
  outside the timed call (:mod:`bench.bare`);
* ``pandas``: the route a pandas user would take from the model (:mod:`bench.pandas_route`).
"""

from __future__ import annotations

import functools

import comparekit
from bench import bare, pandas_route
from comparekit import Comparison

__all__ = ["NAMES", "prepare"]

NAMES = ("comparekit", "bare", "pandas")
"""Contenders in the order they run in every round."""


def prepare(
    name: str,
    comparison: Comparison,
    fmt: str,
    reference: bytes | None = None,
    gc_off: bool = False,
) -> bare.Run:
    """Contender ``name`` for ``comparison`` in ``fmt``: a call of no arguments giving bytes.

    ``reference`` is comparekit's output for the same case, if already made (the bare
    xlsx contender reads it back instead of rendering again). ``gc_off`` pauses the cyclic
    garbage collector during the bare and pandas calls, as comparekit pauses it during its own.
    """
    run: bare.Run
    if name == "comparekit":
        return functools.partial(comparekit.render, comparison, fmt)
    if name == "bare":
        run = bare.prepare(comparison, fmt, reference)
    elif name == "pandas":
        run = functools.partial(pandas_route.render, comparison, fmt)
    else:
        raise ValueError(f"unknown contender {name!r}: choose one of {', '.join(NAMES)}")
    return bare.WithoutGC(run) if gc_off else run
