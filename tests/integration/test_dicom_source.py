"""The `dicom` source on real files: synthetic CT + highdicom SEG, pydicom's real liver SEGs, bad input."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import PATIENT, ct_for_real_seg, make_case, planted_identifiers  # noqa: E402

from medseg_qa.deid import AuditEntry, deidentify, quiet_pydicom, remap_uid  # noqa: E402
from medseg_qa.errors import ItemError  # noqa: E402
from medseg_qa.facts import compute_facts  # noqa: E402
from medseg_qa.sources import SourceItem, build_source  # noqa: E402
from medseg_qa.sources.dicom_index import patient_orientation  # noqa: E402

SALT = "integration-salt"
REAL_SEGS = ["liver.dcm", "liver_1frame.dcm", "liver_expb_1frame.dcm"]


def _run(root, **opts):
    src = build_source("dicom", {"root": str(root), "deid_salt": SALT, "dataset": "toy", **opts})
    out = list(src.items())
    items = [i for i in out if isinstance(i, SourceItem)]
    errors = [e for e in out if isinstance(e, ItemError)]
    return src, items, errors


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = tmp_path_factory.mktemp("dicom")
    return make_case(root / "export")


def test_synthetic_series_and_seg_match_slice_by_slice(case):
    src, items, errors = _run(case.root)
    assert errors == []
    assert [i.slice_index for i in items] == [1, 2, 3]  # slice 0 has no segment
    assert src.estimate() == 3
    for it in items:
        assert set(it.masks) == {"liver", "spleen", "aorta"}
        for label, mask in it.masks.items():
            np.testing.assert_array_equal(mask, case.masks[label][it.slice_index])
        assert it.modality == "CT" and it.body_region == "abdomen"
        assert it.orientation == "LP" and it.spacing == (0.8, 0.8)
        assert it.image.dtype == np.uint8 and it.image.shape == (64, 64)
    # rescale (stored - 1024) before the file's 40/400 window: air 0, soft tissue ~128, aorta 229
    img, masks = items[0].image, items[0].masks
    assert img[0, 0] == 0 and img[masks["aorta"]].min() == img[masks["aorta"]].max() == 229
    assert img[10, 32] == 127  # body, outside every structure: 40 HU at the window centre


def test_laterality_of_structures_follows_the_item_orientation(case):
    _, items, _ = _run(case.root)
    it = items[0]
    facts = {label: compute_facts(m, it.orientation, {k: v for k, v in it.masks.items() if k != label})
             for label, m in it.masks.items()}
    assert facts["spleen"].laterality == "left"   # planted on the patient's left (image right)
    assert facts["liver"].laterality == "right"
    assert facts["aorta"].laterality == "midline"


def test_nothing_identifying_in_items_errors_or_audit(case, tmp_path):
    root = tmp_path / "mixed"
    shutil.copytree(case.root, root)
    bad = root / PATIENT["folder"] / "broken.dcm"
    bad.write_bytes(b"\0" * 128 + b"DICM" + b"\x02\x00\x10\x00garbage")
    src, items, errors = _run(root)
    assert items and errors and src.audit_log
    texts = []
    for it in items:
        texts += [it.item_key, it.case_id, it.patient_id, it.modality, it.body_region, str(it.orientation),
                  str(it.spacing), repr(it.extra_synonyms), *it.masks]
    texts += [f"{e.code} {e} {e.where}" for e in errors]
    texts += [a.model_dump_json() for a in src.audit_log]
    blob = "\n".join(texts)
    planted = planted_identifiers(case)
    assert PATIENT["id"] in pydicom.dcmread(case.ct_paths[0]).PatientID  # the files do carry them
    assert [p for p in planted if p in blob] == []
    assert all(it.patient_id.startswith("PX-") and it.case_id.startswith(it.patient_id) for it in items)


def test_same_salt_same_ids_other_salt_other_ids(case, monkeypatch):
    _, a, _ = _run(case.root)
    _, b, _ = _run(case.root)
    assert [i.item_key for i in a] == [i.item_key for i in b]
    assert len({i.patient_id for i in a}) == 1
    monkeypatch.setenv("MEDSEGQA_DEID_SALT", "from-the-environment")
    src = build_source("dicom", {"root": str(case.root)})
    c = [i for i in src.items() if isinstance(i, SourceItem)]
    assert c[0].patient_id != a[0].patient_id and c[0].case_id != a[0].case_id
    assert [np.array_equal(x.masks["liver"], y.masks["liver"]) for x, y in zip(a, c)] == [True] * 3


def test_uid_remapping_is_consistent_across_seg_and_series(case):
    seg, _ = deidentify(pydicom.dcmread(case.seg_path), SALT)
    ct, _ = deidentify(pydicom.dcmread(case.ct_paths[1]), SALT)
    assert seg.ReferencedSeriesSequence[0].SeriesInstanceUID == ct.SeriesInstanceUID == remap_uid(case.series_uid, SALT)
    refs = {str(f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID)
            for f in seg.PerFrameFunctionalGroupsSequence}
    assert ct.SOPInstanceUID in refs and case.sop_uids[1] not in refs
    assert seg.StudyInstanceUID == ct.StudyInstanceUID and seg.PatientID == ct.PatientID


def test_position_matching_and_fractional_seg(tmp_path, case):
    _, ref_items, _ = _run(case.root)
    pos_case = make_case(tmp_path / "pos", per_frame_references=False)
    _, items, errors = _run(pos_case.root)
    assert errors == [] and [i.slice_index for i in items] == [1, 2, 3]
    for a, b in zip(items, ref_items):
        assert all(np.array_equal(a.masks[k], b.masks[k]) for k in b.masks)
    seg = pydicom.dcmread(pos_case.seg_path)  # no series reference either: frame of reference decides
    del seg.ReferencedSeriesSequence
    seg.save_as(pos_case.seg_path)
    _, items, errors = _run(pos_case.root)
    assert errors == [] and [i.slice_index for i in items] == [1, 2, 3]
    frac = make_case(tmp_path / "frac", segmentation_type="FRACTIONAL", seed=3)
    assert pydicom.dcmread(frac.seg_path).SegmentationType == "FRACTIONAL"
    _, items, errors = _run(frac.root)
    assert errors == [] and len(items) == 3
    for it in items:  # the 0.3 halo stays out, the 0.8 interior is in
        for label, mask in it.masks.items():
            np.testing.assert_array_equal(mask, frac.masks[label][it.slice_index])


def test_bad_input_is_quarantined_per_item(tmp_path):
    c = make_case(tmp_path / "bad", n_slices=6, missing_pixels={2})
    ct = c.ct_paths[0].parent
    burned = pydicom.dcmread(c.ct_paths[5])
    burned.BurnedInAnnotation = "YES"
    burned.save_as(c.ct_paths[5])
    (ct.parent / "README.txt").write_text("not dicom")                 # ignored: not DICOM by content
    data = c.ct_paths[1].read_bytes()
    (ct / "cut300").write_bytes(data[:300])                             # only the file meta is left
    (ct / "cut400").write_bytes(data[:400])                             # SOP UIDs but no image header
    (ct / "zz_copy").write_bytes(c.ct_paths[0].read_bytes())            # same SOP instance twice
    c.ct_paths[3].write_bytes(c.ct_paths[3].read_bytes()[:-3000])       # pixel data cut short
    c.ct_paths[4].unlink()                                              # frames of slice 4 now unmatched
    other = make_case(tmp_path / "other", seed=7)
    shutil.copytree(other.seg_path.parent, ct.parent / "orphan-seg")    # SEG without its series
    src, items, errors = _run(c.root)
    codes = sorted(e.code for e in errors)
    assert codes == sorted(["unreadable_dicom"] * 3 + ["duplicate_instance", "seg_series_missing", "no_pixel_data",
                            "burned_in_annotation"] + ["seg_frame_unmatched"] * 3)  # 3 frames of slice 4
    assert [i.slice_index for i in items] == [1]
    np.testing.assert_array_equal(items[0].masks["liver"], c.masks["liver"][1])
    assert all(e.where for e in errors)
    located = {src.locate(e.where).name for e in errors if e.code in ("unreadable_dicom", "duplicate_instance")
               and src.locate(e.where) is not None}
    assert located == {"cut300", "cut400", "zz_copy"}
    _, items, errors = _run(c.root, max_pixels=1000)
    assert items == [] and "too_large" in {e.code for e in errors}


def test_pydicom_value_warnings_never_reach_logs(case, tmp_path, caplog, recwarn):
    import logging

    root = tmp_path / "odd"
    shutil.copytree(case.root, root)
    path = next((root / PATIENT["folder"] / "CT").iterdir())
    ds = pydicom.dcmread(path)
    with quiet_pydicom():
        ds.StudyInstanceUID = f"1.2.{PATIENT['id']}"  # an invalid UID quoting the MRN
        ds.save_as(path)
    with pytest.warns(UserWarning, match=PATIENT["id"]):  # plain pydicom would log it while reading
        str(pydicom.dcmread(path).StudyInstanceUID)
    recwarn.clear()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        _, items, errors = _run(root)
    assert len(items) == 3 and errors == []
    logged = caplog.text + "\n".join(str(w.message) for w in recwarn)
    assert [p for p in planted_identifiers(case) if p in logged] == []


def test_audit_has_one_entry_per_file_and_reaches_the_callback(case):
    src = build_source("dicom", {"root": str(case.root), "deid_salt": SALT})
    seen: list[AuditEntry] = []
    src.on_audit = seen.append
    assert src.estimate() == 3 and seen == []  # only items() reports, so no file is reported twice
    list(src.items())
    assert len(src.audit_log) == len(seen) == len(case.ct_paths) + 1
    assert len({a.file_ref for a in seen}) == len(seen)
    seg_entry = next(a for a in seen if a.sop_class == "Segmentation Storage")
    assert "ReferencedSOPInstanceUID" in seg_entry.remapped and "InstitutionName" in seg_entry.removed
    assert seg_entry.private_tags_removed >= 1
    assert len(build_source("dicom", {"root": str(case.root), "deid_salt": SALT}).audit()) == len(seen)


@pytest.mark.parametrize("name", REAL_SEGS)
def test_real_seg_without_its_ct_is_quarantined(tmp_path, name):
    path = get_testdata_file(name)
    shutil.copy(path, tmp_path / "seg")
    _, items, errors = _run(tmp_path)
    assert items == [] and [e.code for e in errors] == ["seg_series_missing"]


@pytest.mark.parametrize("name", REAL_SEGS)
def test_real_seg_matches_a_ct_series_built_for_its_references(tmp_path, name):
    original = pydicom.dcmread(get_testdata_file(name))
    frames = int(original.get("NumberOfFrames", 1) or 1)
    assert original.SegmentSequence[0].SegmentLabel == "Liver" and (original.Rows, original.Columns) == (512, 512)
    refs = [str(r.ReferencedSOPInstanceUID) for r in original.ReferencedSeriesSequence[0].ReferencedInstanceSequence]
    assert len(refs) == 3
    shutil.copy(get_testdata_file(name), tmp_path / "seg.dcm")
    ct_for_real_seg(tmp_path / "seg.dcm", tmp_path / "ct")
    src, items, errors = _run(tmp_path, window="abdomen")
    assert errors == [] and len(items) == frames
    expected = original.pixel_array.reshape(frames, 512, 512)
    # frames run along +z in these files, as do the slices: frame f is slice f
    for f, it in enumerate(items):
        assert list(it.masks) == ["liver"] and it.slice_index == f
        np.testing.assert_array_equal(it.masks["liver"], expected[f] > 0)
        assert it.orientation == "LP" and it.spacing == pytest.approx((0.810547, 0.810547))
        assert it.image.shape == (512, 512)
        assert it.patient_id.startswith("PX-") and "JANCT" not in it.item_key + it.case_id
    assert str(original.StudyInstanceUID) not in "".join(a.model_dump_json() for a in src.audit_log)


def test_segment_labels_can_be_mapped_or_dropped(case):
    _, items, _ = _run(case.root, labels={"Liver": "hepar", "aorta": None})
    assert set(items[0].masks) == {"hepar", "spleen"}
    assert items[0].extra_synonyms["hepar"] == ["liver"]


@pytest.mark.parametrize("iop,expected", [
    ([1, 0, 0, 0, 1, 0], "LP"),            # standard axial: radiological view
    ([-1, 0, 0, 0, 1, 0], "RP"),
    ([0, 1, 0, 0, 0, -1], "PI"),           # sagittal
    ([1, 0, 0, 0, 0, -1], "LI"),           # coronal
    ([0.7071, 0.7071, 0, -0.7071, 0.7071, 0], None),  # 45 degrees oblique: no side claimed
    (None, None),
])
def test_patient_orientation_from_direction_cosines(iop, expected):
    assert patient_orientation(iop) == expected


def test_window_presets_change_the_ct_rendering(case):
    _, auto, _ = _run(case.root)
    _, lung, _ = _run(case.root, window="lung")
    a, b = auto[0], lung[0]
    assert a.image[b.masks["liver"]].mean() != b.image[b.masks["liver"]].mean()
    assert np.array_equal(a.masks["liver"], b.masks["liver"])


def test_mr_series_uses_percentiles_whatever_the_window(tmp_path):
    mr = make_case(tmp_path / "mr", modality="MR", seed=5)
    _, auto, errors = _run(mr.root)
    _, lung, _ = _run(mr.root, window="lung")
    assert errors == [] and [i.modality for i in auto] == ["MR"] * 3
    assert auto[0].image.min() == 0 and auto[0].image.max() == 255
    assert all(np.array_equal(a.image, b.image) for a, b in zip(auto, lung))


# -- issue 7: SEG free text, burned-in text, salt; issue 8: audit keyed by source -------------------

def test_seg_free_text_is_screened_against_every_file_of_the_patient(tmp_path):
    """The SEG carries no patient attribute; the name is only in the CT series. 'Mass' is an anatomical
    word, so only the pooled identifiers of the series can tell that it is this patient's name."""
    patient = dict(PATIENT, name="Mass^Ida", folder="case_a")
    make_case(tmp_path, seed=21, patient=patient, seg_patient=False, segments={
        "liver": {"label": "MRN-8675309"},                                  # coded: target from the code
        "spleen": {"label": "Mass", "code": ("X1", "99LOCAL"), "meaning": "Mass"},
        "aorta": {"label": "Ida", "region": "Ida Mass"}})
    src, items, errors = _run(tmp_path)
    assert {e.code for e in errors} == {"seg_label_refused"} and len(errors) == 1
    assert errors[0].where.endswith("#segment2") and "held an identifying value" in str(errors[0])
    assert {label for it in items for label in it.masks} == {"liver", "aorta"}
    everything = repr([(it.masks.keys(), it.extra_synonyms, it.body_region) for it in items]) + str(errors[0])
    for planted in ("Mass", "mass", "Ida", "ida", "8675309"):
        assert planted not in everything
    # without the series in the same folder, nothing says 'Mass' is a name: the same label passes
    alone = tmp_path / "alone"
    make_case(alone, seed=22, patient=dict(patient, name="Kim^Lee"), segments={
        "spleen": {"label": "Mass", "code": ("X1", "99LOCAL"), "meaning": "Mass"}})
    _, items2, errors2 = _run(alone)
    assert errors2 == [] and "mass" in items2[0].masks


