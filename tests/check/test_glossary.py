"""Tests for align.check.glossary and the bundled data/glossary.tsv."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import pytest

from align.check.glossary import (
    CATEGORIES,
    Glossary,
    GlossaryError,
    Term,
    TermMention,
    bundled_glossary_path,
)

ROOT = Path(__file__).resolve().parents[2]


def _shared_dir() -> Path | None:
    """shared/ sits beside the work tree (CI: beside the fresh clone)."""
    candidates = [os.environ.get("ALIGN_SHARED_DIR"), ROOT.parent / "shared", "/work/shared"]
    for c in candidates:
        if c and (Path(c) / "data").is_dir():
            return Path(c)
    return None


SHARED = _shared_dir()
SEED = SHARED / "seeds" / "003_493f71f68eda24c7.txt" if SHARED else None
DEV = SHARED / "data" / "dev" / "unv1-devset" if SHARED else None
needs_seed = pytest.mark.skipif(SEED is None or not SEED.is_file(), reason="shared seed not available")
needs_dev = pytest.mark.skipif(DEV is None or not (DEV / "ar.txt").is_file(), reason="dev set not available")


@pytest.fixture(scope="module")
def g() -> Glossary:
    return Glossary.bundled().compile()


def ids(mentions: list[TermMention]) -> list[str]:
    return [m.term.id for m in mentions]


# --------------------------------------------------------------------------
# The bundled data
# --------------------------------------------------------------------------


def test_bundled_path_is_data_glossary():
    path = bundled_glossary_path()
    assert path.name == "glossary.tsv" and path.is_file()


def test_bundled_loads_and_is_well_formed(g):
    assert len(g) > 250
    seen = set()
    for t in g.terms:
        assert isinstance(t, Term)
        assert t.id not in seen, t.id
        seen.add(t.id)
        assert t.category in CATEGORIES
        assert t.en and all(v.strip() for v in t.en), t.id
        assert t.ar and all(v.strip() for v in t.ar), t.id
    cats = {t.category for t in g.terms}
    assert cats == set(CATEGORIES)


def test_exactly_57_oic_members(g):
    members = g.with_tag("oic-member")
    assert len(members) == 57
    assert all(t.category == "state" for t in members)


OIC_NAMES = """Afghanistan, Albania, Algeria, Azerbaijan, Bahrain, Bangladesh, Benin, Brunei Darussalam,
Burkina Faso, Cameroon, Chad, Comoros, Côte d'Ivoire, Djibouti, Egypt, Gabon, Gambia, Guinea,
Guinea-Bissau, Guyana, Indonesia, Iran, Iraq, Jordan, Kazakhstan, Kuwait, Kyrgyzstan, Lebanon, Libya,
Malaysia, Maldives, Mali, Mauritania, Morocco, Mozambique, Niger, Nigeria, Oman, Pakistan, Palestine,
Qatar, Saudi Arabia, Senegal, Sierra Leone, Somalia, Sudan, Suriname, Syria, Tajikistan, Togo, Tunisia,
Türkiye, Turkmenistan, Uganda, United Arab Emirates, Uzbekistan, Yemen"""


@pytest.mark.parametrize("name", [n.strip() for n in OIC_NAMES.replace("\n", " ").split(",")])
def test_each_oic_member_is_found_by_name(g, name):
    found = g.find(f"The delegation of {name} spoke.", "en")
    assert len(found) == 1, (name, ids(found))
    assert "oic-member" in found[0].term.tags
    assert found[0].text == name


def test_unsc_permanent_members_and_other_states(g):
    assert {t.id for t in g.with_tag("unsc-permanent")} == {
        "state-china", "state-france", "state-russian-federation", "state-united-kingdom", "state-united-states",
    }
    for tid in ("state-israel", "state-south-africa", "state-spain", "state-norway", "state-ireland",
                "state-belgium", "state-brazil"):
        assert tid in g
    assert len([t for t in g.terms if "un-member" in t.tags]) == 193


@pytest.mark.parametrize(
    "tid",
    [
        "un-security-council", "un-general-assembly", "un-icj", "org-icc", "un-unrwa", "un-secretary-general",
        "un-human-rights-council", "un-ecosoc", "un-unicef", "un-unesco", "un-who", "un-wfp", "un-ocha",
        "un-undp", "un-unhcr", "un-special-rapporteur", "un-united-nations", "un-charter",
        "oic", "oic-council-of-foreign-ministers", "oic-islamic-summit", "oic-general-secretariat",
        "oic-al-quds-committee", "oic-islamic-solidarity-fund", "org-arab-league",
        "place-gaza-strip", "place-west-bank", "place-jerusalem", "place-east-jerusalem", "place-al-aqsa-mosque",
        "place-ibrahimi-mosque", "place-hebron", "place-jeddah", "place-riyadh", "place-istanbul",
        "place-new-york", "place-geneva", "place-dakar", "place-occupied-palestinian-territory", "place-golan",
        "term-occupying-power", "term-two-state-solution", "term-genocide", "term-ethnic-cleansing",
        "term-ceasefire", "term-international-humanitarian-law", "term-international-law",
        "term-self-determination", "term-refugees", "term-advisory-opinion", "term-provisional-measures",
        "term-fourth-geneva-convention", "term-rome-statute", "term-settlements", "term-settlers",
        "term-humanitarian-assistance", "term-famine", "term-chapter-vii", "term-human-rights",
    ],
)
def test_required_rows_present(g, tid):
    assert tid in g


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------

AR_POSITIVE = [
    # (text, expected term ids in order, expected matched texts or None)
    ("بناء على طلب دولة فلسطين والجمهورية التركية", ["state-palestine", "state-turkiye"],
     ["دولة فلسطين", "والجمهورية التركية"]),
    ("ويرحب بمجلس الأمن", ["un-security-council"], ["بمجلس الأمن"]),
    ("الجمعية العامة للأمم المتحدة", ["un-general-assembly"], ["الجمعية العامة للأمم المتحدة"]),
    ("تقرير مقدم للأمم المتحدة", ["un-united-nations"], ["للأمم المتحدة"]),
    ("وللأمم المتحدة دور", ["un-united-nations"], ["وللأمم المتحدة"]),
    ("ويشيد بالأمم المتحدة", ["un-united-nations"], ["بالأمم المتحدة"]),
    ("وتقديم الدعم للاجئين", ["term-refugees"], ["للاجئين"]),
    ("مَجْلِسُ الأَمْنِ الدَّوْلِيّ", ["un-security-council"], ["مَجْلِسُ الأَمْنِ الدَّوْلِيّ"]),
    ("مجـلس الأمـن", ["un-security-council"], ["مجـلس الأمـن"]),
    ("الامم المتحدة واسرائيل", ["un-united-nations", "state-israel"], ["الامم المتحدة", "واسرائيل"]),
    ("الجمهورية الجزائرية الديموقراطية الشعبية", ["state-algeria"], None),
    ("الجمهورية الجزائرية الديمقراطية الشعبية", ["state-algeria"], None),
    ("جمهورية مصر العربية ودولة قطر والولايات المتحدة الأمريكية",
     ["state-egypt", "state-qatar", "state-united-states"], None),
    ("والولايات المتحدة الأميركية", ["state-united-states"], None),
    ("المملكة الأردنية الهاشمية", ["state-jordan"], None),
    ("جمهورية باكستان الإسلامية", ["state-pakistan"], None),
    ("الجمهورية الإسلامية الإيرانية", ["state-iran"], None),
    ("المملكة العربية السعودية", ["state-saudi-arabia"], None),
    ("حق الشعب الفلسطيني في تقرير مصيره", ["term-self-determination"], ["تقرير مصيره"]),
    ("إسرائيل -القوة القائمة بالاحتلال-", ["state-israel", "term-occupying-power"], None),
    ("تحت الفصل السابع", ["term-chapter-vii"], None),
    ("وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين في الشرق الأدنى (الأونروا)",
     ["un-unrwa", "un-unrwa"], None),
    ("محكمة العدل الدولية", ["un-icj"], None),
    ("غينيا - بيساو وغينيا", ["state-guinea-bissau", "state-guinea"], None),
    ("جنوب السودان والسودان", ["state-south-sudan", "state-sudan"], None),
    ("في القدس الشريف", ["place-jerusalem"], ["القدس الشريف"]),
    ("المسجد الأقصى المبارك", ["place-al-aqsa-mosque"], None),
    ("بيان الجامعة العربية", ["org-arab-league"], None),
    ("في الأرض الفلسطينية المحتلة", ["place-occupied-palestinian-territory"], None),
    ("في الأراضي الفلسطينية المحتلة", ["place-occupied-palestinian-territory"], None),
    ("جمهورية مالي", ["state-mali"], None),
    ("سلطنة عمان", ["state-oman"], None),
    ("بموجب الفصل السابع من الميثاق", ["term-chapter-vii"], ["الفصل السابع"]),
    ("أن يطلب إلى المحكمة إفتاءه", ["term-advisory-opinion"], ["إفتاءه"]),
    ("إيماننا بالحقوق الأساسية للإنسان", ["term-human-rights"], ["بالحقوق الأساسية للإنسان"]),
    ("ومجلس وصاية، ومحكمة عدل دولية", ["un-icj"], ["ومحكمة عدل دولية"]),
    # «عشرة» after a name that does not end in an ordinal is a number, not the second word of «السابع عشر»
    ("وتنتخب الجمعية العامة عشرة أعضاء آخرين", ["un-general-assembly"], ["الجمعية العامة"]),
]


@pytest.mark.parametrize("text,expected,texts", AR_POSITIVE)
def test_find_arabic(g, text, expected, texts):
    found = g.find(text, "ar")
    assert ids(found) == expected, [(m.term.id, m.text) for m in found]
    for m in found:
        assert text[m.start : m.end] == m.text
    if texts is not None:
        assert [m.text for m in found] == texts


AR_NEGATIVE = [
    "الدعم المالي والتقني",  # «المالي» is "financial", not Mali
    "دعم مالي",  # weak variant: never reported
    "الحد الأقصى للمبلغ",  # «الأقصى» = maximum
    "حقوق المرأة",  # not "human rights"
    "الأمن الغذائي",
    "مجلس الإدارة",
    "الجمعية",
    "العامة",
    "الفصل السابع عشر: تدابير حفظ الأمن",  # Chapter XVII, not Chapter VII
    "أصبحت جدة في عام 1969",  # «جدة» is also "grandmother": weak evidence of Jeddah, never reported
]


@pytest.mark.parametrize("text", AR_NEGATIVE)
def test_find_arabic_negative(g, text):
    assert g.find(text, "ar") == []


EN_POSITIVE = [
    ("the State of Palestine, the Republic of Turkey, and the Islamic Republic of Iran",
     ["state-palestine", "state-turkiye", "state-iran"], ["State of Palestine", "Republic of Turkey", "Islamic Republic of Iran"]),
    ("The SECURITY COUNCIL decided", ["un-security-council"], ["SECURITY COUNCIL"]),
    ("the security council", ["un-security-council"], None),
    ("the Security Council's decision", ["un-security-council"], ["Security Council's"]),
    ("Palestine refugees and other refugees", ["state-palestine", "term-refugees", "term-refugees"], None),
    ("a refugee camp", ["term-refugees"], None),
    ("the Special Rapporteurs", ["un-special-rapporteur"], ["Special Rapporteurs"]),
    ("the two-State solution", ["term-two-state-solution"], None),
    ("the two State solution", ["term-two-state-solution"], None),
    ("the International Court of Justice", ["un-icj"], ["International Court of Justice"]),
    ("the United Nations Security Council", ["un-security-council"], ["United Nations Security Council"]),
    ("the UN Security Council", ["un-security-council"], ["UN Security Council"]),
    ("WHO and UNICEF", ["un-who", "un-unicef"], None),
    ("occupied Palestinian territories", ["place-occupied-palestinian-territory"], None),
    ("the Occupied Palestinian Territory", ["place-occupied-palestinian-territory"], None),
    ("illegal settlements", ["term-settlements"], ["illegal settlements"]),
    ("human settlements", ["term-settlements"], ["settlements"]),
    ("Guinea-Bissau and Guinea", ["state-guinea-bissau", "state-guinea"], None),
    ("Côte d'Ivoire and Cote d’Ivoire", ["state-cote-d-ivoire", "state-cote-d-ivoire"], None),
    ("the Democratic Republic of the Congo and the Congo", ["state-dr-congo", "state-congo"], None),
    ("Bolivia (Plurinational State of)", ["state-bolivia"], ["Bolivia (Plurinational State of)"]),
    ("Chapter VII of the Charter of the United Nations", ["term-chapter-vii", "un-charter"], None),
    ("a cease-fire and a ceasefire", ["term-ceasefire", "term-ceasefire"], None),
    ("the United Nations Educational, Scientific and Cultural Organization", ["un-unesco"], None),
    ("the U.S. and the United States of America", ["state-united-states", "state-united-states"], None),
    ("the Organization of Islamic Cooperation (OIC)", ["oic", "oic"], None),
    ("the UK and the U.K.", ["state-united-kingdom", "state-united-kingdom"], ["UK", "U.K."]),
]


@pytest.mark.parametrize("text,expected,texts", EN_POSITIVE)
def test_find_english(g, text, expected, texts):
    found = g.find(text, "en")
    assert ids(found) == expected, [(m.term.id, m.text) for m in found]
    for m in found:
        assert text[m.start : m.end] == m.text
    if texts is not None:
        assert [m.text for m in found] == texts


EN_NEGATIVE = [
    "who decides?",  # WHO is matched case-sensitively
    "the peaceful settlement of disputes",  # singular "settlement" is only weak evidence
    "the International Day of Peace",  # no bare "International ..." term
    "security, council members",  # words of one variant may not straddle a comma
    "Turkish Cypriot",  # weak adjectives are never reported
    "Syrian and Iraqi nationals",  # adjectives are not names
    "after Brexit",  # weak evidence of the United Kingdom and the European Union, never reported
]


@pytest.mark.parametrize("text", EN_NEGATIVE)
def test_find_english_negative(g, text):
    assert g.find(text, "en") == [], ids(g.find(text, "en"))


def test_longest_match_wins(g):
    found = g.find("the Office of the United Nations High Commissioner for Refugees", "en")
    assert ids(found) == ["un-unhcr"]
    found = g.find("مفوضية الأمم المتحدة لشؤون اللاجئين", "ar")
    assert ids(found) == ["un-unhcr"]
    # the shorter "Geneva" is dropped inside "Fourth Geneva Convention"
    assert ids(g.find("the Fourth Geneva Convention, signed at Geneva", "en")) == [
        "term-fourth-geneva-convention", "place-geneva",
    ]


def test_find_rejects_unknown_language(g):
    with pytest.raises(ValueError):
        g.find("x", "fr")


# --------------------------------------------------------------------------
# missing_counterparts
# --------------------------------------------------------------------------


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


@needs_seed
def test_seed_line_9_has_no_missing_counterparts(g):
    lines = _seed_lines()
    ar, en = lines[8], lines[50]
    assert "دولة قطر" in ar and "State of Qatar" in en
    assert g.missing_counterparts(ar, en) == ([], [])


@needs_seed
def test_seed_swapped_country_is_reported_on_both_sides(g):
    lines = _seed_lines()
    ar = lines[8].replace("دولة قطر", "دولة الكويت")
    ar_only, en_only = g.missing_counterparts(ar, lines[50])
    assert ids(ar_only) == ["state-kuwait"]
    assert ar_only[0].text == "ودولة الكويت"  # the whole word, attached «و» included
    assert ids(en_only) == ["state-qatar"]
    assert en_only[0].text == "State of Qatar"


@needs_seed
def test_seed_resolution_is_mostly_clean(g):
    lines = _seed_lines()
    flagged = [i + 1 for i in range(42) if any(g.missing_counterparts(lines[i], lines[42 + i]))]
    # line 15: the English leaves out «القوة القائمة بالاحتلال» (a real finding)
    assert 15 in flagged
    assert len(flagged) <= 3, flagged


MISSING_CASES = [
    # (ar, en, ar-only ids, en-only ids)
    ("يدعو مجلس الأمن", "calls on the Security Council", [], []),
    ("يدعو مجلس الأمن", "calls on the General Assembly", ["un-security-council"], ["un-general-assembly"]),
    ("الأمين العام للأمم المتحدة", "the Secretary-General of the United Nations", [], []),
    ("في جمهورية مالي", "in Mali", [], []),  # «مالي» alone is weak on the Arabic side
    ("الدعم المالي", "financial support", [], []),
    ("الحكومة العراقية", "the Government of Iraq", [], []),  # adjective counts as presence
    ("حكومة العراق", "the Iraqi Government", [], []),
    ("مجلة Ghana Studies", "the journal Ghana Studies", [], []),  # Latin words inside Arabic text
    ("في غزة", "in the Gaza Strip", [], []),
    ("وكالة الأونروا", "UNRWA", [], []),
    ("الإبادة الجماعية", "ethnic cleansing", ["term-genocide"], ["term-ethnic-cleansing"]),
]


@pytest.mark.parametrize("ar,en,ar_only,en_only", MISSING_CASES)
def test_missing_counterparts(g, ar, en, ar_only, en_only):
    a, e = g.missing_counterparts(ar, en)
    assert (ids(a), ids(e)) == (ar_only, en_only)


# --------------------------------------------------------------------------
# Real data: false flags on the UN dev set (4,000 official sentence pairs)
# --------------------------------------------------------------------------

FALSE_FLAG_BOUND = 0.02  # reached: 1.47% (59 / 4,000), many of them real omissions


def _read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@needs_dev
def test_dev_set_false_flag_rate(g):
    ar = _read_lines(DEV / "ar.txt")
    en = _read_lines(DEV / "en.txt")
    assert len(ar) == len(en) == 4000
    start = time.perf_counter()
    flagged = [i for i, (a, e) in enumerate(zip(ar, en)) if any(g.missing_counterparts(a, e))]
    elapsed = time.perf_counter() - start
    rate = len(flagged) / len(ar)
    print(f"\nfalse-flag rate on unv1-devset: {len(flagged)}/{len(ar)} = {rate:.2%} in {elapsed:.2f}s")
    assert rate <= FALSE_FLAG_BOUND
    assert elapsed < 15  # about 2 s on the project machine


@needs_dev
def test_dev_resolutions_subset_false_flag_rate(g):
    sub = DEV / "resolutions_subset"
    ar, en = _read_lines(sub / "ar.txt"), _read_lines(sub / "en.txt")
    flagged = sum(1 for a, e in zip(ar, en) if any(g.missing_counterparts(a, e)))
    assert flagged / len(ar) <= 0.015  # reached: 4 / 397


@needs_dev
def test_english_variants_have_arabic_counterparts_in_dev(g):
    """Where an English variant occurs in en.txt, the Arabic line names the term too (mostly)."""
    ar = _read_lines(DEV / "ar.txt")
    en = _read_lines(DEV / "en.txt")
    seen = missing = 0
    for a, e in zip(ar, en):
        found = g.find(e, "en")
        if not found:
            continue
        present = g.present_ids(a, "ar")
        for m in found:
            seen += 1
            missing += m.term.id not in present
    assert seen > 1500
    assert missing / seen < 0.02


# --------------------------------------------------------------------------
# Loading, errors, overrides
# --------------------------------------------------------------------------

HEADER = "id\tcategory\ten\tar\ttags\n"


def _write(tmp_path: Path, name: str, body: str) -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


BAD_FILES = [
    ("wrong column count", HEADER + "# comment\nstate-x\tstate\tX\n", 3, "columns"),
    ("too many columns", HEADER + "state-x\tstate\tX\tإكس\ttag\textra\n", 2, "columns"),
    ("empty Arabic side", HEADER + "state-x\tstate\tX\t \n", 2, "Arabic"),
    ("empty English side", HEADER + "\nstate-x\tstate\t|\tإكس\n", 3, "English"),
    ("only weak variants", HEADER + "state-x\tstate\t~X\tإكس\n", 2, "English"),
    ("unknown category", HEADER + "state-x\tcountry\tX\tإكس\n", 2, "category"),
    ("bad id", HEADER + "State X\tstate\tX\tإكس\n", 2, "id"),
    ("duplicate id", HEADER + "state-x\tstate\tX\tإكس\nstate-x\tstate\tY\tواي\n", 3, "duplicate"),
    ("missing header", "state-x\tstate\tX\tإكس\n", 1, "header"),
    ("bad wildcard", HEADER + "state-x\tstate\tX|~X*Y\tإكس\n", 2, "wildcard"),
]


@pytest.mark.parametrize("label,body,line,word", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_glossary_error_names_file_and_line(tmp_path, label, body, line, word):
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(GlossaryError) as exc:
        Glossary.load(path)
    msg = str(exc.value)
    assert f"{path}:{line}:" in msg, msg
    assert word.lower() in msg.lower(), msg


TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1"><langSet xml:lang="en"><tig><term>Jerusalem Awqaf</term></tig>
  <tig><term>Awqaf Department</term></tig></langSet>
  <langSet xml:lang="ar"><tig><term>الأوقاف الإسلامية في القدس</term></tig></langSet></termEntry>
<termEntry id="c2"><langSet xml:lang="fr"><tig><term>Conseil</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>Council</term></tig></langSet></termEntry>
</body></text></martif>
"""
TBX_V3 = """<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="x"><langSec xml:lang="en-GB"><termSec><term>Bayt Mal Al-Quds Agency</term></termSec></langSec>
<langSec xml:lang="ar"><termSec><term>وكالة بيت مال القدس</term></termSec></langSec></conceptEntry>
</body></text></tbx>
"""

