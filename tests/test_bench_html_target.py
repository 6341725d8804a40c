"""The benchmark's html target: the verdict, the table and a real (short) measurement."""

from __future__ import annotations

from bench import html_target
from bench.html_target import TARGET_MS, HtmlTarget


def _target(html_ms: list[float], md_ms: list[float]) -> HtmlTarget:
    return HtmlTarget(
        [ms / 1000 for ms in html_ms],
        [ms / 1000 for ms in md_ms],
        {"html": 0.1, "md": 0.05},
        40_000,
        20_000,
    )


def test_verdict_compares_medians() -> None:
    """The target holds when the median html time is at most 50 ms above the median md time."""
    assert TARGET_MS == 50
    met = _target([10, 60, 59], [10, 10, 10])
    assert round(met.difference_ms, 6) == 49
    assert met.met
    missed = _target([70, 70, 1], [10, 10, 10])
    assert round(missed.difference_ms, 6) == 60
    assert not missed.met


def test_table_says_the_verdict() -> None:
    """The table gives both medians, the difference, the ratio and the verdict."""
    text = html_target.table(_target([30, 30, 30], [10, 10, 10]))
    assert "| html | 40,000 | 30.0 |" in text
    assert "html − md: +20.0 ms (html ÷ md 3.00×), 3 rounds" in text
    assert text.endswith("target html ≤ md + 50 ms: met")
    assert html_target.table(_target([90], [10])).endswith("NOT MET")


def test_measure_renders_both_formats() -> None:
    """A real measurement of a few rounds times both formats on the sample."""
    result = html_target.measure(rounds=2)
    assert len(result.html) == len(result.md) == 2
    assert result.html_bytes > result.md_bytes > 0
    assert set(result.first) == {"html", "md"}
