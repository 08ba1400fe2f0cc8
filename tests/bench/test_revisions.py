"""The revision benchmark's seeding: deterministic, every kind present, each located where it was made."""

from __future__ import annotations

import random

from bench.data import ParallelDoc
from bench.revisions import KINDS, ONE_SIDED, PER_KIND, seed_revisions


def _doc(name: str, n: int) -> ParallelDoc:
    return ParallelDoc(name, [f"{k + 1} - يقرر المجلس البند رقم {k + 1} من جدول الأعمال لعام {2000 + k}."
                              for k in range(n)],
                       [f"{k + 1}. The Council decides on agenda item {k + 1} for the year {2000 + k}." for k in range(n)])


def test_seeding_is_deterministic_and_puts_every_kind_where_it_says():
    doc, donor = _doc("doc", 200), ParallelDoc("donor", [f"سطر آخر {k}" for k in range(40)],
                                               [f"another line {k}" for k in range(40)])
    one = seed_revisions(doc, donor, random.Random("0:doc"))
    two = seed_revisions(doc, donor, random.Random("0:doc"))
    assert (one.new, one.revisions) == (two.new, two.revisions)
    assert sorted({kind for kind, _ in one.revisions}) == sorted(KINDS)
    assert len(one.revisions) == PER_KIND * len(KINDS)
    for kind, where in one.revisions:
        what, side = kind.split()
        if what in ("reword", "add") and side != "both":
            (k,) = where[side]
            other = "en" if side == "ar" else "ar"
            assert getattr(one.new, side)[k] not in getattr(doc, side) and not where[other]
        elif what == "delete" and side != "both":
            other = "en" if side == "ar" else "ar"
            (k,) = where[other]  # the counterpart that stayed: its line is gone from this side
            kept = getattr(one.new, other)[k]
            assert kept in getattr(doc, other) and not where[side]
            gone = getattr(doc, side)[getattr(doc, other).index(kept)]
            assert gone not in getattr(one.new, side)
        elif kind in ONE_SIDED:  # a move: the line on its side, and its counterpart that stayed
            assert where["ar"] and where["en"]
