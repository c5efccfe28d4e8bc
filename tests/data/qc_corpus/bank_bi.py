"""QC evaluation bank BI: brain MR, head/neck CT, heart CT and musculoskeletal (axial "LP", coronal "LI").

Written blind by helper `qcbi`, who never opened the QC rules, their tests, other banks or their rows. Thirteen
targets: paired structures drawn as two regions on both sides (thalamus, thyroid gland, iliopsoas), one-sided
structures (left hippocampus, right common carotid artery, left ventricle, right atrium, right femur), midline
structures (third ventricle, brainstem, trachea), a multi-region one-sided mask (peritumoral edema, two foci on
the right) and one label the knowledge base does not know (parotid gland). Facts are the product's own
measurement (`compute_facts`) of synthetic ellipse masks; the prose is written FROM those facts.

Three registers an independent reviewer would imitate: a terse radiologist, a patient tutor, a chatty markdown
LLM answer. 1-3 rounds, follow-up questions of every length ("Which side, then?" to long ones). Clean traps: true
negations, the display convention, true sentences about OTHER structures with their own sides and positions,
hedges, textbook population numbers. A defective row holds exactly one plainly false claim of its kind; about a
fifth of side/position/size/count defects sit in a user follow-up question, some only in a follow-up answer.

Every claim the generator writes is logged in `LAST` (kind, value said, true value, text) so that a scratch script
can check that clean rows agree with their facts and that each defective row holds its planted false claim.

Not measured by its writer: the lead measures it once after merging.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["terse", "tutor", "markdown"]
LAST: list[dict] = []  # claims of the last `build` call: dicts kind, said, true, text
_NOW = {"style": ""}  # the register of the conversation being built (terse forms)

_AX = ("axial", "LP")
_CO = ("coronal", "LI")

# comps: ellipses (nx, ny, rx, ry) in image fractions; others: neighbours' normalised centroids
PROFILES = [
    dict(target="thalamus", modality="MR", region="brain", view=_AX, noun="pair of deep grey-matter nuclei",
         comps=[(0.42, 0.52, 0.035, 0.05), (0.58, 0.52, 0.035, 0.05)],
         others={"lateral ventricle": (0.5, 0.38)},
         fn=["relay almost all sensory input on its way to the cortex",
             "act as the brain's relay station between the cortex and the body"],
         hint=["A patient has contralateral sensory loss after a small deep stroke."],
         giveaway=["thalamic", "thalami", "thalamocortical", "the thalamus"],
         alias=["the thalami", "both nuclei"],
         kb=["The lateral ventricles lie just above and in front of these nuclei.",
             "The internal capsule runs lateral to them on each side.",
             "The pineal gland sits in the midline behind them."],
         pop="In adults each of these nuclei is only about 3 cm long."),
    dict(target="left hippocampus", modality="MR", region="brain", view=_CO, noun="curved grey-matter structure",
         comps=[(0.66, 0.6, 0.03, 0.025)],
         others={"lateral ventricle": (0.58, 0.40), "brainstem": (0.5, 0.72)},
         fn=["is essential for laying down new memories",
             "shrinks early in Alzheimer disease and is key to forming new memories"],
         hint=["A patient with temporal lobe epilepsy is being worked up for sclerosis."],
         giveaway=["hippocampal", "hippocampus", "hippocampi", "left-hippocampal"],
         alias=["this structure", "the left hippocampus"],
         kb=["The temporal horn of the lateral ventricle curves just above it.",
             "The brainstem sits in the midline below the level of the thalami.",
             "The right-sided counterpart lies mirror-image on the patient's right."],
         pop="Its volume in healthy adults is typically around 3 to 4 millilitres."),
    dict(target="third ventricle", modality="MR", region="brain", view=_AX, noun="CSF-filled cavity",
         comps=[(0.5, 0.52, 0.016, 0.045)],
         others={"left thalamus": (0.58, 0.52), "right thalamus": (0.42, 0.52), "lateral ventricle": (0.5, 0.38)},
         fn=["forms a narrow slit of cerebrospinal fluid between the two thalami",
             "drains into the aqueduct of Sylvius"],
         hint=["A child has obstructive hydrocephalus from aqueductal stenosis."],
         giveaway=["third-ventricular", "3rd ventricle", "the third ventricle", "ventricle III"],
         alias=["this cavity", "the third ventricle"],
         kb=["The left thalamus forms its left wall and the right thalamus its right wall.",
             "The lateral ventricles lie higher up and drain into it through the foramina of Monro.",
             "The fourth ventricle sits further down, behind the pons."],
         pop="In healthy adults its width is usually under about 7 mm."),
    dict(target="brainstem", modality="MR", region="brain", view=_CO, noun="stalk of neural tissue",
         comps=[(0.5, 0.75, 0.05, 0.12)],
         others={"thalamus": (0.5, 0.5), "left cerebellum": (0.66, 0.86)},
         fn=["connects the cerebrum to the spinal cord and controls breathing",
             "houses most of the cranial nerve nuclei"],
         hint=["A patient has crossed cranial nerve and limb signs after a posterior circulation stroke."],
         giveaway=["brain stem", "brain-stem", "the brainstem", "brainstem"],
         alias=["this structure", "the brainstem"],
         kb=["The cerebellar hemispheres sit behind it, one on each side.",
             "The thalami lie above it, one on each side of the third ventricle.",
             "The spinal cord continues below it through the foramen magnum."],
         pop="In adults it is roughly 7 to 8 cm long from midbrain to medulla."),
    dict(target="peritumoral edema", modality="MR", region="brain", view=_AX, noun="abnormal area",
         comps=[(0.3, 0.3, 0.06, 0.05), (0.34, 0.43, 0.05, 0.04)],
         others={"lateral ventricle": (0.5, 0.45)},
         fn=["shows as bright FLAIR signal from fluid leaking around a glioma",
             "is the swollen white matter surrounding a brain tumour"],
         hint=["A patient with a high-grade glioma has worsening headache."],
         giveaway=["oedema", "edema", "vasogenic swelling", "peritumoural"],
         alias=["the abnormal signal", "these areas"],
         kb=["The falx runs in the midline between the two hemispheres.",
             "The left hemisphere looks normal on this slice.",
             "The lateral ventricles sit near the middle of the brain."],
         pop="Around a glioblastoma this swelling often extends several centimetres."),
    dict(target="thyroid gland", modality="CT", region="neck", view=_AX, noun="endocrine gland",
         comps=[(0.4, 0.33, 0.04, 0.06), (0.6, 0.33, 0.04, 0.06)],
         others={"trachea": (0.5, 0.45), "esophagus": (0.52, 0.53)},
         fn=["makes the hormones that set the body's metabolic rate",
             "takes up iodine to make T3 and T4"],
         hint=["A patient has palpitations, weight loss and a low TSH."],
         giveaway=["thyroid", "thyroidal", "thyroiditis", "goitre"],
         alias=["the gland", "both lobes"],
         kb=["The common carotid arteries run behind and lateral to it on each side.",
             "The trachea lies just behind its isthmus.",
             "The esophagus sits behind the trachea, slightly to the patient's left."],
         pop="In adults each lobe is typically about 4 to 6 cm long."),
    dict(target="right common carotid artery", modality="CT", region="neck", view=_AX, noun="artery",
         comps=[(0.36, 0.47, 0.02, 0.02)],
         others={"trachea": (0.5, 0.38), "vertebral body": (0.5, 0.62)},
         fn=["carries blood up the neck to the head and brain",
             "is the vessel whose pulse you feel beside the windpipe"],
         hint=["A patient had a transient loss of vision in one eye and an audible bruit."],
         giveaway=["carotid", "CCA", "right carotid", "carotid bulb"],
         alias=["this vessel", "the right common carotid"],
         kb=["The internal jugular vein runs lateral to it on the same side.",
             "The trachea lies in the midline in front of the spine.",
             "The left common carotid artery mirrors it on the patient's left."],
         pop="In adults its lumen is usually about 6 to 7 mm across."),
    dict(target="trachea", modality="CT", region="neck", view=_AX, noun="air-filled tube",
         comps=[(0.5, 0.38, 0.04, 0.035)],
         others={"esophagus": (0.52, 0.52), "vertebral body": (0.5, 0.66)},
         fn=["carries air from the larynx down to the lungs",
             "is held open by C-shaped cartilage rings"],
         hint=["A patient has stridor after a prolonged intubation."],
         giveaway=["tracheal", "windpipe", "endotracheal", "tracheostomy"],
         alias=["the airway", "this tube"],
         kb=["The esophagus runs just behind it, slightly to the patient's left.",
             "The thyroid lobes wrap around it on both sides.",
             "The vertebral body sits further back."],
         pop="In adults its internal diameter is typically 15 to 20 mm."),
    dict(target="left ventricle", modality="CT", region="heart", view=_AX, noun="heart chamber",
         comps=[(0.62, 0.42, 0.13, 0.12)],
         others={"right ventricle": (0.45, 0.33), "descending aorta": (0.57, 0.66)},
         fn=["pumps oxygenated blood out into the aorta",
             "has the thickest muscular wall of the four chambers"],
         hint=["A patient with long-standing hypertension has a thickened chamber wall on echo."],
         giveaway=["LV", "left ventricular", "left-ventricular", "LVEF"],
         alias=["this chamber", "the left ventricle"],
         kb=["The right ventricle lies in front of it, toward the sternum.",
             "The descending aorta runs behind the heart, just left of the spine.",
             "The right atrium forms the right border of the heart."],
         pop="A normal ejection fraction is usually quoted as 55 to 70 percent."),
    dict(target="right atrium", modality="CT", region="heart", view=_AX, noun="heart chamber",
         comps=[(0.36, 0.5, 0.06, 0.06)],
         others={"left atrium": (0.55, 0.6), "left ventricle": (0.6, 0.42)},
         fn=["receives venous blood from both venae cavae",
             "contains the sinoatrial node, the natural pacemaker"],
         hint=["A patient with tricuspid regurgitation has a dilated receiving chamber."],
         giveaway=["RA", "right atrial", "right-atrial", "atrial"],
         alias=["this chamber", "the right atrium"],
         kb=["The left atrium sits at the back of the heart, in front of the esophagus.",
             "The left ventricle forms the heart's apex on the patient's left.",
             "The superior vena cava enters it from above."],
         pop="In adults its area on a four-chamber view is usually under about 18 square centimetres."),
    dict(target="right femur", modality="CT", region="pelvis and thigh", view=_CO, noun="long bone",
         comps=[(0.32, 0.7, 0.04, 0.18)],
         others={"right hip bone": (0.3, 0.4), "left femur": (0.68, 0.7)},
         fn=["carries the body's weight from the hip to the knee",
             "is the longest bone in the body"],
         hint=["An elderly woman fell and cannot bear weight on her leg."],
         giveaway=["femoral", "thigh bone", "femora", "femur"],
         alias=["this bone", "the right femur"],
         kb=["The left femur mirrors it on the other side of the pelvis.",
             "The hip bone sits above it and forms the socket of the hip joint.",
             "The urinary bladder lies in the midline between the two hips."],
         pop="In adults this bone is typically 40 to 50 cm long."),
    dict(target="iliopsoas", modality="MR", region="pelvis", view=_CO, noun="muscle",
         comps=[(0.4, 0.5, 0.035, 0.15), (0.6, 0.5, 0.035, 0.15)],
         others={"urinary bladder": (0.5, 0.76), "l3 vertebra": (0.5, 0.28)},
         fn=["is the main flexor of the hip", "runs from the lumbar spine to the lesser trochanter"],
         hint=["A patient with Crohn disease has fever and pain on extending the hip."],
         giveaway=["psoas", "iliacus", "iliopsoas", "psoas-iliacus"],
         alias=["these muscles", "both muscles"],
         kb=["The lumbar vertebrae lie above and between them in the midline.",
             "The urinary bladder sits low in the midline of the pelvis.",
             "The kidneys lie lateral to their upper parts."],
         pop="In adults it is one of the strongest hip muscles."),
    dict(target="parotid gland", modality="CT", region="head and neck", view=_AX, noun="salivary gland",
         comps=[(0.72, 0.58, 0.045, 0.055)],
         others={"vertebral body": (0.5, 0.62), "mandible": (0.5, 0.3)},
         fn=["makes serous saliva and has the facial nerve running through it",
             "sits just in front of the ear and is the largest of its kind"],
         hint=["A patient has painful swelling in front of the ear when eating."],
         giveaway=["parotid", "parotitis", "intraparotid", "parotidectomy"],
         alias=["this gland", "the gland"],
         kb=["The mandible curves in front of it.",
             "The right-sided gland lies mirror-image on the other side of the face.",
             "The cervical spine sits in the midline behind the pharynx."],
         pop="In adults this gland weighs roughly 15 to 30 grams."),
]

KINDS = ["laterality", "position", "size", "count", "names_target"]


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    """Every profile about equally often; a count or laterality defect favours multi-region and paired masks."""
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice([p for p in profiles if len(p["comps"]) > 1])
    return profiles[(i + rng.randrange(len(profiles))) % len(profiles)]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["view"][1]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draws the profile's ellipses (small jitter) on 256x256 and measures them with `compute_facts`."""
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n] / (n - 1)
    mask = np.zeros((n, n), bool)
    midline = len(p["comps"]) == 1 and p["comps"][0][0] == 0.5  # keep midline masks straddling the midline
    dx = rng.uniform(-0.002, 0.002) if midline else rng.uniform(-0.015, 0.015)
    dy, sc = rng.uniform(-0.015, 0.015), rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["comps"]:
        mask |= ((xx - cx - dx) / (rx * sc)) ** 2 + ((yy - cy - dy) / (ry * sc)) ** 2 <= 1
    return compute_facts(mask, p["view"][1], others=dict(p["others"])).model_dump(mode="json")


