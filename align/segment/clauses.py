"""Clause segmentation of a resolution, Arabic or English.

A document is a sequence of paragraphs (non-empty lines). Each paragraph is one
clause, except where it carries several operative clauses joined by «؛ و…» /
"; and …", which are split into sub-clauses. Two layouts are handled: the
official numbered one ("9. Recognizes …" / «9 - تعترف …», preambular
"Recalling …" / «وإذ تشير …») and the unnumbered paragraph-per-clause one of
news releases, whose lead-in ("… the text of which is as follows:") is framing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator, Literal

from align.segment.verbs import ARABIC_PAST, ARABIC_PRESENT, arabic_verb, english_verb
from align.text.normalize import fold_digits, normalize, roman_value

SEGMENTER_VERSION = "seg-4"
Lang = Literal["ar", "en"]
KINDS = ("framing", "preamble", "operative", "other")


@dataclass(frozen=True)
class Clause:
    """One clause of one version, located in its input file."""

    index: int
    paragraph: int
    kind: str
    number: str | None
    verb: str | None
    text: str
    start: int
    end: int
    line: int
    column: int = 1  # 1-based, in characters, of ``start`` within its line
    label: str = ""  # the paragraph as a reviser names it: "9", "9(a)", or "23" for the 23rd paragraph

    def to_dict(self) -> dict:
        return {"index": self.index, "paragraph": self.paragraph, "kind": self.kind,
                "number": self.number, "verb": self.verb, "text": self.text,
                "start": self.start, "end": self.end, "line": self.line, "column": self.column,
                "label": self.label}

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) of a file offset inside this clause (which spans lines only in hard-wrapped text
        read with ``unwrap``)."""
        before = self.text[:offset - self.start]
        breaks = before.count("\n")
        if not breaks:
            return self.line, self.column + offset - self.start
        return self.line + breaks, len(before) - before.rfind("\n")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LEAD_IN = {
    "ar": re.compile(r"(?:نصه|نصها|ما يلي|يلي|التالي)\s*[:：]\s*$"),
    "en": re.compile(r"(?:as follows|the text of which|following text|reads|read)\s*:\s*$", re.I),
}
_LEAD_IN_WINDOW = 6  # the lead-in, when there is one, is among the first paragraphs
_NUMBER = {
    # "9. ", "(a) ", "( 1 ) ", "1) ", "b) "
    "en": re.compile(r"^(?:(\d{1,3})\s*\.|\(\s?(\d{1,3}|[a-z]{1,5})\s?\)|(\d{1,3}|[a-z])\))\s+"),
    # «9 - تعترف», «9. », «( 1 )», «(أ)», «1)», «'1`» (the UN's Arabic for "(i)"); not a range
    # («4-13 شباط/فبراير») nor a decimal («4.5»)
    "ar": re.compile(r"^(?:([0-9٠-٩۰-۹]{1,3})\s*(?:[-–—](?!\s*[0-9٠-٩۰-۹])|\.(?![0-9٠-٩۰-۹]))"
                     r"|\(\s?([0-9٠-٩۰-۹]{1,3}|[\u0621-\u064a]{1,2})\s?\)|([0-9٠-٩۰-۹]{1,3})\)"
                     r"|['‘]([0-9٠-٩۰-۹]{1,3})[`'’])\s*"),
}
_ROMAN_LOWER = re.compile(r"^(?=[ivxl])(x{0,3}l?)(ix|iv|v?i{0,3})$")
ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"        # the order of Arabic list letters in UN texts
ARABIC_ALPHABETICAL = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"  # Word's other order


def marker_values(number: str) -> frozenset[int]:
    """The positions a paragraph or list marker can stand for: "3" 3; "c" 3; «ج» 3 (abjad) or 5 (alphabetical);
    "iv" 4; "i" 1 (roman) or 9 (the ninth letter). Empty for what is not a marker."""
    number = number.strip()
    if number.isdigit():
        return frozenset({int(number)})
    values: set[int] = set()
    if _ROMAN_LOWER.match(number):
        values.add(roman_value(number))
    if len(number) == 1 and "a" <= number <= "z":
        values.add(ord(number) - ord("a") + 1)
    letter = number.rstrip("ـ")[:1] if number[:1] == "ه" else number
    for order in (ARABIC_ABJAD, ARABIC_ALPHABETICAL):
        if len(letter) == 1 and letter in order:
            values.add(order.index(letter) + 1)
    return frozenset(values)


def markers_differ(ar_number: str | None, en_number: str | None) -> bool:
    """Whether two paragraph markers certainly name different positions (both present, no reading shared)."""
    if not ar_number or not en_number:
        return False
    ar_values, en_values = marker_values(ar_number), marker_values(en_number)
    return bool(ar_values) and bool(en_values) and not (ar_values & en_values)
