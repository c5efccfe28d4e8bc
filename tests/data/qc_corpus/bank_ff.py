"""Bank FF: speech-recognition dictation and voice-assistant conversations on abdominal, pelvic and chest CT/MR.

Targets: liver, spleen, right kidney, left kidney, kidneys, pancreas, aorta, gallbladder, urinary bladder,
prostate, uterus, liver metastases, lung nodules, right pleural effusion, left adrenal gland, heart, ovarian
cyst, lungs (coronal), renal cysts, stomach, rectum, left kidney (coronal MR).
Registers: "raw" (raw dictation transcript, no punctuation, fillers, spoken numbers), "spoken" (cleaned
dictation that keeps spoken punctuation: "comma", "full stop", "new paragraph"), "assistant" (a radiologist
talking to a voice assistant that answers in short spoken sentences), "voicenote" (a resident's hurried
voice note). Self-repairs in speech ("the left sorry the right") are withdrawn claims in clean rows; in
defect rows the one false claim is one the speaker stands by (sometimes the repaired-to value).

Written without reading QC.  Own check (/work/notes/qcff_scripts/check_ff.py on heldout_ff.jsonl, seed
20261289): rows: 420 clean: 210 defects: 210 (42 of each kind) problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["raw", "spoken", "assistant", "voicenote"]

# every build() call appends {"turns", "claims", "defect", "target"} here; the own check re-runs the bank
LEDGER = []


def _p(target, modality, region, orientation, ellipses, others, forbid, names, questions, knowledge, fn=None):
    return {"target": target, "modality": modality, "body_region": region, "orientation": orientation,
            "ellipses": ellipses, "others": others, "forbid": forbid, "names": names, "questions": questions,
            "knowledge": knowledge}


ABD_KNOW = ["the left renal vein crosses in front of the aorta on its way to the cava",
            "the IVC normally sits to the right of the aorta",
            "the right kidney usually sits a little lower than the left because the liver pushes it down",
            "an accessory spleen turns up in something like ten to fifteen percent of people",
            "simple cysts elsewhere in the abdomen are seen in maybe a third of adults over fifty",
            "the splenic vein runs behind the pancreas",
            "the stomach is usually on the left and in front"]
PELVIS_KNOW = ["the rectum normally lies behind the bladder",
               "the sigmoid colon usually loops over on the left",
               "the femoral heads sit out laterally on both sides",
               "the external iliac vessels run along the pelvic side walls"]
PELVIS_F = PELVIS_KNOW + ["fibroids are found in something like seventy percent of women by the age of fifty"]
PELVIS_M = PELVIS_KNOW + ["the seminal vesicles sit behind the bladder base",
                          "BPH shows up in about half of men in their sixties"]
CHEST_KNOW = ["the right lung has three lobes and the left lung has two",
              "the aortic arch goes over the left main bronchus",
              "incidental nodules turn up in something like a quarter to a half of screening CTs",
              "the right hemidiaphragm usually sits a bit higher than the left",
              "the descending aorta runs down on the left next to the spine"]

PROFILES = [
    _p("liver", "CT", "abdomen", "LP", [(80, 122, 45, 50)],
       {"spleen": (0.78, 0.55), "aorta": (0.52, 0.55), "stomach": (0.66, 0.40)},
       ["liver", "hepat"], ["the liver", "the liver", "the hepatic parenchyma"],
       ["which organ makes bile and stores glycogen segment it please",
        "this patient has a raised bilirubin and ALT which solid organ would you look at first can you outline it",
        "can you segment the biggest solid organ in the abdomen the one that does detox and makes clotting factors"],
       ABD_KNOW),
    _p("spleen", "CT", "abdomen", "LP", [(190, 150, 22, 30)],
       {"liver": (0.30, 0.47), "left kidney": (0.69, 0.64), "stomach": (0.66, 0.38)},
       ["spleen", "splen", "lienal"], ["the spleen", "the spleen"],
       ["which organ clears old red cells and can rupture after a rib injury segment it",
        "patient with glandular fever and left upper quadrant pain which organ are we worried about outline it please",
        "can you segment the lymphoid organ that filters the blood"],
       ABD_KNOW),
    _p("right kidney", "CT", "abdomen", "LP", [(80, 160, 15, 20)],
       {"liver": (0.30, 0.45), "aorta": (0.52, 0.55), "inferior vena cava": (0.44, 0.52)},
       ["kidney", "renal", "nephr"], ["the right kidney", "the right kidney"],
       ["which organ on the right filters the blood and makes urine segment it",
        "patient with right loin pain and haematuria which organ would you segment",
        "can you outline the bean shaped organ tucked under the liver"],
       ABD_KNOW),
    _p("left kidney", "CT", "abdomen", "LP", [(176, 160, 15, 20)],
       {"spleen": (0.74, 0.52), "aorta": (0.52, 0.55), "liver": (0.30, 0.45)},
       ["kidney", "renal", "nephr"], ["the left kidney", "the left kidney"],
       ["which urine making organ on the left side would you segment here",
        "patient with left flank pain and blood in the urine segment the organ we care about",
        "outline the retroperitoneal filtering organ beside the spleen please"],
       ABD_KNOW),
    _p("kidneys", "CT", "abdomen", "LP", [(80, 160, 15, 20), (176, 160, 15, 20)],
       {"liver": (0.30, 0.42), "aorta": (0.50, 0.55)},
       ["kidney", "renal", "nephr"], ["the kidneys", "both kidneys"],
       ["which paired organs filter the blood and make urine segment them",
        "creatinine is up which paired retroperitoneal organs should we outline",
        "segment the organs that make erythropoietin please"],
       ["the IVC normally sits to the right of the aorta",
        "the spleen is over on the left in the upper abdomen",
        "an accessory spleen turns up in something like ten to fifteen percent of people",
        "the liver is the big organ on the right"]),
    _p("pancreas", "CT", "abdomen", "LP", [(135, 107, 35, 9)],
       {"spleen": (0.80, 0.58), "aorta": (0.52, 0.58), "liver": (0.28, 0.45)},
       ["pancrea"], ["the pancreas", "the pancreas"],
       ["which gland makes insulin and digestive enzymes segment it",
        "lipase is sky high which organ would you outline here",
        "can you segment the gland that sits across the back of the lesser sac the one that gets inflamed with gallstones and alcohol"],
       ["the IVC normally sits to the right of the aorta",
        "the left renal vein crosses in front of the aorta on its way to the cava",
        "pancreatic cancer is still something like three percent of all cancers"]),
    _p("aorta", "CT", "abdomen", "LP", [(133, 140, 9, 9)],
       {"liver": (0.28, 0.45), "spleen": (0.78, 0.55), "pancreas": (0.52, 0.42)},
       ["aort"], ["the aorta", "the abdominal aorta"],
       ["which vessel carries oxygenated blood from the heart to the abdomen segment it",
        "patient with a pulsatile mass and back pain which vessel should we outline",
        "segment the big artery in front of the spine please"],
       ABD_KNOW),
    _p("gallbladder", "CT", "abdomen", "LP", [(92, 100, 10, 14)],
       {"spleen": (0.78, 0.55), "aorta": (0.52, 0.55), "right kidney": (0.31, 0.62)},
       ["gallbladder", "gall bladder", "cholecyst", "biliary"], ["the gallbladder", "the gallbladder"],
       ["which organ stores and concentrates bile segment it",
        "patient with Murphy's sign and fever which structure would you outline",
        "can you segment the little pear shaped sac under the liver"],
       ABD_KNOW),
    _p("urinary bladder", "CT", "pelvis", "LP", [(128, 100, 30, 25)],
       {"rectum": (0.50, 0.72), "left femoral head": (0.76, 0.55), "right femoral head": (0.24, 0.55)},
       ["bladder", "vesic", "cyst"], ["the urinary bladder", "the bladder"],
       ["which hollow organ stores urine segment it please",
        "patient in retention with a catheter which pelvic organ should we outline",
        "segment the structure the ureters drain into"],
       PELVIS_KNOW),
    _p("prostate", "MR", "pelvis", "LP", [(128, 125, 14, 12)],
       {"rectum": (0.50, 0.70), "left femoral head": (0.76, 0.50), "right femoral head": (0.24, 0.50)},
       ["prostat"], ["the prostate", "the prostate gland"],
       ["PSA is nine which gland would you outline on this MR",
        "which gland sits under the bladder and wraps the urethra in men segment it",
        "segment the organ we biopsy for a raised PSA"],
       PELVIS_M),
    _p("uterus", "MR", "pelvis", "LP", [(130, 118, 28, 20)],
       {"rectum": (0.50, 0.73), "left femoral head": (0.77, 0.52), "right femoral head": (0.23, 0.52)},
       ["uter", "womb"], ["the uterus", "the uterus"],
       ["which organ would you outline in a woman with heavy periods and fibroids",
        "segment the muscular organ where a pregnancy implants",
        "which pelvic organ carries the endometrium segment it please"],
       PELVIS_F),
    _p("liver metastases", "CT", "abdomen", "LP", [(70, 100, 8, 8), (95, 132, 6, 7), (60, 145, 7, 6)],
       {"spleen": (0.78, 0.55), "aorta": (0.52, 0.55)},
       ["metasta", "mets", "liver", "hepat", "secondar", "deposit"],
       ["the liver metastases", "the liver mets", "the hepatic metastases"],
       ["known colon cancer on follow up segment whatever's new in the big organ on the right",
        "staging CT for a melanoma outline the lesions that worry you in the organ that makes bile",
        "can you segment the low attenuation lesions the oncologist is asking about"],
       ABD_KNOW),
    _p("lung nodules", "CT", "chest", "LP", [(70, 110, 5, 5), (190, 90, 6, 6), (180, 150, 4, 4)],
       {"heart": (0.57, 0.42), "descending aorta": (0.56, 0.66)},
       ["nodul", "lung", "pulmon"], ["the lung nodules", "the pulmonary nodules"],
       ["ex smoker on a screening CT segment the little round things that need follow up",
        "which small opacities would go into the Fleischner table segment them",
        "outline the spots the oncologist wants measured on this chest CT"],
       CHEST_KNOW),
    _p("right pleural effusion", "CT", "chest", "LP", [(70, 180, 35, 18)],
       {"heart": (0.57, 0.42), "descending aorta": (0.56, 0.66)},
       ["pleur", "effusion", "fluid"], ["the right pleural effusion", "the right effusion"],
       ["patient in heart failure short of breath segment what's collected at the lung base",
        "which collection would you tap for a thoracocentesis outline it",
        "segment the dependent crescent that's blunting the costophrenic angle"],
       CHEST_KNOW),
    _p("left adrenal gland", "CT", "abdomen", "LP", [(165, 140, 5, 9)],
       {"aorta": (0.52, 0.55), "liver": (0.30, 0.45), "spleen": (0.78, 0.58)},
       ["adrenal", "suprarenal"], ["the left adrenal gland", "the left adrenal"],
       ["which gland makes cortisol and aldosterone on the left segment it",
        "we've got an incidentaloma question which little endocrine gland would you outline on the left",
        "segment the lambda shaped gland above the left kidney please"],
       ABD_KNOW),
    _p("heart", "CT", "chest", "LP", [(148, 105, 40, 35)],
       {"descending aorta": (0.56, 0.66), "right lung": (0.27, 0.45)},
       ["heart", "cardi"], ["the heart", "the heart"],
       ["which organ pumps the blood round the body segment it",
        "troponin is up which organ would you outline on this chest CT",
        "segment the four chambered muscular organ in the mediastinum"],
       CHEST_KNOW),
    _p("ovarian cyst", "MR", "pelvis", "LP", [(170, 125, 14, 12)],
       {"uterus": (0.50, 0.46), "rectum": (0.50, 0.73)},
       ["ovar", "cyst"], ["the ovarian cyst", "the adnexal cyst"],
       ["young woman with pelvic pain outline the fluid filled thing in the adnexa",
        "segment the simple looking lesion the gynae team asked about",
        "which adnexal lesion would you outline on this pelvic MR"],
       PELVIS_F),
    _p("lungs", "CT", "chest", "LI", [(75, 110, 38, 70), (180, 110, 35, 68)],
       {"heart": (0.55, 0.58), "liver": (0.30, 0.85)},
       ["lung", "pulmon"], ["the lungs", "both lungs"],
       ["which paired organs do gas exchange segment them on this coronal",
        "patient with emphysema outline the organs that are hyperinflated",
        "segment the air filled organs either side of the mediastinum"],
       CHEST_KNOW),
    _p("renal cysts", "CT", "abdomen", "LP", [(78, 158, 7, 7), (180, 165, 8, 8)],
       {"aorta": (0.50, 0.55), "liver": (0.30, 0.42)},
       ["cyst", "renal", "kidney", "nephr"], ["the renal cysts", "the kidney cysts"],
       ["segment the simple looking fluid density lesions in the retroperitoneal filtering organs",
        "outline the Bosniak one lesions please",
        "which incidental water density lesions would you outline here"],
       ABD_KNOW),
    _p("stomach", "CT", "abdomen", "LP", [(165, 95, 28, 20)],
       {"liver": (0.30, 0.45), "aorta": (0.52, 0.58), "pancreas": (0.52, 0.45)},
       ["stomach", "gastr"], ["the stomach", "the stomach"],
       ["which hollow organ makes acid and pepsin segment it",
        "patient with haematemesis which organ would you outline",
        "segment the J shaped organ that the oesophagus empties into"],
       ABD_KNOW),
    _p("rectum", "CT", "pelvis", "LP", [(128, 175, 12, 11)],
       {"urinary bladder": (0.50, 0.39), "left femoral head": (0.76, 0.55), "right femoral head": (0.24, 0.55)},
       ["rect", "anorect"], ["the rectum", "the rectum"],
       ["which bowel segment sits in the pelvis just above the anal canal segment it",
        "low bowel cancer staging which bit of bowel just above the anal canal would you outline",
        "segment the last part of the large bowel please"],
       ["the sigmoid colon usually loops over on the left",
        "fibroids are found in something like seventy percent of women by the age of fifty",
        "the femoral heads sit out laterally on both sides",
        "the seminal vesicles sit behind the bladder base"]),
    _p("left kidney", "MR", "abdomen", "LI", [(170, 150, 14, 24)],
       {"spleen": (0.72, 0.36), "liver": (0.28, 0.36)},
       ["kidney", "renal", "nephr"], ["the left kidney", "the left kidney"],
       ["on this coronal MR which urine making organ on the left would you segment",
        "left loin pain segment the organ you'd look at first on this coronal",
        "outline the retroperitoneal organ under the spleen please"],
       ABD_KNOW),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for (cx, cy, rx, ry) in p["ellipses"]:
        s = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------- numbers in speech

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _int_words(n):
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else " " + _ONES[o])


def _num_text(s, rng, words):
    """`s` a decimal string like '2.3' or '0.67'; spoken words or digits."""
    if not words:
        return s
    whole, _, frac = s.partition(".")
    fr = " ".join(_ONES[int(c)] for c in frac)
    if whole == "0" and frac:
        lead = rng.choice(["", "", "nought ", "zero "])
        return (lead + "point " + fr).strip()
    w = _int_words(int(whole))
    return w if not frac else f"{w} point {fr}"


def _pct_str(v):
    if v >= 10:
        return str(int(round(v)))
    if v >= 1:
        return f"{v:.1f}"
    if v >= 0.5:
        return f"{v:.1f}"
    return f"{v:.2f}"


def pct_phrase(v, rng, words):
    s = _pct_str(v)
    t = _num_text(s, rng, words)
    if not words:
        return s + rng.choice(["%", " percent", "%"]), float(s)
    if s.startswith("0.") and rng.random() < 0.5:
        return t + " of a percent", float(s)
    return t + rng.choice([" percent", " percent", " per cent"]), float(s)


# ---------------------------------------------------------------- fact phrases

SIDE = {"left": ["on the patient's left", "on the left", "over on the left side"],
        "right": ["on the patient's right", "on the right", "over on the right side"],
        "midline": ["in the midline", "right in the middle left to right", "across the midline"],
        "bilateral": ["on both sides", "on the left and the right"]}
VERT = {"LP": {"anterior": ["anteriorly", "toward the front", "in the front half of the slice"],
               "posterior": ["posteriorly", "toward the back", "in the back half of the slice"],
               "central": ["about mid depth front to back", "central in the front to back direction"]},
        "LI": {"superior": ["superiorly", "high up in the slice", "toward the top of the image"],
               "inferior": ["inferiorly", "low down in the slice", "toward the bottom of the image"],
               "central": ["at about mid height", "central top to bottom"]}}
SIZE = {"small": ["small", "pretty small", "tiny"], "medium": ["medium sized", "moderate sized", "mid sized"],
        "large": ["large", "big", "pretty bulky"]}
REL = {"left_of": ["to the left of {o}", "to the patient's left of {o}"],
       "right_of": ["to the right of {o}", "to the patient's right of {o}"],
       "anterior_to": ["in front of {o}", "anterior to {o}"],
       "posterior_to": ["behind {o}", "posterior to {o}"],
       "superior_to": ["above {o}", "superior to {o}"],
       "inferior_to": ["below {o}", "inferior to {o}"]}
REL_INV = {"left_of": "to its right", "right_of": "to its left", "anterior_to": "behind it",
           "posterior_to": "in front of it", "superior_to": "below it", "inferior_to": "above it"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
NEG_SIDE = {"left": "not on the right", "right": "nothing on the left",
            "midline": "not off to one side", "bilateral": "not just on the one side"}


def count_words(n, rng, words):
    w = _int_words(n) if words or rng.random() < 0.5 else str(n)
    if n == 1:
        return rng.choice(["one single piece", "a single connected region", "just the one blob", "one piece"])
    return rng.choice([f"{w} separate pieces", f"{w} separate regions", f"{w} separate blobs", f"{w} discrete bits"])


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.o = p["orientation"]
        self.plural = p["target"] in ("kidneys", "liver metastases", "lung nodules", "renal cysts", "lungs")
        self.words = style in ("raw", "spoken") or (style == "assistant" and rng.random() < 0.7) or \
            (style == "voicenote" and rng.random() < 0.3)
        self.claims = []  # (turn, kind, value, status, snippet)
        self.side_ok = True   # False: no side-specific convention or negation sentences in this row
        self.count_ok = True
        self.said = set()
        self.know = [k for k in p["knowledge"] if not any(w in k.lower() for w in p["forbid"])]

    def subj(self):
        r = self.rng
        it = "they" if self.plural else "it"
        return r.choice([it, it, "the mask", "the segmented region", r.choice(self.p["names"]), "the outline"])

    def agree(self, s):
        """Subject-verb agreement for plural targets ("the kidneys are", "they lie")."""
        if not self.plural:
            return s
        for subj in ["they"] + list(self.p["names"]):
            for a, b in ((" is ", " are "), (" sits ", " sit "), (" lies ", " lie ")):
                if s.startswith(subj + a):
                    return subj + b + s[len(subj + a):]
        return s

    def other_vert(self, v):
        opts = [x for x in VERT[self.o] if x != v]
        return self.rng.choice(opts)

    def wrong_side(self):
        lat = self.f["laterality"]
        return self.rng.choice({"left": ["right", "midline"] if self.rng.random() < 0.2 else ["right"],
                                "right": ["left"], "midline": ["left", "right"],
                                "bilateral": ["left", "right"]}[lat])


def _side_sentence_raw(c, val, repair_from=None):
    r = c.rng
    ph = r.choice(SIDE[val])
    s = c.subj()
    if repair_from:
        wp = r.choice(SIDE[repair_from])
        return r.choice([f"{s} is {wp} sorry {ph}", f"{s} is {wp} no scratch that {ph}",
                         f"{s} sits {wp} I mean {ph}"])
    if val == "bilateral":
        return r.choice([f"{s} is {ph}", f"there's disease {ph}" if c.f["components"] > 1 else f"{s} is {ph}",
                         f"side wise it's bilateral", f"I'd call it bilateral one part each side"])
    if val == "midline":
        return r.choice([f"{s} is {ph}", f"side wise it's basically midline", f"{s} sits {ph}"])
    return r.choice([f"{s} is {ph}", f"side wise it's {val}", f"{s} is {val} sided",
                     f"{s} sits {ph}", f"that's the patient's {val}", f"{s} is {ph}"])


def _vert_sentence_raw(c, val, repair_from=None):
    r = c.rng
    ph = r.choice(VERT[c.o][val])
    s = c.subj()
    if repair_from:
        return f"{s} sits {r.choice(VERT[c.o][repair_from])} sorry {ph}"
    return r.choice([f"{s} sits {ph}", f"{s} lies {ph}", f"position wise {ph}", f"{s} is found {ph}"])


def _size_class_sentence_raw(c, val):
    r = c.rng
    ph = r.choice(SIZE[val])
    return r.choice([f"{c.subj()} is {ph}", f"size wise I'd call it {ph}", f"it's a {ph} region on this slice",
                     f"overall {ph}"])


def _pct_sentence_raw(c, v, repair_from=None):
    r = c.rng
    t, shown = pct_phrase(v, r, c.words)
    if repair_from is not None:
        t0, _ = pct_phrase(repair_from, r, c.words)
        return r.choice([f"it covers about {t0} sorry {t} of the image",
                         f"the area is {t0} no {t} of the slice"]), shown
    return r.choice([f"it covers about {t} of the image", f"the area comes out at roughly {t} of the slice",
                     f"that's about {t} of the field", f"it takes up around {t} of the image area"]), shown


def _count_sentence(c, n, repair_from=None):
    r = c.rng
    if repair_from is not None:
        return f"there are {_int_words(repair_from)} sorry {count_words(n, r, True)}"
    cw = count_words(n, r, c.words)
    return r.choice([f"the mask is {cw}", f"it comes as {cw}", f"there's {cw}" if n == 1 else f"there are {cw}",
                     f"count wise {cw}"])


def _rel_sentence_raw(c, rel, other, inverted=False):
    r = c.rng
    if inverted:
        return f"the {other} is {REL_INV[rel]}"
    return f"{c.subj()} lies {r.choice(REL[rel]).format(o='the ' + other)}"


def fact_claim(c, kind, turn, false=False, allow_repair=True):
    """One sentence stating one fact (true, or false when `false`); records the claim(s)."""
    f, r = c.f, c.rng
    repair = allow_repair and r.random() < 0.2 and not (c.style == "assistant" and turn % 2 == 1)
    if kind == "laterality":
        val = c.wrong_side() if false else f["laterality"]
        frm = None
        if repair:
            frm = f["laterality"] if false else {"left": "right", "right": "left", "midline": "left",
                                                 "bilateral": "left"}[val]
            c.claims.append((turn, "laterality", frm, "withdrawn", None))
        s = _side_sentence(c, val, frm)
        c.claims.append((turn, "laterality", val, "assert", s))
        return s
    if kind == "vertical":
        val = c.other_vert(f["vertical"]) if false else f["vertical"]
        frm = None
        if repair:
            frm = f["vertical"] if false else c.other_vert(val)
            c.claims.append((turn, "vertical", frm, "withdrawn", None))
        s = _vert_sentence(c, val, frm)
        c.claims.append((turn, "vertical", val, "assert", s))
        return s
    if kind == "relation":
        rels = f["relations"]
        rl = r.choice(rels)
        rel = FLIP[rl["relation"]] if false else rl["relation"]
        s = _rel_sentence(c, rel, rl["other"], inverted=r.random() < 0.3)
        c.claims.append((turn, "relation", (rl["other"], rel), "assert", s))
        return s
    if kind == "size_class":
        val = r.choice([k for k in SIZE if k != f["size_class"]]) if false else f["size_class"]
        s = _size_class_sentence(c, val)
        c.claims.append((turn, "size_class", val, "assert", s))
        return s
    if kind == "percent":
        true = 100 * f["area_fraction"]
        v = true * r.choice([0.2, 0.25, 0.3, 3.2, 4.0]) if false else true * r.uniform(0.93, 1.07)
        frm = None
        if repair:
            frm = true * (3.5 if r.random() < 0.5 else 0.25) if not false else true
            c.claims.append((turn, "percent", float(_pct_str(frm)), "withdrawn", None))
        s, shown = _pct_sentence(c, v, frm)
        c.claims.append((turn, "percent", shown, "assert", s))
        return s
    if kind == "count":
        n = f["components"]
        val = (n + 1 if n == 1 or r.random() < 0.5 else n - 1) if false else n
        frm = None
        if repair and c.style in ("raw", "voicenote"):
            frm = n if false else (val + 1)
            c.claims.append((turn, "count", frm, "withdrawn", None))
        s = _count_sentence(c, val, frm)
        c.claims.append((turn, "count", val, "assert", s))
        return s
    raise ValueError(kind)


KIND_OF = {"laterality": "laterality", "vertical": "position", "relation": "position", "size_class": "size",
           "percent": "size", "count": "count"}


# ---------------------------------------------------------------- distractors (true, no target claims)

def convention(c):
    lat, r = c.f["laterality"], c.rng
    if not c.side_ok:
        lat = "midline" if lat != "midline" else lat
    if lat in ("left", "right"):
        c.claims.append((None, "laterality", lat, "convention", None))
    if lat == "left":
        return r.choice(["on screen it's on the image right which is the patient's left because we look up from the feet",
                         "remember it shows on the right of the screen but that's the patient's left"])
    if lat == "right":
        return r.choice(["on screen it's over on the image left which is the patient's right",
                         "it's on the left of the monitor but that's the patient's right radiological convention"])
    return r.choice(["just remember the image right is the patient's left on these slices",
                     "usual convention applies the patient's left is on the right of the screen"])


def negation(c):
    lat = c.f["laterality"]
    out = NEG_SIDE[lat]
    c.claims.append((None, "laterality", lat, "neg", None))
    return c.rng.choice([f"and it's {out}", f"to be clear {out}"]) if lat in ("left", "midline", "bilateral") \
        else f"there's {out}"


def hypothetical(c):
    r, f = c.rng, c.f
    n = f["components"]
    opts = ([f"if it were {'split into more pieces' if n == 1 else 'one single lump'} I'd have mentioned it"]
            if c.count_ok else []) + [
            "if it was any bigger I'd suggest a dedicated study"]
    return r.choice(opts)


HOMOPHONES = [(" seen ", " scene "), (" by the age", " buy the age"), (" through ", " threw ")]


def knowledge(c):
    k = c.rng.choice(c.know)
    if c.style in ("raw", "voicenote") and c.rng.random() < 0.4:
        for a, b in HOMOPHONES:
            k = k.replace(a, b)
    return k


def filler_knowledge(c):
    r = c.rng
    for _ in range(4):
        k = r.choice([knowledge, hypothetical, knowledge])(c)
        if k not in c.said:
            break
    c.said.add(k)
    return k


# ---------------------------------------------------------------- registers

FILLERS = ["um", "er", "uh", "you know", "erm", "so um"]


def _spoken_punct(s, rng):
    s = s.replace(",", " comma").replace("?", " question mark")
    return s


def render(c, sentences, who):
    """Join sentences (str) in the register's voice."""
    r, st = c.rng, c.style
    out = []
    if st == "raw":
        for s in sentences:
            t = s.replace(",", "").replace(".", " point ").replace("?", "").replace("%", " percent")
            t = " ".join(t.split()).lower().replace("[seg]", "[SEG]")
            out.append(t)
            if r.random() < 0.35:
                out.append(r.choice(FILLERS))
        return " ".join(out)
    if st == "spoken":
        parts = []
        for k, s in enumerate(sentences):
            t = s[0].upper() + s[1:]
            t = _spoken_punct(t, r) + r.choice([" full stop", " full stop", " period"])
            parts.append(t)
            if k < len(sentences) - 1 and r.random() < 0.25:
                parts.append("new paragraph")
        return " ".join(parts)
    if st == "assistant":
        if who == "user":
            return " ".join(sentences)
        return " ".join(s[0].upper() + s[1:] + "." for s in sentences)
    # voicenote
    if who == "user":
        return ", ".join(sentences)
    return ". ".join(s[0].upper() + s[1:] for s in sentences) + "."


