"""The ``comparekit`` command: a thin layer over the Python API.

Exit codes: 0 success, 1 bad input or a failed write (a message on stderr, no
traceback, nothing written), 2 a usage error. ``comparekit diff`` follows ``diff``
instead: 0 the same, 1 different, 2 trouble (bad input, an unreadable file, a usage error).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from comparekit.api import render
from comparekit.cli.problems import check_json
from comparekit.cli.streams import (
    EPIPE_EXIT,
    edit_stdin,
    is_dash,
    keep_analysis,
    load_spec,
    quiet_stdout,
    spec_name,
    stdin_once,
    to_stdout,
    unique_specs,
    warn_about_environment,
)
from comparekit.customise import _customise as customise_for
from comparekit.customise import view_name
from comparekit.errors import (
    ComparekitError,
    FormatError,
    MissingDependencyError,
    OutputError,
    escaped,
    invisible,
    quoted,
)
from comparekit.jobs import Job, Outcome, run_jobs
from comparekit.layout import LANGUAGES, as_json, change_entries, words_for
from comparekit.layout import changes_title as title_of_changes
from comparekit.model import Comparison
from comparekit.model.diff import diff
from comparekit.output import (
    StdoutClosed,
    check_target,
    distinct_targets,
    print_text,
    write_all,
    write_bytes,
    write_stdout,
)
from comparekit.renderers import (
    DEFAULT_WIDTH,
    FORMATS,
    MAX_WIDTH,
    MIN_WIDTH,
    ORIENTATIONS,
    PAGE_SIZES,
    TABLE_FORMATS,
    RenderOptions,
    render_options,
    renderer,
)
from comparekit.spec import dump, load, update_file

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _split(value: str, choices: Sequence[str], what: str) -> list[str]:
    items = [item.strip().lower() for item in value.split(",") if item.strip()]
    unknown = [item for item in items if item not in choices]
    if unknown or not items:
        raise click.BadParameter(
            f"unknown {what} {', '.join(map(quoted, unknown)) or '(none given)'}; "
            f"choose from {', '.join(choices)}"
        )
    return list(dict.fromkeys(items))


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    return _split(value, list(FORMATS), "format")


def _languages(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str | None]:
    return [None] if value is None else list(_split(value, LANGUAGES, "language"))


def _tablefmt(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """``md`` (the Markdown report) or a table format that :class:`RenderOptions` accepts."""
    if value != "md":
        try:
            render_options(tablefmt=value)
        except FormatError as error:
            raise click.BadParameter(f"{error}, or md") from None
    return value


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator that adds ``decorators``' options in the order given (as in ``--help``)."""

    def apply(function: F) -> F:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


_DEFAULT = RenderOptions()
"""The render options' defaults: the command line's, too."""

_layout_options = _options(
    click.option("--transpose", is_flag=True, help="Products as rows, features as columns."),
    click.option(
        "--width",
        type=click.IntRange(MIN_WIDTH, MAX_WIDTH),
        default=_DEFAULT.width,
        help="Text width in columns.",
    ),
)

