"""The openai backend through the real `openai` client against the local fault-injecting server: nothing
lost or duplicated under faults, Retry-After, the repair reprompt, persistent invalid answers, fail-fast
errors, the json_schema fallback, the response cache, interruption, dry-run and usage accounting."""

from __future__ import annotations

import socket
import time

import pytest
from typer.testing import CliRunner

from medseg_qa.config import parse_recipe
from medseg_qa.errors import BackendError
from medseg_qa.llm import build_backend
from medseg_qa.llm.cache import usage_totals
from medseg_qa.pipelines.batch_stage import dry_run
from medseg_qa.pipelines.generate import _request, generate, plan_jobs
from medseg_qa.pipelines.ingest import ingest_source
from medseg_qa.sources import build_source
from medseg_qa.workspace import Workspace
from tests.fault_server import MODEL, FaultServer, Faults

pytestmark = pytest.mark.server

KEY_ENV = "MEDSEGQA_TEST_LLM_KEY"
PHANTOM_SMALL = {"cases": 1, "slices_per_case": 2, "size": 128}


def _recipe(base_url, cases=PHANTOM_SMALL, **gen):
    generation = {"backend": "openai", "model": MODEL, "base_url": base_url, "api_key_env": KEY_ENV,
                  "concurrency": 8, "timeout_s": 5.0, **gen}
    return parse_recipe({"name": "t", "sources": [{"type": "phantom", "options": cases}], "generation": generation})


def _workspace(root, cases=PHANTOM_SMALL) -> Workspace:
    ws = Workspace(root)
    ingest_source(ws, build_source("phantom", cases), progress=False)
    return ws


def _fast_backend(recipe, ws):
    """The recipe's backend with millisecond backoff, so fault tests do not wait seconds between retries."""
    from medseg_qa.llm.openai_backend import OpenAIBackend

    return OpenAIBackend(recipe.generation, ws, backoff_base_s=0.005, backoff_cap_s=0.02, probe_timeout_s=2.0)


def _states(ws):
    return {conv.conversation_id: state for conv, state in ws.conversations()}


@pytest.fixture(autouse=True)
def _no_key(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)


def test_thirty_percent_faults_lose_nothing_and_duplicate_nothing(tmp_path):
    cases = {"cases": 5, "slices_per_case": 3, "size": 128}
    faults = Faults(rate_429=0.06, rate_500=0.06, rate_reset=0.05, rate_timeout=0.03, rate_truncated=0.05,
                    rate_invalid_content=0.05, timeout_sleep_s=3.5, seed=2)
    with FaultServer(faults) as srv, _workspace(tmp_path / "ws", cases) as ws:
        # a deadline well above the server's worst latency under load (it shares this process's GIL), so
        # only injected timeouts time out: a real one could lose an answer the server did deliver
        recipe = _recipe(srv.base_url, cases, concurrency=16, timeout_s=3.0, max_retries=14, qc_retries=1)
        planned = [j.conversation_id for j in plan_jobs(ws, recipe.generation)]
        assert len(planned) >= 90
        summary = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        injected = sum(srv.stats.faults.values())
        assert injected / srv.total_chat_requests() > 0.2  # the faults really were there
        assert {"429", "500", "reset", "timeout", "truncated", "invalid"} <= set(srv.stats.faults)
        rows = ws.db.execute("SELECT conversation_id, COUNT(*) FROM conversations GROUP BY 1").fetchall()
        assert sorted(cid for cid, _ in rows) == sorted(planned)  # every planned id, no other
        assert all(n == 1 for _, n in rows)
        states = _states(ws)
        assert set(states.values()) <= {"passed", "flagged"}
        assert sum(s == "passed" for s in states.values()) >= 0.8 * len(states)
        assert max(srv.stats.valid_by_key.values()) == 1  # no answer was bought twice
        assert summary.prompt_tokens > 0 and summary.completion_tokens > 0
        before = srv.total_chat_requests()
        again = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert srv.total_chat_requests() == before and again.skipped_existing == len(planned)


