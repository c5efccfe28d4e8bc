"""Bank GH: dataset-curation and annotation-QA talk about a segmented structure (helper `qcgh`, written
without reading QC).

Registers: `ticket` (Jira / GitHub-issue threads with labels and status lines), `guideline` (annotation
guideline excerpts quoted and applied), `review` (label-review comments between an annotator and a senior
reviewer), `datacard` (dataset-card / data-paper Q&A). The curator asks implicitly (function, symptom,
clinical story) which structure a mask shows; the assistant names it, outputs [SEG] and talks about it.
Label-file vocabulary (label ids, snake_case class names, voxel counts of the 3D label, Dice between
annotators, slice numbers, spacing, guideline section numbers) is everywhere and is never a fact of the
2D mask; annotator disagreements about side, position, size and piece count are raised and resolved.

Every claim about the target is kept in `LEDGER` (kind, value, turn, role, corrected) and checked against
recomputed facts by the writer's own reader (/work/notes/qcgh_scripts/check_gh.py):
rows 420, clean 210, defects count 42, laterality 42, names_target 42, position 42, size 42; defects sit in
first answer 56, first question 42, follow-up answer 55, user premise 57; corrected slips/premises 140;
targets 24; problems: 0 (SEED 20261317).
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

SIZE = 256
LEDGER: list[dict] = []   # one entry per build() call, in row order
MASKS: list[dict] = []    # one entry per facts_for() call: what was drawn, to recompute the facts

STYLES = ["ticket", "guideline", "review", "datacard"]


def _P(target, label, lid, region, modality, orient, names, clues, lore, blobs=None, multi=None, others=None):
    return dict(target=target, label=label, lid=lid, region=region, modality=modality, orient=orient,
                names=names, clues=clues, lore=lore, blobs=blobs or [], multi=multi, others=others or {})


# patient coordinates: x > 0 is the patient's left, y > 0 posterior (axial) or inferior (coronal)
PROFILES = [
    _P("right kidney", "kidney_right", 2, "abdomen", "CT", "LP", ["kidney", "renal", "nephr"],
       ["the organ that filters the blood and makes urine",
        "the bean-shaped retroperitoneal organ whose function the split-function scan measured",
        "the organ a living-donor work-up wants volumetry of"],
       ["In most people the left kidney sits 1-2 cm higher than the right, because the liver pushes the right one down.",
        "About 1 in 500 people has a horseshoe kidney, where the two lower poles fuse across the midline."],
       blobs=[(-0.2, 0.12, 0.07, 0.09)], others={"liver": (-0.18, -0.05), "aorta": (0.03, 0.08)}),
    _P("left kidney", "kidney_left", 3, "abdomen", "CT", "LP", ["kidney", "renal", "nephr"],
       ["the organ that filters the blood and makes urine",
        "the retroperitoneal organ the urologist wants a cortex-only volume of",
        "the organ whose hilum the living-donor protocol asks us to outline"],
       ["The left renal vein is longer than the right one, which is why surgeons prefer the left side for donor nephrectomy.",
        "Roughly 1 in 1,000 people is born with only one kidney."],
       blobs=[(0.2, 0.12, 0.065, 0.09)], others={"spleen": (0.27, 0.0), "aorta": (0.03, 0.08)}),
    _P("left kidney", "kidney_left", 3, "abdomen", "MR", "RP", ["kidney", "renal", "nephr"],
       ["the organ that filters the blood and makes urine",
        "the organ the polycystic-disease study tracks total volume of"],
       ["The left renal vein is longer than the right one, which is why surgeons prefer the left side for donor nephrectomy.",
        "In ADPKD, a total kidney volume growing more than 5% a year marks a rapid progressor."],
       blobs=[(0.2, 0.12, 0.065, 0.09)], others={"spleen": (0.27, 0.0), "aorta": (0.03, 0.08)}),
    _P("kidneys", "kidneys", 1, "abdomen", "CT", "LP", ["kidney", "renal", "nephr"],
       ["the paired organs that filter the blood", "the organs a contrast-injury study wants traced together"],
       ["The left kidney usually lies a little higher than the right.",
        "A normal adult kidney is about 10-12 cm long, and a difference over 2 cm between the two sides is worth a comment."],
       blobs=[(-0.2, 0.12, 0.065, 0.085), (0.2, 0.11, 0.065, 0.085)], others={"aorta": (0.03, 0.08), "liver": (-0.18, -0.06)}),
    _P("liver", "liver", 5, "abdomen", "CT", "LP", ["liver", "hepat"],
       ["the organ that makes bile and most clotting factors",
        "the organ the transplant team needs a volume of before a right-lobe donation"],
       ["An adult liver weighs about 1.5 kg and has eight Couinaud segments.",
        "A Riedel lobe can hang well below the costal margin on the right in some women."],
       blobs=[(-0.15, -0.02, 0.2, 0.17)], others={"spleen": (0.27, 0.04), "stomach": (0.12, -0.12)}),
    _P("spleen", "spleen", 1, "abdomen", "CT", "LP", ["spleen", "splen"],
       ["the organ that culls old red cells and can rupture after blunt trauma to the left flank",
        "the organ that enlarges in portal hypertension and in mononucleosis"],
       ["A normal spleen is up to about 12 cm long; past 13 cm most readers call it enlarged.",
        "Accessory splenules turn up in roughly 10-30% of people, usually near the hilum."],
       blobs=[(0.26, 0.1, 0.06, 0.09)], others={"stomach": (0.1, -0.1), "liver": (-0.18, -0.03)}),
    _P("liver metastases", "liver_metastasis", 7, "abdomen", "CT", "LP", ["metasta", "liver", "hepat"],
       ["the lesions that explain the rising CEA two years after the colectomy",
        "the hypodense deposits the oncologist wants counted before resection is planned"],
       ["About a quarter of colorectal cancer patients have liver deposits at diagnosis.",
        "Surgeons often still resect when there are four or fewer deposits and enough remnant is left."],
       multi=dict(n=(2, 4), x=(-0.3, -0.08), y=(-0.12, 0.1), r=(0.015, 0.035)),
       others={"stomach": (0.12, -0.12), "spleen": (0.27, 0.04)}),
    _P("abdominal aorta", "aorta", 8, "abdomen", "CT", "LP", ["aorta", "aortic"],
       ["the vessel whose diameter above 3 cm defines an aneurysm",
        "the vessel the vascular surgeons follow every 12 months with a diameter measurement"],
       ["In most adults the abdominal aorta runs slightly to the left of the midline, with the IVC on its right.",
        "Screening men once at 65 cuts aneurysm deaths by roughly half."],
       blobs=[(0.0, 0.08, 0.03, 0.03)], others={"vertebral body": (0.0, 0.22), "inferior vena cava": (-0.08, 0.08)}),
    _P("gallbladder", "gallbladder", 4, "abdomen", "CT", "LP", ["gallbladder", "gall bladder", "cholecyst"],
       ["the sac that stores and concentrates bile", "the organ a Murphy's sign points to"],
       ["A wall thicker than 3 mm is abnormal when it is distended.",
        "Stones are found in about 10-15% of adults in Western countries."],
       blobs=[(-0.17, -0.12, 0.04, 0.05)], others={"liver": (-0.15, -0.02), "stomach": (0.12, -0.12)}),
    _P("adrenal glands", "adrenal_glands", 9, "abdomen", "CT", "LP", ["adrenal", "suprarenal"],
       ["the small glands that make cortisol and aldosterone",
        "the glands the endocrinologist wants checked in this patient with Cushing's syndrome"],
       ["Each limb is normally less than about 10 mm thick.",
        "The right gland sits behind the IVC, while the left one lies beside the aorta."],
       blobs=[(-0.12, 0.07, 0.02, 0.035), (0.12, 0.07, 0.02, 0.035)], others={"aorta": (0.03, 0.1)}),
    _P("right lung", "lung_right", 4, "chest", "CT", "LP", ["lung", "pulmo"],
       ["the air-filled organ the thoracic surgeon wants a volume of before the pneumonectomy",
        "the organ with three lobes"],
       ["The right main bronchus is shorter and more vertical, so aspirated material tends to go right.",
        "The left side has only two lobes and a lingula instead of a middle lobe."],
       blobs=[(-0.19, 0.02, 0.14, 0.22)], others={"heart": (0.05, -0.1), "descending aorta": (0.07, 0.14)}),
    _P("pulmonary nodules", "lung_nodule", 6, "chest", "CT", "LP", ["nodul", "lung", "pulmo"],
       ["the small round opacities the screening programme flagged in this 62-year-old ex-smoker",
        "the findings the screening score on the request refers to"],
       ["Fleischner advice for a solid nodule under 6 mm in a low-risk patient is no routine follow-up.",
        "About half of heavy smokers have at least one on their first screening scan."],
       multi=dict(n=(2, 4), x=(0.1, 0.3), y=(-0.15, 0.15), r=(0.01, 0.022), sides=True),
       others={"heart": (0.05, -0.1)}),
    _P("heart", "heart", 10, "chest", "CT", "LP", ["heart", "cardiac", "cardio"],
       ["the muscular pump the calcium score is measured over",
        "the organ whose chambers the ECG-gated study was timed for"],
       ["About two-thirds of the heart's mass lies to the left of the midline in a normal adult.",
        "A cardiothoracic ratio above 0.5 on a PA radiograph is usually called enlarged."],
       blobs=[(0.05, -0.09, 0.14, 0.12)], others={"descending aorta": (0.07, 0.14), "spine": (0.0, 0.22)}),
    _P("esophagus", "esophagus", 11, "chest", "CT", "LP", ["esophag", "oesophag", "gullet"],
       ["the muscular tube a barium swallow outlines",
        "the structure the dysphagia work-up is about"],
       ["An adult oesophagus is roughly 25 cm long.",
        "Above the arch the oesophagus drifts slightly to the left of the trachea in many people."],
       blobs=[(0.0, 0.11, 0.022, 0.022)], others={"trachea": (0.0, -0.02), "heart": (0.04, -0.12)}),
    _P("right pleural effusion", "pleural_effusion_right", 12, "chest", "CT", "LP", ["effusion", "pleural"],
       ["the fluid collection behind the dull percussion note at the base",
        "the collection the chest drain was placed for"],
       ["About 200 mL is needed before the costophrenic angle blunts on an upright PA film.",
        "In heart failure they are often bilateral; a left-only one should make you think of pancreatitis or rupture."],
       blobs=[(-0.22, 0.2, 0.11, 0.05)], others={"heart": (0.05, -0.1), "right lung": (-0.18, 0.0)}),
    _P("urinary bladder", "urinary_bladder", 13, "pelvis", "CT", "LP", ["bladder", "vesic"],
       ["the organ that stores urine until voiding",
        "the organ a post-void residual is measured in"],
       ["Normal adult capacity is around 400-600 mL.",
        "A post-void residual over about 100 mL is usually called incomplete emptying."],
       blobs=[(0.0, -0.12, 0.09, 0.07)], others={"rectum": (0.0, 0.16), "left femoral head": (0.24, 0.02)}),
    _P("prostate", "prostate", 14, "pelvis", "MR", "LP", ["prostat"],
       ["the gland whose PSA rose to 7.2 ng/mL", "the gland the PI-RADS report scores"],
       ["A normal volume is about 20-25 mL in a young man.",
        "Roughly 70% of cancers arise in the peripheral zone."],
       blobs=[(0.0, 0.02, 0.05, 0.04)], others={"rectum": (0.0, 0.15), "pubic symphysis": (0.0, -0.16)}),
    _P("left femoral head", "femoral_head_left", 15, "pelvis", "CT", "LP", ["femoral", "femur", "hip joint"],
       ["the ball of the ball-and-socket joint that avascular necrosis destroys",
        "the bone end the arthroplasty planning tool needs sized"],
       ["Avascular necrosis ends up bilateral in up to half of patients.",
        "A normal head is about 45-50 mm across in adults."],
       blobs=[(0.24, 0.02, 0.05, 0.05)], others={"urinary bladder": (0.0, -0.12), "rectum": (0.0, 0.16)}),
    _P("right femoral head", "femoral_head_right", 16, "pelvis", "CT", "LI", ["femoral", "femur", "hip joint"],
       ["the ball of the ball-and-socket joint that avascular necrosis destroys",
        "the bone end the templating software needs a sphere fit of"],
       ["Avascular necrosis ends up bilateral in up to half of patients.",
        "The Garden classification has four grades for fractures of the neck below it."],
       blobs=[(-0.18, 0.16, 0.05, 0.05)], others={"urinary bladder": (0.0, 0.12), "L5 vertebra": (0.0, -0.2)}),
    _P("iliopsoas muscles", "iliopsoas", 17, "abdomen", "CT", "LI", ["psoas", "iliacus", "iliopsoas"],
       ["the hip-flexor muscles whose sheath a spinal abscess tracks along",
        "the muscles the sarcopenia project measures the cross-section of"],
       ["Psoas abscesses are bilateral in only about 3% of cases.",
        "A skeletal muscle index below 52.4 cm2/m2 is a common cut-off for sarcopenia in men."],
       blobs=[(-0.1, 0.05, 0.035, 0.15), (0.1, 0.05, 0.035, 0.15)], others={"L3 vertebra": (0.0, -0.12)}),
    _P("L3 vertebral body", "vertebra_L3", 18, "abdomen", "CT", "LP", ["vertebra", "l3", "third lumbar"],
       ["the bony landmark that body-composition studies standardise their muscle measurements on",
        "the level the opportunistic bone-density screen samples trabecular HU from"],
       ["There are normally five lumbar levels, but about 10% of people have a transitional one.",
        "A trabecular attenuation below about 100 HU at that level suggests osteoporosis."],
       blobs=[(0.0, 0.2, 0.06, 0.05)], others={"aorta": (0.03, 0.06)}),
    _P("lateral ventricles", "lateral_ventricles", 20, "brain", "MR", "RP", ["ventric"],
       ["the CSF-filled cavities that balloon in hydrocephalus",
        "the spaces the shunt-malfunction protocol wants measured"],
       ["An Evans index above 0.3 suggests ventriculomegaly.",
        "Mild asymmetry, with the left one larger, is a normal variant in many people."],
       blobs=[(-0.08, -0.02, 0.035, 0.09), (0.08, -0.02, 0.035, 0.09)], others={"brainstem": (0.0, 0.12)}),
    _P("lateral ventricles", "lateral_ventricles", 20, "brain", "CT", "LP", ["ventric"],
       ["the CSF-filled cavities that balloon in hydrocephalus",
        "the spaces the shunt-malfunction protocol wants measured"],
       ["An Evans index above 0.3 suggests ventriculomegaly.",
        "Mild asymmetry, with the left one larger, is a normal variant in many people."],
       blobs=[(-0.08, -0.02, 0.035, 0.09), (0.08, -0.02, 0.035, 0.09)], others={"brainstem": (0.0, 0.12)}),
    _P("left hippocampus", "hippocampus_left", 21, "brain", "MR", "RP", ["hippocamp"],
       ["the memory structure that shrinks early in Alzheimer's disease",
        "the structure the epilepsy team suspects of mesial temporal sclerosis"],
       ["In normal ageing hippocampal volume falls by roughly 1-2% a year.",
        "In right-handed people the right one is often marginally bigger than the left."],
       blobs=[(0.12, 0.08, 0.025, 0.05)], others={"brainstem": (0.0, 0.1)}),
    _P("vestibular schwannoma", "vs_tumour", 22, "brain", "MR", "RP", ["schwannoma", "neuroma", "acoustic"],
       ["the tumour behind this patient's hearing loss and tinnitus",
        "the cerebellopontine-angle mass the radiosurgery plan targets"],
       ["About 95% of vestibular schwannomas are one-sided; tumours on both sides point to NF2.",
        "Growth of more than 2 mm a year usually prompts treatment."],
       multi=dict(n=(1, 1), x=(0.13, 0.17), y=(0.08, 0.12), r=(0.02, 0.03), sides=True),
       others={"brainstem": (0.0, 0.1)}),
    _P("brain metastases", "brain_metastasis", 23, "brain", "MR", "LP", ["metasta"],
       ["the enhancing lesions in this patient with known melanoma",
        "the lesions the stereotactic radiosurgery plan needs contours of"],
       ["Roughly 20% of people with cancer develop brain metastases at some point.",
        "Radiosurgery alone is usually offered for up to four of them, sometimes more."],
       multi=dict(n=(2, 5), x=(-0.3, 0.3), y=(-0.3, 0.3), r=(0.012, 0.03)),
       others={"brainstem": (0.0, 0.12)}),
]

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_ROPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
         "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _to_image(p, xp, yp):
    ix = 0.5 + xp if p["orient"][0] == "L" else 0.5 - xp
    return ix, 0.5 + yp


def _ellipse(m, cx, cy, rx, ry):
    h, w = m.shape
    yy, xx = np.mgrid[0:h, 0:w]
    m |= ((xx - cx * (w - 1)) / (rx * w)) ** 2 + ((yy - cy * (h - 1)) / (ry * h)) ** 2 <= 1


def draw(p, spec):
    m = np.zeros((SIZE, SIZE), bool)
    for xp, yp, rx, ry in spec:
        cx, cy = _to_image(p, xp, yp)
        _ellipse(m, cx, cy, rx, ry)
    return m


def others_of(p):
    return {k: tuple(round(v, 4) for v in _to_image(p, *xy)) for k, xy in sorted(p["others"].items())}


def facts_for(p, rng):
    spec = []
    if p["multi"]:
        mu = p["multi"]
        n = rng.randint(*mu["n"])
        tries = 0
        while len(spec) < n and tries < 500:
            tries += 1
            x = rng.uniform(*mu["x"]) * (rng.choice([-1, 1]) if mu.get("sides") else 1)
            y, r = rng.uniform(*mu["y"]), rng.uniform(*mu["r"])
            if all(((x - a) ** 2 + (y - b) ** 2) ** 0.5 > r + c + 0.03 for a, b, c, _ in spec):
                spec.append((x, y, r, r * rng.uniform(0.8, 1.2)))
    else:
        for xp, yp, rx, ry in p["blobs"]:
            spec.append((xp + rng.uniform(-0.012, 0.012), yp + rng.uniform(-0.012, 0.012),
                         rx * rng.uniform(0.92, 1.08), ry * rng.uniform(0.92, 1.08)))
    MASKS.append({"target": p["target"], "orient": p["orient"], "spec": spec})
    return compute_facts(draw(p, spec), p["orient"], others_of(p)).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


# ---------------------------------------------------------------------------------------------------
# phrasing of claims (each returns a sentence; the caller ledgers the value)

def _plane(p):
    return "cor" if p["orient"][1] in "SI" else "ax"


def lat_text(v, rng, p, style):
    if v in ("left", "right"):
        return rng.choice([f"It lies on the patient's {v}.", f"Side: patient {v}.",
                           f"It is {v}-sided in patient coordinates.",
                           f"In the patient's frame this is the {v} side.",
                           f"The label sits in the patient's {v} half of the body."])
    if v == "midline":
        return rng.choice(["It sits in the midline.", "Laterality: midline.",
                           "It straddles the midline rather than lying off to one side.",
                           "It is centred on the patient's midline."])
    if v == "bilateral":
        return rng.choice(["It is bilateral: there is foreground on both the patient's left and right.",
                           "Laterality: bilateral.", "The label covers both sides of the patient.",
                           "It is present on both sides, so the laterality field reads bilateral."])
    side = v.split("-")[0]  # "left-only" / "right-only"
    return rng.choice([f"It is confined to the patient's {side} side.", f"Only the patient's {side} side is labelled.",
                       f"Laterality: {side} only, nothing across the midline."])


def lat_false(v, rng):
    if v in ("left", "right"):
        return rng.choice([_OPP[v], _OPP[v], _OPP[v], "bilateral"])
    if v == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left-only", "right-only"])


def vert_text(v, rng, p):
    if _plane(p) == "ax":
        d = {"anterior": ["It lies in the anterior half of the slice.", "It sits toward the front of the body.",
                          "Position: anterior.", "On this axial slice it is anteriorly placed."],
             "posterior": ["It lies in the posterior half of the slice.", "It sits toward the back of the body.",
                           "Position: posterior.", "On this axial slice it is posteriorly placed."],
             "central": ["Front to back it sits at mid-depth, neither clearly anterior nor posterior.",
                         "Position: central in the anteroposterior direction.",
                         "It lies roughly halfway between the front and the back of the body."]}
    else:
        d = {"superior": ["It lies in the upper, cranial part of this coronal slice.", "Position: superior.",
                          "On the coronal image it sits high, toward the head."],
             "inferior": ["It lies in the lower, caudal part of this coronal slice.", "Position: inferior.",
                          "On the coronal image it sits low, toward the feet."],
             "central": ["Craniocaudally it sits around the middle of the slice, neither high nor low.",
                         "Position: central on the head-to-foot axis."]}
    return rng.choice(d[v])


def vert_false(v, rng, p):
    if v == "central":
        return rng.choice(["anterior", "posterior"] if _plane(p) == "ax" else ["superior", "inferior"])
    return _OPP[v]


def rel_text(rel, other, rng):
    d = {"left_of": [f"It is to the patient's left of the {other}.", f"It lies left of the {other} (patient frame)."],
         "right_of": [f"It is to the patient's right of the {other}.", f"It lies right of the {other} (patient frame)."],
         "anterior_to": [f"It lies anterior to the {other}.", f"It sits in front of the {other}."],
         "posterior_to": [f"It lies posterior to the {other}.", f"It sits behind the {other}."],
         "superior_to": [f"It lies above the {other}.", f"It is superior to the {other}."],
         "inferior_to": [f"It lies below the {other}.", f"It is inferior to the {other}."]}
    return rng.choice(d[rel])


def pct_str(frac):
    v = frac * 100
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def size_text(v, rng):
    d = {"small": ["It is small on this slice.", "Size: small.", "It is a small label here."],
         "medium": ["It is medium-sized on this slice.", "Size: medium.", "It is of moderate size here."],
         "large": ["It is large on this slice.", "Size: large.", "It is a big label here, one of the largest on the slice."]}
    return rng.choice(d[v])


def pct_text(pct, rng):
    return rng.choice([f"It takes up about {pct}% of the image.", f"Coverage: roughly {pct}% of the slice area.",
                       f"The 2D mask is close to {pct}% of the frame."])


def size_false(v, rng):
    return {"small": rng.choice(["medium", "large"]), "medium": rng.choice(["small", "large"]),
            "large": rng.choice(["small", "medium"])}[v]


def pct_false(frac, rng):
    if frac < 0.01:
        return rng.choice(["12", "18", "9.0"])
    if frac < 0.05:
        return rng.choice(["0.2", "0.3", "25"])
    return rng.choice(["0.4", "0.6", "1.0"])


NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def count_text(n, rng, p):
    unit = "lesions" if p["multi"] and "metast" in p["label"] else "nodules" if "nodule" in p["label"] else "pieces"
    if n == 1:
        return rng.choice(["It is a single connected region.", "Components: 1.",
                           "It is one contiguous piece with no islands.", "The mask is in one piece."])
    return rng.choice([f"It has {NUM[n]} separate {unit}.", f"Components: {n}.",
                       f"The mask is made of {NUM[n]} disconnected {unit}.",
                       f"There are {NUM[n]} {unit} in it, not touching each other."])


def count_false(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return rng.choice([m for m in (n - 1, n + 1) if m >= 1 and m != n])


# ---------------------------------------------------------------------------------------------------

class Conv:
    """Turns being written, with the ledger of claims about the target."""

    def __init__(self):
        self.turns, self.claims, self.cur, self.role = [], [], [], None

    def open(self, role):
        self.cur, self.role = [], role

    def add(self, text):
        self.cur.append(text)

    def used(self, text):
        return text in self.cur or any(text in t["content"] for t in self.turns)

    def claim(self, kind, value, text, false=False, corrected=False):
        self.claims.append(dict(kind=kind, value=value, turn=len(self.turns), role=self.role, text=text,
                                false=false, corrected=corrected))
        self.cur.append(text)
        return len(self.claims) - 1

    def close(self, sep=" "):
        self.turns.append({"role": self.role, "content": sep.join(t for t in self.cur if t)})


def true_value(kind, f, rng, p, sub=None):
    """A true value of `kind` for these facts (sub chooses vertical/relation or class/percent)."""
    if kind == "laterality":
        return f["laterality"]
    if kind == "position":
        if sub == "rel" and f["relations"]:
            r = rng.choice(f["relations"])
            return ("rel", r["relation"], r["other"])
        return ("vert", f["vertical"])
    if kind == "size":
        return ("pct", pct_str(f["area_fraction"])) if sub == "pct" else ("class", f["size_class"])
    return f["components"]


def false_value(kind, f, rng, p):
    if kind == "laterality":
        return lat_false(f["laterality"], rng)
    if kind == "position":
        if f["relations"] and rng.random() < 0.45:
            r = rng.choice(f["relations"])
            return ("rel", _ROPP[r["relation"]], r["other"])
        return ("vert", vert_false(f["vertical"], rng, p))
    if kind == "size":
        if rng.random() < 0.35:
            return ("pct", pct_false(f["area_fraction"], rng))
        return ("class", size_false(f["size_class"], rng))
    return count_false(f["components"], rng)


def text_of(kind, value, rng, p):
    if kind == "laterality":
        return lat_text(value, rng, p, None)
    if kind == "position":
        return vert_text(value[1], rng, p) if value[0] == "vert" else rel_text(value[1], value[2], rng)
    if kind == "size":
        return size_text(value[1], rng) if value[0] == "class" else pct_text(value[1], rng)
    return count_text(value, rng, p)


def premise_of(kind, value, rng, p):
    """A user's statement of `value` as a premise (a clause that leads into a question)."""
    if kind == "laterality":
        v = value
        if v in ("left", "right"):
            return rng.choice([f"Since it's on the patient's {v},", f"Given that this one is {v}-sided,",
                               f"OK so it's the patient's {v} side —"])
        if v == "midline":
            return rng.choice(["Since it sits right in the midline,", "Given it's a midline structure on this slice,"])
        if v == "bilateral":
            return rng.choice(["Since it's labelled on both sides,", "Given that it's bilateral here,"])
        return f"Since it's only on the patient's {v.split('-')[0]} side,"
    if kind == "position":
        if value[0] == "vert":
            w = {"anterior": "in the front half of the body", "posterior": "in the back half of the body",
                 "central": "at mid-depth front to back" if _plane(p) == "ax" else "halfway up the slice",
                 "superior": "high up on the coronal slice", "inferior": "low down on the coronal slice"}[value[1]]
            return rng.choice([f"Since it sits {w},", f"Given that it's {w},"])
        rw = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
              "anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above",
              "inferior_to": "below"}[value[1]]
        return rng.choice([f"Since it lies {rw} the {value[2]},", f"Given it's {rw} the {value[2]},"])
    if kind == "size":
        if value[0] == "class":
            w = {"small": "small", "medium": "medium-sized", "large": "large"}[value[1]]
            return rng.choice([f"Since it's a {w} label on this slice,", f"Given that it's {w} here,"])
        return rng.choice([f"At roughly {value[1]}% of the image,", f"Since it covers about {value[1]}% of the slice,"])
    n = value
    return rng.choice([f"Since the mask has {NUM[n]} separate piece{'s' if n > 1 else ''},",
                       f"With {NUM[n]} connected component{'s' if n > 1 else ''} in it,"])


