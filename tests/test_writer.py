"""The spec writer: dump gives text that loads back into an equal comparison."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from spec_texts import spec, with_g
from strategies import comparisons

from comparekit import Comparison, Status, dump, loads
from comparekit.spec.writer import key as toml_key

# --------------------------------------------------------------------------- dump


def test_dump_sample_round_trip(sample: Comparison) -> None:
    """loads(dump(sample)) == sample, and dumping again gives the same text."""
    text = dump(sample)
    assert text.startswith("format = 1\n")
    again = loads(text)
    assert again == sample
    assert dump(again) == text


def test_dump_not_applicable_and_empty_list() -> None:
    """not_applicable and an empty list survive the round trip."""
    text = with_g(spec("list", "[]"), '{ status = "not_applicable", note = "n" }')
    c = loads(text)
    assert c.value("a", "f").value == ()
    again = loads(dump(c))
    assert again == c
    assert again.value("a", "g").status is Status.NOT_APPLICABLE


def test_dump_quotes_keys() -> None:
    """Ids that are not bare TOML keys are quoted and escaped."""
    assert toml_key("users") == "users"
    assert toml_key("사용자") == '"사용자"'
    assert toml_key('a"b') == '"a\\"b"'
    assert toml_key("a.b") == '"a.b"'


@settings(max_examples=60, deadline=None)
@given(comparisons())
def test_dump_round_trip(comparison: Comparison) -> None:
    """For any valid comparison, loads(dump(c)) == c and dump is stable."""
    text = dump(comparison)
    again = loads(text)
    assert again == comparison
    assert dump(again) == text


@pytest.mark.parametrize(
    ("comparison", "expected"),
    [(None, "None"), ("x", '"x"'), ({"title": "T"}, "a table")],
)
def test_dump_needs_a_comparison(comparison: object, expected: str) -> None:
    """dump() refuses anything but a Comparison with a TypeError saying what it got."""
    with pytest.raises(TypeError) as info:
        dump(comparison)  # type: ignore[arg-type]
    assert str(info.value) == f"dump() writes a Comparison, got {expected}"
