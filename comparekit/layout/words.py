"""The words and marks a report uses, per language. Every UI string lives here.

>>> WORDS["ko"].qualifiers["about"].format("2억")
'약 2억'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["BEST_MARK", "CHANGED_MARK", "LANGUAGES", "SOURCE_PREFIX", "WORDS", "Words"]

BEST_MARK = "✦"
"""Marks the best value in a row (a character of narrow width in every terminal)."""
CHANGED_MARK = "Δ"
"""Marks a value changed since an earlier edition (``render --since``)."""

SOURCE_PREFIX = "S"
"""Numbers a source apart from a note: a cell citing the first source is marked ``[S1]``."""


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
    continued: str
    """A heading repeated at the top of the next page its part runs on to: ``{title}``."""


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
            "vendor": "vendor",
            "value": "value",
            "status": "status",
            "qualifier": "qualifier",
            "max": "maximum",
            "condition": "condition",
            "note": "note",
            "source": "sources",
        },
        none="none",
        with_condition="{value} ({condition})",
        with_max_condition="{value} (up to {max} {condition})",
        year_end="the end of {year}",
        legend_source="cites the numbered source (see Sources)",
        continued="{title} (continued)",
    ),
    "ko": Words(
        lang="ko",
        yes="예",
        no="아니요",
        not_stated="언급 없음",
        not_applicable="해당 없음",
        qualifiers={
            "about": "약 {}",
            "more_than": "{} 초과",
            "at_least": "최소 {}",
            "up_to": "최대 {}",
            "average": "평균 {}",
            "partial": "{} (일부)",
            "planned": "{} (예정)",
            "uncertain": "{} (불확실)",
        },
        with_max="{value} (최대 {max})",
        with_unit="{label} ({unit})",
        multiplier_suffix="배",
        percent_suffix="%",
        fraction="{whole}개 중 {part}개",
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
            "vendor": "제조사",
            "value": "값",
            "status": "상태",
            "qualifier": "수식어",
            "max": "최댓값",
            "condition": "조건",
            "note": "주석",
            "source": "출처",
        },
        none="없음",
        with_condition="{value} ({condition})",
        with_max_condition="{value} ({condition} 최대 {max})",
        year_end="{year}년 말",
        legend_source="번호가 붙은 출처 참조 (출처 목록)",
        continued="{title} (계속)",
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
            "uncertain": "{}（未确定）",
        },
        with_max="{value}（最多{max}）",
        with_unit="{label}（{unit}）",
        multiplier_suffix="倍",
        percent_suffix="%",
        fraction="{whole}个中的{part}个",
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
        more_places="等另外{count}处",
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
            "vendor": "厂商",
            "value": "数值",
            "status": "状态",
            "qualifier": "限定词",
            "max": "最大值",
            "condition": "条件",
            "note": "注释",
            "source": "来源",
        },
        none="无",
        with_condition="{value}（{condition}）",
        with_max_condition="{value}（{condition}最多{max}）",
        year_end="{year}年底",
        legend_source="见编号来源（来源列表）",
        continued="{title}（续）",
    ),
}

LANGUAGES: tuple[str, ...] = tuple(sorted(WORDS))
"""The languages a report can be rendered in."""
