"""Bilingual (Arabic/English) glossary of names and fixed terms, and a matcher.

The glossary is a TSV file (format and sources: ``align/data/GLOSSARY.md``); a
``--glossary`` may also be a two-column term list or TBX (``align.check.termbase``)::

    id  category  en  ar  [tags]

``en`` and ``ar`` hold ``|``-separated variants, the first one preferred.
Variant markers:

* ``~variant`` -- *weak*: never reported as a mention by :meth:`Glossary.find`,
  but evidence that the term is present (:meth:`Glossary.missing_counterparts`).
  For ambiguous words such as Arabic «مالي» (Mali, but also "financial") and
  for adjectives («العراقي», "Iraqi").
* ``=variant`` -- exact word forms, no plural/possessive folding.
* ``Word*`` -- (English, one word) prefix wildcard, case-sensitive unless
  written in lower case (``~Syria*`` matches "Syrian").

Matching works on word tokens of the matching key produced by
:func:`align.text.normalize.normalize_with_map`, so every mention is reported with
offsets into the *original* text.

* Arabic: alef forms, taa marbuta, alef maksura, tashkeel, tatweel and digits
  are folded; the first word of a variant may carry the attached prefixes
  و/ف then ب/ل/ك (``ل`` + ``ال`` written ``لل``); the last word of a ``term``
  row whose last word has no article may carry a pronoun suffix
  («مصيره», «سيادتها»).
* English: case-insensitive (all-capital acronyms such as ``WHO`` are matched
  case-sensitively), accents ignored, possessive ``'s`` and plural ``-s/-es/-ies``
  folded, hyphen and space interchangeable ("two-State" = "two State"),
  "U.S." read as "US".
* Words of a multi-word variant must be separated only by spaces, hyphens or
  brackets ("Bolivia (Plurinational State of)"), or a comma where the variant
  has one.
* Longest match wins; a mention overlapping a longer one is dropped.
* A term is present in a text if any variant (weak ones included) occurs in
  it; Latin-script words inside an Arabic text count for English variants.

Usage::

    g = Glossary.bundled()
    g.find("وللأمم المتحدة", "ar")            # [TermMention(un-united-nations ...)]
    ar_only, en_only = g.missing_counterparts(ar_clause, en_clause)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from align.check import termbase
from align.check.termbase import GlossaryError
from align.files import data_path
from align.text.normalize import TASHKEEL, TATWEEL, normalize_with_map

__all__ = [
    "CATEGORIES",
    "Glossary",
    "GlossaryError",
    "Term",
    "TermMention",
    "bundled_glossary_path",
]

CATEGORIES = ("state", "un-body", "oic-body", "organisation", "place", "term")
LANGS = ("ar", "en")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TAG_RE = _ID_RE
HEADER = ("id", "category", "en", "ar", "tags")


IMPLIED_TAG = "implied"  # a name texts often leave to context (the United Nations in its own documents)


@dataclass(frozen=True)
class Term:
    id: str
    category: str
    en: tuple[str, ...]
    ar: tuple[str, ...]
    tags: tuple[str, ...] = ()
    en_weak: tuple[str, ...] = ()  # weak variants: presence evidence only
    ar_weak: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()  # variants (either side) matched without inflection folding

    def variants(self, lang: str, weak: bool = False) -> tuple[str, ...]:
        """The variants of one side (strong ones, plus the weak ones if asked)."""
        strong = self.en if lang == "en" else self.ar
        if not weak:
            return strong
        return strong + (self.en_weak if lang == "en" else self.ar_weak)

    @property
    def preferred_en(self) -> str:
        return self.en[0]

    @property
    def preferred_ar(self) -> str:
        return self.ar[0]


@dataclass(frozen=True)
class TermMention:
    term: Term
    text: str  # the matched text, verbatim from the original
    start: int  # offsets in the ORIGINAL text
    end: int
    lang: str = field(default="", compare=False)


def bundled_glossary_path() -> Path:
    """Path of the glossary shipped with the tool (``align/data/glossary.tsv``)."""
    return data_path("glossary.tsv")


# --------------------------------------------------------------------------
# Tokenisation and word keys
# --------------------------------------------------------------------------

# Word tokens of the normalised key. Arabic: letters and digits (the key has
# no tashkeel/tatweel left). English: letters/digits with inner apostrophes
# ("d'ivoire", "council's"), dotted abbreviations ("U.S.", read as "US") and "$".
_TOKEN_RE = {
    "ar": re.compile(r"[^\W_]+"),
    "en": re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:'[^\W_]+)*|\$"),
}
# What may stand between two words of one multi-word variant (a comma only
# where the variant itself has one: "Educational, Scientific and ...").
_GAP_OK = frozenset(" \t\n\r-()[]\u2010\u2011")
_GAP_OK_COMMA = _GAP_OK | {","}

_AR_CONJ = ("", "و", "ف")
_AR_PREP = ("", "ب", "ل", "ك")
_AR_PREFIXES = tuple(c + p for c in _AR_CONJ for p in _AR_PREP)
_AR_LAM_PREFIXES = ("ل", "ول", "فل")  # ل + ال is written لل
_AR_PRON_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا")
_AR_ARTICLE = "ال"

# kinds of variant words
_STEM, _EXACT, _ACRO, _PREFIX = 0, 1, 2, 3
# "Iraq*": one English word of 2+ characters then "*"; case-sensitive unless all lower case
_WILDCARD_RE = re.compile(r"^[^\W_][\w'\-]+\*$")


def _strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _en_exact(tok: str) -> str:
    """Accent-free, possessive-free form of a case-folded English token."""
    tok = _strip_accents(tok)
    if tok.endswith("'s"):
        return tok[:-2]
    if tok.endswith("'"):
        return tok[:-1]
    return tok


def _en_stem(tok: str) -> str:
    """Plural-folded key of an :func:`_en_exact` form ("territories" -> "territory")."""
    n = len(tok)
    if n > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if (n > 4 and tok.endswith("es") and tok[-3] in "sxz") or tok.endswith(("ches", "shes")):
        return tok[:-2]
    if n > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is")):
        return tok[:-1]
    return tok


def _acronym(raw: str) -> str | None:
    """Case-sensitive key of an all-capital token ("WHO", "NGOs"), else None."""
    if not raw[:1].isupper():
        return None
    raw = _strip_accents(raw).replace("\u2019", "'")
    if raw.endswith("'s"):
        raw = raw[:-2]
    if raw.endswith("s") and len(raw) > 2 and raw[:-1].isupper():
        raw = raw[:-1]
    if len(raw) >= 2 and raw.isupper() and raw.isalpha():
        return raw
    return None


class _Tok:
    __slots__ = ("key", "exact", "acro", "raw", "start", "end", "kstart", "kend")

    def __init__(self, key, exact, acro, raw, start, end, kstart, kend):
        self.key = key  # English: plural-folded; Arabic: the normalised word
        self.exact = exact  # English: case-folded, possessive-free
        self.acro = acro  # English all-capital word, else None
        self.raw = raw  # the word as written (for wildcard prefixes)
        self.start, self.end = start, end  # offsets in the ORIGINAL text
        self.kstart, self.kend = kstart, kend  # offsets in the normalised key


# Marks that the normaliser drops and that belong to the preceding letter.
_TRAILING_MARKS = TASHKEEL | {TATWEEL} | frozenset(chr(c) for c in range(0x0300, 0x0370))  # and Latin combining marks
_SCRIPT_RE = {"en": re.compile(r"[A-Za-z]"), "ar": re.compile("[\u0621-\u064a]")}
_EN_FAST_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


def _matching_key(text: str, lang: str) -> tuple[str, tuple[int, ...] | None]:
    """Matching key and offset map (``None``: the key is aligned with ``text``).

    English text that is plain ASCII once quotes and dashes are folded only
    needs lower-casing, which keeps offsets; everything else goes through
    :func:`align.text.normalize.normalize_with_map`.
    """
    if lang == "en":
        key = text.translate(_EN_FAST_FOLD).lower()
        if key.isascii() and len(key) == len(text):
            return key, None
    return normalize_with_map(text)


_EN_KEYS: dict[str, tuple[str, str]] = {}  # word -> (stem key, exact form), a bounded cache


def _tokens(text: str, lang: str) -> tuple[str, list[_Tok]]:
    key, offsets = _matching_key(text, lang)
    n_text = len(text)
    toks: list[_Tok] = []
    en = lang == "en"
    for m in _TOKEN_RE[lang].finditer(key):
        ks, ke = m.start(), m.end()
        if offsets is None:
            start, end = ks, ke
        else:
            start = offsets[ks]
            end = offsets[ke - 1] + 1
            while end < n_text and text[end] in _TRAILING_MARKS:  # keep a final shadda/harakah
                end += 1
        word = m.group()
        if en:
            raw = text[start:end].replace("\u2019", "'")
            if word.endswith(".") and len(word) > 2:  # "u.s." -> "us"
                word = word.replace(".", "")
                raw = raw.replace(".", "")
            keys = _EN_KEYS.get(word)
            if keys is None:
                exact = _en_exact(word)
                keys = (_en_stem(exact), exact)
                if len(_EN_KEYS) > 100_000:
                    _EN_KEYS.clear()
                _EN_KEYS[word] = keys
            acro = _acronym(raw) if raw[:1].isupper() else None
            toks.append(_Tok(keys[0], keys[1], acro, raw, start, end, ks, ke))
        else:
            toks.append(_Tok(word, word, None, word, start, end, ks, ke))
    return key, toks


# --------------------------------------------------------------------------
# The compiled matcher
# --------------------------------------------------------------------------


class _Pattern(NamedTuple):
    """One variant of a term, indexed by (the forms of) its first word. A tuple: the compiled glossary
    holds some 3,000 of them under 33,000 index entries, and tuples unpickle twice as fast as objects."""

    term_index: int
    first: tuple  # (kind, value) of word 1, checked again for _EXACT
    words: tuple  # ((kind, value), ...) of words 2..n
    gaps: tuple  # allowed gap characters before words 2..n
    weak: bool
    last_forms: frozenset  # extra accepted forms of the last word (Arabic suffixes)


def _ar_suffixed(word: str) -> list[str]:
    base = word[:-1] + "ت" if word.endswith("ه") else word
    return [base + s for s in _AR_PRON_SUFFIXES]


def _ar_prefixed(word: str) -> list[str]:
    """Forms of an Arabic word with the attached prefixes و ف ب ل ك."""
    forms = [p + word for p in _AR_PREFIXES]
    if word.startswith(_AR_ARTICLE) and len(word) > 3:
        rest = word[2:]
        if rest.startswith("ل"):  # ل + اللاجئين = للاجئين
            forms += [p + rest for p in _AR_LAM_PREFIXES]
        else:  # ل + الأمم = للأمم
            forms += [p + "ل" + rest for p in _AR_LAM_PREFIXES]
    return list(dict.fromkeys(forms))


_AR_TEEN = frozenset({"عشر", "عشره"})  # the second word of a compound ordinal, normalised


def _ar_unit_ordinals() -> frozenset:
    """The first words of a compound ordinal («السابع» of «الفصل السابع عشر»), as matching keys."""
    words = ("الحادي", "الحادية", "الثاني", "الثانية", "الثالث", "الثالثة", "الرابع", "الرابعة", "الخامس",
             "الخامسة", "السادس", "السادسة", "السابع", "السابعة", "الثامن", "الثامنة", "التاسع", "التاسعة")
    return frozenset(t.key for w in words for t in _tokens(w, "ar")[1])


_AR_UNIT_ORDINALS = _ar_unit_ordinals()


class _Matcher:
    """Index of all variants of one language by (the forms of) their first word."""

    def __init__(self, terms: tuple[Term, ...], lang: str):
        self.lang = lang
        self.index: dict[str, list[_Pattern]] = {}
        self.has_prefixes = False
        for ti, term in enumerate(terms):
            seen: set = set()
            for variant in term.variants(lang):
                self._add(ti, term, variant, False, seen)
            for variant in term.variants(lang, weak=True)[len(term.variants(lang)):]:
                self._add(ti, term, variant, True, seen)

    def _add(self, ti: int, term: Term, variant: str, weak: bool, seen: set) -> None:
        if self.lang == "en" and variant.endswith("*"):
            # "Iraq*": a case-sensitive prefix of one word ("Iraqi", "Iraq's")
            prefix = variant[:-1]
            if ("prefix", prefix, weak) not in seen:
                seen.add(("prefix", prefix, weak))
                pat = _Pattern(ti, (_PREFIX, prefix), (), (), weak, frozenset())
                self.index.setdefault("*" + prefix[:2].lower(), []).append(pat)
                self.has_prefixes = True
            return
        key, toks = _tokens(variant, self.lang)
        if not toks:
            return
        exact = variant in term.exact
        if self.lang == "en":
            words = []
            for t in toks:
                if t.acro is not None:
                    words.append((_ACRO, t.acro))  # "WHO" never matches "who"
                elif exact:
                    words.append((_EXACT, t.exact))
                else:
                    words.append((_STEM, t.key))
        else:
            words = [(_STEM, t.key) for t in toks]
        gaps = tuple(
            _GAP_OK_COMMA if "," in key[a.kend : b.kstart] else _GAP_OK for a, b in zip(toks, toks[1:])
        )
        sig = (tuple(words), gaps, weak)
        if sig in seen:
            return
        seen.add(sig)
        last_forms: frozenset[str] = frozenset()
        kind0, w0 = words[0]
        if self.lang == "en":
            firsts = ["=" + w0] if kind0 == _ACRO else [toks[0].key]
        else:
            last = words[-1][1]
            suffixes = term.category == "term" and not last.startswith(_AR_ARTICLE) and len(last) >= 3
            firsts = _ar_prefixed(w0)
            if suffixes:
                if len(words) == 1:
                    firsts += [f for form in firsts for f in _ar_suffixed(form)]
                else:
                    last_forms = frozenset(_ar_suffixed(last))
        pat = _Pattern(ti, words[0], tuple(words[1:]), gaps, weak, last_forms)
        for f in dict.fromkeys(firsts):
            self.index.setdefault(f, []).append(pat)

    @staticmethod
    def _word_ok(want: tuple[int, str], tok: _Tok) -> bool:
        kind, value = want
        if kind == _STEM:
            return tok.key == value
        if kind == _EXACT:
            return tok.exact == value
        if kind == _PREFIX:
            return (tok.raw.lower() if value.islower() else tok.raw).startswith(value)
        return tok.acro == value

    def candidates(self, text: str, include_weak: bool) -> tuple[list[_Tok], list[tuple[int, int, int, bool]]]:
        """All matches as (first token, end token exclusive, term index, weak)."""
        key, toks = _tokens(text, self.lang)
        out = []
        n = len(toks)
        index = self.index
        word_ok = self._word_ok
        for i, tok in enumerate(toks):
            pats = index.get(tok.key)
            if tok.acro is not None:
                extra = index.get("=" + tok.acro)
                if extra:
                    pats = (pats or []) + extra
            if self.has_prefixes:
                extra = index.get("*" + tok.raw[:2].lower())
                if extra:
                    pats = (pats or []) + extra
            if not pats:
                continue
            for pat in pats:
                if pat.weak and not include_weak:
                    continue
                if pat.first[0] != _STEM and not word_ok(pat.first, tok):
                    continue
                j = i
                ok = True
                last = len(pat.words) - 1
                for pos, want in enumerate(pat.words):
                    j += 1
                    if j >= n:
                        ok = False
                        break
                    nxt = toks[j]
                    gap = key[toks[j - 1].kend : nxt.kstart]
                    allowed = pat.gaps[pos]
                    if gap != " " and not all(c in allowed for c in gap):
                        ok = False
                        break
                    if not word_ok(want, nxt) and not (pos == last and nxt.key in pat.last_forms):
                        ok = False
                        break
                if ok and self.lang == "ar" and j + 1 < n and toks[j + 1].key in _AR_TEEN \
                        and toks[j].key in _AR_UNIT_ORDINALS:
                    ok = False  # «الفصل السابع عشر» is Chapter XVII, not «الفصل السابع» (but «الجمعية العامة
                    # عشرة أعضاء» is the General Assembly)
                if ok:
                    out.append((i, j + 1, pat.term_index, pat.weak))
        return toks, out


# --------------------------------------------------------------------------
# The glossary
# --------------------------------------------------------------------------


def _split_variants(cell: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(strong, weak, exact) variants of one cell; markers ``~`` and ``=`` removed."""
    strong: list[str] = []
    weak: list[str] = []
    exact: list[str] = []
    for v in cell.split("|"):
        v = " ".join(v.split())
        is_weak = is_exact = False
        while v[:1] in ("~", "="):
            if v[0] == "~":
                is_weak = True
            else:
                is_exact = True
            v = v[1:].lstrip()
        if not v:
            continue
        (weak if is_weak else strong).append(v)
        if is_exact:
            exact.append(v)
    return tuple(dict.fromkeys(strong)), tuple(dict.fromkeys(weak)), tuple(dict.fromkeys(exact))


