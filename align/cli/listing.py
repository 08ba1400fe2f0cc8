"""``align segment``, ``align backends`` and ``align checks``: what the tool sees and has."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.options import UNWRAP, Bidi, Format, Lang, emit, run_job, use_bidi


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

    document = run_job(lambda: read_document(file, lang.value, segmented, unwrap))
    if document.wrapped_at and unwrap is None:
        typer.echo(f"align: warning: {unwrap_warning(document)}", err=True)
    if format is Format.json:
        emit(None, None, json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from align.report.formats.terminal import render_clauses

        emit(lambda console: render_clauses(list(document.clauses), document.lang, console,
                                            use_bidi(bidi, None)), None)


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


class SchemaName(str, Enum):
    report = "report"
    combined = "combined"


@app.command(name="schema")
def print_schema(
    name: SchemaName = typer.Argument(SchemaName.report, help="report: what 'align check --format json' writes; "
                                                              "combined: a batch's combined.json."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON report, version 1, or of a batch's combined.json."""
    from align.report.schema import schema_text

    emit(None, None, schema_text(name.value))
