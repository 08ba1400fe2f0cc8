"""bench.merges: the many-to-one dev set made from 1-1 dev text. Its gold must be a true alignment of the lines it
writes (a partition of both sides, in order, each bead holding exactly the sentences it joined), the same for a
seed on every run, and drawn from the profile it names."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.data import ParallelDoc
from bench.merges import _sentences_for, bead_counts, framing_documents, merge_document, merged_documents, profile

from ..conftest import DEV

needs_dev = pytest.mark.skipif(not (DEV / "alignar").is_dir(), reason="needs the team's dev data (ALIGN_SHARED_DATA)")

SHAPES = st.dictionaries(st.tuples(st.integers(1, 4), st.integers(1, 4)), st.floats(0.1, 1.0), min_size=1, max_size=6)


def _doc(n: int) -> ParallelDoc:
    return ParallelDoc("doc", [f"ع{k}." for k in range(n)], [f"E{k}." for k in range(n)])


def _partition(gold, ar_lines: int, en_lines: int) -> bool:
    ar = [i for a, _ in gold for i in a]
    en = [j for _, e in gold for j in e]
    return ar == list(range(ar_lines)) and en == list(range(en_lines)) and all(a and e for a, e in gold)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 40), shares=SHAPES, seed=st.integers(0, 2**32))
def test_the_gold_is_a_partition_holding_exactly_the_sentences_it_joined(n, shares, seed):
    doc = _doc(n)
    ar, en, gold = merge_document(doc, shares, random.Random(seed))
    assert _partition(gold, len(ar), len(en))
    covered = 0
    for a, e in gold:
        ar_words = " ".join(ar[i] for i in a).split()
        en_words = " ".join(en[j] for j in e).split()
        k = len(ar_words)
        assert ar_words == doc.ar[covered:covered + k] and en_words == doc.en[covered:covered + k]
        assert (len(a), len(e)) in shares or (len(a), len(e)) == (1, 1)
        covered += k
    assert covered == n


@settings(max_examples=50, deadline=None)
@given(shares=SHAPES, seed=st.integers(0, 2**32))
def test_no_bead_falls_apart_into_smaller_true_beads(shares, seed):
    """Inside a bead no cut is shared by both sides: else the bead would be two true beads."""
    doc = _doc(30)
    ar, en, gold = merge_document(doc, shares, random.Random(seed))
    for a, e in gold:
        ar_ends = {sum(len(ar[i].split()) for i in a[:k + 1]) for k in range(len(a) - 1)}
        en_ends = {sum(len(en[j].split()) for j in e[:k + 1]) for k in range(len(e) - 1)}
        assert not ar_ends & en_ends


@pytest.mark.parametrize("shape, sentences", [((1, 1), 1), ((1, 3), 3), ((3, 1), 3), ((2, 2), 3), ((2, 3), 4),
                                              ((2, 8), 9)])
def test_a_bead_takes_the_fewest_sentences_its_cuts_allow(shape, sentences):
    assert _sentences_for(*shape) == sentences


def test_list_items_join_with_a_semicolon():
    ar, en, gold = merge_document(_doc(3), {(1, 3): 1.0}, random.Random(0), joiners=("؛ ", "; "))
    assert ar == ["ع0.؛ ع1.؛ ع2."] and en == ["E0.", "E1.", "E2."] and gold == [((0,), (0, 1, 2))]


@needs_dev
def test_profiles_are_the_shares_of_the_dev_gold_shapes():
    literary, mirrored = profile("literary"), profile("mirrored")
    assert sum(literary.values()) == pytest.approx(1.0)
    assert max(literary, key=literary.get) == (1, 2)  # the literary translator splits an Arabic sentence in two
    assert mirrored == {(b, a): share for (a, b), share in literary.items()}
    assert profile("legal")[(1, 1)] > 0.7


@needs_dev
def test_the_set_is_the_same_for_a_seed_and_has_thousands_of_merged_beads_per_half():
    first = merged_documents(0, ("literary",), ("ntrex128",), half="tune")
    assert first == merged_documents(0, ("literary",), ("ntrex128",), half="tune")
    assert first != merged_documents(1, ("literary",), ("ntrex128",), half="tune")
    assert {d.half for d in first} == {"tune"}
    every = merged_documents(0, half="test")
    assert bead_counts(every)[1] >= 2000
    assert all(_partition(d.gold, len(d.ar), len(d.en)) for d in every)


def test_framing_lines_are_joined_on_one_side_both_directions():
    docs = framing_documents()
    assert {d.source.rsplit("-", 1)[1] for d in docs} == {"ar", "en"}
    for doc in docs:
        assert _partition(doc.gold, len(doc.ar), len(doc.en))
        merged = [(a, e) for a, e in doc.gold if len(a) + len(e) > 2]
        assert len(merged) == 1 and sorted((len(merged[0][0]), len(merged[0][1]))) == [1, 2]
