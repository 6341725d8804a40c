"""Spec texts and the messages expected for them, shared by the tests of the spec modules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from comparekit import Label, SpecError, loads

NAME = "s.toml"

HEAD = """\
format = 1

[comparison]
title = "T"

[[sources]]
id = "src"
title = "S"

[[groups]]
id = "meetings"
label = "M"
"""


def spec(kind: str, value: str, feature: str = "") -> str:
    """A spec with one feature ``f`` of type ``kind`` and one product ``a`` with ``f = value``."""
    return (
        HEAD
        + f'\n[[features]]\nid = "f"\nlabel = "F"\ntype = "{kind}"\n{feature}'
        + f'\n[[products]]\nid = "a"\nname = "A"\n\n[products.values]\nf = {value}\n'
    )


def with_g(text: str, value: str) -> str:
    """Add a text feature ``g`` to a :func:`spec` text, and ``g = value`` to product ``a``."""
    feature = '[[features]]\nid = "g"\nlabel = "G"\ntype = "text"\n\n[[products]]'
    return text.replace("[[products]]", feature) + f"g = {value}\n"


def errors(text: str, **kwargs: Any) -> list[str]:
    """Load ``text`` expecting a SpecError; return its problems as strings."""
    with pytest.raises(SpecError) as info:
        loads(text, name=NAME, **kwargs)
    return [str(problem) for problem in info.value.problems]


def line(text: str, start: str, nth: int = 1) -> int:
    """The 1-based number of the ``nth`` line of ``text`` that starts with ``start``."""
    found = [n for n, s in enumerate(text.split("\n"), 1) if s.lstrip().startswith(start)]
    return found[nth - 1]


def at(text: str, start: str, path: str, message: str, nth: int = 1) -> str:
    """The expected ``FILE:LINE: path: message`` for a problem on the line starting ``start``."""
    return f"{NAME}:{line(text, start, nth)}: {path}: {message}"


def value_error(kind: str, value: str, message: str, key: str = "value") -> tuple[str, str]:
    """The one problem expected for ``f = value`` in a spec of type ``kind``."""
    text = spec(kind, value)
    return text, at(text, "f =", f"products[a].values.f.{key}", message)


ITEMS = {
    "sources": '[[sources]]\nid = "{}"\ntitle = "S"\n',
    "groups": '[[groups]]\nid = "{}"\nlabel = "G"\n',
    "features": '[[features]]\nid = "{}"\nlabel = "F"\ntype = "count"\n',
    "products": '[[products]]\nid = "{}"\nname = "P"\n',
}


def as_json(tree: Any) -> Any:
    """A TOML tree as JSON data, as a JSON spec or a schema checker (Taplo) sees it: dates
    and times as ISO strings, the rest as it is."""
    if isinstance(tree, dict):
        return {key: as_json(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [as_json(item) for item in tree]
    if isinstance(tree, dt.date | dt.time):
        return tree.isoformat()
    return tree


VALID_VALUES: list[tuple[str, str, object]] = [
    ("text", '"Hello"', "Hello"),
    ("text", '""', ""),
    ("text", '{ value = { en = "Yes", ko = "예" } }', Label({"en": "Yes", "ko": "예"})),
    ("boolean", "true", True),
    ("boolean", "false", False),
    ("count", "0", 0),
    ("count", "102", 102),
    ("count", "2_500_000", 2_500_000),
    ("count", "999_999_999_999_999", 999_999_999_999_999),
    ("number", "3.5", 3.5),
    ("number", "-2", -2),
    ("number", "1e3", 1000.0),
    ("percent", "80", 80),
    ("percent", "12.5", 12.5),
    ("change", "350", 350),
    ("change", "-20", -20),
    ("multiplier", "10", 10),
    ("money", "500_000", 500_000),
    ("money", '{ value = 500_000, currency = "CNY" }', 500_000),
    ("date", "2020-02-24", dt.date(2020, 2, 24)),
    ("fraction", "[17, 20]", (17, 20)),
    ("fraction", "[0, 1]", (0, 1)),
    ("fraction", "[20, 20]", (20, 20)),
    ("list", '["a", "b", "c"]', ("a", "b", "c")),
    ("list", "[]", ()),
    ("list", '["a", { en = "b", zh = "乙" }]', ("a", Label({"en": "b", "zh": "乙"}))),
]
"""Valid values of each feature type, in TOML: (type, value, the figure it loads as)."""

VALID_MAXES: list[tuple[str, str, object]] = [
    ("count", "{ value = 102, max = 302 }", 302),
    ("count", "{ value = 5, max = 5 }", 5),
    ("number", "{ value = 1.5, max = 2 }", 2),
    ("percent", "{ value = 80, max = 90.5 }", 90.5),
    ("money", '{ value = 1, max = 2, currency = "USD" }', 2),
    ("date", "{ value = 2020-01-01, max = 2020-06-30 }", dt.date(2020, 6, 30)),
]
"""Valid value tables with a max, in TOML: (type, value table, the max it loads as)."""
