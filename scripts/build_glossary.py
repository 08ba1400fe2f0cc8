#!/usr/bin/env python3
"""Regenerate align/data/glossary.tsv.

State rows are generated from CLDR (Babel ``Locale('en'/'ar').territories``)
and pycountry (ISO 3166-1 names, official names and the Arabic gettext
catalogue ``iso3166-1``), completed with the United Nations short names in
both languages (table ``UN_NAMES`` below). Hand-written rows (UN and OIC
bodies, places, fixed terms, and the extra forms real resolutions use for
states) live in ``scripts/glossary_manual.tsv`` and are merged in by id:

* a manual row with a new id is added as it is;
* a manual row with the id of a generated row adds its variants and tags to
  that row (variants written ``!text`` remove a generated variant instead).

Needs Babel and pycountry (generation only; the runtime never imports them)::

    pip install Babel pycountry
    python scripts/build_glossary.py            # writes align/data/glossary.tsv
    python scripts/build_glossary.py --check    # exit 1 if the file is stale

The output is deterministic for given Babel/pycountry versions (recorded in
the file header).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.text.normalize import normalize  # noqa: E402  (the project's own normaliser)
OUT = ROOT / "align" / "data" / "glossary.tsv"
MANUAL = Path(__file__).resolve().parent / "glossary_manual.tsv"
CATEGORY_ORDER = ("state", "un-body", "oic-body", "organisation", "place", "term")

# The 193 Member States of the United Nations (ISO 3166-1 alpha-2).
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
""".split()
UN_OBSERVERS = ["PS", "VA"]  # non-member observer States

# The 57 member states of the Organization of Islamic Cooperation.
OIC_MEMBERS = """
AF AL DZ AZ BH BD BJ BN BF CM TD KM CI DJ EG GA GM GN GW GY ID IR IQ JO KZ KW KG LB LY MY
MV ML MR MA MZ NE NG OM PK PS QA SA SN SL SO SD SR SY TJ TG TN TR TM UG AE UZ YE
""".split()

UNSC_PERMANENT = ["CN", "FR", "RU", "GB", "US"]

