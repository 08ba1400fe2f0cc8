"""The bundled resolution in every supported encoding and format gives the alignment of its UTF-8 text.

The fixtures are made here: text in each encoding, Word documents with python-docx, HTML, and PDFs with
fpdf2, the Arabic laid out the way PDF producers do (presentation forms, visual order) with a TrueType
font that has Arabic glyphs (DejaVu Sans, Debian package fonts-dejavu-core).
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from align.embed.cache import CachedEmbedder
from align.read.inputs import bundled_pair, read_input
from align.text.normalize import normalize
from align.pipeline import check_files

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
         Path("/usr/local/share/fonts/DejaVuSans.ttf")]


@pytest.fixture(scope="module")
def embedder(use_backend):
    """USE, remembering vectors across the fixtures (they share almost every text)."""
    return CachedEmbedder(use_backend)


@pytest.fixture(scope="module")
def reference(embedder):
    return check_files(*bundled_pair(), embedder=embedder)


def _texts() -> tuple[str, str]:
    ar, en = bundled_pair()
    return ar.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")


def _docx(text: str, path: Path, rtl: bool) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph(line)
        if rtl:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)


def _html(text: str, path: Path, encoding: str) -> None:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    page = (f'<!DOCTYPE html>\n<html><head><meta charset="{encoding}"><title>Resolution</title></head>'
            f'<body dir="auto">\n{body}</body></html>\n')
    path.write_bytes(page.encode(encoding))


def font_with_arabic() -> Path:
    for font in FONTS:
        if font.is_file():
            return font
    pytest.skip("no DejaVu Sans font on this machine (apt-get install fonts-dejavu-core)")


def make_pdf(text: str, path: Path, rtl: bool, furniture: bool = False, footnotes: dict[int, str] | None = None) -> None:
    """One paragraph per line of ``text``, wrapped to the page; Arabic shaped and in visual order.

    ``furniture``: a running header (the document symbol) and footer ("OIC/CFM-21/2025 page N") on every page,
    as published PDFs have. ``footnotes``: paragraph index -> note; the paragraph ends with a raised mark in
    smaller type and the note is set at the foot of its page, smaller still.
    """
    fpdf = pytest.importorskip("fpdf")
    import arabic_reshaper
    from bidi.algorithm import get_display

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False,
                                                             "ARABIC LIGATURE ALLAH": False})

    def shape(s: str) -> str:
        return get_display(reshaper.reshape(s), base_dir="R") if rtl else s

    pending: list[tuple[int, str]] = []

    class Published(fpdf.FPDF):
        def header(self):
            if furniture:
                self.set_font("dejavu", size=9)
                self.cell(0, 5, "OIC/CFM-21/2025/RES", align="L" if rtl else "R", new_x="LMARGIN", new_y="NEXT")
                self.ln(3)

        def footer(self):
            if pending:
                self.set_y(-15 - 4 * len(pending) - 2)
                self.set_font("dejavu", size=7)
                for number, note in pending:
                    self.cell(0, 4, shape(f"{number} {note}"), align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")
                pending.clear()
            if furniture:
                self.set_y(-12)
                self.set_font("dejavu", size=9)
                self.cell(0, 5, f"OIC/CFM-21/2025 page {self.page_no()}", align="C")
            self.set_font("dejavu", size=11)

    pdf = Published()
    pdf.add_font("dejavu", fname=str(font_with_arabic()))
    pdf.set_font("dejavu", size=11)
    pdf.set_auto_page_break(True, margin=15 + (30 if footnotes else 0))
    pdf.add_page()
    for k, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        rows, row = [], []
        for word in paragraph.split(" "):  # wrap in logical order, then lay each row out
            if row and pdf.get_string_width(shape(" ".join(row + [word]))) > pdf.epw - 4:
                rows.append(" ".join(row))
                row = []
            row.append(word)
        rows.append(" ".join(row))
        for n, line in enumerate(rows):
            mark = footnotes and k in footnotes and n == len(rows) - 1
            if not mark:
                pdf.cell(0, 5, shape(line), new_x="LMARGIN", new_y="NEXT", align="R" if rtl else "L")
                continue
            number = len(pending) + 1
            width = pdf.get_string_width(shape(line))
            x, y = (pdf.l_margin + pdf.epw - width, pdf.get_y()) if rtl else (pdf.l_margin, pdf.get_y())
            pdf.set_xy(x, y)
            pdf.cell(width, 5, shape(line))
            pdf.set_font("dejavu", size=7)
            mark_width = pdf.get_string_width(str(number))
            pdf.set_xy(x - mark_width - 0.3 if rtl else x + width + 0.3, y - 1.2)
            pdf.cell(mark_width, 4, str(number))
            pdf.set_font("dejavu", size=11)
            pdf.set_xy(pdf.l_margin, y + 5)
            pending.append((number, footnotes[k]))
        pdf.ln(4)
    pdf.output(str(path))


# name: (how to write the Arabic file, how to write the English file, expected encodings, format)
FIXTURES = {
    "utf-8-sig": (lambda t, p: p.write_bytes(t.encode("utf-8-sig")), lambda t, p: p.write_bytes(t.encode("utf-8-sig")),
                  ("utf-8-sig", "utf-8-sig"), "text"),
    "utf-16": (lambda t, p: p.write_bytes(t.encode("utf-16")), lambda t, p: p.write_bytes(t.encode("utf-16")),
               ("utf-16", "utf-16"), "text"),
    "cp1256 + CRLF": (lambda t, p: p.write_bytes(t.replace("\n", "\r\n").encode("cp1256")),
                      lambda t, p: p.write_bytes(t.replace("\n", "\r\n").encode("cp1252")),
                      ("cp1256", "utf-8"), "text"),
    "iso8859-6 + CR": (lambda t, p: p.write_bytes(t.replace("«", '"').replace("»", '"').replace("\n", "\r")
                                                  .encode("iso8859-6")),
                       lambda t, p: p.write_bytes(t.replace("\n", "\r").encode("ascii")),
                       ("iso8859-6", "utf-8"), "text"),
    "docx": (lambda t, p: _docx(t, p, True), lambda t, p: _docx(t, p, False), ("docx", "docx"), "docx"),
    "html": (lambda t, p: _html(t, p, "windows-1256"), lambda t, p: _html(t, p, "utf-8"), ("cp1256", "utf-8"), "html"),
    "pdf": (lambda t, p: make_pdf(t, p, True), lambda t, p: make_pdf(t, p, False), ("pdf", "pdf"), "pdf"),
}
SUFFIX = {"docx": ".docx", "html": ".html", "pdf": ".pdf", "text": ".txt"}


@pytest.mark.parametrize("name", list(FIXTURES))
def test_every_format_aligns_like_the_utf8_text(tmp_path, name, embedder, reference):
    write_ar, write_en, encodings, kind = FIXTURES[name]
    ar_text, en_text = _texts()
    ar_path, en_path = tmp_path / f"ar{SUFFIX[kind]}", tmp_path / f"en{SUFFIX[kind]}"
    write_ar(ar_text, ar_path)
    write_en(en_text, en_path)
    report = check_files(ar_path, en_path, embedder=embedder)
    assert (report.ar.encoding, report.en.encoding) == encodings
    assert (report.ar.format, report.en.format) == (kind, kind)
    for side, expected in (("ar", reference.ar), ("en", reference.en)):
        got = getattr(report, side)
        if kind == "text" and "8859" not in name:
            assert [c.text for c in got.clauses] == [c.text for c in expected.clauses]
        else:  # the matching keys are the same (quotes that ISO-8859-6 lacks, PDF spacing aside)
            assert [normalize(c.text).replace('"', "") for c in got.clauses] == \
                [normalize(c.text).replace('"', "") for c in expected.clauses]
    assert [(p.ar, p.en) for p in report.alignment] == [(p.ar, p.en) for p in reference.alignment]
    assert [(f.check, f.ar, f.en) for f in report.findings] == [(f.check, f.ar, f.en) for f in reference.findings]


def test_pdf_text_is_the_original_arabic_in_logical_order(tmp_path):
    ar_text, _ = _texts()
    path = tmp_path / "ar.pdf"
    make_pdf(ar_text, path, True)
    read = read_input(path)
    assert read.text.split("\n") == [line.strip() for line in ar_text.split("\n") if line.strip()]


@pytest.mark.parametrize("kind", ["scanned", "encrypted"])
def test_pdf_without_usable_text_is_refused(tmp_path, kind):
    from align.errors import InputError

    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    if kind == "scanned":
        pdf.rect(20, 20, 100, 50, style="F")  # a page with marks but no text, like a scan
        message = "a PDF with no text layer (a scan?): run OCR on it first"
    else:
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, "Recalling its resolution 69/1,")
        pdf.set_encryption(owner_password="owner", user_password="secret")
        message = "an encrypted PDF: remove its password first"
    path = tmp_path / f"{kind}.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as caught:
        read_input(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_pdf_as_published_aligns_like_its_text(tmp_path, embedder):
    """The bundled resolution as a published PDF would carry it: a running header and footer with the page
    number on every page, paragraphs broken across pages, footnotes with raised marks, in both languages;
    the same clauses, alignment and findings as the text, and the reviser told what was left out."""
    from align.read.inputs import read_input

    ar_text, en_text = (p.read_text(encoding="utf-8") for p in bundled_pair())
    ar_pdf, en_pdf = tmp_path / "res.ar.pdf", tmp_path / "res.en.pdf"
    make_pdf(ar_text, ar_pdf, True, furniture=True, footnotes={4: "انظر القرار 2728 (2024).", 20: "المرجع نفسه."})
    make_pdf(en_text, en_pdf, False, furniture=True, footnotes={4: "See resolution 2728 (2024).", 20: "Ibid."})
    for pdf, text in ((ar_pdf, ar_text), (en_pdf, en_text)):
        read = read_input(pdf)
        assert [normalize(line) for line in read.text.split("\n")] == \
            [normalize(line.strip()) for line in text.split("\n") if line.strip()]
        assert any("running headers and footers left out" in w and "OIC/CFM-21/2025 page 1" in w
                   for w in read.warnings), read.warnings
        assert any("2 footnote lines left out of the clauses" in w for w in read.warnings), read.warnings
    from_pdf = check_files(ar_pdf, en_pdf, embedder=embedder)
    from_text = check_files(*bundled_pair(), embedder=embedder)
    assert [(p.ar, p.en) for p in from_pdf.alignment] == [(p.ar, p.en) for p in from_text.alignment]
    assert [(f.check, f.severity, f.ar, f.en) for f in from_pdf.findings] == \
        [(f.check, f.severity, f.ar, f.en) for f in from_text.findings]


def _glyphs(spec: list[tuple[str, float, float]]):
    from align.read.pdf import _Glyph

    return [_Glyph(x0, x1, text, 11.0, 0.0) for text, x0, x1 in spec]


# Rows as pdfminer extracts them (glyph text, x0, x1; in visual order), from the PDFs of the bundled
# resolution saved by LibreOffice and laid out by fpdf2; the logical text each must give.
PDF_ROWS = [
    ("LibreOffice: a shadda inside its own letter's box",
     [("ل", 494.84, 503.17), ("م", 503.6, 509.96), ("ّ", 503.9, 503.9), ("ح", 509.99, 516.79),
      ("و", 516.79, 522.09)], True, "وحمّل"),
    ("LibreOffice: a damma a point left of its letter, inside the neighbour's box",
     [("ل", 314.0, 321.0), ("م", 321.03, 327.39), ("ح", 327.42, 334.52), ("ُ", 333.7, 333.7),
      ("ي", 334.7, 337.76)], True, "يُحمل"),
    ("LibreOffice: a shadda between two letters",
     [("ل", 396.07, 404.06), ("ا", 404.06, 407.4), ("ّ", 407.7, 407.7), ("ع", 407.8, 413.1),
      ("ف", 413.1, 418.36)], True, "فعّال"),
    ("fpdf2: a mark at its letter's origin", [("ل", 537.3, 545.6), ("ّ", 545.6, 545.6), ("ﻤ", 545.6, 552.0),
                                                ("ﺣ", 552.0, 558.8)], True, "حمّل"),
    ("fpdf2: two marks on one letter, in canonical order",
     [("ّ", 503.5, 503.5), ("ٍ", 503.5, 503.5), ("ﻱ", 503.5, 512.1), ("ﺮ", 512.1, 518.2)], True, "ريٍّ"),
    ("LibreOffice names brackets by character", [("ﺪ", 390.0, 400.0), (" ", 400.0, 401.8), (")", 405.3, 409.0),
                                                  ("6", 409.6, 416.6), ("2", 416.6, 423.6), ("(", 423.7, 427.0),
                                                  (" ", 427.0, 452.5), ("ﻥ", 452.5, 460.9), ("ﻣ", 460.9, 468.0)],
     False, "من (62) د"),
    ("fpdf2 names brackets by the shape drawn", [("ﺪ", 390.0, 400.0), (" ", 400.0, 401.8), ("(", 405.3, 409.0),
                                                  ("6", 409.6, 416.6), ("2", 416.6, 423.6), (")", 423.7, 427.0),
                                                  (" ", 427.0, 452.5), ("ﻥ", 452.5, 460.9), ("ﻣ", 460.9, 468.0)],
     True, "من (62) د"),
    ("a Latin row keeps its order", [("U", 10, 17), ("N", 17, 24), ("R", 24, 31), ("W", 31, 40), ("A", 40, 47)],
     True, "UNRWA"),
]


@pytest.mark.parametrize("case, glyphs, mirrored, expected", PDF_ROWS, ids=[c[0] for c in PDF_ROWS])
def test_pdf_rows_read_back_in_logical_order_with_marks_and_brackets_in_place(case, glyphs, mirrored, expected):
    from align.read.pdf import _Row, brackets_balance

    row = _Row(0.0, 12.0, _glyphs(glyphs))
    assert row.text(mirrored=mirrored) == expected
    other = row.text(mirrored=not mirrored)
    if "(" in expected:  # the other reading of the brackets is the one that does not balance
        assert brackets_balance(expected) and not brackets_balance(other)
