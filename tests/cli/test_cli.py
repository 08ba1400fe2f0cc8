"""The command line through typer's CliRunner: exact messages and exit codes."""

from __future__ import annotations

import json
import os
import stat

import pytest
from typer.testing import CliRunner

import align.pipeline
from align.cli import app

runner = CliRunner()


def run(*args: str, **kwargs):
    """Invoke the CLI with a wide console, so that summary lines are not wrapped."""
    kwargs.setdefault("env", {"COLUMNS": "200"})
    return runner.invoke(app, list(args), **kwargs)


@pytest.fixture
def pair_files(tmp_path, bundled_texts):
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text(bundled_texts[0], encoding="utf-8")
    en.write_text(bundled_texts[1], encoding="utf-8")
    return ar, en


def test_bundled_resolution_prints_its_findings_then_a_verdict(use_backend):
    """The default output (golden): the findings, worst first, located by paragraph and file line, under 60
    lines; the last line the verdict. Regenerate with ALIGN_UPDATE_GOLDEN=1 and review the diff."""
    from ..conftest import GOLDEN

    result = run("check", "--demo", "--bidi", "off", env={"COLUMNS": "100"})
    assert result.exit_code == 1, result.output
    golden = GOLDEN / "bundled.check.txt"
    if os.environ.get("ALIGN_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    lines = result.stdout.splitlines()
    assert len(lines) < 60 and lines[-1] == "FAIL: 1 error, 1 warning (--fail-on error)"
    assert "AR paragraph 23 · oic-cfm-21-extraordinary-2025.ar.txt:23" in result.stdout
    assert "EN paragraph 15 · oic-cfm-21-extraordinary-2025.en.txt:15" in result.stdout
    passed = run("check", "--demo", "--bidi", "off", "--skip", "verb-mismatch")
    assert passed.exit_code == 0
    assert passed.stdout.splitlines()[-1] == "PASS: 0 errors, 1 warning (--fail-on error)"


@pytest.mark.parametrize("show, has_table, has_findings", [
    ("all", True, True), ("findings", False, True), ("none", False, False)])
def test_show_chooses_what_the_terminal_gets(show, has_table, has_findings, use_backend):
    result = run("check", "--demo", "--bidi", "off", "--show", show)
    assert result.exit_code == 1
    assert ("┃ AR ¶ ┃" in result.stdout) is has_table
    assert ("1 error verb-mismatch: operative verbs differ" in result.stdout) is has_findings
    assert result.stdout.splitlines()[-1] == "FAIL: 1 error, 1 warning (--fail-on error)"
    if show == "all":  # the findings under their rows go through the Arabic display path too
        shown = run("check", "--demo", "--bidi", "on", "--show", "all").stdout
        assert "القوة القائمة بالاحتلال" not in shown and "ﺓﻮﻘﻟﺍ" in shown
    if show == "none":
        assert result.stdout == ("81 Arabic clauses, 79 English clauses, 77 pairs, 0 gaps\n"
                                 "FAIL: 1 error, 1 warning (--fail-on error)\n")


def test_several_formats_in_one_run(tmp_path, use_backend):
    """One run, several reports: into a directory as NAME.EXT, or one --output per --format; one line on
    stderr saying what was written and the verdict; each file what a run with that format alone writes."""
    result = run("check", "--demo", "-f", "json", "-f", "html", "-f", "csv", "-o", str(tmp_path))
    assert result.exit_code == 1 and result.stdout == ""
    names = sorted(p.name for p in tmp_path.iterdir())
    stem = "oic-cfm-21-extraordinary-2025"
    assert names == [f"{stem}.csv", f"{stem}.html", f"{stem}.json"]
    written = ", ".join(str(tmp_path / f"{stem}.{ext}") for ext in ("json", "html", "csv"))
    assert result.stderr == f"align: wrote {written}; FAIL: 1 error, 1 warning (--fail-on error)\n"
    alone = run("check", "--demo", "-f", "json")
    assert (tmp_path / f"{stem}.json").read_text(encoding="utf-8") == alone.stdout
    sarif, page = tmp_path / "a.sarif", tmp_path / "a.html"
    result = run("check", "--demo", "-f", "sarif", "-o", str(sarif), "-f", "html", "-o", str(page), "--quiet")
    assert result.exit_code == 1 and result.stderr == ""
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["json", "html", "sarif", "junit", "github", "csv", "tmx", "table"])
def test_every_format_names_paragraph_and_file_line_on_both_sides(fmt, use_backend):
    """The bundled resolution's two findings: paragraph 23 (verb) and paragraph 15 (term), line 23 and 15 of
    both files, in every format."""
    result = run("check", "--demo", "-f", fmt, "--bidi", "off")
    assert result.exit_code == 1
    out = result.stdout
    if fmt == "json":
        found = {f["check"]: f for f in json.loads(out)["findings"]}
        verb, term = found["verb-mismatch"], found["term-mismatch"]
        assert (verb["ar_paragraphs"], verb["en_paragraphs"], verb["ar_lines"], verb["en_lines"]) == \
            (["23"], ["23"], [23], [23])
        assert (term["ar_paragraphs"], term["en_paragraphs"], term["ar_lines"], term["en_lines"]) == \
            (["15"], ["15"], [15], [15])
        assert verb["ar"] == [47] and verb["en"] == [45]  # clause indices stay, in JSON only
        return
    for paragraph in ("23", "15"):
        for side in ("ar", "en"):
            assert f"paragraph {paragraph}" in out
            assert f"oic-cfm-21-extraordinary-2025.{side}.txt:{paragraph}" in out


