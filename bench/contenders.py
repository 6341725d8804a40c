"""The three contenders, each prepared for one comparison and format as a call returning bytes.

* ``comparekit``: ``comparekit.render(comparison, fmt)`` on the built model (layout and
  rendering; nothing is prepared outside the timed call);
* ``bare``: the library comparekit drives, doing the same work from inputs prepared
  outside the timed call (:mod:`bench.bare`);
* ``pandas``: the route a pandas user would take from the model (:mod:`bench.pandas_route`).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable

import attrs

import comparekit
from comparekit import Comparison

__all__ = ["LIBRARIES", "NAMES", "Run", "WithoutGC", "prepare"]

NAMES = ("comparekit", "bare", "pandas")
"""Contenders in the order they run in every round."""

LIBRARIES = {"txt": "tabulate", "md": "tabulate", "xlsx": "openpyxl", "pdf": "weasyprint"}
"""The library the bare contender drives for each format."""

Run = Callable[[], bytes]
"""A prepared contender: does the timed work, returns the output bytes."""


@attrs.frozen
class WithoutGC:
    """A contender run with the cyclic garbage collector paused, as ``comparekit.render``
    pauses it during its own work (``--gc-off``)."""

    run: Run

    def __call__(self) -> bytes:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self.run()
        finally:
            if was_enabled:
                gc.enable()


def prepare(
    name: str,
    comparison: Comparison,
    fmt: str,
    reference: bytes | None = None,
    gc_off: bool = False,
) -> Run:
    """Contender ``name`` for ``comparison`` in ``fmt``: a call of no arguments giving bytes.

    ``reference`` is comparekit's output for the same case, if already made (the bare
    xlsx contender reads it back instead of rendering again). ``gc_off`` pauses the cyclic
    garbage collector during the bare and pandas calls, as comparekit pauses it during its own.
    """
    from bench import bare, pandas_route  # bare imports comparekit's renderers (WeasyPrint)

    run: Run
    if name == "comparekit":
        return functools.partial(comparekit.render, comparison, fmt)
    if name == "bare":
        run = bare.prepare(comparison, fmt, reference)
    elif name == "pandas":
        run = functools.partial(pandas_route.render, comparison, fmt)
    else:
        raise ValueError(f"unknown contender {name!r}: choose one of {', '.join(NAMES)}")
    return WithoutGC(run) if gc_off else run
