"""Surface markers the checks look for: negation, script, document symbols' skeletons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.text.normalize import fold_digits, normalize, normalize_with_map

# Negators, on normalised Arabic. Strong ones negate a verb or a sentence; weak ones make a negative
# noun or adjective («غير القانوني» "illegal", «بدون» "without") that English often renders with a prefix.
# «لا … إلا», «ليس … سوى» ("only"), «ليس فحسب» ("not only"), «ولا سيما» ("in particular"), «لا يزال»
# ("still"), «لا يكاد» ("barely") are not negations, nor the idioms
# English renders without one: «جزء لا يتجزأ» (integral), «لا غنى عنه» (indispensable), «لا يقل عن» (at least),
# «لا يتجاوز» (no later than, up to), «لا شك» (undoubtedly), «لا الحصر» (inter alia), «لا داعي له»
# (unnecessary), «لا لبس فيه» (unambiguous), «لا طائل منه» (futile), «لا غير» (only), «لا يعد ولا يحصى»
# (countless), «لا يدع مجالا للشك» (leaves no doubt). «تعذر» (it was not possible) and «إن لم يكن» (if not)
# are weak. «إلا أن» is "however", not the exceptive. «ولا» before a noun and "nor" before a noun coordinate
# with the negation before them («لا حاجة ولا استعداد», "neither … nor"): one negation.
_AR_NEGATION = re.compile(r"(?<![\u0621-\u064a])(?:و|ف)?"
                          r"(?P<strong>لا(?!\s+م[\u0621-\u064a]{3,})|لم|لن|ليس|ليست|ليسوا|ليسا|لست|لسنا|لستم"
                          r"|لستما|لستن)"
                          r"(?![\u0621-\u064a])"
                          r"|(?<![\u0621-\u064a])(?:و|ف)?(?:ب|ل|من )?"
                          r"(?P<weak>عدم|غير|دون|بدون|[يت]?تعذر|(?:ال)?متعذر|[يت]فتقر(?:ون|ان)?|(?:ال)?افتقار"
                          r"|(?:ال)?مستحيل(?:ه|ا)?|[يت]ستحيل|(?:ال)?استحاله"  # impossible
                          r"|(?:[يت]?عجز(?:ت|وا|ون)?|عاجز(?:ه|ون|ين|ا)?)"  # unable to
                          r"(?=(?:\s+\S+){0,4}?\s+عن(?![\u0621-\u064a]))"
                          r"|لا(?=\s+م[\u0621-\u064a]{3,}))"  # «لا متناهية», «لا مركزية»: a prefix, "in-", "de-"
                          r"(?![\u0621-\u064a])")
_AR_NOT_NEGATION = re.compile(r"^(?:سيما|[يتان]زال|يزالون|زال|زالت|بد|[يت]تجزا|غني|[يت]قل|[يت]تجاوز|شك|الحصر"
                               r"|داعي|لبس|طائل|غير|[يت]كاد|[يت]كادون|[يت]كد|[يتن]كتفي|[يت]عد ولا [يت]حصي|[يت]حصي"
                               r"|[يت](?:دع|ترك) مجالا|[يت]قتصر|[يت]نحصر|وهو|وهي|(?:ال)?شمل(?:ه|ها|هم|هما|هن|نا|كم)?"
                               r"|[يت]مض(?:ي)? (?:وقت|سوي|الا))(?![\u0621-\u064a])")
# «غير» and «دون» that make no negative: «غير أن» (however), «غير ذلك» (other than that), «في غير» (elsewhere
# than), «تحول دون» (prevent, rendered by a verb), «دون الإقليمي» (subregional), «دون سن» (under the age of).
_AR_WEAK_NOT_NEGATION = re.compile(r"^(?:ان(?:ه|ها|هم|هما|نا|ني)?|ذلك|هذا|هذه|هؤلاء|تلك|خاف)(?![\u0621-\u064a])")
_AR_BELOW = re.compile(r"^(?:ال)?(?:اقليمي|اقليميه|وطني|وطنيه|سن|مستوى|حد|متوسط|صفر)(?![\u0621-\u064a])")
_AR_OTHER_THAN = re.compile(r"(?<![\u0621-\u064a])(?:في|من)\s*$")
_AR_PREVENT = re.compile(r"(?<![\u0621-\u064a])(?:[يت]حول|الحيلوله|للحيلوله|حال|حالت|[يت]حولان)\s*$")
_REACH_WORDS = 12  # «ليس/لم … سوى», «ليس … فحسب»: words between the negation and its «سوى», «فحسب»
_CLAUSE_REACH_WORDS = 25  # ... or, with no punctuation between them, this many
_AR_EXCEPT = re.compile(r"(?<![\u0621-\u064a])الا(?![\u0621-\u064a])(?!\s*(?:ان|انه|انها|انهم|انهما|اننا|انني)(?![\u0621-\u064a]))")
# after «لا», anywhere in the clause; «إلا أن» is "however", not "only"
_AR_EXCEPT_NEAR = re.compile(r"^(?:\S+\s+){0,%d}?(?:الا(?!\s*(?:اذا|ان|انه|انها|انهم)(?![\u0621-\u064a]))|سوي)"
                             r"(?![\u0621-\u064a])" % _REACH_WORDS  # after the others; further within one clause
                             + r"|^(?:[^\s،؛.:؟!,;?]+\s+){0,%d}?"
                               r"(?:الا(?!\s*(?:اذا|ان|انه|انها|انهم)(?![\u0621-\u064a]))"
                               r"|سوي)(?![\u0621-\u064a])" % _CLAUSE_REACH_WORDS  # «لم يجرم … إلا تسعة بلدان»
                             + r"|^(?:\S+\s+){0,6}?(?<!فيما )(?:عدا|باستثناء)(?![\u0621-\u064a])")  # «أي دعم عدا»: only
# «ليس فحسب … بل» "not only … but": with its «بل», as English "not just" is "not only" with its "but" («ليست تجربتي
# فقط» is "not just my experience")
_AR_NOT_ONLY = re.compile(r"^(?:\S+\s+){0,%d}?(?:ف|و)?(?:فحسب|فقط|حسب)(?![\u0621-\u064a])"
                          r"(?=.*(?<![\u0621-\u064a])(?:بل|و?انما|و?لكن|ايضا|كذلك)(?![\u0621-\u064a]))" % _REACH_WORDS)
_AR_IF_NOT = re.compile(r"(?<![\u0621-\u064a])(?:و)?ان\s*$")  # «إن لم يكن»
_AR_WORTH_MENTIONING = re.compile(r"^(?:\S+\s+){1,3}?[يت]ذكر(?![\u0621-\u064a])")
_AR_WHAT_NOT = re.compile(r"(?<![\u0621-\u064a])(?:و|ف)?ما\s*$")  # «ما لم» "unless"
_AR_OR_NOT = re.compile(r"(?<![\u0621-\u064a])(?:ام|او)\s*$")  # «سواء … أم لا», «ما إذا … أم لا»: "whether or not"
# «أم لم تكن -», «أم لم يكونوا.»: "or not"
_AR_BE_ALONE = re.compile(r"(?:[يت]كونوا|[يت]كونا|[يت]كن)(?![\u0621-\u064a])\s*(?:[^\s\u0621-\u064a]|$)")
_AR_NO = re.compile(r"(?<![\u0621-\u064a])(?:و|ف)?كلا(?=\s*[،,.!؟?:؛])")  # «كلا،» "No," (not «كلا الطرفين» "both")
# Words glued by a lost space («لميخبرهاأحدأبدًا»): a run longer than any Arabic word may hide a negator, so a
# run that holds one is a weak negation (it can render the other side's, never raise a finding of its own).
_AR_GLUED = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f]{16,}")
_AR_GLUED_NEGATOR = re.compile(r"لا|لم|لن|ليس")
# «ما كانت لتصل إليهم» "she may not have reached them": «ما كان» with «ل» before a verb (not «ما كان له», "what he had")
_AR_WAS_NOT = re.compile(r"(?<![\u0621-\u064a])[وف]?ما (?=(?:كان|كانت|كانوا|كانا|كنت|كنا)(?: \S+){0,2}? "
                         r"ل[يتن][\u0621-\u064a]{2,})")
_THAT_NOT_ALEF = re.compile(r"(?<![\u0621-\u064a])((?:و|ف)?(?:ب|ل)?)أ(?=لا(?![\u0621-\u064a]))")
# «ينبغي ألا» (that … not), «لئلا», «لكيلا», «كيلا» (so that … not): a negation fused into its conjunction
_AR_THAT_NOT = re.compile(r"(?<![\u0621-\u064a])(?:و|ف)?(?:ب|ل)?(?:ألا|لئلا|لكيلا|كيلا)(?![\u0621-\u064a])")
# «لا» written solid with the verb it negates («لايجوز», «لايمكن»): «لا» with a bare alef before a third-person
# imperfect, at the start of a word (with «و» before it, «ولاية» "mandate" would read as one). «لإيجاد», «لإيران»
# (the preposition «ل» and a word in «إي») carry their hamza; text that drops it is read as it is written.
_AR_SOLID_NOT = re.compile(r"(?<![\u0621-\u064a])لا(?=ي[\u0621-\u064a\u064b-\u065f]{3,})")
# Negative adjectives and nouns made with a prefix. "un-" is productive, so any "un…" word counts but for
# the words that merely start with those letters; "in-", "il-", "ir-", "im-" and "dis-" start far more words
# that negate nothing (information, investigation, Ireland, impact), so only known negative stems count.
_EN_NEGATIVE_PREFIXED = (
    r"un(?!der|i[tvfqsoca]|til|less|to|cle(?!ar)|ce)[a-z]{3,}"
    r"|in(?:ept\w*|ability|accessib\w*|accura\w*|action|active\w*|adequa\w*|admissib\w*|appropriate\w*|capab\w*|"
    r"compatib\w*|complete\w*|consisten\w*|correct\w*|decision|dependent|direct\w*|discriminat\w*|"
    r"effective\w*|efficien\w*|eligib\w*|equalit\w*|equit\w*|evitab\w*|experience\w*|formal\w*|human\w*|"
    r"justice\w*|secur\w*|sensitiv\w*|sufficien\w*|toleran\w*|valid\w*|visib\w*|voluntar\w*|alienab\w*|"
    r"divisib\w*|conceivab\w*|credib\w*|exorab\w*|famous|frequent\w*|nocen\w*|operab\w*|hospitab\w*)"
    r"|il(?:legal\w*|legitima\w*|licit\w*|litera\w*|logical\w*)"
    r"|ir(?:regular\w*|respons\w*|reversib\w*|relevan\w*|respective\w*|rational\w*|reparab\w*|replaceab\w*)"
    r"|im(?:balance\w*|mobil\w*|moral\w*|partial\w*|patien\w*|possib\w*|proper\w*|punity|permissib\w*|"
    r"practical\w*|mature)"
    r"|dis(?:abilit\w*|abled|advantage\w*|agree\w*|approv\w*|honest\w*|satisf\w*|trust\w*|regard\w*|respect\w*)"
    r"|i[nmrl][a-z]{3,}(?:able|ably|ible|ibly)")  # impenetrable, indisputable, invincible, incredibly
_EN_NOT_PREFIXED = frozenset("""unilateral unilaterally unilateralism unanimous unanimously unleash unleashed
unleashing unseat uncover uncovered uncovers unsheathed unearth unearthed unfold unfolding unfolded unveil unveiled
unpack unlock unlocked unroll""".split())
_EN_NEGATION = re.compile(r"\b(?:(?P<strong>not|no(?!-[a-z]| matter\b)|never|nor|neither|none|nothing|nobody|cannot)|"
                          r"(?P<weak>without|unless|no matter|(?:does|do|did)(?:n't| not) (?:really |much )?matter"
                          r"(?= (?:what|who|whom|whose|which|how|whether|if|where|when)\b)|"
                          r"hardly|scarcely|barely|seldom|rarely|rather than|instead of|yet to|"
                          r"fall(?:s|ing)? short|fell short|far from|"
                          r"baseless|groundless|(?:is|are|was|were|remains?|remained) silent|"
                          r"no-[a-z]+|lack\w*|absen(?:ce|t)|devoid|fail(?:s|ed|ing|ures?)?|"
                          r"non-?(?!e\b|etheless|sense)[a-z]\w*|" + _EN_NEGATIVE_PREFIXED + r"))\b"
                          r"|(?P<contracted>n't)\b", re.I)
_EN_NOT_NEGATION = re.compile(r"(?:\b|(?=n't))(?:not only|no later than|not later than|no\.(?=\s*\d)|"
                              r"(?-i:No)\.(?=\s*$)|not least|no less than|not less than|no fewer than|"
                              r"not fewer than|not exceeding|not limited to|no doubt|nothing but|not to mention|"
                              r"whether or not|not to exceed|not far from|never more so than|"
                              r"or not(?=\s*(?:[,.;:!?\"'’)]|$))|"  # "whether members or not:" («أم لا»)
                              r"cannot but|can not but|can't but|"
                              r"not (?:\w+ ){0,3}(?:just|merely|simply|solely)(?=[^;:.]*\bbut\b)|"
                              # "couldn't help thinking" («لم يسعني إلا التفكير»), "not long after", "not guilty"
                              r"(?:can|could|ca)(?:not|n't| not) help|not long (?:after|before|ago)|not guilty)", re.I)
# "did not hear until" («لم تسمع إلا بعد», «لم تسمع حتى»), "no excuse other than" («لم تقدم أي عذر سوى»), "cannot be
# called anything but" («لا يمكن تسميته بأي شيء عدا»): "only" in a negation's clothes, a weak negation
_EN_ONLY_AFTER = re.compile(r"^(?: \w+){0,6}? (?:until|other than|except|anything but)\b", re.I)
_EN_WARN_NOT = re.compile(r"\bwarn\w*(?: \w+){0,3}? $", re.I)  # "warned the girl not to look back": «حذرت من النظر»
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN = "A-Za-zÀ-ÖØ-öø-ɏ"  # with the accented letters of European names: "Rüdesheim", "Olmamış"
_LATIN_WORD = re.compile(rf"(?<![{_LATIN}0-9/.@_-])[{_LATIN}][{_LATIN}'’-]*(?![{_LATIN}0-9/@_])")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f\u0670]{2,}")
_URL_OR_SYMBOL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[A-Z]+(?:/[A-Za-z0-9.\-()]+)+"
                            r"|\b[\w-]+\.(?:com|org|net|int|gov|edu|info)\b")


@dataclass(frozen=True)
class Marker:
    text: str
    start: int
    end: int
    strong: bool = True
    coordinated: bool = False  # «ولا» before a noun, "nor" before a noun: one negation with an earlier one
    repeatable: bool = False  # ... «أو لم» before a second verb: one negation with it, or two in translation


def _negates_nothing(after: str) -> bool:
    """Whether a strong Arabic negation followed by ``after`` (normalised) is an idiom, «ليس … سوى» ("only") or
    «ليس … فحسب» ("not only")."""
    return bool(_AR_NOT_NEGATION.match(after) or _AR_NOT_ONLY.match(after) or _AR_EXCEPT_NEAR.match(after))


def _arabic_key(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised text and its offsets, with the «أ» of «ألا» ("that … not") kept apart from «إلا» ("except"):
    folding alef forms makes both «الا», and «يجب ألا يغضب» after «لم» is no «لم … إلا» ("only")."""
    return normalize_with_map(_THAT_NOT_ALEF.sub(r"\1ء", text))


