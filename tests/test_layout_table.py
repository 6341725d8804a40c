"""The table's parts (``layout/table.py``): which addresses may be links, which language tags
may be written."""

from __future__ import annotations

import pytest

from comparekit.layout import Heading, SourceEntry


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "https://user@evil.example/", "ftp://x"]
)
def test_unsafe_url_gives_no_link(url: str) -> None:
    """A URL that is not a plain http(s) address is kept as text, but never as a link."""
    entry = SourceEntry(id="s", title="T", citation="T", url=url)
    assert (entry.url, entry.link) == (url, None)
    assert Heading(id="p", text="P", display="P", url=url).link is None
    assert Heading(id="p", text="P", display="P", url="https://ok.example").link is not None


def test_bad_language_tag_gives_no_lang() -> None:
    """A source language that is not a language tag gives no ``lang`` value to write."""
    assert SourceEntry(id="s", title="T", citation="T", language='ko" x="y').lang is None
    assert SourceEntry(id="s", title="T", citation="T", language="").lang is None
    assert SourceEntry(id="s", title="T", citation="T", language="ko").lang == "ko"
