"""The whole job: read both versions, segment, embed, align, check, report."""

from __future__ import annotations

import functools
import hashlib
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

from align import __version__
from align.alignment.aligner import (ALIGNER_VERSION, AlignParams, RunSide, align_grid, exact_similarities, moves,
                                     pair_stranded, peel_unsupported, unpair_unrelated)
from align.alignment.beads import AlignedPair
from align.calibration import CALIBRATED, check_config_for  # aligner thresholds calibrated per backend (bench/)
from align.check.partial import LEVELS as PARTIAL_LEVELS
from align.check.partial import can_ablate
from align.check.findings import row_of_finding
from align.check.registry import CHECKS, CheckConfig, CheckContext, run_checks
from align.embed.backends import Embedder, embed_joined, get_backend
from align.embed.cache import CachedEmbedder, cache_directory
from align.errors import InputError
from align.read.inputs import InputText, bundled_pair, read_input
from align.read.sanity import UNRELATED_BELOW, check_languages, clause_count_mismatch, unrelated_score
from align.report.baseline import fingerprint, load_baseline
from align.report.model import Report, Signature
from align.revision.compare import Revision, UnrelatedVersions, compare_pairs, revision_findings
from align.segment.clauses import SEGMENTER_VERSION, Clause, segment, without_number
from align.segment.document import Document
from align.text.normalize import NORMALIZER_VERSION

Progress = Callable[[str, int, int], None]  # (stage, done, total): what a long run reports as it goes

if TYPE_CHECKING:
    from align.check.glossary import Glossary


@dataclass(frozen=True)
class Options:
    """Everything a check run can be told."""

    segmented: bool = False
    backend: str = "use"
    model: str | None = None
    device: str | None = None
    batch_size: int | None = None
    params: AlignParams | None = None
    check_config: CheckConfig | None = None  # None: the backend's calibrated thresholds
    checks: tuple[str, ...] | None = None
    glossaries: tuple[str, ...] = ()      # glossary files extending the bundled one
    baseline: str | None = None           # findings listed there are suppressed
    cache: bool = True                    # embeddings cached on disk (align.embed.cache) by check_files' backend
    swap: bool = True                     # Arabic and English given the other way round: swap with a warning
    unwrap: bool | None = None            # hard-wrapped text: rejoin lines between blank lines (None: when detected)
    partial_omission: str | None = None   # default, strict or off (None: the check config's, default)
    lexicon: str | None = None            # partial-omission's word-translation table (None: the check config's)
    config: str | None = None             # the configuration file that set options ("pyproject.toml@<sha256>"):
                                          # recorded in the signature
    previous: tuple[str, str] | None = None  # the previous release of the pair (Arabic, English): the report
                                             # adds what changed on one side only (align.revision)
    since: str | None = None              # or: the previous release is the same files at this git revision


def read_document(source: str | Path | InputText, lang: str, segmented: bool,
                  unwrap: bool | None = None) -> Document:
    """One version, read (any format and encoding :func:`align.read.inputs.read_input` takes) and segmented.

    ``lang`` is ``ar``, ``en`` or ``auto`` (from the text's script). A path read here is checked against its
    script: a language the text contradicts is refused (:class:`InputError`), so Arabic is never segmented
    as English (an :class:`InputText` comes from :func:`_read_pair`, which has checked both versions).
    ``unwrap``: the text is hard-wrapped, a paragraph is a run of lines between blank lines; None (default):
    so when :func:`align.segment.clauses.hard_wrapped_width` detects it, never with ``segmented``; the document's
    ``wrapped_at`` then says at which column.
    """
    if isinstance(source, InputText) and lang != "auto":
        return _segmented(source, lang, segmented, unwrap)
    from align.read.sanity import script_profile

    source = source if isinstance(source, InputText) else read_input(source)
    profile = script_profile(source.text)
    found = profile.language
    if lang == "auto":
        if found not in ("ar", "en"):
            raise InputError(f"{source.path}: cannot tell its language ({profile.describe()}); give --lang ar or en")
        lang = found
    elif found in ("ar", "en") and found != lang:
        names = {"ar": "Arabic", "en": "English"}
        raise InputError(f"{source.path}: the text is {names[found]}, not {names[lang]} "
                         f"(--lang {found}, or --lang auto)")
    return _segmented(source, lang, segmented, unwrap)


