"""``-`` is standard input or output wherever the command line takes a file (issue 18, part 5):
``check -``, ``show -``, ``render - -o -``, ``render --since -``, ``diff OLD -``, ``import - -o
-`` and ``import BOOK --into -``; a spec from standard input may be TOML, JSON or a workbook's
bytes, and messages call it ``<stdin>``. ``-`` for two arguments at once is a usage error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import comparekit
from comparekit import Comparison

COMMAND = [sys.executable, "-m", "comparekit.cli"]
ENV = {
    **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
    "PYTHONIOENCODING": "utf-8",
}


def piped(args: list[str], data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The command in a new process, ``data`` on its standard input."""
    return subprocess.run([*COMMAND, *args], input=data, capture_output=True, env=ENV, check=False)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's workbook, as a file."""
    path = tmp_path_factory.mktemp("book") / "remote.xlsx"
    sample = comparekit.load("specs/china-remote-work-2020.toml")
    path.write_bytes(comparekit.render(sample, "xlsx"))
    return path


@pytest.mark.parametrize("kind", ["toml", "json", "xlsx"])
def test_check_and_show_read_any_spec_from_stdin(
    kind: str, sample: Comparison, sample_path: Path, book: Path
) -> None:
    """check - and show - take TOML, JSON or a workbook's bytes, known by their content, and
    show what the file shows."""
    data = {
        "toml": sample_path.read_bytes(),
        "json": comparekit.dump(sample, format="json").encode(),
        "xlsx": book.read_bytes(),
    }[kind]
    checked = piped(["check", "-"], data)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.decode().startswith("<stdin>: ok (4 products, 27 features")
    shown = piped(["show", "-", "--tablefmt", "tsv"], data)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == piped(["show", str(sample_path), "--tablefmt", "tsv"]).stdout


def test_render_a_workbook_from_stdin_to_stdout(book: Path, sample_path: Path) -> None:
    """render - -f txt -o - reads a workbook from standard input and writes the report: the
    spec's, but for its theme's footer line (a workbook does not carry [theme])."""
    result = piped(["render", "-", "-f", "txt", "-o", "-"], book.read_bytes())
    assert result.returncode == 0, result.stderr
    unthemed = attrs.evolve(comparekit.load(sample_path), theme=None, views=())
    assert result.stdout == comparekit.render(unthemed, "txt")


def test_diff_reads_either_edition_from_stdin(sample_path: Path, tmp_path: Path) -> None:
    """diff OLD - and diff - NEW: the exit codes of diff, standard input named <stdin>."""
    spec = sample_path.read_bytes()
    assert piped(["diff", str(sample_path), "-"], spec).returncode == 0
    changed = spec.replace(b"value = 200_000_000", b"value = 250_000_000", 1)
    assert changed != spec
    result = piped(["diff", "-", str(sample_path), "--json"], changed)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert (document["old"], document["new"]) == ("<stdin>", str(sample_path))
    assert document["changes"][0]["old"] == 250_000_000
    bad = piped(["diff", str(sample_path), "-"], b"format = 2\n")
    assert bad.returncode == 2
    assert "<stdin>:1: format:" in bad.stderr.decode()


def test_render_since_stdin(sample_path: Path) -> None:
    """render SPEC --since - takes the earlier edition from standard input."""
    earlier = sample_path.read_bytes().replace(b"value = 200_000_000", b"value = 150_000_000", 1)
    result = piped(["render", str(sample_path), "--since", "-", "-f", "md", "-o", "-"], earlier)
    assert result.returncode == 0, result.stderr
    assert "## What changed since" in result.stdout.decode()


def test_import_from_stdin_to_stdout(book: Path) -> None:
    """import - -o - turns a workbook on standard input into a spec on standard output."""
    result = piped(["import", "-", "-o", "-"], book.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout == piped(["import", str(book), "-o", "-"]).stdout
    assert comparekit.loads(result.stdout) == comparekit.loads(book.read_bytes())


def test_import_into_stdin_edits_it_to_stdout(book: Path, sample_path: Path) -> None:
    """import BOOK --into - edits the TOML spec on standard input, comments kept, and writes it
    to standard output: unchanged when the workbook says what the spec says; only the changed
    value otherwise."""
    spec = sample_path.read_bytes()
    same = piped(["import", str(book), "--into", "-"], spec)
    assert same.returncode == 0, same.stderr
    assert same.stdout == spec
    older = spec.replace(b"value = 200_000_000", b"value = 150_000_000", 1)
    edited = piped(["import", str(book), "--into", "-"], older)
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout == spec
    assert b"#" in edited.stdout  # the spec's comments are kept


def test_import_into_stdin_refuses_json(book: Path, sample: Comparison) -> None:
    """A JSON spec on standard input cannot be edited in place: a message naming <stdin>."""
    result = piped(
        ["import", str(book), "--into", "-"], comparekit.dump(sample, format="json").encode()
    )
    assert (result.returncode, result.stdout) == (1, b"")
    assert "<stdin>: a JSON spec cannot be edited in place: only TOML" in result.stderr.decode()


@pytest.mark.parametrize(
    ("args", "roles"),
    [
        (["diff", "-", "-"], "OLD and NEW"),
        (["render", "-", "--since", "-", "-f", "md", "-o", "-"], "SPEC and --since"),
        (["import", "-", "--into", "-"], "BOOK and --into"),
    ],
)
def test_stdin_for_two_arguments_is_a_usage_error(
    args: list[str], roles: str, sample_path: Path
) -> None:
    """Standard input can be read once: ``-`` for two arguments exits 2 saying which, nothing
    printed on standard output."""
    result = piped(args, sample_path.read_bytes())
    assert (result.returncode, result.stdout) == (2, b"")
    assert f"standard input can be read only once, but {roles} both name it (-)" in (
        result.stderr.decode()
    )


def test_binary_report_to_a_terminal_is_refused(sample_path: Path) -> None:
    """-o - with xlsx to a terminal is a usage error that says to redirect; to a pipe it
    writes the workbook."""
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [*COMMAND, "render", str(sample_path), "-f", "xlsx", "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=ENV,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert "not writing a binary xlsx report to a terminal" in result.stderr.decode()
    to_pipe = piped(["render", str(sample_path), "-f", "xlsx", "-o", "-"])
    assert to_pipe.returncode == 0
    assert to_pipe.stdout[:4] == b"PK\x03\x04"