def _parse_file(path: Path) -> list[Term]:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path}: not UTF-8 ({exc})") from exc
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read ({exc})") from exc
    if termbase.looks_like_tbx(raw):
        return termbase.parse_tbx(raw, path, checked_term)
    first = next((line.lstrip("\ufeff") for line in raw.splitlines()
                  if line.strip() and not line.lstrip("\ufeff").lstrip().startswith("#")), "")
    if "\t" not in first:
        delimiter = ";" if ";" in first and "," not in first else ","
        return termbase.parse_term_list(raw, path, delimiter, checked_term)
    if len([c for c in first.split("\t") if c.strip()]) == 2:
        return termbase.parse_term_list(raw, path, "\t", checked_term)
    terms: list[Term] = []
    ids: dict[str, int] = {}
    header_seen = False
    for lineno, line in enumerate(raw.splitlines(), 1):
        line = line.lstrip("\ufeff") if lineno == 1 else line
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{path}:{lineno}"
        if not header_seen:
            names = tuple(c.strip().lower() for c in cols)
            if names not in (HEADER[:4], HEADER):
                raise GlossaryError(
                    f"{where}: expected header 'id<TAB>category<TAB>en<TAB>ar[<TAB>tags]' (or a two-column "
                    f"English/Arabic list, or TBX), got {line!r}"
                )
            header_seen = True
            continue
        if len(cols) not in (4, 5):
            raise GlossaryError(f"{where}: expected 4 or 5 tab-separated columns, got {len(cols)}")
        tid, category, en_cell, ar_cell = (c.strip() for c in cols[:4])
        tags_cell = cols[4].strip() if len(cols) == 5 else ""
        if not _ID_RE.match(tid):
            raise GlossaryError(f"{where}: bad id {tid!r} (want kebab-case)")
        if tid in ids:
            raise GlossaryError(f"{where}: duplicate id {tid!r} (first on line {ids[tid]})")
        ids[tid] = lineno
        if category not in CATEGORIES:
            raise GlossaryError(f"{where}: unknown category {category!r} (one of {', '.join(CATEGORIES)})")
        tags = tuple(t.strip() for t in tags_cell.split(",") if t.strip())
        term = checked_term(tid, category, en_cell, ar_cell, where, tags, f" for {tid!r}")
        for t in tags:
            if not _TAG_RE.match(t):
                raise GlossaryError(f"{where}: bad tag {t!r}")
        terms.append(term)
    if not header_seen:
        raise GlossaryError(f"{path}:1: missing header line")
    return terms