def _segmented(source: InputText, lang: str, segmented: bool, unwrap: bool | None = None) -> Document:
    from align.segment.clauses import hard_wrapped_width

    width = hard_wrapped_width(source.text) if unwrap is None and not segmented else None
    unwrapped = bool(unwrap) or width is not None
    clauses = segment(source.text, lang, split=not segmented, unwrap=unwrapped)  # type: ignore[arg-type]
    if not clauses:
        raise InputError(f"{source.path}: no clauses found")
    return Document(source.path, lang, tuple(clauses), encoding=source.encoding, format=source.format,
                    wrapped_at=(width or 0) if unwrapped else None)


def unwrap_warning(document: Document) -> str:
    """What a reviser is told when a document was found hard-wrapped and its lines rejoined."""
    return (f"{document.path}: hard-wrapped at about {document.wrapped_at} columns: its lines are rejoined into "
            f"paragraphs between blank lines (--no-unwrap keeps every line)")


def _read_pair(ar_path: str | Path | InputText, en_path: str | Path | InputText,
               options: Options) -> tuple[Document, Document, list[str]]:
    """Both versions, in the right order (swapped with a warning when given the other way round)."""
    if str(ar_path) == "-" and str(en_path) == "-":
        raise InputError("only one of the two files can be standard input (-)")
    ar_input, en_input = (source if isinstance(source, InputText) else read_input(source)
                          for source in (ar_path, en_path))
    verdict = check_languages(ar_input.text, en_input.text)
    warnings = []
    if verdict.status == "swapped" and options.swap:
        warnings.append(verdict.message(ar_input.path, en_input.path))
        ar_input, en_input = en_input, ar_input
    elif verdict.status != "ok":
        raise InputError(verdict.message(ar_input.path, en_input.path, swap=options.swap))
    warnings += [*ar_input.warnings, *en_input.warnings]
    ar = read_document(ar_input, "ar", options.segmented, options.unwrap)
    en = read_document(en_input, "en", options.segmented, options.unwrap)
    warnings += [unwrap_warning(d) for d in (ar, en) if d.wrapped_at and options.unwrap is None]
    if clause_count_mismatch(len(ar.clauses), len(en.clauses)):
        raise InputError(f"{ar.path} has {_clauses(len(ar.clauses))} and {en.path} has "
                         f"{_clauses(len(en.clauses))}: not versions of the same text "
                         "(or one lost its line breaks)")
    return ar, en, warnings


def _clauses(count: int) -> str:
    return f"{count:,} clause" + ("" if count == 1 else "s")


def _check_related(ar: Document, en: Document, embedder: Embedder) -> None:
    """Refuse two documents that are not translations of each other (see :mod:`align.read.sanity`)."""
    vectors = embedder.embed([c.text for c in ar.clauses] + [c.text for c in en.clauses])
    n = len(ar.clauses)
    score = unrelated_score(vectors[:n], vectors[n:])
    if score is not None:
        raise InputError(f"{ar.path} and {en.path} do not look like translations of each other "
                         f"(median best-match similarity {score:.2f}; translations score above "
                         f"{UNRELATED_BELOW:.2f})")


