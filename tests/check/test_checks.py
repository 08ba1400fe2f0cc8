"""Each check on hand-made aligned pairs: positive and negative cases, Arabic pitfalls included."""

from __future__ import annotations

import json

import pytest

from align.report.baseline import fingerprint, load_baseline, write_baseline
from align.check.registry import CHECKS, CheckConfig, CheckContext, run_checks
from align.errors import InputError
from align.check.glossary import Glossary, bundled_glossary_path
from align.check.markers import arabic_skeleton, latin_skeleton, negations
from align.report.model import AlignedPair, Document
from align.segment.clauses import segment
from align.segment.verbs import expressed

GLOSSARY = Glossary.load(bundled_glossary_path())


def context(pairs: list[tuple[str, str]], scores: list[float] | None = None, segmented: bool = True) -> CheckContext:
    ar = Document("ar.txt", "ar", tuple(segment("\n".join(a for a, _ in pairs), "ar", split=not segmented)))
    en = Document("en.txt", "en", tuple(segment("\n".join(e for _, e in pairs), "en", split=not segmented)))
    scores = scores or [0.8] * len(pairs)
    alignment = tuple(AlignedPair((k,), (k,), s) for k, s in enumerate(scores))
    return CheckContext(ar, en, alignment, CheckConfig(), GLOSSARY)


def flagged(check: str, ar: str, en: str) -> bool:
    return any(f.check == check for f in CHECKS[check].run(context([(ar, en)])))


CASES = [
    # number-mismatch
    ("number-mismatch", "أكثر من (62500) شهيد", "more than (62,500) martyrs", False),
    ("number-mismatch", "أكثر من (62500) شهيد", "more than (62,600) martyrs", True),
    # one day in two calendars: the Hijri date's digits are not numbers the English lacks
    ("number-mismatch", "في الساعة 19:30 من يوم 24 رجب 1436 هـ", "at 1930 hours on 13 May 2015", False),
    ("number-mismatch", "يوم 24 رجب 1436 هـ الموافق 13 أيار/مايو 2015", "on 13 May 2015", False),
    ("number-mismatch", "في الساعة 19:30 من يوم 24 رجب 1436 هـ", "at 1930 hours on 20 May 2015", True),
    ("date-mismatch", "يوم 24 رجب 1436 هـ الموافق 13 أيار/مايو 2015", "on 13 May 2015", False),
    ("date-mismatch", "جدة، 1 ربيع الأول 1447 هـ", "Jeddah, 25 August 2025", False),
    ("date-mismatch", "جدة، 1 ربيع الأول 1447 هـ", "Jeddah, 29 August 2025", True),
    ("number-mismatch", "بلغ عدد الضحايا ٣٤٠٠ شخص", "the victims numbered 3,400 people", False),
    ("number-mismatch", "بلغ عدد الضحايا ٣٤٠٠ شخص", "the victims numbered 3,500 people", True),
    ("number-mismatch", "مساعدات بقيمة 000 100 دولار", "assistance worth $100,000", False),
    ("number-mismatch", "مساعدات بقيمة 000 100 دولار", "assistance worth $110,000", True),
    # a paragraph or article the other side refers to relatively: its number cannot be checked
    ("number-mismatch", "بالمسائل الواردة في الفقرة السابقة (ب)", "matters mentioned in paragraph 1 (b) above", False),
    ("number-mismatch", "وفقا للفقرة 5 من هذا القرار", "in accordance with the preceding paragraph of this resolution",
     False),
    ("number-mismatch", "عملا بالمادة 19 من الميثاق", "under the preceding Article of the Charter", False),
    ("number-mismatch", "بالمسائل الواردة في الفقرة 2 (ب)", "matters mentioned in paragraph 1 (b) above", True),
    ("number-mismatch", "بالمسائل الواردة في الفقرة (ب)", "matters mentioned in paragraph 1 (b) above", True),
    ("number-mismatch", "وفقا للفقرة السابقة، خلال 30 يوما", "under the preceding paragraph, within 60 days", True),
    ("number-mismatch", "على خطوط الرابع من حزيران عام 1967", "on the borders of June 4, 1967", False),
    ("number-mismatch", "في دورته الاستثنائية الـ21", "in its 21st extraordinary session", False),
    ("number-mismatch", "تحت الفصل السابع من الميثاق", "under Chapter VII of the Charter", False),
    ("number-mismatch", "تحت الفصل السادس من الميثاق", "under Chapter VII of the Charter", True),
    ("number-mismatch", "في الفترة من 28 إلى 30 يوليو", "from 28 to 30 July", False),
    ("number-mismatch", "9 - تعترف بأن الاستقرار ضروري", "9. Recognizes that stability is essential", False),
    ("number-mismatch", "9 - تعترف بأن الاستقرار ضروري", "10. Recognizes that stability is essential", True),
    # date-mismatch
    ("date-mismatch", "يوم الاثنين 25 أغسطس 2025", "on Monday, August 25, 2025", False),
    ("date-mismatch", "يوم الاثنين 25 أغسطس 2025", "on Monday, August 26, 2025", True),
    ("date-mismatch", "في 19 أيلول/سبتمبر 2014", "of 19 September 2014", False),
    ("date-mismatch", "في 19 حزيران/يونيه 2014", "of 19 September 2014", True),
    # symbol-mismatch
    ("symbol-mismatch", "بموجب القرار A/RES/ES-10/24", "under resolution A/RES/ES-10/24", False),
    ("symbol-mismatch", "بموجب القرار A/RES/ES-10/24", "under resolution A/RES/ES-10/25", True),
    ("symbol-mismatch", "قرارها 77/1", "its resolution 1/77", True),
    ("symbol-mismatch", "قرارها 77/1", "its resolution 77/1", False),
    ("symbol-mismatch", "في قراره 1977 (2011)", "in its resolution 1977 (2011)", False),
    ("symbol-mismatch", "في قراره ١٩٧٧ (٢٠١١)", "in its resolution 1977 (2011)", False),
    ("symbol-mismatch", "في قراره 1977 (2011)", "in its resolution 1978 (2011)", True),
    ("symbol-mismatch", "في قراره 1977 (2011)", "in its resolution 1977 (2012)", True),
    ("symbol-mismatch", "القرارين 1325 (2000) و 1820 (2008)", "resolutions 1325 (2000) and 1820 (2008)", False),
    ("number-mismatch", "في قراره 1977 (2011)", "in its resolution 1978 (2011)", False),  # a symbol, not a number
    ("number-mismatch", "دون إذن من اللجنة المنشأة بموجب القرار 1591 (2005)", "without authorization of the 1591 committee", False),
    ("number-mismatch", "دون إذن من اللجنة المنشأة بموجب القرار 1591 (2005)", "without authorization of the 1592 committee", True),
    # term-mismatch
    ("term-mismatch", "الجهود التي تبذلها دولة قطر", "the efforts made by the State of Qatar", False),
    ("term-mismatch", "الجهود التي تبذلها دولة قطر", "the efforts made by the State of Kuwait", True),
    ("term-mismatch", "ويدعو مجلس الأمن إلى التحرك", "and calls on the Security Council to act", False),
    ("term-mismatch", "ويدعو مجلس الأمن إلى التحرك", "and calls on the General Assembly to act", True),
    ("term-mismatch", "حل الدولتين", "the two-State solution", False),
    # the Charter's «الهيئة» and "the Organization" stand for the United Nations
    ("term-mismatch", "تعمل الهيئة وأعضاؤها وفقاً للمبادئ الآتية", "The United Nations and its Members shall act in "
     "accordance with the following Principles", False),
    ("term-mismatch", "يكون لعضو الأمم المتحدة حق التصويت", "A Member of the Organization shall have a vote", False),
    ("term-mismatch", "تعمل المنظمات غير الحكومية وفقاً للمبادئ", "The United Nations shall act in accordance with "
     "the Principles", True),
    # two terms of one head coordinated: «القانون الوطني والدولي», "international and national law"
    ("term-mismatch", "حفظ المناطق الساحلية بما يتسق مع القانون الوطني والدولي، واستنادا إلى المعلومات",
     "conserve coastal areas consistent with national and international law and based on information", False),
    ("term-mismatch", "حفظ المناطق الساحلية بما يتسق مع القانون الوطني والمحلي", "conserve coastal areas "
     "consistent with national and international law", True),
    ("term-mismatch", "بما يتسق مع القانون الدولي", "consistent with international and national law", False),
    ("term-mismatch", "بما يتسق مع القانون الدولي", "consistent with national law", True),
    # an English name is a proper noun: "50 guineas" is money, not Guinea
    ("term-mismatch", "ونحته مقابل خمسين جنيها.", "and cut it for a fee of 50 guineas.", False),
    ("term-mismatch", "ونحته مقابل خمسين جنيها.", "and cut it for Guinea.", True),
    # an Arabic written without its spaces still names what it names; a name it lacks is still missing
    ("term-mismatch", "مناقشة الصينوروسيابشأن وجوب مكافأة مجلسالأمن التابعالأممالمتحدة لبيونغيانغ",
     "China and Russia argue that the U.N. Security Council should reward Pyongyang", False),
    ("term-mismatch", "مناقشة اليابانوروسيابشأن وجوب مكافأة مجلسالأمن التابعالأممالمتحدة لبيونغيانغ",
     "China and Russia argue that the U.N. Security Council should reward Pyongyang", True),
    # ... and so does a name glued to one word by a lost space, not a longer word that holds its letters
    ("term-mismatch", "كتب في مقال رأي يوم الأحد: تضاعف الصينالآن تأثير هذا التسلط", "China is now doubling down "
     "on this bullying, he wrote in an opinion piece on Sunday", False),
    ("term-mismatch", "أثنى فيه على رئيسالولايات المتحدة دونالد ترامب", "in which he praised U.S. President Donald "
     "Trump", False),
    ("term-mismatch", "تضاعف الصين الآن تأثير هذا التسلط", "India is now doubling down on this bullying", True),
    ("term-mismatch", "تضاعف الآن تأثير الشركات الهندسية", "India is now doubling down on this bullying", True),
    # a name referred to by a word of it ("the Tribunal", "the North"), or in Arabic by its head noun («البرنامج»)
    ("term-mismatch", "وقررت المحكمة الجنائية الدولية ليوغوسلافيا السابقة ذلك", "The Tribunal so decided", False),
    ("term-mismatch", "وقررت المحكمة الجنائية الدولية ليوغوسلافيا السابقة ذلك", "The Court so decided", True),
    ("term-mismatch", "وقرر رئيس الآلية ذلك", "The President of the Residual Mechanism so decided", False),
    ("term-mismatch", "وقرر رئيس الآلية الدولية ذلك", "The President of the Residual Mechanism so decided", False),
    ("term-mismatch", "الانخفاض في الإيرادات الموافق عليها للآلية الدولية", "the decrease in the income approved "
     "for the International Residual Mechanism", False),
    ("term-mismatch", "وأشار البرنامج إلى أن اليونيسيف هي الوكالة الوحيدة", "WFP identified UNICEF as the only "
     "agency", False),
    ("term-mismatch", "وأشار البرنامج الإنمائي إلى أن اليونيسيف هي الوكالة الوحيدة", "WFP identified UNICEF as "
     "the only agency", True),
    ("term-mismatch", "وقرر رئيس المحكمة ذلك", "The President of the Residual Mechanism so decided", True),
    ("term-mismatch", "وأعلن البرنامج أنه سيوزع الأغذية", "The World Food Programme announced food distribution",
     False),
    ("term-mismatch", "وقالت إن كوريا الشمالية لن تنزع سلاحها", "She said the North would not disarm", False),
    ("term-mismatch", "وقالت إن كوريا الشمالية لن تنزع سلاحها", "She said the State would not disarm", True),
    ("term-mismatch", "وقالت إن المملكة المتحدة ستنسحب", "She said the Kingdom would withdraw", True),
    ("term-mismatch", "عقد الاجتماع في الجزائر", "The meeting was held in Algiers", True),  # Algeria is not Algiers
    # verb-mismatch
    ("verb-mismatch", "يدين الهجوم على المدنيين", "Condemns the attack on civilians", False),
    ("verb-mismatch", "يدين الهجوم على المدنيين", "Welcomes the attack on civilians", True),
    ("verb-mismatch", "وأعرب عن إدانته للهجوم", "The resolution condemned the attack", False),
    ("verb-mismatch", "يرحب بالجهود المبذولة", "Welcomes the efforts made", False),
    ("verb-mismatch", "يرحب بالجهود المبذولة", "Rejects the efforts made", True),
    # «يقر» endorses, approves or recognizes; it does not condemn
    ("verb-mismatch", "يقر التقرير", "Endorses the report", False),
    ("verb-mismatch", "يقر التقرير", "Approves the report", False),
    ("verb-mismatch", "يقر بالحاجة إلى التعاون", "Recognizes the need for cooperation", False),
    ("verb-mismatch", "يقر التقرير", "Condemns the report", True),
    ("verb-mismatch", "يعترف بالحاجة إلى التعاون", "Endorses the need for cooperation", False),
    ("verb-mismatch", "وإذ تشير إلى قرارها", "Recalling its resolution", False),
    # negation-mismatch
    ("negation-mismatch", "لا يمكن تحقيق السلام إلا عبر حل الدولتين", "peace can only be achieved through the two-State solution", False),
    ("negation-mismatch", "لا ينبغي للدول أن تعترف بالضم", "States should not recognize the annexation", False),
    ("negation-mismatch", "لا ينبغي للدول أن تعترف بالضم", "States should recognize the annexation", True),
    ("negation-mismatch", "ينبغي للدول أن تعترف بالضم", "States should not recognize the annexation", True),
    ("negation-mismatch", "ولا سيما في قطاع غزة", "in particular in the Gaza Strip", False),
    # untranslated
    ("untranslated", "بموجب القرار A/RES/ES-10/24 ووكالة UNRWA", "under resolution A/RES/ES-10/24 and UNRWA", False),
    ("untranslated", "يطلب إلى the Secretary-General تقديم تقرير", "Requests the Secretary-General to report", True),
    ("untranslated", "يطلب إلى الأمين العام تقديم تقرير", "Requests the الأمين العام to report", True),
    # the original of a name the Arabic renders, in brackets or quotes as the English gives it, is not left over
    ("untranslated", "شركة الحلول الساتلية الأرجنتينية (Empresa Argentina de Soluciones Satelitales)",
     "Empresa Argentina de Soluciones Satelitales", False),
    ("untranslated", "في قضية (المدعي العام ضد كوناراك) «Prosecutor v. Kunarac»", "in Prosecutor v. Kunarac", False),
    ("untranslated", "شركة (Empresa Argentina de Soluciones Satelitales)", "the Argentine satellite company", True),
    ("untranslated", "شركة Empresa Argentina de Soluciones Satelitales", "Empresa Argentina de Soluciones Satelitales",
     True),
]


