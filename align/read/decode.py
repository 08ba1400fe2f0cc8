"""Bytes to text: byte-order marks, UTF-16 without one, UTF-8, and the legacy code pages Arabic documents
travel in (Windows-1256, ISO-8859-6), told apart by charset-normalizer where the bytes do not say.
"""

from __future__ import annotations

import codecs

from align.errors import InputError
from align.read.hazards import CONTROL

# Encodings tried, in this order of preference, when a file is neither UTF-8 nor has a BOM.
LEGACY_ENCODINGS = ("cp1256", "iso8859_6", "cp1252")
KNOWN_ENCODINGS = "UTF-8, UTF-16, Windows-1256, ISO-8859-6 or Windows-1252"


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LABELS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-32": "utf-32",
           "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be", "cp1256": "cp1256", "iso8859-6": "iso8859-6",
           "cp1252": "cp1252"}


def encoding_label(codec: str) -> str:
    """The report's name of a Python codec: utf-8, cp1256, iso8859-6..."""
    name = codecs.lookup(codec).name
    return _LABELS.get(name, name)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and its encoding: BOM, then UTF-8, then the likeliest legacy encoding."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: not valid {codec.upper().replace('-SIG', '')} text "
                                 f"(byte {exc.start})") from exc
    if b"\x00" in data[:65536]:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(f"{name}: binary data, not text")
        return data.decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _mostly_utf8(data):
        raise InputError(f"{name}: damaged UTF-8 text (invalid byte at offset {first_bad})")
    return _decode_legacy(data, name)


def _bomless_utf16(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when ``data`` reads as Arabic or Latin text that way (no BOM), else None."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:40000].decode(codec)
        except UnicodeDecodeError:
            continue
        plausible = sum(1 for ch in sample if ord(ch) < 0x0800 or 0x2000 <= ord(ch) < 0x2070
                        or 0xFB50 <= ord(ch) <= 0xFEFF)
        if plausible >= 0.95 * len(sample) and len(CONTROL.findall(sample)) <= 2:
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when almost every non-ASCII sequence is valid UTF-8: a damaged UTF-8 file, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 20 and bad <= 0.02 * good


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(f"{name}: not UTF-8 text; reading other encodings needs charset-normalizer")
    match = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), explain=False).best()
    if match is None:
        raise InputError(f"{name}: not text in a known encoding ({KNOWN_ENCODINGS})")
    codec = match.encoding
    try:
        return data.decode(codec), encoding_label(codec)
    except UnicodeDecodeError as exc:  # pragma: no cover - charset-normalizer decoded it
        raise InputError(f"{name}: not text in a known encoding ({KNOWN_ENCODINGS})") from exc