_render_options = _options(
    click.option(
        "-f",
        "--format",
        "formats",
        default=",".join(FORMATS),
        show_default=True,
        callback=_formats,
        help="Comma-separated formats to write.",
    ),
    click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(path_type=Path, file_okay=False, allow_dash=True),
        default=Path("reports"),
        show_default=True,
        help="Folder to write into (created if missing); '-': standard output, for one report.",
    ),
    click.option(
        "--lang",
        callback=_languages,
        help=f"Report language(s), comma-separated: {', '.join(LANGUAGES)} (default: the spec's).",
    ),
    click.option(
        "--page-size",
        type=click.Choice(PAGE_SIZES, case_sensitive=False),
        default=_DEFAULT.page_size,
    ),
    click.option("--orientation", type=click.Choice(ORIENTATIONS), default=_DEFAULT.orientation),
    click.option(
        "--since",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
        default=None,
        help="An earlier edition (a spec): add what changed since it and mark changed cells.",
    ),
    click.option(
        "--force", is_flag=True, help="Replace reports even if open in a spreadsheet app."
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(0, 64),
        default=1,
        show_default=True,
        help="Render in this many processes at once (0: one per CPU).",
    ),
    click.option(
        "--max-pdf-work",
        type=click.IntRange(0),
        default=_DEFAULT.max_pdf_work,
        show_default=True,
        help="Refuse a PDF that is more work than this many cell equivalents: value cells, "
        "plus their text and the notes' and sources' weighted by print time (0: no limit).",
    ),
    click.option(
        "--max-pdf-cells",
        type=click.IntRange(0),
        default=None,
        help="The former name of --max-pdf-work, still taken.",
    ),
    click.option(
        "--draft",
        is_flag=True,
        help="A quicker PDF without tags (the structure screen readers use), to look a "
        "report over; deliver the default, tagged one.",
    ),
    _layout_options,
)


