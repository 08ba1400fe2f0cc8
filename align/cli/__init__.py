"""The command line: a thin layer over the align library. Each command is one library call; only here are
library errors turned into one line on stderr and an exit code.

:mod:`align.cli.app` is the typer application and :func:`main`; :mod:`align.cli.options` what the commands
share; one module per command (or family of commands) registers on the application when imported, in the
order ``align --help`` lists them.
"""

# isort: off
# Importing a command's module registers it; ``align --help`` lists the commands in this order.
from align.cli import check, listing, changes, batch, review, changed, data, config  # noqa: F401
# isort: on
from align.cli.app import app, main

__all__ = ["app", "main"]
