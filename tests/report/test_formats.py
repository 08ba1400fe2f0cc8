"""Report formats: each machine format parsed and checked against the JSON report; the HTML seen in Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align import cli
import align.cli.options  # noqa: F401 - cli.options below
from align.report.formats import BINARY_FORMATS, FORMATS, FormatOptions
from align.report.model import SEVERITY_RANK

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FAIL_ONS = ("error", "warning", "info", "never")


@pytest.fixture(scope="module")
def damaged_pair(tmp_path_factory, bundled_texts):
    """The bundled resolution with one English paragraph deleted (a gap) and (62,500) changed to (62,600)."""
    directory = tmp_path_factory.mktemp("damaged")
    ar, en = directory / "resolution.ar.txt", directory / "resolution.en.txt"
    lines = bundled_texts[1].split("\n")
    ar.write_text(bundled_texts[0], encoding="utf-8")
    en.write_text("\n".join(lines[:10] + lines[11:]).replace("(62,500)", "(62,600)"), encoding="utf-8")
    return ar, en


@pytest.fixture(scope="module")
def report(damaged_pair, use_backend):
    from align.pipeline import check_files

    return check_files(*damaged_pair, embedder=use_backend)


@pytest.fixture(scope="module")
def expected(report):
    """What every format is checked against: the JSON report."""
    return json.loads(report.to_json())


def row_texts(expected: dict, row: dict) -> tuple[str, str]:
    return (" ".join(expected["ar"]["clauses"][i]["text"] for i in row["ar"]),
            " ".join(expected["en"]["clauses"][j]["text"] for j in row["en"]))


def row_of_finding(expected: dict, finding: dict) -> int:
    side, index = ("ar", finding["ar"][0]) if finding["ar"] else ("en", finding["en"][0])
    return next(k for k, row in enumerate(expected["alignment"]) if index in row[side])


def test_the_damaged_pair_has_the_findings_the_formats_must_show(expected):
    checks = {f["check"] for f in expected["findings"]}
    assert {"gap", "number-mismatch"} <= checks
    numbers = next(f for f in expected["findings"] if f["check"] == "number-mismatch" and f["en_spans"])
    assert [s["text"] for s in numbers["en_spans"]] == ["62,600"]


def test_the_registry_matches_the_command_line_choices():
    assert set(FORMATS) == {f.value for f in cli.options.ReportFormat} - {"table"}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_formatter_returns_text_or_bytes_as_declared(report, name):
    out = FORMATS[name](report, FormatOptions())
    assert isinstance(out, bytes if name in BINARY_FORMATS else str) and len(out) > 0


def test_json_format_is_the_report_itself(report):
    assert FORMATS["json"](report, FormatOptions()) == report.to_json()


# TMX

@pytest.mark.parametrize("include_gaps", [False, True])
def test_tmx_units_are_the_alignment_rows(report, expected, include_gaps):
    root = ET.fromstring(FORMATS["tmx"](report, FormatOptions(tmx_include_gaps=include_gaps)).encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang",
                      "datatype"):
        assert header.get(attribute), attribute
    rows = [(k, row) for k, row in enumerate(expected["alignment"]) if include_gaps or (row["ar"] and row["en"])]
    units = root.findall("body/tu")
    assert len(units) == len(rows)
    for unit, (k, row) in zip(units, rows):
        assert unit.get("tuid") == str(k + 1)
        segs = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in unit.findall("tuv")}
        ar_text, en_text = row_texts(expected, row)
        assert segs == {lang: text for lang, text in (("ar", ar_text), ("en", en_text)) if text}
        if not (row["ar"] and row["en"]):
            assert any(note.text.startswith("gap: no ") for note in unit.findall("note"))


def test_tmx_leaves_gaps_out_by_default_and_the_gaps_exist(expected):
    assert any(not (row["ar"] and row["en"]) for row in expected["alignment"])


# SARIF

@pytest.fixture(scope="module")
def sarif(report, damaged_pair):
    return json.loads(FORMATS["sarif"](report, FormatOptions(base_dir=damaged_pair[0].parent)))


def test_sarif_is_valid_against_the_official_2_1_0_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(sarif), key=str)
    assert not errors, errors[0].message


def test_sarif_has_one_rule_per_check(sarif):
    from align.check.registry import CHECKS

    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CHECKS)
    assert all(r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in rules)


def test_sarif_results_are_the_findings_at_their_file_line_and_column(sarif, expected, damaged_pair):
    files = {"resolution.ar.txt": ("ar", damaged_pair[0]), "resolution.en.txt": ("en", damaged_pair[1])}
    run = sarif["runs"][0]
    results = run["results"]
    assert len(results) == len(expected["findings"])
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, expected["findings"]):
        assert result["ruleId"] == finding["check"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["check"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        for location in result["locations"] + result.get("relatedLocations", []):
            physical = location["physicalLocation"]
            side, path = files[physical["artifactLocation"]["uri"]]
            region = physical["region"]
            assert finding[f"{side}_location"] == {"line": region["startLine"], "column": region["startColumn"]}
            line = path.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:].startswith(region["snippet"]["text"])
        if not finding["en"]:  # a gap of the English points at the Arabic clause that has no counterpart
            assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "resolution.ar.txt"


# JUnit

@pytest.mark.parametrize("fail_on", FAIL_ONS)
def test_junit_has_a_case_per_row_and_failures_exactly_at_fail_on(report, expected, fail_on):
    root = ET.fromstring(FORMATS["junit"](report, FormatOptions(fail_on=fail_on)).encode("utf-8"))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(expected["alignment"]) == int(root.get("tests"))
    failing_rows: dict[int, list[dict]] = {}
    for finding in expected["findings"]:
        if fail_on != "never" and SEVERITY_RANK[finding["severity"]] >= SEVERITY_RANK[fail_on]:
            failing_rows.setdefault(row_of_finding(expected, finding), []).append(finding)
    assert {k for k, case in enumerate(cases) if case.find("failure") is not None} == set(failing_rows)
    assert int(root.get("failures")) == int(root.find("testsuite").get("failures")) == len(failing_rows)
    for k, findings in failing_rows.items():
        text = cases[k].find("failure").text
        assert all(f["message"] in text for f in findings)


# GitHub annotations

_ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=\d+,col=(\d+),"
                         r"endColumn=\d+,title=([^:]+)::(.*)$")


def test_github_annotations_point_at_each_finding(report, expected, damaged_pair):
    text = FORMATS["github"](report, FormatOptions(base_dir=damaged_pair[0].parent))
    lines = text.splitlines()
    assert len(lines) == len(expected["findings"])
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, expected["findings"]):
        match = _ANNOTATION.match(line)
        assert match, line
        command, path, row, column, title, message = match.groups()
        side = "ar" if path == "resolution.ar.txt" else "en"
        assert command == commands[finding["severity"]]
        assert finding[f"{side}_location"] == {"line": int(row), "column": int(column)}
        assert finding["check"] in title
        where = (f'AR {_where(expected, finding, "ar")} · EN {_where(expected, finding, "en")}')
        assert message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == \
            f'{finding["message"]} [{where}]'


def _where(expected: dict, finding: dict, side: str) -> str:
    """A side's location as the formats write it, from the JSON report: "paragraph 3 (resolution.ar.txt:3)"."""
    labels, lines = finding[f"{side}_paragraphs"], finding[f"{side}_lines"]
    if not labels:
        return "—"
    name = expected[side]["path"].rsplit("/", 1)[-1]
    paragraphs = f"paragraph {labels[0]}" if len(labels) == 1 else f"paragraphs {labels[0]}–{labels[-1]}"
    span = str(lines[0]) if len(lines) == 1 else f"{lines[0]}–{lines[-1]}"
    return f"{paragraphs} ({name}:{span})"


