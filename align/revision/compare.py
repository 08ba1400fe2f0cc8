"""The previous pair and the new pair composed: what changed on which side, row by row of the new alignment.

Each language is matched previous to new (:func:`align.revision.versions.match_versions`). A side of a row of the
new alignment is *same* when each of its clauses was found unchanged (in place or moved), *added* when none of them
was in the previous version, *changed* otherwise. The row's status follows from its two sides as :data:`STATUSES`
says (``docs/revisions.md`` shows it).

A row of the new alignment with one side only (a gap) is judged on what its clauses were: a clause that was
paired before and whose counterpart was deleted is ``deleted-`` on the other side; one that was a gap before
as well is unchanged (the check of the pair reports the gap). A previous row whose whole side is gone while the
other side survives is reported once, at the surviving clauses, even where the new alignment joined them to a
neighbour.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from align.alignment.beads import AlignedPair
from align.check.findings import Finding, Span
from align.revision.versions import ADDED, CHANGED, MOVED, SAME, VersionMap, clause_key, match_versions, shared_words
from align.segment.document import Document
from align.text.normalize import normalize

SIDES = {"ar": "Arabic", "en": "English"}
# status (X: ar or en, the side that changed), when, and the severity of its finding (None: no finding)
STATUSES = (
    ("unchanged", "both sides as they were, in place", None),
    ("moved", "both sides as they were, moved together", "info"),
    ("changed-both", "both sides changed (or one changed and the other is new)", "info"),
    ("added-both", "both sides new", "info"),
    ("changed-X", "X changed and the other side did not: the other side is stale", "error"),
    ("added-X", "X is new and the other side has nothing new for it", "error"),
    ("paired-X", "X is new, as the counterpart of a clause that had none before (a gap closed)", "info"),
    ("deleted-X", "X's clauses of a previous row are gone and the other side's are still there", "error"),
    ("moved-X", "a clause moved on X only", "error"),
    ("deleted-both", "a previous row gone on both sides (no clause of the new pair to point at)", None),
)
_SEVERITY = {status: severity for status, _, severity in STATUSES}


def status_table() -> str:
    """:data:`STATUSES` as the markdown table of ``docs/revisions.md``."""
    rows = ["| status | when | finding |", "|---|---|---|"]
    rows += [f"| `{status.replace('-X', '-ar`, `' + status.replace('-X', '-en'))}` | {when.replace('X', 'that side')} "
             f"| {severity or 'none'} |" for status, when, severity in STATUSES]
    return "\n".join(rows)


def severity_of(status: str) -> str | None:
    """The severity of a status's finding (None: no finding)."""
    kind, _, side = status.rpartition("-")
    return _SEVERITY[f"{kind}-X" if side in ("ar", "en") else status]
CHECK = "revision"
_TOKEN = re.compile(r"\S+")


class UnrelatedVersions(ValueError):
    """The previous version of one language shares no clause with the new one."""


@dataclass(frozen=True)
class WordEdit:
    """One word-level edit of a side: the previous words and the new words ("" for none)."""

    op: str  # insert, delete or replace
    old: str
    new: str
    start: int = -1  # offsets of the new words in the new text of the side (-1: nothing new)
    end: int = -1

    def to_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


