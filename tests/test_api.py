"""The public Python API: exports, render/write, lazy imports."""

from __future__ import annotations

import gc
import subprocess
import sys
import types
from pathlib import Path

import pytest

import comparekit
from comparekit import Comparison, FormatError, OutputError


def test_all_is_sorted_and_honest() -> None:
    """__all__ is sorted, and names exactly the public names the package defines."""
    assert comparekit.__all__ == sorted(comparekit.__all__, key=lambda n: (not n.isupper(), n))
    public = {
        name
        for name in dir(comparekit)
        if not name.startswith("_") and not isinstance(getattr(comparekit, name), types.ModuleType)
    }
    assert set(comparekit.__all__) == public | {"__version__"}


def test_errors_are_also_builtins() -> None:
    """Each error can be caught as comparekit's base or as the builtin it resembles."""
    assert issubclass(comparekit.SpecError, ValueError)
    assert issubclass(comparekit.ModelError, ValueError)
    assert issubclass(comparekit.OutputError, OSError)
    assert issubclass(comparekit.MissingDependencyError, ImportError)
    assert all(
        issubclass(getattr(comparekit, name), comparekit.ComparekitError)
        for name in comparekit.__all__
        if name.endswith("Error")
    )


def test_write_picks_format_from_suffix(sample: Comparison, tmp_path: Path) -> None:
    """write() chooses the format from the suffix and refuses an unknown one."""
    path = comparekit.write(sample, tmp_path / "r.md", lang="zh")
    assert path.read_text(encoding="utf-8").startswith("# 中国远程办公平台")
    with pytest.raises(FormatError, match="cannot tell the format"):
        comparekit.write(sample, tmp_path / "r.docx")
    with pytest.raises(OutputError, match="does not exist"):
        comparekit.write(sample, tmp_path / "missing" / "r.txt")


def test_render_is_deterministic(sample: Comparison) -> None:
    """The same comparison and options give the same bytes."""
    assert comparekit.render(sample, "txt") == comparekit.render(sample, "txt")


def test_text_path_imports_no_heavy_library(sample_path: Path) -> None:
    """import comparekit and the text path load neither openpyxl nor weasyprint."""
    code = (
        "import sys, comparekit\n"
        f"comparekit.render(comparekit.load({str(sample_path)!r}), 'txt')\n"
        "heavy = [m for m in ('openpyxl', 'weasyprint', 'jinja2') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_formats_listed() -> None:
    """formats() lists txt, md, xlsx and pdf with their suffixes."""
    assert [(f.name, f.suffix) for f in comparekit.formats()] == [
        ("txt", ".txt"),
        ("md", ".md"),
        ("xlsx", ".xlsx"),
        ("pdf", ".pdf"),
    ]


def test_render_leaves_the_garbage_collector_as_it_was(sample: Comparison) -> None:
    """Rendering pauses the cyclic collector and puts it back as it was, even on error."""
    assert gc.isenabled()
    comparekit.render(sample, "md")
    assert gc.isenabled()
    gc.disable()
    try:
        comparekit.render(sample, "md")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(FormatError):
        comparekit.render(sample, "md", lang="fr")
    assert gc.isenabled()
