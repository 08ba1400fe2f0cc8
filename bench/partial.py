"""Phrases dropped or added inside a clause: seeded trials on official UN pairs, and the untouched pairs.

Pairs: every line pair of unv1-devset, the UN Charter and the SDG targets whose English has 12+ words. The
documents are split in two halves by a hash of their name: thresholds are chosen on the ``tune`` half and
every figure is read on the ``test`` half.

Trials, one per pair and kind where the pair allows it (seeded):

* ``deleted``: one phrase of 2–12 words removed from one side: in English an "including / in particular /
  such as …" phrase, a relative clause, a comma-list item, an "and / or" conjunct, a prepositional phrase,
  a participial or adjectival modifier; in Arabic «بما في ذلك / لا سيما …», a relative clause
  («الذي / التي …»), a «،»-list item, a «و»-conjunct, a prepositional phrase. Phrases with digits are left
  alone (the number check sees those). The detector must flag the *other* side (which still has it).
* ``added``: a phrase of that kind taken from another pair of the same document, in the same language, put
  in at a phrase boundary. The detector must flag this side, and its span is compared with the phrase.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .data import SHARED, document_half, half_lexicons, load_documents

if TYPE_CHECKING:
    from align.check.lexicon import Lexicon

DEV_SETS = ("unv1-devset", "un-charter", "sdg-targets")
HELDOUT_SETS = ("unv1-testset",)
MIN_ENGLISH_WORDS = 12


@dataclass(frozen=True)
class Pair:
    set: str
    document: str
    resolution: bool  # a resolution or draft resolution paragraph (unv1's docs.tsv kind)
    ar: str
    en: str

    @property
    def half(self) -> str:
        return document_half(self.set, self.document)


@dataclass(frozen=True)
class Trial:
    pair: Pair
    kind: str        # deleted | added
    side: str        # the side that was changed
    ar: str
    en: str
    phrase: str      # the phrase deleted from, or added to, ``side``
    start: int = -1  # for ``added``: the phrase's characters in the changed text
    stop: int = -1

    @property
    def words(self) -> int:
        return len(self.phrase.split())

    @property
    def flagged_side(self) -> str:
        """The side a detector must name: the one that still has the phrase."""
        return self.side if self.kind == "added" else ("en" if self.side == "ar" else "ar")


def load_pairs(sets=DEV_SETS, root=None) -> list[Pair]:
    root = root or (SHARED / "dev" if sets == DEV_SETS else SHARED / "heldout")
    pairs = []
    for name in sets:
        directory = root / name
        kinds = {}
        tsv = directory / "docs.tsv"
        if tsv.exists():
            rows = [r.split("\t") for r in tsv.read_text(encoding="utf-8").splitlines()]
            header = rows[0]
            if "kind" in header:
                kinds = {r[0]: "resolution" in r[header.index("kind")] for r in rows[1:]}
        for doc in load_documents(directory):
            for ar, en in zip(doc.ar, doc.en):
                if len(en.split()) >= MIN_ENGLISH_WORDS and ar.strip():
                    pairs.append(Pair(name, doc.name, kinds.get(doc.name, name == "sdg-targets"), ar, en))
    return pairs


# -- phrases a translator drops ------------------------------------------------------------------

_EN_STOP = r"(?=[,;:.()]|\s(?:and|or|but)\s|$)"
_EN_PREP = r"(?:of|for|in|on|with|to|by|from|at|within|under|through|between|among|against|towards|into)"
_EN_PHRASES = (
    rf",?\s(?:including|in particular|particularly|such as|inter alia|notably|especially|as well as)\s[^,;:.()]+",
    r",?\s(?:which|who|whose|that|where)\s[^,;:.()]+",
    r"(?<=,)\s[^,;:.()]+(?=,)",
    r"\s(?:and|or)\s[^,;:.()]+",
    rf"\s{_EN_PREP}\s(?:the\s|a\s|an\s|its\s|their\s)?[A-Za-z-]+(?:\s(?!{_EN_PREP}\s|and\s|or\s)[A-Za-z-]+){{0,4}}"
    + _EN_STOP,
    r",?\s[a-z]+(?:ed|ing)\s[^,;:.()]+",
    r"\s(?:directly or indirectly|in accordance with [^,;:.()]+|as appropriate|where appropriate|"
    r"inter alia|in all its forms and manifestations|in a timely manner|at all levels)",
)
_AR_WORD = r"[\u0621-\u064a\u064b-\u0652\u0640]+"
_AR_PREP = r"(?:في|من|على|إلى|الى|عن|مع|بين|ضد|لدى|عبر|ضمن|خلال|حول|نحو)"
_AR_PHRASES = (
    r"،?\s(?:بما في ذلك|بما فيها|بما فيه|بما فيهم|ولا سيما|لا سيما|وبخاصة|وخاصة|خاصة|مثل|ومنها)\s[^،؛:.()]+",
    r"\s(?:الذي|التي|الذين|اللذين|اللتين|اللاتي|اللواتي)\s[^،؛:.()]+",
    r"(?<=،)\s[^،؛:.()]+(?=،)",
    rf"\sو{_AR_WORD}(?:\s(?!و){_AR_WORD}){{1,11}}",
    rf"\s{_AR_PREP}\s{_AR_WORD}(?:\s(?!{_AR_PREP}\s|و){_AR_WORD}){{0,4}}",
    rf"\s[بل](?:ال)?{_AR_WORD}(?:\s(?!{_AR_PREP}\s|و){_AR_WORD}){{1,4}}",
    r"\s(?:بصورة مباشرة أو غير مباشرة|بشكل مباشر أو غير مباشر|وفقا لل[^،؛:.()]+|حسب الاقتضاء|"
    r"حسب الاقتضاء|على جميع المستويات|بجميع أشكاله ومظاهره|في الوقت المناسب)",
)
_PATTERNS = {"en": [re.compile(p) for p in _EN_PHRASES], "ar": [re.compile(p) for p in _AR_PHRASES]}


def phrases(text: str, side: str) -> list[tuple[int, int]]:
    """Character spans of droppable phrases of ``text``: 2–12 words, no digit, leaving 6+ words."""
    found = set()
    total = len(text.split())
    for pattern in _PATTERNS[side]:
        for match in pattern.finditer(text):
            start, stop = match.span()
            piece = text[start:stop]
            words = len(piece.split())
            if 2 <= words <= 12 and total - words >= 6 and not re.search(r"[0-9\u0660-\u0669]", piece):
                found.add((start, stop))
    return sorted(found)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,،;؛.:)])", r"\1", text)
    text = re.sub(r"([,،])\s*([,،])", r"\1", text)
    return " ".join(text.split())


def make_trials(pairs: list[Pair], seed: int = 13) -> list[Trial]:
    rng = random.Random(seed)
    by_doc: dict[tuple[str, str], list[Pair]] = {}
    for p in pairs:
        by_doc.setdefault((p.set, p.document), []).append(p)
    trials = []
    for pair in pairs:
        for side in ("en", "ar"):
            text = getattr(pair, side)
            spans = phrases(text, side)
            if spans:
                start, stop = rng.choice(spans)
                changed = _tidy(text[:start] + " " + text[stop:])
                phrase = text[start:stop].strip(" ,،")
                trials.append(Trial(pair, "deleted", side, *_with(pair, side, changed), phrase))
            donors = [p for p in by_doc[(pair.set, pair.document)] if p is not pair] or pairs
            donor = rng.choice(donors)
            donor_text = getattr(donor, side)
            donor_spans = phrases(donor_text, side)
            slots = [m.start() for m in re.finditer(r"[,،;؛](?=\s)|\s(?=(?:and|or|و\S)\s?)", text)] or [len(text.rstrip(" .;:؛"))]
            if donor_spans:
                start, stop = rng.choice(donor_spans)
                phrase = " ".join(donor_text[start:stop].strip(" ,،").split())
                slot = rng.choice(slots)
                glue = "، " if side == "ar" else ", "
                before = text[:slot].rstrip()
                changed = before + glue + phrase + text[slot:]
                trials.append(Trial(pair, "added", side, *_with(pair, side, changed), phrase,
                                    len(before) + len(glue), len(before) + len(glue) + len(phrase)))
    return trials


def _with(pair: Pair, side: str, changed: str) -> tuple[str, str]:
    """The pair's (Arabic, English) with ``side`` replaced by ``changed``."""
    return (changed, pair.en) if side == "ar" else (pair.ar, changed)


