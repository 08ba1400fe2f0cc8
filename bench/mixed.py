"""Mixed-edit alignment benchmark: long UN documents carrying many seeded edits at once.

Long documents (about 350 lines) are consecutive documents of a line-aligned set joined together. At a
rate r, r of the lines get each kind of edit, all in the same document: an English line deleted, an Arabic
line deleted, two adjacent English lines joined, two adjacent Arabic lines joined, an unrelated sentence
(news from ntrex128; tico19 for held-out) inserted on the English side and on the Arabic side. An original
line takes part in at most one edit; edits may be adjacent. The "runs" scenario drops one run of lines on one
side (3 lines, 10 lines, the middle half, the last half) and nothing else. The gold beads are built while
editing. Scores: strict bead P/R/F1 (bench.alignar's scorer), gap recall (gold gaps reported as a gap row of
exactly that clause) and gap precision (predicted gap rows that are gold gaps). Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from align.alignment.aligner import AlignParams
from align.pipeline import align_documents
from align.report.model import AlignedPair

from .alignar import Bead, Counts
from .data import SHARED, ParallelDoc, as_document, glossary, load_documents

SETS = {"dev": ("unv1-devset", "unv1-devset/resolutions_subset", "un-charter", "sdg-targets"),
        "heldout": ("unv1-testset", "unv1-testset/resolutions_subset")}
FILLERS = {"dev": "ntrex128", "heldout": "tico19"}
RATES = (0.02, 0.05, 0.08)
LENGTH = 350
MAX_DOCS = 3
RUNS = ("3 lines", "10 lines", "middle half", "last half")
SIDES = {"en": "English", "ar": "Arabic"}


@dataclass(frozen=True)
class Edited:
    """An edited document pair and its gold beads (indices into the edited lines)."""

    name: str
    ar: list[str]
    en: list[str]
    gold: list[Bead]
    edits: int = 0


@dataclass(frozen=True)
class Miss:
    """A gold gap the prediction missed, or a predicted gap that is not gold, for --verbose."""

    doc: str
    kind: str   # "missed gap" or "false gap"
    side: str   # the side of the clause left without counterpart
    index: int
    bead: Bead  # the predicted bead it landed in (missed) or the gold bead it belongs to (false)
    score: float | None
    text: str

    def __str__(self) -> str:
        score = "-" if self.score is None else f"{self.score:.3f}"
        return (f"{self.kind}: {self.doc} {self.side} {self.index} in {self.bead[0]}:{self.bead[1]} "
                f"score {score}: {self.text[:70]}")


@dataclass
class Score:
    """Strict bead counts and gap tallies over some trials."""

    counts: Counts = field(default_factory=Counts)
    lines: int = 0
    edits: int = 0
    gold_gaps: int = 0
    found_gaps: int = 0
    predicted_gaps: int = 0
    true_gaps: int = 0
    longest_predicted: int = 0
    longest_gold: int = 0

    def add(self, edited: Edited, rows: tuple[AlignedPair, ...], seconds: float) -> list[Miss]:
        """Score one trial; return its missed and false gaps."""
        predicted = [(p.ar, p.en) for p in rows]
        self.counts.add(predicted, edited.gold, seconds)
        gold, found = _gaps(edited.gold), _gaps(predicted)
        self.lines += len(edited.en)
        self.edits += edited.edits
        self.gold_gaps += len(gold)
        self.found_gaps += len(gold & found)
        self.predicted_gaps += len(found)
        self.true_gaps += len(found & gold)
        self.longest_predicted = max(self.longest_predicted, _longest(predicted))
        self.longest_gold = max(self.longest_gold, _longest(edited.gold))
        return _misses(edited, rows, gold, found)

    @property
    def gap_recall(self) -> float:
        return self.found_gaps / max(self.gold_gaps, 1)

    @property
    def gap_precision(self) -> float:
        return self.true_gaps / max(self.predicted_gaps, 1)


@dataclass
class Result:
    """Scores keyed by (set or "all", rate or run scenario, side or ""), the misses, and the time taken."""

    split: str
    scores: dict[tuple[str, str, str], Score] = field(default_factory=lambda: defaultdict(Score))
    docs: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, keys: Iterable[tuple[str, str, str]], edited: Edited, rows: tuple[AlignedPair, ...],
            seconds: float) -> None:
        misses = []
        for key in keys:
            misses = self.scores[key].add(edited, rows, seconds)
        self.misses += misses


def _gaps(beads: list[Bead]) -> set[tuple[str, tuple[int, ...]]]:
    return {("ar", ar) if ar else ("en", en) for ar, en in beads if not ar or not en}


def _longest(beads: list[Bead]) -> int:
    return max((max(len(ar), len(en)) for ar, en in beads), default=0)


def _misses(edited: Edited, rows: tuple[AlignedPair, ...], gold: set, found: set) -> list[Miss]:
    def where(beads: Iterable[Bead], side: str, index: int) -> Bead:
        return next(b for b in beads if index in b[side == "en"])

    lines = {"ar": edited.ar, "en": edited.en}
    scores = {(p.ar, p.en): p.score for p in rows}
    out = []
    for side, clauses in sorted(gold - found):
        bead = where(scores, side, clauses[0])
        out.append(Miss(edited.name, "missed gap", side, clauses[0], bead, scores[bead], lines[side][clauses[0]]))
    for side, clauses in sorted(found - gold):
        bead = ((), clauses) if side == "en" else (clauses, ())
        out.append(Miss(edited.name, "false gap", side, clauses[0], where(edited.gold, side, clauses[0]),
                        scores[bead], lines[side][clauses[0]]))
    return out


def long_documents(directory, length: int = LENGTH, max_docs: int | None = MAX_DOCS) -> list[ParallelDoc]:
    """Consecutive documents of a set joined into chunks of about ``length`` lines (a short remainder joins
    the last chunk); at most ``max_docs`` of them, evenly spaced through the set."""
    chunks: list[list[ParallelDoc]] = [[]]
    for doc in load_documents(directory):
        if sum(len(d.en) for d in chunks[-1]) >= length:
            chunks.append([])
        chunks[-1].append(doc)
    if len(chunks) > 1 and sum(len(d.en) for d in chunks[-1]) < length // 2:
        last = chunks.pop()
        chunks[-1] += last
    if max_docs is not None and len(chunks) > max_docs:
        chunks = [chunks[k * len(chunks) // max_docs] for k in range(max_docs)]
    return [ParallelDoc(f"{directory.name}[{c[0].name}..{c[-1].name}]", [l for d in c for l in d.ar],
                        [l for d in c for l in d.en]) for c in chunks]


def fillers(split: str) -> ParallelDoc:
    """Unrelated sentences to insert (30-300 characters, the Arabic and English of the same lines)."""
    docs = load_documents(SHARED / split / FILLERS[split])
    pairs = [(a, e) for d in docs for a, e in zip(d.ar, d.en) if 30 <= len(e) <= 300 and 30 <= len(a) <= 300]
    return ParallelDoc(FILLERS[split], [a for a, _ in pairs], [e for _, e in pairs])


def apply_edits(doc: ParallelDoc, ops: dict[int, str], inserts: dict[int, list[tuple[str, str]]],
                name: str | None = None) -> Edited:
    """The edited pair and its gold beads. ``ops`` maps an original line to "del en", "del ar", "join en" or
    "join ar" (a join takes that line and the next); ``inserts`` maps a position (before that original line)
    to (side, sentence) pairs."""
    ar: list[str] = []
    en: list[str] = []
    gold: list[Bead] = []
    n, i = len(doc.en), 0
    while i <= n:
        for side, text in inserts.get(i, ()):
            (ar if side == "ar" else en).append(text)
            gold.append(((len(ar) - 1,), ()) if side == "ar" else ((), (len(en) - 1,)))
        if i == n:
            break
        op = ops.get(i, "")
        if op == "join en":
            gold.append(((len(ar), len(ar) + 1), (len(en),)))
            ar += doc.ar[i:i + 2]
            en.append(doc.en[i] + " " + doc.en[i + 1])
        elif op == "join ar":
            gold.append(((len(ar),), (len(en), len(en) + 1)))
            ar.append(doc.ar[i] + " " + doc.ar[i + 1])
            en += doc.en[i:i + 2]
        else:
            gold.append(((len(ar),) if op != "del ar" else (), (len(en),) if op != "del en" else ()))
            if op != "del ar":
                ar.append(doc.ar[i])
            if op != "del en":
                en.append(doc.en[i])
        i += 2 if op.startswith("join") else 1
    return Edited(name or doc.name, ar, en, gold, len(ops) + sum(map(len, inserts.values())))


def mix(doc: ParallelDoc, rate: float, rng: random.Random, filler: ParallelDoc) -> Edited:
    """``doc`` with round(rate × lines) edits of each kind, on distinct original lines."""
    n = len(doc.en)
    count = round(rate * n)
    free = set(range(n))
    ops: dict[int, str] = {}
    for op in ("join en", "join ar"):
        for _ in range(count):
            starts = sorted(i for i in free if i + 1 in free)
            if not starts:
                break
            ops[i := rng.choice(starts)] = op
            free -= {i, i + 1}
    for op in ("del en", "del ar"):
        for i in rng.sample(sorted(free), min(count, len(free))):
            ops[i] = op
            free.discard(i)
    picked = rng.sample(range(len(filler.en)), 2 * count)  # distinct lines: no inserted pair translates another
    inserts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for k, line in enumerate(picked):
        side = "en" if k < count else "ar"
        inserts[rng.randrange(n + 1)].append((side, (filler.en if side == "en" else filler.ar)[line]))
    return apply_edits(doc, ops, inserts, f"{doc.name}@{rate:g}")


def drop_run(doc: ParallelDoc, scenario: str, side: str, rng: random.Random) -> Edited:
    """``doc`` with one run of lines missing on ``side`` (the counterparts left as gaps)."""
    n = len(doc.en)
    if scenario in ("3 lines", "10 lines"):
        length = min(int(scenario.split()[0]), n - 1)
        start = rng.randrange(n - length + 1)
    else:
        length = n // 2
        start = n // 4 if scenario == "middle half" else n - length
    ops = {i: f"del {side}" for i in range(start, start + length)}
    return apply_edits(doc, ops, {}, f"{doc.name} {side} {start}-{start + length - 1}")


def _align(edited: Edited, embedder, params: AlignParams) -> tuple[tuple[AlignedPair, ...], float]:
    started = time.perf_counter()
    rows = align_documents(as_document(edited.ar, "ar"), as_document(edited.en, "en"), embedder, params,
                           glossary())
    return rows, time.perf_counter() - started


def _sets(split: str, sets: Iterable[str] | None, max_docs: int | None) -> dict[str, list[ParallelDoc]]:
    names = [s for s in (sets or SETS[split]) if (SHARED / split / s).is_dir()]
    return {name: long_documents(SHARED / split / name, max_docs=max_docs) for name in names}


def evaluate_mixed(embedder, params: AlignParams, split: str = "dev", rates: Iterable[float] = RATES,
                   seed: int = 0, sets: Iterable[str] | None = None, max_docs: int | None = MAX_DOCS) -> Result:
    """Every long document of each set at each rate, all kinds of edit at once."""
    started = time.perf_counter()
    result = Result(split)
    filler = fillers(split)
    for name, docs in _sets(split, sets, max_docs).items():
        result.docs[name] = len(docs)
        for doc in docs:
            for rate in rates:
                edited = mix(doc, rate, random.Random(f"{seed}:{doc.name}:{rate}"), filler)
                keys = [(name, f"{rate:g}", ""), ("all", f"{rate:g}", "")]
                result.add(keys, edited, *_align(edited, embedder, params))
    result.seconds = time.perf_counter() - started
    return result


def evaluate_runs(embedder, params: AlignParams, split: str = "dev", seed: int = 0,
                  sets: Iterable[str] | None = None, max_docs: int | None = MAX_DOCS) -> Result:
    """Every long document with each run missing on each side, one trial each."""
    started = time.perf_counter()
    result = Result(split)
    for name, docs in _sets(split, sets, max_docs).items():
        result.docs[name] = len(docs)
        for doc in docs:
            for scenario in RUNS:
                for side in SIDES:
                    edited = drop_run(doc, scenario, side, random.Random(f"{seed}:{doc.name}:{scenario}:{side}"))
                    result.add([("all", scenario, side)], edited, *_align(edited, embedder, params))
    result.seconds = time.perf_counter() - started
    return result


def _strict(score: Score) -> str:
    sc = score.counts.scores()
    return (f"{sc['strict P']:.3f} | {sc['strict R']:.3f} | {sc['strict F1']:.3f} | "
            f"{score.gap_recall:.3f} ({score.found_gaps}/{score.gold_gaps}) | "
            f"{score.gap_precision:.3f} ({score.true_gaps}/{score.predicted_gaps})")


def mixed_rows(results: Iterable[Result]) -> list[str]:
    """Markdown table of mixed-edit results: one row per split, set (then all sets) and rate."""
    rows = ["| split | set | rate per kind | docs | lines (EN) | edits | strict P | strict R | strict F1 | "
            "gap recall | gap precision |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        for (name, rate, _), s in sorted(result.scores.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
            docs = sum(result.docs.values()) if name == "all" else result.docs[name]
            rows.append(f"| {result.split} | {name} | {float(rate):.0%} | {docs} | {s.lines} | {s.edits} | "
                        f"{_strict(s)} |")
    return rows


def runs_rows(results: Iterable[Result]) -> list[str]:
    """Markdown table of the runs scenario: one row per split, run and side (all sets together)."""
    rows = ["| split | run missing | missing on | trials | strict P | strict R | strict F1 | gap recall | "
            "gap precision | longest bead (gold) |", "|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        for (_, scenario, side), s in sorted(result.scores.items(), key=lambda kv: (RUNS.index(kv[0][1]), kv[0][2])):
            rows.append(f"| {result.split} | {scenario} | {SIDES[side]} | {s.counts.documents} | {_strict(s)} | "
                        f"{s.longest_predicted} ({s.longest_gold}) |")
    return rows


def tables(embedder, params: AlignParams, splits: Iterable[str] = ("dev", "heldout"), seed: int = 0,
           sets: Iterable[str] | None = None, max_docs: int | None = MAX_DOCS) -> tuple[list[str], list[Result]]:
    """Both tables (the splits whose data is present) and the results behind them."""
    splits = [s for s in splits if (SHARED / s / FILLERS[s]).is_dir()]
    mixed = [evaluate_mixed(embedder, params, s, seed=seed, sets=sets, max_docs=max_docs) for s in splits]
    runs = [evaluate_runs(embedder, params, s, seed=seed, sets=sets, max_docs=max_docs) for s in splits]
    seconds = sum(r.seconds for r in mixed + runs)
    lines = [*mixed_rows(mixed), "", *runs_rows(runs), "",
             f"Documents of about {LENGTH} lines, at most {max_docs or 'all'} per set, seed {seed}; "
             f"{seconds:.0f} s in all."]
    return lines, mixed + runs


def main() -> None:
    from align.embed.backends import get_backend

    from .data import CachingEmbedder

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--sets", nargs="+", help="set names under the split (default: all of the split's)")
    parser.add_argument("--max-docs", type=int, default=MAX_DOCS, help="long documents per set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="list every missed and false gap")
    args = parser.parse_args()
    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    lines, results = tables(CachingEmbedder(get_backend("use")), AlignParams(), splits, args.seed, args.sets,
                            args.max_docs)
    print("\n".join(lines))
    if args.verbose:
        for result in results:
            for miss in result.misses:
                print(f"{result.split}: {miss}")


if __name__ == "__main__":
    main()