# United Nations short names (English, Arabic) as used in UN documents,
# and the id slug where the CLDR English name does not give a good one.
UN_NAMES: dict[str, tuple[str, str]] = {
    "AF": ("Afghanistan", "أفغانستان"),
    "AL": ("Albania", "ألبانيا"),
    "DZ": ("Algeria", "الجزائر"),
    "AD": ("Andorra", "أندورا"),
    "AO": ("Angola", "أنغولا"),
    "AG": ("Antigua and Barbuda", "أنتيغوا وبربودا"),
    "AR": ("Argentina", "الأرجنتين"),
    "AM": ("Armenia", "أرمينيا"),
    "AU": ("Australia", "أستراليا"),
    "AT": ("Austria", "النمسا"),
    "AZ": ("Azerbaijan", "أذربيجان"),
    "BS": ("Bahamas", "جزر البهاما"),
    "BH": ("Bahrain", "البحرين"),
    "BD": ("Bangladesh", "بنغلاديش"),
    "BB": ("Barbados", "بربادوس"),
    "BY": ("Belarus", "بيلاروس"),
    "BE": ("Belgium", "بلجيكا"),
    "BZ": ("Belize", "بليز"),
    "BJ": ("Benin", "بنن"),
    "BT": ("Bhutan", "بوتان"),
    "BO": ("Bolivia (Plurinational State of)", "بوليفيا (دولة - المتعددة القوميات)"),
    "BA": ("Bosnia and Herzegovina", "البوسنة والهرسك"),
    "BW": ("Botswana", "بوتسوانا"),
    "BR": ("Brazil", "البرازيل"),
    "BN": ("Brunei Darussalam", "بروني دار السلام"),
    "BG": ("Bulgaria", "بلغاريا"),
    "BF": ("Burkina Faso", "بوركينا فاسو"),
    "BI": ("Burundi", "بوروندي"),
    "CV": ("Cabo Verde", "كابو فيردي"),
    "KH": ("Cambodia", "كمبوديا"),
    "CM": ("Cameroon", "الكاميرون"),
    "CA": ("Canada", "كندا"),
    "CF": ("Central African Republic", "جمهورية أفريقيا الوسطى"),
    "TD": ("Chad", "تشاد"),
    "CL": ("Chile", "شيلي"),
    "CN": ("China", "الصين"),
    "CO": ("Colombia", "كولومبيا"),
    "KM": ("Comoros", "جزر القمر"),
    "CG": ("Congo", "الكونغو"),
    "CR": ("Costa Rica", "كوستاريكا"),
    "CI": ("Côte d'Ivoire", "كوت ديفوار"),
    "HR": ("Croatia", "كرواتيا"),
    "CU": ("Cuba", "كوبا"),
    "CY": ("Cyprus", "قبرص"),
    "CZ": ("Czechia", "تشيكيا"),
    "KP": ("Democratic People's Republic of Korea", "جمهورية كوريا الشعبية الديمقراطية"),
    "CD": ("Democratic Republic of the Congo", "جمهورية الكونغو الديمقراطية"),
    "DK": ("Denmark", "الدانمرك"),
    "DJ": ("Djibouti", "جيبوتي"),
    "DM": ("Dominica", "دومينيكا"),
    "DO": ("Dominican Republic", "الجمهورية الدومينيكية"),
    "EC": ("Ecuador", "إكوادور"),
    "EG": ("Egypt", "مصر"),
    "SV": ("El Salvador", "السلفادور"),
    "GQ": ("Equatorial Guinea", "غينيا الاستوائية"),
    "ER": ("Eritrea", "إريتريا"),
    "EE": ("Estonia", "إستونيا"),
    "SZ": ("Eswatini", "إسواتيني"),
    "ET": ("Ethiopia", "إثيوبيا"),
    "FJ": ("Fiji", "فيجي"),
    "FI": ("Finland", "فنلندا"),
    "FR": ("France", "فرنسا"),
    "GA": ("Gabon", "غابون"),
    "GM": ("Gambia", "غامبيا"),
    "GE": ("Georgia", "جورجيا"),
    "DE": ("Germany", "ألمانيا"),
    "GH": ("Ghana", "غانا"),
    "GR": ("Greece", "اليونان"),
    "GD": ("Grenada", "غرينادا"),
    "GT": ("Guatemala", "غواتيمالا"),
    "GN": ("Guinea", "غينيا"),
    "GW": ("Guinea-Bissau", "غينيا - بيساو"),
    "GY": ("Guyana", "غيانا"),
    "HT": ("Haiti", "هايتي"),
    "HN": ("Honduras", "هندوراس"),
    "HU": ("Hungary", "هنغاريا"),
    "IS": ("Iceland", "آيسلندا"),
    "IN": ("India", "الهند"),
    "ID": ("Indonesia", "إندونيسيا"),
    "IR": ("Iran (Islamic Republic of)", "جمهورية إيران الإسلامية"),
    "IQ": ("Iraq", "العراق"),
    "IE": ("Ireland", "آيرلندا"),
    "IL": ("Israel", "إسرائيل"),
    "IT": ("Italy", "إيطاليا"),
    "JM": ("Jamaica", "جامايكا"),
    "JP": ("Japan", "اليابان"),
    "JO": ("Jordan", "الأردن"),
    "KZ": ("Kazakhstan", "كازاخستان"),
    "KE": ("Kenya", "كينيا"),
    "KI": ("Kiribati", "كيريباس"),
    "KW": ("Kuwait", "الكويت"),
    "KG": ("Kyrgyzstan", "قيرغيزستان"),
    "LA": ("Lao People's Democratic Republic", "جمهورية لاو الديمقراطية الشعبية"),
    "LV": ("Latvia", "لاتفيا"),
    "LB": ("Lebanon", "لبنان"),
    "LS": ("Lesotho", "ليسوتو"),
    "LR": ("Liberia", "ليبريا"),
    "LY": ("Libya", "ليبيا"),
    "LI": ("Liechtenstein", "ليختنشتاين"),
    "LT": ("Lithuania", "ليتوانيا"),
    "LU": ("Luxembourg", "لكسمبرغ"),
    "MG": ("Madagascar", "مدغشقر"),
    "MW": ("Malawi", "ملاوي"),
    "MY": ("Malaysia", "ماليزيا"),
    "MV": ("Maldives", "ملديف"),
    "ML": ("Mali", "جمهورية مالي"),
    "MT": ("Malta", "مالطة"),
    "MH": ("Marshall Islands", "جزر مارشال"),
    "MR": ("Mauritania", "موريتانيا"),
    "MU": ("Mauritius", "موريشيوس"),
    "MX": ("Mexico", "المكسيك"),
    "FM": ("Micronesia (Federated States of)", "ميكرونيزيا (ولايات - الموحدة)"),
    "MC": ("Monaco", "موناكو"),
    "MN": ("Mongolia", "منغوليا"),
    "ME": ("Montenegro", "الجبل الأسود"),
    "MA": ("Morocco", "المغرب"),
    "MZ": ("Mozambique", "موزامبيق"),
    "MM": ("Myanmar", "ميانمار"),
    "NA": ("Namibia", "ناميبيا"),
    "NR": ("Nauru", "ناورو"),
    "NP": ("Nepal", "نيبال"),
    "NL": ("Netherlands", "هولندا"),
    "NZ": ("New Zealand", "نيوزيلندا"),
    "NI": ("Nicaragua", "نيكاراغوا"),
    "NE": ("Niger", "النيجر"),
    "NG": ("Nigeria", "نيجيريا"),
    "MK": ("North Macedonia", "مقدونيا الشمالية"),
    "NO": ("Norway", "النرويج"),
    "OM": ("Oman", "سلطنة عمان"),
    "PK": ("Pakistan", "باكستان"),
    "PW": ("Palau", "بالاو"),
    "PA": ("Panama", "بنما"),
    "PG": ("Papua New Guinea", "بابوا غينيا الجديدة"),
    "PY": ("Paraguay", "باراغواي"),
    "PE": ("Peru", "بيرو"),
    "PH": ("Philippines", "الفلبين"),
    "PL": ("Poland", "بولندا"),
    "PT": ("Portugal", "البرتغال"),
    "QA": ("Qatar", "قطر"),
    "KR": ("Republic of Korea", "جمهورية كوريا"),
    "MD": ("Republic of Moldova", "جمهورية مولدوفا"),
    "RO": ("Romania", "رومانيا"),
    "RU": ("Russian Federation", "الاتحاد الروسي"),
    "RW": ("Rwanda", "رواندا"),
    "KN": ("Saint Kitts and Nevis", "سانت كيتس ونيفس"),
    "LC": ("Saint Lucia", "سانت لوسيا"),
    "VC": ("Saint Vincent and the Grenadines", "سانت فنسنت وجزر غرينادين"),
    "WS": ("Samoa", "ساموا"),
    "SM": ("San Marino", "سان مارينو"),
    "ST": ("Sao Tome and Principe", "سان تومي وبرينسيبي"),
    "SA": ("Saudi Arabia", "المملكة العربية السعودية"),
    "SN": ("Senegal", "السنغال"),
    "RS": ("Serbia", "صربيا"),
    "SC": ("Seychelles", "سيشيل"),
    "SL": ("Sierra Leone", "سيراليون"),
    "SG": ("Singapore", "سنغافورة"),
    "SK": ("Slovakia", "سلوفاكيا"),
    "SI": ("Slovenia", "سلوفينيا"),
    "SB": ("Solomon Islands", "جزر سليمان"),
    "SO": ("Somalia", "الصومال"),
    "ZA": ("South Africa", "جنوب أفريقيا"),
    "SS": ("South Sudan", "جنوب السودان"),
    "ES": ("Spain", "إسبانيا"),
    "LK": ("Sri Lanka", "سري لانكا"),
    "SD": ("Sudan", "السودان"),
    "SR": ("Suriname", "سورينام"),
    "SE": ("Sweden", "السويد"),
    "CH": ("Switzerland", "سويسرا"),
    "SY": ("Syrian Arab Republic", "الجمهورية العربية السورية"),
    "TJ": ("Tajikistan", "طاجيكستان"),
    "TH": ("Thailand", "تايلند"),
    "TL": ("Timor-Leste", "تيمور - ليشتي"),
    "TG": ("Togo", "توغو"),
    "TO": ("Tonga", "تونغا"),
    "TT": ("Trinidad and Tobago", "ترينيداد وتوباغو"),
    "TN": ("Tunisia", "تونس"),
    "TR": ("Türkiye", "تركيا"),
    "TM": ("Turkmenistan", "تركمانستان"),
    "TV": ("Tuvalu", "توفالو"),
    "UG": ("Uganda", "أوغندا"),
    "UA": ("Ukraine", "أوكرانيا"),
    "AE": ("United Arab Emirates", "الإمارات العربية المتحدة"),
    "GB": ("United Kingdom of Great Britain and Northern Ireland", "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"),
    "TZ": ("United Republic of Tanzania", "جمهورية تنزانيا المتحدة"),
    "US": ("United States of America", "الولايات المتحدة الأمريكية"),
    "UY": ("Uruguay", "أوروغواي"),
    "UZ": ("Uzbekistan", "أوزبكستان"),
    "VU": ("Vanuatu", "فانواتو"),
    "VE": ("Venezuela (Bolivarian Republic of)", "فنزويلا (جمهورية - البوليفارية)"),
    "VN": ("Viet Nam", "فييت نام"),
    "YE": ("Yemen", "اليمن"),
    "ZM": ("Zambia", "زامبيا"),
    "ZW": ("Zimbabwe", "زمبابوي"),
    "PS": ("State of Palestine", "دولة فلسطين"),
    "VA": ("Holy See", "الكرسي الرسولي"),
}

