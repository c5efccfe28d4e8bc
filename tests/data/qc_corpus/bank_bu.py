"""Bank BU (round 15), written blind (no QC rule, test, other bank or row was read): pelvis, hip and spine on
CT/MR (axial "LP", coronal "LI") and 2D photos without patient axes (endoscopy polyps, dermoscopy skin lesion).

Registers: "kid" (explain like I'm 10: simple words and analogies, precise about side/size/count),
"compare" (the target against its neighbours: whereas, in contrast, both ... but only ...), "steps"
(Step 1 / Step 2 / Step 3 localisation) and "minimal" (one-line answers and fragments: "Left.", "Two.").
Facts are measured by the product's `compute_facts` on synthetic ellipse masks; the prose is written from
those facts. Each defective row holds exactly one false claim of its kind (about a fifth of the side,
position, size and count defects sit in a user question, some only in a follow-up answer); clean rows
carry true negations, the display convention, knowledge about other structures with their own sides and
sizes, hedges, comparisons, population numbers and short follow-ups.

First measure: not taken by the writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

LAST: dict = {}  # the writer's own record of the last build (planted text, stated claims) for self-checks

# geometry: (x, y) normalised centres of the components; frac: (lo, hi) image fraction of the whole mask
PROFILES = [
    dict(target="urinary bladder", orient="LP", modality="CT", comps=[(0.5, 0.31)], frac=(0.015, 0.035),
         others={"sacrum": (0.5, 0.76), "rectum": (0.5, 0.62)},
         names={"sacrum": "sacrum", "rectum": "rectum"},
         call="the urinary bladder", kid="the bladder, your body's stretchy storage bag for wee",
         ask=["which hollow pouch low in the belly stores urine until it is time to go to the toilet",
              "where is the stretchy bag that fills up with wee from the kidneys",
              "which organ in the pelvis holds urine and empties when we pee"],
         give=["the bladder", "the vesical wall", "the urinary bladder", "this cystogram"],
         kb=["The rectum runs behind it, in front of the sacrum.",
             "The sigmoid colon usually curls down on the patient's left, while the caecum sits on the right.",
             "An adult bladder comfortably holds around 400 to 600 mL."]),
    dict(target="prostate", orient="LP", modality="MR", comps=[(0.5, 0.66)], frac=(0.003, 0.008),
         others={"pubic symphysis": (0.5, 0.32), "rectum": (0.5, 0.84)},
         names={"pubic symphysis": "pubic symphysis", "rectum": "rectum"},
         call="the prostate", kid="the prostate, a walnut-sized gland in men",
         ask=["which walnut-sized male gland wraps around the urethra just below the bladder",
              "where is the gland that makes part of the seminal fluid in men",
              "which gland is checked with a PSA blood test and a finger exam through the back passage"],
         give=["the prostatic gland", "the prostate", "this prostate gland", "prostatic tissue"],
         kb=["The seminal vesicles sit just above and behind it, one on each side.",
             "A normal adult gland weighs roughly 20 to 25 grams.",
             "The rectum lies directly behind it, which is why it can be felt on rectal examination."]),
    dict(target="femur", orient="LP", modality="CT", comps=[(0.24, 0.63), (0.76, 0.63)], frac=(0.018, 0.04),
         others={"urinary bladder": (0.5, 0.3), "sacrum": (0.5, 0.84)},
         names={"urinary bladder": "bladder", "sacrum": "sacrum"},
         call="both femoral heads", kid="the two ball-shaped tops of the thigh bones",
         ask=["which ball-shaped bone ends fit into the hip sockets on each side",
              "where are the rounded upper ends of the long leg bones that carry our weight",
              "which paired bony balls form the lower half of each ball-and-socket joint at the top of the legs"],
         give=["the femoral heads", "both thigh bones", "the femurs", "the femoral necks"],
         kb=["The bladder sits between them, in front.",
             "The hip sockets are cupped by the pelvic bones on each side.",
             "In adults each ball is about 45 to 50 mm across."]),
    dict(target="femur", orient="LI", modality="CT", comps=[(0.3, 0.72), (0.7, 0.72)], frac=(0.02, 0.04),
         others={"sacrum": (0.5, 0.42)}, names={"sacrum": "sacrum"},
         call="both femoral heads", kid="the two ball-shaped tops of the thigh bones",
         ask=["on this coronal image, which ball-shaped ends of the leg bones sit in the hip sockets",
              "on this front-facing slice, where are the rounded tops of the long bones of the legs"],
         give=["the femoral heads", "the thigh bones", "the femoral bone ends", "both femurs"],
         kb=["The sacrum sits higher up in the middle, at the back of the pelvis.",
             "The bladder lies between the two sides, above the pubic bones.",
             "In adults each ball is about 45 to 50 mm across."]),
    dict(target="right hip bone", orient="LP", modality="CT", comps=[(0.23, 0.6)], frac=(0.02, 0.035),
         others={"urinary bladder": (0.5, 0.3), "sacrum": (0.5, 0.8)},
         names={"urinary bladder": "bladder", "sacrum": "sacrum"},
         call="the right hip bone", kid="the big wing-shaped bone on one side of the pelvis",
         ask=["which flat bone on one side of the pelvis forms the socket for the top of the leg here",
              "which large bone, fused from three parts, makes one side of the bony ring around the lower belly"],
         give=["the right iliac bone", "the right hip", "the ilium", "the innominate bone"],
         kb=["The sacrum joins the two sides at the back through the sacroiliac joints.",
             "The sigmoid colon usually lies on the patient's left.",
             "The bladder sits in the middle at the front."]),
    dict(target="left hip bone", orient="LI", modality="MR", comps=[(0.73, 0.38)], frac=(0.02, 0.04),
         others={"left femur": (0.7, 0.72), "sacrum": (0.5, 0.4)},
         names={"left femur": "left femoral head", "sacrum": "sacrum"},
         call="the left hip bone", kid="the big wing-shaped bone on one side of the pelvis",
         ask=["on this coronal MR, which broad bone on one side of the pelvis forms the upper rim of the leg socket",
              "which winged bone on one side of the pelvis can you feel when you put your hands on your waist"],
         give=["the left iliac wing", "the left hip", "the left ilium", "the left pelvic bone"],
         kb=["The liver sits far above, on the patient's right.",
             "The sacrum is the wedge in the middle that both sides lean on.",
             "The psoas muscles run down on each side of the spine."]),
    dict(target="sacrum", orient="LP", modality="CT", comps=[(0.5, 0.77)], frac=(0.015, 0.03),
         others={"urinary bladder": (0.5, 0.3), "rectum": (0.5, 0.6)},
         names={"urinary bladder": "bladder", "rectum": "rectum"},
         call="the sacrum", kid="the flat triangle-shaped bone at the bottom of the back",
         ask=["which triangular bone made of five fused segments sits at the back of the pelvis",
              "which wedge-shaped bone links the spine to the pelvic bones at the back",
              "where is the fused bone that sits at the back of the pelvis between the two wing-shaped bones"],
         give=["the sacral bone", "the sacrum", "the sacral segments", "the sacral promontory"],
         kb=["The hip bones meet it on each side.",
             "The tailbone hangs below it.",
             "The bladder lies well in front of it, behind the pubic bones."]),
    dict(target="l4 vertebra", orient="LP", modality="CT", comps=[(0.5, 0.68)], frac=(0.014, 0.03),
         others={"aorta": (0.5, 0.5), "left iliopsoas": (0.66, 0.64)},
         names={"aorta": "aorta", "left iliopsoas": "left psoas"},
         call="the L4 vertebra", kid="one of the stacked bones of the lower back",
         ask=["which bone of the lower back, second from the bottom of its group, is shown here",
              "which stacked bone of the low back sits at about the level of the belly button and the top of the pelvic rims"],
         give=["the fourth lumbar vertebra", "the L4 body", "the lumbar spine", "the vertebral body"],
         kb=["The aorta runs in front of it, usually just to the left of centre.",
             "The inferior vena cava runs on the patient's right side of the aorta.",
             "An adult lower-back bone body is roughly 4 to 5 cm wide."]),
    dict(target="left iliopsoas", orient="LP", modality="CT", comps=[(0.66, 0.62)], frac=(0.006, 0.009),
         others={"l4 vertebra": (0.5, 0.68), "aorta": (0.52, 0.48)},
         names={"l4 vertebra": "L4 vertebra", "aorta": "aorta"},
         call="the left iliopsoas", kid="a long muscle that helps lift the leg",
         ask=["which long muscle beside the lower spine on one side flexes the hip when we lift the knee",
              "which muscle running from the low back to the inner thigh helps us sit up and march"],
         give=["the left psoas", "the left iliopsoas muscle", "the psoas major", "the left iliacus"],
         kb=["Its partner on the right mirrors it on the other side of the spine.",
             "The right kidney usually sits a little lower than the left.",
             "The ureter runs down along its front surface."]),
    dict(target="gluteus maximus", orient="LP", modality="CT", comps=[(0.24, 0.82), (0.76, 0.82)],
         frac=(0.07, 0.11), others={"sacrum": (0.5, 0.7), "urinary bladder": (0.5, 0.32)},
         names={"sacrum": "sacrum", "urinary bladder": "bladder"},
         call="the gluteus maximus muscles", kid="the big muscles of the bottom",
         ask=["which large paired muscles of the buttocks extend the hip when we climb stairs",
              "which are the biggest muscles of the seat that help us stand up from a chair"],
         give=["the glutes", "the gluteus maximus muscles", "the great gluteal muscles", "the glute max"],
         kb=["The smaller gluteus medius lies above and deep to them on each side.",
             "The sciatic nerve passes deep to them on each side.",
             "The bladder sits far in front, in the middle."]),
    dict(target="spinal cord", orient="LP", modality="MR", comps=[(0.5, 0.72)], frac=(0.002, 0.005),
         others={"vertebral body": (0.5, 0.6), "aorta": (0.51, 0.45)},
         names={"vertebral body": "vertebral body", "aorta": "aorta"},
         call="the spinal cord", kid="the thick bundle of nerves running down inside the backbone",
         ask=["which bundle of nerve tissue inside the bony canal carries messages between the brain and the body",
              "what carries signals from the brain down the back to the arms and legs"],
         give=["the cord", "the spinal cord", "the medulla spinalis", "the myelon"],
         kb=["The aorta runs well in front of the spine, slightly to the left.",
             "In adults it usually ends around the L1-L2 level.",
             "The vertebral body forms the front wall of the canal."]),
    dict(target="coccyx", orient="LP", modality="CT", comps=[(0.5, 0.84)], frac=(0.002, 0.005),
         others={"urinary bladder": (0.5, 0.32), "rectum": (0.5, 0.66)},
         names={"urinary bladder": "bladder", "rectum": "rectum"},
         call="the coccyx", kid="the tiny tail-like bone at the very bottom of the spine",
         ask=["which tiny bone at the very bottom of the spine is left over from a tail",
              "which little bone hurts when someone falls hard on their bottom"],
         give=["the tailbone", "the coccyx", "the coccygeal bone", "the coccygeal segments"],
         kb=["The sacrum sits just above it.", "The rectum curves in front of it.",
             "Most adults have three to five small fused segments there."]),
    dict(target="polyp", orient=None, modality="endoscopy", comps=None, frac=None,
         call="the polyp", kid="a little bump growing from the inside wall of the bowel",
         ask=["in this colonoscopy frame, what raised growth on the inner wall should be removed",
              "what small bump sticking out from the inside of the large bowel is seen in this camera picture"],
         give=["the polyp", "the adenoma", "these polyps", "the colonic polyp"],
         kb=["About a quarter to a third of adults over fifty have at least one such growth at screening.",
             "The bowel wall around it looks pink and smooth.",
             "The appendix opening and the ileocaecal valve sit on the right side of the colon in the body."]),
    dict(target="skin lesion", orient=None, modality="dermoscopy", comps=[(0.5, 0.5)], frac=None,
         call="the skin lesion", kid="the darker spot on the skin",
         ask=["in this dermoscopy photo, which pigmented spot should be measured and watched for change",
              "what darker spot is the doctor worried about in this close-up picture of the forearm"],
         give=["the mole", "the nevus", "the melanocytic lesion", "the pigmented lesion"],
         kb=["Most adults have between ten and forty such spots on their body.",
             "The surrounding skin shows a fine normal network.",
             "The ABCDE rule asks about asymmetry, border, colour, diameter and evolution."]),
]

STYLES = ["kid", "compare", "steps", "minimal"]


def record_for(p: dict) -> dict:
    region = {"CT": "pelvis", "MR": "pelvis", "endoscopy": "colon", "dermoscopy": "skin"}[p["modality"]]
    if p["target"] in ("spinal cord", "l4 vertebra"):
        region = "spine"
    return {"modality": p["modality"], "body_region": region, "orientation": p["orient"]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Side/position defects need patient axes; bilateral and multi-region masks are weighted up."""
    pool = [p for p in profiles if p["orient"] is not None] if defect in ("laterality", "position") else profiles
    weights = [2 if p["comps"] is None or (p["comps"] and len(p["comps"]) > 1) else 1 for p in pool]
    return rng.choices(pool, weights)[0]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    h, w = (480, 640) if p["orient"] is None else (512, 512)
    if p["target"] == "polyp":
        n = rng.choice([1, 1, 2, 3])
        spots = [(0.3, 0.3), (0.7, 0.62), (0.35, 0.75)]
        rng.shuffle(spots)
        comps = spots[:n]
        frac = rng.choice([(0.002, 0.008), (0.015, 0.04)])
    elif p["target"] == "skin lesion":
        comps = [(rng.uniform(0.42, 0.58), rng.uniform(0.3, 0.7))]
        frac = rng.choice([(0.015, 0.04), (0.08, 0.2)])
    else:
        comps, frac = p["comps"], p["frac"]
    total = rng.uniform(*frac) * h * w
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    for cx, cy in comps:
        jx, jy = cx + rng.uniform(-0.015, 0.015), cy + rng.uniform(-0.015, 0.015)
        aspect = rng.uniform(0.7, 1.4)
        a = (total / len(comps) / np.pi * aspect) ** 0.5
        b = a / aspect
        mask |= ((xx - jx * (w - 1)) / a) ** 2 + ((yy - jy * (h - 1)) / b) ** 2 <= 1
    others = {k: tuple(v) for k, v in p.get("others", {}).items()} if p["orient"] else None
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# --- true statements, by register ----------------------------------------------------------------------