# --- true and false sentences --------------------------------------------------------------------------

REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
VERT = {"anterior": ["It lies anteriorly, toward the front of the {r}.", "It sits in the anterior part of the slice."],
        "posterior": ["It lies posteriorly, toward the back.", "It sits in the posterior part of the slice."],
        "superior": ["It lies in the upper part of the image, toward the head.", "It sits superiorly on this coronal slice."],
        "inferior": ["It lies low on the image, toward the feet.", "It sits inferiorly on this coronal slice."]}


def _terse(rng) -> bool:
    return _NOW["style"] == "terse" and rng.random() < 0.5


def _claim(kind: str, said, true, text: str) -> str:
    LAST.append({"kind": kind, "said": said, "true": true, "text": text})
    return text


def side_true(f: dict, rng) -> str:
    s = f["laterality"]
    t = {"left": ["It lies on the patient's left.", "It is left-sided.", "It sits on the left side of the patient."],
         "right": ["It lies on the patient's right.", "It is right-sided.", "It sits on the right side of the patient."],
         "midline": ["It lies in the midline.", "It is centred on the midline.", "It is a midline structure here."],
         "bilateral": ["It is bilateral, one part on each side of the midline.",
                       "It appears on both sides, left and right.", "Both the left and the right side are involved."]}[s]
    if _terse(rng):
        t = {"left": ["Left-sided.", "Left side."], "right": ["Right-sided.", "Right side."],
             "midline": ["Midline.", "Midline, no lateral shift."], "bilateral": ["Bilateral.", "Both sides."]}[s]
    return _claim("laterality", s, s, rng.choice(t))