# id slugs where the CLDR English short name would not give a good one
SLUGS = {
    "CG": "congo",
    "CD": "dr-congo",
    "KP": "dprk",
    "KR": "republic-of-korea",
    "MM": "myanmar",
    "VA": "holy-see",
    "PS": "palestine",
    "BA": "bosnia-and-herzegovina",
    "AG": "antigua-and-barbuda",
    "KN": "saint-kitts-and-nevis",
    "LC": "saint-lucia",
    "VC": "saint-vincent-and-the-grenadines",
    "ST": "sao-tome-and-principe",
    "TT": "trinidad-and-tobago",
    "CV": "cabo-verde",
    "CI": "cote-d-ivoire",
    "TR": "turkiye",
    "GB": "united-kingdom",
    "US": "united-states",
    "RU": "russian-federation",
}

# Generated variants that are wrong or misleading for the state itself.
DROP = {
    "PS": {"Palestinian Territories", "الأراضي الفلسطينية"},  # CLDR: a place, not the State
    "FR": {"جمهورية الفرنسية"},
    "GR": {"الجمهورية الهلنستية"},
    "ME": {"المنتنيغرو"},
    "RS": {"صربية", "جمهورية صربية"},
    "VA": {"المقعد المقدس (ولاية مدينة الفاتيكان)", "Holy See (Vatican City State)"},
    "LT": {"لثوانيا", "جمهورية لثوانيا"},
    "HU": {"المجر (هنغاريا)"},
    "ML": {"مالي"},  # also "financial": a weak variant in the manual file
    "OM": {"عمان"},  # also Amman: a weak variant in the manual file
    "BJ": {"بنين"},  # also "boys": a weak variant in the manual file
}

