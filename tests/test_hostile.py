"""Hostile but valid spec text comes out literally and harmlessly in txt, md, xlsx and pdf.

One comparison puts formula-like text, HTML, CSS, template syntax, Markdown, right-to-left
scripts, CJK and emoji in every place a spec holds text: product names and vendors, feature
and group labels, text values, list items, notes, source titles and publishers, the title
block and the summary. Each output must show that text as typed and act on none of it.

What the spec rules refuse, and so is not tried here: a carriage return (``"\\r=1"``: every
control character but tab and newline is refused) and the bidirectional overrides. A tab
prefix (``"\\t=1"``) is allowed and is used everywhere.
"""

from __future__ import annotations

import io
import json
import logging
import re
import socket
import subprocess
import tempfile
import unicodedata as ud
import uuid
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from grids import shown_grid
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import comparekit
from comparekit import Comparison, Feature, Product, SpecError, build_table, loads
from comparekit.cli import main
from comparekit.model.rules import text_problem
from comparekit.renderers.pdf import ASSETS, AssetFetcher, render_html
from comparekit.renderers.text import display_width

FORMULAS = (
    "=1+1",
    '=HYPERLINK("http://evil.invalid","x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "＝1+1",
)
MARKUP = (
    "</td><script>alert(1)</script>",
    "<img src=file:///etc/hostname>",
    "<style>*{display:none}</style>",
    "red; background:url(file:///etc/passwd)",
    "@import url(file:///etc/passwd);",
    "{{ 7*7 }}",
    "{% for x in y %}",
)
MARKDOWN = ("a | b", "**bold**", "[link](javascript:alert(1))", "line one\nline two")
RTL = ("مرحبا بالعالم", "שלום עולם")
SCRIPTS = ("钉钉", "飞书", "한국어", "👩\u200d💻")
HOSTILE = FORMULAS + MARKUP + MARKDOWN + RTL + SCRIPTS
"""Every hostile string; each is valid spec text."""

REFUSED = ("\r=1", "\u202e=1+1", "=1\x00")
"""Formula-like text the spec rules refuse outright (a control character or a bidi override)."""


def canary_strings(url: str) -> tuple[str, ...]:
    """Text that would make a careless HTML/CSS pipeline read the file at ``url``."""
    return (
        f"<img src={url}>",
        f"red; background:url({url})",
        f"@import url({url});",
        f'<link rel="stylesheet" href="{url}">',
        f'<iframe src="{url}"></iframe>',
    )


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_spec(strings: tuple[str, ...]) -> str:
    """Spec text (TOML) with ``strings`` in every place a spec holds text.

    Products 0–2 show the strings as bare values, so each is a whole matrix cell; product 3
    puts a note on each value, so each is also a note. Every string is a feature label, a
    source title, a list item and a text value; some are product names and vendors.
    """
    n = len(strings)
    s = [toml_string(text) for text in strings]
    lines = [
        "format = 1",
        "",
        "[comparison]",
        f"title = {toml_string('{{ 7*7 }} </td><script>alert(1)</script> =1+1')}",
        f"subtitle = {s[0]}",
        f"summary = {toml_string(chr(10).join(strings))}",
        f"prepared_for = {toml_string('@SUM(A1) {% for x in y %}')}",
        f"prepared_by = {toml_string('<style>*{display:none}</style>')}",
    ]
    for index in range(n):
        lines += [
            "",
            "[[sources]]",
            f'id = "s{index}"',
            f"title = {s[index]}",
            f"publisher = {s[(index + 1) % n]}",
        ]
    lines += ["", "[[groups]]", 'id = "g1"', f"label = {s[0]}"]
    lines += ["", "[[groups]]", 'id = "g2"', f"label = {toml_string('</td><script>x</script>')}"]
    for index in range(n):
        group = "g1" if index < n // 2 else "g2"
        lines += [
            "",
            "[[features]]",
            f'id = "f{index}"',
            f"label = {s[index]}",
            'type = "text"',
            f'group = "{group}"',
        ]
    lines += ["", "[[features]]", 'id = "items"', 'label = "Items"', 'type = "list"']
    for product in range(4):
        lines += [
            "",
            "[[products]]",
            f'id = "p{product}"',
            f"name = {s[(product * 5) % n]}",
            f"vendor = {s[(product * 5 + 3) % n]}",
            "",
            "[products.values]",
        ]
        for index in range(n):
            text = s[(index + product) % n]
            if product == 3:
                lines.append(
                    f'f{index} = {{ value = {text}, note = {s[index]}, source = "s{index}" }}'
                )
            else:
                lines.append(f"f{index} = {text}")
        lines.append(f"items = [{', '.join(s)}]")
    return "\n".join(lines) + "\n"


