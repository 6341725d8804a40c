"""A copy of comparekit (and of bench) taken when a run starts, so that edits made meanwhile
do not mix into it.

``python -m bench`` copies ``comparekit/`` and ``bench/`` into a temporary folder and runs
itself again from there (:func:`run_from_snapshot`): the timings and every memory child
process import that copy, whatever happens to the working tree during the run. The results
still go to the project's ``bench/results``; the copy is removed at the end.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["ENV", "INVOKED_FROM", "ROOT", "RUNNING_FROM", "fingerprint", "run_from_snapshot"]

ENV = "BENCH_PROJECT_ROOT"
"""Set in the run from the snapshot: the project folder the snapshot was taken from."""

RUNNING_FROM = Path(__file__).resolve().parent.parent
"""The folder this ``bench`` (and the comparekit beside it) runs from: the snapshot, or the project."""

ROOT = Path(os.environ.get(ENV) or RUNNING_FROM)
"""The project folder: where results go and where ``git`` is asked for the commit."""

_CWD_ENV = "BENCH_INVOKED_FROM"
INVOKED_FROM = Path(os.environ.get(_CWD_ENV) or os.getcwd())
"""The folder the command was typed in: relative paths in options are relative to it."""

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "results", ".mypy_cache")


def fingerprint(package: Path | None = None) -> str:
    """A hash of comparekit's source files (``.py``, templates, stylesheets) in ``package``.

    By default the copy this process imports (the snapshot during a run).
    """
    if package is None:
        import comparekit

        package = Path(comparekit.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".css", ".svg", ".png"):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run_from_snapshot(argv: Sequence[str]) -> int:
    """Copy comparekit and bench to a temporary folder, run ``python -m bench argv`` there."""
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as folder:
        for name in ("comparekit", "bench"):
            shutil.copytree(ROOT / name, Path(folder) / name, ignore=_IGNORE)
        env = {**os.environ, ENV: str(ROOT), _CWD_ENV: str(INVOKED_FROM)}
        done = subprocess.run(
            [sys.executable, "-m", "bench", *argv], cwd=folder, env=env, check=False
        )
    return done.returncode