def test_json_report_fields(use_backend):
    result = run("check", "--demo", "--format", "json")
    assert result.exit_code == 1  # the bundled resolution's one real error (see test_pipeline)
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["signature"].startswith("align:") and "backend:use" in report["signature"]
    assert set(report) >= {"version", "signature", "ar", "en", "alignment", "findings", "summary"}
    clause = report["ar"]["clauses"][0]
    assert set(clause) >= {"index", "paragraph", "kind", "number", "verb", "text", "start", "end", "line"}
    assert set(report["alignment"][0]) == {"ar", "en", "score", "ar_paragraphs", "en_paragraphs", "ar_lines",
                                           "en_lines"}
    assert report["ar"]["path"].endswith(".ar.txt")


def test_a_deleted_paragraph_fails_with_exit_1(pair_files, use_backend):
    ar, en = pair_files
    lines = en.read_text(encoding="utf-8").split("\n")
    en.write_text("\n".join(lines[:10] + lines[11:]), encoding="utf-8")
    result = run("check", str(ar), str(en), "--format", "json")
    assert result.exit_code == 1
    gaps = [f for f in json.loads(result.stdout)["findings"] if f["check"] == "gap"]
    assert gaps and all(f["severity"] == "error" and f["en"] == [] for f in gaps)


def test_fail_on_never_exits_0_even_with_findings(pair_files, use_backend):
    ar, en = pair_files
    lines = en.read_text(encoding="utf-8").split("\n")
    en.write_text("\n".join(lines[:10] + lines[11:]), encoding="utf-8")
    assert run("check", str(ar), str(en), "--fail-on", "never", "--bidi", "off").exit_code == 0


