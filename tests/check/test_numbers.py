"""Tests for align.check.numbers: numbers by value in Arabic and English text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.check.numbers import SYMBOL_PATTERN, NumberMention, find_numbers, unmatched_numbers

from ..conftest import DEV

DEVSET = DEV / "unv1-devset"


def values(text: str, lang: str) -> list[float]:
    return [m.value for m in find_numbers(text, lang)]


def check_offsets(text: str, mentions: list[NumberMention]) -> None:
    for m in mentions:
        assert text[m.start:m.end] == m.text
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


# ------------------------------------------------------------------------------------------
# digits
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("in 2015", "en", [2015]),
    ("في ٢٠١٥", "ar", [2015]),                     # Arabic-Indic digits
    ("در ۲۰۱۵", "ar", [2015]),                     # Persian digits
    ("٣٫٥ في المائة", "ar", [3.5]),                # Arabic decimal separator
    ("٦٢٬٥٠٠ دولار", "ar", [62500]),               # Arabic thousands separator
    ("بنسبة ٥٫٥٪", "ar", [5.5]),                    # Arabic percent sign
    ("5.5% of the total", "en", [5.5]),
    ("$62,500", "en", [62500]),
    ("(62,500)", "en", [62500]),
    ("(62500)", "ar", [62500]),
    ("1,500.75 dollars", "en", [1500.75]),
    ("3.5 per cent", "en", [3.5]),
    ("24,3% في عام 2001", "ar", [24.3, 2001]),     # Arabic decimal comma
    ("9,810 طنا", "ar", [9810]),                   # comma + 3 digits: thousands
    ("1,000,000", "en", [1000000]),
    ("1.500.000", "en", [1500000]),
    ("$3.6 million", "en", [3600000]),
    ("3.6 مليون", "ar", [3600000]),
    ("2 مليون دولار", "ar", [2000000]),
    ("10,8 مليون دولار", "ar", [10800000]),
    ("21st", "en", [21]),
    ("the 51st session", "en", [51]),
    ("3rd", "en", [3]),
    ("Euro131 million", "en", [131000000]),        # currency glued to the number
    ("(80) million US dollars", "en", [80000000]),
    ("77.0 years", "en", [77]),
    ("الدورة الـ21", "ar", [21]),
    ("الدورة الـ 21", "ar", [21]),
    ("a 100m race", "en", [100]),                  # metres: "m" is a million only after a currency
    ("$5m", "en", [5000000]),
])
def test_digits(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected
    assert all(m.explicit and m.kind == "digits" for m in find_numbers(text, lang))


@pytest.mark.parametrize("text, lang, expected", [
    ("P3 member countries", "en", []),            # codes glued to Latin letters
    ("CO2 and H1N1", "en", []),
    ("800,000 km2", "en", [800000]),
    ("294 641 1 كلم2", "ar", [1641294]),
    ("ranges\"18 and", "en", []),                  # footnote markers
    ("Advisory Committee,3 and requests", "en", []),
    ("Crime1 provides", "en", []),
    ("the Former Yugoslavia;1", "en", []),
    ("planning.[23]", "en", []),
    ("الأمين العام(1)؛", "ar", []),
    ("(مالفيناس)(1)، وجبل طارق", "ar", []),
    ("الفقرات (١) و(٢) و(٣)", "ar", [1, 2, 3]),   # «و(٢)»: "and (2)", not a footnote
    ("لفترة السنتين 2014-2015(1) يقدم", "ar", [2, 2014, 2015]),
    ("near B30(1)", "en", [1]),                    # a code, not a footnote
    ("No.16 of 2004", "en", [16, 2004]),
    ("article 25 (1)", "en", [25, 1]),
    ("بحلول عام 2020 (3)", "ar", [2020]),          # a footnote after the year that ends the clause
    ("بحلول عام 2020 (3) وكذلك", "ar", [2020, 3]),  # not at the end: a number
    ("المادة 25 (1)", "ar", [25, 1]),             # not after a year
])
def test_codes_and_footnotes(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


# ------------------------------------------------------------------------------------------
# UN Arabic reversed digit groups and spaced groups
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("نحو 000 100 نسمة", "ar", [100000]),
    ("000 14 شخص", "ar", [14000]),
    ("000 500 1 دولار", "ar", [1500000]),
    ("544 2 شخصا", "ar", [2544]),
    ("000 819 5 دولار", "ar", [5819000]),
    ("130 776 33 كونا", "ar", [33776130]),
    ("630.8 1 كغم", "ar", [1630.8]),
    ("731.5 1 مليون دولار", "ar", [1731500000]),
    ("100 000 شخص", "ar", [100000]),               # normal order: reversed reading impossible
    ("100 000 people", "en", [100000]),
    ("بين 000 55 و 2 مليون دولار", "ar", [55000, 2000000]),
])
def test_grouped_digits(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("بين عامي 1967 2025", "ar", [2, 1967, 2025]),    # 4-digit numbers are never groups
    ("يومي 21 و22 يونيو", "ar", [2, 21, 22]),
    ("21 و 22", "ar", [21, 22]),
    ("2013 2014", "en", [2013, 2014]),
    ("in 2014 100 people", "en", [2014, 100]),
    ("الفقرتين 4 و 5", "ar", [2, 4, 5]),
])
def test_separate_numbers_are_not_merged(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


# ------------------------------------------------------------------------------------------
# ranges, clause numbers, invisible marks, clock times
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("from 28 to 30 July", "en", [28, 30]),
    ("من 28 إلى 30 يوليو", "ar", [28, 30]),
    ("28-30", "en", [28, 30]),
    ("4-13 February 2015", "en", [4, 13, 2015]),
    ("2014-2015", "ar", [2014, 2015]),
    ("(الصفحتان 42-43)", "ar", [2, 42, 43]),
])
def test_ranges(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("9. Requests the Secretary-General", "en", [9]),
    ("9 - يطلب إلى الأمين العام", "ar", [9]),
    ("٧ - وشجع مجلس الأمن", "ar", [7]),
    ("10- اتفقت اللجنة", "ar", [10]),
])
def test_clause_numbers_are_ordinary_numbers(text: str, lang: str, expected: list[float]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("عام 2\u200e015", [2015]),                   # LRM inside the number
    ("\u200f2015\u200f", [2015]),
    ("عام 20\u061c15", [2015]),                   # ALM
    ("عام 19\u064067", [1967]),                   # tatweel inside the number
    ("000\u200f 100", [100000]),
    ("١٢\u200e٫٥", [12.5]),
])
def test_invisible_marks_do_not_split_numbers(text: str, expected: list[float]) -> None:
    mentions = find_numbers(text, "ar")
    assert [m.value for m in mentions] == expected
    check_offsets(text, mentions)


@pytest.mark.parametrize("ar, en", [
    ("الساعة 15:00", "at 3 p.m."),
    ("الساعة 10:00", "at 10 a.m."),
    ("الساعة 00:11", "at 11 a.m."),        # UN Arabic stores the minutes first
    ("الساعة 47/10", "at 10.47 a.m."),
    ("في الساعة 10/13، قرب القرية", "At 1310, near the village"),
    ("الساعة 18:15", "at 6:15 p.m."),
    ("منذ الساعة 59/23 بتوقيت غرينيتش", "as at 2359Z"),
    ("بين الساعة 11:00 والساعة 12:00", "between 1100 and 1200 hours"),
])
def test_clock_times_match(ar: str, en: str) -> None:
    assert unmatched_numbers(ar, en) == ([], [])


def test_clock_times_mismatch() -> None:
    only_ar, only_en = unmatched_numbers("الساعة 15:00", "at 4 p.m.")
    assert [m.text for m in only_ar] == ["15:00"]
    assert [m.text for m in only_en] == ["4 p.m."]


# ------------------------------------------------------------------------------------------
# Arabic number words
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, kind", [
    ("الرابع", 4, "ordinal"),
    ("في الحادي والعشرين من الشهر", 21, "ordinal"),
    ("خمسة وعشرون", 25, "words"),
    ("خَمْسَةٌ وَعِشْرُونَ", 25, "words"),             # tashkeel
    ("خمســة وعشـرون", 25, "words"),                 # tatweel
    ("مليون ونصف مليون", 1500000, "words"),
    ("مليونين ونصف", 2500000, "words"),
    ("نصف مليون", 500000, "words"),
    ("عامين", 2, "words"),
    ("سنتين", 2, "words"),
    ("لمدة شهرين", 2, "words"),
    ("في جلستيها", 2, "words"),
    ("سنتين ونصف", 2.5, "words"),
    ("ثلاثة آلاف", 3000, "words"),
    ("مائة", 100, "words"),
    ("مئة", 100, "words"),
    ("مئتان", 200, "words"),
    ("مائتي", 200, "words"),
    ("ثلاثمائة", 300, "words"),
    ("ثلاثمئة", 300, "words"),
    ("ثلاث مائة", 300, "words"),
    ("ثلاثة", 3, "words"),
    ("ثلاث", 3, "words"),
    ("عشرون", 20, "words"),
    ("عشرين", 20, "words"),
    ("وعشرين", 20, "words"),
    ("الثاني", 2, "ordinal"),
    ("الثانية", 2, "ordinal"),
    ("الأول", 1, "ordinal"),
    ("الأولى", 1, "ordinal"),
    ("أول", 1, "ordinal"),
    ("واحد", 1, "words"),
    ("ثاني أكسيد الكربون", 2, "ordinal"),
    ("الحادية عشرة", 11, "ordinal"),
    ("الثاني عشر", 12, "ordinal"),
    ("الثامنة عشرة", 18, "ordinal"),
    ("أحد عشر", 11, "words"),
    ("اثنا عشر", 12, "words"),
    ("الاثني عشر شهراً", 12, "words"),
    ("بخمسة عشر عاماً", 15, "words"),
    ("الأعضاء الأربعة عشر", 14, "words"),
    ("ألف وتسعمائة وسبعة وستون", 1967, "words"),
    ("مائة وخمسة", 105, "words"),
    ("الحادية والثلاثون بعد المائة", 131, "ordinal"),
    ("مليونَي يَن", 2000000, "words"),
    ("عشرة آلاف", 10000, "words"),
    ("خمسة وعشرين ألفا", 25000, "words"),
    ("بتسعة مقاعد", 9, "words"),
    ("الدورة السبعين", 70, "words"),
    ("الفصل السابع", 7, "ordinal"),
    ("عبدالله الثاني", 2, "ordinal"),
    ("أولاً", 1, "ordinal"),
    ("الألف يوم", 1000, "words"),
    ("أوائل الستينيات", 60, "words"),
])
def test_arabic_words(text: str, value: float, kind: str) -> None:
    mentions = find_numbers(text, "ar")
    assert [(m.value, m.kind, m.explicit) for m in mentions] == [(value, kind, False)]
    check_offsets(text, mentions)


@pytest.mark.parametrize("text, expected", [
    ("بنسبة 5 في المائة", [5]),                     # «في المائة» is "per cent"
    ("5 بالمائة", [5]),
    ("في 15 كانون الثاني/يناير", [15]),            # month names are not ordinals
    ("في تشرين الأول/أكتوبر", []),
    ("في شهر ربيع الأول", []),
    ("المرفقين ألف وباء", [2]),                    # the letter alif
    ("الفرع ألف", []),
    ("ألف - مقدمة", []),
    ("أحد الأعضاء", []),                           # «أحد» alone is "one of"
    ("يوم الأحد", []),                             # Sunday
    ("يوم الاثنين", []),                           # Monday
    ("الأول والثاني", [1, 2]),                     # two ordinals, not 3
    ("ثلاثة وأربعة", [3, 4]),
    ("التاسع والعاشر", [9, 10]),
    ("الأخرى الدولية", []),
])
def test_arabic_words_negative(text: str, expected: list[float]) -> None:
    assert values(text, "ar") == expected


# ------------------------------------------------------------------------------------------
# English number words
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, kind", [
    ("one", 1, "words"),
    ("twenty-five", 25, "words"),
    ("twenty five", 25, "words"),
    ("Forty-three per cent", 43, "words"),
    ("one and a half million", 1500000, "words"),
    ("two and a half years", 2.5, "words"),
    ("half a million", 500000, "words"),
    ("a million people", 1000000, "words"),
    ("two thousand", 2000, "words"),
    ("one hundred and twenty-five", 125, "words"),
    ("hundred", 100, "words"),
    ("first", 1, "ordinal"),
    ("the twentieth anniversary", 20, "ordinal"),
    ("twenty-first", 21, "ordinal"),
    ("seventieth", 70, "ordinal"),
    ("the sixty-ninth session", 69, "ordinal"),
    ("the twelve-month period", 12, "words"),
    ("a dozen", 12, "words"),
])
def test_english_words(text: str, value: float, kind: str) -> None:
    mentions = find_numbers(text, "en")
    assert [(m.value, m.kind, m.explicit) for m in mentions] == [(value, kind, False)]
    check_offsets(text, mentions)


@pytest.mark.parametrize("text, expected", [
    ("one third of the girls", []),                # fractions are not counts
    ("two-thirds majority", []),
    ("the first and second tunnels", [1, 2]),
    ("one two three", [1, 2, 3]),
    ("None of them", []),
    ("often tend to", []),
])
def test_english_words_negative(text: str, expected: list[float]) -> None:
    assert values(text, "en") == expected


# ------------------------------------------------------------------------------------------
# Roman numerals
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Chapter VII of the Charter", [7]),
    ("article XII of the statute", [12]),
    ("Part II", [2]),
    ("annexes I and II", [1, 2]),
    ("Annex III to the Convention", [3]),
    ("Section V of the present document", [5]),
    ("resolution 181 (II)", [181, 2]),
    ("resolution 3235 (XXIX)", [3235, 29]),
    ("resolution 9 (I) of 16 February 1946", [9, 1, 16, 1946]),
    ("resolution 1576 (L) of 20 May 1971", [1576, 50, 20, 1971]),
    ("King Abdullah II", [2]),
    ("Pope Leo XIV", [14]),
    ("Habitat III and Vatican II", [3, 2]),
    ("Total (I-III)", [1, 3]),
    ("IV. Advisory support", [4]),
    ("IV.G. Evaluation", [4]),
    ("(i) first item (ii) second item", [1, 2]),
])
def test_roman(text: str, expected: list[float]) -> None:
    mentions = find_numbers(text, "en")
    assert [m.value for m in mentions if m.explicit] == expected
    assert all(m.kind == "roman" for m in mentions if m.text.isalpha() and m.explicit)


@pytest.mark.parametrize("text", [
    "I have the honour to transmit",
    "I. Introduction I think",                     # only the heading
    "MIX of CIVIL society in DC",
    "Washington, DC and Washington DC",
    "Annex C, Group I controlled substances",      # Annex C is a letter; Group I counts
    "States included in List D",
    "The Mission X project",
    "(a) item (b) item (i) ninth item",            # (i) of a lettered list
    "the resolutions I mentioned",
    "Vitamin C",
])
def test_roman_negative(text: str) -> None:
    allowed = {"I. Introduction I think": [1.0],
               "Annex C, Group I controlled substances": [1.0]}
    assert [m.value for m in find_numbers(text, "en") if m.kind == "roman"] == allowed.get(text, [])


@pytest.mark.parametrize("ar, en", [
    ("الفصل السابع", "Chapter VII"),
    ("عبدالله الثاني", "Abdullah II"),
    ("مؤتمر الموئل الثاني", "Habitat II"),
    ("القرار 1147 (د-41)", "resolution 1147 (XLI)"),
    ("المرفقين الأول والثاني", "annexes I and II"),
    ("المجموع (أولا - ثالثا)", "Total (I-III)"),
])
def test_roman_matches_arabic(ar: str, en: str) -> None:
    assert unmatched_numbers(ar, en) == ([], [])


# ------------------------------------------------------------------------------------------
# document symbols
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, symbol", [
    ("resolution A/RES/ES-10/24.", "en", "A/RES/ES-10/24"),
    ("القرار A/RES/ES-10/24.", "ar", "A/RES/ES-10/24"),
    ("resolution S/RES/2728 (2024) of", "en", "S/RES/2728 (2024)"),
    ("see E/CN.5/2015/L.4,", "en", "E/CN.5/2015/L.4"),
    ("document A/C.3/70/L.5/Rev.1", "en", "A/C.3/70/L.5/Rev.1"),
    ("CEDAW/C/GC/35", "en", "CEDAW/C/GC/35"),
    ("resolution No. 51/9-CT regarding", "en", "51/9-CT"),
    ("القرار رقم 51/9-ق ت بشأن", "ar", "51/9-ق ت"),
    ("resolution 69/313 of", "en", "69/313"),
])
def test_symbols(text: str, lang: str, symbol: str) -> None:
    assert [m.group() for m in SYMBOL_PATTERN.finditer(text)] == [symbol]
    start = text.index(symbol)
    assert not [m for m in find_numbers(text, lang)
                if m.start < start + len(symbol) and start < m.end]


@pytest.mark.parametrize("text", [
    "HIV/AIDS", "and/or", "1/2", "2014/15", "25/08/2025", "الساعة 10/13", "ODA/GNI",
])
def test_symbol_pattern_negative(text: str) -> None:
    assert SYMBOL_PATTERN.search(text) is None


# ------------------------------------------------------------------------------------------
# unmatched_numbers
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ar, en", [
    ("الرابع من حزيران عام 1967", "June 4, 1967"),
    ("11 نوفمبر 2024", "November 11, 2024"),
    ("يومي 21 و22 يونيو 2025", "on 21 and 22 June 2025"),
    ("في الفترة من 28 إلى 30 يوليو 2025", "from July 28 to 30, 2025"),
    ("تبلغ 000 100 دولار", "amounts to $100,000"),
    ("بمبلغ 000 500 1 دولار", "$1,500,000"),
    ("لمدة عامين", "for 2 years"),                   # explicit matched by a dual
    ("لمدة 2 سنة", "for two years"),                 # explicit matched by a word
    ("لمدة عامين", "for three years"),               # words never reported
    ("5.5٪", "5.5 per cent"),
    ("24,3%", "24.3 per cent"),
    ("3.6 مليون", "3.6 million"),
    ("مليون شخص", "1 million people"),
    ("مليوني شخص", "2 million people"),
    ("الدورة الـ21", "the 21st session"),
    ("الدورة الـ 21", "the twenty-first session"),
    ("الفصل السابع", "Chapter VII"),
    ("الأمين العام(1)؛", "the Secretary-General;1"),
    ("المادة 6- 11 من القانون", "article 6.11 of the Code"),  # UN Arabic section numbers
    ("(الفقرات 11 و 23-2 و 66-1)", "(paras. 11, 23.2 and 66.1)"),
    ("الساعة 15:00", "at 3 p.m."),
    ("منذ أوائل الستينيات", "since the early 1960s"),
    ("في موسم 2017-2018", "in the 2017-18 season"),          # abbreviated second year
    ("لفترة السنتين 2014-2015", "for the biennium 2014/15"),
    ("في 14 فبراير، فاز بنسبة 76.000", "on February 14, he won 76,000"),
    ("أكثر من 30،000 كوري", "more than 30,000 Koreans"),    # Arabic comma as separator
    ("بقيمة 2.8 مليار جنيه", "a £2.8bn market"),
    ("مقابل 125 مليون جنيه", "for £125m"),
    ("بحلول الساعة 2 مساءً، وجدت سيارتا شرطة", "At 2pm two police vans"),
    ("الإطار العشري للبرامج", "the 10-Year Framework of Programmes"),
    ("القرار A/RES/ES-10/24", "resolution A/RES/ES-10/24"),
    ("", ""),
    # a range that lost its dash on one side
    ("تراوح أعمارهن بين 15 و64 سنة", "women aged 1564"),
    ("لفترة السنتين 2014-2015", "for the biennium 20142015"),
    ("المواد من 46 إلى 53", "articles 4653"),
    ("في الذكرى المئوية لتأسيس المنظمة", "on the 100th anniversary of the Organization"),
    ("بلغت النسبة المئوية 40", "the percentage reached 40"),
    # language versions paginate differently: page references are not compared
    ("(الصفحتان 42-43)", "(p. 31)"),
    ("المناطق الريفية (الصفحتان 44 و 45)، بمعدل مرتفع (صفحة 45)", "rural areas (pp. 34-35), at a high rate (p. 45)"),
    ("وفقر الدم (ص. ٣٤)", "and anaemia (page 28)"),
])
def test_unmatched_numbers_match(ar: str, en: str) -> None:
    assert unmatched_numbers(ar, en) == ([], [])


@pytest.mark.parametrize("ar, en, only_ar, only_en", [
    ("000 100 دولار", "$110,000", ["000 100"], ["110,000"]),
    ("25 أغسطس 2025", "August 26, 2025", ["25"], ["26"]),
    ("في 2015 و 2015", "in 2015", ["2015"], []),           # multiset: twice needs twice
    ("الفصل السادس", "Chapter VII", [], ["VII"]),
    ("عام 1988", "in 1998", ["1988"], ["1998"]),
    ("16,15 في المائة", "6.15%", ["16,15"], ["6.15%"]),
    ("القانون 26.743", "Law 26.73", ["26.743"], ["26.73"]),
    ("(انظر 42-43)", "(see 31)", ["42", "43"], ["31"]),
    ("في عامي 2014 و 2015", "in 20142016", ["2014", "2015"], ["20142016"]),  # not the same range
    ("بين 15 و64 سنة", "aged 1465", ["15", "64"], ["1465"]),
    ("في الذكرى المئوية", "on the 200th anniversary", [], ["200th"]),
    ("بلغت النسبة المئوية 40", "the rate reached 100", ["40"], ["100"]),
    ("الدورة الـ21", "the 22nd session", ["21"], ["22nd"]),
    ("عامين", "3 years", [], ["3"]),
])
def test_unmatched_numbers_mismatch(ar: str, en: str, only_ar: list[str], only_en: list[str]
                                    ) -> None:
    got_ar, got_en = unmatched_numbers(ar, en)
    assert [m.text for m in got_ar] == only_ar
    assert [m.text for m in got_en] == only_en
    assert all(m.explicit for m in got_ar + got_en)


def test_unmatched_reports_original_offsets() -> None:
    ar = "بلغ\u200f عددهم «٠٠٠ ١٠٠» شخصٍ في عامِ ٢٠١٥"
    only_ar, only_en = unmatched_numbers(ar, "In 2016, they were 100,000.")
    assert [(m.value, m.text) for m in only_ar] == [(2015, "٢٠١٥")]
    assert [m.value for m in only_en] == [2016]
    check_offsets(ar, only_ar)


def test_bad_language() -> None:
    with pytest.raises(ValueError):
        find_numbers("1", "fr")


# ------------------------------------------------------------------------------------------
# offsets always point into the original text
# ------------------------------------------------------------------------------------------

OFFSET_SAMPLES = [
    ("بلغ\u200e عدد\u0640ـهم ٢٠١٥ و«000 500 1» وخَمْسَةٌ وَعِشْرُونَ و الـ21 والـ 22", "ar"),
    ("الساعة 00:11 و ٣٫٥٪ و \u200f٦٢٬٥٠٠\u200f و الحادية والثلاثون بعد المائة", "ar"),
    ("ﻻ ٣ ﻫ 12 ﷲ ١٢٣", "ar"),                        # presentation forms expand in the key
    ("Chapter VII, one and a half million, 21st, 10.47 a.m., 62,500 (II)", "en"),
    ("\ufeff\u202aA/RES/ES-10/24\u202c and 5\u00a0000 people", "en"),
]


@pytest.mark.parametrize("text, lang", OFFSET_SAMPLES)
def test_offsets_on_original_text(text: str, lang: str) -> None:
    mentions = find_numbers(text, lang)
    assert mentions
    check_offsets(text, mentions)


_ALPHABET = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳ ,.-/%٫٬٪()") + [
    "\u200e", "\u200f", "\u061c", "\u0640", "\u064b", "\u0651", "ﻻ", "ﷲ",
    "و", "ال", "ثلاثة", "عشر", "مائة", "ألف", "مليون", "الحادي", "عامين", "نصف", "في المائة",
    "one", "twenty", "-five", " and a half ", "million", "first", "Chapter ", "II", "I", "X",
    "(", ")", "a.m.", "p.m.", "الساعة ", ":", "A/RES/", "st", "May",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=30), st.sampled_from(["ar", "en"]))
def test_offsets_property(parts: list[str], lang: str) -> None:
    text = "".join(parts)
    mentions = find_numbers(text, lang)
    check_offsets(text, mentions)
    for m, n in zip(mentions, mentions[1:]):
        assert m.end <= n.start  # mentions never overlap
    for m in mentions:
        assert m.kind in ("digits", "words", "ordinal", "roman")
        assert m.explicit == (m.kind in ("digits", "roman"))
    only_ar, only_en = unmatched_numbers(text, text)
    assert all(m.explicit for m in only_ar + only_en)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=25))
def test_reported_numbers_come_from_find_numbers(parts: list[str]) -> None:
    text = "".join(parts)
    only_ar, only_en = unmatched_numbers(text, "")
    assert only_ar == [m for m in find_numbers(text, "ar") if m.explicit]
    assert only_en == []


# ------------------------------------------------------------------------------------------
# speed and real data
# ------------------------------------------------------------------------------------------

def test_speed() -> None:
    ar = ("وفي 19 شباط/فبراير 2015، سجلت الوكالات قرابة 500 7 من المشردين، بينما قدر الأفراد "
          "أن 000 23 شخص من المدنيين (1.2 في المائة) كانوا يلتمسون الحماية خلال الدورة الحادية "
          "والعشرين.")
    en = ("On 19 February 2015, agencies registered nearly 7,500 displaced persons, while staff "
          "estimated that 23,000 civilians (1.2 per cent) sought protection at the twenty-first "
          "session.")
    assert unmatched_numbers(ar, en) == ([], [])
    started = time.perf_counter()
    for i in range(2000):
        unmatched_numbers(ar + f" {i}", en + f" {i}")
    # 2,000 sentence pairs (4,000 lines); about 0.3 s on a developer machine
    assert time.perf_counter() - started < 3.0


# Leading paragraph numbers and list markers: the caller strips them; the corpus numbers
# paragraphs on one side only ("10- " in Arabic where the English has none).
_CLAUSE = re.compile(
    r"^\s*(?:\(?[0-9٠-٩]{1,3}\)?\s?[-.)]\s?|'[0-9٠-٩]{1,2}`\s?|\([0-9٠-٩]{1,3}\)\s|\([a-z]{1,4}\)\s"
    r"|[IVX]+\.(?:[A-Z]\.)?\s|[A-Z]\.\s"
    r"|(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)ً?\s?-\s?"
    r"|(?:ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء)\s?-\s?)+")


def _dev_pairs() -> list[tuple[str, str]]:
    if not DEVSET.is_dir():
        pytest.skip(f"dev set not found at {DEVSET}")
    ar = (DEVSET / "ar.txt").read_text(encoding="utf-8").split("\n")[:4000]
    en = (DEVSET / "en.txt").read_text(encoding="utf-8").split("\n")[:4000]
    assert len(ar) == len(en) == 4000
    return [(_CLAUSE.sub("", a, count=1), _CLAUSE.sub("", e, count=1)) for a, e in zip(ar, en)]


def test_real_data_flag_rate() -> None:
    """unv1-devset: 4,000 official translations, leading paragraph numbers stripped as the caller
    does (unstripped: 182 pairs, 4.6%, nearly all a paragraph number on one side only).

    Flagged: 41 pairs (1.03%), all checked by hand: real divergences of the corpus (a different
    year, a number repeated or a page reference left out on one side, 16,15 vs 6.15%, 100,000 vs
    110,000...), corpus damage ("1564" for "15-64", "20142015", "Hayabusa2", "F3" vs «واو-3») and
    an idiom ("24 hours a day, 7 days a week" = «على مدار الساعة وطوال أيام الأسبوع»).
    """
    pairs = _dev_pairs()
    flagged = []
    for i, (ar, en) in enumerate(pairs, start=1):
        only_ar, only_en = unmatched_numbers(ar, en)
        if only_ar or only_en:
            flagged.append((i, [m.text for m in only_ar], [m.text for m in only_en]))
    print(f"\nnumbers: {len(flagged)} of {len(pairs)} pairs flagged "
          f"({100 * len(flagged) / len(pairs):.2f}%)")
    for line, a, e in flagged:
        print(f"  line {line}: Arabic only {a}, English only {e}")
    assert len(flagged) <= 45  # 1.1% of the lines; 41 (1.03%) reached


@pytest.mark.parametrize("line, only_ar, only_en", [
    (114, ["000 819 5"], []),      # the English says "in the same amount" the second time
    (1611, ["000 100"], ["110,000"]),
    (2322, ["1999"], ["1992"]),
])
def test_real_data_known_divergences(line: int, only_ar: list[str], only_en: list[str]) -> None:
    ar, en = _dev_pairs()[line - 1]
    got_ar, got_en = unmatched_numbers(ar, en)
    assert [m.text for m in got_ar] == only_ar
    assert [m.text for m in got_en] == only_en
