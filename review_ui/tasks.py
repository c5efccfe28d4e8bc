"""Mapping between the workspace and Label Studio: a conversation -> a task, an annotation -> a Review.

Contract:
- a task's data carries `conversation_id` (how a rerun finds tasks already in Label Studio), the image (a
  local-files URL below the workspace's blobs, or an inline data URI for a remote server), the dialogue, the
  measured facts, the QC flags with their meaning, and the reviewer guide;
- the proposed mask is a brush prediction, 0/255 (a 0/1 mask is invisible in the UI), encoded with
  `label_studio_sdk.converter.brush.mask2rle`, never by hand;
- an annotation becomes a Review: per-turn verdicts and corrections, decision (accept / accept with edits /
  reject + reason), comment, time spent, and the brush mask decoded with `decode_rle`. An annotation whose
  mask cannot be decoded, or has another size than the image, raises ItemError (quarantined by the caller).
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Optional

import numpy as np

from medseg_qa.errors import ItemError
from medseg_qa.schemas import Conversation, Review, SourceRecord, TurnVerdict

BRUSH_FROM, IMAGE_TO, BRUSH_LABEL = "mask", "image", "Target"
MODEL_VERSION = "medseg-qa-mask"
DECISIONS = {"accept": "accept", "accept with edits": "needs_changes", "reject": "reject"}
_ROLE_NAMES = {"user": "question", "assistant": "answer"}


def blob_url(digest: str, blobs: str = "blobs") -> str:
    """The local-files URL of a workspace blob; `blobs` is the blob folder relative to the server's document
    root (the workspace itself under `review serve`)."""
    return f"/data/local-files/?d={blobs}/{digest[:2]}/{digest}.png"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def mask_rle(mask: np.ndarray) -> list[int]:
    """Label Studio brush RLE of a binary mask, drawn at 255 so the UI shows it."""
    from label_studio_sdk.converter.brush import mask2rle

    return mask2rle(np.where(mask > 0, 255, 0).astype(np.uint8))


def brush_result(mask: np.ndarray) -> dict[str, Any]:
    h, w = mask.shape
    return {"from_name": BRUSH_FROM, "to_name": IMAGE_TO, "type": "brushlabels", "original_width": w,
            "original_height": h, "image_rotation": 0,
            "value": {"format": "rle", "rle": mask_rle(mask), "brushlabels": [BRUSH_LABEL]}}


def _facts_table(record: SourceRecord) -> dict[str, str]:
    f = record.facts
    relations = "; ".join(f"{r.relation.replace('_', ' ')} {r.other}" for r in f.relations) or "none measured"
    return {
        "target": record.target + (f" (also: {', '.join(record.synonyms[:4])})" if record.synonyms else ""),
        "modality / region": f"{record.modality} / {record.body_region}",
        "orientation": record.orientation or "none (photo: no patient sides)",
        "side (patient)": f.laterality,
        "vertical": f.vertical,
        "size": f"{f.size_class} ({100 * f.area_fraction:.1f}% of the image, {f.area_pixels} px)",
        "regions": str(f.components),
        "relations": relations,
        "bbox x0,y0,x1,y1": ",".join(map(str, f.bbox)),
    }


def _qc_text(flags: list[str], state: str) -> str:
    from medseg_qa.qc import FLAG_DESCRIPTIONS

    if not flags:
        return f"QC {state}: no flag raised."
    return f"QC {state}: " + " | ".join(f"{flag}: {FLAG_DESCRIPTIONS.get(flag, flag)}" for flag in flags)


def build_task(conv: Conversation, state: str, record: SourceRecord, mask: np.ndarray | dict, image_ref: str,
               guide_html: str, priority: int) -> dict[str, Any]:
    """One Label Studio task (data + the mask prediction) for a conversation; `mask` is the record's mask or
    its `brush_result` (encoded once for the conversations that share a record)."""
    dialogue = [{"role": _ROLE_NAMES.get(t.role, t.role), "content": t.content,
                 "label": f"Turn {i + 1} ({_ROLE_NAMES.get(t.role, t.role)}): {t.content}"}
                for i, t in enumerate(conv.turns)]
    data = {
        "conversation_id": conv.conversation_id, "record_id": record.record_id, "target": record.target,
        "title": f"{record.target} · {record.dataset} · {record.modality}", "image": image_ref,
        "dialogue": dialogue, "facts": _facts_table(record), "qc": _qc_text(list(conv.qc_flags), state),
        "qc_flags": list(conv.qc_flags), "qc_state": state, "priority": priority, "guide": guide_html,
    }
    return {"data": data, "predictions": [{"model_version": MODEL_VERSION, "score": 1.0,
                                           "result": [mask if isinstance(mask, dict) else brush_result(mask)]}]}


# -- risk order ------------------------------------------------------------------------------------
def risk_order(items: list[tuple[Conversation, str]], target_of: dict[str, str]) -> list[tuple[Conversation, str]]:
    """Where automatic checks are weakest first: a judge disagreeing, then QC-flagged (more flags first),
    then rarely seen targets; ties by conversation id, so the order is stable."""
    counts = Counter(target_of[c.record_id] for c, _ in items)

    def key(item: tuple[Conversation, str]):
        conv, state = item
        judge = any(f.startswith("judge") for f in conv.qc_flags)
        flagged = state != "passed" or bool(conv.qc_flags)
        return (not judge, not flagged, -len(conv.qc_flags), counts[target_of[conv.record_id]], conv.conversation_id)

    return sorted(items, key=key)


# -- annotation -> Review -----------------------------------------------------------------------------
@dataclass
class ParsedAnnotation:
    review: Review
    mask: Optional[np.ndarray]  # the reviewer's mask when it differs from the proposed one


def decode_brush(result: dict[str, Any], height: int, width: int) -> np.ndarray:
    """A brushlabels result -> a 0/1 mask of the image's size; ItemError when it is unusable."""
    from label_studio_sdk.converter.brush import decode_rle

    h, w = result.get("original_height"), result.get("original_width")
    if (h, w) != (height, width):
        raise ItemError("mask_size", f"the reviewer's mask is {w}x{h} but the image is {width}x{height}; "
                        "open the task again in Label Studio and resubmit")
    rle = (result.get("value") or {}).get("rle")
    try:
        flat = np.asarray(decode_rle(rle), dtype=np.uint8)
    except Exception as exc:  # the decoder raises assorted errors on garbage: all mean "unparsable"
        raise ItemError("bad_rle", f"the reviewer's brush mask cannot be decoded ({type(exc).__name__}); "
                        "open the task again in Label Studio and resubmit") from None
    if flat.size != height * width * 4:
        raise ItemError("bad_rle", f"the reviewer's brush mask decodes to {flat.size} values, not "
                        f"{height}x{width}x4; open the task again in Label Studio and resubmit")
    return (flat.reshape(height, width, 4)[:, :, 3] > 0).astype(np.uint8)


