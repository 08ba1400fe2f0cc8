"""Project settings ([tool.align] in pyproject.toml, align.toml): found, applied under the flags, explained by
``align config``, recorded in the signature; every bad file one line and exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import PurePosixPath

import pytest
from typer.testing import CliRunner

from align import cli
from align.read.config import Config, Override, _glob_match, find_config, load_config
from align.read.inputs import bundled_pair

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository with the bundled pair under texts/ and corpus/, the working directory at its root."""
    ar, en = bundled_pair()
    for folder in ("texts", "corpus"):
        (tmp_path / folder).mkdir()
        shutil.copy(ar, tmp_path / folder / "res.ar.txt")
        shutil.copy(en, tmp_path / folder / "res.en.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(args: list[str]) -> dict:
    result = runner.invoke(cli.app, args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_pyproject_settings_give_the_report_of_the_long_command_line(project):
    long = ["check", "texts/res.ar.txt", "texts/res.en.txt", "--segmented", "--skip", "term-mismatch",
            "--partial-omission", "strict", "--fail-on", "warning", "-f", "json", "--no-cache", "-q"]
    expected = _report(["--no-config", *long])
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.align]\nsegmented = true\n'
                                            'skip = "term-mismatch"\npartial-omission = "strict"\n'
                                            'fail_on = "warning"\nno-cache = true\n', encoding="utf-8")
    result = runner.invoke(cli.app, ["check", "texts/res.ar.txt", "texts/res.en.txt", "-f", "json", "-q"])
    assert result.exit_code == 1  # --fail-on warning, from the file: the report has warnings
    got = json.loads(result.stdout)
    label = got["signature_details"].pop("config")
    assert label.startswith("pyproject.toml@") and got["signature"] == expected["signature"] + f"|config:{label}"
    got["signature"] = expected["signature"]
    assert got == expected


def test_flags_win_over_the_file_and_no_config_ignores_it(project):
    (project / "align.toml").write_text('fail-on = "never"\nsegmented = true\n', encoding="utf-8")
    args = ["check", "texts/res.ar.txt", "texts/res.en.txt", "-q", "--show", "none", "--no-cache"]
    assert runner.invoke(cli.app, args).exit_code == 0                       # never fails, from the file
    assert runner.invoke(cli.app, [*args, "--fail-on", "error"]).exit_code == 1   # the flag wins
    assert runner.invoke(cli.app, ["--no-config", *args]).exit_code == 1   # the file ignored: error fails
    plain = _report(["--no-config", *args[:3], "-f", "json", "--no-cache"])
    assert "config" not in plain["signature_details"] and "|config:" not in plain["signature"]


def test_overrides_apply_to_the_files_their_globs_match(project):
    (project / "pyproject.toml").write_text('[tool.align]\nno-cache = true\n\n[[tool.align.overrides]]\n'
                                            'files = "corpus/**"\nsegmented = true\n', encoding="utf-8")
    corpus = _report(["check", "corpus/res.ar.txt", "corpus/res.en.txt", "-f", "json", "-q"])
    texts = _report(["check", "texts/res.ar.txt", "texts/res.en.txt", "-f", "json", "-q"])
    assert corpus["signature_details"]["segmenter"].endswith("-lines")
    assert not texts["signature_details"]["segmenter"].endswith("-lines")


def test_align_config_says_where_each_setting_comes_from(project):
    (project / "pyproject.toml").write_text('[tool.align]\nfail-on = "warning"\nglossary = ["terms.tsv"]\n\n'
                                            '[[tool.align.overrides]]\nfiles = ["corpus/*.txt"]\nsegmented = true\n',
                                            encoding="utf-8")
    where = f"{project / 'pyproject.toml'} [tool.align]"
    result = runner.invoke(cli.app, ["config", "check", "corpus/res.ar.txt", "corpus/res.en.txt"])
    assert result.exit_code == 0, result.output
    lines = {line.split(" = ")[0]: line for line in result.stdout.splitlines() if " = " in line}
    assert result.stdout.splitlines()[0] == f"# align check: {where}"
    assert lines["fail-on"].split("#")[1].strip() == where and '"warning"' in lines["fail-on"]
    assert f'"{project / "terms.tsv"}"' in lines["glossary"]  # a path is relative to the file's directory
    assert lines["segmented"].endswith(f"# {where} overrides entry 1 (files = corpus/*.txt)")
    assert lines["show"].endswith("# default")
    other = runner.invoke(cli.app, ["config", "check"]).stdout
    assert "segmented = false" in other  # no files: no override


