"""``show --tablefmt csv|tsv`` (``renderers/delimited.py``): the matrix alone, a line per row,
nothing wrapped, every cell read back exactly by a CSV reader or by unescaping TSV."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from delimited_read import read_table
from test_tablefmt import hostile

import comparekit
from comparekit import Comparison, Feature, Show, build_table
from comparekit.renderers.delimited import rows

COMMAND = [sys.executable, "-m", "comparekit.cli"]


def expected(comparison: Comparison, lang: str | None = None, transposed: bool = False) -> list:
    """The layout's matrix without its group rows: what a delimited table holds."""
    table = build_table(comparison, lang, transposed=transposed)
    return [[table.corner, *(c.display for c in table.columns)]] + [
        [row.heading.display, *(c.display for c in row.cells)] for row in table.rows
    ]


def matrix_features(comparison: Comparison) -> list[Feature]:
    """The features the matrix shows: all but those shown as highlights under each product."""
    return [f for f in comparison.features if f.show is not Show.HIGHLIGHTS]


@pytest.mark.parametrize("tablefmt", ["csv", "tsv"])
@pytest.mark.parametrize("transposed", [False, True])
def test_sample_is_its_matrix(sample: Comparison, tablefmt: str, transposed: bool) -> None:
    """The sample as csv or tsv reads back as the matrix: a heading row, a row per feature (per
    product transposed), every row as wide, marks and markers in the cells, in Chinese too."""
    for lang in ("en", "zh"):
        data = comparekit.render(sample, "txt", lang=lang, tablefmt=tablefmt, transposed=transposed)
        found = read_table(data, tablefmt)
        assert found == expected(sample, lang, transposed)
        assert found == rows(build_table(sample, lang, transposed=transposed))
        count = len(sample.products) if transposed else len(matrix_features(sample))
        assert len(found) == 1 + count
        assert {len(row) for row in found} == {len(found[0])}
    assert any("✦" in cell for row in found for cell in row)


@pytest.mark.parametrize("tablefmt", ["csv", "tsv"])
def test_nothing_is_wrapped_or_split(sample: Comparison, tablefmt: str) -> None:
    """The width changes nothing: no line breaks inside cells, no runs of products."""
    narrow = comparekit.render(sample, "txt", tablefmt=tablefmt, width=40)
    assert narrow == comparekit.render(sample, "txt", tablefmt=tablefmt, width=1000)
    assert narrow.count(b"\n") == 1 + len(matrix_features(sample))


@pytest.mark.parametrize("tablefmt", ["csv", "tsv"])
def test_hostile_text_is_exact(tablefmt: str) -> None:
    """Pipes, quotes, commas, tabs, line breaks, backslashes and leading = + - come back
    exactly as the layout wrote them: no formula prefix, no cell split or joined."""
    comparison = hostile()
    found = read_table(comparekit.render(comparison, "txt", tablefmt=tablefmt), tablefmt)
    assert found == expected(comparison)
    cells = {cell for row in found for cell in row}
    assert {"=1", "+1", "-1", "one\ntwo", "tab\there", "C:\\dir\\"} <= cells


def test_csv_quotes_only_what_needs_it() -> None:
    """CSV fields are quoted by the csv module's minimal rule; lines end in a line feed."""
    data = comparekit.render(hostile(), "txt", tablefmt="csv").decode()
    assert "\r" not in data
    assert re.search(r"(^|,)=1(,|$)", data, re.MULTILINE)  # bare: no quotes, no prefix
    assert re.search(r"(^|,)a\|b(,|$)", data, re.MULTILINE)
    assert '"one\ntwo"' in data


def test_tsv_lines_are_rows(sample_path: Path) -> None:
    """``show --tablefmt tsv | cut -f2`` is the first product's column, heading first."""
    result = subprocess.run(
        f"{' '.join(COMMAND)} show {sample_path} --tablefmt tsv | cut -f2",
        shell=True,
        capture_output=True,
        check=True,
    )
    sample = comparekit.load(sample_path)
    assert result.stdout.decode().splitlines() == [row[1] for row in expected(sample)]


def test_csv_pipes_into_python(sample_path: Path) -> None:
    """``show --tablefmt csv`` piped into Python's csv module gives the matrix."""
    show = subprocess.run(
        [*COMMAND, "show", str(sample_path), "--tablefmt", "csv", "--lang", "ko"],
        capture_output=True,
        check=True,
    )
    code = "import csv, sys, json; print(json.dumps(list(csv.reader(sys.stdin))))"
    reader = subprocess.run(
        [sys.executable, "-c", code],
        input=show.stdout,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert json.loads(reader.stdout) == expected(comparekit.load(sample_path), "ko")
