"""Renderers: one module per output format, behind a registry that imports lazily.

Each renderer module has ``render_<name>(table: Table, options: RenderOptions) -> bytes``.
It draws the :class:`~comparekit.layout.Table` it is given and never formats a
value itself. Importing this package imports no renderer, so the text path
never loads openpyxl or weasyprint.

>>> [f.name for f in FORMATS.values()]
['txt', 'md', 'xlsx', 'pdf', 'html']
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, get_args

import attrs

from comparekit.errors import FormatError, MissingDependencyError, describe, quoted
from comparekit.renderers._ctypes_util import import_library
from comparekit.renderers.epoch import source_date_epoch

if TYPE_CHECKING:
    from comparekit.layout import Table

__all__ = [
    "DEFAULT_TABLEFMT",
    "DEFAULT_WIDTH",
    "FORMATS",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "ORIENTATIONS",
    "PAGE_SIZES",
    "PDF_WORK_LIMIT",
    "TABLE_FORMATS",
    "Format",
    "Orientation",
    "PageSize",
    "RenderOptions",
    "Renderer",
    "format_for_path",
    "get_format",
    "render_options",
    "renderer",
    "table_formats",
    "timestamp",
]

Renderer = Callable[["Table", "RenderOptions"], bytes]

PageSize = Literal["A4", "Letter"]
Orientation = Literal["landscape", "portrait"]
PAGE_SIZES: tuple[PageSize, ...] = get_args(PageSize)
"""The paper sizes of a PDF and of the spreadsheet's print setup."""
ORIENTATIONS: tuple[Orientation, ...] = get_args(Orientation)
"""The page orientations, landscape (the default) first."""
MIN_WIDTH, MAX_WIDTH = 40, 1000
"""The text widths allowed, in columns (the command line's ``--width`` range)."""
DEFAULT_WIDTH = 100
"""The text width when none is given."""
DEFAULT_TABLEFMT = "grid"
"""The tabulate format of the ``txt`` output when none is given."""
PDF_WORK_LIMIT = 100_000
"""Default largest PDF, in cell equivalents (value cells and their text, see
:func:`comparekit.renderers.pdf.estimate`): about a minute of WeasyPrint on one core here."""
_FIRST_TIME = int(dt.datetime(1, 1, 1, tzinfo=dt.UTC).timestamp())
_LAST_TIME = int(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC).timestamp())

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


TABLE_FORMATS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "grid",
            "simple",
            "plain",
            "simple_grid",
            "rounded_grid",
            "heavy_grid",
            "mixed_grid",
            "double_grid",
            "fancy_grid",
            "colon_grid",
            "outline",
            "simple_outline",
            "rounded_outline",
            "heavy_outline",
            "mixed_outline",
            "double_outline",
            "fancy_outline",
            "presto",
            "pretty",
            "psql",
        ),
        "text",
    ),
    "github": "markdown",
    "pipe": "markdown",
    "html": "html",
    "latex": "latex",
    "latex_booktabs": "latex",
    "latex_longtable": "latex",
    "mediawiki": "mediawiki",
    # Delimited data for pipes, drawn by comparekit itself (renderers/delimited.py):
    "csv": "delimited",
    "tsv": "delimited",
}
"""The table formats the ``txt`` output can be drawn in, each with the language its cells
are written in: ``text`` shows them as they are, in columns of fixed width (a tab is a space);
the markup ones are drawn by tabulate, and :mod:`comparekit.renderers.text` escapes every
cell for its language itself; ``delimited`` (``csv``, ``tsv``) is the matrix alone as data,
a line per row, drawn by :mod:`comparekit.renderers.delimited`. tabulate's other formats
are refused: ``unsafehtml`` and ``latex_raw`` print text as markup by design, and for
``jira``, ``textile``, ``moinmoin``, ``youtrack``, ``asciidoc``, ``rst`` and ``orgtbl``
comparekit has no escaping it can prove (tabulate's own ``tsv`` writes tabs and line breaks
inside cells as they are; comparekit's escapes them)."""


def table_formats() -> tuple[str, ...]:
    """The table formats the ``txt`` output can be drawn in: :data:`TABLE_FORMATS`.

    >>> {"grid", "simple", "github"} <= set(table_formats()), "unsafehtml" in table_formats()
    (True, False)
    """
    return tuple(TABLE_FORMATS)


