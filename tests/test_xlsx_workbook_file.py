"""The workbook file (``xlsx/workbook_file.py``): properties, the stamped time, a zip with the
same bytes in any process and time zone."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from workbooks import render, reopen

from comparekit import Comparison
from comparekit.layout import build_table
from comparekit.renderers import RenderOptions, timestamp
from comparekit.renderers.xlsx import render_xlsx

pytestmark = pytest.mark.usefixtures("no_source_date_epoch")


ROOT = Path(__file__).resolve().parent.parent


def test_workbook_properties(sample: Comparison) -> None:
    """Title, subject, creator, language and created/modified come from the table and timestamp."""
    table = build_table(sample, "ko")
    props = reopen(render(table)).properties
    assert (props.title, props.subject) == (table.title, table.subtitle)
    assert (props.creator, props.language) == ("comparekit", "ko")
    assert props.created == props.modified == dt.datetime(2020, 2, 28)


def test_timestamp_option_sets_dates(sample: Comparison) -> None:
    """options.timestamp decides the stamped time, in the properties and the zip entries."""
    table = build_table(sample, "en")
    options = RenderOptions(timestamp=1_600_000_000)
    data = render_xlsx(table, options)
    when = timestamp(table, options).replace(tzinfo=None)
    assert reopen(data).properties.modified == when
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {when.timetuple()[:6]}


def test_zip_entries_dated_and_plain(sample: Comparison) -> None:
    """Zip entries are all dated from the as-of date (clamped to 1980), made on no system."""
    table = build_table(sample, "en")
    with zipfile.ZipFile(io.BytesIO(render(table))) as archive:
        names = archive.namelist()
        assert len(names) == len(set(names))
        assert "[Content_Types].xml" in names
        assert {i.date_time for i in archive.infolist()} == {(2020, 2, 28, 0, 0, 0)}
        assert {i.create_system for i in archive.infolist()} == {0}
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(io.BytesIO(render(table, timestamp=0))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


_RENDER_SCRIPT = """
import sys
import comparekit
from comparekit.layout import build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers.xlsx import render_xlsx
table = build_table(comparekit.load(sys.argv[1]), sys.argv[2])
sys.stdout.buffer.write(render_xlsx(table, RenderOptions()))
"""


def test_same_bytes_across_processes_and_time_zones(sample: Comparison, sample_path: Path) -> None:
    """Two processes in different time zones write the very same bytes as this one."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER_SCRIPT, str(sample_path), "ko"],
            env={**env, "TZ": zone, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            cwd=ROOT,
        ).stdout
        for zone, seed in (("UTC", "1"), ("Asia/Seoul", "2"))
    ]
    assert outputs[0] == outputs[1] == render(build_table(sample, "ko"))
