"""The reader's TOML parser (tomli, compiled) reads every corpus case and spec exactly as the
standard library's tomllib does: the same values, or the same error message."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "bad_inputs").glob("*.toml")) + sorted(
    (ROOT / "specs").glob("*.toml")
)


def _comparable(value: Any) -> Any:
    """``value`` with NaN made equal to itself (a float NaN is not), for comparing."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


def _outcome(parser: ModuleType, text: str) -> tuple[str, Any]:
    """What ``parser`` makes of ``text``: its values, its error message, or a nesting error."""
    try:
        return "values", _comparable(parser.loads(text))
    except parser.TOMLDecodeError as error:
        return "error", str(error)
    except RecursionError:  # the reader says "nested too deeply" for either
        return "nested too deeply", None


def test_the_corpus_is_there() -> None:
    """The comparison below runs over the whole bad-input corpus (it cannot pass empty)."""
    assert len(CASES) > 100


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_tomli_reads_as_tomllib(path: Path) -> None:
    """tomli gives tomllib's values or tomllib's message, so the reader's messages stay."""
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    assert _outcome(tomli, text) == _outcome(tomllib, text)


def test_an_inline_table_over_lines_stays_an_error() -> None:
    """TOML 1.1's inline tables over several lines are refused, as the format says (a tomli
    that reads TOML 1.1 fails here, before it changes what a spec may be)."""
    with pytest.raises(tomli.TOMLDecodeError, match="Invalid initial character for a key part"):
        tomli.loads("a = { b = 1,\n c = 2 }\n")
