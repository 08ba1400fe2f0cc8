"""False-finding sweep: every untouched dev text checked, every finding on it counted, every error listed.

Each document of each set is checked as published (``--segmented``: line i of one language is the official
translation of line i of the other). Nothing was changed, so every finding is either a false alarm of a
check or a real divergence of the published texts. The counts per 100 paired rows, by set, check and
severity, go to docs/benchmarks.md; every error finding and every warning, with both lines, goes to the list
file it links, to be read and named. A set without documents (mtgeneval-ar) is checked in chunks of
``CHUNK`` lines. What reading each dev finding found (a real divergence or a false alarm, and why) is kept in
``readings.tsv``: the list shows it under each finding, and docs/benchmarks.md counts it per set and per check
(each check's precision, which docs/checks.md quotes).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from align.pipeline import Options, check_documents
from align.report.model import Finding, Report

from .data import SHARED, ParallelDoc, as_document, load_documents, unseen_options

SETS = {"dev": ("unv1-devset", "unv1-devset/resolutions_subset", "un-charter", "sdg-targets", "ntrex128",
                "mtgeneval-ar"),
        "heldout": ("unv1-testset", "unv1-testset/resolutions_subset", "udhr", "tico19", "mtgeneval-ar")}
CHUNK = 40
LIST_FILE = Path(__file__).resolve().parent / "false-findings.md"
READINGS_FILE = Path(__file__).resolve().parent / "readings.tsv"
VERDICTS = {"real": "real divergence", "false": "false alarm", "unsure": "unsure"}


@dataclass(frozen=True)
class Reading:
    """A person's verdict on one listed finding: a real divergence of the published texts or a false alarm."""

    verdict: str  # a key of VERDICTS
    note: str


ReadingKey = tuple[str, str, str, tuple[int, ...], tuple[int, ...]]  # set, document, check, Arabic, English


def load_readings(path: Path = READINGS_FILE) -> dict[ReadingKey, Reading]:
    """The verdicts of ``readings.tsv``: set, document, check, Arabic and English clause indices (comma
    separated), verdict, note; lines starting with # are comments."""
    readings: dict[ReadingKey, Reading] = {}
    if not path.exists():
        return readings
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 7 or fields[5] not in VERDICTS:
            raise ValueError(f"{path.name} line {number}: expected 7 tab-separated fields and a verdict in "
                             f"{sorted(VERDICTS)}")
        name, doc, check, ar, en, verdict, note = fields
        readings[(name, doc, check, _indices(ar), _indices(en))] = Reading(verdict, note)
    return readings


def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(k) for k in text.split(",") if k.strip())


@dataclass(frozen=True)
class Listed:
    """One finding on untouched text, with the lines it names."""

    set: str
    doc: str
    finding: Finding
    ar: str
    en: str

    @property
    def key(self) -> ReadingKey:
        return self.set, self.doc, self.finding.check, tuple(self.finding.ar), tuple(self.finding.en)

    def verdict(self, readings: dict[ReadingKey, Reading]) -> str:
        """What reading this finding found (a key of VERDICTS), or "unread"."""
        reading = readings.get(self.key)
        return reading.verdict if reading else "unread"


@dataclass
class SetResult:
    """Paired rows and findings of one set."""

    pairs: int = 0
    documents: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_check: Counter = field(default_factory=Counter)
    listed: list[Listed] = field(default_factory=list)

    def per_100(self, severity: str) -> float:
        return 100 * self.by_severity.get(severity, 0) / max(self.pairs, 1)


def documents(split: str, name: str) -> list[ParallelDoc]:
    """The set's documents; a set without documents (mtgeneval-ar) in chunks of ``CHUNK`` lines."""
    directory = SHARED / split / name
    if (directory / "docs.tsv").exists():
        return load_documents(directory)
    whole = load_documents(directory)[0]
    return [ParallelDoc(f"{name}[{k + 1}-{min(k + CHUNK, len(whole.en))}]", whole.ar[k:k + CHUNK],
                        whole.en[k:k + CHUNK]) for k in range(0, len(whole.en), CHUNK)]


def _listed(name: str, doc: ParallelDoc, report: Report, finding: Finding) -> Listed:
    ar = " / ".join(report.ar.clauses[i].text for i in finding.ar)
    en = " / ".join(report.en.clauses[j].text for j in finding.en)
    return Listed(name, doc.name, finding, ar, en)


def sweep(embedder, split: str = "dev", sets: tuple[str, ...] | None = None) -> dict[str, SetResult]:
    """Every document of each set (those present) checked untouched."""
    options = Options(segmented=True)
    results: dict[str, SetResult] = {}
    for name in sets or SETS[split]:
        if not (SHARED / split / name).is_dir():
            continue
        result = results[name] = SetResult()
        for doc in documents(split, name):
            if not doc.ar or not doc.en:
                continue
            report = check_documents(as_document(doc.ar, "ar"), as_document(doc.en, "en"),
                                     unseen_options(options, split, name, doc.name), embedder)
            result.documents += 1
            result.pairs += sum(not p.is_gap for p in report.alignment)
            for finding in report.findings:
                result.by_severity[finding.severity] += 1
                result.by_check[(finding.check, finding.severity)] += 1
                if finding.severity in ("error", "warning"):
                    result.listed.append(_listed(name, doc, report, finding))
    return results