# -- the benchmark ---------------------------------------------------------------------------------

RATES = (1, 3, 5)  # false flags per 100 untouched pairs at which recall is read
BUCKETS = (("2–3 words", 2, 3), ("4–6 words", 4, 6), ("7–12 words", 7, 12), ("4+ words", 4, 12))


@dataclass(frozen=True)
class Scored:
    rise: float
    side: str | None
    start: int
    stop: int


def allowances(sets, root, embedder) -> dict[tuple[str, str], float]:
    """For each document, how much more rise the check asks of its pairs than the calibrated threshold
    (:func:`align.check.partial.document_threshold` at a threshold of 0): from the median similarity of its line
    pairs, as the tool reads its 1-1 pairs with ``--segmented``."""
    import numpy as np

    from align.check.registry import CheckConfig
    from align.check.partial import document_threshold, typical_similarity

    config = CheckConfig()
    out = {}
    for name in sets:
        for doc in load_documents(root / name):
            lines = [(a, e) for a, e in zip(doc.ar, doc.en) if a.strip() and e.strip()]
            typical = None
            if lines:
                ar, en = embedder.embed([a for a, _ in lines]), embedder.embed([e for _, e in lines])
                typical = typical_similarity(np.sum(ar * en, axis=1))
            out[(name, doc.name)] = document_threshold(0.0, typical, config.partial_omission_reference,
                                                       config.partial_omission_freedom)
    return out


