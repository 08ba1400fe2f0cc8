"""The aligner on hand-built and random embeddings: moves, gaps, many-to-one beads, the band, invariants."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from align.alignment.aligner import (AlignParams, Band, RunSide, align_grid, moves, pair_stranded, peel_unsupported,
                           unpair_unrelated)

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


def mixed(u: np.ndarray, v: np.ndarray, cosine: float) -> np.ndarray:
    """A unit vector at ``cosine`` to the unit ``u``, in the plane of ``u`` and the orthogonal unit ``v``."""
    return unit(cosine * u + np.sqrt(1 - cosine ** 2) * v)


@pytest.mark.parametrize("cosine, paired", [
    (0.27, False),  # two clauses left by deletions on opposite sides: no better than random UN clauses
    (0.34, True),   # a loose rendering
])
def test_two_clauses_pair_one_to_one_only_above_the_pair_floor(cosine, paired):
    rng = np.random.default_rng(3)
    ar = [noisy(0, rng), basis(5), noisy(1, rng)]
    en = [noisy(0, rng), mixed(basis(5), basis(6), cosine), noisy(1, rng)]
    beads = run(ar, en)
    assert (((1,), (1,)) in beads) is paired
    if not paired:
        assert ((1,), ()) in beads and ((), (1,)) in beads


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


def _with_merges(merges: int, pairs: int, bead_ar: list, bead_en: list, ar_length: float = 176.0,
                 pair_noise: float = 0.15):
    """``merges`` honest 1-2 beads (two English halves of one Arabic clause), ``pairs`` 1-1 pairs (cosine
    about 1 / (1 + pair_noise²): 0.98, a close translation), then one 1-2 bead under test: Arabic ``bead_ar``
    (one vector) against English ``bead_en`` (two vectors)."""
    rng = np.random.default_rng(5)
    ar, en, beads = [], [], []
    for k in range(merges):
        halves = [basis(2 * k), basis(2 * k + 1)]
        beads.append(((len(ar),), (len(en), len(en) + 1)))
        ar.append(unit(sum(halves)))
        en.extend(halves)
    for k in range(pairs):
        beads.append(((len(ar),), (len(en),)))
        ar.append(noisy(30 + k, rng, pair_noise))
        en.append(noisy(30 + k, rng, pair_noise))
    beads.append(((len(ar),), (len(en), len(en) + 1)))
    ar.append(unit(bead_ar))
    en.extend(bead_en)
    ar_lengths = [176.0] * merges + [88.0] * pairs + [ar_length]
    return sides(ar, en, ar_lengths=ar_lengths), beads


HALF = 0.5  # every member matches some stretch of its counterpart this well: under support_keep, so the
# bead's value with and without the member decides


CLOSE, FREE = 0.15, 0.9  # noise of the 1-1 pairs: a close translation (median pair 0.98), a free one (0.55)


@pytest.mark.parametrize("merges, second, translation, kept", [
    # an honest join: the Arabic renders both English halves
    (0, 1.0, CLOSE, True),
    (6, 1.0, CLOSE, True),
    # an omission: the second English clause is not in the Arabic; shed whatever the document's habit
    (0, 0.0, CLOSE, False),
    (6, 0.0, FREE, False),
    # the Arabic renders a little of the second clause (the bead loses 0.03 with it): in a 1-1 document that
    # is an omission, where the translator splits sentences habitually it is a split (the prior) ...
    (0, 0.27, FREE, False),
    (6, 0.27, FREE, True),
    # ... but not in a close translation: there the other merges are edits too, not a habit
    (6, 0.27, CLOSE, False),
])
def test_the_peel_decides_each_bead_on_its_own_evidence(merges, second, translation, kept):
    (ar, en), beads = _with_merges(merges, 20, basis(60) + second * basis(61), [basis(60), basis(61)],
                                   pair_noise=translation)
    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), lambda side, clause, run: HALF)
    last_en = len(en) - 1
    assert (beads[-1] in out) == kept
    if not kept:
        assert out[-2:] == [((len(ar) - 1,), (last_en - 1,)), ((), (last_en,))]
    assert [j for _, e in out for j in e] == list(range(len(en)))


@pytest.mark.parametrize("groups, kept", [
    ([0, 0], True),    # two sub-clauses of one English paragraph the Arabic renders as one clause: kept
    ([0, 1], False),   # two paragraphs: the unrendered one is an omission on the Arabic side
])
def test_sub_clauses_of_one_paragraph_leave_only_when_unsupported(groups, kept):
    (ar, en), beads = _with_merges(0, 20, basis(60), [basis(60), basis(61)])
    en.groups = np.array(list(range(len(en) - 2)) + [len(en) + g for g in groups])
    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), lambda side, clause, run: HALF)
    assert (beads[-1] in out) == kept


@pytest.mark.parametrize("next_renders_it, expected", [
    (True, "joins the next bead"),  # the boundary moved by one clause
    (False, "gap"),                 # the next bead's Arabic does not render it either: an addition
])
def test_a_clause_peeled_off_a_merge_joins_the_next_bead_that_needs_it(next_renders_it, expected):
    rng = np.random.default_rng(0)
    pairs = [noisy(30 + k, rng) for k in range(10)]
    ar = pairs + [unit(basis(0) + basis(1)), unit(basis(3) + (basis(2) if next_renders_it else 0))] + pairs
    en = pairs + [basis(0), basis(1), basis(2), basis(3)] + pairs
    ar_side, en_side = sides(ar, en, ar_lengths=[88.0] * 10 + [176.0, 176.0 if next_renders_it else 88.0] + [88.0] * 10)
    beads = ([((k,), (k,)) for k in range(10)] + [((10,), (10, 11, 12)), ((11,), (13,))]
             + [((12 + k,), (14 + k,)) for k in range(10)])

    def support(side, clause, run):  # English 12 is found in the next bead's Arabic only when it renders it
        if (side, clause) == ("en", 12):
            return 0.9 if run == (11, 12) and next_renders_it else 0.1
        return 0.9

    out = peel_unsupported(beads, ar_side, en_side, PARAMS, exact_runs(ar_side, en_side), support)
    if expected == "gap":
        assert ((10,), (10, 11)) in out and ((), (12,)) in out and ((11,), (13,)) in out
    else:
        assert ((10,), (10, 11)) in out and ((11,), (12, 13)) in out
    assert [j for _, e in out for j in e] == list(range(len(en)))


def test_a_run_of_unrelated_clauses_beside_a_match_is_gaps_not_one_long_bead():
    """The bundled resolution cut after half its paragraphs, in miniature: the Arabic goes on with clauses on
    the same subject (each about as close to the last English clause as a loose paraphrase) that the English
    lacks. Summed, they resemble that English clause; each is still a gap."""
    rng = np.random.default_rng(3)
    shared = rng.standard_normal(DIM).astype(np.float32)
    topic = [unit(0.6 * shared + rng.standard_normal(DIM).astype(np.float32)) for _ in range(20)]
    extra = [unit(0.6 * shared + rng.standard_normal(DIM).astype(np.float32)) for _ in range(9)]
    beads = run(topic + extra, topic)
    assert [b for b in beads if b[0] and b[1]] == [((k,), (k,)) for k in range(20)]
    assert [b for b in beads if not b[1]] == [((20 + k,), ()) for k in range(9)]


@settings(max_examples=40, deadline=None)
@given(st.integers(30, 90), st.integers(1, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_k_deleted_lines_far_apart_give_k_gaps(n, k, seed, on_english):
    """Lines deleted on one side, at least four apart, beside honest joins elsewhere: exactly those gaps."""
    rng = np.random.default_rng(seed)
    table = rng.standard_normal((n, 48)).astype(np.float32)
    vectors = [unit(table[i] + 0.4 * rng.standard_normal(48).astype(np.float32)) for i in range(n)]
    others = [unit(table[i] + 0.4 * rng.standard_normal(48).astype(np.float32)) for i in range(n)]
    slots = rng.permutation(n // 5)[:k]
    deleted = sorted(int(5 * s + 2) for s in slots if 5 * s + 2 < n)
    kept = [vectors[i] for i in range(n) if i not in deleted]
    ar, en = (others, kept) if on_english else (kept, others)
    beads = run(ar, en)
    gaps = sorted((a if on_english else e)[0] for a, e in beads if not (e if on_english else a))
    assert gaps == deleted


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


@pytest.mark.parametrize("crossing, expected", [
    # an Arabic line whose English was dropped beside an English line whose Arabic was: each half-matches
    # the other, so neither leaves alone; they leave together
    (True, [((10,), ()), ((11,), (10,)), ((), (11,))]),
    # an honest 2-2, the sentence boundary drawn elsewhere (Arabic: A+B, C; English: A, B+C): kept
    (False, [((10, 11), (10, 11))]),
])
def test_two_gaps_crossing_inside_one_bead_leave_together(crossing, expected):
    rng = np.random.default_rng(1)
    pairs = [noisy(30 + k, rng) for k in range(10)]
    if crossing:
        middle_ar = [unit(basis(5) + basis(6)), basis(0)]
        middle_en = [basis(0), unit(basis(6) + basis(7))]
    else:
        middle_ar = [unit(basis(0) + basis(1)), basis(2)]
        middle_en = [basis(0), unit(basis(1) + basis(2))]
    ar, en = sides(pairs + middle_ar + pairs, pairs + middle_en + pairs)
    beads = [((k,), (k,)) for k in range(10)] + [((10, 11), (10, 11))] + [((12 + k,), (12 + k,)) for k in range(10)]
    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), vector_support(ar, en))
    assert out[10:-10] == expected


@pytest.mark.parametrize("subject, weight, expected", [
    # a document on one subject: the member half-matches the counterpart (support 0.62), but every clause of
    # the English matches it almost as well (0.42): an orphan that the background shows up; it leaves
    (1.5, None, [((10,), ()), ((11,), (10,))]),
    (1.5, 0.0, [((10, 11), (10,))]),           # without that evidence it stayed (dp-9)
    # the same member in a document of many subjects (nothing else matches it): found, it stays
    (0.0, None, [((10, 11), (10,))]),
    (0.5, None, [((10, 11), (10,))]),
])
def test_a_member_found_no_better_than_unrelated_clauses_leaves(subject, weight, expected):
    topic = basis(63)

    def clause(k: int) -> np.ndarray:
        return unit(basis(k) + subject * topic)

    ar_vectors = [clause(k) for k in range(10)] + [unit(clause(10) + 1.3 * basis(40)), clause(10)] + \
        [clause(11 + k) for k in range(10)]
    en_vectors = [clause(k) for k in range(10)] + [clause(10)] + [clause(11 + k) for k in range(10)]
    ar, en = sides(ar_vectors, en_vectors, None, [100.0] * 10 + [200.0] + [100.0] * 10)
    found = vector_support(ar, en)

    def support(side, member, run):
        return 0.62 if (side, member) == ("ar", 10) else found(side, member, run)

    params = PARAMS if weight is None else replace(PARAMS, peel_background_weight=weight)
    beads = [((k,), (k,)) for k in range(10)] + [((10, 11), (10,))] + [((12 + k,), (11 + k,)) for k in range(10)]
    out = peel_unsupported(beads, ar, en, params, exact_runs(ar, en), support)
    assert out[10:-10] == expected


@pytest.mark.parametrize("merges, adds, kept", [
    # the Arabic renders part of the second English clause: the bead loses little with it, so it stays ...
    (0, None, True),   # ... when what the clause adds is not measured (dp-11)
    (0, 0.15, True),   # ... and when it is the best match of a part of the Arabic the first clause is not
    # an orphan on the same subject: it matches the Arabic about as well as its neighbour does, yet explains
    # nothing of it that the neighbour does not; where merges are rare it leaves
    (0, 0.0, False),
    # where the translator splits sentences habitually, a split half often adds little of its own: it stays
    (6, 0.0, True),
])
def test_a_member_that_adds_nothing_to_its_bead_leaves_where_merges_are_rare(merges, adds, kept):
    (ar, en), beads = _with_merges(merges, 20, basis(60) + 0.4 * basis(61), [basis(60), basis(61)],
                                   pair_noise=FREE)  # a free translation: merging can be a habit
    calls = []

    def contribution(side, member, run, counterpart):
        calls.append((side, member))
        return adds

    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), lambda side, clause, run: HALF,
                           contribution=contribution)
    assert (beads[-1] in out) == kept
    assert ("en", len(en) - 1) in calls or merges
    if not kept:
        assert out[-1] == ((), (len(en) - 1,))


def _document_with_pair_at_10(pair_ar, pair_en, sibling: float, typical: float):
    """21 pairs k-k; pair 10 is (``pair_ar``, ``pair_en``); English clause 14 shares ``sibling`` of the Arabic
    clause 10's own direction; every other pair reads ``typical``."""
    rng = np.random.default_rng(3)
    ar, en = [], []
    for k in range(21):
        if k == 10:
            ar.append(unit(pair_ar))
            en.append(unit(pair_en))
            continue
        own = basis(k)
        ar.append(unit(own))
        other = unit(own * typical + np.sqrt(1 - typical ** 2) * unit(rng.standard_normal(DIM).astype(np.float32)))
        en.append(unit(other + sibling * basis(40)) if k == 14 else other)
    return sides(ar, en)