def test_retry_after_is_honoured(tmp_path):
    with FaultServer(Faults(script=["429"], retry_after="1")) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url)
        backend = _fast_backend(recipe, ws)  # its own backoff would wait at most 20 ms
        job = next(plan_jobs(ws, recipe.generation))
        t0 = time.monotonic()
        draft = backend.generate(_request(job, recipe.generation, 0))
        elapsed = time.monotonic() - t0
        assert elapsed >= 1.0
        assert srv.stats.faults["429"] == 1 and srv.total_chat_requests() == 2
        assert draft.turns[1].content.count("[SEG]") == 1


def test_invalid_answer_gets_one_repair_reprompt(tmp_path):
    with FaultServer(Faults(script=["invalid"])) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, concurrency=1)
        backend = _fast_backend(recipe, ws)
        job = next(plan_jobs(ws, recipe.generation))
        draft = backend.generate(_request(job, recipe.generation, 0))
        assert srv.stats.repairs == 1 and srv.total_chat_requests() == 2
        assert len(draft.turns) == 6 and backend.stats["repairs"] == 1
        assert draft.prompt_tokens > 0  # both calls counted
        assert draft.prompt_tokens > sum(len(m["content"]) for m in _first_messages(job, recipe)) // 4


def _first_messages(job, recipe):
    from medseg_qa.llm.prompts import build_messages

    return build_messages(_request(job, recipe.generation, 0))


def test_persistently_invalid_answers_fail_with_raw_text_and_the_run_completes(tmp_path):
    with FaultServer(Faults(persistent_invalid=0.35)) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, prices={MODEL: {"prompt_per_1k": 0.5, "completion_per_1k": 1.5}})
        backend = _fast_backend(recipe, ws)
        generate(ws, recipe, backend=backend, progress=False)
        convs = list(ws.conversations())
        failed = [c for c, s in convs if s == "failed"]
        assert failed and len(failed) < len(convs)
        for conv in failed:
            assert conv.raw_text and conv.raw_text.startswith("Here is the conversation")
            assert conv.qc_flags == ["generation_failed"]
            assert "after one repair reprompt" in conv.turns[1].content
            assert conv.provenance.prompt_tokens > 0 and conv.provenance.cost_usd > 0  # paid, so counted
        assert backend.stats["repairs"] == backend.stats["invalid_after_repair"] == len(failed)  # one repair each
        assert 0 < srv.stats.repairs <= len(failed)  # (twins with identical prompts share one answer)
        totals = usage_totals(ws)
        assert totals["conversations"] == len(convs)
        assert totals["prompt_tokens"] == sum(c.provenance.prompt_tokens for c, _ in convs)
        expected_cost = sum(c.provenance.prompt_tokens * 0.5e-3 + c.provenance.completion_tokens * 1.5e-3
                            for c, _ in convs)
        assert totals["cost_usd"] == pytest.approx(expected_cost)


def test_missing_key_fails_fast_for_openai_and_when_required(tmp_path):
    with Workspace(tmp_path / "ws") as ws:
        recipe = _recipe(None)  # OpenAI's own URL: a key is required; nothing is sent
        with pytest.raises(BackendError, match=f"environment variable {KEY_ENV} is not set"):
            build_backend(recipe.generation, ws).preflight()
        with FaultServer() as srv:
            recipe = _recipe(srv.base_url, require_key=True)
            with pytest.raises(BackendError, match=f"{KEY_ENV} is not set"):
                build_backend(recipe.generation, ws).preflight()
            assert sum(srv.stats.requests.values()) == 0


