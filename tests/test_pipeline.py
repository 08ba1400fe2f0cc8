"""The whole pipeline on the bundled resolution and on the team's dev UN data."""

from __future__ import annotations

import json
import os

import pytest

from align.alignment.aligner import AlignParams
from align.pipeline import Options, align_documents, check_files
from align.report.model import Document
from align.segment.clauses import segment

from .conftest import GOLDEN, dev_set


def test_every_row_pairs_clauses_of_the_same_paragraph(bundled_report):
    report = bundled_report
    paragraphs_paired = set()
    for pair in report.alignment:
        assert pair.ar and pair.en, f"unexpected gap row {pair}"
        ar = {report.ar.clauses[i].paragraph for i in pair.ar}
        en = {report.en.clauses[j].paragraph for j in pair.en}
        assert ar == en
        paragraphs_paired |= ar
    assert paragraphs_paired == set(range(42))


def test_findings_on_the_untouched_resolution_are_its_two_real_divergences(bundled_report):
    """Paragraph 23: «وأكد الجهود» (affirmed) against "commends the efforts"; paragraph 15: the English
    leaves out «القوة القائمة بالاحتلال» (the occupying Power)."""
    report = bundled_report
    found = {(f.check, f.severity, report.ar.clauses[f.ar[0]].paragraph + 1) for f in report.findings}
    assert found == {("verb-mismatch", "error", 23), ("term-mismatch", "warning", 15)}


def test_alignment_covers_every_clause_once_in_order(bundled_report):
    rows = bundled_report.alignment
    assert [i for p in rows for i in p.ar] == list(range(len(bundled_report.ar.clauses)))
    assert [j for p in rows for j in p.en] == list(range(len(bundled_report.en.clauses)))


def _comparable(report_dict: dict) -> dict:
    """The report without what depends on floating-point details beyond two decimals."""
    out = json.loads(json.dumps(report_dict))
    for row in out["alignment"]:
        row["score"] = None if row["score"] is None else round(row["score"], 2)
    out["summary"]["mean_score"] = round(out["summary"]["mean_score"], 2)
    out["ar"]["path"] = out["en"]["path"] = None
    for finding in out["findings"]:
        finding.pop("message")
    return out


def test_bundled_report_matches_golden(bundled_report):
    """Regenerate after a deliberate change with ALIGN_UPDATE_GOLDEN=1, then review the diff."""
    golden = GOLDEN / "bundled.report.json"
    if os.environ.get("ALIGN_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(_comparable(bundled_report.to_dict()), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert _comparable(bundled_report.to_dict()) == expected


def test_deleted_paragraph_is_a_gap_on_its_arabic_counterpart(tmp_path, bundled_texts, use_backend):
    ar_text, en_text = bundled_texts
    lines = en_text.split("\n")
    del lines[26]  # paragraph 27: "The resolution calls on the member states ... UN Security Council"
    (tmp_path / "ar.txt").write_text(ar_text, encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(lines), encoding="utf-8")
    report = check_files(tmp_path / "ar.txt", tmp_path / "en.txt", embedder=use_backend)
    gaps = [f for f in report.findings if f.check == "gap"]
    assert len(gaps) == 1 and not gaps[0].en
    assert {report.ar.clauses[i].paragraph for i in gaps[0].ar} == {26}
    assert gaps[0].message.startswith("Arabic paragraph 27 has a clause with no English counterpart: the English "
                                      "lacks it (after English paragraph 26, line 26)")


def test_an_english_version_that_stops_halfway_is_reported_half_missing(tmp_path, bundled_texts, bundled_report,
                                                                       use_backend):
    """The English cut after paragraph 21 of 42: every Arabic clause of paragraphs 22-42 is unpaired, one
    finding per paragraph naming its clauses, and paragraphs 1-21 are paired exactly as in the whole text."""
    ar_text, en_text = bundled_texts
    (tmp_path / "ar.txt").write_text(ar_text, encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en_text.split("\n")[:21]) + "\n", encoding="utf-8")
    report = check_files(tmp_path / "ar.txt", tmp_path / "en.txt", embedder=use_backend)
    later = [i for i, c in enumerate(report.ar.clauses) if c.paragraph >= 21]
    assert len(later) == 36
    gaps = [f for f in report.findings if f.check == "gap"]
    assert [i for f in gaps for i in f.ar] == later and not any(f.en for f in gaps)
    assert [{report.ar.clauses[i].paragraph for i in f.ar} for f in gaps] == [{p} for p in range(21, 42)]
    first_half = [(p.ar, p.en) for p in bundled_report.alignment
                  if {report.ar.clauses[i].paragraph for i in p.ar} <= set(range(21))]
    assert [(p.ar, p.en) for p in report.alignment if p.en] == first_half


_ARTICLE_14 = (
    ["المادة 14",
     "مع مراعاة أحكام المادة الثانية عشرة، للجمعية العامة أن توصي باتخاذ التدابير لتسوية أي موقف، مهما يكن منشؤه، "
     "تسوية سلمية متى رأت أن هذا الموقف قد يضر بالرفاهية العامة أو يعكّر صفو العلاقات الودية بين الأمم، ويدخل في "
     "ذلك المواقف الناشئة عن انتهاك أحكام هذا الميثاق الموضحة لمقاصد الأمم المتحدة ومبادئها."],
    ["Article 14",
     "Subject to the provisions of Article 12, the General Assembly may recommend measures for the peaceful "
     "adjustment of any situation, regardless of origin, which it deems likely to impair the general welfare or "
     "friendly relations among nations, including situations resulting from a violation of the provisions of the "
     "present Charter setting forth the Purposes and Principles of the United Nations."],
)


