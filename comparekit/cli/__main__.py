"""``python -m comparekit.cli``: the same command line as the ``comparekit`` script."""

import sys

from comparekit.cli import main

sys.exit(main())
