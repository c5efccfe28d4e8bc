"""Bank BP (round 14, helper qcbp): questions that carry claims, pelvis and lower abdomen.

Written blind (no QC rule, test, other bank or row was opened). Targets: urinary bladder (axial and
coronal), prostate, rectum (a label the knowledge base lacks), both femoral heads (axial and coronal), both
hip bones, the left hip bone (coronal), both iliopsoas muscles, the right iliopsoas alone, both gluteus
maximus muscles, both common iliac arteries, sacrum, a pelvic lymph node or two (unknown label), both
kidneys (coronal) and the right ureter (unknown label, coronal, sometimes cut twice). Axial CT/MR is "LP",
coronal is "LI". Facts are the product's own measurement (`compute_facts`) of synthetic ellipse masks inside
a drawn body outline, and every sentence is written from those facts.

The user turns carry presuppositions ("Why is it only on the right?", "Given how far back it sits, ...",
"Since it's in two pieces, ...", "Should I worry that it's that big?") and restatements ("So it's on the
patient's left, behind the bladder?") that the assistant confirms or corrects. In clean rows every premise
is true, every confirmed restatement is true and every false restatement is corrected. In a defective row
exactly one false claim is planted: in the first answer, in a follow-up answer, in a premise the assistant
goes along with, or in a false restatement the assistant confirms ("Yes, exactly."); about half of the
side/position/size/count defects sit in user turns. Registers: an anxious patient and a reassuring doctor,
a student and a tutor, terse clinician colleagues, and numbers spelled out as words.

First measure: not taken by the writer (the lead measures the bank once after merging).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["anxious", "tutor", "terse", "words"]
H = W = 512
OPP = {"left": "right", "right": "left"}
NUMW = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
        9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
        16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one",
        22: "twenty-two", 23: "twenty-three", 24: "twenty-four", 25: "twenty-five"}

# normalised (x, y) centroids of the other structures of each scene: axial low (femoral heads), axial high
# (iliac wings), coronal
SCENES = {
    "ax_low": {"urinary bladder": (0.5, 0.33), "prostate": (0.5, 0.48), "rectum": (0.5, 0.64),
               "left femur": (0.7, 0.5), "right femur": (0.3, 0.5)},
    "ax_high": {"sacrum": (0.5, 0.66), "sigmoid colon": (0.6, 0.35), "left hip bone": (0.75, 0.52),
                "right hip bone": (0.25, 0.52)},
    "cor": {"left kidney": (0.65, 0.3), "right kidney": (0.35, 0.3), "urinary bladder": (0.5, 0.75),
            "sacrum": (0.5, 0.57)},
}
OTHER_NAME = {"urinary bladder": "the bladder", "prostate": "the prostate", "rectum": "the rectum",
              "left femur": "the left femoral head", "right femur": "the right femoral head",
              "sacrum": "the sacrum", "sigmoid colon": "the sigmoid colon", "left hip bone": "the left hip bone",
              "right hip bone": "the right hip bone", "left kidney": "the left kidney",
              "right kidney": "the right kidney"}
SIZE_BAND = {"small": (0.002, 0.007), "medium": (0.014, 0.036), "large": (0.065, 0.12)}


def P(target, plane, parts, size, others, names, desc, naming, kb, why, mod="CT", pl=False, alt_parts=None,
      names_multi=None):
    return dict(target=target, plane=plane, parts=parts, size=size, others=others, names=names, desc=desc,
                naming=naming, kb=kb, why=why, mod=mod, pl=pl, alt_parts=alt_parts, names_multi=names_multi)


PROFILES = [
    P("urinary bladder", "ax_low", [(0.5, 0.33)], "large", ["rectum", "left femur"],
      ["the urinary bladder", "the bladder", "this organ"],
      ["the organ that stores urine", "the muscular bag that fills with urine and empties when I pass water",
       "the hollow organ sitting just behind the pubic bones that holds urine"],
      ["the bladder", "the urinary bladder", "the vesical lumen", "the bladder wall"],
      ["The rectum lies behind it in men, with the seminal vesicles in between.",
       "An adult can usually hold about 400 to 600 millilitres of urine.",
       "The ureters enter it from behind on each side."],
      "it stores urine until the wall contracts to empty it"),
    P("urinary bladder", "cor", [(0.5, 0.75)], "medium", ["left kidney", "sacrum"],
      ["the urinary bladder", "the bladder", "this organ"],
      ["the organ that collects the urine coming down from the kidneys",
       "the reservoir that holds urine until I go to the toilet"],
      ["the bladder", "the urinary bladder", "the vesical dome"],
      ["The kidneys sit much higher, under the ribs, on either side of the spine.",
       "The right kidney usually lies a little lower than the left because of the liver."],
      "it stores urine and empties it through the urethra", mod="MR"),
    P("prostate", "ax_low", [(0.5, 0.48)], "small", ["urinary bladder", "rectum"],
      ["the prostate", "the prostate gland", "this gland"],
      ["the walnut-sized gland that wraps around the first part of the urethra in men",
       "the gland below the bladder outlet that adds fluid to semen",
       "the male gland that commonly enlarges with age and slows the urine stream"],
      ["the prostate", "the prostate gland", "the prostatic tissue"],
      ["The seminal vesicles sit just above it, behind the bladder.",
       "Roughly half of men in their sixties have some benign enlargement of this gland.",
       "The rectum lies directly behind it, which is why it can be felt on rectal examination."],
      "it makes part of the seminal fluid and surrounds the urethra", mod="MR"),
    P("rectum", "ax_low", [(0.5, 0.64)], "small", ["urinary bladder", "prostate"],
      ["the rectum", "this bowel segment", "the rectal lumen"],
      ["the last segment of the bowel, just above the anal canal",
       "the part of the gut that stores stool just before it is passed"],
      ["the rectum", "the rectal wall", "the rectosigmoid"],
      ["The sigmoid colon continues into it from above, usually from the left.",
       "The sacrum and coccyx curve behind it.",
       "In adults it is about 12 to 15 centimetres long."],
      "it holds stool until defecation"),
    P("femur", "ax_low", [(0.3, 0.5), (0.7, 0.5)], "medium", ["urinary bladder", "rectum"],
      ["both femoral heads", "the femoral heads", "the two femoral heads"],
      ["the ball-shaped bones that sit in the hip sockets", "the balls of the two ball-and-socket hip joints"],
      ["the femoral heads", "both thigh bones", "the femoral necks"],
      ["The hip bones form the sockets that hold them.",
       "An adult femoral head is typically about 4 to 5 centimetres across.",
       "The bladder sits in front, between the two hip joints."],
      "they carry the weight of the body from the pelvis to the legs", pl=True),
    P("femur", "cor", [(0.3, 0.82), (0.7, 0.82)], "medium", ["left kidney", "urinary bladder"],
      ["both femoral heads", "the femoral heads", "the two femoral heads"],
      ["the round bones that fit into the sockets of the hips", "the ball parts of both hip joints"],
      ["the femoral heads", "the femurs", "both femoral necks"],
      ["The kidneys lie far above them, in the upper abdomen.",
       "The left hip joint is a mirror image of the right."],
      "they transmit body weight into the legs", mod="MR", pl=True),
    P("hip bone", "ax_high", [(0.25, 0.52), (0.75, 0.52)], "large", ["sacrum", "sigmoid colon"],
      ["both hip bones", "the two hip bones", "the iliac bones"],
      ["the big wing-shaped bones on either side that the sacrum joins at the back",
       "the flat bones that carry the weight of the trunk down to the legs"],
      ["the hip bones", "both iliac wings", "the ilium on each side", "the pelvic bones"],
      ["The sacrum sits between them at the back.",
       "The sacroiliac joints are usually about 2 to 5 millimetres wide."],
      "they carry the weight of the trunk to the legs", pl=True),
    P("left hip bone", "cor", [(0.73, 0.65)], "medium", ["sacrum", "left kidney"],
      ["the left hip bone", "this bone", "the left innominate bone"],
      ["the large flat bone forming one side of the bony ring, with a socket for the thigh bone",
       "the bone I may have cracked when I fell on my left side"],
      ["the left hip bone", "the left ilium", "the left acetabulum"],
      ["The right hip bone mirrors it on the other side.",
       "The kidneys sit high above, under the lower ribs."],
      "it transfers weight from the trunk to the leg", mod="CT"),
    P("iliopsoas", "ax_high", [(0.38, 0.42), (0.62, 0.42)], "medium", ["sacrum", "sigmoid colon"],
      ["both iliopsoas muscles", "the iliopsoas muscles", "these muscles"],
      ["the muscles that bend the hip, running from the lower spine down to the thigh",
       "the muscles used to lift the knee towards the chest"],
      ["the psoas muscles", "both iliopsoas muscles", "the iliacus and psoas", "the psoas"],
      ["The kidneys lie in front of their upper parts, higher in the abdomen.",
       "The femoral nerve runs in the groove between their two parts."],
      "they flex the hip and steady the lumbar spine", pl=True),
    P("right iliopsoas", "ax_low", [(0.33, 0.40)], "medium", ["urinary bladder", "rectum"],
      ["the right iliopsoas", "this muscle", "the right iliopsoas muscle"],
      ["the muscle on one side that lifts the thigh forward, running down from the spine",
       "the muscle where a bleed could explain groin pain on blood thinners"],
      ["the right psoas", "the right iliopsoas", "the psoas muscle"],
      ["The left iliopsoas mirrors it on the other side.",
       "A bleed in this muscle is a known risk of anticoagulation."],
      "it bends the hip when walking and climbing", mod="CT"),
    P("gluteus maximus", "ax_low", [(0.28, 0.72), (0.72, 0.72)], "large", ["rectum", "urinary bladder"],
      ["both gluteus maximus muscles", "the gluteus maximus muscles", "these muscles"],
      ["the big muscles we use to climb stairs and rise from a chair",
       "the most superficial muscles at the back of the hips, the largest of that group"],
      ["the gluteus maximus", "the glutes", "the gluteal muscles", "the great gluteal muscles"],
      ["The sciatic nerve runs deep to them.",
       "They are usually the largest muscles in the body by mass."],
      "they extend the hip when climbing or rising", mod="MR", pl=True),
    P("common iliac artery", "ax_high", [(0.42, 0.42), (0.58, 0.42)], "small", ["sacrum", "sigmoid colon"],
      ["both common iliac arteries", "the common iliac arteries", "these two arteries"],
      ["the two arteries the aorta splits into at the top of the pelvis",
       "the two large vessels carrying blood from the aorta towards the legs"],
      ["the common iliac arteries", "the iliac arteries", "both CIAs"],
      ["The aorta usually divides at about the level of the fourth lumbar vertebra.",
       "The left common iliac vein passes behind the right common iliac artery."],
      "they carry blood from the aorta to the pelvis and legs", pl=True),
    P("sacrum", "ax_high", [(0.5, 0.66)], "medium", ["left hip bone", "sigmoid colon"],
      ["the sacrum", "this bone", "the sacral bone"],
      ["the triangular bone at the base of the spine, wedged between the two hip bones",
       "the bone at the back of the pelvis formed by five fused vertebrae"],
      ["the sacrum", "the sacral bone", "the sacral ala"],
      ["The hip bones join it on each side at the sacroiliac joints.",
       "The coccyx continues below it."],
      "it transmits the weight of the trunk to the pelvis"),
    P("pelvic lymph node", "ax_low", [(0.68, 0.42)], "small", ["urinary bladder", "left femur"],
      ["the lymph node", "this node", "the pelvic node"],
      ["the small rounded swelling on the side wall that could be spread from my cancer",
       "the small oval structure beside the big vessels on the side wall that staging is looking for"],
      ["the lymph node", "the pelvic lymph node", "the enlarged node", "the nodal mass"],
      ["The external iliac vessels run along the side wall next to it.",
       "A short axis over 10 millimetres is a common threshold for calling such structures enlarged."],
      "it filters lymph and can harbour spread from a tumour", mod="CT",
      alt_parts=[(0.67, 0.40), (0.71, 0.46)], names_multi=["the two lymph nodes", "these nodes", "the pelvic nodes"]),
    P("kidney", "cor", [(0.35, 0.3), (0.65, 0.3)], "medium", ["urinary bladder", "sacrum"],
      ["both kidneys", "the kidneys", "the two kidneys"],
      ["the bean-shaped organs that filter the blood and make urine",
       "the organs that drain urine down to the reservoir in the lower pelvis"],
      ["the kidneys", "both renal outlines", "the renal parenchyma"],
      ["The right one is often a little lower because the liver sits above it.",
       "Each adult one is usually 10 to 12 centimetres long."],
      "they filter the blood and make urine", mod="CT", pl=True),
    P("right ureter", "cor", [(0.425, 0.5)], "small", ["urinary bladder", "right kidney"],
      ["the right ureter", "this tube", "the ureter"],
      ["the thin muscular tube that carries urine down from the kidney on one side",
       "the tube where a stone could get stuck and cause my pain"],
      ["the right ureter", "the ureter", "the ureteric lumen"],
      ["The left one runs down the other side in the same way.",
       "Stones often lodge where it crosses the pelvic brim or enters the bladder."],
      "it carries urine from the kidney to the bladder", mod="CT",
      alt_parts=[(0.42, 0.43), (0.43, 0.57)], names_multi=["the right ureter", "this tube", "the ureter"]),
]


def record_for(p: dict) -> dict:
    region = "abdomen" if p["plane"] == "cor" and p["target"] in ("kidney", "right ureter") else "pelvis"
    return {"modality": p["mod"], "body_region": region, "orientation": "LI" if p["plane"] == "cor" else "LP"}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the body and the mask (ellipses; some profiles sometimes in two pieces) and measure them."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    yy, xx = np.mgrid[:H, :W]
    ax, ay = (230, 181) if p["plane"] != "cor" else (200, 240)
    body = (((xx - 255.5) / ax) ** 2 + ((yy - 255.5) / ay) ** 2 <= 1).astype(float)
    parts = p["alt_parts"] if p["alt_parts"] and rng.random() < 0.5 else p["parts"]
    lo, hi = SIZE_BAND[p["size"]]
    total = rng.uniform(lo, hi) * H * W
    mask = np.zeros((H, W), bool)
    for (x, y) in parts:
        a_b = total / len(parts) / np.pi
        r = rng.uniform(0.75, 1.3)
        a, b = (a_b * r) ** 0.5, (a_b / r) ** 0.5
        cx, cy = (x + rng.uniform(-0.006, 0.006)) * (W - 1), (y + rng.uniform(-0.006, 0.006)) * (H - 1)
        mask |= ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1
    orient = "LI" if p["plane"] == "cor" else "LP"
    frame = patient_frame((H, W), orient, body_outline(body, 0.5))
    others = {o: SCENES[p["plane"]][o] for o in p["others"]}
    return compute_facts(mask, orient, others=others, frame=frame).model_dump(mode="json")


# --- how a fact is said ---------------------------------------------------------------------------

def fig(p: float) -> str:
    return f"{p:.1f}%" if p < 1 else f"{round(p)}%"


def pct_str(p: float, words: bool) -> str:
    """An approximate percent of the image, in figures or in words ('about 3%', 'less than one percent')."""
    if not words:
        return "about " + fig(p)
    if p < 1:
        return "about half a percent" if 0.35 <= p <= 0.65 else "less than one percent"
    if 9.5 <= p <= 10.5:
        return "about a tenth"
    if 19 <= p <= 21:
        return "about a fifth"
    if 24 <= p <= 26:
        return "about a quarter"
    return f"about {NUMW[round(p)]} percent"


def side_loc(v: str, rng) -> str:
    return rng.choice({
        "left": ["on the patient's left", "on the left side of the body", "in the left half of the pelvis",
                 "to the left of the midline"],
        "right": ["on the patient's right", "on the right side of the body", "in the right half of the pelvis",
                  "to the right of the midline"],
        "midline": ["in the midline", "centred on the midline", "right in the middle from side to side"],
        "bilateral": ["on both sides, one on the left and one on the right", "on both the left and the right",
                      "on each side of the midline"],
        "only_right": ["only on the patient's right", "on the right side only"],
        "only_left": ["only on the patient's left", "on the left side only"]}[v])


def vert_loc(v: str, rng) -> str:
    return rng.choice({
        "anterior": ["toward the front of the pelvis", "in the anterior part of the pelvis", "near the front"],
        "posterior": ["toward the back", "in the posterior pelvis", "far back, near the back wall"],
        "central": ["midway between front and back", "in the middle from front to back"],
        "superior": ["high up in the image, toward the head", "in the upper part of the picture"],
        "inferior": ["low down, toward the feet", "in the lower part of the image"]}[v])


def vert_loc_cor_central(rng) -> str:
    return rng.choice(["at about mid-height in the image", "halfway up the image"])


def rel_loc(rel: str, other: str, rng) -> str:
    o = OTHER_NAME[other]
    return rng.choice({"anterior_to": ["in front of {o}", "anterior to {o}"],
                       "posterior_to": ["behind {o}", "posterior to {o}", "further back than {o}"],
                       "left_of": ["to the patient's left of {o}", "on the left side of {o}"],
                       "right_of": ["to the patient's right of {o}", "on the right side of {o}"],
                       "superior_to": ["above {o}", "higher than {o}", "superior to {o}"],
                       "inferior_to": ["below {o}", "lower than {o}", "inferior to {o}"]}[rel]).format(o=o)


SIZE_WORD = {"small": ["small", "quite small", "fairly small"], "medium": ["medium-sized", "moderate in size",
             "of intermediate size"], "large": ["large", "big", "quite large"]}


def size_pred(cls, pct, words, rng) -> str:
    c = rng.choice(SIZE_WORD[cls])
    ps = pct_str(pct, words)
    return rng.choice([f"{c}, covering {ps} of the image", f"{c} here, {ps} of the slice",
                       f"{c}: {ps} of the picture"])


def count_np(n: int, words: bool, rng) -> str:
    if n == 1:
        return rng.choice(["a single connected region", "one continuous piece", "a single piece"])
    w = NUMW[n] if words or rng.random() < 0.6 else str(n)
    return rng.choice([f"{w} separate pieces", f"{w} distinct regions", f"{w} separate parts"])


class G:
    """Agreement of the pronouns and verbs for a singular or plural subject."""

    def __init__(self, pl: bool):
        self.pl = pl

    def __call__(self, t: str) -> str:
        pl = self.pl
        t = t.replace("{it}'s", "{it's}").replace("{It}'s", "{It's}")
        for a, b, c in (("{be}", "is", "are"), ("{has}", "has", "have"), ("{does}", "does", "do"),
                        ("{it's}", "it's", "they're"), ("{It's}", "It's", "They're"),
                        ("{It}", "It", "They"), ("{it}", "it", "they"), ("{its}", "its", "their"), ("{s_}", "s", ""),
                        ("{them}", "it", "them"), ("{isn't}", "isn't", "aren't"), ("{doesn't}", "doesn't", "don't")):
            t = t.replace(a, c if pl else b)
        return t


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


# --- claims: (category, value); a statement, a premise, a restatement of each ------------------------

AP_SI = ("anterior_to", "posterior_to", "superior_to", "inferior_to")


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        multi = facts["components"] > 1 and p["names_multi"]
        self.names = p["names_multi"] if multi else p["names"]
        self.g = G(p["pl"] or (p["target"] == "pelvic lymph node" and facts["components"] > 1))
        self.words = style == "words"
        self.cor = p["plane"] == "cor"

    def subj(self) -> str:
        return self.rng.choice(self.names)


def phrase(c: Ctx, claim) -> str:
    """The claim as a predicate phrase ('on the patient's left', 'behind the bladder', 'in two pieces')."""
    cat, v = claim
    rng = c.rng
    if cat == "side":
        return side_loc(v, rng)
    if cat == "vert":
        return vert_loc_cor_central(rng) if (v == "central" and c.cor) else vert_loc(v, rng)
    if cat == "rel":
        return rel_loc(v[0], v[1], rng)
    if cat == "size":
        cls, pct = v
        if cls is None:
            return f"{pct_str(pct, c.words)} of the image"
        if pct is None:
            return rng.choice(SIZE_WORD[cls])
        return f"{rng.choice(SIZE_WORD[cls])}, {pct_str(pct, c.words)} of the image"
    n = v
    if n == 1:
        return rng.choice(["in one piece", "a single connected region", "one continuous structure"])
    w = NUMW[n] if c.words or rng.random() < 0.7 else str(n)
    return rng.choice([f"in {w} separate pieces", f"split into {w} parts", f"{w} distinct regions"])


def statement(c: Ctx, claim) -> str:
    g, rng, cat, v = c.g, c.rng, claim[0], claim[1]
    if c.style == "terse" and rng.random() < 0.7:
        if cat == "side":
            short = {"only_left": "left only", "only_right": "right only"}.get(v, v)
            return f"Side: {short}."
        if cat == "vert":
            return f"Position: {v}" + (" (mid-height)." if v == "central" and c.cor else
                                      " (mid front-to-back)." if v == "central" else ".")
        if cat == "rel":
            return cap(phrase(c, claim)) + "."
        if cat == "size":
            cls, pct = v
            bits = [b for b in (cls, None if pct is None else f"~{fig(pct)} of image") if b]
            return "Size: " + ", ".join(bits) + "."
        return "Single component." if v == 1 else f"{v} separate components."
    S = cap(c.subj())
    ph = phrase(c, claim)
    if cat == "size" and v[0] is None:
        return g(rng.choice([f"{S} cover{{s_}} {ph}.", f"{S} take{{s_}} up {ph}."]))
    if cat == "count":
        if ph.startswith(("in ", "split")):
            return g(rng.choice([f"{S} {{be}} {ph}.", f"On this slice {{it}} appear{{s_}} {ph}."]))
        return g(rng.choice([f"{S} form{{s_}} {ph}.", f"On this slice {{it}} show{{s_}} up as {ph}."]))
    if cat in ("vert", "rel", "side"):
        return g(rng.choice([f"{S} {{be}} {ph}.", f"{S} lie{{s_}} {ph}.", f"{S} sit{{s_}} {ph}.",
                             f"As far as I can tell, {{it}} sit{{s_}} {ph}.", f"{S} most likely sit{{s_}} {ph}."]))
    return g(rng.choice([f"{S} {{be}} {ph}.", f"On this slice {{it's}} {ph}."]))


def premise(c: Ctx, claim) -> str:
    """A question that takes the claim for granted."""
    g, rng, cat, v = c.g, c.rng, claim[0], claim[1]
    ph = phrase(c, claim)
    if cat == "size" and v[0] is not None and (v[1] is None or rng.random() < 0.6):
        cls = v[0]
        return g(rng.choice({"large": ["Should I worry that {it}'s that big?", "Why {be} {it} so large?",
                                        "Given how big {it} {be}, is something wrong?"],
                             "small": ["Why {be} {it} so small?", "Isn't it strange that {it}'s that small?",
                                       "Given how small {it} {be}, could I be missing something?"],
                             "medium": ["Is it normal that {it}'s only medium-sized?",
                                        "Since {it}'s moderate in size, is that expected?"]}[cls]))
    if cat == "size":
        ps = pct_str(v[1], c.words)
        return g(rng.choice([f"How come {{it}} cover{{s_}} {ps} of the slice?",
                             f"Given that {{it}} take{{s_}} up {ps} of the image, is that normal?",
                             f"Why would {{it}} fill {ps} of the picture?"]))
    if cat == "count":
        if ph.startswith(("in ", "split")):
            return g(rng.choice([f"Since {{it's}} {ph}, is that normal?", f"Why {{be}} {{it}} {ph}?",
                                 f"Given that {{it's}} {ph}, does that change anything?"]))
        return g(rng.choice([f"Since {{it}} form{{s_}} {ph}, is that normal?", f"Why {{does}} {{it}} form {ph}?",
                             f"Given that {{it}} show{{s_}} up as {ph}, does that change anything?"]))
    if cat == "side" and v in ("only_left", "only_right", "left", "right") and rng.random() < 0.4:
        s = v.replace("only_", "")
        frames = [f"Isn't it odd that {{it}}'s only on the {s}?",
                  f"What makes {{it}} sit on the {s} rather than the other side?"]
        if not v.startswith("only_"):  # 'the one on the right' is true of a bilateral mask too
            frames.append(f"The one on the {s}, the one you marked: what is that one exactly?")
        return g(rng.choice(frames))
    if cat == "side" and v == "bilateral" and rng.random() < 0.4:
        return rng.choice(["Why is there one on each side?", "Is it normal to have one on both sides like that?"])
    if cat == "vert" and v in ("posterior", "anterior", "superior", "inferior") and rng.random() < 0.4:
        w = {"posterior": "far back", "anterior": "far forward", "superior": "high up", "inferior": "low down"}[v]
        return g(rng.choice([f"Given how {w} {{it}} sit{{s_}}, is that where {{it}} should be?",
                             f"Why {{does}} {{it}} sit so {w}?"]))
    return g(rng.choice([f"Isn't it odd that {{it}}'s {ph}?", f"Why {{be}} {{it}} {ph}?",
                         f"Given that {{it}}'s {ph}, does that matter?", f"Since {{it}} sit{{s_}} {ph}, is that normal?"]))


def restatement(c: Ctx, claims) -> str:
    g, rng = c.g, c.rng
    parts = [phrase(c, cl) for cl in claims]
    x = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return g(rng.choice([f"So {{it}}'s {x}?", f"Just to be sure: {{it}}'s {x}, right?",
                         f"Let me repeat that back: {x}, correct?", f"OK, so {{it}}'s {x}?"]))


def ask(c: Ctx, cat, claim=None) -> str:
    rng = c.rng
    if cat == "side":
        return rng.choice(["Which side is it on?", "Left or right, or both?", "Is it on one side or both sides?"])
    if cat == "vert":
        return rng.choice(["Is it high or low in the picture?", "Where is it from top to bottom?"] if c.cor else
                          ["Is it toward the front or the back?", "Where does it sit from front to back?"])
    if cat == "rel":
        return rng.choice(["What is it next to?", f"Where is it relative to {OTHER_NAME[claim[1][1]]}?"])
    if cat == "size":
        return rng.choice(["How big is it?", "How much of the image does it take up?", "What about its size?"])
    return rng.choice(["Is it one piece or several?", "How many separate parts are there?"])


def false_claim(c: Ctx, kind: str, truth: dict):
    """One clearly false claim of the defect kind."""
    rng, f = c.rng, c.f
    if kind == "laterality":
        side = f["laterality"]
        if side in OPP:
            return ("side", rng.choice([OPP[side], "only_" + OPP[side]]))
        if side == "midline":
            return ("side", rng.choice(["left", "right", "only_left", "only_right"]))
        return ("side", rng.choice(["only_left", "only_right"]))
    if kind == "position":
        ap = [r for r in truth["rel"] if r[1][0] in AP_SI]
        if f["vertical"] != "central" and (not ap or rng.random() < 0.5):
            flip = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
            return ("vert", flip[f["vertical"]])
        rel, other = rng.choice(ap)[1]
        flip = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
                "inferior_to": "superior_to"}
        return ("rel", (flip[rel], other))
    if kind == "size":
        cls = f["size_class"]
        if cls == "small" or (cls == "medium" and rng.random() < 0.5):
            bad = ("large", rng.choice([15.0, 20.0, 25.0]))
        else:
            bad = ("small", rng.choice([0.3, 0.4, 0.5]))
        form = rng.random()
        return ("size", bad if form < 0.4 else (bad[0], None) if form < 0.7 else (None, bad[1]))
    n = f["components"]
    return ("count", rng.choice([2, 3]) if n == 1 else rng.choice([1, n + 1]))


