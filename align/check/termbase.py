"""Glossaries as translators keep them, read into glossary terms.

Besides align's own 5-column TSV (``align/data/GLOSSARY.md``), ``--glossary`` takes:

* a **two-column term list**, TSV or CSV (comma or semicolon), one term per row:
  English and Arabic, in either order; a header line (``en,ar``, ``english,arabic``,
  ``source,target`` with the languages told by the script) is optional: without
  one, each column's language is told by its script. A cell may hold several
  variants separated by ``|``, the first preferred.
* **TBX** (ISO 30042, TermBase eXchange: TBX-Basic and TBX v2 ``termEntry``/``langSet``/``tig``,
  TBX v3 ``conceptEntry``/``langSec``/``termSec``), the export format of CAT tools. Each entry with an
  English and an Arabic term becomes a term; entries in other languages only are left out.

Every term read this way has the category ``term`` (a missing counterpart is a warning) and an id made
from its English (``user-united-nations-office``), made unique within the file.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
# ``(id, category, English cell, Arabic cell, where) -> term``: the glossary's ``checked_term``, which turns
# cells into a term (or refuses them); the readers here know file formats, not what makes a term.
MakeTerm = Callable[[str, str, str, str, str], T]


class GlossaryError(Exception):
    """A malformed glossary file; the message names the file and line."""

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADER_NAMES = {"en": "en", "eng": "en", "english": "en", "en-us": "en", "en-gb": "en",
                 "ar": "ar", "ara": "ar", "arabic": "ar", "ar-sa": "ar", "ar-eg": "ar",
                 "source": None, "target": None, "term": None, "translation": None}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def looks_like_tbx(raw: str) -> bool:
    head = raw.lstrip("\ufeff \t\r\n")[:400].lower()
    return head.startswith("<?xml") or head.startswith("<martif") or head.startswith("<tbx")


def _script(cell: str) -> str | None:
    if _ARABIC.search(cell):
        return "ar"
    if _LATIN.search(cell):
        return "en"
    return None


class _Ids:
    """Kebab-case ids from English terms, unique within one file."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, english: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")[:60].strip("-") or "term"
        tid, n = f"user-{slug}", 2
        while tid in self.seen:
            tid, n = f"user-{slug}-{n}", n + 1
        self.seen.add(tid)
        return tid


def parse_term_list(raw: str, path: Path, delimiter: str, make_term: MakeTerm) -> list[T]:
    """A two-column English/Arabic list (TSV or CSV); header optional; one line per term."""
    rows = csv.reader(io.StringIO(raw), delimiter=delimiter)
    terms: list[T] = []
    ids = _Ids()
    order: tuple[int, int] | None = None  # (English column, Arabic column)
    first = True
    for row in rows:
        lineno = rows.line_num
        where = f"{path}:{lineno}"
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip().lstrip("\ufeff") for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) != 2:
            raise GlossaryError(f"{where}: expected 2 columns (English and Arabic), got {len(cells)}")
        if first:
            first = False
            names = [_HEADER_NAMES.get(c.lower(), "?") for c in cells]
            if "?" not in names:  # a header line
                if names == ["ar", "en"]:
                    order = (1, 0)
                elif names == ["en", "ar"]:
                    order = (0, 1)
                continue
        if order is None:
            scripts = [_script(c) for c in cells]
            if sorted(s or "" for s in scripts) != ["ar", "en"]:
                raise GlossaryError(f"{where}: cannot tell the English from the Arabic column "
                                    f"({cells[0]!r}, {cells[1]!r})")
            order = (0, 1) if scripts[0] == "en" else (1, 0)
        en_cell, ar_cell = cells[order[0]], cells[order[1]]
        if _script(en_cell) == "ar" and _script(ar_cell) == "en":
            raise GlossaryError(f"{where}: the English and Arabic columns are swapped on this line")
        if _script(ar_cell) != "ar":
            raise GlossaryError(f"{where}: no Arabic in the Arabic column ({ar_cell!r})")
        if _script(en_cell) != "en":
            raise GlossaryError(f"{where}: no English in the English column ({en_cell!r})")
        terms.append(make_term(ids(en_cell.split("|")[0]), "term", en_cell, ar_cell, where))
    if not terms:
        raise GlossaryError(f"{path}: no terms")
    return terms


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_tbx(raw: str, path: Path, make_term: MakeTerm) -> list[T]:
    """The entries of a TBX file that have an English and an Arabic term."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(raw.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        raise GlossaryError(f"{path}:{line}: not well-formed TBX ({exc})") from exc
    if _local(root.tag).lower() not in ("martif", "tbx"):
        raise GlossaryError(f"{path}:1: not TBX (root element <{_local(root.tag)}>, want <martif> or <tbx>)")
    terms: list[T] = []
    ids = _Ids()
    for number, entry in enumerate((e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")), 1):
        found: dict[str, list[str]] = {"en": [], "ar": []}
        for section in entry.iter():
            if _local(section.tag) not in ("langSet", "langSec"):
                continue
            lang = (section.get(_XML_LANG) or section.get("lang") or "").lower().split("-")[0]
            if lang in found:
                found[lang] += [" ".join("".join(t.itertext()).split()) for t in section.iter()
                                if _local(t.tag) == "term"]
        en, ar = [t for t in found["en"] if t], [t for t in found["ar"] if t]
        if not en or not ar:
            continue
        where = f"{path}: entry {number}{' (' + entry.get('id') + ')' if entry.get('id') else ''}"
        terms.append(make_term(ids(en[0]), "term", "|".join(en), "|".join(ar), where))
    if not terms:
        raise GlossaryError(f"{path}: no TBX entry has both an English and an Arabic term")
    return terms
