"""The published JSON Schema (docs/spec.schema.json) takes what the reader takes, and refuses
the unknown keys, types and enumerations that the reader refuses."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from spec_texts import VALID_MAXES, VALID_VALUES, as_json, spec
from strategies import comparisons
from test_bad_inputs import CASES, GENERATED, spec_file

from comparekit import Better, Comparison, FeatureType, Qualifier, Status, dump
from comparekit.model import LANGUAGE_TAG
from comparekit.model.rules import MAX_DECIMALS, MAX_INTEGER
from comparekit.spec import DEFAULT_LIMITS
from comparekit.spec import keys as spec_keys
from comparekit.spec import reader as toml_reader

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "spec.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
DEFS = SCHEMA["$defs"]
CORPUS = Path(__file__).parent / "bad_inputs"

# The corpus cases the schema cannot judge, and why. Every other case must be refused by it.
CANNOT_JUDGE = {
    # Not data: a schema judges the parsed tree, and these files do not parse.
    **dict.fromkeys(
        (
            "01-toml-missing-closing-quote",
            "02-toml-duplicate-key",
            "03-toml-duplicate-table",
            "04-toml-bad-table-header",
            "05-toml-bare-word-value",
            "06-toml-invalid-date",
            "07-toml-inline-table-over-lines",
            "08-toml-unclosed-array",
            "09-toml-backslash-in-string",
            "10-toml-unknown-escape",
            "11-toml-unterminated-multiline-string",
            "12-toml-leading-zero",
            "13-toml-nested-too-deep",
            "14-toml-control-character-raw",
            "29-encoding-crlf-toml-error",
            "30-encoding-lone-cr",
            "86-text-lone-surrogate-escape",
            "200-json-syntax-error",
        ),
        "syntax: the file does not parse",
    ),
    **dict.fromkeys(
        (
            "22-encoding-bom",
            "23-encoding-utf16-le",
            "24-encoding-utf16-be",
            "25-encoding-utf16-le-no-bom",
            "26-encoding-utf32",
            "27-encoding-invalid-utf8",
            "205-json-bom",
        ),
        "encoding: the bytes are not UTF-8 text without a BOM",
    ),
    "201-json-duplicate-key": "a parsed tree keeps one of two equal keys",
    "202-json-nan": "NaN is no JSON value a schema can name (Python's json reads it)",
    "56-number-nan": "NaN is no JSON value a schema can name: NaN fails no minimum",
    "18-format-float": 'JSON Schema counts 1.0 as an integer, so it is "format": 1',
    # The type a value must have is its feature's type, given elsewhere in the file.
    **dict.fromkeys(
        (
            "28-encoding-crlf-with-problem",
            "51-count-string",
            "52-count-float",
            "53-count-negative",
            "55-boolean-for-number",
            "59-boolean-as-string",
            "60-fraction-part-over-whole",
        ),
        "a value's type is set by its feature, another part of the file",
    ),
    "61-date-as-string": "TOML dates reach a schema as strings (as in Taplo): a quoted one too",
    "65-max-below-value": "a comparison between two values",
    # References between ids, and ids unique across an array: no schema keyword sees them.
    **dict.fromkeys(
        (
            "31-id-duplicate-product",
            "32-id-duplicate-feature",
            "33-id-differs-by-case",
            "34-id-differs-by-unicode-form",
            "35-id-fullwidth-vs-ascii",
            "36-id-duplicate-source",
            "100-id-looks-the-same",
        ),
        "ids unique ignoring case, Unicode form and look-alikes",
    ),
    **dict.fromkeys(
        (
            "47-unknown-group",
            "48-unknown-feature-in-values",
            "49-unknown-source",
            "50-unknown-source-in-array",
        ),
        "a reference to an id defined elsewhere",
    ),
    "101-label-language-case": "two keys that differ only by case",
    # A [theme]'s logo is judged by the file it names, which a schema never opens.
    **dict.fromkeys(
        (
            "441-theme-logo-missing",
            "442-theme-logo-too-large",
            "443-theme-logo-not-an-image",
            "444-theme-logo-svg-script",
            "445-theme-logo-svg-external",
        ),
        "the logo file's presence and content",
    ),
    # Generated cases (tests/test_bad_inputs.py): size and count limits of the whole file.
    "95-too-many-cells": "products × features: a product of two counts",
    "96-file-over-32-mib": "the file's size in bytes",
}


def errors(data: Any) -> list[str]:
    """What the schema finds wrong with ``data``, as "path: message" lines, with the reasons
    each choice of an ``anyOf`` failed."""
    found = []
    pending = list(VALIDATOR.iter_errors(data))
    while pending:
        error = pending.pop(0)
        found.append(f"{error.json_path}: {error.message}")
        pending.extend(error.context or ())
    return found


def corpus_data(case: str) -> Any:
    """A corpus case parsed as the schema sees it, or None when it does not parse."""
    if case in GENERATED:
        data = GENERATED[case]()
        name = f"{case}.toml"
    else:
        name = spec_file(case)
        data = (CORPUS / name).read_bytes()
    try:
        text = data.decode("utf-8")
        if name.endswith(".json"):
            return json.loads(text)
        return as_json(tomllib.loads(text))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema is itself valid against the 2020-12 meta-schema."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_sample_is_valid(sample: Comparison, sample_path: Path) -> None:
    """The sample spec, as written and as dumped in TOML and in JSON, is valid."""
    assert errors(as_json(tomllib.loads(sample_path.read_text(encoding="utf-8")))) == []
    assert errors(as_json(tomllib.loads(dump(sample)))) == []
    assert errors(json.loads(dump(sample, format="json"))) == []


def test_sample_points_at_the_schema(sample_path: Path) -> None:
    """The sample's first line is the #:schema comment that editors (Taplo) follow."""
    first = sample_path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../docs/spec.schema.json"
    assert (sample_path.parent / "../docs/spec.schema.json").is_file()


