"""The peer the AlignAR bench sets beside ours: Bertalign's second pass, on hand-made vectors."""

import numpy as np
import pytest

from bench.peers import bertalign_second_pass


def _runs(sentences: list[list[int]], longest: int = 3, dim: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence is the sum of the basis vectors it lists; run vectors are normalised sums of sentences,
    indexed [size - 1, end], and each sentence is 10 bytes per basis vector it holds."""
    vectors = np.zeros((longest, len(sentences), dim))
    lengths = np.zeros((longest, len(sentences)))
    for size in range(1, longest + 1):
        for end in range(size - 1, len(sentences)):
            total = np.zeros(dim)
            for sentence in sentences[end - size + 1:end + 1]:
                total[sentence] += 1.0
            vectors[size - 1, end] = total / np.linalg.norm(total)
            lengths[size - 1, end] = 10 * sum(len(s) for s in sentences[end - size + 1:end + 1])
    return vectors, lengths


@pytest.mark.parametrize("arabic, english, expected", [
    # one English sentence for each Arabic one
    ([[0], [1], [2], [3]], [[0], [1], [2], [3]], [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]),
    # the English splits the Arabic sentence 1 in two: a 1-2 bead
    ([[0], [1, 4, 5], [2], [3]], [[0], [1, 4], [5], [2], [3]],
     [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]),
    # the last Arabic sentence renders the English 3 and 4 as one
    ([[0], [1], [2], [3, 6]], [[0], [1], [2], [3], [6]], [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3, 4))]),
])
def test_bertalign_second_pass(arabic, english, expected):
    assert bertalign_second_pass(*_runs(arabic), *_runs(english), max_bead=4) == expected


def test_bertalign_second_pass_on_a_document_shorter_than_its_longest_bead():
    """Beads of up to 8 sentences on four English ones: the shapes longer than the English are left out."""
    beads = bertalign_second_pass(*_runs([[0, 1, 2, 3]], longest=7), *_runs([[0], [1], [2], [3]], longest=7),
                                  max_bead=8)
    assert beads == [((0,), (0, 1, 2, 3))]


# The AlignAR scorer's gold check: where a gold alignment is not a partition of the lines in order.
@pytest.mark.parametrize("gold, lines, twice, never, disordered, stretch", [
    # a partition in order: no fault
    ([((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))], (4, 4), (), (), (), None),
    # an English line no bead uses: the beads on either side of it span the fault
    ([((0,), (0,)), ((1,), (1,)), ((2,), (3,)), ((3,), (4,))], (4, 5), (), (("en", 2),), (), ((1, 2), (1, 3))),
    # an English line used by two beads (one of them twice, so out of order): those two beads; the beads
    # before and after hold no line next to it
    ([((0,), (0,)), ((1,), (1, 2)), ((2,), (2, 2, 3)), ((3,), (4,)), ((4,), (5,))], (5, 6),
     (("en", 2),), (), (((2,), (2, 2, 3)),), ((1, 2), (1, 3))),
    # an Arabic line in no bead at the very start
    ([((1,), (0,)), ((2,), (1,)), ((3,), (2,))], (4, 3), (), (("ar", 0),), (), ((1, 1), (0, 0))),
])
def test_gold_faults(gold, lines, twice, never, disordered, stretch):
    from bench.alignar import gold_faults

    faults = gold_faults(gold, *lines)
    assert (faults.twice, faults.never, faults.disordered, faults.stretch) == (twice, never, disordered, stretch)


def test_scoring_leaves_out_the_faulty_stretch_only_in_the_consistent_counts():
    from bench.alignar import Counts, _outside, gold_faults

    gold = [((0,), (0,)), ((1,), (1,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]  # English 2 in no bead
    predicted = [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]
    stretch = gold_faults(gold, 5, 6).stretch
    whole, consistent = Counts(), Counts()
    whole.add(predicted, gold, 0.0)
    consistent.add(_outside(predicted, stretch), _outside(gold, stretch), 0.0)
    assert whole.scores()["strict F1"] == pytest.approx(0.8)  # 4 of 5 either way
    assert consistent.scores()["strict F1"] == 1.0  # beads 0, 3 and 4 lie outside English 1-3
    assert _outside(predicted, stretch) == [((0,), (0,)), ((3,), (4,)), ((4,), (5,))]