def align_documents(ar: Document, en: Document, embedder: Embedder,
                    params: AlignParams, glossary: Glossary | None = None) -> tuple[AlignedPair, ...]:
    """Alignment rows covering every clause of both sides once, in order.

    Every clause is embedded once; joined runs only where the search merges
    them (see :mod:`align.alignment.aligner`), and the fragments of a merged bead's
    counterpart only to re-check that merge. With a ``glossary``, a short
    merged clause naming a term its counterpart lacks is peeled off too.
    """
    n = len(ar.clauses)
    vectors = embedder.embed([c.text for c in ar.clauses] + [c.text for c in en.clauses])
    sides = {"ar": RunSide(vectors[:n], [len(c.text) for c in ar.clauses],
                           groups=np.array([c.paragraph for c in ar.clauses])),
             "en": RunSide(vectors[n:], [len(c.text) for c in en.clauses],
                           groups=np.array([c.paragraph for c in en.clauses]))}
    clauses = {"ar": ar.clauses, "en": en.clauses}

    def embed_runs(side: str, runs: list[tuple[int, int]]) -> np.ndarray:
        return embed_joined(embedder, [[c.text for c in clauses[side][start:stop]] for start, stop in runs])

    beads = align_grid(sides["ar"], sides["en"], params, embed_runs).beads
    evidence: dict = {}
    beads = peel_unsupported(beads, sides["ar"], sides["en"], params, embed_runs,
                             _support(beads, clauses, sides, embedder, glossary), evidence,
                             _contribution(clauses, sides, embedder, params.peel_contribution_tie))
    beads = unpair_unrelated(beads, sides["ar"], sides["en"], params, evidence)
    beads = pair_stranded(beads, sides["ar"], sides["en"], params,
                          lambda i, j: _short_and_unrendered("ar", clauses["ar"][i], (clauses["en"][j],), glossary)
                          or _short_and_unrendered("en", clauses["en"][j], (clauses["ar"][i],), glossary))
    scores = exact_similarities(beads, sides["ar"], sides["en"], embed_runs)
    return tuple(AlignedPair(a, e, score, evidence.get(("ar", a[0]) if a else ("en", e[0])) if not (a and e) else None)
                 for (a, e), score in zip(beads, scores))


_FRAGMENT_BREAK = re.compile(
    r"(?<=[,;:.،؛])\s+"              # after punctuation
    r"|(?<=[.;:،؛])(?=[^\W\d_])"     # after punctuation glued to the next word («التضامن.ب-»)
    r"|\s+(?=(?:and|و)\s)"           # before a conjunction
    r"|\s+(?=و[\u0621-\u064a]{3,})"  # before «و» attached to a word
)


def _windows(clauses: tuple[Clause, ...], run: tuple[int, int], widest: int = 3) -> list[list[str]]:
    """Stretches of one to ``widest`` consecutive comma-separated fragments of a run of clauses (each to be
    joined with spaces). With two, USE finds as many deletions on dev, but E5's compressed similarities leave
    a true sub-clause unsupported."""
    text = " ".join(c.text for c in clauses[run[0]:run[1]])
    parts = [p for p in _FRAGMENT_BREAK.split(text) if p.strip()]
    return [parts[a:b] for a in range(len(parts)) for b in range(a + 1, min(a + widest, len(parts)) + 1)]


SHORT_CLAUSE_WORDS = 5  # a merged clause this short is peeled when its numbers or names are not in its counterpart


def _short_and_unrendered(side: str, clause: Clause, counterpart: tuple[Clause, ...],
                          glossary: Glossary | None) -> bool:
    """Whether ``clause`` is short and names a number or a glossary term its ``counterpart`` clauses lack.
    A paragraph number counts only when both sides are numbered: "9." on one side only is layout, as in
    the checks, while "3." against «2 -» says these are different paragraphs."""
    if len(without_number(clause, side).split()) > SHORT_CLAUSE_WORDS:
        return False
    other = "en" if side == "ar" else "ar"
    numbered = bool(clause.number) and any(c.number for c in counterpart)

    def text(c: Clause, lang: str) -> str:
        return c.text if numbered else without_number(c, lang)

    return _unrendered(side, text(clause, side), " ".join(text(c, other) for c in counterpart), glossary)


def _unrendered(side: str, text: str, other_text: str, glossary: Glossary | None) -> bool:
    """Whether ``text`` (on ``side``) has an explicit number, or a glossary term, that ``other_text`` lacks."""
    from align.check.numbers import unmatched_numbers

    pair = (text, other_text) if side == "ar" else (other_text, text)
    mine = 0 if side == "ar" else 1
    if unmatched_numbers(*pair)[mine]:
        return True
    return glossary is not None and bool(glossary.missing_counterparts(*pair)[mine])


