"""The benchmark's chart: median time against cells, log-log, as standalone SVG."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring

from bench import contenders, curve, report
from bench.generate import Size
from bench.measure import CaseResult, ContenderResult, Sample, Settings

NS = "{http://www.w3.org/2000/svg}"

MACHINE = {
    "cpu": "test CPU",
    "cores": 2,
    "cores_usable": 2,
    "memory_bytes": None,
    "system": "test",
    "python": "CPython 3.11.7",
    "libraries": {},
    "comparekit_commit": "unknown",
    "comparekit_source": "0" * 12,
    "snapshot": False,
    "load_average": [0.0, 0.0, 0.0],
}


def _case(
    size: str, fmt: str, medians: dict[str, float | None], skipped: str | None = None
) -> dict[str, Any]:
    """A case as ``latest.json`` holds it (only what the chart reads, and a little more)."""
    products, features = (int(n) for n in size.split("x"))
    return {
        "size": size,
        "format": fmt,
        "cells": products * features,
        "skipped": skipped,
        "contenders": {
            name: {"name": name, "median": median, "skipped": None, "samples": []}
            for name, median in medians.items()
        },
    }


def _data(*cases: dict[str, Any], names: tuple[str, ...] = contenders.NAMES) -> dict[str, Any]:
    return {
        "command": ".venv/bin/python -m bench",
        "started": "2026-11-21T11:04:42+00:00",
        "finished": "2026-11-21T11:24:56+00:00",
        "machine": MACHINE,
        "settings": {"names": list(names)},
        "cases": list(cases),
    }


@pytest.fixture
def run() -> dict[str, Any]:
    """Three formats over 10, 100, 1,000 and 10,000 cells; a few points missing."""
    cases = []
    for size, cells in (("1x10", 10), ("10x10", 100), ("10x100", 1_000), ("100x100", 10_000)):
        cases.append(
            _case(
                size,
                "txt",
                {"comparekit": cells * 1e-5, "bare": cells * 2e-5, "pandas": cells * 4e-5},
            )
        )
        cases.append(
            _case(size, "xlsx", {"comparekit": cells * 1e-4, "bare": cells * 3e-4, "pandas": None})
        )
        if cells < 10_000:
            cases.append(
                _case(
                    size, "pdf", {"comparekit": cells * 1e-3, "bare": cells * 1e-3, "pandas": 0.5}
                )
            )
    cases.append(_case("100x100", "pdf", dict.fromkeys(contenders.NAMES), skipped="too many cells"))
    cases[0]["contenders"]["bare"]["skipped"] = "stopped after 120 s"  # 10-cell txt, bare
    return _data(*cases)


def _root(data: dict[str, Any]) -> Element:
    root: Element = fromstring(curve.svg(data).encode("utf-8"))
    return root


def _panel(root: Element, fmt: str) -> Element:
    (panel,) = [g for g in root.iter(f"{NS}g") if g.get("data-format") == fmt]
    return panel


def _series(panel: Element) -> dict[str, list[tuple[float, float]]]:
    """Each contender's points in pixels, from its polyline."""
    out = {}
    for group in panel.iter(f"{NS}g"):
        if group.get("class") == "contender":
            (line,) = group.iter(f"{NS}polyline")
            pairs = (point.split(",") for point in (line.get("points") or "").split())
            out[group.get("data-contender") or ""] = [(float(x), float(y)) for x, y in pairs]
    return out


def test_well_formed_svg(run: dict[str, Any]) -> None:
    """An SVG document with a size and a matching viewBox, titled with the run's date."""
    root = _root(run)
    assert root.tag == f"{NS}svg"
    width, height = int(root.get("width") or 0), int(root.get("height") or 0)
    assert width > 600
    assert height > 300
    assert root.get("viewBox") == f"0 0 {width} {height}"
    texts = [t.text or "" for t in root.iter(f"{NS}text")]
    assert any("2026-11-21" in t for t in texts)
    assert any("cells (products × features)" in t for t in texts)
    assert "1,000" in texts
    assert "0.001 s" in texts
    assert "1 s" in texts


def test_a_panel_per_format_a_line_per_measured_contender(run: dict[str, Any]) -> None:
    """txt, xlsx and pdf side by side; a contender without any median has no line."""
    root = _root(run)
    panels = [g.get("data-format") for g in root.iter(f"{NS}g") if g.get("class") == "panel"]
    assert panels == ["txt", "xlsx", "pdf"]
    assert set(_series(_panel(root, "txt"))) == {"comparekit", "bare", "pandas"}
    assert set(_series(_panel(root, "xlsx"))) == {"comparekit", "bare"}
    for fmt in panels:
        assert fmt is not None
        polylines = list(_panel(root, fmt).iter(f"{NS}polyline"))
        assert len(polylines) == len(_series(_panel(root, fmt)))
    lefts = [
        min(x for line in _series(_panel(root, f)).values() for x, _ in line)
        for f in ("txt", "xlsx", "pdf")
    ]
    assert lefts == sorted(lefts)  # side by side, in order


def test_missing_points_are_left_out(run: dict[str, Any]) -> None:
    """A skipped contender, a skipped case and a None median give fewer points, and a note."""
    root = _root(run)
    txt = _series(_panel(root, "txt"))
    assert len(txt["comparekit"]) == 4
    assert len(txt["bare"]) == 3  # skipped at 10 cells
    pdf = _series(_panel(root, "pdf"))
    assert {name: len(line) for name, line in pdf.items()} == {
        "comparekit": 3,
        "bare": 3,
        "pandas": 3,
    }
    notes = [t.text or "" for t in _panel(root, "pdf").iter(f"{NS}text")]
    assert "not measured: 100x100 (all contenders)" in notes
    txt_notes = [t.text or "" for t in _panel(root, "txt").iter(f"{NS}text")]
    assert "not measured: 1x10 (bare)" in txt_notes
    assert curve.points(run, "txt", "bare")[0] == (100, 100 * 2e-5)
    assert curve.points(run, "xlsx", "pandas") == []


