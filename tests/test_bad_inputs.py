"""The bad-input corpus: every bad spec fails the same way, whatever is wrong with it.

Each case in ``tests/bad_inputs/`` is a spec ``NN-name.toml`` (or ``NN-name.json``) beside
``NN-name.expected``, the exact stderr of ``comparekit render NN-name.toml -o DIR -f
txt,md,xlsx,pdf`` run in that folder. A few cases are too big to commit: :data:`GENERATED` builds them from a recipe (their
``.expected`` files are committed). Every case must exit 1 with exactly the expected message,
show no traceback, and write nothing: no output folder, and an existing report left as it was.

After an intended change to a message, refresh the expectations with
``COMPAREKIT_UPDATE_BAD_INPUTS=1 .venv/bin/python -m pytest tests/test_bad_inputs.py`` and
read every changed message before committing: each must name the right line and key path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from comparekit.cli import main
from comparekit.spec import DEFAULT_LIMITS

CORPUS = Path(__file__).parent / "bad_inputs"
UPDATE = bool(os.environ.get("COMPAREKIT_UPDATE_BAD_INPUTS"))
FORMATS = "txt,md,xlsx,pdf"
SUFFIXES = (".txt", ".md", ".xlsx", ".pdf")

HEAD = 'format = 1\n\n[comparison]\ntitle = "Generated"\n'


def _features(count: int, kind: str = "count") -> str:
    return "".join(
        f'\n[[features]]\nid = "f{n}"\nlabel = "Feature {n}"\ntype = "{kind}"\n'
        for n in range(count)
    )


def _products(count: int, values: str = "") -> str:
    return "".join(
        f'\n[[products]]\nid = "p{n}"\nname = "Product {n}"\n{values}' for n in range(count)
    )


def _long_string() -> bytes:
    """A text value of 32,768 characters: one more than a spreadsheet cell holds."""
    return (HEAD + _features(1, "text") + _products(1, f'values.f0 = "{"x" * 32_768}"\n')).encode()


def _too_many_products() -> bytes:
    return (HEAD + _features(1) + _products(DEFAULT_LIMITS.max_products + 1)).encode()


def _too_many_features() -> bytes:
    return (HEAD + _features(DEFAULT_LIMITS.max_features + 1) + _products(1)).encode()


def _too_many_cells() -> bytes:
    """500 products × 501 features: each within its limit, the matrix over max_cells."""
    products = 500
    features = DEFAULT_LIMITS.max_cells // products + 1
    return (HEAD + _features(features) + _products(products)).encode()


def _over_32_mib() -> bytes:
    """A valid spec padded with comments to 33 MiB."""
    size = 33 * 1024 * 1024
    assert size > DEFAULT_LIMITS.max_file_bytes
    text = (HEAD + _features(1) + _products(1)).encode()
    line = b"# " + b"padding " * 9 + b"\n"
    padding = line * ((size - len(text)) // len(line) + 1)
    return (text + padding)[:size]


GENERATED: dict[str, Callable[[], bytes]] = {
    "92-text-32768-characters": _long_string,
    "93-too-many-products": _too_many_products,
    "94-too-many-features": _too_many_features,
    "95-too-many-cells": _too_many_cells,
    "96-file-over-32-mib": _over_32_mib,
}

SPEC_SUFFIXES = (".toml", ".json")
COMMITTED = sorted(path.stem for suffix in SPEC_SUFFIXES for path in CORPUS.glob(f"*{suffix}"))
CASES = sorted([*COMMITTED, *GENERATED])


def named(name: str) -> str:
    """The case called ``name``, whatever its number."""
    (case,) = [case for case in CASES if case.split("-", 1)[1] == name]
    return case


# A handful of different failures for the one run of the real command in a new process.
SUBPROCESS_CASES = [
    named(name)
    for name in (
        "toml-missing-closing-quote",
        "toml-nested-too-deep",
        "encoding-bom",
        "encoding-utf16-le",
        "encoding-crlf-with-problem",
        "text-lone-surrogate-escape",
        "many-problems",
        "json-duplicate-key",
        "json-problems-by-line",
    )
]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated cases, written once per session."""
    folder = tmp_path_factory.mktemp("bad_inputs")
    for name, make in GENERATED.items():
        (folder / f"{name}.toml").write_bytes(make())
    return folder


def folder_of(case: str, request: pytest.FixtureRequest) -> Path:
    """The folder holding the case's spec file (generated ones are built on first use)."""
    if case in GENERATED:
        folder: Path = request.getfixturevalue("generated")
        return folder
    return CORPUS


def spec_file(case: str) -> str:
    """The case's spec file name: ``NN-name.json`` for a JSON case, else ``NN-name.toml``."""
    return f"{case}.json" if (CORPUS / f"{case}.json").exists() else f"{case}.toml"


