"""Comparisons built in Python, shared by the model, rules and layout tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from comparekit import Comparison, Feature, Group, Product, Source, Value, build_table

ALL_TYPES = {
    "text": "Hello",
    "boolean": False,
    "count": 2_500_000,
    "number": -3.5,
    "percent": 80,
    "change": 350,
    "multiplier": 10,
    "money": 500_000,
    "date": dt.date(2020, 2, 24),
    "fraction": (17, 20),
    "list": ("a", "b"),
}


def build(values: dict[str, Any] | None = None, **overrides: Any) -> Comparison:
    """A comparison with one feature of each type (id = type name) and one product ``a``."""
    fields: dict[str, Any] = {
        "title": "T",
        "sources": [Source(id="src", title="S")],
        "groups": [Group(id="scale", label="Scale")],
        "features": [Feature(id=kind, label=kind.title(), type=kind) for kind in ALL_TYPES],
        "products": [Product(id="a", name="A", values=values or {})],
    }
    fields.update(overrides)
    return Comparison(**fields)


def one(feature: Feature, *values: Value, **extra: object) -> Comparison:
    """A comparison of one feature over one product per value."""
    products = [
        Product(id=f"p{i}", name=f"P{i}", values={feature.id: v}) for i, v in enumerate(values)
    ]
    return Comparison(title="T", features=[feature], products=products, **extra)  # type: ignore[arg-type]


def cells(comparison: Comparison, lang: str = "en") -> list[str]:
    """The display texts of the first row."""
    return [c.display for c in build_table(comparison, lang).rows[0].cells]