def side_negation(f: dict, rng) -> str:
    s = f["laterality"]
    t = {"left": ["It is not on the right.", "Nothing of it crosses to the patient's right."],
         "right": ["It is not on the left.", "Nothing of it crosses to the patient's left."],
         "midline": ["It is not off to one side.", "It does not favour either side."],
         "bilateral": ["It is not confined to one side.", "Neither side is spared."]}[s]
    return _claim("laterality", s, s, rng.choice(t))


def side_false(f: dict, rng) -> str:
    s = f["laterality"]
    if s in ("left", "right"):
        o = "right" if s == "left" else "left"
        t = [f"It lies on the patient's {o}.", f"It is {o}-sided.", f"This is on the {o} side of the patient."]
        t = [f"{o.capitalize()}-sided."] if _terse(rng) else t
        return _claim("laterality", o, s, rng.choice(t))
    if s == "midline":
        o = rng.choice(["left", "right"])
        return _claim("laterality", o, s, rng.choice([f"It lies well off the midline, on the patient's {o}.",
                                                      f"It is clearly {o}-sided, away from the midline."]))
    o = rng.choice(["left", "right"])
    return _claim("laterality", o, s, rng.choice([f"It is only on the patient's {o}; the other side has none of it.",
                                                  f"It is one-sided, confined to the {o}."]))