@pytest.mark.parametrize("pair_ar, pair_en, sibling, typical, unpaired", [
    # two clauses left by nearby deletions on opposite sides, both on the document's subject: they read 0.39,
    # and the Arabic one matches English clause 14 (unrelated to it) better: two gaps
    (basis(40) + 0.8 * basis(60), basis(41) + 0.8 * basis(60), 1.2, 0.95, True),
    # the same pair with nothing nearby that matches either clause better: a pair the encoder reads poorly
    (basis(40) + 0.8 * basis(60), basis(41) + 0.8 * basis(60), 0.0, 0.95, False),
    # a document whose translations read 0.6 (literary): 0.39 is not far below its typical pair
    (basis(40) + 0.8 * basis(60), basis(41) + 0.8 * basis(60), 1.2, 0.6, False),
    # a good pair is never touched
    (basis(40), basis(40), 1.2, 0.95, False),
])
def test_a_pair_of_unrelated_clauses_far_below_the_document_is_unpaired(pair_ar, pair_en, sibling, typical, unpaired):
    ar, en = _document_with_pair_at_10(pair_ar, pair_en, sibling, typical)
    beads = [((k,), (k,)) for k in range(21)]
    evidence: dict = {}
    out = unpair_unrelated(beads, ar, en, PARAMS, evidence)
    if unpaired:
        assert out == beads[:10] + [((10,), ()), ((), (10,))] + beads[11:]
        assert evidence[("ar", 10)].background > evidence[("ar", 10)].support + 0.08
    else:
        assert out == beads and not evidence


