"""Seeded error injection: recall of each check on real UN text, and false positives on untouched text.

For each kind of error, lines of untouched documents (unv1-devset resolutions, the UN Charter, the SDG
targets; and, apart, news: ntrex128, tico19 held out) are changed one at a time in one language, the pair is
checked (`--segmented`, every check), and a trial counts as caught when the expected check flags the changed
line. Untouched documents give the false positives per 100 clause pairs, by severity. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

from align.check.glossary import Glossary, bundled_glossary_path
from align.pipeline import Options, check_documents
from align.report.model import Report

from .data import SHARED, ParallelDoc, as_document, load_documents, unseen_options

DEV_SETS = ("unv1-devset/resolutions_subset", "un-charter", "sdg-targets")
HELDOUT_SETS = ("unv1-testset/resolutions_subset", "udhr")
# news translated freely: the same injections, to show what the checks catch where translations read loosely
NEWS_SETS = {"dev": ("ntrex128",), "heldout": ("tico19",)}


@dataclass
class Trial:
    """One injected error: the changed document and how to recognise a catch."""

    ar: list[str]
    en: list[str]
    caught: Callable[[Report], bool]
    line: int = -1  # the changed line (its Arabic index)


@dataclass
class Tally:
    trials: int = 0
    caught: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.trials if self.trials else float("nan")


@dataclass
class InjectionResult:
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    untouched_pairs: int = 0
    false_positives: Counter = field(default_factory=Counter)
    false_by_check: Counter = field(default_factory=Counter)
    missed: dict[str, list[Trial]] = field(default_factory=lambda: defaultdict(list))


def _flags(report: Report, check: str, ar: int | None = None, en: int | None = None) -> bool:
    """Whether ``check`` reported something on Arabic clause ``ar`` or English clause ``en``."""
    for f in report.findings:
        if f.check == check and ((ar is not None and ar in f.ar) or (en is not None and en in f.en)):
            return True
    return False


_FLIPS = [("condemns", "welcomes"), ("welcomes", "condemns"), ("calls upon", "commends"),
          ("commends", "condemns"), ("urges", "rejects"), ("supports", "rejects"), ("rejects", "supports"),
          ("requests", "welcomes"), ("decides", "regrets"), ("reaffirms", "rejects"), ("recognizes", "rejects"),
          ("encourages", "condemns"), ("emphasizes", "deplores"), ("stresses", "deplores"),
          ("affirms", "rejects"), ("invites", "condemns"), ("expresses", "rejects"), ("notes", "condemns"),
          ("recalling", "condemning"), ("reaffirming", "rejecting"), ("noting", "condemning"),
          ("welcoming", "condemning"), ("recognizing", "rejecting"), ("emphasizing", "deploring"),
          ("expressing", "rejecting"), ("stressing", "deploring"), ("taking note", "condemning")]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b|\b(" + "|".join(_MONTHS) + r") (\d{4})\b")
_NUMBER = re.compile(r"(?<![\w/.-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w/]|\.\d)")
_SYMBOL = re.compile(r"\b(?:A|S|E)/(?:RES/)?[\w.\-/]*\d+\b|\bresolution (\d+/\d+)\b|\b\d{1,4} \(\d{4}\)")
_NEGATABLE = re.compile(r"\b(is|are|was|were|should|shall|will|can|may|must|has|have|does|do)\b (?!not\b)")
_NEGATED = re.compile(r"\b(is|are|was|were|should|shall|will|can|may|must|has|have|does|do) not\b")


def _kinds(doc: ParallelDoc, other: ParallelDoc, k: int, rng: random.Random,
           states: list[tuple[str, list[str]]]) -> dict[str, Trial | None]:
    """Every kind of error that can be injected at line ``k`` of ``doc``."""
    ar, en = doc.ar, doc.en
    out: dict[str, Trial | None] = {}
    out["deletion (English line)"] = Trial(ar, en[:k] + en[k + 1:], lambda r: _flags(r, "gap", ar=k))
    out["deletion (Arabic line)"] = Trial(ar[:k] + ar[k + 1:], en, lambda r: _flags(r, "gap", en=k))
    extra_en, extra_ar = rng.choice(other.en), rng.choice(other.ar)
    out["addition (English line)"] = Trial(ar, en[:k + 1] + [extra_en] + en[k + 1:],
                                           lambda r: _flags(r, "gap", en=k + 1))
    out["addition (Arabic line)"] = Trial(ar[:k + 1] + [extra_ar] + ar[k + 1:], en,
                                          lambda r: _flags(r, "gap", ar=k + 1))
    out["unrelated substitution"] = Trial(
        ar, en[:k] + [extra_en] + en[k + 1:],
        lambda r: _flags(r, "gap", ar=k) or _flags(r, "gap", en=k) or _flags(r, "low-similarity", ar=k))
    line = en[k]
    symbols = [m.span() for m in _SYMBOL.finditer(line)]
    numbers = [m for m in _NUMBER.finditer(line) if not _DATE.search(line[max(0, m.start() - 12):m.end() + 12])
               and not any(s <= m.start() < e for s, e in symbols)]  # a changed symbol is a symbol trial
    if numbers:
        m = rng.choice(numbers)
        value = int(m.group(1).replace(",", ""))
        changed = f"{value + rng.choice([1, 2, 10, 100]):,}" if "," in m.group(1) else str(value + rng.choice([1, 2, 3]))
        out["number changed"] = Trial(ar, en[:k] + [line[:m.start()] + changed + line[m.end():]] + en[k + 1:],
                                      lambda r: _flags(r, "number-mismatch", ar=k))
    date = _DATE.search(line)
    if date:
        month = date.group(2) or date.group(4)
        other_month = _MONTHS[(_MONTHS.index(month) + rng.randint(1, 11)) % 12]
        changed = line[:date.start()] + date.group().replace(month, other_month) + line[date.end():]
        out["date changed"] = Trial(ar, en[:k] + [changed] + en[k + 1:], lambda r: _flags(r, "date-mismatch", ar=k))
    symbol = _SYMBOL.search(line)
    if symbol:
        text = symbol.group()
        digits = list(re.finditer(r"\d+", text))
        last = digits[0] if text.endswith(")") else digits[-1]  # "1591 (2005)": the resolution, not its year
        new = text[:last.start()] + str(int(last.group()) + 1) + text[last.end():]
        out["symbol changed"] = Trial(ar, en[:k] + [line[:symbol.start()] + new + line[symbol.end():]] + en[k + 1:],
                                      lambda r: _flags(r, "symbol-mismatch", ar=k))
    for name, variants in states:
        hit = next((v for v in variants if re.search(rf"\b{re.escape(v)}\b", line)), None)
        if hit:
            replacement = rng.choice([s for s, _ in states if s != name])
            swapped = re.sub(rf"\b{re.escape(hit)}\b", replacement, line, count=1)
            out["name swapped"] = Trial(ar, en[:k] + [swapped] + en[k + 1:], lambda r: _flags(r, "term-mismatch", ar=k))
            break
    lowered = line.lower()
    for old, new in _FLIPS:
        at = re.search(rf"\b{old}\b", lowered)
        if at and at.start() < 60:
            flipped = line[:at.start()] + (new.capitalize() if line[at.start()].isupper() else new) + line[at.end():]
            out["verb flipped"] = Trial(ar, en[:k] + [flipped] + en[k + 1:], lambda r: _flags(r, "verb-mismatch", ar=k))
            break
    negated = _NEGATED.search(line)
    negatable = _NEGATABLE.search(line)
    if negated:
        out["negation removed"] = Trial(ar, en[:k] + [line[:negated.start()] + negated.group(1) + line[negated.end():]]
                                        + en[k + 1:], lambda r: _flags(r, "negation-mismatch", ar=k))
    elif negatable:
        out["negation added"] = Trial(ar, en[:k] + [line[:negatable.end(1)] + " not" + line[negatable.end(1):]]
                                      + en[k + 1:], lambda r: _flags(r, "negation-mismatch", ar=k))
    for trial in out.values():
        if trial is not None:
            trial.line = k
    return out


def _states() -> list[tuple[str, list[str]]]:
    glossary = Glossary.load(bundled_glossary_path())
    return [(t.en[0], [v for v in t.en if v[:1].isupper() and not v.startswith(("~", "="))])
            for t in glossary.terms if t.category == "state" and "un-member" in t.tags]


def run(embedder, seed: int = 0, trials_per_kind: int = 150, sets: tuple[str, ...] = DEV_SETS,
        split: str = "dev") -> InjectionResult:
    """Recall per kind of injected error and false positives on the untouched documents."""
    rng = random.Random(seed)
    named = [(name, d) for name in sets for d in load_documents(SHARED / split / name) if len(d.ar) >= 2]
    docs = [d for _, d in named]
    result = InjectionResult()
    options = Options(segmented=True)
    for name, doc in named:
        report = check_documents(as_document(doc.ar, "ar"), as_document(doc.en, "en"),
                                 unseen_options(options, split, name, doc.name), embedder)
        result.untouched_pairs += sum(not p.is_gap for p in report.alignment) or len(doc.ar)
        for finding in report.findings:
            result.false_positives[finding.severity] += 1
            result.false_by_check[(finding.check, finding.severity)] += 1
    states = _states()
    candidates: dict[str, list[Trial]] = defaultdict(list)
    for doc in docs:
        for k in range(len(doc.ar)):
            other = rng.choice([d for d in docs if d is not doc])
            for kind, trial in _kinds(doc, other, k, rng, states).items():
                if trial is not None:
                    candidates[kind].append(trial)
    for kind in sorted(candidates):
        chosen = candidates[kind]
        if len(chosen) > trials_per_kind:
            chosen = rng.sample(chosen, trials_per_kind)
        tally = result.recall[kind]
        for trial in chosen:
            report = check_documents(as_document(trial.ar, "ar"), as_document(trial.en, "en"), options, embedder)
            tally.trials += 1
            caught = trial.caught(report)
            tally.caught += caught
            if not caught:
                result.missed[kind].append(trial)
    return result


def mtgeneval(embedder, split: str = "dev", limit: int = 600) -> dict[str, float]:
    """Wrong-gender Arabic against the correct one, each against the English: what the checks flag."""
    directory = SHARED / split / "mtgeneval-ar"
    en = (directory / "en.txt").read_text(encoding="utf-8").splitlines()[:limit]
    good = (directory / "ar.txt").read_text(encoding="utf-8").splitlines()[:limit]
    bad = (directory / "ar.contrastive_wrong_gender.txt").read_text(encoding="utf-8").splitlines()[:limit]
    flagged = {"correct": 0, "wrong gender": 0}
    lower_similarity = 0
    options = Options(segmented=True)
    for e, g, b in zip(en, good, bad):
        reports = {name: check_documents(as_document([a], "ar"), as_document([e], "en"), options, embedder)
                   for name, a in (("correct", g), ("wrong gender", b))}
        for name, report in reports.items():
            flagged[name] += bool(report.findings)
        scores = [r.alignment[0].score or 0.0 for r in reports.values()]
        lower_similarity += scores[1] < scores[0]
    n = len(en)
    return {"pairs": n, "flagged (correct Arabic)": flagged["correct"] / n,
            "flagged (wrong-gender Arabic)": flagged["wrong gender"] / n,
            "wrong gender scores lower than correct": lower_similarity / n}
