"""`align batch`: pairing by convention or manifest, worker processes, reports, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align import cli
from align.batch import (BatchOptions, BatchResult, PairResult, find_pairs, report_path,
                         run_batch)
from align.errors import InputError
from align.pipeline import Options

from ..conftest import dev_set

runner = CliRunner()


def make_files(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n", encoding="utf-8")


@pytest.mark.parametrize("files, pairs", [
    (["a.ar.txt", "a.en.txt"], [("a", "a.ar.txt", "a.en.txt")]),
    (["b_ar.md", "b_en.md"], [("b", "b_ar.md", "b_en.md")]),
    (["c-AR", "c-EN"], [("c", "c-AR", "c-EN")]),
    (["res.2025.ar.txt", "res.2025.en.txt"], [("res.2025", "res.2025.ar.txt", "res.2025.en.txt")]),
    (["ar/d.txt", "en/d.txt"], [("d", "ar/d.txt", "en/d.txt")]),
    (["x/ar/sub/e.txt", "x/en/sub/e.txt"], [("x/sub/e", "x/ar/sub/e.txt", "x/en/sub/e.txt")]),
    (["ar/f.ar.txt", "en/f.en.txt"], [("f", "ar/f.ar.txt", "en/f.en.txt")]),
    (["doc/ar.txt", "doc/en.txt"], [("doc", "doc/ar.txt", "doc/en.txt")]),
    (["a.ar.txt", "a.en.docx"], [("a", "a.ar.txt", "a.en.docx")]),
    (["README.md", "notes.txt", "x.fr.txt", ".hidden.ar.txt", ".hidden.en.txt"], []),
])
def test_pairs_by_naming_convention(tmp_path, files, pairs):
    make_files(tmp_path, files)
    found = find_pairs(tmp_path)
    assert [(p.name, p.ar.relative_to(tmp_path).as_posix(), p.en.relative_to(tmp_path).as_posix(), p.problem)
            for p in found] == [(name, ar, en, None) for name, ar, en in pairs]


@pytest.mark.parametrize("files, problem", [
    (["lonely.ar.txt"], "no English counterpart found"),
    (["lonely_en.txt"], "no Arabic counterpart found"),
    (["two.ar.txt", "two.ar.md", "two.en.txt"], "several Arabic files for two"),
])
def test_unpaired_files_become_bad_pairs(tmp_path, files, problem):
    make_files(tmp_path, files)
    (spec,) = find_pairs(tmp_path)
    assert problem in spec.problem


def test_the_output_directory_inside_the_input_is_not_searched(tmp_path):
    make_files(tmp_path, ["a.ar.txt", "a.en.txt", "out/pairs/old.ar.txt"])
    assert [p.name for p in find_pairs(tmp_path, exclude=tmp_path / "out")] == ["a"]


@pytest.mark.parametrize("manifest, expected", [
    ("ar,en\nx/one.ar.txt,x/one.en.txt\n", [("x/one", "x/one.ar.txt", "x/one.en.txt", None)]),
    ("ar,en\nar/res.txt,en/res.txt\nA_RES_1_ar.docx,A_RES_1_en.docx\nres-arabic.txt,res-english.txt\n",
     [("res", "ar/res.txt", "en/res.txt", None), ("A_RES_1", "A_RES_1_ar.docx", "A_RES_1_en.docx", None),
      ("res", "res-arabic.txt", "res-english.txt", None)]),  # named by what both files share
    ("ar,en,name\na.txt,b.txt,first\n\nc.txt,d.txt,\n", [("first", "a.txt", "b.txt", None),
                                                          ("c", "c.txt", "d.txt", None)]),
    ("AR,EN\na.txt,\n", [("a", None, None, "both an Arabic and an English path needed")]),
])
def test_manifest_rows_are_pairs_relative_to_the_manifest(tmp_path, manifest, expected):
    path = tmp_path / "pairs.csv"
    path.write_text(manifest, encoding="utf-8")
    found = find_pairs(path)
    assert [(p.name, p.ar and p.ar.relative_to(tmp_path).as_posix(), p.en and p.en.relative_to(tmp_path).as_posix(),
             p.problem and p.problem.split(": ")[-1]) for p in found] == expected


@pytest.mark.parametrize("manifest", ["arabic,english\na,b\n", "en,ar\na,b\n", "ar,en,name,extra\na,b,c,d\n", ""])
def test_a_manifest_without_the_header_is_refused(tmp_path, manifest):
    path = tmp_path / "pairs.csv"
    path.write_text(manifest, encoding="utf-8")
    with pytest.raises(InputError, match="header is 'ar,en' or 'ar,en,name'"):
        find_pairs(path)


@pytest.mark.parametrize("name, expected", [
    ("a", "pairs/a.json"), ("sub/b", "pairs/sub/b.json"), ("../../evil", "pairs/evil.json"),
    ("sp ace:colon", "pairs/sp_ace_colon.json"),
])
def test_report_paths_stay_inside_the_output_directory(tmp_path, name, expected):
    assert report_path(tmp_path, name, "json") == tmp_path / expected


def _result(name: str, fails: bool = False, error: str | None = None) -> PairResult:
    summary = None if error else {"ar_clauses": 1, "en_clauses": 1, "pairs": 1, "gaps": 0,
                                  "findings": {"error": int(fails), "warning": 0, "info": 0}}
    return PairResult(name, "a", "b", 0.1, error=error, summary=summary, worst="error" if fails else None,
                      fails=fails)


@pytest.mark.parametrize("pairs, code", [
    ([_result("a"), _result("b")], 0),
    ([_result("a"), _result("b", fails=True)], 1),
    ([_result("a"), _result("bad", error="unreadable")], 0),
    ([_result("a", fails=True), _result("bad", error="unreadable")], 1),
    ([_result("bad", error="unreadable"), _result("worse", error="binary")], 2),
])
def test_exit_code_is_the_worst_finding_or_2_when_nothing_was_checked(pairs, code):
    assert BatchResult(tuple(pairs), 1, 0.0, "error").exit_code() == code


# Real runs on small real documents

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Four UN documents as pairs (one with a number changed in the English), one binary file, one orphan."""
    from bench.batch import split_documents

    root = tmp_path_factory.mktemp("corpus")
    split_documents(dev_set("unv1-devset"), root, limit=4)
    damaged = sorted(root.glob("0003-*.en.txt"))[0]
    text = damaged.read_text(encoding="utf-8")
    assert "211 per 100,000" in text
    damaged.write_text(text.replace("211 per 100,000", "311 per 100,000"), encoding="utf-8")
    (root / "broken.ar.txt").write_bytes(b"\x00\x01\x02 binary")
    (root / "broken.en.txt").write_text("Some English.\n", encoding="utf-8")
    (root / "orphan_ar.txt").write_text("نص بلا ترجمة\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out1")
    seen = []
    options = BatchOptions(check=Options(segmented=True, cache=False), formats=("json", "sarif"))
    result = run_batch(find_pairs(corpus), out, options, workers=1, progress=seen.append)
    return result, out, seen


