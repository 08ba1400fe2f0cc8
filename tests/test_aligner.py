"""The aligner on hand-built and random matrices: moves, gaps, merges, invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from align.aligner import AlignParams, bead_values, recheck_merges, search

PARAMS = AlignParams()


def values_for(sim11, sim21=None, sim12=None, len_ar=None, len_en=None, params=PARAMS):
    n, m = sim11.shape
    sim21 = np.full((max(n - 1, 0), m), 0.1) if sim21 is None else sim21
    sim12 = np.full((n, max(m - 1, 0)), 0.1) if sim12 is None else sim12
    len_ar = np.full(n, 100.0) if len_ar is None else len_ar
    len_en = np.full(m, 100.0 / params.length_ratio) if len_en is None else len_en
    return bead_values(sim11, sim21, sim12, len_ar, len_en, params)


def diagonal(n, m, pairs, high=0.85, low=0.1):
    sim = np.full((n, m), low)
    for i, j in pairs:
        sim[i, j] = high
    return sim


@pytest.mark.parametrize("n, m, pairs, expected", [
    (3, 3, [(0, 0), (1, 1), (2, 2)], [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]),
    # English clause 1 deleted: Arabic 1 is a 1-0 gap
    (3, 2, [(0, 0), (2, 1)], [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
    # English clause added: 0-1 gap
    (2, 3, [(0, 0), (1, 2)], [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
    # nothing alike: all gaps, no forced pairs
    (2, 2, [], None),
])
def test_one_to_one_and_gaps(n, m, pairs, expected):
    beads = search(values_for(diagonal(n, m, pairs)))
    if expected is None:
        assert all(not a or not e for a, e in beads)
        assert sorted(i for a, _ in beads for i in a) == list(range(n))
    else:
        assert beads == expected


def test_two_english_clauses_joined_give_a_2_1_bead():
    sim11 = diagonal(3, 2, [(0, 0), (2, 1)])
    sim11[1, 0] = 0.5  # Arabic 1 is half of English 0
    sim21 = np.full((2, 2), 0.1)
    sim21[0, 0] = 0.9  # Arabic 0+1 joined matches English 0 better than Arabic 0 alone
    beads = search(values_for(sim11, sim21=sim21))
    assert beads == [((0, 1), (0,)), ((2,), (1,))]


def test_merge_is_split_when_the_extra_clause_is_not_in_its_counterpart():
    beads = [((0, 1), (0,)), ((2,), (1,))]
    support = {0: 0.8, 1: 0.2}
    out = recheck_merges(beads, lambda a, e, k: support[k], PARAMS)
    assert out == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_merge_is_kept_when_both_clauses_are_in_the_counterpart():
    beads = [((0,), (0, 1))]
    assert recheck_merges(beads, lambda a, e, k: 0.7, PARAMS) == beads


def test_split_puts_the_gap_on_the_right_side_in_order():
    beads = [((0,), (0, 1))]
    out = recheck_merges(beads, lambda a, e, k: 0.1 if k == 0 else 0.9, PARAMS)
    assert out == [((), (0,)), ((0,), (1,))]


def test_length_term_prefers_a_plausible_length_ratio():
    sim11 = np.array([[0.6, 0.6]])
    beads = search(values_for(sim11, len_ar=np.array([100.0]), len_en=np.array([20.0, 115.0])))
    assert ((0,), (1,)) in beads


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.integers(0, 2**32 - 1))
def test_every_clause_covered_once_in_order(n, m, seed):
    rng = np.random.default_rng(seed)
    values = values_for(rng.uniform(-0.2, 1.0, (n, m)),
                        rng.uniform(-0.2, 1.0, (max(n - 1, 0), m)), rng.uniform(-0.2, 1.0, (n, max(m - 1, 0))),
                        rng.uniform(1, 300, n), rng.uniform(1, 300, m))
    beads = search(values)
    beads = recheck_merges(beads, lambda a, e, k: rng.uniform(0, 1), PARAMS)
    assert [i for a, _ in beads for i in a] == list(range(n))
    assert [j for _, e in beads for j in e] == list(range(m))
    allowed = {(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)}
    assert all((len(a), len(e)) in allowed for a, e in beads)
    for a, e in beads:  # members of a bead are consecutive
        assert list(a) == list(range(a[0], a[0] + len(a))) if a else True
        assert list(e) == list(range(e[0], e[0] + len(e))) if e else True


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 8), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_search_is_optimal_against_brute_force(n, m, seed):
    """The row-wise DP finds the same best total as an explicit cell-by-cell recursion."""
    rng = np.random.default_rng(seed)
    values = values_for(rng.uniform(-0.2, 1.0, (n, m)), rng.uniform(-0.2, 1.0, (n - 1, m)),
                        rng.uniform(-0.2, 1.0, (n, m - 1)), rng.uniform(1, 300, n), rng.uniform(1, 300, m))

    def total(beads):
        out = 0.0
        for a, e in beads:
            if not e:
                out += values.gap_ar[a[0]]
            elif not a:
                out += values.gap_en[e[0]]
            elif len(a) == 2:
                out += values.v21[a[0], e[0]]
            elif len(e) == 2:
                out += values.v12[a[0], e[0]]
            else:
                out += values.v11[a[0], e[0]]
        return out

    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            options = []
            if i >= 1:
                options.append(best[i - 1, j] + values.gap_ar[i - 1])
            if j >= 1:
                options.append(best[i, j - 1] + values.gap_en[j - 1])
            if i >= 1 and j >= 1:
                options.append(best[i - 1, j - 1] + values.v11[i - 1, j - 1])
            if i >= 2 and j >= 1:
                options.append(best[i - 2, j - 1] + values.v21[i - 2, j - 1])
            if i >= 1 and j >= 2:
                options.append(best[i - 1, j - 2] + values.v12[i - 1, j - 2])
            best[i, j] = max(options)
    assert total(search(values)) == pytest.approx(best[n, m])
