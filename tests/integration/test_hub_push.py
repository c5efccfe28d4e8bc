"""`medsegqa export --push-to-hub` end to end against the local hub (`tests/hub_server.py`): the real CLI,
`huggingface_hub` and `datasets.push_to_hub` run unmodified, pointed at 127.0.0.1 with HF_ENDPOINT. The hub
must hold the release as written (the export's card, manifest, index, preview and card images byte for
byte; parquet shards whose rows carry the export's content fingerprint and load with `load_dataset`, from
the snapshot folder and as a user would, `load_dataset("ORG/NAME")` through HF_ENDPOINT),
tagged v<version> at the head; pushing the same version again is a no-op that commits nothing; and no form of the hub
token reaches the hub's files, the workspace, the export or the CLI's output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hub_server import HubServer, pushed_fingerprint
from tests.integration.test_secrets import scan

pytestmark = [pytest.mark.server, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
HF_TOKEN = "hf_LEAKCANARYpushT0kenZq8Xw7Vu6Ts5Rq4Po3N"
REPO = "lab/medseg-demo"
LOAD = ("import datasets, json, sys; dd = datasets.load_dataset(sys.argv[1], cache_dir=sys.argv[2]); d = dd['train']; "
        "print(json.dumps({'splits': sorted(dd), 'id': list(d['id']), 'conversation': list(d['conversation'])}))")


def cli_env(hub: HubServer, home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "OPENAI_"))}
    return {**env, **hub.client_env(), "HF_TOKEN": HF_TOKEN, "HF_HOME": str(home), "MEDSEGQA_NO_PROGRESS": "1",
            "COLUMNS": "200"}


def medsegqa(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medseg_qa", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture()
def demo_ws(tmp_path):
    """The demo recipe trimmed to 2 cases x 2 slices (28 conversations, template backend), generated."""
    recipe = yaml.safe_load((ROOT / "pipelines" / "demo.yaml").read_text())
    recipe["sources"][0]["options"].update(cases=2, slices_per_case=2)
    recipe["export"]["output"] = "exports"
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(recipe))
    done = medsegqa("generate", "r.yaml", "-w", "ws", cwd=tmp_path, env={**os.environ, "MEDSEGQA_NO_PROGRESS": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    return tmp_path


def test_cli_push_lands_the_release_on_the_hub_and_a_repush_commits_nothing(demo_ws, tmp_path):
    from datasets import load_dataset, load_from_disk

    with HubServer(tmp_path / "hub") as hub:
        env = cli_env(hub, tmp_path / "hf-home")
        args = ("export", "--recipe", "r.yaml", "--version", "0.1.0", "-w", "ws", "--push-to-hub", REPO)
        pushed = medsegqa(*args, cwd=demo_ws, env=env)
        assert pushed.returncode == 0, pushed.stderr[-3000:]
        assert f"pushed medseg-qa-demo 0.1.0 to {REPO} (tag v0.1.0)" in pushed.stdout
        store = hub.store
        assert store.unhandled == [] and store.auth == {f"Bearer {HF_TOKEN}"}
        head = store.history(REPO)
        again = medsegqa(*args, cwd=demo_ws, env=env)  # the same version again: already pushed
        status = medsegqa("status", "-w", "ws", cwd=demo_ws, env=env)
        # a user's load_dataset("ORG/NAME"), through the hub's resolve/tree routes
        read = subprocess.run([sys.executable, "-c", LOAD, REPO, str(tmp_path / "user-cache")], env=env,
                              capture_output=True, text=True, timeout=300)
        assert read.returncode == 0 and store.unhandled == [], read.stderr[-3000:]
    assert again.returncode == 0 and f"is already on {REPO}" in again.stdout, again.stderr[-2000:]
    assert store.history(REPO) == head  # the rerun committed nothing
    assert REPO in status.stdout

    export = demo_ws / "exports" / "medseg-qa-demo" / "0.1.0"
    manifest = json.loads((export / "manifest.json").read_text())
    snap = store.snapshot(REPO)
    files = store.files(REPO)
    # the release files are the export's, byte for byte; the shards are the ones push_to_hub names
    top = ("README.md", "manifest.json", "index.json", "preview.png", "card")
    release = [p.relative_to(export).as_posix() for p in export.rglob("*")
               if p.is_file() and p.relative_to(export).parts[0] in top]
    assert len(release) >= 10
    for rel in release:
        assert (snap / rel).read_bytes() == (export / rel).read_bytes(), rel
    shards = sorted(p for p in files if p.startswith("data/"))
    assert shards == [f"data/{s}-00000-of-00001.parquet" for s, n in sorted(manifest["rows"].items()) if n]
    assert set(files) == {".gitattributes", *release, *shards}
    assert all(files[p]["lfs"] for p in shards) and not files["README.md"]["lfs"]
    # two commits on the initial one (data, then card), tagged at the head
    assert [c["message"].split(": ")[-1] for c in head] == ["card", "data", "initial commit"]
    assert store.refs("datasets", REPO)["tags"] == {"v0.1.0": head[0]["oid"]}
    # the rows: the export's fingerprint, recomputed from the pushed parquet; load_dataset reads them
    assert pushed_fingerprint(snap) == manifest["content_fingerprint"]
    hub_train = load_dataset(str(snap), split="train", cache_dir=str(tmp_path / "hf-cache"))
    local = load_from_disk(str(export))["train"]
    assert hub_train.num_rows == manifest["rows"]["train"] == local.num_rows > 0
    assert hub_train.features == local.features and hub_train["conversation"] == local["conversation"]
    user = json.loads(read.stdout.splitlines()[-1])
    # a user loads every split the card declares: the ones with rows (an empty one would make it fail)
    assert user == {"splits": sorted(s for s, n in manifest["rows"].items() if n),
                    "id": list(local["id"]), "conversation": list(local["conversation"])}

    texts = {f"{name} {s}": getattr(r, s) for name, r in (("push", pushed), ("again", again), ("status", status))
             for s in ("stdout", "stderr")}
    assert scan([HF_TOKEN], [tmp_path / "hub", demo_ws / "ws", demo_ws / "exports"], texts) == []


def test_a_tag_already_on_other_files_stops_the_push_with_one_line_and_nothing_recorded(demo_ws, tmp_path):
    """A v0.1.0 tag left on different files (here: the repo's initial commit) is never moved: the push
    says so in one line and the workspace does not list the version as pushed."""
    with HubServer(tmp_path / "hub") as hub:
        hub.store.create_repo("datasets", REPO, private=False)
        hub.store.create_tag("datasets", REPO, "main", "v0.1.0")
        env = cli_env(hub, tmp_path / "hf-home")
        pushed = medsegqa("export", "--recipe", "r.yaml", "--version", "0.1.0", "-w", "ws", "--push-to-hub", REPO,
                          cwd=demo_ws, env=env)
        status = medsegqa("status", "-w", "ws", cwd=demo_ws, env=env)
        initial = hub.store.history(REPO)[-1]["oid"]
        assert hub.store.refs("datasets", REPO)["tags"] == {"v0.1.0": initial}
    lines = [ln for ln in pushed.stderr.splitlines() if ln.startswith("error:")]
    assert pushed.returncode == 2 and len(lines) == 1, pushed.stderr[-2000:]
    assert "tag v0.1.0 already exists on lab/medseg-demo and marks other files" in lines[0]
    assert "Traceback" not in pushed.stderr and REPO not in status.stdout
