"""Every table format ``show --tablefmt`` offers keeps hostile cell text in its cell, as written.

Issue 14, class 9: a ``|`` in a cell added a column in github, pipe, jira, mediawiki and
textile, and ``unsafehtml`` and ``latex_raw`` printed ``<script>`` and raw LaTeX. Now only
the formats of :data:`~comparekit.renderers.TABLE_FORMATS` are offered. Each test here puts
text that is markup in some format (pipes, HTML, LaTeX and wiki specials, line breaks, tabs,
leading signs) into feature labels, product names and values, reads the table back the way
its format is read, and checks that every row has its columns and every cell its text.
Ids hold the same text, though no table shows an id.
"""

from __future__ import annotations

import html
import html.parser
import re

import pytest
from delimited_read import read_field
from grids import shown_grid
from hypothesis import given
from hypothesis import strategies as st
from test_hostile import md_tokens, md_unescape

import comparekit
from comparekit import Comparison, Feature, FormatError, Product, build_table
from comparekit.cli import main
from comparekit.renderers import TABLE_FORMATS, RenderOptions
from comparekit.renderers.text import escape_cell

HOSTILE = (
    "a|b",
    "||",
    "!x !! y",
    "<script>alert(1)</script>",
    "& &amp; &#124;",
    "C:\\dir\\",
    "{x} {{t}}",
    "$5 50% a_b #1 x^2 ~~~~",
    "one\ntwo",
    "tab\there",
    "[[link]] [2pt]",
    "''bold'' '''x'''",
    "-1",
    "+1",
    "=1",
    "|-",
    "|}",
    "\\\\ \\hline",
)
"""Text that is markup in at least one offered format; every character printable ASCII."""

TEXT_FORMATS = [name for name, language in TABLE_FORMATS.items() if language == "text"]


def hostile(strings: tuple[str, ...] = HOSTILE) -> Comparison:
    """One text feature labelled with each string; three products named and valued with them.
    Ids hold the strings too (with a number, to keep them apart), though a table shows none."""
    n = len(strings)
    ids = [f"{text.strip()} {i}" for i, text in enumerate(HOSTILE)]
    return Comparison(
        title="T",
        features=[Feature(id=ids[i], label=strings[i], type="text") for i in range(n)],
        products=[
            Product(
                id=ids[-j - 1],
                name=strings[(j * 5) % n],
                vendor=strings[(j * 5 + 3) % n],
                values={ids[i]: strings[(i + j) % n] for i in range(n)},
            )
            for j in range(3)
        ],
    )


def shadow(text: str) -> str:
    """``text`` with every character but white space an ``x`` and a tab a space (as a plain
    table shows it): the same shape, no markup."""
    return re.sub(r"\S", "x", text).replace("\t", " ")


def txt(comparison: Comparison, tablefmt: str) -> str:
    """The txt report in ``tablefmt``, wide enough that no cell of these tests is wrapped."""
    return comparekit.render(comparison, "txt", tablefmt=tablefmt, width=1000).decode("utf-8")


def expected_grid(comparison: Comparison, newline: str = "\n") -> list[list[str]]:
    """The layout's grid as a table format shows it: a tab as a space, edges trimmed."""
    grid = shown_grid(build_table(comparison, None), "== {} ==")
    return [
        [cell.replace("\t", " ").replace("\n", newline).strip() for cell in row] for row in grid
    ]


def test_offered_formats_are_declared_once() -> None:
    """The options, the text renderer and the CLI's help all take the one list of formats."""
    assert RenderOptions(tablefmt="mediawiki").tablefmt == "mediawiki"
    assert {"unsafehtml", "latex_raw", "jira", "textile", "moinmoin"}.isdisjoint(TABLE_FORMATS)
    assert set(TABLE_FORMATS.values()) == {
        "text",
        "markdown",
        "html",
        "latex",
        "mediawiki",
        "delimited",
    }
    assert all(escape_cell("a", name) == "a" for name in TABLE_FORMATS)


