"""A batch for people: the sortable ``index.html`` (a template of the bundled data) and the summary tables
printed on a terminal.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.batch.results import BatchResult
from align.files import template
from align.report.model import SEVERITIES, SEVERITY_RANK


def render_index(result: BatchResult, out: Path) -> str:
    """``index.html``: one row per pair (verdict, counts, link to each report), sortable by any column."""
    from html import escape

    rows = []
    for pair in result.pairs:
        if pair.ok:
            counts = pair.summary["findings"]
            verdict = "fail" if pair.fails else "pass"
            cells = [str(counts.get(s, 0)) for s in SEVERITIES]
        else:
            verdict, cells = "error", ["", "", ""]
        links = " ".join(f'<a href="{escape(Path(os.path.relpath(r, out)).as_posix())}">{escape(Path(r).suffix[1:] or r)}</a>'
                         for r in pair.reports)
        why = f'<td class="why">{escape(pair.error or "")}</td>'
        rows.append(f'<tr class="{verdict}"><td>{escape(pair.name)}</td><td class="verdict">{verdict}</td>'
                    + "".join(f'<td class="n">{c}</td>' for c in cells)
                    + f'<td class="n">{pair.seconds:.2f}</td><td>{links}</td>{why}</tr>')
    for name in result.pending:
        rows.append(f'<tr class="pending"><td>{escape(name)}</td><td class="verdict">not checked</td>'
                    '<td></td><td></td><td></td><td></td><td></td><td></td></tr>')
    totals = result.totals()
    state = {"complete": "", "running": " (running)", "interrupted": " (interrupted: not every pair was checked)",
             "failed": " (stopped by an internal error: not every pair was checked)"}
    return template("batch-index.html").substitute(
        pairs=totals["pairs"], state=escape(state.get(result.status, "")), listed=totals["pairs"] + totals["pending"],
        checked=totals["checked"], failing=totals["failing"], fail_on=escape(result.fail_on), bad=totals["bad"],
        pending=totals["pending"], errors=totals["findings"]["error"], warnings=totals["findings"]["warning"],
        infos=totals["findings"]["info"], rows="\n".join(rows))


def render_summary(result: BatchResult, console, slowest: int = 5, listed: int = 20) -> None:
    """The batch summary for people: totals, slowest pairs, failing and bad pairs (rich tables)."""
    from rich.table import Table

    totals = result.totals()
    table = Table(title="align batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("value", justify="right")
    reused = f", {totals['resumed']} reused from the last run" if totals["resumed"] else ""
    table.add_row("pairs", f"{totals['pairs']} ({totals['checked']} checked{reused}, {totals['bad']} bad)")
    table.add_row("clauses", f"{totals['ar_clauses']} Arabic, {totals['en_clauses']} English "
                             f"({totals['rows']} rows)")
    for severity in SEVERITIES:
        table.add_row(f"{severity} findings", str(totals["findings"][severity]))
    table.add_row(f"pairs failing --fail-on {result.fail_on}", str(totals["failing"]))
    on = f" on the Dask cluster at {result.scheduler}" if result.scheduler else ""
    table.add_row("wall time", f"{result.seconds:.1f} s with {result.workers} worker"
                               f"{'s' if result.workers != 1 else ''}{on}")
    console.print(table)
    if result.slowest(slowest):
        count = len(result.slowest(slowest))
        slow = Table(title=f"slowest {count} pair{'s' if count != 1 else ''}", title_justify="left")
        for name, justify in (("pair", "left"), ("clauses", "right"), ("seconds", "right")):
            slow.add_column(name, justify=justify)
        for pair in result.slowest(slowest):
            slow.add_row(pair.name, f"{pair.summary['ar_clauses']}/{pair.summary['en_clauses']}",
                         f"{pair.seconds:.2f}")
        console.print(slow)
    failing = [p for p in result.checked if p.fails]
    if failing:
        table = Table(title=f"pairs failing --fail-on {result.fail_on}", title_justify="left")
        for name in ("pair", *SEVERITIES):
            table.add_column(name, justify="left" if name == "pair" else "right")
        for pair in sorted(failing, key=lambda p: (-SEVERITY_RANK[p.worst], p.name))[:listed]:
            table.add_row(pair.name, *(str(pair.summary["findings"][s]) for s in SEVERITIES))
        console.print(table)
        if len(failing) > listed:
            console.print(f"... and {len(failing) - listed} more (see {result.combined})")
    if result.bad:
        table = Table(title="pairs that could not be checked", title_justify="left")
        table.add_column("pair")
        table.add_column("why", overflow="fold")
        for pair in result.bad[:listed]:
            table.add_row(pair.name, pair.error or "")
        console.print(table)
        if len(result.bad) > listed:
            console.print(f"... and {len(result.bad) - listed} more (see {result.combined})")
    if result.combined:
        console.print(f"combined report: {result.combined}")
