"""What the aligner gives: one :class:`AlignedPair` per row of the alignment (a bead, or a gap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from align.alignment.aligner import PeelEvidence


@dataclass(frozen=True)
class AlignedPair:
    """One row of the alignment: Arabic and English clause indices (one side empty for a gap)."""

    ar: tuple[int, ...]
    en: tuple[int, ...]
    score: float | None
    peeled: "PeelEvidence | None" = None  # a gap the merge re-check made: what it was tried against

    @property
    def is_gap(self) -> bool:
        return not self.ar or not self.en

    def to_dict(self) -> dict:
        row = {"ar": list(self.ar), "en": list(self.en),
               "score": None if self.score is None else round(self.score, 4)}
        if self.peeled is not None:
            row["peeled_from"] = {"counterpart": list(self.peeled.counterpart),
                                  "support": round(self.peeled.support, 4),
                                  "gain": _rounded(self.peeled.gain),
                                  "background": _rounded(self.peeled.background),
                                  "contribution": _rounded(self.peeled.contribution)}
        return row


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