# CSV and XLSX through pandas

def _check_table(frame, expected):
    assert len(frame) == len(expected["alignment"])
    findings_per_row = [0] * len(expected["alignment"])
    for finding in expected["findings"]:
        findings_per_row[row_of_finding(expected, finding)] += 1
    for (_, record), row, count in zip(frame.iterrows(), expected["alignment"], findings_per_row):
        ar_text, en_text = row_texts(expected, row)
        assert (record["ar_text"] if isinstance(record["ar_text"], str) else "") == ar_text
        assert (record["en_text"] if isinstance(record["en_text"], str) else "") == en_text
        assert int(record["findings"]) == count
        if row["score"] is None:
            assert record["score"] != record["score"]  # NaN
        else:
            assert abs(float(record["score"]) - row["score"]) < 1e-4
    assert int(frame["errors"].sum()) == expected["summary"]["findings"]["error"]
    assert int(frame["gap"].sum()) == expected["summary"]["gaps"]


def test_csv_round_trips_through_pandas(report, expected):
    pd = pytest.importorskip("pandas")
    text = FORMATS["csv"](report, FormatOptions())
    assert text.startswith("\ufeffrow,")  # the byte-order mark Excel needs to read UTF-8
    _check_table(pd.read_csv(io.StringIO(text[1:])), expected)
    assert next(csv.reader(io.StringIO(text[1:])))[:3] == ["row", "ar_clauses", "en_clauses"]


