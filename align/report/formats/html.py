"""One self-contained HTML page: verdict and findings first, then the aligned clauses side by side.

No network and no external asset: the CSS and the little filtering script are
inline, fonts come from the reader's system (a stack that renders Arabic). The
page opens on the findings: a list, each linking to its row, and the table
showing only the rows with findings (all rows one click away; ``#all`` in the
address opens with every row). The Arabic column is ``dir="rtl" lang="ar"``;
every quotation and paragraph label inside a message is isolated (``<bdi>``),
so Arabic quoted in English text keeps its order; the offending spans of each
finding (numbers, dates, names, verbs) are highlighted in both texts; a gap is
an empty, hatched cell. The signature is folded away. Prints cleanly (the
filters hide themselves, rows do not break across pages).
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from pathlib import Path

from align.files import template
from align.report.formats import FormatOptions
from align.report.model import SEVERITIES, SEVERITY_RANK, Finding, Report, Span
from align.report.tables import finding_rows

_QUOTE = re.compile(r"«([^«»]*)»")


def _highlighted(report: Report, side: str, indices: tuple[int, ...],
                 marks: list[tuple[Span, Finding]]) -> str:
    """The clauses of one side of a row as HTML, each offending span wrapped in ``<mark>``; a clause wholly in
    the other script isolated in its own direction."""
    document = report.ar if side == "ar" else report.en
    parts = []
    for i in indices:
        clause = document.clauses[i]
        inside = sorted(((s.start - clause.start, s.end - clause.start, f) for s, f in marks
                         if clause.start <= s.start and s.end <= clause.end), key=lambda m: m[0])
        html, cursor = [], 0
        for start, end, finding in inside:
            if start < cursor:  # overlapping spans: the first one wins
                continue
            html.append(escape(clause.text[cursor:start]))
            html.append(f'<mark class="{finding.severity}" title="{escape(finding.check)}">'
                        f'{escape(clause.text[start:end])}</mark>')
            cursor = end
        html.append(escape(clause.text[cursor:]))
        own = _own_direction(clause.text, side)
        parts.append(f'<bdi dir="{own}">{"".join(html)}</bdi>' if own else "".join(html))
    return " ".join(parts)


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _own_direction(text: str, side: str) -> str | None:
    """The direction of a clause written wholly in the other side's script ("6 February 2015" printed in the
    Arabic version reads left to right in the right-to-left column); None for the column's own."""
    if side == "ar" and not _ARABIC_LETTER.search(text) and _LATIN_LETTER.search(text):
        return "ltr"
    if side == "en" and not _LATIN_LETTER.search(text) and _ARABIC_LETTER.search(text):
        return "rtl"
    return None


def _isolated_quotes(message: str) -> str:
    """The message escaped, each «quotation» isolated so Arabic quotes do not reorder the English around them."""
    return _QUOTE.sub(lambda m: f"«<bdi>{m.group(1)}</bdi>»", escape(message, quote=False))


def _where(report: Report, finding: Finding) -> str:
    """Both sides' paragraph and file:line:column, each isolated: «AR paragraph 9(أ) · ar.txt:12:5»."""
    where = []
    for side, label, document, indices in (("ar", "AR", report.ar, finding.ar), ("en", "EN", report.en, finding.en)):
        location = report.location(finding, side)
        if location:
            labels = ", ".join(document.paragraphs(indices))
            where.append(f'{label} paragraph <bdi>{escape(labels)}</bdi> · '
                         f'<bdi>{escape(document.name)}:{location[0]}:{location[1]}</bdi>')
    return " · ".join(where)


def _finding_html(report: Report, finding: Finding) -> str:
    return (f'<div class="finding {finding.severity}" data-severity="{finding.severity}" '
            f'data-check="{escape(finding.check)}"><span class="sev">{finding.severity}</span>'
            f'<span class="check">{escape(finding.check)}</span>'
            f'<span class="message" dir="ltr">{_isolated_quotes(finding.message)}</span>'
            f'<span class="where">{_where(report, finding)}</span></div>')


def _findings_list(report: Report, rows_of: dict[int, list[Finding]]) -> str:
    """The findings at the top of the page, worst first, each linking to its row of the table."""
    row_of = {id(f): k for k, fs in rows_of.items() for f in fs}
    ordered = sorted(report.findings, key=lambda f: (-SEVERITY_RANK[f.severity], row_of[id(f)]))
    if not ordered:
        return '<p class="no-findings">No findings.</p>'
    items = "".join(
        f'<li class="{f.severity}" data-severity="{f.severity}" data-check="{escape(f.check)}">'
        f'<a href="#row-{row_of[id(f)]}"><span class="sev">{f.severity}</span>'
        f'<span class="check">{escape(f.check)}</span></a>'
        f'<span class="message" dir="ltr">{_isolated_quotes(f.message)}</span>'
        f'<span class="where">{_where(report, f)}</span></li>' for f in ordered)
    return f'<h2>Findings</h2><ol class="findings-list">{items}</ol>'


