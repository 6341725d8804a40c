"""Read a workbook that comparekit wrote back into a :class:`~comparekit.Comparison`.

The sheets become the dict a TOML spec parses into, and the TOML reader's checks run on it
(:class:`~comparekit.spec.reader._Reader`): the same problems, all at once, each located by
sheet and cell instead of line (``book.xlsx: Data!J17: products[dingtalk].values.users.value:
expected an integer ≥ 0 for type "count", got "lots"``). The Matrix sheet is made from the
others and is not read. How each sheet is laid out: docs/spec-format.md, "Workbook".

>>> from comparekit import Comparison, Feature, Product, render
>>> c = Comparison(title="Demo", features=[Feature(id="share", label="Share", type="percent")],
...                products=[Product(id="a", name="A", values={"share": 99.9})])
>>> read_workbook(render(c, "xlsx"), "book.xlsx") == c
True
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from comparekit import _gc
from comparekit.errors import Loc, Problem, SpecError, describe, keypath, quoted, suggest
from comparekit.layout.stored import exact_figures, fraction, label_value, list_items, percent
from comparekit.layout.words import LANGUAGES, WORDS, sheet_key
from comparekit.model import Comparison
from comparekit.spec.files import OLE
from comparekit.spec.keys import FEATURE_KEYS, GROUP_KEYS, PRODUCT_KEYS, SOURCE_KEYS
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import _Reader
from comparekit.spec.xlsx_cells import Book, BookError, CellValue, cell_name, open_book, rows_of

__all__ = ["SHEETS", "read_workbook"]

SHEETS = ("Data", "Features", "Products", "Groups", "Sources", "Comparison")
"""The sheets read back, in the order problems are listed, by their English names. (Matrix is
not read.) A workbook names them in its report's language (``Words.sheet_names``): each is
found by its name in any language, and its problems name it as the file does."""

_LABELS = {
    "Features": ("label", "unit", "description", "measure"),
    "Products": ("name", "vendor", "description"),
    "Groups": ("label",),
    "Sources": (),
}
_COLUMNS = {
    "Features": FEATURE_KEYS,
    "Products": tuple(k for k in PRODUCT_KEYS if k != "values"),  # on the Data sheet
    "Groups": GROUP_KEYS,
    "Sources": SOURCE_KEYS,
}
"""The columns each table sheet may have: the keys of its spec table (labels also as
``label:xx``)."""
_DATES = ("as_of", "published", "accessed")
_ANALYSIS = ("scoring", "findings")
"""Comparison sheet keys whose value is the JSON of a spec's [scoring] or [[findings]]."""
_DERIVED = frozenset(
    {"product", "feature", "group", "type", "unit", "display", "number", "date", "text"}
)
"""Data columns made from the others: not read back."""
_DATA_KEYS = (
    "status",
    "qualifier",
    "value",
    "whole",
    "max",
    "currency",
    "note",
    "condition",
    "sources",
    "as_of",
)
_DATA_COLUMNS = frozenset({"product_id", "feature_id", "exact", *_DATA_KEYS, *_DERIVED})
_KEY = {"sources": "source"}


