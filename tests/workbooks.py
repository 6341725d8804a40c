"""Workbooks for the xlsx tests: render and reopen, comparisons that exercise every part, and
readers of what a sheet shows."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import attrs
import openpyxl

from comparekit import Comparison, Feature, Group, Product, Source, Value
from comparekit.layout import Cell, Table, records
from comparekit.layout.words import sheet_key
from comparekit.renderers import RenderOptions
from comparekit.renderers.xlsx import DATA_COLUMNS, render_xlsx

HOSTILE = (
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "＝1+1",
    "#N/A",
    "=cmd|' /C calc'!A0",
)


def render(table: Table, **options: Any) -> bytes:
    return render_xlsx(table, RenderOptions(**options))


def reopen(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_of(book: Any, key: str) -> Any:
    """The sheet of openpyxl ``book`` whose English name is ``key`` (``Matrix``), in whichever
    language the workbook was rendered (``비교표``)."""
    found = [name for name in book.sheetnames if sheet_key(name) == key]
    assert found, f"no {key} sheet among {book.sheetnames}"
    return book[found[0]]


def every_type() -> Comparison:
    """A comparison with every feature type, status, flag, a group and ungrouped rows."""
    features = [
        Feature(id="motto", label="Motto", type="text", group="g"),
        Feature(id="free", label="Free", type="boolean", group="g"),
        Feature(id="users", label="Users", type="count", unit="people", better="higher"),
        Feature(id="rating", label="Rating", type="number", better="higher"),
        Feature(id="share", label="Share", type="percent"),
        Feature(id="growth", label="Growth", type="change"),
        Feature(id="speed", label="Speed", type="multiplier"),
        Feature(id="price", label="Price", type="money", currency="USD", better="lower"),
        Feature(id="launch", label="Launch", type="date", description="First release."),
        Feature(id="hospitals", label="Hospitals", type="fraction"),
        Feature(id="sectors", label="Sectors", type="list"),
    ]
    return Comparison(
        title="Every type",
        subtitle="A hand-built comparison",
        as_of=dt.date(2021, 3, 4),
        prepared_for="Client",
        prepared_by="Analyst",
        summary="First paragraph.\n\nSecond paragraph.",
        sources=[
            Source(
                id="web",
                title="A web page",
                url="https://example.com/page",
                accessed=dt.date(2021, 1, 2),
            ),
            Source(id="book", title="A book", publisher="Press", published=dt.date(1999, 5, 6)),
        ],
        groups=[Group(id="g", label="Group one")],
        features=features,
        products=[
            Product(
                id="a",
                name="Alpha",
                vendor="Alpha Inc.",
                url="https://alpha.example/",
                description="The first product.",
                values={
                    "motto": Value("Be first", source="web"),
                    "free": Value(True, qualifier="partial", note="Only for schools."),
                    "users": Value(200_000_000, qualifier="about", max=300_000_000, source="book"),
                    "rating": Value(4.5),
                    "share": Value(12.5),
                    "growth": Value(-20),
                    "speed": Value(10),
                    "price": Value(9.99),
                    "launch": Value(dt.date(2020, 2, 24), as_of=dt.date(2020, 3, 1)),
                    "hospitals": Value((17, 20)),
                    "sectors": Value(("Schools", "Banks")),
                },
            ),
            Product(
                id="b",
                name="Beta",
                values={
                    "free": False,
                    "users": Value(60_000_000),
                    "rating": Value(3),
                    "share": Value(80),
                    "growth": Value(350),
                    "price": Value(500_000, note="List price."),
                    "launch": Value(status="not_applicable", note="Not launched."),
                },
            ),
            Product(id="c", name="Gamma", vendor="Gamma Ltd"),
        ],
    )


def title_rows(ws: Any) -> tuple[int, int]:
    first, last = ws.print_title_rows.replace("$", "").split(":")
    return int(first), int(last)


def text(value: object) -> object:
    return "" if value is None else value


def matrix_grid(ws: Any, table: Table) -> list[list[object]]:
    """The matrix as shown: the heading row, then the body rows under the frozen panes."""
    first, _ = title_rows(ws)
    body = ws[ws.freeze_panes].row
    width = len(table.columns) + 1

    def row(number: int) -> list[object]:
        return [text(ws.cell(number, column).value) for column in range(1, width + 1)]

    count = len(table.grid()) - 1
    return [row(first), *(row(number) for number in range(body, body + count))]


def value_cells(ws: Any, table: Table) -> Iterator[tuple[Cell, Any]]:
    """Each table cell with the sheet cell that shows it."""
    number = ws[ws.freeze_panes].row
    for section in table.sections:
        number += 1 if section.title else 0
        for row in section.rows:
            for column, cell in enumerate(row.cells, start=2):
                yield cell, ws.cell(number, column)
            number += 1


def noted_places(table: Table, part: str = "all") -> int:
    """How many places carry a note comment: on the Matrix sheet (``"matrix"``: headings and
    cells), on the Highlights sheet (``"highlights"``: each fact's label and value) or both."""
    headings = [*table.columns, *(row.heading for row in table.rows)]
    highlights = [i for g in table.highlights for i in g.items]  # label and value, each
    matrix = sum(bool(h.notes) for h in headings) + sum(
        bool(c.notes) for r in table.rows for c in r.cells
    )
    facts = sum(bool(i.feature.notes) + bool(i.cell.notes) for i in highlights)
    return {"all": matrix + facts, "matrix": matrix, "highlights": facts}[part]


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        }


