# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Set-up is a chain of stamp files, so running it again when nothing changed costs nothing.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
BROWSER_STAMP := .venv/.browser
JAVA_STAMP := .venv/.java
ADDR   ?= 127.0.0.1:8000

.PHONY: setup serve build deploy test unit check lint lock clean preview bench bench-corpus fuzz

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# npm packages (exact versions in package-lock.json): the accessibility and HTML-validity gates, and the
# web editor served at /admin/ (Sveltia CMS and the fontsource fonts it shows), and the site's typeface
# (pretendard-gov, copied into site/assets/fonts/ by the build).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests; installed by the project, never by hand.
$(BROWSER_STAMP): scripts/install-debian.sh | $(STAMP)
	sh scripts/install-debian.sh 'command -v chromium' chromium fonts-noto-cjk
	touch $@

# Java (Debian's default-jre-headless) for the W3C Nu HTML checker (npm vnu-jar); skipped when java works.
$(JAVA_STAMP): scripts/install-debian.sh | $(STAMP)
	sh scripts/install-debian.sh 'java -version' default-jre-headless
	touch $@

# The web editor at /admin/ comes from npm (package.json), so building needs node_modules too.
serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

# Every language in its own process, merged into site/: the same site as `mkdocs build --strict`, faster.
# Incremental: pages whose inputs did not change keep their output (state in .cache/newsroom/); FULL=1 renders
# every page. PUBLISH=1: a build for readers (the publish workflow, `make deploy`): it refuses a missing or
# loopback SITE_URL and a site larger than the host's cap (size_cap in mkdocs.yml); without it the build only warns.
build: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m newsroom.commands.build $(if $(FULL),--full) $(if $(PUBLISH),--publish)

# A build for publishing, then site/ to S3-compatible object storage with rclone (handbook/hosting.md): new files,
# then changed ones, deletions last. Needs SITE_URL, S3_ENDPOINT, S3_BUCKET, S3_REGION (S3_PREFIX, S3_ACL optional)
# and the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. GitHub Pages needs none of this.
deploy: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m newsroom.commands.build --publish
	$(BIN)/python -m newsroom.commands.deploy --site site

test: $(STAMP) $(NODE_STAMP) $(BROWSER_STAMP) $(JAVA_STAMP)
	$(BIN)/pytest

# Everything but the browser and whole-site build tests (markers in pyproject.toml), for a quick run while you
# work; `make test` still runs everything, as CI does.
unit: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -m "not browser and not build" -q

# BASE=<git ref> (the pull request's target branch) also refuses deleting, moving without redirect_from,
# or silently changing a release published there: `make check BASE=origin/main`.
check: $(STAMP)
	$(BIN)/newsroom check $(if $(BASE),--base "$(BASE)")

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-pin every dependency after editing requirements.in. The one lock serves Python 3.11 and Debian's 3.13 (the
# check workflow runs both): it is resolved again for 3.13 and must come out the same, else this stops.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile requirements.in -o requirements.lock --python-version 3.11.7 --generate-hashes --quiet
	cp requirements.lock .lock-3.13.tmp
	$(BIN)/uv pip compile requirements.in -o .lock-3.13.tmp --python-version 3.13 --generate-hashes --quiet
	tail -n +3 requirements.lock > .lock-3.11.tmp && tail -n +3 .lock-3.13.tmp > .lock-3.13.body.tmp
	cmp -s .lock-3.11.tmp .lock-3.13.body.tmp || { diff .lock-3.11.tmp .lock-3.13.body.tmp | head -n 20; \
		echo "make lock: Python 3.13 resolves other versions than 3.11; pin them in requirements.in (see handbook/engines.md)" >&2; \
		rm -f .lock-*.tmp; exit 1; }
	rm -f .lock-*.tmp

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