def vert_true(f: dict, p: dict, rng) -> str | None:
    v = f["vertical"]
    if v not in VERT:
        return None
    if _terse(rng):
        return _claim("position", v, v, f"{v.capitalize()}.")
    return _claim("position", v, v, rng.choice(VERT[v]).format(r=p["region"]))


def rel_true(f: dict, rng) -> str | None:
    if not f["relations"]:
        return None
    r = rng.choice(f["relations"])
    return _claim("position", (r["other"], r["relation"]), (r["other"], r["relation"]),
                  rng.choice([f"It lies {rng.choice(REL[r['relation']])} the {_disp(r['other'])}.",
                              f"It is {rng.choice(REL[r['relation']])} the {_disp(r['other'])}."]))


def _disp(name: str) -> str:
    """A neighbour's name as prose writes it ("l3 vertebra" -> "L3 vertebra")."""
    return name[0].upper() + name[1:] if name[:1] in "lt" and name[1:2].isdigit() else name


def pos_false(f: dict, p: dict, rng) -> str:
    v = f["vertical"]
    if v in VFLIP and (rng.random() < 0.5 or not f["relations"]):
        return _claim("position", VFLIP[v], v, rng.choice(VERT[VFLIP[v]]).format(r=p["region"]))
    r = rng.choice(f["relations"])
    bad = FLIP[r["relation"]]
    return _claim("position", (r["other"], bad), (r["other"], r["relation"]),
                  f"It lies {rng.choice(REL[bad])} the {_disp(r['other'])}.")


