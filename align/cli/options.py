"""What the commands share: option declarations and choices, turning library errors into one line and an exit
code, writing outputs, and the progress spinner.
"""

from __future__ import annotations

import contextlib
import enum
import io
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


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


def exit_with(message: str, code: int) -> typer.Exit:
    typer.echo(f"align: {message}", err=True)
    return typer.Exit(code)


def run_job(job, passthrough: tuple[type[BaseException], ...] = (), display=None):
    """Run a library call, turning its exceptions (but ``passthrough``) into one line on stderr and an exit code.
    ``display``: a context (the spinner) the call runs in, closed before that line is written, so the line
    stands alone rather than beside a spinner frame."""
    from align.errors import BackendError, BackendUnavailable, InputError

    try:
        with display or contextlib.nullcontext():
            return job()
    except passthrough:
        raise
    except (InputError, BackendUnavailable) as exc:
        raise exit_with(str(exc), EXIT_USAGE)
    except BackendError as exc:
        raise exit_with(f"backend failed: {exc}", EXIT_INTERNAL)
    except KeyboardInterrupt:
        raise exit_with("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        raise exit_with(f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL)


def use_bidi(bidi: Bidi, output: Optional[Path]) -> bool:
    if bidi is Bidi.auto:
        return output is None and sys.stdout.isatty()
    return bidi is Bidi.on


def emit(render, output: Optional[Path], as_text: Optional[str] = None) -> None:
    """Write ``as_text`` (or what ``render(console)`` prints) to stdout or atomically to ``output``."""
    if as_text is None:
        from rich.console import Console

        if output is None:
            render(Console())
            return
        console = Console(record=True, file=io.StringIO(), width=160)
        render(console)
        as_text = console.export_text()
    write_output(as_text, output)


def check_output_path(output: Path) -> None:
    """Refuse an --output that cannot be written, before any work."""
    if output.is_dir():
        raise exit_with(f"{output}: is a directory; give a file name", EXIT_USAGE)
    if not output.parent.is_dir():
        raise exit_with(f"{output}: directory {output.parent} does not exist", EXIT_USAGE)
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise exit_with(f"{output}: directory {output.parent} is not writable", EXIT_USAGE)


def is_terminal() -> bool:
    return sys.stdout.isatty()


def check_report_format(format: "ReportFormat", output: Optional[Path]) -> None:  # noqa: A002
    """Refuse, before any work, what a format cannot do: binary xlsx to a terminal, xlsx without pandas."""
    if format is not ReportFormat.xlsx:
        return
    if output is None and is_terminal():
        raise exit_with("xlsx is a binary format: give --output FILE.xlsx (or redirect standard output)", EXIT_USAGE)
    import importlib.util

    if not (importlib.util.find_spec("pandas") and importlib.util.find_spec("openpyxl")):
        raise exit_with("format 'xlsx' needs pandas and openpyxl, which clausealign installs: "
                        "pip install --force-reinstall clausealign", EXIT_USAGE)


def write_output(content, output: Optional[Path]) -> None:
    """Text or bytes to stdout, or atomically to ``output``."""
    from align.files import write_atomically

    if output is not None:
        run_job(lambda: write_atomically(output, content))
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
            raise exit_with(f"unknown check {name!r}; see 'align checks'", EXIT_USAGE)
    return [c for c in selected if c not in skipped]


# Options that `check` and `batch` share: one definition each, so the two commands cannot drift apart.
SEGMENTED = typer.Option(False, "--segmented", help="Each non-empty line is one clause; no parsing.")
SHOW = typer.Option(Show.findings, "--show", help="table format: the findings (default), all rows side by side "
                                                   "with the findings, or none (the verdict only).")
BIDI = typer.Option(Bidi.auto, "--bidi", help="Reorder Arabic for terminals without bidi support.")
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
                                                 "(align/data/GLOSSARY.md), a two-column en/ar TSV or CSV, or TBX; "
                                                 "repeatable.")
BASELINE = typer.Option(None, "--baseline", help="Leave out the findings this baseline file lists (reviewed ones).")
UNWRAP = typer.Option(None, "--unwrap/--no-unwrap", help="Hard-wrapped text: rejoin the lines between blank "
                                                       "lines into paragraphs (default: when detected, with a "
                                                       "warning).")
PARTIAL = typer.Option(PartialLevel.default, "--partial-omission",
                       help="The check for a phrase one side lacks: default (about 1 flag per 100 faithful "
                            "official pairs), strict (about 3, finds more), or off.")

SINCE = typer.Option(None, "--since", metavar="REV", help="Also compare with the previous release: the same files "
                     "at this git revision (a tag, a branch, HEAD~1); report what changed on one side only.")
LEXICON = typer.Option(None, "--lexicon", help="partial-omission's word-translation table: one `align lexicon` "
                                               "learned from your own parallel text (default: the bundled one, "
                                               "learned from official UN text).")


