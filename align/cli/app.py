"""The ``align`` application: the typer group, usage errors as one line, ``--version``, and :func:`main`.

Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 bad usage or
unreadable input; 3 internal or backend failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
import typer.core

from align.cli.options import EXIT_OK, EXIT_USAGE


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
            message = " ".join(exc.format_message().split())
            parent = exc.ctx.parent if exc.ctx and isinstance(exc, click.NoSuchOption) else None
            while parent is not None and not any(exc.option_name in param.opts for param in parent.command.params):
                parent = parent.parent
            if parent is not None:
                # an option of the group given after a command: click would suggest the nearest spelling among
                # the command's own options (--version: --lexicon), not where the option goes
                message = (f"{exc.option_name} is an option of {parent.command_path} itself, not of "
                           f"'{exc.ctx.command_path}': {parent.command_path} {exc.option_name}")
                where = ""
            typer.echo(f"align: {message}{where}", err=True)
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


def _print_version(value: bool) -> None:
    if value:
        from align import __version__
        from align.alignment.aligner import ALIGNER_VERSION
        from align.segment.clauses import SEGMENTER_VERSION
        from align.text.normalize import NORMALIZER_VERSION

        typer.echo(f"align {__version__} (clausealign; aligner {ALIGNER_VERSION}, segmenter {SEGMENTER_VERSION}, "
                   f"normaliser {NORMALIZER_VERSION})")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(ctx: typer.Context,
             version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit."),
             config: Optional[Path] = typer.Option(None, "--config", help="Read the settings of check, batch and "
                                                   "review from this file (align.toml, or a pyproject.toml's "
                                                   "\\[tool.align]) instead of the nearest one.", show_default=False),
             no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files: every option "
                                                                       "at its default unless given.")) -> None:
    """Check the Arabic and English versions of a resolution against each other."""
    if config is not None and no_config:
        typer.echo("align: --config and --no-config exclude each other", err=True)
        raise typer.Exit(EXIT_USAGE)
    ctx.meta["align.config"] = {"path": config, "disabled": no_config}


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
