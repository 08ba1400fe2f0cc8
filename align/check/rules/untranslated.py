"""``untranslated``: words left in the other side's script."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, file_spans, pair_texts, paragraph_label
from align.check.findings import Finding
from align.check.markers import (arabic_words_in_english, header_as_in_english, is_original_name, latin_words_in_arabic,
                                 names_kept_as_in_english)


def check_untranslated(ctx: CheckContext) -> Iterator[Finding]:
    for pair, ar_text, en_text, ar, en in pair_texts(ctx):
        latin = [m for m in latin_words_in_arabic(ar_text) if not is_original_name(ar_text, m, en_text)]
        arabic = arabic_words_in_english(en_text)
        if latin and names_kept_as_in_english(ar_text, latin, en_text) and not _glossary_terms(ctx, ar_text, latin):
            yield Finding("untranslated", "info", "untranslated", pair.ar, pair.en,
                          f"names kept in Latin script in Arabic {paragraph_label(ar)}, as the English writes them: "
                          + ", ".join(f"«{m.text}»" for m in latin[:8]),
                          file_spans(ar, ar_text, latin), ())
        elif latin and header_as_in_english(ar_text, latin, en_text):
            yield Finding("untranslated", "info", "untranslated", pair.ar, pair.en,
                          f"Arabic {paragraph_label(ar)} is a header printed as in the English: "
                          + ", ".join(f"«{m.text}»" for m in latin), file_spans(ar, ar_text, latin), ())
        elif latin:
            yield Finding("untranslated", "warning", "untranslated", pair.ar, pair.en,
                          f"Latin-script words left in Arabic {paragraph_label(ar)}: "
                          + ", ".join(f"«{m.text}»" for m in latin[:8]),
                          file_spans(ar, ar_text, latin), ())
        if arabic:
            yield Finding("untranslated", "warning", "untranslated", pair.ar, pair.en,
                          f"Arabic words left in English {paragraph_label(en)}: "
                          + ", ".join(f"«{m.text}»" for m in arabic[:8]),
                          (), file_spans(en, en_text, arabic))


def _glossary_terms(ctx: CheckContext, text: str, words) -> bool:
    """Whether one of ``words`` is part of an English glossary term in ``text``: a name with an Arabic
    rendering ("Secretary-General"), which an Arabic text should give in Arabic."""
    mentions = ctx.glossary.find(text, "en") if ctx.glossary is not None else []
    return any(m.start <= w.start < m.end for m in mentions for w in words)
