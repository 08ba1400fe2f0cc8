"""Speed-up of `align batch` from a second worker, on a shared data set split into one pair per document.

    python -m bench.batch [--set unv1-devset] [--workers 1 2] [--repeat 2] [--limit N]

Splits the set by its docs.tsv into DIR/NAME.ar.txt + DIR/NAME.en.txt (a temporary
directory), then runs the batch (``--segmented``, embedding cache off so every run
embeds everything) once per worker count, ``--repeat`` times, and prints the wall
times and the speed-up of each count over the first. The machine may be shared:
read the numbers of both repeats.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from .data import SHARED, load_documents


def split_documents(source: Path, target: Path, limit: int | None = None) -> int:
    """Write each document of a line-aligned set as a pair NAME.ar.txt/NAME.en.txt; the number written."""
    target.mkdir(parents=True, exist_ok=True)
    docs = load_documents(source)[:limit]
    for k, doc in enumerate(docs):
        name = f"{k:04d}-" + re.sub(r"[^\w.-]+", "_", doc.name).strip("_")
        (target / f"{name}.ar.txt").write_text("\n".join(doc.ar) + "\n", encoding="utf-8")
        (target / f"{name}.en.txt").write_text("\n".join(doc.en) + "\n", encoding="utf-8")
    return len(docs)


def main() -> None:
    from align.batch import BatchOptions, find_pairs, run_batch
    from align.pipeline import Options

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="unv1-devset", help="a set under shared/data/dev")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads per worker (default 1, as align batch)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="align-batch-bench-") as tmp:
        pairs_dir, out = Path(tmp) / "pairs", Path(tmp) / "out"
        count = split_documents(SHARED / "dev" / args.set, pairs_dir, args.limit)
        pairs = find_pairs(pairs_dir)
        options = BatchOptions(check=Options(segmented=True, cache=False))
        print(f"{args.set}: {count} documents as {len(pairs)} pairs")
        times: dict[int, list[float]] = {w: [] for w in args.workers}
        for repeat in range(args.repeat):
            for workers in args.workers:
                started = time.perf_counter()
                result = run_batch(pairs, out, options, workers, threads=args.threads)
                seconds = time.perf_counter() - started
                times[workers].append(seconds)
                totals = result.totals()
                print(f"run {repeat + 1}: --workers {workers} ({args.threads or 1}"
                      f" BLAS threads each): {seconds:.1f} s wall, {totals['checked']} checked, "
                      f"{totals['bad']} bad ({', '.join(p.name + ': ' + (p.error or '') for p in result.bad)}), "
                      f"{totals['ar_clauses']} clauses, findings {totals['findings']}",
                      flush=True)
        first = args.workers[0]
        for workers in args.workers[1:]:
            ratios = [a / b for a, b in zip(times[first], times[workers])]
            print(f"speed-up of --workers {workers} over --workers {first}: "
                  + ", ".join(f"{r:.2f}x" for r in ratios) + " (per repeat)")


if __name__ == "__main__":
    main()
