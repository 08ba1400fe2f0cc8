"""A file as it was at a git revision (``--since REV``): the previous version of a pair, read from history."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from align.errors import InputError
from align.read.inputs import InputText, input_from_bytes


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)


def read_at_revision(path: str | Path, revision: str) -> InputText:
    """``path`` as it was at ``revision`` of the git repository holding it. Raises :class:`InputError` (one line)
    when git is missing, the file is not in a repository, the revision does not exist or the file did not exist
    there."""
    if shutil.which("git") is None:
        raise InputError("--since needs git, and git is not installed")
    if str(path) == "-":
        raise InputError("--since reads the previous version from git: standard input has no history")
    file = Path(path).resolve()
    top = _git(file.parent if file.parent.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise InputError(f"{path}: not in a git repository (--since {revision} reads its previous version from git)")
    root = Path(top.stdout.decode().strip())
    if not revision or revision.startswith("-"):
        raise InputError(f"{revision!r}: not a revision")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise InputError(f"{revision}: no such revision in the git repository at {root}")
    relative = file.relative_to(root.resolve()).as_posix()
    shown = _git(root, "show", f"{commit.stdout.decode().strip()}:{relative}")
    if shown.returncode != 0:
        raise InputError(f"{path} did not exist at {revision}")
    return input_from_bytes(f"{path}@{revision}", shown.stdout)
