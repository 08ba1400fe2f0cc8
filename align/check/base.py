"""What every check shares: its configuration (the thresholds, part of the report signature), the context it
reads (both documents, the alignment, the glossary, the embedder), the :class:`Check` record, and the
helpers that quote clauses and name paragraphs in a reviser's terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from align.alignment.beads import AlignedPair
from align.check.findings import Finding, Span
from align.segment.clauses import Clause, without_number
from align.segment.document import Document

if TYPE_CHECKING:
    from align.check.glossary import Glossary
    from align.check.lexicon import Lexicon
    from align.embed.backends import Embedder

QUOTE_CHARS = 90


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the checks (part of the report signature)."""

    low_similarity_z: float = 6.0        # robust z-score below the document's median similarity
    low_similarity_spread: float = 0.05  # smallest spread used for that z-score
    low_similarity_floor: float = 0.35   # a pair under this cosine is always flagged (0.1% of true UN pairs)
    low_similarity_long: float = 0.45    # ... and a pair of long clauses (>= 100 characters each) under this
    low_similarity_min_pairs: int = 8    # below this many pairs only the floors apply
    low_similarity_min_words: int = 4    # ... and to a pair with a side this short (a heading, a date): the
                                         # encoder reads a word or two loosely («التوعية» / "Outreach": 0.51)
    length_ratio_factor: float = 2.2     # a pair this many times off the document's length ratio
    length_ratio_min_chars: int = 40     # ... when both sides have at least this many characters
    duplicate_min_chars: int = 30        # shorter clauses may repeat legitimately
    partial_omission: str = "default"    # default (about 1 flag per 100 official pairs), strict (3) or off
    partial_omission_rise: float = 0.177         # the evidence (rise of similarity without a phrase, and its
    partial_omission_strict_rise: float = 0.144  # words without counterpart) that flags, by default and
                                                 # strict; set on dev pairs by bench.partial
    partial_omission_reference: float = 0.80     # ... for a document whose 1-1 pairs typically read this; one
    partial_omission_freedom: float = 0.3        # that reads less alike needs this much more rise per unit
    partial_omission_word_weight: float = 0.03   # evidence added per word of the phrase the lexicon finds no
                                                 # counterpart for (at most partial.UNMATCHED_CAP words)
    partial_omission_lexicon: str | None = None  # a lexicon file (align.check.lexicon); None: the bundled one

    def to_dict(self) -> dict:
        return {"low_similarity_z": self.low_similarity_z, "low_similarity_spread": self.low_similarity_spread,
                "low_similarity_floor": self.low_similarity_floor,
                "low_similarity_long": self.low_similarity_long,
                "low_similarity_min_words": self.low_similarity_min_words,
                "length_ratio_factor": self.length_ratio_factor,
                "partial_omission": self.partial_omission_threshold,
                "partial_omission_reference": self.partial_omission_reference,
                "partial_omission_freedom": self.partial_omission_freedom,
                "partial_omission_word_weight": self.partial_omission_word_weight,
                "partial_omission_lexicon": self.lexicon().name}

    def lexicon(self) -> "Lexicon":
        """The word-translation table of the partial-omission check."""
        from align.check.lexicon import Lexicon, bundled_lexicon_path

        return Lexicon.load(self.partial_omission_lexicon or bundled_lexicon_path())

    @property
    def partial_omission_threshold(self) -> float | None:
        """The rise of similarity that flags a phrase (None when the check is off)."""
        return {"default": self.partial_omission_rise,
                "strict": self.partial_omission_strict_rise}.get(self.partial_omission)


@dataclass(frozen=True)
class CheckContext:
    ar: Document
    en: Document
    alignment: tuple[AlignedPair, ...]
    config: CheckConfig
    glossary: "Glossary | None" = None
    embedder: "Embedder | None" = None  # for the checks that embed (partial-omission)
    progress: "Callable[[str, int, int], None] | None" = None  # (stage, done, total) for a long check's progress

    def advance(self, stage: str, done: int, total: int) -> None:
        """Tell whoever shows progress that ``done`` of ``total`` items of ``stage`` are done."""
        if self.progress is not None:
            self.progress(stage, done, total)

    def texts(self, pair: AlignedPair, blank_numbers: bool = False) -> tuple[str, str]:
        """The joined texts of a row; ``blank_numbers`` turns paragraph numbers into spaces (offsets kept)."""
        def joined(document: Document, indices: tuple[int, ...]) -> str:
            clauses = [document.clauses[k] for k in indices]
            return " ".join(without_number(c, document.lang) if blank_numbers else c.text for c in clauses)
        return joined(self.ar, pair.ar), joined(self.en, pair.en)

    def clauses(self, pair: AlignedPair) -> tuple[list[Clause], list[Clause]]:
        return [self.ar.clauses[i] for i in pair.ar], [self.en.clauses[j] for j in pair.en]


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    category: str
    description: str
    run: Callable[[CheckContext], Iterator[Finding]]


def quote(text: str, limit: int = QUOTE_CHARS, around: Sequence = ()) -> str:
    """A short quotation of clause text for messages, centred on the first of ``around`` (mentions with
    ``start`` and ``text`` in ``text``) when the clause is too long to quote whole."""
    if len(" ".join(text.split())) <= limit:
        return f"«{' '.join(text.split())}»"
    start = 0
    if around:
        first = min(around, key=lambda m: m.start)
        width = len(first.text)
        start = max(0, min(first.start - (limit - width) // 2, len(text) - limit))
        if start:  # begin on a word
            space = text.find(" ", start, first.start)
            start = space + 1 if space >= 0 else start
    end = start + limit - 2
    if end < len(text):  # end on a word
        space = text.rfind(" ", start + limit // 2, end + 1)
        end = space if space > 0 else end
    piece = " ".join(text[start:end].split())
    return f"«{'…' if start else ''}{piece}{'…' if end < len(text) else ''}»"


def paragraph_label(clauses: list[Clause]) -> str:
    """The paragraphs these clauses belong to, as the text numbers them: "paragraph 9", "paragraphs 9–10"."""
    labels = list(dict.fromkeys(c.label or str(c.paragraph + 1) for c in clauses))
    return f"paragraph {labels[0]}" if len(labels) == 1 else f"paragraphs {labels[0]}–{labels[-1]}"


def file_spans(clauses: list[Clause], joined: str, mentions) -> tuple[Span, ...]:
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


def value_severity(only_ar: list, only_en: list) -> str:
    """Severity of a value check: two different values, one on each side, are unambiguous (an error); a
    value on one side only may be a year or month the other side leaves to the context, a name that reads as
    a month («مايو» Mayo), or layout residue (a warning)."""
    return "error" if only_ar and only_en else "warning"


def pair_texts(ctx: CheckContext) -> Iterator[tuple[AlignedPair, str, str, list[Clause], list[Clause]]]:
    """Every non-gap row with its joined texts and clauses."""
    for pair in ctx.alignment:
        if not pair.is_gap:
            ar, en = ctx.clauses(pair)
            yield pair, *ctx.texts(pair), ar, en


def both_paragraphs(ar: list[Clause], en: list[Clause]) -> str:
    return f"Arabic {paragraph_label(ar)} / English {paragraph_label(en)}"


@dataclass(frozen=True)
class Phrase:
    start: int
    text: str
