"""A rendered workbook reads back to the comparison it was rendered from, edits made in
LibreOffice come back, and hostile workbooks get a message each, never a traceback."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import comparisons
from test_render_xlsx import needs_soffice, soffice
from workbooks import sheet_of

from comparekit import Comparison, Feature, Product, SpecError, Value, load, loads, render
from comparekit.cli import main
from comparekit.layout.stored import exact_figures, exact_text, fraction, percent

SAMPLE = Path("specs/china-remote-work-2020.toml")


def unstyled(comparison: Comparison) -> Comparison:
    """``comparison`` without [theme] and [[views]], which the workbook does not carry
    (``import --into`` keeps the spec's own)."""
    return attrs.evolve(comparison, theme=None, views=())


LANGS = ("en", "ko", "zh")
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=60, deadline=None, suppress_health_check=_SLOW)
@given(comparisons(), st.sampled_from(LANGS))
def test_workbook_reads_back_equal(comparison: Comparison, lang: str) -> None:
    """Reading a rendered workbook back gives an equal comparison (CJK, emoji, hostile text)."""
    assert loads(render(comparison, "xlsx", lang=lang), name="book.xlsx") == comparison


@pytest.mark.parametrize("lang", LANGS)
def test_sample_reads_back_in_every_language(lang: str) -> None:
    """The sample's workbook in each report language reads back to the sample."""
    sample = load(SAMPLE)
    assert loads(render(sample, "xlsx", lang=lang)) == unstyled(sample)


@given(st.floats(-1e15, 1e15, allow_nan=False) | st.integers(-(10**15), 10**15))
def test_percent_fraction_round_trip_or_exact(figure: float) -> None:
    """A percent's fraction gives it back, or else the exact column does."""
    given = exact_figures(exact_text([figure]))
    back = given[0] if given else percent(fraction(figure))
    assert back == figure


def test_percent_is_a_fraction_with_a_percent_format() -> None:
    """99.9 % is stored as 0.999 shown 0.0%, so formulas on it are right."""
    c = Comparison(
        title="P",
        features=[Feature(id="share", label="Share", type="percent")],
        products=[Product(id="a", name="A", values={"share": 99.9})],
    )
    ws = openpyxl.load_workbook(io.BytesIO(render(c, "xlsx")))["Data"]
    column = [cell.value for cell in ws[1]].index("value") + 1
    assert (ws.cell(2, column).value, ws.cell(2, column).number_format) == (0.999, "#,##0.0%")


def test_every_sheet_has_its_dimension_and_rectangular_rows() -> None:
    """openpyxl's read-only mode sees each sheet's size and rows of one length."""
    book = openpyxl.load_workbook(io.BytesIO(render(load(SAMPLE), "xlsx")), read_only=True)
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        assert ws.max_row == len(rows), ws.title
        assert ws.max_row > 1, ws.title
        assert {len(row) for row in rows} == {ws.max_column}, ws.title


def test_matrix_says_it_is_derived_and_is_not_read() -> None:
    """The Matrix sheet says it is made from the others; changing it changes nothing."""
    sample = load(SAMPLE)
    book = openpyxl.load_workbook(io.BytesIO(render(sample, "xlsx", lang="ko")))
    matrix = sheet_of(book, "Matrix")
    texts = [c.value for row in matrix.iter_rows() for c in row if c.value]
    assert any("이 시트는 다른 시트로부터 만들어집니다" in str(t) for t in texts)
    matrix["B8"] = "changed"
    out = io.BytesIO()
    book.save(out)
    assert loads(out.getvalue()) == unstyled(sample)


# ------------------------------------------------------------------ bad workbooks


def _edited(change: object) -> bytes:
    """The sample's workbook with ``change(book)`` applied through openpyxl."""
    book = openpyxl.load_workbook(io.BytesIO(render(load(SAMPLE), "xlsx")))
    change(book)  # type: ignore[operator]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _problems(data: bytes) -> list[str]:
    with pytest.raises(SpecError) as caught:
        loads(data, name="book.xlsx")
    return [str(p) for p in caught.value.problems]


def _cell(book: openpyxl.Workbook, sheet: str, column: str, product: str, feature: str) -> str:
    ws = book[sheet]
    names = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == product and row[2].value == feature:
            return f"{row[names.index(column)].coordinate}"
    raise AssertionError((product, feature))


def test_wrong_type_is_located_by_sheet_and_cell() -> None:
    """A word where a count belongs is reported at its Data cell with the key path."""
    where = []

    def change(book: openpyxl.Workbook) -> None:
        at = _cell(book, "Data", "value", "dingtalk", "users")
        where.append(at)
        book["Data"][at] = "lots"

    found = _problems(_edited(change))
    assert found == [
        f"book.xlsx: Data!{where[0]}: products[dingtalk].values.users.value: expected an "
        'integer ≥ 0 for type "count", got "lots"'
    ]