def with_first_display(table: Table, display: str) -> Table:
    """``table`` with its first value cell showing ``display``."""
    section = table.sections[0]
    row = section.rows[0]
    cell = attrs.evolve(row.cells[0], display=display)
    row = attrs.evolve(row, cells=(cell, *row.cells[1:]))
    section = attrs.evolve(section, rows=(row, *section.rows[1:]))
    return attrs.evolve(table, sections=(section, *table.sections[1:]))


def look(cell: Any) -> tuple[object, ...]:
    font = cell.font
    return (font.b, font.i, font.color.rgb if font.color else None, cell.fill.fgColor.rgb)


def as_stored(value: object) -> object:
    """What a Data cell holds for a record field: empty for "", a float exactly (17 digits
    where 16 read back another float), a date before 1900-03-01 as ISO text (as a spreadsheet
    would show it wrongly as a date)."""
    if value == "":
        return None
    if isinstance(value, dt.date) and value < dt.date(1900, 3, 1):
        return value.isoformat()
    return value


def assert_data_rows(ws: Any, table: Table) -> None:
    """Each Data row holds its record's fields, typed; empty texts are empty cells, but a
    known value that is an empty text, which stays an empty text (so that it reads back)."""
    for number, record in enumerate(records(table), start=2):
        shown = [ws.cell(number, column).value for column in range(1, len(DATA_COLUMNS) + 1)]
        shown = [v.date() if isinstance(v, dt.datetime) else v for v in shown]
        expected = [as_stored(getattr(record, name)) for name in DATA_COLUMNS]
        if record.status == "known" and record.value == "":
            expected[DATA_COLUMNS.index("value")] = ""
        assert shown == expected, record


def hostile_comparison() -> Comparison:
    """Formula-like text in every place a spec puts text."""
    return Comparison(
        title=HOSTILE[0],
        subtitle=HOSTILE[1],
        prepared_for=HOSTILE[2],
        prepared_by=HOSTILE[3],
        summary=HOSTILE[4],
        sources=[Source(id="s", title=HOSTILE[5], publisher=HOSTILE[6], language="en")],
        groups=[Group(id="g", label=HOSTILE[7])],
        features=[
            Feature(id="f", label=HOSTILE[8], type="text", group="g", unit=HOSTILE[0]),
            Feature(id="l", label="List", type="list", description=HOSTILE[1]),
        ],
        products=[
            Product(
                id=f"p{index}",
                name=word,
                vendor=word,
                values={"f": Value(word, note=word, source="s"), "l": Value((word, word))},
            )
            for index, word in enumerate(HOSTILE)
        ],
    )