@pytest.mark.parametrize(("kind", "toml", "figure"), [*VALID_VALUES, *VALID_MAXES])
def test_valid_fixtures_are_valid(kind: str, toml: str, figure: object) -> None:
    """Each valid value and max of the reader's tests (tests/spec_texts.py) is valid."""
    assert errors(as_json(tomllib.loads(spec(kind, toml)))) == []


@settings(max_examples=60, deadline=None)
@given(comparisons())
def test_every_valid_comparison_is_valid(comparison: Comparison) -> None:
    """Any comparison the model takes, dumped as TOML or JSON, is valid against the schema."""
    assert errors(as_json(tomllib.loads(dump(comparison)))) == []
    assert errors(json.loads(dump(comparison, format="json"))) == []


@pytest.mark.parametrize("case", CASES)
def test_schema_refuses_what_the_reader_refuses(case: str) -> None:
    """A bad input is refused by the schema too, unless listed in CANNOT_JUDGE; a listed one
    does not parse or is taken by the schema (so the list holds nothing it could judge)."""
    data = corpus_data(case)
    if case in CANNOT_JUDGE:
        assert data is None or errors(data) == [], f"{case} is judged: take it off the list"
    else:
        assert data is not None, f"{case} does not parse: list it in CANNOT_JUDGE"
        assert errors(data) != [], f"the schema takes {case}"


def test_cannot_judge_lists_only_cases() -> None:
    """Every case named in CANNOT_JUDGE is in the corpus."""
    assert set(CANNOT_JUDGE) - set(CASES) == set()


def _enum(schema: dict[str, Any]) -> list[str]:
    return list(schema["enum"])


def test_enums_are_the_models() -> None:
    """The schema's enumerations are the model's, in the same order."""
    feature = DEFS["feature"]["properties"]
    value = DEFS["value"]["properties"]
    assert _enum(feature["type"]) == [t.value for t in FeatureType]
    assert _enum(feature["better"]) == [b.value for b in Better]
    assert _enum(value["status"]) == [s.value for s in Status]
    assert _enum(value["qualifier"]) == [q.value for q in Qualifier]