def _shorten(c, s):
    return s


# ---------------------------------------------------------------- questions

def first_question(c, defect):
    r, p = c.rng, c.p
    q = r.choice(p["questions"])
    if defect == "names_target":
        name = p["target"]
        q = r.choice([f"can you segment {p['names'][0]} for me {r.choice(['thanks', 'please'])}",
                      f"{q} I think it's {p['names'][0]}",
                      f"outline the {name} please and tell me where it sits"])
    st = c.style
    if st == "raw":
        return render(c, [r.choice(["okay", "right so", "um", "next one"]), q], "user")
    if st == "spoken":
        return render(c, [q[0].upper() + q[1:]], "user").replace(" full stop", " question mark", 1) \
            if r.random() < 0.5 else render(c, [q], "user")
    if st == "assistant":
        wake = r.choice(["hey assistant", "okay assistant", "assistant", "hey rad assist"])
        return f"{wake} {q}"
    return r.choice(["ok quick one", "hey it's the SHO on call", "sorry rushing"]) + ", " + \
        r.choice(["um ", "", "er "]) + q + r.choice(["", " thanks", " cheers"])


FOLLOW = {
    "laterality": ["which side is it on", "patient's left or right", "and the side"],
    "vertical": ["is it more front or back", "and where front to back"],
    "vertical_LI": ["is it high or low on this coronal", "and top to bottom where is it"],
    "relation": ["where is it relative to the {o}", "and how does it sit next to the {o}"],
    "size": ["how big is it as a percentage of the image", "roughly how much of the slice is it",
             "size please"],
    "count": ["how many separate bits are there", "is it one blob or several", "how many pieces"],
    "summary": ["give me a one line summary for the report", "can you sum that up for the dictation",
                "read me back the key findings"],
}


