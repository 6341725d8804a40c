"""Numbers show the digits they were written with, in every format (issue 14, class 2).

A decimal of up to 15 significant digits (what a spreadsheet keeps) goes into a spec as
a float; txt, md, the workbook (its cell value, and what its number format shows) and the
PDF (through ``pdftotext``) must all show those very digits, grouped by thousands: never
the binary float's ``1,234,567.8899999999``.

The last tests are of :mod:`comparekit.layout.numbers` itself, where those digits come from:
floats, changes, counts and dates in the words of each language.
"""

from __future__ import annotations

import datetime as dt
import decimal
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from workbooks import sheet_of

import comparekit
from comparekit import Comparison, Feature, Product
from comparekit.layout import numbers
from comparekit.layout.numbers import count, date, number, places, signed
from comparekit.layout.words import WORDS
from comparekit.renderers.xlsx import DATA_COLUMNS

MINUS = "\u2212"

_digits = st.builds(
    lambda sign, mantissa, exponent: decimal.Decimal(mantissa).scaleb(exponent).copy_sign(sign),
    st.sampled_from([1, -1]),
    st.integers(1, 10**15 - 1),
    st.integers(-15, 0),
)
"""A decimal of 1 to 15 significant digits, below 10^15 in magnitude, either sign."""


def written(number: decimal.Decimal) -> str:
    """How a reader expects ``number`` shown: its own digits, grouped, a true minus sign."""
    text = f"{abs(number.normalize()):,f}"
    return (MINUS if number < 0 else "") + text


def comparison(numbers: list[decimal.Decimal], feature: Feature | None = None) -> Comparison:
    """One ``number`` feature, one product per number, each given as a float."""
    feature = feature or Feature(id="n", label="N", type="number")
    return Comparison(
        title="Numbers",
        features=[feature],
        products=[
            Product(id=f"p{i}", name=f"P{i}", values={feature.id: float(n)})
            for i, n in enumerate(numbers)
        ],
    )


def format_shows(number_format: str, value: float) -> str:
    """What a ``#,##0`` or ``#,##0.000`` number format shows for ``value``, as Excel does
    (half away from zero on the value's 15 significant digits)."""
    match = re.fullmatch(r"#,##0(?:\.(0+))?", number_format)
    assert match, f"unexpected number format {number_format!r}"
    places = len(match.group(1) or "")
    exact = decimal.Decimal(repr(value)).quantize(
        decimal.Decimal(1).scaleb(-places), decimal.ROUND_HALF_UP
    )
    return ("-" if exact < 0 else "") + f"{abs(exact):,.{places}f}"


def data_cells(xlsx: bytes) -> list[tuple[Any, str]]:
    """The Data sheet's value cells: value and number format, row by row."""
    sheet = sheet_of(openpyxl.load_workbook(io.BytesIO(xlsx)), "Data")
    column = DATA_COLUMNS.index("value") + 1
    cells = [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]
    return [(cell.value, cell.number_format) for cell in cells]


def pdf_words(pdf: bytes, folder: Path) -> str:
    """``pdftotext -raw`` of ``pdf`` without whitespace (a cell may wrap inside a number)."""
    path = folder / "numbers.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "".join(text.split())


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numbers=st.lists(_digits, min_size=1, max_size=4), lang=st.sampled_from(["en", "ko", "zh"]))
@example(numbers=[decimal.Decimal("1234567.89")], lang="en")
@example(numbers=[decimal.Decimal("0.1"), decimal.Decimal("-999999999999999")], lang="ko")
@example(numbers=[decimal.Decimal("0.000000000000001"), decimal.Decimal("2.675")], lang="zh")
def test_decimals_show_their_own_digits_in_every_format(
    numbers: list[decimal.Decimal], lang: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Random decimals of up to 15 significant digits show their own digits in txt, md, the
    workbook (cell value and number format) and the PDF."""
    spec = comparison(numbers)
    expected = [written(n) for n in numbers]
    txt = comparekit.render(spec, "txt", lang=lang, width=400).decode()
    md = comparekit.render(spec, "md", lang=lang).decode()
    for shown in expected:
        assert shown in txt
        assert shown in md
    cells = data_cells(comparekit.render(spec, "xlsx", lang=lang))
    assert [value for value, _ in cells] == [float(n) for n in numbers]
    shown_by_format = [format_shows(form, value) for value, form in cells]
    assert shown_by_format == [text.replace(MINUS, "-") for text in expected]
    pdf = pdf_words(comparekit.render(spec, "pdf", lang=lang), tmp_path_factory.mktemp("pdf"))
    for shown in expected:
        assert shown in pdf


def test_fixed_decimals_in_every_format(tmp_path: Path) -> None:
    """A feature's ``decimals`` shows every figure with that many decimals, rounded half away
    from zero, and the workbook's number format shows the same."""
    feature = Feature(id="price", label="Price", type="money", currency="CNY", decimals=2)
    spec = comparison([decimal.Decimal(s) for s in ("9.5", "1500", "2.675", "-0.125")], feature)
    expected = ["CNY 9.50", "CNY 1,500.00", "CNY 2.68", f"CNY {MINUS}0.13"]
    txt = comparekit.render(spec, "txt", width=400).decode()
    pdf = pdf_words(comparekit.render(spec, "pdf"), tmp_path)
    for shown in expected:
        assert shown in txt
        assert shown.replace(" ", "") in pdf
    cells = data_cells(comparekit.render(spec, "xlsx"))
    assert {form for _, form in cells} == {"#,##0.00"}
    assert [format_shows(form, value) for value, form in cells] == [
        text.removeprefix("CNY ").replace(MINUS, "-") for text in expected
    ]


# ---------------------------------------------------------------- comparekit/layout/numbers.py


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1234567.89, None, "1,234,567.89"),
        (0.1 + 0.2, None, "0.30000000000000004"),
        (1e-7, None, "0.0000001"),
        (123456789012345.6, None, "123,456,789,012,345.6"),
        (-0.125, None, "−0.125"),
        (9.5, 2, "9.50"),
        (1500, 2, "1,500.00"),
        (2.675, 2, "2.68"),
        (-2.5, 0, "−3"),
        (0.994, 1, "1.0"),
        (-0.001, 2, "0.00"),
        (1234567.89, 0, "1,234,568"),
    ],
)
def test_numbers_show_their_own_digits(value: float, decimals: int | None, shown: str) -> None:
    """A float shows the shortest decimal that reads back as itself (as repr), grouped, in
    every language; fixed decimals round half away from zero, as a spreadsheet's format."""
    for lang in ("en", "ko", "zh"):
        assert number(value, WORDS[lang], decimals) == shown
    assert places(value, decimals) == len(shown.partition(".")[2])


