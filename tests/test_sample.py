"""The sample spec says exactly what the source article says (shared/seed-facts.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from comparekit import Comparison, Show, Status, build_table
from comparekit.layout import CellKind
from comparekit.model import cited

END_2019 = dt.date(2019, 12, 31)
YEAR_2017 = dt.date(2017, 12, 31)
"""The article dates W9 by the year alone ("17년 기준"): a year alone is its last day."""

# (fact, product, feature, value, qualifier, max, as_of)
FACTS = [
    ("D1", "dingtalk", "enterprise_customers", 10_000_000, "about", None, None),
    ("D2", "dingtalk", "users", 200_000_000, "about", None, None),
    ("D3", "dingtalk", "free_offer", True, None, None, None),
    ("D5", "dingtalk", "meeting_capacity", 102, None, 302, None),
    ("D6", "dingtalk", "downloads_growth", 350, None, None, None),
    ("D7", "dingtalk", "app_store_rank", 1, None, None, None),
    ("D8", "dingtalk", "cloud_servers_added", 20_000, None, None, None),
    ("D10", "dingtalk", "target_organisations", 43_000_000, None, None, None),
    ("W1", "wechat_work", "enterprise_customers", 2_500_000, None, None, END_2019),
    ("W2", "wechat_work", "users", 60_000_000, None, None, END_2019),
    ("W3", "wechat_work", "third_party_partners", 21_000, None, None, END_2019),
    ("W4", "wechat_work", "systems_running", 4_700_000, "more_than", None, END_2019),
    ("W5", "wechat_work", "top500_share", 80, None, None, None),
    ("W6", "wechat_work", "server_demand_growth", 10, None, None, None),
    ("W7", "wechat_work", "downloads_growth", 70, None, None, None),
    ("W8", "wechat_work", "meeting_capacity", 300, "up_to", None, None),
    ("W9", "wechat_work", "wechat_official_accounts", 17_000_000, None, None, YEAR_2017),
    ("W9", "wechat_work", "wechat_mini_programs", 1_000_000, "more_than", None, None),
    ("W10", "wechat_work", "free_cloud_months", 3, "average", None, None),
    ("W10", "wechat_work", "cloud_credit_cap", 500_000, "up_to", None, None),
    ("H1", "welink", "daily_active_users", 1_000_000, "more_than", None, None),
    ("H2", "welink", "work_data_demand_growth", 50, None, None, None),
    ("H4", "welink", "top_hospitals", (17, 20), None, None, None),
    ("H5", "welink", "universities_985", (37, 39), None, None, None),
    ("H6", "welink", "provincial_agencies", 500, None, None, None),
    ("H7", "welink", "free_offer", True, "partial", None, None),
    ("H7", "welink", "free_tier_limit", 1_000, "up_to", None, None),
    ("H7", "welink", "meeting_capacity", 100, "partial", None, None),
    ("F2", "feishu", "meeting_capacity", 100, "up_to", None, None),
    ("F3", "feishu", "separate_meeting_app", True, None, None, None),
    ("F4", "feishu", "free_offer", True, None, None, None),
    ("F5", "feishu", "downloads_growth", 350, None, None, None),
]


@pytest.mark.parametrize(
    ("fact", "product", "feature", "value", "qualifier", "top", "as_of"),
    FACTS,
    ids=[f"{f[0]}-{f[2]}" for f in FACTS],
)
def test_fact(
    sample: Comparison,
    fact: str,
    product: str,
    feature: str,
    value: object,
    qualifier: str | None,
    top: int | None,
    as_of: dt.date | None,
) -> None:
    """Each seed fact is encoded with its figure, qualifier, maximum, date and (its own or its
    product's default) source."""
    found = sample.value(product, feature)
    assert found.value == value, fact
    assert (found.qualifier.value if found.qualifier else None) == qualifier, fact
    assert found.max == top, fact
    assert found.as_of == as_of, fact
    owner = next(p for p in sample.products if p.id == product)
    row = next(f for f in sample.features if f.id == feature)
    assert cited(found, owner, row) == ("digital-china-2020",), fact


def test_every_value_cites_the_article(sample: Comparison) -> None:
    """Every value the sample gives cites the article, as before product defaults: the same
    effective sources with one source key per product instead of one per value."""
    features = {f.id: f for f in sample.features}
    pairs = [(p, features[k], v) for p in sample.products for k, v in p.values.items()]
    assert len(pairs) == 38
    assert {cited(v, p, f) for p, f, v in pairs} == {("digital-china-2020",)}
    assert all(not v.source for _, _, v in pairs)


def test_dingtalk_capacity_condition_in_every_language(sample: Comparison) -> None:
    """D5: "102 at once; up to 302 on request" reads so in the cell, in en, ko and zh."""
    expected = {
        "en": "102 (up to 302 on request)",
        "ko": "102 (별도 문의 시 최대 302)",
        "zh": "102（另行咨询最多302）",
    }
    for lang, text in expected.items():
        table = build_table(sample, lang)
        row = next(r for r in table.rows if r.heading.id == "meeting_capacity")
        assert row.cells[0].text == text, lang


def test_text_and_list_facts(sample: Comparison) -> None:
    """Functions, sectors, the 5.0 release and the uncertain Feishu Docs app are as stated."""
    table = build_table(sample)
    shown = {
        (p.id, row.heading.id): cell.text
        for row in table.rows
        for p, cell in zip(sample.products, row.cells, strict=True)
    }
    shown |= {
        (group.product.id, item.feature.id): item.cell.text
        for group in table.highlights
        for item in group.items
    }
    assert shown["dingtalk", "functions"] == (
        "Messaging, Conference calls, Video meetings, File storage, "
        "Online documents (create and share)"
    )
    assert shown["welink", "sectors_served"] == "Government, Hospitals, Schools, Banks"
    assert "5.0" in shown["dingtalk", "latest_release"]
    assert "巴颜喀拉" in shown["dingtalk", "latest_release"]
    assert shown["feishu", "planned_apps"] == "Feishu Docs (飞书文档; not certain)"
    assert shown["welink", "meeting_capacity"] == "100 (partial)"


NOT_STATED = [
    ("welink", "users"),
    ("feishu", "users"),
    ("welink", "enterprise_customers"),
    ("feishu", "enterprise_customers"),
    ("dingtalk", "daily_active_users"),
    ("wechat_work", "daily_active_users"),
    ("feishu", "daily_active_users"),
    ("wechat_work", "free_offer"),
    ("welink", "downloads_growth"),
]


@pytest.mark.parametrize(("product", "feature"), NOT_STATED)
def test_what_the_article_does_not_say_is_not_stated(
    sample: Comparison, product: str, feature: str
) -> None:
    """Figures the article does not give are 'not stated', never 'no' or a guess."""
    assert sample.value(product, feature).status is Status.NOT_STATED


def test_names_in_three_languages(sample: Comparison) -> None:
    """Product names and vendors exist in English, Korean and Chinese."""
    names = {
        p.id: (p.name.text("en"), p.name.text("ko"), p.name.text("zh")) for p in sample.products
    }
    assert names == {
        "dingtalk": ("DingTalk", "딩톡", "钉钉"),
        "wechat_work": ("WeChat Work", "위챗워크", "企业微信"),
        "welink": ("WeLink", "위링크", "华为云WeLink"),
        "feishu": ("Feishu", "페이슈", "飞书"),
    }
    vendors = [p.vendor.text("zh") for p in sample.products if p.vendor]
    assert vendors == ["阿里巴巴", "腾讯", "华为", "字节跳动"]


def test_every_label_translated(sample: Comparison) -> None:
    """Every feature and group label has en, ko and zh text."""
    labels = [f.label for f in sample.features] + [g.label for g in sample.groups]
    assert all({"en", "ko", "zh"} <= set(label.languages()) for label in labels)


def test_feishu_size_limit_does_not_apply(sample: Comparison) -> None:
    """Feishu opened everything to all organisations, so a size limit is n/a, with a note."""
    value = sample.value("feishu", "free_tier_limit")
    assert value.status is Status.NOT_APPLICABLE
    assert value.note is not None


def test_matrix_rows_compare_products(sample: Comparison) -> None:
    """Every matrix row holds a value (or n/a) for at least two products, and at most 40 % of
    the matrix's cells are "not stated"; a single vendor's facts are highlights instead."""
    table = build_table(sample)
    stated = [sum(cell.kind is not CellKind.NOT_STATED for cell in row.cells) for row in table.rows]
    assert min(stated) >= 2
    cells = len(table.rows) * len(table.columns)
    assert (cells - sum(stated)) / cells <= 0.4
    for feature in sample.features:
        if feature.show is Show.HIGHLIGHTS:
            known = [p.id for p in sample.products if feature.id in p.values]
            assert len(known) == 1, feature.id


def test_highlights_keep_the_facts(sample: Comparison) -> None:
    """The highlights show each single-vendor fact with its qualifier, unit, measure word,
    date note and source, in every language."""
    expected = {
        "en": ("more than 1 million people", "3 months on average", "#1", "17 of 20"),
        "ko": ("100만 명 넘음", "평균 3개월", "1위", "20곳 중 17곳"),
        "zh": ("超过100万人", "平均3个月", "第1", "20家中的17家"),
    }
    for lang, texts in expected.items():
        table = build_table(sample, lang)
        shown = {(g.product.id, i.feature.id): i.cell for g in table.highlights for i in g.items}
        places = [
            ("welink", "daily_active_users"),
            ("wechat_work", "free_cloud_months"),
            ("dingtalk", "app_store_rank"),
            ("welink", "top_hospitals"),
        ]
        assert [shown[place].text for place in places] == list(texts), lang
        assert all(cell.sources == (1,) for cell in shown.values())
        dated = shown["wechat_work", "wechat_official_accounts"]
        assert "2017" in table.notes[dated.notes[0] - 1].text
    assert build_table(sample, "zh").highlights[2].items[4].cell.text == "39所中的37所"