def _ids(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    """Comma-separated ids as a list (``None`` when the option is not given)."""
    if value is None:
        return None
    ids = [part.strip() for part in value.split(",")]
    if not all(ids):
        raise click.BadParameter(f"expected comma-separated ids, got {value!r}")
    return ids


_client_options = _options(
    click.option(
        "--view",
        help="Render the spec's [[views]] entry with this id: files <spec>.<view>[.<lang>].<ext>.",
    ),
    click.option(
        "--products",
        callback=_ids,
        help="Comma-separated product ids: only these, in this order (over --view's own; "
        "without --view, files <spec>.custom[.<lang>].<ext>).",
    ),
    click.option("--features", callback=_ids, help="Comma-separated feature ids, as --products."),
    click.option("--groups", callback=_ids, help="Comma-separated group ids, as --products."),
    click.option("--title", help="Replace the spec's title."),
    click.option("--prepared-for", help='Replace the spec\'s "prepared for" (the client).'),
    click.option("--prepared-by", help='Replace the spec\'s "prepared by".'),
    click.option("--footer", help="A footer or confidentiality line on every page."),
    click.option(
        "--logo",
        type=click.Path(path_type=Path, dir_okay=False),
        help="A PNG or SVG logo for the cover (and a PNG for the workbook).",
    ),
    click.option("--brand", help="Brand colour, #RRGGBB: headers, title and headings."),
    click.option("--accent", help="Accent colour, #RRGGBB: group rows and the cover's rule."),
)


def _for_client(
    specs: Sequence[Path], comparisons: Sequence[Comparison], client: dict[str, Any]
) -> tuple[list[Comparison], str]:
    """Each comparison as the client options ask (:func:`comparekit.customise`), and the view
    part of the file names; a bad option is a usage error naming it (and the spec)."""
    settings = {key: value for key, value in client.items() if value is not None}
    if not settings:
        return list(comparisons), ""
    out, failed = [], []
    for spec, comparison in zip(specs, comparisons, strict=True):
        try:
            out.append(customise_for(comparison, _option_name, **settings))
        except FormatError as error:
            where = f"{escaped(spec_name(spec))}: " if len(specs) > 1 else ""
            failed += [where + line for line in str(error).splitlines()]
    if failed:
        raise click.UsageError("\n".join(dict.fromkeys(failed)))
    lists = (settings.get(k) for k in ("products", "features", "groups"))
    return out, view_name(settings.get("view"), *lists)


def _option_name(key: str) -> str:
    return "--" + key.replace("_", "-")


def _load_all(specs: Sequence[Path], strict: bool = False) -> list[Comparison]:
    """Load every spec, reporting every problem of every file before stopping."""
    loaded, failed = [], []
    for spec in specs:
        try:
            loaded.append(load_spec(spec, strict=strict))
        except ComparekitError as error:
            failed.append(str(error))
    if failed:
        raise _Failure("\n".join(failed))
    return loaded


class _Failure(ComparekitError):
    """Several errors already written out as one message."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="comparekit")
def cli() -> None:
    """Render structured product comparisons as Excel, PDF and text reports."""


@cli.command("render")
@click.argument(
    "specs",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
)
@_render_options
@_client_options
def render_command(
    specs: tuple[Path, ...],
    formats: list[str],
    output: Path,
    lang: list[str | None],
    page_size: str,
    orientation: str,
    since: Path | None,
    force: bool,
    jobs: int,
    max_pdf_work: int,
    max_pdf_cells: int | None,
    draft: bool,
    transpose: bool,
    width: int | None,
    **client: Any,
) -> None:
    """Render each SPEC into OUTPUT/<spec name>[.<view>][.<lang>].<format>.

    Every spec is checked and every report rendered before the first file is
    written, so bad input leaves the output folder as it was. SPEC '-' reads
    standard input; OUTPUT '-' writes the one report asked for to standard output.
    """
    specs = unique_specs(specs)
    stdin_once([("SPEC", next((s for s in specs if is_dash(s)), None)), ("--since", since)])
    stdout = to_stdout(specs, output, formats, lang)
    warn_about_environment()
    for name in formats:
        renderer(name)
    options = render_options(
        width=width,
        page_size=page_size,
        orientation=orientation,
        max_pdf_work=max_pdf_work if max_pdf_cells is None else max_pdf_cells,
        draft=draft,
    )
    comparisons, view = _for_client(specs, _load_all(specs), client)
    planned = _plan(specs, comparisons, lang, formats, transpose, options)
    if view:
        planned = [attrs.evolve(job, view=view) for job in planned]
    if since is not None:
        (earlier,) = _load_all([since])
        date = earlier.as_of or _file_date(since)
        planned = [attrs.evolve(job, since=earlier, since_date=date) for job in planned]
    if not stdout:
        distinct_targets((job.spec, output / job.file_name) for job in planned)
    outcomes = _render_all(planned, jobs)
    if stdout:
        write_stdout(outcomes[0].data)
        return
    _check_targets(output, planned, force)
    _write_all(output, planned, outcomes, force)


def _plan(
    specs: Sequence[Path],
    comparisons: Sequence[Comparison],
    languages: Sequence[str | None],
    formats: Sequence[str],
    transposed: bool,
    options: RenderOptions,
) -> list[Job]:
    """One job per spec, language and format, in that order."""
    return [
        Job(comparison, spec_name(spec), language, name, transposed, options)
        for spec, comparison in zip(specs, comparisons, strict=True)
        for language in languages
        for name in formats
    ]


def _render_all(planned: Sequence[Job], processes: int) -> list[Outcome]:
    """Every job's bytes; if any failed, every distinct failure, and nothing written."""
    outcomes = run_jobs(planned, processes=processes)
    failed = list(dict.fromkeys(o.error for o in outcomes if o.error is not None))
    if failed:
        raise _Failure("\n".join(failed))
    return outcomes


def _check_targets(output: Path, planned: Sequence[Job], force: bool) -> None:
    """Create ``output`` and refuse, before any write, if any target may not be replaced."""
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"{escaped(str(output))}: cannot create the folder: {error.strerror}"
        ) from error
    blocked = []
    for job in planned:
        try:
            check_target(output / job.file_name, force=force)
        except OutputError as error:
            blocked.append(f"comparekit: {error}")
    if blocked:
        raise _Failure("\n".join(blocked))


def _write_all(
    output: Path, planned: Sequence[Job], outcomes: Sequence[Outcome], force: bool
) -> None:
    """Write every report, all or none; then say so (standard output may fail: all is written)."""
    files = [(output / j.file_name, o.data) for j, o in zip(planned, outcomes, strict=True)]
    write_all(files, force=force)
    for path, data in files:
        print_text(f"wrote {escaped(str(path))} ({len(data):,} bytes)")


