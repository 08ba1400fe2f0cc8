"""Report formats for people and for CI, all derived from one :class:`~align.report.model.Report`.

:data:`FORMATS` maps a ``--format`` name to a formatter, a function
``(report, options) -> str | bytes``. Formatters are pure: they read the report
and return the whole document; writing it (atomically) is the caller's job.
Each format module is imported only when its formatter is called, so importing
this package stays cheap (no pandas, no XML library).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Union

from align.report.model import SEVERITY_RANK, Finding, Report

Output = Union[str, bytes]
Formatter = Callable[[Report, "FormatOptions"], Output]


@dataclass(frozen=True)
class FormatOptions:
    """What a formatter can be told besides the report."""

    fail_on: str = "error"            # junit failures, github annotations: findings at or above this
    tmx_include_gaps: bool = False    # tmx: keep gap rows as one-sided <tu>s with a note
    base_dir: Path | None = None      # sarif/github/junit: paths relative to this (the repository root); cwd if None
    title: str | None = None          # html: page title (default: the two file names)


def _lazy(module: str, function: str) -> Formatter:
    def formatter(report: Report, options: FormatOptions) -> Output:
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(report, options)

    formatter.__name__ = f"{module}.{function}"
    return formatter


def _json(report: Report, options: FormatOptions) -> str:
    return report.to_json()


FORMATS: dict[str, Formatter] = {
    "json": _json,
    "html": _lazy("html", "render_html"),
    "tmx": _lazy("tmx", "render_tmx"),
    "sarif": _lazy("sarif", "render_sarif"),
    "junit": _lazy("junit", "render_junit"),
    "github": _lazy("github", "render_github"),
    "csv": _lazy("tabular", "render_csv"),
    "xlsx": _lazy("tabular", "render_xlsx"),
}
BINARY_FORMATS = frozenset({"xlsx"})
EXTENSIONS = {"json": ".json", "html": ".html", "tmx": ".tmx", "sarif": ".sarif", "junit": ".junit.xml",
              "github": ".github.txt", "csv": ".csv", "xlsx": ".xlsx"}


def render(report: Report, name: str, options: FormatOptions | None = None) -> Output:
    """The report in format ``name`` (a key of :data:`FORMATS`)."""
    return FORMATS[name](report, options or FormatOptions())


# Helpers shared by the formats.

def at_or_above(finding: Finding, fail_on: str) -> bool:
    """True when ``finding`` counts as a failure for ``--fail-on fail_on``."""
    return fail_on != "never" and SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on]


def display_path(path: str | None, base_dir: Path | None = None) -> str:
    """A path as CI tools want it: relative to ``base_dir`` (or the working directory) when inside it,
    with forward slashes; ``<stdin>`` for standard input."""
    if path is None or path == "-":
        return "<stdin>"
    p = Path(path)
    base = (base_dir or Path.cwd()).resolve()
    try:
        return p.resolve().relative_to(base).as_posix()
    except ValueError:
        return p.resolve().as_posix() if p.is_absolute() else p.as_posix()


def pair_name(report: Report) -> str:
    """The pair's name: the English file's, less its extension and language tag (``res.en.txt``: ``res``)."""
    if not report.en.path or report.en.path == "-":
        return "stdin"
    return re.sub(r"[._-]en$", "", Path(Path(report.en.path).name).stem, flags=re.I) or "pair"


def document_of(report: Report, side: str):
    return report.ar if side == "ar" else report.en


def primary_side(finding: Finding) -> str:
    """The side whose file a single-location format (SARIF, GitHub) points at.

    A gap points at the clause that exists; a finding with spans on one side
    only at that side; otherwise the English (the version CI usually edits
    last) when it has a location, else the Arabic.
    """
    if finding.ar_spans and not finding.en_spans:
        return "ar"
    if finding.en_spans or finding.en:
        return "en"
    return "ar"
