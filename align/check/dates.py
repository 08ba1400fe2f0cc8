"""Dates as dates in Arabic and English text.

:func:`find_dates` reads calendar dates built around a month name:

* English: "25 August 2025", "August 25, 2025", "Monday, August 25, 2025", "July 9", "9 July",
  "September 2025", day lists and ranges ("21 and 22 June 2025", "4-13 February 2015",
  "July 28 to 30, 2025"), abbreviations ("Aug. 25"); Hijri months ("Rabi al-Awwal 1447",
  "Muharram") and Hijri years ("1447 AH");
* Arabic: every month-name system: Egyptian/Gulf (يناير ... ديسمبر, يونيه/يوليه),
  Levantine/Iraqi (كانون الثاني ... كانون الأول), Maghreb (جانفي فيفري أفريل ماي جوان جويلية
  أوت), Moroccan (غشت شتنبر نونبر دجنبر) and the UN pairing «حزيران/يونيه» (one month); Hijri
  months (محرم ... ذو الحجة) and years («1447 هـ»). Days are digits or ordinal words («الرابع من
  حزيران», «الحادي عشر من نوفمبر»); a year may follow «عام»/«سنة»/«لعام». English dates quoted
  inside Arabic text are read too. ISO dates (2025-08-25) in both languages.

Month names that are also common words (Arabic «مارس» "practised", «آب»/«أب», «ماي», «صفر»
"zero", «رمضان», «رجب», «شعبان», «شوال», «محرم»; English abbreviations and Hijri months; "May"
and "March" at the start of a sentence) count only next to a day or a year. A year alone is not a
date, except a Hijri year («1447 هـ», "1447 AH").

:func:`unmatched_dates` reports the dates of each side that have no compatible date on the other.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from align.check.numbers import (AR_LETTER, DIGIT, SYMBOL_PATTERN, NumberCandidate, find_ar_words, find_digits,
                                 prepare_text)
from align.text.normalize import TASHKEEL, TATWEEL

__all__ = ["DateMention", "cross_calendar_spans", "find_dates", "unmatched_dates"]


@dataclass(frozen=True)
class DateMention:
    """One date stated in a text; ``text == original[start:end]``; unknown parts are None."""

    day: int | None
    month: int | None
    year: int | None
    calendar: str  # "gregorian" | "hijri"
    text: str
    start: int
    end: int


# ============================================================================================
# Month names (Arabic in folded form: no tashkeel, أإآ -> ا, ى -> ي, ة -> ه)
# ============================================================================================

_EN_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
_EN_ABBREV = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}
_EN_HIJRI = {
    r"Muharram": 1, r"Safar": 2,
    r"Rabi[`'‘]?\s?(?:al-Awwal|al-Awal|ul-Awwal|I)": 3,
    r"Rabi[`'‘]?\s?(?:al-Thani|al-Akhir|al-Akhar|ul-Akhir|ath-Thani|II)": 4,
    r"Juma(?:da|di)\s?(?:al-Awwal|al-Ula|al-Oula|al-Ulaa|ul-Awwal|I)": 5,
    r"Juma(?:da|di)\s?(?:al-Thani|al-Thaniyah|al-Akhirah|al-Akhira|al-Ukhra|ul-Akhir|II)": 6,
    r"Rajab": 7, r"Sha[`'‘]?ban": 8, r"Ramadh?an": 9, r"Shawwal": 10,
    r"Dhu\s?al-Qa[`'‘]?dah|Dhul-Qa[`'‘]?dah|Dhu[`'‘]l-Qa[`'‘]?dah|Dhu\s?al-Qi[`'‘]?dah"
    r"|Zul Qadah": 11,
    r"Dhu\s?al-Hijjah|Dhul-Hijjah|Dhu[`'‘]l-Hijjah|Zul Hijjah": 12,
}
_AR_GREGORIAN = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1,
    "فبراير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3,
    "ابريل": 4, "نيسان": 4, "افريل": 4,
    "مايو": 5, "ايار": 5, "ماي": 5, "مايه": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6,
    "يوليو": 7, "يوليه": 7, "تموز": 7, "جويليه": 7,
    "اغسطس": 8, "اب": 8, "اوت": 8, "غشت": 8,
    "سبتمبر": 9, "ايلول": 9, "شتنبر": 9,
    "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "نونبر": 11,
    "ديسمبر": 12, "كانون الاول": 12, "دجنبر": 12,
}
_AR_HIJRI = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الاخر": 6,
    "جمادي الثانيه": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
# names that are also ordinary words: a date only next to a day, a year or a cue («في مارس»)
_AR_AMBIGUOUS = frozenset({"مارس", "ماي", "اب", "اوت", "جوان", "محرم", "صفر", "رجب", "شعبان",
                           "رمضان", "شوال", "مايه", "مايو", "نيسان"})  # «أطباء مايو (Mayo)», «مصور اسمه نيسان»
_EN_AMBIGUOUS = frozenset({"May", "March"})
# words after which a month name alone is the month: «في مارس», "in May", "during Ramadan"
_MONTH_CUE = {
    "ar": re.compile(
        r"(?<![\u0621-\u064a])[وف]?(?:في|شهر|منذ|حتي|خلال|اواخر|اوائل|منتصف|بدايه|نهايه|مطلع"
        r"|غره|بحلول|قبل|بعد|من)\s$"),
    "en": re.compile(
        r"\b(?:in|by|of|since|until|till|from|to|during|early|late|mid|end|last|next|this|and|or"
        r"|between|before|after|through)\s(?:the\s)?$"),
}

_ON_BEFORE = re.compile(r"\bon\s$")  # "enlisting on Sept.": a month cut from its day
_AR_NAMES = sorted({**_AR_GREGORIAN, **_AR_HIJRI}, key=len, reverse=True)
_AR_NAME = "|".join(n.replace(" ", r"\s") for n in _AR_NAMES)
_AR_MONTH_RE = re.compile(
    rf"(?<![{AR_LETTER}])(?P<clitic>[وبلف])?(?P<m1>{_AR_NAME})"
    rf"(?:\s?/\s?(?P<m2>{_AR_NAME}))?(?![{AR_LETTER}])"
)
_EN_MONTH_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<full>" + "|".join(_EN_MONTHS) + r")"
    r"|(?P<abbr>" + "|".join(sorted(_EN_ABBREV, key=len, reverse=True)) + r")\.?"
    r"|(?P<hijri>(?i:" + "|".join(f"(?:{p})" for p in _EN_HIJRI) + r")))(?![A-Za-z])"
)
_EN_HIJRI_RES = [(re.compile(p, re.IGNORECASE), m) for p, m in _EN_HIJRI.items()]

# what may stand between the parts of a date
_GAP_DAY_MONTH = {"en": re.compile(r"\s?(?:of\s)?|\s?-\s?"),
                  "ar": re.compile(r"\s{0,2}(?:من\s{1,2}(?:شهر\s)?|شهر\s)?")}
_GAP_MONTH_DAY = {"en": re.compile(r"\s|\.\s"), "ar": re.compile(r"(?!)")}
_GAP_LIST = {"en": re.compile(r"\s?(?:-|to|and|through|until|till|,|, and)\s?"),
             "ar": re.compile(r"\s{0,2}(?:و|-|الي|حتي|،|,|و\s?الي)\s{0,2}")}
_GAP_YEAR = {"en": re.compile(r",?\s(?:of\s)?"),
             "ar": re.compile(r"[\s،,]{0,3}(?:(?:من|في)\s)?(?:(?:ل|ال|لل)?(?:عام|سنه)\s?)?")}
_HIJRI_MARK = {"en": re.compile(r"\s?(?:AH|A\.H\.|H|Hijri)(?![A-Za-z])"),
               "ar": re.compile(rf"\s?ه(?![{AR_LETTER}])")}
_GREG_MARK_AR = re.compile(rf"\s?م(?![{AR_LETTER}])")
_YEAR_ALONE_HIJRI = {
    "en": re.compile(r"(?=1)(?<![\d.,])(?P<y>1[34]\d\d)\s?(?:AH|A\.H\.)(?![A-Za-z])"),
    "ar": re.compile(rf"(?=1)(?<![\d.,])(?P<y>1[34]\d\d)\s?ه(?![{AR_LETTER}])"),
}
_ISO = re.compile(r"(?=[12])(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])"
                  r"-(?P<d>0[1-9]|[12]\d|3[01])(?![\d/.-])")
_RANGE_JOIN = {"en": re.compile(r"\s?(?:-|/|to|through|until|till|and)\s?"),
               "ar": re.compile(r"\s{0,2}(?:-|/|الي|حتي|و)\s{0,2}")}


_TRAILING_MARKS = TASHKEEL | {TATWEEL}


@dataclass
class _Phrase:
    ks: int
    ke: int
    days: list[tuple[int, int]]  # (day, key start of that day)
    days_first: bool  # "25 August" (each day's mention starts at its day) vs "August 25"
    month: int
    year: int | None
    calendar: str


def _int_value(c: NumberCandidate, key: str) -> int | None:
    if c.value != int(c.value) or c.kind not in ("digits", "words", "ordinal"):
        return None
    if c.kind == "digits" and not key[c.ks:c.ke].rstrip("stndrdth").isdigit():
        return None
    return int(c.value)


@dataclass
class _MonthName:
    ms: int  # key span of the name (both names of a pairing «حزيران/يونيه»)
    me: int
    month: int
    calendar: str
    alone_ok: bool  # may stand as a date without a day or a year ("in June")


def _cue_before(key: str, pos: int, lang: str) -> bool:
    return _MONTH_CUE[lang].search(key, max(0, pos - 16), pos) is not None


def _month_names(key: str, lang: str, text: str, offs: Sequence[int]) -> list[_MonthName]:
    """The month names of the text, with what each needs to count as a date."""
    out: list[_MonthName] = []
    if lang == "en":
        for mt in _EN_MONTH_RE.finditer(key):
            if mt.group("full"):
                month, calendar = _EN_MONTHS[mt.group("full")], "gregorian"
                # "in May" is the month; "May I..." the verb, "Women's March" a march
                alone_ok = (mt.group("full") not in _EN_AMBIGUOUS
                            or _cue_before(key, mt.start(), lang))
            elif mt.group("abbr"):  # "until Oct.", "on Sept.": with its full stop and a cue, or "on"
                month, calendar = _EN_ABBREV[mt.group("abbr")], "gregorian"
                alone_ok = key[mt.end() - 1] == "." and (_cue_before(key, mt.start(), lang)
                                                         or _ON_BEFORE.search(key, 0, mt.start()) is not None)
            else:
                name = mt.group("hijri")
                month = next(m for r, m in _EN_HIJRI_RES if r.fullmatch(name))
                calendar, alone_ok = "hijri", _cue_before(key, mt.start(), lang)
            out.append(_MonthName(mt.start(), mt.end(), month, calendar, alone_ok))
        return out
    for mt in _AR_MONTH_RE.finditer(key):
        names = [(mt.start("m1"), mt.end("m1"), re.sub(r"\s", " ", mt.group("m1")))]
        if mt.group("m2"):
            names.append((mt.start("m2"), mt.end("m2"), re.sub(r"\s", " ", mt.group("m2"))))
        months = [_AR_GREGORIAN.get(n) or _AR_HIJRI[n] for _, _, n in names]
        calendar = "gregorian" if names[0][2] in _AR_GREGORIAN else "hijri"
        if len(names) == 2 and months[0] == months[1]:  # «حزيران/يونيه»: one month
            out.append(_MonthName(mt.start("m1"), mt.end(), months[0], calendar, True))
            continue
        if len(names) == 2:  # «يناير/فبراير 2014»: two months
            for (s, e, n), month in zip(names, months):
                out.append(_MonthName(s, e, month, "gregorian" if n in _AR_GREGORIAN else "hijri",
                                      True))
            continue
        s, e, name = names[0]
        if name == "اب" and text[offs[s]] != "آ":
            continue  # «أب»: father
        # a name that is also a word needs a day, a year or a cue: «في مارس», «شهر رمضان»;
        # «مارس الضغط» is a verb, «ومارس» "and he practised"
        alone_ok = name not in _AR_AMBIGUOUS or (
            mt.group("clitic") is None and _cue_before(key, s, lang))
        out.append(_MonthName(s, e, months[0], calendar, alone_ok))
    return out


# cheap test before the month regexes: a text without any of these has no month name
_EN_HINTS = (*_EN_MONTHS, *_EN_ABBREV)
_EN_HIJRI_HINTS = ("muharram", "safar", "rabi ", "rabi'", "rabi`", "jumad", "rajab", "sha'ban",
                   "shaban", "sha`ban", "ramadan", "ramadhan", "shawwal", "dhu", "zul ")
_AR_HINTS = tuple({n.split()[0] for n in _AR_NAMES} - {"اب"})


def _may_have_month(key: str, text: str, lang: str) -> bool:
    if lang == "en":
        if any(h in key for h in _EN_HINTS):
            return True
        low = key.lower()
        return any(h in low for h in _EN_HIJRI_HINTS)
    return any(h in key for h in _AR_HINTS) or "آب" in text


def _phrases(key: str, lang: str, text: str, offs: Sequence[int]) -> list[_Phrase]:
    if not _may_have_month(key, text, lang):
        return []
    months = _month_names(key, lang, text, offs)
    if not months:
        return []
    nums = find_digits(key, lang)
    if lang == "ar":
        nums += find_ar_words(key)
    by_end = {c.ke: c for c in nums}
    by_start = {c.ks: c for c in nums}
    gap_dm, gap_md, gap_list, gap_year = (_GAP_DAY_MONTH[lang], _GAP_MONTH_DAY[lang],
                                          _GAP_LIST[lang], _GAP_YEAR[lang])

    def number_before(pos: int, gap: re.Pattern[str], lo: int = 1, hi: int = 31) -> NumberCandidate | None:
        for end in range(pos, max(-1, pos - 20), -1):
            c = by_end.get(end)
            if c is not None and gap.fullmatch(key, end, pos):
                v = _int_value(c, key)
                return c if v is not None and lo <= v <= hi else None
        return None

    def number_after(pos: int, gap: re.Pattern[str], lo: int, hi: int,
                     digits: int = 0) -> NumberCandidate | None:
        for start in range(pos, min(len(key), pos + 20) + 1):
            c = by_start.get(start)
            if c is not None and gap.fullmatch(key, pos, start):
                v = _int_value(c, key)
                if v is None or not lo <= v <= hi or c.kind != "digits":
                    return None
                if digits and len(key[c.ks:c.ke]) != digits:
                    return None
                return c
        return None

    out: list[_Phrase] = []
    for name in months:
        ms, me, month, calendar = name.ms, name.me, name.month, name.calendar
        days: list[tuple[int, int]] = []
        day = number_before(ms, gap_dm)
        start, end = ms, me
        if day is not None:
            days.append((int(day.value), day.ks))
            start = day.ks
            while True:  # «21 و22 يونيو», "4-13 February", "17, 18 and 19 June"
                prev = number_before(start, gap_list)
                if prev is None:
                    break
                days.insert(0, (int(prev.value), prev.ks))
                start = prev.ks
        else:
            day = number_after(me, gap_md, 1, 31)
            if day is not None:
                days.append((int(day.value), day.ks))
                end = day.ke
                nxt = number_after(end, gap_list, 1, 31)  # "July 28 to 30, 2025"
                if nxt is not None:
                    days.append((int(nxt.value), nxt.ks))
                    end = nxt.ke
        if calendar == "hijri":
            year_c = number_after(end, gap_year, 1, 1600, digits=4) or number_after(
                end, gap_year, 1, 1600, digits=3)
        else:
            year_c = number_after(end, gap_year, 1000, 2999, digits=4)
        year = None
        if year_c is not None:
            year = int(year_c.value)
            end = year_c.ke
            mark = _HIJRI_MARK[lang].match(key, end)
            if mark and calendar == "hijri":
                end = mark.end()
            elif lang == "ar" and calendar == "gregorian":
                greg = _GREG_MARK_AR.match(key, end)
                end = greg.end() if greg else end
        if not days and year is None and not name.alone_ok:
            continue
        out.append(_Phrase(start, end, days, bool(days) and days[0][1] < ms, month, year,
                           calendar))
    # "28 February to 3 March 2015": the first date takes the year of the second
    for p, q in zip(out, out[1:]):
        if p.year is None and q.year is not None and p.calendar == q.calendar \
                and q.ks >= p.ke and _RANGE_JOIN[lang].fullmatch(key, p.ke, q.ks) \
                and p.month <= q.month:
            p.year = q.year
    return out


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every date stated in ``text`` (``lang`` "ar" or "en"), in text order."""
    if lang not in ("ar", "en"):
        raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")
    if not text:
        return []
    key, offs = prepare_text(text)
    found: list[tuple[int, int, int | None, int | None, int | None, str]] = []
    phrases = _phrases(key, lang, text, offs)
    if lang == "ar" and _may_have_month(key, text, "en"):
        phrases += _phrases(key, "en", text, offs)  # English dates quoted in Arabic text
    for p in phrases:
        if p.days:
            for day, ds in p.days:
                found.append((ds if p.days_first else p.ks, p.ke, day, p.month, p.year,
                              p.calendar))
        else:
            found.append((p.ks, p.ke, None, p.month, p.year, p.calendar))
    taken = [(s, e) for s, e, *_ in found]
    if DIGIT.search(key):
        for mt in _YEAR_ALONE_HIJRI[lang].finditer(key):
            if not any(s < mt.end() and mt.start() < e for s, e in taken):
                found.append((mt.start(), mt.end(), None, None, int(mt.group("y")), "hijri"))
        if "-" in key:
            for mt in _ISO.finditer(key):
                if not any(s < mt.end() and mt.start() < e for s, e in taken):
                    found.append((mt.start(), mt.end(), int(mt.group("d")), int(mt.group("m")),
                                  int(mt.group("y")), "gregorian"))
    if not found:
        return []
    symbols = [m.span() for m in SYMBOL_PATTERN.finditer(key)] if "/" in key else []
    out = []
    for ks, ke, day, month, year, calendar in sorted(found, key=lambda f: (f[0], f[1])):
        if any(s < ke and ks < e for s, e in symbols):
            continue
        start, end = offs[ks], offs[ke - 1] + 1
        while end < len(text) and text[end] in _TRAILING_MARKS:  # «هـ»: keep the tatweel
            end += 1
        out.append(DateMention(day, month, year, calendar, text[start:end], start, end))
    return out


