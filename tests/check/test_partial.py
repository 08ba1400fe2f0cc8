"""partial-omission: a phrase one side has and the other may not render (phrase ablation, align.check.partial)."""

from __future__ import annotations

import numpy as np
import pytest

from align.check.registry import CHECKS, CheckConfig, CheckContext
from align.embed.backends import embed_ablations, embedding_words
from align.check.partial import (can_ablate, document_threshold, most_unrendered, typical_similarity,
                           unrendered_phrase)
from align.report.model import AlignedPair, Document
from align.segment.clauses import segment

RIGHT = "Reaffirming that everyone has the right to education"
REPORT_AR = "تطلب إلى الأمين العام أن يقدم إلى الجمعية العامة في دورتها السبعين تقريرا عن تنفيذ هذا القرار"
REPORT_EN = ("Requests the Secretary-General to submit to the General Assembly at its seventieth session a report on "
             "the implementation of the present resolution")
VIOLENCE_AR = "تدين بشدة جميع أعمال العنف ضد المدنيين، بما في ذلك النساء والأطفال، وتطالب بوقفها فورا"
VIOLENCE_EN = ("Strongly condemns all acts of violence against civilians, including women and children, and demands "
               "that they cease immediately")

# (Arabic, English, the side that has an unrendered phrase or None, a phrase the span must lie in)
CASES = [
    ("وإذ تؤكد من جديد أن لكل فرد الحق في التعليم،", RIGHT + ",", None, ""),
    (REPORT_AR, REPORT_EN, None, ""),
    (VIOLENCE_AR, VIOLENCE_EN, None, ""),
    ("وإذ تؤكد من جديد أن لكل فرد الحق في التعليم،",
     RIGHT + " and to an adequate standard of living for his family,", "en",
     "and to an adequate standard of living for his family"),
    (REPORT_AR, REPORT_EN.replace("session a report", "session, in close consultation with non-governmental "
                                  "organizations and civil society, a report"), "en",
     "in close consultation with non-governmental organizations and civil society"),
    (REPORT_AR.replace("السبعين تقريرا", "السبعين، بالتشاور الوثيق مع المنظمات غير الحكومية والمجتمع المدني، تقريرا"),
     REPORT_EN, "ar", "بالتشاور الوثيق مع المنظمات غير الحكومية والمجتمع المدني"),
    (VIOLENCE_AR, "Strongly condemns all acts of violence against civilians and demands that they cease immediately",
     "ar", "بما في ذلك النساء والأطفال"),
]


CONFIG = CheckConfig()


@pytest.mark.parametrize("ar, en, side, phrase", CASES)
def test_the_phrase_one_side_lacks_is_found_at_the_default_threshold(use_backend, ar, en, side, phrase):
    found = unrendered_phrase(ar, en, use_backend, CONFIG.partial_omission_rise, CONFIG.lexicon(),
                              CONFIG.partial_omission_word_weight)
    if side is None:
        assert found is None
        return
    assert found is not None and found.side == side
    text = ar if side == "ar" else en
    assert found.text == text[found.start:found.stop]
    inside = [w for w in found.text.replace(",", " ").replace("،", " ").split() if w in phrase.split()]
    assert len(inside) >= 0.8 * len(found.text.split()) >= 1.6  # the span is (nearly all) the added phrase


def test_the_rise_is_the_similarity_without_the_phrase_minus_the_pair_s(use_backend):
    ar, en = CASES[3][0], CASES[3][1]
    found = most_unrendered(ar, en, use_backend)
    without = en[:found.start] + en[found.stop:]
    exact = use_backend.embed([ar, " ".join(without.split())])
    assert found.similarity == pytest.approx(float(use_backend.embed([ar, en]).prod(axis=0).sum()), abs=1e-5)
    assert found.without == pytest.approx(float(exact[0] @ exact[1]), abs=0.04)  # features at the cut not redone
    assert found.rise >= found.without - found.similarity  # the evidence: the best phrase's rise, before snapping