# ---------------------------------------------------------------------------------------------------
# register furniture: traps that are not facts of the mask

ANNOTATORS = ["M. Okafor", "J. Lindqvist", "P. Raman", "S. Moreau", "T. Nakamura", "L. Haddad", "C. Byrne", "A. Kowalski"]
REVIEWERS = ["Dr. Feld", "Dr. Ashworth", "Dr. Iyer", "Dr. Castellanos", "Dr. Brandt"]
HANDLES = ["@mokafor", "@jlindq", "@praman", "@smoreau", "@tnaka", "@lhaddad", "@cbyrne"]
TOOLS = ["CVAT", "3D Slicer", "ITK-SNAP", "Label Studio", "MONAI Label"]
GUIDE_RULES = [
    ("2.3", "Sides are recorded in the patient's frame, never the viewer's; check the orientation header before assigning a sided class."),
    ("3.1", "Contour the structure on every slice where it is visible; exclude partial-volume rim pixels darker than the surrounding fat."),
    ("3.4", "Where the slice plane splits a structure, keep every piece under one label id and do not paint bridges between them."),
    ("4.2", "Lesions under 3 mm in long axis are not labelled; anything 3 mm or more gets its own connected region."),
    ("5.0", "Vessels entering the hilum are excluded from organ labels unless the class name says otherwise."),
    ("6.1", "When two annotators disagree by more than 0.1 Dice, a senior reviewer adjudicates and the adjudicated mask is released."),
]


