# The two commands of the README's quick start: `make run` and `make test`.
# Each works on a fresh machine with only Python 3.11+ and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test test-core lint typecheck-tree bench screenshots translations clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/knowhold demo --open

# Lint, every test, then what users get: the wheel built, installed in a fresh
# venv and used there, and the download built (make dist) and used
# (packaging/check_install.py; about three minutes together).
test: install lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/python packaging/check_install.py
	$(MAKE) check-frozen

# The tests that never load Qt (the `qt` marker is set in tests/conftest.py):
# the core and the CLI, for quick work.
test-core: install
	$(BIN)/python -m pytest -q -m "not qt"

# Every check fails the build; `make test` runs them first.
lint: install typecheck-tree
	$(BIN)/ruff check --no-cache vault ui tests docs
	$(BIN)/ruff format --check --no-cache vault ui tests docs
	$(BIN)/mypy
	$(BIN)/vulture

# mypy checks the installed names (knowhold.vault, knowhold.ui), which the
# editable install serves through an import hook mypy cannot follow: it reads
# them from this tree of symlinks instead (see [tool.mypy] in pyproject.toml).
TYPECHECK := build/typecheck/knowhold
typecheck-tree:
	mkdir -p $(TYPECHECK)
	for d in vault ui resources; do ln -sfn ../../../$$d $(TYPECHECK)/$$d; done

# Refresh the translation sources from the code, then compile them (see ui/i18n.py).
# English holds only plural forms; edit the .ts files with pyside6-linguist.
TS := resources/translations
# The command line's and the core's sentences (vault/i18n.py), with gettext: read
# from vault/, ui/errors.py and this Python's argparse.py (its own "usage: "),
# merged into the .po people translate, compiled to the .mo that ships.
LOCALE := resources/locale
translations: install
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -pluralonly -target-language en $$(find ui -name '*.py' | sort) -ts $(TS)/knowhold_en.ts
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -target-language zh_CN $$(find ui -name '*.py' | sort) -ts $(TS)/knowhold_zh_CN.ts
	$(BIN)/pyside6-lrelease -silent $(TS)/knowhold_en.ts $(TS)/knowhold_zh_CN.ts
	mkdir -p build
	$(BIN)/pybabel -q extract -F $(LOCALE)/babel.cfg -k N_ --no-location --sort-output --project Knowhold \
		-o build/knowhold.pot vault ui/errors.py $$($(BIN)/python -c 'import argparse; print(argparse.__file__)')
	$(BIN)/pybabel -q update --init-missing --ignore-pot-creation-date -l zh_CN -i build/knowhold.pot -o $(LOCALE)/zh_CN.po
	$(BIN)/pybabel -q compile -l zh_CN -i $(LOCALE)/zh_CN.po -o $(LOCALE)/zh_CN.mo

# Pictures of the main screens in both themes for the README (needs a CJK font).
screenshots: install
	$(BIN)/python docs/screenshots/take.py

bench: install
	$(BIN)/python tests/benchmarks/bench.py

.PHONY: check-install dist check-frozen
# What users get, not the editable install: build the sdist and the wheel,
# install the wheel in a fresh venv, run the CLI and the app and import every
# module there (packaging/check_install.py; about 30 s once pip's cache is warm).
check-install: install
	$(BIN)/python packaging/check_install.py

# The Linux download (packaging/README.md): the wheel installed, not editable, in a
# clean venv and frozen there with PyInstaller into dist/knowhold/, with desktop
# files, icons and licenses, packed as dist/knowhold-VERSION-linux-x86_64.tar.gz.
dist: install
	$(BIN)/python packaging/build_dist.py

# The archive unpacked and used: what it holds, --version, the CLI round trip, the
# app offscreen with nothing on standard error, self-test, install.sh and uninstall.sh.
check-frozen: dist
	$(BIN)/python packaging/check_install.py --frozen dist

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
