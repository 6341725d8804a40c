"""The spec reader: every check it makes, its exact message and line, and strict mode."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import pytest
from spec_texts import (
    ITEMS,
    NAME,
    VALID_MAXES,
    VALID_VALUES,
    at,
    errors,
    line,
    spec,
    value_error,
    with_g,
)

from comparekit import (
    Comparison,
    Label,
    Qualifier,
    SpecError,
    Status,
    build_table,
    dump,
    load,
    loads,
)
from comparekit.errors import ComparekitError, escaped
from comparekit.spec.reader import read_bytes

# --------------------------------------------------------------------------- accepted values


@pytest.mark.parametrize(("kind", "toml", "expected"), VALID_VALUES)
def test_valid_value_for_each_type(kind: str, toml: str, expected: object) -> None:
    """Each feature type accepts its valid TOML values, as known values equal to the figure."""
    value = loads(spec(kind, toml)).value("a", "f")
    assert value.value == expected
    assert type(value.value) is type(expected)
    assert value.status is Status.KNOWN


@pytest.mark.parametrize(("kind", "toml", "top"), VALID_MAXES)
def test_valid_max(kind: str, toml: str, top: object) -> None:
    """A max at or above the value is accepted for ordered types."""
    assert loads(spec(kind, toml)).value("a", "f").max == top


def test_money_currency_on_feature_and_value() -> None:
    """A money feature takes an ISO currency, and a value may override it."""
    c = loads(spec("money", '{ value = 5, currency = "USD" }', 'currency = "CNY"\n'))
    assert c.feature("f").currency == "CNY"
    assert c.value("a", "f").currency == "USD"


def test_decimals_load_and_dump() -> None:
    """A feature's decimals load as an int, show in every figure, and dump writes them back."""
    c = loads(spec("money", "{ value = 9.5, max = 12 }", "decimals = 2\n"))
    assert c.features[0].decimals == 2
    assert build_table(c, "en").rows[0].cells[0].text == "9.50 (up to 12.00)"
    assert "decimals = 2\n" in dump(c)
    assert loads(dump(c)) == c


def test_value_table_keeps_every_key() -> None:
    """A full value table loads every key: qualifier, max, as_of, note label, source array."""
    text = spec(
        "count",
        '{ value = 102, max = 302, qualifier = "up_to", as_of = 2019-12-31, '
        'note = { en = "On request.", ko = "문의 시" }, source = ["src"] }',
    )
    value = loads(text).value("a", "f")
    assert value.qualifier is Qualifier.UP_TO
    assert value.as_of == dt.date(2019, 12, 31)
    assert value.note == Label({"en": "On request.", "ko": "문의 시"})
    assert value.source == ("src",)


def test_minimal_spec_loads(minimal_text: str) -> None:
    """The shared minimal spec loads, with labels in three languages and a bare value."""
    c = loads(minimal_text)
    assert c.feature("users").label.text("ko") == "사용자"
    assert c.value("b", "users").value == 60_000_000
    assert c.value("a", "users").qualifier is Qualifier.ABOUT


