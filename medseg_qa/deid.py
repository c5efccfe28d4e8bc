"""De-identification of DICOM datasets before any value leaves the reader.

Applies the DICOM PS3.15 Basic Application Level Confidentiality Profile with the "Retain Longitudinal
Temporal Information with Modified Dates" option, driven by the standard's table (see
`medseg_qa.deid_profile` for the table, how each action is applied and how unlisted attributes are
handled by VR):

- patient name and id become a salted pseudonym (`PX-` + keyed hash of PatientID + IssuerOfPatientID);
- every attribute the table lists is removed or emptied, at any nesting depth; every private tag,
  overlay and curve group is removed; every other person name is emptied; free text (LT/ST/UT), unknown
  VRs (UN) and short or long strings (SH/LO/AE/UR/UC/AS) the table does not list are removed unless the
  reader needs them (`KEEP_TEXT`: coded-concept strings and segment labels);
- dates (DA, and the date part of DT) shift by a per-patient number of days derived from the salted
  pseudonym, so intervals within one patient survive and absolute dates do not; times (TM, and the time
  part of DT) are removed;
- instance UIDs are remapped to `2.25.<keyed hash>`: the same input UID always gives the same output, so
  a SEG still references its series after both were remapped; well-known DICOM UIDs are kept;
- as a last guard, a kept text value that holds one of the patient's identifying values (collected by
  the caller across every file of the patient, `medseg_qa.deid_screen.Identifiers`) is removed.

Pixel data is not inspected here: the `dicom` source refuses modalities that commonly carry burned-in
text and screens the pixels (`medseg_qa.pixeltext`). The salt is a secret: whoever knows it can confirm
a guessed patient id; the `dicom` source refuses the public default unless a recipe opts in for a test.
The audit names what was done by keyword, never a value.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import hmac
import logging
import re
import warnings

from pydantic import BaseModel, ConfigDict, Field

from medseg_qa.deid_profile import EMPTY, KEEP_TEXT, REMOVE_VRS, TEXT_VRS, action_for
from medseg_qa.deid_screen import Identifiers

DEFAULT_SALT = "medseg-qa-default-deid-salt-v1"
_METHOD_PARTS = ("PS3.15 Basic Application Confidentiality Profile",  # each fits LO (64 characters)
                 "Retain Longitudinal Temporal Info Modified Dates", "medseg-qa deid v2 (PS3.15 2026c table)")
METHOD = "; ".join(_METHOD_PARTS)
_METHOD_CODES = (("113100", "Basic Application Confidentiality Profile"),
                 ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"))

_DATE_RE = re.compile(r"^\d{8}$")


class AuditEntry(BaseModel):
    """What de-identification did to one file: attribute keywords only, never a value."""

    model_config = ConfigDict(extra="forbid")

    file_ref: str = Field(description="pseudonymous reference of the file (no path)")
    patient_pseudonym: str
    sop_class: str = ""
    removed: list[str] = Field(default_factory=list, description="deleted or emptied")
    replaced: list[str] = Field(default_factory=list, description="given a pseudonymous value")
    shifted: list[str] = Field(default_factory=list, description="dates moved by the patient's offset")
    remapped: list[str] = Field(default_factory=list, description="UIDs replaced by keyed hashes")
    scrubbed: list[str] = Field(default_factory=list, description="removed: value held an identifier")
    private_tags_removed: int = 0
    method: str = METHOD


@contextlib.contextmanager
def quiet_pydicom():
    """Silence pydicom's value validation while raw datasets are handled.

    pydicom warns and logs invalid values verbatim ("Invalid value for VR DA: '<birth date>'"), which
    would put identifiers into logs; inside this block nothing is validated, warned or logged.
    """
    from pydicom import config

    settings = config.settings
    saved = settings.reading_validation_mode, settings.writing_validation_mode
    logger = logging.getLogger("pydicom")
    level = logger.level
    settings.reading_validation_mode = settings.writing_validation_mode = config.IGNORE
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        settings.reading_validation_mode, settings.writing_validation_mode = saved
        logger.setLevel(level)


def keyed_hash(salt: str, kind: str, value: str) -> str:
    """HMAC-SHA256 (hex) of a value tagged with its kind, so an id and a UID never collide."""
    return hmac.new(salt.encode(), f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()


def pseudonym(patient_id: str, issuer: str, salt: str) -> str:
    """`PX-` + 12 hex of a keyed hash of the original patient id and its issuer."""
    return "PX-" + keyed_hash(salt, "patient", f"{issuer}\x00{patient_id}")[:12]


def date_shift_days(pseudonym_: str, salt: str, max_days: int) -> int:
    """The patient's date offset: a negative whole number of days in [-max_days, -1]."""
    return -(int(keyed_hash(salt, "shift", pseudonym_)[:12], 16) % max(max_days, 1) + 1)


