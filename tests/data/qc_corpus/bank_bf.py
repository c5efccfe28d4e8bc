"""Bank BF: brain MR, head and neck CT, spine and limb musculoskeletal targets (heldout_bf.jsonl, 420 rows).

Written blind by helper `qcbf`: it never opened the QC rules, their tests, other banks or their rows. Fifteen
targets, axial ("LP", radiological view) and coronal ("LI", viewed facing the patient): paired structures
seen on both sides (hippocampi, lateral ventricles, thyroid lobes, parotid glands) and one-sided (left
hippocampus, right thalamus hugging the midline, left common carotid artery, left iliopsoas, right femur,
right humerus), midline structures (brainstem, fourth ventricle, spinal cord, L3 vertebra), a multi-region
lesion (enhancing tumour in three foci) and one label the knowledge base does not know ("parotid gland").
Facts are the product's own measurement (`compute_facts` on synthetic ellipse masks); the prose is written
from those facts. Four registers: terse radiologist, tutor, chatty markdown, numbers spelled as words.
Clean rows carry true negations, the display convention, knowledge sentences about other structures with
their own sides and positions, hedges, population numbers and comparisons. A fifth of the side, position,
size and count defects sit in a user question, another fifth only in a follow-up answer.

Not measured by its writer: the lead measures it once after merging.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"

# ellipses: (cx, cy, rx, ry) in image fractions; others: centroids (x, y) of neighbours in the same slice
PROFILES = [
    dict(target="hippocampus", mod="MR", region="brain", o="LP", pl=True,
         ell=[(0.36, 0.56, 0.05, 0.022), (0.64, 0.56, 0.05, 0.022)],
         others={"brainstem": (0.5, 0.63), "lateral ventricle": (0.5, 0.42)},
         name="the hippocampi", short="they",
         q=["Which paired structures in the medial temporal lobes shrink early in Alzheimer disease? Please segment them.",
            "A patient has new memory loss. Which curved grey-matter structures that lay down new memories should I look at here?"],
         give=["Please segment the hippocampal formations on this MRI.",
               "Where are the hippocampi on this axial slice?",
               "Can you outline Ammon's horn on both sides?"],
         kb=["The temporal horns of the lateral ventricles sit just lateral to them.",
             "The brainstem lies between them, a little further back on this level.",
             "The amygdala sits just in front of each one, at the tip of the temporal horn."],
         pop="In healthy adults each one holds roughly three to four and a half millilitres.",
         pop_w="In healthy adults each one holds roughly three to four and a half millilitres."),
    dict(target="left hippocampus", mod="MR", region="brain", o="LI", pl=False,
         ell=[(0.64, 0.6, 0.04, 0.03)],
         others={"left thalamus": (0.57, 0.45), "brainstem": (0.5, 0.63)},
         name="the left hippocampus", short="it",
         q=["On this coronal MR, which memory structure of the medial temporal lobe on one side is sclerotic in this epilepsy patient? Mark it.",
            "Which curved grey-matter structure, the one that seizures in mesial temporal sclerosis come from, is shown here? Segment it."],
         give=["Please segment the hippocampal body on this coronal image.",
               "Where is the left hippocampus on this slice?",
               "Mark the cornu ammonis that looks sclerotic."],
         kb=["The right hippocampus, on the other side, looks symmetric in height.",
             "The thalamus lies above and medial to it on this coronal cut.",
             "The temporal horn of the lateral ventricle curves just above it."],
         pop="Mesial temporal sclerosis is found in roughly 60 to 70 percent of surgical temporal lobe epilepsy specimens.",
         pop_w="Mesial temporal sclerosis is found in roughly sixty to seventy percent of surgical temporal lobe epilepsy specimens."),
    dict(target="right thalamus", mod="MR", region="brain", o="LP", pl=False,
         ell=[(0.445, 0.5, 0.04, 0.055)],
         others={"left thalamus": (0.555, 0.5), "lateral ventricle": (0.5, 0.38)},
         name="the right thalamus", short="it",
         q=["Which egg-shaped grey-matter relay station deep in one hemisphere has a small lacunar infarct here? Please segment it.",
            "Which deep nucleus that relays sensation to the cortex, on one side, should I outline on this axial MR?"],
         give=["Segment the thalamic nucleus on this axial T1.",
               "Where is the right thalamus on this slice?",
               "Outline the thalami's right half, please."],
         kb=["The third ventricle separates the two thalami in the midline.",
             "The left thalamus mirrors it on the other side of that slit.",
             "The posterior limb of the internal capsule runs just lateral to it."],
         pop="Thalamic lacunes account for roughly a fifth of lacunar strokes.",
         pop_w="Thalamic lacunes account for roughly one fifth of lacunar strokes."),
    dict(target="lateral ventricle", mod="MR", region="brain", o="LP", pl=True,
         ell=[(0.41, 0.42, 0.035, 0.09), (0.59, 0.42, 0.035, 0.09)],
         others={"thalamus": (0.5, 0.52), "fourth ventricle": (0.5, 0.66)},
         name="the lateral ventricles", short="they",
         q=["Which fluid-filled, C-shaped cavities inside the two cerebral hemispheres look enlarged in this hydrocephalus patient? Segment them.",
            "Which paired spaces that hold the fluid cushioning the brain should I outline on this axial MR?"],
         give=["Please segment the lateral ventricles.",
               "Where are the lateral ventricle bodies on this slice?",
               "Outline the ventricular frontal horns on both sides."],
         kb=["The septum pellucidum separates them in the midline.",
             "The caudate nucleus bulges into the wall of each one from the lateral side.",
             "The fourth ventricle lies much further back, in front of the cerebellum."],
         pop="Together they hold roughly 15 to 25 millilitres of fluid in an adult.",
         pop_w="Together they hold roughly fifteen to twenty-five millilitres of fluid in an adult."),
    dict(target="brainstem", mod="MR", region="brain", o="LI", pl=False,
         ell=[(0.5, 0.72, 0.05, 0.1)],
         others={"left hippocampus": (0.64, 0.6), "thalamus": (0.5, 0.45)},
         name="the brainstem", short="it",
         q=["Which stalk of nerve tissue joining the brain to the spinal column carries the centres for breathing? Mark it on this coronal MR.",
            "Which structure that keeps the heart beating and the lungs breathing runs down from the cerebrum here? Please segment it."],
         give=["Please segment the brain stem on this coronal image.",
               "Where are the pons and medulla on this slice?",
               "Outline the pontine tissue, please."],
         kb=["The cerebellum sits behind it and is therefore out of this plane.",
             "The left and right temporal lobes hang on either side of it.",
             "The thalami lie above it, on each side of the third ventricle."],
         pop="In adults it measures roughly 7 to 8 cm from top to bottom.",
         pop_w="In adults it measures roughly seven to eight centimetres from top to bottom."),
    dict(target="fourth ventricle", mod="MR", region="brain", o="LP", pl=False,
         ell=[(0.5, 0.67, 0.03, 0.02)],
         others={"brainstem": (0.5, 0.58), "cerebellum": (0.5, 0.79)},
         name="the fourth ventricle", short="it",
         q=["Which diamond-shaped fluid cavity between the pons and the cerebellum should I mark on this axial MR?",
            "Which small fluid space drains into the cisterns through its outlets and is compressed here by the posterior fossa mass? Segment it."],
         give=["Please segment the 4th ventricle.",
               "Where is the fourth ventricle on this axial slice?",
               "Can you outline the fourth ventricular cavity?"],
         kb=["The cerebellar hemispheres lie on either side of it and behind it.",
             "The right and left foramina of Luschka open from its lateral recesses.",
             "The third ventricle sits higher up, between the thalami."],
         pop="Its normal transverse width in adults is usually under about 2 cm.",
         pop_w="Its normal transverse width in adults is usually under about two centimetres."),
    dict(target="thyroid gland", mod="CT", region="neck", o="LP", pl=True,
         ell=[(0.43, 0.36, 0.03, 0.05), (0.57, 0.36, 0.03, 0.05)],
         others={"trachea": (0.5, 0.44), "spinal cord": (0.5, 0.72)},
         name="the two thyroid lobes", short="they",
         q=["Which butterfly-shaped gland at the front of the neck, which sets the metabolic rate, should I segment on this CT?",
            "This patient has a goitre on palpation. Which hormone-producing gland of the lower neck should be outlined here?"],
         give=["Please segment the thyroid on this neck CT.",
               "Where are the thyroid lobes on this slice?",
               "Outline the thyroidal tissue, please."],
         kb=["The right common carotid artery runs just lateral to the right lobe.",
             "The oesophagus lies behind the trachea, slightly to the left.",
             "The parathyroid glands usually sit behind the lobes."],
         pop="Each lobe is typically about 4 to 6 cm long in adults.",
         pop_w="Each lobe is typically about four to six centimetres long in adults."),
    dict(target="left common carotid artery", mod="CT", region="neck", o="LP", pl=False,
         ell=[(0.62, 0.42, 0.018, 0.018)],
         others={"trachea": (0.5, 0.4), "spinal cord": (0.5, 0.72)},
         name="the left common carotid artery", short="it",
         q=["Which main artery running up one side of the neck to the brain should I mark on this CT angiogram?",
            "Which large neck vessel, branching off the aortic arch directly on one side, feeds the head? Please segment it."],
         give=["Segment the left carotid on this CTA.",
               "Where is the CCA on this slice?",
               "Outline the common carotid, please."],
         kb=["The right common carotid artery arises from the brachiocephalic trunk instead.",
             "The internal jugular vein runs just lateral to it.",
             "The vagus nerve lies in the sheath behind and between the two."],
         pop="The common carotid is usually about 6 to 8 mm across in adults.",
         pop_w="The common carotid is usually about six to eight millimetres across in adults."),
    dict(target="spinal cord", mod="CT", region="neck", o="LP", pl=False,
         ell=[(0.5, 0.71, 0.025, 0.022)],
         others={"trachea": (0.5, 0.4), "left common carotid artery": (0.62, 0.42)},
         name="the spinal cord", short="it",
         q=["Which column of nerve tissue inside the bony canal of the neck must be kept under its dose limit during radiotherapy? Segment it.",
            "Which structure carrying signals between brain and body runs through the canal here? Please outline it."],
         give=["Please segment the cord on this CT.",
               "Where is the spinal cord at this level?",
               "Mark the medulla spinalis for the plan."],
         kb=["The trachea lies well in front of it at this level.",
             "The left and right vertebral arteries run in the foramina on each side.",
             "The oesophagus sits between it and the trachea."],
         pop="In the cervical region it is roughly 1 cm across in adults.",
         pop_w="In the cervical region it is roughly one centimetre across in adults."),
    dict(target="right femur", mod="CT", region="lower limb", o="LI", pl=False,
         ell=[(0.33, 0.74, 0.05, 0.2)],
         others={"right hip bone": (0.33, 0.44), "left femur": (0.67, 0.74), "sacrum": (0.5, 0.38)},
         name="the right femur", short="it",
         q=["Which long bone that carries body weight from the hip to the knee, on one side, should I segment on this coronal CT?",
            "This patient fell on one hip. Which long bone should I outline to look for a neck fracture?"],
         give=["Segment the femoral shaft on the right.",
               "Where is the right thigh bone on this image?",
               "Outline the femur, please."],
         kb=["The left femur mirrors it on the other side of the pelvis.",
             "The femoral artery runs in front of and medial to the shaft.",
             "The sacrum sits in the midline at the back of the pelvis."],
         pop="It is the longest bone of the body, about a quarter of adult height.",
         pop_w="It is the longest bone of the body, about one quarter of adult height."),
    dict(target="left iliopsoas", mod="CT", region="pelvis", o="LP", pl=False,
         ell=[(0.61, 0.59, 0.045, 0.055)],
         others={"l5 vertebra": (0.5, 0.64), "right iliopsoas": (0.39, 0.59)},
         name="the left iliopsoas", short="it",
         q=["Which strong hip flexor running from the lower spine to the thigh, on one side, has an abscess here? Please segment it.",
            "Which muscle that bends the hip forward, on one side of the pelvis, should I outline on this CT?"],
         give=["Please segment the psoas on the left.",
               "Where is the iliopsoas muscle on this slice?",
               "Outline the iliacus and psoas major."],
         kb=["The right iliopsoas is its mirror image on the other side.",
             "The femoral nerve runs in the groove between its two parts.",
             "The external iliac vessels lie along its medial border."],
         pop="Psoas abscesses are rare, a few per 100,000 admissions in most series.",
         pop_w="Psoas abscesses are rare, a few per hundred thousand admissions in most series."),
    dict(target="l3 vertebra", mod="CT", region="spine", o="LP", pl=False,
         ell=[(0.5, 0.63, 0.07, 0.06)],
         others={"aorta": (0.52, 0.5), "left kidney": (0.72, 0.6), "right kidney": (0.28, 0.6)},
         name="the L3 vertebra", short="it",
         q=["Which bone of the lower back, the middle one of the five between the ribs and the pelvis, is used for muscle mass measurements? Segment it.",
            "Which bony block of the lower back, the third below the last rib-bearing level, should I outline for this sarcopenia study?"],
         give=["Please segment the L3 vertebral body.",
               "Where is the third lumbar vertebra on this slice?",
               "Outline vertebra L3 for the study."],
         kb=["The aorta lies in front of it and slightly to the left.",
             "The inferior vena cava lies in front of it on the patient's right.",
             "The kidneys sit on either side, further out."],
         pop="The skeletal muscle index at this level is typically below about 39 cm2/m2 in sarcopenic women.",
         pop_w="The skeletal muscle index at this level is typically below about thirty-nine square centimetres per square metre in sarcopenic women."),
    dict(target="right humerus", mod="CT", region="upper limb", o="LI", pl=False,
         ell=[(0.2, 0.42, 0.04, 0.15)],
         others={"right clavicle": (0.3, 0.24), "sternum": (0.5, 0.38)},
         name="the right humerus", short="it",
         q=["Which long bone between the shoulder and the elbow, on one side, is fractured at its neck here? Please segment it.",
            "Which bone forms the ball of the shoulder joint on one side of this coronal CT? Outline it."],
         give=["Please segment the humeral head and shaft.",
               "Where is the right upper arm bone on this image?",
               "Outline the humerus, please."],
         kb=["The left humerus lies on the other side of the chest.",
             "The clavicle joins the shoulder blade above it.",
             "The axillary artery passes medial to its neck."],
         pop="Proximal humerus fractures make up about 5 percent of all adult fractures.",
         pop_w="Proximal humerus fractures make up about five percent of all adult fractures."),
    dict(target="parotid gland", mod="CT", region="head and neck", o="LP", pl=True,
         ell=[(0.3, 0.57, 0.06, 0.07), (0.7, 0.57, 0.06, 0.07)],
         others={"c2 vertebra": (0.5, 0.66), "spinal cord": (0.5, 0.74)},
         name="the two parotid glands", short="they",
         q=["Which paired salivary glands in front of the ears must be spared during head and neck radiotherapy? Segment them.",
            "Which largest salivary glands, wrapped around the back of the jaw, should I contour to protect saliva flow?"],
         give=["Please segment the parotids on this planning CT.",
               "Where are the parotid glands?",
               "Outline the parotid tissue on both sides."],
         kb=["The submandibular glands lie lower down, under the jaw on each side.",
             "The retromandibular vein runs through each gland.",
             "The spinal cord sits in the midline behind the vertebral body."],
         pop="A mean parotid dose under about 26 Gy usually preserves salivary flow.",
         pop_w="A mean parotid dose under about twenty-six gray usually preserves salivary flow."),
    dict(target="enhancing tumour", mod="MR", region="brain", o="LP", pl=True,
         ell=[(0.3, 0.34, 0.022, 0.02), (0.36, 0.42, 0.018, 0.016), (0.27, 0.45, 0.02, 0.017)],
         others={"lateral ventricle": (0.5, 0.42), "brainstem": (0.5, 0.62)},
         name="the enhancing foci", short="they",
         q=["After gadolinium, which bright parts of this glioblastoma should I segment for response assessment?",
            "Which areas light up on the post-contrast T1 in this patient with a high-grade glioma? Please outline them."],
         give=["Please segment the enhancing tumour.",
               "Where is the contrast-enhancing tumor on this slice?",
               "Mark the active tumour portions."],
         kb=["The left hemisphere shows no abnormal enhancement.",
             "The choroid plexus in the lateral ventricles enhances normally.",
             "Vasogenic oedema usually spreads along the white matter around such foci."],
         pop="Glioblastoma is the commonest primary malignant brain tumour in adults, roughly half of them.",
         pop_w="Glioblastoma is the commonest primary malignant brain tumour in adults, roughly half of them."),
]
STYLES = ["terse", "tutor", "chatty", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
W = H = 256


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["o"]}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Paired and multi-region masks a little more often (their side and count claims are the hard ones)."""
    multi = [q for q in profiles if len(q["ell"]) > 1]
    return rng.choice(multi) if rng.random() < 0.3 else rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draws the profile's ellipses with a little jitter and measures them with the product's compute_facts."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    dx, dy, s = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["ell"]:
        mask |= (((xx / (W - 1) - cx - dx) / (rx * s)) ** 2 + ((yy / (H - 1) - cy - dy) / (ry * s)) ** 2) <= 1
    return compute_facts(mask, p["o"], others=dict(p["others"])).model_dump(mode="json")


