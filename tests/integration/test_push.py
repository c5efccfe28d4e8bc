"""`export --push-to-hub`: the call sequence, the wall-clock timeout (a real hub client against a loopback
server that accepts and never replies), wrapped errors with the token scrubbed, the licence gate, and
`status` listing what was pushed. The hub client is replaced only to record the call sequence and to
force a hang; no test reaches the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from typer.testing import CliRunner

from medseg_qa import ids
from medseg_qa.cli import app
from medseg_qa.config import ExportConfig
from medseg_qa.errors import HubError, LicenceError
from medseg_qa.facts import compute_facts
from medseg_qa.imageio import to_png_bytes
from medseg_qa.pipelines.export import export_dataset
from medseg_qa.pipelines.push import push_release
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn
from medseg_qa.workspace import Workspace

TOKEN = "hf_SecretTokenValue1234567890"


def _fill(ws: Workspace, dataset: str, licence: str, patients: range) -> None:
    for patient in patients:
        rng = np.random.default_rng(patient)
        image = rng.integers(0, 255, (32, 40), dtype=np.uint8)
        mask = np.zeros((32, 40), np.uint8)
        mask[6 + patient % 5:20, 8:24] = 255
        rec = SourceRecord(
            record_id=ids.record_id(image, mask, "liver"), source="folder", dataset=dataset,
            image_blob=ws.put_blob(to_png_bytes(image)), mask_blob=ws.put_blob(to_png_bytes(mask)), width=40,
            height=32, target="liver", modality="CT", body_region="abdomen", case_id=f"{dataset}-{patient}",
            patient_id=f"{dataset}-p{patient}", orientation="LP", licence=licence, citation="cite us",
            facts=compute_facts(mask, "LP"))
        ws.add_record(rec)
        prov = GenerationProvenance(backend="template", model="template-v1", prompt_version="v1", seed=0)
        ws.put_conversation(Conversation(
            conversation_id=ids.conversation_id(rec.record_id, "v1", "template-v1", {}, "function"),
            record_id=rec.record_id, question_style="function", provenance=prov,
            turns=[Turn(role="user", content="Which organ stores glycogen?"),
                   Turn(role="assistant", content="This one. [SEG]")]), "passed")


@pytest.fixture()
def released(tmp_path):
    """A workspace with six CC-BY-4.0 rows exported as 0.1.0."""
    ws = Workspace(tmp_path / "ws")
    _fill(ws, "lab-ct", "CC-BY-4.0", range(6))
    config = ExportConfig(name="lab-set", output=str(tmp_path / "exports"))
    result = export_dataset(ws, config, "0.1.0", recipe_name="unit", progress=False)
    yield ws, Path(result.path), config
    ws.close()


class RecordingApi:
    """Stands in for HfApi only to record the calls and their arguments."""

    def __init__(self, fail_on: str = "", hang_on: str = "", error: Exception | None = None):
        self.calls: list[tuple[str, dict]] = []
        self.fail_on, self.hang_on, self.error = fail_on, hang_on, error
        self.uploaded: list[str] = []

    def _step(self, name: str, kw: dict):
        self.calls.append((name, kw))
        if name == self.hang_on:
            threading.Event().wait()
        if name == self.fail_on:
            raise self.error

    def create_repo(self, repo_id, **kw):
        self._step("create_repo", {"repo_id": repo_id, **kw})

    def upload_folder(self, **kw):
        folder = Path(kw["folder_path"])
        self.uploaded = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        self.readme = (folder / "README.md").read_text()
        self._step("upload_folder", kw)
        return SimpleNamespace(commit_url="https://hub.example/datasets/lab/set/commit/abc123", oid="abc123")

    def create_tag(self, repo_id, **kw):
        self._step("create_tag", {"repo_id": repo_id, **kw})

    def push_data(self, **kw):
        self._step("push_to_hub", kw)


def test_push_calls_create_repo_push_to_hub_card_then_tag_and_status_lists_it(released, tmp_path, monkeypatch):
    ws, folder, _config = released
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    api = RecordingApi()
    mirror = tmp_path / "mirror"
    result = push_release(ws, folder, "lab/set", private=True, api=api, push_data=api.push_data, mirror=mirror)
    assert [name for name, _ in api.calls] == ["create_repo", "push_to_hub", "upload_folder", "create_tag"]
    create, data, upload, tag = (kw for _, kw in api.calls)
    assert create == {"repo_id": "lab/set", "repo_type": "dataset", "private": True, "exist_ok": True}
    assert data["private"] is True and data["num_shards"] == {"train": 1, "validation": 1, "test": 1}
    assert upload["repo_type"] == "dataset" and "card/**" in upload["allow_patterns"]
    assert tag == {"repo_id": "lab/set", "tag": "v0.1.0", "revision": "abc123", "repo_type": "dataset",
                   "tag_message": tag["tag_message"]}
    # the staged folder is the mirror: exactly the parquet shards and release files
    assert api.uploaded == sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*") if p.is_file())
    assert "data/train-00000-of-00001.parquet" in api.uploaded and "README.md" in api.uploaded
    assert result.created and result.tag == "v0.1.0"
    assert ws.pushes() == [("0.1.0", "lab/set", "v0.1.0", "https://hub.example/datasets/lab/set/commit/abc123", True)]
    again = push_release(ws, folder, "lab/set", api=RecordingApi(), push_data=None)
    assert not again.created and "nothing to do" in again.message

    out = CliRunner().invoke(app, ["status", "--workspace", str(ws.root)], terminal_width=200)
    assert out.exit_code == 0 and "0.1.0 -> lab/set (private)" in out.output and "v0.1.0" in out.output
    for path in [*mirror.rglob("*"), *folder.rglob("*")]:
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_failed_step_is_one_clear_error_without_the_token_and_nothing_is_released(released, monkeypatch):
    ws, folder, _config = released
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    api = RecordingApi(fail_on="upload_folder",
                       error=ConnectionError(f"[Errno 111] Connection refused (Authorization: Bearer {TOKEN})"))
    with pytest.raises(HubError) as info:
        push_release(ws, folder, "lab/set", api=api, push_data=api.push_data)
    text = str(info.value)
    assert "hub step 'upload card and manifest' failed: ConnectionError" in text and "\n" not in text
    assert TOKEN not in text and "***" in text and "nothing was marked as released" in text
    assert [name for name, _ in api.calls] == ["create_repo", "push_to_hub", "upload_folder"]  # no tag
    assert ws.pushes() == []


def test_a_hanging_hub_call_is_abandoned_at_the_timeout(released):
    ws, folder, _config = released
    api = RecordingApi(hang_on="push_to_hub")
    with pytest.raises(HubError, match=r"hub step 'push_to_hub \(parquet shards\)' got no answer within 0.5 s"):
        push_release(ws, folder, "lab/set", api=api, push_data=api.push_data, timeout=0.5)
    assert ws.pushes() == []


@pytest.fixture()
def silent_endpoint():
    """A loopback server that accepts connections and never replies (the hub client's hang)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", held
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


@pytest.mark.server
def test_real_hub_client_against_a_silent_endpoint_fails_within_the_timeout(released, silent_endpoint, monkeypatch):
    ws, folder, config = released
    endpoint, held = silent_endpoint
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    started = time.monotonic()
    out = CliRunner().invoke(app, ["export", "--version", "0.2.0", "--output", str(Path(config.output).parent /
                                   "exports"), "--push-to-hub", "lab/set", "--hub-timeout", "2",
                                   "--workspace", str(ws.root)], env={"MEDSEGQA_NO_PROGRESS": "1"})
    elapsed = time.monotonic() - started
    assert held, f"the hub client never connected to the endpoint: {out.output}"
    assert out.exit_code == 2, out.output
    errors = [line for line in out.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "hub step 'create repo' got no answer within 2 s" in errors[0]
    assert TOKEN not in out.output
    assert elapsed < 60  # not a speed test: the call would otherwise block forever
    assert ws.pushes() == []


def _gate_workspace(tmp_path, extra: tuple[str, str]) -> tuple[Workspace, Path]:
    ws = Workspace(tmp_path / "ws")
    _fill(ws, "lab-ct", "CC-BY-4.0", range(4))
    _fill(ws, extra[0], extra[1], range(10, 13))
    result = export_dataset(ws, ExportConfig(name="mixed", output=str(tmp_path / "exports")), "1.0.0",
                            recipe_name="unit", progress=False)
    return ws, Path(result.path)


def test_licence_gate_blocks_a_no_redistribution_source_unless_overridden(tmp_path):
    ws, folder = _gate_workspace(tmp_path, ("chaos", "other"))  # the registry: no redistribution
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["licence"]["allowed"] is False
    card = (folder / "README.md").read_text()
    assert "Publishing this release is **blocked**" in card and "chaos (other: redistribution forbidden" in card
    api = RecordingApi()
    with pytest.raises(LicenceError, match=r"chaos \(other: redistribution forbidden.*\): 3 rows"):
        push_release(ws, folder, "lab/mixed", api=api, push_data=api.push_data)
    assert api.calls == [] and ws.pushes() == []

    push_release(ws, folder, "lab/mixed", api=api, push_data=api.push_data, override_licence=True)
    assert "allowed by an explicit override" in api.readme and "--override-licence" in api.readme
    assert ws.pushes()[0][:2] == ("1.0.0", "lab/mixed")
    ws.close()


def test_licence_gate_blocks_conflicting_share_alike_and_non_commercial(tmp_path):
    ws, folder = _gate_workspace(tmp_path, ("lab-mr", "CC-BY-NC-4.0"))
    _fill(ws, "lab-us", "CC-BY-SA-4.0", range(20, 22))
    from medseg_qa.pipelines.export import export_dataset as export

    result = export(ws, ExportConfig(name="mixed", output=str(tmp_path / "exports")), "1.1.0", recipe_name="unit",
                    progress=False)
    api = RecordingApi()
    with pytest.raises(LicenceError, match=r"licence conflict: CC-BY-SA-4.0 \(ShareAlike\).*lab-mr \(CC-BY-NC-4.0\)"):
        push_release(ws, result.path, "lab/mixed", api=api, push_data=api.push_data)
    assert api.calls == []
    ws.close()
