"""``align config``: the settings in force for a command, and where each comes from (:mod:`align.cli.settings`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from align.cli.app import app
from align.cli.options import EXIT_USAGE, exit_with, run_job
from align.cli.settings import CONFIGURED, ParameterSource, options_of, apply, check_keys, chosen_config, \
    get_current_context


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
    check_keys(ctx, config)
    target = ctx.find_root().command.commands[command]
    sub = target.make_context(command, [], parent=ctx, resilient_parsing=True)
    for param in target.params:
        if param.param_type_name == "option" and param.name not in sub.params:
            sub.params[param.name] = param.get_default(sub)
            sub.set_parameter_source(param.name, ParameterSource.DEFAULT)
    origins = apply(sub, config, [str(Path(f)) for f in files or ()])
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