TRANSLATOR_FILES = [
    ("two-column TSV, no header", "Jerusalem Awqaf\tالأوقاف الإسلامية في القدس\n"),
    ("two-column TSV, Arabic first", "الأوقاف الإسلامية في القدس\tJerusalem Awqaf|Awqaf Department\n"),
    ("two-column TSV, header", "en\tar\nJerusalem Awqaf\tالأوقاف الإسلامية في القدس\n"),
    ("CSV with header and BOM", "\ufeffEnglish,Arabic\n\"Jerusalem Awqaf\",الأوقاف الإسلامية في القدس\n"),
    ("CSV, semicolons", "# from a spreadsheet\nJerusalem Awqaf;الأوقاف الإسلامية في القدس\n"),
    ("TBX v2 (TBX-Basic)", TBX_V2),
]


@pytest.mark.parametrize("label,body", TRANSLATOR_FILES, ids=[t[0] for t in TRANSLATOR_FILES])
def test_glossaries_as_translators_keep_them(tmp_path, label, body):
    path = _write(tmp_path, "terms.tbx" if body.startswith("<?xml") else "terms.txt", body)
    gl = Glossary.load(path)
    term = gl["user-jerusalem-awqaf"]
    assert term.category == "term" and term.ar == ("الأوقاف الإسلامية في القدس",)
    assert ids(gl.find("the Jerusalem Awqaf said", "en")) == ["user-jerusalem-awqaf"]
    only_ar, only_en = gl.missing_counterparts("وقالت الحكومة", "the Jerusalem Awqaf said")
    assert [m.term.id for m in only_en] == ["user-jerusalem-awqaf"] and only_ar == []
    assert len(gl) == 1  # the French/English-only TBX entry is left out


