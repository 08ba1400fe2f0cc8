"""``gap``: a clause with no counterpart on the other side, and why the aligner left it unpaired."""

from __future__ import annotations

from itertools import groupby
from typing import Iterator

from align.alignment.beads import AlignedPair
from align.check.base import CheckContext, paragraph_label, quote
from align.check.findings import Finding
from align.segment.clauses import Clause
from align.segment.document import Document


def _why_peeled(pair: AlignedPair, ctx: CheckContext) -> str:
    """Why the merge re-check left this clause unpaired, in a reviser's words ('' for a gap of the search)."""
    evidence = pair.peeled
    if evidence is None:
        return ""
    other, document = ("English", ctx.en) if pair.ar else ("Arabic", ctx.ar)
    label = paragraph_label([document.clauses[k] for k in evidence.counterpart])
    why = f" (tried with {other} {label}: best matching stretch {evidence.support:.2f}"
    if evidence.background is not None:
        why += f", its best unrelated {other} clause nearby {evidence.background:.2f}"
    if evidence.gain is not None:
        why += f", and that pair reads {evidence.gain:.2f} closer without it"
    if evidence.contribution is not None:
        why += f"; what it matches there that the rest of the row does not: {evidence.contribution:.2f}"
    return why + ")"


def check_gap(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per problem: the clauses of one paragraph left unpaired in consecutive rows (a paragraph
    missing as three clauses) are one finding naming them all, unless the merge re-check has its own evidence
    for one of them."""
    held: list[tuple[int, AlignedPair, dict]] = []
    for k, pair, parts in _gap_parts(ctx):
        if held and _same_problem(held[-1], (k, pair, parts)):
            held.append((k, pair, parts))
            continue
        if held:
            yield _finding(ctx, held)
        held = [(k, pair, parts)]
    if held:
        yield _finding(ctx, held)


def _same_problem(before: tuple[int, AlignedPair, dict], after: tuple[int, AlignedPair, dict]) -> bool:
    (k0, p0, a), (k1, p1, b) = before, after
    return (k1 == k0 + 1 and bool(p0.ar) == bool(p1.ar) and a["paragraph"] == b["paragraph"]
            and a["severity"] == b["severity"] and a["note"] == b["note"] and not a["why"] and not b["why"])


def _finding(ctx: CheckContext, rows: list[tuple[int, AlignedPair, dict]]) -> Finding:
    """The finding of consecutive gap rows of one paragraph and side (one row: as ever)."""
    _, first, parts = rows[0]
    at = 0 if first.ar else 1
    ar = tuple(i for _, pair, _ in rows for i in pair.ar)
    en = tuple(j for _, pair, _ in rows for j in pair.en)
    clauses = [c for _, pair, _ in rows for c in ctx.clauses(pair)[at]]
    text = " ".join(ctx.texts(pair)[at] for _, pair, _ in rows)
    many = len(clauses) > 1
    has = f"has {len(clauses)} clauses" if many else "has a clause"
    lacks = parts["lacks_them" if many else "lacks"]
    return Finding("gap", parts["severity"], "omission" if first.ar else "addition", ar, en,
                   f"{parts['name']} {paragraph_label(clauses)} {has} with no {parts['other_name']} counterpart: "
                   f"{lacks}{parts['where']}{parts['why']}{parts['note']}: {quote(text)}")


def _gap_parts(ctx: CheckContext) -> Iterator[tuple[int, AlignedPair, dict]]:
    """Each gap row with what its finding says: severity, what the other side lacks, where it would be, why
    the re-check left it unpaired, a note; and its paragraph."""
    unpaired = _first_unpaired_by_run(ctx)
    mirrors = _mirrored_english_gaps(ctx)
    documents = {"ar": ctx.ar, "en": ctx.en}
    first = {side: next((getattr(p, side)[0] for p in ctx.alignment if getattr(p, side)), None) for side in documents}
    last: dict[str, int | None] = {"ar": None, "en": None}  # the last clause of each side in the rows so far
    for k, pair in enumerate(ctx.alignment):
        if pair.is_gap:
            at = 0 if pair.ar else 1
            other, name, other_name = ("en", "Arabic", "English") if pair.ar else ("ar", "English", "Arabic")
            facing = unpaired[k][other]
            severity, note = "error", ""
            lacks, lacks_them = f"the {other_name} lacks it", f"the {other_name} lacks them"
            if facing is not None:  # a loose rendering, or one sentence put for another: not a plain omission
                severity, lacks = "warning", f"no {other_name} clause renders it"
                lacks_them = f"no {other_name} clause renders them"
                note = (f"; {other_name} {paragraph_label([facing])} beside it is unpaired too: a loose rendering of "
                        f"each other or a sentence replaced")
                if k in mirrors:  # the other half of an Arabic clause's warning: one event, one warning
                    severity, note = "info", note + " (the warning is the Arabic clause's)"
            yield k, pair, {"severity": severity, "lacks": lacks, "lacks_them": lacks_them, "note": note,
                            "name": name, "other_name": other_name, "why": _why_peeled(pair, ctx),
                            "where": _where_missing(documents[other], other_name, last[other], first[other]),
                            "paragraph": ctx.clauses(pair)[at][0].paragraph}
        for side in documents:
            if getattr(pair, side):
                last[side] = getattr(pair, side)[-1]


def _gap_runs(ctx: CheckContext) -> Iterator[list[tuple[int, AlignedPair]]]:
    """Each run of consecutive unpaired rows, with the rows' indices."""
    for is_gap, group in groupby(enumerate(ctx.alignment), key=lambda row: row[1].is_gap):
        if is_gap:
            yield list(group)


def _first_unpaired_by_run(ctx: CheckContext) -> dict[int, dict[str, Clause | None]]:
    """For each unpaired row, the first clause of each side left unpaired in its run of consecutive unpaired
    rows (None for a side with none there): one pass over the alignment."""
    out: dict[int, dict[str, Clause | None]] = {}
    for rows in _gap_runs(ctx):
        first: dict[str, Clause | None] = {}
        for side, document in (("ar", ctx.ar), ("en", ctx.en)):
            indices = next((getattr(pair, side) for _, pair in rows if getattr(pair, side)), ())
            first[side] = document.clauses[indices[0]] if indices else None
        out.update((k, first) for k, _ in rows)
    return out


def _mirrored_english_gaps(ctx: CheckContext) -> set[int]:
    """The rows of English gaps that mirror an Arabic gap of the same run of unpaired rows: in each run, as
    many of its English gaps, in order, as it has Arabic gaps. A loose rendering or a sentence replaced leaves
    one clause of each side unpaired; the Arabic one is reported as the warning, the English one as info."""
    out: set[int] = set()
    for rows in _gap_runs(ctx):
        arabic = sum(1 for _, pair in rows if pair.ar)
        out.update([k for k, pair in rows if pair.en][:arabic])
    return out


def _where_missing(document: Document, name: str, last: int | None, first: int | None) -> str:
    """Where the side that lacks a gap's clause would have it: after ``last``, that side's last clause in the
    rows before the gap (" after English paragraph 9, line 9"), else before ``first``, its first clause."""
    if last is not None:
        clause = document.clauses[last]
        return f" (after {name} {paragraph_label([clause])}, line {clause.line})"
    if first is not None:
        clause = document.clauses[first]
        return f" (before {name} {paragraph_label([clause])}, line {clause.line})"
    return ""
