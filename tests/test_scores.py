"""Scores, sensitivity and findings in every report: the layout (comparekit/layout/scores.py)
in three languages, each format showing them, the PDF's finding links, the live Scores sheet
recalculated by LibreOffice, hostile strings, and reports without an analysis unchanged."""

from __future__ import annotations

import io
import json
import operator
import random
import re
import subprocess
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from office import _ALL_SHEETS_AS_SHOWN, needs_soffice, read_csv, soffice
from test_hostile import FORMULAS, MARKUP

from comparekit import (
    Comparison,
    Feature,
    Group,
    Product,
    SpecError,
    build_table,
    load,
    loads,
    render,
)
from comparekit.layout.scores import FRAGILE_SHARE, anchor
from comparekit.layout.words import WORDS
from comparekit.model import scoring as scoring_module
from comparekit.model.analysis import Finding
from comparekit.model.scoring import DRAWS, score
from comparekit.renderers.xlsx.scores import SCORES_SHEET

GOLDEN = Path(__file__).parent / "golden" / "unscored"
LANGS = ("en", "ko", "zh")


def _race(speed: float, price: float) -> Comparison:
    """Two weights, three products: near weights make a fragile ranking, far ones a robust one."""
    return Comparison(
        title="Race",
        features=[
            Feature(
                id="speed",
                label={"en": "Speed", "ko": "속도", "zh": "速度"},
                type="count",
                better="higher",
            ),
            Feature(
                id="price",
                label={"en": "Price", "ko": "가격", "zh": "价格"},
                type="money",
                better="lower",
            ),
        ],
        products=[
            Product(id="a", name="Alpha", values={"speed": 10, "price": 10}),
            Product(id="b", name="Beta", values={"speed": 0, "price": 5}),
            Product(id="c", name="Gamma", values={"speed": 0, "price": 10}),
        ],
        scoring={"weights": {"speed": speed, "price": price}, "vary": 20, "seed": 7},
    )


def _unscored(comparison: Comparison) -> Comparison:
    return attrs.evolve(comparison, scoring=None, findings=())


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("lang", LANGS)
def test_sample_scores_laid_out_in_each_language(sample: Comparison, lang: str) -> None:
    """Ranks, totals, coverage, sensitivity and findings come in the report's language."""
    part = build_table(sample, lang).analysis
    assert part is not None
    assert part.scored
    w = WORDS[lang]
    result = score(sample)
    assert [r.rank_text for r in part.rows] == [w.rank.format(rank=n) for n in (1, 2, 3, 4)]
    leader = part.rows[0]
    assert leader.product_id == result.leader == "dingtalk"
    assert leader.total_text == {"en": "85.0", "ko": "85.0", "zh": "85.0"}[lang]
    assert [r.coverage_text for r in part.rows] == ["100%", "80%", "70%", "60%"]
    assert part.coverage[0] == w.missing_policy["exclude"]
    assert part.sensitivity[1].startswith(w.robust.split("{")[0])
    name = {"en": "DingTalk", "ko": "딩톡", "zh": "钉钉"}[lang]
    assert name in part.sensitivity[0]
    texts = [f.text.text(lang) for f in sample.findings]
    assert [f.text for f in part.findings] == texts
    assert part.findings[0].cells[0].anchor == anchor(0, 1)  # dingtalk × users


def test_contributions_add_up_to_the_total(sample: Comparison) -> None:
    """Each product's contributions, as the layout keeps them, add up to its score."""
    result = score(sample)
    for product in result.products:
        parts = [v for _, v in product.contributions if v is not None]
        assert product.total is not None
        assert sum(parts) == pytest.approx(product.total, abs=1e-12)


