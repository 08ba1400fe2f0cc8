"""``partial-omission``: a phrase one side has and the other may not render (evidence from
:mod:`align.check.partial`).
"""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, Phrase, file_spans, paragraph_label, quote
from align.check.findings import Finding


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
    rows = [pair for pair in ctx.alignment if not pair.is_gap]
    for done, pair in enumerate(rows):
        ctx.advance("partial-omission", done, len(rows))
        ar_text, en_text = ctx.texts(pair, blank_numbers=True)  # a paragraph number is not a phrase
        found = unrendered_phrase(ar_text, en_text, ctx.embedder, threshold, lexicon,
                                  ctx.config.partial_omission_word_weight)
        if found is None:
            continue
        ar, en = ctx.clauses(pair)
        on_arabic = found.side == "ar"
        has, lacks = (("Arabic", ar), ("English", en)) if on_arabic else (("English", en), ("Arabic", ar))
        spans = file_spans(has[1], ar_text if on_arabic else en_text, [Phrase(found.start, found.text)])
        yield Finding("partial-omission", "warning", "omission" if on_arabic else "addition", pair.ar, pair.en,
                      f"possible omission: {has[0]} {paragraph_label(has[1])} has {quote(found.text, 70)}, which the "
                      f"{lacks[0]} {paragraph_label(lacks[1])} may not render (the pair reads {found.similarity:.2f}, "
                      f"{found.without:.2f} without it{_unmatched(found.unmatched, lacks[0])})",
                      spans if on_arabic else (), () if on_arabic else spans)


def _unmatched(words: int, lacks: str) -> str:
    if not words:
        return ""
    return f"; {'one of its words has' if words == 1 else f'{words} of its words have'} no counterpart in the {lacks}"
