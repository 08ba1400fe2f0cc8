"""The whole job: read both versions, segment, embed, align, check, report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import __version__
from .aligner import ALIGNER_VERSION, MOVES, AlignParams, bead_score, bead_values, recheck_merges, search
from .checks import CHECKS, CheckConfig, CheckContext, run_checks
from .embed import Embedder, get_backend
from .errors import InputError
from .inputs import bundled_pair, read_text
from .normalize import NORMALIZER_VERSION
from .report import AlignedPair, Document, Report, Signature
from .segment import SEGMENTER_VERSION, Clause, segment

# Aligner thresholds calibrated per backend on ../shared/data/dev (see bench/).
CALIBRATED: dict[str, AlignParams] = {"use": AlignParams()}


@dataclass(frozen=True)
class Options:
    """Everything a check run can be told."""

    segmented: bool = False
    backend: str = "use"
    model: str | None = None
    device: str | None = None
    batch_size: int | None = None
    params: AlignParams | None = None
    check_config: CheckConfig = field(default_factory=CheckConfig)
    checks: tuple[str, ...] | None = None


def read_document(path: str | Path, lang: str, segmented: bool) -> Document:
    text = read_text(path)
    clauses = segment(text, lang, split=not segmented)  # type: ignore[arg-type]
    if not clauses:
        raise InputError(f"{path}: no clauses found")
    return Document(str(path), lang, tuple(clauses))


def _joined(clauses: tuple[Clause, ...]) -> list[str]:
    return [clauses[k].text + " " + clauses[k + 1].text for k in range(len(clauses) - 1)]


def align_documents(ar: Document, en: Document, embedder: Embedder,
                    params: AlignParams) -> tuple[AlignedPair, ...]:
    """Alignment rows covering every clause of both sides once, in order."""
    ar_texts = [c.text for c in ar.clauses]
    en_texts = [c.text for c in en.clauses]
    batch = ar_texts + en_texts + _joined(ar.clauses) + _joined(en.clauses)
    vectors = embedder.embed(batch)
    n, m = len(ar_texts), len(en_texts)
    e_ar, e_en = vectors[:n], vectors[n:n + m]
    j_ar, j_en = vectors[n + m:n + m + max(n - 1, 0)], vectors[n + m + max(n - 1, 0):]
    sim11 = e_ar @ e_en.T
    sim21 = j_ar @ e_en.T if n > 1 else np.zeros((0, m), dtype=np.float32)
    sim12 = e_ar @ j_en.T if m > 1 else np.zeros((n, 0), dtype=np.float32)
    values = bead_values(sim11, sim21, sim12, np.array([len(t) for t in ar_texts]),
                         np.array([len(t) for t in en_texts]), params)
    beads = search(values)
    support = _merge_support(beads, ar.clauses, en.clauses, vectors[:n], vectors[n:n + m], embedder)
    beads = recheck_merges(beads, support, params)
    return tuple(AlignedPair(a, e, bead_score(a, e, values)) for a, e in beads)


_FRAGMENT_BREAK = re.compile(r"(?<=[,;:.،؛])\s+|\s+(?=(?:and|و)\s)|\s+(?=و[\u0621-\u064a]{3,})")


def _windows(text: str, widest: int = 3) -> list[str]:
    """Stretches of one to ``widest`` consecutive comma-separated fragments of a clause."""
    parts = [p for p in _FRAGMENT_BREAK.split(text) if p.strip()]
    return [" ".join(parts[a:b]) for a in range(len(parts))
            for b in range(a + 1, min(a + widest, len(parts)) + 1)]


def _merge_support(beads, ar: tuple[Clause, ...], en: tuple[Clause, ...], e_ar: np.ndarray,
                   e_en: np.ndarray, embedder: Embedder):
    """For each merged bead, how well each merged clause matches some stretch of its counterpart."""
    requests: dict[tuple[str, int], list[str]] = {}
    for a, e in beads:
        if len(a) == 2 and len(e) == 1:
            requests.setdefault(("en", e[0]), _windows(en[e[0]].text))
        elif len(e) == 2 and len(a) == 1:
            requests.setdefault(("ar", a[0]), _windows(ar[a[0]].text))
    texts = [w for windows in requests.values() for w in windows]
    vectors = embedder.embed(texts) if texts else np.zeros((0, e_ar.shape[1]), dtype=np.float32)
    window_vectors, offset = {}, 0
    for key, windows in requests.items():
        window_vectors[key] = vectors[offset:offset + len(windows)]
        offset += len(windows)

    def support(a: tuple[int, ...], e: tuple[int, ...], k: int) -> float:
        if len(a) == 2:
            member, windows = e_ar[a[k]], window_vectors[("en", e[0])]
        else:
            member, windows = e_en[e[k]], window_vectors[("ar", a[0])]
        return float((windows @ member).max()) if len(windows) else 0.0

    return support


def check_files(ar_path: str | Path | None = None, en_path: str | Path | None = None,
                options: Options | None = None, embedder: Embedder | None = None) -> Report:
    """Check an Arabic file against its English version (the bundled resolution by default)."""
    options = options or Options()
    if (ar_path is None) != (en_path is None):
        raise InputError("give both the Arabic and the English file, or neither for the bundled resolution")
    if ar_path is None:
        ar_path, en_path = bundled_pair()
    unknown = [c for c in options.checks or () if c not in CHECKS]
    if unknown:
        raise InputError(f"unknown check {unknown[0]!r}; see 'align checks'")
    ar = read_document(ar_path, "ar", options.segmented)
    en = read_document(en_path, "en", options.segmented)
    if embedder is None:
        embedder = get_backend(options.backend, model=options.model, device=options.device,
                               batch_size=options.batch_size)
    params = options.params or CALIBRATED.get(embedder.name, AlignParams())
    alignment = align_documents(ar, en, embedder, params)
    context = CheckContext(ar, en, alignment, options.check_config)
    findings = run_checks(context, list(options.checks) if options.checks else None)
    signature = Signature(
        tool=__version__, backend=embedder.name, model=embedder.model, backend_version=embedder.version,
        normalizer=NORMALIZER_VERSION, segmenter=SEGMENTER_VERSION + ("-lines" if options.segmented else ""),
        aligner=ALIGNER_VERSION, moves=",".join(f"{a}-{b}" for a, b in MOVES),
        thresholds={**params.to_dict(), **options.check_config.to_dict()})
    return Report(signature, ar, en, alignment, tuple(findings))