def read_workbook(
    data: bytes, name: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """The comparison in a comparekit workbook's bytes; :class:`SpecError` listing every
    problem by sheet and cell, or saying in one sentence why the file is not one."""
    if len(data) > limits.max_file_bytes:
        _fail(name, f"the file is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}")
    if data[:8] == OLE:
        _fail(
            name,
            "an encrypted (password-protected) workbook or an old binary .xls file: save it "
            "as an Excel Workbook (.xlsx) without a password",
        )
    try:
        book = open_book(data, limits.max_file_bytes)
    except BookError as error:
        _fail(name, str(error))
    with _gc.paused():
        return _Sheets(book, name, limits).read(strict)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _fail(name: str, message: str, cell: str = "") -> Any:
    raise SpecError([Problem("", message, file=name, cell=cell)])


def _date(value: object) -> object:
    """A date field's cell: a date, or ISO text (how a date before 1900-03-01 is stored)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _whole(value: object) -> object:
    """A number that is whole as an ``int`` (a spreadsheet has no integers)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@attrs.define
class _Sheets:
    """The workbook's sheets turned into a spec's dict, and where each key came from."""

    book: Book
    name: str
    limits: Limits
    where: dict[Loc, str] = attrs.field(factory=dict)
    problems: list[Problem] = attrs.field(factory=list)
    headers: dict[str, dict[int, str]] = attrs.field(factory=dict)
    """Each sheet's column names by column."""
    titles: dict[str, str] = attrs.field(factory=dict)
    """Each sheet's name in the file, by its English name (:data:`SHEETS`)."""

    def read(self, strict: bool) -> Comparison:
        self.titles = _titles(self.book.sheets)
        missing = [s for s in SHEETS if self.titles[s] not in self.book.sheets]
        if len(missing) == len(SHEETS):
            _fail(
                self.name,
                "an Excel workbook, but not one comparekit wrote (it has none of the sheets "
                f"{', '.join(SHEETS)}); comparekit reads back the workbooks it renders",
            )
        if missing:
            named = [self.titles[s] for s in missing]
            _fail(
                self.name,
                f"the workbook has no sheet {', '.join(map(quoted, named))}; a comparekit "
                f"workbook has the sheets {', '.join(self.titles[s] for s in SHEETS)} (render "
                "it again to get them)",
            )
        raw: dict[str, Any] = {}
        raw.update(self.fields())
        for sheet in ("Sources", "Groups", "Features", "Products"):
            raw[sheet.lower()] = self.items(sheet)
        self.values(raw)
        reader = _BookReader(self.name, "", self.limits, raw, strict_mode=strict)
        reader.where = self.where
        reader.problems = list(self.problems)
        try:
            return reader.read()
        except SpecError as error:
            raise SpecError(sorted(error.problems, key=_order)) from None

    def cells(self, sheet: str) -> list[tuple[int, dict[str, tuple[CellValue, str]]]]:
        """The rows of an Excel table on ``sheet`` under its header row: each cell by column
        name, with its place; a cell with no column name is a problem."""
        found, refused = self.book.cells(self.titles[sheet])
        self.problems += [Problem("", p.message, file=self.name, cell=p.cell) for p in refused]
        rows = list(rows_of(found))
        if not rows:
            return []
        first, header = rows[0]
        if first != 1:
            self.problems.append(
                Problem(
                    "",
                    "the first row must hold the column names",
                    file=self.name,
                    cell=self.at(sheet, 1, 1),
                )
            )
        names: dict[int, str] = {}
        for column, title in header.items():
            if isinstance(title, str) and title.strip():
                names[column] = title.strip()
            else:
                self.problems.append(
                    Problem(
                        "",
                        "a column needs a name",
                        file=self.name,
                        cell=self.at(sheet, first, column),
                    )
                )
        self.headers[sheet] = names
        out = []
        for row, values in rows[1:]:
            cells = {}
            for column, value in values.items():
                if column in names:
                    cells[names[column]] = (value, self.at(sheet, row, column))
                else:
                    self.problems.append(
                        Problem(
                            "",
                            "a value under no column name: remove it or name its column",
                            file=self.name,
                            cell=self.at(sheet, row, column),
                        )
                    )
            out.append((row, cells))
        return out

    def at(self, sheet: str, row: int, column: int) -> str:
        """A cell of ``sheet`` (its English name), named as in the file: ``데이터!J17``."""
        return cell_name(self.titles[sheet], row, column)

    def fields(self) -> dict[str, Any]:
        """``format`` and the [comparison] table from the Comparison sheet's key/value rows."""
        table: dict[str, Any] = {}
        out: dict[str, Any] = {"comparison": table}
        self.where[("comparison",)] = self.at("Comparison", 1, 1)
        given: dict[str, tuple[object, str]] = {}
        for row, cells in self.cells("Comparison"):
            key, _ = cells.get("key", (None, ""))
            value, place = cells.get("value", (None, self.at("Comparison", row, 2)))
            if not isinstance(key, str) or not key.strip():
                continue
            key = key.strip()
            given[key] = (value, place)
            if key == "format":
                out["format"] = value
                self.where[("format",)] = place
            elif key in _ANALYSIS:
                out[key] = self.analysis(key, value, place)
        for key in _ANALYSIS:
            given.pop(key, None)
        for key, (_, place) in given.items():
            base, _, lang = key.partition(":")
            self.where[("comparison", base, lang) if lang else ("comparison", base)] = place
        for base in dict.fromkeys(k.partition(":")[0] for k in given if k != "format"):
            found = self.label(base, given)
            if found is not None:
                table[base] = _date(found) if base == "as_of" else found
        if "format" not in out:
            self.where[("format",)] = self.at("Comparison", 1, 1)
        return out

    def analysis(self, key: str, value: object, place: str) -> Any:
        """``scoring`` or ``findings``: the JSON text the workbook keeps them as, parsed; the
        spec reader checks the rest. Anything else is a problem at its cell."""
        self.where[(key,)] = place
        try:
            if not isinstance(value, str):
                raise ValueError(f"expected JSON text, got {describe(value)}")
            return json.loads(value, parse_constant=_no_constant)
        except ValueError as error:
            self.problems.append(
                Problem(key, f"expected the JSON of [{key}]: {error}", file=self.name, cell=place)
            )
            return None

    def items(self, sheet: str) -> list[dict[str, Any]]:
        """The rows of the Features, Products, Groups or Sources sheet, as spec tables."""
        kind = sheet.lower()
        self.where[(kind,)] = self.at(sheet, 1, 1)
        out: list[dict[str, Any]] = []
        rows = self.cells(sheet)
        self.check_columns(sheet)
        for row, cells in rows:
            index = len(out)
            loc: Loc = (kind, index)
            self.where[loc] = self.at(sheet, row, 1)
            item: dict[str, Any] = {}
            for column, (value, place) in cells.items():
                base, _, lang = column.partition(":")
                self.where[(*loc, base, lang) if lang else (*loc, base)] = place
                if base in _LABELS[sheet]:
                    if base not in item:
                        found = self.label(base, cells)
                        if found is not None:
                            item[base] = found
                elif column == "source" and sheet != "Sources":  # a default source
                    item[column] = _sources(value)
                elif column in _COLUMNS[sheet]:
                    item[column] = _date(value) if column in _DATES else _whole(value)
                # else an unknown column, reported once at its name by check_columns
            if item:
                out.append(item)
        return out

    def check_columns(self, sheet: str) -> None:
        """Each column of a table sheet is a key of its spec table, a label's also with a
        language (``label:ko``): a renamed column is reported even with no value under it."""
        known = _COLUMNS[sheet]
        for column, title in self.headers.get(sheet, {}).items():
            base, colon, _ = title.partition(":")
            if title in known or (colon and base in _LABELS[sheet]):
                continue
            self.add(
                self.at(sheet, 1, column),
                f"unknown column {quoted(title)}{suggest(title, list(known))}",
            )

    def values(self, raw: dict[str, Any]) -> None:
        """The Data sheet's rows into each product's values, by product and feature id."""
        products = {
            p.get("id"): (index, p)
            for index, p in reversed(list(enumerate(raw["products"])))
            if isinstance(p.get("id"), str)
        }
        types = {
            f.get("id"): f.get("type") for f in raw["features"] if isinstance(f.get("id"), str)
        }
        seen: dict[tuple[str, str], str] = {}
        rows = self.cells("Data")
        self.check_data_columns()
        for row, cells in rows:
            product, product_at = cells.get("product_id", (None, self.at("Data", row, 1)))
            feature, feature_at = cells.get("feature_id", (None, self.at("Data", row, 3)))
            given = {k: v for k, v in cells.items() if k.partition(":")[0] in _DATA_KEYS}
            if isinstance(feature, str) and feature not in types:
                choices = [f for f in types if isinstance(f, str)]
                self.add(
                    feature_at,
                    f"feature_id: {quoted(feature)} is not on the Features sheet"
                    f"{suggest(feature, choices)}",
                )
                continue
            if (
                not given.get("status")
                and not any(k in given for k in _DATA_KEYS if k != "status")
                and not any(":" in k for k in given)
            ):
                continue  # a feature the product leaves out
            if not isinstance(product, str) or product not in products:
                choices = [p for p in products if isinstance(p, str)]
                what = quoted(product) if isinstance(product, str) else "no product id"
                self.add(
                    product_at,
                    f"product_id: {what} is not on the Products sheet"
                    f"{suggest(product, choices) if isinstance(product, str) else ''}",
                )
                continue
            if not isinstance(feature, str):
                self.add(feature_at, "feature_id: a value needs the id of its feature")
                continue
            index, item = products[product]
            earlier = seen.setdefault((product, feature), feature_at)
            if earlier != feature_at:
                self.add(
                    feature_at,
                    f"this product's value of {quoted(feature)} is already given at {earlier}",
                )
                continue
            loc: Loc = ("products", index, "values", feature)
            self.where[loc] = feature_at
            table = item.setdefault("values", {})
            if not isinstance(table, dict):
                continue
            table[feature] = self.value(given, types.get(feature), loc, cells)

    def check_data_columns(self) -> None:
        """Each Data column is one the workbook has, once; product_id and feature_id are there."""
        names = self.headers.get("Data", {})
        for column, title in names.items():
            base, _, lang = title.partition(":")
            if title not in _DATA_COLUMNS and not (
                (lang and base in ("value", "note")) or base == "condition"
            ):
                self.add(
                    self.at("Data", 1, column),
                    f"unknown column {quoted(title)}{suggest(title, sorted(_DATA_COLUMNS))}",
                )
        for needed in ("product_id", "feature_id"):
            if needed not in names.values():
                self.add(self.at("Data", 1, 1), f"the column {quoted(needed)} is missing")

    def value(
        self,
        given: dict[str, tuple[CellValue, str]],
        kind: object,
        loc: Loc,
        cells: Mapping[str, tuple[CellValue, str]],
    ) -> dict[str, Any]:
        """One Data row as a spec's value table, each figure read for its feature's type."""
        out: dict[str, Any] = {}
        plain = {k: v for k, (v, _) in given.items()}
        exact = cells.get("exact", ("", ""))[0]
        figures = exact_figures(exact) if isinstance(exact, str) else []
        for column, (value, place) in given.items():
            base, _, lang = column.partition(":")
            key = _KEY.get(base, base)
            self.where[(*loc, key, lang) if lang else (*loc, key)] = place
            if key in ("value", "note", "condition") and key not in out:
                found = self.label(base, given)
                if found is not None:
                    out[key] = found
            elif key == "source":
                out[key] = _sources(value)
            elif key == "as_of":
                out[key] = _date(value)
            elif key not in ("value", "note", "condition", "whole"):
                out[key] = value
        for position, key in enumerate(("value", "max")):
            if key in out:
                known = figures[position] if position < len(figures) else None
                out[key] = _figure(out[key], kind, known)
        if kind == "fraction" and "value" in out and "whole" in plain:
            out["value"] = [out["value"], _whole(plain["whole"])]
        return out

    def label(self, name: str, cells: Mapping[str, tuple[object, str]]) -> object:
        """Field ``name`` from its columns (:func:`~comparekit.layout.stored.label_value`); a
        text in both ``name`` and a ``name:xx`` column is reported at the first, which is
        then left out."""
        found = label_value(name, {k: v for k, (v, _) in cells.items()})
        if isinstance(found, dict) and "" in found:
            plain = found.pop("")
            if plain != "":
                other = next(k for k in cells if k.startswith(name + ":"))
                self.add(
                    cells[name][1],
                    f"{name}: a text in both {quoted(name)} and {quoted(other)}: give one text "
                    f"in {quoted(name)}, or one per language in {quoted(name + ':xx')} "
                    "columns, not both",
                )
        return found

    def add(self, cell: str, message: str, path: str = "") -> None:
        self.problems.append(Problem(path, message, file=self.name, cell=cell))


def _titles(found: Mapping[str, str]) -> dict[str, str]:
    """Each of :data:`SHEETS` by the name the workbook ``found`` gives it: in the language
    most of its sheets are named in (English when none is found), else in any language.

    >>> _titles({"데이터": "", "항목": "", "Products": ""})["Data"], _titles({})["Data"]
    ('데이터', 'Data')
    """
    counts = {lang: sum(WORDS[lang].sheet_names[s] in found for s in SHEETS) for lang in LANGUAGES}
    lang = max(LANGUAGES, key=lambda one: (counts[one], one == "en"))
    titles = {}
    for sheet in SHEETS:
        names = [WORDS[lang].sheet_names[sheet]]
        names += [WORDS[other].sheet_names[sheet] for other in LANGUAGES if other != lang]
        titles[sheet] = next((name for name in names if name in found), names[0])
    return titles


def _sources(value: object) -> object:
    """The sources cell: ids separated by commas, one id as a string."""
    if not isinstance(value, str):
        return value
    ids = [part.strip() for part in value.split(",")]
    return ids[0] if len(ids) == 1 else ids


def _figure(value: object, kind: object, known: int | float | None) -> object:
    """A figure's cell as a spec gives it for feature type ``kind``."""
    if (
        kind in ("percent", "change")
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        if known is not None and fraction(known) == value:
            return known
        return percent(value)
    if kind == "list" and isinstance(value, str):
        return list_items(value)
    if kind == "date":
        return _date(value)
    if kind in ("count", "fraction", "number", "money", "multiplier"):
        return _whole(value)
    return value


@attrs.define
class _BookReader(_Reader):
    """The TOML reader's checks, each problem located by sheet and cell."""

    where: dict[Loc, str] = attrs.field(factory=dict)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(
            keypath(loc, self.ids), message, file=self.name, cell=self.cell(loc), loc=loc
        )

    def cell(self, loc: Loc) -> str:
        """The cell of the nearest key at or above ``loc`` that the workbook gave."""
        for end in range(len(loc), 0, -1):
            found = self.where.get(loc[:end])
            if found:
                return found
        return ""


def _order(problem: Problem) -> tuple[int, int, int, str]:
    """Problems sheet by sheet, then row by row, column by column."""
    match = re.fullmatch(r"'?(.*?)'?!([A-Z]+)(\d+)", problem.cell)
    if not match:
        return (-1, 0, 0, problem.path)
    sheet, letters, row = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    key = sheet_key(sheet.replace("''", "'"))
    order = SHEETS.index(key) if key in SHEETS else len(SHEETS)
    return (order, int(row), column, problem.path)
