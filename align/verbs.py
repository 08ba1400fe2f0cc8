"""Operative and preambular verbs of resolutions, mapped to one English class lemma.

A class groups the verbs that official Arabic and English texts use for each
other: «يؤكد» is rendered "affirms", "emphasizes" or "stresses", so all of them
give ``affirm``; «يدين» and "condemns" both give ``condemn``. The lemma is what
the report's ``verb`` field holds and what the verb check compares.
"""

from __future__ import annotations

import re

from .normalize import normalize

VERBS_VERSION = "verbs-1"

# lemma -> (English base forms, Arabic present-tense forms (3rd person masculine), Arabic past forms)
_LEXICON: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "condemn": (("condemn", "denounce", "deplore", "decry"),
                ("يدين", "يندد", "يشجب", "يستنكر"), ("أدان", "ندد", "شجب", "استنكر")),
    "welcome": (("welcome",), ("يرحب",), ("رحب",)),
    "call-upon": (("call", "invite", "appeal"), ("يدعو", "يهيب", "يناشد"), ("دعا", "أهاب", "ناشد")),
    "demand": (("demand",), ("يطالب",), ("طالب",)),
    "urge": (("urge", "exhort"), ("يحث",), ("حث",)),
    "request": (("request", "ask"), ("يطلب", "يرجو"), ("طلب", "رجا")),
    "decide": (("decide", "resolve"), ("يقرر",), ("قرر",)),
    "affirm": (("affirm", "reaffirm", "emphasize", "emphasise", "stress", "underline", "underscore",
                "assert", "confirm", "reiterate", "renew", "insist"),
               ("يؤكد", "يشدد", "يجدد", "يكرر", "يعيد"), ("أكد", "شدد", "جدد", "كرر", "أعاد")),
    "express": (("express", "voice", "regret"), ("يعرب", "يبدي", "يأسف"), ("أعرب", "أبدى", "أسف")),
    "commend": (("commend", "appreciate", "praise", "value", "salute", "pay", "thank", "applaud"),
                ("يشيد", "يثمن", "يقدر", "يثني", "يشكر", "يحيي"), ("أشاد", "ثمن", "قدر", "أثنى", "شكر", "حيا")),
    "reject": (("reject", "refuse", "repudiate"), ("يرفض",), ("رفض",)),
    "warn": (("warn", "caution"), ("يحذر",), ("حذر",)),
    "task": (("task", "mandate", "entrust", "instruct", "charge", "direct"),
             ("يكلف", "يوكل", "يعهد"), ("كلف", "أوكل", "عهد")),
    "support": (("support", "endorse", "back", "uphold"), ("يدعم", "يؤيد", "يساند"), ("دعم", "أيد", "ساند")),
    "hold-responsible": (("hold",), ("يحمل",), ("حمل",)),
    "recall": (("recall", "refer", "remember"), ("يشير", "يستذكر", "يذكر", "يستحضر"), ("أشار", "استذكر", "ذكر")),
    "note": (("note", "observe", "take"), ("يلاحظ", "يحيط"), ("لاحظ", "أحاط")),
    "recognize": (("recognize", "recognise", "acknowledge", "realize"),
                  ("يعترف", "يسلم", "يدرك", "يقر"), ("اعترف", "سلم", "أدرك", "أقر")),
    "encourage": (("encourage",), ("يشجع",), ("شجع",)),
    "consider": (("consider", "deem", "regard", "believe"), ("يعتبر", "يرى"), ("اعتبر", "رأى")),
    "declare": (("declare", "announce", "proclaim"), ("يعلن",), ("أعلن",)),
    "concern": (("concern", "alarm", "worry", "disturb"), ("يقلق", "يساور"), ("أقلق", "ساور")),
    "adopt": (("adopt", "approve"), ("يعتمد", "يوافق"), ("اعتمد", "وافق")),
    "bear-in-mind": (("bear",), ("يضع",), ("وضع",)),
    "guide": (("guide",), ("يسترشد",), ("استرشد",)),
    "commit": (("commit", "pledge", "undertake"), ("يتعهد", "يلتزم"), ("تعهد", "التزم")),
    "convince": (("convince",), ("يقتنع",), ("اقتنع",)),
    "authorize": (("authorize", "authorise"), ("يأذن",), ("أذن",)),
    "recommend": (("recommend",), ("يوصي",), ("أوصى",)),
    "invite-attention": (("draw",), ("يسترعي", "يلفت"), ("استرعى", "لفت")),
}

