"""A peer to measure against on the AlignAR gold set: Bertalign's second pass (Liu & Zhu 2022), written here
from its description and run on our own embeddings, so the literary bar can be read against what a strong
many-to-one aligner reaches with the same encoder.

Bertalign scores a bead of ``a`` Arabic and ``b`` English sentences by the cosine of the two runs embedded as
joined text, less the mean cosine of each run with the sentences just outside the other run (a margin), times
``log2(1 + short / long)`` on the two runs' byte lengths (the English scaled by the document's overall length
ratio). A sentence left unpaired scores ``SKIP``. The path maximises the sum of bead scores over beads with
``a + b <= MAX_BEAD`` (a full search: the documents are short). Its first pass, which only narrows that search,
is left out. With the bundled USE this scores 0.772 strict F1 on the dev literary document and 0.719 on the
held-out ones (the peer's own code with USE swapped in: 0.711 held out, ../shared/notes/anchors.md).
"""

from __future__ import annotations

import numpy as np

from .alignar import Bead, Counts, evaluate_aligner

MAX_BEAD = 10  # a + b, as "beads up to 10" in the notes' measurement
SKIP = -0.1


def _runs(embedder, lines: list[str], longest: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors and byte lengths of every run of 1..``longest`` consecutive lines, indexed [size - 1, end]
    (the run of ``size`` lines ending at line ``end``; zeros where no such run exists)."""
    lengths = np.zeros((longest, len(lines)))
    texts, where = [], []
    for size in range(1, longest + 1):
        for end in range(size - 1, len(lines)):
            text = " ".join(lines[end - size + 1:end + 1])
            texts.append(text)
            where.append((size - 1, end))
            lengths[size - 1, end] = len(text.encode("utf-8"))
    embedded = np.asarray(embedder.embed(texts), dtype=np.float64)
    embedded /= np.maximum(np.linalg.norm(embedded, axis=1, keepdims=True), 1e-12)
    vectors = np.zeros((longest, len(lines), embedded.shape[1]))
    for (size, end), vector in zip(where, embedded):
        vectors[size, end] = vector
    return vectors, lengths


def _neighbours(singles: np.ndarray, vectors: np.ndarray, before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """For each row of ``vectors``, the mean cosine with the sentences ``before`` and ``after`` of the other side
    (indices into ``singles``; those outside the document are left out), as Bertalign's margin."""
    total = np.zeros(len(vectors))
    count = np.zeros(len(vectors))
    for index in (before, after):
        inside = (index >= 0) & (index < len(singles))
        total[inside] += np.einsum("jd,jd->j", vectors[inside], singles[index[inside]])
        count[inside] += 1
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


def bertalign_second_pass(ar_vectors: np.ndarray, ar_lengths: np.ndarray, en_vectors: np.ndarray,
                          en_lengths: np.ndarray, max_bead: int = MAX_BEAD, skip: float = SKIP) -> list[Bead]:
    """The best path under Bertalign's bead score (module docstring), from the run vectors of :func:`_runs`;
    each row of the search scored for all English ends at once."""
    n, m = ar_vectors.shape[1], en_vectors.shape[1]
    ratio = ar_lengths[0].sum() / max(en_lengths[0].sum(), 1.0)
    shapes = [(a, b) for a in range(1, max_bead) for b in range(1, max_bead)
              if a + b <= max_bead and a <= ar_vectors.shape[0] and b <= en_vectors.shape[0]]
    ends = np.arange(1, m + 1)  # j: the English run ends at sentence j - 1
    cost = np.full((n + 1, m + 1), -np.inf)
    move = np.zeros((n + 1, m + 1, 2), dtype=int)
    cost[0, 0] = 0.0
    for i in range(n + 1):
        best = np.full(m + 1, -np.inf)
        if i:
            best = cost[i - 1] + skip  # an Arabic sentence unpaired
            move[i, :] = (1, 0)
            for a, b in shapes:
                if a > i or b > m:  # a run longer than its side (a short document)
                    continue
                x = ar_vectors[a - 1, i - 1]
                runs = en_vectors[b - 1]  # runs[j - 1]: the English run ending at j - 1
                score = runs @ x - (_neighbours(en_vectors[0], np.tile(x, (m, 1)), ends - b - 1, ends)
                                    + _neighbours(ar_vectors[0], runs, np.full(m, i - a - 1), np.full(m, i))) / 2
                longer = np.maximum(ar_lengths[a - 1, i - 1], en_lengths[b - 1] * ratio)
                shorter = np.minimum(ar_lengths[a - 1, i - 1], en_lengths[b - 1] * ratio)
                score *= np.log2(1 + shorter / np.maximum(longer, 1e-9))
                total = np.full(m + 1, -np.inf)
                total[b:] = cost[i - a, :m + 1 - b] + score[b - 1:]
                better = total > best
                best[better] = total[better]
                move[i, better] = (a, b)
        else:
            best[0] = 0.0
        for j in range(1, m + 1):  # an English sentence unpaired: along the row
            if best[j - 1] + skip > best[j]:
                best[j] = best[j - 1] + skip
                move[i, j] = (0, 1)
        cost[i] = best
    beads, i, j = [], n, m
    while i or j:
        a, b = move[i, j]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]


def evaluate(split: str, domain: str, embedder, max_bead: int = MAX_BEAD) -> Counts:
    """Bertalign's second pass on the AlignAR documents of one split and domain, scored as bench.alignar."""
    return evaluate_aligner(split, domain, lambda ar, en: bertalign_second_pass(
        *_runs(embedder, ar, max_bead - 1), *_runs(embedder, en, max_bead - 1), max_bead=max_bead))
