"""The embedding cache on disk: keys, atomic whole entries, corrupt entries recomputed, CLI commands."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from align.check.glossary_cache import compiled_glossary
from align.embed.cache import (CACHE_FORMAT, GLOSSARY_FORMAT, CachedEmbedder, cache_directory, cache_info, clear_cache,
                               decode_entry, derived_key, encode_entry, entry_key)
from align.check.glossary import bundled_glossary_path
from align.cli import app

runner = CliRunner()


class CountingEmbedder:
    """A deterministic stand-in for a backend: vectors from the text's hash; counts what it embeds."""

    def __init__(self, name="fake", model="m", version="1", dimension=8) -> None:
        self.name, self.model, self.version, self.dimension = name, model, version, dimension
        self.embedded: list[str] = []

    def embed(self, texts):
        self.embedded += list(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:self.dimension * 4], dtype=np.uint32)
                .astype(np.float32) for t in texts]
        matrix = np.array(rows, dtype=np.float32).reshape(len(texts), self.dimension)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def entries(directory: Path) -> list[Path]:
    return sorted((directory / CACHE_FORMAT).glob("*/*.f32"))


def test_second_embedder_reads_every_vector_back_bit_for_bit(tmp_path):
    texts = ["يقرر", "Decides", "", "يقرر"]
    first = CachedEmbedder(CountingEmbedder(), tmp_path)
    computed = first.embed(texts)
    assert first.backend.embedded == ["يقرر", "Decides", ""]  # each distinct text once
    second = CachedEmbedder(CountingEmbedder(), tmp_path)
    again = second.embed(texts)
    assert second.backend.embedded == [] and second.stats.disk_hits == 3
    assert again.dtype == np.float32 and np.array_equal(again, computed)
    assert len(entries(tmp_path)) == 3


@pytest.mark.parametrize("kind, texts", [
    ("partial-omission-v1", ("يقرر", "Decides")),
    ("partial-omission-v2", ("يقرر", "Decides")),   # a new version of the derivation: a new entry
    ("partial-omission-v1", ("Decides", "يقرر")),   # the texts in another order
    ("partial-omission-v1", ("يقرر\x1fDecides",)),  # the separator inside a text
])
def test_derived_values_are_kept_per_kind_and_texts_and_read_back(tmp_path, kind, texts):
    calls = []

    def compute():
        calls.append(1)
        return np.array([1.0, 2.5, float(len(calls))])

    first = CachedEmbedder(CountingEmbedder(), tmp_path)
    value = first.remembered(kind, texts, compute)
    assert first.remembered(kind, texts, compute).tolist() == value.tolist() == [1.0, 2.5, 1.0]  # memory
    second = CachedEmbedder(CountingEmbedder(), tmp_path)
    assert second.remembered(kind, texts, compute).tolist() == [1.0, 2.5, 1.0] and len(calls) == 1  # disk
    assert second.backend.embedded == [] and second.stats.disk_hits == 1
    others = {derived_key(first.backend, k, t) for k, t in [("partial-omission-v1", ("يقرر", "Decides")),
                                                            ("partial-omission-v2", ("يقرر", "Decides")),
                                                            ("partial-omission-v1", ("Decides", "يقرر")),
                                                            ("partial-omission-v1", ("يقرر\x1fDecides",))]}
    assert len(others) == 4 and entry_key(first.backend, texts[0]) not in others
    assert derived_key(CountingEmbedder(version="2"), kind, texts) != derived_key(first.backend, kind, texts)


def test_a_corrupt_derived_value_is_recomputed(tmp_path):
    CachedEmbedder(CountingEmbedder(), tmp_path).remembered("k", ("a",), lambda: np.array([3.0]))
    [path] = entries(tmp_path)
    path.write_bytes(path.read_bytes()[:-2])
    again = CachedEmbedder(CountingEmbedder(), tmp_path)
    assert again.remembered("k", ("a",), lambda: np.array([4.0])).tolist() == [4.0] and again.stats.discarded == 1


def test_memory_only_embedder_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    embedder = CachedEmbedder(CountingEmbedder())
    embedder.embed(["a", "b"])
    embedder.embed(["b", "c"])
    assert embedder.backend.embedded == ["a", "b", "c"]
    assert list(tmp_path.iterdir()) == []


def test_empty_batch_and_attributes_come_from_the_backend(tmp_path):
    backend = CountingEmbedder(dimension=8)
    backend.batch_size = 16
    embedder = CachedEmbedder(backend, tmp_path)
    assert embedder.embed([]).shape == (0, 8)
    assert (embedder.name, embedder.model, embedder.version, embedder.dimension, embedder.batch_size) == \
        ("fake", "m", "1", 8, 16)


