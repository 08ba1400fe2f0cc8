"""The ``align`` command line: a thin layer over the align library.

Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 bad usage or
unreadable input; 3 internal or backend failure.
"""

from __future__ import annotations

import enum
import io
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
import typer.core

class _OneLineErrors(typer.core.TyperGroup):
    """Usage errors (an unknown option, a value not among the choices) as one ``align: ...`` line on stderr and
    exit 2, like every other bad input, instead of click's framed box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        import importlib

        # typer 0.28 carries its own copy of click (typer._click); older typers use click itself
        click = importlib.import_module(f"{getattr(typer.core, '_click', None).__name__}.exceptions"
                                        if getattr(typer.core, "_click", None) else "click.exceptions")

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.NoArgsIsHelpError as exc:  # bare `align`: the help, as before
            typer.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            typer.echo(f"align: {' '.join(exc.format_message().split())}{where}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            typer.echo(f"align: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except typer.core.Abort:
            typer.echo("align: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=_OneLineErrors,
                  help="Check the Arabic and English versions of a resolution against each other.")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _print_version(value: bool) -> None:
    if value:
        from align import __version__
        from align.alignment.aligner import ALIGNER_VERSION
        from align.text.normalize import NORMALIZER_VERSION
        from align.segment.clauses import SEGMENTER_VERSION

        typer.echo(f"align {__version__} (clausealign; aligner {ALIGNER_VERSION}, segmenter {SEGMENTER_VERSION}, "
                   f"normaliser {NORMALIZER_VERSION})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")) -> None:
    """Check the Arabic and English versions of a resolution against each other."""


class Format(str, enum.Enum):
    table = "table"
    json = "json"


class ReportFormat(str, enum.Enum):
    """Formats of ``check``: ``table`` for people on a terminal, the rest from ``align.report.formats.FORMATS``."""

    table = "table"
    json = "json"
    html = "html"
    tmx = "tmx"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    csv = "csv"
    xlsx = "xlsx"


class Show(str, enum.Enum):
    findings = "findings"
    all = "all"
    none = "none"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class PartialLevel(str, enum.Enum):
    default = "default"
    strict = "strict"
    off = "off"


class Bidi(str, enum.Enum):
    auto = "auto"
    on = "on"
    off = "off"


class Lang(str, enum.Enum):
    auto = "auto"
    ar = "ar"
    en = "en"


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"align: {message}", err=True)
    return typer.Exit(code)


def _run(job, passthrough: tuple[type[BaseException], ...] = ()):
    """Run a library call, turning its exceptions (but ``passthrough``) into one line on stderr and an exit code."""
    from align.errors import BackendError, BackendUnavailable, InputError

    try:
        return job()
    except passthrough:
        raise
    except (InputError, BackendUnavailable) as exc:
        raise _fail(str(exc), EXIT_USAGE)
    except BackendError as exc:
        raise _fail(f"backend failed: {exc}", EXIT_INTERNAL)
    except KeyboardInterrupt:
        raise _fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        raise _fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL)


def _use_bidi(bidi: Bidi, output: Optional[Path]) -> bool:
    if bidi is Bidi.auto:
        return output is None and sys.stdout.isatty()
    return bidi is Bidi.on


def _emit(render, output: Optional[Path], as_text: Optional[str] = None) -> None:
    """Write ``as_text`` (or what ``render(console)`` prints) to stdout or atomically to ``output``."""
    if as_text is None:
        from rich.console import Console

        if output is None:
            render(Console())
            return
        console = Console(record=True, file=io.StringIO(), width=160)
        render(console)
        as_text = console.export_text()
    _write_output(as_text, output)


def _check_output_path(output: Path) -> None:
    """Refuse an --output that cannot be written, before any work."""
    if output.is_dir():
        raise _fail(f"{output}: is a directory; give a file name", EXIT_USAGE)
    if not output.parent.is_dir():
        raise _fail(f"{output}: directory {output.parent} does not exist", EXIT_USAGE)
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise _fail(f"{output}: directory {output.parent} is not writable", EXIT_USAGE)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def _check_report_format(format: "ReportFormat", output: Optional[Path]) -> None:  # noqa: A002
    """Refuse, before any work, what a format cannot do: binary xlsx to a terminal, xlsx without pandas."""
    if format is not ReportFormat.xlsx:
        return
    if output is None and _is_terminal():
        raise _fail("xlsx is a binary format: give --output FILE.xlsx (or redirect standard output)", EXIT_USAGE)
    import importlib.util

    if not (importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl")):
        raise _fail("format 'xlsx' needs pandas and openpyxl, which clausealign installs: "
                    "pip install --force-reinstall clausealign", EXIT_USAGE)


def _write_output(content, output: Optional[Path]) -> None:
    """Text or bytes to stdout, or atomically to ``output``."""
    from align.files import write_atomically

    if output is not None:
        _run(lambda: write_atomically(output, content))
    elif isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)


def _split_list(value: Optional[str]) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _selected_checks(checks: Optional[str], skip: Optional[str]) -> list[str]:
    """The check ids ``--checks`` (default: all) minus ``--skip``; an unknown id is a usage error."""
    from align.check.registry import CHECKS

    selected, skipped = _split_list(checks) or list(CHECKS), _split_list(skip)
    for name in selected + skipped:
        if name not in CHECKS:
            raise _fail(f"unknown check {name!r}; see 'align checks'", EXIT_USAGE)
    return [c for c in selected if c not in skipped]


# Options that `check` and `batch` share: one definition each, so the two commands cannot drift apart.
SEGMENTED = typer.Option(False, "--segmented", help="Each non-empty line is one clause; no parsing.")
FAIL_ON = typer.Option(FailOn.error, "--fail-on", help="Exit 1 on findings at or above this.")
TMX_INCLUDE_GAPS = typer.Option(False, "--tmx-include-gaps", help="tmx: keep gap rows as one-sided units with a note.")
BACKEND = typer.Option("use", "--backend", help="Embedding backend: use (default, bundled), sentence-transformers "
                                                "or e5 (see 'align backends').")
MODEL = typer.Option(None, "--model", help="sentence-transformers model: hub name or local directory (e.g. LaBSE).")
DEVICE = typer.Option(None, "--device", help="auto, cpu or cuda (sentence-transformers; default auto).")
BATCH_SIZE = typer.Option(None, "--batch-size", min=1, help="Texts per model call (sentence-transformers, e5).")
CHECKS = typer.Option(None, "--checks", help="Only these checks (comma-separated ids).")
SKIP = typer.Option(None, "--skip", help="Skip these checks (comma-separated ids).")
NO_CACHE = typer.Option(False, "--no-cache", help="Neither read nor write the embedding cache.")
NO_SWAP = typer.Option(False, "--no-swap", help="Refuse English first and Arabic second instead of swapping them "
                                                "with a warning.")
GLOSSARY = typer.Option(None, "--glossary", help="A glossary extending the bundled one: the 5-column TSV "
                                                 "(data/GLOSSARY.md), a two-column en/ar TSV or CSV, or TBX; "
                                                 "repeatable.")
BASELINE = typer.Option(None, "--baseline", help="Leave out the findings this baseline file lists (reviewed ones).")
UNWRAP = typer.Option(None, "--unwrap/--no-unwrap", help="Hard-wrapped text: rejoin the lines between blank "
                                                       "lines into paragraphs (default: when detected, with a "
                                                       "warning).")
PARTIAL = typer.Option(PartialLevel.default, "--partial-omission",
                       help="The check for a phrase one side lacks: default (about 1 flag per 100 faithful "
                            "official pairs), strict (about 3, finds more), or off.")

LEXICON = typer.Option(None, "--lexicon", help="partial-omission's word-translation table: one `align lexicon` "
                                               "learned from your own parallel text (default: the bundled one, "
                                               "learned from official UN text).")


def _check_options(segmented: bool, backend: str, model: Optional[str], device: Optional[str],
                   batch_size: Optional[int], checks: Optional[str], skip: Optional[str], no_cache: bool,
                   no_swap: bool, glossary: Optional[list[Path]], baseline: Optional[Path],
                   unwrap: Optional[bool] = None, partial: Optional["PartialLevel"] = None,
                   lexicon: Optional[Path] = None):
    """The library's Options from the shared command-line options."""
    from align.pipeline import Options

    return Options(segmented=segmented, backend=backend, model=model, device=device, batch_size=batch_size,
                   checks=tuple(_selected_checks(checks, skip)), glossaries=tuple(str(g) for g in glossary or ()),
                   baseline=str(baseline) if baseline else None, cache=not no_cache, swap=not no_swap,
                   unwrap=unwrap, partial_omission=partial.value if partial is not None else None,
                   lexicon=str(lexicon) if lexicon is not None else None)