_HIJRI_EPOCH = datetime.date(622, 7, 19).toordinal()  # 1 Muharram 1 AH, proleptic Gregorian
_CALENDAR_SLACK = 2  # days: the tabular Hijri calendar and the sighted month differ by a day or two


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal of a Hijri date in the arithmetic (tabular) calendar."""
    return (_HIJRI_EPOCH + (year - 1) * 354 + (3 + 11 * year) // 30 + math.ceil(29.5 * (month - 1)) + day - 1)


def _ordinal(d: DateMention) -> int | None:
    """The day a full date denotes, as a proleptic Gregorian ordinal (None unless day, month and year)."""
    if d.day is None or d.month is None or d.year is None:
        return None
    if d.calendar == "hijri":
        return _hijri_ordinal(d.year, d.month, d.day) if 1 <= d.day <= 30 else None
    try:
        return datetime.date(d.year, d.month, d.day).toordinal()
    except ValueError:
        return None


def _same_day(a: DateMention, b: DateMention) -> bool:
    """A Hijri and a Gregorian date that name the same day («24 رجب 1436 هـ», "13 May 2015")."""
    x, y = _ordinal(a), _ordinal(b)
    return x is not None and y is not None and abs(x - y) <= _CALENDAR_SLACK


def _compatible(a: DateMention, b: DateMention) -> bool:
    if a.calendar != b.calendar:
        return _same_day(a, b)
    return all(x is None or y is None or x == y
               for x, y in ((a.day, b.day), (a.month, b.month), (a.year, b.year)))


def unmatched_dates(ar: str, en: str) -> tuple[list[DateMention], list[DateMention]]:
    """Dates on each side with no compatible date on the other side.

    Compatible means equal on every component that both sides state (a date with day+month+year
    vs month+year with the same month/year is compatible; '25 August 2025' vs «26 أغسطس 2025» is
    not). A Hijri date compares to a Gregorian one by the day it names, within two days (the tabular
    calendar against the sighted month). A date is reported once however many dates of
    the other side it fails to match.
    """
    a, e = find_dates(ar, "ar"), find_dates(en, "en")
    return ([d for d in a if not any(_compatible(d, x) for x in e)],
            [d for d in e if not any(_compatible(d, x) for x in a)])


def cross_calendar_spans(ar: str, en: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the dates of each side that name the same day as a date of the other calendar on the other
    side: their digits (24, 1436 against 13, 2015) are one date, not numbers to compare."""
    a, e = find_dates(ar, "ar"), find_dates(en, "en")
    return ([(d.start, d.end) for d in a if any(d.calendar != x.calendar and _same_day(d, x) for x in e)],
            [(d.start, d.end) for d in e if any(d.calendar != x.calendar and _same_day(d, x) for x in a)])