def negations(text: str, lang: str) -> list[Marker]:
    """Negation markers of a clause, each strong (لا لم لن ليس / not, no, never) or weak
    (عدم غير دون / without, non-, un-, in-)."""
    if lang == "ar":
        key, offsets = _arabic_key(text)
        found = []
        for m in _AR_NEGATION.finditer(key):
            strong = m.group("strong") is not None
            after = key[m.end():].lstrip()
            if strong and (_negates_nothing(after)
                           or (m.group("strong") == "لا" and _AR_EXCEPT.search(key[m.end():]))):
                continue
            if _AR_OR_NOT.search(key[:m.start()]) and (
                    m.group("strong") == "لا" and not _ARABIC_LETTER.match(after)
                    or m.group("strong") == "لم" and _AR_BE_ALONE.match(after)):
                continue  # «أم لا», «أم لم تكن» "or not"
            if strong and _AR_WORTH_MENTIONING.match(after):
                strong = False  # «لم يتلق عونا يذكر» "little relief": a quantity, as "little", "hardly any"
            if m.group("strong") == "لم" and _AR_WHAT_NOT.search(key[:m.start()]):
                strong = False  # «ما لم» "unless"
            if m.group("strong") == "لم" and _AR_IF_NOT.search(key[:m.start()]) and after.startswith("يكن"):
                strong = False  # «إن لم يكن» "if not": a hedge, often rendered without a negation
            weak = m.group("weak")
            if (weak == "غير" and (_AR_WEAK_NOT_NEGATION.match(after) or _AR_OTHER_THAN.search(key[:m.start()]))
                    or weak == "دون" and (_AR_BELOW.match(after) or _AR_PREVENT.search(key[:m.start()]))):
                continue
            start, end = offsets[m.start()], offsets[m.end() - 1] + 1
            word = key[m.start():m.end()]  # «ولا» before a noun; «ليس فيه ما … وليس فيه ما» ("Nothing … or …")
            # «التي لم تصدق … أو لم تنضم» "that have not ratified or acceded", or "not … or … not"
            repeatable = (word in ("لم", "لا", "لن") and _AR_OR_NOT.search(key[:m.start()]) is not None
                          and re.search(rf"(?<![\u0621-\u064a])[وف]?{word}(?![\u0621-\u064a])", key[:m.start()])
                          is not None)
            coordinated = (word == "ولا" and not (_AR_VERB.match(after) and not _AR_VERBAL_NOUN.match(after))
                           or word in ("وليس", "وليست") and "ليس" in key[:m.start()] or repeatable)
            found.append(Marker(text[start:end], start, end, strong, coordinated, repeatable))
        for m in _AR_WAS_NOT.finditer(key):
            start, end = offsets[m.start()], offsets[m.end() - 2] + 1
            found.append(Marker(text[start:end], start, end, True))
        found += [Marker(m.group(), m.start(), m.end(), True) for m in _AR_THAT_NOT.finditer(text)
                  if not _negates_nothing(_arabic_key(text[m.end():])[0].lstrip())]
        found += [Marker(m.group(), m.start(), m.end(), True) for m in _AR_SOLID_NOT.finditer(text)
                  if not _negates_nothing(_arabic_key(text[m.end():])[0].lstrip())
                  and not _AR_EXCEPT.search(_arabic_key(text[m.end():])[0])]
        found += [Marker(m.group(), m.start(), m.end(), True) for m in _AR_NO.finditer(text)]
        found += [Marker(m.group(), m.start(), m.end(), False) for m in _AR_GLUED.finditer(text)
                  if _AR_GLUED_NEGATOR.search(normalize_with_map(m.group())[0])]
        return sorted(found, key=lambda marker: marker.start)
    masked = _EN_NOT_NEGATION.sub(lambda m: " " * len(m.group()), text)
    found = []
    for m in _EN_NEGATION.finditer(masked):
        if m.group("weak") and (m.group().isupper() or m.group().lower() in _EN_NOT_PREFIXED):
            continue  # UNDP, UNICEF, unilateral
        word = m.group().lower()
        # "… not going to forget it tomorrow and not in November", "couldn't …, not with …": the negation before
        # it, repeated; a translation may repeat it or not
        repeatable = (word == "not" and _EN_AND.search(masked[:m.start()]) is not None
                      and _EN_NOT_CLAUSE.match(masked[m.end():]) is not None)
        coordinated = word == "nor" and not _EN_AUXILIARY.match(masked[m.end():]) or repeatable
        strong = m.group("weak") is None and not (word == "not" and _EN_WARN_NOT.search(masked[:m.start()])
                                                  or word in ("not", "n't", "no", "nothing", "none", "cannot")
                                                  and _EN_ONLY_AFTER.match(masked[m.end():]))
        found.append(Marker(text[m.start():m.end()], m.start(), m.end(), strong, coordinated, repeatable))
    return found


