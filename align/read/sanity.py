"""Is this pair what it claims to be? Scripts and languages of each side, and unrelated documents.

:func:`check_languages` tells from letters and function words whether the Arabic side is Arabic and
the English side English, or the two were given the other way round, or one is something else.
:func:`unrelated_score` and :func:`are_unrelated` decide from clause similarities that two documents
are not translations of each other (see :func:`unrelated_score` for the calibration on the dev data).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import numpy as np

from align.text.normalize import normalize
from align.text.stats import median

Status = Literal["ok", "swapped", "both-english", "both-arabic", "neither"]
Language = Literal["ar", "en", "latin", "persian", "other", "none"]

_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9"
                            "\ufb50-\ufdfb\ufe70-\ufefc]")
# Letters of Persian and Urdu that Arabic does not use (peh, tcheh, jeh, gaf, keheh, farsi yeh, yeh barree...).
_PERSIAN_LETTER = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u06c1\u06ba\u06c0\u06be]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+")
_ENGLISH_FUNCTION = frozenset(
    "the of and to in a an is are was were be been that this these those for on with as by at from "
    "its it their which who all or not has have had will shall should would may can".split())
_ARABIC_FUNCTION = frozenset(normalize(w) for w in
                             "في على إلى الى عن التي الذي الذين هذه هذا ذلك تلك مع بين كما وفي وعلى وإلى "
                             "أو لا قد ومن من".split())
# Below these shares of function words, a long Latin text is not English, a long Arabic-script text
# not Arabic. On ../shared/data/dev the English of every document of 30+ words has a share of at least
# 0.14 (unv1-devset; 0.21 in ntrex128), while French, Spanish and German samples score 0-0.034.
ENGLISH_FUNCTION_SHARE = 0.08
ARABIC_FUNCTION_SHARE = 0.02
PERSIAN_LETTER_SHARE = 0.03
MIN_WORDS = 30  # fewer words than this: judge by script alone
SAMPLE_CHARS = 60_000  # from the start, middle and end of a long text


@dataclass(frozen=True)
class ScriptProfile:
    """Letter counts of one text, by script, and its function-word shares."""

    arabic: int
    latin: int
    other: int
    persian: int  # Arabic-script letters used by Persian or Urdu but not by Arabic
    words: int
    english_share: float
    arabic_share: float
    main_other_script: str | None  # e.g. "CYRILLIC", when other letters exist

    @property
    def letters(self) -> int:
        return self.arabic + self.latin + self.other

    @property
    def language(self) -> Language:
        """ar, en, latin (not English), persian (Arabic script, not Arabic), other or none."""
        if self.letters == 0:
            return "none"
        if self.arabic >= max(self.latin, self.other):
            if (self.words >= MIN_WORDS and self.persian > PERSIAN_LETTER_SHARE * self.arabic
                    and self.arabic_share < ARABIC_FUNCTION_SHARE):
                return "persian"
            return "ar"
        if self.latin >= self.other:
            if self.words >= MIN_WORDS and self.english_share < ENGLISH_FUNCTION_SHARE:
                return "latin"
            return "en"
        return "other"

    def describe(self) -> str:
        """What the text is, for a message: 'no letters', 'mostly Cyrillic letters', ..."""
        language = self.language
        if language == "none":
            return "no letters"
        if language == "latin":
            return "Latin letters, but not English"
        if language == "persian":
            return "Arabic script, but Persian or Urdu rather than Arabic"
        if language == "other":
            return f"mostly {(self.main_other_script or 'other').title()} letters"
        return {"ar": "Arabic", "en": "English"}[language]


def _sample(text: str) -> str:
    if len(text) <= 3 * SAMPLE_CHARS:
        return text
    middle = len(text) // 2 - SAMPLE_CHARS // 2
    return text[:SAMPLE_CHARS] + "\n" + text[middle:middle + SAMPLE_CHARS] + "\n" + text[-SAMPLE_CHARS:]


def script_profile(text: str) -> ScriptProfile:
    """Count the letters of each script in ``text`` (a sample of it when it is long)."""
    text = _sample(text)
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    letters = len(_LETTER.findall(text))
    other = max(letters - arabic - latin, 0)
    main_other = None
    if other:
        scripts = Counter(unicodedata.name(ch, "OTHER ").split(" ")[0] for ch in _LETTER.findall(text)
                          if not _ARABIC_LETTER.match(ch) and not _LATIN_LETTER.match(ch))
        main_other = scripts.most_common(1)[0][0] if scripts else None
    latin_words = [w.lower() for w in _LATIN_WORD.findall(text)]
    arabic_words = [normalize(w) for w in _ARABIC_WORD.findall(text)] if arabic else []
    words = max(len(latin_words), len(arabic_words))
    english = sum(w in _ENGLISH_FUNCTION for w in latin_words) / len(latin_words) if latin_words else 0.0
    arabic_share = sum(w in _ARABIC_FUNCTION for w in arabic_words) / len(arabic_words) if arabic_words else 0.0
    return ScriptProfile(arabic, latin, other, len(_PERSIAN_LETTER.findall(text)), words, english,
                         arabic_share, main_other)


@dataclass(frozen=True)
class LanguageVerdict:
    """Whether the Arabic side is Arabic and the English side English."""

    status: Status
    ar: ScriptProfile
    en: ScriptProfile

    def message(self, ar_name: str, en_name: str, swap: bool = True) -> str:
        """One line for the user (a warning when swapped and ``swap``, an error otherwise)."""
        if self.status == "ok":
            return f"{ar_name} is Arabic and {en_name} is English"
        if self.status == "swapped":
            if swap:
                return f"{ar_name} is English and {en_name} is Arabic: read them the other way round " \
                       "(--no-swap to refuse)"
            return f"{ar_name} is English and {en_name} is Arabic: give the Arabic file first"
        if self.status == "both-english":
            return f"{ar_name} and {en_name} are both English (Latin script): the first file must be Arabic"
        if self.status == "both-arabic":
            return f"{ar_name} and {en_name} are both Arabic: the second file must be English"
        wrong = [(name, profile) for name, profile in ((ar_name, self.ar), (en_name, self.en))
                 if profile.language not in ("ar", "en")]
        name, profile = wrong[0]
        return f"{name}: neither Arabic nor English text ({profile.describe()})"


def check_languages(ar_text: str, en_text: str) -> LanguageVerdict:
    """ok, swapped (English first), both-english, both-arabic or neither (one side is neither)."""
    ar, en = script_profile(ar_text), script_profile(en_text)
    pair = (ar.language, en.language)
    status: Status
    if pair == ("ar", "en"):
        status = "ok"
    elif pair == ("en", "ar"):
        status = "swapped"
    elif pair == ("en", "en"):
        status = "both-english"
    elif pair == ("ar", "ar"):
        status = "both-arabic"
    else:
        status = "neither"
    return LanguageVerdict(status, ar, en)


# ---------------------------------------------------------------------------------------------
# Unrelated documents


UNRELATED_BELOW = 0.40
MIN_CLAUSES_TO_JUDGE = 3
MAX_CLAUSE_RATIO = 4.0
MIN_CLAUSE_DIFFERENCE = 8


def best_match_similarity(sim11: np.ndarray) -> float:
    """How well each clause finds a counterpart: the larger of the medians, over Arabic clauses of
    their best English match and over English clauses of their best Arabic match.

    The larger of the two, so that a document whose counterpart is only part of it (an annex missing
    on one side) still scores by the side that is wholly translated.
    """
    if sim11.size == 0:
        return 0.0
    return _best_match(sim11.max(axis=1), sim11.max(axis=0))


def best_match_similarity_of(ar_vectors: np.ndarray, en_vectors: np.ndarray, block: int = 512) -> float:
    """:func:`best_match_similarity` of ``ar_vectors @ en_vectors.T`` without holding the whole matrix."""
    n, m = len(ar_vectors), len(en_vectors)
    if not n or not m:
        return 0.0
    row_max = np.empty(n, dtype=np.float32)
    col_max = np.full(m, -np.inf, dtype=np.float32)
    for start in range(0, n, block):
        part = ar_vectors[start:start + block] @ en_vectors.T
        row_max[start:start + block] = part.max(axis=1)
        np.maximum(col_max, part.max(axis=0), out=col_max)
    return _best_match(row_max, col_max)


def _best_match(row_max: np.ndarray, col_max: np.ndarray) -> float:
    return max(median(row_max), median(col_max))


def unrelated_score(ar_vectors: np.ndarray, en_vectors: np.ndarray) -> float | None:
    """The best-match similarity when it says the documents are not translations of each other, else None.

    Calibrated with USE on ../shared/data/dev, each document paired with its translation (true) and
    with the next document of its set (false); documents of at least three lines:

    ============  ====  ==================  ===================
    set           docs  true: min, 1st pct  false: 99th pct, max
    ============  ====  ==================  ===================
    unv1-devset    591  0.574, 0.665        0.306, 0.497
    ntrex128       123  0.552, 0.577        0.357, 0.438
    sdg-targets     17  0.794, 0.797        0.446, 0.446
    un-charter      57  0.662, 0.679        0.683, 0.713 (next unit of the same Charter)
    ============  ====  ==================  ===================

    The threshold, 0.40, sits well under every true pair. Documents of fewer than three clauses on a
    side are not judged.
    """
    if min(len(ar_vectors), len(en_vectors)) < MIN_CLAUSES_TO_JUDGE:
        return None
    score = best_match_similarity_of(ar_vectors, en_vectors)
    return score if score < UNRELATED_BELOW else None


def are_unrelated(sim11: np.ndarray) -> bool:
    """True when the clause similarity matrix says the two documents are not translations of each other."""
    return min(sim11.shape) >= MIN_CLAUSES_TO_JUDGE and best_match_similarity(sim11) < UNRELATED_BELOW


def clause_count_mismatch(ar_count: int, en_count: int) -> bool:
    """One clause against many: counts too far apart for two versions of the same text."""
    small, large = sorted((ar_count, en_count))
    return large - small >= MIN_CLAUSE_DIFFERENCE and large > MAX_CLAUSE_RATIO * small
