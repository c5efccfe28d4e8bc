"""Bank DA: thorax, heart, mediastinum and neck on axial CT ("LP") plus frontal chest X-ray ("LI", "XR").

Targets: heart, right/left lung, lungs (bilateral), descending aorta, esophagus, trachea, thymus, pulmonary
nodules (bilateral or one-sided, 2-3 foci), mediastinal lymph nodes (2 foci), right pleural effusion, pleural
effusions (bilateral), spinal cord, thyroid gland (two lobes + isthmus), carotid arteries (bilateral), superior
vena cava; on the chest film: heart, right lung, left pneumothorax, lung nodules, trachea, clavicles.
Registers (STYLES): terse (terse radiologist), tutor (a tutor with analogies), markdown (chatty markdown),
words (every number spelled out in words).

Written without reading QC. Every sentence that states a fact of the mask is logged in LEDGER (kind, value
claimed, measured truth, turn) so the writer's own reader can verify rows. Own check
(/work/notes/qcda_scripts/check_da.py): rows: 420 clean: 210, 42 per defect kind, defects in user turns
38/168, in follow-up answers 41/168, rows with bilateral/midline/multi-piece masks 235/420, problems: 0.
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

STYLES = ["terse", "tutor", "markdown", "words"]
LEDGER: list = []  # one list of claim dicts per build() call, in call order (read by the writer's own check)

# ---------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry, angle_deg) on 256x256; "others": neighbours' (x, y) pixel centroids

_CT_OTHERS = {"sternum": (128, 62), "vertebral body": (128, 190), "aorta": (150, 160),
              "trachea": (128, 100), "heart": (150, 112), "esophagus": (132, 150)}


def _o(*names, extra=None):
    d = {n: _CT_OTHERS[n] for n in names}
    d.update(extra or {})
    return d


PROFILES = [
    dict(target="heart", o="LP", region="thorax", ell=[(150, 112, 40, 34, 20)], others=_o("sternum", "vertebral body", "esophagus"),
         names=["heart", "cardiac", "myocardium"], alt="the cardiac silhouette", kindw="organ"),
    dict(target="right lung", o="LP", region="thorax", ell=[(78, 125, 36, 56, 0)], others=_o("heart", "vertebral body"),
         names=["lung", "pulmonary"], alt="the right lung field", kindw="organ"),
    dict(target="left lung", o="LP", region="thorax", ell=[(180, 128, 32, 54, 0)], others=_o("heart", "vertebral body"),
         names=["lung", "pulmonary"], alt="the left lung field", kindw="organ"),
    dict(target="lungs", o="LP", region="thorax", ell=[(78, 125, 34, 56, 0), (180, 128, 32, 54, 0)], others=_o("sternum", "heart"),
         names=["lung", "pulmonary"], alt="both lung fields", kindw="organ"),
    dict(target="descending aorta", o="LP", region="thorax", ell=[(152, 162, 11, 11, 0)], others=_o("esophagus", "sternum"),
         names=["aorta", "aortic"], alt="the thoracic aorta", kindw="vessel"),
    dict(target="esophagus", o="LP", region="mediastinum", ell=[(131, 150, 7, 5, 0)], others=_o("trachea", "vertebral body", "sternum"),
         names=["esophag", "oesophag", "gullet"], alt="the gullet", kindw="tube"),
    dict(target="trachea", o="LP", region="mediastinum", ell=[(128, 98, 10, 9, 0)], others=_o("vertebral body", "sternum"),
         names=["trachea", "windpipe", "tracheal"], alt="the windpipe", kindw="airway"),
    dict(target="thymus", o="LP", region="mediastinum", ell=[(128, 80, 20, 9, 0)], others=_o("heart", "vertebral body"),
         names=["thymus", "thymic"], alt="the thymic tissue", kindw="gland"),
    dict(target="pulmonary nodules", o="LP", region="thorax", ell=[(70, 108, 6, 6, 0), (186, 142, 5, 5, 0), (92, 152, 4, 4, 0)],
         others=_o("heart", "sternum"), names=["nodul", "pulmonary"], alt="the nodules", kindw="lesions"),
    dict(target="pulmonary nodules", o="LP", region="thorax", ell=[(66, 104, 6, 6, 0), (88, 156, 5, 5, 0)],
         others=_o("heart", "vertebral body"), names=["nodul", "pulmonary"], alt="the nodules", kindw="lesions"),
    dict(target="mediastinal lymph nodes", o="LP", region="mediastinum", ell=[(112, 106, 7, 6, 0), (146, 96, 6, 5, 0)],
         others=_o("vertebral body", "sternum"), names=["lymph", "node", "adenopath", "mediastin"], alt="the nodes", kindw="lesions"),
    dict(target="right pleural effusion", o="LP", region="thorax", ell=[(72, 172, 34, 14, -15)], others=_o("heart", "vertebral body"),
         names=["pleural", "effusion"], alt="the effusion", kindw="collection"),
    dict(target="pleural effusions", o="LP", region="thorax", ell=[(72, 174, 32, 13, -15), (184, 174, 30, 12, 15)],
         others=_o("heart", "sternum"), names=["pleural", "effusion"], alt="the effusions", kindw="collection"),
    dict(target="spinal cord", o="LP", region="thorax", ell=[(128, 182, 6, 6, 0)], others=_o("sternum", "heart"),
         names=["spinal", "cord", "medulla"], alt="the cord", kindw="structure"),
    dict(target="thyroid gland", o="LP", region="neck", ell=[(108, 110, 13, 20, 10), (148, 110, 13, 20, -10), (128, 100, 22, 5, 0)],
         others={"trachea": (128, 112), "cervical vertebra": (128, 180)}, names=["thyroid", "goit"], alt="the gland", kindw="gland"),
    dict(target="carotid arteries", o="LP", region="neck", ell=[(96, 128, 6, 6, 0), (160, 128, 6, 6, 0)],
         others={"trachea": (128, 100), "cervical vertebra": (128, 178)}, names=["carotid"], alt="the carotids", kindw="vessel"),
    dict(target="superior vena cava", o="LP", region="mediastinum", ell=[(104, 96, 8, 8, 0)], others=_o("aorta", "vertebral body"),
         names=["vena cava", "svc", "caval"], alt="the SVC", kindw="vessel"),
    # frontal chest X-ray: columns to the patient's left, rows inferior
    dict(target="heart", o="LI", region="chest", ell=[(152, 160, 44, 36, 0)], others={"trachea": (128, 60), "right hemidiaphragm": (80, 200)},
         names=["heart", "cardiac", "cardio"], alt="the cardiac silhouette", kindw="organ"),
    dict(target="right lung", o="LI", region="chest", ell=[(80, 118, 36, 74, 0)], others={"heart": (152, 160), "trachea": (128, 60)},
         names=["lung", "pulmonary"], alt="the right lung field", kindw="organ"),
    dict(target="left pneumothorax", o="LI", region="chest", ell=[(180, 58, 28, 16, 10)], others={"heart": (152, 160), "left hemidiaphragm": (180, 205)},
         names=["pneumothora", "collapsed lung"], alt="the pneumothorax", kindw="collection"),
    dict(target="lung nodules", o="LI", region="chest", ell=[(76, 96, 7, 7, 0), (182, 150, 6, 6, 0)], others={"trachea": (128, 60)},
         names=["nodul", "lung"], alt="the nodules", kindw="lesions"),
    dict(target="trachea", o="LI", region="chest", ell=[(128, 56, 7, 26, 0)], others={"heart": (152, 160)},
         names=["trachea", "windpipe", "tracheal"], alt="the windpipe", kindw="airway"),
    dict(target="clavicles", o="LI", region="chest", ell=[(88, 40, 38, 6, -12), (168, 40, 38, 6, 12)], others={"heart": (152, 160)},
         names=["clavic", "collarbone", "collar bone"], alt="the collarbones", kindw="bones"),
]


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


def record_for(p):
    if p["o"] == "LI":
        return {"modality": "XR", "body_region": "chest", "orientation": "LI"}
    return {"modality": "CT", "body_region": p["region"], "orientation": "LP"}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry, ang in p["ell"]:
        s = rng.uniform(0.93, 1.07)
        a = math.radians(ang)
        x, y = xx - (cx + dx), yy - (cy + dy)
        u, v = x * math.cos(a) + y * math.sin(a), -x * math.sin(a) + y * math.cos(a)
        mask |= (u / (rx * s)) ** 2 + (v / (ry * s)) ** 2 <= 1.0
    others = {k: (v[0] / 255.0, v[1] / 255.0) for k, v in p["others"].items()}
    return compute_facts(mask, p["o"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# numbers

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _int_words(n):
    n = int(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + _int_words(n % 100))
    return str(n)


def _num_words(s):
    if "." in s:
        a, b = s.split(".")
        return _int_words(a) + " point " + " ".join(_ONES[int(c)] for c in b)
    return _int_words(s)


def spell_numbers(text):
    text = re.sub(r"(\d+(?:\.\d+)?)\s?%", lambda m: _num_words(m.group(1)) + " percent", text)
    return re.sub(r"\d+(?:\.\d+)?", lambda m: _num_words(m.group(0)), text)


def pct_str(p):
    return f"{p:.2g}" if p < 10 else f"{round(p)}"


_COUNT = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}

# ---------------------------------------------------------------------------------------------------------
# phrases (each states one value)


def lat_phrase(v, p, rng):
    hemi = "neck" if p["region"] == "neck" else "chest"
    if v == "left":
        return rng.choice(["on the patient's left", "left-sided", f"in the left half of the {hemi}",
                           "to the left of the midline", "over on the patient's left side"])
    if v == "right":
        return rng.choice(["on the patient's right", "right-sided", f"in the right half of the {hemi}",
                           "to the right of the midline", "over on the patient's right side"])
    if v == "midline":
        return rng.choice(["in the midline", "sitting on the midline", "centred on the midline",
                           "midline, not favouring either side"])
    return rng.choice(["bilateral, with a part on each side", "on both sides", "present on the left and on the right",
                       "bilateral"])


def lat_wrong(v, rng):
    return {"left": rng.choice(["right", "midline"]), "right": rng.choice(["left", "midline"]),
            "midline": rng.choice(["left", "right"]), "bilateral": rng.choice(["left", "right"])}[v]


def vert_phrase(v, o, rng):
    if o == "LP":
        return {"anterior": rng.choice(["anteriorly", "toward the front of the body", "in the anterior half of the slice",
                                        "in a ventral position"]),
                "posterior": rng.choice(["posteriorly", "toward the back", "in the posterior part of the slice",
                                         "in a dorsal position"]),
                "central": rng.choice(["roughly midway front to back", "central in the front-to-back direction",
                                       "neither anterior nor posterior but central"])}[v]
    return {"superior": rng.choice(["in the upper zone", "high up, toward the apex", "superiorly on the film"]),
            "inferior": rng.choice(["in the lower zone", "low, toward the base", "inferiorly on the film"]),
            "central": rng.choice(["in the mid zone", "central top to bottom", "at mid height on the film"])}[v]


def vert_wrong(v, o, rng):
    a, b = ("anterior", "posterior") if o == "LP" else ("superior", "inferior")
    return {a: b, b: a, "central": rng.choice([a, b])}[v]


_REL_TXT = {"left_of": ["to the patient's left of {x}", "left of {x}"],
            "right_of": ["to the patient's right of {x}", "right of {x}"],
            "anterior_to": ["in front of {x}", "anterior to {x}"],
            "posterior_to": ["behind {x}", "posterior to {x}"],
            "superior_to": ["above {x}", "superior to {x}"],
            "inferior_to": ["below {x}", "inferior to {x}"]}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_phrase(rel, other, rng):
    return rng.choice(_REL_TXT[rel]).format(x="the " + other)


def size_phrase(cls, rng):
    return {"small": rng.choice(["small", "fairly small", "a small structure on this slice"]),
            "medium": rng.choice(["medium-sized", "moderate in size", "mid-sized"]),
            "large": rng.choice(["large", "big", "a large structure on this slice"])}[cls]


def size_wrong(cls, rng):
    return {"small": rng.choice(["medium", "large"]), "medium": rng.choice(["small", "large"]),
            "large": rng.choice(["small", "medium"])}[cls]


def count_phrase(n, rng, lesions):
    if n == 1:
        return rng.choice(["a single connected region", "one continuous piece", "one contiguous area"])
    w = _COUNT.get(n, str(n))
    noun = rng.choice(["separate foci", "distinct regions", "separate pieces"]) if lesions else rng.choice(
        ["separate parts", "disconnected pieces", "distinct components"])
    return f"{w} {noun}"


# ---------------------------------------------------------------------------------------------------------
# first questions (never name the target) and names_target questions

_Q = {
    "heart": ["Which organ on this {img} pumps blood through both circulations? Please segment it.",
              "A patient has exertional chest pain and ankle swelling. Which organ would you look at first here? Outline it.",
              "Which muscular organ sits in the middle mediastinum behind the sternum? Segment it for me."],
    "right lung": ["Which organ handles gas exchange on the side where the liver sits below the diaphragm? Segment it.",
                   "Which air-filled organ, with three lobes, is outlined here? Please segment it."],
    "left lung": ["Which air-filled organ with two lobes and a cardiac notch is outlined here? Segment it.",
                  "Which gas-exchange organ shares its side of the chest with the cardiac apex? Please segment it."],
    "lungs": ["Which paired organs carry out gas exchange on this slice? Segment them.",
              "Smoker, short of breath, emphysema suspected: which organs would you outline to assess it? Segment them."],
    "descending aorta": ["Which large vessel carries oxygenated blood down toward the abdomen here? Please segment it.",
                         "A patient with tearing back pain: which vessel should I look at on this slice? Outline it."],
    "esophagus": ["Which muscular tube carries food from the throat to the stomach on this slice? Segment it.",
                  "A patient has trouble swallowing solids. Which structure here would you outline? Segment it."],
    "trachea": ["Which air-filled tube conducts air from the larynx to the bronchi? Please segment it.",
                "Which rigid, cartilage-ringed airway is visible here? Outline it."],
    "thymus": ["Which gland matures T cells and sits in the anterior mediastinum? Please segment it.",
               "In a patient with myasthenia gravis, which gland would you check on this slice? Segment it."],
    "pulmonary nodules": ["This long-term smoker had a screening CT. Which small round lesions did it show? Segment them all.",
                          "What small, round opacities in the lung parenchyma should be followed up here? Please segment them."],
    "mediastinal lymph nodes": ["Staging scan for a lung cancer: which small structures in the central chest would you check for spread? Segment them.",
                                "Which small oval soft-tissue structures in the central chest would enlarge with sarcoidosis? Please outline them."],
    "right pleural effusion": ["Patient with heart failure, dull percussion at one base: what collection is seen here? Segment it.",
                               "Which dependent collection between the lung and the chest wall is visible here? Please segment it."],
    "pleural effusions": ["Patient with congestive heart failure, dull bases: which collections do you see here? Segment them.",
                          "What layering, dependent densities sit at the bases here? Please segment them."],
    "spinal cord": ["Which part of the central nervous system runs through the vertebral canal here? Segment it.",
                    "Which neural structure is protected by the vertebral column on this slice? Please outline it."],
    "thyroid gland": ["Which butterfly-shaped endocrine gland makes T3 and T4? Please segment it on this neck slice.",
                      "A patient has heat intolerance and weight loss. Which gland in the neck would you look at? Segment it."],
    "carotid arteries": ["Which vessels carry blood to the brain through the front of the neck? Segment them.",
                         "A patient had a transient ischaemic attack. Which neck vessels would you check here? Outline them."],
    "superior vena cava": ["Which vein drains the head and arms into the right atrium? Please segment it.",
                           "Face and arm swelling with distended neck veins: which vessel is the culprit? Segment it."],
    "left pneumothorax": ["Tall young man, sudden pleuritic pain: what abnormal air collection is seen on this film? Segment it.",
                          "Which abnormal air collection with a visible pleural line is present? Please outline it."],
    "lung nodules": ["Which small round opacities are visible on this chest film? Please segment them.",
                     "Which round densities might prompt a follow-up CT on this radiograph? Segment them."],
    "clavicles": ["Which S-shaped bones connect the sternum to the shoulder blades on this film? Segment them.",
                  "Which bones are most often fractured after a fall on an outstretched hand, visible here at the top? Outline them."],
}
_QNAMED = ["Please segment the {t} on this {img}.", "Can you outline the {t} here and describe it?",
           "Where is the {t} on this {img}? Segment it.", "Follow-up imaging: I need the {t} contoured. Segment it, please.",
           "Quick one before the MDT: which region here is the {t}? Mark it."]

_KNOW = {
    "thorax": ["The azygos vein arches over the right main bronchus.",
               "The right main bronchus is shorter and more vertical than the left, which is why aspirated objects tend to go right.",
               "The left recurrent laryngeal nerve hooks under the aortic arch, while the right one loops around the right subclavian artery.",
               "Roughly 1 in 4 smokers screened with low-dose CT has at least one small nodule."],
    "mediastinum": ["The left brachiocephalic vein crosses in front of the arch branches to join the right one.",
                    "The azygos vein drains into the back of the superior vena cava on the right.",
                    "The aortic arch passes to the left of the trachea and esophagus in about 99% of people."],
    "neck": ["The left common carotid arises straight from the arch, whereas the right one comes off the brachiocephalic trunk.",
             "The right recurrent laryngeal nerve loops under the right subclavian artery.",
             "Thyroid nodules are found on ultrasound in up to 60% of adults."],
    "chest": ["The right hemidiaphragm usually sits 1 to 2 cm higher than the left because of the liver.",
              "The aortic knuckle projects on the left of the upper mediastinum.",
              "On a PA film the heart should be less than 50% of the thoracic width."],
}

_ANALOGY = ["Think of it like a map held up in front of you while the patient faces you.",
            "It's a bit like shaking hands: your right hand meets the other person's right, across from you.",
            "Picture standing at the foot of the bed, looking up at the patient."]


def _conv(p, lat, rng, sided_ok):
    if p["o"] == "LP":
        if sided_ok and lat in ("left", "right"):
            img = "right" if lat == "left" else "left"
            return rng.choice([f"It shows up on the image's {img}, which is the patient's {lat} in radiological convention.",
                               f"Don't be fooled that it sits on the {img} of the screen: axial images are viewed from the feet, so that's the patient's {lat}."])
        return "Axial CT is viewed from the feet, so the patient's left is on the image's right."
    if sided_ok and lat in ("left", "right"):
        img = "right" if lat == "left" else "left"
        return f"On this frontal film it projects over the image's {img}, i.e. the patient's {lat}."
    return "On a frontal film the patient's left is on the viewer's right, as if the patient were facing you."


# ---------------------------------------------------------------------------------------------------------


def build(p, f, style, rng, defect):
    o = p["o"]
    img = "CT slice" if o == "LP" else "chest radiograph"
    lat, vert, cls, comps = f["laterality"], f["vertical"], f["size_class"], f["components"]
    pct = 100.0 * f["area_fraction"]
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    lesions = p["kindw"] in ("lesions",) or comps > 1
    t = p["target"]
    ledger = []
    plural = t.endswith("s") and t not in ("thymus", "esophagus", "left pneumothorax")
    kinds_all = ["laterality", "position", "size", "count"]
    dkind = defect if defect in kinds_all else None
    place = None
    if dkind:
        r = rng.random()
        place = "user" if r < 0.22 else "follow" if r < 0.44 else "first"
    rounds = rng.choice([2, 2, 3]) if place != "user" else 3 if rng.random() < 0.5 else 2
    # decide which kinds the first answer states, the rest go to follow-ups
    order = kinds_all[:]
    rng.shuffle(order)
    first_kinds = order[:rng.choice([2, 3])]
    if dkind and place == "first" and dkind not in first_kinds:
        first_kinds.append(dkind)
    if dkind and place in ("follow", "user") and dkind in first_kinds:
        first_kinds.remove(dkind)
    rest = [k for k in kinds_all if k not in first_kinds]

    def claim(kind, val, truth, turn, role="assistant", corrected=False, text=""):
        ledger.append(dict(kind=kind, claimed=val, truth=truth, turn=turn, role=role, corrected=corrected, text=text))

    def state(kind, turn, false=False, subj=None):
        """One sentence stating `kind` (true, or false when `false`)."""
        txt = _state(kind, turn, false, subj)
        if style == "terse" and not subj and rng.random() < 0.7:
            short = re.sub(r"^(It|The mask|The segmented region|The [a-zA-Z ]+?|Size-wise I'd call it|I count|By pixel count that's) (is |lies |sits |consists of |covers |)", "", txt)
            short = short.replace(" in the mask.", ".").replace("about ", "~").replace("roughly ", "~")
            short = short[0].upper() + short[1:]
            ledger[-1]["text"] = short
            return short
        return txt

    def _state(kind, turn, false=False, subj=None):
        s = subj or rng.choice(["The mask", "The segmented region"] + ([] if plural else ["It", p["alt"][0].upper() + p["alt"][1:]]))
        if kind == "laterality":
            v = lat_wrong(lat, rng) if false else lat
            ph = lat_phrase(v, p, rng)
            verb = rng.choice(["lies", "sits", "is"]) if ph.startswith(("on ", "in ", "to ", "over ")) else "is"
            txt = f"{s} {verb} {ph}."
            claim(kind, v, lat, turn, text=txt)
            return txt
        if kind == "position":
            pool = [r for r in rels if not (r[1] in ("left_of", "right_of") and (false or dkind == "laterality"))]
            use_rel = pool and rng.random() < 0.55
            if use_rel:
                other, rel = rng.choice(pool)
                rv = _FLIP[rel] if false else rel
                txt = f"{s} lies {rel_phrase(rv, other, rng)}."
                claim("position", ("rel", other, rv), ("rel", other, rel), turn, text=txt)
            else:
                v = vert_wrong(vert, o, rng) if false else vert
                txt = f"{s} sits {vert_phrase(v, o, rng)}."
                claim("position", ("vert", v), ("vert", vert), turn, text=txt)
            return txt
        if kind == "size":
            if rng.random() < 0.5:
                v = size_wrong(cls, rng) if false else cls
                txt = rng.choice([f"{s} is {size_phrase(v, rng)}.", f"{s} is {size_phrase(v, rng)}." if subj else f"Size-wise I'd call it {size_phrase(v, rng)}."])
                claim("size", ("class", v), ("class", cls), turn, text=txt)
            else:
                v = (pct * rng.choice([3.0, 3.5]) if cls != "large" or rng.random() < 0.5 else pct * 0.3) if false else pct
                txt = rng.choice([f"{s} covers about {pct_str(v)}% of the image.",
                                  f"{s} takes up roughly {pct_str(v)}% of the field of view." if subj else f"By pixel count that's roughly {pct_str(v)}% of the field of view."])
                claim("size", ("pct", float(pct_str(v))), ("pct", pct), turn, text=txt)
            return txt
        v = (comps + 1 if comps == 1 or rng.random() < 0.5 else comps - 1) if false else comps
        txt = rng.choice([f"{s} consists of {count_phrase(v, rng, lesions)}.",
                          f"{s} consists of {count_phrase(v, rng, lesions)}." if subj else f"I count {count_phrase(v, rng, lesions)} in the mask."])
        claim("count", v, comps, turn, text=txt)
        return txt

    def negation(kind, turn):
        if kind == "laterality" and lat in ("left", "right"):
            other = "right" if lat == "left" else "left"
            claim(kind, "not:" + other, lat, turn)
            return f"It is not on the {other}."
        if kind == "laterality" and lat == "bilateral":
            claim(kind, "not:one-sided", lat, turn)
            return "It is not confined to one side."
        if kind == "count" and comps == 1:
            claim(kind, "not:several", comps, turn)
            return "There are no separate satellite pieces."
        return ""

    # ---- turn 0: the question
    if defect == "names_target":
        q = rng.choice(_QNAMED).format(t=t, img=img)
    else:
        q = rng.choice(_Q[t]).format(img=img)
    turns = [q]
    # ---- turn 1: first answer
    parts = []
    head = {"terse": f"{t[0].upper() + t[1:]} [SEG].",
            "tutor": f"Great question. What you're looking at {'are' if plural else 'is'} the {t} [SEG].",
            "markdown": f"## Answer\n{'Those are' if plural else 'That is'} the **{t}** [SEG] 🙂",
            "words": f"{'These are' if plural else 'This is'} the {t} [SEG]."}[style]
    parts.append(head)
    if style == "tutor":
        parts.append(rng.choice(["The clue in your question points straight to it, much as a fingerprint points to one person.",
                                 "Let's reason it out together, the way a detective narrows down suspects.",
                                 "Your description is the giveaway, a bit like recognising a song from its first bar."]))
    if style == "markdown":
        head = rng.choice(["Ooh, nice one! ", "Happy to help! ", "Love this kind of question. "]) + head
        parts[0] = head
    sided_ok = dkind != "laterality"
    for k in first_kinds:
        parts.append(state(k, 1, false=(dkind == k and place == "first")))
        if dkind != k and rng.random() < 0.35:
            n = negation(k, 1)
            if n:
                parts.append(n)
    if rng.random() < 0.7:
        parts.append(_conv(p, lat, rng, sided_ok and "laterality" in first_kinds))
    parts.append(rng.choice(_KNOW["chest" if o == "LI" else p["region"]]))
    if style == "tutor":
        parts.append(rng.choice(_ANALOGY))
    if style == "markdown":
        body = parts[0] + "\n\n" + "\n".join("- " + x for x in parts[1:]) + "\n\nAnything else you'd like to know? 😊"
    elif style == "terse":
        body = " ".join(parts)
    else:
        body = " ".join(parts)
    turns.append(body)
    # ---- follow-up rounds
    rest_q = rest[:]
    misconceive = defect in (None, "names_target") and rng.random() < 0.45
    for rd in range(1, rounds):
        ti = 2 * rd
        ks = rest_q[:2] if rd == rounds - 1 else rest_q[:1]
        rest_q = rest_q[len(ks):]
        ask = {"laterality": "which side is it on", "position": "where exactly does it sit",
               "size": "how big is it", "count": "how many separate pieces are there"}
        uq = ""
        ans = []
        if place == "user" and rd > 1:
            ks = [k for k in ks if k != dkind]
        if dkind and place == "user" and rd == 1:
            # a false premise in the user's turn that the assistant leaves standing
            fake = state(dkind, ti, false=True, subj="the mask" if plural else "it")
            fake = fake[0].lower() + fake[1:-1]
            topic = [k for k in kinds_all if k != dkind]
            kk = ks[0] if ks and ks[0] != dkind else rng.choice(topic)
            ks = [kk] if kk != dkind else []
            if not ks:
                ks = [rng.choice(topic)]
            ledger[-1]["role"] = "user"
            uq = rng.choice([f"Since {fake}, {ask[ks[0]]}?", f"OK, so {fake}. And {ask[ks[0]]}?"])
            # do not restate the defect kind anywhere after
        elif misconceive and rd == 1:
            wrong = lat_wrong(lat, rng)
            uq = f"I'd have guessed it was {lat_phrase(wrong, p, rng)}. Is that right?"
            claim("laterality", wrong, lat, ti, role="user", corrected=True)
            ans.append(rng.choice(["No, not quite.", "Not really, no."]) + " " + state("laterality", ti + 1))
            if ks and "laterality" in ks:
                ks = [k for k in ks if k != "laterality"]
            misconceive = False
        elif ks:
            uq = " ".join(ask[k][0].upper() + ask[k][1:] + "?" for k in ks)
        else:
            uq = rng.choice(["Can you give me a quick summary?", "Anything else worth noting?", "Recap the key point for me?"])
        for k in ks:
            if dkind == k and place == "user":
                continue
            ans.append(state(k, ti + 1, false=(dkind == k and place == "follow")))
        if dkind and place == "follow" and dkind not in [c["kind"] for c in ledger if not c["corrected"] and c["claimed"] != c["truth"]] \
                and rd == rounds - 1:
            ans.append(state(dkind, ti + 1, false=True))
        if not ans:
            # a summary built from true, non-defect facts already given, restated
            ok = [k for k in first_kinds if k != dkind]
            ans.append(state(rng.choice(ok), ti + 1) if ok else "Nothing else stands out.")
        if style == "tutor":
            ans.append(rng.choice(_ANALOGY))
        turns.append(uq)
        turns.append(("- " + "\n- ".join(ans)) if style == "markdown" else " ".join(ans))
    out = []
    for i, c in enumerate(turns):
        if style == "words":
            c = spell_numbers(c)
            for e in ledger:
                if e["turn"] == i and e["text"]:
                    e["text"] = spell_numbers(e["text"])
        if style == "terse":
            c = c.replace("Size-wise I'd call it", "Size:")
        out.append({"role": "user" if i % 2 == 0 else "assistant", "content": c})
    for e in ledger:
        if style == "terse" and e["text"]:
            e["text"] = e["text"].replace("Size-wise I'd call it", "Size:")
    LEDGER.append(ledger)
    return out, ([] if defect is None else [defect])
