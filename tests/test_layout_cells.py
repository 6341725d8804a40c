"""One value as display text (``layout/cells.py``): each type's form, money, qualifiers in words."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import cells, one

from comparekit import Feature, Value


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("text", "hello", "hello"),
        ("boolean", True, "Yes"),
        ("boolean", False, "No"),
        ("count", 2_500_000, "2.5 million"),
        ("number", 3.25, "3.25"),
        ("percent", 80, "80%"),
        ("change", 350, "+350%"),
        ("change", -20.5, "−20.5%"),
        ("multiplier", 10, "10×"),
        ("date", dt.date(2020, 2, 25), "25 Feb 2020"),
        ("fraction", (17, 20), "17 of 20"),
        ("list", ("a", "b", "c"), "a, b, c"),
    ],
)
def test_every_type_in_english(kind: str, value: object, expected: str) -> None:
    """Each feature type has its English display form."""
    assert cells(one(Feature(id="f", label="F", type=kind), Value(value))) == [expected]


def test_money_and_currency_override() -> None:
    """Money shows its currency; a value's currency overrides the feature's."""
    feature = Feature(id="m", label="M", type="money", currency="CNY")
    comparison = one(feature, Value(500_000), Value(2_000_000, currency="USD"))
    assert cells(comparison) == ["CNY 500,000", "USD 2 million"]
    assert cells(comparison, "zh") == ["CNY 50万", "USD 200万"]


@pytest.mark.parametrize(
    ("qualifier", "en", "ko", "zh"),
    [
        ("about", "about 5", "약 5", "约5"),
        ("more_than", "more than 5", "5 넘음", "超过5"),
        ("at_least", "at least 5", "최소 5", "至少5"),
        ("up_to", "up to 5", "최대 5", "最多5"),
        ("average", "5 on average", "평균 5", "平均5"),
        ("planned", "5 (planned)", "5 (예정)", "5（计划中）"),
        ("uncertain", "5 (not certain)", "5 (확실하지 않음)", "5（尚不确定）"),
    ],
)
def test_qualifiers_in_words(qualifier: str, en: str, ko: str, zh: str) -> None:
    """Every qualifier is shown in the words of the report's language."""
    comparison = one(Feature(id="f", label="F", type="count"), Value(5, qualifier=qualifier))
    assert [cells(comparison, lang)[0] for lang in ("en", "ko", "zh")] == [en, ko, zh]
