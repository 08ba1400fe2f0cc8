"""Reviewed findings: a baseline file suppresses them, so CI fails only on new ones.

A finding's fingerprint hashes its check, the normalised text of the clauses it
names on both sides and the text of its spans: it survives edits elsewhere in
the document (clause indices may shift) and changes when the clause changes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from align.errors import InputError
from align.files import write_atomically
from align.report.model import Document, Finding
from align.text.normalize import normalize

BASELINE_VERSION = 1


# checks that gained spans after baselines were written, and yield at most one finding per row: their spans
# stay out of the fingerprint, so a baseline written before still suppresses them
_SPANS_NOT_FINGERPRINTED = frozenset({"verb-mismatch"})


def fingerprint(finding: Finding, ar: Document, en: Document) -> str:
    parts = [finding.check]
    parts += [normalize(ar.clauses[i].text) for i in finding.ar]
    parts.append("|")
    parts += [normalize(en.clauses[j].text) for j in finding.en]
    if finding.check not in _SPANS_NOT_FINGERPRINTED:
        parts += [normalize(s.text) for s in finding.ar_spans + finding.en_spans]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def baseline_text(findings: list[tuple[str, Finding]]) -> str:
    """The baseline file for (fingerprint, finding) pairs: JSON, sorted, with messages for people."""
    return baseline_json({fp: {"check": f.check, "message": f.message} for fp, f in findings})


def write_baseline(path: str | Path, findings: list[tuple[str, Finding]]) -> None:
    write_atomically(path, baseline_text(findings))


def load_baseline(path: str | Path) -> frozenset[str]:
    """Fingerprints of a baseline file."""
    return frozenset(load_baseline_entries(path))


def load_baseline_entries(path: str | Path) -> dict[str, dict]:
    """The entries of a baseline file by fingerprint (check, message, and what a review added: reason,
    reviewer, when). A file written by hand with a mistake is refused in one line naming where."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such baseline file") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not a baseline file (JSON: {exc.msg}, column {exc.colno})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a baseline file ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or \
            not isinstance(data.get("findings"), dict):
        raise InputError(f"{path}: not a baseline file (expected version {BASELINE_VERSION} with findings)")
    bad = next((fp for fp, entry in data["findings"].items() if not isinstance(entry, dict)), None)
    if bad is not None:
        raise InputError(f"{path}: not a baseline file (the entry {bad!r} is not an object)")
    return dict(data["findings"])


def baseline_json(entries: dict[str, dict]) -> str:
    """A baseline file holding ``entries`` (fingerprint -> check, message, ...), sorted."""
    return json.dumps({"version": BASELINE_VERSION, "findings": dict(sorted(entries.items()))},
                      ensure_ascii=False, indent=2) + "\n"
