# The two set-up commands of the README: `make demo` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
JIXIAO  := $(VENV)/bin/jixiao
SAMPLES := $(wildcard samples/*.pdf samples/*.docx samples/*.html samples/*.txt samples/real/*.pdf)

.PHONY: demo test test-fast system lint bench eval fuzz schema clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -c 'from patterns.segment import cache_path; cache_path()'  # jieba's dictionary by character pair, read lazily (issue 18)
	touch $@

install: $(VENV)/.installed

## demo: install, then extract and check every bundled sample (JSON into out/)
demo: $(VENV)/.installed
	$(JIXIAO) extract $(SAMPLES) -o out
	$(JIXIAO) check $(SAMPLES) -o out; status=$$?; test $$status -le 1

## system: the Debian packages and servers the tests use (PostgreSQL, Chromium, LibreOffice); idempotent
system:
	bash .ci/install-postgres.sh
	bash .ci/install-chromium.sh
	bash .ci/install-libreoffice.sh

## test: the whole test suite (installs what it needs first)
test: $(VENV)/.installed system
	$(PY) -m pytest

## test-fast: everything but the slow, browser, PostgreSQL and OCR tests (markers: conftest.py), under two minutes
test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not slow and not browser and not postgres and not ocr"

## lint: ruff, and the import layering (pyproject.toml [tool.importlinter]: a backwards import fails)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## schema: regenerate the committed JSON Schema from the contract model
schema: $(VENV)/.installed
	$(PY) -m extractor.contract > extractor/contract.schema.json

## bench: pages/s and peak memory per file (extract, whole pipeline, bare pdfplumber), start-up time and memory of short commands, batch throughput against the 2-process ceiling, OCR s/page on one core, oversized files against the size limits, corpus search/stats latency at 1,000,000 indicators
bench: $(VENV)/.installed
	$(PY) benchmarks/run.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/batch.py
	$(PY) benchmarks/ocr.py
	$(PY) benchmarks/limits.py
	$(PY) benchmarks/corpus.py

eval: $(VENV)/.installed
	$(PY) -m evals.run

FUZZ_SECONDS ?= 300
## fuzz: atheris on values, tables, checker and every reader, FUZZ_SECONDS per target (not in `make test`)
fuzz: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[fuzz]'
	$(PY) fuzz/run.py --seconds $(FUZZ_SECONDS) --jobs 2

clean:
	rm -rf out .pytest_cache