def score(pairs_or_trials, embedder, allowance: dict[tuple[str, str], float],
          lexicon_of: Callable[[Pair], "Lexicon"]) -> tuple[list[Scored], float]:
    """The detector's best phrase for each item, its evidence less its document's allowance (what the
    threshold is compared with), and the seconds per item."""
    import time

    from align.check.registry import CheckConfig
    from align.check.partial import most_unrendered

    weight = CheckConfig().partial_omission_word_weight
    started = time.perf_counter()
    out = []
    for item in pairs_or_trials:
        pair = item.pair if isinstance(item, Trial) else item
        found = most_unrendered(item.ar, item.en, embedder, lexicon_of(pair), weight)
        out.append(Scored(-1.0, None, -1, -1) if found is None else
                   Scored(found.evidence - allowance.get((pair.set, pair.document), 0.0), found.side, found.start,
                          found.stop))
    return out, (time.perf_counter() - started) / max(len(out), 1)


def _caught(trial: Trial, s: Scored, threshold: float) -> bool:
    return s.rise >= threshold and s.side == trial.flagged_side


def _recall(rows, threshold: float, keep) -> tuple[float, int]:
    chosen = [(t, s) for t, s in rows if keep(t)]
    return (sum(_caught(t, s, threshold) for t, s in chosen) / len(chosen) if chosen else float("nan")), len(chosen)


def _sample(trials: list[Trial], per_kind: int, seed: int) -> list[Trial]:
    rng = random.Random(seed)
    groups: dict[tuple[str, str], list[Trial]] = {}
    for t in trials:
        groups.setdefault((t.kind, t.side), []).append(t)
    chosen = []
    for key in sorted(groups):
        group = groups[key]
        rng.shuffle(group)
        chosen += group[:per_kind]
    return chosen


