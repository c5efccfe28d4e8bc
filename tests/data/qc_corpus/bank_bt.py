"""Bank BT (round 15, helper qcbt): chest and neck CT, axial ("LP") and coronal ("LI"), written blind.

Targets: both lungs, the right lung, two lung lobes, heart, descending aorta, pulmonary artery, trachea,
oesophagus, thyroid gland (two lobes), common carotid arteries, right clavicle, ribs (many regions), a lung
tumour (1-3 nodules) and a pleural effusion (one side or both). Facts are the product's own measurement
(`compute_facts`) of synthetic ellipse masks; the prose is written from those facts.
Registers: a teaching radiologist dictating to a resident (imperatives), a Q&A-forum answer ("Short answer /
Long answer / EDIT"), a concise abbreviated bullet report (R/L, ant./post., ~, %), and an empathetic
explanation to a patient's relative ("your father's scan", "his left lung").
Traps in clean rows: true negations, the display convention, knowledge sentences about other structures with
their own sides and sizes, hedges, comparisons, population numbers, short follow-ups. About a fifth of the
side/position/size/count defects sit in a user follow-up question; some only in a follow-up answer.
First measure: taken by the lead after merging (the writer did not run `score` and never imported QC). The writer's
own check (/work/notes/qcbt_scripts/check_bt.py: structure, planted text present, a reader keyed on this bank's
phrasing) read 1420 claims: 0 wrong in clean rows; exactly one wrong claim, of the planted kind, in every
side/position/size/count row (42 of 168 in a user follow-up question, 41 more only in a follow-up answer).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["teaching", "forum", "bullets", "relative"]
W = H = 512

# comps: (cx, cy) normalised centres; size: image-fraction range; others: normalised centroids of neighbours
AX_OTHERS = {"heart": (0.6, 0.38), "vertebral body": (0.5, 0.76), "sternum": (0.5, 0.18),
             "aorta": (0.6, 0.66), "esophagus": (0.51, 0.62), "right lung": (0.3, 0.5), "left lung": (0.7, 0.5),
             "trachea": (0.5, 0.42)}
COR_OTHERS = {"heart": (0.58, 0.62), "trachea": (0.5, 0.22), "liver": (0.34, 0.88), "stomach": (0.68, 0.88)}


def _p(target, plane, comps, size, others, name, abbr, hints, forbid, give, kb, why, aspect=1.0):
    return dict(target=target, plane=plane, comps=comps, size=size, others=others, name=name, abbr=abbr,
                hints=hints, forbid=forbid, give=give, kb=kb, why=why, aspect=aspect)


PROFILES = [
    _p("lung", "ax", [(0.29, 0.5), (0.71, 0.5)], (0.10, 0.18), ["heart", "vertebral body", "sternum"],
       "both lungs", "lungs", ["the paired spongy organs where oxygen passes into the blood",
                               "the organs that fill most of the chest and move air in and out with each breath"],
       ["lung", "pulmon", "pneum", "lobe"], ["both lungs", "the pulmonary parenchyma", "the lung fields"],
       ["The heart sits between them, tipped toward the patient's left.",
        "The right main bronchus is shorter and more vertical than the left one."],
       "they are mostly air, so they look dark on a CT window", 0.6),
    _p("right lung", "ax", [(0.29, 0.5)], (0.08, 0.13), ["heart", "aorta", "vertebral body"],
       "the right lung", "R lung", ["the larger of the two breathing organs, the one with three sections",
                                    "the breathing organ on the side opposite the cardiac notch"],
       ["lung", "pulmon", "pneum"], ["the right lung", "the right pulmonary parenchyma", "the R lung"],
       ["The left lung has only two lobes, because the heart takes up room on that side.",
        "The liver dome lies just under the right hemidiaphragm, a little higher than the left one."],
       "the heart bulges to the other side, so this side has more room", 0.55),
    _p("right lower lung lobe", "cor", [(0.3, 0.66)], (0.025, 0.04), ["heart", "trachea", "liver"],
       "the right lower lobe", "RLL", ["the lowest of the three sections of the right breathing organ",
                                       "the segment below the oblique fissure on the side with three sections"],
       ["lung", "lobe", "lobar", "pulmon", "rll"], ["the right lower lobe", "the RLL", "the lower lobe of the right lung"],
       ["The left lower lobe is often hidden behind the heart on a frontal film.",
        "The horizontal fissure only exists on the right, separating the upper from the middle lobe."],
       "aspirated material tends to fall into it when the patient is upright", 0.8),
    _p("left upper lung lobe", "cor", [(0.69, 0.36)], (0.025, 0.04), ["heart", "trachea", "liver"],
       "the left upper lobe", "LUL", ["the upper section of the breathing organ that has only two sections",
                                      "the section above the oblique fissure on the side with the cardiac notch"],
       ["lung", "lobe", "lobar", "pulmon", "lul", "lingul"], ["the left upper lobe", "the LUL", "the upper lobe of the left lung"],
       ["The right lung has a middle lobe that the left lacks.",
        "The aortic arch curves over the left main bronchus."],
       "the lingula belongs to it, taking the place of a middle lobe", 0.7),
    _p("heart", "ax", [(0.6, 0.38)], (0.07, 0.11), ["vertebral body", "aorta", "right lung"],
       "the heart", "heart", ["the muscular pump with four chambers",
                              "the organ that pushes blood around the body with every beat"],
       ["heart", "cardi", "myocard", "coronar", "ventric", "atri"], ["the heart", "the cardiac silhouette", "the myocardium"],
       ["The descending aorta runs down along the left side of the spine.",
        "The right lung is usually a little larger than the left."],
       "two-thirds of its mass lies left of the midline in most people", 0.85),
    _p("aorta", "ax", [(0.6, 0.66)], (0.003, 0.006), ["vertebral body", "heart", "esophagus"],
       "the descending aorta", "desc. Ao", ["the largest artery in the body, here on its way down to the abdomen",
                                            "the main vessel leaving the left ventricle, at the level where it runs downward"],
       ["aort", " ao ", "ao."], ["the descending aorta", "the aortic lumen", "the thoracic aorta"],
       ["The azygos vein runs up on the right side of the spine.",
        "The pulmonary trunk sits in front, arising from the right ventricle."],
       "the arch curves over the left main bronchus before the vessel turns downward", 1.0),
    _p("pulmonary artery", "ax", [(0.5, 0.34)], (0.006, 0.009), ["vertebral body", "heart", "aorta"],
       "the main pulmonary artery", "MPA", ["the vessel that carries deoxygenated blood out of the right ventricle",
                                            "the vessel whose widening suggests high blood pressure in the chest circulation"],
       ["pulmon", "artery", "mpa", "trunk"], ["the pulmonary artery", "the pulmonary trunk", "the MPA"],
       ["The ascending aorta lies to its right at this level.",
        "The left atrium sits behind it, at the back of the heart."],
       "it divides into branches for each side just below this level", 1.0),
    _p("trachea", "ax", [(0.5, 0.4)], (0.003, 0.006), ["vertebral body", "esophagus", "sternum"],
       "the trachea", "trachea", ["the stiff tube with C-shaped cartilage rings that carries air down from the larynx",
                                  "the air-filled tube that splits into two main bronchi at the carina"],
       ["trache", "windpipe", "air pipe"], ["the trachea", "the windpipe", "the tracheal lumen"],
       ["The right main bronchus leaves it at a steeper angle than the left.",
        "The oesophagus usually lies just behind it and a little to the left."],
       "the cartilage rings keep it open during breathing", 1.2),
    _p("esophagus", "ax", [(0.505, 0.62)], (0.002, 0.004), ["vertebral body", "heart", "trachea"],
       "the oesophagus", "oesoph.", ["the muscular tube that carries swallowed food down to the stomach",
                                     "the hollow tube that a barium swallow outlines"],
       ["esophag", "oesophag", "gullet", "food pipe"], ["the oesophagus", "the esophagus", "the gullet"],
       ["The descending aorta runs beside it on the patient's left.",
        "The left atrium lies in front of it lower down."],
       "it has no serosa, so disease spreads early", 1.0),
    _p("thyroid gland", "ax", [(0.39, 0.38), (0.61, 0.38)], (0.006, 0.008), ["vertebral body", "trachea"],
       "the thyroid gland", "thyroid", ["the butterfly-shaped gland in the front of the neck that makes hormones controlling metabolism",
                                        "the gland that takes up iodine and lies in front of the neck"],
       ["thyro", "thyroid", "goitre", "goiter"], ["the thyroid", "the thyroid gland", "the thyroid lobes"],
       ["The right common carotid artery runs lateral to it on that side.",
        "The spinal cord lies far behind it, inside the vertebral canal."],
       "iodine makes it bright on unenhanced CT", 0.6),
    _p("common carotid artery", "ax", [(0.35, 0.46), (0.65, 0.46)], (0.002, 0.004), ["vertebral body", "trachea"],
       "both common carotid arteries", "CCAs", ["the paired neck vessels that take blood up toward the brain",
                                                "the vessels in the neck where a doctor feels the pulse under the jaw"],
       ["carotid", "cca"], ["the common carotid arteries", "both carotids", "the CCAs"],
       ["The internal jugular vein lies lateral to each of them.",
        "The left one arises straight from the arch, the right one from the brachiocephalic trunk."],
       "each one splits into an internal and an external branch higher up", 1.0),
    _p("right clavicle", "cor", [(0.33, 0.14)], (0.003, 0.007), ["heart", "trachea", "liver"],
       "the right clavicle", "R clav.", ["the S-shaped bone that joins the shoulder to the breastbone",
                                         "the bone that most often breaks when someone falls on an outstretched hand"],
       ["clavic", "collarbone", "collar bone", "clav."], ["the right clavicle", "the right collarbone", "the R clavicle"],
       ["The left clavicle mirrors it on the other side.",
        "The first rib runs just below it."],
       "it is the only long bone lying horizontally", 3.0),
    _p("rib", "cor", None, (0.013, 0.03), ["heart", "trachea", "liver"],
       "the ribs", "ribs", ["the curved bones that make up the cage around the chest",
                            "the bony hoops attached to the spine that protect the chest organs"],
       ["rib", "costal", "costo"], ["the ribs", "the rib cage", "the costal arches"],
       ["The sternum lies in the midline at the front, out of this plane.",
        "The liver sits under the right hemidiaphragm, below this level."],
       "a coronal slice cuts each curved bone only where it crosses the plane", 2.5),
    _p("lung tumour", "ax", None, (0.002, 0.006), ["vertebral body", "heart"],
       "the tumour", "nodule(s)", ["the abnormal spots in a heavy smoker's chest that could explain the cough with blood",
                                   "the suspicious growths in the chest that the oncologist wants outlined"],
       ["tumo", "nodul", "mass", "cancer", "carcinom", "neoplas", "malignan", "lung", "pulmon"],
       ["the lung tumour", "the lung nodules", "the pulmonary mass"],
       ["The heart and great vessels sit in the middle, between the two lungs.",
        "The right lung has three lobes, the left only two."],
       "such growths are easier to see in a lung window", 1.0),
    _p("pleural effusion", "ax", None, (0.02, 0.035), ["vertebral body", "heart"],
       "the effusion", "effusion", ["what is causing this breathless patient's dull percussion note",
                                    "the collection that would explain the blunted angle on the chest X-ray"],
       ["pleura", "effusion", "fluid", "hydrothorax"], ["the pleural effusion", "the effusion", "the pleural fluid"],
       ["The heart sits in front, between the lungs.",
        "The spine lies in the midline at the back."],
       "fluid settles in the lowest part of the chest when the patient lies on their back", 2.2),
]


def record_for(p: dict) -> dict:
    if p["plane"] == "cor":
        return {"modality": "CT", "body_region": "chest", "orientation": "LI"}
    return {"modality": "CT", "body_region": "neck" if p["target"] in ("thyroid gland", "common carotid artery")
            else "chest", "orientation": "LP"}


def _centres(p: dict, rng: random.Random) -> list[tuple[float, float]]:
    if p["target"] == "rib":
        n = rng.randint(4, 7)
        out = []
        for k in range(n):
            side = 0.22 if k % 2 == 0 else 0.78
            out.append((side + rng.uniform(-0.03, 0.03), 0.25 + 0.1 * (k // 2) + rng.uniform(-0.01, 0.01)))
        return out
    if p["target"] == "lung tumour":
        x = rng.choice([0.28, 0.72])
        return [(x + rng.uniform(-0.04, 0.04), y) for y in (0.36, 0.5, 0.64)[:rng.randint(1, 3)]]
    if p["target"] == "pleural effusion":
        return rng.choice([[(0.27, 0.72)], [(0.73, 0.72)], [(0.27, 0.72), (0.73, 0.72)]])
    return [(x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01)) for x, y in p["comps"]]


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw ellipses for the profile and let the product measure them."""
    from medseg_qa.facts import compute_facts

    cs = _centres(p, rng)
    frac = rng.uniform(*p["size"])
    area = frac * W * H / len(cs)
    ry = (area / (np.pi * p["aspect"])) ** 0.5
    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    for cx, cy in cs:
        mask |= ((xx - cx * (W - 1)) / (ry * p["aspect"])) ** 2 + ((yy - cy * (H - 1)) / ry) ** 2 <= 1
    table = AX_OTHERS if p["plane"] == "ax" else COR_OTHERS
    others = {k: table[k] for k in p["others"]}
    o = record_for(p)["orientation"]
    return compute_facts(mask, o, others=others).model_dump(mode="json")


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    if defect == "count" and rng.random() < 0.5:  # more multi-region masks where the count matters
        return rng.choice([q for q in profiles if q["target"] in ("lung", "rib", "lung tumour", "thyroid gland",
                                                                    "common carotid artery", "pleural effusion")])
    return rng.choice(profiles)