def test_loads_leaves_the_garbage_collector_as_it_was(minimal_text: str) -> None:
    """Reading pauses the cyclic collector and puts it back as it was, even on a bad spec."""
    loads(minimal_text)
    assert gc.isenabled()
    with pytest.raises(SpecError):
        loads(minimal_text + "colour = 1\n")
    assert gc.isenabled()
    gc.disable()
    try:
        loads(minimal_text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_sample_loads(sample: Comparison) -> None:
    """The shipped sample spec loads with its products, a not-applicable and a partial value."""
    assert [p.id for p in sample.products][:1] == ["dingtalk"]
    statuses = {v.status for p in sample.products for v in p.values.values()}
    qualifiers = {v.qualifier for p in sample.products for v in p.values.values()}
    assert Status.NOT_APPLICABLE in statuses
    assert Qualifier.PARTIAL in qualifiers


# --------------------------------------------------------------------------- type mismatches

_MISMATCHES = [
    ("count", '"lots"', 'expected an integer ≥ 0 for type "count", got "lots"'),
    ("count", "1.5", 'expected an integer ≥ 0 for type "count", got float 1.5'),
    ("count", "-1", 'expected an integer ≥ 0 for type "count", got integer -1'),
    ("count", "true", 'expected an integer ≥ 0 for type "count", got boolean true'),
    ("count", "12345678901234567890", "too large: at most 999,999,999,999,999"),
    ("number", "true", 'expected a number for type "number", got boolean true'),
    ("number", '"3"', 'expected a number for type "number", got "3"'),
    ("number", "nan", 'expected a finite number for type "number", got nan'),
    ("number", "inf", 'expected a finite number for type "number", got inf'),
    ("number", "-inf", 'expected a finite number for type "number", got -inf'),
    ("percent", "nan", 'expected a finite number for type "percent", got nan'),
    ("change", "+inf", 'expected a finite number for type "change", got inf'),
    ("money", "false", 'expected a number for type "money", got boolean false'),
    (
        "number",
        "12345678901234567890",
        "too large: at most 999,999,999,999,999 in magnitude",
    ),
    ("multiplier", "-1e16", "too large: at most 999,999,999,999,999 in magnitude"),
    ("boolean", '"yes"', 'expected true or false for type "boolean", got "yes"'),
    ("boolean", "1", 'expected true or false for type "boolean", got integer 1'),
    ("text", "5", 'expected a string for type "text", got integer 5'),
    ("text", "true", 'expected a string for type "text", got boolean true'),
    (
        "fraction",
        "[3, 2]",
        'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got [3, 2]',
    ),
    (
        "fraction",
        "[-1, 2]",
        'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got [-1, 2]',
    ),
    (
        "fraction",
        "[0, 0]",
        'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got [0, 0]',
    ),
    (
        "fraction",
        "[1, 2, 3]",
        "expected [part, whole] with integers 0 ≤ part ≤ whole for type "
        '"fraction", got an array of 3',
    ),
    (
        "fraction",
        '"17/20"',
        'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction", got "17/20"',
    ),
    (
        "fraction",
        "[1.0, 2]",
        "expected [part, whole] with integers 0 ≤ part ≤ whole for type "
        '"fraction", got [float 1.0, integer 2]',
    ),
    (
        "date",
        "2020-01-01T10:00:00",
        'expected a date (YYYY-MM-DD) for type "date", got date-time 2020-01-01T10:00:00',
    ),
    (
        "date",
        "1979-05-27T07:32:00Z",
        'expected a date (YYYY-MM-DD) for type "date", got date-time 1979-05-27T07:32:00+00:00',
    ),
    ("date", "10:00:00", 'expected a date (YYYY-MM-DD) for type "date", got time 10:00:00'),
    ("date", '"2020-01-01"', 'expected a date (YYYY-MM-DD) for type "date", got "2020-01-01"'),
    ("list", "[1, 2]", 'expected an array of strings for type "list", got an array of 2'),
    ("list", '["a", 1]', 'expected an array of strings for type "list", got an array of 2'),
    ("list", '"a, b"', 'expected an array of strings for type "list", got "a, b"'),
]


@pytest.mark.parametrize(("kind", "toml", "message"), _MISMATCHES)
def test_bare_value_mismatch(kind: str, toml: str, message: str) -> None:
    """A bare value of the wrong TOML type reports one exact message at products[a].values.f.value."""
    text, expected = value_error(kind, toml, message)
    assert errors(text) == [expected]


@pytest.mark.parametrize(("kind", "toml", "message"), _MISMATCHES)
def test_table_value_mismatch(kind: str, toml: str, message: str) -> None:
    """The same mismatch inside a value table reports the same message and path."""
    text, expected = value_error(kind, f'{{ value = {toml}, source = "src" }}', message)
    assert errors(text) == [expected]


@pytest.mark.parametrize(
    ("kind", "toml", "message"),
    [
        ("count", "{ value = 5, max = 3 }", "max 3 is below value 5"),
        ("number", "{ value = 2.5, max = -1 }", "max -1 is below value 2.5"),
        (
            "date",
            "{ value = 2020-02-01, max = 2020-01-01 }",
            "max 2020-01-01 is below value 2020-02-01",
        ),
        ("text", '{ value = "a", max = "b" }', 'type "text" takes no max'),
        ("boolean", "{ value = false, max = true }", 'type "boolean" takes no max'),
        ("list", '{ value = ["a"], max = ["a", "b"] }', 'type "list" takes no max'),
        ("fraction", "{ value = [1, 2], max = [2, 2] }", 'type "fraction" takes no max'),
        (
            "count",
            '{ value = 1, max = "many" }',
            'expected an integer ≥ 0 for type "count", got "many"',
        ),
    ],
)
def test_bad_max(kind: str, toml: str, message: str) -> None:
    """A max below the value, on a type without a max, or of the wrong type is reported at .max."""
    text, expected = value_error(kind, toml, message, key="max")
    assert errors(text) == [expected]


@pytest.mark.parametrize(
    ("kind", "toml", "key", "message"),
    [
        ("count", '{ value = 5, currency = "USD" }', "currency", 'only a value of type "money" has a currency'),
        ("money", '{ value = 5, currency = "usd" }', "currency", 'not an ISO 4217 currency code: "usd"'),
        ("count", "{ value = 5, as_of = 2020 }", "as_of", "expected a date (YYYY-MM-DD, unquoted), got integer 2020"),
        ("count", '{ value = 5, source = 3 }', "source", "expected a source id or an array of source ids, got integer 3"),
        ("count", "{ value = 5, source = [] }", "source", "expected a source id or an array of source ids, got an array of 0"),
        ("count", "{ value = 5, note = 3 }", "note", "expected a string or a table of translations, got integer 3"),
        ("count", "{ value = 5, note = {} }", "note", "a table of translations needs at least one language"),
        ("count", '{ value = 5, note = " " }', "note", "must not be empty"),
    ],
)  # fmt: skip
def test_bad_value_keys(kind: str, toml: str, key: str, message: str) -> None:
    """Each other key of a value table is checked, with its own path and message."""
    text, expected = value_error(kind, toml, message, key=key)
    assert errors(text) == [expected]


# --------------------------------------------------------------------------- status, qualifier


@pytest.mark.parametrize(
    ("toml", "status"),
    [
        ('{ status = "not_applicable", note = "No such thing." }', Status.NOT_APPLICABLE),
        ('{ status = "not_applicable" }', Status.NOT_APPLICABLE),
        ('{ status = "not_stated" }', Status.NOT_STATED),
        ('{ note = "The article is vague." }', Status.NOT_STATED),
        ("{}", Status.NOT_STATED),
        ('{ status = "known", value = 3 }', Status.KNOWN),
        ("3", Status.KNOWN),
    ],
)
def test_status(toml: str, status: Status) -> None:
    """An explicit status is kept (not_applicable stays not_applicable); else it follows value."""
    value = loads(spec("count", toml)).value("a", "f")
    assert value.status is status
    assert (value.value is None) is (status is not Status.KNOWN)


def test_not_applicable_keeps_note_and_source() -> None:
    """A not-applicable value keeps its note and its source."""
    text = spec("count", '{ status = "not_applicable", note = "n/a here", source = "src" }')
    value = loads(text).value("a", "f")
    assert (value.status, value.note, value.source) == (
        Status.NOT_APPLICABLE,
        Label("n/a here"),
        ("src",),
    )


@pytest.mark.parametrize(
    ("toml", "key", "message"),
    [
        ('{ value = 1, status = "not_stated" }', "value", 'a value with status "not_stated" must be empty'),
        ('{ value = 1, status = "not_applicable" }', "value", 'a value with status "not_applicable" must be empty'),
        ('{ status = "known" }', "status", 'status "known" needs a value'),
        ('{ status = "known", note = "x" }', "status", 'status "known" needs a value'),
        ('{ status = "not_stated", qualifier = "about" }', "qualifier", "only a known value can be qualified"),
        ('{ value = 1, qualifier = "partial" }', "note", 'qualifier "partial" needs a note saying what is covered'),
    ],
)  # fmt: skip
def test_status_rules(toml: str, key: str, message: str) -> None:
    """A value with a non-known status, known without a value, or partial without note fails."""
    text, expected = value_error("count", toml, message, key=key)
    assert errors(text) == [expected]


def test_partial_with_note_is_valid() -> None:
    """qualifier = "partial" with a note (plain or translated) is accepted."""
    for note in ('"Free up to 1,000 people."', '{ en = "Some.", ko = "일부" }'):
        value = loads(spec("boolean", f'{{ value = true, qualifier = "partial", note = {note} }}'))
        assert value.value("a", "f").qualifier is Qualifier.PARTIAL


@pytest.mark.parametrize("qualifier", [q.value for q in Qualifier if q is not Qualifier.PARTIAL])
def test_every_qualifier_accepted(qualifier: str) -> None:
    """Every qualifier but partial is accepted on a known value without a note."""
    text = spec("count", f'{{ value = 1, qualifier = "{qualifier}" }}')
    assert loads(text).value("a", "f").qualifier is Qualifier(qualifier)


_STATUSES = '"known", "not_stated", "not_applicable"'
_QUALIFIERS = (
    '"about", "more_than", "at_least", "up_to", "average", "partial", "planned", "uncertain"'
)
_TYPES = (
    '"text", "boolean", "count", "number", "percent", "change", '
    '"multiplier", "money", "date", "fraction", "list"'
)


@pytest.mark.parametrize(
    ("toml", "feature", "start", "path", "message"),
    [
        (
            '{ value = 1, status = "knwon" }', "", "f =", "products[a].values.f.status",
            f'expected one of {_STATUSES}, got "knwon" (did you mean \'known\'?)',
        ),
        (
            '{ value = 1, qualifier = "abuot" }', "", "f =", "products[a].values.f.qualifier",
            f'expected one of {_QUALIFIERS}, got "abuot" (did you mean \'about\'?)',
        ),
        (
            '{ value = 1, qualifier = "more-than" }', "", "f =", "products[a].values.f.qualifier",
            f'expected one of {_QUALIFIERS}, got "more-than" (did you mean \'more_than\'?)',
        ),
        (
            '{ value = 1, qualifier = 3 }', "", "f =", "products[a].values.f.qualifier",
            f"expected one of {_QUALIFIERS}, got integer 3",
        ),
        (
            "1", 'better = "hgher"\n', "better =", "features[f].better",
            'expected one of "higher", "lower", got "hgher" (did you mean \'higher\'?)',
        ),
    ],
)  # fmt: skip
def test_unknown_choice(toml: str, feature: str, start: str, path: str, message: str) -> None:
    """An unknown status, qualifier or better lists the choices and suggests the closest."""
    text = spec("count", toml, feature)
    assert errors(text) == [at(text, start, path, message)]


def test_unknown_type() -> None:
    """An unknown feature type lists the types, suggests the closest, and causes nothing else."""
    text = spec("cuont", "1", 'better = "higher"\ncurrency = "CNY"\n')
    message = f"expected one of {_TYPES}, got \"cuont\" (did you mean 'count'?)"
    assert errors(text) == [at(text, "type =", "features[f].type", message)]


@pytest.mark.parametrize(
    ("kind", "feature", "start", "message"),
    [
        ("text", 'better = "higher"\n', "better =", 'type "text" has no better or worse'),
        ("list", 'better = "lower"\n', "better =", 'type "list" has no better or worse'),
        ("count", 'currency = "CNY"\n', "currency =", 'only a feature of type "money" has a currency'),
        ("money", 'currency = "yuan"\n', "currency =", 'not an ISO 4217 currency code: "yuan"'),
        ("count", "decimals = 2\n", "decimals =", 'type "count" has no decimals'),
        ("money", "decimals = 11\n", "decimals =", "expected an integer from 0 to 10, got integer 11"),
        ("number", "decimals = -1\n", "decimals =", "expected an integer from 0 to 10, got integer -1"),
        ("number", "decimals = 2.0\n", "decimals =", "expected an integer from 0 to 10, got float 2.0"),
        ("percent", 'decimals = "2"\n', "decimals =", 'expected an integer from 0 to 10, got "2"'),
    ],
)  # fmt: skip
def test_feature_rules(kind: str, feature: str, start: str, message: str) -> None:
    """A feature's better, currency and decimals must suit its type."""
    value = '"a"' if kind == "text" else "[]" if kind == "list" else "1"
    text = spec(kind, value, feature)
    key = start.split()[0]
    assert errors(text) == [at(text, start, f"features[f].{key}", message)]


# --------------------------------------------------------------------------- unknown keys

_KEY_CASES = [
    ("format = 1\n", "format = 1\ncolour = 1\n", "colour =", "colour", "unknown key 'colour'"),
    ("format = 1\n", "format = 1\nfeature = 1\n", "feature =", "feature",
     "unknown key 'feature' (did you mean 'features'?)"),
    ('title = "T"\n', 'title = "T"\nsubtitel = "S"\n', "subtitel", "comparison.subtitel",
     "unknown key 'subtitel' (did you mean 'subtitle'?)"),
    ('title = "S"\n', 'title = "S"\npublishr = "P"\n', "publishr", "sources[src].publishr",
     "unknown key 'publishr' (did you mean 'publisher'?)"),
    ('label = "M"\n', 'label = "M"\nlable = "L"\n', "lable", "groups[meetings].lable",
     "unknown key 'lable' (did you mean 'label'?)"),
    ('label = "F"\n', 'label = "F"\nunits = "u"\n', "units", "features[f].units",
     "unknown key 'units' (did you mean 'unit'?)"),
    ('name = "A"\n', 'name = "A"\nvendr = "V"\n', "vendr", "products[a].vendr",
     "unknown key 'vendr' (did you mean 'vendor'?)"),
    ("f = 1\n", 'f = { value = 1, qualifer = "about" }\n', "f =", "products[a].values.f.qualifer",
     "unknown key 'qualifer' (did you mean 'qualifier'?)"),
    ("f = 1\n", "f = { vaule = 1 }\n", "f =", "products[a].values.f.vaule",
     "unknown key 'vaule' (did you mean 'value'?)"),
    ("f = 1\n", "f = 1\ng = 2\n", "g =", "products[a].values.g", "unknown feature 'g'"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "start", "path", "message"), _KEY_CASES)
def test_unknown_key(old: str, new: str, start: str, path: str, message: str) -> None:
    """An unknown key at any level is reported at its own line, suggesting the closest key."""
    base = spec("count", "1")
    assert base.count(old) == 1
    text = base.replace(old, new)
    assert errors(text) == [at(text, start, path, message)]


def test_unknown_feature_in_values_suggests() -> None:
    """A values key that names no feature suggests the closest feature id."""
    text = (
        spec("count", "1")
        .replace("f = 1", "meeting_capacty = 1")
        .replace('id = "f"', 'id = "meeting_capacity"')
    )
    expected = at(
        text,
        "meeting_capacty",
        "products[a].values.meeting_capacty",
        "unknown feature 'meeting_capacty' (did you mean 'meeting_capacity'?)",
    )
    assert errors(text) == [expected]


def test_value_table_keys_mistaken_for_label() -> None:
    """A label table with value-table keys hints how a value table is written."""
    text = spec("text", '{ value = { en = "a", note = "b" } }')
    assert errors(text) == [
        at(
            text,
            "f =",
            "products[a].values.f.value.note",
            'not a language tag: "note" (a value table is written { value = ..., ... })',
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("format = 1\n", "format = 1\n\n[x]\nanything = [1, { deep = true }]\n", None),
        ('title = "T"\n', 'title = "T"\nx = { note = "for me" }\n', None),
        ('title = "T"\n', 'title = { en = "T", x = "ignored" }\n', 'title = { en = "T" }\n'),
        ('title = "S"\n', 'title = "S"\nx = 1\n', None),
        ('label = "M"\n', 'label = "M"\nx = "g"\n', None),
        ('label = "F"\n', 'label = { ko = "에프", x = 0 }\n', 'label = { ko = "에프" }\n'),
        ('name = "A"\n', 'name = "A"\nx.todo = "check"\n', None),
        ("f = 1\n", "f = 1\nx = { not_a_feature = 1 }\n", None),
        ("f = 1\n", "f = { value = 1, x = [1, 2] }\n", None),
        ("f = 1\n", 'f = { value = 1, note = { en = "n", x = "?" } }\n', 'f = { value = 1, note = { en = "n" } }\n'),
    ],
)  # fmt: skip
def test_x_is_ignored_everywhere(old: str, new: str, same: str | None) -> None:
    """An ``x`` key is allowed, and ignored, in every table (top, items, values, labels)."""
    base = spec("count", "1")
    assert base.count(old) == 1
    assert loads(base.replace(old, new)) == loads(base.replace(old, same or old))


def test_x_alone_is_not_a_label() -> None:
    """A label table with only an ``x`` key has no language."""
    text = spec("count", "1").replace('label = "F"', "label = { x = 1 }")
    assert errors(text) == [
        at(
            text,
            "label = {",
            "features[f].label",
            "a table of translations needs at least one language",
        )
    ]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("old", "new", "start", "path", "message"),
    [
        ('label = "F"\n', 'label = "F"\ngroup = "meeting"\n', "group =", "features[f].group",
         "unknown group 'meeting' (did you mean 'meetings'?)"),
        ('label = "F"\n', 'label = "F"\ngroup = "zzz"\n', "group =", "features[f].group",
         "unknown group 'zzz'"),
        ("f = 1\n", 'f = { value = 1, source = "scr" }\n', "f =", "products[a].values.f.source",
         "unknown source 'scr' (did you mean 'src'?)"),
        ("f = 1\n", 'f = { value = 1, source = ["src", "sr"] }\n', "f =",
         "products[a].values.f.source[1]", "unknown source 'sr' (did you mean 'src'?)"),
        ("f = 1\n", "f = 1\nff = 1\n", "ff =", "products[a].values.ff",
         "unknown feature 'ff' (did you mean 'f'?)"),
    ],
)  # fmt: skip
def test_unknown_reference(old: str, new: str, start: str, path: str, message: str) -> None:
    """A reference to a group, source or feature that does not exist suggests the closest id."""
    base = spec("count", "1")
    text = base.replace(old, new)
    assert errors(text) == [at(text, start, path, message)]


