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


def test_multimodal_requests_carry_their_own_records_images(tmp_path, monkeypatch):
    """The (scan, outline) pair is drawn once per record and reused for its other conversations: every first
    request still carries its own record's pair, each pair as often as the record has conversations."""
    import base64
    import json
    from collections import Counter

    from medseg_qa.llm import openai_backend
    from medseg_qa.llm.prompts import contour_overlay_png

    drawn = []
    monkeypatch.setattr(openai_backend, "contour_overlay_png", lambda *a: drawn.append(1) or contour_overlay_png(*a))
    bodies = tmp_path / "bodies.jsonl"
    with FaultServer(Faults(record_path=str(bodies))) as srv:
        recipe = _recipe(srv.base_url, CASES, conversations_per_record=3, multimodal=True, qc_retries=0)
        with _workspace(tmp_path / "ws", CASES) as ws:
            summary = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
            assert summary.states["failed"] == 0 and len(drawn) == ws.counts()["records"]  # once per record
            want: Counter = Counter()
            for rec in ws.records():
                image = ws.get_blob(rec.image_blob)
                pair = (image, contour_overlay_png(image, ws.get_blob(rec.mask_blob)))
                want[tuple(base64.b64encode(png).decode() for png in pair)] += 3
    sent: Counter = Counter()
    for line in bodies.read_text().splitlines():
        messages = json.loads(line)["messages"]
        if len(messages) == 2:  # first requests (a repair resends the same images)
            urls = [p["image_url"]["url"] for p in messages[1]["content"] if p["type"] == "image_url"]
            sent[tuple(u.removeprefix("data:image/png;base64,") for u in urls)] += 1
    assert len(want) > 3 and sent == want