# -- prose ------------------------------------------------------------------------------------------------

OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
WORD = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
OTHER = {"heart": "the heart", "vertebral body": "the spine", "sternum": "the sternum", "aorta": "the aorta",
         "esophagus": "the oesophagus", "right lung": "the right lung", "left lung": "the left lung",
         "trachea": "the trachea", "liver": "the liver", "stomach": "the stomach"}
ABBR = {"heart": "heart", "vertebral body": "spine", "sternum": "sternum", "aorta": "Ao", "esophagus": "oesoph.",
        "right lung": "R lung", "left lung": "L lung", "trachea": "trachea", "liver": "liver", "stomach": "stomach"}
POP = ["Roughly 1.8 million people die of lung cancer worldwide each year.",
       "About 1.5 million pleural effusions are diagnosed in the United States every year.",
       "In adults the trachea is about 10 to 12 cm long.",
       "Around 5% of adults have a thyroid nodule that can be felt.",
       "A normal main pulmonary artery measures under about 29 mm across.",
       "About 1 in 4 adults has a small lung nodule on a screening CT, and most are benign."]
CONV = {"teaching": "Remember the convention: we look at the patient as if facing them, so the patient's left is on the right of your screen.",
        "forum": "(Side note: CT is displayed as if you face the patient, so their left shows up on the image's right.)",
        "bullets": "- Conv.: radiological (pt L = image R)",
        "relative": "On these pictures the left side of the body appears on the right of the screen, as if you were facing the person."}