def _report_targets(formats: list["ReportFormat"], given: list[str]) -> list[tuple[str, Optional[Path]]]:
    """(format, output) pairs for ``--format``/``--output`` as given: one format to stdout or a file; several,
    each to its own ``--output`` (in order) or all into one ``--output`` directory as ``NAME.EXT``. A target
    that cannot be written is refused here, before any work."""
    for output in given:
        if output.endswith(("/", os.sep)) and not Path(output).is_dir():
            raise _fail(f"{output}: no such directory", EXIT_USAGE)
    outputs = [Path(o) for o in given]
    chosen = list(dict.fromkeys(f.value for f in formats)) or _formats_of(outputs)
    if not outputs:
        if len(chosen) > 1:
            raise _fail("several --format need --output DIR, or one --output per --format", EXIT_USAGE)
        return [(chosen[0], None)]
    if len(outputs) == 1 and (outputs[0].is_dir() or len(chosen) > 1):
        directory = outputs[0]
        if not directory.is_dir():
            raise _fail(f"{directory}: not a directory; several --format write into an existing directory, "
                        f"or give one --output per --format", EXIT_USAGE)
        if not os.access(directory, os.W_OK | os.X_OK):
            raise _fail(f"{directory}: directory is not writable", EXIT_USAGE)
        return [(name, directory) for name in chosen]
    if len(outputs) != len(chosen):
        raise _fail(f"{len(chosen)} --format and {len(outputs)} --output: give one --output per --format, "
                    f"or one directory", EXIT_USAGE)
    for output in outputs:
        _check_output_path(output)
    return list(zip(chosen, outputs))