def test_align_config_without_a_file(project):
    result = runner.invoke(cli.app, ["config"])
    assert result.exit_code == 0 and result.stdout.startswith("# align check: no configuration file")


BAD = [
    ({"pyproject.toml": '[tool.align]\nfail-on = "sometimes"\n'},
     None, "{root}/pyproject.toml: fail-on: 'sometimes' is not one of error, warning, info, never"),
    ({"pyproject.toml": '[tool.align]\nfail-on = 3\n'},
     None, "{root}/pyproject.toml: fail-on: 3 is not one of error, warning, info, never"),
    ({"pyproject.toml": '[tool.align]\nsegmented = "yes"\n'},
     None, "{root}/pyproject.toml: segmented must be true or false, not 'yes'"),
    ({"pyproject.toml": '[tool.align]\nbatch-size = 0\n'},
     None, "{root}/pyproject.toml: batch-size: 0 is not in the range x>=1."),
    ({"pyproject.toml": '[tool.align]\nfail-onn = "warning"\n'},
     None, "{root}/pyproject.toml: unknown key 'fail-onn' (the long options of align check, batch, review and "
           "changed, without the dashes; 'align config' lists them)"),
    ({"align.toml": 'demo = true\n'},
     None, "{root}/align.toml: unknown key 'demo' (the long options of align check, batch, review and changed, "
           "without the dashes; 'align config' lists them)"),
    ({"align.toml": '[[overrides]]\nfiles = "/abs/**"\nsegmented = true\n'},
     None, "{root}/align.toml: overrides entry 1: bad glob '/abs/**' (relative to the configuration's directory, "
           "with forward slashes; * ? ** and [abc])"),
    ({"align.toml": '[[overrides]]\nfiles = "a[b"\nsegmented = true\n'},
     None, "{root}/align.toml: overrides entry 1: bad glob 'a[b' (relative to the configuration's directory, "
           "with forward slashes; * ? ** and [abc])"),
    ({"align.toml": '[[overrides]]\nsegmented = true\n'},
     None, "{root}/align.toml: overrides entry 1: needs files = a glob or a list of globs (e.g. files = "
           "\"corpus/**\")"),
    ({"align.toml": '[[overrides]]\nfiles = "x/*"\nfail-on = "never"\n'},
     None, "{root}/align.toml: overrides entry 1: fail-on cannot be set per path (an override may set: baseline, "
           "checks, glossary, lexicon, no-swap, partial-omission, segmented, skip, unwrap)"),
    ({"pyproject.toml": '[tool.align]\nskip = "nonsense"\n'},
     None, "{root}/pyproject.toml: skip: unknown check 'nonsense' (the ids 'align checks' lists, comma-separated)"),
    ({"pyproject.toml": '[tool.align]\nworkers = "two"\n'},  # a batch setting, refused by check too
     None, "{root}/pyproject.toml: workers: 'two' is not an integer"),
    ({"pyproject.toml": '[tool.align]\ntimeout = "soon"\n'},
     None, "{root}/pyproject.toml: timeout: 'soon' is not a number"),
    ({"pyproject.toml": '[tool.align]\nfail_on = "never"\nfail-on = "warning"\n'},
     None, "{root}/pyproject.toml: fail_on and fail-on are the same setting; keep one"),
    ({"align.toml": 'overrides = 3\n'},
     None, "{root}/align.toml: overrides must be an array of tables ([[overrides]])"),
    ({"align.toml": 'fail-on = \n'},
     None, "{root}/align.toml: not valid TOML (Invalid value (at line 1, column 11))"),
    ({"align.toml": b'\xff\xfe'},
     None, "{root}/align.toml: not UTF-8 text"),
    ({}, ["--config", "missing.toml"], "missing.toml: no such configuration file"),
    ({}, ["--config", "."], ".: is a directory, not a configuration file"),
    ({"other.toml": 'segmented = true\n'}, ["--config", "other.toml"], None),
    ({"other.toml": '[project]\nname = "x"\n'}, ["--config", "other.toml"],
     "other.toml: unknown key 'project' (the long options of align check, batch, review and changed, without the "
     "dashes; 'align config' lists them)"),
    ({"pyproject.toml": '[project]\nname = "x"\n'}, ["--config", "pyproject.toml"],
     "pyproject.toml: has no [tool.align] table"),
    ({}, ["--config", "x.toml", "--no-config"], "--config and --no-config exclude each other"),
]


