"""The rules a comparison must follow, checked all at once.

:func:`problems` walks a :class:`~comparekit.Comparison` and returns every
problem with its key path; :class:`~comparekit.Comparison` calls it on
construction and the spec loader adds file and line. Each rule lives here once,
the URL rule (:func:`url_problem`) included: the layout asks it before it lets a renderer link.

>>> url_problem("https://example.com/a"), url_problem("javascript:alert(1)")
(None, 'only http and https links are allowed, got scheme "javascript:"')
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs

from comparekit.errors import Loc, Problem, describe, keypath, quoted, suggest
from comparekit.model.analysis import Scale, Scoring
from comparekit.model.fields import Found, wrong_types
from comparekit.model.kinds import LANGUAGE_TAG, FeatureType, Label, Qualifier, Status
from comparekit.model.lookalike import clashes, language_clash, skeleton
from comparekit.model.parts import Feature, Value
from comparekit.model.presentation import (
    Theme,
    colour_problem,
    logo_path_problem,
    logo_problem,
)

if TYPE_CHECKING:
    from comparekit.model.comparison import Comparison

__all__ = [
    "MAX_DECIMALS",
    "MAX_INTEGER",
    "SOURCE_ID",
    "data_problem",
    "decimals_problem",
    "problems",
    "text_problem",
    "url_problem",
]

SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
"""The pattern of a source id (spec format, Sources)."""

CURRENCY = re.compile(r"[A-Z]{3}\Z")
MAX_INTEGER = 10**15 - 1
"""Largest magnitude of an integer figure: a spreadsheet keeps 15 significant digits."""
MAX_DECIMALS = 10
"""Most decimals a feature's ``decimals`` may fix."""

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)
"""Any character :func:`text_problem` refuses: one search finds out if there is one."""
_NO_TEXT = (type(None), bool, int, float, dt.date, Status, Qualifier, FeatureType)
"""Types of attribute that hold no text, skipped by the walk over a comparison's strings."""


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot appear in a report (control characters and the like), or None.

    >>> text_problem("钉钉 DingTalk"), text_problem("a\x1b[31m")
    (None, 'contains a control character (U+001B) at character 2')
    """
    if _SUSPECT.search(text) is None:
        return None
    for index, char in enumerate(text):
        code = ord(char)
        bad = ""
        if char in "\n\t":
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F:
            bad = "a control character"
        elif 0xD800 <= code <= 0xDFFF:
            bad = "a lone surrogate"
        elif (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            bad = "a noncharacter"
        elif char in _BIDI_CONTROLS:
            bad = "a bidirectional override"
        if bad:
            return f"contains {bad} (U+{code:04X}) at character {index + 1}"
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable link (only http and https are), or None."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("http", "https"):
        shown = f'"{scheme}:"' if scheme else "none"
        return f"only http and https links are allowed, got scheme {shown}"
    # The host runs to the first / ? # or the end: no user@ part that could hide the real host.
    host = re.match(r"https?://[^\s/?#@]+(?:[/?#]|\Z)", url, re.IGNORECASE)
    if not host or any(c.isspace() for c in url):
        userinfo = re.match(r"https?://[^/?#]*@", url, re.IGNORECASE)
        why = " (a user@ part before the host is not allowed)" if userinfo else ""
        return f"not a valid http(s) URL: {describe(url)}{why}"
    return None


def _normalised(identifier: str) -> str:
    return unicodedata.normalize("NFKC", identifier).casefold()


def _looks_like(identifier: str) -> str:
    """The skeleton of an id with case and compatibility forms folded first: ``WeChat`` and
    ``w\u0435chat`` (Cyrillic е) differ in case and in a look-alike letter at once."""
    return skeleton(_normalised(identifier))


def _looks_same(first: str, second: str) -> bool:
    """True when two strings are the same text in different Unicode forms (NFC and NFD)."""
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


def _escaped(text: str) -> str:
    """``text`` as a TOML string, each character outside printable ASCII as an escape."""
    out = []
    for char in text:
        code = ord(char)
        if " " <= char <= "~" and char not in '"\\':
            out.append(char)
        else:
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


@attrs.define
class _Checker:
    comparison: Comparison
    found: list[Problem] = attrs.field(factory=list)

    ids: dict[str, list[str]] = attrs.field(init=False)
    source_set: frozenset[str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        c = self.comparison
        self.ids = {kind: [item.id for item in getattr(c, kind)] for kind in _ARRAYS}
        self.ids["views"] = [view.id for view in c.views]
        self.source_set = frozenset(self.ids["sources"])

    def add(self, loc: Loc, message: str) -> None:
        self.found.append(Problem(keypath(loc, self.ids), message, loc=loc))

    def run(self) -> list[Problem]:
        """Every problem, in the order of the comparison: its own fields, then each array."""
        c = self.comparison
        if _SUSPECT.search("\n".join(strings(c))) is not None:  # then find where
            self.texts(c, ())
        self.head()
        for kind in _ARRAYS:
            self.unique(kind, self.ids[kind])
        self.sources()
        for index, group in enumerate(c.groups):
            self.label(("groups", index, "label"), group.label)
        for index, feature in enumerate(c.features):
            self.feature(("features", index), feature)
        self.products()
        if c.scoring is not None:
            self.scoring(c.scoring)
        self.findings()
        if c.theme is not None:
            self.theme(c.theme)
        self.views()
        return self.found

    def head(self) -> None:
        """The comparison's own fields: its title, subtitle, summary and language."""
        c = self.comparison
        self.label(("comparison", "title"), c.title)
        for key in ("subtitle", "summary"):
            self.optional_label(("comparison", key), getattr(c, key))
        if not LANGUAGE_TAG.match(c.language):
            self.add(("comparison", "language"), f"not a language tag: {describe(c.language)}")

    def sources(self) -> None:
        """Each source's id, title, URL and language."""
        for index, source in enumerate(self.comparison.sources):
            loc: Loc = ("sources", index)
            if source.id.strip() and not SOURCE_ID.match(source.id):  # empty: see unique()
                self.add(
                    (*loc, "id"), f"{describe(source.id)} is not an id: use [a-z0-9][a-z0-9_-]*"
                )
            if not source.title.strip():
                self.add((*loc, "title"), "must not be empty")
            self.url((*loc, "url"), source.url)
            self.language((*loc, "language"), source.language)

    def products(self) -> None:
        """Each product's labels and URL, and each of its values against its feature."""
        # Values follow the first feature of an id; a later one is reported as a duplicate.
        features = {f.id: f for f in reversed(self.comparison.features)}
        for index, product in enumerate(self.comparison.products):
            loc: Loc = ("products", index)
            self.label((*loc, "name"), product.name)
            self.optional_label((*loc, "vendor"), product.vendor)
            self.optional_label((*loc, "description"), product.description)
            self.url((*loc, "url"), product.url)
            self.source_refs(loc, product.source)
            for feature_id, value in product.values.items():
                vloc = (*loc, "values", feature_id)
                if feature_id not in features:
                    hint = suggest(feature_id, features)
                    self.add(vloc, f"unknown feature {quoted(feature_id)}{hint}")
                    self.source_refs(vloc, value.source)
                    continue
                self.value(vloc, features[feature_id], value)

    def texts(self, obj: object, loc: Loc) -> None:
        """Every string anywhere in the comparison must be printable."""
        if isinstance(obj, str):
            if _SUSPECT.search(obj) is not None:
                self.add(loc, text_problem(obj) or "")
        elif isinstance(obj, Label):
            for lang, text in obj.translations:
                self.texts(text, (*loc, lang) if lang else loc)
        elif isinstance(obj, tuple):
            for index, item in enumerate(obj):
                self.texts(item, (*loc, index))
        else:
            for key in _text_fields(type(obj)):
                sub = getattr(obj, key)
                if isinstance(sub, _NO_TEXT):
                    continue
                top = key in _ARRAYS or key in _ANALYSIS
                where = ("comparison", key) if not loc and not top else (*loc, key)
                if key == "values":
                    for feature_id, value in sub.items():
                        self.texts(feature_id, (*where, feature_id))
                        self.texts(value, (*where, feature_id))
                else:
                    self.texts(sub, where)

    def unique(self, kind: str, ids: list[str]) -> None:
        named = []
        for index, identifier in enumerate(ids):
            if skeleton(identifier).strip():
                named.append((index, identifier))
            else:
                hidden = " (it has only invisible characters)" if identifier.strip() else ""
                self.add((kind, index, "id"), f"must not be empty{hidden}")
        keys = (_normalised, skeleton, _looks_like)
        for at, identifier, first, which in clashes([i for _, i in named], *keys):
            same = (
                "" if first == identifier else f" (as {quoted(first)}, differing by case or form)"
            )
            if which:
                same = (
                    f" (looks the same as {quoted(first)}: "
                    f"{_escaped(identifier)} here, {_escaped(first)} before)"
                )
            elif first != identifier and _looks_same(first, identifier):
                same = (
                    f" (as {quoted(first)}, the same text in another Unicode form: "
                    f"{_escaped(identifier)} here, {_escaped(first)} before)"
                )
            self.add(
                (kind, named[at][0], "id"), f"duplicate id {quoted(identifier)}: used before{same}"
            )

    def label(self, loc: Loc, label: Label) -> None:
        if not label.translations or not any(text.strip() for _, text in label.translations):
            self.add(loc, "must not be empty")
        if "" in label.languages() and len(label.translations) > 1:
            self.add(loc, "a label is a plain string or a table of translations, not both")
        if len(label.translations) > 1:
            for _, lang, first, _ in clashes(label.languages(), str.casefold):
                self.add((*loc, lang), language_clash(first))
        for lang in label.languages():
            if lang and not LANGUAGE_TAG.match(lang):
                self.add((*loc, lang), f"not a language tag: {describe(lang)}")

    def optional_label(self, loc: Loc, label: Label | None) -> None:
        if label is not None:
            self.label(loc, label)

    def url(self, loc: Loc, url: str | None) -> None:
        problem = url_problem(url) if url is not None else None
        if problem:
            self.add(loc, problem)

    def language(self, loc: Loc, lang: str | None) -> None:
        if lang is not None and not LANGUAGE_TAG.match(lang):
            self.add(loc, f"not a language tag: {describe(lang)}")

    def currency(self, loc: Loc, code: str | None) -> None:
        if code is not None and not CURRENCY.match(code):
            self.add(loc, f"not an ISO 4217 currency code: {describe(code)}")

    def feature(self, loc: Loc, feature: Feature) -> None:
        group_ids = self.ids["groups"]
        self.label((*loc, "label"), feature.label)
        self.optional_label((*loc, "unit"), feature.unit)
        self.optional_label((*loc, "description"), feature.description)
        if feature.id == "x":
            self.add((*loc, "id"), "'x' is reserved: an x key in a spec table is ignored")
        if feature.group is not None and feature.group not in group_ids:
            hint = suggest(feature.group, group_ids)
            self.add((*loc, "group"), f"unknown group {quoted(feature.group)}{hint}")
        if feature.better is not None and feature.type in (FeatureType.TEXT, FeatureType.LIST):
            self.add((*loc, "better"), f'type "{feature.type.value}" has no better or worse')
        if feature.currency is not None and feature.type is not FeatureType.MONEY:
            self.add((*loc, "currency"), 'only a feature of type "money" has a currency')
        self.currency((*loc, "currency"), feature.currency)
        if feature.decimals is not None:
            problem = decimals_problem(feature.decimals)
            if problem is None and feature.type not in _DECIMAL_TYPES:
                problem = f'type "{feature.type.value}" has no decimals'
            if problem:
                self.add((*loc, "decimals"), problem)
        if feature.chart and not feature.type.numeric:
            self.add((*loc, "chart"), f'type "{feature.type.value}" has no figures to chart')
        self.source_refs(loc, feature.source)
        self.measure(loc, feature)

    def measure(self, loc: Loc, feature: Feature) -> None:
        """A feature's measure: a label, for a type whose figures take one, with at most one
        ``{}`` standing for the figure in each language."""
        if feature.measure is None:
            return
        self.optional_label((*loc, "measure"), feature.measure)
        if feature.type not in MEASURE_TYPES:
            self.add((*loc, "measure"), f'type "{feature.type.value}" takes no measure word')
            return
        for lang, text in feature.measure.translations:
            blank = not text.strip()  # refused as a label already
            if not blank and (text.count("{}") > 1 or not text.replace("{}", "").strip()):
                self.add(
                    (*loc, "measure", lang) if lang else (*loc, "measure"),
                    f"expected a measure word or a pattern with one {{}}, got {quoted(text)}",
                )

    def value(self, loc: Loc, feature: Feature, value: Value) -> None:
        known = value.status is Status.KNOWN
        if known and value.value is None:
            self.add((*loc, "status"), 'status "known" needs a value')
        if not known and value.value is not None:
            self.add((*loc, "value"), f'a value with status "{value.status.value}" must be empty')
        if value.value is not None:
            problem = data_problem(feature.type, value.value)
            if problem:
                self.add((*loc, "value"), problem)
        if value.max is not None:
            self.maximum(loc, feature, value)
        if value.qualifier is not None and not known:
            self.add((*loc, "qualifier"), "only a known value can be qualified")
        if value.qualifier is Qualifier.PARTIAL and value.note is None:
            self.add((*loc, "note"), 'qualifier "partial" needs a note saying what is covered')
        if value.note is not None:
            self.label((*loc, "note"), value.note)
        if value.condition is not None:
            self.label((*loc, "condition"), value.condition)
            if value.value is None and value.max is None:
                self.add((*loc, "condition"), "a condition needs a value or a max it applies to")
        if value.currency is not None and feature.type is not FeatureType.MONEY:
            self.add((*loc, "currency"), 'only a value of type "money" has a currency')
        self.currency((*loc, "currency"), value.currency)
        self.source_refs(loc, value.source)

    def source_refs(self, loc: Loc, cites: tuple[str, ...]) -> None:
        """Each source id that ``loc`` (a value, product or feature) cites must exist."""
        sources = self.ids["sources"]
        for index, source in enumerate(cites):
            if source not in self.source_set:
                where = (*loc, "source", index) if len(cites) > 1 else (*loc, "source")
                self.add(where, f"unknown source {quoted(source)}{suggest(source, sources)}")

    # --- analysis: [scoring] and [[findings]] ---------------------------------

    def scoring(self, scoring: Scoring) -> None:
        """Weights ≥ 0, not all zero, on features or groups that exist and can be scored;
        scales on weighted features, fit for their type; the fractions in their ranges."""
        loc: Loc = ("scoring",)
        features = {f.id: f for f in reversed(self.comparison.features)}
        seen: dict[str, str] = {}
        for weight in scoring.weights:
            self.weight((*loc, "weights", weight.target), weight.target, weight.weight, seen)
        weights = [w.weight for w in scoring.weights]
        if all(_is_number(w) and w == 0 for w in weights):
            self.add((*loc, "weights"), "at least one weight must be above 0")
        for scale in scoring.scales:
            self.scale((*loc, "scales", scale.feature), scale, features, seen)
        if not 0 <= scoring.partial <= 1:
            self.add((*loc, "partial"), f"expected a fraction from 0 to 1, got {scoring.partial}")
        if not 0 < scoring.vary <= 100:
            self.add(
                (*loc, "vary"), f"expected a percentage above 0 and at most 100, got {scoring.vary}"
            )
        if not 0 <= scoring.seed <= MAX_INTEGER:
            self.add((*loc, "seed"), f"expected an integer from 0 to {MAX_INTEGER:,}")

    def weight(self, loc: Loc, target: str, weight: float, seen: dict[str, str]) -> None:
        """One weight: a number ≥ 0 on a feature or a group, each feature weighted once."""
        c = self.comparison
        if not math.isfinite(weight) or weight < 0:
            self.add(loc, f"expected a weight ≥ 0, got {weight}")
        members = [f for f in c.features if f.id == target]
        in_group = [f for f in c.features if f.group == target and target in self.ids["groups"]]
        if members and in_group:
            self.add(loc, f"{quoted(target)} is both a feature and a group: weight one of them")
            return
        if not members and not in_group:
            if target in self.ids["groups"]:
                self.add(loc, f"group {quoted(target)} has no features")
                return
            known = [*self.ids["features"], *self.ids["groups"]]
            self.add(loc, f"unknown feature or group {quoted(target)}{suggest(target, known)}")
            return
        scored = [f for f in members or in_group if f.type is not FeatureType.TEXT]
        if members and not scored:
            self.add(loc, 'a feature of type "text" cannot be scored')
        elif not scored:
            self.add(loc, f"group {quoted(target)} has no feature that can be scored (all text)")
        for feature in scored:
            first = seen.setdefault(feature.id, target)
            if first != target:
                self.add(
                    loc,
                    f"feature {quoted(feature.id)} is weighted twice: by {quoted(first)} "
                    f"and by {quoted(target)}",
                )
            elif feature.type.ordered and feature.better is None:
                self.add(
                    loc,
                    f"feature {quoted(feature.id)} needs a better (higher or lower) to be scored",
                )

    def scale(
        self, loc: Loc, scale: Scale, features: dict[str, Feature], weighted: dict[str, str]
    ) -> None:
        """A feature's scale: on a weighted feature, thresholds ascending on an ordered one,
        required items on a list, one of the two."""
        feature = features.get(scale.feature)
        if feature is None:
            hint = suggest(scale.feature, features)
            self.add(loc, f"unknown feature {quoted(scale.feature)}{hint}")
            return
        if scale.feature not in weighted:
            self.add(loc, f"feature {quoted(scale.feature)} has no weight, so it is not scored")
        if bool(scale.thresholds) == bool(scale.required):
            self.add(loc, "a scale takes thresholds or required, one of the two")
            return
        kind = feature.type
        if scale.thresholds:
            if not kind.ordered:
                self.add((*loc, "thresholds"), f'type "{kind.value}" takes no thresholds')
            elif any(not math.isfinite(t) for t in scale.thresholds):
                self.add((*loc, "thresholds"), "expected finite numbers")
            elif any(a >= b for a, b in itertools.pairwise(scale.thresholds)):
                self.add((*loc, "thresholds"), "expected numbers in ascending order, each once")
        elif kind is not FeatureType.LIST:
            self.add((*loc, "required"), 'only a feature of type "list" takes required items')
        else:
            for index, item in enumerate(scale.required):
                if not item.strip():
                    self.add((*loc, "required", index), "must not be empty")

    def findings(self) -> None:
        """Each finding's text, and each cell it refers to: a product and a feature that exist."""
        products, features = self.ids["products"], self.ids["features"]
        for index, finding in enumerate(self.comparison.findings):
            loc: Loc = ("findings", index)
            self.label((*loc, "text"), finding.text)
            for at, cell in enumerate(finding.cells):
                where = (*loc, "cells", at)
                if cell.product not in products:
                    hint = suggest(cell.product, products)
                    self.add((*where, "product"), f"unknown product {quoted(cell.product)}{hint}")
                if cell.feature not in features:
                    hint = suggest(cell.feature, features)
                    self.add((*where, "feature"), f"unknown feature {quoted(cell.feature)}{hint}")

    # --- presentation: [theme] and [[views]] -----------------------------------

    def theme(self, theme: Theme) -> None:
        """The theme's colours (``#RRGGBB``), its logo (path and content) and footer."""
        for key in ("brand", "accent"):
            colour = getattr(theme, key)
            problem = colour_problem(colour) if colour is not None else None
            if problem:
                self.add(("theme", key), problem)
        if theme.logo is not None:
            logo = theme.logo
            problem = logo_path_problem(logo.path) or (
                logo_problem(logo.data) if logo.data else None
            )
            if problem:
                self.add(("theme", "logo"), problem)
        self.optional_label(("theme", "footer"), theme.footer)

    def views(self) -> None:
        """Each view: a unique id, and products, features and groups that exist, each once."""
        views = self.comparison.views
        if not views:
            return
        self.unique("views", self.ids["views"])
        for index, view in enumerate(views):
            loc: Loc = ("views", index)
            self.optional_label((*loc, "label"), view.label)
            for kind, noun in (
                ("products", "product"),
                ("features", "feature"),
                ("groups", "group"),
            ):
                known = self.ids[kind]
                chosen: list[str] = getattr(view, kind)
                for identifier in chosen:
                    if identifier not in known:
                        hint = suggest(identifier, known)
                        self.add((*loc, kind), f"unknown {noun} {quoted(identifier)}{hint}")
                twice = [i for i in dict.fromkeys(chosen) if chosen.count(i) > 1]
                if twice:
                    self.add((*loc, kind), f"{quoted(twice[0])} is listed twice")

    def maximum(self, loc: Loc, feature: Feature, value: Value) -> None:
        if not feature.type.ordered or feature.type is FeatureType.FRACTION:
            self.add((*loc, "max"), f'type "{feature.type.value}" takes no max')
            return
        problem = data_problem(feature.type, value.max)
        if problem:
            self.add((*loc, "max"), problem)
        elif (
            value.value is not None
            and data_problem(feature.type, value.value) is None
            and value.max < value.value  # type: ignore[operator]
        ):
            self.add((*loc, "max"), f"max {value.max} is below value {value.value}")


