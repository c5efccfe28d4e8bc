"""The structured claims channel (prompt v2) and the optional QC judge, through the real `openai` client
against the local fault-injecting server and the real llama.cpp server: claims arrive and are checked,
the judge flags a contradicted claim, retries faults, caches, prices its calls, and never breaks a run."""

from __future__ import annotations

import json

import numpy as np
import pytest

from medseg_qa.config import JudgeConfig, ModelPrice, parse_recipe
from medseg_qa.facts import compute_facts
from medseg_qa.llm.judge import Judge
from medseg_qa.pipelines.generate import generate
from medseg_qa.pipelines.ingest import ingest_source
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn
from medseg_qa.sources import build_source
from medseg_qa.workspace import Workspace
from tests.fault_server import MODEL, FaultServer, Faults

pytestmark = pytest.mark.server


def _record() -> SourceRecord:
    mask = np.zeros((64, 64), np.uint8)
    mask[15:40, 4:28] = 1  # orientation LP: the image's left half is the patient's right
    spleen = np.zeros((64, 64), np.uint8)
    spleen[15:30, 45:58] = 1
    return SourceRecord(record_id="r-liver", source="t", dataset="t", image_blob="a" * 64, mask_blob="b" * 64,
                        width=64, height=64, target="liver", modality="CT", body_region="abdomen", case_id="c",
                        patient_id="p", orientation="LP", licence="CC0-1.0",
                        facts=compute_facts(mask, "LP", {"spleen": spleen}))


def _conv(answer: str) -> Conversation:
    return Conversation(conversation_id="c1", record_id="r-liver", question_style="function",
                        turns=[Turn(role="user", content="Which organ produces bile? Please segment it."),
                               Turn(role="assistant", content=answer)],
                        provenance=GenerationProvenance(backend="t", model="m", prompt_version="v2", seed=0))


def _judge(server, ws=None, **kw) -> Judge:
    config = JudgeConfig(enabled=True, model=MODEL, base_url=server.base_url,
                         prices={MODEL: ModelPrice(prompt_per_1k=1.0, completion_per_1k=2.0)}, **kw)
    return Judge(config, ws, backoff_base_s=0.001, backoff_cap_s=0.01)


def test_judge_flags_a_contradicted_claim_prices_and_caches_it(tmp_path):
    ws = Workspace(tmp_path / "ws")
    with FaultServer() as server:
        judge = _judge(server, ws)
        rec = _record()
        good = judge.check(_conv("This is the liver [SEG], on the patient's right."), rec)
        bad = judge.check(_conv("This is the liver [SEG], on the patient's left."), rec)
        sent = server.stats.requests["chat"]
        again = judge.check(_conv("This is the liver [SEG], on the patient's left."), rec)
        assert server.stats.requests["chat"] == sent == 2  # the repeat came from the cache
    assert good.error is None and good.flags == [] and good.claims == 1
    assert bad.flags == ["judge"] and "left" in bad.problems[0]
    assert bad.prompt_tokens > 0 and bad.cost_usd == pytest.approx(
        bad.prompt_tokens / 1000 + bad.completion_tokens / 1000 * 2)
    assert again.cached and again.flags == ["judge"] and again.cost_usd == 0.0


def test_judge_retries_faults_and_gives_no_verdict_when_the_server_keeps_failing():
    rec = _record()
    with FaultServer(Faults(script=["429", "500", "reset"])) as server:
        verdict = _judge(server).check(_conv("This is the liver [SEG], on the patient's right."), rec)
        assert server.stats.requests["chat"] == 4 and verdict.error is None and verdict.claims == 1
    with FaultServer(Faults(rate_500=1.0)) as server:
        verdict = _judge(server, max_retries=2).check(_conv("The liver [SEG], on the patient's left."), rec)
        assert server.stats.requests["chat"] == 3
    assert verdict.error and "kept failing" in verdict.error and verdict.flags == []
    with FaultServer(Faults(rate_invalid_content=1.0)) as server:
        verdict = _judge(server).check(_conv("The liver [SEG], on the patient's left."), rec)
    assert verdict.error and "not the asked JSON" in verdict.error and verdict.flags == []


