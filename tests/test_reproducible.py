"""The same spec and options give the same bytes: in any process, time zone, hash seed and
moment. Only ``SOURCE_DATE_EPOCH`` changes the binary reports, and only their stamped dates.

Each run is the real command (``python -m comparekit.cli render``) in its own process,
rendering the sample and a hostile spec (formula-like text, markup, RTL, CJK, emoji; no
as-of date, so its stamp falls back to the fixed default) into a fresh folder. Runs are
shared by the tests of this module, since each takes a few seconds.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_hostile import HOSTILE, hostile_spec

import comparekit

SEPTEMBER_2020 = 1_600_000_000
"""2020-09-13T12:26:40Z."""
NOVEMBER_2023 = 1_700_000_000
"""2023-11-14T22:13:20Z."""


class Run:
    """One ``comparekit render`` process: its environment, its reports, when it ended."""

    def __init__(self, name: str, folder: Path, process: subprocess.Popen[bytes]) -> None:
        self.name = name
        self.folder = folder
        self.process = process
        self.ended = 0.0
        self.files: dict[str, bytes] = {}

    def wait(self) -> Run:
        """Wait for the process, check it succeeded and read what it wrote."""
        if not self.ended:
            _, err = self.process.communicate(timeout=180)
            self.ended = time.monotonic()
            assert self.process.returncode == 0, err.decode()
            self.files = {p.name: p.read_bytes() for p in sorted(self.folder.iterdir())}
        return self


class Runs:
    """Starts runs on demand (several at once) and keeps them for every test of the module."""

    def __init__(self, root: Path, specs: list[Path]) -> None:
        self.root = root
        self.specs = specs
        self.runs: dict[str, Run] = {}

    def start(
        self,
        name: str,
        *,
        tz: str,
        seed: str,
        epoch: int | None = None,
        langs: str = "en",
        sample_only: bool = False,
    ) -> Run:
        """Start a run called ``name`` (once) with this time zone, hash seed and epoch."""
        if name not in self.runs:
            env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
            env.update(TZ=tz, PYTHONHASHSEED=seed)
            if epoch is not None:
                env["SOURCE_DATE_EPOCH"] = str(epoch)
            folder = self.root / name
            specs = self.specs[:1] if sample_only else self.specs
            command = [sys.executable, "-m", "comparekit.cli", "render", *map(str, specs)]
            command += ["-o", str(folder), "--lang", langs]
            process = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            self.runs[name] = Run(name, folder, process)
        return self.runs[name]

    def get(self, *names: str) -> list[Run]:
        """The runs called ``names``, started before, finished."""
        return [self.runs[name].wait() for name in names]

    # The runs the tests compare: started in pairs so that two processes run side by side.
    # The SOURCE_DATE_EPOCH runs render the sample only: its as-of date is what they override.
    def across_processes(self) -> list[Run]:
        self.start("utc", tz="UTC", seed="1", langs="en,ko")
        self.start("seoul", tz="Asia/Seoul", seed="2", langs="en,ko")
        return self.get("utc", "seoul")

    def same_epoch(self) -> list[Run]:
        self.start("epoch-a", tz="UTC", seed="3", epoch=SEPTEMBER_2020, sample_only=True)
        self.start(
            "epoch-a-again",
            tz="America/New_York",
            seed="random",
            epoch=SEPTEMBER_2020,
            sample_only=True,
        )
        return self.get("epoch-a", "epoch-a-again")

    def other_epoch(self) -> Run:
        self.start("epoch-b", tz="UTC", seed="4", epoch=NOVEMBER_2023, sample_only=True)
        return self.get("epoch-b")[0]


@pytest.fixture(scope="module")
def runs(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """The module's runs over the sample and the hostile spec; leftover processes are ended."""
    root = tmp_path_factory.mktemp("runs")
    spec = root / "hostile.toml"
    spec.write_text(hostile_spec(HOSTILE), encoding="utf-8")
    shared = Runs(root, [sample_path, spec])
    yield shared
    for run in shared.runs.values():
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait()


REPORTS = sorted(
    f"{stem}{lang}.{ext}"
    for stem in ("china-remote-work-2020", "hostile")
    for lang in ("", ".ko")
    for ext in ("txt", "md", "xlsx", "pdf", "html")
)


def pdf_dates(pdf: bytes, folder: Path) -> tuple[str, str]:
    """The CreationDate and ModDate pdfinfo reads, as ISO strings."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(path)], check=True, capture_output=True, text=True
    ).stdout
    found = dict(re.findall(r"^(CreationDate|ModDate):\s+(\S+)$", info, re.MULTILINE))
    return found["CreationDate"], found["ModDate"]


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The PDF's text (pdftotext)."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def zip_entries(data: bytes) -> dict[str, bytes]:
    """Every entry of a zip (an xlsx) by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_dates(data: bytes) -> set[tuple[int, ...]]:
    """The date of every entry of a zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.date_time for info in archive.infolist()}


def iso(epoch: int) -> str:
    """``epoch`` as the ISO UTC time stamped into reports."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- processes, zones, seeds


def test_same_bytes_across_processes(runs: Runs) -> None:
    """Two processes (UTC, hash seed 1; Asia/Seoul, seed 2) write identical reports, all 20."""
    utc, seoul = runs.across_processes()
    assert sorted(utc.files) == sorted(seoul.files) == REPORTS
    different = [name for name in REPORTS if utc.files[name] != seoul.files[name]]
    assert different == []


