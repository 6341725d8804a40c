"""Spec limits: text, ids, arrays, cells and file size, each refused just over its limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from spec_texts import ITEMS, NAME, at, errors, line, spec

from comparekit import Limits, SpecError, load, loads
from comparekit.spec.reader import read_bytes


@pytest.mark.parametrize(
    ("old", "new", "start", "path"),
    [
        ('title = "T"', 'title = "{}"', "title =", "comparison.title"),
        ('title = "T"', 'title = {{ zh = "{}" }}', "title =", "comparison.title.zh"),
        ("f = 1", 'f = {{ value = 1, note = "{}" }}', "f =", "products[a].values.f.note"),
    ],
)
def test_text_limit(old: str, new: str, start: str, path: str) -> None:
    """A 10,001-character string is refused; 10,000 characters are accepted."""
    base = spec("count", "1")
    loads(base.replace(old, new.format("a" * 10_000)))
    text = base.replace(old, new.format("字" * 10_001))
    message = "too long: 10,001 characters; the limit is 10,000"
    assert errors(text) == [at(text, start, path, message)]


@pytest.mark.parametrize(
    ("kind", "toml", "path"),
    [
        ("text", '"{}"', "products[a].values.f.value"),
        ("text", '{{ value = "{}" }}', "products[a].values.f.value"),
        ("list", '["ok", "{}"]', "products[a].values.f.value[1]"),
    ],
)
def test_text_limit_in_values(kind: str, toml: str, path: str) -> None:
    """Text values and list items obey the text limit, reported at the value's path."""
    text = spec(kind, toml.format("a" * 10_001))
    message = "too long: 10,001 characters; the limit is 10,000"
    assert errors(text) == [at(text, "f =", path, message)]


def test_id_limit() -> None:
    """An id longer than Limits.max_id is refused."""
    long = "a" * 65
    text = spec("count", "1").replace('id = "a"', f'id = "{long}"')
    message = "too long: 65 characters; the limit is 64"
    assert errors(text) == [at(text, 'id = "aaa', f"products[{long}].id", message)]


# --------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("products", "max_products"),
        ("features", "max_features"),
        ("sources", "max_sources"),
        ("groups", "max_groups"),
    ],
)
def test_too_many_items(kind: str, field: str) -> None:
    """Three items over a limit of two fail at the array's first line; two items pass."""
    item = ITEMS[kind]
    base = 'format = 1\n[comparison]\ntitle = "T"\n' + item.format("p1") + item.format("p2")
    loads(base, limits=Limits(**{field: 2}))
    text = base + item.format("p3")
    assert errors(text, limits=Limits(**{field: 2})) == [
        f"{NAME}:{line(text, f'[[{kind}]]')}: {kind}: too many: 3; the limit is 2"
    ]


def test_too_many_cells(minimal_text: str) -> None:
    """A matrix over Limits.max_cells fails with the product and feature counts."""
    expected = f"{NAME}:{line(minimal_text, '[[products]]')}: products: the matrix has 2 cells (2 products × 1 feature); the limit is 1"
    assert errors(minimal_text, limits=Limits(max_cells=1)) == [expected]


def test_file_too_large(tmp_path: Path, minimal_text: str) -> None:
    """A file over Limits.max_file_bytes is refused before it is parsed, by load and read_bytes."""
    path = tmp_path / "big.toml"
    path.write_text(minimal_text, encoding="utf-8")
    size = len(minimal_text.encode())
    message = f"the file is {size:,} bytes; the limit is 100"
    with pytest.raises(SpecError) as info:
        load(path, limits=Limits(max_file_bytes=100))
    assert [str(p) for p in info.value.problems] == [f"{path}: {message}"]
    with pytest.raises(SpecError) as info:
        read_bytes(minimal_text.encode(), NAME, limits=Limits(max_file_bytes=100))
    assert [str(p) for p in info.value.problems] == [f"{NAME}: {message}"]
    assert load(path, limits=Limits(max_file_bytes=size)) == loads(minimal_text)
