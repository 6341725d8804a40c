"""Spec files: load TOML into a :class:`~comparekit.Comparison`, and dump it back.

>>> from comparekit import loads, SpecError
>>> try:
...     loads('format = 1\\n[comparison]\\ntitle = "T"\\ncolour = "red"\\n', name="x.toml")
... except SpecError as error:
...     print(error.problems[0])
x.toml:4: comparison.colour: unknown key 'colour'
"""

from __future__ import annotations

import os
from pathlib import Path

from comparekit.errors import Problem, SpecError
from comparekit.model import Comparison
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import SUPPORTED_FORMAT, read_bytes, read_text
from comparekit.spec.writer import dump

__all__ = ["DEFAULT_LIMITS", "SUPPORTED_FORMAT", "Limits", "dump", "load", "loads"]


def loads(
    text: str, *, name: str = "<string>", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read a comparison from spec text.

    Raises :class:`SpecError` listing every problem, each as ``NAME:LINE: key.path: message``.
    ``strict`` also requires every known value to cite a source.
    """
    return read_text(text, name, limits=limits, strict=strict)


def load(
    path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Comparison:
    """Read a comparison from a spec file (UTF-8 TOML).

    >>> from comparekit import load
    >>> load("specs/china-remote-work-2020.toml").products[0].id
    'dingtalk'
    """
    name = os.fspath(path)
    try:
        file = Path(path)
        if file.is_dir():
            raise SpecError([Problem("", "is a directory, not a spec file", file=name)])
        size = file.stat().st_size
        if size > limits.max_file_bytes:
            message = f"the file is {size:,} bytes; the limit is {limits.max_file_bytes:,}"
            raise SpecError([Problem("", message, file=name)])
        data = file.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SpecError([Problem("", f"cannot read: {reason}", file=name)]) from error
    return read_bytes(data, name, limits=limits, strict=strict)
