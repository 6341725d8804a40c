"""The model's rules, for comparisons built in Python: what passes, what fails and how it says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pytest
from builders import ALL_TYPES, build
from hypothesis import given, settings
from strategies import comparisons

from comparekit import (
    Better,
    ComparekitError,
    Comparison,
    Feature,
    FeatureType,
    Group,
    Label,
    ModelError,
    Product,
    Qualifier,
    Source,
    Status,
    Value,
)
from comparekit.errors import escaped, quoted
from comparekit.model.rules import problems, strings, text_problem, url_problem


def model_errors(values: dict[str, Any] | None = None, **overrides: Any) -> list[str]:
    """Build a comparison expecting a ModelError; return its problems as strings."""
    with pytest.raises(ModelError) as info:
        build(values, **overrides)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- valid constructions


def test_every_type_accepted() -> None:
    """A known value of every feature type, bare or wrapped in Value, is accepted."""
    c = build(dict(ALL_TYPES))
    for kind, figure in ALL_TYPES.items():
        assert c.value("a", kind) == Value(figure)
        assert c.value("a", kind).status is Status.KNOWN
    assert build({k: Value(v, source="src") for k, v in ALL_TYPES.items()}).value("a", "count")


@pytest.mark.parametrize(
    "value",
    [
        Value(102, max=302, note="Up to 302 on request.", source="src"),
        Value(5, max=5),
        Value(200_000_000, qualifier="about"),
        Value(1, qualifier=Qualifier.PARTIAL, note={"en": "Some.", "ko": "일부"}),
        Value(status="not_applicable", note="Free for all."),
        Value(status=Status.NOT_STATED, note="The article is vague."),
        Value(),
        Value(1, as_of=dt.date(2019, 12, 31), source=["src"]),
    ],
)
def test_valid_count_values(value: Value) -> None:
    """Valid counts with max, qualifiers, notes, statuses and sources pass."""
    assert build({"count": value}).value("a", "count") == value


def test_valid_full_comparison() -> None:
    """A comparison using every optional field passes and keeps them all."""
    c = build(
        {"money": Value(1_000, currency="USD", max=2_000.5), "text": {"en": "Yes", "ko": "예"}},
        subtitle={"en": "Sub", "zh": "副标题"},
        as_of=dt.date(2020, 2, 28),
        language="ko",
        summary="One.\n\nTwo.",
        prepared_for="Client",
        prepared_by="Firm",
        sources=[
            Source(
                id="digital-china-2020",
                title="디지털 중국",
                publisher="Blog",
                published=dt.date(2020, 2, 28),
                accessed=dt.date(2026, 11, 21),
                url="https://example.com/post",
                language="ko",
            )
        ],
        features=[
            Feature(
                id="money",
                label="Money",
                type="money",
                group="scale",
                unit={"en": "yuan"},
                better="lower",
                description="Cost.",
                currency="CNY",
            ),
            Feature(id="text", label="Text", type=FeatureType.TEXT),
        ],
    )
    assert c.feature("money").better is Better.LOWER
    assert c.value("a", "text").value == Label({"en": "Yes", "ko": "예"})


def test_list_items_may_be_labels() -> None:
    """List items may be strings or tables of translations."""
    c = build({"list": ["a", {"en": "b", "ko": "비"}]})
    assert c.value("a", "list").value == ("a", Label({"en": "b", "ko": "비"}))


# --------------------------------------------------------------------------- invalid constructions


def test_model_error_is_value_error() -> None:
    """ModelError is a ComparekitError and a ValueError, and lists its problems in its text."""
    with pytest.raises(ValueError, match="1 problem") as info:
        build({"count": -1})
    assert isinstance(info.value, ModelError)
    assert isinstance(info.value, ComparekitError)
    problem = info.value.problems[0]
    assert (problem.path, problem.loc, problem.file, problem.line) == (
        "products[a].values.count.value",
        ("products", 0, "values", "count", "value"),
        "",
        None,
    )


@pytest.mark.parametrize(
    ("kind", "figure", "message"),
    [
        ("count", "lots", 'expected an integer ≥ 0 for type "count", got "lots"'),
        ("count", 1.5, 'expected an integer ≥ 0 for type "count", got float 1.5'),
        ("count", -1, 'expected an integer ≥ 0 for type "count", got integer -1'),
        ("count", True, 'expected an integer ≥ 0 for type "count", got boolean true'),
        ("count", 10**15, "too large: at most 999,999,999,999,999"),
        ("number", True, 'expected a number for type "number", got boolean true'),
        ("number", float("nan"), 'expected a finite number for type "number", got nan'),
        ("percent", float("inf"), 'expected a finite number for type "percent", got inf'),
        ("money", -(10**15), "too large: at most 999,999,999,999,999 in magnitude"),
        ("boolean", 0, 'expected true or false for type "boolean", got integer 0'),
        ("text", 5, 'expected a string for type "text", got integer 5'),
        ("date", dt.datetime(2020, 1, 1, 10), 'expected a date (YYYY-MM-DD) for type "date", got date-time 2020-01-01T10:00:00'),
        ("date", "2020-01-01", 'expected a date (YYYY-MM-DD) for type "date", got "2020-01-01"'),
        ("fraction", (3, 2), 'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got [3, 2]'),
        ("fraction", (1, 2, 3), 'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got an array of 3'),
        ("fraction", (True, 2), 'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got [boolean true, integer 2]'),
        ("fraction", (1, 10**15), "too large: at most 999,999,999,999,999"),
        ("list", ("a", 1), 'expected an array of strings for type "list", got an array of 2'),
        ("list", "a, b", 'expected an array of strings for type "list", got "a, b"'),
    ],
)  # fmt: skip
def test_wrong_figure(kind: str, figure: object, message: str) -> None:
    """A figure that does not suit its feature's type is refused with an exact message."""
    assert model_errors({kind: figure}) == [
        f"<comparison>: products[a].values.{kind}.value: {message}"
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"count": Value(5, max=3)}, ["products[a].values.count.max: max 3 is below value 5"]),
        ({"text": Value("a", max="b")}, ['products[a].values.text.max: type "text" takes no max']),
        ({"fraction": Value((1, 2), max=(2, 2))}, ['products[a].values.fraction.max: type "fraction" takes no max']),
        ({"date": Value(dt.date(2020, 2, 1), max=dt.date(2020, 1, 1))}, ["products[a].values.date.max: max 2020-01-01 is below value 2020-02-01"]),
        ({"count": Value(1, status="not_stated")}, ['products[a].values.count.value: a value with status "not_stated" must be empty']),
        ({"count": Value(1, status="not_applicable")}, ['products[a].values.count.value: a value with status "not_applicable" must be empty']),
        ({"count": Value(status="known")}, ['products[a].values.count.status: status "known" needs a value']),
        ({"count": Value(status="not_stated", qualifier="about")}, ["products[a].values.count.qualifier: only a known value can be qualified"]),
        ({"count": Value(1, qualifier="partial")}, ['products[a].values.count.note: qualifier "partial" needs a note saying what is covered']),
        ({"count": Value(1, note="  ")}, ["products[a].values.count.note: must not be empty"]),
        ({"count": Value(1, currency="USD")}, ['products[a].values.count.currency: only a value of type "money" has a currency']),
        ({"money": Value(1, currency="usd")}, ['products[a].values.money.currency: not an ISO 4217 currency code: "usd"']),
        ({"count": Value(1, source="scr")}, ["products[a].values.count.source: unknown source 'scr' (did you mean 'src'?)"]),
        ({"count": Value(1, source=["src", "nope"])}, ["products[a].values.count.source[1]: unknown source 'nope'"]),
        ({"cuont": 1}, ["products[a].values.cuont: unknown feature 'cuont' (did you mean 'count'?)"]),
        ({"text": "a\x00b"}, ["products[a].values.text.value: contains a control character (U+0000) at character 2"]),
        ({"list": ("ok", "a\u202eb")}, ["products[a].values.list.value[1]: contains a bidirectional override (U+202E) at character 2"]),
    ],
)  # fmt: skip
def test_bad_value(values: dict[str, Any], expected: list[str]) -> None:
    """Each value rule reports its own key path and message."""
    assert model_errors(values) == [f"<comparison>: {e}" for e in expected]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"title": " "}, ["comparison.title: must not be empty"]),
        ({"title": {"en": "", "ko": " "}}, ["comparison.title: must not be empty"]),
        ({"title": "T\x1b[31m"}, ["comparison.title: contains a control character (U+001B) at character 2"]),
        ({"subtitle": {"ko": "a\u202eb"}}, ["comparison.subtitle.ko: contains a bidirectional override (U+202E) at character 2"]),
        ({"prepared_by": "\ufffe"}, ["comparison.prepared_by: contains a noncharacter (U+FFFE) at character 1"]),
        ({"language": "english"}, ['comparison.language: not a language tag: "english"']),
        ({"sources": [Source(id="Src 1", title="S")]}, ['sources[Src 1].id: "Src 1" is not an id: use [a-z0-9][a-z0-9_-]*']),
        ({"sources": [Source(id="src", title="")]}, ["sources[src].title: must not be empty"]),
        ({"sources": [Source(id="src", title="S", url="javascript:alert(1)")]}, ['sources[src].url: only http and https links are allowed, got scheme "javascript:"']),
        ({"sources": [Source(id="src", title="S", url="file:///etc/passwd")]}, ['sources[src].url: only http and https links are allowed, got scheme "file:"']),
        ({"sources": [Source(id="src", title="S", language="Korean")]}, ['sources[src].language: not a language tag: "Korean"']),
        ({"groups": [Group(id="g", label={"english": "G"})]}, ['groups[g].label.english: not a language tag: "english"']),
        ({"groups": [Group(id="", label="G")]}, ["groups[0].id: must not be empty"]),
        ({"groups": [Group(id=" ", label="G")]}, ["groups[0].id: must not be empty"]),
        ({"sources": [Source(id="", title="S")]}, ["sources[0].id: must not be empty"]),
        ({"features": [Feature(id="f", label="F", type="count", group="scael")]}, ["features[f].group: unknown group 'scael' (did you mean 'scale'?)"]),
        ({"features": [Feature(id="f", label="F", type="text", better="higher")]}, ['features[f].better: type "text" has no better or worse']),
        ({"features": [Feature(id="f", label="F", type="count", currency="USD")]}, ['features[f].currency: only a feature of type "money" has a currency']),
        ({"features": [Feature(id="x", label="X", type="count")]}, ["features[x].id: 'x' is reserved: an x key in a spec table is ignored"]),
        ({"features": [Feature(id="f", label="F", type="count", decimals=2)]}, ['features[f].decimals: type "count" has no decimals']),
        ({"features": [Feature(id="f", label="F", type="money", decimals=11)]}, ["features[f].decimals: expected an integer from 0 to 10, got integer 11"]),
        ({"features": [Feature(id="f", label="F", type="number", decimals=-1)]}, ["features[f].decimals: expected an integer from 0 to 10, got integer -1"]),
        ({"features": [Feature(id="f", label="F", type="number", decimals="2")]}, ['features[f].decimals: expected an integer from 0 to 10, got "2"']),  # type: ignore[arg-type]
        ({"features": [Feature(id="f", label="F", type="percent", decimals=True)]}, ["features[f].decimals: expected an integer from 0 to 10, got boolean true"]),  # type: ignore[arg-type]
        ({"products": [Product(id="a", name="", url="ftp://x.example/")]}, ["products[a].name: must not be empty", 'products[a].url: only http and https links are allowed, got scheme "ftp:"']),
    ],
)  # fmt: skip
def test_bad_comparison(overrides: dict[str, Any], expected: list[str]) -> None:
    """Rules on the comparison, sources, groups, features and products report path and message."""
    assert model_errors(**overrides) == [f"<comparison>: {e}" for e in expected]


