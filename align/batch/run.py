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

Naming conventions in a directory (searched recursively; hidden entries and
the output directory are skipped; a file matching none is ignored):

- ``NAME.ar.EXT`` + ``NAME.en.EXT``; also ``NAME_ar``/``NAME_en`` and
  ``NAME-ar``/``NAME-en``; any extension or none, ``AR``/``EN`` in any case.
  ``ar.txt`` + ``en.txt`` alone pair as the directory's name.
- ``ar/NAME.EXT`` + ``en/NAME.EXT``: the same path below sibling directories
  named ``ar`` and ``en`` (extension free).

A manifest is a CSV file with the header ``ar,en`` or ``ar,en,name``; relative
paths are relative to the manifest's directory; a pair without a ``name`` is
named by what its two file names share (``res.ar.txt`` + ``res.en.txt``:
``res``).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from align.errors import AlignError, InputError
from align.report.formats import EXTENSIONS, FORMATS, FormatOptions
from align.files import write_atomically
from align.pipeline import Options
from align.report.model import SEVERITIES, SEVERITY_RANK

BATCH_VERSION = 1
COMBINED_NAME = "combined.json"
INDEX_NAME = "index.html"
PAIRS_DIR = "pairs"
COMBINED_EVERY = 2.0  # seconds between rewrites of combined.json while the batch runs
_LANG_FILE = re.compile(r"^(?:(?P<name>.+?)[._-])?(?P<lang>ar|en)(?:\.[^.]+)*$", re.IGNORECASE)
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class PairSpec:
    """One pair to check; ``problem`` says why it cannot be (then a path may be missing)."""

    name: str
    ar: Path | None
    en: Path | None
    problem: str | None = None


@dataclass(frozen=True)
class BatchOptions:
    """How to check each pair and what to write for it."""

    check: Options = field(default_factory=Options)
    formats: tuple[str, ...] = ("json",)
    format_options: FormatOptions = field(default_factory=FormatOptions)

    @property
    def fail_on(self) -> str:
        return self.format_options.fail_on


@dataclass(frozen=True)
class PairResult:
    """What became of one pair: its summary and findings, or why it could not be checked."""

    name: str
    ar: str | None
    en: str | None
    seconds: float
    error: str | None = None
    summary: dict | None = None
    findings: tuple[dict, ...] = ()
    warnings: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    worst: str | None = None
    fails: bool = False
    key: str | None = None      # what determined the reports: signature, options, input files (for --resume)
    resumed: bool = False       # reused from a previous run's reports, not checked again

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return {"name": self.name, "ar": self.ar, "en": self.en, "status": "checked" if self.ok else "error",
                "error": self.error, "seconds": round(self.seconds, 3), "fails": self.fails,
                "worst": self.worst, "summary": self.summary, "findings": list(self.findings),
                "warnings": list(self.warnings), "reports": list(self.reports), "key": self.key,
                "resumed": self.resumed}

    @classmethod
    def from_dict(cls, entry: dict) -> "PairResult":
        """A pair of a previous run's ``combined.json``."""
        return cls(entry["name"], entry.get("ar"), entry.get("en"), float(entry.get("seconds") or 0.0),
                   error=entry.get("error"), summary=entry.get("summary"),
                   findings=tuple(entry.get("findings") or ()), warnings=tuple(entry.get("warnings") or ()),
                   reports=tuple(entry.get("reports") or ()), worst=entry.get("worst"),
                   fails=bool(entry.get("fails")), key=entry.get("key"))


