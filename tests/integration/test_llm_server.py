"""The real local LLM server (llama.cpp on SmolLM2-135M) through the real `openai` client: model listing,
chat, schema-constrained JSON, multi-turn; and the start/stop helper's own contract."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from llm_server import LLMServerUnavailable, start_llama_server

pytestmark = pytest.mark.server

TURNS_SCHEMA = {
    "type": "object",
    "properties": {
        "turns": {
            "type": "array",
            "minItems": 2,
            "maxItems": 4,
            "items": {
                "type": "object",
                "properties": {
                    "role": {"type": "string", "enum": ["user", "assistant"]},
                    "content": {"type": "string", "minLength": 1, "maxLength": 200},
                },
                "required": ["role", "content"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["turns"],
    "additionalProperties": False,
}


@pytest.fixture(scope="module")
def client(llm_server):
    from openai import OpenAI

    return OpenAI(base_url=llm_server.base_url, api_key="sk-local", timeout=120, max_retries=0)


def _chat(client, llm_server, messages, **kw):
    return client.chat.completions.create(model=llm_server.alias, messages=messages, temperature=0, seed=0, **kw)


def test_models_lists_the_alias(client, llm_server):
    assert [m.id for m in client.models.list().data] == [llm_server.alias]


def test_chat_completion_returns_text_and_usage(client, llm_server):
    r = _chat(client, llm_server, [{"role": "user", "content": "Name one organ of the human abdomen."}],
              max_tokens=40)
    text = r.choices[0].message.content
    assert text and text.strip()
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].finish_reason in ("stop", "length")
    assert 0 < r.usage.completion_tokens <= 40
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens


def test_json_object_with_schema_returns_valid_json(client, llm_server):
    import jsonschema

    messages = [
        {"role": "system", "content": "You write short training conversations as JSON."},
        {"role": "user", "content": "Write a two-turn conversation in which a user asks where the liver is "
                                    "in an abdominal CT slice and the assistant answers."},
    ]
    r = _chat(client, llm_server, messages, max_tokens=500,
              response_format={"type": "json_object", "schema": TURNS_SCHEMA})
    assert r.choices[0].finish_reason == "stop", r.choices[0].message.content
    data = json.loads(r.choices[0].message.content)
    jsonschema.validate(data, TURNS_SCHEMA)


def test_multi_turn_answer_uses_the_earlier_turns(client, llm_server):
    question = {"role": "user", "content": "What is the code word?"}
    history = [
        {"role": "user", "content": "Remember this code word: pelican."},
        {"role": "assistant", "content": "Got it, the code word is pelican."},
        question,
    ]
    alone = _chat(client, llm_server, [question], max_tokens=24)
    r = _chat(client, llm_server, history, max_tokens=24)
    assert r.usage.prompt_tokens > alone.usage.prompt_tokens + 15  # the earlier turns were templated in
    assert "pelican" in r.choices[0].message.content.lower()
    assert "pelican" not in alone.choices[0].message.content.lower()


def test_start_fails_with_log_tail_on_a_bad_model_and_stop_ends_the_group(tmp_path):
    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"this is not a GGUF file" * 100)
    with pytest.raises(LLMServerUnavailable, match=r"exited with code .*last lines:\n"):
        start_llama_server(bad, log_dir=tmp_path, startup_timeout=30)
    with pytest.raises(LLMServerUnavailable, match="does not exist"):
        start_llama_server(tmp_path / "missing.gguf")

    server = start_llama_server(alias="stop-check", n_ctx=256, n_threads=1, log_dir=tmp_path)
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{server.base_url}/models") as resp:
        assert json.load(resp)["data"][0]["id"] == "stop-check"
    server.stop()
    assert server.process.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(server.process.pid, 0)  # no process is left in its group
    assert server.log_path.is_file()  # a caller-given log_dir is kept
