# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench install clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=..." >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m compileall -q pipeline schemas tests >/dev/null  # an editable install is not compiled
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run raw --out output

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline schemas tests scripts
	$(VENV)/bin/ruff format --check pipeline schemas tests scripts
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m compileall -q pipeline schemas tests >/dev/null  # timings without compiling sources
	$(PY) -m tests.support.bench

clean:
	rm -rf output .pytest_cache
