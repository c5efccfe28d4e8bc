"""Bank AV: abdomen and pelvis on CT and MR, axial ("LP") and coronal ("LI"), in the four registers an
independent reviewer names (terse radiologist, tutor, chatty markdown, numbers as words).

Written blind by helper `qcav`: no QC rule, QC test, other bank or corpus row was opened. Eighteen
targets: paired organs as two-region bilateral masks (kidneys, adrenal glands, ovaries) and one-sided
ones (left kidney, right adrenal gland, left common iliac artery, right iliopsoas), midline structures
(aorta, pancreas, urinary bladder, prostate, uterus), a three-region liver lesion, and two labels the
knowledge base does not know (ovary, uterus). Facts are the product's own measurement
(`medseg_qa.facts.compute_facts`) of a synthetic mask drawn inside a synthetic body outline; the prose is
written from those facts. Each register varies its frames the way different chat models phrase things
(passive voice, relative clauses, appositions, parentheticals, adverbial openers, rhetorical questions,
hedges, comparisons with neighbours, textbook mentions).

Traps in clean conversations (all true): negations of the other side and of a second region, the
radiological display convention (axial and coronal), sentences about neighbours with their own sides and
positions, textbook population numbers (lengths, weights, volumes, per cent of patients), hedges and
rhetorical questions, comparisons with neighbours, follow-up questions of every length. Defects: one
plainly false claim (side, absolute position or relation, size class or area per cent, region count, or a
first question that names the target); about a fifth of the side/position/size/count defects sit in a
user question and about a quarter only in a follow-up answer.

Not measured by its writer: the lead measures it once after merging (the writer ran only its own
sanity checks: rows load into the models, turn lengths, one [SEG], no digits in the numbers-as-words
register, clean prose agrees with the facts).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["terse", "tutor", "markdown", "words"]
SEG = "[SEG]"
N = 256
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + words(n % 100))


# parts: (u, v, rx, ry): centre offset from the body centre in body widths (+ toward the patient's left)
# and body heights (+ toward posterior for LP, inferior for LI), radii in pixels.
# others: neighbours at (u, v) in the same units, from which compute_facts derives the relations.
PROFILES = [
    dict(target="kidney", the="the kidneys", orient="LP", mod="CT", region="abdomen",
           parts=[(0.2, 0.2, 14, 18), (-0.2, 0.22, 14, 18)],
           others={"pancreas": (0.0, -0.08), "vertebral body": (0.0, 0.23)},
           desc=["the paired bean-shaped organs that filter the blood and make urine",
                 "the organs whose failure sends a patient to dialysis"],
           give=["both kidneys", "the renal parenchyma", "the nephric tissue"],
           kb=["The right one usually sits a little lower than the left because the liver sits above it.",
               "The aorta runs between them, just in front of the spine."],
           book="an adult kidney is typically {a} to {b} centimetres long", nums=(10, 12)),
    dict(target="left kidney", the="the left kidney", orient="LP", mod="CT", region="abdomen",
           parts=[(0.22, 0.2, 15, 19)], others={"aorta": (0.0, 0.12), "stomach": (0.18, -0.2)},
           desc=["the organ on one side of the spine that filters blood into urine, the one near the spleen",
                 "the bean-shaped filter on the side opposite the liver"],
           give=["the left kidney", "the left renal outline", "the kidney on the left"],
           kb=["The right kidney, by contrast, lies under the liver on the other side.",
               "The left renal vein crosses in front of the aorta."],
           book="an adult kidney weighs roughly {a} to {b} grams", nums=(120, 170)),
    dict(target="right adrenal gland", the="the right adrenal gland", orient="LP", mod="CT", region="abdomen",
           parts=[(-0.14, 0.14, 5, 8)], others={"inferior vena cava": (-0.06, -0.04), "aorta": (0.02, 0.12)},
           desc=["the small hormone gland perched on top of the kidney that sits under the liver",
                 "the little gland that makes cortisol and epinephrine, the one tucked behind the vena cava"],
           give=["the right adrenal", "the right suprarenal gland", "the adrenal on the right"],
           kb=["Its counterpart on the other side is more crescent-shaped and lies beside the aorta.",
               "The liver, the largest solid organ, covers it from in front and to the side."],
           book="each gland weighs only about {a} to {b} grams", nums=(4, 6)),
    dict(target="adrenal gland", the="the adrenal glands", orient="LP", mod="CT", region="abdomen",
           parts=[(0.13, 0.12, 5, 8), (-0.14, 0.14, 5, 8)], others={"pancreas": (0.0, -0.1)},
           desc=["the pair of small glands capping the kidneys that release stress hormones",
                 "the two tiny endocrine glands whose tumours can cause episodes of very high blood pressure"],
           give=["the adrenals", "both suprarenal glands", "the adrenal glands"],
           kb=["The kidneys below them are many times larger.",
               "The spleen lies well to the left and further out than either of them."],
           book="each limb of the gland is normally under {a} millimetres thick", nums=(10, 10)),
    dict(target="pancreas", the="the pancreas", orient="LP", mod="CT", region="abdomen",
           parts=[(0.02, -0.13, 40, 10)], others={"aorta": (0.02, 0.12), "stomach": (0.15, -0.35)},
           desc=["the gland behind the stomach that makes insulin and digestive enzymes",
                 "the organ that becomes inflamed after gallstones or heavy drinking and raises the lipase"],
           give=["the pancreas", "the pancreatic gland", "the pancreatic head, body and tail"],
           kb=["The spleen sits out on the left, near where its tail points.",
               "The duodenum curves around its head on the right."],
           book="an adult gland is about {a} to {b} centimetres long", nums=(12, 15)),
    dict(target="aorta", the="the abdominal aorta", orient="LP", mod="CT", region="abdomen",
           parts=[(0.01, 0.16, 9, 9)], others={"vertebral body": (0.0, 0.36), "pancreas": (0.02, -0.1)},
           desc=["the main artery carrying blood from the heart down through the abdomen",
                 "the large vessel that balloons out in an aneurysm and is screened for in older men"],
           give=["the aorta", "the aortic lumen", "the infrarenal aorta"],
           kb=["The inferior vena cava runs beside it on the right.",
               "The left renal vein usually passes in front of it."],
           book="its normal calibre in the abdomen is below about {a} to {b} millimetres", nums=(20, 25)),
    dict(target="urinary bladder", the="the urinary bladder", orient="LP", mod="CT", region="pelvis",
           parts=[(0.0, -0.15, 28, 22)], others={"sacrum": (0.0, 0.35), "left femur": (0.36, 0.05)},
           desc=["the hollow pelvic reservoir that stores what the kidneys produce until it is voided",
                 "the muscular sac behind the pubic bone that a catheter drains"],
           give=["the bladder", "the vesical lumen", "the urinary bladder"],
           kb=["The femoral heads sit on either side, well away from the midline.",
               "The rectum lies behind it, in front of the sacrum."],
           book="a normal adult capacity is roughly {a} to {b} millilitres", nums=(400, 600)),
    dict(target="prostate", the="the prostate", orient="LP", mod="MR", region="pelvis",
           parts=[(0.0, 0.02, 12, 10)], others={"rectum": (0.0, 0.25), "pubic symphysis": (0.0, -0.3)},
           desc=["the walnut-sized gland below the bladder in men that adds fluid to semen",
                 "the gland that enlarges with age and makes older men get up at night to pass water"],
           give=["the prostate", "the prostatic gland", "the prostatic zones"],
           kb=["The obturator internus muscles line the pelvic side walls to its left and right.",
               "The seminal vesicles sit above and behind it."],
           book="a normal gland measures about {a} millilitres, though it grows past {b} in many older men",
                nums=(25, 40)),
    dict(target="liver lesion", the="the liver lesions", orient="LP", mod="CT", region="abdomen",
           parts=[(-0.25, -0.2, 7, 7), (-0.32, -0.08, 5, 5), (-0.18, -0.12, 6, 5)],
           others={"spleen": (0.3, 0.05), "aorta": (0.01, 0.15)},
           desc=["the abnormal low-density spots scattered through the big organ that makes bile",
                 "the deposits a colorectal cancer tends to seed into the organ that detoxifies the blood"],
           give=["the liver lesions", "the hepatic metastases", "the hepatic lesions"],
           kb=["The spleen, on the opposite side, shows nothing similar.",
               "The gallbladder hangs from the underside of the organ, nearer the middle."],
           book="metastases are found in about {a} to {b} per cent of patients with colorectal cancer at diagnosis",
                nums=(15, 25)),
    dict(target="left common iliac artery", the="the left common iliac artery", orient="LP", mod="CT",
           region="pelvis", parts=[(0.13, 0.12, 6, 6)],
           others={"right common iliac artery": (-0.12, 0.12), "fifth lumbar vertebra": (0.0, 0.32)},
           desc=["one of the two vessels the main abdominal artery divides into, the one heading to the left leg",
                 "the branch of the aortic bifurcation that a vascular surgeon stents for claudication in the left leg"],
           give=["the left common iliac", "the left iliac artery", "the left CIA"],
           kb=["Its twin on the right runs a mirror-image course.",
               "The veins run behind and slightly to the right of the arteries at this level."],
           book="its normal diameter is around {a} to {b} millimetres", nums=(8, 10)),
    dict(target="ovary", the="the ovaries", orient="LP", mod="MR", region="pelvis",
           parts=[(0.22, 0.0, 9, 6), (-0.21, 0.01, 9, 6)],
           others={"rectum": (0.0, 0.3), "urinary bladder": (0.0, -0.3)},
           desc=["the almond-shaped glands on either side of the womb that release an egg each month",
                 "the paired female gonads that hold the follicles"],
           give=["the ovaries", "both ovarian outlines", "the adnexal ovaries"],
           kb=["The uterus lies between them in the middle of the pelvis.",
               "The bladder sits in front of them, low in the pelvis."],
           book="each one is roughly {a} by {b} centimetres in a woman of reproductive age", nums=(3, 2)),
    dict(target="uterus", the="the uterus", orient="LP", mod="MR", region="pelvis",
           parts=[(0.01, -0.02, 30, 22)], others={"rectum": (0.0, 0.3), "urinary bladder": (0.0, -0.32)},
           desc=["the hollow muscular organ in which a pregnancy develops",
                 "the organ where fibroids grow and from which a period is shed"],
           give=["the uterus", "the uterine body", "the womb"],
           kb=["The ovaries hang off to each side of it.",
               "The rectum lies behind it and the bladder in front."],
           book="a non-pregnant one is about {a} centimetres long and {b} wide", nums=(8, 5)),
    dict(target="spleen", the="the spleen", orient="LP", mod="MR", region="abdomen",
           parts=[(0.3, 0.1, 22, 28)], others={"liver": (-0.25, -0.05), "stomach": (0.15, -0.18)},
           desc=["the fist-sized organ under the lower ribs that filters old red cells and can rupture in trauma",
                 "the organ that enlarges in glandular fever and sits under the diaphragm away from the liver"],
           give=["the spleen", "the splenic parenchyma", "the splenic tissue"],
           kb=["The liver, much larger, occupies the opposite upper quadrant.",
               "The stomach sits in front of it and toward the middle."],
           book="a normal adult one is under about {a} centimetres in length and weighs near {b} grams",
                nums=(12, 150)),
    dict(target="gallbladder", the="the gallbladder", orient="LP", mod="CT", region="abdomen",
           parts=[(-0.2, -0.16, 9, 12)], others={"stomach": (0.15, -0.22), "inferior vena cava": (-0.06, 0.1)},
           desc=["the pear-shaped sac under the liver that stores and concentrates bile",
                 "the small pouch that fills with stones and is removed laparoscopically"],
           give=["the gallbladder", "the gall bladder", "the cholecystic lumen"],
           kb=["The pancreas lies deeper and closer to the midline.",
               "The stomach is on the other side of the upper abdomen."],
           book="its wall is normally under {a} millimetres and it holds about {b} millilitres", nums=(3, 50)),
    dict(target="kidney", the="the kidneys", orient="LI", mod="MR", region="abdomen",
           parts=[(0.25, -0.15, 14, 22), (-0.25, -0.12, 14, 22)],
           others={"urinary bladder": (0.0, 0.35), "diaphragm": (0.0, -0.4)},
           desc=["the paired organs that filter blood and make urine, seen from the front",
                 "the organs that an obstructing stone in the ureter backs urine up into, on this frontal slab"],
           give=["the kidneys", "both renal outlines", "the renal cortex"],
           kb=["The liver sits above the right one, which pushes it slightly lower.",
               "The bladder lies far below, in the pelvis."],
           book="each one spans about the height of {a} to {b} vertebral bodies", nums=(3, 4)),
    dict(target="liver", the="the liver", orient="LI", mod="CT", region="abdomen",
           parts=[(-0.2, -0.22, 50, 45)], others={"spleen": (0.3, -0.2), "urinary bladder": (0.0, 0.35)},
           desc=["the large organ that makes bile, stores glycogen and clears drugs from the blood",
                 "the organ that an overdose of paracetamol damages, on this frontal reformat"],
           give=["the liver", "the hepatic parenchyma", "the hepatic silhouette"],
           kb=["The spleen, far smaller, lies high on the opposite side.",
               "The stomach sits under the left hemidiaphragm."],
           book="an adult one weighs between {a} and {b} kilograms", nums=(1, 2)),
    dict(target="urinary bladder", the="the urinary bladder", orient="LI", mod="MR", region="pelvis",
           parts=[(0.0, 0.33, 25, 18)], others={"left kidney": (0.25, -0.1), "right kidney": (-0.25, -0.08)},
           desc=["the reservoir low in the pelvis that fills from the ureters, seen on a frontal slice",
                 "the hollow organ that a suprapubic catheter drains"],
           give=["the bladder", "the urinary bladder", "the vesical dome"],
           kb=["The kidneys sit much higher, one on each side of the spine.",
               "The iliac bones flare out on both sides of the pelvis."],
           book="it typically holds {a} to {b} millilitres before the urge to void", nums=(300, 500)),
    dict(target="right iliopsoas", the="the right iliopsoas", orient="LI", mod="CT", region="pelvis",
           parts=[(-0.15, 0.15, 12, 45)],
           others={"left iliopsoas": (0.15, 0.15), "right kidney": (-0.25, -0.1)},
           desc=["the long hip-flexor muscle running down beside the lumbar spine on the side of the liver",
                 "the muscle a retroperitoneal abscess spreads along, making a patient hold the right hip flexed"],
           give=["the right psoas", "the right iliopsoas", "the right psoas muscle"],
           kb=["Its partner on the left mirrors it across the spine.",
               "The kidneys lie above and lateral to the upper part of these muscles."],
           book="the muscle runs from the last thoracic vertebra down to the lesser trochanter", nums=None),
]

_BODY = {"LP": (110, 80), "LI": (85, 115)}  # body semi-axes (pixels) of the synthetic slice


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the body and the mask, measure them with the product's own `compute_facts`."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    a, b = _BODY[p["orient"]]
    bx, by = N / 2 + rng.uniform(-6, 6), N / 2 + rng.uniform(-6, 6)
    yy, xx = np.mgrid[0:N, 0:N]
    body = ((xx - bx) / a) ** 2 + ((yy - by) / b) ** 2 <= 1.0
    mask = np.zeros((N, N), bool)
    for u, v, rx, ry in p["parts"]:
        s = rng.uniform(0.9, 1.1)
        cx, cy = bx + (u + rng.uniform(-0.01, 0.01)) * 2 * a, by + (v + rng.uniform(-0.01, 0.01)) * 2 * b
        mask |= ((xx - cx) / (rx * s)) ** 2 + ((yy - cy) / (ry * s)) ** 2 <= 1.0
    outline = body_outline(body.astype(float), 0.5, inside=mask)
    frame = patient_frame((N, N), p["orient"], body=outline)
    others = {k: ((bx + u * 2 * a) / (N - 1), (by + v * 2 * b) / (N - 1)) for k, (u, v) in p["others"].items()}
    return compute_facts(mask, p["orient"], others=others, frame=frame).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


# --- true or false sentences from a value ---------------------------------------------------------

def pct(frac: float, style: str) -> str:
    x = frac * 100
    if style == "words":
        t = round(x, 1)
        whole, dec = int(t), int(round((t - int(t)) * 10))
        return f"{words(whole)} point {words(dec)} per cent" if dec else f"{words(whole)} per cent"
    return f"{x:.1f}%" if x >= 1 else f"{x:.2f}%"


def count_txt(n: int, style: str) -> str:
    return words(n) if style == "words" else str(n)


def side_sentence(side: str, style: str, rng: random.Random) -> str:
    word = {"left": "the patient's left", "right": "the patient's right"}
    if side in word:
        frames = {
            "terse": ["{S}-sided.", "Laterality: {s}.", "Lies on {w}.", "Located to the {s} of midline.",
                      "Side ({s}) confirmed."],
            "tutor": ["Notice that the highlighted region is found on {w}.",
                      "If you trace it, you will see it sits on {w}, away from the midline.",
                      "It lies, as you can see, on {w}.",
                      "Which side is it on? It is on {w}, which is worth checking on every scan.",
                      "Anatomically speaking, the mask is positioned on {w}."],
            "markdown": ["- **Side:** {w}", "- **Laterality:** {s}-sided (on {w})",
                         "- It is located on **{w}**", "- **Side** - the mask is placed on {w}"],
            "words": ["It is situated on {w}.", "The region lies off the midline, on {w}.",
                      "On {w} is where the mask is found.",
                      "Clearly, the structure, which was outlined in full, sits on {w}."],
        }[style]
        return rng.choice(frames).format(S=side.capitalize(), s=side, w=word[side])
    if side == "bilateral":
        frames = {"terse": ["Bilateral.", "Laterality: bilateral, one focus each side."],
                  "tutor": ["Notice that it is bilateral: there is a part on each side of the midline.",
                            "You will see it on both sides of the body, which makes it bilateral."],
                  "markdown": ["- **Side:** bilateral (one region left, one right)", "- Found on **both sides**"],
                  "words": ["It is bilateral, with a region on each side of the body.",
                            "Both the left and the right side hold a part of it."]}[style]
    else:  # midline
        frames = {"terse": ["Midline.", "Laterality: midline."],
                  "tutor": ["It sits right in the midline, straddling the centre of the body.",
                            "Notice that it lies in the midline rather than off to one side."],
                  "markdown": ["- **Side:** midline", "- Sits **in the midline**"],
                  "words": ["It lies in the midline of the body.", "The mask straddles the midline."]}[style]
    return rng.choice(frames)


_VWORD = {"anterior": ["anteriorly", "toward the front of the body", "in the ventral half of the slice"],
          "posterior": ["posteriorly", "toward the back of the body", "in the dorsal half of the slice"],
          "superior": ["superiorly", "toward the head", "in the upper part of the field, toward the head"],
          "inferior": ["inferiorly", "toward the feet", "in the lower part of the field, toward the feet"]}


def vertical_sentence(v: str, orient: str, style: str, rng: random.Random) -> str:
    if v == "central":
        w = ("roughly midway between front and back" if orient == "LP"
             else "at about mid-height between head and feet")
    else:
        w = rng.choice(_VWORD[v])
    frames = {"terse": ["Position: {w}.", "Centroid lies {w}.", "Sits {w}.", "Mask is located {w}."],
              "tutor": ["Its centre of mass is placed {w}.", "Looking along the " + ("depth" if orient == "LP" else "height") + ", it lies {w}.",
                        "Where is it placed? Mostly {w}."],
              "markdown": ["- **Position:** {w}", "- Centre lies **{w}**",
                           "- **Position:** the bulk of the mask is found {w}"],
              "words": ["Its centre lies {w}.", "It is positioned {w}.",
                        "Seen on this slice, its centre of mass is placed {w}."]}[style]
    return rng.choice(frames).format(w=w)


REL = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
       "anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
REL_ALT = {"anterior_to": "anterior to", "posterior_to": "posterior to", "superior_to": "superior to",
           "inferior_to": "inferior to", "left_of": "on the patient's left of", "right_of": "on the patient's right of"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def relation_sentence(other: str, rel: str, style: str, rng: random.Random) -> str:
    r = rng.choice([REL[rel], REL_ALT[rel]])
    frames = {"terse": ["Lies {r} the {o}.", "Relation: {r} the {o}.", "Located {r} the {o}."],
              "tutor": ["Compared with its neighbour, the {o}, it lies {r} it.",
                        "A useful landmark: it sits {r} the {o}.",
                        "It is found {r} the {o}, which helps you orient yourself.",
                        "If you find the {o} first, you will see that the mask is placed {r} it."],
              "markdown": ["- **Relation:** {r} the {o}", "- Lies **{r}** the {o}",
                           "- **Neighbour:** the {o} (the mask is {r} it)"],
              "words": ["It lies {r} the {o}.", "Relative to the {o}, it is placed {r} it.",
                        "The {o}, a handy landmark, has the mask {r} it."]}[style]
    return rng.choice(frames).format(r=r, o=other)


def size_sentence(cls: str, frac: float | None, style: str, rng: random.Random) -> str:
    adj = {"small": ["small", "small"], "medium": ["medium-sized", "intermediate"],
           "large": ["large", "large"]}[cls]
    a = rng.choice(adj)
    if frac is None:
        frames = {"terse": ["Size: {a}.", "{A} region."], "tutor": ["In terms of size, it is {a}.",
                                                                   "It is {a}, as you can judge by eye."],
                  "markdown": ["- **Size:** {a}"], "words": ["In size, it is {a}.", "By size, the region is {a}."]}[style]
    else:
        frames = {"terse": ["Size: {a}, about {p} of the image.", "{A}, ~{p} of the image area."],
                  "tutor": ["It is {a}: it covers about {p} of the image.",
                            "Size-wise it is {a}, occupying roughly {p} of the picture.",
                            "How big is it? It is {a} (roughly {p} of the image), which you can estimate by eye."],
                  "markdown": ["- **Size:** {a} (about {p} of the image)",
                               "- **Area:** roughly {p} of the image, i.e. {a}"],
                  "words": ["It is {a}, covering about {p} of the image.",
                            "Covering roughly {p} of the image, it is {a}."]}[style]
    return rng.choice(frames).format(a=a, A=a.capitalize(), p="" if frac is None else pct(frac, style))


def pct_sentence(frac: float, style: str, rng: random.Random) -> str:
    frames = {"terse": ["Area ~{p} of image.", "Covers {p} of the image."],
              "tutor": ["It takes up about {p} of the whole image."],
              "markdown": ["- **Area:** about {p} of the image"],
              "words": ["It fills about {p} of the image."]}[style]
    return rng.choice(frames).format(p=pct(frac, style))


def count_sentence(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        frames = {"terse": ["Single contiguous region.", "One component."],
                  "tutor": ["It forms one continuous piece.", "It is a single connected region.",
                            "Is it in pieces? No, it is one connected region."],
                  "markdown": ["- **Regions:** one connected component", "- A **single** region"],
                  "words": ["It is a single connected region.", "It forms one piece."]}[style]
    else:
        frames = {"terse": ["{n} separate components.", "Components: {n}, non-contiguous."],
                  "tutor": ["It is split into {n} separate regions.", "You can count {n} distinct pieces.",
                            "Count the islands of the mask and you will find {n} separate regions."],
                  "markdown": ["- **Regions:** {n} separate components", "- Made of **{n} distinct parts**"],
                  "words": ["It consists of {n} separate regions.", "There are {n} distinct pieces."]}[style]
    return rng.choice(frames).format(n=count_txt(n, style))


# --- traps: true sentences a checker may misread ---------------------------------------------------

def convention(orient: str, style: str, rng: random.Random) -> str:
    if orient == "LP":
        frames = {"terse": "Radiological convention: patient's left displayed on viewer's right.",
                  "tutor": "Remember the radiological convention: we look up from the patient's feet, so the "
                           "patient's left appears on the right of the screen.",
                  "markdown": "> **Note:** this axial image follows the radiological convention, so the patient's "
                              "left is shown on the viewer's right.",
                  "words": "As is usual for axial images, the patient's left is displayed on the viewer's right."}
    else:
        frames = {"terse": "Coronal display: head at top, patient's left on viewer's right.",
                  "tutor": "On a coronal image like this one, the head is at the top and, just as on axial "
                           "slices, the patient's left is shown on your right.",
                  "markdown": "> **Note:** in this coronal view the head is at the top and the patient's left "
                              "appears on the viewer's right.",
                  "words": "In this coronal view the head is at the top, and the patient's left is on the "
                           "viewer's right."}
    return frames[style]


def side_negation(lat: str, rng: random.Random) -> str:
    return rng.choice({"left": ["It is not on the patient's right.", "Nothing of it lies on the right side."],
                       "right": ["It is not on the patient's left.", "None of it lies on the left side."],
                       "bilateral": ["It is not confined to one side.", "It is not a one-sided finding."],
                       "midline": ["It is not off to the left or the right.",
                                   "It does not favour either side."]}[lat])


def count_negation(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["There is no second focus.", "No separate satellite region is seen.",
                           "It is not broken into pieces."])
    return rng.choice(["It is not one single blob.", "The parts are not joined to each other."])


def book_sentence(p: dict, style: str, rng: random.Random) -> str:
    a, b = p["nums"] or (0, 0)
    fmt = (lambda n: words(n)) if style == "words" else str
    fact = p["book"].format(a=fmt(a), b=fmt(b))
    return rng.choice(["Anatomy textbooks such as Gray's note that {f}.", "For context, {f}.",
                       "Standard references say that {f}, although individuals vary.",
                       "In most textbooks, {f}."]).format(f=fact)


def hedge(p: dict, rng: random.Random) -> str:
    return rng.choice([f"On this single slice, this is most likely {p['the']}, though a full series would "
                       "confirm it.", "Correlation with the other slices is always sensible.",
                       "Which neighbour is the best landmark? Probably the one described below."])


# --- conversation ---------------------------------------------------------------------------------

def _true_sentences(p, f, style, rng, skip):
    """Fact sentences of the first answer, omitting the kinds in `skip`."""
    out = []
    if "laterality" not in skip:
        out.append(side_sentence(f["laterality"], style, rng))
    if "position" not in skip:
        out.append(vertical_sentence(f["vertical"], p["orient"], style, rng))
        for r in rng.sample(f["relations"], min(len(f["relations"]), rng.choice([1, 2]))):
            out.append(relation_sentence(r["other"], r["relation"], style, rng))
    if "size" not in skip:
        out.append(size_sentence(f["size_class"], f["area_fraction"] if rng.random() < 0.6 else None, style, rng))
    if "count" not in skip:
        out.append(count_sentence(f["components"], style, rng))
    return out


def _traps(p, f, style, rng, skip):
    t = []
    if rng.random() < 0.6:
        t.append(convention(p["orient"], style, rng))
    if "laterality" not in skip and rng.random() < 0.5:
        t.append(side_negation(f["laterality"], rng))
    if "count" not in skip and rng.random() < 0.5:
        t.append(count_negation(f["components"], rng))
    if rng.random() < 0.6:
        t.append(rng.choice(p["kb"]))
    if rng.random() < 0.5:
        t.append(book_sentence(p, style, rng))
    if rng.random() < 0.3:
        t.append(hedge(p, rng))
    return t


def _wrong_size(f):
    cls, bf = f["size_class"], f.get("body_fraction") or f["area_fraction"]
    if cls == "medium":
        cls_w = "small" if bf / 0.02 > 0.10 / bf else "large"
    else:
        cls_w = "large" if cls == "small" else "small"
    frac_w = f["area_fraction"] * (8 if cls_w == "large" else 1 / 8)
    return cls_w, frac_w


def _false_sentence(kind, p, f, style, rng):
    """One plainly false assistant sentence of `kind`."""
    if kind == "laterality":
        lat = f["laterality"]
        return side_sentence({"left": "right", "right": "left"}.get(lat, rng.choice(["left", "right"])), style, rng)
    if kind == "position":
        if f["vertical"] != "central" and (rng.random() < 0.5 or not f["relations"]):
            flip = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior",
                    "inferior": "superior"}[f["vertical"]]
            return vertical_sentence(flip, p["orient"], style, rng)
        r = rng.choice(f["relations"])
        return relation_sentence(r["other"], FLIP[r["relation"]], style, rng)
    if kind == "size":
        cls_w, frac_w = _wrong_size(f)
        return size_sentence(cls_w, None, style, rng) if rng.random() < 0.5 else pct_sentence(frac_w, style, rng)
    n = f["components"]
    return count_sentence(2 if n == 1 else 1, style, rng)


def _false_question(kind, p, f, rng):
    """A user question that presupposes one false fact of `kind`."""
    if kind == "laterality":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return f"Why is it on the patient's {'right' if lat == 'left' else 'left'} side?"
        w = rng.choice(["left", "right"])
        return (f"Why is it only on the patient's {w} side?" if lat == "bilateral"
                else f"Why does it sit off to the patient's {w}?")
    if kind == "position":
        if f["vertical"] != "central" and (rng.random() < 0.5 or not f["relations"]):
            flip = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior",
                    "inferior": "superior"}[f["vertical"]]
            return f"Why does it sit so far {_VWORD[flip][1]}?"
        r = rng.choice(f["relations"])
        return f"Why is it {REL[FLIP[r['relation']]]} the {r['other']}?"
    if kind == "size":
        cls_w, _ = _wrong_size(f)
        return rng.choice([f"Why does it look so {cls_w} here?", f"Why is it so {cls_w} on this slice?"])
    return ("Why is it split into two separate pieces?" if f["components"] == 1
            else "Why is it just one single connected piece?")


_NEUTRAL = ["Appearance on a single slice depends on the level chosen and on the individual patient; anatomy "
            "varies, and the mask shows what was actually outlined.",
            "That mostly reflects normal variation between people and the particular slice that was picked.",
            "Good point to raise: slice selection and individual anatomy explain most of what you see here."]

_FOLLOW_Q = {"laterality": ["Which side is it on?", "Left or right?", "Is it on one side only?"],
             "position": ["Where exactly is it located?", "How does it relate to its neighbours?"],
             "size": ["How big is it?", "How much of the image does it take up?", "Is it large?"],
             "count": ["Is it in one piece?", "How many separate regions are there?"],
             "why": ["Why is that?", "Why does that matter clinically?"],
             "convention": ["How are left and right shown on this image?"]}


def _question(p, style, rng, defect):
    plane = "axial" if p["orient"] == "LP" else "coronal"
    desc = rng.choice(p["desc"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        desc = rng.choice([f"{desc} (I think it is {g})", f"{g}, that is {desc}", g])
    frames = {"terse": ["Segment {d} on this {pl} {m} slice. Where is it?",
                        "Which structure here is {d}? Outline it on this {pl} {m}.",
                        "Show me {d} on this {pl} {m}; where is it located?"],
              "tutor": ["I'm revising anatomy. Could you show me {d} on this {pl} {m} image?",
                        "Can you help me find {d} on this {pl} {m} scan and explain where it lies?",
                        "My lecturer mentioned {d}. Where would I find it on this {pl} {m} image?"],
              "markdown": ["Can you find and segment {d} in this {pl} {m} image, and summarise where it is?",
                           "On this {pl} {m} image, where is {d}? Please segment it.",
                           "Hi! Could you locate {d} on this {pl} {m} image? A short bullet summary would be great."],
              "words": ["Please point out {d} on this {pl} {m} scan. Where does it sit?",
                        "Where on this {pl} {m} image is {d}?",
                        "On this {pl} {m} image, can you find {d} and say where it lies?"]}[style]
    return rng.choice(frames).format(d=desc, pl=plane, m=p["mod"])


def _intro(p, style, rng):
    the = p["the"]
    return rng.choice({"terse": [f"Target: {the} {SEG}.", f"{the.capitalize()} segmented {SEG}.",
                                 f"Findings: {the} {SEG}.", f"Impression: {the}, outlined {SEG}."],
                       "tutor": [f"Great question! What you are describing is {the} {SEG}.",
                                 f"The structure you mean is {the}, which I have outlined here {SEG}.",
                                 f"That description fits {the} {SEG}, a structure every anatomy textbook covers.",
                                 f"Nice description! You are thinking of {the} {SEG}, which atlases such as "
                                 "Netter's illustrate in detail."],
                       "markdown": [f"## Segmentation\n\nThe structure described is **{the}** {SEG}.",
                                    f"### Answer\n\nI have segmented **{the}** for you {SEG}.",
                                    f"Sure! The structure you are describing is **{the}** {SEG}."],
                       "words": [f"This is {the} {SEG}.", f"The description matches {the}, shown in the mask {SEG}.",
                                 f"The structure being described is {the}, segmented here {SEG}."]
                       }[style])


def _join(style, facts, traps, heading=True):
    if style == "markdown":
        body = "\n".join(s if s.startswith("-") else f"- {s}" for s in facts)
        title = ["### Key findings", "### Where it is", "### Location and size", "**Summary**"][len(facts) % 4]
        out = (title + "\n\n" if heading else "") + body
        if traps:
            out += ("\n\n### Context\n\n" if heading else "\n\n") + "\n\n".join(traps)
        return out
    return " ".join(facts + traps)


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Side and count defects fall on multi-region masks (bilateral organs, the lesion) four times in ten."""
    multi = [p for p in profiles if len(p["parts"]) > 1]
    if defect in ("laterality", "count") and rng.random() < 0.4:
        return rng.choice(multi)
    return rng.choice(profiles)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    f = facts
    place = None
    if defect and defect != "names_target":
        place = rng.choices(["first", "follow", "user"], [0.55, 0.25, 0.2])[0]
    skip = {defect} if place else set()
    neg_skip = {defect} if defect else set()
    turns = [{"role": "user", "content": _question(p, style, rng, defect)}]
    fs = _true_sentences(p, f, style, rng, skip)
    if place == "first":
        fs.insert(rng.randrange(len(fs) + 1), _false_sentence(defect, p, f, style, rng))
    traps = _traps(p, f, style, rng, neg_skip | skip)
    rng.shuffle(traps)
    turns.append({"role": "assistant", "content": _intro(p, style, rng) + "\n\n" + _join(style, fs, traps)})
    n_follow = rng.choice([0, 1, 1, 2]) if place in (None, "first") else rng.choice([1, 2])
    kinds = ["laterality", "position", "size", "count", "why", "convention"]
    asked = [k for k in kinds if k != defect]
    rng.shuffle(asked)
    rounds = asked[:n_follow]
    if place in ("follow", "user"):
        rounds[rng.randrange(len(rounds))] = "DEFECT"
    for k in rounds:
        if k == "DEFECT" and place == "user":
            turns.append({"role": "user", "content": _false_question(defect, p, f, rng)})
            turns.append({"role": "assistant", "content": rng.choice(_NEUTRAL)})
            continue
        kind = defect if k == "DEFECT" else k
        q = rng.choice(_FOLLOW_Q[kind])
        if kind == "why":
            a = " ".join([rng.choice(p["kb"]), book_sentence(p, style, rng)])
        elif kind == "convention":
            a = convention(p["orient"], style, rng)
        elif k == "DEFECT":
            extra = [rng.choice(p["kb"])] if rng.random() < 0.5 else []
            a = _join(style, [_false_sentence(defect, p, f, style, rng)], extra, heading=False)
        else:
            a = _join(style, _true_sentences(p, f, style, rng, set(kinds) - {kind}),
                      [side_negation(f["laterality"], rng)] if kind == "laterality" and defect != "laterality"
                      and rng.random() < 0.4 else [], heading=False)
        if len(a) < 40:
            a = (rng.choice(["**Answer**\n\n", "**Short answer**\n\n"]) if style == "markdown" else
                 rng.choice(["On this slice: ", "As segmented: ", "Per the mask: ", "Measured on the mask: "])) + a
        turns.append({"role": "user", "content": q})
        turns.append({"role": "assistant", "content": a})
    return turns, [defect] if defect else []