def test_charts_are_among_the_reports_compared(runs: Runs, tmp_path: Path) -> None:
    """The sample has charts, so the comparisons above cover them: the workbook's chart
    parts and the PDF's chart images (pygal's SVG) are among the bytes found equal."""
    utc, seoul = runs.across_processes()
    for run in (utc, seoul):
        entries = zip_entries(run.files["china-remote-work-2020.ko.xlsx"])
        assert any(name.startswith("xl/charts/chart") for name in entries)
        text = pdf_text(run.files["china-remote-work-2020.ko.pdf"], tmp_path)
        assert "차트" in text
        assert "+350%" in text.partition("차트")[2]
    assert zip_entries(utc.files["china-remote-work-2020.xlsx"]) == zip_entries(
        seoul.files["china-remote-work-2020.xlsx"]
    )


def test_same_bytes_as_in_process(
    runs: Runs, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's reports are the bytes the Python API renders in this process."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    utc, _ = runs.across_processes()
    sample = comparekit.load(sample_path)
    hostile = comparekit.loads(hostile_spec(HOSTILE))
    for ext in ("txt", "md", "xlsx", "pdf", "html"):
        assert comparekit.render(sample, ext) == utc.files[f"china-remote-work-2020.{ext}"], ext
    for ext in ("txt", "md", "xlsx", "html"):
        assert comparekit.render(hostile, ext, lang="ko") == utc.files[f"hostile.ko.{ext}"], ext


def test_stamp_without_epoch_is_the_as_of_date(runs: Runs, tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH the stamp is the as-of date, or 2000-01-01 without one."""
    utc, _ = runs.across_processes()
    for name, stamp in (("china-remote-work-2020", "2020-02-28"), ("hostile", "2000-01-01")):
        core = zip_entries(utc.files[f"{name}.xlsx"])["docProps/core.xml"].decode()
        assert core.count(f">{stamp}T00:00:00Z<") == 2, name
        assert pdf_dates(utc.files[f"{name}.pdf"], tmp_path) == (f"{stamp}T00:00:00Z",) * 2


def test_same_bytes_a_while_later(runs: Runs) -> None:
    """A run more than a second after another, no SOURCE_DATE_EPOCH, writes the same bytes."""
    utc, _ = runs.across_processes()
    time.sleep(max(0.0, utc.ended + 1.1 - time.monotonic()))
    later = runs.start("later", tz="Europe/Berlin", seed="5").wait()
    english = [name for name in REPORTS if ".ko." not in name]
    assert sorted(later.files) == english
    assert [name for name in english if later.files[name] != utc.files[name]] == []


# ---------------------------------------------------------------- SOURCE_DATE_EPOCH


def test_same_epoch_same_bytes(runs: Runs) -> None:
    """Two runs with the same SOURCE_DATE_EPOCH, other zones and seeds, write identical bytes."""
    first, second = runs.same_epoch()
    assert sorted(first.files) == [n for n in REPORTS if n.startswith("china") and ".ko." not in n]
    assert first.files.keys() == second.files.keys()
    assert [name for name in first.files if first.files[name] != second.files[name]] == []


def test_epoch_changes_only_binary_reports(runs: Runs, tmp_path: Path) -> None:
    """Another SOURCE_DATE_EPOCH changes xlsx and pdf bytes, leaves txt and md, and the text."""
    first, _ = runs.same_epoch()
    other = runs.other_epoch()
    for name in first.files:
        if name.endswith((".txt", ".md")):
            assert first.files[name] == other.files[name], name
        else:
            assert first.files[name] != other.files[name], name
        if name.endswith(".pdf"):
            assert pdf_text(first.files[name], tmp_path) == pdf_text(other.files[name], tmp_path)


def test_epoch_changes_only_the_stamped_dates_in_xlsx(runs: Runs) -> None:
    """Between two epochs an xlsx differs in docProps/core.xml and zip entry dates only."""
    first, _ = runs.same_epoch()
    other = runs.other_epoch()
    for name in (n for n in first.files if n.endswith(".xlsx")):
        a, b = zip_entries(first.files[name]), zip_entries(other.files[name])
        assert list(a) == list(b)
        assert [entry for entry in a if a[entry] != b[entry]] == ["docProps/core.xml"]
        assert zip_dates(first.files[name]) == {(2020, 9, 13, 12, 26, 40)}
        assert zip_dates(other.files[name]) == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize("epoch", [SEPTEMBER_2020, NOVEMBER_2023])
def test_epoch_is_the_stamped_time(runs: Runs, epoch: int, tmp_path: Path) -> None:
    """The xlsx core properties and the PDF CreationDate and ModDate hold SOURCE_DATE_EPOCH."""
    run = runs.same_epoch()[0] if epoch == SEPTEMBER_2020 else runs.other_epoch()
    stamp = iso(epoch)
    for name, data in run.files.items():
        if name.endswith(".xlsx"):
            core = zip_entries(data)["docProps/core.xml"].decode()
            created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
            modified = re.search(r"<dcterms:modified[^>]*>([^<]+)<", core)
            assert created, name
            assert modified, name
            assert (created.group(1), modified.group(1)) == (stamp, stamp), name
        elif name.endswith(".pdf"):
            assert pdf_dates(data, tmp_path) == (stamp, stamp), name