@pytest.mark.parametrize("lang", LANGS)
def test_fragile_and_robust_are_said_in_each_language(lang: str) -> None:
    """Near weights give the fragile sentence naming both leaders; far ones the robust one."""
    w = WORDS[lang]
    fragile = build_table(_race(21, 20), lang).analysis
    robust = build_table(_race(40, 10), lang).analysis
    assert fragile is not None
    assert robust is not None
    assert fragile.sensitivity[1].startswith(w.fragile.split("{")[0])
    assert "Alpha" in fragile.sensitivity[1]
    assert "Beta" in fragile.sensitivity[1]
    assert robust.sensitivity[1].startswith(w.robust.split("{")[0])
    assert "Alpha" in robust.sensitivity[1]
    # The leader tips when the weight of speed falls by 4.8 % (robust: by 75 %).
    assert "4.8%" in fragile.sensitivity[0]
    assert "75%" in robust.sensitivity[0]
    assert w.tipping_down.split("{")[0] in fragile.sensitivity[0]


def test_the_fragile_threshold_is_the_documented_share() -> None:
    """Fragile means two products each lead in at least FRAGILE_SHARE of the draws."""
    shares = dict(score(_race(21, 20)).first)
    assert sorted(shares.values(), reverse=True)[1] >= FRAGILE_SHARE
    shares = dict(score(_race(40, 10)).first)
    assert sorted(shares.values(), reverse=True)[1] < FRAGILE_SHARE


def test_ties_are_said_as_ties() -> None:
    """Two products with equal totals share rank 1 and the sensitivity says they share it."""
    c = attrs.evolve(
        _race(1, 1),
        products=[
            *_race(1, 1).products[:1],
            attrs.evolve(_race(1, 1).products[0], id="twin", name="Twin"),
        ],
    )
    part = build_table(c, "en").analysis
    assert part is not None
    assert [r.rank_text for r in part.rows] == ["#1", "#1"]
    assert part.sensitivity[0] == "Alpha, Twin share first place."


def test_findings_without_scoring() -> None:
    """A comparison with findings but no [scoring] shows the findings and no scores."""
    c = attrs.evolve(
        _race(1, 1), scoring=None, findings=[Finding(text="Alpha is fast.", cells=[("a", "speed")])]
    )
    table = build_table(c, "en")
    assert table.analysis is not None
    assert not table.analysis.scored
    text = render(c, "txt").decode()
    assert "Key findings\n  - Alpha is fast. (Cells: Alpha · Speed)" in text
    assert "Scores" not in text
    book = openpyxl.load_workbook(io.BytesIO(render(c, "xlsx")))
    assert "Findings" in book.sheetnames
    assert SCORES_SHEET not in book.sheetnames


def _brute_force_shares(c: Comparison) -> tuple[tuple[str, float], ...]:
    """The random weightings' first places, every product worked out in every draw."""
    found = score(c)
    assert c.scoring is not None
    keys = [w.target for w in c.scoring.weights]
    weights = [float(w.weight) for w in c.scoring.weights]
    index = {k: i for i, k in enumerate(keys)}
    share = {f: s for _, f, s in found.members}
    key_of = {f: k for k, f, _ in found.members}
    rng = random.Random(c.scoring.seed)
    spread = c.scoring.vary / 100
    tops = [0] * len(found.products)
    for _ in range(DRAWS):
        drawn = [w * (1 + rng.uniform(-spread, spread)) for w in weights]
        totals = []
        for product in found.products:
            a = [0.0] * len(keys)
            d = [0.0] * len(keys)
            for feature, value in product.values:
                if value is not None:
                    a[index[key_of[feature]]] += share[feature] * value
                    d[index[key_of[feature]]] += share[feature]
            den = sum(map(operator.mul, drawn, d))
            totals.append(sum(map(operator.mul, drawn, a)) / den if den > 0 else None)
        known = [t for t in totals if t is not None]
        for i, total in enumerate(totals):
            if known and total is not None and abs(total - max(known)) <= 1e-12:
                tops[i] += 1
    return tuple((p.product, n / DRAWS) for p, n in zip(found.products, tops, strict=True))


def test_pruned_draws_equal_brute_force() -> None:
    """Leaving out the products that cannot lead changes no share of first places."""
    from bench.generate import Size, generate
    from bench.scoring import scored

    for seed in (0, 1, 2):
        c = scored(generate(Size(30, 20), seed))
        assert score(c).first == _brute_force_shares(c)
    assert scoring_module._MARGIN < 1e-6


