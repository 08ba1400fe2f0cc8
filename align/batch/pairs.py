"""Which files pair: a directory searched by naming convention, or a CSV manifest (:func:`find_pairs`).

Naming conventions in a directory (searched recursively; hidden entries and
the output directory are skipped; a file matching none is ignored):

- ``NAME.ar.EXT`` + ``NAME.en.EXT``; also ``NAME_ar``/``NAME_en`` and
  ``NAME-ar``/``NAME-en``; any extension or none, ``AR``/``EN`` in any case.
  ``ar.txt`` + ``en.txt`` alone pair as the directory's name.
- ``ar/NAME.EXT`` + ``en/NAME.EXT``: the same path below sibling directories
  named ``ar`` and ``en`` (extension free).

A manifest is a CSV file with the header ``ar,en`` or ``ar,en,name``; relative
paths are relative to the manifest's directory; a pair without a ``name`` is
named by what its two file names share (``res.ar.txt`` + ``res.en.txt``:
``res``).
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from align.errors import InputError

_LANG_FILE = re.compile(r"^(?:(?P<name>.+?)[._-])?(?P<lang>ar|en)(?:\.[^.]+)*$", re.IGNORECASE)
UNSAFE_NAME = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class PairSpec:
    """One pair to check; ``problem`` says why it cannot be (then a path may be missing)."""

    name: str
    ar: Path | None
    en: Path | None
    problem: str | None = None


def find_pairs(source: str | Path, exclude: str | Path | None = None) -> list[PairSpec]:
    """The pairs of a directory (by naming convention) or of a CSV manifest, sorted by name."""
    path = Path(source)
    if path.is_dir():
        return _pairs_in_directory(path, Path(exclude) if exclude else None)
    if path.is_file():
        return _pairs_in_manifest(path)
    raise InputError(f"{source}: no such directory or manifest")


def _pairs_in_directory(root: Path, exclude: Path | None) -> list[PairSpec]:
    excluded = exclude.resolve() if exclude else None
    groups: dict[str, dict[str, list[Path]]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (excluded is None or (here / d).resolve() != excluded))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            file = here / filename
            keyed = _pair_key(file.relative_to(root), root)
            if keyed:
                name, lang = keyed
                groups.setdefault(name, {"ar": [], "en": []})[lang].append(file)
    specs = []
    for name in sorted(groups):
        found = groups[name]
        problem = None
        for lang, other, label in (("ar", "en", "Arabic"), ("en", "ar", "English")):
            if len(found[lang]) > 1:
                problem = f"several {label} files for {name}: " + ", ".join(str(p) for p in found[lang])
            elif not found[lang]:
                problem = f"{found[other][0]}: no {label} counterpart found"
        ar = found["ar"][0] if found["ar"] else None
        en = found["en"][0] if found["en"] else None
        specs.append(PairSpec(name, ar, en, problem))
    return specs


def _pair_key(relative: Path, root: Path) -> tuple[str, str] | None:
    """(pair name, language) of a file by the naming conventions, or None."""
    parts = relative.parts
    for k in range(len(parts) - 2, -1, -1):  # below a directory named ar/ or en/
        lang = parts[k].lower()
        if lang in ("ar", "en"):
            rest = Path(*parts[k + 1:]).with_suffix("")
            match = _LANG_FILE.match(rest.name)  # ar/NAME.ar.txt is NAME too
            if match and match.group("name") and match.group("lang").lower() == lang:
                rest = rest.with_name(match.group("name"))
            return "/".join((*parts[:k], rest.as_posix())), lang
    match = _LANG_FILE.match(parts[-1])
    if not match:
        return None
    lang = match.group("lang").lower()
    if match.group("name"):
        return "/".join((*parts[:-1], match.group("name"))), lang
    return "/".join(parts[:-1]) or root.resolve().name, lang  # bare ar.txt + en.txt: the directory's name


def _pairs_in_manifest(manifest: Path) -> list[PairSpec]:
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: cannot read the manifest ({exc})") from exc
    rows = list(csv.reader(text.splitlines()))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if header[:2] != ["ar", "en"] or len(header) > 3 or (len(header) == 3 and header[2] != "name"):
        raise InputError(f"{manifest}: a manifest is a CSV file whose header is 'ar,en' or 'ar,en,name'")
    base = manifest.parent
    specs = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row] + [""] * 3
        ar, en, name = cells[0], cells[1], cells[2] if len(header) == 3 else ""
        name = name or _common_name(ar, en) or _name_of(ar or en or f"line-{line}")
        if not ar or not en:
            specs.append(PairSpec(name, None, None, f"{manifest}:{line}: both an Arabic and an English path needed"))
            continue
        specs.append(PairSpec(name, base / ar, base / en))
    return specs


def _common_name(ar: str, en: str) -> str:
    """What the two file names of a pair share, less language tags and extensions: ``res.ar.txt`` and
    ``res.en.txt`` give ``res``; ``2024/A_RES_79_1_ar.docx`` and ``2024/A_RES_79_1_en.docx`` give
    ``2024/A_RES_79_1``; '' when they share nothing."""
    if not ar or not en:
        return ""
    a, e = _name_of(ar), _name_of(en)
    parent = Path(ar).parent.as_posix() if Path(ar).parent == Path(en).parent else ""
    if parent.startswith(("/", "..")) or Path(ar).is_absolute():
        parent = ""
    if a != e:
        shared = os.path.commonprefix([a, e]).rstrip("._- ")
        if len(shared) < 2:
            return ""
        a = shared
    return f"{parent}/{a}" if parent and parent != "." else a


def _name_of(path: str) -> str:
    stem = Path(path).name
    match = _LANG_FILE.match(stem)
    return match.group("name") if match and match.group("name") else Path(stem).stem


def unique(specs: list[PairSpec]) -> list[PairSpec]:
    seen: Counter = Counter()
    out = []
    for spec in specs:
        seen[spec.name] += 1
        out.append(spec if seen[spec.name] == 1 else replace(spec, name=f"{spec.name}~{seen[spec.name]}"))
    return out


DEFAULT_PATTERNS = ("*.ar.txt", "*.en.txt")


def changed_pairs(files: list[str | Path], patterns: tuple[str, str] = DEFAULT_PATTERNS,
                  root: str | Path | None = None) -> list[PairSpec]:
    """The pairs some of ``files`` (changed files, as a pre-commit hook gets them) belong to, by a naming
    pattern: an Arabic and an English glob, each with one ``*`` standing for the name the two versions share
    (``*_ar.docx``/``*_en.docx``, ``ar/*.txt``/``en/*.txt``), matched against paths relative to ``root``
    (default: the working directory). A file matching neither is not a version (ignored); one whose
    counterpart does not exist is a pair with a ``problem``. Each pair once, sorted by name."""
    ar_glob, en_glob = patterns
    for glob in patterns:
        if glob.count("*") != 1 or "**" in glob or glob.startswith("/"):
            raise InputError(f"pair pattern {glob!r}: give a relative glob with exactly one * for the name "
                             f"(e.g. *.ar.txt and *.en.txt)")
    base = Path(os.path.abspath(root or Path.cwd()))
    found: dict[str, PairSpec] = {}
    for file in files:
        path = Path(os.path.abspath(file))
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            relative = path.as_posix()
        for glob, other, lang in ((ar_glob, en_glob, "ar"), (en_glob, ar_glob, "en")):
            name = _name_by(glob, relative)
            if name is None:
                continue
            partner = base / other.replace("*", name)
            ar, en = (path, partner) if lang == "ar" else (partner, path)
            problem = None if partner.is_file() else \
                f"{file}: no {'English' if lang == 'ar' else 'Arabic'} counterpart ({_shown(partner, base)})"
            if name not in found or found[name].problem:
                found[name] = PairSpec(name, _shown_path(ar, base), _shown_path(en, base), problem)
            break
    return [found[name] for name in sorted(found)]


def _name_by(glob: str, relative: str) -> str | None:
    """The part of ``relative`` the ``*`` of ``glob`` stands for, or None when it does not match."""
    prefix, suffix = glob.split("*")
    if "/" not in glob:
        relative_dir, _, leaf = relative.rpartition("/")
        if leaf.startswith(prefix) and leaf.endswith(suffix) and len(leaf) > len(prefix) + len(suffix):
            stem = leaf[len(prefix):len(leaf) - len(suffix)]
            return f"{relative_dir}/{stem}" if relative_dir else stem
        return None
    if relative.startswith(prefix) and relative.endswith(suffix) and len(relative) > len(prefix) + len(suffix):
        return relative[len(prefix):len(relative) - len(suffix)]
    return None


def _shown_path(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return path


def _shown(path: Path, base: Path) -> str:
    return _shown_path(path, base).as_posix()
