"""Completion tokens/s of the real local LLM (SmolLM2-135M Q4_1) through the OpenAI-compatible llama.cpp
server and the `openai` client, against the same model, prompts and sampling run in-process with
`llama_cpp.Llama` (the named baseline), so the HTTP + server overhead shows as the ratio.

Both sides use the same thread count and take turns, request by request, so they never compete for cores.
Tokens come from each answer's usage counts; time is the wall time of the whole request.
"""

from __future__ import annotations

import time

from bench.common import row

N_REQUESTS = 5
MAX_TOKENS = 256
N_THREADS = 1  # 2 threads on this shared 2-core box spin-wait when a core is taken: ~10x slower then
N_CTX = 2048
PROMPTS = [
    "Describe in detail what a radiologist looks for in an abdominal CT scan.",
    "Explain step by step how the liver, gallbladder and pancreas work together in digestion.",
    "Write a long paragraph about the anatomy of the human heart and its chambers.",
    "Explain how MRI differs from CT, with examples of when each is preferred.",
    "Describe the kidneys: their position, their structure and what they filter.",
]
SAMPLING = {"temperature": 0.0, "seed": 0, "max_tokens": MAX_TOKENS}


def _messages(prompt: str) -> list[dict]:
    return [{"role": "system", "content": "You are a knowledgeable medical teacher."},
            {"role": "user", "content": prompt}]


def _rates(model_path) -> dict[str, tuple[int, float]]:
    """{"server"|"in_process": (completion tokens, seconds)} over the same N_REQUESTS chat completions.

    Both stay loaded and the requests alternate (in-process, then server, per prompt): neither competes with
    the other for cores (an idle server uses none), and any drift in machine load hits both sides alike.
    """
    from llama_cpp import Llama
    from openai import OpenAI

    from tests.llm_server import start_llama_server

    totals = {"in_process": [0, 0.0], "server": [0, 0.0]}
    with start_llama_server(model_path, n_ctx=N_CTX, n_threads=N_THREADS) as server:
        client = OpenAI(base_url=server.base_url, api_key="sk-local", timeout=300, max_retries=0)
        llm = Llama(model_path=str(model_path), n_ctx=N_CTX, n_threads=N_THREADS, verbose=False)
        try:
            calls = {
                "in_process": lambda m: llm.create_chat_completion(messages=m, **SAMPLING)["usage"],
                "server": lambda m: client.chat.completions.create(
                    model=server.alias, messages=m, **SAMPLING).usage.model_dump(),
            }
            for call in calls.values():  # warm-up
                call(_messages("Hi."))
            for prompt in PROMPTS[:N_REQUESTS]:
                for side, call in calls.items():
                    t0 = time.perf_counter()
                    usage = call(_messages(prompt))
                    totals[side][1] += time.perf_counter() - t0
                    totals[side][0] += usage["completion_tokens"]
        finally:
            llm.close()
    return {side: (tokens, seconds) for side, (tokens, seconds) in totals.items()}


def run() -> list[dict]:
    from tests.llm_server import smollm2_gguf

    model = smollm2_gguf()
    rates = _rates(model)
    (tokens, seconds), (base_tokens, base_s) = rates["server"], rates["in_process"]
    return [row("LLM completion tokens/s (server + openai client)", "llama_cpp.Llama in-process",
                round(tokens / seconds, 1), round(base_tokens / base_s, 1), "tokens/s",
                f"{model.name}, {N_REQUESTS} requests x <={MAX_TOKENS} tokens, {N_THREADS} thread(s), "
                f"alternating: {tokens} tok in {seconds:.1f}s vs {base_tokens} tok in {base_s:.1f}s")]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
