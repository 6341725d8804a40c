"""The layout's grid as the text formats show it, for tests that read a report back."""

from __future__ import annotations

from comparekit.layout import Table


def shown_grid(table: Table, group: str, detail: str = "\n") -> list[list[str]]:
    """Header row then body rows: a vendor under its product's name (joined by ``detail``),
    a group title written as ``group`` (``"== {} =="`` in txt, ``"**{}**"`` in Markdown)."""
    rows = [
        [table.corner]
        + [f"{c.display}{detail}{c.detail}" if c.detail else c.display for c in table.columns]
    ]
    for section in table.sections:
        if section.title:
            rows.append([group.format(section.title)] + [""] * len(table.columns))
        rows += [[row.heading.display, *(c.display for c in row.cells)] for row in section.rows]
    return rows
