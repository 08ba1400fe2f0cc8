"""The word-translation table of partial-omission (align.check.lexicon): stems, counterparts, learning, the file."""

from __future__ import annotations

import math
import os

import pytest

from align.errors import InputError
from align.check.lexicon import Lexicon, LexiconError, bundled_lexicon_path, stems

from ..conftest import DEV

# (text, side, the stems)
STEMS = [
    ("the Nationality of children", "en", ["the", "nationality", "of", "children"]),
    ("States, non-governmental organizations", "en", ["stat", "non", "governmental", "organization"]),
    ("Directly or indirectly", "en", ["direct", "or", "indirect"]),
    ("وبالجنسية والأطفال", "ar", ["جنسي", "اطفال"]),
    ("الدولَ الأعضاءَ", "ar", ["دول", "اعضاء"]),  # tashkeel and hamza forms normalised
    ("للمنظمات غير الحكومية", "ar", ["منظم", "غير", "حكومي"]),
    ("1990 ، (أ)", "ar", ["ا"]),  # numbers and punctuation are no stems
]


@pytest.mark.parametrize("text, side, expected", STEMS)
def test_stems_are_light_and_keep_their_word_s_offset(text, side, expected):
    found = stems(text, side)
    assert [s for _, s in found] == expected
    assert all(text[start:].split()[0] for start, _ in found)
    assert all(start == 0 or text[start - 1] == " " for start, _ in found)


TOY = Lexicon({("en", "nationality"): frozenset({"جنسي"}), ("ar", "جنسي"): frozenset({"nationality"}),
               ("en", "right"): frozenset({"الحق"}), ("ar", "الحق"): frozenset({"right"}),  # «ال» kept: 2 letters left
               ("en", "torture"): frozenset({"تعذيب"}), ("ar", "تعذيب"): frozenset({"torture"}),
               ("en", "execution"): frozenset(), ("en", "the"): frozenset({"ال"})}, "toy:0")

# (side, text, other side's text, per word: 1 no counterpart, 0 one, None the table cannot tell)
UNMATCHED = [
    ("en", "the right to a nationality", "الحق في الجنسية", [None, 0, None, None, 0]),
    ("en", "the right to a nationality", "الحق في الحياة", [None, 0, None, None, 1]),
    ("en", "execution, abuse, torture", "التعذيب", [1, None, 0]),  # "abuse": a word the table never saw
    ("ar", "الحق في الجنسية", "the right to a nationality", [0, None, 0]),
    ("ar", "الحق في الجنسية", "the right to life", [0, None, 1]),
]


@pytest.mark.parametrize("side, text, other, expected", UNMATCHED)
def test_a_known_word_without_counterpart_is_unmatched(side, text, other, expected):
    starts = [k for k, ch in enumerate(text) if ch != " " and (k == 0 or text[k - 1] == " ")]
    found = TOY.unmatched(side, text, starts, other)
    assert [None if math.isnan(v) else int(v) for v in found] == expected


CORPUS = [("حق الطفل في التعليم", "the right of the child to education"),
          ("حق المرأة في العمل", "the right of women to work"),
          ("التعليم للجميع", "education for all"),
          ("العمل اللائق للجميع", "decent work for all"),
          ("حقوق الطفل", "rights of the child")] * 3


def test_model_one_learns_the_words_that_keep_company():
    lexicon = Lexicon.train(CORPUS, "toy-corpus")
    assert "تعليم" in lexicon.counterparts[("en", "education")]
    assert "education" in lexicon.counterparts[("ar", "تعليم")]
    assert "work" in lexicon.counterparts[("ar", "عمل")]
    assert "تعليم" not in lexicon.counterparts[("en", "work")]
    assert lexicon.name.startswith("toy-corpus:") and lexicon.name == Lexicon.train(CORPUS, "toy-corpus").name


def test_a_saved_table_loads_as_it_was(tmp_path):
    lexicon = Lexicon.train(CORPUS, "toy-corpus")
    path = tmp_path / "lexicon.tsv"
    lexicon.save(path)
    assert Lexicon.load(path) == lexicon
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon.tsv"]  # no temporary file left


@pytest.mark.parametrize("content, message", [
    ("ar\tحق\tright\n", "is not a lexicon-1 lexicon"),
    ("# lexicon-1\ttoy\nxx\tحق\tright\n", "line 2: expected side<tab>stem<tab>counterparts"),
    ("# lexicon-1\ttoy\nen\tright\n", "line 2: expected side<tab>stem<tab>counterparts"),
])
def test_a_malformed_table_is_an_input_error_that_names_the_line(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as raised:
        Lexicon.load(path)
    assert isinstance(raised.value, InputError)


def test_a_missing_table_says_so_and_a_rewritten_one_is_read_again(tmp_path):
    path = tmp_path / "mine.tsv"
    with pytest.raises(LexiconError, match=f"^cannot read the lexicon {path}: No such file or directory$"):
        Lexicon.load(path)
    first = Lexicon.train(CORPUS, "first")
    first.save(path)
    assert Lexicon.load(path) == first
    second = Lexicon.train(CORPUS[:5] * 2, "second")
    second.save(path)
    assert Lexicon.load(path) == second


def test_the_bundled_table_is_the_un_dev_sets_own():
    lexicon = Lexicon.load(bundled_lexicon_path())
    assert lexicon.name.startswith("unv1-devset+un-charter+sdg-targets:")
    assert "جنسي" in lexicon.counterparts[("en", "nationality")]
    assert "torture" in lexicon.counterparts[("ar", "تعذيب")]


# (an Arabic counterpart the table gives, a stem of the clause, whether they are forms of one word)
DERIVED = [
    ("تحذير", "حذر", True),
    ("خطر", "خطور", True),
    ("تصعيد", "تصاعد", True),
    ("مباشر", "مباشر", True),
    ("حق", "حقوق", False),   # two letters: too short to tell
    ("علم", "سلام", False),
    ("تعليم", "تعاون", False),
    ("اطفال", "طفل", True),
    ("روفيدنسياليس", "يناير", False),  # 12 letters: words run together, matched only whole
    ("علم", "زاربومبيوكورياالشمالية", False),  # nor does a run of glued words hold every short stem
]


@pytest.mark.parametrize("counterpart, present, alike", DERIVED)
def test_an_arabic_counterpart_is_found_in_its_derived_forms(counterpart, present, alike):
    lexicon = Lexicon({("en", "thing"): frozenset({counterpart})}, "toy:1")
    assert lexicon.unmatched("en", "thing", [0], present)[0] == (0.0 if alike else 1.0)


@pytest.mark.skipif(not (DEV / "unv1-devset").is_dir(), reason="shared dev data not available")
def test_the_bundled_table_is_what_the_build_script_learns_from_the_dev_sets():
    """data/lexicon.tsv is reproducible: scripts/build_lexicon.py on the shared dev sets gives the same table."""
    import subprocess
    import sys

    from ..conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lexicon.py"), "--check"],
                            capture_output=True, text=True, env={**os.environ, "ALIGN_SHARED_DATA": str(DEV.parent)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
