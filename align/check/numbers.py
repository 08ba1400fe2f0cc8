"""Numbers by value in Arabic and English text.

:func:`find_numbers` reads every number a sentence states, whatever way it is written:

* digits: Western, Arabic-Indic (U+0660..) and Persian (U+06F0..); decimal point ``.`` /
  Arabic ``٫`` (and, in Arabic, a decimal comma ``24,3``); thousands separators ``,`` ``٬`` ``.``
  and spaces, including the official UN Arabic layout that stores digit groups in *reverse* order
  («000 500 1» = 1,500,000); a following ``%``/``٪``; a following scale word
  ("3.6 million", «2 مليون»); ordinal suffixes ("21st"); clock times ("3 p.m.", «الساعة 15:00»,
  UN Arabic «الساعة 47/10» = 10.47);
* number words and ordinals in Arabic («خمسة وعشرون», «الحادي والعشرين», «مليون ونصف مليون»,
  «عامين», with the clitics و ف ب ل ك ال) and English ("twenty-five", "one and a half million",
  "seventieth");
* Roman numerals, only where they are safely numerals: after "Chapter", "Article", "Annex"...,
  in "resolution 181 (II)", after a capitalised name ("Abdullah II", "Habitat III"), as a heading
  ("IV. ...") and in a list "(ii)". The pronoun "I" and words like "MIX" or "DC" are never read.

Not numbers: the parts of document symbols (A/RES/ES-10/24, S/RES/2728 (2024), 69/313,
51/9-ق ت; see :data:`SYMBOL_PATTERN`), footnote markers glued to a word ("ranges18",
«العام(1)»), codes glued to Latin letters ("P3", "CO2", "km2").

:func:`unmatched_numbers` compares the two sides by value, as multisets, and returns the
*explicit* numbers (digits, Roman numerals) of each side that have no counterpart on the other.
Matching works on a folded copy of the text (the :mod:`align.text.normalize` conventions: no tashkeel,
tatweel or bidi marks, folded alef/yeh/teh marbuta, ASCII digits); every offset reported is an
offset into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from align.text.normalize import INVISIBLE, TASHKEEL, TATWEEL, fold_digits, roman_value

__all__ = ["NumberMention", "SYMBOL_PATTERN", "find_numbers", "unmatched_numbers"]


@dataclass(frozen=True)
class NumberMention:
    """One number stated in a text; ``text == original[start:end]``.

    ``value`` is the number; a clock time is its 24-hour value written ``HH.MM`` ("6:15 p.m." is
    18.15). ``alternatives`` holds other values the same writing may denote (the other reading of
    an ambiguous digit grouping or clock time); :func:`unmatched_numbers` accepts those too.
    """

    value: float
    text: str
    start: int
    end: int
    kind: str  # "digits" | "words" | "ordinal" | "roman"
    explicit: bool
    alternatives: tuple[float, ...] = field(default=(), compare=False, repr=False)


# ============================================================================================
# Matching copy of the text ("key"): one key character per original character, except that
# tashkeel, tatweel and invisible marks are dropped (and a few compatibility characters expand);
# offsets[i] is the original offset of key character i.
# ============================================================================================

_DROP = frozenset(INVISIBLE) | {TATWEEL} | TASHKEEL
_DROP_RE = re.compile("[" + re.escape("".join(sorted(_DROP))) + "]+")
AR_LETTER = "\u0621-\u064a"


def _build_fold_table() -> tuple[dict[int, str], str]:
    table: dict[int, str] = {ord(c): "" for c in _DROP}
    for d in "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹":
        table[ord(d)] = fold_digits(d)
    singles = {
        "٫": ".", "٬": ",", "٪": "%",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
        "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u3000": " ",
        "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ھ": "ه",
    }
    table.update({ord(k): v for k, v in singles.items()})
    multi = []
    for rng in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF), range(0xFF01, 0xFF5F),
                range(0x2070, 0x20A0), (0xB2, 0xB3, 0xB9)):
        for cp in rng:
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded == ch or not folded.strip():
                continue
            folded = "".join(table.get(ord(c), c) for c in folded)
            if folded:
                table[cp] = folded
                if len(folded) > 1:
                    multi.append(ch)
    return table, "".join(multi)


_FOLD, _MULTI_CHARS = _build_fold_table()
_MULTI_RE = re.compile("[" + re.escape(_MULTI_CHARS) + "]") if _MULTI_CHARS else None
_FOLD_BY_CHAR = {chr(k): v for k, v in _FOLD.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_BY_CHAR)) + "]")


_AR_COMMA_IN_NUMBER = re.compile(r"(?<=\d)،(?=\d)")


def _fold_match(mt: re.Match[str]) -> str:
    return _FOLD_BY_CHAR[mt.group()]


def prepare_text(text: str) -> tuple[str, Sequence[int]]:
    """Matching key of ``text`` and, for each key character, its offset in ``text``."""
    if _MULTI_RE is not None and _MULTI_RE.search(text):
        out: list[str] = []
        offs: list[int] = []
        for i, ch in enumerate(text):
            folded = _FOLD.get(ord(ch), ch)
            out.append(folded)
            offs.extend([i] * len(folded))
        return "".join(out), offs
    if text.isascii():
        return text.replace("\t", " "), range(len(text))
    key = _FOLD_RE.sub(_fold_match, text)  # faster than str.translate on Arabic text
    if "،" in key:
        key = _AR_COMMA_IN_NUMBER.sub(",", key)  # «30،000»
    if not _DROP_RE.search(text):
        return key, range(len(text))
    offs = []
    prev = 0
    for mt in _DROP_RE.finditer(text):
        offs.extend(range(prev, mt.start()))
        prev = mt.end()
    offs.extend(range(prev, len(text)))
    return key, offs


# ============================================================================================
# Document symbols
# ============================================================================================

SYMBOL_PATTERN: re.Pattern[str] = re.compile(
    r"(?=[A-Z\d])(?<![\w/.,])(?:"
    # UN style: A/RES/ES-10/24, E/CN.5/2015/L.4, S/RES/2728 (2024), CEDAW/C/GC/35 (with a digit)
    r"(?=[A-Za-z0-9./\-]*\d)[A-Z][A-Z0-9]*(?:[.\-][A-Za-z0-9]+)*"
    r"(?:/[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"
    r"(?:\s?\(\d{4}\))?"
    r"|"
    # Security Council style: resolution 1591 (2005), «قراره 1977 (2011)»: number and year as one token
    r"\d{1,4}\s?\(\d{4}\)"
    r"|"
    # session/number: 69/313, 51/9-CT, 51/9-ق ت; not a clock time «الساعة 10/13», not 1/2/2025
    r"(?<!الساعة )(?<!الساعه )(?<!الساعة)(?<!الساعه)"
    r"\d{2,3}/\d{1,4}(?![\d/])"
    rf"(?:-(?:[A-Z]{{1,6}}\b|[{AR_LETTER}]{{1,6}}(?:\s[{AR_LETTER}]{{1,2}}(?![{AR_LETTER}]))*))?"
    r")"
)
"""Document symbols in either language: UN symbols (A/RES/ES-10/24, E/CN.5/2015/L.4, with a
trailing year "(2024)"), resolution numbers (69/313, 51/9-ق ت, 1591 (2005)). Their digits are not numbers."""


# ============================================================================================
# Candidates
# ============================================================================================


@dataclass
class NumberCandidate:
    ks: int  # span in the key
    ke: int
    value: float
    kind: str
    explicit: bool
    alts: tuple[float, ...] = ()


# ============================================================================================
# Clock times
# ============================================================================================

_TIME_EN = re.compile(
    r"(?=\d)(?:(?<![\d.:,])(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?"
    r"\s?(?P<ap>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?"
    r"|(?<![\d.:,])(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)(?=\s?(?:hours|hrs|Z)\b|Z)"
    r"|(?<![\d.:,/])(?P<h3>[01]?\d|2[0-4]):(?P<m3>[0-5]\d)(?![\d:]))"
)
_TIME_AR = re.compile(
    r"(?=[\dا])(?:الساعه\s?(?P<a>\d{1,2})\s?(?P<sep>[:/.])\s?(?P<b>\d{2})(?![\d:/])"
    r"|(?<![\d.:,/])(?P<a2>\d{1,2}):(?P<b2>\d{2})(?![\d:]))"
)


def _clock(h: int, m: int) -> float:
    return float(Decimal(f"{h}.{m:02d}"))


def _clock_alts(h: int, m: int) -> tuple[float, ...]:
    """The same time on the other half of a 12-hour clock, and the bare hour."""
    alts = []
    if 1 <= h <= 11:
        alts.append(_clock(h + 12, m))
    elif 13 <= h <= 23:
        alts.append(_clock(h - 12, m))
    if m == 0:
        alts.append(float(h))
    return tuple(alts)


def _find_times(key: str, lang: str) -> list[NumberCandidate]:
    out: list[NumberCandidate] = []
    if lang == "en":
        for mt in _TIME_EN.finditer(key):
            if mt.group("h") is not None:
                h, m = int(mt.group("h")), int(mt.group("m") or 0)
                if not 1 <= h <= 12:
                    continue
                h24 = h % 12 + (12 if mt.group("ap") in "Pp" else 0)
                out.append(NumberCandidate(mt.start(), mt.end(), _clock(h24, m), "digits", True,
                                           (_clock(h, m), *_clock_alts(h24, m))))
            elif mt.group("h2") is not None:  # 2359Z, 1200 hours
                h, m = int(mt.group("h2")), int(mt.group("m2"))
                out.append(NumberCandidate(mt.start(), mt.end(), _clock(h, m), "digits", True,
                                           (float(h * 100 + m), *_clock_alts(h, m))))
            else:
                h, m = int(mt.group("h3")), int(mt.group("m3"))
                out.append(NumberCandidate(mt.start(), mt.end(), _clock(h, m), "digits", True,
                                           _clock_alts(h, m)))
        return out
    for mt in _TIME_AR.finditer(key):
        if mt.group("a") is not None:
            a, b, sep = mt.group("a"), mt.group("b"), mt.group("sep")
            s, e = mt.start("a"), mt.end("b")
        else:
            a, b, sep = mt.group("a2"), mt.group("b2"), ":"
            s, e = mt.span()
        ia, ib = int(a), int(b)
        normal = (ia, ib) if ia <= 24 and ib < 60 else None
        swapped = (ib, ia) if ib <= 24 and ia < 60 and len(a) == 2 else None
        if normal is None and swapped is None:
            continue
        # UN Arabic often stores 10:47 as «47/10» and 11:00 as «00:11»: minutes first.
        prefer_swap = swapped is not None and (
            normal is None or sep == "/" or (ia == 0 and ib != 0))
        first, second = (swapped, normal) if prefer_swap else (normal, swapped)
        assert first is not None
        alts = list(_clock_alts(*first))
        if second is not None and second != first:
            alts += [_clock(*second), *_clock_alts(*second)]
        out.append(NumberCandidate(s, e, _clock(*first), "digits", True, tuple(alts)))
    return out


# ============================================================================================
# Digits
# ============================================================================================

_AR_SCALE_WORDS = {
    "الف": 1000, "الفا": 1000, "الاف": 1000,
    "مليون": 10**6, "مليونا": 10**6, "ملايين": 10**6,
    "مليار": 10**9, "مليارا": 10**9, "مليارات": 10**9,
    "بليون": 10**9, "بليونا": 10**9, "بلايين": 10**9,
    "ترليون": 10**12, "تريليون": 10**12,
}
_EN_SCALE_WORDS = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_CORE_ALTERNATIVES = {
    # UN Arabic reversed groups: «000 500 1» = 1,500,000, «630.8 1» = 1,630.8 (Arabic only)
    "rev": r"(?P<rev>\d{3}(?:\.\d+)?(?: \d{3})* \d{1,3})(?!\d|[.,]\d)",
    "grp": r"(?P<grp>\d{1,3}(?:,\d{3})+(?:\.\d+)?)(?!\d|,\d)",      # 62,500 / 1,500.75
    "dots": r"(?P<dots>\d{1,3}(?:\.\d{3}){2,})(?!\d|\.\d)",         # 1.500.000
    "sp": r"(?P<sp>\d{1,3}(?: \d{3})+)(?!\d|[.,]\d)",               # 100 000
    "multi": r"(?P<multi>\d+(?:\.\d+){2,})(?!\d)",                  # 2.3.1: section numbers
    "dec": r"(?P<dec>\d+\.\d+)(?!\d)",                              # 3.5
    "dcom": r"(?P<dcom>\d+,\d{1,2})(?![\d,])",                      # Arabic decimal comma 24,3
    "int": r"(?P<int>\d+)",
}
_CORE_AR = ("rev", "grp", "dots", "sp", "multi", "dec", "dcom", "int")
_CORE_EN = ("grp", "dots", "sp", "multi", "dec", "int")
_CORE_ORDER = ("dec", "grp", "rev", "sp", "dcom", "dots", "multi")
_NUM_AR = re.compile(
    r"(?=\d)(?<!\d)(?:" + "|".join(_CORE_ALTERNATIVES[k] for k in _CORE_AR) + r")"
    r"(?P<pct>\s?%)?"
    r"(?:\s?(?P<scale>" + "|".join(sorted(_AR_SCALE_WORDS, key=len, reverse=True)) + r")"
    rf"(?![{AR_LETTER}]))?"
)
_EN_SCALE = r"(?P<scale>(?i:thousand|million|billion|trillion))(?![A-Za-z])"
_NUM_EN = re.compile(
    r"(?=\d)(?<!\d)(?:" + "|".join(_CORE_ALTERNATIVES[k] for k in _CORE_EN) + r")"
    r"(?:(?P<suffix>st|nd|rd|th)(?![A-Za-z])|(?P<decade>s)(?![A-Za-z]))?"
    r"(?P<pct>\s?%)?"
    r"(?:\s" + _EN_SCALE + r"|(?P<glued>bn|mn|m|(?i:billion|million))(?![A-Za-z]))?"
)
_EN_GLUED_SCALES = {"bn": 10**9, "billion": 10**9, "mn": 10**6, "m": 10**6, "million": 10**6}
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥]|[A-Z]{3}\s?|Euro\s?)$")
_EN_PAREN_SCALE = re.compile(r"\)\s" + _EN_SCALE)  # "(80) million"
# Latin letters that may be glued before a number: currencies ("Euro131", "$A45,000"), "post2015".
_LATIN_BEFORE_OK = frozenset(
    "euro eur usd us chf swf gbp rs inr jpy cad aud nzd sek nok dkk zar hrk post pre mid".split())
# Arabic unit abbreviations glued before a superscript-like digit: «كلم2» = km2.
_AR_UNITS_BEFORE = frozenset({"كلم", "كم", "م", "سم", "مم", "ملم", "كغ", "كغم", "ملغ"})
_AR_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"})
_LATIN_RUN_END = re.compile(r"[A-Za-z]+$")
_CODE_RUN_END = re.compile(r"[A-Za-z0-9]+$")
_AR_RUN_END = re.compile(rf"[{AR_LETTER}]+$")
_YEAR_BEFORE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)\s?[-/]\s?$")
_EN_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s$")
# A number glued after these abbreviations is a real number, not a footnote: "No.16", "p.28".
_EN_ABBREV_BEFORE = re.compile(r"\b(?:No|no|Nos|p|pp|para|paras|art|Art|vol|Vol|fig|Fig)\.\s?$")


def _grouped_value(groups: list[str], reverse: bool) -> Decimal | None:
    """Value of space-separated digit groups, read in UN reversed order or in normal order."""
    frac = ""
    if "." in groups[0]:  # «630.8 1»: the decimals stay with the lowest group
        if not reverse:
            return None
        head, frac = groups[0].split(".")
        groups = [head, *groups[1:]]
    order = groups[::-1] if reverse else groups
    if len(order[0]) > 3 or any(len(g) != 3 for g in order[1:]) or order[0].startswith("0"):
        return None
    return Decimal("".join(order) + ("." + frac if frac else ""))


def _glued_to_code(key: str, start: int) -> bool:
    """True when the number at ``start`` is glued to letters making a code: "P3", "CO2", «كلم2»."""
    prev = key[start - 1] if start else " "
    if prev.isascii() and prev.isalpha():
        run = _LATIN_RUN_END.search(key, max(0, start - 12), start)
        assert run is not None
        word = run.group().lower()
        return not (word in _LATIN_BEFORE_OK or key[run.start() - 1:run.start()] == "$")
    if "\u0621" <= prev <= "\u064a":
        run = _AR_RUN_END.search(key, max(0, start - 8), start)
        return run is not None and run.group() in _AR_UNITS_BEFORE
    return False


_YEAR_BEFORE_SPACE = re.compile(r"(?<!\d)(?:19|20)\d\d $")


def _is_footnote(key: str, start: int, end: int, lang: str) -> bool:
    """A short number glued to the preceding text is a footnote marker, not part of the text."""
    if start == 0 or end - start > 3:
        return False
    prev = key[start - 1]
    before = key[start - 2] if start >= 2 else " "
    after = key[end:end + 1]
    if prev == "(" and after == ")":  # «الأمين العام(1)», «2014-2015(1)», "(Malvinas)(1)"
        if (before == " " and lang == "ar" and _YEAR_BEFORE_SPACE.search(key, max(0, start - 7), start - 1)
                and not key[end + 1:].strip(" .،;؛")):  # «بحلول عام 2020 (3)» ending a clause
            return True
        if before.isdigit():  # a footnote after a year in Arabic; "B30(1)" is a code in both
            code = _CODE_RUN_END.search(key, max(0, start - 12), start - 1)
            return lang == "ar" and not (code and re.search("[A-Za-z]", code.group()))
        if before.isalpha() and lang == "ar":  # «و(٢)» is "and (2)"
            run = _AR_RUN_END.search(key, max(0, start - 6), start - 1)
            return not (run and run.group() in _AR_CLITICS)
        return before.isalpha() or before in ")]"
    if prev == "[" and after == "]":  # "planning.[23]"
        return not before.isspace()
    if lang != "en":
        return False
    if prev in "\"')]»" and not before.isspace() and before not in "([":  # ranges"18
        return True
    if prev in ",.;:" and before.isalpha() and before.islower():  # Questions,3
        return not _EN_ABBREV_BEFORE.search(key[max(0, start - 8):start])
    return False


def _parts(core: str, start: int, sep: str) -> list[NumberCandidate]:
    """Each separated part of ``core`` as its own number."""
    out, pos = [], start
    for part in core.split(sep):
        out.append(NumberCandidate(pos, pos + len(part), float(Decimal(part)), "digits", True))
        pos += len(part) + len(sep)
    return out


def find_digits(key: str, lang: str) -> list[NumberCandidate]:
    out: list[NumberCandidate] = []
    pattern, cores = (_NUM_AR, _CORE_AR) if lang == "ar" else (_NUM_EN, _CORE_EN)
    for mt in pattern.finditer(key):
        core = mt.group("int")
        kind = "int" if core is not None else next(
            k for k in _CORE_ORDER if k in cores and mt.group(k) is not None)
        core = mt.group(kind)
        cs, ce = mt.span(kind)
        if _glued_to_code(key, cs) or _is_footnote(key, cs, ce, lang):
            continue
        alts: list[Decimal] = []
        if kind == "multi":
            out += _parts(core, cs, ".")
            continue
        if kind in ("rev", "sp"):
            groups = core.split(" ")
            rev = _grouped_value(groups, reverse=True) if lang == "ar" else None
            nor = _grouped_value(groups, reverse=False)
            if rev is None and nor is None:  # not one grouped number after all
                out += _parts(core, cs, " ")
                continue
            value = rev if rev is not None else nor
            if rev is not None and nor is not None and nor != rev:
                alts.append(nor)
        elif kind == "grp":
            value = Decimal(core.replace(",", ""))
            if lang == "ar" and core.count(",") == 1 and "." not in core:
                alts.append(Decimal(core.replace(",", ".")))  # decimal comma in some styles
        elif kind == "dots":
            value = Decimal(core.replace(".", ""))
        elif kind == "dcom":
            value = Decimal(core.replace(",", "."))
        elif kind == "dec" and lang == "en" and _EN_MONTH_BEFORE.search(key, max(0, cs - 12), cs) \
                and 1900 <= int(core.split(".")[0]) <= 2099 and len(core) <= 8:
            # "in September 2014.42": a year, then a footnote marker after the full stop
            out.append(NumberCandidate(cs, cs + 4, float(core[:4]), "digits", True))
            continue
        else:
            value = Decimal(core)
            if kind == "dec" and re.fullmatch(r"\d{1,3}\.\d{3}", core):
                alts.append(value * 1000)  # «76.000»: a thousands point in some styles
            elif kind == "int" and len(core) <= 2:
                year = _YEAR_BEFORE.search(key, max(0, cs - 6), cs)
                if year:  # "2017-18", "1924/25", "1943-6": the second year abbreviated
                    full = int(year.group(1)[:4 - len(core)] + core)
                    if full > int(year.group(1)):
                        alts.append(Decimal(full))
        start, end = cs, ce
        if mt.group("pct"):
            end = mt.end("pct")
        if lang == "en":
            if mt.group("suffix"):
                end = mt.end("suffix")
            if mt.group("decade") and kind == "int" and len(core) == 4 and core.endswith("0"):
                end = mt.end("decade")
                alts.append(Decimal(core[2:]))  # "the 1960s" ~ «الستينيات»
            if kind == "int" and len(core) == 4 and int(core[:2]) <= 23 and int(core[2:]) <= 59:
                alts.append(Decimal(f"{core[:2]}.{core[2:]}"))  # "At 1310" = 13:10
        scale = mt.group("scale")
        scale_end = mt.end("scale")
        glued = mt.group("glued") if lang == "en" else None
        if glued and (glued != "m" or _CURRENCY_BEFORE.search(key, max(0, cs - 5), cs)):
            value *= _EN_GLUED_SCALES[glued.lower()]  # "£2.8bn", "£125m", "€3.1billion"
            alts = [a * _EN_GLUED_SCALES[glued.lower()] for a in alts]
            end = mt.end("glued")
        if not scale and lang == "en" and key[cs - 1:cs] == "(":
            paren = _EN_PAREN_SCALE.match(key, ce)
            if paren:
                scale, scale_end, start = paren.group("scale"), paren.end("scale"), cs - 1
        if scale:
            mult = _AR_SCALE_WORDS.get(scale) or _EN_SCALE_WORDS[scale.lower()]
            value *= mult
            alts = [a * mult for a in alts]
            end = scale_end
        out.append(NumberCandidate(start, end, float(value), "digits", True, tuple(float(a) for a in alts)))
    return out


# ============================================================================================
# Roman numerals
# ============================================================================================

_ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_RE = re.compile(_ROMAN)
_ROMAN_KEYWORDS = (
    "chapters?|articles?|parts?|annex(?:es)?|sections?|titles?|volumes?|books?|protocols?|"
    "phases?|stages?|schedules?|appendix|appendices|appendixes|tables?|figures?|groups?|"
    "categor(?:y|ies)|levels?|tiers?|rules?|resolutions?|amendments?|principles?|goals?|"
    "objectives?|decisions?|paragraphs?|clauses?|items?|programmes?|subprogrammes?|pillars?|"
    "components?|lists?|addend(?:um|a)|options?|regions?|classes?|cycles?|rounds?|modules?"
)
_ROMAN_SEP = re.compile(r"\s?,\s?|\s?-\s?|\s(?:and|or|to|through)\s")
_ROMAN_TOKEN = re.compile(r"\b[IVXLCDM]+\b")
_KEYWORD_BEFORE = re.compile(rf"(?<![A-Za-z])(?i:{_ROMAN_KEYWORDS})\s$")
_REGNAL_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{2,}\s$")  # "Abdullah II", "Habitat III"
_HEADING_AFTER = re.compile(r"\.(?:\s|[A-Z]\.)")  # "IV. Conclusions", "IV.G. Evaluation"
# "the articles I have read": a lone "I" followed by what follows the pronoun
_PRONOUN_NEXT = re.compile(
    r"\s(?:have|had|am|was|would|will|should|shall|can|could|must|may|might|think|believe|hope|"
    r"wish|want|mentioned|referred|know|see|do|did|feel|trust|welcome|note|also|personally|"
    r"myself|just|already)\b")
_ROMAN_PAREN = re.compile(rf"\(\s?({_ROMAN}(?:\s?-\s?{_ROMAN})?)\s?\)")
_ROMAN_LOWER_PAREN = re.compile(r"\((x{0,3}(?:ix|iv|v?i{0,3}))\)")


def _is_roman(tok: str) -> bool:
    return bool(tok) and _ROMAN_RE.fullmatch(tok) is not None


def _roman_cand(s: int, tok: str) -> NumberCandidate:
    return NumberCandidate(s, s + len(tok), float(roman_value(tok)), "roman", True)


def _find_roman(key: str) -> list[NumberCandidate]:
    out: list[NumberCandidate] = []
    list_end = -1  # end of the last numeral read after a keyword ("annexes I, II and III")
    lead = len(key) - len(key.lstrip())
    for mt in _ROMAN_TOKEN.finditer(key):
        tok, s, e = mt.group(), mt.start(), mt.end()
        if not _is_roman(tok):
            list_end = -1
            continue
        before = key[max(0, s - 40):s]
        if _KEYWORD_BEFORE.search(before) or (
                list_end >= 0 and _ROMAN_SEP.fullmatch(key, list_end, s)):
            # "Annex C", "List D" are letters; "the articles I have" is the pronoun
            if (len(tok) > 1 or tok in "IVX") and not (tok == "I" and _PRONOUN_NEXT.match(key, e)):
                out.append(_roman_cand(s, tok))
                list_end = e
                continue
        list_end = -1
        if len(tok) >= 2 and set(tok) <= set("IVX") and _REGNAL_BEFORE.search(before):
            out.append(_roman_cand(s, tok))
        elif s == lead and set(tok) <= set("IVX") and _HEADING_AFTER.match(key, e):
            out.append(_roman_cand(s, tok))
    for mt in _ROMAN_PAREN.finditer(key):
        inner = mt.group(1)
        after_number = key[:mt.start()].rstrip()[-1:].isdigit()
        # "resolution 181 (II)", "3235 (XXIX)", "9 (I)", "(I-III)"; not "(C)" or "(DC)"
        if after_number or "-" in inner or (len(inner) >= 2 and set(inner) <= set("IVXL")):
            for tm in re.finditer(r"[IVXLCDM]+", inner):
                if _is_roman(tm.group()) and roman_value(tm.group()) <= 100:
                    out.append(_roman_cand(mt.start(1) + tm.start(), tm.group()))
    lower = [m for m in _ROMAN_LOWER_PAREN.finditer(key) if m.group(1)]
    present = {m.group(1) for m in lower}
    for mt in lower:
        tok = mt.group(1)
        # (i), (v), (x) may be letters of an (a), (b)... list: numerals only beside (ii), (iv)...
        if len(tok) == 1 and not present & {"ii", "iii", "iv", "vi", "ix", "xi"}:
            continue
        out.append(_roman_cand(mt.start(1), tok))
    return out


# ============================================================================================
# Arabic number words
# ============================================================================================

# word classes
_U, _O, _HAD, _T10, _TENS, _H, _S, _S2, _SP, _HALF, _DUAL, _ADV, _DECADE = (
    "unit", "ord", "had", "ten", "tens", "hund", "scale", "scale2", "scalepl", "half", "dual",
    "adv", "decade")


@dataclass(frozen=True)
class _W:
    cls: str
    value: float
    teen_only: bool = False  # «أحد»/«إحدى» count only in «أحد عشر»; alone they mean "one of"


def _ar_lexicon() -> dict[str, _W]:
    """Folded Arabic number words (no clitics) and what they are."""
    lex: dict[str, _W] = {}

    def add(cls: str, value: float, *forms: str, teen_only: bool = False) -> None:
        for f in forms:
            lex.setdefault(f, _W(cls, value, teen_only))

    add(_U, 1, "واحد", "واحده", "واحدا")
    add(_U, 1, "احد", "احدي", teen_only=True)
    add(_U, 2, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "ثنتين")
    for v, forms in ((3, ("ثلاثه", "ثلاث")), (4, ("اربعه", "اربع")), (5, ("خمسه", "خمس")),
                     (6, ("سته", "ست")), (7, ("سبعه", "سبع")), (8, ("ثمانيه", "ثماني", "ثمان")),
                     (9, ("تسعه", "تسع"))):
        add(_U, v, *forms)
    add(_T10, 10, "عشره", "عشر")
    for v, stem in ((20, "عشر"), (30, "ثلاث"), (40, "اربع"), (50, "خمس"), (60, "ست"),
                    (70, "سبع"), (80, "ثمان"), (90, "تسع")):
        add(_TENS, v, stem + "ون", stem + "ين")
    add(_H, 100, "مائه", "مئه")
    add(_H, 200, "مائتان", "مائتين", "مائتي", "مائتا", "مئتان", "مئتين", "مئتي", "مئتا")
    for v, stems in ((3, ("ثلاث", "ثلث")), (4, ("اربع",)), (5, ("خمس",)), (6, ("ست",)),
                     (7, ("سبع",)), (8, ("ثمان", "ثماني")), (9, ("تسع",))):
        add(_H, v * 100, *(s + h for s in stems for h in ("مائه", "مئه")))
    add(_S, 1000, "الف", "الفا")
    add(_S2, 2000, "الفان", "الفين", "الفي")
    add(_SP, 1000, "الاف")
    add(_S, 10**6, "مليون", "مليونا")
    add(_S2, 2 * 10**6, "مليونان", "مليونين", "مليوني")
    add(_SP, 10**6, "ملايين")
    add(_S, 10**9, "مليار", "مليارا", "بليون", "بليونا")
    add(_S2, 2 * 10**9, "ملياران", "مليارين", "ملياري", "بليونان", "بليونين", "بليوني")
    add(_SP, 10**9, "مليارات", "بلايين")
    add(_S, 10**12, "ترليون", "تريليون")
    add(_HALF, 0.5, "نصف")
    add(_O, 1, "اول", "اولي")
    add(_O, 100, "مئوي", "مئويه")  # «الذكرى المئوية»: the 100th anniversary, the centenary
    add(_HAD, 1, "حادي", "حاديه")
    for v, forms in ((2, ("ثاني", "ثانيه")), (3, ("ثالث", "ثالثه")), (4, ("رابع", "رابعه")),
                     (5, ("خامس", "خامسه")), (6, ("سادس", "سادسه")), (7, ("سابع", "سابعه")),
                     (8, ("ثامن", "ثامنه")), (9, ("تاسع", "تاسعه")), (10, ("عاشر", "عاشره"))):
        add(_O, v, *forms)
    for v, form in enumerate(("اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا",
                              "ثامنا", "تاسعا", "عاشرا"), start=1):
        add(_ADV, v, form)
    for v, stem in ((20, "عشرين"), (30, "ثلاثين"), (40, "اربعين"), (50, "خمسين"), (60, "ستين"),
                    (70, "سبعين"), (80, "ثمانين"), (90, "تسعين")):
        add(_DECADE, v, stem + "يات", stem + "ات")  # «الستينيات»: the 1960s
    add(_DECADE, 10, "عشري", "عشريه")  # «الإطار العشري»: the 10-year framework
    # dual nouns («عامين», «سنتين», «جلستيها»): the number two, written into the noun
    for stem in ("سنت", "ساعت", "دقيقت", "مرت", "فترت", "دورت", "جلست", "مرحلت", "مادت", "فقرت",
                 "لجنت", "صفحت"):
        add(_DUAL, 2, *(stem + s for s in ("ين", "ان", "ي", "ا", "يها", "يهما", "يه")))
    for stem in ("دولت", "مجموعت", "لغت", "منطقت", "ولايت", "قضيت", "اتفاقيت", "وثيقت", "حالت",
                 "حكومت", "منظمت", "عام", "شهر", "يوم", "اسبوع", "قرن", "عقد", "اجتماع", "بلد",
                 "طرف", "شخص", "طفل", "مؤتمر", "تقرير", "قرار", "مرفق", "هدف", "نوع", "جزء",
                 "جانب", "مقعد", "دولار", "فصل", "مشروع", "بند", "قطاع", "عضو"):
        add(_DUAL, 2, stem + "ين", stem + "ان", stem + "يها", stem + "يهما")
    add(_DUAL, 2, "عامي", "يومي")  # «عامي 2013 و2014», «يومي 21 و22 يونيو»
    return lex


_AR_LEX = _ar_lexicon()
_AR_PREFIXES = ("و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
                "وب", "ول", "فب", "فل", "وك", "وبال", "فبال", "وكال")


def _ar_prefixed_lexicon() -> dict[str, tuple[str, _W]]:
    """Every clitic + number word form -> (clitics, word); a bare word wins over a split one."""
    out: dict[str, tuple[str, _W]] = {}
    for prefix in sorted(_AR_PREFIXES, key=len, reverse=True):
        for stem, w in _AR_LEX.items():
            if w.cls == _DUAL and "ال" in prefix and stem.endswith(("يها", "يهما", "يه")):
                continue
            out[prefix + stem] = (prefix, w)
    for stem, w in _AR_LEX.items():
        out[stem] = ("", w)
    return out


_AR_WORDS = _ar_prefixed_lexicon()
_AR_TOKEN = re.compile(rf"[{AR_LETTER}]+")
_AR_MONTH_HEADS = frozenset({"كانون", "تشرين", "ربيع", "جمادي", "جماد"})
_AR_LETTER_CONTEXT = frozenset({  # «المرفق ألف»: the letter A, not a thousand
    "المرفق", "المرفقين", "المرفقان", "الفرع", "الجزء", "الجدول", "الباب", "الفصل", "القسم",
    "الملحق", "الفئه", "المجموعه", "القائمه", "البند", "الفريق", "الخيار", "الشكل", "الموقع"})

_Tok = tuple[int, int, str]


def _adjacent(key: str, a: _Tok, b: _Tok) -> bool:
    gap = key[a[1]:b[0]]
    return 0 < len(gap) <= 2 and gap.isspace()


def _ar_lookup(tokens: list[_Tok], i: int, key: str) -> tuple[str, _W] | None:
    """Number-word reading of token i, or None (also where the word is no number here)."""
    s, e, word = tokens[i]
    hit = _AR_WORDS.get(word)
    if hit is None:
        return None
    prefix, w = hit
    prev = tokens[i - 1][2] if i > 0 and _adjacent(key, tokens[i - 1], tokens[i]) else ""
    if prev in _AR_MONTH_HEADS and w.cls in (_O, _U):  # «كانون الثاني», «ربيع الأول»
        return None
    if w.cls == _H and w.value == 100 and "ال" in prefix and (
            prev == "في" or prefix.startswith(("بال", "لل"))):
        return None  # «في المائة», «بالمائة»: per cent
    if w.cls == _S and w.value == 1000 and prefix in ("", "و"):
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if (prev in _AR_LETTER_CONTEXT or nxt in ("باء", "وباء") or key[e:e + 3].lstrip()[:1] in
                ("-", ")") or key[max(0, s - 1):s] == "("):
            return None
    if word == "الاثنين" and prev == "يوم":  # Monday
        return None
    if w.cls == _O and w.value == 100 and prev not in ("الذكري", "ذكري", "للذكري", "بالذكري", "والذكري"):
        return None  # «النسبة المئوية» is a percentage; only «الذكرى المئوية» is the 100th anniversary
    return prefix, w


def _parse_ar_phrase(tokens: list[_Tok], i: int, key: str,
                     first: tuple[str, _W]) -> tuple[float, int, bool] | None:
    """(value, index after the phrase, is_ordinal) of the number phrase starting at token i."""
    w = first[1]
    n = len(tokens)

    def next_hit(j: int) -> tuple[int, bool, tuple[str, _W] | None]:
        """Token index of the next word (skipping a detached «و»), whether it has «و», reading."""
        if j >= n or not _adjacent(key, tokens[j - 1], tokens[j]):
            return j, False, None
        if tokens[j][2] == "و":
            if j + 1 >= n or not _adjacent(key, tokens[j], tokens[j + 1]):
                return j, False, None
            hit = _ar_lookup(tokens, j + 1, key)
            return j + 1, True, hit
        hit = _ar_lookup(tokens, j, key)
        return j, bool(hit and hit[0].startswith("و")), hit

    if w.cls in (_ADV, _DECADE):
        return w.value, i + 1, w.cls == _ADV
    if w.cls == _SP:
        return None
    if w.cls == _DUAL:  # «سنتين ونصف» = 2.5
        k, wa, hit = next_hit(i + 1)
        if hit and wa and hit[1].cls == _HALF:
            return 2.5, k + 1, False
        return 2.0, i + 1, False
    ordinal = w.cls in (_O, _HAD)
    total = 0.0
    cur = 0.0
    last_scale = 0.0
    needs_teen = w.teen_only or w.cls == _HAD
    if w.cls in (_S, _S2):
        last_scale = w.value if w.cls == _S else w.value / 2
        total, last = w.value, "scale"
    elif w.cls == _T10:
        cur, last = 10, "teen"
    elif w.cls == _HALF:
        cur, last = 0.5, "half"
    elif w.cls == _H:
        cur, last = w.value, "hund"
    elif w.cls == _TENS:
        cur, last = w.value, "tens"
    else:  # unit, ordinal unit, «حادي»
        cur, last = w.value, "unit"
    piece = w.value  # the value of the last word read
    j = i + 1
    while True:
        k, wa, hit = next_hit(j)
        if hit is None:
            # «الحادية والثلاثون بعد المائة» = 131
            if (k < n and tokens[k][2] == "بعد" and last in ("unit", "teen", "tens")
                    and not needs_teen and k + 1 < n and _adjacent(key, tokens[k], tokens[k + 1])):
                after = _AR_WORDS.get(tokens[k + 1][2])
                if after and after[0] == "ال" and after[1].cls in (_H, _S) and \
                        after[1].value in (100, 1000):
                    cur += after[1].value
                    last = "hund"
                    j = k + 2
            break
        prefix, nw = hit
        if not wa:
            if "ال" in prefix and nw.cls != _T10:
                break
            if nw.cls == _T10 and last == "unit" and piece <= 9:  # «خمسة عشر», «الحادي عشر»
                cur += 10
                last = "teen"
                needs_teen = False
            elif nw.cls in (_S, _SP, _S2) and last in ("unit", "teen", "tens", "hund", "half") \
                    and not needs_teen:  # «ثلاثة آلاف», «مائة ألف»
                if nw.cls == _SP and not 3 <= piece <= 10:
                    break
                scale = nw.value if nw.cls != _S2 else nw.value / 2
                total += (cur or 1) * scale
                cur, last, last_scale = 0.0, "scale", scale
            elif nw.cls == _H and nw.value == 100 and last == "unit" and 3 <= piece <= 9:
                cur += piece * 99  # «ثلاث مائة»
                last = "hund"
            else:
                break
        else:
            # «خمسة وعشرون», «الحادي والعشرين»
            if nw.cls == _TENS and last == "unit" and piece <= 9:
                cur += nw.value
                last = "tens"
                needs_teen = False
            elif nw.cls in (_U, _O, _T10, _TENS) and last in ("hund", "scale") and not needs_teen:
                cur += nw.value  # «ألف وتسعمائة وسبعة وستون»
                last = {_U: "unit", _O: "unit", _T10: "teen", _TENS: "tens"}[nw.cls]
                needs_teen = nw.teen_only
                ordinal = ordinal or nw.cls == _O
            elif nw.cls == _H and last == "scale":
                cur += nw.value
                last = "hund"
            elif nw.cls == _HALF and last in ("scale", "unit", "tens", "teen", "hund") \
                    and not needs_teen:
                k2, wa2, after = next_hit(k + 1)
                if after and after[1].cls == _S and not wa2:  # «مليون ونصف مليون»
                    scale = after[1].value
                    total += 0.5 * scale if last == "scale" else (cur + 0.5) * scale
                    cur, last, last_scale = 0.0, "scale", scale
                    j = k2 + 1
                    continue
                if last == "scale":  # «مليونين ونصف»
                    total += 0.5 * last_scale
                else:
                    cur += 0.5
                last = "half"
            else:
                break
        piece = nw.value
        j = k + 1
    if needs_teen:
        return None
    value = total + cur
    if value <= 0:
        return None
    return value, j, ordinal


def find_ar_words(key: str) -> list[NumberCandidate]:
    if _AR_WORDS.keys().isdisjoint(_AR_TOKEN.findall(key)):
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in _AR_TOKEN.finditer(key)]
    out: list[NumberCandidate] = []
    i, n = 0, len(tokens)
    while i < n:
        hit = _ar_lookup(tokens, i, key)
        parsed = _parse_ar_phrase(tokens, i, key, hit) if hit else None
        if parsed is None:
            i += 1
            continue
        value, j, ordinal = parsed
        prefix = hit[0] if hit else ""
        # the span leaves out a leading conjunction or preposition, keeps the article
        lead = len(prefix) - (2 if prefix.endswith("ال") else 1 if prefix.endswith("لل") else 0)
        out.append(NumberCandidate(tokens[i][0] + lead, tokens[j - 1][1], value,
                                   "ordinal" if ordinal else "words", False))
        i = j
    return out


# ============================================================================================
# English number words
# ============================================================================================

_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_EN_ORD_UNITS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORD_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())
    if w != "_"}
_EN_ORD_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9}
_EN_FRACTION_DENOMS = frozenset(
    "third thirds fourth fourths quarter quarters fifth fifths sixth sixths seventh sevenths "
    "eighth eighths ninth ninths tenth tenths half halves hundredth hundredths".split())
_EN_WORD = re.compile(r"[A-Za-z]+")
_EN_SEEDS = frozenset([*_EN_UNITS, *_EN_TENS, *_EN_ORD_UNITS, *_EN_ORD_TENS, *_EN_ORD_SCALES,
                       *_EN_SCALE_WORDS, "hundred", "half", "dozen"])


def _en_tokens(key: str, pos: int) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, lowercased word, text since the previous word) from pos on."""
    prev_end = pos
    for mt in _EN_WORD.finditer(key, pos):
        yield mt.start(), mt.end(), mt.group().lower(), key[prev_end:mt.start()]
        prev_end = mt.end()


