"""Bank CH: pelvis, hip, spine and brain CT/MR (axial "LP", coronal "LI", sagittal "PI"), written blind.

Written by helper qcch without opening the QC rules, their tests, other banks or any corpus row. Facts are
the product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic ellipse masks; all prose is
written FROM those facts. Four registers:

- ``compare``: a model weighing two candidate masks, "A" (the answer, the target, holding [SEG]) and "B" (a
  distractor structure with its own, different side and size, always attributed to B by name);
- ``vignette``: a narrative case vignette in the past tense ("The scan showed ... The highlighted region lay
  on the left ...");
- ``numbered``: numbered claims ending with a "Summary:" line;
- ``errors``: a reviewer's list of common errors, each framed as an error and followed by the truth.

Traps in clean rows (all true): negations, the radiological display convention, knowledge sentences about
other structures (with their own sides and sizes), population numbers, hedges, the distractor B's own
properties, errors framed as errors. Defects: exactly one false claim; about a fifth of the side, position,
size and count defects sit in a user's follow-up that the reply does not correct, about a fifth in a
follow-up answer only. Targets: urinary bladder, prostate, uterus, rectum, hip bones (both), femur (both and
one), sacrum, vertebral bodies (one axial, several sagittal), lateral ventricles, thalamus, cerebellum, a
brain tumour with 1-3 foci ("whole tumour"), and the piriformis muscle (unknown to the knowledge base).

First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import math
import random

import numpy as np

SEG = "[SEG]"
H = W = 256
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
STYLES = ["compare", "vignette", "numbered", "errors"]
SIZE_RANGE = {"small": (0.0018, 0.006), "medium": (0.018, 0.034), "large": (0.075, 0.13)}


PROFILES = [
    dict(key="bladder", target="urinary bladder", orient="LP", modality="CT", region="pelvis", area="pelvis",
         noun="urinary bladder", centres=[(0.5, 0.36)], sizes=["medium", "large"], aspect=(0.9, 1.4),
         others={"rectum": (0.5, 0.72)},
         q=["Which hollow organ stores urine until it is voided? The patient reports frequency.",
            "Please segment the structure that fills with urine and empties through the urethra.",
            "Where is the muscular reservoir that collects what the kidneys make?"],
         give=["Can you outline the bladder on this pelvic CT?", "Segment the vesical lumen, please, is it distended?",
               "Where is the urinary bladder on this slice?"],
         fn="stores urine and empties it through the urethra",
         kb=["The sigmoid colon usually lies toward the patient's left in the pelvis.",
             "An adult bladder typically holds roughly 400 to 600 mL before the urge to void becomes strong."],
         B=("left obturator internus", "left", "small")),
    dict(key="prostate", target="prostate", orient="LP", modality="MR", region="pelvis", area="pelvis",
         noun="prostate", centres=[(0.5, 0.5)], sizes=["small", "medium"], aspect=(1.0, 1.4),
         others={"rectum": (0.5, 0.68)},
         q=["Which walnut-sized gland below the bladder in men adds fluid to semen? PSA is raised.",
            "Segment the male gland that wraps around the first part of the urethra.",
            "Which gland enlarges with age and can make a man's urine stream weak?"],
         give=["Please segment the prostate gland on this MRI.", "Where is the prostatic tissue here?",
               "Outline the prostate for a PI-RADS read."],
         fn="makes part of the seminal fluid and surrounds the first part of the urethra",
         kb=["The seminal vesicles sit above and behind it, one on each side.",
             "A normal adult gland weighs about 20 to 25 grams."],
         B=("right levator ani", "right", "small")),
    dict(key="uterus", target="uterus", orient="PI", modality="MR", region="pelvis", area="pelvis",
         noun="uterus", centres=[(0.45, 0.4)], sizes=["medium", "large"], aspect=(0.8, 1.2),
         others={"urinary bladder": (0.33, 0.62), "rectum": (0.7, 0.6)},
         q=["Which pear-shaped muscular organ holds a pregnancy? She has heavy periods.",
            "Segment the organ whose lining is shed each month in the menstrual cycle.",
            "Which organ of the female pelvis contracts during labour?"],
         give=["Please outline the uterus on this sagittal MR.", "Where is the womb on this image?",
               "Can you segment the uterine body and fundus?"],
         fn="holds and nourishes a pregnancy and sheds its lining each month",
         kb=["The ovaries usually lie on either side of it, near the pelvic side walls.",
             "On a sagittal slice the front of the patient is shown on the left of the image."],
         B=("right ovary", "right", "small")),
    dict(key="rectum", target="rectum", orient="LP", modality="CT", region="pelvis", area="pelvis",
         noun="rectum", centres=[(0.5, 0.71)], sizes=["small", "medium"], aspect=(0.9, 1.2),
         others={"urinary bladder": (0.5, 0.36)},
         q=["Which last straight segment of the large bowel stores stool before it is passed?",
            "Segment the bowel segment just above the anal canal; there was bleeding on defaecation.",
            "Where is the part of the gut that senses fullness and triggers the urge to empty?"],
         give=["Segment the rectum on this CT, please.", "Where is the rectal wall thickening?",
               "Can you outline the anorectum here?"],
         fn="stores stool until it can be passed and senses when it is full",
         kb=["The bladder sits in front of it in the pelvis.",
             "In adults it is roughly 12 to 15 cm long."],
         B=("left seminal vesicle", "left", "small")),
    dict(key="hips", target="hip bone", orient="LI", modality="CT", region="pelvis", area="pelvis",
         noun="hip bones", centres=[(0.28, 0.45), (0.72, 0.45)], sizes=["medium", "large"], aspect=(0.6, 0.9),
         others={"sacrum": (0.5, 0.33)},
         q=["Which paired flat bones form the sides of the bony ring, each with a socket for the thigh?",
            "Segment the large flat bones that carry the trunk's weight down to the legs.",
            "After a fall onto the side, which paired flat bones of the pelvic ring should I check?"],
         give=["Segment both hip bones on this coronal CT.", "Where are the iliac bones here?",
               "Please outline the innominate bones."],
         fn="carry the weight of the trunk to the legs and form the hip sockets",
         kb=["The sacrum closes the ring at the back, between them.",
             "The femoral heads sit in the sockets below and to each side."],
         B=("sacrum", "midline", "small")),
    dict(key="femurs", target="femur", orient="LI", modality="CT", region="lower limb", area="hips",
         noun="femurs", centres=[(0.3, 0.74), (0.7, 0.74)], sizes=["medium", "large"], aspect=(0.3, 0.45),
         others={"urinary bladder": (0.5, 0.4)},
         q=["Which long bones run from the pelvis to the knees and carry the body's weight?",
            "Segment the longest bones of the body on this coronal image.",
            "Which long bones could be broken after this fall from a ladder? Outline them."],
         give=["Segment both femurs.", "Please outline the femoral shafts on both sides.",
               "Where are the thigh bones on this coronal CT?"],
         fn="carry the body's weight from the pelvis to the knees",
         kb=["The urinary bladder sits in the middle of the pelvis above them.",
             "The average adult femur is about 45 to 48 cm long."],
         B=("urinary bladder", "midline", "small")),
    dict(key="femur1", target="femur", orient="LI", modality="CT", region="lower limb", area="hips",
         noun="femur", centres=[(0.3, 0.74)], flip=True, sizes=["medium"], aspect=(0.3, 0.45),
         others={"urinary bladder": (0.5, 0.4)},
         q=["Only one leg hurts after the fall: which long bone from the pelvis to the knee is involved?",
            "Segment the long weight-bearing bone of the leg that is shown on this coronal image.",
            "Which long bone of the lower limb holds marrow and anchors the quadriceps? Outline it."],
         give=["Segment the femur on this coronal CT.", "Where is the femoral neck fracture?",
               "Outline the thighbone, please."],
         fn="carries the body's weight from the pelvis to the knee",
         kb=["The urinary bladder sits in the middle of the pelvis above it.",
             "The average adult femur is about 45 to 48 cm long."],
         B=("urinary bladder", "midline", "small")),
    dict(key="sacrum", target="sacrum", orient="PI", modality="CT", region="spine", area="spine",
         noun="sacrum", centres=[(0.72, 0.64)], sizes=["small", "medium"], aspect=(0.5, 0.8),
         others={"l5 vertebra": (0.6, 0.36)},
         q=["Which triangular bone at the base of the back joins the two sides of the pelvis?",
            "Segment the wedge-shaped bone that forms the back wall of the pelvis; there is tailbone pain.",
            "Which fused bone carries the trunk's weight into the pelvis? Outline it on this sagittal CT."],
         give=["Segment the sacrum, please.", "Where is the sacral fracture line?",
               "Outline the sacral bone on this sagittal slice."],
         fn="transmits the weight of the trunk into the pelvis",
         kb=["The fifth lumbar vertebra sits directly above it.",
             "It is made of five fused segments in adults."],
         B=("right sacroiliac joint", "right", "small")),
    dict(key="vbodies", target="vertebral body", orient="PI", modality="MR", region="spine", area="spine",
         noun="vertebral bodies", centres=[(0.45, 0.3), (0.45, 0.46), (0.45, 0.62), (0.45, 0.78)], multi=(2, 4),
         sizes=["small", "medium"], aspect=(0.9, 1.1), others={"spinal cord": (0.6, 0.5)},
         q=["Which weight-bearing blocks of bone are stacked in front of the cord in the back?",
            "Segment the drum-shaped bony blocks that carry the load of the trunk on this sagittal MR.",
            "Which stacked bones could collapse in osteoporosis and cause height loss? Outline them."],
         give=["Segment the vertebral bodies.", "Where are the lumbar vertebrae on this MR?",
               "Outline each vertebra of the lumbar spine."],
         fn="carry the weight of the trunk and protect the cord behind them",
         kb=["The intervertebral discs sit between them as cushions.",
             "The spinal cord usually ends around the level of the first or second lumbar segment in adults."],
         B=("left psoas muscle", "left", "medium")),
    dict(key="vbody", target="vertebral body", orient="LP", modality="CT", region="spine", area="abdomen",
         noun="vertebral body", centres=[(0.5, 0.64)], sizes=["small", "medium"], aspect=(0.9, 1.2),
         others={"aorta": (0.5, 0.5)},
         q=["Which weight-bearing block of bone sits behind the aorta on this axial slice?",
            "Segment the bony block that carries the trunk's load; there was a fall onto the buttocks.",
            "Which bone could be compressed in osteoporosis here? Outline it."],
         give=["Segment the vertebral body.", "Where is the vertebra on this axial CT?",
               "Outline the L2 body please."],
         fn="carries the weight of the trunk and shields the cord behind it",
         kb=["The aorta runs in front of it, slightly toward the left.",
             "The inferior vena cava runs on the patient's right of the aorta."],
         B=("right psoas muscle", "right", "small")),
    dict(key="ventricles", target="lateral ventricle", orient="LP", modality="MR", region="head", area="brain",
         noun="lateral ventricles", centres=[(0.42, 0.41), (0.58, 0.41)], sizes=["small", "medium"],
         aspect=(0.35, 0.6), others={},
         q=["Which fluid-filled cavities inside the cerebral hemispheres hold the fluid that cushions the brain?",
            "Segment the paired cavities that contain the choroid plexus; there is headache and vomiting.",
            "Where are the C-shaped fluid spaces inside each half of the brain?"],
         give=["Segment the lateral ventricles.", "Are the lateral ventricles enlarged? Outline them.",
               "Segment the lateral ventricle on each side."],
         fn="hold the cerebrospinal fluid that cushions the brain",
         kb=["The third ventricle is a thin slit in the midline between the two thalami.",
             "The fourth ventricle lies at the back, in front of the cerebellum."],
         B=("right caudate nucleus", "right", "small")),
    dict(key="thalamus", target="thalamus", orient="LP", modality="MR", region="head", area="brain",
         noun="thalamus", centres=[(0.42, 0.53)], flip=True, sizes=["small"], aspect=(0.6, 0.9),
         others={"third ventricle": (0.5, 0.53)},
         q=["Which egg-shaped deep grey relay station passes sensation on to the cortex? There is numbness.",
            "Segment the deep nucleus that regulates sleep and relays sensory signals.",
            "The patient has one-sided sensory loss after a small stroke: which deep relay nucleus is it?"],
         give=["Segment the thalamus.", "Where is the thalamic infarct?", "Outline the thalamus on this slice, please."],
         fn="relays sensation to the cortex and helps regulate sleep",
         kb=["The third ventricle is a thin slit in the midline between the two thalami.",
             "The internal capsule runs lateral to it on each side."],
         B=("left putamen", "left", "medium")),
    dict(key="cerebellum", target="cerebellum", orient="LP", modality="MR", region="head", area="brain",
         noun="cerebellum", centres=[(0.5, 0.76)], sizes=["medium", "large"], aspect=(1.6, 2.2),
         others={"fourth ventricle": (0.5, 0.62)},
         q=["Which folded structure at the back of the head coordinates balance? The gait is unsteady.",
            "Segment the part of the brain under the cerebrum that fine-tunes movement.",
            "Which part of the hindbrain would explain the patient's ataxia? Outline it."],
         give=["Segment the cerebellum.", "Where is the cerebellar hemisphere here?",
               "Outline the cerebellum on this axial MR."],
         fn="coordinates movement and balance",
         kb=["The fourth ventricle sits in front of it in the midline.",
             "It holds more than half of the brain's neurons despite its size."],
         B=("left occipital lobe", "left", "large")),
    dict(key="tumour", target="whole tumour", orient="LP", modality="MR", region="head", area="brain",
         noun="tumour", centres=None, sizes=["small", "medium"], aspect=(0.7, 1.4),
         others={"fourth ventricle": (0.5, 0.86)},
         q=["Which abnormal areas on this FLAIR could explain the new seizures?",
            "Segment the abnormal signal that a neurosurgeon would want to plan around.",
            "Where is the abnormal growth on this brain MR? She has had headaches for weeks."],
         give=["Segment the glioma.", "Where is the tumour on this MR?", "Outline the brain tumor, please."],
         fn="is abnormal tissue that displaces and infiltrates the brain around it",
         kb=["Gliomas are the most common primary brain growths in adults.",
             "The falx separates the two cerebral hemispheres in the midline."],
         B=("third ventricle", "midline", "small")),
    dict(key="piriformis", target="piriformis muscle", orient="LP", modality="CT", region="pelvis",
         area="pelvis", noun="piriformis muscle", centres=[(0.31, 0.68)], flip=True, sizes=["small"],
         aspect=(1.3, 1.9), others={"sacrum": (0.5, 0.7)},
         q=["Which small pear-shaped muscle deep in the buttock can irritate the sciatic nerve?",
            "Segment the deep buttock muscle that rotates the thigh outward; there is sciatica.",
            "Where is the muscle that passes through the greater sciatic notch?"],
         give=["Segment the piriformis.", "Where is the piriformis muscle here?",
               "Outline the piriformis on this CT."],
         fn="rotates the thigh outward and steadies the hip",
         kb=["The sciatic nerve usually runs just below it.",
             "The gluteus maximus covers it from behind."],
         B=("urinary bladder", "midline", "medium")),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def _draw(p: dict, rng: random.Random):
    """(components centres, size class) for one mask of profile p."""
    if p["key"] == "tumour":
        n = rng.choice([1, 1, 2, 3])
        spots = [(0.32, 0.35), (0.68, 0.38), (0.34, 0.64), (0.66, 0.66), (0.45, 0.3), (0.56, 0.7)]
        return rng.sample(spots, n), rng.choice(p["sizes"])
    centres = list(p["centres"])
    if "multi" in p:
        n = rng.randint(*p["multi"])
        start = rng.randint(0, len(centres) - n)
        centres = centres[start:start + n]
    if p.get("flip") and rng.random() < 0.5:
        centres = [(1 - x, y) for x, y in centres]
    return centres, rng.choice(p["sizes"])


def facts_for(p: dict, rng: random.Random) -> dict:
    """MaskFacts of a synthetic ellipse mask, measured by the product (`compute_facts`)."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    while True:
        centres, size = _draw(p, rng)
        lo, hi = SIZE_RANGE[size]
        total = rng.uniform(lo, hi) * H * W
        yy, xx = np.mgrid[0:H, 0:W]
        mask = np.zeros((H, W), bool)
        for cx, cy in centres:
            a = rng.uniform(*p["aspect"])
            r = math.sqrt(total / len(centres) / math.pi)
            rx, ry = r * math.sqrt(a), r / math.sqrt(a)
            x0, y0 = (cx + rng.uniform(-0.015, 0.015)) * (W - 1), (cy + rng.uniform(-0.015, 0.015)) * (H - 1)
            mask |= ((xx - x0) / rx) ** 2 + ((yy - y0) / ry) ** 2 <= 1.0
        frame = None
        if p["orient"] == "PI":  # sagittal: the plane's own offset from the midline gives the side
            frame = PatientFrame("world", ((W - 1) / 2, (H - 1) / 2), (float(W), float(H)), None,
                                 plane_offset=rng.uniform(-0.02, 0.02))
        f = compute_facts(mask, p["orient"], others=p["others"], frame=frame)
        frac = f.area_fraction
        if f.components != len(centres) or 0.007 < frac < 0.014 or 0.04 < frac < 0.065:
            continue
        if f.laterality == "unknown":
            continue
        return f.model_dump(mode="json")