def test_output_is_written_atomically(tmp_path, use_backend):
    target = tmp_path / "report.json"
    result = run("check", "--demo", "--format", "json", "--output", str(target), "--fail-on", "never")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("args, message", [
    (["check", "nope.ar.txt", "nope.en.txt"], "align: nope.ar.txt: no such file\n"),
    (["check", "{ar}"], "align: check needs the English version too: align check {ar} EN\n"),
    (["check"], "align: check needs the Arabic and the English version: align check AR EN (align check --demo checks "
                "the bundled resolution)\n"),
    (["check", "", ""], "align: an empty file name (an unset variable?): align check AR EN\n"),
    (["check", "--demo", "{ar}", "{en}"], "align: --demo checks the bundled resolution; give it without files\n"),
    (["check", "{dir}", "{en}"], "align: {dir}: is a directory, not a file\n"),
    (["check", "{empty}", "{en}"], "align: {empty}: no text (the file is empty or blank)\n"),
    (["check", "{binary}", "{en}"], "align: {binary}: binary data, not text\n"),
    (["check", "{latin1}", "{en}"],  # read as Windows-1252: "é" is Latin script, not Arabic
     "align: {latin1} and {en} are both English (Latin script): the first file must be Arabic\n"),
    (["check", "--checks", "spelling"], "align: unknown check 'spelling'; see 'align checks'\n"),
    (["check", "--demo", "--backend", "laser"], "align: unknown backend 'laser'; choose from: use, sentence-transformers, e5\n"),
    (["check", "--output", "{missing}/r.json", "--format", "json"],
     "align: {missing}/r.json: directory {missing} does not exist\n"),
    (["segment", "nope.txt", "--lang", "ar"], "align: nope.txt: no such file\n"),
    (["check", "--output", "{ar}", "-f", "json", "-f", "html"],
     "align: {ar}: not a directory; several --format write into an existing directory, or give one --output per "
     "--format\n"),
    (["check", "-f", "json", "-f", "sarif"], "align: several --format need --output DIR, or one --output per --format\n"),
    (["check", "-f", "json", "-o", "{dir}/a.json", "-o", "{dir}/b.json"],
     "align: 1 --format and 2 --output: give one --output per --format, or one directory\n"),
    (["segment", "{ar}", "--lang", "en"], "align: {ar}: the text is Arabic, not English (--lang ar, or --lang auto)\n"),
    (["segment", "{en}", "--lang", "ar"], "align: {en}: the text is English, not Arabic (--lang en, or --lang auto)\n"),
    (["segment", "{cyrillic}"], "align: {cyrillic}: cannot tell its language (mostly Cyrillic letters); "
                                "give --lang ar or en\n"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, pair_files, args, message, use_backend):
    ar, en = pair_files
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "latin1.txt").write_bytes("é".encode("latin-1"))
    (tmp_path / "cyrillic.txt").write_text("Генеральная Ассамблея постановляет продолжить рассмотрение.\n",
                                           encoding="utf-8")
    names = {"cyrillic": str(tmp_path / "cyrillic.txt"), "ar": str(ar), "en": str(en), "dir": str(tmp_path), "empty": str(tmp_path / "empty.txt"),
             "binary": str(tmp_path / "binary.bin"), "latin1": str(tmp_path / "latin1.txt"),
             "missing": str(tmp_path / "missing")}
    result = run(*[a.format(**names) for a in args])
    assert result.exit_code == 2
    assert result.stderr == message.format(**names)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["check", "--format", "yaml"], "align: Invalid value for '--format' / '-f': 'yaml' is not one of 'table', "
                                    "'json', 'html', 'tmx', 'sarif', 'junit', 'github', 'csv', 'xlsx'. "
                                    "(see 'align check --help')\n"),
    (["check", "--show", "some"], "align: Invalid value for '--show': 'some' is not one of 'findings', 'all', "
                                  "'none'. (see 'align check --help')\n"),
    (["check", "--partial-omission", "loose"], "align: Invalid value for '--partial-omission': 'loose' is not one "
                                               "of 'default', 'strict', 'off'. (see 'align check --help')\n"),
    (["chek"], "align: No such command 'chek'. Did you mean 'check', 'checks', 'cache'? (see 'align --help')\n"),
    (["check", "--output", "{missing}/"], "align: {missing}/: no such directory\n"),
    (["check", "--version"], "align: --version is an option of align itself, not of 'align check': align --version\n"),
    (["batch", "--version"], "align: --version is an option of align itself, not of 'align batch': align --version\n"),
    (["cache", "info", "--version"], "align: --version is an option of align itself, not of 'align cache info': "
                                     "align --version\n"),
    (["check", "--lexiconn", "x"], "align: No such option: --lexiconn (Possible options: --lexicon) "
                                   "(see 'align check --help')\n"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, message):
    names = {"missing": str(tmp_path / "missing")}
    result = runner.invoke(app, [a.format(**names) for a in args], prog_name="align")
    assert result.exit_code == 2
    assert result.stderr == message.format(**names)