def checked_term(tid: str, category: str, en_cell: str, ar_cell: str, where: str, tags: tuple[str, ...] = (),
                 naming: str = "") -> Term:
    """A term from its English and Arabic cells (variants split by '|', weak ones marked '~', exact ones '='),
    refused with a :class:`GlossaryError` naming ``where`` (and ``naming``, e.g. " for 'state-x'") when a side
    is empty, a variant has no word, or a wildcard is not one English word of 2+ characters then '*'."""
    en, en_weak, en_exact = _split_variants(en_cell)
    ar, ar_weak, ar_exact = _split_variants(ar_cell)
    if not en:
        raise GlossaryError(f"{where}: empty English side{naming}")
    if not ar:
        raise GlossaryError(f"{where}: empty Arabic side{naming}")
    for v in en + en_weak:
        if "*" in v and not _WILDCARD_RE.match(v):
            raise GlossaryError(f"{where}: bad wildcard {v!r} (one word of 2+ characters, then '*')")
        if not _tokens(v, "en")[1]:
            raise GlossaryError(f"{where}: English variant {v!r} has no word")
    for v in ar + ar_weak:
        if "*" in v:
            raise GlossaryError(f"{where}: wildcards are for English variants only ({v!r})")
        if not _tokens(v, "ar")[1]:
            raise GlossaryError(f"{where}: Arabic variant {v!r} has no word")
    return Term(tid, category, en, ar, tags, en_weak, ar_weak, en_exact + ar_exact)


