"""A many-to-one dev set made from 1-1 dev text: thousands of merged beads, by a documented, seeded procedure.

The AlignAR dev gold (two documents, 235 beads) is too small to fit an aligner on. This set makes merged beads
the way translators make them, from dev documents whose lines are 1-1 sentence pairs:

1. **Profiles: how often each bead shape occurs.** The share of each shape ``(a, b)`` (``a`` Arabic lines
   against ``b`` English lines) is read from the AlignAR dev gold of one domain (:func:`profile`): ``literary``
   from ``dev/alignar/literature``, ``legal`` from ``dev/alignar/law``; ``mirrored`` swaps the sides of a
   profile (an Arabic translator who splits where the English joins).
2. **Beads from sentence pairs.** A document is cut, in order, into beads whose shapes are drawn from the
   profile (:func:`merge_document`). A bead of shape ``(a, b)`` takes ``k = a + b - 1`` consecutive sentence
   pairs and groups the ``k`` Arabic sentences into ``a`` lines and the ``k``
   English sentences into ``b`` lines, at cut points drawn so that no cut is shared by both sides (else the
   bead would fall apart into smaller true beads). A line is its sentences joined by a space; a list item
   (``sdg-targets``) joins with a semicolon, as a list run into one sentence is written.
3. **Framing lines.** The bundled resolution's framing and opening lines (the lead-in "… the text of which is
   as follows:", "The Council of Foreign Ministers …,") are joined to the next paragraph on one side only
   (:func:`framing_documents`), both directions: a 1-2 or 2-1 bead each.
4. **Sources.** ``ntrex128`` (news, whole documents), ``un-charter`` (units), ``unv1-devset`` (each document's
   sampled sentences, in order) and ``sdg-targets`` (goals and their targets, a list) from ``dev/``; never
   ``heldout/``.
5. **Halves.** Each document is in the ``tune`` or the ``test`` half by :func:`bench.data.document_half`: fit
   on one, report on the other.

Everything is drawn from ``random.Random(seed)`` per document (the seed and the document's name), so the set
is the same on every machine and a document's beads do not change when another document is added.
``python -m bench.merges`` prints the set's size and the aligners' strict and lax F1 on each half.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from .alignar import Bead, Counts, documents, read_gold
from .data import SHARED, ParallelDoc, document_half, load_documents

SOURCES = ("ntrex128", "un-charter", "unv1-devset", "sdg-targets")
LISTS = ("sdg-targets",)  # sets whose lines are list items: a run of them is joined as one sentence with «؛» / ";"
PROFILES = ("literary", "legal", "mirrored")
MAX_SENTENCES = 9  # a bead takes at most this many sentence pairs (AlignAR's largest gold beads are 1-9)


@dataclass(frozen=True)
class MergedDoc:
    """A document with merged lines and its gold beads (line indices), as an aligner sees it."""

    source: str  # set/document
    profile: str
    half: str  # tune or test
    ar: tuple[str, ...]
    en: tuple[str, ...]
    gold: tuple[Bead, ...]


def profile(name: str) -> dict[tuple[int, int], float]:
    """The share of each bead shape (gaps left out) in the AlignAR dev gold of a domain: ``literary``
    (literature), ``legal`` (law), ``mirrored`` (literature with the sides swapped)."""
    domain = {"literary": "literature", "legal": "law", "mirrored": "literature"}[name]
    counts: Counter = Counter()
    for directory in documents("dev", domain):
        for ar, en in read_gold(directory / "gold.txt"):
            if ar and en and len(ar) + len(en) - 1 <= MAX_SENTENCES:
                counts[(len(en), len(ar)) if name == "mirrored" else (len(ar), len(en))] += 1
    if not counts:
        raise FileNotFoundError(f"no AlignAR dev gold for the {name} profile under {SHARED / 'dev' / 'alignar'}")
    total = sum(counts.values())
    return {shape: n / total for shape, n in sorted(counts.items())}


def _cuts(k: int, lines: int, rng: random.Random) -> tuple[int, ...]:
    """``lines - 1`` cut points among the ``k - 1`` places between ``k`` sentences, sorted."""
    return tuple(sorted(rng.sample(range(1, k), lines - 1)))


def _groups(sentences: list[str], cuts: tuple[int, ...], joiner: str) -> list[str]:
    bounds = (0, *cuts, len(sentences))
    return [joiner.join(s.strip() for s in sentences[a:b]) for a, b in zip(bounds, bounds[1:])]


def _sentences_for(a: int, b: int) -> int:
    """Sentence pairs a bead of shape (a, b) takes: the fewest whose ``a - 1`` Arabic and ``b - 1`` English cuts
    share no place (1-3 takes three, 2-2 three: cut 2+1 on one side and 1+2 on the other)."""
    return a + b - 1


def merge_document(doc: ParallelDoc, shares: dict[tuple[int, int], float], rng: random.Random,
                   joiners: tuple[str, str] = (" ", " ")) -> tuple[list[str], list[str], list[Bead]]:
    """The lines of ``doc`` (1-1 sentence pairs) grouped into beads whose shapes are drawn from ``shares``: the
    merged Arabic lines, English lines and the gold beads (line indices)."""
    pairs = [(a, e) for a, e in zip(doc.ar, doc.en) if a.strip() and e.strip()]
    shapes, weights = list(shares), list(shares.values())
    ar_lines: list[str] = []
    en_lines: list[str] = []
    gold: list[Bead] = []
    at = 0
    while at < len(pairs):
        a, b = rng.choices(shapes, weights)[0]
        k = _sentences_for(a, b)
        if at + k > len(pairs):  # the document's end: what is left is 1-1
            a = b = k = 1
        ar_sentences = [p[0] for p in pairs[at:at + k]]
        en_sentences = [p[1] for p in pairs[at:at + k]]
        while True:
            ar_cuts, en_cuts = _cuts(k, a, rng), _cuts(k, b, rng)
            if not set(ar_cuts) & set(en_cuts):
                break
        gold.append((tuple(range(len(ar_lines), len(ar_lines) + a)), tuple(range(len(en_lines), len(en_lines) + b))))
        ar_lines += _groups(ar_sentences, ar_cuts, joiners[0])
        en_lines += _groups(en_sentences, en_cuts, joiners[1])
        at += k
    return ar_lines, en_lines, gold


def _seed(seed: int, source: str, profile_name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}/{profile_name}/{source}".encode()).digest()[:8], "big")


def merged_documents(seed: int = 0, profiles: Iterable[str] = PROFILES, sources: Iterable[str] = SOURCES,
                     half: str | None = None, min_lines: int = 4, per_source: int | None = None) -> list[MergedDoc]:
    """Every dev document of ``sources`` (with at least ``min_lines`` sentence pairs; the first ``per_source`` of
    each source, in its order, when given) merged under each profile, in ``half`` (``tune``, ``test``, or both)."""
    out = []
    for profile_name in profiles:
        shares = profile(profile_name)
        for set_name in sources:
            directory = SHARED / "dev" / set_name
            if not directory.is_dir():
                continue
            joiners = ("؛ ", "; ") if set_name in LISTS else (" ", " ")
            taken = 0
            for doc in load_documents(directory):
                doc_half = document_half(set_name, doc.name)
                if (half and doc_half != half) or len(doc.ar) < min_lines or taken == per_source:
                    continue
                taken += 1
                source = f"{set_name}/{doc.name}"
                ar, en, gold = merge_document(doc, shares, random.Random(_seed(seed, source, profile_name)), joiners)
                out.append(MergedDoc(source, profile_name, doc_half, tuple(ar), tuple(en), tuple(gold)))
    return out


def framing_documents() -> list[MergedDoc]:
    """The bundled resolution with each of its first lines (framing, opening) joined to the next paragraph on one
    side only, both directions: one document per joined line and side. Its 42 paragraphs are otherwise 1-1."""
    from align.read.inputs import bundled_pair

    ar_path, en_path = bundled_pair()
    ar = ar_path.read_text(encoding="utf-8").splitlines()
    en = en_path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in range(3):  # the opening, the lead-in "… the text of which is as follows:", the Council's framing
        for side in ("ar", "en"):
            joined = {"ar": list(ar), "en": list(en)}
            joined[side][line:line + 2] = [joined[side][line] + " " + joined[side][line + 1]]
            gold = []
            for k in range(len(ar)):
                if k == line + 1:
                    continue
                here = (k,) if k <= line else (k - 1,)
                both = (k, k + 1) if k == line else (k,)
                gold.append((here, both) if side == "ar" else (both, here))
            out.append(MergedDoc(f"bundled/line-{line + 1}-joined-{side}", "framing", "test", tuple(joined["ar"]),
                                 tuple(joined["en"]), tuple(gold)))
    return out


def evaluate(docs: Iterable[MergedDoc], align: Callable[[list[str], list[str]], list[Bead]]) -> Counts:
    """``align`` on each merged document, scored as the AlignAR bench (strict and lax precision and recall)."""
    counts = Counts()
    for doc in docs:
        started = time.perf_counter()
        predicted = align(list(doc.ar), list(doc.en))
        counts.add(predicted, list(doc.gold), time.perf_counter() - started)
    return counts


def bead_counts(docs: list[MergedDoc]) -> tuple[int, int]:
    """The gold beads of ``docs``, and how many of them are merged (more than one line on a side)."""
    shapes = [(len(a), len(e)) for d in docs for a, e in d.gold]
    return len(shapes), sum(a > 1 or e > 1 for a, e in shapes)


BENCH_PER_SOURCE = 20  # documents of each source in the bench's table (the whole set is for fitting)


def rows(embedder, params, half: str = "test", seed: int = 0, profiles: Iterable[str] = PROFILES,
         peer: bool = True, per_source: int | None = BENCH_PER_SOURCE) -> list[str]:
    """The markdown table of ``make bench``: our aligner (and Bertalign's second pass, on the same embeddings) on
    the first ``per_source`` documents of each source in one half under each profile, and on the framing-line
    documents."""
    from align.pipeline import align_documents

    from . import peers
    from .data import as_document, glossary

    def ours(ar: list[str], en: list[str]) -> list[Bead]:
        rows = align_documents(as_document(ar, "ar"), as_document(en, "en"), embedder, params, glossary())
        return [(p.ar, p.en) for p in rows]

    def bertalign(ar: list[str], en: list[str]) -> list[Bead]:
        longest = peers.MAX_BEAD - 1
        return peers.bertalign_second_pass(*peers._runs(embedder, ar, longest), *peers._runs(embedder, en, longest))

    out = ["| set | documents | beads (merged) | aligner | strict P | strict R | strict F1 | lax F1 |",
           "|---|---|---|---|---|---|---|---|"]
    groups = {f"{p} ({half} half)": merged_documents(seed, (p,), half=half, per_source=per_source) for p in profiles}
    groups["framing lines joined on one side (bundled resolution)"] = framing_documents()
    for name, docs in groups.items():
        beads, merged = bead_counts(docs)
        for label, aligner in (("align", ours), *((("Bertalign 2nd pass", bertalign),) if peer else ())):
            s = evaluate(docs, aligner).scores()
            out.append(f"| {name} | {len(docs)} | {beads} ({merged}) | {label} | {s['strict P']:.3f} | "
                       f"{s['strict R']:.3f} | {s['strict F1']:.3f} | {s['lax F1']:.3f} |")
    return out


def main() -> None:
    from align.alignment.aligner import AlignParams
    from align.embed.backends import get_backend

    from .data import CachingEmbedder

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--half", choices=["tune", "test"], default="test")
    parser.add_argument("--profile", choices=PROFILES, action="append")
    parser.add_argument("--per-source", type=int, default=BENCH_PER_SOURCE, help="documents of each source (0: all)")
    parser.add_argument("--no-peer", action="store_true", help="leave out Bertalign's second pass (it embeds "
                                                               "every run of up to 9 lines: slow)")
    args = parser.parse_args()
    embedder = CachingEmbedder(get_backend("use"))
    for row in rows(embedder, AlignParams(), args.half, args.seed, args.profile or PROFILES, not args.no_peer,
                    args.per_source or None):
        print(row, flush=True)


if __name__ == "__main__":
    main()
