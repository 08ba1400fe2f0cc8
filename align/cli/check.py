"""``align check``: one Arabic/English pair, one library call (:func:`align.pipeline.check_files`), its
reports in any number of formats.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.settings import Configured, config_label
from align.cli.options import (BACKEND, BASELINE, BATCH_SIZE, BIDI, CHECKS, DEVICE, EXIT_FINDINGS, EXIT_OK,
                               EXIT_USAGE, FAIL_ON, GLOSSARY, LEXICON, MODEL, NO_CACHE, NO_SWAP, PARTIAL, SEGMENTED,
                               SHOW, SINCE, SKIP, TMX_INCLUDE_GAPS, UNWRAP, Bidi, FailOn, PartialLevel, ProgressDisplay,
                               ReportFormat, Show, check_options, check_report_format, emit, exit_with,
                               report_targets, run_job, target_path, use_bidi, with_previous, write_output)


@app.command(cls=Configured)
def check(
    ctx: typer.Context,
    arabic: Optional[str] = typer.Argument(None, metavar="[arabic]", help="Arabic version (- for stdin)",
                                           show_default=False),
    english: Optional[str] = typer.Argument(None, metavar="[english]", help="English version", show_default=False),
    demo: bool = typer.Option(False, "--demo", help="Check the bundled resolution (the OIC Council of Foreign "
                                                    "Ministers, 25 August 2025) instead of two files: what 'make "
                                                    "demo' runs."),
    segmented: bool = SEGMENTED,
    format: Optional[list[ReportFormat]] = typer.Option(
        None, "--format", "-f", help="Output format (docs/formats.md; default table); repeatable, with "
                                     "one --output per format or one --output directory; xlsx needs --output."),
    output: Optional[list[str]] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of "
                                               "stdout: a file, or a directory (NAME.EXT per format); without "
                                               "--format, the file's extension names the format."),
    show: Show = SHOW,
    fail_on: FailOn = FAIL_ON,
    tmx_include_gaps: bool = TMX_INCLUDE_GAPS,
    bidi: Bidi = BIDI,
    backend: str = BACKEND,
    model: Optional[str] = MODEL,
    device: Optional[str] = DEVICE,
    batch_size: Optional[int] = BATCH_SIZE,
    checks: Optional[str] = CHECKS,
    skip: Optional[str] = SKIP,
    no_cache: bool = NO_CACHE,
    no_swap: bool = NO_SWAP,
    glossary: Optional[list[Path]] = GLOSSARY,
    baseline: Optional[Path] = BASELINE,
    unwrap: Optional[bool] = UNWRAP,
    partial: PartialLevel = PARTIAL,
    lexicon: Optional[Path] = LEXICON,
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Write the fingerprints of "
                                                  "this run's findings to this file."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress spinner and no summary line on stderr."),
    profile: bool = typer.Option(False, "--profile", help="Print on stderr the seconds each stage took (read, "
                                 "embed, align, each check, report)."),
    previous: Optional[tuple[str, str]] = typer.Option(None, "--previous", metavar="AR EN", help="Also compare with "
                                                       "the previous release of the pair (two files): report what "
                                                       "changed on one side only (as align changes)."),
    since: Optional[str] = SINCE,
) -> None:
    """Align the two versions clause by clause and report where they part.

    Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on bad input or usage, 3 when the backend
    fails, 130 when interrupted (Ctrl-C).
    """
    from align.pipeline import check_files

    options = check_options(segmented, backend, model, device, batch_size, checks, skip, no_cache, no_swap,
                            glossary, baseline, unwrap, partial, lexicon)
    options = with_previous(replace(options, config=config_label(ctx)), previous, since)
    targets = report_targets(format or [], output or [])  # fail before the work, not after it
    for fmt, target in targets:
        check_report_format(ReportFormat(fmt), target)
    arabic_path, english_path = _files(arabic, english, demo)
    display = ProgressDisplay(quiet)
    report = run_job(lambda: check_files(arabic_path, english_path, options, progress=display.callback),
                     display=display)
    deliver(report, targets, fail_on, tmx_include_gaps, bidi, show, quiet, profile, write_baseline)


def deliver(report, targets, fail_on: FailOn, tmx_include_gaps: bool, bidi: Bidi, show: Show, quiet: bool,
            profile: bool, write_baseline: Optional[Path]) -> None:
    """Warnings, the profile and the reports of one pair, then exit by its findings: what check and changes
    share after their library call."""
    for warning in report.warnings:
        typer.echo(f"align: warning: {warning}", err=True)
    if profile:
        typer.echo(profile_text(report.timings), err=True, nl=False)
    if write_baseline is not None:
        from align.report.baseline import write_baseline as write

        run_job(lambda: write(write_baseline, list(zip(report.fingerprints, report.findings))))
        typer.echo(f"align: wrote {len(report.findings)} finding fingerprints to {write_baseline}", err=True)
    written = []
    for fmt, target in targets:
        path = None if target is None else target_path(fmt, target, report)
        if fmt != "table":
            from align.report.formats import FORMATS, FormatOptions

            format_options = FormatOptions(fail_on=fail_on.value, tmx_include_gaps=tmx_include_gaps)
            write_output(run_job(lambda: FORMATS[fmt](report, format_options)), path)
        else:
            from align.report.formats.terminal import render_check

            emit(lambda console: render_check(report, console, use_bidi(bidi, path), show.value,
                                              fail_on.value), path)
        if path is not None:
            written.append(str(path))
    if written and not quiet:
        from align.report.formats.terminal import verdict

        typer.echo(f"align: wrote {', '.join(written)}; {verdict(report, fail_on.value).plain}", err=True)
    raise typer.Exit(EXIT_FINDINGS if report.fails(fail_on.value) else EXIT_OK)


def _files(arabic: Optional[str], english: Optional[str], demo: bool) -> tuple[Optional[Path], Optional[Path]]:
    """The two files to check (None, None: the bundled resolution, with --demo only). No file, or an empty name
    (an unset variable in a workflow), is a usage error: a CI step must never pass by checking the demo."""
    given = [name for name in (arabic, english) if name is not None]
    if demo:
        if given:
            raise exit_with("--demo checks the bundled resolution; give it without files", EXIT_USAGE)
        return None, None
    if not given:
        raise exit_with("check needs the Arabic and the English version: align check AR EN "
                        "(align check --demo checks the bundled resolution)", EXIT_USAGE)
    if any(not name.strip() for name in given):
        raise exit_with("an empty file name (an unset variable?): align check AR EN", EXIT_USAGE)
    if len(given) == 1:
        raise exit_with(f"check needs the English version too: align check {given[0]} EN", EXIT_USAGE)
    return Path(arabic), Path(english)


def profile_text(timings) -> str:
    """The --profile table: each stage's seconds and share of the whole, then the total."""
    total = sum(seconds for _, seconds in timings) or 1e-9
    width = max([len(name) for name, _ in timings] + [5])
    lines = [f"align: profile: {'stage':<{width}}  seconds   share"]
    lines += [f"align: profile: {name:<{width}}  {seconds:7.3f}  {seconds / total:6.1%}" for name, seconds in timings]
    lines.append(f"align: profile: {'total':<{width}}  {total:7.3f}  100.0%")
    return "\n".join(lines) + "\n"