def _row_label(report: Report, pair) -> str:
    """A row's paragraphs and file lines, Arabic over English: "23 l.23"."""
    cells = []
    for document, indices in ((report.ar, pair.ar), (report.en, pair.en)):
        if not indices:
            cells.append("–")
            continue
        label, line = document.extent(indices)
        cells.append(f'<bdi>{escape(label)}</bdi> <span class="line">l.{line}</span>')
    return "<br>".join(cells)


def _summary(report: Report, options: FormatOptions) -> str:
    summary = report.summary()
    by_check = Counter((f.check, f.severity) for f in report.findings)
    severity_rows = "".join(f'<tr><td>{s}</td><td class="n">{summary["findings"][s]}</td></tr>'
                            for s in SEVERITIES)
    check_rows = "".join(f'<tr><td>{escape(c)}</td><td>{s}</td><td class="n">{n}</td></tr>'
                         for (c, s), n in sorted(by_check.items())) or \
        '<tr><td colspan="3">no findings</td></tr>'
    mean = "–" if summary["mean_score"] is None else f'{summary["mean_score"]:.2f}'
    failed = report.fails(options.fail_on)
    verdict = (f'<span class="verdict {"fail" if failed else "pass"}">'
               f'{"fails" if failed else "passes"} --fail-on {escape(options.fail_on)}</span>')
    return (
        '<section class="summary">'
        f'<div>{verdict}<p>{summary["ar_clauses"]} Arabic and {summary["en_clauses"]} English clauses, '
        f'{summary["pairs"]} pairs, {summary["gaps"]} gaps; mean similarity {mean}.</p></div>'
        f'<table><caption>By severity</caption><tbody>{severity_rows}</tbody></table>'
        f'<table><caption>By check</caption><thead><tr><th>check</th><th>severity</th><th>n</th></tr></thead>'
        f'<tbody>{check_rows}</tbody></table>'
        '</section>'
        f'<details class="signature-box"><summary>signature (what produced this report)</summary>'
        f'<p class="signature">signature: {escape(str(report.signature))}</p></details>')


def _filters(report: Report, rows_with_findings: int) -> str:
    checks = sorted({f.check for f in report.findings})
    severities = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> {s}</label>'
                         for s in SEVERITIES)
    check_boxes = "".join(f'<label><input type="checkbox" name="check" value="{escape(c)}" checked> '
                          f'{escape(c)}</label>' for c in checks) or "<span>none</span>"
    return ('<form class="filters" onsubmit="return false">'
            f'<fieldset><legend>Severity</legend>{severities}</fieldset>'
            f'<fieldset><legend>Check</legend>{check_boxes}</fieldset>'
            f'<label><input type="checkbox" id="only-findings" checked> only the {rows_with_findings} rows with '
            f'findings (of {len(report.alignment)})</label>'
            '</form>')


def render_html(report: Report, options: FormatOptions) -> str:
    """The report as one self-contained, printable HTML page."""
    ar_name = Path(report.ar.path).name if report.ar.path else "Arabic"
    en_name = Path(report.en.path).name if report.en.path else "English"
    title = options.title or f"align: {ar_name} / {en_name}"
    rows_of = finding_rows(report)
    body = []
    for k, pair in enumerate(report.alignment):
        findings = rows_of.get(k, [])
        ar_marks = [(s, f) for f in findings for s in f.ar_spans]
        en_marks = [(s, f) for f in findings for s in f.en_spans]
        classes = " ".join(sorted({f"has-{f.severity}" for f in findings}))
        data = (f' data-severities="{" ".join(f.severity for f in findings)}"'
                f' data-checks="{escape(" ".join(f.check for f in findings))}"') if findings else ""
        ar_cell = (f'<td class="ar" dir="rtl" lang="ar">{_highlighted(report, "ar", pair.ar, ar_marks)}</td>'
                   if pair.ar else '<td class="ar gap" dir="rtl" lang="ar" title="no Arabic counterpart"></td>')
        en_cell = (f'<td class="en" lang="en">{_highlighted(report, "en", pair.en, en_marks)}</td>'
                   if pair.en else '<td class="en gap" lang="en" title="no English counterpart"></td>')
        label = _row_label(report, pair)
        score = "" if pair.score is None else f"{pair.score:.2f}"
        notes = "".join(_finding_html(report, f) for f in findings)
        body.append(f'<tr id="row-{k}" data-row="{k}" class="{classes}"{data}>'
                    f'<td class="idx">{label}</td>{ar_cell}{en_cell}<td class="score">{score}</td></tr>')
        if findings:
            body.append(f'<tr class="finding-row {classes}" data-row="{k}"{data}><td></td>'
                        f'<td colspan="3">{notes}</td></tr>')
    return template("report.html").substitute(
        tool=escape(report.signature.tool), title=escape(title), css=template("report.css").template,
        ar_path=escape(report.ar.path or "-"), en_path=escape(report.en.path or "-"),
        summary=_summary(report, options), findings=_findings_list(report, rows_of),
        filters=_filters(report, len(rows_of)), rows="\n".join(body), script=template("report.js").template)
