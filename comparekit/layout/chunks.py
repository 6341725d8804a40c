"""Runs of columns, for outputs too narrow to show every column side by side."""

from __future__ import annotations

import attrs

from comparekit.layout.table import Table

__all__ = ["Chunk", "chunks"]


@attrs.frozen
class Chunk:
    """The value columns ``start`` to ``stop`` (exclusive), drawn side by side."""

    start: int
    stop: int
    caption: str
    """Which columns these are ("Products 6–10 of 14"); empty when one chunk holds all."""


def chunks(table: Table, per_run: int) -> list[Chunk]:
    """Split the table's columns into as few runs of at most ``per_run`` as can be, evenly.

    A format that cannot show every column side by side (a page, a terminal) shows the runs
    one after another, each with its caption and the row headings again.

    >>> from comparekit.layout import build_table
    >>> from comparekit.model import Comparison, Feature, Product
    >>> table = build_table(Comparison(
    ...     title="Fourteen", features=[Feature(id="f", label="F", type="text")],
    ...     products=[Product(id=f"p{i}", name=f"P{i}") for i in range(14)]))
    >>> [(c.start, c.stop, c.caption) for c in chunks(table, 6)]  # doctest: +NORMALIZE_WHITESPACE
    [(0, 5, 'Products 1–5 of 14'), (5, 10, 'Products 6–10 of 14'),
     (10, 14, 'Products 11–14 of 14')]
    >>> [(c.start, c.stop, c.caption) for c in chunks(table, 20)]
    [(0, 14, '')]
    """
    count = len(table.columns)
    runs = max(1, -(-count // max(per_run, 1)))
    base, extra = divmod(count, runs)
    words = table.words.columns_features if table.transposed else table.words.columns_products
    out = []
    start = 0
    for run in range(runs):
        stop = start + base + (run < extra)
        caption = words.format(first=start + 1, last=stop, count=count) if runs > 1 else ""
        out.append(Chunk(start, stop, caption))
        start = stop
    return out