def test_rejected_key_fails_fast_and_the_key_is_stored_nowhere(tmp_path, monkeypatch):
    secret = "sk-test-DO-NOT-STORE-91f3"
    with FaultServer(Faults(api_key=secret)) as srv, _workspace(tmp_path / "ws") as ws:
        monkeypatch.setenv(KEY_ENV, "sk-wrong")
        recipe = _recipe(srv.base_url)
        with pytest.raises(BackendError, match=f"rejected the API key in {KEY_ENV}"):
            build_backend(recipe.generation, ws).preflight()
        monkeypatch.setenv(KEY_ENV, secret)
        generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert set(_states(ws).values()) <= {"passed", "flagged"}
    ws.close()
    for path in (tmp_path / "ws").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_unreachable_server_fails_fast(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: connections are refused
        with Workspace(tmp_path / "ws") as ws:
            recipe = _recipe(f"http://127.0.0.1:{port}/v1")
            t0 = time.monotonic()
            with pytest.raises(BackendError, match=f"cannot reach the LLM server at http://127.0.0.1:{port}/v1"):
                build_backend(recipe.generation, ws).preflight()
            assert time.monotonic() - t0 < 10


def test_auto_structured_output_falls_back_to_json_object_once_and_remembers(tmp_path):
    with FaultServer(Faults(json_schema_unsupported=True)) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, structured="auto", qc_retries=0)  # one request per conversation
        generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert srv.stats.response_formats["json_schema"] == 1
        assert srv.stats.response_formats["json_object"] == len(_states(ws))
        assert set(_states(ws).values()) <= {"passed", "flagged"}
        # a new process on the same workspace knows the answer: no json_schema probe again
        ws.db.execute("DELETE FROM conversations")
        ws.db.execute("DELETE FROM llm_cache WHERE key LIKE 'chat:%'")
        generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert srv.stats.response_formats["json_schema"] == 1


def test_json_schema_mode_uses_the_schema_and_refusal_is_a_backend_error(tmp_path):
    with FaultServer(Faults(json_schema_unsupported=True)) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, structured="json_schema")
        with pytest.raises(BackendError, match="does not support response_format json_schema"):
            generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert _states(ws) == {}  # nothing half-stored: a rerun with structured: auto starts clean


def test_cache_covers_answers_received_but_not_committed(tmp_path):
    with FaultServer() as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, concurrency=1, qc_retries=0)
        jobs = list(plan_jobs(ws, recipe.generation))
        backend = _fast_backend(recipe, ws)
        stream = backend.generate_many([_request(j, recipe.generation, 0) for j in jobs])
        got = [next(stream) for _ in range(3)]  # answers arrive, then the process "dies" before committing
        stream.close()
        assert len(got) == 3 and _states(ws) == {}
        cached = ws.db.execute("SELECT COUNT(*) FROM llm_cache WHERE key LIKE 'chat:%'").fetchone()[0]
        assert cached >= 3 and srv.total_chat_requests() < len(jobs)
        generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
        assert len(_states(ws)) == len(jobs)
        assert srv.total_chat_requests() == len(jobs) + sum(n > 1 for n in srv.stats.valid_by_key.values())
        assert sum(n > 1 for n in srv.stats.valid_by_key.values()) <= 1  # at most the one in flight at the crash


def test_dry_run_sends_nothing_and_prices_the_plan(tmp_path):
    with FaultServer() as srv:
        recipe_yaml = tmp_path / "r.yaml"
        recipe_yaml.write_text(
            "name: dry\nsources:\n  - type: phantom\n    options: {cases: 1, slices_per_case: 2, size: 128}\n"
            f"generation:\n  backend: openai\n  model: {MODEL}\n  base_url: {srv.base_url}\n"
            f"  api_key_env: {KEY_ENV}\n  prices:\n    {MODEL}: {{prompt_per_1k: 1.0, completion_per_1k: 2.0}}\n")
        result = CliRunner().invoke(_app(), ["generate", str(recipe_yaml), "--dry-run", "-w", str(tmp_path / "ws"),
                                             "--no-progress"])
        assert result.exit_code == 0, result.output
        assert srv.total_chat_requests() == 0 and sum(srv.stats.requests.values()) == 0
        with Workspace(tmp_path / "ws") as ws:
            plan = dry_run(ws, parse_recipe(__import__("yaml").safe_load(recipe_yaml.read_text())))
        assert plan.pending == plan.planned > 0
        assert plan.prompt_tokens > 200 * plan.pending
        assert plan.cost_usd == pytest.approx(plan.prompt_tokens * 1e-3 + plan.completion_tokens * 2e-3)
        assert f"{plan.pending} requests to send" in result.output
        assert f"prompt {plan.prompt_tokens}" in result.output and f"${plan.cost_usd:.4f}" in result.output


