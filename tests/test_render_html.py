"""The html format and the notebook views, read as markup (the browser tests are in
test_browser.py): one self-contained page that may load nothing, accessible, from the
PDF's template, and the same in every run."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import HOSTILE, hostile_comparison

import comparekit
from comparekit import Comparison, build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers.html import notebook_html, render_html


def page(comparison: Comparison, lang: str = "en", *, transposed: bool = False) -> str:
    """The html report of ``comparison`` as text."""
    return comparekit.render(comparison, "html", lang=lang, transposed=transposed).decode()


def policy(text: str) -> dict[str, str]:
    """The page's Content-Security-Policy, by directive."""
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert found, "no Content-Security-Policy meta tag"
    parts = (part.strip().split(" ", 1) for part in html.unescape(found.group(1)).split(";"))
    return dict(parts)


def inline(text: str, tag: str) -> list[str]:
    """The contents of every ``<tag>`` element of the page."""
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.DOTALL)


def sha256(text: str) -> str:
    """A CSP hash source for ``text``."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_render_and_write_html(sample: Comparison, tmp_path: Path) -> None:
    """render(c, "html") gives a UTF-8 page; write picks the format from .html."""
    data = comparekit.render(sample, "html")
    assert data.startswith(b'<!DOCTYPE html>\n<html lang="en"')
    path = comparekit.write(sample, tmp_path / "report.html")
    assert path.read_bytes() == data


def test_cli_writes_html(sample_path: Path, tmp_path: Path) -> None:
    """`comparekit render -f html` writes one page per language."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "comparekit",
            "render",
            str(sample_path),
            "-f",
            "html",
            "-o",
            str(tmp_path),
            "--lang",
            "en,ko",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "china-remote-work-2020.html",
        "china-remote-work-2020.ko.html",
    ]


def test_policy_forbids_every_load(sample: Comparison) -> None:
    """The policy loads nothing by default and allows exactly the page's style and script."""
    text = page(sample)
    rules = policy(text)
    assert rules["default-src"] == "'none'"
    (style,) = inline(text, "style")
    (script,) = inline(text, "script")
    assert rules["style-src"] == sha256(style)
    assert rules["script-src"] == sha256(script)
    assert rules["img-src"] == "data:"
    assert rules["base-uri"] == "'none'"
    assert "unsafe" not in text.partition("</head>")[0]


def test_policy_comes_before_the_style(sample: Comparison) -> None:
    """The policy is in the head before the only style, so it governs it."""
    text = page(sample)
    assert text.index("Content-Security-Policy") < text.index("<style>") < text.index("</head>")


def test_page_refers_to_nothing_outside(sample: Comparison) -> None:
    """No stylesheet link, no src but a data: URI (the charts, a logo), no url(), no @import;
    a link only to an http(s) address or to a matrix cell of the page (a finding's)."""
    text = page(sample)
    assert "<link" not in text
    sources = re.findall(r' src="([^"]*)"', text)
    assert all(source.startswith("data:image/") for source in sources), sources
    assert text.count(" src=") == len(sources)
    assert "url(" not in text
    assert "@import" not in text
    hrefs = re.findall(r'href="([^"]*)"', text)
    inside = [href for href in hrefs if re.fullmatch(r"#cell-\d+-\d+", href)]
    assert inside, "the findings link to their cells"
    assert all(f'id="{href[1:]}"' in text for href in inside)
    outside = [href for href in hrefs if href not in inside]
    assert all(href.startswith(("https://", "http://")) for href in outside), outside


def test_page_is_accessible_markup(sample: Comparison) -> None:
    """A caption, header cells with scope, the page's lang, marks with legend words."""
    for lang in ("en", "ko", "zh"):
        text = page(sample, lang)
        table = build_table(sample, lang)
        assert f'<html lang="{lang}"' in text
        assert f'<caption class="matrix-caption">{html.escape(table.title)}</caption>' in text
        matrix = text.partition('<table class="matrix"')[2].partition("</table>")[0]
        assert matrix.count('scope="col"') == len(table.columns) + 1
        assert matrix.count('scope="row"') == len(table.rows)
        highlights = text.partition('<section class="highlights">')[2].partition("</section>")[0]
        assert highlights.count('scope="row"') == sum(len(p.items) for p in table.highlights)
        assert text.count('scope="rowgroup"') == sum(bool(s.title) for s in table.sections)
        assert "<td" not in text.partition("<thead>")[2].partition("</thead>")[0]
        for entry in table.legend:
            assert html.escape(entry.meaning) in text


