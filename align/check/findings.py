"""What the checks give: a :class:`Finding` (check, severity, category, the clauses it concerns, a message)
and the :class:`Span` of text it marks; severities in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from align.alignment.beads import AlignedPair

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Span:
    """Offending text inside one clause: offsets in the input file."""

    start: int
    end: int
    text: str
    line: int
    column: int  # 1-based, in characters

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "line": self.line,
                "column": self.column}


@dataclass(frozen=True)
class Finding:
    """Something a reviser must look at."""

    check: str
    severity: str
    category: str
    ar: tuple[int, ...]
    en: tuple[int, ...]
    message: str
    ar_spans: tuple[Span, ...] = ()
    en_spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "category": self.category,
                "ar": list(self.ar), "en": list(self.en), "message": self.message,
                "ar_spans": [s.to_dict() for s in self.ar_spans],
                "en_spans": [s.to_dict() for s in self.en_spans]}


def row_of_finding(alignment: Sequence["AlignedPair"]) -> Callable[[Finding], int]:
    """The index of the alignment row each finding belongs to: the row of its first clause (Arabic first), 0
    for a finding that names no clause."""
    row_of: dict[tuple[str, int], int] = {}
    for k, pair in enumerate(alignment):
        row_of.update({("ar", i): k for i in pair.ar})
        row_of.update({("en", j): k for j in pair.en})

    def row(finding: Finding) -> int:
        if finding.ar:
            return row_of.get(("ar", finding.ar[0]), 0)
        return row_of.get(("en", finding.en[0]), 0) if finding.en else 0

    return row
