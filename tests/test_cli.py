"""The command line: exit codes, messages on stderr, files written only on success."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from comparekit import Comparison, Feature, Product, Value, dump
from comparekit.cli import main

BAD = """\
format = 1
[comparison]
titel = "x"
[[features]]
id = "users"
label = "Users"
type = "count"
[[products]]
id = "a"
name = "A"
[products.values]
users = "lots"
"""

CLI = (sys.executable, "-m", "comparekit.cli")
LIMITED = ("-j", "2", "--max-pdf-cells", "100")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process and return (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_render_writes_every_format_and_language(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """render writes DIR/<stem>[.<lang>].<ext> for each format and language."""
    code, out, _ = run(
        ["render", str(sample_path), "-f", "txt,md", "-o", str(tmp_path), "--lang", "en,ko"], capsys
    )
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "china-remote-work-2020.ko.md",
        "china-remote-work-2020.ko.txt",
        "china-remote-work-2020.md",
        "china-remote-work-2020.txt",
    ]
    assert out.count("wrote ") == 4


def test_bad_spec_exit_1_all_problems_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad spec exits 1, lists every problem with file, line and key, and writes nothing."""
    spec = tmp_path / "bad.toml"
    spec.write_text(BAD, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = run(["render", str(spec), "-f", "txt", "-o", str(out_dir)], capsys)
    assert code == 1
    assert out == ""
    assert f"{spec}:3: comparison.titel: unknown key 'titel' (did you mean 'title'?)" in err
    assert f"{spec}:2: comparison.title: required key is missing" in err
    assert (
        f'{spec}:12: products[a].values.users.value: expected an integer ≥ 0 for type "count", '
        'got "lots"'
    ) in err
    assert "Traceback" not in err
    assert not out_dir.exists()


def test_one_bad_spec_stops_all(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With several specs, one bad spec means no report is written at all."""
    spec = tmp_path / "bad.toml"
    spec.write_text(BAD, encoding="utf-8")
    code, _, _ = run(
        ["render", str(sample_path), str(spec), "-f", "txt", "-o", str(tmp_path)], capsys
    )
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "x.toml", "-f", "docx"], "unknown format 'docx'"),
        (["render", "x.toml", "--lang", "fr"], "unknown language 'fr'"),
        (["show", "x.toml", "--lang", "fr"], "Invalid value for '--lang'"),
        (["nope"], "No such command 'nope'"),
        (["render"], "Missing argument 'SPECS...'"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usage errors exit 2 with click's message."""
    code, _, err = run(args, capsys)
    assert code == 2
    assert message in err


def test_missing_file_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A spec that does not exist is bad input: exit 1 with a message naming it."""
    code, _, err = run(["check", str(tmp_path / "none.toml")], capsys)
    assert code == 1
    assert f"{tmp_path / 'none.toml'}: cannot read: No such file or directory" in err


def test_check_and_strict(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check reports ok; --strict fails a value without a source."""
    code, out, _ = run(["check", str(sample_path), "--strict"], capsys)
    assert code == 0
    assert "ok (4 products, 27 features" in out
    spec = tmp_path / "nosource.toml"
    spec.write_text(
        'format = 1\n[comparison]\ntitle = "T"\n[[features]]\nid = "f"\nlabel = "F"\n'
        'type = "count"\n[[products]]\nid = "p"\nname = "P"\nvalues = { f = 3 }\n',
        encoding="utf-8",
    )
    assert run(["check", str(spec)], capsys)[0] == 0
    code, _, err = run(["check", str(spec), "--strict"], capsys)
    assert code == 1
    assert "products[p].values.f.source: strict: a value needs a source" in err


def test_show_prints_text(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show prints the report in the asked language and table format."""
    code, out, _ = run(["show", str(sample_path), "--lang", "zh", "--width", "120"], capsys)
    assert code == 0
    assert "钉钉" in out
    code, out, _ = run(["show", str(sample_path), "--tablefmt", "md"], capsys)
    assert code == 0
    assert out.startswith("# Remote-work platforms in China")


def test_formats_lists_all(capsys: pytest.CaptureFixture[str]) -> None:
    """formats lists every format with whether it is ready."""
    code, out, _ = run(["formats"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["txt", "md", "xlsx", "pdf", "html"]


def test_refuses_to_replace_open_report(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report open in LibreOffice is not replaced without --force, and is kept intact."""
    target = tmp_path / "china-remote-work-2020.txt"
    target.write_text("old", encoding="utf-8")
    (tmp_path / ".~lock.china-remote-work-2020.txt#").write_text("", encoding="utf-8")
    code, _, err = run(["render", str(sample_path), "-f", "txt", "-o", str(tmp_path)], capsys)
    assert code == 1
    assert "open in a spreadsheet application" in err
    assert target.read_text(encoding="utf-8") == "old"
    code, _, _ = run(
        ["render", str(sample_path), "-f", "txt", "-o", str(tmp_path), "--force"], capsys
    )
    assert code == 0
    assert target.read_text(encoding="utf-8") != "old"


def test_console_script_has_no_traceback(tmp_path: Path) -> None:
    """The installed command exits 1 on bad input with a message and no traceback."""
    spec = tmp_path / "bad.toml"
    spec.write_bytes(b"format = 1\n[comparison\n")
    result = subprocess.run(
        [sys.executable, "-m", "comparekit.cli", "check", str(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{spec}:2: invalid TOML:" in result.stderr
    assert "Traceback" not in result.stderr


def test_open_report_stops_every_write(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One report open in a spreadsheet application means no report is written at all."""
    (tmp_path / "~$china-remote-work-2020.xlsx").write_text("", encoding="utf-8")
    code, out, err = run(
        ["render", str(sample_path), "-f", "txt,xlsx", "-o", str(tmp_path)], capsys
    )
    assert code == 1
    assert out == ""
    assert err == (
        f"comparekit: {tmp_path / 'china-remote-work-2020.xlsx'}: the file is open in a "
        "spreadsheet application (~$china-remote-work-2020.xlsx exists); close it, or pass "
        "--force to replace it anyway\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["~$china-remote-work-2020.xlsx"]


def test_parallel_jobs_give_the_same_reports(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-j 2 writes the same files, byte for byte, and reports them in the same order."""
    args = ["render", str(sample_path), "-f", "txt,md,xlsx", "--lang", "en,zh"]
    code, serial, _ = run([*args, "-o", str(tmp_path / "one")], capsys)
    assert code == 0
    code, parallel, _ = run([*args, "-o", str(tmp_path / "two"), "-j", "2"], capsys)
    assert code == 0
    assert serial.replace("/one/", "/") == parallel.replace("/two/", "/")
    for first in (tmp_path / "one").iterdir():
        assert first.read_bytes() == (tmp_path / "two" / first.name).read_bytes()


def test_parallel_jobs_report_every_failure_and_write_nothing(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report refused in a worker stops the run: exit 1, the spec named, nothing written."""
    out_dir = tmp_path / "out"
    code, out, err = run(
        ["render", str(sample_path), "-f", "txt,pdf", "-o", str(out_dir), *LIMITED],
        capsys,
    )
    assert code == 1
    assert out == ""
    assert err.startswith(f"comparekit: {sample_path}: pdf: a PDF of this comparison would hold ")
    assert "the PDF limit is 100 cell equivalents" in err
    assert "-f xlsx" in err
    assert not out_dir.exists()


def wait_for_handler(pid: int, signum: int, timeout: float = 60.0) -> None:
    """Wait until process ``pid`` catches ``signum`` (Linux: its SigCgt mask in /proc), so a
    signal sent now reaches comparekit's handler however slowly the machine started it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) >> (signum - 1) & 1:
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} never caught signal {signum}")


def test_sigterm_during_render_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    """SIGTERM while rendering exits 143 with a message; earlier reports stay, no temp file."""
    features = [Feature(id=f"f{i}", label=f"功能 {i}", type="count") for i in range(300)]
    products = [
        Product(
            id=f"p{j}",
            name=f"钉钉 {j}",
            values={f.id: Value(i * j) for i, f in enumerate(features)},
        )
        for j in range(20)
    ]
    spec = tmp_path / "big.toml"
    spec.write_text(dump(Comparison(title="Big", features=features, products=products)))
    old = tmp_path / "big.pdf"
    old.write_bytes(b"old report")
    process = subprocess.Popen(
        [*CLI, "render", str(spec), "-o", str(tmp_path), "-f", "pdf"],
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_handler(process.pid, signal.SIGTERM)  # started, and far from done: the PDF
    process.send_signal(signal.SIGTERM)  # takes several seconds
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert "comparekit: interrupted" in err
    assert "Traceback" not in err
    assert old.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.pdf", "big.toml"]


def test_render_makes_a_draft_pdf_on_request(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`render --draft` writes a PDF without tags; without the flag the PDF is tagged."""
    for flag, tagged in (["--draft"], "no"), ([], "yes"):
        out = tmp_path / ("draft" if flag else "tagged")
        code, _, err = run(["render", str(sample_path), "-f", "pdf", "-o", str(out), *flag], capsys)
        assert code == 0, err
        (pdf,) = out.glob("*.pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert f"Tagged:          {tagged}" in info.stdout
