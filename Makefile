# The two commands of the README's quick start: `make run` and `make test`.
# Each works on a fresh machine with only Python 3.11+ and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint bench screenshots translations clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/knowhold demo --open

test: install
	$(BIN)/ruff check vault ui tests docs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Refresh the translation sources from the code, then compile them (see ui/i18n.py).
# English holds only plural forms; edit the .ts files with pyside6-linguist.
TS := resources/translations
translations: install
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -pluralonly -target-language en $$(find ui -name '*.py' | sort) -ts $(TS)/knowhold_en.ts
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -target-language zh_CN $$(find ui -name '*.py' | sort) -ts $(TS)/knowhold_zh_CN.ts
	$(BIN)/pyside6-lrelease -silent $(TS)/knowhold_en.ts $(TS)/knowhold_zh_CN.ts

# Pictures of the main screens in both themes for the README (needs a CJK font).
screenshots: install
	$(BIN)/python docs/screenshots/take.py

bench: install
	$(BIN)/python tests/benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
