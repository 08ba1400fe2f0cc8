"""Checking many Arabic/English pairs at once, in worker processes.

Pairs come from a directory, by naming convention, or from a CSV manifest
(:func:`find_pairs`). :func:`run_batch` checks them with ``workers`` processes,
each loading the embedding model once, writes one report per pair in every
requested format plus a combined JSON report and an index page, all
atomically, and returns a :class:`BatchResult`. A pair that cannot be checked
(unreadable, unpaired, not the same text...) is recorded with its error and
the batch goes on; so is a pair whose worker dies (killed, out of memory) or
runs past the per-pair timeout: the worker is replaced. ``combined.json`` is
rewritten as pairs complete and on any exit, Ctrl-C included, so it always
describes what is on disk; ``resume=True`` reuses every pair whose reports a
previous run wrote with the same signature, options and input files.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections import deque
from pathlib import Path
from typing import Callable, Iterable

from align.batch.cluster import run_on_dask
from align.batch.pairs import PairSpec, unique
from align.batch.pool import PairChecker, WorkerPool, discard_reports
from align.batch.render import render_index
from align.batch.results import COMBINED_NAME, INDEX_NAME, BatchOptions, BatchResult, PairResult, combined_tables
from align.errors import InputError
from align.files import write_atomically
from align.report.formats import FORMATS

COMBINED_EVERY = 2.0  # seconds between rewrites of combined.json while the batch runs


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch; ``result`` is what was checked before it, as ``combined.json`` now says."""

    def __init__(self, result: "BatchResult") -> None:
        super().__init__()
        self.result = result


def _size(spec: PairSpec) -> int:
    try:
        return sum(p.stat().st_size for p in (spec.ar, spec.en) if p is not None)
    except OSError:
        return 0


def _previous_run(out: Path) -> dict[str, dict]:
    """The pairs of the ``combined.json`` already in ``out``, by name ({} when there is none or it is unreadable)."""
    try:
        data = json.loads((out / COMBINED_NAME).read_text(encoding="utf-8"))
        return {entry["name"]: entry for entry in data.get("pairs", []) if isinstance(entry, dict) and "name" in entry}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def run_batch(pairs: Iterable[PairSpec], out_dir: str | Path, options: BatchOptions | None = None,
              workers: int = 1, progress: Callable[[PairResult], None] | None = None,
              threads: int | None = None, timeout: float | None = None, resume: bool = False,
              scheduler: str | None = None) -> BatchResult:
    """Check every pair, write its reports under ``out_dir/pairs``, ``out_dir/combined.json`` and
    ``out_dir/index.html``.

    ``workers`` processes each load the model once; the largest pairs are handed out first. With one worker
    and no ``timeout`` the pairs are checked in this process. ``threads``: BLAS threads per worker (``use``
    backend; default 1: the parallelism is the processes'; two BLAS threads ran 5x slower than one on a busy
    2-core machine, see docs/batch.md). ``timeout``: seconds a pair may take before its worker is stopped and
    the pair failed. ``resume``: reuse the pairs a previous run in ``out_dir`` checked with the same
    signature, options and inputs (their reports still on disk). ``progress`` is called in this process with
    each pair's result as it completes. ``combined.json`` is rewritten every few seconds as pairs complete,
    and at the end of any exit; on Ctrl-C this raises :class:`BatchInterrupted` after writing it.
    ``scheduler``: run on Dask instead (``local``: a LocalCluster of ``workers`` processes; else the address
    of a running scheduler); a lost worker fails its pair as Dask decides (after its retries).
    """
    options = options or BatchOptions()
    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}; choose from: {', '.join(FORMATS)}")
    if "xlsx" in options.formats and not (importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl")):
        raise InputError("format 'xlsx' needs pandas and openpyxl, which clausealign installs: "
                         "pip install --force-reinstall clausealign")
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if timeout is not None and timeout <= 0:
        raise InputError(f"--timeout must be a positive number of seconds, not {timeout:g}")
    if timeout is not None and scheduler is not None:
        raise InputError("--timeout is for the local worker processes; a Dask cluster has its own limits")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output directory ({exc.strerror or exc})") from exc
    specs = unique(list(pairs))
    if not specs:
        raise InputError("no pairs to check (see the naming conventions in 'align batch --help')")
    previous = _previous_run(out) if resume else {}
    if scheduler is None:
        workers = min(workers, sum(s.problem is None for s in specs) or 1)
    threads = threads or 1
    order = sorted(range(len(specs)), key=lambda i: -_size(specs[i]))
    results: list[PairResult | None] = [None] * len(specs)
    started = time.perf_counter()
    combined = out / COMBINED_NAME
    last_write = [time.monotonic()]

    ran: dict = {}  # what a Dask cluster really ran: its workers, its scheduler's address

    def snapshot(status: str) -> BatchResult:
        return BatchResult(tuple(r for r in results if r is not None), ran.get("workers") or workers,
                           time.perf_counter() - started, options.fail_on, str(combined), status,
                           tuple(specs[i].name for i, r in enumerate(results) if r is None),
                           ran.get("scheduler"))

    def collect(index: int, result: PairResult) -> None:
        results[index] = result
        if progress is not None:
            progress(result)
        if time.monotonic() - last_write[0] >= COMBINED_EVERY:
            write_atomically(combined, snapshot("running").to_json())
            last_write[0] = time.monotonic()

    tasks = deque((i, previous.get(specs[i].name)) for i in order)
    status = "failed"  # until it completes or is interrupted
    pool = None
    try:
        if scheduler is not None:
            run_on_dask(scheduler, workers, tasks, specs, options, out, threads, collect, ran)
        elif workers == 1 and timeout is None:
            worker = PairChecker(options, out, threads)
            while tasks:
                index, before = tasks.popleft()
                collect(index, worker.run(specs[index], before))
        else:
            pool = WorkerPool(workers, options, out, threads, timeout)
            pool.run(tasks, specs, collect)
        status = "complete"
    except KeyboardInterrupt:
        status = "interrupted"
    finally:
        if pool is not None:
            pool.close(now=status != "complete")
        for index, result in enumerate(results):
            if result is None:
                discard_reports(out, specs[index].name, options.formats)
        batch = snapshot(status)
        # a batch that could not start (Dask missing, its scheduler unreachable) or failed before any pair writes
        # no combined report: its error line is the whole story, and a CI step must not find a report to read
        if status != "failed" or any(r is not None for r in results):
            write_atomically(combined, batch.to_json())
            write_atomically(out / INDEX_NAME, render_index(batch, out))
            for name, content in combined_tables(batch).items():
                write_atomically(out / name, content)
    if status == "interrupted":
        raise BatchInterrupted(batch)
    return batch
