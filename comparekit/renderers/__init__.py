"""Renderers: one module per output format, behind a registry that imports lazily.

Each renderer module has ``render_<name>(table: Table, options: RenderOptions) -> bytes``.
It draws the :class:`~comparekit.layout.Table` it is given and never formats a
value itself. Importing this package imports no renderer, so the text path
never loads openpyxl or weasyprint.

>>> [f.name for f in FORMATS.values()]
['txt', 'md', 'xlsx', 'pdf']
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

import attrs

from comparekit.epoch import source_date_epoch
from comparekit.errors import FormatError, MissingDependencyError
from comparekit.renderers.libraries import import_library

if TYPE_CHECKING:
    from comparekit.layout import Table

__all__ = [
    "FORMATS",
    "PDF_CELL_LIMIT",
    "Format",
    "RenderOptions",
    "Renderer",
    "format_for_path",
    "get_format",
    "renderer",
    "timestamp",
]

Renderer = Callable[["Table", "RenderOptions"], bytes]

PDF_CELL_LIMIT = 25_000
"""Default largest PDF matrix, in value cells: about a minute of WeasyPrint on one core here."""


@attrs.frozen
class RenderOptions:
    """How to render, beyond the language (which the table already carries).

    ``width`` is the text width in columns for text formats (``None``: 100).
    ``page_size`` and ``orientation`` apply to the PDF and to the spreadsheet's print setup.
    ``tablefmt`` is the tabulate format of the ``txt`` output.
    """

    width: int | None = None
    page_size: Literal["A4", "Letter"] = "A4"
    orientation: Literal["landscape", "portrait"] = "landscape"
    tablefmt: str = "grid"
    timestamp: int | None = None
    """Seconds since the epoch stamped into binary formats; ``None``: ``SOURCE_DATE_EPOCH``
    or the comparison's as-of date, so that the same spec gives the same bytes."""
    max_pdf_cells: int = PDF_CELL_LIMIT
    """The largest matrix (value cells) a PDF is rendered for; ``0`` means no limit.
    Bigger ones are refused before rendering, with an estimate of pages and time."""


@attrs.frozen
class Format:
    """An output format: its name, file suffix, module and what it needs installed."""

    name: str
    suffix: str
    module: str
    description: str
    requires: tuple[str, ...] = ()
    """Importable modules the format needs, with the pip package that provides each."""
    install: str = ""


FORMATS: Mapping[str, Format] = {
    f.name: f
    for f in (
        Format("txt", ".txt", "comparekit.renderers.text", "plain-text grid table for terminals"),
        Format("md", ".md", "comparekit.renderers.text", "GitHub Markdown table with notes"),
        Format(
            "xlsx",
            ".xlsx",
            "comparekit.renderers.xlsx",
            "Excel workbook: matrix, typed data table, sources",
            requires=("openpyxl",),
            install="pip install openpyxl defusedxml",
        ),
        Format(
            "pdf",
            ".pdf",
            "comparekit.renderers.pdf",
            "client-ready PDF report (A4/Letter, landscape/portrait)",
            requires=("weasyprint", "jinja2"),
            install="pip install 'weasyprint>=70' Jinja2 (and the Pango library: apt install libpango-1.0-0)",
        ),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`FormatError` naming the known ones if none."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise FormatError(f"unknown format {name!r}: choose one of {known}") from None


def format_for_path(path: str) -> Format:
    """The format that a file name's suffix asks for (``report.xlsx`` → xlsx)."""
    lowered = path.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.suffix):
            return fmt
    known = ", ".join(f.suffix for f in FORMATS.values())
    raise FormatError(f"cannot tell the format of {path!r} from its suffix: use one of {known}")


def renderer(name: str) -> Renderer:
    """The render function of a format, importing its module (and library) on first use."""
    fmt = get_format(name)
    try:
        for module in fmt.requires:
            import_library(module)
        implementation = importlib.import_module(fmt.module)
    except (ImportError, OSError) as error:
        raise MissingDependencyError(
            f"the {fmt.name} format needs a library that is not installed or cannot load "
            f"({error}); install it with: {fmt.install}"
        ) from error
    function: Renderer = getattr(implementation, f"render_{fmt.name}")
    return function


_FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def timestamp(table: Table, options: RenderOptions) -> dt.datetime:
    """The moment stamped into a binary report, in UTC, so that output is reproducible.

    In order: ``options.timestamp``; the ``SOURCE_DATE_EPOCH`` environment variable;
    midnight of the comparison's as-of date; 2000-01-01.
    """
    if options.timestamp is not None:
        return dt.datetime.fromtimestamp(options.timestamp, dt.UTC)
    epoch = source_date_epoch()  # None if unset or invalid (see comparekit.epoch)
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    if table.as_of_date is not None:
        day = table.as_of_date
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return _FALLBACK_TIME