def truths(c: Ctx) -> dict:
    f, rng = c.f, c.rng
    side = f["laterality"]
    if side in OPP and rng.random() < 0.4:
        side = "only_" + side
    pct = f["area_fraction"] * 100
    form = rng.random()
    size = (f["size_class"], pct) if form < 0.5 else (f["size_class"], None) if form < 0.75 else (None, pct)
    return {"side": [("side", side)], "vert": [("vert", f["vertical"])],
            "rel": [("rel", (r["relation"], r["other"])) for r in f["relations"]],
            "size": [("size", size)], "count": [("count", f["components"])]}


BLOCK = {"laterality": ("side", "lat"), "position": ("vert", "ap"), "size": ("size",), "count": ("count",)}


def allowed(claim, blocked) -> bool:
    cat, v = claim
    if cat == "rel":
        return ("lat" if v[0] in ("left_of", "right_of") else "ap") not in blocked
    return cat not in blocked


def traps(c: Ctx, blocked) -> list[str]:
    """True sentences a checker may misread: negations, the display convention, other structures."""
    g, f, p = c.g, c.f, c.p
    out = list(p["kb"])
    side, vert = f["laterality"], f["vertical"]
    view = "as if facing the patient" if c.cor else "as if looking up from the patient's feet"
    if "side" not in blocked:
        if side in OPP:
            out += [g(f"{{It}} {{isn't}} on the {OPP[side]} side."),
                    g(f"On the screen {{it}} appear{{s_}} on the viewer's {OPP[side]}, which is the patient's "
                      f"{side}: {p['mod']} images are shown {view}.")]
        else:
            out += [g("{It} {isn't} confined to one side.") if side == "bilateral" else
                    g("{It} {doesn't} lean clearly to either side."),
                    f"By convention the patient's left is shown on the right of the screen, {view}."]
    if "vert" not in blocked:
        out.append(g({"anterior": "{It} {doesn't} sit toward the back.", "posterior": "{It} {isn't} near the front.",
                      "superior": "{It} {isn't} low in the image.", "inferior": "{It} {isn't} high in the image.",
                      "central": "{It} {isn't} pushed to the front or the back." if not c.cor else
                      "{It} {isn't} at the top or the bottom of the picture."}[vert]))
    if "size" not in blocked:
        out.append(g({"large": "{It} {isn't} small on this slice.", "small": "{It} {isn't} large here.",
                      "medium": "{It} {is} neither tiny nor large."}[f["size_class"]].replace("{is}", "{be}")))
    if "count" not in blocked:
        out.append(g(c.rng.choice(["There's no second piece.", "{It} {isn't} split into separate parts."])
                     if f["components"] == 1 else "{It} {isn't} a single continuous region."))
    return out


