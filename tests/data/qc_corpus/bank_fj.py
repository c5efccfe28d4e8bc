"""Bank FJ: neuroradiology, neuro-oncology and stroke on axial brain MR/CT.

Targets: brain tumour (lobar glioma, butterfly glioma across the midline), enhancing tumour (ring),
necrotic core, peritumoral oedema, stroke lesion (MCA/ACA/PCA infarcts, bilateral embolic showers),
hippocampi (bilateral), left/right hippocampus, lateral ventricles (bilateral, normal and
hydrocephalic), brain metastases (solitary, one-sided clusters, bilateral), white matter lesions
(bilateral periventricular foci).
Registers: neuro_report, stroke_team, tumour_board, neurosurgery_trainee.

Written without reading QC. Every sentence that states a measured fact is entered in a ledger
(`LEDGER`, one entry per `build` call) so the writer's own reader can check it; body-side deficits,
dominance, midline shift direction, ASPECTS/NIHSS scores, volumes in cm3, RANO thresholds and
population percentages are true sentences about other things and are not fact claims on the mask.
Own check (/work/notes/qcfj_scripts/check_fj.py): rows 420, clean 210, defects 42 of each kind,
problems 0.
"""

from __future__ import annotations

import math

import numpy as np

STYLES = ["neuro_report", "stroke_team", "tumour_board", "neurosurgery_trainee"]
LEDGER: list[dict] = []

N = 256

# neighbour centroids, normalised (x, y); x grows to the patient's LEFT (radiological axial view)
NB = {
    "third ventricle": (0.5, 0.5), "left lateral ventricle": (0.58, 0.46), "right lateral ventricle": (0.42, 0.46),
    "brainstem": (0.5, 0.64), "corpus callosum": (0.5, 0.44), "left thalamus": (0.56, 0.53),
    "right thalamus": (0.44, 0.53), "pineal gland": (0.5, 0.6), "fourth ventricle": (0.5, 0.74),
    "left caudate head": (0.56, 0.4), "right caudate head": (0.44, 0.4), "falx cerebri": (0.5, 0.5),
    "left insula": (0.66, 0.47), "right insula": (0.34, 0.47), "septum pellucidum": (0.5, 0.44),
}


def _nb(*names):
    return {n: NB[n] for n in names}


def _E(cx, cy, a, b, ang=0.0, hole=None):
    return {"c": (cx, cy), "ab": (a, b), "ang": ang, "hole": hole}


