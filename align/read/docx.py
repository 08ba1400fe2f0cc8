"""Word documents (python-docx): paragraphs and table cells in reading order, with the numbers Word's
automatic numbering draws but the text does not hold.
"""

from __future__ import annotations

import io
import re

from align.errors import InputError
from align.read.common import failure_reason
from align.segment.clauses import ARABIC_ABJAD, ARABIC_ALPHABETICAL

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
        raise InputError(f"{name}: not a readable Word document ({failure_reason(exc)})") from exc
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
        raise InputError(f"{name}: not a readable Word document ({failure_reason(exc)})") from exc
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
