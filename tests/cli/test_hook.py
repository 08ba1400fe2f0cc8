"""``align changed`` and the pre-commit hooks: the pairs a set of changed files belongs to, checked; a real
``pre-commit try-repo`` of this repository on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align import cli
from align.batch.pairs import PairSpec, changed_pairs
from align.errors import InputError

from ..conftest import ROOT
from .texts import write_texts

runner = CliRunner()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """texts/good and texts/damaged (:func:`write_texts`) and a file that is not a version; the working
    directory at the root."""
    write_texts(tmp_path)
    (tmp_path / "notes.md").write_text("not a version\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("files, patterns, expected", [
    (["texts/good.ar.txt"], ("*.ar.txt", "*.en.txt"),
     [PairSpec("texts/good", Path("texts/good.ar.txt"), Path("texts/good.en.txt"))]),
    (["texts/good.en.txt", "texts/good.ar.txt", "notes.md"], ("*.ar.txt", "*.en.txt"),
     [PairSpec("texts/good", Path("texts/good.ar.txt"), Path("texts/good.en.txt"))]),
    (["texts/damaged.en.txt", "texts/good.ar.txt"], ("*.ar.txt", "*.en.txt"),
     [PairSpec("texts/damaged", Path("texts/damaged.ar.txt"), Path("texts/damaged.en.txt")),
      PairSpec("texts/good", Path("texts/good.ar.txt"), Path("texts/good.en.txt"))]),
    (["texts/lone.ar.txt"], ("*.ar.txt", "*.en.txt"),
     [PairSpec("texts/lone", Path("texts/lone.ar.txt"), Path("texts/lone.en.txt"),
               "texts/lone.ar.txt: no English counterpart (texts/lone.en.txt)")]),
    (["texts/good.ar.txt"], ("texts/*.ar.txt", "texts/*.en.txt"),
     [PairSpec("good", Path("texts/good.ar.txt"), Path("texts/good.en.txt"))]),
    (["texts/good.ar.txt"], ("*_ar.docx", "*_en.docx"), []),
    (["notes.md"], ("*.ar.txt", "*.en.txt"), []),
])
def test_changed_files_give_their_pairs(repo, files, patterns, expected):
    assert changed_pairs(files, patterns) == expected


@pytest.mark.parametrize("patterns", [("*.ar.*", "*.en.txt"), ("ar.txt", "en.txt"), ("**/*.ar", "*.en"),
                                      ("/abs/*.ar", "*.en")])
def test_a_pattern_needs_one_star(patterns):
    with pytest.raises(InputError, match="exactly one \\* for the name"):
        changed_pairs(["x.ar.txt"], patterns)


@pytest.mark.parametrize("files, code, out, err", [
    (["texts/good.en.txt", "notes.md"], 0, "texts/good.ar.txt · texts/good.en.txt", ""),
    (["texts/damaged.ar.txt", "texts/good.ar.txt"], 1, "date-mismatch", ""),
    (["texts/lone.en.txt"], 1, "", "align: texts/lone.en.txt: no Arabic counterpart (texts/lone.ar.txt)\n"),
    (["notes.md"], 0, "", "align: no changed file is a version (*.ar.txt or *.en.txt)\n"),
    ([], 0, "", "align: no changed file is a version (*.ar.txt or *.en.txt)\n"),
])
def test_align_changed_checks_each_pair_and_exits_by_the_worst(repo, files, code, out, err):
    result = runner.invoke(cli.app, ["--no-config", "changed", *files, "--no-cache"])
    assert result.exit_code == code, result.output
    assert out in result.stdout
    assert result.stderr == err


def test_align_changed_reads_the_pattern_and_settings_from_the_project(repo):
    for name in ("good", "damaged"):
        for lang in ("ar", "en"):
            (repo / "texts" / f"{name}.{lang}.txt").rename(repo / "texts" / f"{name}_{lang.upper()}.txt")
    (repo / "pyproject.toml").write_text('[tool.align]\nar-pattern = "*_AR.txt"\nen-pattern = "*_EN.txt"\n'
                                         'fail-on = "never"\nno-cache = true\n', encoding="utf-8")
    result = runner.invoke(cli.app, ["changed", "texts/damaged_EN.txt"])
    assert result.exit_code == 0, result.output  # fail-on never, from the file
    assert "date-mismatch" in result.stdout and "texts/damaged_AR.txt · texts/damaged_EN.txt" in result.stdout


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_pre_commit_hook_runs_in_a_real_pre_commit(repo, tmp_path_factory):
    """pre-commit itself runs this repository's align-system hook (.pre-commit-hooks.yaml at HEAD) on a
    temporary git repository with ``run --all-files``: it fails on the damaged pair and passes once it is gone."""
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("this copy of align is not a git repository (pre-commit clones the hook's repository)")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: align-system\n"
        f"        args: [--no-cache]\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)

    failing = run()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "date-mismatch" in failing.stdout and "Failed" in failing.stdout
    _git(repo, "rm", "-q", "-f", "texts/damaged.ar.txt", "texts/damaged.en.txt")
    passing = run()
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
