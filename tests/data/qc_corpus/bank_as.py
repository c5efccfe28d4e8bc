"""Bank AS: chest, neck, brain and pelvis on CT/MR (axial "LP", some coronal "LI"), written blind.

Written by helper `qcas` without opening the QC rules, their tests, other banks or any corpus rows.
Facts are the product's own measurement (`medseg_qa.facts.compute_facts`) of a synthetic ellipse mask;
the prose is written from those facts. Four registers: a GPT-style "Reasoning: ... Answer: ..." block, a
clinical report (Findings / Impression), a friendly lay explanation, and an oral-exam Q&A with short
follow-ups. Every defective conversation holds exactly one plainly false claim of its kind, in the first
answer, a follow-up answer, or (about a fifth of the geometric kinds) a user question.

First measure: not run by the writer (the lead measures this bank).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["reasoning", "report", "lay", "viva"]
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "on the patient's left relative to"],
       "right_of": ["to the patient's right of", "on the patient's right relative to"],
       "anterior_to": ["in front of", "anterior to", "ventral to"],
       "posterior_to": ["behind", "posterior to", "dorsal to"],
       "superior_to": ["above", "superior to", "cranial to"],
       "inferior_to": ["below", "inferior to", "caudal to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _p(target, region, mod, orient, blobs, others, alias, give, asks, kb, cmp, isthmus=False):
    return dict(target=target, region=region, modality=mod, orientation=orient, blobs=blobs, others=others,
                alias=alias, giveaway=give, asks=asks, kb=kb, cmp=cmp, isthmus=isthmus)


PROFILES = [
    _p("left lung", "chest", "CT", "LP", [(0.70, 0.50, 0.15, 0.25)],
       {"heart": (0.55, 0.42), "right lung": (0.30, 0.50)}, ["this lung", "the segmented lung", "the aerated lung"],
       ["pulmonary", "lung", "lungs", "intrapulmonary"],
       ["Which air-filled organ with two lobes is responsible for gas exchange on this slice? Please outline it.",
        "On this chest CT, can you segment the spongy organ that oxygenates the blood and has an oblique fissure only?"],
       ["The right lung, by contrast, has three lobes and a horizontal fissure.",
        "The heart bulges toward the patient's left, which is why the cardiac notch exists.",
        "In adults the total lung capacity is around six litres."],
       "It is far larger in cross-section than the trachea or the esophagus."),
    _p("right lung", "chest", "CT", "LI", [(0.30, 0.42, 0.14, 0.28)],
       {"heart": (0.55, 0.56), "liver": (0.30, 0.80)}, ["this lung", "the outlined lung", "the aerated lung"],
       ["pulmonary", "lung", "lobar pneumonia", "the lungs"],
       ["On this coronal reformat, which three-lobed organ handles breathing? Segment it, please.",
        "Where is the organ with a horizontal fissure that exchanges oxygen on this coronal image?"],
       ["The liver lies under the right hemidiaphragm, which usually sits a little higher than the left one.",
        "The left lung has only two lobes because the heart takes up room on that side.",
        "The right main bronchus is wider, shorter and steeper than the left, so aspirated objects go there more often."],
       "It dwarfs the heart on this coronal section."),
    _p("lung", "chest", "CT", "LP", [(0.30, 0.52, 0.13, 0.24), (0.70, 0.52, 0.13, 0.24)],
       {"heart": (0.52, 0.40), "vertebral body": (0.50, 0.72)}, ["the lungs", "both lungs", "the lung fields"],
       ["pulmonary", "lungs", "pleural", "bronchopulmonary"],
       ["Which paired organs of the chest fill with air when we breathe in? Can you segment them?",
        "Could you segment the paired, air-containing organs that take in oxygen on this axial chest slice?"],
       ["The heart sits between them, leaning toward the patient's left.",
        "The trachea divides at the carina, at about the level of the fourth thoracic vertebra.",
        "The aorta arches over the left main bronchus."],
       "Together they are much bigger than the heart on this slice."),
    _p("heart", "chest", "CT", "LP", [(0.59, 0.40, 0.12, 0.10)],
       {"aorta": (0.55, 0.62), "esophagus": (0.51, 0.62), "sternum": (0.50, 0.24)},
       ["this organ", "the segmented organ", "the pump"], ["cardiac", "myocardial", "pericardial", "cardio"],
       ["Which muscular organ pumps blood round the body? Please segment it on this chest CT.",
        "Can you find the four-chambered organ behind the breastbone that beats about seventy times a minute?"],
       ["The superior vena cava enters it from above on the patient's right.",
        "The descending aorta runs down along the left side of the spine.",
        "A resting adult heart pumps roughly five litres of blood per minute."],
       "It is smaller than either lung here but much bigger than the esophagus."),
    _p("trachea", "neck", "CT", "LP", [(0.50, 0.40, 0.04, 0.035)],
       {"esophagus": (0.51, 0.53), "thyroid gland": (0.50, 0.32)},
       ["this airway", "the tube", "the segmented airway"], ["tracheal", "windpipe", "endotracheal", "tracheostomy"],
       ["Which rigid air tube with C-shaped cartilage rings carries air to the chest? Please segment it.",
        "Can you outline the main airway that runs down the front of the neck on this slice?"],
       ["The esophagus runs behind it, slightly toward the patient's left.",
        "The thyroid lobes wrap around its sides.",
        "In adults it is roughly 10 to 12 cm long."],
       "It is far narrower than either lung."),
    _p("esophagus", "chest", "CT", "LP", [(0.50, 0.63, 0.03, 0.03)],
       {"trachea": (0.50, 0.45), "heart": (0.60, 0.40), "aorta": (0.59, 0.66)},
       ["this tube", "the muscular tube", "the segmented structure"],
       ["oesophageal", "esophageal", "gullet", "oesophagus"],
       ["Which muscular tube carries swallowed food down to the stomach? Please segment it here.",
        "Can you outline the collapsed tube that moves food by peristalsis on this chest CT?"],
       ["The descending aorta lies beside it on the patient's left.",
        "The left atrium sits directly in front of its lower part.",
        "It is about 25 cm long in adults."],
       "It is much smaller than the heart on this slice."),
    _p("thyroid gland", "neck", "CT", "LP", [(0.40, 0.36, 0.05, 0.08), (0.60, 0.36, 0.05, 0.08)],
       {"trachea": (0.50, 0.44), "vertebral body": (0.50, 0.70)},
       ["this gland", "the gland", "the endocrine tissue"], ["thyroid", "thyroidal", "thyroiditis", "goitre"],
       ["Which butterfly-shaped gland in the front of the neck makes the hormones that set metabolism? Segment it.",
        "Where is the gland that takes up iodine to produce T3 and T4 on this neck CT? Please outline it."],
       ["The trachea lies just behind it, in the midline.",
        "The common carotid arteries run beside it, one on each side.",
        "Nodules in this region are found on ultrasound in up to half of adults."],
       "It is smaller than the heart but larger than the trachea in cross-section.", isthmus=True),
    _p("lateral ventricle", "brain", "MR", "LP", [(0.42, 0.48, 0.03, 0.12), (0.58, 0.48, 0.03, 0.12)],
       {"frontal bone": (0.50, 0.14), "occipital lobe": (0.50, 0.82)},
       ["these cavities", "the fluid spaces", "the segmented spaces"],
       ["ventricular", "ventricles", "ventriculomegaly", "intraventricular"],
       ["Which fluid-filled spaces deep in the cerebral hemispheres hold cerebrospinal fluid? Please segment them.",
        "Can you outline the paired CSF cavities with the choroid plexus inside them on this brain MR?"],
       ["The third ventricle is a thin slit in the midline below them.",
        "The caudate head bulges into each frontal horn.",
        "An adult makes about 500 mL of cerebrospinal fluid a day."],
       "They are much smaller than the cerebral hemispheres around them."),
    _p("brainstem", "brain", "MR", "LP", [(0.50, 0.59, 0.075, 0.075)],
       {"cerebellum": (0.50, 0.78), "frontal bone": (0.50, 0.14)},
       ["this structure", "the segmented structure", "this part of the brain"],
       ["brain stem", "pontine", "pontomedullary", "pons"],
       ["Which part of the brain links the cerebrum with the spinal cord and controls breathing? Segment it.",
        "Can you outline the structure that houses most cranial nerve nuclei on this MR slice?"],
       ["The cerebellum lies behind it, with one hemisphere on each side.",
        "The fourth ventricle separates it from the cerebellum.",
        "Ten of the twelve cranial nerves arise from it."],
       "It is smaller than the cerebellum but larger than the pituitary."),
    _p("urinary bladder", "pelvis", "CT", "LP", [(0.50, 0.38, 0.12, 0.09)],
       {"rectum": (0.50, 0.64), "left femur": (0.80, 0.50), "right femur": (0.20, 0.50)},
       ["this organ", "the fluid-filled organ", "the segmented organ"],
       ["vesical", "intravesical", "bladder", "cystitis"],
       ["Which hollow pelvic organ stores urine until it is voided? Please segment it.",
        "Can you outline the distensible reservoir that the ureters drain into on this pelvic CT?"],
       ["The rectum sits behind it in the midline.",
        "The femoral heads lie on either side, the left one on the patient's left.",
        "An adult typically holds 400 to 600 mL before feeling a strong urge."],
       "It is larger than the prostate but smaller than the pelvis as a whole."),
    _p("prostate", "pelvis", "MR", "LP", [(0.50, 0.50, 0.05, 0.045)],
       {"rectum": (0.50, 0.65), "urinary bladder": (0.50, 0.34), "pubic symphysis": (0.50, 0.24)},
       ["this gland", "the gland", "the segmented gland"], ["prostatic", "BPH", "prostatitis", "periprostatic"],
       ["Which walnut-sized male gland surrounds the urethra below the bladder? Please segment it.",
        "On this pelvic MR, can you outline the gland that makes part of the seminal fluid?"],
       ["The rectum lies right behind it, which is why a finger examination can reach it.",
        "The seminal vesicles sit above and behind it, one on each side.",
        "About half of men over 50 have some benign enlargement of it."],
       "It is much smaller than the bladder."),
    _p("left femur", "pelvis", "CT", "LI", [(0.70, 0.72, 0.06, 0.20)],
       {"urinary bladder": (0.50, 0.45), "right femur": (0.30, 0.72)},
       ["this bone", "the long bone", "the segmented bone"], ["femoral", "thigh bone", "femora", "intertrochanteric"],
       ["Which long bone of the thigh carries the body's weight from the hip to the knee? Segment it, please.",
        "On this coronal CT, can you outline the longest and strongest bone of the body?"],
       ["The bladder sits in the midline between the hip joints.",
        "The right hip joint mirrors this one on the patient's right.",
        "It makes up about a quarter of a person's height."],
       "It is far bigger than the prostate."),
    _p("right femur", "pelvis", "CT", "LP", [(0.27, 0.50, 0.07, 0.07)],
       {"left femur": (0.73, 0.50), "urinary bladder": (0.50, 0.39)},
       ["this bone", "the bone", "the segmented bone"], ["femoral", "thigh bone", "femora", "subtrochanteric"],
       ["Which bone carries the weight of the thigh on this axial slice? Please segment it.",
        "Can you outline the long weight-bearing bone whose head sits in the acetabulum?"],
       ["The bladder sits in front of the rectum in the midline.",
        "The left femoral head lies in the opposite acetabulum, on the patient's left.",
        "Hip fractures affect well over a million people a year worldwide."],
       "In cross-section it is bigger than the prostate."),
    _p("pineal cyst", "brain", "MR", "LP", [(0.50, 0.61, 0.025, 0.025)],
       {"frontal bone": (0.50, 0.14), "occipital lobe": (0.50, 0.84)},
       ["this finding", "the small fluid pocket", "the segmented finding"],
       ["pineal", "pineal-region", "pinealoma", "pineal gland"],
       ["Which small fluid-filled incidental finding sits behind the third ventricle near the melatonin gland? Segment it.",
        "Could you outline the benign cyst of the gland that regulates sleep on this brain MR?"],
       ["The lateral ventricles lie in front of and above it, one on each side.",
        "The cerebral aqueduct runs just beneath it.",
        "Such cysts are found in a few percent of brain MR scans."],
       "It is far smaller than the brainstem."),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered), measure them with the product's own `compute_facts`."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    dx, dy = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01)
    scale = rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["blobs"]:
        m |= (((xx / W - cx - dx) / (rx * scale)) ** 2 + ((yy / H - cy - dy) / (ry * scale)) ** 2) <= 1
    if p["isthmus"] and rng.random() < 0.4:  # a thyroid with its isthmus: one piece across the midline
        m[int(0.40 * H):int(0.44 * H), int(0.40 * W):int(0.60 * W)] = True
    others = {k: (v[0], v[1]) for k, v in p["others"].items()}
    return compute_facts(m, p["orientation"], others=others).model_dump(mode="json")


# --- true statements, written from the facts ------------------------------------------------------

def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def side_true(f, p, rng):
    s, a = f["laterality"], rng.choice(p["alias"])
    if s in ("left", "right"):
        return rng.choice([f"{cap(a)} lies on the patient's {s}.", f"It is {s}-sided.",
                           f"It sits in the patient's {s} half of the {p['region']}.",
                           f"It is on the {s}, not the {OPP[s]}.",
                           f"The mask falls to the patient's {s} of the midline.",
                           f"Side: patient's {s}."])
    if s == "midline":
        return rng.choice([f"{cap(a)} sits in the midline.", "It is centred on the midline, favouring neither side.",
                           "It is midline: not left-sided and not right-sided.", "It lies centrally, across the midline."])
    return rng.choice(["It is bilateral, with one part on the patient's right and one on the left.",
                       "Both sides are involved, left and right.", "It is present on both sides of the midline.",
                       "It is not confined to one side: there is tissue on the left and on the right."])


def side_false(f, p, rng):
    s = f["laterality"]
    if s in ("left", "right"):
        o = OPP[s]
        return rng.choice([f"It lies on the patient's {o}.", f"It is clearly {o}-sided.",
                           f"It sits in the patient's {o} half of the {p['region']}.", f"It is on the {o}, not the {s}."])
    if s == "midline":
        w = rng.choice(["left", "right"])
        return rng.choice([f"It lies well off to the patient's {w}, away from the midline.", f"It is a {w}-sided structure."])
    w = rng.choice(["left", "right"])
    return rng.choice([f"It is confined to the patient's {w} side only.", f"Only the {w} side is involved.",
                       f"It is unilateral, on the {w}."])


def vert_words(v, orient):
    if v == "central":
        return ["about midway between front and back", "neither notably anterior nor posterior"] if orient == "LP" \
            else ["at about mid-height on the image", "neither high nor low on this image"]
    return {"anterior": ["toward the front of the body", "anteriorly", "in the ventral part of the slice"],
            "posterior": ["toward the back of the body", "posteriorly", "in the dorsal part of the slice"],
            "superior": ["in the upper part of the image, toward the head", "superiorly", "cranially"],
            "inferior": ["low on the image, toward the feet", "inferiorly", "caudally"]}[v]


def vert_true(f, p, rng):
    w = rng.choice(vert_words(f["vertical"], p["orientation"]))
    frames = [f"It lies {w}.", f"It is located {w}.", f"On this slice it sits {w}."]
    if f["vertical"] != "central":
        frames += [f"It is {f['vertical']}, not {OPP[f['vertical']]}.", f"Most likely it sits {w}, as expected."]
    return rng.choice(frames)


def rel_true(f, p, rng):
    if not f["relations"]:
        return None
    r = rng.choice(f["relations"])
    return rng.choice([f"It lies {rng.choice(REL[r['relation']])} the {r['other']}.",
                       f"The {r['other']} is {rng.choice(REL[FLIP[r['relation']]])} it.",
                       f"Compared with the {r['other']}, it sits {rng.choice(REL[r['relation']])} that structure."])


def position_false(f, p, rng):
    v = f["vertical"]
    if v != "central" and (not f["relations"] or rng.random() < 0.5):
        w = rng.choice(vert_words(OPP[v], p["orientation"])[:2])
        return rng.choice([f"It lies {w}.", f"It is located {w}.", f"On this slice it sits {w}."])
    r = rng.choice(f["relations"])
    return f"It lies {rng.choice(REL[FLIP[r['relation']]])} the {r['other']}."


SIZE_WORD = {"small": ["small", "modest", "little"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
             "large": ["large", "big", "sizeable"]}


def size_true(f, p, rng):
    c, pct = f["size_class"], f["area_fraction"] * 100
    n = max(2, round(1 / f["area_fraction"]))
    not_c = rng.choice([x for x in SIZE_WORD if x != c])
    return rng.choice([f"It is {rng.choice(SIZE_WORD[c])} on this slice.", f"It is certainly not {not_c}; I would call it {c}.",
                       f"At roughly {pct:.1f}% of the image, it counts as {c}.",
                       f"It covers about {pct:.1f}% of the image.", f"It takes up roughly 1/{n} of the image area.",
                       f"Size: {c}, about {pct:.1f} percent of the picture.",
                       f"It is {rng.choice(SIZE_WORD[c])}, occupying approximately {pct:.1f} per cent of the frame.",
                       f"The region would be called {c}: roughly 1 in every {n} pixels of the image."])


def size_false(f, p, rng):
    c = f["size_class"]
    big = ["It is huge, filling about 45% of the image.", "It is enormous on this slice.",
           "It dominates the picture, covering more than half of it."]
    tiny = ["It is tiny, barely 0.1% of the image.", "It is minuscule on this slice.",
            "It is a pinpoint speck, far under one percent of the frame."]
    return rng.choice(tiny if c == "large" else big if c == "small" else tiny + big)


def count_true(f, p, rng):
    k = f["components"]
    if k == 1:
        return rng.choice(["It forms one connected region.", "There is a single contiguous area, with no second focus.",
                           "It is one piece.", "The mask is a single component; no separate islands."])
    return rng.choice([f"It is made of {NUM[k]} separate regions.", f"The mask splits into {NUM[k]} parts.",
                       f"There are {k} distinct components.", f"It is not one continuous piece but {NUM[k]}."])


def count_false(f, p, rng):
    k = f["components"]
    if k == 1:
        return rng.choice(["It is made of two separate regions.", "The mask splits into three parts.",
                           "There are two distinct, disconnected pieces."])
    return rng.choice(["It forms one connected region.", "It is a single contiguous piece.",
                       "The mask is one component only."])


def convention(f, p, rng):
    if f["laterality"] in ("left", "right"):
        img = "right" if f["laterality"] == "left" else "left"
        return rng.choice([f"By radiological convention the patient's {f['laterality']} is shown on the viewer's "
                           f"{img}, which is why it appears on the {img} of the screen.",
                           f"Remember that the image is displayed as if facing the patient, so it shows on the "
                           f"{img} of the picture."])
    return rng.choice(["By radiological convention the patient's left is displayed on the viewer's right.",
                       "These images are shown as if facing the patient, so left and right are swapped on screen."])


TRUE = {"laterality": side_true, "position": vert_true, "size": size_true, "count": count_true}
FALSE = {"laterality": side_false, "position": position_false, "size": size_false, "count": count_false}


def user_false(kind, f, p, rng):
    """A follow-up question whose premise is false."""
    if kind == "laterality":
        s = f["laterality"]
        w = OPP[s] if s in ("left", "right") else rng.choice(["left", "right"])
        return rng.choice([f"Why is it only on the patient's {w} side here?",
                           f"Since it sits on the {w}, is that normal for it?"])
    if kind == "position":
        v = f["vertical"]
        if v != "central":
            w = vert_words(OPP[v], p["orientation"])[0]
            return f"Why does it sit {w} on this slice?"
        r = rng.choice(f["relations"])
        return f"Why is it {REL[FLIP[r['relation']]][0]} the {r['other']} here?"
    if kind == "size":
        c = f["size_class"]
        return ("Why is it so tiny, well under a tenth of a percent of the image?" if c == "large"
                else "Why is it so huge, covering about half of the image?")
    return ("Why is it split into two separate pieces?" if f["components"] == 1
            else "Why is it just one single connected blob?")


FOLLOWUPS = {"laterality": ["Which side is it?", "And the side of the body?", "Which side is it on, exactly, in patient terms?"],
             "position": ["Where is it front to back?", "How about its position on the slice?", "Where does it lie?"],
             "size": ["How big is it?", "Is it large or small?", "Roughly what share of the image does it fill?"],
             "count": ["Is it one piece?", "How many separate regions are there?", "Any second focus at all?"]}


# --- registers ------------------------------------------------------------------------------------

CORONAL_Q = ["How high or low is it?", "Is it high or low on this coronal image?", "Where does it lie?"]


def first_answer(style, p, f, sents, rng):
    a = rng.choice(p["alias"])
    body = " ".join(sents)
    if style == "reasoning":
        return (f"Reasoning: The description fits {a}. {body}\nAnswer: {a}, segmented here: [SEG]")
    if style == "report":
        imp = rng.choice([f"{cap(a)} delineated [SEG].", f"Segmentation of {a} provided [SEG]."])
        return f"Findings: {body}\nImpression: {imp}"
    if style == "lay":
        open_ = rng.choice(["Great question!", "Happy to help.", "Sure thing.", "Good one to ask about."])
        close = rng.choice(["Hope that makes it clearer!", "Ask me anything else you are curious about.",
                            "Your doctor can explain what it means for you.", "Let me know if you want more detail."])
        return f"{open_} What you are looking for is highlighted here: [SEG]. {body} {close}"
    return f"A: That would be {a}, shown here [SEG]. {body}"


def followup_answer(style, sents):
    body = " ".join(sents)
    return {"reasoning": f"Reasoning: Looking again at the mask. {body}\nAnswer: as described above.",
            "report": f"Addendum: {body}", "lay": f"Good follow-up. {body}", "viva": f"A: {body}"}[style]


def user_q(style, q):
    return f"Q: {q}" if style == "viva" else q


def build(p, facts, style, rng, defect):
    f = facts
    kinds = ["laterality", "position", "size", "count"]
    place = None
    if defect in kinds:
        place = rng.choices(["first", "followup", "user"], [0.5, 0.3, 0.2])[0]
    # the first answer: a shuffled selection of true facts plus traps
    chosen = [k for k in kinds if rng.random() < 0.75 or k == defect]
    sents = []
    for k in chosen:
        if k == defect and place == "first":
            sents.append(FALSE[k](f, p, rng))
        else:
            sents.append(TRUE[k](f, p, rng))
    extra = [rel_true(f, p, rng) if defect != "position" or place != "first" else None,
             rng.choice(p["kb"]), p["cmp"] if rng.random() < 0.5 else None,
             convention(f, p, rng) if rng.random() < 0.5 else None]
    hedge = rng.choice(["This is the most likely answer given the description.", "I am fairly confident in this.",
                        "Probably this, though the slice is only one view.", None,
                        "I'd want the neighbouring slices to be certain, but this fits well.",
                        "Nothing else on the image matches the description as closely."])
    sents += [e for e in extra + [hedge] if e]
    rng.shuffle(sents)
    ask = rng.choice(p["asks"])
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        ask = rng.choice([f"Please segment the {g} structure on this image: where is it?",
                          f"Where is the {g} region on this scan? Please outline it.",
                          f"{ask} My guess is that it is {g}-related."])
    turns = [{"role": "user", "content": user_q(style, ask)},
             {"role": "assistant", "content": first_answer(style, p, f, sents, rng)}]
    rounds = rng.choice([1, 2, 2, 3]) if place not in ("followup", "user") else rng.choice([2, 3])
    fk = [k for k in kinds]
    rng.shuffle(fk)
    for r in range(rounds - 1):
        k = fk[r]
        if place in ("followup", "user") and r == rounds - 2:
            k = defect
        if place == "user" and k == defect:
            q = user_false(k, f, p, rng)
            ans = [rng.choice(p["kb"]), rng.choice(["It is a common question.", "That is worth asking."])]
        else:
            q = rng.choice(FOLLOWUPS[k] if k != "position" or p["orientation"] == "LP" else CORONAL_Q)
            if place == "followup" and k == defect:
                ans = [FALSE[k](f, p, rng)]
            else:
                ans = [TRUE[k](f, p, rng)]
            if rng.random() < 0.5:
                ans.append(rng.choice([rng.choice(p["kb"]), p["cmp"], "That is what the mask shows."]))
        turns.append({"role": "user", "content": user_q(style, q)})
        turns.append({"role": "assistant", "content": followup_answer(style, ans)})
    return turns, ([defect] if defect else [])
