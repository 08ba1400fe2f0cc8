"""Monotonic alignment of two clause sequences, on matrices only (no text here).

Input: the clause embeddings of both sides (L2-normalised rows) and the clause
lengths. Output: beads, each a run of Arabic clauses paired with a run of
English clauses (one side empty for a gap), covering both sides in order.

* **Moves.** 1-1, 1-0, 0-1, 1-k and k-1 up to ``max_run`` (10), 2-2, 2-3 and
  3-2. Runs longer than ``search_run`` (6) are searched only when the best
  path uses a run that long (a list rendered item by item), so 1-1 text pays
  for 16 shapes, not 24. A bead is worth its cosine similarity above
  ``threshold``, corrected by how similar each clause is to its nearest
  neighbours (generic clauses must not match everything), by the
  Arabic/English length ratio, and minus a small price per clause beyond a
  1-1 pair. A merged bead also pays for each member clause whose own cosine
  with the counterpart falls short of ``member_floor``, and, per clause, for a
  length skew beyond ``merge_length_tolerance``: a clause glued to a match
  costs what its gap would, so a run of unrelated clauses never beats the
  gaps it hides. A gap is worth ``gap_value``. The search maximises the total.
* **Joined runs without embedding every run.** A run of clauses is first
  scored with the length-weighted sum of its clause embeddings (a prefix sum,
  no model call); the runs that the best path merges, and their neighbours,
  are then embedded as one text through ``embed_runs`` and the search is
  repeated until its merged beads are all scored exactly (Vecalign and
  Bertalign embed every run instead).
* **Linear memory.** The search runs row by row inside a band of columns;
  small inputs get the full band, large ones a band around the path of the
  same search on block-averaged embeddings (coarse to fine, as Vecalign
  does), widened until the path no longer touches its edges.
* **Merge re-check.** Each clause at the end of a merged run must be found in
  some stretch of its counterpart (``support``), or it is peeled off as a gap,
  so an omission next to a match is reported instead of being swallowed. One
  test per bead and member (support, and the bead's value with and without
  it); its tolerance widens smoothly with the share of merged beads, a prior
  for a translator who splits sentences, never a switch, and with how well
  the member is found. Where merging is rare the test also asks what the
  member adds: the share of the counterpart's fragments it matches better
  than the rest of its run does (``contribution``); an orphan of the same
  subject matches the counterpart about as well as its neighbours, yet
  explains none of it that they do not. Two gaps crossing inside one bead
  leave together by the same test; a member inside a run that no stretch
  of the counterpart renders leaves with the weaker part of the run. A
  peeled clause
  joins the bead on its other side when that bead passes the same test (the
  boundary moved by one sentence).
* **Unrelated beads.** Last, a bead far below the document's typical pair
  whose clauses each match some unrelated clause nearby better than each
  other is unpaired (:func:`unpair_unrelated`): two clauses left by nearby
  deletions on opposite sides no longer pass for a translation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable, NamedTuple

import numpy as np

from align.text.stats import median, median_of_enough

ALIGNER_VERSION = "dp-15"

Run = tuple[int, int]  # [start, stop) of clause indices on one side
Bead = tuple[tuple[int, ...], tuple[int, ...]]
EmbedRuns = Callable[[str, list[Run]], np.ndarray]
Support = Callable[[str, int, Run], float]
Contribution = Callable[[str, int, Run, Run], "float | None"]


class PeelEvidence(NamedTuple):
    """Why a clause left a merged run: the counterpart it was tried against, how well it matched that
    counterpart's best stretch, how much the bead's value rose without it (None: not computed, the
    support alone decided), how well it matches the counterpart's clauses away from the bead (its
    background: what an unrelated clause of this document scores for it), and the share of the
    counterpart it explains that the rest of its run does not (None: not measured)."""

    counterpart: tuple[int, ...]
    support: float
    gain: float | None
    background: float | None = None
    contribution: float | None = None


def moves(max_run: int) -> tuple[tuple[int, int], ...]:
    """The bead shapes the search may use."""
    shapes = [(1, 1), (1, 0), (0, 1)]
    shapes += [(k, 1) for k in range(2, max_run + 1)] + [(1, k) for k in range(2, max_run + 1)]
    shapes += [s for s in ((2, 2), (2, 3), (3, 2)) if max(s) <= max_run]
    return tuple(shapes)


@dataclass(frozen=True)
class AlignParams:
    """Thresholds of the aligner; calibrated per embedding backend."""

    threshold: float = 0.40        # a 1-1 pair is worth its adjusted similarity minus this
    margin_weight: float = 0.50    # weight of each clause's mean similarity to its top neighbours
    margin_k: int = 4              # neighbours in that mean
    margin_min_clauses: int = 6    # below this many clauses per side the margin term is not used
    margin_window: int = 64        # neighbours are sought this far from the proportional position
    merge_penalty: float = 0.02    # a merged bead pays this on top of the threshold
    run_penalty: float = 0.025     # ... and this per clause beyond three
    approx_bias: float = 0.03      # the summed-embedding estimate of a run reads this much low
    support_threshold: float = 0.25  # a merged clause must match some stretch of its counterpart this well
    support_keep: float = 0.80     # ... and one matching a stretch this well stays whatever the gain
    support_habit_share: float = 0.5  # an end clause's floor falls by this share as merging becomes the habit
                                   # (a literary split's end sentence can match no stretch well)
    peel_gain: float = 0.03        # ... and leaving it out must not raise the bead's value by more than
                                   # minus this (a member must add this much, where merges are rare)
    peel_length_weight: float = 0.10  # the bead's value in the peel: similarity minus this per unit of
                                   # |log(length ratio / expected)|, so a clause the counterpart is too short for leaves
    peel_gain_habitual: float = -0.05  # ... or by more than this where merging is the translator's habit:
    peel_merge_rate: float = 0.50  # the tolerance moves from peel_gain to peel_gain_habitual as the share of the
                                   # other paired beads that are merged rises to this (literary text: 0.6-0.75)
    peel_literal: float = 0.82     # ... scaled by how freely the document is translated: not at all where its median
    peel_literal_span: float = 0.08  # 1-1 pair reads this well, fully this much lower (official UN text reads
                                   # about 0.8, where a merge is an edit; freely translated text much lower)
    peel_support_slope: float = 0.20  # ... and by this per unit of the member's support above support_threshold
                                   # (a member found in its counterpart may cost the bead a little similarity)
    peel_background_weight: float = 0.50  # ... the support first less this share of how well the member matches
                                   # the counterpart's clauses away from the bead (above support_threshold): in a
                                   # document on one subject an orphan half-matches any clause; where merging is
                                   # the habit the share shrinks to nothing, as the tolerance widens
    peel_background_window: int = 2  # clauses either side of the bead's counterpart that are not "away"
    peel_background_reach: int = 100  # ... and how far either side the background is looked for
    peel_contribution_weight: float = 2.0  # ... and where merges are rare (times one less the habit), the bead
    peel_contribution_floor: float = 0.06  # must gain this much more, per unit the member's contribution falls
                                   # short of the floor: the counterpart's fragments it matches better than the
                                   # rest of its run, each by how much, length-weighted (honest members of a join:
                                   # median 0.14; orphans of a nearby deletion: median 0.00 in the dev mixed bench)
    peel_contribution_tie: float = 0.02  # ... a fragment the member matches within this of the rest counts for it
                                   # (two list items that share words, "General partnership" / "Limited ...")
    unrelated_below_typical: float = 0.40  # a bead this far below the median 1-1 pair of the document ...
    unrelated_margin: float = -0.08  # ... whose cosine is at most its clauses' background plus this is unpaired
                                   # (two clauses left by nearby deletions on opposite sides: dev mixed edits pair
                                   # them at 0.33-0.40 where unrelated clauses nearby match them 0.07-0.18 better;
                                   # the two true UN pairs that low are 0.04-0.06 below theirs)
    stranded_below_typical: float = 0.20  # clauses left unpaired between the same two beads are paired when
    stranded_cells: int = 250_000  # within this of the median 1-1 pair (mutual best; stretches up to this size)
    length_ratio: float = 0.88     # Arabic characters per English character in a faithful translation
    length_weight: float = 0.10    # penalty per unit of |log(length ratio / expected)|
    gap_value: float = -0.2        # value of leaving one clause unpaired (merges are re-checked by peeling)
    merge_length_weight: float = 0.50  # a merged bead also pays this, times its clauses beyond one, per unit of
    merge_length_tolerance: float = 0.50  # length skew above this (an unrelated clause makes a run too long)
    member_floor: float = 0.30     # a member of a merged run should reach this cosine with its counterpart...
    member_weight: float = 0.5     # ... the bead pays this per unit each member falls short (an unrelated
                                   # clause glued to a match costs about what its gap would)
    min_similarity: float = 0.25   # no bead below this cosine (random UN pairs: 99th percentile 0.27)
    min_pair_similarity: float = 0.30  # ... and no 1-1 pair below this: two clauses left by nearby deletions on
                                   # opposite sides read just under it, true pairs above
    max_run: int = 10              # longest run of clauses merged on one side
    search_run: int = 6            # runs longer than this are tried only once the path has one this long
    full_band_cells: int = 1_500_000  # above this many cells the band comes from a coarse pass
    band_margin: int = 24          # columns on each side of the coarse path

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class RunSide:
    """One side's clause embeddings, with prefix sums for run estimates and exact run vectors."""

    vectors: np.ndarray
    lengths: np.ndarray
    exact: dict[Run, np.ndarray] = field(default_factory=dict)  # read it; add with set_exact
    groups: np.ndarray | None = None  # the paragraph of each clause, when clauses are parts of paragraphs

    def set_exact(self, run: Run, vector: np.ndarray) -> None:
        """Record the embedding of a joined run (clauses run[0]..run[1]-1 embedded as one text)."""
        self.exact[run] = np.asarray(vector, dtype=np.float64)
        size = run[1] - run[0]
        mask = self._exact_stops.setdefault(size, np.zeros(len(self.vectors) + 1, dtype=bool))
        mask[run[1]] = True

    def __post_init__(self) -> None:
        self._exact_stops: dict[int, np.ndarray] = {}
        self.lengths = np.asarray(self.lengths, dtype=np.float64)
        weighted = self.vectors.astype(np.float64) * self.lengths[:, None]
        self.prefix = np.vstack([np.zeros((1, self.vectors.shape[1])), np.cumsum(weighted, axis=0)])
        self.length_prefix = np.concatenate([[0.0], np.cumsum(self.lengths)])

    def __len__(self) -> int:
        return len(self.vectors)

    def runs(self, stops: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of the runs [stop - size, stop) and whether each is exact."""
        if size == 1:
            return self.vectors[stops - 1].astype(np.float64), np.ones(len(stops), dtype=bool)
        summed = self.prefix[stops] - self.prefix[stops - size]
        summed /= np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
        mask = self._exact_stops.get(size)
        if mask is None:
            return summed, np.zeros(len(stops), dtype=bool)
        exact = mask[stops]
        for k in np.nonzero(exact)[0]:
            stop = int(stops[k])
            summed[k] = self.exact[(stop - size, stop)]
        return summed, exact

    def run_lengths(self, stops: np.ndarray, size: int) -> np.ndarray:
        return self.length_prefix[stops] - self.length_prefix[stops - size]


@dataclass(frozen=True)
class Band:
    """Columns [lo[i], hi[i]] of the search grid that row i may use (rows 0..n, columns 0..m)."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> "Band":
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    def touches(self, path_cells: list[tuple[int, int]], m: int) -> bool:
        return any((j == self.lo[i] and j > 0) or (j == self.hi[i] and j < m) for i, j in path_cells)

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


def _margins(ar: RunSide, en: RunSide, params: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """How much more alike each clause is to its k nearest neighbours than the median clause is.

    Neighbours are sought within ``margin_window`` clauses of the proportional position on the
    other side, so the margins (and the search) do not depend on the band.
    """
    n, m = len(ar), len(en)
    if min(n, m) < params.margin_min_clauses or params.margin_weight == 0:
        return np.zeros(n), np.zeros(m)
    k, window = params.margin_k, params.margin_window
    row_top = np.zeros(n)
    col_top = np.full((m, k), -1.0)
    for i in range(n):
        centre = int((i + 0.5) * m / n)
        lo, hi = max(centre - window, 0), min(centre + window + 1, m)
        sims = en.vectors[lo:hi] @ ar.vectors[i]
        row_top[i] = np.sort(sims)[::-1][:k].mean()
        merged = np.concatenate([col_top[lo:hi], sims[:, None]], axis=1)
        col_top[lo:hi] = -np.sort(-merged, axis=1)[:, :k]
    seen = col_top > -1.0
    col_mean = np.where(seen, col_top, 0.0).sum(axis=1) / np.maximum(seen.sum(axis=1), 1)
    centre_value = median(np.concatenate([row_top, col_mean]))
    return params.margin_weight * (row_top - centre_value), params.margin_weight * (col_mean - centre_value)


@dataclass
class Grid:
    """Result of one banded search: the best path and the similarity of each of its beads."""

    beads: list[Bead]
    scores: list[float | None]


def _length_skew(length_ar, length_en, params: AlignParams):
    """|log(length ratio / expected ratio)| of Arabic and English runs (arrays broadcast), smoothed for short runs."""
    return np.abs(np.log((length_ar + 10.0) / (params.length_ratio * length_en + 10.0)))


class _BlockValues:
    """Value and cosine of every (Arabic run, English run) bead inside the band, a block of rows at a time.

    For a block of rows, each shape's run vectors on both sides are built once from the prefix sums and
    multiplied as one matrix product, and the bead values (similarity with its corrections, see
    :class:`AlignParams`) computed for the whole block; a row of the search then reads its slice. Memory
    stays at one block per shape.
    """

    def __init__(self, ar: RunSide, en: RunSide, band: Band, shapes: tuple[tuple[int, int], ...],
                 params: AlignParams, excess_ar: np.ndarray, excess_en: np.ndarray, rows: int = 128):
        self.ar, self.en, self.band, self.shapes, self.params, self.rows = ar, en, band, shapes, params, rows
        self.excess_ar = np.concatenate([[0.0], np.cumsum(excess_ar)])
        self.excess_en = np.concatenate([[0.0], np.cumsum(excess_en)])
        self.start = -(rows + 1)  # no block yet
        self.blocks: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}

    def _shortfalls(self, members: RunSide, counterpart: RunSide, stops: np.ndarray,
                    counterpart_stops: np.ndarray, counterpart_size: int) -> np.ndarray:
        """Prefix sums, over the single clauses ending at ``stops``, of each one's shortfall against the
        counterpart runs (``counterpart_size`` clauses ending at ``counterpart_stops``): row k + 1 minus row
        k + 1 - s is the summed shortfall of the s members ending at ``stops[k]``."""
        p = self.params
        vectors, _ = counterpart.runs(counterpart_stops, counterpart_size)
        shortfall = members.vectors[stops - 1] @ vectors.T.astype(np.float32)
        np.subtract(p.member_floor, shortfall, out=shortfall)
        np.maximum(shortfall, 0.0, out=shortfall)
        summed = np.zeros((shortfall.shape[0] + 1, shortfall.shape[1]))
        np.cumsum(shortfall, axis=0, out=summed[1:])
        summed *= p.member_weight
        return summed

    def _fill(self, start: int) -> None:
        p = self.params
        stop = min(start + self.rows, len(self.ar) + 1)
        c0, c1 = int(self.band.lo[start:stop].min()), int(self.band.hi[start:stop].max())
        self.start, self.c0, self.blocks = start, c0, {}
        longest = max(max(a, e) for a, e in self.shapes)
        member_rows = np.arange(max(start - longest + 1, 1), stop)
        member_cols = np.arange(max(c0 - longest + 1, 1), c1 + 1)
        ar_shortfalls: dict[int, np.ndarray] = {}  # by the English run size: Arabic members against it
        en_shortfalls: dict[int, np.ndarray] = {}
        for a, e in self.shapes:
            if a == 0 or e == 0:
                continue
            rows = np.arange(max(start, a), stop)
            cols = np.arange(max(c0, e), c1 + 1)
            values = np.full((stop - start, c1 - c0 + 1), -np.inf)
            sims = np.full((stop - start, c1 - c0 + 1), np.nan)
            if len(rows) and len(cols):
                ar_vecs, ar_exact = self.ar.runs(rows, a)
                en_vecs, en_exact = self.en.runs(cols, e)
                sim = ar_vecs @ en_vecs.T
                adjusted = sim.copy()
                if a > 1:
                    adjusted += np.where(ar_exact, 0.0, p.approx_bias)[:, None]
                if e > 1:
                    adjusted += np.where(en_exact, 0.0, p.approx_bias)[None, :]
                excess = ((self.excess_ar[rows] - self.excess_ar[rows - a]) / a)[:, None] \
                    + ((self.excess_en[cols] - self.excess_en[cols - e]) / e)[None, :]
                excess /= 2
                length_ar = self.ar.run_lengths(rows, a)
                length_en = self.en.run_lengths(cols, e)
                skew = _length_skew(length_ar[:, None], length_en[None, :], p)
                length = p.length_weight * skew
                size = a + e
                merge = 0.0 if size == 2 else p.merge_penalty + p.run_penalty * max(size - 3, 0)
                value = adjusted - excess - length - p.threshold - merge
                if size > 2 and p.merge_length_weight:
                    skew -= p.merge_length_tolerance
                    np.maximum(skew, 0.0, out=skew)
                    value -= (p.merge_length_weight * (size - 1)) * skew
                if a > 1 and p.member_weight:
                    if e not in ar_shortfalls:
                        ar_shortfalls[e] = self._shortfalls(self.ar, self.en, member_rows, cols, e)
                    at = int(rows[0] - member_rows[0]) + 1
                    summed = ar_shortfalls[e]
                    value -= summed[at:at + len(rows)] - summed[at - a:at - a + len(rows)]
                if e > 1 and p.member_weight:
                    if a not in en_shortfalls:
                        en_shortfalls[a] = self._shortfalls(self.en, self.ar, member_cols, rows, a).T
                    at = int(cols[0] - member_cols[0]) + 1
                    summed = en_shortfalls[a]
                    value -= summed[:, at:at + len(cols)] - summed[:, at - e:at - e + len(cols)]
                floor = p.min_similarity if size > 2 else max(p.min_similarity, p.min_pair_similarity)
                value[sim < floor] = -np.inf  # unrelated texts never pair
                values[rows[0] - start:, cols[0] - c0:] = value
                sims[rows[0] - start:, cols[0] - c0:] = sim
            self.blocks[(a, e)] = (values, sims)

    def row(self, i: int, a: int, e: int, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        """Values and cosines of the Arabic run ending at ``i`` (``a`` clauses) with the English runs of
        ``e`` clauses ending at ``first`` … ``last``."""
        if not self.start <= i < self.start + self.rows:
            self._fill(i)
        values, sims = self.blocks[(a, e)]
        at = slice(first - self.c0, last - self.c0 + 1)
        return values[i - self.start, at], sims[i - self.start, at]


def _search(ar: RunSide, en: RunSide, band: Band, params: AlignParams,
            excess_ar: np.ndarray, excess_en: np.ndarray, run_limit: int) -> Grid:
    """Best monotonic path inside ``band`` with runs up to ``run_limit``: row-by-row dynamic programme."""
    n, m = len(ar), len(en)
    shapes = moves(run_limit)
    gap_in_row = shapes.index((0, 1))
    bead_values = _BlockValues(ar, en, band, shapes, params, excess_ar, excess_en)
    scores: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    for i in range(n + 1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        cols = np.arange(lo, hi + 1)
        best = np.full(len(cols), -np.inf)
        code = np.full(len(cols), -1, dtype=np.int8)
        best_sim = np.full(len(cols), np.nan, dtype=np.float32)
        if i == 0:
            if lo == 0:
                best[0] = 0.0
        else:
            for k, (a, e) in enumerate(shapes):
                if a == 0 or a > i:
                    continue
                r = i - a
                # the columns j of this row whose predecessor j - e lies in row r's band: one contiguous stretch
                first, last = max(lo, int(band.lo[r]) + e), min(hi, int(band.hi[r]) + e)
                if first > last:
                    continue
                previous = scores[r][first - e - band.lo[r]:last - e - band.lo[r] + 1]
                here = slice(first - lo, last - lo + 1)
                if e == 0:
                    total = previous + params.gap_value
                    better = total > best[here]
                    best_sim[here][better] = np.nan
                else:
                    value, sim = bead_values.row(i, a, e, first, last)
                    total = previous + value
                    better = total > best[here]
                    best_sim[here][better] = sim[better]
                best[here][better] = total[better]
                code[here][better] = k
            # 0-1 moves inside the row: D[j] = max(D[j], D[j-1] + gap), a running maximum
        step = params.gap_value
        running = np.maximum.accumulate(best - step * np.arange(len(cols))) + step * np.arange(len(cols))
        from_gap = running > best + 1e-12
        best = np.where(from_gap, running, best)
        code = np.where(from_gap, gap_in_row, code).astype(np.int8)
        best_sim = np.where(from_gap, np.nan, best_sim).astype(np.float32)
        scores.append(best)
        codes.append(code)
        sims.append(best_sim)
    beads: list[Bead] = []
    bead_sims: list[float | None] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(codes[i][j - band.lo[i]])
        a, e = shapes[k]
        beads.append((tuple(range(i - a, i)), tuple(range(j - e, j))))
        s = sims[i][j - band.lo[i]]
        bead_sims.append(None if np.isnan(s) else float(s))
        i, j = i - a, j - e
    beads.reverse()
    bead_sims.reverse()
    return Grid(beads, bead_sims)


def _estimated_runs(beads: list[Bead], ar: RunSide, en: RunSide) -> tuple[set[Run], set[Run]]:
    """Runs to embed exactly: each merged run on the path and the runs of its neighbouring beads grown by
    the clause they would take from it (a moved boundary). Not the runs one clause longer or shorter: exact
    scores for a few alternatives only tilt the search towards them."""
    want: dict[str, set[Run]] = {"ar": set(), "en": set()}
    sides = {"ar": ar, "en": en}

    def add(name: str, s0: int, s1: int) -> None:
        if 0 <= s0 and s1 <= len(sides[name]) and s1 - s0 >= 2 and (s0, s1) not in sides[name].exact:
            want[name].add((s0, s1))

    for k, (a, e) in enumerate(beads):
        if not a or not e or len(a) + len(e) == 2:
            continue
        for name, run in (("ar", a), ("en", e)):
            start, stop = run[0], run[-1] + 1
            add(name, start, stop)
            for neighbour in (beads[k - 1] if k else None, beads[k + 1] if k + 1 < len(beads) else None):
                if neighbour is None:
                    continue
                other = neighbour[0] if name == "ar" else neighbour[1]
                if other and other[0] > run[-1]:
                    add(name, run[-1], other[-1] + 1)
                elif other:
                    add(name, other[0], run[0] + 1)
    return want["ar"], want["en"]


def _coarse_band(ar: RunSide, en: RunSide, params: AlignParams, margin: int) -> Band:
    """A band around the path found on block-averaged embeddings."""
    n, m = len(ar), len(en)
    block = 1
    while (n // block + 1) * (m // block + 1) > params.full_band_cells:
        block *= 2

    def blocks(side: RunSide, size: int) -> RunSide:
        count = (size + block - 1) // block
        stops = np.minimum((np.arange(count) + 1) * block, size)
        starts = stops - np.minimum(block, stops - np.arange(count) * block)
        summed = side.prefix[stops] - side.prefix[starts]
        summed /= np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
        return RunSide(summed.astype(np.float32), side.length_prefix[stops] - side.length_prefix[starts])

    coarse_params = AlignParams(**{**params.to_dict(), "max_run": 2, "search_run": 2, "margin_weight": 0.0})
    coarse = align_runs(blocks(ar, n), blocks(en, m), coarse_params)
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for a_blocks, e_blocks in coarse:
        if not a_blocks:
            continue
        r0, r1 = a_blocks[0] * block, min((a_blocks[-1] + 1) * block, n)
        if e_blocks:
            c0, c1 = e_blocks[0] * block, min((e_blocks[-1] + 1) * block, m)
        else:  # an Arabic block with no English: stay where the path is
            c0 = c1 = None
        if c0 is not None:
            lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
            hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1)
    # rows of unmatched blocks take the columns of their neighbours
    known = hi >= lo
    if not known.any():
        return Band.full(n, m)
    rows = np.arange(n + 1)
    lo = np.interp(rows, rows[known], lo[known]).astype(np.int64)
    hi = np.interp(rows, rows[known], hi[known]).astype(np.int64)
    margin = max(margin, block)  # the coarse path is only known to a block: never a band narrower than one
    lo = np.maximum(lo - margin, 0)
    hi = np.minimum(hi + margin, m)
    lo[0], hi[n] = 0, m
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone: never above a later row's start
    hi = np.maximum.accumulate(hi)
    return Band(lo, hi)


def align_runs(ar: RunSide, en: RunSide, params: AlignParams, embed_runs: EmbedRuns | None = None,
               band: Band | None = None) -> list[Bead]:
    """Best beads for two sides (see :func:`align_grid`)."""
    return align_grid(ar, en, params, embed_runs, band).beads


def align_grid(ar: RunSide, en: RunSide, params: AlignParams, embed_runs: EmbedRuns | None = None,
               band: Band | None = None) -> Grid:
    """Best path and bead similarities; merged runs are re-scored exactly through ``embed_runs``.

    Without ``band`` the band is chosen (full, or coarse-to-fine and widened
    until the path stays off its edges); with one, the search stays inside it.
    """
    n, m = len(ar), len(en)
    if n == 0 or m == 0:
        beads = [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
        return Grid(beads, [None] * len(beads))
    fixed_band = band is not None
    margin = params.band_margin
    if band is None:
        band = Band.full(n, m) if (n + 1) * (m + 1) <= params.full_band_cells else _coarse_band(ar, en, params, margin)
    excess_ar, excess_en = _margins(ar, en, params)
    run_limit = min(params.search_run, params.max_run)
    for _ in range(16):
        grid = _search(ar, en, band, params, excess_ar, excess_en, run_limit)
        cells = _path_cells(grid.beads)
        if not fixed_band and band.cells < (n + 1) * (m + 1) and band.touches(cells, m):
            margin *= 2
            band = _coarse_band(ar, en, params, margin) if margin < max(n, m) else Band.full(n, m)
            continue
        if run_limit < params.max_run and any(max(len(a), len(e)) >= run_limit for a, e in grid.beads):
            run_limit = params.max_run  # the path wants a run as long as it was allowed: allow the longest
            continue
        if embed_runs is None:
            return grid
        want_ar, want_en = _estimated_runs(grid.beads, ar, en)
        if not want_ar and not want_en:
            return grid
        for side, want, name in ((ar, want_ar, "ar"), (en, want_en, "en")):
            if want:
                runs = sorted(want)
                for run, vector in zip(runs, embed_runs(name, runs)):
                    side.set_exact(run, vector)
    return grid


def _path_cells(beads: list[Bead]) -> list[tuple[int, int]]:
    cells, i, j = [(0, 0)], 0, 0
    for a, e in beads:
        i, j = i + len(a), j + len(e)
        cells.append((i, j))
    return cells


def peel_unsupported(beads: list[Bead], ar: RunSide, en: RunSide, params: AlignParams,
                     embed_runs: EmbedRuns | None = None, support: Support | None = None,
                     evidence: dict[tuple[str, int], PeelEvidence] | None = None,
                     contribution: Contribution | None = None) -> list[Bead]:
    """Peel off the end clauses of a merged run that the bead does not need, then let each peeled clause
    join the neighbouring bead that does need it (the boundary moved by one clause).

    One test decides whether a run needs a member, bead by bead: its support (``support(side,
    clause, counterpart_run)``, how well it matches some stretch of the counterpart) must reach
    ``support_threshold``, lowered by ``support_habit_share`` of it as merging becomes the habit (below); then
    it stays when its support reaches ``support_keep``, when it is a sub-clause of
    the same paragraph as the rest of the run (``groups``: the segmenter split what the other side kept
    whole), or when taking it out would not raise the bead's value (similarity minus ``peel_length_weight``
    times the length skew) by more than the tolerance. The tolerance is ``-peel_gain`` where merges are rare
    and widens towards ``-peel_gain_habitual`` as the share of the document's other paired beads that are
    merged rises to ``peel_merge_rate`` (a prior: where the translator splits sentences habitually, a
    member that costs the bead a little similarity is more often a split than an omission). That share counts
    as a habit only as far as the translation reads freely: it is scaled by how far the document's median 1-1
    pair sits below ``peel_literal``, in full ``peel_literal_span`` below it. A close translation (UN text)
    merges where an edit joined two lines or glued an orphan to a match, however many there are: each merged
    bead must show its own evidence. The tolerance widens too by
    ``peel_support_slope`` per unit of the member's support above ``support_threshold``, that support first
    lowered by ``peel_background_weight`` (times one less the habit) times how well the member matches the
    counterpart's clauses away from the bead: the member's support against what an unrelated clause of this
    document scores for it. Where merges are rare, the gain the member must bring also rises by
    ``peel_contribution_weight`` (times one less the habit) per unit its ``contribution(side, clause, run,
    counterpart_run)`` falls short of ``peel_contribution_floor``: the part of the counterpart it explains that
    the rest of its run does not (None: not measured, no change). When no single end
    leaves, an Arabic end and an English end may leave together by the same test (two gaps crossing). A
    clause inside the run that no stretch of the counterpart renders (support under ``support_threshold``
    times one less the habit) leaves too, with the part of the run on the side whose value is lower: beads
    stay contiguous. A peeled clause becomes a gap beside the remaining bead, in order. With ``evidence``, each
    clause left unpaired is recorded there under ``(side, clause)`` with what decided it.
    """
    record: dict[tuple[str, int], PeelEvidence] = {}
    sides = {"ar": ar, "en": en}
    paired = [len(a) + len(e) for a, e in beads if a and e]
    others = max(sum(size > 2 for size in paired) - 1, 0)  # merged beads besides the one being re-checked
    habit = min(others / max(params.peel_merge_rate * (len(paired) - 1), 1.0), 1.0) * _freedom(beads, ar, en, params)
    tolerance = params.peel_gain + habit * (params.peel_gain_habitual - params.peel_gain)
    contrast = params.peel_background_weight * (1.0 - habit)

    def vector(name: str, run: tuple[int, ...]) -> np.ndarray:
        side = sides[name]
        key = (run[0], run[-1] + 1)
        if len(run) > 1 and key not in side.exact and embed_runs is not None:
            side.set_exact(key, embed_runs(name, [key])[0])
        return side.runs(np.array([key[1]]), len(run))[0][0]

    def length(name: str, run: tuple[int, ...]) -> float:
        return float(sides[name].lengths[list(run)].sum())

    def value(name: str, run: tuple[int, ...], other: tuple[int, ...], counterpart: np.ndarray) -> float:
        other_name = "en" if name == "ar" else "ar"
        length_ar, length_en = (length(name, run), length(other_name, other))[:: 1 if name == "ar" else -1]
        skew = float(_length_skew(length_ar, length_en, params))
        return float(vector(name, run) @ counterpart) - params.peel_length_weight * skew

    def one_paragraph(name: str, run: tuple[int, ...]) -> bool:
        groups = sides[name].groups
        return groups is not None and len({int(groups[c]) for c in run}) == 1

    def background(name: str, member: int, other: tuple[int, ...]) -> float:
        return _background(sides[name].vectors[member], sides["en" if name == "ar" else "ar"].vectors, other, params)

    def tolerated(gain: float, found: float) -> bool:
        """Whether a bead may lose ``gain`` of value by keeping a member (or two) found this well."""
        return gain >= tolerance - params.peel_support_slope * (found - params.support_threshold)

    def needs(name: str, run: tuple[int, ...], other: tuple[int, ...], member: int) -> bool:
        """Whether the run ``run`` of side ``name``, paired with ``other``, needs its end clause ``member``."""
        found = 1.0 if support is None else support(name, member, (other[0], other[-1] + 1))
        if found < params.support_threshold * (1.0 - params.support_habit_share * habit):
            record.setdefault((name, member), PeelEvidence(other, found, None))
            return False
        if found >= params.support_keep or one_paragraph(name, run):
            return True
        counterpart = vector("en" if name == "ar" else "ar", other)
        rest = tuple(c for c in run if c != member)
        gain = value(name, run, other, counterpart) - value(name, rest, other, counterpart)
        seen = background(name, member, other) if contrast else None
        if seen is not None:  # found no better than an unrelated clause of the same document would be: not needed
            found -= contrast * max(seen - params.support_threshold, 0.0)
        adds = None
        if contribution is not None and params.peel_contribution_weight and habit < 1.0:
            adds = contribution(name, member, (run[0], run[-1] + 1), (other[0], other[-1] + 1))
        shortfall = 0.0 if adds is None else max(params.peel_contribution_floor - adds, 0.0)
        if not tolerated(gain - (1.0 - habit) * params.peel_contribution_weight * shortfall, found):
            record.setdefault((name, member), PeelEvidence(other, found, -gain, seen, adds))
            return False
        return True

    def needs_either(a: tuple[int, ...], e: tuple[int, ...], end_a: int, end_e: int) -> bool:
        """Whether the bead needs its Arabic end ``end_a`` or its English end ``end_e`` (0 or -1). Two gaps
        crossing inside one bead (an Arabic line whose English was dropped beside an English line whose
        Arabic was) each look needed alone, since each half-matches the other; they leave together."""
        rest_a, rest_e = _without_end(a, end_a), _without_end(e, end_e)
        found = 0.0
        for name, run, member, rest_other in (("ar", a, a[end_a], rest_e), ("en", e, e[end_e], rest_a)):
            if one_paragraph(name, run):
                return True
            member_found = 1.0 if support is None else support(name, member, (rest_other[0], rest_other[-1] + 1))
            if member_found >= params.support_keep:
                return True
            found = max(found, member_found)
        gain = value("ar", a, e, vector("en", e)) - value("ar", rest_a, rest_e, vector("en", rest_e))
        if tolerated(gain, found):
            return True
        record.setdefault(("ar", a[end_a]), PeelEvidence(e, found, -gain))
        record.setdefault(("en", e[end_e]), PeelEvidence(a, found, -gain))
        return False

    out: list[Bead] = []
    away: dict[Bead, int] = {}  # each peeled clause, and the side of the bead it left where it may go instead
    for a, e in beads:
        if not a or not e or len(a) + len(e) == 2:
            out.append((a, e))
            continue
        before: list[Bead] = []
        after: list[Bead] = []

        def shed(name: str, run: tuple[int, ...], end: int) -> tuple[int, ...]:
            """Turn the end clause ``end`` (0 or -1) of ``run`` into a gap beside the bead; the rest of the run."""
            gap = ((run[end],), ()) if name == "ar" else ((), (run[end],))
            away[gap] = -1 if end == 0 else 1
            if end == 0:
                before.append(gap)
            else:
                after.insert(0, gap)
            return _without_end(run, end)

        changed = True
        while changed and len(a) + len(e) > 2:
            changed = False
            for name in ("ar", "en"):
                run, other = (a, e) if name == "ar" else (e, a)
                if len(run) < 2:
                    continue
                end = next((end for end in (0, -1) if not needs(name, run, other, run[end])), None)
                if end is not None:
                    if name == "ar":
                        a = shed(name, run, end)
                    else:
                        e = shed(name, run, end)
                    changed = True
                    break
            if not changed and len(a) >= 2 and len(e) >= 2:
                crossing = _crossing(a, e, needs_either)
                if crossing is not None:
                    a, e = shed("ar", a, crossing[0]), shed("en", e, crossing[1])
                    changed = True
            if not changed and support is not None:  # a member inside the run that no stretch of the
                # counterpart renders (support under support_threshold, lowered to nothing as merging becomes the
                # habit) leaves with the part of the run on its weaker side: beads stay contiguous
                for name in ("ar", "en"):
                    run, other = (a, e) if name == "ar" else (e, a)
                    span = (other[0], other[-1] + 1)
                    found = {k: support(name, run[k], span) for k in range(1, len(run) - 1)}
                    middle = next((k for k, f in found.items() if f < params.support_threshold * (1.0 - habit)), None)
                    if middle is None:
                        continue
                    record.setdefault((name, run[middle]), PeelEvidence(other, found[middle], None))
                    counterpart = vector("en" if name == "ar" else "ar", other)
                    keep_left = value(name, run[:middle], other, counterpart) >= \
                        value(name, run[middle + 1:], other, counterpart)
                    for _ in range(len(run) - middle if keep_left else middle + 1):
                        run = shed(name, run, -1 if keep_left else 0)
                    if name == "ar":
                        a = run
                    else:
                        e = run
                    changed = True
                    break
        out.extend(before + [(a, e)] + after)
    out = _reattach(out, away, needs, params) if support is not None else out
    if evidence is not None:
        for a, e in out:
            if bool(a) != bool(e):
                key = ("ar", a[0]) if a else ("en", e[0])
                if key in record:
                    evidence[key] = record[key]
    return out


def unpair_unrelated(beads: list[Bead], ar: RunSide, en: RunSide, params: AlignParams,
                     evidence: dict[tuple[str, int], PeelEvidence] | None = None) -> list[Bead]:
    """Unpair each bead that pairs clauses unrelated to each other: its cosine is more than
    ``unrelated_below_typical`` under the document's median 1-1 pair, and no better (by
    ``unrelated_margin``) than how well one of its clauses matches the other side's clauses away from the
    bead (its background, as in the peel). Two clauses left by nearby deletions on opposite sides, or a
    few orphans glued together, pair at 0.33-0.40 in a UN document whose translations score 0.82: on one
    subject, each matches some unrelated clause nearby better than it matches the other. A true pair that
    low is one the encoder reads poorly, and its clauses still match each other about as well as anything
    else. The level follows the document (literary translations score lower: the test then reaches only
    pairs below 0.30, which the search never makes). Every clause of such a bead becomes a gap, in order;
    ``evidence`` records the bead's cosine and the background under each. Linear: the background is looked
    for within ``peel_background_reach`` clauses."""
    cosines, level = _cosines_and_level(beads, ar, en, params, params.unrelated_below_typical)
    if level is None:
        return beads
    out: list[Bead] = []
    for (a, e), cos in zip(beads, cosines):
        seen = None
        if cos is not None and cos < level:
            seen = max([_background(ar.vectors[i], en.vectors, e, params) for i in a] +
                       [_background(en.vectors[j], ar.vectors, a, params) for j in e])
        if seen is None or cos > seen + params.unrelated_margin:
            out.append((a, e))
            continue
        out += [((i,), ()) for i in a] + [((), (j,)) for j in e]
        if evidence is not None:
            for i in a:
                evidence[("ar", i)] = PeelEvidence(e, cos, None, seen, None)
            for j in e:
                evidence[("en", j)] = PeelEvidence(a, cos, None, seen, None)
    return out


def pair_stranded(beads: list[Bead], ar: RunSide, en: RunSide, params: AlignParams,
                  vetoed: Callable[[int, int], bool] | None = None) -> list[Bead]:
    """Pair again the clauses left unpaired between the same two well-paired beads that read as translations
    of each other: within ``stranded_below_typical`` of the document's median 1-1 pair, each the other's best
    match among them. The search can strand a true pair: where half a document is missing, it glues a clause
    to a run of the gaps' clauses (each absorbed clause saves a gap), or pairs it with a clause of the gap
    that merely shares its subject, rather than with its translation; the peel and the unrelated-bead test
    then leave the translation unpaired. A stretch is the gaps and weak beads (1-1 or merged, below that
    level) between two other beads: every clause in it can pair with any of the other side's without crossing
    a bead. In each stretch with a gap, a monotonic dynamic programme keeps the beads (the stretch's own, and
    the mutual best 1-1 pairs at the level) of largest summed cosine; a weak bead stays unless better pairs
    need its clauses (ten English lines missing from the Charter: Arabic 107 and 108 were glued to English
    102, the translation of Arabic 112).
    ``vetoed(i, j)``: a pair the caller's evidence rules out (two short headings whose numbers differ, which
    an embedding barely tells apart: "Article 99" / "Article 100"). Linear in the stretches' clauses times the
    other side's (a stretch over ``stranded_cells`` is kept)."""
    cosines, level = _cosines_and_level(beads, ar, en, params, params.stranded_below_typical)
    if level is None:
        return beads
    out: list[Bead] = []
    stretch: list[Bead] = []
    weak: dict[Bead, float] = {}
    for bead, cos in [*zip(beads, cosines), (None, None)]:
        if bead is not None and (not (bead[0] and bead[1]) or (cos is not None and cos < level)):
            stretch.append(bead)
            if cos is not None:
                weak[bead] = cos
            continue
        out += _paired_within(stretch, weak, ar, en, level, params, vetoed) \
            if any(not (a and e) for a, e in stretch) else stretch
        stretch = []
        if bead is not None:
            out.append(bead)
    return out


def _paired_within(stretch: list[Bead], weak: dict[Bead, float], ar: RunSide, en: RunSide, level: float,
                   params: AlignParams, vetoed: Callable[[int, int], bool] | None) -> list[Bead]:
    """The beads of one stretch (gaps and weak pairs, whose cosines ``weak`` gives) with the beads of largest
    summed cosine, in order (the stretch as it was when those are its own)."""
    left = [i for a, _ in stretch for i in a]
    right = [j for _, e in stretch for j in e]
    if not left or not right or len(left) * len(right) > params.stranded_cells:
        return stretch
    cos = ar.vectors[left] @ en.vectors[right].T
    fresh = (cos >= level) & (cos >= cos.max(axis=1, keepdims=True)) & (cos >= cos.max(axis=0, keepdims=True))
    if vetoed is not None:
        for i, j in zip(*np.nonzero(fresh)):
            fresh[i, j] = not vetoed(left[i], right[j])
    row, column = {i: k for k, i in enumerate(left)}, {j: k for k, j in enumerate(right)}
    # the stretch's own pairs, by the cell after their last clauses: (first cells, cosine)
    own = {(row[a[-1]] + 1, column[e[-1]] + 1): (row[a[0]], column[e[0]], weak[(a, e)]) for a, e in stretch if a and e}
    n, m = cos.shape
    best = np.zeros((n + 1, m + 1))
    came: dict[tuple[int, int], tuple[int, int, bool]] = {}  # the cell each cell's best comes from; True: a bead
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = []  # in order of preference on a tie: the stretch's own bead, a fresh pair, a gap
            if (i, j) in own:
                i0, j0, value = own[(i, j)]
                options.append((best[i0, j0] + value, i0, j0, True))
            if fresh[i - 1, j - 1]:
                options.append((best[i - 1, j - 1] + cos[i - 1, j - 1], i - 1, j - 1, True))
            options += [(best[i - 1, j], i - 1, j, False), (best[i, j - 1], i, j - 1, False)]
            top = max(options, key=lambda option: option[0])  # the first of the best
            best[i, j], came[(i, j)] = top[0], top[1:]
    chosen: list[tuple[int, int, int, int]] = []  # [i0, i) x [j0, j) of each bead kept, last first
    i, j = n, m
    while i and j:
        i0, j0, bead = came[(i, j)]
        if bead:
            chosen.append((i0, i, j0, j))
        i, j = i0, j0
    kept = [(tuple(left[i0:i1]), tuple(right[j0:j1])) for i0, i1, j0, j1 in reversed(chosen)]
    if set(kept) == {(a, e) for a, e in stretch if a and e}:
        return stretch
    out: list[Bead] = []
    a_next = e_next = 0
    for i0, i1, j0, j1 in reversed(chosen):
        out += [((left[k],), ()) for k in range(a_next, i0)] + [((), (right[k],)) for k in range(e_next, j0)]
        out.append((tuple(left[i0:i1]), tuple(right[j0:j1])))
        a_next, e_next = i1, j1
    return out + [((left[k],), ()) for k in range(a_next, n)] + [((), (right[k],)) for k in range(e_next, m)]


def _cosines_and_level(beads: list[Bead], ar: RunSide, en: RunSide, params: AlignParams,
                       below_typical: float) -> tuple[list[float | None], float | None]:
    """Each paired bead's cosine (None for a gap), and the level ``below_typical`` under the document's median
    1-1 pair (None when the test is off, or there are too few 1-1 pairs to tell what is typical)."""
    if not below_typical:
        return [], None
    cosines = [_bead_cosine(a, e, ar, en) if a and e else None for a, e in beads]
    typical = _typical_pair(beads, cosines, params)
    return cosines, None if typical is None else typical - below_typical


def _typical_pair(beads: list[Bead], cosines: list[float | None], params: AlignParams) -> float | None:
    """The median cosine of the document's 1-1 pairs (None with too few to tell)."""
    return median_of_enough([cos for (a, e), cos in zip(beads, cosines) if len(a) == 1 and len(e) == 1],
                            params.margin_min_clauses)


def _freedom(beads: list[Bead], ar: RunSide, en: RunSide, params: AlignParams) -> float:
    """How freely the document is translated, 0 to 1: how far its median 1-1 pair sits below
    ``peel_literal``, over ``peel_literal_span`` (1 when too few pairs tell)."""
    if not params.peel_literal_span:
        return 1.0
    cosines = [_bead_cosine(a, e, ar, en) if len(a) == 1 and len(e) == 1 else None for a, e in beads]
    typical = _typical_pair(beads, cosines, params)
    if typical is None:
        return 1.0
    return min(max((params.peel_literal - typical) / params.peel_literal_span, 0.0), 1.0)


def _bead_cosine(a: tuple[int, ...], e: tuple[int, ...], ar: RunSide, en: RunSide) -> float:
    """Cosine of a paired bead: of its two clauses, or of its runs (exact where embedded, else estimated)."""
    if len(a) == 1 and len(e) == 1:
        return float(ar.vectors[a[0]] @ en.vectors[e[0]])
    return float(ar.runs(np.array([a[-1] + 1]), len(a))[0][0] @ en.runs(np.array([e[-1] + 1]), len(e))[0][0])


def _background(vector: np.ndarray, counter: np.ndarray, run: tuple[int, ...], params: AlignParams) -> float:
    """How well a clause (``vector``) matches the other side's clauses (``counter``) near ``run``, its
    counterpart, but not next to it (within ``peel_background_reach``, beyond ``peel_background_window``):
    what a match to an unrelated clause of this document looks like for it. Local, so linear."""
    reach = params.peel_background_reach
    lo, hi = max(run[0] - reach, 0), min(run[-1] + reach + 1, len(counter))
    scores = counter[lo:hi] @ vector
    away = np.ones(hi - lo, dtype=bool)
    window = params.peel_background_window
    away[max(run[0] - window - lo, 0):run[-1] + window + 1 - lo] = False
    return float(scores[away].max()) if away.any() else 0.0


def _without_end(run: tuple[int, ...], end: int) -> tuple[int, ...]:
    """``run`` without its first (``end`` 0) or last (``end`` -1) clause."""
    return run[1:] if end == 0 else run[:-1]


def _crossing(a: tuple[int, ...], e: tuple[int, ...],
              needs_either: Callable[[tuple[int, ...], tuple[int, ...], int, int], bool]) -> tuple[int, int] | None:
    """Opposite ends (the first Arabic clause and the last English one, or the reverse) that bead (a, e)
    needs neither of, if any. The two last (or first) clauses are not tried: unrelated to the rest, they
    would be a pair of their own, which is the search's decision."""
    for end_a, end_e in ((0, -1), (-1, 0)):
        if not needs_either(a, e, end_a, end_e):
            return end_a, end_e
    return None


Needs = Callable[[str, tuple[int, ...], tuple[int, ...], int], bool]


def _reattach(beads: list[Bead], away: dict[Bead, int], needs: Needs, params: AlignParams) -> list[Bead]:
    """A peeled clause joins the bead on the far side of it (``away``: -1 the previous one, 1 the next) when
    that bead needs it by the peel's own test (``needs``), runs up to ``max_run``: a sentence split off one
    bead often belongs to its neighbour (the boundary moved by one)."""
    out = list(beads)
    k = 0
    while k < len(out):
        a, e = out[k]
        if (a and e) or (a, e) not in away:
            k += 1
            continue
        name, clause = ("ar", a[0]) if a else ("en", e[0])
        at = k + away[(a, e)]
        if not 0 <= at < len(out) or not out[at][0] or not out[at][1]:
            k += 1
            continue
        run, other = out[at] if name == "ar" else out[at][::-1]  # beads cover both sides in order, so this
        grown = run + (clause,) if at < k else (clause,) + run      # run ends or starts beside the clause
        if len(run) >= params.max_run or not needs(name, grown, other, clause):
            k += 1
            continue
        out[at] = (grown, other) if name == "ar" else (other, grown)
        del out[k]
        k = max(k - 1, 0)
    return out


def exact_similarities(beads: list[Bead], ar: RunSide, en: RunSide,
                       embed_runs: EmbedRuns | None) -> list[float | None]:
    """Cosine similarity of every bead, runs embedded exactly where ``embed_runs`` is given."""
    runs = {"ar": set(), "en": set()}
    for a, e in beads:
        if a and e:
            for name, side, run in (("ar", ar, a), ("en", en, e)):
                if len(run) > 1 and (run[0], run[-1] + 1) not in side.exact:
                    runs[name].add((run[0], run[-1] + 1))
    if embed_runs is not None:
        for name, side in (("ar", ar), ("en", en)):
            if runs[name]:
                wanted = sorted(runs[name])
                for run, vector in zip(wanted, embed_runs(name, wanted)):
                    side.set_exact(run, vector)
    out: list[float | None] = []
    for a, e in beads:
        if not a or not e:
            out.append(None)
            continue
        va = ar.runs(np.array([a[-1] + 1]), len(a))[0][0]
        ve = en.runs(np.array([e[-1] + 1]), len(e))[0][0]
        out.append(float(va @ ve))
    return out
