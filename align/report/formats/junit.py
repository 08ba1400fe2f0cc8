"""JUnit XML for CI test reports: one test case per aligned pair.

A test case fails when its row carries findings at or above ``fail_on``; its
one ``<failure>`` names the worst of them and lists them all. Findings below
``fail_on`` go to the test case's ``<system-out>``. Gap rows are test cases
too (a gap is what a reviser must see first).
"""

from __future__ import annotations

from pathlib import Path

from align.report.formats import FormatOptions, at_or_above, display_path, pair_name
from align.report.formats.xmltext import xml_attr, xml_text
from align.report.model import SEVERITY_RANK, Report
from align.report.tables import finding_line, finding_rows, row_texts

_NAME_CHARS = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _NAME_CHARS else text[:_NAME_CHARS - 1] + "…"


def render_junit(report: Report, options: FormatOptions) -> str:
    """The report as a JUnit XML document (``<testsuites>`` with one ``<testsuite>``)."""
    ar_name = Path(report.ar.path).name if report.ar.path else "<stdin>"
    en_name = Path(report.en.path).name if report.en.path else "<stdin>"
    suite = f"align {ar_name} / {en_name}"
    classname = "align." + pair_name(report)
    rows_of = finding_rows(report)
    cases, failures = [], 0
    for k, pair in enumerate(report.alignment):
        findings = rows_of.get(k, [])
        failing = [f for f in findings if at_or_above(f, options.fail_on)]
        passing = [f for f in findings if not at_or_above(f, options.fail_on)]
        ar_text, en_text = row_texts(report, pair)
        label = (f"row {k + 1}: ar ¶{','.join(report.ar.paragraphs(pair.ar)) or '-'} / "
                 f"en ¶{','.join(report.en.paragraphs(pair.en)) or '-'} {_short(en_text or ar_text)}")
        side, indices = ("en", pair.en) if pair.en else ("ar", pair.ar)
        clause = (report.en if side == "en" else report.ar).clauses[indices[0]]
        path = display_path((report.en if side == "en" else report.ar).path, options.base_dir)
        case = [f'    <testcase classname="{xml_attr(classname)}" name="{xml_attr(label)}" time="0" '
                f'file="{xml_attr(path)}" line="{clause.line}">']
        if failing:
            failures += 1
            worst = max(failing, key=lambda f: SEVERITY_RANK[f.severity])
            details = "\n".join(finding_line(report, f) for f in failing)
            case.append(f'      <failure type="{xml_attr(worst.check)}" message="{xml_attr(worst.message)}">'
                        f'{xml_text(details)}</failure>')
        if passing:
            notes = "\n".join(finding_line(report, f) for f in passing)
            case.append(f'      <system-out>{xml_text(notes)}</system-out>')
        case.append('    </testcase>')
        cases.append("\n".join(case))
    tests = len(report.alignment)
    head = (f'tests="{tests}" failures="{failures}" errors="0" skipped="0" time="0"')
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="align" {head}>',
        f'  <testsuite name="{xml_attr(suite)}" {head}>',
        '    <properties>',
        f'      <property name="signature" value="{xml_attr(str(report.signature))}"/>',
        f'      <property name="fail-on" value="{xml_attr(options.fail_on)}"/>',
        f'      <property name="arabic" value="{xml_attr(report.ar.path or "-")}"/>',
        f'      <property name="english" value="{xml_attr(report.en.path or "-")}"/>',
        '    </properties>',
        *cases,
        '  </testsuite>',
        '</testsuites>',
        ''])
