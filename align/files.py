"""The files align ships and the files it writes: bundled data, found through :mod:`importlib.resources` in
one place, and outputs written atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from string import Template

from align.errors import InputError


def data_path(name: str) -> Path:
    """A file of the bundled data (``align/data/NAME``): the resolution, the glossary, the lexicon. Raises
    :class:`InputError` when the installation lacks it."""
    resource = files("align") / "data" / name
    if not resource.is_file():
        raise InputError(f"the bundled file {name} is missing from this installation")
    return Path(str(resource))


@cache
def template(name: str) -> Template:
    """A page template of the bundled data (``align/data/templates/NAME``): ``$name`` fields filled by
    :meth:`string.Template.substitute`; a stylesheet or script is used whole, as ``.template``."""
    return Template(data_path(f"templates/{name}").read_text(encoding="utf-8"))


def write_atomically(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename: never half-written. The file gets
    the mode a plain ``open`` would give it (0666 less the umask), or keeps the mode of the file it replaces,
    so a shared report folder or a web server can read it."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: directory {directory} does not exist")
    if target.is_dir():
        raise InputError(f"{path}: is a directory")
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write through, never replace it
        try:
            with open(target, "wb") as handle:
                handle.write(data)
            return
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        os.fchmod(fd, _replaced_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _replaced_mode(target: Path) -> int:
    """The permission bits for a file written at ``target``: those of the file there, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
