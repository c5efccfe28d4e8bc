"""The export stage: workspace -> a versioned Hugging Face DatasetDict folder with its card.

Contract:
- one row per conversation whose state is in `config.include_states`, except those a physician
  rejected; a review's turn corrections and edited mask replace the generated ones (a physician's edit
  beats any regeneration), and an edited mask's facts are re-measured;
- splits are by patient (`medseg_qa.splits`), always train/validation/test with explicit Features, so
  an empty split still loads with the full schema;
- the folder is `<output>/<name>/<version>/` (or `out_dir/<name>/<version>/`), holding the
  `save_to_disk` DatasetDict plus README.md (the card), manifest.json and preview.png; it is built in
  a temporary sibling and renamed into place in the same catalog transaction that records it, so a
  crash leaves no half-written version;
- versions are immutable: the `state_hash` fingerprints what was exported (conversation, record and
  review bodies, review status) and the export settings. The same version with the same hash is a
  no-op; with another hash it is refused, naming what differs from the version on disk, as is a folder
  that exists without a catalog entry;
- what is included is `config.include`: once reviews exist, by default only the rows a physician
  accepted (with their edits); the card and manifest say which selection was applied;
- a release is all or nothing: every blob is checked against its sha256 name as it is written, and a
  missing or corrupt one stops the export naming it, leaving nothing behind. `manifest.json` lists the
  sha256 of every file and the rows' content fingerprint (`medsegqa verify`), `index.json` one line of
  content per row (`medsegqa diff`), and the card carries the licence gate's decision, plots, a gallery
  and the changes since the previous version (`medseg_qa.card`, `pipelines.release_assets`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from medseg_qa.config import ExportConfig
from medseg_qa.errors import ExportError
from medseg_qa.ids import stable_hash
from medseg_qa.manifest import MANIFEST, content_fingerprint, file_hashes, row_digest
from medseg_qa.pipelines.dataset_writer import write_dataset
from medseg_qa.pipelines.diff import INDEX, describe_difference, previous_export, row_index
from medseg_qa.schemas import Conversation, Review, SourceRecord
from medseg_qa.splits import SPLITS, SplitPlan, plan_export_splits
from medseg_qa.workspace import Workspace

log = logging.getLogger(__name__)

EXPORT_FORMAT = 2          # bump when the row layout changes: it is part of every state hash
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_REVIEW_STATUS = {"accept": "accepted", "needs_changes": "needs_changes"}
SELECTIONS = {"reviewed": "rows a physician accepted, with the reviewed text and mask",
              "all": "every conversation in the included QC states except those a physician rejected"}


@dataclass
class ExportResult:
    path: str
    version: str
    rows: dict[str, int]
    state_hash: str
    created: bool
    message: str
    excluded: dict[str, int] = field(default_factory=dict)
    licence: dict = field(default_factory=dict)


@dataclass
class _Row:
    """One planned row: its dataset columns except the pixels, and the blobs that hold them."""

    meta: dict[str, Any]
    image_blob: str
    mask_blob: str
    key: list[str]  # what identifies its content in the state hash

    @cached_property
    def digest(self) -> str:
        """The row's content (blob names are the sha256 of their bytes, checked when written)."""
        return row_digest(self.meta, self.image_blob, self.mask_blob)


@dataclass
class Plan:
    """What an export will write: rows per split, what was left out and why, and the selection used."""

    by_split: dict[str, list[_Row]]
    excluded: Counter
    selection: str
    splits: SplitPlan

    def rows(self) -> list[_Row]:
        return [r for s in SPLITS for r in self.by_split[s]]


def check_version(version: str) -> None:
    if not _SEMVER.match(version or ""):
        raise ExportError(f"version {version!r} is not a semantic version X.Y.Z; pass e.g. --version 0.1.0")


