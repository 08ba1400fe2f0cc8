"""Reading input files: text in the encodings Arabic documents travel in, Word, PDF and HTML.

:func:`read_input` returns an :class:`InputText`: the decoded text, how it was decoded and what in it
a reviser should know about (invisible characters inside numbers, bidi overrides). Anything it cannot
read raises :class:`InputError` with one line naming the file. The readers of other formats
(charset-normalizer, python-docx, pdfminer.six) are imported only when a file needs them.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import functools
import io
import os
import re
import stat
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.files import data_path
from align.segment.clauses import ARABIC_ABJAD, ARABIC_ALPHABETICAL

BUNDLED_AR = "oic-cfm-21-extraordinary-2025.ar.txt"
BUNDLED_EN = "oic-cfm-21-extraordinary-2025.en.txt"

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_LINE_CHARS = 100_000
STDIN_NAME = "<stdin>"
# Encodings tried, in this order of preference, when a file is neither UTF-8 nor has a BOM.
LEGACY_ENCODINGS = ("cp1256", "iso8859_6", "cp1252")
KNOWN_ENCODINGS = "UTF-8, UTF-16, Windows-1256, ISO-8859-6 or Windows-1252"

_INVISIBLE_CHARS = ("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff"
                    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0640")
_DROP_INVISIBLE = str.maketrans({c: None for c in _INVISIBLE_CHARS})
_INVISIBLE_IN_NUMBER = re.compile(rf"\d[.,٫٬/]?[{_INVISIBLE_CHARS}]+[.,٫٬/]?(?=\d)")
_NUMBER_AROUND = re.compile(rf"[\d.,٫٬/{_INVISIBLE_CHARS}]+")
_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE_CHARS}]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
MAX_WARNINGS_PER_FILE = 10


@dataclass(frozen=True)
class InputText:
    """One input as decoded: its text, how it was read, and what a reviser should know about it."""

    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16, utf-32, cp1256, iso8859-6, cp1252; docx, pdf
    format: str  # text, docx, pdf or html
    path: str
    warnings: tuple[str, ...] = ()


def bundled_pair() -> tuple[Path, Path]:
    """Arabic and English files of the bundled resolution (OIC CFM, 21st extraordinary session)."""
    return data_path(BUNDLED_AR), data_path(BUNDLED_EN)


def read_text(path: str | Path) -> str:
    """The text of an input file (``-`` reads standard input), whatever its format and encoding."""
    return read_input(path).text


def read_input(path: str | Path) -> InputText:
    """Read a text, .docx, .pdf or .html file (``-``: standard input) into an :class:`InputText`."""
    name, data = _read_bytes(path)
    kind = sniff_format(data, name)
    if kind == "docx":
        text, encoding = docx_text(data, name), "docx"
    elif kind == "pdf":
        (text, notes), encoding = pdf_document(data, name), "pdf"
    elif kind == "html":
        text, encoding = html_text(data, name)
    else:
        text, encoding = decode_text(data, name)
    check_text(text, name)
    layout = notes if kind == "pdf" else []
    return InputText(text, encoding, kind, name, tuple(layout) + tuple(text_warnings(text, name)))


def _read_bytes(path: str | Path) -> tuple[str, bytes]:
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = STDIN_NAME
    else:
        p = Path(path)
        name = str(path)
        try:
            if not p.exists():
                raise InputError(f"{name}: no such file")
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file")
            size = p.stat().st_size
            if size > MAX_INPUT_BYTES:
                raise InputError(f"{name}: {size / 2**20:.0f} MB is too large "
                                 f"(at most {MAX_INPUT_BYTES // 2**20} MB)")
            with p.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: too large (at most {MAX_INPUT_BYTES // 2**20} MB)")
    return name, data


# ---------------------------------------------------------------------------------------------
# Format


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def sniff_format(data: bytes, name: str) -> str:
    """text, docx, pdf or html, from the content first and the file name second."""
    suffix = Path(name).suffix.lower()
    if data.find(b"%PDF-", 0, 1024) >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, name)
    if data.startswith(_OLE):
        raise InputError(f"{name}: an old Office file (.doc): save it as .docx, PDF or text")
    if data.lstrip().startswith(b"{\\rtf"):
        raise InputError(f"{name}: an RTF file: save it as .docx, PDF or text")
    if suffix == ".docx":
        raise InputError(f"{name}: not a readable Word document (not a ZIP archive)")
    if suffix == ".pdf":
        raise InputError(f"{name}: not a readable PDF (no %PDF header)")
    if suffix in (".html", ".htm", ".xhtml") or _HTML_START.match(data[:4096]):
        return "html"
    return "text"


def _zip_format(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis"):
                raise InputError(f"{name}: an OpenDocument file: save it as .docx, PDF or text")
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name}: not a readable Word document (damaged ZIP archive)") from exc
    raise InputError(f"{name}: a ZIP archive, not a Word document (.docx)")


# ---------------------------------------------------------------------------------------------
# Plain text


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
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
    for bom, codec in _BOMS:
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
        if plausible >= 0.95 * len(sample) and len(_CONTROL.findall(sample)) <= 2:
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


def check_text(text: str, name: str) -> None:
    """Refuse what is not the text of a document: blank, binary, or one absurdly long line."""
    if not _VISIBLE.search(text):
        raise InputError(f"{name}: no text (the file is empty or blank)")
    controls = _CONTROL.findall(text[:1_000_000])
    if len(controls) > max(8, len(text[:1_000_000]) // 200):
        raise InputError(f"{name}: binary data, not text")
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(_LINE_BREAK.split(text), 1):
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
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    messages = []
    for offset, what in found[:MAX_WARNINGS_PER_FILE]:
        line = bisect.bisect_right(line_starts, offset)
        messages.append(f"{name}:{line}:{offset - line_starts[line - 1] + 1}: {what}")
    if len(found) > MAX_WARNINGS_PER_FILE:
        messages.append(f"{name}: {len(found) - MAX_WARNINGS_PER_FILE} more invisible characters like these")
    return messages


def _reason(exc: Exception) -> str:
    """A short reason from a parser's exception, for the end of a one-line message."""
    text = str(exc).splitlines()[0].strip().strip("\"'") if str(exc).strip() else ""
    return text if 0 < len(text) <= 100 else type(exc).__name__


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