# Demonyms that the prefix rule below does not give (weak English variants:
# "the Turkish Government" names Türkiye as much as «الحكومة التركية» does).
EN_DEMONYMS = {
    "FR": ["French"], "TR": ["Turkish"], "NL": ["Dutch"], "ES": ["Spanish", "Spaniard*"],
    "PT": ["Portuguese"], "SE": ["Swedish", "Swede*"], "DK": ["Danish", "Dane*"], "NO": ["Norwegian*"],
    "FI": ["Finnish", "Finn*"], "PL": ["Polish", "Pole*"], "IE": ["Irish"], "CH": ["Swiss"],
    "BE": ["Belgian*"], "GR": ["Greek*"], "CN": ["Chinese"], "LB": ["Lebanese"], "SO": ["Somali*"],
    "CY": ["Cypriot*"], "PH": ["Filipin*", "Philippine*"], "NE": ["Nigerien*"], "SA": ["Saudi*"],
    "US": ["American*"], "GB": ["British", "Briton*"], "AE": ["Emirati*"], "CI": ["Ivorian*"],
    "KR": ["Korean*"], "KP": ["Korean*"], "ZA": ["South African"], "NZ": ["New Zealander"],
    "LK": ["Sri Lankan"], "MZ": ["Mozambican*"], "TH": ["Thai"], "VN": ["Vietnamese"],
    "LA": ["Lao"], "AF": ["Afghan*"], "UZ": ["Uzbek*"], "KZ": ["Kazakh*"], "TJ": ["Tajik*"],
    "TM": ["Turkmen*"], "KG": ["Kyrgyz*"], "MG": ["Malagasy"], "MV": ["Maldivian*"],
    "KM": ["Comorian*"], "SL": ["Sierra Leonean"], "BF": ["Burkinabe"], "GW": ["Bissau-Guinean"],
    "SS": ["South Sudanese"], "PS": ["Palestinian*"], "BA": ["Bosnian*"], "MK": ["Macedonian*"],
    "IL": ["Israeli*"], "MA": ["Moroccan*"], "IT": ["Italian*"], "UA": ["Ukrainian*"],
    "HU": ["Hungarian*"], "DE": ["German*"], "RU": ["Russian*"], "SY": ["Syrian*"],
    "SD": ["Sudanese"], "CD": ["Congolese"], "CG": ["Congolese"], "TL": ["Timorese"],
    "CV": ["Cabo Verdean", "Cape Verdean"], "SR": ["Surinamese"], "GY": ["Guyanese"],
    "BN": ["Bruneian*"], "TD": ["Chadian*"],
}
# Arabic adjectives («البريطاني») of names that are not one word.
AR_DEMONYMS = {
    "US": ["أمريكي", "أميركي"], "GB": ["بريطاني"], "AE": ["إماراتي"], "SA": ["سعودي"],
    "KR": ["كوري"], "KP": ["كوري"], "RU": ["روسي"], "SY": ["سوري"], "PS": ["فلسطيني"],
    "ZA": ["جنوب أفريقي"], "SS": ["جنوب سوداني"], "CD": ["كونغولي"], "CG": ["كونغولي"],
    "CI": ["إيفواري"], "AT": ["نمساوي"], "CZ": ["تشيكي"], "IR": ["إيراني"], "BN": ["بروني"],
    "LA": ["لاوي"], "TZ": ["تنزاني"], "MD": ["مولدوفي"], "VN": ["فييتنامي", "فيتنامي"],
    "BO": ["بوليفي"], "VE": ["فنزويلي"], "ML": ["مالي"], "OM": ["عماني"], "TR": ["تركي"],
    "GW": ["غيني"], "KM": ["قمري"], "MV": ["مالديفي", "ملديفي"], "NE": ["نيجري"],
}