PROFILES = [
    # --- brain tumour (whole tumour) ---
    {"target": "brain tumour", "group": "tumour", "lobe": "frontal", "mod": "MR",
     "shapes": [_E(172, 80, 28, 24, 20)], "others": _nb("left lateral ventricle", "corpus callosum", "third ventricle")},
    {"target": "brain tumour", "group": "tumour", "lobe": "temporal", "mod": "MR",
     "shapes": [_E(78, 138, 26, 30, -10)], "others": _nb("right thalamus", "right insula", "brainstem")},
    {"target": "brain tumour", "group": "tumour", "lobe": "parietal", "mod": "MR",
     "shapes": [_E(84, 168, 40, 36, 0)], "others": _nb("right lateral ventricle", "third ventricle")},
    {"target": "brain tumour", "group": "tumour", "lobe": "occipital", "mod": "MR",
     "shapes": [_E(162, 196, 22, 20, 0)], "others": _nb("pineal gland", "left thalamus")},
    {"target": "brain tumour", "group": "tumour", "lobe": "butterfly", "mod": "MR",
     "shapes": [_E(128, 96, 50, 17, 0)], "others": _nb("third ventricle", "brainstem")},
    # --- enhancing tumour (rings) ---
    {"target": "enhancing tumour", "group": "enh", "lobe": "temporal", "mod": "MR",
     "shapes": [_E(174, 134, 22, 19, 0, hole=(13, 11))], "others": _nb("left thalamus", "brainstem")},
    {"target": "enhancing tumour", "group": "enh", "lobe": "frontal", "mod": "MR",
     "shapes": [_E(86, 84, 26, 22, 15, hole=(15, 12))], "others": _nb("right caudate head", "third ventricle")},
    # --- necrotic core ---
    {"target": "necrotic core", "group": "nec", "lobe": "frontal", "mod": "MR",
     "shapes": [_E(86, 84, 13, 10, 15)], "others": _nb("right caudate head", "third ventricle")},
    {"target": "necrotic core", "group": "nec", "lobe": "parietal", "mod": "MR",
     "shapes": [_E(168, 170, 14, 12, 0)], "others": _nb("left lateral ventricle", "fourth ventricle")},
    # --- peritumoral oedema ---
    {"target": "peritumoral oedema", "group": "oed", "lobe": "frontal", "mod": "MR",
     "shapes": [_E(168, 92, 44, 36, 10, hole=(18, 15))], "others": _nb("third ventricle", "brainstem")},
    {"target": "peritumoral oedema", "group": "oed", "lobe": "temporal", "mod": "MR",
     "shapes": [_E(80, 140, 34, 40, 0, hole=(14, 12))], "others": _nb("right thalamus", "fourth ventricle")},
    # --- stroke lesion ---
    {"target": "stroke lesion", "group": "stroke", "lobe": "MCA", "mod": "CT",
     "shapes": [_E(182, 122, 28, 46, 8)], "others": _nb("left insula", "third ventricle", "left lateral ventricle")},
    {"target": "stroke lesion", "group": "stroke", "lobe": "MCA", "mod": "MR",
     "shapes": [_E(74, 100, 14, 10, 30)], "others": _nb("right insula", "third ventricle")},
    {"target": "stroke lesion", "group": "stroke", "lobe": "PCA", "mod": "MR",
     "shapes": [_E(104, 202, 18, 14, 0)], "others": _nb("right thalamus", "pineal gland")},
    {"target": "stroke lesion", "group": "stroke", "lobe": "ACA", "mod": "MR",
     "shapes": [_E(143, 72, 9, 20, 0)], "others": _nb("corpus callosum", "fourth ventricle")},
    {"target": "stroke lesion", "group": "stroke", "lobe": "emboli", "mod": "MR",
     "shapes": [_E(72, 96, 6, 5), _E(186, 110, 7, 5), _E(90, 165, 5, 5), _E(170, 170, 6, 6)],
     "others": _nb("third ventricle", "brainstem")},
    # --- hippocampi ---
    {"target": "hippocampi", "group": "hippo", "lobe": "mesial", "mod": "MR",
     "shapes": [_E(95, 140, 8, 17, 15), _E(161, 140, 8, 17, -15)], "others": _nb("brainstem", "corpus callosum")},
    {"target": "left hippocampus", "group": "hippo1", "lobe": "mesial", "mod": "MR",
     "shapes": [_E(161, 134, 8, 17, -15)], "others": _nb("brainstem", "left thalamus", "corpus callosum")},
    {"target": "right hippocampus", "group": "hippo1", "lobe": "mesial", "mod": "MR",
     "shapes": [_E(95, 134, 8, 17, 15)], "others": _nb("brainstem", "right thalamus", "corpus callosum")},
    # --- lateral ventricles ---
    {"target": "lateral ventricles", "group": "vent", "lobe": "normal", "mod": "MR",
     "shapes": [_E(108, 118, 10, 30, 8), _E(148, 118, 10, 30, -8)], "others": _nb("fourth ventricle", "brainstem")},
    {"target": "lateral ventricles", "group": "vent", "lobe": "hydro", "mod": "CT",
     "shapes": [_E(102, 120, 17, 40, 6), _E(154, 120, 17, 40, -6)], "others": _nb("fourth ventricle", "pineal gland")},
    # --- brain metastases ---
    {"target": "brain metastases", "group": "mets", "lobe": "multi", "mod": "MR",
     "shapes": [_E(78, 84, 7, 7), _E(178, 150, 9, 8), _E(150, 66, 6, 6)], "others": _nb("third ventricle", "brainstem")},
    {"target": "brain metastases", "group": "mets", "lobe": "multi", "mod": "MR",
     "shapes": [_E(68, 118, 9, 9), _E(92, 200, 8, 7)], "others": _nb("right lateral ventricle", "third ventricle")},
    {"target": "brain metastases", "group": "mets", "lobe": "solitary", "mod": "MR",
     "shapes": [_E(164, 196, 12, 11)], "others": _nb("fourth ventricle", "left thalamus")},
    {"target": "brain metastases", "group": "mets", "lobe": "multi", "mod": "MR",
     "shapes": [_E(70, 90, 5, 5), _E(184, 96, 6, 5), _E(80, 170, 5, 4), _E(176, 186, 6, 6), _E(150, 214, 4, 4)],
     "others": _nb("third ventricle", "brainstem")},
    # --- white matter lesions ---
    {"target": "white matter lesions", "group": "wml", "lobe": "periventricular", "mod": "MR",
     "shapes": [_E(100, 96, 5, 8, 20), _E(158, 98, 6, 8, -20), _E(96, 150, 5, 7), _E(162, 148, 5, 9),
                _E(122, 80, 4, 4)], "others": _nb("corpus callosum", "fourth ventricle")},
    {"target": "white matter lesions", "group": "wml", "lobe": "periventricular", "mod": "MR",
     "shapes": [_E(104, 110, 6, 9, 10), _E(156, 112, 6, 9, -10), _E(160, 150, 5, 6)],
     "others": _nb("corpus callosum", "brainstem")},
]


