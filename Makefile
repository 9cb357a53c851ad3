# Two commands on a fresh machine:  make site  (build both editions)  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test setup test-tools serve validate clean

site: setup                      ## build both editions into site/network and site/public
	$(BIN)/python scripts/build_site.py

test: setup test-tools           ## run the whole test suite
	$(BIN)/python -m pytest

setup: $(VENV)/.installed
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# Byte-compile the plugin, as pip does an installed package: with PYTHONDONTWRITEBYTECODE
	# set, every build, test process and `ihku validate` would compile it again (about 0.3 s each).
	$(BIN)/python -m compileall -q plugins
	touch $@

test-tools:                      ## Chromium, Nu Html Checker and axe-core (see scripts/install-test-tools)
	bash scripts/install-test-tools

serve: setup                     ## preview with live reload (records in content/ included)
	$(BIN)/ihku preview

validate: setup                  ## check the content without building
	$(BIN)/ihku validate

clean:
	rm -rf site
