"""Plain-text and Markdown reports: the matrix as a table, notes, legend and sources under it.

Tables go through tabulate with number parsing off (every cell is already the
layout's text). Columns are wrapped so the table fits ``options.width``
terminal columns, counting East Asian wide characters as two.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator

import tabulate
from wcwidth import wcwidth

from comparekit.layout import ChangeEntry, Heading, Table, Words, chunks
from comparekit.layout.scores import Analysis
from comparekit.renderers import DEFAULT_WIDTH, TABLE_FORMATS, RenderOptions
from comparekit.renderers.delimited import delimited_cell, render_delimited
from comparekit.renderers.grid import draw, public_draw
from comparekit.renderers.text_charts import charts_md, charts_txt
from comparekit.renderers.widths import NARROW, display_width, widest_line

__all__ = [
    "DEFAULT_WIDTH",
    "changes_md",
    "changes_txt",
    "columns_per_run",
    "display_width",
    "escape_cell",
    "findings_md",
    "findings_txt",
    "fit_widths",
    "render_md",
    "render_txt",
    "scores_md",
    "scores_txt",
    "wrap",
]

MIN_COLUMN = 8
"""No column is squeezed below this many terminal columns."""
USEFUL_COLUMN = 12
"""Width a value column needs to be readable; narrower, the columns are shown in runs."""
USEFUL_HEADING = 16
"""Width the row headings need beside the value columns."""
_MD_BLOCK_START = re.compile(r"^(\s*)(\d*)([-+=]|(?<=\d)[.)](?=\s|$))")
"""What would start a list, a rule or a heading at the start of a paragraph."""
_WORD = re.compile(r"\S+\s*|\s+")
_MD_ESCAPES = str.maketrans(
    {"&": "&amp;", "\r": "", "\n": "<br>", **{c: "\\" + c for c in "\\`*_[]<>|~#!"}}
)
"""What :func:`_md` does to each character, in one pass: ``&`` as an entity, a Markdown
character after a backslash, a line break as ``<br>`` (a carriage return dropped). One
:meth:`str.translate` instead of a replace, a regular substitution and two replaces: the
same text, and the 200×100 Markdown table's 20,000 cells escaped in a third of the time
(95 → 32 ms)."""


@functools.cache
def _is_wide(char: str) -> bool:
    """A wide character a line may break after: CJK ideographs and kana, not Hangul,
    which is written with spaces between words."""
    if "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f":
        return False
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(line: str) -> Iterator[str]:
    """Words with their trailing space; every wide character is a word of its own."""
    for word in _WORD.findall(line):
        yield from _split_wide(word)


@functools.lru_cache(maxsize=8192)
def _split_wide(word: str) -> tuple[str, ...]:
    """A word, cut after each wide character (not before closing punctuation).

    Remembered: the words of notes and cells repeat (names, places, units).
    """
    if word.isascii() or not any(map(_is_wide, word)):
        return (word,)
    parts = []
    start = 0
    for index, char in enumerate(word):
        if _is_wide(char) and index + 1 < len(word) and not _closing(word[index + 1]):
            parts.append(word[start : index + 1])
            start = index + 1
    if start < len(word):
        parts.append(word[start:])
    return tuple(parts)


def _closing(char: str) -> bool:
    """Punctuation that must not start a line (kept with the character before it)."""
    return char in "、。，．・：；？！）」』】〉》%,.;:!?)]"


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` terminal columns.

    Breaks at spaces, between wide (CJK) characters, and inside a word only when
    the word alone is too wide. Newlines in the text are kept.

    >>> wrap("about 200 million", 10)
    ['about 200', 'million']
    >>> wrap("钉钉是阿里巴巴的平台", 8)
    ['钉钉是阿', '里巴巴的', '平台']
    """
    text = text.replace("\t", " ")
    if "\n" not in text and display_width(text) <= width:
        return [text.rstrip()]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if _simple(paragraph, width):
            lines += [line.rstrip() for line in _line_pattern(width).findall(paragraph)] or [""]
        else:
            lines += _wrap_tokens(paragraph, width)
    return lines


