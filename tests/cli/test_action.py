"""The GitHub Action (action.yml): its shell steps run here as the runner would run them (inputs substituted,
GITHUB_OUTPUT a file), on a folder with a faithful pair and a damaged one; the worked example uses only
inputs the action has."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .texts import write_texts

yaml = pytest.importorskip("yaml")  # PyYAML, which pre-commit (a test dependency) brings

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def _value(expression: str, inputs: dict, outputs: dict) -> str:
    kind, _, name = expression.partition(".")
    if kind == "inputs":
        return inputs.get(name, ACTION["inputs"][name].get("default", ""))
    if kind == "steps":
        return outputs.get(name.split(".outputs.")[1], "")
    if expression == "github.action_path":
        return str(ROOT)
    raise AssertionError(f"action.yml uses ${{{{ {expression} }}}}, which this test does not know")


def run_action(inputs: dict, workdir: Path) -> tuple[int, str, dict]:
    """Run the action's shell steps in order (the uses: steps and pip install left out: align is installed
    here); the exit code and output of the last step that ran, and the outputs the steps wrote."""
    outputs: dict[str, str] = {}
    shown = ""
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install align":
            continue
        env = {k: EXPRESSION.sub(lambda m: _value(m.group(1), inputs, outputs), str(v))
               for k, v in step.get("env", {}).items()}
        github_output = workdir / "github-output.txt"
        github_output.write_text("", encoding="utf-8")
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=workdir, capture_output=True,
                              text=True, timeout=900, env={**os.environ, **env, "PATH": path,
                                                           "GITHUB_OUTPUT": str(github_output)})
        for line in github_output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
        shown = done.stdout + done.stderr
        if done.returncode:
            return done.returncode, shown, outputs
    return 0, shown, outputs


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """texts/good and texts/damaged (:func:`write_texts`)."""
    root = tmp_path_factory.mktemp("action")
    write_texts(root)
    return root


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("inputs, code, annotation, verdict", [
    ({"path": "texts", "args": "--no-cache"}, 1, "::error file=", "findings at or above fail-on"),
    ({"path": "texts", "args": "--no-cache", "fail-on": "never"}, 0, "::error file=", "every pair passes"),
    ({"path": "missing", "args": "--no-cache"}, 2, "", "could not check the pairs (exit 2)"),
])
def test_the_action_checks_the_folder_annotates_and_gives_the_verdict(texts, tmp_path, inputs, code, annotation,
                                                                       verdict):
    workdir = tmp_path / "repo"
    shutil.copytree(texts, workdir)
    returned, shown, outputs = run_action(inputs, workdir)
    assert returned == code, shown
    assert verdict in shown
    assert outputs["exit-code"] == str(code)
    if code != 2:
        assert outputs["combined"] == "align-reports/combined.json"
        assert sorted(p.name for p in (workdir / "align-reports" / "pairs").rglob("*.sarif")) == \
            ["damaged.sarif", "good.sarif"]


def test_the_worked_example_uses_only_inputs_the_action_has():
    example = yaml.safe_load((ROOT / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = [s for job in example["jobs"].values() for s in job["steps"] if "align@" in s.get("uses", "")]
    assert len(steps) == 1 and set(steps[0]["with"]) <= set(ACTION["inputs"])
    assert set(ACTION["outputs"]) == {"exit-code", "combined"}


@pytest.mark.parametrize("path, schema", [("action.yml", "vendor.github-actions"),
                                          ("docs/github-workflow.yml", "vendor.github-workflows")])
def test_the_action_and_its_example_follow_githubs_schemas(path, schema, tmp_path):
    """check-jsonschema's copy of SchemaStore's schemas for GitHub actions and workflows; a broken copy (no
    runs:, no jobs:) must fail, so the check is not vacuous."""
    pytest.importorskip("check_jsonschema")

    def validate(file: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(file)],
                              capture_output=True, text=True, timeout=300)

    done = validate(ROOT / path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    broken.pop("runs" if "runs" in broken else "jobs")
    (tmp_path / "broken.yml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert validate(tmp_path / "broken.yml").returncode == 1