_RENDERING_REACH = 0.35  # how far apart (share of each clause's length) a negation and its rendering may sit:
# «على ألا يكون له حق التصويت» closes the Arabic where "without vote" is mid-sentence


_AR_VERB = re.compile(r"^[يتن][\u0621-\u064a]{2,}")  # an imperfect verb: «ولا يلزم» negates a clause of its own
_AR_VERBAL_NOUN = re.compile(r"^ت[\u0621-\u064a]{2}ي[\u0621-\u064a]")  # ... but «ولا تخريجه», «ولا تطبيق»: nouns
_EN_AUXILIARY = re.compile(r"\s+(?:have|has|had|do|does|did|is|are|was|were|can|could|will|would|shall|should|may|"
                           r"might|must)\b", re.I)  # "nor have we": a clause of its own


_EN_AND = re.compile(r"(?:\band|\bor|,)\s*$", re.I)
_EN_NOT_CLAUSE = re.compile(r"\s+(?:in|on|at|for|by|with|from|about|under|after|before|the|a|an|this|that|these|"
                            r"those|only|now|then|yet|here|there)\b", re.I)


def _independent(strong: list[Marker]) -> list[Marker]:
    """Strong negations less those that coordinate with an earlier one: «لا حاجة ولا استعداد» against "no need
    or willingness", "neither … nor" against «لم»: one negation each."""
    return [m for k, m in enumerate(strong) if not (k and m.coordinated)]


