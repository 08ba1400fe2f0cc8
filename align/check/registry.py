"""Checks: what a reviser must look at, found on an aligned pair of versions.

Each check has a stable id, a default severity and an MQM/ITS category, and is
a function from a :class:`CheckContext` to findings. :data:`CHECKS` is the
registry the pipeline runs and ``align checks`` lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import numpy as np

from align.check.markers import (TRANSLITERATION_CONSONANTS, acronyms, arabic_skeleton, arabic_words_in_english,
                      glued_letters, glued_to_a_word, header_as_in_english, is_original_name, latin_skeleton,
                      latin_words_in_arabic, names_kept_as_in_english, negation_differs, negations,
                      negations_in_names, symbol_skeleton)
from align.text.normalize import normalize
from align.report.model import AlignedPair, Document, Finding, Span
from align.segment.clauses import Clause, VerbMention, markers_differ, opens_with_verb, verb_mention, without_number
from align.text.stats import median
from align.segment.verbs import VERB_FAMILIES, expressed, verbs_compatible, verbs_opposed

if TYPE_CHECKING:
    from align.embed.backends import Embedder
    from align.check.glossary import Glossary, Term, TermMention
    from align.check.lexicon import Lexicon

QUOTE_CHARS = 90


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the checks (part of the report signature)."""

    low_similarity_z: float = 6.0        # robust z-score below the document's median similarity
    low_similarity_spread: float = 0.05  # smallest spread used for that z-score
    low_similarity_floor: float = 0.35   # a pair under this cosine is always flagged (0.1% of true UN pairs)
    low_similarity_long: float = 0.45    # ... and a pair of long clauses (>= 100 characters each) under this
    low_similarity_min_pairs: int = 8    # below this many pairs only the floors apply
    low_similarity_min_words: int = 4    # ... and to a pair with a side this short (a heading, a date): the
                                         # encoder reads a word or two loosely («التوعية» / "Outreach": 0.51)
    length_ratio_factor: float = 2.2     # a pair this many times off the document's length ratio
    length_ratio_min_chars: int = 40     # ... when both sides have at least this many characters
    duplicate_min_chars: int = 30        # shorter clauses may repeat legitimately
    partial_omission: str = "default"    # default (about 1 flag per 100 official pairs), strict (3) or off
    partial_omission_rise: float = 0.177         # the evidence (rise of similarity without a phrase, and its
    partial_omission_strict_rise: float = 0.144  # words without counterpart) that flags, by default and
                                                 # strict; set on dev pairs by bench.partial
    partial_omission_reference: float = 0.80     # ... for a document whose 1-1 pairs typically read this; one
    partial_omission_freedom: float = 0.3        # that reads less alike needs this much more rise per unit
    partial_omission_word_weight: float = 0.03   # evidence added per word of the phrase the lexicon finds no
                                                 # counterpart for (at most partial.UNMATCHED_CAP words)
    partial_omission_lexicon: str | None = None  # a lexicon file (align.check.lexicon); None: the bundled one

    def to_dict(self) -> dict:
        return {"low_similarity_z": self.low_similarity_z, "low_similarity_spread": self.low_similarity_spread,
                "low_similarity_floor": self.low_similarity_floor,
                "low_similarity_long": self.low_similarity_long,
                "low_similarity_min_words": self.low_similarity_min_words,
                "length_ratio_factor": self.length_ratio_factor,
                "partial_omission": self.partial_omission_threshold,
                "partial_omission_reference": self.partial_omission_reference,
                "partial_omission_freedom": self.partial_omission_freedom,
                "partial_omission_word_weight": self.partial_omission_word_weight,
                "partial_omission_lexicon": self.lexicon().name}

    def lexicon(self) -> "Lexicon":
        """The word-translation table of the partial-omission check."""
        from align.check.lexicon import Lexicon, bundled_lexicon_path

        return Lexicon.load(self.partial_omission_lexicon or bundled_lexicon_path())

    @property
    def partial_omission_threshold(self) -> float | None:
        """The rise of similarity that flags a phrase (None when the check is off)."""
        return {"default": self.partial_omission_rise,
                "strict": self.partial_omission_strict_rise}.get(self.partial_omission)