def _simple(paragraph: str, width: int) -> bool:
    """One column a character (:data:`NARROW`), not indented, no word wider than ``width``:
    the common case, where a line is the longest run of whole words that fits, and a regular
    expression finds it."""
    return (
        NARROW.fullmatch(paragraph) is not None
        and paragraph[:1] != " "
        and max(map(len, paragraph.split()), default=0) <= width
    )


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    """Lines of a :func:`_simple` paragraph: a word, then all that fits up to a word's end."""
    return re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)")


def _wrap_tokens(paragraph: str, width: int) -> list[str]:
    """Break one paragraph word by word (every wide character is a word of its own)."""
    # Printable ASCII is one column a character: measured by len.
    simple = paragraph.isascii() and paragraph.isprintable()
    measure: Callable[[str], int] = len if simple else _token_width
    lines: list[str] = []
    current = ""
    used = 0  # display width of current, trailing spaces included
    for token in _WORD.findall(paragraph) if simple else _tokens(paragraph):
        word = token.rstrip()
        needed = used + measure(word) if word else measure(current.rstrip())
        if needed <= width:
            current += token
            used += measure(token)
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = ""
        while measure(token.rstrip()) > width:
            head = _fit(token, width)
            lines.append(head)
            token = token[len(head) :]
        current = token.lstrip() if not current else token
        used = measure(current)
    lines.append(current.rstrip())
    return lines


_token_width = functools.lru_cache(maxsize=4096)(display_width)
""":func:`display_width` remembered: the words and wide characters of a matrix repeat."""


def _fit(word: str, width: int) -> str:
    """The longest head of ``word`` that fits ``width`` columns (at least one character)."""
    used = 0
    for index, char in enumerate(word):
        used += max(int(wcwidth(char)), 0)
        if used > width:
            return word[: max(index, 1)]
    return word


