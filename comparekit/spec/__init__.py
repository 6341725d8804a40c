"""Spec files: load TOML or JSON into a :class:`~comparekit.Comparison`, dump it back, or
edit a spec in place (:func:`update`, :func:`update_file`).

:func:`read_spec` is the one place a spec's reader is chosen, by content first.

>>> from comparekit import loads, SpecError
>>> try:
...     loads('format = 1\\n[comparison]\\ntitle = "T"\\ncolour = "red"\\n', name="x.toml")
... except SpecError as error:
...     print(error.problems[0])
x.toml:4: comparison.colour: unknown key 'colour'
"""

from __future__ import annotations

import os

from comparekit.errors import Problem, SpecError, describe
from comparekit.model import Comparison
from comparekit.output import write_bytes
from comparekit.spec.files import is_workbook, read_file
from comparekit.spec.json_reader import is_json, read_json
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import SUPPORTED_FORMAT, decode, read_text
from comparekit.spec.writer import dump

__all__ = [
    "DEFAULT_LIMITS",
    "SUPPORTED_FORMAT",
    "Limits",
    "dump",
    "load",
    "loads",
    "read_spec",
    "update",
    "update_file",
]


def read_spec(
    data: bytes | str, name: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read a spec's or a workbook's bytes, or a spec's text, with the reader its content
    calls for.

    Bytes that are a zip archive (or an encrypted workbook) are a comparekit workbook
    (:mod:`comparekit.spec.workbook`), whatever the name. Text whose first character other
    than white space is ``{`` is JSON, as is anything named ``*.json`` (the suffix is a
    hint: a broken JSON file gets JSON's messages); the rest is TOML. Spec bytes must be
    UTF-8 (without a BOM) whatever the format.

    >>> read_spec('{"format": 1, "comparison": {"title": "T"}}', "spec.toml").title.text("en")
    'T'
    """
    if isinstance(data, bytes) and is_workbook(data):
        from comparekit.spec import workbook  # only a workbook needs openpyxl and defusedxml

        return workbook.read_workbook(data, name, limits=limits, strict=strict)
    text = data if isinstance(data, str) else decode(data, name, limits)
    if is_json(text, name):
        return read_json(text, name, limits=limits, strict=strict)
    return read_text(text, name, limits=limits, strict=strict)


def loads(
    text: str | bytes,
    *,
    name: str = "<string>",
    limits: Limits = DEFAULT_LIMITS,
    strict: bool = False,
) -> Comparison:
    """Read a comparison from spec text (TOML or JSON), or from a spec file's bytes
    (UTF-8) or a comparekit workbook's (.xlsx), the reader chosen by :func:`read_spec`.

    Raises :class:`SpecError` listing every problem, each as ``NAME:LINE: key.path: message``.
    ``strict`` also requires every known value to cite a source. Bytes are read as a spec
    file's bytes are: UTF-8, with a clear message for a BOM, UTF-16 or invalid UTF-8.
    Arguments of the wrong type raise ``TypeError``.

    >>> loads(b'format = 1\\n[comparison]\\ntitle = "T"\\n').title
    Label(translations=(('', 'T'),))
    """
    _check_options("loads", name, limits, strict)
    if isinstance(text, bytes | bytearray):
        return read_spec(bytes(text), name, limits=limits, strict=strict)
    if not isinstance(text, str):
        raise TypeError(f"loads() reads spec text (str or bytes), got {describe(text)}")
    return read_spec(text, name, limits=limits, strict=strict)


def load(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read a comparison from a spec file (UTF-8 TOML or JSON) or a comparekit workbook
    (.xlsx), known by its content: see :func:`read_spec`.

    A file that cannot be read (missing, a folder, a name too long for the system)
    raises :class:`SpecError` naming it; a ``path`` that is not a ``str`` or
    ``os.PathLike`` raises ``TypeError``.

    >>> from comparekit import load
    >>> load("specs/china-remote-work-2020.toml").products[0].id
    'dingtalk'
    """
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise TypeError(f"load() needs a path (str or os.PathLike), got {describe(path)}")
    _check_options("load", name, limits, strict)
    if not name:
        raise SpecError([Problem("", "an empty path names no spec file", file='""')])
    if "\0" in name:
        raise SpecError([Problem("", "cannot read: the path has a NUL character", file=name)])
    return read_spec(read_file(name, limits), name, limits=limits, strict=strict)


def update(
    text: str, comparison: Comparison, *, name: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> str:
    """Spec ``text`` changed only where ``comparison`` differs from it: comments, order,
    layout and literal styles kept (:func:`comparekit.spec.editor.update`).

    >>> text = 'format = 1  # spec format\\n\\n[comparison]\\ntitle = "Old"\\n'
    >>> print(update(text, Comparison(title="New")))
    format = 1  # spec format
    <BLANKLINE>
    [comparison]
    title = "New"
    <BLANKLINE>
    """
    from comparekit.spec import editor  # tomlkit is imported only when a spec is edited

    return editor.update(text, comparison, name=name, limits=limits)


def update_file(
    path: str | os.PathLike[str],
    comparison: Comparison,
    *,
    limits: Limits = DEFAULT_LIMITS,
    force: bool = False,
) -> bool:
    """Edit the spec file at ``path`` in place to hold ``comparison``; True if it changed.

    The file is read as :func:`load` reads it (its problems raise :class:`SpecError`),
    changed by :func:`update`, and written atomically by :mod:`comparekit.output` only when
    the result loads back to ``comparison``: on any failure the file is as it was. ``force``
    replaces a file that a spreadsheet application has open.
    """
    name = os.fspath(path)
    text = decode(read_file(name, limits), name, limits)
    if is_json(text, name):
        raise SpecError(
            [Problem("", "a JSON spec cannot be edited in place: only TOML", file=name)]
        )
    result = update(text, comparison, name=name, limits=limits)
    if result == text:
        return False
    write_bytes(name, result.encode("utf-8"), force=force)
    return True


def _check_options(function: str, name: object, limits: object, strict: object) -> None:
    """Raise ``TypeError`` for a reading option of the wrong type."""
    for key, value, kind in (
        ("name", name, str),
        ("limits", limits, Limits),
        ("strict", strict, bool),
    ):
        if not isinstance(value, kind):
            raise TypeError(f"{function}(): {key} must be {kind.__name__}, got {describe(value)}")
