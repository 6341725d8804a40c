"""Reading a theme's logo: a local PNG or SVG file next to the spec, read with the care of
every input.

The path is relative to the spec's folder and must stay in it (no absolute path, no
``..``, no symbolic link out of it, never a URL: nothing is fetched); the file is at most
:data:`~comparekit.model.presentation.MAX_LOGO_BYTES` and its type is known by content
(:func:`~comparekit.model.presentation.logo_problem`: the PNG signature, or an SVG parsed
with defusedxml, without scripts or outside references).

>>> read_logo("../logo.png", ".")
Traceback (most recent call last):
...
ValueError: a logo path must stay in the spec's folder: no ".." part
"""

from __future__ import annotations

import os
import stat

from comparekit.errors import quoted
from comparekit.model.presentation import (
    MAX_LOGO_BYTES,
    Logo,
    logo_path_problem,
    logo_problem,
)
from comparekit.spec.files import STDIN

__all__ = ["read_logo", "spec_folder"]


def spec_folder(name: str) -> str | None:
    """The folder a spec's logo path is relative to: the spec file's own; the current folder
    for standard input; None for text without a file name (``<string>``: the logo is
    kept by its path, unread)."""
    if name == STDIN:
        return "."
    if name.startswith("<"):
        return None
    return os.path.dirname(name) or "."


def read_logo(path: str, folder: str) -> Logo:
    """The logo at ``path`` (relative to ``folder``), read and checked; ``ValueError``
    with the reason if it cannot be."""
    problem = logo_path_problem(path)
    if problem:
        raise ValueError(problem)
    full = os.path.join(folder, path)
    inside = os.path.realpath(folder)
    if os.path.commonpath([inside, os.path.realpath(full)]) != inside:
        raise ValueError("a logo path must stay in the spec's folder (a link leads out of it)")
    try:
        with open(full, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ValueError(f"cannot read the logo {quoted(path)}: not a regular file")
            if info.st_size > MAX_LOGO_BYTES:
                raise ValueError(
                    f"the logo is {info.st_size:,} bytes; the limit is {MAX_LOGO_BYTES:,}"
                )
            data = file.read(MAX_LOGO_BYTES + 1)
    except OSError as error:
        raise ValueError(
            f"cannot read the logo {quoted(path)}: {error.strerror or error}"
        ) from None
    problem = logo_problem(data)
    if problem:
        raise ValueError(problem)
    return Logo(path, data)