def hostile_comparison(extra: tuple[str, ...] = ()) -> Comparison:
    """The hostile comparison, loaded from spec text, with ``extra`` strings added."""
    return loads(hostile_spec(HOSTILE + extra))


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A file outside the package holding a unique string: it must never be read."""
    folder = tmp_path_factory.mktemp("canary")
    secret = f"canary-{uuid.uuid4().hex}"
    path = folder / "canary.txt"
    path.write_text(secret, encoding="utf-8")
    (folder / "canary.css").write_text(f"body::before {{ content: '{secret}' }}", encoding="utf-8")
    return path, secret


@pytest.fixture(scope="module")
def canary_text(canary: tuple[Path, str]) -> tuple[str, ...]:
    """The strings that point at the canary files, by file URL and by plain path."""
    path, _ = canary
    css = path.with_suffix(".css")
    return canary_strings(path.as_uri()) + canary_strings(css.as_uri()) + (f"url({css})",)


@pytest.fixture(scope="module")
def comparison(canary_text: tuple[str, ...]) -> Comparison:
    """The hostile comparison, canary references included."""
    return hostile_comparison(canary_text)


@pytest.fixture(scope="module")
def strings(canary_text: tuple[str, ...]) -> tuple[str, ...]:
    """Every hostile string in the comparison."""
    return HOSTILE + canary_text


@pytest.fixture(scope="module")
def xlsx(comparison: Comparison) -> bytes:
    """The hostile workbook."""
    return comparekit.render(comparison, "xlsx")


class PdfRun:
    """A PDF rendered while every URL fetch and network attempt was recorded."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.network: list[str] = []
        self.warnings: list[str] = []
        self.pdf = b""


@pytest.fixture(scope="module")
def pdf_run(comparison: Comparison) -> PdfRun:
    """Render the hostile PDF through the public API, recording fetches, sockets, warnings."""
    import weasyprint.urls

    run = PdfRun()
    asset_fetch = AssetFetcher.fetch
    base_fetch = weasyprint.urls.URLFetcher.fetch

    def record_asset(self: Any, url: str, *args: Any, **kwargs: Any) -> Any:
        run.urls.append(url)
        return asset_fetch(self, url, *args, **kwargs)

    def record_base(self: Any, url: str, *args: Any, **kwargs: Any) -> Any:
        run.urls.append(url)
        return base_fetch(self, url, *args, **kwargs)

    def no_network(*args: Any, **kwargs: Any) -> Any:
        run.network.append(repr(args))
        raise OSError("network access during a PDF render")

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            run.warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(AssetFetcher, "fetch", record_asset)
            patch.setattr(weasyprint.urls.URLFetcher, "fetch", record_base)
            patch.setattr(socket.socket, "connect", no_network)
            patch.setattr(socket.socket, "connect_ex", no_network)
            patch.setattr(socket, "create_connection", no_network)
            patch.setattr(socket, "getaddrinfo", no_network)
            run.pdf = comparekit.render(comparison, "pdf")
    finally:
        logger.removeHandler(handler)
    return run


