"""Importing comparekit and rendering every format leaves its dependencies as they were."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CHECK = """
import gc, importlib, sys
NAMES = [
    "pydyf", "pydyf.PDF", "pydyf.Stream", "pydyf.Object", "pydyf.Dictionary",
    "ctypes.util", "tabulate",
    "openpyxl.workbook.workbook.Workbook", "openpyxl.cell.cell", "openpyxl.cell.cell.Cell",
    "openpyxl.cell._writer", "openpyxl.worksheet._write_only.WriteOnlyWorksheet",
    "openpyxl.worksheet._writer.WorksheetWriter", "openpyxl.writer.excel",
    "openpyxl.writer.excel.ExcelWriter", "openpyxl.styles.cell_style.StyleArray",
    "multiprocessing.context", "multiprocessing.context.SpawnContext",
    "multiprocessing.context.SpawnProcess", "concurrent.futures.process",
    "concurrent.futures.process.ProcessPoolExecutor",
]

# Caches the standard library fills in itself on first use: pickle's slot names of a class,
# ProcessPoolExecutor's check of the system's semaphores.
OWN_CACHES = {
    "multiprocessing.context.SpawnProcess.__slotnames__",
    "concurrent.futures.process._system_limits_checked",
}

def find(name):
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            thing = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            thing = getattr(thing, part)
        return thing

def snapshot():
    state = {name: dict(vars(find(name))) for name in NAMES}
    state["gc enabled"] = {"": gc.isenabled()}
    state["sys"] = {"stdout": sys.stdout, "stderr": sys.stderr}
    return state

before = snapshot()
import comparekit
from comparekit.jobs import Job, run_jobs
sample = comparekit.load(sys.argv[1])
for fmt in ("txt", "md", "xlsx", "pdf", "html"):
    assert comparekit.render(sample, fmt)
outcomes = run_jobs([Job(sample, sys.argv[1], "en", f) for f in ("md", "txt")], processes=2)
assert all(o.error is None for o in outcomes), outcomes
after = snapshot()
changed = [
    f"{name}.{key}"
    for name in before
    for key in before[name].keys() | after[name].keys()
    if before[name].get(key, KeyError) is not after[name].get(key, KeyError)
    and f"{name}.{key}" not in OWN_CACHES
]
print(changed)
"""


def test_rendering_every_format_patches_nothing(sample_path: Path, tmp_path: Path) -> None:
    """pydyf, ctypes.util, tabulate, openpyxl and multiprocessing keep every attribute."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHECK), str(sample_path.resolve())],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
