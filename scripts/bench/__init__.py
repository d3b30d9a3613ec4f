"""The build benchmark behind ``make bench``, run as ``python -m scripts.bench`` from the
project root (see ``__main__`` for what it measures and how).

* :mod:`.corpus`: the synthetic case studies and their measures;
* :mod:`.projects`: the temporary copies of the project they are built in;
* :mod:`.measure`: one timed build, and the checks and summaries of its runs;
* :mod:`.wrapper`: the program each build runs, which reports its peak memory;
* :mod:`.budgets`: the budget checks; :mod:`.report`: the table, the JSON and the summary.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class BenchError(Exception):
    """A build or a project copy failed: the benchmark cannot go on."""
