"""The registry of checks: :data:`CHECKS` (id, default severity, MQM/ITS category, rule) is what the pipeline
runs, ``align checks`` lists and ``docs/checks.md`` is generated from; :func:`run_checks` runs the selected
ones and orders their findings by alignment row.
"""

from __future__ import annotations

import time

from align.check.base import Check, CheckConfig, CheckContext, quote
from align.check.findings import Finding, row_of_finding
from align.check.rules.dates import check_dates
from align.check.rules.duplicates import check_duplicates
from align.check.rules.gap import check_gap
from align.check.rules.length import check_length_ratio
from align.check.rules.negation import check_negation
from align.check.rules.numbers import check_numbers
from align.check.rules.partial import check_partial_omission
from align.check.rules.similarity import check_low_similarity
from align.check.rules.symbols import check_symbols
from align.check.rules.terms import check_terms
from align.check.rules.untranslated import check_untranslated
from align.check.rules.verbs import check_verbs

__all__ = ["CHECKS", "Check", "CheckConfig", "CheckContext", "quote", "run_checks"]


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("gap", "error", "omission/addition",
          "a clause with no counterpart on the other side; says which side lacks it; a warning when a clause of "
          "the other side is unpaired at the same place (a loose rendering, or a sentence replaced), reported "
          "once: the Arabic clause's gap is the warning, the English clause's beside it info; the clauses of one "
          "paragraph unpaired together (a paragraph missing) are one finding naming them all", check_gap),
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


# A finding a more specific one of the same pair already says: (the checks that say it, None for any; whether
# each of its spans must lie inside theirs, or one overlap is enough). "By 2030" missing from the Arabic is one
# number-mismatch, not also a phrase; «11 نوفمبر 2024» against "November 12, 2024" is one date-mismatch, not also
# a number-mismatch for «11» and «12» (a number that differs outside the dates is still its own finding).
_SAID_BY = {"partial-omission": (None, False), "number-mismatch": (("date-mismatch",), True)}


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """Without the findings :data:`_SAID_BY` says a more specific finding (a warning or an error) of the same
    pair already marks."""
    def marks(f: Finding) -> list:
        return [("ar", s) for s in f.ar_spans] + [("en", s) for s in f.en_spans]

    def repeated(f: Finding) -> bool:
        checks, inside = _SAID_BY[f.check]
        others = [mark for g in findings if g.check != f.check and g.severity != "info" and (g.ar, g.en) == (f.ar, f.en)
                  and (checks is None or g.check in checks) for mark in marks(g)]

        def said(side: str, span) -> bool:
            return any(side == other and (mark.start <= span.start and span.end <= mark.end if inside
                                          else span.start < mark.end and mark.start < span.end)
                       for other, mark in others)

        spans = marks(f)
        return bool(spans) and (all if inside else any)(said(side, span) for side, span in spans)

    return [f for f in findings if f.check not in _SAID_BY or not repeated(f)]


def run_checks(ctx: CheckContext, selected: list[str] | None = None,
               seconds: dict[str, float] | None = None) -> list[Finding]:
    """Findings of the selected checks (all by default), in alignment order; ``seconds``, when given, gets
    each check's time."""
    findings: list[Finding] = []
    for check_id in selected or list(CHECKS):
        started = time.perf_counter()
        findings.extend(CHECKS[check_id].run(ctx))
        if seconds is not None:
            seconds[check_id] = time.perf_counter() - started
    findings = _without_repeats(findings)
    findings.sort(key=row_of_finding(ctx.alignment))
    return findings
