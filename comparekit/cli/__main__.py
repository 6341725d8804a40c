"""``python -m comparekit.cli``: the same command line as the ``comparekit`` script."""

from comparekit.cli.process import run

run()
