"""The PDF's memory: a lean user-agent stylesheet and the layout's garbage freed, the same PDF."""

from __future__ import annotations

import gc
import re

import pytest
import weasyprint
from weasyprint import html as weasyprint_html

import comparekit
from comparekit import Comparison, build_table
from comparekit.renderers import RenderOptions, _weasyprint
from comparekit.renderers import pdf as pdf_module
from tests.test_render_pdf import wide


def spied(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    """Each call of ``release_layout_garbage`` by ``render_pdf``: its pages and what it did."""
    calls: list[tuple[int, bool]] = []

    def spy(pages: int) -> bool:
        done = _weasyprint.release_layout_garbage(pages)
        calls.append((pages, done))
        return done

    monkeypatch.setattr(pdf_module, "release_layout_garbage", spy)
    return calls


def test_freeing_the_layout_garbage_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report whose layout garbage is collected before writing is the same bytes as without."""
    comparison = wide(products=8, features=60)  # a few pages, two runs of columns
    calls = spied(monkeypatch)
    kept = comparekit.render(comparison, "pdf")
    [(pages, done)] = calls
    assert 1 < pages < _weasyprint.COLLECT_FROM_PAGES
    assert not done
    monkeypatch.setattr(_weasyprint, "COLLECT_FROM_PAGES", 1)
    assert comparekit.render(comparison, "pdf") == kept
    assert calls[1] == (pages, True)


def test_nothing_is_collected_while_the_collector_runs() -> None:
    """With the cyclic collector on, the process's own collections are left to do the work."""
    assert gc.isenabled()
    assert not _weasyprint.release_layout_garbage(10 * _weasyprint.COLLECT_FROM_PAGES)


def test_the_lean_stylesheet_gives_the_same_pdf(
    sample: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample (cover, lists with markers, notes, sources) is the same bytes with WeasyPrint's
    own user-agent stylesheet as with the lean one."""
    table = build_table(sample, "en")
    lean = pdf_module.render_pdf(table, RenderOptions())
    monkeypatch.setattr(pdf_module, "LeanHTML", weasyprint.HTML)
    assert pdf_module.render_pdf(table, RenderOptions()) == lean


def test_the_lean_stylesheet_is_the_one_weasyprint_uses() -> None:
    """With the installed WeasyPrint the lean sheet is made and replaces the user-agent one: a
    release that renames the hook or rewrites the rules fails here, not silently."""
    sheets = _weasyprint.LeanHTML(string="<p>x</p>")._ua_stylesheets()
    assert sheets[0] is _weasyprint._lean_sheet() is not None
    assert weasyprint_html.UA_STYLESHEET not in sheets
    assert weasyprint_html.UA_STYLESHEET in weasyprint.HTML(string="<p>x</p>")._ua_stylesheets()


def test_the_report_makes_no_note_and_no_other_list_item() -> None:
    """The rules the lean sheet leaves out or narrows cannot apply to the report: its stylesheets
    float nothing into a note or footnote and make no list item but ``li``."""
    for sheet in pdf_module.ASSETS.glob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.search(r"(?:float|position)\s*:\s*[^;}]*\b(?:foot)?note\b", css), sheet
        assert not re.search(r"display\s*:\s*[^;}]*list-item", css), sheet
        assert "::marker" not in css, sheet


def test_a_changed_user_agent_stylesheet_is_used_as_it_is() -> None:
    """A stylesheet without the expected rules gives no lean version (WeasyPrint's is then used)."""
    assert _weasyprint.lean_user_agent_css(weasyprint_html.UA) is not None
    assert _weasyprint.lean_user_agent_css(weasyprint_html.UA.replace("::note-call", "")) is None
    twice = weasyprint_html.UA + "\n::marker { color: red }\n"
    assert _weasyprint.lean_user_agent_css(twice) is None