SIDE_WORDS = {"left": ["the patient's left", "the left side", "the patient's left-hand side"],
              "right": ["the patient's right", "the right side", "the patient's right-hand side"]}
VERT = {"anterior": ["toward the front of the body", "in the front part of the slice", "anteriorly"],
        "posterior": ["toward the back of the body", "in the back part of the slice", "posteriorly"],
        "superior": ["toward the head end of the image", "in the upper part, toward the head", "superiorly"],
        "inferior": ["toward the feet", "in the lower part, toward the feet", "inferiorly"],
        "upper": ["in the upper part of the picture", "toward the top of the frame"],
        "lower": ["in the lower part of the picture", "toward the bottom of the frame"]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
         "upper": "lower", "lower": "upper"}
REL = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"],
       "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"]}
FLIPR = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}


def pct(frac: float, rng: random.Random) -> str:
    p = frac * 100
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"~{p:.2f}%", f"roughly {p:.1f} percent", "well under 1%"])
    return rng.choice([f"about {p:.0f}%", f"~{p:.1f}%", f"roughly {p:.0f} percent"])


def side_text(side: str, style: str, rng: random.Random, it: str) -> str:
    if side in ("left", "right"):
        w = rng.choice(SIDE_WORDS[side])
        return {"kid": rng.choice([f"{it} is on {w}. Think of the patient's own {side} hand.",
                                   f"{it} sits on {w}, the same side as the patient's {side} hand."]),
                "compare": rng.choice([f"Whereas its partner sits on the other side, {it.lower()} here is on {w}.",
                                       f"Both sides have a matching structure, but only the one on {w} is highlighted.",
                                       f"In contrast to midline structures like the spine, {it.lower()} lies on {w}."]),
                "steps": rng.choice([f"Step 2: check the side. {it} lies on {w}.",
                                     f"Step 2 (side): compared with the spine, {it.lower()} sits on {w}."]),
                "minimal": rng.choice([f"{side.capitalize()} side.", f"Patient's {side}.", f"Side: {side}."])}[style]
    if side == "midline":
        return {"kid": rng.choice([f"{it} sits right in the middle, like the zip on a jacket.",
                                   f"{it} is in the middle of the body, not off to one side."]),
                "compare": rng.choice([f"Whereas the hip bones come in a left and right pair, {it.lower()} sits in the midline.",
                                       f"In contrast to the paired structures beside it, {it.lower()} is central, on the midline."]),
                "steps": f"Step 2: check the side. {it} is in the midline.",
                "minimal": rng.choice(["Midline.", "Central, on the midline."])}[style]
    return {"kid": rng.choice([f"There is one on each side, like a pair of shoes: left and right.",
                               f"{it} comes as a pair, one on the patient's left and one on the right."]),
            "compare": rng.choice([f"Both the left and the right one are outlined, not just one side.",
                                   f"Unlike a single midline structure, these are bilateral: one on each side."]),
            "steps": "Step 2: check the side. The mask covers both sides, left and right.",
            "minimal": rng.choice(["Both sides.", "Bilateral."])}[style]