def test_a_batch_checks_good_pairs_and_reports_bad_ones(one_worker):
    result, out, seen = one_worker
    assert len(seen) == len(result.pairs) == 6
    assert sorted(p.name for p in result.bad) == ["broken", "orphan"]
    assert "binary data" in next(p.error for p in result.bad if p.name == "broken")
    damaged = next(p for p in result.checked if p.name.startswith("0003-"))
    assert any(f["check"] == "number-mismatch" and [s["text"] for s in f["en_spans"]] == ["311"]
               for f in damaged.findings)
    assert damaged.fails and result.exit_code() == 1


def test_a_batch_writes_a_report_per_pair_and_the_combined_one(one_worker):
    result, out, _ = one_worker
    combined = json.loads((out / "combined.json").read_text(encoding="utf-8"))
    assert combined["totals"] == json.loads(json.dumps(result.totals()))
    assert [p["name"] for p in combined["pairs"]] == [p.name for p in result.pairs]
    for entry in combined["pairs"]:
        if entry["status"] == "error":
            assert entry["reports"] == [] and entry["error"]
            continue
        report = json.loads((out / "pairs" / f"{entry['name']}.json").read_text(encoding="utf-8"))
        assert entry["summary"] == report["summary"] and entry["findings"] == report["findings"]
        assert [Path(r).name for r in entry["reports"]] == [f"{entry['name']}.json", f"{entry['name']}.sarif"]
        assert Path(entry["ar"]).name.endswith(".ar.txt") and report["ar"]["path"] == entry["ar"]
    assert combined["totals"]["checked"] == 4 and combined["totals"]["bad"] == 2
    assert not list(out.rglob("*.tmp"))


