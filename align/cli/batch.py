"""``align batch``: many pairs at once (:func:`align.batch.run_batch`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.settings import Configured, config_label, pair_params
from align.cli.options import (BACKEND, BASELINE, BATCH_SIZE, CHECKS, DEVICE, EXIT_USAGE, FAIL_ON, GLOSSARY, LEXICON,
                               MODEL, NO_CACHE, NO_SWAP, PARTIAL, SEGMENTED, SINCE, SKIP, TMX_INCLUDE_GAPS, UNWRAP,
                               FailOn, PartialLevel, ReportFormat, exit_with, options_from_params, run_job)


@app.command(cls=Configured)
def batch(
    ctx: typer.Context,
    source: Path = typer.Argument(..., help="A directory of pairs (NAME.ar.txt + NAME.en.txt, NAME_ar/NAME_en, "
                                  "NAME-ar/NAME-en, ar/NAME + en/NAME) or a CSV manifest with header ar,en[,name]."),
    out_dir: Path = typer.Option(Path("align-reports"), "--out-dir", "-o",
                                 help="Reports go to OUT/pairs/NAME.EXT, OUT/combined.json and OUT/index.html."),
    formats: Optional[list[ReportFormat]] = typer.Option(None, "--format", "-f",
                                                         help="Report format per pair (repeat for several; "
                                                              "default json; not table)."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Worker processes, each loading the model once."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.001, help="Seconds one pair may take; "
                                            "past it its worker is stopped and the pair failed."),
    resume: bool = typer.Option(False, "--resume", help="Skip the pairs whose reports in OUT a previous run wrote "
                                "with the same signature, options and input files."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on Dask: 'local' (a LocalCluster of "
                                            "--workers processes) or a scheduler address (tcp://host:8786); "
                                            "extra \\[dask]."),  # \\[: rich markup would eat [dask]
    segmented: bool = SEGMENTED,
    fail_on: FailOn = FAIL_ON,
    tmx_include_gaps: bool = TMX_INCLUDE_GAPS,
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
    since: Optional[str] = SINCE,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Check every Arabic/English pair of a directory or manifest; one report per pair plus a combined one.

    A pair that cannot be checked (bad input, a worker that died, --timeout) is listed and the batch goes
    on. Exit 0 or 1 by the worst finding (as check); 2 when no pair could be checked; 130 on Ctrl-C, after
    writing OUT/combined.json for the pairs done (--resume goes on from there).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from align.batch import BatchInterrupted, BatchOptions, find_pairs, render_summary, run_batch
    from align.report.formats import FormatOptions

    chosen = [f.value for f in formats or [ReportFormat.json]]
    if "table" in chosen:
        raise exit_with("--format table is for one pair on a terminal; batch writes files (json, html, ...)",
                        EXIT_USAGE)
    options = BatchOptions(
        check=replace(options_from_params(ctx.params), config=config_label(ctx)),
        formats=tuple(dict.fromkeys(chosen)),
        format_options=FormatOptions(fail_on=fail_on.value, tmx_include_gaps=tmx_include_gaps))
    pairs = run_job(lambda: find_pairs(source, exclude=out_dir))
    by_pair = []
    for spec in pairs:  # a configuration's per-path overrides: the pairs they match get options of their own
        values = pair_params(ctx, [spec.ar, spec.en])
        if values is not None:
            by_pair.append((spec.name, replace(options_from_params(values), config=options.check.config)))
    options = replace(options, by_pair=tuple(by_pair))
    errors = Console(stderr=True)
    import signal

    terminated = []

    def on_term(signum, frame) -> None:  # SIGTERM (CI, timeout, docker stop): stop as Ctrl-C does, cleanly
        terminated.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    stopped = None
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[last]}"), console=errors, disable=quiet or not errors.is_terminal,
                      transient=True) as bar:
            task = bar.add_task("checking", total=len(pairs), last="")

            def advance(result) -> None:
                shown = result.name if result.ok else f"{result.name}: not checked"
                bar.update(task, advance=1, last=shown + (" (resumed)" if result.resumed else ""))

            try:
                result = run_job(lambda: run_batch(pairs, out_dir, options, workers, advance, timeout=timeout,
                                                   resume=resume, scheduler=scheduler), passthrough=(BatchInterrupted,))
            except BatchInterrupted as exc:
                stopped = exc.result
    finally:
        signal.signal(signal.SIGTERM, previous)
    if stopped is not None:  # after the progress bar is gone, so the message is a line of its own
        done = len(stopped.pairs)
        raise exit_with(f"{'terminated' if terminated else 'interrupted'}: {done} of {done + len(stopped.pending)} "
                        f"pairs done; {stopped.combined} lists them; rerun with --resume to go on",
                        128 + terminated[0] if terminated else 130)
    render_summary(result, Console())
    if not result.checked:
        typer.echo("align: no pair could be checked", err=True)
    raise typer.Exit(result.exit_code())

