"""The html report in a real browser (headless Chromium, see tests/browser.py): the DOM's
matrix after the page's script ran is the layout's grid, the console stays silent, the page
asks for nothing, hostile text stays text, and the script sorts, filters and collapses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from browser import CHROMIUM, Browser, Visit
from test_hostile import HOSTILE, hostile_comparison

import comparekit
from comparekit import Comparison, build_table

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (the Makefile installs it: apt-get install chromium)",
)

DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with Browser() as running:
        yield running


def open_page(
    browser: Browser,
    folder: Path,
    comparison: Comparison,
    lang: str = "en",
    *,
    size: tuple[int, int] = DESKTOP,
    transposed: bool = False,
    **settings: object,
) -> Visit:
    """Write the html report of ``comparison`` into ``folder`` and open it in ``browser``."""
    path = folder / f"report.{lang}.html"
    comparekit.write(comparison, path, lang=lang, transposed=transposed)
    width, height = size
    return browser.visit(path, width=width, height=height, **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_dom_matrix_is_the_grid(
    browser: Browser, sample: Comparison, tmp_path: Path, lang: str, size: tuple[int, int]
) -> None:
    """Every cell's text in the DOM, after the script ran, is the layout's grid; the console
    is silent and the page made no request."""
    seen = open_page(browser, tmp_path, sample, lang, size=size)
    assert seen.cells == build_table(sample, lang).grid()
    assert seen.console == []
    assert seen.requests == []


def test_transposed_dom_matrix_is_the_grid(
    browser: Browser, sample: Comparison, tmp_path: Path
) -> None:
    """With products in rows, the DOM's matrix is the transposed grid."""
    seen = open_page(browser, tmp_path, sample, "ko", transposed=True)
    assert seen.cells == build_table(sample, "ko", transposed=True).grid()
    assert seen.console == []


def test_page_is_complete_without_its_script(
    browser: Browser, sample: Comparison, tmp_path: Path
) -> None:
    """With scripts off the matrix is all there, every row shown."""
    hidden = "document.querySelectorAll('tr[hidden], .ck-off, fieldset').length"
    seen = open_page(browser, tmp_path, sample, "zh", scripts=False, script=hidden)
    assert seen.cells == build_table(sample, "zh").grid()
    assert seen.result == 0


def test_hostile_strings_stay_text(browser: Browser, tmp_path: Path) -> None:
    """The hostile comparison's text is the DOM's text: no element, script, style or request
    comes from it, and the console is silent."""
    comparison = hostile_comparison()
    count = (
        "JSON.stringify(['script', 'style', 'img', 'iframe', 'link', 'a', 'b']"
        ".map((tag) => document.getElementsByTagName(tag).length))"
    )
    seen = open_page(browser, tmp_path, comparison, script=count)
    grid = build_table(comparison, "en").grid()
    assert seen.cells == grid
    assert {text for row in grid for text in row} >= set(HOSTILE) - {"line one\nline two"}
    assert json.loads(seen.result) == [1, 1, 0, 0, 0, 0, 0]
    assert seen.console == []
    assert seen.requests == []


def test_the_checks_can_fail(browser: Browser, tmp_path: Path) -> None:
    """A page that loads an image and logs an error is caught by both checks; under the
    report's policy the same image is refused, the attempt still counted as a request (so
    an empty list means the page never tried) and the refusal is on the console."""
    path = tmp_path / "loud.html"
    path.write_text(
        '<!DOCTYPE html><img src="http://example.invalid/x.png">'
        "<script>console.error('boom')</script>",
        encoding="utf-8",
    )
    loud = browser.visit(path)
    assert loud.requests == ["http://example.invalid/x.png"]
    assert "console.error: boom" in loud.console
    path.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<img src="http://example.invalid/x.png">',
        encoding="utf-8",
    )
    blocked = browser.visit(path)
    assert blocked.requests == ["http://example.invalid/x.png"]
    assert any("Content Security Policy" in line for line in blocked.console), blocked.console


