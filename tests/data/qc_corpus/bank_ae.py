"""Bank AE (helper qcae): pelvis and musculoskeletal axial CT/MR plus 2D photos, written blind.

Targets: prostate, prostate peripheral zone, urinary bladder, rectum (not in the knowledge base), left
femur, right hip bone (one or two pieces), left gluteus maximus, right iliopsoas, sacrum (midline),
common iliac artery (bilateral, two vessels) on axial "LP" slices with a body outline; a colonoscopy
polyp (one to three polyps) and a dermoscopy skin lesion without patient axes (orientation None: only
size, count and names_target defects are planted there).

Registers (STYLES): "concise" (short clinical answer), "verbose" (a long careful LLM answer with
caveats, differentials and hedges), "bullets" (markdown bullet list with bold labels), "numbers"
(numbers spelled out as words, fractions such as "about a fifth of the frame").

Facts are the product's own measurement (`medseg_qa.facts.compute_facts` on a drawn mask inside a drawn
body outline); every sentence is written from those facts. Written without reading any QC rule.

first measure (once, at 3a252f2, before anything about the misses was read): 158 of 210 planted defects
caught (0.752), 74 of 210 clean conversations flagged (0.352); per flag tp/expected: laterality 29/42,
position 29/42, size 36/42, count 31/42, names_target 33/42; false flags: laterality 40, size 101, count 18.
"""

from __future__ import annotations

import math
import random

import numpy as np

