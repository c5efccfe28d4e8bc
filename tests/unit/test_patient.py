"""Facts in patient space: body outline, the patient frame's order of sources, facts measured from it,
and the name-side check."""

from __future__ import annotations

import numpy as np
import pytest

from medseg_qa.errors import ItemError
from medseg_qa.facts import check_name_side, compute_facts, name_side, side_conflict
from medseg_qa.patient import SliceGeometry, body_outline, body_threshold, otsu_threshold, patient_frame, slice_frame


def ellipse(shape, cx, cy, a, b) -> np.ndarray:
    yy, xx = np.mgrid[: shape[0], : shape[1]]
    return ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1


def ct_slice(shape=(200, 300), cx=80.0, cy=90.0, a=60.0, b=45.0, seed=0):
    """HU slice: an off-centre body (soft tissue with noise) in air, a lung-like hole, a table strip
    under it and a padded strip of 0 HU at the right edge (both bigger than nothing, neither the body)."""
    rng = np.random.default_rng(seed)
    hu = np.full(shape, -1000.0)
    body = ellipse(shape, cx, cy, a, b)
    hu[body] = 40 + rng.normal(0, 10, int(body.sum()))
    hu[ellipse(shape, cx - 20, cy - 5, 12, 10)] = -850   # a lung: a hole inside the body
    hu[int(cy + b) + 4: int(cy + b) + 8, 10:160] = 200   # table, separated from the body by air
    hu[:, 230:] = 0                                       # zero padding: 70 columns of "water"
    return hu, body


def test_body_outline_keeps_the_body_that_holds_the_structures():
    hu, body = ct_slice()
    organ = ellipse(hu.shape, 100, 95, 8, 8)
    assert body_threshold(hu, "CT") == -500.0
    b = body_outline(hu, -500.0, organ)
    assert b is not None and b.centre == pytest.approx((80.0, 90.0), abs=1.5)
    assert b.area == pytest.approx(int(body.sum()), rel=0.05)   # the lung hole is filled
    assert b.touches == (False, False, False, False)
    # without the structures the largest bright thing (the padded strip) would win
    assert body_outline(hu, -500.0).centre[0] > 230
    assert body_outline(np.full((50, 50), -1000.0), -500.0) is None


def test_otsu_splits_two_populations_and_mr_uses_it():
    v = np.r_[np.full(1000, 5.0), np.full(500, 300.0)]
    assert 5 < otsu_threshold(v) < 300
    assert 5 < body_threshold(v, "MR") < 300
    assert 5 < body_threshold(v, "CT") < 300   # CT not stored in HU (nothing below -500): Otsu too


def test_frame_order_outline_then_world_then_cut_outline_then_image_centre():
    shape = (200, 300)
    whole = body_outline(*_ct(shape, cx=80.0))
    assert patient_frame(shape, "LP", whole).source == "body_outline"
    # a body cut at the left image edge: world x = 0 decides, when it crosses the visible body
    cut = body_outline(*_ct(shape, cx=20.0))
    assert cut.touches[0]
    geo = SliceGeometry(origin=(-10.0, 0.0, 0.0), col_step=(0.5, 0.0, 0.0), row_step=(0.0, 0.5, 0.0))
    f = patient_frame(shape, "LP", cut, geo)       # world x = 0 at column 20
    assert f.source == "world" and f.centre[0] == pytest.approx(20.0)
    # ITK's default origin (0 at the corner voxel, RAS-flipped here) lies outside the body: not credible
    corner = SliceGeometry(origin=(300.0, 0.0, 0.0), col_step=(-1.0, 0.0, 0.0), row_step=(0.0, 1.0, 0.0))
    assert patient_frame(shape, "LP", cut, corner).source == "body_outline"
    assert patient_frame(shape, "LP").source == "image_centre"
    assert patient_frame(shape, None).source == "none"


def _ct(shape, cx):
    hu = np.full(shape, -1000.0)
    hu[ellipse(shape, cx, 100, 60, 45)] = 40
    return hu, -500.0