def case_id(rng):
    return rng.choice(["case", "sub", "pt", "vol"]) + f"_{rng.randint(1, 999):04d}"


def label_trap(p, rng):
    """A sentence of label-file vocabulary: true, about the dataset, not about this 2D mask."""
    vox = rng.randint(3000, 900000)
    d = rng.randint(78, 96)
    others = [o for o in sorted(p["others"])]
    o = rng.choice(others) if others else "background"
    return rng.choice([
        f"For the record, the 3D label holds {vox:,} voxels across the volume; that number says nothing about this one slice.",
        f"Inter-annotator Dice on this class was 0.{d} over the whole release.",
        f"Label id {p['lid']} maps to `{p['label']}` in labels.json; id 0 is background.",
        f"The {o} is a separate label in this case and is not part of this mask.",
        f"Spacing is {rng.choice(['0.78', '0.70', '0.86', '0.94'])} x {rng.choice(['0.78', '0.70', '0.86', '0.94'])} mm in-plane with {rng.choice(['1.0', '2.5', '3.0', '5.0'])} mm slices.",
        f"The volume was annotated by {NUM[rng.randint(2, 3)]} annotators before adjudication.",
    ])


def screen_trap(f, p, rng):
    """A true sentence about where a one-sided mask appears on the display (image side) and the patient side."""
    lat = f["laterality"]
    # column increasing = patient orient[0]; that side is on the screen's right
    screen = "right" if lat == ("left" if p["orient"][0] == "L" else "right") else "left"
    conv = "radiological" if p["orient"][0] == "L" else "neurological"
    return rng.choice([f"In this {conv} display it shows on the {screen} of the screen, which is the patient's {lat}.",
                       f"On screen it is on the {screen} because the viewer is in {conv} convention; in patient terms it is {lat}."])


