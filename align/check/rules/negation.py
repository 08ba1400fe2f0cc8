"""``negation-mismatch``: a strong negation on one side only (:mod:`align.check.markers` finds them)."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, both_paragraphs, file_spans, pair_texts, quote
from align.check.findings import Finding
from align.check.markers import negation_differs, negations, negations_in_names


def check_negation(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
        neg_ar, neg_en = negations_in_names(ar_text, negations(ar_text, "ar"), en_text, negations(en_text, "en"))
        if not negation_differs(neg_ar, neg_en, len(ar_text), len(en_text)):
            continue
        strong_ar = [m for m in neg_ar if m.strong]
        strong_en = [m for m in neg_en if m.strong]
        shown = {side: ", ".join(f"«{m.text}»" for m in found) or "none"
                 for side, found in (("ar", strong_ar), ("en", strong_en))}
        yield Finding("negation-mismatch", "warning", "mistranslation", pair.ar, pair.en,
                      f"negations differ in {both_paragraphs(ar, en)}: Arabic {shown['ar']}, English {shown['en']}: "
                      f"{quote(ar_text, around=strong_ar)} / {quote(en_text, around=strong_en)}",
                      file_spans(ar, ar_text, strong_ar), file_spans(en, en_text, strong_en))