def follow_q(c, topic, other=None):
    r = c.rng
    key = "vertical_LI" if topic == "vertical" and c.o == "LI" else topic
    q = r.choice(FOLLOW[key]).format(o=other or "")
    st = c.style
    if st == "raw":
        return render(c, [r.choice(["okay and", "right um", "and er", "okay"]) + " " + q], "user")
    if st == "spoken":
        return q[0].upper() + q[1:] + " question mark"
    if st == "assistant":
        return r.choice(["", "assistant ", "okay "]) + q
    return r.choice(["ok ", "and ", "quick ", ""]) + q + r.choice(["", "?", " thx"])


# ---------------------------------------------------------------- build

def _available(c):
    ks = ["laterality", "vertical", "size_class", "percent", "count"]
    if c.f["relations"]:
        ks.append("relation")
    return ks


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    r = rng
    kinds_all = _available(c)
    # which fact kind carries the defect, and where
    dkind = None
    if defect in ("laterality", "count"):
        dkind = defect
    elif defect == "position":
        dkind = r.choice(["vertical", "relation"] if facts["relations"] else ["vertical"])
    elif defect == "size":
        dkind = r.choice(["size_class", "percent"])
    place = None
    if dkind:
        u = r.random()
        place = "user" if u < 0.2 else "follow" if u < 0.42 else "first"
    # user-premise rows: the assistant states nothing of that kind
    banned = set()
    if place == "user":
        banned = {k for k in kinds_all if KIND_OF[k] == KIND_OF[dkind]}
    usable = [k for k in kinds_all if k not in banned]
    c.side_ok = dkind != "laterality"
    c.count_ok = dkind != "count"

    turns = []
    q1 = first_question(c, defect)
    turns.append({"role": "user", "content": q1})

    # first answer
    first_kinds = r.sample(usable, min(len(usable), r.choice([2, 3, 3])))
    if place == "first" and dkind not in first_kinds:
        first_kinds[0] = dkind
    if place == "follow" and dkind in first_kinds:
        first_kinds.remove(dkind)
    name = r.choice(p["names"])
    sents = []
    st = style
    opener = r.choice([f"that's {name} [SEG]", f"this is {name} [SEG]", f"okay so {name} [SEG]",
                       f"I've outlined {name} [SEG]"])
    if st == "raw":
        opener = r.choice([f"okay um that's {name} [SEG]", f"so {name} [SEG]", f"{name} [SEG] outlined"])
    sents.append(opener)
    for k in first_kinds:
        sents.append(fact_claim(c, k, 1, false=(place == "first" and k == dkind)))
        if r.random() < 0.3:
            sents.append(filler_knowledge(c))
    if c.side_ok and r.random() < 0.5:
        sents.append(negation(c))
    sents.append(r.choice([knowledge(c), convention(c)]))
    turns.append({"role": "assistant", "content": render(c, sents, "assistant")})

    rounds = r.choice([2, 3])
    follow_slot = r.randrange(rounds - 1) if place == "follow" else None
    user_slot = r.randrange(rounds - 1) if place == "user" else None
    corrected_done = False
    used = set()
    for k in range(rounds - 1):
        tu, ta = 2 + 2 * k, 3 + 2 * k
        if user_slot == k:
            # a false premise the assistant does not correct
            turns.append({"role": "user", "content": premise_q(c, dkind, tu)})
            turns.append({"role": "assistant", "content": premise_answer(c, usable, ta)})
            continue
        if k != follow_slot and not corrected_done and (defect is None or r.random() < 0.4):
            # a user's wrong idea that the assistant explicitly corrects (kinds not the defect kind)
            ck = [x for x in usable if x in ("laterality", "vertical", "count", "size_class")
                  and (dkind is None or KIND_OF[x] != KIND_OF[dkind])]
            if ck:
                corrected_done = True
                kk = r.choice(ck)
                uq, ans = corrected_pair(c, kk, tu, ta)
                turns.append({"role": "user", "content": uq})
                turns.append({"role": "assistant", "content": ans})
                continue
        if follow_slot == k:
            topic = dkind
        else:
            topic = r.choice([t for t in usable + ["summary"] if t not in used] or ["summary"])
        used.add(topic)
        uq, ans = topic_pair(c, topic, tu, ta, false_kind=dkind if follow_slot == k else None, usable=usable)
        turns.append({"role": "user", "content": uq})
        turns.append({"role": "assistant", "content": ans})

    expected = [] if defect is None else [defect]
    LEDGER.append({"turns": json.loads(json.dumps(turns)), "claims": list(c.claims), "defect": defect,
                   "dkind": dkind, "place": place, "target": p["target"], "style": style})
    return turns, expected


