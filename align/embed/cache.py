"""Embeddings cached on disk, so a second check of the same texts embeds nothing.

One file per text under ``<cache dir>/embeddings-v1/<2 hex>/<sha256>.f32``. The name is a hash of
backend name, model, backend version and text (or, for a small vector a check derives from texts with the
model, such as the partial-omission check's phrase ablations, of the derivation's name and its texts); the
file holds a magic tag, the vector's dimension, a SHA-256 of name and vector, and the float32 vector. A file
that is short, long or fails its checksum is deleted and the vector recomputed, never trusted. Files are
written to a temporary name and renamed into place, so readers only ever see whole entries. The cache is an
optimisation: a cache directory that cannot be written is skipped silently.

The directory is ``$ALIGN_CACHE_DIR`` when set, else the platform's user cache directory
(platformdirs ``user_cache_dir("align")``, which honours ``$XDG_CACHE_HOME``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from align.embed.backends import Embedder, embedder_key

CACHE_FORMAT = "embeddings-v1"
_MAGIC = b"ALEMB\x00\x01\x00"
_HEADER = struct.Struct("<8sI32s")  # magic, dimension, sha256(key + payload)
SUFFIX = ".f32"
MEMORY_ENTRIES = 50_000  # vectors also kept in memory for the life of one embedder
PROGRESS_CHUNK = 256  # texts embedded between two progress reports
_TMP_TAG = f"{os.getpid()}-{os.urandom(4).hex()}"  # temporary names unique to this process...
_TMP_COUNTER = itertools.count()                    # ... and to each write


def cache_directory() -> Path:
    """Where the cache lives: $ALIGN_CACHE_DIR, else the user cache directory of ``align``."""
    override = os.environ.get("ALIGN_CACHE_DIR")
    if override:
        return Path(override)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - a declared dependency
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "align"
    return Path(user_cache_dir("align", appauthor=False))


def entry_key(backend: Embedder, text: str) -> str:
    """Hex SHA-256 naming the entry of ``text`` embedded by ``backend`` (name, model, version, dimension)."""
    try:
        identity = embedder_key(backend)
    except AttributeError:  # an embedder that does not state its dimension
        identity = f"{backend.name}|{backend.model}|{backend.version}|"
    material = "\x1f".join((CACHE_FORMAT, identity, text))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def derived_key(backend: Embedder, kind: str, texts: Sequence[str]) -> str:
    """Hex SHA-256 naming a value derived from ``texts`` by ``backend``'s model (see
    :meth:`CachedEmbedder.remembered`): the backend's identity, the derivation's ``kind`` and the texts."""
    material = "\x1f".join((entry_key(backend, ""), "\x00derived", kind, *(f"{len(t)}:{t}" for t in texts)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def encode_entry(key: str, vector: np.ndarray) -> bytes:
    payload = np.ascontiguousarray(vector, dtype="<f4").tobytes()
    digest = hashlib.sha256(key.encode("ascii") + payload).digest()
    return _HEADER.pack(_MAGIC, vector.shape[0], digest) + payload


def decode_entry(key: str, data: bytes) -> np.ndarray | None:
    """The vector stored in ``data``, or None when the entry is truncated, padded or corrupt."""
    if len(data) < _HEADER.size:
        return None
    magic, dimension, digest = _HEADER.unpack_from(data)
    payload = data[_HEADER.size:]
    if magic != _MAGIC or len(payload) != 4 * dimension or dimension == 0:
        return None
    if hashlib.sha256(key.encode("ascii") + payload).digest() != digest:
        return None
    return np.frombuffer(payload, dtype="<f4").astype(np.float32)


@dataclass
class CacheStats:
    """What one embedder did: vectors read from disk, computed, and corrupt entries discarded."""

    disk_hits: int = 0
    computed: int = 0
    discarded: int = 0
    write_errors: int = 0


class CachedEmbedder:
    """Wraps any :class:`Embedder`; remembers vectors in memory and, given a directory, on disk."""

    def __init__(self, backend: Embedder, directory: str | Path | None = None,
                 memory_entries: int | None = MEMORY_ENTRIES, background_writes: bool = False) -> None:
        """``memory_entries``: vectors kept in memory (oldest dropped first); ``None``: no bound.
        ``background_writes``: new entries are written by a thread while the caller goes on; call
        :meth:`flush` before relying on them being on disk."""
        self.backend = backend
        self.memory_entries = memory_entries
        self.name, self.model, self.version = backend.name, backend.model, backend.version
        self.dimension = getattr(backend, "dimension", None)
        self.directory = Path(directory) if directory is not None else None
        self.stats = CacheStats()
        self._memory: dict[str | tuple[str, str], np.ndarray] = {}
        self.background_writes = background_writes
        self._writer = None  # the thread writing new entries while the caller goes on (see flush)
        self._pending: list = []
        self._folders: set[str] = set()  # entry folders known to exist
        self.progress: Callable[[str, int, int], None] | None = None  # ("embed", done, total) of a long embedding

    def __getattr__(self, attribute: str):
        """Anything else a backend offers (batch_size...), from the wrapped backend."""
        if attribute == "backend":
            raise AttributeError(attribute)
        return getattr(self.backend, attribute)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._cached(list(texts), self.backend.embed)

    def embed_joined(self, runs: Sequence[Sequence[str]]) -> np.ndarray:
        """Embeddings of runs of texts joined with spaces, cached under the joined text; the missing ones
        from the backend's own ``embed_joined`` where it has one (see :func:`align.embed.backends.embed_joined`)."""
        from align.embed.backends import embed_joined

        members = {" ".join(run): run for run in runs}
        return self._cached([" ".join(run) for run in runs],
                            lambda missing: embed_joined(self.backend, [members[text] for text in missing]))

    def remembered(self, kind: str, texts: Sequence[str], compute: Callable[[], np.ndarray]) -> np.ndarray:
        """A small vector the caller derives from ``texts`` with this model (``compute()``), kept in memory and
        on disk like an embedding. ``kind`` names the derivation and its version: a new version of the code
        that computes it must use a new ``kind``, so it never reads a stale entry."""
        key = derived_key(self.backend, kind, texts)
        vector = self._memory.get(("derived", key))  # a tuple: never a text's own entry
        if vector is None:
            vector = self._load_key(key)
        if vector is None:
            vector = np.asarray(compute(), dtype=np.float32)
            self.stats.computed += 1
            self._store_later([(key, vector)])
        self._remember(("derived", key), vector)
        return vector

    def _cached(self, texts: list[str], compute) -> np.ndarray:
        if not texts:
            return self.backend.embed([])
        found: dict[str, np.ndarray] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            vector = self._memory.get(text)
            if vector is None:
                vector = self._load(text)
            if vector is None:
                missing.append(text)
            else:
                found[text] = vector
        if missing:
            vectors = self._computed(missing, compute)
            self.stats.computed += len(missing)
            found.update(zip(missing, vectors))
            if self.directory is not None:
                self._store_later([(entry_key(self.backend, t), v) for t, v in zip(missing, vectors)])
        for text, vector in found.items():
            self._remember(text, vector)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def _computed(self, missing: list[str], compute) -> np.ndarray:
        """``compute(missing)``; in chunks, each reported to :attr:`progress`, when there are many."""
        if self.progress is None or len(missing) <= PROGRESS_CHUNK:
            return np.asarray(compute(missing), dtype=np.float32)
        parts = []
        for start in range(0, len(missing), PROGRESS_CHUNK):
            self.progress("embed", start, len(missing))
            parts.append(np.asarray(compute(missing[start:start + PROGRESS_CHUNK]), dtype=np.float32))
        self.progress("embed", len(missing), len(missing))
        return np.concatenate(parts)

    def _remember(self, text: str | tuple[str, str], vector: np.ndarray) -> None:
        if text not in self._memory and self.memory_entries is not None \
                and len(self._memory) >= self.memory_entries:
            self._memory.pop(next(iter(self._memory)))
        self._memory[text] = vector

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / CACHE_FORMAT / key[:2] / (key + SUFFIX)

    def _load(self, text: str) -> np.ndarray | None:
        return None if self.directory is None else self._load_key(entry_key(self.backend, text))

    def _load_key(self, key: str) -> np.ndarray | None:
        if self.directory is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        vector = decode_entry(key, data)
        if vector is None:
            self.stats.discarded += 1
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.stats.disk_hits += 1
        return vector

    def _store_later(self, entries: list[tuple[str, np.ndarray]]) -> None:
        """Write new entries, on a background thread if asked: file creation overlaps the search and checks."""
        if self.directory is None:
            return
        if not self.background_writes:
            for key, vector in entries:
                self._store(key, vector)
            return
        if self._writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="align-cache")
        self._pending.append(self._writer.submit(lambda: [self._store(k, v) for k, v in entries]))

    def flush(self) -> None:
        """Wait until every vector computed so far is written (or its write has failed)."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def _store(self, key: str, vector: np.ndarray) -> None:
        """Write the entry named ``key`` through a temporary file and a rename (plain os calls: a document's
        thousands of entries are written while the search runs, and each Python step between the calls holds
        the GIL)."""
        if self.directory is None:
            return
        folder = os.path.join(self.directory, CACHE_FORMAT, key[:2])
        tmp = os.path.join(folder, f".tmp-{_TMP_TAG}-{next(_TMP_COUNTER)}{SUFFIX}")
        created = False
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
            try:
                data = memoryview(encode_entry(key, vector))
                while data:
                    data = data[os.write(fd, data):]
            finally:
                os.close(fd)
            os.replace(tmp, os.path.join(folder, key + SUFFIX))
        except OSError:
            self.stats.write_errors += 1
            if created:
                Path(tmp).unlink(missing_ok=True)


@dataclass(frozen=True)
class CacheInfo:
    directory: Path
    entries: int
    bytes: int


def cache_info(directory: str | Path | None = None) -> CacheInfo:
    """Entries and bytes of the cache in ``directory`` (default: :func:`cache_directory`)."""
    root = Path(directory) if directory is not None else cache_directory()
    entries = size = 0
    tree = root / CACHE_FORMAT
    if tree.is_dir():
        for path in tree.glob(f"*/*{SUFFIX}"):
            if not path.name.startswith("."):
                entries += 1
            try:
                size += path.stat().st_size
            except OSError:
                pass
    return CacheInfo(root, entries, size)


GLOSSARY_FORMAT = "glossary-v1"  # the tree of compiled glossaries (align.check.glossary_cache)


def clear_cache(directory: str | Path | None = None) -> int:
    """Delete every entry (only the cache's own trees, never the rest of the directory); how many embeddings."""
    info = cache_info(directory)
    for tree in (info.directory / CACHE_FORMAT, info.directory / GLOSSARY_FORMAT):
        if tree.is_dir():
            shutil.rmtree(tree, ignore_errors=True)
    return info.entries