def negation_differs(ar: list[Marker], en: list[Marker], ar_length: int, en_length: int) -> bool:
    """One side has more strong negations than the other, more than the weak negations of the other side
    that sit where a surplus negation does (at about the same share of the clause) can render: «لم تقبل»
    rendered "owing to the lack of", "not legal" rendered «غير قانوني» are one negation each way. Each weak
    negation of the side with more first takes the other side's nearest weak one (they render each other);
    only those left over can render a strong one. Negations that coordinate count once; a negation repeated
    after «أو» before a second verb counts once or twice, as the other side needs («لم تصدق … أو لم تنضم»
    against "have not ratified or acceded"). Measured precision and recall: docs/benchmarks.md."""
    strong = {"ar": _independent([m for m in ar if m.strong]), "en": _independent([m for m in en if m.strong])}
    # a negation repeated before a second verb may be repeated or not in translation: at most this many
    most = {side: len(strong[side]) + sum(m.strong and m.repeatable for m in markers)
            for side, markers in (("ar", ar), ("en", en))}
    weak = {"ar": [m for m in ar if not m.strong], "en": [m for m in en if not m.strong]}
    length = {"ar": max(ar_length, 1), "en": max(en_length, 1)}
    if len(strong["ar"]) <= most["en"] and len(strong["en"]) <= most["ar"]:
        return False
    more, other = ("ar", "en") if len(strong["ar"]) > most["en"] else ("en", "ar")

    def share(marker: Marker, side: str) -> float:
        return marker.start / length[side]

    free = list(weak[other])  # the other side's weak negations less those this side's weak ones render (the
    for w in weak[more]:      # nearest each: «عدم اتخاذ … دون أن» against "not to take … without")
        if free:
            free.remove(min(free, key=lambda v: abs(share(v, other) - share(w, more))))
    renderings = [w for w in free if any(abs(share(w, other) - share(s, more)) <= _RENDERING_REACH
                                         for s in strong[more])]
    return len(strong[more]) - most[other] > len(renderings)