def table(results: dict[str, dict[str, SetResult]]) -> list[str]:
    """Markdown rows: per split and set, findings per 100 paired rows by severity, and by check."""
    rows = ["| split | set | documents | paired rows | errors per 100 | warnings per 100 | by check |",
            "|---|---|---|---|---|---|---|"]
    for split, sets in results.items():
        for name, r in sets.items():
            checks = ", ".join(f"{check} {severity[0]} {count}" for (check, severity), count
                               in sorted(r.by_check.items()) if severity != "info") or "none"
            rows.append(f"| {split} | {name} | {r.documents} | {r.pairs} | {r.per_100('error'):.2f} | "
                        f"{r.per_100('warning'):.2f} | {checks} |")
    return rows


def reading_table(results: dict[str, dict[str, SetResult]], readings: dict[ReadingKey, Reading]) -> list[str]:
    """Markdown rows: the dev findings by what reading them found, per set and severity; "not real per 100"
    counts every finding not read as a real divergence (false alarms, unsure, not yet read)."""
    rows = ["| set | severity | real divergences | false alarms | unsure | not yet read | not real per 100 |",
            "|---|---|---|---|---|---|---|"]
    for name, r in results.get("dev", {}).items():
        for severity in ("error", "warning"):
            verdicts = Counter(item.verdict(readings) for item in r.listed if item.finding.severity == severity)
            not_real = sum(verdicts.values()) - verdicts["real"]
            rows.append(f"| {name} | {severity} | {verdicts['real']} | {verdicts['false']} | {verdicts['unsure']} | "
                        f"{verdicts['unread']} | {100 * not_real / max(r.pairs, 1):.2f} |")
    return rows


def precision_table(results: dict[str, dict[str, SetResult]], readings: dict[ReadingKey, Reading]) -> list[str]:
    """Markdown rows: per check and severity, over the dev sets (UN texts apart from news and literature), the
    findings on untouched pairs per 100 and the share of those read that are real divergences: each check's
    precision, to set beside its recall in the checks benchmark."""
    # the resolutions subset repeats unv1-devset lines: its pairs and findings are not counted twice
    groups = {"UN": ("unv1-devset", "un-charter", "sdg-targets"), "news, literature": ("ntrex128", "mtgeneval-ar")}
    rows = ["| texts | check | severity | per 100 pairs | read real / read | precision |", "|---|---|---|---|---|---|"]
    for group, names in groups.items():
        sets = [results["dev"][n] for n in names if n in results.get("dev", {})]
        pairs = sum(r.pairs for r in sets)
        verdicts: dict[tuple[str, str], Counter] = {}
        for r in sets:
            for item in r.listed:
                verdicts.setdefault((item.finding.check, item.finding.severity), Counter())[
                    item.verdict(readings)] += 1
        for (check, severity), counts in sorted(verdicts.items()):
            read = counts["real"] + counts["false"] + counts["unsure"]
            precision = f"{counts['real'] / read:.2f}" if read else "–"
            rows.append(f"| {group} | {check} | {severity} | {100 * sum(counts.values()) / max(pairs, 1):.2f} | "
                        f"{counts['real']} / {read} | {precision} |")
    return rows


def listing(results: dict[str, dict[str, SetResult]], command: str,
            readings: dict[ReadingKey, Reading] | None = None) -> str:
    """The list file: every error, then every warning, of the dev sweep, with both lines and what reading
    it found (``readings.tsv``)."""
    readings = readings or {}
    out = ["# Findings on untouched official texts", "",
           f"Written by `{command}`. Every finding that `align check --segmented` raises on the dev sets as "
           "published (see `bench/sweep.py`): each is a false alarm to fix at its cause or a real divergence "
           "of the published texts. Each was read, both lines side by side, and its verdict is kept in "
           "`bench/readings.tsv` (a finding raised since then says \"not yet read\"). Held-out texts are "
           "counted in docs/benchmarks.md, never listed.", ""]
    for severity in ("error", "warning"):
        items = [item for r in results.get("dev", {}).values() for item in r.listed
                 if item.finding.severity == severity]
        out += [f"## {severity.capitalize()}s ({len(items)})", ""]
        for item in items:
            f = item.finding
            reading = readings.get(item.key)
            read = f"{VERDICTS[reading.verdict]}: {reading.note}" if reading else "not yet read"
            out += [f"- **{item.set}** `{item.doc}` {f.check} (AR {list(f.ar)} / EN {list(f.en)}): {f.message}",
                    f"  - read: {read}", f"  - AR: {item.ar}", f"  - EN: {item.en}"]
        out.append("")
    return "\n".join(out)


def main() -> None:
    from align.embed.backends import get_backend

    from .data import CachingEmbedder

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--sets", nargs="+", help="set names under the split (default: all of the split's)")
    parser.add_argument("--list", type=Path, default=None, help=f"write the list of findings (e.g. {LIST_FILE.name})")
    args = parser.parse_args()
    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    embedder = CachingEmbedder(get_backend("use"))
    started = time.perf_counter()
    results = {split: sweep(embedder, split, tuple(args.sets) if args.sets else None) for split in splits}
    readings = load_readings()
    print("\n".join(table(results)))
    if "dev" in results:
        print("\n" + "\n".join(reading_table(results, readings)))
        print("\n" + "\n".join(precision_table(results, readings)))
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.list:
        args.list.write_text(listing(results, "python -m bench.sweep --list " + str(args.list), readings) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
