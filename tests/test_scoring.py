"""Scoring: totals, ranks, contributions and coverage against hand-worked numbers; every
not-stated policy; ties; sensitivity for a fragile and a robust ranking; scale invariance."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparekit import (
    Comparison,
    Feature,
    Finding,
    Group,
    ModelError,
    Product,
    Scoring,
    Value,
    dump,
    loads,
    score,
)
from comparekit.model.scoring import DRAWS


def _three(missing: str = "exclude", **scoring: Any) -> Comparison:
    """Three products on a price (lower better), a user count (higher) and a free plan."""
    return Comparison(
        title="T",
        groups=[Group(id="cost", label="Cost")],
        features=[
            Feature(id="price", label="Price", type="money", better="lower", group="cost"),
            Feature(id="users", label="Users", type="count", better="higher"),
            Feature(id="free", label="Free plan", type="boolean", group="cost"),
        ],
        products=[
            Product(id="a", name="A", values={"price": 10, "users": 100, "free": True}),
            Product(id="b", name="B", values={"price": 20, "users": 300}),
            Product(id="c", name="C", values={"price": 30, "users": 200, "free": False}),
        ],
        scoring={"weights": {"cost": 2, "users": 1}, "missing": missing, **scoring},
    )


def test_hand_computed_totals_contributions_and_coverage() -> None:
    """The arithmetic of a small example, worked by hand, with not-stated values left out."""
    # Weights: group cost = 2, shared by price and free (1 each); users = 1. Total weight 3.
    # price, lower better, min-max over 10..30: a 1, b 1/2, c 0.
    # users, higher better, over 100..300: a 0, b 1, c 1/2.
    # free: a Yes 1, b not stated, c No 0.
    # a: (1*1 + 1*0 + 1*1) / 3 = 2/3; coverage 3/3.
    # b: free left out: (1*1/2 + 1*1) / 2 = 3/4; coverage 2/3.
    # c: (1*0 + 1*1/2 + 1*0) / 3 = 1/6; coverage 1.
    scores = score(_three())
    a, b, c = scores.products
    assert (a.total, b.total, c.total) == (2 / 3, 3 / 4, 1 / 6)
    assert (a.rank, b.rank, c.rank) == (2, 1, 3)
    assert (a.coverage, b.coverage, c.coverage) == (1.0, 2 / 3, 1.0)
    assert dict(a.contributions) == {"price": 1 / 3, "free": 1 / 3, "users": 0.0}
    assert dict(b.contributions) == {"price": 1 / 4, "free": None, "users": 1 / 2}
    assert scores.leader == "b"


@pytest.mark.parametrize(
    ("missing", "b_total"),
    [
        ("exclude", 3 / 4),  # (1/2 + 1) / 2, as above
        ("worst", 1 / 2),  # (1/2 + 0 + 1) / 3
        ("neutral", 2 / 3),  # (1/2 + 1/2 + 1) / 3
    ],
)
def test_every_not_stated_policy(missing: str, b_total: float) -> None:
    """B's unstated free plan is left out, scores 0 or scores 1/2; coverage is 2/3 in each."""
    b = score(_three(missing)).of("b")
    assert b.total == pytest.approx(b_total, abs=0, rel=1e-15)
    assert b.coverage == 2 / 3


def test_ties_share_a_rank() -> None:
    """Equal totals share a rank and the next rank is skipped (1, 1, 3); no single leader."""
    c = Comparison(
        title="T",
        features=[Feature(id="n", label="N", type="count", better="higher")],
        products=[
            Product(id="a", name="A", values={"n": 5}),
            Product(id="b", name="B", values={"n": 5}),
            Product(id="c", name="C", values={"n": 1}),
        ],
        scoring={"weights": {"n": 1}},
    )
    scores = score(c)
    assert [p.rank for p in scores.products] == [1, 1, 3]
    assert scores.leader is None
    assert scores.tipping is None
    assert dict(scores.first) == {"a": 1.0, "b": 1.0, "c": 0.0}


