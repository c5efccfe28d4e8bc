"""Bank BA: blind QC bank in the registers of a small local model and of non-native writers.

Written by helper `qcba` without opening the QC rules, their tests, other banks or any corpus rows.
Not measured by its writer: the lead measures it once after merging.

Registers (`STYLES`):
- "small": what a 7B-8B local model writes: repetitive, over-hedged, the same fact restated two or three
  ways, awkward but true grammar ("The organ is located at left side of patient body.");
- "esl": non-native English: dropped articles, "in the left side", "more big than", "it have two part";
- "cot": verbose chain of thought ("Let me think step by step. First, ... Second, ... Therefore, ...");
- "words": every number spelled out as words ("about two point four percent", "three separate spots").

Targets: abdomen CT (spleen, both adrenal glands, multi-focal liver lesions, inferior vena cava), pelvis MR
(prostate, urinary bladder, both gluteus maximus muscles, an ovarian cyst the knowledge base does not know),
chest CT (right middle lobe, a two-focus lung tumour, oesophagus), brain MR (both hippocampi on coronal "LI",
a two-focus enhancing tumour on axial "LP"), neck CT (thyroid gland as two lobes, left common carotid
artery, a parotid gland the knowledge base does not know), and 2D photos without patient axes (colonoscopy
polyp, dermoscopy skin lesion: only size, count and names_target defects).

Facts are the product's own measurement (`compute_facts`) of synthetic ellipse masks; the prose is written
from the measured facts (side, vertical, size class, area percent, components, relations).

Clean conversations carry true traps: negations ("It is not on the right side.", "There is no second region."),
the radiological display convention, knowledge sentences about other structures with their own sides
("The aorta runs beside it, on the patient's left."), a hint in the question about another side ("weakness of
the right hand" for a left carotid), textbook comparisons ("more big than the parathyroid glands"), population
numbers ("about three to four millilitres"), hedges, and follow-ups of every length. A fifth or more of the side,
position, size and count defects sit in a user question ("Why is it only on the right side of the patient?"),
about a third in a follow-up answer. Every clean row was checked by the writer's own scratch checker (side,
relation, vertical, percent, size word and count phrases against the facts; roles, turn lengths, one [SEG] in the
first answer, no target name in the first question): 420 rows load into the models, 0 problems.

First measure: not measured by its writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["small", "esl", "cot", "words"]
H = W = 256

CT_ABD = dict(modality="CT", body_region="abdomen", orientation="LP")
MR_PEL = dict(modality="MR", body_region="pelvis", orientation="LP")
CT_CHE = dict(modality="CT", body_region="chest", orientation="LP")
MR_BRA = dict(modality="MR", body_region="brain", orientation="LP")
MR_BRC = dict(modality="MR", body_region="brain", orientation="LI")
CT_NEC = dict(modality="CT", body_region="neck", orientation="LP")

# comps: ellipses (cx, cy, rx, ry) in image fractions; others: other structures' centroids (x, y)
PROFILES = [
    dict(target="spleen", cmp=("small", "the liver"),
         pop="In adults it is usually about eleven to twelve centimetres long.",
         rec=CT_ABD, comps=[(0.78, 0.62, 0.08, 0.10)],
         others={"liver": (0.30, 0.45), "stomach": (0.64, 0.34)}, plural=False, noun="organ",
         q="the organ that filters old red blood cells and helps the body fight infection",
         hint="The patient had a car accident and the doctors worry about bleeding.",
         give=["splenic tissue", "the spleen", "perisplenic area", "splenic organ"],
         kb=["The liver is the biggest solid organ and it sits in the right upper abdomen.",
             "The stomach lies in front of the pancreas, more to the left side of the belly."]),
    dict(target="adrenal gland", cmp=("small", "the kidneys"),
         pop="Each one weighs only about four to five grams in adults.",
         rec=CT_ABD, comps=[(0.37, 0.60, 0.025, 0.035), (0.64, 0.60, 0.025, 0.035)],
         others={"vertebral body": (0.50, 0.76)}, plural=True, noun="glands",
         q="the hat-shaped glands sitting on top of each kidney that make cortisol and stress hormones",
         hint="The blood pressure is very high and the doctor suspect hormone problem.",
         give=["adrenal glands", "suprarenal glands", "the adrenals", "adrenal tissue"],
         kb=["The right kidney usually sits a little lower than the left one because the liver is above it.",
             "The aorta runs down in front of the spine, slightly to the patient's left."]),
    dict(target="liver lesion", cmp=("small", "the liver itself"),
         pop="Metastases are more common than primary cancer in the liver in Western countries.",
         rec=CT_ABD,
         comps=[(0.27, 0.30, 0.03, 0.03), (0.35, 0.36, 0.028, 0.028), (0.24, 0.40, 0.025, 0.025)],
         others={"spleen": (0.78, 0.60), "aorta": (0.53, 0.62)}, plural=True, noun="spots",
         q="the darker round spots inside the biggest solid organ of the belly that the report calls suspicious",
         hint="The patient had colon cancer two years ago.",
         give=["liver lesions", "hepatic lesions", "liver metastases", "hepatic masses"],
         kb=["The spleen is on the patient's left side, under the ribs.",
             "Colon cancer often spreads through the portal vein."]),
    dict(target="inferior vena cava", cmp=("thin-walled", "the aorta"),
         pop="It is the largest vein in the body.",
         rec=CT_ABD, comps=[(0.40, 0.60, 0.03, 0.035)],
         others={"aorta": (0.53, 0.62), "vertebral body": (0.50, 0.78)}, plural=False, noun="vessel",
         q="the big vein that brings blood from the legs and belly back up to the heart",
         hint="The surgeon plans a filter for clots in the legs.",
         give=["the IVC", "the vena cava", "caval lumen", "inferior caval vein"],
         kb=["The aorta runs beside it, on the patient's left.",
             "The left renal vein crosses in front of the aorta."]),
    dict(target="prostate", cmp=("small", "the full bladder"),
         pop="In young men it weighs about twenty grams.",
         rec=MR_PEL, comps=[(0.50, 0.62, 0.06, 0.05)],
         others={"rectum": (0.50, 0.80)}, plural=False, noun="gland",
         q="the gland under the bladder in men that makes part of the seminal fluid",
         hint="The PSA blood test is higher than normal.",
         give=["the prostate", "prostatic tissue", "the prostate gland", "prostatic gland"],
         kb=["The urinary bladder sits above it and in front of the rectum.",
             "The seminal vesicles are two small glands, one on each side, behind the bladder."]),
    dict(target="urinary bladder", cmp=("big", "the prostate"),
         pop="An adult bladder can hold about four hundred to six hundred millilitres.",
         rec=MR_PEL, comps=[(0.50, 0.40, 0.16, 0.12)],
         others={"rectum": (0.50, 0.76)}, plural=False, noun="organ",
         q="the hollow organ in the pelvis that keeps the water made by the kidneys until you go to the toilet",
         hint="The patient sees blood when passing water.",
         give=["the bladder", "vesical wall", "the urinary bladder", "bladder lumen"],
         kb=["The rectum lies behind it, close to the sacrum.",
             "The two ureters come down from the kidneys, one on each side."]),
    dict(target="gluteus maximus", cmp=("big", "the gluteus medius"),
         pop="It is one of the strongest muscles in the human body.",
         rec=MR_PEL, comps=[(0.24, 0.76, 0.12, 0.08), (0.76, 0.76, 0.12, 0.08)],
         others={"urinary bladder": (0.50, 0.40)}, plural=True, noun="muscles",
         q="the biggest muscles of the seat that extend the hip when we climb stairs or stand up from a chair",
         hint="The patient is an old man with weakness when he stand up.",
         give=["gluteal muscles", "the gluteus", "the glutes", "gluteus maximus muscles"],
         kb=["The bladder lies in the front of the pelvis, in the middle.",
             "The sciatic nerve runs under these muscles down to the back of the thigh."]),
    dict(target="ovarian cyst", cmp=("small", "the bladder"),
         pop="Functional cysts are common in women of reproductive age.",
         rec=MR_PEL, comps=[(0.69, 0.45, 0.05, 0.05)],
         others={"urinary bladder": (0.50, 0.36)}, plural=False, noun="finding",
         q="the round fluid-filled sac next to the womb that the gynaecologist saw first on ultrasound",
         hint="The young woman has pain in lower belly on and off.",
         give=["ovarian cyst", "the cyst of the ovary", "adnexal cyst", "ovarian cystic lesion"],
         kb=["The uterus is in the middle of the pelvis, behind the bladder.",
             "Most simple cysts in young women go away by themselves in a few months."]),
    dict(target="right middle lung lobe", cmp=("small", "the right lower lobe"),
         pop="The right lung has three lobes and the left lung has two.",
         rec=CT_CHE, comps=[(0.27, 0.35, 0.12, 0.10)],
         others={"heart": (0.55, 0.42), "esophagus": (0.51, 0.64)}, plural=False, noun="part",
         q="the part of the breathing organ that is bounded by the horizontal fissure above and the oblique fissure below",
         hint="The chest X-ray shows a shadow near the heart border.",
         give=["right middle lobe", "the RML", "middle lobe", "the middle lung lobe"],
         kb=["The left lung has only two lobes because the heart takes room on that side.",
             "The esophagus runs behind the trachea and the heart."]),
    dict(target="lung tumour", cmp=("small", "the heart"),
         pop="Lung cancer is one of the most common cancers worldwide.",
         rec=CT_CHE, comps=[(0.70, 0.56, 0.03, 0.03), (0.78, 0.66, 0.025, 0.025)],
         others={"heart": (0.55, 0.40), "aorta": (0.56, 0.62)}, plural=True, noun="spots",
         q="the spots in the chest that the biopsy showed to be cancer",
         hint="The patient is a smoker for forty years with cough.",
         give=["lung tumours", "pulmonary tumours", "lung cancer", "the pulmonary tumours"],
         kb=["The heart lies in the middle of the chest, more to the patient's left.",
             "The descending aorta runs next to the spine in the back of the chest."]),
    dict(target="esophagus", cmp=("small", "the heart"),
         pop="In adults it is about twenty-five centimetres long.",
         rec=CT_CHE, comps=[(0.51, 0.62, 0.025, 0.025)],
         others={"heart": (0.55, 0.40), "vertebral body": (0.50, 0.78)}, plural=False, noun="tube",
         q="the muscular tube that carries swallowed food from the throat down to the stomach",
         hint="The patient says food gets stuck when he swallow.",
         give=["the oesophagus", "esophageal wall", "the gullet", "oesophageal lumen"],
         kb=["The trachea lies in front of it in the neck and upper chest.",
             "The heart is in front, and the left atrium is the chamber closest to it."]),
    dict(target="hippocampus", cmp=("small", "the cerebellum"),
         pop="Each one has a volume of about three to four millilitres in healthy adults.",
         rec=MR_BRC, comps=[(0.35, 0.62, 0.04, 0.03), (0.65, 0.62, 0.04, 0.03)],
         others={"lateral ventricle": (0.50, 0.40)}, plural=True, noun="structures",
         q="the curved structures deep in the temporal lobes that help us make new memories",
         hint="The patient is forgetting recent events and the neurologist asks for volume check.",
         give=["the hippocampi", "hippocampal formation", "the hippocampus", "hippocampal tissue"],
         kb=["The lateral ventricles are the two largest fluid spaces of the brain.",
             "The cerebellum lies at the back, below the occipital lobes."]),
    dict(target="enhancing tumour", cmp=("small", "the cerebellum"),
         pop="Glioblastoma is the most common malignant primary brain tumour in adults.",
         rec=MR_BRA, comps=[(0.33, 0.28, 0.05, 0.04), (0.41, 0.34, 0.03, 0.03)],
         others={"fourth ventricle": (0.50, 0.72)}, plural=True, noun="areas",
         q="the areas that light up bright after the contrast injection and show where the disease is active",
         hint="The patient had a seizure last week for the first time.",
         give=["enhancing tumour", "the enhancing tumor", "contrast-enhancing tumour", "enhancing neoplasm"],
         kb=["The fourth ventricle is in the back of the head, in front of the cerebellum.",
             "Swelling around such disease is usually shown as bright signal on FLAIR."]),
    dict(target="thyroid gland", cmp=("big", "the parathyroid glands"),
         pop="A normal adult gland weighs about fifteen to twenty-five grams.",
         rec=CT_NEC, comps=[(0.40, 0.34, 0.05, 0.08), (0.60, 0.34, 0.05, 0.08)],
         others={"cervical vertebra": (0.50, 0.68)}, plural=False, noun="gland",
         q="the butterfly-shaped gland in the front of the neck whose hormones control the metabolism",
         hint="The woman has a lump when she swallow and feels tired.",
         give=["the thyroid", "thyroid lobes", "thyroidal tissue", "the thyroid gland"],
         kb=["The trachea runs in the middle of the neck, between the two lobes.",
             "The common carotid arteries run up on both sides of the neck."]),
    dict(target="left common carotid artery", cmp=("big", "the vertebral artery"),
         pop="It divides into the internal and external carotid arteries at about the level of the fourth cervical vertebra.",
         rec=CT_NEC, comps=[(0.64, 0.46, 0.025, 0.025)],
         others={"trachea": (0.50, 0.36)}, plural=False, noun="vessel",
         q="the large artery in the neck that brings blood to the brain and face, where you can feel the pulse",
         hint="The patient had a short stroke with weakness of the right hand.",
         give=["the carotid", "carotid artery", "the common carotid", "carotid lumen"],
         kb=["The internal jugular vein runs beside it, usually lateral to it.",
             "The brachiocephalic trunk gives the artery of the other side, not this one."]),
    dict(target="parotid gland", cmp=("big", "the submandibular gland"),
         pop="About eighty percent of salivary gland tumours arise in this gland.",
         rec=CT_NEC, comps=[(0.22, 0.55, 0.06, 0.08)],
         others={"trachea": (0.50, 0.36)}, plural=False, noun="gland",
         q="the biggest gland that makes saliva, in front of the ear, the one that swells in mumps",
         hint="The patient has a painless swelling in the cheek near the jaw angle.",
         give=["the parotid", "parotid tissue", "parotid salivary gland", "the parotid gland"],
         kb=["The facial nerve passes through this region in the face.",
             "The submandibular glands are smaller and sit under the jaw."]),
    dict(target="polyp", cmp=("small", "the bowel it grows from"),
         pop="Screening colonoscopy finds adenomas in roughly a quarter of adults over fifty.",
         rec=dict(modality="endoscopy", body_region="colon", orientation=None),
         comps=[(0.45, 0.55, 0.12, 0.10)], extra=(0.75, 0.25, 0.04, 0.04), plural=False, noun="growth",
         q="the growth sticking out from the bowel wall in this colonoscopy picture that could turn to cancer",
         hint="The patient is fifty-five and it is his first screening.",
         give=["the polyp", "polypoid growth", "the polyps", "colonic polyp"],
         kb=["The colon is about one and a half metres long in adults.",
             "Most growths of this kind are removed during the same procedure."]),
    dict(target="skin lesion", cmp=("dark", "the skin around it"),
         pop="Most moles in adults are smaller than six millimetres.",
         rec=dict(modality="dermoscopy", body_region="skin", orientation=None),
         comps=[(0.50, 0.50, 0.20, 0.16)], extra=(0.82, 0.80, 0.03, 0.03), plural=False, noun="spot",
         q="the dark brown spot on the skin in this dermoscopy picture that the patient noticed is changing",
         hint="It itches sometimes and the border looks irregular.",
         give=["the skin lesion", "the lesion", "the pigmented skin lesion", "cutaneous lesion"],
         kb=["Melanoma is less common than basal cell carcinoma but more dangerous.",
             "Dermoscopy uses a magnifying lens and polarised light on the skin."]),
]


def record_for(p: dict) -> dict:
    return dict(p["rec"])


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Side and position defects need patient axes; half the rows go to bilateral or multi-region masks."""
    pool = [p for p in profiles if p["rec"]["orientation"] is not None] if defect in ("laterality", "position") else profiles
    if rng.random() < 0.45:
        multi = [p for p in pool if len(p["comps"]) > 1 or "extra" in p]
        return rng.choice(multi)
    return rng.choice(pool)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw jittered ellipses and let the product measure them."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    comps = list(p["comps"])
    if "extra" in p and rng.random() < 0.4:
        comps.append(p["extra"])
    m = np.zeros((H, W), bool)
    for cx, cy, rx, ry in comps:
        cx, cy = cx + rng.uniform(-0.015, 0.015), cy + rng.uniform(-0.015, 0.015)
        k = rng.uniform(0.88, 1.12)
        m |= ((xx - cx * (W - 1)) / (rx * k * W)) ** 2 + ((yy - cy * (H - 1)) / (ry * k * H)) ** 2 <= 1.0
    o = p["rec"]["orientation"]
    others = {n: (float(x), float(y)) for n, (x, y) in p.get("others", {}).items()} if o else None
    return compute_facts(m, o, others).model_dump(mode="json")