# --- true and false phrasings -------------------------------------------------------------------

NUMW = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
        9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty"}
OTHER = {"l5 vertebra": "the L5 vertebra", "c2 vertebra": "the C2 vertebra"}
REL = {"left_of": ["to the patient's left of", "on the patient's left relative to"],
       "right_of": ["to the patient's right of", "on the patient's right relative to"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["toward the front of the slice", "in the anterior half", "anteriorly placed"],
        "posterior": ["toward the back of the slice", "in the posterior half", "posteriorly placed"],
        "superior": ["in the upper part of the image, toward the head", "superiorly, toward the head"],
        "inferior": ["low in the image, toward the feet", "inferiorly, toward the feet"]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def other_name(o: str) -> str:
    return OTHER.get(o, "the " + o)


def be(p: dict) -> str:
    return "are" if p["pl"] else "is"


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def pct(frac: float, words: bool, rng: random.Random) -> str:
    v = frac * 100
    if words:
        if v < 1:
            return rng.choice(["under one percent", "less than one percent"])
        n = round(v)
        near = min(NUMW, key=lambda k: abs(k - n))
        return f"roughly {NUMW[near]} percent"
    return f"about {v:.1f}%" if v < 10 else f"about {v:.0f}%"


def side_true(p, f, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        return rng.choice([f"on the patient's {lat}", f"on the {lat} side", f"in the {lat} half of the patient"])
    if lat == "midline":
        return rng.choice(["in the midline", "centred on the midline", "midline"])
    return rng.choice(["on both sides", "present on both sides, one in each half", "on the left and on the right"])


def side_false(p, f, rng):
    lat = f["laterality"]
    if lat in ("left", "right"):
        wrong = "right" if lat == "left" else "left"
        return rng.choice([f"on the patient's {wrong}", f"on the {wrong} side"])
    if lat == "midline":
        return rng.choice(["off to the patient's right, clearly lateral", "well out on the patient's left"])
    return rng.choice(["only on the patient's left", "on the right side only"])


def side_neg(p, f):
    lat = f["laterality"]
    if lat in ("left", "right"):
        return f"not on the {'right' if lat == 'left' else 'left'}"
    if lat == "midline":
        return "not off to either side"
    return "not confined to one side"


def vert_true(f, rng):
    v = f["vertical"]
    if v == "central":
        return rng.choice(["roughly halfway along the image height", "near the middle of the slice from top to bottom"])
    return rng.choice(VERT[v])


def size_true(f, rng):
    return {"small": rng.choice(["small", "fairly small"]), "medium": rng.choice(["medium-sized", "moderate in size"]),
            "large": rng.choice(["large", "big"])}[f["size_class"]]


def size_false(f, rng, words):
    """A clearly wrong size: the opposite class, or an area percent in another class."""
    c, frac = f["size_class"], f["area_fraction"]
    big = "large, about " + ("twenty-five percent" if words else "25%") + " of the image"
    if c == "small":
        return rng.choice(["large, filling a big share of the slice", big])
    if c == "medium" and frac < 0.025:  # a medium mask near the small end: an explicit wrong percent
        return big
    return rng.choice(["tiny, just a speck", "tiny, about " + ("a tenth of a percent" if words else "0.1%") + " of the image"])


def count_true(f, words):
    n = f["components"]
    if n == 1:
        return "a single connected region"
    return f"{NUMW.get(n, str(n)) if words or n < 10 else n} separate regions"


def count_false(f):
    return "a single connected piece" if f["components"] > 1 else "two separate pieces"


def count_neg(f):
    return "There is no second focus." if f["components"] == 1 else "The mask is not one continuous blob."


def rel_sentence(p, f, rng, false=False):
    rels = f["relations"]
    if not rels:
        return None
    r = rng.choice(rels)
    kind = FLIP[r["relation"]] if false else r["relation"]
    subj = cap(p["name"])
    return f"{subj} {be(p)} {rng.choice(REL[kind])} {other_name(r['other'])}."


def convention(p):
    if p["o"] == "LP":
        return ("Axial images are displayed as if looking up from the patient's feet, so the patient's left "
                "appears on the right of the screen.")
    return ("Coronal images are shown as if facing the patient, so the patient's right appears on the "
            "viewer's left.")


# --- one fact sentence per kind, true or false ---------------------------------------------------

def fact(kind: str, p, f, rng, false: bool, words: bool) -> str:
    S, b = cap(p["name"]), be(p)
    if kind == "laterality":
        ph = side_false(p, f, rng) if false else side_true(p, f, rng)
        return rng.choice([f"{S} {b} {ph}.", f"Side: {ph}.", f"On this image {p['name']} {b} {ph}.",
                           f"{S} {'lie' if p['pl'] else 'lies'} {ph}."])
    if kind == "position":
        if false:
            if f["vertical"] != "central":
                w = VFLIP[f["vertical"]]
                return rng.choice([f"{S} {b} {VERT[w][0]}.", f"{S} {b} {VERT[w][1]}."])
            return rel_sentence(p, f, rng, false=True)
        s = rel_sentence(p, f, rng)
        v = f"{S} {b} {vert_true(f, rng)}."
        return v + (" " + s if s else "")
    if kind == "size":
        if false:
            return f"{S} {b} {size_false(f, rng, words)}."
        return rng.choice([f"{S} {b} {size_true(f, rng)}, {pct(f['area_fraction'], words, rng)} of the image.",
                           f"Size: {size_true(f, rng)} ({pct(f['area_fraction'], words, rng)} of the slice)."])
    # count
    ph = count_false(f) if false else count_true(f, words)
    return rng.choice([f"The mask is {ph}.", f"The mask shows up as {ph}.", f"Segmented as {ph}."])


USER_FALSE = {
    "laterality": lambda p, f, rng: rng.choice([
        f"Why {'are' if p['pl'] else 'is'} {p['short']} {side_false(p, f, rng)} in this patient?",
        f"Given that {p['short']} {'sit' if p['pl'] else 'sits'} {side_false(p, f, rng)}, is that normal anatomy?"]),
    "position": lambda p, f, rng: (
        f"Why {'are' if p['pl'] else 'is'} {p['short']} {VERT[VFLIP[f['vertical']]][0]} on this image?"
        if f["vertical"] != "central" else
        f"Is it normal that {p['short']} {'lie' if p['pl'] else 'lies'} "
        f"{REL[FLIP[f['relations'][0]['relation']]][0]} {other_name(f['relations'][0]['other'])}?"),
    "size": lambda p, f, rng: f"Why {'are' if p['pl'] else 'is'} {p['short']} {size_false(f, rng, False).split(',')[0]} here?",
    "count": lambda p, f, rng: ("Why is the mask just a single connected piece?" if f["components"] > 1
                                else "Why is the mask split into two separate pieces?"),
}
FOLLOW_Q = {"laterality": ["Which side is it?", "Which side is it on, exactly?", "Left or right?"],
            "position": ["Where exactly does it sit?", "What is it next to?", "Front or back?"],
            "size": ["How big is it?", "Is it large or small?", "What share of the image is it?"],
            "count": ["Is it one piece?", "How many separate regions are there?", "Is it a single blob?"]}


def answer_first(p, f, style, rng, kinds_true, false_kind, words):
    """The first answer: the facts of `kinds_true` (true) and of `false_kind` (false), plus traps."""
    facts = [fact(k, p, f, rng, False, words) for k in kinds_true]
    if false_kind:
        facts.insert(rng.randrange(len(facts) + 1), fact(false_kind, p, f, rng, True, words))
    traps = []
    if "laterality" in kinds_true and rng.random() < 0.6:
        traps.append(f"{cap(p['short'])} {be(p)} {side_neg(p, f)}.")
    if "count" in kinds_true and rng.random() < 0.5:
        traps.append(count_neg(f))
    if rng.random() < 0.5:
        traps.append(convention(p))
    kb = rng.choice(p["kb"])
    pop = p["pop_w"] if words else p["pop"]
    hedge = rng.choice(["This is most likely the structure you mean.", "I'm fairly confident in this outline.",
                        "The boundary is probably accurate to within a pixel or two."])
    if style == "terse":
        head = rng.choice([f"{SEG} {cap(p['name'])}.", f"Segmented: {p['name']} {SEG}.", f"{SEG} Outlined."])
        return " ".join([head] + facts + traps[:1] + [kb])
    if style == "tutor":
        head = rng.choice([f"Good question. What you describe {be(p)} {p['name']}, outlined here: {SEG}.",
                           f"Let's find it together. What you're describing {be(p)} {p['name']} {SEG}."])
        return " ".join([head] + facts + traps + [f"A useful landmark: {kb[0].lower() + kb[1:]}", pop, hedge])
    if style == "chatty":
        bullets = "\n".join(f"- {x}" for x in facts)
        extra = "\n".join(f"- {x}" for x in traps)
        return (f"Sure! Here's **{p['name']}** {SEG}\n\n### Where it is\n{bullets}\n"
                + (f"\n### Worth knowing\n{extra}\n" if extra else "")
                + f"\n**Anatomy tip:** {kb} {pop}\n\nHope that helps! {hedge}")
    # words
    return " ".join([f"{'These are' if p['pl'] else 'This is'} {p['name']} {SEG}."] + facts + traps + [kb, pop, hedge])


def follow_answer(kind, p, f, rng, false, words):
    body = fact(kind, p, f, rng, false, words)
    extra = ""
    if not false and kind == "laterality":
        extra = " " + rng.choice([f"{cap(p['short'])} {be(p)} {side_neg(p, f)}.", convention(p)])
    if not false and kind == "count":
        extra = " " + count_neg(f)
    if not false and kind == "size":
        extra = " " + rng.choice(["That is much smaller than the whole slice, of course.",
                                  "For comparison, the whole head or trunk in cross-section fills roughly half the image."])
    return body + extra


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    f, words = facts, style == "words"
    all_kinds = ["laterality", "position", "size", "count"]
    q = rng.choice(p["give"]) if defect == "names_target" else rng.choice(p["q"])
    where = None
    if defect in all_kinds:
        where = rng.choices(["first", "follow", "user"], [3, 1, 1])[0]
    shown = [k for k in all_kinds if rng.random() < 0.75 and k != defect]
    if defect in all_kinds and where == "first":
        first = answer_first(p, f, style, rng, shown, defect, words)
    else:
        first = answer_first(p, f, style, rng, shown or ["size"], None, words)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first}]
    rounds = rng.choice([1, 2, 2, 3])
    if where in ("follow", "user"):
        rounds = max(rounds, 2)
    planted_later = where in ("follow", "user")
    for r in range(1, rounds):
        last = r == rounds - 1
        if planted_later and last:
            if where == "follow":
                uq = rng.choice(FOLLOW_Q[defect])
                ans = follow_answer(defect, p, f, rng, True, words)
            else:
                uq = USER_FALSE[defect](p, f, rng)
                other = rng.choice([k for k in all_kinds if k != defect])
                ans = ("That mostly reflects normal anatomy and where the slice was taken. "
                       + follow_answer(other, p, f, rng, False, words))
        else:
            k = rng.choice([k for k in all_kinds if k != defect])
            uq = rng.choice(FOLLOW_Q[k] + ["Why is that?", "Why does that matter clinically?"])
            if uq.startswith("Why"):
                ans = ("Mainly because of normal anatomy and the level of the slice. " + rng.choice(p["kb"]) + " "
                       + (p["pop_w"] if words else p["pop"]))
            else:
                ans = follow_answer(k, p, f, rng, False, words)
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    return turns, ([defect] if defect else [])
