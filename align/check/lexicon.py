"""A word-translation table: which words of a clause have a counterpart in the other side's clause.

Learned by IBM model 1 (expectation maximisation over word co-occurrence, both directions) from parallel
official UN text (``scripts/build_lexicon.py``; the bundled table is ``align/data/lexicon.tsv``). Words are matched
as light stems: Arabic normalised (:func:`align.text.normalize.normalize`) without its common clitics («وال»,
«بال», «لل», «ال», «و»…) and endings («ات», «ون», «ها»…), English lower-cased without "-s", "-ing", "-ed",
"-ly". Function words and words the table does not know say nothing.

The partial-omission check (:mod:`align.check.partial`) counts, in a phrase one side has, the words the table
knows but finds no counterpart for in the other side: a phrase left out of the translation has several.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from align.check.markers import arabic_skeleton, latin_skeleton
from align.errors import InputError
from align.files import data_path, write_atomically
from align.text.normalize import normalize

LEXICON_FORMAT = "lexicon-1"   # the stems and the file layout; a change to either needs a new table
MATCHING_VERSION = "match-4"   # how a word finds its counterpart (:meth:`Lexicon.unmatched`): part of the name
                               # of partial-omission's cached results, so a change must name a new version
MIN_PROBABILITY = 0.1          # a translation probability, in either direction, that makes two stems counterparts
KNOWN_PROBABILITY = 0.05       # a stem with a non-empty translation this likely is one the table knows
ITERATIONS = 6

_AR_LETTERS = re.compile(r"[\u0621-\u064a]+")
_EN_LETTERS = re.compile(r"[a-z]+")
_AR_PREFIXES = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "نا", "ه", "ي")
_EN_SUFFIXES = ("ies", "es", "s", "ing", "ed", "ly")
_FUNCTION_WORDS = frozenset(
    "the of and to in a an for on by with as at from or be is are was were that this which its their it has have "
    "had been not all any other such these those shall will may should would can also who whose whom into under "
    "within between through upon than "
    # Arabic, as normalised and stemmed
    "في من على الى عن مع او ان التي الذي الذين هذا هذه ذلك تلك كل بين عند لدى حتى ثم قد لا ما كما وفي ومن وعلى "
    "والى اي له لها لهم به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم اليه اليها هو هي هم انه انها "
    "والتي والذي".split())


class LexiconError(InputError):
    """A lexicon file that cannot be read."""


def _arabic_stem(word: str) -> str:
    if word in _FUNCTION_WORDS:
        return word
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def _english_stem(word: str) -> str:
    for suffix in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def stems(text: str, side: str) -> list[tuple[int, str]]:
    """The stems of ``text`` (``side`` "ar" or "en"), each with the character offset of the space-separated
    word it comes from (a word such as "non-governmental" gives several)."""
    out = []
    for match in re.finditer(r"\S+", text):
        if side == "ar":
            out += [(match.start(), _arabic_stem(a)) for a in _AR_LETTERS.findall(normalize(match.group()))]
        else:
            out += [(match.start(), _english_stem(a)) for a in _EN_LETTERS.findall(match.group().lower())]
    return out


@dataclass(frozen=True)
class Lexicon:
    """For each stem the table knows, per side, the stems of the other side that translate it."""

    counterparts: dict[tuple[str, str], frozenset[str]]
    name: str  # what it was learned from and a digest of its content: part of the report signature

    def unmatched(self, side: str, text: str, word_starts: Sequence[int], other_text: str) -> np.ndarray:
        """For each word of ``text`` (given by its character start, as :func:`align.embed.backends.embedding_words`
        splits it): 1.0 when the table knows one of its stems and none has a counterpart in ``other_text``,
        0.0 when one has, NaN when the table knows none (a function word, a number, a word it never saw)."""
        other_side = "en" if side == "ar" else "ar"
        present = stems(other_text, other_side)
        translations = {stem for _, stem in present}
        forms = _ArabicForms(translations) if other_side == "ar" else None
        names = _name_skeletons(other_text, present, other_side)
        index = {start: k for k, start in enumerate(word_starts)}
        out = np.full(len(word_starts), np.nan)
        for start, stem in stems(text, side):
            k = index.get(start)
            known = self.counterparts.get((side, stem))
            if k is None or known is None or stem in _FUNCTION_WORDS or len(stem) < 3:
                continue
            matched = not known.isdisjoint(translations) or (forms is not None and forms.hold_a_form_of(known)) \
                or _skeleton(text, start, stem, side) in names
            out[k] = 0.0 if matched or out[k] == 0.0 else 1.0
        return out

    @classmethod
    def train(cls, pairs: Iterable[tuple[str, str]], name: str, iterations: int = ITERATIONS) -> "Lexicon":
        """IBM model 1 in both directions over (Arabic, English) ``pairs``: two stems are counterparts when
        either direction gives the translation a probability of ``MIN_PROBABILITY`` or more."""
        vocabulary: dict[str, dict[str, int]] = {"ar": {}, "en": {}}
        sentences = []
        for ar, en in pairs:
            ids = {side: np.array([vocabulary[side].setdefault(s, len(vocabulary[side])) for _, s in stems(text, side)],
                                  dtype=np.int64) for side, text in (("ar", ar), ("en", en))}
            if len(ids["ar"]) and len(ids["en"]):
                sentences.append(ids)
        words = {side: np.array(list(vocabulary[side]), dtype=object) for side in vocabulary}
        counterparts: dict[tuple[str, str], set[str]] = {}
        for source, target in (("ar", "en"), ("en", "ar")):
            source_ids, target_ids, probability = _model_one([s[source] for s in sentences],
                                                             [s[target] for s in sentences],
                                                             len(vocabulary[target]), iterations)
            known = probability > KNOWN_PROBABILITY
            for s in np.unique(source_ids[known]):
                counterparts.setdefault((source, words[source][s]), set())
            strong = probability >= MIN_PROBABILITY
            for s, t in zip(source_ids[strong], target_ids[strong]):
                counterparts.setdefault((source, words[source][s]), set()).add(words[target][t])
                counterparts.setdefault((target, words[target][t]), set()).add(words[source][s])
        return cls._named({key: frozenset(value) for key, value in counterparts.items()}, name)

    @classmethod
    def _named(cls, counterparts: dict[tuple[str, str], frozenset[str]], source: str,
               body: str | None = None) -> "Lexicon":
        """The table named after its ``source`` and a digest of its lines (``body``: as the file holds them)."""
        digest = hashlib.sha256((_lines(counterparts) if body is None else body).encode("utf-8")).hexdigest()[:8]
        return cls(counterparts, f"{source}:{digest}")

    def save(self, path: str | Path) -> None:
        """Write the table (one line per known stem: side, stem, counterparts separated by spaces), atomically."""
        source = self.name.rsplit(":", 1)[0]
        write_atomically(path, f"# {LEXICON_FORMAT}\t{source}\n" + _lines(self.counterparts))

    @classmethod
    def load(cls, path: str | Path) -> "Lexicon":
        """The table in ``path`` (:class:`LexiconError` when it cannot be read or is not one); read once per
        version of the file."""
        try:
            status = Path(path).stat()
        except OSError as error:
            raise LexiconError(f"cannot read the lexicon {path}: {error.strerror}") from error
        return _load(str(Path(path).resolve()), status.st_mtime_ns, status.st_size, str(path))


FORM_LETTERS = 10  # longer "stems" are words run together by lost spaces: only matched whole


class _ArabicForms:
    """The Arabic stems of a clause, indexed so that whether one is a derived form of a counterpart takes one
    lookup per subsequence of the counterpart. Two stems are forms of one word when they share their letters
    in order: all of the shorter's when it has 3 or 4 letters, all but one from 5 (light stemming leaves
    derived forms apart: «تحذير» warning / «حذر» warned, «خطر» / «خطورة», «تصعيد» / «تصاعد»)."""

    def __init__(self, present: set[str]) -> None:
        self.shortest: dict[str, int] = {}  # every 3+ letter subsequence of a stem: the shortest stem holding it
        for stem in present:
            for part in _subsequences(stem):
                if len(stem) < self.shortest.get(part, FORM_LETTERS + 1):
                    self.shortest[part] = len(stem)

    def hold_a_form_of(self, counterparts: frozenset[str]) -> bool:
        return any(self._holds(c) for c in counterparts)

    def _holds(self, counterpart: str) -> bool:
        # a shared subsequence is enough when it is long enough for the shorter of the two stems; the shortest
        # stem holding it is the one that asks least
        for part in _subsequences(counterpart):
            held = self.shortest.get(part)
            if held is not None:
                shorter = min(len(counterpart), held)
                if len(part) >= (shorter if shorter < 5 else shorter - 1):
                    return True
        return False


@lru_cache(maxsize=65536)
def _subsequences(stem: str) -> frozenset[str]:
    """Every subsequence of 3 or more letters of ``stem`` (none for a stem over ``FORM_LETTERS`` letters)."""
    if len(stem) > FORM_LETTERS:
        return frozenset()
    return frozenset("".join(stem[k] for k in kept) for size in range(3, len(stem) + 1)
                     for kept in combinations(range(len(stem)), size))


NAME_CONSONANTS = 2  # a name written in the other side's letters: its consonant classes, at least this many


def _skeleton(text: str, start: int, stem: str, side: str) -> str | None:
    """The consonant classes of a word as a name: an Arabic stem, or a capitalised English word."""
    if side == "ar":
        return arabic_skeleton(stem)
    return latin_skeleton(stem) if text[start:start + 1].isupper() else None


def _name_skeletons(text: str, found: list[tuple[int, str]], side: str) -> set[str]:
    """The consonant classes of the words of ``text`` that can be a name another language spells letter for
    letter (every Arabic stem; a capitalised English word): «بيت مال القدس» / "Bayt Mal Al-Quds"."""
    out = {_skeleton(text, start, stem, side) for start, stem in found}
    return {s for s in out if s is not None and len(s) >= NAME_CONSONANTS}


def _lines(counterparts: dict[tuple[str, str], frozenset[str]]) -> str:
    return "".join(f"{side}\t{stem}\t{' '.join(sorted(others))}\n"
                   for (side, stem), others in sorted(counterparts.items()))


@lru_cache(maxsize=8)
def _load(path: str, modified: int, size: int, shown: str) -> Lexicon:
    """:meth:`Lexicon.load` of a version (``modified``, ``size``) of the file; ``shown``: the path as given."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"cannot read the lexicon {shown}: {getattr(error, 'strerror', None) or error}") from error
    header, _, body = text.partition("\n")
    if not header.startswith(f"# {LEXICON_FORMAT}\t"):
        raise LexiconError(f"{shown} is not a {LEXICON_FORMAT} lexicon (first line '# {LEXICON_FORMAT}<tab>source')")
    counterparts = {}
    for number, line in enumerate(body.splitlines(), start=2):
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in ("ar", "en"):
            raise LexiconError(f"{shown}, line {number}: expected side<tab>stem<tab>counterparts")
        counterparts[(fields[0], fields[1])] = frozenset(fields[2].split())
    return Lexicon._named(counterparts, header.split("\t", 1)[1], body)


