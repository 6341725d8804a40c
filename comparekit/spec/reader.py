"""Read spec text into a :class:`~comparekit.Comparison`, collecting every problem first.

The reader checks what only the file can show (encoding, TOML syntax, unknown
keys, the TOML type of each key, limits); the comparison's own rules
(:mod:`comparekit.model.rules`) check the rest. Problems from both get the file name
and line, and come out sorted, all at once, in a :class:`~comparekit.SpecError`.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import tomli

from comparekit import _gc
from comparekit.errors import (
    Loc,
    ModelError,
    Problem,
    SpecError,
    describe,
    keypath,
    quoted,
    suggest,
)
from comparekit.model import (
    LANGUAGE_TAG,
    Better,
    Cell,
    Comparison,
    Feature,
    FeatureType,
    Finding,
    Group,
    Label,
    Missing,
    Product,
    Qualifier,
    Scale,
    Scoring,
    Show,
    Source,
    Status,
    Value,
    Weight,
)
from comparekit.model.fields import MAX_NESTING, choice_problem
from comparekit.model.lookalike import clashes, language_clash
from comparekit.model.presentation import Logo, Theme, View, colour_problem, logo_path_problem
from comparekit.model.rules import decimals_problem
from comparekit.spec.keys import (
    COMPARISON_KEYS,
    FEATURE_KEYS,
    GROUP_KEYS,
    PRODUCT_KEYS,
    SOURCE_KEYS,
    THEME_KEYS,
    TOP_KEYS,
    VALUE_KEYS,
    VIEW_KEYS,
)
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.lines import key_lines, line_of, unclosed_line
from comparekit.spec.logo import read_logo, spec_folder

__all__ = ["SUPPORTED_FORMAT", "check_size", "decode", "read_bytes", "read_text"]

SUPPORTED_FORMAT = 1
EXTRA = "x"
"""A free-form table allowed in any table; comparekit ignores it."""

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
"""A year in a note (1900 to 2099), which ``--strict`` holds against the value's date."""
_SCORING_KEYS = ("weights", "missing", "partial", "vary", "seed", "scales")
_SCALE_KEYS = ("thresholds", "required")
_FINDING_KEYS = ("text", "cells")
_CELL_KEYS = ("product", "feature")

T = TypeVar("T")


