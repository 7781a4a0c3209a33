# cchc-pipeline: the README's commands. Every target first runs scripts/setup.sh, which
# installs what is missing (Debian packages, .venv with the project) and nothing else.
PY := .venv/bin/python
export PYTHONUTF8 := 1
export OMP_THREAD_LIMIT := 1

.PHONY: setup run test bench corpus clean

setup:
	@bash scripts/setup.sh

## make run: build the reference plan PDFs into data/raw/ (cached), then ingest every
## PDF in data/raw/ into data/clean/plans.duckdb through the Prefect flow (ephemeral API).
run: setup
	$(PY) -m bench.reference data/raw
	.venv/bin/cchc ingest data/raw --db data/clean/plans.duckdb --prefect

## make test: the whole test suite (CI runs exactly this): first the shared caches the
## tests read (the language model, the rendered reference plans; built once, serially), then
## the tests in two processes, each test file in one of them.
test: setup
	$(PY) -c "from normalizers.lm_build import load_or_build; load_or_build()"
	$(PY) -m bench.render
	$(PY) -m pytest -q -ra -n 2 --dist loadfile

## make bench: the benchmark table (plan x variant x method; baselines' extra packages go
## to .venv-bench), the table on generated scans under the held-out conditions
## (bench/scangen.py), the scale benchmark (6 scanned plans with 1 and 2 workers; peak
## memory on 300-page inputs), the damage bench (damaged copies of the reference
## plans: complete, flagged, failed, silently short), then the task-lineage bench
## (links between plans against tests/corpus/links.json; 34 provinces x 5 plans timed).
bench: setup
	@bash scripts/setup.sh bench
	$(PY) -m bench.run
	$(PY) -m bench.scan_bench --split heldout49
	$(PY) -m bench.scale
	$(PY) -m bench.damage
	$(PY) -m bench.lineage_bench
	$(PY) -m bench.lineage_bench --scale 34

## make corpus: build every variant of every reference plan into build/corpus/.
corpus: setup
	$(PY) -m bench.render

clean:
	rm -rf build .pytest_cache
