"""``align changed``: check the pairs a set of changed files belongs to, as a pre-commit hook runs it
(:func:`align.batch.pairs.changed_pairs`, then :func:`align.pipeline.check_files` per pair)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.options import (BASELINE, CHECKS, EXIT_FINDINGS, EXIT_OK, FAIL_ON, GLOSSARY, LEXICON, NO_CACHE,
                               NO_SWAP, PARTIAL, SEGMENTED, SKIP, UNWRAP, Bidi, FailOn, PartialLevel, emit,
                               options_from_params, run_job, use_bidi)
from align.cli.settings import Configured, config_label, pair_params


@app.command(cls=Configured)
def changed(
    ctx: typer.Context,
    files: Optional[list[str]] = typer.Argument(None, help="Changed files (what pre-commit passes); those that "
                                                "match neither pattern are ignored."),
    ar_pattern: str = typer.Option("*.ar.txt", "--ar-pattern", help="The Arabic version's name: a glob with one "
                                   "* for the name both versions share (*_ar.docx, ar/*.txt)."),
    en_pattern: str = typer.Option("*.en.txt", "--en-pattern", help="The English version's name, the same way."),
    fail_on: FailOn = FAIL_ON,
    segmented: bool = SEGMENTED,
    checks: Optional[str] = CHECKS,
    skip: Optional[str] = SKIP,
    no_cache: bool = NO_CACHE,
    no_swap: bool = NO_SWAP,
    glossary: Optional[list[Path]] = GLOSSARY,
    baseline: Optional[Path] = BASELINE,
    unwrap: Optional[bool] = UNWRAP,
    partial: PartialLevel = PARTIAL,
    lexicon: Optional[Path] = LEXICON,
    bidi: Bidi = typer.Option(Bidi.auto, "--bidi", help="Reorder Arabic for terminals without bidi support."),
) -> None:
    """Check each Arabic/English pair one of FILES belongs to (the pre-commit hook: .pre-commit-hooks.yaml).

    Each pair's findings are printed as 'check' prints them. A changed version whose counterpart is missing
    fails. Exit 0 when no pair has a finding at or above --fail-on, 1 when one has (or a counterpart is
    missing), 2 on bad input or usage.
    """
    from rich.console import Console

    from align.batch.pairs import changed_pairs
    from align.pipeline import check_files
    from align.report.formats.terminal import render_check

    pairs = run_job(lambda: changed_pairs(files or [], (ar_pattern, en_pattern)))
    base = replace(options_from_params(ctx.params), config=config_label(ctx))
    failed = False
    console = Console()
    for spec in pairs:
        if spec.problem:
            typer.echo(f"align: {spec.problem}", err=True)
            failed = True
            continue
        values = pair_params(ctx, [spec.ar, spec.en])
        options = base if values is None else replace(options_from_params(values), config=base.config)
        report = run_job(lambda: check_files(spec.ar, spec.en, options))
        for warning in report.warnings:
            typer.echo(f"align: warning: {warning}", err=True)
        console.rule(f"{spec.ar} · {spec.en}")
        emit(lambda c: render_check(report, c, use_bidi(bidi, None), "findings", fail_on.value), None)
        failed = failed or report.fails(fail_on.value)
    if not pairs:
        typer.echo(f"align: no changed file is a version ({ar_pattern} or {en_pattern})", err=True)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)

