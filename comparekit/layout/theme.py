"""A comparison's theme, resolved for the renderers: colours that stay legible, the logo,
the footer line in the report's language.

The layout decides what text colour stands on a colour fill (black or white, whichever
contrasts more, by WCAG 2's contrast ratio) and what colour brand text on white paper
takes (the brand colour itself when it contrasts at least 4.5:1 with white, else the
brand colour darkened until it does), so a light brand colour never makes a header
illegible. A renderer only maps these onto its medium.

>>> contrast("#FFFFFF", "#000000"), round(contrast("#17324D", "#FFFFFF"), 1)
(21.0, 13.1)
>>> text_on("#FFD700"), text_on("#17324D"), ink_on_white("#FFD700")
('#000000', '#FFFFFF', '#7F6B00')
"""

from __future__ import annotations

import attrs

from comparekit.model import Label
from comparekit.model.presentation import Theme

__all__ = ["MIN_CONTRAST", "Look", "contrast", "ink_on_white", "look", "text_on"]

MIN_CONTRAST = 4.5
"""WCAG 2's least contrast ratio for body text (level AA)."""
_WHITE = "#FFFFFF"
_BLACK = "#000000"


def _luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: str) -> str:
    """The text colour for a ``fill``: white or black, whichever contrasts more."""
    return _WHITE if contrast(fill, _WHITE) >= contrast(fill, _BLACK) else _BLACK


def ink_on_white(colour: str) -> str:
    """``colour`` as text on white paper: itself if it contrasts at least
    :data:`MIN_CONTRAST` with white, else darkened in steps of 5 % until it does."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    shown = colour.upper()
    scale = 1.0
    while contrast(shown, _WHITE) < MIN_CONTRAST:
        scale -= 0.05
        shown = "#" + "".join(f"{round(c * scale):02X}" for c in (red, green, blue))
    return shown


@attrs.frozen
class Look:
    """The theme as the renderers take it; None where the spec leaves a colour to the
    renderer's own."""

    brand: str | None = None
    """The brand colour (``#RRGGBB``), filling the header cells."""
    brand_text: str | None = None
    """The text colour on :attr:`brand`."""
    brand_ink: str | None = None
    """The brand colour as text on white (title, headings): legible by construction."""
    accent: str | None = None
    """The accent colour, filling group rows and drawing the cover's rules."""
    accent_text: str | None = None
    """The text colour on :attr:`accent`."""
    logo: bytes | None = attrs.field(default=None, repr=False)
    """The logo file's bytes, checked when the spec was read."""
    logo_kind: str = ""
    """``"png"`` or ``"svg"``."""
    footer: str = ""
    """The footer line (a confidentiality notice), in the report's language."""


def look(theme: Theme | None, lang: str, default: str) -> Look | None:
    """``theme`` resolved for a report in ``lang`` (``default``: the comparison's language);
    None without a theme, so that a report without one is as it always was."""
    if theme is None:
        return None
    brand, accent = theme.brand, theme.accent
    footer: Label | None = theme.footer
    return Look(
        brand=brand.upper() if brand else None,
        brand_text=text_on(brand) if brand else None,
        brand_ink=ink_on_white(brand) if brand else None,
        accent=accent.upper() if accent else None,
        accent_text=text_on(accent) if accent else None,
        logo=theme.logo.data if theme.logo and theme.logo.data else None,
        logo_kind=theme.logo.kind if theme.logo and theme.logo.data else "",
        footer=footer.text(lang, default) if footer else "",
    )
