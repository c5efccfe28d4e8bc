"""Bank AM: brain, neck, heart and musculoskeletal targets (axial "LP" and coronal "LI" MR/CT), written blind
(helper qcam) in four registers: a Findings/Impression report, a friendly chat assistant with emoji, a viva
(examiner asks, candidate answers, examiner confirms or corrects with the true fact) and numbers spelled out.
Facts are measured by the product's `compute_facts` on synthetic ellipse masks; the prose is written from them.

first measure (once, rules as of d208300, misses never read): 197/210 defects caught (93.8%), 19/210 clean
flagged (9.0%); tp laterality 42/42, size 42/42, count 42/42, names_target 41/42, position 30/42; false flags on
clean rows: names_target 26, position 6.
"""

from __future__ import annotations

import random

import numpy as np

from medseg_qa.facts import compute_facts

N = 256
STYLES = ["report", "chat", "exam", "words"]

# ellipses: (cx, cy, rx, ry) in image units; others: name -> normalised centroid; orientation "LP" axial
# (columns to patient left, rows to posterior) or "LI" coronal (columns to patient left, rows to inferior)
PROFILES = [
    dict(target="left thalamus", name="the left thalamus", o="LP", mod="MR", region="brain",
         ell=[(0.58, 0.53, 0.04, 0.06)], others={"right thalamus": (0.42, 0.53), "third ventricle": (0.5, 0.52)},
         hint="the deep grey relay station that passes sensory signals up to the cortex",
         give=["thalamus", "thalamic nuclei", "left thalamic region", "the thalami"],
         kb=["The right thalamus mirrors it on the other side of the third ventricle.",
             "In more than 90% of right-handed people the left hemisphere is dominant for language.",
             "The caudate head bulges into the frontal horn further forward."]),
    dict(target="right putamen", name="the right putamen", o="LP", mod="MR", region="brain",
         ell=[(0.36, 0.47, 0.03, 0.07)], others={"left putamen": (0.64, 0.47), "right thalamus": (0.42, 0.56)},
         hint="the lateral part of the lentiform nucleus, involved in motor control",
         give=["putamen", "putaminal", "right putaminal nucleus", "the putamina"],
         kb=["The left putamen is its mirror image across the midline.",
             "The globus pallidus lies just medial to it.",
             "Hypertensive bleeds in adults most often arise in this region of the basal ganglia."]),
    dict(target="lateral ventricle", name="the lateral ventricles", o="LP", mod="MR", region="brain",
         ell=[(0.42, 0.42, 0.035, 0.1), (0.58, 0.42, 0.035, 0.1)],
         others={"third ventricle": (0.5, 0.53), "fourth ventricle": (0.5, 0.72)},
         hint="the paired CSF-filled cavities inside the cerebral hemispheres",
         give=["lateral ventricles", "ventricular system", "the ventricles", "intraventricular spaces"],
         kb=["The third ventricle is a thin midline slit between the thalami.",
             "An adult produces roughly 500 mL of cerebrospinal fluid a day.",
             "The fourth ventricle sits behind the pons, in front of the cerebellum."]),
    dict(target="left hippocampus", name="the left hippocampus", o="LI", mod="MR", region="brain",
         ell=[(0.64, 0.58, 0.04, 0.03)], others={"left lateral ventricle": (0.58, 0.45), "brainstem": (0.5, 0.64)},
         hint="the seahorse-shaped structure of the medial temporal lobe that consolidates new memories",
         give=["hippocampus", "hippocampal formation", "left hippocampal body", "hippocampi"],
         kb=["The right hippocampus sits in the opposite medial temporal lobe.",
             "Hippocampal volume falls by about 1% a year in healthy older adults.",
             "The temporal horn of the lateral ventricle curves just above it."]),
    dict(target="brainstem", name="the brainstem", o="LP", mod="MR", region="brain",
         ell=[(0.5, 0.63, 0.06, 0.06)], others={"fourth ventricle": (0.5, 0.72), "left temporal lobe": (0.7, 0.55)},
         hint="the stalk linking the cerebrum to the spinal cord that houses the breathing and heart-rate centres",
         give=["brain stem", "pons and medulla", "brainstem nuclei", "pontine"],
         kb=["The cerebellar hemispheres lie behind it on the left and the right.",
             "The basilar artery runs along its front surface.",
             "Ten of the twelve cranial nerve pairs arise from it."]),
    dict(target="thyroid gland", name="the thyroid gland", o="LP", mod="CT", region="neck",
         ell=[(0.4, 0.36, 0.05, 0.07), (0.6, 0.36, 0.05, 0.07)], isthmus=True,
         others={"trachea": (0.5, 0.44), "cervical vertebra": (0.5, 0.66)},
         hint="the butterfly-shaped endocrine organ in the lower neck that makes T3 and T4",
         give=["thyroid", "thyroid lobes", "thyroidal tissue", "the thyroid's isthmus"],
         kb=["The common carotid arteries run behind and lateral to it on each side.",
             "Thyroid nodules are found on ultrasound in up to half of adults.",
             "The oesophagus lies behind the trachea, usually slightly to the left."]),
    dict(target="right common carotid artery", name="the right common carotid artery", o="LP", mod="CT",
         region="neck", ell=[(0.35, 0.46, 0.025, 0.025)],
         others={"trachea": (0.5, 0.37), "left common carotid artery": (0.65, 0.46)},
         hint="the vessel on the side of the neck that supplies the head and arises from the brachiocephalic trunk",
         give=["carotid", "right CCA", "carotid artery", "common carotid"],
         kb=["The left one arises directly from the aortic arch instead.",
             "The internal jugular vein runs lateral to it in the carotid sheath.",
             "Carotid bifurcation usually lies at about the level of C4."]),
    dict(target="trachea", name="the trachea", o="LP", mod="CT", region="neck",
         ell=[(0.5, 0.37, 0.045, 0.045)], others={"esophagus": (0.52, 0.47), "right common carotid artery": (0.35, 0.44)},
         hint="the cartilage-ringed airway running from the larynx down to the carina",
         give=["windpipe", "tracheal lumen", "tracheal", "airway tube of the trachea"],
         kb=["The right main bronchus is shorter, wider and more vertical than the left.",
             "It has about 16 to 20 C-shaped cartilage rings in adults.",
             "The oesophagus lies behind it, a little to the left."]),
    dict(target="left ventricle", name="the left ventricle", o="LP", mod="CT", region="heart",
         ell=[(0.6, 0.41, 0.09, 0.08)], others={"right ventricle": (0.45, 0.34), "descending aorta": (0.56, 0.66)},
         hint="the thick-walled pumping chamber that ejects blood into the aorta",
         give=["LV", "left ventricular cavity", "ventricular", "the left heart chamber called the ventricle"],
         kb=["The right ventricle lies in front of it, just behind the sternum.",
             "A normal ejection fraction is about 55 to 70 percent.",
             "The right atrium forms the right heart border on a frontal view."]),
    dict(target="right atrium", name="the right atrium", o="LP", mod="CT", region="heart",
         ell=[(0.36, 0.48, 0.06, 0.06)], others={"left atrium": (0.52, 0.6), "left ventricle": (0.6, 0.41)},
         hint="the heart chamber that receives blood from both venae cavae",
         give=["RA", "atrial", "right atrial chamber", "the atrium"],
         kb=["The left atrium is the most posterior chamber, just in front of the oesophagus.",
             "The sinoatrial node sits in its wall near the superior vena cava.",
             "About a quarter of adults have a patent foramen ovale."]),
    dict(target="left femur", name="the left femur", o="LI", mod="CT", region="musculoskeletal",
         ell=[(0.68, 0.75, 0.05, 0.2)], others={"left hip bone": (0.66, 0.45), "right femur": (0.32, 0.75)},
         hint="the longest and strongest bone of the body, in the thigh",
         give=["femur", "femoral shaft", "femoral", "thigh bone"],
         kb=["The right femur is its mirror image in the other thigh.",
             "Hip fractures affect roughly 1.5 million people worldwide each year.",
             "The pelvis sits above the hip joints."]),
    dict(target="right humerus", name="the right humerus", o="LI", mod="CT", region="musculoskeletal",
         ell=[(0.15, 0.4, 0.04, 0.18)], others={"right scapula": (0.23, 0.29), "sternum": (0.5, 0.35)},
         hint="the long bone of the upper arm that runs from shoulder to elbow",
         give=["humerus", "humeral shaft", "humeral", "upper arm bone"],
         kb=["The left humerus lies on the opposite side of the chest.",
             "The radial nerve winds around the back of its shaft in the spiral groove.",
             "Proximal fractures of this bone are common in older adults after a fall."]),
    dict(target="left gluteus maximus", name="the left gluteus maximus", o="LP", mod="CT", region="musculoskeletal",
         ell=[(0.66, 0.72, 0.12, 0.09)], others={"left hip bone": (0.62, 0.55), "sacrum": (0.5, 0.6)},
         hint="the large buttock muscle that extends the hip when we climb stairs",
         give=["gluteus maximus", "gluteal muscle", "gluteal", "buttock muscle called gluteus maximus"],
         kb=["The right gluteus maximus mirrors it on the other buttock.",
             "The sciatic nerve runs deep to it, usually below the piriformis.",
             "Intramuscular injections are given into the upper outer quadrant of the buttock."]),
    dict(target="pituitary adenoma", name="the pituitary adenoma", o="LI", mod="MR", region="brain",
         ell=[(0.5, 0.42, 0.035, 0.03)], others={"optic chiasm": (0.5, 0.34), "left internal carotid artery": (0.57, 0.45)},
         hint="a benign tumour of the master hormone gland in the sella turcica",
         give=["pituitary macroadenoma", "adenoma", "sellar adenoma", "pituitary tumour"],
         kb=["The optic chiasm lies just above the sella and can be compressed from below.",
             "Incidental sellar lesions are seen in about 10% of adult brain MRIs.",
             "The cavernous sinuses flank the sella on the left and the right."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["o"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and let the product measure them."""
    yy, xx = np.mgrid[0:N, 0:N] / (N - 1)
    m = np.zeros((N, N), bool)
    s = rng.uniform(0.85, 1.15)
    dx, dy = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01)
    for cx, cy, rx, ry in p["ell"]:
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1
    if p.get("isthmus") and rng.random() < 0.5:  # the thyroid with its isthmus: one piece across the midline
        m |= (np.abs(xx - 0.5 - dx) < 0.12) & (np.abs(yy - 0.40 - dy) < 0.015)
    return compute_facts(m, p["o"], others=dict(p["others"])).model_dump(mode="json")


UNITS = "zero one two three four five six seven eight nine".split()
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def num(x: float, words: bool, dec: int = 1) -> str:
    if not words:
        return f"{x:.{dec}f}"
    whole, frac = f"{x:.{dec}f}".split(".") if dec else (f"{x:.0f}", "")
    out = " ".join(UNITS[int(d)] for d in whole) if int(whole) >= 10 else UNITS[int(whole)]
    return out + ((" point " + " ".join(UNITS[int(d)] for d in frac)) if frac else "")


def side_s(side: str, rng: random.Random) -> str:
    return rng.choice({
        "left": ["It lies on the patient's left.", "The structure is on the left side of the patient.",
                 "It sits to the patient's left of the midline.", "Side: left."],
        "right": ["It lies on the patient's right.", "The structure is on the right side of the patient.",
                  "It sits to the patient's right of the midline.", "Side: right."],
        "midline": ["It sits in the midline.", "It is central, straddling the midline.",
                    "It is a midline structure, not off to one side.", "Side: midline."],
        "bilateral": ["It is present on both sides, left and right.", "It is bilateral, with a part on each side.",
                      "It appears on both the right and the left side.", "Side: bilateral."]}[side])


def wrong_side_s(side: str, rng: random.Random) -> str:
    w = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"])}.get(side)
    if w is None:  # bilateral called one-sided
        w = rng.choice(["left", "right"])
        return rng.choice([f"It is confined to the {w} side only.", f"It is purely {w}-sided."])
    return rng.choice([f"It lies on the patient's {w}.", f"It sits on the {w} side of the patient.", f"Side: {w}."])


def neg_s(side: str) -> str:
    return {"left": "It is not on the right.", "right": "It is not on the left.",
            "midline": "It is neither left- nor right-sided.", "bilateral": "It is not limited to one side."}[side]


def conv_s(o: str, rng: random.Random) -> str:
    plane = "axial" if o == "LP" else "coronal"
    return rng.choice([f"On this {plane} image, by radiological convention, the patient's left is shown on the viewer's right.",
                       "Remember that the image is displayed as if facing the patient, so image right is patient left.",
                       f"The {plane} slice follows the usual radiological display: patient right appears on the image left."])


def vert_s(v: str, o: str, rng: random.Random) -> str:
    if v == "central":
        return rng.choice(["Front to back it sits roughly midway in the slice." if o == "LP" else
                           "From head to foot it sits near the middle of the image.",
                           "Its position along the other axis is roughly central."])
    return rng.choice([f"It lies in the {v} part of the slice.", f"Its position is {v}.",
                       f"It sits {v}ly in this section.", f"It is located toward the {v} aspect of the image."])


def rel_s(r: dict, rng: random.Random, flip: bool = False) -> str:
    kind = FLIP[r["relation"]] if flip else r["relation"]
    return rng.choice([f"It lies {rng.choice(REL[kind])} the {r['other']}.",
                       f"The mask sits {rng.choice(REL[kind])} the {r['other']}.",
                       f"Relative to the {r['other']}, it sits {rng.choice(REL[kind])} it."])


def size_s(f: dict, words: bool, rng: random.Random) -> str:
    c, pct = f["size_class"], num(f["area_fraction"] * 100, words)
    adj = {"small": "small", "medium": "medium-sized", "large": "large"}[c]
    return rng.choice([f"It is {adj}, about {pct} percent of the image.", f"Size: {adj} (roughly {pct}{' percent' if words else '%'} of the slice area).",
                       f"A {adj} structure, covering around {pct} percent of the image.",
                       f"It occupies about {pct} percent of the image, so it counts as {adj}."])


def wrong_size_s(f: dict, words: bool, rng: random.Random) -> str:
    if f["size_class"] == "large":
        return rng.choice([f"It is tiny, well under {num(0.5, words)} percent of the image.", "It is a very small structure."])
    big = num(rng.choice([25, 30, 40]), words, 0)
    return rng.choice([f"It is large, taking up about {big} percent of the image.", f"A large structure, around {big}% of the slice."])


def count_s(n: int, words: bool, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["It is a single connected region.", "One contiguous piece, with no second focus.",
                           "There is only one component.", "It forms one continuous region."])
    k = UNITS[n] if words or n < 10 else str(n)
    return rng.choice([f"It consists of {k} separate parts.", f"There are {k} distinct components.",
                       f"The mask is made of {k} disconnected regions."])


def wrong_count_s(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["It is split into two separate pieces.", "There are two disconnected components."])
    return rng.choice(["It is a single connected piece.", "It forms one continuous region, not several."])


def user_wrong(f: dict, kind: str, rng: random.Random) -> str:
    """A follow-up question that asserts one false fact."""
    s = f["laterality"]
    if kind == "laterality":
        if s == "bilateral":
            return f"Why is it only on the {rng.choice(['left', 'right'])} side in this image?"
        w = {"left": "right", "right": "left"}.get(s, rng.choice(["left", "right"]))
        return rng.choice([f"Why is it on the patient's {w} here?", f"Is it normal for it to sit on the {w} side like this?"])
    if kind == "position":
        if f["vertical"] != "central":
            return f"Why does it sit so far {VFLIP[f['vertical']]} in this slice?"
        r = f["relations"][0]
        return f"Why does it lie {REL[FLIP[r['relation']]][0]} the {r['other']} here?"
    if kind == "size":
        return ("Why is it so tiny here, well under half a percent of the image?" if f["size_class"] == "large"
                else "Why is it so large here, about a third of the image?")
    return ("Why is it split into two separate pieces?" if f["components"] == 1
            else "Why is it one single connected piece?")


SIDEWORD = {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
            "bilateral": "on both sides"}
NEUTRAL = ["Anatomy varies between people; the outline simply follows what the scan shows.",
           "That depends on the patient and the slice level; the mask traces the boundary as seen.",
           "Normal variation and the exact cut through the body explain most of that."]


def fact_sentences(f: dict, p: dict, words: bool, rng: random.Random) -> dict:
    rels = f["relations"]
    return {"side": side_s(f["laterality"], rng), "neg": neg_s(f["laterality"]), "conv": conv_s(p["o"], rng),
            "vert": vert_s(f["vertical"], p["o"], rng), "rel": rel_s(rng.choice(rels), rng) if rels else "",
            "size": size_s(f, words, rng), "count": count_s(f["components"], words, rng), "kb": rng.choice(p["kb"])}


def wrong_sentence(f: dict, kind: str, words: bool, rng: random.Random) -> tuple[str, str]:
    """(slot, false sentence) for one defect kind."""
    if kind == "laterality":
        return "side", wrong_side_s(f["laterality"], rng)
    if kind == "position":
        if f["vertical"] != "central" and (not f["relations"] or rng.random() < 0.5):
            return "vert", vert_s(VFLIP[f["vertical"]], "", rng)
        return "rel", rel_s(rng.choice(f["relations"]), rng, flip=True)
    if kind == "size":
        return "size", wrong_size_s(f, words, rng)
    return "count", wrong_count_s(f["components"], rng)


def first_question(p: dict, style: str, rng: random.Random, named: bool) -> str:
    what = f"the {rng.choice(p['give'])}, " if named else ""
    h = p["hint"]
    plane = "axial" if p["o"] == "LP" else "coronal"
    frames = {
        "report": [f"Could you segment {what}{h} on this {plane} {p['mod']} image and report it?",
                   f"Could you outline {what}{h} and give findings?", f"Report request: where is {what}{h} on this slice?",
                   f"Can you mark {what}{h} on this {plane} scan for the report?"],
        "chat": [f"Hey! Can you show me {what}{h}? 🙂", f"Hi there, where is {what}{h} on my scan?",
                 f"Could you highlight {what}{h} for me please?", f"Quick one: can you find {what}{h} in this picture?"],
        "exam": [f"Examiner: On this {plane} {p['mod']} slice, identify and segment {what}{h}. What is it?",
                 f"Examiner: Show me {what}{h}. Where does it lie?", f"Examiner: Can you point out {what}{h}?",
                 f"Examiner: Find {what}{h} on this image, please. Where is it?"],
        "words": [f"Could you segment {what}{h} and spell out any numbers in words?",
                  f"Can you find {what}{h}, writing the figures as words, not digits?",
                  f"Where is {what}{h} on this image? Numbers in words, please.",
                  f"Can you outline {what}{h} and describe it, with numbers spelled out?"]}
    return rng.choice(frames[style])


FOLLOW = {"side": ["Which side is it on, please?", "Left or right, then?", "And which side of the patient is that?",
                   "Is it on the patient's left or right?"],
          "vert": ["Where does it sit in the slice?", "Is it toward the front or the back?" , "Where exactly along the other axis?"],
          "rel": ["How does it relate to nearby structures?", "What is next to it?", "Where is it relative to its neighbours?"],
          "size": ["How big is it?", "What about its size?", "Is it large or small?", "Roughly how much of the image is it?"],
          "count": ["Is it one piece?", "How many separate parts are there?", "Is there more than one region?"],
          "conv": ["Why is that so?", "How do I read left and right on this image?", "Why does it look flipped?"],
          "kb": ["Anything else worth knowing?", "What else is nearby that I should know about?", "Tell me one more fact."]}


WORDS = {"90%": "ninety percent", "500 mL": "five hundred millilitres", "about 1%": "about one percent",
         "16 to 20": "sixteen to twenty", "55 to 70": "fifty-five to seventy", "1.5 million": "one and a half million",
         "10%": "ten percent", "up to half": "up to half"}


def wrap(style: str, body: list[str], p: dict, first: bool, rng: random.Random) -> str:
    """A turn of the assistant in the style's register."""
    text = " ".join(s for s in body if s)
    if style == "report":
        if first:
            imp = rng.choice(["Impression: segmentation as described.", "Impression: structure identified and outlined.",
                              "Impression: no other target segmented."])
            return f"Findings: {p['name'].capitalize()} is outlined [SEG]. {text}\n{imp}"
        return rng.choice(["Addendum: ", "Further findings: ", "Additional note: ", "Clarification: "]) + text
    if style == "chat":
        if first:
            return rng.choice([f"Sure thing! 😊 Here's {p['name']}: [SEG]. {text} Hope that helps! 👍",
                               f"Of course! 🎉 I've highlighted {p['name']} [SEG]. {text}",
                               f"Here you go 👉 [SEG] that's {p['name']}! {text} ✨",
                               f"Happy to help! 🙌 {p['name'].capitalize()} is marked here [SEG]. {text}"])
        return rng.choice(["Great question! 🤓 ", "Sure! 😊 ", "Good one! 👀 ", "Absolutely 👍 "]) + text
    if style == "exam":
        if first:
            return rng.choice([f"Candidate: This is {p['name']} [SEG]. {text}",
                               f"Candidate: I'd identify it as {p['name']}, segmented here [SEG]. {text}",
                               f"Candidate: That is {p['name']} [SEG]. {text}"])
        return "Candidate: " + text
    if first:
        text = rng.choice([f"Here is {p['name']} [SEG]. {text}", f"I have outlined {p['name']} [SEG]. {text}",
                           f"The mask [SEG] shows {p['name']}. {text}"])
    else:
        text = rng.choice(["Sure. ", "To answer that: ", "Well, ", "In short: "]) + text
    for digits, spelled in WORDS.items():
        text = text.replace(digits, spelled)
    return text


def build(p: dict, f: dict, style: str, rng: random.Random, defect: str | None):
    words = style == "words"
    rounds = rng.choice([1, 2, 2, 3])
    if defect in ("laterality", "position", "size", "count") and rounds == 1 and rng.random() < 0.3:
        rounds = 2
    where = None  # where the false claim goes: "first", "follow" or "user"
    if defect and defect != "names_target":
        where = "first" if rounds == 1 else rng.choice(["first", "follow", "follow", "user", "first"])
    s = fact_sentences(f, p, words, rng)
    wrong = wrong_sentence(f, defect, words, rng) if where in ("first", "follow") else None
    order = ["side", "neg", "vert", "rel", "size", "count", "conv", "kb"]
    main = rng.sample(["side", "vert", "rel", "size", "count"], rng.randint(2, 4))
    if rng.random() < 0.5:
        main += rng.sample(["neg", "conv", "kb"], rng.randint(1, 2))
    rest = [k for k in ["side", "vert", "rel", "size", "count", "conv", "kb"] if k not in main]
    exam_fix = style == "exam" and "side" not in main and defect != "laterality" and rng.random() < 0.5  # the examiner supplies the side
    if wrong and where == "first":
        main = [k for k in main if k != wrong[0]] + [wrong[0]]
    if wrong and where == "follow" and wrong[0] in main:
        main.remove(wrong[0])
    main.sort(key=order.index)
    body = [wrong[1] if wrong and where == "first" and k == wrong[0] else s[k] for k in main]
    if exam_fix:
        body.append("I'm not fully certain of the side.")
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": wrap(style, body, p, True, rng)}]
    topics = [wrong[0]] if wrong and where == "follow" else []
    topics += [k for k in rng.sample(rest, len(rest)) if k not in topics]
    user_at = rng.randint(1, rounds - 1) if where == "user" else None
    for r in range(1, rounds):
        k = topics[(r - 1) % len(topics)] if topics else "kb"
        if k == "rel" and not f["relations"]:
            k = "kb"
        q = rng.choice(FOLLOW[k])
        if style == "exam":
            lead = ("Examiner: Look again: it is " + SIDEWORD[f["laterality"]] + ". " if exam_fix and r == 1 else
                    rng.choice(["Examiner: Correct. ", "Examiner: Good. ", "Examiner: Yes, that's right. "]))
            q = lead + q
        if r == user_at:
            q = (q.split(". ", 1)[0] + ". " if style == "exam" else "") + user_wrong(f, defect, rng)
            ans = rng.choice(NEUTRAL) + " " + s["kb"]
        elif wrong and where == "follow" and k == wrong[0]:
            ans = wrong[1]
        else:
            ans = s[k] if k != "conv" else s["conv"] + " " + s["neg"]
            if rng.random() < 0.4 and k != "kb":
                ans += " " + rng.choice(p["kb"])
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": wrap(style, [ans], p, False, rng)}]
    return turns, ([defect] if defect else [])