@dataclass(frozen=True)
class CheckContext:
    ar: Document
    en: Document
    alignment: tuple[AlignedPair, ...]
    config: CheckConfig
    glossary: "Glossary | None" = None
    embedder: "Embedder | None" = None  # for the checks that embed (partial-omission)

    def texts(self, pair: AlignedPair, blank_numbers: bool = False) -> tuple[str, str]:
        """The joined texts of a row; ``blank_numbers`` turns paragraph numbers into spaces (offsets kept)."""
        def joined(document: Document, indices: tuple[int, ...]) -> str:
            clauses = [document.clauses[k] for k in indices]
            return " ".join(without_number(c, document.lang) if blank_numbers else c.text for c in clauses)
        return joined(self.ar, pair.ar), joined(self.en, pair.en)

    def clauses(self, pair: AlignedPair) -> tuple[list[Clause], list[Clause]]:
        return [self.ar.clauses[i] for i in pair.ar], [self.en.clauses[j] for j in pair.en]


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    category: str
    description: str
    run: Callable[[CheckContext], Iterator[Finding]]


def quote(text: str, limit: int = QUOTE_CHARS, around: Sequence = ()) -> str:
    """A short quotation of clause text for messages, centred on the first of ``around`` (mentions with
    ``start`` and ``text`` in ``text``) when the clause is too long to quote whole."""
    if len(" ".join(text.split())) <= limit:
        return f"«{' '.join(text.split())}»"
    start = 0
    if around:
        first = min(around, key=lambda m: m.start)
        width = len(first.text)
        start = max(0, min(first.start - (limit - width) // 2, len(text) - limit))
        if start:  # begin on a word
            space = text.find(" ", start, first.start)
            start = space + 1 if space >= 0 else start
    end = start + limit - 2
    if end < len(text):  # end on a word
        space = text.rfind(" ", start + limit // 2, end + 1)
        end = space if space > 0 else end
    piece = " ".join(text[start:end].split())
    return f"«{'…' if start else ''}{piece}{'…' if end < len(text) else ''}»"


def _label(clauses: list[Clause]) -> str:
    """The paragraphs these clauses belong to, as the text numbers them: "paragraph 9", "paragraphs 9–10"."""
    labels = list(dict.fromkeys(c.label or str(c.paragraph + 1) for c in clauses))
    return f"paragraph {labels[0]}" if len(labels) == 1 else f"paragraphs {labels[0]}–{labels[-1]}"


def _file_spans(clauses: list[Clause], joined: str, mentions) -> tuple[Span, ...]:
    """Spans in the input file of mentions found in ``joined`` (clause texts joined by one space)."""
    spans, offset = [], 0
    bounds = []
    for clause in clauses:
        bounds.append((offset, clause))
        offset += len(clause.text) + 1
    for mention in mentions:
        for base, clause in reversed(bounds):
            if mention.start >= base:
                start = clause.start + mention.start - base
                spans.append(Span(start, start + len(mention.text), mention.text, *clause.locate(start)))
                break
    return tuple(spans)


def _why_peeled(pair: AlignedPair, ctx: CheckContext) -> str:
    """Why the merge re-check left this clause unpaired, in a reviser's words ('' for a gap of the search)."""
    evidence = pair.peeled
    if evidence is None:
        return ""
    other, document = ("English", ctx.en) if pair.ar else ("Arabic", ctx.ar)
    label = _label([document.clauses[k] for k in evidence.counterpart])
    why = f" (tried with {other} {label}: best matching stretch {evidence.support:.2f}"
    if evidence.background is not None:
        why += f", its best unrelated {other} clause nearby {evidence.background:.2f}"
    if evidence.gain is not None:
        why += f", and that pair reads {evidence.gain:.2f} closer without it"
    if evidence.contribution is not None:
        why += f"; what it matches there that the rest of the row does not: {evidence.contribution:.2f}"
    return why + ")"


def check_gap(ctx: CheckContext) -> Iterator[Finding]:
    unpaired = _first_unpaired_by_run(ctx)
    mirrors = _mirrored_english_gaps(ctx)
    documents = {"ar": ctx.ar, "en": ctx.en}
    first = {side: next((getattr(p, side)[0] for p in ctx.alignment if getattr(p, side)), None) for side in documents}
    last: dict[str, int | None] = {"ar": None, "en": None}  # the last clause of each side in the rows so far
    for k, pair in enumerate(ctx.alignment):
        if pair.is_gap:
            at = 0 if pair.ar else 1
            other, name, other_name = ("en", "Arabic", "English") if pair.ar else ("ar", "English", "Arabic")
            facing = unpaired[k][other]
            severity, lacks, note = "error", f"the {other_name} lacks it", ""
            if facing is not None:  # a loose rendering, or one sentence put for another: not a plain omission
                severity, lacks = "warning", f"no {other_name} clause renders it"
                note = (f"; {other_name} {_label([facing])} beside it is unpaired too: a loose rendering of each "
                        f"other or a sentence replaced")
                if k in mirrors:  # the other half of an Arabic clause's warning: one event, one warning
                    severity, note = "info", note + " (the warning is the Arabic clause's)"
            where = _where_missing(documents[other], other_name, last[other], first[other])
            yield Finding("gap", severity, "omission" if pair.ar else "addition", pair.ar, pair.en,
                          f"{name} {_label(ctx.clauses(pair)[at])} has a clause with no {other_name} counterpart: "
                          f"{lacks}{where}{_why_peeled(pair, ctx)}{note}: {quote(ctx.texts(pair)[at])}")
        for side in documents:
            if getattr(pair, side):
                last[side] = getattr(pair, side)[-1]


def _gap_runs(ctx: CheckContext) -> Iterator[list[tuple[int, AlignedPair]]]:
    """Each run of consecutive unpaired rows, with the rows' indices."""
    for is_gap, group in groupby(enumerate(ctx.alignment), key=lambda row: row[1].is_gap):
        if is_gap:
            yield list(group)


def _first_unpaired_by_run(ctx: CheckContext) -> dict[int, dict[str, Clause | None]]:
    """For each unpaired row, the first clause of each side left unpaired in its run of consecutive unpaired
    rows (None for a side with none there): one pass over the alignment."""
    out: dict[int, dict[str, Clause | None]] = {}
    for rows in _gap_runs(ctx):
        first: dict[str, Clause | None] = {}
        for side, document in (("ar", ctx.ar), ("en", ctx.en)):
            indices = next((getattr(pair, side) for _, pair in rows if getattr(pair, side)), ())
            first[side] = document.clauses[indices[0]] if indices else None
        out.update((k, first) for k, _ in rows)
    return out


def _mirrored_english_gaps(ctx: CheckContext) -> set[int]:
    """The rows of English gaps that mirror an Arabic gap of the same run of unpaired rows: in each run, as
    many of its English gaps, in order, as it has Arabic gaps. A loose rendering or a sentence replaced leaves
    one clause of each side unpaired; the Arabic one is reported as the warning, the English one as info."""
    out: set[int] = set()
    for rows in _gap_runs(ctx):
        arabic = sum(1 for _, pair in rows if pair.ar)
        out.update([k for k, pair in rows if pair.en][:arabic])
    return out


def _where_missing(document: Document, name: str, last: int | None, first: int | None) -> str:
    """Where the side that lacks a gap's clause would have it: after ``last``, that side's last clause in the
    rows before the gap (" after English paragraph 9, line 9"), else before ``first``, its first clause."""
    if last is not None:
        clause = document.clauses[last]
        return f" (after {name} {_label([clause])}, line {clause.line})"
    if first is not None:
        clause = document.clauses[first]
        return f" (before {name} {_label([clause])}, line {clause.line})"
    return ""


def check_low_similarity(ctx: CheckContext) -> Iterator[Finding]:
    scores = np.array([p.score for p in ctx.alignment if p.score is not None])
    if scores.size == 0:
        return
    middle = median(scores)
    spread = 1.4826 * median(np.abs(scores - middle))
    spread = max(spread, ctx.config.low_similarity_spread)
    use_z = scores.size >= ctx.config.low_similarity_min_pairs
    for pair in ctx.alignment:
        if pair.score is None:
            continue
        ar_text, en_text = ctx.texts(pair)
        long_pair = min(len(ar_text), len(en_text)) >= 100
        worded = min(len(ar_text.split()), len(en_text.split())) >= ctx.config.low_similarity_min_words
        z = (middle - pair.score) / spread
        if pair.score < ctx.config.low_similarity_floor \
                or (long_pair and pair.score < ctx.config.low_similarity_long) \
                or (use_z and worded and z > ctx.config.low_similarity_z):
            ar, en = ctx.clauses(pair)
            yield Finding("low-similarity", "warning", "mistranslation", pair.ar, pair.en,
                          f"Arabic {_label(ar)} and English {_label(en)} are far less alike than the rest "
                          f"(similarity {pair.score:.2f}, document median {middle:.2f}): "
                          f"{quote(ar_text)} / {quote(en_text)}")


def check_numbers(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.dates import cross_calendar_spans
    from align.check.numbers import only_repeated, referred_relatively, unmatched_numbers

    for pair in ctx.alignment:
        if pair.is_gap:
            continue
        ar_text, en_text = ctx.texts(pair, blank_numbers=True)  # "9." on one side only is layout, not content
        only_ar, only_en = unmatched_numbers(ar_text, en_text)
        if only_ar or only_en:
            # «24 رجب 1436 هـ» against "13 May 2015": one day in two calendars, checked by date-mismatch
            dates_ar, dates_en = cross_calendar_spans(ar_text, en_text)
            only_ar = [m for m in only_ar if not any(s <= m.start < e for s, e in dates_ar)]
            only_en = [m for m in only_en if not any(s <= m.start < e for s, e in dates_en)]
        if bool(only_ar) != bool(only_en) and (only_repeated(only_ar, en_text, "en")
                                               or only_repeated(only_en, ar_text, "ar")):
            only_ar, only_en = [], []  # a value one side states again, not a number the other side lacks
        if bool(only_ar) != bool(only_en):  # "paragraph 1 above" / «الفقرة السابقة»: nothing to check it against
            relative = referred_relatively(only_ar, ar_text, "ar", en_text) + \
                referred_relatively(only_en, en_text, "en", ar_text)
            only_ar = [m for m in only_ar if m not in relative]
            only_en = [m for m in only_en if m not in relative]
        ar, en = ctx.clauses(pair)
        if markers_differ(ar[0].number, en[0].number):
            # two numbers are unambiguous; a letter against a letter or a number hinges on the list's order
            both_digits = ar[0].number.isdigit() and en[0].number.isdigit()
            yield Finding("number-mismatch", "error" if both_digits else "warning", "number", pair.ar, pair.en,
                          f"paragraph numbers differ: Arabic {_label(ar)} is numbered {ar[0].number}, "
                          f"English {_label(en)} is numbered {en[0].number}: {quote(ar_text)} / {quote(en_text)}")
        if not only_ar and not only_en:
            continue
        parts = []
        if only_ar:
            parts.append("Arabic has " + ", ".join(f"«{m.text}»" for m in only_ar) + " not in the English")
        if only_en:
            parts.append("English has " + ", ".join(f"«{m.text}»" for m in only_en) + " not in the Arabic")
        yield Finding("number-mismatch", _two_sided(only_ar, only_en), "number", pair.ar, pair.en,
                      f"numbers differ between Arabic {_label(ar)} and English {_label(en)}: "
                      f"{'; '.join(parts)}: {quote(ar_text, around=only_ar)} / {quote(en_text, around=only_en)}",
                      _file_spans(ar, ar_text, only_ar), _file_spans(en, en_text, only_en))


def _two_sided(only_ar: list, only_en: list) -> str:
    """Severity of a value check: two different values, one on each side, are unambiguous (an error); a
    value on one side only may be a year or month the other side leaves to the context, a name that reads as
    a month («مايو» Mayo), or layout residue (a warning)."""
    return "error" if only_ar and only_en else "warning"


def _pairs(ctx: CheckContext) -> Iterator[tuple[AlignedPair, str, str, list[Clause], list[Clause]]]:
    """Every non-gap row with its joined texts and clauses."""
    for pair in ctx.alignment:
        if not pair.is_gap:
            ar, en = ctx.clauses(pair)
            yield pair, *ctx.texts(pair), ar, en


def _both(ar: list[Clause], en: list[Clause]) -> str:
    return f"Arabic {_label(ar)} / English {_label(en)}"


def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.dates import unmatched_dates

    for pair, ar_text, en_text, ar, en in _pairs(ctx):
        only_ar, only_en = unmatched_dates(ar_text, en_text)
        if not only_ar and not only_en:
            continue
        parts = [f"{side} has " + ", ".join(f"«{d.text}»" for d in dates) + f" not in the {other}"
                 for side, other, dates in (("Arabic", "English", only_ar), ("English", "Arabic", only_en)) if dates]
        yield Finding("date-mismatch", _two_sided(only_ar, only_en), "mistranslation", pair.ar, pair.en,
                      f"dates differ in {_both(ar, en)}: {'; '.join(parts)}: {quote(ar_text, around=only_ar)} / "
                      f"{quote(en_text, around=only_en)}",
                      _file_spans(ar, ar_text, only_ar), _file_spans(en, en_text, only_en))


def check_symbols(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.numbers import SYMBOL_PATTERN

    for pair, ar_text, en_text, ar, en in _pairs(ctx):
        found = {side: list(SYMBOL_PATTERN.finditer(text)) for side, text in (("ar", ar_text), ("en", en_text))}
        if not found["ar"] and not found["en"]:
            continue
        skeletons = {side: [symbol_skeleton(m.group()) for m in matches] for side, matches in found.items()}
        only = {side: [m for m, sk in zip(found[side], skeletons[side]) if sk not in skeletons[other]]
                for side, other in (("ar", "en"), ("en", "ar"))}
        if not only["ar"] and not only["en"]:
            continue
        parts = [f"{name} has " + ", ".join(f"«{m.group()}»" for m in only[side]) + " with no match"
                 for side, name in (("ar", "Arabic"), ("en", "English")) if only[side]]
        yield Finding("symbol-mismatch", _two_sided(only["ar"], only["en"]), "mistranslation", pair.ar, pair.en,
                      f"document symbols differ in {_both(ar, en)}: {'; '.join(parts)}",
                      _file_spans(ar, ar_text, [_Mention(m) for m in only["ar"]]),
                      _file_spans(en, en_text, [_Mention(m) for m in only["en"]]))


@dataclass(frozen=True)
class _Mention:
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
    for pair, ar_text, en_text, ar, en in _pairs(ctx):
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
                      f"terms differ in {_both(ar, en)}: {'; '.join(parts)}",
                      _file_spans(ar, ar_text, only_ar if only_ar else lacking),
                      _file_spans(en, en_text, only_en if only_en else lacking))


NEAR_SPELLING_LETTERS = 6  # shorter names differ by a letter from other names (Iran, Iraq)
_AR_NAME_PREFIX = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")


def _near_spelling(mention: "TermMention", text: str) -> "_Phrase | None":
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
    near = next((_Phrase(w.start(), w.group()) for w in words if len(bare(w.group())) >= NEAR_SPELLING_LETTERS
                 and any(_within_one_letter(bare(w.group()), n) for n in names)), None)
    if near is not None or lang != "ar":
        return near
    # an English name the Arabic writes letter for letter, as a person's or a city's name: "Jordan Spieth"
    skeleton = latin_skeleton(mention.text)
    if len(skeleton) < TRANSLITERATION_CONSONANTS or " " in mention.text.strip():
        return None
    return next((_Phrase(w.start(), w.group()) for w in words if arabic_skeleton(w.group()) == skeleton), None)


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


def check_verbs(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in _pairs(ctx):
        if ar[0].kind == "framing":
            continue
        ar_verbs = [expressed(c.text, c.verb) for c in ar if c.verb]
        en_verbs = [expressed(c.text, c.verb) for c in en if c.verb]
        if not ar_verbs or not en_verbs:
            continue
        first_ar, first_en = expressed(ar[0].text, ar[0].verb), expressed(en[0].text, en[0].verb)
        if first_ar and first_en:
            clash = not verbs_compatible(first_ar, first_en)
        else:
            clash = not any(verbs_compatible(a, e) for a in ar_verbs for e in en_verbs)
        if clash:
            shown_ar, shown_en = first_ar or ar_verbs[0], first_en or en_verbs[0]
            # an error where both clauses open with their verb as resolutions do («يدين» / "Condemns"); in
            # narrative text («أقر المجلس…» / "At its meeting, the Council endorsed") the verb is the
            # lexicon's guess: a warning when the two take opposite stands, else info (dev unv1: the seven
            # narrative clashes of other kinds were all freer wordings, «ورُفضت ستة طلبات» / "Six requests
            # ... were denied" read as reject against request)
            formal = opens_with_verb(ar[0], "ar") and opens_with_verb(en[0], "en")
            severity = "error" if formal else "warning" if verbs_opposed(shown_ar, shown_en) else "info"
            ar_verb = [m for m in [_verb_mention(ar, ar_text, "ar")] if m]
            en_verb = [m for m in [_verb_mention(en, en_text, "en")] if m]
            yield Finding("verb-mismatch", severity, "mistranslation", pair.ar, pair.en,
                          f"operative verbs differ in {_both(ar, en)}: Arabic '{shown_ar}' "
                          f"({VERB_FAMILIES.get(shown_ar, shown_ar)}) against English '{shown_en}' "
                          f"({VERB_FAMILIES.get(shown_en, shown_en)}): {quote(ar_text, 60, ar_verb)} / "
                          f"{quote(en_text, 60, en_verb)}",
                          _file_spans(ar, ar_text, ar_verb), _file_spans(en, en_text, en_verb))


def _verb_mention(clauses: list[Clause], joined: str, lang: str) -> VerbMention | None:
    """Where the verb the verb check compared is written in ``joined`` (the first clause that has one)."""
    offset = 0
    for clause in clauses:
        found = verb_mention(clause.text, lang, clause.verb) if clause.verb else None
        if found:
            return VerbMention(found.text, offset + found.start)
        offset += len(clause.text) + 1
    return None


def check_negation(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in _pairs(ctx):
        neg_ar, neg_en = negations_in_names(ar_text, negations(ar_text, "ar"), en_text, negations(en_text, "en"))
        if not negation_differs(neg_ar, neg_en, len(ar_text), len(en_text)):
            continue
        strong_ar = [m for m in neg_ar if m.strong]
        strong_en = [m for m in neg_en if m.strong]
        shown = {side: ", ".join(f"«{m.text}»" for m in found) or "none"
                 for side, found in (("ar", strong_ar), ("en", strong_en))}
        yield Finding("negation-mismatch", "warning", "mistranslation", pair.ar, pair.en,
                      f"negations differ in {_both(ar, en)}: Arabic {shown['ar']}, English {shown['en']}: "
                      f"{quote(ar_text, around=strong_ar)} / {quote(en_text, around=strong_en)}",
                      _file_spans(ar, ar_text, strong_ar), _file_spans(en, en_text, strong_en))


def check_untranslated(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in _pairs(ctx):
        latin = [m for m in latin_words_in_arabic(ar_text) if not is_original_name(ar_text, m, en_text)]
        arabic = arabic_words_in_english(en_text)
        if latin and names_kept_as_in_english(ar_text, latin, en_text) and not _glossary_terms(ctx, ar_text, latin):
            yield Finding("untranslated", "info", "untranslated", pair.ar, pair.en,
                          f"names kept in Latin script in Arabic {_label(ar)}, as the English writes them: "
                          + ", ".join(f"«{m.text}»" for m in latin[:8]),
                          _file_spans(ar, ar_text, latin), ())
        elif latin and header_as_in_english(ar_text, latin, en_text):
            yield Finding("untranslated", "info", "untranslated", pair.ar, pair.en,
                          f"Arabic {_label(ar)} is a header printed as in the English: "
                          + ", ".join(f"«{m.text}»" for m in latin), _file_spans(ar, ar_text, latin), ())
        elif latin:
            yield Finding("untranslated", "warning", "untranslated", pair.ar, pair.en,
                          f"Latin-script words left in Arabic {_label(ar)}: "
                          + ", ".join(f"«{m.text}»" for m in latin[:8]),
                          _file_spans(ar, ar_text, latin), ())
        if arabic:
            yield Finding("untranslated", "warning", "untranslated", pair.ar, pair.en,
                          f"Arabic words left in English {_label(en)}: "
                          + ", ".join(f"«{m.text}»" for m in arabic[:8]),
                          (), _file_spans(en, en_text, arabic))


def _glossary_terms(ctx: CheckContext, text: str, words) -> bool:
    """Whether one of ``words`` is part of an English glossary term in ``text``: a name with an Arabic
    rendering ("Secretary-General"), which an Arabic text should give in Arabic."""
    mentions = ctx.glossary.find(text, "en") if ctx.glossary is not None else []
    return any(m.start <= w.start < m.end for m in mentions for w in words)


def check_length_ratio(ctx: CheckContext) -> Iterator[Finding]:
    rows = [(pair, ar_text, en_text, ar, en) for pair, ar_text, en_text, ar, en in _pairs(ctx)
            if min(len(ar_text), len(en_text)) >= ctx.config.length_ratio_min_chars]
    if len(rows) < 3:
        return
    ratios = np.log([len(a) / len(e) for _, a, e, _, _ in rows])
    typical = median(ratios)
    limit = np.log(ctx.config.length_ratio_factor)
    for (pair, ar_text, en_text, ar, en), ratio in zip(rows, ratios):
        if abs(ratio - typical) > limit:
            longer = "Arabic" if ratio > typical else "English"
            yield Finding("length-ratio", "warning", "omission" if longer == "English" else "addition",
                          pair.ar, pair.en,
                          f"the {longer} of {_both(ar, en)} is {np.exp(abs(ratio - typical)):.1f} times longer "
                          f"than this document's usual ratio ({len(ar_text)} against {len(en_text)} characters): "
                          f"{quote(ar_text, 60)} / {quote(en_text, 60)}")


@dataclass(frozen=True)
class _Phrase:
    start: int
    text: str


def check_partial_omission(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.partial import document_threshold, typical_similarity, unrendered_phrase

    threshold = ctx.config.partial_omission_threshold
    if threshold is None or ctx.embedder is None:
        return
    typical = typical_similarity(p.score for p in ctx.alignment
                                 if len(p.ar) == 1 and len(p.en) == 1 and p.score is not None)
    threshold = document_threshold(threshold, typical, ctx.config.partial_omission_reference,
                                   ctx.config.partial_omission_freedom)
    lexicon = ctx.config.lexicon()
    for pair in ctx.alignment:
        if pair.is_gap:
            continue
        ar_text, en_text = ctx.texts(pair, blank_numbers=True)  # a paragraph number is not a phrase
        found = unrendered_phrase(ar_text, en_text, ctx.embedder, threshold, lexicon,
                                  ctx.config.partial_omission_word_weight)
        if found is None:
            continue
        ar, en = ctx.clauses(pair)
        on_arabic = found.side == "ar"
        has, lacks = (("Arabic", ar), ("English", en)) if on_arabic else (("English", en), ("Arabic", ar))
        spans = _file_spans(has[1], ar_text if on_arabic else en_text, [_Phrase(found.start, found.text)])
        yield Finding("partial-omission", "warning", "omission" if on_arabic else "addition", pair.ar, pair.en,
                      f"possible omission: {has[0]} {_label(has[1])} has {quote(found.text, 70)}, which the "
                      f"{lacks[0]} {_label(lacks[1])} may not render (the pair reads {found.similarity:.2f}, "
                      f"{found.without:.2f} without it{_unmatched(found.unmatched, lacks[0])})",
                      spans if on_arabic else (), () if on_arabic else spans)


def _unmatched(words: int, lacks: str) -> str:
    if not words:
        return ""
    return f"; {'one of its words has' if words == 1 else f'{words} of its words have'} no counterpart in the {lacks}"


def check_duplicates(ctx: CheckContext) -> Iterator[Finding]:
    for lang, document in (("ar", ctx.ar), ("en", ctx.en)):
        seen: dict[str, Clause] = {}
        for clause in document.clauses:
            if len(clause.text) < ctx.config.duplicate_min_chars:
                continue
            key = normalize(clause.text)
            if key in seen:
                first = seen[key]
                name = "Arabic" if lang == "ar" else "English"
                indices = (first.index, clause.index)
                yield Finding("duplicate", "warning", "addition", indices if lang == "ar" else (),
                              indices if lang == "en" else (),
                              f"{name} clauses of {_label([first])} and {_label([clause])} are the same text: "
                              f"{quote(clause.text)}")
            else:
                seen[key] = clause


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("gap", "error", "omission/addition",
          "a clause with no counterpart on the other side; says which side lacks it; a warning when a clause of "
          "the other side is unpaired at the same place (a loose rendering, or a sentence replaced), reported "
          "once: the Arabic clause's gap is the warning, the English clause's beside it info", check_gap),
    Check("low-similarity", "warning", "mistranslation",
          "an aligned pair far below the document's typical similarity, or under an absolute floor; a pair with a "
          "side of fewer than four words (a heading, a date) only under the floor", check_low_similarity),
    Check("number-mismatch", "error", "number",
          "numbers compared by value (Western, Arabic-Indic and Persian digits, separators, ranges, "
          "number words and ordinals, Roman numerals, reversed UN digit groups); an error when each side has a "
          "value the other lacks, a warning when one side only has one, or a list letter is out of order; page "
          "references, a range that lost its dash (1564 / 15-64), a Hijri date naming the other side's "
          "Gregorian day, a value one side repeats (HFC-23 (HFC-23) / HFC-23) and a paragraph or article number "
          "the other side refers to relatively (paragraph 1 above / الفقرة السابقة) are not reported",
          check_numbers),
    Check("date-mismatch", "error", "mistranslation",
          "day, month and year compared as dates (all Arabic month-name systems, UN pairs, Hijri); an error "
          "when the two sides give different dates, a warning when one side only has one; a month name that is "
          "also a word or a name (مارس, مايو, نيسان, May) is a month only beside a day, a year or a cue (في مايو, "
          "in May)", check_dates),
    Check("symbol-mismatch", "error", "mistranslation",
          "document symbols and resolution numbers compared as whole tokens (77/1 is not 1/77); an error when "
          "the two sides give different symbols, a warning when one side only has one", check_symbols),
    Check("term-mismatch", "error", "terminology",
          "a glossary term (states, UN and OIC bodies, fixed terms) with no counterpart in the aligned "
          "clause; an error when names of one kind are swapped, a warning when one is missing, info when the "
          "only one missing is a name texts often leave to context (the United Nations in its own documents: "
          "«قوة الأمم المتحدة» / \"the Force\"; glossary tag implied) or when the side that lacks it has an "
          "acronym the glossary does not know, which may stand for it (\"the LCBC Member States\" / «لجنة حوض "
          "بحيرة تشاد»); a term coordinated with another of its head holds it («القانون الوطني والدولي» / "
          "\"international and national law\"), and an Arabic whose words lost their spaces («الصينوروسيا») is "
          "searched without them; info too when the side that lacks it spells a word like it, within a letter "
          "(\"Columbia University\" / «جامعة كولومبيا») or letter for letter (\"Jordan Spieth\" / «جوردان سبيث»)",
          check_terms),
    Check("verb-mismatch", "error", "mistranslation",
          "operative verbs of different families (condemns against welcomes); an error when both clauses open "
          "with their verb, as resolutions do; in narrative text, where the verb is the lexicon's guess, a warning "
          "when the two take opposite stands (welcomes against condemns), else info", check_verbs),
    Check("negation-mismatch", "warning", "mistranslation",
          "a strong negation (لا لم لن ليس, ما كان ل… / not, no, never) on one side only, unless a negative word "
          "of the other side (عدم غير دون تعذر تفتقر ما لم, لم … يذكر / without, lack, rather than, yet to, hardly, "
          "un-, il-, non-, in-…-able, not … until, no … other than, cannot … anything but) at the same place "
          "renders it; idioms and constructions that negate nothing (لا غنى عنه, لا يقل عن, غير أن, أم لا / "
          "or not, ليس … سوى, لا … عدا, ليس … فحسب بل / not only, لا يقتصر على / not limited to, ألا وهو, "
          "cannot but, couldn't help, not far from) excepted; a negation repeated for a second member counts "
          "once (ليس … وليس, ولا before a noun / nothing … or, neither … nor), or once or twice, as the other "
          "side needs, when «أو» repeats it before a second verb (لم … أو لم); words of a name are no negation "
          "(لا for the particle La, No in a title the Arabic keeps in Latin script, an Arabic word that spells a "
          "name of the English: فليس / Fleiss)",
          check_negation),
    Check("untranslated", "warning", "untranslated",
          "Latin-script words left in the Arabic (acronyms and symbols excepted, and the original of a name the "
          "Arabic renders, given in brackets or quotes as the English has it) or Arabic in the English; info "
          "when they are names kept in their original script, in Arabic running text, as the English writes them "
          "(«مهرجان النبيذ Rüdesheim»; not a name the glossary gives in Arabic, not a line left wholly in English), "
          "or a header of four words or fewer printed word for word as in the English (\"6 February 2015\")",
          check_untranslated),
    Check("length-ratio", "warning", "omission/addition",
          "a pair far outside the document's own Arabic/English length ratio", check_length_ratio),
    Check("duplicate", "warning", "addition", "the same clause twice on one side", check_duplicates),
    Check("partial-omission", "warning", "omission/addition",
          "a phrase of 2-12 words that one side has and the other may not render: the pair reads more alike "
          "without it, and a word-translation table learned from official UN text finds no counterpart for its "
          "words; calibrated to about 1 flag per 100 untouched official pairs (--partial-omission strict: "
          "3; off), asking more of a freely translated document (its pairs typically less alike); use backend "
          "only", check_partial_omission),
)}


def _without_repeated_phrases(findings: list[Finding]) -> list[Finding]:
    """Without the partial-omission findings whose phrase a more specific finding of the same pair (a warning or
    an error) already marks: "By 2030" missing from the Arabic is one number-mismatch, not also a phrase."""
    marked = {}
    for f in findings:
        if f.check != "partial-omission" and f.severity != "info":
            marked.setdefault((f.ar, f.en), []).extend((*(("ar", s) for s in f.ar_spans),
                                                        *(("en", s) for s in f.en_spans)))

    def repeated(f: Finding) -> bool:
        phrases = [("ar", s) for s in f.ar_spans] + [("en", s) for s in f.en_spans]
        return any(side == other and span.start < mark.end and mark.start < span.end
                   for side, span in phrases for other, mark in marked.get((f.ar, f.en), ()))

    return [f for f in findings if f.check != "partial-omission" or not repeated(f)]


def run_checks(ctx: CheckContext, selected: list[str] | None = None) -> list[Finding]:
    """Findings of the selected checks (all by default), in alignment order."""
    findings: list[Finding] = []
    for check_id in selected or list(CHECKS):
        findings.extend(CHECKS[check_id].run(ctx))
    findings = _without_repeated_phrases(findings)
    row_of = {}
    for k, pair in enumerate(ctx.alignment):
        for i in pair.ar:
            row_of[("ar", i)] = k
        for j in pair.en:
            row_of[("en", j)] = k

    def position(f: Finding) -> int:
        if f.ar:
            return row_of.get(("ar", f.ar[0]), 0)
        return row_of.get(("en", f.en[0]), 0) if f.en else 0

    findings.sort(key=position)
    return findings
