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
