"""Bank BJ: a blind held-out QC bank across the body, written by helper qcbj without opening the QC rules,
their tests, other banks or their rows. Not measured by its writer (the lead measures it once after merging).

Targets (17): abdomen (right adrenal gland, spleen, kidney both sides, liver lesions), pelvis (urinary bladder,
left gluteus medius), chest (right upper lung lobe, heart, esophagus, lung tumour, pleural effusion: a label the
knowledge base does not know), brain MR (left hippocampus, lateral ventricle, peritumoral edema), a coronal
thigh (right femur, orientation "LI"), and two 2D photos without patient axes (colonoscopy polyp, dermoscopy
skin lesion; orientation None: only size, count and names_target defects there).

Facts are the product's own measurement: `compute_facts` on synthetic numpy ellipses, with the centroids of
neighbouring structures as `others`; the prose is written FROM those facts (side, vertical, size class, area
percent, component count, relations), never from what the profile intended.

Styles (4): `jsonish` (a JSON-like key/value block embedded in prose), `steps` (numbered step-by-step
reasoning), `report` (a short Findings / Impression clinical report), `friendly` (a conversational chat answer).
Clean rows carry true negations, the display convention, true sentences about other structures, hedges,
population numbers and short follow-ups; a defective row carries exactly one plainly false claim, in the first
answer, in a follow-up answer, or (about a fifth of side/position/size/count defects) in a user question.
`LAST_PLANT` holds the planted false text of the last `build` call so a writer's script can check it is there.

Writer's own checks (no QC code): all 420 rows load into the models; turns 12..2000 characters with >= 3 words,
one [SEG] in the first answer only; every one of the 210 defective rows contains its planted text (42 names_target
giveaways in the first question, 168 side/position/size/count claims: 69 in a first answer, 61 in a follow-up
answer, 38 in a user question); an independent prose-vs-facts reader of the bank's own phrasing finds 0
contradictions in the 210 clean rows and exactly 1 in each of the 168 side/position/size/count rows; no clean
first question holds a target name or giveaway. First measure: not measured by its writer (the lead measures it).
"""

from __future__ import annotations

import random

import numpy as np

LAST_PLANT: dict = {}
STYLES = ["jsonish", "steps", "report", "friendly"]
AX = dict(modality="CT", orientation="LP")

