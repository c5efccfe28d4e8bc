"""Decoding a DICOM SEG onto the slices of an indexed series: labels, foreground, frame matching.

A SEG (BINARY, or FRACTIONAL thresholded at `threshold`) is decoded frame by frame; each non-empty
frame goes to its slice by ReferencedSOPInstanceUID, else by ImagePositionPatient within `tolerance`
mm, and is merged into that slice's masks (the same label by union, so several SEGs of one series
combine). Segment labels are the SegmentLabel lower-cased unless the recipe's `labels` maps it (or a
coded meaning) to a canonical name or to None (dropped); the other names become synonyms. Frames
whose mask is empty are skipped; a non-empty frame that maps to no slice, or names a segment the SEG
does not describe, is reported once per SEG as an ItemError and skipped, so one bad frame never costs
the rest of the SEG.
"""

from __future__ import annotations

from typing import Iterator, Optional

import numpy as np

from medseg_qa.errors import ItemError

from .dicom_index import FolderIndex, SegHeader, frame_sops

Masks = dict[int, dict[str, np.ndarray]]  # slice index -> label -> mask


def add_seg_frames(ds, seg: SegHeader, uid: str, found: list[str], idx: FolderIndex, acc: Masks,
                   synonyms: dict[str, set[str]], *, labels: dict[str, Optional[str]], threshold: float,
                   tolerance: float, max_pixels: int) -> Iterator[ItemError]:
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
        label, syns = segment_label(segments[number], number, labels)
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


def segment_label(segment, number: int, labels: dict[str, Optional[str]]) -> tuple[Optional[str], set[str]]:
    """(canonical label or None to drop the segment, its other names) of one SegmentSequence item."""
    raw = str(segment.get("SegmentLabel", "") or "").strip()
    meanings = [str(c.CodeMeaning).strip().lower() for kw in ("SegmentedPropertyTypeCodeSequence",
                "AnatomicRegionSequence") for c in (segment.get(kw) or []) if c.get("CodeMeaning")]
    label = raw.lower() or (meanings[0] if meanings else f"segment {number}")
    for key in (raw, raw.lower(), *meanings):
        if key in labels:
            mapped = labels[key]
            if mapped is None:
                return None, set()
            label = mapped.strip().lower()
            break
    return label, {s for s in (*meanings, raw.lower()) if s and s != label}


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


__all__ = ["Masks", "add_seg_frames", "segment_label", "match_frame", "foreground"]
