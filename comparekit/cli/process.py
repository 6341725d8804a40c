"""The ``comparekit`` command as a process of its own: the console script and ``python -m``.

:func:`comparekit.cli.main` is the command line for any caller (tests call it in their own
process); :func:`run` is the same command run as the whole life of a process, which lets it do
what only a process about to exit may:

* the cyclic garbage collector stays off for the whole run and the heap is frozen before
  exit (:func:`comparekit._gc.frozen_at_exit`): after a PDF, a collection walks every object
  WeasyPrint left behind (0.3 s at 50×50, 2.2 s at 200×100), and nothing needs freeing in a
  process that ends; a second PDF in the same run still starts after a collection;
* while it writes a PDF, pydyf's page references are kept between pages, and pydyf is as it
  was after it (:func:`comparekit.jobs.own_process`).
"""

from __future__ import annotations

import sys
from typing import NoReturn

from comparekit import _gc
from comparekit.cli import main
from comparekit.jobs import own_process

__all__ = ["run"]


def run() -> NoReturn:
    """Run the command line with ``sys.argv`` and exit with its code."""
    own_process()
    with _gc.frozen_at_exit():
        code = main()
    sys.exit(code)
