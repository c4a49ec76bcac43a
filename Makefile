# sagstal: two commands do everything on a fresh machine: `make report` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all

# What a person types after a target (a file name with spaces or brackets, a wave, a figure)
# reaches the command as the environment's value, quoted, never pasted into the shell's text.
export WAVE EXPORT LIKE AREAS FIELDS FIGURE SCENARIOS CSV

.PHONY: help report test test-fast lint format reference pdf reconstruct dry-run snakemake-report new-wave explain hiring bench clean

## help: what each make target does (a plain `make` shows this too)
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# The virtual environment, with the pinned dependencies (requirements.lock) and this package.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## report: build the whole report for every wave in config.yaml
## (Snakemake's own output goes to logs/make-report.log; an interrupted build is resumed by running it again)
report: $(STAMP)
	@$(BIN)/python -m sagstal.tools.build --cores $(CORES) --quiet rules
	@echo ""
	@echo "Done. Outputs:"
	@echo "  reports/<wave>/rapport.html    the whole report on one page (open in a browser)"
	@echo "  reports/<wave>/rapport.docx    the whole report in Word (make pdf: rapport.pdf)"
	@echo "  reports/<wave>/bilag/          one appendix per area: .xlsx, .docx, .md, .html"
	@echo "  reports/<wave>/figurer/        charts, .png and .svg"
	@echo "  reports/<wave>/oversigt.xlsx   all cross-area tables (trends, changes, regions)"
	@echo "  reports/<wave>/kodebog.xlsx    the export's columns and codes, with counts"
	@echo "  reports/<wave>/audit.md        every published figure beside the computed one"
	@echo "  reports/<wave>/gennemsyn.html  what to look at before publishing (review page)"
	@echo "  data/processed/<wave>/         intermediate tables (CSV, open in Excel)"
	@echo ""
	@$(BIN)/python -m sagstal.tools.summary

## test: lint, unit tests, bad-input tests and the end-to-end runs of the shipped waves (CI runs this),
## in two worker processes (one per core; each file's tests stay together, each worker builds its own project)
test: lint
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

## test-fast: the unit lane: no Snakemake run, no whole-DAG build (seconds)
test-fast: $(STAMP)
	SAGSTAL_PROPERTY_EXAMPLES=25 $(BIN)/python -m pytest -q -m "not e2e"

## lint: ruff, snakemake --lint and snakefmt
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules

## reference: every job of the Snakefile's DAG in one Python process (the speed reference; pdb-friendly)
reference: $(STAMP)
	$(BIN)/python -m sagstal.tools.reference

format: $(STAMP)
	$(BIN)/snakefmt Snakefile workflow/rules

## reconstruct: regenerate the reconstructed exports from published.yaml and check them
reconstruct: $(STAMP)
	$(BIN)/python -m sagstal.tools.reconstruct --wave 2023
	$(BIN)/python -m sagstal.tools.reconstruct --wave 2015

## pdf: reports/<wave>/rapport.pdf, A4 with page numbers, through headless Chromium (apt-get install chromium)
pdf: report
	$(BIN)/python -m sagstal.tools.browser pdf

## snakemake-report: which rule made which chart and table, with captions, as one browsable zip
snakemake-report: report
	$(BIN)/snakemake --report reports/snakemake-report.zip

## new-wave: scaffold a wave from its export, e.g. make new-wave WAVE=2025 EXPORT=~/dataset.csv [LIKE=2023] [AREAS="s_4=boerne-familie s_28=ny:Misbrugsområdet"] [FIELDS="current=_nu"]
new-wave: $(STAMP)
	$(BIN)/python -m sagstal.tools.new_wave --wave "$$WAVE" --export "$$EXPORT" --like "$${LIKE:-2023}" --area "$$AREAS" --field "$$FIELDS"

## explain: one figure explained from the processed tables, e.g. make explain WAVE=2023 FIGURE=sygedagpenge.mean_current
explain: $(STAMP)
	@$(BIN)/python -m sagstal.tools.explain --wave "$$WAVE" "$$FIGURE"

## hiring: staff to hire and its cost for the scenarios in a YAML, e.g. make hiring SCENARIOS=data/scenarios/budgetnotat-2019.yaml [CSV=out.csv]
hiring: $(STAMP)
	$(BIN)/python -m sagstal.tools.hiring "$${SCENARIOS:-data/scenarios/budgetnotat-2019.yaml}" $${CSV:+--csv "$$CSV"}

## bench: measured timings, CPU and memory (Snakemake vs reference vs the previous commit; 10x/100x/1000x waves) -> bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python bench/run.py

dry-run: $(STAMP)
	$(BIN)/snakemake -n

## clean: remove generated outputs (never data/raw)
clean:
	rm -rf data/processed/2* reports/2* logs .snakemake
