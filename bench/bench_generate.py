"""Generation throughput of the openai backend against the fault server with a fixed latency.

Baseline, measured in the same run: a bare `AsyncOpenAI` loop (`chat.completions.create` under a
semaphore of the same concurrency C) replaying the very request bodies that `generate` sent (recorded by
the server) against the same server with the same latency L. The pipeline's requests per second over the
bare loop's is the ratio (goal >= 0.95). Also: pipeline CPU per conversation
(the generating process's CPU plus its QC worker processes', / n: prompt rendering, HTTP client, cache,
QC, catalog writes), and the wall time of
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
from typing import Optional

from bench.common import measure, row

ROOT = Path(__file__).resolve().parent.parent
LATENCY_S = 0.2
CONCURRENCY = 16
RECORDS_PER_CASE_SLICE = 3  # phantom slices per case
CONVERSATIONS_PER_RECORD = 4
TARGET_CONVERSATIONS = 2000

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import openai  # noqa: F401  (one-time import, outside the clock)
from medseg_qa.config import parse_recipe
from medseg_qa.pipelines.generate import generate
from medseg_qa.workspace import Workspace
ws = Workspace({ws!r})
recipe = parse_recipe(json.loads({recipe!r}))
def children_cpu():  # the QC worker processes (reaped when generate returns)
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime
t0, c0, k0, start = time.perf_counter(), time.process_time(), children_cpu(), time.time()
summary = generate(ws, recipe, progress=False)
last = ws.db.execute("SELECT MAX(created_at) FROM conversations").fetchone()[0]
RESULT = {{"gen_wall_s": time.perf_counter() - t0, "gen_cpu_s": time.process_time() - c0,
           "qc_workers_cpu_s": children_cpu() - k0,
           "until_last_stored_s": last - start,
           "stored": sum(summary.states.values()), "skipped": summary.skipped_existing,
           "states": dict(summary.states)}}
"""


_BARE = """
import asyncio, json, time
import openai
bodies = [json.loads(line) for line in open({record!r}).read().splitlines()[:{n}]]

async def _main():
    client = openai.AsyncOpenAI(base_url={url!r}, api_key="no-key-needed", timeout=30.0, max_retries=0)
    sem = asyncio.Semaphore({concurrency})

    async def one(body):
        async with sem:
            await client.chat.completions.create(**body)

    await asyncio.gather(*(one(b) for b in bodies))
    await client.close()

t0, c0 = time.perf_counter(), time.process_time()
asyncio.run(_main())
RESULT = {{"bare_wall_s": time.perf_counter() - t0, "bare_cpu_s": time.process_time() - c0, "sent": len(bodies)}}
"""

_PROFILE = """
import cProfile, io, json, pstats, sys
sys.path.insert(0, {root!r})
import openai  # noqa: F401
from medseg_qa.config import parse_recipe
from medseg_qa.pipelines.generate import generate
from medseg_qa.workspace import Workspace
ws = Workspace({ws!r})
recipe = parse_recipe(json.loads({recipe!r}))
prof = cProfile.Profile()
prof.enable()
summary = generate(ws, recipe, progress=False)
prof.disable()
out = io.StringIO()
stats = pstats.Stats(prof, stream=out)
stats.sort_stats("tottime").print_stats({top})
stats.sort_stats("cumulative").print_stats({top})
print(out.getvalue(), file=sys.stderr)
RESULT = {{"stored": sum(summary.states.values())}}
"""


