"""Charts in the txt and md reports, drawn as text (comparekit/renderers/text_charts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from test_hostile import FORMULAS, MARKDOWN, MARKUP, RTL
from test_layout_charts import SCORED, capacity

import comparekit
from comparekit import Comparison, Feature, Product, Value
from comparekit.layout.charts import Bar, Chart, Key, Stack, Tick
from comparekit.renderers.text import display_width, wrap
from comparekit.renderers.text_charts import EIGHTHS, FULL, HIGH, SHADES, chart_lines, fence

GOLDEN = Path(__file__).parent / "golden"
HEADINGS = {"en": ("Charts", "Notes"), "ko": ("차트", "주석"), "zh": ("图表", "注释")}


def hand_chart() -> Chart:
    """Four bars on a scale of 0 to 400: plain, plain with a range, qualified, not stated."""
    return Chart(
        id="feature-cap",
        title="Capacity",
        axis="",
        description="",
        bars=(
            Bar("a", "A", 100.0, "100", "A"),
            Bar("b", "B", 200.0, "200 (up to 300)", "B", high=300.0),
            Bar("c", "C", 400.0, "about 400", "C", mark="about"),
            Bar("d", "D", None, "not stated", "D · not stated"),
        ),
        ticks=(Tick(0.0, "0"), Tick(200.0, "200"), Tick(400.0, "400")),
        keys=(
            Key("plain", "", "as stated"),
            Key("mark", "about", "about"),
            Key("high", "", "dotted: up to the stated maximum"),
        ),
    )


def eighths(line: str) -> int:
    """A plain bar's length in eighths of a column."""
    full = line.count(FULL)
    part = next((EIGHTHS.index(c) for c in line if c in EIGHTHS[1:]), 0)
    return 8 * full + part


def bar_columns(chart: Chart, width: int) -> int:
    """The columns of the scale, read from the ticks line: where the last tick's label sits."""
    lines = chart_lines(chart, width, wrap)
    axis = lines[1 + len(chart.bars)]
    start = axis.index("0")
    return axis.rindex(chart.ticks[-1].text) - start


def test_bar_lengths_are_proportional_to_the_values() -> None:
    """100 is half of 200 and a quarter of 400, to the nearest eighth of a column."""
    width = 80
    lines = chart_lines(hand_chart(), width, wrap)
    columns = bar_columns(hand_chart(), width)
    assert lines[0] == "Capacity"
    assert eighths(lines[1]) == round(100 / 400 * columns * 8)
    assert eighths(lines[1]) * 2 == eighths(lines[2].split(HIGH)[0])
    assert lines[3].count(SHADES[0]) == columns


def test_a_range_is_dotted_up_to_the_maximum() -> None:
    """B's bar is solid to 200, then dotted to 300, then its value text."""
    width = 80
    line = chart_lines(hand_chart(), width, wrap)[2]
    columns = bar_columns(hand_chart(), width)
    drawn = re.search(f"[{FULL}{EIGHTHS[1:]}]+{HIGH}+", line)
    assert drawn is not None
    assert display_width(drawn.group(0)) == round(300 / 400 * columns)
    assert line.endswith(f"{HIGH} 200 (up to 300)")


def test_a_gap_is_its_words_and_no_bar() -> None:
    """Not stated is never a zero: no block character, the words where the bar would be."""
    lines = chart_lines(hand_chart(), 80, wrap)
    assert lines[4] == "  D  not stated"
    assert lines[1].index(FULL) == lines[4].index("not stated")


def test_a_qualified_bar_is_shaded_as_the_legend_says() -> None:
    """The qualified bar is drawn in the shade the legend gives its qualifier, the range dotted."""
    lines = chart_lines(hand_chart(), 80, wrap)
    assert FULL not in lines[3]
    assert lines[-3:] == [
        f"  {FULL} as stated",
        f"  {SHADES[0]} about",
        f"  {HIGH} dotted: up to the stated maximum",
    ]


def test_a_stated_zero_is_a_sliver_not_a_gap() -> None:
    """A figure of 0 is stated: a thin mark, unlike a value not stated."""
    chart = attrs.evolve(hand_chart(), bars=(Bar("z", "Z", 0.0, "0", "Z"),))
    assert chart_lines(chart, 60, wrap)[1] == f"  Z  {EIGHTHS[1]} 0"


def test_stacked_totals_one_character_per_weight() -> None:
    """Each weight's part is as long as its contribution; the parts add up to the total."""
    chart = Chart(
        id="totals",
        title="Score",
        axis="score (0 to 1)",
        description="",
        bars=(
            Bar("a", "A", 0.6, "0.60", "1. A · 0.60"),
            Bar("b", "B", 0.3, "0.30", "2. B · 0.30"),
            Bar("c", "C", None, "not stated", "3. C · not stated"),
        ),
        ticks=tuple(Tick(t / 5, f"{t / 5:.1f}") for t in range(6)),
        keys=(Key("stack", "x", "Price"), Key("stack", "y", "Users")),
        stacks=(Stack("x", "Price", (0.4, 0.1, None)), Stack("y", "Users", (0.2, 0.2, None))),
    )
    width = 72
    lines = chart_lines(chart, width, wrap)
    columns = bar_columns(chart, width)
    price, users = FULL, SHADES[0]
    assert [line.count(price) for line in lines[1:4]] == [
        round(0.4 * columns),
        round(0.1 * columns),
        0,
    ]
    assert lines[1].count(users) == round(0.6 * columns) - round(0.4 * columns)
    assert lines[2].count(users) == round(0.3 * columns) - round(0.1 * columns)
    assert lines[1].startswith("  1. A · 0.60  ")
    assert lines[3] == "  3. C · not stated"
    assert "score (0 to 1)" in lines[5]
    assert lines[-2:] == [f"  {FULL} Price", f"  {SHADES[0]} Users"]


