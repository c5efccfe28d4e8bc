"""Decoding a DICOM SEG onto the slices of an indexed series: labels, foreground, frame matching.

A SEG (BINARY, or FRACTIONAL thresholded at `threshold`) is decoded frame by frame; each non-empty
frame goes to its slice by ReferencedSOPInstanceUID, else by ImagePositionPatient within `tolerance`
mm, and is merged into that slice's masks (the same label by union, so several SEGs of one series
combine).

Segment labels (`segment_label`): the SEG's free text is patient data until proven otherwise. The
target is, in order: the recipe's `labels` mapping of the SegmentLabel, a CodeMeaning or the coded
concept ('SCT:10200004'; null drops the segment); the knowledge-base entry of the coded concept
(SegmentedPropertyTypeCodeSequence, with a left/right modifier); else the SegmentLabel or the type's
CodeMeaning, only if it passes `medseg_qa.deid_screen.screen_label` against every identifying value of
the patient. Free text that fails the screen never becomes a synonym; a segment left without a target
is reported once per SEG ('seg_label_refused', with a reason code, never the text). Frames
whose mask is empty are skipped; a non-empty frame that maps to no slice, or names a segment the SEG
does not describe, is reported once per SEG as an ItemError and skipped, so one bad frame never costs
the rest of the SEG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

import numpy as np

from medseg_qa.deid_screen import REASONS, Identifiers, screen_label
from medseg_qa.errors import ItemError

from .dicom_index import FolderIndex, SegHeader, frame_sops

Masks = dict[int, dict[str, np.ndarray]]  # slice index -> label -> mask


def add_seg_frames(ds, seg: SegHeader, uid: str, found: list[str], idx: FolderIndex, acc: Masks,
                   synonyms: dict[str, set[str]], *, labels: dict[str, Optional[str]], threshold: float,
                   tolerance: float, max_pixels: int, identifiers: Optional[Identifiers] = None) -> Iterator[ItemError]:
    """Add the frames of SEG `ds` that land in series `uid` to `acc`; yield frame errors (once per SEG:
    only while decoding for `found[0]`, the first of the series it refers to).

    Raises ItemError for a SEG that cannot be used at all (too large, other grid, undecodable pixels).
    """
    series = idx.series[uid]
    rows, cols = int(ds.Rows), int(ds.Columns)
    if rows * cols > max_pixels:
        raise ItemError("too_large", f"SEG frames have {rows * cols} pixels, over the limit "
                        f"{max_pixels}; raise max_pixels if genuine", seg.ref)
    if (rows, cols) != (series.rows, series.cols):
        raise ItemError("seg_size_mismatch", f"SEG frames are {cols}x{rows} but the series is "
                        f"{series.cols}x{series.rows}; re-export the SEG on the image grid", seg.ref)
    try:
        fg = foreground(ds, threshold).reshape(-1, rows, cols)
    except Exception as exc:  # noqa: BLE001 - decoder errors vary with the transfer syntax
        raise ItemError("unreadable_dicom", f"cannot decode SEG pixels ({type(exc).__name__}); "
                        "re-export the SEG", seg.ref) from exc
    segments = {int(s.SegmentNumber): s for s in ds.get("SegmentSequence", [])}
    per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
    shared = (ds.get("SharedFunctionalGroupsSequence") or [None])[0]
    report = uid == found[0]
    chosen = {n: segment_label(segments[n], n, labels, identifiers) for n in segments}
    for n, choice in sorted(chosen.items()):
        if report and choice.refused:
            yield ItemError("seg_label_refused", f"segment {n}: no coded concept the knowledge base knows, and "
                            f"its label {REASONS[choice.refused]}; map the segment's code or label to a canonical "
                            "name in the recipe's `labels` (or null to drop it)", f"{seg.ref}#segment{n}")
    for f in range(fg.shape[0]):
        if not fg[f].any():
            continue
        pf = per_frame[f] if f < len(per_frame) else None
        where = f"{seg.ref}#frame{f + 1}"
        ident = _group(pf, shared, "SegmentIdentificationSequence")
        number = int(ident.ReferencedSegmentNumber) if ident is not None else 1
        if number not in segments:
            if report:
                yield ItemError("seg_segment_missing", f"frame refers to segment {number}, which the "
                                "SEG does not describe; fix the SEG", where)
            continue
        label, syns = chosen[number].label, chosen[number].synonyms
        if label is None:
            continue
        hit = match_frame(pf, shared, found, idx, tolerance)
        if hit is None:
            if report:
                yield ItemError("seg_frame_unmatched", "SEG frame matches no slice by SOP instance UID or "
                                "position; add the missing slice or fix the SEG", where)
            continue
        if hit[0] != uid:
            continue
        masks = acc.setdefault(hit[1], {})
        masks[label] = masks[label] | fg[f] if label in masks else fg[f].copy()
        synonyms.setdefault(label, set()).update(syns)


@dataclass
class LabelChoice:
    """A segment's target (None: dropped or refused), its screened synonyms, and why it was refused."""

    label: Optional[str]
    synonyms: set[str] = field(default_factory=set)
    refused: Optional[str] = None  # a deid_screen reason code, never the text