@dataclass(frozen=True)
class BatchResult:
    """Every pair's result, in input order, and how the batch ran."""

    pairs: tuple[PairResult, ...]
    workers: int
    seconds: float
    fail_on: str
    combined: str | None = None
    status: str = "complete"            # "running" while it runs, "interrupted" after Ctrl-C
    pending: tuple[str, ...] = ()       # pairs not checked (yet), by name

    @property
    def checked(self) -> list[PairResult]:
        return [p for p in self.pairs if p.ok]

    @property
    def bad(self) -> list[PairResult]:
        return [p for p in self.pairs if not p.ok]

    def totals(self) -> dict:
        checked = self.checked
        severities = Counter()
        for pair in checked:
            severities.update(pair.summary["findings"])
        return {
            "pairs": len(self.pairs), "checked": len(checked), "bad": len(self.bad),
            "failing": sum(p.fails for p in checked),
            "ar_clauses": sum(p.summary["ar_clauses"] for p in checked),
            "en_clauses": sum(p.summary["en_clauses"] for p in checked),
            "rows": sum(p.summary["pairs"] + p.summary["gaps"] for p in checked),
            "findings": {s: severities.get(s, 0) for s in SEVERITIES},
            "worst": max((p.worst for p in checked if p.worst), key=SEVERITY_RANK.__getitem__, default=None),
            "check_seconds": round(sum(p.seconds for p in self.pairs), 3),
            "resumed": sum(p.resumed for p in self.pairs), "pending": len(self.pending),
        }

    def slowest(self, n: int = 5) -> list[PairResult]:
        """The pairs this run took longest over (reused ones left out: their time is a previous run's)."""
        return sorted((p for p in self.checked if not p.resumed), key=lambda p: -p.seconds)[:n]

    def exit_code(self) -> int:
        """0: no checked pair fails ``fail_on``; 1: some does; 2: no pair could be checked at all."""
        if not self.checked:
            return 2
        return 1 if any(p.fails for p in self.checked) else 0

    def to_dict(self) -> dict:
        return {"version": BATCH_VERSION, "kind": "align-batch", "status": self.status, "fail_on": self.fail_on,
                "workers": self.workers, "seconds": round(self.seconds, 3), "totals": self.totals(),
                "pairs": [p.to_dict() for p in self.pairs], "pending": list(self.pending)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_frame(self):
        """One row per pair (checked, not checked, and pending), as a pandas DataFrame: its verdict, finding
        counts by severity, clauses, rows, gaps, mean similarity, seconds, and its reports."""
        import pandas as pd

        rows = []
        for pair in self.pairs:
            summary = pair.summary or {}
            counts = summary.get("findings", {})
            rows.append({
                "name": pair.name, "ar": pair.ar, "en": pair.en,
                "status": "checked" if pair.ok else "error", "error": pair.error,
                "verdict": ("fail" if pair.fails else "pass") if pair.ok else "error",
                "worst": pair.worst, **{f"{s}s" if s != "info" else "infos": counts.get(s) for s in SEVERITIES},
                "ar_clauses": summary.get("ar_clauses"), "en_clauses": summary.get("en_clauses"),
                "pairs": summary.get("pairs"), "gaps": summary.get("gaps"), "mean_score": summary.get("mean_score"),
                "seconds": round(pair.seconds, 3), "resumed": pair.resumed, "reports": ";".join(pair.reports)})
        rows += [{"name": name, "status": "pending", "verdict": "not checked"} for name in self.pending]
        frame = pd.DataFrame(rows, columns=COMBINED_COLUMNS)
        for column in ("errors", "warnings", "infos", "ar_clauses", "en_clauses", "pairs", "gaps"):
            frame[column] = frame[column].astype("Int64")
        return frame


COMBINED_COLUMNS = ("name", "ar", "en", "status", "error", "verdict", "worst", "errors", "warnings", "infos",
                    "ar_clauses", "en_clauses", "pairs", "gaps", "mean_score", "seconds", "resumed", "reports")


def combined_tables(result: BatchResult) -> dict[str, bytes]:
    """The combined results as tables, by file name: ``combined.csv`` (UTF-8 with a byte-order mark),
    ``combined.xlsx``, and ``combined.parquet`` when pyarrow is installed."""
    import io

    frame = result.to_frame()
    tables = {"combined.csv": ("\ufeff" + frame.to_csv(index=False, lineterminator="\n")).encode("utf-8")}
    buffer = io.BytesIO()
    with __import__("pandas").ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="pairs", index=False)
        writer.sheets["pairs"].freeze_panes = "A2"
    tables["combined.xlsx"] = buffer.getvalue()
    if importlib.util.find_spec("pyarrow"):
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        tables["combined.parquet"] = buffer.getvalue()
    return tables


# Finding the pairs.

def find_pairs(source: str | Path, exclude: str | Path | None = None) -> list[PairSpec]:
    """The pairs of a directory (by naming convention) or of a CSV manifest, sorted by name."""
    path = Path(source)
    if path.is_dir():
        return _pairs_in_directory(path, Path(exclude) if exclude else None)
    if path.is_file():
        return _pairs_in_manifest(path)
    raise InputError(f"{source}: no such directory or manifest")


