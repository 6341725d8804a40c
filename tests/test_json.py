"""Specs in JSON: the same comparison and the same problems as TOML, located by JSON line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from spec_texts import as_json
from strategies import comparisons

from comparekit import Comparison, FormatError, SpecError, dump, load, loads
from comparekit.cli import main
from comparekit.spec.json_reader import json_lines

CORPUS = Path(__file__).parent / "bad_inputs"

DIFFERENT_IN_JSON = {
    # JSON has no words for an empty file or a file of comments: `{}` is an object without keys.
    "19-empty-file": "an empty object misses format",
    "20-only-comments-and-whitespace": "an empty object misses format",
    # JSON has no NaN or Infinity: Python's json reads them, comparekit refuses them as JSON.
    "56-number-nan": "NaN is not JSON",
    "57-number-inf": "Infinity is not JSON",
    "58-number-minus-inf": "-Infinity is not JSON",
    # JSON has no dates: a "YYYY-MM-DD" string is the date itself, and the message says so.
    "61-date-as-string": "the quoted date is a date in JSON",
    "62-as-of-not-a-date": 'the message asks for a "YYYY-MM-DD" string',
    "63-comparison-as-of-string": 'the message asks for a "YYYY-MM-DD" string',
}


def problems(text: str, name: str) -> list[tuple[str, str]]:
    """The (key path, message) of every problem ``loads`` finds, or [] when it loads."""
    try:
        loads(text, name=name)
    except SpecError as error:
        return sorted((p.path, p.message) for p in error.problems)
    return []


def readable_cases() -> list[str]:
    """The TOML cases of the bad-input corpus that tomllib reads (no syntax or encoding fault)."""
    cases = []
    for path in sorted(CORPUS.glob("*.toml")):
        try:
            tomllib.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            continue
        cases.append(path.stem)
    return cases


@pytest.mark.parametrize("case", readable_cases())
def test_json_gets_the_problems_of_toml(case: str) -> None:
    """Each readable TOML case of the corpus, written as JSON, has the same problems at the
    same key paths with the same messages, but where JSON differs (listed, with why)."""
    text = (CORPUS / f"{case}.toml").read_text(encoding="utf-8")
    in_toml = problems(text, "a.toml")
    in_json = problems(json.dumps(as_json(tomllib.loads(text)), ensure_ascii=False), "a.json")
    assert in_toml, "a bad input that loads"
    if case in DIFFERENT_IN_JSON:
        assert in_json != in_toml
    else:
        assert in_json == in_toml


def test_sample_as_json_is_the_sample(sample: Comparison, sample_path: Path) -> None:
    """The sample's TOML tree as JSON text loads to the sample itself."""
    tree = tomllib.loads(sample_path.read_text(encoding="utf-8"))
    assert loads(json.dumps(as_json(tree), ensure_ascii=False, indent=2)) == sample


def test_dump_json_sample(sample: Comparison) -> None:
    """dump(format="json") is JSON whose dates are strings, and it loads back to the sample."""
    text = dump(sample, format="json")
    tree = json.loads(text)
    assert tree["format"] == 1
    assert tree["comparison"]["as_of"] == "2020-02-28"
    assert loads(text) == sample
    assert dump(loads(text), format="json") == text


@settings(max_examples=60, deadline=None)
@given(comparisons())
def test_dump_json_round_trip(comparison: Comparison) -> None:
    """For any valid comparison, loads(dump(c, format="json")) == c, and again gives the same text."""
    text = dump(comparison, format="json")
    again = loads(text)
    assert again == comparison
    assert dump(again, format="json") == text


def test_dump_refuses_an_unknown_format(sample: Comparison) -> None:
    """dump() writes TOML or JSON; another format is a FormatError naming both."""
    with pytest.raises(FormatError, match='"toml" or "json", got "yaml"'):
        dump(sample, format="yaml")


