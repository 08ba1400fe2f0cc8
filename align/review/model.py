"""Reviewing findings one by one: each is confirmed (a real problem, for the translator) or dismissed (a
false alarm, never to be reported again). The model behind ``align review``; no user interface here.

A :class:`ReviewSession` holds a report, the decision on each finding (by fingerprint, so decisions survive
edits elsewhere in the document) and an undo history. Every decision is saved at once (atomically):

- the dismissed findings into the baseline file, the format ``align check --baseline`` reads, merged with
  what the file already lists (each entry also records the reason, the reviewer and when);
- every decision into the review file (JSON, version 1), with the confirmed findings and their notes also
  as CSV (UTF-8 with a byte-order mark) and XLSX beside it, for the translator.

Reopening a session reads the review file back, so a crash or Ctrl-C loses no decision already made.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import InputError
from align.files import write_atomically
from align.report.baseline import baseline_json, load_baseline_entries
from align.report.model import Finding, Report

REVIEW_VERSION = 1
CONFIRMED, DISMISSED = "confirmed", "dismissed"


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided about one finding."""

    status: str               # confirmed or dismissed
    note: str = ""            # for the translator (confirmed), or why it is a false alarm (dismissed)
    reviewer: str | None = None
    decided_at: str = ""      # ISO 8601, UTC


def load_report(path: str | Path) -> Report:
    """A JSON report written by ``align check --format json``, read back; one clear line when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such report") from exc
    except json.JSONDecodeError as exc:
        if not Path(path).read_text(encoding="utf-8", errors="replace").lstrip()[:1] in ("{", "["):
            raise InputError(f"{path}: not a JSON report; to check a pair, give both files: ARABIC ENGLISH") from exc
        raise InputError(f"{path}:{exc.lineno}: not a JSON report ({exc.msg})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the report ({type(exc).__name__})") from exc
    try:
        report = Report.from_dict(data)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        missing = f"a field is missing: {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError(f"{path}: not a report this align can open ({missing})") from exc
    if len(report.fingerprints) != len(report.findings) or not all(report.fingerprints):
        raise InputError(f"{path}: not a report this align can open (its findings have no fingerprints)")
    return report


@dataclass
class ReviewSession:
    """The findings of one report and the decisions taken on them."""

    report: Report
    baseline_path: Path
    review_path: Path
    reviewer: str | None = None
    decisions: dict[str, Decision] = field(default_factory=dict)
    history: list[tuple[str, Decision | None]] = field(default_factory=list)  # (fingerprint, what it was)

    @classmethod
    def open(cls, report: Report, baseline_path: str | Path, review_path: str | Path,
             reviewer: str | None = None) -> "ReviewSession":
        """A session on ``report``, with the decisions of an earlier session read back from ``review_path``."""
        session = cls(report, Path(baseline_path), Path(review_path), reviewer)
        if session.baseline_path.exists():
            load_baseline_entries(session.baseline_path)  # refuse a broken baseline before any decision
        if session.review_path.exists():
            session.decisions = _read_decisions(session.review_path, set(report.fingerprints))
        return session

    # -- reading ------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.report.findings)

    def finding(self, k: int) -> Finding:
        return self.report.findings[k]

    def fingerprint(self, k: int) -> str:
        return self.report.fingerprints[k]

    def decision(self, k: int) -> Decision | None:
        return self.decisions.get(self.fingerprint(k))

    def status(self, k: int) -> str:
        decided = self.decision(k)
        return decided.status if decided else "open"

    def next_open(self, after: int, order: list[int] | None = None) -> int | None:
        """The first finding still open after position ``after`` of ``order`` (all findings by default),
        wrapping round; None when every one is decided."""
        order = list(range(len(self))) if order is None else order
        if not order:
            return None
        start = order.index(after) + 1 if after in order else 0
        for k in order[start:] + order[:start]:
            if self.status(k) == "open":
                return k
        return None

    def counts(self) -> dict[str, int]:
        statuses = [self.status(k) for k in range(len(self))]
        return {s: statuses.count(s) for s in ("open", CONFIRMED, DISMISSED)}

    # -- deciding -------------------------------------------------------------

    def decide(self, k: int, status: str, note: str = "") -> None:
        """Confirm or dismiss finding ``k`` (with a note), and save."""
        if status not in (CONFIRMED, DISMISSED):
            raise ValueError(f"a decision is {CONFIRMED} or {DISMISSED}, not {status!r}")
        fp = self.fingerprint(k)
        self.history.append((fp, self.decisions.get(fp)))
        self.decisions[fp] = Decision(status, note.strip(), self.reviewer,
                                      _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
        self.save()

    def undo(self) -> str | None:
        """Take back the last decision, and save; the fingerprint it was about (None: nothing to undo)."""
        if not self.history:
            return None
        fp, before = self.history.pop()
        if before is None:
            self.decisions.pop(fp, None)
        else:
            self.decisions[fp] = before
        self.save()
        return fp

    # -- saving ---------------------------------------------------------------

    def save(self) -> None:
        """Write the baseline, the review file and the translator's tables, each atomically."""
        entries = load_baseline_entries(self.baseline_path) if self.baseline_path.exists() else {}
        mine = set(self.report.fingerprints)
        entries = {fp: e for fp, e in entries.items()
                   if fp not in mine or self.decisions.get(fp, Decision("")).status == DISMISSED}
        for k, fp in enumerate(self.report.fingerprints):
            decided = self.decisions.get(fp)
            if decided and decided.status == DISMISSED:
                finding = self.finding(k)
                entries[fp] = {"check": finding.check, "message": finding.message, "reason": decided.note,
                               "reviewer": decided.reviewer, "decided_at": decided.decided_at}
        write_atomically(self.baseline_path, baseline_json(entries))
        write_atomically(self.review_path, self.to_json())
        for suffix, content in _translator_tables(self.confirmed_rows()).items():
            write_atomically(self.review_path.with_suffix(suffix), content)

    def rows(self) -> list[dict]:
        """Every decided finding, as the review file lists it."""
        out = []
        for k, fp in enumerate(self.report.fingerprints):
            decided = self.decisions.get(fp)
            if decided is None:
                continue
            finding = self.report.finding_dict(self.finding(k), fp)
            out.append({"fingerprint": fp, "status": decided.status, "note": decided.note,
                        "reviewer": decided.reviewer, "decided_at": decided.decided_at,
                        **{key: finding[key] for key in ("check", "severity", "category", "message", "ar_paragraphs",
                                                         "en_paragraphs", "ar_lines", "en_lines")},
                        "ar_text": " ".join(self.report.ar.clauses[i].text for i in self.finding(k).ar),
                        "en_text": " ".join(self.report.en.clauses[j].text for j in self.finding(k).en)})
        return out

    def confirmed_rows(self) -> list[dict]:
        return [r for r in self.rows() if r["status"] == CONFIRMED]

    def to_json(self) -> str:
        return json.dumps({"version": REVIEW_VERSION, "kind": "align-review", "signature": str(self.report.signature),
                           "ar": self.report.ar.path, "en": self.report.en.path, "reviewer": self.reviewer,
                           "counts": self.counts(), "findings": self.rows()},
                          ensure_ascii=False, indent=2) + "\n"