def check_options(segmented: bool, backend: str, model: Optional[str], device: Optional[str],
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


def with_previous(options, previous: Optional[tuple[str, str]], since: Optional[str]):
    """``options`` with the previous release of the pair: two files (``--previous``) or a git revision."""
    if previous is not None and all(p is None for p in previous):  # typer's "not given" for a tuple option
        previous = None
    if previous is not None and since is not None:
        raise exit_with("give --previous or --since, not both", EXIT_USAGE)
    if since is not None and not since.strip():
        raise exit_with("--since needs a git revision (an unset variable?)", EXIT_USAGE)
    return replace(options, previous=None if previous is None else (str(previous[0]), str(previous[1])),
                   since=since)


def options_from_params(values: dict):
    """The library's Options from a command's parameter values as click holds them (a pair's own, with a
    configuration's per-path overrides: :func:`align.cli.settings.pair_params`)."""
    partial = values.get("partial")
    options = check_options(values.get("segmented", False), values.get("backend", "use"), values.get("model"),
                            values.get("device"), values.get("batch_size"), values.get("checks"), values.get("skip"),
                            values.get("no_cache", False), values.get("no_swap", False), values.get("glossary"),
                            values.get("baseline"), values.get("unwrap"),
                            None if partial is None else PartialLevel(getattr(partial, "value", partial)),
                            values.get("lexicon"))
    return with_previous(options, None, values.get("since"))


def report_targets(formats: list["ReportFormat"], given: list[str]) -> list[tuple[str, Optional[Path]]]:
    """(format, output) pairs for ``--format``/``--output`` as given: one format to stdout or a file; several,
    each to its own ``--output`` (in order) or all into one ``--output`` directory as ``NAME.EXT``. A target
    that cannot be written is refused here, before any work."""
    for output in given:
        if output.endswith(("/", os.sep)) and not Path(output).is_dir():
            raise exit_with(f"{output}: no such directory", EXIT_USAGE)
    outputs = [Path(o) for o in given]
    chosen = list(dict.fromkeys(f.value for f in formats)) or _formats_of(outputs)
    if not outputs:
        if len(chosen) > 1:
            raise exit_with("several --format need --output DIR, or one --output per --format", EXIT_USAGE)
        return [(chosen[0], None)]
    if len(outputs) == 1 and (outputs[0].is_dir() or len(chosen) > 1):
        directory = outputs[0]
        if not directory.is_dir():
            raise exit_with(f"{directory}: not a directory; several --format write into an existing directory, "
                            f"or give one --output per --format", EXIT_USAGE)
        if not os.access(directory, os.W_OK | os.X_OK):
            raise exit_with(f"{directory}: directory is not writable", EXIT_USAGE)
        return [(name, directory) for name in chosen]
    if len(outputs) != len(chosen):
        raise exit_with(f"{len(chosen)} --format and {len(outputs)} --output: give one --output per --format, "
                        f"or one directory", EXIT_USAGE)
    for output in outputs:
        check_output_path(output)
    return list(zip(chosen, outputs))


_TEXT_EXTENSION = ".txt"  # --format table written into a directory
_FORMAT_OF_SUFFIX = {".json": "json", ".html": "html", ".htm": "html", ".tmx": "tmx", ".sarif": "sarif",
                     ".xml": "junit", ".csv": "csv", ".xlsx": "xlsx"}


def _formats_of(outputs: list[Path]) -> list[str]:
    """Without --format: the format each --output's extension names (report.json: json), else table."""
    return list(dict.fromkeys(_FORMAT_OF_SUFFIX.get(o.suffix.lower(), "table") for o in outputs)) or ["table"]


def target_path(fmt: str, output: Path, report) -> Path:
    """The file a format goes to: ``output`` itself, or ``output/NAME.EXT`` when it is a directory."""
    if not output.is_dir():
        return output
    from align.report.formats import EXTENSIONS, pair_name

    return output / (pair_name(report) + EXTENSIONS.get(fmt, _TEXT_EXTENSION))


class ProgressDisplay:
    """What a long single check shows on a terminal: a spinner while it reads and aligns, then a bar with counts
    for each stage that has a size (embedding new texts, partial-omission's rows). Nothing off a terminal or with
    --quiet. Use as a context manager; pass :attr:`callback` to the library as its ``progress``."""

    NAMES = {"embed": "embedding new texts", "partial-omission": "checking phrases (partial-omission)"}

    def __init__(self, quiet: bool) -> None:
        self.progress = None
        self.tasks: dict[str, int] = {}
        if quiet or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                                 transient=True)
        self.tasks["start"] = self.progress.add_task("reading, aligning and checking…", total=None)

    @property
    def callback(self):
        """What the library is given as ``progress``: None when nothing is shown (no work split to report)."""
        return None if self.progress is None else self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if "start" in self.tasks:  # a stage with a size has begun: its own bar says how far the run is
            self.progress.remove_task(self.tasks.pop("start"))
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(self.NAMES.get(stage, stage), total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> "ProgressDisplay":
        if self.progress is not None:
            try:
                self.progress.start()
            except BaseException:  # Ctrl-C while the first frame is drawn: __exit__ will not run
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()
            sys.stderr.flush()  # the erasing codes end no line: out before any message that follows

