"""Write a :class:`~comparekit.Comparison` back to spec TOML (or JSON) that loads to an equal object.

>>> from comparekit import Comparison, Feature, Product, Value, loads
>>> c = Comparison(title="Demo", features=[Feature(id="n", label="N", type="count")],
...                products=[Product(id="a", name="A", values={"n": Value(3, qualifier="about")})])
>>> print(dump(c))
format = 1
<BLANKLINE>
[comparison]
title = "Demo"
language = "en"
<BLANKLINE>
[[features]]
id = "n"
label = "N"
type = "count"
<BLANKLINE>
[[products]]
id = "a"
name = "A"
<BLANKLINE>
[products.values]
n = { value = 3, qualifier = "about" }
<BLANKLINE>
>>> loads(dump(c)) == c
True
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import re
from typing import Any

import attrs

from comparekit.errors import FormatError, describe
from comparekit.model import Comparison, Finding, Label, Scoring, Status, Value
from comparekit.model.presentation import Theme

__all__ = [
    "KINDS",
    "analysis_tree",
    "dump",
    "dump_json",
    "item_lines",
    "theme_fields",
    "value_fields",
    "value_literal",
]

KINDS = ("sources", "groups", "features", "products")
"""The arrays of tables of a spec, in the order :func:`dump` writes them."""
_NOT_HEAD = (*KINDS, "scoring", "findings", "theme", "views")
"""The comparison's fields that are not keys of [comparison]."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def key(name: str) -> str:
    """A TOML key: bare when it can be, quoted otherwise."""
    return name if _BARE_KEY.match(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string, every control character escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def literal(value: Any) -> str:
    """Any model value as a TOML literal (labels as strings or inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML cannot hold {value}")
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return string(value.value)
    if isinstance(value, Label):
        if value.plain:
            return string(value.translations[0][1])
        return inline(dict(value.translations))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return inline(value)
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def inline(table: dict[str, Any]) -> str:
    """An inline table: ``{ a = 1, b = "x" }``."""
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{key(k)} = {literal(v)}" for k, v in table.items()) + " }"


def _fields(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """An attrs object's fields that differ from their defaults, in declaration order."""
    out = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if field.name in skip or value is None or (value == () and field.default == ()):
            continue
        if value is False and field.default is False:  # a flag left off (chart = false)
            continue
        out[field.name] = value
    return out


def value_fields(value: Value) -> dict[str, Any]:
    """A value's keys as :func:`dump` writes them: defaults and an implied status left out,
    a single source as a string."""
    fields = _fields(value)
    implied = Status.NOT_STATED if value.value is None else Status.KNOWN
    if fields.get("status") is implied:
        del fields["status"]
    if "source" in fields and len(value.source) == 1:
        fields["source"] = value.source[0]
    return fields


def value_literal(value: Value) -> str:
    """A value as :func:`dump` writes it: a bare figure when it can be, else an inline table."""
    fields = value_fields(value)
    return literal(value.value) if _bare(fields) else inline(fields)


def _bare(fields: dict[str, Any]) -> bool:
    """Whether a value is written as its figure alone (a translated text needs its table)."""
    return list(fields) == ["value"] and not isinstance(fields["value"], Label)


def dump(comparison: Comparison, *, format: str = "toml") -> str:
    """Spec text for ``comparison`` in ``format`` (``"toml"`` or ``"json"``);
    ``loads(dump(c, format=f)) == c``.

    Anything but a :class:`~comparekit.Comparison` raises ``TypeError``, another format
    :class:`~comparekit.FormatError`.
    """
    if not isinstance(comparison, Comparison):
        raise TypeError(f"dump() writes a Comparison, got {describe(comparison)}")
    if format == "json":
        return dump_json(comparison)
    if format != "toml":
        raise FormatError(f'dump() writes format "toml" or "json", got {describe(format)}')
    lines = ["format = 1", "", "[comparison]"]
    head = _fields(comparison, skip=_NOT_HEAD)
    head["language"] = comparison.language
    lines += [f"{key(k)} = {literal(v)}" for k, v in head.items()]
    for kind in KINDS:
        for item in getattr(comparison, kind):
            lines += ["", *item_lines(kind, item)]
    if comparison.scoring is not None:
        lines += _scoring_lines(comparison.scoring)
    for finding in comparison.findings:
        lines += [
            "",
            "[[findings]]",
            *(f"{k} = {literal(v)}" for k, v in _finding(finding).items()),
        ]
    if comparison.theme is not None:
        lines += [
            "",
            "[theme]",
            *(f"{k} = {literal(v)}" for k, v in theme_fields(comparison.theme).items()),
        ]
    for view in comparison.views:
        lines += ["", *item_lines("views", view)]
    return "\n".join(lines) + "\n"


def theme_fields(theme: Theme) -> dict[str, Any]:
    """The keys of [theme], its logo as the path the spec gave."""
    fields = _fields(theme)
    if theme.logo is not None:
        fields["logo"] = theme.logo.path
    return fields


def _scoring_head(scoring: Scoring) -> dict[str, Any]:
    """The keys of [scoring] itself, every one written (its defaults too)."""
    return {
        "missing": scoring.missing,
        "partial": scoring.partial,
        "vary": scoring.vary,
        "seed": scoring.seed,
    }


def _scales(scoring: Scoring) -> dict[str, dict[str, Any]]:
    """Each scale as a table: its feature id to the thresholds or required items it gives."""
    return {scale.feature: _fields(scale, skip=("feature",)) for scale in scoring.scales}


def _finding(finding: Finding) -> dict[str, Any]:
    """A finding's keys, its cells as { product, feature } tables."""
    fields: dict[str, Any] = {"text": finding.text}
    if finding.cells:
        fields["cells"] = [attrs.asdict(cell) for cell in finding.cells]
    return fields


def _scoring_lines(scoring: Scoring) -> list[str]:
    lines = ["", "[scoring]"]
    lines += [f"{key(k)} = {literal(v)}" for k, v in _scoring_head(scoring).items()]
    lines += ["", "[scoring.weights]"]
    lines += [f"{key(w.target)} = {literal(w.weight)}" for w in scoring.weights]
    for feature, fields in _scales(scoring).items():
        lines += ["", f"[scoring.scales.{key(feature)}]"]
        lines += [f"{key(k)} = {literal(v)}" for k, v in fields.items()]
    return lines


def dump_json(comparison: Comparison) -> str:
    """Spec JSON text for ``comparison``: the keys of :func:`dump`, dates as ``"YYYY-MM-DD"``.

    >>> from comparekit import Comparison, loads
    >>> c = Comparison(title={"en": "Demo", "ko": "데모"}, as_of=dt.date(2020, 2, 28))
    >>> print(dump_json(c))
    {
      "format": 1,
      "comparison": {
        "title": {
          "en": "Demo",
          "ko": "데모"
        },
        "as_of": "2020-02-28",
        "language": "en"
      }
    }
    <BLANKLINE>
    >>> loads(dump_json(c)) == c
    True
    """
    if not isinstance(comparison, Comparison):
        raise TypeError(f"dump_json() writes a Comparison, got {describe(comparison)}")
    head = _fields(comparison, skip=_NOT_HEAD)
    head["language"] = comparison.language
    tree: dict[str, Any] = {"format": 1, "comparison": _plain(head)}
    for kind in KINDS:
        items = []
        for item in getattr(comparison, kind):
            fields = _plain(_fields(item, skip=("values",)))
            values = getattr(item, "values", None)
            if values:
                fields["values"] = {
                    feature: _plain(value.value if _bare(found) else found)
                    for feature, value in values.items()
                    for found in (value_fields(value),)
                }
            items.append(fields)
        if items:
            tree[kind] = items
    tree.update(analysis_tree(comparison))
    if comparison.theme is not None:
        tree["theme"] = _plain(theme_fields(comparison.theme))
    if comparison.views:
        tree["views"] = [_plain(_fields(view)) for view in comparison.views]
    return json.dumps(tree, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def analysis_tree(comparison: Comparison) -> dict[str, Any]:
    """``[scoring]`` and ``[[findings]]`` as JSON data, as :func:`dump_json` writes them
    (and the workbook's Comparison sheet keeps them): only the keys the comparison has."""
    tree: dict[str, Any] = {}
    scoring = comparison.scoring
    if scoring is not None:
        tree["scoring"] = _plain(
            {
                **_scoring_head(scoring),
                "weights": {w.target: w.weight for w in scoring.weights},
                **({"scales": _scales(scoring)} if scoring.scales else {}),
            }
        )
    if comparison.findings:
        tree["findings"] = [_plain(_finding(finding)) for finding in comparison.findings]
    return tree


def _plain(value: Any) -> Any:
    """A model value as JSON data: labels as strings or objects, dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Label):
        return value.translations[0][1] if value.plain else dict(value.translations)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def item_lines(kind: str, item: Any) -> list[str]:
    """The lines of one source, group, feature or product as :func:`dump` writes them:
    ``[[kind]]``, its keys, and a product's ``[products.values]`` table."""
    lines = [f"[[{kind}]]"]
    fields = _fields(item, skip=("values",))
    lines += [f"{key(k)} = {literal(v)}" for k, v in fields.items()]
    values = getattr(item, "values", None)
    if values:
        lines += ["", f"[{kind}.values]"]
        lines += [f"{key(k)} = {value_literal(v)}" for k, v in values.items()]
    return lines
