"""``duplicate``: the same clause twice on one side."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, paragraph_label, quote
from align.check.findings import Finding
from align.segment.clauses import Clause
from align.text.normalize import normalize


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
                              f"{name} clauses of {paragraph_label([first])} and {paragraph_label([clause])} are the "
                              f"same text: {quote(clause.text)}")
            else:
                seen[key] = clause
