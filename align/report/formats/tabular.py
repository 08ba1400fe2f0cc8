"""CSV and XLSX: one row per aligned pair, its findings in columns.

CSV is written with the standard library (UTF-8 with a byte-order mark, so
that Excel reads it as UTF-8 rather than mojibake; RFC 4180 quoting, LF) so it
needs nothing extra. XLSX uses pandas and openpyxl (both installed with align, imported only
for XLSX); its Arabic cells are right-aligned with right-to-left reading
order, and it has two more sheets: ``findings`` (one row per finding) and
``summary`` (counts and the signature).
"""

from __future__ import annotations

import csv
import io

from align.errors import InputError
from align.report.model import SEVERITIES, SEVERITY_RANK, Report
from align.report.formats import FormatOptions, finding_line, finding_rows, row_texts

COLUMNS = ("row", "ar_clauses", "en_clauses", "ar_line", "en_line", "ar_text", "en_text", "score", "gap",
           "findings", "errors", "warnings", "infos", "worst", "checks", "messages", "ar_spans", "en_spans",
           "ar_paragraph", "en_paragraph")
FINDING_COLUMNS = ("row", "check", "severity", "category", "ar_clauses", "en_clauses", "ar_line", "ar_column",
                   "en_line", "en_column", "message", "ar_spans", "en_spans", "ar_paragraph", "en_paragraph")
CSV_BOM = "\ufeff"
ARABIC_COLUMNS = ("ar_text", "ar_spans")


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


def render_csv(report: Report, options: FormatOptions) -> str:
    """The alignment rows as CSV (byte-order mark, then the header line)."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in alignment_rows(report):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def render_xlsx(report: Report, options: FormatOptions) -> bytes:
    """The alignment rows as an XLSX workbook (sheets ``alignment``, ``findings``, ``summary``)."""
    try:
        import pandas as pd
        from openpyxl.styles import Alignment, Font
    except ImportError as exc:
        raise InputError("format 'xlsx' needs pandas and openpyxl, which clausealign installs: "
                         "pip install --force-reinstall clausealign") from exc
    summary = report.summary()
    sheets = {
        "alignment": pd.DataFrame(alignment_rows(report), columns=list(COLUMNS)),
        "findings": pd.DataFrame(finding_table(report), columns=list(FINDING_COLUMNS)),
        "summary": pd.DataFrame(
            [("arabic", report.ar.path or "-"), ("english", report.en.path or "-"),
             ("signature", str(report.signature)), ("fails --fail-on " + options.fail_on,
                                                    str(report.fails(options.fail_on)))]
            + [(key, str(summary[key])) for key in ("ar_clauses", "en_clauses", "pairs", "gaps", "mean_score")]
            + [(f"findings: {s}", str(summary["findings"][s])) for s in SEVERITIES],
            columns=["key", "value"]),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for column_cells in sheet.columns:
                header = column_cells[0].value
                letter = column_cells[0].column_letter
                wide = header in ("ar_text", "en_text", "messages", "message", "value")
                sheet.column_dimensions[letter].width = 70 if wide else max(10, len(str(header)) + 2)
                rtl = header in ARABIC_COLUMNS
                for cell in column_cells[1:]:
                    if rtl:
                        cell.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True,
                                                   readingOrder=2)
                    else:
                        cell.alignment = Alignment(vertical="top", wrap_text=wide)
        writer.book.properties.creator = "align"
    return buffer.getvalue()