def false_side(side: str, rng: random.Random, it: str) -> str:
    if side in ("left", "right"):
        other = {"left": "right", "right": "left"}[side]
        return rng.choice([f"{it} is on the patient's {other} side.", f"{it} lies on the patient's {other}."])
    if side == "midline":
        s = rng.choice(["left", "right"])
        return rng.choice([f"{it} sits off to the patient's {s}, well away from the midline.",
                           f"{it} lies on the patient's {s} side."])
    s = rng.choice(["left", "right"])
    return rng.choice([f"Only the patient's {s} one is outlined; the other side is not part of the mask.",
                       f"{it} is on the patient's {s} side only."])


def vert_text(v: str, style: str, rng: random.Random, it: str) -> str:
    if v == "central":
        return ""
    w = rng.choice(VERT[v])
    return {"kid": f"{it} lies {w}.", "compare": f"Compared with the centre of the image, {it.lower()} lies {w}.",
            "steps": f"Step 3: check front/back or up/down. {it} lies {w}.",
            "minimal": f"{w[0].upper()}{w[1:]}."}[style]


def rel_text(rel: dict, names: dict, style: str, rng: random.Random, it: str, flip: bool = False) -> str:
    r = FLIPR[rel["relation"]] if flip else rel["relation"]
    o = names.get(rel["other"], rel["other"])
    w = rng.choice(REL[r])
    return {"kid": f"{it} lies {w} the {o}.", "compare": f"Whereas the {o} is a neighbour, {it.lower()} lies {w} it.",
            "steps": f"Landmark check: find the {o}; {it.lower()} lies {w} it.",
            "minimal": f"{w[0].upper()}{w[1:]} the {o}."}[style]


