"""Bank FD: radiotherapy contouring on planning CT (organs at risk and targets).

Targets (axial planning CT, orientation "LP", 256x256 ellipse masks): left/right parotid gland, parotid
glands (bilateral), submandibular glands (bilateral) and left submandibular gland, brainstem and spinal cord
(midline), left/right optic nerve, mandible (midline arch), left cochlea and cochleae (bilateral, tiny),
rectum, bladder, prostate (midline pelvis), femoral heads (bilateral) and left femoral head, oropharyngeal
primary tumour (GTVp, right) and metastatic cervical lymph nodes (GTVn, three nodes on the left).
Registers: a dosimetrist's checklist ("checklist"), a radiation oncologist teaching a registrar ("teaching"),
a planning-system assistant LLM ("tps"), a physicist's terse QA note ("physqa").

Written without reading QC: no file under medseg_qa/qc/, medseg_qa/knowledge*, tests/unit/, bench/ or any
other bank was opened. Every fact claim a conversation makes is written from the measured facts and logged in
LEDGER (one entry per built row) so the writer's own reader can check it; distractors (dose constraints of
other organs, margins in mm, the radiological display convention, true negations, population percents,
hypotheticals, contralateral/ipsilateral talk, user misconceptions that the assistant corrects) carry no claim
about the mask.

Own check (notes/qcfd_scripts/check_fd.py, seed 20261287): rows: 420 clean: 210 defect: 210 problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["checklist", "teaching", "tps", "physqa"]

LEDGER: list[dict] = []  # one entry per build(): claims made, with turn index and whether planted

# --------------------------------------------------------------------------------------------------
# profiles

_HN_SPARE = [
    "Keeping the contralateral parotid mean dose under 26 Gy is the classic xerostomia constraint.",
    "Spinal cord Dmax stays below 45-50 Gy, and we put a 5 mm PRV around it.",
    "Brainstem is held to a Dmax of 54 Gy, with up to 1 cc allowed to 59 Gy.",
    "Roughly 70% of HPV-related oropharyngeal primaries arise in the tonsil or the base of tongue.",
    "The facial nerve divides the parotid into a superficial and a deep lobe; the deep lobe wraps medial to the ramus.",
    "We grow the GTV by 5 mm into CTV_High and add a 3 mm PTV margin on this machine.",
    "A submandibular mean under 39 Gy is worth chasing when the contralateral level Ib is not a target.",
    "Cochlear mean dose under 45 Gy is the usual aim; for cisplatin patients I try for under 35 Gy.",
    "The optic chiasm lies just above the pituitary fossa, behind both orbits.",
    "Mandible Dmax above 70 Gy raises the risk of osteoradionecrosis, which is seen in about 5% of patients.",
    "The oral cavity avoidance structure usually gets a mean under 30-35 Gy.",
    "Larynx mean below 44 Gy helps voice and swallowing outcomes.",
]
_PELVIS_SPARE = [
    "Rectal V70 under 20% and V50 under 50% are the constraints we usually quote.",
    "Bladder V65 below 25% keeps late urinary toxicity down.",
    "Femoral heads: V50 under 5% is generous and easy to meet with VMAT.",
    "The CTV-to-PTV margin is 5-7 mm, shrunk to 3-5 mm posteriorly toward the rectum.",
    "Seminal vesicles sit behind the bladder base and above the prostate.",
    "A hydrogel spacer adds about 10 mm between the prostate and the anterior rectal wall.",
    "Penile bulb mean under 50 Gy is a soft constraint on most protocols.",
    "Bowel bag V45 under 195 cc is the usual small-bowel limit.",
    "Around 30% of men have a median lobe that indents the bladder base.",
    "Daily CBCT matching to fiducials lets us keep the margins tight.",
]

_CONVENTION = [
    "Reminder: this is the usual radiological display, so the patient's left is on the right of the screen.",
    "The viewer shows the patient as if you stand at the feet, so image right is patient left.",
    "Image left is the patient's right in this axial view, as in every planning system I know.",
    "Anterior is at the top of the screen here and posterior at the bottom, the standard supine display.",
]


def _P(**kw):
    return kw


PROFILES = [
    _P(target="left parotid gland", tps="Parotid_L", short="left parotid", noun="gland", site="hn", fam="parotid",
       ell=[(186, 150, 14, 20)], others={"mandible": (0.5, 0.37), "spinal cord": (0.5, 0.70),
                                          "right parotid gland": (0.27, 0.59)}),
    _P(target="right parotid gland", tps="Parotid_R", short="right parotid", noun="gland", site="hn", fam="parotid",
       ell=[(70, 150, 15, 21)], others={"mandible": (0.5, 0.37), "spinal cord": (0.5, 0.70),
                                         "left parotid gland": (0.73, 0.59)}),
    _P(target="parotid glands", tps="Parotid_L and Parotid_R", short="parotids", noun="glands", site="hn", fam="parotid",
       ell=[(70, 150, 14, 20), (186, 150, 14, 20)], others={"mandible": (0.5, 0.37), "spinal cord": (0.5, 0.72)}),
    _P(target="submandibular glands", tps="Glnd_Submand_L and Glnd_Submand_R", short="submandibular glands",
       noun="glands", site="hn", fam="submand",
       ell=[(95, 95, 10, 9), (161, 95, 10, 9)], others={"mandible": (0.5, 0.29), "spinal cord": (0.5, 0.70)}),
    _P(target="left submandibular gland", tps="Glnd_Submand_L", short="left submandibular", noun="gland",
       site="hn", fam="submand",
       ell=[(161, 95, 11, 10)], others={"mandible": (0.5, 0.29), "spinal cord": (0.5, 0.70)}),
    _P(target="brainstem", tps="Brainstem", short="brainstem", noun="brainstem", site="hn", fam="brainstem",
       ell=[(128, 155, 16, 15)], others={"left cochlea": (0.67, 0.53), "right cochlea": (0.33, 0.53)}),
    _P(target="spinal cord", tps="SpinalCord", short="cord", noun="cord", site="hn", fam="cord",
       ell=[(128, 176, 7, 7)], others={"trachea": (0.5, 0.42), "esophagus": (0.5, 0.55)}),
    _P(target="left optic nerve", tps="OpticNrv_L", short="left optic nerve", noun="nerve", site="hn", fam="optic",
       ell=[(148, 70, 5, 15)], others={"left globe": (0.66, 0.20), "pituitary gland": (0.5, 0.42)}),
    _P(target="right optic nerve", tps="OpticNrv_R", short="right optic nerve", noun="nerve", site="hn", fam="optic",
       ell=[(108, 70, 5, 15)], others={"right globe": (0.34, 0.20), "pituitary gland": (0.5, 0.42)}),
    _P(target="mandible", tps="Bone_Mandible", short="mandible", noun="bone", site="hn", fam="mandible",
       ring=(128, 122, 58, 48, 10), others={"spinal cord": (0.5, 0.70), "left parotid gland": (0.73, 0.59),
                                            "right parotid gland": (0.27, 0.59)}),
    _P(target="left cochlea", tps="Cochlea_L", short="left cochlea", noun="cochlea", site="hn", fam="cochlea",
       ell=[(170, 135, 4, 4)], others={"brainstem": (0.5, 0.61)}),
    _P(target="cochleae", tps="Cochlea_L and Cochlea_R", short="cochleae", noun="cochleae", site="hn", fam="cochlea",
       ell=[(86, 135, 4, 4), (170, 135, 4, 4)], others={"brainstem": (0.5, 0.61)}),
    _P(target="rectum", tps="Rectum", short="rectum", noun="rectum", site="pelvis", fam="rectum",
       ell=[(128, 172, 18, 14)], others={"prostate": (0.5, 0.53), "left femoral head": (0.73, 0.51),
                                          "right femoral head": (0.27, 0.51)}),
    _P(target="bladder", tps="Bladder", short="bladder", noun="bladder", site="pelvis", fam="bladder",
       ell=[(128, 90, 40, 30)], others={"rectum": (0.5, 0.68), "left femoral head": (0.73, 0.51),
                                         "right femoral head": (0.27, 0.51)}),
    _P(target="prostate", tps="Prostate (CTV_Prostate)", short="prostate", noun="gland", site="pelvis", fam="prostate",
       ell=[(128, 135, 22, 18)], others={"rectum": (0.5, 0.68), "left femoral head": (0.73, 0.51),
                                          "right femoral head": (0.27, 0.51)}),
    _P(target="femoral heads", tps="Femur_Head_L and Femur_Head_R", short="femoral heads", noun="heads",
       site="pelvis", fam="femur",
       ell=[(70, 130, 20, 20), (186, 130, 20, 20)], others={"bladder": (0.5, 0.36), "rectum": (0.5, 0.68)}),
    _P(target="left femoral head", tps="Femur_Head_L", short="left femoral head", noun="head", site="pelvis", fam="femur",
       ell=[(186, 130, 21, 21)], others={"bladder": (0.5, 0.36), "rectum": (0.5, 0.68),
                                          "right femoral head": (0.27, 0.51)}),
    _P(target="oropharyngeal primary tumour", tps="GTVp", short="GTVp", noun="primary", site="hn", fam="gtvp",
       ell=[(100, 120, 18, 15)], others={"spinal cord": (0.5, 0.70), "mandible": (0.5, 0.36)}),
    _P(target="metastatic cervical lymph nodes", tps="GTVn", short="GTVn", noun="nodes", site="hn", fam="gtvn",
       ell=[(176, 108, 7, 6), (188, 134, 8, 7), (172, 158, 6, 6)], others={"spinal cord": (0.5, 0.70),
                                                                            "mandible": (0.5, 0.36)}),
]

# words a clean first question must not use, per family (target label, synonyms, adjectival forms, TPS names)
FORBID = {
    "parotid": ["parotid", "parotids", "stensen"],
    "submand": ["submandibular", "submaxillary", "submand", "glnd_submand"],
    "brainstem": ["brainstem", "brain stem", "pons", "medulla", "midbrain", "pontine"],
    "cord": ["spinal", "cord", "myelon", "spinalcord"],
    "optic": ["optic", "opticnrv", "cn ii"],
    "mandible": ["mandible", "mandibular", "jaw", "jawbone", "bone_mandible"],
    "cochlea": ["cochlea", "cochleae", "cochlear"],
    "rectum": ["rectum", "rectal", "recto"],
    "bladder": ["bladder", "vesical", "cystic"],
    "prostate": ["prostate", "prostatic", "ctv_prostate"],
    "femur": ["femoral", "femur", "femur_head", "hip", "hips"],
    "gtvp": ["gtv", "gtvp", "tumour", "tumor", "primary", "carcinoma", "cancer", "neoplasm", "mass", "oropharyngeal"],
    "gtvn": ["gtv", "gtvn", "node", "nodes", "nodal", "lymph", "lymphadenopathy", "metastatic", "metastases",
             "cervical"],
}

# implicit first questions per family (never naming the target)
_Q = {
    "parotid": ["Which salivary gland sits in front of the ear with the facial nerve running through it? Please segment it on this slice.",
                "I need the biggest salivary gland, the one whose duct opens opposite the upper second molar. Can you contour it?",
                "Segment the salivary tissue wrapped around the back of the ramus, the structure we spare for xerostomia."],
    "submand": ["Which salivary glands lie in the level Ib triangle under the body of the jaw? Segment them.",
                "Contour the salivary tissue sitting in the digastric triangle, the one Wharton's duct drains.",
                "Please outline the level Ib salivary glands we try to spare when Ib is not at risk."],
    "brainstem": ["Which serial organ connects the cerebrum to the upper cervical cord and has a 54 Gy max limit? Segment it.",
                  "Contour the structure in the posterior fossa carrying the cranial nerve nuclei, in front of the fourth ventricle.",
                  "Please segment the organ at risk that sits anterior to the cerebellum and carries the long tracts."],
    "cord": ["Which serial organ inside the vertebral canal do we keep under 45 Gy? Please segment it.",
             "Contour the neural structure running through the canal of C2 here, the one that needs a PRV.",
             "Segment the OAR whose overdose gives radiation myelopathy."],
    "optic": ["Which structure carries vision from the globe back to the chiasm? Please segment it on this slice.",
              "Outline the nerve leaving the back of the eye toward the chiasm; we need it for the 54 Gy limit.",
              "Segment the cranial nerve II equivalent in the orbit, the serial visual OAR."],
    "mandible": ["Which bone is at risk of osteoradionecrosis after a dental extraction? Please segment it.",
                 "Contour the U-shaped bone that holds the lower teeth.",
                 "Segment the bone carrying the lower dentition; the dentist asked for its dose."],
    "cochlea": ["Which snail-shaped organ of hearing in the petrous bone should I keep under 45 Gy? Segment it.",
                "Outline the inner-ear hearing organ for a cisplatin patient, please.",
                "Segment the spiral hearing organ in the petrous temporal bone on this slice."],
    "rectum": ["Which part of the bowel just in front of the sacrum limits dose escalation for prostate RT? Segment it.",
               "Contour the last segment of the large bowel before the anal canal on this pelvic slice.",
               "Segment the bowel segment sitting behind the prostate, the one with the V70 constraint."],
    "bladder": ["Which hollow organ stores urine? Please segment it on this planning slice.",
                "Contour the urine reservoir; the patient was asked to drink 500 ml before the scan.",
                "Segment the organ that fills for the comfortably-full drinking protocol."],
    "prostate": ["Which walnut-sized gland around the proximal urethra is our target for intermediate-risk disease? Segment it.",
                 "Contour the gland below the bladder neck that surrounds the urethra; it forms the CTV for this patient.",
                 "Segment the male accessory gland we treat to 60 Gy in 20 fractions here."],
    "femur": ["Which bony structures articulate with the acetabulum on this pelvic slice? Segment them for the V50 check.",
              "Contour the ball of the thigh bone sitting in the socket, the OAR with the V50 constraint.",
              "Segment the rounded proximal ends of the thigh bones seated in the acetabula."],
    "gtvp": ["PET shows an avid abnormality in the tonsillar fossa after a positive biopsy. What is it? Please segment the gross disease.",
             "Biopsy was p16-positive squamous; contour the visible disease at the oropharynx level on this slice.",
             "Segment the enhancing, PET-avid abnormality in the tonsillar region we are treating to 70 Gy."],
    "gtvn": ["The PET shows several avid spots in levels II-III of the neck after a tonsil biopsy. What are these? Segment them.",
             "Contour the enlarged, necrotic-looking round structures in the neck that light up on PET.",
             "Segment the PET-avid deposits in the neck levels that will go to 70 Gy."],
}
# first questions that name the target (names_target defect)
_QN = {
    "parotid": ["Please segment the {t} on this slice.", "Contour the {t} for the xerostomia constraint.",
                "Where is the {t}? Segment it, I need the parotid for the plan."],
    "submand": ["Please segment the {t}.", "Contour the {t}, we might spare submandibular tissue."],
    "brainstem": ["Please segment the brainstem.", "Contour the brainstem for the 54 Gy check."],
    "cord": ["Please segment the spinal cord.", "Contour the spinal cord so I can add the PRV."],
    "optic": ["Please segment the {t}.", "Contour the {t} for the 54 Gy limit."],
    "mandible": ["Please segment the mandible.", "Contour the jaw bone (mandible) for the ORN review."],
    "cochlea": ["Please segment the {t}.", "Contour the {t} for the hearing constraint."],
    "rectum": ["Please segment the rectum.", "Contour the rectum for the V70 check."],
    "bladder": ["Please segment the bladder.", "Contour the urinary bladder, it looks reasonably full."],
    "prostate": ["Please segment the prostate.", "Contour the prostate as CTV for this patient."],
    "femur": ["Please segment the {t}.", "Contour the {t} for the V50 check."],
    "gtvp": ["Please segment the primary tumour (GTVp) in the oropharynx.", "Contour the oropharyngeal primary tumour."],
    "gtvn": ["Please segment the metastatic lymph nodes (GTVn).", "Contour the nodal GTV in the neck."],
}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


def record_for(p):
    return {"modality": "CT", "body_region": "head and neck" if p["site"] == "hn" else "pelvis", "orientation": "LP"}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    s = rng.uniform(0.95, 1.05)
    if "ring" in p:
        cx, cy, rx, ry, tail = p["ring"]
        cx, cy = cx + dx, cy + dy
        outer = ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1
        inner = ((xx - cx) / (rx * s - 10)) ** 2 + ((yy - cy) / (ry * s - 10)) ** 2 <= 1
        mask = outer & ~inner & (yy <= cy + tail)
    for (cx, cy, rx, ry) in p.get("ell", []):
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    return compute_facts(mask, "LP", dict(p["others"])).model_dump(mode="json")


# --------------------------------------------------------------------------------------------------
# phrasing helpers

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_SIZEW = {"small": ["small", "small", "tiny"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
          "large": ["large", "big", "large"]}
_VERTW = {"anterior": ["anterior", "in the front half of the slice", "toward the front", "ventral"],
          "posterior": ["posterior", "in the back half of the slice", "toward the back", "dorsal"],
          "central": ["central front-to-back", "at mid-depth on the AP axis", "in the middle third anteroposteriorly"]}
_RELW = {"left_of": ["on the patient's left of the {o}", "to the left of the {o} (patient's left)", "lateral and to the left of the {o}"],
         "right_of": ["on the patient's right of the {o}", "to the right of the {o} (patient's right)", "to the {o}'s right"],
         "anterior_to": ["anterior to the {o}", "in front of the {o}", "ventral to the {o}"],
         "posterior_to": ["posterior to the {o}", "behind the {o}", "dorsal to the {o}"]}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.claims = []  # (turn, kind, value, snippet, planted)

    def claim(self, turn, kind, value, text, planted=False):
        self.claims.append({"turn": turn, "kind": kind, "value": value, "text": text, "planted": planted})
        return text


def _pct_text(v, rng):
    if v < 0.6:
        return f"{v:.2f}%"
    if v < 2 and rng.random() < 0.6:
        return f"{v:.2f}%"
    return f"{v:.1f}%"


def _subj(p, rng, cap=True):
    s = rng.choice(["it", "the contour", "the mask", "the segmented region", "the " + p["short"], p["tps"].split(" ")[0]])
    if p["tps"].count(" and ") and s == p["tps"].split(" ")[0]:
        s = "the contour"
    plural = s in ("the parotids", "the submandibular glands", "the cochleae", "the femoral heads")
    return (s[0].upper() + s[1:] if cap else s), plural


def _be(plural):
    return "are" if plural else "is"


def lat_sentence(p, value, rng):
    S, pl = _subj(p, rng)
    be = _be(pl)
    if value == "left":
        return rng.choice([f"{S} {be} on the patient's left.",
                           f"{S} {be} left-sided.",
                           f"It shows on the right of the screen, which in this radiological view is the patient's left.",
                           f"Side: patient's left.",
                           f"{S} {be} in the left half of the patient."])
    if value == "right":
        return rng.choice([f"{S} {be} on the patient's right.",
                           f"{S} {be} right-sided.",
                           f"It shows on the left of the screen, which in this radiological view is the patient's right.",
                           f"Side: patient's right.",
                           f"{S} {be} in the right half of the patient."])
    if value == "midline":
        return rng.choice([f"{S} {be} midline, straddling the sagittal plane.",
                           f"{S} sits across the midline rather than on one side.",
                           "Side: midline, not lateralised.",
                           f"{S} {be} centred on the midline."])
    return rng.choice([f"{S} {be} bilateral: there is contour on both the patient's left and right.",
                       "Side: bilateral, one part on each side of the midline.",
                       "It is bilateral, with a piece either side of the midline.",
                       f"{S} {be} present on both sides of the patient."])


def lat_wrong(true, rng):
    if true == "left":
        return rng.choice(["right", "right", "midline"])
    if true == "right":
        return rng.choice(["left", "left", "midline"])
    if true == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])


def lat_neg(p, value, rng):
    """A true negation about the side; returns (text, negated value) or None."""
    if value in ("left", "right"):
        other = "right" if value == "left" else "left"
        return rng.choice([f"It is not on the patient's {other}.", f"Nothing is drawn on the patient's {other} side.",
                           f"Not {other}-sided, despite where it falls on the screen."]), other
    if value == "midline":
        return rng.choice(["It is not lateralised to either side.", "It is not a one-sided structure here."]), "lateral"
    return rng.choice(["It is not confined to one side.", "This is not a one-sided contour."]), "one-sided"


def vert_sentence(p, value, rng):
    S, pl = _subj(p, rng)
    w = rng.choice(_VERTW[value])
    if value == "central":
        return rng.choice([f"{S} {be(pl)} {w}.", "AP position: central.",
                           "It is neither anterior nor posterior - central on the AP axis."])
    return rng.choice([f"{S} {be(pl)} {w}.", f"AP position: {value}.", f"It lies {w}."])


def be(pl):
    return "are" if pl else "is"


def vert_wrong(true, rng):
    if true == "anterior":
        return "posterior"
    if true == "posterior":
        return "anterior"
    return rng.choice(["anterior", "posterior"])


def rel_sentence(p, other, rel, rng):
    S, pl = _subj(p, rng)
    w = rng.choice(_RELW[rel]).format(o=other)
    return rng.choice([f"{S} {be(pl)} {w}.", f"It lies {w}.", f"Relation: {w}."])


def size_sentence(p, cls, pct, rng, pct_only=False, cls_only=False):
    S, pl = _subj(p, rng)
    w = rng.choice(_SIZEW[cls])
    if pct_only:
        return rng.choice([f"{S} cover{'s' if not pl else ''} about {pct} of the image.",
                           f"Area: roughly {pct} of the slice.",
                           f"It takes up around {pct} of the field of view."])
    if cls_only:
        return rng.choice([f"{S} {be(pl)} {w} on this slice.", f"Size: {cls}.", f"On this slice it comes out {w}."])
    return rng.choice([f"{S} {be(pl)} {w}, about {pct} of the image.",
                       f"Size: {cls} ({pct} of the slice).",
                       f"It is {w} - roughly {pct} of the image area."])


def size_wrong(true, rng):
    return {"small": rng.choice(["medium", "large"]), "medium": rng.choice(["small", "large"]), "large": "small"}[true]


def count_sentence(p, n, rng):
    word = _NUM.get(n, str(n))
    if n == 1:
        return rng.choice(["It is one continuous contour, no islands.", "Components: 1.",
                           "The mask is a single connected piece.", "There is just one region, not fragmented."])
    return rng.choice([f"The mask has {word} separate pieces.", f"Components: {n}.",
                       f"There are {word} separate regions, not connected to each other.",
                       f"I count {word} distinct islands in the contour."])


def count_wrong(true, rng):
    if true == 1:
        return rng.choice([2, 3])
    return rng.choice([true - 1, true + 1])


# --------------------------------------------------------------------------------------------------
# registers

def _name_intro(p, style, rng):
    t, tps = p["target"], p["tps"]
    if style == "checklist":
        return rng.choice([f"[x] Structure identified: {t} ({tps}) [SEG]",
                           f"1. Structure: {t}, named {tps} in the plan [SEG]"])
    if style == "teaching":
        return rng.choice([f"This is the {t} - we call it {tps} in the TPS. [SEG]",
                           f"Good. What you're looking at is the {t} ({tps}). [SEG]",
                           f"That would be the {t}. Here it is: [SEG] - it goes into the plan as {tps}."])
    if style == "tps":
        return rng.choice([f"I've generated the {t} contour as {tps}: [SEG]",
                           f"Auto-contour ready. Structure: {t} ({tps}) [SEG]",
                           f"Here is the segmentation of the {t}, saved as {tps}. [SEG]"])
    return rng.choice([f"QA: {tps} = {t}. [SEG]", f"Struct {tps} ({t}) reviewed. [SEG]"])


def _bullet(style, text, rng, tick=True):
    if style == "checklist":
        return ("[x] " if tick else "[ ] ") + text
    if style == "physqa":
        return "- " + text
    return text


def _join(style, parts):
    return "\n".join(parts) if style in ("checklist", "physqa") else " ".join(parts)


_FOLLOW = {
    "side": {"checklist": ["Laterality check before I sign it off?", "Which side is it on?"],
             "teaching": ["Which side is it, and how do you know on this display?", "So which side are we on?"],
             "tps": ["Confirm laterality of the contour.", "Which side of the patient is it on?"],
             "physqa": ["Side?", "Laterality?"]},
    "pos": {"checklist": ["Where does it sit front-to-back?", "Position relative to neighbours?"],
            "teaching": ["Where does it lie relative to its neighbours?", "And its position in the slice?"],
            "tps": ["Report the anteroposterior position.", "Describe its position relative to nearby structures."],
            "physqa": ["AP position?", "Relations?"]},
    "size": {"checklist": ["How big is it on this slice?", "Size check?"],
             "teaching": ["How large is it here?", "Would you call it big or small?"],
             "tps": ["Report the contour size.", "What fraction of the image does it cover?"],
             "physqa": ["Area?", "Size class?"]},
    "count": {"checklist": ["Any stray islands? How many pieces?", "Is it one piece?"],
              "teaching": ["How many separate pieces did you draw?", "Is it continuous?"],
              "tps": ["How many connected components does the contour have?", "Report component count."],
              "physqa": ["Components?", "Islands?"]},
    "summary": {"checklist": ["Give me the summary line for the checklist.", "Summarise for the plan notes."],
                "teaching": ["Summarise it for me like you'd present it at peer review.", "Sum up?"],
                "tps": ["Summarise the structure properties.", "Give me a structure summary."],
                "physqa": ["Summary?", "Sum up."]},
}


def build(p, facts, style, rng, defect):
    r = Row(p, facts, style, rng)
    f = facts
    lat, vert, cls, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    pct_true = 100 * f["area_fraction"]
    rels = [(x["other"], x["relation"]) for x in f["relations"]]
    kind = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(defect)
    where = None
    if kind:
        u = rng.random()
        where = "user" if u < 0.2 else "follow" if u < 0.42 else "first"

    # ---- first user question
    if defect == "names_target":
        q1 = rng.choice(_QN[p["fam"]]).format(t=p["target"])
    else:
        q1 = rng.choice(_Q[p["fam"]])
    pre = {"checklist": ["Checklist item 4, OAR contours. ", "Running the pre-plan checklist. ", ""],
           "teaching": ["Quick one before clinic. ", "I'm contouring my first case. ", ""],
           "tps": ["", "Auto-segment request. ", "Task: "],
           "physqa": ["QA. ", "", "Plan check. "]}[style]
    q1 = rng.choice(pre) + q1
    turns = [{"role": "user", "content": q1}]

    # ---- which facts go where
    topics = ["side", "pos", "size", "count"]
    rng.shuffle(topics)
    first_topics = set(topics[:rng.choice([2, 3])])
    if kind:
        if where == "first":
            first_topics.add(kind)
        else:
            first_topics.discard(kind)
    first_topics = [t for t in ["side", "pos", "size", "count"] if t in first_topics]

    def fact_text(topic, turn, planted):
        """A sentence for one fact topic (true unless planted)."""
        if topic == "side":
            v = lat_wrong(lat, rng) if planted else lat
            return r.claim(turn, "lat", v, lat_sentence(p, v, rng), planted)
        if topic == "pos":
            if planted:
                flippable = [(o, rr) for o, rr in rels]
                if flippable and rng.random() < 0.5:
                    o, rr = rng.choice(flippable)
                    return r.claim(turn, "rel", [o, _FLIP[rr]], rel_sentence(p, o, _FLIP[rr], rng), True)
                v = vert_wrong(vert, rng)
                return r.claim(turn, "vert", v, vert_sentence(p, v, rng), True)
            parts = [r.claim(turn, "vert", vert, vert_sentence(p, vert, rng))]
            for o, rr in rng.sample(rels, min(len(rels), rng.choice([1, 1, 2]))):
                parts.append(r.claim(turn, "rel", [o, rr], rel_sentence(p, o, rr, rng)))
            return " ".join(parts)
        if topic == "size":
            if planted:
                if rng.random() < 0.5:
                    v = size_wrong(cls, rng)
                    return r.claim(turn, "size", v, size_sentence(p, v, None, rng, cls_only=True), True)
                fac = rng.choice([0.25, 0.3, 3.0, 3.5])
                shown = _pct_text(pct_true * fac, rng)
                return r.claim(turn, "pct", float(shown.rstrip("%")), size_sentence(p, cls, shown, rng, pct_only=True), True)
            shown = _pct_text(pct_true * rng.uniform(0.93, 1.07), rng)
            mode = rng.choice(["both", "both", "cls", "pct"])
            txt = size_sentence(p, cls, shown, rng, pct_only=mode == "pct", cls_only=mode == "cls")
            if mode != "pct":
                r.claim(turn, "size", cls, txt)
            if mode != "cls":
                r.claim(turn, "pct", float(shown.rstrip("%")), txt)
            return txt
        if topic == "count":
            v = count_wrong(n, rng) if planted else n
            return r.claim(turn, "count", v, count_sentence(p, v, rng), planted)

    spare = _HN_SPARE if p["site"] == "hn" else _PELVIS_SPARE

    # ---- first answer
    a1 = [_name_intro(p, style, rng)]
    for t in first_topics:
        a1.append(_bullet(style, fact_text(t, 1, kind == t and where == "first"), rng))
    if rng.random() < 0.55 and "side" in first_topics and not (kind == "side" and where == "first"):
        a1.append(_bullet(style, rng.choice(_CONVENTION), rng))
    if rng.random() < 0.4 and "side" in first_topics and not (kind == "side"):
        a1.append(_bullet(style, _neg_claim(r, 1, p, lat, rng), rng))
    if rng.random() < 0.35 and "pos" in first_topics and kind != "pos":
        a1.append(_bullet(style, _vert_neg(r, 1, vert, rng), rng))
    if rng.random() < 0.35 and "size" in first_topics and kind != "size":
        a1.append(_bullet(style, _size_neg(r, 1, cls, rng), rng))
    a1.append(_bullet(style, rng.choice(spare), rng, tick=False))
    if style == "teaching" and rng.random() < 0.5:
        a1.append(rng.choice(["What constraint would you put on it?", "Can you see why the display convention matters here?",
                              "Before you draw, check the window: W400/L40 for soft tissue."]))
    if style == "tps" and rng.random() < 0.5:
        a1.append("Please review the contour before approving; auto-contours can miss edges near metal artefact.")
    turns.append({"role": "assistant", "content": _join(style, a1)})

    # ---- follow-up rounds
    rounds = rng.choice([1, 2])
    later = [t for t in ["side", "pos", "size", "count"] if t not in first_topics]
    rng.shuffle(later)
    plan = []
    if kind and where == "follow":
        plan.append(("ask", kind, True))
    elif kind and where == "user":
        plan.append(("premise", kind, True))
    for t in later:
        if t != kind:
            plan.append(("ask", t, False))
    plan.append(("ask", "summary", False))
    corr_ok = [t for t in ("side", "size", "count") if t != kind and not (t == "side" and lat == "midline")]
    if defect is None and rng.random() < 0.45 and corr_ok:
        plan.insert(0, ("correct", rng.choice(corr_ok), False))
    elif defect is not None and rng.random() < 0.3 and corr_ok:
        plan.insert(1, ("correct", rng.choice(corr_ok), False))
    if kind and where in ("follow", "user"):  # the planted turn must survive the cut
        plan = [x for x in plan if x[2]] + [x for x in plan if not x[2]]
        if rng.random() < 0.5 and len(plan) > 1:
            plan[0], plan[1] = plan[1], plan[0]
    plan = plan[:rounds]
    if kind and where in ("follow", "user") and not any(x[2] for x in plan):
        plan[-1] = [x for x in [("ask", kind, True), ("premise", kind, True)] if (x[0] == "ask") == (where == "follow")][0]

    for act, topic, planted in plan:
        ti = len(turns)
        if act == "ask":
            q = rng.choice(_FOLLOW[topic][style])
            turns.append({"role": "user", "content": q})
            if topic == "summary":
                bits = [fact_text(t, ti + 1, False) for t in ["side", "size", "count"] if t != kind]
                ans = _join(style, [_bullet(style, b, rng) for b in bits])
                if rng.random() < 0.5:
                    ans += "\n" + _bullet(style, rng.choice(spare), rng, tick=False) if style in ("checklist", "physqa") \
                        else " " + rng.choice(spare)
            else:
                ans = fact_text(topic, ti + 1, planted)
                if topic == "side" and not planted and rng.random() < 0.5:
                    ans += " " + _neg_claim(r, ti + 1, p, lat, rng)
                if rng.random() < 0.5:
                    ans += " " + rng.choice(spare)
                if style == "checklist":
                    ans = "[x] " + ans
            turns.append({"role": "assistant", "content": ans})
        elif act == "premise":
            prem = _premise(r, ti, p, topic, planted, rng)
            turns.append({"role": "user", "content": prem})
            turns.append({"role": "assistant", "content": _premise_reply(p, topic, style, spare, rng)})
        else:  # a user's false idea, corrected explicitly
            q, a = _correction(r, ti, p, topic, rng)
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": a})

    LEDGER.append({"claims": r.claims, "defect": defect, "where": where})
    return turns, ([] if defect is None else [defect])


def _neg_claim(r, turn, p, lat, rng):
    text, v = lat_neg(p, lat, rng)
    return r.claim(turn, "lat_not", v, text)


def _vert_neg(r, turn, vert, rng):
    if vert == "central":
        return r.claim(turn, "vert_not", "anterior", rng.choice(["It is not anterior, and not really posterior either.",
                                                                  "Not an anterior structure on this cut."]))
    other = "posterior" if vert == "anterior" else "anterior"
    return r.claim(turn, "vert_not", other, rng.choice([f"It is not {other}.", f"Nothing of it reaches the {other} half."]))


def _size_neg(r, turn, cls, rng):
    if cls == "large":
        return r.claim(turn, "size_not", "small", rng.choice(["Even allowing for the drinking protocol, it is not small.",
                                                                "It is certainly not a small structure on this slice."]))
    return r.claim(turn, "size_not", "large", rng.choice(
        ["If it took more than 5% of the image I'd call it large; it doesn't come close.",
         "It is not large, whatever the zoom suggests."]))


def _premise(r, turn, p, topic, planted, rng):
    f = r.f
    if topic == "side":
        v = lat_wrong(f["laterality"], rng)
        side_txt = {"left": "on the patient's left", "right": "on the patient's right", "midline": "right on the midline"}[v]
        q = rng.choice([f"Since it's {side_txt}, which side should I favour when I place the low-dose avoidance ring?",
                        f"OK, so with it sitting {side_txt}, should the arcs start from that side?"])
        return r.claim(turn, "lat", v, q, True)
    if topic == "pos":
        rels = [(x["other"], x["relation"]) for x in f["relations"]]
        if rels and rng.random() < 0.5:
            o, rr = rng.choice(rels)
            w = {"left_of": f"to the patient's left of the {o}", "right_of": f"to the patient's right of the {o}",
                 "anterior_to": f"in front of the {o}", "posterior_to": f"behind the {o}"}[_FLIP[rr]]
            q = f"Given it lies {w}, should I worry about the PRV overlapping there?"
            return r.claim(turn, "rel", [o, _FLIP[rr]], q, True)
        v = vert_wrong(f["vertical"], rng)
        q = rng.choice([f"Because it is {v} in the slice, will the posterior oblique beams clip it?",
                        f"It being so {v}, should I bother with a couch kick?"])
        return r.claim(turn, "vert", v, q, True)
    if topic == "size":
        v = size_wrong(f["size_class"], rng)
        q = rng.choice([f"As it's {v} on this slice, is auto-contouring good enough or should I edit by hand?",
                        f"It's a {v} structure here, so is a 3 mm PRV overkill?"])
        return r.claim(turn, "size", v, q, True)
    v = count_wrong(f["components"], rng)
    word = "a single piece" if v == 1 else f"{_NUM[v]} separate pieces"
    q = f"With the contour in {word}, do I need to check interpolation between slices?"
    return r.claim(turn, "count", v, q, True)


_REPLY = {
    "side": ["I'd build the avoidance ring from the PTV outward and let the optimiser work; check the DVH afterwards.",
             "Arc start angle makes little difference with full arcs; follow the protocol template and re-check the DVH."],
    "pos": ["Look at the beam's-eye view for each arc segment; if overlap appears, tighten the PRV by 1-2 mm only with the consultant's OK.",
            "A couch kick rarely helps with VMAT; check the DVH first and only change geometry if a constraint fails."],
    "size": ["Review the auto-contour slice by slice anyway; editing near bone and air is where it fails.",
             "The PRV follows the protocol, not the structure's size; keep the 3 mm unless the consultant says otherwise."],
    "count": ["Yes, scroll through the adjacent slices and check the interpolation didn't bridge gaps.",
              "Worth checking: interpolation errors show up as steps on the sagittal reconstruction."],
}


def _premise_reply(p, topic, style, spare, rng):
    body = rng.choice(_REPLY[topic])
    if rng.random() < 0.5:
        body += " " + rng.choice(spare)
    return ("[ ] " + body) if style == "checklist" else body


def _correction(r, turn, p, topic, rng):
    f = r.f
    if topic == "side":
        lat = f["laterality"]
        if lat in ("left", "right"):
            other = "right" if lat == "left" else "left"
            q = f"It's on the {other} of my screen, so that's the patient's {other}, isn't it?"
            a = ("No - the screen's " + other + " is the patient's " + lat + " in radiological view. " +
                 r.claim(turn + 1, "lat", lat, f"The contour is on the patient's {lat}.") + " " + rng.choice(["Easy slip on a first case.", "Common mix-up.", "Always check the orientation label."]))
        else:
            q = "Isn't it only on one side?"
            a = "No. " + r.claim(turn + 1, "lat", "bilateral", "It is bilateral, with a part on each side of the midline.")
        return q, a
    if topic == "size":
        cls = f["size_class"]
        wrong = size_wrong(cls, rng)
        q = f"That looks {rng.choice(_SIZEW[wrong])} to me - is it?"
        a = f"Not really. " + r.claim(turn + 1, "size", cls, f"On this slice it is {rng.choice(_SIZEW[cls])}.") + \
            " Window and zoom can fool you."
        return q, a
    n = f["components"]
    wrong = count_wrong(n, rng)
    q = "Did it come out as a single piece?" if wrong == 1 else f"Did it come out as {_NUM[wrong]} separate pieces?"
    a = "No. " + r.claim(turn + 1, "count", n, count_sentence(p, n, rng))
    return q, a
