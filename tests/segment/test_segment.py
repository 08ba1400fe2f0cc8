"""Clause segmentation: golden clause lists of the bundled resolution, and tables of layouts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from align.segment.clauses import markers_differ, number_prefix_length, segment

from ..conftest import GOLDEN


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_bundled_clauses_match_golden(bundled_texts, lang):
    """Golden lists reviewed clause by clause: kinds, verbs, sub-clause splits, offsets, lines."""
    text = bundled_texts[0 if lang == "ar" else 1]
    expected = json.loads((GOLDEN / f"bundled.{lang}.clauses.json").read_text(encoding="utf-8"))
    assert [c.to_dict() for c in segment(text, lang)] == expected


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_bundled_offsets_point_at_the_text(bundled_texts, lang):
    text = bundled_texts[0 if lang == "ar" else 1]
    lines = text.split("\n")
    clauses = segment(text, lang)
    assert {c.paragraph for c in clauses} == set(range(42))
    for clause in clauses:
        assert text[clause.start:clause.end] == clause.text
        assert clause.text in lines[clause.line - 1]


@pytest.mark.parametrize("lang, verbs", [
    ("ar", ["affirm", "affirm", "affirm", "demand"]),
    ("en", ["affirm", "affirm", "affirm", "demand"]),
])
def test_paragraph_19_is_split_into_four_operative_clauses(bundled_texts, lang, verbs):
    text = bundled_texts[0 if lang == "ar" else 1]
    clauses = [c for c in segment(text, lang) if c.paragraph == 18]
    assert [c.verb for c in clauses] == verbs
    assert {c.kind for c in clauses} == {"operative"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_lead_in_paragraphs_are_framing(bundled_texts, lang):
    clauses = segment(bundled_texts[0 if lang == "ar" else 1], lang)
    assert [c.kind for c in clauses if c.paragraph < 2] == ["framing", "framing"]
    assert all(c.kind != "framing" for c in clauses if c.paragraph >= 2)
    assert clauses[2].kind == "preamble"


@pytest.mark.parametrize("text, lang, kind, number, verb", [
    ("9. Recognizes that political stability is essential,", "en", "operative", "9", "recognize"),
    ("9 - تعترف بأن الاستقرار السياسي ضروري،", "ar", "operative", "9", "recognize"),
    ("٩ - تعترف بأن الاستقرار السياسي ضروري،", "ar", "operative", "9", "recognize"),
    ("12. Expresses its satisfaction to the Secretary-General for the support provided,", "en",
     "operative", "12", "express"),
    ("12 - يعرب عن ارتياحه للدعم الذي يقدمه الأمين العام،", "ar", "operative", "12", "express"),
    ("Recalling its resolution 69/1 of 19 September 2014,", "en", "preamble", None, "recall"),
    ("وإذ تشير إلى قرارها 69/1 المؤرخ 19 أيلول/سبتمبر 2014،", "ar", "preamble", None, "recall"),
    ("Deeply concerned by the humanitarian situation in Gaza,", "en", "preamble", None, "concern"),
    ("Reaffirming the Charter of the United Nations,", "en", "preamble", None, "affirm"),
    ("وإذ تؤكد من جديد ميثاق الأمم المتحدة،", "ar", "preamble", None, "affirm"),
    ("(a) To strengthen cooperation among Member States;", "en", "operative", "a", None),
    ("The General Assembly,", "en", "preamble", None, None),
    ("إن الجمعية العامة،", "ar", "preamble", None, None),
    ("Agenda item 5 (b)", "en", "other", None, None),
    ("The resolution strongly condemned the deliberate targeting of civilians", "en", "operative", None,
     "condemn"),
    ("وأدان بشدة الاستهداف المتعمد للمدنيين", "ar", "operative", None, "condemn"),
    # an operative paragraph opening with a participial phrase operates with its finite verb
    ("23. Acknowledging the complementary roles of the justice system, urges Member States to act;", "en",
     "operative", "23", "urge"),
    ("٢٣ - تحث الدول الأعضاء، إقرارا منها بالأدوار التكاملية لنظام العدالة، على العمل؛", "ar", "operative", "23",
     "urge"),
    ("23. Acknowledging the complementary roles of the justice system, Member States are urged, as appropriate:",
     "en", "operative", "23", "urge"),
    ("5. Recalling its resolution 1, the Council is convinced that peace matters;", "en", "preamble", "5", "recall"),
])
def test_one_clause_layouts(text, lang, kind, number, verb):
    (clause,) = segment(text, lang)
    assert (clause.kind, clause.number, clause.verb) == (kind, number, verb)
    assert clause.text == text


@pytest.mark.parametrize("text, lang, pieces", [
    ("2. Recognizes that stability is essential to development, and welcomes the efforts of the Government;",
     "en", ["2. Recognizes that stability is essential to development,", "and welcomes the efforts of the Government;"]),
    ("2 - يسلم بأن الاستقرار ضروري لتحقيق التنمية، ويرحب بالجهود التي تبذلها الحكومة؛", "ar",
     ["2 - يسلم بأن الاستقرار ضروري لتحقيق التنمية،", "ويرحب بالجهود التي تبذلها الحكومة؛"]),
    ("Calls upon States to provide support to the people of the region and to the agencies concerned;", "en",
     ["Calls upon States to provide support to the people of the region and to the agencies concerned;"]),
])
def test_sub_clause_splits(text, lang, pieces):
    assert [c.text for c in segment(text, lang)] == pieces


def test_segmented_mode_keeps_each_line_whole():
    text = "First line, and welcomes the efforts made so far by all.\n\n  Second line  \r\nThird\n"
    clauses = segment(text, "en", split=False)
    assert [c.text for c in clauses] == ["First line, and welcomes the efforts made so far by all.",
                                         "Second line", "Third"]
    assert [c.line for c in clauses] == [1, 3, 4]
    assert [c.index for c in clauses] == [0, 1, 2]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ويؤكد أن القرار، ١٢3.;and emphasizes The\n\r\t\u200f\u0640")),
               max_size=300),
       st.sampled_from(["ar", "en"]), st.booleans())
def test_clauses_are_in_order_and_point_at_their_text(text, lang, split):
    clauses = segment(text, lang, split=split)
    previous_end = -1
    for k, clause in enumerate(clauses):
        assert clause.index == k
        assert text[clause.start:clause.end] == clause.text
        assert clause.text.strip() == clause.text and clause.text
        assert clause.start >= previous_end
        previous_end = clause.end


@pytest.mark.parametrize("text, length", [
    ("9 - تعترف بأن", 4), ("٢٣ - تحث الدول", 5), ("3. يقرر", 3), ("(ب) يقرر", 4),
    ("4-13 شباط/فبراير 2015", 0),  # a range of days, not paragraph 4
    ("17 - 25 شباط/فبراير 2015", 0), ("4.5 مليون دولار", 0),
])
def test_arabic_paragraph_number_is_not_a_range_or_a_decimal(text, length):
    assert number_prefix_length(text, "ar") == length


@pytest.mark.parametrize("text, lang, number", [
    ("( 1 ) لكل فرد حق التعلم.", "ar", "1"),
    ("(1) Everyone has the right to education.", "en", "1"),
    ("1) Everyone has the right to education.", "en", "1"),
    ("(أ) تعزيز التعاون", "ar", "أ"),
    ("'1` تعزيز التعاون", "ar", "1"),
    ("(iv) promoting cooperation", "en", "iv"),
    ("b) promoting cooperation", "en", "b"),
    ("4-13 شباط/فبراير 2015", "ar", None),
    ("(2015) was the year", "en", None),
])
def test_list_and_sub_paragraph_markers_in_the_forms_official_texts_use(text, lang, number):
    assert segment(text, lang, split=False)[0].number == number


@pytest.mark.parametrize("ar, en, differ", [
    ("2", "3", True),      # both number: a real mismatch
    ("2", "2", False),
    ("أ", "a", False),     # «(أ)» renders "(a)"
    ("ج", "c", False),     # abjad order
    ("ت", "c", False),     # alphabetical order
    ("1", "i", False),     # «'1`» or «(1)» renders "(i)"
    ("هـ", "e", False),
    ("ب", "d", True),
    ("1", None, False),    # a marker on one side only is layout
])
def test_markers_compared_by_the_position_they_name(ar, en, differ):
    assert markers_differ(ar, en) is differ


@pytest.mark.parametrize("lang, text, labels", [
    ("en", "Recalling its resolution 1 (2020),\n1. Decides that:\n(a) the report shall be issued;\n"
           "(b) the mandate is extended;\n2. Requests the Secretary-General to report,\n",
     ["1", "1", "1(a)", "1(b)", "2"]),
    ("ar", "وإذ تشير إلى قرارها 1 (2020)،\n1 - تقرر ما يلي:\n(أ) أن يصدر التقرير؛\n'1` أن تمدد الولاية؛\n"
           "2 - تطلب إلى الأمين العام أن يقدم تقريرا،\n",
     ["1", "1", "1(أ)", "1(1)", "2"]),
    ("ar", "٩ - تعترف بأهمية التعاون الدولي في هذا المجال؛\n", ["9"]),          # Arabic-Indic digits, folded
    ("en", "(a) the first item of a list with no numbered paragraph above it;\n", ["(a)"]),
    ("en", "The Council met on Monday and heard a briefing.\nIt decided to remain seized of the matter.\n",
     ["1", "2"]),                                                                # unnumbered: the ordinal
])
def test_paragraph_labels_name_paragraphs_as_the_text_numbers_them(lang, text, labels):
    assert [c.label for c in segment(text, lang, split=False)] == labels


def _wrapped(text: str, width: int) -> str:
    """Each line of ``text`` hard-wrapped at ``width`` columns, paragraphs separated by blank lines."""
    import textwrap

    return "\n\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=False))
                         for line in text.split("\n") if line.strip()) + "\n"


@pytest.mark.parametrize("case, expected", [
    ("bundled English as is", None),
    ("bundled Arabic as is", None),
    ("bundled English at 80", 80),
    ("bundled Arabic at 60", 60),
    ("one short line per paragraph", None),
])
def test_hard_wrapped_text_is_told_from_one_line_per_paragraph(bundled_texts, case, expected):
    from align.segment.clauses import hard_wrapped_width

    ar, en = bundled_texts
    text = {"bundled English as is": en, "bundled Arabic as is": ar,
            "bundled English at 80": _wrapped(en, 80), "bundled Arabic at 60": _wrapped(ar, 60),
            "one short line per paragraph": "\n\n".join(f"Article {k}" for k in range(1, 30))}[case]
    found = hard_wrapped_width(text)
    assert (found is None) if expected is None else (expected - 8 <= found <= expected)


def test_unwrapped_clauses_keep_the_files_offsets_and_lines(bundled_texts):
    _, en = bundled_texts
    wrapped = _wrapped(en, 72)
    flat = segment(en, "en")
    unwrapped = segment(wrapped, "en", unwrap=True)
    assert [" ".join(c.text.split()) for c in unwrapped] == [" ".join(c.text.split()) for c in flat]
    assert all(wrapped[c.start:c.end] == c.text for c in unwrapped)
    assert [c.label for c in unwrapped] == [c.label for c in flat]  # paragraphs counted as the text has them
    lines = wrapped.split("\n")
    for clause in unwrapped:
        at = clause.start + clause.text.index("Israel") if "Israel" in clause.text else None
        if at is not None:
            line, column = clause.locate(at)
            assert lines[line - 1][column - 1:column - 1 + len("Israel")] == "Israel"