@cli.command("check")
@click.argument(
    "specs",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
)
@click.option("--strict", is_flag=True, help="Also require a source on every known value.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a line per good spec, problems on standard error; json: one document on "
    "standard output, every problem with its file, line or cell and key (docs/check.md).",
)
def check_command(specs: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Check each SPEC ('-': standard input) and report every problem in it."""
    specs = unique_specs(specs)
    if output_format == "json":
        _check_json(specs, strict)
        return
    comparisons = _load_all(specs, strict=strict)
    for spec, comparison in zip(specs, comparisons, strict=True):
        values = sum(len(p.values) for p in comparison.products)
        print_text(
            f"{escaped(spec_name(spec))}: ok ({len(comparison.products)} products, "
            f"{len(comparison.features)} features, {values} values, "
            f"{len(comparison.sources)} sources)"
        )


def _check_json(specs: Sequence[Path], strict: bool) -> None:
    """``check --format json``: every spec's result in one document; exit 1 on a problem."""
    results: list[tuple[str, Comparison | ComparekitError]] = []
    for spec in specs:
        try:
            results.append((spec_name(spec), load_spec(spec, strict=strict)))
        except ComparekitError as error:
            results.append((spec_name(spec), error))
    report = check_json(results)
    print_text(_json_text(report))
    if not report["ok"]:
        click.get_current_context().exit(1)


def _terminal_width() -> int:
    """The terminal's width in columns, brought within the widths that text output allows."""
    columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return min(max(columns, MIN_WIDTH), MAX_WIDTH)


@cli.command("show")
@click.argument("spec", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Report language.")
@click.option(
    "--tablefmt",
    default=_DEFAULT.tablefmt,
    show_default=True,
    callback=_tablefmt,
    help=f"Table format: {', '.join(TABLE_FORMATS)}; or md, the Markdown report. "
    "tabulate's formats whose markup comparekit cannot escape are refused.",
)
@_layout_options
def show_command(
    spec: Path, lang: str | None, tablefmt: str, transpose: bool, width: int | None
) -> None:
    """Print SPEC's report as text to the terminal ('-': read SPEC from standard input)."""
    (comparison,) = _load_all([spec])
    columns = width or _terminal_width()
    if tablefmt == "md":
        data = render(comparison, "md", lang=lang, transposed=transpose)
    else:
        data = render(
            comparison, "txt", lang=lang, transposed=transpose, width=columns, tablefmt=tablefmt
        )
    write_stdout(data)


def _file_date(spec: Path) -> dt.date | None:
    """The day ``spec`` was last changed (local time); ``None`` for standard input."""
    if is_dash(spec):
        return None
    try:
        return dt.date.fromtimestamp(spec.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


class _Trouble(_Failure):
    """``comparekit diff`` could not compare: exit code 2, as ``diff`` has."""

    exit_code = 2


def _json_text(data: object) -> str:
    """``data`` as JSON, non-ASCII text as it is but every :func:`invisible` character (a
    control, a bidi control) written as a JSON escape, so that no terminal acts on it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(
        json.dumps(char)[1:-1] if invisible(char) and char != "\n" else char for char in text
    )


@cli.command("diff")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "md"]),
    default="text",
    show_default=True,
    help="Text for a terminal, or Markdown.",
)
@click.option("--json", "as_json_data", is_flag=True, help="The changes as JSON (docs/diff.md).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the text.")
def diff_command(
    old: Path, new: Path, output_format: str, as_json_data: bool, lang: str | None
) -> None:
    """List what changed from the spec OLD to the spec NEW ('-': standard input).

    Exit code 0 when they are the same, 1 when they differ, 2 on trouble (as diff).
    """
    stdin_once([("OLD", old), ("NEW", new)])
    try:
        before, after = _load_all([old, new])
    except ComparekitError as error:
        raise _Trouble(str(error)) from error
    changes = diff(before, after)
    if as_json_data:
        print_text(
            _json_text({"old": spec_name(old), "new": spec_name(new), "changes": as_json(changes)})
        )
    elif changes:
        words = words_for(after, lang)
        title = title_of_changes(words, before.as_of or _file_date(old))
        entries = change_entries(changes, before, after, words)
        from comparekit.renderers.text import changes_md, changes_txt

        if output_format == "md":
            lines = changes_md(title, entries, words)
        else:
            lines = changes_txt(title, entries, words, None)
        print_text("\n".join(map(escaped, lines)))
    if changes:
        click.get_current_context().exit(1)


@cli.command("import")
@click.argument("book", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="The spec file to write (default: BOOK's name with .toml; '-': standard output).",
)
@click.option(
    "--into",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="Edit this TOML spec in place: only what changed, its comments and layout kept "
    "('-': edit standard input into standard output).",
)
@click.option("--force", is_flag=True, help="Replace the spec even if it exists.")
def import_command(book: Path, output: Path | None, into: Path | None, force: bool) -> None:
    """Turn BOOK, a workbook comparekit wrote (edited or not), back into a spec.

    BOOK is checked as a spec is: every problem is listed by sheet and cell, and nothing
    is written. The Matrix sheet is made from the others and is not read. With --into,
    the spec SPEC is changed only where BOOK differs from it, its comments kept.
    """
    if into is not None and output is not None:
        raise click.UsageError("give -o SPEC (a new spec) or --into SPEC (edit one), not both")
    stdin_once([("BOOK", book), ("--into", into)])
    (comparison,) = _load_all([book])
    if into is not None and is_dash(into):
        write_stdout(edit_stdin(comparison))
        return
    if into is not None:
        comparison = keep_analysis(comparison, load(into))
        changed = update_file(into, comparison, force=force)
        print_text(f"{'updated' if changed else 'unchanged'}: {escaped(str(into))}")
        return
    text = dump(comparison).encode("utf-8")
    if output is not None and is_dash(output):
        write_stdout(text)
        return
    target = output or Path(spec_name(book)).with_suffix(".toml")
    if is_dash(book) and output is None:
        raise click.UsageError("a workbook read from standard input needs -o SPEC.toml (or -o -)")
    write_bytes(target, text, force=force)
    print_text(f"wrote {escaped(str(target))} ({len(text):,} bytes)")


@cli.command("formats")
def formats_command() -> None:
    """List the output formats and whether each can be written here."""
    for fmt in FORMATS.values():
        try:
            renderer(fmt.name)
            state = "ready"
        except MissingDependencyError:
            state = f"needs: {fmt.install}"
        print_text(f"{fmt.name:5} {fmt.suffix:6} {fmt.description} [{state}]")


class _Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C so that no temporary file is left behind."""


def _terminate(_signum: int, _frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of raising."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _complain(message: str) -> None:
    """Print an error on stderr, the last step: any control, bidi or invisible character
    that reached the message is shown escaped; the newlines between problems stay."""
    click.echo(escaped(message, keep="\n"), err=True)


def _run(argv: Sequence[str] | None) -> int:
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="comparekit",
            standalone_mode=False,
        )
    except (click.exceptions.Abort, KeyboardInterrupt, _Terminated) as stop:
        _complain(
            "comparekit: interrupted; reports already written are complete, "
            "the others were left as they were"
        )
        return 143 if isinstance(stop, _Terminated) else 130
    except click.ClickException as error:
        shown = io.StringIO()
        error.show(file=shown)
        _complain(shown.getvalue().removesuffix("\n"))
        return error.exit_code
    except ComparekitError as error:
        _complain(f"comparekit: {error}" if not isinstance(error, _Failure) else str(error))
        return error.exit_code
    except StdoutClosed:  # standard output closed early (`| head`): stop quietly
        quiet_stdout()
        return EPIPE_EXIT
    except Exception as error:  # a bug: say so plainly, without a traceback
        if os.environ.get("COMPAREKIT_DEBUG"):
            raise
        _complain(
            f"comparekit: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in comparekit; please report it "
            "(set COMPAREKIT_DEBUG=1 to see the traceback)."
        )
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
