"""``align changes``, ``check --previous/--since`` and ``batch --since`` through the CLI: a real temporary git
repository for --since, exact messages and exit codes for what cannot be compared."""

from __future__ import annotations

import json
import subprocess

import pytest

from .test_cli import run


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, bundled_texts):
    """A git repository holding the bundled resolution at tag v1, its English then revised in paragraph 21 (not
    committed)."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "ar.txt").write_text(bundled_texts[0], encoding="utf-8")
    (root / "en.txt").write_text(bundled_texts[1], encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "v1")
    _git(root, "tag", "v1")
    lines = bundled_texts[1].splitlines(keepends=True)
    lines[20] = lines[20].replace("rejects", "firmly rejects", 1)
    (root / "en.txt").write_text("".join(lines), encoding="utf-8")
    return root


def test_changes_since_a_tag_reports_the_stale_arabic(repo, use_backend, monkeypatch):
    monkeypatch.chdir(repo)
    result = run("changes", "ar.txt", "en.txt", "--since", "v1", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["revision"]["counts"] == {"changed-en": 1, "unchanged": 76}
    (finding,) = report["findings"]
    assert (finding["check"], finding["severity"], finding["en_paragraphs"]) == ("revision", "error", ["21"])
    assert report["revision"]["previous"] == {"ar": "ar.txt@v1", "en": "en.txt@v1"}


def test_changes_with_four_files_and_nothing_changed_passes(repo, use_backend, monkeypatch):
    monkeypatch.chdir(repo)
    _git(repo, "checkout", "-q", "en.txt")
    result = run("changes", "ar.txt", "en.txt", "ar.txt", "en.txt", "--bidi", "off")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("PASS")


def test_check_since_adds_the_revision_to_the_pairs_findings(repo, use_backend, monkeypatch):
    monkeypatch.chdir(repo)
    result = run("check", "ar.txt", "en.txt", "--since", "v1", "--format", "json")
    report = json.loads(result.stdout)
    checks = {f["check"] for f in report["findings"]}
    assert "revision" in checks and len(checks) > 1
    assert "|previous:" in report["signature"]
    plain = json.loads(run("check", "ar.txt", "en.txt", "--format", "json").stdout)
    assert "revision" not in plain and "previous" not in plain["signature_details"]


def test_batch_since_compares_every_pair_with_its_previous_release(repo, use_backend, monkeypatch):
    monkeypatch.chdir(repo)
    pairs = repo / "pairs"
    pairs.mkdir()
    for side in ("ar", "en"):
        (pairs / f"doc.{side}.txt").write_text((repo / f"{side}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "add", "pairs")
    _git(repo, "commit", "-qm", "pairs")
    lines = (pairs / "doc.ar.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[20] = lines[20].replace("ويرفض", "ويرفض رفضا قاطعا", 1)
    (pairs / "doc.ar.txt").write_text("".join(lines), encoding="utf-8")
    result = run("batch", "pairs", "--since", "HEAD", "--out-dir", str(repo / "out"), "--quiet")
    assert result.exit_code == 1, result.output
    report = json.loads((repo / "out" / "pairs" / "doc.json").read_text(encoding="utf-8"))
    assert report["revision"]["counts"]["changed-ar"] == 1


REFUSED = [
    (["changes", "ar.txt", "en.txt", "--since", "v9"], "align: v9: no such revision in the git repository at {root}"),
    (["changes", "ar.txt", "new.txt", "--since", "v1"], "align: new.txt did not exist at v1"),
    (["changes", "ar.txt", "en.txt", "--since", "--all"], "align: '--all': not a revision"),
    (["changes", "ar.txt", "en.txt", "--since", " "], "align: --since needs a git revision (an unset variable?)"),
    (["changes", "ar.txt", "en.txt"], "align: changes needs the previous and the new versions: align changes OLD_AR "
                                      "OLD_EN AR EN (or align changes AR EN --since REV)"),
    (["changes", "ar.txt", "en.txt", "ar.txt", "--since", "v1"],
     "align: with --since, give the two new versions: align changes AR EN --since v1"),
    (["changes", "other.ar.txt", "other.en.txt", "ar.txt", "en.txt"],
     "align: other.ar.txt and ar.txt share no clause: not two versions of the same Arabic text"),
    (["check", "ar.txt", "en.txt", "--previous", "ar.txt", "en.txt", "--since", "v1"],
     "align: give --previous or --since, not both"),
]


@pytest.mark.parametrize("args, message", REFUSED)
def test_what_cannot_be_compared_is_one_line_and_exit_2(repo, monkeypatch, args, message):
    monkeypatch.chdir(repo)
    (repo / "new.txt").write_text((repo / "en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "other.ar.txt").write_text("تقرير عن حالة الطقس في المدينة اليوم.\nالسماء صافية والرياح خفيفة.\n"
                                       "درجات الحرارة معتدلة طوال الأسبوع.\n", encoding="utf-8")
    (repo / "other.en.txt").write_text("A report on the weather in the city today.\nThe sky is clear and the wind "
                                       "light.\nTemperatures are mild all week.\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [message.format(root=repo.resolve())]


def test_since_outside_a_git_repository_is_one_line(tmp_path, bundled_texts, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ar.txt").write_text(bundled_texts[0], encoding="utf-8")
    (tmp_path / "en.txt").write_text(bundled_texts[1], encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("changes", "ar.txt", "en.txt", "--since", "v1")
    assert result.exit_code == 2
    assert result.stderr.strip() == "align: ar.txt: not in a git repository (--since v1 reads its previous version " \
                                    "from git)"


def test_the_docs_quote_the_messages_the_cli_gives():
    import re

    from ..conftest import ROOT

    text = (ROOT / "docs" / "revisions.md").read_text(encoding="utf-8")
    table = text.split("## What it refuses")[1].split("\n## ")[0]
    quoted = re.findall(r"\| `(align: [^`]*)` \|", table)
    given = {message.format(root="/repo") for _, message in REFUSED} | {
        "align: ar.txt: not in a git repository (--since v1 reads its previous version from git)"}
    assert quoted and set(quoted) <= given
