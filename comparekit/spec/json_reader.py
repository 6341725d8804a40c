"""Read a spec written as JSON: the keys, checks and messages of the TOML reader, by JSON line.

A JSON spec is the TOML spec's tree as JSON: the same keys, a label a string or an object of
translations, an array of tables an array of objects. JSON has no dates, so a date is a
string ``"YYYY-MM-DD"``, read as a date wherever the format *declares* a date and nowhere
else: ``comparison.as_of``, a source's ``published`` and ``accessed``, a value's ``as_of``,
and the ``value`` and ``max`` of a feature whose ``type`` is ``"date"``. A text value that
looks like a date stays text. Everything is then checked by the TOML reader's own checks,
so a JSON spec gets the same problems as the same spec in TOML, located by JSON line.

Python's :mod:`json` is lenient where a spec must not be: it keeps the last of two equal
keys and reads ``NaN`` and ``Infinity``. Both are refused here, each at its line.

>>> from comparekit import SpecError
>>> read_json('{"format": 1, "comparison": {"title": "T", "as_of": "2020-02-28"}}').as_of
datetime.date(2020, 2, 28)
>>> try:
...     read_json('{"format": 1,\\n "comparison": {"title": "T",\\n  "title": "U"}}', "x.json")
... except SpecError as error:
...     print(error.problems[0])
x.json:3: comparison.title: this key is already set on line 2; a key may be set only once
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import attrs

from comparekit import _gc
from comparekit.errors import Loc, SpecError, describe
from comparekit.model import Comparison
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import _fail, _Reader, check_size

__all__ = ["is_json", "json_lines", "read_json"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_WHITESPACE = " \t\n\r"
_CONSTANTS = ("NaN", "Infinity", "-Infinity")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^ \t\n\r{}\[\]:,"]+')
"""A JSON token of text :mod:`json` has read: a string, a mark, or a number or word."""
_MAX_DIGITS = 4000
"""Longer integers are not converted (Python refuses past 4,300 digits); far past any limit."""

_JSON_ERRORS = {
    "Expecting value": 'expected a value: a "string", a number, true, false, an [array] or '
    "an {object}",
    "Expecting property name enclosed in double quotes": 'expected a "key" in double quotes '
    "(JSON allows no comma after the last item, and no comments)",
    "Expecting ',' delimiter": "expected a comma, or the end of the array or object",
    "Expecting ':' delimiter": "expected : after the key",
    "Extra data": "more text after the end of the top-level object",
    "Unterminated string starting at": "the string is not closed",
    "Invalid control character at": "a control character in a string: write a newline as \\n "
    "and a tab as \\t",
    "Invalid \\escape": "a backslash starts an escape such as \\n; write \\\\ for a backslash",
    "Invalid \\uXXXX escape": "\\u needs 4 hex digits",
}


def is_json(text: str, name: str) -> bool:
    """Whether ``text`` is read as JSON: it starts with ``{`` (TOML never does), or its
    name ends in ``.json`` (a hint that gives JSON's messages to a broken JSON file).

    >>> is_json('  {"format": 1}', "spec.toml"), is_json("[1]", "x.JSON"), is_json("a = 1", "-")
    (True, True, False)
    """
    return text.lstrip(_WHITESPACE)[:1] == "{" or name.lower().endswith(".json")


def iso_date(value: str) -> dt.date | None:
    """The date a ``"YYYY-MM-DD"`` string names, or None (another form, or no such day).

    >>> iso_date("2020-02-28"), iso_date("2020-02-30"), iso_date("20200228")
    (datetime.date(2020, 2, 28), None, None)
    """
    if not _ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def read_json(
    text: str, name: str = "<string>", *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read JSON spec text; raise :class:`SpecError` listing every problem if it is not valid."""
    check_size(text, name, limits)
    with _gc.paused():
        return _read_json(text, name, limits, strict)


def _read_json(text: str, name: str, limits: Limits, strict: bool) -> Comparison:
    if not text.strip(_WHITESPACE):
        _fail(
            name, 'the file is empty: a spec needs {"format": 1, "comparison": {"title": ...}}', 1
        )
    lenient = _Lenient()
    try:
        raw = json.loads(
            text,
            object_pairs_hook=lenient.object,
            parse_constant=lenient.constant,
            parse_float=lenient.float,
            parse_int=lenient.int,
        )
    except json.JSONDecodeError as error:
        detail = _JSON_ERRORS.get(error.msg, error.msg)
        _fail(name, f"invalid JSON: {detail} (column {error.colno})", error.lineno)
    except RecursionError:
        _fail(name, "invalid JSON: values are nested too deeply")
    if not isinstance(raw, dict):
        line = text.count("\n", 0, len(text) - len(text.lstrip(_WHITESPACE))) + 1
        _fail(name, f"the top level must be an object {{...}}, got {describe(raw)}", line)
    dates = _date_features(raw)
    if not lenient.found:
        return _JsonReader(
            name, text, limits, raw, strict_mode=strict, locate=_locate, dates=dates
        ).read()
    lines, refused = json_lines(text)
    reader = _JsonReader(name, text, limits, raw, locate=lambda _: lines, dates=dates)
    for loc, line, message in refused:
        reader.problems.append(attrs.evolve(reader.problem(loc, message), line=line))
    raise SpecError(sorted(reader.problems, key=lambda p: (p.line or 0, p.path)))


@attrs.define
class _Lenient:
    """Notes what :mod:`json` takes but a spec must not hold; :func:`json_lines` says where."""

    found: bool = False

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        table = dict(pairs)
        self.found |= len(table) != len(pairs)
        return table

    def constant(self, word: str) -> float:
        self.found = True
        return float(word)

    def float(self, number: str) -> float:
        value = float(number)
        self.found |= value in (float("inf"), float("-inf"))
        return value

    def int(self, number: str) -> int:
        if len(number) > _MAX_DIGITS:
            self.found = True
            return 0
        return int(number)


def _date_features(raw: dict[str, Any]) -> frozenset[str]:
    """The ids of the features declared with ``type = "date"``: their values are dates."""
    features = raw.get("features")
    if not isinstance(features, list):
        return frozenset()
    return frozenset(
        item["id"]
        for item in features
        if isinstance(item, dict) and item.get("type") == "date" and isinstance(item.get("id"), str)
    )


@attrs.define
class _JsonReader(_Reader):
    """The TOML reader's checks over a JSON tree, with dates read from ``"YYYY-MM-DD"``."""

    dates: frozenset[str] = frozenset()

    def add(self, loc: Loc, message: str) -> None:
        # JSON's null is Python's None, which messages describe as Python does.
        super().add(
            loc, message[: -len("None")] + "null" if message.endswith("got None") else message
        )

    def date(self, value: Any, loc: Loc) -> dt.date | None:
        found = iso_date(value) if isinstance(value, str) else None
        if found is None:
            self.add(loc, f'expected a date, a string "YYYY-MM-DD", got {describe(value)}')
        return found

    def data(self, value: Any, loc: Loc, depth: int = 0) -> Any:
        if (
            isinstance(value, str)
            and depth == 0
            and len(loc) == 5
            and loc[3] in self.dates
            and loc[4] in ("value", "max")
        ):
            return iso_date(value) or value  # not a date: the rules say so, as for TOML
        return super().data(value, loc, depth)


def _locate(text: str) -> dict[Loc, int]:
    return json_lines(text)[0]


def json_lines(text: str) -> tuple[dict[Loc, int], list[tuple[Loc, int, str]]]:
    """The line of every key and array item of JSON text that :mod:`json` reads, and what
    a spec refuses there, with its line (a key set twice, ``NaN``, a number out of range).

    >>> lines, refused = json_lines('{"a": [1,\\n  {"b": NaN}],\\n "a": 2}')
    >>> lines[("a",)], lines[("a", 1)], lines[("a", 1, "b")]
    (1, 2, 2)
    >>> refused
    [(('a', 1, 'b'), 2, 'invalid JSON: NaN is not a number; write a finite number'), \
(('a',), 3, 'this key is already set on line 1; a key may be set only once')]
    """
    lines: dict[Loc, int] = {}
    refused: list[tuple[Loc, int, str]] = []
    stack: list[_Frame] = []
    line, end = 1, 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", end, match.start())
        end = match.end()
        token = match.group()
        top = stack[-1] if stack else None
        if token in "}]":
            stack.pop()
        elif token == ",":
            if top is not None:
                top.expect_key = top.keys is not None
        elif token == ":":
            if top is not None:
                top.expect_key = False
        elif top is not None and top.expect_key and token.startswith('"'):
            key = json.loads(token)
            loc = (*top.loc, key)
            first = top.keys.get(key) if top.keys is not None else None
            if first is not None:
                refused.append((loc, line, f"this key is already set on line {first}; " + _ONCE))
            elif top.keys is not None:
                top.keys[key] = line
            lines.setdefault(loc, line)
            top.key = key
        else:
            loc = top.next(lines, line) if top is not None else ()
            if token in "{[":
                keys: dict[str, int] | None = {} if token == "{" else None
                stack.append(_Frame(loc, keys, expect_key=keys is not None))
            else:
                problem = _number_problem(token)
                if problem:
                    refused.append((loc, line, problem))
    return lines, refused


_ONCE = "a key may be set only once"


@attrs.define
class _Frame:
    """An object (``keys``: each key's first line) or an array (``keys`` None) being read."""

    loc: Loc
    keys: dict[str, int] | None
    key: str = ""
    index: int = -1
    expect_key: bool = False

    def next(self, lines: dict[Loc, int], line: int) -> Loc:
        """Where the value that starts now belongs: the current key, or the next item."""
        if self.keys is not None:
            return (*self.loc, self.key)
        self.index += 1
        loc = (*self.loc, self.index)
        lines.setdefault(loc, line)
        return loc


def _number_problem(token: str) -> str | None:
    """Why a number or word of valid JSON text cannot be in a spec, or None."""
    if token in _CONSTANTS:
        return f"invalid JSON: {token} is not a number; write a finite number"
    if token[0] not in "-0123456789":
        return None
    digits = token.lstrip("-")
    if digits.isdigit():
        if len(digits) > _MAX_DIGITS:
            return f"too large: an integer of {len(digits):,} digits"
        return None
    if float(token) in (float("inf"), float("-inf")):
        return f"too large: {token} is beyond the range of a number"
    return None
