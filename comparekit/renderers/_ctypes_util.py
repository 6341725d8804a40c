"""ctypes.util while WeasyPrint loads: its C libraries found by soname, without a slow search.

**Why.** WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several names for each
with cffi. A name cffi cannot open at once goes to :func:`ctypes.util.find_library`, which
on Linux starts ``/sbin/ldconfig``, then ``gcc``, then ``ld``: 22 look-ups, 0.15 to 0.5 s
of the 0.4 to 1.1 s ``import weasyprint`` takes, in every run that prints a PDF
(docs/performance.md has the command). Yet the names WeasyPrint tries include each
library's soname (``libpango-1.0.so.0``), which the dynamic linker opens directly,
honouring ``LD_LIBRARY_PATH`` and the linker cache.

**Scope.** While comparekit imports WeasyPrint on Linux, ``find_library`` answers "not
found" at once, but only in the importing thread and only for the names WeasyPrint tries
(:data:`WEASYPRINT_NAMES`); any other call, from any thread, goes to the real function.
Afterwards the module's attribute is put back as it was (``tests/test_dependencies.py``).
If WeasyPrint cannot load that way, it is imported again with the real search: no setup
that loaded WeasyPrint before stops loading it.

**When it can go.** When WeasyPrint (or cffi) tries sonames before ``find_library``.

>>> import_library("json").__name__
'json'
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
import types
from collections.abc import Iterator

__all__ = ["QUICK_SEARCH", "WEASYPRINT_NAMES", "import_library"]

QUICK_SEARCH = {"weasyprint"}
"""Libraries imported with the quick search for C libraries."""

WEASYPRINT_NAMES = frozenset(
    {
        *("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0"),
        *("libgobject-2.0.so.0", "libgobject-2.0.0.dylib", "libgobject-2.0-0.dll"),
        *("libpango-1.0-0", "pango-1.0-0", "pango-1.0"),
        *("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
        *("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0"),
        *("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
        *("libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0"),
        *("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll"),
        *("libharfbuzz-vector-0", "harfbuzz-vector", "harfbuzz-vector-0.0"),
        *("libharfbuzz-vector.so.0", "libharfbuzz-vector.0.dylib", "libharfbuzz-vector-0.dll"),
        *("libfontconfig-1", "fontconfig-1", "fontconfig"),
        *("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll"),
        *("libpangoft2-1.0-0", "pangoft2-1.0-0", "pangoft2-1.0"),
        *("libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib", "libpangoft2-1.0-0.dll"),
    }
)
"""The names WeasyPrint 70 tries for its C libraries (``weasyprint/text/ffi.py``): the only
ones answered "not found" at once."""


def import_library(name: str) -> types.ModuleType:
    """Import module ``name``; see the module's docstring for the libraries in QUICK_SEARCH."""
    if name not in QUICK_SEARCH or sys.platform != "linux" or name in sys.modules:
        return importlib.import_module(name)
    try:
        # Where this fails, WeasyPrint prints its "could not import" message on stdout before
        # the retry. Not hidden: redirecting sys.stdout would hide other threads' output too.
        with _no_library_search():
            return importlib.import_module(name)
    except (ImportError, OSError):
        _forget(name)
        return importlib.import_module(name)


@contextlib.contextmanager
def _no_library_search() -> Iterator[None]:
    """In this thread, ``ctypes.util.find_library`` finds none of :data:`WEASYPRINT_NAMES`,
    at once, inside the ``with`` block; every other call goes to the real function."""
    import ctypes.util  # here, not at the top: ctypes adds 8 ms to every comparekit start

    original = ctypes.util.find_library
    importer = threading.get_ident()

    def find_library(name: str) -> str | None:
        if name in WEASYPRINT_NAMES and threading.get_ident() == importer:
            return None
        return original(name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        if ctypes.util.find_library is find_library:  # not replaced again meanwhile
            ctypes.util.find_library = original


def _forget(name: str) -> None:
    """Drop a package and its submodules from ``sys.modules``, so they import anew."""
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