SIZE_WORD = {"small": ["small", "little"], "medium": ["medium-sized", "moderate in size"],
             "large": ["large", "big"]}


def size_text(cls: str, frac: float, style: str, rng: random.Random, it: str) -> str:
    w, p = rng.choice(SIZE_WORD[cls]), pct(frac, rng)
    return {"kid": f"{it} is {w}: it covers {p} of the picture.",
            "compare": f"Size-wise, it is {w}, taking up {p} of the image.",
            "steps": rng.choice([f"Step 4: measure it. It is {w}, {p} of the image.",
                                 f"Step 4 (size): it covers {p} of the image, so it is {w}."]),
            "minimal": f"{w.capitalize()}, {p}."}[style]


def false_size(cls: str, rng: random.Random, it: str) -> str:
    if cls == "large":
        return rng.choice([f"{it} is tiny, about 0.3% of the image.", f"{it} is small, well under 1% of the picture."])
    if cls == "small":
        return rng.choice([f"{it} is large, about 18% of the image.", f"{it} is big, filling roughly a fifth of the picture."])
    return rng.choice([f"{it} is tiny, about 0.2% of the image.", f"{it} is very large, about 30% of the image."])


def count_text(n: int, style: str, rng: random.Random, it: str, bilateral: bool = False) -> str:
    if n == 1:
        return {"kid": f"{it} is all one piece, like a single puzzle piece.",
                "compare": "Both neighbours are separate, but the mask itself is one connected region.",
                "steps": "Step 5: count the pieces. One connected region.",
                "minimal": rng.choice(["One region.", "Single piece."])}[style]
    w = NUMW[n]
    return {"kid": f"There are {w} separate pieces, like {w} islands in a sea.",
            "compare": (f"Both sides are marked, but as {w} separate regions, not one." if bilateral
                        else f"Unlike a single blob, the mask is {w} separate regions."),
            "steps": rng.choice([f"Step 5: count the pieces. {w.capitalize()} separate regions.",
                                 f"Step 5 (count): the outline falls into {w} separate parts."]),
            "minimal": f"{w.capitalize()} regions."}[style]


