"""The comparison as tidy data: one :class:`ValueRecord` per product × feature.

:attr:`Table.records <comparekit.layout.table.Table.records>` is the public, stable way
to a comparison's values as typed Python: one frozen record per value, in the table's
language, for code that computes with the figures (and :func:`comparekit.to_pandas`,
which makes a DataFrame of them). The records are made on first access from what the table
keeps (:class:`~comparekit.layout.table.RecordInputs`), so a txt or PDF report, which
never asks, never pays for them.

These are not the spreadsheet's Data sheet records (:func:`comparekit.layout.records`),
which store each value the way the workbook must read it back (a percent as a fraction, a
list as lines, a translated text one column per language).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

import attrs

from comparekit.model import NOT_STATED, Comparison, Feature, FeatureType, Label, Product, Status

if TYPE_CHECKING:
    from comparekit.layout.table import Cell, Resolved, Table

__all__ = ["Figure", "ValueRecord", "value_records"]

Figure: TypeAlias = "str | bool | int | float | dt.date | tuple[int, int] | tuple[str, ...]"
"""A figure as a :class:`ValueRecord` holds it: text, a boolean, a number, a date, a
fraction as ``(part, whole)``, or a list as a tuple of its items."""


@attrs.frozen
class ValueRecord:
    """One product's value of one feature, as typed data, in the table's language.

    Stable: a field may be added at the end, none renamed, retyped or removed without a
    major version (``tests/test_tidy.py`` pins the fields and their types). Every text is
    in the table's language (the spec's own text where a label has no translation); ids
    and the spec's words (``type``, ``status``, ``qualifier``) are as the spec writes them.

    >>> from comparekit import Comparison, Feature, Product, Value, build_table
    >>> table = build_table(Comparison(
    ...     title="Demo",
    ...     features=[Feature(id="users", label={"en": "Users", "ko": "사용자"}, type="count")],
    ...     products=[Product(id="a", name="A", values={"users": Value(200_000_000, qualifier="about")}),
    ...               Product(id="b", name="B")]), "ko")
    >>> [(r.product_id, r.feature, r.value, r.qualifier, r.status, r.text) for r in table.records]
    [('a', '사용자', 200000000, 'about', 'known', '약 2억'), ('b', '사용자', None, None, \
'not_stated', '언급 없음')]
    """

    product_id: str
    """The product's id."""
    product: str
    """The product's name."""
    feature_id: str
    """The feature's id."""
    feature: str
    """The feature's label (without its unit)."""
    group_id: str | None
    """The id of the feature's group; ``None`` for a feature in no group."""
    group: str | None
    """The group's label; ``None`` for a feature in no group."""
    type: str
    """The feature's type as the spec writes it: ``"count"``, ``"percent"``, ``"list"``, ..."""
    unit: str | None
    """The feature's unit (``"people"``), or ``None``."""
    status: str
    """``"known"``, ``"not_stated"`` (also for a value the spec leaves out) or
    ``"not_applicable"``."""
    value: Figure | None
    """The figure as the spec gives it, typed (see :data:`Figure`): a count an ``int``, a
    percent as written (``45`` is 45 %), a date a :class:`datetime.date`, a boolean a
    ``bool``, a fraction ``(part, whole)``, a list a tuple of its items, a text a ``str``.
    ``None`` unless ``status`` is ``"known"``."""
    qualifier: str | None
    """How the source qualifies the figure (``"about"``, ``"up_to"``, ...), or ``None``."""
    max: Figure | None
    """The higher figure of a range (``102`` to ``302``: ``max`` is ``302``), or ``None``."""
    number: int | float | None
    """The figure when it is one number (count, number, percent, change, multiplier,
    money), else ``None``: what to compute with."""
    condition: str | None
    """When the higher figure (or else the figure) holds (``"on request"``), or ``None``."""
    currency: str | None
    """The currency of a money figure: the value's own, else the feature's; or ``None``."""
    as_of: dt.date | None
    """The value's own as-of date; ``None``: as of the comparison's
    (:attr:`Table.as_of_date <comparekit.layout.table.Table.as_of_date>`)."""
    note: str | None
    """The value's note, or ``None``."""
    sources: tuple[str, ...]
    """The ids of the sources the value cites: its own, else its product's default, else its
    feature's; ``()`` for none."""
    text: str
    """The value as the report's cell shows it, without marks and markers: ``"about 200
    million"``, or the words for *not stated*."""
    best: bool
    """The report marks the value best in its row."""


