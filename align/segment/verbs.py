"""Operative and preambular verbs of resolutions, mapped to one English class lemma.

A class groups the verbs that official Arabic and English texts use for each
other: «يؤكد» is rendered "affirms", "emphasizes" or "stresses", so all of them
give ``affirm``; «يدين» and "condemns" both give ``condemn``. The lemma is what
the report's ``verb`` field holds and what the verb check compares.
"""

from __future__ import annotations

import re

from align.text.normalize import normalize

VERBS_VERSION = "verbs-3"

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
    "express": (("express", "voice"), ("يعرب", "يبدي"), ("أعرب", "أبدى")),
    "regret": (("regret", "deplore"), ("يأسف",), ("أسف",)),
    "commend": (("commend", "appreciate", "praise", "value", "salute", "pay", "thank", "applaud"),
                ("يشيد", "يثمن", "يقدر", "يثني", "يشكر", "يحيي"), ("أشاد", "ثمن", "قدر", "أثنى", "شكر", "حيا")),
    "reject": (("reject", "refuse", "repudiate"), ("يرفض",), ("رفض",)),
    "warn": (("warn", "caution"), ("يحذر",), ("حذر",)),
    "task": (("task", "mandate", "entrust", "instruct", "charge", "direct"),
             ("يكلف", "يوكل", "يعهد"), ("كلف", "أوكل", "عهد")),
    "support": (("support", "back", "uphold"), ("يدعم", "يؤيد", "يساند"), ("دعم", "أيد", "ساند")),
    "hold-responsible": (("hold",), ("يحمل",), ("حمل",)),
    "recall": (("recall", "refer", "remember"), ("يشير", "يستذكر", "يذكر", "يستحضر"), ("أشار", "استذكر", "ذكر")),
    "note": (("note", "observe", "take"), ("يلاحظ", "يحيط"), ("لاحظ", "أحاط")),
    "recognize": (("recognize", "recognise", "acknowledge", "realize"),
                  ("يعترف", "يسلم", "يدرك"), ("اعترف", "سلم", "أدرك")),
    # «يقر» has two accepted senses: it endorses or approves, and it recognizes or acknowledges
    "endorse": (("endorse",), ("يقر",), ("أقر",)),
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

# Families of verb classes: a pair whose verbs fall in different families says something else.
VERB_FAMILIES: dict[str, str] = {
    **dict.fromkeys(("welcome", "commend", "support", "encourage", "adopt", "authorize", "recommend"), "approving"),
    **dict.fromkeys(("condemn", "reject", "warn", "regret"), "disapproving"),
    "concern": "worrying",  # "expresses concern" is no rejection: «يعرب عن القلق» / "Rejects concern" is a flip
    **dict.fromkeys(("call-upon", "urge", "request", "demand", "task", "decide", "invite-attention"),
                    "directing"),
    **dict.fromkeys(("affirm", "recognize", "note", "recall", "consider", "declare", "bear-in-mind", "guide",
                     "convince", "commit"), "stating"),
    "hold-responsible": "holding-responsible",
    "express": "expressing",
    "endorse": "endorsing",
}
# «أعرب عن إدانته» is "expressed its condemnation" or "condemned": expressing goes with its object.
# «يقر» endorses (approving) or recognizes (stating): either rendering is faithful.
_COMPATIBLE = {("expressing", "disapproving"), ("expressing", "approving"), ("expressing", "stating"),
               ("expressing", "worrying"), ("endorsing", "approving"), ("endorsing", "stating")}


_EXPRESSED = {  # what «يعرب عن …» / "expresses its …" expresses, by the noun that follows
    "condemn": ("ادان", "استنكار", "شجب", "تنديد", "condemnation", "outrage", "indignation"),
    "concern": ("قلق", "انزعاج", "concern", "alarm", "anxiety"),
    "commend": ("تقدير", "امتنان", "شكر", "ثناء", "appreciation", "gratitude", "thanks", "recognition"),
    "welcome": ("ترحيب", "welcome", "satisfaction", "ارتياح"),
    "support": ("تاييد", "دعم", "تضامن", "support", "solidarity"),
    "reject": ("رفض", "rejection", "opposition"),
    "regret": ("اسف", "استياء", "regret", "dissatisfaction", "dismay", "disappointment"),
}


def expressed(text: str, verb: str | None) -> str | None:
    """For the verb ``express``, the class of what is expressed («أعرب عن إدانته» → condemn), else ``verb``."""
    if verb != "express":
        return verb
    key = normalize(text)[:160].lower()
    at = min((key.find(w) for w in ("يعرب", "تعرب", "اعرب", "ابدى", "يبدي", "express") if w in key), default=-1)
    window = key[at:at + 70] if at >= 0 else key[:70]
    found = [(window.find(normalize(w)), lemma) for lemma, words in _EXPRESSED.items() for w in words
             if normalize(w) in window]
    return min(found)[1] if found else verb


_OPPOSED = {("approving", "disapproving"), ("endorsing", "disapproving"), ("approving", "worrying")}


def verbs_opposed(ar_lemma: str, en_lemma: str) -> bool:
    """Whether two verb classes take opposite stands (welcomes against condemns or rejects, endorses against
    rejects, welcomes against is concerned): a flip of meaning, not a freer wording."""
    a, e = VERB_FAMILIES.get(ar_lemma, ar_lemma), VERB_FAMILIES.get(en_lemma, en_lemma)
    return (a, e) in _OPPOSED or (e, a) in _OPPOSED


def verbs_compatible(ar_lemma: str, en_lemma: str) -> bool:
    """Whether an Arabic and an English verb class may render each other."""
    if ar_lemma == en_lemma:
        return True
    a, e = VERB_FAMILIES.get(ar_lemma, ar_lemma), VERB_FAMILIES.get(en_lemma, en_lemma)
    return a == e or (a, e) in _COMPATIBLE or (e, a) in _COMPATIBLE