@pytest.mark.parametrize("files, text, message", BAD)
def test_a_bad_configuration_is_one_line_and_exit_2(project, files, text, message):
    for name, content in files.items():
        path = project / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli.app, [*(text or []), "check", "texts/res.ar.txt", "texts/res.en.txt", "-q",
                                     "--show", "none", "--no-cache"])
    if message is None:  # an align.toml-style file named by --config: its top level is the settings
        assert result.exit_code in (0, 1), result.output
        return
    assert result.exit_code == 2, result.output
    assert result.stderr == f"align: {message.format(root=project)}\n"
    assert result.stdout == ""


def test_the_nearest_file_is_found_upwards_align_toml_first(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.align]\nsegmented = true\n", encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no settings"\n', encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "pyproject.toml"  # a pyproject without the table: on
    (tmp_path / "a" / "align.toml").write_text("segmented = false\n", encoding="utf-8")
    assert find_config(tmp_path / "a" / "b") == tmp_path / "a" / "align.toml"
    (tmp_path / "pyproject.toml").unlink()
    assert find_config(tmp_path) is None


@pytest.mark.parametrize("glob, path, matches", [
    ("corpus/**", "corpus/a/b.txt", True),
    ("corpus/**", "other/corpus/b.txt", False),
    ("corpus/*.txt", "corpus/a/b.txt", False),
    ("corpus/*.txt", "corpus/b.ar.txt", True),
    ("**/drafts/*", "x/y/drafts/res.en.txt", True),
    ("**/drafts/*", "drafts/res.en.txt", True),
    ("*.ar.txt", "deep/in/tree/res.ar.txt", True),  # no slash: the file name at any depth
    ("*.ar.txt", "res.en.txt", False),
    ("res.?n.txt", "res.en.txt", True),
    ("data/[ab]/*", "data/b/x.txt", True),
    ("data/[ab]/*", "data/c/x.txt", False),
])
def test_globs(glob, path, matches):
    assert _glob_match(PurePosixPath(path), glob) is matches


def test_settings_for_a_pair_take_every_matching_override_in_order(tmp_path):
    config = Config(tmp_path / "align.toml", "align.toml", {"segmented": False, "skip": "a"},
                    (Override(("x/*",), {"segmented": True}), Override(("*.en.txt",), {"skip": "b"}),
                     Override(("y/*",), {"skip": "c"})))
    assert config.settings_for(tmp_path / "x" / "r.ar.txt", tmp_path / "x" / "r.en.txt") == \
        {"segmented": True, "skip": "b"}
    assert config.settings_for(tmp_path / "z" / "r.ar.txt", None) == {"segmented": False, "skip": "a"}
    assert config.settings_for("/elsewhere/x/r.ar.txt") == {"segmented": False, "skip": "a"}  # outside the root


def test_load_config_reads_the_table_and_the_digest(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.align]\nfail_on = "info"\n[[tool.align.overrides]]\nfiles = ["a/*", "b/*"]\n'
                    'segmented = true\n', encoding="utf-8")
    config = load_config(path)
    assert config.settings == {"fail-on": "info"} and config.table == "[tool.align]"
    assert config.overrides == (Override(("a/*", "b/*"), {"segmented": True}),)
    assert len(config.digest) == 12 and config.describe() == f"{path} [tool.align]"


def test_a_batch_takes_the_settings_and_each_pair_its_overrides(project):
    (project / "align.toml").write_text('fail-on = "never"\nno-cache = true\nout-dir = "reports"\n\n[[overrides]]\n'
                                        'files = "corpus/*"\nsegmented = true\n', encoding="utf-8")
    (project / "texts").rename(project / "in")
    (project / "corpus").rename(project / "in" / "corpus")
    (project / "align.toml").write_text((project / "align.toml").read_text(encoding="utf-8")
                                        .replace('"corpus/*"', '"in/corpus/*"'), encoding="utf-8")
    result = runner.invoke(cli.app, ["batch", "in", "-q"])
    assert result.exit_code == 0, result.output  # fail-on never, from the file
    segmenters = {}
    for name in ("res", "corpus/res"):
        report = json.loads((project / "reports" / "pairs" / f"{name}.json").read_text(encoding="utf-8"))
        segmenters[name] = report["signature_details"]["segmenter"]
        assert report["signature_details"]["config"].startswith("align.toml@")
    assert segmenters == {"res": "seg-4", "corpus/res": "seg-4-lines"}


def test_the_documented_messages_are_the_ones_align_gives():
    from ..conftest import ROOT

    text = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    documented = {line.split("`align: ")[1].rsplit("`", 1)[0] for line in text.splitlines()
                  if line.startswith("|") and "`align: " in line}
    given = {message.format(root="/repo") for _, _, message in BAD if message}
    assert documented and documented <= given, documented - given
