"""How a comparison or a table shows itself in a notebook, registered from above.

The model and the layout sit below the renderers and may not import them (imports go only
downwards, ``tests/test_imports.py``). So ``Comparison._repr_html_`` and the others call
:func:`shown`, and :mod:`comparekit.notebook`, imported by ``import comparekit``, registers
the functions that make the HTML and the Markdown (importing the renderers only when called).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["SHOWN", "shown"]

SHOWN: dict[str, Callable[[object], str]] = {}
"""The function that shows a comparison or a table in a notebook, by what it makes:
``"html"`` or ``"markdown"``."""


def shown(kind: str, thing: object) -> str:
    """``thing`` as ``kind`` (``"html"`` or ``"markdown"``) for a notebook.

    >>> import comparekit
    >>> shown("markdown", comparekit.Comparison(title="Chat")).splitlines()[0]
    '# Chat'
    """
    return SHOWN[kind](thing)
