"""Bank GW: the research-paper register (written blind, without reading QC).

Conversations about a segmentation written the way imaging papers and their surroundings talk: a PhD
student chatting with an assistant about a thesis figure, an abstract-style terse summary, a reviewer and
author exchange (response-to-reviewers letter), and a model-card / dataset-card assistant. The prose is
full of numbers that are not the mask's (Dice, HD95 in mm, p-values, confidence intervals, cohort sizes,
percentages of cohorts, inter-rater kappa, citations like [12] and "Smith et al. (2021)") beside the
mask's own side, position, size and count.

Masks are synthetic 256x256 ellipses (no body outline: the image centre stands in for the patient's
centre) measured by `medseg_qa.facts.compute_facts`; orientations LP (axial, radiological), RP (axial,
neurological) and LI (coronal). Resampling keeps centroids and areas away from the thresholds.

Own check (/work/notes/qcgw_scripts/check_gw.py):
rows 420, clean 210, defects count 42, laterality 42, names_target 42, position 42, size 42;
planted in first answer 48, follow-up answer 51, user premise 69; targets 25; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["phd", "abstract", "rebuttal", "modelcard"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

# the ledger of the last built conversation: (kind, value, turn, role, corrected, snippet); read by the
# bank's own checker only, it changes nothing in the rows
LEDGER: list[dict] = []


def _P(target, orient, modality, region, blobs, others, clues, names, syn, know, ncomp=None):
    return {"target": target, "orientation": orient, "modality": modality, "region": region,
            "blobs": blobs, "others": others, "clues": clues, "names": names, "syn": syn,
            "know": know, "ncomp": ncomp}


# blobs: (lateral offset, + = patient's left; offset along the row axis, + = toward orientation[1]; rx; ry)
PROFILES = [
    _P("right kidney", "LP", "CT", "abdomen", [(-0.21, 0.13, 0.055, 0.075)],
       {"aorta": (0.02, 0.06), "liver": (-0.17, -0.12)},
       ["filters the blood and makes urine, on the side we annotated for the KiTS-style nephrectomy study",
        "is the retroperitoneal, bean-shaped organ whose cortex we use for the split-function estimate",
        "drains into the ureter and would be resected in a radical nephrectomy for the case in panel 2b"],
       ["right kidney", "kidney"], ["kidney", "renal"],
       ["The left kidney usually lies 1-2 cm higher than the right one.",
        "Roughly 1 in 500 people has a horseshoe kidney fused across the midline."]),
    _P("left kidney", "RP", "CT", "abdomen", [(0.21, 0.13, 0.055, 0.075)],
       {"aorta": (-0.02, 0.06), "spleen": (0.2, -0.02)},
       ["filters the blood and makes urine, the one next to the spleen",
        "is the bean-shaped retroperitoneal organ whose vein is the longer one and crosses in front of the aorta",
        "we segmented for the donor-nephrectomy volumetry in Table 3"],
       ["left kidney", "kidney"], ["kidney", "renal"],
       ["The left renal vein is longer than the right and passes anterior to the aorta.",
        "Live donors usually give the left kidney because of its longer vein."]),
    _P("renal cysts", "LP", "CT", "abdomen", [(-0.2, 0.12, 0.03, 0.03), (0.21, 0.13, 0.027, 0.03)],
       {"aorta": (0.0, 0.05)},
       ["are the fluid-filled, Bosniak-graded lesions of the urine-producing organs",
        "are the water-density lesions we scored with the Bosniak classification in the supplement"],
       ["renal cysts", "cysts"], ["cyst", "renal", "kidney"],
       ["Simple cysts are found in over a quarter of adults above 50.",
        "Bosniak I and II lesions need no follow-up in most guidelines."], ncomp=2),
    _P("liver", "LP", "CT", "abdomen", [(-0.16, -0.09, 0.2, 0.17)],
       {"spleen": (0.24, 0.0), "aorta": (0.02, 0.08)},
       ["makes bile and stores glycogen", "is the organ whose volume we regress against the MELD score",
        "is the large solid organ our LiTS-trained baseline segments first"],
       ["liver"], ["liver", "hepatic", "hepato"],
       ["A Riedel lobe is reported in about 3-10% of people, depending on the series.",
        "The caudate lobe drains directly into the IVC, which is why it hypertrophies in Budd-Chiari."]),
    _P("liver metastases", "LP", "CT", "abdomen",
       [(-0.24, -0.14, 0.024, 0.022), (-0.1, -0.02, 0.022, 0.025), (-0.2, 0.09, 0.025, 0.022),
        (-0.3, 0.0, 0.02, 0.02), (-0.12, 0.2, 0.018, 0.018)],
       {"spleen": (0.24, 0.0)},
       ["are the hypoattenuating deposits of the colorectal primary in the bile-producing organ",
        "are the secondary deposits we count per patient in the response-assessment analysis"],
       ["liver metastases", "metastases", "metastatic deposits"], ["metasta", "liver", "hepatic"],
       ["Synchronous liver disease is found in about 15-25% of colorectal cancers.",
        "RECIST 1.1 allows at most two target lesions per organ."], ncomp=(2, 5)),
    _P("spleen", "LP", "CT", "abdomen", [(0.22, 0.05, 0.07, 0.09)],
       {"liver": (-0.16, -0.09), "aorta": (0.0, 0.06)},
       ["filters old red cells and sits under the ninth to eleventh ribs",
        "is the lymphoid organ we measure for enlargement in the portal-hypertension cohort"],
       ["spleen"], ["spleen", "splen"],
       ["Accessory spleens occur in roughly 10-30% of autopsy series.",
        "A craniocaudal length above 13 cm is the usual cut-off for splenomegaly."]),
    _P("pancreas", "LP", "CT", "abdomen", [(0.0, -0.02, 0.13, 0.035)],
       {"aorta": (0.0, 0.1), "spleen": (0.24, 0.12)},
       ["secretes insulin and digestive enzymes", "is the gland we segment for the PDAC-detection baseline"],
       ["pancreas"], ["pancrea"],
       ["Pancreatic segmentation is hard: the best MSD Task07 Dice values are still around 0.80.",
        "Pancreas divisum is present in about 5-10% of people."]),
    _P("abdominal aorta", "LP", "CT", "abdomen", [(0.01, 0.1, 0.025, 0.025)],
       {"vertebral body": (0.0, 0.25), "right kidney": (-0.21, 0.13)},
       ["carries blood from the heart to the abdomen and legs, whose diameter we track for aneurysm",
        "is the vessel we measure for the AAA-screening substudy"],
       ["abdominal aorta", "aorta"], ["aort"],
       ["A diameter of 3 cm or more defines an abdominal aortic aneurysm.",
        "AAA prevalence in men over 65 is about 1-2% in recent screening programmes."]),
    _P("urinary bladder", "LP", "CT", "pelvis", [(0.0, -0.14, 0.12, 0.09)],
       {"rectum": (0.0, 0.2)},
       ["stores urine before voiding", "is the hollow pelvic organ we contour for the radiotherapy dose constraint"],
       ["urinary bladder", "bladder"], ["bladder", "vesic", "cyst"],
       ["Bladder filling protocols ask patients to drink about 500 mL before planning CT.",
        "V65 < 50% is a common bladder dose constraint."]),
    _P("prostate", "LP", "MR", "pelvis", [(0.0, 0.02, 0.07, 0.055)],
       {"urinary bladder": (0.0, -0.2), "rectum": (0.0, 0.2)},
       ["surrounds the proximal urethra in men and is scored with PI-RADS",
        "is the gland graded with PI-RADS in our biopsy-naive cohort"],
       ["prostate", "prostate gland"], ["prostat"],
       ["Around 70% of prostate cancers arise in the peripheral zone.",
        "PSA density above 0.15 ng/mL/cc is a frequent biopsy threshold."]),
    _P("enhancing glioblastoma", "RP", "MR", "brain", [(-0.15, -0.16, 0.07, 0.06)],
       {"lateral ventricles": (0.0, 0.0)},
       ["enhances with a ring after gadolinium and carries an IDH-wildtype profile in our cohort",
        "is the BraTS label that lights up on this post-contrast T1 slice"],
       ["enhancing glioblastoma", "glioblastoma", "enhancing tumour"], ["glioblastoma", "glioma", "tumour", "tumor"],
       ["Median overall survival with Stupp treatment is about 15 months.",
        "Gross-total resection is achieved in roughly half of eligible patients."]),
    _P("multiple sclerosis lesions", "RP", "MR", "brain",
       [(-0.14, -0.05, 0.02, 0.028), (0.13, -0.06, 0.022, 0.025), (-0.16, 0.12, 0.02, 0.02),
        (0.15, 0.12, 0.018, 0.024), (0.0, -0.22, 0.017, 0.02)],
       {"lateral ventricles": (0.0, 0.0)},
       ["are the periventricular FLAIR hyperintensities of the relapsing-remitting patient",
        "are the white-matter hyperintensities our lesion-detection network counts for the MAGNIMS criteria"],
       ["multiple sclerosis lesions", "MS lesions", "demyelinating plaques"], ["sclerosis", "ms lesion", "plaque", "demyelinat"],
       ["Dawson's fingers are ovoid lesions perpendicular to the ventricles.",
        "Central vein sign is seen in most MS lesions but in few mimics."], ncomp=(2, 5)),
    _P("acute ischaemic infarct", "LP", "MR", "brain", [(0.17, 0.0, 0.05, 0.085)],
       {"lateral ventricles": (0.0, 0.0)},
       ["shows restricted diffusion in the patient with sudden aphasia and right arm weakness",
        "is the DWI-bright core label in the ISLES-style cohort"],
       ["acute ischaemic infarct", "infarct", "infarct core", "stroke"], ["infarct", "stroke", "ischaem"],
       ["Thrombectomy benefit was shown up to 24 h in selected patients.",
        "A core above 70 mL was an exclusion criterion in several trials."]),
    _P("lateral ventricles", "LI", "MR", "brain", [(-0.09, -0.07, 0.03, 0.06), (0.09, -0.07, 0.03, 0.06)],
       {"brainstem": (0.0, 0.25)},
       ["hold the cerebrospinal fluid made by the choroid plexus, the paired cavities of the hemispheres",
        "are the CSF spaces we measure for the Evans index in the hydrocephalus substudy"],
       ["lateral ventricles", "ventricles"], ["ventric"],
       ["An Evans index above 0.3 suggests ventriculomegaly.",
        "Mild asymmetry of the ventricles is seen in about 5-12% of healthy adults."], ncomp=2),
    _P("left hippocampus", "LI", "MR", "brain", [(0.14, 0.1, 0.03, 0.022)],
       {"lateral ventricles": (0.0, -0.07), "brainstem": (0.0, 0.25)},
       ["is the memory structure of the medial temporal lobe, the one whose volume we correlate with the verbal-memory score",
        "shrinks early in Alzheimer's disease and is read on the coronal T1, on the side of the dominant temporal lobe"],
       ["left hippocampus", "hippocampus"], ["hippocamp"],
       ["Hippocampal volume loss of about 1-2% per year is typical in normal ageing.",
        "Mesial temporal sclerosis is the commonest substrate of drug-resistant temporal epilepsy."]),
    _P("right parotid gland", "LP", "CT", "head and neck", [(-0.22, 0.1, 0.05, 0.065)],
       {"mandible": (0.0, -0.12)},
       ["secretes saliva into Stensen's duct and is spared in our IMRT planning study",
        "is the salivary organ whose mean dose we keep under 26 Gy"],
       ["right parotid gland", "parotid gland", "parotid"], ["parotid"],
       ["About 80% of salivary tumours arise in the parotid.",
        "Xerostomia rates fell by about a third with parotid-sparing IMRT."]),
    _P("pulmonary nodules", "LP", "CT", "chest",
       [(-0.2, -0.1, 0.018, 0.018), (0.22, 0.05, 0.02, 0.02), (-0.25, 0.12, 0.016, 0.016),
        (0.15, -0.15, 0.015, 0.015)],
       {"heart": (0.05, -0.05)},
       ["are the small round opacities we track under the Fleischner follow-up rules",
        "are the LIDC-style solid opacities our detector is evaluated on"],
       ["pulmonary nodules", "lung nodules", "nodules"], ["nodul"],
       ["Most nodules under 6 mm in low-risk patients need no routine follow-up.",
        "About 95% of nodules found at screening are benign."], ncomp=(1, 4)),
    _P("right lung", "LP", "CT", "chest", [(-0.2, 0.0, 0.17, 0.27)],
       {"heart": (0.05, -0.06)},
       ["is the three-lobed organ of gas exchange", "is the organ whose volume we use for the emphysema index"],
       ["right lung", "lung"], ["lung", "pulmon"],
       ["The right main bronchus is wider, shorter and more vertical than the left.",
        "The left lung has two lobes and the lingula."]),
    _P("pleural effusions", "LP", "CT", "chest", [(-0.22, 0.2, 0.07, 0.04), (0.23, 0.2, 0.065, 0.04)],
       {"heart": (0.05, -0.06)},
       ["are the dependent fluid collections in the patient with heart failure",
        "are the fluid layers our volumetry tool quantifies before and after diuresis"],
       ["pleural effusions", "effusions"], ["effusion", "pleura"],
       ["About 200 mL of fluid is needed before it shows on an erect PA film.",
        "Light's criteria separate exudates from transudates."], ncomp=2),
    _P("left ventricle", "LP", "CT", "chest", [(0.08, -0.12, 0.065, 0.06)],
       {"right lung": (-0.2, 0.0), "descending aorta": (0.06, 0.2)},
       ["pumps oxygenated blood into the aorta and whose ejection fraction we report",
        "is the chamber segmented for the ACDC-style ejection-fraction analysis"],
       ["left ventricle", "LV"], ["ventric", "lv "],
       ["An ejection fraction below 40% defines HFrEF.",
        "The right ventricle is the most anterior chamber of the heart."]),
    _P("thyroid gland", "LP", "CT", "neck", [(0.0, -0.1, 0.12, 0.045)],
       {"trachea": (0.0, 0.0), "cervical vertebra": (0.0, 0.25)},
       ["makes T3 and T4 and wraps around the front of the trachea",
        "is the endocrine gland whose nodules we score with TI-RADS"],
       ["thyroid gland", "thyroid"], ["thyroid"],
       ["Thyroid nodules are found on ultrasound in up to 60% of adults.",
        "The pyramidal lobe is present in about half of people."]),
    _P("gallbladder", "LP", "CT", "abdomen", [(-0.12, -0.12, 0.035, 0.028)],
       {"aorta": (0.02, 0.08), "liver": (-0.16, -0.09)},
       ["stores and concentrates bile", "is the organ removed at laparoscopic surgery for biliary colic in our cohort"],
       ["gallbladder"], ["gallbladder", "gall bladder", "cholecyst"],
       ["Gallstones are present in about 10-15% of adults in Western countries.",
        "A wall thicker than 3 mm is usually called thickened."]),
    _P("uterine fibroids", "LP", "MR", "pelvis",
       [(-0.09, -0.04, 0.04, 0.035), (0.1, -0.08, 0.035, 0.04), (0.0, 0.1, 0.03, 0.03), (0.12, 0.12, 0.025, 0.025)],
       {"rectum": (0.0, 0.25)},
       ["are the benign smooth-muscle tumours of the womb in the patient with menorrhagia",
        "are the T2-dark myometrial masses counted before uterine artery embolisation"],
       ["uterine fibroids", "fibroids", "leiomyomas"], ["fibroid", "leiomyom", "myoma"],
       ["Fibroids are found in up to 70% of women by age 50.",
        "Embolisation shrinks the dominant fibroid by about 40-60% at six months."], ncomp=(2, 4)),
    _P("left adrenal gland", "LP", "CT", "abdomen", [(0.12, 0.02, 0.018, 0.03)],
       {"aorta": (0.0, 0.1), "spleen": (0.24, 0.05)},
       ["makes cortisol and aldosterone and sits in front of the upper pole of the kidney beside the spleen",
        "is the gland sampled by venous sampling in the primary-aldosteronism cohort"],
       ["left adrenal gland", "adrenal gland", "adrenal"], ["adrenal", "suprarenal"],
       ["Incidental adrenal nodules turn up on about 4-7% of abdominal CTs.",
        "A washout above 60% favours adenoma."]),
    _P("oesophageal tumour", "LP", "CT", "chest", [(0.02, 0.12, 0.03, 0.028)],
       {"heart": (0.05, -0.1), "descending aorta": (0.1, 0.2)},
       ["narrows the swallowing tube in the man with progressive dysphagia",
        "is the primary lesion contoured as GTV for neoadjuvant chemoradiotherapy"],
       ["oesophageal tumour", "oesophageal cancer", "tumour"], ["oesophag", "esophag", "tumour", "tumor", "cancer"],
       ["CROSS neoadjuvant therapy gave a pathological complete response in about 29% of patients.",
        "Adenocarcinoma now outnumbers squamous cell carcinoma in most Western series."]),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def _xy(orient, lat, vert):
    """Normalised image (x, y) of a patient-frame offset."""
    x = 0.5 + lat if orient[0] == "L" else 0.5 - lat
    return x, 0.5 + vert


def others_xy(p):
    return {name: _xy(p["orientation"], lat, vert) for name, (lat, vert) in sorted(p["others"].items())}


def _count(p, rng):
    n = p["ncomp"]
    if n is None:
        return 1
    if isinstance(n, tuple):
        return rng.randint(n[0], n[1])
    return n


def _ok(facts, p, n, oxy):
    f = facts
    if f["components"] != n:
        return False
    for off in f["centroid_patient"]:
        if 0.04 <= abs(off) <= 0.08:
            return False
    frac = f["area_fraction"]
    for t in (0.01, 0.05):
        if 0.8 * t <= frac <= 1.25 * t:
            return False
    if p["target"].startswith("left ") and f["laterality"] != "left":
        return False
    if p["target"].startswith("right ") and f["laterality"] != "right":
        return False
    cx, cy = f["centroid_normalized"]
    for (ox, oy) in oxy.values():
        for d in (cx - ox, cy - oy):
            if 0.03 <= abs(d) <= 0.07:
                return False
    return True


def _clear_sides(mask, orient):
    """No near-threshold one-sidedness share or near-threshold component weight (the side stays clear)."""
    from scipy import ndimage

    ys, xs = np.nonzero(mask)
    along = (xs - 127.5) / 256.0
    if orient[0] == "R":
        along = -along
    if abs(along.mean()) < 0.06:
        share = float((along > 0).mean())
        if 0.8 <= max(share, 1 - share) <= 0.97:
            return False
    lab, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    counts = np.bincount(lab[mask])[1:]
    for i in range(n):
        if 0.07 <= counts[i] / xs.size <= 0.13:
            return False
        c = float(along[lab[ys, xs] == i + 1].mean())
        if 0.045 <= abs(c) <= 0.075:
            return False
    return True


def facts_for(p, rng):
    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    oxy = others_xy(p)
    n = _count(p, rng)
    for _ in range(200):
        blobs = list(p["blobs"])
        if len(blobs) > n:
            blobs = rng.sample(blobs, n)
        mask = np.zeros((h, w), bool)
        for lat, vert, rx, ry in blobs:
            lat += rng.uniform(-0.02, 0.02)
            vert += rng.uniform(-0.02, 0.02)
            s = rng.uniform(0.85, 1.15)
            x, y = _xy(p["orientation"], lat, vert)
            mask |= ((xx - x * (w - 1)) / (rx * s * w)) ** 2 + ((yy - y * (h - 1)) / (ry * s * h)) ** 2 <= 1.0
        facts = compute_facts(mask, p["orientation"], oxy).model_dump(mode="json")
        if _ok(facts, p, n, oxy) and _clear_sides(mask, p["orientation"]):
            return facts
    raise RuntimeError(f"no clean mask for {p['target']}")


# ------------------------------------------------------------------ claim phrases

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

SIDE = {
    "left": ["on the patient's left", "left-sided", "in the patient's left half", "lateralised to the left",
             "on the left side of the patient"],
    "right": ["on the patient's right", "right-sided", "in the patient's right half", "lateralised to the right",
              "on the right side of the patient"],
    "midline": ["in the midline", "midline and not lateralised", "centred on the midline", "a midline structure"],
    "bilateral": ["bilateral", "present on both sides", "on both the left and the right of the patient",
                  "spread across both sides of the midline"],
}
VERT = {
    "anterior": ["anterior in the slice", "in the anterior part of the slice", "ventrally placed",
                 "toward the front of the body"],
    "posterior": ["posterior in the slice", "in the posterior part of the slice", "dorsally placed",
                  "toward the back of the body"],
    "superior": ["superior in the slice", "in the upper (cranial) part of the slice", "cranially placed",
                 "toward the head end of the slice"],
    "inferior": ["inferior in the slice", "in the lower (caudal) part of the slice", "caudally placed",
                 "toward the foot end of the slice"],
}
CENTRAL = {"P": ["central on the anteroposterior axis", "roughly mid-way between the front and the back of the slice",
                 "centred front-to-back"],
           "I": ["central on the craniocaudal axis", "roughly mid-way between the top and the bottom of the slice",
                 "centred top-to-bottom"]}
REL = {"anterior_to": ["anterior to the {o}", "in front of the {o}", "ventral to the {o}"],
       "posterior_to": ["posterior to the {o}", "behind the {o}", "dorsal to the {o}"],
       "left_of": ["to the patient's left of the {o}", "on the left of the {o} in patient terms"],
       "right_of": ["to the patient's right of the {o}", "on the right of the {o} in patient terms"],
       "superior_to": ["superior to the {o}", "above the {o}", "cranial to the {o}"],
       "inferior_to": ["inferior to the {o}", "below the {o}", "caudal to the {o}"]}
SIZE = {"small": ["small", "fairly small", "small relative to the field of view"],
        "medium": ["medium-sized", "moderate in size", "of intermediate size"],
        "large": ["large", "large relative to the field of view", "a large structure"]}
OPP_REL = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of",
           "right_of": "left_of", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _fmt_pct(x):
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _cls(frac):
    return "small" if frac < 0.01 else "medium" if frac < 0.05 else "large"


def _count_phrase(n, rng):
    if n == 1:
        return rng.choice(["a single connected component", "one contiguous region", "a single region",
                           "just one piece"])
    w = rng.choice([WORDS[n], str(n)]) if n <= 6 else str(n)
    return rng.choice([f"{w} separate components", f"{w} discrete foci", f"{w} disconnected pieces",
                       f"{w} distinct regions"])


class Ctx:
    def __init__(self, p, facts, rng):
        self.p, self.f, self.rng = p, facts, rng
        self.orient = p["orientation"]
        self.rowletter = self.orient[1]
        self.turns: list[dict] = []
        self.ledger: list[dict] = []
        self.t = p["target"]
        oxy = others_xy(p)
        cx, cy = facts["centroid_normalized"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]
                     if max(abs(cx - oxy[r["other"]][0]), abs(cy - oxy[r["other"]][1])) > 0.08]
        self.focus_rel = rng.choice(self.rels) if self.rels else None

    # true value / false value of a kind
    def value(self, kind, false=False):
        f, rng = self.f, self.rng
        if kind == "side":
            v = f["laterality"]
            if not false:
                return v
            return rng.choice({"left": ["right", "right", "bilateral"], "right": ["left", "left", "bilateral"],
                               "midline": ["left", "right"], "bilateral": ["left", "right"]}[v])
        if kind == "vertical":
            v = f["vertical"]
            if not false:
                return v
            opp = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
            if v == "central":
                return rng.choice(["anterior", "posterior"] if self.rowletter == "P" else ["superior", "inferior"])
            return opp[v]
        if kind == "relation":
            o, r = self.focus_rel
            return (o, OPP_REL[r] if false else r)
        if kind == "size":
            v = f["size_class"]
            if not false:
                return v
            return rng.choice({"small": ["large", "large", "medium"], "medium": ["large", "small"],
                               "large": ["small", "small", "medium"]}[v])
        if kind == "pct":
            x = f["area_fraction"] * 100
            if not false:
                return round(x * rng.uniform(0.93, 1.07), 4)
            for mult in rng.sample([6.0, 8.0, 1 / 6.0, 1 / 8.0], 4):
                y = x * mult
                if _cls(y / 100) != f["size_class"] and 0.05 < y < 60:
                    return round(y, 4)
            return round(x * 8.0, 4)
        if kind == "count":
            n = f["components"]
            if not false:
                return n
            return rng.choice([2, 3]) if n == 1 else rng.choice([n - 1, n + 1])
        raise ValueError(kind)

    def phrase(self, kind, v):
        rng = self.rng
        if kind == "side":
            if self.f["laterality"] == "bilateral" and v in ("left", "right"):
                return rng.choice([f"confined to the patient's {v}", f"only on the {v} side of the patient",
                                   f"unilateral and {v}-sided", f"limited to the patient's {v} half"])
            return rng.choice(SIDE[v])
        if kind == "vertical":
            return rng.choice(CENTRAL[self.rowletter] if v == "central" else VERT[v])
        if kind == "relation":
            return rng.choice(REL[v[1]]).format(o=v[0])
        if kind == "size":
            return rng.choice(SIZE[v])
        if kind == "pct":
            x = _fmt_pct(v)
            return rng.choice([f"about {x}% of the image", f"roughly {x}% of the image area",
                               f"approximately {x}% of the pixels of the slice"])
        if kind == "count":
            return _count_phrase(v, rng)
        raise ValueError(kind)

    def claim(self, kind, false=False, corrected=False, value=None):
        """A phrase for a claim, with its ledger entry (turn filled in when the turn is added)."""
        v = self.value(kind, false) if value is None else value
        ph = self.phrase(kind, v)
        self.pending.append({"kind": kind, "value": v, "corrected": corrected, "snippet": ph, "intended_false": false})
        return ph

    def say(self, role, text):
        for c in self.pending:
            assert c["snippet"] in text, (c, text)
            c["turn"], c["role"] = len(self.turns), role
            self.ledger.append(c)
        self.pending = []
        self.turns.append({"role": role, "content": text})

    pending: list = []


# ------------------------------------------------------------------ distractor numbers (not the mask's)

AUTHORS = ["Smith", "Zhang", "Müller", "Okafor", "Rossi", "Tanaka", "Kowalski", "Haddad", "Nguyen", "Eriksson",
           "Isensee", "Garcia", "Park", "Dubois"]
DATASETS = ["KiTS23", "LiTS", "BraTS 2021", "MSD", "AMOS", "TotalSegmentator", "ISLES'22", "LIDC-IDRI", "ACDC",
            "BTCV", "our in-house cohort"]
MODELS = ["nnU-Net", "TransUNet", "Swin UNETR", "MedSAM", "SAM-Med2D", "LISA", "a 3D U-Net"]


def _cite(rng):
    a, y, k = rng.choice(AUTHORS), rng.randint(2015, 2024), rng.randint(3, 48)
    return rng.choice([f"[{k}]", f"[{k}, {k + rng.randint(1, 9)}]", f"({a} et al., {y})", f"({a} et al. {y}; [{k}])"])


def stat(rng, t=None):
    d = rng.uniform(0.71, 0.94)
    lo, hi = d - rng.uniform(0.02, 0.05), min(d + rng.uniform(0.02, 0.04), 0.99)
    n = rng.choice([48, 62, 96, 120, 150, 212, 300, 489, 1204])
    pct = rng.randint(8, 46)
    t = rng.randrange(19) if t is None else t
    if t == 0:
        return f"On the held-out split (n = {n} scans) the model reached a mean Dice of {d:.2f} (95% CI {lo:.2f}-{hi:.2f})."
    if t == 1:
        h = rng.uniform(2.1, 14.0)
        return (f"Mean HD95 was {h:.1f} mm (SD {rng.uniform(0.8, 5.0):.1f} mm), against {h + rng.uniform(0.5, 4):.1f} mm "
                f"for {rng.choice(MODELS)} {_cite(rng)}.")
    if t == 2:
        return (f"Two readers annotated independently (Cohen's kappa = {rng.uniform(0.61, 0.9):.2f}); disagreements "
                f"were adjudicated by a radiologist with {rng.randint(8, 25)} years of experience.")
    if t == 3:
        return (f"{rng.choice(AUTHORS)} et al. ({rng.randint(2016, 2024)}) reported left-sided disease in {pct}% of "
                f"their {n} patients, which we cite as background only.")
    if t == 4:
        return f"In the whole cohort, {pct}% of patients had bilateral findings {_cite(rng)}."
    if t == 5:
        e = rng.randint(3, 19)
        return (f"Scans with more than {rng.randint(5, 12)} lesions were excluded ({e} of {n}, "
                f"{100 * e / n:.1f}%).")
    if t == 6:
        return f"Components below 0.{rng.randint(1, 5)}% of the image area were discarded as noise during post-processing."
    if t == 7:
        return (f"The gain over {rng.choice(MODELS)} was significant (p = {rng.choice(['0.003', '0.012', '0.021', '0.04', '< 0.001'])}, "
                f"paired Wilcoxon signed-rank test).")
    if t == 8:
        return (f"Images were resampled to 0.8 x 0.8 mm in-plane with {rng.choice(['1.0', '1.5', '2.5', '3.0', '5.0'])} mm "
                "slice thickness.")
    if t == 9:
        return f"Training took {rng.randint(6, 60)} h on one A100 (batch size {rng.choice([2, 4, 8, 16])}, {rng.choice([250, 500, 1000])} epochs)."
    if t == 10:
        a = rng.randint(48, 68)
        return f"Median age was {a} years (IQR {a - rng.randint(6, 12)}-{a + rng.randint(5, 11)}); {pct + 10}% were women."
    if t == 11:
        return f"Surface Dice at a {rng.choice([1, 2, 3])} mm tolerance was {rng.uniform(0.7, 0.95):.2f} {_cite(rng)}."
    if t == 12:
        return (f"Per-lesion sensitivity was {rng.randint(71, 96)}% at {rng.choice(['0.5', '1', '2', '4'])} false "
                "positives per scan.")
    if t == 13:
        return f"Right-sided cases made up {100 - pct}% of the training data, so we checked for a side bias {_cite(rng)}."
    if t == 14:
        return (f"Volumetric error was {rng.uniform(1.5, 9.5):.1f}% (Bland-Altman limits {-rng.uniform(4, 20):.1f} "
                f"to {rng.uniform(4, 20):.1f} mL).")
    if t == 15:
        return (f"Large structures (over {rng.choice([5, 10, 20])}% of the slice) were scored separately, as "
                f"{rng.choice(AUTHORS)} et al. ({rng.randint(2017, 2024)}) suggest.")
    if t == 16:
        return (f"The median number of lesions per patient was {rng.randint(2, 4)} (IQR 1-{rng.randint(5, 9)}) on "
                f"{rng.choice(DATASETS)}.")
    if t == 17:
        return (f"Test-retest ICC was {rng.uniform(0.8, 0.98):.2f} (95% CI {rng.uniform(0.7, 0.8):.2f}-"
                f"{rng.uniform(0.98, 0.99):.2f}) across {rng.randint(2, 5)} scanners.")
    return (f"Fine-tuned from {rng.choice(MODELS)} on {rng.choice(DATASETS)} ({n} cases, {rng.randint(60, 80)}/"
            f"{rng.randint(10, 20)}/{rng.randint(10, 20)} split).")


def convention(ctx):
    o = ctx.orient
    return ctx.rng.choice({
        "LP": ["The slice is shown in radiological convention, so the patient's left appears on the viewer's right.",
               "Remember the radiological display: what sits on the image's left is the patient's right."],
        "RP": ["This volume is displayed in neurological convention: the patient's right is on the image's right.",
               "Note the neurological display here (image right = patient right), unlike the radiological default."],
        "LI": ["It is a coronal slice in radiological display, with the patient's left on the viewer's right.",
               "Coronal view: head at the top, patient's left on the right of the screen."],
    }[o])


def hypothetical(ctx):
    rng = ctx.rng
    return rng.choice([
        "Had the model merged or split components, the per-lesion F1 would have moved far more than the Dice.",
        "If this were a left-right mirrored export, every side label in Table 2 would flip, which is why we kept the header check.",
        "Our size strata were small (under 1% of the slice), medium and large (over 5%), following the challenge protocol.",
        "If a mask arrives in several pieces, each is listed as its own component in the per-lesion table.",
        "In a scan with three or more foci, the per-lesion F1 would matter more than the overall Dice.",
    ])


SIDE_Q = {
    "phd": ["For the caption: which side of the patient is it on?",
            "My co-author thinks the overlay looks mirrored. Which side is it really on?",
            "Which side should I write in the figure legend?"],
    "abstract": ["One results sentence on laterality, please.", "Laterality only, abstract style.",
                 "State the side in one line."],
    "rebuttal": ["Reviewer 1, Comment {c}: The laterality of the segmented structure is not reported. Please state it.",
                 "Reviewer 3, Comment {c}: Is the display radiological or neurological? On which side of the patient does the structure lie?"],
    "modelcard": ["What goes in the card's 'laterality (patient frame)' field for this example?",
                  "And the side, for the example-output section of the card?"],
}
POS_Q = {
    "phd": ["Where does it sit in the slice, and relative to its neighbours?", "How would you describe its position for Fig. 3?",
            "Is there a neat way to describe where it lies?"],
    "abstract": ["One line on position.", "Position relative to landmarks, terse."],
    "rebuttal": ["Reviewer 2, Comment {c}: Please describe the location of the structure in the slice more precisely.",
                 "Reviewer 1, Comment {c}: The anatomical position relative to adjacent structures should be specified."],
    "modelcard": ["What does the card say about its position?", "Fill in the 'location' field of the example output."],
}
SIZE_Q = {
    "phd": ["How big is it on this slice? My supervisor wants a number in the caption.",
            "Is it big or small on this slice, roughly?", "What share of the image does the mask cover?"],
    "abstract": ["Size, one line.", "Add the extent on the slice."],
    "rebuttal": ["Reviewer 2, Comment {c}: The size of the segmented region is not given. Please quantify it.",
                 "Reviewer 3, Comment {c}: How large is the segmented region relative to the field of view?"],
    "modelcard": ["What does the card report for the size of this example mask?", "Size field of the example?"],
}
COUNT_Q = {
    "phd": ["How many separate pieces does the mask have? I need it for the per-lesion analysis.",
            "Is it one blob or several?", "How many connected components should I report?"],
    "abstract": ["Number of components, one line.", "Count of foci, terse."],
    "rebuttal": ["Reviewer 1, Comment {c}: Please report the number of connected components in the example segmentation.",
                 "Reviewer 2, Comment {c}: Is the example lesion unifocal or multifocal?"],
    "modelcard": ["How many connected components does the example output have?", "Card field 'components': value?"],
}
MISC_Q = {
    "phd": ["Which metrics should I quote next to the figure?", "Anything about the statistics I should add to the caption?",
            "Should I cite anyone for the annotation protocol?"],
    "abstract": ["Add one line of performance figures.", "Close with the statistics."],
    "rebuttal": ["Reviewer 2, Comment {c}: The statistical analysis is insufficiently described.",
                 "Reviewer 1, Comment {c}: Please compare with a recent baseline."],
    "modelcard": ["What does the 'evaluation' section say?", "Any known limitations to list on the card?"],
}


PLURAL = {"renal cysts", "liver metastases", "multiple sclerosis lesions", "lateral ventricles", "pulmonary nodules",
          "pleural effusions", "uterine fibroids"}


def plural(t):
    return t in PLURAL


def opener(style, ctx, p, rng, names):
    t = ctx.t
    clue = rng.choice(p["clues"])
    mod, reg = p["modality"], p["region"]
    k, pan = rng.randint(2, 6), rng.choice("abcd")
    sw, it = ("structures", "them") if plural(t) else ("structure", "it")
    if names:
        ask = rng.choice([f"Can you segment the {t} and describe it?", f"Please segment the {t} here.",
                          f"Which pixels are the {t}? Segment the {t} for me."])
    else:
        ask = None
    if style == "phd":
        q = rng.choice([f"Quick one about Fig. {k}{pan} of my thesis chapter ({mod}, {reg}). ",
                        f"I'm redoing panel {pan} of Figure {k} for the paper, a {mod} {reg} slice. ",
                        f"Hi! Working on a figure again: {mod} {reg}, case {rng.randint(100, 999)}. "])
        q += ask or rng.choice([f"Which {sw} here {clue}? Could you segment {it} for the overlay?",
                                f"Can you find and segment the {sw} that {clue}?"])
    elif style == "abstract":
        q = rng.choice([f"Abstract style, at most three sentences. {mod} {reg}. ",
                        f"Terse summary please ({mod}, {reg} slice). ", f"Structured-abstract answer. {mod} {reg}. "])
        q += ask or rng.choice([f"Identify and segment the {sw} that {clue}.",
                                f"Which {sw} {clue}? Segment it."])
    elif style == "rebuttal":
        q = rng.choice([f"Reviewer 2, Comment {rng.randint(1, 4)}: In Figure {k} ({mod}, {reg}), ",
                        f"Reviewer 1, Comment {rng.randint(1, 4)}: For the example in Figure {k}{pan} ({mod}), ",
                        f"Reviewer 3, Comment {rng.randint(1, 4)}: Regarding the {reg} example in Figure {k}, "])
        if names:
            q += rng.choice([f"the {t} should be segmented explicitly and described.",
                             f"the authors should show the segmentation of the {t}."])
        else:
            q += rng.choice([f"the authors never say which {sw} {clue}. Please identify it and show the segmentation.",
                             f"it is unclear which {sw} {clue}. The authors should segment it explicitly."])
    else:
        q = rng.choice([f"Model-card example, {mod} {reg}. ", f"For the dataset card's worked example ({mod}, {reg}): ",
                        f"Card demo input: one {mod} {reg} slice. "])
        q += ask or rng.choice([f"Which {sw} {clue}? Return the mask.",
                                f"Identify the {sw} that {clue} and output the segmentation."])
    return q


def claim_sentence(ctx, kind, false=False, corrected=False, value=None):
    rng = ctx.rng
    ph = ctx.claim(kind, false, corrected, value)
    frames = {
        "side": ["It is {x}.", "The mask is {x}.", "In patient terms the {t} is {x}."],
        "vertical": ["It is {x}.", "The mask is {x}.", "The {t} is {x}."],
        "relation": ["It lies {x}.", "The {t} is {x}.", "On this slice it is {x}."],
        "size": ["On this slice it is {x}.", "The mask is {x}.", "The {t} is {x} here."],
        "pct": ["It covers {x}.", "The mask occupies {x}.", "The {t} takes up {x}."],
        "count": ["The mask consists of {x}.", "The segmentation has {x}.", "It is made up of {x}."],
    }[kind]
    if kind == "count" and ph.startswith("just"):
        frames = ["The mask is {x}.", "It comes as {x}."]
    out = rng.choice(frames).format(x=ph, t=ctx.t)
    if plural(ctx.t):
        out = out.replace(f"{ctx.t} is ", f"{ctx.t} are ").replace(f"{ctx.t} takes ", f"{ctx.t} take ")
    return out


def a1_text(style, ctx, claims_s, rng):
    t = ctx.t
    st = stat(rng)
    body = " ".join(claims_s)
    if style == "phd":
        return rng.choice([f"That's the {t}: [SEG]. {body} {st}",
                           f"It's the {t}. Here's the mask: [SEG]\n\n{body} For context, {st[0].lower() + st[1:]}",
                           f"The structure you mean is the {t} [SEG]. {body}\n\n{st}"])
    if style == "abstract":
        return rng.choice([f"**Target.** {t.capitalize()} [SEG]. **Findings.** {body} **Context.** {st}",
                           f"{t.capitalize()} segmented [SEG]. {body} {st}",
                           f"Result: the {t} [SEG]. {body}"])
    if style == "rebuttal":
        return rng.choice([f"Response: We thank the reviewer. The structure is the {t}, now outlined in the revised "
                           f"figure [SEG]. {body} {st} (Changes: page {rng.randint(3, 14)}, lines {rng.randint(10, 40)}-{rng.randint(41, 80)}.)",
                           f"Author response: Agreed. The highlighted structure is the {t} [SEG]. {body}\n\n{st}"])
    return rng.choice([f"**Output:** {t} [SEG]\n\n**Example geometry:** {body}\n\n**Reported performance:** {st}\n\n"
                       "**Intended use:** research only; not for clinical decisions.",
                       f"Model output: the {t} [SEG].\n\n- {body}\n- Evaluation note: {st}"])


def wrap_answer(style, ctx, text, rng, c, plain=False):
    if style == "rebuttal":
        return rng.choice([f"Response: {text} (Revised manuscript, page {rng.randint(3, 14)}.)",
                           f"We thank the reviewer. {text}", f"Response to Comment {c}: {text}"])
    if style == "modelcard":
        return rng.choice([f"**Card entry:** {text}", f"{text}\n\n_Card section updated._", text])
    if style == "abstract":
        return text
    return text if plain else rng.choice([text, f"Sure. {text}", f"Good question. {text}"])


KIND_OF = {"laterality": ["side"], "position": ["vertical", "relation"], "size": ["size", "pct"], "count": ["count"]}
Q_OF = {"side": SIDE_Q, "vertical": POS_Q, "relation": POS_Q, "size": SIZE_Q, "pct": SIZE_Q, "count": COUNT_Q}


def subj(ctx, kind):
    if plural(ctx.t):
        return {"side": "they are", "vertical": "they are", "relation": "they lie", "size": "they are",
                "pct": "they cover", "count": "the mask consists of"}[kind]
    return {"side": "it is", "vertical": "it is", "relation": "it lies", "size": "it is", "pct": "it covers",
            "count": "the mask consists of"}[kind]


def premise_user(style, ctx, kind, false, corrected, rng, c):
    ph = ctx.claim(kind, false, corrected)
    sj = subj(ctx, kind)
    if style == "phd":
        return rng.choice([f"In the caption I wrote that {sj} {ph}. Is that okay?",
                           f"My draft says {sj} {ph}. Can I keep that sentence?",
                           f"So {sj} {ph}, right? I'll put that in the legend."])
    if style == "abstract":
        return rng.choice([f"Check this line: '{sj.capitalize()} {ph}.'", f"Draft sentence: {sj} {ph}. Keep?"])
    if style == "rebuttal":
        return rng.choice([f"Reviewer 2, Comment {c}: The authors state that {sj} {ph}; please confirm this is correct.",
                           f"Reviewer 1, Comment {c}: If, as the text says, {sj} {ph}, the legend should say so too."])
    return rng.choice([f"The draft card says {sj} {ph}. Is that accurate?", f"Card draft: '{sj} {ph}'. Correct?"])


def premise_uncorrected_user(style, ctx, kind, rng, c):
    ph = ctx.claim(kind, True, False)
    sj = subj(ctx, kind)
    if style == "phd":
        return rng.choice([f"Since {sj} {ph}, should I also put HD95 in mm in the caption?",
                           f"Given that {sj} {ph}, which colour map would you use for the overlay?",
                           f"OK, and because {sj} {ph}, do I need a zoomed inset in the figure?"])
    if style == "abstract":
        return rng.choice([f"Given {sj} {ph}, add one line of metrics.", f"Since {sj} {ph}: which metric leads?"])
    if style == "rebuttal":
        return rng.choice([f"Reviewer 2, Comment {c}: Given that {sj} {ph}, the authors should justify the choice of Dice over NSD.",
                           f"Reviewer 3, Comment {c}: As {sj} {ph}, please add a per-case HD95."])
    return rng.choice([f"Since {sj} {ph}, what should the card list under limitations?",
                       f"Given that {sj} {ph}, which metric do we headline on the card?"])


def uncorrected_answer(style, ctx, rng, c):
    st = stat(rng)
    if style == "phd":
        text = rng.choice([f"Yes, I'd add it. Report Dice and HD95 side by side; {st[0].lower() + st[1:]}",
                           f"A sequential colour map with 40% opacity works well, and keep the scale bar. {st}",
                           f"An inset helps reviewers. {st}"])
    elif style == "abstract":
        text = rng.choice([f"Dice leads, HD95 second. {st}", st])
    elif style == "rebuttal":
        text = rng.choice([f"We agree and have added the requested analysis. {st}",
                           f"Done; per-case values are now in Supplementary Table S{rng.randint(1, 6)}. {st}"])
    else:
        text = rng.choice([f"Headline Dice with its CI. {st}",
                           f"List the training-data bias and the single-centre origin. {st}"])
    return wrap_answer(style, ctx, text, rng, c)


def answer_true_kind(style, ctx, kind, rng, false=False):
    s = claim_sentence(ctx, kind, false=false)
    extra = []
    if kind == "side":
        extra.append(convention(ctx))
    if rng.random() < 0.4:
        extra.append(stat(rng))
    if rng.random() < 0.25:
        extra.append(rng.choice(ctx.p["know"]))
    if rng.random() < 0.2:
        extra.append(hypothetical(ctx))
    parts = [s] + extra
    rng.shuffle(parts)
    return " ".join(parts)


def slip_text(ctx, kind, rng):
    """The assistant's own slip, corrected in the same breath."""
    bad = ctx.claim(kind, True, True)
    good = ctx.claim(kind, False, False)
    sj = subj(ctx, kind)
    return rng.choice([f"At first glance {sj} {bad} - no, sorry, I misread that: {sj} {good}.",
                       f"Correction to my draft line '{sj} {bad}': {sj} {good}.",
                       f"I almost wrote that {sj} {bad}; in fact {sj} {good}."])


