"""De-identification of single DICOM datasets: nothing planted survives, pseudonyms and shifts are stable."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dicom_factory import PATIENT, ct_dataset, planted_identifiers, uid  # noqa: E402

from medseg_qa.deid import (AuditEntry, date_shift_days, deidentify, pseudonym, quiet_pydicom,  # noqa: E402
                            remap_uid)

SALT = "unit-test-salt"
CT_CLASS = "1.2.840.10008.5.1.4.1.1.2"


def _ds(seed: int = 1, **patient):
    from pydicom.dataset import Dataset

    ds = ct_dataset(sop_uid=uid(seed, 100), series_uid=uid(seed, 2), study_uid=uid(seed, 1),
                    for_uid=uid(seed, 3), patient=dict(PATIENT, **patient))
    ref = Dataset()  # a nested reference to another instance of the same series
    ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = CT_CLASS, uid(seed, 101)
    ds.ReferencedImageSequence = [ref]
    ds.NamesOfIntendedRecipientsOfResults = "Smith^Walter"      # a PN no list names
    ds.SegmentDescription = "notes on Jane's liver"               # free text (ST) no list names
    ds.add_new(0x60000010, "US", 64)                              # overlay group
    ds.add_new(0x00089999, "UN", b"Doe^Jane")                     # unknown public tag, raw bytes
    ds.AcquisitionDateTime = PATIENT["study_date"] + "101500.000000"
    return ds


def _all_values(ds) -> list[str]:
    out = []
    for elem in ds.iterall():
        if elem.VR not in ("SQ", "OB", "OW", "UN"):
            out.append(str(elem.value))
    if getattr(ds, "file_meta", None) is not None:
        out += [str(e.value) for e in ds.file_meta]
    return out


def _planted() -> list[str]:
    return planted_identifiers() + [uid(1, 1), uid(1, 2), uid(1, 3), uid(1, 100), uid(1, 101), "Smith", "Walter"]


def test_no_planted_identifier_survives_anywhere_in_the_dataset():
    ds = _ds()
    assert any(PATIENT["id"] in v for v in _all_values(ds))  # the check below can fail
    ds, entry = deidentify(ds, SALT, file_ref="f-1")
    text = "\n".join(_all_values(ds))
    leaked = [p for p in _planted() if p in text]
    assert leaked == []
    assert not any(tag.is_private for tag in ds.keys())
    assert not any(0x6000 <= tag.group <= 0x60FF for tag in ds.keys())
    assert "SegmentDescription" not in ds and ds.NamesOfIntendedRecipientsOfResults == ""
    assert 0x00089999 not in ds


def test_identity_attributes_are_replaced_and_marked():
    ds, entry = deidentify(_ds(), SALT)
    pid = pseudonym(PATIENT["id"], "", SALT)
    assert ds.PatientName == pid and ds.PatientID == pid and pid.startswith("PX-")
    assert ds.PatientIdentityRemoved == "YES"
    assert "Basic Application Confidentiality Profile" in " ".join(ds.DeidentificationMethod)
    assert {c.CodeValue for c in ds.DeidentificationMethodCodeSequence} == {"113100", "113107"}
    assert ds.SOPClassUID == CT_CLASS and ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    assert ds.Rows == 64 and ds.PixelSpacing == [0.8, 0.8] and ds.Modality == "CT"


def test_audit_names_keywords_only():
    ds, entry = deidentify(_ds(), SALT, file_ref="f-1")
    assert isinstance(entry, AuditEntry) and entry.patient_pseudonym == ds.PatientID
    assert {"InstitutionName", "PatientBirthDate", "AccessionNumber", "OperatorsName", "ImageComments",
            "DeviceSerialNumber", "OtherPatientIDs", "PatientAddress"} <= set(entry.removed)
    assert {"StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate", "AcquisitionDateTime"} <= set(entry.shifted)
    assert {"StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID",
            "ReferencedSOPInstanceUID", "MediaStorageSOPInstanceUID"} <= set(entry.remapped)
    assert entry.replaced == ["PatientID", "PatientName"]
    assert entry.scrubbed == ["CodeMeaning"] and entry.private_tags_removed == 2
    dump = entry.model_dump_json()
    assert [p for p in _planted() if p in dump] == []


def test_same_patient_same_pseudonym_and_shift_across_files():
    a, ea = deidentify(_ds(seed=1), SALT)
    b_src = _ds(seed=2)
    b_src.StudyDate = "20240701"
    b, eb = deidentify(b_src, SALT)
    assert a.PatientID == b.PatientID
    shift = date_shift_days(a.PatientID, SALT, 365)
    assert -365 <= shift <= -1
    assert a.StudyDate == (dt.date(2024, 6, 11) + dt.timedelta(days=shift)).strftime("%Y%m%d")
    da = dt.datetime.strptime(a.StudyDate, "%Y%m%d")
    db = dt.datetime.strptime(b.StudyDate, "%Y%m%d")
    assert (db - da).days == 20  # intervals within one patient survive
    assert a.AcquisitionDateTime == a.StudyDate  # date shifted, time of day removed


def test_different_patient_salt_or_issuer_gives_different_pseudonym():
    base = pseudonym(PATIENT["id"], "", SALT)
    assert pseudonym(PATIENT["id"], "", "another-salt") != base
    assert pseudonym("MRN-0000001", "", SALT) != base
    assert pseudonym(PATIENT["id"], "HOSPITAL-B", SALT) != base
    ds_other, _ = deidentify(_ds(), "another-salt")
    ds_base, _ = deidentify(_ds(), SALT)
    assert ds_other.PatientID != ds_base.PatientID
    assert ds_other.SeriesInstanceUID != ds_base.SeriesInstanceUID


def test_uid_remapping_is_consistent_and_keeps_references():
    a, _ = deidentify(_ds(), SALT)
    other = _ds()
    other.SOPInstanceUID = uid(1, 101)
    b, _ = deidentify(other, SALT)
    assert a.ReferencedImageSequence[0].ReferencedSOPInstanceUID == b.SOPInstanceUID
    assert a.SeriesInstanceUID == b.SeriesInstanceUID == remap_uid(uid(1, 2), SALT)
    assert a.SOPInstanceUID != b.SOPInstanceUID
    assert a.ReferencedImageSequence[0].ReferencedSOPClassUID == CT_CLASS  # well-known UID kept
    assert a.SOPInstanceUID.startswith("2.25.") and len(a.SOPInstanceUID) <= 64
    assert a.file_meta.MediaStorageSOPInstanceUID == a.SOPInstanceUID


def test_dates_that_cannot_be_shifted_are_removed_and_partial_datetimes_keep_precision():
    ds = _ds()
    with quiet_pydicom():
        ds.ContentDate = "2024-06-11"  # malformed DA
    ds.FrameReferenceDateTime = "2024"
    out, entry = deidentify(ds, SALT)
    assert "ContentDate" not in out and "ContentDate" in entry.removed
    assert out.FrameReferenceDateTime == "2023"  # 1 to 365 days before 2024-01-01, year precision kept


def test_nested_identifiers_and_empty_patient_id_are_handled():
    from pydicom.dataset import Dataset

    ds = _ds()
    ds.PatientID = ""
    item = Dataset()
    item.PatientName, item.PatientID, item.InstitutionName = PATIENT["name"], PATIENT["id"], PATIENT["institution"]
    ds.SourcePatientGroupIdentificationSequence = [item]
    out, _ = deidentify(copy.deepcopy(ds), SALT)
    assert out.PatientID == pseudonym(PATIENT["name"], "", SALT)  # falls back to the name
    nested = out.SourcePatientGroupIdentificationSequence[0]
    assert nested.PatientID == out.PatientID and "InstitutionName" not in nested


def test_profile_table_comes_from_the_standard_and_covers_its_attributes():
    from pydicom.datadict import tag_for_keyword

    from medseg_qa.deid_profile import EMPTY, KEEP_TEXT, action_for, profile_table

    exact, masked = profile_table()
    assert len(exact) > 600 and masked  # Table E.1-1 has ~650 rows, overlay groups are masked rows
    assert action_for(tag_for_keyword("PatientBirthDate")) == "Z"
    assert action_for(tag_for_keyword("SOPInstanceUID")) == "U"
    assert action_for(tag_for_keyword("InstitutionName")) is not None
    assert action_for(0x50100000) == "X"  # curve group 50xx
    assert action_for(tag_for_keyword("Rows")) is None and action_for(tag_for_keyword("SegmentLabel")) is None
    assert all(tag_for_keyword(k) is not None for k in EMPTY | KEEP_TEXT)


def test_times_and_unlisted_short_strings_go():
    ds = _ds()
    ds.AcquisitionTime, ds.ContentTime = "101500.000", "101501"
    ds.SeriesTime = "101500"
    ds.add_new(0x00181030, "LO", "protocol for Jane")          # ProtocolName: listed
    ds.add_new(0x00080070, "LO", "Acme Scanners Ltd")           # Manufacturer: not listed, LO
    ds.add_new(0x00081090, "LO", "ModelX of Jane")              # ManufacturerModelName: not listed
    ds.add_new(0x00180015, "CS", "ABDOMEN")                     # BodyPartExamined: CS, kept
    ds.add_new(0x0040A120, "DT", "20240611101500")              # DateTime in a content item
    with quiet_pydicom():
        ds.add_new(0x00080055, "AE", "CTSCANNER01")             # StationAETitle: an AE the old list forgot
        ds.add_new(0x00081190, "UR", "http://pacs.example/jane")  # RetrieveURL: UR
    out, entry = deidentify(ds, SALT)
    for kw in ("AcquisitionTime", "ContentTime", "SeriesTime", "ProtocolName", "Manufacturer",
               "ManufacturerModelName", "StationAETitle", "RetrieveURL"):
        assert kw not in out and kw in entry.removed, kw
    assert out.StudyTime == ""  # type 2: emptied, present
    assert out.BodyPartExamined == "ABDOMEN"
    assert not any(e.VR == "TM" and str(e.value).strip() for e in out.iterall())


def test_caller_identifiers_scrub_kept_text_that_this_file_alone_would_not():
    from pydicom.dataset import Dataset

    from medseg_qa.deid import identifying_values

    series = _ds()  # the image carries the name
    seg = _ds(seed=2)
    for kw in ("PatientName", "OtherPatientIDs", "ReferringPhysicianName", "OperatorsName", "PatientID",
               "AccessionNumber", "InstitutionName", "PatientAddress"):
        del seg[kw]
    seg.PatientID = ""
    seg_item = Dataset()
    seg_item.SegmentLabel = "Jane"
    seg.SegmentSequence = [seg_item]
    alone, _ = deidentify(copy.deepcopy(seg), SALT)
    assert alone.SegmentSequence[0].SegmentLabel == "Jane"  # nothing in the SEG says it is a name
    linked, entry = deidentify(copy.deepcopy(seg), SALT, identifiers=identifying_values(series))
    assert "SegmentLabel" not in linked.SegmentSequence[0] and "SegmentLabel" in entry.scrubbed


@pytest.mark.parametrize("salt", ["a", "b"])
def test_remap_uid_is_a_function_of_salt_and_uid(salt):
    assert remap_uid("1.2.3", salt) == remap_uid("1.2.3", salt) != remap_uid("1.2.4", salt)


_PLANT = {"PN": "Planted^Person{i}", "LO": "PLANTED-{i}", "SH": "PLANTED-{i}", "LT": "PLANTED-{i}",
          "ST": "PLANTED-{i}", "UT": "PLANTED-{i}", "UC": "PLANTED-{i}", "UR": "http://planted/{i}",
          "AE": "PLANTED{i}", "CS": "PLANTED{i}", "AS": "042Y", "DA": "19991231", "TM": "235959",
          "DT": "19991231235959", "UI": "1.2.826.0.1.3680043.8.498.77.{i}", "DS": "77.{i}", "IS": "7{i}",
          "US": 7, "SS": 7, "UL": 7, "SL": 7, "FL": 7.5, "FD": 7.5, "OB": b"PLANTED!", "OW": b"PLANTED!"}


def test_every_attribute_of_the_profile_table_is_handled():
    """Plant a value in every attribute Table E.1-1 lists (and pydicom knows), nested once more in a
    sequence: afterwards each is gone, empty, a remapped UID or a shifted date; no planted text remains."""
    from pydicom.datadict import dictionary_VR, keyword_for_tag
    from pydicom.dataset import Dataset

    from medseg_qa.deid_profile import profile_table

    exact, _ = profile_table()
    ds, planted = _ds(), {}
    nested = Dataset()
    for i, tag in enumerate(sorted(exact)):
        if not keyword_for_tag(tag) or tag in (0x00100010, 0x00100020):  # name and id: pseudonymised
            continue
        vr = dictionary_VR(tag).split(" or ")[0]
        if vr == "SQ":
            item = Dataset()
            item.PatientName = f"Planted^Person{i}"
            value = [item]
        elif vr in _PLANT:
            value = _PLANT[vr].format(i=i) if isinstance(_PLANT[vr], str) else _PLANT[vr]
        else:
            continue
        with quiet_pydicom():
            ds.add_new(tag, vr, value)
            nested.add_new(tag, vr, value)
        planted[tag] = (vr, value)
    ds.SegmentSequence = [nested]  # a sequence the table does not list: walked, not removed
    assert len(planted) > 550
    out, entry = deidentify(ds, SALT)
    for holder in (out, out.SegmentSequence[0]):
        for tag, (vr, value) in planted.items():
            if tag not in holder:
                continue
            kept = holder[tag].value
            if vr == "SQ":  # kept only where the table says replace the UIDs inside (X/Z/U*)
                assert exact[tag] == "X/Z/U*", keyword_for_tag(tag)
            elif vr == "UI":
                assert str(kept).startswith("2.25."), keyword_for_tag(tag)
            elif vr in ("DA", "DT"):
                assert kept in ("", None) or str(kept)[:8] != "19991231", keyword_for_tag(tag)
            else:
                assert kept in ("", None, []), keyword_for_tag(tag)
    text = "\n".join(_all_values(out)).lower()
    assert "planted" not in text and "235959" not in text