HEDGE = {"teaching": ["Most likely, ", "I'd say ", "Probably "], "forum": ["IIRC, ", "Most likely, ", "Probably "],
         "bullets": ["prob. ", "likely "], "relative": ["As far as I can tell, ", "Most likely, ", "I think "]}


def _pct(f: float) -> str:
    v = 100 * f
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _region(p: dict) -> str:
    return "neck" if p["target"] in ("thyroid gland", "common carotid artery") else "chest"


def _rel_name(name: str, poss: str) -> str:
    if name.startswith("both "):
        return f"both of {poss} {name[5:]}"
    return f"{poss} {name[4:]}" if name.startswith("the ") else name


def side_s(style, side, only, rng, pr):
    """A side sentence; `only` marks a bilateral mask falsely called one-sided."""
    if style == "bullets":
        ab = {"left": "L", "right": "R", "bilateral": "bilat. (R + L)", "midline": "midline"}[side]
        return rng.choice([f"- Side: {ab}" + (" only" if only else ""), f"- Lat.: {ab}" + (" only, other side clear" if only else "")])
    if side == "bilateral":
        return {"teaching": rng.choice(["Notice that it is present on both sides, the patient's right and left.",
                                        "Look at both sides of the image: it is bilateral."]),
                "forum": rng.choice(["It's bilateral: there is a region on each side.", "It shows up on both the left and the right."]),
                "relative": f"It is on both sides of {pr['poss']} body."}[style]
    if side == "midline":
        return {"teaching": rng.choice(["Notice that it sits in the midline, not off to one side.", "Look: it lies right in the midline."]),
                "forum": "It sits right on the midline.",
                "relative": f"It sits in the middle of {pr['poss']} body."}[style]
    if only:
        return {"teaching": f"Notice that it is only on the patient's {side}; the other side is spared.",
                "forum": f"It is confined to the patient's {side} side only.",
                "relative": f"It is only on {pr['poss']} {side} side."}[style]
    return {"teaching": rng.choice([f"Notice that it sits on the patient's {side}, which is the {OPP[side]} side of your screen.",
                                    f"Look to the patient's {side}: that is where it lies.", f"Note that it is on the patient's {side} side."]),
            "forum": rng.choice([f"It's on the patient's {side} side.", f"Side-wise, it is on the patient's {side}.",
                                 f"It lies on the patient's {side}, i.e. the {OPP[side]} of the image."]),
            "relative": rng.choice([f"It is on {pr['poss']} {side} side.", f"It sits on the {side} side of {pr['poss']} body.",
                                    f"It is on {pr['poss']} {side} side, not the {OPP[side]} one."])}[style]


