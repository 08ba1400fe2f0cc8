"""Revisions: which clauses a change to one version left stale in the other. Table tests on the bundled
resolution with seeded revisions, both directions, through the library call of ``align changes``; the matching of
one language's versions on its own; the word diff."""

from __future__ import annotations

import pytest

from align.pipeline import Options, compare_files
from align.revision.compare import render_diff, word_diff
from align.revision.versions import ADDED, CHANGED, MOVED, SAME, match_versions
from align.segment.clauses import segment

NEW_EN = "The resolution requests the Secretary-General to report on the implementation of this resolution."
NEW_AR = "ويطلب القرار إلى الأمين العام تقديم تقرير عن تنفيذ هذا القرار."


def _reword_en(lines):
    lines["en"][20] = lines["en"][20].replace("rejects", "firmly rejects", 1)


def _reword_ar(lines):
    lines["ar"][20] = lines["ar"][20].replace("ويرفض", "ويرفض رفضا قاطعا", 1)


def _number_both(lines):
    lines["en"][0] = lines["en"][0].replace("2024", "2023", 1)
    lines["ar"][0] = lines["ar"][0].replace("2024", "2023", 1)


def _add_en(lines):
    lines["en"].insert(30, NEW_EN)


def _add_ar(lines):
    lines["ar"].insert(30, NEW_AR)


def _add_both(lines):
    lines["en"].insert(30, NEW_EN)
    lines["ar"].insert(30, NEW_AR)


def _delete_en(lines):
    del lines["en"][34]


def _move_both(lines):
    for side in ("ar", "en"):
        lines[side].insert(10, lines[side].pop(40))


def _move_en(lines):
    lines["en"].insert(10, lines["en"].pop(40))


def _nothing(lines):
    pass


def _bundled_lines(bundled_texts):
    return {"ar": bundled_texts[0].splitlines(), "en": bundled_texts[1].splitlines()}


def _compare(tmp_path, use_backend, previous, new):
    for name, lines in (("old", previous), ("new", new)):
        for side in ("ar", "en"):
            (tmp_path / f"{name}.{side}.txt").write_text("\n".join(lines[side]) + "\n", encoding="utf-8")
    options = Options(previous=(str(tmp_path / "old.ar.txt"), str(tmp_path / "old.en.txt")))
    return compare_files(tmp_path / "new.ar.txt", tmp_path / "new.en.txt", options, embedder=use_backend)


