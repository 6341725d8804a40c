"""The message helpers beside Problem: suggest a close name, describe a wrong value."""

from __future__ import annotations

import datetime as dt

import pytest

from comparekit import Label
from comparekit.errors import describe, suggest

# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("meeting_capacty", ["meeting_capacity", "users"], " (did you mean 'meeting_capacity'?)"),
        ("zzz", ["meeting_capacity", "users"], ""),
        ("a", [], ""),
        ("use\u200brs", ["use\u200brs"], " (did you mean 'use\\u200brs'?)"),
    ],
)
def test_suggest(word: str, choices: list[str], expected: str) -> None:
    """suggest() names the closest choice, or nothing when none is close."""
    assert suggest(word, choices) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, "boolean true"),
        (3, "integer 3"),
        (1.5, "float 1.5"),
        ("x" * 50, '"' + "x" * 37 + '..."'),
        ("한국", '"한국"'),
        ("a\x1b[2J\x07", '"a\\x1b[2J\\x07"'),
        ("\u202egnp.exe", '"\\u202egnp.exe"'),
        ("tab\tnew\nline\x9b", '"tab\\tnew\\nline\\x9b"'),
        ('say "\\"', '"say \\"\\\\\\""'),
        (dt.datetime(2020, 1, 1, 10), "date-time 2020-01-01T10:00:00"),
        (dt.date(2020, 1, 1), "date 2020-01-01"),
        (dt.time(10, 0), "time 10:00:00"),
        ([1, 2], "an array of 2"),
        ({"a": 1}, "a table"),
        (Label({"en": "a"}), "a table of translations"),
        (None, "None"),
        (-(10**50), "a negative integer of about 51 digits"),
    ],
)
def test_describe(value: object, expected: str) -> None:
    """describe() quotes a wrong value by its TOML type and a short form."""
    assert describe(value) == expected
