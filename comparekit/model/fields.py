"""What each field of the model takes, and the one check every constructor runs on it.

A field names what it takes in its metadata, ``attrs.field(metadata=takes(a_string))``.
The converters here convert only what they can (``"about"`` to
:attr:`~comparekit.Qualifier.ABOUT`, a list to a tuple) and keep anything else as
given; then :func:`refuse_wrong_types`, called by each class when it is built, asks
every field's check and raises one :class:`~comparekit.ModelError` listing every field
that holds the wrong type, so no wrong type gets into the model to fail later, deep
inside a renderer. :class:`~comparekit.Comparison` runs the same checks through its
rules, with key paths from the comparison down (``features[0]: expected a Feature,
got a table``).

>>> from comparekit import Source
>>> try:
...     Source(id=None, title="T", published="2020-01-01")
... except ValueError as error:
...     print(error)
2 problems
<Source>: id: expected a string, got None
<Source>: published: expected a date (datetime.date), got "2020-01-01"

A ``datetime`` is a ``date`` to Python, but not to comparekit: a spec date has no time,
and a time would be dropped from every report, so a date field refuses it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from typing import Any

import attrs

from comparekit.errors import Loc, ModelError, Problem, describe, keypath, suggest
from comparekit.model.kinds import Label, label_problems

__all__ = [
    "FIGURE",
    "LABEL",
    "MAX_NESTING",
    "OPTIONAL_DATE",
    "OPTIONAL_LABEL",
    "OPTIONAL_TEXT",
    "TEXT",
    "Check",
    "Found",
    "a_count",
    "a_date",
    "a_figure",
    "a_label",
    "a_string",
    "an_array_of",
    "choice_problem",
    "none_or",
    "one_of",
    "optional",
    "refuse_wrong_types",
    "source_ids",
    "takes",
    "takes_one_of",
    "to_array",
    "to_choice",
    "to_figure",
    "to_label",
    "to_optional_label",
    "to_part",
    "to_source_ids",
    "wrong_types",
]

Found = list[tuple[Loc, str]]
"""What a check found: each problem's place inside the field, and its message."""
Check = Callable[[Any], Found | None]
"""A field's check: None when the value is of the right type (the fast, common case)."""

MAX_NESTING = 8
"""How deep arrays may nest in a figure; no valid figure nests at all, but the rules say why."""


_NONE = type(None)


def takes(check: Check, *fine: type) -> dict[str, Any]:
    """The metadata of a field that takes what ``check`` accepts.

    A value whose type is exactly one of ``fine`` is accepted without asking ``check``:
    the common case, kept fast (a big spec builds a quarter of a million values).
    """
    return {"takes": check, "fine": frozenset(fine)}


def optional(check: Check) -> Check:
    """``check``, letting None through (a field a comparison may leave out)."""

    def check_optional(value: object) -> Found | None:
        return None if value is None else check(value)

    return check_optional


def a_string(value: object) -> Found | None:
    """Text.

    >>> a_string("x"), a_string(None)
    (None, [((), 'expected a string, got None')])
    """
    if isinstance(value, str):
        return None
    return [((), f"expected a string, got {describe(value)}")]


def a_date(value: object) -> Found | None:
    """A calendar date (``datetime.date``); a ``datetime`` is refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    hint = "; pass its .date()" if isinstance(value, dt.datetime) else ""
    return [((), f"expected a date (datetime.date), got {describe(value)}{hint}")]


def a_count(value: object) -> Found | None:
    """A whole number ≥ 0 (not a boolean): a limit."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return [((), f"expected an integer ≥ 0, got {describe(value)}")]


def a_label(value: object) -> Found | None:
    """A :class:`~comparekit.Label` (:func:`to_label` makes one from a string or a table)."""
    if isinstance(value, Label):
        return None
    return list(label_problems(value))


def to_label(value: object) -> Any:
    """A :class:`~comparekit.Label` from a string or a table of translations, if it makes one."""
    if isinstance(value, Label) or any(label_problems(value)):
        return value
    return Label(value)


def to_optional_label(value: object) -> Any:
    """:func:`to_label`, keeping None as None."""
    return None if value is None else to_label(value)