SORT = """(() => {
  const labels = () => Array.from(document.querySelector("table.matrix").tBodies[0].rows)
    .filter((row) => !row.classList.contains("group"))
    .map((row) => row.cells[0].textContent);
  const corner = document.querySelector("th.corner");
  const before = labels();
  corner.click();
  const up = labels();
  corner.click();
  const down = labels();
  corner.click();
  return JSON.stringify({before, up, down, again: labels(), sort: corner.getAttribute("aria-sort")});
})()"""


def test_script_sorts_by_a_column(browser: Browser, sample: Comparison, tmp_path: Path) -> None:
    """Clicking a heading sorts each group's rows up, then down, then back as written; the
    cells still hold the grid's texts."""
    seen = open_page(browser, tmp_path, sample, script=SORT)
    order = json.loads(seen.result)
    assert sorted(order["up"]) == sorted(order["before"])
    assert order["up"] == sorted(order["before"], key=str.casefold)
    assert order["down"] == order["up"][::-1]
    assert order["again"] == order["before"]
    assert order["sort"] == "none"
    assert seen.console == []


COLLAPSE_AND_FILTER = """(() => {
  const table = document.querySelector("table.matrix");
  const group = table.querySelector("tr.group th");
  group.click();
  const hidden = Array.from(table.tBodies[0].rows).filter((row) => row.hidden).length;
  const expanded = group.getAttribute("aria-expanded");
  const box = document.querySelector("fieldset.ck-filter");
  const names = Array.from(box.querySelectorAll("label")).map((label) => label.textContent.trim());
  box.querySelector("input").click();
  const cell = table.tBodies[0].rows[1].cells[1];
  const shown = Array.from(table.tHead.rows[0].cells)
    .filter((th) => getComputedStyle(th).display !== "none").length;
  return JSON.stringify({hidden, expanded, names, shown, legend: box.querySelector("legend").textContent});
})()"""


def test_script_collapses_groups_and_filters_products(
    browser: Browser, sample: Comparison, tmp_path: Path
) -> None:
    """A group heading hides its rows; a product's switch hides its column."""
    table = build_table(sample, "ko")
    seen = open_page(browser, tmp_path, sample, "ko", script=COLLAPSE_AND_FILTER)
    state = json.loads(seen.result)
    assert state["hidden"] == len(table.sections[0].rows)
    assert state["expanded"] == "false"
    assert state["names"] == [column.text for column in table.columns]
    assert state["legend"] == table.words.product
    assert state["shown"] == len(table.columns)  # the corner and three of four products
    assert seen.console == []


STICKY = """(() => {
  const box = document.querySelector(".chunk");
  const corner = document.querySelector("th.corner").getBoundingClientRect();
  const feature = document.querySelector("th.feature").getBoundingClientRect();
  box.scrollTop = 300;
  box.scrollLeft = 200;
  const corner2 = document.querySelector("th.corner").getBoundingClientRect();
  const column = document.querySelector("th.column").getBoundingClientRect();
  const feature2 = document.querySelector("th.feature").getBoundingClientRect();
  return JSON.stringify({
    scrolls: [box.scrollTop, box.scrollLeft],
    corner: [corner.left, corner.top, corner2.left, corner2.top],
    headerTop: [corner.top, column.top],
    featureLeft: [feature.left, feature2.left],
    pageWidth: document.documentElement.scrollWidth,
  });
})()"""


def test_phone_scrolls_the_matrix_with_header_and_first_column_in_view(
    browser: Browser, sample: Comparison, tmp_path: Path
) -> None:
    """At 390 px the matrix scrolls in its box, its header row and first column staying in
    view, and the page itself is no wider than the screen. Every feature of the sample in the
    matrix (none as highlights), so that the box is taller than the screen."""
    tall = attrs.evolve(sample, features=[attrs.evolve(f, show=None) for f in sample.features])
    seen = open_page(browser, tmp_path, tall, "en", size=PHONE, script=STICKY)
    state = json.loads(seen.result)
    assert state["scrolls"] == [300, 200]
    left, top, left_after, top_after = state["corner"]
    assert (left_after, top_after) == (left, top)
    assert state["headerTop"][0] == state["headerTop"][1]
    assert state["featureLeft"][0] == state["featureLeft"][1]
    assert state["pageWidth"] <= PHONE[0]
