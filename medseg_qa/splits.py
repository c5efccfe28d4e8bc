"""Patient-level train/validation/test splits: no patient in two splits, deterministic and stable.

Choice: **stability over exact counts.** Each patient gets a point u in [0, 1) from
sha256(seed, patient_id) (never Python's salted `hash`) and falls into the split whose slice of [0, 1)
holds u (train = [0, f_train), validation = [f_train, f_train + f_val), test = the rest). A patient's
split therefore depends only on its own id, the seed and the fractions: adding patients to a dataset
never moves existing ones, so a model trained on version N's train split has not seen version N+1's
test patients. The price is that counts follow the fractions only statistically (binomially: with 200
patients the train share of 0.8 is within ±5.7 points at 2 sigma, ±8.5 at 3).

One correction keeps small datasets usable: with >= 3 patients, a split with a non-zero fraction that
drew nobody takes the patient whose point lies nearest its slice, from a split that keeps at least one.
That is the only case where a patient can move when others are added (it moves back to its own slice
once its old split fills on its own), and it only happens while some split is otherwise empty.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from medseg_qa.config import SplitFractions

SPLITS = ("train", "validation", "test")
MIN_PATIENTS_FOR_ALL_SPLITS = 3


def patient_point(patient_id: str, seed: int) -> float:
    """The patient's stable position in [0, 1) for this seed."""
    digest = hashlib.sha256(f"{seed}\x00{patient_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


def _slices(fractions: SplitFractions) -> dict[str, tuple[float, float]]:
    """[lo, hi) of each split; the last non-empty split runs to 1.0 so rounding never drops a patient."""
    bounds, lo = {}, 0.0
    shares = {name: float(getattr(fractions, name)) for name in SPLITS}
    last = max((i for i, name in enumerate(SPLITS) if shares[name] > 0), default=0)
    for i, name in enumerate(SPLITS):
        hi = 1.0 if i == last else min(lo + shares[name], 1.0)
        if i > last:
            hi = lo = 1.0
        bounds[name] = (lo, hi)
        lo = hi
    return bounds


def _distance(u: float, lo: float, hi: float) -> float:
    return lo - u if u < lo else (u - hi if u >= hi else 0.0)


def assign_splits(patient_ids: Iterable[str], fractions: SplitFractions, seed: int = 0) -> dict[str, str]:
    """Map each distinct patient id to "train", "validation" or "test" (see the module docstring)."""
    points = {pid: patient_point(pid, seed) for pid in sorted(set(patient_ids))}
    slices = _slices(fractions)
    out: dict[str, str] = {}
    for pid, u in points.items():
        out[pid] = next((name for name, (lo, hi) in slices.items() if lo <= u < hi), SPLITS[-1])
    if len(out) < MIN_PATIENTS_FOR_ALL_SPLITS:
        return out
    wanted = [name for name in SPLITS if getattr(fractions, name) > 0]
    # fill the smallest shares first: they are the ones most likely to have drawn nobody
    for name in sorted(wanted, key=lambda n: (getattr(fractions, n), SPLITS.index(n))):
        counts = {s: 0 for s in SPLITS}
        for s in out.values():
            counts[s] += 1
        if counts[name]:
            continue
        lo, hi = slices[name]
        donors = [pid for pid, s in out.items() if counts[s] > 1]
        if donors:
            pick = min(donors, key=lambda pid: (_distance(points[pid], lo, hi), pid))
            out[pick] = name
    return out


def split_counts(assignment: dict[str, str]) -> dict[str, int]:
    """Patients per split, every split named (zero when empty)."""
    counts = {s: 0 for s in SPLITS}
    for s in assignment.values():
        counts[s] += 1
    return counts
