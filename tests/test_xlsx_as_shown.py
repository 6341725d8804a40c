"""The workbook shows text, dates and numbers as written, in a real spreadsheet application
(issue 14, class 3).

openpyxl reads ``_x000D_`` back as it was stored (it decodes no inline string) and a date
serial as a date, so it hides what Excel and LibreOffice show: these tests go through LibreOffice headless (CSV of every
sheet as shown, and ODS for the cell comments) and, where LibreOffice does not decode
(page headers), read the stored XML.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from office import _ALL_SHEETS_AS_SHOWN, needs_soffice, read_csv, soffice

import comparekit
from comparekit import Comparison, Feature, Product, Source, Value
from comparekit.renderers.xlsx import DATA_COLUMNS, SOURCE_COLUMNS
from comparekit.renderers.xlsx.checks import escaped

ESCAPES = (
    "_x000D_",
    "_x0009_",
    "_x005F_",
    "_x0041_",
    "_xd83d__xde00_",
    "__x000A__",
    "_x005F_x000D_",
)
"""Texts a spreadsheet would decode (CR, tab, ``_``, ``A``, a surrogate pair, LF, an escaped
escape) if stored as they are."""
TEXT = "keep " + " ".join(ESCAPES) + " as written"
DATES = (
    dt.date(1, 1, 1),
    dt.date(1899, 12, 30),
    dt.date(1899, 12, 31),
    dt.date(1900, 1, 1),
    dt.date(1900, 2, 28),
    dt.date(1900, 3, 1),
    dt.date(2020, 2, 29),
    dt.date(9999, 12, 31),
)
"""Dates on both sides of 1900-03-01 (before it Excel and LibreOffice count days differently)
and at the ends of the calendar."""


def as_written() -> Comparison:
    """Escape-like text in every kind of place, and a date feature with :data:`DATES`."""
    return Comparison(
        title=f"Title {TEXT}",
        subtitle=f"Subtitle {TEXT}",
        prepared_by=f"By {TEXT}",
        sources=[Source(id="s", title=f"Source {TEXT}", published=dt.date(1899, 12, 31))],
        features=[
            Feature(id="motto", label=f"Motto {TEXT}", type="text"),
            Feature(id="launched", label="Launched", type="date"),
        ],
        products=[
            Product(
                id=f"p{index}",
                name=f"P{index} {ESCAPES[index % len(ESCAPES)]}",
                values={
                    "motto": Value(TEXT, note=f"Note {TEXT}", source="s"),
                    "launched": Value(day, max=day if day < dt.date(9999, 1, 1) else None),
                },
            )
            for index, day in enumerate(DATES)
        ],
    )


def test_escaped_keeps_escape_like_text() -> None:
    """Every ``_xHHHH_`` gets its underscore escaped; other underscores stay as they are."""
    assert escaped("snake_case_x") == "snake_case_x"
    assert escaped("_x000D_") == "_x005F_x000D_"
    assert escaped("_x005F_x000D_") == "_x005F_x005F_x005F_x000D_"
    assert escaped("__x000a__") == "__x005F_x000a__"
    assert escaped("_x12G4_ _x123_") == "_x12G4_ _x123_"


def test_stored_text_is_escaped_everywhere() -> None:
    """No part of the workbook stores an unescaped ``_x000D_``: cells (both the rows openpyxl
    writes and the Data rows written by hand), comments and page headers."""
    data = comparekit.render(as_written(), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name).decode() for name in archive.namelist()}
    sheets = [body for name, body in parts.items() if name.startswith("xl/worksheets/sheet")]
    comments = [body for name, body in parts.items() if name.startswith("xl/comments")]
    assert comments
    for body in [*sheets, *comments]:
        assert re.search("(?<!_x005F)_x000D_", body) is None
        assert "_x005F_x000D_" in body
    assert all("<oddHeader>" in body and "Title keep _x005F_x000D_" in body for body in sheets)


@needs_soffice
def test_libreoffice_shows_text_and_dates_as_written(tmp_path: Path) -> None:
    """Through LibreOffice: escape-like text shows as written in cells and comments, and
    every date shows as written, those before 1900-03-01 as ISO text."""
    path = tmp_path / "written.xlsx"
    path.write_bytes(comparekit.render(as_written(), "xlsx"))
    out = soffice(tmp_path, _ALL_SHEETS_AS_SHOWN, path)
    matrix = {cell for row in read_csv(out / "written-Matrix.csv") for cell in row}
    assert {f"Title {TEXT}", f"Subtitle {TEXT}", f"Motto {TEXT}", f"{TEXT} [1]"} <= matrix
    assert {f"P{i} {ESCAPES[i % len(ESCAPES)]}" for i in range(len(DATES))} <= matrix
    data = read_csv(out / "written-Data.csv")
    value, top = DATA_COLUMNS.index("value"), DATA_COLUMNS.index("max")
    dates = [row[value] for row in data[1:] if row[DATA_COLUMNS.index("feature_id")] == "launched"]
    assert dates == [day.isoformat() for day in DATES]
    assert data[1 + 2 * DATES.index(dt.date(1900, 1, 1)) + 1][top] == "1900-01-01"
    assert TEXT in {row[value] for row in data[1:]}
    sources = read_csv(out / "written-Sources.csv")
    published = SOURCE_COLUMNS.index("published")
    assert sources[1][1:2] + sources[1][published : published + 1] == [
        f"Source {TEXT}",
        "1899-12-31",
    ]
    ods = soffice(tmp_path, "ods", path) / "written.ods"
    assert ods.exists(), "LibreOffice wrote no ODS"
    with zipfile.ZipFile(ods) as archive:
        content = archive.read("content.xml").decode()
    notes = re.findall(r"<office:annotation\b.*?</office:annotation>", content, re.S)
    assert notes
    assert all("[1] Note keep _x000D_ _x0009_ _x005F_ _x0041_" in note for note in notes)