def test_changes_with_decimals() -> None:
    """A change keeps its sign with fixed decimals, and one that rounds to zero has none."""
    en = WORDS["en"]
    assert [signed(v, en, 1) for v in (12.34, -0.04, 0.04, 0)] == ["+12.3", "0.0", "0.0", "0.0"]


@pytest.mark.parametrize(
    ("value", "en", "ko", "zh"),
    [
        (102, "102", "102", "102"),
        (21_000, "21,000", "2만 1,000", "2.1万"),
        (2_500_000, "2.5 million", "250만", "250万"),
        (200_000_000, "200 million", "2억", "2亿"),
        (1_234_567, "1,234,567", "123만 4,567", "1,234,567"),
        (3_000_000_000, "3 billion", "30억", "30亿"),
    ],
)
def test_counts_per_language(value: int, en: str, ko: str, zh: str) -> None:
    """Counts use each language's grouping and exact compact forms."""
    assert [count(value, WORDS[lang]) for lang in ("en", "ko", "zh")] == [en, ko, zh]


def test_numbers_signs_and_dates() -> None:
    """Numbers drop needless decimals, changes carry a sign, dates follow the language."""
    en = WORDS["en"]
    assert number(3.5, en) == "3.5"
    assert number(3.0, en) == "3"
    assert number(-1234.25, en) == "−1,234.25"
    assert signed(350, en) == "+350"
    assert signed(-20, en) == "−20"
    assert signed(0, en) == "0"
    day = dt.date(2020, 2, 24)
    assert [date(day, WORDS[lang]) for lang in ("en", "ko", "zh")] == [
        "24 Feb 2020",
        "2020년 2월 24일",
        "2020年2月24日",
    ]


@settings(max_examples=400, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.integers(min_value=1, max_value=4),
)
@example(0.25, 1)
@example(-0.05, 1)
@example(-0.04, 1)
@example(9.995, 2)
@example(123456789.95, 1)
@example(1e-05, 2)
def test_fixed_decimals_fast_path_is_the_exact_one(value: float, decimals: int) -> None:
    """number() with fixed decimals shows what the exact Decimal path shows (round half up
    from the shortest decimal, no minus on a zero), whichever path it takes."""
    exact = decimal.Decimal(repr(value)).quantize(
        decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP
    )
    text = f"{abs(exact):,.{decimals}f}"
    expected = text if exact.is_zero() or value >= 0 else "\u2212" + text
    assert number(value, WORDS["en"], decimals=decimals) == expected


@settings(max_examples=400, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
@example(1.5e-07)
@example(123.456)
@example(1e16 + 2)
def test_places_fast_path_is_the_exact_one(value: float) -> None:
    """places() counts the decimals of the shortest decimal that reads back as the float,
    as the Decimal of its repr says, whichever path it takes."""
    digits = decimal.Decimal(repr(value)).normalize().as_tuple().exponent
    assert isinstance(digits, int)
    assert places(value) == (0 if value.is_integer() else max(0, -digits))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_shows_its_shortest_decimal_by_either_path(value: float) -> None:
    """Property: the string fast path of number() gives the text of its exact decimal path
    (the shortest decimal that reads back as the same float, grouped), for every float
    that is not whole."""
    if value.is_integer():  # number() shows a whole float as an int, on neither path
        return
    exact = numbers._exact(value, None)
    expected = f"{abs(exact):,.{places(value)}f}"
    shortest = numbers._shortest(value)
    assert shortest in ("", expected)
    assert number(value, WORDS["en"]).removeprefix(MINUS) == expected
