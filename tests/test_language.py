"""The reviewed words of each language (docs/language.md), pinned form by form: qualifiers,
measure words, units inside cells, brackets never doubled, no English left in Korean and
Chinese reports."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import attrs
import openpyxl
import pytest

from comparekit import Comparison, Feature, Label, Product, Value, build_table, render
from comparekit.layout import WORDS
from comparekit.layout.cells import CLOSING_BRACKETS, value_text
from comparekit.layout.words import SHEET_KEYS

LANGS = ("en", "ko", "zh")


def texts(feature: Feature, value: Value, *, unit: bool = False) -> list[str]:
    """A value as each language shows it."""
    return [value_text(feature, value, WORDS[lang], "en", unit=unit) for lang in LANGS]


# ---------------------------------------------------------------- qualifiers


PEOPLE = Feature(id="dau", label="DAU", type="count", unit={"en": "people", "ko": "명", "zh": "人"})


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("about", ["about 1 million people", "약 100만 명", "约100万人"]),
        ("more_than", ["more than 1 million people", "100만 명 넘음", "超过100万人"]),
        ("at_least", ["at least 1 million people", "최소 100만 명", "至少100万人"]),
        ("up_to", ["up to 1 million people", "최대 100만 명", "最多100万人"]),
        ("average", ["1 million people on average", "평균 100만 명", "平均100万人"]),
        ("partial", ["1 million people (partial)", "100만 명 (일부)", "100万人（部分）"]),
        ("planned", ["1 million people (planned)", "100만 명 (예정)", "100万人（计划中）"]),
        (
            "uncertain",
            ["1 million people (not certain)", "100만 명 (확실하지 않음)", "100万人（尚不确定）"],
        ),
    ],
)
def test_qualifier_forms(qualifier: str, expected: list[str]) -> None:
    """Each qualifier reads as docs/language.md chose it, with a unit in the cell: Korean
    more_than is '넘음' (strictly more; '이상' would mean at least), never '초과'."""
    assert texts(PEOPLE, Value(1_000_000, qualifier=qualifier), unit=True) == expected


def test_korean_more_than_and_at_least_differ() -> None:
    """'more than' and 'at least' read differently in every language, as they mean."""
    for lang in LANGS:
        forms = WORDS[lang].qualifiers
        assert forms["more_than"].format(5) != forms["at_least"].format(5)
    assert "초과" not in WORDS["ko"].qualifiers["more_than"]


# ---------------------------------------------------------------- measure words


HOSPITALS = Feature(id="h", label="Hospitals", type="fraction", measure={"zh": "家", "ko": "곳"})
UNIVERSITIES = Feature(id="u", label="Universities", type="fraction", measure={"zh": "所"})


def test_fraction_takes_its_measure_word() -> None:
    """A fraction counts hospitals with 家 and universities with 所 in Chinese, 곳 where the
    feature says so in Korean; without one, the language's default (개, 个)."""
    assert texts(HOSPITALS, Value((17, 20))) == ["17 of 20", "20곳 중 17곳", "20家中的17家"]
    assert texts(UNIVERSITIES, Value((37, 39))) == ["37 of 39", "39개 중 37개", "39所中的37所"]


def test_english_measure_follows_the_whole_only() -> None:
    """An English measure word names the whole once: '17 of 20 hospitals'."""
    feature = Feature(id="h", label="H", type="fraction", measure={"en": "hospitals"})
    assert texts(feature, Value((17, 20)))[0] == "17 of 20 hospitals"


def test_rank_reads_as_a_rank() -> None:
    """A rank's pattern puts the figure in place: '#1', '1위', '第1'."""
    rank = Feature(
        id="r", label="Rank", type="count", measure={"en": "#{}", "ko": "{}위", "zh": "第{}"}
    )
    assert texts(rank, Value(1)) == ["#1", "1위", "第1"]


def test_measure_is_never_borrowed_from_another_language() -> None:
    """A measure word given in Chinese only is not shown in Korean or English."""
    feature = Feature(id="c", label="C", type="count", measure={"zh": "家"})
    assert texts(feature, Value(500)) == ["500", "500", "500家"]


