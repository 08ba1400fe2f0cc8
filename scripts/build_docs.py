#!/usr/bin/env python3
"""Regenerate docs/checks.md: one section per check of the registry (``CHECKS`` in align/check/registry.py).

Each check's id, default severity, category and what it looks for come from the registry; its measured
precision on untouched dev text comes from the precision table that ``make bench`` writes into the
``bench-readings`` block of docs/benchmarks.md (``bench.sweep.precision_table``: the sweep's findings against
the verdicts of bench/readings.tsv). A check added to the registry, or a description or severity changed,
needs this script run again; tests/test_docs.py fails until it is::

    python scripts/build_docs.py            # writes docs/checks.md
    python scripts/build_docs.py --check    # exit 1 if docs/checks.md is stale

Deterministic: the same registry and benchmark file give the same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

try:
    from align.check.registry import CHECKS  # noqa: E402
except ImportError:  # the registry re-exported by the package while modules move
    from align.check import CHECKS  # noqa: E402

OUT = ROOT / "docs" / "checks.md"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
READINGS_BLOCK = "bench-readings"
PRECISION_HEADER = "| texts | check | severity | per 100 pairs | read real / read | precision |"
GROUPS = {"UN": "UN texts (unv1-devset, un-charter, sdg-targets)",
          "news, literature": "news and literature (ntrex128, mtgeneval-ar)"}
SEVERITIES = ("error", "warning", "info")

# What the registry's one-line descriptions leave out, per check: where its data live, how it decides.
NOTES = {
    "gap": (
        "A gap made by the aligner's merge re-check says what it was tried against: `peeled_from` in the JSON "
        "row, and the message quotes the counterpart, its best matching stretch, the clause's best unrelated "
        "match nearby and how much closer the pair reads without it ([algorithm.md](algorithm.md))."),
    "term-mismatch": (
        "The glossary is `align/data/glossary.tsv` (its format and sources: "
        "[GLOSSARY.md](../align/data/GLOSSARY.md)): states (every UN member, the 57 OIC members, short and "
        "formal names and the forms resolutions use), UN and OIC bodies, places and fixed terms. Extend it with "
        "`--glossary FILE` (repeatable): a two-column English/Arabic list (TSV or CSV, either order, header "
        "optional), TBX (ISO 30042, from CAT tools) or the 5-column TSV. Matching folds Arabic (alef forms, "
        "taa marbuta, alef maksura, tashkeel, tatweel, attached و ب ل ف ك and the article) and English "
        "inflection."),
    "partial-omission": (
        "It tries every phrase of 2–12 consecutive words of each side of a pair and weighs two kinds of "
        "evidence that the other side does not render it. Phrase ablation: how much more alike the pair reads "
        "without the phrase (computed from the pair's own USE token features, which is why it runs on the "
        "`use` backend only). Words without a counterpart: each word of the phrase that the word-translation "
        "table knows but finds no translation of anywhere in the other side adds 0.03, up to four words. The "
        "bundled table (`align/data/lexicon.tsv`) is learned by IBM model 1 from the official UN dev sets "
        "(`scripts/build_lexicon.py`); `align lexicon AR EN -o mine.tsv` learns one from your own line-aligned "
        "text (at least 100 line pairs) for `--lexicon mine.tsv`. The phrase with the most evidence, snapped "
        "to its commas, is reported when its evidence passes the threshold, which rises for a document whose "
        "pairs read less alike. A phrase that a warning or error of the same pair already marks is not "
        "reported again. Its result is kept in the embedding cache. Recall by phrase length: "
        "[benchmarks.md](benchmarks.md#phrases-dropped-inside-a-clause)."),
}


def checks() -> list:
    """The registered checks, in the registry's order (``CHECKS`` is a dict by id, or a list)."""
    return list(CHECKS.values()) if isinstance(CHECKS, dict) else list(CHECKS)