class Glossary:
    """A set of :class:`Term` rows with a precompiled matcher per language."""

    def __init__(self, terms: Iterable[Term]):
        self.terms: tuple[Term, ...] = tuple(terms)
        self._by_id = {t.id: t for t in self.terms}
        if len(self._by_id) != len(self.terms):
            raise ValueError("duplicate term ids")
        self._matchers: dict[str, _Matcher] = {}

    # -- loading ------------------------------------------------------------

    @classmethod
    def load(cls, *paths: str | Path) -> "Glossary":
        """Load one or more TSV files; later files extend or override by id."""
        if not paths:
            raise ValueError("Glossary.load needs at least one path")
        merged: dict[str, Term] = {}
        for p in paths:
            for term in _parse_file(Path(p)):
                merged[term.id] = term
        return cls(merged.values())

    @classmethod
    def bundled(cls) -> "Glossary":
        """The glossary shipped with the tool (``align/data/glossary.tsv``)."""
        return cls.load(bundled_glossary_path())

    # -- access -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self):
        return iter(self.terms)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._by_id

    def get(self, term_id: str) -> Term | None:
        return self._by_id.get(term_id)

    def __getitem__(self, term_id: str) -> Term:
        return self._by_id[term_id]

    def with_tag(self, tag: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if tag in t.tags)

    # -- matching -----------------------------------------------------------

    def _matcher(self, lang: str) -> _Matcher:
        if lang not in LANGS:
            raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")
        m = self._matchers.get(lang)
        if m is None:
            m = self._matchers[lang] = _Matcher(self.terms, lang)
        return m

    def compile(self) -> "Glossary":
        """Build both matchers now (they are otherwise built on first use)."""
        for lang in LANGS:
            self._matcher(lang)
        return self

    def _select(self, text: str, lang: str, toks, cands) -> list[TermMention]:
        # longest (in characters, then words) first; earlier first on ties
        cands = [c for c in cands if not c[3]]
        cands.sort(key=lambda c: (-(toks[c[1] - 1].end - toks[c[0]].start), -(c[1] - c[0]), c[0]))
        taken = [False] * len(toks)
        chosen = []
        for s, e, ti, _ in cands:
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            chosen.append((s, e, ti))
        chosen.sort()
        out = []
        for s, e, ti in chosen:
            a, b = toks[s].start, toks[e - 1].end
            if text[b : b + 1] == ")" and text.count("(", a, b) > text.count(")", a, b):
                b += 1  # "Bolivia (Plurinational State of)"
            out.append(TermMention(self.terms[ti], text[a:b], a, b, lang))
        return out

    def find(self, text: str, lang: str) -> list[TermMention]:
        """Mentions of glossary terms in ``text`` (``lang`` is 'ar' or 'en').

        Longest match wins; a shorter mention overlapping a longer one is
        dropped. Weak variants are never reported. Offsets are into ``text``.
        """
        toks, cands = self._matcher(lang).candidates(text, include_weak=False)
        return self._select(text, lang, toks, cands)

    def present_ids(self, text: str, lang: str) -> set[str]:
        """Ids of all terms any variant of which (weak ones included) occurs in ``text``.

        Words of the other script count too: an Arabic text that quotes
        "Ghana Studies" in Latin letters names Ghana.
        """
        return self._scan(text, lang)[1]

    def _scan(self, text: str, lang: str) -> tuple[list[TermMention], set[str]]:
        toks, cands = self._matcher(lang).candidates(text, include_weak=True)
        present = {self.terms[c[2]].id for c in cands}
        other = "en" if lang == "ar" else "ar"
        if _SCRIPT_RE[other].search(text):
            _, extra = self._matcher(other).candidates(text, include_weak=True)
            present.update(self.terms[c[2]].id for c in extra)
        return self._select(text, lang, toks, cands), present

    def missing_counterparts(self, ar: str, en: str) -> tuple[list[TermMention], list[TermMention]]:
        """Terms found on one side whose term has no variant on the other side.

        Returns ``(ar_mentions_missing_in_en, en_mentions_missing_in_ar)``;
        a term counts as present on the other side if any of its variants
        (weak ones included) occurs anywhere in the other text.
        """
        ar_mentions, ar_present = self._scan(ar, "ar")
        en_mentions, en_present = self._scan(en, "en")
        return (
            [m for m in ar_mentions if m.term.id not in en_present],
            [m for m in en_mentions if m.term.id not in ar_present],
        )