@pytest.mark.parametrize("check, ar, en, expected", CASES)
def test_check_cases(check, ar, en, expected):
    assert flagged(check, ar, en) is expected


def test_findings_quote_both_texts_and_point_at_the_spans():
    ctx = context([("أكثر من (62500) شهيد", "more than (62,600) martyrs")])
    (finding,) = CHECKS["number-mismatch"].run(ctx)
    assert finding.severity == "error" and finding.category == "number"
    assert "62,600" in finding.message and "62500" in finding.message
    assert [s.text for s in finding.en_spans] == ["62,600"] and [s.text for s in finding.ar_spans] == ["62500"]
    span = finding.en_spans[0]
    assert ctx.en.clauses[0].text[span.start - ctx.en.clauses[0].start:][:6] == "62,600"
    assert (span.line, span.column) == (1, 12)  # "more than (" is 11 characters


@pytest.mark.parametrize("ar, en, severity", [
    # names kept in their original script in Arabic running text, as the English writes them
    ("كل عام في فصل الصيف، يقام مهرجان النبيذ Rüdesheim، الذي من مميزاته تتويج ملكة النبيذ",
     "Each year in the summertime, the Rüdesheim wine festival is held", "info"),
    ("قامت يانو بدور ممثلة صوت في Ponyo on the Cliff by the Sea كأخوات بونيو",
     "Yano performed as a voiceover actress on Ponyo on the Cliff by the Sea as Ponyo's sisters", "info"),
    ("قامت السفينتان Argyll و Severn بدوريات في منطقة البحر الكاريبي",
     "HMS Argyll and HMS Severn were on patrol in the Caribbean", "info"),
    # ... with a capital inside ("iVillage"), or a possessive on either side
    ("كانت واحدة من 12 أمًا اختارها مستخدمو iVillage في قائمتهم", "she was one of the 12 moms chosen by users of "
     "iVillage on their list", "info"),
    ("مسابقة انتحال شخصية ترامب الدولية Laugh Factory، والتي احتلت الصدارة فيها.", "Laugh Factory's International "
     "Trump Impersonation contest, for which she took top spot.", "info"),
    # ... but not a misspelt one, a name the glossary gives in Arabic, an English sentence, or a line in English
    ("وخلال وجود HMS Arrgyll في البحر الكاريبي، عملت مع قوات بحرية", "During her time in the Caribbean, HMS Argyll "
     "worked with other navies", "warning"),
    ("يطلب إلى Secretary-General تقديم تقرير", "Requests the Secretary-General to report", "warning"),
    ("وتلاحظ اللجنة The Committee notes that the State Party has", "The Committee notes that the State Party has",
     "warning"),
    ("The Committee notes that the State Party has", "The Committee notes that the State Party has", "warning"),
    # a short header of the cover page that the Arabic prints as the English does: a date, a distribution line
    ("6 February 2015", "6 February 2015", "info"),
    ("Distr.: General", "Distr.: General", "info"),
    ("Distr.: Limited", "Distr.: General", "warning"),
])
def test_severity_of_untranslated_words(ar, en, severity):
    assert [f.severity for f in CHECKS["untranslated"].run(context([(ar, en)]))] == [severity]