def test_xlsx_round_trips_through_pandas_with_arabic_right_to_left(report, expected):
    pd = pytest.importorskip("pandas")
    openpyxl = pytest.importorskip("openpyxl")
    data = FORMATS["xlsx"](report, FormatOptions())
    _check_table(pd.read_excel(io.BytesIO(data), sheet_name="alignment"), expected)
    findings = pd.read_excel(io.BytesIO(data), sheet_name="findings")
    assert list(findings["check"]) == [f["check"] for f in expected["findings"]]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["alignment"]
    header = [c.value for c in sheet[1]]
    ar_column = header.index("ar_text") + 1
    arabic = [sheet.cell(row=r, column=ar_column) for r in range(2, sheet.max_row + 1)]
    assert all(c.alignment.horizontal == "right" and c.alignment.readingOrder == 2 for c in arabic)
    en_cell = sheet.cell(row=2, column=header.index("en_text") + 1)
    assert en_cell.alignment.horizontal != "right"


# HTML, statically

class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict] = []
        self.marks: list[str] = []
        self.rows: list[dict] = []
        self.external: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):  # a link inside the page
                self.external.append(attrs[key])
        if tag == "link":
            self.external.append(str(attrs))
        if tag == "td" and "class" in attrs and attrs["class"].split()[0] in ("ar", "en"):
            self.cells.append(attrs)
        if tag == "tr" and "data-row" in attrs and "finding-row" not in attrs.get("class", ""):
            self.rows.append(attrs)
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data


@pytest.mark.parametrize("text, side, direction", [
    ("6 February 2015", "ar", "ltr"),  # printed in the Arabic version as the English prints it
    ("1 - يدين الهجوم", "ar", None),
    ("UNRWA تقدم المساعدة", "ar", None),  # Arabic with a name in Latin: the column's own direction
    ("وكالة الأونروا", "en", "rtl"),
    ("Condemns the attack", "en", None),
])
def test_html_lays_out_a_clause_wholly_in_the_other_script_in_its_own_direction(text, side, direction):
    from align.report.formats.html import _own_direction

    assert _own_direction(text, side) == direction


def test_html_is_self_contained_and_shows_every_row_span_and_gap(report, expected):
    page = FORMATS["html"](report, FormatOptions())
    parsed = _Collector()
    parsed.feed(page)
    assert parsed.external == [] and "http://" not in page and "https://" not in page and "@import" not in page
    assert len(parsed.rows) == len(expected["alignment"])
    arabic = [c for c in parsed.cells if c["class"].startswith("ar")]
    assert len(arabic) == len(expected["alignment"])
    assert all(c.get("dir") == "rtl" and c.get("lang") == "ar" for c in arabic)
    gaps = [c for c in parsed.cells if "gap" in c["class"].split()]
    assert len(gaps) == expected["summary"]["gaps"] > 0
    spans = [s["text"] for f in expected["findings"] for s in f["ar_spans"] + f["en_spans"]]
    assert sorted(parsed.marks) == sorted(spans)
    for finding in expected["findings"]:
        assert f'data-check="{finding["check"]}"' in page
    assert "Noto Naskh Arabic" in page and "@media print" in page
    assert expected["signature"].replace("&", "&amp;") in page or expected["signature"] in page


# The command line

@pytest.fixture
def prepared(monkeypatch, report):
    """`align check` returning the damaged report without running the model again."""
    import align.pipeline

    monkeypatch.setattr(align.pipeline, "check_files", lambda *args, **kwargs: report)
    return CliRunner()


@pytest.mark.parametrize("name", ["json", "html", "tmx", "sarif", "junit", "github", "csv"])
def test_check_prints_every_text_format(prepared, report, name):
    result = prepared.invoke(cli.app, ["check", "a.txt", "b.txt", "--format", name, "--tmx-include-gaps"])
    assert result.exit_code == 1, result.output  # the damaged pair has errors
    assert result.stdout == FORMATS[name](report, FormatOptions(tmx_include_gaps=True))