def glued_letters(text: str) -> str | None:
    """An Arabic text whose words are glued by lost spaces (a run longer than any Arabic word: «مجلسالأمن
    التابعالأممالمتحدة»), normalised with every space taken out, for a name to be looked for in it; None for
    a text written with its spaces."""
    if not _AR_GLUED.search(text):
        return None
    return re.sub(r"\s+", "", normalize_with_map(text)[0])


def glued_to_a_word(variant: str, key: str) -> bool:
    """Whether an Arabic name (with its article) stands in ``key``, an Arabic text as :func:`normalize` gives
    it, glued to a word by a lost space: right after a word («رئيسالولايات المتحدة» "President of the United
    States") or right before one that has its article («الصينالآن» "China now"); its own spaces may be lost
    too. A word glued to a name is no word of the language, so neither is a longer word that merely holds the
    name's letters."""
    name = re.sub(r"\s+", "", normalize(variant))
    if len(name) < _GLUED_NAME_LETTERS or not name.startswith("ال"):
        return False
    letters = r"\s*".join(re.escape(c) for c in name)
    return re.search(rf"(?<=[\u0621-\u064a]{{2}}){letters}|{letters}(?=ال)", key) is not None


_GLUED_NAME_LETTERS = 5  # «الصين» and longer: a shorter name glued is too easily a part of another word
_EN_NAME_PARTICLE = re.compile(r"\bLa\b")  # "La Scala", "La Niña": «لا سكالا», «لا نينيا»
_NAME_NEGATION_CONSONANTS = 3  # «فليس» (F L S) may be "Fleiss"; «ليس» (L S) is too short to be told from "Lees"


