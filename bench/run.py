"""`make bench`: alignment accuracy on dev and held-out UN data, and timing on the bundled resolution.

Prints markdown tables and, with --docs docs/benchmarks.md (as `make bench` runs it), rewrites each between its
markers there (<!-- bench:start --> ... <!-- bench:end -->, <!-- bench-checks:start --> ..., see main).
Tune on dev only; held-out rows are reported, never used to choose a threshold.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from align.alignment.aligner import AlignParams
from align.embed.backends import get_backend
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
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "align", "check", "--demo", "--fail-on", "never", "--no-cache",
                        "--format", "json", "--output", str(Path(scratch) / "report.json")], check=True)
        cold = time.perf_counter() - started
    report = check_files(embedder=get_backend("use"))
    same = sum({report.ar.clauses[i].paragraph for i in p.ar} == {report.en.clauses[j].paragraph for j in p.en}
               for p in report.alignment)
    counts = report.summary()["findings"]
    return (f"Bundled resolution: {len(report.ar.clauses)} Arabic / {len(report.en.clauses)} English clauses, "
            f"{same}/{len(report.alignment)} rows pair clauses of the same paragraph, findings "
            f"{counts['error']} error / {counts['warning']} warning / {counts['info']} info; "
            f"`align check` end to end (process start, model load, embedding) {cold:.2f} s.")


def injection_rows(embedder, trials_per_kind: int) -> list[str]:
    from . import injection

    rows = ["| split | kind of error | recall (caught/trials) |", "|---|---|---|"]
    footer = []
    for split, label, sets in (("dev", "dev", injection.DEV_SETS), ("heldout", "heldout", injection.HELDOUT_SETS),
                               ("dev", "dev news", injection.NEWS_SETS["dev"]),
                               ("heldout", "heldout news", injection.NEWS_SETS["heldout"])):
        if not all((SHARED / split / name).is_dir() for name in sets):
            continue
        result = injection.run(embedder, seed=0, trials_per_kind=trials_per_kind, sets=sets, split=split)
        for kind, tally in sorted(result.recall.items()):
            rows.append(f"| {label} | {kind} | {tally.recall:.3f} ({tally.caught}/{tally.trials}) |")
        per_100 = {s: 100 * result.false_positives.get(s, 0) / max(result.untouched_pairs, 1)
                   for s in ("error", "warning", "info")}
        by_check = ", ".join(f"{check} {severity} {count}" for (check, severity), count
                             in sorted(result.false_by_check.items()))
        footer.append(f"- {label} ({', '.join(sets)}): {result.untouched_pairs} untouched pairs; findings per 100 "
                      f"untouched pairs: {per_100['error']:.2f} error, {per_100['warning']:.2f} warning "
                      f"({by_check or 'none'}).")
    if (SHARED / "dev" / "mtgeneval-ar").is_dir():
        m = injection.mtgeneval(embedder)
        footer.append(f"- mtgeneval-ar dev ({m['pairs']} pairs, wrong-gender Arabic against the correct one): "
                      f"pairs with any finding {m['flagged (correct Arabic)']:.3f} correct vs "
                      f"{m['flagged (wrong-gender Arabic)']:.3f} wrong gender; the wrong-gender Arabic scores "
                      f"lower than the correct one in {m['wrong gender scores lower than correct']:.3f} of pairs.")
    return rows + [""] + footer


def alignar_rows(embedder, params: AlignParams) -> list[str]:
    """Ours, and beside it a peer with the same embeddings: Bertalign's second pass (bench/peers.py). A last
    column scores both without the beads that touch a stretch where the gold is not a partition of the lines
    in order (bench.alignar.gold_faults), and a note under the table names each fault."""
    from . import alignar, peers

    rows = ["| split | domain | aligner | docs | strict P | strict R | strict F1 | lax F1 | seconds per document "
            "| strict F1 where the gold is consistent |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    aligners = {"align": lambda split, domain: alignar.evaluate(split, domain, embedder, params),
                "Bertalign's second pass, same USE": lambda split, domain: peers.evaluate(split, domain, embedder)}
    notes: dict[str, str] = {}
    for split in ("dev", "heldout"):
        for domain in ("law", "literature"):
            for method, evaluate_on in aligners.items():
                done = evaluate_on(split, domain)
                if not done.documents:
                    continue
                sc = done.scores()
                consistent = done.consistent.scores()["strict F1"]
                rows.append(f"| {split} | {domain} | {method} | {done.documents} | {sc['strict P']:.3f} | "
                            f"{sc['strict R']:.3f} | {sc['strict F1']:.3f} | {sc['lax F1']:.3f} | "
                            f"{sc['seconds per document']:.1f} | {consistent:.3f} |")
                for document, faults in done.faults:
                    (ar_lo, ar_hi), (en_lo, en_hi) = faults.stretch
                    notes[f"{split} {domain} {document}"] = (
                        f"{faults.describe()}; left out: the beads touching Arabic lines {ar_lo}–{ar_hi} or "
                        f"English lines {en_lo}–{en_hi}")
    if notes:
        rows += ["", "Gold faults (lines 0-based, as the gold counts them):", ""]
        rows += [f"- {where}: {what}." for where, what in notes.items()]
    return rows


def replace_block(text: str, name: str, body: str, command: str) -> str:
    """Rewrite the block between <!-- NAME:start --> and <!-- NAME:end --> of a markdown file's text
    (docs/benchmarks.md); a text without the block is returned as it is."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\nMeasured with `{command}` (USE backend, default thresholds).\n\n{body}\n{end}"
    if start not in text:
        return text
    return re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", "--readme", dest="docs", type=Path,
                        help="rewrite the bench blocks of this markdown file (docs/benchmarks.md; --readme: "
                             "the old name of this option)")
    parser.add_argument("--only", choices=["alignment", "checks", "sweep", "alignar", "mixed", "merges", "partial",
                                             "revisions"],
                        action="append", help="run only these parts (default: all)")
    parser.add_argument("--trials", type=int, default=150, help="injected errors per kind")
    args = parser.parse_args()
    parts = args.only or ["alignment", "checks", "sweep", "alignar", "mixed", "merges", "partial", "revisions"]
    embedder = CachingEmbedder(get_backend("use"))
    blocks = {}
    if "alignment" in parts:
        blocks["bench"] = "\n".join([
            "| split | set (`--segmented`, per document) | docs | lines | 1-1 accuracy | deletion recall (trials) | "
            "false gaps per trial | join found as 2-1 (trials) | trials | time |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *alignment_rows(embedder, AlignParams()),
            "",
            bundled_row(),
        ])
    if "checks" in parts:
        blocks["bench-checks"] = "\n".join(injection_rows(embedder, args.trials))
    if "sweep" in parts:
        from . import sweep

        results = {split: sweep.sweep(embedder, split) for split in ("dev", "heldout")}
        readings = sweep.load_readings()
        blocks["bench-sweep"] = "\n".join(sweep.table(results))
        blocks["bench-readings"] = "\n".join([*sweep.reading_table(results, readings), "",
                                                *sweep.precision_table(results, readings)])
        sweep.LIST_FILE.write_text(sweep.listing(results, "make bench", readings) + "\n", encoding="utf-8")
    if "alignar" in parts:
        blocks["bench-alignar"] = "\n".join(alignar_rows(embedder, AlignParams()))
    if "mixed" in parts:
        from . import mixed

        blocks["bench-mixed"] = "\n".join(mixed.tables(embedder, AlignParams())[0])
    if "merges" in parts:
        from . import merges

        blocks["bench-merges"] = "\n".join(merges.rows(embedder, AlignParams()))
    if "partial" in parts:
        from . import partial

        blocks["bench-partial"] = "\n".join(partial.tables(embedder))
    if "revisions" in parts:
        from . import revisions

        blocks["bench-revisions"] = "\n".join(revisions.rows({split: revisions.evaluate(embedder, split)
                                                               for split in ("dev", "heldout")}))
    for name, body in blocks.items():
        print(body, end="\n\n", flush=True)
    if args.docs:
        text = args.docs.read_text(encoding="utf-8")
        for name, body in blocks.items():
            text = replace_block(text, name, body, "make bench")
        args.docs.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