@pytest.mark.parametrize("kind", ["sources", "groups", "features", "products"])
@pytest.mark.parametrize(
    ("first", "second", "same"),
    [("dup", "dup", ""), ("dup", "DUP", " (as 'dup', differing by case or form)"),
     ("dup", "ｄｕｐ", " (as 'dup', differing by case or form)"),
     ("caf\u00e9", "cafe\u0301", ' (as \'café\', the same text in another Unicode form: '
      '"cafe\\u0301" here, "caf\\u00E9" before)')],
)  # fmt: skip
def test_duplicate_ids(kind: str, first: str, second: str, same: str) -> None:
    """Ids must be unique within their kind, also across case and NFKC form."""
    make: Callable[[str], object] = {
        "sources": lambda i: Source(id=i, title="S"),
        "groups": lambda i: Group(id=i, label="G"),
        "features": lambda i: Feature(id=i, label="F", type="count"),
        "products": lambda i: Product(id=i, name="P"),
    }[kind]
    found = model_errors(None, **{kind: [make(first), make(second)]})
    assert f"<comparison>: {kind}[{second}].id: duplicate id {second!r}: used before{same}" in found


@pytest.mark.parametrize(
    ("first", "second", "written"),
    [
        ("wechat", "w\u0435chat", "w\\u0435chat"),  # Cyrillic е for Latin e
        ("logo", "l\u03bfgo", "l\\u03BFgo"),  # Greek omicron for Latin o
        ("users", "us\u200bers", "us\\u200Bers"),  # zero-width space
        ("users", "us\u200cers", "us\\u200Cers"),  # zero-width non-joiner
        ("users", "us\u200ders", "us\\u200Ders"),  # zero-width joiner
        ("users", "us\u00aders", "us\\u00ADers"),  # soft hyphen
        ("users", "\ufeffusers", "\\uFEFFusers"),  # byte-order mark
        ("users", "users\ufe0f", "users\\uFE0F"),  # variation selector
        ("paypal", "paypaI", "paypaI"),  # capital I for small l (UTS #39, within one script)
        ("WeChat", "w\u0435chat", "w\\u0435chat"),  # case and a look-alike at once
    ],
)
def test_ids_that_look_the_same(first: str, second: str, written: str) -> None:
    """Ids whose UTS #39 skeletons are equal are refused, with the reason and both spellings."""
    found = model_errors(
        None,
        features=[
            Feature(id=first, label="F", type="count"),
            Feature(id=second, label="G", type="count"),
        ],
    )
    assert found == [
        f"<comparison>: features[{escaped(second)}].id: duplicate id {quoted(second)}: used "
        f'before (looks the same as {quoted(first)}: "{written}" here, "{first}" before)'
    ]


