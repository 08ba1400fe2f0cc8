"""Reading input files: text in the encodings Arabic documents travel in, Word, PDF and HTML.

:func:`read_input` returns an :class:`InputText`: the decoded text, how it was decoded and what in it
a reviser should know about (invisible characters inside numbers, bidi overrides). Anything it cannot
read raises :class:`InputError` with one line naming the file. The readers of other formats
(charset-normalizer, python-docx, pdfminer.six) are imported only when a file needs them.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.files import data_path
from align.read.decode import decode_text
from align.read.docx import docx_text
from align.read.hazards import check_text, text_warnings
from align.read.html import html_text
from align.read.pdf import pdf_document

BUNDLED_AR = "oic-cfm-21-extraordinary-2025.ar.txt"
BUNDLED_EN = "oic-cfm-21-extraordinary-2025.en.txt"

MAX_INPUT_BYTES = 64 * 1024 * 1024
STDIN_NAME = "<stdin>"


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
    return input_from_bytes(*_read_bytes(path))


def input_from_bytes(name: str, data: bytes) -> InputText:
    """An input already read as bytes (a file at a git revision, say), named ``name`` in messages."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: too large (at most {MAX_INPUT_BYTES // 2**20} MB)")
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