# --------------------------------------------------------------------------- duplicate ids


@pytest.mark.parametrize("kind", list(ITEMS))
@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("dup", "dup", "duplicate id 'dup': used before"),
        ("dup", "DUP", "duplicate id 'DUP': used before (as 'dup', differing by case or form)"),
        (
            "dup",
            "ｄｕｐ",
            "duplicate id 'ｄｕｐ': used before (as 'dup', differing by case or form)",
        ),
        ("ﬁle", "file", "duplicate id 'file': used before (as 'ﬁle', differing by case or form)"),
    ],
)
def test_duplicate_ids(kind: str, first: str, second: str, message: str) -> None:
    """Ids must be unique, also across case and Unicode NFKC form, at the second id's line."""
    item = ITEMS[kind]
    text = 'format = 1\n[comparison]\ntitle = "T"\n' + item.format(first) + item.format(second)
    problems = errors(text)
    expected = at(text, "id =", f"{kind}[{second}].id", message, nth=2)
    if kind == "sources":  # uppercase and compatibility forms also break the source id pattern
        assert expected in problems
    else:
        assert problems == [expected]


# --------------------------------------------------------------------------- URLs and text


@pytest.mark.parametrize("owner", ["source", "product"])
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", 'only http and https links are allowed, got scheme "javascript:"'),
        ("JavaScript:alert(1)", 'only http and https links are allowed, got scheme "javascript:"'),
        ("file:///etc/passwd", 'only http and https links are allowed, got scheme "file:"'),
        ("ftp://example.com/x", 'only http and https links are allowed, got scheme "ftp:"'),
        ("data:text/html,<b>x</b>", 'only http and https links are allowed, got scheme "data:"'),
        ("example.com", "only http and https links are allowed, got scheme none"),
        ("//example.com", "only http and https links are allowed, got scheme none"),
        ("http://", 'not a valid http(s) URL: "http://"'),
        ("https://exa mple.com/", 'not a valid http(s) URL: "https://exa mple.com/"'),
    ],
)
def test_bad_url(owner: str, url: str, message: str) -> None:
    """Only http and https URLs are allowed, on sources and on products."""
    old, path = (
        ('title = "S"\n', "sources[src].url")
        if owner == "source"
        else ('name = "A"\n', "products[a].url")
    )
    text = spec("count", "1").replace(old, old + f'url = "{url}"\n')
    assert errors(text) == [at(text, "url =", path, message)]


