"""Hypothesis strategies for whole comparisons: the one module where strategies live.

Everything drawn here is *valid* but :data:`wrong_values`, which draws what a careless caller
passes where something else belongs. :func:`comparisons` builds :class:`~comparekit.Comparison`
objects that pass every rule, with labels in English, Korean and Chinese, emoji, and text
that is hostile to the outputs but allowed in a spec (formula-like cells, markup, template
syntax, pipes, newlines, TOML-looking lines). Sizes stay small so property tests run fast.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from hypothesis import strategies as st

from comparekit import (
    Comparison,
    Feature,
    FeatureType,
    Group,
    Label,
    Product,
    Qualifier,
    Source,
    Value,
)
from comparekit.model.lookalike import skeleton
from comparekit.model.rules import MAX_INTEGER, text_problem

__all__ = [
    "HOSTILE_TEXTS",
    "comparisons",
    "data_for",
    "dates",
    "feature_ids",
    "labels",
    "nested",
    "source_ids",
    "texts",
    "values_for",
    "wrong_values",
]

HOSTILE_TEXTS = (
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    '=HYPERLINK("http://evil.example","x")',
    "</td><script>alert(1)</script>",
    "<b>bold</b> & &amp;",
    "{{ 7*7 }}",
    "{% raw %}${HOME}",
    "a|b|c",
    "| --- |",
    "line one\nline two",
    "\n\nblank lines around\n\n",
    "tab\tseparated",
    "\"quoted\" and 'single'",
    "C:\\path\\to\\file",
    '"""',
    "'''",
    "# not a comment",
    "[[products]]",
    "key = 1",
    "\\u0000 is not a NUL here",
    "👍🏽 emoji",
    "👨\u200d👩\u200d👧 family",
    "화상회의 최대 인원",
    "视频会议（最多302人）",
    "日本語テキスト",
    "  padded  ",
    "zero\u200bwidth",
    "x" * 200,
)
"""Strings that trip naive writers of TOML, CSV, HTML, Markdown or spreadsheets, yet are valid."""

_CJK = "".join(chr(c) for c in range(0x4E00, 0x4E40)) + "".join(
    chr(c) for c in range(0xAC00, 0xAC40)
)

_CHARS = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")),
    st.sampled_from(_CJK),
    st.sampled_from("\n\t =|<>{}#\"'\\[]"),
)

texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(_CHARS, max_size=24).filter(lambda s: text_problem(s) is None),
)
"""Any text a spec may hold (no control characters, bidi overrides or noncharacters)."""

label_texts = texts.filter(lambda s: bool(s.strip()))
"""Text for a label: not empty and not only spaces."""

LANGUAGES = ("en", "ko", "zh")

labels = st.one_of(
    label_texts,
    st.dictionaries(st.sampled_from((*LANGUAGES, "zh-Hant")), label_texts, min_size=1, max_size=3),
)
"""A label: a plain string, or a table of translations."""

optional_labels = st.none() | labels

measures = st.none() | st.one_of(
    st.sampled_from(["家", "{}위", "#{}", "第{}"]),
    st.dictionaries(
        st.sampled_from(LANGUAGES), st.sampled_from(["곳", "所", "hospitals", "{}위"]), min_size=1
    ),
    labels.filter(
        lambda m: all(
            t.count("{}") <= 1 and t.replace("{}", "").strip()
            for t in ([m] if isinstance(m, str) else m.values())
        )
    ),
)
"""A feature's measure word or pattern (count, number and fraction only), or none."""

_MEASURE_TYPES = (FeatureType.COUNT, FeatureType.NUMBER, FeatureType.FRACTION)

translated_labels = st.dictionaries(st.sampled_from(LANGUAGES), label_texts, min_size=1, max_size=3)
"""A label given as a table of translations (so it stays a Label inside a value)."""

source_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}", fullmatch=True)
"""Ids in the pattern the spec requires of sources (and a good shape for any id)."""

feature_ids = st.one_of(
    source_ids,
    st.sampled_from(["사용자", "用户数", "naïve", "a.b", "with space", "Größe", "データ", "\"'"]),
).filter(lambda s: s != "x")
"""Feature ids, some of which must be quoted as TOML keys. ``x`` is reserved."""

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))