def test_sources_in_another_language_say_so(sample: Comparison) -> None:
    """A source written in another language than the page carries its own lang."""
    text = page(sample, "en")
    tagged = [s for s in build_table(sample, "en").sources if s.lang and s.lang != "en"]
    assert tagged
    for source in tagged:
        assert f'<span class="source-title" lang="{source.lang}">' in text


def test_one_table_holds_every_column() -> None:
    """The page shows every product side by side (the PDF splits them over pages)."""
    from comparekit import Feature, Product

    wide = Comparison(
        title="Fourteen",
        features=[Feature(id="f", label="F", type="text")],
        products=[Product(id=f"p{i}", name=f"P{i}") for i in range(14)],
    )
    text = page(wide)
    assert text.count('<table class="matrix">') == 1
    assert text.count('class="column"') == 14
    assert '<tr class="chunk-caption">' not in text


def test_same_bytes_every_time(sample: Comparison) -> None:
    """The same comparison and options give the same page."""
    assert comparekit.render(sample, "html") == comparekit.render(sample, "html")


def test_hostile_strings_stay_text() -> None:
    """Every hostile string reaches the page escaped: no tag, style or script from spec text."""
    comparison = hostile_comparison()
    text = page(comparison)
    assert inline(text, "script") == inline(page(Comparison(title="T")), "script")
    assert text.count("<script") == 1
    assert text.count("<style>") == 1
    for tag in ("<img", "<iframe", "<link", "</td><script", "<style>*"):
        assert tag not in text, tag
    for string in HOSTILE:
        assert html.escape(string, quote=False) in html.escape(html.unescape(text), quote=False)


def test_pdf_html_is_untouched(sample: Comparison) -> None:
    """The PDF's HTML has no screen parts: a stylesheet link, no caption, script or policy."""
    from comparekit.renderers.pdf import render_html as pdf_html

    text = pdf_html(build_table(sample, "en"), RenderOptions())
    assert '<link rel="stylesheet" href="report.css">' in text
    for screen in ("<caption", "<script", "Content-Security-Policy", "<style"):
        assert screen not in text, screen


def test_notebook_html_is_a_scoped_fragment(sample: Comparison) -> None:
    """_repr_html_ is one div in the report's language, styles scoped to it, no script."""
    for thing in (sample, build_table(sample, "ko")):
        fragment = thing._repr_html_()
        lang = "ko" if thing is not sample else "en"
        assert fragment.startswith(f'<div class="comparekit" lang="{lang}"><style>')
        assert fragment.endswith("</div>")
        assert "<script" not in fragment
        assert "<html" not in fragment
        assert "<body" not in fragment
        (style,) = inline(fragment, "style")
        selectors = [rule.split("{")[0] for rule in style.split("}") if "{" in rule]
        for selector in selectors:
            for part in selector.split(","):
                bare = re.sub(r"/\*.*?\*/", "", part, flags=re.DOTALL).strip()
                assert bare.startswith(".comparekit"), bare


def test_notebook_shows_the_same_matrix(sample: Comparison) -> None:
    """The notebook's fragment holds the page's matrix cell for cell."""
    table = build_table(sample, "zh")
    fragment = notebook_html(table)
    full = render_html(table, RenderOptions()).decode()
    matrix = re.compile(r'<table class="matrix">.*?</table>', re.DOTALL)
    found_fragment, found_full = matrix.search(fragment), matrix.search(full)
    assert found_fragment
    assert found_full
    assert found_fragment.group(0) == found_full.group(0)
    assert found_full.group(0).count("<td") == len(table.rows) * len(table.columns)


def test_notebook_markdown_is_the_md_report(sample: Comparison) -> None:
    """_repr_markdown_ is the Markdown report of the same table."""
    assert sample._repr_markdown_() == comparekit.render(sample, "md").decode()
    table = build_table(sample, "zh")
    assert table._repr_markdown_() == comparekit.render(sample, "md", lang="zh").decode()


def test_notebook_refuses_other_things() -> None:
    """The notebook views take a Comparison or a Table, and say so otherwise."""
    from comparekit import notebook

    with pytest.raises(TypeError, match="a notebook shows a Comparison or a Table, not int"):
        notebook.html(3)


def test_html_path_imports_neither_weasyprint_nor_openpyxl(sample_path: Path) -> None:
    """The html format and the notebook views need Jinja2 only: no WeasyPrint, no openpyxl."""
    code = (
        "import sys, comparekit\n"
        f"sample = comparekit.load({str(sample_path)!r})\n"
        "comparekit.render(sample, 'html'); sample._repr_html_(); sample._repr_markdown_()\n"
        "print(','.join(m for m in ('openpyxl', 'weasyprint', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "jinja2"