def pct(f: dict) -> float:
    return f["area_fraction"] * 100


def size_true(f: dict, rng) -> str:
    c, p = f["size_class"], pct(f)
    word = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
            "large": ["large", "big"]}[c]
    num = f"{p:.1f}%" if p < 10 else f"{p:.0f}%"
    t = rng.choice([f"It is {rng.choice(word)}, about {num} of the image.",
                    f"It covers roughly {num} of the slice, so {rng.choice(word)}.",
                    f"It is {rng.choice(word)} on this slice."])
    if _terse(rng):
        t = rng.choice([f"{word[0].capitalize()}, ~{num} of image.", f"Size: {word[0]} ({num} of the slice)."])
    return _claim("size", (c, round(p, 2)), (c, round(p, 2)), t)


def size_false(f: dict, rng) -> str:
    c, p = f["size_class"], pct(f)
    if c == "large":
        bad = round(rng.uniform(0.1, 0.4), 1)
        t = rng.choice([f"It is tiny, only about {bad}% of the image.", "It is a very small structure on this slice."])
        return _claim("size", ("small", bad), (c, round(p, 2)), t)
    bad = rng.choice([20, 25, 30, 35])
    t = rng.choice([f"It is large, roughly {bad}% of the image.", "It is huge, filling a big part of the slice.",
                    f"It covers about {bad}% of the slice."])
    return _claim("size", ("large", bad), (c, round(p, 2)), t)


def count_true(f: dict, rng) -> str:
    n = f["components"]
    if n == 1:
        t = rng.choice(["It is a single connected region.", "It forms one contiguous piece.",
                        "There is no second separate focus."])
        t = rng.choice(["Single component.", "One region, no satellite focus."]) if _terse(rng) else t
    else:
        w = {2: "two", 3: "three"}.get(n, str(n))
        t = rng.choice([f"It consists of {w} separate regions.", f"The mask has {w} distinct parts.",
                        f"It is not a single blob but {w} separate components."])
        t = f"{w.capitalize()} separate components." if _terse(rng) else t
    return _claim("count", n, n, t)