POSW = {"anterior": ("toward the front of the {r}", "ant."), "posterior": ("toward the back of the {r}", "post."),
        "superior": ("high up in the {r}", "sup."), "inferior": ("low down in the {r}", "inf."),
        "central_ax": ("roughly halfway between front and back", "central (AP)"),
        "central_cor": ("at about mid-height", "mid-zone")}


def pos_s(style, vert, p, rng, pr):
    key = vert if vert != "central" else ("central_ax" if p["plane"] == "ax" else "central_cor")
    words, ab = POSW[key]
    words = words.format(r=_region(p))
    if style == "bullets":
        return rng.choice([f"- Pos.: {ab}", f"- Position: {ab}"])
    if style == "relative":
        words = words.replace(f"the {_region(p)}", f"{pr['poss']} {_region(p)}")
    return {"teaching": rng.choice([f"Notice that it lies {words}.", f"Look where it sits: {words}.",
                                    f"Now check the depth: it lies {words}."]),
            "forum": rng.choice([f"Position: it sits {words}.", f"It lies {words}.", f"As for position, it's {words}."]),
            "relative": f"It lies {words}."}[style]


RELW = {"left_of": ("to the patient's left of {o}", "L of {o}"), "right_of": ("to the patient's right of {o}", "R of {o}"),
        "anterior_to": ("in front of {o}", "ant. to {o}"), "posterior_to": ("behind {o}", "post. to {o}"),
        "superior_to": ("above {o}", "sup. to {o}"), "inferior_to": ("below {o}", "inf. to {o}")}
RFLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_s(style, other, rel, rng, pr):
    words, ab = RELW[rel]
    if style == "bullets":
        return f"- Rel.: {ab.format(o=ABBR[other])}"
    o = OTHER[other]
    if style == "relative":
        o = o.replace("the ", pr["poss"] + " ", 1)
        words = words.replace("the patient's", pr["poss"])
    w = words.format(o=o)
    return {"teaching": rng.choice([f"Notice that it lies {w}.", f"See how it sits {w}."]),
            "forum": f"It sits {w}.", "relative": f"It lies {w}."}[style]


CLS = {"small": "small", "medium": "medium-sized", "large": "large"}


def size_s(style, cls, pct, rng):
    c = CLS[cls]
    return {"teaching": rng.choice([f"Notice its size: it is {c}, about {pct}% of the image.", f"Look at the size: {c}, roughly {pct}% of the slice."]),
            "forum": rng.choice([f"Size: it's {c}, roughly {pct}% of the slice.", f"It is {c}, taking up about {pct}% of the image."]),
            "bullets": rng.choice([f"- Size: {c}, ~{pct}% of image", f"- Area: approx. {pct}% of slice ({c})"]),
            "relative": rng.choice([f"It is {c}, about {pct} per cent of the picture.", f"In size it is {c}: roughly {pct}% of the image.",
                                    f"It's {c}, roughly {pct} per cent of the picture."])}[style]