def _text(result: dict[str, Any]) -> str:
    return "\n".join(result.get("value", {}).get("text") or []).strip()


def _choice(result: dict[str, Any]) -> Optional[str]:
    choices = result.get("value", {}).get("choices") or []
    return choices[0] if choices else None


def _parse_time(value: Any) -> Optional[datetime]:
    if not value:
        return None
    stamp = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def parse_annotation(ann: dict[str, Any], conv: Conversation, record: SourceRecord, original: np.ndarray,
                     reviewer: str, task_id: Optional[int] = None) -> ParsedAnnotation:
    """An exported annotation -> the reviewer's Review (and edited mask); ItemError on a bad one."""
    by_name: dict[str, dict] = {}
    strokes: list[np.ndarray] = []
    for result in ann.get("result") or []:
        if result.get("type") == "brushlabels":
            strokes.append(decode_brush(result, record.height, record.width))
        elif result.get("from_name"):
            by_name[result["from_name"]] = result
    verdicts = []
    for i, turn in enumerate(conv.turns):
        choice = _choice(by_name.get(f"verdict_{i}", {}))
        correction = _text(by_name.get(f"correction_{i}", {}))
        if correction and correction != turn.content.strip():
            verdicts.append(TurnVerdict(turn_index=i, verdict="edit", correction=correction))
        elif choice in ("accept", "reject"):
            verdicts.append(TurnVerdict(turn_index=i, verdict=choice))
    label = _choice(by_name.get("decision", {}))
    if label not in DECISIONS:
        raise ItemError("no_decision", f"the annotation has no overall decision ({label!r}); choose accept, "
                        "accept with edits or reject in Label Studio and resubmit")
    mask = None
    if strokes:  # no brush result at all leaves the proposed mask as it is
        union = np.maximum.reduce(strokes)
        if not np.array_equal(union, (original > 0).astype(np.uint8)):
            mask = union
    submitted = _parse_time(ann.get("updated_at") or ann.get("created_at")) or datetime.now(timezone.utc)
    lead = ann.get("lead_time")
    lead = float(lead) if isinstance(lead, (int, float)) and lead >= 0 else None
    review = Review(
        conversation_id=conv.conversation_id, record_id=record.record_id, reviewer=reviewer,
        decision=DECISIONS[label], turn_verdicts=verdicts, comment=_text(by_name.get("comment", {})),
        reason=_choice(by_name.get("reason", {})) if label == "reject" else None,
        started_at=submitted - timedelta(seconds=lead) if lead is not None else None, submitted_at=submitted,
        lead_time_s=lead, task_id=task_id, annotation_id=ann.get("id"))
    return ParsedAnnotation(review, mask)


def annotation_result(conv: Conversation, decision: str, *, verdicts: Iterable[tuple[int, str, str]] = (),
                      mask: Optional[np.ndarray] = None, reason: Optional[str] = None,
                      comment: str = "") -> list[dict[str, Any]]:
    """The result list a reviewer's browser would send (used to annotate through the API: tests, bench).

    `decision` is a label of the page (accept, accept with edits, reject); `verdicts` are (turn, accept|reject,
    correction) triples."""
    result: list[dict[str, Any]] = []
    if mask is not None:
        result.append(brush_result(mask))
    for i, verdict, correction in verdicts:
        result.append({"from_name": f"verdict_{i}", "to_name": f"turn_{i}", "type": "choices",
                       "value": {"choices": [verdict]}})
        if correction:
            result.append({"from_name": f"correction_{i}", "to_name": f"turn_{i}", "type": "textarea",
                           "value": {"text": [correction]}})
    result.append({"from_name": "decision", "to_name": IMAGE_TO, "type": "choices", "value": {"choices": [decision]}})
    if reason:
        result.append({"from_name": "reason", "to_name": IMAGE_TO, "type": "choices", "value": {"choices": [reason]}})
    if comment:
        result.append({"from_name": "comment", "to_name": IMAGE_TO, "type": "textarea", "value": {"text": [comment]}})
    return result
