"""The typed records of the Data sheet (``layout/data.py``)."""

from __future__ import annotations

import attrs

from comparekit import Comparison, build_table
from comparekit.layout import records


def test_records_are_typed(sample: Comparison) -> None:
    """Data records keep numbers, booleans and dates typed, fractions split; a value the spec
    leaves out has no status (so that it reads back left out)."""
    found = {(r.product_id, r.feature_id): r for r in records(build_table(sample))}
    assert found["dingtalk", "users"].value == 200_000_000
    assert found["dingtalk", "users"].qualifier == "about"
    assert found["welink", "top_hospitals"].value == 17
    assert found["welink", "top_hospitals"].whole == 20
    assert found["feishu", "free_offer"].value is True
    assert found["welink", "users"].status == ""  # left out of the spec: no status given
    assert found["welink", "users"].value is None
    assert len(found) == len(sample.products) * len(sample.features)


def test_hand_made_table_has_no_records(sample: Comparison) -> None:
    """records() works from the inputs the builder keeps; a table without them has none."""
    table = build_table(sample)
    assert len(records(table)) == len(sample.products) * len(sample.features)
    assert records(attrs.evolve(table, record_inputs=None)) == ()