MIN_PAIRS = 100  # fewer line pairs teach a table nothing it can be trusted with


def learn_lexicon(arabic: str | Path, english: str | Path, name: str | None = None) -> Lexicon:
    """A table learned from two line-aligned UTF-8 files (line i of one translates line i of the other; blank
    lines on either side are skipped), named ``name`` or after the files."""
    texts = []
    for path in (Path(arabic), Path(english)):
        try:
            texts.append(path.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from error
    ar, en = texts
    if len(ar) != len(en):
        raise InputError(f"{arabic} has {len(ar)} lines and {english} {len(en)}: a lexicon is learned from "
                         f"line-aligned text (line i of one translates line i of the other)")
    pairs = [(a, e) for a, e in zip(ar, en) if a.strip() and e.strip()]
    if len(pairs) < MIN_PAIRS:
        raise InputError(f"{len(pairs)} line pairs: a lexicon needs at least {MIN_PAIRS}")
    return Lexicon.train(pairs, name or f"{Path(arabic).name}+{Path(english).name}")


def bundled_lexicon_path() -> Path:
    """The word-translation table shipped with the tool (``align/data/lexicon.tsv``)."""
    return data_path("lexicon.tsv")


def _model_one(sources: list[np.ndarray], targets: list[np.ndarray], target_vocabulary: int,
               iterations: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """IBM model 1: t(source stem | target stem) by EM, with an empty target word in every sentence. Returns
    the (source, target) stem pairs that co-occur (the empty word left out) and their probabilities."""
    empty = target_vocabulary
    width = target_vocabulary + 1
    keys = [s[:, None] * width + np.append(t, empty)[None, :] for s, t in zip(sources, targets)]
    distinct = np.unique(np.concatenate([k.ravel() for k in keys])) if keys else np.zeros(0, dtype=np.int64)
    positions = [np.searchsorted(distinct, k) for k in keys]
    target_of = distinct % width
    probability = np.ones(len(distinct))
    for _ in range(iterations):
        counts = np.zeros(len(distinct))
        for p in positions:
            share = probability[p]
            np.add.at(counts, p.ravel(), (share / share.sum(axis=1, keepdims=True)).ravel())
        totals = np.bincount(target_of, weights=counts, minlength=width)
        probability = counts / totals[target_of]
    real = target_of != empty
    return distinct[real] // width, target_of[real], probability[real]
