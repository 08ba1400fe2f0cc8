"""``term-mismatch``: a glossary term with no counterpart in the aligned clause, and the ways a text refers
to a name without spelling it (its head noun, a word of it, a near spelling).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from align.check.base import CheckContext, Phrase, both_paragraphs, file_spans, pair_texts
from align.check.findings import Finding
from align.check.markers import (TRANSLITERATION_CONSONANTS, acronyms, arabic_skeleton, glued_letters, glued_to_a_word,
                                 latin_skeleton)
from align.text.normalize import normalize

if TYPE_CHECKING:
    from align.check.glossary import Glossary, Term, TermMention


@dataclass(frozen=True)
class Mention:
    """A regex match seen as a mention (text and offsets)."""

    match: object

    @property
    def text(self) -> str:
        return self.match.group()  # type: ignore[attr-defined]

    @property
    def start(self) -> int:
        return self.match.start()  # type: ignore[attr-defined]


def check_terms(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.glossary import IMPLIED_TAG

    if ctx.glossary is None:
        return
    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
        only_ar, only_en = ctx.glossary.missing_counterparts(ar_text, en_text)
        if not only_ar and not only_en:
            continue
        ar_key = normalize(ar_text)  # the Arabic as the tests of each missing name read it: once per pair
        if only_en:  # «الصينوروسيابشأن» names China and Russia, «الصينالآن» China
            glued = glued_letters(ar_text)
            only_en = [t for t in only_en if not any(glued and re.sub(r"\s+", "", normalize(v)) in glued
                                                     or glued_to_a_word(v, ar_key)
                                                     for v in t.term.variants("ar", weak=True))]
        only_en = [t for t in only_en if not _shares_its_head(t.term.variants("ar", weak=True), ar_key, "ar")
                   and not (t.text[:1].islower() and all(v[:1].isupper() for v in t.term.en))]  # "50 guineas"
        only_ar = [t for t in only_ar if not _shares_its_head(t.term.variants("en", weak=True), en_text, "en")]
        if not (only_ar and only_en):  # one side lacks names; the other side may name them by their head noun
            only_en = [t for t in only_en if not _named_by_its_head(ctx.glossary, t.term, ar_key, "ar")]
            only_ar = [t for t in only_ar if not _named_by_its_head(ctx.glossary, t.term, en_text, "en")]
        if not only_ar and not only_en:
            continue
        # a name on each side of the same category, neither matched: a swap (an error); else an omission
        swapped = {t.term.category for t in only_ar} & {t.term.category for t in only_en}
        # an acronym the glossary does not know, on the side that lacks the names, may well stand for them:
        # "the LCBC Member States" / «الدول الأعضاء في لجنة حوض بحيرة تشاد» (Lake Chad)
        standing_in = [] if only_ar and only_en else _unknown_acronyms(ctx.glossary, en_text if only_ar else ar_text)
        if swapped & {"state", "place", "un-body", "oic-body", "organisation"}:
            severity = "error"
        elif all(IMPLIED_TAG in t.term.tags for t in (*only_ar, *only_en)):
            severity = "info"  # a name its texts often leave to context: «قوة الأمم المتحدة» / "the Force"
        elif standing_in:
            severity = "info"
        else:
            severity = "warning"
        # the side that lacks the names spells a word like each: within a letter ("Columbia University" / «جامعة
        # كولومبيا», «إندونسيا» / "Indonesia", "Prussia" / «بروسيا» read as «ب» + «روسيا»), or letter for letter in
        # its own script ("Jordan Spieth" / «جوردان سبيث»)
        near = [] if only_ar and only_en else [_near_spelling(t, en_text if only_ar else ar_text)
                                                for t in (only_ar or only_en)]
        if severity == "warning" and near and all(near):
            severity = "info"
        parts = []
        if only_ar:
            parts.append("Arabic names " + ", ".join(f"«{t.text}» ({t.term.en[0]})" for t in only_ar)
                         + ", absent from the English")
        if only_en:
            parts.append("English names " + ", ".join(f"«{t.text}» ({t.term.ar[0]})" for t in only_en)
                         + ", absent from the Arabic")
        if severity == "info" and near and all(near):
            parts.append(f"the {'English' if only_ar else 'Arabic'} has "
                         + ", ".join(f"«{word}»" for word in dict.fromkeys(w.text for w in near))
                         + ", spelled like "
                         + ("it" if len(near) == 1 else "them"))
        if standing_in:
            parts.append(f"the {'English' if only_ar else 'Arabic'} has "
                         + ", ".join(f"«{m.text}»" for m in standing_in) + ", which may stand for "
                         + ("it" if len(only_ar) + len(only_en) == 1 else "them"))
        # the lacking side's spans: the acronym that may stand for the names, or the words spelled near them
        lacking = standing_in or (near if severity == "info" and near and all(near) else [])
        yield Finding("term-mismatch", severity, "terminology", pair.ar, pair.en,
                      f"terms differ in {both_paragraphs(ar, en)}: {'; '.join(parts)}",
                      file_spans(ar, ar_text, only_ar if only_ar else lacking),
                      file_spans(en, en_text, only_en if only_en else lacking))


NEAR_SPELLING_LETTERS = 6  # shorter names differ by a letter from other names (Iran, Iraq)
_AR_NAME_PREFIX = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")


def _near_spelling(mention: "TermMention", text: str) -> "Phrase | None":
    """A word of ``text`` (the other language than the mention's) spelled within one letter of a one-word
    name of the mention's term in that language, with Arabic prefixes and the article set aside; or, for an
    English name, an Arabic word with its consonants (a person or a city named like it, written letter for
    letter)."""
    lang = "en" if mention.lang == "ar" else "ar"

    def bare(word: str) -> str:
        return _AR_NAME_PREFIX.sub("", normalize(word)) if lang == "ar" else word.lower()

    names = {bare(v) for v in mention.term.variants(lang, weak=True) if len(v.split()) == 1}
    names = {n for n in names if len(n) >= NEAR_SPELLING_LETTERS}
    words = list(re.finditer(r"[\u0621-\u064a\u0640\u064b-\u065f]+" if lang == "ar" else r"\b[A-Z][a-z]+", text))
    near = next((Phrase(w.start(), w.group()) for w in words if len(bare(w.group())) >= NEAR_SPELLING_LETTERS
                 and any(_within_one_letter(bare(w.group()), n) for n in names)), None)
    if near is not None or lang != "ar":
        return near
    # an English name the Arabic writes letter for letter, as a person's or a city's name: "Jordan Spieth"
    skeleton = latin_skeleton(mention.text)
    if len(skeleton) < TRANSLITERATION_CONSONANTS or " " in mention.text.strip():
        return None
    return next((Phrase(w.start(), w.group()) for w in words if arabic_skeleton(w.group()) == skeleton), None)


def _within_one_letter(a: str, b: str) -> bool:
    """One letter changed, added or taken out (or none)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


def _shares_its_head(variants: Sequence[str], text: str, lang: str) -> bool:
    """Whether ``text`` (Arabic as :func:`normalize` gives it) names a two-word term (a noun and its adjective)
    coordinated with another of the same head: «القانون الوطني والدولي» holds «القانون الدولي», "international
    and national law" holds "international law"."""
    key = text if lang == "ar" else text.lower()
    for variant in variants:
        words = (normalize(variant) if lang == "ar" else variant.lower()).split()
        if len(words) != 2:
            continue
        first, second = (re.escape(w) for w in words)
        if lang == "ar":
            pattern = rf"(?<!\S)(?:[وفبل]|لل)?{first}(?:\s+\S+){{1,2}}\s+[وف]{second}(?![\u0621-\u064a])"
        else:
            pattern = rf"\b{first}(?:,? (?:and|or) \w+)+ {second}\b"
        if re.search(pattern, key):
            return True
    return False


# Words of a name that say little of which one it is: "the State", «الجمهورية» refer to many
_GENERIC_NAME_WORDS = {
    "en": frozenset("""united nations states state republic kingdom union international national democratic federal
        islamic arab people peoples organization organisation general special human rights development world
        european african american asian criminal central east west middle great new economic social""".split()),
    "ar": frozenset(normalize(w) for w in "أمم ولايات مملكة جمهورية اتحاد دولة دول إمارة إمارات منظمة".split()),
}
_AR_NOT_ADJECTIVES = frozenset(normalize(w) for w in "إلى التي الذي الذين اللذين اللتين اللاتي".split())


def _named_by_its_head(glossary: Glossary, term: Term, text: str, lang: str) -> bool:
    """Whether ``text`` (Arabic as :func:`normalize` gives it) refers to ``term`` by a word of one of its names
    of two words or more, as official texts refer back to a body or a place: "the Tribunal" (International
    Tribunal for the Former Yugoslavia), "the North" (North Korea); in Arabic by its head noun with the article,
    «البرنامج» (برنامج الأغذية العالمي), «الآلية» or «الآلية الدولية» (الآلية الدولية لتصريف الأعمال المتبقية),
    but not with another adjective («القانون الوطني» is not «القانون الدولي»). Not by a word that names many
    things ("the State", «الجمهورية»), nor by one that is itself a name («الجزائر» of «الجزائر العاصمة»: Algeria
    is not Algiers)."""
    for variant in term.variants(lang, weak=True):
        words = variant.split()
        if len(words) < 2:
            continue
        if lang == "en":
            for word in words:
                word = re.sub(r"['’]s$", "", word)
                if (len(word) >= 4 and word[0].isupper() and word.lower() not in _GENERIC_NAME_WORDS["en"]
                        and re.search(rf"\b[Tt]he {re.escape(word)}\b(?![ -][A-Z])", text)):
                    return True
        else:
            head, *rest = normalize(variant).split()
            bare = re.sub(r"^ال", "", head)
            if len(bare) < 3 or bare in _GENERIC_NAME_WORDS["ar"] or glossary.find(words[0], "ar"):
                continue
            for m in re.finditer(rf"(?<![\u0621-\u064a])(?:[وف]?[بك]?ال|[وف]?لل){re.escape(bare)}(?![\u0621-\u064a])"
                                 r"(?:\s+(\S+))?", text):
                after = m.group(1) or ""
                # «القانون الوطني» is another name of the same head; «الآلية الدولية» the name's own adjective
                if not after.startswith("ال") or after in _AR_NOT_ADJECTIVES or rest[:1] == [after]:
                    return True
    return False


def _unknown_acronyms(glossary: Glossary, text: str) -> list:
    """Acronyms of ``text`` that are not (part of) a name the glossary finds there."""
    known = [(m.start, m.end) for lang in ("en", "ar") for m in glossary.find(text, lang)]
    return [m for m in acronyms(text) if not any(start <= m.start and m.end <= end for start, end in known)]