# ---------------------------------------------------------------- txt, md, pdf


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("lang", LANGS)
def test_text_formats_show_everything(sample: Comparison, fmt: str, lang: str) -> None:
    """txt and md show totals, ranks, coverage, sensitivity, the coverage rule and findings."""
    text = render(sample, fmt, lang=lang).decode()
    flat = re.sub(r"\s+", "", text)
    part = build_table(sample, lang).analysis
    assert part is not None
    for row in part.rows:
        assert row.rank_text in text
        assert row.total_text in text
        assert row.coverage_text in text
    for sentence in (*part.sensitivity, *part.coverage, *(f.text for f in part.findings)):
        assert re.sub(r"\s+", "", sentence).replace("\\", "") in flat.replace("\\", "")
    assert text.index(part.findings_title) < text.index(part.scores_title)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_pdf_finding_links_resolve(sample: Comparison, tmp_path: Path) -> None:
    """Every finding's link in the PDF names a destination that exists, on a matrix page."""
    path = tmp_path / "r.pdf"
    path.write_bytes(render(sample, "pdf"))
    dump = subprocess.run(
        ["qpdf", "--json", str(path)], capture_output=True, check=True, text=True
    ).stdout
    objects = json.loads(dump)["qpdf"][1]
    catalog = next(
        v["value"]
        for v in objects.values()
        if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog"
    )
    names = catalog["/Names"]["/Dests"]["/Names"]
    dests = dict(zip(names[::2], names[1::2], strict=True))
    links = [
        v["value"]["/Dest"]
        for v in objects.values()
        if isinstance(v.get("value"), dict)
        and v["value"].get("/Subtype") == "/Link"
        and "/Dest" in v["value"]
    ]
    part = build_table(sample).analysis
    assert part is not None
    wanted = {f"u:{c.anchor}" for f in part.findings for c in f.cells}
    assert set(links) == wanted
    pages = {
        v["value"]["/Type"]
        for k, v in objects.items()
        if isinstance(v.get("value"), dict) and "/Type" in v["value"]
    }
    assert "/Page" in pages
    for link in links:
        page = dests[link][0]
        assert objects[f"obj:{page}"]["value"]["/Type"] == "/Page"