def _support(beads, clauses: dict[str, tuple[Clause, ...]], sides: dict[str, RunSide], embedder: Embedder,
             glossary: Glossary | None = None):
    """``support(side, clause, other_run)``: how well a clause matches some stretch of the other side's run.

    The stretches (one to three consecutive fragments) of the counterpart of
    every merged run are embedded in one batch.
    """
    other = {"ar": "en", "en": "ar"}
    requests: dict[tuple[str, tuple[int, int]], list[list[str]]] = {}
    for a, e in beads:
        if not a or not e or len(a) + len(e) == 2:
            continue
        for side, run, members in (("ar", a, e), ("en", e, a)):
            if len(members) < 2:  # only the clauses of a merged run are re-checked, against this side's run
                continue
            key = (side, (run[0], run[-1] + 1))
            requests.setdefault(key, _windows(clauses[side], key[1]))
    texts = [w for windows in requests.values() for w in windows]
    vectors = embed_joined(embedder, texts) if texts else np.zeros((0, 1), dtype=np.float32)
    window_vectors, offset = {}, 0
    for key, windows in requests.items():
        window_vectors[key] = vectors[offset:offset + len(windows)]
        offset += len(windows)

    def support(side: str, clause: int, other_run: tuple[int, int]) -> float:
        if _short_and_unrendered(side, clauses[side][clause], clauses[other[side]][slice(*other_run)], glossary):
            return 0.0  # "Article 14", «إن المجلس الاقتصادي والاجتماعي،» say little to an embedding but their
            # number or name, which the counterpart does not have
        windows = window_vectors.get((other[side], other_run))
        if windows is None:  # a run the peeling made: embed its stretches now
            windows = window_vectors[(other[side], other_run)] = embed_joined(
                embedder, _windows(clauses[other[side]], other_run))
        member = sides[side].vectors[clause]
        return float((windows @ member).max()) if len(windows) else 0.0

    return support


def _contribution(clauses: dict[str, tuple[Clause, ...]], sides: dict[str, RunSide], embedder: Embedder,
                  tie: float):
    """``contribution(side, clause, run, other_run)``: how much of the other side's run ``clause`` explains that
    the rest of its own ``run`` does not.

    The other run is cut into its comma-separated fragments (embedded once per run); each fragment counts,
    by its share of the characters, for how much better ``clause`` matches it than the best other clause of
    ``run`` does (plus ``tie``: a fragment matched about as well counts a little). An honest member of a join
    is the best match of the fragments that render it; an orphan on the same subject explains nothing its
    neighbours do not (a counterpart of one fragment: whether it matches the whole better than the rest does).
    None for a short clause: a few words say too little to an embedding to be compared fragment by fragment
    (the short-clause test of the support covers them).
    """
    other = {"ar": "en", "en": "ar"}
    fragments: dict[tuple[str, tuple[int, int]], tuple[np.ndarray, np.ndarray]] = {}

    def contribution(side: str, clause: int, run: tuple[int, int], other_run: tuple[int, int]) -> float | None:
        if len(clauses[side][clause].text.split()) <= SHORT_CLAUSE_WORDS:
            return None
        key = (other[side], other_run)
        if key not in fragments:
            parts = _windows(clauses[other[side]], other_run, widest=1)
            weights = np.array([len(" ".join(p)) for p in parts], dtype=np.float64)
            vectors = embed_joined(embedder, parts) if parts else np.zeros((0, 1))
            fragments[key] = (vectors, weights / max(weights.sum(), 1.0))
        vectors, weights = fragments[key]
        if not len(vectors):
            return None
        members = list(range(*run))
        scores = sides[side].vectors[members] @ vectors.T
        at = members.index(clause)
        rest = np.delete(scores, at, axis=0).max(axis=0)
        return float((weights * np.maximum(scores[at] - rest + tie, 0.0)).sum())

    return contribution


