"""`make bench`: alignment accuracy on dev and held-out UN data, and timing on the bundled resolution.

Writes a markdown table between the bench markers of the README (with --readme) and prints it.
Tune on dev only; held-out rows are reported, never used to choose a threshold.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from align.aligner import AlignParams
from align.embed import get_backend
from align.pipeline import check_files

from .alignment import evaluate
from .data import SHARED, CachingEmbedder, load_documents

SETS = [
    ("dev", "unv1-devset/resolutions_subset", None),
    ("dev", "unv1-devset", 3),
    ("heldout", "unv1-testset/resolutions_subset", None),
]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def alignment_rows(embedder, params: AlignParams) -> list[str]:
    rows = []
    for split, name, cap in SETS:
        directory = SHARED / split / name
        if not directory.is_dir():
            continue
        docs = load_documents(directory)
        started = time.perf_counter()
        scores = evaluate(docs, embedder, params, seed=0, max_trials_per_doc=cap).as_row()
        trials = "every line" if cap is None else f"{cap} seeded per document"
        rows.append(f"| {split} | {name} | {len(docs)} | {scores['lines']} | {scores['1-1 accuracy']:.4f} | "
                    f"{scores['deletion recall']:.4f} ({scores['deletion trials']}) | "
                    f"{scores['false gaps per deletion trial']:.4f} | {scores['join as 2-1']:.4f} "
                    f"({scores['join trials']}) | {trials} | {time.perf_counter() - started:.1f} s |")
    return rows


def bundled_row() -> str:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import cli; cli.main()", "check", "--fail-on", "never",
                    "--format", "json", "--output", "/dev/null"], check=True)
    cold = time.perf_counter() - started
    report = check_files(embedder=get_backend("use"))
    same = sum({report.ar.clauses[i].paragraph for i in p.ar} == {report.en.clauses[j].paragraph for j in p.en}
               for p in report.alignment)
    counts = report.summary()["findings"]
    return (f"Bundled resolution: {len(report.ar.clauses)} Arabic / {len(report.en.clauses)} English clauses, "
            f"{same}/{len(report.alignment)} rows pair clauses of the same paragraph, findings "
            f"{counts['error']} error / {counts['warning']} warning / {counts['info']} info; "
            f"`align check` end to end (process start, model load, embedding) {cold:.2f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readme", type=Path, help="rewrite the bench section of this README")
    args = parser.parse_args()
    embedder = CachingEmbedder(get_backend("use"))
    lines = [
        "| split | set (`--segmented`, per document) | docs | lines | 1-1 accuracy | deletion recall (trials) | "
        "false gaps per trial | join found as 2-1 (trials) | trials | time |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *alignment_rows(embedder, AlignParams()),
        "",
        bundled_row(),
    ]
    table = "\n".join(lines)
    print(table)
    if args.readme:
        text = args.readme.read_text(encoding="utf-8")
        block = f"{START}\nMeasured with `make bench` (USE backend, default thresholds).\n\n{table}\n{END}"
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
        args.readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