# ---------------------------------------------------------------------------------------------
# Word (.docx)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs of a Word document in order (table cells included), with Word's own numbering."""
    try:
        import docx
        from docx.table import Table
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(f"{name}: reading .docx needs python-docx: pip install python-docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any failure of the parser means the same to the user
        raise InputError(f"{name}: not a readable Word document ({_reason(exc)})") from exc
    numbering = _Numbering(document)
    lines: list[str] = []
    seen_cells: set[int] = set()

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen_cells:
                            seen_cells.add(id(cell._tc))
                            walk(cell)
            else:
                text = re.sub(r"[\r\n\v]+", " ", block.text)
                label = numbering.label(block._p)
                lines.append(f"{label} {text.lstrip()}" if label and text.strip() else text)

    try:
        walk(document)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"{name}: not a readable Word document ({_reason(exc)})") from exc
    return "\n".join(lines)


class _Numbering:
    """Word's automatic paragraph numbers ("1.", "(a)", «٣ -»), counted the way Word counts them."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = document.styles
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in root.iter(f"{_W}num"):
            num_id = node.get(f"{_W}numId")
            self.levels[num_id] = abstract.get(_val(node, "abstractNumId"), {})
            self.overrides[num_id] = {
                int(o.get(f"{_W}ilvl", "0")): int(_val(o, "startOverride"))
                for o in node.iter(f"{_W}lvlOverride") if _val(o, "startOverride") is not None}

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None and ppr is not None and ppr.pStyle is not None:
            style_id = ppr.pStyle.val
            style = next((s for s in self.styles if s.style_id == style_id), None)
            while style is not None and num_pr is None:
                spr = style.element.pPr
                num_pr = spr.numPr if spr is not None else None
                style = style.base_style
        if num_pr is None:
            return None, 0
        num_id = num_pr.numId.val if num_pr.numId is not None else None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return (None if num_id in (None, 0) else str(num_id)), int(ilvl)

    def label(self, p) -> str | None:
        num_id, ilvl = self._num_pr(p)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, [None] * 9)
        if counters[ilvl] is None:
            counters[ilvl] = self.overrides[num_id].get(ilvl, levels[ilvl][0])
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        fmt, pattern = levels[ilvl][1], levels[ilvl][2]
        if fmt in ("bullet", "none") or not pattern:
            return None

        def value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            start, level_fmt, _ = levels.get(level, (1, "decimal", ""))
            count = counters[level] if counters[level] is not None else start
            return _format_number(count, level_fmt)

        return re.sub(r"%([1-9])", value, pattern).strip() or None


def _val(node, tag: str) -> str | None:
    child = node.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "arabicAlpha":
        return ARABIC_ALPHABETICAL[(n - 1) % len(ARABIC_ALPHABETICAL)]
    if fmt == "arabicAbjad":
        return ARABIC_ABJAD[(n - 1) % len(ARABIC_ABJAD)]
    if fmt == "hindiNumbers":
        return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


# ---------------------------------------------------------------------------------------------
# PDF


_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_PAGE_NUMBER = re.compile(r"^[\W\d_]{0,3}\d{1,4}[\W\d_]{0,3}$")
_FULL_ROW = 0.8  # a row narrower than this share of the text block ends its paragraph
_SENTENCE_END = re.compile(r"[.!?؟:؛;]\W{0,2}$")  # ... and across a page break, a full row ending a sentence


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF: one line per paragraph (see :func:`pdf_document`)."""
    return pdf_document(data, name)[0]