def _read_decisions(path: Path, known: set[str]) -> dict[str, Decision]:
    """The decisions of a review file (those about findings of this report; others are kept by the baseline)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not a review file ({exc.msg})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the review file ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or data.get("kind") != "align-review" or data.get("version") != REVIEW_VERSION \
            or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not a review file (expected kind align-review, version {REVIEW_VERSION})")
    decisions = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict) or entry.get("status") not in (CONFIRMED, DISMISSED) or "fingerprint" not in entry:
            raise InputError(f"{path}: not a review file (an entry without fingerprint and status)")
        if entry["fingerprint"] in known:
            decisions[entry["fingerprint"]] = Decision(entry["status"], entry.get("note") or "",
                                                       entry.get("reviewer"), entry.get("decided_at") or "")
    return decisions


TRANSLATOR_COLUMNS = ("check", "severity", "ar_paragraphs", "en_paragraphs", "ar_lines", "en_lines", "message",
                      "note", "reviewer", "decided_at", "ar_text", "en_text")


def _translator_tables(rows: list[dict]) -> dict[str, bytes]:
    """The confirmed findings for the translator: ``.csv`` (UTF-8 with a byte-order mark) and ``.xlsx``."""
    import csv
    import io

    flat = [{c: ", ".join(map(str, r[c])) if isinstance(r[c], list) else ("" if r[c] is None else r[c])
             for c in TRANSLATOR_COLUMNS} for r in rows]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=TRANSLATOR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    tables = {".csv": buffer.getvalue().encode("utf-8")}
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - a declared dependency
        return tables
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as excel:
        pd.DataFrame(flat, columns=list(TRANSLATOR_COLUMNS)).to_excel(excel, sheet_name="confirmed", index=False)
        excel.sheets["confirmed"].freeze_panes = "A2"
    tables[".xlsx"] = out.getvalue()
    return tables
