"""``align review``: walk through a report's findings (:mod:`align.review`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.settings import Configured, config_label
from align.cli.options import (BACKEND, CHECKS, EXIT_INTERNAL, EXIT_USAGE, GLOSSARY, LEXICON, MODEL, NO_CACHE, NO_SWAP,
                               PARTIAL, SEGMENTED, SKIP, UNWRAP, Bidi, PartialLevel, check_options, exit_with, run_job)


@app.command(cls=Configured)
def review(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(None, help="ARABIC ENGLISH (checked first), a JSON report of "
                                                 "'check --format json', or nothing: the bundled resolution."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Dismissed findings go here (created or "
                                            "updated; what 'check --baseline' reads). Default NAME.baseline.json."),
    review_file: Optional[Path] = typer.Option(None, "--review-file", help="Every decision, and the confirmed "
                                               "findings with their notes (also .csv and .xlsx beside it). "
                                               "Default NAME.review.json."),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="Your name, recorded with each decision."),
    bidi: Bidi = typer.Option(Bidi.on, "--bidi", help="Reorder Arabic for terminals without bidi support."),
    segmented: bool = SEGMENTED,
    backend: str = BACKEND,
    model: Optional[str] = MODEL,
    checks: Optional[str] = CHECKS,
    skip: Optional[str] = SKIP,
    no_cache: bool = NO_CACHE,
    no_swap: bool = NO_SWAP,
    glossary: Optional[list[Path]] = GLOSSARY,
    unwrap: Optional[bool] = UNWRAP,
    partial: PartialLevel = PARTIAL,
    lexicon: Optional[Path] = LEXICON,
) -> None:
    """Walk through the findings in the terminal: confirm or dismiss each; every decision is saved at once."""
    import importlib.util

    if importlib.util.find_spec("textual") is None:
        raise exit_with("align review needs Textual: pip install 'clausealign[review]'", EXIT_USAGE)
    from align.report.formats import pair_name
    from align.review.model import ReviewSession, load_report

    paths = paths or []
    if len(paths) > 2:
        raise exit_with("give ARABIC ENGLISH, one JSON report, or nothing (the bundled resolution)", EXIT_USAGE)
    if len(paths) == 1:
        report = run_job(lambda: load_report(paths[0]))
    else:
        from align.pipeline import check_files

        options = check_options(segmented, backend, model, None, None, checks, skip, no_cache, no_swap, glossary,
                                None, unwrap, partial, lexicon)
        options = replace(options, config=config_label(ctx))
        report = run_job(lambda: check_files(*(paths or (None, None)), options))
    name = pair_name(report)
    baseline_path = baseline or Path(f"{name}.baseline.json")
    review_path = review_file or Path(f"{name}.review.json")
    for target in (baseline_path, review_path):
        if target.is_dir() or not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise exit_with(f"{target}: cannot be written (a directory, or its directory does not exist)", EXIT_USAGE)
    session = run_job(lambda: ReviewSession.open(_without_baselined(report, baseline_path), baseline_path,
                                                 review_path, reviewer))
    from align.review.app import ReviewApp

    screen = ReviewApp(session, bidi=bidi is not Bidi.off)
    run_job(screen.run)
    if screen.return_code:  # the screen failed (Textual has said why); decisions made before it are saved
        raise exit_with(f"the review screen stopped on an internal error; decisions so far are in {review_path}",
                        EXIT_INTERNAL)
    counts = session.counts()
    typer.echo(f"align: {counts['confirmed']} confirmed, {counts['dismissed']} dismissed, {counts['open']} open; "
               f"saved to {review_path} and {baseline_path}", err=True)


def _without_baselined(report, baseline_path: Path):
    """The report less the findings the baseline already lists (reviewed in an earlier session)."""
    import dataclasses

    from align.report.baseline import load_baseline

    if not baseline_path.exists():
        return report
    known = load_baseline(baseline_path)
    kept = [(f, fp) for f, fp in zip(report.findings, report.fingerprints) if fp not in known]
    return dataclasses.replace(report, findings=tuple(f for f, _ in kept), fingerprints=tuple(fp for _, fp in kept),
                               suppressed=report.suppressed + len(report.findings) - len(kept))
