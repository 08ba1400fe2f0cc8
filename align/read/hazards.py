"""What in a decoded text may mislead a reviser or break a reader: control characters, overlong lines,
invisible characters inside numbers, bidi overrides. :func:`check_text` refuses what cannot be read;
:func:`text_warnings` names the rest.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from align.errors import InputError

MAX_LINE_CHARS = 100_000

_INVISIBLE_CHARS = ("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff"
                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0640")
_DROP_INVISIBLE = str.maketrans({c: None for c in _INVISIBLE_CHARS})
_INVISIBLE_IN_NUMBER = re.compile(rf"\d[.,٫٬/]?[{_INVISIBLE_CHARS}]+[.,٫٬/]?(?=\d)")
_NUMBER_AROUND = re.compile(rf"[\d.,٫٬/{_INVISIBLE_CHARS}]+")
_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE_CHARS}]")
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
MAX_WARNINGS_PER_FILE = 10


def check_text(text: str, name: str) -> None:
    """Refuse what is not the text of a document: blank, binary, or one absurdly long line."""
    if not _VISIBLE.search(text):
        raise InputError(f"{name}: no text (the file is empty or blank)")
    controls = CONTROL.findall(text[:1_000_000])
    if len(controls) > max(8, len(text[:1_000_000]) // 200):
        raise InputError(f"{name}: binary data, not text")
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(LINE_BREAK.split(text), 1):
            if len(line) > MAX_LINE_CHARS:
                raise InputError(f"{name}: line {number} has {len(line):,} characters (at most "
                                 f"{MAX_LINE_CHARS:,} in a paragraph): not the text of a resolution")


def text_warnings(text: str, name: str) -> list[str]:
    """Invisible characters that change what a reader sees: inside a number, or bidi overrides."""
    found: list[tuple[int, str]] = []
    for match in _INVISIBLE_IN_NUMBER.finditer(text):
        invisible = next(i for i in range(match.start(), match.end()) if text[i] in _INVISIBLE_CHARS)
        number = _number_at(text, invisible)
        visible = number.translate(_DROP_INVISIBLE)
        found.append((invisible, f"invisible {_describe(text[invisible])} inside the number {visible} "
                                 "(ignored for matching)"))
    for match in _BIDI_OVERRIDE.finditer(text):
        found.append((match.start(), f"bidi override {_describe(match.group())} changes the displayed "
                                      "order of the text after it"))
    if not found:
        return []
    found.sort()
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    messages = []
    for offset, what in found[:MAX_WARNINGS_PER_FILE]:
        line = bisect.bisect_right(line_starts, offset)
        messages.append(f"{name}:{line}:{offset - line_starts[line - 1] + 1}: {what}")
    if len(found) > MAX_WARNINGS_PER_FILE:
        messages.append(f"{name}: {len(found) - MAX_WARNINGS_PER_FILE} more invisible characters like these")
    return messages


def _number_at(text: str, offset: int) -> str:
    start = offset
    while start > 0 and _NUMBER_AROUND.fullmatch(text[start - 1]):
        start -= 1
    end = offset
    while end < len(text) and _NUMBER_AROUND.fullmatch(text[end]):
        end += 1
    return text[start:end].strip(".,٫٬/")


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'character')}"
