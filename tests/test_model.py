"""The model classes: labels, values and their conversions, lookups on a comparison."""

from __future__ import annotations

from typing import Any

import pytest
from builders import build

from comparekit import Feature, FeatureType, Label, Qualifier, Status, Value
from comparekit.model import NOT_STATED

# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("translations", "lang", "default", "expected"),
    [
        ({"en": "E", "ko": "K", "zh": "Z"}, "ko", "en", "K"),
        ({"en": "E", "ko": "K", "zh": "Z"}, "zh", "en", "Z"),
        ({"en": "E", "ko": "K"}, "zh", "en", "E"),
        ({"en": "E", "ko": "K"}, "zh", "ko", "K"),
        ({"ko": "K", "zh": "Z"}, "en", "en", "K"),
        ({"zh": "Z"}, "ko", "en", "Z"),
        ("Plain", "zh", "en", "Plain"),
        ("Plain", "en", "en", "Plain"),
        ("Plain", "ko", "ko", "Plain"),
        ({"": "Plain", "ko": "K"}, "ko", "en", "K"),
        ({"": "Plain", "ko": "K"}, "zh", "en", "Plain"),
        ({"": "Plain", "ko": "K"}, "en", "en", "Plain"),
    ],
)
def test_label_fallback(translations: Any, lang: str, default: str, expected: str) -> None:
    """Label.text falls back from the language to the comparison's language, then to any."""
    assert Label(translations).text(lang, default=default) == expected


def test_label_conversions() -> None:
    """A label is built from a string, a mapping or a label; equal content gives equal labels."""
    assert Label("Users").plain
    assert not Label({"en": "Users"}).plain
    assert Label({"ko": "사용자", "en": "Users"}) == Label({"en": "Users", "ko": "사용자"})
    assert Label({"ko": "사용자", "en": "Users"}).languages() == ("en", "ko")
    assert Feature(id="f", label=Label("F"), type="count").label == Label("F")
    with pytest.raises(TypeError, match="translations must be strings"):
        Label({"en": 1})
    with pytest.raises(TypeError, match="a label is a string or a table of translations"):
        Label(3)


# --------------------------------------------------------------------------- values and lookups


def test_value_status_defaults() -> None:
    """Value's status is KNOWN with a value, NOT_STATED without; only KNOWN is truthy."""
    assert Value(0).status is Status.KNOWN
    assert Value(False).status is Status.KNOWN
    assert Value().status is Status.NOT_STATED
    assert Value(note="vague").status is Status.NOT_STATED
    assert Value(status="not_applicable").status is Status.NOT_APPLICABLE
    assert [bool(s) for s in Status] == [True, False, False]


def test_value_conversions() -> None:
    """Value converts enums from strings, lists to tuples, a single source to a tuple."""
    value = Value([1, 2], qualifier="about", source="src", note="n")
    assert value.value == (1, 2)
    assert value.qualifier is Qualifier.ABOUT
    assert value.source == ("src",)
    assert value.note == Label("n")
    assert Value({"en": "Yes"}).value == Label({"en": "Yes"})
    with pytest.raises(ValueError, match="abuot"):
        Value(1, qualifier="abuot")


def test_value_lookup_not_stated() -> None:
    """Comparison.value gives NOT_STATED for a feature the product leaves out."""
    c = build({"count": 3})
    assert c.value("a", "count").value == 3
    assert c.value("a", "text") is NOT_STATED
    assert c.value("a", "text").status is Status.NOT_STATED


@pytest.mark.parametrize(("product", "feature"), [("a", "nope"), ("nope", "count")])
def test_value_lookup_unknown(product: str, feature: str) -> None:
    """Comparison.value raises KeyError for an unknown product or feature."""
    with pytest.raises(KeyError):
        build().value(product, feature)


def test_lookups() -> None:
    """feature(), product() and source() find items by id and raise KeyError otherwise."""
    c = build()
    assert c.feature("date").type is FeatureType.DATE
    assert c.product("a").name == Label("A")
    assert c.source("src").title == "S"
    for lookup in (c.feature, c.product, c.source):
        with pytest.raises(KeyError):
            lookup("missing")


def test_comparison_is_frozen() -> None:
    """A comparison cannot be changed after it was checked."""
    c = build()
    with pytest.raises(AttributeError):
        c.title = Label("Other")  # type: ignore[misc]