def topic_pair(c, topic, tu, ta, false_kind=None, usable=()):
    r = c.rng
    other = None
    if topic == "relation":
        rl = r.choice(c.f["relations"])
        other = rl["other"]
    qtopic = {"size_class": "size", "percent": "size"}.get(topic, topic)
    uq = follow_q(c, qtopic, other)
    sents = []
    if topic == "summary":
        ks = r.sample(list(usable), min(3, len(usable)))
        lead = r.choice(["so in summary", "summary", "for the report"])
        first = True
        for k in ks:
            s = fact_claim(c, k, ta, allow_repair=False)
            sents.append((lead + " " + s) if first else s)
            if first:
                _retag_last(c, sents[-1])
            first = False
    elif topic == "relation":
        false = false_kind == "relation"
        rel = FLIP[rl["relation"]] if false else rl["relation"]
        s = _rel_sentence(c, rel, other, inverted=r.random() < 0.3)
        c.claims.append((ta, "relation", (other, rel), "assert", s))
        sents.append(s)
    else:
        ks = [topic]
        if topic in ("size_class", "percent") and false_kind is None:
            ks = r.sample(["size_class", "percent"], r.choice([1, 2]))
        for k in ks:
            sents.append(fact_claim(c, k, ta, false=(k == false_kind)))
    if r.random() < 0.6:
        sents.append(filler_knowledge(c))
    return uq, render(c, sents, "assistant")


