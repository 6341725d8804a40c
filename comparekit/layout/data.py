"""The comparison as typed data: one :class:`~comparekit.layout.table.Record` per product × feature.

Only the spreadsheet's Data sheet shows them, so they are made when asked for, by
:func:`records`, from the :class:`~comparekit.layout.table.RecordInputs` the table keeps:
the text formats never pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from comparekit.layout.cells import figure
from comparekit.layout.table import Record, Resolved, Table
from comparekit.layout.words import Words
from comparekit.model import (
    NOT_STATED,
    Comparison,
    Feature,
    FeatureType,
    Label,
    Product,
    Status,
    Value,
)

__all__ = ["records"]

TypedData = str | bool | int | float | dt.date | None


def records(table: Table) -> tuple[Record, ...]:
    """One typed record per product × feature, products first, for the spreadsheet's Data sheet.

    A table made by hand, without :attr:`~comparekit.layout.table.Table.record_inputs`, has none.

    >>> from comparekit.model import Comparison, Feature, Product, Value
    >>> from comparekit.layout import build_table
    >>> table = build_table(Comparison(
    ...     title="Demo", features=[Feature(id="users", label="Users", type="count")],
    ...     products=[Product(id="a", name="A", values={"users": Value(2_000_000)})]))
    >>> [(r.product_id, r.feature_id, r.value, r.display) for r in records(table)]
    [('a', 'users', 2000000, '2 million')]
    """
    inputs = table.record_inputs
    if inputs is None:
        return ()
    make = _Records(inputs.comparison, inputs.features, table.words)
    out = []
    for index, product in enumerate(inputs.comparison.products):
        name = make.text(product.name)
        for feature in inputs.features:
            out.append(make.record(product, name, feature, inputs.resolved[feature.id][index]))
    return tuple(out)


class _Records:
    """Makes the records of one comparison in one language: the labels each record repeats
    (group, feature and unit) are worked out once."""

    def __init__(self, comparison: Comparison, features: Sequence[Feature], words: Words) -> None:
        self.comparison = comparison
        self.words = words
        self.groups = {g.id: self.text(g.label) for g in comparison.groups}
        self.labels = {f.id: (self.text(f.label), self.text(f.unit)) for f in features}

    def text(self, label: Label | None) -> str:
        """``label`` in the report's language, ``""`` for none."""
        return label.text(self.words.lang, self.comparison.language) if label is not None else ""

    def record(self, product: Product, name: str, feature: Feature, shown: Resolved) -> Record:
        """The record of ``product`` (called ``name``) × ``feature``, shown as ``shown``."""
        c = self.comparison
        value = product.values.get(feature.id, NOT_STATED)
        typed, whole = _typed(feature, value, self.words, c.language)
        label, unit = self.labels[feature.id]
        return Record(
            product_id=product.id,
            product=name,
            feature_id=feature.id,
            feature=label,
            group=self.groups.get(feature.group or "", ""),
            type=feature.type.value,
            unit=unit,
            status=value.status.value,
            qualifier=value.qualifier.value if value.qualifier else "",
            value=typed,
            whole=whole,
            max=value.max,  # type: ignore[arg-type]
            display=shown.text,
            note=shown.note,
            sources=", ".join(shown.cites),
            as_of=value.as_of or c.as_of,
            currency=(value.currency or feature.currency or "")
            if feature.type is FeatureType.MONEY
            else "",
            decimals=feature.decimals,
        )


def _typed(
    feature: Feature, value: Value, words: Words, default: str
) -> tuple[TypedData, int | None]:
    """The figure as a spreadsheet value, and a fraction's whole: numbers stay numbers."""
    data = value.value
    if value.status is not Status.KNOWN:
        return None, None
    if isinstance(data, tuple) and feature.type is FeatureType.FRACTION:
        part, whole = data
        return int(part), int(whole)  # type: ignore[arg-type]
    if feature.type in (FeatureType.TEXT, FeatureType.LIST):
        return figure(feature, data, words, default, None), None
    assert isinstance(data, str | bool | int | float | dt.date)
    return data, None