def fit_widths(natural: list[int], budget: int) -> list[int]:
    """Share ``budget`` columns among columns that want ``natural`` widths.

    Narrow columns keep their natural width; the rest share what is left evenly.

    >>> fit_widths([10, 40, 40], 60)
    [10, 25, 25]
    """
    widths = [0] * len(natural)
    pending = sorted(range(len(natural)), key=lambda i: natural[i])
    left = budget
    while pending:
        share = max(left // len(pending), MIN_COLUMN)
        index = pending.pop(0)
        widths[index] = min(natural[index], share)
        left -= widths[index]
    return widths


def _cells(table: Table, markdown: bool) -> tuple[list[str], list[list[str]]]:
    """The header row and the body rows as strings, group rows included."""
    headers = [table.corner, *(_column_heading(c, markdown) for c in table.columns)]
    body: list[list[str]] = []
    for section in table.sections:
        if section.title:
            title = f"**{_md(section.title)}**" if markdown else f"== {section.title} =="
            body.append([title] + [""] * len(table.columns))
        for row in section.rows:
            cells = [row.heading.display, *(cell.display for cell in row.cells)]
            body.append([_md(cell) for cell in cells] if markdown else list(map(_plain, cells)))
    return headers, body


def _markdown_table(table: Table) -> str:
    headers, body = _cells(table, markdown=True)
    return draw(headers, body, "github")


def columns_per_run(natural: list[int], width: int) -> int:
    """How many value columns fit side by side in ``width`` terminal columns.

    ``natural`` holds each column's natural width, row headings first. Every value
    column fits when the table fits as it is; otherwise each needs about
    :data:`USEFUL_COLUMN` columns, beside row headings of :data:`USEFUL_HEADING`.

    >>> columns_per_run([20, 10, 10], 100), columns_per_run([30] * 15, 100)
    (2, 5)
    """
    values = len(natural) - 1
    if sum(natural) + 3 * len(natural) + 1 <= width:
        return max(values, 1)
    heading = min(natural[0], USEFUL_HEADING)
    return max(1, min(values, (width - heading - 4) // (USEFUL_COLUMN + 3)))


def _text_tables(table: Table, options: RenderOptions) -> str:
    """Grid tables that fit ``options.width``: the columns in runs when they cannot all fit."""
    width = options.width or DEFAULT_WIDTH
    headers, body = _cells(table, markdown=False)
    # A header needs two columns more than its text: tabulate pads headers (MIN_PADDING).
    columns = list(zip(*body, strict=True)) or [()] * len(headers)
    natural = [
        max([widest_line(header) + 2, *map(widest_line, column)])
        for header, column in zip(headers, columns, strict=True)
    ]
    parts = []
    wrapped: dict[int, dict[str, str]] = {}
    for chunk in chunks(table, columns_per_run(natural, width)):
        keep = [0, *range(chunk.start + 1, chunk.stop + 1)]
        chosen = [headers[i] for i in keep], [[row[i] for i in keep] for row in body]
        if TABLE_FORMATS[options.tablefmt] != "text":
            grid = _markup_table(*chosen, options.tablefmt)
        else:
            grid = _fitted_table(
                *chosen, [natural[i] for i in keep], width, options.tablefmt, wrapped
            )
        parts.append(f"{chunk.caption}\n{grid}" if chunk.caption else grid)
    return "\n\n".join(parts)


def _fitted_table(
    headers: list[str],
    body: list[list[str]],
    natural: list[int],
    width: int,
    tablefmt: str,
    wrapped: dict[int, dict[str, str]],
) -> str:
    """One table with its cells wrapped so that it is at most ``width`` columns wide.

    ``wrapped`` holds the texts wrapped so far by width, for every table of the report.
    """
    widths = fit_widths(natural, width - 3 * len(headers) - 1)
    # tabulate pads headers by two columns (MIN_PADDING), so headers wrap two narrower.
    wrapped_headers = ["\n".join(wrap(h, max(widths[i] - 2, 1))) for i, h in enumerate(headers)]
    # No body rows, no columns: strict=False lets that through.
    columns = [
        _wrapped_column(cells, w, wrapped.setdefault(w, {}))
        for cells, w in zip(zip(*body, strict=True), widths, strict=False)
    ]
    return draw(wrapped_headers, list(zip(*columns, strict=True)), tablefmt)


def _markup_table(headers: list[str], body: list[list[str]], tablefmt: str) -> str:
    """One table in a markup format: every cell escaped for it, nothing wrapped (whatever
    shows the markup wraps it), each line break of a text the format's own."""
    return public_draw(
        [escape_cell(header, tablefmt) for header in headers],
        [[escape_cell(cell, tablefmt) for cell in row] for row in body],
        _raw_format(tablefmt),
    )


def _wrapped_column(cells: tuple[str, ...], width: int, done: dict[str, str]) -> list[str]:
    """Each cell wrapped to ``width``, its lines joined by newlines.

    Cells of a big matrix repeat down a column and across columns ("not stated", "Yes"):
    ``done`` holds the texts already wrapped to ``width``, so each is wrapped once.
    """
    out = []
    for cell in cells:
        text = done.get(cell)
        if text is None:
            if cell.isascii() and cell.isprintable() and len(cell) <= width:
                text = cell.rstrip()  # one line that fits: what wrap() gives, sooner
            else:
                text = "\n".join(wrap(cell, width))
            done[cell] = text
        out.append(text)
    return out


def _column_heading(heading: Heading, markdown: bool) -> str:
    if markdown:
        detail = f"<br>{_md(heading.detail)}" if heading.detail else ""
        return _md(heading.display) + detail
    return _plain(heading.display + (f"\n{heading.detail}" if heading.detail else ""))


def _plain(text: str) -> str:
    """Text for a terminal: a tab is one space, so that every column lines up."""
    return text.replace("\t", " ")


def _md(text: str) -> str:
    r"""Escape text for a Markdown table cell or heading so it shows literally.

    >>> _md("a | b"), _md("x\ny")
    ('a \\| b', 'x<br>y')
    """
    return text.translate(_MD_ESCAPES)


def _html(text: str) -> str:
    r"""Escape text for an HTML table cell: markup characters as entities, newlines as ``<br>``.

    >>> _html("<script> & 'x'\ny")
    '&lt;script&gt; &amp; &#x27;x&#x27;<br>y'
    """
    return html.escape(text).replace("\r", "").replace("\n", "<br>")


_LATEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
        "[": "{[}",
        "]": "{]}",
        "\r": "",
        "\n": " ",
    }
)
"""LaTeX's special characters as commands that print them. Brackets are braced, so that
a cell starting with ``[`` is not read as the length of the row break before it; a line
break inside a cell is a space (a table cell has one line)."""


def _latex(text: str) -> str:
    r"""Escape text for a LaTeX ``tabular`` cell: it prints as written and runs nothing.

    >>> print(_latex(r"50% of $x_1 & {y}\z [1]"))
    50\% of \$x\_1 \& \{y\}\textbackslash{}z {[}1{]}
    """
    return text.translate(_LATEX)


_WIKI = str.maketrans(
    {char: f"&#{ord(char)};" for char in "|!{}[]'=-+*#:;~_"}
    | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "", "\n": "<br />"}
)
"""MediaWiki's markup characters as character references, which it shows as the characters:
cell and row separators (``|``, ``!``, ``-``, ``+``), templates and links (``{}``,
``[]``), bold and italics (``'``), headings, lists and rules at a line's start (``=``,
``*``, ``#``, ``:``, ``;``), signatures (``~``), magic words (``_``) and HTML."""


