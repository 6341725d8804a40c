"""Libraries load without WeasyPrint's slow search, and still load where that search is needed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from comparekit.renderers import _ctypes_util as libraries


def run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the quick search is for Linux")
def test_weasyprint_loads_without_a_library_search(tmp_path: Path) -> None:
    """No ctypes.util.find_library call (each starts ldconfig, gcc and ld) while it loads."""
    result = run(
        """
        import ctypes.util
        calls = []
        original = ctypes.util.find_library
        ctypes.util.find_library = lambda name: calls.append(name) or original(name)
        from comparekit.renderers._ctypes_util import import_library
        weasyprint = import_library("weasyprint")
        weasyprint.HTML(string="<p>钉钉</p>").write_pdf()
        assert ctypes.util.find_library is not original  # the caller's own is put back
        print(len(calls))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "0\n"


def test_a_library_that_needs_the_search_is_imported_again_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where only find_library finds a C library, the second import uses the real one."""
    package = tmp_path / "needs_search"
    package.mkdir()
    (package / "__init__.py").write_text("from needs_search import ffi\n")
    (package / "ffi.py").write_text(
        textwrap.dedent(
            """
            import ctypes.util
            found = ctypes.util.find_library("fontconfig")  # a name WeasyPrint tries
            if found is None:
                print("library fontconfig not found")  # WeasyPrint prints like this before it fails
                raise OSError("cannot load library fontconfig")
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(libraries, "QUICK_SEARCH", {"needs_search"})
    monkeypatch.setattr(libraries.sys, "platform", "linux")
    module = libraries.import_library("needs_search")
    assert module.ffi.found
    # The first attempt's message is not hidden: hiding it would swap sys.stdout for every
    # thread of the process.
    assert capsys.readouterr().out == "library fontconfig not found\n"
    for name in ("needs_search", "needs_search.ffi"):
        monkeypatch.delitem(sys.modules, name)


def test_other_libraries_import_as_usual() -> None:
    """A library outside QUICK_SEARCH is imported as by importlib, the search untouched."""
    assert libraries.import_library("json") is sys.modules["json"]


def test_only_the_importing_thread_and_weasyprint_names_skip_the_search() -> None:
    """During the import, another thread, or another name, gets the real find_library."""
    import ctypes.util

    original = ctypes.util.find_library
    seen: dict[str, object] = {}
    with libraries._no_library_search():
        assert ctypes.util.find_library("pango-1.0") is None
        seen["other name"] = ctypes.util.find_library("c")
        thread = threading.Thread(
            target=lambda: seen.update(thread=ctypes.util.find_library("pango-1.0"))
        )
        thread.start()
        thread.join()
    assert ctypes.util.find_library is original
    assert seen["other name"] == original("c") is not None
    assert seen["thread"] == original("pango-1.0") is not None
