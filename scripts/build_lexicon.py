#!/usr/bin/env python3
"""Regenerate align/data/lexicon.tsv: the word-translation table of the partial-omission check (align.check.lexicon).

Learned by IBM model 1 from every line pair of the official UN dev sets (unv1-devset, un-charter,
sdg-targets; free use with acknowledgement of the United Nations), found through ALIGN_SHARED_DATA
(default ../shared/data). Never from held-out text, nor from the news or literary sets (their licences do
not cover a shipped derivative)::

    python scripts/build_lexicon.py            # writes align/data/lexicon.tsv
    python scripts/build_lexicon.py --check    # exit 1 if the file is stale

Deterministic for given data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.check.lexicon import Lexicon  # noqa: E402
from bench.data import LEXICON_SETS, line_pairs  # noqa: E402

OUT = ROOT / "align" / "data" / "lexicon.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if align/data/lexicon.tsv is stale")
    args = parser.parse_args()
    lexicon = Lexicon.train(line_pairs(LEXICON_SETS), "+".join(LEXICON_SETS))
    if args.check:
        current = Lexicon.load(OUT)
        stale = current.name != lexicon.name
        print(f"{OUT}: {'stale' if stale else 'up to date'} ({current.name}; data gives {lexicon.name})")
        return int(stale)
    lexicon.save(OUT)
    print(f"wrote {OUT}: {len(lexicon.counterparts)} stems ({lexicon.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