def _start_server(latency: float, record: Optional[str] = None) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "tests.fault_server", "--latency", str(latency)]
    proc = subprocess.Popen(cmd + (["--record", record] if record else []), cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
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


def _recipe(url: str, concurrency: int) -> dict:
    return {"name": "bench", "sources": [{"type": "phantom", "options": {}}],
            "generation": {"backend": "openai", "model": "fault-model", "base_url": url,
                           "api_key_env": "MEDSEGQA_BENCH_NO_KEY", "concurrency": concurrency,
                           "conversations_per_record": CONVERSATIONS_PER_RECORD, "qc_retries": 0,
                           "timeout_s": 30.0}}


def run(n_target: int = TARGET_CONVERSATIONS, latency: float = LATENCY_S, concurrency: int = CONCURRENCY) -> list[dict]:
    ws_dir = tempfile.mkdtemp(prefix="bench-generate-")
    _prepare(ws_dir, n_target)
    record = os.path.join(ws_dir, "requests.jsonl")
    server, url = _start_server(latency, record)
    env = {"MEDSEGQA_BENCH_NO_KEY": ""}
    try:
        child = _CHILD.format(root=str(ROOT), ws=ws_dir, recipe=json.dumps(_recipe(url, concurrency)))
        first = measure(child, env=env)
        requests = _chat_requests(url)
        bare = measure(_BARE.format(record=record, n=requests, url=url, concurrency=concurrency))
        with sqlite3.connect(os.path.join(ws_dir, "catalog.sqlite")) as db:
            db.execute("DELETE FROM conversations")
        cached = measure(child, env=env)
        skip = measure(child, env=env)
    finally:
        server.terminate()
        server.wait(10)
    n = first["stored"]
    bare_rps = bare["sent"] / bare["bare_wall_s"]
    base = f"bare AsyncOpenAI loop, same {bare['sent']} requests, C={concurrency}, L={latency}s"
    note = f"n={n}, states={first['states']}; bare loop {bare['bare_wall_s']:.1f}s"
    streaming = requests / first["until_last_stored_s"]
    client_cpu = first["gen_cpu_s"] + first["qc_workers_cpu_s"]
    qc_tail = first["gen_wall_s"] - first["until_last_stored_s"]
    return [
        row("generate requests/s, end to end", base, round(requests / first["gen_wall_s"], 1), round(bare_rps, 1),
            "req/s", note + f", pipeline {first['gen_wall_s']:.1f}s with the final QC pass; goal ratio >= 0.95"),
        row("generate requests/s until the last conversation is stored", base, round(streaming, 1),
            round(bare_rps, 1), "req/s", f"{requests} requests for {n} conversations (identical prompts share "
                                         f"one answer); without the final catalog-wide QC pass ({qc_tail:.1f}s)"),
        row("generate client CPU per request", "bare AsyncOpenAI loop CPU per request",
            round(1000 * client_cpu / requests, 2), round(1000 * bare["bare_cpu_s"] / bare["sent"], 2), "ms",
            f"client CPU {client_cpu:.1f}s ({1000 * client_cpu / n:.2f} ms per conversation): the event loop's "
            f"process {first['gen_cpu_s']:.1f}s + QC workers {first['qc_workers_cpu_s']:.1f}s, vs "
            f"{bare['bare_cpu_s']:.1f}s; servers in their own process"),
        row("cached rerun wall (answers from cache)", "none (goal 5 s, not a measurement)",
            round(cached["gen_wall_s"], 2), None, "s",
            f"{cached['stored']} conversations rebuilt from llm_cache, 0 requests; CPU {cached['gen_cpu_s']:.1f}s "
            f"+ QC workers {cached['qc_workers_cpu_s']:.1f}s"),
        row("rerun wall (all in catalog)", "none (goal 5 s, not a measurement)", round(skip["gen_wall_s"], 2), None,
            "s", f"{skip['skipped']} skipped + QC over the catalog"),
    ]


def profile(n_target: int = 600, latency: float = LATENCY_S, concurrency: int = CONCURRENCY, top: int = 30) -> None:
    """cProfile of one generate run (stderr: top functions by own time, then by cumulative time)."""
    ws_dir = tempfile.mkdtemp(prefix="bench-generate-prof-")
    _prepare(ws_dir, n_target)
    server, url = _start_server(latency)
    try:
        body = _PROFILE.format(root=str(ROOT), ws=ws_dir, recipe=json.dumps(_recipe(url, concurrency)), top=top)
        code = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + body
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "MEDSEGQA_BENCH_NO_KEY": ""},
                       check=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":  # python -m bench.bench_generate [--profile] (or python -m bench generate)
    if "--profile" in sys.argv:
        profile()
    else:
        from bench.__main__ import print_table

        print_table(run())
