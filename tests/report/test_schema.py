"""The shipped JSON Schemas: valid, printed by ``align schema``, followed by what align writes, and strict enough
to catch a report that breaks the version-1 contract."""

from __future__ import annotations

import copy
import json

import pytest
from typer.testing import CliRunner

from align import cli
from align.report.schema import SCHEMAS, schema, schema_text

from ..conftest import schema_errors

runner = CliRunner()

# objects whose keys are data (check ids, bead shapes, threshold names), not fields; and conditions, which
# constrain some fields of an object the enclosing schema closes
OPEN_OBJECTS = {"thresholds", "beads", "by_check", "if", "then", "else"}


def _closed(node, name: str | None = None):
    """The schema with every object that names its properties closed to others (except OPEN_OBJECTS)."""
    if isinstance(node, dict):
        out = {k: _closed(v, k) for k, v in node.items()}
        if "properties" in out and name not in OPEN_OBJECTS:
            out["additionalProperties"] = False
        if "properties" in out:
            out["properties"] = {k: _closed(v, k) for k, v in node["properties"].items()}
        return out
    if isinstance(node, list):
        return [_closed(v, name) for v in node]
    return node


def strict_errors(data: dict, name: str) -> list[str]:
    """Errors of ``data`` against the schema closed to fields it does not name: the schema documents every
    field align writes (a new field must be added to it)."""
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resources((SCHEMAS[k], Resource.from_contents(_closed(schema(k)))) for k in SCHEMAS)
    validator = jsonschema.Draft202012Validator(_closed(schema(name)), registry=registry)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_shipped_schemas_are_valid_draft_2020_12(name):
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema(name))
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_bundled_report_names_only_fields_the_schema_documents(bundled_report):
    data = json.loads(bundled_report.to_json())
    assert schema_errors(data, "report") == []
    assert strict_errors(data, "report") == []


def _gap_report(bundled_report) -> dict:
    """The bundled report with its first English clause made a gap row (a row shape the schema must take)."""
    data = json.loads(bundled_report.to_json())
    row = data["alignment"][0]
    data["alignment"][0:1] = [dict(row, en=[], score=None, en_paragraphs=[], en_lines=[],
                                   nearest={"counterpart": 0, "similarity": 0.41, "typical": 0.83}),
                              dict(row, ar=[], score=None, ar_paragraphs=[], ar_lines=[])]
    return data


def test_gap_rows_follow_the_schema(bundled_report):
    assert strict_errors(_gap_report(bundled_report), "report") == []


def _drop(path):
    def change(data):
        *parents, last = path
        node = data
        for key in parents:
            node = node[key]
        del node[last]
    return change


def _set(path, value):
    def change(data):
        *parents, last = path
        node = data
        for key in parents:
            node = node[key]
        node[last] = value
    return change


# What would break a program written against version 1: each must make the report invalid.
BROKEN = [
    ("version 2", _set(["version"], 2), "version"),
    ("no signature", _drop(["signature"]), "signature"),
    ("no alignment", _drop(["alignment"]), "alignment"),
    ("a clause without its text", _drop(["ar", "clauses", 0, "text"]), "ar/clauses/0"),
    ("an unknown clause kind", _set(["en", "clauses", 0, "kind"], "heading"), "en/clauses/0/kind"),
    ("a negative clause index in a row", _set(["alignment", 0, "ar"], [-1]), "alignment/0/ar/0"),
    ("a score as text", _set(["alignment", 0, "score"], "0.9"), "alignment/0/score"),
    ("a 0-based file line", _set(["alignment", 0, "en_lines"], [0]), "alignment/0/en_lines/0"),
    ("an unknown severity", _set(["findings", 0, "severity"], "fatal"), "findings/0/severity"),
    ("a finding without a message", _drop(["findings", 0, "message"]), "findings/0"),
    ("a span without its offsets", _drop(["findings", 0, "en_spans", 0, "start"]), "findings/0/en_spans/0"),
    ("a location without a column", _set(["findings", 0, "en_location"], {"line": 3}), "findings/0/en_location"),
    ("summary counts without info", _drop(["summary", "findings", "info"]), "summary/findings"),
    ("a bead shape that is not a-b", _set(["summary", "beads", "one-one"], 3), "summary/beads"),
    ("warnings as one string", _set(["warnings"], "swapped"), "warnings"),
]


@pytest.mark.parametrize("what, change, where", BROKEN, ids=[b[0] for b in BROKEN])
def test_the_schema_rejects_what_breaks_the_contract(bundled_report, what, change, where):
    data = json.loads(bundled_report.to_json())
    data["findings"].sort(key=lambda f: not f["en_spans"])  # the first has spans (the verb finding)
    assert data["findings"][0]["en_spans"]
    change(data)
    errors = schema_errors(data, "report")
    assert errors and any(e.startswith(where) or e.startswith("(top)") and where in e for e in errors), errors


def test_fields_may_be_added_to_version_1(bundled_report):
    data = json.loads(bundled_report.to_json())
    data["confidence_model"] = "v1"
    data["findings"][0]["confidence"] = 0.93
    assert schema_errors(data, "report") == []


@pytest.mark.parametrize("args, name", [([], "report"), (["report"], "report"), (["combined"], "combined")])
def test_align_schema_prints_the_shipped_schema(args, name):
    result = runner.invoke(cli.app, ["schema", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout == schema_text(name)
    assert json.loads(result.stdout)["title"].startswith("align")


def test_align_schema_refuses_an_unknown_name():
    result = runner.invoke(cli.app, ["schema", "sarif"])
    assert result.exit_code == 2
    assert "'sarif' is not one of 'report', 'combined'" in result.output


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_printed_schema_stands_alone(name):
    """align schema prints a schema any validator can use alone: no reference to the other file."""
    import jsonschema

    printed = json.loads(schema_text(name))
    refs = [v for v in _values(printed, "$ref")]
    assert refs and all(ref.startswith("#/$defs/") and ref[8:] in printed["$defs"] for ref in refs)
    jsonschema.Draft202012Validator.check_schema(printed)


def _values(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            yield from _values(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _values(v, key)