# blobs: (cx, cy, rx, ry) in image fractions; others: neighbour centroids (x, y) in image fractions
PROFILES = [
    dict(target="right adrenal gland", body_region="abdomen", **AX, blobs=[(0.37, 0.63, 0.025, 0.045)],
         others={"aorta": (0.52, 0.6), "inferior vena cava": (0.44, 0.5)},
         q=["Which hormone gland perched on top of the kidney makes cortisol and epinephrine? Please mark it.",
            "In this abdominal CT, where is the gland that reacts to stress by releasing cortisol? Can you outline it?"],
         give=["adrenal", "suprarenal", "the adrenals", "adrenocortical"],
         kb=["The inferior vena cava lies just in front of it on this level.",
             "The left-sided counterpart of this gland sits beside the aorta on the opposite side."],
         pop=["In adults each limb of this gland is usually well under 1 cm thick."]),
    dict(target="spleen", body_region="abdomen", **AX, blobs=[(0.76, 0.6, 0.075, 0.12)],
         others={"liver": (0.3, 0.45), "stomach": (0.64, 0.4)},
         q=["Which organ in the upper abdomen filters old red blood cells and can swell in glandular fever? Please segment it.",
            "Where is the blood-filtering organ that can rupture after a rib injury? Show me on the scan."],
         give=["splenic", "spleen", "perisplenic", "splenomegaly"],
         kb=["The liver fills most of the right upper quadrant, on the other side.",
             "The stomach sits in front of it, closer to the abdominal wall."],
         pop=["In adults this organ is typically about 11 to 12 cm long."]),
    dict(target="kidney", name="kidneys", body_region="abdomen", **AX,
         blobs=[(0.3, 0.63, 0.05, 0.08), (0.7, 0.63, 0.05, 0.08)], others={"liver": (0.3, 0.42)},
         q=["Which paired bean-shaped organs filter the blood and make urine? Please highlight them.",
            "Can you outline the organs that clear creatinine from the blood in this CT?"],
         give=["renal", "kidneys", "the kidney", "nephric"],
         kb=["The aorta runs between them, in front of the spine.",
             "The liver lies in front of the right one and usually pushes it a little lower."],
         pop=["An adult organ of this kind measures roughly 10 to 12 cm in length."]),
    dict(target="liver lesion", name="liver lesions", body_region="abdomen", **AX,
         blobs=[(0.26, 0.4, 0.022, 0.02), (0.33, 0.5, 0.018, 0.02), (0.24, 0.55, 0.02, 0.018)],
         others={"spleen": (0.76, 0.58)},
         q=["This patient had colon cancer. Which focal low-density spots in the largest solid organ are worrying? Please mark them.",
            "Can you outline the hypodense focal areas in the big organ of the right upper quadrant?"],
         give=["hepatic lesions", "liver lesion", "liver lesions", "hepatic lesion"],
         kb=["The spleen, on the patient's left, shows no similar spots.",
             "The gallbladder hangs below the organ that contains them and looks normal."],
         pop=["Colorectal cancer spreads to this organ in up to a half of patients over the course of the disease."]),
    dict(target="urinary bladder", body_region="pelvis", **AX, blobs=[(0.5, 0.35, 0.1, 0.08)],
         others={"sacrum": (0.5, 0.75)},
         q=["Which hollow pelvic organ stores urine until voiding? Please outline it.",
            "In this pelvic CT, where is the reservoir that fills with urine from the ureters? Show me."],
         give=["bladder", "vesical", "the urinary bladder", "bladder wall"],
         kb=["The sacrum lies far behind it, at the back of the pelvis.",
             "The rectum sits between it and the sacrum."],
         pop=["An adult normally holds about 400 to 600 mL before the urge becomes strong."]),
    dict(target="left gluteus medius", body_region="pelvis", **AX, blobs=[(0.76, 0.55, 0.07, 0.08)],
         others={"sacrum": (0.5, 0.62), "urinary bladder": (0.5, 0.35)},
         q=["Which hip abductor muscle keeps the pelvis level when standing on one leg? Please segment it.",
            "Weakness of which fan-shaped muscle causes a Trendelenburg gait? Can you mark it here?"],
         give=["gluteal", "gluteus medius", "glute med", "the gluteus"],
         kb=["The urinary bladder lies in the front of the pelvis, in the midline.",
             "The sacrum forms the back wall of the pelvis in the middle."],
         pop=["Trendelenburg gait affects a sizeable share of patients after some hip operations."]),
    dict(target="right upper lung lobe", body_region="chest", **AX, blobs=[(0.3, 0.52, 0.14, 0.2)],
         others={"heart": (0.56, 0.4)},
         q=["Which part of the breathing organ sits highest on this side, above the horizontal fissure? Please outline it.",
            "Where does upper-zone tuberculosis classically start on this chest CT slice? Mark that whole segment of airspace."],
         give=["right upper lobe", "RUL", "upper lobe", "right upper lung lobe"],
         kb=["The heart lies in front and mostly to the patient's left of the midline.",
             "The trachea runs down the middle of the chest in front of the esophagus."],
         pop=["Normal adult total lung capacity is about 6 litres."]),
    dict(target="heart", body_region="chest", **AX, blobs=[(0.58, 0.38, 0.16, 0.13)],
         others={"esophagus": (0.5, 0.62), "aorta": (0.6, 0.66)},
         q=["Which muscular pump in the chest keeps the blood circulating? Please mark it.",
            "Which four-chambered organ in the mediastinum would you outline on this chest CT?"],
         give=["cardiac", "heart", "myocardial", "the cardiac silhouette"],
         kb=["The esophagus runs behind it, in front of the spine.",
             "The descending aorta lies behind it, left of the vertebral body."],
         pop=["A resting adult pumps roughly 5 litres of blood a minute."]),
    dict(target="esophagus", body_region="chest", **AX, blobs=[(0.5, 0.63, 0.025, 0.025)],
         others={"heart": (0.58, 0.38), "aorta": (0.6, 0.64)},
         q=["Which muscular tube carries swallowed food from the throat down to the stomach? Please segment it.",
            "Where is the swallowing passage that runs behind the heart on this slice?"],
         give=["oesophagus", "esophageal", "gullet", "oesophageal"],
         kb=["The descending aorta lies beside it on the patient's left.",
             "The heart sits in front of it, in the anterior mediastinum."],
         pop=["In adults this tube is about 25 cm long."]),
    dict(target="lung tumour", body_region="chest", **AX, blobs=[(0.72, 0.67, 0.03, 0.03)],
         others={"heart": (0.56, 0.4)},
         q=["A long-time smoker has a cough. Which rounded solid density on this chest CT would need a biopsy? Please mark it.",
            "Can you outline the suspicious solid nodule that the respiratory team is worried about?"],
         give=["lung tumour", "pulmonary tumour", "lung cancer", "lung neoplasm"],
         kb=["The heart lies in front of it, mostly left of the midline.",
             "The right lung on the other side is clear."],
         pop=["Roughly 85 percent of lung cancers are of the non-small-cell type."]),
    dict(target="pleural effusion", body_region="chest", **AX, blobs=[(0.7, 0.76, 0.1, 0.05)],
         others={"heart": (0.56, 0.4)},
         q=["The patient is breathless after heart failure. Which dependent fluid collection around the lung base explains it? Please outline it.",
            "Which crescent of fluid layering at the back of the chest cavity should I measure? Mark it please."],
         give=["effusion", "pleural fluid", "pleural effusion", "hydrothorax"],
         kb=["The heart sits in front of it, toward the middle of the chest.",
             "The right side of the chest shows no fluid on this slice."],
         pop=["Heart failure is the most common cause of this finding in adults."]),
    dict(target="left hippocampus", body_region="brain", modality="MR", orientation="LP",
         blobs=[(0.63, 0.6, 0.02, 0.045)], others={"brainstem": (0.5, 0.62)},
         q=["Which curved grey-matter structure in the medial temporal lobe is key for forming new memories? Please segment it.",
            "In early Alzheimer's disease, which seahorse-shaped memory structure shrinks first? Outline it on this MR."],
         give=["hippocampal", "hippocampus", "hippocampi", "mesial temporal hippocampus"],
         kb=["The brainstem lies in the middle, between the two temporal lobes.",
             "The right-sided twin of this structure sits in the opposite temporal lobe."],
         pop=["In healthy adults its volume is about 3 to 4 mL per side."]),
    dict(target="lateral ventricle", name="lateral ventricles", body_region="brain", modality="MR", orientation="LP",
         blobs=[(0.41, 0.46, 0.03, 0.12), (0.59, 0.46, 0.03, 0.12)], others={"fourth ventricle": (0.5, 0.72)},
         q=["Which fluid-filled cavities deep in the cerebral hemispheres enlarge in hydrocephalus? Please mark them.",
            "Where are the paired CSF spaces that contain the choroid plexus in this brain MR? Outline them."],
         give=["ventricles", "lateral ventricles", "ventricular system", "intraventricular"],
         kb=["The fourth ventricle sits further back, in front of the cerebellum.",
             "The third ventricle is a thin slit in the midline between the thalami."],
         pop=["An adult brain makes roughly 500 mL of cerebrospinal fluid a day."]),
    dict(target="peritumoral edema", body_region="brain", modality="MR", orientation="LP",
         blobs=[(0.34, 0.38, 0.09, 0.1)], others={"lateral ventricle": (0.5, 0.46)},
         q=["On this FLAIR scan of a glioma, which hazy bright area around the mass reflects fluid leaking from abnormal vessels? Please segment it.",
            "Which T2-bright zone surrounding the tumour would steroids be given for? Outline it."],
         give=["edema", "oedema", "peritumoural oedema", "vasogenic edema"],
         kb=["The lateral ventricles lie near the midline of the brain.",
             "The opposite hemisphere looks normal on this slice."],
         pop=["Dexamethasone often reduces this kind of swelling within a few days."]),
    dict(target="right femur", body_region="lower limb", modality="MR", orientation="LI",
         blobs=[(0.32, 0.7, 0.045, 0.2)], others={"urinary bladder": (0.5, 0.38), "left femur": (0.68, 0.7)},
         q=["On this coronal MR of the hips and thighs, which long bone runs from the hip joint to the knee? Please mark it.",
            "Which bone here has a neck that often fractures after a fall in older adults? Outline it."],
         give=["femoral", "femur", "thigh bone", "the femora"],
         kb=["The urinary bladder sits higher up, in the midline of the pelvis.",
             "The opposite thigh bone mirrors it on the patient's left."],
         pop=["Hip fractures affect well over a million older adults a year worldwide."]),
    dict(target="polyp", body_region="colon", modality="endoscopy", orientation=None,
         blobs=[(0.55, 0.5, 0.09, 0.08)], others={}, photo=True,
         q=["In this colonoscopy frame, which raised growth on the bowel wall should be removed? Please outline it.",
            "Please outline whatever raised growth the endoscopist should snare in this frame. What is it?"],
         give=["polyp", "polypoid", "polyps", "colonic polyp"],
         kb=["The surrounding mucosa looks smooth and pink.",
             "Folds of the bowel wall cross the edge of the frame."],
         pop=["Screening colonoscopy finds an adenoma in roughly a quarter to a third of adults over 50."]),
    dict(target="skin lesion", body_region="skin", modality="dermoscopy", orientation=None,
         blobs=[(0.5, 0.5, 0.25, 0.22)], others={}, photo=True,
         q=["In this dermoscopy photo, what pigmented abnormality should be assessed with the ABCD rule? Please segment it.",
            "Please outline any pigmented area in this photo that the dermatologist should check. What is it?"],
         give=["skin lesion", "cutaneous lesion", "skin lesions", "dermal lesion"],
         kb=["The surrounding skin has a normal pigment network.",
             "Hairs cross the image but are not part of it."],
         pop=["Dermoscopy improves melanoma detection over the naked eye by roughly a quarter."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw jittered ellipses and let the product measure them (`compute_facts`)."""
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    blobs = list(p["blobs"])
    if p.get("photo"):  # photos: random place, size and 1-2 regions
        cx, cy = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)
        scale = rng.choice([0.35, 1.0, 1.6]) if p["target"] == "polyp" else rng.choice([0.4, 1.0])
        blobs = [(cx, cy, blobs[0][2] * scale, blobs[0][3] * scale)]
        if rng.random() < 0.35:
            blobs.append((0.15 if cx > 0.5 else 0.85, 0.2, 0.04, 0.035))
    elif p["target"] == "liver lesion":
        blobs = blobs[:rng.choice([2, 3, 3])]
    mask = np.zeros((n, n), bool)
    for cx, cy, rx, ry in blobs:
        j = rng.uniform(0.92, 1.08)
        mask |= ((xx - cx - rng.uniform(-0.01, 0.01)) / (rx * j)) ** 2 + ((yy - cy) / (ry * j)) ** 2 <= 1
    return compute_facts(mask, p["orientation"], others=p["others"] or None).model_dump(mode="json")


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Photos cannot carry side/position defects; count defects lean on multi-region masks."""
    pool = [p for p in profiles if not (defect in ("laterality", "position") and p.get("photo"))]
    if defect == "count" and rng.random() < 0.5:
        pool = [p for p in pool if len(p["blobs"]) > 1 or p.get("photo")]
    return rng.choice(pool)


# --- true and false phrasing of each fact --------------------------------------------------------------

SIDE = {"left": ["It lies on the patient's left.", "This sits on the left side of the patient.",
                 "It is on the patient's left-hand side.", "Side: the patient's left, off the midline."],
        "right": ["It lies on the patient's right.", "This sits on the right side of the patient.",
                  "It is on the patient's right-hand side.", "Side: the patient's right, off the midline."],
        "midline": ["It sits in the midline.", "It is centred on the midline rather than off to one side.",
                    "It straddles the midline of the body."],
        "bilateral": ["It is present on both sides, left and right.", "Both the left and the right side hold a part of it.",
                      "It is bilateral, one part on each side of the midline."]}
SIDE_FALSE = {"left": [("It lies on the patient's right.", "patient's right"),
                       ("This sits on the right side of the patient.", "right")],
              "right": [("It lies on the patient's left.", "patient's left"),
                        ("This sits on the left side of the patient.", "left")],
              "midline": [("It lies off to the patient's right, well away from the midline.", "right of midline"),
                          ("It sits on the patient's left, not in the midline.", "patient's left")],
              "bilateral": [("It is only on the patient's left; the right side has none of it.", "left only"),
                            ("It is confined to the patient's right side.", "right side only")]}
SIDE_NEG = {"left": "It is not on the right.", "right": "It is not on the left.",
            "midline": "It does not lean toward either side.", "bilateral": "It is not confined to one side."}
SIDE_KV = {"left": "patient's left", "right": "patient's right", "midline": "midline", "bilateral": "both sides"}
VERT = {"anterior": ["It lies toward the front.", "It is anteriorly placed.", "It sits in the anterior part of the slice."],
        "posterior": ["It lies toward the back.", "It is posteriorly placed.", "It sits in the dorsal part of the slice."],
        "superior": ["It lies in the upper part of the field, toward the head.", "It is superiorly placed."],
        "inferior": ["It lies low in the field, toward the feet.", "It is inferiorly placed, caudal in this view."]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of the {o}", "on the left side of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the right side of the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
SIZEW = {"small": ["small", "quite small", "modest in size"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
         "large": ["large", "big", "sizeable"]}
WORDS = {2: "two", 3: "three", 4: "four"}


def pct(frac: float) -> str:
    p = frac * 100
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"


def size_true(f: dict, rng) -> tuple[str, str]:
    w = rng.choice(SIZEW[f["size_class"]])
    s = rng.choice([f"It is {w}, about {pct(f['area_fraction'])} of the image.",
                    f"Size-wise it is {w}, covering roughly {pct(f['area_fraction'])} of the image area.",
                    f"It is {w} on this image.", f"The mask covers about {pct(f['area_fraction'])} of the frame, so it is {w}."])
    return s, f"{f['size_class']} (~{pct(f['area_fraction'])} of image)"


def size_false(f: dict, rng) -> tuple[str, str]:
    big = f["size_class"] == "small" or (f["size_class"] == "medium" and rng.random() < 0.5)
    if big:
        p = rng.choice([30, 35, 40])
        return rng.choice([f"It is large, covering roughly {p}% of the image.",
                           f"It is huge here, about {p}% of the whole frame."]), f"large (~{p}% of image)"
    return rng.choice(["It is tiny, well under half a percent of the image.",
                       "It is a small structure, only about 0.3% of the image."]), "small (~0.3% of image)"


def count_true(f: dict, rng) -> tuple[str, str]:
    n = f["components"]
    if n == 1:
        return rng.choice(["It is a single connected region.", "It forms one contiguous piece, with no second focus.",
                           "There is just one region, nothing separate."]), "1"
    w = WORDS.get(n, str(n))
    return rng.choice([f"The mask has {w} separate regions.", f"It is made of {n} distinct parts that do not touch.",
                       f"There are {w} separate components."]), str(n)


def count_false(f: dict, rng) -> tuple[str, str]:
    if f["components"] == 1:
        return rng.choice([("It is split into two separate pieces.", "2"), ("There are three distinct foci.", "3")])
    return rng.choice(["It is one single connected region.", "It forms a single piece, not separate parts."]), "1"


def position_true(f: dict, rng) -> tuple[str, str] | None:
    opts = []
    if f["vertical"] in VERT:
        opts.append((rng.choice(VERT[f["vertical"]]), f["vertical"]))
    for r in f["relations"]:
        ph = rng.choice(REL[r["relation"]]).format(o=r["other"])
        opts.append((f"It lies {ph}.", ph))
    return rng.choice(opts) if opts else None


def position_false(f: dict, rng) -> tuple[str, str]:
    if f["vertical"] in VERT and (not f["relations"] or rng.random() < 0.5):
        v = FLIPV[f["vertical"]]
        return rng.choice(VERT[v]), v
    r = rng.choice(f["relations"])
    ph = rng.choice(REL[FLIPR[r["relation"]]]).format(o=r["other"])
    return f"It lies {ph}.", ph


def fact(kind: str, f: dict, rng, false: bool) -> tuple[str, str]:
    if kind == "laterality":
        s = f["laterality"]
        return rng.choice(SIDE_FALSE[s]) if false else (rng.choice(SIDE[s]), SIDE_KV[s])
    if kind == "position":
        return position_false(f, rng) if false else position_true(f, rng)
    if kind == "size":
        return size_false(f, rng) if false else size_true(f, rng)
    return count_false(f, rng) if false else count_true(f, rng)


FOLLOW_Q = {"laterality": ["Which side is it on?", "Is it on the left or the right?", "Which side of the patient, then?"],
            "position": ["Where is it relative to its neighbours?", "Is it toward the front or the back?",
                         "How is it positioned in this slice?"],
            "size": ["How big is it?", "Is it large or small here?", "What share of the image does it cover?"],
            "count": ["Is it one piece or several?", "How many separate parts are there?", "Any other separate regions?"]}


def user_false(kind: str, f: dict, rng) -> str:
    if kind == "laterality":
        wrong = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}[f["laterality"]]
        only = " only" if f["laterality"] == "bilateral" else ""
        return rng.choice([f"Why is it{only} on the patient's {wrong} side?", f"Why does it sit{only} on the {wrong} of the patient here?"])
    if kind == "position":
        if f["vertical"] in VERT and (not f["relations"] or rng.random() < 0.5):
            v = FLIPV[f["vertical"]]
            return f"Why is it placed so far {dict(anterior='toward the front', posterior='toward the back', superior='toward the head', inferior='toward the feet')[v]}?"
        r = rng.choice(f["relations"])
        return f"Why does it lie {rng.choice(REL[FLIPR[r['relation']]]).format(o=r['other'])}?"
    if kind == "size":
        if f["size_class"] == "large":
            return "Why does it look so tiny, less than half a percent of the image?"
        return rng.choice(["Why is it so huge, filling about a third of the image?", "Why does it look so large here, almost half the picture?"])
    if f["components"] == 1:
        return "Why is it broken into two separate pieces?"
    return "Why is it just one single connected blob?"


def context(p: dict, f: dict, rng) -> list[str]:
    """True trap sentences: convention, negation, other structures, hedges, population numbers."""
    out = []
    if p["orientation"] == "LP":
        out.append(rng.choice(["By radiological convention the patient's left is displayed on the right of the screen.",
                               "Remember this axial image is viewed from the feet, so the patient's right appears on the image's left."]))
    elif p["orientation"] == "LI":
        out.append("On this coronal image the patient's left is on the viewer's right, and the head is at the top.")
    else:
        out.append("This is a photograph without patient axes, so left, right, front and back do not apply to it.")
    if f["laterality"] in SIDE_NEG and not p.get("photo"):
        out.append(SIDE_NEG[f["laterality"]])
    out.append(rng.choice(p["kb"]))
    out.append(rng.choice(p["pop"]))
    return out


def _name(p):
    return p.get("name", p["target"])


def kv_line(kind: str, value: str) -> str:
    key = {"laterality": "side", "position": "position", "size": "size", "count": "regions"}[kind]
    return f'  "{key}": "{value}"'


def render(style: str, p: dict, f: dict, items: list[tuple[str, str, str]], ctx: list[str], rng) -> str:
    """First answer: items are (kind, sentence, kv value)."""
    name = _name(p)
    hedge = rng.choice(["This is most likely", "This looks like", "I believe this is", "This is"])
    sents = " ".join(s for _, s, _, _ in items)
    if style == "jsonish":  # the facts are stated once, in the block; the prose repeats only true ones
        kv = ",\n".join(kv_line(k, v) for k, _, v, _ in items)
        sents = " ".join(s for _, s, _, false in items if not false)
        return (f"{hedge} the {name}. I have segmented it [SEG]. Structured summary:\n"
                f'{{\n  "structure": "{p["target"]}",\n{kv}\n}}\n'
                f"In words: {sents} {' '.join(ctx)}")
    if style == "steps":
        lines = [f"1. The clues in the question point to the {name}."]
        lines += [f"{i + 2}. {s}" for i, (_, s, _, _) in enumerate(items)]
        lines.append(f"{len(lines) + 1}. Context: {' '.join(ctx[:2])}")
        return "Let me work through this step by step.\n" + "\n".join(lines) + f"\nSo the answer is the {name} [SEG]. {' '.join(ctx[2:])}"
    if style == "report":
        verb = "are" if "name" in p else "is"
        return (f"FINDINGS: The {name} {verb} segmented [SEG]. {sents} {' '.join(ctx[1:])}\n"
                f"TECHNIQUE NOTE: {ctx[0]}\nIMPRESSION: {name.capitalize()}, segmented as described.")
    opener = rng.choice(["Great question!", "Happy to help!", "Sure thing!", "Good one!"])
    return f"{opener} {hedge} the {name} 😊 Here it is: [SEG]. {sents} {' '.join(ctx)} Let me know if you want more detail!"


def render_follow(style: str, sent: str, extra: str, rng) -> str:
    if style == "jsonish":
        return f"Answer: {sent} {extra}"
    if style == "steps":
        return f"1. Look again at the mask.\n2. {sent}\n3. {extra}"
    if style == "report":
        return f"ADDENDUM: {sent} {extra}"
    return f"{rng.choice(['Sure!', 'Of course!', 'Good question!'])} {sent} {extra}"


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    LAST_PLANT.clear()
    photo = bool(p.get("photo"))
    kinds = ["size", "count"] if photo else ["laterality", "position", "size", "count"]
    q1 = rng.choice(p["q"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        q1 = rng.choice([f"Can you segment the {g} in this image? {q1}", f"{q1} I think it is the {g}."])
        LAST_PLANT.update(text=g, kind=defect, where="user1")
    loc = "main"
    if defect in kinds:
        loc = rng.choices(["main", "follow", "user"], [0.45, 0.35, 0.2])[0]
    follow_kind = defect if defect in kinds and loc != "main" else rng.choice([k for k in kinds if k != defect])
    main_kinds = [k for k in kinds if k != follow_kind]
    rng.shuffle(main_kinds)
    items = []
    for k in main_kinds:
        false = defect == k and loc == "main"
        got = fact(k, f, rng, false)
        if got is None:
            continue
        items.append((k, got[0], got[1], false))
        if false:
            LAST_PLANT.update(text=kv_line(k, got[1]) if style == "jsonish" else got[0], kind=k, where="answer1")
    ctx = context(p, f, rng)
    a1 = render(style, p, f, items, ctx, rng)
    if defect == follow_kind and loc == "user":
        q2 = user_false(follow_kind, f, rng)
        LAST_PLANT.update(text=q2, kind=defect, where="user2")
        other = rng.choice([k for k in kinds if k != follow_kind])
        got = fact(other, f, rng, False) or fact("count", f, rng, False)
        a2 = render_follow(style, "Its outline is traced directly from the image.",
                           f"One more measured point: {got[0]}", rng)
    else:
        q2 = rng.choice(FOLLOW_Q[follow_kind])
        false = defect == follow_kind and loc == "follow"
        got = fact(follow_kind, f, rng, false) or fact("count", f, rng, False)
        if false:
            LAST_PLANT.update(text=got[0], kind=defect, where="answer2")
        extra = rng.choice(["That is what the mask itself shows.", "I measured that from the mask directly.",
                            "This is read from the segmentation, not guessed."])
        a2 = render_follow(style, got[0], extra, rng)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1},
             {"role": "user", "content": q2}, {"role": "assistant", "content": a2}]
    if rng.random() < 0.4:
        q3 = rng.choice(["Why does that matter?", "Can you explain why?", "Anything else I should know about this?"])
        a3 = render_follow(style, rng.choice(p["kb"]), rng.choice(p["pop"]), rng)
        turns += [{"role": "user", "content": q3}, {"role": "assistant", "content": a3}]
    return turns, ([defect] if defect else [])
