"""Settings from the project's configuration file (:mod:`align.read.config`) for ``check``, ``batch``, ``review``
and ``changed`` (``align config`` shows them: :mod:`align.cli.config`).

A command reads the file once its own arguments are parsed (:class:`Configured`): every option the command line
left at its default takes the file's value, then the value of each override one of the pair's files matches.
Flags always win. Each value is checked against the option it sets, as the command line would be: a bad one is
one line naming the file, the key and what is allowed, exit 2.
"""

from __future__ import annotations

import importlib
import os
from typing import Optional

import typer
import typer.core

from align.cli.options import EXIT_USAGE, exit_with, run_job

# typer 0.28 carries its own copy of click (typer._click); older typers use click itself
_CLICK = getattr(typer.core, "_click", None).__name__ if getattr(typer.core, "_click", None) else "click"
ParameterSource = importlib.import_module(f"{_CLICK}.core").ParameterSource
BadParameter = importlib.import_module(f"{_CLICK}.exceptions").BadParameter
get_current_context = importlib.import_module(f"{_CLICK}.globals").get_current_context

CONFIGURED = ("check", "changes", "batch", "review", "changed")  # the commands that read the file
NOT_IN_FILE = {"demo", "output", "write-baseline", "previous", "help"}  # per run, never project settings
# what an override may set: how a pair is read and checked, not the run's backend or its reports
PER_PATH = {"segmented", "checks", "skip", "glossary", "baseline", "unwrap", "partial-omission", "lexicon",
            "no-swap"}
META = "align.config"  # where the group keeps --config / --no-config for its command


def _key(param) -> str | None:
    """The settings key of a parameter: its long option name without dashes (``fail-on``); None for arguments."""
    names = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
    return names[0][2:] if names and param.param_type_name == "option" else None


def options_of(command) -> dict:
    return {key: p for p in command.params if (key := _key(p)) and key not in NOT_IN_FILE}


def settable(ctx) -> dict[str, dict]:
    """Every key a configuration file may hold: the options of each configured command, by command."""
    group = ctx.find_root().command
    return {name: options_of(group.commands[name]) for name in CONFIGURED}


def chosen_config(ctx):
    """The configuration in force for this run: --no-config: none; --config FILE: that file; else the nearest
    (:func:`align.read.config.find_config`). Raises ``InputError`` for one that cannot be read."""
    from align.read.config import Config, find_config, load_config

    root = ctx.find_root()
    choice = root.meta.get(META, {})
    if choice.get("disabled"):
        return Config()
    if "loaded" not in choice:
        path = choice.get("path") or find_config()
        choice["loaded"] = load_config(path) if path is not None else Config()
        root.meta[META] = choice
    return choice["loaded"]


