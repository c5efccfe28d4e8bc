"""Grouping keys for leak-proof splits: which records must land in the same split.

Contract:
- a dataset whose source knows its patients (some patient has more than one distinct image: volumes,
  DICOM series, phantom cases, a folder `patient_pattern`) is grouped by patient;
- a dataset that gives every image its own "patient" (2D sets: Kvasir, ISIC, BUSI, CVC frames) is grouped
  by near-duplicate images instead: a perceptual hash (`imagehash.phash`, 64 bits) per image, and
  union-find over pairs within `PHASH_MAX_DISTANCE` bits, so video frames of one polyp and re-crops of one
  lesion form one group. Equal hashes join at once; pairs of distinct ones are found by multi-index
  hashing (split the hash into distance+1 bands: two hashes within the distance agree exactly on at
  least one band) and compared a block of rows at a time, so the work follows the bucket sizes, not the
  square of the images, and memory stays bounded: it scales to 100k images (`bench/bench_grouping.py`);
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


def near_pairs(hashes: Sequence[int], max_distance: int = PHASH_MAX_DISTANCE,
               block: int = 1024) -> list[tuple[int, int]]:
    """Index pairs (i < j) of distinct hash values within `max_distance` bits (equal values are left to
    the caller: `cluster_hashes` joins them first)."""
    return [tuple(p) for p in _near_pair_array(hashes, max_distance, block).tolist()]


def _near_pair_array(hashes: Sequence[int], max_distance: int, block: int = 1024):
    """The (k, 2) array behind `near_pairs`. Buckets are compared `block` rows at a time, so a crowded
    bucket costs time, never a square-sized matrix."""
    import numpy as np

    n = len(hashes)
    found = [np.empty((0, 2), dtype=np.int64)]
    if n < 2:
        return found[0]
    h = np.array(hashes, dtype=np.uint64)
    edges = np.linspace(0, 64, max_distance + 2).astype(int)
    for lo, hi in zip(edges[:-1], edges[1:]):
        if hi <= lo:
            continue
        key = (h >> np.uint64(lo)) & np.uint64((1 << (hi - lo)) - 1)
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
        sizes = np.diff(np.r_[starts, n])
        for s, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            idx = order[s:s + size]
            for r0 in range(0, size - 1, block):
                rows, cols = idx[r0:r0 + block], idx[r0:]
                dist = np.bitwise_count(h[rows][:, None] ^ h[cols][None, :])
                ii, jj = np.nonzero((dist <= max_distance) & (dist > 0))
                a, b = rows[ii], cols[jj]
                found.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    return np.unique(np.concatenate(found), axis=0)


def cluster_hashes(hashes: Sequence[int], max_distance: int = PHASH_MAX_DISTANCE) -> list[int]:
    """A cluster label per hash: equal hashes share one, near ones are joined transitively (connected
    components of the near-pair graph of the distinct values)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    values, inverse = np.unique(np.array(hashes, dtype=np.uint64), return_inverse=True)
    pairs = _near_pair_array(values.tolist(), max_distance)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(values), len(values)))
    _, labels = connected_components(graph, directed=False)
    return labels[inverse].tolist()


def group_keys(items: Sequence[tuple[str, str, str]], image_hash, *, max_distance: int = PHASH_MAX_DISTANCE,
               overlapping: Iterable[frozenset[str]] = ()) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Group every (dataset, patient_id, image_blob) item.

    `image_hash(image_blob) -> int` gives the perceptual hash (called once per distinct image of the
    datasets grouped by images, and of the `overlapping` dataset pairs: sets known to share patients,
    whose near-duplicate images join across the two sets even when their pixels differ, e.g. another
    windowing). Returns ({(dataset, patient_id): group key}, {dataset: "patient" or "near-duplicate
    images"}); a group key is the smallest "dataset/patient" of its group."""
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
    hashes: dict[str, int] = {}

    def hash_of(blob: str) -> int:
        if blob not in hashes:
            hashes[blob] = image_hash(blob)
        return hashes[blob]

    first: dict[int, str] = {}
    for blob, label in zip(by_image, cluster_hashes([hash_of(b) for b in by_image], max_distance)):
        uf.union(owner[first.setdefault(label, blob)], owner[blob])
    for pair in overlapping:
        if not pair <= set(by_dataset):
            continue
        a, b = sorted(pair)
        blobs = [(ds, blob) for ds in (a, b) for node in by_dataset[ds] for blob in sorted(images_of[node])]
        values = [hash_of(blob) for _, blob in blobs]
        equal: dict[tuple[str, int], str] = {}
        for (ds, blob), v in zip(blobs, values):
            equal.setdefault((ds, v), blob)
        for (ds, v), blob in equal.items():  # equal hashes across the two sets
            if ds == a and (b, v) in equal:
                uf.union(owner[blob], owner[equal[(b, v)]])
        for i, j in _near_pair_array(values, max_distance).tolist():
            if blobs[i][0] != blobs[j][0]:  # only across the two sets: within one, patients stay apart
                uf.union(owner[blobs[i][1]], owner[blobs[j][1]])
    return {node: "/".join(uf.find(node)) for node in images_of}, method
