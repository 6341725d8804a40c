"""The model classes: labels, values and their conversions, lookups on a comparison."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from builders import build
from strategies import nested

from comparekit import (
    Comparison,
    Feature,
    FeatureType,
    Label,
    Limits,
    ModelError,
    Product,
    Qualifier,
    Source,
    Status,
    Value,
)
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


# --------------------------------------------------------------------------- wrong types


def _messages(make: Any) -> list[str]:
    """The problems, as printed, of a model object that ``make`` builds wrongly."""
    with pytest.raises(ModelError) as info:
        make()
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: Comparison(title="T", as_of="2020-02-28"),
            '<comparison>: comparison.as_of: expected a date (datetime.date), got "2020-02-28"',
        ),
        (
            lambda: Comparison(title="T", as_of=dt.datetime(2020, 2, 28, 9)),
            "<comparison>: comparison.as_of: expected a date (datetime.date), "
            "got date-time 2020-02-28T09:00:00; pass its .date()",
        ),
        (
            lambda: Source(id="s", title="S", published="2020-02-28"),
            '<Source>: published: expected a date (datetime.date), got "2020-02-28"',
        ),
        (
            lambda: Source(id="s", title="S", accessed=20200228),
            "<Source>: accessed: expected a date (datetime.date), got integer 20200228",
        ),
        (
            lambda: Value(1, as_of="2020"),
            '<Value>: as_of: expected a date (datetime.date), got "2020"',
        ),
    ],
)
def test_date_fields_take_only_dates(make: Any, expected: str) -> None:
    """A string, a number or a date-time where a date belongs is refused when built: before,
    a string passed and every renderer died with AttributeError."""
    assert _messages(make) == [expected]


def test_feature_without_id() -> None:
    """Feature(id=None) is refused with the field's name, not an AttributeError later."""
    assert _messages(lambda: Feature(id=None, label="F", type="count")) == [
        "<Feature>: id: expected a string, got None"
    ]


def test_every_wrong_field_is_reported_at_once() -> None:
    """A part lists every field of the wrong type, each with what it expected."""
    assert _messages(lambda: Feature(id=7, label=3, type="cuont", better=True, unit=b"kg")) == [
        "<Feature>: id: expected a string, got integer 7",
        "<Feature>: label: a label is a string or a table of translations, got integer 3",
        '<Feature>: type: expected one of "text", "boolean", "count", "number", "percent", '
        '"change", "multiplier", "money", "date", "fraction", "list", got "cuont" '
        "(did you mean 'count'?)",
        "<Feature>: unit: a label is a string or a table of translations, got bytes",
        '<Feature>: better: expected one of "higher", "lower", got boolean true',
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"features": {"f": Feature(id="f", label="F", type="count")}},
            "<comparison>: features: expected an array of Feature, got a table",
        ),
        ({"products": "abc"}, '<comparison>: products: expected an array of Product, got "abc"'),
        (
            {"sources": {Source(id="s", title="S")}},
            "<comparison>: sources: expected an array of Source, got set",
        ),
        ({"groups": None}, "<comparison>: groups: expected an array of Group, got None"),
        (
            {"features": [{"id": "f"}]},
            "<comparison>: features[0]: expected a Feature, got a table",
        ),
        (
            {"products": [Feature(id="f", label="F", type="count")]},
            "<comparison>: products[f]: expected a Product, got Feature",
        ),
        ({"language": 5}, "<comparison>: comparison.language: expected a string, got integer 5"),
        (
            {"title": None},
            "<comparison>: comparison.title: a label is a string or a table of "
            "translations, got None",
        ),
    ],
)
def test_comparison_fields_of_the_wrong_type(fields: dict[str, Any], expected: str) -> None:
    """The comparison refuses a table, a string, a set or None where an array belongs (a
    string was read as its characters) and a wrong type in its own fields, by key path."""
    assert _messages(lambda: Comparison(**{"title": "T", **fields})) == [expected]


