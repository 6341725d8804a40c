"""The command's own process and the job runner: one layout per spec and language, the
collector off until exit in the command's process only, pydyf fixed only there."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import comparekit
from comparekit import Comparison, jobs
from comparekit.jobs import Job, run_jobs

LAZY = ("weasyprint", "openpyxl", "tomlkit", "jinja2", "tabulate", "homoglyph", "pydyf", "click")
"""What ``import comparekit`` must not import: each is imported by the format or command
that needs it (start-up, docs/performance.md)."""


def _python(code: str, *args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_comparekit_imports_no_format_library() -> None:
    """import comparekit loads none of the libraries only a format or a command needs."""
    code = f"import sys, comparekit; print([m for m in {LAZY!r} if m in sys.modules])"
    assert _python(code) == "[]\n"


def test_command_line_imports_no_worker_machinery() -> None:
    """The command line imports multiprocessing, pickle and ctypes only for -j N."""
    code = """
    import sys, comparekit.cli.process
    print([m for m in ("multiprocessing", "concurrent.futures", "pickle", "ctypes")
           if m in sys.modules])
    """
    assert _python(code) == "[]\n"


def test_jobs_of_one_spec_and_language_share_one_layout(
    sample: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Formats of one spec and language are laid out once, and give render()'s bytes."""
    built: list[str | None] = []
    build = jobs.build_table

    def counting(comparison: Comparison, lang: str | None = None, **kwargs: object) -> object:
        built.append(lang)
        return build(comparison, lang, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "build_table", counting)
    planned = [
        Job(sample, "sample.toml", lang, fmt)
        for lang in ("en", "ko")
        for fmt in ("txt", "md", "xlsx", "pdf")
    ]
    outcomes = run_jobs(planned)
    assert built == ["en", "ko"]
    for job, outcome in zip(planned, outcomes, strict=True):
        assert outcome.data == comparekit.render(sample, job.format, lang=job.lang)


def test_transposed_or_since_jobs_get_their_own_layout(sample: Comparison) -> None:
    """A job of another orientation or edition is not drawn from the table before it."""
    planned = [
        Job(sample, "s.toml", "en", "md"),
        Job(sample, "s.toml", "en", "md", transposed=True),
        Job(sample, "s.toml", "en", "md", since=sample),
    ]
    outcomes = run_jobs(planned)
    assert [o.data for o in outcomes] == [
        comparekit.render(sample, "md"),
        comparekit.render(sample, "md", transposed=True),
        comparekit.render(sample, "md", since=sample),
    ]


def test_second_pdf_starts_after_a_collection_when_the_collector_is_off(
    sample: Comparison,
) -> None:
    """In the command's process (collector off), a PDF after a PDF starts after one collection,
    so the first one's garbage is gone; a lone PDF makes none."""
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    gc.disable()
    try:
        run_jobs([Job(sample, "s.toml", "en", "pdf")])
        assert collections == []
        run_jobs([Job(sample, "s.toml", lang, "pdf") for lang in ("en", "ko")])
        assert collections == [2]
    finally:
        gc.enable()
        gc.callbacks.remove(count)


def test_command_process_keeps_the_collector_off_and_freezes_the_heap(
    sample_path: Path, tmp_path: Path
) -> None:
    """The command's process never turns the collector on and freezes the heap before exit,
    so interpreter shutdown walks none of it; the reports are the API's bytes."""
    code = """
    import atexit, gc, sys
    atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0))
    sys.argv = ["comparekit", "render", sys.argv[1], "-f", "txt,pdf", "-o", sys.argv[2]]
    from comparekit.cli.process import run
    run()
    """
    out = _python(code, str(sample_path), str(tmp_path))
    assert out.splitlines()[-1] == "False True"
    sample = comparekit.load(sample_path)
    for fmt in ("txt", "pdf"):
        written = (tmp_path / f"{sample_path.stem}.{fmt}").read_bytes()
        assert written == comparekit.render(sample, fmt)


def test_api_process_stays_healthy_after_many_pdfs(sample_path: Path) -> None:
    """Through the API the collector is back on after each PDF, and the objects it tracks
    do not pile up over many renders (WeasyPrint's cycles are freed)."""
    code = """
    import gc, sys, comparekit
    sample = comparekit.load(sys.argv[1])
    counts = []
    for _ in range(8):
        comparekit.render(sample, "pdf")
        assert gc.isenabled()
        counts.append(len(gc.get_objects()))
    print(counts[1], counts[-1], gc.get_freeze_count())
    """
    second, last, frozen = map(int, _python(code, str(sample_path)).split())
    assert last < second * 1.25
    assert frozen == 0


def test_page_references_kept_only_in_comparekit_processes(sample_path: Path) -> None:
    """kept_page_references gives the same PDF bytes; render() alone never applies it, and
    an owned process applies it only while it writes a PDF: pydyf is as it was after."""
    code = """
    import sys, pydyf, comparekit
    from comparekit import jobs
    from comparekit.renderers import _pydyf
    sample = comparekit.load(sys.argv[1])
    original = pydyf.PDF.__dict__["page_references"]
    seen = []
    finisher = _pydyf.compress_once
    def spy(document, pdf):
        seen.append(pydyf.PDF.__dict__["page_references"] is original)
        finisher(document, pdf)
    _pydyf.compress_once = spy
    import comparekit.renderers.pdf as pdf_module
    pdf_module.compress_once = spy
    plain = comparekit.render(sample, "pdf")
    jobs.own_process()
    [outcome] = jobs.run_jobs([jobs.Job(sample, "s.toml", "en", "pdf")])
    assert pydyf.PDF.__dict__["page_references"] is original
    print(seen, outcome.data == plain)
    """
    assert _python(code, str(sample_path)) == "[True, False] True\n"