def test_x_is_logarithmic(run: dict[str, Any]) -> None:
    """Each decade of cells takes the same width, left to right."""
    xs = [x for x, _ in _series(_panel(_root(run), "txt"))["comparekit"]]
    steps = [b - a for a, b in itertools.pairwise(xs)]
    assert len(steps) == 3
    assert steps[0] > 20
    assert max(steps) - min(steps) <= 0.15


def test_y_is_logarithmic_and_slower_is_higher(run: dict[str, Any]) -> None:
    """Ten times the seconds is one step up, the same in every panel; slower draws higher."""
    txt = _series(_panel(_root(run), "txt"))
    ys = [y for _, y in txt["comparekit"]]
    steps = [a - b for a, b in itertools.pairwise(ys)]
    assert min(steps) > 20  # more cells, more time: higher (smaller y)
    assert max(steps) - min(steps) <= 0.15
    assert all(
        p < b < c
        for (_, p), (_, b), (_, c) in zip(
            txt["pandas"][1:], txt["bare"], txt["comparekit"][1:], strict=True
        )
    )
    xlsx = _series(_panel(_root(run), "xlsx"))
    assert xlsx["comparekit"][1][1] == pytest.approx(txt["comparekit"][2][1], abs=0.1)  # 1e-3 s


def test_guide_has_slope_one_through_comparekits_largest_point(run: dict[str, Any]) -> None:
    """The dashed guide climbs one y-decade per x-decade, through comparekit's last point."""
    panel = _panel(_root(run), "xlsx")
    (guide,) = [line for line in panel.iter(f"{NS}line") if line.get("class") == "guide"]
    x1, y1, x2, y2 = (float(guide.get(k) or "nan") for k in ("x1", "y1", "x2", "y2"))
    line = _series(panel)["comparekit"]
    decade_x = (line[-1][0] - line[0][0]) / 3
    decade_y = (line[0][1] - line[-1][1]) / 3  # comparekit is linear here too
    assert (y1 - y2) / (x2 - x1) == pytest.approx(decade_y / decade_x, rel=0.01)
    last_x, last_y = line[-1]
    assert y1 + (last_x - x1) * (y2 - y1) / (x2 - x1) == pytest.approx(last_y, abs=0.3)
    assert guide.get("stroke-dasharray")


def test_names_are_escaped() -> None:
    """A contender or command with markup characters is text, not markup."""
    data = _data(
        _case("2x5", "txt", {"comparekit": 0.01, "<&>": 0.02}),
        _case("20x5", "txt", {"comparekit": 0.1, "<&>": 0.2}),
        names=("comparekit", "<&>"),
    )
    data["command"] = 'bench --note "<b>&</b>"'
    text = curve.svg(data)
    assert "&lt;&amp;&gt;" in text
    assert "<b>" not in text
    root = _root(data)
    assert set(_series(_panel(root, "txt"))) == {"comparekit", "<&>"}
    assert any(t.text == "<&>" for t in root.iter(f"{NS}text"))  # in the legend
    assert any('"<b>&</b>"' in (t.text or "") for t in root.iter(f"{NS}text"))


def test_same_input_same_bytes(run: dict[str, Any]) -> None:
    """The chart depends on the data alone."""
    assert curve.svg(run) == curve.svg(copy.deepcopy(run))
    assert curve.svg(run) != curve.svg({**run, "started": "2027-01-01T00:00:00+00:00"})


def test_nothing_measured() -> None:
    """No cases still gives a well-formed chart, saying so."""
    root = _root({})
    assert root.tag == f"{NS}svg"
    assert "no measured cases" in [t.text for t in root.iter(f"{NS}text")]


def test_main_writes_the_file(
    run: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o`` names the SVG; without it the SVG goes beside the JSON; the path is printed."""
    source = tmp_path / "latest.json"
    source.write_text(json.dumps(run), encoding="utf-8")
    chosen = tmp_path / "out" / "chart.svg"
    chosen.parent.mkdir()
    assert curve.main([str(source), "-o", str(chosen)]) == 0
    assert chosen.read_text(encoding="utf-8") == curve.svg(run)
    assert curve.main([str(source)]) == 0
    assert (tmp_path / "latest-curve.svg").read_text(encoding="utf-8") == curve.svg(run)
    assert capsys.readouterr().out.split() == [str(chosen), str(tmp_path / "latest-curve.svg")]


def test_main_without_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is an error message and status 1, not a traceback."""
    assert curve.main([str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_harness_json_draws() -> None:
    """The harness's own JSON draws; the report links the chart beside it."""
    settings = Settings(sizes=(Size(4, 15),), formats=("txt",), memory=False)
    case = CaseResult(
        Size(4, 15),
        "txt",
        {
            "comparekit": ContenderResult("comparekit", [Sample(0.02, 0.02), Sample(0.04, 0.03)]),
            "bare": ContenderResult("bare", skipped="stopped after 120 s"),
        },
    )
    started = "2026-11-21T11:04:42+00:00"
    results = report.Results("python -m bench", settings, MACHINE, started, cases=[case])
    root = _root(json.loads(report.to_json(results)))
    assert _series(_panel(root, "txt")).keys() == {"comparekit"}
    link = "![Median time against cells, log-log](latest-curve.svg)"
    text = report.markdown(results)
    assert text.index("## Time per cell") < text.index(link) < text.index("## Per size")
