"""``align changes``: what changed on one side only since the previous release of a pair, one library call
(:func:`align.pipeline.compare_files`), reported as ``check`` reports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.check import deliver
from align.cli.settings import Configured, config_label
from align.cli.options import (BACKEND, BASELINE, BATCH_SIZE, BIDI, DEVICE, EXIT_USAGE, FAIL_ON, MODEL, NO_CACHE,
                               NO_SWAP, SEGMENTED, SHOW, SINCE, TMX_INCLUDE_GAPS, UNWRAP, Bidi, FailOn,
                               ProgressDisplay, ReportFormat, Show, check_options, check_report_format, exit_with,
                               report_targets, run_job, with_previous)


@app.command(cls=Configured)
def changes(
    ctx: typer.Context,
    files: Optional[list[str]] = typer.Argument(None, metavar="[PREVIOUS_AR PREVIOUS_EN] ARABIC ENGLISH",
                                                help="The previous release's two versions, then the new ones; "
                                                     "or the new ones alone with --since.", show_default=False),
    since: Optional[str] = SINCE,
    segmented: bool = SEGMENTED,
    format: Optional[list[ReportFormat]] = typer.Option(
        None, "--format", "-f", help="Output format (as check; default table); repeatable."),
    output: Optional[list[str]] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of "
                                               "stdout: a file, or a directory (NAME.EXT per format)."),
    show: Show = SHOW,
    fail_on: FailOn = FAIL_ON,
    tmx_include_gaps: bool = TMX_INCLUDE_GAPS,
    bidi: Bidi = BIDI,
    backend: str = BACKEND,
    model: Optional[str] = MODEL,
    device: Optional[str] = DEVICE,
    batch_size: Optional[int] = BATCH_SIZE,
    no_cache: bool = NO_CACHE,
    no_swap: bool = NO_SWAP,
    baseline: Optional[Path] = BASELINE,
    unwrap: Optional[bool] = UNWRAP,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress spinner and no summary line on stderr."),
) -> None:
    """Report which clauses a change to one version left stale in the other, since the previous release.

    Each language is matched previous to new and composed with the alignment of each pair: a clause changed,
    added, deleted or moved on one side only is an error (its counterpart is stale); one changed on both sides
    is listed as info with both word diffs. Exit codes as check (0, 1 at --fail-on, 2 bad input or usage, 3
    backend, 130 interrupted).
    """
    from align.pipeline import compare_files

    given = list(files or [])
    if any(not name.strip() for name in given):
        raise exit_with("an empty file name (an unset variable?): align changes [OLD_AR OLD_EN] AR EN", EXIT_USAGE)
    if since is not None:
        if len(given) != 2:
            raise exit_with(f"with --since, give the two new versions: align changes AR EN --since {since}",
                            EXIT_USAGE)
        previous, (arabic, english) = None, given
    elif len(given) == 4:
        previous, (arabic, english) = (given[0], given[1]), given[2:]
    else:
        raise exit_with("changes needs the previous and the new versions: align changes OLD_AR OLD_EN AR EN "
                        "(or align changes AR EN --since REV)", EXIT_USAGE)
    options = check_options(segmented, backend, model, device, batch_size, None, None, no_cache, no_swap, None,
                            baseline, unwrap)
    options = with_previous(replace(options, config=config_label(ctx)), previous, since)
    targets = report_targets(format or [], output or [])
    for fmt, target in targets:
        check_report_format(ReportFormat(fmt), target)
    display = ProgressDisplay(quiet)
    report = run_job(lambda: compare_files(arabic, english, options, progress=display.callback), display=display)
    deliver(report, targets, fail_on, tmx_include_gaps, bidi, show, quiet, False, None)
