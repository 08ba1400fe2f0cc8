"""The documentation: docs/checks.md is what scripts/build_docs.py makes of the check registry, the README stays
a short guide with its quick start, every relative link (and the heading it names) resolves, and the benchmark
blocks are in place."""

from __future__ import annotations

import importlib.util
import re

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
# The blocks the benchmark scripts rewrite (bench/run.py, bench/backends.py, bench/speed.py).
BENCH_BLOCKS = ["bench", "bench-checks", "bench-sweep", "bench-readings", "bench-alignar", "bench-mixed",
                "bench-merges", "bench-partial", "bench-backends", "bench-speed"]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _build_docs():
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_checks_page_is_what_the_registry_gives_now():
    build_docs = _build_docs()
    assert (DOCS / "checks.md").read_text(encoding="utf-8") == build_docs.render(), \
        "docs/checks.md is stale: run python scripts/build_docs.py"


def test_the_checks_page_has_a_section_per_registered_check():
    try:
        from align.check.registry import CHECKS
    except ImportError:
        from align.check import CHECKS
    checks = list(CHECKS.values()) if isinstance(CHECKS, dict) else list(CHECKS)
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    for check in checks:
        assert f"\n## {check.id}\n" in text
        assert check.description in text


def test_the_readme_is_a_short_guide_with_the_quick_start():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    quick_start = re.search(r"## Quick start\n(.*?)\n## ", text, re.S).group(1)
    assert re.search(r"^make demo\b", quick_start, re.M)
    assert re.search(r"^make test\b", quick_start, re.M)
    demo = re.search(r"<!-- demo:start -->\n```\n(.*?)```\n<!-- demo:end -->", text, re.S)
    assert demo and demo.group(1).startswith("$ make demo\n")


def test_xlsx_is_not_said_to_need_an_extra():
    """pandas and openpyxl are core dependencies; `reports` is an empty extra kept for old commands."""
    for path in [README, *DOCS.glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"xlsx[^\n]*needs? (the )?`?\[?reports", text, re.I), path.name
        assert not re.search(r"clausealign\[reports\]'?` (adds|for)", text), path.name


def _markdown_files():
    return [README, ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


def _anchors(path) -> set[str]:
    """The heading anchors GitHub gives a markdown file: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            for heading in re.findall(r"^#{1,6} (.+)$", text, re.M)}


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_points_at_a_file_that_exists(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold examples, not links
    missing = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue  # a URL
        file, _, anchor = target.partition("#")
        linked = path.parent / file if file else path
        if not linked.exists():
            missing.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            missing.append(target)  # a heading that is not there
    assert missing == []


def test_every_benchmark_block_is_in_the_benchmarks_page_once():
    text = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    for name in BENCH_BLOCKS:
        assert text.count(f"<!-- {name}:start -->") == 1, name
        assert text.count(f"<!-- {name}:end -->") == 1, name
        assert text.index(f"<!-- {name}:start -->") < text.index(f"<!-- {name}:end -->")
    readme = README.read_text(encoding="utf-8")
    assert not any(f"<!-- {name}:start -->" in readme for name in BENCH_BLOCKS)


def test_the_benchmark_blocks_name_the_command_that_writes_them():
    """Rewriting a block with its own table gives the file back: the "Measured with" line is the script's."""
    from bench import backends
    from bench.run import replace_block

    text = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    for name in BENCH_BLOCKS:
        block = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", text, re.S).group(1)
        if name == "bench-backends":
            assert block.startswith(f"Measured with `{backends.COMMAND}`")
            continue
        command = "python -m bench.speed" if name == "bench-speed" else "make bench"
        first, body = block.split("\n\n", 1)
        assert replace_block(text, name, body, command) == text, name
