"""SIGKILL `medsegqa export` at seeded random moments while it writes the DatasetDict, the card and the
manifest, then rerun it: the finished export must verify, carry the uninterrupted export's fingerprint,
be the only version in the catalog, and leave no half-built folder behind.

This kills `export` itself, the stage that builds every file a push uploads; test_crash_push.py kills
`export --push-to-hub` during its conversation with the local hub (tests/hub_server.py)."""

from __future__ import annotations

import os
import time

import pytest

import harness as h

pytestmark = [pytest.mark.chaos, pytest.mark.slow]

KILLS = int(os.environ.get("MEDSEGQA_CHAOS_EXPORT_KILLS", "4"))


def test_export_survives_sigkill(tmp_path, template_workspace, chaos_row):
    src, _ = template_workspace
    ref = h.copy_setup(src, tmp_path / "reference")
    t0 = time.monotonic()
    done = h.run(h.cli(*h.EXPORT), ref)
    took = time.monotonic() - t0
    assert done.returncode == 0, done.stderr
    ref_manifest = h.export_folder_state(ref)[0]

    d = h.copy_setup(src, tmp_path / "killed")
    rng = h.rng()
    kills = 0
    for _ in range(KILLS):
        kills += h.kill_after(h.start(h.cli(*h.EXPORT), d), rng.uniform(1.0, 0.9 * took))
    done = h.run(h.cli(*h.EXPORT), d)
    assert done.returncode == 0, done.stderr
    manifest, leftovers, versions = h.export_folder_state(d)
    checked = h.run(h.cli("verify", str(next((d / "exports").glob("*/0.1.0")))), d)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rows = sum(manifest["rows"].values())
    chaos_row("export (SIGKILL, rerun)", runs=KILLS + 2, kills=kills,
              lost=max(0, sum(ref_manifest["rows"].values()) - rows),
              duplicated=max(0, rows - sum(ref_manifest["rows"].values())) + len(versions) - 1,
              leaked=len(leftovers), note=f"seed {h.SEED}; export killed while writing (the push: its own row)")
    assert manifest["content_fingerprint"] == ref_manifest["content_fingerprint"]
    assert manifest["state_hash"] == ref_manifest["state_hash"]
    assert versions == ["0.1.0"] and leftovers == []