def remap_uid(uid: str, salt: str) -> str:
    """`2.25.` + a 128-bit keyed hash; consistent for one salt, so references keep matching."""
    return "2.25." + str(int(keyed_hash(salt, "uid", str(uid).strip())[:32], 16))


def _well_known(uid: str) -> bool:
    from pydicom.uid import UID

    return UID(str(uid)).name != str(uid)  # public API: a UID's name is itself unless the dictionary has it


def _shift_da(value: str, days: int) -> str | None:
    value = value.strip()
    if not value:
        return value
    if not _DATE_RE.match(value):
        return None
    try:
        d = _dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None
    return (d + _dt.timedelta(days=days)).strftime("%Y%m%d")


def _shift_dt(value: str, days: int) -> str | None:
    value = value.strip()
    if not value:
        return value
    head = value[:8]
    if len(head) < 8:  # year or year-month precision: shift from its first day, keep the precision
        head = (head + "0101")[:8] if len(head) in (4, 6) else ""
    shifted = _shift_da(head, days) if head else None
    if shifted is None:
        return None
    return shifted[: min(len(value), 8)]  # the time of day and its offset go, as TM values do


class _Run:
    def __init__(self, salt: str, pid: str, shift: int, identifiers: Identifiers) -> None:
        self.salt, self.pid, self.shift = salt, pid, shift
        self.identifiers = identifiers
        self.removed: set[str] = set()
        self.shifted: set[str] = set()
        self.remapped: set[str] = set()
        self.scrubbed: set[str] = set()
        self.private = 0

    def walk(self, ds) -> None:
        for tag in list(ds.keys()):
            if tag.is_private:
                del ds[tag]
                self.private += 1
                continue
            if 0x5000 <= tag.group <= 0x50FF or 0x6000 <= tag.group <= 0x60FF:
                del ds[tag]
                self.removed.add("Overlay/Curve")
                continue
            if tag == 0x7FE00010:  # pixel data: never read here
                continue
            self._element(ds, tag)

    def _element(self, ds, tag) -> None:
        elem = ds[tag]
        kw, vr = elem.keyword or str(tag), elem.VR
        action = action_for(tag)
        if kw in ("PatientName", "PatientID"):
            elem.value = self.pid  # also inside sequences
        elif vr == "SQ":
            if action in (None, "U", "X/Z/U*"):  # U*: keep the items, replace the UIDs inside
                for item in elem.value:
                    self.walk(item)
            else:
                self._drop(ds, tag, kw)
        elif kw in EMPTY:  # the birth date among them: emptied, never shifted
            self._drop(ds, tag, kw)
        elif vr in ("DA", "DT"):  # the Modified Dates option: shifted wherever they occur
            self._shift(ds, tag, elem, kw)
        elif vr == "TM":
            self._drop(ds, tag, kw)
        elif vr == "UI" and action in (None, "U"):
            self._remap(elem, kw)
        elif action is not None or vr == "PN" or vr in REMOVE_VRS or (vr in TEXT_VRS and kw not in KEEP_TEXT):
            self._drop(ds, tag, kw)
        elif vr in TEXT_VRS and self.identifiers.found_in(_text(elem.value)):
            del ds[tag]
            self.scrubbed.add(kw)

    def _drop(self, ds, tag, kw: str) -> None:
        """Remove the attribute, or empty it where a type 2 attribute must stay present."""
        if kw in EMPTY or ds[tag].VR == "PN":
            ds[tag].value = ""
        else:
            del ds[tag]
        self.removed.add(kw)

    def _shift(self, ds, tag, elem, kw: str) -> None:
        fn = _shift_da if elem.VR == "DA" else _shift_dt
        values = list(elem.value) if elem.VM > 1 else [elem.value]
        out = [fn(str(v) if v is not None else "", self.shift) for v in values]
        if any(v is None for v in out):
            del ds[tag]  # unparsable date: cannot be shifted, so it goes
            self.removed.add(kw)
            return
        if any(str(v).strip() for v in values):
            elem.value = out if elem.VM > 1 else out[0]
            self.shifted.add(kw)

    def _remap(self, elem, kw: str) -> None:
        values = list(elem.value) if elem.VM > 1 else [elem.value]
        new = [v if (not str(v).strip() or _well_known(v)) else remap_uid(v, self.salt) for v in values]
        if new != values:
            elem.value = new if elem.VM > 1 else new[0]
            self.remapped.add(kw)