def read_bytes(
    data: bytes, name: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Decode and read a spec file's bytes; ``name`` is used in messages."""
    return read_text(decode(data, name, limits), name, limits=limits, strict=strict)


def decode(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """A spec file's bytes as text: UTF-8 without a BOM, within the size limit, or
    :class:`SpecError` saying how the file is encoded instead (any spec format)."""
    if len(data) > limits.max_file_bytes:
        _fail(name, f"the file is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or data[:4].count(0) == 3:
        _fail(name, "the file is UTF-32 encoded; save it as UTF-8", line=1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:2]):
        _fail(name, "the file is UTF-16 encoded; save it as UTF-8", line=1)
    if data.startswith(b"\xef\xbb\xbf"):
        _fail(name, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM", 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        before = data[data.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8")
        _fail(
            name,
            f"invalid UTF-8: byte 0x{data[error.start]:02X} at column {len(before) + 1} "
            f"(byte {error.start} of the file); save the file as UTF-8",
            line=line,
        )
    return text


def read_text(
    text: str, name: str = "<string>", *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read spec text; raise :class:`SpecError` listing every problem if it is not valid.

    The cyclic garbage collector is paused meanwhile (:func:`comparekit._gc.paused`).
    Text longer in UTF-8 than ``limits.max_file_bytes`` is refused, as a file that size is.
    """
    check_size(text, name, limits)
    with _gc.paused():
        return _read_text(text, name, limits, strict)


def check_size(text: str, name: str, limits: Limits) -> None:
    """:class:`SpecError` for text longer in UTF-8 than ``limits.max_file_bytes``."""
    if _utf8_size(text, limits.max_file_bytes) > limits.max_file_bytes:
        _fail(name, f"the text is longer than the limit of {limits.max_file_bytes:,} bytes (UTF-8)")


def _utf8_size(text: str, limit: int) -> int:
    """The size of ``text`` in UTF-8, worked out only when it might pass ``limit``."""
    if text.isascii() or len(text) > limit or len(text) * 4 <= limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _read_text(text: str, name: str, limits: Limits, strict: bool) -> Comparison:
    if not text.strip():
        _fail(name, "the file is empty: a spec needs `format = 1` and a [comparison] title", 1)
    try:
        raw = tomli.loads(text)  # tomllib's parser, compiled: half the time, same messages
    except tomli.TOMLDecodeError as error:
        _fail(name, *_toml_error(str(error), text))
    except RecursionError:
        _fail(name, "invalid TOML: values are nested too deeply")
    if not raw:
        _fail(
            name,
            "the file has only comments: a spec needs `format = 1` and a [comparison] title",
            1,
        )
    reader = _Reader(name, text, limits, raw, strict_mode=strict)
    return reader.read()


def _fail(name: str, message: str, line: int | None = None) -> Any:
    raise SpecError([Problem("", message, file=name, line=line)])


_ESCAPE_HINT = "write \\\\ for a backslash, or use a 'literal string' in single quotes"
_TOML_ERRORS = {
    "Cannot overwrite a value": "this key is already set above; a key may be set only once",
    "Invalid value": 'expected a value: a "string" in quotes, a number, true or false, a date, '
    "an [array] or an { inline table }",
    "Invalid date or datetime": "not a valid date: write YYYY-MM-DD, with a day that exists",
    "Invalid initial character for a key part": "expected a key; an inline table { ... } must be "
    "on one line, with no comma after its last item",
    "Expected newline or end of document after a statement": "expected the end of the line "
    "after the value (one key = value per line)",
    "Expected ']' at the end of a table declaration": "expected ] to end the [table] header",
    "Expected ']]' at the end of an array declaration": "expected ]] to end the [[table]] header",
    "Expected '=' after a key in a key/value pair": "expected = after the key",
    "Unclosed array": "the array is not closed: expected a comma or ]",
    "Unclosed inline table": "the inline table is not closed: expected a comma or }",
    "Unescaped '\\' in a string": f"a backslash starts an escape such as \\n; {_ESCAPE_HINT}",
    "Invalid hex value": f"\\u needs 4 hex digits and \\U needs 8; {_ESCAPE_HINT}",
    "Escaped character is not a Unicode scalar value": "the escape names no character: "
    "\\uD800 to \\uDFFF are surrogates, and there is nothing above \\U0010FFFF",
    "Unterminated string": "the string is not closed",
    'Expected "\'"': "the string is not closed",
    "Expected \"'''\"": "the string is not closed",
    "Invalid statement": "expected key = value, a [table] header or a # comment",
}


def _toml_error(message: str, text: str) -> tuple[str, int | None]:
    """tomllib's error as a message for people, and the line it is about."""
    match = re.fullmatch(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)", message)
    if not match:
        return f"invalid TOML: {message}", None
    detail, line, column = match.groups()
    detail = _TOML_ERRORS.get(detail, detail)
    character = re.fullmatch(r"(?:Illegal|Found invalid) character ('.+'|\".+\")", detail)
    table = re.fullmatch(r"Cannot declare (\(.*\)) twice", detail)
    if character:
        detail = _character_error(ast.literal_eval(character.group(1)))
    elif table:
        detail = f"the table [{'.'.join(ast.literal_eval(table.group(1)))}] is declared twice"
    if line is None:  # the end of the file: point at what it leaves open, else at its last line
        start = unclosed_line(text)
        where = "the file ends inside it" if start else "at the end of the file"
        return f"invalid TOML: {detail} ({where})", start or len(text.rstrip().split("\n"))
    rows = text.replace("\r\n", "\n").split("\n")  # as tomllib counts lines and columns
    row = rows[int(line) - 1][: int(column)]
    if row.endswith("\r"):
        detail = _character_error("\r")
    elif re.search(r"(?<![\w.])0\d\Z", row):
        detail = "leading zeros are not allowed in a number"
    unclosed = detail.startswith(("the array is not closed", "the inline table is not closed"))
    start = unclosed_line("\n".join(rows[: int(line) - 1])) if unclosed else None
    if start:  # an array or inline table over several lines: point at where it starts
        return f"invalid TOML: {detail} (at line {line}, column {column})", start
    return f"invalid TOML: {detail} (column {column})", int(line)


def _character_error(char: str) -> str:
    """Why a character tomllib refused (a newline in a string, a lone CR, a control character)."""
    if char == "\n":
        return "the string is not closed on this line: a closing quote is missing"
    if char == "\r":
        return "a carriage return (CR) without a line feed: save the file with LF or CRLF line ends"
    return f"control character U+{ord(char):04X} is not allowed in a TOML file; remove it"


@attrs.define
class _Reader:
    name: str
    text: str
    limits: Limits
    raw: dict[str, Any]
    problems: list[Problem] = attrs.field(factory=list)
    strict_mode: bool = False
    broken_features: set[str] = attrs.field(factory=set)
    locate: Callable[[str], dict[Loc, int]] = key_lines
    """How the text's key paths map to lines (TOML's by default)."""
    feature_sources: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Each feature's default sources, by id, for ``--strict``."""

    # --- reporting -------------------------------------------------------

    @functools.cached_property
    def lines(self) -> dict[Loc, int]:
        """The line of each key, worked out at the first problem: a valid spec never needs it."""
        return self.locate(self.text)

    @functools.cached_property
    def ids(self) -> dict[str, Sequence[str | None]]:
        """Each array's ids as the file gives them, to name items in key paths (read once)."""
        out: dict[str, Sequence[str | None]] = {}
        for kind in ("sources", "groups", "features", "products", "views"):
            items = self.raw.get(kind)
            if isinstance(items, list):
                out[kind] = [
                    item.get("id")
                    if isinstance(item, dict) and isinstance(item.get("id"), str)
                    else None
                    for item in items
                ]
        return out

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(
            keypath(loc, self.ids),
            message,
            file=self.name,
            line=line_of(loc, self.lines),
            loc=loc,
        )

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(self.problem(loc, message))

    # --- reading keys ----------------------------------------------------

    def keys(self, table: Mapping[str, Any], allowed: Iterable[str], loc: Loc) -> None:
        choices = list(allowed)
        for key in table:
            if key not in choices and key != EXTRA:
                self.add((*loc, key), f"unknown key {quoted(key)}{suggest(key, choices)}")

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        loc: Loc,
        check: Callable[[Any, Loc], T | None],
        *,
        required: bool = False,
    ) -> T | None:
        if key not in table:
            if required:
                self.add((*loc, key), "required key is missing")
            return None
        return check(table[key], (*loc, key))

    def string(self, value: Any, loc: Loc, limit: int | None = None) -> str | None:
        if not isinstance(value, str):
            self.add(loc, f"expected a string, got {describe(value)}")
            return None
        most = limit or self.limits.max_text
        if len(value) > most:
            self.add(loc, f"too long: {len(value):,} characters; the limit is {most:,}")
            return None
        return value

    def identifier(self, value: Any, loc: Loc) -> str | None:
        return self.string(value, loc, self.limits.max_id)

    def label(self, value: Any, loc: Loc) -> Label | None:
        if isinstance(value, str):
            return Label(value) if self.string(value, loc) is not None else None
        if not isinstance(value, dict):
            self.add(loc, f"expected a string or a table of translations, got {describe(value)}")
            return None
        value = {lang: text for lang, text in value.items() if lang != EXTRA}
        if not value:
            self.add(loc, "a table of translations needs at least one language")
            return None
        good = True
        for lang, text in value.items():
            if not LANGUAGE_TAG.match(lang):
                self.add((*loc, lang), f"not a language tag: {describe(lang)}{_lang_hint(lang)}")
                good = False
            elif self.string(text, (*loc, lang)) is None:
                good = False
        for _, lang, first, _ in clashes(value, str.casefold):
            self.add((*loc, lang), language_clash(first))
            good = False
        return Label(value) if good else None

    def date(self, value: Any, loc: Loc) -> dt.date | None:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.add(loc, f"expected a date (YYYY-MM-DD, unquoted), got {describe(value)}")
            return None
        return value

    def flag(self, value: Any, loc: Loc) -> bool | None:
        if not isinstance(value, bool):
            self.add(loc, f"expected true or false, got {describe(value)}")
            return None
        return value

    def decimals(self, value: Any, loc: Loc) -> int | None:
        problem = decimals_problem(value)
        if problem:
            self.add(loc, problem)
            return None
        return int(value)

    def choice(self, kind: type[Any]) -> Callable[[Any, Loc], Any]:
        def check(value: Any, loc: Loc) -> Any:
            problem = choice_problem(kind, value)
            if problem is not None:
                self.add(loc, problem)
                return None
            return kind(value)

        return check

    def array(self, key: str, limit: int) -> list[tuple[Loc, dict[str, Any]]]:
        items = self.raw.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.add((key,), f"expected an array of tables ([[{key}]]), got {describe(items)}")
            return []
        if len(items) > limit:
            self.add((key,), f"too many: {len(items):,}; the limit is {limit:,}")
            return []
        return [((key, index), item) for index, item in enumerate(items)]

    # --- the whole spec ----------------------------------------------------

    def read(self) -> Comparison:
        """The comparison the file describes; raise :class:`SpecError` with every problem."""
        self.keys(self.raw, TOP_KEYS, ())
        self.check_format()
        head, has_head = self.head()
        sources, groups, features, products = self.arrays()
        fields = self.fields(head, required=has_head)
        fields["scoring"] = self.scoring()
        fields["findings"] = self.findings()
        fields["theme"] = self.theme()
        fields["views"] = self.views()
        comparison = self.build(fields, sources, groups, features, products)
        if self.problems:
            raise SpecError(sorted(self.problems, key=lambda p: (p.line or 0, p.path)))
        assert comparison is not None
        return comparison

    def check_format(self) -> None:
        """Stop at once on a missing or unsupported ``format``: nothing else can be read."""
        raw = self.raw
        fmt = raw.get("format")
        if "format" not in raw:
            self.add(
                ("format",),
                f"required key is missing: start the file with format = {SUPPORTED_FORMAT}",
            )
        elif fmt != SUPPORTED_FORMAT or type(fmt) is not int:
            self.add(
                ("format",),
                f"unsupported format {describe(fmt).removeprefix('integer ')}; "
                f"this version of comparekit reads format = {SUPPORTED_FORMAT}",
            )
        if self.problems and "format" in {p.path for p in self.problems}:
            raise SpecError(self.problems)

    def head(self) -> tuple[dict[str, Any], bool]:
        """The [comparison] table (empty when missing or not a table) and whether it was one."""
        head = self.raw.get("comparison")
        if isinstance(head, dict):
            self.keys(head, COMPARISON_KEYS, ("comparison",))
            return head, True
        self.add(
            ("comparison",),
            "required table [comparison] is missing"
            if "comparison" not in self.raw
            else f"expected a table, got {describe(head)}",
        )
        return {}, False

    def arrays(self) -> tuple[list[Source], list[Group], list[Feature], list[Product]]:
        """The four arrays of tables, each within its limit, and the matrix within its cells."""
        limits = self.limits
        sources = [self.source(item, at) for at, item in self.array("sources", limits.max_sources)]
        groups = [self.group(item, at) for at, item in self.array("groups", limits.max_groups)]
        features = [
            self.feature(item, at) for at, item in self.array("features", limits.max_features)
        ]
        products = [
            self.product(item, at) for at, item in self.array("products", limits.max_products)
        ]
        cells = len(features) * len(products)
        if cells > limits.max_cells:
            self.add(
                ("products",),
                f"the matrix has {cells:,} cells ({_count(len(products), 'product')} × "
                f"{_count(len(features), 'feature')}); the limit is {limits.max_cells:,}",
            )
        return sources, groups, features, products

    def fields(self, head: dict[str, Any], *, required: bool) -> dict[str, Any]:
        """The comparison's own fields from [comparison]; ``title`` is required if the table is there."""
        loc: Loc = ("comparison",)
        return {
            "title": self.get(head, "title", loc, self.label, required=required),
            "subtitle": self.get(head, "subtitle", loc, self.label),
            "as_of": self.get(head, "as_of", loc, self.date),
            "language": _given(self.get(head, "language", loc, self.string), "en"),
            "summary": self.get(head, "summary", loc, self.label),
            "prepared_for": self.get(head, "prepared_for", loc, self.string),
            "prepared_by": self.get(head, "prepared_by", loc, self.string),
        }

    def build(
        self,
        fields: dict[str, Any],
        sources: list[Source],
        groups: list[Group],
        features: list[Feature],
        products: list[Product],
    ) -> Comparison | None:
        if fields["title"] is None:
            fields["title"] = Label("?")
        try:
            return Comparison(
                **fields, sources=sources, groups=groups, features=features, products=products
            )
        except ModelError as error:
            seen = {p.loc for p in self.problems}
            for found in error.problems:
                loc = found.loc
                about_broken = (
                    len(loc) > 3 and loc[0] == "products" and loc[3] in self.broken_features
                )
                if loc not in seen and not about_broken and not _under(loc, seen):
                    self.add(loc, found.message)
            return None

    # --- analysis: [scoring] and [[findings]] ----------------------------------

    def scoring(self) -> Scoring | None:
        """The [scoring] table, or None when the spec has none or it has problems."""
        if "scoring" not in self.raw:
            return None
        table = self.raw["scoring"]
        loc: Loc = ("scoring",)
        if not isinstance(table, dict):
            self.add(loc, f"expected a table ([scoring]), got {describe(table)}")
            return None
        self.keys(table, _SCORING_KEYS, loc)
        before = len(self.problems)  # an unknown key aside, a problem here leaves out the rules
        weights = self.get(table, "weights", loc, self.weights, required=True)
        scales = self.get(table, "scales", loc, self.scales)
        fields = {
            "missing": self.get(table, "missing", loc, self.choice(Missing)),
            "partial": self.get(table, "partial", loc, self.number),
            "vary": self.get(table, "vary", loc, self.number),
            "seed": self.get(table, "seed", loc, self.integer),
        }
        if len(self.problems) > before or weights is None:
            return None
        given: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
        return Scoring(weights=weights, scales=scales or (), **given)

    def number(self, value: Any, loc: Loc) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(loc, f"expected a number, got {describe(value)}")
            return None
        return value

    def integer(self, value: Any, loc: Loc) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(loc, f"expected an integer, got {describe(value)}")
            return None
        return value

    def table(self, value: Any, loc: Loc, what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(loc, f"expected a table of {what}, got {describe(value)}")
            return None
        return {key: item for key, item in value.items() if key != EXTRA}

    def weights(self, value: Any, loc: Loc) -> list[Weight] | None:
        table = self.table(value, loc, "feature or group ids to weights")
        if table is None:
            return None
        if not table:
            self.add(loc, "give at least one weight: a feature or group id = a number")
            return None
        found = [(key, self.number(item, (*loc, key))) for key, item in table.items()]
        return [Weight(key, weight) for key, weight in found if weight is not None]

    def scales(self, value: Any, loc: Loc) -> list[Scale] | None:
        table = self.table(value, loc, "feature ids to scales")
        if table is None:
            return None
        out = []
        for key, item in table.items():
            sloc = (*loc, key)
            if not isinstance(item, dict):
                self.add(sloc, f"expected a table (thresholds or required), got {describe(item)}")
                continue
            self.keys(item, _SCALE_KEYS, sloc)
            out.append(
                Scale(
                    key,
                    thresholds=self.get(item, "thresholds", sloc, self.numbers) or (),
                    required=self.get(item, "required", sloc, self.strings) or (),
                )
            )
        return out

    def numbers(self, value: Any, loc: Loc) -> list[float] | None:
        if not isinstance(value, list) or not value:
            self.add(loc, f"expected an array of numbers, got {describe(value)}")
            return None
        found = [self.number(item, (*loc, index)) for index, item in enumerate(value)]
        return None if None in found else found  # type: ignore[return-value]

    def strings(self, value: Any, loc: Loc) -> list[str] | None:
        if not isinstance(value, list) or not value:
            self.add(loc, f"expected an array of strings, got {describe(value)}")
            return None
        found = [self.string(item, (*loc, index)) for index, item in enumerate(value)]
        return None if None in found else found  # type: ignore[return-value]

    def findings(self) -> list[Finding]:
        """The [[findings]]: each a text and the cells it refers to (at most as many
        findings as the features limit)."""
        out = []
        for loc, item in self.array("findings", self.limits.max_features):
            self.keys(item, _FINDING_KEYS, loc)
            text = self.get(item, "text", loc, self.label, required=True)
            cells = self.get(item, "cells", loc, self.cells) or ()
            if text is not None:
                out.append(Finding(text=text, cells=cells))
        return out

    def cells(self, value: Any, loc: Loc) -> list[Cell] | None:
        if not isinstance(value, list):
            self.add(
                loc, f"expected an array of {{ product, feature }} tables, got {describe(value)}"
            )
            return None
        out = []
        for index, item in enumerate(value):
            cloc = (*loc, index)
            if not isinstance(item, dict):
                self.add(cloc, f"expected a {{ product, feature }} table, got {describe(item)}")
                continue
            self.keys(item, _CELL_KEYS, cloc)
            product = self.get(item, "product", cloc, self.identifier, required=True)
            feature = self.get(item, "feature", cloc, self.identifier, required=True)
            if product is not None and feature is not None:
                out.append(Cell(product, feature))
        return out

    # --- presentation: [theme] and [[views]] -----------------------------------

    def theme(self) -> Theme | None:
        """The [theme] table, its logo read from the spec's folder; None when there is none."""
        if "theme" not in self.raw:
            return None
        table = self.raw["theme"]
        loc: Loc = ("theme",)
        if not isinstance(table, dict):
            self.add(loc, f"expected a table ([theme]), got {describe(table)}")
            return None
        self.keys(table, THEME_KEYS, loc)
        colours = {key: self.get(table, key, loc, self.colour) for key in ("brand", "accent")}
        return Theme(
            **colours,
            logo=self.get(table, "logo", loc, self.logo),
            footer=self.get(table, "footer", loc, self.label),
        )

    def colour(self, value: Any, loc: Loc) -> str | None:
        text = self.string(value, loc)
        problem = colour_problem(text) if text is not None else None
        if problem:
            self.add(loc, problem)
            return None
        return text

    def logo(self, value: Any, loc: Loc) -> Logo | None:
        path = self.string(value, loc)
        if path is None:
            return None
        folder = spec_folder(self.name)
        try:
            if folder is None:  # text without a file: the path is checked, the file not read
                problem = logo_path_problem(path)
                if problem:
                    raise ValueError(problem)
                return Logo(path)
            return read_logo(path, folder)
        except ValueError as error:
            self.add(loc, str(error))
            return None

    def views(self) -> list[View]:
        """The [[views]]: each an id, a label and the ids it shows, in order."""
        out = []
        for loc, item in self.array("views", self.limits.max_features):
            self.keys(item, VIEW_KEYS, loc)
            out.append(
                View(
                    id=_given(
                        self.get(item, "id", loc, self.identifier, required=True), f"#{loc[-1]}"
                    ),
                    label=self.get(item, "label", loc, self.label),
                    products=self.get(item, "products", loc, self.strings) or (),
                    features=self.get(item, "features", loc, self.strings) or (),
                    groups=self.get(item, "groups", loc, self.strings) or (),
                )
            )
        return out

    # --- parts -----------------------------------------------------------

    def source(self, item: dict[str, Any], loc: Loc) -> Source:
        self.keys(item, SOURCE_KEYS, loc)
        return Source(
            id=_given(self.get(item, "id", loc, self.identifier, required=True), f"#{loc[-1]}"),
            title=_given(self.get(item, "title", loc, self.string, required=True), "?"),
            publisher=self.get(item, "publisher", loc, self.string),
            published=self.get(item, "published", loc, self.date),
            accessed=self.get(item, "accessed", loc, self.date),
            url=self.get(item, "url", loc, self.string),
            language=self.get(item, "language", loc, self.string),
        )

    def group(self, item: dict[str, Any], loc: Loc) -> Group:
        self.keys(item, GROUP_KEYS, loc)
        return Group(
            id=_given(self.get(item, "id", loc, self.identifier, required=True), f"#{loc[-1]}"),
            label=self.get(item, "label", loc, self.label, required=True) or "?",
        )

    def feature(self, item: dict[str, Any], loc: Loc) -> Feature:
        self.keys(item, FEATURE_KEYS, loc)
        identifier = _given(
            self.get(item, "id", loc, self.identifier, required=True), f"#{loc[-1]}"
        )
        kind = self.get(item, "type", loc, self.choice(FeatureType), required=True)
        if kind is None:
            self.broken_features.add(identifier)
        source = self.get(item, "source", loc, self.sources) or ()
        self.feature_sources.setdefault(identifier, source)
        return Feature(
            id=identifier,
            label=self.get(item, "label", loc, self.label, required=True) or "?",
            # Without a type, stand in the one that allows both `better` and `currency`,
            # so the missing type is the only problem reported for this feature.
            type=kind or FeatureType.MONEY,
            group=self.get(item, "group", loc, self.identifier),
            unit=self.get(item, "unit", loc, self.label),
            better=self.get(item, "better", loc, self.choice(Better)),
            description=self.get(item, "description", loc, self.label),
            currency=self.get(item, "currency", loc, self.string),
            decimals=self.get(item, "decimals", loc, self.decimals),
            source=source,
            measure=self.get(item, "measure", loc, self.label),
            show=self.get(item, "show", loc, self.choice(Show)),
            chart=bool(self.get(item, "chart", loc, self.flag)),
        )

    def product(self, item: dict[str, Any], loc: Loc) -> Product:
        self.keys(item, PRODUCT_KEYS, loc)
        values: dict[str, Value] = {}
        table = item.get("values", {})
        if not isinstance(table, dict):
            self.add((*loc, "values"), f"expected a table of values, got {describe(table)}")
            table = {}
        source = self.get(item, "source", loc, self.sources) or ()
        for key, entry in table.items():
            if key == EXTRA:
                continue
            vloc = (*loc, "values", key)
            if len(key) > self.limits.max_id:
                self.add(
                    vloc, f"too long: {len(key):,} characters; the limit is {self.limits.max_id}"
                )
                continue
            values[key] = self.value(entry, vloc, source or self.feature_sources.get(key, ()))
        return Product(
            id=_given(self.get(item, "id", loc, self.identifier, required=True), f"#{loc[-1]}"),
            name=self.get(item, "name", loc, self.label, required=True) or "?",
            vendor=self.get(item, "vendor", loc, self.label),
            url=self.get(item, "url", loc, self.string),
            description=self.get(item, "description", loc, self.label),
            values=values,
            source=source,
        )

    def value(self, entry: Any, loc: Loc, default: tuple[str, ...] = ()) -> Value:
        """The value at ``loc``; where it has problems, a not-stated stand-in that still
        takes part in the checks of feature and source references. ``default``: the
        sources it cites if it names none (its product's or feature's)."""
        if not isinstance(entry, dict):
            data = self.data(entry, (*loc, "value"))
            if self.strict_mode and data is not _BAD and not default:
                self.add((*loc, "source"), "strict: a value needs a source")
            return Value() if data is _BAD else Value(data)
        if entry and all(LANGUAGE_TAG.match(k) and k not in VALUE_KEYS for k in entry):
            self.add(loc, "a table of translations is a value: write { value = { en = ..., ... } }")
            return Value()
        self.keys(entry, VALUE_KEYS, loc)
        before = len(self.problems)
        data = self.data(entry["value"], (*loc, "value")) if "value" in entry else None
        top = self.data(entry["max"], (*loc, "max")) if "max" in entry else None
        status = self.get(entry, "status", loc, self.choice(Status)) if "status" in entry else None
        if status is None:  # not `status or ...`: a Status other than KNOWN is falsy
            status = Status.NOT_STATED if data is None else Status.KNOWN
        # Most values give few keys: a key that is absent is not looked up (184,000 values
        # in a 1000×200 spec).
        value = Value(
            data,
            status=status,
            qualifier=self.get(entry, "qualifier", loc, self.choice(Qualifier))
            if "qualifier" in entry
            else None,
            max=top,
            as_of=self.get(entry, "as_of", loc, self.date) if "as_of" in entry else None,
            note=self.get(entry, "note", loc, self.label) if "note" in entry else None,
            source=(self.get(entry, "source", loc, self.sources) or ())
            if "source" in entry
            else (),
            currency=self.get(entry, "currency", loc, self.string) if "currency" in entry else None,
            condition=self.get(entry, "condition", loc, self.label)
            if "condition" in entry
            else None,
        )
        if self.strict_mode:
            if status is Status.KNOWN and not value.source and not default:
                self.add((*loc, "source"), "strict: a value needs a source")
            self.note_years(value, loc)
        if len(self.problems) > before:
            return Value(note=value.note, source=value.source)
        return value

    def note_years(self, value: Value, loc: Loc) -> None:
        """``--strict``: a year in a value's note must be the year of its date (its own
        ``as_of``, else the comparison's): a figure dated in its note needs an ``as_of``."""
        if value.note is None:
            return
        head = self.raw.get("comparison")
        dated = value.as_of or (head.get("as_of") if isinstance(head, dict) else None)
        if not isinstance(dated, dt.date):
            return
        for lang, text in value.note.translations:
            for year in dict.fromkeys(_YEAR.findall(text)):
                if int(year) != dated.year:
                    self.add(
                        (*loc, "note", lang) if lang else (*loc, "note"),
                        f"strict: the note names the year {year} but the figure is as of "
                        f"{dated.isoformat()}: give the value an as_of in {year} "
                        f"(a year alone: {year}-12-31)",
                    )

    def sources(self, value: Any, loc: Loc) -> tuple[str, ...] | None:
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            return tuple(value)
        self.add(loc, f"expected a source id or an array of source ids, got {describe(value)}")
        return None

    def data(self, value: Any, loc: Loc, depth: int = 0) -> Any:
        """A figure as TOML gave it, with tables turned into labels; checked by type later."""
        if isinstance(value, dict):
            label = self.label(value, loc)
            return _BAD if label is None else label
        if isinstance(value, list):
            if depth >= MAX_NESTING:
                self.add(loc[: len(loc) - depth], f"arrays nested too deeply: at most {depth} deep")
                return _BAD
            items = [self.data(item, (*loc, i), depth + 1) for i, item in enumerate(value)]
            return _BAD if _BAD in items else items
        if isinstance(value, str) and len(value) > self.limits.max_text:
            return self.string(value, loc) or _BAD
        return value


_BAD: Any = object()


def _given(value: T | None, default: T) -> T:
    """``value``, or ``default`` where it is None: an empty string is kept for the rules to report."""
    return default if value is None else value


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _under(loc: Loc, seen: set[Loc]) -> bool:
    """True when a problem was already reported at an enclosing key."""
    return any(loc[: len(prefix)] == prefix for prefix in seen if len(prefix) < len(loc) and prefix)


def _lang_hint(lang: str) -> str:
    if lang in VALUE_KEYS:
        return " (a value table is written { value = ..., ... })"
    return ""