# ---------------------------------------------------------------------------------------------- phrases

OTHER_NAME = {"l5 vertebra": "fifth lumbar vertebra"}


def side_pred(side: str, p: dict, rng: random.Random) -> str:
    a = p["area"]
    return rng.choice({
        "left": ["on the patient's left", "left-sided", f"in the left half of the {a}",
                 "to the left of the midline (patient's left)"],
        "right": ["on the patient's right", "right-sided", f"in the right half of the {a}",
                  "to the right of the midline (patient's right)"],
        "midline": ["in the midline", "centred on the midline, favouring neither side", "a midline structure"],
        "bilateral": ["bilateral, with a part on each side", "present on both the left and the right",
                      "on both sides of the midline"],
        "left only": ["confined to the patient's left", "only on the left side", "purely left-sided"],
        "right only": ["confined to the patient's right", "only on the right side", "purely right-sided"],
    }[side])


def wrong_side(side: str, rng: random.Random) -> str:
    if side in ("left", "right"):
        return {"left": "right", "right": "left"}[side]
    if side == "bilateral":
        return rng.choice(["left only", "right only"])
    return rng.choice(["left", "right"])


def vert_pred(v: str, p: dict, rng: random.Random) -> str:
    a = p["area"]
    return rng.choice({
        "anterior": ["anterior", "toward the front", f"in the front part of the {a}"],
        "posterior": ["posterior", "toward the back", f"in the back part of the {a}"],
        "superior": ["superior", "toward the head end", f"in the upper part of the {a} (superior)"],
        "inferior": ["inferior", "toward the feet", f"in the lower part of the {a} (inferior)"],
    }[v])


VOPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
RWORDS = {"anterior_to": ["in front of", "anterior to", "ventral to"],
          "posterior_to": ["behind", "posterior to", "dorsal to"],
          "superior_to": ["above", "superior to", "cranial to"],
          "inferior_to": ["below", "inferior to", "caudal to"],
          "left_of": ["to the patient's left of", "on the left side of"],
          "right_of": ["to the patient's right of", "on the right side of"]}
ROPP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
        "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}


def rel_pred(rel: str, other: str, rng: random.Random) -> str:
    return f"{rng.choice(RWORDS[rel])} the {OTHER_NAME.get(other, other)}"


def pct(frac: float) -> str:
    return f"{frac * 100:.1f}"


def size_pred(cls: str, frac: float, rng: random.Random) -> str:
    word = rng.choice({"small": ["small", "a small region"], "medium": ["medium-sized", "moderate in size"],
                       "large": ["large", "a large region"]}[cls])
    where = rng.choice(["of the image", "of the slice", "of the field of view"])
    return rng.choice([f"{word}, about {pct(frac)}% {where}", f"{word} (roughly {pct(frac)} percent {where})",
                       f"{word}, covering around {pct(frac)}% {where}"])


def wrong_size(cls: str, frac: float) -> tuple[str, float]:
    if cls == "small" or (cls == "medium" and frac < 0.026):
        return "large", 0.14
    return "small", 0.003


