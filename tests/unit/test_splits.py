"""Patient-level splits: no leakage, deterministic across processes, close to the fractions, stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from medseg_qa.config import SplitFractions
from medseg_qa.splits import SPLITS, assign_groups, assign_splits, split_counts

DEFAULT = SplitFractions()  # 0.8 / 0.1 / 0.1


def _patients(n: int, prefix: str = "p") -> list[str]:
    return [f"{prefix}{i:04d}" for i in range(n)]


def test_each_patient_gets_exactly_one_split_even_when_repeated():
    ids = _patients(50)
    got = assign_splits(ids + ids[:20] + list(reversed(ids)), DEFAULT, seed=0)
    assert sorted(got) == sorted(ids)
    assert set(got.values()) <= set(SPLITS)


def test_deterministic_and_order_independent_and_seeded():
    ids = _patients(200)
    a = assign_splits(ids, DEFAULT, seed=3)
    assert a == assign_splits(list(reversed(ids)), DEFAULT, seed=3)
    other = assign_splits(ids, DEFAULT, seed=4)
    assert sum(a[p] != other[p] for p in ids) > 10  # the seed matters


def test_same_assignment_in_another_process_with_another_hash_seed():
    """Python's salted hash() must play no part: a fresh interpreter with another PYTHONHASHSEED agrees."""
    ids = _patients(60)
    code = ("import json,sys; from medseg_qa.config import SplitFractions; from medseg_qa.splits import "
            "assign_splits; print(json.dumps(assign_splits(json.loads(sys.argv[1]), SplitFractions(), 7)))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, json.dumps(ids)], env=env, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    assert json.loads(out) == assign_splits(ids, DEFAULT, seed=7)


@pytest.mark.parametrize("n,want", [(30, (24, 3, 3)), (200, (160, 20, 20)), (31, (25, 3, 3)), (7, (5, 1, 1))])
def test_counts_are_the_largest_remainder_of_the_fractions(n, want):
    for seed in range(5):
        counts = split_counts(assign_splits(_patients(n), DEFAULT, seed))
        assert (counts["train"], counts["validation"], counts["test"]) == want, (n, seed, counts)


def test_released_groups_keep_their_split_and_new_ones_fill_toward_the_fractions():
    first = _patients(30)
    before = assign_splits(first, DEFAULT, seed=0)
    after = assign_splits(first + _patients(20, prefix="new"), DEFAULT, seed=0, previous=before)
    assert {p: after[p] for p in first} == before
    assert split_counts(after) == {"train": 40, "validation": 5, "test": 5}
    # without the history the same ids are dealt afresh: the history is what keeps them
    assert assign_splits(first + _patients(20, prefix="new"), DEFAULT, seed=0) != after


def test_strata_are_spread_over_the_splits():
    """Two sources of 40 groups each: each source gets its own 32/4/4, not one source in test."""
    strata = {f"a{i}": "a" for i in range(40)} | {f"b{i}": "b" for i in range(40)}
    got = assign_groups(strata, DEFAULT, seed=1)
    for src in "ab":
        counts = split_counts({k: v for k, v in got.items() if strata[k] == src})
        assert counts == {"train": 32, "validation": 4, "test": 4}, (src, counts)


@pytest.mark.parametrize("n", [3, 4, 6, 10])
def test_every_nonzero_split_gets_a_patient_from_three_patients(n):
    for seed in range(20):
        counts = split_counts(assign_splits(_patients(n), DEFAULT, seed))
        assert all(counts[s] >= 1 for s in SPLITS), (n, seed, counts)
        assert sum(counts.values()) == n


def test_a_zero_fraction_split_stays_empty():
    fractions = SplitFractions(train=0.9, validation=0.0, test=0.1)
    for seed in range(10):
        counts = split_counts(assign_splits(_patients(8), fractions, seed))
        assert counts["validation"] == 0 and counts["train"] >= 1 and counts["test"] >= 1
    only_test = split_counts(assign_splits(_patients(30), SplitFractions(train=0, validation=0, test=1), 0))
    assert only_test == {"train": 0, "validation": 0, "test": 30}


def test_fewer_than_three_patients_are_still_assigned():
    got = assign_splits(["a", "b"], DEFAULT, seed=0)
    assert set(got) == {"a", "b"} and set(got.values()) <= set(SPLITS)
    assert assign_splits([], DEFAULT, seed=0) == {}