_AR_TOKEN = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f\u0670]+")
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_EN_SUBJECT = re.compile(
    r"(?:(?:the|The)\s+(?:resolution|Resolution|Council|Conference|Assembly|General Assembly|Security Council|"
    r"Committee|Ministers|Summit|Board|Commission|Meeting|Organization)\s+|it\s+|It\s+)")
_EN_ADVERBS = frozenset("also further strongly once again highly firmly deeply fully gravely further "
                        "categorically expressly unequivocally emphatically warmly particularly "
                        "hereby equally moreover furthermore".split())
_EN_SKIP_LEAD = re.compile(r"^(?:In (?:this|that) (?:context|regard|respect|connection)|Accordingly|Moreover|"
                           r"Furthermore|Finally|Meanwhile),\s*", re.I)
_AR_FILLERS = frozenset(normalize(w) for w in ("كما", "وكما", "إذ", "وإذ", "أيضا", "القرار", "المجلس"))
_AR_PREAMBLE = re.compile(r"^(?:و?إذ\s|و?إذا\s|إن\s)")
_AR_PREAMBLE_NOUN = re.compile(r"^و?[\u0621-\u064a]+ا\s+منه[اما]?\b")  # «واقتناعا منها», «وإدراكا منها»
_SEPARATOR = {"ar": re.compile(r"[؛;،,.:]\s+|\s+(?=و)"), "en": re.compile(r"[;,.:]\s+|\s+(?=and\s)")}
_MIN_WORDS = {"ar": 4, "en": 6}  # Arabic says in four words what English says in six


def paragraphs(text: str, unwrap: bool = False) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, line, line start) of every non-blank line, its surrounding whitespace excluded; with
    ``unwrap`` (hard-wrapped text), of every block of lines between blank lines instead."""
    if unwrap:
        yield from _blocks(text)
        return
    line = 1
    pos = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            yield pos + lead, pos + lead + len(stripped), line, pos
        if match:
            pos = match.end()
            line += 1


def _blocks(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, first line, its line start) of every run of non-blank lines (a hard-wrapped paragraph)."""
    block: list[tuple[int, int, int, int]] = []
    for span in [*paragraphs(text), None]:
        if block and (span is None or text.count("\n", block[-1][1], span[0]) >= 2 or
                      _LINE_BREAK.sub("\n", text[block[-1][1]:span[0]]).count("\n") >= 2):
            yield block[0][0], block[-1][1], block[0][2], block[0][3]
            block = []
        if span is not None:
            block.append(span)


HARD_WRAP_MIN_BLOCKS = 3      # hard-wrapped: at least this many paragraphs of two lines or more
HARD_WRAP_FULL = 0.75         # ... whose lines but the last reach this share of the widest line
HARD_WRAP_SHARE = 0.85        # ... for this share of them
HARD_WRAP_MAX_WIDTH = 160     # ... which is at most this many characters (a wrapping column)


def hard_wrapped_width(text: str) -> int | None:
    """The column ``text`` is hard-wrapped at (every line of a paragraph but its last ends near the same
    column, paragraphs separated by blank lines), or None when it is not."""
    lines = [(end - start) for start, end, _, _ in paragraphs(text)]
    blocks = [[end - start for start, end, _, _ in paragraphs(text[a:b])] for a, b, _, _ in _blocks(text)]
    multi = [b for b in blocks if len(b) >= 2]
    if len(multi) < HARD_WRAP_MIN_BLOCKS or len(multi) < 0.3 * len(blocks) or not lines:
        return None
    width = sorted(lines)[int(0.95 * (len(lines) - 1))]
    if width > HARD_WRAP_MAX_WIDTH:
        return None
    inner = [n for b in multi for n in b[:-1]]
    full = sum(n >= HARD_WRAP_FULL * width for n in inner)
    return width if full >= HARD_WRAP_SHARE * len(inner) else None


def _arabic_opener(text: str, allow_past: bool) -> str | None:
    """Verb lemma when ``text`` opens an Arabic clause («ويؤكد …», «كما يدين …», «وإذ تشير …»)."""
    tokens = _AR_TOKEN.findall(text[:80])
    for token in tokens[:4]:
        key = normalize(token)
        if key in _AR_FILLERS:
            continue
        lemma = arabic_verb(key, present_only=not allow_past)
        return lemma
    return None


def _english_opener(text: str, forms: tuple[str, ...] = ("present", "past", "participle")) -> tuple[str, str] | None:
    """(lemma, form kind) when ``text`` opens an English clause ("and stresses", "The Council condemns")."""
    text = _EN_SKIP_LEAD.sub("", text)
    text = re.sub(r"^and\s+", "", text)
    subject = _EN_SUBJECT.match(text)
    if subject:
        text = text[subject.end():]
    for token in _EN_TOKEN.findall(text[:80])[:4]:
        if token.lower() in _EN_ADVERBS:
            continue
        found = english_verb(token)
        if found and found[1] in forms:
            return found
        return None
    return None


