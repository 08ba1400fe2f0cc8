"""A report as rows: texts and findings per alignment row, for the CSV and XLSX formats, every format that
lists findings by row, and :meth:`Report.to_frame`. Reads a report; imports nothing that imports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from align.check.findings import SEVERITIES, SEVERITY_RANK, row_of_finding

if TYPE_CHECKING:
    from align.alignment.beads import AlignedPair
    from align.check.findings import Finding
    from align.report.model import Report


def row_texts(report: Report, pair: AlignedPair) -> tuple[str, str]:
    """The Arabic and English texts of one alignment row (clauses joined by a space)."""
    return (" ".join(report.ar.clauses[i].text for i in pair.ar),
            " ".join(report.en.clauses[j].text for j in pair.en))


def finding_rows(report: Report) -> dict[int, list[Finding]]:
    """Findings by the index of the alignment row they belong to (the row of their first clause)."""
    row = row_of_finding(report.alignment)
    rows: dict[int, list[Finding]] = {}
    for finding in report.findings:
        rows.setdefault(row(finding), []).append(finding)
    return rows


def finding_line(report: Report, finding: Finding) -> str:
    """A finding for a plain-text format: "error verb-mismatch: MESSAGE [AR paragraph 23 (ar.txt:23) · EN ...]"."""
    return f"{finding.severity} {finding.check}: {finding.message} [{report.where(finding)}]"


COLUMNS = ("row", "ar_clauses", "en_clauses", "ar_line", "en_line", "ar_text", "en_text", "score", "gap",
           "findings", "errors", "warnings", "infos", "worst", "checks", "messages", "ar_spans", "en_spans",
           "ar_paragraph", "en_paragraph")
FINDING_COLUMNS = ("row", "check", "severity", "category", "ar_clauses", "en_clauses", "ar_line", "ar_column",
                   "en_line", "en_column", "message", "ar_spans", "en_spans", "ar_paragraph", "en_paragraph")


def alignment_rows(report: Report) -> list[dict]:
    """One dict per alignment row, with the columns of :data:`COLUMNS`."""
    rows_of = finding_rows(report)
    rows = []
    for k, pair in enumerate(report.alignment):
        findings = rows_of.get(k, [])
        ar_text, en_text = row_texts(report, pair)
        counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
        rows.append({
            "row": k + 1,
            "ar_clauses": ",".join(map(str, pair.ar)), "en_clauses": ",".join(map(str, pair.en)),
            "ar_line": report.ar.clauses[pair.ar[0]].line if pair.ar else None,
            "en_line": report.en.clauses[pair.en[0]].line if pair.en else None,
            "ar_text": ar_text, "en_text": en_text,
            "score": None if pair.score is None else round(pair.score, 4),
            "gap": pair.is_gap,
            "findings": len(findings), "errors": counts["error"], "warnings": counts["warning"],
            "infos": counts["info"],
            "worst": max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__, default=""),
            "checks": ";".join(f.check for f in findings),
            "messages": "\n".join(finding_line(report, f) for f in findings),
            "ar_spans": ";".join(s.text for f in findings for s in f.ar_spans),
            "en_spans": ";".join(s.text for f in findings for s in f.en_spans),
            "ar_paragraph": ",".join(report.ar.paragraphs(pair.ar)),
            "en_paragraph": ",".join(report.en.paragraphs(pair.en)),
        })
    return rows


def finding_table(report: Report) -> list[dict]:
    """One dict per finding, with the columns of :data:`FINDING_COLUMNS`."""
    rows_of = finding_rows(report)
    row_of_finding = {id(f): k for k, fs in rows_of.items() for f in fs}
    out = []
    for finding in report.findings:
        ar_at, en_at = report.location(finding, "ar"), report.location(finding, "en")
        out.append({
            "row": row_of_finding[id(finding)] + 1, "check": finding.check, "severity": finding.severity,
            "category": finding.category, "ar_clauses": ",".join(map(str, finding.ar)),
            "en_clauses": ",".join(map(str, finding.en)),
            "ar_line": ar_at[0] if ar_at else None, "ar_column": ar_at[1] if ar_at else None,
            "en_line": en_at[0] if en_at else None, "en_column": en_at[1] if en_at else None,
            "message": finding.message,
            "ar_spans": ";".join(s.text for s in finding.ar_spans),
            "en_spans": ";".join(s.text for s in finding.en_spans),
            "ar_paragraph": ",".join(report.ar.paragraphs(finding.ar)),
            "en_paragraph": ",".join(report.en.paragraphs(finding.en))})
    return out
