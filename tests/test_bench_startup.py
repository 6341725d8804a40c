"""The benchmark's whole-process start-up measurement: summaries, report, and real runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import comparekit
from bench import report, startup
from bench.__main__ import parse_args, startup_rounds
from bench.generate import Size
from bench.measure import Sample, Settings
from bench.startup import CommandTiming, Startup, StartupError


def _timing(name: str, walls: list[float], target: float | None) -> CommandTiming:
    return CommandTiming(
        name,
        f"comparekit {name}",
        ["python", name],
        target=target,
        samples=[Sample(wall, wall / 2) for wall in walls],
    )


@pytest.fixture
def fake() -> Startup:
    """Three runs each: one target met, one missed, one for information."""
    return Startup(
        rounds=3,
        commands=[
            _timing("show", [0.30, 0.20, 0.24], 0.25),
            _timing("render", [1.40, 1.60, 1.55], 1.5),
            _timing("import weasyprint", [0.50, 0.45, 0.55], None),
        ],
        comparekit_folder="/somewhere/comparekit",
        seconds=7.0,
    )


def test_median_and_target(fake: Startup) -> None:
    """The median decides the target; a command without a target or runs has no verdict."""
    show, render, weasy = fake.commands
    assert show.median == pytest.approx(0.24)
    assert show.cpu_median == pytest.approx(0.12)
    assert show.target_met is True
    assert render.median == pytest.approx(1.55)
    assert render.target_met is False
    assert weasy.target_met is None
    assert _timing("show", [], 0.25).target_met is None


def test_table(fake: Startup) -> None:
    """Runs, median, min–max, CPU, target and verdict per command."""
    rows = report.startup_rows(fake)
    assert rows[0] == ["comparekit show", "3", "0.240", "0.200–0.300", "0.120", "≤ 0.25", "met"]
    assert rows[1][-1] == "NOT met"
    assert rows[2][-2:] == ["–", "for information"]
    assert "NOT met" in report.startup_table(fake)


def _results(fake: Startup) -> report.Results:
    settings = Settings(sizes=(Size(4, 15),), formats=("txt",))
    return report.Results("python -m bench", settings, report.machine(), "now", startup=fake)


def test_markdown_section(fake: Startup) -> None:
    """The report has a start-up section, with the table and the commands, before the results."""
    text = report.markdown(_results(fake))
    assert text.index("## Start-up (whole process)") < text.index("## Results")
    assert "| comparekit show " in text
    assert "- render: `comparekit render`" in text
    assert "3 rounds" in text


def test_json(fake: Startup) -> None:
    """The JSON holds the raw runs and each command's median, min, max and verdict."""
    data = json.loads(report.to_json(_results(fake)))["startup"]
    assert data["rounds"] == 3
    show = data["commands"][0]
    assert show["samples"][0] == {"wall": 0.30, "cpu": 0.15}
    assert (show["median"], show["min"], show["max"]) == (0.24, 0.20, 0.30)
    assert show["target_met"] is True
    assert data["commands"][2]["target_met"] is None


def test_commands(tmp_path: Path) -> None:
    """show and render run with this interpreter on the sample spec, render into the folder."""
    show, render, *imports = startup.commands(tmp_path)
    assert show.argv[:3] == [sys.executable, "-m", "comparekit"]
    assert Path(show.argv[-1]).is_file()
    assert render.argv[render.argv.index("-o") + 1] == str(tmp_path)
    assert (show.target, render.target) == (0.25, 1.5)
    assert [t.name for t in imports] == ["import comparekit", "import weasyprint"]


def test_real_show_run() -> None:
    """One round of show: a warm-up and one timed run, with the comparekit imported here."""
    measured = startup.measure(rounds=1, names=["show"])
    (show,) = measured.commands
    assert show.warmup is not None
    assert len(show.samples) == 1
    assert show.samples[0].wall > 0
    assert measured.comparekit_folder == str(Path(comparekit.__file__).resolve().parent)


def test_failing_command_names_it(tmp_path: Path) -> None:
    """A command that exits with another status than 0 stops the measurement, naming it."""
    missing = tmp_path / "missing.toml"
    timing = CommandTiming(
        "show",
        "comparekit show missing.toml",
        [sys.executable, "-m", "comparekit", "show", str(missing)],
    )
    with pytest.raises(
        StartupError, match=r"`comparekit show missing.toml` exited with status [1-9]"
    ):
        startup.run_once(timing)


def test_bad_choices() -> None:
    """Unknown command names and zero rounds are refused before anything runs."""
    with pytest.raises(ValueError, match="no start-up command shwo"):
        startup.measure(rounds=1, names=["shwo"])
    with pytest.raises(ValueError, match="at least 1"):
        startup.measure(rounds=0)


def test_command_line_rounds() -> None:
    """7 rounds by default, 2 with --quick, --startup-runs overrides; --startup-only needs 1."""
    assert startup_rounds(parse_args([])) == startup.ROUNDS == 7
    assert startup_rounds(parse_args(["--quick"])) == 2
    assert startup_rounds(parse_args(["--quick", "--startup-runs", "0"])) == 0
    with pytest.raises(SystemExit):
        parse_args(["--startup-only", "--startup-runs", "0"])