def test_output_without_format_takes_the_format_of_its_extension(tmp_path, use_backend):
    report, page = tmp_path / "r.json", tmp_path / "r.html"
    result = run("check", "--demo", "-o", str(report), "-o", str(page), "-q")
    assert result.exit_code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["version"] == 1
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_internal_failure_exits_3(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("matrix exploded")

    monkeypatch.setattr(align.pipeline, "align_documents", broken)
    result = run("check", "--demo")
    assert result.exit_code == 3
    assert result.stderr == "align: internal error: RuntimeError: matrix exploded\n"


def test_missing_sentence_transformers_extra_exits_2(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "sentence_transformers" else real(name, *a))
    result = run("check", "--demo", "--backend", "sentence-transformers", "--model", "LaBSE")
    assert result.exit_code == 2
    assert result.stderr == ("align: backend 'sentence-transformers' needs its extra: "
                             "pip install 'clausealign[st]' torch==2.13.0\n")


def test_segment_prints_clauses_as_json(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Recalling its resolution 69/1,\n2. Decides to remain seized of the matter.\n", encoding="utf-8")
    result = run("segment", str(path), "--lang", "en", "--format", "json")
    assert result.exit_code == 0
    clauses = json.loads(result.stdout)["clauses"]
    assert [(c["kind"], c["number"], c["verb"], c["line"]) for c in clauses] == \
        [("preamble", None, "recall", 1), ("operative", "2", "decide", 2)]


def test_segment_table_reorders_arabic_only_when_asked(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_text("ويدين القرار الهجوم\n", encoding="utf-8")
    logical = run("segment", str(path), "--lang", "ar", "--bidi", "off")
    visual = run("segment", str(path), "--lang", "ar", "--bidi", "on")
    assert "ويدين القرار الهجوم" in logical.stdout
    assert "ويدين القرار الهجوم" not in visual.stdout and visual.exit_code == 0


def test_backends_and_checks_are_listed():
    backends = run("backends")
    assert backends.exit_code == 0
    assert backends.stdout.splitlines()[0].split()[:2] == ["use", "installed"]
    checks = run("checks")
    from align.check.registry import CHECKS

    assert [line.split()[0] for line in checks.stdout.splitlines()] == list(CHECKS)


def test_write_baseline_then_baseline_makes_the_run_pass(tmp_path, use_backend):
    baseline = tmp_path / "reviewed.json"
    first = run("check", "--demo", "--format", "json", "--write-baseline", str(baseline))
    assert first.exit_code == 1
    assert first.stderr == f"align: wrote 2 finding fingerprints to {baseline}\n"
    second = run("check", "--demo", "--format", "json", "--baseline", str(baseline))
    assert second.exit_code == 0
    report = json.loads(second.stdout)
    assert report["findings"] == [] and report["summary"]["suppressed"] == 2


def test_output_to_a_device_writes_through_it_instead_of_replacing_it(use_backend):
    result = run("check", "--demo", "--format", "json", "--output", "/dev/null", "--fail-on", "never")
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("args, code, stdout_has, stderr", [
    (["checks"], 0, "number-mismatch", ""),
    (["check", "nope.ar.txt", "nope.en.txt"], 2, "", "align: nope.ar.txt: no such file\n"),
    (["segment", "-", "--lang", "en", "--format", "json"], 0, '"Recalling', ""),
])
def test_the_console_entry_point_exits_with_the_code_and_every_byte_written(tmp_path, args, code, stdout_has, stderr):
    """``main`` leaves with os._exit (no interpreter teardown): outputs must still be whole, codes exact."""
    import subprocess
    import sys

    from ..conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "align", *args], cwd=tmp_path,
                            input="Recalling its resolution 1 (2020),\n" * 2000, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})
    assert result.returncode == code
    assert stdout_has in result.stdout
    assert result.stderr == stderr
    if args[-1] == "json":
        assert len(json.loads(result.stdout)["clauses"]) == 2000  # a 2,000-clause document, not one byte lost


