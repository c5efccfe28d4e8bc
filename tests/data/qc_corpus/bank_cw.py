"""Bank CW: thorax, heart and neck, written by helper qccw. Written without reading QC.

Targets: axial chest and neck CT ("LP"): right lung, left lung, lungs (both), heart, aorta (descending
alone, or ascending + descending as two pieces), trachea, oesophagus, lung nodules (several, one or both
sides), pleural effusions (bilateral or right only), left / right thyroid lobe, thyroid (lobes joined by
the isthmus, or two separate lobes), carotid arteries; frontal chest X-ray ("LI"): lungs, heart, right
lung, left lung, pneumothorax (right, left, bilateral), clavicle (right or left).

Registers (STYLES), four habits of mainstream chat assistants: "enthusiast" (a "Great question!" opener,
bold key facts, a "Key points" list, a closing "Want me to ..." offer), "careful" (measured, caveated prose,
a not-medical-advice disclaimer, explicit uncertainty), "structured" (Answer / Location / Size / Why it
matters headings and bullets), "conversational" (short friendly paragraphs, an analogy, a question back).

Every sentence that claims a fact of the target's mask is written through a ledger (`LEDGER`, one entry per
`build` call) so the writer's own reader (outside the repo) can check that a clean row holds no false claim
and a defect row exactly one, of its kind. Own check (check_cw.py, 420 rows, seed 20261228):
rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0; side/position/size/count defects: 96 in the first
answer, 32 in a follow-up answer, 40 in a user turn (an uncorrected false premise); 65 user false ideas that
the assistant corrects; 209 rows with a bilateral, midline or several-piece mask.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["enthusiast", "careful", "structured", "conversational"]

LEDGER: list[dict] = []  # one entry per build(): the claims each row's sentences make (for the writer's reader)


def _n(x, y):
    return (round(x / 255.0, 4), round(y / 255.0, 4))


_VB = {"vertebral body": _n(128, 195)}

PROFILES = [
    # ---- axial chest CT: columns to the patient's left (image right), rows to posterior
    dict(target="right lung", orient="LP", ell=[(78, 125, 42, 62)], name="right lung",
         syn=["the right lung", "this lung"], others={"heart": _n(148, 110), **_VB}),
    dict(target="left lung", orient="LP", ell=[(178, 125, 40, 60)], name="left lung",
         syn=["the left lung", "this lung"], others={"heart": _n(148, 110), **_VB}),
    dict(target="lungs", orient="LP", ell=[(78, 125, 42, 62), (178, 125, 40, 60)], name="lungs",
         syn=["the lungs", "both lung fields"], others={"sternum": _n(128, 48), **_VB}, plural=True),
    dict(target="heart", orient="LP", ell=[(148, 108, 32, 28)], name="heart",
         syn=["the heart", "the cardiac silhouette"],
         others={"descending aorta": _n(152, 168), "sternum": _n(128, 48), **_VB}),
    dict(target="aorta", orient="LP", ell=[(152, 168, 11, 11)], name="aorta", variant="descending",
         syn=["the aorta", "the descending aorta"],
         others={"oesophagus": _n(126, 150), "heart": _n(148, 108), **_VB}),
    dict(target="aorta", orient="LP", ell=[(118, 100, 13, 13), (152, 168, 11, 11)], name="aorta", variant="both",
         syn=["the aorta", "the thoracic aorta"], others={"sternum": _n(128, 48), **_VB}),
    dict(target="trachea", orient="LP", ell=[(128, 95, 10, 9)], name="trachea",
         syn=["the trachea", "the tracheal lumen"], others={"oesophagus": _n(126, 120), **_VB}),
    dict(target="oesophagus", orient="LP", ell=[(126, 150, 7, 6)], name="oesophagus",
         syn=["the oesophagus", "the esophagus"],
         others={"heart": _n(148, 108), "descending aorta": _n(152, 168), **_VB}),
    dict(target="lung nodules", orient="LP", ell=[(70, 100, 5, 5), (90, 160, 4, 4), (185, 120, 5, 5)],
         name="lung nodules", syn=["the nodules", "the pulmonary nodules"], others=dict(_VB), plural=True),
    dict(target="lung nodules", orient="LP", ell=[(72, 105, 5, 5), (95, 150, 5, 4)],
         name="lung nodules", syn=["the nodules", "the pulmonary nodules"], others=dict(_VB), plural=True),
    dict(target="lung nodules", orient="LP",
         ell=[(66, 110, 4, 4), (100, 165, 5, 5), (170, 95, 4, 4), (195, 150, 5, 5)],
         name="lung nodules", syn=["the nodules", "the pulmonary nodules"], others=dict(_VB), plural=True),
    dict(target="pleural effusions", orient="LP", ell=[(70, 190, 32, 13), (186, 190, 30, 13)],
         name="pleural effusions", syn=["the effusions", "the pleural fluid"],
         others={"sternum": _n(128, 48)}, plural=True),
    dict(target="pleural effusions", orient="LP", ell=[(70, 188, 32, 14)],
         name="pleural effusions", syn=["the effusion", "the pleural fluid"],
         others={"sternum": _n(128, 48), "heart": _n(148, 110)}, plural=True),
    # ---- axial neck CT
    dict(target="left thyroid lobe", orient="LP", ell=[(150, 105, 11, 18)], name="left thyroid lobe",
         syn=["the left thyroid lobe", "this lobe"], neck=True,
         others={"trachea": _n(128, 125), "left common carotid artery": _n(170, 130)}),
    dict(target="right thyroid lobe", orient="LP", ell=[(106, 105, 11, 18)], name="right thyroid lobe",
         syn=["the right thyroid lobe", "this lobe"], neck=True,
         others={"trachea": _n(128, 125), "right common carotid artery": _n(86, 130)}),
    dict(target="thyroid", orient="LP", ell=[(106, 105, 11, 18), (150, 105, 11, 18), (128, 100, 15, 5)],
         name="thyroid", variant="isthmus", syn=["the thyroid", "the thyroid gland"], neck=True,
         others={"trachea": _n(128, 125), "oesophagus": _n(124, 142)}),
    dict(target="thyroid", orient="LP", ell=[(104, 105, 11, 18), (152, 105, 11, 18)],
         name="thyroid", variant="lobes", syn=["the thyroid", "the thyroid gland"], neck=True,
         others={"trachea": _n(128, 125), "oesophagus": _n(124, 142)}),
    dict(target="carotid arteries", orient="LP", ell=[(92, 128, 7, 7), (164, 128, 7, 7)],
         name="carotid arteries", syn=["the carotids", "the carotid arteries"], neck=True,
         others={"thyroid gland": _n(128, 105), "vertebral body": _n(128, 172)}, plural=True),
    # ---- frontal chest X-ray: columns to the patient's left (image right), rows to inferior
    dict(target="lungs", orient="LI", ell=[(80, 120, 45, 80), (176, 120, 42, 78)], name="lungs",
         syn=["the lungs", "both lung fields"], others={"diaphragm": _n(128, 212)}, plural=True),
    dict(target="heart", orient="LI", ell=[(150, 162, 40, 34)], name="heart",
         syn=["the heart", "the cardiac silhouette"], others={"trachea": _n(128, 60), "aortic knuckle": _n(150, 85)}),
    dict(target="right lung", orient="LI", ell=[(80, 120, 45, 80)], name="right lung",
         syn=["the right lung", "this lung"], others={"heart": _n(150, 162), "trachea": _n(128, 60)}),
    dict(target="left lung", orient="LI", ell=[(176, 120, 42, 78)], name="left lung",
         syn=["the left lung", "this lung"], others={"heart": _n(150, 162), "trachea": _n(128, 60)}),
    dict(target="pneumothorax", orient="LI", ell=[(72, 55, 26, 14)], name="pneumothorax",
         syn=["the pneumothorax", "the air collection"],
         others={"right hemidiaphragm": _n(80, 205), "trachea": _n(128, 60)}),
    dict(target="pneumothorax", orient="LI", ell=[(184, 60, 26, 16)], name="pneumothorax",
         syn=["the pneumothorax", "the air collection"],
         others={"left hemidiaphragm": _n(178, 208), "trachea": _n(128, 60)}),
    dict(target="pneumothorax", orient="LI", ell=[(72, 55, 18, 10), (184, 55, 18, 10)], name="pneumothorax",
         syn=["the pneumothorax", "the air collections"], others={"diaphragm": _n(128, 210)}),
    dict(target="clavicle", orient="LI", ell=[(85, 42, 30, 5.5)], name="clavicle",
         syn=["the clavicle", "the collarbone"], others={"trachea": _n(128, 70)}),
    dict(target="clavicle", orient="LI", ell=[(171, 42, 30, 5.5)], name="clavicle",
         syn=["the clavicle", "the collarbone"], others={"trachea": _n(128, 70)}),
]


def record_for(p):
    if p["orient"] == "LI":
        return dict(modality="XR", body_region="chest", orientation="LI")
    return dict(modality="CT", body_region="neck" if p.get("neck") else "chest", orientation="LP")


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
    for (cx, cy, rx, ry) in p["ell"]:
        k = rng.uniform(0.93, 1.07)
        mask |= ((xx - cx - dx) / (rx * k)) ** 2 + ((yy - cy - dy) / (ry * k)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


# ------------------------------------------------------------------------------------------------
# words

_NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}

# words a clean first question must not hold (the target's label, plurals, synonyms, adjectival forms)
BANNED = {
    "right lung": ["lung", "pulmon", "pneum"], "left lung": ["lung", "pulmon", "pneum"],
    "lungs": ["lung", "pulmon", "pneum"], "heart": ["heart", "cardi", "coronar"],
    "aorta": ["aort"], "trachea": ["trache", "windpipe", "airway"],
    "oesophagus": ["oesoph", "esoph", "gullet", "food pipe"],
    "lung nodules": ["nodul", "lung", "pulmon", "lesion", "mass", "spot"],
    "pleural effusions": ["effusion", "pleura", "fluid"],
    "left thyroid lobe": ["thyro", "lobe"], "right thyroid lobe": ["thyro", "lobe"], "thyroid": ["thyro"],
    "carotid arteries": ["carotid", "arter"], "pneumothorax": ["pneumo", "thorax", "ptx", "collapsed lung"],
    "clavicle": ["clavic", "collarbone", "collar bone"],
}


def pct_str(v, rng, words_ok=True):
    """A percent as the text says it."""
    r = round(v)
    if words_ok and 1 <= r <= 10 and abs(r - v) / v <= 0.12 and rng.random() < 0.4:
        return f"{_NUM[r]} percent"
    if v < 1:
        return f"{v:.2f}%"
    return f"{v:.1f}%" if rng.random() < 0.7 else f"{v:.1f} percent"


def count_str(n, rng):
    return _NUM[n] if n <= 10 and rng.random() < 0.7 else str(n)


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.claims = []  # dicts: turn, kind, value, neg, text, status ('asserted' | 'corrected' | 'premise')
        self.turn = 0
        self.planted = None  # (kind, spot) of the false claim still to place
        self.o = p["orient"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]

    # ---- the ledger
    def claim(self, kind, value, text, neg=False, status="asserted", false=False):
        self.claims.append(dict(turn=self.turn, kind=kind, value=value, neg=neg, text=text, status=status,
                                false=false))
        return text

    def subj(self, cap=False):
        r = self.rng.random()
        if r < 0.3:
            s = "they" if self.p.get("plural") else "it"
        elif r < 0.5:
            s = self.rng.choice(["the mask", "the segmented region", "the highlighted area"])
        else:
            s = self.rng.choice(self.p["syn"])
        return s[0].upper() + s[1:] if cap else s

    @staticmethod
    def be(s):
        s = s.lower()
        return "are" if s == "they" or (s.endswith("s") and not s.endswith("us")) else "is"


# ---- fact sentences: each returns text and writes its claim

def lat_sentence(R: Row, value=None, false=False, status="asserted"):
    rng, f = R.rng, R.f
    v = value or f["laterality"]
    S = R.subj(True)
    be = R.be(S)
    chest = not R.p.get("neck")
    if v in ("left", "right"):
        img = OPP[v]
        opts = [f"{S} {be} on the patient's {v} side.",
                f"{S} {be} {v}-sided.",
                f"On the image {S[0].lower() + S[1:]} {be} on the viewer's {img}, which is the patient's {v} (images are displayed as if facing the patient).",
                f"It lies on the patient's {v}{' in the ' + v + ' hemithorax' if chest and R.o == 'LP' else ''}.",
                f"Side: the patient's {v}.",
                f"Laterality: {v}.",
                f"{S} {be} on the {v} side of the body, which shows up on the {img} half of the screen.",
                f"It's a {v}-sided finding." if R.p["target"] in ("pneumothorax", "lung nodules", "pleural effusions") else
                f"It's the patient's {v} one." if R.p["target"] in ("right lung", "left lung", "clavicle", "left thyroid lobe", "right thyroid lobe")
                else f"It's on the patient's {v}-hand side.",
                f"{S} {be} over on the patient's {v}, so the {img} of the picture as you look at it."]
        if R.style == "enthusiast":
            opts.append(f"{S} {be} on the **patient's {v}**.")
        t = rng.choice(opts)
        R.claim("lat", v, t, status=status, false=false)
        if not false and status == "asserted" and rng.random() < 0.35:
            t2 = rng.choice([f" It is not on the {img} side.", f" It is not a {img}-sided structure here.",
                             f" (Not the {img}, despite where it sits on the screen.)"])
            R.claim("lat", img, t2.strip(), neg=True)
            t += t2
        return t
    if v == "bilateral":
        t = rng.choice([f"{S} {be} bilateral: there is a part on each side of the chest." if R.o == "LI" or not R.p.get("neck") else f"{S} {be} bilateral: there is a part on each side of the neck.",
                        f"This is bilateral, with tissue on both the patient's left and right.",
                        f"{S} {be} present on both sides.",
                        f"Side: bilateral (left and right).",
                        f"There is one part on the patient's right and one on the patient's left." if f["components"] == 2 else
                        f"{S} {be} spread across both sides, right and left.",
                        f"Laterality: bilateral."])
        R.claim("lat", "bilateral", t, status=status, false=false)
        if not false and status == "asserted" and rng.random() < 0.35:
            t2 = rng.choice(["It isn't confined to one side.", "Neither side is spared."])
            R.claim("lat", "one-sided", t2, neg=True)
            t += " " + t2
        return t
    # midline
    t = rng.choice([f"{S} {be} in the midline.", f"{S} {be} centred on the midline.", "Laterality: midline.",
                    f"{S} {be} central from side to side, right on the midline.",
                    f"It sits in the midline rather than off to one side.", "Side: midline."])
    R.claim("lat", "midline", t, status=status, false=false)
    if not false and status == "asserted" and rng.random() < 0.35:
        t2 = rng.choice(["It isn't lateralised to the left or the right.", "It is not a one-sided structure here."])
        R.claim("lat", "one-sided", t2, neg=True)
        t += " " + t2
    return t


def wrong_lat(R):
    v = R.f["laterality"]
    if v in ("left", "right"):
        return OPP[v]
    return R.rng.choice(["left", "right"])


def lat_false_sentence(R, status="asserted"):
    """The one false side claim (a lateral side in every case)."""
    v = wrong_lat(R)
    S = R.subj(True)
    be = R.be(S)
    if R.f["laterality"] == "bilateral":
        t = R.rng.choice([f"{S} {be} only on the patient's {v}; the other side is clear.",
                          f"This is purely {v}-sided.", f"Side: {v} only."])
    else:
        t = R.rng.choice([f"{S} {be} on the patient's {v} side.", f"{S} {be} {v}-sided.",
                          f"It lies on the patient's {v}.", f"Side: the patient's {v}."])
    R.claim("lat", v, t, status=status, false=True)
    return t


VERT = {
    "LP": {"anterior": ["towards the front of the chest", "anteriorly", "in the anterior part of the slice",
                        "in the front half of the section"],
           "posterior": ["posteriorly", "towards the back", "in the posterior part of the slice",
                         "in the back half of the section"],
           "central": ["roughly central front-to-back", "at mid-depth, neither anterior nor posterior",
                       "near the middle of the slice in the front-back direction"]},
    "LI": {"superior": ["high in the chest", "superiorly, towards the apex", "in the upper part of the film",
                        "in the upper zone"],
           "inferior": ["low in the chest", "inferiorly, towards the bases", "in the lower part of the film",
                        "in the lower zone"],
           "central": ["at mid-height on the film", "centrally in the craniocaudal direction, neither high nor low",
                       "around the middle zone vertically"]},
}
VERT_NECK = {"anterior": ["in the front of the neck", "anteriorly"], "posterior": ["posteriorly", "towards the back of the neck"],
             "central": ["at mid-depth in the neck", "near the middle of the neck front-to-back"]}


def vert_sentence(R, value=None, false=False, status="asserted"):
    v = value or R.f["vertical"]
    table = VERT_NECK if R.p.get("neck") else VERT[R.o]
    where = R.rng.choice(table[v])
    S = R.subj(True)
    be = R.be(S)
    lie = "lie" if be == "are" else "lies"
    t = R.rng.choice([f"{S} {lie} {where}.", f"Position: {where}.", f"It sits {where}.",
                      f"Vertically, {S[0].lower() + S[1:]} {lie} {where}." if R.o == "LI" else
                      f"Front-to-back, it lies {where}." if "front" not in where else f"On this slice {S[0].lower() + S[1:]} {lie} {where}."])
    R.claim("vert", v, t, status=status, false=false)
    if not false and status == "asserted" and v in OPP and R.rng.random() < 0.3:
        word = {"anterior": "front", "posterior": "back", "superior": "upper", "inferior": "lower"}[OPP[v]]
        t2 = f"It is not in the {word} part."
        R.claim("vert", OPP[v], t2, neg=True)
        t += " " + t2
    return t


def wrong_vert(R):
    v = R.f["vertical"]
    if v in OPP:
        return OPP[v]
    return R.rng.choice(["anterior", "posterior"] if R.o == "LP" else ["superior", "inferior"])


REL_WORDS = {"left_of": ["to the patient's left of {o}", "further to the patient's left than {o}"],
             "right_of": ["to the patient's right of {o}", "further to the patient's right than {o}"],
             "anterior_to": ["in front of {o}", "anterior to {o}"],
             "posterior_to": ["behind {o}", "posterior to {o}"],
             "superior_to": ["above {o}", "superior to {o}"],
             "inferior_to": ["below {o}", "inferior to {o}"]}


def rel_sentence(R, other, rel, false=False, status="asserted"):
    w = R.rng.choice(REL_WORDS[rel]).format(o="the " + other)
    S = R.subj(True)
    be = R.be(S)
    inv = {"left_of": "to its right (the patient's right)", "right_of": "to its left (the patient's left)",
           "anterior_to": "behind it", "posterior_to": "in front of it", "superior_to": "below it",
           "inferior_to": "above it"}[rel]
    cmp_ = {"left_of": None, "right_of": None, "anterior_to": "further forward than", "posterior_to": "further back than",
            "superior_to": "higher than", "inferior_to": "lower than"}[rel]
    opts = [f"{S} {be} {w}.", f"It lies {w}.", f"Relative to its neighbours, it sits {w}.",
            f"The {other} lies {inv}."]
    if cmp_:
        opts.append(f"{S} {be} {cmp_} the {other}.")
    t = R.rng.choice(opts)
    R.claim("rel", (other, rel), t, status=status, false=false)
    return t


SIZE_WORD = {"small": ["small", "fairly small", "small"], "medium": ["medium-sized", "moderate-sized", "medium"],
             "large": ["large", "large", "big"]}


def size_sentence(R, cls=None, pct=None, false=False, status="asserted", mode=None):
    """Size class and/or percent; `false` marks whichever of them is the false one (cls or pct given)."""
    rng = R.rng
    c = cls or R.f["size_class"]
    p = pct if pct is not None else 100 * R.f["area_fraction"]
    mode = mode or rng.choice(["cls", "pct", "both", "both"])
    ps = pct_str(p, rng)
    S = R.subj(True)
    be = R.be(S)
    w = rng.choice(SIZE_WORD[c])
    if mode == "cls":
        t = rng.choice([f"{S} {be} {w} on this image.", f"Size-wise it is {w}.", f"Size class: {c}.",
                        f"By area it counts as {c}.", f"I'd call it {w} relative to the whole image."])
        R.claim("size", c, t, status=status, false=false and cls is not None)
    elif mode == "pct":
        t = rng.choice([f"{S} cover{'s' if be == 'is' else ''} about {ps} of the image.",
                        f"The mask takes up roughly {ps} of the frame.", f"Area: about {ps} of the image.",
                        f"About {ps} of the pixels belong to the mask."])
        R.claim("pct", p, t, status=status, false=false and pct is not None)
    else:
        t = rng.choice([f"{S} {be} {w}, about {ps} of the image area.",
                        f"At roughly {ps} of the image, it counts as {w}.",
                        f"Size: {c} ({ps} of the image).",
                        f"With an area of about {ps} of the image, {S[0].lower() + S[1:]} {be} {w}."])
        R.claim("size", c, t, status=status, false=false and cls is not None)
        R.claim("pct", p, t, status=status, false=false and pct is not None)
    return t


def wrong_size(R):
    """(cls, pct) with exactly one of them false."""
    c, p = R.f["size_class"], 100 * R.f["area_fraction"]
    if R.rng.random() < 0.5:
        wc = {"small": "large", "large": "small"}.get(c) or ("large" if p < 2.5 else "small")
        return wc, None
    up = R.rng.random() < 0.6 and p * 4.5 < 60  # no impossible share of the image
    return None, (p * R.rng.uniform(3.0, 4.5) if up else p * R.rng.uniform(0.15, 0.3))


def count_sentence(R, n=None, false=False, status="asserted"):
    k = n or R.f["components"]
    rng = R.rng
    S = R.subj(True)
    be = R.be(S)
    if k == 1:
        t = rng.choice(["The mask is a single connected region.", "It is one piece, with no separate fragments.",
                        "There is just one contiguous component.", "Count: 1 region.",
                        f"{S} {be} one continuous region on this slice.", "It comes out as one connected component."])
    else:
        ks = count_str(k, rng)
        t = rng.choice([f"The mask has {ks} separate pieces.", f"There are {ks} distinct regions, not connected to each other.",
                        f"It is made of {ks} separate components.", f"Count: {k} separate regions.",
                        f"I count {ks} separate islands in the mask.", f"The segmentation splits into {ks} unconnected parts."])
    R.claim("count", k, t, status=status, false=false)
    if not false and status == "asserted" and rng.random() < 0.3:
        t2 = "It is not broken into separate parts." if k == 1 else "It is not one single blob."
        R.claim("count", 1, t2, neg=k > 1)
        t += " " + t2
    return t


def wrong_count(R):
    k = R.f["components"]
    if k == 1:
        return R.rng.choice([2, 3])
    return k + 1 if R.rng.random() < 0.6 or k == 2 else k - 1


# ------------------------------------------------------------------------------------------------
# questions and knowledge (knowledge sentences are about anatomy in general or about other structures)

ASK = {
    "right lung": ["Which organ on this scan has three lobes and a horizontal fissure? Please segment it.",
                   "Can you segment the air-filled organ that has an upper, a middle and a lower lobe?",
                   "Segment the organ of gas exchange that contains the middle lobe, please."],
    "left lung": ["Which organ here has only two lobes and a notch for the heart? Segment it, please.",
                  "Segment the air-filled organ that contains the lingula.",
                  "Can you outline the gas-exchange organ that has just an upper and a lower lobe?"],
    "lungs": ["Segment the paired air-filled organs where gas exchange happens.",
              "Which organs take in oxygen and get rid of CO2? Please segment them on this image.",
              "Can you outline the organs we breathe with?"],
    "heart": ["Which organ pumps blood around the body? Please segment it.",
              "Breathless patient with swollen ankles: can you segment the four-chambered pump so I can look at its size?",
              "Segment the muscular organ in the middle mediastinum that contains the ventricles."],
    "aorta": ["Which vessel carries oxygenated blood from the left ventricle out to the body? Segment it.",
              "Tearing chest pain radiating to the back: segment the great vessel I'd worry is dissected.",
              "Can you segment the body's main elastic outflow vessel on this slice?"],
    "trachea": ["Which tube carries air from the larynx down to the carina? Please segment it.",
                "Segment the cartilage-ringed tube that air passes through before the main bronchi split off.",
                "Can you outline the tube that carries air down into the chest on this slice?"],
    "oesophagus": ["Which muscular tube carries swallowed food down to the stomach? Segment it.",
                   "Patient has trouble swallowing solids. Segment the structure food travels through in the chest.",
                   "Can you segment the structure food passes through on its way to the stomach?"],
    "lung nodules": ["Follow-up CT in a heavy smoker: please segment whatever the radiologist would measure for Fleischner follow-up.",
                     "This patient had a colon cancer removed two years ago. Can you segment anything that could be metastatic spread in the chest?",
                     "Screening CT: what would need follow-up here? Please segment it."],
    "pleural effusions": ["Patient with heart failure and dullness to percussion at the bases. What has collected in the dependent chest, and can you segment it?",
                          "Reduced breath sounds at the bases after cardiac surgery; please segment whatever explains it.",
                          "What is the abnormal collection around the bottoms of the air spaces here? Segment it, please."],
    "left thyroid lobe": ["Segment the left half of the butterfly-shaped gland that makes T3 and T4.",
                          "Can you outline the patient's left half of the gland that sets the metabolic rate?"],
    "right thyroid lobe": ["Segment the right half of the butterfly-shaped gland that makes T3 and T4.",
                           "Can you outline the patient's right half of the gland that sets the metabolic rate?"],
    "thyroid": ["Which butterfly-shaped gland in the lower neck makes T3 and T4? Please segment it.",
                "Patient with weight loss, tremor and a suppressed TSH: segment the gland that is probably overactive.",
                "Segment the endocrine gland wrapped around the front of the windpipe."],
    "carotid arteries": ["Which vessels carry most of the blood to the brain through the neck? Segment them.",
                         "Patient had a TIA. Please segment the neck vessels we'd check for stenosis.",
                         "Segment the vessels you feel for a pulse beside the voice box."],
    "pneumothorax": ["Tall, thin young man with sudden pleuritic chest pain and breathlessness. What's the abnormality on this film? Please segment it.",
                     "After a central line insertion the patient became short of breath. Can you find and segment the complication?",
                     "Sudden breathlessness after a fall onto the ribs: segment the abnormal air you can see."],
    "clavicle": ["Which bone links the shoulder to the sternum? Segment the one that's visible here.",
                 "Fell onto an outstretched hand: segment the S-shaped bone across the top of the chest that often breaks.",
                 "Can you outline the strut bone between the shoulder blade and the breastbone?"],
}
ASK_HEART_XR = ["Which organ makes the central soft-tissue shadow we compare with the chest width? Segment it.",
                "Which organ pumps blood around the body? Please segment it on this film."]

NAMED = {"right lung": ["right lung"], "left lung": ["left lung"], "lungs": ["lungs"], "heart": ["heart"],
         "aorta": ["aorta"], "trachea": ["trachea", "windpipe"], "oesophagus": ["oesophagus", "esophagus"],
         "lung nodules": ["lung nodules", "pulmonary nodules"], "pleural effusions": ["pleural effusions"],
         "left thyroid lobe": ["left thyroid lobe"], "right thyroid lobe": ["right thyroid lobe"],
         "thyroid": ["thyroid", "thyroid gland"], "carotid arteries": ["carotid arteries"],
         "pneumothorax": ["pneumothorax"], "clavicle": ["clavicle", "collarbone"]}

KNOW = {
    "right lung": ["The right lung has three lobes and the left only two, because the heart takes up room on the left.",
                   "The right main bronchus is wider, shorter and more vertical than the left, which is why inhaled objects more often end up on the right.",
                   "The horizontal fissure separates the upper lobe from the middle lobe."],
    "left lung": ["The left lung has two lobes and a cardiac notch where the heart bulges towards the left.",
                  "The lingula is the left lung's counterpart of the right middle lobe.",
                  "The left main bronchus passes under the aortic arch, in front of the descending aorta."],
    "lungs": ["Together the lungs hold around six litres of air at full inspiration in an adult.",
              "The right lung is usually slightly larger than the left, which has to make room for the heart.",
              "Each lung is wrapped in its own pleural sac."],
    "heart": ["The left ventricular wall is normally about three times thicker than the right.",
              "On a frontal film the right heart border is formed by the right atrium and the left border mostly by the left ventricle.",
              "A cardiothoracic ratio above 50% on a PA film suggests enlargement."],
    "aorta": ["The aortic arch gives off three branches: the brachiocephalic trunk, the left common carotid and the left subclavian artery.",
              "An ascending aorta wider than about 4 cm is usually called dilated.",
              "The right pulmonary artery passes behind the ascending aorta."],
    "trachea": ["It splits at the carina into the right and left main bronchi.",
                "Its C-shaped cartilage rings are open at the back, where the trachealis muscle sits.",
                "In adults it is about 10 to 12 cm long."],
    "oesophagus": ["It is about 25 cm long and passes through the diaphragm at roughly T10.",
                   "The upper third is skeletal muscle and the lower third smooth muscle.",
                   "The left atrium sits just in front of the lower oesophagus, so an enlarged left atrium can indent it."],
    "lung nodules": ["Most solid nodules under 6 mm in low-risk patients need no routine follow-up under the Fleischner guidance.",
                     "Between a quarter and a half of smokers screened with CT have at least one nodule.",
                     "An upper-lobe location and spiculated margins raise the suspicion of malignancy."],
    "pleural effusions": ["Blunting of the costophrenic angle on an upright film usually needs about 200 to 300 mL of fluid.",
                          "Heart failure is the commonest cause of a transudate; such effusions are often larger on the right.",
                          "On a supine CT, free fluid layers in the most dependent part of the pleural space."],
    "left thyroid lobe": ["The isthmus joins the two lobes in front of the second to fourth tracheal rings.",
                          "The recurrent laryngeal nerves run in the groove between the trachea and the oesophagus, just behind the lobes.",
                          "Thyroid nodules are found on ultrasound in up to half of adults."],
    "carotid arteries": ["The left common carotid arises straight from the aortic arch, while the right one comes off the brachiocephalic trunk.",
                         "Each common carotid divides into internal and external branches at about the level of C4.",
                         "The internal jugular vein runs lateral to the common carotid."],
    "pneumothorax": ["Primary spontaneous pneumothorax is most common in tall, thin young men.",
                     "On an upright film air rises to the apex, so that's where to look for the visceral pleural line.",
                     "British guidance calls a rim of more than 2 cm at the level of the hilum large."],
    "clavicle": ["About 80% of clavicle fractures happen in the middle third.",
                 "It is the first bone in the body to start ossifying in the fetus.",
                 "Its medial end meets the manubrium at the sternoclavicular joint."],
}
KNOW["right thyroid lobe"] = KNOW["left thyroid lobe"]
KNOW["thyroid"] = KNOW["left thyroid lobe"][:2] + ["Up to half of adults have a thyroid nodule on ultrasound."]

ANALOGY = {
    "lung": "Think of it as a sponge full of tiny air pockets, which is why it looks so dark on the image.",
    "heart": "It's a bit like a fist-sized pump tucked slightly off-centre behind the breastbone.",
    "aorta": "Picture a garden hose coming off a pump, arching over and running down the back.",
    "trachea": "It's like the stiff, ribbed hose of a vacuum cleaner, kept open by its rings.",
    "oesophagus": "It's more like a collapsed sock than a pipe: flat until something is swallowed.",
    "lung nodules": "A bit like pebbles scattered in a sponge: small, dense and round.",
    "pleural effusions": "Think of water pooling at the bottom of a bag: it settles wherever is lowest.",
    "thyroid": "People often compare it to a butterfly with its wings wrapped round the windpipe.",
    "carotid arteries": "They're like the two main supply pipes running up to the house on the top floor.",
    "pneumothorax": "Imagine a balloon inside a box with air leaking into the box around it.",
    "clavicle": "It works like a strut that holds the shoulder out from the chest.",
}


# true sentences about the display convention, other structures, populations and hypotheticals: (text, where, not for)
TRAPS = [
    ("On axial CT we look up from the patient's feet, so the patient's left appears on the right-hand side of the screen.", "LP", ()),
    ("The descending aorta normally runs down just to the left of the spine.", "chest", ("aorta",)),
    ("The azygos vein arches over the right main bronchus to join the superior vena cava.", "chest", ()),
    ("A right-sided aortic arch is seen in only about 0.1% of people.", "chest", ("aorta",)),
    ("The left atrium is the most posterior chamber of the heart.", "chest", ("heart",)),
    ("If the patient had been scanned prone, anterior and posterior would still be read from the patient, not the table.", "LP", ()),
    ("On a PA film the patient's left is on the viewer's right, just as on CT.", "LI", ()),
    ("The right hemidiaphragm usually sits 1.5 to 2 cm higher than the left.", "LI", ()),
    ("The gastric bubble sits under the left hemidiaphragm.", "LI", ()),
    ("About 1 in 10,000 people have dextrocardia, with the heart pointing to the right.", "LI", ("heart",)),
    ("Had this been a lateral film, front and back would be easier to judge than left and right.", "LI", ()),
    ("The internal jugular veins lie lateral to the common carotids on each side.", "neck", ("carotid arteries",)),
    ("In the lower neck the oesophagus usually sits slightly to the left of the trachea.", "neck", ()),
    ("A pyramidal lobe rising from the isthmus is a common normal variant.", "neck", ()),
]


def traps(R):
    where = {"LI"} if R.o == "LI" else {"LP", "neck" if R.p.get("neck") else "chest"}
    return [t for t, w, no in TRAPS if w in where and R.p["target"] not in no]


def analogy(p):
    t = p["target"]
    for k in ("lung nodules", "pleural effusions", "carotid arteries"):
        if t == k:
            return ANALOGY[k]
    if "thyroid" in t:
        return ANALOGY["thyroid"]
    if "lung" in t:
        return ANALOGY["lung"]
    return ANALOGY[t]


# ------------------------------------------------------------------------------------------------
# conversation

FAMILY = {"laterality": ("lat",), "position": ("vert", "rel"), "size": ("size", "pct"), "count": ("count",)}
TOPIC_FACT = {"side": "lat", "position": "vert", "neighbours": "rel", "size": "size", "count": "count"}


def fact_sentence(R, fact, false=False, status="asserted"):
    """One sentence on `fact` (lat | vert | rel | size | count); `false` makes it the planted false claim."""
    if fact == "lat":
        return lat_false_sentence(R, status) if false else lat_sentence(R, status=status)
    if fact == "vert":
        if false:
            return vert_sentence(R, wrong_vert(R), false=True, status=status)
        return vert_sentence(R, status=status)
    if fact == "rel":
        other, rel = R.rng.choice(R.rels)
        if false:
            return rel_sentence(R, other, REL_OPP[rel], false=True, status=status)
        return rel_sentence(R, other, rel, status=status)
    if fact == "size":
        if false:
            c, p = wrong_size(R)
            if c is not None:
                return size_sentence(R, cls=c, false=True, status=status, mode=R.rng.choice(["cls", "both"]))
            return size_sentence(R, pct=p, false=True, status=status, mode=R.rng.choice(["pct", "both"]))
        return size_sentence(R, status=status)
    if fact == "count":
        return count_sentence(R, wrong_count(R), false=True, status=status) if false else count_sentence(R, status=status)
    raise ValueError(fact)


def hedge(R, t):
    if R.style != "careful" or ":" in t.split(" ")[0] or R.rng.random() < 0.5:
        return t
    return R.rng.choice(["As far as I can tell, ", "On this image, ", "I think ", "From what I can see, "]) + t[0].lower() + t[1:]


def premise(R, fact):
    """A false premise of `fact` in a user turn (the row's planted claim)."""
    rng = R.rng
    if fact == "lat":
        w = wrong_lat(R)
        t = rng.choice([f"Since it's on the patient's {w}, ", f"OK, so it's {w}-sided. ", f"Given that it's on the {w}, "])
        R.claim("lat", w, t.strip(), status="premise", false=True)
        return t
    if fact == "vert":
        w = wrong_vert(R)
        table = VERT_NECK if R.p.get("neck") else VERT[R.o]
        where = rng.choice(table[w])
        t = rng.choice([f"Since it sits {where}, ", f"OK, it's {where}. "])
        R.claim("vert", w, t.strip(), status="premise", false=True)
        return t
    if fact == "rel":
        other, rel = rng.choice(R.rels)
        w = rng.choice(REL_WORDS[REL_OPP[rel]]).format(o="the " + other)
        t = rng.choice([f"Since it lies {w}, ", f"So it's {w}. "])
        R.claim("rel", (other, REL_OPP[rel]), t.strip(), status="premise", false=True)
        return t
    if fact == "size":
        c, p = wrong_size(R)
        if c is not None:
            t = rng.choice([f"Since it's {rng.choice(SIZE_WORD[c])}, ", f"Given how {'tiny' if c == 'small' else 'big'} it is ({c}), "])
            R.claim("size", c, t.strip(), status="premise", false=True)
        else:
            t = f"Given that it covers about {pct_str(p, rng, False)} of the image, "
            R.claim("pct", p, t.strip(), status="premise", false=True)
        return t
    k = wrong_count(R)
    t = rng.choice([f"Since there are {count_str(k, rng)} separate pieces, ", f"OK, {k} separate regions. "]) if k > 1 \
        else "Since it's all one piece, "
    R.claim("count", k, t.strip(), status="premise", false=True)
    return t


TOPIC_Q = {
    "side": ["Which side is it on?", "Is that the patient's left or right?", "Left or right, and how can you tell on this image?",
             "Which side of the patient is that?"],
    "position": {"LP": ["Is it more towards the front or the back?", "Where does it sit front-to-back?"],
                 "LI": ["Is it high or low in the chest?", "Where is it vertically on the film?"]},
    "size": ["How big is it?", "What fraction of the image does it take up?", "How large is the segmented area?",
             "Would you call it small or big?"],
    "count": ["Is it one piece or several?", "How many separate regions did you find?", "Is the mask one connected blob?"],
    "neighbours": ["What's next to it?", "How does it relate to the structures around it?", "Where is it relative to its neighbours?"],
    "summary": ["Can you summarise what you found?", "Give me a one-paragraph summary, please.", "Quick recap?"],
    "why": ["Why does this matter clinically?", "What should I keep in mind about this structure?", "Anything clinically useful to know?"],
}


def opener(R, follow=True):
    rng = R.rng
    return {"enthusiast": rng.choice(["Sure thing! ", "Absolutely! ", "Good one! ", "Happy to! "]),
            "careful": rng.choice(["With the caveat that this is a single image: ", "Based on this slice alone, here is what I see. ",
                                   "I'll be cautious here, as this is one image. ", ""]),
            "structured": "**Answer**\n",
            "conversational": rng.choice(["Good question. ", "Sure. ", "Ah, nice one. ", "Yep. "])}[R.style]


def closer(R):
    rng = R.rng
    if R.style == "enthusiast" and rng.random() < 0.6:
        return "\n\n" + rng.choice(["Want me to compare it with the neighbouring structures?", "Want me to draft a short report line for it?",
                                    "Want me to explain how side is read on these images?", "Want me to suggest what to look at next on this scan?",
                                    "Want me to turn this into a one-line summary for your notes?"])
    if R.style == "careful" and rng.random() < 0.5:
        return "\n\n" + rng.choice(["Please confirm this against the full study and the formal report.",
                                    "I can't be certain from one image, so treat this as a starting point."])
    if R.style == "conversational" and rng.random() < 0.6:
        return "\n\n" + rng.choice(["Does that match what you expected?", "Was that what you were looking for?",
                                    "Do you want to look at another structure next?"])
    return ""


def body(R, sents):
    """Sentences laid out in the register."""
    if R.style == "structured":
        return "\n".join("- " + s for s in sents)
    if R.style == "conversational":
        out, cur = [], []
        for s in sents:
            cur.append(s)
            if len(cur) == 2 or R.rng.random() < 0.3:
                out.append(" ".join(cur))
                cur = []
        if cur:
            out.append(" ".join(cur))
        return "\n\n".join(out)
    return " ".join(hedge(R, s) for s in sents)


def answer_topic(R, topic):
    """A follow-up answer on `topic` (true claims)."""
    rng = R.rng
    if topic in TOPIC_FACT:
        f = TOPIC_FACT[topic]
        sents = [fact_sentence(R, f)]
        if f == "rel" and len(R.rels) > 1 and rng.random() < 0.6:
            o1 = sents[0]
            for _ in range(3):
                s2 = fact_sentence(R, "rel")
                if s2 != o1:
                    sents.append(s2)
                    break
                R.claims.pop()
        if f == "lat" and R.f["laterality"] in ("left", "right") and rng.random() < 0.5:
            sents.append("Remember the display convention: the patient's left is on the right-hand side of the screen.")
        if f == "size" and rng.random() < 0.4:
            sents.append("Size here is just the share of the image the mask covers, not a measurement in centimetres.")
        return sents
    if topic == "summary":
        return None  # handled by the caller
    out = [rng.choice(KNOW[R.p["target"]])]
    if rng.random() < 0.4:
        out.append(rng.choice(traps(R)))
    return out


def build(p, facts, style, rng, defect):
    R = Row(p, facts, style, rng, defect)
    fam = FAMILY.get(defect, ())
    spot = rng.choices(["first", "follow", "user"], [0.55, 0.2, 0.25])[0] if fam else None
    dfact = None
    if defect == "position":
        dfact = "rel" if R.rels and rng.random() < 0.4 else "vert"
    elif fam:
        dfact = fam[0]
    facts_ok = [f for f in ("lat", "vert", "size", "count", "rel") if f not in fam and (f != "rel" or R.rels)]
    turns = []
    # ---- first question
    R.turn = 0
    if defect == "names_target":
        nm = rng.choice(NAMED[p["target"]])
        where = "film" if R.o == "LI" else "scan"
        q = rng.choice([f"Please segment the {nm} on this {where}.", f"Where is the {nm} here? Segment it, please.",
                        f"Can you outline the {nm} and tell me about it?"])
        R.claim("name", nm, q, status="premise", false=True)
    else:
        pool = ASK_HEART_XR if (p["target"] == "heart" and R.o == "LI") else ASK[p["target"]]
        q = rng.choice(pool)
        if "thyroid lobe" in p["target"]:
            R.claim("lat", p["target"].split()[0], q, status="premise")
    turns.append({"role": "user", "content": q})
    # ---- first answer
    R.turn = 1
    k = rng.randint(2, min(4, len(facts_ok)))
    chosen = rng.sample(facts_ok, k)
    if spot == "first":
        chosen.insert(rng.randrange(len(chosen) + 1), dfact)
    sents = [fact_sentence(R, f, false=(spot == "first" and f == dfact and f in fam)) for f in chosen]
    know = rng.sample(KNOW[p["target"]], rng.choice([1, 1, 2]))
    if rng.random() < 0.55:
        know.insert(rng.randrange(len(know) + 1), rng.choice(traps(R)))
    name = p["name"]
    the = "" if p["target"] in ("lungs",) and rng.random() < 0.5 else "the "
    if style == "enthusiast":
        head = rng.choice(["Great question! ", "Great question! ", "Ooh, good one! "]) + \
            f"{'Those are' if p.get('plural') else 'That is' if rng.random() < 0.3 else 'That' + chr(39) + 's'} {the}**{name}** [SEG]. " + " ".join(know)
        txt = head + "\n\n**Key points:**\n" + "\n".join("- " + boldlabel(s) for s in sents) + closer(R)
    elif style == "careful":
        pl = p.get("plural")
        head = rng.choice([f"Based on this single image, what you describe is most likely {the}{name} [SEG].",
                           f"I believe {'these are' if pl else 'this is'} {the}{name} [SEG], although a single slice has limits.",
                           f"{'These appear' if pl else 'This appears'} to be {the}{name} [SEG]."])
        unc = rng.choice(["I can't tell from one slice how far it extends above or below this level.",
                          "Image quality and the slice chosen limit how much I can say.",
                          "There is some uncertainty in any automated outline, especially at the edges."])
        txt = head + " " + body(R, sents) + " " + " ".join(know) + " " + unc + \
            "\n\nThis is not medical advice; a radiologist should confirm any finding."
    elif style == "structured":
        loc = [s for f, s in zip(chosen, sents) if f in ("lat", "vert", "rel")]
        siz = [s for f, s in zip(chosen, sents) if f in ("size", "count")]
        txt = f"**Answer**\n{the[:1].upper() + the[1:] if the else ''}{name if the else name[0].upper() + name[1:]} [SEG]"
        if loc:
            txt += "\n\n**Location**\n" + "\n".join("- " + s for s in loc)
        if siz:
            txt += "\n\n**Size**\n" + "\n".join("- " + s for s in siz)
        txt += "\n\n**Why it matters**\n" + "\n".join("- " + s for s in know)
    else:
        head = rng.choice([f"{'Those are' if p.get('plural') else 'That' + chr(39) + 's'} {the}{name} [SEG]!", f"You're looking at {the}{name} [SEG].",
                           f"Sure, here {'are' if p.get('plural') else 'is'} {the}{name} [SEG]."])
        txt = head + " " + analogy(p) + "\n\n" + body(R, sents) + "\n\n" + " ".join(know) + closer(R)
    turns.append({"role": "assistant", "content": txt})
    # ---- follow-ups
    nf = rng.choice([1, 1, 2])
    dround = rng.randrange(nf) if spot in ("follow", "user") else -1
    used = set()
    for j in range(nf):
        R.turn = len(turns)
        if j == dround and spot == "follow":
            topic = {"lat": "side", "vert": "position", "rel": "neighbours", "size": "size", "count": "count"}[dfact]
            uq = qtext(R, topic)
            turns.append({"role": "user", "content": uq})
            R.turn = len(turns)
            s = [fact_sentence(R, dfact, false=True)]
            if rng.random() < 0.5:
                s.append(rng.choice(KNOW[p["target"]]))
            turns.append({"role": "assistant", "content": frame(R, s)})
            continue
        topics = [t for t in ("side", "position", "size", "count", "neighbours") if TOPIC_FACT[t] in facts_ok and t not in used]
        extra = [t for t in ["why", "summary"] + (["challenge"] if spot != "user" or j != dround else []) if t not in used]
        topic = rng.choice(topics + extra) if topics else rng.choice(extra)
        used.add(topic)
        if j == dround and spot == "user":
            pre = premise(R, dfact)
            if topic in ("challenge",):
                topic = "why"
            qq = qtext(R, topic)
            uq = pre + (qq[0].lower() + qq[1:] if pre.endswith(", ") else qq)
        elif topic == "challenge":
            uq = challenge(R, [f for f in facts_ok if f != "rel"])
        else:
            uq = qtext(R, topic)
        turns.append({"role": "user", "content": uq})
        R.turn = len(turns)
        if topic == "challenge":
            kind = R.claims[-1]["kind"]
            fix = rng.choice(["Actually, no: ", "Not quite. ", "That's a common mix-up, but no. ", "I don't think so. "])
            s = [size_sentence(R, mode=rng.choice(["cls", "both"])) if kind == "size" else fact_sentence(R, kind)]
            ans = fix + frame(R, s, plain=True) if style != "structured" else fix.strip() + "\n" + frame(R, s, plain=True)
        elif topic == "summary":
            ks = rng.sample(facts_ok, min(len(facts_ok), rng.choice([2, 3])))
            s = [fact_sentence(R, f) for f in ks]
            lead = "In short: " if style != "structured" else ""
            ans = frame(R, s, lead=lead)
        else:
            s = answer_topic(R, topic)
            ans = frame(R, s, lead=("Good thinking. " if (j == dround and spot == "user" and style != "structured") else ""))
        turns.append({"role": "assistant", "content": ans})
    LEDGER.append({"turns": turns, "claims": R.claims, "defect": defect, "spot": spot, "dfact": dfact})
    return turns, ([defect] if defect else [])


def qtext(R, topic):
    q = TOPIC_Q[topic]
    if isinstance(q, dict):
        q = q[R.o]
    return R.rng.choice(q)


def challenge(R, kinds):
    """A user's false idea (corrected in the next answer)."""
    rng = R.rng
    kind = rng.choice(kinds)
    if kind == "lat":
        w = wrong_lat(R)
        t = rng.choice([f"I'd have guessed it was on the patient's {w}. Am I reading it wrong?",
                        f"Hang on, isn't this on the {w}?"]) if R.f["laterality"] != "bilateral" else \
            f"Isn't this only on the {w}?"
        R.claim("lat", w, t, status="corrected", false=True)
    elif kind == "vert":
        w = wrong_vert(R)
        word = {"anterior": "towards the front", "posterior": "towards the back", "superior": "high up",
                "inferior": "low down"}[w]
        t = f"Isn't it more {word}?"
        R.claim("vert", w, t, status="corrected", false=True)
    elif kind == "size":
        c, _ = wrong_size(R)
        c = c or {"small": "large", "large": "small", "medium": "large"}[R.f["size_class"]]
        t = f"It looks {rng.choice(SIZE_WORD[c])} to me; is that right?"
        R.claim("size", c, t, status="corrected", false=True)
    else:
        k = wrong_count(R)
        t = f"I count {count_str(k, rng)} separate bits. Is that right?" if k > 1 else "Isn't it all one piece?"
        R.claim("count", k, t, status="corrected", false=True)
    return t


def boldlabel(s):
    for lab in ("Side:", "Position:", "Size:", "Count:", "Area:"):
        if s.startswith(lab):
            return "**" + lab + "**" + s[len(lab):]
    return s


def frame(R, sents, lead="", plain=False):
    if plain:
        return " ".join(sents) + closer(R) if R.style != "structured" else "\n".join("- " + s for s in sents)
    if R.style == "structured":
        return "**Answer**\n" + body(R, sents)
    b = body(R, sents)
    if lead.endswith(": ") and not b.startswith(("Side:", "Position:", "Size:", "Count:", "Area:")):
        b = b[0].lower() + b[1:]
    return (lead if lead and not lead.endswith(": ") else opener(R) + lead) + b + closer(R)