def count_pred(n: int, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["a single connected region", "one continuous piece", "one contiguous region"])
    return rng.choice([f"{NUM[n]} separate regions", f"{NUM[n]} disconnected pieces", f"{NUM[n]} distinct parts"])


def wrong_count(n: int, rng: random.Random) -> int:
    return 2 if n == 1 else rng.choice([1, n + 1])


def convention(p: dict) -> str:
    if p["orient"] == "PI":
        return "On this sagittal display the patient's front is on the left of the image and the head is at the top."
    if p["orient"] == "LI":
        return "As on any coronal image read by radiological convention, the patient's left is shown on the right of the screen."
    return "By radiological convention the patient's left appears on the right side of the screen on axial images."


def negation_text(kind: str, f: dict, past: bool) -> str:
    s, n = f["laterality"], f["components"]
    v = "was" if past else "is"
    if kind == "side":
        return {"left": f"It {v} not on the right.", "right": f"It {v} not on the left.",
                "midline": f"It {'did' if past else 'does'} not favour either side.",
                "bilateral": f"It {v} not confined to one side."}[s]
    return f"There {v} no second region." if n == 1 else f"The parts {'were' if past else 'are'} not joined to one another."


# ---------------------------------------------------------------------------------------------- claims

KINDS_OF = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}