def true_of(bad, tr: dict):
    """The true claim that a false one contradicts."""
    cat, v = bad
    if cat == "rel":
        for cl in tr["rel"]:
            if cl[1][1] == v[1] and {cl[1][0], v[0]} in ({"anterior_to", "posterior_to"}, {"superior_to", "inferior_to"},
                                                          {"left_of", "right_of"}):
                return cl
        return None
    if cat == "size":
        return tr["size"][0]
    return tr[cat][0]


KIND_OF = {"side": "laterality", "vert": "position", "rel": "position", "size": "size", "count": "count"}
INTRO = {"anxious": ["I understand this feels worrying. The structure you mean is {n}, outlined here: [SEG].",
                     "Of course. Here it is: [SEG]. This is {n}.", "That's not a silly question at all. [SEG] This is {n}."],
         "tutor": ["Good question. This is {n}: [SEG].", "Nice one to revise. [SEG] That's {n}.",
                   "Let's look together. [SEG] You're looking at {n}."],
         "terse": ["[SEG] {N}.", "[SEG] Segmented: {n}.", "{N}: [SEG]."],
         "words": ["Here you go: [SEG]. This is {n}.", "[SEG] The highlighted area is {n}."]}
CLOSE = {"anxious": ["Nothing in this answer on its own is a reason for alarm.", "Please go through it with your own doctor too.", ""],
         "tutor": ["Worth remembering: {w}.", "Remember the function: {w}.", ""], "terse": [""], "words": [""]}