def tables(embedder, per_kind: int = 400, seed: int = 13) -> list[str]:
    """docs/benchmarks.md rows: dev recall at 1 / 3 / 5 flags per 100 untouched pairs (thresholds from the tune half, read
    on the test half), at the shipped thresholds, and the held-out figures at the shipped thresholds."""
    import numpy as np

    from align.check.registry import CheckConfig

    shipped = {"default": CheckConfig().partial_omission_rise, "strict": CheckConfig().partial_omission_strict_rise}
    lines = ["| split | threshold | flags per 100 untouched (test half) | all trials | 2–3 words | 4–6 words | "
             "7–12 words | 4+ words | 4+ words, resolution paragraphs | 4+ words, deleted | side named right | "
             "span overlaps the added phrase |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for split, sets in (("dev", DEV_SETS), ("heldout", HELDOUT_SETS)):
        root = SHARED / split
        if not all((root / name).is_dir() for name in sets):
            continue
        pairs = load_pairs(sets, root)
        trials = make_trials(pairs, seed)
        allowance = allowances(sets, root, embedder)
        if split == "dev":
            lexicons = half_lexicons()
            lexicon_of = lambda pair: lexicons[pair.half]  # noqa: E731
            tune = [p for p in pairs if p.half == "tune"]
            test = [p for p in pairs if p.half == "test"]
            tune_scores, _ = score(tune, embedder, allowance, lexicon_of)
            rises = np.array([s.rise for s in tune_scores])
            thresholds = [(f"{rate} per 100 on the tune half ({np.quantile(rises, 1 - rate / 100):.3f})",
                           float(np.quantile(rises, 1 - rate / 100))) for rate in RATES]
        else:
            bundled = CheckConfig().lexicon()
            lexicon_of = lambda pair: bundled  # noqa: E731
            test = pairs
            thresholds = []
        thresholds += [(f"shipped {name} ({value:.3f})", value) for name, value in shipped.items()]
        test_scores, per_pair = score(test, embedder, allowance, lexicon_of)
        chosen = _sample([t for t in trials if t.pair.half == "test" or split != "dev"], per_kind, seed)
        trial_scores, _ = score(chosen, embedder, allowance, lexicon_of)
        rows = list(zip(chosen, trial_scores))
        untouched = np.array([s.rise for s in test_scores])
        for label, threshold in thresholds:
            flagged = [(t, s) for t, s in rows if s.rise >= threshold]
            right = sum(s.side == t.flagged_side for t, s in flagged) / max(len(flagged), 1)
            added = [(t, s) for t, s in rows if t.kind == "added" and _caught(t, s, threshold)]
            overlap = sum(s.start < t.stop and t.start < s.stop for t, s in added) / max(len(added), 1)
            cells = [_recall(rows, threshold, lambda t: True)[0]]
            cells += [_recall(rows, threshold, lambda t, lo=lo, hi=hi: lo <= t.words <= hi)[0] for _, lo, hi in BUCKETS]
            cells += [_recall(rows, threshold, lambda t: t.words >= 4 and t.pair.resolution)[0],
                      _recall(rows, threshold, lambda t: t.words >= 4 and t.kind == "deleted")[0]]
            lines.append(f"| {split} | {label} | {100 * float(np.mean(untouched >= threshold)):.2f} | "
                         + " | ".join(f"{c:.3f}" for c in cells) + f" | {right:.3f} | {overlap:.3f} |")
        notes.append(f"- {split} ({', '.join(sets)}): {len(test)} untouched pairs with 12+ English words"
                     f"{' (test half)' if split == 'dev' else ''}, {len(rows)} trials ({per_kind} per kind and "
                     f"side: deleted from / added to the Arabic / the English); {1000 * per_pair:.0f} ms per pair "
                     f"on top of the check.")
    return lines + [""] + notes
