"""``comparekit check --format json`` (``cli/problems.py``): every problem with its file, line
or cell, key path and message, in one stable JSON document (docs/check.md)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import MINIMAL
from test_cli import run

from comparekit import load, render

BROKEN = """\
format = 1
[comparison]
titel = "T"
[[features]]
id = "users"
label = "Users"
type = "cont"
"""

PROBLEM_KEYS = ["file", "line", "cell", "path", "message", "severity"]


def test_shape_is_pinned(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad spec, a good one and a missing one: the whole document, key for key, exit 1,
    nothing on standard error."""
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    missing = tmp_path / "missing.toml"
    code, out, err = run(
        ["check", "--format", "json", str(broken), str(sample_path), str(missing)], capsys
    )
    assert (code, err) == (1, "")
    assert json.loads(out) == {
        "ok": False,
        "files": [
            {"file": str(broken), "ok": False, "problems": 3},
            {
                "file": str(sample_path),
                "ok": True,
                "products": 4,
                "features": 27,
                "values": 38,
                "sources": 1,
            },
            {"file": str(missing), "ok": False, "problems": 1},
        ],
        "problems": [
            {
                "file": str(broken),
                "line": 2,
                "cell": None,
                "path": "comparison.title",
                "message": "required key is missing",
                "severity": "error",
            },
            {
                "file": str(broken),
                "line": 3,
                "cell": None,
                "path": "comparison.titel",
                "message": "unknown key 'titel' (did you mean 'title'?)",
                "severity": "error",
            },
            {
                "file": str(broken),
                "line": 7,
                "cell": None,
                "path": "features[users].type",
                "message": 'expected one of "text", "boolean", "count", "number", "percent", '
                '"change", "multiplier", "money", "date", "fraction", "list", got "cont" '
                "(did you mean 'count'?)",
                "severity": "error",
            },
            {
                "file": str(missing),
                "line": None,
                "cell": None,
                "path": None,
                "message": "cannot read: No such file or directory",
                "severity": "error",
            },
        ],
    }


def test_good_specs_exit_0(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With no problem: ok true, an empty list of problems, exit 0."""
    code, out, _ = run(["check", "--format", "json", str(sample_path)], capsys)
    document = json.loads(out)
    assert code == 0
    assert document["ok"] is True
    assert document["problems"] == []


def test_text_is_the_default_and_unchanged(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format text is what check printed before: a line per spec when all are good, else
    every problem on stderr and nothing on stdout."""
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    for specs in ([sample_path], [sample_path, broken]):
        default = run(["check", *map(str, specs)], capsys)
        assert default == run(["check", "--format", "text", *map(str, specs)], capsys)
    good = run(["check", str(sample_path)], capsys)
    assert good[0] == 0
    assert good[1].startswith(f"{sample_path}: ok (4 products")
    assert default[:2] == (1, "")
    assert default[2].startswith("3 problems\n")


def test_strict_problems_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--strict's problems come in the same shape, one object each, with their lines."""
    spec = tmp_path / "unsourced.toml"
    spec.write_text(MINIMAL.replace(', source = "src"', ""), encoding="utf-8")
    assert run(["check", "--format", "json", str(spec)], capsys)[0] == 0
    code, out, _ = run(["check", "--strict", "--format", "json", str(spec)], capsys)
    document = json.loads(out)
    assert code == 1
    assert len(document["problems"]) == 2
    assert all(list(p) == PROBLEM_KEYS for p in document["problems"])
    assert all(isinstance(p["line"], int) for p in document["problems"])
    assert document["files"][0]["problems"] == 2


def test_workbook_problem_has_its_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook's problem is located by sheet and cell (``Data!J2``), its line null."""
    book = openpyxl.load_workbook(
        io.BytesIO(render(load("specs/china-remote-work-2020.toml"), "xlsx"))
    )
    data = book["Data"]
    names = [c.value for c in data[1]]
    row = next(
        r for r in data.iter_rows(min_row=2) if (r[0].value, r[2].value) == ("dingtalk", "users")
    )
    cell = row[names.index("value")]
    cell.value = "lots"
    path = tmp_path / "book.xlsx"
    book.save(path)
    code, out, _ = run(["check", "--format", "json", str(path)], capsys)
    (problem,) = json.loads(out)["problems"]
    assert code == 1
    assert problem == {
        "file": str(path),
        "line": None,
        "cell": f"Data!{cell.coordinate}",
        "path": "products[dingtalk].values.users.value",
        "message": 'expected an integer ≥ 0 for type "count", got "lots"',
        "severity": "error",
    }


def test_hostile_text_is_json_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Control and bidi characters of a spec reach the document as JSON escapes, never raw,
    and decode back to exactly what the spec holds."""
    spec = tmp_path / "hostile.toml"
    spec.write_text(
        'format = 1\n[comparison]\ntitle = "T"\n"x\\u001b[2J\\u202e" = 1\n', encoding="utf-8"
    )
    code, out, _ = run(["check", "--format", "json", str(spec)], capsys)
    assert code == 1
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\u001b" in out
    (problem,) = json.loads(out)["problems"]
    assert "\x1b[2J\u202e" in problem["path"] + problem["message"]


def test_standard_input_is_named_stdin(sample_path: Path) -> None:
    """check --format json - reads standard input and names it <stdin>."""
    result = subprocess.run(
        [sys.executable, "-m", "comparekit.cli", "check", "--format", "json", "-"],
        input=b"format = 2\n",
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["path"]) == ("<stdin>", 1, "format")


def test_unknown_format_is_a_usage_error(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check --format xml: exit 2, as every usage error."""
    code, out, err = run(["check", "--format", "xml", str(sample_path)], capsys)
    assert (code, out) == (2, "")
    assert "'xml' is not one of 'text', 'json'" in err
