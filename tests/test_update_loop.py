"""The update loop of the README, end to end, through the real command and LibreOffice:
render a workbook, edit it as a person would and save it in LibreOffice, import it into the
spec in place, diff the two editions, and render the new one ``--since`` the old."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.office import needs_soffice, soffice
from tests.workbooks import sheet_of

SAMPLE = Path(__file__).parents[1] / "specs" / "china-remote-work-2020.toml"


def comparekit(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``comparekit ARGS`` in a new process, run in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "comparekit.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def edit_users(book_path: Path, product: str, users: int) -> None:
    """Change one product's user count in the Data sheet (named in any language), as a
    spreadsheet user would."""
    book = openpyxl.load_workbook(book_path)
    data = sheet_of(book, "Data")
    names = [cell.value for cell in data[1]]
    for row in data.iter_rows(min_row=2):
        if row[names.index("product_id")].value == product and (
            row[names.index("feature_id")].value == "users"
        ):
            row[names.index("value")].value = users
            break
    else:
        raise AssertionError(f"no users row for {product}")
    book.save(book_path)


@needs_soffice
def test_render_edit_import_diff_render_since(tmp_path: Path) -> None:
    """One value edited in a workbook saved by LibreOffice comes back into the spec (its
    comments kept), diff names exactly that change, and render --since shows it in every
    format."""
    work = tmp_path / "work"
    work.mkdir()
    spec = work / "remote.toml"
    shutil.copy(SAMPLE, spec)
    old = work / "remote-q1.toml"
    shutil.copy(SAMPLE, old)
    comments = [line for line in spec.read_text("utf-8").splitlines() if line.startswith("#")]

    rendered = comparekit("render", spec, "-f", "xlsx", "-o", work, cwd=work)
    assert rendered.returncode == 0, rendered.stderr
    book = work / "remote.xlsx"
    edit_users(book, "wechat_work", 65_000_000)
    saved = soffice(tmp_path, "xlsx", book) / "remote.xlsx"  # LibreOffice rewrites the file

    imported = comparekit("import", saved, "--into", spec, cwd=work)
    assert imported.returncode == 0, imported.stderr
    text = spec.read_text("utf-8")
    assert [line for line in text.splitlines() if line.startswith("#")] == comments
    changed = [
        (a, b)
        for a, b in zip(SAMPLE.read_text("utf-8").splitlines(), text.splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 1, changed
    assert "65_000_000" in changed[0][1] or "65000000" in changed[0][1]

    compared = comparekit("diff", old, spec, cwd=work)
    assert compared.returncode == 1, compared.stderr
    assert "65 million" in compared.stdout
    assert len([line for line in compared.stdout.splitlines() if "→" in line]) == 1

    since = comparekit(
        "render", spec, "--since", old, "-f", "txt,md,xlsx,pdf", "-o", work / "q2", cwd=work
    )
    assert since.returncode == 0, since.stderr
    for suffix in (".txt", ".md"):
        report = (work / "q2" / f"remote{suffix}").read_text("utf-8")
        assert "What changed since" in report or "WHAT CHANGED SINCE" in report.upper()
        assert "65 million" in report
    changes = openpyxl.load_workbook(work / "q2" / "remote.xlsx")["Changes"]
    assert changes.max_row == 2  # the header and the one change
    pdf = subprocess.run(
        ["pdftotext", str(work / "q2" / "remote.pdf"), "-"], capture_output=True, text=True
    )
    assert "65 million" in pdf.stdout


@needs_soffice
@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_a_korean_or_chinese_workbook_imports_into_the_spec(tmp_path: Path, lang: str) -> None:
    """A workbook rendered in Korean or Chinese (its sheets named so: 데이터, 数据), edited
    and saved by LibreOffice, imports into the spec as the English one does: one line changed."""
    work = tmp_path / "work"
    work.mkdir()
    spec = work / "remote.toml"
    shutil.copy(SAMPLE, spec)
    rendered = comparekit("render", spec, "-f", "xlsx", "--lang", lang, "-o", work, cwd=work)
    assert rendered.returncode == 0, rendered.stderr
    book = work / f"remote.{lang}.xlsx"
    assert "Data" not in openpyxl.load_workbook(book).sheetnames
    edit_users(book, "wechat_work", 65_000_000)
    saved = soffice(tmp_path, "xlsx", book) / book.name
    imported = comparekit("import", saved, "--into", spec, cwd=work)
    assert imported.returncode == 0, imported.stderr
    changed = [
        (a, b)
        for a, b in zip(
            SAMPLE.read_text("utf-8").splitlines(),
            spec.read_text("utf-8").splitlines(),
            strict=True,
        )
        if a != b
    ]
    assert len(changed) == 1, changed
    assert "65_000_000" in changed[0][1] or "65000000" in changed[0][1]