def test_pdf_html_gives_ids_only_to_cells_findings_name(sample: Comparison) -> None:
    """The matrix cells a finding names carry its anchor; no other cell has an id."""
    from comparekit.renderers import RenderOptions
    from comparekit.renderers.pdf import render_html

    html = render_html(build_table(sample, "ko"), RenderOptions())
    ids = set(re.findall(r'<td [^>]*id="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert ids == hrefs
    assert "cell-1-2" in ids  # dingtalk × users


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_shows_scores_and_findings(sample: Comparison, lang: str, tmp_path: Path) -> None:
    """The PDF's text holds every total, rank and coverage, and the findings' words."""
    text = _pdf_text(render(sample, "pdf", lang=lang), tmp_path)
    flat = re.sub(r"\s+", "", text)
    part = build_table(sample, lang).analysis
    assert part is not None
    for row in part.rows:
        shown = f"{row.rank_text}{row.name}{row.total_text}{row.coverage_text}"
        assert re.sub(r"\s+", "", shown) in flat
    assert re.sub(r"\s+", "", part.sensitivity[0]) in flat
    for finding in part.findings:
        assert re.sub(r"\s+", "", finding.text) in flat


# ---------------------------------------------------------------- xlsx


def _scores_csv(
    tmp_path: Path, book: bytes, name: str = "book", lang: str = "en"
) -> list[list[str]]:
    """The Scores sheet (named in ``lang``) as LibreOffice recalculates and shows it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(book)
    out = soffice(tmp_path, _ALL_SHEETS_AS_SHOWN, path)
    return read_csv(out / f"{name}-{WORDS[lang].sheet_names[SCORES_SHEET]}.csv")


def _ranking(rows: list[list[str]], heading: str) -> list[tuple[str, str, str, str]]:
    """Rank, product, score and coverage of each product row under the heading row."""
    start = next(i for i, row in enumerate(rows) if row[:1] == [heading]) + 2
    out = []
    for row in rows[start:]:
        if not row or not row[1]:
            break
        out.append((row[0], row[1], row[2], row[3]))
    return out


@needs_soffice
@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_totals_equal_txt_and_pdf(
    sample: Comparison, lang: str, tmp_path: Path
) -> None:
    """LibreOffice recalculates the Scores sheet to the totals, ranks and coverage that the
    txt and the PDF show, and to the same contributions."""
    rows = _scores_csv(tmp_path, render(sample, "xlsx", lang=lang), lang=lang)
    part = build_table(sample, lang).analysis
    assert part is not None
    computed = _ranking(rows, part.headings[0])
    shown = [(r.rank_text, r.name, r.total_text, r.coverage_text) for r in part.rows]
    assert computed == shown
    txt = render(sample, "txt", lang=lang).decode()
    pdf = re.sub(r"\s+", "", _pdf_text(render(sample, "pdf", lang=lang), tmp_path))
    for rank, name, total, coverage in computed:
        assert re.search(rf"\| {re.escape(rank)}\s+\| {re.escape(name)}\s+\| {total}\s+\|", txt)
        assert re.sub(r"\s+", "", f"{rank}{name}{total}{coverage}") in pdf
    start = next(i for i, row in enumerate(rows) if row[:1] == [part.headings[0]]) + 2
    for row, result in zip(rows[start:], part.rows, strict=False):
        assert tuple(row[5 : 5 + len(part.weights)]) == tuple(
            "" if c == WORDS[lang].no_score else c for c in result.contributions
        )


@needs_soffice
def test_changing_a_weight_cell_moves_the_ranking(tmp_path: Path) -> None:
    """Raise a weight in the workbook and LibreOffice ranks the products the other way."""
    book = openpyxl.load_workbook(io.BytesIO(render(_race(40, 10), "xlsx")))
    ws = book[SCORES_SHEET]
    before = _ranking(_scores_csv(tmp_path / "a", render(_race(40, 10), "xlsx")), "Rank")
    assert [(r[0], r[1]) for r in before] == [("#1", "Alpha"), ("#2", "Beta"), ("#3", "Gamma")]
    weights = {ws.cell(row, 1).value: row for row in range(5, 7)}
    ws.cell(weights["Price"], 2).value = 100  # price now outweighs speed 100 to 40
    edited = io.BytesIO()
    book.save(edited)
    after = _ranking(_scores_csv(tmp_path / "b", edited.getvalue()), "Rank")
    ranks = {name: rank for rank, name, _, _ in after}
    assert ranks["Beta"] == "#1"
    assert ranks["Alpha"] == "#2"
    beta = score(_race(40, 100)).of("b").total
    assert beta is not None
    assert {r[1]: r[2] for r in after}["Beta"] == f"{beta * 100:.1f}"


_FORMULA = re.compile(
    r"(?:IF|ISNUMBER|RANK|SUMPRODUCT|SUM|AND|COUNT|[A-Z]{0,3}\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?"
    r'|[(),:*/+\-<>=]|--|"")+'
)
"""Everything a formula comparekit writes is made of: its functions, cell references,
numbers, operators and the empty text."""


def _hostile_scored() -> Comparison:
    """A scored comparison whose every name and label is a hostile string."""
    strings = FORMULAS + MARKUP
    features = [
        Feature(id=f"f{i}", label=text, type="count", better="higher", group="g" if i else None)
        for i, text in enumerate(strings)
    ]
    products = [
        Product(
            id=f"p{i}", name=text, values={f"f{j}": (i * 7 + j) % 5 for j in range(len(strings))}
        )
        for i, text in enumerate(strings)
    ]
    return Comparison(
        title="=1+1",
        groups=[Group(id="g", label='=HYPERLINK("http://evil.invalid","x")')],
        features=features,
        products=products,
        scoring={"weights": {"g": 1, "f0": 2}},
        findings=[Finding(text=text, cells=[("p0", "f0")]) for text in strings],
    )


def test_hostile_strings_stay_text_on_the_scores_and_findings_sheets() -> None:
    """Names and labels that look like formulas are text cells (quoted); the only formulas
    are comparekit's own, made of references, numbers and a few functions."""
    c = _hostile_scored()
    data = render(c, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    strings = set(FORMULAS + MARKUP)
    for name in (SCORES_SHEET, "Findings"):
        cells = [cell for row in book[name].iter_rows() for cell in row]
        found = {cell.value for cell in cells if isinstance(cell.value, str)}
        for text in strings & found:
            hits = [cell for cell in cells if cell.value == text]
            assert all(cell.data_type == "s" for cell in hits), text
            if text.startswith(("=", "+", "-", "@")):
                assert all(cell.quotePrefix for cell in hits), text
        formulas = [cell.value for cell in cells if cell.data_type == "f"]
        if name == "Findings":
            assert formulas == []
            assert set(FORMULAS + MARKUP) <= found
        else:
            assert formulas
            for formula in formulas:
                assert formula.startswith("=")
                assert _FORMULA.fullmatch(formula[1:]), formula
    scores_names = {cell.value for row in book[SCORES_SHEET].iter_rows() for cell in row}
    assert set(FORMULAS + MARKUP) <= scores_names
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                xml = archive.read(member).decode()
                for formula in re.findall(r"<f>(.*?)</f>", xml):
                    assert "evil" not in formula
                    assert "HYPERLINK" not in formula


# ---------------------------------------------------------------- without an analysis


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("lang", LANGS)
def test_without_scoring_reports_are_as_before(sample: Comparison, fmt: str, lang: str) -> None:
    """The sample without [scoring] and [[findings]] renders byte for byte as the files in
    tests/golden/unscored: no scores, no findings, no chart of totals, nothing else changed
    (each was first written by the code before scores existed; regenerated when the sample
    or the reports' words changed, and checked against the scored golden files less their
    findings, scores and totals)."""
    data = render(_unscored(sample), fmt, lang=lang)
    assert data == (GOLDEN / f"china-remote-work-2020.{lang}.{fmt}").read_bytes()


def test_without_scoring_no_new_sheet_stylesheet_or_ids(sample: Comparison) -> None:
    """Without an analysis: no Scores or Findings sheet, no scores.css, no cell ids."""
    from comparekit.renderers import RenderOptions
    from comparekit.renderers.pdf import render_html

    plain = _unscored(sample)
    assert build_table(plain).analysis is None
    book = openpyxl.load_workbook(io.BytesIO(render(plain, "xlsx")))
    assert SCORES_SHEET not in book.sheetnames
    assert "Findings" not in book.sheetnames
    html = render_html(build_table(plain), RenderOptions())
    assert "scores.css" not in html
    assert 'id="cell-' not in html


def test_a_spec_without_scoring_loads_without_analysis() -> None:
    """A spec with neither key builds a table with no analysis."""
    c = loads('format = 1\n[comparison]\ntitle = "T"\n')
    assert build_table(c).analysis is None


def test_workbook_carries_scoring_and_findings_back(sample: Comparison, tmp_path: Path) -> None:
    """The scored sample's workbook reads back equal, [scoring] and [[findings]] included
    (the theme and the views are the spec's own: a workbook does not carry them)."""
    path = tmp_path / "s.xlsx"
    path.write_bytes(render(sample, "xlsx"))
    assert load(path) == attrs.evolve(sample, theme=None, views=())


def test_broken_scoring_json_in_a_workbook_is_a_problem_at_its_cell(
    sample: Comparison, tmp_path: Path
) -> None:
    """Scoring text edited into something that is not JSON is reported by sheet and cell."""
    book = openpyxl.load_workbook(io.BytesIO(render(sample, "xlsx")))
    ws = book["Comparison"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "scoring")
    ws.cell(row, 2).value = "{weights: lots}"
    path = tmp_path / "broken.xlsx"
    book.save(path)
    with pytest.raises(SpecError) as caught:
        load(path)
    assert f"Comparison!B{row}: scoring: expected the JSON of [scoring]" in str(caught.value)
