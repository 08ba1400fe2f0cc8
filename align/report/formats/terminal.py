"""Renderers of a report or a clause list for people: rich tables on a terminal.

Arabic is shown in logical order unless ``bidi`` is on; then each wrapped line
is reshaped and reordered for display (python-bidi, arabic-reshaper), which a
terminal without bidi support needs. Files never receive reshaped text.
"""

from __future__ import annotations

import functools
import re
import textwrap
import unicodedata

from rich.console import Console
from rich.table import Table
from rich.text import Text

from align.report.model import SEVERITY_RANK, Document, Finding, Report, Span
from align.report.tables import finding_rows
from align.segment.clauses import Clause

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MARK_STYLE = "bold reverse"
_EXCERPT_LINES = 2  # lines of each clause a finding shows, around its first offending span


def display_arabic(text: str, width: int, bidi: bool) -> str:
    """Wrap ``text`` to ``width`` and, with ``bidi``, put each line in visual order."""
    lines = textwrap.wrap(text, width=max(width, 10)) or [""]
    if not bidi:
        return "\n".join(lines)
    return "\n".join(visual_order(line) for line in lines)


def _text_width(console: Console, fixed: int) -> int:
    return max(20, (console.width - fixed) // 2)


def display_line(text: str, bidi: bool) -> str:
    """One line of Arabic in visual order when ``bidi`` (reshaped letters, right to left), else as is."""
    return visual_order(text) if bidi else text


# Paired punctuation a right-to-left run draws mirrored (Unicode's Bidi_Mirrored): python-bidi reorders a line
# but leaves the glyphs, so «( 2 )» would show as ") 2 (" on a terminal.
_MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def _mirror_right_to_left(text: str) -> str:
    """``text`` (logical order) with each paired punctuation mark that falls in a right-to-left run mirrored:
    every one but those whose nearest strong letters on both sides are left-to-right (Latin)."""
    strong = [("L" if unicodedata.bidirectional(ch) == "L" else "R") if unicodedata.bidirectional(ch) in
              ("L", "R", "AL") else None for ch in text]
    out = []
    for k, ch in enumerate(text):
        if ch.translate(_MIRRORED) != ch:
            before = next((d for d in reversed(strong[:k]) if d), "R")
            after = next((d for d in strong[k + 1:] if d), "R")
            if not (before == after == "L"):
                ch = ch.translate(_MIRRORED)
        out.append(ch)
    return "".join(out)


def visual_order(line: str) -> str:
    """One line of Arabic as a terminal without bidi support must receive it: letters joined (contextual forms
    and lam-alef; never a ligature that draws a whole word, which would turn «عبدالله» into the sign for
    "Allah"), right-to-left runs reversed, their brackets and guillemets mirrored."""
    from bidi import get_display

    return get_display(_reshaper().reshape(_mirror_right_to_left(line)))


@functools.lru_cache(maxsize=1)
def _reshaper():
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import SENTENCES_LIGATURES, WORDS_LIGATURES

    return ArabicReshaper(configuration={name: False for name, _ in SENTENCES_LIGATURES + WORDS_LIGATURES})


def marked_text(document: Document, indices: tuple[int, ...], spans: tuple[Span, ...]) -> tuple[str, list]:
    """The clauses of one side joined by a space, and each span of a finding that falls in them as
    ``(start, end)`` offsets in that joined text."""
    clauses = [document.clauses[k] for k in indices]
    marks, offset = [], 0
    for clause in clauses:
        for span in spans:
            if clause.start <= span.start < clause.end:
                marks.append((offset + span.start - clause.start, offset + span.end - clause.start))
        offset += len(clause.text) + 1
    return " ".join(c.text for c in clauses), marks


def _excerpt(document: Document, indices: tuple[int, ...], spans: tuple[Span, ...], width: int,
             bidi: bool) -> list[Text]:
    """The clauses of one side of a finding, cut to a few lines around the first offending span, with every
    span marked; Arabic through the same display path as the table's Arabic column."""
    joined, marks = marked_text(document, indices, spans)
    limit = width * _EXCERPT_LINES
    start = 0
    if len(joined) > limit and marks:
        first = min(marks)[0]
        start = max(0, min(first - limit // 3, len(joined) - limit))
        start = joined.find(" ", start) + 1 if start and " " in joined[start:first] else start
    lines = textwrap.wrap(joined[start:], width=max(width, 10)) or [""]
    cut_end = len(lines) > _EXCERPT_LINES
    lines = lines[:_EXCERPT_LINES]
    out, position = [], start
    for k, line in enumerate(lines):
        position = joined.find(line, position)
        text = ("…" if k == 0 and start else "") + line + ("…" if k == len(lines) - 1 and cut_end else "")
        shown = display_line(text, bidi) if document.lang == "ar" else text
        styled = Text(shown)
        for a, b in marks:
            if b <= position or a >= position + len(line):
                continue
            lo, hi = max(a, position) - position, min(b, position + len(line)) - position
            lo, hi = lo + (k == 0 and start > 0), hi + (k == 0 and start > 0)
            if document.lang == "ar" and bidi:  # find the marked words in their displayed form
                marked = display_line(text[lo:hi], True)
                at = shown.find(marked)
                if at >= 0:
                    styled.stylize(_MARK_STYLE, at, at + len(marked))
            else:
                styled.stylize(_MARK_STYLE, lo, hi)
        out.append(styled)
        position += len(line)
    return out


def verdict(report: Report, fail_on: str) -> Text:
    """The run in one line: ``FAIL: 1 error, 1 warning (--fail-on error)`` or ``PASS: ...``."""
    counts = report.counts()
    parts = [_count(counts.get(s, 0), s) for s in ("error", "warning")]
    if counts.get("info"):
        parts.append(f"{counts['info']} info")
    if report.suppressed:
        parts.append(f"{report.suppressed} suppressed by the baseline")
    failed = report.fails(fail_on)
    line = Text("FAIL" if failed else "PASS", style="bold red" if failed else "bold green")
    line.append(f": {', '.join(parts)} (--fail-on {fail_on})")
    return line


def render_findings(report: Report, console: Console, bidi: bool) -> None:
    """Every finding, worst first: severity, check and message, then for each side where it is (paragraph as
    the text numbers it, file:line:column) and the clause around its first offending span, marked."""
    order = sorted(range(len(report.findings)),
                   key=lambda k: (-SEVERITY_RANK[report.findings[k].severity], _first_line(report.findings[k]), k))
    width = max(30, console.width - 8)
    for number, k in enumerate(order, 1):
        finding = report.findings[k]
        head = Text(f"{number:>2} ")
        head.append(finding.severity, style=_SEVERITY_STYLE[finding.severity])
        head.append(f" {finding.check}: ", style="bold")
        head.append_text(message_text(finding, bidi))
        console.print(head, overflow="fold")
        for side, document, indices, spans in (("ar", report.ar, finding.ar, finding.ar_spans),
                                                ("en", report.en, finding.en, finding.en_spans)):
            if not indices:
                continue
            line, column = report.location(finding, side)
            where = f"{side.upper()} {document.paragraph_name(indices)} · {document.name}:{line}"
            console.print(Text("   " + where + (f":{column}" if column > 1 else ""), style="dim"), overflow="fold")
            for excerpt in _excerpt(document, indices, spans, width, bidi):
                if bidi and document.lang == "ar":  # displayed right to left: flush right, as the table does
                    excerpt = Text(" " * max(0, width - excerpt.cell_len)) + excerpt
                console.print(Text("      ") + excerpt, no_wrap=True, overflow="ellipsis")
        console.print()


_TRAILING_QUOTES = re.compile(r":\s*«[^»]*»(?:\s*/\s*«[^»]*»)?$")


def _first_line(finding: Finding) -> int:
    spans = finding.ar_spans or finding.en_spans
    return spans[0].line if spans else 0


def message_text(finding: Finding, bidi: bool) -> Text:
    """A finding's message, less the quotations of the clauses it ends with (the excerpts show them), with
    its quoted Arabic («…») in the display order of the Arabic column."""
    message = _TRAILING_QUOTES.sub("", finding.message)
    if not bidi:
        return Text(message)

    def shown(match: re.Match) -> str:
        inner = match.group(1)
        if not re.search("[\u0600-\u06ff]", inner):
            return match.group()
        return "«" + display_line(inner, True) + "»"  # on a left-to-right line, opening on the left

    return Text(re.sub("«([^»]*)»", shown, message))


def render_check(report: Report, console: Console, bidi: bool, show: str, fail_on: str) -> None:
    """What ``align check`` prints: the findings (``show`` ``findings``, the default), the side-by-side table
    and the findings (``all``), or nothing (``none``); then the verdict line."""
    if show == "all":
        render_report(report, console, bidi)
    if show in ("findings", "all") and report.findings:
        console.print(Text(f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}",
                           style="bold"))
        console.print()
        render_findings(report, console, bidi)
    summary = report.summary()
    console.print(f"{_count(summary['ar_clauses'], 'Arabic clause')}, "
                  f"{_count(summary['en_clauses'], 'English clause')}, {_count(summary['pairs'], 'pair')}, "
                  f"{_count(summary['gaps'], 'gap')}", style="dim")
    console.print(verdict(report, fail_on))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render_report(report: Report, console: Console, bidi: bool) -> None:
    """The aligned clauses side by side, with scores and findings, then a summary line."""
    by_row = finding_rows(report)
    width = _text_width(console, 40)
    table = Table(show_lines=True, expand=False)
    table.add_column("AR ¶", justify="right", no_wrap=True)
    table.add_column("Arabic", width=width, no_wrap=True, justify="right")
    table.add_column("EN ¶", justify="right", no_wrap=True)
    table.add_column("English", width=width, overflow="fold")
    table.add_column("score", justify="right", no_wrap=True)
    for k, pair in enumerate(report.alignment):
        ar_text = " ".join(report.ar.clauses[i].text for i in pair.ar)
        en_text = " ".join(report.en.clauses[j].text for j in pair.en)
        notes = Text()
        for finding in by_row.get(k, []):
            notes.append(f"\n{finding.severity} {finding.check}: ", style=_SEVERITY_STYLE[finding.severity])
            notes.append_text(message_text(finding, bidi))
        english = Text(en_text or "—")
        english.append_text(notes)
        table.add_row(_row_location(report.ar, pair.ar),
                      display_arabic(ar_text, width - 2, bidi) if ar_text else "—",
                      _row_location(report.en, pair.en), english,
                      "" if pair.score is None else f"{pair.score:.2f}")
    console.print(table)
    console.print(f"signature: {report.signature}", style="dim", overflow="fold")
    console.print()


def _row_location(document: Document, indices: tuple[int, ...]) -> str:
    """A table row's paragraph over its file line ("23" over ":23"; "—" for the empty side of a gap)."""
    if not indices:
        return "—"
    label, line = document.extent(indices)
    return f"{label}\n:{line}"


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
