"""Highlights by product: the facts of features shown under each product, not in the matrix.

A feature with ``show = "highlights"`` (a fact one vendor gives, say) leaves the matrix,
where it would be a row of "not stated" but for one cell; each product that has a value
for it lists it instead, as ``label: value`` with the value's qualifier, condition, unit,
note and source markers, in the report's language. The values stay in the comparison as
they are (the workbook's Data sheet lists them like any other).
"""

from __future__ import annotations

import attrs

from comparekit.layout.table import Cell, Heading

__all__ = ["Highlight", "ProductHighlights"]


@attrs.frozen
class Highlight:
    """One fact of a product: a feature's label and its value as a cell.

    ``display`` is the whole line as every renderer shows it: ``label: value [S1]``, with
    the label's note markers after the label.
    """

    feature: Heading
    """The feature: ``text`` its label, ``refs`` the markers of its description's note."""
    cell: Cell
    """The value, with its unit in the cell, and the markers of its notes and sources."""
    label: str
    """The label with its markers: ``Free cloud credit [30]``."""
    display: str


@attrs.frozen
class ProductHighlights:
    """A product's highlights, in the order of the features."""

    product: Heading
    title: str
    """The product's name and vendor as a heading: ``DingTalk · Alibaba``."""
    items: tuple[Highlight, ...]