def count_s(style, n, rng, p):
    unit = "nodule" if p["target"] == "lung tumour" else "region"
    if style == "bullets":
        return rng.choice([f"- Regions: {n}" + (" (single contiguous)" if n == 1 else " separate"), f"- No. of components: {n}"])
    if n == 1:
        return {"teaching": rng.choice([f"Notice it is one continuous {unit}.", "Look: a single connected piece."]),
                "forum": f"It's a single connected {unit}.",
                "relative": rng.choice(["It shows up as one single area.", "It is all one single area."])}[style]
    w = WORD[n]
    return {"teaching": rng.choice([f"Count them: there are {w} separate {unit}s.", f"Notice the {w} separate {unit}s."]),
            "forum": rng.choice([f"It's made of {w} separate {unit}s.", f"There are {w} separate {unit}s on this slice."]),
            "relative": f"It shows up as {w} separate areas."}[style]


def neg_s(style, f, rng):
    """A true negation about side or count."""
    side, n = f["laterality"], f["components"]
    if rng.random() < 0.5 and side in ("left", "right"):
        s = f"it is not on the {OPP[side]}"
    elif rng.random() < 0.5 and side == "bilateral":
        s = "it is not limited to one side"
    elif n == 1:
        s = "there is no second region"
    else:
        s = "it is not one single piece"
    return {"teaching": f"Don't be fooled: {s}.", "forum": f"To be clear, {s}.", "bullets": f"- NB {s}",
            "relative": f"Just so you know, {s}."}[style]


def cmp_s(style, cls):
    s = {"small": "it is much smaller than either lung", "large": "it is far bigger than the trachea",
         "medium": "it is bigger than the aorta but smaller than a whole lung"}[cls]
    return {"teaching": f"Compare it with its neighbours: {s}.", "forum": f"For comparison, {s}.",
            "bullets": f"- Cf.: {s}", "relative": f"To compare, {s}."}[style]


def _rels(f):
    lr = ("left_of", "right_of")
    return [r for r in f["relations"] if not (f["laterality"] == "bilateral" and r["relation"] in lr)]


def false_value(kind, f, p, rng):
    """The one false value of a kind (side, position, size, count), as a claim tuple."""
    if kind == "laterality":
        s = f["laterality"]
        if s == "bilateral":
            return ("side", rng.choice(["left", "right"]), True)
        if s == "midline":
            return ("side", rng.choice(["left", "right"]), False)
        return ("side", OPP[s], False)
    if kind == "position":
        v = f["vertical"]
        rels = _rels(f)
        if rels and rng.random() < 0.4:
            r = rng.choice(rels)
            return ("rel", r["other"], RFLIP[r["relation"]])
        if v == "central":
            return ("pos", "anterior" if p["plane"] == "ax" else "superior")
        return ("pos", OPP[v])
    if kind == "size":
        pct = 100 * f["area_fraction"]
        if f["size_class"] == "small" or (f["size_class"] == "medium" and pct < 3):
            return ("size", "large", _pct(rng.uniform(0.12, 0.25)))
        return ("size", "small", _pct(rng.uniform(0.002, 0.005)))
    n = f["components"]
    return ("count", 2 if n == 1 else rng.choice([1, n + 2]) if n < 7 else 1)


def true_value(kind, f, rng):
    if kind == "laterality":
        return ("side", f["laterality"], False)
    if kind == "position":
        if _rels(f) and rng.random() < 0.4:
            r = rng.choice(_rels(f))
            return ("rel", r["other"], r["relation"])
        return ("pos", f["vertical"])
    if kind == "size":
        return ("size", f["size_class"], _pct(f["area_fraction"]))
    return ("count", f["components"])


def render(style, c, p, rng, pr):
    if c[0] == "side":
        return side_s(style, c[1], c[2], rng, pr)
    if c[0] == "pos":
        return pos_s(style, c[1], p, rng, pr)
    if c[0] == "rel":
        return rel_s(style, c[1], c[2], rng, pr)
    if c[0] == "size":
        return size_s(style, c[1], c[2], rng)
    return count_s(style, c[1], rng, p)


def hedge(style, s, rng):
    if style == "bullets" or rng.random() > 0.3:
        return s
    if not s.startswith(("It ", "It's ")):  # only sentences that a hedge reads naturally in front of
        return s
    return rng.choice(HEDGE[style]) + "i" + s[1:]