def test_cli_generate_fails_fast_before_ingest_and_status_sums_usage(tmp_path, monkeypatch):
    with FaultServer() as srv:
        recipe_yaml = tmp_path / "r.yaml"
        body = ("name: cli\nsources:\n  - type: phantom\n    options: {cases: 1, slices_per_case: 1, size: 128}\n"
                f"generation:\n  backend: openai\n  model: {MODEL}\n  base_url: {srv.base_url}\n"
                f"  api_key_env: {KEY_ENV}\n  require_key: true\n")
        recipe_yaml.write_text(body)
        ws_dir = tmp_path / "ws"
        result = CliRunner().invoke(_app(), ["generate", str(recipe_yaml), "-w", str(ws_dir), "--no-progress"])
        assert result.exit_code == 2 and f"{KEY_ENV} is not set" in result.output
        with Workspace(ws_dir) as ws:
            assert ws.counts()["records"] == 0  # failed before ingest
        monkeypatch.setenv(KEY_ENV, "sk-local")
        result = CliRunner().invoke(_app(), ["generate", str(recipe_yaml), "-w", str(ws_dir), "--no-progress"])
        assert result.exit_code == 0, result.output
        status = CliRunner().invoke(_app(), ["status", "-w", str(ws_dir)])
        with Workspace(ws_dir) as ws:
            totals = usage_totals(ws)
        assert totals["prompt_tokens"] > 0
        assert f"{totals['prompt_tokens']} / {totals['completion_tokens']}" in status.output


def test_ctrl_c_exits_cleanly_and_a_rerun_resumes(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    # each answer takes 0.75 s, so the 14 planned take over 5 s at concurrency 2: Ctrl-C lands mid-run even when a
    # loaded machine polls the catalog late (at 0.25 s a busy CI machine once saw all 14 stored before the signal)
    with FaultServer(Faults(latency_s=0.75)) as srv:
        recipe_yaml = tmp_path / "r.yaml"
        recipe_yaml.write_text(
            "name: int\nsources:\n  - type: phantom\n    options: {cases: 1, slices_per_case: 2, size: 128}\n"
            f"generation:\n  backend: openai\n  model: {MODEL}\n  base_url: {srv.base_url}\n"
            f"  api_key_env: {KEY_ENV}\n  concurrency: 2\n  qc_retries: 0\n")
        ws_dir = tmp_path / "ws"
        cmd = [sys.executable, "-m", "medseg_qa", "generate", str(recipe_yaml), "-w", str(ws_dir), "--no-progress"]
        # Ctrl-C as a terminal sends it: the child must not inherit an ignored SIGINT (a shell's background
        # job ignores it, and Python then installs no KeyboardInterrupt handler)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, KEY_ENV: "sk-local"},
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            stored = _count_read_only(ws_dir / "catalog.sqlite")  # never migrate a catalog being created
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "interrupted: finished conversations are saved" in err and "Traceback" not in err
        with Workspace(ws_dir) as ws:
            planned = {j.conversation_id for j in plan_jobs(ws, _recipe(srv.base_url, qc_retries=0).generation)}
            assert 2 <= len(_states(ws)) < len(planned)
        rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, KEY_ENV: "sk-local"})
        assert rerun.returncode == 0, rerun.stderr
        with Workspace(ws_dir) as ws:
            assert set(_states(ws)) == planned
        assert sum(n > 1 for n in srv.stats.valid_by_key.values()) <= 2  # only what was in flight at Ctrl-C


def _count_read_only(path) -> int:
    import sqlite3
    from contextlib import closing

    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _app():
    from medseg_qa.cli import app

    return app


