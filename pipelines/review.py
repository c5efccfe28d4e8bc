"""The review stages: push conversations to Label Studio as tasks, pull physicians' reviews back.

Contract:
- push imports, in risk order and in batches, the conversations not yet in the project (QC-passed by
  default, flagged too on request), each with its mask as a brush prediction. After every batch the catalog
  records conversation -> task id in one transaction; a rerun first reconciles the catalog with the tasks
  already in Label Studio (by the `conversation_id` in their data) whenever the two disagree, so neither a
  rerun nor a crash or server restart mid-push creates a duplicate task;
- pull reads a snapshot export (full predictions), turns every submitted annotation into a Review, and keeps
  per reviewer the one submitted last: an older or equal annotation never replaces a stored review, and a
  bad one (unparsable RLE, wrong size, no decision) is quarantined with its reason while the stored review
  stays. An edited mask is stored as a new blob; the record's mask is kept. The review the release applies
  is the latest submitted one of any reviewer. A task deleted in Label Studio is reported and its local
  state kept.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from medseg_qa.errors import ItemError, MedsegQAError
from medseg_qa.imageio import from_png_bytes, to_png_bytes
from medseg_qa.schemas import Review, SourceRecord
from medseg_qa.workspace import Workspace

log = logging.getLogger(__name__)
DEFAULT_PROJECT = "medseg-qa review"
STAGE = "review"


@dataclass
class PushSummary:
    project_id: int
    url: str
    images: str
    pushed: int = 0
    already_there: int = 0
    reconciled: int = 0
    deleted_in_tool: int = 0
    duplicates_in_tool: int = 0
    candidates: int = 0


@dataclass
class PullSummary:
    project_id: int
    tasks: int = 0
    annotations: int = 0
    stored: int = 0
    unchanged: int = 0
    older: int = 0
    quarantined: Counter = field(default_factory=Counter)
    deleted_in_tool: list[int] = field(default_factory=list)
    unknown_tasks: int = 0


def project_key(bridge, project_id: int) -> str:
    """How the catalog names a project: server URL and project id (a new server means a new project)."""
    return f"{bridge.conn.url}/projects/{project_id}"


def _reconcile(ws: Workspace, bridge, project_id: int, key: str) -> tuple[int, int, int]:
    """Map tasks that exist in Label Studio but not in the catalog (a crash between import and commit);
    mark catalog tasks that Label Studio no longer has. Returns (mapped, deleted, duplicates)."""
    in_tool = bridge.task_conversations(project_id)
    known = ws.review_tasks(key)
    seen: dict[str, int] = {}
    duplicates = 0
    for task_id, conv_id in in_tool:
        if conv_id in seen:
            duplicates += 1
            log.warning("conversation %s has tasks %s and %s in project %s; review only the first", conv_id,
                        seen[conv_id], task_id, project_id)
        else:
            seen[conv_id] = task_id
    mapped = ws.map_review_tasks(key, [(c, t) for c, t in seen.items() if c not in known])
    present = {t for t, _ in in_tool}
    gone = [t for t, state in known.values() if t not in present and state != "deleted"]
    ws.set_review_task_state(key, gone, "deleted")
    return mapped, len(gone), duplicates


def _image_mode(ws: Workspace, bridge, project_id: int, images: str) -> str:
    if images == "inline":
        return "inline"
    if bridge.ensure_local_storage(project_id, ws.root.resolve() / "blobs"):
        return "local"
    if images == "local":
        raise MedsegQAError(f"Label Studio at {bridge.conn.url} does not serve files from {ws.root / 'blobs'}; "
                            "start it with `medsegqa review serve`, or push with --images inline")
    log.warning("Label Studio cannot serve the workspace's files; images are sent inline")
    return "inline"


def _relative_blobs(ws: Workspace, document_root: Optional[Path]) -> str:
    blobs = ws.root.resolve() / "blobs"
    root = (document_root or ws.root).resolve()
    try:
        return blobs.relative_to(root).as_posix()
    except ValueError:
        raise MedsegQAError(f"the workspace blobs {blobs} are not below the server's document root {root}; "
                            "pass the right --document-root or push with --images inline") from None


def push(ws: Workspace, bridge, **options) -> PushSummary:
    """Create or update the review project and import what is not there yet (idempotent, resumable), under
    the workspace writer lock: two pushes at once would import the same conversations twice."""
    with ws.writer("review push"):
        return _push(ws, bridge, **options)


def _push(ws: Workspace, bridge, *, project: str = DEFAULT_PROJECT, include_flagged: bool = False,
          overlap: int = 1, batch_size: int = 100, images: str = "auto", document_root: Optional[Path] = None,
          progress: bool = True) -> PushSummary:
    """`document_root` is the server's local-files root (default: the workspace, as `review serve` sets it)."""
    from medseg_qa.pipelines.progress import progress_bar
    from medseg_qa.review_ui import label_config, reviewer_guide_html
    from medseg_qa.review_ui.tasks import blob_url, brush_result, build_task, data_uri, risk_order

    if overlap < 1 or batch_size < 1:
        raise MedsegQAError("--overlap and --batch-size must be at least 1")
    guide = reviewer_guide_html()
    project_id, in_tool = bridge.ensure_project(project, label_config(), guide, overlap)
    key = project_key(bridge, project_id)
    summary = PushSummary(project_id, bridge.conn.url, _image_mode(ws, bridge, project_id, images))
    blobs = _relative_blobs(ws, document_root) if summary.images == "local" else ""
    if in_tool != sum(s != "deleted" for _, s in ws.review_tasks(key).values()):
        summary.reconciled, summary.deleted_in_tool, summary.duplicates_in_tool = _reconcile(ws, bridge, project_id, key)
    states = ("passed", "flagged") if include_flagged else ("passed",)
    items = list(ws.conversations(states))
    records = {r: ws.record(r) for r in {c.record_id for c, _ in items}}
    ordered = risk_order(items, {r: rec.target for r, rec in records.items()})
    known = ws.review_tasks(key)
    pending = [(rank, conv, state) for rank, (conv, state) in enumerate(ordered) if conv.conversation_id not in known]
    summary.candidates, summary.already_there = len(ordered), len(ordered) - len(pending)

    encoded: dict[str, dict] = {}  # mask blob -> brush prediction, shared by a record's conversations

    def build(batch: list) -> list[dict]:
        tasks = []
        for rank, conv, state in batch:
            rec = records[conv.record_id]
            if rec.mask_blob not in encoded:
                encoded[rec.mask_blob] = brush_result(from_png_bytes(ws.get_blob(rec.mask_blob)))
            mask = encoded[rec.mask_blob]
            image = (blob_url(rec.image_blob, blobs) if summary.images == "local"
                     else data_uri(ws.get_blob(rec.image_blob)))
            tasks.append(build_task(conv, state, rec, mask, image, guide, rank))
        return tasks

    batches = [pending[i:i + batch_size] for i in range(0, len(pending), batch_size)]
    # the next batch is built (blob reads, PNG decode, brush RLE) while the server imports the current one
    with progress_bar("review push", len(pending), progress and len(pending) > 0) as advance, \
            ThreadPoolExecutor(max_workers=1) as builder:
        upcoming = builder.submit(build, batches[0]) if batches else None
        for k, batch in enumerate(batches):
            tasks = upcoming.result()
            if k + 1 < len(batches):
                upcoming = builder.submit(build, batches[k + 1])
            task_ids = bridge.import_tasks(project_id, tasks)
            ws.map_review_tasks(key, [(conv.conversation_id, t) for (_, conv, _), t in zip(batch, task_ids)])
            summary.pushed += len(batch)
            advance(len(batch))
    log.info("review push to %s project %s: %s new, %s already there", bridge.conn.url, project_id,
             summary.pushed, summary.already_there)
    return summary


