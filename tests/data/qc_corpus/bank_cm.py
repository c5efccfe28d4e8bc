"""Bank CM: musculoskeletal and pelvis CT/MR (axial "LP", coronal "LI", sagittal "PI") plus endoscopy and
dermoscopy photos without patient axes, in four registers new to the corpus: a figure caption with its
accessibility alt text, a grading rubric with a score per criterion, YAML front matter followed by prose,
and a pros-and-cons list of the segmentation (cons about image and mask quality only).

Written blind (helper qccm): nothing from `medseg_qa.qc` was opened or imported. Facts are measured by
the product's `compute_facts` on synthetic ellipse masks; the prose is written from those facts. One
planted false claim per defective row (laterality, position, size, count, names_target); about a fifth
of side/position/size/count defects sit in a user question or restatement that the reply leaves
uncorrected, some only in a follow-up answer. In a defective row every true statement of the planted
kind about the target is left out, so the false one is the only claim of its kind.

First measure: not taken by the writer (the lead measures once after merging). The writer's own reader
(/work/notes/qccm_scripts/check_cm.py, no QC code) found, on the 420 rows (210 clean, 42 of each kind), every
defect row's one false claim and nothing false in any clean row; 43 of the 168 side/position/size/count defects
sit in a user turn, 27 only in a follow-up answer.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["caption", "rubric", "yaml", "proscons"]
W = H = 256

# geometry: components as (cx, cy, rx, ry) in image fractions; others: normalised centroids
PROFILES = [
    dict(target="femur", orient="LP", modality="CT", region="lower limb", plane="axial", where="thighs",
         comps=[(0.30, 0.46, 0.06, 0.06), (0.70, 0.46, 0.06, 0.06)], others={"gluteus maximus": (0.5, 0.80)},
         alias=["the femoral pair", "the two thigh bones"], plural=True,
         q=["In this axial CT through the upper legs, which bones carry the body's weight from the hips down to "
            "the knees? Please segment them.",
            "Which long bones anchor the muscles we walk with, seen here in cross-section on an axial CT? "
            "Outline them for me, please."],
         give=["the femurs", "both femora", "the femoral shafts", "the thigh bones"],
         fn="carry body weight from the hips to the knees and hold blood-forming marrow",
         kb=["The sciatic nerve runs down the back of each thigh.",
             "The great saphenous vein lies superficially on the inner side of the leg.",
             "The heart, far above this slice, points toward the patient's left in most people."],
         pop="In adults the thigh bone is roughly a quarter of body height, the longest bone in the body."),
    dict(target="left femur", orient="LI", modality="MR", region="lower limb", plane="coronal", where="hips and thighs",
         comps=[(0.68, 0.70, 0.055, 0.20)], others={"left hip bone": (0.68, 0.36), "urinary bladder": (0.5, 0.42)},
         alias=["the femur", "the long bone", "this bone"], plural=False,
         q=["On this coronal MR of the hips and upper legs, which long bone transmits weight from the hip joint "
            "to the knee on one side? Please segment it.",
            "Which bone here forms the ball of the hip joint and runs all the way down to the knee? Segment it please."],
         give=["the left femur", "the femoral shaft", "the thighbone", "the left femoral diaphysis"],
         fn="transmits weight from the hip to the knee",
         kb=["The urinary bladder sits in the midline of the pelvis above the pubic bones.",
             "The liver lies mostly on the right, well above this field of view.",
             "The iliopsoas muscle passes in front of the hip joint on each side."],
         pop="Adult femoral length is typically around 45 to 50 cm."),
    dict(target="right hip bone", orient="LP", modality="CT", region="pelvis", plane="axial", where="pelvis",
         comps=[(0.26, 0.50, 0.08, 0.13)], others={"sacrum": (0.5, 0.66), "urinary bladder": (0.5, 0.36)},
         alias=["the flat pelvic bone", "the bone", "this bone"], plural=False,
         q=["Which flat bone forms one side wall of the pelvic ring in this axial CT? Please segment it.",
            "In this axial CT of the pelvis, which bone carries the trunk's weight to the leg and forms the socket for "
            "the thigh bone? Outline it please."],
         give=["the right hip bone", "the ilium", "the right innominate bone", "the os coxae", "the iliac bone"],
         fn="carries the trunk's weight down to the leg and gives the hip joint its socket",
         kb=["The sigmoid colon usually loops on the left side of the pelvis.",
             "The sacrum closes the pelvic ring at the back, in the midline.",
             "The descending colon runs down the left flank above the pelvis."],
         pop="In adults each of these bones forms from three bones that fuse by about age 25."),
    dict(target="sacrum", orient="LP", modality="CT", region="pelvis", plane="axial", where="pelvis",
         comps=[(0.50, 0.68, 0.12, 0.07)], others={"urinary bladder": (0.5, 0.36), "right hip bone": (0.24, 0.52)},
         alias=["the triangular bone", "the bone", "this bone"], plural=False,
         q=["In this axial CT, which triangular bone at the base of the spine sits between the two hip bones? "
            "Please segment it.",
            "Which bone here transmits the trunk's weight into the pelvis and carries nerve roots to the legs? Segment it."],
         give=["the sacrum", "the sacral bone", "the sacral vertebrae", "the S1 segment of the sacrum"],
         fn="transmits the weight of the trunk to the pelvis",
         kb=["The hip bones flank it on either side, one on the left and one on the right.",
             "The bladder sits at the front of the pelvis, well anterior to the spine.",
             "The spleen lies high in the left upper abdomen, far from this slice."],
         pop="The adult bone is formed by five fused segments."),
    dict(target="vertebral body", orient="PI", modality="MR", region="spine", plane="sagittal", where="lumbar spine",
         comps=[(0.55, 0.30, 0.07, 0.065), (0.55, 0.50, 0.07, 0.065), (0.55, 0.70, 0.07, 0.065)],
         others={"spinal canal": (0.70, 0.50), "aorta": (0.40, 0.50)},
         alias=["the weight-bearing blocks", "the mask"], plural=True,
         q=["On this sagittal MR of the lower back, which stacked, block-shaped bones carry the load of the trunk? "
            "Please segment them.",
            "Which weight-bearing bony blocks sit in front of the nerve canal on this sagittal MR? Outline them."],
         q_one=["On this sagittal MR of the lower back, which block-shaped bone carries the load of the trunk? "
                "Please segment it.",
                "Which weight-bearing bony block sits in front of the nerve canal on this sagittal MR? Outline it."],
         give=["the vertebral bodies", "the lumbar vertebrae", "the L3 to L5 centra", "the spinal bodies"],
         fn="carry the load of the trunk and separate around the intervertebral discs",
         fn_one="carries the load of the trunk and sits between two intervertebral discs",
         kb=["The intervertebral discs lie between neighbouring blocks and act as shock absorbers.",
             "The abdominal aorta usually runs just to the left of the midline in front of the spine.",
             "The spinal cord normally ends around the first or second lumbar level in adults."],
         pop="Most adults have five lumbar segments, though a sixth or a fused fifth is not rare."),
    dict(target="left gluteus maximus", orient="LP", modality="CT", region="pelvis", plane="axial", where="buttocks",
         comps=[(0.72, 0.80, 0.13, 0.075)], others={"sacrum": (0.5, 0.66), "urinary bladder": (0.5, 0.36)},
         alias=["the muscle", "this muscle", "the buttock muscle"], plural=False,
         q=["Which muscle in this axial CT extends the hip when someone climbs stairs or rises from a chair? "
            "Please segment it.",
            "On this axial CT, which muscle forms most of the shape of the buttock on one side? Outline it."],
         give=["the left gluteus maximus", "the great gluteal muscle", "the glute max", "the gluteus maximus muscle"],
         fn="extends the hip when climbing stairs or rising from a chair",
         kb=["The sciatic nerve leaves the pelvis beneath it on each side.",
             "The bladder lies at the front of the pelvis in the midline.",
             "The sigmoid colon tends to sit on the left within the pelvis."],
         pop="It is often quoted as the largest muscle of the human body by mass."),
    dict(target="gluteus maximus", orient="LP", modality="MR", region="pelvis", plane="axial", where="buttocks",
         comps=[(0.27, 0.80, 0.13, 0.075), (0.73, 0.80, 0.13, 0.075)], others={"urinary bladder": (0.5, 0.36)},
         alias=["the buttock muscles", "the paired muscles"], plural=True,
         q=["Which muscles on this axial MR extend the hips when we rise from a chair? Please segment them.",
            "In this axial MR of the pelvis, which muscles give the buttocks their shape? Outline them."],
         give=["the gluteus maximus muscles", "the glutes", "the great gluteal muscles", "both glutei maximi"],
         fn="extend the hips when climbing stairs or rising from a chair",
         kb=["The sciatic nerves run beneath them on each side.",
             "The rectum lies in the midline just in front of the sacrum.",
             "The appendix is usually found in the right lower quadrant, above this level."],
         pop="Together they are among the largest muscles in the adult body."),
    dict(target="urinary bladder", orient="LP", modality="CT", region="pelvis", plane="axial", where="pelvis",
         comps=[(0.50, 0.38, 0.09, 0.07)], others={"rectum": (0.5, 0.62), "right hip bone": (0.24, 0.50)},
         alias=["the organ", "this organ", "the fluid-filled reservoir"], plural=False, scale=(0.5, 1.6),
         q=["Which hollow organ in this axial CT of the pelvis stores the urine made by the kidneys? Please segment it.",
            "Which muscular reservoir at the front of the pelvis empties through the urethra? Outline it here."],
         give=["the urinary bladder", "the bladder", "the vesical lumen", "the bladder wall"],
         fn="stores urine until it is emptied through the urethra",
         kb=["The rectum lies behind it, in front of the sacrum.",
             "The ureters enter it from the left and right sides at the back.",
             "The left ovary, in women, lies on the left pelvic side wall."],
         pop="A full adult one typically holds around 400 to 600 mL."),
    dict(target="prostate", orient="LP", modality="MR", region="pelvis", plane="axial", where="male pelvis",
         comps=[(0.50, 0.56, 0.055, 0.045)], others={"rectum": (0.5, 0.70), "urinary bladder": (0.5, 0.40)},
         alias=["the gland", "this gland", "the glandular tissue"], plural=False, scale=(0.8, 1.7),
         q=["In this axial MR of a man's pelvis, which gland surrounds the first part of the urethra? "
            "Please segment it.",
            "Which gland in men makes part of the seminal fluid? Please outline it on this axial MR."],
         give=["the prostate", "the prostate gland", "the prostatic tissue", "the prostatic zones"],
         fn="makes part of the fluid of semen and surrounds the urethra",
         kb=["The rectum lies directly behind it, which is why it can be felt on rectal examination.",
             "The seminal vesicles sit above and behind it, one on each side.",
             "The urethra runs through its centre on its way from the bladder."],
         pop="An adult gland weighs about 20 to 25 grams and tends to enlarge after 50."),
    dict(target="rectum", orient="PI", modality="MR", region="pelvis", plane="sagittal", where="pelvis",
         comps=[(0.66, 0.62, 0.06, 0.12)], others={"urinary bladder": (0.36, 0.52), "sacrum": (0.84, 0.46)},
         alias=["the bowel segment", "this segment of bowel", "the straight terminal bowel"], plural=False,
         q=["On this sagittal MR of the pelvis, which last straight part of the large bowel stores faeces? "
            "Please segment it.",
            "Which part of the gut, just above the anal canal, triggers the urge to empty the bowel? Outline it here."],
         give=["the rectum", "the rectal wall", "the anorectum", "the mesorectum"],
         fn="stores faeces and signals when the bowel needs emptying",
         kb=["The bladder sits in front of it in the anterior pelvis.",
             "The sigmoid colon joins it from above, usually from the left.",
             "The coccyx lies behind and below, at the tip of the spine."],
         pop="In adults it is about 12 to 15 cm long."),
    dict(target="right piriformis muscle", orient="LP", modality="MR", region="pelvis", plane="axial", where="pelvis",
         comps=[(0.33, 0.70, 0.09, 0.04)], others={"sacrum": (0.5, 0.68), "urinary bladder": (0.5, 0.36)},
         alias=["the muscle", "this muscle", "the pear-shaped muscle"], plural=False,
         q=["Which pear-shaped muscle here runs from the front of the sacrum to the top of the thigh bone, "
            "close to the sciatic nerve? Please segment it.",
            "On this axial MR, which deep hip rotator is blamed when the sciatic nerve is pinched in the buttock? "
            "Outline it."],
         give=["the piriformis", "the right piriformis", "the piriformis muscle", "the piriform muscle"],
         fn="rotates the hip outward and steadies the hip joint",
         kb=["The sciatic nerve usually passes just below it on its way to the thigh.",
             "The sacrum sits in the midline at the back of the pelvis.",
             "The bladder lies at the front of the pelvis."],
         pop="In roughly one person in six, part of the sciatic nerve pierces it."),
    dict(target="polyp", orient=None, modality="endoscopy", region="colon", plane="photo", where="colon",
         comps=[(0.55, 0.50, 0.08, 0.07)], extra=(0.28, 0.35, 0.05, 0.045),
         others={}, alias=["the growth", "the raised lesion", "this growth"], plural=False, scale=(0.5, 1.8),
         q=["In this colonoscopy frame, which growth protrudes from the bowel lining into the lumen? Please segment it.",
            "Which raised bump on the bowel wall in this endoscopy image could slowly turn into a cancer? Outline it."],
         q_many=["In this colonoscopy frame, which growths protrude from the bowel lining into the lumen? "
                 "Please segment them."],
         give=["the polyp", "the colonic polyp", "the adenoma", "the polypoid tissue"],
         fn="protrudes into the bowel lumen and may bleed",
         kb=["Haustral folds ring the colon wall at regular intervals.",
             "The ileocaecal valve is found on the right side of the colon.",
             "The descending colon runs down the left side of the abdomen."],
         pop="Screening studies find at least one such growth in roughly a quarter to a third of adults over 50."),
    dict(target="skin lesion", orient=None, modality="dermoscopy", region="skin", plane="photo", where="skin",
         comps=[(0.50, 0.50, 0.22, 0.18)], extra=(0.82, 0.80, 0.05, 0.04),
         others={}, alias=["the pigmented spot", "the spot", "the dark patch"], plural=False, scale=(0.35, 1.2),
         q=["Which spot on this dermoscopy photo has a colour different from the surrounding skin? Please segment it.",
            "In this close-up skin photograph, which patch should be measured over time for change? Outline it."],
         q_many=["Which spots on this dermoscopy photo have a colour different from the surrounding skin? "
                 "Please segment them."],
         give=["the mole", "the skin lesion", "the nevus", "the melanocytic lesion", "the pigmented lesion"],
         fn="is a patch of pigment that should be watched for change",
         kb=["Sun-exposed skin on the face and forearms shows more freckling.",
             "The ABCDE rule looks at asymmetry, border, colour, diameter and evolution.",
             "Healthy skin around it shows a regular network of fine lines."],
         pop="Most adults have between 10 and 40 such spots on their body."),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles: list[dict], i: int, defect: str | None, rng: random.Random) -> dict:
    """Side defects need a side (no sagittal, no photo); position defects need patient axes."""
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"] in ("LP", "LI")]
    elif defect == "position":
        pool = [p for p in profiles if p["orient"]]
    else:
        pool = profiles
    return rng.choice(pool)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    comps = list(p["comps"])
    if p["target"] == "vertebral body":
        comps = comps[rng.randrange(3):] if rng.random() < 0.6 else [comps[rng.randrange(3)]]
    if "extra" in p and rng.random() < 0.4:
        comps.append(p["extra"])
    lo, hi = p.get("scale", (0.65, 1.45))
    s = rng.uniform(lo, hi)
    mask = np.zeros((H, W), bool)
    for cx, cy, rx, ry in comps:
        cx += rng.uniform(-0.03, 0.03)
        cy += rng.uniform(-0.03, 0.03)
        mask |= ((xx / W - cx) / (rx * s)) ** 2 + ((yy / H - cy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], others=dict(p["others"])).model_dump(mode="json")


# -- sentences from facts --------------------------------------------------------------------------------

REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to", "ventral to"],
       "posterior_to": ["behind", "posterior to", "dorsal to"],
       "superior_to": ["above", "superior to", "cranial to"],
       "inferior_to": ["below", "inferior to", "caudal to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["sits in the anterior half of the {w}", "lies toward the front of the body",
                     "is anteriorly placed"],
        "posterior": ["sits in the posterior half of the {w}", "lies toward the back of the body",
                      "is posteriorly placed"],
        "superior": ["lies in the upper, superior part of the image", "sits toward the head end of the field",
                     "is superiorly placed"],
        "inferior": ["lies in the lower, inferior part of the image", "sits toward the feet",
                     "is inferiorly placed, toward the caudal end"]}
VFLIP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _pct(x: float) -> str:
    v = 100 * x
    return f"{v:.1f}%" if v < 10 else f"{v:.0f}%"


def side_true(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    s = f["laterality"]
    if s in ("left", "right"):
        return rng.choice([f"{subj} lies on the patient's {s}.", f"{subj} is {s}-sided.",
                           f"{subj} sits in the patient's {s} half of the image.",
                           f"On the patient's {s} side we find {subj.lower()}."]), s
    if s == "bilateral":
        return rng.choice([f"{subj} is present on both sides, one part on the left and one on the right.",
                           f"{subj} is bilateral, with a region on each side of the midline.",
                           f"Both the patient's left and right sides are covered by {subj.lower()}."]), "both sides"
    return rng.choice([f"{subj} sits in the midline.", f"{subj} is centred on the midline rather than to one side.",
                       f"{subj} straddles the midline."]), "midline"


def side_neg(f: dict) -> str | None:
    s = f["laterality"]
    if s in ("left", "right"):
        return f"It is not on the {'right' if s == 'left' else 'left'}."
    if s == "bilateral":
        return "It is not confined to one side."
    if s == "midline":
        return "It does not lean to either side."
    return None


def side_false(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    s = f["laterality"]
    wrong = {"left": "right", "right": "left"}.get(s) or rng.choice(["left", "right"])
    if s == "bilateral":
        return rng.choice([f"{subj} is confined to the patient's {wrong} side.",
                           f"{subj} is one-sided, on the patient's {wrong} only."]), wrong
    if s == "midline":
        return rng.choice([f"{subj} lies off to the patient's {wrong}, well lateral to the midline.",
                           f"{subj} is clearly {wrong}-sided."]), wrong
    return rng.choice([f"{subj} lies on the patient's {wrong}.", f"{subj} is {wrong}-sided.",
                       f"{subj} sits in the patient's {wrong} half of the image."]), wrong


def pos_true(p: dict, f: dict, subj: str, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    v = f["vertical"]
    if p["orient"] and v in VERT:
        out.append((f"{subj} {rng.choice(VERT[v]).format(w=rng.choice(['slice', 'cross-section', 'image']))}.", v))
    rels = f["relations"]
    if rels:
        r = rng.choice(rels)
        phrase = rng.choice(REL[r["relation"]])
        out.append((f"{subj} lies {phrase} the {r['other']}.", f"{phrase} the {r['other']}"))
    return out


def pos_false(p: dict, f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    v = f["vertical"]
    if v in VFLIP and (not f["relations"] or rng.random() < 0.55):
        w = VFLIP[v]
        return f"{subj} {rng.choice(VERT[w]).format(w=rng.choice(['slice', 'cross-section', 'image']))}.", w
    r = rng.choice(f["relations"])
    phrase = rng.choice(REL[FLIP[r["relation"]]])
    return f"{subj} lies {phrase} the {r['other']}.", f"{phrase} the {r['other']}"


SIZEW = {"small": ["small", "fairly small", "modest"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
         "large": ["large", "sizeable", "big"]}


def size_true(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    c, pc = f["size_class"], _pct(f["area_fraction"])
    w = rng.choice(SIZEW[c])
    return rng.choice([f"{subj} is {w}, about {pc} of the image area.",
                       f"{subj} covers roughly {pc} of the frame, so it is {w} on this image.",
                       f"At about {pc} of the picture, {subj.lower()} counts as {w}."]), f"{c} ({pc} of the image)"


def size_false(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    c, frac = f["size_class"], f["area_fraction"]
    if c == "small" or (c == "medium" and frac < 0.03):
        pc = f"{rng.randint(14, 28)}%"
        return rng.choice([f"{subj} is large, taking up about {pc} of the image.",
                           f"{subj} fills a big share of the frame, roughly {pc}."]), f"large ({pc} of the image)"
    pc = rng.choice(["0.2%", "0.3%", "0.4%"])
    return rng.choice([f"{subj} is tiny, only about {pc} of the image.",
                       f"{subj} is very small, well under one percent of the frame ({pc})."]), f"small ({pc} of the image)"


def count_true(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    n = f["components"]
    if n == 1:
        return rng.choice([f"{subj} is one connected region.", f"{subj} forms a single contiguous piece.",
                           f"{subj} is a single component with no second focus."]), "1"
    w = NUMW.get(n, str(n))
    return rng.choice([f"{subj} consists of {w} separate regions.", f"{subj} has {w} distinct parts.",
                       f"{subj} is split into {w} disconnected pieces."]), str(n)


def count_false(f: dict, subj: str, rng: random.Random) -> tuple[str, str]:
    n = f["components"]
    if n == 1:
        w = rng.choice(["two", "three"])
        return rng.choice([f"{subj} consists of {w} separate regions.", f"{subj} is split into {w} disconnected pieces."]), \
            "2" if w == "two" else "3"
    return rng.choice([f"{subj} is one connected region.", f"{subj} forms a single contiguous piece."]), "1"


def convention(p: dict) -> str:
    o = p["orient"]
    if o == "LP":
        return "By radiological convention the patient's left appears on the viewer's right of an axial image."
    if o == "LI":
        return "As usual for coronal images, the patient's left is displayed on the right of the screen."
    if o == "PI":
        return "In this sagittal view the front of the patient is on the left of the image and the head at the top."
    return "A photo like this has no patient left or right, so only size and shape can be described."


QUALITY = ["The boundary looks a little stair-stepped where the edge curves.",
           "Some partial-volume blur softens the edges.",
           "Image noise makes the outer contour slightly ragged.",
           "A thin rim of neighbouring tissue may be caught at the border.",
           "Contrast between it and its surroundings is only moderate, so the edge is hard to trace."]


# -- conversations ---------------------------------------------------------------------------------------

CRIT = {"side": ["Side", "Laterality"], "pos": ["Position", "Location"], "size": ["Size", "Extent"],
        "count": ["Region count", "Connectivity"]}
KEY = {"side": "side", "pos": "position", "size": "size", "count": "regions"}
HEDGE = ["On a single image this looks unremarkable, though one view cannot exclude subtle change.",
         "Nothing here is obviously abnormal, but correlation with the full series is advisable.",
         "Its appearance is likely within normal limits for this view."]


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _subject(p: dict, rng: random.Random) -> str:
    pool = ["The mask", "The segmented region", "The highlighted area"]
    if not p["plural"]:
        pool += [_cap(a) for a in p["alias"]]
    return rng.choice(pool)


def _true_parts(p: dict, f: dict, kind: str, rng: random.Random, neg: bool) -> list[tuple[str, str, str]]:
    """(kind, sentence, value) statements that are true of the mask."""
    subj = _subject(p, rng)
    if kind == "side":
        s, v = side_true(f, subj, rng)
        if neg and rng.random() < 0.5 and side_neg(f):
            s += " " + side_neg(f)
        return [("side", s, v)]
    if kind == "pos":
        out = [("pos", s, v) for s, v in pos_true(p, f, subj, rng)]
        if neg and out and f["vertical"] in VFLIP and rng.random() < 0.4:
            k, s, v = out[0]
            out[0] = (k, s + f" It is not in the {VFLIP[f['vertical']]} part of the image.", v)
        return out
    if kind == "size":
        s, v = size_true(f, subj, rng)
        if neg and rng.random() < 0.4:
            s += " " + {"small": "It is certainly not large.", "medium": "It is neither tiny nor large.",
                        "large": "It is by no means small."}[f["size_class"]]
        return [("size", s, v)]
    s, v = count_true(f, subj, rng)
    return [("count", s, _regions(v))]


def _false_part(p: dict, f: dict, kind: str, rng: random.Random, subj: str | None = None) -> tuple[str, str, str]:
    subj = subj or _subject(p, rng)
    fn = {"side": side_false, "size": size_false, "count": count_false}.get(kind)
    s, v = pos_false(p, f, subj, rng) if kind == "pos" else fn(f, subj, rng)
    return kind, s, (_regions(v) if kind == "count" else v)


def _many(p: dict, f: dict) -> bool:
    return p["plural"] and f["components"] >= 2


def _fn(p: dict, f: dict) -> str:
    return p["fn"] if _many(p, f) or "fn_one" not in p else p["fn_one"]


def _regions(v: str) -> str:
    return "one region" if v == "1" else f"{NUMW[int(v)]} regions"


def _kinds(p: dict, f: dict) -> list[str]:
    ks = []
    if p["orient"] and f["laterality"] in ("left", "right", "bilateral", "midline"):
        ks.append("side")
    if p["orient"] and (f["vertical"] in VERT or f["relations"]):
        ks.append("pos")
    return ks + ["size", "count"]


def _render(p: dict, f: dict, style: str, parts: list[tuple[str, str, str]], rng: random.Random) -> str:
    plane, mod, where = p["plane"], p["modality"], p["where"]
    what = f"the structures that {_fn(p, f)}" if _many(p, f) else f"the structure that {_fn(p, f)}"
    extra = [convention(p), rng.choice(p["kb"])]
    if rng.random() < 0.5:
        extra.append(p["pop"])
    if rng.random() < 0.4:
        extra.append(rng.choice(HEDGE))
    sents = [s for _, s, _ in parts]
    if style == "caption":
        cut = rng.randint(0, len(sents))
        colour = rng.choice(["red", "green", "yellow", "cyan"])
        n = rng.randint(1, 6)
        cap = f"Figure {n}. {_cap(plane)} {mod} of the {where} with the segmented structure outlined in {colour}. "
        alt = f"Alt text: {'A photograph' if plane == 'photo' else ('An ' if plane[0] in 'aeiou' else 'A ') + plane + ' ' + mod + ' image'} of the {where}. "
        return (f"Segmentation: {SEG}\n\n" + cap + " ".join(sents[:cut] + extra[:1]) + "\n" + alt
                + " ".join(sents[cut:] or ["A coloured outline marks the structure."]) + "\n\n" + " ".join(extra[1:]))
    if style == "rubric":
        lines = [f"Mask: {SEG}", "", rng.choice(["Grading rubric:", "Self-assessment against the rubric:",
                                                 "Rubric scores for this answer:"]),
                 f"- Identification (2/2): {what}."]
        for k, s, v in parts:
            lines.append(f"- {rng.choice(CRIT[k])} (2/2): correctly identified as {v}. {s}")
        lines.append(f"- Mask quality (1/2): {rng.choice(QUALITY)}")
        total = 2 * (len(parts) + 1) + 1
        lines += [f"Total: {total}/{total + 1}", "", "Comment: " + " ".join(extra)]
        return "\n".join(lines)
    if style == "yaml":
        front = ["---", f"task: segment {what}", f"modality: {mod}", f"plane: {plane}"]
        prose, keys = [], set()
        for k, s, v in parts:
            if rng.random() < 0.5 and k not in keys:
                keys.add(k)
                front.append(f"{KEY[k]}: {v}")
            else:
                prose.append(s)
        front.append("---")
        lead = rng.choice([f"The mask is here: {SEG}.", f"{SEG} marks the requested structure.",
                           f"Segmentation output: {SEG}"])
        return "\n".join(front) + "\n\n" + " ".join([lead] + prose + extra)
    pros = [f"- {s}" for s in sents] + ["- The outline follows the edge closely along most of its course."]
    cons = [f"- {q}" for q in rng.sample(QUALITY, 2)]
    head = rng.choice(["**Pros**", "Pros:", "### Pros"])
    chead = {"**Pros**": "**Cons**", "Pros:": "Cons:", "### Pros": "### Cons"}[head]
    return (f"Here is the segmentation: {SEG}\n\n{rng.choice(['Pros and cons of this segmentation:', 'How good is this mask?'])}"
            f"\n\n{head}\n" + "\n".join(pros) + f"\n\n{chead}\n" + "\n".join(cons) + "\n\n" + " ".join(extra))


FOLLOW = {"side": ["Which side is it on?", "Is it on the left or the right?", "Which side of the patient, please?"],
          "pos": ["Front or back?", "Where exactly does it sit?", "How does it relate to its neighbours?"],
          "size": ["How big is it?", "Is it large or small on this image?", "What share of the image does it cover?"],
          "count": ["Is it one piece or several?", "How many separate regions are there?", "Is the mask all one blob?"]}
OTHER_Q = [("What does it do?", "fn"), ("Why is that important?", "kb"), ("Anything else worth knowing?", "pop"),
           ("Could you explain the display convention?", "conv")]
RESTATE = ["So, to restate: {s} What does it actually do?", "{s} Why is that, and is it normal?",
           "If I understand correctly, {l} Should I worry about that?", "My notes say: {s} Can you explain what it is for?"]


def _answer_other(p: dict, f: dict, what: str, rng: random.Random) -> str:
    if what == "fn":
        return f"{'Their main job: they' if _many(p, f) else 'Its main job: it'} {_fn(p, f)}. {rng.choice(HEDGE)}"
    if what == "kb":
        return f"It helps to know the neighbourhood. {' '.join(rng.sample(p['kb'], 2))}"
    if what == "pop":
        return f"A textbook figure: {p['pop']} Individual patients vary, of course."
    return convention(p) + " That is why the description uses the patient's sides, not the screen's."


def _answer_kind(p: dict, f: dict, kind: str, rng: random.Random) -> str:
    if kind == "side" and "side" not in _kinds(p, f):
        return ("A single sagittal slice does not show which side of the body it is on." if p["orient"]
                else "This photo has no patient left or right, so no side can be given.")
    sents = [s for _, s, _ in _true_parts(p, f, kind, rng, neg=True)]
    return " ".join(sents) + " " + rng.choice(["That is my reading of the mask.", "This is measured from the mask itself.",
                                               "Other slices may differ slightly."])


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    f = facts
    kinds = _kinds(p, f)
    kd = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(defect)
    where = None
    if kd:
        r = rng.random()
        where = "user" if r < 0.22 else "follow" if r < 0.40 else "answer"
    # first question
    if defect == "names_target":
        g = rng.choice(p["give"])
        q1 = rng.choice([f"Could you segment {g} on this {p['plane']} {p['modality']}?",
                         f"Where is {g} in this image? Please outline it.",
                         f"Can you outline {g} here and tell me what it does?"])
    else:
        q1 = rng.choice(p.get("q_one" if f["components"] == 1 else "q_many") or p["q"])
    parts = []
    for k in kinds:
        if k == kd:
            if where == "answer":
                parts.append(_false_part(p, f, k, rng))
            continue
        if k in ("side", "pos") or rng.random() < 0.85:
            parts += _true_parts(p, f, k, rng, neg=True)
    rng.shuffle(parts)
    if not parts:
        parts = _true_parts(p, f, "size" if kd != "size" else "count", rng, neg=False)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": _render(p, f, style, parts, rng)}]
    n_rounds = rng.choice([1, 2, 2, 3]) if where not in ("user", "follow") else rng.choice([2, 3])
    slot = rng.randrange(1, n_rounds) if where in ("user", "follow") else -1
    asked = set()
    for r in range(1, n_rounds):
        if r == slot and where == "user":
            _, s, _ = _false_part(p, f, kd, rng, subj="It")
            q = rng.choice(RESTATE).format(s=s, l=s[0].lower() + s[1:])
            a = f"{'They' if _many(p, f) else 'It'} {_fn(p, f)}. {rng.choice(p['kb'])} {rng.choice(HEDGE)}"
        elif r == slot:
            q = rng.choice(FOLLOW[kd])
            _, s, _ = _false_part(p, f, kd, rng, subj="It")
            a = s + " " + rng.choice(["That is what the mask shows.", "I read that off the outline.", "Hope that helps."])
        else:
            pool = [k for k in ("side", "pos", "size", "count") if k != kd and k not in asked
                    and (k in kinds or k == "side")]
            if pool and rng.random() < 0.6:
                k = rng.choice(pool)
                asked.add(k)
                q, a = rng.choice(FOLLOW[k]), _answer_kind(p, f, k, rng)
            else:
                q, what = rng.choice(OTHER_Q)
                a = _answer_other(p, f, what, rng)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