FOLLOW_Q = {"laterality": {"teaching": ["Which side is it on?", "Sorry, which side was that again?"],
                           "forum": ["Follow-up: is it on the left or the right?", "Which side is it on, exactly?"],
                           "bullets": ["Which side, R or L?", "Side of the lesion / structure?"],
                           "relative": ["Which side is it on, {poss} left or right?", "Which side of {poss} body?"]},
            "position": {"teaching": ["Where does it sit front to back?", "And its position in the {r}?"],
                         "forum": ["Where exactly does it sit?", "Is it toward the front or the back?"],
                         "bullets": ["Position / relations please.", "Where is it relative to neighbours?"],
                         "relative": ["Where in {poss} {r} is it?", "Is it near the front or the back?"]},
            "size": {"teaching": ["How big is it?", "What about its size on this slice?"],
                     "forum": ["How large is it, roughly?", "How much of the slice does it take up?"],
                     "bullets": ["Size? Area %?", "Approx. size on this slice?"],
                     "relative": ["How big is it?", "Is it large? I'm worried."]},
            "count": {"teaching": ["How many pieces are there?", "Is it one region or several?"],
                      "forum": ["How many separate regions are there?", "Is it all one piece?"],
                      "bullets": ["No. of regions on this slice?", "Number of components?"],
                      "relative": ["Is it just one spot, or more than one?", "How many areas are there?"]}}
WHY_Q = ["Why is that?", "Why does it look like that?", "Why is that the case here?", "But why?  Just curious."]


def premise_q(kind, fv, style, p, pr):
    """A follow-up user question that asserts the false value as its premise."""
    who = pr["poss"] if style == "relative" else "the patient's"
    if fv[0] == "side":
        return f"Why is it only on {who} {fv[1]} side?" if fv[2] else f"Why is it on {who} {fv[1]} side?"
    if fv[0] == "pos":
        return f"Why does it sit so far {POSW[fv[1]][0].format(r=_region(p))}?"
    if fv[0] == "rel":
        return f"Why does it lie {RELW[fv[2]][0].format(o=OTHER[fv[1]])}?"
    if fv[0] == "size":
        return "Why is it so large on this slice?" if fv[1] == "large" else "Why does it look so small on this slice?"
    return "Why is it split into two separate pieces?" if fv[1] == 2 else (
        "Why is it just one single piece here?" if fv[1] == 1 else f"Why are there {WORD[fv[1]]} separate pieces?")


PREMISE_A = {"teaching": "Good thinking, but look at the whole study before you explain it: {why}.",
             "forum": "Short answer: anatomy and slice level. Long answer: {why}.",
             "bullets": "- Expl.: slice level + anatomy; {why}",
             "relative": "That's a fair thing to wonder. Part of the reason is that {why}."}


RELATIVES = [("father", "his"), ("mother", "her"), ("husband", "his"), ("wife", "her")]
KINDS4 = ["laterality", "position", "size", "count"]
PLANTED: list[str] = []  # the planted false text of the last conversation built (for the writer's own check)


def first_question(p, style, rng, pr, named: bool) -> str:
    plane = "axial" if p["plane"] == "ax" else "coronal"
    h = rng.choice(p["give"]) if named else rng.choice(p["hints"])
    if named and rng.random() < 0.5:
        h = f"{h}, {rng.choice(p['hints'])},"
    r = _region(p)
    return {"teaching": rng.choice([f"Dr Okafor, on this {plane} {r} CT slice, can you show me {h} and segment it?",
                                    f"Before the list starts: where is {h} on this {plane} slice? Could you outline it?"]),
            "forum": f"Title: {plane} {r} CT question\nI'm working through a teaching case. Where is {h} on this slice? Please segment it.",
            "bullets": rng.choice([f"Pls segment {h} on this {plane} CT ({r}) and give a brief summary?",
                                   f"Can you mark {h} on this {plane} {r} CT? Bullets please."]),
            "relative": f"The doctor talked about {h} on my {pr['rel']}'s scan. Can you show me where that is and outline it?"}[style]


def intro(p, style, rng, pr) -> str:
    n = p["name"]
    return {"teaching": rng.choice([f"Good. Look here: this is {n} {SEG}.", f"Right, this is {n} {SEG}, so let's go through it."]),
            "forum": f"Short answer: that's {n} {SEG}.",
            "bullets": f"Seg.: {p['abbr']} {SEG}",
            "relative": f"I'm sorry you're going through this. What the doctor meant is {_rel_name(n, pr['poss'])} {SEG}."}[style]


