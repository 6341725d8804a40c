"""Numbers and dates in the words of each language.

>>> from comparekit.layout.words import WORDS
>>> [count(200_000_000, WORDS[lang]) for lang in ("en", "ko", "zh")]
['200 million', '2억', '2亿']
>>> count(21_000, WORDS["ko"]), count(1_234_567, WORDS["en"])
('2만 1,000', '1,234,567')
>>> number(-2.5, WORDS["en"]), signed(350, WORDS["en"]), signed(-20.0, WORDS["en"])
('−2.5', '+350', '−20')
>>> number(1234567.89, WORDS["en"]), number(9.5, WORDS["en"], decimals=2), places(0.125)
('1,234,567.89', '9.50', 3)
>>> row_places([23, 20.48, 25.3]), row_places([2_000_000, 500])
(2, None)
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable

from comparekit.layout.words import Words

__all__ = ["count", "date", "number", "places", "row_places", "signed"]

MINUS = "\u2212"
_MOST_ROW_PLACES = 10
"""A money row shares its decimals only up to this many (a feature's ``decimals`` may fix
at most as many); a figure more precise than that leaves its row as written."""


def _exact(value: float, decimals: int | None) -> decimal.Decimal:
    """``value`` as the shortest decimal that reads back as the same float (as :func:`repr`
    writes it), rounded half away from zero to ``decimals`` places if given (as a
    spreadsheet's number format rounds)."""
    exact = decimal.Decimal(repr(value)) if isinstance(value, float) else decimal.Decimal(value)
    if decimals is not None:
        exact = exact.quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP)
    return exact


def places(value: float, decimals: int | None = None) -> int:
    """How many decimals :func:`number` shows for ``value``: ``decimals`` if given, else as
    many as the shortest decimal that reads back as the same float needs."""
    if decimals is not None:
        return decimals
    if isinstance(value, int) or value.is_integer():
        return 0
    fraction = repr(value).partition(".")[2]
    if fraction.isdigit():  # no exponent: the shortest decimal's places, no trailing zero
        return len(fraction)
    return max(0, -_exact(value, None).normalize().as_tuple().exponent)  # type: ignore[operator]


def row_places(figures: Iterable[object]) -> int | None:
    """The decimals every amount of a money row shows, so that the row reads alike
    (``USD 23.00 · USD 20.48 · USD 25.30``): as many as its most precise figure needs;
    None when every figure is whole (whole amounts keep their compact forms) or one needs
    more than 10."""
    found = [places(f) for f in figures if isinstance(f, int | float) and not isinstance(f, bool)]
    most = max(found, default=0)
    return most if 0 < most <= _MOST_ROW_PLACES else None


def number(value: float, words: Words, decimals: int | None = None) -> str:
    """A number with thousands grouping, showing the digits it was written with: the
    shortest decimal that reads back as the same float (``1234567.89``, never
    ``1234567.8899999999``), or exactly ``decimals`` places if given."""
    if decimals is None and isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and decimals is None:
        text = f"{abs(value):,}"
    elif decimals is None and isinstance(value, float) and (shortest := _shortest(value)):
        text = shortest
    elif decimals and isinstance(value, float) and (fixed := _fixed(value, decimals)):
        text = fixed
        if text.strip("0.,") == "":
            return text
    else:
        exact = _exact(value, decimals)
        shown = places(value, decimals)
        text = f"{abs(exact):,.{shown}f}"
        if exact.is_zero():
            return text
    return (MINUS if value < 0 else "") + text


def _shortest(value: float) -> str:
    """``|value|`` as its shortest decimal with thousands grouping, as :func:`number` shows
    it through :func:`_exact` without ``decimals``: the same text by string steps (a big
    matrix has thousands of such figures). Empty where ``repr`` writes an exponent.

    >>> _shortest(1234567.89), _shortest(-0.5), _shortest(1e-07)
    ('1,234,567.89', '0.5', '')
    """
    whole, point, fraction = repr(abs(value)).partition(".")
    if not point or not whole.isdigit() or not fraction.isdigit():
        return ""
    return f"{int(whole):,}.{fraction}"


def _fixed(value: float, decimals: int) -> str:
    """``|value|`` to ``decimals`` places (at least 1) with thousands grouping, rounded half
    away from zero from its shortest decimal, as :func:`number` shows it through
    :func:`_exact`: the same text, by string and integer steps several times faster (the
    scores table has a contribution per product and weight). Empty where ``repr`` writes
    an exponent (or not a number): :func:`number` takes its exact path then.

    >>> _fixed(1234.25, 1), _fixed(-0.05, 1), _fixed(0.04999, 1), _fixed(9.995, 2)
    ('1,234.3', '0.1', '0.0', '10.00')
    """
    shortest = repr(abs(value))
    whole, point, fraction = shortest.partition(".")
    if not point or not whole.isdigit() or not fraction.isdigit():
        return ""
    if len(fraction) <= decimals:
        scaled = int(whole + fraction.ljust(decimals, "0"))
    else:
        scaled = int(whole + fraction[:decimals]) + (fraction[decimals] >= "5")
    unit = 10**decimals
    return f"{scaled // unit:,}.{scaled % unit:0{decimals}d}"


def signed(value: float, words: Words, decimals: int | None = None) -> str:
    """A relative change: ``+350``, ``−20``, ``0``."""
    text = number(value, words, decimals)
    return text if value <= 0 or text.strip("0.,") == "" else "+" + text


def count(value: int, words: Words) -> str:
    """A whole number, in the compact form of the language when that form is exact."""
    if value < 0:
        return MINUS + count(-value, words)
    if words.myriad_units:
        return _myriads(value, words.myriad_units)
    for size, template in words.million_units:
        step = size // 10**words.compact_decimals
        if value >= size and value % step == 0:
            quotient = value / size
            shown = f"{quotient:.{words.compact_decimals}f}".rstrip("0").rstrip(".")
            if words.compact_grouping and quotient.is_integer():
                shown = f"{int(quotient):,}"
            return template.format(shown)
    return f"{value:,}"


def _myriads(value: int, units: tuple[tuple[int, str], ...]) -> str:
    """Myriad grouping (Korean): every unit spelled out, each part grouped by thousands."""
    if value < units[-1][0]:
        return f"{value:,}"
    parts = []
    rest = value
    for size, unit in units:
        if rest >= size:
            parts.append(f"{rest // size:,}{unit}")
            rest %= size
    if rest:
        parts.append(f"{rest:,}")
    return " ".join(parts)


def date(value: dt.date, words: Words) -> str:
    """A date in the language's own order: ``28 Feb 2020``, ``2020년 2월 28일``, ``2020年2月28日``."""
    return words.date.format(year=value.year, month=words.months[value.month - 1], day=value.day)