def _parse_en_phrase(key: str, pos: int) -> tuple[float, int, int, bool] | None:
    """(value, start, end, is_ordinal) of the English number phrase starting at pos."""
    total = cur = last_scale = 0.0
    last: str | None = None  # "unit" "teen" "tens" "hund" "scale" "half"
    start = end = -1
    ordinal = False
    pending_and = False
    for s, e, w, sep in _en_tokens(key, pos):
        if start >= 0 and (len(sep) > 2 or sep.strip() not in ("", "-")):
            break
        if w == "and" and last is not None and not pending_and:
            pending_and = True
            continue
        if w in ("a", "an") and (pending_and or last == "half"):  # "and a half", "half a million"
            continue
        if w in _EN_UNITS or w in _EN_ORD_UNITS:
            v = _EN_ORD_UNITS.get(w) or _EN_UNITS.get(w, 0)
            if last is None or last in ("hund", "scale") or (
                    last == "tens" and v < 10 and not pending_and):
                cur += v
                last = "teen" if v >= 10 else "unit"
            else:
                break
            ordinal = w in _EN_ORD_UNITS
        elif w in _EN_TENS or w in _EN_ORD_TENS:
            if last is not None and last not in ("hund", "scale"):
                break
            cur += _EN_ORD_TENS.get(w) or _EN_TENS[w]
            last = "tens"
            ordinal = w in _EN_ORD_TENS
        elif w in ("hundred", "hundredth"):
            if last in ("hund", "half", "scale") or pending_and:
                break
            cur = (cur or 1) * 100
            last = "hund"
            ordinal = w == "hundredth"
        elif w in _EN_SCALE_WORDS or w in _EN_ORD_SCALES:
            if pending_and or last == "scale":
                break
            last_scale = _EN_SCALE_WORDS.get(w) or _EN_ORD_SCALES[w]
            total += (cur or 1) * last_scale
            cur = 0.0
            last = "scale"
            ordinal = w in _EN_ORD_SCALES
        elif w == "half":
            if pending_and and last in ("unit", "tens", "teen"):
                cur += 0.5  # "one and a half"
            elif pending_and and last == "scale":
                total += 0.5 * last_scale  # "one million and a half"
            elif last is None:
                cur = 0.5
            else:
                break
            last = "half"
        elif w == "dozen" and last in (None, "unit"):
            cur = (cur or 1) * 12
            last = "tens"
        else:
            break
        if start < 0:
            start = s
        end = e
        pending_and = False
        if ordinal:
            break
    if start < 0:
        return None
    return total + cur, start, end, ordinal


