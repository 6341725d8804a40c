"""Spec texts and the messages expected for them, shared by the tests of the spec modules."""

from __future__ import annotations

from typing import Any

import pytest

from comparekit import SpecError, loads

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
