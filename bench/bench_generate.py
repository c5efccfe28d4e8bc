"""Generation throughput of the openai backend against the fault server with a fixed latency.

Baseline: the ideal throughput of `concurrency` requests in flight, each taking `latency` seconds (C/L
conversations per second); the pipeline should reach 90 % of it. Also: pipeline CPU per conversation
(client process CPU / n: prompt rendering, HTTP client, cache, QC, catalog writes), and the wall time of
a rerun whose answers all come from the response cache (conversations deleted from the catalog, so each
is rebuilt, validated and QC'd again; goal <= 5 s for 2,000). The server runs in its own process so its
CPU does not count; each measured run is a fresh interpreter with `openai` imported before the clock
starts (a one-time cost, not throughput).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import measure, row

ROOT = Path(__file__).resolve().parent.parent
LATENCY_S = 0.2
CONCURRENCY = 16
RECORDS_PER_CASE_SLICE = 3  # phantom slices per case
CONVERSATIONS_PER_RECORD = 4
TARGET_CONVERSATIONS = 2000

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
import openai  # noqa: F401  (one-time import, outside the clock)
from medseg_qa.config import parse_recipe
from medseg_qa.pipelines.generate import generate
from medseg_qa.workspace import Workspace
ws = Workspace({ws!r})
recipe = parse_recipe(json.loads({recipe!r}))
t0, c0, start = time.perf_counter(), time.process_time(), time.time()
summary = generate(ws, recipe, progress=False)
last = ws.db.execute("SELECT MAX(created_at) FROM conversations").fetchone()[0]
RESULT = {{"gen_wall_s": time.perf_counter() - t0, "gen_cpu_s": time.process_time() - c0,
           "until_last_stored_s": last - start,
           "stored": sum(summary.states.values()), "skipped": summary.skipped_existing,
           "states": dict(summary.states)}}
"""


def _start_server(latency: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.fault_server", "--latency", str(latency)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        proc.kill()
        raise RuntimeError("the fault server did not start")
    return proc, url


def _chat_requests(base_url: str) -> int:
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(base_url.rsplit("/v1", 1)[0] + "/_stats", timeout=10) as resp:
        return int(json.load(resp)["requests"].get("chat", 0))


def _prepare(ws_dir: str, n_target: int) -> None:
    from medseg_qa.pipelines.ingest import ingest_source
    from medseg_qa.sources import build_source
    from medseg_qa.workspace import Workspace

    cases = 1
    with Workspace(ws_dir) as ws:
        while True:  # about 6 records per phantom slice; add cases until there are enough
            opts = {"cases": cases, "slices_per_case": RECORDS_PER_CASE_SLICE, "size": 128}
            ingest_source(ws, build_source("phantom", opts), progress=False)
            n = ws.counts()["records"] * CONVERSATIONS_PER_RECORD
            if n >= n_target:
                return
            cases = max(cases + 1, int(cases * n_target / max(n, 1)) + 1)


def run(n_target: int = TARGET_CONVERSATIONS, latency: float = LATENCY_S, concurrency: int = CONCURRENCY) -> list[dict]:
    ws_dir = tempfile.mkdtemp(prefix="bench-generate-")
    _prepare(ws_dir, n_target)
    server, url = _start_server(latency)
    try:
        recipe = {"name": "bench", "sources": [{"type": "phantom", "options": {}}],
                  "generation": {"backend": "openai", "model": "fault-model", "base_url": url,
                                 "api_key_env": "MEDSEGQA_BENCH_NO_KEY", "concurrency": concurrency,
                                 "conversations_per_record": CONVERSATIONS_PER_RECORD, "qc_retries": 0,
                                 "timeout_s": 30.0}}
        child = _CHILD.format(root=str(ROOT), ws=ws_dir, recipe=json.dumps(recipe))
        env = {"MEDSEGQA_BENCH_NO_KEY": ""}
        first = measure(child, env=env)
        requests = _chat_requests(url)
        with sqlite3.connect(os.path.join(ws_dir, "catalog.sqlite")) as db:
            db.execute("DELETE FROM conversations")
        cached = measure(child, env=env)
        skip = measure(child, env=env)
    finally:
        server.terminate()
        server.wait(10)
    n = first["stored"]
    ideal = concurrency / latency
    throughput = n / first["gen_wall_s"]
    note = f"n={n}, C={concurrency}, L={latency}s, states={first['states']}"
    streaming = requests / first["until_last_stored_s"]
    qc_tail = first["gen_wall_s"] - first["until_last_stored_s"]
    return [
        row("generate throughput (conv/s)", f"ideal C/L = {ideal:.0f}/s", round(throughput, 1), ideal, "conv/s",
            note + "; goal ratio >= 0.9; end to end, with the final QC pass over the catalog"),
        row("requests/s until the last conversation is stored", f"ideal C/L = {ideal:.0f}/s", round(streaming, 1),
            ideal, "req/s", f"{requests} requests for {n} conversations (identical prompts share one answer); "
                            f"without the final catalog-wide QC pass ({qc_tail:.1f}s)"),
        row("generate CPU per conversation", "-", round(1000 * first["gen_cpu_s"] / n, 2), None, "ms",
            f"client process CPU {first['gen_cpu_s']:.1f}s over {n} (server in its own process)"),
        row("cached rerun wall (answers from cache)", "goal 5 s", round(cached["gen_wall_s"], 2), 5.0, "s",
            f"{cached['stored']} conversations rebuilt from llm_cache, 0 requests; CPU {cached['gen_cpu_s']:.1f}s"),
        row("rerun wall (all in catalog)", "goal 5 s", round(skip["gen_wall_s"], 2), 5.0, "s",
            f"{skip['skipped']} skipped + QC over the catalog"),
    ]


if __name__ == "__main__":  # python -m bench.bench_generate (or python -m bench generate)
    from bench.__main__ import print_table

    print_table(run())