UPRE = {"anxious": ["Sorry, one more thing. ", "I'm still a bit worried. ", "", "Please be honest: "],
        "tutor": ["Quick follow-up: ", "", "Okay. ", "Another one: "], "terse": [""], "words": ["", "And one more: "]}
APRE = {"anxious": ["I understand. ", "That's a fair question. ", ""], "tutor": ["Good. ", "Right, let's see. ", ""],
        "terse": [""], "words": [""]}
GO_ALONG = ["That's simply how {it} appear{s_} on this slice; on its own it's not a cause for concern.",
            "Nothing unusual there. It's a common appearance and doesn't change the answer.",
            "Good observation. That's within the range of what we normally see."]
YES = ["Yes, exactly right.", "Exactly, that's it.", "Right, that's correct.", "Yes, that's it."]
NO = ["Not quite.", "No, not really.", "Actually, no.", "Close, but no."]


PLANT: dict = {}  # where the last build planted its false claim (read by the writer's own self-check only)


def first_question(c: Ctx, naming: bool, prem) -> str:
    rng, p = c.rng, c.p
    d = rng.choice(p["naming"] if naming else p["desc"])
    PLANT["desc"] = d
    pw = "coronal" if c.cor else "axial"
    q = rng.choice({
        "anxious": [f"I'm nervous about my {p['mod']} scan. Where is {d}? Could you outline it for me?",
                    f"My doctor mentioned {d} and now I'm worried. Can you show me where it is on this image?",
                    f"Sorry if this is a silly question, but can you find {d} on my scan and mark it?"],
        "tutor": [f"Which structure on this {pw} {p['mod']} slice is {d}? Could you segment it?",
                  f"I'm revising anatomy: can you segment {d} on this image?"],
        "terse": [f"Segment {d}. Location?", f"{p['mod']} {pw}: please mark {d}. Findings?",
                  f"Can you segment {d} and give side and size?"],
        "words": [f"Could you outline {d} and tell me roughly how much of the image it covers?",
                  f"Where is {d} on this picture? Please segment it and describe it in plain words."]}[c.style])
    if prem is not None:
        pq = lowfirst(premise(c, prem))
        q += " " + rng.choice(["Also, ", "And ", "One more thing: "]) + pq
        PLANT["q1"] = pq
    return q