def _mediawiki(text: str) -> str:
    """Escape text for a MediaWiki table cell: it shows as written, no markup acts.

    >>> _mediawiki("a || [[b]] ''c''")
    'a &#124;&#124; &#91;&#91;b&#93;&#93; &#39;&#39;c&#39;&#39;'
    """
    return text.translate(_WIKI)


_ESCAPES: dict[str, Callable[[str], str]] = {
    "markdown": _md,
    "html": _html,
    "latex": _latex,
    "mediawiki": _mediawiki,
}
"""How a cell is escaped for each markup language of :data:`TABLE_FORMATS`: one table each."""


def escape_cell(text: str, tablefmt: str) -> str:
    r"""``text`` as a cell of a ``tablefmt`` table writes it (see :data:`TABLE_FORMATS`).

    A plain-text format shows the text as it is, a tab as a space; a markup format gets
    it escaped so that it shows as written.

    >>> escape_cell("a | b", "grid"), escape_cell("a | b", "github")
    ('a | b', 'a \\| b')
    """
    language = TABLE_FORMATS[tablefmt]
    if language == "delimited":
        return delimited_cell(text, tablefmt)
    return _plain(text) if language == "text" else _ESCAPES[language](_plain(text))


_RAW_LATEX_ROW = tabulate.DataRow("", "&", "\\\\")


@functools.cache
def _raw_format(tablefmt: str) -> str | tabulate.TableFormat:
    """tabulate's drawing of a markup format without tabulate's own escaping: comparekit
    has escaped each cell already, and escaping twice would show the escapes."""
    if tablefmt == "html":
        return "unsafehtml"
    if tablefmt == "latex":
        return "latex_raw"
    if TABLE_FORMATS[tablefmt] == "latex":
        drawn: tabulate.TableFormat = getattr(tabulate, "_table_formats")[tablefmt]  # noqa: B009
        return drawn._replace(headerrow=_RAW_LATEX_ROW, datarow=_RAW_LATEX_ROW)
    return tablefmt


def _md_block(text: str) -> str:
    r"""Escape text that starts a paragraph or list item: no list, rule or heading appears.

    >>> _md_block("- not a list"), _md_block("1. not a list"), _md_block("+350%")
    ('\\- not a list', '1\\. not a list', '\\+350%')
    """
    return _MD_BLOCK_START.sub(r"\1\2\\\3", _md(text))


def _paragraphs(texts: list[str], width: int) -> list[str]:
    out: list[str] = []
    for text in texts:
        out += wrap(text, width)
        out.append("")
    return out