@pytest.mark.parametrize("side", ["ar", "en"])
def test_segment_tells_the_language_from_the_script(pair_files, side):
    ar, en = pair_files
    path = ar if side == "ar" else en
    result = run("segment", str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(run("segment", str(path), "--lang", side, "--format", "json").stdout)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_an_output_directory_that_is_not_writable_is_refused_before_the_work(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run("check", "--demo", "--format", "json", "--output", str(locked / "r.json"))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert result.exit_code == 2
    assert result.stderr == f"align: {locked}/r.json: directory {locked} is not writable\n"


def test_version_names_the_tool_and_its_stage_versions():
    from align import __version__
    from align.alignment.aligner import ALIGNER_VERSION

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"align {__version__} (clausealign; aligner {ALIGNER_VERSION}, segmenter ")


@pytest.mark.parametrize("name, body", [
    ("terms.csv", "English,Arabic\nNew York Declaration,إعلان جنيف\n"),
    ("terms.tsv", "إعلان جنيف\tNew York Declaration\n"),
    ("terms.tbx", '<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry>'
                  '<langSet xml:lang="en"><tig><term>New York Declaration</term></tig></langSet>'
                  '<langSet xml:lang="ar"><tig><term>إعلان جنيف</term></tig></langSet>'
                  '</termEntry></body></text></martif>'),
])
def test_glossary_takes_a_translators_term_list_or_tbx(tmp_path, name, body, use_backend):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    result = run("check", "--demo", "--glossary", str(path), "-f", "json")
    terms = [f for f in json.loads(result.stdout)["findings"] if "New York Declaration" in f["message"]]
    assert len(terms) == 1 and terms[0]["check"] == "term-mismatch" and terms[0]["en_spans"][0]["text"] == \
        "New York Declaration"


def test_a_bad_glossary_is_one_line_and_exit_2(tmp_path, use_backend):
    path = tmp_path / "terms.csv"
    path.write_text("Council,المجلس\nاللجنة,Committee\n", encoding="utf-8")
    result = run("check", "--demo", "--glossary", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"align: {path}:2: the English and Arabic columns are swapped on this line\n"
    result = run("check", "--demo", "--glossary", str(tmp_path / "nonexist.csv"))
    assert result.exit_code == 2
    assert result.stderr == f"align: {tmp_path / 'nonexist.csv'}: no such glossary file\n"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_reports_get_the_users_umask_not_0600(tmp_path, umask, mode, use_backend):
    """A shared report folder, a web server or a CI upload running as another user must be able to read them;
    a report written over an existing file keeps that file's mode."""
    target = tmp_path / "report.json"
    old = os.umask(umask)
    try:
        assert run("check", "--demo", "-f", "json", "-o", str(target), "--fail-on", "never").exit_code == 0
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.chmod(0o640)
        assert run("check", "--demo", "-f", "json", "-o", str(target), "--fail-on", "never").exit_code == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_hard_wrapped_text_is_rejoined_with_a_warning(tmp_path, bundled_texts, use_backend):
    import textwrap

    for name, text, width in (("ar.txt", bundled_texts[0], 60), ("en.txt", bundled_texts[1], 80)):
        (tmp_path / name).write_text("\n\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=False))
                                                 for line in text.split("\n") if line.strip()) + "\n",
                                     encoding="utf-8")
    ar, en = str(tmp_path / "ar.txt"), str(tmp_path / "en.txt")
    result = run("check", ar, en, "--show", "none")
    assert result.exit_code == 1
    assert result.stdout.startswith("81 Arabic clauses, 79 English clauses, 77 pairs, 0 gaps\n")
    assert result.stderr.splitlines() == [
        f"align: warning: {ar}: hard-wrapped at about 60 columns: its lines are rejoined into paragraphs between "
        "blank lines (--no-unwrap keeps every line)",
        f"align: warning: {en}: hard-wrapped at about 80 columns: its lines are rejoined into paragraphs between "
        "blank lines (--no-unwrap keeps every line)"]
    assert run("check", ar, en, "--show", "none", "--unwrap").stderr == ""  # asked for: no warning
    kept = run("check", ar, en, "--show", "none", "--no-unwrap")
    assert kept.stderr == "" and not kept.stdout.startswith("81 Arabic clauses")


@pytest.mark.parametrize("level, threshold", [("default", 0.177), ("strict", 0.144), ("off", None)])
def test_partial_omission_level_reaches_the_report(tmp_path, level, threshold):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", "--demo", "--partial-omission", level, "--quiet", "-o", str(out)], prog_name="align")
    assert result.exit_code == 1, result.output  # the bundled resolution's verb error
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["signature_details"]["thresholds"]["partial_omission"] == threshold
    checks = {f["check"] for f in report["findings"]}
    assert ("partial-omission" in checks) == (level == "strict")  # strict: "The Council also" in paragraph 5


def _parallel(tmp_path, ar_lines, en_lines):
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("\n".join(ar_lines) + "\n", encoding="utf-8")
    en.write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    return str(ar), str(en)


LEARNED = (["حق الطفل في التعليم", "حق المرأة في العمل", "التعليم للجميع", "العمل اللائق للجميع"] * 30,
           ["the right of the child to education", "the right of women to work", "education for all",
            "decent work for all"] * 30)


def test_lexicon_learns_a_table_that_check_uses_and_names_in_its_signature(tmp_path):
    ar, en = _parallel(tmp_path, *LEARNED)
    table = tmp_path / "mine.tsv"
    result = run("lexicon", ar, en, "-o", str(table), "--name", "my-corpus")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"align: wrote {table}: ") and "(my-corpus:" in result.stderr
    out = tmp_path / "report.json"
    result = run("check", "--demo", "--lexicon", str(table), "--quiet", "-o", str(out))
    assert result.exit_code == 1  # the bundled resolution's verb error
    thresholds = json.loads(out.read_text(encoding="utf-8"))["signature_details"]["thresholds"]
    assert thresholds["partial_omission_lexicon"].startswith("my-corpus:")


