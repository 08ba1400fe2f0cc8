"""What a batch gives: its options, one :class:`PairResult` per pair, the :class:`BatchResult` and its
combined tables, and where each pair's reports are written.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from align.batch.pairs import UNSAFE_NAME
from align.pipeline import Options
from align.report.formats import EXTENSIONS, FormatOptions
from align.report.model import SEVERITIES, SEVERITY_RANK

BATCH_VERSION = 1
COMBINED_NAME = "combined.json"
INDEX_NAME = "index.html"
PAIRS_DIR = "pairs"


@dataclass(frozen=True)
class BatchOptions:
    """How to check each pair and what to write for it."""

    check: Options = field(default_factory=Options)
    formats: tuple[str, ...] = ("json",)
    format_options: FormatOptions = field(default_factory=FormatOptions)
    by_pair: tuple[tuple[str, Options], ...] = ()  # pairs checked with other options (a configuration's
                                                   # per-path overrides), by pair name

    @property
    def fail_on(self) -> str:
        return self.format_options.fail_on

    def check_for(self, name: str) -> Options:
        """The options pair ``name`` is checked with."""
        return dict(self.by_pair).get(name, self.check)


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
    scheduler: str | None = None        # the Dask scheduler's address, when the pairs ran on one

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
                "workers": self.workers, "scheduler": self.scheduler, "seconds": round(self.seconds, 3),
                "totals": self.totals(),
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


def report_path(out_dir: Path, name: str, fmt: str) -> Path:
    """Where the report of pair ``name`` in format ``fmt`` goes: ``OUT/pairs/NAME.EXT``."""
    parts = [UNSAFE_NAME.sub("_", p) for p in name.split("/") if p not in ("", ".", "..")] or ["pair"]
    return out_dir.joinpath(PAIRS_DIR, *parts[:-1], parts[-1] + EXTENSIONS[fmt])
