"""Whole-process start-up: how long the command line takes, from exec to exit.

Four commands, each a process of its own: ``comparekit show`` on the sample (target: median
at most 0.25 s), ``comparekit render`` of the sample to txt, xlsx and pdf (at most 1.5 s),
and ``python -c "import comparekit"`` and ``"import weasyprint"`` for information. Wall
clock around :func:`subprocess.run`; CPU: the child's user + system time. One untimed
warm-up round, then the commands interleaved round by round. ``comparekit`` runs as
``python -m comparekit`` with this interpreter from the folder of the comparekit this
harness imported (the snapshot during ``python -m bench``), which :func:`measure` checks.
A command that fails stops the measurement with :class:`StartupError`, naming it.
"""

from __future__ import annotations

import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

import comparekit
from bench.measure import Sample, Sampled
from bench.snapshot import ROOT, RUNNING_FROM

__all__ = ["ROUNDS", "SPEC", "CommandTiming", "Startup", "StartupError", "commands", "measure"]
__all__ += ["run_once"]

SPEC = Path("specs") / "china-remote-work-2020.toml"
"""The sample spec, relative to the project folder (the snapshot does not copy ``specs/``)."""

ROUNDS = 7
"""Timed rounds by default (after one untimed warm-up round)."""

TIMEOUT = 120.0
"""Seconds after which a command is stopped and the measurement fails."""

_CLI = ("-m", "comparekit")


class StartupError(Exception):
    """A start-up command failed, ran too long, or ran another comparekit."""


@attrs.define
class CommandTiming(Sampled):
    """One command: what runs, its target, and its timed runs."""

    name: str
    """A short key: ``show``, ``render``, ``import comparekit``, ``import weasyprint``."""
    command: str
    """The command as a user types it."""
    argv: list[str]
    """The command as run (from the folder of the comparekit benchmarked)."""
    target: float | None = None
    """The median's target in seconds; ``None``: for information."""
    samples: list[Sample] = attrs.Factory(list)
    warmup: Sample | None = None

    @property
    def target_met(self) -> bool | None:
        """Is the median at most the target? ``None`` without a target or runs."""
        median = self.median
        if self.target is None or median is None:
            return None
        return median <= self.target


@attrs.define
class Startup:
    """The start-up measurement: every command's runs, and where comparekit came from."""

    rounds: int
    commands: list[CommandTiming]
    comparekit_folder: str
    """Where the child processes imported comparekit from."""
    seconds: float = 0.0


def commands(out: Path) -> list[CommandTiming]:
    """The four commands in their order within a round; ``render`` writes to ``out``."""
    python, spec, shown = sys.executable, ROOT / SPEC, SPEC.as_posix()
    return [
        CommandTiming(
            "show",
            f"comparekit show {shown}",
            [python, *_CLI, "show", str(spec)],
            target=0.25,
        ),
        CommandTiming(
            "render",
            f"comparekit render {shown} -f txt,xlsx,pdf -o <temp dir> --force",
            [python, *_CLI, "render", str(spec), "-f", "txt,xlsx,pdf", "-o", str(out), "--force"],
            target=1.5,
        ),
        CommandTiming(
            "import comparekit",
            'python -c "import comparekit"',
            [python, "-c", "import comparekit"],
        ),
        CommandTiming(
            "import weasyprint",
            'python -c "import weasyprint"',
            [python, "-c", "import weasyprint"],
        ),
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(timing: CommandTiming) -> subprocess.CompletedProcess[str]:
    """Run the command from the folder of the comparekit benchmarked; it must exit 0."""
    try:
        done = subprocess.run(
            timing.argv,
            cwd=RUNNING_FROM,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise StartupError(f"`{timing.command}` did not finish within {TIMEOUT:g} s") from None
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise StartupError(
            f"`{timing.command}` exited with status {done.returncode}: {tail[0]}"
            f" (ran {shlex.join(timing.argv)} in {RUNNING_FROM})"
        )
    return done


def run_once(timing: CommandTiming) -> Sample:
    """Run the command once: its wall time, and the child's CPU time."""
    cpu = _children_cpu()
    wall = time.perf_counter()
    _run(timing)
    return Sample(time.perf_counter() - wall, _children_cpu() - cpu)


def _child_comparekit() -> str:
    """Where a process started like the timed ones imports comparekit from; it must be ours."""
    code = "import comparekit; print(comparekit.__file__)"
    probe = CommandTiming("where", f'python -c "{code}"', [sys.executable, "-c", code])
    folder = str(Path(_run(probe).stdout.strip()).resolve().parent)
    ours = str(Path(comparekit.__file__).resolve().parent)
    if folder != ours:
        raise StartupError(
            f"the commands would import comparekit from {folder}, not from {ours} "
            "(the comparekit this benchmark measures)"
        )
    return folder


def _chosen(timings: list[CommandTiming], names: Sequence[str] | None) -> list[CommandTiming]:
    """The commands named in ``names`` (all if ``None``), in their order within a round."""
    if names is None:
        return timings
    unknown = set(names) - {t.name for t in timings}
    if unknown:
        known = ", ".join(t.name for t in timings)
        raise ValueError(f"no start-up command {', '.join(sorted(unknown))}; they are {known}")
    return [t for t in timings if t.name in names]


def measure(rounds: int = ROUNDS, names: Sequence[str] | None = None) -> Startup:
    """Time the commands (all, or those in ``names``): a warm-up round, then ``rounds``."""
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as out:
        timings = _chosen(commands(Path(out)), names)
        folder = _child_comparekit()
        for timing in timings:
            timing.warmup = run_once(timing)
        for _ in range(rounds):
            for timing in timings:
                timing.samples.append(run_once(timing))
    return Startup(rounds, timings, folder, time.perf_counter() - start)