def lowfirst(s: str) -> str:
    return s if s.startswith(("I ", "I'm")) else s[0].lower() + s[1:]


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    c = Ctx(p, facts, style, rng)
    g = c.g
    tr = truths(c)
    blocked = BLOCK.get(defect, ())
    ok = [cl for cat in ("side", "vert", "rel", "size", "count") for cl in tr[cat] if allowed(cl, blocked)]
    pool = list(ok)
    rng.shuffle(pool)
    bad = false_claim(c, defect, tr) if defect in BLOCK else None
    place = rng.choices(["q1", "premise", "restate", "a1", "a2"], weights=[1.5, 2, 2, 2.25, 2.25])[0] if bad else None
    prem = bad if place == "q1" else (pool.pop() if pool and rng.random() < 0.35 else None)
    PLANT.clear()
    turns = [("user", first_question(c, defect == "names_target", prem))]
    PLANT.update(place=place, claim=bad, text=PLANT.get("q1") if place == "q1" else None,
                 desc=PLANT["desc"])
    body = []
    if prem is not None:
        # the assistant goes along with a premise in the same words whether it is true or false
        body.append("As for your other question: " + (g(rng.choice(GO_ALONG)) if prem is bad or rng.random() < 0.4
                                                     else rng.choice(["yes. ", "that's right. "]) + statement(c, prem)))
    for cl in pool[:rng.randint(2, 3)]:
        body.append(statement(c, cl))
        pool.remove(cl)
    tp = traps(c, blocked)
    for t in rng.sample(tp, min(len(tp), rng.randint(1, 2))):
        body.insert(rng.randrange(len(body) + 1), t)
    if place == "a1":
        PLANT["text"] = statement(c, bad)
        body.insert(rng.randrange(len(body) + 1), PLANT["text"])
    n = c.names[0]
    intro = rng.choice(INTRO[style]).format(n=n, N=cap(n))
    close = rng.choice(CLOSE[style]).format(w=p["why"])
    turns.append(("assistant", " ".join([intro] + body + ([close] if close else []))))
    n_follow = rng.choice([1, 2])
    bad_round = rng.randrange(n_follow) if place in ("premise", "restate", "a2") else -1
    for r in range(n_follow):
        if r == bad_round:
            q, a = defect_move(c, place, bad, ok, tp)
        else:
            q, a = clean_move(c, pool, ok, tr, blocked, tp)
        a = rng.choice(APRE[style]) + a
        if len(a.split()) < 4:  # a bare terse fragment ('Size: large.') is too short a turn
            a += " " + rng.choice(tp)
        turns += [("user", rng.choice(UPRE[style]) + q), ("assistant", a)]
    return [{"role": r, "content": t.strip()} for r, t in turns], ([defect] if defect else [])


