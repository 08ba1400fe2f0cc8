"""``symbol-mismatch``: document symbols and resolution numbers compared as whole tokens."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, both_paragraphs, file_spans, pair_texts, value_severity
from align.check.findings import Finding
from align.check.markers import symbol_skeleton
from align.check.rules.terms import Mention


def check_symbols(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.numbers import SYMBOL_PATTERN

    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
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
        yield Finding("symbol-mismatch", value_severity(only["ar"], only["en"]), "mistranslation", pair.ar, pair.en,
                      f"document symbols differ in {both_paragraphs(ar, en)}: {'; '.join(parts)}",
                      file_spans(ar, ar_text, [Mention(m) for m in only["ar"]]),
                      file_spans(en, en_text, [Mention(m) for m in only["en"]]))
