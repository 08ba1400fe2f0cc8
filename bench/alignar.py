"""AlignAR gold set (arXiv 2512.21842): strict and lax precision, recall and F1 per domain.

Scorer as in Vecalign and the paper: precision over all predicted beads, recall over the gold
beads with both sides non-empty; a bead is a strict match when it equals a gold bead, a lax match
when it overlaps one gold bead on both sides.

A gold alignment should cover each line of both sides once, in order. Where one does not (a line used by two
beads, a line no bead uses, a bead out of order), no monotone aligner can match it there, and the lines
between such faults are likely shifted too: :func:`gold_faults` finds that stretch, and each document is also
scored without the beads that touch it (``Counts.consistent``), beside the score on the whole gold.
"""

from __future__ import annotations

import ast
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from align.alignment.aligner import AlignParams
from align.pipeline import align_documents

from .data import SHARED, as_document, glossary

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def read_gold(path: Path) -> list[Bead]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ar, en = line.split(":")
            beads.append((tuple(ast.literal_eval(ar.strip())), tuple(ast.literal_eval(en.strip()))))
    return beads


def _matches(beads: list[Bead], reference: list[Bead]) -> tuple[int, int]:
    """(strict, lax) matches of ``beads`` against ``reference``."""
    exact = set(reference)
    strict = lax = 0
    for ar, en in beads:
        if (ar, en) in exact:
            strict += 1
            lax += 1
        elif ar and en and any(set(ar) & set(g_ar) and set(en) & set(g_en) for g_ar, g_en in reference):
            lax += 1
    return strict, lax


Stretch = tuple[tuple[int, int], tuple[int, int]]  # (first, last) Arabic line, (first, last) English line


@dataclass(frozen=True)
class GoldFaults:
    """Where a gold alignment is not a partition of both sides in order."""

    twice: tuple[tuple[str, int], ...]  # (side, line) used by more than one bead, or twice in one
    never: tuple[tuple[str, int], ...]  # (side, line) no bead uses
    disordered: tuple[Bead, ...]        # beads that start before the bead before them ends
    stretch: Stretch | None             # the lines from the first faulty bead to the last (None: no fault)

    def describe(self) -> str:
        parts = [f"{side.upper()} line {line} used twice" for side, line in self.twice]
        parts += [f"{side.upper()} line {line} in no bead" for side, line in self.never]
        parts += [f"bead {list(a)} : {list(e)} out of order" for a, e in self.disordered]
        return "; ".join(parts)


def gold_faults(gold: list[Bead], ar_lines: int, en_lines: int) -> GoldFaults:
    """The faults of ``gold`` over ``ar_lines`` Arabic and ``en_lines`` English lines, and the stretch they span
    on both sides: from the first faulty bead to the last, a bead being faulty when it is out of order or holds a
    line used twice or no bead uses, or the line next to one."""
    twice, never, disordered, faulty = [], [], [], []
    for k, name in enumerate(("ar", "en")):
        uses = Counter(line for bead in gold for line in bead[k])
        twice += [(name, line) for line in sorted(uses) if uses[line] > 1]
        never += [(name, line) for line in range((ar_lines, en_lines)[k]) if line not in uses]
    reached = [-1, -1]
    for bead in gold:
        if any(run and run[0] <= reached[k] for k, run in enumerate(bead)):
            disordered.append(bead)
        reached = [max([reached[k], *run]) for k, run in enumerate(bead)]
    bad_lines = {(name, line) for name, line in twice + never}
    for bead in gold:
        sides = (("ar", bead[0]), ("en", bead[1]))
        touches = any((name, line + step) in bad_lines for name, run in sides for line in run for step in (-1, 0, 1))
        if touches or bead in disordered:
            faulty.append(bead)
    if not faulty:
        return GoldFaults(tuple(twice), tuple(never), tuple(disordered), None)
    spans = [[line for bead in faulty for line in bead[k]] for k in (0, 1)]
    stretch = ((min(spans[0]), max(spans[0])), (min(spans[1]), max(spans[1])))
    return GoldFaults(tuple(twice), tuple(never), tuple(disordered), stretch)


def _outside(beads: list[Bead], stretch: Stretch | None) -> list[Bead]:
    """The beads that touch no line of ``stretch`` on either side."""
    if stretch is None:
        return beads
    return [(a, e) for a, e in beads
            if not any(lo <= line <= hi for run, (lo, hi) in zip((a, e), stretch) for line in run)]


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    strict_p: int = 0
    lax_p: int = 0
    strict_r: int = 0
    lax_r: int = 0
    seconds: float = 0.0
    documents: int = 0
    consistent: "Counts | None" = None  # the same, without the beads that touch a fault of the gold
    faults: list[tuple[str, GoldFaults]] = field(default_factory=list)  # (document, its gold's faults), if any

    def add(self, predicted: list[Bead], gold: list[Bead], seconds: float) -> None:
        gold_pairs = [b for b in gold if b[0] and b[1]]
        self.predicted += len(predicted)
        self.gold += len(gold_pairs)
        s, l_ = _matches(predicted, gold)
        self.strict_p, self.lax_p = self.strict_p + s, self.lax_p + l_
        s, l_ = _matches(gold_pairs, predicted)
        self.strict_r, self.lax_r = self.strict_r + s, self.lax_r + l_
        self.seconds += seconds
        self.documents += 1

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0
        sp, sr = self.strict_p / max(self.predicted, 1), self.strict_r / max(self.gold, 1)
        lp, lr = self.lax_p / max(self.predicted, 1), self.lax_r / max(self.gold, 1)
        return {"strict P": sp, "strict R": sr, "strict F1": f1(sp, sr), "lax P": lp, "lax R": lr,
                "lax F1": f1(lp, lr), "seconds per document": self.seconds / max(self.documents, 1)}


def documents(split: str, domain: str) -> list[Path]:
    root = SHARED / split / "alignar" / domain
    return sorted(p for p in root.iterdir() if (p / "gold.txt").exists()) if root.is_dir() else []


def read_lines(path: Path) -> list[str]:
    """The lines of a gold-set file, as its gold indices count them (no final empty line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and not lines[-1] else lines


def evaluate_aligner(split: str, domain: str, align: Callable[[list[str], list[str]], list[Bead]]) -> Counts:
    """``align`` (Arabic lines, English lines -> beads) on the documents of one split and domain, timed."""
    counts = Counts(consistent=Counts())
    for directory in documents(split, domain):
        ar, en = read_lines(directory / "ar.txt"), read_lines(directory / "en.txt")
        started = time.perf_counter()
        predicted = align(ar, en)
        seconds = time.perf_counter() - started
        gold = read_gold(directory / "gold.txt")
        counts.add(predicted, gold, seconds)
        faults = gold_faults(gold, len(ar), len(en))
        if faults.stretch is not None:
            counts.faults.append((directory.name, faults))
        counts.consistent.add(_outside(predicted, faults.stretch), _outside(gold, faults.stretch), seconds)
    return counts


def evaluate(split: str, domain: str, embedder, params: AlignParams) -> Counts:
    def ours(ar: list[str], en: list[str]) -> list[Bead]:
        rows = align_documents(as_document(ar, "ar"), as_document(en, "en"), embedder, params, glossary())
        return [(p.ar, p.en) for p in rows]

    return evaluate_aligner(split, domain, ours)
