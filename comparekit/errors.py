"""The exceptions comparekit raises.

Every error derives from :class:`ComparekitError` and from the builtin it
resembles, so callers may catch either::

    ComparekitError
    ├── SpecError (ValueError)              a spec file or text is invalid; .problems lists each
    ├── ModelError (ValueError)             a Comparison built in Python is invalid; .problems
    ├── FormatError (ValueError)            an unknown output format or a bad render option
    ├── MissingDependencyError (ImportError)  a format's library is not installed
    ├── RenderError (RuntimeError)          a renderer failed on valid input (a bug: please report)
    └── OutputError (OSError)               a report could not be written; nothing was changed

Each carries ``exit_code``: what the command line exits with when it stops on it.

>>> from comparekit import loads, SpecError
>>> try:
...     loads("format = 2")
... except SpecError as error:
...     print(error.problems[0])
<string>:1: format: unsupported format 2; this version of comparekit reads format = 1
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ComparekitError",
    "FormatError",
    "MissingDependencyError",
    "ModelError",
    "OutputError",
    "Problem",
    "RenderError",
    "SpecError",
]


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with a spec or a model: where it is and what is wrong.

    ``path`` is the key path (``products[dingtalk].values.users.value``),
    ``line`` the 1-based line in the spec file when it can be known.
    """

    path: str
    message: str
    file: str = ""
    line: int | None = None
    loc: tuple[str | int, ...] = attrs.field(default=(), eq=False, order=False, repr=False)

    def __str__(self) -> str:
        where = self.file or "<comparison>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {self.message}"


class ComparekitError(Exception):
    """Base class of every error comparekit raises on purpose."""

    exit_code = 1


class _ProblemsError(ComparekitError, ValueError):
    """An error made of one or more :class:`Problem` s, all reported at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class SpecError(_ProblemsError):
    """A spec is invalid. ``problems`` lists every problem found, in file order."""


class ModelError(_ProblemsError):
    """A :class:`~comparekit.Comparison` built in Python is invalid."""


class FormatError(ComparekitError, ValueError):
    """An unknown output format, or an option the format does not take."""


class MissingDependencyError(ComparekitError, ImportError):
    """The library a format needs is not installed; the message says what to install."""


class RenderError(ComparekitError, RuntimeError):
    """A renderer failed on a valid comparison."""


class OutputError(ComparekitError, OSError):
    """A report could not be written. Any file already at the path is unchanged."""
