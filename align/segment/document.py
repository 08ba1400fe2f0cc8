"""What segmentation gives: a :class:`Document`, one version as the tool read it, with its clauses."""

from __future__ import annotations

from dataclasses import dataclass

from align.segment.clauses import Clause


@dataclass(frozen=True)
class Document:
    """One version as the tool read it."""

    path: str | None
    lang: str
    clauses: tuple[Clause, ...]
    encoding: str | None = None  # how the file was decoded: utf-8, cp1256, docx, pdf... (see align.read.inputs)
    format: str | None = None  # text, docx, pdf or html
    wrapped_at: int | None = None  # hard-wrapped text read with its lines rejoined: the column (0: not measured)

    def to_dict(self) -> dict:
        return {"path": self.path, "encoding": self.encoding, "format": self.format,
                "clauses": [c.to_dict() for c in self.clauses], "wrapped_at": self.wrapped_at}

    @property
    def name(self) -> str:
        """The file's name as a reviser sees it in a location ("ar.txt" of "ar.txt:145"); "-" for stdin."""
        if not self.path or self.path == "-":
            return "-"
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def paragraphs(self, indices: tuple[int, ...]) -> list[str]:
        """The labels of the paragraphs these clauses belong to ("9", "9(a)", "23"), in order, once each."""
        return list(dict.fromkeys(self.clauses[k].label for k in indices))

    def lines(self, indices: tuple[int, ...]) -> list[int]:
        """The 1-based file lines of these clauses, in order, once each."""
        return list(dict.fromkeys(self.clauses[k].line for k in indices))

    def extent(self, indices: tuple[int, ...]) -> tuple[str, str]:
        """The paragraphs and the file lines of these clauses, each as one label: ("23", "23"), ("14–15", "14–16")."""
        labels, lines = self.paragraphs(indices), self.lines(indices)
        return (labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}",
                str(lines[0]) if len(lines) == 1 else f"{lines[0]}–{lines[-1]}")

    def where(self, indices: tuple[int, ...]) -> str:
        """A location in a reviser's terms: "paragraph 23 (ar.txt:23)", "paragraphs 14–15 (ar.txt:14–15)"."""
        if not indices:
            return "—"
        _, line = self.extent(indices)
        return f"{self.paragraph_name(indices)} ({self.name}:{line})"

    def paragraph_name(self, indices: tuple[int, ...]) -> str:
        """The paragraphs these clauses are in, as a reviser names them: "paragraph 23", "paragraph (2)",
        "paragraphs 14–15"."""
        label, _ = self.extent(indices)
        return f"{'paragraph' if '–' not in label else 'paragraphs'} {label}"
