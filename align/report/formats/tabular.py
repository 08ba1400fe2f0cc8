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

from align.check.findings import SEVERITIES
from align.errors import InputError
from align.report.formats import FormatOptions
from align.report.model import Report
from align.report.tables import COLUMNS, FINDING_COLUMNS, alignment_rows, finding_table

CSV_BOM = "\ufeff"
ARABIC_COLUMNS = ("ar_text", "ar_spans")


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