def test_tbx_v3_concept_entries(tmp_path):
    gl = Glossary.load(_write(tmp_path, "t.tbx", TBX_V3))
    assert [(t.id, t.en, t.ar) for t in gl] == [("user-bayt-mal-al-quds-agency", ("Bayt Mal Al-Quds Agency",),
                                                 ("وكالة بيت مال القدس",))]


BAD_TRANSLATOR_FILES = [
    ("three columns in a list", "Council\tالمجلس\textra\nCommittee\tاللجنة\n", 1, "or a two-column English/Arabic list"),
    ("a row of one column", "Council,المجلس\nCommittee\n", 2, "expected 2 columns"),
    ("two English columns", "Council,Committee\n", 1, "cannot tell the English from the Arabic"),
    ("a swapped row", "Council,المجلس\nاللجنة,Committee\n", 2, "swapped"),
    ("no Arabic in the Arabic column", "English,Arabic\nholy city,city\n", 2, "no Arabic in the Arabic column"),
    ("TBX not well-formed", "<?xml version='1.0'?>\n<martif>\n<termEntry>\n</martif>\n", 4, "not well-formed"),
    ("a bad wildcard in a list", "Council\tالمجلس\nCommit*ee\tاللجنة\n", 2, "bad wildcard"),
    ("a wildcard in the Arabic of a list", "Council\tالمجلس\nCommittee\tاللجن*\n", 2, "English variants only"),
]


