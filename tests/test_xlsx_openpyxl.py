"""openpyxl's private attributes in one place (``xlsx/_openpyxl.py``): no other module of the
workbook reaches past openpyxl's public API. That the workbook is the same bytes with them is
proved in ``tests/test_xlsx_data_rows.py`` (rows by hand and through openpyxl)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import comparekit.renderers.xlsx as xlsx_package

XLSX = Path(xlsx_package.__file__).parent
_PRIVATE_MODULES = ("openpyxl.compat", "openpyxl.writer", "openpyxl.worksheet._writer")


def private_uses(source: str) -> list[str]:
    """Each ``x._name`` attribute and each import of an internal openpyxl module in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if not node.attr.startswith("__"):
                found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(_PRIVATE_MODULES):
            found.append(f"line {node.lineno}: from {node.module}")
    return sorted(found)


@pytest.mark.parametrize(
    "module", sorted(p.name for p in XLSX.glob("*.py") if p.name != "_openpyxl.py")
)
def test_only_the_private_module_uses_openpyxls_private_attributes(module: str) -> None:
    """Modules of the workbook other than ``_openpyxl.py`` use no private attribute."""
    assert private_uses((XLSX / module).read_text(encoding="utf-8")) == []


def test_private_uses_are_found() -> None:
    """The check finds a private attribute and an internal module (so the test above can fail)."""
    assert private_uses((XLSX / "_openpyxl.py").read_text(encoding="utf-8"))
    assert private_uses("cell._style = 1\nfrom openpyxl.compat import safe_string\n") == [
        "line 1: ._style",
        "line 2: from openpyxl.compat",
    ]


def test_sheets_stream_to_spooled_files_whatever_their_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every sheet of the sample's workbook streams to a spooled temporary file (openpyxl's
    own writer makes a named file per sheet, and removes it after the save), and the workbook
    is the same bytes when every stream goes on to disk at its first byte."""
    from openpyxl.worksheet._writer import WorksheetWriter

    from comparekit import load, render
    from comparekit.renderers.xlsx import _openpyxl

    sample = load(Path(__file__).resolve().parent.parent / "specs" / "china-remote-work-2020.toml")
    streams: list[object] = []
    real_init = WorksheetWriter.__init__

    def watched(self: object, ws: object, out: object = None) -> None:
        streams.append(out)
        real_init(self, ws, out)

    monkeypatch.setattr(WorksheetWriter, "__init__", watched)
    in_memory = render(sample, "xlsx")
    assert len(streams) >= 10
    assert all(type(out).__name__ == "SpooledTemporaryFile" for out in streams)
    assert not any(out._rolled for out in streams)  # type: ignore[attr-defined]
    streams.clear()
    monkeypatch.setattr(_openpyxl, "SPOOL_BYTES", 1)
    monkeypatch.setattr(xlsx_package.data_rows, "SPOOL_BYTES", 1)
    assert render(sample, "xlsx") == in_memory
    assert all(out._rolled for out in streams)  # type: ignore[attr-defined]
