"""Group-level train/validation/test splits: leak-proof, near the fractions, stratified, stable.

Contract:
- the unit is a *group* (`medseg_qa.grouping`): a patient where the source knows it, else a cluster of
  near-duplicate images; records with identical pixels share a group across datasets. No group is in two
  splits;
- counts land on the fractions: the total per split is the largest-remainder rounding of
  fraction x groups (30 groups at 80/10/10 give 24/3/3); with at least as many groups as non-zero
  fractions, every non-zero split gets one;
- stratified by source and target: groups are ordered by (dataset, targets) stratum, then by a stable
  hash point of (seed, group), and dealt by smooth weighted round-robin over the split quotas, so every
  stratum is spread over the splits in proportion;
- stable across versions: a group released before (`previous`: node -> split, read from the workspace's
  split history or the last export) keeps its split; new groups fill the remaining quota of each split
  (the largest-remainder counts of all groups, minus what the released groups already hold). When new
  near-duplicates join groups released in different splits, the merged group takes the split most of its
  released members had, ties going to the later split (test over validation over train) so a released
  test set keeps its members.
Never Python's salted `hash`: every order is derived from sha256.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Callable, Iterable, Optional

from pydantic import BaseModel, Field

from medseg_qa.config import SplitFractions

SPLITS = ("train", "validation", "test")


class SourceGrouping(BaseModel):
    """How one dataset's records were grouped, and how many groups went where."""

    dataset: str
    grouping: str = Field(description="'patient' or 'near-duplicate images'")
    groups: int
    groups_per_split: dict[str, int]


class SplitPlan(BaseModel):
    """The split of every (dataset, patient) node, with the per-source and per-split group counts the
    dataset card reports."""

    assignment: dict[str, str] = Field(description="'dataset/patient_id' -> split")
    groups_per_split: dict[str, int]
    kept_from_previous: int = 0
    sources: list[SourceGrouping] = Field(default_factory=list)

    def split_of(self, dataset: str, patient_id: str) -> str:
        return self.assignment[node_key(dataset, patient_id)]


def node_key(dataset: str, patient_id: str) -> str:
    return f"{dataset}/{patient_id}"


def group_point(key: str, seed: int) -> float:
    """The group's stable position in [0, 1) for this seed."""
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


def quotas(n: int, fractions: SplitFractions) -> dict[str, int]:
    """Largest-remainder counts of n groups; each non-zero split gets one when n allows."""
    shares = {s: float(getattr(fractions, s)) for s in SPLITS}
    return _largest_remainder(n, shares, ensure_one=True)


def _largest_remainder(n: int, weights: dict[str, float], ensure_one: bool = False) -> dict[str, int]:
    total = sum(weights.values())
    if n <= 0 or total <= 0:
        return {s: 0 for s in SPLITS}
    exact = {s: n * weights[s] / total for s in SPLITS}
    out = {s: int(exact[s]) for s in SPLITS}
    for s in sorted(SPLITS, key=lambda s: (-(exact[s] - out[s]), SPLITS.index(s)))[: n - sum(out.values())]:
        out[s] += 1
    wanted = [s for s in SPLITS if weights[s] > 0]
    if ensure_one and n >= len(wanted):
        for s in wanted:
            if out[s] == 0:
                donor = max(wanted, key=lambda d: (out[d], -SPLITS.index(d)))
                out[donor] -= 1
                out[s] += 1
    return out


def _deal(keys: list[str], weights: dict[str, int]) -> dict[str, str]:
    """Smooth weighted round-robin: over sum(weights) keys, split s gets exactly weights[s], evenly spread."""
    total = sum(weights.values())
    current = {s: 0 for s in SPLITS}
    out = {}
    for key in keys:
        for s in SPLITS:
            current[s] += weights[s]
        pick = max(SPLITS, key=lambda s: (current[s], -SPLITS.index(s)))
        current[pick] -= total
        out[key] = pick
    return out


def assign_groups(strata: dict[str, str], fractions: SplitFractions, seed: int = 0,
                  previous: Optional[dict[str, str]] = None) -> dict[str, str]:
    """Map each group key (-> its stratum) to a split; `previous` pins groups released earlier."""
    previous = {k: v for k, v in (previous or {}).items() if k in strata and v in SPLITS}
    need = quotas(len(strata), fractions)
    held = Counter(previous.values())
    new = sorted((k for k in strata if k not in previous), key=lambda k: (strata[k], group_point(k, seed), k))
    deficit = {s: max(0, need[s] - held[s]) for s in SPLITS}
    if sum(deficit.values()) != len(new):
        weights = deficit if sum(deficit.values()) else {s: float(getattr(fractions, s)) for s in SPLITS}
        deficit = _largest_remainder(len(new), weights)
    return {**previous, **_deal(new, deficit)}