def test_the_token_feature_ablation_agrees_with_embedding_each_text(use_backend):
    words = [w for _, _, w in embedding_words(CASES[4][1])]
    spans = [(i, j) for i in range(len(words)) for j in range(i + 2, min(i + 13, len(words)) + 1)]
    fast_without = embed_ablations(use_backend, words, spans)
    plain_without = use_backend.embed([" ".join(words[:i] + words[j:]) for i, j in spans])
    assert plain_without.shape == fast_without.shape == (len(spans), 512)
    agreement = np.sum(fast_without * plain_without, axis=1)
    assert float(np.median(agreement)) > 0.99 and float(np.min(agreement)) > 0.95


def test_a_backend_without_token_features_cannot_ablate_and_the_report_says_so(use_backend):
    from align.pipeline import check_files

    class Plain:  # embeds, like any backend, but has no token features to ablate from
        name, model, version, dimension = "plain", "use-as-plain", "1", 512

        def embed(self, texts):
            return use_backend.embed(texts)

    assert can_ablate(use_backend) and not can_ablate(Plain())
    assert most_unrendered(CASES[3][0], CASES[3][1], Plain()) is None
    report = check_files(embedder=Plain())
    assert "partial-omission was not run: it needs the use backend (phrase ablation from its token features), " \
           "not plain" in report.warnings
    assert not any(f.check == "partial-omission" for f in report.findings)


def test_words_without_counterpart_add_to_the_rise_up_to_the_cap(use_backend):
    from align.check.partial import UNMATCHED_CAP

    ar, en = CASES[4][0], CASES[4][1]  # "in close consultation with non-governmental organizations and civil society"
    plain = most_unrendered(ar, en, use_backend)
    found = most_unrendered(ar, en, use_backend, CONFIG.lexicon(), 0.03)
    assert plain.unmatched == 0 and plain.evidence == plain.rise
    assert found.side == "en" and found.unmatched >= 3  # consultation, governmental, organization, civil, society
    assert found.evidence == pytest.approx(found.rise + 0.03 * min(found.unmatched, UNMATCHED_CAP), abs=1e-5)
    assert found.evidence > plain.evidence


def test_a_cached_result_is_the_computed_one_and_a_second_check_ablates_nothing(use_backend, tmp_path, monkeypatch):
    from align.embed.cache import CachedEmbedder

    ar, en = CASES[4][0], CASES[4][1]
    lexicon, weight = CONFIG.lexicon(), CONFIG.partial_omission_word_weight
    plain = most_unrendered(ar, en, use_backend, lexicon, weight)
    first = CachedEmbedder(use_backend, tmp_path)
    assert most_unrendered(ar, en, first, lexicon, weight) == plain
    assert most_unrendered(ar[:-1], en, first, lexicon, weight) != plain  # another pair, another entry
    assert most_unrendered(ar, en, first) != plain  # without the lexicon: another kind of result

    second = CachedEmbedder(use_backend, tmp_path)
    monkeypatch.setattr(type(use_backend), "ablations", lambda *a: pytest.fail("ablated again"))
    assert most_unrendered(ar, en, second, lexicon, weight) == plain and second.stats.disk_hits == 1
    assert can_ablate(second)  # stated by the backend, not tried


def test_embedding_words_keep_the_original_offsets():
    text = "وإذ تُؤكّـد  من جديد\u200f،"
    words = embedding_words(text)
    assert [text[a:b] for a, b, _ in words] == ["وإذ", "تُؤكّـد", "من", "جديد\u200f،"]
    assert words[1][2] == "تُؤكّد" and words[3][2] == "جديد،"  # tatweel and the RLM dropped for embedding


def _context(ar: str, en: str, embedder, level: str = "default") -> CheckContext:
    a = Document("ar.txt", "ar", tuple(segment(ar, "ar", split=False)))
    e = Document("en.txt", "en", tuple(segment(en, "en", split=False)))
    return CheckContext(a, e, (AlignedPair((0,), (0,), 0.8),), CheckConfig(partial_omission=level), None, embedder)


