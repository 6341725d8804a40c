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
(where), :func:`describe` (what was found) and :func:`suggest` (what was meant), and
:func:`quoted` and :func:`escaped`, the one way untrusted text (ids, keys, values, file
names) goes into a message: every character a terminal acts on, or that cannot be seen, is
shown escaped (``\\x1b``, ``\\u202e``).

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
import math
import re
import unicodedata
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
    "escaped",
    "invisible",
    "keypath",
    "quoted",
    "suggest",
]

Loc = tuple[str | int, ...]
"""Where a problem is, as keys and array indexes: ``("products", 0, "name")``."""


DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15.0):
characters a renderer shows as nothing at all."""

_IGNORABLE = re.compile(
    "[" + "".join(f"{chr(start)}-{chr(end)}" for start, end in DEFAULT_IGNORABLE) + "]"
)
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
"""Controls, format characters (bidi controls among them), surrogates, unassigned code
points and the line and paragraph separators: none prints as itself."""
_PLAIN = re.compile(r"[ -~]*\Z")
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def invisible(char: str) -> bool:
    """True for a character that must not reach a terminal raw: a C0 or C1 control, DEL,
    a format or bidi control, a default-ignorable, a surrogate, an unassigned code point,
    a line or paragraph separator.

    >>> [invisible(c) for c in ("a", "钉", "\\x9b", "\\u202e", "\\ufe0f", "\\u3164")]
    [False, False, True, True, True, True]
    """
    code = ord(char)
    if code < 0xA0:
        return code < 0x20 or code >= 0x7F
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or bool(_IGNORABLE.match(char))


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escaped(text: str, *, keep: str = "") -> str:
    """``text`` with every :func:`invisible` character but those in ``keep`` as an escape.

    For text shown without quotes: a file name, a path, a key path, a whole message.
    Backslashes are left as they are, so escaping twice changes nothing.

    >>> escaped("1 problem\\nx.toml: bell\\x07", keep="\\n")
    '1 problem\\nx.toml: bell\\\\x07'
    """
    if _PLAIN.match(text):
        return text
    return "".join(_escape(char) if char not in keep and invisible(char) else char for char in text)


def quoted(text: str, mark: str = "'") -> str:
    """``text`` between ``mark`` s, as a message quotes a value: the backslash, the quote
    mark and every :func:`invisible` character (tab and newline too) escaped.

    >>> print(quoted("caf\\u00e9"), quoted('say "hi"', '"'), quoted("a\\\\b\\tc"))
    'café' "say \\"hi\\"" 'a\\\\b\\tc'
    """
    inner = text.replace("\\", "\\\\").replace(mark, "\\" + mark)
    return mark + escaped(inner) + mark


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with a spec or a model: where it is and what is wrong.

    ``path`` is the key path (``products[dingtalk].values.users.value``),
    ``line`` the 1-based line in the spec file when it can be known, ``cell`` the sheet
    and cell of a workbook (``Data!E17``), shown after the file name and a space.
    """

    path: str
    message: str
    file: str = ""
    line: int | None = None
    loc: tuple[str | int, ...] = attrs.field(default=(), eq=False, order=False, repr=False)
    cell: str = ""

    def __str__(self) -> str:
        where = escaped(self.file) or "<comparison>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.cell:
            where = f"{where}: {escaped(self.cell)}"
        path = f" {escaped(self.path)}:" if self.path else ""
        return f"{where}:{path} {escaped(self.message)}"


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` hint for the closest choice, or ``""``.

    >>> suggest("meeting_capacty", ["meeting_capacity", "users"])
    " (did you mean 'meeting_capacity'?)"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


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
        return quoted(shown, '"')
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
    """Base class of every error comparekit raises on purpose.

    Its text never holds a raw control, bidi or invisible character, whatever a spec or a
    path put into it: each is shown escaped (:func:`escaped`).
    """

    exit_code = 1

    def __str__(self) -> str:
        return escaped(super().__str__(), keep="\n")


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