def test_facts_on_an_off_centre_body_use_the_patient_not_the_image():
    shape = (200, 300)
    hu, body = ct_slice(shape, cx=80.0)
    b = body_outline(hu, -500.0, body)
    right = ellipse(shape, 60, 90, 8, 8)   # image column 60: patient's right of the body centre (80)
    left = ellipse(shape, 100, 90, 8, 8)   # column 100: patient's left, though far left of the image centre
    mid = ellipse(shape, 80, 120, 4, 4)    # on the body's midline, posterior
    frame = patient_frame(shape, "LP", b)
    f_left = compute_facts(left, "LP", {"r": right}, frame)
    assert f_left.laterality == "left" and f_left.midline_source == "body_outline"
    assert compute_facts(left, "LP").laterality == "right"      # the image-centre measure gets it wrong
    assert compute_facts(right, "LP", None, frame).laterality == "right"
    f_mid = compute_facts(mid, "LP", None, frame)
    assert f_mid.laterality == "midline" and f_mid.vertical == "posterior"
    assert compute_facts(right | left, "LP", None, frame).laterality == "bilateral"
    # size relative to the body (about 8500 px), image fraction kept
    assert f_left.body_fraction == pytest.approx(left.sum() / b.area, rel=1e-3)
    assert f_left.area_fraction == pytest.approx(left.sum() / (200 * 300), rel=1e-3)
    assert f_left.centroid_patient[0] == pytest.approx(20 / (b.bbox[2] - b.bbox[0] + 1), abs=0.01)


def test_midline_band_and_size_scale_with_the_body():
    shape = (400, 400)
    small_body = body_outline(*_ct_body(shape, 60, 50))
    big_body = body_outline(*_ct_body(shape, 180, 150))
    organ = ellipse(shape, 212, 200, 20, 6)   # 12 px left of the centre, straddling it; 377 px
    near = compute_facts(organ, "LP", None, patient_frame(shape, "LP", small_body))
    far = compute_facts(organ, "LP", None, patient_frame(shape, "LP", big_body))
    assert near.laterality == "left" and far.laterality == "midline"   # 12 px is 10% of 120, 3% of 360
    assert near.size_class == "medium" and far.size_class == "small"


def _ct_body(shape, a, b):
    hu = np.full(shape, -1000.0)
    hu[ellipse(shape, 200, 200, a, b)] = 40
    return hu, -500.0


def test_sagittal_side_comes_from_the_world_position_of_the_plane():
    shape = (100, 120)  # PI view: no lateral axis in the plane
    organ = ellipse(shape, 60, 50, 5, 5)
    left = SliceGeometry(origin=(30.0, -60, 80), col_step=(0, 1.0, 0), row_step=(0, 0, -1.0), midline_mm=2.0,
                         body_width_mm=140.0)
    right = SliceGeometry(origin=(-30.0, -60, 80), col_step=(0, 1.0, 0), row_step=(0, 0, -1.0), body_width_mm=140.0)
    centre = SliceGeometry(origin=(5.0, -60, 80), col_step=(0, 1.0, 0), row_step=(0, 0, -1.0), body_width_mm=140.0)
    fl = compute_facts(organ, "PI", None, patient_frame(shape, "PI", None, left))
    assert fl.laterality == "left" and fl.midline_source == "body_outline"
    fr = compute_facts(organ, "PI", None, patient_frame(shape, "PI", None, right))
    assert fr.laterality == "right" and fr.midline_source == "world"
    assert compute_facts(organ, "PI", None, patient_frame(shape, "PI", None, centre)).laterality == "midline"
    assert compute_facts(organ, "PI").laterality == "unknown"


def test_photos_have_no_body_and_keep_image_terms():
    img = np.random.default_rng(1).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    m = ellipse((64, 64), 20, 50, 5, 5)
    frame = slice_frame(img, "endoscopy", None, [m])
    f = compute_facts(m, None, None, frame)
    assert frame.body_area is None and f.midline_source == "none" and f.laterality == "unknown"
    assert f.vertical == "lower" and f.body_fraction is None


@pytest.mark.parametrize("name, side", [
    ("Hippocampus_L", "left"), ("Precentral_R", "right"), ("Left-Kidney", "left"), ("rightLung", "right"),
    ("lh.insula", "left"), ("kidney rt", "right"), ("left kidney", "left"), ("L1 vertebra", None),
    ("liver", None), ("Rectus_L", "left"), ("right-to-left shunt", None), ("Vermis_1_2", None)])
def test_name_side(name, side):
    assert name_side(name) == side


