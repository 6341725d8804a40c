"""Reading a spec's bytes from a file or a stream, never more than the size limit allows.

A regular file's size is known before reading, but a pipe's, a FIFO's or a device's is
not (``st_size`` is 0), so at most ``limit + 1`` bytes are read from anything: ``yes |
comparekit check -`` and ``comparekit check /dev/zero`` stop at the limit with a message
instead of filling memory.

>>> import io
>>> read_stream(io.BytesIO(b"format = 1\\n"), "<stdin>")
b'format = 1\\n'
>>> from comparekit.spec import Limits
>>> read_stream(io.BytesIO(b"x" * 11), "<stdin>", Limits(max_file_bytes=10))
Traceback (most recent call last):
...
comparekit.errors.SpecError: 1 problem
<stdin>: the input is longer than the limit of 10 bytes
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from comparekit.errors import Problem, SpecError
from comparekit.spec.limits import DEFAULT_LIMITS, Limits

__all__ = ["OLE", "STDIN", "is_workbook", "read_file", "read_stream"]

STDIN = "<stdin>"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE file: an encrypted workbook, or an old binary .xls."""


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is a zip archive or an OLE file (an encrypted workbook or an .xls),
    which only the workbook reader (:mod:`comparekit.spec.workbook`) can say more about.
    Known from the first bytes, without importing that reader.

    >>> is_workbook(b"PK\x03\x04..."), is_workbook(b"format = 1")
    (True, False)
    """
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or data[:8] == OLE


"""How messages name a spec read from standard input."""

_CHUNK = 1 << 20


def read_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of the spec file at ``path``; :class:`SpecError` if it cannot be read or is
    over ``limits.max_file_bytes``.

    Works for FIFOs and devices too. Opening a FIFO waits for a writer, as ``cat`` does
    (Ctrl-C or SIGTERM stop the wait); then at most the limit and one byte are read.
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise _problem(name, "is a directory, not a spec file")
            if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_file_bytes:
                raise _problem(
                    name,
                    f"the file is {info.st_size:,} bytes; the limit is {limits.max_file_bytes:,}",
                )
            return read_stream(file, name, limits)
    except IsADirectoryError as error:
        raise _problem(name, "is a directory, not a spec file") from error
    except OSError as error:
        raise _problem(name, f"cannot read: {error.strerror or error}") from error


def read_stream(stream: BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read ``stream`` to its end, or :class:`SpecError` once it passes the size limit."""
    limit = limits.max_file_bytes
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _problem(name, f"the input is longer than the limit of {limit:,} bytes")


def _problem(name: str, message: str) -> SpecError:
    return SpecError([Problem("", message, file=name)])