def _reviewer(ann: dict, emails: dict[int, str]) -> str:
    who = ann.get("completed_by")
    if isinstance(who, dict):
        return who.get("email") or str(who.get("id"))
    return emails.get(who, f"user-{who}")


def _store(ws: Workspace, parsed, summary: PullSummary) -> bool:
    """Keep the reviewer's newer review; True when stored."""
    review: Review = parsed.review
    stamp = review.submitted_at.timestamp()
    stored = ws.reviewer_review(review.conversation_id, review.reviewer)
    if stored is not None and stored[0] >= stamp:
        if stored[0] == stamp:
            summary.unchanged += 1
        else:
            summary.older += 1
        return False
    if parsed.mask is not None:
        review = review.model_copy(update={"edited_mask_blob": ws.put_blob(to_png_bytes(parsed.mask * 255))})
    ws.put_reviewer_review(review.conversation_id, review.reviewer, stamp, review.model_dump_json())
    summary.stored += 1
    return True


def _pull_task(ws: Workspace, task: dict, annotations: list[dict], emails: dict[int, str],
               records: dict[str, SourceRecord], summary: PullSummary) -> None:
    """Store the task's annotations (oldest first, so each reviewer's latest is kept), in one transaction."""
    from medseg_qa.review_ui.tasks import parse_annotation

    conv_id = (task.get("data") or {}).get("conversation_id")
    found = ws.conversation(conv_id) if isinstance(conv_id, str) else None
    if found is None:
        summary.unknown_tasks += 1
        ws.quarantine(STAGE, f"task:{task['id']}", "unknown_conversation",
                      f"Label Studio task {task['id']} names conversation {conv_id!r}, which this workspace does "
                      "not have; pull into the workspace that pushed it")
        return
    conv = found[0]
    if conv.record_id not in records:
        records[conv.record_id] = ws.record(conv.record_id)
    rec = records[conv.record_id]
    original = from_png_bytes(ws.get_blob(rec.mask_blob))
    stored = False
    with ws.transaction():
        for ann in sorted(annotations, key=lambda a: str(a.get("updated_at") or a.get("created_at"))):
            summary.annotations += 1
            reviewer = _reviewer(ann, emails)
            item = f"{conv_id}:{reviewer}"
            try:
                parsed = parse_annotation(ann, conv, rec, original, reviewer, task["id"])
            except ItemError as exc:
                summary.quarantined[exc.code] += 1
                ws.quarantine(STAGE, item, exc.code, f"{exc} [task {task['id']}, annotation {ann.get('id')}]")
                continue
            ws.clear_quarantine(STAGE, item)
            stored |= _store(ws, parsed, summary)
        if stored:  # the release applies the latest review of any reviewer
            ws.set_review(conv_id, json.dumps(ws.reviewer_reviews(conv_id)[0]))