def _draw(mask, e, dx, dy, grow):
    cx, cy = e["c"][0] + dx, e["c"][1] + dy
    a, b = e["ab"][0] * grow, e["ab"][1] * grow
    t = math.radians(e["ang"])
    yy, xx = np.mgrid[0:N, 0:N]
    u = (xx - cx) * math.cos(t) + (yy - cy) * math.sin(t)
    v = -(xx - cx) * math.sin(t) + (yy - cy) * math.cos(t)
    inside = (u / a) ** 2 + (v / b) ** 2 <= 1.0
    if e["hole"]:
        ha, hb = e["hole"][0] * grow, e["hole"][1] * grow
        inside &= ~((u / ha) ** 2 + (v / hb) ** 2 <= 1.0)
    mask |= inside


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((N, N), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    grow = rng.uniform(0.93, 1.07)
    for e in p["shapes"]:
        _draw(mask, e, dx + rng.uniform(-1, 1), dy + rng.uniform(-1, 1), grow)
    return compute_facts(mask, "LP", dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": "brain", "orientation": "LP"}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ------------------------------------------------------------------------------------------------
# words

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
OPP = {"left": "right", "right": "left"}

NAMES = {
    "tumour": ["the tumour", "the glioma", "the intra-axial tumour", "this infiltrative glioma"],
    "enh": ["the enhancing tumour", "the enhancing rim", "the enhancing component"],
    "nec": ["the necrotic core", "the central necrosis", "the necrotic centre"],
    "oed": ["the peritumoral oedema", "the surrounding vasogenic oedema", "the perilesional oedema"],
    "stroke": ["the acute infarct", "the stroke lesion", "the infarct core", "the ischaemic lesion"],
    "hippo": ["both hippocampi", "the hippocampi", "the two hippocampi"],
    "hippo1": ["the {side} hippocampus", "the hippocampus"],
    "vent": ["the lateral ventricles", "both lateral ventricles", "the lateral ventricular system"],
    "mets": ["the brain metastases", "the metastatic deposits", "the mets", "the metastases"],
    "wml": ["the white matter lesions", "the white matter hyperintensities", "the periventricular lesions"],
}
PLURAL = {"hippo", "vent", "mets", "wml"}

# the target named outright (names_target defect) -- first question only
NAMED_Q = {
    "tumour": ["Segment the brain tumour", "Outline the glioma", "Contour the tumour"],
    "enh": ["Segment the enhancing tumour", "Outline the enhancing part of the tumour"],
    "nec": ["Segment the necrotic core", "Outline the necrotic centre of the tumour"],
    "oed": ["Segment the peritumoral oedema", "Outline the oedema around the tumour"],
    "stroke": ["Segment the stroke lesion", "Outline the infarct", "Contour the acute stroke"],
    "hippo": ["Segment the hippocampi", "Outline both hippocampi"],
    "hippo1": ["Segment the hippocampus", "Outline the hippocampus on this side"],
    "vent": ["Segment the lateral ventricles", "Outline the lateral ventricles"],
    "mets": ["Segment the brain metastases", "Outline all the mets", "Contour every metastasis"],
    "wml": ["Segment the white matter lesions", "Outline the white matter hyperintensities"],
}

# words the implicit first question must never hold, per group (the writer's own list)
FORBID = {
    "tumour": ["tumour", "tumor", "glioma", "glioblastoma", "gbm", "neoplas", "mass", "cancer", "oncolog"],
    "enh": ["enhanc", "tumour", "tumor", " et "],
    "nec": ["necro", "core", "dead"],
    "oed": ["oedema", "edema", "swelling", "vasogenic", "peritumo", "tumour", "tumor"],
    "stroke": ["stroke", "infarct", "ischaemi", "ischemi", "lesion", "cva"],
    "hippo": ["hippocamp", "ammon"],
    "hippo1": ["hippocamp", "ammon"],
    "vent": ["ventric"],
    "mets": ["metasta", "mets", "secondar", "deposit"],
    "wml": ["white matter", "lesion", "plaque", "wmh", "hyperintens", "leukoaraiosis"],
}


def _pct_text(v, rng):
    if v >= 10:
        s = f"{v:.0f}"
    elif v >= 1:
        s = f"{v:.1f}"
    else:
        s = f"{v:.2f}"
    return rng.choice([f"{s}%", f"{s}%", f"about {s}%", f"{s} percent", f"roughly {s}%"])


SIZE_WORD = {"small": ["small", "small", "fairly small"], "medium": ["medium-sized", "moderate-sized", "mid-sized"],
             "large": ["large", "large", "sizeable, large"]}


class Row:
    """Collects turns and the ledger of fact claims made in them."""

    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, f, style, rng, defect
        self.g = p["group"]
        self.turns: list[dict] = []
        self.claims: list[dict] = []
        self.lat = f["laterality"]
        self.vert = f["vertical"]
        self.size = f["size_class"]
        self.pct = 100.0 * f["area_fraction"]
        self.n = f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.quiet_side = False
        self.mm = rng.choice([4, 5, 6, 7, 8])
        self.used: set = set()

    def claim(self, kind, value, phrase, false=False, status="asserted"):
        self.claims.append({"turn": len(self.turns), "kind": kind, "value": value, "phrase": phrase,
                            "false": false, "status": status})
        return phrase

    def add(self, role, parts):
        text = " ".join(x for x in parts if x)
        self.turns.append({"role": role, "content": text})


# side phrases ---------------------------------------------------------------------------------

def side_phrase(lat, rng, g):
    """A noun-phrase location stating laterality `lat` (patient terms)."""
    if lat in ("left", "right"):
        return rng.choice([f"in the {lat} hemisphere", f"on the patient's {lat}", f"in the {lat} cerebral hemisphere",
                           f"on the {lat} side", f"{lat}-sided", f"within the {lat} hemisphere"])
    if lat == "bilateral":
        return rng.choice(["in both hemispheres", "present bilaterally", "on both sides", "in both cerebral hemispheres",
                           "bilateral, one part on each side of the midline"])
    return rng.choice(["in the midline", "straddling the midline", "midline, across both sides of the falx",
                       "centred on the midline"])


def wrong_side(lat, rng):
    if lat in ("left", "right"):
        return rng.choice([OPP[lat], OPP[lat], "bilateral", "midline"])
    if lat == "bilateral":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])