def _pairs_in_directory(root: Path, exclude: Path | None) -> list[PairSpec]:
    excluded = exclude.resolve() if exclude else None
    groups: dict[str, dict[str, list[Path]]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (excluded is None or (here / d).resolve() != excluded))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            file = here / filename
            keyed = _pair_key(file.relative_to(root), root)
            if keyed:
                name, lang = keyed
                groups.setdefault(name, {"ar": [], "en": []})[lang].append(file)
    specs = []
    for name in sorted(groups):
        found = groups[name]
        problem = None
        for lang, other, label in (("ar", "en", "Arabic"), ("en", "ar", "English")):
            if len(found[lang]) > 1:
                problem = f"several {label} files for {name}: " + ", ".join(str(p) for p in found[lang])
            elif not found[lang]:
                problem = f"{found[other][0]}: no {label} counterpart found"
        ar = found["ar"][0] if found["ar"] else None
        en = found["en"][0] if found["en"] else None
        specs.append(PairSpec(name, ar, en, problem))
    return specs


def _pair_key(relative: Path, root: Path) -> tuple[str, str] | None:
    """(pair name, language) of a file by the naming conventions, or None."""
    parts = relative.parts
    for k in range(len(parts) - 2, -1, -1):  # below a directory named ar/ or en/
        lang = parts[k].lower()
        if lang in ("ar", "en"):
            rest = Path(*parts[k + 1:]).with_suffix("")
            match = _LANG_FILE.match(rest.name)  # ar/NAME.ar.txt is NAME too
            if match and match.group("name") and match.group("lang").lower() == lang:
                rest = rest.with_name(match.group("name"))
            return "/".join((*parts[:k], rest.as_posix())), lang
    match = _LANG_FILE.match(parts[-1])
    if not match:
        return None
    lang = match.group("lang").lower()
    if match.group("name"):
        return "/".join((*parts[:-1], match.group("name"))), lang
    return "/".join(parts[:-1]) or root.resolve().name, lang  # bare ar.txt + en.txt: the directory's name


def _pairs_in_manifest(manifest: Path) -> list[PairSpec]:
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: cannot read the manifest ({exc})") from exc
    rows = list(csv.reader(text.splitlines()))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if header[:2] != ["ar", "en"] or len(header) > 3 or (len(header) == 3 and header[2] != "name"):
        raise InputError(f"{manifest}: a manifest is a CSV file whose header is 'ar,en' or 'ar,en,name'")
    base = manifest.parent
    specs = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row] + [""] * 3
        ar, en, name = cells[0], cells[1], cells[2] if len(header) == 3 else ""
        name = name or _common_name(ar, en) or _name_of(ar or en or f"line-{line}")
        if not ar or not en:
            specs.append(PairSpec(name, None, None, f"{manifest}:{line}: both an Arabic and an English path needed"))
            continue
        specs.append(PairSpec(name, base / ar, base / en))
    return specs


def _common_name(ar: str, en: str) -> str:
    """What the two file names of a pair share, less language tags and extensions: ``res.ar.txt`` and
    ``res.en.txt`` give ``res``; ``2024/A_RES_79_1_ar.docx`` and ``2024/A_RES_79_1_en.docx`` give
    ``2024/A_RES_79_1``; '' when they share nothing."""
    if not ar or not en:
        return ""
    a, e = _name_of(ar), _name_of(en)
    parent = Path(ar).parent.as_posix() if Path(ar).parent == Path(en).parent else ""
    if parent.startswith(("/", "..")) or Path(ar).is_absolute():
        parent = ""
    if a != e:
        shared = os.path.commonprefix([a, e]).rstrip("._- ")
        if len(shared) < 2:
            return ""
        a = shared
    return f"{parent}/{a}" if parent and parent != "." else a


def _name_of(path: str) -> str:
    stem = Path(path).name
    match = _LANG_FILE.match(stem)
    return match.group("name") if match and match.group("name") else Path(stem).stem


def _unique(specs: list[PairSpec]) -> list[PairSpec]:
    seen: Counter = Counter()
    out = []
    for spec in specs:
        seen[spec.name] += 1
        out.append(spec if seen[spec.name] == 1 else replace(spec, name=f"{spec.name}~{seen[spec.name]}"))
    return out


