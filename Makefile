# Two commands: `make demo` and `make test`. Both create .venv when missing and install
# pinned dependencies idempotently (a stamp file records what was installed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The venv has no pip of its own (saves ~25 MB): the interpreter's pip installs into it, without
# precompiling bytecode (Python caches what it imports; ~40 MB of .pyc never used otherwise).
PIP    := $(PYTHON) -m pip --python $(BIN)/python install --disable-pip-version-check -q --no-compile -c constraints.txt
RUNTIME_STAMP := $(VENV)/.stamp-runtime
DEV_STAMP     := $(VENV)/.stamp-dev

.PHONY: demo test lint bench train serve lock clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)

$(RUNTIME_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP)
	$(PIP) -e ".[dev]"
	touch $@

demo: $(RUNTIME_STAMP)
	$(BIN)/heron demo

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The README's pictures of the web app, taken by the browser test on the seeds.
screenshots: $(DEV_STAMP)
	HERON_SCREENSHOTS=1 HERON_REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/test_web_browser.py -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Rebuild the shipped event and quote models (src/heron/data/models) from the gold corpus in
# bench/data/gold (train split; thresholds tuned on dev). Deterministic; a few minutes on 2 cores.
train: $(RUNTIME_STAMP)
	python3 bench/gold_tool.py compile
	$(BIN)/python scripts/train.py
	$(BIN)/python scripts/train_quotes.py

bench: $(DEV_STAMP)
	for b in $(filter-out bench/_report.py bench/gold_tool.py,$(wildcard bench/*.py)); do \
	  $(BIN)/python $$b || exit 1; done

serve: $(RUNTIME_STAMP)
	$(BIN)/heron serve --db heron-demo.db

# Re-pin every installed package after changing dependencies in pyproject.toml.
lock: $(DEV_STAMP)
	{ echo "# Pinned versions of every dependency (direct and transitive) that make installs."; \
	  echo "# Regenerate with: make lock"; \
	  $(PYTHON) -m pip --python $(BIN)/python freeze --exclude-editable; } > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
