"""Limits on what a spec may ask for, so hostile or mistaken files fail early and clearly.

>>> Limits().max_products
2000
>>> Limits(max_products=10).max_products
10
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


@attrs.frozen
class Limits:
    """Upper bounds checked while a spec is loaded; pass your own to :func:`comparekit.load`."""

    max_file_bytes: int = 32 * 1024 * 1024
    """A spec file's size."""
    max_products: int = 2000
    max_features: int = 2000
    max_sources: int = 1000
    max_groups: int = 500
    max_cells: int = 250_000
    """Products × features: the size of the matrix."""
    max_text: int = 10_000
    """Characters in any one string (a spreadsheet cell holds 32,767)."""
    max_id: int = 64
    """Characters in an id."""


DEFAULT_LIMITS = Limits()