def corrected_answer(style, ctx, kind, rng):
    good = ctx.claim(kind, False, False)
    sj = subj(ctx, kind)
    text = rng.choice([f"I'd change that: {sj} {good}.", f"Not quite - {sj} {good}.",
                       f"That needs fixing; {sj} {good}."])
    if kind == "side":
        text += " " + convention(ctx)
    if rng.random() < 0.4:
        text += " " + stat(rng)
    return text


def affirm_answer(style, ctx, kind, rng):
    good = ctx.claim(kind, False, False, value=ctx.ledger[-1]["value"] if kind == "pct" else None)
    sj = subj(ctx, kind)
    return rng.choice([f"Yes, keep it: {sj} {good}.", f"That's correct - {sj} {good}.",
                       f"Fine as written; {sj} {good}."])


def lit_question(style, ctx, kind, rng, c):
    a, y, p = rng.choice(AUTHORS), rng.randint(2014, 2024), rng.randint(12, 78)
    base = {"side": f"{a} et al. ({y}) found these on the patient's left in {p}% of cases",
            "vertical": f"{a} et al. ({y}) describe a posterior location in {p}% of their cohort",
            "relation": f"in {a} et al. ({y}) the structure sat anterior to its main landmark in {p}% of scans",
            "size": f"the median lesion in {a} et al. ({y}) covered {rng.choice(['0.4', '2.5', '7', '12'])}% of the slice",
            "count": f"{a} et al. ({y}) report a median of {rng.randint(2, 5)} lesions per patient (n = {rng.randint(40, 900)})"}[kind]
    ask = {"side": "which side is ours on", "vertical": "where does ours sit", "relation": "where does ours sit",
           "size": "how big is ours", "count": "how many pieces does ours have"}[kind]
    if style == "rebuttal":
        return f"Reviewer 2, Comment {c}: {base[0].upper() + base[1:]}. Please state the corresponding finding for the example shown."
    if style == "abstract":
        return f"Context: {base}. One line: {ask}?"
    if style == "modelcard":
        return f"The card's background section notes that {base}. For the example, {ask}?"
    return f"My supervisor pointed out that {base}. So {ask}?"


