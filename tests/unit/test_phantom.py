"""The synthetic phantom source: determinism, labels, anatomy (laterality, intensities) and metadata."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from pydantic import ValidationError
from scipy import ndimage

from medseg_qa.facts import compute_facts
from medseg_qa.sources import build_source
from medseg_qa.sources import phantom
from medseg_qa.sources.phantom import Options, build, render_slice

ORGANS = ("liver", "spleen", "left kidney", "right kidney", "aorta", "vertebral body")


@pytest.fixture(scope="module")
def items():
    return list(build(Options(cases=10, slices_per_case=3, seed=5)).items())


def test_options_are_strict_and_bounded():
    o = Options()
    assert (o.cases, o.slices_per_case, o.seed, o.size, o.lesion_probability, o.dataset) == \
        (24, 3, 0, 256, 0.5, "phantom-abdomen-ct")
    with pytest.raises(ValidationError, match="casez"):
        Options(casez=3)
    with pytest.raises(ValidationError):
        build_source("phantom", {"cases": 2, "colour": "red"})
    for bad in ({"cases": 0}, {"slices_per_case": 0}, {"size": 64}, {"lesion_probability": 1.5}):
        with pytest.raises(ValidationError):
            Options(**bad)


def test_info_estimate_and_item_metadata(items):
    src = build_source("phantom", {"cases": 2, "slices_per_case": 4, "size": 128, "dataset": "my-phantom"})
    assert src.info.dataset == "my-phantom" and src.info.synthetic is True
    assert src.info.licence == "CC0-1.0" and "not patient data" in src.info.citation and src.info.source_url == ""
    got = list(src.items())
    assert src.estimate() == len(got) == 8
    assert [it.item_key for it in got[:5]] == ["phantom-case-0000/slice-00", "phantom-case-0000/slice-01",
                                               "phantom-case-0000/slice-02", "phantom-case-0000/slice-03",
                                               "phantom-case-0001/slice-00"]
    assert [it.slice_index for it in got] == [0, 1, 2, 3] * 2
    assert got[0].spacing[0] == pytest.approx(2 * items[0].spacing[0], rel=1e-3)  # same field, half the pixels
    for it in got + items:
        assert it.image.dtype == np.uint8 and it.image.ndim == 2 and it.image.shape[0] == it.image.shape[1]
        assert (it.modality, it.body_region, it.orientation) == ("CT", "abdomen", "LP")
        assert it.spacing[0] == it.spacing[1] > 0
        assert it.item_key.startswith(it.case_id + "/slice-")


def test_patient_ids_are_per_case_pseudonyms(items):
    by_case: dict[str, set[str]] = {}
    for it in items:
        by_case.setdefault(it.case_id, set()).add(it.patient_id)
    assert len(by_case) == 10 and all(len(ids) == 1 for ids in by_case.values())
    ids = [next(iter(v)) for v in by_case.values()]
    assert len(set(ids)) == 10 and all(i.startswith("PX-") and len(i) == 13 for i in ids)
    other_seed = next(iter(build(Options(cases=1, seed=6, size=128)).items()))
    assert other_seed.case_id == items[0].case_id and other_seed.patient_id != items[0].patient_id


def _arrays(item):
    return item.image.tobytes(), {k: v.tobytes() for k, v in item.masks.items()}


def test_same_seed_same_bytes_other_seed_differs():
    a = list(build(Options(cases=2, slices_per_case=2, seed=3, size=128)).items())
    b = list(build(Options(cases=2, slices_per_case=2, seed=3, size=128)).items())
    c = list(build(Options(cases=2, slices_per_case=2, seed=4, size=128)).items())
    assert [_arrays(x) for x in a] == [_arrays(x) for x in b]
    assert all(x.image.tobytes() != y.image.tobytes() for x, y in zip(a, c))
    # a case does not depend on how many cases are drawn after it
    more = list(build(Options(cases=4, slices_per_case=2, seed=3, size=128)).items())
    assert [_arrays(x) for x in more[:4]] == [_arrays(x) for x in a]


def test_labels_present_masks_valid_and_disjoint(items):
    counts = {label: 0 for label in ORGANS}
    for it in items:
        assert set(it.masks) <= set(ORGANS) | {"liver lesion"}
        for label, m in it.masks.items():
            assert m.dtype == bool and m.shape == it.image.shape and m.any(), (it.item_key, label)
            counts[label] = counts.get(label, 0) + 1
        organs = np.stack([m for label, m in it.masks.items() if label != "liver lesion"])
        assert organs.sum(axis=0).max() == 1, f"organs overlap in {it.item_key}"
        if "liver lesion" in it.masks:
            lesion, liver = it.masks["liver lesion"], it.masks["liver"]
            assert not (lesion & ~liver).any() and lesion.sum() < liver.sum()
    assert all(counts[label] >= 0.9 * len(items) for label in ORGANS), counts


def test_slices_move_through_the_abdomen(items):
    for _, group in itertools.groupby(items, key=lambda it: it.case_id):
        group = list(group)
        areas = [int(it.masks["liver"].sum()) for it in group]
        assert len(set(areas)) == len(group)  # the liver changes size along the slab
        assert len({it.image.tobytes() for it in group}) == len(group)


@pytest.mark.parametrize("p, cases, low, high", [(0.0, 20, 0.0, 0.0), (0.3, 60, 0.15, 0.45), (1.0, 20, 0.95, 1.0)])
def test_lesion_frequency_follows_the_option(p, cases, low, high):
    got = list(build(Options(cases=cases, slices_per_case=1, size=128, seed=9, lesion_probability=p)).items())
    frac = sum("liver lesion" in it.masks for it in got) / len(got)
    assert low <= frac <= high


def test_laterality_follows_the_radiological_convention(items):
    expected = {"liver": "right", "right kidney": "right", "spleen": "left", "left kidney": "left",
                "vertebral body": "midline", "liver lesion": "right"}
    for it in items:
        for label, m in it.masks.items():
            others = {k: v for k, v in it.masks.items() if k != label}
            facts = compute_facts(m, it.orientation, others)
            if label in expected:
                assert facts.laterality == expected[label], (it.item_key, label, facts.laterality)
            if label == "aorta":
                rel = {r.relation for r in facts.relations if r.other == "vertebral body"}
                assert "anterior_to" in rel, it.item_key
        # image-left is the patient's right: the liver centroid lies left of the spleen's
        assert it.masks["liver"].nonzero()[1].mean() < it.masks["spleen"].nonzero()[1].mean()


def test_intensity_ordering_matches_an_abdominal_window():
    o = Options(cases=6, slices_per_case=2, seed=2)
    for case, k in itertools.product(range(o.cases), range(o.slices_per_case)):
        sl = render_slice(o, case, k)
        img = sl.image.astype(float)

        def mean(mask):
            return float(img[mask].mean())

        air, fat = mean(sl.tissue == phantom.AIR), mean(sl.tissue == phantom.SUBCUT_FAT)
        label_means = {label: mean(m) for label, m in sl.masks.items()}
        assert air < 5 < fat, (case, k, air, fat)
        assert label_means["aorta"] > label_means["liver"] > fat + 60
        assert label_means["vertebral body"] == max(label_means.values())
        assert all(air < v for v in label_means.values())
        core_liver = ndimage.binary_erosion(sl.tissue == phantom.LIVER, iterations=2)
        core_spleen = ndimage.binary_erosion(sl.masks["spleen"], iterations=2)
        assert mean(core_spleen) > mean(core_liver) + 3  # organs are told apart by density
        if "liver lesion" in sl.masks:
            assert label_means["liver lesion"] < mean(sl.tissue == phantom.LIVER) - 10  # hypodense
    items = list(build(o).items())
    assert items[0].image.tobytes() == render_slice(o, 0, 0).image.tobytes()