def test_screen_label_reasons_never_echo_the_value():
    from medseg_qa.deid_screen import REASONS, Identifiers, screen_label

    ids = Identifiers()
    ds = pydicom.Dataset()
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = "Nguyen^Thi", "H-2231", "19551122"
    ds.OperatorsName, ds.InstitutionName = "Okafor^Chidi", "Riverside Clinic"
    ids.add_dataset(ds)
    assert screen_label("Liver", ids) is None and screen_label("left kidney", ids) is None
    assert screen_label("L1 vertebra", ids) is None and screen_label("tumor core", ids) is None
    assert screen_label("Nguyen", ids) == screen_label("okafor liver", ids) == "identifying_value"
    assert screen_label("riverside", ids) == "identifying_value"
    assert screen_label("h2231", ids) == "identifying_value"          # the id, written another way
    assert screen_label("22.11.1955", ids) == "identifying_value"     # the birth date, written another way
    assert screen_label("4471093", None) == "id_like"
    assert screen_label("Wojciechowski", None) == screen_label("spleen of anna", None) == "free_text"
    assert all("{" not in r and len(r) < 80 for r in REASONS.values())


def _us_case(root: Path, seed: int, **kw):
    return make_case(root, seed=seed, rows=192, cols=256, modality="US",
                     patient=dict(PATIENT, folder=f"us{seed}"), **kw)


