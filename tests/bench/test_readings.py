"""The sweep's readings: every dev finding's verdict, kept in bench/readings.tsv and shown in the list."""

from __future__ import annotations

import pytest

from align.report.model import Finding
from bench.sweep import (READINGS_FILE, VERDICTS, Listed, Reading, SetResult, listing, load_readings,
                         precision_table, reading_table)


def test_the_shipped_readings_parse():
    readings = load_readings()
    assert len(readings) >= 300
    assert {r.verdict for r in readings.values()} <= set(VERDICTS)
    assert all(r.note for r in readings.values())
    assert READINGS_FILE.name == "readings.tsv"


@pytest.mark.parametrize("line, message", [
    ("un-charter\tdoc\tgap\t1\t\tmaybe\twhy", "readings.tsv line 2: expected 7 tab-separated fields and a verdict in "
                                             "['false', 'real', 'unsure']"),
    ("un-charter\tdoc\tgap\t1\treal\twhy", "readings.tsv line 2: expected 7 tab-separated fields"),
])
def test_a_malformed_reading_is_named_by_its_line(tmp_path, line, message):
    path = tmp_path / "readings.tsv"
    path.write_text("# comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_readings(path)


def _result(*findings: Finding) -> SetResult:
    result = SetResult(pairs=50, documents=1)
    for f in findings:
        result.listed.append(Listed("un-charter", "art-1", f, "«نص»", "text"))
    return result


def test_each_listed_finding_shows_its_reading_or_says_it_is_unread(tmp_path):
    read = Finding("negation-mismatch", "warning", "mistranslation", (3,), (3,), "negations differ")
    unread = Finding("gap", "warning", "omission", (), (7,), "no counterpart")
    real = Finding("number-mismatch", "error", "mistranslation", (9,), (9,), "numbers differ")
    path = tmp_path / "readings.tsv"
    path.write_text("un-charter\tart-1\tnegation-mismatch\t3\t3\tfalse\tan idiom\n"
                    "un-charter\tart-1\tnumber-mismatch\t9\t9\treal\t1988 against 1998\n"
                    "un-charter\tart-1\tgap\t\t8\treal\ta finding no longer raised\n", encoding="utf-8")
    readings = load_readings(path)
    assert readings[("un-charter", "art-1", "gap", (), (8,))] == Reading("real", "a finding no longer raised")
    results = {"dev": {"un-charter": _result(read, unread, real)}}
    text = listing(results, "make bench", readings)
    assert "  - read: false alarm: an idiom" in text
    assert "  - read: real divergence: 1988 against 1998" in text
    assert "  - read: not yet read" in text
    assert reading_table(results, readings)[2:] == ["| un-charter | error | 1 | 0 | 0 | 0 | 0.00 |",
                                                    "| un-charter | warning | 0 | 1 | 0 | 1 | 4.00 |"]


def test_precision_per_check_counts_the_read_findings_of_each_group():
    real = Finding("number-mismatch", "error", "mistranslation", (9,), (9,), "numbers differ")
    false = Finding("number-mismatch", "error", "mistranslation", (2,), (2,), "numbers differ")
    unread = Finding("gap", "warning", "omission", (), (7,), "no counterpart")
    readings = {("un-charter", "art-1", "number-mismatch", (9,), (9,)): Reading("real", "1988 against 1998"),
                ("un-charter", "art-1", "number-mismatch", (2,), (2,)): Reading("false", "a footnote")}
    results = {"dev": {"un-charter": _result(real, false, unread)}}
    assert precision_table(results, readings)[2:] == ["| UN | gap | warning | 2.00 | 0 / 0 | – |",
                                                      "| UN | number-mismatch | error | 4.00 | 1 / 2 | 0.50 |"]
