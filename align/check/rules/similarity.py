"""``low-similarity``: an aligned pair far below the document's typical similarity, or under a floor."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from align.check.base import CheckContext, paragraph_label, quote
from align.check.findings import Finding
from align.text.stats import median


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
                          f"Arabic {paragraph_label(ar)} and English {paragraph_label(en)} are far less alike than the "
                          f"rest (similarity {pair.score:.2f}, document median {middle:.2f}): "
                          f"{quote(ar_text)} / {quote(en_text)}")