@pytest.mark.parametrize(
    "url", ["https://example.com/", "http://example.org/a?b=1#c", "HTTPS://EXAMPLE.COM"]
)
def test_good_url(url: str) -> None:
    """http and https URLs (any case) are accepted and kept as written."""
    text = spec("count", "1").replace('name = "A"\n', f'name = "A"\nurl = "{url}"\n')
    assert loads(text).product("a").url == url


_HAZARDS = [
    ("\\u0000", "a control character (U+0000)"),
    ("\\u001B", "a control character (U+001B)"),
    ("\\u007F", "a control character (U+007F)"),
    ("\\u0085", "a control character (U+0085)"),
    ("\\r", "a control character (U+000D)"),
    ("\u202e", "a bidirectional override (U+202E)"),
    ("\\u202E", "a bidirectional override (U+202E)"),
    ("\\u2066", "a bidirectional override (U+2066)"),
    ("\\uFFFF", "a noncharacter (U+FFFF)"),
    ("\\uFDD0", "a noncharacter (U+FDD0)"),
]

_PLACES = [
    ('title = "T"', 'title = "{}"', "title =", "comparison.title"),
    ('title = "T"', 'title = {{ en = "T", ko = "{}" }}', "title =", "comparison.title.ko"),
    ('title = "S"', 'title = "{}"', "title =", "sources[src].title", 2),
    ('title = "S"', 'title = "S"\npublisher = "{}"', "publisher =", "sources[src].publisher"),
    ('label = "F"', 'label = "F"\nunit = "{}"', "unit =", "features[f].unit"),
    ('name = "A"', 'name = "{}"', "name =", "products[a].name"),
    ("f = 1", 'f = {{ value = 1, note = "{}" }}', "f =", "products[a].values.f.note"),
]