def test_burned_in_modalities_are_refused_unless_declared_clean_or_opted_in(tmp_path):
    text = ("DOE^JANE  MRN-8675309", "DOB 1970-02-14")
    _us_case(tmp_path / "plain", 31)                                          # no text, no declaration
    _us_case(tmp_path / "burned", 32, burned_text=text)                       # text, no declaration
    _us_case(tmp_path / "declared", 33, burned_text=text, burned_in_annotation="NO")  # text, says NO
    _us_case(tmp_path / "clean", 34, burned_in_annotation="NO")               # no text, says NO

    def codes(sub, **opts):
        _, items, errors = _run(tmp_path / sub, **opts)
        return len(items), sorted({e.code for e in errors})

    assert codes("plain") == (0, ["burned_in_risk"])
    assert codes("burned") == (0, ["burned_in_risk"])
    assert codes("declared") == (0, ["burned_in_text"])       # the pixel screen overrides the declaration
    assert codes("clean") == (3, [])                           # screened, nothing found
    # opt-ins, per source: accept the modality (the screen still runs), then also accept the pixels
    assert codes("plain", allow_burned_in_modalities=True) == (3, [])
    assert codes("burned", allow_burned_in_modalities=True) == (0, ["burned_in_text"])
    assert codes("burned", allow_burned_in_modalities=True, pixel_text_screen="off") == (3, [])
    _, _, errors = _run(tmp_path / "declared")
    assert all("8675309" not in str(e) and "DOE" not in str(e) for e in errors)