SEG = "[SEG]"
STYLES = ["concise", "verbose", "bullets", "numbers"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
N = 512

# normalised centroids (x to the patient's left, y to posterior) of neighbours on a pelvic slice
ANAT = {"urinary bladder": (0.5, 0.36), "rectum": (0.5, 0.66), "pubic symphysis": (0.5, 0.23),
        "right femur": (0.22, 0.5), "left femur": (0.78, 0.5), "sacrum": (0.5, 0.76),
        "right hip bone": (0.27, 0.52), "left hip bone": (0.73, 0.52), "left gluteus maximus": (0.68, 0.75),
        "right gluteus maximus": (0.32, 0.75), "right iliopsoas": (0.3, 0.4), "left iliopsoas": (0.7, 0.4),
        "fifth lumbar vertebra": (0.5, 0.6), "prostate transition zone": (0.5, 0.5)}

PROFILES = [
    dict(target="prostate", kind="prost", noun="gland", others=["rectum", "pubic symphysis", "right femur", "left femur"],
         hint=["an older man gets up four times a night to pass urine and has a weak stream",
               "a man of sixty-eight has a raised blood marker and is referred for MRI before biopsy"],
         fn=["makes part of the seminal fluid and wraps around the first part of the urethra",
             "sits just below the urine reservoir in men and grows with age"],
         give=["prostatic", "prostate", "prostate gland", "transurethral resection of the prostate"],
         other_kb=["The urinary bladder sits above it and can look thick-walled when outflow is obstructed.",
                   "The rectum lies behind it, which is why it can be felt on rectal examination.",
                   "The seminal vesicles sit above and behind it, one on each side.",
                   "It is much smaller than a full bladder."],
         diff=["the bladder base", "the seminal vesicles", "the anterior rectal wall"],
         pop=["Roughly half of men in their sixties have some benign enlargement of it.",
              "Prostate cancer is found in about one in eight men during their lifetime."]),
    dict(target="prostate peripheral zone", kind="pz", noun="region", others=["rectum", "pubic symphysis", "prostate transition zone"],
         hint=["a man with a raised blood marker has a dark focus on T2 that will be scored with PI-RADS",
               "a urologist plans a targeted biopsy of a hard nodule felt through the back passage"],
         fn=["forms the outer, back part of the walnut-sized male gland under the urine reservoir",
             "is the outer glandular rim of the male gland below the bladder, closest to the back passage"],
         give=["peripheral zone", "PZ", "peripheral-zone", "peripheral gland"],
         other_kb=["The transition zone in front of it is where benign enlargement usually starts.",
                   "The rectum lies directly behind the gland.",
                   "The central zone surrounds the ejaculatory ducts at the base of the gland."],
         diff=["the transition zone", "the central zone", "the rectal wall"],
         pop=["About 70% of prostate cancers arise in this zone.",
              "In young men this zone makes up roughly 70% of the glandular tissue."]),
    dict(target="urinary bladder", kind="bladder", noun="organ", others=["rectum", "pubic symphysis", "right femur", "left femur"],
         hint=["an older smoker has painless visible blood in the urine",
               "a nurse wants to know how much urine is left after the patient voids"],
         fn=["stores urine until it is emptied through the urethra",
             "is the muscular reservoir that fills with urine made by the kidneys"],
         give=["bladder", "vesical", "intravesical", "urinary bladder"],
         other_kb=["The prostate sits just below it in men.",
                   "The rectum lies behind it, and in women the uterus sits between the two.",
                   "The pubic bones form the front wall of the pelvis in front of it.",
                   "When full it is far bigger than the prostate below it."],
         diff=["a large ovarian cyst", "fluid in the rectum", "free pelvic fluid"],
         pop=["A healthy adult can hold roughly 400 to 600 ml before the urge becomes strong.",
              "About 10% of visible-haematuria referrals turn out to have a tumour."]),
    dict(target="rectum", kind="rectum", noun="segment of bowel", others=["urinary bladder", "sacrum", "pubic symphysis"],
         hint=["a patient has fresh blood on the paper and a feeling of incomplete emptying",
               "a man with a low bowel tumour is staged with MRI before surgery"],
         fn=["stores stool just before it is passed",
             "is the last part of the large bowel, lying in the hollow of the lower spine"],
         give=["rectal", "rectum", "anorectal", "proctitis"],
         other_kb=["The sacrum curves behind it.",
                   "The bladder lies in front of it in men.",
                   "The sigmoid colon joins it from above on the left."],
         diff=["the sigmoid colon", "a pelvic collection", "the vagina in women"],
         pop=["About a third of colorectal cancers arise in this segment.",
              "It is normally about 12 to 15 cm long in adults."]),
    dict(target="left femur", kind="femur", noun="bone", others=["urinary bladder", "left gluteus maximus", "right femur"],
         hint=["an elderly woman fell at home and her leg is shortened and turned outwards",
               "a young motorcyclist has a swollen, deformed upper leg after a crash"],
         fn=["carries body weight from the hip joint to the knee",
             "is the long bone of the upper leg whose head sits in the pelvic socket"],
         give=["femoral", "femur", "thigh bone", "femoral neck"],
         other_kb=["The right femur mirrors it on the other side of the pelvis.",
                   "The bladder sits in the middle of the pelvis between the two hips.",
                   "The sciatic nerve runs behind the hip joint."],
         diff=["the acetabular roof", "the greater trochanter bursa", "the right femur"],
         pop=["Around one in three women over fifty will have an osteoporotic fracture.",
              "Hip fractures carry a one-year mortality of roughly 20 to 30%."]),
    dict(target="right hip bone", kind="hip", noun="bone", others=["urinary bladder", "sacrum", "right gluteus maximus"],
         hint=["an elderly patient fell and cannot bear weight, and a pelvic ring fracture is suspected",
               "a man with known cancer has new deep pain in one side of the pelvis"],
         fn=["forms the socket for the ball of the upper-leg bone and one side of the pelvic ring",
             "joins the base of the spine behind and meets its partner at the front of the pelvis"],
         give=["acetabular", "iliac bone", "innominate", "os coxae"],
         other_kb=["The left hip bone mirrors it across the midline.",
                   "The sacrum closes the ring behind, between the two hip bones.",
                   "The bladder sits inside the ring, in the middle of the pelvis."],
         diff=["the sacrum", "the femoral head", "the left hip bone"],
         pop=["Pelvic ring fractures make up about 3% of all skeletal injuries.",
              "In older adults most pelvic fractures follow a simple fall."]),
    dict(target="left gluteus maximus", kind="glut", noun="muscle", others=["left femur", "sacrum", "rectum"],
         hint=["a patient has pain in the seat and trouble climbing stairs after a hip operation",
               "a nurse plans an intramuscular injection in the upper outer quadrant of the seat"],
         fn=["extends the hip when rising from a chair or climbing stairs",
             "is the biggest and most superficial muscle of the seat"],
         give=["gluteal", "gluteus", "glutei", "gluteus maximus"],
         other_kb=["The sciatic nerve runs underneath it, on each side.",
                   "The right gluteus maximus mirrors it across the natal cleft.",
                   "The sacrum sits between the two buttocks at the back of the pelvis."],
         diff=["the gluteus medius", "the subcutaneous fat", "the piriformis"],
         pop=["It is one of the largest muscles in the body by volume.",
              "About 5% of intramuscular injections in this region cause local pain for days."]),
    dict(target="right iliopsoas", kind="psoas", noun="muscle", others=["right hip bone", "urinary bladder", "sacrum"],
         hint=["a patient with fever and a limp holds the hip bent, and an abscess is suspected",
               "a patient on anticoagulants develops groin pain and a falling haemoglobin"],
         fn=["bends the hip and steadies the lumbar spine",
             "runs from the lumbar spine to the inner upper leg and flexes the hip"],
         give=["psoas", "iliopsoas", "iliacus", "psoas major"],
         other_kb=["The left iliopsoas mirrors it on the other side.",
                   "The femoral nerve runs in the groove beside it.",
                   "The bladder lies in the middle of the pelvis, well away from it.",
                   "Lower down it is thinner than the big muscles of the seat."],
         diff=["a retroperitoneal mass", "the iliac lymph nodes", "the external iliac vessels"],
         pop=["Psoas abscesses are rare, a few cases per 100,000 admissions.",
              "Spontaneous muscle bleeds occur in roughly 1% of anticoagulated inpatients."]),
    dict(target="sacrum", kind="sacrum", noun="bone", others=["rectum", "urinary bladder", "left gluteus maximus"],
         hint=["an elderly woman with thin bones has low back pain without any fall",
               "a patient has saddle numbness and new difficulty passing urine"],
         fn=["transmits the weight of the trunk to the pelvis and forms its back wall",
             "is the triangular bone at the base of the spine, wedged between the two pelvic bones"],
         give=["sacral", "sacrum", "sacroiliac", "sacro-coccygeal"],
         other_kb=["The rectum lies in its hollow, in front of it.",
                   "The two hip bones join it at the sacroiliac joints, one on each side.",
                   "The coccyx continues below it.",
                   "It is wider than any single lumbar vertebra."],
         diff=["the coccyx", "the fifth lumbar vertebra", "the iliac wings"],
         pop=["Insufficiency fractures here affect about 1 to 2% of older women with osteoporosis.",
              "Around 5% of people have a transitional lumbosacral vertebra."]),
    dict(target="common iliac artery", kind="cia", noun="vessels", others=["fifth lumbar vertebra", "right iliopsoas", "left iliopsoas"],
         hint=["a smoker gets cramping calf pain on walking that settles with rest",
               "a vascular surgeon needs an access route for an endovascular graft"],
         fn=["carry blood from the lower end of the abdominal aorta towards the pelvis and legs",
             "are the paired branches the abdominal aorta splits into at the top of the pelvis"],
         give=["iliac", "common iliac", "CIA", "iliac arteries"],
         other_kb=["The aorta divides at about the level of the fourth lumbar vertebra.",
                   "The matching veins run just behind and to the right of the arteries.",
                   "The ureters cross them at the pelvic brim.",
                   "Each artery is far smaller than the bladder lower down in the pelvis."],
         diff=["the common iliac veins", "the ureters", "enlarged lymph nodes"],
         pop=["Aneurysms of these vessels are found in under 1% of the general population.",
              "About 20% of aortic aneurysms extend into them."]),
    dict(target="polyp", kind="polyp", noun="growth", others=[],
         hint=["a patient over fifty has a colonoscopy after a positive stool blood test",
               "a patient with a family history of bowel cancer has surveillance endoscopy"],
         fn=["protrudes from the inner lining of the bowel into the lumen",
             "grows out of the bowel lining on a stalk or a broad base and can turn malignant over years"],
         give=["polyp", "polypoid", "adenoma", "adenomatous"],
         other_kb=["The folds of the bowel wall can mimic it but flatten when the colon is inflated.",
                   "Stool residue and bubbles are common look-alikes.",
                   "The ileocaecal valve can look like a bulge in the right colon."],
         diff=["a mucosal fold", "a bubble or stool residue", "the ileocaecal valve"],
         pop=["Adenomas are found in roughly 25 to 40% of screening colonoscopies over fifty.",
              "Under 5% of small growths of this kind become malignant."]),
    dict(target="skin lesion", kind="skin", noun="spot", others=[],
         hint=["a patient notices that a spot on the back has changed shape and colour",
               "a fair-skinned patient with many childhood sunburns attends skin-cancer screening"],
         fn=["is a patch of pigment whose colour differs from the surrounding skin",
             "is assessed with the ABCDE rule: asymmetry, border, colour, diameter and evolution"],
         give=["mole", "naevus", "melanocytic", "pigmented lesion"],
         other_kb=["Hairs crossing the field can look like dark streaks but are not part of it.",
                   "A freckle is flat and evenly coloured.",
                   "Seborrhoeic keratoses often look stuck on."],
         diff=["a seborrhoeic keratosis", "a freckle", "a dermatofibroma"],
         pop=["Fewer than 1 in 30,000 common moles become melanoma per year.",
              "About 25% of melanomas arise in a pre-existing spot."]),
]


def record_for(p: dict) -> dict:
    if p["kind"] == "polyp":
        return {"modality": "endoscopy", "body_region": "colon", "orientation": None}
    if p["kind"] == "skin":
        return {"modality": "dermoscopy", "body_region": "skin", "orientation": None}
    return {"modality": "MR" if p["kind"] in ("prost", "pz") else "CT", "body_region": "pelvis", "orientation": "LP"}


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    if defect == "laterality" and rng.random() < 0.7:  # weight sided and bilateral masks
        return rng.choice([p for p in profiles if p["kind"] in ("femur", "hip", "glut", "psoas", "cia")])
    if defect in ("laterality", "position"):  # photos have no patient axes
        return rng.choice([p for p in profiles if p["kind"] not in ("polyp", "skin")])
    if defect == "count" and rng.random() < 0.45:  # weight multi-region masks
        return rng.choice([p for p in profiles if p["kind"] in ("polyp", "hip", "cia")])
    return rng.choice(profiles)


# --- masks ----------------------------------------------------------------------------------------

def _ellipse(cx, cy, rx, ry, angle=0.0):
    y, x = np.mgrid[0:N, 0:N]
    c, s = math.cos(angle), math.sin(angle)
    u, v = (x - cx) * c + (y - cy) * s, -(x - cx) * s + (y - cy) * c
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def _mask(p: dict, rng: random.Random) -> np.ndarray:
    k, u = p["kind"], rng.uniform
    if k == "prost":
        return _ellipse(256 + u(-2, 2), N * u(0.52, 0.6), u(26, 44), u(20, 34))
    if k == "pz":
        cx, cy, rx, ry = 256 + u(-2, 2), N * u(0.55, 0.6), u(34, 46), u(26, 34)
        return _ellipse(cx, cy, rx, ry) & ~_ellipse(cx, cy - ry * 0.45, rx * 0.72, ry * 0.8)
    if k == "bladder":
        return _ellipse(256 + u(-3, 3), N * u(0.33, 0.4), u(40, 105), u(35, 80))
    if k == "rectum":
        return _ellipse(256 + u(-2, 2), N * u(0.64, 0.7), u(16, 30), u(14, 26))
    if k == "femur":
        return _ellipse(N * u(0.74, 0.8), N * u(0.46, 0.54), u(24, 36), u(24, 36))
    if k == "hip":
        cx, cy = N * u(0.24, 0.3), N * u(0.48, 0.55)
        m = _ellipse(cx, cy, u(40, 55), u(70, 95)) & ~_ellipse(cx + 12, cy, u(26, 34), u(48, 60))
        m &= np.arange(N)[None, :] < cx + u(10, 30)
        if rng.random() < 0.5:  # the acetabular level: pubic and ischial parts apart
            m[int(cy) - 6:int(cy) + 6, :] = False
        return m
    if k == "glut":
        return _ellipse(N * u(0.64, 0.72), N * u(0.72, 0.78), u(55, 80), u(22, 34), u(-0.5, -0.2))
    if k == "psoas":
        return _ellipse(N * u(0.28, 0.33), N * u(0.38, 0.45), u(16, 30), u(14, 24))
    if k == "sacrum":
        return _ellipse(256 + u(-2, 2), N * u(0.72, 0.78), u(45, 65), u(22, 34))
    if k == "cia":
        y, r = N * u(0.42, 0.5), u(7, 12)
        return _ellipse(N * u(0.41, 0.44), y, r, r) | _ellipse(N * u(0.56, 0.59), y + u(-4, 4), r, r)
    if k == "polyp":
        n = rng.choice([1, 1, 2, 2, 3])
        m = np.zeros((N, N), bool)
        spots = [(0.3, 0.3), (0.7, 0.35), (0.45, 0.72), (0.75, 0.72)]
        rng.shuffle(spots)
        big = rng.random() < 0.35
        for sx, sy in spots[:n]:
            r = u(70, 100) if big and n == 1 else u(14, 50)
            m |= _ellipse(N * sx + u(-20, 20), N * sy + u(-20, 20), r, r * u(0.7, 1.0), u(0, 3))
        return m
    r = u(50, 170)  # skin: one lesion, sometimes a satellite spot
    m = _ellipse(N * u(0.4, 0.6), N * u(0.4, 0.6), r, r * u(0.6, 0.95), u(0, 3))
    if rng.random() < 0.2:
        m |= _ellipse(N * 0.12, N * 0.85, 10, 8)
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    orientation = record_for(p)["orientation"]
    mask = _mask(p, rng)
    frame = None
    if orientation:
        body = _ellipse(256 + rng.uniform(-6, 6), 256 + rng.uniform(-6, 6), rng.uniform(200, 235), rng.uniform(150, 175))
        frame = patient_frame((N, N), orientation, body_outline(body.astype(float) * 1000.0, 500.0, mask))
    others = {o: (ANAT[o][0] + rng.uniform(-0.01, 0.01), ANAT[o][1] + rng.uniform(-0.01, 0.01)) for o in p["others"]}
    facts = compute_facts(mask, orientation, others, frame=frame)
    return facts.model_dump(mode="json")


# --- words ----------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct(f: float, style: str, rng: random.Random, of: str = "the image") -> str:
    p = f * 100
    if style == "numbers":
        fr = [(1 / 2, "a half"), (1 / 3, "a third"), (1 / 4, "a quarter"), (1 / 5, "a fifth"), (1 / 6, "a sixth"),
              (1 / 8, "an eighth"), (1 / 10, "a tenth"), (1 / 12, "a twelfth"), (1 / 15, "a fifteenth"),
              (1 / 20, "a twentieth")]
        near = [w for v, w in fr if abs(f - v) / v < 0.12]
        if near and rng.random() < 0.7:
            return f"about {near[0]} of {of}"
        if p < 1:
            return rng.choice([f"less than one percent of {of}", f"about zero point {words(max(1, round(p * 10)))} "
                               f"percent of {of}" if round(p * 10) < 10 else f"just under one percent of {of}"])
        return rng.choice([f"roughly {words(round(p))} percent of {of}", f"about {words(round(p))} per cent of {of}"])
    if p < 10:
        return rng.choice([f"about {p:.1f}% of {of}", f"~{p:.1f}% of {of}", f"roughly {p:.1f} percent of {of}"])
    return rng.choice([f"about {p:.0f}% of {of}", f"~{p:.0f}% of {of}", f"roughly {p:.0f} percent of {of}"])


SIDE = {"left": ["It lies on the patient's left.", "It is on the left side of the patient.", "Laterality: left.",
                 "It is found on the patient's left-hand side.",
                 "Left-sided, in the left hemipelvis.", "It sits in the patient's left half of the pelvis."],
        "right": ["It lies on the patient's right.", "It is on the right side of the patient.", "Laterality: right.",
                  "It is found on the patient's right-hand side.",
                  "Right-sided, in the right hemipelvis.", "It sits in the patient's right half of the pelvis."],
        "midline": ["It sits in the midline.", "It is a midline structure, centred between left and right.",
                    "It straddles the midline rather than favouring either side.", "Central, in the midline of the pelvis."],
        "bilateral": ["There is one vessel on each side, left and right.", "Both sides are present: a left and a right vessel.",
                      "It is bilateral, one on the patient's left and one on the patient's right.",
                      "The mask covers both the left and the right vessel."]}
VERT = {"anterior": ["It lies in the front part of the pelvis.", "It lies ventrally on this slice.", "It sits anteriorly.", "Its position is toward the front of the body.",
                     "It is in the anterior half of the slice."],
        "posterior": ["It lies in the back part of the pelvis.", "It lies dorsally on this slice.", "It sits posteriorly.", "Its position is toward the back of the body.",
                      "It is in the posterior half of the slice."],
        "central": ["Front to back it sits roughly halfway through the pelvis.", "It is neither far forward nor far back.",
                    "In the front-to-back direction it lies near the middle of the body."],
        "upper": ["It sits in the upper part of the frame.", "It is toward the top of the picture."],
        "lower": ["It sits in the lower part of the frame.", "It is toward the bottom of the picture."]}
VERT_PHOTO_CENTRAL = ["It sits near the centre of the frame.", "It is roughly in the middle of the picture."]
SIZE_WORD = {"small": ["small", "fairly small", "compact"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
             "large": ["large", "big", "sizeable"]}
REL = {"anterior_to": ["in front of", "anterior to", "ventral to"], "posterior_to": ["behind", "posterior to", "dorsal to"],
       "left_of": ["to the patient's left of", "on the patient's left side of"],
       "right_of": ["to the patient's right of", "on the patient's right side of"]}
FLIP = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "left_of": "right_of", "right_of": "left_of"}
OPP = {"left": "right", "right": "left"}


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def true_facts(p, f, style, rng) -> dict[str, list[str]]:
    """True sentences per fact kind, written from the measured facts."""
    photo = record_for(p)["orientation"] is None
    out: dict[str, list[str]] = {}
    lat = f["laterality"]
    if not photo:
        out["laterality"] = [rng.choice(SIDE[lat])]
    v = f["vertical"]
    vs = [rng.choice(VERT_PHOTO_CENTRAL if photo and v == "central" else VERT[v])]
    rels = [r for r in f["relations"] if r["relation"] in ("anterior_to", "posterior_to")]
    if rels:
        r = rng.choice(rels)
        vs.append(f"It lies {rng.choice(REL[r['relation']])} the {r['other']}.")
    lr = [r for r in f["relations"] if r["relation"] in ("left_of", "right_of")]
    if lr and not photo and rng.random() < 0.5:
        r = rng.choice(lr)
        out.setdefault("laterality", []).append(f"It is {rng.choice(REL[r['relation']])} the {r['other']}.")
    out["position"] = vs if not photo or (rng.random() < 0.5 and f["components"] == 1) else []
    sc, af = f["size_class"], f["area_fraction"]
    ref = "the frame" if photo else "the image"
    size = [f"It is {rng.choice(SIZE_WORD[sc])} on this {'image' if photo else 'slice'}.",
            f"It covers {pct(af, style, rng, ref)}."]
    ref_frac = f.get("body_fraction") or af
    bounds = (0.02, 0.10) if f.get("body_fraction") else (0.01, 0.05)
    if any(abs(ref_frac - b) / b < 0.15 for b in bounds):  # near a class boundary: a careful writer gives the number only
        size = size[1:]
    if f.get("body_fraction") and rng.random() < 0.3:
        size[-1] = f"It takes up {pct(f['body_fraction'], style, rng, 'the body cross-section')}."
    out["size"] = size if rng.random() < 0.6 else [rng.choice(size)]
    n = f["components"]
    num = words(n) if style == "numbers" else str(n) if style == "concise" else words(n)
    if n == 1:
        out["count"] = [rng.choice(["It is a single connected region.", "It forms one continuous piece.",
                                    "The mask is one contiguous region.", "There is just one region."])]
    else:
        out["count"] = [rng.choice([f"It consists of {num} separate regions.", f"The mask has {num} distinct parts.",
                                    f"There are {num} disconnected pieces.", f"It is split into {num} separate regions."])]
    return out


def traps(p, f, rng) -> dict[str, list[str]]:
    """True sentences a careless checker misreads, per fact kind they touch ('other' for none)."""
    photo = record_for(p)["orientation"] is None
    t = {"other": list(p["other_kb"]) + list(p["pop"]), "laterality": [], "position": [], "size": [], "count": []}
    lat = f["laterality"]
    if photo:
        t["other"] += ["A photograph like this has no patient left or right, so no side can be given.",
                       "Without patient axes, left and right in this picture say nothing about the body."]
    elif lat in OPP:
        o = OPP[lat]
        t["laterality"] += [f"It is not on the {o} side.", f"There is no involvement of the patient's {o}.",
                            f"On screen it appears on the viewer's {o}, which is the patient's {lat}: axial images are "
                            "shown as if looking up from the feet.",
                            f"By the radiological convention the patient's {lat} is displayed on the {o} of the image."]
    elif lat == "midline":
        t["laterality"] += ["It is neither a left nor a right structure.",
                            "By convention the patient's left is shown on the right of an axial image, but that does "
                            "not matter for a midline structure like this one."]
    elif lat == "bilateral":
        t["laterality"] += ["It is not confined to one side.",
                            "The patient's left vessel appears on the right of the screen, by the usual radiological convention."]
    n = f["components"]
    if n == 1:
        t["count"] += ["There is no second focus.", "It is not split into separate pieces."]
    else:
        t["count"] += [f"It is not one single piece: there are {words(n)} of them."]
    sc = f["size_class"]
    if sc != "large":
        t["size"] += ["It is not large on this slice." if not photo else "It is not large in this frame."]
    else:
        t["size"] += ["It is not small here."]
    v = f["vertical"]
    if v in ("anterior", "posterior"):
        t["position"] += [f"It is not in the {'posterior' if v == 'anterior' else 'anterior'} part of the pelvis."]
    return t


# --- defects --------------------------------------------------------------------------------------

def false_claim(p, f, kind, rng, where: str) -> str:
    """One plainly false claim of `kind` (a statement, or a question premise when where == 'user')."""
    lat, v, sc, n, af = f["laterality"], f["vertical"], f["size_class"], f["components"], f["area_fraction"]
    if kind == "laterality":
        if lat in OPP:
            o = OPP[lat]
            st = rng.choice([f"It lies on the patient's {o}.", f"It is a {o}-sided structure.",
                             f"It sits in the {o} hemipelvis.", f"It is on the {o} side of the body."])
            qu = rng.choice([f"Why is it on the patient's {o} side?", f"Is it normal for it to sit on the {o} like this?"])
        elif lat == "midline":
            o = rng.choice(["left", "right"])
            st = rng.choice([f"It lies well off to the patient's {o}, away from the midline.",
                             f"It is a {o}-sided structure, clearly lateral to the midline."])
            qu = f"Why does it sit so far over on the patient's {o}, away from the midline?"
        else:  # bilateral
            o = rng.choice(["left", "right"])
            st = rng.choice([f"Only the {o} vessel is included; the mask is one-sided.",
                             f"It lies on the patient's {o} side only."])
            qu = f"Why is only the {o}-sided vessel included in the mask?"
    elif kind == "position":
        rels = [r for r in f["relations"] if r["relation"] in ("anterior_to", "posterior_to")]
        if v in ("anterior", "posterior") and (not rels or rng.random() < 0.5):
            bad = "posterior" if v == "anterior" else "anterior"
            st = rng.choice([f"It sits {bad}ly in the pelvis.", f"It lies in the {bad} part of the slice.",
                             f"Its position is toward the {'back' if bad == 'posterior' else 'front'} of the body."])
            qu = f"Why does it lie so far toward the {'back' if bad == 'posterior' else 'front'} of the pelvis?"
        elif not rels:  # central, with no front/back neighbour: a plainly wrong absolute position
            st = "It lies far back, right against the skin of the back, at the very rear of the body."
            qu = "Why does it sit right against the skin of the back, at the very rear of the body?"
        else:
            r = rng.choice(rels)
            ph = rng.choice(REL[FLIP[r["relation"]]])
            st = rng.choice([f"It lies {ph} the {r['other']}.", f"The {r['other']} is {REL[r['relation']][0]} it... "
                             f"no, to be precise, it lies {ph} the {r['other']}."])
            st = st if "no, to be" not in st else f"It lies {ph} the {r['other']}."
            qu = f"Why does it sit {ph} the {r['other']} here?"
    elif kind == "size":
        if sc == "small":
            st = rng.choice(["It is huge on this slice.", "It covers roughly 40% of the image.",
                             "It is a large structure, filling about a third of the image."])
            qu = "Why is it so huge here, filling almost half of the image?"
        elif sc == "large":
            st = rng.choice(["It is tiny on this slice.", "It covers only about 0.2% of the image.",
                             "It is a minute speck, well under one percent of the image."])
            qu = "Why is it only a tiny speck, well under one percent of the image?"
        else:
            if af > 0.012:
                st = rng.choice(["It is a minute speck, about 0.1% of the image.", "It is tiny on this slice, a mere dot."])
                qu = "Why is it such a tiny dot, about 0.1% of the image?"
            else:
                st = rng.choice(["It is massive, covering about 45% of the image.", "It is huge on this slice."])
                qu = "Why does it fill nearly half of the whole image?"
    else:  # count
        if n == 1:
            st = rng.choice(["It is split into two separate pieces.", "There are three distinct foci.",
                             "The mask has two disconnected regions."])
            qu = "Why is it broken into two separate pieces?"
        else:
            st = rng.choice(["It is a single connected region.", "It forms one continuous piece.", "There is only one region."])
            qu = "Why is it just one single connected piece?"
    if p["kind"] in ("polyp", "skin"):
        st, qu = st.replace("slice", "frame").replace("image", "frame"), qu.replace("image", "frame")
    return qu if where == "user" else st


# --- conversation ---------------------------------------------------------------------------------

import re  # noqa: E402

NAME = {"prost": ["the prostate", "the prostate gland"], "pz": ["the peripheral zone of the prostate", "the prostatic peripheral zone"],
        "bladder": ["the urinary bladder", "the bladder"], "rectum": ["the rectum"], "femur": ["the left femur", "the left femoral head"],
        "hip": ["the right hip bone", "the right innominate bone"], "glut": ["the left gluteus maximus", "the left gluteus maximus muscle"],
        "psoas": ["the right iliopsoas", "the right iliopsoas muscle"], "sacrum": ["the sacrum"],
        "cia": ["the common iliac arteries", "the right and left common iliac arteries"],
        "polyp": ["the polyp"], "skin": ["the skin lesion", "the pigmented skin lesion"]}
LABEL = {"laterality": "Side", "position": "Position", "size": "Size", "count": "Regions", "other": "Note"}
FOLLOW = {"laterality": ["Which side is it on?", "Is it on the left or the right?", "Which side of the patient is that on?"],
          "position": ["Where does it sit from front to back?", "Where exactly is it, and what is it next to?",
                       "Can you describe its position?"],
          "size": ["How big is it?", "How much of the image does it cover?", "Is it large or small here?"],
          "count": ["Is it one piece or several?", "How many separate regions are there?", "Is there more than one?"]}
WHY = ["Why is that?", "Why do you say that?", "Could you explain why?"]
LONG = ("Thanks, that is helpful. Before I sign this off, could you summarise where it is, how big it looks and "
        "whether it is in one piece, and mention anything that might make the outline harder to trust?")


def _num_words(s: str) -> str:
    s = re.sub(r"(?<![\d.,])(\d{1,2})(?![\d.,])", lambda m: words(int(m.group(1))), s)
    return s.replace("%", " percent")


def _hedge(s: str, rng: random.Random) -> str:
    """A hedge in front of a (true or planted) statement; it does not change what is claimed."""
    if rng.random() < 0.6 or not s.startswith("It "):
        return s
    return rng.choice(["As far as I can tell, ", "From what I see, ", "If I read it correctly, ", "Most likely, "]) + s[0].lower() + s[1:]


def _name(p, f, rng) -> str:
    n = rng.choice(NAME[p["kind"]])
    return n + "s" if p["kind"] == "polyp" and f["components"] > 1 else n


def _question(p, style, rng, give: str | None, premise: str | None) -> str:
    where = {"polyp": "colonoscopy frame", "skin": "dermoscopy image"}.get(p["kind"]) or \
        f"axial pelvic {record_for(p)['modality']} slice"
    hint, fn, noun = rng.choice(p["hint"]), rng.choice(p["fn"]), p["noun"]
    if give:  # names_target: the question gives the target away
        fn = rng.choice([f"{fn} (I think this is the {give} region)", f"{fn}, the {give} structure"])
        if rng.random() < 0.5:
            hint = f"{hint}, and the referral mentions {give} findings"
    side = f" on the patient's {premise}" if premise else ""
    frames = {
        "concise": [f"Which {noun}{side} {fn}? Segment it.", f"Can you segment the {noun}{side} that {fn}?",
                    f"{_cap(hint)}. Which {noun}{side} here {fn}? Mask it."],
        "verbose": [f"Clinical context: {hint}. Looking at this {where}, which {noun}{side} {fn}? Please segment it and "
                    "walk me through your reasoning.",
                    f"I'm reviewing a case where {hint}. On this {where}, can you identify and segment the {noun}{side} "
                    f"that {fn}? Please explain how confident you are."],
        "bullets": [f"**Case:** {hint}.\n**Task:** on this {where}, find the {noun}{side} that {fn} and segment it. Can you?",
                    f"Quick one: which {noun}{side} on this {where} {fn}? Please segment it and list the key points."],
        "numbers": [f"On this {where}, which {noun}{side} {fn}? Please outline it and tell me roughly how much of the "
                    "picture it takes up.",
                    f"Here {hint}. Which {noun}{side} {fn}? Could you segment it?"],
    }
    q = rng.choice(frames[style])
    return q


def _render(style: str, lead: str, items: list[tuple[str, str]], p, rng, first: bool) -> str:
    """An answer in the register: `items` are (kind, sentence)."""
    if style == "bullets":
        body = "\n".join(f"- **{LABEL.get(k.lstrip('!'), 'Note')}:** {s}" for k, s in items)
        return (f"**Answer:** {lead}\n\n{body}" if first else body) if items else lead
    if style == "verbose":
        items = [(k, _hedge(s, rng) if k in LABEL and k != "other" else s) for k, s in items]  # the planted claim stays plain
    text = " ".join(s for _, s in items)
    if style == "numbers":
        text = _num_words(text)
    if style == "verbose" and first:
        d = ", ".join(rng.sample(p["diff"], 2))
        pre = rng.choice([f"Based on the location and appearance, this is most likely {lead}",
                          f"Taking the clinical context into account, I believe this is {lead}"])
        cav = rng.choice(["That said, a single slice can be misleading, so I'd scroll through the neighbouring slices "
                          "before relying on the outline.",
                          "As always, this should be correlated with the full study and the clinical picture; I may be "
                          "wrong at the edges where partial-volume effects blur the boundary."])
        return f"{pre} Here is what I can see. {text} Differential considerations include {d}, which can look similar " \
               f"on a single image, but the overall shape and context favour this answer. {cav}"
    if style == "verbose":
        return rng.choice(["Good question. ", "Let me be careful here. ", "Sure. "]) + text + rng.choice(
            [" I'd still confirm this on adjacent slices.", " Hopefully that helps, though I would hedge slightly given "
             "the single image.", ""])
    return f"{lead} {text}".strip() if first else text


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    photo = record_for(p)["orientation"] is None
    name = _name(p, facts, rng)
    tf = true_facts(p, facts, style, rng)
    tr = traps(p, facts, rng)
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["first", "follow", "user"], [0.5, 0.3, 0.2])[0]
        tf[defect], tr[defect] = [], []  # the false claim is the only one of its kind
    give = rng.choice(p["give"]) if defect == "names_target" else None
    premise = None
    if where == "user" and defect == "laterality" and facts["laterality"] in OPP and rng.random() < 0.5:
        premise, where = OPP[facts["laterality"]], "question"
    q = _question(p, style, rng, give, premise)
    lead = rng.choice([f"{_cap(name)} {SEG}.", f"This is {name} {SEG}.", f"Segmented: {name} {SEG}.",
                       f"That would be {name} {SEG}."])
    if style == "verbose":
        lead = f"{name} {SEG}."
    if style == "bullets":
        lead = f"{name} {SEG}"
    kinds = ["laterality", "position", "size", "count"]
    items = [(k, s) for k in kinds for s in tf.get(k, [])]
    if style == "concise":
        items = items[:rng.randint(3, 5)] if len(items) > 3 else items
    pool = [(k, s) for k in tr for s in tr[k]]
    rng.shuffle(pool)
    items += pool[:rng.randint(1, 2)]
    rest = pool[2:]
    if where == "first":
        items.insert(rng.randrange(len(items) + 1), ("!" + defect, false_claim(p, facts, defect, rng, "first")))
    rounds = rng.choice([1, 2, 2, 3, 3])
    if where in ("follow", "user"):
        rounds = max(rounds, 2)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": _render(style, lead, items, p, rng, True)}]
    bad_round = rng.randrange(1, rounds) if where in ("follow", "user") else None
    for r in range(1, rounds):
        kind = rng.choice(kinds + ["why", "long"])
        if r == bad_round:
            kind = defect
        if kind == "why":
            fq = rng.choice(WHY)
            sents = [("other", "Because of where it lies relative to its neighbours and its shape on this image.")] + rest[:2]
        elif kind == "long":
            fq = LONG
            sents = [(k, s) for k in kinds for s in tf.get(k, [])] + rest[:1]
            sents.append(("other", "The outline is least certain where it touches neighbouring tissue of similar density."))
        else:
            fq = rng.choice(FOLLOW[kind])
            if photo and kind == "position":
                fq = "Where in the frame is it?"
            sents = [(kind, s) for s in tf.get(kind, [])] + [(k, s) for k, s in rest if k == kind][:1]
            if photo and kind == "laterality":
                sents = [("other", s) for s in tr["other"] if "left or right" in s][:1]
            if not sents:
                sents = [("other", "I would rather not commit to more than the outline shows on this single image.")]
        if r == bad_round and where == "user":
            fq = false_claim(p, facts, defect, rng, "user")
            sents = [("other", "The apparent size in a photo depends on how close the camera was, so one frame is a "
                      "rough guide only." if photo else "The appearance on one image depends on the level and angle of "
                      "the cut, so it is best judged by looking at the neighbouring images as well.")] + [(k, s) for k, s in rest if k == "other"][:1]
        elif r == bad_round:
            sents = [("!" + defect, false_claim(p, facts, defect, rng, "follow"))] + [(k, s) for k, s in rest if k == "other"][:1]
        rest = rest[2:]
        turns += [{"role": "user", "content": fq}, {"role": "assistant", "content": _render(style, "", sents, p, rng, False)}]
    return turns, ([defect] if defect else [])