class Claims:
    """True predicates of a mask, and at most one false one (`bad`, for kind `wrong`)."""

    def __init__(self, p: dict, f: dict, rng: random.Random, defect: str | None):
        self.p, self.f, self.rng = p, f, rng
        self.poss = []  # (true predicate, false predicate) for each position fact
        if f["vertical"] in VOPP:
            self.poss.append(("v", f["vertical"]))
        for r in f["relations"]:
            self.poss.append(("r", (r["relation"], r["other"])))
        self.pos_pick = rng.choice(self.poss) if self.poss else None
        self.wrong = KINDS_OF.get(defect or "")

    def pos_text(self, item, false: bool) -> str:
        kind, val = item
        if kind == "v":
            return vert_pred(VOPP[val] if false else val, self.p, self.rng)
        rel, other = val
        return rel_pred(ROPP[rel] if false else rel, other, self.rng)

    def say(self, kind: str, false: bool = False) -> str:
        f, rng = self.f, self.rng
        if kind == "side":
            return side_pred(wrong_side(f["laterality"], rng) if false else f["laterality"], self.p, rng)
        if kind == "pos":
            return self.pos_text(self.pos_pick, false)
        if kind == "size":
            if false:
                cls, frac = wrong_size(f["size_class"], f["area_fraction"])
                return size_pred(cls, frac, rng)
            return size_pred(f["size_class"], f["area_fraction"], rng)
        n = wrong_count(f["components"], rng) if false else f["components"]
        return count_pred(n, rng)

    def error_of(self, kind: str) -> str:
        """A plausible WRONG value of `kind`, for sentences that frame it as an error."""
        f, rng = self.f, self.rng
        if kind == "side":
            return side_pred(wrong_side(f["laterality"], rng), self.p, rng)
        if kind == "pos":
            return self.pos_text(self.pos_pick, True)
        if kind == "size":
            return wrong_size(f["size_class"], f["area_fraction"])[0]
        return count_pred(wrong_count(f["components"], rng), rng)