def render_txt(table: Table, options: RenderOptions) -> bytes:
    """The report as plain text: title block, summary, grid table, legend, notes, sources;
    in a delimited ``tablefmt`` (csv, tsv), the matrix alone (:mod:`.delimited`)."""
    if TABLE_FORMATS[options.tablefmt] == "delimited":
        return render_delimited(table, options.tablefmt)
    w = table.words
    width = options.width or DEFAULT_WIDTH
    lines = wrap(table.title, width)
    lines.append("=" * min(width, max(display_width(line) for line in lines)))
    if table.subtitle:
        lines += wrap(table.subtitle, width)
    lines += wrap(_byline(table), width) if _byline(table) else []
    lines.append("")
    lines += _paragraphs(list(table.summary), width)
    if table.analysis and table.analysis.findings:
        lines += [*findings_txt(table.analysis, width), ""]
    if table.changes_title:
        lines += [*changes_txt(table.changes_title, table.changes, table.words, width), ""]
    lines += [_text_tables(table, options), ""]
    lines += highlights_txt(table, width)
    if table.legend:
        column = max(display_width(e.mark) for e in table.legend)
        lines.append(w.legend)
        for entry in table.legend:
            padding = " " * (column - display_width(entry.mark))
            lines.append(f"  {entry.mark}{padding}  {entry.meaning}")
        lines.append("")
    if table.analysis and table.analysis.scored:
        lines += [*scores_txt(table.analysis, w, width, options.tablefmt), ""]
    lines += charts_txt(table.charts, w.charts, width, wrap)
    if table.notes:
        lines.append(w.notes)
        for note in table.notes:
            lines += _hanging(note.marker, f"{note.text}{note.where}", width)
        lines.append("")
    if table.sources:
        lines.append(w.sources)
        for source in table.sources:
            citation = source.citation + (f" <{source.url}>" if source.url else "")
            lines += _hanging(source.marker or "-", citation, width)
    if table.look is not None and table.look.footer:  # the theme's footer line, last
        lines += ["", *wrap(table.look.footer, width)]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _hanging(mark: str, text: str, width: int) -> list[str]:
    indent = " " * (display_width(mark) + 3)
    body = wrap(text, max(width - len(indent), 20))
    return [f"  {mark} {body[0]}", *(indent + line for line in body[1:])]


def _byline(table: Table) -> str:
    w = table.words
    parts = [
        f"{w.as_of} {table.as_of}" if table.as_of else "",
        f"{w.prepared_for} {table.prepared_for}" if table.prepared_for else "",
        f"{w.prepared_by} {table.prepared_by}" if table.prepared_by else "",
    ]
    return w.separator.join(part for part in parts if part)


def render_md(table: Table, options: RenderOptions) -> bytes:
    """The report as GitHub Markdown: headings, a pipe table, then legend, notes and sources."""
    w = table.words
    lines = [f"# {_md(table.title)}", ""]
    if table.subtitle:
        lines += [f"*{_md(table.subtitle)}*", ""]
    if _byline(table):
        lines += [_md_block(_byline(table)), ""]
    for paragraph in table.summary:
        lines += [_md_block(paragraph), ""]
    if table.analysis and table.analysis.findings:
        lines += [*findings_md(table.analysis), ""]
    if table.changes_title:
        lines += [*changes_md(table.changes_title, table.changes, table.words), ""]
    lines += [_markdown_table(table), ""]
    lines += highlights_md(table)
    if table.legend:
        lines += [f"## {w.legend}", ""]
        lines += [f"- {_md_block(e.mark)}: {_md(e.meaning)}" for e in table.legend]
        lines.append("")
    if table.analysis and table.analysis.scored:
        lines += [*scores_md(table.analysis, w), ""]
    lines += charts_md(table.charts, w.charts, options.width or DEFAULT_WIDTH, _md, wrap)
    if table.notes:
        lines += [f"## {w.notes}", ""]
        for note in table.notes:
            lines.append(f"- {_md_block(note.marker)} {_md(note.text)}{_md(note.where)}")
        lines.append("")
    if table.sources:
        lines += [f"## {w.sources}", ""]
        for source in table.sources:
            link = f" <{source.url}>" if source.url else ""
            marker = f"{_md_block(source.marker)} " if source.marker else ""
            lines.append(f"- {marker}{_md_block(source.citation)}{link}")
    if table.look is not None and table.look.footer:  # the theme's footer line, last
        lines += ["", "---", "", _md_block(table.look.footer)]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def findings_txt(part: Analysis, width: int) -> list[str]:
    """The key findings as text: the heading, then a hanging line per finding with the
    cells it rests on."""
    lines = [part.findings_title]
    for finding in part.findings:
        text = f"{finding.text} ({finding.cells_text})" if finding.cells_text else finding.text
        lines += _hanging("-", text, width)
    return lines


