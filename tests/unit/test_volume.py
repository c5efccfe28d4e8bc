"""Volume helpers: orientation letters, display slicing views (checked against SimpleITK's DICOMOrient),
intensity windows, per-slice label counts and slice choice."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from medseg_qa.errors import ItemError
from medseg_qa.volume import (Header, axis_letters, check_known, grid_mismatch, gzip_complete, label_codes,
                              per_slice_counts, pick_slices, slice_view, valid_orientation)
from medseg_qa.windowing import CT_WINDOWS, ct_window, percentile_window, window_to_uint8, windower

IDENTITY = (1, 0, 0, 0, 1, 0, 0, 0, 1)


def _direction(letters: str) -> tuple[float, ...]:
    """ITK direction (row-major, d[world, index]) whose index axes increase toward `letters`."""
    world = {"L": (0, 1), "R": (0, -1), "P": (1, 1), "A": (1, -1), "S": (2, 1), "I": (2, -1)}
    d = np.zeros((3, 3))
    for index, letter in enumerate(letters):
        w, sign = world[letter]
        d[w, index] = sign
    return tuple(d.ravel())


ORIENTATIONS = ["".join(p) for p in itertools.product("LR", "PA", "SI")]
ORIENTATIONS += ["PLS", "SAR", "IRP", "ALI"]


@pytest.mark.parametrize("letters", ORIENTATIONS)
def test_axis_letters_round_trip_and_match_simpleitk(letters):
    import SimpleITK as sitk

    d = _direction(letters)
    assert axis_letters(d) == letters
    assert sitk.DICOMOrientImageFilter.GetOrientationFromDirectionCosines(d) == letters


def test_oblique_direction_takes_nearest_axes():
    a = np.deg2rad(20)
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    assert axis_letters(tuple(rot.ravel())) == "LPS"
    assert axis_letters(tuple((rot @ np.diag([-1, -1, 1])).ravel())) == "RAS"


@pytest.mark.parametrize("source", ["LPS", "RAS", "PLI", "SAR", "LAI"])
@pytest.mark.parametrize("target", ["LPS", "RAS"])
def test_slice_views_match_dicomorient(source, target):
    import SimpleITK as sitk

    rng = np.random.default_rng(0)
    arr = rng.integers(0, 1000, size=(5, 6, 7)).astype(np.int16)
    img = sitk.GetImageFromArray(arr)
    img.SetDirection(_direction(source))
    img.SetSpacing((0.5, 0.75, 2.0))
    ref_img = sitk.DICOMOrient(img, target)
    ref = sitk.GetArrayFromImage(ref_img)  # numpy dims k, j, i of the target orientation
    ref_sp = ref_img.GetSpacing()
    d = img.GetDirection()

    axial = slice_view(d, target, "axial")
    assert np.array_equal(axial.apply(arr), ref)
    assert axial.orientation == target[0] + target[1]
    assert axial.spacing(img.GetSpacing()) == (ref_sp[1], ref_sp[0])

    coronal = slice_view(d, target, "coronal")  # fixed j; rows = k reversed (head up), columns = i
    assert np.array_equal(coronal.apply(arr), np.transpose(ref, (1, 0, 2))[:, ::-1, :])
    assert coronal.orientation == target[0] + "I"
    assert coronal.spacing(img.GetSpacing()) == (ref_sp[2], ref_sp[0])

    sagittal = slice_view(d, target, "sagittal")  # fixed i; rows = k reversed, columns = j
    assert np.array_equal(sagittal.apply(arr), np.transpose(ref, (2, 0, 1))[:, ::-1, :])
    assert sagittal.orientation == target[1] + "I"


def test_lps_orientations_are_the_display_conventions():
    assert [slice_view(IDENTITY, "LPS", p).orientation for p in ("axial", "coronal", "sagittal")] == \
        ["LP", "LI", "PI"]


def test_source_index_follows_a_flipped_normal():
    view = slice_view(_direction("LPI"), "LPS", "axial")
    assert view.flips[0] and view.source_index(0, 10) == 9
    assert slice_view(IDENTITY, "LPS", "axial").source_index(0, 10) == 0


def test_valid_orientation():
    assert valid_orientation("LPS") and valid_orientation("ASL")
    assert not valid_orientation("LLS") and not valid_orientation("LP") and not valid_orientation("LPX")
    with pytest.raises(ValueError):
        slice_view(IDENTITY, "LRS", "axial")


def test_ct_window_presets_map_level_to_mid_grey():
    for name, (level, width) in CT_WINDOWS.items():
        lo, hi = ct_window(name)
        out = window_to_uint8(np.array([[lo - 5, level, hi + 5]], np.int16), lo, hi)
        assert out.dtype == np.uint8
        assert out[0, 0] == 0 and out[0, 2] == 255 and 126 <= out[0, 1] <= 128, name
    assert ct_window("abdomen") == (-160.0, 240.0)
    assert ct_window("lung") == (-1350.0, 150.0)


def test_percentile_window_ignores_outliers():
    rng = np.random.default_rng(1)
    arr = rng.normal(500, 50, size=(20, 30, 30)).astype(np.float32)
    arr[0, 0, :5] = 1e6
    lo, hi = percentile_window(arr, 1, 99)
    assert 350 < lo < 450 and 550 < hi < 650
    flat = percentile_window(np.zeros((3, 4, 4)))
    assert flat[1] > flat[0]


@pytest.mark.parametrize("dim", [0, 1, 2])
def test_per_slice_counts_match_brute_force(dim):
    rng = np.random.default_rng(2)
    codes = rng.integers(0, 4, size=(5, 6, 7)).astype(np.uint8)
    got = per_slice_counts(codes, dim, 4)
    want = np.array([[int((np.take(codes, s, axis=dim) == c).sum()) for c in range(4)]
                     for s in range(codes.shape[dim])])
    assert np.array_equal(got, want)


def test_pick_slices_min_area_step_and_cap():
    areas = np.array([0, 5, 20, 20, 20, 20, 20, 20, 0, 20])
    assert pick_slices(areas, 10) == [2, 3, 4, 5, 6, 7, 9]
    assert pick_slices(areas, 10, step=3) == [2, 5, 9]
    assert pick_slices(areas, 10, cap=1) == [5]  # the middle candidate, not an end
    assert pick_slices(areas, 10, cap=3) == [3, 5, 7]
    assert pick_slices(areas, 100) == []


def test_label_codes_small_and_lookup_paths():
    arr = np.array([[0, 1], [2, 1]], np.uint8)
    codes, values = label_codes(arr, {1, 2}, "x")
    assert codes is arr and values == [0, 1, 2]

    big = np.array([[0, 5001], [7002, 5001]], np.uint16)
    codes, values = label_codes(big, {5001, 7002}, "x")
    assert [values[c] for c in codes.ravel()] == [0, 5001, 7002, 5001]

    floats = np.array([[0.0, 1.0]], np.float32)
    codes, values = label_codes(floats, {1}, "x")
    assert codes.dtype.kind == "i" and codes.tolist() == [[0, 1]]


@pytest.mark.parametrize("arr, known", [
    (np.array([[0, 0.5]], np.float32), {1}),          # non-integer
    (np.array([[0, -1]], np.int16), {1}),             # negative
    (np.array([[0, 9]], np.uint8), {1, 2}),           # above every known value
])
def test_label_codes_rejects_unknown_values(arr, known):
    with pytest.raises(ItemError) as err:
        label_codes(arr, known, "case7")
    assert err.value.code == "unknown_label_value" and err.value.where == "case7"


def test_check_known_finds_gaps_on_both_paths():
    arr = np.array([[0, 1, 3]], np.uint8)  # 3 is unknown but below the max known value 4
    codes, values = label_codes(arr, {1, 4}, "x")
    with pytest.raises(ItemError, match=r"\[3\]"):
        check_known(arr, np.bincount(codes.ravel(), minlength=len(values)), values, {1, 4}, "x")
    big = np.array([[0, 5000, 6000]], np.uint16)
    codes, values = label_codes(big, {5000, 9000}, "x")
    with pytest.raises(ItemError, match="6000"):
        check_known(big, np.bincount(codes.ravel(), minlength=len(values)), values, {5000, 9000}, "x")
    ok = np.array([[0, 5000]], np.uint16)
    codes, values = label_codes(ok, {5000, 9000}, "x")
    check_known(ok, np.bincount(codes.ravel(), minlength=len(values)), values, {5000, 9000}, "x")


def test_grid_mismatch_names_what_differs():
    base = Header(size=(10, 10, 5), spacing=(0.7, 0.7, 2.5), origin=(0.0, 0.0, 0.0), direction=IDENTITY)
    assert grid_mismatch(base, base, 1e-3) is None
    near = Header(size=(10, 10, 5), spacing=(0.70001, 0.7, 2.5), origin=(1e-5, 0.0, 0.0), direction=IDENTITY)
    assert grid_mismatch(base, near, 1e-3) is None
    cases = {
        "size": Header((10, 10, 6), base.spacing, base.origin, IDENTITY),
        "spacing": Header(base.size, (0.8, 0.7, 2.5), base.origin, IDENTITY),
        "origin": Header(base.size, base.spacing, (0.0, 3.0, 0.0), IDENTITY),
        "direction": Header(base.size, base.spacing, base.origin, _direction("RAS")),
    }
    for what, other in cases.items():
        assert what in (grid_mismatch(base, other, 1e-3) or ""), what


def test_gzip_complete_catches_truncation_that_itk_reads_silently(tmp_path):
    import gzip

    import SimpleITK as sitk

    arr = np.random.default_rng(4).integers(-1000, 1000, size=(6, 20, 24)).astype(np.int16)
    path = tmp_path / "v.nii.gz"
    sitk.WriteImage(sitk.GetImageFromArray(arr), str(path), useCompression=True)
    data = path.read_bytes()
    assert gzip_complete(path)
    cut = tmp_path / "cut.nii.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    assert sitk.ReadImage(str(cut)).GetSize() == (24, 20, 6)  # ITK itself does not notice
    assert not gzip_complete(cut)
    raw = gzip.decompress(data)
    members = tmp_path / "bgzip-like.nii.gz"  # two gzip members: trailer size is only the last one's
    members.write_bytes(gzip.compress(raw[:3000]) + gzip.compress(raw[3000:]))
    assert gzip_complete(members)
    assert np.array_equal(sitk.GetArrayFromImage(sitk.ReadImage(str(members))), arr)
    members.write_bytes(gzip.compress(raw[:3000]) + gzip.compress(raw[3000:])[:-30])
    assert not gzip_complete(members)
    (tmp_path / "junk.nii.gz").write_bytes(b"\x1f\x8b junk")
    assert not gzip_complete(tmp_path / "junk.nii.gz")


@pytest.mark.parametrize("dtype", [np.int16, np.uint16, np.uint8, np.int8, np.float32, np.int32])
def test_windower_lookup_equals_the_arithmetic(dtype):
    info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
    lo_v, hi_v = (max(info.min, -3000), min(info.max, 3000)) if info else (-3000, 3000)
    arr = np.random.default_rng(5).integers(lo_v, hi_v, size=(2, 30, 40)).astype(dtype)[:, ::-1, ::-1]
    for low, high in [(-160.0, 240.0), (0.0, 80.0), (-1350.0, 150.0)]:
        got = windower(arr.dtype, low, high)(arr[1])
        assert got.dtype == np.uint8 and got.flags.c_contiguous
        assert np.array_equal(got, window_to_uint8(arr[1], low, high))


# -- geometry: canonical in-plane view, world positions, obliquity, qform/sform ----------------------

def _world_of(g, col, row):
    return g.origin[0] + col * g.col_step[0] + row * g.row_step[0], \
        g.origin[1] + col * g.col_step[1] + row * g.row_step[1]


@pytest.mark.parametrize("iop", [(1, 0, 0, 0, 1, 0), (-1, 0, 0, 0, 1, 0), (1, 0, 0, 0, -1, 0), (-1, 0, 0, 0, -1, 0),
                                 (0, 1, 0, 1, 0, 0), (0, -1, 0, 1, 0, 0), (0, 1, 0, -1, 0, 0), (0, -1, 0, -1, 0, 0)])
def test_every_axial_storage_comes_out_lp_with_pixels_at_the_same_world_place(iop):
    """A slice stored with any axial ImageOrientationPatient is flipped/transposed into the radiological
    view, and every pixel keeps its world position (so the image and the geometry stay consistent)."""
    from medseg_qa.geometry import canonical_view, dicom_geometry
    from medseg_qa.sources.dicom_index import patient_orientation

    rows, cols = 5, 7
    g = dicom_geometry((10.0, -20.0, 5.0), list(iop), (0.5, 0.8))
    # each pixel holds its own world (x, y): after the transform it must sit where the new geometry says
    world = np.array([[_world_of(g, c, r) for c in range(cols)] for r in range(rows)])
    view = canonical_view(patient_orientation(list(iop)))
    g2 = view.geometry(g, (rows, cols))
    assert view.orientation == "LP"
    for axis in (0, 1):
        out = view.apply(world[..., axis])
        expect = np.array([[_world_of(g2, c, r)[axis] for c in range(out.shape[1])] for r in range(out.shape[0])])
        assert np.allclose(out, expect)
    xs = np.array([[_world_of(g2, c, r)[0] for c in range(out.shape[1])] for r in range(out.shape[0])])
    assert (np.diff(xs, axis=1) > 0).all()   # columns run toward the patient's left (+x)


def test_coronal_and_sagittal_storage_get_the_head_up_views():
    from medseg_qa.geometry import canonical_view

    assert canonical_view("LS").orientation == "LI" and canonical_view("LS").flip_rows
    assert canonical_view("IR") == canonical_view("IR") and canonical_view("IR").transpose
    assert canonical_view("AS").orientation == "PI"
    assert canonical_view(None) is None and canonical_view("LR") is None


def test_obliquity():
    from medseg_qa.geometry import obliquity_deg

    assert obliquity_deg(np.eye(3).ravel()) == pytest.approx(0.0)
    for deg in (30, 50):
        t = np.radians(deg)
        rot = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
        assert obliquity_deg(rot.ravel()) == pytest.approx(min(deg, 90 - deg), abs=1e-6)
    t = np.radians(45)
    tilt = np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]]) @ \
        np.array([[np.cos(t), 0, np.sin(t)], [0, 1, 0], [-np.sin(t), 0, np.cos(t)]])
    assert obliquity_deg(tilt.ravel()) > 45   # tilted about two axes: no world axis is within 45 degrees


def test_sform_override_only_when_both_forms_are_set_and_disagree(tmp_path):
    import nibabel as nib

    from medseg_qa.geometry import sform_override

    ras = np.diag([1.0, 1.0, 2.0, 1.0])
    ras[:3, 3] = (-5, -6, -4)
    flip = ras.copy()
    flip[0, 0], flip[0, 3] = -1.0, 5.0
    data = np.zeros((4, 5, 6), np.int16)

    def save(name, q, qcode, s, scode):
        img = nib.Nifti1Image(data, None)
        img.set_qform(q, code=qcode)
        img.set_sform(s, code=scode)
        nib.save(img, tmp_path / name)
        return tmp_path / name

    assert sform_override(save("agree.nii.gz", ras, 1, ras, 4)) is None
    assert sform_override(save("sonly.nii.gz", flip, 0, ras, 4)) is None
    fix = sform_override(save("disagree.nii.gz", flip, 1, ras, 4))
    assert fix is not None and "disagree" in fix.note and "qform LAS" in fix.note and "sform RAS" in fix.note
    assert np.allclose(np.reshape(fix.direction, (3, 3)), np.diag([-1.0, -1.0, 1.0]))   # RAS -> LPS
    assert np.allclose(fix.spacing, (1.0, 1.0, 2.0)) and np.allclose(fix.origin, (5.0, 6.0, -4.0))
    assert sform_override(tmp_path / "x.nrrd") is None


def test_lateral_midline_of_a_volume():
    from medseg_qa.geometry import lateral_midline
    from medseg_qa.volume import Header

    arr = np.zeros((4, 10, 40), np.int16)   # k, j, i; i runs toward +x (LPS left)
    arr[:, 2:8, 20:36] = 100                # body over i = 20..35: centre 27.5
    head = Header(size=(40, 10, 4), spacing=(2.0, 1.0, 1.0), origin=(-30.0, 0.0, 0.0),
                  direction=tuple(np.eye(3).ravel()))
    mid, width = lateral_midline(arr, head, 50)
    assert mid == pytest.approx(-30 + 27.5 * 2) and width == pytest.approx(32.0)
    arr[:, 2:8, 0:20] = 100                 # now reaching the first plane: cut, and crossing world x = 0
    assert lateral_midline(arr, head, 50) == (None, pytest.approx(72.0))
    shifted = Header(size=head.size, spacing=head.spacing, origin=(10.0, 0.0, 0.0), direction=head.direction)
    assert lateral_midline(arr, shifted, 50) is None   # cut, and world x = 0 lies outside it: no midline
