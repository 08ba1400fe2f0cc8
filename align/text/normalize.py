"""Text normalisation for matching only: never used for what the tool reports.

Every function here returns a *matching key*; the original text is kept by the
caller and reported verbatim. :func:`normalize_with_map` also returns, for each
character of the key, the offset of the original character it came from, so a
match found in the key can be reported at its place in the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

NORMALIZER_VERSION = "norm-1"

# Tashkeel (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel.
TASHKEEL = frozenset(chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)))
TATWEEL = "\u0640"
# Bidi controls, zero-width characters and BOM: invisible, never part of a word.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LETTER_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef forms
    "ى": "ي",  # alef maksura
    "ة": "ه",  # taa marbuta
    "ی": "ي", "ک": "ك",  # Persian yeh and keheh
}
_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {chr(0x06F0 + d): str(d) for d in range(10)}
_PUNCT_FOLD = {"،": ",", "؛": ";", "؟": "?", "٫": ".", "٬": ",", "٪": "%", "«": '"', "»": '"',
               "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
               "\u00a0": " ", "\u202f": " "}
_WHITESPACE = re.compile(r"\s+")


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral in either case ("XIV", "iv"); the caller checks that it is one."""
    numeral = numeral.upper()
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES[b] > value else value
    return total


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII digits, everything else unchanged."""
    return text.translate(str.maketrans(_DIGITS))


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The matching form of one character ('' when it is dropped)."""
    if ch in INVISIBLE or ch == TATWEEL or ch in TASHKEEL:
        return ""
    if ch in _DIGITS:
        return _DIGITS[ch]
    if ch in _PUNCT_FOLD:
        return _PUNCT_FOLD[ch]
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch:  # presentation forms, ligatures, full-width Latin
        return "".join(_fold_char(c) for c in folded)
    ch = _LETTER_FOLD.get(ch, ch)
    return ch.casefold() if ch.isascii() or ch.isupper() else ch


def _one_to_one_table() -> tuple[dict[int, str], re.Pattern[str]]:
    """Characters of the common blocks that fold to exactly one non-space character (or are a plain
    space): a text made only of them, without double or edge spaces, folds with ``str.translate``."""
    table: dict[int, str] = {}
    blocks = [range(0x20, 0x7F), range(0xC0, 0x250), range(0x600, 0x700), range(0x2010, 0x2020)]
    for code in (c for block in blocks for c in block):
        ch = chr(code)
        folded = _fold_char(ch)
        if ch == " " or (len(folded) == 1 and not folded.isspace()):
            table[code] = folded
    chars = "".join(re.escape(chr(c)) for c in table)
    return table, re.compile(f"(?! )(?!.*  )[{chars}]*(?<! )", re.DOTALL)


_SIMPLE_TABLE, _SIMPLE_TEXT = _one_to_one_table()


@functools.lru_cache(maxsize=4096)
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Matching key of ``text`` and, for each key character, its offset in ``text``.

    Whitespace runs collapse to one space and the key is stripped. Cached: the checks ask for the
    same clauses' keys many times.
    """
    if _SIMPLE_TEXT.fullmatch(text):  # every character folds to one: the key is aligned with the text
        return text.translate(_SIMPLE_TABLE), tuple(range(len(text)))
    return _fold_each_character(text)


def _fold_each_character(text: str) -> tuple[str, tuple[int, ...]]:
    """The definition of the key: each character folded, whitespace runs collapsed to one space, stripped."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for c in folded:
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            offsets.append(i)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), tuple(offsets)


def normalize(text: str) -> str:
    """Matching key of ``text`` (see :func:`normalize_with_map`)."""
    return normalize_with_map(text)[0]


def collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()
