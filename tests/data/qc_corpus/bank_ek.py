"""Bank EK: structured report templates where the target is one row among many structures.

Targets: abdomen CT (spleen, liver lesions, right/left kidney, kidneys, right/left adrenal gland), chest CT
(lung nodules, pleural effusion), pelvis MR (ovaries, prostate), brain MR (brain metastases); all axial "LP".
Registers (STYLES): "radreport_template" (RadReport-style FINDINGS/IMPRESSION blocks), "checklist_boxes"
([x]/[ ] QA checklists), "markdown_table" (pipe tables listing several organs or lesions), "organ_by_organ"
(review lists). The other rows (other organs, individual lesions) carry their own sides, sizes and counts.
Every row also carries hard-but-true sentences: negations, the radiological convention, population figures,
hypotheticals, knowledge about other structures, and (some rows) a user's false idea that is explicitly
corrected. Defects: one false claim about the target (first answer ~60%, a follow-up answer ~20%, a user
premise left uncorrected ~20%), or a first question that names the target.

Written without reading QC. Own check (check_ek.py, ledger of every target claim, re-evaluated against the
facts): rows: 420 clean: 210 defect: 210, problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["radreport_template", "checklist_boxes", "markdown_table", "organ_by_organ"]

# last build's ledger of claims about the target (read by the writer's own check, not part of the rows)
LEDGER = []

# ----------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels on a 256x256 axial LP grid (image right = patient's left,
# rows run to posterior); others = neighbouring structures' normalised centroids

ABD_O_SPL = {"liver": (0.30, 0.45), "stomach": (0.60, 0.40), "left kidney": (0.70, 0.68), "aorta": (0.51, 0.60)}
ABD_O_LIV = {"gallbladder": (0.37, 0.58), "aorta": (0.51, 0.60), "spleen": (0.74, 0.58), "right kidney": (0.30, 0.70)}
ABD_O_RK = {"liver": (0.30, 0.42), "aorta": (0.51, 0.60), "inferior vena cava": (0.43, 0.56), "left kidney": (0.69, 0.67)}
ABD_O_LK = {"spleen": (0.76, 0.55), "aorta": (0.51, 0.60), "right kidney": (0.32, 0.67), "stomach": (0.60, 0.40)}
ABD_O_KK = {"aorta": (0.51, 0.58), "vertebral body": (0.50, 0.76), "pancreas": (0.52, 0.45)}
ABD_O_RA = {"inferior vena cava": (0.44, 0.55), "right kidney": (0.31, 0.70), "aorta": (0.51, 0.60), "liver": (0.30, 0.42)}
ABD_O_LA = {"aorta": (0.51, 0.60), "left kidney": (0.70, 0.70), "spleen": (0.77, 0.56), "stomach": (0.60, 0.40)}
CH_O = {"heart": (0.55, 0.45), "descending aorta": (0.57, 0.64), "vertebral body": (0.50, 0.80)}
PF_O = {"uterus": (0.50, 0.46), "bladder": (0.50, 0.30), "rectum": (0.50, 0.74)}
PM_O = {"rectum": (0.50, 0.76), "pubic symphysis": (0.50, 0.30), "right obturator internus": (0.30, 0.55),
        "left obturator internus": (0.70, 0.55)}
BR_O = {"left lateral ventricle": (0.56, 0.48), "right lateral ventricle": (0.44, 0.48)}


def _P(target, region, ells, others, tag):
    return {"target": target, "region": region, "ellipses": ells, "others": others, "tag": tag}


PROFILES = [
    _P("spleen", "abdomen", [(188, 150, 22, 32)], ABD_O_SPL, "spleen_normal"),
    _P("spleen", "abdomen", [(192, 140, 34, 50)], ABD_O_SPL, "spleen_big"),
    _P("liver lesions", "abdomen", [(70, 110, 9, 8), (95, 142, 7, 7), (60, 152, 6, 6)], ABD_O_LIV, "liv3"),
    _P("liver lesions", "abdomen", [(80, 115, 21, 18)], ABD_O_LIV, "liv1"),
    _P("liver lesions", "abdomen", [(60, 100, 10, 9), (100, 150, 8, 8)], ABD_O_LIV, "liv2"),
    _P("right kidney", "abdomen", [(82, 172, 16, 24)], ABD_O_RK, "rk"),
    _P("left kidney", "abdomen", [(175, 170, 15, 23)], ABD_O_LK, "lk"),
    _P("kidneys", "abdomen", [(82, 172, 16, 24), (175, 170, 15, 23)], ABD_O_KK, "kk"),
    _P("right adrenal gland", "abdomen", [(96, 148, 5, 9)], ABD_O_RA, "ra"),
    _P("left adrenal gland", "abdomen", [(160, 146, 5, 9)], ABD_O_LA, "la"),
    _P("lung nodules", "chest", [(70, 100, 5, 5), (186, 122, 4, 4)], CH_O, "nod_bi2"),
    _P("lung nodules", "chest", [(64, 88, 4, 4), (80, 152, 5, 5), (58, 126, 3, 3)], CH_O, "nod_r3"),
    _P("lung nodules", "chest", [(190, 110, 6, 6)], CH_O, "nod_l1"),
    _P("lung nodules", "chest", [(180, 80, 5, 5), (196, 160, 4, 4)], CH_O, "nod_l2"),
    _P("pleural effusion", "chest", [(60, 192, 32, 20)], CH_O, "eff_r"),
    _P("pleural effusion", "chest", [(196, 190, 30, 18)], CH_O, "eff_l"),
    _P("pleural effusion", "chest", [(60, 195, 26, 14), (196, 195, 24, 13)], CH_O, "eff_bi"),
    _P("pleural effusion", "chest", [(66, 170, 42, 48)], CH_O, "eff_rbig"),
    _P("ovaries", "pelvis_f", [(92, 140, 11, 8), (163, 138, 10, 8)], PF_O, "ov"),
    _P("ovaries", "pelvis_f", [(90, 130, 16, 13), (165, 132, 11, 9)], PF_O, "ov_big"),
    _P("prostate", "pelvis_m", [(128, 140, 18, 15)], PM_O, "pr"),
    _P("prostate", "pelvis_m", [(128, 138, 30, 25)], PM_O, "pr_big"),
    _P("prostate", "pelvis_m", [(127, 150, 14, 12)], PM_O, "pr_small"),
    _P("brain metastases", "brain", [(172, 80, 8, 8)], BR_O, "met_l1"),
    _P("brain metastases", "brain", [(82, 92, 6, 6), (178, 168, 7, 7)], BR_O, "met_bi2"),
    _P("brain metastases", "brain", [(70, 82, 5, 5), (86, 162, 6, 6), (62, 122, 4, 4)], BR_O, "met_r3"),
    _P("brain metastases", "brain", [(170, 170, 12, 11), (186, 140, 5, 5)], BR_O, "met_l2"),
    _P("brain metastases", "brain", [(92, 100, 6, 6), (160, 100, 5, 5), (128, 180, 4, 4)], BR_O, "met_bi3"),
]

REGION = {"abdomen": ("CT", "abdomen"), "chest": ("CT", "chest"), "pelvis_f": ("MR", "pelvis"),
          "pelvis_m": ("MR", "pelvis"), "brain": ("MR", "brain")}


def record_for(p):
    mod, region = REGION[p["region"]]
    return {"modality": mod, "body_region": region, "orientation": "LP"}


def _jitter(p, rng):
    dx, dy = rng.randint(-3, 3), rng.randint(-3, 3)
    return [(cx + dx, cy + dy, rx, ry) for cx, cy, rx, ry in p["ellipses"]]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    ells = _jitter(p, rng)
    for cx, cy, rx, ry in ells:
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    p["_last_ellipses"] = ells
    return compute_facts(mask, "LP", dict(p["others"])).model_dump(mode="json")


# ----------------------------------------------------------------------------------------------------------
# target knowledge

T = {
    "spleen": dict(
        pl=False, lesion=None,
        clues=["the organ that filters out old red blood cells and is the solid organ most often injured in blunt "
               "abdominal trauma",
               "the lymphoid organ that people with glandular fever are told to protect from contact sports",
               "the organ whose removal means the patient needs pneumococcal and meningococcal vaccines",
               "the blood-filtering organ that sequesters platelets and enlarges in portal hypertension"],
        named=["the spleen", "the splenic outline", "the spleen (splenic parenchyma)"],
        kn=["Accessory spleens (splenules) turn up in something like 10-30% of people at autopsy, usually as a "
            "small separate nodule near the hilum.",
            "The liver, on the opposite side, is normally far bigger and often fills a fifth or more of an "
            "upper-abdominal slice.",
            "The left kidney normally sits a little higher than the right one, because the liver pushes the "
            "right kidney down.",
            "Splenomegaly is usually judged on craniocaudal length (roughly over 12-13 cm), which a single "
            "axial slice cannot give you.",
            "The splenic vein runs behind the pancreas to join the superior mesenteric vein."]),
    "liver lesions": dict(
        pl=True, lesion="lesion",
        clues=["the focal low-density deposits inside the organ that makes bile, in this patient with "
               "colorectal cancer",
               "the round hypoattenuating spots in the organ that produces albumin and clotting factors",
               "the focal spots the oncologist wants mapped in the big organ that stores glycogen",
               "the well-defined dark foci in the organ that receives the portal venous blood"],
        named=["the liver lesions", "the hepatic lesions", "the liver metastases"],
        kn=["Simple cysts are found in roughly 5% of adults and are usually left alone.",
            "Colorectal cancer metastasises to the liver in up to half of patients over the course of the "
            "disease.",
            "The gallbladder lies under the right lobe, and the caudate lobe sits next to the IVC.",
            "The spleen, on the patient's left, is clear on this slice.",
            "Couinaud's scheme splits the liver into eight segments, with segment IV to the left of the middle "
            "hepatic vein."]),
    "right kidney": dict(
        pl=False, lesion=None,
        clues=["the bean-shaped organ on the patient's right that filters blood and makes urine",
               "the right-sided retroperitoneal organ that produces urine and renin",
               "the urine-producing organ on the right, which usually sits lower than its partner"],
        side_clue="right",
        named=["the right kidney", "the right renal parenchyma", "the kidney on the right"],
        kn=["The left kidney usually sits one or two centimetres higher than the right.",
            "The left renal vein crosses in front of the aorta, which is why it is much longer than the right "
            "one.",
            "A duplex collecting system is seen in roughly 1% of people.",
            "The liver sits above and in front of it on most axial slices at this level."]),
    "left kidney": dict(
        pl=False, lesion=None,
        clues=["the bean-shaped organ on the patient's left that filters blood and makes urine",
               "the left-sided retroperitoneal organ that produces urine and erythropoietin",
               "the urine-producing organ on the left, whose vein has to cross in front of the aorta"],
        side_clue="left",
        named=["the left kidney", "the left renal parenchyma", "the kidney on the left"],
        kn=["The right kidney is typically a little lower, pushed down by the liver.",
            "The left renal vein passes between the aorta and the superior mesenteric artery (the nutcracker "
            "configuration when it gets compressed).",
            "The spleen sits above and lateral to it, and the tail of the pancreas runs towards its hilum.",
            "A horseshoe configuration, with the two lower poles fused across the midline, occurs in about 1 "
            "in 500 people."]),
    "kidneys": dict(
        pl=True, lesion=None,
        clues=["the paired organs that filter the blood and make urine",
               "the paired retroperitoneal organs that secrete erythropoietin and renin",
               "the organs that would be hydronephrotic if this man's prostate obstructed him"],
        named=["the kidneys", "both kidneys", "the renal parenchyma"],
        kn=["The right one usually lies a little lower than the left because of the liver.",
            "A horseshoe kidney, joined across the midline in front of the aorta, is seen in about 1 in 500 "
            "people.",
            "The left renal vein crosses in front of the aorta; the right renal artery passes behind the IVC.",
            "A solitary kidney is present in roughly 1 in 1000 people."]),
    "right adrenal gland": dict(
        pl=False, lesion=None,
        clues=["the small endocrine organ on the patient's right that sits on top of the kidney and makes "
               "cortisol",
               "the right-sided structure where a phaeochromocytoma would arise, just above the kidney",
               "the small cortisol- and aldosterone-producing organ on the right"],
        side_clue="right",
        named=["the right adrenal gland", "the right adrenal", "the right suprarenal gland"],
        kn=["Incidental adrenal nodules are found in around 3-7% of adults on CT.",
            "The left adrenal is usually shaped like an inverted Y or lambda and sits beside the aorta.",
            "A limb thicker than about 10 mm is usually called thickened.",
            "The liver's bare area lies directly against it laterally."]),
    "left adrenal gland": dict(
        pl=False, lesion=None,
        clues=["the small endocrine organ on the patient's left that sits in front of and above the kidney and "
               "makes aldosterone",
               "the left-sided structure where a Conn adenoma might hide, next to the aorta",
               "the small organ on the left that secretes cortisol and epinephrine"],
        side_clue="left",
        named=["the left adrenal gland", "the left adrenal", "the left suprarenal gland"],
        kn=["Incidental adrenal nodules turn up in roughly 3-7% of adult CTs.",
            "The right adrenal sits directly behind the IVC, which the left one never touches.",
            "The splenic vein and pancreatic tail run in front of this area.",
            "A limb thicker than about 10 mm is usually called thickened."]),
    "lung nodules": dict(
        pl=True, lesion="nodule",
        clues=["the small round opacities that the low-dose screening CT picked up in this 30-pack-year "
               "smoker",
               "the round spots in the chest that the Fleischner guidelines tell us how to follow up",
               "the little round densities in the air-filled organs of this patient's chest"],
        named=["the lung nodules", "the pulmonary nodules", "the nodules"],
        kn=["Solid nodules under 6 mm in a low-risk patient usually need no routine follow-up under "
            "Fleischner 2017.",
            "More than half of smokers screened with low-dose CT have at least one nodule, and the vast "
            "majority are benign.",
            "The right lung has three lobes and the left two; the heart leans to the left.",
            "The descending aorta runs down just left of the spine."]),
    "pleural effusion": dict(
        pl=False, lesion=None,
        clues=["the dependent collection layering at the back of the chest in this heart-failure patient",
               "the collection between the chest wall and the air-filled organ that a thoracentesis would "
               "drain",
               "what blunts the costophrenic angle on the chest film and is now visible on this CT"],
        vert_clue="posterior",
        named=["the pleural effusion", "the effusion", "the hydrothorax"],
        kn=["Heart-failure effusions are bilateral in most patients, and when one-sided they favour the right.",
            "About 200 mL is needed to blunt the costophrenic angle on an upright frontal film.",
            "The heart lies slightly to the left of the midline and is the largest structure in the anterior "
            "mediastinum.",
            "The descending aorta runs to the left of the vertebral body."]),
    "ovaries": dict(
        pl=True, lesion=None,
        clues=["the paired pelvic structures that produce eggs and oestrogen",
               "the almond-shaped structures beside the uterus that hold the follicles, for this fertility "
               "work-up",
               "where the follicles are counted in this suspected PCOS case"],
        named=["the ovaries", "both ovaries", "the ovarian tissue"],
        kn=["The uterus is midline here, and the bladder sits in front of it.",
            "A dominant follicle on one side is normal in mid-cycle and often measures about 2 cm.",
            "The rectum is posterior and midline, behind the uterus.",
            "Polycystic ovary morphology is reported in roughly 20-30% of reproductive-age women on "
            "ultrasound."]),
    "prostate": dict(
        pl=False, lesion=None,
        clues=["the walnut-sized gland around the proximal urethra in this man with a weak urinary stream",
               "the male accessory gland that contributes much of the seminal fluid",
               "the gland a digital rectal examination feels, in this 68-year-old with nocturia"],
        named=["the prostate", "the prostate gland", "the prostatic tissue"],
        kn=["The seminal vesicles sit above and behind it, one on each side.",
            "Benign enlargement affects about half of men by 60 and most by 85.",
            "Most cancers (about 70%) arise in the peripheral zone, the posterior part palpable per rectum.",
            "The obturator internus muscles line the pelvic side walls on the left and right."]),
    "brain metastases": dict(
        pl=True, lesion="metastasis",
        clues=["the enhancing deposits that have spread to the head from this patient's known melanoma",
               "the ring-enhancing spots the radiation oncologist wants contoured for radiosurgery",
               "the new enhancing foci in this woman with HER2-positive breast cancer and headaches"],
        named=["the brain metastases", "the brain mets", "the cerebral metastases"],
        kn=["Roughly a fifth of patients with cancer develop brain metastases at some point.",
            "About 80% of metastases land in the cerebral hemispheres, 15% in the cerebellum and 5% in the "
            "brainstem.",
            "The lateral ventricles are normally near-symmetric on the left and right.",
            "Melanoma, lung and breast primaries account for most of them."]),
}

# other rows: key, label, line, (side, ap, size, count)
ROWS = {
    "abdomen": [
        ("liver", "Liver", "Normal size and attenuation in the right upper quadrant; no focal abnormality.",
         ("Right", "Anterior", "Large", "1")),
        ("gb", "Gallbladder", "Thin-walled, no calculi; tucked under the right lobe.", ("Right", "Anterior", "Small", "1")),
        ("panc", "Pancreas", "Normal bulk; the body crosses the midline in front of the splenic vein.",
         ("Midline", "Anterior", "Small", "1")),
        ("spleen", "Spleen", "Normal size, left upper quadrant, homogeneous.", ("Left", "Posterior", "Medium", "1")),
        ("adr", "Adrenal glands", "Both slender, no nodule on either side.", ("Bilateral", "Posterior", "Small", "2")),
        ("rk", "Right kidney", "No hydronephrosis; sits a touch lower than the left.", ("Right", "Posterior", "Medium", "1")),
        ("lk", "Left kidney", "No hydronephrosis or calculus.", ("Left", "Posterior", "Medium", "1")),
        ("ao", "Aorta", "Normal calibre, just left of the midline in front of the spine.",
         ("Midline", "Posterior", "Small", "1")),
        ("ladr", "Left adrenal gland", "Slender, no nodule.", ("Left", "Posterior", "Small", "1")),
        ("radr", "Right adrenal gland", "Slender limbs behind the IVC, no nodule.", ("Right", "Posterior", "Small", "1")),
    ],
    "chest": [
        ("lungs", "Lungs", "No consolidation or emphysema.", ("Bilateral", "—", "Large", "2")),
        ("pleura", "Pleura", "No effusion or pneumothorax on either side.", ("—", "—", "—", "0")),
        ("heart", "Heart", "Normal size; the apex points to the left.", ("Left of midline", "Anterior", "Large", "1")),
        ("med", "Mediastinum", "No enlarged nodes; trachea central.", ("Midline", "Central", "—", "—")),
        ("ao", "Thoracic aorta", "Normal calibre; the descending aorta lies left of the spine.",
         ("Left", "Posterior", "Small", "1")),
        ("bones", "Bones", "No destructive lesion.", ("—", "—", "—", "—")),
    ],
    "pelvis_f": [
        ("ut", "Uterus", "Anteverted, midline, normal size.", ("Midline", "Central", "Medium", "1")),
        ("bl", "Bladder", "Well distended, smooth wall.", ("Midline", "Anterior", "Medium", "1")),
        ("rec", "Rectum", "Unremarkable.", ("Midline", "Posterior", "Small", "1")),
        ("ln", "Pelvic lymph nodes", "None enlarged on either side.", ("Bilateral", "—", "—", "0")),
        ("ff", "Free fluid", "A trace in the pouch of Douglas, physiological.", ("Midline", "Posterior", "Small", "1")),
    ],
    "pelvis_m": [
        ("sv", "Seminal vesicles", "Symmetric on both sides, behind the bladder base.",
         ("Bilateral", "Posterior", "Small", "2")),
        ("bl", "Bladder", "Smooth wall, no diverticulum.", ("Midline", "Anterior", "Medium", "1")),
        ("rec", "Rectum", "Unremarkable.", ("Midline", "Posterior", "Small", "1")),
        ("ln", "Pelvic lymph nodes", "None enlarged on either side.", ("Bilateral", "—", "—", "0")),
        ("bones", "Bones", "No sclerotic focus.", ("—", "—", "—", "—")),
    ],
    "brain": [
        ("vent", "Ventricles", "Normal size, symmetric; no hydrocephalus.", ("Bilateral", "Central", "Medium", "2")),
        ("mid", "Midline", "No shift.", ("Midline", "—", "—", "—")),
        ("xax", "Extra-axial spaces", "No collection on either side.", ("—", "—", "—", "0")),
        ("pf", "Posterior fossa", "Cerebellum and brainstem normal.", ("Midline", "Posterior", "—", "—")),
        ("ves", "Flow voids", "Preserved.", ("—", "—", "—", "—")),
    ],
}
SKIP = {"spleen": {"spleen", "ladr", "radr"}, "liver lesions": {"liver", "ladr", "radr"},
        "right kidney": {"rk", "ladr", "radr"}, "left kidney": {"lk", "ladr", "radr"},
        "kidneys": {"rk", "lk", "ladr", "radr"}, "right adrenal gland": {"adr", "radr"},
        "left adrenal gland": {"adr", "ladr"}, "lung nodules": set(), "pleural effusion": {"pleura"},
        "ovaries": set(), "prostate": set(), "brain metastases": set()}

NUMW = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}


def fmt_pct(x):
    return f"{x:.2f}" if x < 1 else f"{x:.1f}" if x < 10 else f"{x:.0f}"


def _cap(s):
    return s[:1].upper() + s[1:]


# ----------------------------------------------------------------------------------------------------------

class Writer:
    """Builds the texts; every phrase about the target goes through `claim` into the ledger."""

    def __init__(self, p, facts, rng, defect):
        self.p, self.f, self.rng, self.defect = p, facts, rng, defect
        self.t = T[p["target"]]
        self.name = p["target"]
        self.pl = self.t["pl"]
        self.lat, self.vert, self.size = facts["laterality"], facts["vertical"], facts["size_class"]
        self.pct = 100.0 * facts["area_fraction"]
        self.n = facts["components"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.ledger = []
        self.turn = 0
        self.planted = False

    # -- ledger
    def claim(self, kind, value, text, wrong=False, corrected=False):
        self.ledger.append({"turn": self.turn, "kind": kind, "value": value, "text": text, "planted": wrong,
                            "corrected": corrected})
        if wrong:
            assert not self.planted
            self.planted = True
        return text

    # -- grammar
    def subj(self, allow_name=True):
        r = self.rng
        opts = [("it", False), ("the mask", False), ("the segmented region", False)]
        if self.pl:
            opts += [("they", True), ("the " + self.name, True)]
        elif allow_name:
            opts += [("the " + self.name, False)]
        return r.choice(opts)

    @staticmethod
    def v(pl, sg, plural):
        return plural if pl else sg

    # -- wrong values
    def wrong(self, kind, rel=None):
        r = self.rng
        if kind == "lat":
            return OPP[self.lat] if self.lat in OPP else r.choice(["left", "right"])
        if kind == "vert":
            return OPP[self.vert] if self.vert in OPP else r.choice(["anterior", "posterior"])
        if kind == "rel":
            return (rel[0], OPP[rel[1]])
        if kind == "size":
            return {"small": "large", "large": "small"}.get(self.size) or ("large" if self.pct < 2.5 else "small")
        if kind == "pct":
            return self.pct * (r.uniform(3.0, 4.5) if r.random() < 0.6 or self.pct < 1.5 else r.uniform(0.15, 0.3))
        if kind == "count":
            if self.n == 1:
                return r.choice([2, 3])
            return r.choice([self.n - 1, self.n + 1])
        raise KeyError(kind)

    # -- phrases (value-driven; the ledger gets the value actually stated)
    def lat_phrase(self, val, wrong=False, conv=None):
        r = self.rng
        conv = r.random() < 0.35 if conv is None else conv
        if val in ("left", "right"):
            img = "right" if val == "left" else "left"
            if conv:
                ph = r.choice([f"on the {img} of the image, which is the patient's {val}",
                               f"on screen-{img}, i.e. the patient's {val} (radiological convention)",
                               f"displayed on the {img} side of the picture, so anatomically on the patient's {val}"])
            else:
                ph = r.choice([f"on the patient's {val}", f"{val}-sided", f"on the {val} side of the body",
                               f"in the {val} half of the patient", f"to the patient's {val}"])
        elif val == "midline":
            ph = r.choice(["in the midline", "centred on the midline", "straddling the midline",
                           "midline, favouring neither side"])
        else:
            ph = r.choice(["bilateral", "on both sides of the midline", "present on the left and on the right",
                           "split across both sides"])
        return self.claim("lat", val, ph, wrong)

    def lat_neg(self):
        """a true negation about the side (only next to true statements)"""
        r = self.rng
        if self.lat in ("left", "right"):
            o = OPP[self.lat]
            ph = r.choice([f"not on the patient's {o}", f"nothing on the patient's {o} side",
                           f"it is not a {o}-sided finding"])
            return self.claim("lat_not", o, ph)
        if self.lat == "midline":
            ph = r.choice(["not lateralised to either side", "neither left- nor right-sided"])
            return self.claim("lat_not", "left", ph)
        ph = r.choice(["not confined to one side", "not a one-sided finding"])
        return self.claim("lat_not", r.choice(["left", "right"]), ph)

    def vert_phrase(self, val, wrong=False):
        r = self.rng
        ph = {"anterior": ["anterior", "toward the front", "in the front half of the slice", "ventrally placed",
                           "in an anterior position"],
              "posterior": ["posterior", "toward the back", "in the back half of the slice", "dorsally placed",
                            "in a posterior position"],
              "central": ["central front-to-back", "at mid-depth", "roughly central in the anteroposterior axis",
                          "neither clearly anterior nor posterior"]}[val]
        return self.claim("vert", val, r.choice(ph), wrong)

    def rel_phrase(self, rel, wrong=False):
        other, rr = rel
        r = self.rng
        ph = {"left_of": [f"to the patient's left of the {other}", f"left of the {other}"],
              "right_of": [f"to the patient's right of the {other}", f"right of the {other}"],
              "anterior_to": [f"in front of the {other}", f"anterior to the {other}", f"ventral to the {other}"],
              "posterior_to": [f"behind the {other}", f"posterior to the {other}", f"dorsal to the {other}"]}[rr]
        return self.claim("rel", [other, rr], r.choice(ph), wrong)

    def size_phrase(self, val, wrong=False):
        r = self.rng
        ph = {"small": ["small", "a small region", "on the small side"],
              "medium": ["medium-sized", "mid-sized", "moderate in size", "medium"],
              "large": ["large", "big", "sizeable", "a large region"]}[val]
        return self.claim("size", val, r.choice(ph), wrong)

    def pct_phrase(self, val, wrong=False):
        r = self.rng
        s = fmt_pct(val)
        ph = r.choice([f"{s}% of the image", f"about {s}% of the slice", f"roughly {s} percent of the image area",
                       f"~{s}% of the field"])
        return self.claim("pct", round(val, 4), ph, wrong)

    def count_phrase(self, val, wrong=False):
        r = self.rng
        les = self.t["lesion"]
        if val == 1:
            ph = r.choice(["a single connected piece", "one contiguous region", "one component",
                           "a single region with no separate islands"] +
                          ([f"a solitary {les}", f"just one {les}"] if les else []))
        else:
            w = NUMW[val] if r.random() < 0.6 else str(val)
            nouns = ["separate pieces", "distinct regions", "separate components", "disconnected parts"]
            if les:
                nouns += [("metastases" if les == "metastasis" else les + "s")] * 2
            ph = f"{w} {r.choice(nouns)}"
        return self.claim("count", val, ph, wrong)

    def count_neg(self):
        r = self.rng
        if self.n == 1:
            ph = r.choice(["no second separate focus", "no stray islands", "nothing disconnected"])
        else:
            ph = r.choice([f"not a single blob", "not one continuous region", "not a single piece"])
        return self.claim("count_not", 2 if self.n == 1 else 1, ph)


# ----------------------------------------------------------------------------------------------------------
# the plan: which kinds are stated where, which one is planted

BLOCK = {"laterality": ["lat"], "position": ["vert", "rel"], "size": ["size", "pct"], "count": ["count"]}
TOPIC_OF = {"lat": "side", "vert": "position", "rel": "neighbours", "size": "size", "pct": "size",
            "count": "count"}


def lesion_rows(w, ells):
    """per-lesion rows from the drawn geometry: (number, side, ap, rank)"""
    areas = [math.pi * rx * ry for _, _, rx, ry in ells]
    order = sorted(range(len(ells)), key=lambda i: -areas[i])
    out = []
    for i, (cx, cy, rx, ry) in enumerate(ells):
        side = "Left" if cx > 143 else "Right" if cx < 112 else "Midline"
        ap = "Anterior" if cy < 112 else "Posterior" if cy > 143 else "Mid"
        rank = "largest" if i == order[0] else "smallest" if i == order[-1] else "intermediate"
        out.append((i + 1, side, ap, rank))
    return out


def build(p, facts, style, rng, defect):
    w = Writer(p, facts, rng, defect)
    r = rng
    t = w.t
    kinds_all = ["lat", "vert", "size", "pct", "count"] + (["rel"] if w.rels else [])
    dk = None  # planted kind
    where = None
    plant_rel = None
    if defect in BLOCK:
        opts = [k for k in BLOCK[defect] if k in kinds_all]
        dk = r.choice(opts)
        if dk == "rel":
            plant_rel = r.choice(w.rels)
        x = r.random()
        where = "user" if x < 0.2 else "follow" if x < 0.4 else "first"
    block = set(BLOCK.get(defect, []))
    nrounds = 3 if (where in ("follow", "user") or r.random() < 0.55) else 2

    # first answer kinds
    first = set(r.sample(["lat", "vert", "size", "pct", "count"], r.randint(3, 5)))
    if w.rels and r.random() < 0.7:
        first.add("rel")
    if where in ("follow", "user"):
        first -= block
    if where == "first":
        first.add(dk)
        if dk in ("size", "pct"):
            first -= {"size", "pct"} - {dk}
    turns = []

    # ---- first user question
    w.turn = 0
    turns.append({"role": "user", "content": first_question(w, style, defect == "names_target")})
    # ---- first answer
    w.turn = 1
    turns.append({"role": "assistant", "content": first_answer(w, style, first, dk if where == "first" else None,
                                                               plant_rel)})
    # ---- follow-ups
    stated = set(first)
    avoid = block if defect in BLOCK else set()
    topics = ["side", "position", "size", "count", "summary", "knowledge", "misconception"]
    if w.rels:
        topics.append("neighbours")
    plan = []
    free = [tp for tp in topics if not _topic_hits(tp, avoid)]
    for k in range(nrounds - 1):
        plan.append(r.choice(free))
    if where == "follow":
        plan[r.randrange(len(plan))] = "PLANT"
    elif where == "user":
        plan[r.randrange(len(plan))] = "PREMISE"
    # at most one misconception
    seen_mis = False
    for i, tp in enumerate(plan):
        if tp == "misconception":
            if seen_mis:
                plan[i] = "knowledge"
            seen_mis = True
    for tp in plan:
        w.turn = len(turns)
        if tp == "PLANT":
            q, a = follow_plant(w, style, dk, plant_rel)
            turns.append({"role": "user", "content": q})
            w.turn = len(turns)
            turns.append({"role": "assistant", "content": a()})
            continue
        if tp == "PREMISE":
            other = r.choice([x for x in free if x not in ("misconception",)])
            q = premise_question(w, dk, plant_rel, other)
            turns.append({"role": "user", "content": q})
            w.turn = len(turns)
            turns.append({"role": "assistant", "content": follow_answer(w, style, other, avoid)})
            continue
        if tp == "misconception":
            mk = r.choice([k for k in ["lat", "vert", "size", "count"] if k not in avoid])
            q = misconception_question(w, mk)
            turns.append({"role": "user", "content": q})
            w.turn = len(turns)
            turns.append({"role": "assistant", "content": misconception_answer(w, mk)})
            continue
        turns.append({"role": "user", "content": follow_question(w, tp, avoid)})
        w.turn = len(turns)
        turns.append({"role": "assistant", "content": follow_answer(w, style, tp, avoid)})

    assert (defect in (None, "names_target")) == (not w.planted), (defect, where, plan)
    LEDGER[:] = w.ledger
    return turns, ([] if defect is None else [defect])


def _topic_hits(tp, avoid):
    return {"side": {"lat"}, "position": {"vert", "rel"}, "neighbours": {"rel", "vert"},
            "size": {"size", "pct"}, "count": {"count"}, "summary": set(), "knowledge": set(),
            "misconception": set()}[tp] & avoid != set()


# ----------------------------------------------------------------------------------------------------------
# first question

def first_question(w, style, name_it):
    r = w.rng
    t = w.t
    clue = r.choice(t["clues"])
    if name_it:
        nm = r.choice(t["named"])
        clue = r.choice([f"{nm} ({clue})", f"{nm}, i.e. {clue}", f"{nm}"])
    if "side_clue" in t and ("patient's " + t["side_clue"] in clue or t["side_clue"] + "-sided" in clue
                             or "on the " + t["side_clue"] in clue):
        w.claim("lat", t["side_clue"], t["side_clue"])
    if t.get("vert_clue") and "at the back" in clue:
        w.claim("vert", t["vert_clue"], "at the back")
    mod = record_for(w.p)["modality"]
    reg = {"abdomen": "abdominal", "chest": "chest", "pelvis_f": "pelvic", "pelvis_m": "pelvic",
           "brain": "head"}[w.p["region"]]
    scan = f"axial {mod} slice" if r.random() < 0.5 else f"{reg} {mod}"
    if style == "radreport_template":
        opts = [f"Please fill in a structured (RadReport-style) template for this {scan}. The finding I need "
                f"segmented is {clue}.",
                f"Structured report please, FINDINGS then IMPRESSION, for this {scan}. Segment {clue} and put it "
                f"in the right field.",
                f"Can you draft the templated report for this {scan} and segment {clue}?"]
    elif style == "checklist_boxes":
        opts = [f"Run your QA checklist on this {scan}: segment {clue} and tick the boxes.",
                f"Checklist format please ([x] / [ ]). Which structure here is {clue}? Segment it.",
                f"On this {scan}, find and segment {clue}, then give me the tick-box summary."]
    elif style == "markdown_table":
        opts = [f"Segment {clue} on this {scan} and put it in a markdown table next to the other structures.",
                f"I'd like a table (structure | side | position | size | pieces). First, segment {clue}.",
                f"Tumour-board style table please for this {scan}: segment {clue}."]
    else:
        opts = [f"Go through this {scan} organ by organ, and segment {clue} when you get to it.",
                f"Organ-by-organ review please. Which structure is {clue}? Segment it.",
                f"Can you review each structure in turn on this {scan} and mask {clue}?"]
    return r.choice(opts)


# ----------------------------------------------------------------------------------------------------------
# first answer

def _vals(w, kinds, dk, plant_rel):
    """stated value per kind for the first answer (planted kind gets the wrong value)"""
    vals = {}
    for k in kinds:
        if k == "rel":
            continue
        vals[k] = (w.wrong(k), True) if k == dk else ({"lat": w.lat, "vert": w.vert, "size": w.size,
                                                        "pct": w.pct, "count": w.n}[k], False)
    rels = []
    if "rel" in kinds:
        if dk == "rel":
            rels.append((w.wrong("rel", plant_rel), True))
            extra = [x for x in w.rels if x[0] != plant_rel[0]]
        else:
            extra = list(w.rels)
        w.rng.shuffle(extra)
        for x in extra[: w.rng.randint(0 if dk == "rel" else 1, 2)]:
            rels.append((x, False))
        w.rng.shuffle(rels)
    return vals, rels


def other_rows(w):
    rows = [x for x in ROWS[w.p["region"]] if x[0] not in SKIP[w.name]]
    rows = [x for x in rows if not (w.p["region"] == "abdomen" and x[0] in ("ladr", "radr")
                                    and not w.name.endswith("adrenal gland"))]
    k = min(len(rows), w.rng.randint(3, 5))
    keep = sorted(w.rng.sample(range(len(rows)), k))
    return [rows[i] for i in keep]


def first_answer(w, style, kinds, dk, plant_rel):
    r = w.rng
    vals, rels = _vals(w, kinds, dk, plant_rel)
    nm = w.name
    label = _cap(nm)
    rows = other_rows(w)
    kn = r.sample(w.t["kn"], 2)
    les = w.t["lesion"]
    lr = lesion_rows(w, w.p.get("_last_ellipses", w.p["ellipses"])) if les and w.n == len(w.p["ellipses"]) else None

    def cell(k, short=False):
        if k not in vals:
            return "—"
        val, wr = vals[k]
        if k == "lat":
            txt = {"left": ["Left", "L", "Left (image right)"], "right": ["Right", "R", "Right (image left)"],
                   "midline": ["Midline", "Midline"], "bilateral": ["Bilateral", "Both sides"]}[val]
            return w.claim("lat", val, r.choice(txt), wr)
        if k == "vert":
            txt = {"anterior": ["Anterior", "Ant."], "posterior": ["Posterior", "Post."],
                   "central": ["Central", "Mid (AP)"]}[val]
            return w.claim("vert", val, r.choice(txt), wr)
        if k == "size":
            return w.claim("size", val, r.choice([val, _cap(val)]), wr)
        if k == "pct":
            return w.claim("pct", round(val, 4), f"{fmt_pct(val)}%", wr)
        if k == "count":
            return w.claim("count", val, str(val), wr)

    def rel_text():
        if not rels:
            return ""
        return " and ".join(w.rel_phrase(x, wr) for x, wr in rels)

    def prose_facts():
        """sentences for the stated kinds, in a random order"""
        out = []
        order = [k for k in ["lat", "vert", "size", "pct", "count", "rel"] if k in vals or (k == "rel" and rels)]
        r.shuffle(order)
        sz_done = False
        for k in order:
            s, pl = w.subj()
            S = _cap(s)
            if k == "lat":
                val, wr = vals[k]
                txt = f"{S} {w.v(pl, 'is', 'are')} {w.lat_phrase(val, wr)}"
                if not wr and r.random() < 0.5:
                    txt += f"; {w.lat_neg()}"
                out.append(txt + ".")
            elif k == "vert":
                val, wr = vals[k]
                vp = w.vert_phrase(val, wr)
                out.append(r.choice([f"Front-to-back, {s} {w.v(pl, 'is', 'are')} {vp}.",
                                     f"{S} {w.v(pl, 'lies', 'lie')} {vp}."]))
            elif k in ("size", "pct") and not sz_done:
                sz_done = True
                parts = []
                if "size" in vals:
                    parts.append(w.size_phrase(*vals["size"]))
                if "pct" in vals:
                    parts.append(w.pct_phrase(*vals["pct"]))
                if len(parts) == 2:
                    out.append(f"Size: {parts[0]}, {parts[1]}.")
                elif "size" in vals:
                    out.append(f"{S} {w.v(pl, 'is', 'are')} {parts[0]}.")
                else:
                    out.append(f"{S} {w.v(pl, 'covers', 'cover')} {parts[0]}.")
            elif k == "count":
                val, wr = vals[k]
                cp = w.count_phrase(val, wr)
                txt = (f"The mask is {cp}" if val == 1 else
                       r.choice([f"The mask consists of {cp}", f"I count {cp}"]))
                if not wr and r.random() < 0.4:
                    txt += f" ({w.count_neg()})"
                out.append(txt + ".")
            elif k == "rel":
                out.append(f"{S} {w.v(pl, 'sits', 'sit')} {rel_text()}.")
        return out

    seg_line = r.choice([f"{label} [SEG]", f"This is {nm} [SEG].", f"Segmented: {nm} [SEG]",
                         f"The structure you describe is {nm} [SEG]."])
    conv = r.choice(["Sides below are the patient's, not the screen's (radiological convention: the patient's "
                     "left is on the image's right).",
                     "Reminder: axial images are viewed from the feet, so the patient's right is on the left of "
                     "the screen.",
                     "All sides are given in patient terms.", ""])

    if style == "radreport_template":
        lines = ["EXAMINATION: " + {"abdomen": "CT abdomen, portal venous phase", "chest": "CT chest",
                                    "pelvis_f": "MRI pelvis", "pelvis_m": "MRI prostate/pelvis",
                                    "brain": "MRI brain with contrast"}[w.p["region"]],
                 r.choice(["COMPARISON: None.", "TECHNIQUE: Single axial slice reviewed.", "CLINICAL: As per request."]),
                 "FINDINGS:"]
        facts_s = " ".join(prose_facts())
        tgt = f"- {label}: [SEG] {facts_s}"
        if lr and r.random() < 0.6:
            tgt += " Individually: " + "; ".join(f"#{i} {s.lower()}, {a.lower()}, {k}" for i, s, a, k in lr) + "."
        oth = [f"- {lab}: {line}" for _, lab, line, _ in rows]
        pos = r.randint(0, len(oth))
        lines += oth[:pos] + [tgt] + oth[pos:]
        lines += ["", "IMPRESSION:", f"1. {_cap(nm)} segmented as above.",
                  f"2. {kn[0]}" if r.random() < 0.5 else f"2. No other acute finding. {kn[0]}"]
        if conv:
            lines.insert(1, f"NOTE: {conv}")
        return "\n".join(lines)

    if style == "checklist_boxes":
        lines = [f"QA checklist — {nm}", f"[x] Target identified and masked: {nm} [SEG]"]
        order = [k for k in ["lat", "vert", "size", "count", "rel"] if k in vals or (k == "rel" and rels)
                 or (k == "size" and "pct" in vals)]
        r.shuffle(order)
        for k in order:
            if k == "lat":
                val, wr = vals["lat"]
                opts = ["left", "right", "midline", "bilateral"]
                txt = "  ".join(("[x] " if o == val else "[ ] ") + _cap(o) for o in opts)
                lines.append("Side (patient): " + w.claim("lat", val, txt, wr))
            elif k == "vert":
                val, wr = vals["vert"]
                opts = ["anterior", "central", "posterior"]
                txt = "  ".join(("[x] " if o == val else "[ ] ") + _cap(o) for o in opts)
                lines.append("AP position: " + w.claim("vert", val, txt, wr))
            elif k == "size":
                parts = []
                if "size" in vals:
                    val, wr = vals["size"]
                    parts.append(w.claim("size", val, "  ".join(("[x] " if o == val else "[ ] ") + o for o in
                                                                 ["small", "medium", "large"]), wr))
                if "pct" in vals:
                    parts.append("(" + w.pct_phrase(*vals["pct"]) + ")")
                lines.append("Size class: " + " ".join(parts))
            elif k == "count":
                val, wr = vals["count"]
                if val == 1:
                    lines.append(w.claim("count", 1, r.choice(["[ ] Multiple components", "[x] Single component"]),
                                         wr))
                else:
                    lines.append(w.claim("count", val, f"[x] Multiple components: {val}", wr))
            elif k == "rel":
                lines.append(f"[x] Relation checked: {rel_text()}")
        for _, lab, _, cells in rows:
            side, ap, size, cnt = cells
            bits = [b.lower() for b in (side, size) if b != "—"]
            lines.append(r.choice([f"[ ] {lab} included in mask (no; reviewed separately: {', '.join(bits) or 'n/a'})",
                                   f"[x] {lab} reviewed — {', '.join(bits) or 'normal'}, not part of the target"]))
        if lr:
            lines.append("Per lesion: " + "; ".join(f"[x] #{i} {s} {a}" for i, s, a, _ in lr))
        lines.append(r.choice(["[ ] Laterality flipped by the viewer (checked: the header is LP)",
                               "[ ] Mask spills into an adjacent organ"]))
        out = "\n".join(lines)
        return out + ("\n\n" + conv if conv else "") + ("\n" + kn[0] if r.random() < 0.6 else "")

    if style == "markdown_table":
        head = "| Structure | Side | AP position | Size | Pieces | Comment |\n|---|---|---|---|---|---|"
        sz = []
        if "size" in vals:
            sz.append(cell("size"))
        if "pct" in vals:
            sz.append(cell("pct"))
        tgt = (f"| **{label}** [SEG] | {cell('lat')} | {cell('vert')} | {' / '.join(sz) or '—'} | "
               f"{cell('count')} | {rel_text() or 'target'} |")
        body = [f"| {lab} | {c[0]} | {c[1]} | {c[2]} | {c[3]} | reference |" for _, lab, _, c in rows]
        pos = r.randint(0, len(body))
        body = body[:pos] + [tgt] + body[pos:]
        out = head + "\n" + "\n".join(body)
        if lr and r.random() < 0.7:
            out += ("\n\nPer-lesion breakdown:\n\n| # | Side | AP | Relative size |\n|---|---|---|---|\n" +
                    "\n".join(f"| {i} | {s} | {a} | {k} |" for i, s, a, k in lr))
        pre = r.choice([f"{_cap(nm)} is the target row (bold).", f"Here's the table; the target is {nm}.",
                        "Target row in bold; the other rows are for orientation only."])
        return pre + "\n\n" + out + ("\n\n" + conv if conv else "") + "\n\n" + kn[0]

    # organ_by_organ
    lines = [r.choice(["Going organ by organ:", "Review, structure by structure:", "Organ-by-organ:"])]
    oth = [f"{lab} — {line}" for _, lab, line, _ in rows]
    facts_s = " ".join(prose_facts())
    tgt = f"{label} — this is the one you asked for. [SEG] {facts_s}"
    if lr and r.random() < 0.5:
        tgt += " Lesion by lesion: " + ", ".join(f"#{i} {s.lower()} and {a.lower()}" for i, s, a, _ in lr) + "."
    pos = r.randint(0, len(oth))
    lines += oth[:pos] + [tgt] + oth[pos:]
    if conv:
        lines.append(conv)
    lines.append(kn[0])
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------------------
# follow-ups

def follow_question(w, tp, avoid):
    r = w.rng
    nm = w.name
    if tp == "side":
        if r.random() < 0.3 and "lat" not in avoid:
            lp = w.lat_phrase(w.lat, conv=False)
            return r.choice([f"So it's {lp}, right? And is that the patient's side or the screen's?",
                             f"Just to confirm, {lp}?"])
        return r.choice(["Which side is it on?", "Left or right — patient's side, please.",
                         "Is that the patient's left or the screen's left?", "Which side of the body?"])
    if tp == "position":
        return r.choice(["Is it toward the front or the back?", "Anterior or posterior?",
                         "Where does it sit front-to-back?", "AP position?"])
    if tp == "neighbours":
        return r.choice(["How does it relate to the structures around it?", "What are its neighbours?",
                         "Where is it relative to the other labelled structures?"])
    if tp == "size":
        return r.choice(["How big is it?", "How much of the slice does it take up?",
                         "Would you call it small or large?", "Size, roughly?"])
    if tp == "count":
        return r.choice(["How many separate pieces are there?", "Is it one piece or several?",
                         "How many did you count?", "Number of components?"])
    if tp == "summary":
        return r.choice(["Summarise the target row in one line.", "Give me just the key facts again.",
                         "One-line summary for the report?"])
    return r.choice(["Anything about the neighbouring organs I should know?", "Any background worth adding?",
                     "What's the usual anatomy here?"])


def follow_answer(w, style, tp, avoid):
    r = w.rng
    kn = r.choice(w.t["kn"])
    s, pl = w.subj()
    S = _cap(s)
    isv = w.v(pl, "is", "are")
    if tp == "side":
        ans = f"{S} {isv} {w.lat_phrase(w.lat)}."
        if r.random() < 0.6:
            ans += f" To be explicit, {w.lat_neg()}."
        if w.lat in ("left", "right") and r.random() < 0.5:
            img = OPP[w.lat]
            ans += (f" On the monitor it shows up on the {img}, because axial images are viewed as if from the "
                    f"patient's feet.")
        return ans + " " + kn
    if tp == "position":
        ans = f"{S} {isv} {w.vert_phrase(w.vert)}."
        if w.rels and "rel" not in avoid and r.random() < 0.6:
            ans += f" It sits {w.rel_phrase(r.choice(w.rels))}."
        return ans + r.choice(["", " (Position is judged from the centroid relative to the middle of the slice.)"])
    if tp == "neighbours":
        rr = r.sample(w.rels, min(len(w.rels), r.randint(1, 2)))
        ans = f"{S} {w.v(pl, 'lies', 'lie')} " + " and ".join(w.rel_phrase(x) for x in rr) + "."
        return ans + " " + kn
    if tp == "size":
        sp, pp = w.size_phrase(w.size), w.pct_phrase(w.pct)
        ans = r.choice([f"{S} {isv} {sp}: {pp}.", f"That works out to {pp}, so {sp}."])
        if r.random() < 0.5:
            ans += " " + {"abdomen": "For comparison, the liver on an upper-abdominal slice is often over a fifth "
                                     "of the image; that number is about the liver, not this mask.",
                          "chest": "For scale, the heart alone often covers around a tenth of a mid-chest slice.",
                          "pelvis_f": "For scale, a full bladder can easily take up 5% or more of a pelvic slice.",
                          "pelvis_m": "For scale, a full bladder can easily take up 5% or more of a pelvic slice.",
                          "brain": "For scale, the whole brain fills well over half of a slice like this."}[w.p["region"]]
        return ans
    if tp == "count":
        cp = w.count_phrase(w.n)
        ans = r.choice([f"The mask is {cp}.", f"It comes out as {cp}."])
        if r.random() < 0.5:
            ans += f" So {w.count_neg()}."
        if w.n == 1 and r.random() < 0.5:
            ans += " If there were a separate satellite focus it would show up as a second component."
        return ans
    if tp == "summary":
        parts = []
        if "lat" not in avoid:
            parts.append(w.lat_phrase(w.lat, conv=False))
        if "vert" not in avoid:
            parts.append(w.vert_phrase(w.vert))
        if "size" not in avoid:
            parts.append(w.size_phrase(w.size))
            if r.random() < 0.5:
                parts.append(w.pct_phrase(w.pct))
        if "count" not in avoid:
            parts.append(w.count_phrase(w.n))
        if style == "markdown_table":
            return f"| {_cap(w.name)} | " + " | ".join(parts) + " |"
        if style == "checklist_boxes":
            return "\n".join(f"[x] {x}" for x in parts)
        return f"{_cap(w.name)}: " + "; ".join(parts) + "."
    # knowledge
    return " ".join(r.sample(w.t["kn"], 2))


def follow_plant(w, style, dk, plant_rel):
    r = w.rng
    q = follow_question(w, {"lat": "side", "vert": "position", "rel": "neighbours", "size": "size", "pct": "size",
                            "count": "count"}[dk], {"lat", "vert", "rel", "size", "pct", "count"})

    def ans():
        s, pl = w.subj()
        S = _cap(s)
        isv = w.v(pl, "is", "are")
        if dk == "lat":
            return f"{S} {isv} {w.lat_phrase(w.wrong('lat'), True)}. " + r.choice(w.t["kn"])
        if dk == "vert":
            return f"{S} {isv} {w.vert_phrase(w.wrong('vert'), True)}."
        if dk == "rel":
            return f"{S} {w.v(pl, 'lies', 'lie')} {w.rel_phrase(w.wrong('rel', plant_rel), True)}. " + r.choice(w.t["kn"])
        if dk == "size":
            return f"{S} {isv} {w.size_phrase(w.wrong('size'), True)}."
        if dk == "pct":
            return f"{S} {w.v(pl, 'covers', 'cover')} {w.pct_phrase(w.wrong('pct'), True)}."
        if dk == "count":
            v = w.wrong("count")
            return (f"The mask is {w.count_phrase(v, True)}." if v == 1 else
                    f"I count {w.count_phrase(v, True)}.")
    return q, ans


def premise_question(w, dk, plant_rel, other):
    r = w.rng
    nxt = {"side": "which side would you report?", "position": "where does it sit front-to-back?",
           "neighbours": "what are its neighbours?", "size": "how big is it?", "count": "how many pieces are there?",
           "summary": "can you summarise?", "knowledge": "anything else worth knowing about this region?"}[other]
    if dk == "lat":
        lead = f"Since it's {w.lat_phrase(w.wrong('lat'), True, conv=False)}"
    elif dk == "vert":
        lead = f"Given that it lies {w.vert_phrase(w.wrong('vert'), True)}"
    elif dk == "rel":
        lead = f"OK, so it sits {w.rel_phrase(w.wrong('rel', plant_rel), True)}"
    elif dk == "size":
        lead = f"As it's {w.size_phrase(w.wrong('size'), True)}"
    elif dk == "pct":
        lead = f"With it covering {w.pct_phrase(w.wrong('pct'), True)}"
    else:
        v = w.wrong("count")
        lead = ("Since it's " + w.count_phrase(v, True)) if v == 1 else ("Since there are " + w.count_phrase(v, True))
    return f"{lead} — {nxt}"


def misconception_question(w, mk):
    r = w.rng
    if mk == "lat":
        bad = OPP.get(w.lat, r.choice(["left", "right"]))
        if w.lat in ("left", "right"):
            return w.claim("lat", bad, r.choice([f"It's on the {bad} of my screen, so it's {bad}-sided, isn't it?",
                                                 f"It's {bad}-sided, isn't it? That's how it looks to me."]),
                           corrected=True)
        return w.claim("lat", bad, f"Isn't it only on the {bad}?", corrected=True)
    if mk == "vert":
        bad = OPP.get(w.vert, r.choice(["anterior", "posterior"]))
        return w.claim("vert", bad, f"I'd have said it was {bad}. Am I wrong?", corrected=True)
    if mk == "size":
        bad = "large" if w.size == "small" else "small"
        return w.claim("size", bad, f"Looks {bad} to me, no?", corrected=True)
    bad = w.wrong("count")
    if bad == 1:
        return w.claim("count", 1, "I only see one blob, so it's a single piece?", corrected=True)
    return w.claim("count", bad, f"I think I see {NUMW[bad]} separate bits. Right?", corrected=True)


def misconception_answer(w, mk):
    r = w.rng
    s, pl = w.subj()
    isv = w.v(pl, "is", "are")
    no = r.choice(["No —", "Not quite:", "Actually, no:", "I'd disagree:"])
    if mk == "lat":
        ans = f"{no} {s} {isv} {w.lat_phrase(w.lat, conv=True) if w.lat in ('left', 'right') else w.lat_phrase(w.lat)}."
        if w.lat in ("left", "right"):
            ans += (f" It's easy to be caught out: the viewer puts the patient's {w.lat} on the "
                    f"{OPP[w.lat]} of the screen.")
        return ans
    if mk == "vert":
        return f"{no} {s} {isv} {w.vert_phrase(w.vert)}; the centroid is what I go by."
    if mk == "size":
        return f"{no} {s} {isv} {w.size_phrase(w.size)}, at {w.pct_phrase(w.pct)}."
    return f"{no} the mask is {w.count_phrase(w.n)}. Partial-volume edges can make it look otherwise."


def pick_profile(profiles, i, defect, rng):
    """a target first (each about equally often), then one of its geometries"""
    targets = sorted({p["target"] for p in profiles})
    t = rng.choice(targets)
    return rng.choice([p for p in profiles if p["target"] == t])
