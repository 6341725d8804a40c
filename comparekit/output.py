"""Writing reports to disk: the one place files are written.

:func:`write_bytes` writes to a temporary file beside the target, flushes it to
disk and renames it over the target in one step, so a failure or a kill never
leaves a half-written report and never destroys the previous one. It refuses
to replace a report that a spreadsheet application has open (its lock file is
beside it) unless ``force`` is given.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_bytes(folder / "report.txt", b"hello\\n")
>>> (folder / "report.txt").read_bytes()
b'hello\\n'
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from comparekit.errors import OutputError

__all__ = ["lock_files", "write_bytes"]


def lock_files(path: Path) -> list[Path]:
    """Lock files that show ``path`` is open in Excel or LibreOffice, if any exist."""
    candidates = [
        path.with_name(f"~${path.name}"),
        path.with_name(f".~lock.{path.name}#"),
    ]
    return [lock for lock in candidates if lock.exists()]


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return error.strerror or str(error)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` if it cannot be done.

    On any failure the file at ``path`` (if there was one) is unchanged and no
    temporary file is left behind.
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise OutputError(f"{target}: is a directory, not a file; choose another output name")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    locks = lock_files(target)
    if locks and not force:
        raise OutputError(
            f"{target}: the file is open in a spreadsheet application ({locks[0].name} exists); "
            "close it, or pass --force to replace it anyway"
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{target}: cannot write in {folder}: {_reason(error)}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write: {_reason(error)}") from error
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