@pytest.mark.parametrize(("escape", "what"), _HAZARDS)
@pytest.mark.parametrize("place", _PLACES, ids=lambda p: p[3])
def test_text_hazard(escape: str, what: str, place: tuple[Any, ...]) -> None:
    """Control characters, bidi overrides and noncharacters are refused in any text."""
    old, new, start, path, *nth = place
    text = spec("count", "1").replace(old, new.format("a" + escape + "b"), 1)
    message = f"contains {what} at character 2"
    assert errors(text) == [at(text, start, path, message, *nth)]


@pytest.mark.parametrize(
    ("kind", "toml", "path"),
    [
        ("text", '"a\\u0000"', "products[a].values.f.value"),
        ("list", '["ok", "a\\u0000"]', "products[a].values.f.value[1]"),
        ("text", '{ value = { en = "a\\u0000" } }', "products[a].values.f.value.en"),
    ],
)
def test_text_hazard_in_values(kind: str, toml: str, path: str) -> None:
    """Text values, list items and translated values are checked for control characters too."""
    text = spec(kind, toml)
    message = "contains a control character (U+0000) at character 2"
    assert errors(text) == [at(text, "f =", path, message)]


def test_newline_and_tab_are_allowed() -> None:
    """Newlines and tabs are ordinary text, not control characters."""
    c = loads(spec("text", '"a\\nb\\tc"'))
    assert c.value("a", "f").value == "a\nb\tc"


# --------------------------------------------------------------------------- required keys


@pytest.mark.parametrize(
    ("remove", "path", "start"),
    [
        ('title = "T"\n', "comparison.title", "[comparison]"),
        ('id = "src"\n', "sources[0].id", "[[sources]]"),
        ('title = "S"\n', "sources[src].title", "[[sources]]"),
        ('id = "meetings"\n', "groups[0].id", "[[groups]]"),
        ('label = "M"\n', "groups[meetings].label", "[[groups]]"),
        ('id = "f"\n', "features[0].id", "[[features]]"),
        ('label = "F"\n', "features[f].label", "[[features]]"),
        ('type = "count"\n', "features[f].type", "[[features]]"),
        ('id = "a"\n', "products[0].id", "[[products]]"),
        ('name = "A"\n', "products[a].name", "[[products]]"),
    ],
)
def test_missing_required_key(remove: str, path: str, start: str) -> None:
    """A missing required key is reported once, at its table's header line."""
    base = spec("count", "1")
    assert base.count(remove) == 1
    text = base.replace(remove, "")
    problems = errors(text)
    assert problems[0] == at(text, start, path, "required key is missing")
    if path == "features[0].id":  # product a's value for "f" now names no feature
        assert problems[1:] == [at(text, "f =", "products[a].values.f", "unknown feature 'f'")]
    else:
        assert len(problems) == 1


def test_missing_comparison_table() -> None:
    """A spec without [comparison] says so once (not also that the title is missing)."""
    assert errors("format = 1\n") == [f"{NAME}: comparison: required table [comparison] is missing"]


def test_comparison_not_a_table() -> None:
    """A comparison key that is not a table is reported at its line."""
    assert errors('format = 1\ncomparison = "T"\n') == [
        f'{NAME}:2: comparison: expected a table, got "T"'
    ]


@pytest.mark.parametrize(
    ("line_1", "message"),
    [
        ("format = 2", "unsupported format 2; this version of comparekit reads format = 1"),
        ("format = 0", "unsupported format 0; this version of comparekit reads format = 1"),
        ('format = "1"', 'unsupported format "1"; this version of comparekit reads format = 1'),
        ("format = 1.0", "unsupported format float 1.0; this version of comparekit reads format = 1"),
        ("format = true", "unsupported format boolean true; this version of comparekit reads format = 1"),
    ],
)  # fmt: skip
def test_unsupported_format(line_1: str, message: str) -> None:
    """Any format but the integer 1 is refused, naming the supported one; nothing else is said."""
    text = spec("count", '"lots"').replace("format = 1", line_1)
    assert errors(text) == [f"{NAME}:1: format: {message}"]


def test_missing_format() -> None:
    """A spec without format is refused, saying how to start the file."""
    text = spec("count", "1").replace("format = 1\n", "")
    assert errors(text) == [
        f"{NAME}: format: required key is missing: start the file with format = 1"
    ]