def report_path(out_dir: Path, name: str, fmt: str) -> Path:
    """Where the report of pair ``name`` in format ``fmt`` goes: ``OUT/pairs/NAME.EXT``."""
    parts = [_UNSAFE.sub("_", p) for p in name.split("/") if p not in ("", ".", "..")] or ["pair"]
    return out_dir.joinpath(PAIRS_DIR, *parts[:-1], parts[-1] + EXTENSIONS[fmt])


# Checking them.

class _Worker:
    """Checks pairs with one embedder, loaded once."""

    def __init__(self, options: BatchOptions, out_dir: Path, threads: int | None) -> None:
        from align.embed.cache import CachedEmbedder, cache_directory
        from align.embed.backends import get_backend

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
        check = replace(self.options.check, cache=True)  # the cache changes nothing in a report
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
                report = check_files(spec.ar, spec.en, self.options.check, embedder=self.embedder)
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


def _limit_blas(threads: int | None) -> None:
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
    _limit_blas(threads)
    worker = _Worker(options, out_dir, threads)
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


class _Pool:
    """Worker processes that each check one pair at a time. A worker that dies, or runs past ``timeout``
    seconds on one pair (then it is killed), fails only that pair; a new worker takes its place."""

    def __init__(self, size: int, options: BatchOptions, out_dir: Path, threads: int | None,
                 timeout: float | None) -> None:
        # fork on Linux: workers start with the parent's imports (about 1 s each under spawn); spawn elsewhere
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.args, self.timeout = (options, out_dir, threads), timeout
        # [process, connection, (index, started) or None, ready]: a worker is ready once its model is loaded
        self.workers: list[list] = [self._start() for _ in range(size)]

    def _start(self) -> list:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, *self.args), daemon=True)
        process.start()
        child.close()
        return [process, parent, None, False]

    def run(self, tasks: deque, specs: list[PairSpec], collect: Callable[[int, PairResult], None]) -> None:
        from multiprocessing.connection import wait

        while tasks or any(w[2] for w in self.workers):
            for worker in self.workers:
                if worker[3] and worker[2] is None and tasks:
                    index, previous = tasks.popleft()
                    worker[1].send((index, specs[index], previous))
                    worker[2] = (index, time.monotonic())
            watched = [w for w in self.workers if w[2] or not w[3]]
            wait_for = None
            if self.timeout and any(w[2] for w in watched):
                wait_for = max(0.0, min(w[2][1] + self.timeout for w in watched if w[2]) - time.monotonic())
            ready = set(wait([w[1] for w in watched] + [w[0].sentinel for w in watched], wait_for))
            for k, worker in enumerate(self.workers):
                process, connection, task, _ = worker
                if task is None:  # loading its model: ready, or dead before it was (a new one is started)
                    if connection in ready:
                        try:
                            connection.recv()
                            worker[3] = True
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
                        worker[2] = None
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
        _discard_reports(self.args[1], spec.name, self.args[0].formats)  # what a dying worker left behind
        collect(index, PairResult(spec.name, str(spec.ar) if spec.ar else None, str(spec.en) if spec.en else None,
                                  seconds, error=why))
        self.workers[k][1].close()
        self.workers[k] = self._start()

    def close(self, now: bool = False) -> None:
        """Stop every worker: ask, then insist; ``now`` (Ctrl-C): stop them at once, pairs in progress too."""
        if now:
            for process, _, task, _ in self.workers:
                if task is not None:
                    process.kill()
        for process, connection, _, _ in self.workers:
            try:
                connection.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 5
        for process, connection, _, _ in self.workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)
            connection.close()


def _discard_reports(out: Path, name: str, formats: tuple[str, ...]) -> None:
    """Remove the reports (and temporary files) of a pair that ``combined.json`` will not list as checked: a
    worker stopped or killed in the middle of writing them."""
    for fmt in formats:
        target = report_path(out, name, fmt)
        target.unlink(missing_ok=True)
        if target.parent.is_dir():
            for stray in target.parent.glob(f".{target.name}.*.tmp"):
                stray.unlink(missing_ok=True)


# Beyond one machine: the same pairs on a Dask cluster.

_DASK_WORKERS: dict[str, "_Worker"] = {}  # in each Dask worker process: one _Worker per run's options, loaded once


