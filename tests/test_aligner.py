"""The aligner on hand-built and random embeddings: moves, gaps, many-to-one beads, the band, invariants."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from align.aligner import AlignParams, Band, RunSide, align_grid, moves, peel_unsupported

PARAMS = AlignParams()
DIM = 64


def basis(k: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[k] = 1.0
    return v


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def sides(ar_vectors, en_vectors, ar_lengths=None, en_lengths=None):
    ar = np.array(ar_vectors, dtype=np.float32)
    en = np.array(en_vectors, dtype=np.float32)
    ar_lengths = np.full(len(ar), 88.0) if ar_lengths is None else np.asarray(ar_lengths, float)
    en_lengths = np.full(len(en), 100.0) if en_lengths is None else np.asarray(en_lengths, float)
    return RunSide(ar, ar_lengths), RunSide(en, en_lengths)


def exact_runs(ar: RunSide, en: RunSide):
    """An embed_runs callback: a joined run is the normalised sum of its clauses (what a model would give)."""
    def embed(side: str, runs):
        source = ar if side == "ar" else en
        return np.array([unit(source.vectors[a:b].sum(axis=0)) for a, b in runs])
    return embed


def vector_support(ar: RunSide, en: RunSide):
    """A support callback: best cosine between a clause and any single clause of the other run."""
    def support(side: str, clause: int, other_run):
        mine, other = (ar, en) if side == "ar" else (en, ar)
        return float((other.vectors[other_run[0]:other_run[1]] @ mine.vectors[clause]).max())
    return support


def run(ar_vectors, en_vectors, params=PARAMS, **kw):
    ar, en = sides(ar_vectors, en_vectors, **kw)
    beads = align_grid(ar, en, params, exact_runs(ar, en)).beads
    return peel_unsupported(beads, ar, en, params, exact_runs(ar, en), vector_support(ar, en))


def noisy(k: int, rng, noise=0.15) -> np.ndarray:
    return unit(basis(k) + noise * rng.standard_normal(DIM).astype(np.float32) / np.sqrt(DIM))


@pytest.mark.parametrize("ar_ids, en_ids, expected", [
    ([0, 1, 2], [0, 1, 2], [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    # English clause 1 deleted: Arabic 1 is a 1-0 gap
    ([0, 1, 2], [0, 2], [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
    # an unrelated English clause added: 0-1 gap
    ([0, 1], [0, 9, 1], [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
])
def test_one_to_one_and_gaps(ar_ids, en_ids, expected):
    rng = np.random.default_rng(0)
    assert run([noisy(k, rng) for k in ar_ids], [noisy(k, rng) for k in en_ids]) == expected


def test_nothing_alike_gives_only_gaps():
    beads = run([basis(0), basis(1)], [basis(2), basis(3)])
    assert all(not a or not e for a, e in beads)


def test_one_arabic_clause_rendered_by_four_english_sentences_is_a_1_4_bead():
    rng = np.random.default_rng(1)
    parts = [basis(k) for k in (10, 11, 12, 13)]
    ar = [noisy(0, rng), unit(sum(parts)), noisy(1, rng)]
    en = [noisy(0, rng), *parts, noisy(1, rng)]
    assert run(ar, en, en_lengths=[100, 25, 25, 25, 25, 100]) == \
        [((0,), (0,)), ((1,), (1, 2, 3, 4)), ((2,), (5,))]


def test_three_arabic_sentences_rendered_by_one_english_sentence_are_a_3_1_bead():
    rng = np.random.default_rng(2)
    parts = [basis(k) for k in (20, 21, 22)]
    ar = [noisy(0, rng), *parts, noisy(1, rng)]
    en = [noisy(0, rng), unit(sum(parts)), noisy(1, rng)]
    assert run(ar, en, ar_lengths=[88, 30, 30, 30, 88]) == [((0,), (0,)), ((1, 2, 3), (1,)), ((4,), (2,))]


@pytest.mark.parametrize("extra_at", ["end", "start"])
def test_a_1_4_run_with_one_clause_not_in_the_arabic_is_a_1_3_plus_a_gap(extra_at):
    """The Arabic renders three of the four English sentences; the fourth is an addition."""
    rng = np.random.default_rng(3)
    parts = [basis(k) for k in (30, 31, 32)]
    stray = basis(40)
    run_en = parts + [stray] if extra_at == "end" else [stray] + parts
    ar = [noisy(0, rng), unit(sum(parts)), noisy(1, rng)]
    en = [noisy(0, rng), *run_en, noisy(1, rng)]
    beads = run(ar, en, en_lengths=[100, 33, 33, 33, 33, 100])
    if extra_at == "end":
        assert beads == [((0,), (0,)), ((1,), (1, 2, 3)), ((), (4,)), ((2,), (5,))]
    else:
        assert beads == [((0,), (0,)), ((), (1,)), ((1,), (2, 3, 4)), ((2,), (5,))]


def test_a_list_rendered_item_by_item_is_one_1_8_bead():
    """Runs longer than search_run are tried once the path saturates it: a list of 8 items is one 1-8 bead."""
    rng = np.random.default_rng(4)
    items = [basis(k) for k in range(30, 38)]
    ar = [noisy(0, rng), unit(sum(items)), noisy(1, rng)]
    en = [noisy(0, rng), *items, noisy(1, rng)]
    beads = run(ar, en, en_lengths=[100] + [12] * 8 + [100])
    assert beads == [((0,), (0,)), ((1,), tuple(range(1, 9))), ((2,), (9,))]
    assert max(len(e) for _, e in run(ar, en, replace(PARAMS, max_run=6), en_lengths=[100] + [12] * 8 + [100])) <= 6


def _merged_document(merges: int, pairs: int):
    """``merges`` 1-2 beads (two English halves of one Arabic clause) then ``pairs`` 1-1 pairs."""
    rng = np.random.default_rng(5)
    ar, en, beads = [], [], []
    for k in range(merges):
        halves = [basis(2 * k), basis(2 * k + 1)]
        beads.append(((len(ar),), (len(en), len(en) + 1)))
        ar.append(unit(sum(halves)))
        en.extend(halves)
    for k in range(pairs):
        beads.append(((len(ar),), (len(en),)))
        ar.append(noisy(40 + k, rng))
        en.append(noisy(40 + k, rng))
    return sides(ar, en), beads


@pytest.mark.parametrize("merges, pairs, peeled", [
    (1, 20, True),    # the only merge of a 1-1 document: its half-supported clause is an omission
    (2, 20, True),    # one other merge is no habit
    (3, 20, True),    # two others among 22 paired beads: under peel_merge_rate (10%)
    (4, 20, False),   # three among 23: a translator who splits sentences; only an unsupported clause leaves
])
def test_peeling_is_as_suspicious_of_a_merge_as_the_document_is_one_to_one(merges, pairs, peeled):
    (ar, en), beads = _merged_document(merges, pairs)
    support = lambda side, clause, run: 0.5  # noqa: E731  (each half matches a stretch, under support_keep)
    params = replace(PARAMS, peel_gain=0.5)  # leaving any clause out "gains" enough: only the support decides
    out = peel_unsupported(beads, ar, en, params, exact_runs(ar, en), support)
    assert (out != beads) == peeled
    assert [j for _, e in out for j in e] == list(range(len(en)))


@pytest.mark.parametrize("groups, peeled", [
    ([0, 0], False),  # two sub-clauses of one English paragraph the Arabic renders as one clause: kept
    ([0, 1], True),   # two paragraphs: the half-supported one is an omission on the Arabic side
])
def test_sub_clauses_of_one_paragraph_leave_only_when_unsupported(groups, peeled):
    (ar, en), beads = _merged_document(1, 20)
    en.groups = np.array(groups + list(range(2, len(en))))
    out = peel_unsupported(beads, ar, en, replace(PARAMS, peel_gain=0.5), exact_runs(ar, en),
                           lambda side, clause, run: 0.5)
    assert (out != beads) == peeled


def _moved_boundary_document(merges: int) -> tuple[list, int, tuple[int, int]]:
    """``merges`` habitual 1-2 beads, then a 1-2 bead whose second English clause belongs to the next bead
    (its Arabic does not support it), then 1-1 pairs. Returns the beads, that clause and the next bead's
    Arabic run."""
    beads = [((k,), (2 * k, 2 * k + 1)) for k in range(merges)]
    a, e = merges, 2 * merges
    beads += [((a,), (e, e + 1)), ((a + 1,), (e + 2,))]
    beads += [((a + 2 + k,), (e + 3 + k,)) for k in range(18)]
    return beads, e + 1, (a + 1, a + 2)


@pytest.mark.parametrize("merges, next_support, expected", [
    (4, 0.6, "joins the next bead"),   # a translator who splits sentences: the boundary moved by one
    (4, 0.2, "gap"),                  # the next bead's Arabic does not support it either: an addition
    (1, 0.6, "gap"),                  # a 1-1 document: a clause split off a merge is reported
])
def test_a_clause_split_off_a_merge_joins_the_neighbour_that_supports_it(merges, next_support, expected):
    beads, moved, next_run = _moved_boundary_document(merges)
    n = max(i for a, _ in beads for i in a) + 1
    m = max(j for _, e in beads for j in e) + 1
    rng = np.random.default_rng(0)
    ar, en = sides([noisy(k, rng) for k in range(n)], [noisy(k, rng) for k in range(m)])

    def support(side, clause, run):
        if (side, clause) != ("en", moved):
            return 0.9  # every other clause is where it belongs
        return next_support if run == next_run else 0.1

    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), support)
    a = next_run[0]
    if expected == "gap":
        assert ((), (moved,)) in out and ((a,), (moved + 1,)) in out
    else:
        assert ((a - 1,), (moved - 1,)) in out and ((a,), (moved, moved + 1)) in out
    assert [j for _, e in out for j in e] == list(range(m))


def test_peeling_keeps_a_bead_whose_clauses_are_all_needed():
    ar, en = sides([unit(basis(0) + basis(1))], [basis(0), basis(1)])
    beads = [((0,), (0, 1))]
    assert peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), lambda side, c, run: 0.7) == beads


def test_moves_cover_the_issue_list():
    shapes = set(moves(6))
    assert {(1, 1), (1, 0), (0, 1), (1, 6), (6, 1), (2, 2), (2, 3), (3, 2)} <= shapes
    assert (7, 1) not in shapes and (3, 3) not in shapes


def _random_sides(n, m, seed):
    rng = np.random.default_rng(seed)
    ar = rng.standard_normal((n, 16)).astype(np.float32)
    en = rng.standard_normal((m, 16)).astype(np.float32)
    ar /= np.linalg.norm(ar, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    return sides(ar, en, rng.uniform(5, 300, n), rng.uniform(5, 300, m))


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.integers(0, 2**32 - 1))
def test_every_clause_covered_once_in_order(n, m, seed):
    ar, en = _random_sides(n, m, seed)
    rng = np.random.default_rng(seed)
    beads = align_grid(ar, en, PARAMS, exact_runs(ar, en)).beads
    beads = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), lambda side, c, run: rng.uniform(0, 1))
    assert [i for a, _ in beads for i in a] == list(range(n))
    assert [j for _, e in beads for j in e] == list(range(m))
    allowed = set(moves(PARAMS.max_run))
    for a, e in beads:
        assert (len(a), len(e)) in allowed or (len(a), len(e)) in {(1, 0), (0, 1)} or \
            (len(a) <= PARAMS.max_run and len(e) <= PARAMS.max_run)
        assert list(a) == list(range(a[0], a[0] + len(a))) if a else True
        assert list(e) == list(range(e[0], e[0] + len(e))) if e else True


def _structured(n, seed, drop=0.1):
    """A document and its translation with some clauses deleted or added on either side."""
    rng = np.random.default_rng(seed)
    ar_ids, en_ids = [], []
    for k in range(n):
        r = rng.uniform()
        if r < drop:
            ar_ids.append(k)
        elif r < 2 * drop:
            en_ids.append(k)
        else:
            ar_ids.append(k)
            en_ids.append(k)
    table = rng.standard_normal((n, 48)).astype(np.float32)
    ar = [unit(table[k] + 0.5 * rng.standard_normal(48).astype(np.float32)) for k in ar_ids]
    en = [unit(table[k] + 0.5 * rng.standard_normal(48).astype(np.float32)) for k in en_ids]
    return ar, en


@settings(max_examples=25, deadline=None)
@given(st.integers(20, 120), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 0.1, 0.25]))
def test_banded_search_equals_full_search(n, seed, drop):
    ar_vectors, en_vectors = _structured(n, seed, drop)
    ar, en = sides(ar_vectors, en_vectors)
    full = align_grid(ar, en, PARAMS, band=Band.full(len(ar), len(en))).beads
    # Force the coarse-to-fine band. The band is a heuristic: with a margin of 2 clauses (the default is
    # 24) about 1 input in 60 with a quarter of its clauses unpaired has its optimum outside the band.
    small = replace(PARAMS, full_band_cells=200, band_margin=8)
    ar, en = sides(ar_vectors, en_vectors)
    assert align_grid(ar, en, small).beads == full


def test_band_is_linear_for_long_inputs():
    ar_vectors, en_vectors = _structured(3000, 7, 0.05)
    ar, en = sides(ar_vectors, en_vectors)
    grid = align_grid(ar, en, PARAMS)
    pairs = sum(1 for a, e in grid.beads if a and e)
    assert pairs >= 0.85 * min(len(ar), len(en))
