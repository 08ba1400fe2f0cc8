"""The ``align`` command line: a thin layer over the align library.

Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 bad usage or
unreadable input; 3 internal or backend failure.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Check the Arabic and English versions of a resolution against each other.")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Format(str, enum.Enum):
    table = "table"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Bidi(str, enum.Enum):
    auto = "auto"
    on = "on"
    off = "off"


class Lang(str, enum.Enum):
    ar = "ar"
    en = "en"


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"align: {message}", err=True)
    return typer.Exit(code)


def _run(job):
    """Run a library call, turning its exceptions into one line on stderr and an exit code."""
    from align.errors import BackendError, BackendUnavailable, InputError

    try:
        return job()
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
    from rich.console import Console

    from align.inputs import write_atomically

    if as_text is None:
        console = Console(record=output is not None, file=None if output is None else open("/dev/null", "w"),
                          width=160 if output is not None else None)
        render(console)
        if output is None:
            return
        as_text = console.export_text()
    if output is None:
        sys.stdout.write(as_text)
    else:
        _run(lambda: write_atomically(output, as_text))


def _split_list(value: Optional[str]) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@app.command()
def check(
    arabic: Optional[Path] = typer.Argument(None, help="Arabic version (- for stdin); none: the bundled resolution"),
    english: Optional[Path] = typer.Argument(None, help="English version"),
    segmented: bool = typer.Option(False, "--segmented", help="Each non-empty line is one clause; no parsing."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Exit 1 on findings at or above this."),
    bidi: Bidi = typer.Option(Bidi.auto, "--bidi", help="Reorder Arabic for terminals without bidi support."),
    backend: str = typer.Option("use", "--backend", help="Embedding backend (see 'align backends')."),
    model: Optional[str] = typer.Option(None, "--model", help="Model name or local path for the backend."),
    checks: Optional[str] = typer.Option(None, "--checks", help="Only these checks (comma-separated ids)."),
    skip: Optional[str] = typer.Option(None, "--skip", help="Skip these checks (comma-separated ids)."),
) -> None:
    """Align the two versions clause by clause and report where they part."""
    from align.checks import CHECKS
    from align.pipeline import Options, check_files

    selected = _split_list(checks) or list(CHECKS)
    for name in selected + _split_list(skip):
        if name not in CHECKS:
            raise _fail(f"unknown check {name!r}; see 'align checks'", EXIT_USAGE)
    selected = [c for c in selected if c not in _split_list(skip)]
    options = Options(segmented=segmented, backend=backend, model=model, checks=tuple(selected))
    report = _run(lambda: check_files(arabic, english, options))
    if format is Format.json:
        _emit(None, output, report.to_json())
    else:
        from align.render import render_report

        _emit(lambda console: render_report(report, console, _use_bidi(bidi, output)), output)
    raise typer.Exit(EXIT_FINDINGS if report.fails(fail_on.value) else EXIT_OK)


@app.command()
def segment(
    file: Path = typer.Argument(..., help="A version of a resolution (- for stdin)."),
    lang: Lang = typer.Option(..., "--lang", help="Its language."),
    segmented: bool = typer.Option(False, "--segmented", help="Each non-empty line is one clause."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    bidi: Bidi = typer.Option(Bidi.auto, "--bidi"),
) -> None:
    """Print the clauses of one version."""
    from align.pipeline import read_document

    document = _run(lambda: read_document(file, lang.value, segmented))
    if format is Format.json:
        _emit(None, None, json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from align.render import render_clauses

        _emit(lambda console: render_clauses(list(document.clauses), lang.value, console,
                                             _use_bidi(bidi, None)), None)


@app.command()
def backends() -> None:
    """List the embedding backends, whether each is installed, and its model."""
    from align.embed import available_backends

    for info in available_backends():
        state = "installed" if info.installed else "not installed"
        typer.echo(f"{info.name:<24} {state:<14} {info.model:<44} {info.description}")


@app.command(name="checks")
def list_checks() -> None:
    """List every check with its id, severity and what it looks for."""
    from align.checks import CHECKS

    for item in CHECKS.values():
        typer.echo(f"{item.id:<18} {item.severity:<8} {item.category:<18} {item.description}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
