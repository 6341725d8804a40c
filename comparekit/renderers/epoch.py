"""``SOURCE_DATE_EPOCH``: the moment reproducible builds ask binary reports to be dated.

The value is a whole number of seconds since 1970-01-01 UTC, in ASCII digits
(reproducible-builds.org). Anything else (a negative number, a fraction, digits of
another script such as ``١٢٣``, a moment past the year 9999) is ignored: reports are
then dated as without it, and :func:`epoch_problem` says why, for the command line
to warn about.

>>> source_date_epoch({"SOURCE_DATE_EPOCH": " 1580860800 "})
1580860800
>>> source_date_epoch({"SOURCE_DATE_EPOCH": "١٢٣"}) is None
True
>>> print(epoch_problem({"SOURCE_DATE_EPOCH": "-1"}))
SOURCE_DATE_EPOCH='-1' is not a whole number of seconds from 0 to 253402300799 in ASCII digits; ignored
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["LATEST", "epoch_problem", "source_date_epoch"]

LATEST = 253_402_300_799
"""9999-12-31 23:59:59 UTC, the last second a date can hold."""

_NAME = "SOURCE_DATE_EPOCH"


def source_date_epoch(environ: Mapping[str, str] | None = None) -> int | None:
    """The seconds ``SOURCE_DATE_EPOCH`` holds; ``None`` if it is unset, empty or invalid."""
    value = (os.environ if environ is None else environ).get(_NAME, "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(LATEST)):
        return None
    seconds = int(value)
    return seconds if seconds <= LATEST else None


def epoch_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why ``SOURCE_DATE_EPOCH`` is ignored, if it is set but invalid; else ``None``.

    The value is shown with :func:`ascii`, so that no character of it reaches a terminal raw.
    """
    value = (os.environ if environ is None else environ).get(_NAME, "")
    if not value.strip() or source_date_epoch({_NAME: value}) is not None:
        return None
    return (
        f"{_NAME}={value!a} is not a whole number of seconds from 0 to {LATEST} "
        "in ASCII digits; ignored"
    )