def word_diff(old: str, new: str) -> tuple[WordEdit, ...]:
    """The word-level edits turning ``old`` into ``new``, words compared on their matching key."""
    old_tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(old)]
    new_tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(new)]
    matcher = difflib.SequenceMatcher(None, [normalize(t) for t, _, _ in old_tokens],
                                      [normalize(t) for t, _, _ in new_tokens], autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        words_new = new_tokens[j1:j2]
        edits.append(WordEdit(tag, " ".join(t for t, _, _ in old_tokens[i1:i2]),
                              " ".join(t for t, _, _ in words_new),
                              words_new[0][1] if words_new else -1, words_new[-1][2] if words_new else -1))
    return tuple(edits)


def render_diff(edits: tuple[WordEdit, ...], limit: int = 160) -> str:
    """Edits as a reviser reads them: [-old words-]{+new words+}, separated by " … "."""
    parts = []
    for edit in edits:
        parts.append((f"[-{edit.old}-]" if edit.old else "") + (f"{{+{edit.new}+}}" if edit.new else ""))
    text = " … ".join(parts)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Change:
    """One row of the new pair's alignment (or a previous row deleted) and what happened to it."""

    status: str
    ar: tuple[int, ...]            # clauses of the new pair
    en: tuple[int, ...]
    previous_ar: tuple[int, ...]   # the clauses of the previous pair they were
    previous_en: tuple[int, ...]
    ar_diff: tuple[WordEdit, ...] = ()
    en_diff: tuple[WordEdit, ...] = ()

    def to_dict(self) -> dict:
        return {"status": self.status, "ar": list(self.ar), "en": list(self.en),
                "previous_ar": list(self.previous_ar), "previous_en": list(self.previous_en),
                "ar_diff": [e.to_dict() for e in self.ar_diff], "en_diff": [e.to_dict() for e in self.en_diff]}


@dataclass(frozen=True)
class Revision:
    """The previous pair, and what changed since it, row by row of the new pair."""

    previous_ar: Document
    previous_en: Document
    changes: tuple[Change, ...]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.status] = counts.get(change.status, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict:
        return {"previous": {"ar": self.previous_ar.path, "en": self.previous_en.path},
                "previous_clauses": {"ar": len(self.previous_ar.clauses), "en": len(self.previous_en.clauses)},
                "counts": self.counts(),
                "rows": [c.to_dict() for c in self.changes if c.status != "unchanged"]}


def _side_state(indices: tuple[int, ...], version: VersionMap) -> str:
    if not indices:
        return "none"
    states = {version.state[k] for k in indices}
    if states <= {SAME, MOVED}:
        return MOVED if MOVED in states else SAME
    if states == {ADDED}:
        return ADDED
    return CHANGED


def _origins(indices: tuple[int, ...], version: VersionMap) -> tuple[int, ...]:
    return tuple(sorted({version.origin[k] for k in indices if version.origin[k] is not None}))


def _text(document: Document, indices) -> str:
    return " ".join(document.clauses[k].text for k in indices)


def compare_pairs(previous_ar: Document, previous_en: Document, previous_alignment: tuple[AlignedPair, ...],
                  ar: Document, en: Document, alignment: tuple[AlignedPair, ...]) -> Revision:
    """What changed between the previous pair and the new one (module docstring). Raises
    :class:`UnrelatedVersions` when a language's previous version shares not one clause with its new one."""
    maps = {"ar": match_versions(previous_ar.clauses, ar.clauses),
            "en": match_versions(previous_en.clauses, en.clauses)}
    for side, document, before in (("ar", ar, previous_ar), ("en", en, previous_en)):
        if not maps[side].common and not any(s == CHANGED and _related(before, document, maps[side], k)
                                             for k, s in enumerate(maps[side].state)):
            raise UnrelatedVersions(f"{before.path} and {document.path} share no clause: not two versions of the "
                                    f"same {SIDES[side]} text")
    docs = {"ar": ar, "en": en}
    previous = {"ar": previous_ar, "en": previous_en}
    partner = {"ar": {}, "en": {}}  # previous clause -> the previous row it was in
    for row in previous_alignment:
        for k in row.ar:
            partner["ar"][k] = row
        for k in row.en:
            partner["en"][k] = row
    changes, reported = [], set()
    for row in alignment:
        sides = {"ar": row.ar, "en": row.en}
        state = {s: _side_state(sides[s], maps[s]) for s in SIDES}
        origins = {s: _origins(sides[s], maps[s]) for s in SIDES}
        status = _status(state, origins, maps, partner)
        diffs = {s: word_diff(_text(previous[s], origins[s]), _text(docs[s], sides[s]))
                 if state[s] in (CHANGED, ADDED) else () for s in SIDES}
        if status.startswith("deleted-"):
            gone = status.rsplit("-", 1)[-1]
            kept = "en" if gone == "ar" else "ar"
            was = {partner[kept][o] for o in origins[kept] if o in partner[kept]}
            origins[gone] = tuple(sorted(k for r in was for k in getattr(r, gone)))
            reported.update(was)
        changes.append(Change(status, row.ar, row.en, origins["ar"], origins["en"], diffs["ar"], diffs["en"]))
    for row in previous_alignment:  # previous rows a side lost, not seen above
        if row in reported or row.is_gap:
            continue
        alive = {s: tuple(maps[s].fate[k] for k in getattr(row, s) if maps[s].fate[k] is not None) for s in SIDES}
        if alive["ar"] and alive["en"]:
            continue
        gone = [s for s in SIDES if not alive[s]]
        status = "deleted-both" if len(gone) == 2 else f"deleted-{gone[0]}"
        changes.append(Change(status, alive["ar"], alive["en"], row.ar, row.en))
    return Revision(previous_ar, previous_en, _grouped(changes, docs))


def _grouped(changes: list[Change], docs: dict[str, Document]) -> tuple[Change, ...]:
    """Rows of one status with only unchanged rows between them and a paragraph in common, as one change: a
    paragraph changed in two of its clauses, or whose deleted counterpart leaves two gap rows, is one problem."""
    def paragraphs(change: Change) -> tuple:
        return tuple(frozenset(docs[s].clauses[k].paragraph for k in getattr(change, s)) for s in SIDES)

    def union(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(sorted({*a, *b}))

    out: list[Change] = []
    last = None  # the index in out of the last change that is not "unchanged"
    for change in changes:
        if change.status == "unchanged":
            out.append(change)
            continue
        if last is not None and change.status == out[last].status \
                and any(a & b for a, b in zip(paragraphs(out[last]), paragraphs(change))):
            out[last] = Change(change.status, union(out[last].ar, change.ar), union(out[last].en, change.en),
                             union(out[last].previous_ar, change.previous_ar),
                             union(out[last].previous_en, change.previous_en),
                             out[last].ar_diff + change.ar_diff, out[last].en_diff + change.en_diff)
        else:
            out.append(change)
            last = len(out) - 1
    return tuple(out)


def _related(before: Document, after: Document, version: VersionMap, k: int) -> bool:
    """A changed clause still shares half its words with what it was."""
    return shared_words(clause_key(before.clauses[version.origin[k]]), clause_key(after.clauses[k])) >= 0.5


def _status(state: dict, origins: dict, maps: dict, partner: dict) -> str:
    ar, en = state["ar"], state["en"]
    if "none" in (ar, en):  # a row with one side: what were its clauses?
        side = "ar" if en == "none" else "en"
        other = "en" if side == "ar" else "ar"
        if state[side] == ADDED:
            return f"added-{side}"
        if state[side] == CHANGED:
            return f"changed-{side}"
        was = [partner[side][o] for o in origins[side] if o in partner[side]]
        counterparts = [k for r in was for k in getattr(r, other)]
        if not counterparts:
            return "unchanged"  # a gap before as well
        if all(maps[other].fate[k] is None for k in counterparts):
            return f"deleted-{other}"
        return f"moved-{side}" if state[side] == MOVED else f"moved-{other}"
    if ar in (SAME, MOVED) and en in (SAME, MOVED):
        if ar == en:
            return "unchanged" if ar == SAME else "moved"
        return f"moved-{'ar' if ar == MOVED else 'en'}"
    if ar == ADDED and en == ADDED:
        return "added-both"
    for side, other in (("en", "ar"), ("ar", "en")):
        if state[other] in (SAME, MOVED):
            was_paired = any(origin in partner[other] and not partner[other][origin].is_gap
                             for origin in origins[other])
            if state[side] == ADDED and not was_paired:
                return f"paired-{side}"  # a counterpart the other side lacked: the pair agrees now
            return f"changed-{side}"
    return "changed-both"


# ---------------------------------------------------------------------------------------------------------
# Findings


def _spans(document: Document, indices: tuple[int, ...], edits: tuple[WordEdit, ...]) -> tuple[Span, ...]:
    """The new words of each edit, located in the input file."""
    spans, base, bounds = [], 0, []
    for k in indices:
        bounds.append((base, document.clauses[k]))
        base += len(document.clauses[k].text) + 1
    for edit in edits:
        if edit.start < 0:
            continue
        for offset, clause in reversed(bounds):
            if edit.start >= offset:
                start = clause.start + edit.start - offset
                end = min(clause.end, clause.start + edit.end - offset)
                spans.append(Span(start, end, clause.text[start - clause.start:end - clause.start],
                                  *clause.locate(start)))
                break
    return tuple(spans)


def _where(document: Document, indices: tuple[int, ...]) -> str:
    return f"{SIDES[document.lang]} {document.paragraph_name(indices)}" if indices else f"the {SIDES[document.lang]}"


def revision_findings(revision: Revision, ar: Document, en: Document) -> tuple[Finding, ...]:
    """A finding for every change a reviser must act on or may want to see, at the severity :data:`STATUSES`
    gives its status."""
    docs = {"ar": ar, "en": en}
    previous = {"ar": revision.previous_ar, "en": revision.previous_en}
    findings = []
    for change in revision.changes:
        status = change.status
        severity = severity_of(status)
        if severity is None:
            continue
        kind, _, side = status.rpartition("-")
        where = {s: getattr(change, s) for s in SIDES}
        diffs = {"ar": change.ar_diff, "en": change.en_diff}
        said = {s: render_diff(diffs[s]) for s in SIDES}
        if side in SIDES:
            other = "en" if side == "ar" else "ar"
            here, there = _where(docs[side], where[side]), _where(docs[other], where[other])
            if kind == "changed":
                message = (f"{here} changed since the previous version and {there} did not: bring it up to date "
                           f"({said[side]})")
            elif kind == "added":
                message = f"{here} is new and {there} has nothing new for it: translate it"
            elif kind == "deleted":
                gone = previous[side].paragraph_name(getattr(change, f"previous_{side}")) \
                    if getattr(change, f"previous_{side}") else "its counterpart"
                message = (f"{SIDES[side]} {gone} of the previous version was deleted and its counterpart, "
                           f"{there}, is still there: delete or restore it")
            elif kind == "paired":
                message = f"{here} is new and renders {there}, which had no counterpart before"
            else:
                message = f"{here} moved since the previous version and {there} did not: move it too"
            findings.append(Finding(CHECK, severity, f"{kind} on one side", change.ar, change.en, message,
                                    _spans(ar, change.ar, change.ar_diff), _spans(en, change.en, change.en_diff)))
        else:
            if kind == "changed":
                message = (f"changed in both versions since the previous one: Arabic {said['ar']} · "
                           f"English {said['en']}")
            elif kind == "added":
                message = "added in both versions since the previous one"
            else:
                message = "moved in both versions since the previous one"
            findings.append(Finding(CHECK, severity, f"{kind} on both sides", change.ar, change.en, message,
                                    _spans(ar, change.ar, change.ar_diff), _spans(en, change.en, change.en_diff)))
    return tuple(findings)
