"""Limits on what a spec may ask for, so hostile or mistaken files fail early and clearly.

>>> Limits().max_products
2000
>>> Limits(max_products=10).max_products
10
"""

from __future__ import annotations

import attrs

from comparekit.model.fields import a_count, refuse_wrong_types, takes

__all__ = ["DEFAULT_LIMITS", "Limits"]

_COUNT = takes(a_count)


@attrs.frozen
class Limits:
    """Upper bounds checked while a spec is loaded; pass your own to :func:`comparekit.load`.

    Each is an integer ≥ 0; anything else raises :class:`~comparekit.ModelError`.
    """

    max_file_bytes: int = attrs.field(default=32 * 1024 * 1024, metadata=_COUNT)
    """A spec file's size."""
    max_products: int = attrs.field(default=2000, metadata=_COUNT)
    max_features: int = attrs.field(default=2000, metadata=_COUNT)
    max_sources: int = attrs.field(default=1000, metadata=_COUNT)
    max_groups: int = attrs.field(default=500, metadata=_COUNT)
    max_cells: int = attrs.field(default=250_000, metadata=_COUNT)
    """Products × features: the size of the matrix."""
    max_text: int = attrs.field(default=10_000, metadata=_COUNT)
    """Characters in any one string (a spreadsheet cell holds 32,767)."""
    max_id: int = attrs.field(default=64, metadata=_COUNT)
    """Characters in an id."""

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


DEFAULT_LIMITS = Limits()
