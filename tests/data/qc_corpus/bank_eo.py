"""Bank EO: projection films (chest X-rays PA/AP, abdominal/KUB films, pelvis and hip films), orientation "LI",
modality "XR".

Targets: lungs (bilateral), left lung, right lung, heart (cardiac silhouette), pleural effusion (right, left,
both sides, a large one), pneumothorax (one side), lung nodules (one, several on one side, several on both
sides), clavicles (bilateral), rib fracture (one or two sites, one side), trachea (midline), femoral heads
(bilateral), bowel gas (several pieces), kidney stone on a KUB film (one or two).
Registers (STYLES): er_doctor, radiology_report, student_quiz, ai_assistant.

Written without reading QC: the writer never opened medseg_qa/qc, the knowledge files, tests, bench or any
other bank. Every claim about the target is recorded in a ledger (LEDGER, one entry per build call) that
the writer's own reader (/work/notes/qceo_scripts/check_eo.py) checks against the facts.
Own check on heldout_eo.jsonl (SEED 20261272): rows: 420 clean: 210 defect: 210 (42 of each kind),
2395 ledgered claims, false claims placed first answer 95 / follow-up answer 41 / user premise 32, problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["er_doctor", "radiology_report", "student_quiz", "ai_assistant"]

LEDGER: list[dict] = []  # one entry per build call: the claims each turn makes (read by the writer's check)

# ---------------------------------------------------------------------------------------------------------
# other structures (normalised x, y; x grows toward the patient's LEFT, y toward the feet)
CHEST = {"trachea": (0.50, 0.18), "heart": (0.58, 0.60), "aortic knuckle": (0.58, 0.30),
         "carina": (0.50, 0.32), "right hemidiaphragm": (0.30, 0.74), "left hemidiaphragm": (0.70, 0.77),
         "left hilum": (0.62, 0.45), "right hilum": (0.38, 0.45), "gastric bubble": (0.72, 0.82)}
ABDO = {"L2 vertebra": (0.50, 0.48), "liver": (0.30, 0.33), "bladder": (0.50, 0.88),
        "left iliac crest": (0.80, 0.62)}
PELV = {"pubic symphysis": (0.50, 0.80), "sacrum": (0.50, 0.42), "L5 vertebra": (0.50, 0.22)}


def _o(src, *names):
    return {n: src[n] for n in names}


def _P(target, region, ell, others, rel_ok, name, syn, plural, unit, **kw):
    d = dict(target=target, region=region, ell=ell, others=others, rel_ok=rel_ok, name=name, syn=syn,
             plural=plural, unit=unit)
    d.update(kw)
    return d


PROFILES = [
    _P("lungs", "chest", [(80, 106, 44, 72), (178, 108, 42, 70)], _o(CHEST, "trachea", "heart", "carina"),
       {("trachea", "v"), ("heart", "v")}, "the lungs", ["the lung fields", "the aerated lungs"], True,
       ("region", "regions"), kind="lungs"),
    _P("left lung", "chest", [(178, 108, 42, 70)], _o(CHEST, "trachea", "heart", "left hemidiaphragm"),
       {("trachea", "h"), ("trachea", "v"), ("heart", "h"), ("heart", "v"), ("left hemidiaphragm", "v")},
       "the left lung", ["the left lung field", "this lung"], False, ("region", "regions"), kind="lung"),
    _P("right lung", "chest", [(80, 106, 44, 72)], _o(CHEST, "trachea", "heart", "right hemidiaphragm"),
       {("trachea", "h"), ("trachea", "v"), ("heart", "h"), ("heart", "v"), ("right hemidiaphragm", "v")},
       "the right lung", ["the right lung field", "this lung"], False, ("region", "regions"), kind="lung"),
    _P("heart", "chest", [(150, 152, 40, 33)], _o(CHEST, "trachea", "aortic knuckle", "left hemidiaphragm"),
       {("trachea", "h"), ("trachea", "v"), ("aortic knuckle", "v"), ("left hemidiaphragm", "v"),
        ("left hemidiaphragm", "h")},
       "the heart", ["the cardiac silhouette", "the heart shadow"], False, ("region", "regions"), kind="heart"),
    _P("heart", "chest", [(152, 150, 52, 38)], _o(CHEST, "trachea", "carina"),
       {("trachea", "h"), ("trachea", "v"), ("carina", "v")},
       "the heart", ["the cardiac silhouette", "the enlarged heart shadow"], False, ("region", "regions"),
       kind="heart"),
    _P("pleural effusion", "chest", [(72, 188, 34, 16)], _o(CHEST, "heart", "right hilum"),
       {("heart", "h"), ("heart", "v"), ("right hilum", "h"), ("right hilum", "v")},
       "the pleural effusion", ["the effusion", "the pleural fluid"], False, ("collection", "collections"),
       kind="effusion"),
    _P("pleural effusion", "chest", [(184, 190, 32, 15)], _o(CHEST, "heart", "left hilum"),
       {("heart", "h"), ("heart", "v"), ("left hilum", "h"), ("left hilum", "v")},
       "the pleural effusion", ["the effusion", "the pleural fluid"], False, ("collection", "collections"),
       kind="effusion"),
    _P("pleural effusion", "chest", [(72, 190, 28, 12), (184, 192, 26, 11)], _o(CHEST, "heart", "carina"),
       {("heart", "v"), ("carina", "v")},
       "the pleural effusions", ["the effusions", "the two fluid collections"], True,
       ("collection", "collections"), kind="effusion"),
    _P("pleural effusion", "chest", [(186, 162, 40, 50)], _o(CHEST, "heart", "left hilum", "trachea"),
       {("heart", "h"), ("left hilum", "h"), ("left hilum", "v"), ("trachea", "h"), ("trachea", "v")},
       "the pleural effusion", ["the effusion", "the pleural fluid"], False, ("collection", "collections"),
       kind="effusion"),
    _P("pneumothorax", "chest", [(182, 52, 30, 18)], _o(CHEST, "trachea", "left hilum", "heart"),
       {("trachea", "h"), ("left hilum", "h"), ("left hilum", "v"), ("heart", "h"), ("heart", "v")},
       "the pneumothorax", ["the pleural air", "the air collection", "the PTX"], False,
       ("collection", "collections"), kind="ptx"),
    _P("pneumothorax", "chest", [(74, 56, 28, 20)], _o(CHEST, "trachea", "right hilum", "heart"),
       {("trachea", "h"), ("right hilum", "h"), ("right hilum", "v"), ("heart", "h"), ("heart", "v")},
       "the pneumothorax", ["the pleural air", "the air collection", "the PTX"], False,
       ("collection", "collections"), kind="ptx"),
    _P("pneumothorax", "chest", [(60, 104, 24, 70)], _o(CHEST, "trachea", "heart"),
       {("trachea", "h"), ("trachea", "v"), ("heart", "h"), ("heart", "v")},
       "the pneumothorax", ["the pleural air", "the air collection", "the PTX"], False,
       ("collection", "collections"), kind="ptx"),
    _P("lung nodules", "chest", [(90, 90, 5, 5), (170, 132, 6, 6), (160, 80, 4, 4)], _o(CHEST, "heart", "trachea"),
       {("heart", "v"), ("trachea", "v")},
       "the lung nodules", ["the nodules", "these round opacities", "the lesions"], True,
       ("nodule", "nodules"), kind="nodules"),
    _P("lung nodules", "chest", [(70, 80, 6, 6), (92, 140, 5, 5)], _o(CHEST, "heart", "right hilum"),
       {("heart", "h"), ("heart", "v"), ("right hilum", "h")},
       "the lung nodules", ["the nodules", "these round opacities", "the lesions"], True,
       ("nodule", "nodules"), kind="nodules"),
    _P("lung nodules", "chest", [(182, 152, 7, 7)], _o(CHEST, "heart", "left hilum", "trachea"),
       {("heart", "h"), ("left hilum", "h"), ("left hilum", "v"), ("trachea", "h"), ("trachea", "v")},
       "the lung nodule", ["the nodule", "this round opacity", "the lesion"], False, ("nodule", "nodules"),
       kind="nodules"),
    _P("clavicles", "chest", [(88, 40, 36, 7), (168, 40, 36, 7)], _o(CHEST, "heart", "carina"),
       {("heart", "v"), ("carina", "v")},
       "the clavicles", ["the collarbones", "both clavicular shadows"], True, ("bone", "bones"), kind="clav"),
    _P("rib fracture", "chest", [(214, 124, 6, 5)], _o(CHEST, "heart", "left hilum"),
       {("heart", "h"), ("heart", "v"), ("left hilum", "h")},
       "the rib fracture", ["the fracture", "the cortical break", "the fracture line"], False,
       ("fracture site", "fracture sites"), kind="rib"),
    _P("rib fracture", "chest", [(40, 96, 5, 5)], _o(CHEST, "right hilum", "trachea"),
       {("right hilum", "h"), ("right hilum", "v"), ("trachea", "h"), ("trachea", "v")},
       "the rib fracture", ["the fracture", "the cortical break", "the fracture line"], False,
       ("fracture site", "fracture sites"), kind="rib"),
    _P("rib fracture", "chest", [(212, 116, 5, 4), (210, 142, 5, 4)], _o(CHEST, "heart", "left hilum"),
       {("heart", "h"), ("left hilum", "h")},
       "the rib fractures", ["the fractures", "the cortical breaks"], True,
       ("fracture site", "fracture sites"), kind="rib"),
    _P("trachea", "chest", [(128, 44, 9, 34)], _o(CHEST, "heart", "carina", "aortic knuckle"),
       {("heart", "h"), ("heart", "v"), ("carina", "v"), ("aortic knuckle", "h"), ("aortic knuckle", "v")},
       "the trachea", ["the tracheal air column", "the windpipe"], False, ("segment", "segments"),
       kind="trachea"),
    _P("femoral heads", "pelvis", [(70, 170, 19, 19), (186, 170, 19, 19)],
       _o(PELV, "pubic symphysis", "sacrum", "L5 vertebra"),
       {("pubic symphysis", "v"), ("sacrum", "v"), ("L5 vertebra", "v")},
       "the femoral heads", ["the heads of the femurs", "both femoral heads"], True, ("head", "heads"),
       kind="fem"),
    _P("bowel gas", "abdomen", [(70, 90, 16, 9), (120, 70, 14, 8), (180, 100, 18, 10), (150, 160, 15, 9),
                                 (90, 180, 12, 8)],
       _o(ABDO, "liver", "bladder"), {("liver", "h"), ("liver", "v"), ("bladder", "v")},
       "the bowel gas", ["the gas pockets", "the gas-filled loops", "the lucencies"], False,
       ("pocket", "pockets"), kind="gas"),
    _P("bowel gas", "abdomen", [(170, 70, 20, 12), (200, 110, 14, 9), (140, 88, 12, 8), (190, 150, 16, 10)],
       _o(ABDO, "liver", "L2 vertebra", "bladder"),
       {("liver", "h"), ("L2 vertebra", "h"), ("L2 vertebra", "v"), ("bladder", "v")},
       "the bowel gas", ["the gas pockets", "the gas-filled loops", "the lucencies"], False,
       ("pocket", "pockets"), kind="gas"),
    _P("bowel gas", "abdomen", [(84, 110, 30, 18), (166, 100, 32, 20), (128, 168, 28, 16)],
       _o(ABDO, "liver", "bladder"), {("liver", "h"), ("liver", "v"), ("bladder", "v")},
       "the bowel gas", ["the distended gas-filled loops", "the gas shadows"], False, ("loop", "loops"),
       kind="gas"),
    _P("kidney stone", "abdomen", [(172, 104, 4, 4)], _o(ABDO, "L2 vertebra", "liver", "bladder"),
       {("L2 vertebra", "h"), ("L2 vertebra", "v"), ("liver", "h"), ("bladder", "v")},
       "the kidney stone", ["the calculus", "the stone", "the calcific focus"], False, ("stone", "stones"),
       kind="stone"),
    _P("kidney stone", "abdomen", [(84, 106, 4, 5)], _o(ABDO, "L2 vertebra", "bladder", "left iliac crest"),
       {("L2 vertebra", "h"), ("L2 vertebra", "v"), ("bladder", "v"), ("left iliac crest", "h"),
        ("left iliac crest", "v")},
       "the kidney stone", ["the calculus", "the stone", "the calcific focus"], False, ("stone", "stones"),
       kind="stone"),
    _P("kidney stone", "abdomen", [(170, 90, 3, 3), (178, 108, 4, 4)], _o(ABDO, "L2 vertebra", "bladder"),
       {("L2 vertebra", "h"), ("L2 vertebra", "v"), ("bladder", "v")},
       "the kidney stones", ["the calculi", "the stones", "the calcific foci"], True, ("stone", "stones"),
       kind="stone"),
]

# words a first question must not use for each target (label, synonyms, adjectival forms, abbreviations)
BANNED = {
    "lungs": ["lung", "pulmon", "pneumo"], "lung": ["lung", "pulmon", "pneumo"],
    "heart": ["heart", "cardi", "ctr"], "effusion": ["effusion", "pleural fluid", "hydrothorax", "fluid"],
    "ptx": ["pneumothora", "ptx", "pleural air", "air in the pleural"],
    "nodules": ["nodul", "coin lesion"], "clav": ["clavic", "collarbone", "collar bone"],
    "rib": ["rib", "fractur", "broken", "break", "costal"], "trachea": ["trache", "windpipe", "airway"],
    "fem": ["femur", "femor", "thigh bone", "thighbone", "hip ball"],
    "gas": ["gas", "bowel", "intestin", "colon", "flatus"],
    "stone": ["stone", "kidney", "renal", "calcul", "nephro", "urolith", "kub"],
}


def record_for(p):
    return {"modality": "XR", "body_region": p["region"], "orientation": "LI"}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ell"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = max(2.5, rx + rng.uniform(-1, 1)), max(2.5, ry + rng.uniform(-1, 1))
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(mask, "LI", dict(p["others"])).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------------
# helpers
NUMW = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
CLS_WORD = {"small": ["small"], "medium": ["medium-sized", "medium", "mid-sized"], "large": ["large", "big"]}
PLURAL_VERB = {"is": "are", "lies": "lie", "sits": "sit", "covers": "cover", "has": "have", "takes": "take",
               "appears": "appear", "measures": "measure", "occupies": "occupy", "was": "were",
               "consists": "consist", "projects": "project", "fills": "fill", "shows": "show"}


def cap(s):
    return s[:1].upper() + s[1:]


def pct_options(v):
    """Renderings of a percent value v that stay within 10% of it."""
    out = []
    for fmt in ("{:.2f}%", "{:.1f}%", "{:.0f}%", "{:.1f} percent", "{:.0f} percent"):
        s = fmt.format(v)
        num = float(s.split("%")[0].split(" ")[0])
        if num > 0 and abs(num - v) <= 0.1 * v and not (v >= 10 and "." in s):
            out.append(s)
    r = round(v)
    if 1 <= r <= 12 and abs(r - v) <= 0.1 * v:
        out.append(f"{NUMW[r]} percent")
    return out or [f"{v:.2f}%"]


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.lat, self.vert, self.cls = facts["laterality"], facts["vertical"], facts["size_class"]
        self.pct = 100.0 * facts["area_fraction"]
        self.n = facts["components"]
        ok = p["rel_ok"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]
                     if (r["other"], "h" if r["relation"] in ("left_of", "right_of") else "v") in ok]
        self.claims: list[dict] = []
        self.used: set = set()

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def subj(self, allow_pronoun=True):
        p = self.p

        def plural(t):
            last = t.split()[-1]
            return (last.endswith("s") and not last.endswith("us")) or last.endswith("i") or "heads" in t

        opts = [(p["name"], p["plural"])] * 2 + [(s, plural(s)) for s in p["syn"]]
        opts += [("the mask", False), ("the segmented region", False)]
        if allow_pronoun:
            opts += [("they", True) if p["plural"] else ("it", False)]
        return self.pick(opts)

    def fill(self, tmpl, subj=None):
        s, pl = subj or self.subj()
        d = {"S": s}
        for k, v in PLURAL_VERB.items():
            d[k] = v if pl else k
        out = tmpl.format(**d)
        return out

    def claim(self, turn, kind, value, text, true):
        self.claims.append({"turn": turn, "kind": kind, "value": value, "text": text, "true": true})
        return text


def region_words(p):
    return {"chest": ("hemithorax", "lung apices", "lung bases"),
            "abdomen": ("side of the abdomen", "upper abdomen", "lower abdomen"),
            "pelvis": ("side of the pelvis", "top of the film", "bottom of the film")}[p["region"]]


# ----- claim sentences (value may be false: the caller decides) -------------------------------------------

def side_text(C, value, neg=False):
    """A sentence claiming the side `value` (or, with neg, that it is NOT on side `value`)."""
    hemi = region_words(C.p)[0]
    other = {"left": "right", "right": "left"}
    if neg:
        if value in ("left", "right"):
            return C.fill(C.pick([
                "{S} {is} not on the patient's " + value + " side",
                "nothing of {S} crosses to the patient's " + value,
                "{S} {is} not " + value + "-sided",
            ]))
        if value == "midline":
            return C.fill("{S} {is} not a midline structure here")
        return C.fill("{S} {is} not bilateral")
    if value in ("left", "right"):
        img = other[value]
        opts = [
            "{S} {is} on the patient's " + value,
            "{S} {lies} in the " + value + " " + hemi,
            "{S} {appears} on the image's " + img + ", which is the patient's " + value
            + " on a frontal film viewed in the standard way",
            "{S} {is} " + value + "-sided",
            "side-wise, {S} {is} on the patient's " + value,
        ]
        if C.style == "er_doctor":
            opts += [value[0].upper() + "-sided, " + ("they're" if C.p["plural"] else "it's")
                     + " on the patient's " + value]
        return C.fill(C.pick(opts))
    if value == "bilateral":
        return C.fill(C.pick([
            "{S} {is} bilateral, with a part on the patient's right and a part on the left",
            "{S} {is} present on both sides of the midline",
            "{S} {is} bilateral",
            "{S} {is} seen on both the right and the left",
        ]))
    return C.fill(C.pick([
        "{S} {sits} in the midline",
        "{S} {is} central, not deviated to the left or the right",
        "{S} {lies} right on the midline, over the spine",
    ]))


def vert_text(C, value, neg=False):
    _, up, down = region_words(C.p)
    if neg:
        word = {"superior": "in the upper part of the film", "inferior": "in the lower part of the film",
                "central": "at mid-height on the film"}[value]
        return C.fill("{S} {is} not " + word)
    if value == "superior":
        opts = ["{S} {sits} in the upper part of the film", "{S} {is} superiorly placed",
                "{S} {lies} high on the image, toward the " + up,
                "craniocaudally, {S} {is} superior, above the image's mid-height"]
    elif value == "inferior":
        opts = ["{S} {sits} in the lower part of the film", "{S} {is} inferiorly placed",
                "{S} {lies} low on the image, toward the " + down,
                "craniocaudally, {S} {is} inferior, below the image's mid-height"]
    else:
        opts = ["{S} {sits} at about mid-height on the film",
                "{S} {is} neither high nor low, central in the craniocaudal direction",
                "vertically, {S} {lies} in the middle band of the image"]
    return C.fill(C.pick(opts))


def rel_text(C, other, rel):
    o = "the " + other
    if rel == "left_of":
        opts = ["{S} {lies} to the patient's left of " + o,
                "{S} {is} further to the patient's left than " + o,
                "on the screen {S} {is} to the right of " + o + ", i.e. to the patient's left of it"]
    elif rel == "right_of":
        opts = ["{S} {lies} to the patient's right of " + o,
                "{S} {is} further to the patient's right than " + o,
                "on the screen {S} {is} to the left of " + o + ", i.e. to the patient's right of it"]
    elif rel == "superior_to":
        opts = ["{S} {is} above " + o, "{S} {lies} higher than " + o, "{S} {sits} cranial to " + o]
    else:
        opts = ["{S} {is} below " + o, "{S} {lies} lower than " + o, "{S} {sits} caudal to " + o]
    return C.fill(C.pick(opts))


def size_cls_text(C, cls):
    w = C.pick(CLS_WORD[cls])
    art = "an" if w[0] in "aeiou" else "a"
    return C.fill(C.pick([
        "{S} {is} " + w + " for a mask on this film",
        "in terms of area {S} {is} " + w,
        "size-wise it is " + art + " " + w + " mask",
        "the segmented area is " + w,
    ]))


def size_pct_text(C, v):
    s = C.pick(pct_options(v))
    return C.fill(C.pick([
        "{S} {covers} about " + s + " of the image",
        "{S} {takes} up roughly " + s + " of the film's area",
        "that works out at around " + s + " of the frame",
        "{S} {occupies} approximately " + s + " of the image",
    ]))


def size_both_text(C, cls, v):
    w = C.pick(CLS_WORD[cls])
    s = C.pick(pct_options(v))
    return C.fill(C.pick([
        "{S} {is} " + w + ", about " + s + " of the image",
        "size: " + w + " (roughly " + s + " of the frame)",
        "{S} {covers} around " + s + " of the film, which makes it " + w,
    ]))


def count_text(C, n, neg=False):
    sg, pl = C.p["unit"]
    if neg:
        return C.fill("{S} {is} not a single connected piece") if n == 1 else \
            C.fill("{S} {is} not split into " + NUMW[n] + " parts")
    if n == 1:
        return C.fill(C.pick([
            "{S} {is} a single connected region",
            "there is just one " + sg + ", with no separate fragments",
            "{S} {consists} of one piece",
            "one " + sg + " only",
        ]))
    nw = C.pick([str(n), NUMW[n]]) if n < len(NUMW) else str(n)
    return C.fill(C.pick([
        "{S} {consists} of " + nw + " separate " + pl,
        "I count " + nw + " distinct " + pl,
        "there are " + nw + " separate connected pieces in the mask",
        "the mask falls into " + nw + " disconnected " + pl,
    ]))


# ----- false values -----------------------------------------------------------------------------------------

def wrong_side(C):
    lat = C.lat
    if lat == "left":
        return C.pick(["right"] * 4 + ["midline"])
    if lat == "right":
        return C.pick(["left"] * 4 + ["midline"])
    if lat == "bilateral":
        return C.pick(["left", "right"])
    return C.pick(["left", "right"])


def wrong_vert(C):
    return {"superior": "inferior", "inferior": "superior"}.get(C.vert) or C.pick(["superior", "inferior"])


def wrong_cls(C):
    return {"small": "large", "large": "small"}.get(C.cls) or C.pick(["small", "large"])


def wrong_pct(C):
    return C.pct * C.pick([3.2, 4.0, 5.0]) if C.pct < 15 else C.pct * C.pick([0.2, 0.25, 0.3])


def wrong_count(C):
    n = C.n
    return C.pick([2, 3]) if n == 1 else C.pick([1, n + 1, n + 2] if n > 2 else [1, 3, 4])


FLIP = {"left_of": "right_of", "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to"}

# ---------------------------------------------------------------------------------------------------------
# first questions (never name the target)

QUESTIONS = {
    "lungs": ["Which paired organs fill most of the thorax on this film and handle gas exchange? Segment them.",
              "Sats are 91% on air. Can you outline the aerated organs on both sides of the mediastinum?",
              "Mark the organs we breathe with on this frontal chest film."],
    "lung": ["Which organ fills the {side} hemithorax and does the gas exchange on that side? Segment it.",
             "Outline the aerated organ on the patient's {side} side of this chest film.",
             "Segment the organ that sits between the {side} hemidiaphragm and the apex on this side."],
    "heart": ["Which organ makes the soft-tissue opacity that sits on the diaphragm here? Segment it.",
              "Short of breath, ankle swelling. Can you outline the pump whose borders I'd measure against "
              "the chest width?",
              "Segment the organ whose border the right atrium and left ventricle form on a PA film."],
    "effusion": ["The costophrenic angle is blunted with a meniscus sign. Segment what's causing it.",
                 "Post-CABG day 3, dull to percussion at the base. Can you mask the abnormality at the base?",
                 "Which abnormality makes this homogeneous opacity with a curved upper edge? Segment it."],
    "ptx": ["Tall thin smoker, sudden pleuritic pain. There's a visceral pleural line with no markings beyond "
            "it. Segment the abnormality.",
            "After a central line attempt the patient desaturated. Can you outline the complication on this film?",
            "Segment the region of absent lung markings outside the visceral pleural line."],
    "nodules": ["62-year-old ex-smoker, incidental round opacities. Can you segment the focal lesions?",
                "Which small well-circumscribed round densities within the lung fields should I measure? "
                "Segment them.",
                "Outline the coin-shaped densities the referrer asked about."],
    "clav": ["Which bones run from the manubrium to the acromion on each side? Segment them.",
             "Fell off a bike onto an outstretched hand. Can you outline the S-shaped bones at the top of the "
             "chest?",
             "Segment the bones I'd use to judge rotation against the spinous processes."],
    "rib": ["Fell down the stairs, point tenderness on the lateral chest wall. Segment the injury you see.",
            "Blunt trauma to the chest. Can you outline the bony injury on this film?",
            "Which traumatic bony abnormality along the chest wall is visible here? Segment it."],
    "trachea": ["Segment the air-filled tube running down from the neck to the carina.",
                "Tension physiology is on my list. Can you outline the lucent column I'd check for deviation?",
                "Which structure carries air from the larynx to the main bronchi? Segment it."],
    "fem": ["Which rounded bony structures sit in the acetabula on this pelvis film? Segment them.",
            "Elderly faller, can't weight-bear. Outline the ball parts of the hip joints please.",
            "Segment the structures whose contour Shenton's line helps me assess."],
    "gas": ["Segment the dark lucent areas scattered across this abdominal film.",
            "Vomiting and distension. Can you outline the air-filled lucencies in the abdomen?",
            "Which lucent shadows on this supine abdominal film should I look at for obstruction? Segment them."],
    "stone": ["Colicky loin-to-groin pain and haematuria. Segment the likely culprit on this plain abdominal film.",
              "Which radio-opaque density could explain the colic? Outline it.",
              "Segment the dense focus the urologist is worried about on this plain film."],
}

NAMED = {
    "lungs": ["Segment the lungs on this chest film.", "Where are the lungs? Outline both."],
    "lung": ["Segment the {t} on this film.", "Outline the {t}, please."],
    "heart": ["Segment the heart on this film.", "Outline the cardiac silhouette."],
    "effusion": ["Segment the pleural effusion.", "Can you outline the effusion on this film?"],
    "ptx": ["Segment the pneumothorax.", "Outline the pneumothorax please."],
    "nodules": ["Segment the lung nodules.", "Outline the pulmonary nodules."],
    "clav": ["Segment the clavicles.", "Outline both clavicles please."],
    "rib": ["Segment the rib fracture.", "Outline the fractured rib."],
    "trachea": ["Segment the trachea.", "Outline the trachea for me."],
    "fem": ["Segment the femoral heads.", "Outline the femoral heads."],
    "gas": ["Segment the bowel gas.", "Outline the bowel gas pattern."],
    "stone": ["Segment the kidney stone on this KUB.", "Outline the renal calculus."],
}

OPEN = {
    "er_doctor": ["Quick one, resus is full. {q}", "{q} Need it fast.", "ED here. {q}"],
    "radiology_report": ["Please segment and report. {q}", "For the report: {q}", "{q} Formal report please."],
    "student_quiz": ["Quiz item: {q}", "Practice question from my tutor: {q}", "{q} (student here, checking my work)"],
    "ai_assistant": ["Hi! {q} Could you explain as you go?", "{q}", "Hello, {q}"],
}

# ---------------------------------------------------------------------------------------------------------
# knowledge and trap sentences (all true; none is a claim about the target mask)

GENERAL_CHEST = [
    "By convention a frontal film is viewed as if facing the patient, so the patient's left is on the image's right.",
    "The L marker sits on the image's right here, as it should on a standard PA film.",
    "The right hemidiaphragm usually sits 1-2 cm higher than the left, because the liver lies under it.",
    "The gastric bubble normally lies under the left hemidiaphragm.",
    "The aortic knuckle projects to the left of the trachea.",
    "On an AP film the heart sits further from the detector, so it looks bigger than on a PA film.",
    "A cardiothoracic ratio above 0.5 on a PA film is the usual threshold for cardiomegaly, but it does not apply "
    "to AP films.",
    "The left hilum normally sits slightly higher than the right, in about 97% of people.",
    "For adequate inspiration you want about 6 anterior ribs or 10 posterior ribs above the diaphragm.",
    "The right lung has three lobes and the left lung has two.",
]
GENERAL_ABDO = [
    "On a supine abdominal film the patient's left is on the image's right, just as on a chest film.",
    "The liver sits in the right upper quadrant, which pushes the right kidney a little lower than the left.",
    "The 3-6-9 rule: small bowel over 3 cm, large bowel over 6 cm or caecum over 9 cm counts as dilated.",
    "Phleboliths low in the pelvis are a common mimic of ureteric stones.",
    "A KUB film should include the kidneys at the top and the pubic symphysis at the bottom.",
]
GENERAL_PELV = [
    "On an AP pelvis film the patient's right hip is on the image's left.",
    "Shenton's line should form a smooth arc on each side; a break suggests a neck of femur fracture.",
    "In adults the femoral neck-shaft angle is usually about 125 to 135 degrees.",
    "Both hips are shown on one AP pelvis film so that each side can be compared with the other.",
]
KNOW = {
    "lungs": ["Normal lungs look dark on a film because air absorbs very few X-rays.",
              "Each lung is wrapped in its own pleural sac, and the two are separated by the mediastinum."],
    "lung": ["The left lung is a little smaller than the right because the heart bulges into the left hemithorax.",
             "The horizontal fissure is only seen on the right, since only the right lung has a middle lobe."],
    "heart": ["Roughly two-thirds of the heart lies to the left of the midline in most adults.",
              "The right heart border is formed by the right atrium; the left border mostly by the left ventricle.",
              "Cardiomegaly affects a large share of patients with heart failure, but a normal CTR does not exclude it."],
    "effusion": ["About 200 mL of fluid is usually needed to blunt the costophrenic angle on a PA film; a lateral "
                 "film can show as little as 50 mL.",
                 "A large effusion pushes the mediastinum away from its side, whereas collapse pulls it toward it.",
                 "On a supine film fluid layers posteriorly and can look like a hazy veil instead of a meniscus."],
    "ptx": ["Primary spontaneous pneumothorax recurs in roughly a third of patients.",
            "A tension pneumothorax pushes the mediastinum and trachea away from the affected side.",
            "On a supine film air rises anteriorly and can give a deep sulcus sign at the costophrenic angle.",
            "The BTS guideline calls a rim of more than 2 cm at the level of the hilum large."],
    "nodules": ["Fleischner guidance says a solid nodule under 6 mm in a low-risk patient usually needs no routine "
                "follow-up.",
                "Most nodules found incidentally are benign, well over 90% in screening programmes.",
                "Nipple shadows are a classic mimic; they are often symmetric on both sides."],
    "clav": ["About 80% of clavicle fractures involve the middle third.",
             "On a non-rotated film the medial ends of the clavicles are equidistant from the spinous processes."],
    "rib": ["Up to half of rib fractures are missed on a frontal chest film.",
            "Fractures of ribs 9 to 12 raise concern for liver injury on the right and splenic injury on the left.",
            "Three or more adjacent ribs broken in two places make a flail segment."],
    "trachea": ["A tension pneumothorax pushes the trachea away from its side; lobar collapse pulls it toward the "
                "collapsed side.",
                "The trachea divides at the carina into the right and left main bronchi; the right one is "
                "shorter, wider and more vertical."],
    "fem": ["Avascular necrosis of the femoral head is frequently bilateral in non-traumatic cases.",
            "Neck of femur fractures affect women about three times as often as men."],
    "gas": ["A small amount of gas in the stomach and colon is normal; small bowel gas in more than a few loops is "
            "less so.",
            "Large bowel loops lie peripherally and show haustra that do not cross the whole lumen.",
            "Valvulae conniventes cross the full width of small bowel loops."],
    "stone": ["About 90% of kidney stones are radio-opaque on plain film; uric acid stones are the classic exception.",
              "Stones under 5 mm pass spontaneously in most patients.",
              "The left kidney usually sits slightly higher than the right one."],
}


def know(C, k=1):
    pool = list(KNOW[C.p["kind"]]) + {"chest": GENERAL_CHEST, "abdomen": GENERAL_ABDO,
                                      "pelvis": GENERAL_PELV}[C.p["region"]]
    fresh = [x for x in pool if x not in C.used] or pool
    out = C.rng.sample(fresh, min(k, len(fresh)))
    C.used.update(out)
    return out


def hypothetical(C):
    """A true conditional or negation sentence that mentions sides/positions without claiming them."""
    opts = []
    if C.lat in ("left", "right"):
        other = "right" if C.lat == "left" else "left"
        opts.append("If the film had been hung back to front, the same shadow would sit on the image's "
                    + C.lat + " and could be misread as " + other + "-sided, which is why I check the marker.")
        opts.append("Had this been on the " + other + ", I'd be thinking about different differentials.")
    if C.lat == "bilateral":
        opts.append("If only one side were involved I'd word the report differently.")
    if C.lat == "midline":
        opts.append("If something were pushing on it, it would bow away from that side.")
    opts.append({"chest": "If this were a supine AP film, the mediastinum would look wider than it really is.",
                 "abdomen": "If this were an erect film, free gas would collect under the hemidiaphragms.",
                 "pelvis": "If the pelvis were rotated, the obturator foramina would look unequal."}[C.p["region"]])
    return C.pick(opts)


def next_steps(C):
    return C.pick({
        "chest": ["I'd compare with any previous film and correlate with the examination and oxygen saturation.",
                  "A lateral view or an ultrasound can help if the frontal film leaves doubt.",
                  "I'd check the lines and tubes, then the apices, hila, costophrenic angles and behind the heart."],
        "abdomen": ["I'd correlate with urinalysis and, if needed, a low-dose non-contrast CT.",
                    "Comparing with a previous plain film helps judge whether anything has moved.",
                    "Look along the expected line of the ureters over the transverse processes."],
        "pelvis": ["I'd compare the two joint spaces and trace Shenton's line on each side.",
                   "A lateral hip view is worth getting if the AP film is equivocal."],
    }[C.p["region"]])


# ---------------------------------------------------------------------------------------------------------
# building

def make_claim(C, turn, kind, false=False, rel=None):
    """Claim text for `kind` (true, or false when `false`) recorded in the ledger."""
    if kind == "side":
        if not false and C.rng.random() < 0.2 and C.lat in ("left", "right", "bilateral"):
            negv = {"left": "right", "right": "left"}.get(C.lat, "left")
            if C.lat == "bilateral":
                t = C.fill("{S} {is} not confined to one side")
                return C.claim(turn, "side", "bilateral", t, True)
            t = side_text(C, negv, neg=True)
            return C.claim(turn, "side", "not:" + negv, t, True)
        v = wrong_side(C) if false else C.lat
        return C.claim(turn, "side", v, side_text(C, v), not false)
    if kind == "vert":
        if not false and C.rng.random() < 0.15 and C.vert != "central":
            negv = {"superior": "inferior", "inferior": "superior"}[C.vert]
            return C.claim(turn, "vert", "not:" + negv, vert_text(C, negv, neg=True), True)
        v = wrong_vert(C) if false else C.vert
        return C.claim(turn, "vert", v, vert_text(C, v), not false)
    if kind == "rel":
        other, r = rel
        v = FLIP[r] if false else r
        return C.claim(turn, "rel", (other, v), rel_text(C, other, v), not false)
    if kind == "size":
        mode = C.pick(["cls", "pct", "both"])
        if false:
            if mode == "pct":
                v = wrong_pct(C)
                return C.claim(turn, "pct", v, size_pct_text(C, v), False)
            v = wrong_cls(C)
            return C.claim(turn, "size", v, size_cls_text(C, v), False)
        if mode == "cls":
            return C.claim(turn, "size", C.cls, size_cls_text(C, C.cls), True)
        if mode == "pct":
            return C.claim(turn, "pct", C.pct, size_pct_text(C, C.pct), True)
        t = size_both_text(C, C.cls, C.pct)
        C.claim(turn, "size", C.cls, t, True)
        return C.claim(turn, "pct", C.pct, t, True)
    if kind == "count":
        if not false and C.n > 1 and C.rng.random() < 0.15:
            return C.claim(turn, "count", "not:1", count_text(C, 1, neg=True), True)
        v = wrong_count(C) if false else C.n
        return C.claim(turn, "count", v, count_text(C, v), not false)
    raise KeyError(kind)


def sentence(s):
    s = s.strip()
    return cap(s) + ("" if s.endswith((".", "?", "!")) else ".")


def first_question(C, defect):
    p = C.p
    kind = p["kind"]
    side = C.lat if C.lat in ("left", "right") else "left"
    if defect == "names_target":
        q = C.pick(NAMED[kind]).format(t=p["target"])
    else:
        q = C.pick(QUESTIONS[kind]).format(side=side)
    return C.pick(OPEN[C.style]).format(q=q)


def misconception(C):
    """A false idea in a user turn that the assistant then explicitly corrects: (user text, kind, reply)."""
    opts = []
    if C.lat in ("left", "right"):
        wrong = "right" if C.lat == "left" else "left"
        img = C.lat == "left" and "right" or "left"
        opts.append(("side", "It's on the " + img + " of my screen, so it's the patient's " + wrong + ", isn't it?",
                     "Not quite: on a frontal film the image's " + img + " is the patient's " + C.lat + "."))
    if C.vert in ("superior", "inferior"):
        wrong = "lower" if C.vert == "superior" else "upper"
        opts.append(("vert", "I thought it was mostly in the " + wrong + " half of the film?",
                     "No, that's not right."))
    if C.n > 1:
        opts.append(("count", "Surely that's just one blob?",
                     "No, it isn't one blob."))
    if C.cls in ("medium", "large"):
        opts.append(("size", "Looks tiny to me, under 1% of the image?",
                     "No, it's bigger than that."))
    return C.pick(opts) if opts else None


def premise_text(C, kind, rel):
    """A user turn resting on a FALSE premise of `kind`; returns (text, ledger value)."""
    if kind == "side":
        v = wrong_side(C)
        word = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
                "bilateral": "on both sides"}[v]
        t = C.pick(["Since it's " + word + ", what would you check next?",
                    "OK, so it's " + word + ". Anything else on the film I should look at?",
                    "Given it sits " + word + ", does that change what I do next?"])
        return t, "side", v
    if kind == "vert":
        v = wrong_vert(C)
        word = {"superior": "high up in the upper part of the film", "inferior": "down in the lower part of the film",
                "central": "at mid-height on the film"}[v]
        t = C.pick(["Since it's " + word + ", what should I do next?",
                    "Right, it's " + word + ". Anything else to check?"])
        return t, "vert", v
    if kind == "rel":
        other, r = rel
        v = FLIP[r]
        word = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
                "superior_to": "above", "inferior_to": "below"}[v]
        t = "Given that it's " + word + " the " + other + ", what would you do next?"
        return t, "rel", (other, v)
    if kind == "size":
        if C.rng.random() < 0.5:
            v = wrong_cls(C)
            t = C.pick(["Since it's " + C.pick(CLS_WORD[v]) + ", is it worth mentioning?",
                        "It's a " + C.pick(CLS_WORD[v]) + " one, so what's the next step?"])
            return t, "size", v
        v = wrong_pct(C)
        t = "With it covering about " + C.pick(pct_options(v)) + " of the image, what's the next step?"
        return t, "pct", v
    v = wrong_count(C)
    unit = C.p["unit"][0] if v == 1 else C.p["unit"][1]
    nw = NUMW[v] if v < len(NUMW) else str(v)
    t = C.pick(["With " + nw + " separate " + unit + " there, what's the next step?",
                "So it's " + nw + " " + unit + ". Should I report them in one line?" if v > 1 else
                "So it's just one " + unit + ". What next?"])
    return t, "count", v


FOLLOW_Q = {
    "side": ["Which side is it on?", "Patient's left or right?", "Is it one-sided?", "Side?"],
    "vert": ["Is it high or low on the film?", "Upper or lower part of the image?", "Where is it craniocaudally?"],
    "size": ["How big is it?", "What fraction of the image does it take up?", "Size?"],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "Count?"],
    "rel": ["Where is it relative to the {o}?", "And in relation to the {o}?"],
    "summary": ["Can you summarise?", "One-line summary please.", "Sum it up for the notes?"],
}


def build(p, facts, style, rng, defect):
    C = Ctx(p, facts, style, rng)
    dmap = {"laterality": "side", "size": "size", "count": "count"}
    dk = dmap.get(defect)
    if defect == "position":
        dk = "rel" if C.rels and rng.random() < 0.4 else "vert"
    loc = None
    if dk:
        r = rng.random()
        loc = "user" if r < 0.2 else "follow" if r < 0.4 else "first"
    drel = rng.choice(C.rels) if dk == "rel" else None
    n_rounds = rng.choice([2, 3])
    if loc in ("user", "follow"):
        n_rounds = max(n_rounds, 2)

    turns: list[dict] = []
    # ---- round 1
    q1 = first_question(C, defect)
    mis = None
    if defect in (None, "names_target") and rng.random() < 0.35:
        mis = misconception(C)
    if mis and style == "student_quiz" and rng.random() < 0.5:
        q1 = q1 + " My guess: " + mis[1]
        mis_in_first = True
    else:
        mis_in_first = False
    turns.append({"role": "user", "content": q1})

    kinds = ["side", "vert", "size", "count"] + (["rel"] if C.rels else [])
    first_kinds = [k for k in kinds if k != dk and rng.random() < 0.65]
    if loc == "first":
        first_kinds.append(dk)
    if not first_kinds:
        first_kinds = [k for k in ("side", "size") if k != dk][:1]
    rng.shuffle(first_kinds)
    body = []
    used_rel = set()
    ti = 1
    if mis_in_first:
        body.append(correct(C, mis, ti))
    for k in first_kinds:
        false = (k == dk and loc == "first")
        rel = None
        if k == "rel":
            rel = drel if false else rng.choice(C.rels)
            used_rel.add(rel[0])
        body.append(sentence(make_claim(C, ti, k, false, rel)))
    extra = know(C, rng.choice([1, 2]))
    if rng.random() < 0.5:
        extra.append(hypothetical(C))
    turns.append({"role": "assistant", "content": compose_first(C, body, extra)})

    # ---- follow-up rounds
    topics = [k for k in ["side", "vert", "size", "count", "rel", "summary"] if k != "rel" or C.rels]
    topics = [t for t in topics if t != dk]
    rng.shuffle(topics)
    plan = []
    for r in range(1, n_rounds):
        plan.append(topics[(r - 1) % len(topics)])
    slot = rng.randrange(len(plan))
    if loc == "follow":
        plan[slot] = "DEFECT"
    elif loc == "user":
        plan[slot] = "PREMISE"
    elif mis and not mis_in_first:
        plan[slot] = "MIS"
    for topic in plan:
        ti = len(turns) + 1
        if topic == "PREMISE":
            t, kk, v = premise_text(C, dk, drel)
            C.claim(ti - 1, kk, v, t, False)
            turns.append({"role": "user", "content": t})
            reply = [next_steps(C)] + know(C, 1)
            reply.insert(0, C.pick(["Sensible question.", "Good point.", "Fair enough.", "Sure.",
                                    "Yes, I'd mention it in any case."]
                                   if "worth mentioning" in t else
                                   ["Sensible question.", "Good point.", "Fair enough.", "Sure."]))
            turns.append({"role": "assistant", "content": " ".join(reply)})
            continue
        if topic == "MIS":
            turns.append({"role": "user", "content": mis[1]})
            turns.append({"role": "assistant", "content": correct(C, mis, ti) + " " + know(C, 1)[0]})
            continue
        if topic == "DEFECT":
            q = FOLLOW_Q[dk if dk != "pct" else "size"]
            qt = C.pick(q).format(o=drel[0] if drel else "")
            turns.append({"role": "user", "content": qt})
            s = sentence(make_claim(C, ti, dk, True, drel))
            turns.append({"role": "assistant", "content": wrap_follow(C, s)})
            continue
        if topic == "summary":
            turns.append({"role": "user", "content": C.pick(FOLLOW_Q["summary"])})
            parts = []
            for k in [k for k in ("side", "vert", "size", "count") if k != dk]:
                if rng.random() < 0.7:
                    parts.append(sentence(make_claim(C, ti, k)))
            if not parts:
                parts.append(sentence(C.claim(ti, "name", None, cap(C.p["name"]) + " is segmented", True)))
            turns.append({"role": "assistant", "content": wrap_follow(C, " ".join(parts), summary=True)})
            continue
        rel = None
        if topic == "rel":
            cands = [r for r in C.rels if r != drel]
            if not cands:
                topic = "side" if dk != "side" else "vert"
            else:
                rel = rng.choice(cands)
        qt = C.pick(FOLLOW_Q[topic]).format(o=rel[0] if rel else "")
        if style == "student_quiz" and topic != "summary" and rng.random() < 0.6:
            mine = sentence(make_claim(C, ti - 1, topic, False, rel))
            qt = C.pick(["Next part: ", "Part two: ", "Follow-up question: "]) + qt + " My answer: " + mine
            turns.append({"role": "user", "content": qt})
            s = C.pick(["Correct.", "Yes, that's right.", "Right."]) + " " + sentence(make_claim(C, ti, topic, False, rel))
            if rng.random() < 0.5:
                s += " " + know(C, 1)[0]
            turns.append({"role": "assistant", "content": s})
            continue
        turns.append({"role": "user", "content": qt})
        s = sentence(make_claim(C, ti, topic, False, rel))
        if rng.random() < 0.4:
            s += " " + know(C, 1)[0]
        turns.append({"role": "assistant", "content": wrap_follow(C, s)})

    expected = [] if defect is None else [defect]
    LEDGER.append({"turns": [t["content"] for t in turns], "claims": C.claims, "defect": defect, "loc": loc,
                   "dk": dk, "kind": p["kind"]})
    return turns, expected


def correct(C, mis, ti):
    kind, _, lead = mis
    if kind == "side":
        t = make_claim_fixed(C, ti, "side", C.lat)
    elif kind == "vert":
        t = make_claim_fixed(C, ti, "vert", C.vert)
    elif kind == "count":
        t = make_claim_fixed(C, ti, "count", C.n)
    else:
        t = C.claim(ti, "pct", C.pct, C.fill("{S} {covers} about " + C.pick(pct_options(C.pct)) + " of the image"),
                    True)
    C.claim(ti, "corrected_" + kind, None, lead, True)
    return lead + " " + sentence(t)


def make_claim_fixed(C, ti, kind, v):
    if kind == "side":
        return C.claim(ti, "side", v, side_text(C, v), True)
    if kind == "vert":
        return C.claim(ti, "vert", v, vert_text(C, v), True)
    return C.claim(ti, "count", v, count_text(C, v), True)


def compose_first(C, body, extra):
    p, st, rng = C.p, C.style, C.rng
    name = p["name"]
    if st == "er_doctor":
        head = rng.choice(["That's " + name + " [SEG].", cap(name) + " [SEG], masked.",
                           "Got it: " + name + " [SEG]."])
        return " ".join([head] + body + extra[:1])
    if st == "radiology_report":
        view = rng.choice(["PA", "AP erect", "AP supine"]) if p["region"] == "chest" else "AP supine"
        lines = ["TECHNIQUE: single frontal " + view + " projection. Marker correctly placed.",
                 "FINDINGS: " + cap(name) + (" are" if p["plural"] else " is") + " segmented [SEG]. "
                 + " ".join(body),
                 "COMMENT: " + " ".join(extra)]
        return "\n".join(lines)
    if st == "student_quiz":
        head = rng.choice(["Your target here is " + name + " [SEG].",
                           "Answer: " + name + " [SEG].",
                           "Let's mark it: " + name + " [SEG]."])
        tail = rng.choice(["Teaching point: ", "Worth remembering: ", "For the exam: "]) + " ".join(extra)
        return " ".join([head] + body + [tail])
    head = rng.choice(["Sure! The structure you're describing is " + name + ", segmented here: [SEG].",
                       "Here is " + name + " [SEG].",
                       "This sounds like " + name + ". I've segmented " + ("them" if p["plural"] else "it") + ": [SEG]."])
    bullets = "\n".join("- " + b for b in body)
    return head + "\n\n" + bullets + "\n\n" + " ".join(extra)


def wrap_follow(C, s, summary=False):
    st, rng = C.style, C.rng
    if st == "er_doctor":
        return s
    if st == "radiology_report":
        return ("IMPRESSION: " if summary else "ADDENDUM: ") + s
    if st == "student_quiz":
        return rng.choice(["Correct approach. ", "Good. ", "Let's check: "]) + s
    return rng.choice(["", "Good question. ", "Sure. "]) + s
