"""Faults while writing reports, as the user meets them through the ``comparekit`` command.

A render killed (SIGKILL) or stopped (SIGTERM) while saving, or at any moment, leaves each
report either as it was or complete, and no temporary file. Lock files, an unwritable
folder, a directory in the way, a full disk and a missing folder give exit code 1 and a
clear message, no traceback, and keep the previous report. ``tests/test_output.py`` tests
:func:`comparekit.output.write_bytes` itself; this module tests the command.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

import comparekit
from comparekit.cli import main

STEM = "china-remote-work-2020"
FORMATS = ("txt", "md", "xlsx", "pdf", "html")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command in-process and return (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def names(folder: Path) -> list[str]:
    """Every entry of ``folder`` (hidden ones included), sorted."""
    return sorted(path.name for path in folder.iterdir())


def previous(folder: Path, formats: tuple[str, ...] = FORMATS) -> dict[str, bytes]:
    """Write an earlier report for each format into ``folder``; return their bytes by name."""
    old = {f"{STEM}.{ext}": f"previous {ext} report\n".encode() * 500 for ext in formats}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    return old


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports rendered here and in children are stamped the same way."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# ---------------------------------------------------------------- killed while saving

_HOLD_WHILE_SAVING = """
import os, sys, time

folder = os.path.realpath(sys.argv[1])


def _inside(path):
    try:
        return os.path.realpath(os.fspath(path)).startswith(folder + os.sep)
    except TypeError:
        return False


def _fd_inside(fd):
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith(folder + os.sep)
    except OSError:
        return False


def _hold():
    print("SAVING", flush=True)
    time.sleep(30)


def _hook(name, check):
    real = getattr(os, name)

    def hooked(*args, **kwargs):
        if check(*args):
            _hold()
        return real(*args, **kwargs)

    setattr(os, name, hooked)


if sys.argv[2] == "writing":  # the bytes are written: hold before they are made durable
    _hook("fsync", _fd_inside)
    _hook("fdatasync", _fd_inside)
    _hook("link", lambda src, dst, *a: _inside(dst))
else:  # the complete file is about to be renamed over the previous report
    _hook("replace", lambda src, dst, *a: _inside(dst))
    _hook("rename", lambda src, dst, *a: _inside(dst))

from comparekit.cli import main

sys.exit(main(sys.argv[3:]))
"""


def env() -> dict[str, str]:
    """The environment of a child process: no SOURCE_DATE_EPOCH."""
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


def wait_for_line(process: subprocess.Popen[bytes], line: bytes, timeout: float = 120) -> None:
    """Read the child's output until ``line`` (failing if it ends or times out first)."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            got = process.stdout.readline()
            if got.strip() == line:
                return
            assert got, f"the child ended before {line!r}: {process.wait()}"
    pytest.fail(f"no {line!r} from the child within {timeout} s")


