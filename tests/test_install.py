"""The bundled resolution travels with the wheel: `align check` works outside the source tree."""

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
    (wheel,) = tmp_path.glob("align-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {"cli.py", "align/data/oic-cfm-21-extraordinary-2025.ar.txt",
                "align/data/oic-cfm-21-extraordinary-2025.en.txt"} <= names
        archive.extractall(site)
    result = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                             "import cli; sys.argv = ['align', 'check', '--format', 'json']; cli.main()",
                             str(site)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr  # the bundled resolution's one real error
    report = json.loads(result.stdout)
    assert Path(report["ar"]["path"]).is_relative_to(site)
    assert len(report["ar"]["clauses"]) == 81
