"""Bank FG: oncology follow-up and comparison reports on CT/MR.

Targets: liver metastases (one lobe, both lobes, single, large), lung nodule(s) / lung metastases (axial and
coronal), adrenal mass (left, right), kidney tumour (left, right), brain metastases (single, one-sided,
bilateral), lymph nodes (midline subcarinal, bilateral retroperitoneal). Many profiles have several
separate lesions, both sides or a midline mask.

Registers (STYLES): "structured" (a structured oncology follow-up report with COMPARISON / FINDINGS /
IMPRESSION), "tumourboard" (a tumour-board summary), "llmcompare" (an LLM assistant comparing two
timepoints for a patient or relative), "recist" (a terse RECIST worksheet).

Every row talks about a prior study: prior counts, prior sizes in mm/cm, volumes in mL, RECIST sums, %
change of the sum and response categories. Statements about the prior are true by construction and may
differ from the current mask; physical sizes (mm, cm, mL) are not image shares. Only statements about the
CURRENT mask are claims; a defect changes exactly one of them (side, vertical position or relation, size
class or image percent, number of separate lesions) or names the target in the first question.

Written without reading QC.

Own check (/work/notes/qcfg_scripts/check_fg.py, a ledger of every claim kept by `build` in LEDGER, plus
text checks): rows: 420 clean: 210 defects: 210 (42 per kind) problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["structured", "tumourboard", "llmcompare", "recist"]

# every claim `build` makes about the current mask: one entry per row, in build order (used by the own check)
LEDGER: list[dict] = []

_ABD = 1.45   # mm per pixel, 370 mm field of view on a 256 matrix
_CHEST = 1.40
_HEAD = 0.94

PROFILES = [
    dict(key="liver_right_multi", target="liver metastases", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="liver", kind="liver", one="lesion", many="lesions",
         ell=[(70, 100, 13, 11), (97, 138, 9, 8), (58, 150, 7, 6)],
         others={"aorta": (0.53, 0.62), "stomach": (0.66, 0.40)}),
    dict(key="liver_both_lobes", target="liver metastases", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="liver", kind="liver", one="lesion", many="lesions",
         ell=[(75, 112, 12, 10), (162, 92, 9, 8)],
         others={"aorta": (0.53, 0.63), "inferior vena cava": (0.45, 0.58)}),
    dict(key="liver_single", target="liver metastases", modality="MR", region="abdomen", orient="LP",
         mm=_ABD, organ="liver", kind="liver", one="lesion", many="lesions",
         ell=[(80, 112, 16, 14)],
         others={"aorta": (0.53, 0.62), "inferior vena cava": (0.45, 0.57)}),
    dict(key="liver_large", target="liver metastases", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="liver", kind="liver", one="lesion", many="lesions",
         ell=[(86, 112, 37, 32)],
         others={"aorta": (0.54, 0.64), "stomach": (0.68, 0.38)}),
    dict(key="liver_coronal", target="liver metastases", modality="MR", region="abdomen", orient="LI",
         mm=_ABD, organ="liver", kind="liver", one="lesion", many="lesions",
         ell=[(80, 142, 10, 9), (98, 174, 8, 7)],
         others={"right hemidiaphragm": (0.30, 0.38), "right kidney": (0.30, 0.80)}),
    dict(key="lung_right", target="lung nodule", modality="CT", region="chest", orient="LP",
         mm=_CHEST, organ="lung", kind="lung", one="nodule", many="nodules",
         ell=[(68, 108, 5, 5)],
         others={"heart": (0.57, 0.42), "descending aorta": (0.58, 0.66)}),
    dict(key="lung_left", target="lung nodule", modality="CT", region="chest", orient="LP",
         mm=_CHEST, organ="lung", kind="lung", one="nodule", many="nodules",
         ell=[(186, 160, 6, 5)],
         others={"heart": (0.56, 0.40), "vertebral body": (0.50, 0.76)}),
    dict(key="lung_mets_bilat", target="lung metastases", modality="CT", region="chest", orient="LP",
         mm=_CHEST, organ="lung", kind="lungmets", one="nodule", many="nodules",
         ell=[(64, 98, 6, 6), (192, 122, 5, 5), (82, 168, 5, 4)],
         others={"heart": (0.55, 0.40), "descending aorta": (0.58, 0.66)}),
    dict(key="lung_coronal", target="lung nodule", modality="CT", region="chest", orient="LI",
         mm=_CHEST, organ="lung", kind="lung", one="nodule", many="nodules",
         ell=[(78, 62, 6, 6)],
         others={"right hemidiaphragm": (0.30, 0.66), "heart": (0.56, 0.62)}),
    dict(key="adrenal_left", target="adrenal mass", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="adrenal", kind="adrenal", one="nodule", many="nodules",
         ell=[(162, 150, 9, 7)],
         others={"aorta": (0.53, 0.60), "left kidney": (0.71, 0.70)}),
    dict(key="adrenal_right", target="adrenal mass", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="adrenal", kind="adrenal", one="nodule", many="nodules",
         ell=[(88, 146, 10, 8)],
         others={"inferior vena cava": (0.43, 0.49), "aorta": (0.53, 0.60)}),
    dict(key="kidney_left", target="kidney tumour", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="kidney", kind="kidney", one="mass", many="masses",
         ell=[(180, 166, 15, 13)],
         others={"aorta": (0.53, 0.60), "spleen": (0.74, 0.44)}),
    dict(key="kidney_right", target="kidney tumour", modality="MR", region="abdomen", orient="LP",
         mm=_ABD, organ="kidney", kind="kidney", one="mass", many="masses",
         ell=[(78, 166, 18, 15)],
         others={"aorta": (0.53, 0.60), "liver": (0.30, 0.36)}),
    dict(key="brain_bilat", target="brain metastases", modality="MR", region="head", orient="LP",
         mm=_HEAD, organ="brain", kind="brain", one="lesion", many="lesions",
         ell=[(84, 88, 8, 7), (176, 150, 9, 8), (150, 66, 5, 5)],
         others={"third ventricle": (0.50, 0.50)}),
    dict(key="brain_left", target="brain metastases", modality="MR", region="head", orient="LP",
         mm=_HEAD, organ="brain", kind="brain", one="lesion", many="lesions",
         ell=[(172, 118, 13, 11)],
         others={"third ventricle": (0.50, 0.50), "left lateral ventricle": (0.56, 0.44)}),
    dict(key="brain_right_two", target="brain metastases", modality="MR", region="head", orient="LP",
         mm=_HEAD, organ="brain", kind="brain", one="lesion", many="lesions",
         ell=[(80, 98, 8, 8), (68, 160, 6, 6)],
         others={"third ventricle": (0.50, 0.50)}),
    dict(key="node_subcarinal", target="lymph nodes", modality="CT", region="chest", orient="LP",
         mm=_CHEST, organ="mediastinum", kind="node", one="node", many="nodes",
         ell=[(128, 142, 11, 9)],
         others={"descending aorta": (0.59, 0.67), "ascending aorta": (0.52, 0.36)}),
    dict(key="node_retroperitoneal", target="lymph nodes", modality="CT", region="abdomen", orient="LP",
         mm=_ABD, organ="retroperitoneum", kind="node", one="node", many="nodes",
         ell=[(152, 148, 8, 9), (102, 146, 8, 8), (154, 176, 6, 6)],
         others={"aorta": (0.52, 0.60), "left kidney": (0.72, 0.66)}),
]


# ---------------------------------------------------------------- facts and records

def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    for cx, cy, rx, ry in p["ell"]:
        cx += rng.uniform(-2, 2)
        cy += rng.uniform(-2, 2)
        s = rng.uniform(0.93, 1.07)
        mask |= ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------- words

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}

# words the first question must avoid for each target (label, plural, synonyms, adjectival forms)
FORBIDDEN = {
    "liver metastases": ["liver", "hepat", "metast", "mets", "secondar", "deposit"],
    "lung nodule": ["lung", "pulmon", "nodul"],
    "lung metastases": ["lung", "pulmon", "nodul", "metast", "mets", "secondar", "deposit"],
    "adrenal mass": ["adrenal", "suprarenal", "mass"],
    "kidney tumour": ["kidney", "renal", "nephr", "tumour", "tumor", "rcc"],
    "brain metastases": ["brain", "cerebr", "intracran", "metast", "mets", "secondar", "deposit"],
    "lymph nodes": ["lymph", "node", "nodal", "adenopath", "gland"],
}

HINT = {  # implicit descriptions for the first question
    "liver": ["the lesions we are following in the organ that makes bile",
              "the spots in the big organ under the right hemidiaphragm that processes portal blood",
              "whatever has spread to the bile-producing organ",
              "the target lesions in the organ that detoxifies blood and stores glycogen"],
    "lung": ["the small round opacity in the chest we have been following",
             "the spot in the air-filled organ of the chest that was flagged last time",
             "the solitary opacity in the organ that does gas exchange"],
    "lungmets": ["the round spots scattered through the air spaces of the chest",
                 "the opacities in the gas-exchange organs that appeared after the sarcoma",
                 "all the round opacities in the chest fields"],
    "adrenal": ["the lesion in the small gland that sits on top of the kidney and makes cortisol",
                "the thing growing in the cortisol- and aldosterone-producing gland",
                "the incidentaloma in the gland above the kidney"],
    "kidney": ["the enhancing lesion in the organ that filters blood and makes urine",
               "the solid thing in the urine-producing organ",
               "the lesion in the organ that filters the blood, the one the urologists asked about"],
    "brain": ["the enhancing lesions on the head MR",
              "the ring-enhancing spots inside the skull",
              "the lesions the radiosurgery team treated"],
    "node": ["the enlarged immune filtering stations we have been measuring",
             "the enlarged bean-shaped immune structures",
             "the enlarged immune-system filter stations the oncologist wants measured"],
}


NAMED = {  # names_target versions of the first-question object
    "liver metastases": ["the liver metastases", "the hepatic metastases", "the liver mets",
                         "the metastatic lesions in the liver"],
    "lung nodule": ["the lung nodule", "the pulmonary nodule", "that nodule in the lung"],
    "lung metastases": ["the lung metastases", "the pulmonary metastases", "the lung mets"],
    "adrenal mass": ["the adrenal mass", "the adrenal nodule", "the adrenal lesion"],
    "kidney tumour": ["the kidney tumour", "the renal mass", "the renal tumour", "the RCC"],
    "brain metastases": ["the brain metastases", "the brain mets", "the cerebral metastases"],
    "lymph nodes": ["the lymph nodes", "the enlarged nodes", "the nodal disease"],
}

HISTORY = {
    "liver": ["colorectal adenocarcinoma on FOLFOX", "pancreatic cancer after Whipple, on gemcitabine",
              "breast cancer, HER2-positive, on trastuzumab", "uveal melanoma under surveillance"],
    "lung": ["62-year-old ex-smoker, incidental finding on a cardiac CT", "former smoker, 40 pack-years",
             "no known cancer, Fleischner follow-up"],
    "lungmets": ["osteosarcoma of the femur treated last year", "renal cell carcinoma after nephrectomy",
                 "soft-tissue sarcoma of the thigh"],
    "adrenal": ["lung adenocarcinoma, staging follow-up", "incidental finding, biochemistry pending",
                "melanoma on immunotherapy"],
    "kidney": ["haematuria last spring, on active surveillance", "von Hippel-Lindau syndrome",
               "incidental finding on a spine MR, surveillance"],
    "brain": ["small-cell lung cancer after chemo-radiotherapy", "melanoma on ipilimumab/nivolumab",
              "non-small-cell lung cancer, EGFR-mutant, on osimertinib"],
    "node": ["oesophageal cancer after neoadjuvant chemoradiotherapy", "testicular seminoma after orchidectomy",
             "cervical cancer after chemoradiation"],
}

KNOWLEDGE = {  # sentences about OTHER structures or populations (true by construction, not mask claims)
    "liver": ["The left renal vein crosses in front of the aorta just below the superior mesenteric artery.",
              "Roughly 50% of patients with colorectal cancer develop liver involvement at some point.",
              "The gallbladder fossa separates the right lobe from segment IV.",
              "Segments II and III lie to the left of the falciform ligament."],
    "lung": ["Fleischner guidance applies only to incidental nodules in adults over 35.",
             "The right lung has three lobes, the left lung two.",
             "About 95% of solid nodules under 6 mm are benign.",
             "The descending aorta runs down the left side of the spine."],
    "lungmets": ["The right lung has three lobes and the left two.",
                 "Haematogenous spread favours the lower lobes because they receive more blood flow.",
                 "Up to 20% of sarcoma patients present with disease in the chest."],
    "adrenal": ["The right adrenal gland normally lies behind the inferior vena cava.",
                "Incidental adrenal lesions turn up on about 4% of abdominal CTs.",
                "The left adrenal vein drains into the left renal vein.",
                "An unenhanced attenuation under 10 HU suggests a lipid-rich adenoma."],
    "kidney": ["The left renal vein passes in front of the aorta.",
               "The spleen sits above and lateral to the left kidney.",
               "About 60% of renal cancers are now found incidentally.",
               "The right kidney usually sits a little lower than the left because of the liver."],
    "brain": ["The falx cerebri separates the two hemispheres in the midline.",
              "About 20% of adults with cancer develop brain metastases.",
              "Radiation necrosis can mimic growth for 6 to 18 months after radiosurgery.",
              "The posterior fossa is the usual home of metastases from pelvic primaries."],
    "node": ["The thoracic duct runs up behind the oesophagus, to the right of the aorta.",
             "A short axis of 10 mm is the usual upper limit for a normal node, 15 mm for a RECIST target node.",
             "Left para-aortic nodes are the first station for a left testicular primary.",
             "The azygos vein arches over the right main bronchus."],
}

GENERIC_TRAPS = [  # hypotheticals, questions and rules: no claim about the current mask
    "If a lesion had appeared in another organ, that alone would be progression whatever the sum did.",
    "Would a 4 mm increase matter? Only if the sum also rose by at least 20% and 5 mm.",
    "A lesion under 10 mm on CT would count as non-measurable.",
    "Had the prior been done on a different scanner, I would be more cautious about small differences.",
    "Is the change real or just slice position? On a 5 mm slice a few millimetres can be partial volume.",
]

QUESTION_ASKS = {
    "side": {"structured": ["Which side is it on?", "Laterality for the report?"],
             "tumourboard": ["The surgeons will ask about side: which side?", "Left, right or both?"],
             "llmcompare": ["Which side of the body is it on?", "Is it on his left or his right?"],
             "recist": ["Side?", "Laterality?"]},
    "vertical": {"structured": ["Where does it sit front-to-back?", "Position in the slice?"],
                 "tumourboard": ["Anterior or posterior?", "Where in the cross-section is it?"],
                 "llmcompare": ["Is it toward the front or the back?", "Where in the picture is it, roughly?"],
                 "recist": ["Position?", "AP position?"]},
    "vertical_LI": {"structured": ["Where does it sit craniocaudally?"],
                    "tumourboard": ["Upper or lower?"],
                    "llmcompare": ["Is it high up or low down?"],
                    "recist": ["CC position?"]},
    "rel": {"structured": ["Relation to the neighbouring structures?"],
            "tumourboard": ["What does it sit next to?", "Relationship to the vessels?"],
            "llmcompare": ["What is it close to?", "How does it relate to what's around it?"],
            "recist": ["Neighbours?", "Rel. to adjacent structures?"]},
    "size": {"structured": ["How much of the image does the mask cover?", "Size on this slice?"],
             "tumourboard": ["How big is it on the slice?", "Image share of the segmentation?"],
             "llmcompare": ["How big is it in the picture?", "How much of the image is it?"],
             "recist": ["Mask share?", "Area on slice?"]},
    "count": {"structured": ["How many separate lesions are in the mask now?", "Lesion count on the current study?"],
              "tumourboard": ["How many are there now?", "Number of separate lesions today?"],
              "llmcompare": ["How many spots are there on the new scan?", "How many are there now?"],
              "recist": ["n lesions now?", "Count?"]},
    "summary": {"structured": ["Give me a one-line impression.", "Summarise for the report."],
                "tumourboard": ["One line for the minutes?", "Summarise for the board."],
                "llmcompare": ["Can you sum it up simply?", "So what's the bottom line?"],
                "recist": ["Summary line.", "Sum up."]},
}


# ---------------------------------------------------------------- helpers

def fmt_pct(x: float) -> str:
    if x < 0.1:
        return f"{x:.3f}"
    if x < 1:
        return f"{x:.2f}"
    if x < 10:
        return f"{x:.1f}"
    return f"{x:.0f}"


def noun(p, n):
    return p["one"] if n == 1 else p["many"]


def num(n, rng, words=0.5):
    return NUM.get(n, str(n)) if rng.random() < words else str(n)


def _physical(p, rng):
    """Longest diameters (mm) of the lesions as measured today: physical sizes, true by construction."""
    out = []
    for _, _, rx, ry in p["ell"]:
        d = 2 * max(rx, ry) * p["mm"] * rng.uniform(0.95, 1.05)
        out.append(int(round(d)))
    return out


class Row:
    """Turns plus the ledger of claims about the current mask."""

    def __init__(self):
        self.turns: list[dict] = []
        self.claims: list[dict] = []

    def add(self, role, text):
        self.turns.append({"role": role, "content": text})

    def claim(self, snippet, kind, value, status="asserted"):
        self.claims.append(dict(turn=len(self.turns), text=snippet, kind=kind, value=value, status=status))
        return snippet


# ---------------------------------------------------------------- claim renderers
# each renders one claim about the CURRENT mask with a given value (true or planted) and records it

def side_text(row, p, v, style, rng, subj):
    o = p["orient"]
    if v in ("left", "right"):
        img = "right" if v == "left" else "left"
        if style == "recist":
            forms = [f"Side: {v}.", f"{v[0].upper()} side.", f"Lat: {v}.", f"{v}-sided."]
        elif style == "structured":
            forms = [f"Laterality: {v}.", f"{subj.capitalize()} lies on the {v}.",
                     f"{subj.capitalize()} is {v}-sided; it appears on the image's {img}, which is the patient's {v} in radiological convention."]
        else:
            forms = [f"{subj.capitalize()} is on the patient's {v}.",
                     f"It's on the {v} side of the body.",
                     f"On the screen {subj} appears on the {img} of the image, which is the patient's {v} (we view scans as if facing the patient).",
                     f"{subj.capitalize()} sits on the {v}."]
    elif v == "bilateral":
        forms = {"recist": ["Side: bilateral.", "Lat: both sides."],
                 "structured": ["Laterality: bilateral.", f"{subj.capitalize()} involves both sides."]}.get(style, [
            f"{subj.capitalize()} is on both sides, left and right.",
            "There is disease on both the left and the right.",
            f"{subj.capitalize()} is bilateral."])
    else:  # midline
        forms = {"recist": ["Side: midline.", "Lat: midline."],
                 "structured": ["Laterality: midline.", f"{subj.capitalize()} sits in the midline."]}.get(style, [
            f"{subj.capitalize()} sits right in the midline.",
            "It's central, in the midline rather than to one side.",
            f"{subj.capitalize()} is midline."])
    if o == "LI" and v in ("left", "right") and style != "recist":
        forms = forms + [f"On this coronal image {subj} is on the patient's {v}."]
    return row.claim(rng.choice(forms), "side", v)


def side_negation(row, true_side, rng):
    if true_side in ("left", "right"):
        return row.claim(rng.choice([f"It is not on the {OPP[true_side]}.",
                                     f"Nothing is segmented on the {OPP[true_side]} side.",
                                     f"Not {OPP[true_side]}-sided."]), "side_not", OPP[true_side])
    if true_side == "bilateral":
        return row.claim(rng.choice(["It is not confined to one side.", "Not a one-sided process."]),
                         "side_not", "one-sided")
    return row.claim(rng.choice(["It does not lie off to either side.", "Not lateralised."]),
                     "side_not", "lateral")


VERT = {
    "LP": {"anterior": ["anterior", "in the front part of the slice", "toward the front", "anteriorly placed"],
           "posterior": ["posterior", "in the back part of the slice", "toward the back", "posteriorly placed"],
           "central": ["central front-to-back", "roughly midway between front and back", "in the middle of the slice front-to-back"]},
    "LI": {"superior": ["superior", "high up in the image", "toward the top (cranial)", "in the upper part of the coronal image"],
           "inferior": ["inferior", "low in the image", "toward the bottom (caudal)", "in the lower part of the coronal image"],
           "central": ["central craniocaudally", "about midway between top and bottom", "mid-height on the coronal image"]},
}


def vert_text(row, p, v, style, rng, subj):
    w = rng.choice(VERT[p["orient"]][v])
    if style == "recist":
        s = rng.choice([f"Pos: {w}.", f"Position: {w}."])
    elif style == "structured":
        s = rng.choice([f"Position: {w}.", f"{subj.capitalize()} is {w}."])
    else:
        s = rng.choice([f"{subj.capitalize()} is {w}.", f"In the slice it sits {w}.", f"It lies {w}."])
    return row.claim(s, "vertical", v)


REL = {"left_of": ["to the left of", "on the patient's left relative to", "left of"],
       "right_of": ["to the right of", "on the patient's right relative to", "right of"],
       "anterior_to": ["in front of", "anterior to", "ventral to"],
       "posterior_to": ["behind", "posterior to", "dorsal to"],
       "superior_to": ["above", "superior to", "cranial to"],
       "inferior_to": ["below", "inferior to", "caudal to"]}


def rel_text(row, p, other, rel, style, rng, subj):
    w = rng.choice(REL[rel])
    if style == "recist":
        s = rng.choice([f"Rel: {w} {other}.", f"{w.capitalize()} the {other}."])
    else:
        s = rng.choice([f"{subj.capitalize()} lies {w} the {other}.", f"It sits {w} the {other}.",
                        f"Relative to the {other}, {subj} is {w} it."])
    return row.claim(s, "rel", [other, rel])


CLASS_WORDS = {"small": ["small", "small"], "medium": ["medium-sized", "medium", "moderate-sized"], "large": ["large", "large"]}


def size_text(row, p, cls, pct, style, rng, subj):
    """cls or pct may be None (not stated)."""
    parts = []
    if style == "recist":
        if cls:
            parts.append(row.claim(f"Mask: {cls}", "class", cls))
        if pct is not None:
            parts.append(row.claim(f"{fmt_pct(pct)}% of image", "pct", round(pct, 4)))
        return (", ".join(parts) + ".") if parts else ""
    cw = rng.choice(CLASS_WORDS[cls]) if cls else None
    if cls and pct is not None:
        s = rng.choice([f"On the image {subj} is {cw}, covering about {fmt_pct(pct)}% of the slice.",
                        f"The segmented area is {cw}: roughly {fmt_pct(pct)}% of the image.",
                        f"Image share: {cw} ({fmt_pct(pct)}% of the frame)."])
        row.claim(s, "class", cls)
        row.claim(s, "pct", round(pct, 4))
        return s
    if cls:
        return row.claim(rng.choice([f"On the slice the segmented region is {cw}.",
                                     f"As a share of the image it is {cw}.",
                                     f"Relative to the whole image, {subj} is {cw}."]), "class", cls)
    return row.claim(rng.choice([f"The mask covers about {fmt_pct(pct)}% of the image.",
                                 f"It takes up roughly {fmt_pct(pct)} percent of the slice.",
                                 f"Image share is about {fmt_pct(pct)}%."]), "pct", round(pct, 4))


def count_text(row, p, n, style, rng, prior_n):
    nn = num(n, rng)
    pn = num(prior_n, rng)
    if style == "recist":
        s = rng.choice([f"n = {n} now (prior {prior_n}).", f"Count: {n} (baseline {prior_n}).", f"{n} lesion(s) today."])
    elif n == 1:
        s = rng.choice([f"There is a single {p['one']} on the current study.",
                        f"Today the mask is one solitary {p['one']} (the prior showed {pn}).",
                        f"The segmentation is a single connected {p['one']}."])
    else:
        s = rng.choice([f"There are {nn} separate {p['many']} on the current study.",
                        f"Previously {pn}, now {nn} {p['many']}.",
                        f"The mask consists of {nn} separate {p['many']}."])
    return row.claim(s, "count", n)


# ---------------------------------------------------------------- wrong values

def wrong_value(kind, facts, p, rng):
    if kind == "side":
        lat = facts["laterality"]
        if lat in ("left", "right"):
            return rng.choice([OPP[lat]] * 3 + ["midline", "bilateral"])
        return rng.choice(["left", "right"])
    if kind == "vertical":
        opts = ["anterior", "posterior", "central"] if p["orient"] == "LP" else ["superior", "inferior", "central"]
        return rng.choice([o for o in opts if o != facts["vertical"]])
    if kind == "rel":
        r = rng.choice(facts["relations"])
        return [r["other"], REL_OPP[r["relation"]]]
    if kind == "class":
        return rng.choice([c for c in ("small", "medium", "large") if c != facts["size_class"]])
    if kind == "pct":
        t = 100 * facts["area_fraction"]
        return t * rng.choice([3.0, 3.5, 4.0, 5.0]) if rng.random() < 0.6 or t < 0.3 else t * rng.choice([0.2, 0.25, 0.3])
    if kind == "count":
        n = facts["components"]
        return rng.choice([x for x in (n - 1, n + 1, n + 2) if x >= 1 and x != n])
    raise ValueError(kind)


# ---------------------------------------------------------------- the prior study (true by construction)

def prior_story(p, facts, rng):
    n = facts["components"]
    cur = _physical(p, rng)
    new_lesion = n > 1 and rng.random() < 0.4
    prior_n = n - 1 if new_lesion else max(1, n + rng.choice([0, 0, 1]))
    factor = rng.choice([0.6, 0.7, 0.8, 0.95, 1.05, 1.3, 1.5, 1.8])
    tl = sorted(cur, reverse=True)[:2]
    prior_tl = [max(3, int(round(d * factor))) for d in tl]
    s_now, s_prior = sum(tl), sum(prior_tl)
    change = 100.0 * (s_now - s_prior) / s_prior
    if new_lesion or (change >= 20 and s_now - s_prior >= 5):
        cat, cat_long = "PD", "progressive disease"
    elif change <= -30:
        cat, cat_long = "PR", "partial response"
    else:
        cat, cat_long = "SD", "stable disease"
    vol = (4 / 3) * math.pi * (tl[0] / 2) ** 2 * (tl[0] / 2 * 0.85) / 1000.0
    vol_prior = vol * factor ** 3
    when = rng.choice(["3 months ago", "12 weeks earlier", "in March", "in January (baseline)", "8 weeks ago"])
    return dict(cur=cur, tl=tl, prior_tl=prior_tl, s_now=s_now, s_prior=s_prior, change=change, cat=cat,
                cat_long=cat_long, prior_n=prior_n, new=new_lesion, vol=vol, vol_prior=vol_prior, when=when)


def prior_sentences(p, facts, st, style, rng):
    """Statements about the prior and about physical sizes (not image shares)."""
    d0, pd0 = st["tl"][0], st["prior_tl"][0]
    u = p["one"]
    out = []
    if style == "recist":
        out.append(f"TL1 {d0} mm (prior {pd0} mm)." + (f" TL2 {st['tl'][1]} mm (prior {st['prior_tl'][1]} mm)."
                                                       if len(st["tl"]) > 1 else ""))
        out.append(f"SLD {st['s_now']} mm vs {st['s_prior']} mm, {st['change']:+.0f}%.")
        out.append(f"New lesions: {'yes' if st['new'] else 'no'}. Response: {st['cat']}.")
        return out
    cm = d0 / 10
    out.append(rng.choice([
        f"The dominant {u} has grown from {pd0} to {d0} mm." if d0 > pd0 else
        f"The dominant {u} measures {d0} mm, previously {pd0} mm.",
        f"Longest diameter of the index {u}: {cm:.1f} cm (prior {pd0 / 10:.1f} cm).",
        f"Index {u} {d0} mm today versus {pd0} mm {st['when']}."]))
    out.append(rng.choice([
        f"The sum of target diameters is {st['s_now']} mm against {st['s_prior']} mm on the prior, a change of {st['change']:+.0f}%.",
        f"RECIST sum {st['s_now']} mm (prior {st['s_prior']} mm, {st['change']:+.0f}%).",
        f"Sum of longest diameters moved by {st['change']:+.0f}% ({st['s_prior']} to {st['s_now']} mm)."]))
    if rng.random() < 0.5:
        out.append(rng.choice([
            f"Estimated volume of the index {u} is about {st['vol']:.1f} mL (prior about {st['vol_prior']:.1f} mL); these are physical sizes, not the share of the image.",
            f"Volumetrically that is roughly {st['vol']:.1f} mL now versus {st['vol_prior']:.1f} mL before."]))
    out.append(rng.choice([f"Overall this is {st['cat_long']} by RECIST 1.1.",
                           f"Response category: {st['cat_long']} ({st['cat']}).",
                           f"By RECIST 1.1 I would call it {st['cat']}."]) +
               (" A new lesion alone makes it progression." if st["new"] else ""))
    return out


def prior_side_sentence(p, facts, st, rng):
    lat = facts["laterality"]
    if lat in ("left", "right"):
        return rng.choice([f"It was on the {lat} on the prior too.", f"The prior also showed it on the {lat}."])
    if lat == "bilateral":
        s = rng.choice(["right", "left"])
        return rng.choice([f"On the prior only the {s} side was involved.",
                           f"The prior study had disease on the {s} only."]) if st["new"] else \
            "Both sides were involved on the prior as well."
    return "It was midline on the prior as well."


# ---------------------------------------------------------------- questions

def first_question(p, style, rng, named):
    obj = rng.choice(NAMED[p["target"]]) if named else rng.choice(HINT[p["kind"]])
    hist = rng.choice(HISTORY[p["kind"]])
    mod = p["modality"]
    when = rng.choice(["3 months", "12 weeks", "6 months", "8 weeks"])
    board = "MDT" if p["kind"] == "kidney" else rng.choice(["tumour board", "MDT", "oncology board"])
    if style == "structured":
        return rng.choice([
            f"Clinical history: {hist}. Comparison: {mod} from {when} ago. Please segment {obj} on the current study and draft the comparison.",
            f"Follow-up {mod}. History: {hist}. Segment {obj} and give me findings compared with the prior.",
        ])
    if style == "tumourboard":
        return rng.choice([
            f"For Thursday's {board}: {hist}. Can you outline {obj} on today's {mod} and summarise how it compares with {when} ago?",
            f"MDT prep. {hist[0].upper() + hist[1:]}. Please segment {obj} and give the board a comparison with the previous scan.",
        ])
    if style == "llmcompare":
        return rng.choice([
            f"I have two scans for my dad, one from {when} ago and this week's {mod}. Background: {hist}. Could you segment {obj} on the new one and tell me what changed?",
            f"Comparing two timepoints for a patient ({hist}). On the current {mod}, please segment {obj} and explain the difference from the earlier scan.",
        ])
    return rng.choice([f"RECIST f/u, {mod}. Hx: {hist}. Seg {obj}. Baseline {when} ago.",
                       f"Worksheet: {hist}. Segment {obj}, current tp vs prior."])


def premise_question(kind, value, p, facts, rng):
    """A user turn carrying a premise (true or false) and asking about something else."""
    tail = rng.choice(["Does that change the response category?", "Would the board still call it measurable?",
                       "Is it worth a biopsy?", "Should the interval be shortened to 8 weeks?"])
    if kind == "side":
        if value in ("left", "right"):
            return f"Since it's on the {value}, {tail[0].lower() + tail[1:]}"
        if value == "bilateral":
            return f"Given there's disease on both sides, {tail[0].lower() + tail[1:]}"
        return f"Given it's midline, {tail[0].lower() + tail[1:]}"
    if kind == "vertical":
        return f"As it lies {VERT[p['orient']][value][0]} in the slice, {tail[0].lower() + tail[1:]}"
    if kind == "rel":
        return f"Because it sits {REL[value[1]][0]} the {value[0]}, {tail[0].lower() + tail[1:]}"
    if kind == "class":
        return f"It's a {CLASS_WORDS[value][0]} region on the image, so {tail[0].lower() + tail[1:]}"
    if kind == "pct":
        return f"With the mask at about {fmt_pct(value)}% of the image, {tail[0].lower() + tail[1:]}"
    if kind == "count":
        return f"With {num(value, rng)} separate {noun(p, value)} on the mask now, {tail[0].lower() + tail[1:]}"
    raise ValueError(kind)


def premise_answer(st, rng):
    return rng.choice([
        f"The category hinges on the diameters, not on that: the sum went from {st['s_prior']} to {st['s_now']} mm, so it stays {st['cat_long']}.",
        f"That doesn't decide it by itself. What matters is the RECIST sum ({st['change']:+.0f}%) and whether anything is new; on that basis it is {st['cat']}.",
        f"I'd go with the measurements: {st['cat_long']}, and a repeat scan in the usual interval unless the clinical picture changes.",
    ])


# ---------------------------------------------------------------- build

def _subjects(p, facts):
    n = facts["components"]
    return ["the mask", "the segmented region", "the segmentation", f"the {p['one']}" if n == 1 else "the disease"]


def build(p, facts, style, rng, defect):
    row = Row()
    n_true = facts["components"]
    pct_true = 100 * facts["area_fraction"]
    st = prior_story(p, facts, rng)
    rels = facts["relations"]
    kinds = ["side", "position", "size", "count"]

    # which claim kind carries the planted defect, and where
    dkind = {"laterality": "side", "position": "position", "size": "size", "count": "count"}.get(defect)
    sub = None
    if dkind == "position":
        sub = "rel" if rels and rng.random() < 0.5 else "vertical"
    elif dkind == "size":
        sub = rng.choice(["class", "pct"])
    where = None
    if dkind:
        r = rng.random()
        where = "user" if r < 0.2 else "followup" if r < 0.4 else "first"

    # plan: first answer kinds A, follow-up kinds B
    rest = [k for k in kinds if k != dkind]
    rng.shuffle(rest)
    n_first = rng.choice([2, 2, 3])
    A = rest[:n_first] if where != "first" else rest[:n_first - 1] + [dkind]
    rng.shuffle(A)
    B_pool = [k for k in kinds if k not in A and k != dkind]
    rounds = rng.choice([2, 3])
    follow = []  # list of (kind, mode) mode in {"ask", "premise", "correct", "summary"}
    if where == "followup":
        follow.append((dkind, "ask"))
    elif where == "user":
        follow.append((dkind, "premise"))
    while len(follow) < rounds - 1:
        if B_pool:
            k = B_pool.pop(0)
            mode = "ask"
            if defect is None and k in ("side", "count") and rng.random() < 0.35 and not any(m == "correct" for _, m in follow):
                mode = "correct"
            follow.append((k, mode))
        else:
            follow.append(("summary", "summary"))
    rng.shuffle(follow)

    def value_of(kind, planted):
        """(subkind, value) for a kind; planted values are wrong."""
        if kind == "side":
            return "side", (wrong_value("side", facts, p, rng) if planted else facts["laterality"])
        if kind == "position":
            k = sub if planted else ("rel" if rels and rng.random() < 0.5 else "vertical")
            if k == "rel":
                if planted:
                    return "rel", wrong_value("rel", facts, p, rng)
                r = rng.choice(rels)
                return "rel", [r["other"], r["relation"]]
            return "vertical", (wrong_value("vertical", facts, p, rng) if planted else facts["vertical"])
        if kind == "size":
            if planted:
                return sub, wrong_value(sub, facts, p, rng)
            return "size", None
        if kind == "count":
            return "count", (wrong_value("count", facts, p, rng) if planted else n_true)
        raise ValueError(kind)

    def render(kind, planted, subj):
        sk, v = value_of(kind, planted)
        if sk == "side":
            return side_text(row, p, v, style, rng, subj)
        if sk == "vertical":
            return vert_text(row, p, v, style, rng, subj)
        if sk == "rel":
            return rel_text(row, p, v[0], v[1], style, rng, subj)
        if sk == "class":
            return size_text(row, p, v, None, style, rng, subj)
        if sk == "pct":
            return size_text(row, p, None, v, style, rng, subj)
        if sk == "size":
            c = rng.random()
            return size_text(row, p, facts["size_class"] if c < 0.75 else None,
                             pct_true if c > 0.35 else None, style, rng, subj)
        if sk == "count":
            return count_text(row, p, v, style, rng, st["prior_n"])

    # ---- first user question
    row.add("user", first_question(p, style, rng, named=(defect == "names_target")))

    # ---- first answer
    name = p["target"]
    subj = rng.choice(_subjects(p, facts))
    lead = {
        "structured": [f"FINDINGS: {name.capitalize()} segmented [SEG] on the current {p['modality']}.",
                       f"COMPARISON: prior {p['modality']} {st['when']}.\nFINDINGS: The {name} [SEG] are outlined on the current study."
                       if name.endswith("s") else
                       f"COMPARISON: prior {p['modality']} {st['when']}.\nFINDINGS: The {name} [SEG] is outlined on the current study."],
        "tumourboard": [f"Tumour board summary. Current imaging shows the {name} [SEG].",
                        f"Summary for the board: I have segmented the {name} [SEG] on today's {p['modality']}."],
        "llmcompare": [f"Sure. I've segmented the {name} [SEG] on the newer scan and compared it with the earlier one ({st['when']}).",
                       f"Here is the segmentation of the {name} [SEG]. Comparing the two timepoints:"],
        "recist": [f"Target: {name} [SEG].", f"Seg: {name} [SEG]. Current tp."],
    }[style]
    parts = [rng.choice(lead)]
    for k in A:
        parts.append(render(k, planted=(k == dkind and where == "first"), subj=subj))
        if k == "side" and not (dkind == "side") and rng.random() < 0.6:
            parts.append(side_negation(row, facts["laterality"], rng))
        if k == "side" and dkind != "side" and rng.random() < 0.5 and style != "recist":
            parts.append(prior_side_sentence(p, facts, st, rng))
    pri = prior_sentences(p, facts, st, style, rng)
    parts.extend(pri[:rng.choice([2, len(pri)])])
    if style != "recist" or rng.random() < 0.5:
        parts.append(rng.choice(KNOWLEDGE[p["kind"]]))
    if style in ("llmcompare", "tumourboard") and rng.random() < 0.5:
        parts.append(rng.choice(GENERIC_TRAPS))
    if style == "structured":
        parts.append("IMPRESSION: " + rng.choice([f"{st['cat_long'].capitalize()}.", f"{st['cat']} per RECIST 1.1."]))
    elif style == "tumourboard":
        parts.append(rng.choice(["Proposed: continue current line, restage in 12 weeks.",
                                 "Discussion point: local therapy versus systemic change.",
                                 "For discussion: is a biopsy needed to confirm?"]))
    elif style == "llmcompare" and rng.random() < 0.5:
        parts.append("Please go over this with the treating team; I can't see the full study, only this slice.")
    sep = "\n" if style in ("structured", "recist") else " "
    row.add("assistant", sep.join(parts))

    # ---- follow-up rounds
    for k, mode in follow:
        subj = rng.choice(_subjects(p, facts) + ["it"])
        if mode == "premise":
            sk, v = value_of(k, True)
            q = premise_question(sk, v, p, facts, rng)
            row.claim(q, sk if sk != "size" else "class", v, status="premise")
            row.add("user", q)
            row.add("assistant", premise_answer(st, rng))
            continue
        if mode == "correct":
            if k == "side":
                lat = facts["laterality"]
                wrong = OPP[lat] if lat in OPP else rng.choice(["left", "right"])
                q = rng.choice([f"It's on the {wrong}, isn't it?", f"I thought this was {wrong}-sided?"])
                row.claim(q, "side", wrong, status="corrected")
                row.add("user", q)
                a = "No. " + side_text(row, p, lat, "llmcompare", rng, "the segmented region")
                a += " " + rng.choice(["Easy to flip: CT and MR are displayed as if you face the patient.",
                                       "The display convention puts the patient's left on the viewer's right."])
                row.add("assistant", a)
            else:
                wrong = wrong_value("count", facts, p, rng)
                q = f"So there are {num(wrong, rng)} {noun(p, wrong)} on the mask now?"
                row.claim(q, "count", wrong, status="corrected")
                row.add("user", q)
                a = "Not quite. " + count_text(row, p, n_true, "llmcompare", rng, st["prior_n"])
                row.add("assistant", a)
            continue
        if mode == "summary":
            q = rng.choice(QUESTION_ASKS["summary"][style])
            row.add("user", q)
            keep = [x for x in kinds if x != dkind]
            pick = rng.sample(keep, 2)
            bits = [render(x, False, rng.choice(_subjects(p, facts))) for x in pick]
            bits.append(f"{st['cat_long'].capitalize()} ({st['change']:+.0f}% in the sum" + (", plus a new lesion)." if st["new"] else ")."))
            row.add("assistant", " ".join(bits))
            continue
        # ask
        planted = (k == dkind and where == "followup")
        if k == "position":
            if planted:
                askk = "rel" if sub == "rel" else ("vertical_LI" if p["orient"] == "LI" else "vertical")
            else:
                askk = "vertical_LI" if p["orient"] == "LI" else "vertical"
            q = rng.choice(QUESTION_ASKS[askk][style])
        else:
            q = rng.choice(QUESTION_ASKS[k][style])
        row.add("user", q)
        if k == "position" and planted:
            if sub == "rel":
                ans = rel_text(row, p, *wrong_value("rel", facts, p, rng), style, rng, subj)
            else:
                ans = vert_text(row, p, wrong_value("vertical", facts, p, rng), style, rng, subj)
        elif k == "position":
            ans = vert_text(row, p, facts["vertical"], style, rng, subj)
            if rels and rng.random() < 0.5:
                r = rng.choice(rels)
                ans += " " + rel_text(row, p, r["other"], r["relation"], style, rng, "it")
        else:
            ans = render(k, planted, subj)
        extra = {
            "side": rng.choice(["The laterality matches the prior.", "The midline is the reference for the side, not the edge of the image.",
                                "Remember the radiological convention when you read it off the screen."]),
            "position": rng.choice(["That position hasn't changed since the prior.", "Same location as on the earlier scan."]),
            "size": rng.choice([f"Physically the index {p['one']} is {st['tl'][0]} mm, which is what RECIST uses, not the image share.",
                                f"Don't confuse this with the {st['change']:+.0f}% change in the RECIST sum.",
                                "The image share depends on the field of view; the diameters are what we track."]),
            "count": rng.choice([f"The prior had {num(st['prior_n'], rng)}.",
                                 "Only up to two per organ are chosen as targets; the rest are followed as non-target disease.",
                                 "New lesions, if any, override the sum in RECIST."]),
        }[k]
        if style != "recist" or rng.random() < 0.4:
            ans += " " + extra
        row.add("assistant", ans)

    expected = [] if defect is None else [defect]
    LEDGER.append(dict(claims=row.claims, defect=defect, dkind=dkind, sub=sub, where=where,
                       target=p["target"], key=p["key"]))
    return row.turns, expected
