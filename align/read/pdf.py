"""PDF (pdfminer.six) read from its glyphs: rows rebuilt from geometry, right-to-left rows put back in
logical order, running heads and feet, page numbers and footnotes left out, paragraphs joined across
rows and pages.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from align.errors import InputError
from align.read.common import failure_reason, quiet_logger
from align.text.stats import upper_median

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
        with quiet_logger("pdfminer"):
            for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
                pages.append(_page_rows(page))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"{name}: an encrypted PDF: remove its password first") from exc
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        raise InputError(f"{name}: not a readable PDF ({failure_reason(exc)})") from exc
    glyphs = [g for rows in pages for row in rows for g in row.glyphs]
    if not glyphs:
        raise InputError(f"{name}: a PDF with no text layer (a scan?): run OCR on it first")
    if sum(g.text.startswith("(cid:") for g in glyphs) > 0.3 * len(glyphs):
        raise InputError(f"{name}: a PDF whose fonts have no Unicode map: its text cannot be extracted")
    body_size = upper_median([g.size for g in glyphs if not g.text.isspace()] or [10.0])
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
        return upper_median([g.size for g in self.glyphs if not g.text.isspace()] or [0.0])

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
        middle = upper_median([y for _, y in places])
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