@pytest.mark.parametrize("ar, en, severity", [
    ("دولة قطر", "the State of Kuwait", "error"),                # a name swapped for another of its kind
    ("ويشيد بدولة قطر ومصر", "and commends Egypt", "warning"),  # a name missing
    # the United Nations named on one side only: its own texts often leave it to context
    ("ستواصل قوة الأمم المتحدة الاضطلاع بمسؤوليتها", "The Force will continue to exercise responsibility", "info"),
    ("إن المؤتمر العالمي الثالث المعني بالحد من أخطار الكوارث،",
     "The Third United Nations World Conference on Disaster Risk Reduction,", "info"),
    # ... but not when another name is missing beside it, or swapped for it
    ("ستواصل قوة الأمم المتحدة في بوروندي عملها", "The Force will continue its work", "warning"),
    ("تعمل الأمم المتحدة على ذلك", "The Organisation of Islamic Cooperation works to that end", "warning"),
    ("يطلب إلى مجلس الأمن", "Requests the General Assembly", "error"),
    # a name missing where the other side has an acronym the glossary does not know, which may stand for it
    ("ويحث مجلس الأمن الدول الأعضاء في لجنة حوض بحيرة تشاد وبنن",
     "The Security Council urges the LCBC Member States and Benin", "info"),
    ("بدعم من فرنسا والمملكة المتحدة", "with the support of the P3 member countries", "info"),
    ("وذكرت المديرة التنفيذية (LCBC) أن", "The Executive Director of the Lake Chad Basin Commission said", "info"),
    # ... but not one the glossary knows (UNDP is a name of its own), nor a Roman numeral, nor a heading in
    # capitals, nor where names are missing on both sides
    ("بدعم من فرنسا", "with the support of UNDP", "warning"),
    ("وفقا للفصل السابع من ميثاق فرنسا", "under Chapter VII of the Charter", "warning"),
    ("قررت فرنسا أن", "HAVE RESOLVED TO COMBINE OUR EFFORTS", "warning"),
    ("بدعم من فرنسا", "with the support of Spain and the LCBC", "error"),
    # a name the other side spells within a letter (6+ letters): a name of its own, or a misspelling
    ("وحصلت على الدكتوراه من جامعة كولومبيا في عام 1993.", "She received her Ph.D. from Columbia University in "
     "1993.", "info"),
    ("ارتفاع عدد حالات الوفاة جراء أمواج تسونامي في إندونسيا", "Indonesia Tsunami Toll Soars", "info"),
    ("وبما يعكس التهديد العسكري المتزايد من بروسيا.", "reflecting the increased military threat from Prussia.",
     "info"),
    ("الفوز في مسابقة أغاني موبيل النيوزيليندية 1963", "winning the 1963 New Zealand Mobil Song Quest", "info"),
    # ... or writes an English name letter for letter, as a person's or a city's: "Jordan Spieth", "Mexico City"
    ("قال جوردان سبيث بينما يستعد ليوم المباراة", "said Jordan Spieth as he strolled off for the day", "info"),
    ("بركان يتسبب في تدفق رماد على مكسيكو سيتي", "Volcano spews ash on Mexico City", "info"),
    ("قال سبيث بينما يستعد ليوم المباراة", "said Jordan Spieth as he strolled off for the day", "warning"),
    # ... but not a short one, nor a name of its own that the glossary knows (a swap)
    ("وقد زار إيران", "He visited Iraq", "error"),
    ("ونحته في زامبيا.", "and cut it in Gambia.", "error"),
    ("وحصلت على الدكتوراه من جامعة كولومبيا", "She received her Ph.D. from Harvard University", "warning"),
])
def test_severity_of_a_term_mismatch(ar, en, severity):
    assert [f.severity for f in CHECKS["term-mismatch"].run(context([(ar, en)]))] == [severity]


@pytest.mark.parametrize("latin, arabic, same", [
    ("Spieth", "سبيث", True),
    ("Fleiss", "فليس", True),  # a doubled letter is written once in Arabic
    ("Russell", "راسل", True),
    ("Morrison", "موريسون", True),
    ("Lees", "لويس", True),
    ("Fleiss", "فلس", True),
    ("Fleiss", "فيصل", False),  # «ص» is S, but the «ي» between has no class: F S L
])
def test_consonant_skeletons(latin, arabic, same):
    assert (latin_skeleton(latin) == arabic_skeleton(arabic)) is same


def test_a_term_mismatch_names_and_spans_the_word_spelled_near_the_name():
    (finding,) = CHECKS["term-mismatch"].run(context([("وحصلت على الدكتوراه من جامعة كولومبيا في عام 1993.",
                                                        "She received her Ph.D. from Columbia University in 1993.")]))
    assert finding.message.endswith("the English has «Columbia», spelled like it")
    assert [span.text for span in finding.en_spans] == ["Columbia"]
    assert [span.text for span in finding.ar_spans] == ["كولومبيا"]


def test_a_term_mismatch_names_the_acronym_that_may_stand_for_the_name():
    (finding,) = CHECKS["term-mismatch"].run(context([("بدعم من فرنسا والمملكة المتحدة",
                                                        "with the support of the P3 member countries")]))
    assert finding.message.endswith("absent from the English; the English has «P3», which may stand for them")
    assert [s.text for s in finding.ar_spans] == ["فرنسا", "والمملكة المتحدة"]
    assert [s.text for s in finding.en_spans] == ["P3"]


@pytest.mark.parametrize("scores, flagged_rows", [
    ([0.8, 0.82, 0.79, 0.81, 0.8, 0.83, 0.78, 0.8, 0.81, 0.2], [9]),
    ([0.8, 0.82, 0.79, 0.81, 0.8, 0.83, 0.78, 0.8, 0.81, 0.7], []),
])
def test_low_similarity(scores, flagged_rows):
    ctx = context([(f"البند رقم {k} من النص", f"item number {k} of the text") for k in range(len(scores))], scores)
    assert [f.ar[0] for f in CHECKS["low-similarity"].run(ctx)] == flagged_rows


@pytest.mark.parametrize("ar, en, score, flagged", [
    ("التوعية", "Outreach", 0.45, False),  # a one-word heading the encoder reads loosely: only the floor applies
    ("التوعية", "Outreach", 0.30, True),
    ("جيم - الصناعة التحويلية", "Manufacturing and construction", 0.45, False),
    ("البند رقم 9 من النص", "item number 9 of the text", 0.45, True),  # four words or more: the z-score too
])
def test_low_similarity_of_short_pairs_rests_on_the_floor(ar, en, score, flagged):
    rows = [(f"البند رقم {k} من النص", f"item number {k} of the text") for k in range(9)] + [(ar, en)]
    ctx = context(rows, [0.8, 0.82, 0.79, 0.81, 0.8, 0.83, 0.78, 0.8, 0.81, score])
    assert [f.ar[0] for f in CHECKS["low-similarity"].run(ctx)] == ([9] if flagged else [])