def opens_with_verb(clause: Clause, lang: Lang) -> bool:
    """Whether a clause opens with its verb, as preambular and operative paragraphs do («9 - يدين …»,
    «وإذ تشير …», the reported style «وأدان القرار …»; "Condemns", "Recalling", "The Council condemns"); the
    English verb in the present tense or as a participle."""
    body = without_number(clause, lang).strip()
    if lang == "ar":
        return _arabic_opener(body, allow_past=True) is not None
    return _english_opener(body, ("present", "participle")) is not None


@dataclass(frozen=True)
class VerbMention:
    """Where a clause's verb is written: its text and offset in the clause."""

    text: str
    start: int


def verb_mention(text: str, lang: Lang, lemma: str | None) -> VerbMention | None:
    """The first word of ``text`` that is the verb ``lemma`` («وأكد» for affirm, "commends" for commend)."""
    if lemma is None:
        return None
    for match in (_AR_TOKEN if lang == "ar" else _EN_TOKEN).finditer(text):
        found = arabic_verb(match.group()) if lang == "ar" else (english_verb(match.group()) or (None,))[0]
        if found == lemma:
            return VerbMention(match.group(), match.start())
    return None


def _english_verb(text: str) -> str | None:
    """Verb lemma of an English clause: the first verb before the first comma."""
    text = _EN_SKIP_LEAD.sub("", text)
    head = re.split(r"[,;:(]", text, maxsplit=1)[0]
    tokens = _EN_TOKEN.findall(head)[:16]
    for i, token in enumerate(tokens):
        found = english_verb(token)
        if found and found[1] != "base":
            if i > 0 and tokens[i - 1].lower() in {"the", "a", "an", "its", "their", "to", "of"}:
                continue
            return found[0]
    return None


def _split_points(text: str, lang: Lang) -> list[int]:
    """Offsets in ``text`` where a new operative or preambular sub-clause starts."""
    points = []
    for sep in _SEPARATOR[lang].finditer(text):
        rest = text[sep.end():]
        if lang == "ar":
            punct = sep.group().strip()
            if not punct:  # a bare «و» joins two clauses only with a present-tense verb right after it
                opens = _AR_TOKEN.match(rest) is not None and \
                    arabic_verb(_AR_TOKEN.match(rest).group(), present_only=True) is not None
            else:
                opens = (_AR_PREAMBLE.match(rest) and _arabic_opener(rest, allow_past=False)) or \
                    _arabic_opener(rest, allow_past=punct in "؛;")
        else:
            punct = sep.group().strip()
            # after punctuation any finite verb opens a clause; after a bare "and" only "-s" forms
            opens = _english_opener(rest, ("present", "past") if punct else ("present",)) is not None
            if punct == "." and not rest[:1].isupper():
                opens = False
        if opens:
            points.append(sep.end())
    # never leave a fragment of fewer than _MIN_WORDS words
    kept, previous = [], 0
    for point in points:
        if len(text[previous:point].split()) >= _MIN_WORDS[lang] and len(text[point:].split()) >= _MIN_WORDS[lang]:
            kept.append(point)
            previous = point
    return kept


def number_prefix_length(text: str, lang: Lang) -> int:
    """Characters taken by a paragraph number at the start of ``text`` ("9. ", «9 - »), 0 without one."""
    match = _NUMBER[lang].match(text)
    return match.end() if match else 0


def without_number(clause: Clause, lang: Lang) -> str:
    """The clause's text with its paragraph number ("9. ", «9 - ») blanked: layout, not content (offsets kept)."""
    cut = number_prefix_length(clause.text, lang) if clause.number else 0
    return " " * cut + clause.text[cut:]


_TOP_LEVEL_NUMBER = re.compile(r"^[0-9٠-٩۰-۹]{1,3}\s*[.\-–—]")  # "9." / «9 -», not "(1)", «'1`», "1)"


def paragraph_label(paragraph: int, number: str | None, text: str, parent: str | None) -> str:
    """How a reviser names a paragraph: its own number ("9"), a list item under the last numbered
    paragraph ("9(a)", «9(أ)»), or, unnumbered, its ordinal in the file ("23")."""
    if number is None:
        return str(paragraph + 1)
    if _TOP_LEVEL_NUMBER.match(text) or parent is None:
        return number if _TOP_LEVEL_NUMBER.match(text) else f"({number})"
    return f"{parent}({number})"


def _number(text: str, lang: Lang) -> tuple[str | None, str]:
    """The paragraph number, if any, and the text after it."""
    match = _NUMBER[lang].match(text)
    if not match:
        return None, text
    value = next(group for group in match.groups() if group)
    return fold_digits(value), text[match.end():]