ORPHANS = (basis(40) + 0.8 * basis(60), basis(41) + 0.8 * basis(60))  # two clauses on one subject: cosine 0.39


@pytest.mark.parametrize("pair, stranded, vetoed, expected", [
    # a translation left as two gaps between the same two pairs (the search glued one to a run elsewhere): paired
    ((basis(40), basis(40)), [((), (10,)), ((10,), ())], False, [((10,), (10,))]),
    # ... unless the caller's evidence rules the pair out (two headings whose numbers differ)
    ((basis(40), basis(40)), [((), (10,)), ((10,), ())], True, [((), (10,)), ((10,), ())]),
    # a weak pair holding the translation's clause gives it up; its other clause pairs with its own translation
    ((basis(40), basis(40)), [((), (9,)), ((9,), (10,)), ((10,), ())], False, [((9,), (9,)), ((10,), (10,))]),
    # two orphans on the same subject (0.39, far below the document's 0.95) stay gaps
    (ORPHANS, [((), (10,)), ((10,), ())], False, [((), (10,)), ((10,), ())]),
    # a weak merged bead (English 10 read against two Arabic clauses it does not render) holding the clause of a
    # translation: each clause goes to its own translation (ten English lines missing from the Charter)
    ((basis(40), basis(40)), [((), (8,)), ((), (9,)), ((8, 9), (10,)), ((10,), ())], False,
     [((8,), (8,)), ((9,), (9,)), ((10,), (10,))]),
])
def test_clauses_stranded_between_the_same_pairs_are_paired_when_they_translate_each_other(pair, stranded, vetoed,
                                                                                            expected):
    ar, en = _document_with_pair_at_10(*pair, 0.0, 0.95)
    first = min(i for a, e in stranded for i in (*a, *e))
    beads = [((k,), (k,)) for k in range(first)] + stranded + [((k,), (k,)) for k in range(11, 21)]
    out = pair_stranded(beads, ar, en, PARAMS, (lambda i, j: True) if vetoed else None)
    assert out == beads[:first] + expected + beads[first + len(stranded):]