def convert(config, key: str, value, param, ctx, where: str):
    """``value`` for ``param`` as the command line would give it; a path relative to the file's directory."""
    prefix = f"{config.path}: {where}{key}"
    if param.type.name == "boolean":
        if not isinstance(value, bool):
            raise exit_with(f"{prefix} must be true or false, not {value!r}", EXIT_USAGE)
        return value
    if param.multiple:
        values = [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value
        if not isinstance(values, list):
            raise exit_with(f"{prefix} must be a value or a list of values, not {value!r}", EXIT_USAGE)
    else:
        values = [value]
    out = []
    for item in values:
        if isinstance(item, (bool, list, dict)) or (isinstance(item, float) and "float" not in param.type.name) \
                or (param.type.name in ("path", "choice") and not isinstance(item, str)):
            raise exit_with(f"{prefix}: {item!r} is not {_allowed(param)}", EXIT_USAGE)
        if param.type.name in ("integer", "integer range", "int range") and not isinstance(item, int):
            raise exit_with(f"{prefix}: {item!r} is not an integer", EXIT_USAGE)
        if param.type.name in ("float", "float range") and not isinstance(item, (int, float)):
            raise exit_with(f"{prefix}: {item!r} is not a number", EXIT_USAGE)
        if param.type.name == "path":
            converted = str(item)
        elif param.type.name == "choice" and str(item) not in map(str, param.type.choices):
            raise exit_with(f"{prefix}: {item!r} is not {_allowed(param)}", EXIT_USAGE)
        else:
            try:
                converted = param.type.convert(item, param, ctx)
            except BadParameter as exc:
                raise exit_with(f"{prefix}: {' '.join(str(exc.message).split())}", EXIT_USAGE)
        if key in ("checks", "skip"):
            from align.check.registry import CHECKS

            unknown = [c for c in str(converted).split(",") if c.strip() and c.strip() not in CHECKS]
            if unknown:
                raise exit_with(f"{prefix}: unknown check {unknown[0].strip()!r} (the ids 'align checks' lists, "
                                f"comma-separated)", EXIT_USAGE)
        if param.type.name == "path" and not os.path.isabs(converted):
            converted = os.path.normpath(os.path.join(config.root, converted))
        out.append(converted)
    return out if param.multiple else out[0]


def _allowed(param) -> str:
    if param.type.name == "choice":
        return "one of " + ", ".join(map(str, param.type.choices))
    return {"integer": "an integer", "integer range": "an integer", "int range": "an integer", "float": "a number",
            "float range": "a number", "path": "a path",
            "text": "a string"}.get(param.type.name, f"a {param.type.name}")


def check_keys(ctx, config) -> None:
    """Refuse a key no configured command has, an override key that cannot be set per path, and a value its
    option would refuse (whichever command runs: a value only batch reads is checked by check too)."""
    by_command = settable(ctx)
    known = set().union(*(set(options) for options in by_command.values()))
    entries = [("", config.settings, False)] + [(f"overrides entry {n}: ", o.settings, True)
                                                 for n, o in enumerate(config.overrides, 1)]
    for where, settings, per_path in entries:
        for key in settings:
            if key not in known:
                raise exit_with(f"{config.path}: {where}unknown key {key!r} (the long options of align check, "
                                f"batch, review and changed, without the dashes; 'align config' lists them)",
                                EXIT_USAGE)
            if per_path and key not in PER_PATH:
                raise exit_with(f"{config.path}: {where}{key} cannot be set per path (an override may set: "
                                f"{', '.join(sorted(PER_PATH))})", EXIT_USAGE)
            param = next(options[key] for options in by_command.values() if key in options)
            convert(config, key, settings[key], param, ctx, where)


def apply(ctx, config, paths, into: dict | None = None) -> dict[str, str]:
    """Set each option of ``ctx``'s command the command line left at its default from the file, then from the
    overrides ``paths`` match; returns where each set option came from, by key. ``into``: set the overrides
    alone in this copy of the parameters (one pair of a batch), leaving ``ctx`` as it is."""
    options = options_of(ctx.command)
    origins: dict[str, str] = {}
    layers = [] if into is not None else [("", config.settings, config.describe())]
    layers += [(f"overrides entry {n}: ", o.settings, f"{config.describe()} overrides entry {n} "
                f"(files = {', '.join(o.globs)})") for n, o in config.matching(*paths)]
    for where, settings, origin in layers:
        for key, value in settings.items():
            param = options.get(key)
            if param is None:  # an option of another command (batch's --workers for check)
                continue
            source = ctx.get_parameter_source(param.name)
            if source not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
                continue
            (ctx.params if into is None else into)[param.name] = convert(config, key, value, param, ctx, where)
            if into is None:
                ctx.set_parameter_source(param.name, ParameterSource.DEFAULT_MAP)
            origins[key] = origin
    return origins


class Configured(typer.core.TyperCommand):
    """A command whose options the project's configuration file sets where the command line does not."""

    def parse_args(self, ctx, args):
        rest = super().parse_args(ctx, args)
        config = run_job(lambda: chosen_config(ctx))
        if config.path is not None:
            check_keys(ctx, config)
            ctx.meta["align.config.origins"] = apply(ctx, config, _pair_paths(ctx.params))
            ctx.meta["align.config.used"] = config
        return rest


def _pair_paths(params: dict) -> list:
    """The files of the pair a command was given (check: arabic, english; review: paths; changed: the pairs'
    files are matched pair by pair, :func:`pair_params`)."""
    found = [params.get("arabic"), params.get("english"), *(params.get("paths") or ())]
    return [p for p in found if p]


def pair_params(ctx, paths) -> dict | None:
    """The command's parameter values for one pair of a batch: its own, then the configuration's overrides
    ``paths`` match, where the command line left the option alone; None when no override matches."""
    config = ctx.meta.get("align.config.used")
    if config is None or not config.matching(*paths):
        return None
    values = dict(ctx.params)
    apply(ctx, config, paths, into=values)
    return values


def config_label(ctx) -> Optional[str]:
    """What a report's signature records of the configuration a command ran with (None: none)."""
    config = ctx.meta.get("align.config.used")
    if config is None or not ctx.meta.get("align.config.origins"):
        return None
    return f"{config.path.name}@{config.digest}"
