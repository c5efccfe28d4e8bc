"""The DICOM PS3.15 Basic Application Level Confidentiality Profile as a table, and what we keep.

The table is Table E.1-1 of the DICOM standard (release 2026c) as the maintained `dicom-anonymizer`
package generates it from the standard's own XML (`dicomanonymizer.dicom_anonymization_databases`): one
action per attribute tag, D (dummy), Z (empty), X (remove), U (new UID) or a combination. We apply it
with the "Retain Longitudinal Temporal Information with Modified Dates" option and our own reading of
the actions, because nothing we read leaves as DICOM (only pixels, geometry and coded concepts do):

- U, and the U* of X/Z/U* sequences (source and referenced images): UIDs remapped, items walked;
- DA and the date part of DT: shifted by the patient's offset (the option), whatever the action;
- TM, and the time part of DT: removed (a time of day adds nothing to a segmentation dataset);
- every other listed attribute (D, Z, X, and their combinations): removed, or emptied where a type 2
  attribute must stay present (`EMPTY`).

Attributes the table does not list are handled by VR, so a value the standard forgets still goes:
private tags, overlays and curves removed; PN emptied; LT/ST/UT/UN removed; SH/LO/AE/UR/UC/AS removed
unless their keyword is on `KEEP_TEXT` (coded-concept strings and segment labels the `dicom` source
reads; these are screened again before they become data, see `medseg_qa.deid_screen`); CS, numbers,
binary values and UIDs (remapped) kept.
"""

from __future__ import annotations

from functools import lru_cache

TABLE_RELEASE = "dicomfields_2026c"

# Emptied, not removed: type 2 attributes most IODs require to be present.
EMPTY = frozenset("AccessionNumber StudyID ReferringPhysicianName PatientBirthDate PatientSex "
                  "ContentCreatorName StudyTime".split())

# Removed although the table does not list them (the project's earlier hand-written list did): sequences
# of issuer details and signatures.
ALSO_REMOVE = frozenset("IssuerOfAccessionNumberSequence IssuerOfPatientIDQualifiersSequence MACParametersSequence"
                        .split())

# Text values the reader needs; every one is screened before it becomes a target or synonym.
KEEP_TEXT = frozenset("""CodeValue CodingSchemeDesignator CodingSchemeVersion CodeMeaning LongCodeValue
URNCodeValue ContextIdentifier MappingResource SegmentLabel SpecificCharacterSet""".split())

REMOVE_VRS = frozenset({"LT", "ST", "UT", "UN"})
TEXT_VRS = frozenset({"SH", "LO", "AE", "UR", "UC", "AS"})

_CATEGORIES = {"D_TAGS": "D", "Z_TAGS": "Z", "X_TAGS": "X", "U_TAGS": "U", "Z_D_TAGS": "Z/D",
               "X_Z_TAGS": "X/Z", "X_D_TAGS": "X/D", "X_Z_D_TAGS": "X/Z/D", "X_Z_U_STAR_TAGS": "X/Z/U*"}


@lru_cache(maxsize=1)
def profile_table() -> tuple[dict[int, str], tuple[tuple[int, int, int, int, str], ...]]:
    """(action by tag, masked entries as (group, element, group mask, element mask, action)); the table
    plus ALSO_REMOVE.

    Raises ImportError with an install hint when `dicom-anonymizer` is missing.
    """
    import importlib

    try:
        module = importlib.import_module(f"dicomanonymizer.dicom_anonymization_databases.{TABLE_RELEASE}")
    except ImportError as exc:
        raise ImportError("the PS3.15 profile table comes from the dicom-anonymizer package; "
                          "pip install 'dicom-anonymizer>=2.1'") from exc
    from pydicom.datadict import tag_for_keyword

    exact: dict[int, str] = {tag_for_keyword(kw): "X" for kw in ALSO_REMOVE}
    masked = []
    for category, action in _CATEGORIES.items():
        for entry in getattr(module, category):
            if len(entry) == 2:
                exact[(entry[0] << 16) | entry[1]] = action
            else:
                masked.append((*entry, action))
    return exact, tuple(masked)


def action_for(tag: int) -> str | None:
    """The profile's action for one tag (exact entry first, then group-masked ones), or None if unlisted."""
    exact, masked = profile_table()
    action = exact.get(int(tag))
    if action is not None:
        return action
    group, element = int(tag) >> 16, int(tag) & 0xFFFF
    for g, e, gm, em, act in masked:
        if group & gm == g & gm and element & em == e & em:
            return act
    return None


__all__ = ["TABLE_RELEASE", "ALSO_REMOVE", "EMPTY", "KEEP_TEXT", "REMOVE_VRS", "TEXT_VRS", "profile_table", "action_for"]