@pytest.mark.parametrize("merges, inside, translation, expected", [
    # a clause inside a 1-3 run that no stretch of the Arabic renders: it leaves with the weaker end
    (0, 0.0, CLOSE, "split"),
    (0, 0.2, FREE, "split"),
    # found in the Arabic: the run stays whole
    (0, 0.5, CLOSE, "whole"),
    # where merging is the habit of a free translation, a loosely rendered middle clause is more often a split
    # than an omission; in a close one the merges are edits, not a habit
    (12, 0.2, FREE, "whole"),
    (12, 0.2, CLOSE, "split"),
])
def test_a_clause_inside_a_run_that_the_counterpart_lacks_leaves_with_the_weaker_part(merges, inside, translation,
                                                                                        expected):
    (ar, en), beads = _with_merges(merges, 20, basis(60), [basis(60), basis(61)], pair_noise=translation)
    # the bead under test becomes 1-3: English basis(60), an unrelated clause, then a clause the Arabic half renders
    en_vectors = np.vstack([en.vectors, unit(basis(62))[None, :]])
    ar_vectors = ar.vectors.copy()
    ar_vectors[-1] = unit(basis(60) + 0.6 * basis(62))
    ar, en = sides(ar_vectors, en_vectors, ar_lengths=ar.lengths, en_lengths=list(en.lengths) + [100.0])
    a, e = beads[-1]
    beads[-1] = (a, e + (e[-1] + 1,))
    middle = e[-1]

    def support(side, clause, run):
        return inside if (side, clause) == ("en", middle) else 0.9  # the ends are found: only the middle is tried

    out = peel_unsupported(beads, ar, en, PARAMS, exact_runs(ar, en), support)
    if expected == "split":
        assert out[-3:] == [(a, (e[0],)), ((), (middle,)), ((), (middle + 1,))]
    else:
        assert out[-1] == beads[-1]
    assert [j for _, e_ in out for j in e_] == list(range(len(en)))
