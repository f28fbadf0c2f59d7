# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Set-up is a chain of stamp files, so running it again when nothing changed costs nothing.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
BROWSER_STAMP := .venv/.browser
ADDR   ?= 127.0.0.1:8000

.PHONY: setup serve build test check lint lock clean preview bench bench-corpus fuzz

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# npm packages (exact versions in package-lock.json): the accessibility and HTML-validity gates, and the
# web editor served at /admin/ (Sveltia CMS and the fontsource fonts it shows).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests; installed by the project, never by hand.
$(BROWSER_STAMP): scripts/install-chromium.sh | $(STAMP)
	sh scripts/install-chromium.sh
	touch $@

# The web editor at /admin/ comes from npm (package.json), so building needs node_modules too.
serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

# Every language in its own process, merged into site/: the same site as `mkdocs build --strict`, faster.
# Incremental: pages whose inputs did not change keep their output (state in .cache/newsroom/);
# FULL=1 renders every page.
build: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m newsroom.build $(if $(FULL),--full)

test: $(STAMP) $(NODE_STAMP) $(BROWSER_STAMP)
	$(BIN)/pytest

# BASE=<git ref> (the pull request's target branch) also refuses deleting, moving without redirect_from,
# or silently changing a release published there: `make check BASE=origin/main`.
check: $(STAMP)
	$(BIN)/newsroom check $(if $(BASE),--base "$(BASE)")

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-pin every dependency after editing requirements.in.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile requirements.in -o requirements.lock --python-version 3.11.7 --generate-hashes --quiet

clean:
	rm -rf site site-preview .pytest_cache

# Build speed at archive scale: this site against plain MkDocs + Material + static-i18n, N releases per language.
N ?= 1000
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py --n $(N)

# Converter accuracy on a folder of real releases, graded against its listing.jsonl when there is one.
DIR ?= ../shared/corpus/moe
bench-corpus: $(STAMP)
	nice -n 10 $(BIN)/python benchmarks/bench_corpus.py "$(DIR)"

# A small site holding one release in both languages, in site-preview/; SERVE=1 also serves it.
preview: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make preview FILE=docs/ko/news/<year>/<slug>.md [SERVE=1]" >&2; exit 2; }
	$(BIN)/newsroom preview "$(FILE)" $(if $(SERVE),--serve --addr $(ADDR))

# Hostile input at length: N mutated release files through the converter's worker, N generated front
# matters through the check; prints counts by outcome (make test runs a quick profile of the same tests).
fuzz: $(STAMP)
	NEWSROOM_FUZZ_EXAMPLES=$(N) nice -n 10 $(BIN)/pytest tests/fuzz tests/check/test_hostile_front_matter.py \
		-k "mutated or generated" -q -s -p no:cacheprovider -W ignore::UserWarning