@pytest.mark.parametrize("moment", ["writing", "renaming"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_signal_while_saving_keeps_previous_report(
    sample_path: Path, tmp_path: Path, sig: signal.Signals, moment: str
) -> None:
    """A render stopped while saving leaves the previous report byte-identical and no temp file."""
    out = tmp_path / "out"
    out.mkdir()
    old = previous(out, ("pdf",))
    command = [sys.executable, "-c", _HOLD_WHILE_SAVING, str(out), moment]
    command += ["render", str(sample_path), "-f", "pdf", "-o", str(out)]
    process = subprocess.Popen(command, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_line(process, b"SAVING")
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if sig == signal.SIGKILL and moment == "renaming":
        # The one instant a kill can leave a file behind: the complete new report under its
        # temporary name. The next write of that report removes it.
        stray = sorted(set(names(out)) - set(old))
        assert len(stray) == 1
        assert re.fullmatch(rf"\.{STEM}\.pdf\.{process.pid}\.[0-9a-f]+\.tmp", stray[0])
        rerun = [sys.executable, "-m", "comparekit.cli", *command[5:]]
        subprocess.run(rerun, env=env(), check=True, capture_output=True)
        assert names(out) == sorted(old)
        return
    assert names(out) == sorted(old)
    assert contents(out) == old
    if sig == signal.SIGTERM:
        assert process.returncode == 143
        assert b"comparekit: interrupted" in err
        assert b"Traceback" not in err
    else:
        assert process.returncode == -signal.SIGKILL


def test_killed_at_random_moments(sample_path: Path, tmp_path: Path) -> None:
    """Killed at 5 random moments of a 5-format render, each report is old or complete: no temp."""
    reference = tmp_path / "reference"
    command = [sys.executable, "-m", "comparekit.cli", "render", str(sample_path)]
    started = time.monotonic()
    subprocess.run([*command, "-o", str(reference)], env=env(), check=True, capture_output=True)
    duration = time.monotonic() - started
    new = contents(reference)
    assert sorted(new) == sorted(f"{STEM}.{ext}" for ext in FORMATS)
    out = tmp_path / "out"
    out.mkdir()
    old = previous(out)
    rng = random.Random(20200228)
    for attempt in range(5):
        # One kill in each fifth of a whole run, so some land while the files are written.
        delay = duration * (attempt + rng.random()) / 5
        process = subprocess.Popen(
            [*command, "-o", str(out)],
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.kill()
        process.wait()
        assert names(out) == sorted(old), f"attempt {attempt} after {delay:.2f} s"
        for name, data in contents(out).items():
            assert data in (old[name], new[name]), f"{name}: neither old nor new"


def marked(mark: str) -> dict[int, str]:
    """Processes whose environment holds ``COMPAREKIT_TEST_MARK=mark``: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            if f"COMPAREKIT_TEST_MARK={mark}".encode() in environ:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                found[int(entry.name)] = command.decode(errors="replace")
        except OSError:
            continue
    return found


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_stopped_parallel_render_leaves_no_process(
    sample_path: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    """A ``render -j 2`` stopped while its workers render leaves no process behind, old reports."""
    mark = uuid.uuid4().hex
    old = previous(tmp_path)
    command = [sys.executable, "-m", "comparekit.cli", "render", str(sample_path)]
    command += ["-o", str(tmp_path), "-j", "2"]
    # No pipes: a worker left behind would hold them open and hang the wait.
    process = subprocess.Popen(
        command,
        env={**env(), "COMPAREKIT_TEST_MARK": mark},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while sum("spawn_main" in c for c in marked(mark).values()) < 2:
            assert process.poll() is None, "the render ended before its workers were seen"
            assert time.monotonic() < deadline, "no worker processes within 60 s"
            time.sleep(0.05)
        process.send_signal(sig)
        process.wait(timeout=120)
        deadline = time.monotonic() + 3
        while marked(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marked(mark) == {}
        assert contents(tmp_path) == old
    finally:
        for pid in marked(mark):  # only this test's own processes, by id
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
            process.wait()


# ---------------------------------------------------------------- lock files


@pytest.mark.parametrize("lock", [f"~${STEM}.xlsx", f".~lock.{STEM}.xlsx#"])
def test_lock_file_blocks_overwrite(
    sample_path: Path, tmp_path: Path, lock: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook open in Excel or LibreOffice is kept: exit 1, a message naming it and --force."""
    old = previous(tmp_path, ("xlsx",))
    (tmp_path / lock).write_bytes(b"")
    code, _, err = run(["render", str(sample_path), "-f", "xlsx", "-o", str(tmp_path)], capsys)
    assert code == 1
    assert str(tmp_path / f"{STEM}.xlsx") in err
    assert lock in err
    assert "--force" in err
    assert "Traceback" not in err
    assert (tmp_path / f"{STEM}.xlsx").read_bytes() == old[f"{STEM}.xlsx"]
    assert names(tmp_path) == sorted([*old, lock])


@pytest.mark.parametrize("lock", [f"~${STEM}.xlsx", f".~lock.{STEM}.xlsx#"])
def test_force_overrides_lock_file(
    sample_path: Path, tmp_path: Path, lock: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force replaces a workbook whose lock file exists, and leaves the lock file alone."""
    previous(tmp_path, ("xlsx",))
    (tmp_path / lock).write_bytes(b"lock")
    args = ["render", str(sample_path), "-f", "xlsx", "-o", str(tmp_path), "--force"]
    code, out, _ = run(args, capsys)
    assert code == 0
    assert "wrote" in out
    data = (tmp_path / f"{STEM}.xlsx").read_bytes()
    assert data == comparekit.render(comparekit.load(sample_path), "xlsx")
    assert (tmp_path / lock).read_bytes() == b"lock"


def test_lock_file_stops_the_run_before_any_write(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A locked workbook stops the run with nothing written (the CLI promises exit 1 = no write)."""
    old = previous(tmp_path, ("txt", "md", "xlsx"))
    (tmp_path / f".~lock.{STEM}.xlsx#").write_bytes(b"")
    args = ["render", str(sample_path), "-f", "txt,md,xlsx", "-o", str(tmp_path)]
    code, out, _ = run(args, capsys)
    assert code == 1
    assert "wrote" not in out
    assert {name: (tmp_path / name).read_bytes() for name in old} == old


# ---------------------------------------------------------------- unwritable folder


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_folder(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder without write permission: exit 1, "permission denied", the old report kept."""
    old = previous(tmp_path, ("txt",))
    tmp_path.chmod(0o500)
    try:
        code, _, err = run(["render", str(sample_path), "-f", "txt", "-o", str(tmp_path)], capsys)
    finally:
        tmp_path.chmod(0o700)
    assert code == 1
    assert "permission denied" in err
    assert str(tmp_path / f"{STEM}.txt") in err
    assert "Traceback" not in err
    assert contents(tmp_path) == old


def test_permission_denied_in_folder(
    sample_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening any file in the folder fails with EACCES (works as root): exit 1, old report kept."""
    old = previous(tmp_path, ("txt",))
    real_open = os.open
    refused: list[str] = []

    def deny(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).startswith(str(tmp_path)):
            refused.append(os.fspath(path))
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    code, out, err = run(["render", str(sample_path), "-f", "txt", "-o", str(tmp_path)], capsys)
    monkeypatch.undo()
    assert refused
    assert code == 1
    assert out == ""
    assert "permission denied" in err
    assert str(tmp_path / f"{STEM}.txt") in err
    assert "Traceback" not in err
    assert contents(tmp_path) == old


# ---------------------------------------------------------------- a directory in the way


def test_directory_in_place_of_report(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory where the report should go: exit 1, "is a directory", the directory untouched."""
    target = tmp_path / f"{STEM}.txt"
    target.mkdir()
    (target / "keep.txt").write_bytes(b"keep")
    code, _, err = run(["render", str(sample_path), "-f", "txt", "-o", str(tmp_path)], capsys)
    assert code == 1
    assert f"{target}: is a directory" in err
    assert "Traceback" not in err
    assert names(tmp_path) == [target.name]
    assert names(target) == ["keep.txt"]


# ---------------------------------------------------------------- a full disk


class DiskFull:
    """Makes writes to files in one folder fail with ENOSPC, however they are written."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
        self.folder = str(folder.resolve()) + os.sep
        self.injected = 0
        if where == "write":
            real_write, real_fdopen = os.write, os.fdopen
            monkeypatch.setattr(os, "write", self.guard(real_write))
            monkeypatch.setattr(os, "fdopen", self.wrap_fdopen(real_fdopen))
        else:
            monkeypatch.setattr(os, "fsync", self.guard(os.fsync))
            monkeypatch.setattr(os, "fdatasync", self.guard(os.fdatasync))

    def inside(self, fd: int) -> bool:
        try:
            return os.readlink(f"/proc/self/fd/{fd}").startswith(self.folder)
        except OSError:
            return False

    def fail(self) -> None:
        self.injected += 1
        raise OSError(errno.ENOSPC, "No space left on device")

    def guard(self, real: Any) -> Any:
        def guarded(fd: int, *args: Any) -> Any:
            if self.inside(fd):
                self.fail()
            return real(fd, *args)

        return guarded

    def wrap_fdopen(self, real: Any) -> Any:
        outer = self

        class Stream:
            def __init__(self, stream: Any) -> None:
                self.stream = stream

            def write(self, data: bytes) -> int:
                outer.fail()
                return 0

            def __getattr__(self, name: str) -> Any:
                return getattr(self.stream, name)

            def __enter__(self) -> Stream:
                return self

            def __exit__(self, *exc: object) -> None:
                self.stream.close()

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            stream = real(fd, *args, **kwargs)
            return Stream(stream) if self.inside(fd) else stream

        return fdopen


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_keeps_previous_report(
    sample_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """ENOSPC while writing or syncing: exit 1, "the disk is full", old report kept, no temp file."""
    old = previous(tmp_path, ("xlsx",))
    disk = DiskFull(tmp_path, monkeypatch, where)
    code, out, err = run(["render", str(sample_path), "-f", "xlsx", "-o", str(tmp_path)], capsys)
    monkeypatch.undo()
    assert disk.injected, "no write into the folder went through os.write, os.fdopen or os.fsync"
    assert code == 1
    assert "wrote" not in out
    assert "the disk is full" in err
    assert str(tmp_path / f"{STEM}.xlsx") in err
    assert "Traceback" not in err
    assert contents(tmp_path) == old


# ---------------------------------------------------------------- a missing folder


def test_missing_output_folder_is_created(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output folder that does not exist (nor its parent) is created and the reports written."""
    out = tmp_path / "new" / "reports"
    code, stdout, _ = run(["render", str(sample_path), "-f", "txt,md", "-o", str(out)], capsys)
    assert code == 0
    assert stdout.count("wrote ") == 2
    assert names(out) == [f"{STEM}.md", f"{STEM}.txt"]


def test_output_folder_that_cannot_be_made(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output folder under a file cannot be made: exit 1, a message naming it, no traceback."""
    (tmp_path / "file").write_bytes(b"x")
    out = tmp_path / "file" / "reports"
    code, _, err = run(["render", str(sample_path), "-f", "txt", "-o", str(out)], capsys)
    assert code == 1
    assert f"{out}: cannot create the folder" in err
    assert "Traceback" not in err
    assert names(tmp_path) == ["file"]