def check_files(ar_path: str | Path | None = None, en_path: str | Path | None = None,
                options: Options | None = None, embedder: Embedder | None = None, *,
                pair_checks: bool = True, progress: Progress | None = None) -> Report:
    """Check an Arabic file against its English version (the bundled resolution by default). The report's
    ``timings`` say where the time went, stage by stage (a model loads on its first use: in "embed the
    clauses"; later embeddings count in the stage that asks for them). With ``options.previous`` or
    ``options.since`` it also reports what changed on one side only since the previous release
    (:mod:`align.revision`); ``pair_checks=False`` reports only that (:func:`compare_files`). ``progress``,
    when given, is called as ``progress(stage, done, total)`` while a long stage runs ("embed" new texts,
    "partial-omission" rows)."""
    options = options or Options()
    if (ar_path is None) != (en_path is None):
        raise InputError("give both the Arabic and the English file, or neither for the bundled resolution")
    if ar_path is None:
        ar_path, en_path = bundled_pair()
    unknown = [c for c in options.checks or () if c not in CHECKS]
    if unknown:
        raise InputError(f"unknown check {unknown[0]!r}; see 'align checks'")
    before: list[tuple[str, float]] = []
    after: list[tuple[str, float]] = []
    with _stage(before, "read and segment"):
        ar, en, warnings = _read_pair(ar_path, en_path, options)
        previous = _previous_pair(ar.path, en.path, options)
    with _stage(before, "load the backend"):
        if embedder is None:
            embedder = get_backend(options.backend, model=options.model, device=options.device,
                                   batch_size=options.batch_size)
            embedder = CachedEmbedder(embedder, cache_directory() if options.cache else None,
                                      background_writes=True)
        else:
            embedder = CachedEmbedder(embedder)  # in memory only: the clauses are embedded once
        embedder.progress = progress
    try:
        with _stage(before, "embed the clauses"):
            _check_related(ar, en, embedder)
        report = check_documents(ar, en, options, embedder, warnings, previous, pair_checks, progress)
    finally:
        with _stage(after, "write the cache"):
            embedder.flush()  # new cache entries are written while the search and the checks run
    return replace(report, timings=(*before, *report.timings, *after))


@contextmanager
def _stage(timings: list[tuple[str, float]], name: str):
    """Append (``name``, the seconds the block took) to ``timings``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings.append((name, time.perf_counter() - started))


def compare_files(ar_path: str | Path, en_path: str | Path, options: Options,
                  embedder: Embedder | None = None, progress: Progress | None = None) -> Report:
    """What changed on one side only between the previous release of a pair (``options.previous``, or the same
    files at the git revision ``options.since``) and this one: the report of ``align changes``, whose findings
    are the revision's alone."""
    if options.previous is None and options.since is None:
        raise InputError("give the previous versions (four files) or --since REV")
    return check_files(ar_path, en_path, options, embedder, pair_checks=False, progress=progress)


def _previous_pair(ar_path: str | None, en_path: str | None, options: Options) -> tuple[Document, Document] | None:
    """The previous release of the pair, read and segmented as the new one is, or None when none was given."""
    if options.previous is not None and options.since is not None:
        raise InputError("give the previous versions or --since, not both")
    if options.previous is not None:
        sources = options.previous
    elif options.since is not None:
        from align.read.git import read_at_revision

        sources = tuple(read_at_revision(path or "-", options.since) for path in (ar_path, en_path))
    else:
        return None
    ar, en, _ = _read_pair(*sources, replace(options, swap=False))
    return ar, en


