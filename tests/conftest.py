"""Shared pytest fixtures."""

from __future__ import annotations

import pytest

# tests/ is on sys.path here (pytest's default "prepend" import mode puts a conftest's folder there), so this
# works under both `pytest` and `python -m pytest`; the benchmarks import it as `tests.llm_server`.
from llm_server import LLMServerUnavailable, start_llama_server


@pytest.fixture(scope="session")
def llm_server():
    """A real llama.cpp OpenAI-compatible server on SmolLM2-135M for the whole session (`.base_url`,
    `.alias`); fails, never skips, when `make test` has not installed it."""
    error = None
    try:
        server = start_llama_server(n_threads=1)
    except LLMServerUnavailable as exc:
        error = str(exc)
    if error is not None:
        pytest.fail(error, pytrace=False)  # outside the except: the message alone, no chained traceback
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ls_server(tmp_path_factory):
    """A real Label Studio (its own venv, template copy, free loopback port) for the whole session; `.url`,
    `.token`, `.media_root` (its local-files root: put workspaces under it). Fails, never skips, when
    `make test` has not installed it."""
    from ls_server import LSUnavailable, start_test_server

    error = None
    try:
        server = start_test_server(tmp_path_factory.mktemp("ls_data"), tmp_path_factory.mktemp("ls_media"))
    except LSUnavailable as exc:
        error = str(exc)
    if error is not None:
        pytest.fail(error, pytrace=False)
    yield server
    server.stop()
