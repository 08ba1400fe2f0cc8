"""Loading the shared evaluation sets and a caching embedder for repeated trials."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from align.embed.cache import CachedEmbedder
from align.report.model import Document
from align.segment.clauses import segment

if TYPE_CHECKING:
    from align.check.lexicon import Lexicon
    from align.pipeline import Options

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


def line_pairs(sets: tuple[str, ...], keep=lambda set_name, doc_name: True) -> list[tuple[str, str]]:
    """Every non-empty line pair of the dev ``sets``' documents that ``keep(set, document)`` accepts."""
    return [(a, e) for name in sets for doc in load_documents(SHARED / "dev" / name) if keep(name, doc.name)
            for a, e in zip(doc.ar, doc.en) if a.strip() and e.strip()]


# the dev sets the bundled lexicon (align.check.lexicon, scripts/build_lexicon.py) is learned from
LEXICON_SETS = ("unv1-devset", "un-charter", "sdg-targets")


def document_half(set_name: str, document: str) -> str:
    """``tune`` or ``test``: the half of the dev documents a document is in, by a hash of its set and name (a
    subset's document, such as unv1-devset/resolutions_subset's, is in its whole set's half)."""
    digest = hashlib.sha1(f"{set_name.split('/')[0]}/{document}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "test"


@functools.lru_cache(maxsize=1)
def half_lexicons() -> dict[str, "Lexicon"]:
    """For each half of the dev documents, the lexicon learned from the *other* half's line pairs (as the
    bundled one is learned from all of them): a benchmark never checks a pair with a table that has seen it,
    as the tool's users' texts are not in the bundled table."""
    from align.check.lexicon import Lexicon

    return {mine: Lexicon.train(line_pairs(LEXICON_SETS, lambda s, d, other=other: document_half(s, d) == other),
                                f"dev-{other}-half")
            for mine, other in (("tune", "test"), ("test", "tune"))}


@functools.lru_cache(maxsize=1)
def _half_lexicon_files() -> dict[str, str]:
    directory = Path(tempfile.mkdtemp(prefix="align-bench-lexicons-"))
    files = {}
    for half, lexicon in half_lexicons().items():
        files[half] = str(directory / f"{half}.tsv")
        lexicon.save(files[half])
    return files


def unseen_options(options: "Options", split: str, set_name: str, document: str) -> "Options":
    """``options`` for checking a document without the bundled lexicon having seen it: a dev document of the
    sets it is learned from is checked with the lexicon of the other half."""
    from align.check.registry import CheckConfig

    if split != "dev" or set_name.split("/")[0] not in LEXICON_SETS:
        return options
    config = replace(options.check_config or CheckConfig(),
                     partial_omission_lexicon=_half_lexicon_files()[document_half(set_name, document)])
    return replace(options, check_config=config)


def as_document(lines: list[str], lang: str) -> Document:
    """A --segmented document made of these lines."""
    return Document(None, lang, tuple(segment("\n".join(lines), lang, split=False)))


@functools.lru_cache(maxsize=1)
def glossary():
    """The bundled glossary, compiled once: the tool's alignment uses it (a short clause's names)."""
    from align.check.glossary import Glossary

    return Glossary.bundled().compile()


def CachingEmbedder(backend) -> CachedEmbedder:  # noqa: N802 - reads as the class it returns
    """``backend`` embedding every distinct text once, in memory without bound (benchmarks repeat texts a lot)."""
    return CachedEmbedder(backend, memory_entries=None)