_ARRAYS = ("sources", "groups", "features", "products")
"""The comparison's arrays, in the order they are checked."""
_ANALYSIS = ("scoring", "findings", "theme", "views")
"""The comparison's analysis and presentation tables, top-level keys of a spec like the arrays."""


_FIELDS: dict[type, tuple[str, ...]] = {}


def strings(obj: object) -> list[str]:
    """Every string in ``obj`` (a comparison or any part of it) that :meth:`_Rules.texts`
    checks, without where it is: one search over them all tells whether any needs to be
    found and named (a 1000×200 spec has 870,000 of them; its check takes 0.8 s less).

    >>> from comparekit.model import Feature, Label
    >>> strings(Feature(id="f", label=Label({"en": "Free", "zh": "免费"}), type="boolean"))
    ['f', 'Free', '免费']
    """
    out: list[str] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Label):
            out.extend(text for _, text in item.translations)
        elif isinstance(item, tuple):
            stack.extend(reversed(item))
        else:
            for key in reversed(_text_fields(type(item))):
                sub = getattr(item, key)
                if isinstance(sub, _NO_TEXT):
                    continue
                if key == "values":
                    for feature_id, value in sub.items():
                        stack += (value, feature_id)
                else:
                    stack.append(sub)
    return out


def _text_fields(kind: type) -> tuple[str, ...]:
    """The attribute names of a model class (none for other types), worked out once."""
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = (
            tuple(field.name for field in attrs.fields(kind)) if attrs.has(kind) else ()
        )
    return names


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_problem(value: object, kind: str) -> str | None:
    if not _is_number(value):
        return f'expected a number for type "{kind}", got {describe(value)}'
    if isinstance(value, float) and not math.isfinite(value):
        return f'expected a finite number for type "{kind}", got {value}'
    if abs(value) > MAX_INTEGER:  # type: ignore[arg-type]
        return f"too large: at most {MAX_INTEGER:,} in magnitude"
    return None


