"""A small workspace for the review tests and benchmark: real PNG blobs, records with measured facts, and
multi-turn conversations in known QC states (some flagged), with targets of different frequency."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from medseg_qa import ids
from medseg_qa.facts import compute_facts
from medseg_qa.imageio import to_png_bytes
from medseg_qa.schemas import Conversation, GenerationProvenance, SourceRecord, Turn
from medseg_qa.workspace import Workspace

H, W = 96, 128  # not square: a transposed mask would show


def blob_mask(i: int) -> np.ndarray:
    mask = np.zeros((H, W), np.uint8)
    y0, x0 = 20 + i % 30, 10 + (7 * i) % 70
    mask[y0:y0 + 30, x0:x0 + 40] = 255
    return mask


def add_item(ws: Workspace, i: int, target: str, state: str = "passed", flags: tuple[str, ...] = ()) -> Conversation:
    rng = np.random.default_rng(i)
    mask = blob_mask(i)
    image = (rng.integers(0, 60, (H, W)) + (mask > 0) * 150).astype(np.uint8)
    rec = SourceRecord(
        record_id=ids.record_id(image, mask, target), source="phantom", dataset="review-test",
        image_blob=ws.put_blob(to_png_bytes(image)), mask_blob=ws.put_blob(to_png_bytes(mask)), width=W, height=H,
        target=target, synonyms=[], modality="CT", body_region="abdomen", case_id=f"case{i}",
        patient_id=f"patient{i}", orientation="LP", licence="CC-BY-4.0", synthetic=True,
        facts=compute_facts(mask, "LP"))
    ws.add_record(rec)
    prov = GenerationProvenance(backend="template", model="template-v1", prompt_version="v1", seed=i)
    conv = Conversation(
        conversation_id=ids.conversation_id(rec.record_id, "v1", "template-v1", {"i": i}, "function"),
        record_id=rec.record_id, question_style="function", provenance=prov, qc_flags=list(flags),
        turns=[Turn(role="user", content=f"Which structure in this slice stores glycogen? (case {i})"),
               Turn(role="assistant", content=f"The structure you mean is outlined here. [SEG]"),
               Turn(role="user", content="On which side of the patient does it lie?"),
               Turn(role="assistant", content="It lies on the patient's right side.")])
    ws.put_conversation(conv, state)
    return conv


def make_workspace(root: Path, n: int = 6, flagged: int = 2) -> Workspace:
    """`n` passed conversations (targets liver x many, spleen x 2, pancreas x 1) plus `flagged` flagged ones."""
    ws = Workspace(root)
    targets = ["pancreas", "spleen", "spleen"] + ["liver"] * max(0, n - 3)
    with ws.transaction():
        for i in range(n):
            add_item(ws, i, targets[i])
        for j in range(flagged):
            add_item(ws, n + j, "liver", "flagged", ("laterality",) if j % 2 == 0 else ("judge_disagrees", "size"))
    return ws
