"""The words and marks a report uses, per language. Every UI string lives here.

>>> WORDS["ko"].qualifiers["about"].format("2억")
'약 2억'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = [
    "BEST_MARK",
    "CHANGED_MARK",
    "LANGUAGES",
    "SHEET_KEYS",
    "SOURCE_PREFIX",
    "WORDS",
    "Words",
    "sheet_key",
]

BEST_MARK = "✦"
"""Marks the best value in a row (a character of narrow width in every terminal)."""
CHANGED_MARK = "Δ"
"""Marks a value changed since an earlier edition (``render --since``)."""

SOURCE_PREFIX = "S"
"""Numbers a source apart from a note: a cell citing the first source is marked ``[S1]``."""

SHEET_KEYS = (
    "Summary",
    "Matrix",
    "Highlights",
    "Charts",
    "Notes",
    "Data",
    "Features",
    "Products",
    "Groups",
    "Sources",
    "Comparison",
    "Changes",
    "Findings",
    "Scores",
)
"""The workbook's sheets, by their English names: the keys of :attr:`Words.sheet_names`."""


def _sheet_names(*names: str) -> dict[str, str]:
    """Each of :data:`SHEET_KEYS` with its name in one language, in that order."""
    return dict(zip(SHEET_KEYS, names, strict=True))


