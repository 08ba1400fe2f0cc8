"""Monotonic alignment of two clause sequences, on matrices only (no text here).

The search is a dynamic programme over the moves 1-1, 2-1, 1-2, 1-0 and 0-1
that maximises the total value of the beads. :func:`bead_values` turns cosine
similarities into values (a clause pair is worth its similarity above a
threshold, corrected for how similar each clause is to everything else and for
the Arabic/English length ratio); :func:`search` finds the best path;
:func:`recheck_merges` splits a merged bead whose extra clause adds nothing to
its similarity, so an omission next to a match is reported as a gap instead of
being swallowed (the failure of Vecalign's and Bertalign's defaults).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable

import numpy as np

ALIGNER_VERSION = "dp-1"
MOVES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))


@dataclass(frozen=True)
class AlignParams:
    """Thresholds of the aligner; calibrated per embedding backend."""

    threshold: float = 0.40        # a 1-1 pair is worth its adjusted similarity minus this
    margin_weight: float = 0.50    # weight of each clause's mean similarity to its top neighbours
    margin_k: int = 4              # neighbours in that mean
    margin_min_clauses: int = 6    # below this many clauses per side the margin term is not used
    merge_penalty: float = -0.02   # a 2-1 or 1-2 bead pays this on top of the threshold (negative: the
                                   # search proposes merges freely; recheck_merges keeps only real ones)
    support_threshold: float = 0.45  # a merged clause must match some stretch of its counterpart this well
    length_ratio: float = 0.88     # Arabic characters per English character in a faithful translation
    length_weight: float = 0.05    # penalty per unit of |log(length ratio / expected)|
    gap_value: float = 0.0         # value of leaving one clause unpaired

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class BeadValues:
    """Values of every possible bead, and the similarities they came from."""

    v11: np.ndarray  # (n, m): Arabic i with English j
    v21: np.ndarray  # (n-1, m): Arabic i, i+1 with English j
    v12: np.ndarray  # (n, m-1): Arabic i with English j, j+1
    gap_ar: np.ndarray  # (n,)
    gap_en: np.ndarray  # (m,)
    sim11: np.ndarray
    sim21: np.ndarray
    sim12: np.ndarray


def _top_k_mean(sim: np.ndarray, k: int, axis: int) -> np.ndarray:
    size = sim.shape[axis]
    if size == 0:
        return np.zeros(sim.shape[1 - axis], dtype=np.float32)
    k = min(k, size)
    part = -np.partition(-sim, k - 1, axis=axis)
    part = part[:k] if axis == 0 else part[:, :k]
    return part.mean(axis=axis)


def _length_penalty(len_ar: np.ndarray, len_en: np.ndarray, params: AlignParams) -> np.ndarray:
    ratio = np.log((len_ar[:, None] + 10.0) / (params.length_ratio * len_en[None, :] + 10.0))
    return params.length_weight * np.abs(ratio)


def bead_values(sim11: np.ndarray, sim21: np.ndarray, sim12: np.ndarray,
                len_ar: np.ndarray, len_en: np.ndarray, params: AlignParams) -> BeadValues:
    """Value of every 1-1, 2-1 and 1-2 bead from cosine similarities and clause lengths.

    ``sim21[i, j]`` is the cosine of Arabic clauses i and i+1 embedded as one text
    with English clause j; ``sim12`` likewise for two English clauses.
    """
    n, m = sim11.shape
    len_ar = np.asarray(len_ar, dtype=np.float64)
    len_en = np.asarray(len_en, dtype=np.float64)
    if min(n, m) >= params.margin_min_clauses:
        nbr_ar = _top_k_mean(sim11, params.margin_k, axis=1)
        nbr_en = _top_k_mean(sim11, params.margin_k, axis=0)
        centre = float(np.median(np.concatenate([nbr_ar, nbr_en])))
        # how much more generic than the document's typical clause each clause is
        excess_ar = params.margin_weight * (nbr_ar - centre)
        excess_en = params.margin_weight * (nbr_en - centre)
    else:
        excess_ar = np.zeros(n)
        excess_en = np.zeros(m)
    join_ar = len_ar[:-1] + len_ar[1:]
    join_en = len_en[:-1] + len_en[1:]
    v11 = sim11 - (excess_ar[:, None] + excess_en[None, :]) / 2 - params.threshold \
        - _length_penalty(len_ar, len_en, params)
    v21 = sim21 - ((excess_ar[:-1] + excess_ar[1:])[:, None] / 2 + excess_en[None, :]) / 2 \
        - params.threshold - params.merge_penalty - _length_penalty(join_ar, len_en, params)
    v12 = sim12 - (excess_ar[:, None] + (excess_en[:-1] + excess_en[1:])[None, :] / 2) / 2 \
        - params.threshold - params.merge_penalty - _length_penalty(len_ar, join_en, params)
    return BeadValues(v11, v21, v12, np.full(n, params.gap_value), np.full(m, params.gap_value),
                      sim11, sim21, sim12)


def search(values: BeadValues) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Best monotonic path: a list of beads (Arabic indices, English indices).

    Row-by-row dynamic programme; the 0-1 moves inside a row are a cumulative
    maximum, so each row is a handful of numpy operations (O(n·m) time).
    """
    n, m = values.v11.shape
    score = np.full((n + 1, m + 1), -np.inf)
    move = np.full((n + 1, m + 1), -1, dtype=np.int8)  # index into MOVES
    gap_en_prefix = np.concatenate([[0.0], np.cumsum(values.gap_en)])

    def close_row(i: int, candidate: np.ndarray, cand_move: np.ndarray) -> None:
        # D[i, j] = max_k<=j candidate[k] + (G[j] - G[k]): the 0-1 moves, as a running maximum
        running = np.maximum.accumulate(candidate - gap_en_prefix) + gap_en_prefix
        from_gap = running > candidate + 1e-12
        score[i] = np.where(from_gap, running, candidate)
        move[i] = np.where(from_gap, 4, cand_move)

    first = np.full(m + 1, -np.inf)
    first[0] = 0.0
    close_row(0, first, np.full(m + 1, -1, dtype=np.int8))
    for i in range(1, n + 1):
        candidate = score[i - 1] + values.gap_ar[i - 1]  # 1-0
        cand_move = np.full(m + 1, 3, dtype=np.int8)
        if m >= 1:
            c11 = score[i - 1, :-1] + values.v11[i - 1]
            better = c11 > candidate[1:]
            candidate[1:] = np.where(better, c11, candidate[1:])
            cand_move[1:] = np.where(better, 0, cand_move[1:])
        if i >= 2 and m >= 1:
            c21 = score[i - 2, :-1] + values.v21[i - 2]
            better = c21 > candidate[1:]
            candidate[1:] = np.where(better, c21, candidate[1:])
            cand_move[1:] = np.where(better, 1, cand_move[1:])
        if m >= 2:
            c12 = score[i - 1, :-2] + values.v12[i - 1]
            better = c12 > candidate[2:]
            candidate[2:] = np.where(better, c12, candidate[2:])
            cand_move[2:] = np.where(better, 2, cand_move[2:])
        close_row(i, candidate, cand_move)

    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        da, de = MOVES[move[i, j]]
        beads.append((tuple(range(i - da, i)), tuple(range(j - de, j))))
        i, j = i - da, j - de
    beads.reverse()
    return beads


