"""Project settings: ``[tool.align]`` in a ``pyproject.toml``, or an ``align.toml``, the way ruff and mypy read
theirs.

The nearest file found from the working directory upwards is used: in each directory, ``align.toml`` (its
top-level table is the settings, or a ``[tool.align]`` table if it has one) before a ``pyproject.toml`` with a
``[tool.align]`` table (a ``pyproject.toml`` without one is passed over, so a sub-project's packaging file does
not hide the repository's settings). Keys are the commands' long option names (``fail-on``, ``segmented``,
``partial-omission``; ``fail_on`` is read the same); a value applies to every command that has the option.
``[[tool.align.overrides]]`` entries (``[[overrides]]`` in an ``align.toml``) hold a ``files`` glob, or a list of
globs, matched against a file's path relative to the configuration's directory, and settings that apply where
one of the pair's files matches, later entries over earlier ones.

This module reads and shapes the file; what each key means and which values it takes is the commands' (the
CLI checks each value against its option). Errors are :class:`~align.errors.InputError`: one line naming the
file, the key and what is wrong.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from align.errors import InputError

OVERRIDES = "overrides"


@dataclass(frozen=True)
class Override:
    """Settings for the files one of ``globs`` matches (paths relative to the configuration's directory)."""

    globs: tuple[str, ...]
    settings: dict


@dataclass(frozen=True)
class Config:
    """The settings of one configuration file (none: ``path`` None and no settings)."""

    path: Path | None = None
    table: str = ""                      # where the settings are: "[tool.align]" or "align.toml"
    settings: dict = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    digest: str = ""                     # of the file's bytes: what a report's signature records

    @property
    def root(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def describe(self) -> str:
        """Where the settings come from, as ``align config`` names it: "pyproject.toml [tool.align]"."""
        if self.path is None:
            return "no configuration file"
        return f"{self.path} {self.table}" if self.table.startswith("[") else str(self.path)

    def matching(self, *paths: str | Path | None) -> list[tuple[int, Override]]:
        """The overrides (numbered from 1, in order) one of ``paths`` matches; standard input matches none."""
        given = [p for p in paths if p is not None and str(p) not in ("", "-")]
        return [(n, o) for n, o in enumerate(self.overrides, 1) if any(self.matches(o, p) for p in given)]

    def settings_for(self, *paths: str | Path | None) -> dict:
        """The settings for a pair of files: the file's, then every override one of ``paths`` matches, in order."""
        out = dict(self.settings)
        for _, override in self.matching(*paths):
            out.update(override.settings)
        return out

    def matches(self, override: Override, path: str | Path) -> bool:
        try:
            relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root))
        except ValueError:
            return False
        posix = PurePosixPath(relative.as_posix())
        return any(_glob_match(posix, glob) for glob in override.globs)


def _glob_match(path: PurePosixPath, glob: str) -> bool:
    """``glob`` against a relative path: ``**`` crosses directories, ``*`` and ``?`` do not, ``[abc]`` and
    ``[!abc]`` are character classes; a glob without a slash matches the file name at any depth (as .gitignore
    does)."""
    if "/" not in glob:
        return fnmatch.fnmatchcase(path.name, glob)
    pattern = ""
    for part in re.split(r"(\*\*/?|\*|\?|\[[^\]]*\])", glob):
        if part.startswith("[") and part.endswith("]") and len(part) > 2:
            inner = part[1:-1]
            pattern += "[" + ("^" + re.escape(inner[1:]) if inner.startswith("!") else re.escape(inner)) + "]"
        elif part in ("**", "**/"):
            pattern += ".*" if part == "**" else "(?:.*/)?"
        elif part == "*":
            pattern += "[^/]*"
        elif part == "?":
            pattern += "[^/]"
        else:
            pattern += re.escape(part)
    return re.fullmatch(pattern, path.as_posix()) is not None


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the working directory), or None."""
    directory = Path(os.path.abspath(start or Path.cwd()))
    for folder in (directory, *directory.parents):
        candidate = folder / "align.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_tool_align(candidate):
            return candidate
    return None


def _has_tool_align(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # unreadable or broken: load_config says what is wrong with it, rather than skip it
    return isinstance(data.get("tool"), dict) and "align" in data["tool"]


def load_config(path: str | Path) -> Config:
    """Read and shape one configuration file (``align.toml`` or ``pyproject.toml``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a configuration file") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such configuration file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the configuration file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "align" in tool:
        table, section = "[tool.align]", tool["align"]
    elif path.name == "pyproject.toml":
        raise InputError(f"{path}: has no [tool.align] table")
    else:
        table, section = "align.toml", {k: v for k, v in data.items() if k != "tool"}
    if not isinstance(section, dict):
        raise InputError(f"{path}: {table} must be a table of settings")
    _no_twins(path, "", section)
    settings = {_key(k): v for k, v in section.items() if k != OVERRIDES}
    overrides = []
    entries = section.get(OVERRIDES, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(f"{path}: {OVERRIDES} must be an array of tables ([[{_prefix(table)}{OVERRIDES}]])")
    for n, entry in enumerate(entries, 1):
        where = f"{path}: {OVERRIDES} entry {n}"
        globs = entry.get("files")
        if isinstance(globs, str):
            globs = [globs]
        if not globs or not isinstance(globs, list) or not all(isinstance(g, str) and g.strip() for g in globs):
            raise InputError(f"{where}: needs files = a glob or a list of globs (e.g. files = \"corpus/**\")")
        for glob in globs:
            if glob.startswith("/") or "\\" in glob or glob.count("[") != glob.count("]"):
                raise InputError(f"{where}: bad glob {glob!r} (relative to the configuration's directory, with "
                                 f"forward slashes; * ? ** and [abc])")
        _no_twins(path, f"{OVERRIDES} entry {n}: ", entry)
        extra = {_key(k): v for k, v in entry.items() if k != "files"}
        if OVERRIDES in extra:
            raise InputError(f"{where}: overrides do not nest")
        overrides.append(Override(tuple(globs), extra))
    return Config(path, table, settings, tuple(overrides), hashlib.sha256(raw).hexdigest()[:12])


def _no_twins(path: Path, where: str, table: dict) -> None:
    """Refuse one setting given twice, once with dashes and once with underscores (``fail-on``, ``fail_on``)."""
    seen: dict[str, str] = {}
    for key in table:
        if _key(key) in seen:
            raise InputError(f"{path}: {where}{seen[_key(key)]} and {key} are the same setting; keep one")
        seen[_key(key)] = key


def _prefix(table: str) -> str:
    return "tool.align." if table.startswith("[") else ""


def _key(name: str) -> str:
    """A settings key as the option is spelt (``fail_on`` and ``fail-on`` alike)."""
    return str(name).replace("_", "-")
