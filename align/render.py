"""Renderers of a report or a clause list for people: rich tables on a terminal.

Arabic is shown in logical order unless ``bidi`` is on; then each wrapped line
is reshaped and reordered for display (python-bidi, arabic-reshaper), which a
terminal without bidi support needs. Files never receive reshaped text.
"""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .report import Report
from .segment import Clause

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def display_arabic(text: str, width: int, bidi: bool) -> str:
    """Wrap ``text`` to ``width`` and, with ``bidi``, put each line in visual order."""
    lines = textwrap.wrap(text, width=max(width, 10)) or [""]
    if not bidi:
        return "\n".join(lines)
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in lines)


def _text_width(console: Console, fixed: int) -> int:
    return max(20, (console.width - fixed) // 2)


def render_report(report: Report, console: Console, bidi: bool) -> None:
    """The aligned clauses side by side, with scores and findings, then a summary line."""
    by_row: dict[int, list] = {}
    row_of = {}
    for k, pair in enumerate(report.alignment):
        for i in pair.ar:
            row_of[("ar", i)] = k
        for j in pair.en:
            row_of[("en", j)] = k
    for finding in report.findings:
        key = ("ar", finding.ar[0]) if finding.ar else ("en", finding.en[0])
        by_row.setdefault(row_of.get(key, 0), []).append(finding)
    width = _text_width(console, 40)
    table = Table(show_lines=True, expand=False)
    table.add_column("AR", justify="right", no_wrap=True)
    table.add_column("Arabic", width=width, no_wrap=True, justify="right")
    table.add_column("EN", justify="right", no_wrap=True)
    table.add_column("English", width=width, overflow="fold")
    table.add_column("score", justify="right", no_wrap=True)
    for k, pair in enumerate(report.alignment):
        ar_text = " ".join(report.ar.clauses[i].text for i in pair.ar)
        en_text = " ".join(report.en.clauses[j].text for j in pair.en)
        notes = Text()
        for finding in by_row.get(k, []):
            notes.append(f"\n{finding.severity} {finding.check}: ", style=_SEVERITY_STYLE[finding.severity])
            notes.append(finding.message)
        english = Text(en_text or "—")
        english.append_text(notes)
        table.add_row(",".join(map(str, pair.ar)) or "—",
                      display_arabic(ar_text, width - 2, bidi) if ar_text else "—",
                      ",".join(map(str, pair.en)) or "—", english,
                      "" if pair.score is None else f"{pair.score:.2f}")
    console.print(table)
    summary = report.summary()
    counts = summary["findings"]
    console.print(f"{summary['ar_clauses']} Arabic and {summary['en_clauses']} English clauses, "
                  f"{summary['pairs']} pairs, {summary['gaps']} gaps; findings: "
                  f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info")
    console.print(f"signature: {report.signature}", style="dim", overflow="fold")


def render_clauses(clauses: list[Clause], lang: str, console: Console, bidi: bool) -> None:
    """One row per clause: index, paragraph, kind, number, verb, line, text."""
    width = max(30, console.width - 50)
    table = Table(show_lines=False)
    for name in ("#", "para", "kind", "no.", "verb", "line"):
        table.add_column(name, no_wrap=True)
    table.add_column("text", width=width, no_wrap=lang == "ar", overflow="fold",
                     justify="right" if lang == "ar" else "left")
    for c in clauses:
        text = display_arabic(c.text, width - 2, bidi) if lang == "ar" else c.text
        table.add_row(str(c.index), str(c.paragraph), c.kind, c.number or "", c.verb or "", str(c.line), text)
    console.print(table)
