"""Speed-up of `align batch` from a second worker, and the cost of Dask, on a shared data set split into one
pair per document.

    python -m bench.batch [--set unv1-devset] [--workers 1 2] [--dask 2] [--repeat 2] [--limit N]

Splits the set by its docs.tsv into DIR/NAME.ar.txt + DIR/NAME.en.txt (a temporary
directory), then runs the batch (``--segmented``, embedding cache off so every run
embeds everything) once per worker count, and on a Dask LocalCluster of ``--dask`` workers
(``--scheduler local``; 0: not), ``--repeat`` times, and prints the wall times, the
speed-up of each count over the first, Dask's overhead per pair against the process
pool of the same size, and the throughput per worker with what it means for an archive
of 86,000 pairs. The machine may be shared: read the numbers of both repeats.
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
    parser.add_argument("--dask", type=int, default=2, help="workers of a Dask LocalCluster run (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="align-batch-bench-") as tmp:
        pairs_dir, out = Path(tmp) / "pairs", Path(tmp) / "out"
        count = split_documents(SHARED / "dev" / args.set, pairs_dir, args.limit)
        pairs = find_pairs(pairs_dir)
        options = BatchOptions(check=Options(segmented=True, cache=False))
        print(f"{args.set}: {count} documents as {len(pairs)} pairs")
        times: dict[str, list[float]] = {}
        runs = [(f"--workers {w}", w, None) for w in args.workers]
        if args.dask:
            runs.append((f"--scheduler local --workers {args.dask}", args.dask, "local"))
        for repeat in range(args.repeat):
            for label, workers, scheduler in runs:
                started = time.perf_counter()
                result = run_batch(pairs, out, options, workers, threads=args.threads, scheduler=scheduler)
                seconds = time.perf_counter() - started
                times.setdefault(label, []).append(seconds)
                totals = result.totals()
                print(f"run {repeat + 1}: {label} ({args.threads or 1}"
                      f" BLAS threads each): {seconds:.1f} s wall, {totals['checked']} checked, "
                      f"{totals['bad']} bad ({', '.join(p.name + ': ' + (p.error or '') for p in result.bad)}), "
                      f"{totals['ar_clauses']} clauses, findings {totals['findings']}",
                      flush=True)
        first = runs[0][0]
        for label, workers, scheduler in runs[1:]:
            ratios = [a / b for a, b in zip(times[first], times[label])]
            print(f"speed-up of {label} over {first}: " + ", ".join(f"{r:.2f}x" for r in ratios) + " (per repeat)")
        if args.dask and f"--workers {args.dask}" in times:
            pool, dask = min(times[f"--workers {args.dask}"]), min(times[runs[-1][0]])
            print(f"Dask overhead against the process pool of {args.dask} workers: {dask - pool:+.1f} s, "
                  f"{1000 * (dask - pool) / len(pairs):+.1f} ms per pair")
        one = len(pairs) / min(times[first])  # pairs per second with the first worker count
        widest = max(runs, key=lambda run: run[1])
        efficiency = (len(pairs) / min(times[widest[0]])) / (one * widest[1] / runs[0][1])
        print(f"throughput: {one / runs[0][1]:.1f} pairs/s per worker; with {widest[1]} workers "
              f"{efficiency:.0%} of linear; 86,000 pairs (the UN Parallel Corpus per language) at that rate: "
              + ", ".join(f"{86000 / (one / runs[0][1] * n * (efficiency if n > 1 else 1)) / 3600:.1f} h on {n}"
                          for n in (1, 2, 16, 64)) + " workers")


if __name__ == "__main__":
    main()