# --------------------------------------------------------------------------- bytes and syntax


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n"])
def test_empty_file(text: str) -> None:
    """An empty (or blank) spec is refused with a hint of what a spec needs."""
    assert errors(text) == [
        f"{NAME}:1: the file is empty: a spec needs `format = 1` and a [comparison] title"
    ]


def _bytes_errors(data: bytes) -> list[str]:
    with pytest.raises(SpecError) as info:
        read_bytes(data, NAME)
    return [str(p) for p in info.value.problems]


def test_bom(minimal_text: str) -> None:
    """A UTF-8 byte-order mark is refused at line 1."""
    assert _bytes_errors(b"\xef\xbb\xbf" + minimal_text.encode()) == [
        f"{NAME}:1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(minimal_text: str, encoding: str) -> None:
    """A UTF-16 file, with or without BOM, is refused with advice to save it as UTF-8."""
    assert _bytes_errors(minimal_text.encode(encoding)) == [
        f"{NAME}:1: the file is UTF-16 encoded; save it as UTF-8"
    ]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32(minimal_text: str, encoding: str) -> None:
    """A UTF-32 file, with or without BOM, is named as UTF-32 (not UTF-16)."""
    assert _bytes_errors(minimal_text.encode(encoding)) == [
        f"{NAME}:1: the file is UTF-32 encoded; save it as UTF-8"
    ]


def test_invalid_utf8(minimal_text: str) -> None:
    """Bytes that are not UTF-8 are refused with their line, column (in characters) and byte."""
    data = minimal_text.encode().replace(b'name = "Alpha"', b'name = "Al\xffpha"')
    offset = data.index(b"\xff")
    number = line(minimal_text, 'name = "Alpha"')
    expected = (
        f"{NAME}:{number}: invalid UTF-8: byte 0xFF at column 11 (byte {offset} of the file); "
        "save the file as UTF-8"
    )
    assert _bytes_errors(data) == [expected]
    data = minimal_text.encode().replace("钉钉".encode(), "钉".encode() + b"\xc0" + "钉".encode())
    offset = data.index(b"\xc0")
    number = line(minimal_text, 'name = "钉钉"')
    expected = (
        f"{NAME}:{number}: invalid UTF-8: byte 0xC0 at column 10 (byte {offset} of the file); "
        "save the file as UTF-8"
    )
    assert _bytes_errors(data) == [expected]


def test_invalid_utf8_via_load(tmp_path: Path) -> None:
    """load() reports invalid UTF-8 with the file's path."""
    path = tmp_path / "latin1.toml"
    data = 'format = 1\n[comparison]\ntitle = "Café"\n'.encode("latin-1")
    path.write_bytes(data)
    with pytest.raises(SpecError) as info:
        load(path)
    offset = data.index(b"\xe9")
    assert [str(p) for p in info.value.problems] == [
        f"{path}:3: invalid UTF-8: byte 0xE9 at column 13 (byte {offset} of the file); "
        "save the file as UTF-8"
    ]


_ESCAPE_HINT = "write \\\\ for a backslash, or use a 'literal string' in single quotes"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('name = "Alpha', "the string is not closed on this line: a closing quote is missing (column 14)"),
        ("name = Alpha", 'expected a value: a "string" in quotes, a number, true or false, a date, an [array] or an { inline table } (column 8)'),
        ('name = "Alpha"\nname = "B"', "this key is already set above; a key may be set only once (column 11)"),
        ("name = 1 2", "expected the end of the line after the value (one key = value per line) (column 10)"),
        ('name = "Al\\pha"', f"a backslash starts an escape such as \\n; {_ESCAPE_HINT} (column 13)"),
        ('name = "C:\\Users"', f"\\u needs 4 hex digits and \\U needs 8; {_ESCAPE_HINT} (column 13)"),
        ('name = "A\\ud800"', "the escape names no character: \\uD800 to \\uDFFF are surrogates, and there is nothing above \\U0010FFFF (column 16)"),
        ('name = "A\x1bB"', "control character U+001B is not allowed in a TOML file; remove it (column 10)"),
        ("name = 007", "leading zeros are not allowed in a number (column 9)"),
        ("name = { en = -01 }", "leading zeros are not allowed in a number (column 17)"),
        ("name = 2020-02-30", "not a valid date: write YYYY-MM-DD, with a day that exists (column 8)"),
        ('name = { en = "A",\n  ko = "B" }', "expected a key; an inline table { ... } must be on one line, with no comma after its last item (column 19)"),
    ],
)  # fmt: skip
def test_toml_syntax_error(minimal_text: str, broken: str, message: str) -> None:
    """A TOML syntax error is reported in plain words, with its line and column."""
    message = f"invalid TOML: {message}"
    text = minimal_text.replace('name = "Alpha"', broken)
    where = line(text, "name =", 2 if broken.count("name") == 2 else 1)
    assert errors(text) == [f"{NAME}:{where}: {message}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('format = 1\n[comparison]\ntitle = "T"\n[comparison]\n', "4: invalid TOML: the table [comparison] is declared twice (column 12)"),
        ('format = 1\n[[products]\n', "2: invalid TOML: expected ]] to end the [[table]] header (column 11)"),
        ('format = 1\n[comparison]\ntitle = "T"\nsummary = """\nOne.\n\n', "4: invalid TOML: the string is not closed (the file ends inside it)"),
        ('format = 1\n[comparison]\ntitle = "T"\nsummary = "One.', "4: invalid TOML: the string is not closed (at the end of the file)"),
        ('format = 1\n[comparison]\ntitle = [\n  "T",\n  "U"\n\n[x]\n', "3: invalid TOML: the array is not closed: expected a comma or ] (at line 7, column 1)"),
        ('format = 1\n[comparison]\ntitle = "T"\nas_of = [2020-01-01,\n', "4: invalid TOML: expected a value: a \"string\" in quotes, a number, true or false, a date, an [array] or an { inline table } (the file ends inside it)"),
        ("format = 1\r[comparison]\r", "1: invalid TOML: a carriage return (CR) without a line feed: save the file with LF or CRLF line ends (column 11)"),
        ("format = 1\n# a comment with \x00 in it\n", "2: invalid TOML: control character U+0000 is not allowed in a TOML file; remove it (column 18)"),
    ],
)  # fmt: skip
def test_toml_syntax_error_line(text: str, expected: str) -> None:
    """Syntax errors at a header, at the end of the file or in a construct over several lines
    point at the line where the problem starts."""
    assert errors(text) == [f"{NAME}:{expected}"]