urls = st.sampled_from(
    [
        "https://example.com/",
        "http://example.org/a/b?c=1&d=2#frag",
        "https://例子.中国/路径?q=한국어",
        "HTTPS://EXAMPLE.COM/UPPER",
    ]
)

currencies = st.sampled_from(["CNY", "USD", "KRW", "EUR"])

_NUMERIC = tuple(kind for kind in FeatureType if kind.numeric)

_numbers = st.one_of(
    st.integers(-MAX_INTEGER, MAX_INTEGER),
    st.floats(-1e15 + 1, 1e15 - 1, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 0.5, -20, 350, 1e-7, 123456.789]),
)


def _normalised(identifier: str) -> str:
    return unicodedata.normalize("NFKC", identifier).casefold()


def _looks_like(identifier: str) -> str:
    return skeleton(_normalised(identifier))


DISTINCT_IDS = (_normalised, skeleton, _looks_like)
"""Ids unique under each of these are ids the rules take for different ones: not the same
ignoring case and form, and not look-alikes (UTS #39 skeletons, as ``model/rules.py``)."""


def data_for(kind: FeatureType) -> st.SearchStrategy[Any]:
    """A valid figure for a feature of type ``kind``."""
    if kind is FeatureType.TEXT:
        return st.one_of(texts, translated_labels)
    if kind is FeatureType.BOOLEAN:
        return st.booleans()
    if kind is FeatureType.COUNT:
        return st.one_of(st.integers(0, MAX_INTEGER), st.integers(0, 10_000))
    if kind in _NUMERIC:
        return _numbers
    if kind is FeatureType.DATE:
        return dates
    if kind is FeatureType.FRACTION:
        return st.integers(1, MAX_INTEGER).flatmap(
            lambda whole: st.tuples(st.integers(0, whole), st.just(whole))
        )
    return st.lists(st.one_of(texts, translated_labels), max_size=4)


@st.composite
def _figure_and_max(draw: st.DrawFn, kind: FeatureType) -> tuple[Any, Any]:
    """A figure, and a max at or above it when the type takes one (else None)."""
    takes_max = kind.ordered and kind is not FeatureType.FRACTION
    if not takes_max or not draw(st.booleans()):
        return draw(data_for(kind)), None
    low, high = sorted([draw(data_for(kind)), draw(data_for(kind))])
    return low, high


@st.composite
def values_for(draw: st.DrawFn, kind: FeatureType, source_ids: list[str]) -> Value:
    """A valid value for a feature of type ``kind``, citing some of ``source_ids``."""
    status = draw(st.sampled_from(["known", "known", "known", "not_stated", "not_applicable"]))
    cited = (
        draw(st.lists(st.sampled_from(source_ids), unique=True, max_size=2)) if source_ids else []
    )
    note = draw(st.none() | labels)
    as_of = draw(st.none() | dates)
    if status != "known":
        return Value(status=status, note=note, source=cited, as_of=as_of)
    figure, top = draw(_figure_and_max(kind))
    qualifier = draw(st.none() | st.sampled_from(list(Qualifier)))
    if qualifier is Qualifier.PARTIAL and note is None:
        note = draw(labels)
    currency = draw(st.none() | currencies) if kind is FeatureType.MONEY else None
    return Value(
        figure,
        qualifier=qualifier,
        max=top,
        as_of=as_of,
        note=note,
        source=cited,
        currency=currency,
        condition=draw(st.none() | labels) if draw(st.integers(0, 3)) == 0 else None,
    )


@st.composite
def _sources(draw: st.DrawFn) -> list[Source]:
    ids = draw(st.lists(source_ids, unique_by=DISTINCT_IDS, max_size=3))
    return [
        Source(
            id=identifier,
            title=draw(label_texts),
            publisher=draw(st.none() | texts),
            published=draw(st.none() | dates),
            accessed=draw(st.none() | dates),
            url=draw(st.none() | urls),
            language=draw(st.none() | st.sampled_from(LANGUAGES)),
        )
        for identifier in ids
    ]


@st.composite
def _groups(draw: st.DrawFn) -> list[Group]:
    ids = draw(st.lists(feature_ids, unique_by=DISTINCT_IDS, max_size=3))
    return [Group(id=identifier, label=draw(labels)) for identifier in ids]


_DECIMAL_TYPES = (
    FeatureType.NUMBER,
    FeatureType.PERCENT,
    FeatureType.CHANGE,
    FeatureType.MULTIPLIER,
    FeatureType.MONEY,
)


