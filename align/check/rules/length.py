"""``length-ratio``: a pair far outside the document's own Arabic/English length ratio."""

from __future__ import annotations

from typing import Iterator

import numpy as np

from align.check.base import CheckContext, both_paragraphs, pair_texts, quote
from align.check.findings import Finding
from align.text.stats import median


def check_length_ratio(ctx: CheckContext) -> Iterator[Finding]:
    rows = [(pair, ar_text, en_text, ar, en) for pair, ar_text, en_text, ar, en in pair_texts(ctx)
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
                          f"the {longer} of {both_paragraphs(ar, en)} is {np.exp(abs(ratio - typical)):.1f} times "
                          f"longer than this document's usual ratio ({len(ar_text)} against {len(en_text)} "
                          f"characters): "
                          f"{quote(ar_text, 60)} / {quote(en_text, 60)}")
