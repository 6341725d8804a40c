"""Writing files: atomic replace, lock files, clear errors, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from comparekit import OutputError
from comparekit.errors import escaped
from comparekit.output import lock_files, write_bytes


def test_replaces_atomically_and_leaves_no_temp(tmp_path: Path) -> None:
    """A write replaces the file whole and leaves no temporary file."""
    target = tmp_path / "r.txt"
    target.write_bytes(b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


@pytest.mark.parametrize("lock", ["~$r.xlsx", ".~lock.r.xlsx#"])
def test_lock_file_blocks_unless_forced(tmp_path: Path, lock: str) -> None:
    """An Excel or LibreOffice lock file stops the write unless forced."""
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock).write_bytes(b"")
    assert lock_files(target) == [tmp_path / lock]
    with pytest.raises(OutputError, match="open in a spreadsheet application"):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_directory_in_place_of_file(tmp_path: Path) -> None:
    """A directory where the report should go is a clear error."""
    (tmp_path / "r.txt").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_bytes(tmp_path / "r.txt", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder(tmp_path: Path) -> None:
    """An unwritable folder is a clear error and the old report survives."""
    target = tmp_path / "r.txt"
    target.write_bytes(b"old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_bytes(target, b"new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_bytes() == b"old"


def test_failure_midway_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while replacing (a full disk) keeps the old file and removes the temp file."""
    target = tmp_path / "r.txt"
    target.write_bytes(b"old")

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError, match="the disk is full"):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_keeps_permissions_of_replaced_file(tmp_path: Path) -> None:
    """Replacing a report keeps its permission bits."""
    target = tmp_path / "r.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_stale_temporary_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    """A temp file left by a killed comparekit goes at the next write; a running one's stays."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    ).stdout.strip()
    stale = tmp_path / f".r.txt.{dead}.0123abcd.tmp"
    live = tmp_path / f".r.txt.{os.getpid()}.4567ef01.tmp"
    other = tmp_path / f".s.txt.{dead}.89abcdef.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"left over")
    write_bytes(tmp_path / "r.txt", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r.txt", live.name, other.name])


def test_data_goes_to_an_anonymous_file_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Linux no named temporary file exists while the data is written (O_TMPFILE)."""
    seen: list[list[str]] = []
    real = os.write

    def watching(handle: int, data: bytes) -> int:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        return real(handle, data)

    monkeypatch.setattr(os, "write", watching)
    write_bytes(tmp_path / "r.txt", b"new")
    assert seen
    assert all(names == [] for names in seen)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "a" * 300 + ".txt",
            "the file name is 304 bytes, longer than the 255 this file system allows; "
            "give the spec a shorter name",
        ),
        ("a/" * 3000 + "r.txt", "cannot write there: the name is too long for the file system"),
        ("a\0b.txt", "cannot write: the path has a NUL character"),
    ],
)
def test_path_the_system_refuses(tmp_path: Path, name: str, reason: str) -> None:
    """A name too long for the file system, or with a NUL, is an OutputError naming the
    path, not a raw OSError or ValueError; nothing is written."""
    target = tmp_path / name
    with pytest.raises(OutputError) as info:
        write_bytes(target, b"new")
    assert str(info.value) == f"{escaped(str(target))}: {reason}"
    assert list(tmp_path.iterdir()) == []
