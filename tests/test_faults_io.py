"""Faults of streams and names, through the command and the Python API (issue 14, classes 5, 8).

Streams: a spec larger than the limit from a pipe, a FIFO or a device (``/dev/zero``) is
refused after reading at most the limit and one byte; ``-`` reads a spec from standard
input and ``-o -`` writes one report to standard output. Names and environment: two specs
with one stem, the same spec twice, a report name near 255 bytes, an invalid
``SOURCE_DATE_EPOCH``, standard output full or closed, and temporary-file names of reports
whose names hold digits and dots.
"""

from __future__ import annotations

import errno
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import comparekit
from comparekit import Limits, OutputError, SpecError
from comparekit.cli import main
from comparekit.output import _tag, lock_files, write_all, write_bytes
from comparekit.renderers.epoch import LATEST, epoch_problem, source_date_epoch
from comparekit.spec import DEFAULT_LIMITS
from comparekit.spec.files import read_stream

STEM = "china-remote-work-2020"
LIMIT = DEFAULT_LIMITS.max_file_bytes
TOO_LONG = f"the input is longer than the limit of {LIMIT:,} bytes"
COMMAND = [sys.executable, "-m", "comparekit.cli"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command in-process and return (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def child_env(**extra: str) -> dict[str, str]:
    """A child's environment: no SOURCE_DATE_EPOCH unless given, UTF-8 output."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, "PYTHONIOENCODING": "utf-8", **extra}


def cap_memory() -> None:
    """In a child: at most 1 GiB of address space, so reading without a limit fails fast."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports rendered here are stamped the same way."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# ---------------------------------------------------------------- class 5: streams


@pytest.mark.parametrize("source", ["-", "/dev/stdin"])
def test_endless_pipe_stops_at_the_limit(source: str) -> None:
    """``yes | comparekit check -`` (or ``/dev/stdin``) ends with the limit's message, quickly,
    within 1 GiB of memory, instead of reading until MemoryError."""
    feeder = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        start = time.monotonic()
        result = subprocess.run(
            [*COMMAND, "check", source],
            stdin=feeder.stdout,
            capture_output=True,
            env=child_env(),
            preexec_fn=cap_memory,
            timeout=120,
            check=False,
        )
    finally:
        feeder.kill()
        feeder.wait()
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert stderr == f"1 problem\n<stdin>: {TOO_LONG}\n".replace(
        "<stdin>", "<stdin>" if source == "-" else "/dev/stdin"
    )
    assert time.monotonic() - start < 60


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_is_refused(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``check /dev/zero`` and ``/dev/urandom`` stop at the limit with a message, exit 1."""
    code, out, err = run(["check", device], capsys)
    assert (code, out) == (1, "")
    assert err == f"1 problem\n{device}: {TOO_LONG}\n"
    with pytest.raises(SpecError, match="longer than the limit"):
        comparekit.load(device)


def test_load_reads_no_more_than_the_limit() -> None:
    """The API reads at most limit + 1 bytes from a stream, whatever its length."""

    class Endless:
        read_total = 0

        def read(self, size: int) -> bytes:
            self.read_total += size
            return b"#" * size

    stream = Endless()
    with pytest.raises(SpecError, match="longer than the limit of 1,000 bytes"):
        read_stream(stream, "<stream>", Limits(max_file_bytes=1000))  # type: ignore[arg-type]
    assert stream.read_total == 1001


def test_fifo_is_read_to_its_end(tmp_path: Path, sample_path: Path) -> None:
    """A spec written into a FIFO is read like a file."""
    fifo = tmp_path / "spec.toml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(sample_path.read_bytes(),))
    writer.start()
    try:
        assert comparekit.load(fifo) == comparekit.load(sample_path)
    finally:
        writer.join(10)


def test_fifo_whose_writer_never_stops(tmp_path: Path) -> None:
    """A FIFO whose writer never closes is read up to the limit, then refused."""
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write() -> None:
        with open(fifo, "wb") as file:
            while not stop.is_set():
                try:
                    file.write(b"# padding\n" * 1000)
                except BrokenPipeError:
                    return

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(SpecError, match="longer than the limit of 100,000 bytes"):
            comparekit.load(fifo, limits=Limits(max_file_bytes=100_000))
    finally:
        stop.set()
        writer.join(10)


def test_fifo_without_writer_waits_and_stops_on_sigterm(tmp_path: Path) -> None:
    """A FIFO nobody writes to waits for a writer, as ``cat`` does; SIGTERM ends the wait
    with exit 143 and one line, no traceback."""
    fifo = tmp_path / "nobody.toml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [*COMMAND, "check", str(fifo)], stderr=subprocess.PIPE, env=child_env()
    )
    time.sleep(2)
    assert process.poll() is None
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143
    assert stderr.decode().startswith("comparekit: interrupted")
    assert "Traceback" not in stderr.decode()


def test_directory_and_unreadable_paths(tmp_path: Path, sample_path: Path) -> None:
    """A directory, or a path through a file, is a SpecError naming it through the API."""
    with pytest.raises(SpecError, match="is a directory, not a spec file"):
        comparekit.load(tmp_path)
    inside = tmp_path / "spec.toml"
    inside.write_bytes(sample_path.read_bytes())
    with pytest.raises(SpecError, match=r"spec\.toml/x: cannot read: Not a directory"):
        comparekit.load(inside / "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec the user may not read: exit 1, "Permission denied", no traceback."""
    spec = tmp_path / "secret.toml"
    spec.write_bytes(sample_path.read_bytes())
    spec.chmod(0)
    code, _, err = run(["check", str(spec)], capsys)
    assert code == 1
    assert err == f"1 problem\n{spec}: cannot read: Permission denied\n"


def test_loads_applies_the_limit_to_text_and_bytes() -> None:
    """loads() holds text (measured in UTF-8) and bytes to the limit a file is held to."""
    limits = Limits(max_file_bytes=50)
    with pytest.raises(SpecError, match="the text is longer than the limit of 50 bytes"):
        comparekit.loads("é" * 30, limits=limits)  # 30 characters, 60 bytes
    with pytest.raises(SpecError, match="the file is 51 bytes; the limit is 50"):
        comparekit.loads(b"#" * 51, limits=limits)
    big = "#" * (LIMIT + 1)
    with pytest.raises(SpecError, match="longer than the limit"):
        comparekit.loads(big)


def test_loads_takes_bytes(sample_path: Path) -> None:
    """loads() reads a spec file's bytes as load() reads the file."""
    assert comparekit.loads(sample_path.read_bytes()) == comparekit.load(sample_path)
    with pytest.raises(SpecError, match="byte-order mark"):
        comparekit.loads(b"\xef\xbb\xbfformat = 1\n", name="x.toml")


def stdin_run(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    """Run the command in a new process with ``data`` on standard input."""
    return subprocess.run(
        [*COMMAND, *args], input=data, capture_output=True, env=child_env(), check=False
    )


def test_dash_reads_standard_input(sample_path: Path, tmp_path: Path) -> None:
    """``-`` is standard input for check, show and render; ``-o -`` standard output: the same
    bytes as the file the render would write."""
    spec = sample_path.read_bytes()
    checked = stdin_run(["check", "-"], spec)
    assert checked.returncode == 0
    assert checked.stdout.decode().startswith("<stdin>: ok (4 products")
    shown = stdin_run(["show", "-", "--width", "100"], spec)
    written = stdin_run(["show", str(sample_path), "--width", "100"], b"")
    assert shown.returncode == 0
    assert shown.stdout == written.stdout
    for fmt in ("md", "xlsx"):
        piped = stdin_run(["render", "-", "-f", fmt, "-o", "-"], spec)
        assert piped.returncode == 0, piped.stderr
        main(["render", str(sample_path), "-f", fmt, "-o", str(tmp_path)])
        assert piped.stdout == (tmp_path / f"{STEM}.{fmt}").read_bytes()


def test_bad_spec_on_standard_input_is_named_stdin() -> None:
    """A bad spec read from ``-`` is reported as ``<stdin>`` with its line."""
    result = stdin_run(["check", "-"], b"format = 2\n")
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[1].startswith("<stdin>:1: format:")


def test_dash_twice_reads_standard_input_once(sample_path: Path) -> None:
    """``check - -`` checks standard input once (a spec named twice is read once)."""
    result = stdin_run(["check", "-", "-"], sample_path.read_bytes())
    assert result.returncode == 0
    assert result.stdout.decode().count("<stdin>: ok") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "-"], "-o - writes one report to standard output, but this asks for 5"),
        (["-f", "md", "--lang", "en,ko", "-o", "-"], "but this asks for 2"),
        (["-f", "md"], "a spec read from standard input (-) has no file name"),
    ],
)
def test_dash_usage_errors(
    args: list[str],
    message: str,
    sample_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``-o -`` with several reports, or ``-`` with an output folder: usage error, exit 2,
    nothing read, nothing written."""
    monkeypatch.chdir(tmp_path)
    spec = "-" if "-o" not in args else str(sample_path)
    code, out, err = run(["render", spec, *args], capsys)
    assert (code, out) == (2, "")
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_two_specs_with_two_reports_to_stdout_refused(
    sample_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``-o -`` with two specs is a usage error too."""
    other = tmp_path / "other.toml"
    other.write_bytes(sample_path.read_bytes())
    code, _, err = run(["render", str(sample_path), str(other), "-f", "md", "-o", "-"], capsys)
    assert code == 2
    assert "but this asks for 2 (2 spec(s)" in err


# ---------------------------------------------------------------- class 8: collisions


def test_same_stem_in_two_folders_is_refused(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``render a/x.toml b/x.toml`` stops before writing, naming both specs and the report;
    reports already there are left as they were."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.toml").write_bytes(sample_path.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.md").write_bytes(b"old")
    a, b = tmp_path / "a" / "x.toml", tmp_path / "b" / "x.toml"
    code, stdout, err = run(["render", str(a), str(b), "-f", "txt,md", "-o", str(out)], capsys)
    assert (code, stdout) == (1, "")
    assert err == (
        f"comparekit: {out / 'x.txt'}: {a} and {b} would both write this report; rename one "
        "of them, or render them in separate runs with different -o folders\n"
    )
    assert [p.name for p in out.iterdir()] == ["x.md"]
    assert (out / "x.md").read_bytes() == b"old"


def test_same_spec_twice_is_rendered_once(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same spec named twice, or by two paths, is rendered once, not refused."""
    again = sample_path.parent / ".." / sample_path.parent.name / sample_path.name
    out = tmp_path / "out"
    code, stdout, _ = run(
        ["render", str(sample_path), str(again), str(sample_path), "-f", "md", "-o", str(out)],
        capsys,
    )
    assert code == 0
    assert stdout.count("wrote") == 1
    assert [p.name for p in out.iterdir()] == [f"{STEM}.md"]


# ---------------------------------------------------------------- class 8: SOURCE_DATE_EPOCH

BAD_EPOCHS = ["-1", "1.5", "١٢٣", "²", "1e9", str(LATEST + 1), "9" * 40, "now", "\x1b[2J"]


@pytest.mark.parametrize("value", BAD_EPOCHS)
def test_invalid_source_date_epoch_values(value: str) -> None:
    """Each invalid value is ignored, and the reason shows it escaped, in ASCII."""
    environ = {"SOURCE_DATE_EPOCH": value}
    assert source_date_epoch(environ) is None
    problem = epoch_problem(environ)
    assert problem is not None
    assert problem.startswith(f"SOURCE_DATE_EPOCH={value!a} is not a whole number")
    assert problem.isascii()
    assert "\x1b[" not in problem


def render_xlsx(spec: Path, folder: Path, env: dict[str, str]) -> tuple[bytes, str]:
    """``comparekit render SPEC -f xlsx`` in a new process: the workbook and stderr."""
    result = subprocess.run(
        [*COMMAND, "render", str(spec), "-f", "xlsx", "-o", str(folder)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return (folder / f"{STEM}.xlsx").read_bytes(), result.stderr.decode()


@pytest.fixture(scope="module")
def plain_xlsx(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sample's workbook rendered without SOURCE_DATE_EPOCH."""
    data, stderr = render_xlsx(sample_path, tmp_path_factory.mktemp("plain"), child_env())
    assert stderr == ""
    return data


@pytest.mark.parametrize("value", ["-1", "١٢٣", "²", str(LATEST + 1), "\x1b[2J"])
def test_invalid_source_date_epoch_is_ignored_with_a_warning(
    value: str, sample_path: Path, tmp_path: Path, plain_xlsx: bytes
) -> None:
    """An invalid SOURCE_DATE_EPOCH (negative, non-ASCII digits, past 9999, an escape) gives
    one warning line and the report as without it: exit 0, the same bytes."""
    data, warning = render_xlsx(sample_path, tmp_path, child_env(SOURCE_DATE_EPOCH=value))
    assert warning == (
        f"comparekit: warning: SOURCE_DATE_EPOCH={value!a} is not a whole number of seconds "
        f"from 0 to {LATEST} in ASCII digits; ignored\n"
    )
    assert data == plain_xlsx


@pytest.mark.parametrize("value", ["١٢٣", str(LATEST + 1)])
def test_api_ignores_invalid_source_date_epoch(
    value: str, sample: comparekit.Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the API an invalid SOURCE_DATE_EPOCH is ignored: the same bytes as unset."""
    plain = comparekit.render(sample, "xlsx")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert comparekit.render(sample, "xlsx") == plain


@pytest.mark.parametrize("value", ["0", str(LATEST), " 1580860800\n"])
def test_valid_source_date_epoch_extremes(
    value: str, sample: comparekit.Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0, the last second of 9999 and a value with spaces are used, and the xlsx renders."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch() == int(value)
    assert epoch_problem() is None
    assert comparekit.render(sample, "xlsx") != comparekit.render(sample, "xlsx", timestamp=1)


def test_last_second_of_9999_in_a_pdf(
    sample: comparekit.Comparison, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The latest valid SOURCE_DATE_EPOCH is stamped into a PDF (as pdfinfo reads it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(LATEST))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(comparekit.render(sample, "pdf"))
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"^CreationDate:\s+9999-12-31T23:59:59", info, re.MULTILINE), info


# ---------------------------------------------------------------- class 8: long names


def test_report_name_near_255_bytes_is_written(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec name that leaves its reports 254 bytes long renders (no lock file can exist
    with such a name), with no temporary file left."""
    stem = "x" * 246
    spec = tmp_path / f"{stem}.toml"
    spec.write_bytes(sample_path.read_bytes())
    out = tmp_path / "out"
    code, _, err = run(
        ["render", str(spec), "-f", "md,xlsx", "--lang", "en,zh", "-o", str(out)], capsys
    )
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}{suffix}" for suffix in (".md", ".xlsx", ".zh.md", ".zh.xlsx")
    )
    assert lock_files(out / f"{stem}.zh.xlsx") == []


def test_report_name_over_255_bytes_is_a_clear_error(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report name the file system cannot hold: exit 1, a message naming the file and the
    limit, nothing written."""
    stem = "x" * 250
    spec = tmp_path / f"{stem}.toml"
    spec.write_bytes(sample_path.read_bytes())
    out = tmp_path / "out"
    code, _, err = run(["render", str(spec), "-f", "md", "--lang", "en,zh", "-o", str(out)], capsys)
    assert code == 1
    assert err == (
        f"comparekit: {out / stem}.zh.md: the file name is 256 bytes, longer than "
        "the 255 this file system allows; give the spec a shorter name\n"
    )
    assert list(out.iterdir()) == []


def test_write_bytes_with_a_255_byte_name(tmp_path: Path) -> None:
    """The API writes a report whose name is 255 bytes: its temporary name is shortened."""
    target = tmp_path / ("é" * 125 + "x.txt")
    assert len(os.fsencode(target.name)) == 255
    write_bytes(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert len(os.fsencode(f".{_tag(target.name)}.4194304.0123456789ab.tmp")) <= 255


def test_api_write_refuses_a_too_long_name(sample: comparekit.Comparison, tmp_path: Path) -> None:
    """comparekit.write() to a 300-byte name raises OutputError naming it, not a raw OSError."""
    with pytest.raises(OutputError, match="the file name is 300 bytes"):
        comparekit.write(sample, tmp_path / ("x" * 296 + ".txt"))


# ---------------------------------------------------------------- class 8: standard output


def run_into(stdout: int, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run the command in a new process with standard output on the file descriptor given."""
    return subprocess.run(
        [*COMMAND, *args], stdout=stdout, stderr=subprocess.PIPE, env=child_env(), check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        ["show", "{spec}"],
        ["check", "{spec}"],
        ["render", "{spec}", "-f", "md", "-o", "-"],
        ["formats"],
    ],
    ids=["show", "check", "render-stdout", "formats"],
)
def test_full_standard_output(args: list[str], sample_path: Path) -> None:
    """``> /dev/full``: exit 1 and a clear message, no "internal error", no traceback."""
    with open("/dev/full", "wb") as full:
        result = run_into(full.fileno(), [a.format(spec=sample_path) for a in args])
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "comparekit: standard output: cannot write: the disk is full\n"
    )


def test_full_standard_output_after_render_writes_every_report(
    sample_path: Path, tmp_path: Path
) -> None:
    """``render > /dev/full`` writes every report first, then fails on the "wrote" lines."""
    with open("/dev/full", "wb") as full:
        result = run_into(
            full.fileno(), ["render", str(sample_path), "-f", "txt,md", "-o", str(tmp_path)]
        )
    assert result.returncode == 1
    assert b"the disk is full" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{STEM}.md", f"{STEM}.txt"]


@pytest.mark.parametrize(
    "args",
    [["show", "{spec}"], ["check", "{spec}"], ["render", "{spec}", "-f", "xlsx", "-o", "-"]],
    ids=["show", "check", "render-stdout"],
)
def test_closed_standard_output_exits_quietly(args: list[str], sample_path: Path) -> None:
    """Standard output closed by its reader (``| head``): exit 141, nothing on stderr."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = run_into(write, [a.format(spec=sample_path) for a in args])
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, b"")


# ---------------------------------------------------------------- class 8: temporary names


def dead_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


@pytest.mark.parametrize("name", ["x", "x.123.txt", "1.2.3", ".toml", "a..b", "r.7.0123abcd.tmp"])
def test_sweep_removes_only_its_own_dead_temp_files(name: str, tmp_path: Path) -> None:
    """Writing report NAME removes NAME's temp files of dead processes only: never a live
    one, and never one of another report whose name starts with NAME and digits and dots."""
    dead, live = dead_pid(), os.getpid()
    own_stale = f".{name}.{dead}.0123abcd.tmp"
    own_live = f".{name}.{live}.4567ef01.tmp"
    longer_live = f".{name}.{dead}.txt.{live}.89abcdef.tmp"  # report "NAME.<dead>.txt"
    longer_stale = f".{name}.{dead}.txt.{dead}.0a1b2c3d4e5f.tmp"
    for left in (own_stale, own_live, longer_live, longer_stale):
        (tmp_path / left).write_bytes(b"left over")
    write_bytes(tmp_path / name, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [name, own_live, longer_live, longer_stale]
    )
    write_bytes(tmp_path / f"{name}.{dead}.txt", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [name, f"{name}.{dead}.txt", own_live, longer_live]
    )


def test_write_all_is_all_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while writing the second of three reports leaves all three as they were,
    with no temporary file."""
    targets = [tmp_path / f"r{n}.txt" for n in range(3)]
    for target in targets:
        target.write_bytes(b"old")
    real, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match=r"r1\.txt: .*the disk is full; no report was written"):
        write_all([(target, b"new") for target in targets])
    assert sorted(p.name for p in tmp_path.iterdir()) == [t.name for t in targets]
    assert all(target.read_bytes() == b"old" for target in targets)
    monkeypatch.setattr(os, "fsync", real)
    write_all([(target, b"new") for target in targets])
    assert all(target.read_bytes() == b"new" for target in targets)