def false_count(n: int, rng: random.Random, it: str) -> str:
    if n == 1:
        return rng.choice(["The mask is made of two separate regions.", "There are three separate pieces in the mask."])
    return rng.choice(["The mask is a single connected region.", f"There are {NUMW[n + 1]} separate regions in the mask."])


# --- the conversation -----------------------------------------------------------------------------------

QFRAME = {"kid": ["Can you explain like I'm 10: {q}?", "I'm ten and curious. {Q}?"],
          "compare": ["Compared with the structures around it, {q}?", "{Q}, and how does it differ from its neighbours?"],
          "steps": ["Walk me through it step by step: {q}?", "Step by step please, {q}?"],
          "minimal": ["{Q}? Short answer.", "Quick one: {q}?"]}
FOLLOW = {"size": ["How big is it?", "And the size of it?", "Is it big or small?"],
          "count": ["How many pieces are there?", "Is it one piece or several?"],
          "side": ["Which side is it on?", "Which side, then?"],
          "pos": ["Where exactly does it sit?", "Where is it, exactly?"],
          "more": ["Why does that matter?", "Anything else worth knowing about it?", "Why?"]}
FALSE_Q = {"laterality": "Why does it sit on the {x} here?", "position": "Why does it lie {x}?",
           "size": "Why is it so {x}?", "count": "Why is it {x}?"}