def precision_rows(text: str) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(texts, check, severity) -> (per 100 pairs, "real / read", precision) from the precision table of the
    bench-readings block of docs/benchmarks.md."""
    block = re.search(rf"<!-- {READINGS_BLOCK}:start -->(.*?)<!-- {READINGS_BLOCK}:end -->", text, re.S)
    if block is None or PRECISION_HEADER not in block.group(1):
        raise SystemExit(f"{BENCHMARKS.relative_to(ROOT)}: no precision table in its {READINGS_BLOCK} block "
                         f"(make bench writes it)")
    rows = {}
    table = block.group(1).split(PRECISION_HEADER, 1)[1]
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        group, check, severity, per_100, read, precision = (cell.strip() for cell in line.strip("|").split("|"))
        rows[(group, check, severity)] = (per_100, read, precision)
    return rows


def _precision_cell(rows: dict, group: str, check_id: str) -> str:
    """One group's precision of a check, by severity, for the summary table: "error 1.00 (15/15); warning 0.71 (12/17)"."""
    parts = []
    for severity in SEVERITIES:
        found = rows.get((group, check_id, severity))
        if found:
            per_100, read, precision = found
            parts.append(f"{severity} {precision} ({read.replace(' ', '')})")
    return "; ".join(parts) or "no finding"


def _precision_lines(rows: dict, check_id: str) -> list[str]:
    lines = []
    for group, name in GROUPS.items():
        parts = []
        for severity in SEVERITIES:
            found = rows.get((group, check_id, severity))
            if found:
                per_100, read, precision = found
                real, total = (n.strip() for n in read.split("/"))
                share = "no finding read" if precision == "–" else f"precision {precision}"
                parts.append(f"{severity}s {per_100} per 100 pairs, {real} of {total} read real ({share})")
        lines.append(f"- {name}: " + ("; ".join(parts) if parts else "no error or warning raised") + ".")
    return lines


def render(benchmarks_text: str | None = None) -> str:
    """The text of docs/checks.md."""
    if benchmarks_text is None:
        benchmarks_text = BENCHMARKS.read_text(encoding="utf-8")
    rows = precision_rows(benchmarks_text)
    registered = checks()
    out = [
        "# Checks",
        "",
        "<!-- Generated by `python scripts/build_docs.py` (also run by `make bench` and `make docs`) from the "
        "check registry and docs/benchmarks.md. Do not edit by hand: edit align/check/registry.py or the "
        "NOTES of scripts/build_docs.py and run the script again. -->",
        "",
        "`align checks` lists the checks; `align check --checks a,b` runs only those, `--skip a,b` leaves some "
        "out. Every finding has the check's stable id, a severity (`error`, `warning` or `info`), an MQM/ITS "
        "category, the clauses and the file line and column on both sides, the offending character spans "
        "where the check has them, and a message quoting both texts ([formats.md](formats.md)). The severity "
        "below is the check's default; the description says when a finding is raised at a lower one. "
        "`--fail-on` decides which severities fail the run; findings reviewed once can be left out with a "
        "baseline ([review.md](review.md)).",
        "",
        "**Precision** is measured on untouched dev texts, checked as published: every error and warning the "
        "checks raise there was read, both lines side by side, and named a real divergence of the published "
        "texts or a false alarm (`make bench`, part `sweep`; the verdicts are in "
        "[bench/readings.tsv](../bench/readings.tsv)). The figures are read from the precision table in "
        "[benchmarks.md](benchmarks.md#findings-on-untouched-texts) when this page is generated; `info` "
        "findings are not read. \"no finding\" means the check raised no error or warning on those texts.",
        "",
        "| id | default severity | category | precision on UN texts | precision on news and literature |",
        "|---|---|---|---|---|",
    ]
    for check in registered:
        out.append(f"| [`{check.id}`](#{check.id}) | {check.severity} | {check.category} | "
                   f"{_precision_cell(rows, 'UN', check.id)} | "
                   f"{_precision_cell(rows, 'news, literature', check.id)} |")
    for check in registered:
        out += ["", f"## {check.id}", "",
                f"Default severity `{check.severity}`, category `{check.category}`.", "",
                f"What it looks for: {check.description}.", ""]
        if check.id in NOTES:
            out += [NOTES[check.id], ""]
        out += ["Measured precision on untouched dev texts:", "", *_precision_lines(rows, check.id)]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/checks.md is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        stale = current != text
        print(f"{OUT.relative_to(ROOT)}: {'stale: run python scripts/build_docs.py' if stale else 'up to date'}")
        return int(stale)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(checks())} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