def expected(case: str) -> str:
    """The case's expected stderr, byte for byte (no newline translation)."""
    return (CORPUS / f"{case}.expected").read_bytes().decode("utf-8")


def render(
    case: str,
    output: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    """Run ``comparekit render CASE.toml -o OUTPUT -f txt,md,xlsx,pdf`` in the case's folder."""
    monkeypatch.chdir(folder_of(case, request))
    code = main(["render", spec_file(case), "-o", str(output), "-f", FORMATS])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_cleanly(
    case: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 1, exactly the expected message on stderr, no traceback, no output folder."""
    output = tmp_path / "out"
    code, out, err = render(case, output, request, monkeypatch, capsys)
    if UPDATE:
        (CORPUS / f"{case}.expected").write_text(err, encoding="utf-8", newline="\n")
    assert code == 1
    assert out == ""
    assert err == expected(case)
    assert "Traceback" not in err
    assert not output.exists()


@pytest.mark.parametrize("case", CASES)
def test_bad_input_keeps_existing_reports(
    case: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Reports already in the output folder are left byte for byte, and nothing is added."""
    output = tmp_path / "out"
    output.mkdir()
    before = {f"{case}{suffix}": f"old report {suffix}\n".encode() for suffix in SUFFIXES}
    for name, data in before.items():
        (output / name).write_bytes(data)
    code, _, err = render(case, output, request, monkeypatch, capsys)
    assert code == 1
    assert err == expected(case)
    assert {path.name: path.read_bytes() for path in output.iterdir()} == before


def test_command_in_a_new_process(tmp_path: Path) -> None:
    """The real command, in its own process, fails on several bad specs at once without a
    traceback: every file's problems, in the order given, and no output."""
    output = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "comparekit.cli",
            "render",
            *(spec_file(case) for case in SUBPROCESS_CASES),
            "-o",
            str(output),
            "-f",
            FORMATS,
        ],
        cwd=CORPUS,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert stderr == "".join(expected(case) for case in SUBPROCESS_CASES)
    assert not output.exists()


def test_every_case_has_its_expectation() -> None:
    """Each spec has an .expected file and each .expected file a spec or a generator."""
    expectations = {path.stem for path in CORPUS.glob("*.expected")}
    assert expectations - set(CASES) == set(), "an .expected file without its case"
    assert set(CASES) - expectations == set(), "a case without its .expected file"
    assert set(COMMITTED) & set(GENERATED) == set(), "a generated case is also committed"
    others = {p.name for p in CORPUS.iterdir()} - {
        f"{c}{s}" for c in CASES for s in (*SPEC_SUFFIXES, ".expected")
    }
    assert others == {".gitattributes", "logos"}  # logos: the files the [theme] cases name


def test_case_names_and_count() -> None:
    """At least 40 cases, named NN-short-name (NNN- from 100) with unique numbers."""
    assert len(CASES) >= 40
    assert all(re.fullmatch(r"(\d\d|[1-9]\d\d)-[a-z0-9]+(-[a-z0-9]+)*", case) for case in CASES)
    numbers = [case.split("-", 1)[0] for case in CASES]
    assert len(numbers) == len(set(numbers))


def test_raw_bytes_are_kept() -> None:
    """Cases about bytes still hold those bytes (no editor or checkout has normalised them)."""
    assert (CORPUS / ".gitattributes").read_text(encoding="utf-8") == "* -text\n"

    def data(case: str) -> bytes:
        return (CORPUS / f"{named(case)}.toml").read_bytes()

    assert data("empty-file") == b""
    assert data("encoding-bom").startswith(b"\xef\xbb\xbf# ")
    assert data("encoding-utf16-le").startswith(b"\xff\xfe#\x00")
    assert data("encoding-utf16-be").startswith(b"\xfe\xff\x00#")
    assert data("encoding-utf16-le-no-bom").startswith(b"#\x00 \x00")
    assert data("encoding-utf32").startswith(b"\xff\xfe\x00\x00#\x00\x00\x00")
    assert b'"Tenc\xe9nt' in data("encoding-invalid-utf8")
    for case in ("encoding-crlf-with-problem", "encoding-crlf-toml-error"):
        assert data(case).count(b"\r\n") == data(case).count(b"\n") > 50
    assert b"\n" not in data("encoding-lone-cr")
    assert data("encoding-lone-cr").count(b"\r") > 50
    text = data("id-differs-by-unicode-form").decode()
    assert unicodedata.normalize("NFC", "café") in text
    assert unicodedata.normalize("NFD", "café") in text
    assert "\u202e" in data("text-bidi-override-raw").decode()
    assert "\uffff" in data("text-noncharacter-raw").decode()
    assert b"\x1b" in data("toml-control-character-raw")
    assert "w\u0435chat" in data("id-looks-the-same").decode()
    assert (CORPUS / f"{named('json-bom')}.json").read_bytes().startswith(b"\xef\xbb\xbf{")
