"""Alignment accuracy on line-aligned gold data: untouched, one line deleted, two lines joined."""

from __future__ import annotations

import random
from dataclasses import dataclass

from align.alignment.aligner import AlignParams
from align.pipeline import align_documents

from .data import ParallelDoc, as_document, glossary


@dataclass
class AlignmentScores:
    lines: int = 0
    lines_correct: int = 0
    deletion_trials: int = 0
    deletion_found: int = 0
    deletion_false_gaps: int = 0
    join_trials: int = 0
    join_found: int = 0

    def as_row(self) -> dict:
        return {
            "1-1 accuracy": self.lines_correct / max(self.lines, 1),
            "deletion recall": self.deletion_found / max(self.deletion_trials, 1),
            "false gaps per deletion trial": self.deletion_false_gaps / max(self.deletion_trials, 1),
            "join as 2-1": self.join_found / max(self.join_trials, 1),
            "lines": self.lines, "deletion trials": self.deletion_trials, "join trials": self.join_trials,
        }


def evaluate(docs: list[ParallelDoc], embedder, params: AlignParams, seed: int = 0,
             max_trials_per_doc: int | None = None) -> AlignmentScores:
    """Untouched 1-1 accuracy; every (or a seeded sample of) English line deleted; adjacent lines joined."""
    rng = random.Random(seed)
    scores = AlignmentScores()
    for doc in docs:
        n = len(doc.ar)
        ar = as_document(doc.ar, "ar")
        alignment = align_documents(ar, as_document(doc.en, "en"), embedder, params, glossary())
        scores.lines += n
        scores.lines_correct += sum(p.ar == (k,) and p.en == (k,) for p in alignment for k in p.ar)
        if n < 2:
            continue
        victims = list(range(n))
        if max_trials_per_doc is not None and len(victims) > max_trials_per_doc:
            victims = rng.sample(victims, max_trials_per_doc)
        for victim in victims:
            en_lines = doc.en[:victim] + doc.en[victim + 1:]
            rows = align_documents(ar, as_document(en_lines, "en"), embedder, params, glossary())
            scores.deletion_trials += 1
            gaps = {p.ar[0] for p in rows if p.ar and not p.en}
            scores.deletion_found += victim in gaps
            scores.deletion_false_gaps += len(gaps - {victim}) + sum(1 for p in rows if p.en and not p.ar)
        joins = range(n - 1) if max_trials_per_doc is None else rng.sample(range(n - 1), min(n - 1, max_trials_per_doc))
        for first in joins:
            en_lines = doc.en[:first] + [doc.en[first] + " " + doc.en[first + 1]] + doc.en[first + 2:]
            rows = align_documents(ar, as_document(en_lines, "en"), embedder, params, glossary())
            scores.join_trials += 1
            scores.join_found += any(p.ar == (first, first + 1) and p.en == (first,) for p in rows)
    return scores