def count_false(f: dict, rng) -> str:
    n = f["components"]
    if n == 1:
        return _claim("count", 2, n, rng.choice(["It is split into two separate pieces.",
                                                 "The mask has two distinct parts.", "Two separate components."]))
    return _claim("count", 1, n, rng.choice(["It is a single connected region.", "It forms one contiguous piece.",
                                             "Single component."]))


def convention(p: dict) -> str:
    if p["view"][1] == "LP":
        return "By radiological convention the patient's left is shown on the right side of the image."
    return "On this coronal view the patient's left is displayed on the image right, head at the top."


def user_false(kind: str, f: dict, p: dict, rng) -> str:
    """A follow-up user question that asserts a false fact (the claim is logged)."""
    _NOW["style"] = ""  # a user writes full sentences
    if kind == "laterality":
        s = side_false(f, rng)
        return rng.choice([f"Wait, I see it differently on my screen. {s} Why is that?",
                           f"{s} Could you explain why?"])
    if kind == "position":
        s = pos_false(f, p, rng)
        return rng.choice([f"{s} Why would it sit there?", f"Okay. {s} What explains that?"])
    if kind == "size":
        s = size_false(f, rng)
        return rng.choice([f"{s} Is that normal?", f"Interesting. {s} Why is that?"])
    s = count_false(f, rng)
    return rng.choice([f"{s} Why does it look like that?", f"{s} Is that expected?"])


FOLLOW = {
    "side": ["Which side, then?", "Which side is it on?", "Is it left, right or midline, and how can I tell on the image?"],
    "size": ["How big is it?", "And the size?", "How much of the slice does it take up, roughly, and would you call it big?"],
    "count": ["One piece or several?", "Is it one region?", "Does the mask form a single region or is it broken up into separate parts?"],
    "where": ["Where exactly is it?", "Can you describe its position relative to its neighbours on this slice?"],
    "why": ["Why is that?", "Why does that matter?", "Why is it useful to know that for this patient?"],
}


def follow_answer(topic: str, f: dict, p: dict, rng) -> list[str]:
    if topic == "side":
        return [side_true(f, rng), convention(p), side_negation(f, rng)][: rng.choice([2, 3])]
    if topic == "size":
        return [size_true(f, rng), p["pop"]]
    if topic == "count":
        return [count_true(f, rng), rng.choice(p["kb"])]
    if topic == "where":
        out = [s for s in (vert_true(f, p, rng), rel_true(f, rng)) if s]
        return out or [side_true(f, rng)]
    return [rng.choice(p["kb"]), f"It {rng.choice(p['fn'])}." if p["noun"] != "pair of deep grey-matter nuclei"
            else "Together they relay sensory input to the cortex."]


def render(style: str, name: str, sents: list[str], rng, first: bool) -> str:
    hedge = rng.choice(["", "Most likely ", "Probably "]) if style != "terse" else ""
    if style == "terse":
        head = f"{name[0].upper() + name[1:]} {SEG}. " if first else ""
        return head + " ".join(sents)
    if style == "tutor":
        opener = rng.choice(["Good thinking! ", "Great question. ", "Let's work through it. "])
        head = (opener + f"{hedge or 'This is '}the {name} {SEG}. ".replace("likely the", "likely it is the")
                .replace("Probably the", "Probably it is the") if first
                else rng.choice(["Good follow-up. ", "Let's look again. ", "Sure. "]))
        tail = rng.choice([" Does that make sense?", " Keep that picture in mind.", ""])
        return head + " ".join(sents) + tail
    # markdown
    if first:
        lines = [rng.choice(["## Answer", "### Segmentation result", "Sure! Here's what I found:"]), "",
                 f"**Structure:** {name} {SEG}", ""]
    else:
        lines = [rng.choice(["Great question!", "Happy to clarify:", "### Follow-up"]), ""]
    lines += [f"- {s}" for s in sents]
    lines += ["", rng.choice(["Let me know if you'd like more detail!", "Hope this helps.", "*Anything else?*"])]
    return "\n".join(lines)