@pytest.mark.parametrize(
    "pair", [("users", "user"), ("钉钉", "飞书"), ("f1", "f2"), ("a-b", "a_b")]
)
def test_ids_that_only_resemble_are_accepted(pair: tuple[str, str]) -> None:
    """Ids that a reader can tell apart pass: the check is the skeleton, not a similarity score."""
    build(None, features=[Feature(id=i, label="F", type="count") for i in pair])


def test_invisible_id_is_empty() -> None:
    """An id made only of invisible characters is as empty as ``""``."""
    found = model_errors(None, products=[Product(id="\u200b\u2060", name="P")])
    assert found == [
        "<comparison>: products[\\u200b\\u2060].id: must not be empty "
        "(it has only invisible characters)"
    ]


def test_label_languages_differing_by_case() -> None:
    """A label with ``en`` and ``EN`` is refused: one of the two translations would be lost."""
    found = model_errors(None, title={"en": "Apps", "EN": "APPS", "ko": "앱"})
    assert found == [
        "<comparison>: comparison.title.en: the same language as 'EN' (tags differ only by "
        "case): keep one, or one translation is lost"
    ]


def test_values_follow_the_first_of_duplicate_features() -> None:
    """A duplicate feature id is reported once; values are checked against the first feature."""
    features = [Feature(id="f", label="F", type="count"), Feature(id="f", label="G", type="date")]
    found = model_errors(
        None, features=features, products=[Product(id="a", name="A", values={"f": 3})]
    )
    assert found == ["<comparison>: features[f].id: duplicate id 'f': used before"]


