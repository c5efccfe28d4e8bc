"""Two `generate` and two `export` processes started together on one workspace: each one either finishes
or stops with the one-line lock error naming the holder's pid; the catalog stays intact, every request
is answered once (no doubled spending) and the export is the uninterrupted one. (Two `review pull`s are in
test_review_chaos.py, beside the Label Studio server.)"""

from __future__ import annotations

import re

import pytest

import harness as h
from fault_server import FaultServer, Faults

pytestmark = [pytest.mark.chaos, pytest.mark.slow, pytest.mark.server]

LOCKED = re.compile(r"is in use by another medsegqa process \(pid \d+, [\w ]+, since")


def race(args: list[str], cwd) -> tuple[int, int]:
    """Start two identical processes at once; (finished, refused by the lock). Anything else fails."""
    procs = [h.start(args, cwd) for _ in range(2)]
    finished = refused = 0
    for p in procs:
        out, err = p.communicate(timeout=300)
        if p.returncode == 0:
            finished += 1
        else:
            assert LOCKED.search(" ".join(err.split())), err[-2000:]
            assert len([ln for ln in err.splitlines() if ln.strip()]) <= 3, err  # a short error, no traceback
            refused += 1
    return finished, refused


def test_two_generates_one_workspace(tmp_path, chaos_row):
    with FaultServer(Faults(latency_s=0.1)) as srv:
        h.demo_recipe(tmp_path / "r.yaml", srv.base_url)
        finished, refused = race(h.cli("generate", "r.yaml", "-w", "ws"), tmp_path)
        again = h.run(h.cli("generate", "r.yaml", "-w", "ws"), tmp_path)
        assert again.returncode == 0, again.stderr
        served = dict(srv.stats.valid_by_key)
    cat = h.Catalog.read(tmp_path / "ws")
    assert cat.integrity == "ok"
    doubled = sum(served.values()) - len(served)
    chaos_row("2 x generate, one workspace", runs=3, kills=0, lost=len(cat.records) - len(cat.conversations),
              duplicated=0, leaked=doubled + cat.usage_rows - cat.usage_keys,
              note=f"{finished} finished, {refused} refused by the lock")
    assert len(cat.conversations) == len(cat.records) > 0 and set(cat.conversations.values()) == {"passed"}
    assert doubled == 0 and cat.usage_rows == cat.usage_keys == len(served) == len(cat.conversations)


def test_two_exports_one_workspace(tmp_path, template_workspace, chaos_row):
    src, _ = template_workspace
    ref = h.copy_setup(src, tmp_path / "reference")
    assert h.run(h.cli(*h.EXPORT), ref).returncode == 0
    d = h.copy_setup(src, tmp_path / "raced")
    finished, refused = race(h.cli(*h.EXPORT), d)
    manifest, leftovers, versions = h.export_folder_state(d)
    want = h.export_folder_state(ref)[0]
    chaos_row("2 x export, one workspace", runs=2, kills=0, lost=0, duplicated=len(versions) - 1,
              leaked=len(leftovers), note=f"{finished} finished, {refused} refused by the lock")
    assert finished >= 1 and versions == ["0.1.0"] and leftovers == []
    assert manifest["content_fingerprint"] == want["content_fingerprint"]
