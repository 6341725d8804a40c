"""Where each key of a TOML file stands: a light scanner that maps key paths to lines.

``tomllib`` gives values but not positions, so messages could not say which
line is wrong. :func:`key_lines` reads the text once, following table headers,
arrays of tables, dotted keys, strings and multi-line values, and records the
line of every key it sees at the start of a line.

>>> lines = key_lines('[comparison]\\ntitle = "T"\\n[[products]]\\nid = "a"\\n[[products]]\\nid = "b"\\n')
>>> lines[("comparison", "title")], lines[("products", 1, "id")]
(2, 6)
>>> line_of(("products", 1, "values", "users", "value"), lines)
5
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from comparekit.errors import Loc

__all__ = ["key_lines", "line_of", "unclosed_line"]

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = re.compile(rf"\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*")
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]?")
_PART = re.compile(_KEY)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        number = int(code, 16)
        return chr(number) if number <= 0x10FFFF else match.group(0)
    return _SIMPLE.get(match.group(3), match.group(0))


def _parts(dotted: str) -> list[str]:
    out = []
    for match in _PART.finditer(dotted):
        key = match.group(0)
        if key[0] in "\"'":
            key = key[1:-1]
            if match.group(0)[0] == '"':
                key = _ESCAPE.sub(_unescape, key)
        out.append(key)
    return out


class _Scanner:
    """Tracks strings, brackets and comments across lines."""

    def __init__(self) -> None:
        self.depth = 0
        self.multiline: str | None = None

    def feed(self, line: str, start: int = 0) -> None:
        """Advance over one line from ``start``, updating depth and multi-line string state."""
        i = start
        n = len(line)
        while i < n:
            if self.multiline is not None:
                end = line.find(self.multiline, i)
                if self.multiline == '"""':
                    while end > 0 and _escaped(line, end):
                        end = line.find('"""', end + 1)
                if end < 0:
                    return
                i = end + 3
                while i < n and line[i] == self.multiline[0]:
                    i += 1
                self.multiline = None
                continue
            char = line[i]
            if char == "#":
                return
            if char in "\"'":
                triple = line[i : i + 3]
                if triple in ('"""', "'''"):
                    self.multiline = triple
                    i += 3
                    continue
                i = _skip_string(line, i)
                continue
            if char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth = max(0, self.depth - 1)
            i += 1


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _skip_string(line: str, start: int) -> int:
    quote = line[start]
    i = start + 1
    while i < len(line):
        if line[i] == "\\" and quote == '"':
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return i


def key_lines(text: str) -> dict[Loc, int]:
    """Map every key path seen (array items by index) to its 1-based line number."""
    lines: dict[Loc, int] = {}
    counters: dict[tuple[str, ...], int] = {}
    arrays: set[tuple[str, ...]] = set()
    table: Loc = ()
    scanner = _Scanner()
    # Only LF (or CRLF) ends a TOML line; str.splitlines would also split at U+2028 and the like.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if scanner.multiline is not None or scanner.depth > 0:
            scanner.feed(line)
            continue
        header = _HEADER.match(line)
        if header:
            keys = tuple(_parts(header.group(2)))
            if header.group(1) == "[[":
                counters[keys] = counters.get(keys, -1) + 1
                arrays.add(keys)
            table = _with_indexes(keys, arrays, counters)
            if header.group(1) == "[[":
                lines.setdefault(table[:-1], number)  # the array itself: its first item
            lines.setdefault(table, number)
            scanner.feed(line, header.end())
            continue
        key = _DOTTED.match(line)
        if key and line[key.end() : key.end() + 1] == "=":
            path: Loc = table
            for part in _parts(key.group(1)):
                path = (*path, part)
                lines.setdefault(path, number)
            scanner.feed(line, key.end() + 1)
            continue
        scanner.feed(line)
    return lines


def _with_indexes(
    keys: tuple[str, ...], arrays: set[tuple[str, ...]], counters: dict[tuple[str, ...], int]
) -> Loc:
    out: list[str | int] = []
    for size in range(1, len(keys) + 1):
        out.append(keys[size - 1])
        prefix = keys[:size]
        if prefix in arrays:
            out.append(counters.get(prefix, 0))
    return tuple(out)


def line_of(loc: Loc, lines: Mapping[Loc, int]) -> int | None:
    """The line of ``loc``, or of its nearest enclosing key that has one."""
    for size in range(len(loc), 0, -1):
        found = lines.get(loc[:size])
        if found is not None:
            return found
    return None


def unclosed_line(text: str) -> int | None:
    """The line where a string, array or inline table begins that the file never closes.

    >>> unclosed_line('a = 1\\nb = [1,\\n  2,\\n')
    2
    """
    scanner = _Scanner()
    start = None
    for number, line in enumerate(text.split("\n"), start=1):
        if scanner.multiline is None and scanner.depth == 0:
            start = number
        scanner.feed(line.removesuffix("\r"))
    return start if scanner.multiline is not None or scanner.depth > 0 else None