def test_every_problem_at_once() -> None:
    """Wrong types, an unknown feature, an unknown source and a renamed column: all listed."""

    def change(book: openpyxl.Workbook) -> None:
        data = book["Data"]
        data[_cell(book, "Data", "value", "dingtalk", "users")] = "lots"
        data[_cell(book, "Data", "feature_id", "feishu", "users")] = "userz"
        data[_cell(book, "Data", "sources", "welink", "users")] = "nowhere"
        book["Features"]["B1"] = "lable"

    found = "\n".join(_problems(_edited(change)))
    assert 'got "lots"' in found
    assert "nowhere" in found


def test_unknown_feature_and_renamed_empty_column() -> None:
    """An unknown feature id in Data, and a renamed column with no values, are reported."""

    def change(book: openpyxl.Workbook) -> None:
        book["Data"][_cell(book, "Data", "feature_id", "feishu", "users")] = "userz"
        book["Features"]["B1"] = "lable"

    found = _problems(_edited(change))
    assert len(found) == 2, found
    assert "userz" in found[0]
    assert "is not on the Features sheet (did you mean 'users'?)" in found[0]
    assert found[1] == "book.xlsx: Features!B1: unknown column 'lable' (did you mean 'label'?)"


def test_unknown_product_and_missing_sheet() -> None:
    """A Data row for no product, and a missing sheet, are each said plainly."""
    found = _problems(_edited(lambda b: b["Data"].__setitem__("A2", "dingtalkk")))
    assert found == [
        "book.xlsx: Data!A2: product_id: 'dingtalkk' is not on the Products sheet "
        "(did you mean 'dingtalk'?)"
    ]
    found = _problems(_edited(lambda b: b.remove(b["Groups"])))
    assert found[0].startswith("book.xlsx: the workbook has no sheet 'Groups'")


@pytest.mark.parametrize(
    ("lang", "data", "groups", "fields"),
    [("ko", "데이터", "그룹", "'비교 정보'"), ("zh", "数据", "分组", "对比信息")],
)
def test_problems_name_the_sheets_as_a_korean_or_chinese_workbook_does(
    lang: str, data: str, groups: str, fields: str
) -> None:
    """In a workbook rendered in Korean or Chinese, a problem names its cell with the sheet's
    name in the file (quoted where it has a space), and a missing sheet by that name too."""
    sample = load(SAMPLE)

    def edited(change: object) -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(render(sample, "xlsx", lang=lang)))
        change(book)  # type: ignore[operator]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    where: list[str] = []

    def wrong(book: openpyxl.Workbook) -> None:
        ws = sheet_of(book, "Data")
        at = _cell(book, ws.title, "value", "dingtalk", "users")
        where.append(at)
        ws[at] = "lots"
        ws = sheet_of(book, "Comparison")
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "scoring")
        where.append(f"B{row}")
        ws.cell(row, 2).value = "{weights: lots}"

    found = _problems(edited(wrong))
    assert found[0].startswith(f"book.xlsx: {data}!{where[0]}: products[dingtalk].values.users")
    assert found[1].startswith(f"book.xlsx: {fields}!{where[1]}: scoring: expected the JSON")
    found = _problems(edited(lambda b: b.remove(sheet_of(b, "Groups"))))
    assert found[0].startswith(f"book.xlsx: the workbook has no sheet '{groups}'")


def test_formulas_and_merged_cells_are_refused() -> None:
    """A formula typed by a user and a merged area are refused by cell, never evaluated."""

    def change(book: openpyxl.Workbook) -> None:
        book["Data"]["J2"] = "=1+1"
        book["Products"].merge_cells("B2:C2")

    found = "\n".join(_problems(_edited(change)))
    assert "Data!J2: a formula" in found
    assert "Products!B2: merged cells (B2:C2)" in found


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_member(name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(render(load(SAMPLE), "xlsx")))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = data
    return _zip(members)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_zip({"readme.txt": b"hello"}), "a zip file but not an Excel workbook"),
        (_zip({"xl/bomb.xml": b"\0" * (64 << 20)}), "a zip bomb"),
        (_with_member("xl/vbaProject.bin", b"x"), "the workbook has macros"),
        (_with_member("xl/externalLinks/externalLink1.xml", b"<x/>"), "external links"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "encrypted (password-protected)"),
        (b"PK\x03\x04 broken", "a damaged zip file"),
    ],
    ids=["not-a-workbook", "zip-bomb", "macros", "external-links", "encrypted", "damaged"],
)
def test_hostile_files_get_one_sentence(data: bytes, expected: str) -> None:
    """Each hostile file gets its one message, never a traceback."""
    found = _problems(data)
    assert len(found) == 1, found
    assert expected in found[0], found


