"""What the checks give: a :class:`Finding` (check, severity, category, the clauses it concerns, a message)
and the :class:`Span` of text it marks; severities in order."""

from __future__ import annotations

from dataclasses import dataclass

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
