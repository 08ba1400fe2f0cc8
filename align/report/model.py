"""The report of one check: alignment, findings and a reproducibility signature.

``Report.to_dict()`` is the JSON report, version 1. Its fields are a contract:
fields may be added, none may change meaning.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from align.alignment.beads import AlignedPair
from align.check.findings import SEVERITIES, SEVERITY_RANK, Finding, Span
from align.segment.clauses import Clause
from align.segment.document import Document

# The result objects of each stage, re-exported: a report is read with them.
__all__ = ["REPORT_VERSION", "SEVERITIES", "SEVERITY_RANK", "AlignedPair", "Clause", "Document", "Finding", "Report",
           "Signature", "Span"]

REPORT_VERSION = 1


@dataclass(frozen=True)
class Signature:
    """Everything that determines the result, like sacrebleu's signature."""

    tool: str
    backend: str
    model: str
    backend_version: str
    normalizer: str
    segmenter: str
    aligner: str
    moves: str
    thresholds: dict
    dimension: int | None = None  # of the backend's vectors
    config: str | None = None     # the configuration file that set options: "pyproject.toml@<sha256 prefix>"
    previous: str | None = None   # the previous release compared with (align changes, --previous, --since):
                                  # the sha256 prefix of its clauses

    def __str__(self) -> str:
        thresholds = "|".join(f"{k}:{v:g}" if isinstance(v, float) else f"{k}:{v}"
                              for k, v in self.thresholds.items())
        dimension = "" if self.dimension is None else f"|dim:{self.dimension}"
        return (f"align:{self.tool}|backend:{self.backend}|model:{self.model}|backend-version:"
                f"{self.backend_version}{dimension}|norm:{self.normalizer}|seg:{self.segmenter}|"
                f"aligner:{self.aligner}|moves:{self.moves}|{thresholds}"
                + ("" if self.config is None else f"|config:{self.config}")
                + ("" if self.previous is None else f"|previous:{self.previous}"))

    def to_dict(self) -> dict:
        return {"tool": self.tool, "backend": self.backend, "model": self.model,
                "backend_version": self.backend_version, "normalizer": self.normalizer,
                "segmenter": self.segmenter, "aligner": self.aligner, "moves": self.moves,
                "thresholds": dict(self.thresholds), "dimension": self.dimension,
                **({} if self.config is None else {"config": self.config}),
                **({} if self.previous is None else {"previous": self.previous})}


