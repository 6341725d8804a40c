"""Golden files: the sample's text and Markdown output, pinned in every language.

After an intended change to text output, refresh them with ``make golden`` (which sets
``COMPAREKIT_UPDATE_GOLDEN=1``) and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comparekit import Comparison, render

GOLDEN = Path(__file__).parent / "golden"
CASES = [(fmt, lang) for fmt in ("txt", "md") for lang in ("en", "ko", "zh")]


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_sample_matches_golden(sample: Comparison, fmt: str, lang: str) -> None:
    """The sample renders byte for byte as the reviewed golden file."""
    path = GOLDEN / f"china-remote-work-2020.{lang}.{fmt}"
    data = render(sample, fmt, lang=lang)
    if os.environ.get("COMPAREKIT_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path.name}: run `make golden`"
    assert data.decode() == path.read_text(encoding="utf-8")