def lit_answer(ctx, kind, rng):
    s = claim_sentence(ctx, kind)
    return rng.choice([f"{s} The literature figure is a cohort statistic; it says nothing about a single scan.",
                       f"For this example: {s[0].lower() + s[1:]} Cohort percentages do not transfer to one case.",
                       f"{s} We would not generalise from one scan to the cohort figure, or the other way round."])


def fresh(ctx, pool):
    """A question not yet asked in this conversation (any, once all were)."""
    left = [q for q in pool if q not in ctx.asked] or pool
    q = ctx.rng.choice(left)
    ctx.asked.append(q)
    return q


def kinds_available(ctx):
    ks = ["side", "vertical", "size", "pct", "count"]
    if ctx.rels:
        ks.append("relation")
    return ks


def build(p, facts, style, rng, defect):
    ctx = Ctx(p, facts, rng)
    ctx.pending = []
    ctx.asked = []
    avail = kinds_available(ctx)
    dkind, loc = None, None
    if defect in KIND_OF:
        opts = [k for k in KIND_OF[defect] if k in avail]
        dkind = rng.choice(opts)
        loc = rng.choice(["a1", "answer", "user"])
    c = rng.randint(2, 9)

    ctx.say("user", opener(style, ctx, p, rng, defect == "names_target"))

    # first answer: one or two true claims, possibly the planted one, possibly a self-corrected slip
    first = rng.sample([k for k in avail if k != dkind], rng.choice([1, 2]))
    sents = [claim_sentence(ctx, k) for k in first]
    if loc == "a1":
        sents.insert(rng.randint(0, len(sents)), claim_sentence(ctx, dkind, false=True))
    elif defect is None and rng.random() < 0.25:
        sents.append(slip_text(ctx, rng.choice(avail), rng))
    if rng.random() < 0.35:
        sents.append(rng.choice(ctx.p["know"]))
    ctx.say("assistant", a1_text(style, ctx, sents, rng))

    # follow-up rounds
    n_rounds = rng.randint(1, 3)
    plan = []
    if loc == "answer":
        plan.append(("false_answer", dkind))
    elif loc == "user":
        plan.append(("user_uncorrected", dkind))
    if defect is None and rng.random() < 0.5:
        plan.append(("premise_corrected", rng.choice(avail)))
    while len(plan) < n_rounds:
        r = rng.random()
        if r < 0.3:
            plan.append(("ask", rng.choice([k for k in avail if k != dkind])))
        elif r < 0.45:
            plan.append(("lit", rng.choice([k for k in avail if k not in (dkind, "pct")])))
        elif r < 0.65:
            plan.append(("premise_true", rng.choice([k for k in avail if k != dkind])))
        else:
            plan.append(("misc", None))
    rng.shuffle(plan)
    for mode, kind in plan:
        c += 1
        if mode in ("ask", "false_answer"):
            q = fresh(ctx, Q_OF[kind][style]).format(c=c)
            ctx.say("user", q)
            ctx.say("assistant", wrap_answer(style, ctx, answer_true_kind(style, ctx, kind, rng,
                                                                            false=mode == "false_answer"), rng, c))
        elif mode == "user_uncorrected":
            ctx.say("user", premise_uncorrected_user(style, ctx, kind, rng, c))
            ctx.say("assistant", uncorrected_answer(style, ctx, rng, c))
        elif mode == "premise_corrected":
            ctx.say("user", premise_user(style, ctx, kind, True, True, rng, c))
            ctx.say("assistant", wrap_answer(style, ctx, corrected_answer(style, ctx, kind, rng), rng, c, plain=True))
        elif mode == "premise_true":
            ctx.say("user", premise_user(style, ctx, kind, False, False, rng, c))
            ctx.say("assistant", wrap_answer(style, ctx, affirm_answer(style, ctx, kind, rng), rng, c))
        elif mode == "lit":
            ctx.say("user", lit_question(style, ctx, kind, rng, c))
            ctx.say("assistant", wrap_answer(style, ctx, lit_answer(ctx, kind, rng), rng, c))
        else:
            ctx.say("user", fresh(ctx, MISC_Q[style]).format(c=c))
            parts = [stat(rng, t) for t in rng.sample(range(19), 2)]
            if rng.random() < 0.5:
                parts.append(hypothetical(ctx))
            if rng.random() < 0.4:
                parts.append(rng.choice(ctx.p["know"]))
            ctx.say("assistant", wrap_answer(style, ctx, " ".join(parts), rng, c))

    LEDGER.clear()
    LEDGER.extend(ctx.ledger)
    return ctx.turns, ([] if defect is None else [defect])
