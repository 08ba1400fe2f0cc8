"""Revision benchmark: which clauses a change to one version left stale in the other (``align changes``).

Each long UN document of ``bench.mixed`` (about 350 lines, consecutive documents of a line-aligned set) is the
previous release. The new release carries seeded revisions, all in the same document, at lines drawn at random
(at least three lines apart, none at the document's ends), three of each kind:

- one side only (the finding: the other side is stale): a line reworded in English or in Arabic (a number
  changed, two or three words deleted, or two to four words of another line inserted), a line added (a line of
  another document of the set), a line deleted, a line moved ten to forty lines away;
- both sides (no finding due): a number changed in both, a line replaced in both by another document's pair,
  a pair added, a pair deleted, a pair moved.

Both releases are aligned line by line (``--segmented``) and composed (:func:`align.revision.compare.compare_pairs`).
A one-sided revision is found when a row reported as changed, added, deleted or moved on one side holds its
clause (for a deletion: the counterpart that stayed; for a move: the moved line or its counterpart). Precision:
one-sided rows that hold a one-sided revision's clause, over all one-sided rows. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from dataclasses import dataclass, field

from align.alignment.aligner import AlignParams
from align.pipeline import align_documents
from align.revision.compare import compare_pairs

from .data import ParallelDoc, as_document, glossary
from .mixed import SETS, _sets

ONE_SIDED = ("reword en", "reword ar", "add en", "add ar", "delete en", "delete ar", "move en", "move ar")
TWO_SIDED = ("number both", "replace both", "add both", "delete both", "move both")
KINDS = ONE_SIDED + TWO_SIDED
PER_KIND = 3
_NUMBER = re.compile(r"\d+")


@dataclass
class Item:
    """A line of one side of the new release: the previous line it was (None: new) and its text."""

    origin: int | None
    text: str
    tag: int | None = None  # the revision it carries


@dataclass
class Seeded:
    name: str
    previous: ParallelDoc
    new: ParallelDoc
    # per revision: kind, and the new-release clauses that locate it on each side
    revisions: list[tuple[str, dict[str, set[int]]]] = field(default_factory=list)


def _reword(text: str, other: str, rng: random.Random) -> str | None:
    """``text`` with a number changed, two or three words deleted, or words of ``other`` inserted."""
    words = text.split()
    numbers = [m for m in _NUMBER.finditer(text) if text[:m.start()].strip()]  # not the paragraph number
    choice = rng.choice(["number", "delete", "insert"] if numbers else ["delete", "insert"])
    if choice == "number":
        m = rng.choice(numbers)
        value = str(int(m.group()) + rng.randint(1, 9))
        return text[:m.start()] + value + text[m.end():]
    if choice == "delete" and len(words) >= 8:
        k = rng.randint(2, 3)
        at = rng.randint(1, len(words) - k)
        return " ".join(words[:at] + words[at + k:])
    extra = other.split()
    if len(words) < 2 or len(extra) < 4:
        return None
    k = rng.randint(2, 4)
    start = rng.randint(0, len(extra) - k)
    at = rng.randint(1, len(words) - 1)
    return " ".join(words[:at] + extra[start:start + k] + words[at:])


def seed_revisions(doc: ParallelDoc, donor: ParallelDoc, rng: random.Random) -> Seeded:
    """The new release of ``doc`` with every kind of revision (module docstring); ``donor`` gives new lines."""
    n = len(doc.en)
    sides = {"ar": [Item(i, t) for i, t in enumerate(doc.ar)], "en": [Item(i, t) for i, t in enumerate(doc.en)]}
    kinds = [k for k in KINDS for _ in range(PER_KIND)]
    rng.shuffle(kinds)
    free = list(range(3, n - 3))
    taken: set[int] = set()
    plan = []
    for kind in kinds:
        candidates = [i for i in free if all(abs(i - t) >= 3 for t in taken)]
        if kind == "number both":
            candidates = [i for i in candidates if set(_NUMBER.findall(doc.ar[i])) & set(_NUMBER.findall(doc.en[i]))]
        if not candidates:
            continue
        i = rng.choice(candidates)
        taken.add(i)
        plan.append((kind, i))
    donated = rng.sample(range(len(donor.en)), min(len(donor.en), 4 * PER_KIND * 2))

    def at(side: str, origin: int) -> int:
        return next(k for k, item in enumerate(sides[side]) if item.origin == origin)

    moves = []
    for tag, (kind, i) in enumerate(plan):
        what, who = kind.split()
        both = ("ar", "en") if who == "both" else (who,)
        if what == "reword":
            item = sides[who][at(who, i)]
            other = getattr(doc, who)[(i + 7) % n]
            new = _reword(item.text, other, rng)
            if new is None or new.split() == item.text.split():
                continue
            item.text, item.tag = new, tag
        elif what == "number":
            shared = sorted(set(_NUMBER.findall(doc.ar[i])) & set(_NUMBER.findall(doc.en[i])))
            old = rng.choice(shared)
            value = str(int(old) + rng.randint(1, 9))
            for side in both:
                item = sides[side][at(side, i)]
                item.text, item.tag = re.sub(rf"(?<!\d){old}(?!\d)", value, item.text, count=1), tag
        elif what == "replace":
            d = donated.pop()
            for side in both:
                item = sides[side][at(side, i)]
                item.text, item.tag, item.origin = getattr(donor, side)[d], tag, None
        elif what == "add":
            d = donated.pop()
            for side in both:
                sides[side].insert(at(side, i) + 1, Item(None, getattr(donor, side)[d], tag))
        elif what == "delete":
            for side in both:
                del sides[side][at(side, i)]
            for side in ("ar", "en"):  # the counterpart that stayed locates a one-sided deletion
                if side not in both:
                    sides[side][at(side, i)].tag = tag
        else:  # move: to 10-40 lines away, both sides alike
            moves.append((tag, i, both))
    for tag, i, both in moves:
        step = rng.choice([-1, 1]) * rng.randint(10, 40)
        # before a line both sides still have, untouched: a pair moved to the same place on both sides
        present = [k for k in range(1, n - 1) if k != i and all(any(it.origin == k and it.tag is None
                                                                     for it in sides[side]) for side in ("ar", "en"))]
        target = min(present, key=lambda k: abs(k - (i + step)))
        for side in both:
            item = sides[side].pop(at(side, i))
            item.tag = tag
            sides[side].insert(at(side, target), item)
        for side in ("ar", "en"):
            if side not in both:
                sides[side][at(side, i)].tag = tag
    new = ParallelDoc(doc.name, [it.text for it in sides["ar"]], [it.text for it in sides["en"]])
    seeded = Seeded(doc.name, doc, new)
    for tag, (kind, i) in enumerate(plan):
        where = {side: {k for k, it in enumerate(sides[side]) if it.tag == tag} for side in ("ar", "en")}
        if where["ar"] or where["en"] or kind in ("delete both",):
            seeded.revisions.append((kind, where))
    return seeded


@dataclass
class Score:
    found: dict = field(default_factory=lambda: {k: 0 for k in KINDS})
    total: dict = field(default_factory=lambda: {k: 0 for k in KINDS})
    predicted: int = 0
    true_predicted: int = 0
    false_on_two_sided: int = 0
    docs: int = 0
    seconds: float = 0.0

    def recall(self, kinds=ONE_SIDED) -> float:
        total = sum(self.total[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.true_predicted / self.predicted if self.predicted else 1.0


def evaluate(embedder, split: str = "dev", seed: int = 0, max_docs: int | None = None,
             params: AlignParams | None = None) -> Score:
    params = params or AlignParams()
    score = Score()
    started = time.perf_counter()
    for name, docs in _sets(split, None, max_docs).items():
        for k, doc in enumerate(docs):
            donor = docs[(k + 1) % len(docs)] if len(docs) > 1 else doc
            seeded = seed_revisions(doc, donor, random.Random(f"{seed}:{doc.name}"))
            pairs = []
            for version in (seeded.previous, seeded.new):
                ar, en = as_document(version.ar, "ar"), as_document(version.en, "en")
                pairs.append((ar, en, align_documents(ar, en, embedder, params, glossary())))
            revision = compare_pairs(*pairs[0], *pairs[1])
            one_sided = [c for c in revision.changes
                         if c.status.rsplit("-", 1)[-1] in ("ar", "en") and not c.status.startswith("paired")]
            for kind, where in seeded.revisions:
                score.total[kind] += 1
                hit = any(set(c.ar) & where["ar"] or set(c.en) & where["en"] for c in one_sided)
                if kind in ONE_SIDED:
                    score.found[kind] += hit
                else:
                    score.found[kind] += not hit  # a two-sided revision is right when nothing is flagged there
            for c in one_sided:
                score.predicted += 1
                targets = [(kind, w) for kind, w in seeded.revisions if set(c.ar) & w["ar"] or set(c.en) & w["en"]]
                if any(kind in ONE_SIDED for kind, _ in targets):
                    score.true_predicted += 1
                elif targets:
                    score.false_on_two_sided += 1
            score.docs += 1
    score.seconds = time.perf_counter() - started
    return score


def rows(scores: dict[str, Score]) -> list[str]:
    """Markdown: per split, one-sided recall and precision, then each kind's share handled right."""
    out = ["| split | docs | one-sided revisions | recall | precision | one-sided flags (false on two-sided) | "
           "two-sided left unflagged | time |", "|---|---|---|---|---|---|---|---|"]
    for split, s in scores.items():
        out.append(f"| {split} | {s.docs} | {sum(s.total[k] for k in ONE_SIDED)} | {s.recall():.3f} | "
                   f"{s.precision:.3f} | {s.predicted} ({s.false_on_two_sided}) | {s.recall(TWO_SIDED):.3f} | "
                   f"{s.seconds:.0f} s |")
    out += ["", "| kind | " + " | ".join(scores) + " |", "|---|" + "---|" * len(scores)]
    for kind in KINDS:
        cells = [f"{s.found[kind]}/{s.total[kind]}" for s in scores.values()]
        out.append(f"| {kind}{' (right: not flagged)' if kind in TWO_SIDED else ''} | " + " | ".join(cells) + " |")
    return out


def main() -> None:
    from align.embed.backends import get_backend

    from .data import CachingEmbedder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=list(SETS), help="dev, heldout (default: both)")
    parser.add_argument("--docs", type=int, default=None, help="long documents per set (default: all)")
    args = parser.parse_args()
    embedder = CachingEmbedder(get_backend("use"))
    scores = {split: evaluate(embedder, split, max_docs=args.docs) for split in args.split or list(SETS)}
    print("\n".join(rows(scores)))


if __name__ == "__main__":
    main()