def vert_phrase(v, rng):
    if v == "anterior":
        return rng.choice(["anteriorly", "in the anterior half of the brain", "toward the front", "in the anterior part of the slice"])
    if v == "posterior":
        return rng.choice(["posteriorly", "in the posterior half of the brain", "toward the back", "in the posterior part of the slice"])
    return rng.choice(["centrally in the front-to-back direction", "at mid anteroposterior level",
                       "roughly midway between front and back", "in the central zone, neither anterior nor posterior"])


def wrong_vert(v, rng):
    return {"anterior": "posterior", "posterior": "anterior"}.get(v) or rng.choice(["anterior", "posterior"])


REL_WORDS = {"left_of": ["to the left of", "on the patient's left of", "left of"],
             "right_of": ["to the right of", "on the patient's right of", "right of"],
             "anterior_to": ["anterior to", "in front of", "ahead of"],
             "posterior_to": ["posterior to", "behind", "dorsal to"]}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def count_phrase(n, rng, g):
    unit = {"mets": ("lesion", "lesions"), "wml": ("focus", "foci"), "stroke": ("infarct", "infarcts"),
            "hippo": ("structure", "structures"), "vent": ("cavity", "cavities")}.get(g, ("component", "components"))
    if n == 1:
        return rng.choice([f"a single {unit[0]}", f"one {unit[0]}", f"one connected {unit[0]}", f"a solitary {unit[0]}"])
    w = NUM.get(n, str(n)) if rng.random() < 0.6 else str(n)
    return rng.choice([f"{w} separate {unit[1]}", f"{w} distinct {unit[1]}", f"{w} discrete {unit[1]}"])


def wrong_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([n - 1, n + 1, n + 2]) if n > 2 else rng.choice([1, 3, 4])


# ------------------------------------------------------------------------------------------------
# first questions

def deficit_side(lat):
    """Body side of a hemispheric deficit: opposite the lesion."""
    return OPP.get(lat)


def q_clue(r, rng):
    g, lat = r.g, r.lat
    ds = deficit_side(lat)
    if g == "tumour":
        return rng.choice(["the abnormality that explains the new focal seizures",
                           "whatever is causing the morning headaches and papilloedema",
                           "the thing the neurosurgeons want to resect",
                           "the expansile abnormality on FLAIR that we are planning surgery for",
                           "the culprit abnormality, contour it please"])
    if g == "enh":
        return rng.choice(["the part that takes up gadolinium on post-contrast T1 -- the rim, not the centre",
                           "the component we would measure bidimensionally for RANO",
                           "the bright ring on the contrast scan"])
    if g == "nec":
        return rng.choice(["the non-enhancing centre inside the ring",
                           "the part in the middle of the ring that has died off and does not take contrast",
                           "the central T1-dark, non-enhancing region inside the rim"])
    if g == "oed":
        return rng.choice(["the FLAIR-bright signal spreading through the white matter around the ring",
                           "the T2 hyperintense fluid signal surrounding the enhancing rim, not the rim itself",
                           "the finger-like FLAIR signal around the resection target"])
    if g == "stroke":
        if ds:
            return rng.choice([f"whatever explains the sudden {ds} face and arm weakness",
                               f"the cause of her acute {ds} hemiparesis, onset 90 minutes ago",
                               f"what the DWI shows in a patient with {ds} hemianopia since this morning",
                               f"the cause of the new {ds}-sided numbness and clumsiness"])
        return rng.choice(["what the DWI shows in a patient with AF and fluctuating confusion",
                           "the restricted-diffusion foci in a patient with endocarditis"])
    if g == "hippo":
        return rng.choice(["the paired medial temporal structures that atrophy first in Alzheimer's disease",
                           "both memory-consolidating structures of the medial temporal lobes",
                           "the paired structures we grade on the Scheltens MTA score"])
    if g == "hippo1":
        r.claim("side", lat, f"{lat} medial temporal", False)
        return rng.choice([f"the memory structure in the {lat} medial temporal lobe",
                           f"the {lat} medial temporal structure that sclerosis affects in temporal lobe epilepsy"])
    if g == "vent":
        return rng.choice(["the CSF-filled cavities that balloon in obstructive hydrocephalus",
                           "the paired CSF spaces a shunt catheter would be passed into",
                           "the spaces that make the 'butterfly' of CSF in the centre of the brain"])
    if g == "mets":
        return rng.choice(["every spot the melanoma has spread to",
                           "all the enhancing foci we need to plan radiosurgery for",
                           "everything the lung adenocarcinoma has seeded in the brain",
                           "each enhancing nodule at the grey-white junction"])
    return rng.choice(["the FLAIR-bright spots around the ventricles for her MS follow-up",
                       "the ovoid foci perpendicular to the ventricles (Dawson's fingers)",
                       "the periventricular FLAIR-bright foci in this 70-year-old with hypertension"])