@pytest.mark.parametrize("label,body,line,word", BAD_TRANSLATOR_FILES, ids=[b[0] for b in BAD_TRANSLATOR_FILES])
def test_a_malformed_translator_glossary_names_its_line(tmp_path, label, body, line, word):
    path = _write(tmp_path, "bad.txt", body)
    with pytest.raises(GlossaryError) as exc:
        Glossary.load(path)
    assert str(exc.value).startswith(f"{path}:{line}: ") and word in str(exc.value), str(exc.value)


def test_a_tbx_without_arabic_says_so(tmp_path):
    path = _write(tmp_path, "fr.tbx", TBX_V2.replace('xml:lang="ar"', 'xml:lang="de"'))
    with pytest.raises(GlossaryError, match="no TBX entry has both an English and an Arabic term"):
        Glossary.load(path)


def test_load_merges_and_overrides_by_id(tmp_path, g):
    base = _write(tmp_path, "a.tsv", HEADER + "state-x\tstate\tXland\tإكسلاند\toic-member\nterm-y\tterm\tfoo bar\tفو بار\n")
    extra = _write(tmp_path, "b.tsv", "# override\nid\tcategory\ten\tar\nstate-x\tstate\tNew Xland\tإكسلاند الجديدة\nterm-z\tterm\tbaz\tباز\n")
    merged = Glossary.load(base, extra)
    assert [t.id for t in merged.terms] == ["state-x", "term-y", "term-z"]
    assert merged["state-x"].en == ("New Xland",)
    assert merged["state-x"].tags == ()
    assert ids(merged.find("New Xland and foo bars", "en")) == ["state-x", "term-y"]
    # the bundled glossary can be extended the same way
    ext = Glossary.load(bundled_glossary_path(), extra)
    assert len(ext) == len(g) + 2


