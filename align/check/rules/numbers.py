"""``number-mismatch``: numbers compared by value (:mod:`align.check.numbers` reads them)."""

from __future__ import annotations

from typing import Iterator

from align.check.base import CheckContext, file_spans, paragraph_label, quote, value_severity
from align.check.findings import Finding
from align.segment.clauses import markers_differ


def check_numbers(ctx: CheckContext) -> Iterator[Finding]:
    from align.check.dates import cross_calendar_spans
    from align.check.numbers import only_repeated, referred_relatively, unmatched_numbers

    for pair in ctx.alignment:
        if pair.is_gap:
            continue
        ar_text, en_text = ctx.texts(pair, blank_numbers=True)  # "9." on one side only is layout, not content
        only_ar, only_en = unmatched_numbers(ar_text, en_text)
        if only_ar or only_en:
            # «24 رجب 1436 هـ» against "13 May 2015": one day in two calendars, checked by date-mismatch
            dates_ar, dates_en = cross_calendar_spans(ar_text, en_text)
            only_ar = [m for m in only_ar if not any(s <= m.start < e for s, e in dates_ar)]
            only_en = [m for m in only_en if not any(s <= m.start < e for s, e in dates_en)]
        if bool(only_ar) != bool(only_en) and (only_repeated(only_ar, en_text, "en")
                                               or only_repeated(only_en, ar_text, "ar")):
            only_ar, only_en = [], []  # a value one side states again, not a number the other side lacks
        if bool(only_ar) != bool(only_en):  # "paragraph 1 above" / «الفقرة السابقة»: nothing to check it against
            relative = referred_relatively(only_ar, ar_text, "ar", en_text) + \
                referred_relatively(only_en, en_text, "en", ar_text)
            only_ar = [m for m in only_ar if m not in relative]
            only_en = [m for m in only_en if m not in relative]
        ar, en = ctx.clauses(pair)
        if markers_differ(ar[0].number, en[0].number):
            # two numbers are unambiguous; a letter against a letter or a number hinges on the list's order
            both_digits = ar[0].number.isdigit() and en[0].number.isdigit()
            yield Finding("number-mismatch", "error" if both_digits else "warning", "number", pair.ar, pair.en,
                          f"paragraph numbers differ: Arabic {paragraph_label(ar)} is numbered {ar[0].number}, "
                          f"English {paragraph_label(en)} is numbered {en[0].number}: {quote(ar_text)} / "
                          f"{quote(en_text)}")
        if not only_ar and not only_en:
            continue
        parts = []
        if only_ar:
            parts.append("Arabic has " + ", ".join(f"«{m.text}»" for m in only_ar) + " not in the English")
        if only_en:
            parts.append("English has " + ", ".join(f"«{m.text}»" for m in only_en) + " not in the Arabic")
        yield Finding("number-mismatch", value_severity(only_ar, only_en), "number", pair.ar, pair.en,
                      f"numbers differ between Arabic {paragraph_label(ar)} and English {paragraph_label(en)}: "
                      f"{'; '.join(parts)}: {quote(ar_text, around=only_ar)} / {quote(en_text, around=only_en)}",
                      file_spans(ar, ar_text, only_ar), file_spans(en, en_text, only_en))