def _find_en_words(key: str) -> list[NumberCandidate]:
    out: list[NumberCandidate] = []
    if _EN_SEEDS.isdisjoint(_EN_WORD.findall(key.lower())):
        return out
    pos = 0
    for mt in _EN_WORD.finditer(key):
        if mt.start() < pos or mt.group().lower() not in _EN_SEEDS:
            continue
        parsed = _parse_en_phrase(key, mt.start())
        if parsed is None:
            continue
        value, s, e, ordinal = parsed
        pos = e
        # "one third", "two-thirds": a fraction, not a count
        follow = _EN_WORD.match(key, e + 1) if key[e:e + 1] in (" ", "-") else None
        if follow and follow.group().lower() in _EN_FRACTION_DENOMS and not ordinal:
            pos = follow.end()
            continue
        if key[max(0, s - 2):s].lower() == "a " and key[s:e].lower().startswith(
                ("hundred", "thousand", "million", "billion", "half", "dozen")):
            s -= 2  # "a million"
        out.append(NumberCandidate(s, e, value, "ordinal" if ordinal else "words", False))
    return out


# ============================================================================================
# Public API
# ============================================================================================


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    for bs, be in spans:
        if s < be and bs < e:
            return True
    return False


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number stated in ``text`` (``lang`` "ar" or "en"), in text order."""
    if lang not in ("ar", "en"):
        raise ValueError(f"lang must be 'ar' or 'en', not {lang!r}")
    if not text:
        return []
    key, offs = prepare_text(text)
    taken: list[tuple[int, int]] = []
    if "/" in key or "(" in key:
        taken += [m.span() for m in SYMBOL_PATTERN.finditer(key)]
    has_digits = DIGIT.search(key) is not None
    # in order of precedence: a span taken by one kind is not read again by the next
    groups = [
        _find_times(key, lang) if has_digits else [],
        _find_roman(key) if _ROMAN_HINT.search(key) else [],
        find_digits(key, lang) if has_digits else [],
        find_ar_words(key) if lang == "ar" else _find_en_words(key),
    ]
    chosen: list[NumberCandidate] = []
    for cands in groups:
        for c in sorted(cands, key=lambda c: (c.ks, c.ks - c.ke)):
            if c.ke > c.ks and not _overlaps(taken, c.ks, c.ke):
                taken.append((c.ks, c.ke))
                chosen.append(c)
    chosen.sort(key=lambda c: c.ks)
    out = []
    for c in chosen:
        start = offs[c.ks]
        end = offs[c.ke - 1] + 1
        while end < len(text) and text[end] in TASHKEEL:
            end += 1
        alts = tuple(dict.fromkeys(a for a in c.alts if a != c.value))
        out.append(NumberMention(c.value, text[start:end], start, end, c.kind, c.explicit, alts))
    return out


DIGIT = re.compile(r"\d")
_ROMAN_HINT = re.compile(r"[IVXLCDM]|\([ivx]")
_DOTTED = re.compile(r"(\d+)[.\u066b-](\d+)")
_PAIR_GAP = re.compile(r"\s?[-.\u066b\u2010-\u2014]\s?")
# A range whose dash the text lost ("women aged 1564", "the biennium 20142015") against «بين 15 و64»,
# «2014-2015», «من 46 إلى 53»: what may stand between the two ends of the range on the other side.
_RANGE_GAP = re.compile(r"\s?(?:[-/\u2010-\u2014]|و|الى|إلى|to|and)\s?")
# Page references: language versions of a document paginate differently, so page numbers are not compared.
_PAGE_REFERENCE = {
    "en": re.compile(r"\b(?:pp?\.|pages?)\s?\d+(?:\s?(?:[-,\u2010-\u2014]|and|to)\s?\d+)*", re.I),
    "ar": re.compile(r"(?<![\u0621-\u064a])(?:ص\.|ص|صفحة|الصفحة|الصفحتان|الصفحتين|الصفحات|صفحتي|صفحات)\s?\d+"
                     r"(?:\s?(?:[-,\u060c\u2010-\u2014]|و|الى|إلى)\s?\d+)*"),
}


def _values(m: NumberMention) -> tuple[set[float], set[float]]:
    """The value, and the value with its alternatives, rounded for comparison."""
    main = {round(m.value, 6)}
    return main, main | {round(a, 6) for a in m.alternatives}


def unmatched_numbers(ar: str, en: str) -> tuple[list[NumberMention], list[NumberMention]]:
    """Explicit numbers of each side that have no counterpart of equal value on the other side
    (multiset matching: a value twice on one side needs it twice on the other; an explicit number
    may be matched by a word/ordinal number of the other side; unmatched non-explicit mentions are
    never reported, because translators legitimately write 'two years' as «عامين»). A number that is two
    consecutive numbers of the other side written together (1564 / «بين 15 و64») matches both, and page
    numbers ("(pp. 34-35)", «(الصفحتان 44 و 45)») are never reported: language versions paginate differently."""
    sides = (find_numbers(ar, "ar"), find_numbers(en, "en"))
    if not any(m.explicit for side in sides for m in side):
        return [], []
    values = ([_values(m) for m in sides[0]], [_values(m) for m in sides[1]])
    used: tuple[set[int], set[int]] = (set(), set())
    # explicit with explicit (by value, then by an alternative reading), then explicit with words
    for with_alts, partner_explicit in ((False, True), (True, True), (False, False), (True, False)):
        for x in (0, 1):
            y = 1 - x
            for i, mx in enumerate(sides[x]):
                if i in used[x] or not mx.explicit:
                    continue
                vx = values[x][i][int(with_alts)]
                best = None
                for j, my in enumerate(sides[y]):
                    if j in used[y] or (partner_explicit and not my.explicit):
                        continue
                    if not vx.isdisjoint(values[y][j][int(with_alts)]):
                        if best is None or (my.explicit and not sides[y][best].explicit):
                            best = j
                        if my.explicit:
                            break
                if best is not None:
                    used[x].add(i)
                    used[y].add(best)
    texts = (ar, en)
    for x in (0, 1):  # UN Arabic writes the section number 6.11 as «6-11»: a dotted number against a pair
        _match_one_with_two(sides[x], used[x], sides[1 - x], used[1 - x], texts[1 - x], _dotted_pair, _PAIR_GAP)
    for x in (0, 1):  # a range that lost its dash: "women aged 1564" against «بين 15 و64»
        _match_one_with_two(sides[x], used[x], sides[1 - x], used[1 - x], texts[1 - x], _glued_pair, _RANGE_GAP)
    unmatched = [[m for i, m in enumerate(sides[x]) if m.explicit and i not in used[x]] for x in (0, 1)]
    if unmatched[0] or unmatched[1]:
        pages = [_page_spans(text, lang) for text, lang in ((ar, "ar"), (en, "en"))]
        unmatched = [[m for m in unmatched[x] if not any(s <= m.start < e for s, e in pages[x])] for x in (0, 1)]
    if not unmatched[0] and not unmatched[1]:
        return unmatched[0], unmatched[1]
    # "the 1591 committee" against «اللجنة المنشأة بموجب القرار 1591 (2005)»: a number the other side
    # states inside a document symbol (whose digits are not numbers) is rendered; so is one the other side
    # glues to Latin letters as a code or a name («هايابوسا2» / "Hayabusa2", «واو-3» / "objective F3")
    in_symbols = [(_symbol_numbers(text) if "/" in text or "(" in text else set()) | _code_numbers(text)
                  for text in texts]
    return ([m for m in unmatched[0] if m.value not in in_symbols[1]],
            [m for m in unmatched[1] if m.value not in in_symbols[0]])


def only_repeated(unmatched: list[NumberMention], other: str, other_lang: str) -> bool:
    """Whether every number in ``unmatched`` states a value that the ``other`` side states too: one side says
    it again where the other says it once or refers back ("HFC-23 (HFC-23)", "the An-26 … the An-26" against
    «هذه الطائرة»), a repetition rather than a different number."""
    stated = set().union(*(_values(m)[1] for m in find_numbers(other, other_lang)))
    return bool(unmatched) and all(not _values(m)[1].isdisjoint(stated) for m in unmatched)


# A reference to a paragraph, article or chapter by its number, and one the other language makes relatively
# ("paragraph 1 (b) above" / «الفقرة السابقة (ب)», «المادة 5» / "the preceding Article"): the number cannot
# be checked against the other side, so it is not reported.
_EN_REFERENCE_NOUN = r"(?:sub)?(?:paragraph|article|chapter|section)s?"
_AR_REFERENCE_NOUN = r"(?:فقرة|فقرتين|فقرات|مادة|مادتين|مواد|فصل|فصلين|بند)"
_EN_NUMBERED_REFERENCE = re.compile(rf"\b{_EN_REFERENCE_NOUN}\s+$", re.IGNORECASE)
_AR_NUMBERED_REFERENCE = re.compile(rf"(?:^|\s)[وف]?(?:بال|لل|ال|ب|ل)?{_AR_REFERENCE_NOUN}\s+$")
_EN_RELATIVE_REFERENCE = re.compile(rf"\b(?:(?:the\s+)?(?:preceding|previous|foregoing|following|next)\s+"
                                    rf"{_EN_REFERENCE_NOUN}|{_EN_REFERENCE_NOUN}\s+(?:above|below))\b", re.IGNORECASE)
_AR_RELATIVE_REFERENCE = re.compile(rf"{_AR_REFERENCE_NOUN}\s+(?:السابقة|السابقتين|السابق|التالية|التاليتين|التالي|"
                                    r"الآنفة|الانفة|السالفة|المتقدمة|أعلاه|اعلاه|أدناه|ادناه)")


def referred_relatively(unmatched: list[NumberMention], text: str, lang: str, other: str) -> list[NumberMention]:
    """The numbers of ``unmatched`` (in ``text``, language ``lang``) that number a paragraph, article or
    chapter which the ``other`` side refers to relatively ("the preceding paragraph", «الفقرة السابقة»)."""
    numbered = _EN_NUMBERED_REFERENCE if lang == "en" else _AR_NUMBERED_REFERENCE
    relative = _AR_RELATIVE_REFERENCE if lang == "en" else _EN_RELATIVE_REFERENCE
    if not relative.search(other):
        return []
    return [m for m in unmatched if numbered.search(text[max(0, m.start - 30):m.start])]


def _match_one_with_two(one: list[NumberMention], one_used: set[int], other: list[NumberMention],
                        other_used: set[int], other_text: str, fits: Callable[[str, NumberMention, NumberMention], bool],
                        gap: re.Pattern[str]) -> None:
    """Match each unmatched explicit number of ``one`` whose folded digits ``fits`` two consecutive unmatched
    numbers of ``other`` (with only ``gap`` between them in ``other_text``) with both of them."""
    for i, m in enumerate(one):
        if i in one_used or not m.explicit:
            continue
        digits = fold_digits(m.text)
        for j in range(len(other) - 1):
            p, q = other[j], other[j + 1]
            if (j not in other_used and j + 1 not in other_used and fits(digits, p, q)
                    and gap.fullmatch(other_text, p.end, q.start)):
                one_used.add(i)
                other_used.update((j, j + 1))
                break


def _dotted_pair(digits: str, p: NumberMention, q: NumberMention) -> bool:
    """6.11 against 6 and 11."""
    dotted = _DOTTED.fullmatch(digits)
    return dotted is not None and p.value == float(dotted.group(1)) and q.value == float(dotted.group(2))


def _glued_pair(digits: str, p: NumberMention, q: NumberMention) -> bool:
    """1564 (four digits or more) against 15 and 64."""
    return len(digits) >= 4 and digits.isdigit() and fold_digits(p.text) + fold_digits(q.text) == digits


def _page_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the page references ("pp. 34-35", «الصفحتان 44 و 45») in ``text``."""
    return [m.span() for m in _PAGE_REFERENCE[lang].finditer(fold_digits(text))]


_GLUED_TO_LATIN = re.compile(r"(?<=[A-Za-z])\d+|\d+(?=[A-Za-z])")


def _code_numbers(text: str) -> set[float]:
    """The digit groups glued to Latin letters in ``text`` ("Hayabusa2", "F3", "for20112012b"), as values."""
    return {float(m.group()) for m in _GLUED_TO_LATIN.finditer(fold_digits(text))}


def _symbol_numbers(text: str) -> set[float]:
    """The digit groups of the document symbols in ``text``, as values."""
    key = prepare_text(text)[0]
    return {float(group) for m in SYMBOL_PATTERN.finditer(key) for group in re.findall(r"\d+", m.group())}
