"""Writing reports to disk: the one place files are written.

:func:`write_bytes` writes to a temporary file beside the target, flushes it to
disk and renames it over the target in one step, so a failure or a kill never
leaves a half-written report and never destroys the previous one. On Linux the
data goes first into an anonymous file (``O_TMPFILE``) that gets a name only
once it is complete, so even ``kill -9`` during the write leaves no stray file. It refuses
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
import glob
import os
import tempfile
import uuid
from pathlib import Path

from comparekit.errors import OutputError

__all__ = ["check_target", "lock_files", "write_bytes"]


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
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system"
    return error.strerror or str(error)


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise :class:`OutputError` if a report cannot go to ``path``: a folder is in the way,
    the folder is missing, or a spreadsheet application has the file open (unless ``force``).

    Cheap, so a caller can check every target before writing the first one.
    """
    target = Path(path)
    folder = target.parent
    if "\0" in str(target):
        raise OutputError(f"{target}: cannot write: the path has a NUL character")
    try:
        if target.is_dir():
            raise OutputError(f"{target}: is a directory, not a file; choose another output name")
        if not folder.is_dir():
            raise OutputError(f"{target}: the folder {folder} does not exist")
    except OSError as error:  # a name too long, a loop of links: the path itself is wrong
        if isinstance(error, OutputError):
            raise
        raise OutputError(f"{target}: cannot write: {_reason(error)}") from error
    locks = lock_files(target)
    if locks and not force:
        raise OutputError(
            f"{target}: the file is open in a spreadsheet application ({locks[0].name} exists); "
            "close it, or pass --force to replace it anyway"
        )


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` if it cannot be done.

    On any failure the file at ``path`` (if there was one) is unchanged and no
    temporary file is left behind.
    """
    target = Path(path)
    folder = target.parent
    check_target(target, force=force)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    temporary: Path | None = None
    try:
        temporary = _complete_file(folder, target.name, data, mode)
        os.replace(temporary, target)
        _remove_stale(folder, target.name)
    except BaseException as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write in {folder}: {_reason(error)}") from error
        raise


def _complete_file(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """Write ``data`` to a new file in ``folder`` and return its (temporary) name.

    The file gets a name only after its data is on disk where the system allows
    (Linux ``O_TMPFILE``); elsewhere a named temporary file is removed on failure.
    """
    anonymous = getattr(os, "O_TMPFILE", 0)
    if anonymous:
        try:
            handle = os.open(folder, anonymous | os.O_WRONLY, mode)
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
        else:
            try:
                _fill(handle, data, mode)
                return _name_anonymous(
                    handle, folder / f"{_prefix(name)}{uuid.uuid4().hex[:12]}.tmp"
                )
            except OSError as error:
                if error.errno not in (errno.EXDEV, errno.ENOENT, errno.EPERM):
                    raise
            finally:
                os.close(handle)
    handle, named = tempfile.mkstemp(prefix=_prefix(name), suffix=".tmp", dir=folder)
    try:
        _fill(handle, data, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(named)
        raise
    finally:
        os.close(handle)
    return Path(named)


def _prefix(name: str) -> str:
    """Temporary files for ``name`` are ``.<name>.<pid>.<random>.tmp``: hidden, and owned."""
    return f".{name}.{os.getpid()}."


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files for ``name`` that a killed comparekit left behind.

    A kill in the instant between naming a complete file and renaming it over the
    report leaves one; the next write of the same report removes it, unless the
    process that made it is still running.
    """
    for path in folder.glob(f".{glob.escape(name)}.*.tmp"):
        owner = path.name[len(name) + 2 :].split(".")[0]
        if owner.isdigit() and not _running(int(owner)):
            with contextlib.suppress(OSError):
                path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _name_anonymous(handle: int, name: Path) -> Path:
    """Give the anonymous file open as ``handle`` the name ``name`` (``linkat`` through /proc)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(handle), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)
    return name


def _fill(handle: int, data: bytes, mode: int) -> None:
    """Write all of ``data`` to an open file, set its mode and flush it to disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]
    os.fchmod(handle, mode)
    os.fsync(handle)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