_TASHKEEL_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_LATIN_RE = re.compile("[A-Za-z]")


def clean(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    text = " ".join(text.split())
    if lang == "ar":
        text = _TASHKEEL_RE.sub("", text)
        text = text.replace("إتحاد", "اتحاد")
        text = re.sub(r"\s+و\s+", " و", text)  # "البوسنة و الهرسك" -> "البوسنة والهرسك"
    else:
        if text.lower().startswith("the "):
            text = text[4:]
        text = text.replace(" & ", " and ").replace("St. ", "Saint ")  # CLDR "St. Kitts & Nevis"
    return text


def match_key(text: str) -> str:
    """The normalised form used to drop duplicate variants."""
    return normalize(text.lstrip("~="))


def slugify(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def ok_variant(text: str, lang: str) -> bool:
    if not text or "," in text or "،" in text:  # "Korea, Republic of": inverted index forms
        return False
    if lang == "ar":
        return bool(_ARABIC_RE.search(text)) and not _LATIN_RE.search(text)
    return not _ARABIC_RE.search(text)


def add_variant(variants: list[str], text: str, lang: str, drop: set[str]) -> None:
    if text is None:
        return
    text = clean(text, lang)
    if not ok_variant(text, lang) or text in drop:
        return
    key = match_key(text)
    if all(match_key(v) != key for v in variants):
        variants.append(text)


def generate_states() -> list[dict]:
    import pycountry
    from babel import Locale

    en_loc, ar_loc = Locale("en"), Locale("ar")
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows = []
    for code in UN_MEMBERS + UN_OBSERVERS:
        c = pycountry.countries.get(alpha_2=code)
        drop = DROP.get(code, set())
        un_en, un_ar = UN_NAMES[code]
        en: list[str] = []
        ar: list[str] = []
        add_variant(en, un_en, "en", drop)
        add_variant(en, en_loc.territories.get(code), "en", drop)
        for attr in ("name", "common_name", "official_name"):
            add_variant(en, getattr(c, attr, None), "en", drop)
        add_variant(ar, un_ar, "ar", drop)
        for v in list(ar):
            if "ديمقراطي" in v:
                add_variant(ar, v.replace("ديمقراطي", "ديموقراطي"), "ar", drop)
        add_variant(ar, ar_loc.territories.get(code), "ar", drop)
        for attr in ("name", "official_name"):
            val = getattr(c, attr, None)
            if val:
                add_variant(ar, tr.gettext(val), "ar", drop)
        tags = ["un-member" if code in UN_MEMBERS else "un-observer"]
        if code in OIC_MEMBERS:
            tags.append("oic-member")
        if code in UNSC_PERMANENT:
            tags.append("unsc-permanent")
        slug = SLUGS.get(code) or slugify(en_loc.territories.get(code) or un_en)
        rows.append(
            {"id": f"state-{slug}", "category": "state", "en": en, "ar": ar, "tags": tags, "src": "gen", "code": code}
        )
    return rows


def read_manual(path: Path) -> list[dict]:
    rows = []
    header = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        if len(cols) not in (4, 5):
            sys.exit(f"{path}:{lineno}: expected 4 or 5 columns, got {len(cols)}")
        tid, cat, en, ar = (c.strip() for c in cols[:4])
        tags = [t.strip() for t in cols[4].split(",") if t.strip()] if len(cols) == 5 else []
        rows.append(
            {
                "id": tid,
                "category": cat,
                "en": [v.strip() for v in en.split("|") if v.strip()],
                "ar": [v.strip() for v in ar.split("|") if v.strip()],
                "tags": tags,
                "line": lineno,
            }
        )
    return rows


def merge(generated: list[dict], manual: list[dict]) -> list[dict]:
    by_id = {r["id"]: r for r in generated}
    order = [r["id"] for r in generated]
    for m in manual:
        where = f"{MANUAL}:{m['line']}"
        if m["id"] in by_id:
            row = by_id[m["id"]]
            if row.get("src") != "gen":
                sys.exit(f"{where}: duplicate id {m['id']!r}")
            if m["category"] != row["category"]:
                sys.exit(f"{where}: category {m['category']!r} differs from generated {row['category']!r}")
            row["src"] = "gen+manual"
            for lang in ("en", "ar"):
                for v in m[lang]:
                    if v.startswith("!"):
                        target = match_key(v[1:])
                        before = len(row[lang])
                        row[lang] = [x for x in row[lang] if match_key(x) != target]
                        if len(row[lang]) == before:
                            sys.exit(f"{where}: nothing to remove for {v!r}")
                        continue
                    weak = v.startswith("~")
                    key = match_key(v.lstrip("~"))
                    existing = [x for x in row[lang] if match_key(x.lstrip("~")) == key]
                    if existing:
                        if weak != existing[0].startswith("~"):
                            sys.exit(f"{where}: {v!r} already present as {existing[0]!r}")
                        continue
                    row[lang].append(v)
            for t in m["tags"]:
                if t not in row["tags"]:
                    row["tags"].append(t)
        else:
            m["src"] = "manual"
            by_id[m["id"]] = m
            order.append(m["id"])
    rows = [by_id[i] for i in order]
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    for r in rows:
        if r["category"] not in rank:
            sys.exit(f"{r['id']}: unknown category {r['category']!r}")
        for lang in ("en", "ar"):
            if not [v for v in r[lang] if not v.startswith("~")]:
                sys.exit(f"{r['id']}: no {lang} variant")
    rows.sort(key=lambda r: (rank[r["category"]], r["id"]))
    return rows


def en_prefixes(name: str) -> list[str]:
    """Wildcards for the adjective of a one-word English name ("Syria" -> "Syria*")."""
    if " " in name or "-" in name or not name.isalpha():
        return []
    out = [name]
    if name[-1] in "yeo" and len(name) > 4:
        out.append(name[:-1])  # Italy -> Ital*, Ukraine -> Ukrain*, Morocco -> Morocc*
    elif name[-1] == "a" and len(name) > 6:
        out.append(name[:-1])  # Argentina -> Argentin* (Argentine)
    if name.endswith("istan"):
        out.append(name[:-5])  # Afghanistan -> Afghan*, Uzbekistan -> Uzbek*
    elif name.endswith("stan"):
        out.append(name[:-4])  # Kazakhstan -> Kazakh*
    return [p + "*" for p in out if len(p) >= 4]


def ar_nisba(name: str) -> list[str]:
    """Adjective forms («العراقي», «عراقية») of a one-word Arabic state name."""
    if " " in name or "(" in name:
        return []
    stem = name[2:] if name.startswith("ال") else name
    if stem.endswith("يا"):
        stem = stem[:-2]  # سوريا -> سوري
    elif stem.endswith(("ا", "ة")):
        stem = stem[:-1]  # فرنسا -> فرنسي
    if len(stem) < 3:
        return []
    return ar_adjective(stem)


def ar_adjective(stem: str) -> list[str]:
    if stem.endswith("ي"):
        stem = stem[:-1]
    words = stem.split()
    head, last = " ".join(words[:-1]), words[-1]
    out = []
    for suffix in ("ي", "ية", "يين", "يون"):
        for art in ("ال", ""):
            out.append((head + " " if head else "") + art + last + suffix)
    return out


def add_demonyms(rows: list[dict], codes: dict[str, str]) -> None:
    by_id = {r["id"]: r for r in rows}
    for code, tid in codes.items():
        row = by_id[tid]
        en_weak: list[str] = []
        for v in row["en"]:
            if not v.startswith(("~", "=")):
                en_weak += en_prefixes(v)
        en_weak += [d if d.endswith("*") else d for d in EN_DEMONYMS.get(code, [])]
        ar_weak: list[str] = []
        for v in row["ar"]:
            if not v.startswith(("~", "=")):
                ar_weak += ar_nisba(v)
        for stem in AR_DEMONYMS.get(code, []):
            ar_weak += ar_adjective(stem)
        en_keys = {match_key(v) for v in row["en"]}
        wild = [w[:-1] for w in en_weak if w.endswith("*")]
        # a wildcard subsumed by a shorter one adds nothing ("Palestinian*" after "Palestin*")
        en_weak = [
            w for w in en_weak
            if not (w.endswith("*") and any(p != w[:-1] and w.startswith(p) for p in wild))
        ]
        for w in dict.fromkeys(en_weak):
            if w.endswith("*") or match_key(w) not in en_keys:
                row["en"].append("~" + w)
        ar_keys = {match_key(v) for v in row["ar"]}
        for w in dict.fromkeys(ar_weak):
            if match_key(w) not in ar_keys:
                ar_keys.add(match_key(w))
                row["ar"].append("~" + w)


def render(rows: list[dict]) -> str:
    import babel
    import pycountry

    try:
        from importlib.metadata import version

        pyc_version = version("pycountry")
    except Exception:  # pragma: no cover
        pyc_version = getattr(pycountry, "__version__", "?")
    lines = [
        "# Bilingual glossary for `align` (Arabic <-> English official resolutions).",
        "# GENERATED by scripts/build_glossary.py from scripts/glossary_manual.tsv,",
        f"# Babel {babel.__version__} (CLDR) and pycountry {pyc_version}: do not edit by hand.",
        "# Format: see align/data/GLOSSARY.md. Variants separated by '|', first preferred;",
        "# '~variant' = weak (counts as presence, never reported on its own); '=variant' = exact",
        "# word forms; 'Word*' = English prefix wildcard. Tags: oic-member, un-member, ...",
        "id\tcategory\ten\tar\ttags",
    ]
    for r in rows:
        lines.append("\t".join([r["id"], r["category"], "|".join(r["en"]), "|".join(r["ar"]), ",".join(r["tags"])]))
    return "\n".join(lines) + "\n"


def build() -> str:
    states = generate_states()
    codes = {r["code"]: r["id"] for r in states}
    rows = merge(states, read_manual(MANUAL))
    add_demonyms(rows, codes)
    return render(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if align/data/glossary.tsv is not up to date")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run scripts/build_glossary.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    n = sum(1 for line in text.splitlines()[1:] if line and not line.startswith("#")) - 1
    print(f"wrote {args.output} ({n} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
