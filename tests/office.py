"""LibreOffice headless for the tests: convert workbooks and read the sheets as shown."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")


def soffice(tmp_path: Path, target: str, *files: Path) -> Path:
    """Convert ``files`` with LibreOffice headless in a private profile; return the output folder."""
    assert SOFFICE is not None
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    subprocess.run(
        [*command, "--outdir", str(out), *map(str, files)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return out


_ALL_SHEETS_AS_SHOWN = (
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
)


def read_csv(path: Path) -> list[list[str]]:
    assert path.exists(), f"LibreOffice wrote no {path.name}"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
