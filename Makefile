# sagstal: two commands do everything on a fresh machine: `make report` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all

.PHONY: report test lint format reconstruct dry-run snakemake-report new-wave hiring bench clean

# The virtual environment, with the pinned dependencies (requirements.lock) and this package.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## report: build the whole report for every wave in config.yaml
report: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) --quiet rules
	@echo ""
	@echo "Done. Outputs:"
	@echo "  reports/<wave>/rapport.html    the whole report on one page (open in a browser)"
	@echo "  reports/<wave>/bilag/          one appendix per area: .xlsx, .md, .html"
	@echo "  reports/<wave>/figurer/        charts, .png and .svg"
	@echo "  reports/<wave>/oversigt.xlsx   all cross-area tables"
	@echo "  reports/<wave>/audit.md        every published figure beside the computed one"
	@echo "  data/processed/<wave>/         intermediate tables (CSV, open in Excel)"

## test: unit tests, bad-input tests and the end-to-end run of the shipped waves
test: $(STAMP)
	$(BIN)/python -m pytest -q

## lint: snakemake --lint and snakefmt
lint: $(STAMP)
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules

format: $(STAMP)
	$(BIN)/snakefmt Snakefile workflow/rules

## reconstruct: regenerate the reconstructed exports from published.yaml and check them
reconstruct: $(STAMP)
	$(BIN)/python -m sagstal.reconstruct --wave 2023
	$(BIN)/python -m sagstal.reconstruct --wave 2015

## snakemake-report: which rule made which chart and table, as a browsable zip per wave
snakemake-report: report
	for wave in $$(ls -d reports/2*/ | xargs -n1 basename); do \
		$(BIN)/snakemake --report reports/$$wave/snakemake-report.zip; done

## new-wave: scaffold a wave from its export, e.g. make new-wave WAVE=2025 EXPORT=~/sagstal-2025.csv [LIKE=2023]
new-wave: $(STAMP)
	$(BIN)/python -m sagstal.new_wave --wave $(WAVE) --export $(EXPORT) --like $(or $(LIKE),2023)

## hiring: staff to hire and its cost for the scenarios in a YAML, e.g. make hiring SCENARIOS=data/scenarios/budgetnotat-2019.yaml [CSV=out.csv]
hiring: $(STAMP)
	$(BIN)/python -m sagstal.hiring_scenarios $(or $(SCENARIOS),data/scenarios/budgetnotat-2019.yaml) $(if $(CSV),--csv $(CSV))

## bench: measured timings and memory (shipped waves, and 10x/100x/1000x synthetic waves) -> bench/RESULTS.md
bench: $(STAMP)
	$(BIN)/python bench/run.py

dry-run: $(STAMP)
	$(BIN)/snakemake -n

## clean: remove generated outputs (never data/raw)
clean:
	rm -rf data/processed/2* reports/2* logs .snakemake