def _retag_last(c, s):
    t, kind, val, status, _ = c.claims[-1]
    c.claims[-1] = (t, kind, val, status, s)


def corrected_pair(c, kind, tu, ta):
    """The user voices a wrong idea; the assistant says it is wrong and gives the true value."""
    r, f = c.rng, c.f
    if kind == "laterality" and f["laterality"] in ("left", "right") and r.random() < 0.4:
        # the user's own self-repair lands on the true side; the assistant confirms
        wrong = c.wrong_side()
        true = f["laterality"]
        uq = r.choice([f"so that's the {wrong} sorry the {true} side yeah", f"okay it's on the {wrong} I mean the {true}"])
        c.claims.append((tu, "laterality", wrong, "withdrawn", None))
        c.claims.append((tu, "laterality", true, "assert", uq.split(" sorry ")[-1].split(" I mean ")[-1]))
        s = fact_claim(c, "laterality", ta, allow_repair=False)
        ans = [r.choice(["yes", "that's right", "correct"]), s]
    elif kind == "laterality":
        wrong = c.wrong_side()
        wp = {"left": "on the left", "right": "on the right", "midline": "midline",
              "bilateral": "on both sides"}[wrong]
        uq = r.choice([f"I thought it was {wp}", f"hang on isn't it {wp}"])
        c.claims.append((tu, "laterality", wrong, "corrected", None))
        s = fact_claim(c, "laterality", ta, allow_repair=False)
        ans = [r.choice(["no", "not quite", "no actually"]), s, convention(c)]
    elif kind == "vertical":
        wrong = c.other_vert(f["vertical"])
        uq = f"I'd have said it was {r.choice(VERT[c.o][wrong])}"
        c.claims.append((tu, "vertical", wrong, "corrected", None))
        s = fact_claim(c, "vertical", ta, allow_repair=False)
        ans = [r.choice(["no", "I don't think so", "actually no"]), s]
    elif kind == "count":
        n = f["components"]
        wrong = n + 1
        uq = r.choice([f"looks like {_int_words(wrong)} bits to me", f"aren't there {_int_words(wrong)} pieces"])
        c.claims.append((tu, "count", wrong, "corrected", None))
        s = fact_claim(c, "count", ta, allow_repair=False)
        ans = [r.choice(["no", "not on this slice", "no actually"]), s]
    else:
        wrong = r.choice([k for k in SIZE if k != f["size_class"]])
        uq = f"that's {r.choice(SIZE[wrong])} isn't it"
        c.claims.append((tu, "size_class", wrong, "corrected", None))
        s = fact_claim(c, "size_class", ta, allow_repair=False)
        ans = [r.choice(["no", "not really", "I wouldn't say that"]), s]
    if r.random() < 0.5:
        ans.append(knowledge(c))
    st = c.style
    uqr = render(c, [uq], "user") if st in ("raw",) else (uq[0].upper() + uq[1:] + " question mark" if st == "spoken"
                                                          else uq)
    return uqr, render(c, ans, "assistant")