def _dask_check(index: int, spec: PairSpec, previous: dict | None, options: BatchOptions, out_dir: Path,
                threads: int | None) -> tuple[int, PairResult]:
    """One pair, in a Dask worker: the model is loaded by the worker's first pair of a run, then kept."""
    key = repr((options, str(out_dir), threads))
    worker = _DASK_WORKERS.get(key)
    if worker is None:
        _DASK_WORKERS.clear()  # another run's model: let it go
        _limit_blas(threads)
        worker = _DASK_WORKERS[key] = _Worker(options, out_dir, threads)
    return index, worker.run(spec, previous)


def _run_on_dask(scheduler: str, workers: int, tasks: deque, specs: list[PairSpec], options: BatchOptions,
                 out: Path, threads: int | None, collect: Callable[[int, PairResult], None]) -> None:
    """Check the pairs on a Dask cluster: ``scheduler`` ``local`` starts a LocalCluster of ``workers``
    processes here, else it is a scheduler's address (``tcp://host:8786``). The workers read the inputs and
    write the reports at the paths given, so both must be on a file system every worker sees."""
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
    try:
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
                _discard_reports(out, spec.name, options.formats)
                result = PairResult(spec.name, str(spec.ar) if spec.ar else None,
                                    str(spec.en) if spec.en else None, 0.0,
                                    error=f"the Dask worker checking this pair was lost ({type(exc).__name__}: "
                                          f"{exc})")
            collect(index, result)
    finally:
        client.cancel(list(futures))
        client.close()
        if cluster is not None:
            cluster.close()


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
    2-core machine, see the README). ``timeout``: seconds a pair may take before its worker is stopped and
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
    specs = _unique(list(pairs))
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

    def snapshot(status: str) -> BatchResult:
        return BatchResult(tuple(r for r in results if r is not None), workers, time.perf_counter() - started,
                           options.fail_on, str(combined), status,
                           tuple(specs[i].name for i, r in enumerate(results) if r is None))

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
            _run_on_dask(scheduler, workers, tasks, specs, options, out, threads, collect)
        elif workers == 1 and timeout is None:
            worker = _Worker(options, out, threads)
            while tasks:
                index, before = tasks.popleft()
                collect(index, worker.run(specs[index], before))
        else:
            pool = _Pool(workers, options, out, threads, timeout)
            pool.run(tasks, specs, collect)
        status = "complete"
    except KeyboardInterrupt:
        status = "interrupted"
    finally:
        if pool is not None:
            pool.close(now=status != "complete")
        for index, result in enumerate(results):
            if result is None:
                _discard_reports(out, specs[index].name, options.formats)
        batch = snapshot(status)
        write_atomically(combined, batch.to_json())
        write_atomically(out / INDEX_NAME, render_index(batch, out))
        for name, content in combined_tables(batch).items():
            write_atomically(out / name, content)
    if status == "interrupted":
        raise BatchInterrupted(batch)
    return batch


def render_index(result: BatchResult, out: Path) -> str:
    """``index.html``: one row per pair (verdict, counts, link to each report), sortable by any column."""
    from html import escape

    rows = []
    for pair in result.pairs:
        if pair.ok:
            counts = pair.summary["findings"]
            verdict = "fail" if pair.fails else "pass"
            cells = [str(counts.get(s, 0)) for s in SEVERITIES]
        else:
            verdict, cells = "error", ["", "", ""]
        links = " ".join(f'<a href="{escape(Path(os.path.relpath(r, out)).as_posix())}">{escape(Path(r).suffix[1:] or r)}</a>'
                         for r in pair.reports)
        why = f'<td class="why">{escape(pair.error or "")}</td>'
        rows.append(f'<tr class="{verdict}"><td>{escape(pair.name)}</td><td class="verdict">{verdict}</td>'
                    + "".join(f'<td class="n">{c}</td>' for c in cells)
                    + f'<td class="n">{pair.seconds:.2f}</td><td>{links}</td>{why}</tr>')
    for name in result.pending:
        rows.append(f'<tr class="pending"><td>{escape(name)}</td><td class="verdict">not checked</td>'
                    '<td></td><td></td><td></td><td></td><td></td><td></td></tr>')
    totals = result.totals()
    state = {"complete": "", "running": " (running)", "interrupted": " (interrupted: not every pair was checked)",
             "failed": " (stopped by an internal error: not every pair was checked)"}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>align batch: {totals['pairs']} pairs</title>