def pdf_document(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text layer of a PDF as published, and notes for the reviser on what was left out.

    One line per paragraph, a paragraph continued across a page break joined; Arabic back in logical
    order (brackets and quotation marks mirrored back, tashkeel and shadda on their letter), presentation
    forms folded (NFKC). Left out of the text, and named in the notes: running headers and footers (a row
    repeated at the top or bottom of most pages, page numbers counted as the same row), page numbers, the
    footnotes at the foot of a page (smaller type below the body) and the footnote marks in the body
    (raised, smaller digits).
    """
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(f"{name}: reading PDF needs pdfminer.six: pip install pdfminer.six")
    pages: list[list[_Row]] = []
    try:
        with _quiet("pdfminer"):
            for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
                pages.append(_page_rows(page))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"{name}: an encrypted PDF: remove its password first") from exc
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        raise InputError(f"{name}: not a readable PDF ({_reason(exc)})") from exc
    glyphs = [g for rows in pages for row in rows for g in row.glyphs]
    if not glyphs:
        raise InputError(f"{name}: a PDF with no text layer (a scan?): run OCR on it first")
    if sum(g.text.startswith("(cid:") for g in glyphs) > 0.3 * len(glyphs):
        raise InputError(f"{name}: a PDF whose fonts have no Unicode map: its text cannot be extracted")
    body_size = _median([g.size for g in glyphs if not g.text.isspace()] or [10.0])
    notes: list[str] = []
    pages = _without_running_rows(pages, notes, name)
    pages = _without_footnotes(pages, body_size, notes, name)
    return "\n".join(_paragraphs(pages, body_size, _names_drawn_brackets(pages))), notes


def _names_drawn_brackets(pages: list[list[_Row]]) -> bool:
    """Whether this PDF names right-to-left brackets by the shape drawn (see :func:`visual_to_logical`): the
    reading under which more of its rows with brackets have them opening before they close."""
    votes = 0
    for rows in pages:
        for row in rows:
            if not any(g.text in "()[]«»" for g in row.glyphs):
                continue
            drawn, named = brackets_balance(row.text(mirrored=True)), brackets_balance(row.text(mirrored=False))
            votes += (drawn and not named) - (named and not drawn)
    return votes >= 0


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


@dataclass
class _Glyph:
    x0: float
    x1: float
    text: str
    size: float
    y0: float = 0.0


@dataclass
class _Row:
    y0: float
    y1: float
    glyphs: list[_Glyph]

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def size(self) -> float:
        return _median([g.size for g in self.glyphs if not g.text.isspace()] or [0.0])

    def text(self, body_size: float = 0.0, mirrored: bool = True) -> str:
        """The row's text in logical order; footnote marks (raised digits smaller than ``body_size``) out;
        ``mirrored``: how the PDF names right-to-left brackets (:func:`visual_to_logical`)."""
        glyphs = sorted(self.glyphs, key=lambda g: g.x0)
        if body_size:
            glyphs = [g for g in glyphs if not _footnote_mark(g, self, body_size)]
        letters = [g for g in glyphs if not _is_mark(g.text)]
        carried = {id(g): "" for g in letters}
        rtl_row = sum(unicodedata.bidirectional(g.text[:1] or " ") in ("R", "AL") for g in letters) > \
            sum(unicodedata.bidirectional(g.text[:1] or " ") == "L" for g in letters)
        for mark in (g for g in glyphs if _is_mark(g.text)):  # a shadda, a fatha: on its letter, never apart
            base = _base_of(mark, letters, rtl_row)
            if base is not None:
                carried[id(base)] += mark.text
        for glyph in letters:  # marks in canonical order (by combining class), after their letter
            carried[id(glyph)] = glyph.text + "".join(sorted(carried[id(glyph)], key=unicodedata.combining))
        units: list[str] = []
        previous = None
        for glyph in letters:
            if previous is not None and not glyph.text.isspace() and not previous.text.isspace() \
                    and glyph.x0 - previous.x1 > 0.25 * min(glyph.size, previous.size):
                units.append(" ")
            units.append(carried[id(glyph)])
            previous = glyph
        rtl = sum(unicodedata.bidirectional(u[0]) in ("R", "AL") for u in units if u)
        ltr = sum(unicodedata.bidirectional(u[0]) == "L" for u in units if u)
        text = visual_to_logical(units, mirrored) if rtl > ltr else "".join(units)
        return re.sub(r"\s+", " ", fold_presentation_forms(text)).strip()


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(c) in ("Mn", "Me") for c in text)


def _base_of(mark: _Glyph, letters: list[_Glyph], rtl: bool) -> _Glyph | None:
    """The letter a combining mark sits on. In right-to-left text a zero-width mark is drawn at its letter's
    origin, give or take a point (fpdf2 exactly there, LibreOffice and Word up to a point either side, so
    often inside the neighbour's box): the letter whose left edge is nearest. Otherwise the letter whose box
    holds the mark's centre, else (a mark drawn at the pen position after its letter, left to right) the
    letter ending where it begins."""
    letters = [g for g in letters if not g.text.isspace()]
    if not letters:
        return None
    centre = (mark.x0 + mark.x1) / 2
    if rtl and mark.x1 - mark.x0 < 0.5:
        return min(letters, key=lambda g: abs(g.x0 - centre))
    inside = [g for g in letters if g.x0 + 0.05 < centre < g.x1 - 0.05]  # not on an edge (float noise)
    if inside:
        return min(inside, key=lambda g: abs((g.x0 + g.x1) / 2 - centre))
    left = [g for g in letters if g.x1 <= centre + 0.05]
    if left:
        return max(left, key=lambda g: g.x1)
    return min(letters, key=lambda g: abs(g.x0 - centre))


def _footnote_mark(glyph: _Glyph, row: _Row, body_size: float) -> bool:
    """A footnote reference in the body: a digit in smaller type, raised above the row's baseline."""
    return glyph.text.isdigit() and glyph.size <= 0.8 * body_size and \
        glyph.y0 > row.y0 + 0.25 * body_size and row.size >= 0.9 * body_size


def _page_rows(page) -> list[_Row]:
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines = []

    def collect(node) -> None:
        for child in node:
            if isinstance(child, LTTextLine):
                glyphs = [_Glyph(c.x0, c.x1, c.get_text(), c.size, c.y0) for c in child if isinstance(c, LTChar)]
                if glyphs:
                    lines.append((child.y0, child.y1, glyphs))
            elif isinstance(child, LTTextContainer):
                collect(child)

    collect(page)
    lines.sort(key=lambda line: -(line[0] + line[1]) / 2)
    rows: list[_Row] = []
    for y0, y1, glyphs in lines:
        if rows:
            row = rows[-1]
            overlap = min(row.y1, y1) - max(row.y0, y0)
            if overlap > 0.5 * min(row.y1 - row.y0, y1 - y0):
                row.glyphs.extend(glyphs)
                row.y0, row.y1 = min(row.y0, y0), max(row.y1, y1)
                continue
        rows.append(_Row(y0, y1, list(glyphs)))
    return rows


_RUNNING_ROWS = 3         # rows at the top and at the bottom of a page that may be running heads or feet
_RUNNING_SHARE = 0.5      # ... and are, when the same row stands there on this share of the pages (2 at least)
_RUNNING_DRIFT = 12.0     # points a running row may move from page to page
_PAGE_LABEL = re.compile(r"^(?:-\s*)?(?:page|p\.|صفحة|الصفحة)?\s*[0-9٠-٩]{1,4}(?:\s*(?:of|/|من)\s*[0-9٠-٩]{1,4})?"
                         r"(?:\s*-)?$", re.I)


def _row_key(row: _Row) -> str:
    """A row's text with its numbers blanked: "OIC/CFM-21/2025 page 3" and "... page 4" are one running row."""
    return re.sub(r"[0-9٠-٩]+", "#", re.sub(r"\s+", " ", row.text())).strip().lower()


def _without_running_rows(pages: list[list[_Row]], notes: list[str], name: str) -> list[list[_Row]]:
    """Pages less their running headers and footers and page numbers; what went is added to ``notes``."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for p, rows in enumerate(pages):
        for k, row in enumerate(rows):
            for end, within in (("top", k < _RUNNING_ROWS), ("bottom", k >= len(rows) - _RUNNING_ROWS)):
                if within:
                    seen.setdefault((end, _row_key(row)), []).append((p, (row.y0 + row.y1) / 2))
    running = set()
    for (end, key), places in seen.items():
        if not key:
            continue
        middle = _median([y for _, y in places])
        steady = {p for p, y in places if abs(y - middle) <= _RUNNING_DRIFT}
        if len(pages) >= 2 and len(steady) >= max(2, _RUNNING_SHARE * len(pages)):
            running |= {(p, key) for p in steady}
    removed: dict[str, int] = {}
    kept_pages = []
    for p, rows in enumerate(pages):
        kept = []
        for k, row in enumerate(rows):
            text = row.text()
            edge = k < _RUNNING_ROWS or k >= len(rows) - _RUNNING_ROWS
            if edge and ((p, _row_key(row)) in running or ((k == 0 or k == len(rows) - 1) and
                                                          (_PAGE_NUMBER.match(text) or _PAGE_LABEL.match(text)))):
                label = "page number" if _PAGE_NUMBER.match(text) or _PAGE_LABEL.match(text) else text
                removed[label] = removed.get(label, 0) + 1
                continue
            kept.append(row)
        kept_pages.append(kept)
    running_texts = [t for t in removed if t != "page number"]
    if running_texts:
        shown = ", ".join(f"«{t}»" for t in running_texts[:3]) + (" ..." if len(running_texts) > 3 else "")
        notes.append(f"{name}: running headers and footers left out of the text on {len(pages)} pages: {shown}")
    return kept_pages


def _without_footnotes(pages: list[list[_Row]], body_size: float, notes: list[str], name: str) -> list[list[_Row]]:
    """Pages less the footnotes at their foot: the last rows of a page in type smaller than the body's,
    the first of them opening with a number or a mark; they are named in ``notes``."""
    footnotes: list[str] = []
    kept_pages = []
    for rows in pages:
        start = len(rows)
        while start > 0 and 0 < rows[start - 1].size <= 0.85 * body_size:
            start -= 1
        while start < len(rows) and not re.match(r"^[\s]*(?:[0-9٠-٩]{1,3}|[*†‡])", rows[start].text()):
            start += 1  # a footnote block starts at its first numbered note
        if start < len(rows) and start > 0:
            footnotes += [row.text() for row in rows[start:]]
            rows = rows[:start]
        kept_pages.append(rows)
    if footnotes:
        shown = "; ".join(f"«{t[:80]}{'…' if len(t) > 80 else ''}»" for t in footnotes[:3])
        notes.append(f"{name}: {len(footnotes)} footnote line{'s' if len(footnotes) != 1 else ''} left out of "
                     f"the clauses: {shown}{' ...' if len(footnotes) > 3 else ''}")
    return kept_pages


def _paragraphs(pages: list[list[_Row]], body_size: float = 0.0, mirrored: bool = True) -> list[str]:
    """Join rows into paragraphs: a paragraph ends at a wide vertical gap or a short row; one that fills its
    page's last row goes on at the top of the next page."""
    paragraphs: list[list[str]] = []
    previous_full = False
    for rows in pages:
        texts = [row.text(body_size, mirrored) for row in rows]
        keep = [k for k, t in enumerate(texts) if t]
        if not keep:
            continue
        left = min(rows[k].x0 for k in keep)
        width = max(rows[k].x1 for k in keep) - left
        heights = sorted(rows[k].y1 - rows[k].y0 for k in keep)
        gaps = sorted(rows[a].y0 - rows[b].y1 for a, b in zip(keep, keep[1:]))
        base_gap = gaps[len(gaps) // 4] if gaps else 0.0
        height = heights[len(heights) // 2]
        # Double-spaced text: the usual gap between rows is itself wide, so only a wider one counts.
        threshold = base_gap + 0.5 * height if base_gap > 0.5 * height else 0.5 * height
        for position, k in enumerate(keep):
            gap = rows[keep[position - 1]].y0 - rows[k].y1 if position else None
            if gap is None and paragraphs and _SENTENCE_END.search(paragraphs[-1][-1]):
                previous_full = False  # the page ended with a sentence: the next paragraph starts here
            continues = previous_full and paragraphs and (gap is None or gap <= threshold)
            if continues:
                paragraphs[-1].append(texts[k])
            else:
                paragraphs.append([texts[k]])
            previous_full = width > 0 and (rows[k].x1 - rows[k].x0) >= _FULL_ROW * width
    return [_join_rows(p) for p in paragraphs]


def _join_rows(rows: list[str]) -> str:
    out = rows[0]
    for row in rows[1:]:
        out += row if out.endswith("-") and out[-2:-1].isalpha() else " " + row
    return out


def visual_to_logical(units: list[str], mirrored: bool = True) -> str:
    """A right-to-left line from its glyphs in visual (left-to-right) order back to logical order.

    The line is reversed, then every run of left-to-right text (Latin, digits, and what joins them) is
    put back in its own order. ``mirrored``: the PDF names each bracket by the shape drawn (a right-to-left
    "(" drawn as ")" is ")" in the text layer, as fpdf2 and many producers write it), so brackets are turned
    back; else (LibreOffice, Word) it names the character itself and they stay. Each unit is one glyph's text
    (a ligature keeps its letters in order). What joins two left-to-right stretches is ambiguous, so a few
    readings are tried and the first that the Unicode bidi algorithm displays as ``units`` is kept.
    """
    candidates = [_unreverse(units, joins, mirrored) for joins in (_joins_except_brackets, _joins_any_neutral,
                                                                   _joins_number_separators)]
    try:
        from bidi.algorithm import get_display
    except ImportError:  # pragma: no cover - a declared dependency
        return candidates[0]
    visual = "".join(units)
    for candidate in candidates:
        shown = get_display(candidate, base_dir="R")
        if shown == visual if mirrored else shown.translate(_ANY_BRACKET) == visual.translate(_ANY_BRACKET):
            return candidate
    return candidates[0]


_ANY_BRACKET = str.maketrans("()[]{}<>«»", "||!!##%%^^")  # a bracket's place, whichever way it faces


def _unreverse(units: list[str], joins, mirrored: bool = True) -> str:
    reversed_units = units[::-1]
    out: list[str] = []
    i, n = 0, len(reversed_units)
    while i < n:
        if _is_ltr(reversed_units[i]):
            last = j = i
            while j < n and (_is_ltr(reversed_units[j]) or joins(reversed_units[j])):
                if _is_ltr(reversed_units[j]):
                    last = j
                j += 1
            out.extend(reversed_units[i:last + 1][::-1])
            i = last + 1
        else:
            unit = reversed_units[i]
            out.append(unit.translate(_MIRROR) if mirrored and len(unit) == 1 else unit)
            i += 1
    return "".join(out)


def brackets_balance(text: str) -> bool:
    """Whether every bracket and guillemet of ``text`` closes after it opens (none left open at a close)."""
    depth = {"(": 0, "[": 0, "«": 0}
    closing = {")": "(", "]": "[", "»": "«"}
    for char in text:
        if char in depth:
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                return False
    return True


def _bidi_class(unit: str) -> str:
    return unicodedata.bidirectional(unit[0]) if unit else ""


def _is_ltr(unit: str) -> bool:
    return _bidi_class(unit) in ("L", "EN", "AN")


def _joins_any_neutral(unit: str) -> bool:
    return _bidi_class(unit) in ("CS", "ES", "ET", "WS", "ON", "BN")


def _joins_except_brackets(unit: str) -> bool:
    return _joins_any_neutral(unit) and not unicodedata.mirrored(unit[0])


def _joins_number_separators(unit: str) -> bool:
    return _bidi_class(unit) in ("CS", "ES", "ET", "BN")


def fold_presentation_forms(text: str) -> str:
    """NFKC on Arabic presentation forms and Latin ligatures only (ﻻ → لا, ﬁ → fi)."""
    return re.sub("[\ufb00-\ufdff\ufe70-\ufeff]+", lambda m: unicodedata.normalize("NFKC", m.group()), text)


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Silence a library's log warnings while it runs (the library itself prints nothing)."""
    import logging

    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# ---------------------------------------------------------------------------------------------
# HTML


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I)
_BLOCK_TAGS = frozenset("p div li h1 h2 h3 h4 h5 h6 tr br hr section article header footer blockquote "
                        "pre table ul ol dd dt dl main aside nav figure figcaption caption address".split())
_SKIP_TAGS = frozenset("script style head template noscript svg math".split())


def html_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of an HTML page, one line per block, ordered lists numbered; and its encoding."""
    text, encoding = None, None
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                text, encoding = data.decode(codec), encoding_label(codec)
            except (LookupError, UnicodeDecodeError):
                text = None
    if text is None:
        text, encoding = decode_text(data, name)
    parser = _html_text_parser()()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; anything else is damage
        raise InputError(f"{name}: not readable HTML ({_reason(exc)})") from exc
    return "\n".join(parser.lines), encoding


@functools.lru_cache(maxsize=1)
def _html_text_parser() -> type:
    """The HTML-to-lines parser class, built on first use: ``html.parser`` stays out of every other run."""
    from html.parser import HTMLParser

    class _HtmlText(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[str] = []
            self.current: list[str] = []
            self.skip = 0
            self.lists: list[int | None] = []  # counter of each open <ol>, None for <ul>
            self.pre = 0

        def flush(self) -> None:
            text = "".join(self.current)
            text = text if self.pre else re.sub(r"\s+", " ", text)
            for line in _LINE_BREAK.split(text.strip()) if self.pre else [text.strip()]:
                if line.strip():
                    self.lines.append(line)
            self.current = []

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in _SKIP_TAGS:
                self.skip += 1
                return
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "pre":
                self.pre += 1
            if tag == "ol":
                start = dict(attrs).get("start") or "1"
                self.lists.append(int(start) - 1 if start.strip().lstrip("-").isdigit() else 0)
            elif tag == "ul":
                self.lists.append(None)
            elif tag == "li" and self.lists and self.lists[-1] is not None:
                self.lists[-1] += 1
                self.current.append(f"{self.lists[-1]}. ")
            elif tag in ("td", "th"):
                self.current.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self.skip = max(self.skip - 1, 0)
                return
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "pre":
                self.pre = max(self.pre - 1, 0)
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.current.append(data)

        def close(self) -> None:
            super().close()
            self.flush()

    return _HtmlText
