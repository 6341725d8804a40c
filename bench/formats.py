"""The formats the benchmark renders, and the library each one's bare contender drives.

Kept apart from :mod:`bench.contenders` (which imports comparekit's renderers, WeasyPrint
among them) so that the report and the chart can name the libraries without loading them.
"""

from __future__ import annotations

__all__ = ["LIBRARIES"]

LIBRARIES = {"txt": "tabulate", "md": "tabulate", "xlsx": "openpyxl", "pdf": "weasyprint"}
"""The library the bare contender uses for each format."""