@pytest.mark.parametrize(
    ("where", "keys"),
    [
        (SCHEMA, spec_keys.TOP_KEYS),
        (DEFS["comparison"], spec_keys.COMPARISON_KEYS),
        (DEFS["source"], spec_keys.SOURCE_KEYS),
        (DEFS["group"], spec_keys.GROUP_KEYS),
        (DEFS["feature"], spec_keys.FEATURE_KEYS),
        (DEFS["product"], spec_keys.PRODUCT_KEYS),
        (DEFS["value"], spec_keys.VALUE_KEYS),
        (DEFS["theme"], spec_keys.THEME_KEYS),
        (DEFS["view"], spec_keys.VIEW_KEYS),
    ],
)
def test_keys_are_the_readers(where: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Each table of the schema has the reader's keys and the free-form x, and no others."""
    assert list(where["properties"]) == [*keys, toml_reader.EXTRA]
    assert where["additionalProperties"] is False


def test_limits_and_patterns_are_the_readers() -> None:
    """Lengths, counts, ranges and the language-tag pattern are comparekit's defaults."""
    limits = DEFAULT_LIMITS
    top = SCHEMA["properties"]
    assert top["products"]["maxItems"] == limits.max_products
    assert top["features"]["maxItems"] == limits.max_features
    assert top["sources"]["maxItems"] == limits.max_sources
    assert top["groups"]["maxItems"] == limits.max_groups
    assert DEFS["text"]["maxLength"] == limits.max_text
    assert DEFS["id"]["maxLength"] == DEFS["sourceId"]["maxLength"] == limits.max_id
    assert DEFS["number"]["maximum"] == -DEFS["number"]["minimum"] == MAX_INTEGER
    assert DEFS["feature"]["properties"]["decimals"]["maximum"] == MAX_DECIMALS
    tag = LANGUAGE_TAG.pattern.removesuffix(r"\Z")
    assert DEFS["languageTag"]["pattern"] == f"^{tag}$"
    assert list(DEFS["translations"]["patternProperties"]) == [f"^{tag}$"]


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({"comparison": {"title": "T", "colour": "red"}}, "'colour' was unexpected"),
        ({"comparison": {"title": "T", "x": {"any": ["thing"]}}}, None),
        ({"comparison": {"title": {"en": "T", "x": 1}}}, None),
        ({"comparison": {"title": {"x": 1}}}, "should not be valid"),
        ({"comparison": {"title": {"english": "T"}}}, "'english' does not match any"),
        ({"comparison": {"title": "T", "as_of": "28 Feb 2020"}}, "does not match"),
        ({"features": [{"id": "f", "label": "F", "type": "cont"}]}, "is not one of"),
        ({"features": [{"id": "f", "label": "F", "type": "text", "better": "higher"}]}, "not"),
        ({"features": [{"id": "f", "label": "F", "type": "count", "decimals": 2}]}, "not"),
        ({"features": [{"id": "x", "label": "F", "type": "count"}]}, "should not be valid"),
        ({"products": [{"id": "a", "name": "A", "values": {"f": {"qualifier": "about"}}}]}, "'value' is a dependency"),
        ({"products": [{"id": "a", "name": "A", "values": {"f": {"status": "known"}}}]}, "'value' is a required"),
        ({"products": [{"id": "a", "name": "A", "values": {"f": {"value": 1, "qualifier": "partial"}}}]}, "'note' is a required"),
        ({"products": [{"id": "a", "name": "A", "values": {"f": {"value": 1, "status": "not_stated"}}}]}, "should not be valid"),
        ({"products": [{"id": "a", "name": "A", "values": {"f": {"en": "a label"}}}]}, "'en' was unexpected"),
        ({"products": [{"id": "a", "name": "A", "url": "javascript:alert(1)"}]}, "does not match"),
    ],
)  # fmt: skip
def test_schema_judges_keys_types_and_enums(change: dict[str, Any], found: str | None) -> None:
    """Small specs the schema takes or refuses, as the reader does, with the schema's reason."""
    data = {"format": 1, "comparison": {"title": "T"}, **change}
    messages = errors(data)
    if found is None:
        assert messages == []
    else:
        assert any(found in message for message in messages), messages