_TEXT_EXTENSION = ".txt"  # --format table written into a directory
_FORMAT_OF_SUFFIX = {".json": "json", ".html": "html", ".htm": "html", ".tmx": "tmx", ".sarif": "sarif",
                     ".xml": "junit", ".csv": "csv", ".xlsx": "xlsx"}


def _formats_of(outputs: list[Path]) -> list[str]:
    """Without --format: the format each --output's extension names (report.json: json), else table."""
    return list(dict.fromkeys(_FORMAT_OF_SUFFIX.get(o.suffix.lower(), "table") for o in outputs)) or ["table"]


def _target_path(fmt: str, output: Path, report) -> Path:
    """The file a format goes to: ``output`` itself, or ``output/NAME.EXT`` when it is a directory."""
    if not output.is_dir():
        return output
    from align.report.formats import EXTENSIONS, pair_name

    return output / (pair_name(report) + EXTENSIONS.get(fmt, _TEXT_EXTENSION))


def _progress(quiet: bool):
    """A spinner on stderr while the check runs, only on a terminal (and not with --quiet)."""
    import contextlib

    if quiet or not sys.stderr.isatty():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status("aligning and checking…", spinner="dots")


@app.command()
def check(
    arabic: Optional[Path] = typer.Argument(None, help="Arabic version (- for stdin); none: the bundled resolution"),
    english: Optional[Path] = typer.Argument(None, help="English version"),
    segmented: bool = SEGMENTED,
    format: Optional[list[ReportFormat]] = typer.Option(
        None, "--format", "-f", help="Output format (README: Report formats; default table); repeatable, with "
                                     "one --output per format or one --output directory; xlsx needs --output."),
    output: Optional[list[str]] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of "
                                               "stdout: a file, or a directory (NAME.EXT per format); without "
                                               "--format, the file's extension names the format."),
    show: Show = typer.Option(Show.findings, "--show", help="table format: the findings (default), all rows "
                                                            "side by side with the findings, or none (the "
                                                            "verdict only)."),
    fail_on: FailOn = FAIL_ON,
    tmx_include_gaps: bool = TMX_INCLUDE_GAPS,
    bidi: Bidi = typer.Option(Bidi.auto, "--bidi", help="Reorder Arabic for terminals without bidi support."),
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
) -> None:
    """Align the two versions clause by clause and report where they part."""
    from align.pipeline import check_files

    options = _check_options(segmented, backend, model, device, batch_size, checks, skip, no_cache, no_swap,
                             glossary, baseline, unwrap, partial, lexicon)
    targets = _report_targets(format or [], output or [])  # fail before the work, not after it
    for fmt, target in targets:
        _check_report_format(ReportFormat(fmt), target)
    with _progress(quiet):
        report = _run(lambda: check_files(arabic, english, options))
    for warning in report.warnings:
        typer.echo(f"align: warning: {warning}", err=True)
    if write_baseline is not None:
        from align.report.baseline import write_baseline as write

        _run(lambda: write(write_baseline, list(zip(report.fingerprints, report.findings))))
        typer.echo(f"align: wrote {len(report.findings)} finding fingerprints to {write_baseline}", err=True)
    written = []
    for fmt, target in targets:
        path = None if target is None else _target_path(fmt, target, report)
        if fmt != "table":
            from align.report.formats import FORMATS, FormatOptions

            format_options = FormatOptions(fail_on=fail_on.value, tmx_include_gaps=tmx_include_gaps)
            _write_output(_run(lambda: FORMATS[fmt](report, format_options)), path)
        else:
            from align.report.formats.terminal import render_check

            _emit(lambda console: render_check(report, console, _use_bidi(bidi, path), show.value,
                                               fail_on.value), path)
        if path is not None:
            written.append(str(path))
    if written and not quiet:
        from align.report.formats.terminal import verdict

        typer.echo(f"align: wrote {', '.join(written)}; {verdict(report, fail_on.value).plain}", err=True)
    raise typer.Exit(EXIT_FINDINGS if report.fails(fail_on.value) else EXIT_OK)


