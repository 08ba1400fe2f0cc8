"""Reading real inputs and refusing bad ones: encodings, formats, languages, limits, exact messages."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from align.errors import InputError
from align.read.decode import decode_text
from align.read.hazards import text_warnings
from align.read.inputs import MAX_INPUT_BYTES, bundled_pair, read_input, read_text
from align.read.pdf import visual_to_logical
from align.read.sanity import (are_unrelated, best_match_similarity, check_languages, clause_count_mismatch,
                          script_profile, unrelated_score)
from align.segment.clauses import segment
from align.cli import app

from ..conftest import dev_set

runner = CliRunner()

AR = "وإذ تشير إلى قرارها 69/1 المؤرخ 4 حزيران/يونيه 1967،\n2 - تقرر أن تبقي المسألة قيد نظرها.\n"
EN = "Recalling its resolution 69/1 of 4 June 1967,\n2. Decides to remain seized of the matter.\n"
FRENCH = ("L'Assemblée générale, rappelant sa résolution sur la question de Palestine, réaffirme le droit du "
          "peuple palestinien à l'autodétermination et demande à tous les États membres de respecter les "
          "obligations qui leur incombent en vertu du droit international et de la Charte des Nations Unies. "
          "Elle décide de rester saisie de la question.")
SPANISH = ("La Asamblea General, recordando su resolución sobre la cuestión de Palestina, reafirma el derecho del "
           "pueblo palestino a la libre determinación y pide a todos los Estados Miembros que cumplan las "
           "obligaciones que les incumben en virtud del derecho internacional y de la Carta de las Naciones "
           "Unidas. Decide seguir ocupándose de la cuestión.")
RUSSIAN = ("Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и "
           "совестью и должны поступать в отношении друг друга в духе братства.")
PERSIAN = ("تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و وجدان "
           "هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند. هر کس می‌تواند بدون هیچ‌گونه تمایز، مخصوصاً "
           "از حیث نژاد، رنگ، جنس، زبان، مذهب، عقیده سیاسی یا هر عقیده دیگر، از تمام حقوق و کلیه آزادی‌هایی "
           "که در اعلامیه حاضر ذکر شده است، بهره‌مند گردد.")
# Two UN resolutions (unv1-devset, resolutions_subset, lines 22-27 and 13-19; UN texts, free to use with
# acknowledgement): the Arabic of one against the English of the other is an unrelated pair.
HAITI_AR = """2 - يسلّم بأن الاستقرار السياسي والإنعاش الاجتماعي والاقتصادي ضروريان لتحقيق التنمية الطويلة الأجل في هايتي، ويرحب بالجهود التي تبذلها الأمم المتحدة والمجتمع الدولي في هذين المجالين؛
4 - يهيب بالأطراف المانحة أن تواصل المشاركة في دعم عملية إعادة البناء والتنمية في هايتي، بما يتماشى وأولويات حكومة هايتي، ويدعو السلطات الهايتية والشركاء الدوليين إلى المشاركة بنشاط في إطار تنسيق المعونة الخارجية لتنمية هايتي من أجل الاستفادة الكاملة من إمكانياته في توفير الدعم الدولي الفعال؛
8 - يدعو الجهات المانحة إلى مواءمة جهودها مع الخطة الوطنية للقضاء على الكوليرا في هايتي، وأيضا مع الأنشطة الوطنية الأخرى الهادفة إلى منع انتشار الأمراض المنقولة بالمياه، وإلى توفير الموارد المالية الضرورية لتنفيذها؛
9 - يهيب بالسلطات الهايتية أن تتخذ كل الإجراءات اللازمة لضمان انتظام أداء المؤسسات العامة، ويهيب بجميع الأطراف السياسية الفاعلة في هايتي أن تتعاون على العمل، دون مزيد من التأخير، من أجل ضمان إجراء الانتخابات البرلمانية والمحلية التي تأخّر إجراؤها، بحيث تكون هناك سلطات شرعية وموثوقة تدور دواليبها بشكل جيد، لتسهم بذلك في عملية تحقيق الانتعاش والتنمية وتواصل التفاعل بشكل بناء مع الشركاء الإنمائيين؛
10 - يهيب بمنظومة الأمم المتحدة في هايتي أن تراجع إطارها الاستراتيجي المتكامل من أجل التشجيع على اتباع النُّهج الملائمة في التخطيط الموحَّد وجمع الأموال وتنفيذ البرامج، ويدعو إلى اتباع عملية انتقال سلسة من أجل ضمان الاستمرار في تلقي المساعدة من منظومة الأمم المتحدة، بما في ذلك في مجال بناء السلام والمجالات ذات الصلة كالحكم الرشيد وبناء المؤسسات والتصدي لقضايا حقوق الإنسان؛
12 - يعرب عن ارتياحه للدعم الذي يقدمه الأمين العام إلى الفريق الاستشاري، ويطلب إليه أن يواصل تقديم الدعم الملائم لأنشطة الفريق في حدود الموارد المتاحة؛
"""
HAITI_EN = """2. Recognizes that political stability and socioeconomic recovery are essential to the long-term development of Haiti, and welcomes the efforts of the United Nations and the international community in both fields;
4. Calls upon donors to remain engaged in support of the reconstruction and development of Haiti, in line with priorities set by the Government of Haiti, and calls upon the Haitian authorities and international partners to take an active part in the External Aid Coordination Framework for the Development of Haiti with a view to making full use of its potential for effective international support;
8. Invites donors to align their efforts with the National Plan for the Elimination of Cholera in Haiti as well as other national activities to prevent waterborne diseases, and to provide the financial resources necessary for their implementation;
9. Calls upon the Haitian authorities to take all the steps necessary to ensure the regular functioning of public institutions, and calls upon all the political actors in Haiti to work cooperatively and without further delay to ensure the holding of overdue legislative and local elections so that legitimate, credible and well-functioning authorities are in place to contribute to the recovery and development process, and to continue to interact with development partners in a constructive manner;
10. Calls upon the United Nations system in Haiti to review its integrated strategic framework with a view to promoting appropriate approaches to consolidated planning, fundraising and programme implementation, and calls for a smooth transition process in order to ensure continued assistance by the United Nations system, including in peacebuilding and related areas, such as governance, institution-building and human rights issues;
12. Expresses its satisfaction to the Secretary-General for the support provided to the Advisory Group, and requests him to continue to support the activities of the Group adequately and within existing resources;
"""
YOUTH_EN = """Reiterating that all 15 priority areas of the World Programme of Action for Youth are interrelated and mutually reinforcing,
Emphasizing the importance of the twentieth anniversary of the adoption of the World Programme of Action for Youth, being marked in 2015, and the need for a meaningful assessment of the progress made towards its implementation,
Taking note of the five-year action agenda of the Secretary-General, which identifies working with and for women and young people as one of the five generational opportunities,
8. Further calls upon Member States to give due consideration to youth issues in all appropriate aspects of the post-2015 development agenda, underlining the importance of closely consulting with and actively involving youth and youth organizations in the implementation of the post-2015 development agenda;
9. Encourages Member States to ensure a coherent and mutually reinforcing approach while implementing all relevant agreed frameworks, including the World Programme of Action for Youth and the post-2015 development agenda;
13. Reaffirms that the strengthening of international cooperation regarding youth, capacity-building, the enhancement of dialogue, mutual understanding and the active participation of young people are crucial elements in efforts towards achieving the eradication of poverty, full employment and social integration, and in this regard stresses the importance of promoting access to nationally owned social protection and social services as an important instrument for empowering youth;
"""


# --------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("text, codec, label", [
    (AR, "utf-8", "utf-8"),
    (AR, "utf-8-sig", "utf-8-sig"),
    (AR, "utf-16", "utf-16"),
    (AR, "utf-16-be-bom", "utf-16"),
    (AR, "utf-16-le", "utf-16-le"),
    (AR, "utf-32", "utf-32"),
    (AR, "cp1256", "cp1256"),
    (AR, "iso8859-6", "iso8859-6"),
    (AR.replace("\n", "\r\n"), "cp1256", "cp1256"),
    (AR.replace("\n", "\r"), "utf-8", "utf-8"),
    (EN.replace("its", "its\u2019"), "cp1252", "cp1252"),
    (EN, "utf-16", "utf-16"),
])
def test_text_in_every_supported_encoding_is_decoded(tmp_path, text, codec, label):
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be") if codec == "utf-16-be-bom" else text.encode(codec)
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    read = read_input(path)
    assert (read.text, read.encoding, read.format, read.path) == (text, label, "text", str(path))


def test_read_text_still_returns_the_text(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(AR.encode("cp1256"))
    assert read_text(path) == AR


def test_standard_input_is_read_with_dash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(AR.encode("cp1256"))))
    read = read_input("-")
    assert (read.text, read.encoding, read.path) == (AR, "cp1256", "<stdin>")


def test_html_blocks_become_lines_and_ordered_lists_are_numbered(tmp_path):
    page = ('<!DOCTYPE html><html><head><meta charset="windows-1256"><title>T</title>'
            '<style>p {color: red}</style><script>var x = "<p>no</p>";</script></head><body>'
            '<h1>قرار</h1><p>وإذ تشير إلى &laquo;القرار&raquo;،\n  الصادر</p>'
            '<ol start="3"><li>يقرر</li><li>يطلب</li></ol>'
            '<ul><li>بند</li></ul><p>A<br>B</p></body></html>')
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1256"))
    read = read_input(path)
    assert (read.format, read.encoding) == ("html", "cp1256")
    assert read.text.split("\n") == ["قرار", "وإذ تشير إلى «القرار»، الصادر", "3. يقرر", "4. يطلب", "بند", "A", "B"]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One disk cache for this module's checks, library and command line (the bundled texts are embedded once)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def embedder(use_backend, shared_cache):
    from align.embed.cache import CachedEmbedder

    return CachedEmbedder(use_backend, shared_cache)


# ------------------------------------------------------------------------------------------- docx


def _numbered_docx(path: Path, paragraphs: list[tuple[str, int | None, int]], levels, start_override=None):
    """A .docx whose paragraphs (text, numId or None, level) use one numbering definition (numId 1)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text, start) in enumerate(levels))
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    numbering.append(parse_xml(f'<w:num {w} w:numId="77"><w:abstractNumId w:val="90"/>{override}</w:num>'))
    for text, num, level in paragraphs:
        paragraph = document.add_paragraph(text)
        if num is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    document.save(path)