def findings_md(part: Analysis) -> list[str]:
    """The key findings as Markdown: a second-level heading, then a list item per finding."""
    lines = [f"## {_md(part.findings_title)}", ""]
    for finding in part.findings:
        cells = f" ({_md(finding.cells_text)})" if finding.cells_text else ""
        lines.append(f"- {_md_block(finding.text)}{cells}")
    return lines


def _fitted_grid(grid: list[list[str]], width: int, tablefmt: str) -> str:
    """A grid of display strings (heading row first) as a table in ``tablefmt``, a text
    one fitted to ``width`` as the matrix is."""
    headers, body = grid[0], [[_plain(cell) for cell in row] for row in grid[1:]]
    if TABLE_FORMATS[tablefmt] != "text":
        return _markup_table(headers, body, tablefmt)
    natural = [
        max([widest_line(header) + 2, *(widest_line(row[i]) for row in body)])
        for i, header in enumerate(headers)
    ]
    return _fitted_table(headers, body, natural, width, tablefmt, {})


def scores_txt(part: Analysis, words: Words, width: int, tablefmt: str = "grid") -> list[str]:
    """The scores as text: the ranking, each weight's contribution, the sensitivity in
    words, and what coverage means."""
    lines = [part.scores_title, *wrap(part.intro, width)]
    lines += [_fitted_grid(part.ranking(), width, tablefmt), ""]
    lines += [_fitted_grid(part.contributions(words.weight_heading), width, tablefmt), ""]
    lines += _paragraphs([*part.sensitivity, *part.coverage], width)
    return lines[:-1]


def scores_md(part: Analysis, words: Words) -> list[str]:
    """The scores as Markdown: the same tables and sentences as :func:`scores_txt`."""
    lines = [f"## {_md(part.scores_title)}", "", _md_block(part.intro), ""]
    for grid in (part.ranking(), part.contributions(words.weight_heading)):
        rows = [[_md(cell) for cell in row] for row in grid]
        lines += [draw(rows[0], rows[1:], "github"), ""]
    for sentence in (*part.sensitivity, *part.coverage):
        lines += [_md_block(sentence), ""]
    return lines[:-1]


def changes_txt(
    title: str, entries: tuple[ChangeEntry, ...], words: Words, width: int | None
) -> list[str]:
    """What changed, as lines of text: the heading, then a hanging line per change (wrapped
    to ``width`` columns; ``None``: one line each), or the words for none."""
    lines = [title]
    for entry in entries or ():
        lines += _hanging("-", entry.text, width) if width else [f"  - {entry.text}"]
    return lines if entries else [*lines, f"  {words.no_changes}"]


def changes_md(title: str, entries: tuple[ChangeEntry, ...], words: Words) -> list[str]:
    """What changed, as Markdown: a second-level heading, then a list item per change."""
    lines = [f"## {_md(title)}", ""]
    if not entries:
        return [*lines, _md_block(words.no_changes)]
    return lines + [f"- {_md_block(entry.text)}" for entry in entries]


def highlights_txt(table: Table, width: int) -> list[str]:
    """The highlights by product as lines of text: the heading, each product's name, then a
    hanging line per fact; nothing without highlights."""
    if not table.highlights:
        return []
    lines = [table.highlights_title]
    for group in table.highlights:
        lines.append(f"  {group.title}")
        for item in group.items:
            lines += ["  " + line for line in _hanging("-", item.display, width - 2)]
    return [*lines, ""]


def highlights_md(table: Table) -> list[str]:
    """The highlights by product as Markdown: a second-level heading, a third-level one per
    product, a list item per fact."""
    if not table.highlights:
        return []
    lines = [f"## {_md(table.highlights_title)}", ""]
    for group in table.highlights:
        lines += [f"### {_md(group.title)}", ""]
        lines += [f"- {_md_block(item.display)}" for item in group.items]
        lines.append("")
    return lines
