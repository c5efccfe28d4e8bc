"""SIGKILL `medsegqa export --push-to-hub` at seeded points of its conversation with the local hub
(`tests/hub_server.py`, the real huggingface_hub/datasets client pointed at it), then rerun it to completion.

A kill point is "the n-th hub request took effect, its answer not yet sent" (the server's `before_answer`
hook kills the client's process group there), so kills land exactly: after an LFS upload, after a commit
the client never hears about, after the tag. The points are a seeded sample of the uninterrupted run's
requests, plus always its last one (the tag: the push is complete on the hub but not yet recorded in the
catalog), plus one kill in the middle of the first LFS upload's body (`mid_body`: half the shard arrived;
the rest may already sit in the socket buffer, so the server either refuses a short body or stores a whole
one). Required after each rerun: the hub's main branch holds exactly the uninterrupted release's files
(nothing missing, nothing extra), the release files byte for byte as exported and shards carrying the
uninterrupted fingerprint; one tag, on a commit with that same tree; one push row in the catalog; the
export folder verifies; no staging folder left behind; no object on the hub that does not hash to its name."""

from __future__ import annotations

import os
import signal
import sqlite3

import pytest

import harness as h
from hub_server import HubServer, pushed_fingerprint

pytestmark = [pytest.mark.chaos, pytest.mark.slow, pytest.mark.server]

KILLS = int(os.environ.get("MEDSEGQA_CHAOS_PUSH_KILLS", "3"))  # request points; + 1 mid-upload kill
RELEASE = ("README.md", "manifest.json", "index.json", "preview.png", "card")


class Killer:
    """Server hook: SIGKILL the client's process group at the n-th call whose request starts with `only`."""

    def __init__(self, n: int = 0, only: str = "") -> None:
        self.n, self.only, self.seen, self.pid, self.at = n, only, 0, None, None

    def __call__(self, request: str) -> None:
        if not request.startswith(self.only):
            return
        self.seen += 1
        if self.seen == self.n and self.pid is not None:
            self.at = request
            os.killpg(self.pid, signal.SIGKILL)


def push_args(repo: str) -> list[str]:
    return h.cli(*h.EXPORT, "--push-to-hub", repo)


STEPS = (("/api/repos/create", "create repo"), ("/preupload/", "preupload"), ("/lfs/objects/batch", "lfs batch"),
         ("PUT /_lfs/", "lfs upload"), ("/commit/", "commit"), ("/tag/", "tag"), ("/validate-yaml", "card check"))


def landed(request: str) -> str:
    """The step a kill point belongs to, named from the request that had just taken effect."""
    return next((name for part, name in STEPS if part in request), "read")


def test_push_survives_sigkill(tmp_path, template_workspace, chaos_row):
    src, _ = template_workspace
    with HubServer(tmp_path / "hub") as hub:
        store = hub.store
        extra = {**hub.client_env(), "HF_TOKEN": "hf_chaosTokenNotSecret", "HF_HOME": str(tmp_path / "hf-home")}
        ref = h.copy_setup(src, tmp_path / "reference")
        counter = Killer()
        store.before_answer = counter
        done = h.run(push_args("lab/reference"), ref, **extra)
        store.before_answer = None
        assert done.returncode == 0, done.stderr[-3000:]
        ref_manifest = h.manifest(ref / "exports")
        ref_files = set(store.files("lab/reference"))
        ref_commits = len(store.history("lab/reference"))
        assert store.unhandled == [] and counter.seen > 10, (store.unhandled, counter.seen)

        rng = h.rng()
        points = sorted(rng.sample(range(1, counter.seen), KILLS - 1)) + [counter.seen]
        trials = [("before_answer", Killer(n)) for n in points] + [("mid_body", Killer(1, only="PUT"))]
        kills, lost, duplicated, leaked, extra_commits, phases = 0, 0, 0, 0, 0, []
        for i, (hook, killer) in enumerate(trials):
            d, repo = h.copy_setup(src, tmp_path / f"trial{i}"), f"lab/chaos-{i}"
            setattr(store, hook, killer)
            proc = h.start(push_args(repo), d, **extra)
            killer.pid = proc.pid
            proc.communicate(timeout=300)
            setattr(store, hook, None)
            kills += proc.returncode == -signal.SIGKILL
            point = killer.n if hook == "before_answer" else "mid-body"
            phases.append(f"{point}:{landed(killer.at) if killer.at else 'finished'}")

            rerun = h.run(push_args(repo), d, **extra)
            assert rerun.returncode == 0, f"kill at request {point} ({killer.at}): {rerun.stderr[-3000:]}"
            files = store.files(repo)
            folder = next((d / "exports").glob("*/0.1.0"))
            snap = store.snapshot(repo)
            for rel in (p for p in files if p.split("/")[0] in RELEASE):
                assert (snap / rel).read_bytes() == (folder / rel).read_bytes(), (point, rel)
            tags = store.refs("datasets", repo)["tags"]
            con = sqlite3.connect(d / "ws" / "catalog.sqlite")
            try:
                pushes = con.execute("SELECT COUNT(*) FROM pushes WHERE repo_id = ?", (repo,)).fetchone()[0]
            finally:
                con.close()
            left = [p.name for p in folder.parent.glob(".hub-mirror-*")]
            lost += len(ref_files - set(files))
            duplicated += len(set(files) - ref_files) + len(tags) - 1 + pushes - 1
            leaked += len(left)
            extra_commits += len(store.history(repo)) - ref_commits
            assert set(files) == ref_files, (point, killer.at, sorted(set(files) ^ ref_files))
            assert pushed_fingerprint(snap) == ref_manifest["content_fingerprint"], point
            assert list(tags) == ["v0.1.0"] and store.files(repo, "v0.1.0") == files, (point, tags)
            assert pushes == 1 and left == [], (point, pushes, left)
            checked = h.run(h.cli("verify", str(folder)), d)
            assert checked.returncode == 0, checked.stdout + checked.stderr
            assert h.manifest(d / "exports")["content_fingerprint"] == ref_manifest["content_fingerprint"]
        assert store.unhandled == [] and store.damaged_objects() == []
    chaos_row("export --push-to-hub (SIGKILL, rerun)", runs=1 + 2 * len(trials), kills=kills, lost=lost,
              duplicated=duplicated, leaked=leaked + len(store.damaged_objects()),
              note=f"seed {h.SEED}; local hub; killed after hub request n of {counter.seen}: {', '.join(phases)} "
                   f"({len(store.refused)} short upload refused); {extra_commits} extra commits in history")
