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

A figure takes its feature's measure word (a fraction the language's default), and its unit
where no heading carries it (``unit=True``); an addition in brackets after a text that ends
in a bracket goes into that bracket:

>>> hospitals = Feature(id="h", label="H", type="fraction", measure={"zh": "家", "ko": "곳"})
>>> [value_text(hospitals, Value((17, 20)), WORDS[lang], "en") for lang in ("en", "ko", "zh")]
['17 of 20', '20곳 중 17곳', '20家中的17家']
>>> months = Feature(id="m", label="M", type="number", unit={"en": "months", "ko": "개월"})
>>> value_text(months, Value(3, qualifier="average"), WORDS["ko"], "en", unit=True)
'평균 3개월'
>>> app = Feature(id="a", label="A", type="text")
>>> value_text(app, Value("Feishu Docs (飞书文档)", qualifier="uncertain"), WORDS["en"], "en")
'Feishu Docs (飞书文档; not certain)'
"""

from __future__ import annotations

import re
from typing import Any

from comparekit.layout import numbers
from comparekit.layout.words import Words
from comparekit.model import Feature, FeatureType, Label, Value

__all__ = ["attach", "ends_in_bracket", "figure", "measured", "plain", "value_text"]

CLOSING_BRACKETS = ")）]］】〕」』"
"""Brackets that close a text (half- and full-width): a bracketed addition after one of them
goes inside it instead (see :func:`attach`)."""

_ADDITION = re.compile(r"\s*[(（]([^()（）]*)[)）]", re.DOTALL)
"""An addition in brackets, as the words add one after a text: `` (not certain)``."""


def plain(text: str | Label, lang: str, default: str) -> str:
    """A string or a label, in ``lang``."""
    return text.text(lang, default) if isinstance(text, Label) else text


def ends_in_bracket(text: str) -> bool:
    """Whether ``text`` ends in a closing bracket, so that an addition in brackets after it
    would double them (``Users (DAU) (people)``).

    >>> ends_in_bracket("日活跃用户数（DAU）"), ends_in_bracket("Users")
    (True, False)
    """
    end = text.rstrip()[-1:]
    return bool(end) and end in CLOSING_BRACKETS


def attach(text: str, joined: str, words: Words) -> str:
    """``joined``, which is ``text`` with an addition after it; if the addition is in
    brackets and ``text`` already ends in one, the addition goes into that bracket.

    >>> from comparekit.layout.words import WORDS
    >>> attach("飞书文档（草案）", "飞书文档（草案）（尚不确定）", WORDS["zh"])
    '飞书文档（草案，尚不确定）'
    >>> attach("100", "100 (partial)", WORDS["en"])
    '100 (partial)'
    """
    if not joined.startswith(text) or not ends_in_bracket(text):
        return joined
    addition = _ADDITION.fullmatch(joined[len(text) :])
    if addition is None:
        return joined
    body = text.rstrip()
    return body[:-1] + words.bracket_join + addition.group(1) + body[-1]


def measured(number: str, measure: str, words: Words) -> str:
    """``number`` with a measure word (``17곳``, ``100만 명``, ``3 months``) or in a pattern
    with ``{}`` for it (``第{}``: ``第1``); ``number`` itself without one.

    >>> from comparekit.layout.words import WORDS
    >>> measured("100만", "명", WORDS["ko"]), measured("1", "{}위", WORDS["ko"]), measured("3", "", WORDS["en"])
    ('100만 명', '1위', '3')
    """
    if not measure:
        return number
    if "{}" in measure:
        return measure.replace("{}", number)
    if number[-1:] and number[-1] in words.measure_spaced_after:
        return f"{number} {measure}"
    return words.with_measure.format(figure=number, measure=measure)


def measure_of(feature: Feature, words: Words, default: str, unit: bool) -> str:
    """The measure word of ``feature``'s figures in ``words.lang``: its ``measure`` in that
    language (never another language's), else its unit when ``unit``, else nothing."""
    lang = words.lang
    if feature.measure is not None:
        found = dict(feature.measure.translations)
        word = found.get(lang, found.get("") if lang == default else None)
        if word is not None:
            return word
    if unit and feature.unit is not None and feature.type is not FeatureType.FRACTION:
        return plain(feature.unit, lang, default)
    return words.measure if feature.type is FeatureType.FRACTION else ""


def figure(
    feature: Feature,
    data: Any,
    words: Words,
    default: str,
    currency: str | None,
    measure: str = "",
) -> str:
    """A bare figure of the feature's type, without qualifier; a count, number or fraction
    with ``measure`` (:func:`measured`)."""
    kind = feature.type
    lang = words.lang
    if kind is FeatureType.TEXT:
        return plain(data, lang, default)
    if kind is FeatureType.BOOLEAN:
        return words.yes if data else words.no
    if kind is FeatureType.COUNT:
        return measured(numbers.count(data, words), measure, words)
    places = feature.decimals
    if kind is FeatureType.NUMBER:
        return measured(numbers.number(data, words, places), measure, words)
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
        part_text = (
            measured(f"{part:,}", measure, words) if words.fraction_measures_part else f"{part:,}"
        )
        return words.fraction.format(part=part_text, whole=measured(f"{whole:,}", measure, words))
    return words.list_separator.join(plain(item, lang, default) for item in data)


def value_text(
    feature: Feature,
    value: Value,
    words: Words,
    default: str,
    *,
    unit: bool = False,
    measure: str | None = None,
) -> str:
    """A known value as the reader sees it: ``about 200 million``, ``102 (up to 302)``;
    a condition follows the higher figure, or else the figure (``Yes (in beta)``).

    Each figure takes its measure word (:func:`measure_of`), and its unit with ``unit``
    (where no heading carries the unit: ``평균 3개월``); ``measure``, if given, is that
    word already worked out (a caller drawing a whole row works it out once). An addition
    in brackets after a text that ends in a bracket goes into it (:func:`attach`)."""
    currency = value.currency or feature.currency
    if measure is None:
        measure = measure_of(feature, words, default, unit)
    text = figure(feature, value.value, words, default, currency, measure)
    if value.qualifier is not None:
        text = attach(text, words.qualifiers[value.qualifier.value].format(text), words)
    condition = value.condition.text(words.lang, default) if value.condition else ""
    if value.max is not None:
        top = figure(feature, value.max, words, default, currency, measure)
        if condition:
            joined = words.with_max_condition.format(value=text, max=top, condition=condition)
        else:
            joined = words.with_max.format(value=text, max=top)
        return attach(text, joined, words)
    if condition:
        return attach(text, words.with_condition.format(value=text, condition=condition), words)
    return text
