"""Loading the shared evaluation sets and a caching embedder for repeated trials."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from align.cache import CachedEmbedder
from align.report import Document
from align.segment import segment

SHARED = Path(os.environ.get("ALIGN_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


@dataclass(frozen=True)
class ParallelDoc:
    name: str
    ar: list[str]
    en: list[str]


def load_documents(directory: Path) -> list[ParallelDoc]:
    """Documents of a line-aligned set, split by its docs.tsv (the whole set as one if there is none)."""
    ar = (directory / "ar.txt").read_text(encoding="utf-8").split("\n")
    en = (directory / "en.txt").read_text(encoding="utf-8").split("\n")
    ar, en = ar[:len(ar) - (ar[-1] == "")], en[:len(en) - (en[-1] == "")]
    docs_tsv = directory / "docs.tsv"
    if not docs_tsv.exists():
        return [ParallelDoc(directory.name, ar, en)]
    docs = []
    for row in docs_tsv.read_text(encoding="utf-8").splitlines()[1:]:
        name, first, last = row.split("\t")[:3]
        docs.append(ParallelDoc(name, ar[int(first) - 1:int(last)], en[int(first) - 1:int(last)]))
    return docs


def as_document(lines: list[str], lang: str) -> Document:
    """A --segmented document made of these lines."""
    return Document(None, lang, tuple(segment("\n".join(lines), lang, split=False)))


@functools.lru_cache(maxsize=1)
def glossary():
    """The bundled glossary, compiled once: the tool's alignment uses it (a short clause's names)."""
    from align.glossary import Glossary

    return Glossary.bundled().compile()


def CachingEmbedder(backend) -> CachedEmbedder:  # noqa: N802 - reads as the class it returns
    """``backend`` embedding every distinct text once, in memory without bound (benchmarks repeat texts a lot)."""
    return CachedEmbedder(backend, memory_entries=None)