_DECIMAL_TYPES = frozenset(
    {
        FeatureType.NUMBER,
        FeatureType.PERCENT,
        FeatureType.CHANGE,
        FeatureType.MULTIPLIER,
        FeatureType.MONEY,
    }
)
"""The types whose figures a feature's ``decimals`` fixes."""

MEASURE_TYPES = frozenset({FeatureType.COUNT, FeatureType.NUMBER, FeatureType.FRACTION})
"""The types whose figures take a feature's ``measure`` word in their cells."""


def decimals_problem(value: object) -> str | None:
    """Why ``value`` cannot be a feature's ``decimals``, or None.

    >>> decimals_problem(2), decimals_problem(11)
    (None, 'expected an integer from 0 to 10, got integer 11')
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DECIMALS:
        return f"expected an integer from 0 to {MAX_DECIMALS}, got {describe(value)}"
    return None


def data_problem(kind: FeatureType, value: Any) -> str | None:
    """Why ``value`` is not a valid figure of type ``kind``, or None."""
    name = kind.value
    if kind is FeatureType.TEXT:
        if not isinstance(value, str | Label):
            return f'expected a string for type "text", got {describe(value)}'
    elif kind is FeatureType.BOOLEAN:
        if not isinstance(value, bool):
            return f'expected true or false for type "boolean", got {describe(value)}'
    elif kind is FeatureType.COUNT:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f'expected an integer ≥ 0 for type "count", got {describe(value)}'
        if value > MAX_INTEGER:
            return f"too large: at most {MAX_INTEGER:,}"
    elif kind.numeric:
        return _number_problem(value, name)
    elif kind is FeatureType.DATE:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return f'expected a date (YYYY-MM-DD) for type "date", got {describe(value)}'
    elif kind is FeatureType.FRACTION:
        return _fraction_problem(value)
    elif kind is FeatureType.LIST and (
        not isinstance(value, tuple) or not all(isinstance(i, str | Label) for i in value)
    ):
        return f'expected an array of strings for type "list", got {describe(value)}'
    return None


def _fraction_problem(value: Any) -> str | None:
    shape = 'expected [part, whole] with integers 0 ≤ part ≤ whole for type "fraction"'
    if not isinstance(value, tuple) or len(value) != 2:
        return f"{shape}, got {describe(value)}"
    part, whole = value
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        return f"{shape}, got [{describe(part)}, {describe(whole)}]"
    if whole <= 0 or part < 0 or part > whole:
        shown = [describe(n).removeprefix("integer ") for n in value]  # huge ones in words
        return f"{shape}, got [{shown[0]}, {shown[1]}]"
    if whole > MAX_INTEGER:
        return f"too large: at most {MAX_INTEGER:,}"
    return None


def problems(comparison: Comparison) -> list[Problem]:
    """Every problem in ``comparison``, each with its key path.

    >>> from comparekit import Comparison, Feature
    >>> problems_found = []
    >>> try:
    ...     Comparison(title="T", features=[Feature(id="f", label="F", type="count", group="g")])
    ... except ValueError as error:
    ...     problems_found = error.problems
    >>> print(problems_found[0])
    <comparison>: features[f].group: unknown group 'g'
    """
    wrong = wrong_types(comparison)
    if wrong:  # the rules below read every field as its type: first each field must have it
        return _type_problems(comparison, wrong)
    return _Checker(comparison).run()


def _type_problems(comparison: Comparison, found: Found) -> list[Problem]:
    """The comparison's fields of the wrong type, with key paths from the comparison down."""
    ids: dict[str, list[str | None]] = {}
    for kind in _ARRAYS:
        items = getattr(comparison, kind)
        ids[kind] = (
            [getattr(item, "id", None) for item in items] if isinstance(items, tuple) else []
        )
    out = []
    for at, message in found:
        loc = at if at[0] in _ARRAYS or at[0] in _ANALYSIS else ("comparison", *at)
        out.append(Problem(keypath(loc, ids), message, loc=loc))
    return out
