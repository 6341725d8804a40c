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

from comparekit.model import Comparison
from comparekit.spec.files import read_file
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import SUPPORTED_FORMAT, read_bytes, read_text
from comparekit.spec.writer import dump

__all__ = ["DEFAULT_LIMITS", "SUPPORTED_FORMAT", "Limits", "dump", "load", "loads"]


def loads(
    text: str | bytes,
    *,
    name: str = "<string>",
    limits: Limits = DEFAULT_LIMITS,
    strict: bool = False,
) -> Comparison:
    """Read a comparison from spec text, or from a spec file's bytes (UTF-8).

    Raises :class:`SpecError` listing every problem, each as ``NAME:LINE: key.path: message``.
    ``strict`` also requires every known value to cite a source. The text is held to
    ``limits.max_file_bytes`` (its size in UTF-8) as a file is.
    """
    if isinstance(text, bytes | bytearray):
        return read_bytes(bytes(text), name, limits=limits, strict=strict)
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
    return read_bytes(read_file(path, limits), name, limits=limits, strict=strict)