def convention(p: dict, style: str) -> str:
    if p["orient"] is None:
        return ("A camera photo like this has no patient left or right, so only the picture's top and bottom "
                "are meaningful.")
    if p["orient"] == "LP":
        s = "these axial slices are shown as if looking up from the patient's feet, so the patient's left is on the right of the screen."
    else:
        s = "on this coronal image the patient faces you, so the patient's left appears on the right of the screen."
    return {"kid": "A tricky thing: " + s, "compare": "Note that " + s, "steps": "Step 0: " + s,
            "minimal": "Convention: " + s}[style]


def negation(kind: str, facts: dict, it: str) -> str:
    side, n = facts["laterality"], facts["components"]
    if kind == "laterality":
        return {"left": f"{it} is not on the right.", "right": f"{it} is not on the left.",
                "midline": f"{it} is not off to the left or the right.",
                "bilateral": "It isn't just one side that is marked."}.get(side, "")
    if kind == "count":
        return "There is no second region." if n == 1 else "It is not one single blob."
    if kind == "size":
        return {"small": "It is not a large structure here.", "large": "It is certainly not small here.",
                "medium": "It is neither tiny nor huge."}[facts["size_class"]]
    return ""


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    it = "It"
    oriented = p["orient"] is not None
    ask = rng.choice(p["ask"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        ask = rng.choice([f"{ask}, in other words {g}", f"{ask} (I mean {g})", f"regarding {g}, {ask}"])
    q1 = rng.choice(QFRAME[style]).format(q=ask, Q=ask[0].upper() + ask[1:])
    names = p.get("names", {})
    site = None
    if defect in ("laterality", "position", "size", "count"):
        site = rng.choices(["answer", "user", "followup"], [0.5, 0.2, 0.3])[0]
    # each fact kind: (true sentence, false sentence)
    claims = {}
    if oriented:
        claims["laterality"] = (side_text(facts["laterality"], style, rng, it), false_side(facts["laterality"], rng, it))
        rels = [r for r in facts["relations"] if r["other"] in names]
        rel = rng.choice(rels) if rels else None
        v = facts["vertical"]
        vt = vert_text(v, style, rng, it)
        rt = rel_text(rel, names, style, rng, it) if rel else ""
        if rel is None and v == "central":
            raise ValueError(f"{p['target']}: no position to state (central, no relation); move its geometry")
        if v != "central" and (not rel or rng.random() < 0.5):
            fv = rng.choice(VERT[FLIPV[v]])
            claims["position"] = ((vt + " " + rt).strip(), (f"{it} lies {fv}. " + rt).strip(), f"{fv}")
        else:
            claims["position"] = ((vt + " " + rt).strip(), (vt + " " + rel_text(rel, names, style, rng, it, flip=True)).strip(),
                                  rng.choice(REL[FLIPR[rel["relation"]]]) + " the " + names[rel["other"]])
    elif facts["vertical"] in ("upper", "lower") and rng.random() < 0.6:
        claims["position"] = (vert_text(facts["vertical"], style, rng, it), "", "")
    claims["size"] = (size_text(facts["size_class"], facts["area_fraction"], style, rng, it),
                      false_size(facts["size_class"], rng, it),
                      {"small": "large, over 15% of the image", "large": "tiny, under 0.5% of the image",
                       "medium": rng.choice(["tiny, under 0.3% of the image", "huge, over a quarter of the image"])}[facts["size_class"]])
    n = facts["components"]
    claims["count"] = (count_text(n, style, rng, it, facts["laterality"] == "bilateral"), false_count(n, rng, it),
                       "split into two separate pieces" if n == 1 else "just a single connected piece")
    if "laterality" in claims:
        side = facts["laterality"]
        claims["laterality"] += ({"left": "patient's right", "right": "patient's left", "midline": "patient's "
                                  + rng.choice(["left", "right"]) + " side, off the midline",
                                  "bilateral": "patient's " + rng.choice(["left", "right"]) + " side only"}[side],)

    stated = {}  # kind -> text stated by the assistant
    planted = None

    def say(kind):
        if kind not in claims:
            return ""
        if kind == defect and site != "user":
            nonlocal planted
            planted = claims[kind][1]
            return planted
        if kind == defect and site == "user":
            return ""
        stated[kind] = claims[kind][0]
        return claims[kind][0]

    later = []  # kinds moved to the third round
    first_kinds = [k for k in ("laterality", "position") if k in claims]
    second_kinds = ["size", "count"]
    if defect in claims and site == "followup":
        for lst in (first_kinds, second_kinds):
            if defect in lst:
                lst.remove(defect)
        later.append(defect)
    elif rng.random() < 0.3 and defect is None:
        k = rng.choice(first_kinds + second_kinds)
        (first_kinds if k in first_kinds else second_kinds).remove(k)
        later.append(k)

    traps = []
    if oriented and rng.random() < 0.7:
        traps.append(convention(p, style))
    elif not oriented:
        traps.append(convention(p, style))
    for k in ("laterality", "count", "size"):
        if k != defect and k in claims and rng.random() < 0.35:
            neg = negation(k, facts, it)
            if neg:
                traps.append(neg)
    kb = p["kb"][:]
    rng.shuffle(kb)
    hedge = rng.choice(["Most likely", "Probably", "I'd say", "Almost certainly"])

    # round 1
    head = {"kid": f"{hedge}, it's {p['kid']}. I've highlighted it here: [SEG].",
            "compare": f"This is {p['call']} [SEG]. Both it and its neighbours show up clearly, but only it is outlined.",
            "steps": f"Step 1: find the landmarks. Then the highlighted region is {p['call']} [SEG].",
            "minimal": f"{p['call'][0].upper()}{p['call'][1:]}. [SEG]"}[style]
    a1 = [head] + [say(k) for k in first_kinds] + traps[:1] + [kb[0]]
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": " ".join(x for x in a1 if x)}]
    # round 2
    q2 = rng.choice(FOLLOW["size"] if "size" in second_kinds else FOLLOW["count"])
    if site == "user":
        x = claims[defect][2]
        planted = FALSE_Q[defect].format(x=x)
        q2 = rng.choice([planted, f"Got it. {planted}"])
        if defect in first_kinds:
            first_kinds.remove(defect)
    a2 = [say(k) for k in second_kinds] + traps[1:] + [kb[1]]
    if site == "user":
        a2 = ["Good question."] + a2
    turns += [{"role": "user", "content": q2}, {"role": "assistant", "content": " ".join(x for x in a2 if x)}]
    # round 3
    if later or rng.random() < 0.5:
        k = later[0] if later else None
        if k == "laterality":
            q3 = rng.choice(FOLLOW["side"])
        elif k == "position":
            q3 = rng.choice(FOLLOW["pos"])
        elif k in ("size", "count"):
            q3 = rng.choice(FOLLOW[k])
        else:
            q3 = rng.choice(FOLLOW["more"])
        a3 = [say(k)] if k else []
        a3 += [kb[2], {"kid": "Doctors use this to plan treatment and to compare with later scans.",
                       "compare": "In contrast to a guess, the outline makes the comparison measurable.",
                       "steps": "Final step: report what was found.",
                       "minimal": "That's all for now."}[style]]
        if len(q3) < 12 or len(q3.split()) < 3:
            q3 = q3 + " Tell me more."
        turns += [{"role": "user", "content": q3}, {"role": "assistant", "content": " ".join(x for x in a3 if x)}]
    LAST.clear()
    LAST.update(planted=planted, site=site, stated=dict(stated), claims=claims)
    return turns, ([defect] if defect else [])