# --- number words ------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct(frac: float, style: str, rng: random.Random) -> str:
    p = frac * 100
    if style == "words":
        if p < 1:
            return rng.choice(["less than one percent", "under one per cent", f"about zero point {words(min(9, max(1, round(p * 10))))} percent"])
        whole, dec = divmod(round(p * 10), 10)
        return rng.choice([f"about {words(whole)} point {words(dec)} percent", f"roughly {words(round(p))} percent"])
    return rng.choice([f"about {p:.1f}%", f"around {p:.1f} percent", f"~{p:.1f}%"])


def count_word(n: int, style: str) -> str:
    return words(n) if style in ("words", "esl", "small") or n < 10 else str(n)


# --- true and false statements of each fact ----------------------------------------------------------

def it(p: dict) -> str:
    return "they" if p["plural"] else "it"


def side_true(p, f, style, rng):
    lat = f["laterality"]
    S = it(p).capitalize()
    be = "are" if p["plural"] else "is"
    if lat in ("left", "right"):
        return rng.choice({
            "small": [f"The {p['noun']} is located at {lat} side of patient body. So it is on the {lat} side, on the {lat}.",
                      f"{S} {be} on the patient's {lat} side. In other words, the {lat} side of the patient."],
            "esl": [f"{S} {be} in the {lat} side of patient.", f"Position is in {lat} side of body of patient."],
            "cot": [f"First, I look at the side: the mask is on the patient's {lat}.",
                    f"First, the side. The region lies on the patient's {lat} side."],
            "words": [f"{S} {be} on the patient's {lat}-hand side.", f"Side: the patient's {lat}."],
        }[style])
    if lat == "midline":
        return rng.choice({
            "small": ["It is located in the middle of the body. It is central, in the midline, in the middle.",
                      "It is in the midline. So it is in the center of patient body."],
            "esl": ["It is in middle line of body, not to one side.", "Position is in the midline of patient."],
            "cot": ["First, the side: the mask sits on the midline of the patient.",
                    "First, I check the side. It is centred on the midline."],
            "words": ["It sits in the midline.", "Side: midline, in the centre of the body."],
        }[style])
    if lat == "bilateral":
        return rng.choice({
            "small": ["They are located on both sides of the patient body. So, both sides, left and right.",
                      "It is bilateral, which means it is on both sides, the left and the right."],
            "esl": ["There is one part in the left side and one part in the right side of patient.",
                    "It is in the both sides of body, left and right."],
            "cot": ["First, the side: there is a region on the patient's left and one on the patient's right, so it is bilateral.",
                    "First, I check the sides. The mask covers both sides of the patient."],
            "words": ["Side: both sides, one on the left and one on the right.", "It is bilateral, on both the left and the right."],
        }[style])
    return ""