def test_length_ratio_flags_a_truncated_translation():
    long_ar = "يدعو جميع الدول إلى تقديم المزيد من الدعم والمساعدات الإنسانية للشعب الفلسطيني لتخفيف معاناته"
    pairs = [(long_ar, "Calls on all States to provide more support and humanitarian assistance to the people")] * 4
    pairs = [(f"{a} {k}", f"{e} {k}") for k, (a, e) in enumerate(pairs)]
    pairs.append((long_ar + " 9 " + long_ar, "Calls on all States 9 to act on this matter."))
    assert [f.ar for f in CHECKS["length-ratio"].run(context(pairs))] == [(4,)]


def test_duplicate_clause_on_one_side():
    pairs = [("يدعو جميع الدول إلى تقديم الدعم الإنساني", "Calls on all States to provide humanitarian support"),
             ("يدعو جميع الدول إلى تقديم الدعم الإنساني", "Requests the Secretary-General to report on it")]
    findings = list(CHECKS["duplicate"].run(context(pairs)))
    assert [(f.ar, f.en) for f in findings] == [((0, 1), ())]


@pytest.mark.parametrize("text, lang, strong", [
    ("لم تعترف بعد", "ar", ["لم"]),
    ("ينبغي ألا تقدم المعلومات", "ar", ["ألا"]),
    ("لا تزال الحالة خطيرة", "ar", []),
    ("لا يمكن تحقيقه إلا عبر الحل", "ar", []),
    ("the occupation is not legal", "en", ["not"]),
    ("not only States but also organizations", "en", []),
    ("resolution No. 51/9", "en", []),
    ("see no. 5 of the list", "en", []),
    ("He said no.", "en", ["no"]),
    ("وبألا يسعى إلى التأثير فيهم", "ar", ["وبألا"]),
    ("وليس لدى الجهات سوى وعي محدود", "ar", []),  # «ليس … سوى»: only
    ("فليس للجمعية أن تقدم أية توصية إلا إذا طلب ذلك", "ar", ["فليس"]),  # «إلا إذا»: unless, the negation stays
    ("ليس واجبا من واجباتنا فحسب، بل واجب المجتمع الدولي", "ar", []),  # not only … but
    ("ولا يكتفي الحساب بتقديم المعلومات، وإنما يناقش المسائل", "ar", []),  # not content with … but: not only
    ("ولا تكاد معاشاتهن تكفيهن للعيش", "ar", []),  # barely
    ("The army cannot but notify the administration", "en", []),
    ("a real change not just in a profession, but also in their lives", "en", []),
    ("they are not just victims", "en", ["not"]),
    ("was reported not to exceed 3 per cent", "en", []),
    ("the no-confidence motion was adopted", "en", []),
    # a negation written solid with its verb, or fused into its conjunction
    ("لايجوز للدول أن تعترف بالضم", "ar", ["لا"]),
    ("وتنتهي ولايتها في عام 2025", "ar", []),  # «ولاية» (mandate): not «و» + «لا» + a verb
    ("لايزال الوضع خطيرا", "ar", []),  # «لا يزال» "still", solid or not
    ("اتخذت التدابير لكيلا يتكرر الهجوم", "ar", ["لكيلا"]),
    ("لإيجاد حل عادل ودائم", "ar", []),  # «ل» and «إيجاد»: a preposition, no negation
    ("لايجاد حل عادل ودائم", "ar", ["لا"]),  # ... unless the hamza is dropped: read as written
])
def test_negation_markers(text, lang, strong):
    assert [m.text for m in negations(text, lang) if m.strong] == strong


@pytest.mark.parametrize("text, lang, weak", [
    ("منظمة غير حكومية دون إذن", "ar", ["غير", "دون"]),
    ("غير أن هذا سيتطلب ابتكارا", "ar", []),  # however
    ("كما ينشئ غير ذلك من اللجان", "ar", []),  # other than that
    ("أن يعقد اجتماعات في غير مقر الهيئة", "ar", []),  # elsewhere than
    ("العقبات التي تحول دون النهوض بالمرأة", "ar", []),  # prevent
    ("المنطقة دون الإقليمية", "ar", []),  # subregion
    ("an unlawful and unacceptable act without consent", "en", ["unlawful", "unacceptable", "without"]),
    ("illegal, inadequate and irreversible measures by non-State actors", "en",
     ["illegal", "inadequate", "irreversible", "non-State"]),
    ("UNDP and UNICEF understand the United Nations information on investigations in Ireland", "en", []),
    ("a unilateral measure adopted unanimously, nonetheless", "en", []),
    ("وتعذر تحديد مرتكبي هذه الجرائم", "ar", ["وتعذر"]),
    ("أن من المتعذر التمييز بدقة", "ar", ["من المتعذر"]),
    ("changes have yet to result, unless the trial falls short", "en", ["yet to", "unless", "falls short"]),
    ("rebuilding its capacity rather than meeting needs, instead of aid", "en", ["rather than", "instead of"]),
    ("the no-confidence motion", "en", ["no-confidence"]),
])
def test_weak_negation_markers(text, lang, weak):
    assert [m.text for m in negations(text, lang) if not m.strong] == weak


@pytest.mark.parametrize("text, lemma", [
    ("وأعرب عن إدانته لاستمرار تعنت إسرائيل", "condemn"),
    ("The resolution expressed its condemnation of Israel", "condemn"),
    ("تعرب عن القلق من استخدام الإنترنت", "concern"),
    ("Expresses its deep appreciation to the Government", "commend"),
    ("Expresses the view that", "express"),
])
def test_what_is_expressed(text, lemma):
    assert expressed(text, "express") == lemma


def test_run_checks_orders_findings_by_row_and_selects():
    ctx = context([("يدين الهجوم في 2020", "Welcomes the attack in 2021"), ("يرحب بالجهود", "Welcomes the efforts")])
    findings = run_checks(ctx, ["verb-mismatch", "number-mismatch"])
    assert {f.check for f in findings} == {"verb-mismatch", "number-mismatch"}
    assert all(f.ar == (0,) for f in findings)


@pytest.mark.parametrize("ar, en, checks", [
    # a changed date is one finding, not also a number-mismatch for its day
    ("عقد الاجتماع في 11 نوفمبر 2024 في الرياض", "The meeting was held on November 12, 2024 in Riyadh",
     ["date-mismatch"]),
    # ... but a number that differs outside the date is its own finding
    ("عقد الاجتماع في 11 نوفمبر 2024 بحضور 30 وفدا", "The meeting was held on November 12, 2024 with 40 delegations",
     ["date-mismatch", "number-mismatch"]),
    ("حضر الاجتماع 30 وفدا", "The meeting was attended by 40 delegations", ["number-mismatch"]),
])
def test_a_changed_date_is_one_finding(ar, en, checks):
    assert sorted(f.check for f in run_checks(context([(ar, en)]), ["number-mismatch", "date-mismatch"])) == checks


def test_baseline_round_trip_suppresses_reviewed_findings(tmp_path):
    ctx = context([("أكثر من (62500) شهيد", "more than (62,600) martyrs")])
    findings = run_checks(ctx, ["number-mismatch"])
    prints = [fingerprint(f, ctx.ar, ctx.en) for f in findings]
    path = tmp_path / "baseline.json"
    write_baseline(path, list(zip(prints, findings)))
    assert load_baseline(path) == frozenset(prints)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    moved = context([("مقدمة جديدة للنص", "A new first clause here"), ("أكثر من (62500) شهيد", "more than (62,600) martyrs")])
    again = [fingerprint(f, moved.ar, moved.en) for f in run_checks(moved, ["number-mismatch"])]
    assert again == prints  # clause indices shifted, fingerprint unchanged


