"""The JSON Schemas of what align writes for programs: the report (``align check --format json``, version 1)
and a batch's ``combined.json``. They ship in ``align/data/schemas/``; ``align schema`` prints them.

A schema allows properties it does not name (fields may be added to version 1), and names every field a
version-1 file has: a report that validates is one a program written against version 1 can read.
"""

from __future__ import annotations

import json

from align.files import data_path

SCHEMAS = {"report": "report-v1.schema.json", "combined": "combined-v1.schema.json"}


def shipped(name: str) -> dict:
    """The schema file ``name`` (a key of :data:`SCHEMAS`) as shipped: the combined report's refers to the
    report's definitions (``report-v1.schema.json#/$defs/…``). Raises ``KeyError`` for another name."""
    return json.loads(data_path(f"schemas/{SCHEMAS[name]}").read_text(encoding="utf-8"))


def schema(name: str) -> dict:
    """The schema ``name``, self-contained: the definitions another shipped schema holds are copied in, so any
    validator can use it alone (no reference to resolve)."""
    out = shipped(name)
    prefixes = {f"{SCHEMAS[other]}#/$defs/": other for other in SCHEMAS if other != name}
    borrowed: dict = {}

    def inline(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            for prefix, other in prefixes.items():
                if isinstance(ref, str) and ref.startswith(prefix):
                    borrowed.setdefault(other, shipped(other)["$defs"])
                    node = {**node, "$ref": "#/$defs/" + ref[len(prefix):]}
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    out = inline(out)
    for definitions in borrowed.values():
        out["$defs"] = {**definitions, **out.get("$defs", {})}
    return out


def schema_text(name: str) -> str:
    """The self-contained schema ``name`` as ``align schema`` prints it."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"
