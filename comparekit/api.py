"""The public functions: render a comparison to bytes, or write it to a file.

>>> from comparekit import load, render
>>> text = render(load("specs/china-remote-work-2020.toml"), "md", lang="en").decode()
>>> text.splitlines()[0]
'# Remote-work platforms in China, early 2020'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from comparekit import _gc
from comparekit.layout import build_table
from comparekit.model import Comparison
from comparekit.output import write_bytes
from comparekit.renderers import (
    FORMATS,
    PDF_CELL_LIMIT,
    Format,
    Renderer,
    RenderOptions,
    format_for_path,
    get_format,
    renderer,
)

__all__ = ["formats", "render", "render_with", "write"]


def formats() -> tuple[Format, ...]:
    """Every output format comparekit can write, whether or not its library is installed.

    >>> [f.name for f in formats()]
    ['txt', 'md', 'xlsx', 'pdf']
    """
    return tuple(FORMATS.values())


def render(
    comparison: Comparison,
    format: str,
    *,
    lang: str | None = None,
    transposed: bool = False,
    width: int | None = None,
    page_size: Literal["A4", "Letter"] = "A4",
    orientation: Literal["landscape", "portrait"] = "landscape",
    tablefmt: str = "grid",
    timestamp: int | None = None,
    max_pdf_cells: int = PDF_CELL_LIMIT,
) -> bytes:
    """Render ``comparison`` in ``format`` (``txt``, ``md``, ``xlsx``, ``pdf``) and return the bytes.

    ``lang`` picks the report's language (``en``, ``ko``, ``zh``; default: the
    comparison's own). ``transposed`` puts products in rows. ``width`` wraps text
    output to that many columns. ``page_size`` and ``orientation`` set up PDF pages and
    the spreadsheet's print layout. A PDF of more than ``max_pdf_cells`` value cells is
    refused with :class:`RenderError` before rendering (``0``: no limit). The same
    arguments give the same bytes every time.
    """
    function = renderer(get_format(format).name)
    options = RenderOptions(
        width=width,
        page_size=page_size,
        orientation=orientation,
        tablefmt=tablefmt,
        timestamp=timestamp,
        max_pdf_cells=max_pdf_cells,
    )
    return render_with(comparison, function, options, lang=lang, transposed=transposed)


def render_with(
    comparison: Comparison,
    function: Renderer,
    options: RenderOptions,
    *,
    lang: str | None = None,
    transposed: bool = False,
) -> bytes:
    """Lay ``comparison`` out and draw it with a renderer ``function``: what :func:`render` does.

    Python's cyclic garbage collector is paused meanwhile (:func:`comparekit._gc.paused`):
    a big matrix makes millions of short-lived, acyclic objects.
    """
    with _gc.paused():
        return function(build_table(comparison, lang, transposed=transposed), options)


def write(
    comparison: Comparison,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    force: bool = False,
    transposed: bool = False,
    width: int | None = None,
    page_size: Literal["A4", "Letter"] = "A4",
    orientation: Literal["landscape", "portrait"] = "landscape",
    timestamp: int | None = None,
    max_pdf_cells: int = PDF_CELL_LIMIT,
) -> Path:
    """Render ``comparison`` to ``path``, the format chosen by its suffix, and return the path.

    The file is replaced in one step: on any error the previous file is untouched.
    A report that a spreadsheet application has open is not replaced unless ``force``.
    """
    target = Path(path)
    data = render(
        comparison,
        format_for_path(target.name).name,
        lang=lang,
        transposed=transposed,
        width=width,
        page_size=page_size,
        orientation=orientation,
        timestamp=timestamp,
        max_pdf_cells=max_pdf_cells,
    )
    write_bytes(target, data, force=force)
    return target
