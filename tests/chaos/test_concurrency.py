"""Two `generate` and two `export` processes started together on one workspace: each one either finishes
or stops with the one-line lock error naming the holder's pid; the catalog stays intact, every request
is answered once (no doubled spending) and the export is the uninterrupted one. (Two `review pull`s are in
test_review_chaos.py, beside the Label Studio server.)"""

from __future__ import annotations

import pytest

import harness as h
from fault_server import FaultServer, Faults

pytestmark = [pytest.mark.chaos, pytest.mark.slow, pytest.mark.server]

def test_two_generates_one_workspace(tmp_path, chaos_row):
    with FaultServer(Faults(latency_s=0.1)) as srv:
        h.demo_recipe(tmp_path / "r.yaml", srv.base_url)
        finished, refused = h.race(h.cli("generate", "r.yaml", "-w", "ws"), tmp_path)
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
    finished, refused = h.race(h.cli(*h.EXPORT), d)
    manifest, leftovers, versions = h.export_folder_state(d)
    want = h.export_folder_state(ref)[0]
    chaos_row("2 x export, one workspace", runs=2, kills=0, lost=0, duplicated=len(versions) - 1,
              leaked=len(leftovers), note=f"{finished} finished, {refused} refused by the lock")
    assert finished >= 1 and versions == ["0.1.0"] and leftovers == []
    assert manifest["content_fingerprint"] == want["content_fingerprint"]
