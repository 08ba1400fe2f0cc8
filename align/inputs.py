"""Reading input files and locating the bundled resolution."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError

BUNDLED_AR = "oic-cfm-21-extraordinary-2025.ar.txt"
BUNDLED_EN = "oic-cfm-21-extraordinary-2025.en.txt"


def data_dir() -> Path:
    """The bundled data: inside the installed package, or at the root of the source tree."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / BUNDLED_AR).is_file():
            return candidate
    raise InputError("the bundled resolution is missing from this installation")


def bundled_pair() -> tuple[Path, Path]:
    """Arabic and English files of the bundled resolution (OIC CFM, 21st extraordinary session)."""
    directory = data_dir()
    return directory / BUNDLED_AR, directory / BUNDLED_EN


def read_text(path: str | Path) -> str:
    """The text of an input file (``-`` reads standard input), as UTF-8 with or without BOM."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(f"{name}: no text (the file is empty or blank)")
    return text


def write_atomically(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename: never half-written."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: directory {directory} does not exist")
    if target.is_dir():
        raise InputError(f"{path}: is a directory")
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
