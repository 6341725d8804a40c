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
import hashlib
import os
import re
import sys
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

from comparekit.errors import OutputError

__all__ = [
    "STDOUT",
    "StdoutClosed",
    "check_target",
    "distinct_targets",
    "lock_files",
    "print_text",
    "write_all",
    "write_bytes",
    "write_stdout",
]

STDOUT = "standard output"
"""How messages name standard output."""


class StdoutClosed(Exception):
    """Standard output was closed by its reader (``| head``): stop quietly, as Unix tools do.

    Not an :class:`OSError`, so that nothing between the write and the command line's
    top level takes it for another failure.
    """


def lock_files(path: Path) -> list[Path]:
    """Lock files that show ``path`` is open in Excel or LibreOffice, if any exist.

    A lock file whose name would be too long for the file system cannot exist, so it is
    not looked for (a report name near 255 bytes has none).
    """
    candidates = [
        path.with_name(f"~${path.name}"),
        path.with_name(f".~lock.{path.name}#"),
    ]
    return [lock for lock in candidates if _exists(lock)]


def _exists(path: Path) -> bool:
    """``path.exists()``, but a name too long to exist is simply absent."""
    try:
        return path.exists()
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return False
        raise


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
        _check_name(target)
        if target.is_dir():
            raise OutputError(f"{target}: is a directory, not a file; choose another output name")
        if not folder.is_dir():
            raise OutputError(f"{target}: the folder {folder} does not exist")
        locks = lock_files(target)
    except OutputError:
        raise
    except OSError as error:
        raise OutputError(f"{target}: cannot write there: {_reason(error)}") from error
    if locks and not force:
        raise OutputError(
            f"{target}: the file is open in a spreadsheet application ({locks[0].name} exists); "
            "close it, or pass --force to replace it anyway"
        )


def _check_name(target: Path) -> None:
    """:class:`OutputError` if the file name is longer than the folder's file system allows."""
    size = len(os.fsencode(target.name))
    if size <= 255:
        return
    try:
        most = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        most = 255
    if size > most:
        raise OutputError(
            f"{target}: the file name is {size} bytes, longer than the {most} this file system "
            "allows; give the spec a shorter name"
        )


def distinct_targets(targets: Iterable[tuple[str, Path]]) -> None:
    """Raise :class:`OutputError` if two different sources would write the same file.

    ``targets`` pairs each report's source (a spec's name) with its output path. Checked
    before anything is rendered or written, so that no report silently replaces another.

    >>> from pathlib import Path
    >>> distinct_targets([("a/x.toml", Path("out/x.txt")), ("b/x.toml", Path("out/x.txt"))])
    Traceback (most recent call last):
    ...
    comparekit.errors.OutputError: out/x.txt: a/x.toml and b/x.toml would both write this \
report; rename one of them, or render them in separate runs with different -o folders
    """
    owners: dict[Path, str] = {}
    for source, path in targets:
        first = owners.setdefault(path, source)
        if first != source:
            raise OutputError(
                f"{path}: {first} and {source} would both write this report; rename one of "
                "them, or render them in separate runs with different -o folders"
            )


def write_all(files: Sequence[tuple[Path, bytes]], *, force: bool = False) -> None:
    """Write several reports all or none: :class:`OutputError` if any cannot be written.

    Every target is checked, then every report is written complete to an anonymous file
    in its folder (a killed process leaves nothing of these), and only then is each one
    named and renamed over its target. A failure while writing (a full disk) leaves every
    target as it was and no temporary file.
    """
    for target, _ in files:
        check_target(target, force=force)
    ready: list[_Ready] = []
    try:
        for target, data in files:
            ready.append(_prepare(target, data))
    except BaseException as error:
        for made in ready:
            made.discard()
        if isinstance(error, OSError):
            target = files[len(ready)][0]
            raise OutputError(
                f"{target}: cannot write in {target.parent}: {_reason(error)}; "
                "no report was written"
            ) from error
        raise
    try:
        for made in ready:
            try:
                made.publish()
            except OSError as error:
                raise OutputError(
                    f"{made.target}: cannot write in {made.target.parent}: {_reason(error)}"
                ) from error
            _remove_stale(made.target.parent, made.target.name)
    finally:
        for made in ready:
            made.discard()


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output in full and flush it.

    :class:`OutputError` if it cannot (``/dev/full``: "the disk is full"). A closed pipe
    raises :class:`StdoutClosed`, for the caller to end quietly as Unix tools do.
    """
    stream = sys.stdout
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError as error:
        raise StdoutClosed from error
    except OSError as error:
        raise OutputError(f"{STDOUT}: cannot write: {_reason(error)}") from error


def print_text(text: str) -> None:
    """Print ``text`` and a newline to standard output, as :func:`write_stdout` does."""
    try:
        sys.stdout.write(f"{text}\n")
        sys.stdout.flush()
    except BrokenPipeError as error:
        raise StdoutClosed from error
    except OSError as error:
        raise OutputError(f"{STDOUT}: cannot write: {_reason(error)}") from error


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` if it cannot be done.

    On any failure the file at ``path`` (if there was one) is unchanged and no
    temporary file is left behind.
    """
    target = Path(path)
    folder = target.parent
    check_target(target, force=force)
    made: _Ready | None = None
    try:
        made = _prepare(target, data)
        made.publish()
        _remove_stale(folder, target.name)
    except OSError as error:
        raise OutputError(f"{target}: cannot write in {folder}: {_reason(error)}") from error
    finally:
        if made is not None:
            made.discard()


