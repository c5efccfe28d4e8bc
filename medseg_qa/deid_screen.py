"""Screening header free text before it becomes data: a patient's identifying values, and labels.

DICOM SEG free text (SegmentLabel, the CodeMeaning of a coded concept) is the one kind of header text
the `dicom` source turns into data (a record's target and synonyms), so it passes two checks first:

1. `Identifiers`: every identifying value of one patient, collected from the raw headers of *all* the
   files linked to that patient (the SEG, the series it references, other studies with the same patient
   id) before any of them is de-identified or stored. Person names become tokens (every PN value, at any
   depth: patient, physicians, operators); ids become squashed strings (alphanumerics only, lower case)
   (five characters or more matched inside the text, shorter ones as whole words) of the attributes
   that the PS3.15 profile table lists and whose keyword names an id, a number, a
   name, an address or a telephone (PatientID, AccessionNumber, InstitutionName, StationName, ...);
   the birth date in the common written forms. Held in memory only, never logged.
2. `screen_label`: a label that holds one of those values, that looks like an id (a run of three or
   more digits, or a word with digits that is not in the vocabulary) or that has a word outside the anatomical vocabulary (the knowledge
   base's names, synonyms, descriptors and differentials, plus `EXTRA_VOCABULARY`) is refused. The
   answer is a reason *code*; the value itself is never returned, logged or stored.

The vocabulary rule is what catches a name that no header of the patient carries (another person's,
or a patient whose headers were already blanked): a capitalised or plain word that no anatomical
entry uses is not accepted as a target. A recipe that needs such a label maps the SEG's label or code
to a canonical name in its `labels` option (the recipe author's text, not the file's).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from medseg_qa.deid_profile import action_for

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_ID_KEYWORD = re.compile(r"(ID|IDs|Number|Numbers|Identifier|Locator)$")
_NAME_KEYWORD = re.compile(r"(Name|Names|Address|Telephone\w*|Telecom\w*|Title)$")
_TEXT_VRS = {"LO", "SH", "AE", "UC", "UR", "LT", "ST", "UT", "CS"}
_DIGIT_RUN = re.compile(r"\d{3,}")

EXTRA_VOCABULARY = frozenset("""left right bilateral upper lower superior inferior anterior posterior medial
lateral central peripheral proximal distal lobe segment part whole core region structure tissue organ
vessel lesion lesions tumor tumour mass cyst nodule necrosis necrotic edema oedema enhancing non
nonenhancing of the and with main common internal external total abdomen abdominal chest thorax head neck
pelvis brain spine heart breast extremity knee shoulder hip whole body skull liver kidney""".split())


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of `text` (NFKC, punctuation and DICOM `^` separators split)."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", str(text)).casefold())


def squash(text: str) -> str:
    """Alphanumerics only, lower case: 'MRN-8675309' and 'mrn 8675309' compare equal."""
    return "".join(tokens(text))


class Identifiers:
    """Identifying values of one patient (in memory only): name tokens and squashed ids."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.ids: set[str] = set()  # five characters or more: matched inside the squashed text
        self.short_ids: set[str] = set()  # three or four: matched as a whole token (else 'abd' hits 'abdomen')

    def update(self, other: "Identifiers") -> None:
        self.names |= other.names
        self.ids |= other.ids
        self.short_ids |= other.short_ids

    def add_dataset(self, ds) -> None:
        """Collect from one raw (not yet de-identified) dataset, nested sequences included."""
        for elem in ds.iterall():
            vr, value = elem.VR, elem.value
            if value is None or vr in ("SQ", "OB", "OW", "OF", "UN") or elem.tag == 0x7FE00010:
                continue
            values = list(value) if elem.VM > 1 else [value]
            kw = elem.keyword or ""
            if vr == "PN":
                for v in values:
                    self.names.update(t for t in tokens(v) if len(t) >= 2)
            elif kw == "PatientBirthDate":
                for v in values:
                    self._add_date(str(v))
            elif vr in _TEXT_VRS and not elem.tag.is_private and action_for(elem.tag) not in (None, "U"):
                if _ID_KEYWORD.search(kw):
                    for v in values:
                        self._add_id(str(v))
                elif _NAME_KEYWORD.search(kw):
                    for v in values:
                        self.names.update(t for t in tokens(v) if len(t) >= 3)
                        self._add_id(str(v))

    def _add_id(self, value: str) -> None:
        s = squash(value)
        if len(s) >= 5:
            self.ids.add(s)
        elif len(s) >= 3:
            self.short_ids.add(s)
        self.ids.update(run for run in re.findall(r"\d{4,}", value))

    def _add_date(self, value: str) -> None:
        d = value.strip()
        if re.fullmatch(r"\d{8}", d):
            y, m, day = d[:4], d[4:6], d[6:]
            self.ids.update({y + m + day, day + m + y, m + day + y})

    def found_in(self, text: str) -> bool:
        """True when `text` holds one of the values: a name token, or an id inside its squashed form."""
        if not self:
            return False
        toks = set(tokens(text))
        if self.names & toks or self.short_ids & toks:
            return True
        s = squash(text)
        return any(i in s for i in self.ids)

    def __bool__(self) -> bool:
        return bool(self.names or self.ids or self.short_ids)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Words of the anatomical vocabulary: the knowledge base's names, synonyms, descriptors and
    differentials, plus the positional and lesion words of EXTRA_VOCABULARY."""
    from medseg_qa.knowledge import load_knowledge

    words = set(EXTRA_VOCABULARY)
    for entry in load_knowledge().values():
        for text in (entry.name, entry.descriptor or "", entry.within or "", entry.category,
                     *entry.synonyms, *entry.differentials):
            words.update(tokens(text.rstrip("-")))
    return frozenset(words)


def screen_label(text: str, identifiers: Identifiers | None = None) -> str | None:
    """None when `text` may become a target or synonym, else the reason code (never the value):
    'identifying_value', 'id_like' or 'free_text'."""
    if identifiers is not None and identifiers.found_in(text):
        return "identifying_value"
    toks = tokens(text)
    if not toks:
        return "free_text"
    if _DIGIT_RUN.search("".join(toks)):
        return "id_like"
    vocab = vocabulary()
    for t in toks:
        if t in vocab or (t.isdigit() and len(t) <= 2):
            continue
        return "id_like" if any(c.isdigit() for c in t) else "free_text"
    return None


REASONS = {
    "identifying_value": "holds a value found in an identifying attribute of the patient's files",
    "id_like": "looks like an identifier (digits)",
    "free_text": "has words outside the anatomical vocabulary (could be a name)",
    "no_text": "is missing, or was removed because it held an identifying value",
}

__all__ = ["Identifiers", "EXTRA_VOCABULARY", "REASONS", "screen_label", "squash", "tokens", "vocabulary"]
