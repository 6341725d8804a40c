"""Comparisons and tables in a notebook: ``_repr_html_`` and ``_repr_markdown_``.

Jupyter (and VS Code, Colab, nbviewer, GitHub) shows the last value of a cell through
these methods: a :class:`~comparekit.model.Comparison` or a
:class:`~comparekit.layout.Table` shows as a compact HTML report (the same template as the
``html`` format, without its script: see :func:`comparekit.renderers.html.notebook_html`),
or as the Markdown report where HTML is not shown. A comparison shows in its own language.
The renderers are imported on first use, so ``import comparekit`` stays light.
"""

from __future__ import annotations

from comparekit import _shown
from comparekit.layout import Table, build_table
from comparekit.model import Comparison

__all__ = ["html", "markdown"]


def _table(thing: object) -> Table:
    if isinstance(thing, Comparison):
        return build_table(thing)
    if isinstance(thing, Table):
        return thing
    raise TypeError(f"a notebook shows a Comparison or a Table, not {type(thing).__name__}")


def html(thing: object) -> str:
    """``thing`` as compact HTML: one ``<div>`` with a scoped style, no script.

    >>> page = html(Comparison(title="<Chat>"))
    >>> page.startswith('<div class="comparekit" lang="en">'), "&lt;Chat&gt;" in page
    (True, True)
    """
    from comparekit.renderers.html import notebook_html

    return notebook_html(_table(thing))


def markdown(thing: object) -> str:
    """``thing`` as the Markdown report (what ``render(..., "md")`` gives).

    >>> markdown(Comparison(title="Chat")).splitlines()[0]
    '# Chat'
    """
    from comparekit.renderers import RenderOptions
    from comparekit.renderers.text import render_md

    return render_md(_table(thing), RenderOptions()).decode("utf-8")


_shown.SHOWN.update(html=html, markdown=markdown)