def negations_in_names(ar_text: str, ar: list[Marker], en_text: str, en: list[Marker]
                       ) -> tuple[list[Marker], list[Marker]]:
    """Both sides' negations less the words that are part of a name: an English one the Arabic keeps in Latin
    script ("Deal or No Deal", "What Not to Wear" written so in the Arabic), as many Arabic «لا» before a
    word that is not a verb as the English has the particle "La" («باليه لا كامارغو» / "ballet La Camargo"),
    and an Arabic word that spells, consonant for consonant, a capitalised English word (three consonants at
    least: «السيد فليس» / "Mr. Fleiss"; not «ليس» against "Lees")."""
    kept = {m.group().lower() for m in _LATIN_WORD.finditer(ar_text)}
    en = [m for m in en if m.text.lower() not in kept]
    particles = len(_EN_NAME_PARTICLE.findall(en_text))
    names = {latin_skeleton(w.group()) for w in _LATIN_WORD.finditer(en_text) if w.group()[0].isupper()}
    out = []
    for m in ar:
        key = normalize_with_map(m.text)[0]
        if len(skeleton := arabic_skeleton(key)) >= _NAME_NEGATION_CONSONANTS and skeleton in names:
            continue
        after = normalize_with_map(ar_text[m.end:])[0].lstrip()
        if particles and key in ("لا", "ولا") and _ARABIC_LETTER.match(after) and not _AR_VERB.match(after):
            particles -= 1
            continue
        out.append(m)
    return out, en


