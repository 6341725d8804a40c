"""The public Python API: exports, render/write, lazy imports."""

from __future__ import annotations

import contextlib
import enum
import gc
import inspect
import signal
import subprocess
import sys
import traceback
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import wrong_values

import comparekit
from comparekit import (
    ComparekitError,
    Comparison,
    Feature,
    FormatError,
    OutputError,
    Product,
    Scoring,
)


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
    """formats() lists txt, md, xlsx, pdf and html with their suffixes."""
    assert [(f.name, f.suffix) for f in comparekit.formats()] == [
        ("txt", ".txt"),
        ("md", ".md"),
        ("xlsx", ".xlsx"),
        ("pdf", ".pdf"),
        ("html", ".html"),
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


# --------------------------------------------------------------------------- wrong types


class _TooSlow(Exception):
    """Raised by the alarm: a call took longer than any call should (a hang)."""


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    """Fail with _TooSlow after ``seconds`` (a hang shows as a failure, not a stuck suite)."""

    def ring(signum: int, frame: object) -> None:
        raise _TooSlow(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _valid_arguments(folder: Path) -> dict[str, dict[str, Any]]:
    """For each public callable, arguments it accepts: each test replaces some of them."""
    feature = Feature(id="f", label="F", type="count")
    product = Product(id="p", name="P", values={"f": 1})
    comparison = Comparison(title="T", features=[feature], products=[product])
    ranked = Feature(id="f", label="F", type="count", better="higher")
    scored = Comparison(
        title="T", features=[ranked], products=[product], scoring=Scoring(weights={"f": 1})
    )
    return {
        "Comparison": {"title": "T", "features": [feature], "products": [product]},
        "Feature": {"id": "f", "label": "F", "type": "count"},
        "Product": {"id": "p", "name": "P", "values": {"f": 1}},
        "Value": {"value": 1},
        "Source": {"id": "s", "title": "S"},
        "Group": {"id": "g", "label": "G"},
        "Label": {"translations": "x"},
        "Limits": {},
        "RenderOptions": {},
        "load": {"path": SAMPLE},
        "loads": {"text": MINIMAL},
        "dump": {"comparison": comparison},
        "build_table": {"comparison": comparison},
        "render": {"comparison": comparison, "format": "txt"},
        "write": {"comparison": comparison, "path": folder / "report.txt"},
        "formats": {},
        "diff": {"old": comparison, "new": comparison},
        "Scoring": {"weights": {"f": 1}, "missing": "worst", "partial": 0.5, "vary": 20, "seed": 1},
        "Weight": {"target": "f", "weight": 1},
        "Scale": {"feature": "f", "thresholds": [1, 2], "required": ()},
        "Finding": {"text": "F", "cells": [("p", "f")]},
        "Cell": {"product": "p", "feature": "f"},
        "score": {"comparison": scored},
        "to_pandas": {"data": comparison},
        "Theme": {"brand": "#123456", "accent": "#654321", "logo": None, "footer": "F"},
        "Logo": {"path": "logo.svg", "data": b'<svg xmlns="http://www.w3.org/2000/svg"/>'},
        "View": {"id": "v", "label": "V", "products": ["p"], "features": ["f"], "groups": []},
        "customise": {"comparison": comparison, "view": None, "products": ["p"], "title": "T"},
    }


SKIPPED = {
    name
    for name in comparekit.__all__
    if name.endswith("Error")
    or name in ("LANGUAGES", "__version__", "Problem", "Format", "Table")
    or name in ("Added", "Removed", "Modified", "ValueChanged", "Change")
    or name in ("Scores", "ProductScore", "Tipping")
    or name == "ValueRecord"
    or isinstance(getattr(comparekit, name), enum.EnumMeta)
}
"""Not an input boundary: constants, the enums (Python's own lookup raises ValueError),
exceptions and the records comparekit hands out (Problem, Format, Table, the changes
:func:`comparekit.diff` returns, the results :func:`comparekit.score` returns, the records
of ``Table.records``)."""


def test_every_public_callable_has_arguments_to_try(tmp_path: Path) -> None:
    """The wrong-types test below covers every public constructor and function."""
    assert set(_valid_arguments(tmp_path)) == set(comparekit.__all__) - SKIPPED


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_wrong_types_never_fail_inside(
    data: st.DataObject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any public callable given wrong types raises a ComparekitError, or a TypeError that
    comparekit raises on purpose; never AttributeError, KeyError, IndexError, RecursionError
    or a TypeError from inside, and never hangs."""
    monkeypatch.chdir(tmp_path)  # a wrong path that happens to be valid writes here
    name = data.draw(st.sampled_from(sorted(_valid_arguments(tmp_path))), label="callable")
    function = getattr(comparekit, name)
    arguments = _valid_arguments(tmp_path)[name]
    parameters = list(inspect.signature(function).parameters)
    if not parameters:
        with _alarm(20):
            function()
        return
    wrong = data.draw(st.sets(st.sampled_from(parameters), min_size=1), label="wrong")
    for parameter in sorted(wrong):
        arguments[parameter] = data.draw(wrong_values, label=parameter)
    failure = _unexpected_type_error(function, arguments)
    assert failure is None, failure


def _unexpected_type_error(function: Any, arguments: dict[str, Any]) -> str | None:
    """Call ``function``: None if it returns, raises a ComparekitError or a TypeError from a
    ``raise`` in comparekit; else where the TypeError came from. Other errors propagate."""
    try:
        with _alarm(20):
            function(**arguments)
    except ComparekitError:
        return None
    except TypeError as error:
        last = traceback.extract_tb(error.__traceback__)[-1]
        if "comparekit" in last.filename and (last.line or "").startswith("raise"):
            return None
        return f"TypeError from inside, at {last.filename}:{last.lineno}: {error}"
    return None
