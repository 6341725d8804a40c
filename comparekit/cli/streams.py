"""The command line's standard streams: ``-`` for a spec or a report, and their faults.

``-`` as a SPEC reads it from standard input (messages call it ``<stdin>``); ``-o -``
writes the one report asked for to standard output. A spec named twice is read once;
``-`` for two different arguments (``diff - -``, ``render - --since -``) is a usage error.
``import BOOK --into -`` edits the spec on standard input and writes it to standard output.
When standard output is closed early (``comparekit show spec | head -1``) the command
ends quietly with exit code 141, as a Unix tool stopped by SIGPIPE does.

>>> from pathlib import Path
>>> [str(p) for p in unique_specs([Path("specs/china-remote-work-2020.toml"),
...                               Path("specs/../specs/china-remote-work-2020.toml")])]
['specs/china-remote-work-2020.toml']
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import click

from comparekit.errors import Problem, SpecError
from comparekit.model import Comparison
from comparekit.renderers import FORMATS
from comparekit.renderers.epoch import epoch_problem
from comparekit.spec import load, read_spec, update
from comparekit.spec.files import STDIN, read_stream
from comparekit.spec.json_reader import is_json
from comparekit.spec.reader import decode

__all__ = [
    "DASH",
    "EPIPE_EXIT",
    "edit_stdin",
    "is_dash",
    "keep_analysis",
    "load_spec",
    "quiet_stdout",
    "spec_name",
    "stdin_once",
    "to_stdout",
    "unique_specs",
    "warn_about_environment",
]

DASH = "-"
EPIPE_EXIT = 141
"""Exit code when standard output is closed early: 128 + SIGPIPE, what shells show for
a Unix tool that the signal stopped."""
_BINARY = ("xlsx", "pdf")


def is_dash(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``-``, standard input or output."""
    return os.fspath(path) == DASH


def spec_name(spec: Path) -> str:
    """How messages name ``spec``: its path, or ``<stdin>`` for ``-``."""
    return STDIN if is_dash(spec) else str(spec)


def unique_specs(specs: Sequence[Path]) -> tuple[Path, ...]:
    """``specs`` in order, each once: two names of one file (or ``-`` twice) count as one."""
    seen: set[object] = set()
    unique = []
    for spec in specs:
        key = _identity(spec)
        if key not in seen:
            seen.add(key)
            unique.append(spec)
    return tuple(unique)


def _identity(spec: Path) -> object:
    if is_dash(spec):
        return DASH
    try:
        info = os.stat(spec)
    except (OSError, ValueError):
        return os.path.normpath(os.path.abspath(spec))
    return (info.st_dev, info.st_ino)


def load_spec(spec: Path, *, strict: bool = False) -> Comparison:
    """Load the spec file ``spec``, or standard input for ``-``."""
    if not is_dash(spec):
        return load(spec, strict=strict)
    return read_spec(_stdin_bytes(), STDIN, strict=strict)


def _stdin_bytes() -> bytes:
    """Standard input's bytes, at most the size limit (:func:`read_stream`)."""
    try:
        return read_stream(sys.stdin.buffer, STDIN)
    except OSError as error:
        raise SpecError(
            [Problem("", f"cannot read: {error.strerror or error}", file=STDIN)]
        ) from error


def stdin_once(roles: Sequence[tuple[str, Path | None]]) -> None:
    """:class:`click.UsageError` if ``-`` stands for more than one of ``roles`` (each an
    argument's name and its path, if given): standard input can be read only once.

    >>> stdin_once([("OLD", Path("a.toml")), ("NEW", Path("-"))])
    >>> stdin_once([("SPEC", Path("-")), ("--since", Path("-"))])
    Traceback (most recent call last):
    ...
    click.exceptions.UsageError: standard input can be read only once, but SPEC and --since both name it (-); save one of them to a file
    """
    named = [name for name, path in roles if path is not None and is_dash(path)]
    if len(named) > 1:
        raise click.UsageError(
            f"standard input can be read only once, but {' and '.join(named)} both name it "
            "(-); save one of them to a file"
        )


def keep_analysis(comparison: Comparison, spec: Comparison) -> Comparison:
    """``comparison`` (read from a workbook) with the ``[scoring]``, ``[[findings]]``,
    ``[theme]`` and ``[[views]]`` of ``spec``, the spec it goes into: the workbook does not
    carry them."""
    return attrs.evolve(
        comparison,
        scoring=spec.scoring,
        findings=spec.findings,
        theme=spec.theme,
        views=spec.views,
    )


def edit_stdin(comparison: Comparison) -> bytes:
    """``import BOOK --into -``: the TOML spec on standard input changed only where
    ``comparison`` differs from it (:func:`comparekit.spec.update`), as bytes for standard
    output; its scoring and findings kept (:func:`keep_analysis`)."""
    text = decode(_stdin_bytes(), STDIN)
    if is_json(text, STDIN):
        raise SpecError(
            [Problem("", "a JSON spec cannot be edited in place: only TOML", file=STDIN)]
        )
    kept = read_spec(text, STDIN)
    return update(text, keep_analysis(comparison, kept), name=STDIN).encode("utf-8")


def to_stdout(
    specs: Sequence[Path], output: Path, formats: Sequence[str], langs: Sequence[object]
) -> bool:
    """Whether ``render`` writes its report to standard output (``-o -``).

    :class:`click.UsageError` if the streams cannot serve: ``-o -`` with more than one
    report, a binary report to a terminal, or a spec from standard input with an output
    folder (its reports would have no name).
    """
    if not is_dash(output):
        if any(is_dash(spec) for spec in specs):
            raise click.UsageError(
                "a spec read from standard input (-) has no file name for its reports: "
                "write its report to standard output with -o - and one format (-f)"
            )
        return False
    count = len(specs) * len(formats) * len(langs)
    if count != 1:
        raise click.UsageError(
            f"-o - writes one report to standard output, but this asks for {count} "
            f"({len(specs)} spec(s) x {len(formats)} format(s) x {len(langs)} language(s)); "
            "choose one spec, one format with -f and at most one --lang"
        )
    if formats[0] in _BINARY and _is_terminal():
        raise click.UsageError(
            f"not writing a binary {formats[0]} report to a terminal; redirect it to a file, "
            f"for example: > report{FORMATS[formats[0]].suffix}"
        )
    return True


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def warn_about_environment() -> None:
    """Warn on standard error about a ``SOURCE_DATE_EPOCH`` that is set but ignored."""
    problem = epoch_problem()
    if problem:
        click.echo(f"comparekit: warning: {problem}", err=True)


def quiet_stdout() -> None:
    """After standard output was closed: point it at ``/dev/null``, so that the flush at
    exit neither fails nor prints an error."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fileno = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)