def neg_traps(f, p):
    """True negations about the target: (kind, value, text)."""
    lat, out = f["laterality"], []
    if lat in ("left", "right"):
        out.append(("laterality", ("not", _OPP[lat]), f"It is not on the patient's {_OPP[lat]}."))
    if lat == "bilateral":
        out.append(("laterality", ("not", "one-sided"), "It is not a one-sided label."))
    if lat == "midline":
        out.append(("laterality", ("not", "one-sided"), "It is not off to the left or to the right."))
    sz = f["size_class"]
    out.append(("size", ("not", {"small": "large", "medium": "small-or-large", "large": "small"}[sz]),
                {"small": "It is not a large label.", "medium": "It is neither tiny nor large.",
                 "large": "It is not a small label."}[sz]))
    n = f["components"]
    out.append(("count", ("not", "several" if n == 1 else "one"),
                "It is not split into several pieces." if n == 1 else "It is not a single blob."))
    return out


def hypo_trap(f, p, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        other = _OPP[lat]
        return rng.choice([f"If this were the {other}-sided one, the header check would have put it on the other half of the body.",
                           f"Had the export flipped the x axis, it would have been misfiled as {other}; it wasn't."])
    return rng.choice(["If the header had been mirrored, a sided class would have been wrong; this one is fine either way.",
                       "Had the annotator used a different window, the boundary might shift a pixel or two, not the class."])


def trap(c, f, p, rng, avoid=()):
    """Add one trap sentence to the open turn: label-file vocabulary, knowledge, the screen side, a true
    negation or a hypothetical. Claims about the target are ledgered; `avoid` (a defect kind) is not spoken to."""
    k = rng.random()
    avoid = tuple(a for a in (avoid if isinstance(avoid, tuple) else (avoid,)) if a)
    if k < 0.3:
        t = label_trap(p, rng)
        if not c.used(t):
            c.add(t)
    elif k < 0.5:
        t = rng.choice(p["lore"])
        if not c.used(t):
            c.add(t)
    elif k < 0.65 and f["laterality"] in ("left", "right") and "laterality" not in avoid:
        c.claim("laterality", f["laterality"], screen_trap(f, p, rng))
    elif k < 0.85:
        opts = [t for t in neg_traps(f, p) if t[0] not in avoid and not c.used(t[2])]
        if opts:
            kind, value, text = rng.choice(opts)
            c.claim(kind, value, text)
        else:
            c.add(label_trap(p, rng))
    elif "laterality" not in avoid:
        t = hypo_trap(f, p, rng)
        if not c.used(t):
            c.add(t)
    else:
        c.add(label_trap(p, rng))


# ---------------------------------------------------------------------------------------------------
# first question per register

def first_question(p, style, rng, names_target, ctx):
    clue = rng.choice(p["clues"])
    s, S = ctx["slice"], ctx["nslices"]
    if names_target:
        named = rng.choice([f"the {p['target']}", f"`{p['label']}`"])
        ask = rng.choice([f"Can you segment {named} on this slice?", f"Please outline {named} here.",
                          f"I need {named} masked on this image."])
    else:
        ask = None
    if style == "ticket":
        key = rng.choice(["ANNO", "LBL", "SEGQA", "CUR"])
        title = rng.choice([f"Class name missing for label value {p['lid']}", "Orphan mask after re-import",
                            "Unmapped label in review queue", f"Mask without class on slice {s}"])
        body = (f"Case `{ctx['case']}`, slice {s}/{S}. The {ctx['tool']} export dropped the class name for this mask. "
                f"Per the referral, the region should be {clue}. Which class should it carry?")
        if ask:
            body = f"Case `{ctx['case']}`, slice {s}/{S}, {ctx['tool']} export. {ask} The class name got lost on re-import."
        return (f"**{key}-{rng.randint(100, 9999)}: {title}**\nLabels: `{p['region']}` `needs-class` "
                f"`round-{rng.randint(1, 4)}` · Status: Open · Priority: {rng.choice(['P2', 'P3', 'Minor', 'Major'])}\n\n{body}")
    if style == "guideline":
        sec, rule = rng.choice(GUIDE_RULES)
        ctx["sec"] = sec
        lead = f"Guideline v{rng.randint(1, 3)}.{rng.randint(0, 9)}, §{sec}: \"{rule}\"\n\n"
        if ask:
            return lead + f"Applying that to slice {s} of `{ctx['case']}`. {ask}"
        return lead + (f"I'm applying that to slice {s} of `{ctx['case']}`. The structure I'm supposed to label is "
                       f"{clue}. Which one is it on this image?")
    if style == "review":
        if ask:
            return (f"Annotator ({ctx['ann']}): Hi {ctx['rev']}, on `{ctx['case']}` slice {s}. {ask} "
                    f"I'd like you to sign it off before I submit the batch.")
        return (f"Annotator ({ctx['ann']}): Hi {ctx['rev']}, on `{ctx['case']}` slice {s} I've painted what I think is "
                f"{clue}, but I'm not sure which class it belongs under. Can you check before I submit the batch?")
    # datacard
    split = rng.choice(["train", "validation", "test"])
    if ask:
        return (f"Q: Image `{ctx['case']}_s{s:03d}.png` in the {split} split has one foreground mask. {ask} "
                f"I'm writing the card's per-class table.")
    return (f"Q: Image `{ctx['case']}_s{s:03d}.png` in the {split} split has one foreground mask. The clinical note "
            f"behind it describes {clue}. What does the mask show?")


def answer_head(p, style, ctx, rng):
    t, lab = p["target"], p["label"]
    this = "these are" if t.endswith("s") else "this is"
    if style == "ticket":
        return rng.choice([f"**Resolution:** {this} the {t}, class `{lab}` (id {p['lid']}). [SEG]",
                           f"Checked it in {ctx['tool']}: the region is the {t} → `{lab}`. [SEG]",
                           f"Reproduced on my side. Reattached the class: {t} (`{lab}`). [SEG]"])
    if style == "guideline":
        return rng.choice([f"Under that section {this} the {t}, which the label map calls `{lab}`. [SEG]",
                           f"That describes the {t} (`{lab}`, id {p['lid']}). [SEG]",
                           f"Reading the note against the image, the rule applies to the {t}; use `{lab}`. [SEG]"])
    if style == "review":
        return rng.choice([f"Reviewer ({ctx['rev']}): What you've painted is the {t}; file it under `{lab}`. [SEG]",
                           f"Reviewer ({ctx['rev']}): Your instinct was fine, you just need the class name: {t}, `{lab}`. [SEG]",
                           f"Reviewer ({ctx['rev']}): That's the {t} — class `{lab}`. [SEG]"])
    return rng.choice([f"A: The mask shows the {t} (class id {p['lid']}, `{lab}`). [SEG]",
                       f"A: That image's foreground is the {t}; in the per-class table it is row `{lab}`. [SEG]",
                       f"A: It is the {t}, released under the class name `{lab}`. [SEG]"])


APPLY = {"2.3": "Per §2.3 the side was read off the orientation header, not off the viewer.",
         "3.1": "Per §3.1 the rim pixels darker than fat stay out of the contour.",
         "3.4": "§3.4 is met: nothing was bridged.",
         "4.2": "Nothing here falls under the 3 mm cut-off of §4.2.",
         "5.0": "Hilar vessels are left out, as §5.0 asks.",
         "6.1": "The two passes agreed within 0.1 Dice, so §6.1 adjudication was not triggered."}


def answer_tail(style, ctx, rng):
    if style == "ticket":
        return rng.choice(["Status: Open → In Review.", "Moving to `resolved`; reopen if the export drops it again.",
                           "Label `needs-class` removed."])
    if style == "review":
        return rng.choice(["Approved with no edits.", "Good to submit.", "Marking this one as adjudicated.",
                           "Nice clean contour, by the way."])
    if style == "datacard":
        return rng.choice(["", "", "The per-class table in the card lists it under the same name."])
    return ""


FU_ASK = {
    "laterality": ["Which side should the laterality field say?", "Can you confirm the side for the metadata?",
                   "The export has a side column — what goes in it?"],
    "position": ["Where does it sit on the slice, for the position field?", "How would you describe its position for the card?"],
    "relation": ["Where is it relative to the neighbouring labels?", "How does it relate to the other labelled structures?"],
    "size": ["How big is it on this slice? The QA sheet has a size column.", "What size class should the table show?",
             "Roughly how much of the image does it cover?"],
    "count": ["The connected-component check ran on it. How many pieces should there be?",
              "How many separate regions does the mask have?", "Is it one blob or several?"],
}
OTHER = [
    ("can you also fill in the Dice for this class?", "Dice between the two passes was 0.{d}, above the 0.80 adjudication threshold."),
    ("which guideline section covers the boundary?", "§{sec} covers it; nothing unusual here."),
    ("should I tag it `reviewed` now?", "Yes, tag it `reviewed`; the adjudication log has the details."),
    ("what spacing should the card quote?", "Quote the header spacing; the card template already pulls it from the NIfTI."),
    ("do I need a second annotator on this one?", "A second pass isn't needed; the first one matched the reference at 0.{d} Dice."),
    ("is the label id right?", "Label id {lid} is correct for `{label}`."),
    ("does this slice go into the test split?", "No, the split is by patient, so it follows the rest of the case; slice numbers play no part."),
    ("which window should reviewers use?", "Use the preset in the task config (W{w}/L{l}); the class doesn't depend on it."),
]
OTHER_ASK = [q for q, _ in OTHER]


def other_round(p, rng):
    q, a = rng.choice(OTHER)
    return q, a.format(d=rng.randint(82, 96), sec=rng.choice(GUIDE_RULES)[0], lid=p["lid"], label=p["label"],
                       w=rng.choice([400, 350, 1500, 80]), l=rng.choice([40, 50, -600, 35]))


def voice(style, ctx, role, rng):
    if style == "ticket":
        return (f"**{ctx['handle']}** commented:\n" if role == "user" else f"**{ctx['me']}** replied: ")
    if style == "review":
        return (f"Annotator ({ctx['ann']}): " if role == "user" else f"Reviewer ({ctx['rev']}): ")
    if style == "datacard":
        return "Q: " if role == "user" else "A: "
    return ""


# ---------------------------------------------------------------------------------------------------

KINDS4 = ["laterality", "position", "size", "count"]


def build(p, facts, style, rng, defect):
    f = facts
    ctx = dict(case=case_id(rng), slice=rng.randint(20, 300), tool=rng.choice(TOOLS), ann=rng.choice(ANNOTATORS),
               rev=rng.choice(REVIEWERS), handle=rng.choice(HANDLES), me=rng.choice(["@curation-bot", "@seg-lead", "@qa-lead"]))
    ctx["nslices"] = ctx["slice"] + rng.randint(20, 200)
    ctx["dk"] = defect if defect in KINDS4 else None
    c = Conv()
    dk = defect if defect in KINDS4 else None
    loc = rng.choice(["a1", "fu", "premise"]) if dk else None

    # which kinds the first answer and the follow-ups speak to
    kinds = KINDS4[:]
    rng.shuffle(kinds)
    if dk:
        kinds.remove(dk)
    a1_kinds = kinds[:rng.randint(1, 2)]
    fu_kinds = kinds[len(a1_kinds):len(a1_kinds) + rng.randint(0, 2)]
    n_rounds = rng.randint(1, 3)
    # a corrected slip: a user premise the assistant corrects, or the assistant's own slip corrected later
    fix = None
    fixable = [k for k in KINDS4 if k != dk]
    if rng.random() < (0.45 if defect is None else 0.2):
        fix = (rng.choice(["user", "self"]), rng.choice(fixable))

    # first question
    c.open("user")
    c.add(first_question(p, style, rng, defect == "names_target", ctx))
    c.close()

    # first answer
    c.open("assistant")
    c.add(answer_head(p, style, ctx, rng))
    body = []
    for k in a1_kinds:
        if fix and fix[0] == "self" and fix[1] == k:
            continue
        sub = rng.choice(["rel", "vert"]) if k == "position" else rng.choice(["class", "pct", "class"]) if k == "size" else None
        c.claim(k, true_value(k, f, rng, p, sub), text_of(k, true_value(k, f, rng, p, sub), rng, p))
    slip = None
    if fix and fix[0] == "self":
        v = false_value(fix[1], f, rng, p)
        slip = c.claim(fix[1], v, text_of(fix[1], v, rng, p), false=True)
    if dk and loc == "a1":
        v = false_value(dk, f, rng, p)
        c.claim(dk, v, text_of(dk, v, rng, p), false=True)
    a1_avoid = (dk, fix[1] if fix and fix[0] == "self" else None)
    trap(c, f, p, rng, a1_avoid)
    if rng.random() < 0.5:
        trap(c, f, p, rng, a1_avoid)
    if style == "guideline":
        c.add(APPLY[ctx["sec"]])
    c.add(answer_tail(style, ctx, rng))
    c.close("\n\n" if style == "ticket" else " ")

    # follow-up rounds
    plan = []
    if slip is not None:
        plan.append(("slipfix", fix[1]))
    if fix and fix[0] == "user":
        plan.append(("dispute", fix[1]))
    if dk and loc == "fu":
        plan.append(("defect_fu", dk))
    if dk and loc == "premise":
        plan.append(("defect_premise", dk))
    for k in fu_kinds:
        plan.append(("ask", k))
    while len(plan) < n_rounds:
        plan.append(("label", None))
    rng.shuffle(plan)
    if slip is not None:  # the slip must be corrected after it was made; keep it first
        plan.remove(("slipfix", fix[1]))
        plan.insert(0, ("slipfix", fix[1]))
    for what, k in plan[:4]:
        _round(c, what, k, f, p, style, ctx, rng, slip)
    LEDGER.append(dict(target=p["target"], defect=defect, loc=loc if dk else ("q1" if defect else None),
                       claims=c.claims, names=p["names"], label=p["label"]))
    return c.turns, ([] if defect is None else [defect])


def _round(c, what, k, f, p, style, ctx, rng, slip):
    dk = ctx['dk']
    uv, av = voice(style, ctx, "user", rng), voice(style, ctx, "assistant", rng)
    if what == "label":
        c.open("user")
        q, a = other_round(p, rng)
        c.add(uv + rng.choice(["Thanks. One more thing for the release notes:", "Quick follow-up:", "Before I close this,",
                               "Separate question:", "Also,"]) + " " + q)
        c.close()
        c.open("assistant")
        c.add(av + a)
        trap(c, f, p, rng, dk)
        c.close()
        return
    if what == "ask":
        sub = rng.choice(["rel", "vert"]) if k == "position" else rng.choice(["class", "pct"]) if k == "size" else None
        v = true_value(k, f, rng, p, sub)
        c.open("user")
        c.add(uv + rng.choice(FU_ASK["relation" if k == "position" and v[0] == "rel" else k]))
        c.close()
        c.open("assistant")
        c.add(av.rstrip())
        c.claim(k, v, text_of(k, v, rng, p))
        trap(c, f, p, rng, dk)
        c.close(" ")
        return
    if what == "slipfix":
        c.claims[slip]["corrected"] = True
        sub = c.claims[slip]["value"][0] if k in ("position", "size") else None
        v = true_value(k, f, rng, p, sub)
        if k == "position" and sub == "rel":  # correct the same relation it got wrong
            v = ("rel", _ROPP[c.claims[slip]["value"][1]], c.claims[slip]["value"][2])
        c.open("user")
        c.add(uv + rng.choice([f"Hmm, is that right? {FU_ASK[k][0]}", f"Double-checking your first reply. {rng.choice(FU_ASK[k])}"]))
        c.close()
        c.open("assistant")
        c.add(av + rng.choice(["Good catch, I misstated that above. Corrected:", "Correction to my first reply:",
                               "My earlier line was wrong; scratch it."]))
        c.claim(k, v, text_of(k, v, rng, p))
        trap(c, f, p, rng, dk)
        c.close(" ")
        return
    if what == "dispute":
        fv = false_value(k, f, rng, p)
        sub = fv[0] if k in ("position", "size") else None
        tv = true_value(k, f, rng, p, sub)
        if k == "position" and sub == "rel":
            tv = ("rel", _ROPP[fv[1]], fv[2])
        who = rng.choice(["My first pass", "The other annotator on this case"] if style == "review" else
                         ["The second annotator", "B's pass", "The pre-annotation model", "The original ticket"])
        c.open("user")
        c.add(uv + f"{who} disagrees with this. The note says:")
        c.claim(k, fv, "\"" + text_of(k, fv, rng, p) + "\"", false=True, corrected=True)
        c.add("Who is right?")
        c.close()
        c.open("assistant")
        c.add(av + rng.choice(["That note is wrong, and this is how the disagreement gets resolved:",
                               "I checked it against the image; the note doesn't hold.",
                               "Overruled:"]))
        c.claim(k, tv, text_of(k, tv, rng, p))
        c.add(rng.choice(["The adjudicated version keeps that.", "I've added this to the adjudication log.",
                          f"Per §6.1 the reviewer's call goes into the release."]))
        c.close(" ")
        return
    if what == "defect_fu":
        v = false_value(k, f, rng, p)
        c.open("user")
        c.add(uv + rng.choice(FU_ASK["relation" if k == "position" and v[0] == "rel" else k]))
        c.close()
        c.open("assistant")
        c.add(av.rstrip())
        c.claim(k, v, text_of(k, v, rng, p), false=True)
        trap(c, f, p, rng, dk)
        c.close(" ")
        return
    if what == "defect_premise":
        v = false_value(k, f, rng, p)
        c.open("user")
        c.add(uv.rstrip())
        c.claim(k, v, premise_of(k, v, rng, p), false=True)
        q, a = other_round(p, rng)
        c.add(q)
        c.close()
        c.open("assistant")
        c.add(av + a)
        c.add(label_trap(p, rng))
        c.close()
        return
