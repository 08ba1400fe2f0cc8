"""Checking many Arabic/English pairs at once, in worker processes.

Pairs come from a directory, by naming convention, or from a CSV manifest
(:func:`find_pairs`). :func:`run_batch` checks them with ``workers`` processes,
each loading the embedding model once (a pool initializer), writes one report
per pair in every requested format plus a combined JSON report, all
atomically, and returns a :class:`BatchResult`. A pair that cannot be checked
(unreadable, unpaired, not the same text...) is recorded with its error and
the batch goes on.

Naming conventions in a directory (searched recursively; hidden entries and
the output directory are skipped; a file matching none is ignored):

- ``NAME.ar.EXT`` + ``NAME.en.EXT``; also ``NAME_ar``/``NAME_en`` and
  ``NAME-ar``/``NAME-en``; any extension or none, ``AR``/``EN`` in any case.
  ``ar.txt`` + ``en.txt`` alone pair as the directory's name.
- ``ar/NAME.EXT`` + ``en/NAME.EXT``: the same path below sibling directories
  named ``ar`` and ``en`` (extension free).

A manifest is a CSV file with the header ``ar,en`` or ``ar,en,name``; relative
paths are relative to the manifest's directory.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import multiprocessing
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from .errors import AlignError, InputError
from .formats import EXTENSIONS, FORMATS, FormatOptions
from .inputs import write_atomically
from .pipeline import Options
from .report import SEVERITIES, SEVERITY_RANK

BATCH_VERSION = 1
COMBINED_NAME = "combined.json"
PAIRS_DIR = "pairs"
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

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return {"name": self.name, "ar": self.ar, "en": self.en, "status": "checked" if self.ok else "error",
                "error": self.error, "seconds": round(self.seconds, 3), "fails": self.fails,
                "worst": self.worst, "summary": self.summary, "findings": list(self.findings),
                "warnings": list(self.warnings), "reports": list(self.reports)}


@dataclass(frozen=True)
class BatchResult:
    """Every pair's result, in input order, and how the batch ran."""

    pairs: tuple[PairResult, ...]
    workers: int
    seconds: float
    fail_on: str
    combined: str | None = None

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
        }

    def slowest(self, n: int = 5) -> list[PairResult]:
        return sorted(self.checked, key=lambda p: -p.seconds)[:n]

    def exit_code(self) -> int:
        """0: no checked pair fails ``fail_on``; 1: some does; 2: no pair could be checked at all."""
        if not self.checked:
            return 2
        return 1 if any(p.fails for p in self.checked) else 0

    def to_dict(self) -> dict:
        return {"version": BATCH_VERSION, "kind": "align-batch", "fail_on": self.fail_on,
                "workers": self.workers, "seconds": round(self.seconds, 3), "totals": self.totals(),
                "pairs": [p.to_dict() for p in self.pairs]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


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
        name = name or _name_of(ar or en or f"line-{line}")
        if not ar or not en:
            specs.append(PairSpec(name, None, None, f"{manifest}:{line}: both an Arabic and an English path needed"))
            continue
        specs.append(PairSpec(name, base / ar, base / en))
    return specs


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
        from .cache import CachedEmbedder, cache_directory
        from .embed import get_backend

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

    def run(self, spec: PairSpec) -> PairResult:
        from .pipeline import check_files

        started = time.perf_counter()
        ar, en = (str(spec.ar) if spec.ar else None), (str(spec.en) if spec.en else None)
        if spec.problem or self.startup_error:
            return PairResult(spec.name, ar, en, 0.0, error=spec.problem or self.startup_error)
        try:
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
        except Exception as exc:  # noqa: BLE001 - one bad pair never aborts the batch
            return PairResult(spec.name, ar, en, time.perf_counter() - started,
                              error=f"internal error: {type(exc).__name__}: {exc}")
        data = report.to_dict()
        return PairResult(spec.name, ar, en, time.perf_counter() - started, summary=data["summary"],
                          findings=tuple(data["findings"]), warnings=tuple(report.warnings),
                          reports=tuple(written), worst=report.worst_severity(),
                          fails=report.fails(self.options.fail_on))


_WORKER: _Worker | None = None


def _start_worker(options: BatchOptions, out_dir: Path, threads: int | None) -> None:
    global _WORKER
    _WORKER = _Worker(options, out_dir, threads)


def _run_in_worker(task: tuple[int, PairSpec]) -> tuple[int, PairResult]:
    index, spec = task
    assert _WORKER is not None
    return index, _WORKER.run(spec)


def _size(spec: PairSpec) -> int:
    try:
        return sum(p.stat().st_size for p in (spec.ar, spec.en) if p is not None)
    except OSError:
        return 0


def run_batch(pairs: Iterable[PairSpec], out_dir: str | Path, options: BatchOptions | None = None,
              workers: int = 1, progress: Callable[[PairResult], None] | None = None,
              threads: int | None = None) -> BatchResult:
    """Check every pair, write its reports under ``out_dir/pairs`` and ``out_dir/combined.json``.

    ``workers`` processes (1: in this process) each load the model once; the
    largest pairs are handed out first. ``threads``: BLAS threads per worker
    (``use`` backend; default 1: the parallelism is the processes'; two BLAS
    threads ran 5x slower than one on a busy 2-core machine, see the README).
    ``progress`` is called in this process with each pair's result as it
    completes.
    """
    options = options or BatchOptions()
    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}; choose from: {', '.join(FORMATS)}")
    if "xlsx" in options.formats and not (importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl")):
        raise InputError("format 'xlsx' needs pandas and openpyxl: pip install 'clausealign[reports]'")
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output directory ({exc.strerror or exc})") from exc
    specs = _unique(list(pairs))
    if not specs:
        raise InputError("no pairs to check (see the naming conventions in 'align batch --help')")
    workers = min(workers, sum(s.problem is None for s in specs) or 1)
    threads = threads or 1
    order = sorted(range(len(specs)), key=lambda i: -_size(specs[i]))
    results: list[PairResult | None] = [None] * len(specs)
    started = time.perf_counter()

    def collect(index: int, result: PairResult) -> None:
        results[index] = result
        if progress is not None:
            progress(result)

    if workers == 1:
        worker = _Worker(options, out, threads)
        for index in order:
            collect(index, worker.run(specs[index]))
    else:
        # fork on Linux: workers start with the parent's imports (about 1 s each under spawn); spawn elsewhere
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with context.Pool(workers, initializer=_start_worker, initargs=(options, out, threads)) as pool:
            for index, result in pool.imap_unordered(_run_in_worker, [(i, specs[i]) for i in order]):
                collect(index, result)
    done = [r for r in results if r is not None]
    combined = out / COMBINED_NAME
    batch = BatchResult(tuple(done), workers, time.perf_counter() - started, options.fail_on, str(combined))
    write_atomically(combined, batch.to_json())
    return batch


def render_summary(result: BatchResult, console, slowest: int = 5, listed: int = 20) -> None:
    """The batch summary for people: totals, slowest pairs, failing and bad pairs (rich tables)."""
    from rich.table import Table

    totals = result.totals()
    table = Table(title="align batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("value", justify="right")
    table.add_row("pairs", f"{totals['pairs']} ({totals['checked']} checked, {totals['bad']} bad)")
    table.add_row("clauses", f"{totals['ar_clauses']} Arabic, {totals['en_clauses']} English "
                             f"({totals['rows']} rows)")
    for severity in SEVERITIES:
        table.add_row(f"{severity} findings", str(totals["findings"][severity]))
    table.add_row(f"pairs failing --fail-on {result.fail_on}", str(totals["failing"]))
    table.add_row("wall time", f"{result.seconds:.1f} s with {result.workers} worker"
                               f"{'s' if result.workers != 1 else ''}")
    console.print(table)
    if result.checked:
        slow = Table(title=f"slowest {min(slowest, len(result.checked))} pairs", title_justify="left")
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