def latin_words_in_arabic(text: str) -> list[Marker]:
    """Latin words in an Arabic clause, except acronyms (all capitals), symbols, URLs and e-mail addresses."""
    masked = _URL_OR_SYMBOL.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _LATIN_WORD.finditer(masked):
        word = m.group()
        if word.isupper() or len(word) < 3 or (len(word) <= 5 and sum(c.isupper() for c in word) >= 2):
            continue  # UNRWA, ICJ, UNESCO, "No", "UNICEF", "CoE"
        out.append(Marker(word, m.start(), m.end()))
    return out


_ACRONYM = re.compile(r"(?<![A-Za-z0-9/.@_-])[A-Z][A-Z0-9]*[A-Z0-9](?:s|'s|’s)?(?![A-Za-z0-9/@_-])")
_ROMAN = re.compile(r"[IVXLCDM]+")


def acronyms(text: str) -> list[Marker]:
    """Acronyms in Latin capitals ("LCBC", "UNFICYP", "P3", "NGOs") in running text of either language:
    not Roman numerals, symbols ("A/69/767"), or the words of a heading written all in capitals."""
    masked = _URL_OR_SYMBOL.sub(lambda m: " " * len(m.group()), text)
    found = [Marker(m.group(), m.start(), m.end()) for m in _ACRONYM.finditer(masked)
             if not _ROMAN.fullmatch(m.group().rstrip("s'’"))]
    words = len(_LATIN_WORD.findall(masked))
    return [] if words >= 3 and len(found) > 2 * words / 3 else found  # "HAVE RESOLVED TO COMBINE …": a heading


_OPENERS, _CLOSERS = "(«“[", ")»”]"


def is_original_name(arabic: str, word: Marker, english: str) -> bool:
    """Whether a Latin ``word`` of an Arabic clause is the original of a name the Arabic has rendered: inside
    brackets or quotes, as official Arabic gives it after its rendering («الحلول الساتلية (Empresa Argentina
    de Soluciones Satelitales)»), and in the English as well. Outside brackets it is left untranslated."""
    before = arabic[:word.start]
    depth = sum(before.count(o) - before.count(c) for o, c in zip(_OPENERS, _CLOSERS))
    quoted = depth > 0 or before.count('"') % 2 == 1
    return quoted and re.search(r"(?<![A-Za-z])" + re.escape(word.text) + r"(?![A-Za-z])", english) is not None


_NAME_JOINER = re.compile(r"(?:[\s,.&'’-]|\b[A-Za-z]{1,2}\b)*")  # between the words of one name: "King & Co",
# "Fairness, Responsibility, and Welfare", "Ponyo on the Cliff" (words of two letters are not reported)
MIN_ARABIC_WORDS = 3  # an Arabic clause with fewer is a line left in English, not Arabic that keeps a name


