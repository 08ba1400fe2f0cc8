"""Beyond one machine: the same pairs on a Dask cluster (``--scheduler``), each Dask worker process loading
the model once per run.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Callable

from align.batch.pairs import PairSpec
from align.batch.pool import PairChecker, discard_reports, limit_blas
from align.batch.results import BatchOptions, PairResult
from align.errors import InputError

# in each Dask worker process: one PairChecker per run's options, loaded once
_DASK_WORKERS: dict[str, "PairChecker"] = {}


def _dask_check(index: int, spec: PairSpec, previous: dict | None, options: BatchOptions, out_dir: Path,
                threads: int | None) -> tuple[int, PairResult]:
    """One pair, in a Dask worker: the model is loaded by the worker's first pair of a run, then kept."""
    key = repr((options, str(out_dir), threads))
    worker = _DASK_WORKERS.get(key)
    if worker is None:
        _DASK_WORKERS.clear()  # another run's model: let it go
        limit_blas(threads)
        worker = _DASK_WORKERS[key] = PairChecker(options, out_dir, threads)
    return index, worker.run(spec, previous)


def run_on_dask(scheduler: str, workers: int, tasks: deque, specs: list[PairSpec], options: BatchOptions,
                out: Path, threads: int | None, collect: Callable[[int, PairResult], None],
                ran: dict | None = None) -> None:
    """Check the pairs on a Dask cluster: ``scheduler`` ``local`` starts a LocalCluster of ``workers``
    processes here, else it is a scheduler's address (``tcp://host:8786``). The workers read the inputs and
    write the reports at the paths given, so both must be on a file system every worker sees. ``ran`` is
    told what really ran: ``workers`` (the most Dask workers the scheduler had at once while the pairs ran,
    not ``workers``, which only sizes a local cluster) and ``scheduler`` (its address)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise InputError("--scheduler needs Dask: pip install 'clausealign[dask]'") from exc
    cluster = None
    try:
        if scheduler == "local":
            import logging

            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    futures = {}
    ran = ran if ran is not None else {}

    def count_workers() -> None:
        try:
            info = client.scheduler_info()
        except Exception:  # noqa: BLE001 - a scheduler that stops answering: keep what was seen
            return
        ran["workers"] = max(ran.get("workers", 0), len(info.get("workers", {})))
        ran["scheduler"] = info.get("address") or scheduler

    try:
        count_workers()
        for rank, (index, previous) in enumerate(tasks):  # the largest pairs first
            future = client.submit(_dask_check, index, specs[index], previous, options, out, threads,
                                   pure=False, priority=-rank, key=f"align-pair-{index}")
            futures[future] = index
        tasks.clear()
        for future in as_completed(list(futures)):
            index = futures[future]
            try:
                _, result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker lost with its pair (KilledWorker) fails the pair
                spec = specs[index]
                discard_reports(out, spec.name, options.formats)
                result = PairResult(spec.name, str(spec.ar) if spec.ar else None,
                                    str(spec.en) if spec.en else None, 0.0,
                                    error=f"the Dask worker checking this pair was lost ({type(exc).__name__}: "
                                          f"{exc})")
            count_workers()
            collect(index, result)
    finally:
        client.cancel(list(futures))
        client.close()
        if cluster is not None:
            cluster.close()