_EN_PASSIVE = re.compile(r"^(?:[A-Z][\w-]*\s+){1,4}(?:are|is)\s+(?:\w+ly\s+)?(\w+)")


def _finite_after_participle(body: str) -> str | None:
    """The verb of an operative paragraph that opens with a participial phrase, after one of its commas:
    "…, urges Member States" or, in the passive, "…, Member States are urged"."""
    for comma in re.finditer(r",\s*", body[:600]):
        rest = body[comma.end():]
        found = _english_opener(rest, forms=("present",))
        if not found and (passive := _EN_PASSIVE.match(rest)):
            found = english_verb(passive.group(1))
            found = found if found and found[1] == "past" else None
        if found:
            return found[0]
    return None


def _kind_and_verb(body: str, lang: Lang, numbered: bool, first: bool, inherited: str) -> tuple[str, str | None]:
    """Kind (preamble, operative, other) and verb lemma of one clause body."""
    if lang == "ar":
        verb = _arabic_opener(body, allow_past=True)
        if _AR_PREAMBLE.match(body) or _AR_PREAMBLE_NOUN.match(body):
            return "preamble", verb
        if verb or numbered:
            return "operative", verb
        return (inherited if not first else "other"), verb
    opener = _english_opener(body)
    if opener and opener[1] == "participle" and numbered:
        finite = _finite_after_participle(body)
        if finite:  # "23. Acknowledging the roles of ..., urges Member States": the paragraph urges
            return "operative", finite
    if opener and opener[1] == "participle":
        return ("preamble" if first or inherited == "preamble" else inherited), opener[0]
    if re.match(r"^(?:Having|Bearing|Taking|Noting|Recalling)\b", body):
        return "preamble", opener[0] if opener else None
    verb = _english_verb(body)
    if opener or numbered:
        return "operative", verb
    if verb and first and not body.startswith("The "):
        return "operative", verb
    if first and re.match(r"^The [A-Z]", body):  # "The General Assembly," opens the preamble
        return "preamble", verb
    return (inherited if not first else "other"), verb


def segment(text: str, lang: Lang, *, split: bool = True, unwrap: bool = False) -> list[Clause]:
    """Clauses of one version of a resolution.

    ``split=False`` keeps every non-blank line as exactly one clause (the
    ``--segmented`` input convention) while still reading its number and verb.
    ``unwrap``: the text is hard-wrapped; a paragraph is a run of lines between
    blank lines (its clauses keep the file's line breaks and offsets).
    """
    if lang not in ("ar", "en"):
        raise ValueError(f"unknown language {lang!r}")
    spans = list(paragraphs(text, unwrap))
    lead_in = -1
    if split:
        for i, (start, end, _, _) in enumerate(spans[:_LEAD_IN_WINDOW]):
            if _LEAD_IN[lang].search(text[start:end]):
                lead_in = i
                break
    clauses: list[Clause] = []
    line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))] if unwrap else None
    parent = None  # the last top-level paragraph number ("9"), for the labels of its list items
    for p, (start, end, line, line_start) in enumerate(spans):
        paragraph_text = text[start:end]
        number, body = _number(paragraph_text, lang)
        label = paragraph_label(p, number, paragraph_text, parent)
        if number is not None and _TOP_LEVEL_NUMBER.match(paragraph_text):
            parent = number
        body_offset = start + len(paragraph_text) - len(body)
        cuts = _split_points(body, lang) if split and p > lead_in else []
        bounds = [0, *cuts, len(body)]
        kind = "other"
        for k in range(len(bounds) - 1):
            piece = body[bounds[k]:bounds[k + 1]]
            lstrip = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if k == 0 and number is not None:
                piece_start = start
                piece_text = text[start:body_offset + bounds[k + 1]].rstrip()
            else:
                piece_start = body_offset + bounds[k] + lstrip
                piece_text = piece
            if p <= lead_in:
                kind, verb = "framing", (_arabic_opener(piece, True) if lang == "ar" else _english_verb(piece))
            else:
                kind, verb = _kind_and_verb(piece, lang, number is not None and k == 0, k == 0, kind)
            piece_line, piece_line_start = line, line_start
            if line_starts is not None:  # a paragraph of several lines: the line this clause starts on
                piece_line = bisect.bisect_right(line_starts, piece_start)
                piece_line_start = line_starts[piece_line - 1]
            clauses.append(Clause(
                index=len(clauses), paragraph=p, kind=kind, number=number if k == 0 else None,
                verb=verb, text=piece_text, start=piece_start, end=piece_start + len(piece_text),
                line=piece_line, column=piece_start - piece_line_start + 1, label=label))
    return clauses