def value_records(table: Table) -> tuple[ValueRecord, ...]:
    """The records of :attr:`Table.records <comparekit.layout.table.Table.records>`: one
    per product × feature, product by product, features in the matrix's order; none for a
    table made by hand, without :attr:`~comparekit.layout.table.Table.record_inputs`."""
    inputs = table.record_inputs
    if inputs is None:
        return ()
    comparison = inputs.comparison
    lang = table.words.lang
    cells = _cells(table)
    groups = {g.id: g.label for g in comparison.groups}
    out = []
    for index, product in enumerate(comparison.products):
        name = _text(product.name, lang, comparison)
        for feature in inputs.features:
            shown = inputs.resolved[feature.id][index]
            cell = cells.get((product.id, feature.id))
            out.append(
                _record(comparison, lang, product, name, feature, groups, shown, cell),
            )
    return tuple(out)


def _record(
    comparison: Comparison,
    lang: str,
    product: Product,
    name: str,
    feature: Feature,
    groups: dict[str, Label],
    shown: Resolved,
    cell: Cell | None,
) -> ValueRecord:
    """The record of ``product`` (called ``name``) × ``feature``, shown as ``shown``."""
    value = product.values.get(feature.id, NOT_STATED)
    known = value.status is Status.KNOWN
    figure = _figure(feature.type, value.value, lang, comparison) if known else None
    group = groups.get(feature.group) if feature.group is not None else None
    return ValueRecord(
        product_id=product.id,
        product=name,
        feature_id=feature.id,
        feature=_text(feature.label, lang, comparison),
        group_id=feature.group if group is not None else None,
        group=_text(group, lang, comparison) if group is not None else None,
        type=feature.type.value,
        unit=_optional(feature.unit, lang, comparison),
        status=value.status.value,
        value=figure,
        qualifier=value.qualifier.value if value.qualifier is not None else None,
        max=_figure(feature.type, value.max, lang, comparison) if known else None,
        number=figure
        if feature.type.numeric and isinstance(figure, int | float) and not isinstance(figure, bool)
        else None,
        condition=_optional(value.condition, lang, comparison),
        currency=value.currency or feature.currency,
        as_of=value.as_of,
        note=_optional(value.note, lang, comparison),
        sources=shown.cites,
        text=shown.text,
        best=cell.best if cell is not None else False,
    )


def _cells(table: Table) -> dict[tuple[str, str], Cell]:
    """The matrix's cells by (product id, feature id), whichever way the table is turned."""
    ids = [column.id for column in table.columns]
    found: dict[tuple[str, str], Cell] = {}
    for row in table.rows:
        for column, cell in zip(ids, row.cells, strict=False):
            key = (row.heading.id, column) if table.transposed else (column, row.heading.id)
            found[key] = cell
    return found


def _text(label: Label, lang: str, comparison: Comparison) -> str:
    """``label`` in ``lang`` (else the comparison's language, else any)."""
    return label.text(lang, comparison.language)


def _optional(label: Label | None, lang: str, comparison: Comparison) -> str | None:
    """``label`` in ``lang``, or ``None`` for none."""
    return None if label is None else _text(label, lang, comparison)


def _figure(kind: FeatureType, data: object, lang: str, comparison: Comparison) -> Figure | None:
    """The model's figure as a record holds it: a translated text in ``lang``, a list's
    items each in ``lang``, a fraction ``(part, whole)``; the rest as it is."""
    if isinstance(data, Label):
        return _text(data, lang, comparison)
    if isinstance(data, tuple) and kind is FeatureType.LIST:
        return tuple(i if isinstance(i, str) else _text(i, lang, comparison) for i in data)
    if isinstance(data, tuple):
        part, whole = data
        return (int(part), int(whole))
    assert data is None or isinstance(data, str | bool | int | float | dt.date)
    return data
