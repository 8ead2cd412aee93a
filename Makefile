# The two commands of the README: `make run` and `make test`.
VENV := .venv/bin
DB ?= data/sitroom.duckdb

.PHONY: run test lint env browser serve eval bench fuzz clean

env:
	@scripts/setup-env.sh

browser:
	@scripts/setup-browser.sh

## make run: set up, ingest the example corpus into the default store, print what it found.
run: env
	@mkdir -p data
	$(VENV)/sitroom ingest examples --db $(DB)
	$(VENV)/sitroom stats --db $(DB)
	@echo "Serve it with: $(VENV)/sitroom serve --db $(DB)  (http://127.0.0.1:8000)"

## make test: set up (browser included), check style and types, and run the whole test suite
## (the import contracts run inside it: tests/test_architecture.py).
test: env browser lint
	@$(VENV)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "FAILED: pytest collected no tests" >&2; exit 1; fi; exit $$rc

## make lint: ruff (lint and format) and mypy, as CI runs them.
lint: env
	$(VENV)/ruff check src tests scripts
	$(VENV)/ruff format --check src tests scripts
	$(VENV)/mypy

serve: env
	$(VENV)/sitroom serve --db $(DB)

eval: env
	$(VENV)/sitroom eval

bench: env
	$(VENV)/sitroom bench

## make fuzz: the fuzz-marked tests with 20000 examples each, then coverage-guided atheris when installed.
fuzz: env
	SITROOM_FUZZ_EXAMPLES=20000 $(VENV)/python -m pytest -q -p no:cacheprovider tests -m fuzz
	@if $(VENV)/python -c "import atheris" 2>/dev/null; then \
	  $(VENV)/python scripts/fuzz_atheris.py -atheris_runs=200000 -max_len=4096 -timeout=10 -rss_limit_mb=3072; \
	else echo "atheris not installed (pip install -e '.[fuzz]'): coverage-guided run skipped"; fi

clean:
	rm -rf data test-artifacts
