"""`generate` with QC in worker processes, batched catalog writes and many requests at once stores exactly
what in-process QC with one request at a time stores: the same conversation ids, states, flags (near
duplicates and the QC regenerations they cause included), bodies and cache keys, whatever order the
answers arrive in."""

from __future__ import annotations

import pytest

from medseg_qa.pipelines.generate import generate
from medseg_qa.workspace import Workspace
from tests.fault_server import FaultServer, Faults, Stats
from tests.integration.test_openai_backend import _fast_backend, _recipe, _workspace

pytestmark = pytest.mark.server
CASES = {"cases": 2, "slices_per_case": 3, "size": 128}


def _catalog(ws: Workspace) -> dict:
    return {conv.conversation_id: (state, conv.model_dump()) for conv, state in ws.conversations()}


def _cache_keys(ws: Workspace) -> set[str]:
    return {k for (k,) in ws.db.execute("SELECT key FROM llm_cache")}


@pytest.mark.parametrize("workers,concurrency", [("2", 8), ("1", 4)])
def test_workers_and_batched_writes_change_nothing(tmp_path, monkeypatch, caplog, workers, concurrency):
    runs = {}
    with FaultServer(Faults(rate_invalid_content=0.2, persistent_invalid=0.1, seed=5)) as srv:
        for name, env, conc in (("inline", "0", 1), ("workers", workers, concurrency)):
            monkeypatch.setenv("MEDSEGQA_QC_WORKERS", env)
            srv.stats = Stats()  # it draws faults from (seed, request, n-th time it saw it): start both runs alike
            recipe = _recipe(srv.base_url, CASES, conversations_per_record=2, concurrency=conc, qc_retries=1)
            with _workspace(tmp_path / name, CASES) as ws:
                summary = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
                runs[name] = (_catalog(ws), _cache_keys(ws), dict(summary.states), dict(summary.flags))
    inline, pooled = runs["inline"], runs["workers"]
    states = inline[2]
    assert states.get("passed", 0) > 0 and states.get("flagged", 0) + states.get("failed", 0) > 0
    assert any(body["provenance"]["attempts"] > 1 for _, body in inline[0].values())  # QC regenerations
    assert pooled == inline
    assert "QC worker" not in caplog.text  # the checks did run in the workers
