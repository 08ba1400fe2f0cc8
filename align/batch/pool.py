"""Worker processes on this machine: each loads the embedding model once and checks one pair at a time; a
worker that dies or runs past the timeout fails only its pair and is replaced.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from align.batch.pairs import PairSpec
from align.batch.results import BatchOptions, PairResult, report_path
from align.errors import AlignError
from align.files import write_atomically
from align.report.formats import FORMATS


class PairChecker:
    """Checks pairs with one embedder, loaded once."""

    def __init__(self, options: BatchOptions, out_dir: Path, threads: int | None) -> None:
        from align.embed.backends import get_backend
        from align.embed.cache import CachedEmbedder, cache_directory

        self.options, self.out_dir = options, out_dir
        self.embedder, self.startup_error = None, None
        check = options.check
        extra = {"threads": threads} if check.backend == "use" and threads else {}
        try:
            backend = get_backend(check.backend, model=check.model, device=check.device,
                                  batch_size=check.batch_size, **extra)
            self.embedder = CachedEmbedder(backend, cache_directory() if check.cache else None,
                                           background_writes=True)
        except AlignError as exc:
            self.startup_error = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported on every pair, never a crash of the pool
            self.startup_error = f"cannot start the backend: {type(exc).__name__}: {exc}"

    def warm_up(self) -> None:
        """Load the model now (it loads on first use), so that the first pair is not charged for it."""
        if self.embedder is not None:
            try:
                self.embedder.embed(["warm-up"])
            except Exception:  # noqa: BLE001 - a backend that fails says so on each pair
                pass

    def key(self, spec: PairSpec) -> str:
        """What determines this pair's reports: the run's signature, the options and formats, and the bytes of
        both input files and of every glossary and baseline (a changed file is checked again)."""
        from align.pipeline import run_signature

        digest = hashlib.sha256()
        check = replace(self.options.check_for(spec.name), cache=True)  # the cache changes nothing in a report
        digest.update(str(run_signature(check, self.embedder)).encode())
        digest.update(repr((check, self.options.formats, self.options.format_options)).encode())
        for path in (spec.ar, spec.en, *check.glossaries, *([check.baseline] if check.baseline else [])):
            digest.update(b"\0" + Path(path).read_bytes())
        return digest.hexdigest()[:32]

    def run(self, spec: PairSpec, previous: dict | None = None) -> PairResult:
        """Check one pair and write its reports; or, given the pair's entry in a previous ``combined.json``
        whose key is this run's and whose reports are all on disk, return that without checking again."""
        from align.pipeline import check_files

        started = time.perf_counter()
        ar, en = (str(spec.ar) if spec.ar else None), (str(spec.en) if spec.en else None)
        if spec.problem or self.startup_error:
            return PairResult(spec.name, ar, en, 0.0, error=spec.problem or self.startup_error)
        try:
            key = self.key(spec)
            if previous is not None and previous.get("status") == "checked" and previous.get("key") == key \
                    and [Path(r).name for r in previous.get("reports") or ()] == \
                    [report_path(self.out_dir, spec.name, fmt).name for fmt in self.options.formats] \
                    and all(Path(r).is_file() for r in previous["reports"]):
                return replace(PairResult.from_dict(previous), resumed=True)
            try:
                report = check_files(spec.ar, spec.en, self.options.check_for(spec.name), embedder=self.embedder)
            finally:
                self.embedder.flush()
            written = []
            for fmt in self.options.formats:
                target = report_path(self.out_dir, spec.name, fmt)
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, FORMATS[fmt](report, self.options.format_options))
                written.append(str(target))
        except AlignError as exc:
            return PairResult(spec.name, ar, en, time.perf_counter() - started, error=str(exc))
        except OSError as exc:
            return PairResult(spec.name, ar, en, time.perf_counter() - started,
                              error=f"{exc.filename or spec.name}: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - one bad pair never aborts the batch
            return PairResult(spec.name, ar, en, time.perf_counter() - started,
                              error=f"internal error: {type(exc).__name__}: {exc}")
        data = report.to_dict()
        return PairResult(spec.name, ar, en, time.perf_counter() - started, summary=data["summary"],
                          findings=tuple(data["findings"]), warnings=tuple(report.warnings),
                          reports=tuple(written), worst=report.worst_severity(),
                          fails=report.fails(self.options.fail_on), key=key)


def limit_blas(threads: int | None) -> None:
    """Hold this process's BLAS to ``threads`` (default 1) for all its work, not only the model's forward pass:
    workers are the parallelism, and BLAS threads on top of them oversubscribe the cores (two workers of two
    OpenBLAS threads each checked pairs 2.5 times slower than one worker on this 2-core machine)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        return
    threadpool_limits(limits=threads or 1)


def _worker_main(connection, options: BatchOptions, out_dir: Path, threads: int | None) -> None:
    """A worker process: load the model once, then check the pairs the parent sends, one at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit_blas(threads)
    worker = PairChecker(options, out_dir, threads)
    worker.warm_up()
    connection.send(None)  # ready: the model is loaded, so a pair's time (and --timeout) is the pair's own
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, spec, previous = task
        connection.send((index, worker.run(spec, previous)))


def _death(exitcode: int | None) -> str:
    """Why a worker process ended, for the pair it was checking."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"the worker checking this pair was killed by {name}{hint}"
    return f"the worker checking this pair exited with code {exitcode}"


@dataclass
class _Slot:
    """One worker process of the pool and what it is doing."""

    process: Any  # a multiprocessing Process
    connection: Any  # the parent's end of its pipe
    task: tuple[int, float] | None = None  # (index of the pair, monotonic start) while it checks one
    ready: bool = False  # its model is loaded


class WorkerPool:
    """Worker processes that each check one pair at a time. A worker that dies, or runs past ``timeout``
    seconds on one pair (then it is killed), fails only that pair; a new worker takes its place."""

    def __init__(self, size: int, options: BatchOptions, out_dir: Path, threads: int | None,
                 timeout: float | None) -> None:
        # fork on Linux: workers start with the parent's imports (about 1 s each under spawn); spawn elsewhere
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.args, self.timeout = (options, out_dir, threads), timeout
        self.workers: list[_Slot] = [self._start() for _ in range(size)]

    def _start(self) -> "_Slot":
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def run(self, tasks: deque, specs: list[PairSpec], collect: Callable[[int, PairResult], None]) -> None:
        from multiprocessing.connection import wait

        while tasks or any(w.task for w in self.workers):
            for worker in self.workers:
                if worker.ready and worker.task is None and tasks:
                    index, previous = tasks.popleft()
                    worker.connection.send((index, specs[index], previous))
                    worker.task = (index, time.monotonic())
            watched = [w for w in self.workers if w.task or not w.ready]
            wait_for = None
            if self.timeout and any(w.task for w in watched):
                wait_for = max(0.0, min(w.task[1] + self.timeout for w in watched if w.task) - time.monotonic())
            ready = set(wait([w.connection for w in watched] + [w.process.sentinel for w in watched], wait_for))
            for k, worker in enumerate(self.workers):
                process, connection, task = worker.process, worker.connection, worker.task
                if task is None:  # loading its model: ready, or dead before it was (a new one is started)
                    if connection in ready:
                        try:
                            connection.recv()
                            worker.ready = True
                            continue
                        except (EOFError, OSError):
                            pass
                    if connection in ready or process.sentinel in ready:
                        process.join(5)
                        connection.close()
                        self.workers[k] = self._start()
                    continue
                index, started = task
                if connection in ready:
                    try:
                        got, result = connection.recv()
                        worker.task = None
                        collect(got, result)
                        continue
                    except (EOFError, OSError):
                        pass  # it died while answering: below
                    process.join(5)
                elif process.sentinel in ready:
                    process.join(5)
                elif self.timeout and time.monotonic() - started >= self.timeout:
                    process.kill()
                    process.join(5)
                    why = f"timed out after {self.timeout:g} s (--timeout); its worker was stopped"
                    self._replace(k, index, specs, collect, why, time.monotonic() - started)
                    continue
                else:
                    continue
                self._replace(k, index, specs, collect, _death(process.exitcode), time.monotonic() - started)

    def _replace(self, k: int, index: int, specs: list[PairSpec], collect, why: str, seconds: float) -> None:
        spec = specs[index]
        discard_reports(self.args[1], spec.name, self.args[0].formats)  # what a dying worker left behind
        collect(index, PairResult(spec.name, str(spec.ar) if spec.ar else None, str(spec.en) if spec.en else None,
                                  seconds, error=why))
        self.workers[k].connection.close()
        self.workers[k] = self._start()

    def close(self, now: bool = False) -> None:
        """Stop every worker: ask, then insist; ``now`` (Ctrl-C): stop them at once, pairs in progress too."""
        if now:
            for worker in self.workers:
                if worker.task is not None:
                    worker.process.kill()
        for worker in self.workers:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)
            worker.connection.close()


def discard_reports(out: Path, name: str, formats: tuple[str, ...]) -> None:
    """Remove the reports (and temporary files) of a pair that ``combined.json`` will not list as checked: a
    worker stopped or killed in the middle of writing them."""
    for fmt in formats:
        target = report_path(out, name, fmt)
        target.unlink(missing_ok=True)
        if target.parent.is_dir():
            for stray in target.parent.glob(f".{target.name}.*.tmp"):
                stray.unlink(missing_ok=True)