def pdftotext(pdf: bytes, folder: Path) -> str:
    """The PDF's text in drawing order (``pdftotext -raw``)."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-raw", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def qdf(pdf: bytes, folder: Path) -> bytes:
    """The PDF with every stream uncompressed, to search its bytes."""
    source, target = folder / "in.pdf", folder / "qdf.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(source), str(target)], check=True
    )
    return target.read_bytes()


def squash(text: str) -> str:
    """``text`` without whitespace and zero-width joiners (PDF text wraps; emoji lose ZWJ)."""
    return "".join(text.split()).replace("\u200d", "")


# ---------------------------------------------------------------- the spec


def test_hostile_strings_are_valid_spec_text() -> None:
    """Every hostile string passes the text rules and loads back from the spec unchanged."""
    assert [text for text in HOSTILE if text_problem(text)] == []
    table = build_table(hostile_comparison(), "en")
    shown = {cell.display for row in table.rows for cell in row.cells}
    assert set(HOSTILE) <= shown


@pytest.mark.parametrize("text", REFUSED)
def test_refused_formula_prefixes(text: str) -> None:
    """A carriage return, NUL or bidi override before a formula is refused by the spec rules."""
    with pytest.raises(comparekit.SpecError, match=r"products\[p0\]\.name"):
        loads(hostile_spec((text, *HOSTILE)))


# ---------------------------------------------------------------- xlsx


def test_xlsx_has_no_formula(xlsx: bytes) -> None:
    """No worksheet of the hostile workbook holds a formula element."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert len(sheets) >= 3
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<(\w+:)?f[ >/]", xml), name


def test_xlsx_stores_each_string_as_text(xlsx: bytes, strings: tuple[str, ...]) -> None:
    """Each hostile string is, unchanged, a text cell of the Matrix, Data and Sources sheets."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert not [c for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    for sheet in ("Matrix", "Data", "Sources"):
        cells: dict[str, set[str]] = {}
        for row in book[sheet].iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cells.setdefault(cell.value, set()).add(cell.data_type)
        missing = [text for text in strings if text not in cells]
        assert not missing, sheet
        assert all(cells[text] == {"s"} for text in strings), sheet


def test_xlsx_formula_lookalikes_are_quoted(xlsx: bytes) -> None:
    """A value starting like a formula gets Excel's quote prefix, so editing it keeps it text."""
    ws = openpyxl.load_workbook(io.BytesIO(xlsx))["Matrix"]
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://evil.invalid","x")'):
        found = [c for row in ws.iter_rows() for c in row if c.value == text]
        assert found, text
        assert all(c.quotePrefix for c in found), text


