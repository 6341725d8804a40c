"""Benchmarks: comparekit against the bare libraries it drives and against the pandas route.

Run ``python -m bench --help`` from the project folder; see ``bench/README.md`` for what is
measured and how to read the ratios.

Modules:

* :mod:`bench.generate` makes deterministic synthetic comparisons (and spec TOML);
* :mod:`bench.bare` prepares the bare-library contenders (tabulate, openpyxl, weasyprint);
* :mod:`bench.pandas_route` is the route a pandas user would take;
* :mod:`bench.contenders` names the three contenders and prepares them for one case;
* :mod:`bench.measure` times them interleaved and measures memory in child processes;
* :mod:`bench.memory` is the child process that measures one case's memory;
* :mod:`bench.startup` times whole ``comparekit`` processes (``show``, the sample to three
  formats) against the start-up targets;
* :mod:`bench.profile` profiles one ``comparekit.render`` call (where comparekit's time goes);
* :mod:`bench.snapshot` runs the benchmark on a copy of comparekit taken at the start;
* :mod:`bench.report` describes the machine and writes the tables, JSON and Markdown;
* :mod:`bench.__main__` is the command line.
"""
