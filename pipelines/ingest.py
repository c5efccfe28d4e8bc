"""The ingest stage: source items -> SourceRecords + blobs in the workspace.

Shared by every source: binarise masks, check sizes, skip empty masks, measure facts (with the other
labels of the same image as neighbours), attach knowledge-base synonyms and ontology codes, derive ids,
store PNG blobs and catalog rows. Idempotent (ids come from content, inserts ignore existing ids) and
resumable (one transaction per batch; blobs are content-addressed, so a crash leaves at worst an
unreferenced blob). A bad item is quarantined with its one-line reason and the run goes on; an item that
later ingests cleanly loses its quarantine entry.
"""

from __future__ import annotations

import inspect
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Iterator

import numpy as np

from medseg_qa.errors import ItemError
from medseg_qa.facts import centroid_normalized, check_name_side, compute_facts
from medseg_qa.ids import record_id
from medseg_qa.imageio import binarize, to_png_bytes
from medseg_qa.knowledge import lookup
from medseg_qa.patient import slice_frame
from medseg_qa.schemas import SourceRecord
from medseg_qa.sources import Source, SourceInfo, SourceItem, build_source
from medseg_qa.workspace import Workspace

from .progress import progress_bar

log = logging.getLogger(__name__)
BATCH = 64


@dataclass
class IngestSummary:
    items: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    quarantined: Counter = field(default_factory=Counter)

    def merge(self, other: "IngestSummary") -> None:
        self.items += other.items
        self.added += other.added
        self.unchanged += other.unchanged
        self.duplicates += other.duplicates
        self.quarantined.update(other.quarantined)


def make_records(item: SourceItem, info: SourceInfo, source_type: str) -> list[tuple[SourceRecord, bytes, bytes]]:
    """Records (with their image and mask PNG bytes) for one item: one per non-empty mask.

    Empty masks beside non-empty ones are labels absent from this image and are skipped. Raises
    ItemError when the whole item is unusable (a mask's size differs from the image, every mask empty,
    a declared-binary mask with more than two values).
    """
    image = np.asarray(item.image)
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[..., :3]
    masks: dict[str, np.ndarray] = {}
    names: dict[str, str] = {}
    for label, raw in item.masks.items():
        raw = np.asarray(raw)
        if raw.shape[:2] != image.shape[:2]:
            raise ItemError("size_mismatch", f"mask '{label}' is {raw.shape[1]}x{raw.shape[0]} but the image is "
                            f"{image.shape[1]}x{image.shape[0]}; fix or re-export the mask", item.item_key)
        masks[label.strip().lower()] = binarize(raw, item.item_key, strict=item.binary_declared)
        names[label.strip().lower()] = label
    present = {k: v for k, v in masks.items() if v.any()}
    if not present:
        raise ItemError("empty_mask", "every mask of this image is empty; remove the pair or fix the mask",
                        item.item_key)
    image_png = to_png_bytes(image)
    centroids = {k: centroid_normalized(v) for k, v in present.items()}
    frame = slice_frame(image, item.modality, item.orientation, present.values(), item.body, item.geometry)
    out = []
    for label, mask in present.items():
        others = {k: v for k, v in centroids.items() if k != label}
        entry = lookup(label)
        synonyms = sorted(set((entry.synonyms if entry else []) + item.extra_synonyms.get(label, [])))
        facts = compute_facts(mask, item.orientation, others, frame)
        check_name_side(names[label], facts, item.item_key)
        rec = SourceRecord(
            record_id=record_id(image, mask, label), source=source_type,
            dataset=info.dataset, image_blob="", mask_blob="", width=image.shape[1], height=image.shape[0],
            target=label, synonyms=synonyms, ontology_code=entry.ontology_code if entry else None,
            modality=item.modality, body_region=item.body_region, case_id=item.case_id,
            patient_id=item.patient_id, slice_index=item.slice_index, spacing=item.spacing,
            orientation=item.orientation, licence=info.licence, citation=info.citation,
            source_url=info.source_url, synthetic=info.synthetic, origin=item.item_key,
            facts=facts)
        out.append((rec, image_png, to_png_bytes(mask)))
    return out


def keyed_records(item: SourceItem, info: SourceInfo, source_type: str):
    """(item_key, records) of one item: a top-level function so that sources with worker pools can run
    it, PNG encoding included, in their workers (`items(transform=...)`)."""
    return item.item_key, make_records(item, info, source_type)


def _results(source: Source) -> Iterator:
    """(item_key, records) pairs or ItemErrors, computed in the source's workers when it has them."""
    work = partial(keyed_records, info=source.info, source_type=type(source).__module__.rsplit(".", 1)[-1])
    if "transform" in inspect.signature(source.items).parameters:
        yield from source.items(transform=work)
        return
    for item in source.items():
        if isinstance(item, ItemError):
            yield item
            continue
        try:
            yield work(item)
        except ItemError as exc:
            yield exc


def ingest_source(ws: Workspace, source: Source, *, progress: bool = True) -> IngestSummary:
    summary = IngestSummary()
    seen: set[str] = set()
    ds = source.info.dataset
    pending: list = []

    def flush() -> None:
        with ws.transaction():
            for kind, payload in pending:
                if kind == "quarantine":
                    ws.quarantine("ingest", *payload)
                    continue
                key, records = payload
                ws.clear_quarantine("ingest", key)
                for rec, image_png, mask_png in records:
                    if rec.record_id in seen:
                        summary.duplicates += 1
                        continue
                    seen.add(rec.record_id)
                    rec.image_blob = ws.put_blob(image_png)
                    rec.mask_blob = ws.put_blob(mask_png)
                    if ws.add_record(rec):
                        summary.added += 1
                    else:
                        summary.unchanged += 1
        pending.clear()

    with progress_bar(f"ingest {ds}", source.estimate(), progress) as advance:
        for result in _results(source):
            summary.items += 1
            if isinstance(result, ItemError):
                key = f"{ds}:{result.where or '?'}"
                log.warning("quarantined %s: %s", key, result)
                summary.quarantined[result.code] += 1
                pending.append(("quarantine", (key, result.code, str(result))))
            else:
                item_key, records = result
                pending.append(("records", (f"{ds}:{item_key}", records)))
            if len(pending) >= BATCH:
                flush()
            advance()
        flush()
    if hasattr(source, "audit"):  # de-identifying sources say what they removed from each file
        with ws.transaction():
            for entry in source.audit():
                ws.add_audit(ds, entry.file_ref, entry.model_dump_json())
    return summary


def ingest(ws: Workspace, recipe, *, progress: bool = True) -> IngestSummary:
    """Ingest every source of a recipe."""
    total = IngestSummary()
    for spec in recipe.sources:
        total.merge(ingest_source(ws, build_source(spec.type, spec.options), progress=progress))
    return total