def test_reported_cost_equals_what_the_server_billed_with_repairs_and_regenerations(tmp_path):
    """Invalid answers force repair reprompts and failures; every response the server sent is counted."""
    faults = Faults(rate_invalid_content=0.3, persistent_invalid=0.3, seed=3)
    with FaultServer(faults) as srv:
        cases = {"cases": 2, "slices_per_case": 3, "size": 128}  # repeated first questions per patient: QC retries
        recipe = _recipe(srv.base_url, cases, conversations_per_record=2,
                         prices={MODEL: {"prompt_per_1k": 1.0, "completion_per_1k": 2.0}})
        with _workspace(tmp_path / "ws", cases) as ws:
            s = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
            assert srv.stats.repairs > 0 and s.states["failed"] > 0
            assert any(c.provenance.attempts > 1 for c, _ in ws.conversations())  # QC regenerations happened
            assert (s.prompt_tokens, s.completion_tokens) == (srv.stats.prompt_tokens, srv.stats.completion_tokens)
            assert s.cost_usd == pytest.approx(srv.stats.prompt_tokens / 1000 + 2 * srv.stats.completion_tokens / 1000)
            billed = usage_totals(ws)["billed"]
            assert (billed["prompt_tokens"], billed["completion_tokens"]) == (srv.stats.prompt_tokens,
                                                                              srv.stats.completion_tokens)
            # retry the failed ones once the server answers well: new seeds (not the cached bad answers)
            srv.faults.persistent_invalid, srv.faults.rate_invalid_content = 0.0, 0.0
            before = srv.total_chat_requests()
            again = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
            assert srv.total_chat_requests() == before  # without --retry-failed nothing is re-sent
            retried = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False, retry_failed=True)
            assert retried.retried_failed == s.states["failed"] and retried.states["failed"] == 0
            assert again.prompt_tokens == 0
            totals = usage_totals(ws)
            assert totals["billed"]["prompt_tokens"] == srv.stats.prompt_tokens
            # and the conversations' own provenance adds up to the same: no attempt's tokens dropped
            assert (totals["prompt_tokens"], totals["completion_tokens"]) == (srv.stats.prompt_tokens,
                                                                              srv.stats.completion_tokens)


def test_conversation_ids_and_cache_keys_follow_the_endpoint_and_modes(tmp_path):
    with FaultServer() as srv:
        with _workspace(tmp_path / "ws") as ws:
            ids = lambda **g: sorted(j.conversation_id for j in plan_jobs(ws, _recipe(srv.base_url, **g).generation))
            base = ids()
            assert ids() == base
            assert ids(multimodal=True) != base and ids(structured="json_object") != base
            other = _recipe(srv.base_url.replace("127.0.0.1", "localhost")).generation
            assert sorted(j.conversation_id for j in plan_jobs(ws, other)) != base
            same = _recipe(srv.base_url.replace("http://", "HTTP://") + "/").generation
            assert sorted(j.conversation_id for j in plan_jobs(ws, same)) == base  # normalised
            b1, b2 = _fast_backend(_recipe(srv.base_url), ws), _fast_backend(_recipe("http://user:pw@other:9/v1"), ws)
            msgs = [{"role": "user", "content": "x"}]
            assert b1.cache_key(msgs, {}, None) != b2.cache_key(msgs, {}, None)
            assert b2.endpoint == "http://other:9/v1"  # credentials never reach ids or keys


