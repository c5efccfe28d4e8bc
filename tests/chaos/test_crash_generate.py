"""SIGKILL `medsegqa generate` at seeded random moments (ingest, LLM calls, catalog writes), rerun it to
completion, and require the uninterrupted run's result: no record or conversation lost or doubled, an
intact catalog, no stored LLM response paid for twice (only calls in flight at the kill are re-sent), and
the same export fingerprint. The LLM is the fault server with a latency, so kills land during calls."""

from __future__ import annotations

import os
import time
from collections import Counter

import pytest

import harness as h
from fault_server import FaultServer, Faults, conversation_key

pytestmark = [pytest.mark.chaos, pytest.mark.slow, pytest.mark.server]

KILLS = int(os.environ.get("MEDSEGQA_CHAOS_KILLS", "8"))
LATENCY = 0.15
CONCURRENCY = 2


def _reference(tmp_path, srv):
    """The uninterrupted run (one server for all runs: its address is part of every conversation id)."""
    d = tmp_path / "reference"
    d.mkdir()
    recipe = h.demo_recipe(d / "r.yaml", srv.base_url)
    t0 = time.monotonic()
    done = h.run(h.cli("generate", "r.yaml", "-w", "ws"), d)
    took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    served = h.served_since(srv, Counter())
    exported = h.run(h.cli("export", "--recipe", "r.yaml", "--version", "0.1.0", "-w", "ws"), d)
    assert exported.returncode == 0, exported.stderr
    cat = h.Catalog.read(d / "ws")
    assert cat.integrity == "ok" and len(served) == len(cat.conversations) == cat.usage_rows
    assert set(cat.conversations.values()) == {"passed"}
    return cat, served, h.manifest(d / "exports"), h.export_state(d / "ws", recipe), took


@pytest.fixture(scope="module")
def llm():
    with FaultServer(Faults(latency_s=LATENCY)) as srv:
        answer, srv.prompts = srv.answer, {}

        def remembering(body):  # the prompt of every request, to name an unexpected one
            srv.prompts.setdefault(conversation_key(body), (body.get("seed"), body["messages"][-1]["content"]))
            return answer(body)

        srv.answer = remembering
        yield srv


def test_generate_survives_sigkill(tmp_path, llm, chaos_row):
    ref, ref_served, ref_manifest, ref_state, took = _reference(tmp_path, llm)
    rng = h.rng()
    phases, runs, lost, duplicated, paid_twice, resent = [], 1, 0, 0, 0, 0
    for trial in range(KILLS):
        d = tmp_path / f"trial{trial}"
        d.mkdir()
        before = Counter(llm.stats.valid_by_key)
        recipe = h.demo_recipe(d / "r.yaml", llm.base_url)
        delay = took * (trial + rng.random()) / KILLS  # stratified: the kills cover the whole run, ingest first
        killed = h.kill_after(h.start(h.cli("generate", "r.yaml", "-w", "ws"), d), delay)
        phases.append(h.phase(d / "ws", len(ref.records), len(ref.conversations)) if killed else "finished")
        done = h.run(h.cli("generate", "r.yaml", "-w", "ws"), d)
        runs += 2
        assert done.returncode == 0, done.stderr
        served = h.served_since(llm, before)
        cat = h.Catalog.read(d / "ws")
        assert cat.integrity == "ok", cat.integrity
        lost += len(set(ref.records) - set(cat.records)) + len(set(ref.conversations) - set(cat.conversations))
        duplicated += len(set(cat.records) - set(ref.records)) + len(set(cat.conversations) - set(ref.conversations))
        assert cat.conversations == ref.conversations, f"trial {trial} (kill at {delay:.2f}s, {phases[-1]})"
        # every request of the plan was answered, each stored once; re-sent only what was in flight
        unexpected = {k: llm.prompts[k] for k in set(served) - set(ref_served)}
        assert set(served) == set(ref_served), f"trial {trial} ({phases[-1]}): unexpected requests {unexpected}"
        paid_twice += cat.usage_rows - cat.usage_keys
        assert cat.usage_keys == len(ref_served) and cat.usage_rows == cat.usage_keys, f"trial {trial}"
        again = sum(served.values()) - len(served)
        assert again <= CONCURRENCY, f"trial {trial}: {again} answered requests re-sent (more than were in flight)"
        resent += again
        assert h.export_state(d / "ws", recipe) == ref_state, f"trial {trial}: the export would differ"
    # the last trial's workspace goes all the way to a real export: the same fingerprint as the reference
    exported = h.run(h.cli("export", "--recipe", "r.yaml", "--version", "0.1.0", "-w", "ws"), d)
    runs += 1
    assert exported.returncode == 0, exported.stderr
    got = h.manifest(d / "exports")
    assert got["content_fingerprint"] == ref_manifest["content_fingerprint"]
    assert got["state_hash"] == ref_manifest["state_hash"] == ref_state
    where = ", ".join(f"{p} {phases.count(p)}" for p in sorted(set(phases)))
    chaos_row("generate (SIGKILL, rerun, export)", runs=runs, kills=sum(p != "finished" for p in phases),
              lost=lost, duplicated=duplicated, leaked=paid_twice,
              note=f"seed {h.SEED}; kills at: {where}; {resent} in-flight calls re-sent")
    assert lost == duplicated == paid_twice == 0
