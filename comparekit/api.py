"""The public functions: render a comparison to bytes, or write it to a file.

>>> from comparekit import load, render
>>> text = render(load("specs/china-remote-work-2020.toml"), "md", lang="en").decode()
>>> text.splitlines()[0]
'# Remote-work platforms in China, early 2020'
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from comparekit import _gc
from comparekit.layout import build_table
from comparekit.model import Comparison
from comparekit.output import write_bytes
from comparekit.renderers import (
    FORMATS,
    Format,
    Renderer,
    RenderOptions,
    format_for_path,
    get_format,
    render_options,
    renderer,
)

__all__ = ["formats", "render", "render_with", "write"]


def formats() -> tuple[Format, ...]:
    """Every output format comparekit can write, whether or not its library is installed.

    >>> [f.name for f in formats()]
    ['txt', 'md', 'xlsx', 'pdf', 'html']
    """
    return tuple(FORMATS.values())


def render(
    comparison: Comparison,
    format: str,
    *,
    lang: str | None = None,
    transposed: bool = False,
    since: Comparison | None = None,
    since_date: dt.date | None = None,
    options: RenderOptions | None = None,
    **settings: Any,
) -> bytes:
    """Render ``comparison`` in ``format`` (``txt``, ``md``, ``xlsx``, ``pdf``) and return the bytes.

    ``lang`` picks the report's language (``en``, ``ko``, ``zh``; default: the
    comparison's own). ``transposed`` puts products in rows. ``since``, an earlier edition
    of the comparison, adds a "What changed since <its as-of date>" part (``since_date``,
    if given, is the date named), a Changes sheet to a workbook, and marks changed cells
    (see :func:`comparekit.diff`). Every other keyword is a
    field of :class:`RenderOptions`, given alone or over ``options``: ``width`` wraps
    text output to that many columns (40 to 1000), ``tablefmt`` is the table format
    of ``txt`` (one of :data:`~comparekit.renderers.TABLE_FORMATS`), ``page_size`` (A4, Letter) and ``orientation`` (landscape, portrait) set
    up PDF pages and the spreadsheet's print layout, ``timestamp`` is the moment stamped
    into xlsx and PDF, and a PDF of more than ``max_pdf_work`` cell equivalents (value
    cells and their text; ``max_pdf_cells``, its former name, is still taken) is refused
    with :class:`RenderError` before rendering (``0``: no limit); ``draft=True`` makes a
    PDF without tags, quicker, to look over (deliver the tagged default). A bad option is a
    :class:`FormatError` raised before anything is rendered. The same arguments give
    the same bytes every time.

    >>> from comparekit import load
    >>> sample = load("specs/china-remote-work-2020.toml")
    >>> render(sample, "txt", width=60, tablefmt="simple") == render(
    ...     sample, "txt", options=RenderOptions(width=60, tablefmt="simple"))
    True
    >>> render(sample, "txt", width=-1)
    Traceback (most recent call last):
    ...
    comparekit.errors.FormatError: width must be a whole number from 40 to 1000 (columns) or None (100 columns); got -1
    """
    checked = render_options(options, **settings)
    function = renderer(get_format(format).name)
    return render_with(
        comparison,
        function,
        checked,
        lang=lang,
        transposed=transposed,
        since=since,
        since_date=since_date,
    )


def render_with(
    comparison: Comparison,
    function: Renderer,
    options: RenderOptions,
    *,
    lang: str | None = None,
    transposed: bool = False,
    since: Comparison | None = None,
    since_date: dt.date | None = None,
) -> bytes:
    """Lay ``comparison`` out and draw it with a renderer ``function``: what :func:`render` does.

    Python's cyclic garbage collector is paused meanwhile (:func:`comparekit._gc.paused`):
    a big matrix makes millions of short-lived, acyclic objects.
    """
    with _gc.paused():
        table = build_table(
            comparison, lang, transposed=transposed, since=since, since_date=since_date
        )
        data = function(table, options)
        # Freed by reference counting before the collector is back: else its first
        # collection walks the whole table (a 200×100 matrix: about 10 ms), to free nothing.
        del table
    return data


def write(
    comparison: Comparison,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    force: bool = False,
    transposed: bool = False,
    since: Comparison | None = None,
    since_date: dt.date | None = None,
    options: RenderOptions | None = None,
    **settings: Any,
) -> Path:
    """Render ``comparison`` to ``path``, the format chosen by its suffix, and return the path.

    ``lang``, ``transposed``, ``since``, ``since_date``, ``options`` and the option keywords are those of
    :func:`render`. The file is replaced in one step: on any error the previous file
    is untouched. A report that a spreadsheet application has open is not replaced
    unless ``force``.
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"write() needs a path (str or os.PathLike), got {type(path).__name__}")
    target = Path(path)
    data = render(
        comparison,
        format_for_path(target.name).name,
        lang=lang,
        transposed=transposed,
        since=since,
        since_date=since_date,
        options=options,
        **settings,
    )
    write_bytes(target, data, force=force)
    return target