@pytest.mark.parametrize("name", ["unsafehtml", "latex_raw", "jira", "textile", "rst", "orgtbl"])
def test_raw_formats_are_refused(name: str) -> None:
    """A tabulate format comparekit cannot escape for is refused, naming the allowed ones."""
    with pytest.raises(FormatError, match=f"table format '{name}' for tablefmt is refused") as info:
        comparekit.render(hostile(), "txt", tablefmt=name)
    assert "choose one of grid, simple, " in str(info.value)
    assert "mediawiki" in str(info.value)


def test_cli_refuses_a_raw_format_and_lists_the_offered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """show --tablefmt unsafehtml exits 2 with the reason; --help lists every offered format."""
    assert main(["show", "specs/china-remote-work-2020.toml", "--tablefmt", "unsafehtml"]) == 2
    err = capsys.readouterr().err
    assert "is refused: comparekit does not escape cell text for it" in err
    assert "github, pipe, html, latex" in err
    assert main(["show", "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert ", ".join(TABLE_FORMATS) in shown


@pytest.mark.parametrize("tablefmt", TEXT_FORMATS)
def test_text_formats_keep_hostile_text_in_its_cell(tablefmt: str) -> None:
    """A plain-text table of hostile text is the table of its shadow (same shapes, ``x`` for
    each character), with the text only where the shadow has its ``x``: no column or row
    is added or moved, and the text is shown as written."""
    drawn = txt(hostile(), tablefmt).splitlines()
    shadows = txt(hostile(tuple(map(shadow, HOSTILE))), tablefmt).splitlines()
    assert len(drawn) == len(shadows)
    moved = [
        (line, original)
        for line, original in zip(drawn, shadows, strict=True)
        if len(line) != len(original)
        or any(a != b and b != "x" for a, b in zip(line, original, strict=True))
    ]
    assert moved == []
    for text in HOSTILE:
        assert all(part.replace("\t", " ") in "\n".join(drawn) for part in text.split("\n"))


@pytest.mark.parametrize("tablefmt", ["github", "pipe"])
def test_markdown_formats_split_into_their_cells(tablefmt: str) -> None:
    """Each Markdown table line splits at unescaped pipes into its columns, and each cell
    unescapes to the layout's text; a line break is ``<br>``."""
    comparison = hostile()
    lines = [line for line in txt(comparison, tablefmt).splitlines() if line.startswith("|")]
    del lines[1]  # the line under the headings
    expected = expected_grid(comparison)
    assert {len(md_tokens(line)) for line in lines} == {len(expected[0]) + 2}
    assert [[md_unescape(cell) for cell in md_tokens(line)[1:-1]] for line in lines] == expected


class _Cells(html.parser.HTMLParser):
    """The text of each ``th`` and ``td``, row by row; ``<br>`` a newline; other tags kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_html_cells_parse_to_the_layout_text() -> None:
    """The html table parses to the layout's grid, cell by cell; the only tags are the table's."""
    comparison = hostile()
    text = txt(comparison, "html")
    parser = _Cells()
    parser.feed(text[text.index("<table>") : text.index("</table>") + len("</table>")])
    assert parser.rows == expected_grid(comparison)
    assert set(parser.tags) == {"table", "thead", "tbody", "tr", "th", "td", "br"}


_LATEX_ESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textless{}": "<",
    r"\textgreater{}": ">",
    r"\textbar{}": "|",
    "{[}": "[",
    "{]}": "]",
    **{f"\\{char}": char for char in "&%$#_{}"},
}
_LATEX_TOKEN = re.compile("|".join(map(re.escape, sorted(_LATEX_ESCAPES, key=len, reverse=True))))
_LATEX_SPECIAL = re.compile(r"[\\&%$#_{}~^<>|\[\]]")


def latex_cells(line: str) -> list[str]:
    """A LaTeX table row as its cells' sources: split at ``&`` that is not escaped."""
    assert line.endswith("\\\\"), line
    return re.split(r"(?<!\\)&", line.removesuffix("\\\\"))


def latex_unescape(cell: str) -> str:
    """What a cell prints; it must hold no special character outside an escape."""
    assert not _LATEX_SPECIAL.search(_LATEX_TOKEN.sub("", cell)), cell
    return _LATEX_TOKEN.sub(lambda match: _LATEX_ESCAPES[match.group(0)], cell).strip()


@pytest.mark.parametrize("tablefmt", ["latex", "latex_booktabs", "latex_longtable"])
def test_latex_rows_split_into_their_cells(tablefmt: str) -> None:
    """Each LaTeX row has its columns and no unescaped special character, and each cell
    prints the layout's text (a line break inside a cell is a space)."""
    comparison = hostile()
    rows = [line for line in txt(comparison, tablefmt).splitlines() if line.startswith(" ")]
    shown = [[latex_unescape(cell) for cell in latex_cells(line)] for line in rows]
    assert shown == expected_grid(comparison, newline=" ")


def test_latex_formats_draw_as_tabulate_does_for_ordinary_text() -> None:
    """Without special characters, comparekit's LaTeX is tabulate's own, rule for rule."""
    import tabulate

    from comparekit.renderers.grid import public_draw
    from comparekit.renderers.text import _raw_format

    rows = [["Users", "about 200 million"], ["Free", "Yes"]]
    for name in ("latex", "latex_booktabs", "latex_longtable"):
        assert public_draw(["Feature", "A"], rows, _raw_format(name)) == tabulate.tabulate(
            rows, ["Feature", "A"], tablefmt=name, disable_numparse=True, stralign="left"
        )


def test_mediawiki_rows_split_into_their_cells() -> None:
    """Each MediaWiki row splits at ``||`` (``!!`` for headings) into its columns, its cells
    hold no wiki markup character, and each unescapes to the layout's text."""
    comparison = hostile()
    text = txt(comparison, "mediawiki")
    lines = [line for line in text.splitlines() if line.startswith(("| ", "! "))]
    shown = []
    for line in lines:
        cells = re.split(r"\|\||!!", line[1:])
        bare = [re.sub(r"&(#\d+|amp|lt|gt);|<br />", "", cell) for cell in cells]
        assert not [cell for cell in bare if re.search(r"[|!\[\]{}'<>~=\-+*#:;_&]", cell)]
        shown.append([html.unescape(cell.replace("<br />", "\n")).strip() for cell in cells])
    assert shown == expected_grid(comparison)


_UNESCAPE = {
    "markdown": md_unescape,
    "html": lambda cell: html.unescape(cell.replace("<br>", "\n")),
    "latex": latex_unescape,
    "mediawiki": lambda cell: html.unescape(cell.replace("<br />", "\n")),
}


@given(
    text=st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("\n\t")),
    tablefmt=st.sampled_from(sorted(TABLE_FORMATS)),
)
def test_every_offered_format_escapes_what_it_must(text: str, tablefmt: str) -> None:
    """For any printable text, each offered format's cell reads back as the text (a tab as a
    space; in LaTeX a line break as a space too), and holds no separator of its format."""
    language = TABLE_FORMATS[tablefmt]
    cell = escape_cell(text, tablefmt)
    plain = text.replace("\t", " ")
    if language == "delimited":  # exact, tabs and line breaks too
        assert read_field(cell, tablefmt) == text
        return
    if language == "text":
        assert cell == plain
        return
    if language == "latex":
        plain = plain.replace("\n", " ")
    assert "\n" not in cell
    assert _UNESCAPE[language](cell).strip() == plain.strip()
    if language == "markdown":
        assert len(md_tokens(cell)) == 1  # no pipe that is not escaped
    elif language == "mediawiki":
        assert not re.search("[|!]", cell)
    elif language == "html":
        assert not re.search("[<>]", cell.replace("<br>", ""))