# ---------------------------------------------------------------------------------------------- registers

def b_parts(p: dict, f: dict) -> tuple[str, str, str]:
    name, side, size = p["B"]
    if side in ("left", "right") and side == f["laterality"]:
        side = {"left": "right", "right": "left"}[side]
        name = name.replace("left", "TMP").replace("right", "left").replace("TMP", "right")
    if size == f["size_class"]:
        size = "large" if size != "large" else "small"
    return name, side, size


def compare_a1(c: Claims, kinds: list[str], bad: str | None) -> str:
    p, f, rng = c.p, c.f, c.rng
    bname, bside, bsize = b_parts(p, f)
    head = rng.choice(["Two candidate masks could answer this.", "I weighed two candidate regions before choosing.",
                       "There are two plausible candidates here, A and B."])
    lines = [head, "", f"**Candidate A** {SEG}: the {p['noun']}."]
    frames = {"side": ["Mask A is {x}.", "A is {x}.", "Candidate A is {x}."],
              "pos": ["A lies {x}.", "It lies {x}.", "Mask A sits {x}."],
              "size": ["A is {x}.", "In size, A is {x}.", "Candidate A is {x}."],
              "count": ["A consists of {x}.", "The mask A forms {x}.", "Mask A is made of {x}."]}
    for k in kinds:
        lines.append(rng.choice(frames[k]).format(x=c.say(k, k == bad)))
    if "side" in kinds and bad != "side" and rng.random() < 0.5:
        lines.append(negation_text("side", f, False))
    lines += ["", rng.choice([
        f"**Candidate B** would be the {bname}, but B is {side_pred(bside, p, rng)} and {bsize}, so it does not fit.",
        f"**Candidate B** (the {bname}) is a {bsize} structure; B is {side_pred(bside, p, rng)}, which rules it out.",
        f"**Candidate B**, the {bname}, is {bsize} and {side_pred(bside, p, rng)}, so I set B aside."])]
    lines += ["", rng.choice([f"I'd go with A: the {p['noun']} {p['fn']}.",
                              f"A is most likely the intended structure, since it {p['fn']}." if p["noun"][-1] != "s"
                              else f"A is most likely intended: the {p['noun']} {p['fn']}."])]
    if rng.random() < 0.5:
        lines.append(convention(p))
    return "\n".join(lines)


AGES = ["34", "47", "58", "63", "71", "29"]