<style>
body {{ font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; margin: 1.2rem 1.5rem; color: #1b1f24; }}
table {{ border-collapse: collapse; }} th, td {{ padding: .25rem .6rem; border-bottom: 1px solid #d0d4da; text-align: left; }}
th {{ cursor: pointer; background: #eef0f3; position: sticky; top: 0; }} th:hover {{ text-decoration: underline; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.fail td.verdict {{ color: #b3261e; font-weight: 600; }} tr.pass td.verdict {{ color: #1e6b34; }}
tr.error td.verdict, tr.pending td.verdict {{ color: #a15c00; }} td.why {{ color: #5f6670; font-size: .9rem; }}
</style></head><body>
<h1>align batch{escape(state.get(result.status, ""))}</h1>
<p>{totals['pairs'] + totals['pending']} pairs: {totals['checked']} checked ({totals['failing']} failing --fail-on {escape(result.fail_on)}),
{totals['bad']} could not be checked, {totals['pending']} not checked; findings: {totals['findings']['error']} errors,
{totals['findings']['warning']} warnings, {totals['findings']['info']} info. Click a column to sort.</p>
<table id="pairs"><thead><tr><th>pair</th><th>verdict</th><th>errors</th><th>warnings</th><th>info</th>
<th>seconds</th><th>reports</th><th>why</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<script>
document.querySelectorAll('#pairs th').forEach(function (th, column) {{
  var ascending = true;
  th.addEventListener('click', function () {{
    var body = document.querySelector('#pairs tbody');
    var rows = Array.from(body.rows);
    rows.sort(function (a, b) {{
      var x = a.cells[column].textContent, y = b.cells[column].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    }});
    ascending = !ascending;
    rows.forEach(function (r) {{ body.appendChild(r); }});
  }});
}});
</script>
</body></html>
"""


def render_summary(result: BatchResult, console, slowest: int = 5, listed: int = 20) -> None:
    """The batch summary for people: totals, slowest pairs, failing and bad pairs (rich tables)."""
    from rich.table import Table

    totals = result.totals()
    table = Table(title="align batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("value", justify="right")
    reused = f", {totals['resumed']} reused from the last run" if totals["resumed"] else ""
    table.add_row("pairs", f"{totals['pairs']} ({totals['checked']} checked{reused}, {totals['bad']} bad)")
    table.add_row("clauses", f"{totals['ar_clauses']} Arabic, {totals['en_clauses']} English "
                             f"({totals['rows']} rows)")
    for severity in SEVERITIES:
        table.add_row(f"{severity} findings", str(totals["findings"][severity]))
    table.add_row(f"pairs failing --fail-on {result.fail_on}", str(totals["failing"]))
    table.add_row("wall time", f"{result.seconds:.1f} s with {result.workers} worker"
                               f"{'s' if result.workers != 1 else ''}")
    console.print(table)
    if result.slowest(slowest):
        slow = Table(title=f"slowest {len(result.slowest(slowest))} pairs", title_justify="left")
        for name, justify in (("pair", "left"), ("clauses", "right"), ("seconds", "right")):
            slow.add_column(name, justify=justify)
        for pair in result.slowest(slowest):
            slow.add_row(pair.name, f"{pair.summary['ar_clauses']}/{pair.summary['en_clauses']}",
                         f"{pair.seconds:.2f}")
        console.print(slow)
    failing = [p for p in result.checked if p.fails]
    if failing:
        table = Table(title=f"pairs failing --fail-on {result.fail_on}", title_justify="left")
        for name in ("pair", *SEVERITIES):
            table.add_column(name, justify="left" if name == "pair" else "right")
        for pair in sorted(failing, key=lambda p: (-SEVERITY_RANK[p.worst], p.name))[:listed]:
            table.add_row(pair.name, *(str(pair.summary["findings"][s]) for s in SEVERITIES))
        console.print(table)
        if len(failing) > listed:
            console.print(f"... and {len(failing) - listed} more (see {result.combined})")
    if result.bad:
        table = Table(title="pairs that could not be checked", title_justify="left")
        table.add_column("pair")
        table.add_column("why", overflow="fold")
        for pair in result.bad[:listed]:
            table.add_row(pair.name, pair.error or "")
        console.print(table)
        if len(result.bad) > listed:
            console.print(f"... and {len(result.bad) - listed} more (see {result.combined})")
    if result.combined:
        console.print(f"combined report: {result.combined}")
