"""Bank DK: blind QC evaluation bank across the public segmentation sets people convert.

Targets: breast lesion(s) and thyroid nodule(s) on ultrasound (BUSI-like), colonoscopy polyp(s)
(Kvasir-like), dermoscopy skin lesion (ISIC-like), fundus optic disc and optic cup, chest X-ray lungs
(both, left, right) and heart, brain MR glioma and brain metastases (BraTS-like), abdominal CT liver,
liver tumours, kidneys (both, left, right), spleen, pancreas, prostate MR, and cell nuclei in
microscopy (a dozen or so separate pieces).

Registers (STYLES): "dictation" (an ultrasound / endoscopy / radiology report as dictated),
"datasci" (an assistant answering a data scientist's practical questions about the mask),
"cautious" (a hedging clinical assistant with caveats), "explainer" (plain language for a medical
student).

Written without reading QC. Every sentence that states a fact of the target is written into a
per-row ledger (`LEDGER`) so the writer's own reader (outside the repo) can check that a clean row
holds no false claim and a defect row exactly one, of its kind.
Own check (check_dk.py, seed 20261242): rows: 420 clean: 210 defect: 210 (42 of each kind), 2490 ledgered
claims, 92 corrected user ideas in clean rows, defects in first answer / follow-up answer / user turn: 104/35/29,
162 rows with a multi-piece, bilateral or midline mask; problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["dictation", "datasci", "cautious", "explainer"]

LEDGER: list[dict] = []  # one entry per build() call: the claims each row makes (for the writer's reader)

# ---------------------------------------------------------------------------------------------------
# profiles: ellipses are (cx, cy, rx, ry, angle_deg) on a 256 x 256 grid

_CT_OTHERS = {"aorta": (0.53, 0.58), "vertebral body": (0.5, 0.7), "stomach": (0.66, 0.36),
              "inferior vena cava": (0.43, 0.56)}
_BRAIN_OTHERS = {"lateral ventricles": (0.5, 0.47), "brainstem": (0.5, 0.66)}
_PELVIS_OTHERS = {"rectum": (0.5, 0.74), "pubic symphysis": (0.5, 0.22)}
_CXR_OTHERS = {"trachea": (0.5, 0.18)}

PROFILES: list[dict] = [
    # --- photos / 2D without patient axes --------------------------------------------------------
    dict(target="breast lesion", kind="us_breast", modality="US", region="breast", orient=None,
         ell=[(130, 100, 40, 22, 8)], name="breast lesion", pl=False,
         syn=["hypoechoic mass", "the mass", "the breast mass"],
         forbid=["breast", "lesion", "mass", "tumou?r", "nodule", "carcinoma", "cancer", "fibroadenoma", "mammary"]),
    dict(target="breast lesions", kind="us_breast", modality="US", region="breast", orient=None,
         ell=[(85, 150, 20, 13, 0), (178, 140, 16, 11, 10)], name="breast lesions", pl=True,
         syn=["the two masses", "the hypoechoic masses"],
         forbid=["breast", "lesions?", "mass(es)?", "tumou?rs?", "nodules?", "carcinoma", "cancer", "fibroadenomas?", "mammary"]),
    dict(target="thyroid nodule", kind="us_thyroid", modality="US", region="neck", orient=None,
         ell=[(140, 122, 30, 25, 0)], name="thyroid nodule", pl=False, syn=["the nodule"],
         forbid=["thyroid", "nodules?", "goitre", "goiter", "thyroidal"]),
    dict(target="thyroid nodules", kind="us_thyroid", modality="US", region="neck", orient=None,
         ell=[(90, 95, 14, 12, 0), (170, 170, 12, 10, 0)], name="thyroid nodules", pl=True,
         syn=["the two nodules"], forbid=["thyroid", "nodules?", "goitre", "goiter", "thyroidal"]),
    dict(target="polyp", kind="polyp", modality="endoscopy", region="colon", orient=None,
         ell=[(105, 160, 46, 38, 15)], name="polyp", pl=False, syn=["the polypoid lesion", "the sessile lesion"],
         forbid=["polyps?", "polypoid", "adenomas?", "adenomatous", "lesions?"]),
    dict(target="polyps", kind="polyp", modality="endoscopy", region="colon", orient=None,
         ell=[(70, 80, 20, 16, 0), (160, 110, 14, 12, 0), (190, 200, 10, 9, 0)], name="polyps", pl=True,
         syn=["the polypoid lesions"], forbid=["polyps?", "polypoid", "adenomas?", "adenomatous", "lesions?"]),
    dict(target="skin lesion", kind="derm", modality="dermoscopy", region="skin", orient=None,
         ell=[(128, 124, 70, 55, 20)], name="skin lesion", pl=False, syn=["the pigmented lesion", "the lesion"],
         forbid=["lesions?", "melanomas?", "naevus", "nevus", "naevi", "nevi", "moles?", "melanocytic"]),
    dict(target="skin lesion", kind="derm", modality="dermoscopy", region="skin", orient=None,
         ell=[(150, 80, 22, 18, 0)], name="skin lesion", pl=False, syn=["the pigmented lesion", "the lesion"],
         forbid=["lesions?", "melanomas?", "naevus", "nevus", "naevi", "nevi", "moles?", "melanocytic"]),
    dict(target="optic disc", kind="disc", modality="other", region="eye", orient=None,
         ell=[(192, 126, 18, 20, 0)], name="optic disc", pl=False, syn=["the optic nerve head", "the disc"],
         forbid=["optic", "discs?", "disks?", "papilla", "nerve head", "ONH"]),
    dict(target="optic cup", kind="cup", modality="other", region="eye", orient=None,
         ell=[(64, 128, 9, 10, 0)], name="optic cup", pl=False, syn=["the cup", "the physiological cup"],
         forbid=["optic", "cups?", "cupping", "excavation", "discs?", "disks?"]),
    dict(target="cell nuclei", kind="nuclei", modality="microscopy", region="tissue", orient=None,
         ell="grid", name="cell nuclei", pl=True, syn=["the nuclei"],
         forbid=["nucleus", "nuclei", "nuclear", "karyo\\w*"]),
    # --- chest X-ray, frontal: "LI" ----------------------------------------------------------------
    dict(target="lungs", kind="lungs", modality="XR", region="chest", orient="LI",
         ell=[(78, 118, 38, 70, 0), (178, 120, 36, 66, 0)], name="lungs", pl=True, syn=["both lung fields"],
         others={"heart": (0.5, 0.66), **_CXR_OTHERS},
         forbid=["lungs?", "pulmonary", "pulmonic", "lung fields?"]),
    dict(target="right lung", kind="lung1", modality="XR", region="chest", orient="LI",
         ell=[(78, 118, 38, 70, 0)], name="right lung", pl=False, syn=["the right lung field"],
         others={"heart": (0.57, 0.66), "left lung": (0.7, 0.47)},
         forbid=["lungs?", "pulmonary", "pulmonic", "lung fields?"]),
    dict(target="left lung", kind="lung1", modality="XR", region="chest", orient="LI",
         ell=[(180, 120, 35, 64, 0)], name="left lung", pl=False, syn=["the left lung field"],
         others={"heart": (0.57, 0.66), "right lung": (0.3, 0.46)},
         forbid=["lungs?", "pulmonary", "pulmonic", "lung fields?"]),
    dict(target="heart", kind="heart", modality="XR", region="chest", orient="LI",
         ell=[(150, 162, 42, 32, -10)], name="heart", pl=False, syn=["the cardiac silhouette"],
         others={"right lung": (0.3, 0.46), **_CXR_OTHERS},
         forbid=["hearts?", "cardiac", "cardio\\w*", "coronary", "myocardi\\w*", "cardia"]),
    # --- brain MR axial: "LP" ----------------------------------------------------------------------
    dict(target="glioma", kind="glioma", modality="MR", region="head", orient="LP",
         ell=[(88, 96, 26, 20, 25)], name="glioma", pl=False, syn=["the tumour"], others=_BRAIN_OTHERS,
         forbid=["gliomas?", "glial", "tumou?rs?", "tumou?ral", "neoplasm\\w*", "GBM", "glioblastoma", "astrocytoma",
                 "mass", "lesion", "cancer"]),
    dict(target="glioma", kind="glioma", modality="MR", region="head", orient="LP",
         ell=[(178, 150, 22, 24, -20)], name="glioma", pl=False, syn=["the tumour"], others=_BRAIN_OTHERS,
         forbid=["gliomas?", "glial", "tumou?rs?", "tumou?ral", "neoplasm\\w*", "GBM", "glioblastoma", "astrocytoma",
                 "mass", "lesion", "cancer"]),
    dict(target="brain metastases", kind="mets", modality="MR", region="head", orient="LP",
         ell=[(80, 92, 9, 8, 0), (178, 118, 10, 9, 0), (150, 182, 7, 6, 0)], name="brain metastases", pl=True,
         syn=["the metastatic deposits", "the mets"], others=_BRAIN_OTHERS,
         forbid=["brain", "metastas[ie]s", "metastatic", "mets", "secondaries", "deposits?", "tumou?rs?", "lesions?",
                 "cerebral", "intracranial"]),
    # --- abdominal CT axial: "LP" ------------------------------------------------------------------
    dict(target="liver", kind="liver", modality="CT", region="abdomen", orient="LP",
         ell=[(78, 112, 48, 42, 10)], name="liver", pl=False, syn=["the hepatic parenchyma"], others=_CT_OTHERS,
         forbid=["livers?", "hepatic", "hepato\\w*", "hepar"]),
    dict(target="liver tumours", kind="livtum", modality="CT", region="abdomen", orient="LP",
         ell=[(62, 100, 10, 9, 0), (95, 132, 8, 7, 0)], name="liver tumours", pl=True,
         syn=["the hepatic lesions", "the liver lesions"], others=_CT_OTHERS,
         forbid=["livers?", "hepatic", "hepato\\w*", "tumou?rs?", "lesions?", "metastas[ie]s", "metastatic",
                 "HCC", "carcinoma", "cancer", "mass(es)?"]),
    dict(target="kidneys", kind="kidneys", modality="CT", region="abdomen", orient="LP",
         ell=[(84, 152, 14, 21, 15), (172, 154, 14, 20, -15)], name="kidneys", pl=True, syn=["both kidneys"],
         others=_CT_OTHERS, forbid=["kidneys?", "renal", "nephr\\w*", "adrenal"]),
    dict(target="left kidney", kind="kidney1", modality="CT", region="abdomen", orient="LP",
         ell=[(172, 154, 15, 21, -15)], name="left kidney", pl=False, syn=["the left renal unit"],
         others=_CT_OTHERS, forbid=["kidneys?", "renal", "nephr\\w*", "adrenal"]),
    dict(target="right kidney", kind="kidney1", modality="CT", region="abdomen", orient="LP",
         ell=[(84, 152, 15, 21, 15)], name="right kidney", pl=False, syn=["the right renal unit"],
         others=_CT_OTHERS, forbid=["kidneys?", "renal", "nephr\\w*", "adrenal"]),
    dict(target="spleen", kind="spleen", modality="CT", region="abdomen", orient="LP",
         ell=[(198, 148, 18, 28, 20)], name="spleen", pl=False, syn=["the splenic parenchyma"], others=_CT_OTHERS,
         forbid=["spleens?", "splenic", "splen\\w*", "lien\\w*"]),
    dict(target="pancreas", kind="pancreas", modality="CT", region="abdomen", orient="LP",
         ell=[(140, 108, 40, 9, -12)], name="pancreas", pl=False, syn=["the gland"], others=_CT_OTHERS,
         forbid=["pancreas", "pancreatic", "pancreat\\w*"]),
    # --- prostate MR axial: "LP" -------------------------------------------------------------------
    dict(target="prostate", kind="prostate", modality="MR", region="pelvis", orient="LP",
         ell=[(128, 122, 26, 22, 0)], name="prostate", pl=False, syn=["the gland"], others=_PELVIS_OTHERS,
         forbid=["prostates?", "prostatic", "prostat\\w*"]),
]


def _grid_nuclei(rng: random.Random):
    """A dozen or so separate nuclei on a jittered grid (never touching)."""
    out = []
    n_rows, n_cols = rng.choice([(3, 4), (4, 4), (3, 5), (4, 3)])
    for r in range(n_rows):
        for c in range(n_cols):
            if rng.random() < 0.15:
                continue
            cx = 30 + c * (196 / max(n_cols - 1, 1)) + rng.uniform(-4, 4)
            cy = 34 + r * (188 / max(n_rows - 1, 1)) + rng.uniform(-4, 4)
            out.append((cx, cy, rng.uniform(7, 11), rng.uniform(6, 9), rng.uniform(0, 180)))
    return out


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    ells = _grid_nuclei(rng) if p["ell"] == "grid" else p["ell"]
    for (cx, cy, rx, ry, ang) in ells:
        if p["ell"] != "grid":
            cx, cy = cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3)
            rx, ry = rx * rng.uniform(0.92, 1.08), ry * rng.uniform(0.92, 1.08)
        t = math.radians(ang)
        dx, dy = xx - cx, yy - cy
        u = dx * math.cos(t) + dy * math.sin(t)
        v = -dx * math.sin(t) + dy * math.cos(t)
        mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    others = p.get("others") or {}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":  # photos have no patient side: a side defect needs a patient axis
        return rng.choice([p for p in profiles if p["orient"]])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------
# wording helpers

_NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _be(p):
    return "are" if p["pl"] else "is"


def _num(n: int, rng: random.Random) -> str:
    return _NUM[n] if n < len(_NUM) and rng.random() < 0.6 else str(n)


def _pct(x: float, rng: random.Random) -> str:
    """A percent wording of x (already in percent)."""
    r = round(x)
    if r >= 1 and abs(r - x) / x < 0.08 and rng.random() < 0.3:
        return f"{_NUM[r] if r < len(_NUM) else r} percent"
    s = f"{x:.2f}" if x < 1 else f"{x:.1f}" if x < 10 else f"{x:.0f}"
    return rng.choice([f"{s}%", f"{s}%", f"{s} percent", f"~{s}%"])


def _subj(p, rng, allow_pron=True) -> tuple[str, bool]:
    """A subject for a sentence about the target and whether it takes a plural verb."""
    opts = [(f"the {p['name']}", p["pl"]), ("the mask", False), ("the segmented region", False)]
    if allow_pron:
        opts.append(("they" if p["pl"] else "it", p["pl"]))
    opts += [(s if s.startswith("the ") or s.startswith("both") else f"the {s}", s.startswith("both") or
              any(w in s for w in ("masses", "nodules", "lesions", "deposits", "mets", "nuclei")))
             for s in p["syn"]]
    return rng.choice(opts)


def _v(pl, sing, plur):
    return plur if pl else sing


def _photo_word(p):
    return {"US": "ultrasound frame", "endoscopy": "endoscopic frame", "dermoscopy": "dermoscopic photo",
            "other": "fundus photograph", "microscopy": "microscopy tile"}.get(p["modality"], "image")


# ---------------------------------------------------------------------------------------------------
# fact sentences: each returns (text, claim); the claim goes into the ledger

def side_sentence(p, f, style, val, rng):
    S, pl = _subj(p, rng)
    o = p["orient"]
    if o is None:  # only ever true: a photo has no patient side
        t = rng.choice([f"A {_photo_word(p)} carries no patient left or right, so laterality is not assessable here.",
                        f"Laterality: not applicable, since this is a {_photo_word(p)} with no anatomical axes.",
                        "There is no patient side to report: the picture has no left/right reference, only its own frame.",
                        f"I can't give a patient side from a {_photo_word(p)}; left and right of the picture mean nothing anatomically."])
        return t, ("side", "unknown")
    flip = ("we view axial slices as if from the patient's feet" if o == "LP"
            else "a frontal film is read as if facing the patient")
    if val in ("left", "right"):
        img = _OPP[val]
        by = {
            "dictation": [f"Laterality: {val}.", f"{_cap(val)}-sided.", f"{_cap(S)} {_v(pl, 'lies', 'lie')} on the {val}.",
                          f"Located on the patient's {val} side."],
            "datasci": [f"Side (patient frame): {val}. In pixel terms that's the image's {img} half, because {flip}.",
                        f"`laterality` comes out as {val}: {S} {_v(pl, 'sits', 'sit')} on the patient's {val}, which renders on the image {img}.",
                        f"Patient-{val}. Don't read that off the screen naively: on the display it's on the {img}."],
            "cautious": [f"As far as I can tell, {S} {_v(pl, 'is', 'are')} on the patient's {val} side, assuming the orientation metadata is right.",
                         f"It appears to be {val}-sided, though I'd confirm against the header before relying on it.",
                         f"The mask seems to lie on the patient's {val}; on screen that is the {img} side, since {flip}."],
            "explainer": [f"{_cap(S)} {_v(pl, 'is', 'are')} on the patient's {val}. On the screen you see it on the {img}, because {flip}.",
                          f"It's on the {val} side of the body, even though it shows up on the {img} of the picture.",
                          f"Think of it as the patient's {val}: {flip}, so everything is mirrored."],
        }[style]
        return rng.choice(by), ("side", val)
    if val == "midline":
        by = [f"{_cap(S)} {_v(pl, 'sits', 'sit')} across the midline rather than off to one side.",
              "Midline: neither left nor right.", f"{_cap(S)} {_v(pl, 'straddles', 'straddle')} the midline.",
              "Laterality is midline." if style == "dictation" else "It's a midline structure here, centred between the two sides."]
        return rng.choice(by), ("side", "midline")
    # bilateral
    by = [f"{_cap(S)} {_v(pl, 'involves', 'involve')} both the patient's left and right sides.",
          "Bilateral: there is mask on each side of the midline.",
          "It's bilateral, with parts on both sides of the body." if style != "dictation" else "Bilateral.",
          f"{_cap(S)} {_v(pl, 'is', 'are')} not confined to one side; both sides are involved."]
    return rng.choice(by), ("side", "bilateral")


def side_not_sentence(p, f, val, rng):
    """A true negation: the target is not on side `val`."""
    t = rng.choice([f"It is not on the {val}.", f"Not {val}-sided, to be clear.",
                    f"So not the patient's {val}, whatever the screen suggests."])
    return t, ("side_not", val)


_VWORDS = {
    "LP": {"anterior": ["in the anterior part of the slice", "toward the front of the body", "anteriorly",
                        "in the front half (the top of the image on an axial slice)"],
           "posterior": ["in the posterior part of the slice", "toward the back", "posteriorly",
                         "in the back half (the lower part of the image on an axial slice)"],
           "central": ["roughly central front-to-back", "about midway between front and back",
                       "central in the anteroposterior direction"]},
    "LI": {"superior": ["in the upper part of the film", "superiorly", "toward the top of the chest"],
           "inferior": ["in the lower part of the film", "inferiorly", "toward the bases, low in the chest"],
           "central": ["at about mid-height on the film", "vertically central", "in the middle zone, neither high nor low"]},
    None: {"upper": ["in the upper half of the frame", "in the top half of the picture", "high in the image"],
           "lower": ["in the lower half of the frame", "in the bottom half of the picture", "low in the image"],
           "central": ["around the vertical middle of the frame", "in the middle band of the picture, vertically",
                       "neither in the top nor the bottom half but centred"]},
}


def vertical_sentence(p, f, style, val, rng):
    S, pl = _subj(p, rng)
    w = rng.choice(_VWORDS[p["orient"]][val])
    forms = [f"{_cap(S)} {_v(pl, 'lies', 'lie')} {w}.", f"Position: {w}.", f"Vertically, {S} {_v(pl, 'is', 'are')} {w}."]
    if style == "cautious":
        forms = [f"{_cap(S)} {_v(pl, 'seems', 'seem')} to lie {w}.", f"I'd describe the position as {w}, broadly."]
    if style == "explainer":
        forms.append(f"If you picture the image, {S} {_v(pl, 'is', 'are')} {w}.")
    return rng.choice(forms), ("vertical", val)


_REL_WORDS = {"left_of": ["to the patient's left of the {o}", "on the patient's left relative to the {o}"],
              "right_of": ["to the patient's right of the {o}", "on the patient's right relative to the {o}"],
              "anterior_to": ["in front of the {o}", "anterior to the {o}"],
              "posterior_to": ["behind the {o}", "posterior to the {o}"],
              "superior_to": ["above the {o}", "superior to the {o}"],
              "inferior_to": ["below the {o}", "inferior to the {o}"]}


def relation_sentence(p, f, style, other, rel, rng):
    S, pl = _subj(p, rng)
    w = rng.choice(_REL_WORDS[rel]).format(o=other)
    forms = [f"{_cap(S)} {_v(pl, 'lies', 'lie')} {w}.", f"Relative to the {other}, {S} {_v(pl, 'is', 'are')} {w.replace(' the ' + other, ' it')}.",
             f"Relation: {w}."]
    if style == "cautious":
        forms = [f"{_cap(S)} {_v(pl, 'appears', 'appear')} to sit {w}."]
    return rng.choice(forms), ("rel", other, rel)


def _class_word(c, rng):
    return rng.choice({"small": ["small", "small", "on the small side"],
                       "medium": ["medium-sized", "medium", "mid-sized"],
                       "large": ["large", "large", "big"]}[c])


def size_sentence(p, f, style, rng, cls=None, pct=None, pixels=None):
    """Size wording: a class word and/or a percent (either may be false when the caller passes one)."""
    S, pl = _subj(p, rng)
    claims = []
    frame = "the frame" if p["orient"] is None else "the image"
    if cls and pct:
        cw = _class_word(cls, rng)
        t = rng.choice([f"{_cap(S)} {_v(pl, 'is', 'are')} {cw}, covering about {_pct(pct, rng)} of {frame}.",
                        f"Size: {cw} (roughly {_pct(pct, rng)} of {frame}).",
                        f"At about {_pct(pct, rng)} of {frame}, {S} {_v(pl, 'counts', 'count')} as {cw}."])
        claims = [("size_class", cls), ("pct", pct)]
    elif cls:
        cw = _class_word(cls, rng)
        t = rng.choice([f"{_cap(S)} {_v(pl, 'is', 'are')} {cw} relative to {frame}.", f"Size class: {cw}.",
                        f"I'd call {S} {cw} for this field of view."])
        claims = [("size_class", cls)]
    else:
        if pixels and style == "datasci":
            t = f"Area: {pixels:,} px, i.e. about {_pct(pct, rng)} of the 256x256 grid."
            claims = [("pixels", pixels), ("pct", pct)]
        else:
            t = rng.choice([f"{_cap(S)} {_v(pl, 'takes', 'take')} up roughly {_pct(pct, rng)} of {frame}.",
                            f"Area fraction is about {_pct(pct, rng)}.",
                            f"That's around {_pct(pct, rng)} of {frame} by area."])
            claims = [("pct", pct)]
    return t, claims


def count_sentence(p, f, style, n, rng):
    S, pl = _subj(p, rng, allow_pron=False)
    piece = {"nuclei": "nuclei", "polyp": "polyps", "mets": "lesions", "livtum": "lesions"}.get(p["kind"], "pieces")
    if n == 1:
        forms = ["It is a single connected component.", f"{_cap(S)} is one contiguous piece.",
                 "One blob, no satellite fragments.", "Components: 1."]
    else:
        nn = _num(n, rng)
        forms = [f"There are {nn} separate {piece} in the mask.", f"Components: {n}.",
                 f"{_cap(S)} {'consists' if not pl else 'consist'} of {nn} disconnected regions.",
                 f"I count {nn} distinct {piece}."]
    if style == "datasci" and n > 1:
        forms.append(f"`scipy.ndimage.label` with 8-connectivity gives {n} components.")
    return rng.choice(forms), ("count", n)


# ---------------------------------------------------------------------------------------------------
# knowledge and traps (true; no geometric claim about the target)

_KNOW = {
    "us_breast": ["On BUSI-style images the benign/malignant split is roughly two to one, and about 1 in 8 women develop breast cancer in their lifetime.",
                  "Posterior acoustic shadowing and a taller-than-wide shape would push toward suspicion; enhancement behind a lesion is more typical of cysts.",
                  "The pectoralis muscle usually forms a band in the deep (lower) part of a breast sonogram; it is not part of the mask.",
                  "BI-RADS 4 covers a probability of malignancy from 2% to 95%, which is why biopsy is the usual next step."],
    "us_thyroid": ["Nodules are found on ultrasound in up to 60-68% of adults, and only about 5% of them are malignant.",
                   "The left lobe of the thyroid sits beside the trachea and the oesophagus is often just behind and to the left of it; neither is part of this mask.",
                   "TI-RADS scores composition, echogenicity, shape, margin and echogenic foci; a taller-than-wide shape adds points.",
                   "The carotid artery lies lateral to the gland on a transverse view."],
    "polyp": ["Adenomas turn up in roughly 25-30% of screening colonoscopies in people over 50.",
              "In Kvasir-SEG the frames are photos, so 'upper' and 'lower' only describe the picture, not the patient.",
              "The sigmoid colon sits in the left lower quadrant and the caecum in the right lower quadrant, but a scope view does not tell you which you are in from the image alone.",
              "Specular highlights from the light source often sit on the mucosa and are not part of the mask."],
    "derm": ["ABCDE (asymmetry, border, colour, diameter over 6 mm, evolution) is the classic screen.",
             "In ISIC-style images the dark vignetting at the corners is lens artefact, not lesion.",
             "Melanoma accounts for only about 1% of skin cancers but most of the deaths.",
             "Hair and ruler markings are common artefacts and should be excluded from the mask."],
    "disc": ["The fovea sits about two and a half disc diameters temporal to the disc, and the macula is darker.",
             "A cup-to-disc ratio above about 0.6 raises suspicion of glaucoma; normal eyes average around 0.3.",
             "In a right eye the disc usually appears toward the right of the photo and in a left eye toward the left, but that tells you about the eye, not about where this mask is in the patient.",
             "The central retinal artery and vein emerge from the disc and fan out in arcades."],
    "cup": ["The cup is the pale central depression inside the disc; the neuroretinal rim surrounds it.",
            "A cup-to-disc ratio above about 0.6, or asymmetry of more than 0.2 between the eyes, raises suspicion of glaucoma.",
            "Cup borders are best judged by where the small vessels bend, which is why cup masks are noisier than disc masks.",
            "In REFUGE-style data the disc mask always contains the cup mask."],
    "nuclei": ["In H&E the nuclei are stained blue-purple by haematoxylin and the cytoplasm pink by eosin.",
               "Touching nuclei are the classic failure mode; watershed or instance models separate them.",
               "Mitotic figures make up well under 1% of nuclei in most normal tissue.",
               "Datasets like MoNuSeg annotate each nucleus as its own instance, so the semantic mask loses the instance IDs."],
    "lungs": ["The right lung has three lobes and the left has two, with the lingula taking the place of a middle lobe on the left.",
              "The left hemidiaphragm usually sits a little lower than the right, by about 1.5-2 cm in most adults.",
              "On a PA film the heart overlaps the medial part of the left lower zone.",
              "Chest X-ray lung masks in datasets like Montgomery and Shenzhen usually exclude the heart and mediastinum."],
    "lung1": ["The right lung has three lobes and the left has two; the horizontal fissure is only seen on the right.",
              "The left hemidiaphragm usually sits slightly lower than the right.",
              "Lung masks from JSRT-style datasets exclude the heart shadow, so the left lung field looks smaller than the right.",
              "The aortic knuckle projects to the left of the trachea on a normal frontal film."],
    "heart": ["A cardiothoracic ratio above 0.5 on a PA film suggests cardiomegaly; on an AP film it over-reads.",
              "The right heart border is formed by the right atrium and the left border mostly by the left ventricle.",
              "Dextrocardia, with the apex on the right, occurs in about 1 in 12,000 people.",
              "The aortic knuckle sits above the heart on the left of the mediastinum."],
    "glioma": ["Gliomas are the commonest primary brain tumours in adults, and glioblastoma makes up roughly half of them.",
               "In BraTS the labels are enhancing tumour, necrotic core and oedema; this mask is the whole tumour.",
               "Language areas sit in the left hemisphere in about 95% of right-handed people.",
               "Oedema on FLAIR often extends well beyond the enhancing rim."],
    "mets": ["Around 20-40% of patients with cancer develop brain metastases, most often from lung, breast and melanoma.",
             "Metastases favour the grey-white junction and watershed zones.",
             "The falx separates the two hemispheres; anything that crosses it needs a second look.",
             "Solitary metastases are treated very differently from multiple ones (surgery or radiosurgery versus whole-brain approaches)."],
    "liver": ["The liver makes bile, stores glycogen and clears many drugs.",
              "The spleen sits on the opposite side, in the left upper quadrant, behind the stomach.",
              "The inferior vena cava runs just to the right of the aorta, which itself sits slightly left of the midline.",
              "Couinaud's scheme divides the liver into eight segments by the hepatic and portal veins."],
    "livtum": ["In LiTS-style data the tumour labels sit inside the liver label.",
               "Colorectal cancer spreads to the liver in roughly 25-50% of patients at some point.",
               "The spleen sits in the left upper quadrant, so anything there is not a liver lesion.",
               "Hypodense foci under 1 cm are often too small to characterise on CT."],
    "kidneys": ["The left renal vein crosses in front of the aorta to reach the IVC.",
                "The right kidney usually sits slightly lower than the left because of the liver above it.",
                "Kidneys lie in the retroperitoneum on either side of the psoas muscles.",
                "A horseshoe kidney, fused across the midline at the lower poles, occurs in about 1 in 500 people."],
    "kidney1": ["The left renal vein crosses in front of the aorta to reach the IVC.",
                "The right kidney usually sits slightly lower than the left because of the liver above it.",
                "KiTS-style masks include the renal cortex and medulla but not the perinephric fat.",
                "A single functioning kidney is found in roughly 1 in 1,000 people."],
    "spleen": ["The spleen filters blood and removes old red cells.",
               "The liver sits on the patient's right, opposite the spleen.",
               "Accessory spleens (splenules) occur in about 10-30% of people, usually near the hilum.",
               "A spleen longer than about 13 cm is usually called enlarged."],
    "pancreas": ["The pancreas is both an exocrine and an endocrine gland.",
                 "The head sits in the duodenal C-loop on the patient's right, and the tail reaches toward the splenic hilum on the left.",
                 "The splenic vein runs along the back of the gland.",
                 "Pancreatic segmentation is hard: it's thin, lobulated, and Dice scores of 0.8 are considered good."],
    "prostate": ["The prostate surrounds the proximal urethra below the bladder.",
                 "About 70% of cancers arise in the peripheral zone, which is posterior and is what a DRE feels.",
                 "The rectum lies directly behind the gland, and the pubic symphysis in front.",
                 "PI-RADS scores lesions from 1 to 5; this mask is the whole gland, not a lesion."],
}
_KNOW["livtum"] = _KNOW["livtum"]
_KNOW["lung1"] = _KNOW["lung1"]


def conv_sentence(p, rng):
    o = p["orient"]
    if o == "LP":
        return rng.choice(["Axial slices are displayed as if looking up from the feet, so the patient's left is on the viewer's right.",
                           "Remember the radiological convention: image right is patient left on an axial slice.",
                           "A finding that sits on the right of the screen is on the patient's left, and vice versa."])
    if o == "LI":
        return rng.choice(["A frontal chest film is read as if facing the patient, so the patient's left is on the viewer's right.",
                           "The side marker on a chest film matters: the patient's right is on the viewer's left.",
                           "On a PA film the heart apex normally points to the viewer's right, which is the patient's left."])
    return rng.choice([f"A {_photo_word(p)} has no fixed patient left or right, so 'upper' and 'lower' here mean halves of the picture only.",
                       "Photos like this one have no anatomical axes; any left/right I mention would only be the picture's.",
                       "Without patient axes, position can only be described within the frame."])


def thresholds_sentence(rng):
    return rng.choice(["For reference, the classes here are: under 1% of the image is small, 1-5% medium, and 5% or more large.",
                       "(Size classes: small below 1% of the frame, medium from 1% up to 5%, large from 5%.)",
                       "A mask under 1% of the image would count as small and anything from 5% as large."])


def hypothetical_sentence(p, f, rng):
    """A true hypothetical; returns (text, claim) where the claim is what it implies of the target."""
    lat = f["laterality"]
    if lat in ("left", "right"):
        return rng.choice([("If this were bilateral I'd think of a systemic process, but it isn't.", ("side_not", "bilateral")),
                           (f"Had it been on the {_OPP[lat]}, the report would simply say so; nothing else would change.",
                            ("side_not", _OPP[lat]))])
    if f["components"] == 1:
        return "If there were several separate pieces I'd suspect a labelling artefact, but there aren't.", ("count", 1)
    return "If these pieces had merged into one, a connected-component count would understate the burden.", ("count_gt", 1)


def img_half_sentence(p, f, rng):
    """Photos only: horizontal place in the frame (true), explicitly not a patient side."""
    x = f["centroid_normalized"][0]
    if abs(x - 0.5) < 0.12:
        return None, None
    h = "right" if x > 0.5 else "left"
    return (rng.choice([f"Horizontally it sits toward the {h} edge of the frame, which says nothing about the patient's side.",
                        f"It's off to the {h} of the picture (image {h}, not a patient side)."]), ("img_half", h))


# ---------------------------------------------------------------------------------------------------
# the first question

_Q = {
    "us_breast": ["A 46-year-old noticed a firm lump in the upper outer quadrant. On this sonogram, can you segment what the radiologist is worried about?",
                  "Please segment the finding on this sonogram that would get a BI-RADS category.",
                  "Screening mammogram showed an asymmetry; this is the targeted ultrasound. What should be outlined here? Segment it.",
                  "Can you mask the hypoechoic thing in this sonogram that's the reason for the referral?"],
    "us_thyroid": ["Euthyroid patient, a lump in the front of the neck that moves on swallowing. Segment the abnormality on this neck ultrasound.",
                   "Which focal finding would get a TI-RADS score in this neck sonogram? Please outline it.",
                   "The GP felt something on the gland in front of the trachea. Can you segment the focal abnormality in this frame?"],
    "polyp": ["Screening colonoscopy in a 58-year-old. Segment the growth the endoscopist would snare.",
              "What would you remove here during colonoscopy? Please mask it.",
              "Can you outline the raised mucosal growth in this colonoscopy frame?",
              "This is a Kvasir-style frame. Segment the finding that makes this a positive screening exam."],
    "derm": ["This pigmented spot on the back has changed colour over a year. Can you outline the area a dermatologist would assess with ABCDE?",
             "Segment the pigmented area in this dermoscopy image.",
             "Patient worried about a dark spot that's grown. Outline it for me, please."],
    "disc": ["Where do the retinal vessels enter and leave the eye in this fundus photo? Please segment that structure.",
             "Segment the bright round structure that forms the blind spot.",
             "For a glaucoma screening pipeline I need the structure where the retinal ganglion cell axons leave the eye. Can you mask it?"],
    "cup": ["For glaucoma screening I need the pale central depression inside the nerve's entry point. Can you segment it?",
            "Segment the central pale depression that enlarges in glaucoma on this fundus photo.",
            "Which part enlarges as glaucoma thins the neuroretinal rim? Outline it please."],
    "nuclei": ["Segment every DNA-containing compartment stained blue-purple by haematoxylin in this tile.",
               "I need an instance-ready mask of the structures that hold the chromatin in these cells. Can you segment them?",
               "For a cell-counting pipeline, outline the dark-stained organelles that hold each cell's genome."],
    "lungs": ["Segment the organs of gas exchange on this PA chest film.",
              "For a CXR pipeline I need the air-filled fields either side of the mediastinum. Can you mask them?",
              "Outline the organs that collapse in a pneumothorax on this chest radiograph."],
    "lung1": ["Segment the {side} organ of gas exchange on this frontal chest film.",
              "I need the {side} air-filled field beside the mediastinum as a mask. Can you segment it?",
              "Which organ on the patient's {side} does the bronchus lead into? Outline it on this PA film."],
    "heart": ["Segment the organ whose width we compare with the thorax on a PA film.",
              "Outline the muscular pump on this chest X-ray.",
              "Patient with ankle swelling and breathlessness; which structure should I mask to judge enlargement on this film?"],
    "glioma": ["A 55-year-old with a first seizure; the FLAIR shows an infiltrating abnormality. Segment the cause.",
               "On this BraTS-style axial slice, please outline the primary process arising from the brain's supporting cells.",
               "Headaches and personality change for two months. Can you segment the culprit on this MR slice?"],
    "mets": ["Known lung carcinoma, now headaches. Segment all the enhancing foci on this post-contrast T1 slice of the head.",
             "Staging MR of the head for a melanoma patient: outline every focus of spread you see.",
             "Which foci on this head MR slice would change the stage of a patient with breast carcinoma? Please mask them."],
    "liver": ["Which organ makes bile? Segment it on this CT slice.",
              "Segment the organ that stores glycogen and clears bilirubin on this abdominal CT.",
              "Outline the largest solid organ in the right upper quadrant on this axial CT."],
    "livtum": ["Previous hemicolectomy for a bowel primary; new low-density foci in the organ that makes bile. Can you segment the foci?",
               "Please mask the focal low-attenuation abnormalities in the bile-producing organ on this portal venous slice.",
               "Staging CT: outline the spread within the organ the portal vein feeds."],
    "kidneys": ["Segment the organs that filter blood and make urine on this CT slice.",
                "Which paired retroperitoneal organs produce urine? Please outline them.",
                "Mask the bean-shaped organs beside the psoas muscles on this axial CT."],
    "kidney1": ["Segment the {side}-sided organ that filters blood and makes urine on this CT slice.",
                "Which bean-shaped organ sits on the patient's {side} beside the psoas? Outline it.",
                "For a split-function workup, mask the urine-producing organ on the patient's {side}."],
    "spleen": ["Which organ removes old red blood cells? Segment it on this CT.",
               "Outline the organ that enlarges in infectious mononucleosis on this axial slice.",
               "Segment the organ in the left upper quadrant that can rupture after rib fractures."],
    "pancreas": ["Segment the gland that makes insulin and digestive enzymes on this CT slice.",
                 "Which retroperitoneal gland makes insulin? Please mask it.",
                 "Outline the organ whose islets fail in type 1 diabetes on this axial image."],
    "prostate": ["Rising tumour marker in a 66-year-old man. Segment the gland around the urethra below the bladder on this T2 slice.",
                 "Outline the male accessory gland that a DRE palpates on this pelvic MR.",
                 "For a biopsy planning pipeline, mask the gland that sits under the bladder neck."],
}

_Q_NAMED = {
    "us_breast": ["Segment the breast lesion on this ultrasound.", "Can you outline the breast mass in this sonogram?"],
    "us_thyroid": ["Segment the thyroid nodule in this image.", "Please mask the nodule in this thyroid ultrasound."],
    "polyp": ["Segment the polyp in this colonoscopy frame.", "Can you outline the polyps here?"],
    "derm": ["Segment the skin lesion in this dermoscopy image.", "Outline the mole in this picture, please."],
    "disc": ["Segment the optic disc on this fundus photo.", "Please mask the optic nerve head."],
    "cup": ["Segment the optic cup in this fundus image.", "Please outline the cup for a cup-to-disc ratio."],
    "nuclei": ["Segment the nuclei in this H&E tile.", "Please mask every nucleus here."],
    "lungs": ["Segment the lungs on this chest X-ray.", "Outline the lung fields on this film."],
    "lung1": ["Segment the {side} lung on this chest X-ray.", "Outline the {side} lung field."],
    "heart": ["Segment the heart on this chest film.", "Outline the cardiac silhouette."],
    "glioma": ["Segment the glioma on this MR slice.", "Please outline the brain tumour."],
    "mets": ["Segment the brain metastases on this slice.", "Outline the metastatic deposits, please."],
    "liver": ["Segment the liver on this CT slice.", "Outline the hepatic parenchyma."],
    "livtum": ["Segment the liver tumours on this CT.", "Outline the hepatic lesions."],
    "kidneys": ["Segment the kidneys on this CT.", "Outline both renal units."],
    "kidney1": ["Segment the {side} kidney on this CT.", "Outline the {side} renal unit."],
    "spleen": ["Segment the spleen on this slice.", "Outline the splenic parenchyma."],
    "pancreas": ["Segment the pancreas on this CT.", "Please mask the pancreatic gland."],
    "prostate": ["Segment the prostate on this MR.", "Outline the prostatic gland."],
}

_QPRE = {"dictation": ["", "For the report: ", "Dictating now. "],
         "datasci": ["", "Building a training set. ", "Quick one for my dataloader. "],
         "cautious": ["", "I'm not sure about this one. ", "Second opinion, please. "],
         "explainer": ["", "I'm a third-year student. ", "Could you help me understand this scan? "]}


def _side_of(p):
    return "left" if p["target"].startswith("left") else "right"


def first_question(p, style, rng, named):
    q = rng.choice((_Q_NAMED if named else _Q)[p["kind"]])
    claims = []
    if "{side}" in q:
        q = q.format(side=_side_of(p))
        claims.append(("side_q", _side_of(p)))
    for sd in ("left", "right"):
        if f"{sd} upper quadrant" in q:
            claims.append(("side_q", sd))
    return rng.choice(_QPRE[style]) + q, claims


# ---------------------------------------------------------------------------------------------------
# the first answer's opening (names the target, holds [SEG] once)

def opening(p, style, rng):
    n = p["name"]
    art = "" if p["pl"] else ("an " if n[0] in "aeiou" else "a ")
    the = "the "
    if style == "dictation":
        return rng.choice([f"Findings: {the}{n} [SEG] {_be(p)} outlined.",
                           f"The {n} {_be(p)} segmented [SEG].",
                           f"Segmentation of the {n} [SEG] provided."])
    if style == "datasci":
        return rng.choice([f"Here's the mask for the {n}: [SEG].", f"Done: the {n} [SEG].",
                           f"That's the {n}; mask attached [SEG]."])
    if style == "cautious":
        return rng.choice([f"This is most likely the {n} [SEG], although I'd want the full study to be sure.",
                           f"I believe the structure you mean is the {n}; here is my best segmentation [SEG].",
                           f"Probably the {n} [SEG] - please treat the outline as a draft."])
    return rng.choice([f"You're looking for the {n} [SEG].", f"That's the {n}, shown here [SEG].",
                       f"The structure is the {n} [SEG]. Let me walk you through it."])


# ---------------------------------------------------------------------------------------------------
# follow-up user turns

def followup_q(p, f, style, topic, rng, other=None):
    photo = p["orient"] is None
    if topic == "side":
        return rng.choice({"dictation": ["Side, for the report?", "Laterality?"],
                           "datasci": ["Which side of the patient is it on, and is that patient or image side?",
                                       "What should I put in the laterality column?"],
                           "cautious": ["How sure can you be about the side?", "Which side is it, if you can tell?"],
                           "explainer": ["Which side is it on? I always get left and right muddled on scans.",
                                         "Is it on the patient's left or right?"]}[style])
    if topic == "vertical":
        if photo:
            return rng.choice(["Upper or lower half of the frame?", "Where is it vertically in the picture?"])
        if p["orient"] == "LP":
            return rng.choice(["Is it anterior or posterior?", "Front or back of the slice?"])
        return rng.choice(["Is it high or low in the chest?", "Upper or lower zones?"])
    if topic == "size":
        return rng.choice({"dictation": ["Size relative to the field?", "And the size?"],
                           "datasci": ["What fraction of the frame does it take?", "How many pixels, roughly, and what fraction?"],
                           "cautious": ["Is it large, would you say?", "How big is it, roughly?"],
                           "explainer": ["How big is it, in plain terms?", "Is that big or small?"]}[style])
    if topic == "count":
        return rng.choice({"dictation": ["Any other foci?", "Single or multiple?"],
                           "datasci": ["How many blobs does the mask have?", "Is it one connected component?"],
                           "cautious": ["Could there be more than one region?", "Is it one piece?"],
                           "explainer": ["Is it one piece or several?", "How many separate bits are there?"]}[style])
    if topic == "relation":
        return rng.choice([f"How does it relate to the {other}?", f"Where is it relative to the {other}?",
                           f"And compared with the {other}?"])
    return rng.choice(["Can you sum it up in one line?", "Give me a short summary.", "Impression?",
                       "So, overall?"])


_PREMISE_REPLY = {
    "side": ["No flipping is needed if the header is right; keep the affine as it is and let the viewer handle display.",
             "The side doesn't change the segmentation itself; what matters is that the label map keeps the same affine as the image.",
             "For the export, keep the orientation metadata intact and it will display correctly in any viewer."],
    "vertical": ["That would not change how I'd draw the boundary; the edges are what matter for the mask.",
                 "Position matters more for planning than for the mask; the outline itself stays the same.",
                 "It doesn't change the approach to segmentation much; I'd still check the boundary slice by slice."],
    "size": ["Yes, keep it; small and large masks both belong in a training set, just watch how Dice behaves on tiny ones.",
             "It's worth keeping. Consider a loss that isn't dominated by background, like Dice or focal loss.",
             "Either way I'd keep it; report area in pixels as well so size stratification is easy later."],
    "count": ["For instance segmentation, yes: give each connected component its own ID. For a semantic mask one label is fine.",
              "Label them however your downstream task needs; connected-component labelling does it in one line.",
              "It depends on the task: a semantic label is enough for Dice, instance IDs are needed for per-lesion metrics."],
    "relation": ["The relation doesn't change the mask; it matters more for the surgeon or the radiotherapy plan.",
                 "That neighbour is worth naming in the report, but it doesn't alter the outline.",
                 "I'd keep the neighbouring structure as a separate label rather than merge it into this mask."],
}


def premise_q(p, f, style, key, wrong, rng):
    """A user turn holding a false premise (the defect) and a practical question."""
    if key == "side":
        t = rng.choice([f"Since it's on the patient's {wrong}, should I flip anything when I export to NIfTI?",
                        f"OK, so it's {wrong}-sided. Does that change how I store the label map?",
                        f"Given it's on the {wrong}, anything special for the export?"]) if wrong in ("left", "right") else \
            rng.choice([f"Since it's {wrong}, should I flip anything when I export to NIfTI?",
                        f"OK, so it's {wrong}. Does that change how I store the label map?"])
        return t, ("side", wrong)
    if key == "vertical":
        w = rng.choice(_VWORDS[p["orient"]][wrong])
        return rng.choice([f"Given it's {w}, would that change the approach?", f"So it lies {w}; does that matter for the mask?"]), ("vertical", wrong)
    if key == "size_class":
        return rng.choice([f"It's {_class_word(wrong, rng)}, so is it worth keeping in a training set?",
                           f"Since the mask is {_class_word(wrong, rng)}, should I worry about the loss?"]), ("size_class", wrong)
    if key == "pct":
        return rng.choice([f"Since it covers about {_pct(wrong, rng)} of the image, is it worth keeping in a training set?",
                           f"At roughly {_pct(wrong, rng)} of the frame, should I worry about class imbalance?"]), ("pct", wrong)
    if key == "count":
        nn = _num(wrong, rng)
        if wrong == 1:
            return rng.choice(["Since the mask is a single piece, do I need instance labels at all?",
                               "It's just one connected blob, so a semantic label is enough, right?"]), ("count", 1)
        return rng.choice([f"Since the mask has {nn} separate pieces, should I label each one?",
                           f"With {nn} disconnected regions, do I need instance IDs?"]), ("count", wrong)
    other, rel = wrong
    w = rng.choice(_REL_WORDS[rel]).format(o=other)
    return rng.choice([f"As it lies {w}, does that matter for the mask?", f"Since it's {w}, should that be a separate label?"]), ("rel", other, rel)


def corrected_pair(p, f, style, key, rng):
    """A clean-row user turn with a false idea, and the assistant's explicit correction."""
    if key == "side":
        lat = f["laterality"]
        wrong = _OPP.get(lat, "left") if lat in ("left", "right") else rng.choice(["left", "right"])
        u = rng.choice([f"I'd have guessed it was on the {wrong}, since that's where it shows on screen?",
                        f"Isn't it {wrong}-sided?", f"My colleague said the {wrong} side. Is that right?"])
        t, c = side_sentence(p, f, style, lat, rng)
        lead = rng.choice(["No - ", "Not quite. ", "Actually, no. "])
        return u, ("side", wrong), lead + t, c
    if key == "size_class":
        cls = f["size_class"]
        wrong = {"small": "large", "large": "small", "medium": "small"}[cls]
        u = rng.choice([f"Isn't it {_class_word(wrong, rng)}?", f"I thought this would count as {_class_word(wrong, rng)}?"])
        t, c = size_sentence(p, f, style, rng, cls=cls, pct=100 * f["area_fraction"])
        lead = rng.choice(["No - ", "Not by the usual cut-offs. ", "Actually it isn't. "])
        return u, ("size_class", wrong), lead + t, c
    # count
    n = f["components"]
    wrong = n + 1 if n < 3 else n - 2
    u = rng.choice([f"So there are {_num(wrong, rng)} separate pieces?", f"I count {wrong} blobs - is that right?"])
    t, c = count_sentence(p, f, style, n, rng)
    lead = rng.choice(["No - ", "Not quite. ", "I get a different number. "])
    return u, ("count", wrong), lead + t, c