def test_two_generate_processes_never_both_pay(tmp_path):
    """A real second process: while one holds the workspace, `medsegqa generate` exits with one line naming it."""
    import subprocess
    import sys

    root = tmp_path / "ws"
    _workspace(root).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys,time; from medseg_qa.workspace import Workspace\n"
        f"ws = Workspace({str(root)!r})\n"
        "with ws.writer('generate'):\n    print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        recipe = tmp_path / "r.yaml"
        recipe.write_text("name: t\nsources:\n  - type: phantom\n    options: {cases: 1, slices_per_case: 2, size: 128}\n")
        out = subprocess.run([sys.executable, "-m", "medseg_qa", "generate", str(recipe), "-w", str(root),
                              "--no-progress"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 2
        assert f"pid {holder.pid}" in out.stderr and "in use by another medsegqa process" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()
    with Workspace(root) as ws:  # released when its holder died
        with ws.writer("generate"):
            pass


def test_an_upgraded_workspace_reuses_its_cache_and_keeps_its_reviews(tmp_path):
    """A catalog written by the previous id formula (ids without the answer context, cache keys without
    the endpoint): the next generate pays nothing, supersedes the old conversations, keeps the reviewed one."""
    import json as _json

    from medseg_qa import ids
    from medseg_qa.llm.cache import request_key

    with FaultServer() as srv:
        recipe = _recipe(srv.base_url)
        with _workspace(tmp_path / "ws") as ws:
            generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
            sent = srv.total_chat_requests()
            backend = _fast_backend(recipe, ws)
            for job in plan_jobs(ws, recipe.generation):  # rewrite the catalog as the old version wrote it
                params = {**backend.api_params(), "seed": _request(job, recipe.generation, 0).seed}
                from medseg_qa.llm.prompts import build_messages

                msgs = build_messages(_request(job, recipe.generation, 0))
                fmt = backend.response_format("json_schema", recipe.generation.user_turns)
                ws.db.execute("UPDATE llm_cache SET key=? WHERE key=?", ("chat:" + request_key(MODEL, msgs, params, fmt),
                                                                         "chat:" + backend.cache_key(msgs, params, fmt)))
                old = ids.conversation_id(job.record.record_id, "v1", MODEL, job.params, job.style)
                body = _json.loads(ws.db.execute("SELECT body FROM conversations WHERE conversation_id=?",
                                                 (job.conversation_id,)).fetchone()[0])
                body["conversation_id"] = old
                ws.db.execute("UPDATE conversations SET conversation_id=?, body=? WHERE conversation_id=?",
                              (old, _json.dumps(body), job.conversation_id))
            legacy = [c.conversation_id for c, _ in ws.conversations()]
            ws.db.execute("INSERT INTO reviews VALUES (?,?,0)", (legacy[0], '{"decision": "accept"}'))
            s = generate(ws, recipe, backend=_fast_backend(recipe, ws), progress=False)
            assert srv.total_chat_requests() == sent and s.prompt_tokens == 0  # every answer from the old cache
            assert s.superseded == len(legacy) - 1
            live = {c.conversation_id for c, _ in ws.conversations()}
            assert legacy[0] in live and len(live) == len(legacy)


def test_a_day_long_retry_after_is_capped_logged_and_the_run_completes(tmp_path, caplog):
    with FaultServer(Faults(script=["429", "429"], retry_after="86400")) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, retry_after_max_s=0.2)
        planned = [j.conversation_id for j in plan_jobs(ws, recipe.generation)]
        backend = _fast_backend(recipe, ws)
        with caplog.at_level("WARNING", logger="medseg_qa.llm.ratelimit"):
            generate(ws, recipe, backend=backend, progress=False)
        assert sorted(_states(ws)) == sorted(planned)  # the run completed
        assert srv.stats.faults["429"] == 2 and backend.stats["retry_after_capped"] == 2
        capped = [r.getMessage() for r in caplog.records if "Retry-After" in r.getMessage()]
        assert len(capped) == 1  # said once, at warning level
        assert "86400 s" in capped[0] and "0 s instead" in capped[0] and "retry_after_max_s" in capped[0]


def test_a_truncated_body_is_never_cached_and_a_rerun_asks_again(tmp_path):
    import json

    with FaultServer(Faults(script=["truncated"])) as srv, _workspace(tmp_path / "ws") as ws:
        recipe = _recipe(srv.base_url, structured="json_object", max_retries=0)
        request = _request(next(plan_jobs(ws, recipe.generation)), recipe.generation, 0)
        with pytest.raises(BackendError, match="malformed response body"):
            _fast_backend(recipe, ws).generate(request)
        assert srv.stats.faults["truncated"] == 1
        assert ws.db.execute("SELECT COUNT(*) FROM llm_cache WHERE key LIKE 'chat:%'").fetchone()[0] == 0
        draft = _fast_backend(recipe, ws).generate(request)  # the rerun asks the server again
        assert srv.total_chat_requests() == 2 and draft.turns
        cached = [json.loads(r) for (r,) in ws.db.execute("SELECT response FROM llm_cache WHERE key LIKE 'chat:%'")]
        assert len(cached) == 1 and cached[0]["choices"][0]["message"]["content"]