def test_qualifiers_count_by_the_documented_rule() -> None:
    """planned scores 0; partial its fraction; about is read a tenth lower where higher is better."""
    c = Comparison(
        title="T",
        features=[Feature(id="n", label="N", type="count", better="higher")],
        products=[
            Product(id="a", name="A", values={"n": Value(100, qualifier="about")}),
            Product(id="b", name="B", values={"n": 50}),
            Product(id="c", name="C", values={"n": Value(200, qualifier="planned")}),
            Product(id="d", name="D", values={"n": Value(100, qualifier="partial", note="x")}),
        ],
        scoring={"weights": {"n": 1}, "partial": 0.25},
    )
    # Points: a 90 (100 less a tenth), b 50, d 100; c planned is out of the range, scores 0.
    # Range 50..100: a 40/50 = 0.8, b 0, d 1 * 0.25 (partial) = 0.25.
    totals = [p.total for p in score(c).products]
    assert totals == [0.8, 0.0, 0.0, 0.25]


def test_thresholds_and_required_items() -> None:
    """A threshold scale scores the share of thresholds met; required items the share held."""
    c = Comparison(
        title="T",
        features=[
            Feature(id="n", label="N", type="count", better="higher"),
            Feature(id="l", label="L", type="list"),
        ],
        products=[
            Product(id="a", name="A", values={"n": 15, "l": ["sso", "api"]}),
            Product(id="b", name="B", values={"n": 5, "l": ["api"]}),
        ],
        scoring={
            "weights": {"n": 1, "l": 1},
            "scales": {"n": {"thresholds": [10, 20]}, "l": {"required": ["sso", "api", "x"]}},
        },
    )
    # a: n meets 10 of (10, 20) -> 1/2; l holds 2 of 3 -> 2/3; total (1/2 + 2/3) / 2 = 7/12.
    # b: n meets none -> 0; l holds 1 of 3 -> 1/3; total 1/6.
    a, b = score(c).products
    assert a.total == float(Fraction(7, 12))
    assert b.total == float(Fraction(1, 6))


def _race(speed: int, price: int) -> Comparison:
    """a leads on speed, b on price; c trails on both."""
    return Comparison(
        title="T",
        features=[
            Feature(id="speed", label="Speed", type="number", better="higher"),
            Feature(id="price", label="Price", type="money", better="lower"),
        ],
        products=[
            Product(id="a", name="A", values={"speed": 10, "price": 10}),
            Product(id="b", name="B", values={"speed": 0, "price": 5}),
            Product(id="c", name="C", values={"speed": 0, "price": 10}),
        ],
        scoring={"weights": {"speed": speed, "price": price}, "vary": 20, "seed": 7},
    )


def test_fragile_ranking() -> None:
    """Near weights: a 4.8 % cut of one weight hands the lead over, and two products lead often."""
    # Speed: a 1, b 0, c 0 (over 0..10). Price, lower better over 5..10: a 0, b 1, c 0.
    # a = 21/41, b = 20/41, c = 0. a leads until speed's weight falls to 20 (a change of
    # -1/21, -4.76 %) or price's rises to 21 (+1/20, +5 %): the smaller is speed's.
    fragile = score(_race(21, 20))
    assert fragile.leader == "a"
    assert fragile.tipping is not None
    assert fragile.tipping.weight == "speed"
    assert fragile.tipping.leader == "b"
    assert fragile.tipping.change == pytest.approx(-1 / 21, rel=1e-9)
    shares = dict(fragile.first)
    assert 0.2 < shares["a"] < 0.8
    assert 0.2 < shares["b"] < 0.8
    assert shares["a"] + shares["b"] == 1.0
    assert shares["c"] == 0.0


def test_robust_ranking() -> None:
    """A leader far ahead: only a big change to one weight unseats it, and it always leads."""
    # a = 40/50, b = 10/50: a leads until speed's weight falls from 40 to 10 (-75 %) or
    # price's rises from 10 to 40 (+300 %).
    robust = score(_race(40, 10))
    assert robust.leader == "a"
    assert robust.tipping is not None
    assert robust.tipping.weight == "speed"
    assert robust.tipping.change == pytest.approx(-0.75)
    assert dict(robust.first) == {"a": 1.0, "b": 0.0, "c": 0.0}