def assign_splits(patient_ids: Iterable[str], fractions: SplitFractions, seed: int = 0,
                  previous: Optional[dict[str, str]] = None) -> dict[str, str]:
    """Map each distinct id (one group each, one stratum) to a split (see the module contract)."""
    return assign_groups({pid: "" for pid in patient_ids}, fractions, seed, previous)


def split_counts(assignment: dict[str, str]) -> dict[str, int]:
    """Groups per split, every split named (zero when empty)."""
    counts = {s: 0 for s in SPLITS}
    for s in assignment.values():
        counts[s] += 1
    return counts


def _merged_previous(members: list[str], previous: dict[str, str]) -> Optional[str]:
    votes = Counter(previous[m] for m in members if m in previous)
    if not votes:
        return None
    return max(votes, key=lambda s: (votes[s], SPLITS.index(s)))


def plan_splits(items: Iterable[tuple[str, str, str, str]], fractions: SplitFractions, seed: int = 0, *,
                previous: Optional[dict[str, str]] = None,
                image_hash: Optional[Callable[[str], int]] = None) -> SplitPlan:
    """Split (dataset, patient_id, image_blob, target) items by group (see the module contract).

    `previous` maps 'dataset/patient_id' nodes to the split an earlier version gave them;
    `image_hash(image_blob)` gives a 64-bit perceptual hash (needed for datasets grouped by images and for
    registry sets that overlap, whose near-duplicate images join across the two sets)."""
    from medseg_qa.grouping import group_keys

    items = list(items)
    previous = previous or {}
    from medseg_qa.grouping import check_overlaps

    overlapping = [frozenset((a, b)) for a, b, _ in check_overlaps({d for d, _, _, _ in items}, deduplicate=True)]
    groups, method = group_keys([(d, p, b) for d, p, b, _ in items], image_hash or _no_hash, overlapping=overlapping)
    members: dict[str, list[str]] = defaultdict(list)
    for (ds, pid), g in groups.items():
        members[g].append(node_key(ds, pid))
    targets: dict[str, set] = defaultdict(set)
    datasets: dict[str, set] = defaultdict(set)
    for ds, pid, _, target in items:
        g = groups[(ds, pid)]
        targets[g].add(target)
        datasets[g].add(ds)
    strata = {g: "|".join(sorted(datasets[g])) + "#" + "|".join(sorted(targets[g])) for g in members}
    pinned = {g: s for g in members if (s := _merged_previous(members[g], previous)) is not None}
    by_group = assign_groups(strata, fractions, seed, pinned)
    assignment = {node: by_group[g] for g, nodes in members.items() for node in nodes}
    sources = []
    for ds in sorted(method):
        gs = {g for (d, _), g in groups.items() if d == ds}
        sources.append(SourceGrouping(dataset=ds, grouping=method[ds], groups=len(gs),
                                      groups_per_split=split_counts({g: by_group[g] for g in gs})))
    return SplitPlan(assignment=dict(sorted(assignment.items())), groups_per_split=split_counts(by_group),
                     kept_from_previous=len(pinned), sources=sources)


def _no_hash(blob: str) -> int:
    raise ValueError(f"image {blob} needs a perceptual hash to be grouped; pass image_hash to plan_splits")


def previous_splits(ws) -> dict[str, str]:
    """Node -> split of every version released from this workspace: the split history, else (a workspace
    exported before the history existed) the newest export folder still on disk."""
    history = ws.split_history()
    if history:
        return history
    for _version, path in reversed(ws.counts()["exports"]):
        try:
            from datasets import load_from_disk

            dd = load_from_disk(path)
        except (OSError, ValueError, FileNotFoundError):
            continue
        return {node_key(d, p): s for s in dd for d, p in zip(dd[s]["dataset"], dd[s]["patient_id"])}
    return {}


def plan_export_splits(ws, metas: list[dict], image_blobs: list[str], fractions: SplitFractions,
                       seed: int = 0) -> SplitPlan:
    """The split plan of export rows (their `meta` dicts and image blobs), stable against earlier releases."""
    from medseg_qa.grouping import phash_png

    items = [(m["dataset"], m["patient_id"], b, m["target"]) for m, b in zip(metas, image_blobs)]
    return plan_splits(items, fractions, seed, previous=previous_splits(ws),
                       image_hash=lambda blob: phash_png(ws.get_blob(blob)))