def test_every_problem_at_once() -> None:
    """A comparison with several problems reports each one, in the order the rules meet them."""
    found = model_errors(
        {"count": -1, "date": "soon", "nope": 1},
        title="",
        features=[*build().features, Feature(id="f", label="F", type="list", group="zzz")],
    )
    assert found == [
        "<comparison>: comparison.title: must not be empty",
        "<comparison>: features[f].group: unknown group 'zzz'",
        '<comparison>: products[a].values.count.value: expected an integer ≥ 0 for type "count", '
        "got integer -1",
        '<comparison>: products[a].values.date.value: expected a date (YYYY-MM-DD) for type "date", '
        'got "soon"',
        "<comparison>: products[a].values.nope: unknown feature 'nope'",
    ]


def test_problems_empty_when_valid() -> None:
    """rules.problems() on a valid comparison is empty."""
    assert problems(build(dict(ALL_TYPES))) == []


@settings(max_examples=30, deadline=None)
@given(comparisons())
def test_generated_comparisons_are_valid(comparison: Comparison) -> None:
    """Every comparison the strategies build passes the rules (the strategies only make valid ones)."""
    assert problems(comparison) == []


# --------------------------------------------------------------------------- text and URLs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain\ttext\nwith lines", None),
        ("👨\u200d👩\u200d👧", None),
        ("a\x00", "contains a control character (U+0000) at character 2"),
        ("\x9b", "contains a control character (U+009B) at character 1"),
        ("\ud800", "contains a lone surrogate (U+D800) at character 1"),
        ("\U0001fffe", "contains a noncharacter (U+1FFFE) at character 1"),
        ("ab\u2067", "contains a bidirectional override (U+2067) at character 3"),
    ],
)
def test_text_problem(text: str, expected: str | None) -> None:
    """text_problem() allows newlines, tabs and emoji, and names any other hazard."""
    assert text_problem(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com", None),
        ("http://例子.中国/路径", None),
        ("javascript:alert(1)", 'only http and https links are allowed, got scheme "javascript:"'),
        ("mailto:a@example.com", 'only http and https links are allowed, got scheme "mailto:"'),
        ("/relative", "only http and https links are allowed, got scheme none"),
        (
            "https://user@evil",
            'not a valid http(s) URL: "https://user@evil" (a user@ part before the host is not allowed)',
        ),
        (
            "https://example.com@evil.example/",
            'not a valid http(s) URL: "https://example.com@evil.example/" '
            "(a user@ part before the host is not allowed)",
        ),
        ("https://mastodon.example/@user", None),
        ("https://example.com?q=a@b", None),
        ("https://a b", 'not a valid http(s) URL: "https://a b"'),
    ],
)
def test_url_problem(url: str, expected: str | None) -> None:
    """url_problem() accepts http(s) URLs with a host and refuses anything else."""
    assert url_problem(url) == expected


def test_label_cannot_mix_plain_and_translations() -> None:
    """A Python-built label with a plain string and translations is refused."""
    with pytest.raises(ModelError, match="a plain string or a table of translations, not both"):
        Comparison(title=Label({"": "x", "en": "y"}))


def _every_string(obj: object) -> list[str]:
    """Every string in a model object, by a walk over its attrs fields: the reference."""
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, Label):
        return [text for _, text in obj.translations]
    if isinstance(obj, tuple | list):
        return [s for item in obj for s in _every_string(item)]
    if isinstance(obj, Mapping):
        return [s for k, v in obj.items() for s in (*_every_string(k), *_every_string(v))]
    if attrs.has(type(obj)):
        fields = attrs.fields(type(obj))
        return [s for f in fields for s in _every_string(getattr(obj, f.name))]
    return []


@settings(max_examples=60)
@given(comparisons())
def test_the_one_search_sees_every_string_of_a_comparison(comparison: Comparison) -> None:
    """Property: the strings the rules search at once (before finding where a bad one is)
    are every string of the comparison, so a bad character anywhere is found."""
    assert sorted(strings(comparison)) == sorted(_every_string(comparison))
