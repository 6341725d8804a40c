"""Column widths and row heights, estimated from the text a column or row shows.

Widths are in Excel's column-width units (a digit of the default 11-point font). East
Asian wide characters count double, so a column of Chinese names is as wide as it shows.

>>> measure = Measure.for_font("Calibri")
>>> measure.fit(["DingTalk", "钉钉"])
12.0
>>> measure.lines("Video meetings for up to 302 people", 12), height(2)
(4, 32.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import attrs

from comparekit.renderers.widths import display_width
from comparekit.renderers.xlsx.styles import LATIN_FONT

__all__ = ["DATA_MAX_WIDTH", "MAX_WIDTH", "MIN_WIDTH", "TEXT_WIDTH", "Measure", "height"]

MAX_WIDTH = 45.0
MIN_WIDTH = 12.0
TEXT_WIDTH = 120.0
"""Notes, sources and summary lines are merged across the matrix up to about this width."""
DATA_MAX_WIDTH = 50.0
_WRAP_SLACK = 1.15
"""Wrapped text needs more room than its width: lines break between words."""
_FONT_SCALE = {LATIN_FONT: 0.82}
"""Width of a character cell of 10-point text in the report font, in column-width units
(a digit of the default 11-point font); CJK faces, which set Latin text wider, use 0.9."""
_LINE_HEIGHT = 1.45
"""Line height per point of font size (CJK faces are tall)."""


@attrs.frozen
class Measure:
    """Estimates how wide text shows in the report font, for column widths and row heights."""

    scale: float = 1.0

    @classmethod
    def for_font(cls, font: str) -> Measure:
        """The measure of text in ``font``."""
        return cls(_FONT_SCALE.get(font, 0.9))

    def units(self, line: str, size: float = 10) -> float:
        """Width of one line in column-width units."""
        return display_width(line) * self.scale * size / 10

    def fit(self, texts: Iterable[str], low: float = MIN_WIDTH, high: float = MAX_WIDTH) -> float:
        """A column width that fits ``texts`` (plus padding), between ``low`` and ``high``."""
        lines = (line for text in texts for line in text.split("\n"))
        widest = max((self.units(line) for line in lines), default=0.0)
        return float(min(high, max(low, math.ceil(widest) + 2)))

    def lines(self, text: str, width: float, size: float = 10) -> int:
        """How many lines ``text`` takes when wrapped in a column ``width`` units wide."""
        room = max(width - 2, 1.0)
        return sum(self.wrapped(self.units(line, size), room) for line in text.split("\n"))

    @staticmethod
    def wrapped(units: float, room: float) -> int:
        """Lines of a paragraph ``units`` wide in ``room``: one if it fits, else with slack."""
        return 1 if units <= room else math.ceil(units * _WRAP_SLACK / room)


def height(lines: int, size: float = 10) -> float:
    """Row height in points for ``lines`` lines at ``size`` points."""
    return round(lines * size * _LINE_HEIGHT + 3, 1)
