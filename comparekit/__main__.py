"""``python -m comparekit``: the same command line as the ``comparekit`` script."""

from comparekit.cli.process import run

run()
