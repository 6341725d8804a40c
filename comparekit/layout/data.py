"""The comparison as typed data: one :class:`~comparekit.layout.table.Record` per product × feature.

Only the spreadsheet's Data sheet shows them, so they are made when asked for, by
:func:`records`, from the :class:`~comparekit.layout.table.RecordInputs` the table keeps:
the text formats never pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from comparekit.layout.cells import figure
from comparekit.layout.stored import exact_text, fraction, label_cells, list_text
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

    A record holds the value as the spec gives it, so that the workbook reads back exactly:
    its own ``as_of``, ``currency`` and ``note`` (not the comparison's or the feature's), an
    empty ``status`` for a feature the product leaves out, a percent or change as a
    fraction, a list one item per line (see :mod:`comparekit.layout.stored`); ``display`` and
    the ``text`` column show it as the report does.

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


_PERCENTS = (FeatureType.PERCENT, FeatureType.CHANGE)


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
        given = product.values.get(feature.id)
        value = given or NOT_STATED
        typed, whole = _typed(feature, value)
        label, unit = self.labels[feature.id]
        top = value.max
        if feature.type in _PERCENTS and isinstance(top, int | float):
            top = fraction(top)
        known = value.status is Status.KNOWN
        return Record(
            product_id=product.id,
            product=name,
            feature_id=feature.id,
            feature=label,
            group=self.groups.get(feature.group or "", ""),
            type=feature.type.value,
            unit=unit,
            status=value.status.value if given is not None else "",
            qualifier=value.qualifier.value if value.qualifier else "",
            value=typed,
            whole=whole,
            max=top,  # type: ignore[arg-type]
            display=shown.text,
            note=_plain(value.note),
            sources=", ".join(value.source),
            as_of=value.as_of,
            currency=value.currency or "",
            decimals=feature.decimals,
            translations=(
                *_translated("value", value.value),
                *_translated("note", value.note),
                *_condition(value.condition),
            ),
            number=typed
            if isinstance(typed, int | float) and not isinstance(typed, bool)
            else None,
            date=typed if isinstance(typed, dt.date) else None,
            text=figure(feature, value.value, self.words, c.language, None)
            if feature.type in (FeatureType.TEXT, FeatureType.LIST) and known
            else "",
            exact=exact_text([value.value, value.max])
            if feature.type in _PERCENTS and known
            else "",
        )


def _plain(label: Label | None) -> str:
    """A label's plain string (in the comparison's language), or empty."""
    return dict(label.translations).get("", "") if label is not None else ""


def _translated(name: str, label: object) -> tuple[tuple[str, str], ...]:
    """A label's translations as (column, text): ``("note:ko", "…")``; none for a plain one."""
    if not isinstance(label, Label):
        return ()
    return tuple((key, text) for key, text in label_cells(name, label).items() if key != name)


def _condition(label: Label | None) -> tuple[tuple[str, str], ...]:
    """A condition's columns, only for a value that has one: ``condition`` (its plain text)
    and ``condition:xx`` per translation, so workbooks without conditions keep their columns."""
    if label is None:
        return ()
    return tuple(label_cells("condition", label).items())


def _typed(feature: Feature, value: Value) -> tuple[TypedData, int | None]:
    """The figure as a spreadsheet stores it, and a fraction's whole: numbers stay numbers,
    a percent is a fraction, a list its lines, a translated text its plain string (its
    translations go into their own columns)."""
    data = value.value
    if value.status is not Status.KNOWN:
        return None, None
    if isinstance(data, tuple) and feature.type is FeatureType.FRACTION:
        part, whole = data
        return int(part), int(whole)  # type: ignore[arg-type]
    if feature.type is FeatureType.LIST:
        return list_text(data), None  # type: ignore[arg-type]
    if isinstance(data, Label):
        return dict(data.translations).get(""), None
    if feature.type in _PERCENTS and isinstance(data, int | float):
        return fraction(data), None
    assert isinstance(data, str | bool | int | float | dt.date)
    return data, None
