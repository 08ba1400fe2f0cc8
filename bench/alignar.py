"""AlignAR gold set (arXiv 2512.21842): strict and lax precision, recall and F1 per domain.

Scorer as in Vecalign and the paper: precision over all predicted beads, recall over the gold
beads with both sides non-empty; a bead is a strict match when it equals a gold bead, a lax match
when it overlaps one gold bead on both sides.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from align.aligner import AlignParams
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
    counts = Counts()
    for directory in documents(split, domain):
        ar, en = read_lines(directory / "ar.txt"), read_lines(directory / "en.txt")
        started = time.perf_counter()
        predicted = align(ar, en)
        counts.add(predicted, read_gold(directory / "gold.txt"), time.perf_counter() - started)
    return counts


def evaluate(split: str, domain: str, embedder, params: AlignParams) -> Counts:
    def ours(ar: list[str], en: list[str]) -> list[Bead]:
        rows = align_documents(as_document(ar, "ar"), as_document(en, "en"), embedder, params, glossary())
        return [(p.ar, p.en) for p in rows]

    return evaluate_aligner(split, domain, ours)