def first_question(r, rng, premise):
    """premise: an extra user sentence (may hold a false claim), or None."""
    st = r.style
    if r.defect == "names_target":
        ask = rng.choice(NAMED_Q[r.g]) + "."
    else:
        ask = None
    clue = q_clue(r, rng) if ask is None else ""
    if st == "neuro_report":
        opener = rng.choice(["Formal read please.", "Requesting a report on this axial slice.",
                             "Please dictate findings for this study.", "Neuro list, next case."])
        body = ask or rng.choice([f"Segment {clue}.", f"Could you segment {clue}?", f"I need {clue} outlined."])
        hist = rng.choice(["58F, new seizures.", "History: 64M, progressive headache.", "Indication: follow-up.",
                           "Clinical: cognitive decline, query cause.", "Referred from ED."])
        parts = [opener, hist, body]
    elif st == "stroke_team":
        opener = rng.choice(["Neuro reg here, ED resus.", "Code call, quick one:", "Team chat -- imaging is up.",
                             "Pinging the group:"] + ([] if r.g == "stroke" else ["Stroke call, turned out odd:"]))
        body = ask or rng.choice([f"Can someone segment {clue}?", f"need {clue} segmented asap",
                                  f"pls segment {clue}"])
        hist = rng.choice(["LKW 08:40, NIHSS 12.", "Onset unknown, woke up like this.", "Age 77, on apixaban.",
                           "BP 190/100, glucose normal.", "Imaging done at 52 minutes door-to-CT."])
        parts = [opener, hist, body]
    elif st == "tumour_board":
        opener = rng.choice(["Tumour board, case 4.", "For Thursday's neuro-onc MDT:", "MDT prep --",
                             "Board list item 2:"])
        if r.g != "mets":
            opener = rng.choice(["Neuro MDT, case 4.", "For Thursday's multidisciplinary meeting:", "MDT prep --",
                                 "Board list item 2:"])
        body = ask or rng.choice([f"Please segment {clue}.", f"We need {clue} segmented for the volumetrics.",
                                  f"Could you segment {clue} so we can compare with the prior?"])
        hist = rng.choice(["Prior scan 3 months ago for comparison.", "Post-chemoradiation follow-up.",
                           "Pre-operative planning.", "On dexamethasone 4 mg."]
                          if r.g in ("tumour", "enh", "nec", "oed", "mets") else
                          ["Prior MR 6 months ago for comparison.", "Follow-up study.", "Referred from clinic.",
                           "Comparison with the previous scan requested."])
        parts = [opener, hist, body]
    else:
        opener = rng.choice(["I'm the junior resident on neurosurgery tonight.", "Trainee question, sorry if basic:",
                             "Can you walk me through this one?", "Consultant asked me to present this scan."])
        body = ask or rng.choice([f"Could you segment {clue} and explain?", f"First, segment {clue}.",
                                  f"Please segment {clue} so I can plan my presentation."])
        hist = rng.choice(["Right-handed patient, left-dominant hemisphere.", "Patient is left-handed.",
                           "She's a right-handed pianist.", "Pre-op for a craniotomy next week."])
        parts = [opener, hist, body]
    if premise:
        parts.insert(2, premise)
    return " ".join(parts)


# ------------------------------------------------------------------------------------------------
# assistant building blocks (each returns text and writes claims to the ledger)

def name_of(r, rng):
    n = rng.choice(NAMES[r.g] if not (r.g == "mets" and r.n == 1) else ["the solitary metastasis", "the metastasis"])
    if "{side}" in n:
        n = n.format(side=r.p["target"].split()[0])
    return n


def cap(s):
    return s[0].upper() + s[1:]


def s_side(r, rng, value=None, false=False):
    lat = value or r.lat
    subj = rng.choice(["It", "The mask", "The segmented region", "This", cap(name_of(r, rng))])
    ph = side_phrase(lat, rng, r.g)
    r.claim("side", lat, ph, false)
    verb = "are" if r.g in PLURAL and subj not in ("It", "The mask", "The segmented region", "This") else "is"
    forms = [f"{subj} {verb} {ph}.", f"{subj} {verb} {ph}, as measured in patient coordinates."]
    if lat in ("left", "right"):
        img = "right" if lat == "left" else "left"
        forms.append(f"On the screen it sits on the image's {img}, which in the radiological convention puts it {ph}.")
    return rng.choice(forms)


def s_vert(r, rng, value=None, false=False):
    v = value or r.vert
    ph = vert_phrase(v, rng)
    r.claim("vert", v, ph, false)
    subj = rng.choice(["It lies", "The mask sits", "The segmented region sits", "Front to back, it lies"])
    return f"{subj} {ph}."


def s_size(r, rng, cls=None, false=False):
    c = cls or r.size
    w = rng.choice(SIZE_WORD[c])
    r.claim("size", c, w, false)
    pl = r.g in PLURAL
    return rng.choice([f"Overall the segmented area is {w} for this slice.",
                       f"Taken together the mask is {w}." if pl else f"In area it is {w}.",
                       f"Size-wise I'd call it {w} on this section."])


def s_pct(r, rng, value=None, false=False):
    v = value if value is not None else r.pct
    t = _pct_text(v, rng)
    r.claim("pct", v, t, false)
    return rng.choice([f"The mask covers {t} of the image.", f"That is {t} of the slice by area.",
                       f"By pixel count it takes up {t} of the field of view."])


def s_count(r, rng, value=None, false=False):
    n = value or r.n
    ph = count_phrase(n, rng, r.g)
    r.claim("count", n, ph, false)
    return rng.choice([f"The mask is made of {ph}.", f"I count {ph} in the segmentation.",
                       f"On this slice there {'is' if n == 1 else 'are'} {ph}."])


def s_rel(r, rng, rel=None, false=False):
    if rel is None:
        if not r.rels:
            return ""
        rel = rng.choice(r.rels)
    other, kind = rel
    w = rng.choice(REL_WORDS[kind])
    ph = f"{w} the {other}"
    r.claim("rel", (other, kind), ph, false)
    return rng.choice([f"The segmented region lies {ph}.", f"Relative to neighbours, it sits {ph}.",
                       f"It is {ph}."])