def test_the_check_quotes_the_phrase_and_spans_it_in_the_file(use_backend):
    ar, en = CASES[6][0], CASES[6][1]
    findings = list(CHECKS["partial-omission"].run(_context("9 - " + ar, "9. " + en, use_backend)))
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check, finding.severity, finding.category) == ("partial-omission", "warning", "omission")
    assert finding.message.startswith("possible omission: Arabic paragraph 9 has «")
    assert "which the English paragraph 9 may not render (the pair reads" in finding.message
    span, = finding.ar_spans
    assert span.text in CASES[6][3] and ("9 - " + ar)[span.start:span.end] == span.text
    assert (span.line, span.column) == (1, 5 + ar.index(span.text))
    assert finding.en_spans == ()


@pytest.mark.parametrize("level", ["default", "strict", "off"])
def test_a_faithful_pair_is_never_flagged(use_backend, level):
    assert list(CHECKS["partial-omission"].run(_context(VIOLENCE_AR, VIOLENCE_EN, use_backend, level))) == []


def test_off_and_no_embedder_run_nothing(use_backend):
    ar, en = CASES[6][0], CASES[6][1]
    assert list(CHECKS["partial-omission"].run(_context(ar, en, use_backend, "off"))) == []
    assert list(CHECKS["partial-omission"].run(_context(ar, en, None))) == []


def test_the_threshold_is_in_the_signature():
    assert CheckConfig().to_dict()["partial_omission"] == CheckConfig().partial_omission_rise
    assert CheckConfig(partial_omission="strict").to_dict()["partial_omission"] == \
        CheckConfig().partial_omission_strict_rise
    assert CheckConfig().to_dict()["partial_omission_freedom"] == CheckConfig().partial_omission_freedom
    assert CheckConfig().to_dict()["partial_omission_lexicon"].startswith("unv1-devset+un-charter+sdg-targets:")
    assert CheckConfig(partial_omission="off").to_dict()["partial_omission"] is None


@pytest.mark.parametrize("threshold, typical, expected", [
    (0.10, None, 0.10),  # too few pairs to say: as calibrated
    (0.10, 0.80, 0.10),  # at the reference
    (0.10, 0.70, 0.13),  # a freer translation asks more
    (0.10, 0.90, 0.07),  # a closer one less
])
def test_the_threshold_follows_how_alike_the_document_s_pairs_typically_read(threshold, typical, expected):
    assert document_threshold(threshold, typical, 0.80, 0.3) == pytest.approx(expected)


@pytest.mark.parametrize("scores, expected", [([0.8] * 5, None), ([0.5, 0.6, 0.7, 0.8, 0.9, 0.95], 0.75)])
def test_typical_similarity_is_the_median_of_enough_pairs(scores, expected):
    assert typical_similarity(scores) == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize("typical, flagged", [(0.85, True), (0.60, False)])
def test_a_phrase_counts_for_less_in_a_freely_translated_document(use_backend, typical, flagged):
    """The same pair («بما في ذلك النساء والأطفال» left out of the English, a rise of about 0.13) among six
    other 1-1 pairs that typically read 0.85 (a UN text) or 0.60 (news)."""
    ar, en = CASES[6][0], CASES[6][1]
    a = Document("ar.txt", "ar", tuple(segment("\n".join([ar] + ["نص"] * 6), "ar", split=False)))
    e = Document("en.txt", "en", tuple(segment("\n".join([en] + ["text"] * 6), "en", split=False)))
    alignment = tuple(AlignedPair((k,), (k,), 0.5 if k == 0 else typical) for k in range(7))
    context = CheckContext(a, e, alignment, CheckConfig(), None, use_backend)
    assert [f.ar for f in CHECKS["partial-omission"].run(context)] == ([(0,)] if flagged else [])


@pytest.mark.parametrize("checks, reported", [
    (["partial-omission"], ["partial-omission"]),
    (["number-mismatch", "partial-omission"], ["number-mismatch"]),  # a phrase holding "2030" is one finding
    (["negation-mismatch", "partial-omission"], ["partial-omission"]),  # a finding elsewhere does not hide it
])
def test_a_phrase_another_finding_already_marks_is_not_reported_again(use_backend, checks, reported):
    from align.check.registry import run_checks

    ar = "توفير هوية قانونية للجميع"
    en = "Provide legal identity for all by 2030, including birth registration and vital statistics"
    assert [f.check for f in run_checks(_context(ar, en, use_backend), checks)] == reported
