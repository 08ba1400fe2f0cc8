"""``date-mismatch``: dates compared as dates (:mod:`align.check.dates` reads them)."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, both_paragraphs, file_spans, pair_texts, quote, value_severity
from align.check.findings import Finding


def check_dates(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.dates import unmatched_dates

    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
        only_ar, only_en = unmatched_dates(ar_text, en_text)
        if not only_ar and not only_en:
            continue
        parts = [f"{side} has " + ", ".join(f"«{d.text}»" for d in dates) + f" not in the {other}"
                 for side, other, dates in (("Arabic", "English", only_ar), ("English", "Arabic", only_en)) if dates]
        yield Finding("date-mismatch", value_severity(only_ar, only_en), "mistranslation", pair.ar, pair.en,
                      f"dates differ in {both_paragraphs(ar, en)}: {'; '.join(parts)}: "
                      f"{quote(ar_text, around=only_ar)} / {quote(en_text, around=only_en)}",
                      file_spans(ar, ar_text, only_ar), file_spans(en, en_text, only_en))