def premise_q(c, dkind, tu):
    """A user turn carrying the defect as a premise."""
    r, f = c.rng, c.f
    tail = r.choice(["what would you put in the impression", "anything else I should mention",
                     "what's the next step", "should I flag it to the team"])
    if dkind == "laterality":
        val = c.wrong_side()
        pre = {"left": "it's on the left", "right": "it's on the right", "midline": "it's midline",
               "bilateral": "it's on both sides"}[val]
        c.claims.append((tu, "laterality", val, "assert", pre))
    elif dkind == "vertical":
        val = c.other_vert(f["vertical"])
        pre = f"it's {r.choice(VERT[c.o][val])}"
        c.claims.append((tu, "vertical", val, "assert", pre))
    elif dkind == "relation":
        rl = r.choice(f["relations"])
        rel = FLIP[rl["relation"]]
        pre = f"it's {REL[rel][0].format(o='the ' + rl['other'])}"
        c.claims.append((tu, "relation", (rl["other"], rel), "assert", pre))
    elif dkind == "size_class":
        val = r.choice([k for k in SIZE if k != f["size_class"]])
        pre = f"it's {SIZE[val][0]}"
        c.claims.append((tu, "size_class", val, "assert", pre))
    elif dkind == "percent":
        true = 100 * f["area_fraction"]
        v = true * r.choice([0.2, 0.3, 3.5])
        t, shown = pct_phrase(v, r, c.words)
        pre = f"it's about {t} of the slice"
        c.claims.append((tu, "percent", shown, "assert", pre))
    else:
        n = f["components"]
        val = n + 1 if n == 1 or r.random() < 0.5 else n - 1
        pre = f"there are {_int_words(val)} separate pieces" if val > 1 else "it's just one single piece"
        c.claims.append((tu, "count", val, "assert", pre))
    lead = r.choice(["so since", "okay given", "right since", "so as"])
    q = f"{lead} {pre} {tail}"
    st = c.style
    if st == "raw":
        return render(c, [q], "user")
    if st == "spoken":
        return q[0].upper() + q[1:] + " question mark"
    return q


def premise_answer(c, usable, ta):
    r = c.rng
    sents = [r.choice(["I'd keep the impression short", "I'd just describe it and leave the rest to the team",
                       "nothing urgent from the mask itself", "I'd mention it in the report and move on"])]
    others = [k for k in usable]
    if others and r.random() < 0.6:
        sents.append(fact_claim(c, r.choice(others), ta, allow_repair=False))
    sents.append(knowledge(c))
    return render(c, sents, "assistant")


def _side_sentence(c, *a, **k):
    return c.agree(_side_sentence_raw(c, *a, **k))


def _vert_sentence(c, *a, **k):
    return c.agree(_vert_sentence_raw(c, *a, **k))


def _size_class_sentence(c, *a, **k):
    return c.agree(_size_class_sentence_raw(c, *a, **k))


def _rel_sentence(c, *a, **k):
    return c.agree(_rel_sentence_raw(c, *a, **k))


def _pct_sentence(c, *a, **k):
    t, shown = _pct_sentence_raw(c, *a, **k)
    if c.plural:
        t = t.replace("it covers", "they cover").replace("it takes", "they take")
    return t, shown