def assemble(style, head, sents, extra) -> str:
    if style == "bullets":
        return "\n".join([head] + sents + extra)
    if style == "forum":
        body = head + "\n\nLong answer: " + " ".join(sents)
        return body + ("\n\nEDIT: " + " ".join(extra) if extra else "")
    return " ".join([head] + sents + extra)


def build(p, facts, style, rng, defect):
    """One conversation (turns, expected); exactly one false claim of kind `defect`, or none."""
    rel, poss = rng.choice(RELATIVES)
    pr = {"rel": rel, "poss": poss}
    f = facts
    loc = None
    if defect in KINDS4:
        r = rng.random()
        loc = "user" if r < 0.22 else "follow" if r < 0.5 else "first"
    kinds = ["laterality", "position"] + (["size"] if rng.random() < 0.6 else []) + (
        ["count"] if rng.random() < (0.7 if f["components"] > 1 else 0.4) else [])
    if defect in KINDS4 and defect not in kinds:
        kinds.append(defect)
    moved = None
    if loc in ("user", "follow"):
        kinds.remove(defect)
    elif defect is None and rng.random() < 0.4:
        moved = rng.choice(kinds)
        kinds.remove(moved)
    fv = false_value(defect, f, p, rng) if defect in KINDS4 else None
    PLANTED.clear()
    sents = []
    for k in kinds:
        if k == defect and loc == "first":
            sents.append(render(style, fv, p, rng, pr))
            PLANTED.append(sents[-1])
        else:
            sents.append(hedge(style, render(style, true_value(k, f, rng), p, rng, pr), rng))
    extra = []
    if rng.random() < 0.5:
        extra.append(CONV[style])
    if defect not in ("laterality", "count") and rng.random() < 0.5:
        extra.append(neg_s(style, f, rng))
    if defect != "size" and rng.random() < 0.4:
        extra.append(cmp_s(style, f["size_class"]))
    if rng.random() < 0.6:
        s = rng.choice(p["kb"])
        extra.append("- Also: " + s if style == "bullets" else s)
    if rng.random() < 0.35:
        s = rng.choice(POP)
        extra.append("- FYI: " + s if style == "bullets" else s)
    q1 = first_question(p, style, rng, pr, defect == "names_target")
    if defect == "names_target":
        PLANTED.append(q1)
    turns = [("user", q1), ("assistant", assemble(style, intro(p, style, rng, pr), sents, extra))]
    follows = []
    if loc == "follow":
        follows.append((defect, fv))
    elif loc == "user":
        follows.append(("premise", fv))
    if moved:
        follows.append((moved, true_value(moved, f, rng)))
    if rng.random() < 0.4:
        follows.append(("why", None))
    rng.shuffle(follows)
    keep = [x for x in follows if x[0] == defect or x[0] == "premise"]
    follows = (keep + [x for x in follows if x not in keep])[:2]
    for kind, c in follows:
        if kind == "premise":
            q, a = premise_q(defect, c, style, p, pr), PREMISE_A[style].format(why=p["why"])
            PLANTED.append(q)
        elif kind == "why":
            q = rng.choice(WHY_Q)
            a = {"teaching": f"Think about the anatomy: {p['why']}.", "forum": f"Short answer: anatomy. Long answer: {p['why']}.",
                 "bullets": f"- Reason: {p['why']}", "relative": f"It's a good question. Mainly, {p['why']}."}[style]
        else:
            q = rng.choice(FOLLOW_Q[kind][style]).format(poss=poss, r=_region(p))
            claim = render(style, c, p, rng, pr)
            if kind != defect:
                claim = hedge(style, claim, rng)
            else:
                PLANTED.append(claim)
            a = {"teaching": f"Good question. {claim}", "forum": f"Short answer: see below.\n\n{claim}",
                 "bullets": f"Re your Q:\n{claim}", "relative": f"Of course. {claim}"}[style]
            if defect != kind and rng.random() < 0.3:
                a += ("\n" if style == "bullets" else " ") + CONV[style]
        turns += [("user", q), ("assistant", a)]
    expected = [defect] if defect else []
    return [{"role": r, "content": t} for r, t in turns], expected