@dataclass(frozen=True)
class Report:
    signature: Signature
    ar: Document
    en: Document
    alignment: tuple[AlignedPair, ...]
    findings: tuple[Finding, ...]
    version: int = REPORT_VERSION
    extra: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # about the inputs: files swapped, invisible characters in numbers
    fingerprints: tuple[str, ...] = ()  # one per finding (see align.report.baseline)
    suppressed: int = 0                 # findings left out because a baseline lists them
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)  # seconds by stage, in order
    # (align check --profile); never in the JSON, which holds no timing: the same input gives the same bytes

    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    def worst_severity(self) -> str | None:
        return max((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__, default=None)

    def fails(self, fail_on: str) -> bool:
        """True when a finding is at or above ``fail_on`` (``never`` never fails)."""
        if fail_on == "never":
            return False
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in self.findings)

    def summary(self) -> dict:
        counts = self.counts()
        beads = Counter(f"{len(p.ar)}-{len(p.en)}" for p in self.alignment)
        scores = [p.score for p in self.alignment if p.score is not None]
        return {
            "ar_clauses": len(self.ar.clauses), "en_clauses": len(self.en.clauses),
            "pairs": sum(not p.is_gap for p in self.alignment),
            "gaps": sum(p.is_gap for p in self.alignment),
            "beads": dict(sorted(beads.items())),
            "mean_score": round(sum(scores) / len(scores), 4) if scores else None,
            "findings": {s: counts.get(s, 0) for s in SEVERITIES},
            "by_check": dict(sorted(Counter(f.check for f in self.findings).items())),
            "suppressed": self.suppressed,
        }

    def location(self, finding: Finding, side: str) -> tuple[int, int] | None:
        """(line, column) in the input file where a finding points on one side, if it has that side."""
        spans = finding.ar_spans if side == "ar" else finding.en_spans
        indices = finding.ar if side == "ar" else finding.en
        if spans:
            return spans[0].line, spans[0].column
        if indices:
            clause = (self.ar if side == "ar" else self.en).clauses[indices[0]]
            return clause.line, clause.column
        return None

    def finding_dict(self, finding: Finding, fingerprint: str | None = None) -> dict:
        out = finding.to_dict()
        if fingerprint is not None:
            out["fingerprint"] = fingerprint
        for side in ("ar", "en"):
            where = self.location(finding, side)
            out[f"{side}_location"] = None if where is None else {"line": where[0], "column": where[1]}
            document, indices = (self.ar, finding.ar) if side == "ar" else (self.en, finding.en)
            out[f"{side}_paragraphs"] = document.paragraphs(indices)
            out[f"{side}_lines"] = document.lines(indices)
        return out

    def where(self, finding: Finding) -> str:
        """Where a finding is on both sides: "AR paragraph 23 (ar.txt:23) · EN paragraph 23 (en.txt:23)"."""
        return f"AR {self.ar.where(finding.ar)} · EN {self.en.where(finding.en)}"

    def row_dict(self, pair: AlignedPair) -> dict:
        """One alignment row of the JSON report, with the paragraphs and file lines of both sides."""
        out = pair.to_dict()
        for side, document, indices in (("ar", self.ar, pair.ar), ("en", self.en, pair.en)):
            out[f"{side}_paragraphs"] = document.paragraphs(indices)
            out[f"{side}_lines"] = document.lines(indices)
        return out

    def to_dict(self) -> dict:
        return {"version": self.version, "signature": str(self.signature),
                "signature_details": self.signature.to_dict(),
                "ar": self.ar.to_dict(), "en": self.en.to_dict(),
                "alignment": [self.row_dict(p) for p in self.alignment],
                "findings": [self.finding_dict(f, fp) for f, fp in
                             zip(self.findings, self.fingerprints or [None] * len(self.findings))],
                "summary": self.summary(), "warnings": list(self.warnings), **self.extra}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        """A report read back from its JSON (version 1). Raises ``ValueError`` or ``KeyError`` on what is not."""
        if not isinstance(data, dict) or "findings" not in data or "alignment" not in data:
            raise ValueError("not an align report (no findings and alignment)")
        if data.get("version") != REPORT_VERSION:
            raise ValueError(f"a report of version {data.get('version')!r}; this align reads version {REPORT_VERSION}")

        def document(side: dict, lang: str) -> Document:
            clauses = tuple(Clause(**{k: c[k] for k in ("index", "paragraph", "kind", "number", "verb", "text",
                                                          "start", "end", "line")},
                                   column=c.get("column", 1), label=c.get("label") or str(c["paragraph"] + 1))
                            for c in side["clauses"])
            return Document(side.get("path"), lang, clauses, encoding=side.get("encoding"),
                            format=side.get("format"), wrapped_at=side.get("wrapped_at"))

        def spans(items: list) -> tuple[Span, ...]:
            return tuple(Span(s["start"], s["end"], s["text"], s.get("line", 0), s.get("column", 0)) for s in items)

        details = data.get("signature_details") or {}
        signature = Signature(**{k: details.get(k, "") for k in ("tool", "backend", "model", "backend_version",
                                                                  "normalizer", "segmenter", "aligner", "moves")},
                              thresholds=details.get("thresholds") or {}, dimension=details.get("dimension"),
                              config=details.get("config"), previous=details.get("previous"))
        for n, f in enumerate(data["findings"], 1):
            if f.get("severity") not in SEVERITIES:
                raise ValueError(f"finding {n} has the unknown severity {f.get('severity')!r}")
        findings = tuple(Finding(f["check"], f["severity"], f["category"], tuple(f["ar"]), tuple(f["en"]),
                                 f["message"], spans(f.get("ar_spans", [])), spans(f.get("en_spans", [])))
                         for f in data["findings"])
        for n, f in enumerate(findings, 1):
            for side in ("ar", "en"):
                if any(not 0 <= k < len(data[side]["clauses"]) for k in getattr(f, side)):
                    raise ValueError(f"finding {n} names a clause the report does not have")
        alignment = tuple(AlignedPair(tuple(p["ar"]), tuple(p["en"]), p.get("score")) for p in data["alignment"])
        return cls(signature, document(data["ar"], "ar"), document(data["en"], "en"), alignment, findings,
                   warnings=tuple(data.get("warnings", ())),
                   fingerprints=tuple(f.get("fingerprint", "") for f in data["findings"]),
                   suppressed=(data.get("summary") or {}).get("suppressed", 0))

    def to_frame(self, what: str = "alignment"):
        """A pandas DataFrame: ``alignment`` (one row per aligned pair, the columns of the CSV format) or
        ``findings`` (one row per finding)."""
        import pandas as pd

        from align.report.tables import COLUMNS, FINDING_COLUMNS, alignment_rows, finding_table

        if what == "alignment":
            return pd.DataFrame(alignment_rows(self), columns=list(COLUMNS))
        if what == "findings":
            return pd.DataFrame(finding_table(self), columns=list(FINDING_COLUMNS))
        raise ValueError(f"to_frame: 'alignment' or 'findings', not {what!r}")