def names_kept_as_in_english(arabic: str, words: list[Marker], english: str) -> bool:
    """Whether Latin ``words`` of an Arabic clause are all names kept in their original script, as Arabic
    news and biography often does and the English writes them too («مهرجان النبيذ Rüdesheim», «السفينتان
    Argyll و Severn»): in Arabic running text, each run of consecutive Latin words opens with a capital, so
    does every word of it longer than three letters ("Ponyo on the Cliff by the Sea"), and every word is in
    the English. An English sentence left in the Arabic ("The Committee notes that …"), or a line wholly in
    English, is not."""
    if not words or len(_ARABIC_WORD.findall(arabic)) < MIN_ARABIC_WORDS:
        return False
    in_english = {_bare(w) for w in _LATIN_WORD.findall(english)}
    runs: list[list[Marker]] = [[words[0]]]
    for word in words[1:]:
        if _NAME_JOINER.fullmatch(arabic[runs[-1][-1].end:word.start]):
            runs[-1].append(word)
        else:
            runs.append([word])
    return all(_capitalised(run[0].text) and all(_capitalised(w.text) or len(w.text) <= 3 for w in run)
               and all(_bare(w.text) in in_english for w in run) for run in runs)


def _bare(word: str) -> str:
    """A word without its possessive ending: "Factory's" is "Factory", «Momtime’s» is "Momtime"."""
    return re.sub(r"['’]s$", "", word)


def _capitalised(word: str) -> bool:
    """A name's spelling: an initial capital, or a capital inside a word that starts small ("iVillage")."""
    return word[0].isupper() or any(c.isupper() for c in word[1:])


HEADER_WORDS = 4  # a line of at most this many Latin words and no Arabic: a date or a header of the cover page


def header_as_in_english(arabic: str, words: list[Marker], english: str) -> bool:
    """Whether an Arabic line with no Arabic word is a short header the English has word for word: a cover
    page's date or distribution line left as the English version prints it ("6 February 2015", "Distr.:
    General"). A sentence left in English is longer; a header with other words is not the English's."""
    in_english = set(_LATIN_WORD.findall(english))
    return (bool(words) and not _ARABIC_WORD.search(arabic) and len(words) <= HEADER_WORDS
            and all(w.text in in_english for w in words))


def arabic_words_in_english(text: str) -> list[Marker]:
    """Words in Arabic script inside an English clause."""
    return [Marker(m.group(), m.start(), m.end()) for m in _ARABIC_WORD.finditer(text)]


def symbol_skeleton(symbol: str) -> tuple[str, ...]:
    """The digit groups of a document symbol in order: A/RES/ES-10/24 → ('10', '24'); 77/1 ≠ 1/77."""
    return tuple(re.findall(r"\d+", fold_digits(symbol)))


def is_arabic_text(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


# Consonant classes shared by Latin and Arabic spelling, for a name one side writes in the other's letters
# ("Jordan Spieth" / «جوردان سبيث», "Mexico City" / «مكسيكو سيتي»): vowels, «ا و ي ة ء ع» and "h" are dropped.
_LATIN_CLASSES = (("sh", "S"), ("ch", "S"), ("th", "T"), ("ph", "F"), ("ck", "K"), ("x", "KS"), ("qu", "K"),
                  ("b", "B"), ("p", "B"), ("c", "K"), ("k", "K"), ("q", "K"), ("g", "G"), ("j", "G"), ("d", "D"),
                  ("f", "F"), ("v", "F"), ("l", "L"), ("m", "M"), ("n", "N"), ("r", "R"), ("s", "S"), ("z", "S"),
                  ("t", "T"))
_ARABIC_CLASSES = {"ب": "B", "ك": "K", "ق": "K", "غ": "G", "ج": "G", "د": "D", "ض": "D", "ف": "F", "ل": "L",
                   "م": "M", "ن": "N", "ر": "R", "س": "S", "ص": "S", "ز": "S", "ش": "S", "ث": "T", "ت": "T", "ط": "T"}
TRANSLITERATION_CONSONANTS = 4  # a shorter skeleton matches too many words


def latin_skeleton(word: str) -> str:
    """The consonant classes of a Latin word ("Spieth": S B T); a doubled letter counts once, as Arabic writes
    it once ("Fleiss": F L S, «فليس»; "Russell": R S L, «راسل»)."""
    word, out, k = re.sub(r"(.)\1", r"\1", word.lower()), [], 0
    while k < len(word):
        for letters, sound in _LATIN_CLASSES:
            if word.startswith(letters, k):
                out.append(sound)
                k += len(letters)
                break
        else:
            k += 1
    return "".join(out)


def arabic_skeleton(word: str) -> str:
    """The consonant classes of an Arabic word («سبيث»: S B T)."""
    return "".join(_ARABIC_CLASSES.get(c, "") for c in normalize(word))