def vignette_a1(c: Claims, kinds: list[str], bad: str | None) -> str:
    p, f, rng = c.p, c.f, c.rng
    who = rng.choice(["woman", "man"]) if p["key"] not in ("prostate", "uterus") else \
        ("man" if p["key"] == "prostate" else "woman")
    s = [rng.choice([f"A {rng.choice(AGES)}-year-old {who} underwent {p['modality']} imaging of the {p['area']}.",
                     f"The patient, a {rng.choice(AGES)}-year-old {who}, was referred for {p['modality']}."]),
         rng.choice([f"The scan showed the {p['noun']} {SEG}.",
                     f"The {p['noun']} {'were' if p['noun'][-1] == 's' else 'was'} highlighted on the scan {SEG}."])]
    frames = {"side": ["The highlighted region lay {x}.", "It was {x}.", "The marked area was {x}."],
              "pos": ["It lay {x}.", "The region sat {x}.", "On that slice it lay {x}."],
              "size": ["It was {x}.", "The region was {x}.", "In size it was {x}."],
              "count": ["It consisted of {x}.", "The mask formed {x}.", "The segmentation comprised {x}."]}
    for k in kinds:
        s.append(rng.choice(frames[k]).format(x=c.say(k, k == bad)))
        if k != bad and k in ("side", "count") and rng.random() < 0.35:
            s.append(negation_text(k, f, True))
    if rng.random() < 0.5:
        s.append(rng.choice(p["kb"]))
    s.append(rng.choice([f"The reporting radiologist noted that the {p['noun']} {p['fn']}.",
                         "The findings were discussed with the referring team."]))
    return " ".join(s)


def numbered_a1(c: Claims, kinds: list[str], bad: str | None) -> str:
    p, f, rng = c.p, c.f, c.rng
    label = {"side": rng.choice(["Side", "Laterality"]), "pos": rng.choice(["Position", "Location"]),
             "size": rng.choice(["Size", "Extent"]), "count": rng.choice(["Regions", "Connectivity"])}
    frames = {"side": "it is {x}.", "pos": "it lies {x}.", "size": "it is {x}.", "count": "the mask is {x}."}
    out = [f"1. Target: the {p['noun']} {SEG}."]
    for i, k in enumerate(kinds, 2):
        out.append(f"{i}. {label[k]}: " + frames[k].format(x=c.say(k, k == bad)))
    n = len(kinds) + 2
    if rng.random() < 0.5:
        out.append(f"{n}. Convention: {convention(p)}")
        n += 1
    if rng.random() < 0.5:
        out.append(f"{n}. Context: {rng.choice(p['kb'])}")
    summ = [c.say(k) for k in kinds if k != bad and k in ("side", "size")][:2]
    out.append("Summary: the " + p["noun"] + (", " + "; ".join(summ) if summ else "") + ".")
    return "\n".join(out)


def errors_a1(c: Claims, kinds: list[str], bad: str | None) -> str:
    p, f, rng = c.p, c.f, c.rng
    out = [rng.choice([f"Review of this answer {SEG} (target: the {p['noun']}). Common errors to avoid:",
                       f"Reviewer's checklist for the {p['noun']} mask {SEG}:"])]
    for k in kinds:
        if k == bad:  # the truth framed as an error, then a false assertion
            err, fact = c.say(k), c.say(k, True)
        else:
            err, fact = c.error_of(k), c.say(k)
        out.append("- " + rng.choice({
            "side": [f"A common error is to call it {err}; it is in fact {fact}.",
                     f"Trainees often describe it as {err}. That is wrong: it is {fact}."],
            "pos": [f"A frequent mistake is to place it {err}; it actually lies {fact}.",
                    f"Do not say it lies {err}; it lies {fact}."],
            "size": [f"Some reviewers call it {err.split(',')[0]}; it is {fact}.",
                     f"A common slip is to describe it as {err.split(',')[0]}, but it is {fact}."],
            "count": [f"Another error is to count {err}; the mask is {fact}.",
                      f"It is easy to report {err} here, but the mask is {fact}."]}[k]))
    if rng.random() < 0.5:
        out.append("- " + convention(p))
    if rng.random() < 0.5:
        out.append("- Not an error, just context: " + rng.choice(p["kb"]))
    return "\n".join(out)


A1 = {"compare": compare_a1, "vignette": vignette_a1, "numbered": numbered_a1, "errors": errors_a1}

# ---------------------------------------------------------------------------------------------- follow-ups

FQ = {"side": ["Which side is it on?", "Is it on the left or the right?", "So which side of the patient is that?"],
      "size": ["How big is it?", "How large is the highlighted area?", "Is it big or small compared with the whole image?"],
      "count": ["Is it one piece or several?", "How many separate regions are there?"],
      "pos": ["Where exactly does it sit?", "How does it relate to its neighbours?"],
      "why": ["Why is that?", "Why does that matter clinically?", "Why would a clinician care about this structure?"],
      "long": ["If I had to explain this to a first-year student who has never looked at a {m} of the {a}, "
               "what would you tell them about what this structure does?"]}


