"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

One rule per check of the registry (id, description, default level, MQM
category); one result per finding, located where the offending text stands:
the first offending span, else the first clause, on the finding's primary side
(see :func:`align.report.formats.primary_side`); the other side, when the finding has
one, is a related location. Columns are Unicode code points
(``columnKind: unicodeCodePoints``); paths are relative to ``base_dir`` (the
repository root; the working directory by default) as code scanning wants.
``automationDetails.id`` is ``align/NAME/`` (the pair's name), a category of
its own per pair.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from align.report.formats import FormatOptions, display_path, document_of, pair_name, primary_side
from align.report.model import Finding, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str | None, base_dir: Path | None) -> str:
    shown = display_path(path, base_dir)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


def _region(report: Report, finding: Finding, side: str) -> dict:
    spans = finding.ar_spans if side == "ar" else finding.en_spans
    if spans:
        span = spans[0]
        start, length, line, column, text = span.start, span.end - span.start, span.line, span.column, span.text
    else:
        clause = document_of(report, side).clauses[(finding.ar if side == "ar" else finding.en)[0]]
        start, length, line, column, text = clause.start, clause.end - clause.start, clause.line, \
            clause.column, clause.text
    return {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column + length,
            "charOffset": start, "charLength": length, "snippet": {"text": text}}


def _location(report: Report, finding: Finding, side: str, artifact: int, base_dir: Path | None) -> dict:
    return {"physicalLocation": {
        "artifactLocation": {"uri": _uri(document_of(report, side).path, base_dir), "index": artifact},
        "region": _region(report, finding, side)},
        "message": {"text": "Arabic version" if side == "ar" else "English version"}}


def _fingerprint(report: Report, finding: Finding) -> str:
    """For a report without fingerprints: the check and the texts involved, stable across line moves."""
    texts = [report.ar.clauses[i].text for i in finding.ar] + [report.en.clauses[j].text for j in finding.en]
    spans = [s.text for s in finding.ar_spans + finding.en_spans]
    return hashlib.sha256(json.dumps([finding.check, texts, spans], ensure_ascii=False).encode()).hexdigest()


def _rules(report: Report) -> list[dict]:
    from align.check.registry import CHECKS

    ids = list(CHECKS) + sorted({f.check for f in report.findings} - set(CHECKS))
    rules = []
    for check_id in ids:
        check = CHECKS.get(check_id)
        description = check.description if check else check_id
        rules.append({
            "id": check_id, "name": "".join(part.capitalize() for part in check_id.split("-")),
            "shortDescription": {"text": description},
            "fullDescription": {"text": description},
            "defaultConfiguration": {"level": LEVEL[check.severity] if check else "warning"},
            "properties": {"category": check.category if check else "other",
                           "tags": ["translation", "bilingual"]}})
    return rules


def sarif_log(report: Report, options: FormatOptions) -> dict:
    """The SARIF log as a dict (see :func:`render_sarif`)."""
    rules = _rules(report)
    rule_index = {rule["id"]: k for k, rule in enumerate(rules)}
    base_dir = options.base_dir
    artifacts = [{"location": {"uri": _uri(doc.path, base_dir)}, "encoding": "utf-8",
                  "properties": {"language": doc.lang}} for doc in (report.ar, report.en)]
    results = []
    fingerprints = report.fingerprints or tuple(_fingerprint(report, f) for f in report.findings)
    for finding, fingerprint in zip(report.findings, fingerprints):
        side = primary_side(finding)
        other = "ar" if side == "en" else "en"
        result = {
            "ruleId": finding.check, "ruleIndex": rule_index[finding.check],
            "level": LEVEL[finding.severity], "kind": "fail",
            "message": {"text": finding.message},
            "locations": [_location(report, finding, side, 0 if side == "ar" else 1, base_dir)],
            "partialFingerprints": {"alignFinding/v1": fingerprint},
            "properties": {"severity": finding.severity, "category": finding.category,
                           "ar_clauses": list(finding.ar), "en_clauses": list(finding.en),
                           "ar_paragraphs": report.ar.paragraphs(finding.ar),
                           "en_paragraphs": report.en.paragraphs(finding.en),
                           "ar_lines": report.ar.lines(finding.ar), "en_lines": report.en.lines(finding.en),
                           "where": report.where(finding)},
        }
        if finding.ar if other == "ar" else finding.en:
            related = _location(report, finding, other, 0 if other == "ar" else 1, base_dir)
            related["id"] = 1
            result["relatedLocations"] = [related]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "align", "version": report.signature.tool,
                                "semanticVersion": report.signature.tool, "rules": rules}},
            "automationDetails": {"id": f"align/{pair_name(report)}/"},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
                {"message": {"text": warning}, "level": "warning"} for warning in report.warnings]}],
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"signature": str(report.signature), "summary": report.summary()},
        }],
    }


def render_sarif(report: Report, options: FormatOptions) -> str:
    """The report as a SARIF 2.1.0 log (JSON text)."""
    return json.dumps(sarif_log(report, options), ensure_ascii=False, indent=2) + "\n"