def test_side_conflict_names_the_structure_and_the_fix():
    m = np.zeros((100, 100), bool)
    m[40:60, 5:25] = True   # image left: the patient's right in LP
    facts = compute_facts(m, "LP")
    assert side_conflict("Hippocampus_R", facts) is None
    reason = side_conflict("Hippocampus_L", facts)
    assert "named left" in reason and "patient's right" in reason and "re-ingest" in reason
    assert "\n" not in reason
    with pytest.raises(ItemError) as exc:
        check_name_side("Hippocampus_L", facts, "case:axial:3")
    assert exc.value.code == "side_conflict" and exc.value.where == "case:axial:3"
    midline = np.zeros((100, 100), bool)
    midline[40:60, 45:55] = True
    assert side_conflict("Hippocampus_L", compute_facts(midline, "LP")) is None


def test_a_mask_near_the_midline_but_wholly_on_one_side_is_one_sided():
    """The left cingulum hugs the midline: its centroid is inside the band, but every pixel is on the left."""
    shape = (200, 200)
    hu = np.full(shape, -1000.0)
    hu[ellipse(shape, 100, 100, 90, 80)] = 40
    frame = patient_frame(shape, "LP", body_outline(hu, -500.0))
    centre = int(round(frame.centre[0]))
    assert centre == 100
    hugging = np.zeros(shape, bool)
    hugging[80:120, centre + 1: centre + 8] = True      # patient's left of the midline, within 3% of the width
    straddling = np.zeros(shape, bool)
    straddling[80:120, centre - 4: centre + 5] = True
    assert compute_facts(hugging, "LP", None, frame).laterality == "left"
    assert compute_facts(hugging[:, ::-1].copy(), "LP", None, frame).laterality == "right"
    assert compute_facts(straddling, "LP", None, frame).laterality == "midline"


def test_an_edited_mask_is_measured_against_the_stored_frame():
    """The export re-measures a physician's edited mask: with the frame kept in the facts it lands on
    the same patient, not the image centre."""
    from medseg_qa.facts import frame_of
    from medseg_qa.schemas import MaskFacts

    shape = (200, 300)
    hu, body = ct_slice(shape, cx=80.0)
    frame = patient_frame(shape, "LP", body_outline(hu, -500.0, body))
    original = compute_facts(ellipse(shape, 100, 90, 8, 8), "LP", None, frame)
    stored = MaskFacts.model_validate_json(original.model_dump_json())
    edited = ellipse(shape, 104, 92, 9, 7)
    again = compute_facts(edited, "LP", None, frame_of(stored))
    assert again.laterality == "left" and again.midline_source == "body_outline"
    assert again.frame == stored.frame
    assert compute_facts(edited, "LP").laterality == "right"   # what the image centre would say
    legacy = stored.model_dump()
    for key in ("frame", "midline_source", "centroid_patient", "body_fraction"):
        legacy.pop(key)
    old = MaskFacts.model_validate(legacy)   # a row stored before these fields existed still loads
    assert old.midline_source == "image_centre" and frame_of(old) is None


def test_without_a_body_world_x0_must_lie_well_inside_the_image():
    shape = (100, 120)
    mid = SliceGeometry(origin=(-30.0, 0.0, 0.0), col_step=(0.5, 0.0, 0.0), row_step=(0.0, 0.5, 0.0))
    f = patient_frame(shape, "LP", None, mid)                  # x = 0 at column 60 of 120
    assert f.source == "world" and f.centre[0] == pytest.approx(60.0)
    corner = SliceGeometry(origin=(0.0, 0.0, 0.0), col_step=(0.5, 0.0, 0.0), row_step=(0.0, 0.5, 0.0))
    assert patient_frame(shape, "LP", None, corner).source == "image_centre"   # ITK's default origin


def test_display_outline_when_the_source_gives_no_body():
    """A 2D CT slice with patient axes but no raw values (folder, hf): ingest outlines the display image."""
    import dataclasses

    from medseg_qa.pipelines.ingest import make_records
    from medseg_qa.sources import build_source

    src = build_source("phantom", {"cases": 2, "slices_per_case": 1, "size": 128})
    for it in src.items():
        with_body = {r.target: r.facts for r, _, _ in make_records(it, src.info, "phantom")}
        without = {r.target: r.facts for r, _, _ in make_records(dataclasses.replace(it, body=None), src.info, "x")}
        for name, f in without.items():
            assert f.midline_source == "body_outline" and f.laterality == with_body[name].laterality, name
            assert f.frame.centre[0] == pytest.approx(with_body[name].frame.centre[0], abs=3)