def test_weak_and_exact_markers(tmp_path):
    path = _write(
        tmp_path, "m.tsv",
        HEADER + "term-s\tterm\t=settlements|~settlement|~coloni*\tالمستوطنات|~الاستيطان\n",
    )
    gl = Glossary.load(path)
    t = gl["term-s"]
    assert t.en == ("settlements",) and t.en_weak == ("settlement", "coloni*") and t.exact == ("settlements",)
    assert ids(gl.find("Settlements", "en")) == ["term-s"]
    assert gl.find("a settlement", "en") == []  # exact: no singular, and weak is not reported
    assert gl.present_ids("colonization", "en") == {"term-s"}
    assert gl.missing_counterparts("الاستيطان", "settlements") == ([], [])


def test_terms_are_hashable_and_frozen(g):
    t = g["state-egypt"]
    assert hash(t) == hash(g["state-egypt"])
    with pytest.raises(Exception):
        t.id = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------
# The generator reproduces the committed data
# --------------------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("babel") is None or importlib.util.find_spec("pycountry") is None,
    reason="Babel and pycountry are needed only to regenerate the glossary",
)
def test_build_script_regenerates_glossary_exactly():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_glossary
    finally:
        sys.path.pop(0)
    import babel

    header = (ROOT / "align" / "data" / "glossary.tsv").read_text(encoding="utf-8").splitlines()[2]
    if f"Babel {babel.__version__} " not in header:
        pytest.skip(f"glossary generated with other Babel/pycountry versions: {header}")
    assert build_glossary.build() == (ROOT / "align" / "data" / "glossary.tsv").read_text(encoding="utf-8")
