"""How wide text shows: terminal columns, East Asian wide characters counting two.

The text renderer wraps and aligns by these widths; the spreadsheet sizes its columns and
rows by them.

>>> display_width("钉钉 Feishu"), widest_line("about\\n200 million")
(11, 11)
"""

from __future__ import annotations

import re

from wcwidth import wcswidth, wcwidth

__all__ = ["NARROW", "display_width", "widest_line"]

NARROW = re.compile("[\x20-\x7e\xa1-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u22ff]*")
"""Text of characters one terminal column wide each: printable ASCII and Latin-1, general
punctuation (``·``, ``–``, ``…``), arrows and mathematical signs (``−``, ``×``, ``≥``)."""


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide characters count two, combining marks none."""
    if (text.isascii() and text.isprintable()) or NARROW.fullmatch(text):
        return len(text)
    width = wcswidth(text)
    if width >= 0:
        return int(width)
    return sum(max(int(wcwidth(char)), 0) for char in text)


def widest_line(text: str) -> int:
    """Terminal columns of the widest line of ``text``."""
    if text.isascii() and text.isprintable():  # one line: a newline is not printable
        return len(text)
    return max(map(display_width, text.split("\n")))
