# Two commands for a new user: `make report` and `make test`.
# Both create .venv and install the package (editable, with dev tools) when needed;
# a second run skips the install unless pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test test-fast report units snapshots lab lint bench example clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: set PYTHON=python3.11 (or newer) and try again")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=70.1"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# pytest exits 5 when it collects no test: say so loudly rather than fail the build on it.
# One worker per core (pytest-xdist), a test file per worker at a time, so the builds a
# file's tests share are made once per worker.
PYTEST := $(BIN)/python -m pytest -n auto --dist loadfile

test: $(STAMP)
	@$(PYTEST); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests"; exit 0; fi; exit $$rc

# The edit-test loop: everything but the tests marked slow (full report builds, the
# configuration matrix, bombs, notebooks, the installed package), in about a minute.
test-fast: $(STAMP)
	@$(PYTEST) -m "not slow"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test-fast: pytest collected no tests"; exit 0; fi; exit $$rc

# The example report (report.toml: the 2026 round, compared with 2025, weighted, with the
# interviews) into build/; build/ is emptied first so it always holds one report. Then an
# example draft with planted errors (build/utkast.docx) is checked against it
# (build/utkast-kontroll.html): `toolkit check` on a researcher's own draft works the same.
report: $(STAMP)
	rm -rf build
	$(BIN)/toolkit report surveys/2026/ledere_2026.xlsx --config report.toml --out build
	$(BIN)/python -m toolkit.check.example --build build \
		--survey surveys/2026/ledere_2026.xlsx --config report.toml

# Unit reports of the synthetic staff survey (surveys/ansatte: 4 995 advisers, 120 offices):
# the main report into build/ansatte/ and one report per office in build/ansatte/enheter/
# (index.html lists them), small cells hidden so that no one can work them out, not even
# from all the offices' reports together.
units: $(STAMP)
	$(BIN)/toolkit report surveys/ansatte/ansatte_2026.xlsx \
		--config surveys/ansatte/report.toml --out build/ansatte

# What a reader of the Word file sees, for review: build/report.docx rendered with
# LibreOffice (soffice) to build/snapshots/report.pdf and every page as a PNG (poppler's
# pdftoppm, 60 dpi). Nothing is compared by pixel; tests/report/test_word_layout.py checks
# page size, fit, whole words, captions and the page count.
snapshots: report
	rm -rf build/snapshots && mkdir -p build/snapshots
	soffice --headless --convert-to pdf --outdir build/snapshots build/report.docx >/dev/null
	pdftoppm -r 60 -png build/snapshots/report.pdf build/snapshots/side
	@echo "build/snapshots: $$(ls build/snapshots/side-*.png | wc -l) pages"

# JupyterLab in the project's environment, on the notebooks.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/load_surveyxact.py
	$(BIN)/python benchmarks/likert.py
	$(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/themes.py
	cd benchmarks && ../$(BIN)/python weights.py
	cd benchmarks && ../$(BIN)/python rounds.py
	$(BIN)/python benchmarks/report.py
	cd benchmarks && ../$(BIN)/python check.py
	$(BIN)/python benchmarks/units.py

# Regenerate the synthetic example round in surveys/ (seeded: same files every time).
example: $(STAMP)
	$(BIN)/python scripts/make_example_rounds.py surveys
	$(BIN)/python scripts/make_example_project.py transcripts/nav2026
	$(BIN)/python scripts/make_staff_survey.py surveys/ansatte

clean:
	rm -rf build .pytest_cache .setuptools-build