def first_question(p: dict, style: str, rng) -> str:
    fn, hint = rng.choice(p["fn"]), rng.choice(p["hint"])
    mod = f"{p['modality']} {p['view'][0]} slice"
    return rng.choice([
        f"On this {mod}, which {p['noun']} {fn}? Please segment it.",
        f"{hint} On this {mod}, can you outline the {p['noun']} that {fn}?",
        f"Which {p['noun']} here {fn}? Mark it for me, please.",
        f"In this {p['region']} {p['modality']} image, please highlight the {p['noun']} that {fn}.",
    ])


def names_question(p: dict, rng) -> str:
    g = rng.choice(p["giveaway"])
    mod = f"{p['modality']} {p['view'][0]} slice"
    return _claim("names_target", g, None, rng.choice([
        f"The report mentions {g} changes on this {mod}. Which {p['noun']} is that? Segment it.",
        f"Can you segment the {p['noun']} relevant to the {g} findings on this {mod}?",
        f"A colleague suspects a {g} problem. Which {p['noun']} on this {mod} should I look at? Outline it.",
    ]))


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    """Turns and expected flags for one conversation (see the module docstring)."""
    LAST.clear()
    _NOW["style"] = style
    f = facts
    rounds = rng.choice([1, 2, 2, 3, 3])
    where = None
    if defect in ("laterality", "position", "size", "count"):
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.45 else "first"
        if where != "first":
            rounds = max(rounds, 2)
    q = names_question(p, rng) if defect == "names_target" else first_question(p, style, rng)
    if style == "markdown" and rng.random() < 0.5:
        q = q + " A short explanation would be nice too."
    # first answer: side, position, size, count, plus traps
    sents = [side_true(f, rng)]
    for s in (vert_true(f, p, rng), rel_true(f, rng)):
        if s and rng.random() < 0.75:
            sents.append(s)
    sents.append(size_true(f, rng))
    if rng.random() < 0.7:
        sents.append(count_true(f, rng))
    traps = [convention(p), rng.choice(p["kb"]), side_negation(f, rng), p["pop"]]
    sents += rng.sample(traps, k=2)
    rng.shuffle(sents)
    if where == "first":
        bad = {"laterality": side_false, "count": count_false, "size": size_false}.get(defect)
        # a false claim replaces the true claim of its kind so that the answer does not contradict itself
        bad_s = bad(f, rng) if bad else pos_false(f, p, rng)
        kind_texts = {c["text"] for c in LAST[:-1] if c["kind"] == defect}
        sents = [s for s in sents if s not in kind_texts]
        sents.insert(rng.randrange(len(sents) + 1), bad_s)
    name = p["target"]
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": render(style, name, sents, rng, True)}]
    topics = rng.sample(list(FOLLOW), k=rounds - 1)
    for k, topic in enumerate(topics):
        last = k == len(topics) - 1
        fq = rng.choice(FOLLOW[topic])
        if where == "user" and last:
            fq = user_false(defect, f, p, rng)
            fa = [rng.choice(p["kb"]), convention(p)]
        else:
            fa = follow_answer(topic, f, p, rng)
            if where == "follow" and last:
                bad = {"laterality": side_false, "count": count_false, "size": size_false}.get(defect)
                bad_s = bad(f, rng) if bad else pos_false(f, p, rng)
                kind_texts = {c["text"] for c in LAST[:-1] if c["kind"] == defect and c["text"] in fa}
                fa = [s for s in fa if s not in kind_texts] + [bad_s]
        turns += [{"role": "user", "content": fq}, {"role": "assistant", "content": render(style, name, fa, rng, False)}]
    # keep in LAST only claims whose text is in the conversation
    text = "\n".join(t["content"] for t in turns)
    LAST[:] = [c for c in LAST if c["text"] in text]
    return turns, ([defect] if defect else [])