def s_neg(r, rng):
    """A true negation about side or vertical position."""
    if r.lat in ("left", "right") and rng.random() < 0.6:
        o = OPP[r.lat]
        r.claim("side_not", o, f"not on the {o}")
        return rng.choice([f"It is not on the {o}, despite how it looks on the screen.",
                           f"Just to be explicit: not on the {o} side of the patient."])
    if r.lat == "bilateral":
        r.claim("side_not", "one-sided", "not confined to one hemisphere")
        return "It is not confined to one hemisphere."
    if r.vert in ("anterior", "posterior"):
        o = wrong_vert(r.vert, rng)
        r.claim("vert_not", o, f"not {o}")
        return f"It is not {o}ly placed."
    return ""


# distractors: true sentences about OTHER things ----------------------------------------------

def distractors(r, rng, k):
    g, lat, st = r.g, r.lat, r.style
    if r.quiet_side:
        lat = "quiet"
    ds = deficit_side(lat)
    pool = []
    if lat in ("left", "right") and g not in ("hippo1",):
        pool.append(f"Motor pathways decussate in the medulla, so a {lat} hemispheric process produces {ds}-sided weakness.")
        pool.append(f"The contralateral ({ds}) hemisphere looks unremarkable on this slice.")
        if g in ("tumour", "oed") or (g == "stroke" and r.size == "large"):
            mm = r.mm
            pool.append(f"There is about {mm} mm of midline shift toward the {ds}, away from the abnormality, with "
                        f"effacement of the ipsilateral sulci.")
        if lat == "left":
            pool.append("In a right-handed patient the left hemisphere is language-dominant in roughly 95% of cases, so "
                        "speech is the function to protect here.")
        else:
            pool.append("Because this is the non-dominant hemisphere in most right-handers, neglect rather than aphasia "
                        "is the deficit to look for.")
    if g == "stroke":
        pool.append(rng.choice(["ASPECTS is scored on ten regions per side; a score of 7 or more usually still "
                                "favours thrombectomy.",
                                "Thrombolysis is licensed within 4.5 hours of onset; thrombectomy can extend to "
                                "24 hours with favourable perfusion imaging.",
                                "About 20-25% of ischaemic strokes are cardioembolic."]))
    if g in ("tumour", "enh", "nec", "oed"):
        pool.append(rng.choice(["RANO calls progression at a 25% increase in the sum of perpendicular diameter "
                                "products, and partial response at a 50% decrease.",
                                "Glioblastoma accounts for roughly half of adult primary malignant brain tumours.",
                                "BraTS labels split the whole tumour into enhancing tumour, necrotic core and "
                                "surrounding oedema.",
                                "Median survival with standard Stupp chemoradiation is around 15 months."]))
    if g == "mets":
        pool.append(rng.choice(["Brain metastases develop in roughly 20-40% of patients with systemic cancer.",
                                "About 80% of metastases are supratentorial, favouring the grey-white junction.",
                                "Radiosurgery is generally offered for up to about four lesions, sometimes more."]))
    if g in ("hippo", "hippo1"):
        pool.append(rng.choice(["The left hippocampus is typically slightly smaller than the right in healthy adults.",
                                "Hippocampal volume falls by about 1-2% per year in normal ageing.",
                                "The temporal horns of the lateral ventricles lie just lateral and superior to them."]))
    if g == "vent":
        pool.append(rng.choice(["The third ventricle sits in the midline between the thalami.",
                                "An Evans index above 0.3 suggests ventriculomegaly.",
                                "Mild asymmetry of the lateral ventricles is a normal variant in about 5-10% of people."]))
    if g == "wml":
        pool.append(rng.choice(["White matter hyperintensities are seen in over 50% of people over 65.",
                                "McDonald criteria need dissemination in space: at least one T2 lesion in two of four "
                                "typical regions.",
                                "The Fazekas scale grades these from 0 to 3."]))
    if st == "neurosurgery_trainee":
        pool.append(rng.choice(["If you were planning an approach, you'd map eloquent cortex and the arcuate "
                                "fasciculus with tractography first.",
                                "Crossing fibres make simple DTI tractography unreliable near the centrum semiovale.",
                                "The left arcuate fasciculus links Broca's and Wernicke's areas in most right-handers."]))
    pool = [x for x in pool if x not in r.used]
    rng.shuffle(pool)
    r.used.update(pool[:k])
    return pool[:k]


# ------------------------------------------------------------------------------------------------

