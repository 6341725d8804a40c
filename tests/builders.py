"""Comparisons built in Python, shared by the model and rules tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from comparekit import Comparison, Feature, Group, Product, Source

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
