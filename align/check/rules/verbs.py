"""``verb-mismatch``: operative verbs of different families (:mod:`align.segment.verbs`)."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, both_paragraphs, file_spans, pair_texts, quote
from align.check.findings import Finding
from align.segment.clauses import Clause, VerbMention, opens_with_verb, verb_mention
from align.segment.verbs import VERB_FAMILIES, expressed, verbs_compatible, verbs_opposed


def check_verbs(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
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
            # lexicon's guess: a warning when the two take opposite stands, else info (a narrative clash of
            # other kinds is mostly a freer wording: «ورُفضت ستة طلبات» / "Six requests ... were denied" reads
            # as reject against request)
            formal = opens_with_verb(ar[0], "ar") and opens_with_verb(en[0], "en")
            severity = "error" if formal else "warning" if verbs_opposed(shown_ar, shown_en) else "info"
            ar_verb = [m for m in [_verb_mention(ar, ar_text, "ar")] if m]
            en_verb = [m for m in [_verb_mention(en, en_text, "en")] if m]
            yield Finding("verb-mismatch", severity, "mistranslation", pair.ar, pair.en,
                          f"operative verbs differ in {both_paragraphs(ar, en)}: Arabic '{shown_ar}' "
                          f"({VERB_FAMILIES.get(shown_ar, shown_ar)}) against English '{shown_en}' "
                          f"({VERB_FAMILIES.get(shown_en, shown_en)}): {quote(ar_text, 60, ar_verb)} / "
                          f"{quote(en_text, 60, en_verb)}",
                          file_spans(ar, ar_text, ar_verb), file_spans(en, en_text, en_verb))


def _verb_mention(clauses: list[Clause], joined: str, lang: str) -> VerbMention | None:
    """Where the verb the verb check compared is written in ``joined`` (the first clause that has one)."""
    offset = 0
    for clause in clauses:
        found = verb_mention(clause.text, lang, clause.verb) if clause.verb else None
        if found:
            return VerbMention(found.text, offset + found.start)
        offset += len(clause.text) + 1
    return None
