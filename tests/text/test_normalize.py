"""Matching keys: what folds, what is dropped, and offsets back into the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from align.text.normalize import _fold_each_character, fold_digits, normalize, normalize_with_map


@pytest.mark.parametrize("text, key", [
    ("مُحَمَّد", "محمد"),                       # tashkeel
    ("القـــدس", "القدس"),                      # tatweel
    ("أإآٱ", "اااا"),                           # alef forms
    ("مصطفى الأمم المتحدة", "مصطفي الامم المتحده"),  # alef maksura, taa marbuta
    ("٢٠٢٥ و۱۹۶۷", "2025 و1967"),              # Arabic-Indic and Persian digits
    ("«القدس»، وغزة؛ لماذا؟", '"القدس", وغزه; لماذا?'),  # Arabic punctuation
    ("٪٥٠ و٣٫٥ و١٬٠٠٠", "%50 و3.5 و1,000"),
    ("The  Security\tCouncil ", "the security council"),  # whitespace runs, case
    ("\u200fيدين\u200e", "يدين"),               # bidi marks
    ("ﻻ", "لا"),                                # presentation form (NFKC)
    ("“two-State” – solution", '"two-state" - solution'),
])
def test_keys(text, key):
    assert normalize(text) == key


def test_offsets_point_at_the_original_characters():
    text = "  وَالقُدْس  الشريف"
    key, offsets = normalize_with_map(text)
    assert key == "والقدس الشريف"
    assert [text[o] for o in offsets] == ["و", "ا", "ل", "ق", "د", "س", " ", "ا", "ل", "ش", "ر", "ي", "ف"]


def test_fold_digits_leaves_everything_else():
    assert fold_digits("قرار ٢٧٢٨ (٢٠٢٤)") == "قرار 2728 (2024)"


_ALPHABET = st.sampled_from(list("abcXYZ019 .,;-\t\n") + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة")
                            + list("\u064b\u064e\u0651\u0640\u200f\u00a0٠١٢۱،؛«»ﻻé"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_fast_path_equals_the_definition(text):
    """Texts whose characters all fold one to one take a translate-table path: same key, same offsets."""
    assert normalize_with_map.__wrapped__(text) == _fold_each_character(text)
