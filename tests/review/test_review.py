"""`align review`: the decisions model, and the Textual app driven headlessly with its pilot."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner

from align import cli
from align.review.model import CONFIRMED, DISMISSED, ReviewSession, load_report

runner = CliRunner()


@pytest.fixture
def report_file(tmp_path, bundled_report):
    path = tmp_path / "bundled.json"
    path.write_text(bundled_report.to_json(), encoding="utf-8")
    return path


def test_decisions_are_saved_at_once_and_read_back(tmp_path, bundled_report):
    baseline, review = tmp_path / "b.json", tmp_path / "r.json"
    session = ReviewSession.open(bundled_report, baseline, review, reviewer="Hala")
    verb = next(k for k in range(len(session)) if session.finding(k).check == "verb-mismatch")
    term = next(k for k in range(len(session)) if session.finding(k).check == "term-mismatch")
    session.decide(verb, CONFIRMED, "commends, not affirms: «أشاد»")
    session.decide(term, DISMISSED, "the English says 'the occupying power' one clause later")
    saved = json.loads(review.read_text(encoding="utf-8"))
    assert saved["counts"] == {"open": 0, "confirmed": 1, "dismissed": 1}
    assert {r["check"]: (r["status"], r["note"], r["reviewer"]) for r in saved["findings"]} == {
        "verb-mismatch": ("confirmed", "commends, not affirms: «أشاد»", "Hala"),
        "term-mismatch": ("dismissed", "the English says 'the occupying power' one clause later", "Hala")}
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert list(entries) == [session.fingerprint(term)] and entries[session.fingerprint(term)]["reason"]
    assert (tmp_path / "r.csv").read_bytes()[:3] == b"\xef\xbb\xbf" and (tmp_path / "r.xlsx").is_file()
    again = ReviewSession.open(bundled_report, baseline, review)  # a crash: nothing decided is lost
    assert again.status(verb) == CONFIRMED and again.status(term) == DISMISSED
    assert again.decision(verb).note == "commends, not affirms: «أشاد»"
    session.undo()  # the dismissal taken back: out of the baseline too
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"] == {}
    assert session.status(term) == "open" and session.next_open(verb) == term


def test_the_app_confirms_one_dismisses_one_and_check_then_suppresses_the_dismissed(tmp_path, bundled_report,
                                                                                     use_backend):
    pytest.importorskip("textual")
    from align.review.app import ReviewApp

    baseline, review = tmp_path / "bundled.baseline.json", tmp_path / "bundled.review.json"
    session = ReviewSession.open(bundled_report, baseline, review, reviewer="Hala")

    async def walk() -> str:
        app = ReviewApp(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("question_mark")  # the keys
            await pilot.pause()
            keys = str(app.screen.query_one("Static").render())
            await pilot.press("escape")
            first = app.selected
            assert app.session.finding(first).check == "verb-mismatch"  # the error first
            await pilot.press("c")
            await pilot.press(*"commends")
            await pilot.press("enter")
            await pilot.pause()
            assert app.selected != first  # on to the next open finding
            await pilot.press("d", *"false alarm", "enter")
            await pilot.pause()
            await pilot.press("q")
        return keys

    keys = asyncio.run(walk())
    assert "confirm: a real problem" in keys and "undo" in keys
    assert session.counts() == {"open": 0, "confirmed": 1, "dismissed": 1}
    saved = json.loads(review.read_text(encoding="utf-8"))
    confirmed = [r for r in saved["findings"] if r["status"] == "confirmed"]
    assert [(r["check"], r["note"], r["ar_paragraphs"]) for r in confirmed] == [("verb-mismatch", "commends", ["23"])]
    checked = runner.invoke(cli.app, ["check", "--demo", "--baseline", str(baseline), "-f", "json"])
    left = json.loads(checked.stdout)
    assert [f["check"] for f in left["findings"]] == ["verb-mismatch"]  # the dismissed one, and only it, is gone
    assert left["summary"]["suppressed"] == 1


def test_the_finding_view_marks_the_spans_and_shows_the_rows_around(bundled_report, tmp_path):
    pytest.importorskip("textual")
    from align.review.app import finding_text

    session = ReviewSession.open(bundled_report, tmp_path / "b.json", tmp_path / "r.json")
    verb = next(k for k in range(len(session)) if session.finding(k).check == "verb-mismatch")
    shown = finding_text(session, verb, bidi=False)
    assert "(above)" in shown.plain and "(below)" in shown.plain
    marked = {shown.plain[s.start:s.end] for s in shown.spans if "reverse" in str(s.style)}
    assert marked == {"وأكد", "commends"}


@pytest.mark.parametrize("content, message", [
    ('{"version": 2, "findings": [], "alignment": []}', "not a report this align can open (a report of version 2; "
                                                         "this align reads version 1)"),
    ('{"findings": [', "1: not a JSON report"),
    ('{"version": 1}', "not a report this align can open (not an align report (no findings and alignment))"),
    ("BOGUS", "not a report this align can open (finding 1 has the unknown severity 'bogus')"),
    ("plain text", "not a JSON report; to check a pair, give both files: ARABIC ENGLISH"),
])
def test_a_report_it_cannot_open_is_one_line(tmp_path, bundled_report, content, message):
    path = tmp_path / "old.json"
    if content == "BOGUS":  # a real report, its first finding's severity edited by hand
        data = json.loads(bundled_report.to_json())
        data["findings"][0]["severity"] = "bogus"
        content = json.dumps(data)
    elif content == "plain text":
        content = "The Council of Foreign Ministers,\n"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli.app, ["review", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"align: {path}") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_baseline_written_by_hand_with_a_mistake_is_one_line(tmp_path, report_file):
    baseline = tmp_path / "hand.json"
    baseline.write_text('{"version": 1, "findings": {"abc": "x",}}', encoding="utf-8")
    result = runner.invoke(cli.app, ["review", str(report_file), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert result.stderr == f"align: {baseline}:1: not a baseline file (JSON: Expecting property name enclosed " \
                            "in double quotes, column 40)\n"


def test_a_saved_report_reopens_as_it_was(report_file, bundled_report):
    reopened = load_report(report_file)
    assert reopened.to_json() == bundled_report.to_json()
