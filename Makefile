# The two set-up commands of the README:
#   make serve   install, build the graph from the bundled strategies, serve it on http://127.0.0.1:8000/
#   make test    install with the test extras and the browser for the e2e tests, lint, run the whole suite
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install serve test lint

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/strategigraf build
	$(BIN)/strategigraf serve --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install
	scripts/install-test-deps
	$(BIN)/ruff check .
	$(BIN)/pytest
