"""How the workbook stores what a spreadsheet has no type for, both ways: percentages as
fractions, lists as lines, labels as one column per language.

The workbook writer (:mod:`comparekit.renderers.xlsx`) stores with these functions and the
workbook reader (:mod:`comparekit.spec.workbook`) reads back with their inverses, so the two
cannot drift apart.

>>> fraction(99.9), percent(0.999)
(0.999, 99.9)
>>> list_text(["Schools", "Banks"]), list_items("Schools\\nBanks")
('Schools\\nBanks', ['Schools', 'Banks'])
>>> label_cells("name", Label({"en": "Users", "ko": "사용자"}))
{'name:en': 'Users', 'name:ko': '사용자'}
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from comparekit.model import Label

__all__ = [
    "exact_text",
    "fraction",
    "label_cells",
    "label_columns",
    "list_items",
    "list_text",
    "percent",
]

_HUNDRED = Decimal(100)


def fraction(figure: int | float) -> float:
    """A percent figure (80 means 80 %) as the fraction a spreadsheet stores (0.8),
    worked out in decimal so that ``99.9`` gives ``0.999``, not ``0.9990000000000001``."""
    return float(Decimal(repr(figure) if isinstance(figure, float) else figure) / _HUNDRED)


def percent(stored: int | float) -> int | float:
    """The percent figure of a stored fraction: the inverse of :func:`fraction`, a whole
    number as an ``int``."""
    if isinstance(stored, bool) or not math.isfinite(stored):
        return stored
    exact = Decimal(repr(stored) if isinstance(stored, float) else stored) * _HUNDRED
    if exact == exact.to_integral_value() and abs(exact) < 2**53:
        return int(exact)
    return float(exact)


def exact_text(figures: Sequence[object]) -> str:
    """The percent figures (a value and its max) as written, when a fraction cannot give
    one of them back exactly (a figure with 17 digits): the workbook's ``exact`` column.

    >>> exact_text([99.9, None]), exact_text([12.345678901234567, 50])
    ('', '12.345678901234567 50')
    """
    numbers = [f for f in figures if isinstance(f, int | float) and not isinstance(f, bool)]
    if all(percent(fraction(f)) == f for f in numbers):
        return ""
    return " ".join(repr(f) if f is not None else "-" for f in figures).rstrip(" -")


def exact_figures(text: str) -> list[int | float | None]:
    """The figures :func:`exact_text` wrote (``None`` where one was not given or unreadable)."""
    out: list[int | float | None] = []
    for word in text.split():
        try:
            number = Decimal(word)
        except InvalidOperation:
            out.append(None)
            continue
        out.append(int(number) if number == number.to_integral_value() else float(word))
    return out


def list_text(items: Iterable[object]) -> str:
    """A list value as one cell: one item per line, or a JSON array when lines cannot hold
    it (an item with a line break or a translation table, an empty item, an empty list, or
    a text that starts with ``[``)."""
    items = list(items)
    plain = [item for item in items if isinstance(item, str)]
    simple = (
        items
        and len(plain) == len(items)
        and all(item and "\n" not in item and "\r" not in item for item in plain)
        and not plain[0].startswith("[")
    )
    if simple:
        return "\n".join(plain)
    return json.dumps(
        [_json_item(item) for item in items], ensure_ascii=False, separators=(", ", ": ")
    )


def _json_item(item: object) -> object:
    if isinstance(item, Label):
        return item.translations[0][1] if item.plain else dict(item.translations)
    return item


def list_items(text: str) -> Any:
    """The items :func:`list_text` wrote: a JSON array's items (strings, or tables of
    translations as dicts), else the lines; a text starting with ``[`` that is not a JSON
    array is returned as is, for the reader to refuse."""
    if text.startswith("["):
        try:
            found = json.loads(text)
        except (ValueError, RecursionError):
            return text
        return found if isinstance(found, list) else text
    return text.replace("\r\n", "\n").split("\n")


def label_columns(name: str, labels: Iterable[Label | None]) -> list[str]:
    """The columns that hold field ``name`` of ``labels``: ``name`` for a plain string, then
    ``name:<language>`` for each language any of them is translated into, sorted."""
    languages = sorted({lang for label in labels if label for lang in label.languages() if lang})
    return [name, *(f"{name}:{lang}" for lang in languages)]


def label_cells(name: str, label: Label | None) -> dict[str, str]:
    """The cells of ``label`` by column name (see :func:`label_columns`)."""
    if label is None:
        return {}
    return {f"{name}:{lang}" if lang else name: text for lang, text in label.translations}


def label_value(name: str, cells: Mapping[str, object]) -> object:
    """What the columns of field ``name`` hold, in the spec's shape: the plain string, a
    table of translations, or ``None`` when every one is empty (see :func:`label_cells`).
    A cell that is not text is given as it is, for the reader to refuse."""
    plain = cells.get(name)
    translated = {
        key.partition(":")[2]: value
        for key, value in cells.items()
        if key.startswith(name + ":") and value is not None
    }
    if translated:
        if plain is not None:
            translated[""] = plain
        return translated
    return plain
