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
