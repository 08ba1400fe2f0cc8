"""Random Unicode and random bytes through the reader, the segmenter, the aligner and the command line.

Nothing may crash: bad input is an InputError (exit 2, one line, no output file), anything else
gives an alignment that covers every clause of both sides once, in order.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from typer.testing import CliRunner

import align.pipeline
from align.alignment.aligner import AlignParams
from align.errors import InputError
from align.read.inputs import read_input
from align.text.normalize import INVISIBLE
from align.pipeline import align_documents
from align.report.model import Document
from align.segment.clauses import KINDS, segment
from align.cli import app

runner = CliRunner()

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéç"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩"
MARKS = "\u064b\u064e\u064f\u0650\u0651\u0652\u0640"  # tashkeel and tatweel
PUNCT = ".,;:-–()«»\"'/%،؛؟٫٬"
SPACE = "  \t\n\n\n\r\u00a0\u202f"
CONTROLS = "\x00\x01\x0b\x0c\x1b\x7f\x85\u2028\u2029"
PIECES = ["يقرر ", "وإذ تشير إلى ", "تدين ", "Decides ", "Recalling ", "1. ", "2 - ", "(a) ", "؛ ويطالب ",
          "; and demands ", "in 1967, ", "عام 1967 ", "\n", "\r\n"]

characters = st.one_of(st.sampled_from(ARABIC + LATIN + DIGITS + MARKS + PUNCT + SPACE),
                       st.sampled_from("".join(sorted(INVISIBLE)) + CONTROLS), st.characters())
texts = st.lists(st.one_of(characters, st.sampled_from(PIECES)), max_size=120).map("".join)
AR_WORDS = ["يقرر", "تدين", "وإذ", "تشير", "إلى", "قرارها", "في", "على", "الأمم", "المتحدة", "فلسطين", "عام",
            "1967", "٢٠٢٥", "،", "؛", "\n", "1 -", "\u200f", "القدس", "الشريف", "ويطالب", "من", "الدول"]
EN_WORDS = ["Decides", "condemns", "Recalling", "its", "resolution", "of", "the", "to", "United", "Nations",
            "Palestine", "in", "1967", "2025", ",", ";", "\n", "1.", "and", "Jerusalem", "demands", "States"]
arabic_texts = st.lists(st.one_of(st.sampled_from(AR_WORDS), characters), min_size=1, max_size=80).map(" ".join)
english_texts = st.lists(st.one_of(st.sampled_from(EN_WORDS), characters), min_size=1, max_size=80).map(" ".join)


class HashEmbedder:
    """Deterministic and fast: character trigrams hashed into 64 dimensions, so similar texts are similar."""

    name, model, version, dimension = "hash", "trigram-64", "1", 64

    def embed(self, texts):
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text}  "
            for k in range(len(padded) - 2):
                out[row, hashlib.blake2b(padded[k:k + 3].encode("utf-8", "surrogatepass"), digest_size=1).digest()[0]
                    % self.dimension] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def check_clauses(text: str, clauses) -> None:
    line_starts = [0]
    for k, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[k + 1:k + 2] != "\n"):
            line_starts.append(k + 1)
    assert [c.index for c in clauses] == list(range(len(clauses)))
    previous_end = 0
    for clause in clauses:
        assert clause.text == text[clause.start:clause.end]
        assert clause.text and clause.text == clause.text.strip()
        assert clause.start >= previous_end
        previous_end = clause.end
        assert clause.kind in KINDS
        assert line_starts[clause.line - 1] <= clause.start
        assert clause.column == clause.start - line_starts[clause.line - 1] + 1
    assert [c.paragraph for c in clauses] == sorted(c.paragraph for c in clauses)


def check_alignment(rows, n: int, m: int) -> None:
    assert [i for row in rows for i in row.ar] == list(range(n))
    assert [j for row in rows for j in row.en] == list(range(m))
    for row in rows:
        assert row.ar or row.en
        if row.ar and row.en:
            assert row.score is None or (np.isfinite(row.score) and -1.0001 <= row.score <= 1.0001)


@settings(max_examples=300, deadline=None)
@given(text=texts, lang=st.sampled_from(["ar", "en"]), split=st.booleans())
def test_segmenter_keeps_its_invariants_on_random_unicode(text, lang, split):
    check_clauses(text, segment(text, lang, split=split))


@settings(max_examples=150, deadline=None)
@given(ar_text=st.one_of(texts, arabic_texts), en_text=st.one_of(texts, english_texts))
def test_aligner_covers_every_clause_once_in_order(ar_text, en_text):
    ar = Document(None, "ar", tuple(segment(ar_text, "ar")))
    en = Document(None, "en", tuple(segment(en_text, "en")))
    rows = align_documents(ar, en, HashEmbedder(), AlignParams())
    check_alignment(rows, len(ar.clauses), len(en.clauses))


raw_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n", b"PK\x03\x04",
                               b"<!DOCTYPE html><html>", b"{\\rtf1", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
              st.binary(max_size=400)).map(b"".join),
    texts.flatmap(lambda t: st.sampled_from(["utf-8", "utf-16", "cp1256", "utf-8-sig"]).map(
        lambda codec: t.encode(codec, errors="replace"))),
)


@settings(max_examples=300, deadline=None)
@given(data=raw_bytes, suffix=st.sampled_from([".txt", ".docx", ".pdf", ".html", ""]))
def test_reader_returns_text_or_one_line_input_error(data, suffix):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{suffix}"
        path.write_bytes(data)
        try:
            read = read_input(path)
        except InputError as exc:
            message = str(exc)
            assert message and "\n" not in message and "Traceback" not in message
        else:
            assert isinstance(read.text, str) and read.text.strip()
            assert read.format in ("text", "docx", "pdf", "html")
            assert all("\n" not in w for w in read.warnings)


@pytest.fixture
def hash_backend(monkeypatch):
    monkeypatch.setattr(align.pipeline, "get_backend", lambda *a, **k: HashEmbedder())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ar_text=st.one_of(arabic_texts, texts, english_texts), en_text=st.one_of(english_texts, texts, arabic_texts),
       ar_codec=st.sampled_from(["utf-8", "cp1256", "utf-16"]), cache=st.booleans(), swap=st.booleans())
def test_cli_never_crashes_and_leaves_no_partial_output(hash_backend, ar_text, en_text, ar_codec, cache, swap):
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "ar.txt").write_bytes(ar_text.encode(ar_codec, errors="replace"))
        (root / "en.txt").write_text(en_text, encoding="utf-8", errors="replace")
        (root / "out").mkdir()
        output = root / "out" / "report.json"
        args = ["check", str(root / "ar.txt"), str(root / "en.txt"), "--format", "json", "--output", str(output)]
        args += [] if cache else ["--no-cache"]
        args += [] if swap else ["--no-swap"]
        old = os.environ.get("ALIGN_CACHE_DIR")
        os.environ["ALIGN_CACHE_DIR"] = str(root / "cache")
        try:
            result = runner.invoke(app, args)
        finally:
            os.environ.pop("ALIGN_CACHE_DIR") if old is None else os.environ.__setitem__("ALIGN_CACHE_DIR", old)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1, 2), result.output
        event(f"exit {result.exit_code}")
        if result.exit_code == 2:
            assert result.stderr.startswith("align: ") and result.stderr.count("\n") == 1
            assert list(output.parent.iterdir()) == []
        else:
            assert [p.name for p in output.parent.iterdir()] == ["report.json"]
            report = json.loads(output.read_text(encoding="utf-8"))
            rows = [type("Row", (), {"ar": r["ar"], "en": r["en"], "score": r["score"]}) for r in report["alignment"]]
            check_alignment(rows, len(report["ar"]["clauses"]), len(report["en"]["clauses"]))
            assert all(line.startswith(("align: warning: ", "align: wrote ")) for line in result.stderr.splitlines())


@settings(max_examples=100, deadline=None)
@given(text=texts, lang=st.sampled_from(["ar", "en"]))
def test_cli_segment_never_crashes(text, lang):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.txt"
        path.write_text(text, encoding="utf-8", errors="replace")
        result = runner.invoke(app, ["segment", str(path), "--lang", lang, "--format", "json"])
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 0:
            check_clauses(read_input(path).text, [type("C", (), c) for c in json.loads(result.stdout)["clauses"]])