def test_judge_caps_a_day_long_retry_after_like_generation():
    rec = _record()
    with FaultServer(Faults(script=["429"], retry_after="86400")) as server:
        judge = _judge(server)
        judge.retry.retry_after_max_s = 0.05  # the same RetryPolicy as generation, its cap made short here
        verdict = judge.check(_conv("This is the liver [SEG], on the patient's right."), rec)
        assert server.stats.requests["chat"] == 2 and verdict.error is None and judge.retry.capped == 1


def test_generate_with_prompt_v2_stores_claims_and_runs_the_judge(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ingest_source(ws, build_source("phantom", {"cases": 1, "slices_per_case": 2, "size": 128}), progress=False)
    with FaultServer() as server:
        recipe = parse_recipe({
            "name": "t", "sources": [{"type": "phantom", "options": {}}],
            "generation": {"backend": "openai", "model": MODEL, "base_url": server.base_url, "prompt_version": "v2",
                           "user_turns": 2, "timeout_s": 5.0},
            "qc": {"judge": {"enabled": True, "model": MODEL, "base_url": server.base_url,
                             "prices": {MODEL: {"prompt_per_1k": 1.0, "completion_per_1k": 1.0}}}}})
        summary = generate(ws, recipe, progress=False)
        formats = dict(server.stats.response_formats)
    convs = [c for c, _ in ws.conversations()]
    records = {r.record_id: r for r in ws.records()}
    assert convs and all(c.claims is not None for c in convs)
    for conv in convs:
        facts = records[conv.record_id].facts
        assert conv.claims.side == facts.laterality and conv.claims.regions == facts.components
        assert "claims" not in conv.qc_flags
    assert summary.judged > 0 and summary.judge_errors == 0
    assert any(c.provenance.judge_prompt_tokens > 0 and c.provenance.judge_cost_usd > 0 for c in convs)
    assert formats  # the generation requests asked for structured output


def test_judge_against_llama_cpp(llm_server, tmp_path):
    """The real server compiles the judge's schema into a grammar: the answer is the asked JSON, its
    listed claims are compared with the facts, tokens are counted and a repeat is served from the cache."""
    ws = Workspace(tmp_path / "ws")
    config = JudgeConfig(enabled=True, model=llm_server.alias, base_url=llm_server.base_url, response_schema=True,
                         params={"temperature": 0.0, "max_tokens": 160, "seed": 0}, timeout_s=300)
    judge = Judge(config, ws)
    conv = _conv("This is the liver [SEG]. It lies on the patient's left and is small.")
    first = judge.check(conv, _record())
    second = judge.check(conv, _record())
    assert first.prompt_tokens > 0 and first.completion_tokens > 0
    assert first.error is None or "not the asked JSON" in first.error  # a truncated answer is reported
    assert second.cached and second.prompt_tokens == 0
    assert (second.flags, second.claims, second.error) == (first.flags, first.claims, first.error)
    raw = ws.db.execute("SELECT response FROM llm_cache WHERE key LIKE 'chat:%'").fetchone()[0]
    assert json.loads(raw)["usage"]["prompt_tokens"] == first.prompt_tokens


def test_prompt_v2_grammar_makes_llama_cpp_return_parseable_claims(llm_server):
    """llama.cpp compiles the v2 answer schema (turns + claims) into a grammar: whatever a tiny model
    says, the answer parses, and QC holds its claims object to the measured facts."""
    from openai import OpenAI

    from medseg_qa.llm.prompts import answer_schema, parse_answer
    from medseg_qa.qc import claim_problems

    client = OpenAI(base_url=llm_server.base_url, api_key="sk-local", timeout=300, max_retries=0)
    rec = _record()
    messages = [{"role": "system", "content": "Reply with a JSON conversation about one organ and its claims."},
                {"role": "user", "content": "Facts: side right, anterior, large, 1 part. Write 2 turns and claims."}]
    r = client.chat.completions.create(model=llm_server.alias, messages=messages, temperature=0, seed=0,
                                       max_tokens=400, response_format={
                                           "type": "json_object", "schema": answer_schema(1, grammar=True, claims=True)})
    turns, claims = parse_answer(r.choices[0].message.content, 1, claims=True)
    assert len(turns) == 2 and claims is not None
    conv = _conv(turns[1].content).model_copy(update={"claims": claims})
    problems = " ".join(claim_problems(conv, rec))
    assert ("side " in problems) == (claims.side not in (None, rec.facts.laterality))
    assert ("regions " in problems) == (claims.regions not in (None, rec.facts.components))
    assert ("size_class " in problems) == (claims.size_class not in (None, rec.facts.size_class))
