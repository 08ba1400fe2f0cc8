"""GitHub Actions workflow commands: one annotation line per finding.

``::error file=F,line=L,col=C,endColumn=E,title=T::message`` (``warning`` and
``notice`` for the other severities), located like the SARIF result (the
primary side's first span or clause), the file relative to ``base_dir`` (the
repository root; the working directory by default). Values are escaped as the
runner expects (``%``, CR, LF; and ``:`` and ``,`` in properties).
"""

from __future__ import annotations

from align.report.formats import FormatOptions, display_path, document_of, primary_side
from align.report.model import Report

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, options: FormatOptions) -> str:
    """The findings as GitHub workflow annotation lines (empty when there are none)."""
    lines = []
    for finding in report.findings:
        side = primary_side(finding)
        line, column = report.location(finding, side)
        spans = finding.ar_spans if side == "ar" else finding.en_spans
        if spans:
            length = spans[0].end - spans[0].start
        else:
            clause = document_of(report, side).clauses[(finding.ar if side == "ar" else finding.en)[0]]
            length = clause.end - clause.start
        path = display_path(document_of(report, side).path, options.base_dir)
        props = (f"file={_property(path)},line={line},endLine={line},col={column},endColumn={column + length},"
                 f"title={_property(f'align {finding.check} ({finding.severity})')}")
        lines.append(f"::{COMMAND[finding.severity]} {props}::{_data(f'{finding.message} [{report.where(finding)}]')}\n")
    return "".join(lines)