def test_comments_only() -> None:
    """A file with only comments and blank lines is refused like an empty one."""
    assert errors("# A spec to be written.\n\n# format = 1\n") == [
        f"{NAME}:1: the file has only comments: a spec needs `format = 1` and a [comparison] title"
    ]


@pytest.mark.parametrize(
    ("old", "new", "start", "expected"),
    [
        ('id = "a"', 'id = ""', 'id = ""', "products[0].id: must not be empty"),
        ('id = "a"', 'id = " "', 'id = " "', "products[0].id: must not be empty"),
        ('id = "src"', 'id = ""', 'id = ""', "sources[0].id: must not be empty"),
        ('title = "S"', 'title = ""', 'title = ""', "sources[src].title: must not be empty"),
        ('title = "T"', 'title = "T"\nlanguage = ""', "language", 'comparison.language: not a language tag: ""'),
    ],
)  # fmt: skip
def test_empty_strings_are_reported(old: str, new: str, start: str, expected: str) -> None:
    """An empty id, title or language is reported, not replaced by a stand-in or a default."""
    text = spec("text", '"v"').replace(old, new, 1)
    if old == 'id = "src"':
        text = text.replace('"v"', '{ value = "v", source = "" }')
    found = errors(text)
    assert found[0] == f"{NAME}:{line(text, start)}: {expected}"


def test_crlf_file_is_valid(minimal_text: str) -> None:
    """A file with CRLF line ends loads equal to the LF file (multi-line strings included)."""
    text = minimal_text.replace('title = "Demo"', 'title = "Demo"\nsummary = """\nOne.\n\nTwo."""')
    crlf = text.replace("\n", "\r\n")
    assert loads(crlf) == loads(text)
    assert loads(crlf).summary == Label("One.\n\nTwo.")


def test_crlf_error_line(minimal_text: str) -> None:
    """An error in a CRLF file reports the same line as in the LF file."""
    text = minimal_text.replace("users = 60_000_000", 'users = "lots"')
    expected = at(
        text,
        'users = "lots"',
        "products[b].values.users.value",
        'expected an integer ≥ 0 for type "count", got "lots"',
    )
    assert errors(text.replace("\n", "\r\n")) == [expected]


def test_crlf_sample(sample_path: Path, sample: Comparison) -> None:
    """The sample with CRLF line ends loads equal to the sample."""
    text = sample_path.read_text(encoding="utf-8")
    assert loads(text.replace("\n", "\r\n")) == sample


def test_load_directory_and_missing(tmp_path: Path) -> None:
    """load() turns a directory or a missing file into a SpecError naming the path."""
    with pytest.raises(SpecError) as info:
        load(tmp_path)
    assert [str(p) for p in info.value.problems] == [f"{tmp_path}: is a directory, not a spec file"]
    missing = tmp_path / "nope.toml"
    with pytest.raises(SpecError) as info:
        load(missing)
    assert [str(p) for p in info.value.problems] == [
        f"{missing}: cannot read: No such file or directory"
    ]


def test_spec_error_is_value_error() -> None:
    """SpecError is a ComparekitError and a ValueError, and its text lists every problem."""
    with pytest.raises(ValueError, match="format") as info:
        loads("format = 2")
    assert isinstance(info.value, ComparekitError)
    assert str(info.value).splitlines() == [
        "1 problem",
        "<string>:1: format: unsupported format 2; this version of comparekit reads format = 1",
    ]


# --------------------------------------------------------------------------- every problem at once

MANY = """\
format = 1

[comparison]
title = "Demo"
subtitel = "typo"

[[sources]]
id = "src"
title = "S"
url = "javascript:alert(1)"

[[features]]
id = "users"
label = "Users"
type = "count"
group = "scale"

[[features]]
id = "launched"
label = { en = "Launched", english = "Launched" }
type = "date"
better = "hgher"

[[products]]
id = "a"
name = "A\\u0000"

[products.values]
users = "lots"
launched = 2020-01-01T10:00:00

[[products]]
id = "b"
name = "B"
values.users = { value = 1, source = "scr" }
values.launched = { value = 2020-01-01, qualifier = "partial" }
"""


def test_every_problem_in_one_run() -> None:
    """A spec with ten problems in different places reports all ten, in line order."""
    expected = [
        at(
            MANY,
            "subtitel",
            "comparison.subtitel",
            "unknown key 'subtitel' (did you mean 'subtitle'?)",
        ),
        at(
            MANY,
            "url =",
            "sources[src].url",
            'only http and https links are allowed, got scheme "javascript:"',
        ),
        at(MANY, "group =", "features[users].group", "unknown group 'scale'"),
        at(MANY, "label = {", "features[launched].label.english", 'not a language tag: "english"'),
        at(
            MANY,
            "better =",
            "features[launched].better",
            'expected one of "higher", "lower", got "hgher" (did you mean \'higher\'?)',
        ),
        at(
            MANY,
            'name = "A',
            "products[a].name",
            "contains a control character (U+0000) at character 2",
        ),
        at(
            MANY,
            "users = ",
            "products[a].values.users.value",
            'expected an integer ≥ 0 for type "count", got "lots"',
        ),
        at(
            MANY,
            "launched = ",
            "products[a].values.launched.value",
            'expected a date (YYYY-MM-DD) for type "date", got date-time 2020-01-01T10:00:00',
        ),
        at(
            MANY,
            "values.users",
            "products[b].values.users.source",
            "unknown source 'scr' (did you mean 'src'?)",
        ),
        at(
            MANY,
            "values.launched",
            "products[b].values.launched.note",
            'qualifier "partial" needs a note saying what is covered',
        ),
    ]
    with pytest.raises(SpecError) as info:
        loads(MANY, name=NAME)
    assert [str(p) for p in info.value.problems] == expected
    lines = [p.line or 0 for p in info.value.problems]
    assert lines == sorted(lines)
    assert all(p.file == NAME and p.path for p in info.value.problems)


