"""The wheel: the `align` package alone at top level, the bundled resolution inside it, `align check` and
`python -m align` working outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_carries_the_bundled_resolution_and_runs_outside_the_tree(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("clausealign-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {"align/data/oic-cfm-21-extraordinary-2025.ar.txt",
                "align/data/oic-cfm-21-extraordinary-2025.en.txt", "align/data/glossary.tsv",
                "align/data/lexicon.tsv", "align/__main__.py"} <= names
        top = {name.split("/")[0] for name in names}
        entry_points = archive.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
        archive.extractall(site)
    assert {t for t in top if not t.endswith(".dist-info")} == {"align"}  # no generic `cli` module in site-packages
    assert "align = align.cli:main" in entry_points
    result = subprocess.run([sys.executable, "-c", "import runpy, sys; sys.path.insert(0, sys.argv[1]); "
                             "sys.argv = ['align', 'check', '--demo', '--format', 'json']; runpy.run_module('align', "
                             "run_name='__main__')", str(site)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr  # the bundled resolution's one real error
    report = json.loads(result.stdout)
    assert Path(report["ar"]["path"]).is_relative_to(site)
    assert len(report["ar"]["clauses"]) == 81


def test_every_install_hint_names_our_distribution_not_the_unrelated_align_on_pypi():
    """`pip install 'align[...]'` would install someone else's package (align 0.0.1-0.1.1 on PyPI)."""
    import re
    import tomllib

    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == "clausealign"
    sources = [*ROOT.glob("align/**/*.py"), ROOT / "cli.py", ROOT / "README.md", *ROOT.glob("docs/*.md"),
               ROOT / "Makefile"]
    wrong = [f"{path.name}: {m.group(0)}" for path in sources
             for m in re.finditer(r"pip install ['\"]?align\b(?!\.)", path.read_text(encoding="utf-8"))]
    assert wrong == []
    hints = [m.group(1) for path in sources
             for m in re.finditer(r"pip install '([\w-]+)\[", path.read_text(encoding="utf-8"))]
    assert hints and set(hints) == {"clausealign"}


def test_the_readme_install_command_resolves_to_this_project(tmp_path):
    """`pip install 'clausealign[reports]'`, as older commands word it (the README names the extras the same
    way), installs this wheel (not align 0.1.1)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-index",
                             "--no-deps", "--find-links", str(tmp_path), "clausealign[reports]"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Would install clausealign-0.1.0" in result.stdout
