"""Shared fixtures: the bundled resolution, the USE backend (loaded once), the team's dev data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from align.read.inputs import bundled_pair

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
# the team's data, through the one setting tests and benches share: ALIGN_SHARED_DATA (default ../shared/data)
DEV = Path(os.environ.get("ALIGN_SHARED_DATA", ROOT.parent / "shared" / "data")) / "dev"


@pytest.fixture(scope="session", autouse=True)
def private_cache_directory(tmp_path_factory):
    """Embeddings and compiled glossaries the tests write go to a directory of their own, not the user's."""
    before = os.environ.get("ALIGN_CACHE_DIR")
    os.environ["ALIGN_CACHE_DIR"] = str(tmp_path_factory.mktemp("align-cache"))
    yield
    if before is None:
        os.environ.pop("ALIGN_CACHE_DIR", None)
    else:
        os.environ["ALIGN_CACHE_DIR"] = before


def schema_validator(name: str):
    """A validator of the shipped schema ``name`` ("report", "combined"), the two resolving each other."""
    import jsonschema
    from referencing import Registry, Resource

    from align.report.schema import SCHEMAS, schema

    registry = Registry().with_resources((SCHEMAS[k], Resource.from_contents(schema(k))) for k in SCHEMAS)
    validator = jsonschema.Draft202012Validator(schema(name), registry=registry)
    validator.check_schema(schema(name))
    return validator


def schema_errors(data: dict, name: str) -> list[str]:
    """What makes ``data`` invalid against schema ``name``: one line per error, with where it is."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in sorted(_validators(name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]


_VALIDATORS: dict = {}


def _validators(name: str):
    if name not in _VALIDATORS:
        _VALIDATORS[name] = schema_validator(name)
    return _VALIDATORS[name]


@pytest.fixture(scope="session", autouse=True)
def every_report_follows_its_schema():
    """Every report and combined.json the test suite builds in this process is validated against its shipped
    schema as it is built: a field the code writes that the schema does not allow fails the test that wrote it
    (reports written by batch worker processes: tests/report/test_schema.py)."""
    from align.batch.results import BatchResult
    from align.report.model import Report

    originals = {Report: Report.to_dict, BatchResult: BatchResult.to_dict}

    def checked(cls, name):
        def to_dict(self):
            data = originals[cls](self)
            errors = schema_errors(data, name)
            if errors:
                raise AssertionError(f"{cls.__name__}.to_dict() does not follow the {name} schema: "
                                     + "; ".join(errors[:5]))
            return data
        return to_dict

    Report.to_dict, BatchResult.to_dict = checked(Report, "report"), checked(BatchResult, "combined")
    yield
    Report.to_dict, BatchResult.to_dict = originals[Report], originals[BatchResult]


@pytest.fixture(scope="session")
def bundled_texts() -> tuple[str, str]:
    ar, en = bundled_pair()
    return ar.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def use_backend():
    from align.embed.backends import get_backend

    return get_backend("use")


@pytest.fixture(scope="session")
def bundled_report(use_backend):
    from align.pipeline import check_files

    return check_files(embedder=use_backend)


def dev_set(name: str) -> Path:
    path = DEV / name
    if not path.is_dir():
        pytest.skip(f"dev data {path} is not on this machine")
    return path
