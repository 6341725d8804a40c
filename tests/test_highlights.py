"""Highlights by product (``show = "highlights"``): out of the matrix, under each product in
every format, with qualifier, unit, notes and source markers; kept through dump and the
workbook."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import attrs
import openpyxl

from comparekit import (
    Comparison,
    Feature,
    Product,
    Show,
    Source,
    Value,
    build_table,
    dump,
    loads,
    render,
)
from comparekit.spec.workbook import read_workbook

COMPARISON = Comparison(
    title="T",
    sources=[Source(id="s", title="Article")],
    features=[
        Feature(id="users", label="Users", type="count", better="higher"),
        Feature(
            id="dau",
            label={"en": "Daily active users", "zh": "日活跃用户数（DAU）"},
            type="count",
            unit={"en": "people", "zh": "人"},
            show="highlights",
            description="Users on one day.",
        ),
        Feature(id="docs", label="Docs app", type="text", show="highlights"),
    ],
    products=[
        Product(
            id="a",
            name="Alpha",
            vendor="Acme",
            values={
                "users": 5,
                "dau": Value(1_000_000, qualifier="more_than", note="Outbreak.", source="s"),
            },
        ),
        Product(
            id="b", name="Beta", values={"users": 7, "docs": Value("Docs", qualifier="planned")}
        ),
        Product(id="c", name="Gamma", values={"users": 3}),
    ],
)


def test_highlights_leave_the_matrix() -> None:
    """A highlighted feature is no row of the matrix; each product that states it lists it,
    a product that states none has no entry, and the matrix's notes come first."""
    table = build_table(COMPARISON)
    assert [row.heading.id for row in table.rows] == ["users"]
    assert table.highlights_title == "Highlights by product"
    assert [(g.product.id, g.title) for g in table.highlights] == [
        ("a", "Alpha · Acme"),
        ("b", "Beta"),
    ]
    assert [i.display for g in table.highlights for i in g.items] == [
        "Daily active users [1]: more than 1 million people [2] [S1]",
        "Docs app: Docs (planned)",
    ]
    assert [n.text for n in table.notes] == ["Users on one day.", "Outbreak."]


def test_highlights_in_chinese_carry_the_unit_without_a_second_bracket() -> None:
    """The Chinese label ends in a bracket, the cell carries the unit: '超过100万人'."""
    table = build_table(COMPARISON, "zh")
    item = table.highlights[0].items[0]
    assert (item.label, item.cell.text) == ("日活跃用户数（DAU） [1]", "超过100万人")
    assert item.display == "日活跃用户数（DAU） [1]：超过100万人 [2] [S1]"
    assert table.highlights_title == "各产品要点"


def test_every_format_shows_the_highlights(tmp_path: Path) -> None:
    """txt, md, the PDF and the workbook (its Highlights sheet) show the heading and each
    fact."""
    facts = ("more than 1 million people", "Docs (planned)", "Highlights by product")
    txt = render(COMPARISON, "txt").decode()
    md = render(COMPARISON, "md").decode()
    assert "## Highlights by product" in md
    assert "### Alpha · Acme" in md
    assert "- Daily active users \\[1\\]: more than 1 million people \\[2\\] \\[S1\\]" in md
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(COMPARISON, "pdf"))
    pdf_text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    book = openpyxl.load_workbook(io.BytesIO(render(COMPARISON, "xlsx")))
    sheet = " | ".join(
        str(cell.value)
        for sheet in (book["Matrix"], book["Highlights"])
        for row in sheet.iter_rows()
        for cell in row
        if cell.value
    )
    for fact in facts:
        assert fact in txt
        assert fact in md
        assert fact.lower() in " ".join(pdf_text.split()).lower()  # headings in capitals
        assert fact in sheet


def test_highlights_survive_dump_and_the_workbook() -> None:
    """``show`` and ``measure`` come back from dump and from the workbook comparekit wrote,
    and the Data sheet still holds the highlighted values."""
    assert loads(dump(COMPARISON)) == COMPARISON
    book = render(COMPARISON, "xlsx")
    assert read_workbook(book, "r.xlsx") == COMPARISON
    data = openpyxl.load_workbook(io.BytesIO(book))["Data"]
    rows = list(data.iter_rows(values_only=True))
    column = rows[0].index("feature_id")
    ids = {row[column] for row in rows[1:]}
    assert {"dau", "docs"} <= ids
    assert COMPARISON.feature("dau").show is Show.HIGHLIGHTS


def test_diff_words_show_and_measure_in_every_language() -> None:
    """A feature moved to the highlights or given a measure word is a change worded in every
    language (no field without its name)."""
    edited = attrs.evolve(
        COMPARISON,
        features=[
            attrs.evolve(COMPARISON.features[0], show="highlights"),
            attrs.evolve(COMPARISON.features[1], measure={"zh": "人"}),
            COMPARISON.features[2],
        ],
    )
    lines = {
        lang: [e.text for e in build_table(edited, lang, since=COMPARISON).changes]
        for lang in ("en", "ko", "zh")
    }
    assert lines["en"] == [
        "feature Users, shown in: none → highlights",
        "feature Daily active users, measure word: none → 人",
    ]
    assert [line.split("，")[1].split("：")[0] for line in lines["zh"]] == ["显示位置", "量词"]
    assert "표시 위치" in lines["ko"][0]
    assert "세는 단위" in lines["ko"][1]