def _text(value) -> str:
    return " ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)


def identifying_values(ds) -> Identifiers:
    """The identifying values of one raw dataset (see `medseg_qa.deid_screen.Identifiers`)."""
    ids = Identifiers()
    with quiet_pydicom():
        ids.add_dataset(ds)
    return ids


def deidentify(ds, salt: str, *, date_shift_days_max: int = 365, file_ref: str = "",
               identifiers: Identifiers | None = None):
    """De-identify `ds` in place; return `(ds, AuditEntry)`.

    `identifiers`: the patient's identifying values collected across all of its files (default: those
    of `ds` alone); kept text that holds one is removed. Deterministic for one salt: the same patient
    gets the same pseudonym and date offset, the same UID the same replacement, whichever file it came
    from.
    """
    with quiet_pydicom():
        return _deidentify(ds, salt, date_shift_days_max, file_ref, identifiers)


def _deidentify(ds, salt: str, date_shift_days_max: int, file_ref: str, identifiers: Identifiers | None):
    from pydicom.dataset import Dataset

    patient_id = str(ds.get("PatientID", "") or "").strip()
    issuer = str(ds.get("IssuerOfPatientID", "") or "").strip()
    if not patient_id:  # no id: fall back to the name, then to the study (one pseudonym per study)
        patient_id = str(ds.get("PatientName", "") or "").strip() or "study:" + str(ds.get("StudyInstanceUID", ""))
    pid = pseudonym(patient_id, issuer, salt)
    if identifiers is None:
        identifiers = Identifiers()
        identifiers.add_dataset(ds)
    run = _Run(salt, pid, date_shift_days(pid, salt, date_shift_days_max), identifiers)
    sop_class = str(ds.get("SOPClassUID", ""))
    run.walk(ds)
    meta = getattr(ds, "file_meta", None)
    if meta is not None:
        run.walk(meta)
    replaced = ["PatientID", "PatientName"]
    ds.PatientName, ds.PatientID = pid, pid
    ds.PatientIdentityRemoved = "YES"
    ds.LongitudinalTemporalInformationModified = "MODIFIED"
    ds.DeidentificationMethod = list(_METHOD_PARTS)
    codes = []
    for value, meaning in _METHOD_CODES:
        c = Dataset()
        c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, "DCM", meaning
        codes.append(c)
    ds.DeidentificationMethodCodeSequence = codes
    entry = AuditEntry(
        file_ref=file_ref, patient_pseudonym=pid,
        sop_class=_sop_class_name(sop_class),
        removed=sorted(run.removed), replaced=replaced, shifted=sorted(run.shifted),
        remapped=sorted(run.remapped), scrubbed=sorted(run.scrubbed), private_tags_removed=run.private)
    return ds, entry


def _sop_class_name(uid: str) -> str:
    """The SOP class's standard name; a private class UID (which could carry anything) is not echoed."""
    from pydicom.uid import UID

    name = UID(uid).name
    return name if name != uid else "private or unknown SOP class"