def test_korean_measure_spacing() -> None:
    """A Korean measure word follows a digit closely and a myriad unit after a space."""
    feature = Feature(id="c", label="C", type="count", measure={"ko": "곳"})
    assert texts(feature, Value(500))[1] == "500곳"
    assert texts(feature, Value(21_000))[1] == "2만 1,000곳"
    assert texts(feature, Value(20_000))[1] == "2만 곳"


# ---------------------------------------------------------------- units inside cells


def test_unit_in_the_cell_where_the_label_ends_in_a_bracket() -> None:
    """'Free cloud credit (Tencent Cloud)' takes no second bracket for its unit; its cells
    carry the unit instead: '3 months on average', '평균 3개월', '平均3个月'."""
    feature = Feature(
        id="m",
        label={"en": "Credit (Tencent)", "ko": "이용권 (텐센트)", "zh": "免费云资源（腾讯云）"},
        type="number",
        unit={"en": "months", "ko": "개월", "zh": "个月"},
    )
    comparison = Comparison(
        title="T",
        features=[feature],
        products=[Product(id="a", name="A", values={"m": Value(3, qualifier="average")})],
    )
    shown = {lang: build_table(comparison, lang).rows[0] for lang in LANGS}
    assert [row.cells[0].text for row in shown.values()] == [
        "3 months on average",
        "평균 3개월",
        "平均3个月",
    ]
    assert [row.heading.display for row in shown.values()] == [
        "Credit (Tencent)",
        "이용권 (텐센트)",
        "免费云资源（腾讯云）",
    ]


def test_unit_stays_in_the_heading_otherwise() -> None:
    """A label without a closing bracket carries its unit; its cells do not repeat it."""
    comparison = Comparison(
        title="T", features=[PEOPLE], products=[Product(id="a", name="A", values={"dau": 5})]
    )
    row = build_table(comparison, "ko").rows[0]
    assert (row.heading.display, row.cells[0].text) == ("DAU (명)", "5")


# ---------------------------------------------------------------- brackets


_DOUBLED = re.compile(r"[)）」』〕】］]\s*[(（「『〔【［]")

LABELS = [
    f"Label {pair[0]}x{pair[1]}"
    for pair in ("()", "（）", "[]", "［］", "【】", "〔〕", "「」", "『』")
]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_doubled_brackets(label: str, lang: str) -> None:
    """Whatever bracket a label or a text value ends in (half- or full-width), no bracket
    follows it in any language: the unit moves to the cells, and a qualifier, a higher
    figure or a condition goes inside the text's own bracket."""
    assert label[-1] in CLOSING_BRACKETS
    count = Feature(id="c", label=label, type="count", unit={"en": "people", "ko": "명"})
    text = Feature(id="t", label=label, type="text")
    values = [
        ("c", Value(100, qualifier="partial", max=300, condition={"en": "on request"}, note="N")),
        ("c", Value(100, qualifier="planned")),
        ("t", Value(label, qualifier="uncertain")),
        ("t", Value(label, condition={"en": "in beta", "ko": "베타", "zh": "测试版"})),
        ("t", Value(label, qualifier="partial", condition={"en": "in beta"}, note="N")),
    ]
    comparison = Comparison(
        title="T",
        features=[count, text],
        products=[
            Product(id=f"p{i}", name=f"P{i}", values={key: value})
            for i, (key, value) in enumerate(values)
        ],
    )
    table = build_table(comparison, lang)
    shown = [h.text + h.unit_text for h in (row.heading for row in table.rows)]
    shown += [cell.text for row in table.rows for cell in row.cells]
    assert [text for text in shown if _DOUBLED.search(text)] == []
    flipped = attrs.evolve(
        comparison, features=[attrs.evolve(f, show="highlights") for f in (count, text)]
    )
    highlights = build_table(flipped, lang).highlights
    assert [i.cell.text for g in highlights for i in g.items if _DOUBLED.search(i.cell.text)] == []