def test_xlsx_has_no_link_from_text(xlsx: bytes) -> None:
    """No hyperlink anywhere in the workbook: the spec has no http(s) URL, only text."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert not [c for ws in book for row in ws.iter_rows() for c in row if c.hyperlink]
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        rels = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".rels")]
    assert not [rel for rel in rels if "evil.invalid" in rel or "javascript:" in rel]


# ---------------------------------------------------------------- pdf


def test_pdf_fetches_only_package_assets(pdf_run: PdfRun) -> None:
    """Rendering the hostile PDF asks only for package files and data: URIs."""
    assert pdf_run.pdf.startswith(b"%PDF-")
    assert pdf_run.urls
    package = Path(comparekit.__file__).resolve().parent.as_uri() + "/"
    strays = [url for url in pdf_run.urls if not url.startswith((package, "data:"))]
    assert strays == []
    assert all(url.startswith((ASSETS.as_uri() + "/", "data:")) for url in pdf_run.urls)


def test_pdf_never_touches_the_canary(
    pdf_run: PdfRun, canary: tuple[Path, str], tmp_path: Path
) -> None:
    """The canary file named in the spec text is never fetched, and its content is not in the PDF."""
    path, secret = canary
    assert not [url for url in pdf_run.urls if "canary" in url or "/etc/" in url]
    assert secret.encode() not in pdf_run.pdf
    assert secret.encode() not in qdf(pdf_run.pdf, tmp_path)
    assert secret not in pdftotext(pdf_run.pdf, tmp_path)
    assert not [message for message in pdf_run.warnings if "canary" in message]
    assert squash(path.as_uri()) in squash(pdftotext(pdf_run.pdf, tmp_path))  # shown, as text


def test_pdf_opens_no_network_connection(pdf_run: PdfRun) -> None:
    """No socket connection or name lookup is attempted while the hostile PDF renders."""
    assert pdf_run.network == []
    assert not [m for m in pdf_run.warnings if re.search(r"fetch|load|url|http", m, re.I)]


def test_pdf_html_has_no_markup_from_text(comparison: Comparison) -> None:
    """The HTML WeasyPrint prints holds no element or style made from spec text."""
    html = render_html(build_table(comparison, "en"), comparekit.RenderOptions())
    for tag in ("<script", "<img", "<style", "<iframe", "style="):
        assert tag not in html, tag
    assert html.count("<link") == 1
    assert '<link rel="stylesheet" href="report.css">' in html
    links = re.findall(r"<a [^>]*>", html)
    assert not [link for link in links if re.search("evil|javascript|file:", link)]


def test_pdf_text_is_literal(pdf_run: PdfRun, strings: tuple[str, ...], tmp_path: Path) -> None:
    """pdftotext shows each hostile string as typed: ``{{ 7*7 }}`` stays, ``<script>`` is text."""
    text = squash(pdftotext(pdf_run.pdf, tmp_path))
    for item in strings:
        if item in RTL:
            # pdftotext writes right-to-left words in visual order, each word intact.
            words = [squash(word) for word in item.split()]
            assert all(word in text for word in words), item
        else:
            assert squash(item) in text, item
    assert "{{7*7}}" in text
    assert "{%forxiny%}" in text


# ---------------------------------------------------------------- txt and md


def test_txt_shows_each_string_literally(comparison: Comparison, strings: tuple[str, ...]) -> None:
    """The txt report holds each hostile string as typed (a line of it per line of the cell)."""
    text = comparekit.render(comparison, "txt", width=1000).decode("utf-8")
    for item in strings:
        # Tabulate trims a cell's edges and splits its lines: look for each part.
        parts = [part.strip() for part in item.split("\n") if part.strip()]
        assert all(part in text for part in parts), item


def grid_lines(text: str) -> list[str]:
    """The lines of the grid tables in a txt report (from a ``+---+`` border to the table's end)."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if re.fullmatch(r"\+(-+\+)+", line):
            inside = True
        inside = inside and line.startswith(("+", "|"))
        if inside:
            out.append(line)
    return out


def test_txt_grid_stays_aligned(comparison: Comparison) -> None:
    """Every grid line has one display width: tabs and wide text do not shift the columns."""
    for width in (100, 1000):
        lines = grid_lines(comparekit.render(comparison, "txt", width=width).decode("utf-8"))
        assert lines
        assert not [line for line in lines if "\t" in line]
        assert len({display_width(line) for line in lines}) == 1


def md_tokens(line: str) -> list[str]:
    """A Markdown table line as cells, split at unescaped pipes (``\\x`` escapes one char)."""
    cells, current = [], ""
    for token in re.findall(r"\\.|\||[^\\|]+|\\", line):
        if token == "|":
            cells.append(current)
            current = ""
        else:
            current += token
    cells.append(current)
    return cells


def md_unescape(cell: str) -> str:
    """What a Markdown cell shows: escapes undone, ``<br>`` a newline, ``&amp;`` an ampersand."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        return {"<br>": "\n", "&amp;": "&"}.get(token, token[1:])

    return re.sub(r"\\.|<br>|&amp;", replace, cell.strip()).strip()


def md_table(text: str) -> list[str]:
    """The lines of the first Markdown table in ``text``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return lines[start:end]


def test_md_table_structure_holds(comparison: Comparison) -> None:
    """Every Markdown table line has the same number of unescaped pipes and one line per row."""
    table = build_table(comparison, "en")
    lines = md_table(comparekit.render(comparison, "md").decode("utf-8"))
    columns = len(table.columns) + 1
    assert len(lines) == len(table.grid()) + 1  # the header's --- line
    assert {len(md_tokens(line)) for line in lines} == {columns + 2}
    assert all(line.startswith("|") and line.endswith("|") for line in lines)


def test_md_cells_unescape_to_the_text(comparison: Comparison) -> None:
    """Each Markdown cell, escapes undone, is the layout's cell text; pipes and newlines escaped."""
    table = build_table(comparison, "en")
    lines = md_table(comparekit.render(comparison, "md").decode("utf-8"))
    shown = [[md_unescape(cell) for cell in md_tokens(line)[1:-1]] for line in lines]
    del shown[1]
    expected = shown_grid(table, "**{}**")
    assert shown == [[cell.strip() for cell in row] for row in expected]
    body = "\n".join(lines)
    assert "a \\| b" in body
    assert "line one<br>line two" in body
    assert "\\*\\*bold\\*\\*" in body
    assert "\\[link\\](javascript:alert(1))" in body


def test_md_text_outside_the_table_is_escaped(comparison: Comparison) -> None:
    """Title, notes and sources in the Markdown report un-escape to their text, one line each."""
    table = build_table(comparison, "en")
    text = comparekit.render(comparison, "md").decode("utf-8")
    lines = text.splitlines()
    assert md_unescape(lines[0].removeprefix("# ")) == table.title
    for note in table.notes:
        line = next(line for line in lines if line.startswith(f"- \\[{note.number}\\] "))
        assert md_unescape(line[2:]) == f"{note.marker} {note.text}{note.where}".strip()
    for source in table.sources:
        # Markdown ignores the edges' whitespace; the marker [S1] leads a cited source.
        citation = f"{source.marker} {source.citation}".strip()
        assert any(md_unescape(line[2:]) == citation for line in lines if line[:2] == "- ")
    assert not re.search(r"(?<!\\)<(script|img|style|iframe|link)", text)


PARAGRAPHS = (
    "- not a list",
    "1. not a list",
    "---",
    "    not code",
    "+ not a list",
    "> not a quote",
)
"""Paragraphs that Markdown would turn into a list, a rule, code or a quote unless escaped."""

_BLOCK_START = re.compile(r"( {4}|\t|[-+*] |\d+[.)] |[-_*]{3,}\s*$|=+\s*$|>)")


def test_md_summary_paragraphs_stay_paragraphs() -> None:
    """A summary paragraph that looks like a list, rule, code block or quote stays plain text."""
    comparison = Comparison(
        title="T",
        summary="\n\n".join(PARAGRAPHS),
        features=[Feature(id="f", label="F", type="text")],
        products=[Product(id="p", name="P", values={"f": "x"})],
    )
    lines = comparekit.render(comparison, "md").decode("utf-8").splitlines()
    shown = [next(line for line in lines if md_unescape(line) == p.strip()) for p in PARAGRAPHS]
    assert [line for line in shown if _BLOCK_START.match(line)] == []


# ---------------------------------------------------------------- messages quote text safely

TERMINAL_HAZARDS = (
    *map(chr, range(0x20)),
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\u3164\u115f\ufe0f\u2028\u2029",
    *"\ufff9\u0600\U000110bd\U000e0041",
)
"""Characters a terminal acts on (C0, DEL, C1: ESC, BEL, CSI), that reorder a line (bidi
controls and marks) or that cannot be seen (zero-width, other format characters,
default-ignorables such as variation selectors and fillers, tags)."""


def _raw_hazards(text: str) -> set[str]:
    """The hazards in ``text`` other than the newlines that separate messages."""
    return {c for c in text if c != "\n" and (c in TERMINAL_HAZARDS or ud.category(c) == "Cf")}


def _shown(text: str, mark: str = "") -> str:
    """How a message must show ``text``: each hazard as \\n, \\t, \\r, \\xNN, \\uNNNN or
    \\UNNNNNNNN, between ``mark`` s (and then with the backslash and the mark escaped too)."""
    out = []
    for char in text:
        code = ord(char)
        if mark and char in ("\\", mark):
            out.append("\\" + char)
        elif char not in TERMINAL_HAZARDS:
            out.append(char)
        elif char in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char])
        else:
            letter, digits = ("x", 2) if code <= 0xFF else ("u", 4) if code <= 0xFFFF else ("U", 8)
            out.append(f"\\{letter}{code:0{digits}x}")
    return mark + "".join(out) + mark