def _changed(report) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(status, Arabic paragraphs, English paragraphs) of every row that is not unchanged."""
    return {(row["status"], tuple(report.ar.paragraphs(tuple(row["ar"]))),
             tuple(report.en.paragraphs(tuple(row["en"])))) for row in report.extra["revision"]["rows"]}


# (revision, forward: previous = bundled, new = revised; backward: the other way round)
# paragraph labels are the line numbers of the version they are in
CASES = [
    ("reworded in English only", _reword_en, {("changed-en", ("21",), ("21",))}, {("changed-en", ("21",), ("21",))}),
    ("corrected in Arabic only", _reword_ar, {("changed-ar", ("21",), ("21",))}, {("changed-ar", ("21",), ("21",))}),
    ("a number changed in both", _number_both, {("changed-both", ("1",), ("1",))}, {("changed-both", ("1",), ("1",))}),
    # backward: a paragraph the other version never had is deleted: the pair agrees again, nothing to do
    ("added in English only", _add_en, {("added-en", (), ("31",))}, set()),
    ("added in Arabic only", _add_ar, {("added-ar", ("31",), ())}, set()),
    ("added in both", _add_both, {("added-both", ("31",), ("31",))}, set()),
    ("deleted in English only", _delete_en, {("deleted-en", ("35",), ())}, {("paired-en", ("35",), ("35",))}),
    ("moved in both", _move_both, {("moved", ("11",), ("11",))}, {("moved", ("41",), ("41",))}),
    ("nothing changed", _nothing, set(), set()),
]


@pytest.mark.parametrize("name, revise, forward, backward", CASES, ids=[c[0] for c in CASES])
def test_each_seeded_revision_is_reported_as_what_it_is_both_directions(tmp_path, use_backend, bundled_texts,
                                                                        name, revise, forward, backward):
    previous = _bundled_lines(bundled_texts)
    new = _bundled_lines(bundled_texts)
    revise(new)
    assert new != previous or name == "nothing changed"
    report = _compare(tmp_path, use_backend, previous, new)
    assert _changed(report) == forward
    back = _compare(tmp_path, use_backend, new, previous)
    if name == "added in both":  # deleted on both sides: listed in the JSON, no clause of the new pair to show
        assert {r["status"] for r in back.extra["revision"]["rows"]} == {"deleted-both"}
    else:
        assert _changed(back) == backward
    for found in (report, back):  # one-sided: an error; both sides: info; only the revision's findings
        assert all(f.check == "revision" for f in found.findings)
        assert sorted(f.severity for f in found.findings) == sorted(
            "error" if r["status"].rsplit("-", 1)[-1] in ("ar", "en") and not r["status"].startswith("paired")
            else "info"
            for r in found.extra["revision"]["rows"] if r["status"] != "deleted-both")


def test_a_paragraph_moved_in_one_version_only_is_an_error_there(tmp_path, use_backend, bundled_texts):
    previous = _bundled_lines(bundled_texts)
    new = _bundled_lines(bundled_texts)
    _move_en(new)
    report = _compare(tmp_path, use_backend, previous, new)
    statuses = {r["status"] for r in report.extra["revision"]["rows"]}
    assert "moved-en" in statuses and statuses <= {"moved-en", "moved-ar"}, statuses
    assert report.findings and all(f.severity == "error" for f in report.findings)


def test_the_message_says_what_to_do_and_quotes_the_word_diff(tmp_path, use_backend, bundled_texts):
    previous = _bundled_lines(bundled_texts)
    new = _bundled_lines(bundled_texts)
    _reword_en(new)
    report = _compare(tmp_path, use_backend, previous, new)
    (finding,) = report.findings
    assert finding.message == ("English paragraph 21 changed since the previous version and Arabic paragraph 21 did "
                               "not: bring it up to date ({+firmly+})")
    (span,) = finding.en_spans
    assert span.text == "firmly" and span.line == 21
    assert report.signature.previous and f"|previous:{report.signature.previous}" in str(report.signature)


def _clauses(text: str):
    return tuple(segment(text, "en", split=False))


VERSIONS = [
    ("identical", "1. Decides to act.\n2. Requests a report.\n", "1. Decides to act.\n2. Requests a report.\n",
     (0, 1), (SAME, SAME)),
    ("renumbered: no change", "1. Decides to act.\n2. Requests a report.\n",
     "1. Notes the letter.\n2. Decides to act.\n3. Requests a report.\n", (None, 0, 1), (ADDED, SAME, SAME)),
    ("reworded", "1. Decides to act.\n2. Requests a report.\n", "1. Decides to act now.\n2. Requests a report.\n",
     (0, 1), (CHANGED, SAME)),
    ("deleted", "1. Decides to act.\n2. Requests a report.\n3. Closes.\n", "1. Decides to act.\n3. Closes.\n",
     (0, 2), (SAME, SAME)),
    ("moved", "1. Decides to act.\n2. Requests a report.\n3. Closes.\n",
     "3. Closes.\n1. Decides to act.\n2. Requests a report.\n", (2, 0, 1), (MOVED, SAME, SAME)),
    ("tashkeel and digit forms are no change", "يقرر العمل في عام 2025.", "يُقرِّر العمل في عام ٢٠٢٥.", (0,), (SAME,)),
]


@pytest.mark.parametrize("name, before, after, origin, state", VERSIONS, ids=[v[0] for v in VERSIONS])
def test_one_languages_versions_are_matched_clause_by_clause(name, before, after, origin, state):
    lang = "ar" if "ت" in before else "en"
    old, new = (tuple(segment(t, lang, split=False)) for t in (before, after))
    found = match_versions(old, new)
    assert (found.origin, found.state) == (origin, state)
    assert all(found.fate[o] == w for w, o in enumerate(found.origin) if o is not None)


@pytest.mark.parametrize("old, new, shown", [
    ("calls on all states", "calls on all member states", "{+member+}"),
    ("in 2024 and 2025", "in 2023 and 2025", "[-2024-]{+2023+}"),
    ("strongly condemns the attack", "condemns the attack", "[-strongly-]"),
    ("يُقرِّر العمل", "يقرر العمل", ""),
])
def test_the_word_diff_names_the_words_that_changed_on_their_matching_key(old, new, shown):
    assert render_diff(word_diff(old, new)) == shown


def test_the_docs_show_the_statuses_the_code_gives_and_the_schema_names():
    import json
    import re

    from align.files import data_path
    from align.revision.compare import STATUSES, status_table

    from ..conftest import ROOT

    text = (ROOT / "docs" / "revisions.md").read_text(encoding="utf-8")
    assert re.search(r"<!-- statuses:start -->\n(.*?)\n<!-- statuses:end -->", text, re.S).group(1) == status_table()
    schema = json.loads(data_path("schemas/report-v1.schema.json").read_text(encoding="utf-8"))
    named = set(schema["$defs"]["revision_row"]["properties"]["status"]["enum"])
    statuses = {s.replace("-X", f"-{side}") for s, _, _ in STATUSES for side in ("ar", "en")} - {"unchanged"}
    assert named == statuses