@functools.cache
def _names(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


def choice_problem(kind: type[enum.Enum], value: object) -> str | None:
    """Why ``value`` is not one of ``kind`` 's names, or None.

    >>> from comparekit import Better
    >>> print(choice_problem(Better, "hihger"))
    expected one of "higher", "lower", got "hihger" (did you mean 'higher'?)
    """
    names = _names(kind)
    if isinstance(value, kind) or (isinstance(value, str) and value in names):
        return None
    listed = ", ".join(f'"{n}"' for n in names)
    hint = suggest(value, names) if isinstance(value, str) else ""
    return f"expected one of {listed}, got {describe(value)}{hint}"


def one_of(kind: type[enum.Enum]) -> Check:
    """A member of the enum ``kind`` (:func:`to_choice` converts its name)."""

    def check_choice(value: object) -> Found | None:
        problem = choice_problem(kind, value)
        return None if problem is None else [((), problem)]

    return check_choice


def takes_one_of(kind: type[enum.Enum], *, empty: bool = False) -> dict[str, Any]:
    """The metadata of a field that takes a member of ``kind`` (or None, if ``empty``)."""
    if empty:
        return takes(optional(one_of(kind)), kind, _NONE)
    return takes(one_of(kind), kind)


def to_choice(kind: type[enum.Enum], value: object) -> Any:
    """``value`` as a member of ``kind`` if it is one's name; anything else kept as given."""
    if isinstance(value, str) and value in _names(kind):
        return kind(value)
    return value


def _iterable(value: object) -> bool:
    """True for what a field taking an array accepts: a list, a tuple or another ordered
    iterable, but not text, bytes, a table or a set (its order would change from run to run)."""
    return isinstance(value, Iterable) and not isinstance(
        value, str | bytes | bytearray | memoryview | Mapping | Set
    )


def to_array(value: object) -> Any:
    """A tuple from a list, a tuple or another ordered iterable; anything else kept as given."""
    if type(value) is tuple or type(value) is list or _iterable(value):
        return tuple(value)  # type: ignore[arg-type]
    return value


def _array(value: object, kind: type, whole: str, item: str) -> Found | None:
    """A tuple of ``kind`` objects: ``whole`` and ``item`` say what, in the messages."""
    if not isinstance(value, tuple):
        return [((), f"expected {whole}, got {describe(value)}")]
    found: Found = [
        ((index,), f"expected {item}, got {describe(element)}")
        for index, element in enumerate(value)
        if not isinstance(element, kind)
    ]
    return found or None


def an_array_of(kind: type) -> Check:
    """A tuple of ``kind`` objects (:func:`to_array` makes one)."""
    name = kind.__name__

    def check_array(value: object) -> Found | None:
        return _array(value, kind, f"an array of {name}", f"a {name}")

    return check_array


def to_source_ids(value: object) -> Any:
    """A tuple of source ids from None, one id or an array of them; anything else kept."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return to_array(value)


def source_ids(value: object) -> Found | None:
    """A tuple of source ids (:func:`to_source_ids` makes one)."""
    return _array(value, str, "a source id or an array of source ids", "a source id (a string)")


_PLAIN = frozenset({str, int, float, bool, dt.date, _NONE})
"""Types of figure kept as they are (the common case, decided by one lookup)."""


def to_figure(value: object, depth: int = 0) -> Any:
    """Make a figure hashable and canonical: lists become tuples, tables become labels.

    Arrays nested deeper than :data:`MAX_NESTING` and tables that are not labels are
    kept as given, for :func:`a_figure` to report.
    """
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Label):
        return value.translations[0][1] if value.plain else value
    if isinstance(value, Mapping):
        label = to_label(value)
        return value if label is value else to_figure(label)
    if isinstance(value, list | tuple) and depth < MAX_NESTING:
        return tuple(to_figure(item, depth + 1) for item in value)
    return value


def a_figure(value: object) -> Found | None:
    """What :func:`to_figure` could convert; which figure a feature takes is a rule of its own.

    >>> a_figure([[[[[[[[[1]]]]]]]]])
    [((), 'arrays nested too deeply: at most 8 deep')]
    """
    if _too_deep(value, 0):
        return [((), f"arrays nested too deeply: at most {MAX_NESTING} deep")]
    return list(_table_problems(value, ())) or None


def _too_deep(value: object, depth: int) -> bool:
    if not isinstance(value, list | tuple):
        return False
    return depth >= MAX_NESTING or any(_too_deep(item, depth + 1) for item in value)


def _table_problems(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The problems of each table in a figure that is not a label."""
    if isinstance(value, Mapping):
        for inner, message in label_problems(value):
            yield (*loc, *inner), message
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _table_problems(item, (*loc, index))


TEXT = takes(a_string, str)
"""The metadata of a field that takes a string (the others alike)."""
OPTIONAL_TEXT = takes(optional(a_string), str, _NONE)
OPTIONAL_DATE = takes(optional(a_date), dt.date, _NONE)
LABEL = takes(a_label, Label)
OPTIONAL_LABEL = takes(optional(a_label), Label, _NONE)
FIGURE = takes(a_figure, str, Label, bool, int, float, dt.date, _NONE)


_CHECKS: dict[type, tuple[tuple[str, Check, frozenset[type]], ...]] = {}


def _checks(kind: type) -> tuple[tuple[str, Check, frozenset[type]], ...]:
    """Each field of an attrs class with what it takes, worked out once per class."""
    checks = _CHECKS.get(kind)
    if checks is None:
        checks = _CHECKS[kind] = tuple(
            (field.name, field.metadata["takes"], field.metadata["fine"])
            for field in attrs.fields(kind)
            if "takes" in field.metadata
        )
    return checks


def wrong_types(obj: object) -> Found:
    """Every field of ``obj`` (an attrs object) that holds the wrong type, as key paths."""
    found: Found = []
    for name, check, fine in _checks(type(obj)):
        value = getattr(obj, name)
        if type(value) not in fine:
            for loc, message in check(value) or ():
                found.append(((name, *loc), message))
    return found


def refuse_wrong_types(obj: object) -> None:
    """Raise :class:`~comparekit.ModelError` listing every field of ``obj`` of the wrong type.

    The problems are located in ``<ClassName>``: the object is not part of a comparison yet.
    """
    found = wrong_types(obj)
    if found:
        where = f"<{type(obj).__name__}>"
        raise ModelError(
            Problem(keypath(loc, {}), message, file=where, loc=loc) for loc, message in found
        )


def to_part(kind: Callable[..., Any]) -> Callable[[object], Any]:
    """A converter to ``kind`` from a table of its fields; None, a ``kind`` or anything it
    cannot convert is kept as given (for the type check to name)."""

    def convert(value: object) -> Any:
        if isinstance(value, Mapping):
            try:
                return kind(**value)
            except (TypeError, ValueError):
                return value
        return value

    return convert


def none_or(kind: type) -> Check:
    """A check for None or a ``kind`` object."""

    def check(value: object) -> Found | None:
        if value is None or isinstance(value, kind):
            return None
        return [((), f"expected a {kind.__name__}, got {describe(value)}")]

    return check