def _toml_key(text: str) -> str:
    """``text`` as a quoted TOML key or string, every character outside printable ASCII escaped."""
    return (
        '"'
        + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08X}" for c in text)
        + '"'
    )


def _name_spec(name: str) -> str:
    """A spec with ``name`` in every place a message quotes: an unknown key, a source id, a
    feature id, type and group, a language key, a product id, and a value for an unknown
    feature close to ``name`` (so the "did you mean" names it)."""
    q = _toml_key(name)
    return f"""format = 1

[comparison]
title = "T"
{q} = 1

[[sources]]
id = {q}
title = "S"

[[features]]
id = {q}
label = {{ en = "L", {q} = "x" }}
type = {q}
group = {q}

[[products]]
id = {q}
name = "P"
vendor = 5
values = {{ {_toml_key(name + "x")} = 1 }}
"""


VALID_SPEC = 'format = 1\n[comparison]\ntitle = "T"\n'

hazardous_names = st.tuples(
    st.text("ab_-", max_size=3),
    st.lists(st.sampled_from(TERMINAL_HAZARDS), min_size=1, max_size=3).map("".join),
    st.text("ab_-", min_size=1, max_size=3),
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=hazardous_names)
@example(name="a\x1b]52;c;\x07\x7f\x9b\u202e\u2066\ufe0f\u3164\ufff9\u0600\U000110bd\U000e0041b")
def test_messages_show_hazards_escaped(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A spec name, ids, keys, values, language keys and folder names full of terminal
    controls, bidi and invisible characters reach stdout and stderr only escaped, in the
    CLI and in the API's error text; and each place shows the escaped name."""
    capsys.readouterr()
    path_name = name.replace("\x00", "")  # a path cannot hold NUL
    file_name = path_name + ".toml"
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder, file_name)
        spec.write_text(_name_spec(name), encoding="utf-8")
        valid = Path(folder, "valid.toml")
        valid.write_text(VALID_SPEC, encoding="utf-8")
        blocker = Path(folder, file_name + "-file")
        blocker.write_text("", encoding="utf-8")
        assert main(["check", str(spec)]) == 1
        out, err = capsys.readouterr()
        assert (
            main(["render", str(valid), "-f", "txt", "-o", str(Path(folder, path_name + "-out"))])
            == 0
        )
        out2, err2 = capsys.readouterr()
        assert main(["render", str(valid), "-f", "txt", "-o", str(blocker / "out")]) == 1
        out3, err3 = capsys.readouterr()
        with pytest.raises(SpecError) as info:
            loads(_name_spec(name), name=str(spec))
    for text in (out, err, out2, err2, out3, err3, str(info.value)):
        assert _raw_hazards(text) == set()
    assert (
        f"{_shown(file_name)}:5: comparison.{_shown(name)}: unknown key {_shown(name, chr(39))}"
        in err
    )
    assert f"got {_shown(name, chr(34))}" in err  # the feature type
    assert f"(did you mean {_shown(name, chr(39))}?)" in err
    assert f"label.{_shown(name)}: not a language tag" in err
    assert f"products[{_shown(name)}].vendor" in err
    assert f"{_shown(path_name)}-out" in out2
    assert f"{_shown(file_name)}-file" in err3
    assert str(info.value).splitlines()[1:] == err.splitlines()[1:]


