"""Grouping keys for leak-proof splits: which records must land in the same split.

Contract:
- a dataset whose source knows its patients (some patient has more than one distinct image: volumes,
  DICOM series, phantom cases, a folder `patient_pattern`) is grouped by patient;
- a dataset that gives every image its own "patient" (2D sets: Kvasir, ISIC, BUSI, CVC frames) is grouped
  by near-duplicate images instead: a perceptual hash (`imagehash.phash`, 64 bits) per image, and
  union-find over pairs within `PHASH_MAX_DISTANCE` bits, so video frames of one polyp and re-crops of one
  lesion form one group. Pairs are found by multi-index hashing (split the hash into distance+1 bands:
  two hashes within the distance agree exactly on at least one band), so the work grows with the
  number of near pairs, not with the square of the images: it scales to 100k images;
- across datasets, records with identical pixels (the same image blob) always join one group, so the
  same volume under two registry names (a deduplicated overlap) cannot be split apart;
- `check_overlaps` refuses a recipe that combines registry sets listed together under the registry's
  `overlaps:` section unless the recipe sets `deduplicate: true`.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional, Sequence

from pydantic import BaseModel, ConfigDict, Field

from medseg_qa.errors import ConfigError

PHASH_MAX_DISTANCE = 10  # of 64 bits: drifting video frames and 5% re-crops chain within it; the T1 and PD
# scans of one brain slice (ITK examples) sit 16 apart, unrelated images 24 to 32


# -- registry overlaps ---------------------------------------------------------------------------------
class Overlap(BaseModel):
    """Registry sets that share patients: every two of `datasets`, or each of `datasets` with each of `with`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    datasets: list[str] = Field(min_length=1)
    with_: list[str] = Field(default_factory=list, alias="with")
    note: str = ""

    def pairs(self) -> set[frozenset[str]]:
        if self.with_:
            return {frozenset((a, b)) for a in self.datasets for b in self.with_ if a != b}
        return {frozenset((a, b)) for i, a in enumerate(self.datasets) for b in self.datasets[i + 1:] if a != b}


def load_overlaps(path: Optional[str | Path] = None) -> list[Overlap]:
    """The `overlaps:` section of the built-in registry file (or `path`)."""
    import yaml

    from medseg_qa.registry import builtin_registry_path

    p = Path(path) if path else builtin_registry_path()
    data = yaml.safe_load(p.read_text()) or {}
    out = []
    for i, item in enumerate(data.get("overlaps") or []):
        try:
            out.append(Overlap.model_validate(item))
        except ValueError as exc:
            raise ConfigError(f"{p}: overlaps entry #{i + 1} is invalid ({exc}); fix the registry") from None
    return out


def check_overlaps(datasets: Iterable[str], *, deduplicate: bool, where: str = "recipe",
                   overlaps: Optional[list[Overlap]] = None) -> list[tuple[str, str, str]]:
    """The overlapping (a, b, note) pairs among `datasets`; ConfigError when there are any and the recipe
    does not deduplicate them."""
    names = sorted(set(datasets))
    found = []
    for ov in overlaps if overlaps is not None else load_overlaps():
        for pair in ov.pairs():
            if pair <= set(names):
                a, b = sorted(pair)
                found.append((a, b, ov.note))
    found = sorted(set(found))
    if found and not deduplicate:
        a, b, note = found[0]
        more = f" (and {len(found) - 1} more pair(s))" if len(found) > 1 else ""
        raise ConfigError(f"{where}: sources {a} and {b} hold the same patients ({note}){more}; drop one of them, "
                          "or set `deduplicate: true` in the recipe so identical images are stored once and "
                          "grouped into one split")
    return found


# -- perceptual hashing and near-duplicate clusters ------------------------------------------------------
def phash_png(png: bytes) -> int:
    """64-bit DCT perceptual hash of an image (grey levels), as an int."""
    import imagehash
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        bits = imagehash.phash(im.convert("L")).hash.flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller key names the group: deterministic


def near_pairs(hashes: Sequence[int], max_distance: int = PHASH_MAX_DISTANCE) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose 64-bit hashes differ in at most `max_distance` bits."""
    import numpy as np

    n = len(hashes)
    if n < 2:
        return []
    h = np.array(hashes, dtype=np.uint64)
    bands = max_distance + 1
    edges = np.linspace(0, 64, bands + 1).astype(int)
    pairs: set[tuple[int, int]] = set()
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi <= lo:
            continue
        key = (h >> np.uint64(lo)) & np.uint64((1 << (hi - lo)) - 1)
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
        ends = np.r_[starts[1:], n]
        for s, e in zip(starts, ends):
            if e - s < 2:
                continue
            idx = order[s:e]
            block = h[idx]
            dist = np.bitwise_count(block[:, None] ^ block[None, :])
            ii, jj = np.nonzero(np.triu(dist <= max_distance, k=1))
            for a, b in zip(idx[ii].tolist(), idx[jj].tolist()):
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def group_keys(items: Sequence[tuple[str, str, str]], image_hash, *,
               max_distance: int = PHASH_MAX_DISTANCE) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Group every (dataset, patient_id, image_blob) item.

    `image_hash(image_blob) -> int` gives the perceptual hash (called once per distinct image of the
    datasets grouped by images). Returns ({(dataset, patient_id): group key}, {dataset: "patient" or
    "near-duplicate images"}); a group key is the smallest "dataset/patient" of its group."""
    images_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ds, pid, blob in items:
        images_of[(ds, pid)].add(blob)
    by_dataset: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node in images_of:
        by_dataset[node[0]].append(node)
    method = {ds: ("patient" if any(len(images_of[n]) > 1 for n in nodes) else "near-duplicate images")
              for ds, nodes in by_dataset.items()}
    uf = UnionFind()
    owner: dict[str, tuple[str, str]] = {}
    for node in sorted(images_of):
        uf.find(node)
        for blob in images_of[node]:  # identical pixels, in any datasets: one group
            if blob in owner:
                uf.union(owner[blob], node)
            else:
                owner[blob] = node
    by_image = sorted({blob for node, blobs in images_of.items() if method[node[0]] != "patient" for blob in blobs})
    if by_image:
        hashes = [image_hash(b) for b in by_image]
        for i, j in near_pairs(hashes, max_distance):
            uf.union(owner[by_image[i]], owner[by_image[j]])
    return {node: "/".join(uf.find(node)) for node in images_of}, method