def _first_answer_intro(r, rng):
    nm = name_of(r, rng)
    st = r.style
    lobe = r.p["lobe"]
    where = {"frontal": "the frontal lobe", "temporal": "the temporal lobe", "parietal": "the parietal lobe",
             "occipital": "the occipital lobe", "butterfly": "the genu of the corpus callosum",
             "MCA": "the middle cerebral artery territory", "PCA": "the posterior cerebral artery territory",
             "ACA": "the anterior cerebral artery territory", "emboli": "several arterial territories",
             "mesial": "the medial temporal lobe", "normal": "the centre of the brain",
             "hydro": "the centre of the brain", "multi": "the cerebral hemispheres",
             "solitary": "the posterior fossa / occipital region", "periventricular": "the periventricular white matter"}[lobe]
    if st == "neuro_report":
        return rng.choice([f"FINDINGS: {cap(nm)} is segmented [SEG], involving {where}.",
                           f"Segmentation: {nm} [SEG]. Location: {where}.",
                           f"{cap(nm)} has been outlined [SEG]; it involves {where}."])
    if st == "stroke_team":
        return rng.choice([f"Done -- {nm} [SEG], {where}.", f"Segmented: {nm} [SEG]. It involves {where}.",
                           f"OK, that's {nm} [SEG] in {where}."])
    if st == "tumour_board":
        return rng.choice([f"Segmentation for the board: {nm} [SEG], in {where}.",
                           f"{cap(nm)} [SEG] -- {where}.",
                           f"Here {'are' if r.g in PLURAL else 'is'} {nm} [SEG], centred in {where}."])
    return rng.choice([f"Sure. This is {nm} [SEG], in {where}.", f"Good case. I've segmented {nm} [SEG]; it sits in {where}.",
                       f"Let's start with the mask: {nm} [SEG], involving {where}."])


FACT_KINDS = ["side", "vert", "size", "count", "rel"]


def _fact_sentence(r, rng, kind, false_value=None):
    f = false_value is not None
    if kind == "side":
        return s_side(r, rng, false_value, f)
    if kind == "vert":
        return s_vert(r, rng, false_value, f)
    if kind == "size":
        if false_value is not None:
            if isinstance(false_value, str):
                return s_size(r, rng, false_value, True)
            return s_pct(r, rng, false_value, True)
        return s_size(r, rng) if rng.random() < 0.5 else s_pct(r, rng)
    if kind == "count":
        return s_count(r, rng, false_value, f)
    if kind == "rel":
        return s_rel(r, rng, false_value, f)
    return ""


def _false_value(r, rng, kind):
    if kind == "side":
        return wrong_side(r.lat, rng)
    if kind == "vert":
        if r.rels and rng.random() < 0.4:
            o, k = rng.choice(r.rels)
            return ("rel", (o, REL_FLIP[k]))
        return wrong_vert(r.vert, rng)
    if kind == "size":
        if rng.random() < 0.5:
            return rng.choice([c for c in ("small", "medium", "large") if c != r.size])
        return r.pct * rng.choice([0.25, 0.3, 3.0, 4.0])
    if kind == "count":
        return wrong_count(r.n, rng)


DEF2KIND = {"laterality": "side", "position": "vert", "size": "size", "count": "count"}


def user_premise(r, rng, kind, value):
    """A user sentence stating a fact (true or false), phrased as a premise."""
    if kind == "side":
        ph = {"left": "on the left", "right": "on the right", "bilateral": "bilateral",
              "midline": "in the midline"}[value]
        r.claim("side", value, ph, value != r.lat)
        return rng.choice([f"Since it's {ph},", f"Given it's {ph},", f"OK so it's {ph} --"])
    if kind == "vert":
        ph = {"anterior": "anterior", "posterior": "posterior", "central": "central front-to-back"}[value]
        r.claim("vert", value, ph, value != r.vert)
        return rng.choice([f"Since it's {ph},", f"Given that it sits {ph},"])
    if kind == "size":
        if isinstance(value, str):
            w = rng.choice(SIZE_WORD[value])
            r.claim("size", value, w, value != r.size)
            return rng.choice([f"Given it's {w},", f"Since it's {w} on this slice,"])
        t = _pct_text(value, rng)
        r.claim("pct", value, t, not (0.8 * r.pct <= value <= 1.2 * r.pct))
        return f"If it covers {t} of the image,"
    if kind == "count":
        ph = count_phrase(value, rng, r.g)
        r.claim("count", value, ph, value != r.n)
        return rng.choice([f"With {ph},", f"Since there {'is' if value == 1 else 'are'} {ph},"])


def followup_question(r, rng, kind, premise=None):
    st = r.style
    q = {
        "side": ["Which side is it on, in patient terms?", "Confirm the side for the consent form?",
                 "Which hemisphere, exactly?", "Left or right -- I always get the convention mixed up."],
        "vert": ["Where is it front to back?", "Is it anterior or posterior?", "Where does it sit anteroposteriorly?"],
        "size": ["How big is it on this slice?", "How much of the image does it take up?", "Size?"],
        "count": ["How many separate pieces are there?", "Is it one region or several?", "Count?"],
        "rel": ["What does it lie next to?", "Relation to the nearby structures?", "Where is it relative to the landmarks?"],
        "summary": ["Can you summarise?", "Give me a one-line summary for the notes.", "Quick recap?"],
        "approach": ["What would that mean for the approach?", "Does that change what we do next?",
                     "Any implications for management?"],
    }[kind]
    base = rng.choice(q)
    if premise:
        tail = {"neuro_report": "what should the impression emphasise?",
                "stroke_team": "does that change the plan for thrombectomy or MDT referral?",
                "tumour_board": "what should we say at the board?",
                "neurosurgery_trainee": "what approach would you think about?"}[st]
        return f"{premise} {tail}"
    return base