_IRREGULAR_EN = {"hold": ("held", "holding"), "take": ("took", "taking", "taken"), "pay": ("paid", "paying"),
                 "bear": ("bore", "bearing", "borne"), "draw": ("drew", "drawing"),
                 "undertake": ("undertook", "undertaking")}


def _english_forms(base: str) -> dict[str, str]:
    """Inflected forms of an English verb: form -> "present", "past", "participle" or "base"."""
    forms = {}
    if base.endswith(("s", "sh", "ch", "x")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    forms[third] = "present"
    forms[base] = "base"
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    elif base in {"regret", "commit", "refer", "pledge"} and not base.endswith("e"):
        past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    forms[past] = "past"
    forms[ing] = "participle"
    for irregular in _IRREGULAR_EN.get(base, ()):
        forms[irregular] = "participle" if irregular.endswith("ing") else "past"
    return forms


ENGLISH_VERBS: dict[str, tuple[str, str]] = {}
"""Lower-case English form -> (lemma, "present" | "past" | "participle" | "base")."""
for _lemma, (_en, _, _) in _LEXICON.items():
    for _base in _en:
        for _form, _kind in _english_forms(_base).items():
            ENGLISH_VERBS.setdefault(_form, (_lemma, _kind))
# Preambular adjectives and participles whose regular form would read as finite.
ENGLISH_VERBS.update({
    "aware": ("recognize", "participle"), "mindful": ("recognize", "participle"),
    "conscious": ("recognize", "participle"), "concerned": ("concern", "participle"),
    "alarmed": ("concern", "participle"), "convinced": ("convince", "participle"),
    "guided": ("guide", "participle"), "determined": ("decide", "participle"),
})

ARABIC_PRESENT: dict[str, str] = {}
"""Normalised Arabic present-tense form (ي/ت) -> lemma."""
ARABIC_PAST: dict[str, str] = {}
"""Normalised Arabic past-tense form (masculine and feminine) -> lemma."""
for _lemma, (_, _present, _past) in _LEXICON.items():
    for _form in _present:
        key = normalize(_form)
        ARABIC_PRESENT.setdefault(key, _lemma)
        ARABIC_PRESENT.setdefault("ت" + key[1:], _lemma)
        ARABIC_PRESENT.setdefault("ن" + key[1:], _lemma)  # "we" forms of declarations
    for _form in _past:
        key = normalize(_form)
        ARABIC_PAST.setdefault(key, _lemma)
        ARABIC_PAST.setdefault(key + "ت", _lemma)

_ARABIC_CLITICS = ("و", "ف")
_ARABIC_SUFFIXES = ("هما", "ها", "هم", "هن", "ه", "كم", "نا")  # object pronouns: «يطالبها»


def arabic_verb(token: str, *, present_only: bool = False) -> str | None:
    """Lemma of an Arabic verb token (normalised or not), allowing a leading و or ف."""
    key = normalize(token)
    candidates = [key] + [key[1:] for c in _ARABIC_CLITICS if key.startswith(c) and len(key) > 3]
    candidates += [c[: -len(s)] for c in list(candidates) for s in _ARABIC_SUFFIXES
                   if c.endswith(s) and len(c) - len(s) >= 3]
    for candidate in candidates:
        if candidate in ARABIC_PRESENT:
            return ARABIC_PRESENT[candidate]
        if not present_only and candidate in ARABIC_PAST:
            return ARABIC_PAST[candidate]
    return None


def english_verb(token: str) -> tuple[str, str] | None:
    """(lemma, form kind) of an English verb token, or None (see :data:`ENGLISH_VERBS`)."""
    return ENGLISH_VERBS.get(token.lower())


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