def recheck_merges(beads: list[tuple[tuple[int, ...], tuple[int, ...]]],
                   support: Callable[[tuple[int, ...], tuple[int, ...], int], float],
                   params: AlignParams) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Split a 2-1 or 1-2 bead whose extra clause is not found inside its counterpart.

    ``support(ar, en, k)`` is the best similarity between member ``k`` of the
    merged side and any stretch of the other side's text; a member under
    ``params.support_threshold`` becomes a gap (1-0 or 0-1) beside the pair, in
    order, so an omission next to a match is reported instead of swallowed.
    """
    out = []
    for ar, en in beads:
        merged = ar if len(ar) == 2 else en if len(en) == 2 else ()
        if not merged or not ar or not en:
            out.append((ar, en))
            continue
        weak = [k for k in range(2) if support(ar, en, k) < params.support_threshold]
        if len(weak) != 1:  # both found (a true merge), or neither (leave it to the similarity checks)
            out.append((ar, en))
            continue
        keep = merged[1 - weak[0]]
        lost = merged[weak[0]]
        if merged is ar:
            pair, gap = ((keep,), en), ((lost,), ())
        else:
            pair, gap = (ar, (keep,)), ((), (lost,))
        out.extend([gap, pair] if weak[0] == 0 else [pair, gap])
    return out


def bead_score(ar: tuple[int, ...], en: tuple[int, ...], values: BeadValues) -> float | None:
    """Cosine similarity of a bead (None for a gap)."""
    if not ar or not en:
        return None
    if len(ar) == 1 and len(en) == 1:
        return float(values.sim11[ar[0], en[0]])
    if len(ar) == 2:
        return float(values.sim21[ar[0], en[0]])
    return float(values.sim12[ar[0], en[0]])