def test_many_members_and_a_workbook_of_another_program() -> None:
    """Too many zip parts, and a workbook comparekit did not write, are refused plainly."""
    found = _problems(_zip({f"m{i}": b"" for i in range(1001)} | {"xl/workbook.xml": b""}))
    assert "parts; a workbook has at most 1,000" in found[0]
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    assert "not one comparekit wrote" in _problems(out.getvalue())[0]


def test_a_100_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A file over the size limit is refused by its size, before it is unzipped."""
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(SpecError, match="the file is 104,857,600 bytes; the limit is"):
        load(big)


def test_import_command_writes_the_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """comparekit import BOOK -o SPEC writes a spec that loads to the comparison."""
    book = tmp_path / "book.xlsx"
    book.write_bytes(render(load(SAMPLE), "xlsx"))
    assert main(["import", str(book), "-o", str(tmp_path / "back.toml")]) == 0
    assert load(tmp_path / "back.toml") == unstyled(load(SAMPLE))
    assert main(["check", str(book)]) == 0
    assert "ok (4 products" in capsys.readouterr().out


# ------------------------------------------------------------------ edits in LibreOffice


def _through_libreoffice(tmp_path: Path, data: bytes) -> bytes:
    """``data`` opened and saved again as xlsx by LibreOffice headless."""
    source = tmp_path / "in" / "book.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    return (soffice(tmp_path, "xlsx", source) / "book.xlsx").read_bytes()


@needs_soffice
def test_edits_saved_by_libreoffice_come_back(tmp_path: Path) -> None:
    """Edits made with openpyxl then saved by LibreOffice come back, and nothing else changes."""
    sample = load(SAMPLE)

    def change(book: openpyxl.Workbook) -> None:
        data = book["Data"]
        names = [c.value for c in data[1]]
        data[_cell(book, "Data", "value", "dingtalk", "users")] = 250_000_000
        data[_cell(book, "Data", "qualifier", "dingtalk", "users")] = "more_than"
        data[_cell(book, "Data", "note", "feishu", "users")] = "Edited note."
        data[_cell(book, "Data", "status", "welink", "users")] = "not_applicable"
        row = data.max_row + 1
        data.cell(row, names.index("product_id") + 1, "welink")
        data.cell(row, names.index("feature_id") + 1, "new_feature")
        data.cell(row, names.index("value") + 1, 0.25)
        data.cell(row, names.index("as_of") + 1, dt.date(2020, 3, 1))
        features = book["Features"]
        header = [c.value for c in features[1]]
        new = features.max_row + 1
        features.cell(new, header.index("id") + 1, "new_feature")
        features.cell(new, header.index("label:en") + 1, "New feature")
        features.cell(new, header.index("type") + 1, "percent")

    back = loads(_through_libreoffice(tmp_path, _edited(change)))
    assert back.features[-1] == Feature(
        id="new_feature", label={"en": "New feature"}, type="percent"
    )
    values = {p.id: p.values for p in back.products}
    assert values["dingtalk"]["users"].value == 250_000_000
    assert values["dingtalk"]["users"].qualifier.value == "more_than"
    assert str(values["feishu"]["users"].note) == "Edited note."
    assert values["welink"]["users"].status.value == "not_applicable"
    assert values["welink"]["new_feature"] == Value(25, as_of=dt.date(2020, 3, 1))
    unchanged = [
        (p.id, k, v)
        for p in back.products
        for k, v in p.values.items()
        if (p.id, k) not in {("dingtalk", "users"), ("feishu", "users"), ("welink", "users")}
        and k != "new_feature"
    ]
    original = [
        (p.id, k, v)
        for p in sample.products
        for k, v in p.values.items()
        if (p.id, k) not in {("dingtalk", "users"), ("feishu", "users"), ("welink", "users")}
    ]
    assert unchanged == original
    assert back.features[:-1] == sample.features
    assert back.sources == sample.sources
    assert back.groups == sample.groups


@needs_soffice
def test_unedited_workbook_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    """LibreOffice rewrites strings, styles and number types; the comparison is unchanged."""
    sample = load(SAMPLE)
    back = loads(_through_libreoffice(tmp_path, render(sample, "xlsx", lang="zh")))
    assert back == unstyled(sample)


def test_label_in_both_plain_and_translated_columns() -> None:
    """A label typed in ``label`` beside its ``label:xx`` columns gets one clear message."""

    def change(book: openpyxl.Workbook) -> None:
        book["Features"]["B2"] = "Users"

    found = _problems(_edited(change))
    assert found == [
        "book.xlsx: Features!B2: label: a text in both 'label' and 'label:en': give one text "
        "in 'label', or one per language in 'label:xx' columns, not both"
    ]