@attrs.frozen
class Words:
    """Everything a report says in one language, apart from the spec's own text."""

    lang: str
    yes: str
    no: str
    not_stated: str
    not_applicable: str
    qualifiers: Mapping[str, str]
    """Templates by qualifier code, ``{}`` standing for the figure."""
    with_max: str
    """Template for a value with a higher figure available: ``{value}``, ``{max}``."""
    with_unit: str
    """A feature heading with its unit: ``{label}``, ``{unit}``."""
    multiplier_suffix: str
    """Written right after a multiplier's figure, in the matrix and the spreadsheet's number
    format: ``10×``."""
    percent_suffix: str
    """Written right after a percent or change: ``80%``."""
    fraction: str
    """A fraction: ``{part}``, ``{whole}``, each with its measure word as :attr:`measure`
    and :attr:`fraction_measures_part` say (``20곳 중 17곳``, ``20家中的17家``)."""
    list_separator: str
    months: tuple[str, ...]
    date: str
    as_of_note: str
    feature: str
    product: str
    summary: str
    legend: str
    notes: str
    sources: str
    as_of: str
    prepared_for: str
    prepared_by: str
    page: str
    """``{page}`` of ``{pages}``."""
    columns_products: str
    """Caption of a page's run of product columns: ``{first}``, ``{last}``, ``{count}``."""
    columns_features: str
    """The same when transposed (features as columns)."""
    published: str
    accessed: str
    legend_best: str
    legend_note: str
    legend_not_stated: str
    legend_not_applicable: str
    legend_no: str
    legend_partial: str
    derived: str
    """Under the workbook's matrix: the sheet is made from the others, and not read back."""
    separator: str
    """Joins a product and a feature into a place (``DingTalk · Users``)."""
    places: str
    """A note's places after its text: ``{}`` stands for them, joined by ``places_separator``."""
    places_separator: str
    more_places: str
    """Stands for the places a long list of them leaves out: ``{count}``."""
    million_units: tuple[tuple[int, str], ...]
    """Compact units, largest first, as (size, template), used when the count is exact
    to ``compact_decimals`` places: ``2.5 million``."""
    compact_decimals: int
    compact_grouping: bool
    """A whole compact figure keeps its thousands separators: ``1,000 trillion``, not
    ``1000 trillion``."""
    myriad_units: tuple[tuple[int, str], ...]
    """Korean style, used instead of ``million_units``: every unit spelled out, largest
    first, as (size, name): ``2만 1,000``."""
    changes_since: str
    """The heading of what changed since an earlier edition: ``{date}``."""
    previous_edition: str
    """Stands for the date in ``changes_since`` when the earlier edition has none."""
    no_changes: str
    legend_changed: str
    """What the changed mark means: ``{date}`` as in ``changes_since``."""
    change_added: str
    """A part only the new edition has: ``{place}`` (``product WeChat Work``)."""
    change_removed: str
    change_field: str
    """A changed field of a part or a value: ``{place}``, ``{field}``, ``{old}``, ``{new}``."""
    change_value: str
    """A changed figure, shown as the cell reads: ``{place}``, ``{old}``, ``{new}``."""
    part_place: str
    """A part named in a change: ``{part}``, ``{name}``."""
    parts: Mapping[str, str]
    """The name of each kind of part (``product``), by :class:`~comparekit.model.diff.Part` value."""
    fields: Mapping[str, str]
    """The name of each field a change can be to, by field name (``unit``)."""
    none: str
    """A field that is not set, in a change (``unit: none → people``)."""
    with_condition: str
    """A figure that holds under a condition: ``{value}``, ``{condition}``."""
    with_max_condition: str
    """A value whose higher figure holds under a condition: ``{value}``, ``{max}``,
    ``{condition}``: ``102 (up to 302 on request)``."""
    year_end: str
    """A date on 31 December, in an as-of note: the end of ``{year}`` (a year-only date is
    stored so; docs/spec-format.md)."""
    legend_source: str
    # Measure words, units in cells and brackets (issue 19, docs/language.md).
    measure: str
    """The measure word a fraction's figures take when its feature gives none."""
    fraction_measures_part: bool
    """Whether a fraction's part takes the measure word too (``20개 중 17개``) or only its
    whole (``17 of 20 hospitals``)."""
    with_measure: str
    """A figure with a measure word, or with its unit where no heading carries the unit:
    ``{figure}``, ``{measure}`` (``3 months``, ``3개월``, ``3个月``)."""
    measure_spaced_after: str
    """A figure ending in one of these characters takes a space before a measure word
    (``100만 명``, but ``100명``)."""
    bracket_join: str
    """Joins an addition into a text's own closing bracket, so that no second bracket
    follows it: ``Feishu Docs (飞书文档; not certain)``."""
    highlights: str
    """The heading of the facts shown under each product instead of in the matrix."""
    highlight: str
    """One of them: ``{label}``, ``{value}`` (``Latest release: DingTalk 5.0``)."""
    sentence_join: str
    """Joins two sentences of a note (a space, none after a Chinese full stop)."""
    citation_join: str
    """Joins the parts of a source's citation: title, publisher, dates."""
    published_on: str
    """A source's date of publication in its citation: ``{date}``."""
    accessed_on: str
    """The date a source was read, in its citation: ``{date}``."""
    charts: str
    """The heading of the charts."""
    chart_totals: str
    """The title of the chart of the scores' totals."""
    chart_totals_axis: str
    chart_high: str
    """What a bar's dotted top (up to a value's higher figure, its ``max``) means."""
    chart_description: str
    """A chart in words, for those who cannot see it: ``{title}``."""
    chart_stated: str
    """In a chart's legend: the bars of figures as stated, without a qualifier."""
    chart_rank: str
    """A product on the chart of totals: ``{rank}``, ``{name}`` (with its total)."""
    # Scores and findings (issue 17), one block: comparekit/layout/scores.py uses them.
    scores: str
    """The heading of the scores, and the workbook's Scores sheet."""
    findings: str
    """The heading of the key findings."""
    rank: str
    """A rank as shown: ``{rank}`` (``#1``, ``1위``, ``第1名``)."""
    rank_heading: str
    score_heading: str
    coverage_heading: str
    weight_heading: str
    values_heading: str
    """The workbook's block of each value's score from 0 to 1."""
    counted_heading: str
    """The workbook's column of the weight a product's score is over."""
    no_score: str
    """A score or contribution that cannot be worked out (no value counted)."""
    scores_intro: str
    """Above the scores table: how to read it."""
    missing_policy: Mapping[str, str]
    """What coverage means under each not-stated policy, by :class:`~comparekit.model.Missing` value."""
    low_coverage: str
    """Products whose score rests on less than half the weight: ``{names}``, ``{share}``."""
    tipping_up: str
    """The smallest single-weight change that unseats the leader, an increase: ``{leader}``,
    ``{weight}``, ``{change}``, ``{other}``."""
    tipping_down: str
    no_tipping: str
    """No single weight can unseat the leader: ``{leader}``."""
    tied_first: str
    """Several products share first place: ``{names}``."""
    robust: str
    """The leader ranks first in nearly every random weighting: ``{leader}``, ``{share}``,
    ``{draws}``, ``{vary}``, ``{threshold}``."""
    fragile: str
    """Several products lead in a good share of random weightings: ``{count}``, ``{threshold}``,
    ``{shares}``, ``{draws}``, ``{vary}``."""
    share_item: str
    """A product and its share of first places: ``{name}``, ``{share}``."""
    finding_cells: str
    """The cells a finding rests on: ``{cells}``."""
    sheet_hint: str
    """Above the workbook's Scores sheet: which cells are input and which follow."""
    continued: str
    """A heading repeated at the top of the next page its part runs on to: ``{title}``."""
    # Sheet names (issue 19): the workbook in the report's language (docs/language.md).
    sheet_names: Mapping[str, str]
    """Each workbook sheet's name by its English name (:data:`SHEET_KEYS`): at most 31
    characters, none of ``[]:*?/\\``. The workbook reader finds a sheet by its name in any
    language (:func:`sheet_key`)."""