def test_the_totals_chart_comes_before_the_feature_charts_in_txt() -> None:
    """A scored comparison's txt report draws the totals, then the capacity chart."""
    text = comparekit.render(capacity(scoring=SCORED), "txt").decode()
    section = text[text.index("\nCharts\n") : text.index("\nNotes\n")]
    assert section.index("Weighted score by product") < section.index("Capacity (people)")
    assert "  1. B · 100.0  " in section
    assert f"  {FULL} Capacity\n  {SHADES[0]} Free\n" in section


def chart_section(text: str, lang: str) -> list[str]:
    """The lines of a txt report's charts section (from its heading to the notes' or the end)."""
    lines = text.splitlines()
    charts, notes = HEADINGS[lang]
    start = lines.index(charts)
    return lines[start : lines.index(notes) if notes in lines else len(lines)]


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
@pytest.mark.parametrize("width", [40, 61, 100, 160])
def test_charts_fit_the_width(sample: Comparison, lang: str, width: int) -> None:
    """No line of the sample's charts is wider than --width, in any language."""
    text = comparekit.render(sample, "txt", lang=lang, width=width).decode()
    section = chart_section(text, lang)
    assert len(section) >= 20
    assert max(map(display_width, section)) <= width


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_bars_line_up_by_display_width(sample: Comparison, lang: str) -> None:
    """Wide (CJK) names are padded by display width: in each chart (the charts are apart by a
    blank line), every bar or gap starts in one column."""
    text = comparekit.render(sample, "txt", lang=lang).decode()
    section = "\n".join(chart_section(text, lang))
    gap = {"en": "not stated", "ko": "언급 없음", "zh": "未提及"}[lang]
    charts = [chart.splitlines() for chart in section.split("\n\n")[1:]]
    assert len(charts) == 3  # the totals of the scores, and the sample's two charted features
    for chart in charts:
        starts = set()
        for line in chart:
            found = re.search(f"[{FULL}{SHADES}]|{gap}", line)
            if found and not line.startswith(f"  {found.group(0)} "):  # not a legend line
                starts.add(display_width(line[: found.start()]))
        assert len(starts) == 1


def named(*names: str) -> Comparison:
    """A comparison whose products have ``names`` and a charted figure each."""
    feature = Feature(id="n", label="N", type="number", chart=True)
    return Comparison(
        title="T",
        features=[feature],
        products=[
            Product(id=f"p{i}", name=name, values={"n": Value(i + 1)})
            for i, name in enumerate(names)
        ],
    )


def code_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Each fenced code block of ``text``: its fence and lines (CommonMark: a backtick fence
    is closed only by a line of at least as many backticks and nothing else)."""
    blocks = []
    lines = iter(text.splitlines())
    for line in lines:
        if re.fullmatch("`{3,}", line):
            body = []
            for inner in lines:
                closing = re.fullmatch("`+", inner.strip())
                if closing and len(inner.strip()) >= len(line):
                    break
                body.append(inner)
            blocks.append((line, body))
    return blocks


def test_a_name_with_backticks_cannot_close_the_fence() -> None:
    """Names of three and four backticks stay inside a fence of five; the heading is escaped."""
    text = comparekit.render(named("```", "````", "x```y"), "md").decode()
    ((mark, body),) = code_blocks(text)
    assert mark == "`````"
    assert [line.split()[0] for line in body[:3]] == ["```", "````", "x```y"]
    assert "### N\n" in text
    assert fence(["``` ` ``"]) == "````"


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_hostile_names_are_drawn_literally(fmt: str) -> None:
    """Formulas, markup, Markdown and right-to-left names come out as typed next to their bars;
    a name of two lines is wrapped over two lines of the chart."""
    strings = [s for s in (*FORMULAS, *MARKUP, *MARKDOWN, *RTL) if "\n" not in s]
    names = [s.replace("\t", " ") for s in strings]
    text = comparekit.render(named(*strings, "line one\nline two"), fmt, width=1000).decode()
    if fmt == "md":
        ((_, lines),) = code_blocks(text)
    else:
        lines = chart_section(text, "en")
    drawn = [line for line in lines if re.search(f"[{FULL}{EIGHTHS[1:]}]", line)]
    assert [line[2:].split("  ")[0].rstrip() for line in drawn] == [*names, "line one"]
    assert any(line.strip() == "line two" for line in lines)


def without_charts(comparison: Comparison) -> Comparison:
    """``comparison`` with every ``chart = true`` turned off."""
    features = [attrs.evolve(f, chart=False) for f in comparison.features]
    return attrs.evolve(comparison, features=features)


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_report_without_charts_is_unchanged(sample: Comparison, fmt: str, lang: str) -> None:
    """Without charts, txt and md are byte for byte the report with charts less its charts
    section: the charts add that section and change nothing else. (The sample without its
    scoring, whose totals are a chart too, and without its findings.)"""
    sample = attrs.evolve(sample, scoring=None, findings=())
    golden = comparekit.render(sample, fmt, lang=lang).decode()
    charts, notes = HEADINGS[lang]
    if fmt == "md":
        charts, notes = f"## {charts}", f"## {notes}"
    before, rest = golden.split(f"\n{charts}\n", 1)
    expected = before + "\n" + rest[rest.index(f"\n{notes}\n") + 1 :]
    assert charts not in expected
    assert comparekit.render(without_charts(sample), fmt, lang=lang).decode() == expected
