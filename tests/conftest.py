"""Shared fixtures: the sample spec and a small builder of spec text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import comparekit
from comparekit import Comparison

# No per-example deadline (a loaded machine must not fail a correct test); in CI the
# examples are derandomized so a run is repeatable, and a failure prints how to reproduce it.
settings.register_profile("comparekit", deadline=None, print_blob=True)
settings.register_profile("ci", parent=settings.get_profile("comparekit"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "comparekit")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "specs" / "china-remote-work-2020.toml"

MINIMAL = """\
format = 1

[comparison]
title = "Demo"
as_of = 2020-02-28

[[sources]]
id = "src"
title = "A source"

[[features]]
id = "users"
label = { en = "Users", ko = "사용자", zh = "用户" }
type = "count"
better = "higher"

[[products]]
id = "a"
name = "Alpha"

[products.values]
users = { value = 200_000_000, qualifier = "about", source = "src" }

[[products]]
id = "b"
name = "钉钉"

[products.values]
users = 60_000_000
"""


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """Path of the sample spec that ships with the project."""
    return SAMPLE


@pytest.fixture(scope="session")
def sample() -> Comparison:
    """The sample comparison, loaded once."""
    return comparekit.load(SAMPLE)


@pytest.fixture
def minimal_text() -> str:
    """A small valid spec: two products, one feature, one source."""
    return MINIMAL


@pytest.fixture
def no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps come from the table, not from the environment the tests run in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
