"""The ingest stage: source items -> SourceRecords + blobs in the workspace.

Shared by every source: binarise masks, check sizes, skip empty masks, measure facts (with the other
labels of the same image as neighbours), attach knowledge-base synonyms and ontology codes, derive ids,
store PNG blobs and catalog rows. Idempotent (ids come from content, inserts ignore existing ids) and
resumable (one transaction per batch; blobs are content-addressed, so a crash leaves at worst an
unreferenced blob). A bad item is quarantined with its one-line reason and the run goes on; after a
complete pass, every entry of the dataset that was not raised again is cleared (so a fixed item loses its
entry whatever key its error named: a file, a series or a slice).

Identity and provenance: `record_id` is pixels + target only; each (dataset, origin) that yields a
record gets its own provenance row (licence, patient, orientation, its full record body), so a record
seen from two sources keeps both, and ingest counts cross-source duplicates and licence conflicts. When
the origin that speaks for a record yields it with other metadata (a recipe's orientation, modality,
licence or label names changed), the record is re-derived in place (facts re-measured by this ingest)
and, when what the prompt shows changed, its unreviewed conversations go stale and regenerate. An origin
that no longer yields a record it used to retires that provenance row; a record with no active row left
is kept but no longer planned or exported. Nothing stored is deleted; reviews are never touched.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Iterator

import numpy as np

from medseg_qa.errors import ItemError
from medseg_qa.facts import centroid_normalized, check_name_side, compute_facts
from medseg_qa.ids import record_answer_hash, record_id
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
    duplicates: int = 0           # the same pixels twice within this run
    cross_source: int = 0         # records already stored from another dataset (provenance row added)
    licence_conflicts: int = 0    # ... whose licence differs from the stored record's
    rederived: int = 0            # records whose metadata or facts changed (record updated)
    invalidated: int = 0          # conversations marked stale by those changes
    retired: int = 0              # records an origin no longer yields (kept, no longer used)
    quarantine_cleared: int = 0
    quarantined: Counter = field(default_factory=Counter)

    def merge(self, other: "IngestSummary") -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, name).update(value)
            else:
                setattr(self, name, getattr(self, name) + value)


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


def _store(ws: Workspace, rec: SourceRecord, summary: IngestSummary) -> None:
    """Store one record and its provenance row (see the module contract on identity and provenance)."""
    if ws.add_record(rec):
        summary.added += 1
        return
    primary, active = ws.record_state(rec.record_id)
    before = ws.provenance_row(rec.record_id, rec.dataset, rec.origin)
    if before is None and primary != rec.dataset:
        stored = ws.record(rec.record_id)
        summary.cross_source += 1
        if stored.licence != rec.licence:
            summary.licence_conflicts += 1
            log.warning("record %s: %s says licence %s, %s says %s; both provenance rows are kept (see "
                        "`medsegqa status`)", rec.record_id, stored.dataset, stored.licence, rec.dataset, rec.licence)
    if before is not None and before == rec:
        summary.unchanged += 1
        if active:
            return
    ws.put_provenance(rec)
    old = ws.record(rec.record_id)
    if (old.dataset, old.origin) == (rec.dataset, rec.origin) or not active:  # it speaks for the record
        if old != rec:
            ws.update_record(rec)
            summary.rederived += 1
            if record_answer_hash(old) != record_answer_hash(rec):
                summary.invalidated += ws.stale_conversations(rec.record_id)


def ingest_source(ws: Workspace, source: Source, *, progress: bool = True) -> IngestSummary:
    """Ingest one source; holds the workspace writer lock (see the module contract)."""
    with ws.writer(f"ingest {source.info.dataset}"):
        return _ingest_source(ws, source, progress)


def _ingest_source(ws: Workspace, source: Source, progress: bool) -> IngestSummary:
    summary = IngestSummary()
    seen: set[str] = set()
    ds = source.info.dataset
    pending: list = []
    started = time.time()

    def flush() -> None:
        with ws.transaction():
            for kind, payload in pending:
                if kind == "quarantine":
                    ws.quarantine("ingest", *payload)
                    continue
                key, origin, records = payload
                ws.clear_quarantine("ingest", key)
                before = ws.origin_records(ds, origin)
                for rec, image_png, mask_png in records:
                    repeat = rec.record_id in seen
                    summary.duplicates += repeat
                    seen.add(rec.record_id)
                    rec.image_blob = ws.put_blob(image_png)
                    rec.mask_blob = ws.put_blob(mask_png)
                    _store(ws, rec, IngestSummary() if repeat else summary)  # a repeat: its own row, no count
                for gone in sorted(before - {rec.record_id for rec, _, _ in records}):
                    summary.retired += ws.retire_provenance(gone, ds, origin)
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
                pending.append(("records", (f"{ds}:{item_key}", item_key, records)))
            if len(pending) >= BATCH:
                flush()
            advance()
        flush()
    # a complete pass: entries of this dataset that did not fail again were fixed (whatever key they named)
    summary.quarantine_cleared = ws.clear_stale_quarantine("ingest", started, f"{ds}:")
    if hasattr(source, "audit"):  # de-identifying sources say what they removed from each file
        with ws.transaction():
            for entry in source.audit():
                ws.add_audit(ds, entry.file_ref, entry.model_dump_json())
    return summary


def ingest(ws: Workspace, recipe, *, progress: bool = True) -> IngestSummary:
    """Ingest every source of a recipe, after refusing one that combines overlapping registry sets
    without `deduplicate: true` (see `medseg_qa.grouping.check_overlaps`)."""
    from medseg_qa.grouping import check_overlaps

    sources = [build_source(spec.type, spec.options) for spec in recipe.sources]
    check_overlaps([s.info.dataset for s in sources], deduplicate=recipe.deduplicate, where=recipe.name)
    total = IngestSummary()
    with ws.writer("ingest"):
        for source in sources:
            total.merge(ingest_source(ws, source, progress=progress))
    return total