def follow_answer(c: Claims, kind: str, false: bool) -> str:
    p, f, rng = c.p, c.f, c.rng
    if kind == "side":
        x = c.say("side", false)
        s = rng.choice([f"It is {x}.", f"The mask is {x}.", f"Looking again, it is {x}."])
        return s + " " + convention(p)
    if kind == "size":
        return rng.choice([f"It is {c.say('size', false)}.", f"The region is {c.say('size', false)}."]) + \
            (" " + rng.choice(p["kb"]) if rng.random() < 0.4 else "")
    if kind == "count":
        s = rng.choice([f"The mask is {c.say('count', false)}.", f"It consists of {c.say('count', false)}."])
        return s if false else s + " " + negation_text("count", f, False)
    if kind == "pos":
        return rng.choice([f"It lies {c.say('pos', false)}.", f"On this slice it sits {c.say('pos', false)}."])
    if kind == "long":
        return f"I would tell them that the {p['noun']} {p['fn']}. " + rng.choice(p["kb"])
    return rng.choice([f"Because the {p['noun']} {p['fn']}. " + rng.choice(p["kb"]),
                       f"Mainly because it {p['fn']}. " + rng.choice(p["kb"])]) \
        if p["noun"][-1] != "s" else f"Because the {p['noun']} {p['fn']}. " + rng.choice(p["kb"])


def user_presupposes(c: Claims, kind: str) -> str:
    x = c.say(kind, True)
    rng = c.rng
    return rng.choice({
        "side": [f"Since it is {x}, could that explain the symptoms?", f"OK, so it is {x}. Is that normal?"],
        "pos": [f"Given that it lies {x}, how would a surgeon approach it?", f"So it lies {x} - is that typical?"],
        "size": [f"Given that it is {x}, should we worry?", f"It is {x}, right? What does that usually mean?"],
        "count": [f"Why does it consist of {x}?", f"So we are looking at {x}. Does that matter?"]}[kind])


def vague_reply(c: Claims) -> str:
    p, rng = c.p, c.rng
    return rng.choice([f"That is a fair question. Clinically, the {p['noun']} matters because it {p['fn']}"
                       if p["noun"][-1] != "s" else f"That is a fair question. The {p['noun']} {p['fn']}",
                       f"It depends on the clinical picture; the {p['noun']} should be read together with the history"]) \
        + ". " + rng.choice(p["kb"])


# ---------------------------------------------------------------------------------------------- build

def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    c = Claims(p, facts, rng, defect)
    kind = c.wrong
    if kind == "pos" and c.pos_pick is None:
        raise ValueError(f"profile {p['key']}: no position fact to falsify")
    where = None
    if kind:
        r = rng.random()
        where = "user" if r < 0.22 else "follow" if r < 0.44 else "a1"
    all_kinds = ["side", "pos", "size", "count"] if c.pos_pick else ["side", "size", "count"]
    rng.shuffle(all_kinds)
    a1_kinds = [k for k in all_kinds if not (k == kind and where in ("user", "follow"))]
    if where in (None, "a1") and rng.random() < 0.3:  # sometimes leave one true fact unsaid
        drop = rng.choice([k for k in a1_kinds if k != kind])
        a1_kinds = [k for k in a1_kinds if k != drop]
    q1 = rng.choice(p["give"]) if defect == "names_target" else rng.choice(p["q"])
    turns = [{"role": "user", "content": q1},
             {"role": "assistant", "content": A1[style](c, a1_kinds, kind if where == "a1" else None)}]
    if where == "user":
        turns += [{"role": "user", "content": user_presupposes(c, kind)}, {"role": "assistant", "content": vague_reply(c)}]
    elif where == "follow":
        turns += [{"role": "user", "content": rng.choice(FQ[kind])},
                  {"role": "assistant", "content": follow_answer(c, kind, True)}]
    n_more = rng.choice([0, 1, 1, 2]) if where in (None, "a1") else rng.choice([0, 0, 1])
    safe = [k for k in ("side", "size", "count", "pos", "why", "long") if k != kind and (k != "pos" or c.pos_pick)]
    for k in rng.sample(safe, n_more):
        q = rng.choice(FQ[k]).format(m=p["modality"], a=p["area"])
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": follow_answer(c, k, False)}]
    return turns, [defect] if defect else []