def patch_bump(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def export_dir(config: ExportConfig, version: str, out_dir: Optional[str | Path] = None) -> Path:
    """`<out_dir or config.output>/<config.name>/<version>`, absolute (relative paths are from the CWD)."""
    if not config.name or Path(config.name).name != config.name or config.name in (".", ".."):
        raise ExportError(f"export name {config.name!r} is not a plain folder name; set export.name in the "
                          "recipe to something like medseg-qa-demo")
    return (Path(out_dir or config.output).expanduser() / config.name / version).absolute()


# -- planning: which rows, with what content -----------------------------------------------------
def _load_review(ws: Workspace, conversation_id: str) -> Optional[Review]:
    body = ws.review(conversation_id)
    if body is None:
        return None
    try:
        return Review.model_validate(body)
    except ValidationError as exc:
        raise ExportError(f"the stored review of conversation {conversation_id} is not a valid Review "
                          f"({exc.errors()[0]['msg']}); pull the review again") from None


def _facts_for(record: SourceRecord, mask_blob: str, ws: Workspace) -> Optional[dict]:
    """The record's facts, or re-measured ones for an edited mask (None when the edit left it empty)."""
    if mask_blob == record.mask_blob:
        return record.facts.model_dump(mode="json", exclude={"frame"})
    from medseg_qa.facts import compute_facts, frame_of
    from medseg_qa.imageio import binarize, from_png_bytes

    mask = binarize(from_png_bytes(ws.get_blob(mask_blob)))
    if mask.shape != (record.height, record.width):
        raise ExportError(f"edited mask {mask_blob} of record {record.record_id} is {mask.shape[1]}x"
                          f"{mask.shape[0]}, its image {record.width}x{record.height}; fix the review")
    if not mask.any():
        return None
    facts = compute_facts(mask, record.orientation, frame=frame_of(record.facts)).model_dump(mode="json",
                                                                                            exclude={"frame"})
    facts["relations"] = record.facts.model_dump(mode="json")["relations"]  # other structures unknown here
    return facts


def _row(conv: Conversation, record: SourceRecord, review: Optional[Review], ws: Workspace) -> Optional[_Row]:
    from medseg_qa.review_ui.apply import reviewed_content

    turns, mask_blob = reviewed_content(conv, record, review)
    facts = _facts_for(record, mask_blob, ws)
    if facts is None:
        return None
    p = conv.provenance
    meta = {
        "id": conv.conversation_id, "record_id": record.record_id,
        "conversation": [{"role": t["role"], "content": t["content"]} for t in turns],
        "question_style": conv.question_style, "target": record.target, "synonyms": list(record.synonyms),
        "ontology_code": record.ontology_code, "modality": record.modality, "body_region": record.body_region,
        "dataset": record.dataset, "source": record.source, "source_url": record.source_url,
        "licence": record.licence, "citation": record.citation, "patient_id": record.patient_id,
        "case_id": record.case_id, "slice_index": record.slice_index, "orientation": record.orientation,
        "synthetic": record.synthetic,
        "review_status": "unreviewed" if review is None else _REVIEW_STATUS[review.decision],
        "facts": facts,
        "provenance": {"backend": p.backend, "model": p.model, "prompt_version": p.prompt_version,
                       "seed": p.seed, "prompt_tokens": p.prompt_tokens,
                       "completion_tokens": p.completion_tokens, "cost_usd": p.cost_usd, "attempts": p.attempts,
                       "knowledge_hash": p.knowledge_hash, "knowledge_status": p.knowledge_status,
                       "template_hash": p.template_hash},
        "qc_flags": list(conv.qc_flags),
    }
    key = [conv.conversation_id, record.record_id, meta["review_status"],
           stable_hash(conv.model_dump(mode="json")), stable_hash(record.model_dump(mode="json")),
           stable_hash(review.model_dump(mode="json")) if review else ""]
    return _Row(meta, record.image_blob, mask_blob, key)


def selection_of(ws: Workspace, config: ExportConfig) -> str:
    """`reviewed` or `all`: `auto` becomes `reviewed` as soon as the workspace holds any review."""
    if config.include != "auto":
        return config.include
    return "reviewed" if ws.review_count() else "all"


def plan_rows(ws: Workspace, config: ExportConfig) -> Plan:
    """Rows per split, in conversation-id order, the count of excluded conversations per reason, the
    selection used and the split plan (groups per source and split, for the card and manifest)."""
    records: dict[str, SourceRecord] = {}
    rows: list[_Row] = []
    excluded: Counter = Counter()
    selection = selection_of(ws, config)
    # a reviewed selection takes what physicians accepted, whatever QC said of the draft
    states = ("passed", "flagged") if selection == "reviewed" else tuple(config.include_states)
    any_review = ws.review_count() > 0  # one query instead of one per conversation when there are none
    for conv, _state in ws.conversations(states):
        review = _load_review(ws, conv.conversation_id) if any_review else None
        if review is not None and review.decision == "reject":
            excluded["rejected_in_review"] += 1
            continue
        if selection == "reviewed" and (review is None or review.decision != "accept"):
            excluded["not_accepted_in_review" if review else "not_reviewed"] += 1
            continue
        if conv.record_id not in records:
            records[conv.record_id] = ws.record(conv.record_id)
        row = _row(conv, records[conv.record_id], review, ws)
        if row is None:
            log.warning("conversation %s: the reviewer's edited mask is empty; left out of the export",
                        conv.conversation_id)
            excluded["empty_edited_mask"] += 1
            continue
        rows.append(row)
    split_plan = plan_export_splits(ws, [r.meta for r in rows], [r.image_blob for r in rows], config.splits,
                                    config.seed)
    by_split: dict[str, list[_Row]] = {s: [] for s in SPLITS}
    for row in rows:
        by_split[split_plan.split_of(row.meta["dataset"], row.meta["patient_id"])].append(row)
    return Plan(by_split, excluded, selection, split_plan)


def settings_for_hash(config: ExportConfig) -> dict:
    """The export settings that shape the content (not where it goes, nor how many card examples)."""
    return config.model_dump(mode="json", exclude={"output", "gallery"})


def state_hash(by_split: dict[str, list[_Row]], config: ExportConfig) -> str:
    """Stable fingerprint of the exported content and the settings that shape it (not the output path)."""
    settings = settings_for_hash(config)
    keys = sorted(row.key for rows in by_split.values() for row in rows)
    return stable_hash({"format": EXPORT_FORMAT, "settings": settings, "rows": keys}, length=32)


def _manifest(config: ExportConfig, version: str, digest: str, plan: Plan, recipe_name: str, created_at: str,
              licence: dict) -> dict:
    from medseg_qa import __version__

    by_split = plan.by_split
    return {
        "name": config.name, "version": version, "state_hash": digest, "created_at": created_at,
        "medseg_qa_version": __version__, "recipe": recipe_name, "export_format": EXPORT_FORMAT,
        "rows": {s: len(r) for s, r in by_split.items()},
        "patients": {s: len({row.meta["patient_id"] for row in r}) for s, r in by_split.items()},
        "selection": {"mode": plan.selection, "meaning": SELECTIONS[plan.selection]},
        "excluded": dict(sorted(plan.excluded.items())),
        "licence": licence,
        "export_config": config.model_dump(mode="json"),
        "content_fingerprint": content_fingerprint((s, r.meta["id"], r.digest) for s in SPLITS for r in by_split[s]),
    }


def export_dataset(ws: Workspace, config: ExportConfig, version: str, **options) -> ExportResult:
    """Export the workspace as version `version` (semver); idempotent for an unchanged state. Holds the
    workspace writer lock: a second export of the same workspace gets a clear error naming the holder."""
    with ws.writer("export"):
        return _export(ws, config, version, **options)


def _remove_abandoned_builds(target: Path) -> None:
    """Delete the half-built folders of `target` that a killed export left (their pid is gone)."""
    for folder in target.parent.glob(f".{target.name}.building-*"):
        pid = folder.name.rsplit(".building-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _export(ws: Workspace, config: ExportConfig, version: str, *, recipe_name: str,
            out_dir: Optional[str | Path] = None, progress: bool = True) -> ExportResult:
    from medseg_qa.licence import decide
    from medseg_qa.pipelines.release_assets import write_release_assets

    check_version(version)
    target = export_dir(config, version, out_dir)
    plan = plan_rows(ws, config)
    by_split, excluded = plan.by_split, plan.excluded
    counts = {s: len(r) for s, r in by_split.items()}
    digest = state_hash(by_split, config)
    entry = ws.export_entry(version)
    if entry is not None:
        old_hash, old_path = entry
        if old_hash != digest:
            why = (describe_difference(Path(old_path), row_index(plan), settings_for_hash(config))
                   if Path(old_path).exists() else "its folder is gone")
            raise ExportError(f"version {version} already holds a different state ({old_path}): {why}; choose a "
                              f"new --version, e.g. {patch_bump(version)}")
        if Path(old_path).exists():
            return ExportResult(old_path, version, counts, digest, False,
                                f"version {version} already exported with this exact state at {old_path}; "
                                "nothing to do", dict(excluded))
        target = Path(old_path)  # the catalog knows it but its folder is gone: rebuild the same state there
        log.warning("version %s is in the catalog but %s is missing; rebuilding it", version, target)
    elif target.exists():
        raise ExportError(f"{target} already exists but no version {version} is in the catalog of {ws.root}; "
                          "move that folder away or choose another --version or --output")
    if sum(counts.values()) == 0:
        left = ", ".join(f"{k} {v}" for k, v in sorted(excluded.items())) or "none"
        raise ExportError(f"nothing to export: the selection '{plan.selection}' ({SELECTIONS[plan.selection]}) "
                          f"is empty in {ws.root} (left out: {left}); run generate or review first, or set "
                          "export.include / export.include_states; nothing was written")

    licence = decide(r.meta for r in plan.rows()).as_dict()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
    try:
        write_dataset(ws, by_split, building, digest, progress)
        created_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        manifest = _manifest(config, version, digest, plan, recipe_name, created_at, licence)
        manifest["split_plan"] = plan.splits.model_dump(mode="json", exclude={"assignment"})
        index = row_index(plan)
        (building / INDEX).write_text(json.dumps(index, sort_keys=True) + "\n", encoding="utf-8")
        write_release_assets(ws, plan, config, building, version=version, manifest=manifest, index=index,
                             previous=previous_export(ws, version))
        manifest["files"] = file_hashes(building)
        (building / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        building.chmod(0o755)  # mkdtemp makes it 0700
        with ws.transaction():
            if entry is None:
                ws.add_export(version, digest, str(target))
            ws.record_splits(version, plan.splits.assignment)
            try:
                building.rename(target)
            except OSError as exc:
                raise ExportError(f"cannot move the finished export into {target}: {exc.strerror}; "
                                  "check that nothing else is writing there and retry") from exc
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    split_text = ", ".join(f"{s} {n}" for s, n in counts.items())
    message = (f"exported {config.name} version {version} to {target}: {sum(counts.values())} rows "
               f"({split_text}; selection: {plan.selection})")
    if excluded:
        message += "; left out: " + ", ".join(f"{k} {v}" for k, v in sorted(excluded.items()))
    if not licence["allowed"]:
        message += "; the licence gate would block --push-to-hub (see the card's Licence section)"
    log.info(message)
    return ExportResult(str(target), version, counts, digest, True, message, dict(excluded), licence)