def test_errors_escape_what_slipped_through() -> None:
    """An error's text never holds a raw hazard, even one a message did not quote: the API's
    str() of each error escapes it, and keeps the newlines between problems."""
    raw = "out\x1b]52;c;aGk=\x07/\u202ereport.txt"
    assert str(comparekit.OutputError(f"{raw}: cannot write")) == (
        "out\\x1b]52;c;aGk=\\x07/\\u202ereport.txt: cannot write"
    )
    problem = comparekit.Problem("products[a\u200bb].id", "bad\x9b", file="x\u2066.toml", line=2)
    assert (
        str(SpecError([problem])) == "1 problem\nx\\u2066.toml:2: products[a\\u200bb].id: bad\\x9b"
    )


def test_cli_escapes_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI's last step escapes hazards in any message it prints, an internal error's too."""

    def broken(*_args: Any, **_kwargs: Any) -> Comparison:
        raise RuntimeError("\x1b[2J\x1b]0;title\x07 \u202egnp.exe")

    monkeypatch.setattr("comparekit.cli.streams.load", broken)
    assert main(["check", "spec.toml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "comparekit: internal error: RuntimeError: \\x1b[2J\\x1b]0;title\\x07 \\u202egnp.exe\n"
    )
    assert _raw_hazards(err) == set()


def test_cli_escapes_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Click's own usage errors, which repeat what was typed, are escaped too."""
    assert main(["render", "x.toml", "--lang", "en\x1b[31m"]) == 2
    err = capsys.readouterr().err
    assert "unknown language 'en\\x1b[31m'" in err
    assert main(["show", "x.toml", "--width", "80\u3164"]) == 2  # repr() leaves U+3164 raw
    err = capsys.readouterr().err
    assert "80\\u3164" in err
    assert _raw_hazards(err) == set()
