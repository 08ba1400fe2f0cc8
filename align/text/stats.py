"""Small statistics on 1-D arrays and lists."""

from __future__ import annotations

import numpy as np


def median(values) -> float:
    """The median of a non-empty 1-D array, as ``np.median`` gives it. ``np.median`` imports ``numpy.ma``
    on its first call, 9 ms of every command's start-up."""
    ordered = np.sort(np.asarray(values, dtype=np.float64).ravel())
    if not len(ordered):
        raise ValueError("median of an empty array")
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else float((ordered[middle - 1] + ordered[middle]) / 2)


def upper_median(values) -> float:
    """The middle of the sorted values, the upper one of the two for an even count: always a value that
    occurs (a PDF's body font size is one of its sizes, not the mean of two)."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def median_of_enough(values, minimum: int) -> float | None:
    """The median of ``values``, or None when there are fewer than ``minimum`` of them to tell (a document's
    typical 1-1 pair similarity)."""
    values = list(values)
    return median(values) if len(values) >= minimum else None
