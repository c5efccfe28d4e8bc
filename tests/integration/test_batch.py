"""Batch API mode against the local fault server through the real `openai` client: submit, collect after a
restart, idempotence, crash repair between upload and create, cached answers, invalid answers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from medseg_qa.config import parse_recipe
from medseg_qa.llm.batch import BatchClient, batch_line
from medseg_qa.llm.cache import LLMCache
from medseg_qa.llm.openai_backend import OpenAIBackend
from medseg_qa.pipelines.batch_stage import collect_batches, submit_batches
from medseg_qa.pipelines.generate import _request, generate, plan_jobs
from medseg_qa.pipelines.ingest import ingest_source
from medseg_qa.sources import build_source
from medseg_qa.workspace import Workspace
from tests.fault_server import MODEL, FaultServer, Faults

pytestmark = pytest.mark.server

KEY_ENV = "MEDSEGQA_TEST_LLM_KEY"
PHANTOM = {"cases": 1, "slices_per_case": 2, "size": 128}


def _recipe_dict(base_url, **gen) -> dict:
    return {"name": "b", "sources": [{"type": "phantom", "options": PHANTOM}],
            "generation": {"backend": "openai", "model": MODEL, "base_url": base_url, "api_key_env": KEY_ENV,
                           "timeout_s": 5.0, **gen}}


def _ingested(root) -> Workspace:
    ws = Workspace(root)
    ingest_source(ws, build_source("phantom", PHANTOM), progress=False)
    return ws


def _app():
    from medseg_qa.cli import app

    return app


def test_cli_batch_submit_then_collect_after_restart_is_idempotent(tmp_path):
    with FaultServer(Faults(batch_polls=1)) as srv:
        recipe_yaml = tmp_path / "r.yaml"
        recipe_yaml.write_text(json.dumps(_recipe_dict(srv.base_url)))  # JSON is YAML
        ws_dir = str(tmp_path / "ws")
        run = lambda *args: CliRunner().invoke(_app(), ["generate", str(recipe_yaml), "-w", ws_dir,  # noqa: E731
                                                        "--no-progress", *args])
        submitted = run("--batch")
        assert submitted.exit_code == 0, submitted.output
        assert len(srv.batches) == 1 and srv.total_chat_requests() == 0
        batch = next(iter(srv.batches.values()))
        assert batch["endpoint"] == "/v1/chat/completions" and batch["completion_window"] == "24h"
        upload = srv.files[batch["input_file_id"]]
        assert upload["purpose"] == "batch"
        lines = [json.loads(x) for x in upload["content"].decode().splitlines()]
        with Workspace(ws_dir) as ws:
            planned = {j.conversation_id for j in plan_jobs(ws, parse_recipe(_recipe_dict(srv.base_url)).generation)}
        assert {x["custom_id"] for x in lines} == {f"{cid}:0" for cid in planned}
        assert all(x["method"] == "POST" and x["url"] == "/v1/chat/completions" and x["body"]["model"] == MODEL
                   and x["body"]["response_format"]["type"] == "json_schema" for x in lines)
        assert f"{len(planned)} request(s) in 1 new batch(es) {batch['id']}" in submitted.output

        again = run("--batch")
        assert again.exit_code == 0 and f"{len(planned)} already in open batches" in again.output
        assert len(srv.batches) == 1  # the open batch's items are not submitted again

        waiting = run("--collect")  # a new process: only the workspace remembers the batch
        assert waiting.exit_code == 0 and f"1 not finished ({batch['id']})" in waiting.output
        collected = run("--collect")
        assert collected.exit_code == 0 and "1 batch(es) collected" in collected.output, collected.output
        with Workspace(ws_dir) as ws:
            states = {c.conversation_id: s for c, s in ws.conversations()}
            assert set(states) == planned and set(states.values()) <= {"passed", "flagged"}
            n_rows = ws.db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
        assert max(srv.stats.valid_by_key.values()) == 1
        assert "batch: nothing to do" in run("--collect").output  # collecting again changes nothing
        assert "batch: nothing to do" in run("--batch").output
        online = run()  # and the online path has nothing left to send
        assert online.exit_code == 0 and srv.total_chat_requests() == 0
        with Workspace(ws_dir) as ws:
            assert ws.db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] == n_rows


def _half_submitted(ws, srv, create_remote: bool):
    """Record a batch the way `submit` does, stopping after the upload (and maybe after the server created
    it): what a crash between those calls leaves behind."""
    recipe = parse_recipe(_recipe_dict(srv.base_url))
    backend = OpenAIBackend(recipe.generation, ws)
    client = BatchClient(backend, LLMCache(ws))
    lines = [batch_line(backend, _request(j, recipe.generation, 0), j.conversation_id)
             for j in plan_jobs(ws, recipe.generation)]
    data = "".join(json.dumps(bl.line) + "\n" for bl in lines).encode()
    uploaded = client.client.files.create(file=("crash.jsonl", data), purpose="batch")
    if create_remote:
        client.client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                                     completion_window="24h")
    client.cache.put_batch("crash", {"local_id": "crash", "state": "creating", "model": MODEL, "created_at": 0,
                                     "batch_id": None, "input_file_id": uploaded.id,
                                     "items": {bl.custom_id: {"conversation_id": bl.conversation_id,
                                                              "cache_key": bl.cache_key} for bl in lines}})
    client.close()
    return recipe, len(lines)


@pytest.mark.parametrize("create_remote", [False, True], ids=["crash-before-create", "crash-after-create"])
def test_a_crash_between_upload_and_create_is_repaired_without_a_second_batch(tmp_path, create_remote):
    with FaultServer() as srv, _ingested(tmp_path / "ws") as ws:
        recipe, n = _half_submitted(ws, srv, create_remote)
        summary = submit_batches(ws, recipe)
        assert summary.requests == 0 and summary.already_open == n
        assert len(srv.batches) == 1  # created once (or adopted), never twice
        done = collect_batches(ws, recipe)
        assert len(done.collected) == 1 and sum(done.states.values()) == n
        assert max(srv.stats.valid_by_key.values()) == 1


def test_answers_already_cached_are_stored_without_a_batch(tmp_path):
    with FaultServer() as srv, _ingested(tmp_path / "ws") as ws:
        recipe = parse_recipe(_recipe_dict(srv.base_url, structured="json_schema", qc_retries=0))
        generate(ws, recipe, progress=False)
        sent = srv.total_chat_requests()
        before = {c.conversation_id: c.turns for c, _ in ws.conversations()}
        ws.db.execute("DELETE FROM conversations")  # answers received, conversations lost
        summary = submit_batches(ws, recipe)
        assert summary.from_cache == len(before) and summary.requests == 0 and not srv.batches
        assert srv.total_chat_requests() == sent
        assert {c.conversation_id: c.turns for c, _ in ws.conversations()} == before


def test_invalid_batch_answers_are_stored_failed_with_their_raw_text(tmp_path):
    with FaultServer(Faults(persistent_invalid=0.5)) as srv, _ingested(tmp_path / "ws") as ws:
        recipe = parse_recipe(_recipe_dict(srv.base_url, prices={MODEL: {"prompt_per_1k": 1, "completion_per_1k": 1}}))
        submit_batches(ws, recipe)
        summary = collect_batches(ws, recipe)
        convs = list(ws.conversations())
        failed = [c for c, s in convs if s == "failed"]
        assert failed and len(failed) < len(convs) and summary.states["failed"] == len(failed)
        assert all(c.raw_text.startswith("Here is the conversation") for c in failed)
        assert all(c.provenance.cost_usd > 0 for c, _ in convs)
        assert summary.cost_usd == pytest.approx(sum(c.provenance.cost_usd for c, _ in convs))
        assert collect_batches(ws, recipe).collected == []


def test_batch_mode_refuses_the_template_backend_before_any_work(tmp_path):
    recipe_yaml = tmp_path / "r.yaml"
    recipe_yaml.write_text(json.dumps({"name": "t", "sources": [{"type": "phantom", "options": PHANTOM}]}))
    for flag in ("--batch", "--collect"):
        result = CliRunner().invoke(_app(), ["generate", str(recipe_yaml), "-w", str(tmp_path / "ws"), flag])
        assert result.exit_code == 2 and "batch mode needs generation.backend: openai" in result.output
    assert not (tmp_path / "ws").exists()


def test_batch_calls_share_the_online_retry_policy_and_invalid_bodies_are_not_cached(tmp_path, caplog):
    """429 (Retry-After: a day) and 500 on the Files/Batches calls: retried by the backend's policy, the wait
    capped and logged, one batch created; a result that is no chat completion is not cached but re-sent."""
    faults = Faults(api_script=["429", "", "500", "429"], retry_after="86400", batch_truncated=1)
    with FaultServer(faults) as srv, _ingested(tmp_path / "ws") as ws:
        recipe = parse_recipe(_recipe_dict(srv.base_url, retry_after_max_s=0.1, max_retries=3))
        backend = OpenAIBackend(recipe.generation, ws, backoff_base_s=0.005, backoff_cap_s=0.02)
        with caplog.at_level("WARNING", logger="medseg_qa.llm.ratelimit"):
            summary = submit_batches(ws, recipe, backend=backend)
        assert summary.requests >= 2 and len(srv.batches) == 1  # the failed create was not doubled
        assert srv.stats.faults["api:429"] == 2 and srv.stats.faults["api:500"] == 1
        assert backend.retry.capped == 2 and "86400 s" in caplog.text
        first = collect_batches(ws, recipe, backend=backend)
        assert srv.stats.faults["batch_truncated"] == 1 and first.left_pending == 1
        cached = [json.loads(r) for (r,) in ws.db.execute("SELECT response FROM llm_cache WHERE key LIKE 'chat:%'")]
        assert len(cached) == summary.requests - 1 and all(c["choices"][0]["message"]["content"] for c in cached)
        again = submit_batches(ws, recipe, backend=backend)
        assert again.requests == 1  # the invalid one is asked again
        collect_batches(ws, recipe, backend=backend)
        assert sum(1 for _ in ws.conversations()) == summary.requests
