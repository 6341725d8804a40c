"""The exceptions comparekit raises.

Every error derives from :class:`ComparekitError` and from the builtin it
resembles, so callers may catch either::

    ComparekitError
    ├── SpecError (ValueError)              a spec file or text is invalid; .problems lists each
    ├── ModelError (ValueError)             a Comparison, a part or Limits is invalid; .problems
    ├── FormatError (ValueError)            an unknown output format or a bad render option
    ├── MissingDependencyError (ImportError)  a format's library is not installed
    ├── RenderError (RuntimeError)          a renderer failed on valid input (a bug: please report)
    └── OutputError (OSError)               a report could not be written; nothing was changed

Each carries ``exit_code``: what the command line exits with when it stops on it.
Beside :class:`Problem` sit the helpers every message is spelled with: :func:`keypath`
(where), :func:`describe` (what was found) and :func:`suggest` (what was meant).

>>> from comparekit import loads, SpecError
>>> try:
...     loads("format = 2")
... except SpecError as error:
...     print(error.problems[0])
<string>:1: format: unsupported format 2; this version of comparekit reads format = 1
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
from collections.abc import Iterable, Mapping, Sequence

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
    "describe",
    "keypath",
    "suggest",
]

Loc = tuple[str | int, ...]
"""Where a problem is, as keys and array indexes: ``("products", 0, "name")``."""


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


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` hint for the closest choice, or ``""``.

    >>> suggest("meeting_capacty", ["meeting_capacity", "users"])
    " (did you mean 'meeting_capacity'?)"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def describe(value: object) -> str:
    """How a wrong value is quoted in a message: its TOML-ish type and a short repr.

    >>> describe(True), describe([1, 2]), describe("twelve"), describe(None)
    ('boolean true', 'an array of 2', '"twelve"', 'None')
    >>> describe(-(10**5000))
    'a negative integer of about 5001 digits'
    """
    if value is None:
        return "None"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        if abs(value) >= 10**40:  # a huge integer is not printed (Python refuses past 4,300 digits)
            article = "a negative" if value < 0 else "an"
            return (
                f"{article} integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
            )
        return f"integer {value}"
    if isinstance(value, float):
        return f"float {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return f"date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"time {value.isoformat()}"
    if hasattr(value, "translations"):  # a model Label: this module imports nothing of the model
        return "a table of translations"
    if isinstance(value, tuple | list):
        return f"an array of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def keypath(loc: Loc, ids: Mapping[str, Sequence[str | None]]) -> str:
    """Spell a location as a key path: ``("products", 0, "name")`` → ``products[dingtalk].name``.

    ``ids`` gives each array's element ids, so items are named by id where they have one.

    >>> keypath(("products", 0, "values", "users"), {"products": ["dingtalk"]})
    'products[dingtalk].values.users'
    """
    out = ""
    parent = ""
    for part in loc:
        if isinstance(part, int):
            names = ids.get(parent, ())
            name = names[part] if part < len(names) else None
            out += f"[{name if isinstance(name, str) and name.strip() else part}]"
        else:
            out += f".{part}" if out else part
            parent = part
    return out


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
    """A :class:`~comparekit.Comparison` built in Python is invalid, or one of its parts
    (or :class:`~comparekit.Limits`) was given a field of the wrong type; a part's problems
    are located in ``<Feature>``, ``<Value>`` and so on."""


class FormatError(ComparekitError, ValueError):
    """An unknown output format, or an option the format does not take."""


class MissingDependencyError(ComparekitError, ImportError):
    """The library a format needs is not installed; the message says what to install."""


class RenderError(ComparekitError, RuntimeError):
    """A renderer failed on a valid comparison."""


class OutputError(ComparekitError, OSError):
    """A report could not be written. Any file already at the path is unchanged."""
