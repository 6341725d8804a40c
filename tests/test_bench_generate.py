"""The benchmark's comparisons: valid, the same in every run, and as mixed as bench/README.md says."""

from __future__ import annotations

import pytest

from bench.generate import Size, generate, parse_size
from comparekit import Comparison, FeatureType, build_table, dump, loads


@pytest.fixture(scope="module")
def small() -> Comparison:
    return generate(Size(20, 30))


def test_sizes_parse() -> None:
    """Sizes are written products x features."""
    assert parse_size("200x100") == Size(200, 100)
    assert Size(200, 100).cells == 20_000


def test_same_seed_same_comparison(small: Comparison) -> None:
    """A size and seed give an equal comparison every time; the spec loads back equal."""
    assert generate(Size(20, 30)) == small
    assert loads(dump(small)) == small


def test_mixture(small: Comparison) -> None:
    """Every feature type, some notes, some Chinese or Korean text."""
    types = {feature.type for feature in small.features}
    assert types == set(FeatureType)
    table = build_table(small)
    cells = [cell for row in table.rows for cell in row.cells]
    with_notes = sum(1 for cell in cells if cell.notes)
    assert 0.03 < with_notes / len(cells) < 0.2
    text = dump(small)
    assert any("\u4e00" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7a3" for char in text)
