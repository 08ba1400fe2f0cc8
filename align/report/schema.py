"""The JSON Schemas of what align writes for programs: the report (``align check --format json``, version 1)
and a batch's ``combined.json``. They ship in ``align/data/schemas/``; ``align schema`` prints them.

A schema allows properties it does not name (fields may be added to version 1), and names every field a
version-1 file has: a report that validates is one a program written against version 1 can read.
"""

from __future__ import annotations

import json

from align.files import data_path

SCHEMAS = {"report": "report-v1.schema.json", "combined": "combined-v1.schema.json"}


def schema_text(name: str) -> str:
    """The schema ``name`` (a key of :data:`SCHEMAS`) as shipped. Raises ``KeyError`` for another name."""
    return data_path(f"schemas/{SCHEMAS[name]}").read_text(encoding="utf-8")


def schema(name: str) -> dict:
    """The schema ``name``, parsed."""
    return json.loads(schema_text(name))