_SIDES = {"7771000": "left", "24028007": "right"}  # SCT laterality modifiers


def segment_label(segment, number: int, labels: dict[str, Optional[str]],
                  identifiers: Optional[Identifiers] = None) -> LabelChoice:
    """Choose one SegmentSequence item's target (see the module docstring for the order)."""
    from medseg_qa.knowledge import by_ontology_code, by_term

    raw = str(segment.get("SegmentLabel", "") or "").strip()
    types = list(segment.get("SegmentedPropertyTypeCodeSequence") or [])
    names = [t for t in dict.fromkeys([raw, *(str(c.CodeMeaning).strip() for c in types if c.get("CodeMeaning"))]) if t]
    meanings = names[1:] if raw else names
    regions = [str(c.CodeMeaning).strip() for c in segment.get("AnatomicRegionSequence") or [] if c.get("CodeMeaning")]
    codes = [f"{c.get('CodingSchemeDesignator', '')}:{c.get('CodeValue', '')}" for c in types]
    safe = [t for t in names if screen_label(t, identifiers) is None]  # only these may become synonyms
    for key in (raw, raw.lower(), *meanings, *regions, *(m.lower() for m in meanings + regions), *codes):
        if key and key in labels:
            mapped = labels[key]
            if mapped is None:
                return LabelChoice(None)
            label = mapped.strip().lower()
            return LabelChoice(label, {t.lower() for t in safe} - {label})
    label = None
    for c in types:
        entry = by_ontology_code(str(c.get("CodingSchemeDesignator", "")), str(c.get("CodeValue", "")))
        if entry is not None:
            side = next((_SIDES.get(str(m.get("CodeValue", ""))) for m in c.get("SegmentedPropertyTypeModifierCodeSequence")
                         or [] if str(m.get("CodeValue", "")) in _SIDES), None)
            sided = by_term(f"{side} {entry.name}") if side else None
            label = (sided or entry).name
            break
    if label is None:  # free text: the label or the type's meaning (never the region's), once screened
        usable = [t for t in names if t in safe]
        if not usable:
            return LabelChoice(None, refused=(screen_label(names[0], identifiers) or "free_text") if names else "no_text")
        entry = by_term(usable[0])
        label = entry.name if entry is not None else usable[0].lower()
    return LabelChoice(label, {t.lower() for t in safe} - {label})


def match_frame(pf, shared, found: list[str], idx: FolderIndex, tolerance: float) -> Optional[tuple[str, int]]:
    """(series uid, slice index) of a SEG frame among the series `found`, or None when no slice matches."""
    for sop in frame_sops(pf):
        if sop in idx.by_sop and idx.by_sop[sop][0] in found:
            return idx.by_sop[sop]
    pos = _group(pf, shared, "PlanePositionSequence")
    if pos is None or "ImagePositionPatient" not in pos:
        return None
    p = np.array([float(v) for v in pos.ImagePositionPatient])
    for uid in found:
        positions = idx.series[uid].positions
        if positions is not None and len(positions):
            d = np.linalg.norm(positions - p, axis=1)
            j = int(np.nanargmin(d)) if not np.isnan(d).all() else -1
            if j >= 0 and d[j] <= tolerance:
                return uid, j
    return None


def foreground(ds, threshold: float) -> np.ndarray:
    """Boolean frames of a SEG: BINARY as is, FRACTIONAL at `threshold` of MaximumFractionalValue."""
    arr = ds.pixel_array
    if str(ds.get("SegmentationType", "BINARY")).upper() == "FRACTIONAL":
        top = float(ds.get("MaximumFractionalValue", 255) or 255)
        return arr.astype(np.float32) / top >= threshold
    return arr > 0


def _group(pf, shared, keyword: str):
    """A functional group's first item, per-frame first, then shared."""
    for holder in (pf, shared):
        if holder is not None and holder.get(keyword):
            return holder.get(keyword)[0]
    return None


__all__ = ["Masks", "LabelChoice", "add_seg_frames", "segment_label", "match_frame", "foreground"]