def _mode(target: Path) -> int:
    """The permission bits a report gets: those of the file it replaces, else the umask's."""
    return target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()


class _Ready:
    """A report written complete to a file beside its target, not yet in its place.

    Where the system allows (Linux ``O_TMPFILE``) the file is anonymous until
    :meth:`publish`: a process killed before then leaves nothing behind. Elsewhere it is a
    named temporary file, removed by :meth:`discard` unless it was published.
    """

    def __init__(self, target: Path, data: bytes) -> None:
        self.target = target
        self.data = data
        self.mode = _mode(target)
        self.handle: int | None = None
        self.path: Path | None = None

    def write(self) -> None:
        """Write the data to an anonymous file, or else to a named temporary one."""
        folder = self.target.parent
        anonymous = getattr(os, "O_TMPFILE", 0)
        if anonymous:
            try:
                self.handle = os.open(folder, anonymous | os.O_WRONLY, self.mode)
            except OSError as error:
                if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                    raise
            else:
                _fill(self.handle, self.data, self.mode)
                return
        self._write_named()

    def _write_named(self) -> None:
        handle, named = tempfile.mkstemp(
            prefix=_prefix(self.target.name), suffix=".tmp", dir=self.target.parent
        )
        self.path = Path(named)
        try:
            _fill(handle, self.data, self.mode)
        finally:
            os.close(handle)

    def publish(self) -> None:
        """Give the complete file a name beside the target and rename it over the target."""
        if self.handle is not None:
            name = self.target.parent / f"{_prefix(self.target.name)}{uuid.uuid4().hex[:12]}.tmp"
            try:
                self.path = _name_anonymous(self.handle, name)
            except OSError as error:  # no /proc, or linkat refused: write a named file
                if error.errno not in (errno.EXDEV, errno.ENOENT, errno.EPERM):
                    raise
                self._write_named()
        assert self.path is not None
        os.replace(self.path, self.target)
        self.path = None

    def discard(self) -> None:
        """Close the anonymous file and remove a named one that was not published."""
        if self.handle is not None:
            with contextlib.suppress(OSError):
                os.close(self.handle)
            self.handle = None
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            self.path = None


def _prepare(target: Path, data: bytes) -> _Ready:
    """``data`` written complete beside ``target``; nothing is left behind on failure."""
    made = _Ready(target, data)
    try:
        made.write()
    except BaseException:
        made.discard()
        raise
    return made


_LONG_NAME = 200
"""Bytes of a report name kept in its temporary files' names: room for the rest under 255."""


def _prefix(name: str) -> str:
    """Temporary files for ``name`` are ``.<tag>.<pid>.<random>.tmp``: hidden, and owned.

    The tag is the report name (a long one shortened and made unique with a hash, so that
    the temporary name fits the file system's limit too). The pid and the random part hold
    no dot, so the owner is read from the right end, whatever dots and digits the name has.
    """
    return f".{_tag(name)}.{os.getpid()}."


def _tag(name: str) -> str:
    """``name``, or for a name over :data:`_LONG_NAME` bytes its start and a hash of it all.

    >>> _tag("x.123.txt")
    'x.123.txt'
    >>> len(os.fsencode(_tag("é" * 200))) <= _LONG_NAME
    True
    """
    encoded = os.fsencode(name)
    if len(encoded) <= _LONG_NAME:
        return name
    digest = hashlib.sha256(encoded).hexdigest()[:16]
    start = name
    while len(os.fsencode(start)) > _LONG_NAME - len(digest) - 1:
        start = start[:-1]
    return f"{start}~{digest}"


def _owner(path: Path, name: str) -> int | None:
    """The pid in the name of a temporary file for ``name``; ``None`` if it is not one."""
    match = re.fullmatch(re.escape(f".{_tag(name)}.") + r"(\d+)\.[a-z0-9_]+\.tmp", path.name)
    return int(match.group(1)) if match else None


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files for ``name`` that a killed comparekit left behind.

    A kill in the instant between naming a complete file and renaming it over the
    report leaves one; the next write of the same report removes it, unless the
    process that made it is still running.
    """
    for path in folder.glob(f".{glob.escape(_tag(name))}.*.tmp"):
        owner = _owner(path, name)
        if owner is not None and not _running(owner):
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
