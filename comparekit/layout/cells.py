"""One value as display text: the figure, its qualifier and its higher figure, in words.

>>> from comparekit.model import Feature, Value
>>> from comparekit.layout.words import WORDS
>>> capacity = Feature(id="c", label="Capacity", type="count")
>>> value_text(capacity, Value(102, max=302), WORDS["en"], "en")
'102 (up to 302)'
>>> value_text(capacity, Value(200_000_000, qualifier="about"), WORDS["zh"], "en")
'约2亿'
>>> on_request = {"en": "on request", "ko": "문의 시", "zh": "经咨询"}
>>> [value_text(capacity, Value(102, max=302, condition=on_request), WORDS[lang], "en")
...  for lang in ("en", "ko", "zh")]
['102 (up to 302 on request)', '102 (문의 시 최대 302)', '102（经咨询最多302）']
"""

from __future__ import annotations

from typing import Any

from comparekit.layout import numbers
from comparekit.layout.words import Words
from comparekit.model import Feature, FeatureType, Label, Value

__all__ = ["figure", "plain", "value_text"]


def plain(text: str | Label, lang: str, default: str) -> str:
    """A string or a label, in ``lang``."""
    return text.text(lang, default) if isinstance(text, Label) else text


def figure(feature: Feature, data: Any, words: Words, default: str, currency: str | None) -> str:
    """A bare figure of the feature's type, without qualifier."""
    kind = feature.type
    lang = words.lang
    if kind is FeatureType.TEXT:
        return plain(data, lang, default)
    if kind is FeatureType.BOOLEAN:
        return words.yes if data else words.no
    if kind is FeatureType.COUNT:
        return numbers.count(data, words)
    places = feature.decimals
    if kind is FeatureType.NUMBER:
        return numbers.number(data, words, places)
    if kind is FeatureType.PERCENT:
        return numbers.number(data, words, places) + words.percent_suffix
    if kind is FeatureType.CHANGE:
        return numbers.signed(data, words, places) + words.percent_suffix
    if kind is FeatureType.MULTIPLIER:
        return numbers.number(data, words, places) + words.multiplier_suffix
    if kind is FeatureType.MONEY:
        amount = (
            numbers.count(data, words)
            if isinstance(data, int) and places is None
            else numbers.number(data, words, places)
        )
        return f"{currency} {amount}" if currency else amount
    if kind is FeatureType.DATE:
        return numbers.date(data, words)
    if kind is FeatureType.FRACTION:
        part, whole = data
        return words.fraction.format(part=f"{part:,}", whole=f"{whole:,}")
    return words.list_separator.join(plain(item, lang, default) for item in data)


def value_text(feature: Feature, value: Value, words: Words, default: str) -> str:
    """A known value as the reader sees it: ``about 200 million``, ``102 (up to 302)``;
    a condition follows the higher figure, or else the figure (``Yes (in beta)``)."""
    currency = value.currency or feature.currency
    text = figure(feature, value.value, words, default, currency)
    if value.qualifier is not None:
        text = words.qualifiers[value.qualifier.value].format(text)
    condition = value.condition.text(words.lang, default) if value.condition else ""
    if value.max is not None:
        top = figure(feature, value.max, words, default, currency)
        if condition:
            return words.with_max_condition.format(value=text, max=top, condition=condition)
        return words.with_max.format(value=text, max=top)
    if condition:
        return words.with_condition.format(value=text, condition=condition)
    return text