def pull(ws: Workspace, bridge, *, project: str = DEFAULT_PROJECT, progress: bool = True) -> PullSummary:
    """Store every reviewer's latest review from the project's snapshot export (idempotent), under the
    workspace writer lock (a second pull gets a clear error naming the holder)."""
    with ws.writer("review pull"):
        return _pull(ws, bridge, project, progress)


def _pull(ws: Workspace, bridge, project: str, progress: bool) -> PullSummary:
    from medseg_qa.pipelines.progress import progress_bar

    found = bridge.find_project(project)
    if found is None:
        raise MedsegQAError(f"Label Studio at {bridge.conn.url} has no project titled {project!r}; run "
                            "`medsegqa review push` first, or pass the --project you pushed to")
    project_id = found[0]
    key = project_key(bridge, project_id)
    summary = PullSummary(project_id)
    exported = bridge.snapshot(project_id)
    emails = bridge.user_emails()
    summary.tasks = len(exported)
    known = ws.review_tasks(key)
    present = {t["id"] for t in exported}
    summary.deleted_in_tool = sorted(t for t, _ in known.values() if t not in present)
    ws.set_review_task_state(key, summary.deleted_in_tool, "deleted")
    ws.map_review_tasks(key, [(t["data"]["conversation_id"], t["id"]) for t in exported
                              if isinstance(t.get("data", {}).get("conversation_id"), str)])
    records: dict[str, SourceRecord] = {}
    with progress_bar("review pull", len(exported), progress and len(exported) > 0) as advance:
        for task in exported:
            advance()
            annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
            if annotations:
                _pull_task(ws, task, annotations, emails, records, summary)
    log.info("review pull from %s project %s: %s stored, %s unchanged, %s quarantined, %s deleted in the tool",
             bridge.conn.url, project_id, summary.stored, summary.unchanged, sum(summary.quarantined.values()),
             len(summary.deleted_in_tool))
    return summary