@pytest.mark.parametrize("levels, start_override, paragraphs, expected", [
    ([("decimal", "%1.", 1)], None, [("The Conference,", None, 0), ("Recalls,", 1, 0), ("Decides.", 1, 0)],
     ["The Conference,", "1. Recalls,", "2. Decides."]),
    ([("decimal", "%1.", 1)], 9, [("Recognizes,", 1, 0), ("Requests.", 1, 0)], ["9. Recognizes,", "10. Requests."]),
    ([("decimal", "%1 -", 1)], None, [("تقرر،", 1, 0), ("تطلب.", 1, 0)], ["1 - تقرر،", "2 - تطلب."]),
    ([("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1)], None,
     [("Calls upon", 1, 0), ("first", 1, 1), ("second", 1, 1), ("Requests", 1, 0), ("again", 1, 1)],
     ["1. Calls upon", "(a) first", "(b) second", "2. Requests", "(a) again"]),
    ([("arabicAbjad", "(%1)", 1)], None, [("أولا", 1, 0), ("ثانيا", 1, 0), ("ثالثا", 1, 0)],
     ["(أ) أولا", "(ب) ثانيا", "(ج) ثالثا"]),
    ([("upperRoman", "%1.", 1)], None, [("One", 1, 0), ("Two", 1, 0), ("Four", 1, 0), ("", 1, 0)],
     ["I. One", "II. Two", "III. Four", ""]),
    ([("bullet", "\u2022", 1)], None, [("point", 1, 0)], ["point"]),
])
def test_docx_paragraphs_keep_words_numbering(tmp_path, levels, start_override, paragraphs, expected):
    path = tmp_path / "r.docx"
    _numbered_docx(path, paragraphs, levels, start_override)
    read = read_input(path)
    assert (read.format, read.encoding) == ("docx", "docx")
    assert read.text.split("\n") == expected


def test_docx_list_number_style_and_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("Recalls its resolution,", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "left cell"
    table.cell(0, 1).text = "right cell"
    document.add_paragraph("Decides to remain seized.", style="List Number")
    path = tmp_path / "s.docx"
    document.save(path)
    assert read_input(path).text.split("\n") == ["The General Assembly,", "1. Recalls its resolution,", "left cell",
                                                 "right cell", "2. Decides to remain seized."]


# -------------------------------------------------------------------------------------------- PDF


def test_visual_order_goes_back_to_logical_order():
    # «في 4 حزيران/يونيه 1967 (A/RES/69/1)» as a PDF lays it out, left to right.
    logical = "في 4 حزيران/يونيه 1967 (A/RES/69/1)"
    from bidi.algorithm import get_display

    assert visual_to_logical(list(get_display(logical))) == logical


# ----------------------------------------------------------------------------------- bad input, library


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES = [
    ("empty.txt", b"", "{path}: no text (the file is empty or blank)"),
    ("blank.txt", " \r\n\t\n", "{path}: no text (the file is empty or blank)"),
    ("invisible.txt", "\ufeff\u200f\u200b \n\u0640", "{path}: no text (the file is empty or blank)"),
    ("binary.bin", b"\x00\x01\x02PK\x03\x04", "{path}: binary data, not text"),
    ("controls.txt", "abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 3, "{path}: binary data, not text"),
    ("long.txt", "ا" * 2**20, "{path}: line 1 has 1,048,576 characters (at most 100,000 in a paragraph): "
                              "not the text of a resolution"),
    ("long3.txt", "a\nb\n" + "x" * 100_001 + "\nc", "{path}: line 3 has 100,001 characters (at most 100,000 "
                                                    "in a paragraph): not the text of a resolution"),
    ("odd.txt", b"\xff\xfeA", "{path}: not valid UTF-16 text (byte 2)"),
    ("damaged.txt", AR.encode() * 3 + b"\xff" + AR.encode() * 3,
     "{path}: damaged UTF-8 text (invalid byte at offset " + str(len(AR.encode()) * 3) + ")"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "{path}: an old Office file (.doc): save it as .docx, PDF or text"),
    ("r.rtf", b"{\\rtf1\\ansi hello}", "{path}: an RTF file: save it as .docx, PDF or text"),
    ("r.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
     "{path}: an OpenDocument file: save it as .docx, PDF or text"),
    ("r.zip", _zip({"a.txt": b"hello"}), "{path}: a ZIP archive, not a Word document (.docx)"),
    ("fake.docx", b"hello", "{path}: not a readable Word document (not a ZIP archive)"),
    ("broken.docx", _zip({"word/document.xml": b"<not xml"}), "{path}: not a readable Word document "
                                                               "(There is no item named '[Content_Types].xml' "
                                                               "in the archive)"),
    ("fake.pdf", b"hello", "{path}: not a readable PDF (no %PDF header)"),
    ("broken.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 50, "{path}: not a readable PDF (No /Root object! - "
                                                         "Is this really a PDF?)"),
]


@pytest.mark.parametrize("name, content, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_unreadable_inputs_have_one_exact_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        read_input(path)
    assert str(caught.value) == message.format(path=path)


def test_missing_directory_and_too_large_inputs(tmp_path):
    cases = [(tmp_path / "nope.txt", "{path}: no such file"), (tmp_path, "{path}: is a directory, not a file")]
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: nothing is written
        handle.truncate(MAX_INPUT_BYTES + 2**20)
    cases.append((huge, "{path}: 65 MB is too large (at most 64 MB)"))
    for path, message in cases:
        with pytest.raises(InputError) as caught:
            read_input(path)
        assert str(caught.value) == message.format(path=path)


def test_a_file_that_cannot_be_opened_says_why(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(AR, encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=re.escape(f"{path}: cannot read (Permission denied)")):
        read_input(path)


def test_legacy_bytes_that_fit_no_known_encoding_are_refused(monkeypatch):
    import charset_normalizer

    class Nothing:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda *a, **k: Nothing())
    with pytest.raises(InputError, match=re.escape("x: not text in a known encoding (UTF-8, UTF-16, "
                                                   "Windows-1256, ISO-8859-6 or Windows-1252)")):
        decode_text(b"\xe1\xe3\xe4 caf\xe9", "x")


# -------------------------------------------------------------------------------- invisible characters


@pytest.mark.parametrize("text, expected", [
    ("عام 1\u200f967 م", ["f:1:6: invisible U+200F RIGHT-TO-LEFT MARK inside the number 1967 (ignored for matching)"]),
    ("x\nthe sum of 62,\u200b500 dollars", ["f:2:15: invisible U+200B ZERO WIDTH SPACE inside the number 62,500 "
                                           "(ignored for matching)"]),
    ("١٩\u0640٦٧", ["f:1:3: invisible U+0640 ARABIC TATWEEL inside the number ١٩٦٧ (ignored for matching)"]),
    ("\u202eabc 1967", ["f:1:1: bidi override U+202E RIGHT-TO-LEFT OVERRIDE changes the displayed order of the "
                        "text after it"]),
    ("\u200fفي عام 1967\u200f، \ufeffو\u0640قرر", []),  # marks beside numbers and words: nothing to say
])
def test_invisible_characters_that_change_meaning_are_reported(text, expected):
    assert text_warnings(text, "f") == expected


def test_invisible_characters_in_a_number_reach_the_report(tmp_path, embedder):
    from align.pipeline import check_files

    ar, en = bundled_pair()
    text = ar.read_text(encoding="utf-8")
    assert "2025" in text
    (tmp_path / "ar.txt").write_text(text.replace("2025", "20\u200e25", 1), encoding="utf-8")
    report = check_files(tmp_path / "ar.txt", en, embedder=embedder)
    assert len(report.warnings) == 1 and "U+200E LEFT-TO-RIGHT MARK inside the number 2025" in report.warnings[0]
    assert report.to_dict()["warnings"] == list(report.warnings)
    assert not [f for f in report.findings if f.check == "number-mismatch"]


# ------------------------------------------------------------------------------------------ languages


@pytest.mark.parametrize("ar_text, en_text, status, message", [
    (AR, EN, "ok", "a is Arabic and e is English"),
    (EN, AR, "swapped", "a is English and e is Arabic: read them the other way round (--no-swap to refuse)"),
    (EN, EN, "both-english", "a and e are both English (Latin script): the first file must be Arabic"),
    (AR, AR, "both-arabic", "a and e are both Arabic: the second file must be English"),
    (AR, FRENCH, "neither", "e: neither Arabic nor English text (Latin letters, but not English)"),
    (SPANISH, EN, "neither", "a: neither Arabic nor English text (Latin letters, but not English)"),
    (RUSSIAN, EN, "neither", "a: neither Arabic nor English text (mostly Cyrillic letters)"),
    (PERSIAN, EN, "neither", "a: neither Arabic nor English text (Arabic script, but Persian or Urdu rather "
                             "than Arabic)"),
    ("12 - 3 (4)", EN, "neither", "a: neither Arabic nor English text (no letters)"),
    ("é", EN, "both-english", "a and e are both English (Latin script): the first file must be Arabic"),
    (AR + "UNRWA A/RES/69/1 UNESCO", EN, "ok", "a is Arabic and e is English"),
])
def test_languages_of_the_two_sides(ar_text, en_text, status, message):
    verdict = check_languages(ar_text, en_text)
    assert (verdict.status, verdict.message("a", "e")) == (status, message)


def test_swapped_refused_message():
    assert check_languages(EN, AR).message("a", "e", swap=False) == \
        "a is English and e is Arabic: give the Arabic file first"


def test_language_profile_of_a_long_text_is_sampled():
    long_text = (EN * 20_000)[:400_000] + AR  # English then a little Arabic at the very end
    assert script_profile(long_text).language == "en"


def test_english_share_threshold_separates_dev_english_from_other_languages():
    """Every English document of the dev sets (30+ words) is English; the Romance samples are not."""
    from bench.data import load_documents

    for name in ("unv1-devset", "ntrex128", "un-charter"):
        for document in load_documents(dev_set(name)):
            profile = script_profile("\n".join(document.en))
            assert profile.language == "en", (name, document.name)
    assert script_profile(FRENCH).language == script_profile(SPANISH).language == "latin"


@pytest.mark.parametrize("ar_count, en_count, mismatch", [
    (81, 79, False), (1, 79, True), (2, 9, False), (2, 10, True), (10, 40, False), (10, 41, True), (3, 1, False),
    (0, 8, True), (24_773, 79, True), (20_000, 19_000, False),
])
def test_clause_count_mismatch(ar_count, en_count, mismatch):
    assert clause_count_mismatch(ar_count, en_count) is mismatch


# ----------------------------------------------------------------------------------------- unrelated


def test_unrelated_decision_on_similarity_matrices():
    rng = np.random.default_rng(0)
    related = np.eye(6) * 0.5 + 0.3 + rng.uniform(-0.05, 0.05, (6, 6))
    unrelated = 0.25 + rng.uniform(-0.05, 0.05, (6, 6))
    assert not are_unrelated(related) and are_unrelated(unrelated)
    assert not are_unrelated(unrelated[:2])  # too few clauses to judge
    half = related[:, :3]  # the English has only the first half: each English clause still finds its match
    assert best_match_similarity(half) > 0.7 and not are_unrelated(half)


def test_unrelated_threshold_separates_dev_pairs(use_backend):
    """On dev UN resolutions: every true pair scores above the threshold, almost every mismatched pair below."""
    from bench.data import load_documents

    docs = [d for d in load_documents(dev_set("unv1-devset") / "resolutions_subset")
            if min(len(d.ar), len(d.en)) >= 3][:40]
    vectors = use_backend.embed([line for d in docs for line in d.ar + d.en])  # one batch
    sides, offset = [], 0
    for document in docs:
        n, m = len(document.ar), len(document.en)
        sides.append((vectors[offset:offset + n], vectors[offset + n:offset + n + m]))
        offset += n + m
    true_flagged = false_flagged = 0
    for k, (ar, en) in enumerate(sides):
        true_flagged += unrelated_score(ar, en) is not None
        false_flagged += unrelated_score(ar, sides[(k + 1) % len(sides)][1]) is not None
    assert true_flagged == 0
    assert false_flagged >= 0.9 * len(docs)


# ------------------------------------------------------------------------------------- the command line


@pytest.fixture
def bad_inputs(tmp_path, monkeypatch, shared_cache):
    """Files for the table below, by name; the cache goes to a temporary directory."""
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(shared_cache))
    ar, en = bundled_pair()
    files = {"ar": ar, "en": en, "dir": tmp_path, "missing": tmp_path / "missing"}
    contents = {
        "empty": b"", "blank": b"  \n\n", "binary": b"\x00\x01\x02PK\x03\x04", "latin1": "é".encode("latin-1"),
        "one": "أكد وزراء خارجية الدول الأعضاء\n".encode(), "long": ("ا" * 2**20).encode(),
        "french": FRENCH.encode(), "russian": RUSSIAN.encode(), "haiti_ar": HAITI_AR.encode("cp1256"),
        "youth_en": YOUTH_EN.encode(), "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    }
    for name, data in contents.items():
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_bytes(data)
    big = tmp_path / "big.txt"  # 10 MB of Arabic: read and segmented, then refused against 79 clauses
    text = ar.read_text(encoding="utf-8") + "\n"
    copies = 10 * 2**20 // len(text.encode()) + 1
    big.write_text(text * copies, encoding="utf-8")
    files["big"] = big
    files["big_clauses"] = f"{len(segment(text, 'ar')) * copies:,}"  # each copy segments alike
    (tmp_path / "out").mkdir()
    return {k: str(v) for k, v in files.items()}


CLI_BAD_INPUTS = [
    ("empty", ["{empty}", "{en}"], "{empty}: no text (the file is empty or blank)"),
    ("blank", ["{blank}", "{en}"], "{blank}: no text (the file is empty or blank)"),
    ("binary", ["{binary}", "{en}"], "{binary}: binary data, not text"),
    ("directory", ["{dir}", "{en}"], "{dir}: is a directory, not a file"),
    ("missing", ["{ar}", "{missing}"], "{missing}: no such file"),
    ("line of 1 MB", ["{long}", "{en}"], "{long}: line 1 has 1,048,576 characters (at most 100,000 in a "
                                         "paragraph): not the text of a resolution"),
    ("10 MB", ["{big}", "{en}"], "{big} has {big_clauses} clauses and {en} has 79 clauses: not versions of the "
                                 "same text (or one lost its line breaks)"),
    ("one against many", ["{one}", "{en}"], "{one} has 1 clause and {en} has 79 clauses: not versions of the "
                                            "same text (or one lost its line breaks)"),
    ("Latin-1 é", ["{latin1}", "{en}"], "{latin1} and {en} are both English (Latin script): the first file "
                                        "must be Arabic"),
    ("English twice", ["{en}", "{en}"], "{en} and {en} are both English (Latin script): the first file must be Arabic"),
    ("Arabic twice", ["{ar}", "{ar}"], "{ar} and {ar} are both Arabic: the second file must be English"),
    ("French", ["{ar}", "{french}"], "{french}: neither Arabic nor English text (Latin letters, but not English)"),
    ("Russian", ["{russian}", "{en}"], "{russian}: neither Arabic nor English text (mostly Cyrillic letters)"),
    ("swapped, --no-swap", ["{en}", "{ar}", "--no-swap"], "{en} is English and {ar} is Arabic: give the Arabic "
                                                          "file first"),
    ("old .doc", ["{doc}", "{en}"], "{doc}: an old Office file (.doc): save it as .docx, PDF or text"),
    ("stdin twice", ["-", "-"], "only one of the two files can be standard input (-)"),
    ("unrelated", ["{haiti_ar}", "{youth_en}"], "{haiti_ar} and {youth_en} do not look like translations of each "
                                                "other (median best-match similarity {score}; translations "
                                                "score above 0.40)"),
]


@pytest.mark.parametrize("case, args, message", CLI_BAD_INPUTS, ids=[c[0] for c in CLI_BAD_INPUTS])
def test_bad_input_through_the_cli_is_one_line_exit_2_and_no_output(case, args, message, bad_inputs, use_backend):
    names = dict(bad_inputs)
    if case == "unrelated":
        ar, en = read_document_clauses(names["haiti_ar"], "ar"), read_document_clauses(names["youth_en"], "en")
        vectors = use_backend.embed([c.text for c in ar] + [c.text for c in en])  # as the pipeline does
        names["score"] = f"{unrelated_score(vectors[:len(ar)], vectors[len(ar):]):.2f}"
    output = Path(names["dir"]) / "out" / "report.json"
    result = runner.invoke(app, ["check", *[a.format(**names) for a in args], "--format", "json",
                                 "--output", str(output)])
    assert result.exit_code == 2
    assert result.stderr == "align: " + message.format(**names) + "\n"
    assert "Traceback" not in result.output and result.stdout == ""
    assert list(output.parent.iterdir()) == []


def read_document_clauses(path: str, lang: str):
    from align.pipeline import read_document

    return read_document(path, lang, False).clauses


def test_output_in_a_missing_directory_fails_before_reading(bad_inputs):
    missing = bad_inputs["missing"]
    result = runner.invoke(app, ["check", bad_inputs["binary"], bad_inputs["en"], "-o", f"{missing}/r.json"])
    assert (result.exit_code, result.stderr) == (2, f"align: {missing}/r.json: directory {missing} does not exist\n")


def test_true_pair_of_the_unrelated_fixture_passes(tmp_path, monkeypatch, use_backend, shared_cache):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(shared_cache))
    (tmp_path / "ar.txt").write_text(HAITI_AR, encoding="utf-8")
    (tmp_path / "en.txt").write_text(HAITI_EN, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--bidi", "off"])
    assert result.exit_code in (0, 1) and result.stderr == ""


def test_swapped_files_are_swapped_with_a_warning(tmp_path, monkeypatch, use_backend, shared_cache):
    import json

    monkeypatch.setenv("ALIGN_CACHE_DIR", str(shared_cache))
    ar, en = bundled_pair()
    result = runner.invoke(app, ["check", str(en), str(ar), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    assert result.stderr == (f"align: warning: {en} is English and {ar} is Arabic: read them the other way "
                             "round (--no-swap to refuse)\n")
    report = json.loads(result.stdout)
    assert (report["ar"]["path"], report["en"]["path"]) == (str(ar), str(en))
    assert report["warnings"] == [result.stderr[len("align: warning: "):-1]]
    assert report["summary"]["gaps"] == 0


def test_arabic_from_standard_input_in_windows_1256(tmp_path, monkeypatch, use_backend, shared_cache):
    import json

    monkeypatch.setenv("ALIGN_CACHE_DIR", str(shared_cache))
    ar, en = bundled_pair()
    data = ar.read_text(encoding="utf-8").encode("cp1256")
    result = runner.invoke(app, ["check", "-", str(en), "--format", "json", "--fail-on", "never"], input=data)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["ar"]["path"], report["ar"]["encoding"], report["ar"]["format"]) == ("<stdin>", "cp1256", "text")
    assert (report["en"]["encoding"], report["en"]["format"]) == ("utf-8", "text")