def mgmt_answer(r, rng):
    g = r.g
    if g == "stroke":
        return rng.choice(["Next step is CT angiography to look for a large-vessel occlusion; if present, thrombectomy "
                           "is the priority.",
                           "Management depends on the time window and the perfusion mismatch; that's a call for the "
                           "stroke consultant.",
                           "Secondary prevention and cardiac monitoring for AF are worth arranging."])
    if g in ("tumour", "enh", "nec", "oed"):
        return rng.choice(["Maximal safe resection followed by chemoradiation is the usual pathway, subject to the MDT.",
                           "Awake craniotomy with cortical mapping is worth discussing if eloquent areas are close.",
                           "A comparison with the prior scan using RANO criteria would be the next step."])
    if g == "mets":
        return "Stereotactic radiosurgery versus whole-brain radiotherapy is the usual discussion, by number and size."
    if g == "vent":
        return "If there's clinical concern, a CSF diversion procedure is discussed; otherwise follow-up imaging."
    if g == "wml":
        return "Correlate with clinical history; vascular risk factor control or MS follow-up depending on context."
    return "Volumetry against age-matched norms would be the next step."


def build(p, facts, style, rng, defect):
    r = Row(p, facts, style, rng, defect)
    kind = DEF2KIND.get(defect)
    place = None
    fv = None
    if kind:
        u = rng.random()
        place = "user" if u < 0.2 else "followup" if u < 0.4 else "first"
        fv = _false_value(r, rng, kind)
        if kind == "vert" and isinstance(fv, tuple) and fv[0] == "rel":
            fv_kind, fv = "rel", fv[1]
        else:
            fv_kind = kind
        r.quiet_side = place == "user" and fv_kind == "side"
    # kinds the assistant may talk about truly
    avoid = set()
    if kind:
        avoid = {fv_kind} | ({"vert", "rel"} if kind == "vert" else set()) | ({"size"} if kind == "size" else set())

    # corrected false user idea in some clean rows (explicitly corrected by the next answer)
    corrected = defect is None and r.lat in ("left", "right") and rng.random() < 0.25
    q1_premise = None
    if corrected:
        o = OPP[r.lat]
        q1_premise = rng.choice([f"My registrar thought it was on the {o}, but I'm not sure.",
                                 f"Is it on the {o}? That's what I guessed from the screen."])
        r.claim("side", o, f"on the {o}", False, status="corrected")

    # round 1
    r.add("user", [first_question(r, rng, q1_premise)])
    a1 = [_first_answer_intro(r, rng)]
    if corrected:
        a1.append(f"To correct one point: it is not on the {OPP[r.lat]} -- it appears on the image's "
                  f"{OPP[r.lat]}, but in patient terms it is {side_phrase(r.lat, rng, r.g)}.")
        r.claims[-1]["turn"] = 0
        r.claim("side", r.lat, f"it is not on the {OPP[r.lat]}")
    order = [k for k in FACT_KINDS if k not in avoid]
    rng.shuffle(order)
    first_kinds = order[:rng.choice([2, 3])]
    if corrected and "side" in first_kinds:
        first_kinds.remove("side")
    later = [k for k in order if k not in first_kinds]
    if place == "first":
        first_kinds.insert(rng.randrange(len(first_kinds) + 1), "FALSE")
    for k in first_kinds:
        if k == "FALSE":
            a1.append(_fact_sentence(r, rng, fv_kind, fv))
        else:
            a1.append(_fact_sentence(r, rng, k))
    if not avoid & {"side", "vert"} and rng.random() < 0.5:
        a1.append(s_neg(r, rng))
    a1.extend(distractors(r, rng, rng.choice([1, 2])))
    r.add("assistant", a1)

    # round 2 (and 3)
    rounds = rng.choice([1, 2])
    for j in range(rounds):
        last = j == rounds - 1
        if place == "user" and last:
            if fv_kind != "rel":
                prem = user_premise(r, rng, fv_kind, fv)
            else:
                o, kk = fv
                w = REL_WORDS[kk][0]
                prem = f"Since it's {w} the {o},"
                r.claim("rel", (o, kk), f"{w} the {o}", True)
            r.add("user", [followup_question(r, rng, "approach", premise=prem)])
            a = [rng.choice(["Reasonable question.", "Good point to raise.", "Sure."]), mgmt_answer(r, rng)]
            a.extend(distractors(r, rng, 1))
            r.add("assistant", a)
            continue
        if place == "followup" and last:
            ask = fv_kind if fv_kind in ("side", "vert", "size", "count", "rel") else "summary"
            r.add("user", [followup_question(r, rng, ask)])
            a = [_fact_sentence(r, rng, fv_kind, fv)]
            if later and rng.random() < 0.5:
                a.append(_fact_sentence(r, rng, later.pop()))
            r.add("assistant", a)
            continue
        if later:
            k = later.pop()
            r.add("user", [followup_question(r, rng, k)])
            a = [_fact_sentence(r, rng, k)]
            if k == "side" and r.lat in ("left", "right") and rng.random() < 0.5:
                a.append(f"Remember the deficit is on the other side: {deficit_side(r.lat)}-sided signs come from a "
                         f"{r.lat} hemispheric process.")
            a.extend(distractors(r, rng, 1))
        else:
            r.add("user", [followup_question(r, rng, "approach")])
            a = [mgmt_answer(r, rng)]
            a.extend(distractors(r, rng, 1))
        r.add("assistant", a)

    # drop empty sentences already joined; sanity: every assistant turn non-empty
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "place": place,
                   "claims": r.claims, "turns": [t["content"] for t in r.turns]})
    return r.turns, ([] if defect is None else [defect])