def extra(c: Ctx, ok, tp) -> str:
    rng = c.rng
    if ok and rng.random() < 0.5:
        return " " + statement(c, rng.choice(ok))
    return " " + rng.choice(tp)


def defect_move(c: Ctx, place, bad, ok, tp):
    rng, g = c.rng, c.g
    if place == "premise":
        PLANT["text"] = premise(c, bad)
        return PLANT["text"], g(rng.choice(GO_ALONG)) + extra(c, ok, tp)
    if place == "restate":
        claims = [bad] + ([rng.choice(ok)] if ok and rng.random() < 0.35 else [])
        rng.shuffle(claims)
        PLANT["text"] = restatement(c, claims)
        return PLANT["text"], rng.choice(YES) + extra(c, ok, tp)
    PLANT["text"] = statement(c, bad)
    return ask(c, bad[0], bad), PLANT["text"] + (extra(c, ok, tp) if rng.random() < 0.5 else "")


def clean_move(c: Ctx, pool, ok, tr, blocked, tp):
    rng, g, p = c.rng, c.g, c.p
    kind = rng.choice(["ask", "premise", "restate", "correct", "why"] if ok else ["why"])
    if kind == "ask":
        cl = pool.pop() if pool else rng.choice(ok)
        return ask(c, cl[0], cl), statement(c, cl) + (extra(c, ok, tp) if rng.random() < 0.4 else "")
    if kind == "premise":
        cl = pool.pop() if pool else rng.choice(ok)
        if rng.random() < 0.4:
            return premise(c, cl), g(rng.choice(GO_ALONG)) + extra(c, ok, tp)
        return premise(c, cl), (rng.choice(["That's right, and it's expected. ", "Yes, and that's normal. ",
                                             "Indeed, nothing odd there. "]) + statement(c, cl))
    if kind == "restate":
        claims = rng.sample(ok, min(len(ok), rng.choice([1, 2])))
        return restatement(c, claims), rng.choice(YES) + extra(c, ok, tp)
    if kind == "correct":
        for _ in range(6):
            cl = rng.choice(ok)
            bad = false_claim(c, KIND_OF[cl[0]], tr)
            fix = true_of(bad, tr)
            if allowed(bad, blocked) and fix is not None and allowed(fix, blocked):
                return restatement(c, [bad]), rng.choice(NO) + " " + statement(c, fix)
    return rng.choice(["What does it do?", "Why does it matter here?", "What is its job, briefly?"]), \
        cap(p["why"]) + "." + (" " + rng.choice(p["kb"]) if rng.random() < 0.5 else "")