@pytest.mark.parametrize("change", [{"name": "other"}, {"model": "m2"}, {"version": "2"}, {"dimension": 4}])
def test_key_depends_on_backend_model_version_and_dimension(tmp_path, change):
    base = CountingEmbedder()
    other = CountingEmbedder(**{**dict(name="fake", model="m", version="1", dimension=8), **change})
    assert entry_key(base, "text") != entry_key(other, "text")
    CachedEmbedder(base, tmp_path).embed(["text"])
    reader = CachedEmbedder(other, tmp_path)
    reader.embed(["text"])
    assert reader.backend.embedded == ["text"]  # never served another backend's vector


def test_key_depends_on_the_exact_text():
    backend = CountingEmbedder()
    keys = {entry_key(backend, t) for t in ("يقرر", "يقرّر", "يقرر ", "Decides", "decides")}
    assert len(keys) == 5


def _corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "flipped byte":
        path.write_bytes(data[:-3] + bytes([data[-3] ^ 0x40]) + data[-2:])
    elif how == "truncated":
        path.write_bytes(data[:len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "extra bytes":
        path.write_bytes(data + b"\x00\x00\x00\x00")
    elif how == "wrong magic":
        path.write_bytes(b"XXXXXXXX" + data[8:])
    elif how == "another entry":  # a whole, valid entry, but of another text
        path.write_bytes(next(p for p in path.parent.parent.glob("*/*.f32") if p != path).read_bytes())
    elif how == "directory":
        path.unlink()
        path.mkdir()


@pytest.mark.parametrize("how", ["flipped byte", "truncated", "empty", "extra bytes", "wrong magic",
                                 "another entry", "directory"])
def test_corrupt_entry_is_discarded_and_recomputed(tmp_path, how):
    texts = ["one", "two"]
    reference = CachedEmbedder(CountingEmbedder(), tmp_path).embed(texts)
    victim = tmp_path / CACHE_FORMAT / entry_key(CountingEmbedder(), "one")[:2] / \
        (entry_key(CountingEmbedder(), "one") + ".f32")
    _corrupt(victim, how)
    embedder = CachedEmbedder(CountingEmbedder(), tmp_path)
    vectors = embedder.embed(texts)
    assert embedder.backend.embedded == ["one"]
    assert np.array_equal(vectors, reference)
    assert embedder.stats.discarded == (0 if how == "directory" else 1)
    if how != "directory":  # rewritten whole: the next embedder trusts it again
        assert decode_entry(entry_key(CountingEmbedder(), "one"), victim.read_bytes()) is not None


@pytest.mark.parametrize("data", [b"", b"ALEMB", encode_entry("0" * 64, np.ones(4, np.float32))[:-1]])
def test_decode_entry_refuses_incomplete_data(data):
    assert decode_entry("0" * 64, data) is None


def test_writes_leave_no_temporary_files(tmp_path):
    CachedEmbedder(CountingEmbedder(), tmp_path).embed([f"text {k}" for k in range(50)])
    files = [p for p in (tmp_path / CACHE_FORMAT).rglob("*") if p.is_file()]
    assert len(files) == 50 and all(not p.name.startswith(".") for p in files)


def test_unwritable_cache_is_skipped_silently(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the directory should be")
    embedder = CachedEmbedder(CountingEmbedder(), blocker)
    vectors = embedder.embed(["a", "b"])
    assert vectors.shape == (2, 8) and embedder.stats.write_errors == 2


@pytest.mark.parametrize("env, expected", [
    ({"ALIGN_CACHE_DIR": "{tmp}/mine", "XDG_CACHE_HOME": "{tmp}/xdg"}, "{tmp}/mine"),
    ({"XDG_CACHE_HOME": "{tmp}/xdg"}, "{tmp}/xdg/align"),
])
def test_cache_directory(tmp_path, monkeypatch, env, expected):
    monkeypatch.delenv("ALIGN_CACHE_DIR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    assert cache_directory() == Path(expected.format(tmp=tmp_path))


def test_info_and_clear_touch_only_the_cache_tree(tmp_path):
    CachedEmbedder(CountingEmbedder(), tmp_path).embed(["a", "b", "c"])
    (tmp_path / "keep.txt").write_text("not ours")
    info = cache_info(tmp_path)
    assert (info.directory, info.entries) == (tmp_path, 3)
    assert info.bytes == sum(p.stat().st_size for p in entries(tmp_path))
    assert clear_cache(tmp_path) == 3
    assert cache_info(tmp_path).entries == 0 and (tmp_path / "keep.txt").read_text() == "not ours"
    assert clear_cache(tmp_path / "never-created") == 0


def test_cache_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    CachedEmbedder(CountingEmbedder(), tmp_path).embed(["a", "b"])
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0
    assert info.stdout.splitlines()[:2] == [f"directory: {tmp_path}", "entries:   2"]
    cleared = runner.invoke(app, ["cache", "clear"])
    assert (cleared.exit_code, cleared.stdout) == (0, f"removed 2 entries from {tmp_path}\n")
    assert runner.invoke(app, ["cache", "info"]).stdout.splitlines()[1] == "entries:   0"


def test_check_fills_the_cache_and_a_warm_run_is_byte_identical(tmp_path, monkeypatch, use_backend):
    import align.pipeline

    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "cache"))
    built: list[CachedEmbedder] = []
    real = align.pipeline.CachedEmbedder

    def spy(backend, directory=None, **options):
        built.append(real(backend, directory, **options))
        return built[-1]

    monkeypatch.setattr(align.pipeline, "CachedEmbedder", spy)
    cold = runner.invoke(app, ["check", "--demo", "--format", "json", "--fail-on", "never"])
    warm = runner.invoke(app, ["check", "--demo", "--format", "json", "--fail-on", "never"])
    assert cold.exit_code == warm.exit_code == 0
    assert warm.stdout == cold.stdout
    assert built[0].stats.computed > 0 and built[1].stats.computed == 0
    assert built[1].stats.disk_hits == built[0].stats.computed
    stored = cache_info(tmp_path / "cache").entries
    assert stored == built[0].stats.computed
    (tmp_path / "cache" / CACHE_FORMAT).rename(tmp_path / "moved")  # --no-cache must neither read nor write
    uncached = runner.invoke(app, ["check", "--demo", "--format", "json", "--fail-on", "never", "--no-cache"])
    assert built[2].directory is None and built[2].stats.computed == stored
    assert not (tmp_path / "cache" / CACHE_FORMAT).exists()
    assert json.loads(uncached.stdout)["summary"] == json.loads(cold.stdout)["summary"]


def _qatar_mentions(glossary) -> list[str]:
    return [m.text for m in glossary.find("الجهود التي تبذلها دولة قطر ومجلس الأمن", "ar")]


def test_compiled_glossary_is_kept_and_an_edited_glossary_is_not_read_stale(tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("id\tcategory\ten\tar\ttags\norg-gcc\torganisation\tGulf Cooperation Council\tمجلس التعاون الخليجي\t\n",
                     encoding="utf-8")
    first = compiled_glossary((bundled_glossary_path(), extra), tmp_path / "cache")
    entries = list((tmp_path / "cache" / GLOSSARY_FORMAT).glob("*.pickle"))
    assert len(entries) == 1
    again = compiled_glossary((bundled_glossary_path(), extra), tmp_path / "cache")
    assert _qatar_mentions(again) == _qatar_mentions(first) == ["دولة قطر", "ومجلس الأمن"]
    extra.write_text(extra.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # edited: a new entry
    compiled_glossary((bundled_glossary_path(), extra), tmp_path / "cache")
    assert len(list((tmp_path / "cache" / GLOSSARY_FORMAT).glob("*.pickle"))) == 2


def test_a_damaged_glossary_entry_is_rebuilt_and_no_directory_writes_nothing(tmp_path):
    compiled_glossary((bundled_glossary_path(),), tmp_path)
    (entry,) = (tmp_path / GLOSSARY_FORMAT).glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    assert _qatar_mentions(compiled_glossary((bundled_glossary_path(),), tmp_path)) == ["دولة قطر", "ومجلس الأمن"]
    assert len(entry.read_bytes()) > 100
    clear_cache(tmp_path)
    assert not (tmp_path / GLOSSARY_FORMAT).exists()
    assert _qatar_mentions(compiled_glossary((bundled_glossary_path(),), None)) == ["دولة قطر", "ومجلس الأمن"]
    assert not (tmp_path / GLOSSARY_FORMAT).exists()


def test_background_writes_are_on_disk_after_flush(tmp_path):
    cached = CachedEmbedder(CountingEmbedder(), tmp_path, background_writes=True)
    cached.embed(["a", "b", "c"])
    cached.flush()
    assert cache_info(tmp_path).entries == 3
    fresh = CountingEmbedder()
    CachedEmbedder(fresh, tmp_path).embed(["a", "b", "c"])
    assert fresh.embedded == []


def test_a_long_embedding_reports_its_progress_in_chunks():
    from align.embed.cache import PROGRESS_CHUNK, CachedEmbedder

    class Counting:
        name, model, version, dimension = "fake", "fake", "1", 4

        def embed(self, texts):
            return np.ones((len(texts), 4), dtype=np.float32)

    seen = []
    embedder = CachedEmbedder(Counting())
    embedder.progress = lambda stage, done, total: seen.append((stage, done, total))
    texts = [f"text {k}" for k in range(2 * PROGRESS_CHUNK + 10)]
    assert embedder.embed(texts).shape == (len(texts), 4)
    assert seen == [("embed", k, len(texts)) for k in (0, PROGRESS_CHUNK, 2 * PROGRESS_CHUNK, len(texts))]
    seen.clear()
    embedder.embed(texts)  # all remembered: nothing to report
    assert seen == []