def test_default_salt_is_refused_unless_a_test_run_opts_in(case, monkeypatch):
    from medseg_qa.deid import DEFAULT_SALT
    from medseg_qa.errors import ConfigError

    monkeypatch.delenv("MEDSEGQA_DEID_SALT", raising=False)
    with pytest.raises(ConfigError, match="MEDSEGQA_DEID_SALT"):
        build_source("dicom", {"root": str(case.root)})
    with pytest.raises(ConfigError, match="no de-identification salt"):
        build_source("dicom", {"root": str(case.root), "deid_salt": DEFAULT_SALT})
    assert build_source("dicom", {"root": str(case.root), "allow_default_salt": True}).estimate() == 3


def test_audit_rows_of_two_sources_with_the_same_paths_never_overwrite(tmp_path):
    from medseg_qa.pipelines.ingest import ingest_source
    from medseg_qa.workspace import Workspace

    for sub, seed in (("a", 41), ("b", 42)):  # identical relative paths under two roots
        make_case(tmp_path / sub, seed=seed, folder="export")
    with Workspace(tmp_path / "ws") as ws:
        for sub in ("a", "b"):  # one dataset name for both: the root still tells them apart
            ingest_source(ws, build_source("dicom", {"root": str(tmp_path / sub), "deid_salt": SALT}),
                          progress=False)
        ingest_source(ws, build_source("dicom", {"root": str(tmp_path / "a"), "deid_salt": SALT,
                                                 "dataset": "other"}), progress=False)
        rows = ws.db.execute("SELECT dataset, COUNT(*) FROM audit GROUP BY dataset").fetchall()
    assert dict(rows) == {"dicom": 10, "other": 5}