def test_sensitivity_is_the_same_for_a_seed() -> None:
    """Two runs with one seed give equal results, each share a fraction of the draws."""
    c = _race(21, 20)
    assert score(c) == score(c)
    assert all(0 <= share <= 1 for _, share in score(c).first)
    assert DRAWS == 1000


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=3, max_size=3).filter(any),
    st.integers(1, 10**6),
    st.sampled_from(["exclude", "worst", "neutral"]),
)
def test_scaling_all_weights_changes_no_rank_or_total(
    weights: list[int], factor: int, missing: str
) -> None:
    """Multiplying every weight by one positive constant changes no total and no rank."""
    c = Comparison(
        title="T",
        features=[
            Feature(id="p", label="P", type="money", better="lower"),
            Feature(id="u", label="U", type="count", better="higher"),
            Feature(id="f", label="F", type="boolean"),
        ],
        products=[
            Product(id="a", name="A", values={"p": 10, "u": 100, "f": True}),
            Product(id="b", name="B", values={"p": 20, "u": 300}),
            Product(id="c", name="C", values={"p": 30, "f": False}),
        ],
        scoring={"weights": dict(zip("puf", weights, strict=True)), "missing": missing},
    )
    scaled = Comparison(
        **{
            **{f: getattr(c, f) for f in ("title", "features", "products")},
            "scoring": {
                "weights": {k: w * factor for k, w in zip("puf", weights, strict=True)},
                "missing": missing,
            },
        }
    )
    before, after = score(c), score(scaled)
    assert [(p.total, p.rank) for p in before.products] == [
        (p.total, p.rank) for p in after.products
    ]


def test_a_spec_without_scoring_cannot_be_scored() -> None:
    """score() says so of a comparison without [scoring]."""
    with pytest.raises(ModelError, match="no \\[scoring\\]"):
        score(Comparison(title="T"))


@pytest.mark.parametrize(
    ("scoring", "message"),
    [
        ({"weights": {"price": 0}}, "at least one weight must be above 0"),
        ({"weights": {"price": -1}}, "expected a weight ≥ 0"),
        ({"weights": {"prise": 1}}, "unknown feature or group 'prise' (did you mean 'price'?)"),
        ({"weights": {"cost": 1, "price": 1}}, "weighted twice"),
        ({"weights": {"price": 1}, "partial": 1.5}, "expected a fraction from 0 to 1"),
        ({"weights": {"price": 1}, "vary": 0}, "expected a percentage above 0"),
        ({"weights": {"price": 1}, "scales": {"price": {"thresholds": [5, 1]}}}, "ascending"),
        ({"weights": {"price": 1}, "scales": {"users": {"thresholds": [1]}}}, "has no weight"),
        ({"weights": {"price": 1}, "scales": {"price": {"required": ["x"]}}}, '"list"'),
    ],
)
def test_model_rules_refuse_bad_scoring(scoring: dict[str, Any], message: str) -> None:
    """Each scoring mistake is refused by the model's rules, with its message."""
    base = _three()
    with pytest.raises(ModelError) as error:
        Comparison(
            title="T", groups=base.groups, features=base.features, products=base.products,
            scoring=Scoring(**scoring),
        )  # fmt: skip
    assert any(message in p.message for p in error.value.problems), error.value.problems


def test_dump_round_trips_scoring_and_findings() -> None:
    """dump writes scoring and findings back in TOML and in JSON, and they load equal."""
    base = _three(scales={"users": {"thresholds": [150, 250]}})
    c = Comparison(
        title="T", groups=base.groups, features=base.features, products=base.products,
        scoring=base.scoring, findings=[Finding(text={"en": "B leads", "ko": "B"}, cells=[("b", "users")])],
    )  # fmt: skip
    assert loads(dump(c)) == c
    assert loads(dump(c, format="json")) == c
    assert "[scoring.scales.users]" in dump(c)
