"""``align config``: the settings in force for a command, and where each comes from (:mod:`align.cli.settings`)."""

from __future__ import annotations

from typing import Optional

import typer

from align.cli.app import app
from align.cli.options import EXIT_USAGE, exit_with, run_job
from align.cli.settings import CONFIGURED, apply, chosen_config, get_current_context, options_of


@app.command(name="config")
def show_config(
    command: str = typer.Argument("check", help="The command whose settings to show: check, batch or review."),
    files: Optional[list[str]] = typer.Argument(None, help="A pair's files: show the overrides they match too."),
) -> None:
    """Print the settings in force, each with where it comes from (flag defaults, the configuration file, an
    override). Run it where the command would run; 'align --config FILE config' names a file."""
    if command not in CONFIGURED:
        raise exit_with(f"config: {command!r} reads no settings; give one of {', '.join(CONFIGURED)}", EXIT_USAGE)
    ctx = get_current_context()
    config = run_job(lambda: chosen_config(ctx))
    typer.echo(f"# align {command}: {config.describe()}")
    if config.path is None:
        typer.echo("# every option at its default (see 'align " + command + " --help')")
        return
    target = ctx.find_root().command.commands[command]
    # parsing no arguments, as the command itself would: defaults, the file checked and applied
    sub = target.make_context(command, [], parent=ctx, resilient_parsing=True)
    origins = apply(sub, config, files or ())
    for key, param in sorted(options_of(target).items()):
        value = sub.params.get(param.name)
        shown = _toml(value)
        where = origins.get(key, "default")
        typer.echo(f"{key} = {shown}".ljust(40) + f"  # {where}")


def _toml(value) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, (int, float)):
        return str(value)
    if hasattr(value, "value"):
        value = value.value
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