WORDS: Mapping[str, Words] = {
    "en": Words(
        lang="en",
        yes="Yes",
        no="No",
        not_stated="not stated",
        not_applicable="n/a",
        qualifiers={
            "about": "about {}",
            "more_than": "more than {}",
            "at_least": "at least {}",
            "up_to": "up to {}",
            "average": "{} on average",
            "partial": "{} (partial)",
            "planned": "{} (planned)",
            "uncertain": "{} (not certain)",
        },
        with_max="{value} (up to {max})",
        with_unit="{label} ({unit})",
        multiplier_suffix="×",
        percent_suffix="%",
        fraction="{part} of {whole}",
        list_separator=", ",
        months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        date="{day} {month} {year}",
        as_of_note="As of {date}.",
        feature="Feature",
        product="Product",
        summary="Summary",
        legend="Legend",
        notes="Notes",
        sources="Sources",
        as_of="As of",
        prepared_for="Prepared for",
        prepared_by="Prepared by",
        page="page {page} of {pages}",
        columns_products="Products {first}–{last} of {count}",
        columns_features="Features {first}–{last} of {count}",
        published="published",
        accessed="accessed",
        legend_best="best value in the row (ties are all marked)",
        legend_note="see the numbered note",
        legend_not_stated="the source does not say",
        legend_not_applicable="does not apply to this product",
        legend_no="the source says no",
        legend_partial="holds for part of the offer only; see the note",
        derived="This sheet is made from the other sheets: edit those. "
        "Changes made here are ignored when the workbook is imported.",
        separator=" · ",
        places=" ({})",
        places_separator="; ",
        more_places="and {count} more",
        million_units=((10**12, "{} trillion"), (10**9, "{} billion"), (10**6, "{} million")),
        compact_decimals=2,
        compact_grouping=True,
        myriad_units=(),
        changes_since="What changed since {date}",
        previous_edition="the previous edition",
        no_changes="No changes.",
        legend_changed="changed since {date}",
        change_added="Added: {place}",
        change_removed="Removed: {place}",
        change_field="{place}, {field}: {old} → {new}",
        change_value="{place}: {old} → {new}",
        part_place="{part} {name}",
        parts={
            "comparison": "comparison",
            "source": "source",
            "group": "group",
            "feature": "feature",
            "product": "product",
        },
        fields={
            "title": "title",
            "subtitle": "subtitle",
            "as_of": "as of",
            "language": "language",
            "summary": "summary",
            "prepared_for": "prepared for",
            "prepared_by": "prepared by",
            "publisher": "publisher",
            "published": "published",
            "accessed": "accessed",
            "url": "web address",
            "label": "label",
            "name": "name",
            "type": "type",
            "group": "group",
            "unit": "unit",
            "better": "better end",
            "description": "description",
            "currency": "currency",
            "decimals": "decimals",
            "chart": "chart",
            "vendor": "vendor",
            "value": "value",
            "status": "status",
            "qualifier": "qualifier",
            "max": "maximum",
            "condition": "condition",
            "note": "note",
            "source": "sources",
            "measure": "measure word",
            "show": "shown in",
        },
        none="none",
        with_condition="{value} ({condition})",
        with_max_condition="{value} (up to {max} {condition})",
        year_end="the end of {year}",
        legend_source="cites the numbered source (see Sources)",
        measure="",
        fraction_measures_part=False,
        with_measure="{figure} {measure}",
        measure_spaced_after="",
        bracket_join="; ",
        highlights="Highlights by product",
        highlight="{label}: {value}",
        sentence_join=" ",
        citation_join=", ",
        published_on="published {date}",
        accessed_on="accessed {date}",
        charts="Charts",
        chart_totals="Weighted score by product",
        chart_totals_axis="score out of 100",
        chart_high="dotted: up to the stated maximum",
        chart_description="Bar chart of {title}, one bar per product",
        chart_stated="as stated",
        chart_rank="{rank}. {name}",
        scores="Scores",
        findings="Key findings",
        rank="#{rank}",
        rank_heading="Rank",
        score_heading="Score",
        coverage_heading="Coverage",
        weight_heading="Weight",
        values_heading="Value scores (0–1)",
        counted_heading="Weight counted",
        no_score="–",
        scores_intro="Each product's weighted score out of 100, and what each weight "
        "contributes to it (the contributions add up to the score).",
        missing_policy={
            "exclude": "Values that are not stated are left out: a product's score is the "
            "weighted mean of the values it states, and its coverage is the share of the weight "
            "those values carry. A score with a low coverage rests on few facts: its rank can "
            "change as the missing facts are found.",
            "worst": "Values that are not stated score 0, the worst: a product gains nothing "
            "from what its sources do not say. Coverage is the share of the weight whose values "
            "are stated; a low coverage pulls a score down.",
            "neutral": "Values that are not stated score 0.5, the middle of the scale. Coverage "
            "is the share of the weight whose values are stated; a low coverage pulls a score "
            "towards 50.",
        },
        low_coverage="{names}: coverage below {share}; their rank rests on less than half "
        "of the weight.",
        tipping_up="{leader} stays first unless the weight of “{weight}” rises by more "
        "than {change}; then {other} leads.",
        tipping_down="{leader} stays first unless the weight of “{weight}” falls by more "
        "than {change}; then {other} leads.",
        no_tipping="{leader} stays first whatever value any single weight takes.",
        tied_first="{names} share first place.",
        robust="The ranking is robust: {leader} ranks first in {share} of {draws} random "
        "weightings (each weight within ±{vary}), and no other product leads in {threshold} "
        "of them.",
        fragile="The ranking is fragile: {count} products lead in at least {threshold} of "
        "{draws} random weightings (each weight within ±{vary}): {shares}.",
        share_item="{name} {share}",
        finding_cells="Cells: {cells}",
        sheet_hint="Weights (shaded) are input cells: change one and the contributions, "
        "scores and ranks, which are formulas, follow.",
        continued="{title} (continued)",
        sheet_names=_sheet_names(*SHEET_KEYS),
    ),
    "ko": Words(
        lang="ko",
        yes="예",
        no="아니요",
        not_stated="언급 없음",
        not_applicable="해당 없음",
        qualifiers={
            "about": "약 {}",
            "more_than": "{} 넘음",
            "at_least": "최소 {}",
            "up_to": "최대 {}",
            "average": "평균 {}",
            "partial": "{} (일부)",
            "planned": "{} (예정)",
            "uncertain": "{} (확실하지 않음)",
        },
        with_max="{value} (최대 {max})",
        with_unit="{label} ({unit})",
        multiplier_suffix="배",
        percent_suffix="%",
        fraction="{whole} 중 {part}",
        list_separator=", ",
        months=tuple(f"{m}월" for m in range(1, 13)),
        date="{year}년 {month} {day}일",
        as_of_note="{date} 기준.",
        feature="항목",
        product="제품",
        summary="요약",
        legend="범례",
        notes="주석",
        sources="출처",
        as_of="기준일",
        prepared_for="제출 대상",
        prepared_by="작성",
        page="{page} / {pages} 쪽",
        columns_products="제품 {first}–{last} / 전체 {count}",
        columns_features="항목 {first}–{last} / 전체 {count}",
        published="게시",
        accessed="열람",
        legend_best="행에서 가장 좋은 값 (동률은 모두 표시)",
        legend_note="번호가 붙은 주석 참조",
        legend_not_stated="출처에 언급되지 않음",
        legend_not_applicable="이 제품에는 해당하지 않음",
        legend_no="출처가 아니라고 밝힘",
        legend_partial="일부에만 해당함 (주석 참조)",
        derived="이 시트는 다른 시트로부터 만들어집니다. 내용은 다른 시트에서 고치십시오. "
        "여기서 바꾼 내용은 통합 문서를 가져올 때 무시됩니다.",
        separator=" · ",
        places=" ({})",
        places_separator="; ",
        more_places="외 {count}곳",
        million_units=(),
        compact_decimals=0,
        compact_grouping=False,
        myriad_units=((10**12, "조"), (10**8, "억"), (10**4, "만")),
        changes_since="{date} 이후 바뀐 내용",
        previous_edition="이전 판",
        no_changes="바뀐 내용이 없습니다.",
        legend_changed="{date} 이후 바뀐 값",
        change_added="추가: {place}",
        change_removed="삭제: {place}",
        change_field="{place}, {field}: {old} → {new}",
        change_value="{place}: {old} → {new}",
        part_place="{part} {name}",
        parts={
            "comparison": "비교표",
            "source": "출처",
            "group": "그룹",
            "feature": "항목",
            "product": "제품",
        },
        fields={
            "title": "제목",
            "subtitle": "부제",
            "as_of": "기준일",
            "language": "언어",
            "summary": "요약",
            "prepared_for": "제출 대상",
            "prepared_by": "작성",
            "publisher": "발행처",
            "published": "게시일",
            "accessed": "열람일",
            "url": "웹 주소",
            "label": "이름",
            "name": "이름",
            "type": "유형",
            "group": "그룹",
            "unit": "단위",
            "better": "좋은 쪽",
            "description": "설명",
            "currency": "통화",
            "decimals": "소수 자릿수",
            "vendor": "공급사",
            "chart": "차트",
            "value": "값",
            "status": "상태",
            "qualifier": "수식어",
            "max": "최댓값",
            "condition": "조건",
            "note": "주석",
            "source": "출처",
            "measure": "세는 단위",
            "show": "표시 위치",
        },
        none="없음",
        with_condition="{value} ({condition})",
        with_max_condition="{value} ({condition} 최대 {max})",
        year_end="{year}년 말",
        legend_source="번호가 붙은 출처 참조 (출처 목록)",
        measure="개",
        fraction_measures_part=True,
        with_measure="{figure}{measure}",
        measure_spaced_after="만억조",
        bracket_join=", ",
        highlights="제품별 주요 내용",
        highlight="{label}: {value}",
        sentence_join=" ",
        citation_join=", ",
        published_on="{date} 게시",
        accessed_on="{date} 열람",
        charts="차트",
        chart_totals="제품별 가중 점수",
        chart_totals_axis="100점 만점 점수",
        chart_high="점선: 밝힌 최대치까지",
        chart_description="{title} 막대 그래프 (제품별 막대 하나)",
        chart_stated="출처 수치 그대로",
        chart_rank="{rank}위 {name}",
        scores="점수",
        findings="핵심 발견",
        rank="{rank}위",
        rank_heading="순위",
        score_heading="점수",
        coverage_heading="자료 충족도",
        weight_heading="가중치",
        values_heading="항목별 점수 (0–1)",
        counted_heading="반영된 가중치",
        no_score="–",
        scores_intro="제품별 100점 만점의 가중 점수와 각 가중치의 기여도 (기여도의 합이 점수).",
        missing_policy={
            "exclude": "언급되지 않은 값은 제외합니다: 제품의 점수는 언급된 값의 가중 평균이며, "
            "자료 충족도는 그 값들이 차지하는 가중치의 비율입니다. 충족도가 낮은 점수는 적은 "
            "사실에 기대므로, 빠진 사실이 확인되면 순위가 바뀔 수 있습니다.",
            "worst": "언급되지 않은 값은 최저점 0으로 셉니다: 출처가 말하지 않은 것으로 점수를 "
            "얻지 않습니다. 자료 충족도는 값이 언급된 가중치의 비율이며, 낮을수록 점수가 "
            "내려갑니다.",
            "neutral": "언급되지 않은 값은 중간값 0.5로 셉니다. 자료 충족도는 값이 언급된 "
            "가중치의 비율이며, 낮을수록 점수가 50에 가까워집니다.",
        },
        low_coverage="{names}: 자료 충족도 {share} 미만. 순위가 가중치의 절반도 안 되는 "
        "자료에 기댑니다.",
        tipping_up="“{weight}”의 가중치가 {change}보다 더 늘지 않는 한 {leader}이(가) "
        "1위를 지킵니다. 그 이상 늘면 {other}이(가) 1위가 됩니다.",
        tipping_down="“{weight}”의 가중치가 {change}보다 더 줄지 않는 한 {leader}이(가) "
        "1위를 지킵니다. 그 이상 줄면 {other}이(가) 1위가 됩니다.",
        no_tipping="어떤 가중치 하나를 어떻게 바꿔도 {leader}이(가) 1위를 지킵니다.",
        tied_first="{names}이(가) 공동 1위입니다.",
        robust="순위가 견고합니다: 각 가중치를 ±{vary} 안에서 무작위로 바꾼 {draws}번 중 "
        "{share}에서 {leader}이(가) 1위이며, 다른 제품은 {threshold} 이상에서 1위가 되지 "
        "않습니다.",
        fragile="순위가 불안정합니다: 각 가중치를 ±{vary} 안에서 무작위로 바꾼 {draws}번 중 "
        "{threshold} 이상에서 1위가 되는 제품이 {count}개입니다: {shares}.",
        share_item="{name} {share}",
        finding_cells="근거: {cells}",
        sheet_hint="가중치(음영 칸)는 입력 칸입니다. 가중치를 바꾸면 수식인 기여도, 점수, "
        "순위가 따라 바뀝니다.",
        continued="{title} (계속)",
        sheet_names=_sheet_names(
            "요약",
            "비교표",
            "주요 내용",
            "차트",
            "주석",
            "데이터",
            "항목",
            "제품",
            "그룹",
            "출처",
            "비교 정보",
            "변경 사항",
            "핵심 발견",
            "점수",
        ),
    ),
    "zh": Words(
        lang="zh",
        yes="是",
        no="否",
        not_stated="未提及",
        not_applicable="不适用",
        qualifiers={
            "about": "约{}",
            "more_than": "超过{}",
            "at_least": "至少{}",
            "up_to": "最多{}",
            "average": "平均{}",
            "partial": "{}（部分）",
            "planned": "{}（计划中）",
            "uncertain": "{}（尚不确定）",
        },
        with_max="{value}（最多{max}）",
        with_unit="{label}（{unit}）",
        multiplier_suffix="倍",
        percent_suffix="%",
        fraction="{whole}中的{part}",
        list_separator="、",
        months=tuple(f"{m}月" for m in range(1, 13)),
        date="{year}年{month}{day}日",
        as_of_note="截至{date}。",
        feature="项目",
        product="产品",
        summary="摘要",
        legend="图例",
        notes="注释",
        sources="来源",
        as_of="截至",
        prepared_for="呈交",
        prepared_by="编制",
        page="第 {page} 页，共 {pages} 页",
        columns_products="产品 {first}–{last}（共 {count} 个）",
        columns_features="项目 {first}–{last}（共 {count} 项）",
        published="发布",
        accessed="访问",
        legend_best="该行最佳值（并列均标出）",
        legend_note="见编号注释",
        legend_not_stated="来源未提及",
        legend_not_applicable="不适用于该产品",
        legend_no="来源明确为否",
        legend_partial="仅部分适用，见注释",
        derived="本工作表由其他工作表生成，请在其他工作表中修改。在此处所做的更改在导入工作簿时将被忽略。",
        separator=" · ",
        places="（{}）",
        places_separator="；",
        more_places="另有{count}处",
        million_units=((10**8, "{}亿"), (10**4, "{}万")),
        compact_decimals=2,
        compact_grouping=False,
        myriad_units=(),
        changes_since="自{date}以来的变化",
        previous_edition="上一版",
        no_changes="没有变化。",
        legend_changed="自{date}以来有变化",
        change_added="新增：{place}",
        change_removed="删除：{place}",
        change_field="{place}，{field}：{old} → {new}",
        change_value="{place}：{old} → {new}",
        part_place="{part}“{name}”",
        parts={
            "comparison": "对比表",
            "source": "来源",
            "group": "分组",
            "feature": "项目",
            "product": "产品",
        },
        fields={
            "title": "标题",
            "subtitle": "副标题",
            "as_of": "截至日期",
            "language": "语言",
            "summary": "摘要",
            "prepared_for": "呈交对象",
            "prepared_by": "编制",
            "publisher": "发布者",
            "published": "发布日期",
            "accessed": "访问日期",
            "url": "网址",
            "label": "名称",
            "name": "名称",
            "type": "类型",
            "group": "分组",
            "unit": "单位",
            "better": "优劣方向",
            "description": "说明",
            "currency": "货币",
            "decimals": "小数位数",
            "chart": "图表",
            "vendor": "厂商",
            "value": "数值",
            "status": "状态",
            "qualifier": "限定词",
            "max": "最大值",
            "condition": "条件",
            "note": "注释",
            "source": "来源",
            "measure": "量词",
            "show": "显示位置",
        },
        none="无",
        with_condition="{value}（{condition}）",
        with_max_condition="{value}（{condition}最多{max}）",
        year_end="{year}年底",
        legend_source="见编号来源（来源列表）",
        measure="个",
        fraction_measures_part=True,
        with_measure="{figure}{measure}",
        measure_spaced_after="",
        bracket_join="，",
        highlights="各产品要点",
        highlight="{label}：{value}",
        sentence_join="",
        citation_join="，",
        published_on="{date}发布",
        accessed_on="{date}访问",
        charts="图表",
        chart_totals="各产品加权得分",
        chart_totals_axis="得分（满分100）",
        chart_high="虚线：至原文所述最大值",
        chart_description="{title}条形图，每个产品一根柱",
        chart_stated="原文数值",
        chart_rank="第{rank}名 {name}",
        scores="评分",
        findings="主要发现",
        rank="第{rank}名",
        rank_heading="排名",
        score_heading="得分",
        coverage_heading="覆盖率",
        weight_heading="权重",
        values_heading="各项得分（0–1）",
        counted_heading="计入权重",
        no_score="–",
        scores_intro="各产品的加权得分（满分100）及各权重的贡献（贡献之和即为得分）。",
        missing_policy={
            "exclude": "未提及的值不计入：产品得分是其已提及值的加权平均，覆盖率是这些值所占"
            "权重的比例。覆盖率低的得分依据的事实少，补齐缺失的事实后排名可能改变。",
            "worst": "未提及的值按最差的0分计：来源没有说明的内容不能得分。覆盖率是已提及值"
            "所占权重的比例，覆盖率越低得分越低。",
            "neutral": "未提及的值按中间值0.5计。覆盖率是已提及值所占权重的比例，覆盖率越低"
            "得分越接近50。",
        },
        low_coverage="{names}：覆盖率低于{share}，其排名所依据的权重不足一半。",
        tipping_up="除非“{weight}”的权重提高超过{change}，否则{leader}保持第一；超过后"
        "{other}领先。",
        tipping_down="除非“{weight}”的权重降低超过{change}，否则{leader}保持第一；超过后"
        "{other}领先。",
        no_tipping="无论单独调整哪一项权重，{leader}都保持第一。",
        tied_first="{names}并列第一。",
        robust="排名稳健：在每项权重于±{vary}内随机变动的{draws}次加权中，{leader}在{share}"
        "中排名第一，其他产品均未在{threshold}以上的情形中领先。",
        fragile="排名不稳定：在每项权重于±{vary}内随机变动的{draws}次加权中，有{count}个产品"
        "在至少{threshold}的情形中领先：{shares}。",
        share_item="{name} {share}",
        finding_cells="依据：{cells}",
        sheet_hint="权重（底色单元格）为输入单元格：修改后，贡献、得分和排名（均为公式）随之变化。",
        continued="{title}（续）",
        sheet_names=_sheet_names(
            "摘要",
            "对比表",
            "要点",
            "图表",
            "注释",
            "数据",
            "项目",
            "产品",
            "分组",
            "来源",
            "对比信息",
            "变化",
            "主要发现",
            "评分",
        ),
    ),
}

LANGUAGES: tuple[str, ...] = tuple(sorted(WORDS))
"""The languages a report can be rendered in."""


def sheet_key(name: str) -> str | None:
    """The English name (:data:`SHEET_KEYS`) of a workbook sheet named ``name`` in any
    language, or ``None``.

    >>> sheet_key("데이터"), sheet_key("数据"), sheet_key("Data"), sheet_key("Sheet1")
    ('Data', 'Data', 'Data', None)
    """
    return _SHEET_KEY_OF.get(name)


_SHEET_KEY_OF = {name: key for words in WORDS.values() for key, name in words.sheet_names.items()}