def test_a_pair_report_of_the_batch_is_the_report_of_check(one_worker, use_backend):
    from align.pipeline import check_files

    result, out, _ = one_worker
    pair = next(p for p in result.checked if p.name.startswith("0003-"))
    alone = check_files(pair.ar, pair.en, Options(segmented=True, cache=False), embedder=use_backend)
    assert (out / "pairs" / f"{pair.name}.json").read_text(encoding="utf-8") == alone.to_json()


def test_two_workers_give_the_same_results_as_one(one_worker, corpus, tmp_path):
    result, _, _ = one_worker
    options = BatchOptions(check=Options(segmented=True, cache=False), formats=("json",))
    two = run_batch(find_pairs(corpus), tmp_path, options, workers=2)
    assert two.workers == 2
    assert [(p.name, p.error, p.summary, p.findings) for p in two.pairs] == \
        [(p.name, p.error, p.summary, p.findings) for p in result.pairs]


def test_batch_command_prints_the_summary_and_exits_by_the_worst_finding(corpus, tmp_path):
    result = runner.invoke(cli.app, ["batch", str(corpus), "--out-dir", str(tmp_path), "--segmented", "-q",
                                     "-f", "json", "-f", "html", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert "6 (4 checked, 2 bad)" in result.stdout
    assert "slowest" in result.stdout and "broken" in result.stdout
    assert len(list((tmp_path / "pairs").glob("*.html"))) == 4


def test_batch_command_exits_2_when_no_pair_could_be_checked(tmp_path):
    make_files(tmp_path / "in", ["only.ar.txt"])
    result = runner.invoke(cli.app, ["batch", str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    assert "no pair could be checked" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--format", "table"], "--format table is for one pair"),
    (["--checks", "nonsense"], "unknown check 'nonsense'"),
])
def test_batch_command_refuses_bad_usage(tmp_path, args, message):
    result = runner.invoke(cli.app, ["batch", str(tmp_path), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_batch_runs_to_completion_on_a_real_set_split_per_document(tmp_path):
    """Every document of the UN resolutions subset as its own pair, two workers: all checked, all clauses seen."""
    from bench.batch import split_documents

    source = dev_set("unv1-devset") / "resolutions_subset"
    count = split_documents(source, tmp_path / "pairs")
    lines = len((source / "ar.txt").read_text(encoding="utf-8").splitlines())
    options = BatchOptions(check=Options(segmented=True, cache=False))
    result = run_batch(find_pairs(tmp_path / "pairs"), tmp_path / "out", options, workers=2)
    totals = result.totals()
    assert totals["pairs"] == totals["checked"] == count > 50
    assert totals["ar_clauses"] == totals["en_clauses"] == lines
    assert result.exit_code() in (0, 1)


# Faults: a worker that dies, a pair that hangs, Ctrl-C, a resumed run

@pytest.fixture
def small_corpus(tmp_path):
    """Three UN documents as pairs, in a directory of their own (the tests edit it)."""
    from bench.batch import split_documents

    root = tmp_path / "in"
    split_documents(dev_set("unv1-devset"), root, limit=3)
    return root


def _fault_on(monkeypatch, name_start: str, fault) -> None:
    """Make the worker that checks the pair named ``name_start…`` suffer ``fault`` (workers are forked, so
    they inherit the patch)."""
    from align.batch import pool

    real = pool.PairChecker.run

    def run(self, spec, previous=None):
        if spec.name.startswith(name_start):
            fault()
        return real(self, spec, previous)

    monkeypatch.setattr(pool.PairChecker, "run", run)


def _kill_myself():
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _combined(out: Path) -> dict:
    return json.loads((out / "combined.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_killed_mid_batch_fails_its_pair_and_the_batch_goes_on(small_corpus, tmp_path, monkeypatch,
                                                                        workers):
    _fault_on(monkeypatch, "0001-", _kill_myself)
    options = BatchOptions(check=Options(segmented=True, cache=False))
    result = run_batch(find_pairs(small_corpus), tmp_path / "out", options, workers=workers, timeout=600)
    killed = [p for p in result.pairs if p.name.startswith("0001-")]
    assert len(killed) == 1 and killed[0].error == ("the worker checking this pair was killed by SIGKILL "
                                                    "(out of memory?)")
    assert len(result.checked) == 2 and result.status == "complete" and result.exit_code() in (0, 1)
    combined = _combined(tmp_path / "out")
    assert combined["status"] == "complete" and len(combined["pairs"]) == 3 and combined["pending"] == []
    assert sorted(p.name for p in (tmp_path / "out" / "pairs").iterdir()) == \
        sorted(f"{p.name}.json" for p in result.checked)


def test_loading_the_model_is_not_charged_to_a_pair(small_corpus, tmp_path, monkeypatch):
    """A worker loads its model before it takes a pair: a slow start (a cold disk) times no pair out."""
    import time

    from align.batch import pool

    real = pool.PairChecker.warm_up
    monkeypatch.setattr(pool.PairChecker, "warm_up", lambda self: (time.sleep(8), real(self)))
    options = BatchOptions(check=Options(segmented=True, cache=False))
    result = run_batch(find_pairs(small_corpus), tmp_path / "out", options, workers=2, timeout=6)
    assert len(result.checked) == 3, [p.error for p in result.bad]


def test_a_pair_past_the_timeout_is_failed_and_its_worker_replaced(small_corpus, tmp_path, monkeypatch):
    import time

    _fault_on(monkeypatch, "0002-", lambda: time.sleep(600))
    options = BatchOptions(check=Options(segmented=True, cache=False))
    result = run_batch(find_pairs(small_corpus), tmp_path / "out", options, workers=1, timeout=20)
    slow = next(p for p in result.pairs if p.name.startswith("0002-"))
    assert slow.error == "timed out after 20 s (--timeout); its worker was stopped"
    assert slow.seconds >= 20  # the time it was given
    assert len(result.checked) == 2


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_ctrl_c_leaves_a_valid_partial_combined_report_and_resume_goes_on(tmp_path, stop):
    """SIGINT (Ctrl-C) or SIGTERM (CI, timeout, docker stop) to the parent mid-batch: exit 130 or 143, one
    line on stderr, no worker left running, combined.json lists exactly the pairs whose reports are on disk;
    --resume then checks only the others."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from bench.batch import split_documents

    from ..conftest import ROOT

    source = tmp_path / "in"
    count = split_documents(dev_set("unv1-devset") / "resolutions_subset", source)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "align", "batch", str(source), "-o", str(out), "-j", "2",
               "--segmented", "--no-cache", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # as from a terminal: a shell starts background jobs (a CI runner, `make test &`) with SIGINT ignored, which
    # the batch would inherit and rightly keep, and then Ctrl-C would never reach it
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list((out / "pairs").glob("*.json"))) < 3:
        time.sleep(0.2)
    process.send_signal(getattr(signal, stop))
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == (130 if stop == "SIGINT" else 143)
    left = subprocess.run(["pgrep", "-f", str(out)], capture_output=True, text=True).stdout.split()
    assert left == []  # no worker outlives the batch
    combined = _combined(out)
    done = [p for p in combined["pairs"] if p["status"] == "checked"]
    said = "interrupted" if stop == "SIGINT" else "terminated"
    assert stderr.startswith(f"align: {said}: {len(combined['pairs'])} of {count} pairs done; ")
    assert stderr.endswith("rerun with --resume to go on\n") and stderr.count("\n") == 1
    assert combined["status"] == "interrupted" and 3 <= len(done) < count
    assert len(combined["pairs"]) + len(combined["pending"]) == count
    assert sorted(Path(p["reports"][0]).name for p in done) == sorted(p.name for p in (out / "pairs").glob("*.json"))

    resumed = subprocess.run(command + ["--resume"], env=env, capture_output=True, text=True, timeout=900)
    assert resumed.returncode in (0, 1), resumed.stderr
    after = _combined(out)
    assert after["status"] == "complete" and after["totals"]["checked"] == count
    assert after["totals"]["resumed"] == len(done)
    assert {p["name"] for p in after["pairs"] if p["resumed"]} == {p["name"] for p in done}


def test_resume_checks_again_only_what_changed(small_corpus, tmp_path):
    options = BatchOptions(check=Options(segmented=True, cache=False), formats=("json", "html"))
    out = tmp_path / "out"
    first = run_batch(find_pairs(small_corpus), out, options)
    again = run_batch(find_pairs(small_corpus), out, options, resume=True)
    assert all(p.resumed for p in again.pairs)
    assert [(p.name, p.summary, p.findings) for p in again.pairs] == [(p.name, p.summary, p.findings)
                                                                      for p in first.pairs]
    edited = sorted(small_corpus.glob("0001-*.en.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace(" the ", " a ", 1), encoding="utf-8")
    (out / "pairs" / f"{first.pairs[2].name}.html").unlink()  # a report gone: checked again
    third = run_batch(find_pairs(small_corpus), out, options, resume=True)
    assert sorted(p.name for p in third.pairs if not p.resumed) == \
        sorted([first.pairs[2].name, next(p.name for p in first.pairs if p.name.startswith("0001-"))])
    other = run_batch(find_pairs(small_corpus), out, replace_options(options, checks=("gap",)), resume=True)
    assert not any(p.resumed for p in other.pairs)  # other options: nothing reused


def replace_options(options: BatchOptions, **changes) -> BatchOptions:
    from dataclasses import replace

    return replace(options, check=replace(options.check, **changes))


def test_the_index_page_links_every_report_with_its_verdict(one_worker):
    from html.parser import HTMLParser

    result, out, _ = one_worker

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.rows = [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a":
                self.links.append(attrs["href"])
            if tag == "tr" and "class" in attrs:
                self.rows.append(attrs["class"])

    page = Links()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(page.links) == sorted(Path(r).relative_to(out).as_posix() for p in result.pairs for r in p.reports)
    assert all((out / link).is_file() for link in page.links)
    assert sorted(page.rows) == sorted("error" if not p.ok else "fail" if p.fails else "pass" for p in result.pairs)


def test_batch_takes_the_options_of_check(corpus, tmp_path):
    """--glossary, --baseline and --no-swap, as check has them (one shared definition)."""
    glossary = tmp_path / "terms.csv"
    glossary.write_text("English,Arabic\nmaternal mortality,الوفيات النفاسية الخاطئة\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(corpus), "-o", str(out), "--segmented", "-q", "--no-cache", "--no-swap"]
    assert runner.invoke(cli.app, args + ["--glossary", str(glossary)]).exit_code == 1
    entries = _combined(out)["pairs"]
    assert any("maternal mortality" in f["message"] for p in entries for f in p["findings"])
    baseline = tmp_path / "baseline.json"
    damaged = next(p for p in entries if p["name"].startswith("0003-"))
    fingerprints = {f["fingerprint"]: {"check": f["check"], "message": f["message"]} for f in damaged["findings"]}
    baseline.write_text(json.dumps({"version": 1, "findings": fingerprints}), encoding="utf-8")
    runner.invoke(cli.app, args + ["--baseline", str(baseline)])
    assert next(p for p in _combined(out)["pairs"] if p["name"] == damaged["name"])["findings"] == []


# On Dask

def test_a_local_dask_cluster_writes_the_same_reports_as_the_process_pool(small_corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    options = BatchOptions(check=Options(segmented=True, cache=False), formats=("json", "sarif"))
    pool = run_batch(find_pairs(small_corpus), tmp_path / "pool", options, workers=2)
    dask = run_batch(find_pairs(small_corpus), tmp_path / "dask", options, workers=2, scheduler="local")
    assert [p.name for p in dask.pairs] == [p.name for p in pool.pairs] and len(dask.checked) == 3
    assert dask.workers == 2 and dask.scheduler.startswith("tcp://") and pool.scheduler is None
    for pair in pool.pairs:
        for ext in ("json", "sarif"):
            assert (tmp_path / "dask" / "pairs" / f"{pair.name}.{ext}").read_bytes() == \
                (tmp_path / "pool" / "pairs" / f"{pair.name}.{ext}").read_bytes()


def test_a_dask_cluster_is_reported_with_the_workers_and_scheduler_that_ran(small_corpus, tmp_path):
    """--scheduler ADDRESS with --workers left at 1: the summary and combined.json name the cluster's two
    workers and its address, not the "1 worker" of the option."""
    distributed = pytest.importorskip("dask.distributed")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster:
        result = runner.invoke(cli.app, ["batch", str(small_corpus), "--out-dir", str(tmp_path), "--segmented",
                                         "--no-cache", "-q", "--scheduler", cluster.scheduler_address])
    assert result.exit_code in (0, 1), result.output
    combined = _combined(tmp_path)
    assert combined["workers"] == 2 and combined["scheduler"] == cluster.scheduler_address
    shown = " ".join(result.stdout.replace("│", " ").split())  # the table wraps the cell
    assert f"with 2 workers on the Dask cluster at {cluster.scheduler_address}" in shown


def test_dask_scheduler_errors_are_one_line(small_corpus, tmp_path, monkeypatch):
    import sys

    pytest.importorskip("dask.distributed")
    result = runner.invoke(cli.app, ["batch", str(small_corpus), "-o", str(tmp_path / "out"), "-q",
                                     "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("align: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert result.stderr.count("\n") == 1
    assert not list((tmp_path / "out").glob("combined*"))  # a batch that could not start leaves no report to read
    result = runner.invoke(cli.app, ["batch", str(small_corpus), "-o", str(tmp_path / "out"), "-q",
                                     "--scheduler", "local", "--timeout", "5"])
    assert result.stderr == "align: --timeout is for the local worker processes; a Dask cluster has its own limits\n"
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    result = runner.invoke(cli.app, ["batch", str(small_corpus), "-o", str(tmp_path / "out"), "-q",
                                     "--scheduler", "local"])
    assert result.exit_code == 2
    assert result.stderr == "align: --scheduler needs Dask: pip install 'clausealign[dask]'\n"
    assert not list((tmp_path / "out").glob("combined*")) and not (tmp_path / "out" / "index.html").exists()


def test_the_combined_results_as_tables(one_worker):
    import pandas as pd

    result, out, _ = one_worker
    frame = pd.read_csv(out / "combined.csv", encoding="utf-8-sig")
    assert (out / "combined.csv").read_bytes()[:3] == b"\xef\xbb\xbf"
    assert list(frame["name"]) == [p.name for p in result.pairs]
    assert list(frame["verdict"]) == ["error" if not p.ok else "fail" if p.fails else "pass" for p in result.pairs]
    checked = frame[frame["status"] == "checked"]
    assert checked["errors"].sum() == result.totals()["findings"]["error"]
    sheet = pd.read_excel(out / "combined.xlsx", sheet_name="pairs")
    assert list(sheet["name"]) == list(frame["name"])
    if (out / "combined.parquet").exists():
        assert list(pd.read_parquet(out / "combined.parquet")["name"]) == list(frame["name"])


def test_the_index_page_opens_in_chromium_and_sorts(one_worker):
    """Rendered by a browser: every report linked, and a click on a column header sorts the rows."""
    import re
    import shutil

    from ..report.test_formats import _chromium

    if shutil.which("chromium") is None:
        pytest.skip("headless Chromium is not installed (make test installs it as root: apt-get install chromium)")
    result, out, _ = one_worker
    page = out / "index-measured.html"
    script = """<script>
      var before = Array.from(document.querySelectorAll('#pairs tbody tr')).map(r => r.cells[0].textContent);
      document.querySelectorAll('#pairs th')[2].click(); document.querySelectorAll('#pairs th')[2].click();
      var after = Array.from(document.querySelectorAll('#pairs tbody tr')).map(r => r.cells[2].textContent);
      var pre = document.createElement('pre'); pre.id = 'measure';
      pre.textContent = JSON.stringify({links: document.querySelectorAll('a').length, rows: before.length,
                                        errors: after});
      document.body.appendChild(pre);
    </script></body>"""
    page.write_text((out / "index.html").read_text(encoding="utf-8").replace("</body>", script, 1), encoding="utf-8")
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    page.unlink()
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found, "the page's script did not run"
    seen = json.loads(found.group(1).replace("&quot;", '"'))
    assert seen["links"] == sum(len(p.reports) for p in result.pairs) and seen["rows"] == len(result.pairs)
    errors = [int(e) for e in seen["errors"] if e]
    assert errors == sorted(errors, reverse=True)  # the second click sorts the error counts descending


def test_the_combined_report_and_every_pair_report_follow_their_schemas(one_worker):
    from ..report.test_schema import strict_errors

    _, out, _ = one_worker
    combined = json.loads((out / "combined.json").read_text(encoding="utf-8"))
    assert strict_errors(combined, "combined") == []
    import jsonschema

    from align.report.schema import schema_text

    jsonschema.validate(combined, json.loads(schema_text("combined")))  # what align schema prints, alone
    reports = sorted((out / "pairs").glob("*.json"))
    assert len(reports) == 4
    for path in reports:  # written by the batch's worker, outside the fixture that checks in-process reports
        assert strict_errors(json.loads(path.read_text(encoding="utf-8")), "report") == [], path.name
