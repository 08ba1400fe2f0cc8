"""Exceptions of the align library; the CLI maps them to messages and exit codes."""


class AlignError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(AlignError):
    """An input cannot be read or used (exit code 2)."""


class BackendUnavailable(AlignError):
    """An embedding backend is not installed or cannot load its model (exit code 2)."""


class BackendError(AlignError):
    """An embedding backend failed while running (exit code 3)."""
