"""``comparekit check --format json``: what ``check`` found, as one JSON document.

The shape is stable (new keys may be added, none renamed or removed) and documented in
``docs/check.md``; ``tests/test_check_json.py`` pins it::

    {
      "ok": false,
      "files": [{"file": "a.toml", "ok": true, "products": 4, "features": 27,
                 "values": 80, "sources": 3},
                {"file": "b.xlsx", "ok": false, "problems": 1}],
      "problems": [{"file": "b.xlsx", "line": null, "cell": "Data!J3",
                    "path": "products[a].values.users.value", "message": "...",
                    "severity": "error"}]
    }

>>> from comparekit.errors import Problem, SpecError
>>> problem_json(Problem("comparison.titel", "unknown key 'titel'", file="x.toml", line=3))
{'file': 'x.toml', 'line': 3, 'cell': None, 'path': 'comparison.titel', \
'message': "unknown key 'titel'", 'severity': 'error'}
>>> failed_json("x.toml", SpecError([Problem("", "cannot read: No such file", file="x.toml")]))
[{'file': 'x.toml', 'line': None, 'cell': None, 'path': None, 'message': 'cannot read: \
No such file', 'severity': 'error'}]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from comparekit.errors import ComparekitError, Problem
from comparekit.model import Comparison

__all__ = ["check_json", "failed_json", "passed_json", "problem_json"]

SEVERITY = "error"
"""Every problem ``check`` reports is an error: the spec is refused until it is fixed."""


def problem_json(problem: Problem, file: str = "") -> dict[str, Any]:
    """One problem as JSON: where (``file``; ``line``, 1-based, or ``cell``, ``Sheet!A1``, of
    a workbook; ``path``, the key path) and what (``message``, ``severity``); ``null`` for
    what is not known. ``file`` is the spec's name when the problem names none."""
    return {
        "file": problem.file or file,
        "line": problem.line,
        "cell": problem.cell or None,
        "path": problem.path or None,
        "message": problem.message,
        "severity": SEVERITY,
    }


def failed_json(file: str, error: ComparekitError) -> list[dict[str, Any]]:
    """The problems of a spec that failed to load: each of the error's problems, or the
    error's message as one problem when it has none (a library that cannot load)."""
    problems: Sequence[Problem] = getattr(error, "problems", ())
    if problems:
        return [problem_json(p, file) for p in problems]
    return [problem_json(Problem("", _message(error), file=file))]


def _message(error: ComparekitError) -> str:
    """An error's own text, without the ``comparekit:`` a terminal line would start with."""
    return str(error.args[0]) if error.args else type(error).__name__


def passed_json(file: str, comparison: Comparison) -> dict[str, Any]:
    """A spec that loaded: its name and what it holds, the counts ``check`` prints."""
    return {
        "file": file,
        "ok": True,
        "products": len(comparison.products),
        "features": len(comparison.features),
        "values": sum(len(p.values) for p in comparison.products),
        "sources": len(comparison.sources),
    }


def check_json(
    results: Sequence[tuple[str, Comparison | ComparekitError]],
) -> dict[str, Any]:
    """The document of a whole run: every spec in the order given, with the comparison it
    loaded to or the error it failed with."""
    files: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    for file, result in results:
        if isinstance(result, Comparison):
            files.append(passed_json(file, result))
            continue
        found = failed_json(file, result)
        files.append({"file": file, "ok": False, "problems": len(found)})
        problems += found
    return {"ok": not problems, "files": files, "problems": problems}