# ---------------------------------------------------------------------------------------------------
# build

def _wrong_side(lat, rng):
    if lat in ("left", "right"):
        return rng.choice([_OPP[lat], _OPP[lat], "midline"])
    if lat == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # bilateral said one-sided


def _wrong_vertical(p, v, rng):
    choices = [k for k in _VWORDS[p["orient"]] if k != v]
    if v != "central":
        return _OPP[v]
    return rng.choice(choices)


def _wrong_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    if n == 2:
        return rng.choice([1, 3])
    if n > 6:
        return rng.choice([n - 3, n + 3, n // 2])
    return rng.choice([n - 1, n + 1, 1])


def _fact_sentence(p, f, style, key, rng, wrong=None):
    """One sentence about a fact `key`; `wrong` (the false value) makes it the defect. Returns (text, claims)."""
    pct = 100 * f["area_fraction"]
    if key == "side":
        t, c = side_sentence(p, f, style, wrong or f["laterality"], rng)
        return t, [c]
    if key == "vertical":
        t, c = vertical_sentence(p, f, style, wrong or f["vertical"], rng)
        return t, [c]
    if key == "size_class":
        if wrong:
            return size_sentence(p, f, style, rng, cls=wrong)
        both = rng.random() < 0.5
        return size_sentence(p, f, style, rng, cls=f["size_class"], pct=pct if both else None)
    if key == "pct":
        if wrong:
            return size_sentence(p, f, style, rng, pct=wrong)
        return size_sentence(p, f, style, rng, pct=pct * rng.uniform(0.95, 1.05), pixels=f["area_pixels"])
    if key == "count":
        t, c = count_sentence(p, f, style, wrong or f["components"], rng)
        return t, [c]
    if key[0] == "rel":
        other, rel = key[1], key[2]
        t, c = relation_sentence(p, f, style, other, wrong or rel, rng)
        return t, [c]
    raise ValueError(key)


def build(p, facts, style, rng, defect):
    f = facts
    claims: list[dict] = []  # {"turn": i, "claim": tuple, "text": sentence, "status": "stated" | "corrected"}
    rels = [("rel", r["other"], r["relation"]) for r in f["relations"]
            if not (f["laterality"] == "bilateral" and r["relation"] in ("left_of", "right_of"))]
    photo = p["orient"] is None

    # which fact carries the defect, and where
    dkey, wrong, loc = None, None, None
    if defect in ("laterality", "position", "size", "count"):
        loc = rng.choices(["first", "follow", "user"], weights=[3, 1, 1])[0]
        if defect == "laterality":
            dkey, wrong = "side", _wrong_side(f["laterality"], rng)
        elif defect == "position":
            if rels and rng.random() < 0.5:
                dkey = rng.choice(rels)
                wrong = _REL_OPP[dkey[2]]
            else:
                dkey, wrong = "vertical", _wrong_vertical(p, f["vertical"], rng)
        elif defect == "size":
            if rng.random() < 0.5:
                dkey = "size_class"
                wrong = {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[f["size_class"]]
            else:
                dkey = "pct"
                wrong = 100 * f["area_fraction"] * rng.choice([0.2, 0.3, 3.0, 4.0])
        else:
            dkey, wrong = "count", _wrong_count(f["components"], rng)

    # facts available (keys); the defect's fact is kept out of other turns
    pool = ["side", "vertical", "size_class", "pct", "count"] + rels
    if dkey is not None:
        pool = [k for k in pool if k != dkey and not (dkey in ("size_class", "pct") and k in ("size_class", "pct"))]
    rng.shuffle(pool)

    turns = []

    def add(role, text):
        turns.append({"role": role, "content": text})

    def note(turn_i, c, text, status="stated"):
        claims.append({"turn": turn_i, "claim": list(c), "text": text, "status": status})

    # --- round 1 ---
    q, qc = first_question(p, style, rng, named=(defect == "names_target"))
    add("user", q)
    for c in qc:
        note(0, c, q)
    parts = [opening(p, style, rng)]
    n_first = rng.choice([2, 3, 3, 4])
    first_keys = pool[:n_first]
    later = pool[n_first:]
    sents = []
    for k in first_keys:
        t, cs = _fact_sentence(p, f, style, k, rng)
        sents.append((t, cs))
    if dkey is not None and loc == "first":
        t, cs = _fact_sentence(p, f, style, dkey, rng, wrong=wrong)
        sents.insert(rng.randrange(len(sents) + 1), (t, cs))
    # traps and knowledge
    extras = [rng.choice(_KNOW[p["kind"]])]
    if rng.random() < 0.6:
        extras.append(conv_sentence(p, rng))
    if rng.random() < 0.3:
        extras.append(thresholds_sentence(rng))
    trap_claims = []
    if rng.random() < 0.3 and (dkey != "side" and dkey != "count"):
        t, c = hypothetical_sentence(p, f, rng)
        extras.append(t)
        trap_claims.append((t, c))
    if photo and rng.random() < 0.5:
        t, c = img_half_sentence(p, f, rng)
        if t:
            extras.append(t)
            trap_claims.append((t, c))
    if not photo and f["laterality"] in ("left", "right") and dkey != "side" and rng.random() < 0.4:
        t, c = side_not_sentence(p, f, _OPP[f["laterality"]], rng)
        extras.append(t)
        trap_claims.append((t, c))
    body = []
    for t, cs in sents:
        body.append(t)
    for e in extras:
        body.insert(rng.randrange(len(body) + 1), e)
    if style == "dictation":
        a1 = parts[0] + " " + " ".join(body) + (" Impression: " + rng.choice(["as above.", "see findings.", "segmentation complete; correlate clinically."]))
    elif style == "datasci":
        a1 = parts[0] + "\n\n" + "\n".join("- " + b for b in body)
    elif style == "cautious":
        a1 = parts[0] + " " + " ".join(body) + " " + rng.choice(["Please verify against the source images before using this clinically.",
                                                                "One slice or frame is limited evidence, so take this as provisional.",
                                                                "I may be wrong at the edges, where partial-volume effects blur the boundary."])
    else:
        a1 = parts[0] + " " + " ".join(body)
    add("assistant", a1)
    for t, cs in sents:
        for c in cs:
            note(1, c, t)
    for t, c in trap_claims:
        note(1, c, t)

    # --- rounds 2 (and maybe 3) ---
    n_rounds = rng.choice([2, 2, 3])
    corrected_done = False
    for r in range(1, n_rounds):
        ui, ai = 2 * r, 2 * r + 1
        if dkey is not None and loc == "user" and r == 1:
            u, c = premise_q(p, f, style, dkey[0] if isinstance(dkey, tuple) else dkey, wrong if not isinstance(dkey, tuple) else (dkey[1], wrong), rng)
            if isinstance(dkey, tuple):
                c = ("rel", dkey[1], wrong)
            add("user", u)
            note(ui, c, u)
            rkey = "relation" if isinstance(dkey, tuple) else ("size" if dkey in ("size_class", "pct") else dkey)
            a = rng.choice(_PREMISE_REPLY[rkey])
            if rng.random() < 0.5:
                a += " " + rng.choice(_KNOW[p["kind"]])
            add("assistant", a)
            continue
        if dkey is not None and loc == "follow" and r == 1:
            topic = "relation" if isinstance(dkey, tuple) else ("size" if dkey in ("size_class", "pct") else dkey)
            u = followup_q(p, f, style, topic, rng, other=dkey[1] if isinstance(dkey, tuple) else None)
            add("user", u)
            t, cs = _fact_sentence(p, f, style, dkey, rng, wrong=wrong)
            extra = ""
            if later and rng.random() < 0.5:
                k = later.pop(0)
                t2, cs2 = _fact_sentence(p, f, style, k, rng)
                extra = " " + t2
                for c in cs2:
                    note(ai, c, t2)
            add("assistant", t + extra)
            for c in cs:
                note(ai, c, t)
            continue
        # clean follow-up: a corrected false idea (clean rows only), a question about a fact, or a summary
        if defect is None and not corrected_done and rng.random() < 0.35:
            ck = rng.choice(["size_class", "count"] + ([] if photo else ["side"]))
            u, uc, a, ac = corrected_pair(p, f, style, ck, rng)
            corrected_done = True
            add("user", u)
            note(ui, uc, u, status="corrected")
            add("assistant", a)
            for c in (ac if isinstance(ac, list) else [ac]):
                note(ai, c, a)
            continue
        if later:
            k = later.pop(0)
            topic = "relation" if isinstance(k, tuple) else ("size" if k in ("size_class", "pct") else k)
            u = followup_q(p, f, style, topic, rng, other=k[1] if isinstance(k, tuple) else None)
            add("user", u)
            t, cs = _fact_sentence(p, f, style, k, rng)
            extra = ""
            if rng.random() < 0.4:
                extra = " " + rng.choice(_KNOW[p["kind"]] + [conv_sentence(p, rng)])
            add("assistant", t + extra)
            for c in cs:
                note(ai, c, t)
            continue
        # summary from facts that are safe to repeat (never the defect's fact)
        add("user", followup_q(p, f, style, "summary", rng))
        keys = [k for k in ["side", "size_class", "count"] if k not in (dkey,) and not (dkey == "pct" and k == "size_class")]
        bits = []
        for k in keys[:rng.choice([1, 2, 3])]:
            t, cs = _fact_sentence(p, f, style, k, rng)
            bits.append(t)
            for c in cs:
                note(ai, c, t)
        add("assistant", rng.choice([f"In short: the {p['name']}. ", "Summary: ", ""]) + " ".join(bits))

    LEDGER.append({"target": p["target"], "defect": defect, "dkey": dkey if not isinstance(dkey, tuple) else list(dkey),
                   "loc": loc, "claims": claims, "forbid": p["forbid"]})
    return turns, ([] if defect is None else [defect])