@pytest.mark.parametrize("ar_lines, en_lines, message", [
    (LEARNED[0], LEARNED[1][:-1], "has 120 lines and {en} 119: a lexicon is learned from line-aligned text "
                                  "(line i of one translates line i of the other)"),
    (LEARNED[0][:99], LEARNED[1][:99], "99 line pairs: a lexicon needs at least 100"),
])
def test_lexicon_refuses_text_it_cannot_learn_from(tmp_path, ar_lines, en_lines, message):
    ar, en = _parallel(tmp_path, ar_lines, en_lines)
    result = run("lexicon", ar, en, "-o", str(tmp_path / "mine.tsv"))
    expected = f"align: {ar} " + message.format(en=en) if message.startswith("has") else f"align: {message}"
    assert (result.exit_code, result.stderr) == (2, expected + "\n")
    assert not (tmp_path / "mine.tsv").exists()


def test_check_refuses_a_lexicon_it_cannot_read_before_the_work(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("ar\tحق\tright\n", encoding="utf-8")
    result = run("check", "--demo", "--lexicon", str(bad), "--quiet")
    assert (result.exit_code, result.stderr) == (
        2, f"align: {bad} is not a lexicon-1 lexicon (first line '# lexicon-1<tab>source')\n")


@pytest.mark.parametrize("command, shown", [(["batch", "--help"], "extra [dask]."),
                                            (["batch", "--help"], "ar,en[,name]")])
def test_help_texts_keep_their_brackets(command, shown):
    """Rich markup reads "[dask]" as a tag and drops it ("extra ."): such brackets are escaped."""
    result = runner.invoke(app, command, prog_name="align", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert shown in result.output



def test_ctrl_c_during_a_check_clears_the_spinner_before_saying_so():
    """On a terminal, Ctrl-C mid-check: exit 130, and "align: interrupted" on a line of its own after the spinner
    is erased (it used to be written beside a spinner frame, which then stayed on the screen)."""
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time

    from ..conftest import ROOT

    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "align", "check", "--demo", "--no-cache"], stdin=slave, stdout=slave,
                               stderr=slave, env={**os.environ, "PYTHONPATH": str(ROOT)}, close_fds=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    seen = b""

    def read(until: float, stop: bytes | None = None) -> None:
        nonlocal seen
        while time.monotonic() < until and not (stop and stop in seen):
            if select.select([master], [], [], 0.1)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    return

    read(time.monotonic() + 120, b"aligning and checking")
    assert b"aligning and checking" in seen, seen
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    read(time.monotonic() + 2)
    os.close(master)
    tail = seen[seen.rindex(b"aligning and checking"):]
    assert tail.endswith(b"align: interrupted\r\n")
    assert b"\x1b[2K" in tail[:tail.index(b"align: interrupted")], tail  # the spinner's line erased first


def test_check_help_gives_every_exit_code():
    result = CliRunner().invoke(app, ["check", "--help"], prog_name="align", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on bad input or usage, 3 when the " \
           "backend fails, 130 when interrupted (Ctrl-C)." in text


def test_profile_prints_each_stage_on_stderr_and_leaves_the_report_alone(use_backend, tmp_path):
    from align.read.inputs import bundled_pair

    ar, en = bundled_pair()
    out = tmp_path / "r.json"
    plain = tmp_path / "plain.json"
    result = runner.invoke(app, ["check", str(ar), str(en), "--profile", "-q", "--no-cache", "-o", str(out)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith("align: profile: ") for line in lines)
    stages = [line[len("align: profile: "):].rsplit(None, 2) for line in lines]
    names = [s[0] for s in stages]
    from align.check.registry import CHECKS

    assert names == ["stage", "read and segment", "load the backend", "embed the clauses",
                     "load the glossary and the settings", "align", *[f"check {c}" for c in CHECKS], "report",
                     "write the cache", "total"]
    seconds = [float(s[1]) for s in stages[1:]]
    assert abs(sum(seconds[:-1]) - seconds[-1]) < 0.01 and all(s >= 0 for s in seconds)
    assert runner.invoke(app, ["check", str(ar), str(en), "-q", "--no-cache", "-o", str(plain)]).exit_code == 1
    assert out.read_bytes() == plain.read_bytes()  # no timing in the JSON