def side_false(p, f, style, rng):
    lat = f["laterality"]
    wrong = {"left": "right", "right": "left"}.get(lat) or rng.choice(["left", "right"])
    if lat == "bilateral":
        return rng.choice([f"It is only on the patient's {wrong} side.", f"The mask is on the {wrong} side only, one side."])
    if style == "esl":
        return f"It is in the {wrong} side of patient body."
    if style == "cot":
        return f"First, the side: the mask lies on the patient's {wrong}."
    return rng.choice([f"It is located on the patient's {wrong} side.", f"Side: the patient's {wrong}."])


def side_neg(p, f, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        return rng.choice([f"It is not on the {'right' if lat == 'left' else 'left'} side.",
                           f"It does not cross to the {'right' if lat == 'left' else 'left'} of the midline."])
    if lat == "midline":
        return "It is not pushed to one side."
    if lat == "bilateral":
        return "It is not only on one side."
    return ""


VWORD = {"anterior": ["toward the front", "in the anterior part", "anteriorly"],
         "posterior": ["toward the back", "in the posterior part", "posteriorly"],
         "superior": ["in the upper part, toward the head", "superiorly", "higher up, toward the top of the head"],
         "inferior": ["in the lower part, toward the feet", "inferiorly", "lower down, toward the feet"],
         "upper": ["in the upper half of the picture"], "lower": ["in the lower half of the picture"]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def vert_true(p, f, style, rng):
    v = f["vertical"]
    if v == "central":
        return ""
    ph = rng.choice(VWORD[v])
    return rng.choice({
        "small": [f"It is {ph}. I think it is {ph} of the body, yes.", f"It lies {ph}."],
        "esl": [f"It stay {ph} in the body.", f"It is {ph}."],
        "cot": [f"Second, I check the depth: it lies {ph}.", f"Second, the position is {ph}."],
        "words": [f"It lies {ph}.", f"Position: {ph}."],
    }[style])


def vert_false(p, f, style, rng):
    ph = rng.choice(VWORD[FLIPV[f["vertical"]]])
    return f"Second, the position is {ph}." if style == "cot" else f"It lies {ph}."


RELW = {"left_of": ["to the patient's left of", "on the left side of"],
        "right_of": ["to the patient's right of", "on the right side of"],
        "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
        "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
         "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_sentence(p, rel, other, style, rng):
    ph = rng.choice(RELW[rel])
    be = "are" if p["plural"] else "is"
    return rng.choice({
        "small": [f"{it(p).capitalize()} {be} {ph} the {other}. So the {other} is a good landmark.",
                  f"The mask {be} {ph} the {other}."],
        "esl": [f"It is {ph} the {other}.", f"This one stay {ph} the {other}."],
        "cot": [f"Third, the landmark: it lies {ph} the {other}.", f"Third, compared with the {other}, it is {ph} it."],
        "words": [f"It lies {ph} the {other}.", f"Relative to the {other}: {ph} it."],
    }[style])


SIZEW = {"small": ["small", "quite small", "little"], "medium": ["medium-sized", "of moderate size", "middle size"],
         "large": ["large", "big", "quite large"]}


def size_true(p, f, style, rng):
    s = rng.choice(SIZEW[f["size_class"]])
    q = pct(f["area_fraction"], style, rng)
    return rng.choice({
        "small": [f"The size is {s}. It is {s}, it covers {q} of the image, so yes, {s}.",
                  f"It is {s}, {q} of the image area."],
        "esl": [f"Size is {s}, it take {q} of image.", f"It is {s}, {q} of whole picture."],
        "cot": [f"Next, the size: it covers {q} of the image, so it is {s}.", f"Next, size. {q} of the pixels, which is {s}."],
        "words": [f"It covers {q} of the image, which is {s}.", f"Size: {s}, {q} of the picture."],
    }[style])


def size_false(p, f, style, rng):
    sc = f["size_class"]
    if sc == "small" or (sc == "medium" and rng.random() < 0.5):
        big = rng.choice([30, 35, 40])
        q = f"{words(big)} percent" if style == "words" else f"about {big}%"
        return rng.choice([f"It is very large, it covers {q} of the image.", f"Size: large, {q} of the picture."])
    q = "under one tenth of a percent" if style == "words" else "about 0.1%"
    return rng.choice([f"It is tiny, only {q} of the image.", f"Size: very small, just {q} of the picture."])


def count_true(p, f, style, rng):
    n = f["components"]
    w = count_word(n, style)
    if n == 1:
        return rng.choice({
            "small": ["It is one single piece. Only one region, connected, one piece.", "There is one connected region."],
            "esl": ["It have only one part.", "Mask is one piece, connected."],
            "cot": ["Then, the count: there is one connected region.", "Then I count the pieces: just one."],
            "words": ["There is one single connected region.", "Count: one region."],
        }[style])
    return rng.choice({
        "small": [f"There are {w} separate regions. So {w} parts, {w} pieces, not connected.",
                  f"The mask has {w} separate parts."],
        "esl": [f"It have {w} part, they are separate.", f"Mask is {w} piece, not touching."],
        "cot": [f"Then, the count: there are {w} separate regions.", f"Then I count the pieces: {w} separate ones."],
        "words": [f"There are {w} separate regions.", f"Count: {w} distinct regions."],
    }[style])


def count_false(p, f, style, rng):
    n = f["components"]
    if n == 1:
        w = "two" if style != "cot" or rng.random() < 0.5 else "2"
        return rng.choice([f"The mask has {w} separate parts.", f"It is made of {w} separate regions, not connected."])
    return rng.choice(["It is one single connected region.", "The mask is a single piece, all connected."])


def count_neg(f):
    return "There is no second region." if f["components"] == 1 else "The pieces are not joined to each other."


CONV = ["On CT and MR images the patient's left is shown on the right side of the screen, so I read the side from the patient, not from the screen.",
        "Remember the radiological convention: we look at the patient from the feet, so the patient's right is on the left of the image."]
HEDGE = ["I think this is correct, but please a radiologist should confirm.", "Probably this is right, but I am only a model and can be wrong.",
         "Please check with your doctor, this is only an explanation."]


COMPARATIVE = {"small": "smaller", "big": "bigger", "dark": "darker", "thin-walled": "more thin-walled"}


def comparison(p, style, rng):
    """A true textbook comparison with another structure ("more big than" in the non-native register)."""
    adj, other = p["cmp"]
    S, be = it(p).capitalize(), "are" if p["plural"] else "is"
    comp = f"more {adj}" if style == "esl" else COMPARATIVE[adj]
    if style == "cot":
        return f"Also, for comparison, {it(p)} {be} normally {comp} than {other}."
    if style == "small":
        return f"In general {it(p)} {be} {comp} than {other}. So, {comp} than {other}."
    return f"{S} {be} usually {comp} than {other}."


def opener(p, style, rng):
    name = p["target"]
    return rng.choice({
        "small": [f"Sure! The structure you ask about is the {name}. It is the {name}. Here is the segmentation: {SEG}.",
                  f"Okay. This is the {name}, I think. The {name} is shown here: {SEG}."],
        "esl": [f"This is {name}. I segment it here {SEG}.", f"Answer is {name}, mask is here: {SEG}."],
        "cot": [f"Let me think step by step. The description fits the {name}. Here is the mask: {SEG}.",
                f"Let me reason step by step. What is described is the {name}, so I segment it: {SEG}."],
        "words": [f"The {name} is segmented here: {SEG}.", f"Here is the {name}: {SEG}."],
    }[style])


def closer(p, f, style, rng):
    if style == "cot":
        return rng.choice([f"Therefore, the answer is the {p['target']}, as segmented above.",
                           "Therefore, all the points agree with the mask."])
    if style == "small":
        return rng.choice(["I hope this helps! I hope it is clear.", "Let me know if you have more question."])
    return ""


def first_question(p, defect, rng):
    if defect == "names_target":
        g = rng.choice(p["give"])
        return rng.choice([f"Can you show me {g} in this image? {p['hint']}",
                           f"{p['hint']} Where is {g} here, please?",
                           f"Please segment {g}: it is {p['q']}. Where is it?"])
    return rng.choice([f"{p['hint']} Can you find {p['q']}?",
                       f"Could you please show me {p['q']}? {p['hint']}",
                       f"Where in this image is {p['q']}? {p['hint']}"])


FOLLOW_Q = {"laterality": ["Which side is it?", "Is it left or right?", "Which side of the patient, please?"],
            "position": ["Where exactly is it?", "Is it more in front or behind?", "What is the landmark near it?"],
            "size": ["How big is it?", "Is it big or small in this image?", "What about the size of it?"],
            "count": ["How many pieces are there?", "Is it one part or more?", "Why is that so? How many regions?"]}


def wrong_question(kind, p, f, rng):
    """A user question that presupposes a false fact."""
    if kind == "laterality":
        lat = f["laterality"]
        if lat == "bilateral":
            return f"Why is it only on the {rng.choice(['left', 'right'])} side of the patient?"
        wrong = {"left": "right", "right": "left"}.get(lat) or rng.choice(["left", "right"])
        return rng.choice([f"Why is it on the patient's {wrong} side?", f"Is it normal that it is on the {wrong} side?"])
    if kind == "position":
        v = f["vertical"]
        if v in FLIPV:
            return f"Why does it lie {rng.choice(VWORD[FLIPV[v]])}?"
        r = f["relations"][0]
        return f"Why is it {RELW[FLIPR[r['relation']]][0]} the {r['other']}?"
    if kind == "size":
        return "Why is it so huge, almost half the picture?" if f["size_class"] != "large" else "Why is it so tiny, less than a tenth of a percent?"
    return ("Why does it have two separate parts?" if f["components"] == 1
            else "Why is it only one single connected piece?")


NEUTRAL = ["Good question. The image only shows one slice, so I can only describe the mask that I drew, and the doctor will compare it with the other slices.",
           "That is how the scan was taken; the doctor will look at the whole study and the history before any conclusion."]


def position_facts(p, f, style, rng):
    out = []
    v = vert_true(p, f, style, rng)
    if v:
        out.append(("vert", v))
    for r in f["relations"][:2]:
        out.append((("rel", r["relation"], r["other"]), rel_sentence(p, r["relation"], r["other"], style, rng)))
    return out


def build(p, facts, style, rng, defect):
    f = facts
    oriented = p["rec"]["orientation"] is not None
    where = None
    if defect in ("laterality", "position", "size", "count"):
        where = rng.choices(["question", "first", "follow"], [0.22, 0.48, 0.30])[0]
    if defect == "position" and f["vertical"] not in FLIPV and not f["relations"]:
        defect, where = "size", where  # no position to contradict (does not happen with these profiles)

    # true statements per kind
    pos = position_facts(p, f, style, rng) if oriented else []
    true = {"laterality": side_true(p, f, style, rng) if oriented else "",
            "size": size_true(p, f, style, rng), "count": count_true(p, f, style, rng)}

    def false_of(kind):
        if kind == "laterality":
            return side_false(p, f, style, rng)
        if kind == "size":
            return size_false(p, f, style, rng)
        if kind == "count":
            return count_false(p, f, style, rng)
        if f["vertical"] in FLIPV and (not f["relations"] or rng.random() < 0.5):
            return vert_false(p, f, style, rng)
        r = f["relations"][0]
        return rel_sentence(p, FLIPR[r["relation"]], r["other"], style, rng)

    # the first answer mentions side, position, size and count unless the defect is left for later
    order = ["laterality", "position", "size", "count"]
    later = defect if where in ("follow", "question") else None
    body = [opener(p, style, rng)]
    if style == "cot" and oriented and defect != "laterality" and rng.random() < 0.6:
        body.append(rng.choice(CONV))
    for kind in order:
        if kind == later:
            continue
        if kind == defect and where == "first":
            body.append(false_of(kind))
            continue
        if kind == "position":
            body += [s for _, s in pos]
        elif true[kind]:
            body.append(true[kind])
            if defect is None and rng.random() < 0.35:
                body.append(side_neg(p, f, rng) if kind == "laterality" else count_neg(f) if kind == "count" else "")
    if defect is None:
        body.append(rng.choice(p["kb"]))
        if rng.random() < 0.5:
            body.append(comparison(p, style, rng))
        if rng.random() < 0.4:
            body.append(p["pop"])
        if rng.random() < 0.5:
            body.append(rng.choice(HEDGE))
    if not oriented and defect is None and rng.random() < 0.5:
        body.append("This photo has no left or right of the patient, so I only describe the picture itself.")
    body.append(closer(p, f, style, rng))
    turns = [{"role": "user", "content": first_question(p, defect, rng)},
             {"role": "assistant", "content": " ".join(s for s in body if s)}]

    if later:
        if where == "question":
            turns.append({"role": "user", "content": wrong_question(defect, p, f, rng)})
            turns.append({"role": "assistant", "content": rng.choice(NEUTRAL)})
        else:
            turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[defect])})
            turns.append({"role": "assistant", "content": false_of(defect) + " " + rng.choice(p["kb"])})
    elif rng.random() < 0.6:  # a true follow-up round about a kind already stated truly
        kinds = [k for k in ("laterality", "size", "count") if k != defect and (true[k])]
        if pos and defect != "position":
            kinds.append("position")
        k = rng.choice(kinds)
        ans = " ".join(s for _, s in pos) if k == "position" else true[k]
        if defect is None and k == "laterality" and rng.random() < 0.5:
            ans += " " + rng.choice(CONV)
        turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[k])})
        turns.append({"role": "assistant", "content": ans})
    if rng.random() < 0.3:
        q = rng.choice(["Why is that?", "What does it do in the body?", "Is this something to worry about?"])
        ans = (f"{'These are' if p['plural'] else 'It is'} {p['q']}." if q.startswith("What")
               else rng.choice(p["kb"]))
        turns.append({"role": "user", "content": q})
        turns.append({"role": "assistant", "content": ans + " " + rng.choice(HEDGE)})
    return turns, ([defect] if defect else [])
