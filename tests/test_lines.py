"""The key-line scanner: each problem is reported at the line of its own key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from spec_texts import NAME, at, errors, line, spec
from strategies import comparisons

from comparekit import Comparison, dump
from comparekit.spec.lines import key_lines
from comparekit.spec.writer import key as toml_key
from comparekit.spec.writer import literal

# --------------------------------------------------------------------------- line numbers

LINES_BASE = '''\
format = 1

[comparison]
title = "T"
summary = """
A summary that looks like TOML:
users = "lots"
[[products]]
id = "fake" # and ' quotes "
"""
prepared_by = \'\'\'
literal
[x]
\'\'\'

[[features]]
id = "users"
label = { en = "Users", ko = "사용자" }
type = "count"

[[features]]
id = "사용자 수"
label = "Users (ko)"
type = "count"

[[features]]
id = "tags"
label = "Tags"
type = "list"

[[products]]
id = "a"
name = "A # not a comment [nor a table] { nor inline"
values.users = "lots"

[[products]]
id = "b"
name = "B"

[products.values]
tags = [
  "ok",
  1,
]
users = { value = 5, max = 3 }
"사용자 수" = -1

[[products]]
id = "c"
name = "C"
# a comment with a line separator \u2028 in it

[products.values.users]
note = "n"
value = "lots"
'''


@pytest.mark.parametrize(
    ("start", "nth", "path", "message"),
    [
        ('values.users = "lots"', 1, "products[a].values.users.value",
         'expected an integer ≥ 0 for type "count", got "lots"'),
        ("tags = [", 1, "products[b].values.tags.value",
         'expected an array of strings for type "list", got an array of 2'),
        ("users = {", 1, "products[b].values.users.max", "max 3 is below value 5"),
        ('"사용자 수" = -1', 1, "products[b].values.사용자 수.value",
         'expected an integer ≥ 0 for type "count", got integer -1'),
        ('value = "lots"', 1, "products[c].values.users.value",
         'expected an integer ≥ 0 for type "count", got "lots"'),
    ],
)  # fmt: skip
def test_line_numbers(start: str, nth: int, path: str, message: str) -> None:
    """Each problem points at its own key: dotted keys, sections, sub-tables, quoted keys."""
    problems = errors(LINES_BASE)
    assert at(LINES_BASE, start, path, message, nth) in problems


def test_line_numbers_all() -> None:
    """The line test file reports exactly its five problems, in line order."""
    problems = errors(LINES_BASE)
    assert len(problems) == 5
    numbers = [int(p.split(":")[1]) for p in problems]
    assert numbers == sorted(numbers)


def test_key_lines_skip_strings() -> None:
    """Keys inside multi-line strings are not keys; keys after them keep their real lines."""
    lines = key_lines(LINES_BASE)
    assert lines[("comparison", "prepared_by")] == line(LINES_BASE, "prepared_by")
    assert lines[("features", 0)] == line(LINES_BASE, "[[features]]")
    assert ("products", 0, "id") in lines
    assert lines[("products", 0, "id")] == line(LINES_BASE, 'id = "a"')
    assert ("x",) not in lines
    assert lines[("products", 2, "values", "users", "value")] == line(LINES_BASE, 'value = "lots"')


def test_line_of_inline_label_key() -> None:
    """A bad language key inside an inline label table is reported at that line."""
    text = spec("count", "1").replace('label = "F"', 'label = { en = "F", english = "F" }')
    assert errors(text) == [
        at(text, "label = {", "features[f].label.english", 'not a language tag: "english"')
    ]


def test_line_after_unicode_line_separator() -> None:
    """U+2028 inside a string does not shift the lines of later keys."""
    text = spec("count", '"lots"').replace('title = "T"', 'title = "T\u2028U"')
    assert errors(text) == [
        at(
            text,
            "f =",
            "products[a].values.f.value",
            'expected an integer ≥ 0 for type "count", got "lots"',
        )
    ]


def test_line_with_escaped_quoted_key() -> None:
    """A quoted key with escapes is matched to its feature id for the line."""
    text = (
        spec("count", "1").replace('id = "f"', 'id = "a\\"b"').replace("f = 1", '"a\\"b" = "lots"')
    )
    assert errors(text) == [
        at(
            text,
            '"a\\"b" =',
            'products[a].values.a"b.value',
            'expected an integer ≥ 0 for type "count", got "lots"',
        )
    ]


@settings(max_examples=30, deadline=None)
@given(comparisons())
def test_dumped_lines_are_found(comparison: Comparison) -> None:
    """In dumped text with hostile strings, every item and value key maps to its own line."""
    text = dump(comparison)
    rows = text.split("\n")
    lines = key_lines(text)
    for kind in ("sources", "groups", "features", "products"):
        for index, item in enumerate(getattr(comparison, kind)):
            number = lines[(kind, index, "id")]
            assert rows[number - 1] == f"id = {literal(item.id)}"
    for index, product in enumerate(comparison.products):
        for feature_id in product.values:
            number = lines[("products", index, "values", feature_id)]
            assert rows[number - 1].startswith(toml_key(feature_id) + " = ")


@settings(max_examples=20, deadline=None)
@given(comparisons())
def test_error_after_hostile_text_has_its_line(comparison: Comparison) -> None:
    """An error appended after any dumped comparison is reported at its own line."""
    text = dump(comparison) + '\n[[products]]\nid = "Z Z"\nname = "Z"\ncolour = 1\n'
    number = len(text.split("\n")) - 1
    assert errors(text) == [f"{NAME}:{number}: products[Z Z].colour: unknown key 'colour'"]