def _default_source(source_ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    """A product's or feature's default source: mostly none, else one or two of the ids."""
    if not source_ids:
        return st.just(())
    return st.just(()) | st.lists(
        st.sampled_from(source_ids), unique=True, min_size=1, max_size=2
    ).map(tuple)


@st.composite
def _features(draw: st.DrawFn, group_ids: list[str], source_ids: list[str]) -> list[Feature]:
    ids = draw(st.lists(feature_ids, unique_by=DISTINCT_IDS, min_size=1, max_size=5))
    out = []
    for identifier in ids:
        kind = draw(st.sampled_from(list(FeatureType)))
        rankable = kind not in (FeatureType.TEXT, FeatureType.LIST)
        out.append(
            Feature(
                id=identifier,
                label=draw(labels),
                type=kind,
                group=draw(st.none() | st.sampled_from(group_ids)) if group_ids else None,
                unit=draw(optional_labels),
                better=draw(st.none() | st.sampled_from(["higher", "lower"])) if rankable else None,
                description=draw(optional_labels),
                currency=draw(st.none() | currencies) if kind is FeatureType.MONEY else None,
                decimals=draw(st.none() | st.integers(0, 10)) if kind in _DECIMAL_TYPES else None,
                source=draw(_default_source(source_ids)),
                measure=draw(measures) if kind in _MEASURE_TYPES else None,
                show=draw(st.none() | st.sampled_from(["matrix", "highlights"])),
            )
        )
    return out


@st.composite
def _products(draw: st.DrawFn, features: list[Feature], source_ids: list[str]) -> list[Product]:
    ids = draw(st.lists(feature_ids, unique_by=DISTINCT_IDS, min_size=1, max_size=4))
    out = []
    for identifier in ids:
        values = {}
        for feature in features:
            if draw(st.integers(0, 4)) == 0:
                continue  # left out: not stated
            values[feature.id] = draw(values_for(feature.type, source_ids))
        out.append(
            Product(
                id=identifier,
                name=draw(labels),
                vendor=draw(optional_labels),
                url=draw(st.none() | urls),
                description=draw(optional_labels),
                values=values,
                source=draw(_default_source(source_ids)),
            )
        )
    return out


@st.composite
def comparisons(draw: st.DrawFn) -> Comparison:
    """A whole valid comparison: sources, groups, features of every type, products, values."""
    sources = draw(_sources())
    groups = draw(_groups())
    features = draw(_features([g.id for g in groups], [s.id for s in sources]))
    products = draw(_products(features, [s.id for s in sources]))
    return Comparison(
        title=draw(labels),
        subtitle=draw(optional_labels),
        as_of=draw(st.none() | dates),
        language=draw(st.sampled_from(LANGUAGES)),
        summary=draw(optional_labels),
        prepared_for=draw(st.none() | texts),
        prepared_by=draw(st.none() | texts),
        sources=sources,
        groups=groups,
        features=features,
        products=products,
    )


def nested(depth: int) -> list[Any]:
    """A list nested ``depth`` deep: deeper than Python's recursion limit when depth is 5,000."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([-1, 0, 10**15, 10**4000, -(10**4000)]),  # repr fails past 4,300 digits
    st.floats(),  # NaN and ±inf included
    st.binary(max_size=6),
    st.text(max_size=6),
    st.sampled_from(["", "\x00", "\x1b[2J", "a" * 300, "2020-02-28", "count", "about", "en"]),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.builds(object),
    st.just(Label("x")),
    st.just(FeatureType.COUNT),
)

wrong_values = st.one_of(
    _SCALARS,
    st.recursive(
        _SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.tuples(inner, inner),
            st.dictionaries(
                st.one_of(st.text(max_size=3), st.integers(), st.none()), inner, max_size=3
            ),
            st.frozensets(st.integers(), max_size=3),
        ),
        max_leaves=6,
    ),
    st.builds(nested, st.just(5_000)),
    st.builds(lambda deep: {"en": deep}, st.builds(nested, st.just(5_000))),
    st.sampled_from([[("en", 1)], (("en", None),)]),
)
"""Anything but what belongs: None, numbers huge, NaN or infinite, bytes, dates and date-times,
text that is not the right text, arrays, tables, sets, and arrays nested 5,000 deep."""
