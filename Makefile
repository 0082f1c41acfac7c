# Two commands on a fresh clone: `make site` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
export NO_MKDOCS_2_WARNING := 1
# Two builds of one commit are identical: dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: setup site serve serve-de preview lint test validate schema bench bench-10k bench-10k-de lock clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 oder neuer wird gebraucht (gefunden: " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) ## create .venv and install the pinned packages

site: $(STAMP) ## validate the content as strictly as publishing does (no draft, nothing left to fill in) and build the site into site/ (replaced only when the whole build succeeded)
	$(BIN)/praxis validate --veroeffentlichen
	$(BIN)/praxis build

serve: $(STAMP) ## preview the site on http://127.0.0.1:8000, rebuilding on every edit (drafts and missing values marked, a broken case as a page of its problems)
	PRAXIS_ENTWURF=1 $(BIN)/mkdocs serve --livereload --dirty

serve-de: $(STAMP) ## preview in German only: quick with thousands of cases
	PRAXIS_ENTWURF=1 PRAXIS_NUR_DEUTSCH=1 $(BIN)/mkdocs serve --livereload --dirty

preview: $(STAMP) ## build site/ as a preview, like `make serve` shows it (the artifact of a pull request); it names every problem
	PRAXIS_ENTWURF=1 $(BIN)/praxis build

node_modules/.installed: package.json package-lock.json
	@scripts/ensure-test-tools.sh
	npm ci --no-audit --no-fund --silent
	@touch $@

lint: $(STAMP) ## the code gates: ruff (with a complexity limit), ruff format, mypy --strict, import-linter
	$(BIN)/ruff check src hooks tests scripts
	$(BIN)/ruff format --check --quiet src hooks tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: $(STAMP) node_modules/.installed lint ## the gates, then every test, including a strict build and the browser tests (those last, and only when the others pass)
	@scripts/ensure-test-tools.sh
	$(BIN)/python -m pytest  # tests/conftest.py orders the tests and stops before the browser after a failure

validate: $(STAMP) ## check all cases, criteria and vocabularies
	$(BIN)/praxis validate

schema: $(STAMP) ## regenerate schemas/vokabular-werte.schema.json from the vocabularies
	$(BIN)/praxis schema

bench: $(STAMP) ## scale benchmark, five languages: 10, 1000, 2000 generated cases against the baseline of issue #17 (writes bench-results/scale.md)
	@scripts/ensure-test-tools.sh
	$(BIN)/python scripts/bench.py --sizes 10,1000,2000 --run main

bench-10k: $(STAMP) ## the same for 10,000 cases, with peak memory (not in CI; long, and the build needs much memory: see bench-results/scale.md); t(10,000) / t(1000) uses the 1000 of `make bench`
	@scripts/ensure-test-tools.sh
	$(BIN)/python scripts/bench.py --sizes 10000 --run 10k

bench-10k-de: $(STAMP) ## 1000 and 10,000 cases built in German only: the Praxisfinder, the first search query, the filter update, the growth and peak memory at 10,000 (not in CI; about 15 minutes)
	@scripts/ensure-test-tools.sh
	$(BIN)/python scripts/bench.py --sizes 1000,10000 --run 10k-de

bench-validate: $(STAMP) ## only `praxis validate` vs check-jsonschema on 1000 generated cases
	$(BIN)/python scripts/bench_validate.py

PIP_TOOLS := pip-tools==7.6.2
lock: $(STAMP) ## re-pin every package, with hashes, after changing pyproject.toml
	$(PIP) install --quiet $(PIP_TOOLS)
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --extra test \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

clean:
	rm -rf site .site-im-bau .site-alt build docs/praxis docs/kriterien docs/standorttypen .pytest_cache
