"""The table shortcut gives tabulate's own text, and the quick wrap gives the word-by-word wrap.

Both exist for speed (docs/performance.md); these tests are what lets them exist: any
table or paragraph where they would differ from the reference is a failure.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from comparekit.renderers import grid
from comparekit.renderers.text import _simple, _wrap_tokens, wrap

# Letters, digits, spaces, CJK, Hangul, full-width and combining characters, "True" (which
# tabulate types as a boolean), and characters tabulate measures its own way.
PIECES = st.sampled_from(
    [
        "a",
        "Zoom",
        "80,453",
        " ",
        "  ",
        "\n",
        "钉钉",
        "飞书",
        "화웨이",
        "ＡＢ",
        "e\u0301",
        "True",
        "-",
        "|",
        "\u3000",
        "😀",
    ]
)
ODD = st.sampled_from(["\t", "\r", "\x1b[31m", "\x85", "\u2028", "\x7f", "\u200b", "\x00"])
cells = st.lists(PIECES, max_size=6).map("".join)
odd_cells = st.lists(PIECES | ODD, max_size=6).map("".join)


def tables(cell: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[list[str], list[list[str]]]]:
    return st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(cell, min_size=n, max_size=n),
            st.lists(st.lists(cell, min_size=n, max_size=n), min_size=1, max_size=5),
        )
    )


@settings(max_examples=300)
@given(table=tables(cells), tablefmt=st.sampled_from(sorted(grid.FORMATS)))
@example(table=(["h"], [[""]]), tablefmt="grid")
@example(table=(["h\nx"], [[""], ["a"]]), tablefmt="grid")
@example(table=(["钉钉"], [["  a \n b  "]]), tablefmt="psql")
def test_draw_is_tabulate_text(table: tuple[list[str], list[list[str]]], tablefmt: str) -> None:
    headers, rows = table
    assert grid.draw(headers, rows, tablefmt) == grid.public_draw(headers, rows, tablefmt)


@settings(max_examples=200)
@given(table=tables(odd_cells), tablefmt=st.sampled_from(sorted(grid.FORMATS)))
def test_draw_with_characters_tabulate_measures_its_own_way(
    table: tuple[list[str], list[list[str]]], tablefmt: str
) -> None:
    """Tabs, escapes, other line breaks and control characters go through tabulate itself."""
    headers, rows = table
    assert grid.draw(headers, rows, tablefmt) == grid.public_draw(headers, rows, tablefmt)


@pytest.mark.parametrize("tablefmt", ["html", "latex", "rst", "pretty", "mediawiki", "tsv"])
def test_other_formats_go_through_tabulate(tablefmt: str) -> None:
    rows = [["a <b> & c", "钉钉\n飞书"], ["", "True"]]
    assert grid.draw(["x", "y"], rows, tablefmt) == grid.public_draw(["x", "y"], rows, tablefmt)


def test_the_shortcut_is_taken_on_this_tabulate(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests above compare something: on the tabulate installed, the shortcut runs."""
    assert grid._FORMAT_TABLE is not None
    monkeypatch.setattr(grid, "public_draw", lambda *args: pytest.fail("took the long way"))
    grid.draw(["Feature", "钉钉"], [["Users", "about 200\nmillion"]], "grid")


def test_without_the_drawing_function_the_text_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tabulate without the function the shortcut uses still gets its tables drawn."""
    rows = [["Users", "about 200\nmillion"], ["Free", ""]]
    expected = grid.public_draw(["Feature", "钉钉"], rows, "grid")
    monkeypatch.setattr(grid, "_FORMAT_TABLE", None)
    assert grid.draw(["Feature", "钉钉"], rows, "grid") == expected


def test_the_drawing_function_is_recognised_by_its_signature() -> None:
    def look_alike(fmt: object, headers: object, rows: object) -> str:
        return ""

    import tabulate

    original = tabulate._format_table  # type: ignore[attr-defined]
    try:
        tabulate._format_table = look_alike  # type: ignore[attr-defined]
        assert grid._drawing_function() is None
    finally:
        tabulate._format_table = original  # type: ignore[attr-defined]
    assert grid._drawing_function() is original


ascii_paragraphs = st.lists(
    st.sampled_from(["a", "bb", "word", "80,453", "(up", "to", "[12]", " ", "  ", "-"]),
    max_size=12,
).map("".join)


@settings(max_examples=500)
@given(paragraph=ascii_paragraphs, width=st.integers(1, 20))
@example(paragraph="", width=5)
@example(paragraph="a   b", width=5)
@example(paragraph="ab  cd", width=3)
def test_quick_wrap_is_the_word_by_word_wrap(paragraph: str, width: int) -> None:
    """Where :func:`_simple` lets the regular expression wrap, it gives the same lines."""
    if _simple(paragraph, width):
        assert wrap(paragraph, width) == _wrap_tokens(paragraph, width)


def test_the_quick_wrap_is_taken_for_plain_words() -> None:
    assert _simple("about 200 million", 10)
    assert not _simple("  indented", 10)
    assert not _simple("unbreakable-word", 5)
    assert not _simple("钉钉", 10)


def test_narrow_characters_are_one_column_each() -> None:
    """Every character the quick wrap counts as one column is one column for wcwidth."""
    from wcwidth import wcwidth

    from comparekit.renderers.widths import NARROW

    narrow = [chr(c) for c in range(0x10000) if NARROW.fullmatch(chr(c))]
    assert len(narrow) > 500
    assert all(wcwidth(char) == 1 for char in narrow)
    assert not any(char.isspace() and char != " " for char in narrow)


narrow_paragraphs = st.lists(
    st.sampled_from(["a", "·", "−12", "×", "é", "≥", "…", "“q”", " ", "  ", "-", "→"]),
    max_size=12,
).map("".join)


@settings(max_examples=300)
@given(paragraph=narrow_paragraphs, width=st.integers(1, 12))
def test_quick_wrap_of_narrow_text_is_the_word_by_word_wrap(paragraph: str, width: int) -> None:
    if _simple(paragraph, width):
        assert wrap(paragraph, width) == _wrap_tokens(paragraph, width)