@app.command()
def segment(
    file: Path = typer.Argument(..., help="A version of a resolution (- for stdin)."),
    lang: Lang = typer.Option(Lang.auto, "--lang", help="Its language (auto: from its script)."),
    segmented: bool = typer.Option(False, "--segmented", help="Each non-empty line is one clause."),
    unwrap: Optional[bool] = UNWRAP,
    format: Format = typer.Option(Format.table, "--format", "-f"),
    bidi: Bidi = typer.Option(Bidi.auto, "--bidi"),
) -> None:
    """Print the clauses of one version."""
    from align.pipeline import read_document, unwrap_warning

    document = _run(lambda: read_document(file, lang.value, segmented, unwrap))
    if document.wrapped_at and unwrap is None:
        typer.echo(f"align: warning: {unwrap_warning(document)}", err=True)
    if format is Format.json:
        _emit(None, None, json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from align.report.formats.terminal import render_clauses

        _emit(lambda console: render_clauses(list(document.clauses), document.lang, console,
                                             _use_bidi(bidi, None)), None)


@app.command()
def backends() -> None:
    """List the embedding backends, whether each is installed, and its model."""
    from align.embed.backends import available_backends

    for info in available_backends():
        state = "installed" if info.installed else "not installed"
        typer.echo(f"{info.name:<24} {state:<14} {info.model:<44} {info.description}")


@app.command(name="checks")
def list_checks() -> None:
    """List every check with its id, severity and what it looks for."""
    from align.check.registry import CHECKS

    for item in CHECKS.values():
        typer.echo(f"{item.id:<18} {item.severity:<8} {item.category:<18} {item.description}")


@app.command()
def batch(
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
                                            "extra [dask]."),
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
        raise _fail("--format table is for one pair on a terminal; batch writes files (json, html, ...)",
                    EXIT_USAGE)
    options = BatchOptions(
        check=_check_options(segmented, backend, model, device, batch_size, checks, skip, no_cache, no_swap,
                             glossary, baseline, unwrap, partial, lexicon),
        formats=tuple(dict.fromkeys(chosen)),
        format_options=FormatOptions(fail_on=fail_on.value, tmx_include_gaps=tmx_include_gaps))
    pairs = _run(lambda: find_pairs(source, exclude=out_dir))
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
                result = _run(lambda: run_batch(pairs, out_dir, options, workers, advance, timeout=timeout,
                                                resume=resume, scheduler=scheduler), passthrough=(BatchInterrupted,))
            except BatchInterrupted as exc:
                stopped = exc.result
    finally:
        signal.signal(signal.SIGTERM, previous)
    if stopped is not None:  # after the progress bar is gone, so the message is a line of its own
        done = len(stopped.pairs)
        raise _fail(f"{'terminated' if terminated else 'interrupted'}: {done} of {done + len(stopped.pending)} pairs "
                    f"done; {stopped.combined} lists them; rerun with --resume to go on",
                    128 + terminated[0] if terminated else 130)
    render_summary(result, Console())
    if not result.checked:
        typer.echo("align: no pair could be checked", err=True)
    raise typer.Exit(result.exit_code())


@app.command()
def review(
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
        raise _fail("align review needs Textual: pip install 'clausealign[review]'", EXIT_USAGE)
    from align.report.formats import pair_name
    from align.review.model import ReviewSession, load_report

    paths = paths or []
    if len(paths) > 2:
        raise _fail("give ARABIC ENGLISH, one JSON report, or nothing (the bundled resolution)", EXIT_USAGE)
    if len(paths) == 1:
        report = _run(lambda: load_report(paths[0]))
    else:
        from align.pipeline import check_files

        options = _check_options(segmented, backend, model, None, None, checks, skip, no_cache, no_swap, glossary,
                                 None, unwrap, partial, lexicon)
        report = _run(lambda: check_files(*(paths or (None, None)), options))
    name = pair_name(report)
    baseline_path = baseline or Path(f"{name}.baseline.json")
    review_path = review_file or Path(f"{name}.review.json")
    for target in (baseline_path, review_path):
        if target.is_dir() or not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise _fail(f"{target}: cannot be written (a directory, or its directory does not exist)", EXIT_USAGE)
    session = _run(lambda: ReviewSession.open(_without_baselined(report, baseline_path), baseline_path,
                                              review_path, reviewer))
    from align.review.app import ReviewApp

    screen = ReviewApp(session, bidi=bidi is not Bidi.off)
    _run(screen.run)
    if screen.return_code:  # the screen failed (Textual has said why); decisions made before it are saved
        raise _fail(f"the review screen stopped on an internal error; decisions so far are in {review_path}",
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


@app.command(name="lexicon")
def learn_lexicon(
    arabic: Path = typer.Argument(..., help="Arabic text, one sentence or paragraph per line (UTF-8)"),
    english: Path = typer.Argument(..., help="English text, line i translating Arabic line i"),
    output: Path = typer.Option(..., "--output", "-o", help="Write the table here (atomically)."),
    name: Optional[str] = typer.Option(None, "--name", help="What the report signature calls the table "
                                                            "(default: after the two files)."),
) -> None:
    """Learn partial-omission's word-translation table from your own line-aligned parallel text (IBM model 1),
    for `--lexicon`: a domain's words the bundled table, learned from official UN text, does not know."""
    from align.check.lexicon import learn_lexicon as learn

    _check_output_path(output)
    lexicon = _run(lambda: learn(arabic, english, name))
    _run(lambda: lexicon.save(output))
    typer.echo(f"align: wrote {output}: {len(lexicon.counterparts)} stems ({lexicon.name})", err=True)


cache_app = typer.Typer(no_args_is_help=True, help="The embedding cache on disk ($ALIGN_CACHE_DIR or the "
                                                     "user cache directory).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is, how many entries it holds (embeddings, and partial-omission results) and their size."""
    from align.embed.cache import cache_info as info_of

    info = _run(info_of)
    typer.echo(f"directory: {info.directory}\nentries:   {info.entries}\nsize:      {info.bytes / 2**20:.1f} MB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached embedding."""
    from align.embed.cache import cache_directory, clear_cache

    removed = _run(clear_cache)
    typer.echo(f"removed {removed} entries from {cache_directory()}")


def main() -> None:
    """The ``align`` command: run it, then leave without tearing the interpreter down.

    Every output is written and renamed into place, and the cache flushed, before a command returns;
    freeing every object of the run (the compiled glossary, the model) would add 0.05–0.1 s to each
    call and nothing a finished process needs. Uncaught exceptions still unwind normally.
    """
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away, or a stream already closed
        pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
