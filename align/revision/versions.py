"""One language, previous version to new: which new clause each previous clause became.

Clauses are compared on a matching key (normalised words, the paragraph number left out, so renumbering is no
change). An exact diff (:class:`difflib.SequenceMatcher` over the keys) finds the clauses that stayed; a clause that
left one place and appears, identical, in another has moved; inside each stretch the diff could not match, previous
and new clauses are paired in order by how many words they share (the pairing of the most shared words, as many
pairs as the shorter side has clauses), and what is left was added (new) or deleted (previous). No threshold: a
paragraph replaced in place by another text is a change of that paragraph, which is what a reviser reads there.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from align.segment.clauses import Clause
from align.text.normalize import fold_digits, normalize

SAME, MOVED, CHANGED, ADDED = "same", "moved", "changed", "added"
_WORD = re.compile(r"\w+")


def clause_key(clause: Clause) -> tuple[str, ...]:
    """The words of a clause as matched: normalised, without the paragraph number it starts with."""
    words = _WORD.findall(normalize(clause.text))
    if clause.number and words and fold_digits(words[0]).lower() == fold_digits(str(clause.number)).lower():
        words = words[1:]
    return tuple(words)


@dataclass(frozen=True)
class VersionMap:
    """How one language's previous version became its new one."""

    origin: tuple[int | None, ...]  # for each new clause: the previous clause it was (None: added)
    state: tuple[str, ...]          # for each new clause: same, moved, changed or added
    fate: tuple[int | None, ...]    # for each previous clause: the new clause it became (None: deleted)

    @property
    def common(self) -> int:
        """New clauses found unchanged (in place or moved) in the previous version."""
        return sum(s in (SAME, MOVED) for s in self.state)


def shared_words(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """The share of words two matching keys have in common, in order (difflib's ratio)."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair_in_order(old: list[int], new: list[int], old_keys, new_keys) -> list[tuple[int, int]]:
    """min(len(old), len(new)) pairs, in order on both sides, sharing the most words in all."""
    k, n = len(old), len(new)
    if not min(k, n):
        return []
    sim = [[shared_words(old_keys[o], new_keys[w]) for w in new] for o in old]
    # every clause of the shorter side is paired: a search over (clauses of the shorter side placed, clauses of
    # the longer side passed) in which the shorter side's i-th clause takes one of the longer side's
    short_is_old = k <= n
    a, b = (k, n) if short_is_old else (n, k)
    score = [[float("-inf")] * (b + 1) for _ in range(a + 1)]
    back = [[None] * (b + 1) for _ in range(a + 1)]
    for j in range(b + 1):
        score[0][j] = 0.0
    for i in range(1, a + 1):
        for j in range(i, b + 1):
            skip = score[i][j - 1]
            value = sim[i - 1][j - 1] if short_is_old else sim[j - 1][i - 1]
            take = score[i - 1][j - 1] + value
            if take >= skip:
                score[i][j], back[i][j] = take, "take"
            else:
                score[i][j], back[i][j] = skip, "skip"
    found, i, j = [], a, b
    while i:
        if back[i][j] == "take":
            found.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        else:
            j -= 1
    found.reverse()
    return [(old[x], new[y]) if short_is_old else (old[y], new[x]) for x, y in found]


def match_versions(previous: tuple[Clause, ...], new: tuple[Clause, ...]) -> VersionMap:
    """Which new clause each previous clause became (module docstring)."""
    old_keys = [clause_key(c) for c in previous]
    new_keys = [clause_key(c) for c in new]
    origin: list[int | None] = [None] * len(new)
    state = [ADDED] * len(new)
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    stretches = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for o, w in zip(range(i1, i2), range(j1, j2)):
                origin[w], state[w] = o, SAME
        else:
            stretches.append((list(range(i1, i2)), list(range(j1, j2))))
    # Moves: a clause that left one stretch and appears, identical, in another (once on each side).
    left = {}
    for old, _ in stretches:
        for o in old:
            left.setdefault(old_keys[o], []).append(o)
    arrived = {}
    for _, new_ in stretches:
        for w in new_:
            arrived.setdefault(new_keys[w], []).append(w)
    moved_old, moved_new = set(), set()
    for key, olds in left.items():
        news = arrived.get(key, [])
        if key and len(olds) == 1 and len(news) == 1:
            origin[news[0]], state[news[0]] = olds[0], MOVED
            moved_old.add(olds[0])
            moved_new.add(news[0])
    for old, new_ in stretches:
        old = [o for o in old if o not in moved_old]
        new_ = [w for w in new_ if w not in moved_new]
        for o, w in _pair_in_order(old, new_, old_keys, new_keys):
            origin[w] = o
            state[w] = SAME if old_keys[o] == new_keys[w] else CHANGED
    fate: list[int | None] = [None] * len(previous)
    for w, o in enumerate(origin):
        if o is not None:
            fate[o] = w
    return VersionMap(tuple(origin), tuple(state), tuple(fate))
