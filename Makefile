# comparekit: two commands for a new user (see README.md).
#   make report   install what is missing, then render every spec in specs/ into reports/
#   make test     install what is missing, then lint, type-check and run the whole test suite
# Both are cheap to run again: each step checks before it installs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LANGS ?= en,ko,zh
SPECS := $(wildcard specs/*.toml)
PREVIEWS := reports/previews
# Debian packages: CJK and Latin (Noto, DejaVu) fonts, Pango for weasyprint, HarfBuzz subsetting,
# poppler and qpdf to check PDFs, LibreOffice Calc to open the xlsx as a user would,
# Chromium to test the HTML report in a real browser and take its previews.
APT_PACKAGES := fonts-noto-cjk fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 poppler-utils qpdf libreoffice-calc-nogui chromium

.PHONY: report test bench bootstrap system lint types pytest golden clean

report: bootstrap
	$(BIN)/comparekit render $(SPECS) -o reports --lang $(LANGS)
	@mkdir -p $(PREVIEWS)
	@for spec in $(SPECS); do \
	  name=$$(basename $$spec .toml); \
	  for lang in $$(echo $(LANGS) | tr , ' '); do \
	    suffix=$$([ $$lang = en ] && echo "" || echo ".$$lang"); \
	    rm -f $(PREVIEWS)/$$name$$suffix-pdf-*.png; \
	    pdftoppm -png -r 60 reports/$$name$$suffix.pdf $(PREVIEWS)/$$name$$suffix-pdf; \
	  done; \
	  tmp=$$(mktemp -d); \
	  soffice -env:UserInstallation=file://$$tmp/profile --headless --convert-to pdf \
	    --outdir $$tmp reports/$$name.xlsx >/dev/null 2>&1 || true; \
	  if [ -f $$tmp/$$name.pdf ]; then \
	    pdftoppm -png -r 60 -f 2 -l 2 -singlefile $$tmp/$$name.pdf $(PREVIEWS)/$$name-xlsx; \
	  else echo "make: LibreOffice could not convert reports/$$name.xlsx: no xlsx preview"; fi; \
	  rm -rf $$tmp; \
	done
	@# HTML previews: each language's page in headless Chromium, 1280 (desktop) and 390 (phone) wide.
	@if command -v chromium >/dev/null; then \
	  shots=""; \
	  for spec in $(SPECS); do \
	    name=$$(basename $$spec .toml); \
	    for lang in $$(echo $(LANGS) | tr , ' '); do \
	      page=reports/$$name$$([ $$lang = en ] && echo "" || echo ".$$lang"); \
	      shot=$(PREVIEWS)/$$(basename $$page); \
	      shots="$$shots $$page.html $$shot-html-desktop.png 1280 1900 $$page.html $$shot-html-phone.png 390 1600"; \
	    done; \
	  done; \
	  $(BIN)/python tests/browser.py $$shots; \
	else echo "make: chromium is not installed: no HTML previews"; fi
	@echo "reports written to reports/ (previews in $(PREVIEWS)/)"

test: bootstrap lint types pytest

lint: bootstrap
	$(BIN)/ruff check comparekit tests bench
	$(BIN)/ruff format --check comparekit tests bench

types: bootstrap
	$(BIN)/mypy

pytest: bootstrap
	$(BIN)/python -m pytest

# Benchmarks against the bare libraries and the pandas route (not part of `make test`; minutes).
# BENCH_ARGS passes options on, e.g. `make bench BENCH_ARGS="--sizes 4x15,50x50 --runs 3"`.
BENCH_STAMP := $(VENV)/.bench-installed
bench: bootstrap $(BENCH_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

# Refresh the golden text files after an intended change to text output; review the diff.
golden: bootstrap
	COMPAREKIT_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q

bootstrap: system $(STAMP)

system:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing system packages:$$missing"; \
	    apt-get update -qq; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "make: missing system packages:$$missing"; \
	    echo "      install them with: sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis build *.egg-info
