"""A spec's theme in the workbook: brand and accent fills, the logo on the Matrix sheet,
the footer line in every sheet's printed footer.

Colours come resolved from the layout (:class:`~comparekit.layout.theme.Look`: the text
colour on each fill already chosen to stay legible); this module only maps them onto
styles. Without a theme nothing here changes the workbook.

The styles themselves are recoloured by :func:`.styles.themed`.
"""

from __future__ import annotations

import io
from typing import Any

from comparekit.layout.table import Table

__all__ = ["LOGO_HEIGHT", "add_logo", "footer_line"]

LOGO_HEIGHT = 48
"""The logo's height on the Matrix sheet, in pixels (its width keeps its proportions)."""


def footer_line(ws: Any, text: str, font: str) -> None:
    """The theme's footer line (a confidentiality notice, escaped for a page margin) at the
    left of the printed footer."""
    ws.oddFooter.left.text = text
    ws.oddFooter.left.font = font
    ws.oddFooter.left.size = 8


def add_logo(ws: Any, table: Table, column: str) -> None:
    """The theme's PNG logo at the top of the sheet, in ``column`` (e.g. ``"E"``),
    :data:`LOGO_HEIGHT` pixels high. A spreadsheet shows no SVG: an SVG logo is in the
    PDF only."""
    look = table.look
    if look is None or look.logo is None or look.logo_kind != "png":
        return
    from openpyxl.drawing.image import Image

    image = Image(io.BytesIO(look.logo))
    if image.height:
        image.width = round(image.width * LOGO_HEIGHT / image.height)
    image.height = LOGO_HEIGHT
    image.anchor = f"{column}1"
    ws.add_image(image)