def as_lines(lines: list[str], lang: str) -> Document:
    return Document(None, lang, tuple(segment("\n".join(lines), lang, split=False)))


def test_a_heading_missing_in_the_english_is_a_gap_not_part_of_the_next_paragraph(use_backend):
    """«المادة 14» says little to an embedding; its number, absent from the English paragraph, peels it off."""
    ar, en = _ARTICLE_14
    rows = align_documents(as_lines(ar, "ar"), as_lines(en[1:], "en"), use_backend, AlignParams())
    assert [(p.ar, p.en) for p in rows] == [((0,), ()), ((1,), (0,))]


@pytest.mark.parametrize("side, clause, counterpart, with_glossary, expected", [
    ("en", "Article 14", ["مع مراعاة أحكام المادة الثانية عشرة، للجمعية العامة أن توصي"], False, True),
    ("en", "Article 12", ["مع مراعاة أحكام المادة الثانية عشرة، للجمعية العامة أن توصي"], False, False),
    # a paragraph number is layout: "9." against an unnumbered counterpart is no missing number
    ("en", "9. Decides to remain seized.", ["يقرر أن يبقي المسألة قيد نظره."], False, False),
    ("ar", "٩ - يقرر إبقاء المسألة قيد نظره.", ["Decides to remain seized of the matter."], False, False),
    # both sides numbered: "3." against «2 -» is another paragraph, "3." against «3 -» the same one
    ("en", "3. Adoption of the agenda.", ["2 - افتتاح الدورة."], False, True),
    ("en", "3. Adoption of the agenda.", ["3 - إقرار جدول الأعمال."], False, False),
    ("ar", "إن المجلس الاقتصادي والاجتماعي،", ["Taking note of the resolution of the Commission,"], True, True),
    ("ar", "إن المجلس الاقتصادي والاجتماعي،", ["Taking note of the resolution of the Commission,"], False, False),
    ("ar", "إن المجلس الاقتصادي والاجتماعي،", ["The Economic and Social Council,"], True, False),
    ("en", "Recalling its resolution 1 of 2014 on the situation", ["وإذ تشير إلى الحالة"], False, False),  # not short
])
def test_short_clause_evidence(side, clause, counterpart, with_glossary, expected):
    from align.check.glossary import Glossary
    from align.pipeline import _short_and_unrendered

    other = "en" if side == "ar" else "ar"
    (member,) = segment(clause, side, split=False)
    others = tuple(c for text in counterpart for c in segment(text, other, split=False))
    glossary = Glossary.bundled() if with_glossary else None
    assert _short_and_unrendered(side, member, others, glossary) is expected


_ECOSOC_AR = ["إن المجلس الاقتصادي والاجتماعي،",
              "إذ يحيط علما بقرار اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي 683 (د-35) المؤرخ 9 أيار/مايو "
              "2014، الذي رحبت فيه اللجنة بالطلب المقدم من سفارة هولندا في سانتياغو بالنيابة عن حكومة سانت مارتن من أجل "
              "منح سانت مارتن صفة عضو منتسب في اللجنة،"]
_ECOSOC_EN = ["Taking note of Economic Commission for Latin America and the Caribbean resolution 683 (XXXV) of 9 May "
              "2014, in which the Commission welcomed the request made by the Embassy of the Netherlands in Santiago on "
              "behalf of the Government of Sint Maarten that the latter be granted associate membership in the Commission,"]


@pytest.mark.parametrize("with_glossary, expected", [
    (True, [((0,), ()), ((1,), (0,))]),   # «المجلس الاقتصادي والاجتماعي» is not in the English: a gap
    (False, [((0,), ()), ((1,), (0,))]),  # without names too: the line adds nothing to the bead's similarity
])
def test_a_framing_line_missing_in_the_english_is_a_gap_by_its_name(with_glossary, expected, use_backend):
    from align.check.glossary import Glossary

    glossary = Glossary.bundled() if with_glossary else None
    rows = align_documents(as_lines(_ECOSOC_AR, "ar"), as_lines(_ECOSOC_EN, "en"), use_backend, AlignParams(), glossary)
    assert [(p.ar, p.en) for p in rows] == expected


def test_json_is_byte_identical_across_runs(use_backend):
    first = check_files(embedder=use_backend).to_json()
    assert check_files(embedder=use_backend).to_json() == first


def test_unv1_resolutions_segmented_accuracy_and_deletions(use_backend):
    """Issue bars on dev data: >= 99.5% of lines 1-1 to gold, >= 95% of deletions found as gaps."""
    from bench.alignment import evaluate
    from bench.data import CachingEmbedder, load_documents

    docs = load_documents(dev_set("unv1-devset") / "resolutions_subset")
    scores = evaluate(docs, CachingEmbedder(use_backend), AlignParams()).as_row()
    assert scores["1-1 accuracy"] >= 0.995
    assert scores["deletion recall"] >= 0.95
    assert scores["join as 2-1"] >= 0.90


def test_a_check_reports_the_progress_of_its_long_stages(use_backend):
    from align.pipeline import check_files

    seen = []
    report = check_files(embedder=use_backend, progress=lambda stage, done, total: seen.append((stage, done, total)))
    rows = sum(not p.is_gap for p in report.alignment)
    assert [s for s in seen if s[0] == "partial-omission"] == [("partial-omission", k, rows) for k in range(rows)]