def test_check_writes_xlsx_to_a_file(prepared, tmp_path):
    pytest.importorskip("openpyxl")
    target = tmp_path / "report.xlsx"
    result = prepared.invoke(cli.app, ["check", "a.txt", "b.txt", "-f", "xlsx", "-o", str(target),
                                       "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"


def test_check_refuses_xlsx_on_a_terminal(prepared, monkeypatch):
    monkeypatch.setattr(cli.options, "is_terminal", lambda: True)
    result = prepared.invoke(cli.app, ["check", "a.txt", "b.txt", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "xlsx is a binary format: give --output" in result.stderr


# The HTML in a real browser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1600"]

_MEASURE = """<script>
(function () {
  function box(td) {
    var r = td.getBoundingClientRect(), s = getComputedStyle(td);
    return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight),
            top: r.top, bottom: r.bottom};
  }
  function lines(td) {
    var range = document.createRange(); range.selectNodeContents(td);
    var byLine = {};  // a line of mixed Arabic, digits and Latin has one rectangle per bidi run: unite them
    Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; }).forEach(function (r) {
      var key = Math.round(r.top) + ':' + Math.round(r.bottom), line = byLine[key];
      byLine[key] = line ? {left: Math.min(line.left, r.left), right: Math.max(line.right, r.right),
                            top: r.top, bottom: r.bottom}
                         : {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    });
    return Object.values(byLine);
  }
  var out = {cells: []};
  document.querySelectorAll('table.alignment td.ar, table.alignment td.en').forEach(function (td) {
    if (td.classList.contains('gap')) return;
    out.cells.push({lang: td.classList.contains('ar') ? 'ar' : 'en', box: box(td), lines: lines(td),
                    align: getComputedStyle(td).textAlign, direction: getComputedStyle(td).direction});
  });
  var pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script></body>"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="align-chromium-")
    try:
        return subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium():
    if shutil.which("chromium") is None:
        pytest.skip("headless Chromium is not installed and could not be (make test installs Debian's "
                    "'chromium' as root: apt-get install chromium fonts-noto-core)")
    return "chromium"


def test_the_bundled_report_renders_in_chromium_with_arabic_right_aligned(chromium, bundled_report, tmp_path):
    from PIL import Image

    page = tmp_path / "report.html"
    page.write_text(FORMATS["html"](bundled_report, FormatOptions()), encoding="utf-8")
    shot = tmp_path / "report.png"
    taken = _chromium(f"--screenshot={shot}", page.as_uri() + "#all")  # every row, not only those with findings
    assert shot.is_file(), taken.stderr[-2000:]
    if os.environ.get("ALIGN_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["ALIGN_SCREENSHOT_DIR"]) / "bundled-report.png")

    measured = tmp_path / "measured.html"
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", _MEASURE, 1), encoding="utf-8")
    dom = _chromium("--dump-dom", measured.as_uri() + "#all").stdout
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found, "the measuring script did not run"
    cells = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))["cells"]
    assert cells and all(c["direction"] == "rtl" for c in cells if c["lang"] == "ar")

    image = Image.open(shot).convert("L")
    width, height = image.size
    pixels = image.load()
    ink = sum(1 for x in range(0, width, 4) for y in range(0, height, 4) if pixels[x, y] < 160)
    assert ink > 0.02 * (width // 4) * (height // 4), "the page looks blank"

    def ink_columns(left: float, right: float, top: float, bottom: float) -> list[int]:
        return [x for x in range(max(0, int(left) - 2), min(width, int(right) + 3))
                if any(pixels[x, y] < 128 for y in range(max(0, int(top) + 2), min(height, int(bottom) - 2)))]

    visible = [c for c in cells if c["box"]["bottom"] < height]
    arabic = [c for c in visible if c["lang"] == "ar"]
    english = [c for c in visible if c["lang"] == "en"]
    assert len(arabic) >= 3 and len(english) >= 3
    short_lines = 0
    for cell in arabic:
        for line in cell["lines"]:
            columns = ink_columns(line["left"], line["right"], line["top"], line["bottom"])
            assert columns, "an Arabic line without ink"
            assert max(columns) >= cell["box"]["right"] - 6, "an Arabic line that does not reach the right edge"
            short_lines += min(columns) > cell["box"]["left"] + 40
    for cell in english:
        for line in cell["lines"]:
            columns = ink_columns(line["left"], line["right"], line["top"], line["bottom"])
            assert columns and min(columns) <= cell["box"]["left"] + 6, "an English line not at the left edge"
    assert short_lines >= 1, "no short Arabic line to show the right alignment"


_MEASURE_FINDINGS = """<script>
(function () {
  var out = {items: [], rows: 0, quotes: []};
  document.querySelectorAll('.findings-list li').forEach(function (li) {
    var r = li.getBoundingClientRect();
    out.items.push({check: li.dataset.check, visible: r.height > 0, href: li.querySelector('a').getAttribute('href')});
  });
  document.querySelectorAll('table.alignment tbody tr[data-row]:not(.finding-row)').forEach(function (tr) {
    if (tr.getBoundingClientRect().height > 0) out.rows += 1;
  });
  document.querySelectorAll('.findings-list .message bdi').forEach(function (b) {
    var s = getComputedStyle(b);
    out.quotes.push({text: b.textContent, direction: s.direction, isolated: s.unicodeBidi,
                     outer: getComputedStyle(b.parentElement).direction});
  });
  var pre = document.createElement('pre'); pre.id = 'measure'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script></body>"""


def test_the_bundled_report_opens_on_its_findings_with_arabic_quotes_isolated(chromium, bundled_report, tmp_path):
    """As a reviser opens it: the findings list first (each linking to its row), only the rows with findings
    shown, and every Arabic quotation in an English message isolated, running right to left inside it."""
    page = tmp_path / "report.html"
    page.write_text(FORMATS["html"](bundled_report, FormatOptions()).replace("</body>", _MEASURE_FINDINGS, 1),
                    encoding="utf-8")
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found, "the measuring script did not run"
    seen = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert [i["check"] for i in seen["items"]] == ["verb-mismatch", "term-mismatch"]  # worst first
    assert all(i["visible"] and i["href"].startswith("#row-") for i in seen["items"])
    assert seen["rows"] == 2  # of 77: the rows with findings
    arabic = [q for q in seen["quotes"] if re.search("[\u0600-\u06ff]", q["text"])]
    assert arabic and all(q["direction"] == "rtl" and q["isolated"] == "isolate" and q["outer"] == "ltr"
                          for q in arabic)
    everything = _chromium("--dump-dom", page.as_uri() + "#all").stdout
    assert json.loads(re.search(r'<pre id="measure">(.*?)</pre>', everything, re.S).group(1)
                      .replace("&quot;", '"').replace("&amp;", "&"))["rows"] == 77


@pytest.mark.parametrize("ar_label, en_label, ar_where, en_where", [
    ("( 2 )", "(2)", "AR paragraph (2) · ar.txt:2:", "EN paragraph (2) · en.txt:2:"),
    ("2 -", "2.", "AR paragraph 2 · ar.txt:2:", "EN paragraph 2 · en.txt:2:"),
    ("(ب)", "(b)", "AR paragraph (ب) · ar.txt:2:", "EN paragraph (b) · en.txt:2:"),
])
def test_a_findings_location_line_names_its_paragraph_as_labelled(tmp_path, use_backend, ar_label, en_label,
                                                                  ar_where, en_where):
    """A label in parentheses ("( 2 )") was cut out of the location line ("AR paragraph · ar.txt:2")."""
    from typer.testing import CliRunner

    from align import cli

    (tmp_path / "ar.txt").write_text(f"يقرر المجلس إنشاء لجنة من خمسة أعضاء.\n{ar_label} يطلب إلى الأمين العام "
                                     "تقديم تقرير في غضون 30 يوما.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(f"The Council decides to establish a committee of five members.\n{en_label} "
                                     "Requests the Secretary-General to report within 60 days.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["check", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "-q",
                                          "--no-cache", "--bidi", "off"])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert any(line.startswith(ar_where) for line in lines), result.stdout
    assert any(line.startswith(en_where) for line in lines), result.stdout


@pytest.mark.parametrize("logical, shown", [
    # brackets and guillemets of a right-to-left run are drawn mirrored, so they read the right way round
    ("الفقرة ( 2 ) من القرار", "ﺭﺍﺮﻘﻟﺍ ﻦﻣ ( 2 ) ﺓﺮﻘﻔﻟﺍ"),
    ("القرار «(E1)» هنا", "ﺎﻨﻫ «(E1)» ﺭﺍﺮﻘﻟﺍ"),
    # brackets between Latin letters stay as they are
    ("وثيقة (A/RES/77/1) للأمم", "ﻢﻣﻸﻟ (A/RES/77/1) ﺔﻘﻴﺛﻭ"),
    # a name is drawn letter by letter: no word ligature (U+FDF2 "Allah"); lam-alef is joined as it must be
    ("عبدالله بن زايد", "ﺪﻳﺍﺯ ﻦﺑ ﻪﻠﻟﺍﺪﺒﻋ"),
    ("لا يجوز", "ﺯﻮﺠﻳ ﻻ"),
])
def test_arabic_on_a_terminal_without_bidi_keeps_brackets_and_names(logical, shown):
    from align.report.formats.terminal import visual_order

    assert visual_order(logical) == shown
    assert "\ufdf2" not in visual_order(logical)
