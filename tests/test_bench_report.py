"""The benchmark's report: ratios, time per cell, log-log slopes, tables, JSON and Markdown."""

from __future__ import annotations

import json

import pytest

from bench import report
from bench.generate import Size
from bench.measure import CaseResult, ContenderResult, Sample, Settings, SizeInfo

MACHINE = {
    "cpu": "test CPU",
    "cores": 2,
    "cores_usable": 2,
    "memory_bytes": None,
    "system": "test",
    "python": "CPython",
    "libraries": {},
    "comparekit_commit": "unknown",
    "comparekit_source": "0" * 12,
    "snapshot": False,
    "load_average": [0.0, 0.0, 0.0],
}


def _result(name: str, walls: list[float], memory: dict[str, int] | None = None) -> ContenderResult:
    return ContenderResult(name, [Sample(w, w) for w in walls], memory=memory)


@pytest.fixture
def results() -> report.Results:
    """txt linear for comparekit, quadratic for bare, xlsx with fixed costs; pdf skipped at 100x100."""
    sizes = (Size(10, 10), Size(100, 10), Size(100, 100))
    out = report.Results(
        "python -m bench", Settings(sizes=sizes, formats=("txt", "pdf")), MACHINE, "now"
    )
    for size in sizes:
        cells = size.cells
        out.sizes.append(SizeInfo(size, 1_000, [0.1], [cells * 2e-6], 0.01))
        out.cases.append(
            CaseResult(
                size,
                "txt",
                {
                    "comparekit": _result("comparekit", [cells * 1e-5, cells * 3e-5]),
                    "bare": _result("bare", [cells**2 * 1e-8, cells**2 * 1e-8]),
                    "pandas": _result("pandas", []),
                },
            )
        )
        skipped = "too big" if cells == 10_000 else None
        pdf = {"comparekit": _result("comparekit", [] if skipped else [1.0 + cells * 1e-4])}
        out.cases.append(CaseResult(size, "pdf", pdf, skipped=skipped))
    return out


def test_ratio_is_the_median_of_per_round_ratios() -> None:
    """comparekit's time over the other's, round by round, then the median; none without runs."""
    case = CaseResult(
        Size(1, 1),
        "txt",
        {
            "comparekit": _result("comparekit", [1.0, 3.0, 2.0]),
            "bare": _result("bare", [2.0, 1.0, 1.0]),
            "pandas": _result("pandas", []),
        },
    )
    assert case.ratio("bare") == 2.0
    assert case.ratio("pandas") is None


def test_slope() -> None:
    """Same time per cell is slope 1; ten times the time per cell over ten times the cells is 2."""
    assert report.slope((100, 10_000), (5.0, 5.0)) == pytest.approx(1.0)
    assert report.slope((100, 1_000), (1.0, 10.0)) == pytest.approx(2.0)
    assert report.slope((100, 1_000), (10.0, 1.0)) == pytest.approx(0.0)


def test_linearity_and_slopes(results: report.Results) -> None:
    """µs per cell for layout and each format and contender; slopes 1, 2 and under 1; gaps as None."""
    rows = report.linearity(results)
    assert [row["size"] for row in rows] == ["10x10", "100x10", "100x100"]
    assert rows[0]["layout"] == pytest.approx(2.0)
    assert rows[0]["txt comparekit"] == pytest.approx(20.0)
    assert rows[2]["pdf comparekit"] is None
    assert rows[0]["txt pandas"] is None
    first, second = report.slopes(results)
    assert first["sizes"] == "10x10 → 100x10"
    assert first["txt comparekit"] == pytest.approx(1.0)
    assert first["txt bare"] == pytest.approx(2.0)
    assert 0 < first["pdf comparekit"] < 1
    assert second["pdf comparekit"] is None
    assert second["txt pandas"] is None


def test_tables(results: report.Results) -> None:
    """The terminal tables name the bare library and show a skipped case as one row."""
    table = report.results_table(results.cases)
    assert "bare (tabulate)" in table
    assert "skipped: too big" in table
    last = report.slopes_table(results).splitlines()[-1].split()
    assert last[:6] == ["100x10", "→", "100x100", "1.00", "1.00", "2.00"]
    assert "txt bare µs/cell" in report.linearity_table(results)


def test_json_and_markdown(results: report.Results) -> None:
    """The JSON holds sizes by name, ratios, time per cell and slopes; the report shows both."""
    data = json.loads(report.to_json(results))
    assert data["settings"]["sizes"] == ["10x10", "100x10", "100x100"]
    assert data["cases"][0]["size"] == "10x10"
    assert data["cases"][0]["ratios"]["pandas"] is None
    assert data["slopes"][0]["txt bare"] == pytest.approx(2.0)
    assert data["linearity_us_per_cell"][0]["cells"] == 100
    text = report.markdown(results)
    assert text.index("## Time per cell (µs): linearity") < text.index("| 10x10 → 100x10")
    assert ".svg" not in text


def test_memory_target() -> None:
    """xlsx memory is compared per measure, each met or not."""
    ck = _result("comparekit", [1.0], {"rss_peak_delta": 2**20, "py_peak": 3 * 2**20})
    bare = _result("bare", [1.0], {"rss_peak_delta": 2 * 2**20, "py_peak": 2 * 2**20})
    settings = Settings(sizes=(Size(2, 2),), formats=("xlsx",))
    results = report.Results("python -m bench", settings, MACHINE, "now")
    results.cases.append(CaseResult(Size(2, 2), "xlsx", {"comparekit": ck, "bare": bare}))
    assert report.memory_target(results) == [
        "2x2: RSS Δ 1.0 vs 2.0 MiB: met; py peak 3.0 vs 2.0 MiB: NOT met"
    ]


def test_import_ratio_and_table() -> None:
    """Import ÷ render is the median of per-round ratios, in the tables and JSON with its target."""
    sizes = (Size(2, 2), Size(20, 20), Size(30, 30))
    settings = Settings(sizes=sizes, formats=("xlsx",))
    results = report.Results("python -m bench", settings, MACHINE, "now")
    results.sizes.append(
        SizeInfo(sizes[0], 10, [0.1], [0.1], 0.0, 5_000, [1.0, 6.0, 3.0], [1.0, 2.0, 1.0])
    )
    results.sizes.append(SizeInfo(sizes[1], 10, [0.1], [0.1], 0.0, 9_000, [1.0], [2.0]))
    results.sizes.append(SizeInfo(sizes[2], 10, [0.1], [0.1], 0.0))
    assert results.sizes[0].import_ratio() == 3.0
    assert results.sizes[2].import_ratio() is None
    rows = report.import_table(results).splitlines()[2:]
    assert [row.split() for row in rows] == [
        ["2x2", "5,000", "3.000", "(3)", "1.000", "(3)", "3.00×", "≤", "2×:", "NOT", "met"],
        ["20x20", "9,000", "1.000", "(1)", "2.000", "(1)", "0.50×", "≤", "2×:", "met"],
    ]
    data = json.loads(report.to_json(results))
    assert [raw["import_ratio"] for raw in data["sizes"]] == [3.0, 0.5, None]
    assert "| 20x20 " in report.markdown(results).split("## xlsx import against render")[1]
    empty = report.Results("python -m bench", settings, MACHINE, "now")
    assert report.import_table(empty) == ""
    assert "## xlsx import" not in report.markdown(empty)