def check_documents(ar: Document, en: Document, options: Options, embedder: Embedder,
                    warnings: list[str] | tuple[str, ...] = (),
                    previous: tuple[Document, Document] | None = None, pair_checks: bool = True,
                    progress: Progress | None = None) -> Report:
    """Align two segmented versions, run the checks (``pair_checks``) and, given the previous release of the
    pair, what changed on one side only; build the report."""
    timings: list[tuple[str, float]] = []
    with _stage(timings, "load the glossary and the settings"):
        params = options.params or CALIBRATED.get(embedder.name, AlignParams())
        check_config = _check_config(options, embedder)
        glossary = _glossary(options.glossaries, options.cache)  # the peel uses it too
    with _stage(timings, "align"):
        alignment = align_documents(ar, en, embedder, params, glossary)
    selected = (list(options.checks) if options.checks else list(CHECKS)) if pair_checks else []
    if "partial-omission" in selected and check_config.partial_omission_threshold is not None \
            and not can_ablate(embedder):
        warnings = (*warnings, f"partial-omission was not run: it needs the use backend (phrase ablation from "
                               f"its token features), not {embedder.name}")
        selected.remove("partial-omission")
    context = CheckContext(ar, en, alignment, check_config, glossary, embedder, progress)
    seconds: dict[str, float] = {}
    findings = run_checks(context, selected, seconds) if selected else []
    timings += [(f"check {name}", value) for name, value in seconds.items()]
    extra = {}
    if previous is not None:
        with _stage(timings, "compare with the previous release"):
            revision = _revision(previous, ar, en, alignment, embedder, params, glossary)
            findings = sorted([*findings, *revision_findings(revision, ar, en)], key=row_of_finding(alignment))
            extra["revision"] = revision.to_dict()
    with _stage(timings, "report"):
        fingerprints = [fingerprint(f, ar, en) for f in findings]
        suppressed = 0
        if options.baseline:
            reviewed = load_baseline(options.baseline)
            kept = [(fp, f) for fp, f in zip(fingerprints, findings) if fp not in reviewed]
            suppressed = len(findings) - len(kept)
            fingerprints, findings = [fp for fp, _ in kept], [f for _, f in kept]
        signature = run_signature(options, embedder)
        if previous is not None:
            signature = replace(signature, previous=_digest(previous))
    return Report(signature, ar, en, alignment, tuple(findings), fingerprints=tuple(fingerprints),
                  suppressed=suppressed, warnings=tuple(warnings), timings=tuple(timings), extra=extra)


def _digest(documents: tuple[Document, ...]) -> str:
    """A short digest of the clauses of these documents: what the signature records of a previous release."""
    text = "\x00".join("\x1f".join(c.text for c in d.clauses) for d in documents)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _revision(previous: tuple[Document, Document], ar: Document, en: Document, alignment, embedder: Embedder,
              params: AlignParams, glossary) -> Revision:
    previous_ar, previous_en = previous
    previous_alignment = align_documents(previous_ar, previous_en, embedder, params, glossary)
    try:
        return compare_pairs(previous_ar, previous_en, previous_alignment, ar, en, alignment)
    except UnrelatedVersions as exc:
        raise InputError(str(exc)) from exc


def _check_config(options: Options, embedder: Embedder) -> CheckConfig:
    config = options.check_config or check_config_for(embedder.name)
    if options.lexicon is not None:
        config = replace(config, partial_omission_lexicon=options.lexicon)
        config.lexicon()  # a table that cannot be read fails before the work
    if options.partial_omission is None:
        return config
    if options.partial_omission not in PARTIAL_LEVELS:
        raise InputError(f"unknown --partial-omission level {options.partial_omission!r}; "
                         f"choose {', '.join(PARTIAL_LEVELS)}")
    return replace(config, partial_omission=options.partial_omission)


def run_signature(options: Options, embedder: Embedder) -> Signature:
    """The signature every report of a run with these options and this embedder carries."""
    params = options.params or CALIBRATED.get(embedder.name, AlignParams())
    check_config = _check_config(options, embedder)
    return Signature(
        tool=__version__, backend=embedder.name, model=embedder.model, backend_version=embedder.version,
        normalizer=NORMALIZER_VERSION, segmenter=SEGMENTER_VERSION + ("-lines" if options.segmented else "")
        + ("-unwrap" if options.unwrap else ""),
        aligner=ALIGNER_VERSION, moves=",".join(f"{a}-{b}" for a, b in moves(params.max_run)),
        thresholds={**params.to_dict(), **check_config.to_dict()}, dimension=getattr(embedder, "dimension", None),
        config=options.config)


@functools.lru_cache(maxsize=8)
def _glossary(extra: tuple[str, ...], cache: bool = True):
    from align.check.glossary import GlossaryError, bundled_glossary_path
    from align.check.glossary_cache import compiled_glossary

    for path in extra:
        if not Path(path).exists():
            raise InputError(f"{path}: no such glossary file")
        if Path(path).is_dir():
            raise InputError(f"{path}: is a directory, not a glossary file")
    try:
        return compiled_glossary((bundled_glossary_path(), *extra), cache_directory() if cache else None)
    except GlossaryError as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        raise InputError(f"{exc.filename or 'glossary'}: cannot read the glossary ({exc.strerror or exc})") from exc