def test_arrays_may_be_any_ordered_iterable() -> None:
    """A generator of parts is an array like a list; the comparison holds a tuple."""
    features = (Feature(id=k, label=k, type="count") for k in ("a", "b"))
    assert [f.id for f in Comparison(title="T", features=features).features] == ["a", "b"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            [("f", 1)],
            "<Product>: values: expected a table of feature ids to values, got an array of 1",
        ),
        (3, "<Product>: values: expected a table of feature ids to values, got integer 3"),
        ({1: 2}, "<Product>: values: expected feature ids (strings) as keys, got integer 1"),
        (
            {"f": {"en": 1}},
            "<Product>: values.f.value.en: a label's translations must be strings, got integer 1",
        ),
    ],
)
def test_product_values_must_be_a_table(values: Any, expected: str) -> None:
    """``values`` is a mapping of feature ids to values; anything else is named, not iterated."""
    assert _messages(lambda: Product(id="p", name="P", values=values)) == [expected]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda: Value(["a", {"en": None}]),
            "<Value>: value[1].en: a label's translations must be strings, got None",
        ),
        (
            lambda: Value(1, source=["src", 2]),
            "<Value>: source[1]: expected a source id (a string), got integer 2",
        ),
        (
            lambda: Value(1, source=5),
            "<Value>: source: expected a source id or an array of source ids, got integer 5",
        ),
        (
            lambda: Value(1, note=["n"]),
            "<Value>: note: a label is a string or a table of translations, got an array of 1",
        ),
        (
            lambda: Value(1, status=None),
            '<Value>: status: expected one of "known", "not_stated", "not_applicable", got None',
        ),
        (lambda: Value(1, currency=840), "<Value>: currency: expected a string, got integer 840"),
        (
            lambda: Value(nested(5_000)),
            "<Value>: value: arrays nested too deeply: at most 8 deep",
        ),
    ],
)
def test_value_fields_of_the_wrong_type(make: Any, expected: str) -> None:
    """A value refuses a list item that is no text, a source that is no id, and arrays
    nested 5,000 deep (a RecursionError before), each by its field."""
    assert _messages(make) == [expected]


def test_list_item_that_is_not_text() -> None:
    """A list item that is not text is refused by the rules, with the feature's type."""
    assert _messages(lambda: build({"list": ["a", 1]})) == [
        "<comparison>: products[a].values.list.value: expected an array of strings for type "
        '"list", got an array of 2'
    ]


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (True, 'expected a number for type "number", got boolean true'),
        (float("nan"), 'expected a finite number for type "number", got nan'),
        (float("-inf"), 'expected a finite number for type "number", got -inf'),
        (10**400, "too large: at most 999,999,999,999,999 in magnitude"),
        (-(10**4000), "too large: at most 999,999,999,999,999 in magnitude"),
        (Decimal("1.5"), 'expected a number for type "number", got Decimal'),
        (b"1", 'expected a number for type "number", got bytes'),
    ],
)
def test_numbers_that_are_no_figures(figure: Any, expected: str) -> None:
    """A boolean, NaN, ±inf, a huge integer, a Decimal or bytes where a number belongs is
    refused by the rules with the key path, never printed digit by digit."""
    assert _messages(lambda: build({"number": figure})) == [
        f"<comparison>: products[a].values.number.value: {expected}"
    ]


def test_huge_fraction_is_described_not_printed() -> None:
    """A fraction part of 5,000 digits is described in words (Python refuses to print it)."""
    (message,) = _messages(lambda: build({"fraction": (-(10**5000), 1)}))
    assert message.endswith("got [a negative integer of about 5001 digits, 1]")


@pytest.mark.parametrize(
    ("translations", "expected"),
    [
        ({1: "x"}, "a label's languages must be strings, got integer 1"),
        ({None: "x"}, "a label's languages must be strings, got None"),
        ((("en", 1),), "a label is a string or a table of translations, got an array of 1"),
        ([("en", "x")], "a label is a string or a table of translations, got an array of 1"),
        (b"x", "a label is a string or a table of translations, got bytes"),
    ],
)
def test_label_keys_and_texts_must_be_strings(translations: Any, expected: str) -> None:
    """A label's languages and texts are strings: an integer key is no longer turned into
    "1" silently, and a pair holding a number is refused."""
    with pytest.raises(TypeError) as info:
        Label(translations)
    assert str(info.value) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"max_products": -1}, "<Limits>: max_products: expected an integer ≥ 0, got integer -1"),
        ({"max_text": "10"}, '<Limits>: max_text: expected an integer ≥ 0, got "10"'),
        ({"max_id": True}, "<Limits>: max_id: expected an integer ≥ 0, got boolean true"),
        ({"max_cells": 1e6}, "<Limits>: max_cells: expected an integer ≥ 0, got float 1000000.0"),
    ],
)
def test_limits_are_counts(fields: dict[str, Any], expected: str) -> None:
    """Each limit is an integer ≥ 0, not a boolean, a float or text."""
    assert _messages(lambda: Limits(**fields)) == [expected]
