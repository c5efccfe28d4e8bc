"""`medsegqa diff A B`: what changed between two exported versions.

Contract: each export folder holds `index.json` (one entry per row: split, target, record id, content
digest, review status and review hash). Comparing two indexes gives the conversations added, removed
and changed (same id, other content), the records added and removed, counts per (target, split), and
the conversations whose review changed (with the status before and after). A, B: an export folder,
or a version of the workspace's catalog.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from medseg_qa.errors import ExportError

INDEX = "index.json"
MANIFEST = "manifest.json"
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass
class IndexDiff:
    added: list[str] = field(default_factory=list)          # conversation ids
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)          # same content, other split
    records_added: list[str] = field(default_factory=list)
    records_removed: list[str] = field(default_factory=list)
    reviews: list[tuple[str, str, str]] = field(default_factory=list)  # (id, status before, status after)
    per_group: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (target, split) -> kind counts

    @property
    def total(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed) + len(self.moved)

    def summary(self) -> str:
        text = (f"conversations {len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"
                f"{f', {len(self.moved)} moved between splits' if self.moved else ''}; records "
                f"{len(self.records_added)} added, {len(self.records_removed)} removed")
        return text + (f"; {len(self.reviews)} review(s) changed" if self.reviews else "")

    def as_dict(self) -> dict:
        return {"added": self.added, "removed": self.removed, "changed": self.changed, "moved": self.moved,
                "records_added": self.records_added, "records_removed": self.records_removed,
                "reviews": [{"id": i, "before": a, "after": b} for i, a, b in self.reviews],
                "per_target_split": [{"target": t, "split": s, **dict(c)} for (t, s), c in sorted(self.per_group.items())]}


def diff_index(old: dict[str, dict], new: dict[str, dict]) -> IndexDiff:
    d = IndexDiff()

    def count(entry: dict, kind: str) -> None:
        d.per_group.setdefault((entry["target"], entry["split"]), Counter())[kind] += 1

    for cid in sorted(set(new) - set(old)):
        d.added.append(cid)
        count(new[cid], "added")
    for cid in sorted(set(old) - set(new)):
        d.removed.append(cid)
        count(old[cid], "removed")
    for cid in sorted(set(old) & set(new)):
        a, b = old[cid], new[cid]
        if a["digest"] != b["digest"] or a["review"] != b["review"]:
            d.changed.append(cid)
            count(b, "changed")
            if a["review"] != b["review"]:
                d.reviews.append((cid, a["review_status"], b["review_status"]))
        elif a["split"] != b["split"]:
            d.moved.append(cid)
            count(b, "moved")
    old_records = {e["record_id"] for e in old.values()}
    new_records = {e["record_id"] for e in new.values()}
    d.records_added = sorted(new_records - old_records)
    d.records_removed = sorted(old_records - new_records)
    return d


def resolve_export(ref: str, ws=None) -> Path:
    """An export folder from a path, or from a version in the workspace catalog."""
    path = Path(ref).expanduser()
    if (path / INDEX).is_file():
        return path
    if ws is not None:
        entry = ws.export_entry(ref)
        if entry is not None:
            if not (Path(entry[1]) / INDEX).is_file():
                raise ExportError(f"version {ref} was exported to {entry[1]}, which has no {INDEX} (missing, or "
                                  "exported by an older medseg-qa); export it again under a new version")
            return Path(entry[1])
    raise ExportError(f"{ref!r} is neither an export folder with {INDEX} nor a version in the workspace "
                      "catalog; give exports/<name>/<version> or a version listed by `medsegqa status`")


def load_index(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot read {folder / INDEX} ({exc}); the export is damaged") from None
    return data


def diff_exports(a: str, b: str, ws=None) -> tuple[Path, Path, IndexDiff]:
    pa, pb = resolve_export(a, ws), resolve_export(b, ws)
    return pa, pb, diff_index(load_index(pa), load_index(pb))


def changes_since(previous: Optional[tuple[str, Path]], index: dict[str, dict]) -> Optional[tuple[str, IndexDiff]]:
    """(previous version, diff) for the card, or None for a first release."""
    if previous is None:
        return None
    version, folder = previous
    return version, diff_index(load_index(folder), index)


def row_index(plan) -> dict[str, dict]:
    """One entry per row of an export plan: what `diff` compares between versions."""
    return {r.meta["id"]: {"split": s, "target": r.meta["target"], "record_id": r.meta["record_id"],
                           "digest": r.digest, "review_status": r.meta["review_status"], "review": r.key[5]}
            for s, rows in plan.by_split.items() for r in rows}


def describe_difference(old_path: Path, new_index: dict[str, dict], new_settings: dict) -> str:
    """What differs between the export on disk and a planned one, in words (settings, then rows)."""
    try:
        old_manifest = json.loads((old_path / MANIFEST).read_text(encoding="utf-8"))
        old_index = load_index(old_path)
    except (OSError, ValueError, ExportError):
        return "its files are not readable to compare"
    parts = []
    old_cfg = {k: v for k, v in old_manifest.get("export_config", {}).items() if k in new_settings}
    changed = sorted(k for k in new_settings if old_cfg.get(k) != new_settings[k])
    if changed:
        parts.append("export settings " + ", ".join(f"{k} {old_cfg.get(k)!r} -> {new_settings[k]!r}" for k in changed))
    d = diff_index(old_index, new_index)
    if d.total:
        parts.append(d.summary())
    return "; ".join(parts) or "the row keys (conversation, record or review bodies) changed"


def previous_export(ws, version: str) -> Optional[tuple[str, Path]]:
    """The highest exported version below `version` whose folder still has its index, as (version, path)."""
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))

    older = [(key(v), v, Path(p)) for v, _h, p in ws.exports()
             if _SEMVER.match(v) and key(v) < key(version) and (Path(p) / INDEX).is_file()]
    return (max(older)[1], max(older)[2]) if older else None