@pytest.mark.parametrize("content, message", [
    ("{not json", "b.json:1: not a baseline file (JSON: Expecting property name enclosed in double quotes, column 2)"),
    ('{"version": 2, "findings": {}}', "not a baseline file (expected version 1 with findings)"),
])
def test_bad_baseline_is_an_input_error(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_baseline(path)


def test_every_check_is_listed_with_a_known_severity_and_a_description():
    assert list(CHECKS) == ["gap", "low-similarity", "number-mismatch", "date-mismatch", "symbol-mismatch",
                            "term-mismatch", "verb-mismatch", "negation-mismatch", "untranslated", "length-ratio",
                            "duplicate", "partial-omission"]
    for check in CHECKS.values():
        assert check.severity in {"error", "warning", "info"} and check.description


def test_expressing_concern_is_not_rejecting():
    from align.segment.verbs import verbs_compatible

    assert not verbs_compatible("concern", "reject")
    assert verbs_compatible("express", "concern") and verbs_compatible("concern", "concern")


@pytest.mark.parametrize("ar, en, expected", [
    # sub-paragraph markers on the Arabic side only (the UDHR's layout): layout, not a number
    ("( 1 ) لكل فرد حق التعلم.", "Everyone has the right to education.", None),
    ("'1` تعزيز التعاون الإقليمي؛", "promoting regional cooperation;", None),
    # both sides number, in their own forms, the same position
    ("(أ) تعزيز التعاون الإقليمي؛", "(a) promoting regional cooperation;", None),
    ("'2` تعزيز التعاون الإقليمي؛", "(ii) promoting regional cooperation;", None),
    # both number and disagree: two numbers are certain, letters hinge on the list's order
    ("( 2 ) لكل فرد حق التعلم.", "(3) Everyone has the right to education.", "error"),
    ("(ب) تعزيز التعاون الإقليمي؛", "(d) promoting regional cooperation;", "warning"),
])
def test_list_markers_in_the_number_check(ar, en, expected):
    findings = [f for f in run_checks(context([(ar, en)]), ["number-mismatch"])]
    assert [f.severity for f in findings] == ([expected] if expected else [])


@pytest.mark.parametrize("gain, background, adds, expected", [
    (None, None, None, "(tried with English paragraph 2: best matching stretch 0.13)"),
    (0.061, None, None,
     "(tried with English paragraph 2: best matching stretch 0.41, and that pair reads 0.06 closer without it)"),
    (0.012, 0.384, 0.0, "(tried with English paragraph 2: best matching stretch 0.41, its best unrelated English "
                        "clause nearby 0.38, and that pair reads 0.01 closer without it; what it matches there that "
                        "the rest of the row does not: 0.00)"),
    (None, 0.52, None, "(tried with English paragraph 2: best matching stretch 0.13, its best unrelated English "
                       "clause nearby 0.52)"),
])
def test_a_gap_the_merge_re_check_made_says_why(gain, background, adds, expected):
    from align.alignment.aligner import PeelEvidence

    ctx = context([("تعزيز التعاون الإقليمي", "promoting regional cooperation"),
                   ("وصرحت الشرطة بذلك", "the police said so")])
    support = 0.13 if gain is None else 0.41
    evidence = PeelEvidence((1,), support, gain, background, adds)
    alignment = (AlignedPair((0,), (0,), 0.8), AlignedPair((1,), (), None, evidence),
                 AlignedPair((), (1,), None))
    ctx = CheckContext(ctx.ar, ctx.en, alignment, CheckConfig(), GLOSSARY)
    messages = [f.message for f in run_checks(ctx, ["gap"])]
    assert messages[0].startswith("Arabic paragraph 2 has a clause with no English counterpart: no English clause "
                                  f"renders it (after English paragraph 1, line 1) {expected}; English paragraph 2 "
                                  "beside it is unpaired too: a loose rendering of each other or a sentence replaced: «")
    assert "tried with" not in messages[1]  # a gap the search made has no re-check to explain


@pytest.mark.parametrize("rows, expected", [
    # a clause one side lacks, with a pair on either side: an omission
    ([((0,), (0,)), ((1,), ()), ((2,), (1,))], ["error"]),
    ([((0,), (0,)), ((), (1,)), ((1,), (2,))], ["error"]),
    # clauses of both sides unpaired at the same place: a loose rendering, or one sentence put for another,
    # reported once (the Arabic clause's warning; the English clause it faces, info); an English clause more is
    # a warning of its own
    ([((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))], ["warning", "info"]),
    ([((0,), (0,)), ((), (1,)), ((1,), ()), ((), (2,)), ((2,), (3,))], ["info", "warning", "warning"]),
    ([((0,), (0,)), ((1,), ()), ((2,), ()), ((), (1,)), ((3,), (2,))], ["warning", "warning", "info"]),
    # unpaired clauses of both sides with a pair between them are two omissions
    ([((0,), ()), ((1,), (0,)), ((), (1,))], ["error", "error"]),
])
def test_facing_gaps_are_warnings(rows, expected):
    ar = ["تعزيز التعاون الإقليمي", "وصرحت الشرطة بذلك", "ويدعو جميع الدول", "ويقرر أن يبقي المسألة قيد نظره"]
    en = ["promoting regional cooperation", "the police said so", "calls upon all States", "decides to remain seized"]
    n_ar = max((i for a, _ in rows for i in a), default=-1) + 1
    n_en = max((j for _, e in rows for j in e), default=-1) + 1
    ctx = context(list(zip(ar[:max(n_ar, n_en)], en[:max(n_ar, n_en)])))
    ctx = CheckContext(Document(None, "ar", ctx.ar.clauses[:n_ar]), Document(None, "en", ctx.en.clauses[:n_en]),
                       tuple(AlignedPair(a, e, 0.8 if a and e else None) for a, e in rows), CheckConfig(), GLOSSARY)
    assert [f.severity for f in run_checks(ctx, ["gap"])] == expected


@pytest.mark.parametrize("check, ar, en, expected", [
    # two different values, one on each side: unambiguous
    ("number-mismatch", "ويبلغ عدد السكان 777 61 نسمة.", "The population is 61,787.", "error"),
    ("date-mismatch", "21 كانون الثاني/يناير 2014", "21 January 2015", "error"),
    ("symbol-mismatch", "في القرار 2122 (2014)", "in resolution 2122 (2013)", "error"),
    # a value one side states again where the other says it once: a repetition, not reported
    ("number-mismatch", "بمبلغ 000 819 5 دولار، وبمبلغ قدره 000 819 5 دولار للمشروع.",
     "up to $5,819,000 and, for the project, the same amount.", None),
    ("number-mismatch", "الكربون الهيدروفلوري-23 (HFC-23)", "HFC-23 byproduct emissions", None),
    ("number-mismatch", "بمبلغ 000 819 5 دولار، وبمبلغ قدره 000 819 6 دولار للمشروع.",
     "up to $5,819,000 and, for the project, the same amount.", "warning"),
    # a value on one side only: a year left to the context, a name that reads as a month
    ("number-mismatch", "28 تشرين الأول/أكتوبر", "28 October 2014", "warning"),
    ("date-mismatch", "وحث السيدة مايو على التخلي عن الحصص.", "He urged Mrs May to abandon quotas.", None),
    ("date-mismatch", "والحفاظ على الأوراق المكتوبة من قبل أطباء مايو (Mayo)", "preserving papers written by Mayo "
     "doctors", None),  # «مايو» alone, with no day, year or cue («في مايو»), is a name
    ("date-mismatch", "وأعلن ترشحه في مايو.", "He announced his candidacy.", "warning"),
    ("date-mismatch", "الذي اتخذه مجلس الأمن في جلسته 7366 المعقودة في 22 كانون الثاني/يناير 2015",
     "Adopted by the Security Council at its 7366th meeting, on", "warning"),
    # "Population: 61,777 (2014)." is a number and a year, not a resolution number "1591 (2005)"
    ("number-mismatch", "السكان: 777 61 (عام 2014).", "Population: 61,777 (2014).", None),
    # a number the other side glues to Latin letters, in a name or a code, is rendered; a different one is not
    ("number-mismatch", "مركبة هبوط صغيرة على متن هايابوسا2.", "a small lander on board Hayabusa2.", None),
    ("number-mismatch", "من خلال الهدفين الاستراتيجيين واو-3 وياء-1", "through strategic objectives F3 and J1", None),
    ("number-mismatch", "من خلال الهدفين الاستراتيجيين واو-3 وياء-2", "through strategic objectives F3 and J1",
     "warning"),
    ("number-mismatch", "التقارير المقدمة في الفترة20112012(ب)", "activities reported for20112012b", None),
    # verbs: resolutions open with them (the reported style too); in narrative text they are the lexicon's guess
    ("verb-mismatch", "5 - يدين الهجوم.", "5. Welcomes the attack.", "error"),
    ("verb-mismatch", "وأدان القرار الهجوم.", "The resolution welcomes the attack.", "error"),
    ("verb-mismatch", "وتؤكد الوقائع أن المجزرة المتعمدة كانت تهدف إلى إبادتهم.",
     "The facts confirm that the slaughter was directed at their extermination.", "info"),
    ("verb-mismatch", "ورُفضت ستة طلبات لإرسال بعثات تقييم إلى المناطق المتضررة",
     "Six requests for assessment missions to the affected areas were denied", "info"),
    # ... but in narrative text too, a warning when the verbs take opposite stands
    ("verb-mismatch", "ويرحب المجلس بالاتفاق.", "The facts show that the agreement was condemned.", "warning"),
    ("verb-mismatch", "ويدين المجلس الاتفاق.", "The Council is said to have welcomed the agreement.", "warning"),
])
def test_severity_follows_the_evidence(check, ar, en, expected):
    findings = [f for f in run_checks(context([(ar, en)]), [check])]
    assert [f.severity for f in findings] == ([expected] if expected else [])


@pytest.mark.parametrize("ar, en, expected", [
    # idioms that negate nothing, rendered without a negation
    ("باعتبارها جزءا لا يتجزأ من التنمية", "as an integral part of development", False),
    ("فهذا الأمر لا غنى عنه للسلام", "this is indispensable for peace", False),
    ("قُتل ما لا يقل عن 30 شخصا", "at least 30 people were killed", False),
    ("في موعد لا يتجاوز نهاية عام 2015", "not later than the end of 2015", False),
    ("على سبيل الذكر لا الحصر", "including but not limited to", False),
    # «لا يقتصر على» "is not limited to", as often "not only" or "including"; «ألا وهو» "namely"
    ("إن التدابير النموذجية لا تقتصر على تحسين فعالية نظام العدالة، بل تشمل حماية الأطفال",
     "The Model Strategies are aimed at not only improving the justice system, but also at protecting children",
     False),
    ("يواجه العالم الآن تحديا آخر، ألا وهو أهداف التنمية المستدامة", "the world now faces yet another challenge: "
     "the sustainable development goals", False),
    # a negation repeated for a second member is one negation, as "nothing … or" and "neither … nor" are
    ("ليس في هذا الميثاق ما يسوغ التدخل، وليس فيه ما يقتضي عرض المسائل", "Nothing in the present Charter shall "
     "authorize intervention or shall require the submission of such matters", False),
    ("لا يجوز تأويل أي حكم من أحكام هذا الفصل ولا تخريجه", "nothing in this Chapter shall be construed", False),
    ("لا يجوز تأويل هذا الحكم ولا يجوز تطبيقه", "this provision shall not be construed and may be applied", True),
    # «لم الشمل» "reunion" (a verb «لمّ», not «لم»); «لم يمض وقت طويل» "before long"
    ("بعد لم شمل الأسرة في عام 2010", "after the family was reunited in 2010", False),
    ("ولم يمض وقت طويل حتى عادت إلى المسرح", "Shortly after, she returned to the stage", False),
    ("ليس في هذا الميثاق ما يسوغ للأمم المتحدة أن تتدخل", "Nothing in the present Charter shall authorize "
     "the United Nations to intervene", False),
    # negations that stay negations, on either side
    ("لا يجوز أن يكون للعضو الواحد أكثر من خمسة مندوبين", "Each Member shall have not more than five representatives",
     False),
    ("لا يذكر التقرير الإجراءات", "The report mentions the measures", True),
    ("يذكر التقرير الإجراءات", "Nothing in the report mentions the measures", True),
    # a negation rendered by a negative word on the other side is one negation each way
    ("ولم تقبل البعثة الأدلة نظرا لغياب سلسلة حفظ العينات", "The Mission did not accept the evidence, owing to "
     "the lack of a chain of custody", False),
    ("هذا الإجراء ليس قانونيا", "this measure is unlawful", False),
    ("هذا الإجراء غير قانوني", "this measure is not lawful", False),
    ("هذا الإجراء غير قانوني", "this measure is not unlawful", True),  # the weak side is matched, "not" is extra
    # each side's weak negations render each other first, the nearest each: «دون» is "without", «عدم» is "not"
    ("وتطلب حكومتي إلى المجلس عدم اتخاذ إجراءات دون أن يستمع أولا إلى موقف الحكومة",
     "My Government asks the Council not to take action without first having heard the Government", False),
    ("وتطلب حكومتي إلى المجلس اتخاذ إجراءات دون أن يستمع أولا إلى موقف الحكومة",
     "My Government asks the Council not to take action without first having heard the Government", True),
    ("غير أن هذا سيتطلب ابتكارا", "However, this will not require innovation", True),  # «غير أن» excuses nothing
    ("الطرق غير المعبدة", "the roads are not unpaved", True),
    # constructions that negate nothing on one side, and the negation-like words that render a negation
    ("ليس واجبا من واجباتنا فحسب، بل واجب المجتمع الدولي", "It is not only our duty but a duty of the "
     "international community", False),
    ("ليس واجبا من واجباتنا، بل واجب المجتمع الدولي", "It is our duty and a duty of the international community",
     True),
    ("وحتى الآن، لم تنفذ الدولة التوصيات", "So far, the State has yet to implement the recommendations", False),
    ("وحتى الآن، لم تنفذ الدولة التوصيات", "So far, the State has implemented the recommendations", True),
    ("ومن المرجح ألا تفي المحاكمة بالمعايير الدولية", "The trial risks falling short of international standards",
     False),
    ("وتعذر تحديد مرتكبي هذه الجرائم", "It has not been possible to identify the perpetrators", False),
    ("وتوجه الملايين نحو بناء قدرتها وليس نحو الاحتياجات الإنسانية", "directing millions towards its capacity "
     "rather than towards humanitarian needs", False),
    ("وتوجه الملايين نحو بناء قدرتها وليس نحو الاحتياجات الإنسانية", "directing millions towards its capacity "
     "and towards humanitarian needs", True),
    ("وليس لدى الجهات الفاعلة سوى وعي محدود بالتقارير", "The actors had limited awareness of the reports", False),
    ("وليس لدى الجهات الفاعلة وعي بالتقارير", "The actors had awareness of the reports", True),
    # the rendering may sit up to about a third of the clause away: word order differs between the languages
    ("يدعو المجلس الاقتصادي والاجتماعي أي عضو من الأمم المتحدة للاشتراك في مداولاته عند بحث أية مسألة تعني هذا "
     "العضو بوجه خاص، على ألا يكون له حق التصويت.", "The Economic and Social Council shall invite any Member of "
     "the United Nations to participate, without vote, in its deliberations on any matter of particular concern "
     "to that Member.", False),
    ("ومع ذلك، فوفقا للدولة القائمة بالإدارة، لم تسفر هذه الجهود بعد عن تغييرات هامة.", "However, according to "
     "the administering Power, significant changes have yet to result.", False),
    ("ومع ذلك، فوفقا للدولة القائمة بالإدارة، أسفرت هذه الجهود عن تغييرات هامة.", "However, according to "
     "the administering Power, significant changes have not yet resulted.", True),
    # «إلا أن» is "however": the negation before it stays
    ("أعربت الأطراف عن آراء لا تؤيد المقترحات إلا أنها تشدد على الحوافز", "The parties expressed views that do "
     "not support the proposals but stress incentives", False),
    ("أعربت الأطراف عن آراء لا تؤيد المقترحات إلا أنها تشدد على الحوافز", "The parties expressed views that "
     "support the proposals but stress incentives", True),
    # «ليس/لا … فحسب، وإنما» and «لم … سوى» a dozen words apart; "not through just one …, but"
    ("لا تشكل المساءلة مجموعة من الآليات المؤسسية أو قائمة مرجعية للإجراءات وحسب، وإنما مجالا للتحدي",
     "Accountability is a set of institutional mechanisms or a checklist of procedures and an arena of challenge",
     False),
    ("لم يقدم الدعم لإنشاء نظام مخصص لرصد التصحر وتدهور الأراضي والجفاف سوى ثلث البلدان", "Support to the "
     "monitoring system was provided by only one third of the countries", False),
    ("يتحقق النجاح عن طريق ترابط هذه النهج", "Success is achieved not through just one of these approaches, but "
     "through their interdependence", False),
    # coordinated negations: one negation each way; a second negated verb is a negation of its own
    ("قرر الجيش أنه لا حاجة ولا استعداد لديه للجلوس إلى طاولة المفاوضات", "The army decided that it has no "
     "further need or willingness to sit at the negotiating table", False),
    ("لم يجد المجلس ضرورة لاتخاذ أي إجراء", "Neither the Assembly nor the Council found it necessary to act",
     False),
    ("رئي أن الباب الجديد لا ينبغي أن يكون توجيهيا ولا يلزم أن يتناول التدابير", "It was felt that the new "
     "section should not be prescriptive and need touch upon the measures", True),
    # negative words and idioms
    ("لا يذكر التقرير شيئا عن حالة نساء الشعوب الأصلية", "The report is silent on the situation of indigenous "
     "women", False),
    ("وهذا الادعاء لا أساس له من الصحة", "This assertion is baseless", False),
    ("ورغم أن المعركة لم تنته بعد، قد يكون الخلاف مفيدا", "While the battle is far from over, the rift may be "
     "beneficial", False),
    ("حققت الأحزاب انتصارا مهما إن لم يكن محدودا", "The parties managed a vital if narrow victory", False),
    ("تكلمت المسؤولة بما لا يعد ولا يحصى عن الاستعدادات", "The chief executive has talked volumes about the "
     "preparations", False),
    ("وكانت الطرائق تنص على ألا يسمح بالمشاركة إلا للمراقبين", "The modalities stated that only observers "
     "would participate", False),
    # English negative words: nobody, hardly, un-/in- … -able
    ("لم يتمكن أحد من تصديق ما حدث", "Nobody could believe what was happening", False),
    ("تمكن الجميع من تصديق ما حدث", "Nobody could believe what was happening", True),
    ("ليس من الواضح ما إذا كان يحاول الاستهزاء به", "It is unclear if he was trying to mock him", False),
    ("لم يكن هذا مدهشا أبدا", "it was hardly a surprise", False),
    ("وجد أن دفاع الفريق المضيف لا يمكن اختراقه", "had found the home defence impenetrable", False),
    ("وخرجت الكونتيسة ولم تصب بجروح", "The Countess left uninjured", False),
    # Arabic: «لست» is «ليس»; «أم لا» "or not"; «لا أزال» "still"; «كلا،» "No,"; «ما لم» "unless"
    ("حسنا، أنا لست سيدة.", "Well, I'm no lady.", False),
    ("حسنا، أنا سيدة.", "Well, I'm no lady.", True),
    ("وقال الأطباء إن الوقت سيحدد ما إذا كنت سأشفى أم لا.", "Doctors said time will tell if I will recover.",
     False),
    ("كنت سأحصل على واحدة إذا كنت لا أزال أمارس الرضاعة", "I would've had one if I was still breastfeeding",
     False),
    ("وأعيد إلى لندن ولم شمله مع صديقه السابق", "He is whisked back to London and reunited with his friend", False),
    ("كلا، انتظر لحظة", "No, wait a moment", False),
    ("انتظر لحظة", "No, wait a moment", True),
    ("لكن النزاع سينتهي ما لم يتخذ المجتمع الدولي إجراءات", "the conflict will not end until the international "
     "community takes action", False),
    # "not … until" is «لم … إلا بعد», "no … other than" is «لم … سوى», "couldn't help" is «لم يسعني إلا»: only
    ("تذكرت أنها لم تسمع الموسيقى إلا بعد إصدار الألبوم", "She recalled that she did not hear the music until "
     "after the album's release", False),
    ("تذكرت أنها سمعت الموسيقى بعد إصدار الألبوم", "She recalled that she did not hear the music until "
     "after the album's release", False),
    ("أطلقت النار ولم تقدم لنفسها أي عذر سوى الانتقام", "She fired, making no excuse for herself other than "
     "retribution", False),
    ("وقد حولتها إلى هجاء مسرحي لم ينشر حتى عام 1980", "adapting it into a dramatic lampoon, not published until "
     "1980", False),
    ("لا يمكن في ظلها توفير أي دعم عدا الدعم الأساسي", "in which only basic support can be provided", False),
    ("ليست له أي استخدامات مشروعة باستثناء الأغراض البحثية", "there was no legitimate use other than for research",
     False),
    ("أو دولة ليست من أعضائها وفقا لأحكام المادة 35، ولها - فيما عدا ما تنص عليه المادة 12 - أن تقدم توصياتها",
     "or by a State which is a Member and, except as provided in Article 12, may make recommendations", True),
    # «تفتقر إلى» "lacks", «لم … يذكر» "little"
    ("فإن معظم السلطات البلدية تفتقر إلى استراتيجية", "most municipal authorities have no strategy", False),
    ("ومما يؤسف له أن الشعب لم يتلق عونا يذكر", "Regrettably, there has been little relief for the people", False),
    ("لم يسعني إلا التفكير في السؤال", "I couldn't help thinking about the question", False),
    ("فقدت شريكها بعد وقت قصير من وفاة والدته", "She lost her partner not long after the death of his mother",
     False),
    ("صدر الحكم بأنها بريئة", "She was found not guilty", False),
    ("حذرت الجدة الفتاة من النظر إلى الخلف", "The grandmother warned the girl not to look back", False),
    ("تخرجت من ثانوية التعليم الأساسية رقم.", "She graduated from Basic Education High School No.", False),
    # "not just" is «ليس … فقط» when neither has its "but"; with it, both are "not only"
    ("وهذه ليست تجربتي فقط.", "And that is not just my experience.", False),
    ("وهذه تجربتي فقط.", "And that is not just my experience.", True),
    ("وهذه ليست تجربتي فقط.", "And that is just my experience.", True),
    ("بحيث لا يمكننا أن نعتمد فقط على اللغة الإنجليزية", "that we can't just rely on English", False),
    # names: «لا» for the particle "La", negation words the Arabic keeps in Latin script, words glued by a lost space
    ("كان آخر أداء لها في باليه لا كامارغو في 1901", "Her last performance was in the ballet La Camargo in 1901",
     False),
    ("لا تحضر باليه كامارغو", "She attends the ballet La Camargo", True),
    ("النسخة الكندية من Deal or No Deal", "the Canadian version of Deal or No Deal", False),
    ("قالتإنه لميخبرهاأحدأبدًاعنأهميةالنوم", "She said no one had ever told her about the importance of sleep",
     False),
    ("قالت إنه أخبرها عن أهمية النوم", "She said no one had ever told her about the importance of sleep", True),
    # an Arabic word that spells a capitalised English name is the name, from three consonants: «فليس» "Fleiss"
    ("أخبرني السيد فليس أنه يتذكر تلك العروض", "I remember those shows, Mr. Fleiss told me", False),
    ("أخبرني السيد فليس أنه يتذكر تلك العروض", "I don't remember those shows, Mr. Fleiss told me", True),
    ("ليس هذا ما قاله لويس", "This is what Lewis said", True),
    # a negation «أو» repeats before a second verb counts once or twice, as the other side needs; «ولا» once
    ("لا يجوز تأويل أي حكم بأنه يغير حقوق الدول ولا الشعوب", "nothing shall be construed as altering the rights "
     "of any states or peoples", False),
    ("لا يجوز تأويل أي حكم بأنه يغير حقوق الدول ولا الشعوب", "as may not be agreed, nothing shall be construed "
     "as altering the rights of any states or peoples", True),
    ("تحث الدول التي لم تصدق بعد على الاتفاقية أو لم تنضم إليها بعد", "Urges States that have not done so to "
     "consider ratifying or acceding to the Convention", False),
    ("موضوعات لم ينظمها بعد القانون الدولي، أو لم يتطور القانون بشأنها بعد تطورا كافيا", "subjects which have "
     "not yet been regulated by international law or in regard to which the law has not yet been sufficiently "
     "developed", False),
    ("تحث الدول التي صدقت على الاتفاقية أو انضمت إليها", "Urges States that have not ratified or acceded to the "
     "Convention", True),
    ("موضوعات لم ينظمها بعد القانون الدولي", "subjects which have not yet been regulated by international law "
     "and in regard to which the law has not yet been developed", True),
    # «لم … إلا» is "only" within one clause, however far apart
    ("لم يجرم العنف ضد المرأة باعتباره جريمة قائمة بذاتها بموجب التشريعات الوطنية في إطار الأحكام المتعلقة "
     "بالعنف المنزلي إلا تسعة بلدان فحسب", "only nine countries have established violence against women as a "
     "specific offence under their domestic legislation", False),
    ("لم يجرم العنف ضد المرأة باعتباره جريمة قائمة بذاتها بموجب التشريعات الوطنية في إطار الأحكام المتعلقة "
     "بالعنف المنزلي، إلا أن تسعة بلدان", "nine countries have established violence against women as a specific "
     "offence", True),
    # "cannot … anything but" is "only", as «لا يمكن … عدا»
    ("ولا يمكن تسمية ما وقع بأي شيء عدا كونه مذبحة مقصودة", "This cannot be called anything but a purposeful "
     "massacre", False),
    ("ويمكن تسمية ما وقع مذبحة مقصودة", "This cannot be called a purposeful massacre", True),
    # «ما كان … ل» before a verb is a negation ("may not have reached"); "not far from" is «على مقربة من»
    ("بالوصول إلى أشخاص ربما ما كانت لتصل إليهم بطريقة أخرى", "to reach people that she otherwise may not have "
     "reached", False),
    ("بالوصول إلى أشخاص ربما ما كانت لتصل إليهم بطريقة أخرى", "to reach people that she otherwise may have "
     "reached", True),
    ("وهو ما كان له أثر كبير", "which had a great effect", False),
    ("في مبنى يقع على مقربة من مجموعتها السكنية", "in a building located not far from her residential group",
     False),
    # "never more so than" is "especially"
    ("ولكنه مفهوم يؤمن به اللاعبون حقا، وخاصة في منافسات مثل هذه", "but one that players truly believe in, and "
     "never more so than at competitions like these", False),
    ("ولكنه مفهوم يؤمن به اللاعبون حقا، وخاصة في منافسات مثل هذه", "but one that players never believe in",
     True),
    # "or not" closing "whether …" is «أم لا», «أم لم تكن»: no negation on either side
    ("إن لكل دولة أخرى - سواء أكانت من أعضاء الأمم المتحدة أم لم تكن - تواجه مشاكل اقتصادية", "any other state, "
     "whether a Member of the United Nations or not, which finds itself confronted with special economic problems",
     False),
    ("إن رسالتي موجهة إلى الناخبين من أعضاء الحزب", "my message is to my constituents, whether Labour members or "
     "not: I am proud", False),
    ("قررت أن تذهب أم لا", "She decided not to go", True),
    # "no." closing a sentence is "no"; "No." closing a line is a number's label, "no. 5" a number
    ("أوه، لا.", "Oh, no.", False),
    ("أوه.", "Oh, no.", True),
    ("لا، لا، لا.", "No, no, no.", False),
    # «ألا» ("that … not") is no «إلا»: «لم … ألا» is two negations, «لم … إلا» "only"
    ("عندما يتهم شخص بأمر لم يرتكبه، يجب ألا يغضب.", "When someone is accused of something they didn't do, they "
     "must not be angry.", False),
    ("عندما يتهم شخص بأمر لم يرتكبه، يجب ألا يغضب.", "When someone is accused of something they did, they must "
     "be angry.", True),
    # "it doesn't matter what", "no matter how" are «بغض النظر», «مهما»: a weak negation, it demands none
    ("كلما تحدثت على الملأ بغض النظر عما سأقوله تتبع ذلك إساءات", "whenever I speak publicly - and it doesn't "
     "really matter what I say - abuse follows", False),
    ("مهما حاولوا فإنهم سيفشلون", "No matter how hard they try, they will fail", False),
    ("كلما تحدثت على الملأ بغض النظر عما سأقوله تتبع ذلك إساءات", "whenever I speak publicly it doesn't matter "
     "to me, and abuse follows", True),
    # "and not in November", ", not with" repeat the negation before them, and a translation may repeat it or not;
    # "not to seek" is a negation of its own
    ("لن تنسى النساء ما حدث بالأمس - لن ينسين ذلك غدا أو في نوفمبر", "Women are not going to forget what "
     "happened yesterday - they are not going to forget it tomorrow and not in November", False),
    ("لم يستطع إبعاد نفسه، وليس مع مثول كافانو أمام اللجنة", "He couldn't peel himself away, not with Kavanaugh "
     "set to face the Committee", False),
    ("لم يستطع إبعاد نفسه مع مثول كافانو أمام اللجنة", "He couldn't peel himself away, not with Kavanaugh set to "
     "face the Committee", False),
    ("تتعهد باحترام الصفة الدولية البحتة لمسؤوليات الأمين العام", "undertakes to respect the exclusively "
     "international character of the Secretary-General and not to seek to influence them", True),
    # «مستحيل» is "impossible", «عجز … عن» "unable to", «لا» before a participle a prefix ("in-", "de-")
    ("كوريا الشمالية تقول من المستحيل نزع السلاح من جانب واحد بدون ثقة", "North Korea says 'no way' will disarm "
     "unilaterally without trust", False),
    ("وفي ظل انقطاع الاتصالات، عجز مسؤولو الإغاثة عن الحصول على أي معلومات", "With communications knocked out, "
     "relief officials have not been able to get any information", False),
    ("وفي ظل انقطاع الاتصالات، حصل مسؤولو الإغاثة على معلومات", "With communications knocked out, relief officials "
     "have not been able to get any information", True),
    ("وتقدم الفيلق بشجاعة لا متناهية", "and led the line forward with the greatest gallantry", False),
    ("ولا يجوز للمجلس أن يتخذ قرارا", "The Council may take a decision", True),
    # written solid («لايجوز») or fused («لكيلا»), a negation renders the other side's, and is missed when dropped
    ("لايجوز للمجلس أن يتخذ قرارا", "The Council may not take a decision", False),
    ("لايجوز للمجلس أن يتخذ قرارا", "The Council may take a decision", True),
    ("اتخذت التدابير لكيلا يتكرر الهجوم", "measures were taken so that the attack would not recur", False),
    ("اتخذت التدابير لكيلا يتكرر الهجوم", "measures were taken so that the attack would recur", True),
])
def test_negation_idioms(ar, en, expected):
    assert flagged("negation-mismatch", ar, en) is expected


@pytest.mark.parametrize("ar_lines, en_lines, expected", [
    # a paragraph of three clauses missing: one finding naming them all
    (["يقرر المجلس إنشاء لجنة من خمسة أعضاء.",
      "يطلب إلى الأمين العام تقديم تقرير. ويقرر أن يبقي المسألة قيد نظره. ويدعو الدول الأعضاء إلى التعاون.",
      "يشكر الرئيس على جهوده."],
     ["The Council decides to establish a committee of five members.", "Thanks the President for his efforts."],
     [((1, 2, 3), "Arabic paragraph 2 has 3 clauses with no English counterpart: the English lacks them "
                  "(after English paragraph 1, line 1): «يطلب إلى")]),
    # two paragraphs missing: two findings, one each
    (["يقرر المجلس إنشاء لجنة من خمسة أعضاء.", "يطلب إلى الأمين العام تقديم تقرير.",
      "ويدعو الدول الأعضاء إلى التعاون.", "يشكر الرئيس على جهوده."],
     ["The Council decides to establish a committee of five members.", "Thanks the President for his efforts."],
     [((1,), "Arabic paragraph 2 has a clause with no English counterpart: the English lacks it"),
      ((2,), "Arabic paragraph 3 has a clause with no English counterpart: the English lacks it")]),
])
def test_a_missing_paragraph_is_one_finding(tmp_path, use_backend, ar_lines, en_lines, expected):
    from align.pipeline import Options, check_files

    (tmp_path / "a.ar.txt").write_text("\n".join(ar_lines) + "\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    report = check_files(tmp_path / "a.ar.txt", tmp_path / "a.en.txt", Options(cache=False, checks=("gap",)),
                         embedder=use_backend)
    assert [(f.ar, f.message[:len(m)]) for f, (_, m) in zip(report.findings, expected)] == expected
    assert len(report.findings) == len(expected)