# ---------------------------------------------------------------- no English in ko and zh


_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _strings(value: object) -> list[str]:
    """Every string a Words field holds (templates, mappings, tuples)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) or hasattr(value, "values"):
        return [s for item in value.values() for s in _strings(item)]  # type: ignore[union-attr]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_korean_and_chinese_words_have_no_english(lang: str) -> None:
    """No interface word of a Korean or Chinese report is English (placeholders aside)."""
    words = WORDS[lang]
    found = {
        field.name: word
        for field in attrs.fields(type(words))
        for text in _strings(getattr(words, field.name))
        for word in _ASCII_WORD.findall(_PLACEHOLDER.sub("", text))
        if field.name != "lang"
    }
    assert found == {}


def _spec_words(comparison: Comparison, lang: str) -> set[str]:
    """The ASCII words of the spec's own text in ``lang``: names, labels, notes, titles."""
    out: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, Label):
            out.update(_ASCII_WORD.findall(value.text(lang, comparison.language)))
        elif isinstance(value, str):
            out.update(_ASCII_WORD.findall(value))
        elif isinstance(value, tuple):
            for item in value:
                add(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                add(getattr(value, field.name))
        elif isinstance(value, dict) or hasattr(value, "items"):
            for item in value.values():  # type: ignore[union-attr]
                add(item)

    add(comparison)
    return out


def _english(text: str, allowed: set[str]) -> set[str]:
    return {word for word in _ASCII_WORD.findall(text) if word not in allowed}


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_no_english_in_korean_and_chinese_reports(
    sample: Comparison, lang: str, tmp_path: Path
) -> None:
    """The sample's ko and zh txt, md, PDF text, the workbook's sheet names and its Matrix sheet
    hold no ASCII word but the spec's own (product names, source titles, units like CNY); the
    other sheets' column names are the import format, English by design (docs/language.md)."""
    allowed = _spec_words(sample, lang)
    for kind in ("txt", "md"):
        text = render(sample, kind, lang=lang).decode().replace("<br>", " ")  # md's line breaks
        assert _english(text, allowed) == set(), kind
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render(sample, "pdf", lang=lang))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert _english(text, allowed) == set()
    book = openpyxl.load_workbook(io.BytesIO(render(sample, "xlsx", lang=lang)))
    assert _english(" ".join(book.sheetnames), set()) == set()
    matrix = " ".join(
        str(cell.value)
        for row in book[WORDS[lang].sheet_names["Matrix"]].iter_rows()
        for cell in row
        if cell.value
    )
    assert _english(matrix, allowed) == set()


def test_sheet_names_are_ones_excel_takes_and_the_reader_tells_apart() -> None:
    """Every language names every sheet, within Excel's 31 characters and without the
    characters Excel forbids; no two sheets of a workbook share a name, and a name means
    the same sheet in every language that uses it (the reader finds sheets by any of them)."""
    meaning: dict[str, str] = {}
    for lang in LANGS:
        names = WORDS[lang].sheet_names
        assert tuple(names) == SHEET_KEYS, lang
        assert len(set(names.values())) == len(names), lang
        for key, name in names.items():
            assert 0 < len(name) <= 31, name
            assert name == name.strip(), name
            assert not set(name) & set("[]:*?/\\"), name
            assert not name.startswith("'"), name
            assert meaning.setdefault(name.casefold(), key) == key, name
    assert WORDS["en"].sheet_names == {key: key for key in SHEET_KEYS}


def test_spec_format_lists_each_sheet_name_as_the_words_give_it() -> None:
    """docs/spec-format.md's table of sheet names per language is words.py's."""
    text = (Path(__file__).parents[1] / "docs" / "spec-format.md").read_text("utf-8")
    for key in SHEET_KEYS:
        row = f"| {key} | {WORDS['ko'].sheet_names[key]} | {WORDS['zh'].sheet_names[key]} |"
        assert row in text, row
