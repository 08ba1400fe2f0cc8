"""What the format readers share: one line for a library's exception, and a library's log kept quiet."""

from __future__ import annotations

import contextlib


def failure_reason(exc: Exception) -> str:
    """A short reason from a parser's exception, for the end of a one-line message."""
    text = str(exc).splitlines()[0].strip().strip("\"'") if str(exc).strip() else ""
    return text if 0 < len(text) <= 100 else type(exc).__name__


@contextlib.contextmanager
def quiet_logger(logger_name: str):
    """Silence a library's log warnings while it runs (the library itself prints nothing)."""
    import logging

    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