@pytest.mark.parametrize(
    ("text", "name", "first"),
    [
        ('{"format": 1, "comparison": {"title": 2}}', "spec.toml", "expected a string"),
        ('\n  {"format": 1, "comparison": {"title": 2}}', "<string>", "expected a string"),
        ("[1, 2]", "spec.json", "the top level must be an object {...}, got an array of 2"),
        ("format = 1\n", "spec.json", "invalid JSON: expected a value"),
        ("  \n", "spec.json", 'the file is empty: a spec needs {"format": 1'),
        ("[1, 2]", "spec.toml", "invalid TOML"),
    ],
)
def test_reader_chosen_by_content_then_suffix(text: str, name: str, first: str) -> None:
    """`{` first means JSON whatever the name; otherwise a .json name means JSON."""
    with pytest.raises(SpecError) as info:
        loads(text, name=name)
    assert info.value.problems[0].message.startswith(first)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"format": 1,\n"comparison": {\n"title": "T",\n"x": 1,,}}', 4, "invalid JSON: expected "),
        ('{"format": 1,\n "a": "\n"}', 2, "invalid JSON: a control character in a string"),
        ('{"format": 1}\n{}', 2, "invalid JSON: more text after the end"),
        ('{"format": 1,\n "n": 1e999}', 2, "too large: 1e999 is beyond the range of a number"),
        (
            '{"format": 1,\n "comparison": {"title": null}}',
            2,
            "expected a string or a table of translations, got null",
        ),
        ('{"format": 1,\n "n": ' + "9" * 5000 + "}", 2, "too large: an integer of 5,000 digits"),
        ('{"format": 1,\n "n": ' + "[" * 100_000 + "]" * 100_000 + "}", None, "invalid JSON: "),
    ],
)
def test_json_faults_by_line(text: str, line: int | None, message: str) -> None:
    """Syntax errors and what Python's json lets through are refused at their line."""
    with pytest.raises(SpecError) as info:
        loads(text, name="s.json")
    (problem,) = info.value.problems
    assert problem.line == line
    assert problem.message.startswith(message)


def test_dates_by_declared_type() -> None:
    """A date string is a date where the format declares one (as_of, a date feature's value
    and max), and stays text elsewhere (a text feature's value, a note)."""
    spec = {
        "format": 1,
        "comparison": {"title": "T", "as_of": "2020-02-28"},
        "features": [
            {"id": "d", "label": "D", "type": "date"},
            {"id": "t", "label": "T", "type": "text"},
        ],
        "products": [
            {
                "id": "a",
                "name": "A",
                "values": {
                    "d": {"value": "2015-01-01", "max": "2016-02-29", "note": "2017-01-01"},
                    "t": "2015-01-01",
                },
            }
        ],
    }
    comparison = loads(json.dumps(spec))
    assert comparison.as_of == dt.date(2020, 2, 28)
    assert comparison.value("a", "d").value == dt.date(2015, 1, 1)
    assert comparison.value("a", "d").max == dt.date(2016, 2, 29)
    assert comparison.value("a", "d").note is not None
    assert comparison.value("a", "d").note.text("en") == "2017-01-01"
    assert comparison.value("a", "t").value == "2015-01-01"


def test_json_lines_match_the_keys() -> None:
    """json_lines gives each key the line it is written on, and each array item its first line."""
    text = '{\n "products": [\n  {"id": "a",\n   "values": {"u": 1}},\n  {"id": "b"}\n ]\n}'
    lines, refused = json_lines(text)
    assert refused == []
    assert lines[("products",)] == 2
    assert lines[("products", 0)] == 3
    assert lines[("products", 0, "values", "u")] == 4
    assert lines[("products", 1, "id")] == 5


def test_cli_reads_json_everywhere(
    sample: Comparison, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check, show and render take a .json spec as they take TOML, with the same output."""
    toml_path = tmp_path / "toml" / "remote.toml"
    json_path = tmp_path / "remote.json"
    toml_path.parent.mkdir()
    toml_path.write_text(dump(sample), encoding="utf-8")
    json_path.write_text(dump(sample, format="json"), encoding="utf-8")
    assert main(["check", str(json_path)]) == 0
    assert capsys.readouterr().out.startswith(f"{json_path}: ok (4 products")
    assert main(["show", str(json_path), "--width", "80"]) == 0
    shown = capsys.readouterr().out
    assert main(["show", str(toml_path), "--width", "80"]) == 0
    assert capsys.readouterr().out == shown
    out = tmp_path / "out"
    assert main(["render", str(json_path), "-f", "md", "-o", str(out)]) == 0
    assert main(["render", str(toml_path), "-f", "md", "-o", str(toml_path.parent)]) == 0
    assert (out / "remote.md").read_bytes() == (toml_path.parent / "remote.md").read_bytes()


def test_cli_reads_json_from_stdin(sample: Comparison) -> None:
    """`comparekit check -` tells JSON from TOML by its content alone."""
    result = subprocess.run(
        [sys.executable, "-m", "comparekit.cli", "check", "-"],
        input=dump(sample, format="json").encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"<stdin>: ok (4 products")


def test_load_json_file(sample: Comparison, tmp_path: Path) -> None:
    """load() reads a .json file (and the same JSON under a .toml name, by its content)."""
    for name in ("spec.json", "spec.toml"):
        path = tmp_path / name
        path.write_text(dump(sample, format="json"), encoding="utf-8")
        assert load(path) == sample
