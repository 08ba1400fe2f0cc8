"""Batch: many Arabic/English pairs checked at once, in worker processes or on a Dask cluster.

:mod:`align.batch.pairs` finds the pairs (by naming convention or a CSV manifest); :mod:`align.batch.run`
checks them with :mod:`align.batch.pool` (worker processes) or :mod:`align.batch.cluster` (Dask), resumes a
previous run, and writes the combined outputs of :mod:`align.batch.results`; :mod:`align.batch.render` gives
the index page and the terminal summary.
"""

from align.batch.pairs import PairSpec, find_pairs
from align.batch.render import render_index, render_summary
from align.batch.results import BatchOptions, BatchResult, PairResult, report_path
from align.batch.run import BatchInterrupted, run_batch

__all__ = ["BatchInterrupted", "BatchOptions", "BatchResult", "PairResult", "PairSpec", "find_pairs", "render_index",
           "render_summary", "report_path", "run_batch"]
