"""Review push and pull against a real local Label Studio, beside raw SDK calls on the same tasks in the same run.

- push: `review push` of N conversations into a new project (project set-up, task building with brush RLE
  from the workspace's blobs, batched imports, catalog mapping) against a minimal SDK script that creates a
  project and its storage and imports the same, prebuilt task dicts with `projects.import_tasks` in the same
  batches (measured before and after the push, averaged, since the server's DB grows); goal push >= 0.8x
  the raw import's tasks/s;
- pull: `review pull` of N annotations (snapshot export, decode, Review records, edited-mask blobs) against a
  raw snapshot export + download + JSON parse of the same project;
- the server's peak RSS (VmHWM) over the run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import row

N_TASKS = 1000
BATCH = 100


def _raw_import(client, title: str, config: str, blobs: Path, tasks: list[dict]) -> tuple[int, float]:
    """What a minimal SDK script does: create the project and its local-files storage, import in batches."""
    t0 = time.perf_counter()
    project = client.projects.create(title=title, label_config=config)
    client.import_storage.local.create(project=project.id, path=str(blobs))
    for start in range(0, len(tasks), BATCH):
        client.projects.import_tasks(project.id, request=tasks[start:start + BATCH], return_task_ids=True)
    return project.id, time.perf_counter() - t0


def _raw_snapshot(client, project_id: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    ex = client.projects.exports.create(project_id, serialization_options={"predictions": {"only_id": False}})
    data = json.loads(b"".join(client.projects.exports.download(project_id, ex.id, export_type="JSON")))
    return time.perf_counter() - t0, len(data)


def _built_tasks(ws, blobs: str) -> list[dict]:
    """The tasks `review push` sends, built the same way (what the raw import imports)."""
    from medseg_qa.imageio import from_png_bytes
    from medseg_qa.review_ui import reviewer_guide_html
    from medseg_qa.review_ui.tasks import blob_url, build_task

    tasks = []
    for rank, (conv, state) in enumerate(ws.conversations(("passed",))):
        rec = ws.record(conv.record_id)
        tasks.append(build_task(conv, state, rec, from_png_bytes(ws.get_blob(rec.mask_blob)),
                                blob_url(rec.image_blob, blobs), reviewer_guide_html(), rank))
    return tasks


def _with_annotations(ws, tasks: list[dict], user_id: int) -> list[dict]:
    """Each task with one submitted annotation; every other one edits the mask and rejects a turn."""
    from medseg_qa.review_ui.tasks import annotation_result

    out = []
    for i, task in enumerate(tasks):
        conv = ws.conversation(task["data"]["conversation_id"])[0]
        mask = None
        if i % 2:
            rec = ws.record(conv.record_id)
            from medseg_qa.imageio import from_png_bytes

            mask = np.roll(from_png_bytes(ws.get_blob(rec.mask_blob)), 2, axis=1)
        result = annotation_result(conv, "accept with edits" if i % 2 else "accept", mask=mask,
                                   verdicts=[(3, "reject", "Corrected answer.")] if i % 2 else [(0, "accept", "")])
        out.append({**task, "annotations": [{"result": result, "completed_by": user_id, "lead_time": 20.0 + i % 7}]})
    return out


def run(n: int = N_TASKS) -> list[dict]:
    from medseg_qa.pipelines.review import pull, push
    from medseg_qa.review_ui import label_config
    from medseg_qa.review_ui.bridge import Bridge, Connection
    from tests.ls_server import start_test_server
    from tests.review_data import make_workspace

    tmp = Path(tempfile.mkdtemp(prefix="bench-review-"))
    media = tmp / "media"
    media.mkdir()
    server = start_test_server(tmp / "ls", media)
    try:
        ws = make_workspace(media / "ws", n=n, flagged=0)
        bridge = Bridge(Connection(server.url, server.token))
        client = bridge.client
        tasks = _built_tasks(ws, "ws/blobs")
        config, blobs = label_config(), ws.root.resolve() / "blobs"
        _, raw_first = _raw_import(client, "bench raw import A", config, blobs, tasks)

        t0 = time.perf_counter()
        summary = push(ws, bridge, project="bench push", batch_size=BATCH, document_root=media, progress=False)
        push_s = time.perf_counter() - t0
        assert summary.pushed == n, summary

        _, raw_second = _raw_import(client, "bench raw import B", config, blobs, tasks)
        raw_s = (raw_first + raw_second) / 2

        annotated, _ = _raw_import(client, "bench pull", config, blobs, _with_annotations(ws, tasks, bridge.whoami().id))
        raw_export_s, exported = _raw_snapshot(client, annotated)
        t0 = time.perf_counter()
        pulled = pull(ws, bridge, project="bench pull", progress=False)
        pull_s = time.perf_counter() - t0
        assert pulled.stored == n and exported == n, pulled
        rss = server.peak_rss_mb()
        ws.close()
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    note = f"n={n}, batches of {BATCH}, 96x128 images served as local files, brush-RLE predictions"
    return [
        row("review push (tasks/s)", "raw SDK: create project + storage, import_tasks", round(n / push_s, 1), n / raw_s,
            "tasks/s", f"{note}; push {push_s:.2f}s, raw {raw_first:.2f}s / {raw_second:.2f}s; goal ratio >= 0.8"),
        row("review pull (annotations/s)", "raw snapshot export + download + parse", round(n / pull_s, 1),
            n / raw_export_s, "ann/s", f"n={n}, half with an edited mask; pull {pull_s:.2f}s, raw {raw_export_s:.2f}s"),
        row("Label Studio peak RSS", "none (no baseline)", round(rss or 0), None, "MB", "VmHWM of the server process over the run"),
    ]