def _shown(value: object) -> str:
    """An option's wrong value as a message shows it: text quoted (escaped), a small number or
    None as Python writes it, anything else described (a long or deep array is not printed).

    >>> _shown("A3"), _shown(-1), _shown(None), _shown([[1]]), _shown("\x1b")
    ("'A3'", '-1', 'None', 'an array of 1', "'\\\\x1b'")
    """
    if isinstance(value, str):
        return quoted(value)
    if (
        value is None
        or isinstance(value, float | bool)
        or (isinstance(value, int) and abs(value) < 10**40)
    ):
        return repr(value)
    return describe(value)


def _table_format(_options: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: the value is one of :data:`TABLE_FORMATS`; a format tabulate has but
    comparekit cannot escape for is refused as such."""
    if isinstance(value, str) and value in TABLE_FORMATS:
        return
    allowed = ", ".join(TABLE_FORMATS)
    from tabulate import tabulate_formats  # only to tell a refused format from a typo

    if isinstance(value, str) and value in tabulate_formats:
        raise FormatError(
            f"table format {quoted(value)} for {attribute.name} is refused: comparekit does not "
            f"escape cell text for it, so spec text would reach the output as markup; "
            f"choose one of {allowed}"
        )
    raise FormatError(
        f"unknown table format {_shown(value)} for {attribute.name}: choose one of {allowed}"
    )


def _one_of(what: str, choices: Sequence[str]) -> _Validator:
    """A validator: the value is one of ``choices``."""

    def check(_options: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or value not in choices:
            raise FormatError(
                f"unknown {what} {_shown(value)} for {attribute.name}: choose one of {', '.join(choices)}"
            )

    return check


def _flag(_options: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator: the value is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise FormatError(f"{attribute.name} must be True or False; got {_shown(value)}")


class _Unset(enum.Enum):
    """An option not given (where ``None`` is a wrong value, not a missing one)."""

    UNSET = enum.auto()

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNSET"


def _whole(
    low: int, high: int | None, unit: str, none: str = "", *, unset: bool = False
) -> _Validator:
    """A validator: the value is an ``int`` (a ``bool`` is not) from ``low`` to ``high``
    (no upper bound if ``None``); ``None`` too when ``none`` says what it means, and
    :attr:`_Unset.UNSET` when ``unset``."""

    def check(_options: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (value is None and none) or (value is _Unset.UNSET and unset):
            return
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and low <= value and (high is None or value <= high):
            return
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        raise FormatError(
            f"{attribute.name} must be a whole number {span} ({unit})"
            f"{f' or None ({none})' if none else ''}; got {_shown(value)}"
        )

    return check


@attrs.frozen
class RenderOptions:
    """How to render, beyond the language (which the table already carries).

    This class is the one place that knows each option, its default and its allowed
    values: :func:`comparekit.render`, :func:`comparekit.write` and the command line
    build it, and a bad value raises :class:`FormatError` (a ``ValueError``) naming
    the option and what it allows, before anything is rendered. Renderers trust it.

    >>> RenderOptions(width=80).width
    80
    >>> RenderOptions(orientation="sideways")
    Traceback (most recent call last):
    ...
    comparekit.errors.FormatError: unknown orientation 'sideways' for orientation: choose one of landscape, portrait
    """

    width: int | None = attrs.field(
        default=None, validator=_whole(MIN_WIDTH, MAX_WIDTH, "columns", f"{DEFAULT_WIDTH} columns")
    )
    """The text width in columns of the ``txt`` and ``md`` outputs; ``None``: :data:`DEFAULT_WIDTH`."""
    page_size: PageSize = attrs.field(default="A4", validator=_one_of("page size", PAGE_SIZES))
    """The paper of the PDF and of the spreadsheet's print setup: one of :data:`PAGE_SIZES`."""
    orientation: Orientation = attrs.field(
        default="landscape", validator=_one_of("orientation", ORIENTATIONS)
    )
    """The page orientation of the PDF and of the spreadsheet: one of :data:`ORIENTATIONS`."""
    tablefmt: str = attrs.field(default=DEFAULT_TABLEFMT, validator=_table_format)
    """The tabulate format of the ``txt`` output: one of :data:`TABLE_FORMATS`."""
    timestamp: int | None = attrs.field(
        default=None,
        validator=_whole(
            _FIRST_TIME,
            _LAST_TIME,
            "seconds since 1970, for the years 1 to 9999",
            "SOURCE_DATE_EPOCH or the as-of date",
        ),
    )
    """Seconds since the epoch stamped into binary formats; ``None``: ``SOURCE_DATE_EPOCH``
    or the comparison's as-of date, so that the same spec gives the same bytes."""
    max_pdf_work: int = attrs.field(
        default=PDF_WORK_LIMIT, validator=_whole(0, None, "cell equivalents; 0: no limit")
    )
    """The most work a PDF is rendered for, in cell equivalents (value cells, plus all text
    weighted by what it costs to print); ``0`` means no limit. A bigger one is refused before
    rendering, with an estimate of pages and time."""
    max_pdf_cells: int | _Unset = attrs.field(
        default=_Unset.UNSET,
        validator=_whole(0, None, "cell equivalents; 0: no limit", unset=True),
        repr=False,
        eq=False,
    )
    """The former name of :attr:`max_pdf_work`, still taken: given, it sets that limit."""
    draft: bool = attrs.field(default=False, validator=_flag)
    """A draft PDF: the same pages without the tags (the structure a screen reader and
    reflow read, PDF/UA), so it is quicker to make, for looking the report over while it is
    being written. The PDF you deliver keeps its tags (the default). Other formats ignore it."""

    def __attrs_post_init__(self) -> None:
        if self.max_pdf_cells is not _Unset.UNSET:
            object.__setattr__(self, "max_pdf_work", self.max_pdf_cells)
            object.__setattr__(self, "max_pdf_cells", _Unset.UNSET)


def render_options(options: RenderOptions | None = None, **changes: Any) -> RenderOptions:
    """``options`` (default: every default) with ``changes``, each one checked.

    What :func:`comparekit.render` and :func:`comparekit.write` do with their keywords.
    A keyword that is no option is a ``TypeError`` listing the options.

    >>> render_options(RenderOptions(width=80), tablefmt="simple")
    RenderOptions(width=80, page_size='A4', orientation='landscape', tablefmt='simple', timestamp=None, max_pdf_work=100000, draft=False)
    >>> render_options(max_pdf_cells=500).max_pdf_work
    500
    >>> render_options(widht=80)
    Traceback (most recent call last):
    ...
    TypeError: unknown render option 'widht': the options are width, page_size, orientation, tablefmt, timestamp, max_pdf_work, max_pdf_cells, draft
    """
    if options is None:
        options = RenderOptions()
    elif not isinstance(options, RenderOptions):
        raise TypeError(f"options must be a RenderOptions, not {type(options).__name__}")
    names = attrs.fields_dict(RenderOptions)
    for name in changes:
        if name not in names:
            raise TypeError(
                f"unknown render option {quoted(name)}: the options are {', '.join(names)}"
            )
    return attrs.evolve(options, **changes) if changes else options


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
        Format(
            "html",
            ".html",
            "comparekit.renderers.html",
            "self-contained web page: sortable, filterable matrix; loads nothing",
            requires=("jinja2",),
            install="pip install Jinja2",
        ),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`FormatError` naming the known ones if none."""
    if not isinstance(name, str):
        raise TypeError(f"a format is named by a string ({', '.join(FORMATS)}), got {_shown(name)}")
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise FormatError(f"unknown format {quoted(name)}: choose one of {known}") from None


def format_for_path(path: str) -> Format:
    """The format that a file name's suffix asks for (``report.xlsx`` → xlsx)."""
    if not isinstance(path, str):
        raise TypeError(f"a file name is a string, got {type(path).__name__}")
    lowered = path.lower()
    for fmt in FORMATS.values():
        if lowered.endswith(fmt.suffix):
            return fmt
    known = ", ".join(f.suffix for f in FORMATS.values())
    raise FormatError(
        f"cannot tell the format of {quoted(path)} from its suffix: use one of {known}"
    )


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
    epoch = source_date_epoch()  # None if unset or invalid (see comparekit.renderers.epoch)
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    if table.as_of_date is not None:
        day = table.as_of_date
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return _FALLBACK_TIME