# --------------------------------------------------------------------------- strict


def test_strict_requires_source(minimal_text: str) -> None:
    """strict=True requires a source on every known value; the default does not."""
    loads(minimal_text)
    assert errors(minimal_text, strict=True) == [
        at(
            minimal_text,
            "users = 60",
            "products[b].values.users.source",
            "strict: a value needs a source",
        )
    ]


def test_strict_accepts_sourced_and_unknown_values() -> None:
    """strict=True accepts sourced known values and unsourced not-stated or n/a values."""
    text = with_g(spec("count", '{ value = 1, source = "src" }'), '{ status = "not_applicable" }')
    assert loads(text, strict=True).value("a", "g").status is Status.NOT_APPLICABLE


def test_strict_sample(sample_path: Path) -> None:
    """The shipped sample cites a source for every known value."""
    load(sample_path, strict=True)


def test_strict_problems_come_with_the_others(minimal_text: str) -> None:
    """strict problems are reported in the same run as every other problem."""
    text = minimal_text.replace('title = "Demo"', 'title = "Demo"\ncolour = "red"')
    found = errors(text, strict=True)
    assert len(found) == 2
    assert "comparison.colour: unknown key 'colour'" in found[0]
    assert found[1].endswith("products[b].values.users.source: strict: a value needs a source")


def test_bare_translation_table_gets_a_hint(minimal_text: str) -> None:
    """A translation table written as a bare value says how to write it instead."""
    text = (
        minimal_text.replace(
            'label = { en = "Users", ko = "사용자", zh = "用户" }\ntype = "count"',
            'label = "Users"\ntype = "text"',
        )
        .replace('better = "higher"\n', "")
        .replace("users = 60_000_000", 'users = { en = "many", ko = "많음" }')
    )
    text = text.replace(
        'users = { value = 200_000_000, qualifier = "about", source = "src" }', 'users = "x"'
    )
    assert errors(text) == [
        at(
            text,
            'users = { en = "many"',
            "products[b].values.users",
            "a table of translations is a value: write { value = { en = ..., ... } }",
        )
    ]


def test_broken_value_still_checked_for_references() -> None:
    """A value with a problem of its own is still checked for its feature and sources."""
    text = (
        'format = 1\n[comparison]\ntitle = "T"\n[[features]]\nid = "users"\nlabel = "U"\n'
        'type = "count"\n[[products]]\nid = "a"\nname = "A"\n[products.values]\n'
        'userz = { value = 5, qualifier = "abuot", source = "nope" }\n'
    )
    found = errors(text)
    assert len(found) == 3
    assert found[0].endswith(
        "products[a].values.userz: unknown feature 'userz' (did you mean 'users'?)"
    )
    assert "values.userz.qualifier: expected one of" in found[1] + found[2]
    assert "values.userz.source: unknown source 'nope'" in found[1] + found[2]


# --------------------------------------------------------------------------- wrong arguments


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: loads(None), "loads() reads spec text (str or bytes), got None"),
        (lambda: loads(123), "loads() reads spec text (str or bytes), got integer 123"),
        (lambda: loads("", name=5), "loads(): name must be str, got integer 5"),
        (lambda: loads("", limits={}), "loads(): limits must be Limits, got a table"),
        (lambda: loads("", strict="yes"), 'loads(): strict must be bool, got "yes"'),
        (lambda: load(None), "load() needs a path (str or os.PathLike), got None"),
        (lambda: load(123), "load() needs a path (str or os.PathLike), got integer 123"),
        (lambda: load(b"x.toml"), "load() needs a path (str or os.PathLike), got bytes"),
        (lambda: load("x.toml", limits=None), "load(): limits must be Limits, got None"),
    ],
)
def test_arguments_of_the_wrong_type(call: Any, expected: str) -> None:
    """load() and loads() refuse arguments of the wrong type with a TypeError that says
    what they take, where an AttributeError came from inside before."""
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == expected


def test_loads_reads_bytes_as_a_file(minimal_text: str) -> None:
    """Bytes are read as a spec file's bytes: UTF-8, with a file's messages for the rest."""
    assert loads(minimal_text.encode()) == loads(minimal_text)
    assert loads(bytearray(minimal_text.encode())) == loads(minimal_text)
    with pytest.raises(SpecError, match="invalid UTF-8: byte 0xFF"):
        loads(b"format = 1\n\xff")
    with pytest.raises(SpecError, match="byte-order mark"):
        loads(b"\xef\xbb\xbf" + minimal_text.encode())


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a" * 5000, "File name too long"),
        ("a" * 300 + ".toml", "File name too long"),
        ("a\0b.toml", "the path has a NUL character"),
    ],
)
def test_load_path_the_system_refuses(tmp_path: Path, name: str, reason: str) -> None:
    """A path too long for the system, or with a NUL, is a SpecError naming it, not a raw
    OSError or ValueError."""
    path = str(tmp_path / name)
    with pytest.raises(SpecError) as info:
        load(path)
    assert [str(p) for p in info.value.problems] == [f"{escaped(path)}: cannot read: {reason}"]


def test_load_empty_path() -> None:
    """An empty path is refused as naming no file (it would read the current folder)."""
    with pytest.raises(SpecError) as info:
        load("")
    assert [str(p) for p in info.value.problems] == ['"": an empty path names no spec file']


@pytest.mark.parametrize("depth", [9, 50, 200])
def test_arrays_nested_too_deeply(depth: int) -> None:
    """A value of arrays nested more than 8 deep is one problem at the value, whatever the
    depth (the model refuses such a value when it is built)."""
    text, expected = value_error(
        "list", "[" * depth + '"a"' + "]" * depth, "arrays nested too deeply: at most 8 deep"
    )
    assert errors(text) == [expected]


def test_arrays_nested_eight_deep_reach_the_rules() -> None:
    """Eight arrays deep is still read, and the rules say why it is no list."""
    text, expected = value_error(
        "list",
        "[" * 8 + '"a"' + "]" * 8,
        'expected an array of strings for type "list", got an array of 1',
    )
    assert errors(text) == [expected]
