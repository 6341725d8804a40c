"""Import the libraries a renderer needs, without WeasyPrint's slow search for its C libraries.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several names for each with
cffi. A name cffi cannot open at once goes to :func:`ctypes.util.find_library`, which on
Linux starts ``/sbin/ldconfig``, then ``gcc``, then ``ld``: 22 look-ups that take about
0.15 s of every run that prints a PDF (``bench/startup.py`` measures it). Yet the names
WeasyPrint tries include each library's soname (``libpango-1.0.so.0``), which the dynamic
linker opens directly, honouring ``LD_LIBRARY_PATH`` and the linker cache.

So, on Linux, while WeasyPrint loads, ``find_library`` answers "not found" at once and
WeasyPrint goes on to the soname. If WeasyPrint cannot load that way, it is imported again
with the real ``find_library``: no setup that loaded WeasyPrint before stops loading it.
The change is process-wide for the moment of the import: another thread calling
``find_library`` just then would also find nothing. That moment comes once, when the first
PDF is rendered.

>>> import_library("json").__name__
'json'
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import types
from collections.abc import Iterator

__all__ = ["QUICK_SEARCH", "import_library"]

QUICK_SEARCH = {"weasyprint"}
"""Libraries imported with the quick search for C libraries."""


def import_library(name: str) -> types.ModuleType:
    """Import module ``name``; see the module's docstring for the libraries in QUICK_SEARCH."""
    if name not in QUICK_SEARCH or sys.platform != "linux" or name in sys.modules:
        return importlib.import_module(name)
    try:
        # WeasyPrint prints to stdout when a library does not load: keep that for the retry.
        with _no_library_search(), contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module(name)
    except (ImportError, OSError):
        _forget(name)
        return importlib.import_module(name)


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    """``ctypes.util.find_library`` finds nothing, at once, inside the ``with`` block."""
    import ctypes.util  # here, not at the top: ctypes adds 8 ms to every comparekit start

    original = ctypes.util.find_library

    def find_nothing(name: str) -> None:
        return None

    ctypes.util.find_library = find_nothing
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _forget(name: str) -> None:
    """Drop a package and its submodules from ``sys.modules``, so they import anew."""
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
