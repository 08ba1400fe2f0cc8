"""Phrases one side of a pair has and the other may not render (a phrase dropped or added inside a clause).

Two kinds of evidence, for every phrase of 2–12 consecutive words of one side:

* phrase ablation: how much the pair's similarity rises when that phrase is taken out. A phrase the other
  side renders carries shared meaning, so taking it out lowers the similarity; a phrase the other side lacks
  is noise to the comparison, so taking it out raises it;
* the words of the phrase that a word-translation table (:mod:`align.check.lexicon`) knows but finds no
  counterpart for in the other side: each adds ``word_weight`` to the rise, up to ``UNMATCHED_CAP`` words.

The phrase with the most evidence, on either side, is the candidate; it is reported when its evidence passes
a threshold calibrated on untouched official UN pairs (``bench.partial``).

The texts without each phrase are embedded from the pair's own token features in one forward pass per side
(:meth:`align.embed.use_runs.UseForward.ablations`), which only USE offers: with another backend nothing is tried
(:func:`can_ablate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from align.check.lexicon import MATCHING_VERSION
from align.embed.backends import embed_ablations, embedding_words
from align.text.stats import median_of_enough

if TYPE_CHECKING:
    from align.check.lexicon import Lexicon
    from align.embed.backends import Embedder

MIN_WORDS, MAX_WORDS = 2, 12  # the phrases tried
MIN_LEFT = 3                  # words a side keeps without the phrase
UNMATCHED_CAP = 4             # words without a counterpart that count as evidence, at most (a long phrase of
                              # unknown vocabulary is no surer than one of four)

LEVELS = ("default", "strict", "off")  # CheckConfig.partial_omission: about 1 and 3 flags per 100 official pairs


@dataclass(frozen=True)
class UnrenderedPhrase:
    """A phrase of ``side`` whose removal makes the pair more similar."""

    side: str        # "ar" or "en": the side that has the phrase
    start: int       # characters of the phrase in that side's text
    stop: int
    text: str
    similarity: float  # of the pair as it is
    without: float     # of the pair without the phrase
    rise: float        # how much the best phrase's removal raises the similarity
    unmatched: int     # words of the phrase shown that the lexicon finds no counterpart for in the other side
    evidence: float    # the best phrase's rise + word_weight * its unmatched words (at most UNMATCHED_CAP):
                       # what the threshold is calibrated on
    # (the phrase shown may be the best phrase snapped to its commas, which explains a little less of it)


# names the cached results (align.embed.cache.CachedEmbedder.remembered), with the lexicon, its matching version and
# the word weight: a change to the phrases tried or to their evidence must name a new kind
RESULT_KIND = "partial-omission-v3"
_SIDES = ("ar", "en")


def most_unrendered(ar_text: str, en_text: str, embedder: "Embedder", lexicon: "Lexicon | None" = None,
                    word_weight: float = 0.0) -> UnrenderedPhrase | None:
    """The phrase of either side with the most evidence of being unrendered (None if no side has a phrase
    to try, or the backend cannot ablate). Without a ``lexicon`` (or with no ``word_weight``) the evidence
    is the ablation rise alone.

    An embedder that remembers derived values (:meth:`align.embed.cache.CachedEmbedder.remembered`) keeps the
    result, so a second check of the same pair ablates nothing; the scores are float32 either way."""
    remembered = getattr(embedder, "remembered", None)
    if lexicon is None:
        word_weight = 0.0

    def compute() -> np.ndarray:
        return _packed(_search(ar_text, en_text, embedder, lexicon, word_weight))

    kind = f"{RESULT_KIND}:{f'{lexicon.name}:{MATCHING_VERSION}' if word_weight else '-'}:{word_weight:g}"
    packed = compute() if remembered is None else remembered(kind, (ar_text, en_text), compute)
    return _unpacked(packed, ar_text, en_text)


_PACKED_FIELDS = 8


def _packed(found: UnrenderedPhrase | None) -> np.ndarray:
    """``found`` as float32 numbers (side, start, stop, similarity, without, rise, unmatched, evidence); side
    -1 for None."""
    if found is None:
        return np.array([-1] + [0] * (_PACKED_FIELDS - 1), dtype=np.float32)
    return np.array([_SIDES.index(found.side), found.start, found.stop, found.similarity, found.without,
                     found.rise, found.unmatched, found.evidence], dtype=np.float32)


def _unpacked(packed: np.ndarray, ar_text: str, en_text: str) -> UnrenderedPhrase | None:
    if len(packed) != _PACKED_FIELDS or int(packed[0]) not in (0, 1):
        return None
    side = _SIDES[int(packed[0])]
    start, stop = int(packed[1]), int(packed[2])
    text = ar_text if side == "ar" else en_text
    return UnrenderedPhrase(side, start, stop, text[start:stop], float(packed[3]), float(packed[4]),
                            float(packed[5]), int(packed[6]), float(packed[7]))


def _search(ar_text: str, en_text: str, embedder: "Embedder", lexicon: "Lexicon | None",
            word_weight: float) -> UnrenderedPhrase | None:
    """:func:`most_unrendered` computed: each side's own embedding comes from the same pass as its ablations
    (the empty span)."""
    sides = {}
    for side, text in (("ar", ar_text), ("en", en_text)):
        words = embedding_words(text)
        spans = [(i, j) for i in range(len(words))
                 for j in range(i + MIN_WORDS, min(i + MAX_WORDS, len(words)) + 1) if len(words) - (j - i) >= MIN_LEFT]
        vectors = embed_ablations(embedder, [w for _, _, w in words], [(0, 0), *spans])
        if vectors is None:
            return None
        sides[side] = (text, words, spans, vectors[0], vectors[1:])
    similarity = float(sides["ar"][3] @ sides["en"][3])
    best: UnrenderedPhrase | None = None
    for side, other in (("ar", "en"), ("en", "ar")):
        text, words, spans, _, without = sides[side]
        if not spans:
            continue
        rises = without @ sides[other][3] - similarity
        unmatched = _unmatched_in_spans(lexicon, side, text, words, sides[other][0], spans) if word_weight \
            else np.zeros(len(spans))
        evidence = rises + word_weight * np.minimum(unmatched, UNMATCHED_CAP)
        top = int(np.argmax(evidence))
        if best is None or evidence[top] > best.evidence:
            i, j = spans[_snapped(spans, evidence, [w for _, _, w in words], top)]
            start, stop = _trimmed(text, words[i][0], words[j - 1][1])
            shown = spans.index((i, j))
            best = UnrenderedPhrase(side, start, stop, text[start:stop], similarity,
                                    similarity + float(rises[shown]), float(rises[top]), int(unmatched[shown]),
                                    float(evidence[top]))
    return best


def _unmatched_in_spans(lexicon: "Lexicon", side: str, text: str, words: list[tuple[int, int, str]],
                        other_text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """For each span of ``words``, how many of its words the lexicon finds no counterpart for in ``other_text``."""
    per_word = np.nan_to_num(lexicon.unmatched(side, text, [start for start, _, _ in words], other_text))
    prefix = np.concatenate([[0.0], np.cumsum(per_word)])
    starts, stops = np.array([i for i, _ in spans]), np.array([j for _, j in spans])
    return prefix[stops] - prefix[starts]


def can_ablate(embedder: "Embedder") -> bool:
    """Whether ``embedder`` embeds phrase ablations from token features (USE with the sentencepiece library).
    A backend that states it (``ablates``) is asked without loading its model, so a run whose results are all
    cached loads none."""
    stated = getattr(embedder, "ablates", None)
    if stated is not None:
        return bool(stated)
    return embed_ablations(embedder, ["one", "two", "three"], [(0, 1)]) is not None


TYPICAL_MIN_PAIRS = 6  # a document with fewer 1-1 pairs has no typical similarity: the threshold is as calibrated


def typical_similarity(scores) -> float | None:
    """The median similarity of a document's 1-1 pairs (None with fewer than ``TYPICAL_MIN_PAIRS``)."""
    return median_of_enough([float(s) for s in scores], TYPICAL_MIN_PAIRS)