def test_audit_migration_keeps_old_rows(tmp_path):
    import sqlite3

    from medseg_qa.workspace import MIGRATIONS, Workspace, _statements

    upto = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE audit (" in m) + 1
    con = sqlite3.connect(tmp_path / "catalog.sqlite")
    for script in MIGRATIONS[:upto]:
        for statement in _statements(script):
            con.execute(statement)
    con.execute("INSERT INTO audit VALUES ('f-1', 'old', '{\"file_ref\": \"f-1\"}', 1.0)")
    con.execute(f"PRAGMA user_version={upto}")
    con.commit()
    con.close()
    with Workspace(tmp_path) as ws:
        assert ws.audit_entries() == [{"file_ref": "f-1"}]
        ws.add_audit("new", "f-1", '{"file_ref": "f-1", "n": 2}')
        assert len(ws.audit_entries()) == 2


def test_segment_target_comes_from_the_coded_concept_with_its_side():
    from medseg_qa.sources.dicom_seg import segment_label

    def segment(label, value, meaning, side=None):
        item, code = pydicom.Dataset(), pydicom.Dataset()
        item.SegmentLabel = label
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "SCT", meaning
        if side:
            mod = pydicom.Dataset()
            mod.CodeValue, mod.CodingSchemeDesignator, mod.CodeMeaning = side, "SCT", "Side"
            code.SegmentedPropertyTypeModifierCodeSequence = [mod]
        item.SegmentedPropertyTypeCodeSequence = [code]
        return item

    assert segment_label(segment("Seg 1", "64033007", "Kidney", "7771000"), 1, {}).label == "left kidney"
    assert segment_label(segment("Seg 1", "64033007", "Kidney", "24028007"), 1, {}).label == "right kidney"
    choice = segment_label(segment("Dr Who", "10200004", "Liver"), 1, {})
    assert choice.label == "liver" and choice.synonyms == set()      # the free-text label is not kept
    assert segment_label(segment("x", "10200004", "Liver"), 1, {"SCT:10200004": "hepar"}).label == "hepar"
    refused = segment_label(segment("Dr Who", "123", "Who"), 1, {})
    assert refused.label is None and refused.refused == "free_text"
