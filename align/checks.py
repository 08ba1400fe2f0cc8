"""Checks: what a reviser must look at, found on an aligned pair of versions.

Each check has a stable id, a default severity and an MQM/ITS category, and is
a function from a :class:`CheckContext` to findings. :data:`CHECKS` is the
registry the pipeline runs and ``align checks`` lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from .report import AlignedPair, Document, Finding, Span
from .segment import Clause

QUOTE_CHARS = 90


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the checks (part of the report signature)."""

    low_similarity_z: float = 6.0        # robust z-score below the document's median similarity
    low_similarity_spread: float = 0.05  # smallest spread used for that z-score
    low_similarity_floor: float = 0.35   # a pair under this cosine is always flagged (0.1% of true UN pairs)
    low_similarity_long: float = 0.45    # ... and a pair of long clauses (>= 100 characters each) under this
    low_similarity_min_pairs: int = 8    # below this many pairs only the floors apply

    def to_dict(self) -> dict:
        return {"low_similarity_z": self.low_similarity_z, "low_similarity_spread": self.low_similarity_spread,
                "low_similarity_floor": self.low_similarity_floor,
                "low_similarity_long": self.low_similarity_long}


@dataclass(frozen=True)
class CheckContext:
    ar: Document
    en: Document
    alignment: tuple[AlignedPair, ...]
    config: CheckConfig

    def texts(self, pair: AlignedPair) -> tuple[str, str]:
        return (" ".join(self.ar.clauses[i].text for i in pair.ar),
                " ".join(self.en.clauses[j].text for j in pair.en))

    def clauses(self, pair: AlignedPair) -> tuple[list[Clause], list[Clause]]:
        return [self.ar.clauses[i] for i in pair.ar], [self.en.clauses[j] for j in pair.en]


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    category: str
    description: str
    run: Callable[[CheckContext], Iterator[Finding]]


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A short quotation of clause text for messages."""
    text = " ".join(text.split())
    return f"«{text}»" if len(text) <= limit else f"«{text[:limit - 1]}…»"


def _label(clauses: list[Clause]) -> str:
    return "+".join(str(c.index) for c in clauses)


def _file_spans(clauses: list[Clause], joined: str, mentions) -> tuple[Span, ...]:
    """Spans in the input file of mentions found in ``joined`` (clause texts joined by one space)."""
    spans, offset = [], 0
    bounds = []
    for clause in clauses:
        bounds.append((offset, clause))
        offset += len(clause.text) + 1
    for mention in mentions:
        for base, clause in reversed(bounds):
            if mention.start >= base:
                start = clause.start + mention.start - base
                spans.append(Span(start, start + len(mention.text), mention.text, *clause.locate(start)))
                break
    return tuple(spans)


def check_gap(ctx: CheckContext) -> Iterator[Finding]:
    for pair in ctx.alignment:
        if pair.ar and not pair.en:
            ar, _ = ctx.clauses(pair)
            yield Finding("gap", "error", "omission", pair.ar, (),
                          f"Arabic clause {_label(ar)} has no English counterpart: the English lacks it: "
                          f"{quote(ctx.texts(pair)[0])}")
        elif pair.en and not pair.ar:
            _, en = ctx.clauses(pair)
            yield Finding("gap", "error", "addition", (), pair.en,
                          f"English clause {_label(en)} has no Arabic counterpart: the Arabic lacks it: "
                          f"{quote(ctx.texts(pair)[1])}")


def check_low_similarity(ctx: CheckContext) -> Iterator[Finding]:
    scores = np.array([p.score for p in ctx.alignment if p.score is not None])
    if scores.size == 0:
        return
    median = float(np.median(scores))
    spread = 1.4826 * float(np.median(np.abs(scores - median)))
    spread = max(spread, ctx.config.low_similarity_spread)
    use_z = scores.size >= ctx.config.low_similarity_min_pairs
    for pair in ctx.alignment:
        if pair.score is None:
            continue
        ar_text, en_text = ctx.texts(pair)
        long_pair = min(len(ar_text), len(en_text)) >= 100
        z = (median - pair.score) / spread
        if pair.score < ctx.config.low_similarity_floor \
                or (long_pair and pair.score < ctx.config.low_similarity_long) \
                or (use_z and z > ctx.config.low_similarity_z):
            ar, en = ctx.clauses(pair)
            yield Finding("low-similarity", "warning", "mistranslation", pair.ar, pair.en,
                          f"Arabic {_label(ar)} and English {_label(en)} are far less alike than the rest "
                          f"(similarity {pair.score:.2f}, document median {median:.2f}): "
                          f"{quote(ar_text)} / {quote(en_text)}")


def check_numbers(ctx: CheckContext) -> Iterator[Finding]:
    from .numbers import unmatched_numbers

    for pair in ctx.alignment:
        if pair.is_gap:
            continue
        ar_text, en_text = ctx.texts(pair)
        only_ar, only_en = unmatched_numbers(ar_text, en_text)
        if not only_ar and not only_en:
            continue
        ar, en = ctx.clauses(pair)
        parts = []
        if only_ar:
            parts.append("Arabic has " + ", ".join(f"«{m.text}»" for m in only_ar) + " not in the English")
        if only_en:
            parts.append("English has " + ", ".join(f"«{m.text}»" for m in only_en) + " not in the Arabic")
        yield Finding("number-mismatch", "error", "number", pair.ar, pair.en,
                      f"numbers differ between Arabic {_label(ar)} and English {_label(en)}: "
                      f"{'; '.join(parts)}: {quote(ar_text)} / {quote(en_text)}",
                      _file_spans(ar, ar_text, only_ar), _file_spans(en, en_text, only_en))


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("gap", "error", "omission/addition",
          "a clause with no counterpart on the other side; says which side lacks it", check_gap),
    Check("low-similarity", "warning", "mistranslation",
          "an aligned pair far below the document's typical similarity", check_low_similarity),
    Check("number-mismatch", "error", "number",
          "numbers compared by value (Western, Arabic-Indic and Persian digits, separators, "
          "number words, reversed UN digit groups)", check_numbers),
)}


def run_checks(ctx: CheckContext, selected: list[str] | None = None) -> list[Finding]:
    """Findings of the selected checks (all by default), in alignment order."""
    findings: list[Finding] = []
    for check_id in selected or list(CHECKS):
        findings.extend(CHECKS[check_id].run(ctx))
    row_of = {}
    for k, pair in enumerate(ctx.alignment):
        for i in pair.ar:
            row_of[("ar", i)] = k
        for j in pair.en:
            row_of[("en", j)] = k

    def position(f: Finding) -> int:
        if f.ar:
            return row_of.get(("ar", f.ar[0]), 0)
        return row_of.get(("en", f.en[0]), 0) if f.en else 0

    findings.sort(key=position)
    return findings