def document_threshold(threshold: float, typical: float | None, reference: float, freedom: float) -> float:
    """The rise a phrase needs in a document whose 1-1 pairs typically read ``typical``: ``threshold`` at
    ``reference``, ``freedom`` more per unit the document reads less alike. In a freely translated document
    taking out any phrase raises a pair's similarity more: on untouched dev pairs the rise 99 pairs in 100
    stay under is 0.075 in UN documents whose pairs typically read 0.85 or more, 0.12 at 0.75–0.80, 0.13 in
    news at 0.65–0.70 and 0.15 below that, so one threshold flagged 0.3 faithful UN pairs in 100 and 3.3 news
    pairs. The threshold is calibrated (bench.partial) on the rises so adjusted."""
    return threshold if typical is None else threshold + freedom * (reference - typical)


def unrendered_phrase(ar_text: str, en_text: str, embedder: "Embedder", threshold: float,
                      lexicon: "Lexicon | None" = None, word_weight: float = 0.0) -> UnrenderedPhrase | None:
    """:func:`most_unrendered` when its evidence reaches ``threshold``, else None."""
    found = most_unrendered(ar_text, en_text, embedder, lexicon, word_weight)
    return found if found is not None and found.evidence >= threshold else None


SNAP_TOLERANCE = 0.02  # a span trimmed to its punctuation may explain this much less of the rise
_PAUSE = tuple(",;:،؛")


def _snapped(spans: list[tuple[int, int]], rises: np.ndarray, words: list[str], best: int) -> int:
    """The best span, or the part of it between its commas (or semicolons, colons) when that part explains
    the rise almost as well: "session, in close consultation with ..., a report" is "in close consultation
    with ..."."""
    i, j = spans[best]
    pauses = [k + 1 for k in range(i, j - 1) if words[k].endswith(_PAUSE)]  # word indices after a pause
    if not pauses:
        return best
    index = {span: n for n, span in enumerate(spans)}
    tries = [(a, b) for a in [i, *pauses] for b in [*pauses, j] if (a, b) in index and (a, b) != (i, j)]
    good = [index[t] for t in tries if rises[index[t]] >= rises[best] - SNAP_TOLERANCE]
    return min(good, key=lambda n: (spans[n][1] - spans[n][0], -rises[n])) if good else best


_EDGE = " \t,;:.،؛()[]«»\"'“”"


def _trimmed(text: str, start: int, stop: int) -> tuple[int, int]:
    """The span without the punctuation and brackets at its ends (a phrase is quoted without them)."""
    while start < stop and text[start] in _EDGE:
        start += 1
    while stop > start and text[stop - 1] in _EDGE:
        stop -= 1
    return start, stop
