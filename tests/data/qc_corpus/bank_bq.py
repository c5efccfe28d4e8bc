"""Bank BQ (round 14, helper qcbq): bilateral, multi-region and midline masks, written blind.

Targets on axial CT ("LP") and coronal CT ("LI") across chest, abdomen and pelvis: lungs, kidneys, adrenal
glands, iliopsoas, femoral heads (a label the knowledge base does not know), ribs, liver lesions, lung
nodules, kidney cysts, colon, small bowel, aorta, vertebral body, urinary bladder, heart. Facts are the
product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic ellipse masks inside a drawn body
outline; the prose is written from those facts (side, vertical, size class, area and body percent,
component count, relations), and the per-side detail ("the larger one is on the right", "two on the right
and one on the left") from the drawn components themselves.

Registers: terse radiologist, patient tutor, chatty markdown LLM, numbers spelled out as words. Defects:
a bilateral mask called one-sided, a midline mask called lateral, a wrong side; a wrong absolute position
or relation; a wrong size class or percent; a wrong region count in many forms; a first question that
names the target. About a fifth of side/position/size/count defects sit in a user's follow-up question,
some in a follow-up answer. Written without opening anything about how QC works.

First measure: not taken by the writer (the lead measures after merging).
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

H = W = 256
SEG = "[SEG]"
OPP = {"left": "right", "right": "left"}
WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
        90: "ninety"}


def words(n: int) -> str:
    if n >= 100:
        head = WORDS[n // 100] + " hundred"
        return head if n % 100 == 0 else head + " and " + words(n % 100)
    if n < 20:
        return WORDS[n]
    if n in TENS:
        return TENS[n]
    return TENS[n // 10 * 10] + "-" + WORDS[n % 10]


# --- geometry: body outline and components, in pixels --------------------------------------------
# axial LP: image right = patient left, image down = posterior; coronal LI: image right = patient left,
# image down = inferior. Patient right therefore sits at SMALL x in both.
BODY = {"LP": (128, 128, 112, 84), "LI": (128, 128, 96, 118)}


def _ell(cx, cy, rx, ry, angle=0.0):
    yy, xx = np.mgrid[0:H, 0:W]
    c, s = math.cos(angle), math.sin(angle)
    dx, dy = xx - cx, yy - cy
    u, v = dx * c + dy * s, -dx * s + dy * c
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def _j(rng, a):
    return rng.uniform(-a, a)


def lay_lung(rng):
    big = rng.choice(["right", "left"])
    out = []
    for side, x in (("right", 128 - 52), ("left", 128 + 52)):
        k = 1.15 if side == big else 0.92
        out.append((x + _j(rng, 3), 124 + _j(rng, 14), 34 * k, 50 * k))
    return out


def lay_lung_cor(rng):
    out = []
    for x in (128 - 48, 128 + 48):
        out.append((x + _j(rng, 3), 70 + _j(rng, 8), 30 * rng.uniform(0.9, 1.1), 42 * rng.uniform(0.9, 1.1)))
    return out


def lay_kidney(rng):
    return [(x + _j(rng, 3), 160 + _j(rng, 8), 20 * rng.uniform(0.85, 1.15), 27 * rng.uniform(0.85, 1.15))
            for x in (128 - 58, 128 + 58)]


def lay_kidney_cor(rng):
    return [(x + _j(rng, 3), yb + _j(rng, 3), 18 * rng.uniform(0.85, 1.15), 30 * rng.uniform(0.85, 1.15))
            for x, yb in ((128 - 45, 122), (128 + 45, 110))]


def lay_adrenal(rng):
    return [(x + _j(rng, 3), 138 + _j(rng, 6), 4 * rng.uniform(0.8, 1.3), 11 * rng.uniform(0.8, 1.3))
            for x in (128 - 38, 128 + 36)]


def lay_psoas(rng):
    return [(x + _j(rng, 3), 150 + _j(rng, 6), 16 * rng.uniform(0.85, 1.2), 20 * rng.uniform(0.85, 1.2))
            for x in (128 - 48, 128 + 48)]


def lay_psoas_cor(rng):
    return [(x + _j(rng, 3), 170 + _j(rng, 6), 12 * rng.uniform(0.85, 1.2), 40 * rng.uniform(0.85, 1.1))
            for x in (128 - 32, 128 + 32)]


def lay_femoral(rng):
    return [(x + _j(rng, 3), 132 + _j(rng, 8), 17 * rng.uniform(0.9, 1.15), 17 * rng.uniform(0.9, 1.15))
            for x in (128 - 74, 128 + 74)]


def lay_femoral_cor(rng):
    return [(x + _j(rng, 3), 205 + _j(rng, 5), 14 * rng.uniform(0.9, 1.15), 14 * rng.uniform(0.9, 1.15))
            for x in (128 - 66, 128 + 66)]


def lay_ribs(rng):
    n = rng.randint(4, 7)
    out = []
    for sign in (-1, 1):
        for i in range(n):
            a = math.radians(25 + i * (130 / max(n - 1, 1)) + _j(rng, 4))
            x = 128 + sign * 100 * math.sin(a)
            y = 128 - 72 * math.cos(a)
            out.append((x, y, 4.5, 4.5))
    return out


def lay_liver_lesion(rng):
    n = rng.choice([1, 1, 2, 3, 3, 4, 5])
    out = []
    while len(out) < n:
        x, y, r = rng.uniform(42, 100), rng.uniform(85, 150), rng.uniform(4, 9)
        if all(math.hypot(x - a, y - b) > r + c + 4 for a, b, c, _ in out):
            out.append((x, y, r, r))
    return out


def lay_nodules(rng):
    n = rng.choice([1, 1, 2, 2, 3, 4])
    where = rng.choice(["right", "left", "both"])
    out = []
    while len(out) < n:
        side = where if where != "both" else ("right" if len(out) % 2 == 0 else "left")
        cx = 128 - 52 if side == "right" else 128 + 52
        x, y, r = cx + rng.uniform(-22, 22), rng.uniform(90, 160), rng.uniform(3, 6)
        if all(math.hypot(x - a, y - b) > r + c + 4 for a, b, c, _ in out):
            out.append((x, y, r, r))
    return out


def lay_kcyst(rng):
    n = rng.choice([1, 2, 2, 3])
    where = rng.choice(["right", "left", "both", "both"]) if n > 1 else rng.choice(["right", "left"])
    out = []
    while len(out) < n:
        side = where if where != "both" else ("right" if len(out) % 2 == 0 else "left")
        cx = 128 - 58 if side == "right" else 128 + 58
        x, y, r = cx + rng.uniform(-12, 12), rng.uniform(140, 180), rng.uniform(5, 9)
        if all(math.hypot(x - a, y - b) > r + c + 4 for a, b, c, _ in out):
            out.append((x, y, r, r))
    return out


def lay_colon(rng):
    pool = [(60, 140, 15, 15), (196, 140, 15, 15), (105, 80, 16, 10), (152, 80, 16, 10), (178, 185, 12, 12)]
    pick = rng.sample(pool, rng.randint(3, 5))
    if not any(p[0] < 100 for p in pick):
        pick[0] = pool[0]
    if not any(p[0] > 156 for p in pick):
        pick[-1] = pool[1]
    return [(x + _j(rng, 3), y + _j(rng, 3), rx, ry) for x, y, rx, ry in dict.fromkeys(pick)]


def lay_small_bowel(rng):
    n = rng.randint(5, 9)
    out = []
    while len(out) < n:
        x, y, r = rng.uniform(78, 178), rng.uniform(70, 150), rng.uniform(6, 10)
        if all(math.hypot(x - a, y - b) > r + c + 3 for a, b, c, _ in out):
            out.append((x, y, r, r))
    return out


def lay_aorta(rng):
    return [(128 + _j(rng, 3), 165 + _j(rng, 4), 10, 10)]


def lay_aorta_cor(rng):
    return [(128 + _j(rng, 3), 110 + _j(rng, 6), 8, 45)]


def lay_vertebra(rng):
    return [(128 + _j(rng, 2), 182 + _j(rng, 4), 19, 16)]


def lay_bladder(rng):
    return [(128 + _j(rng, 3), 100 + _j(rng, 6), 26 * rng.uniform(0.9, 1.1), 20 * rng.uniform(0.9, 1.1))]


def lay_bladder_cor(rng):
    return [(128 + _j(rng, 3), 200 + _j(rng, 4), 24 * rng.uniform(0.9, 1.1), 16 * rng.uniform(0.9, 1.1))]


def lay_heart(rng):
    return [(128 + rng.uniform(22, 32), 100 + _j(rng, 6), 38, 32, 0.5)]


# landmarks for relations (pixel centres), per plane
LANDMARKS = {
    "LP": {"vertebral body": (128, 182), "aorta": (130, 165), "liver": (70, 110), "spleen": (196, 150),
           "heart": (150, 100), "urinary bladder": (128, 100), "stomach": (180, 90)},
    "LI": {"heart": (140, 40), "liver": (80, 80), "urinary bladder": (128, 205), "spleen": (190, 85),
           "vertebral body": (128, 130)},
}


def _draw(layout):
    m = np.zeros((H, W), bool)
    for e in layout:
        m |= _ell(*e)
    return m


def _frame(orientation, mask):
    from medseg_qa.patient import body_outline, patient_frame

    cx, cy, rx, ry = BODY[orientation]
    body = _ell(cx, cy, rx, ry).astype(float)
    return patient_frame((H, W), orientation, body_outline(body, 0.5, mask))


def _borderline(f, p) -> bool:
    """Facts too near a class boundary to state plainly."""
    bf = f["body_fraction"] if f["body_fraction"] is not None else f["area_fraction"]
    for b in (0.02, 0.10):
        if 0.8 * b < bf < 1.2 * b:
            return True
    ox, oy = f["centroid_patient"]
    if 0.045 < abs(oy) < 0.08:
        return True
    if f["laterality"] in ("left", "right", "midline") and 0.045 < abs(ox) < 0.08:
        return True
    return f["laterality"] != p["expect_side"] and p["expect_side"] != "any"


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    o = p["orient"]
    others = {k: (x / (W - 1), y / (H - 1)) for k, (x, y) in LANDMARKS[o].items() if k in p["rel_to"]}
    for _ in range(60):
        layout = p["layout"](rng)
        mask = _draw(layout)
        f = compute_facts(mask, o, others, frame=_frame(o, mask)).model_dump(mode="json")
        if f["components"] == len(layout) and not _borderline(f, p):
            break
    f_side = _side_detail(mask, f)
    p["_detail"] = f_side  # per-side detail of the last drawn mask, used by build
    return f


def _side_detail(mask, f):
    """(components on the patient's right, on the left, side of the larger one of two) of the drawn mask."""
    from scipy import ndimage

    lab, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    cx = f["frame"]["centre"][0]
    right = left = 0
    areas = {}
    clear = True
    for i in range(1, n + 1):
        ys, xs = np.nonzero(lab == i)
        side = "right" if xs.mean() < cx else "left"
        clear &= abs(xs.mean() - cx) / f["frame"]["extent"][0] >= 0.08
        right += side == "right"
        left += side == "left"
        areas.setdefault(side, []).append(xs.size)
    larger = None
    if n == 2 and right == 1 and left == 1:
        a, b = areas["right"][0], areas["left"][0]
        if max(a, b) > 1.25 * min(a, b):
            larger = "right" if a > b else "left"
    return {"right": right, "left": left, "larger": larger, "clear": clear}


# --- profiles --------------------------------------------------------------------------------------
def _p(target, orient, region, layout, side, noun, plural, q, forbid, give, other, pop, cmp_, rel_to=()):
    return dict(target=target, orient=orient, region=region, layout=layout, expect_side=side, noun=noun,
                q_one=ONE.get(target, (None, None))[0], cmp_one=ONE.get(target, (None, None))[1],
                plural=plural, q=q, forbid=forbid, give=give, other=other, pop=pop, cmp=cmp_, rel_to=set(rel_to))


LUNG_F = [r"lung", r"pulmo", r"pneumo"]
# single-focus wording of the focal targets (a plural question about one focus would state a count)
ONE = {"liver lesion": (["the focal low-density spot inside the bile-producing organ",
                         "the abnormal round area inside the large organ that makes bile"],
                        "it is much smaller than the organ that holds it"),
       "lung tumour": (["the small round spot inside the air-filled breathing tissue",
                        "the rounded opacity sitting in the spongy tissue we breathe with"],
                       "it is far smaller than the heart"),
       "kidney cyst": (["the round fluid-filled pocket in one of the bean-shaped filtering organs",
                        "the water-density sac arising from a urine-producing organ"],
                       "it is far smaller than the organ it sits in")}
KID_F = [r"kidney", r"renal", r"nephr", r"\bren\b"]
PROFILES = [
    _p("lung", "LP", "chest", lay_lung, "bilateral", "air-filled organs", True,
       ["the paired, air-filled organs that exchange oxygen and carbon dioxide",
        "the spongy organs that inflate with every breath"],
       LUNG_F, ["lungs", "pulmonary", "lung fields", "the lung parenchyma"],
       ["The heart sits slightly to the patient's left, in front of the spine.",
        "The liver dome lies under the right hemidiaphragm, lower down."],
       ["The right one has three lobes and the left one two, in most people."],
       "they are far larger than the heart between them", ("heart", "vertebral body")),
    _p("lung", "LI", "chest", lay_lung_cor, "bilateral", "air-filled organs", True,
       ["the paired organs that fill with air when we breathe in",
        "the organs of gas exchange that sit above the diaphragm"],
       LUNG_F, ["lungs", "pulmonary", "lung bases"],
       ["The liver sits below the right hemidiaphragm.", "The bladder is far below, in the pelvis."],
       ["An adult breathes roughly 12 to 20 times a minute at rest."],
       "they are much taller than the heart", ("urinary bladder", "liver")),
    _p("kidney", "LP", "abdomen", lay_kidney, "bilateral", "bean-shaped organs", True,
       ["the bean-shaped organs that filter blood and make urine",
        "the paired filtering organs that sit against the back muscles"],
       KID_F, ["kidneys", "renal", "nephric", "the renal parenchyma"],
       ["The liver lies in front and to the right.", "The spleen sits on the patient's left."],
       ["Each one holds roughly a million nephrons in an adult."],
       "each is much smaller than the liver", ("vertebral body", "liver")),
    _p("kidney", "LI", "abdomen", lay_kidney_cor, "bilateral", "bean-shaped organs", True,
       ["the paired organs in the flanks that produce urine",
        "the organs that filter about 180 litres of plasma a day"],
       KID_F, ["kidneys", "renal", "nephro-"],
       ["The liver usually pushes the right one a little lower.", "The bladder collects what they make, far below."],
       ["Each is about 10 to 12 cm long in a typical adult."],
       "each is smaller than the liver above it", ("urinary bladder",)),
    _p("adrenal gland", "LP", "abdomen", lay_adrenal, "bilateral", "small endocrine glands", True,
       ["the small hormone glands capping the top of the urine-producing organs",
        "the little glands that make cortisol and aldosterone"],
       [r"adrenal", r"suprarenal", r"adreno"], ["adrenal glands", "suprarenal", "adrenals", "adrenal"],
       ["The inferior vena cava runs just to the right of the aorta.", "The spleen lies out on the left."],
       ["Incidental nodules of these glands turn up in roughly 3 to 5% of abdominal CT scans."],
       "they are far smaller than the neighbouring liver", ("vertebral body",)),
    _p("iliopsoas", "LP", "pelvis", lay_psoas, "bilateral", "muscles", True,
       ["the hip-flexor muscles that run from the lumbar column to the thigh",
        "the muscles that lift the thigh toward the trunk"],
       [r"psoas", r"iliacus", r"iliopsoas"], ["psoas muscles", "iliopsoas", "psoas", "iliacus"],
       ["The bladder sits in front, in the middle of the pelvis.", "The sigmoid loop usually lies on the left."],
       ["Their cross-section shrinks by roughly 1% a year after middle age."],
       "each is smaller than the gluteal mass behind it", ("urinary bladder",)),
    _p("iliopsoas", "LI", "pelvis", lay_psoas_cor, "bilateral", "muscles", True,
       ["the long muscles that flex the hip, running down beside the lumbar column",
        "the muscles that help you sit up from lying"],
       [r"psoas", r"iliacus", r"iliopsoas"], ["psoas", "iliopsoas muscles", "iliacus"],
       ["The liver is up on the right, well above this level.", "The bladder lies in the middle of the pelvis."],
       ["They are often measured at the third lumbar level to gauge muscle mass."],
       "each is slimmer than the liver", ("liver",)),
    _p("femoral head", "LP", "pelvis", lay_femoral, "bilateral", "rounded bony structures", True,
       ["the rounded balls of bone that sit in the hip sockets",
        "the bony balls at the top of the thigh bones that carry body weight"],
       [r"femor", r"femur"], ["femoral heads", "femoral", "femur heads", "heads of the femur"],
       ["The bladder sits between them, in front.", "The rectum lies behind the bladder in the midline."],
       ["Avascular necrosis of this part affects roughly 20,000 people a year in the US."],
       "each is smaller than the bladder when full", ("urinary bladder",)),
    _p("femoral head", "LI", "pelvis", lay_femoral_cor, "bilateral", "rounded bony structures", True,
       ["the ball-shaped ends of the thigh bones that sit in the hip sockets",
        "the round bony balls of the hip joints"],
       [r"femor", r"femur"], ["femoral heads", "femoral", "femur"],
       ["The bladder sits between them, in the middle.", "The liver is far above, under the right diaphragm."],
       ["Hip fractures near this part are common after 70."],
       "each is smaller than the bladder", ("urinary bladder",)),
    _p("rib", "LP", "chest", lay_ribs, "bilateral", "bones of the chest wall", True,
       ["the curved bones that form the cage around the chest",
        "the bony arches of the thoracic cage seen in cross-section"],
       [r"\brib", r"costa", r"costo", r"costal"], ["ribs", "costal", "rib cage", "costae"],
       ["The heart sits inside the cage, to the patient's left.", "The vertebral body is in the midline behind."],
       ["Most people have 12 pairs of them."], "each piece is much smaller than the heart", ()),
    _p("liver lesion", "LP", "abdomen", lay_liver_lesion, "right", "focal spots", True,
       ["the focal low-density spots inside the bile-producing organ",
        "the abnormal round areas inside the large organ that makes bile"],
       [r"lesion", r"\bmass", r"tumo", r"nodul", r"cyst", r"metasta", r"liver", r"hepat", r"\bhcc", r"abscess",
        r"neoplas", r"carcinoma", r"h[a]?emangioma"],
       ["liver lesions", "hepatic lesions", "liver metastases", "hepatic masses"],
       ["The spleen lies on the patient's left.", "The aorta runs in front of the spine, near the midline."],
       ["Simple benign spots of this kind are found in roughly 5% of adults."],
       "they are much smaller than the organ that holds them", ("vertebral body", "spleen")),
    _p("lung tumour", "LP", "chest", lay_nodules, "any", "round spots", True,
       ["the small round spots inside the air-filled breathing tissue",
        "the rounded opacities sitting in the spongy tissue we breathe with"],
       LUNG_F + [r"nodul", r"tumo", r"\bmass", r"lesion", r"cancer", r"carcinoma", r"neoplas", r"nsclc", r"\bsclc"],
       ["lung nodules", "pulmonary nodules", "lung tumours", "nodules"],
       ["The heart lies between the two air-filled organs, to the left.", "The aorta descends beside the spine."],
       ["Screening scans find at least one such spot in about a quarter of smokers."],
       "they are far smaller than the heart", ("heart",)),
    _p("kidney cyst", "LP", "abdomen", lay_kcyst, "any", "fluid-filled pockets", True,
       ["the round fluid-filled pockets in the bean-shaped filtering organs",
        "the water-density sacs arising from the urine-producing organs"],
       KID_F + [r"cyst", r"bosniak"], ["kidney cysts", "renal cysts", "cysts", "cystic"],
       ["The liver sits on the right, the spleen on the left.", "The aorta lies in the middle, in front of the spine."],
       ["Simple ones are found in more than a quarter of people over 50."],
       "they are far smaller than the organs they sit in", ("vertebral body",)),
    _p("colon", "LP", "abdomen", lay_colon, "any", "loops of gut", True,
       ["the loops of the wide tube of gut that frames the abdomen and absorbs water",
        "the segments of gut that store stool before it is passed"],
       [r"colon", r"\bcolo", r"caecum", r"cecum", r"sigmoid", r"bowel", r"intestin"],
       ["the colon", "colonic loops", "large bowel", "the large intestine"],
       ["The liver is up on the right, the spleen on the left.", "The small gut coils mostly in the middle."],
       ["It is roughly 1.5 metres long in an adult."], "each loop is wider than a coil of the small gut", ()),
    _p("small bowel", "LP", "abdomen", lay_small_bowel, "any", "coiled loops", True,
       ["the coiled loops of the long tube of gut that absorbs most nutrients",
        "the loops of gut where most food is digested and absorbed"],
       [r"small bowel", r"intestin", r"jejun", r"\bile", r"enteric", r"entero", r"bowel"],
       ["small bowel", "jejunal loops", "ileal loops", "small intestine"],
       ["The wider large gut frames it around the edges.", "The spine sits behind, in the midline."],
       ["It measures roughly 6 metres in an adult."], "each loop is narrower than the large gut", ()),
    _p("aorta", "LP", "abdomen", lay_aorta, "midline", "vessel", False,
       ["the main artery that carries blood from the heart down through the trunk",
        "the large vessel that runs in front of the spinal column carrying oxygenated blood"],
       [r"aort", r"\baaa\b"], ["aorta", "aortic", "abdominal aorta", "AAA"],
       ["The inferior vena cava runs on the patient's right.", "The liver fills the right upper abdomen."],
       ["A diameter above 3 cm counts as an aneurysm in adults."],
       "it is much smaller than the liver", ("vertebral body", "liver", "spleen")),
    _p("aorta", "LI", "abdomen", lay_aorta_cor, "midline", "vessel", False,
       ["the large artery that descends through the trunk from the heart",
        "the body's main artery, seen here running down the middle"],
       [r"aort", r"\baaa\b"], ["aorta", "aortic", "thoracic aorta"],
       ["The liver sits to the right.", "The spleen sits high on the left."],
       ["Screening of men aged 65 to 75 for its widening is advised in several countries."],
       "it is much narrower than the liver", ("urinary bladder", "liver", "spleen")),
    _p("vertebral body", "LP", "abdomen", lay_vertebra, "midline", "bone", False,
       ["the weight-bearing block of bone at the back of the abdomen",
        "the cylindrical block of bone that carries the body's weight down the back"],
       [r"vertebr", r"spine", r"spinal", r"backbone", r"centrum", r"spondyl", r"\b[lt]\d"],
       ["vertebral body", "spine", "vertebra", "spinal"],
       ["The kidneys lie out to each side of it.", "The liver is on the right."],
       ["Compression fractures of these blocks affect about 1 in 4 women over 50."],
       "it is smaller than the liver", ("aorta", "liver")),
    _p("urinary bladder", "LP", "pelvis", lay_bladder, "midline", "hollow organ", False,
       ["the muscular pelvic reservoir that stores urine",
        "the hollow organ of the pelvis that fills with urine"],
       [r"bladder", r"vesic", r"cysto"], ["bladder", "vesical", "urinary bladder"],
       ["The sigmoid loop tends to lie on the left.", "The rectum lies behind it."],
       ["It typically holds 400 to 600 ml when full."], "it is smaller than the liver", ("vertebral body",)),
    _p("urinary bladder", "LI", "pelvis", lay_bladder_cor, "midline", "hollow organ", False,
       ["the hollow pelvic organ that stores urine until voiding",
        "the reservoir low in the pelvis that collects urine"],
       [r"bladder", r"vesic", r"cysto"], ["bladder", "vesical", "cystogram"],
       ["The liver is far above on the right.", "The heart is at the top, left of centre."],
       ["Most adults feel the urge to void at about 200 to 300 ml."],
       "it is smaller than the liver", ("liver", "heart")),
    _p("heart", "LP", "chest", lay_heart, "left", "muscular pump", False,
       ["the muscular pump that drives blood around the body",
        "the four-chambered organ that pumps blood through the body"],
       [r"heart", r"cardi", r"\bcor\b", r"myocard"], ["heart", "cardiac", "cardio-", "myocardium"],
       ["The spine sits behind it in the midline.", "The right lung wraps around its right border."],
       ["It beats about 100,000 times a day."], "it is smaller than the two air-filled organs together",
       ("vertebral body", "aorta")),
]


def pick_profile(profiles, i, defect, rng):
    """Weight toward bilateral masks for side defects, multi-region ones for count defects."""
    if defect == "laterality":
        pool = [p for p in profiles if p["expect_side"] in ("bilateral", "midline")] * 3 + list(profiles)
        return rng.choice(pool)
    if defect == "count":
        pool = [p for p in profiles if p["plural"]] * 2 + list(profiles)
        return rng.choice(pool)
    return rng.choice(profiles)


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": p["region"], "orientation": p["orient"]}


STYLES = ["terse", "tutor", "chatty", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]


# --- prose -----------------------------------------------------------------------------------------
class Say:
    """Sentence makers for one conversation: numbers as digits or words by style."""

    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.det = p["_detail"]
        self.axial = p["orient"] == "LP"

    def n(self, k: int) -> str:
        return words(k) if self.style == "words" else str(k)

    def pct(self, x: float) -> str:
        v = x * 100
        if self.style == "words":
            return "less than one per cent" if v < 1 else f"about {words(int(round(v)))} per cent"
        return "under 1%" if v < 1 else f"about {int(round(v))}%"

    def c(self, opts):
        return self.rng.choice(opts)

    # side ------------------------------------------------------------------------------------
    def side(self, false=False):
        lat, det, t = self.f["laterality"], self.det, self.style == "terse"
        if false:
            s = self.c(["left", "right"]) if lat in ("bilateral", "midline") else OPP[lat]
            if lat == "bilateral":
                return self.c([f"Only on the {s}." if t else f"It is only on the patient's {s}.",
                               f"Confined to the {s} side." if t else f"It is confined to the {s} side.",
                               f"One-sided, {s}." if t else f"This is a one-sided finding, on the patient's {s}.",
                               f"Unilateral, {s} only." if t else f"Only the {s} side is involved; the {OPP[s]} is clear."])
            if lat == "midline":
                return self.c([f"Lateral, patient's {s}, off midline." if t else
                               f"It sits off to the patient's {s}, away from the midline.",
                               f"{s.capitalize()}-sided." if t else f"It is a {s}-sided structure on this slice.",
                               f"Lies on the {s}." if t else f"It lies over on the patient's {s} rather than centrally."])
            return self.c([f"{s.capitalize()}-sided." if t else f"It lies on the patient's {s}.",
                           f"Located on the {s}." if t else f"It is on the {s} side of the body."])
        if lat == "bilateral":
            opts = []
            if det["right"] == 1 and det["left"] == 1:
                opts += ["One on each side." if t else "There is one on each side of the midline.",
                         "Paired, left and right." if t else "They are paired, left and right alike."]
                if det["larger"]:
                    opts += [f"Bilateral; larger one on the {det['larger']}." if t else
                             f"Both sides are present, though not mirror-image: the larger one is on the {det['larger']}."]
                else:
                    opts += ["Bilateral, roughly symmetric." if t else "They are roughly mirror-image, one per side."]
            else:
                opts += ["Bilateral." if t else "It is present on both sides, left and right alike.",
                         "Both sides involved." if t else "Both the left and the right side are involved."]
                if det["right"] + det["left"] <= 6 and det["right"] != det["left"] and det["clear"]:
                    opts += [f"Bilateral: {self.n(det['right'])} right, {self.n(det['left'])} left." if t else
                             f"They are spread over both sides, {self.n(det['right'])} on the right and "
                             f"{self.n(det['left'])} on the left."]
            return self.c(opts)
        if lat == "midline":
            return self.c(["Midline." if t else "It straddles the midline.",
                           "Centred on the midline." if t else "It is centred and does not favour a side.",
                           "Sits in the middle, no side." if t else "It sits in the middle, neither left nor right."])
        many = self.f["components"] > 1 and det[OPP[lat]] == 0 and det["clear"]
        return self.c([f"{lat.capitalize()}-sided." if t else
                       (f"All of them are on the patient's {lat}." if many else f"It lies on the patient's {lat}."),
                       f"{lat.capitalize()} of midline." if t else f"It sits {lat} of the midline."])

    def side_q(self):
        lat = self.f["laterality"]
        s = self.c(["left", "right"]) if lat in ("bilateral", "midline") else OPP[lat]
        if lat == "bilateral":
            return self.c([f"Why is it only on the {s} side?", f"Is it normal that only the {s} one shows up?"])
        if lat == "midline":
            return self.c([f"Why does it sit off to the {s} here?", f"What pushes it over to the {s} side like that?"])
        return self.c([f"Why is it on the {s} side in this patient?", f"Is it usual for it to be on the {s}?"])

    def side_neg(self):
        lat = self.f["laterality"]
        if lat == "bilateral":
            return self.c(["It is not confined to one side.", "Neither side is spared."])
        if lat == "midline":
            return self.c(["It is not off to one side.", "It does not lean to the left or the right."])
        return f"It is not on the {OPP[lat]}."

    # count -----------------------------------------------------------------------------------
    def count(self, false=False):
        k, t, n = self.f["components"], self.style == "terse", self.n
        lesion = self.p["target"] in ("liver lesion", "lung tumour", "kidney cyst")
        if false:
            if k == 1:
                return self.c(["Two blobs." if t else "There are two separate blobs.",
                               "A pair of regions." if t else "It is made of a pair of separate regions.",
                               f"{n(3).capitalize()} discrete foci." if t else f"There is a cluster of {n(3)} discrete foci.",
                               "Several discrete foci." if t else "The outline breaks into several discrete foci."])
            if k == 2:
                return self.c(["Single contiguous region." if t else "It is a single contiguous region.",
                               "One piece." if t else "It comes out in one piece.",
                               f"Cluster of {n(4)}." if t else f"There is a cluster of {n(4)} separate regions."])
            wrong = k + 2 if k < 5 else k - 3
            return self.c(["Single connected piece." if t else "It is all one connected piece.",
                           f"{n(wrong).capitalize()} components." if t else f"There are {n(wrong)} separate regions.",
                           "A pair only." if t else "There is only a pair of regions, two in total."])
        if k == 1:
            opts = ["Single contiguous region." if t else "It is a single contiguous region.",
                    "One piece." if t else "It is in one piece, one connected region."]
            if lesion:
                opts += ["Solitary; no satellite lesions." if t else "It is solitary, with no satellite lesions."]
            return self.c(opts)
        if k == 2:
            return self.c(["Two components." if t else "There are two separate regions.",
                           "Two blobs." if t else "It shows up as two blobs.",
                           "A pair." if t else "It is a pair of discrete regions."])
        if k == 3:
            return self.c([f"Cluster of {n(3)}." if t else f"There is a cluster of {n(3)}.",
                           f"{n(3).capitalize()} discrete foci." if t else f"There are {n(3)} discrete regions."])
        if k <= 6:
            return self.c([f"{n(k).capitalize()} components." if t else f"There are {n(k)} separate regions.",
                           f"A handful ({n(k)})." if t else f"It is a handful of separate pieces, {n(k)} in all."])
        return self.c([f"{n(k).capitalize()} separate pieces." if t else f"There are {n(k)} separate pieces, scattered.",
                       f"Scattered, {n(k)} in total." if t else f"Several discrete segments, {n(k)} in total, are outlined."])

    def count_q(self):
        k = self.f["components"]
        if k == 1:
            return self.c(["Why are there two separate pieces?", "Why does it break into several blobs here?"])
        return self.c(["Why is it all in one piece?", "Why does it come out as a single connected region?"])

    def count_neg(self):
        k = self.f["components"]
        return (self.c(["There is no second region.", "No other separate piece is outlined."]) if k == 1
                else self.c(["It is not a single piece.", "It is not one connected region."]))

    # size ------------------------------------------------------------------------------------
    def size(self, false=False):
        f, t = self.f, self.style == "terse"
        sc, bf = f["size_class"], f["body_fraction"] or f["area_fraction"]
        word = {"small": ["small", "small in area"], "medium": ["medium-sized", "moderate in size"],
                "large": ["large", "big"]}
        if false:
            if self.rng.random() < 0.6:
                wrong = {"small": "large", "large": "small"}.get(sc) or ("small" if bf > 0.05 else "large")
                w = self.c(word[wrong])
                return f"Size: {w}." if t else self.c([f"Overall it is {w}.", f"The outlined area is {w}."])
            af = f["area_fraction"]
            wrong_af = af * 6 if sc != "large" else af / 6
            return (f"Area {self.pct(wrong_af)} of image." if t else
                    f"Together it covers {self.pct(wrong_af)} of the image.")
        w = self.c(word[sc])
        af = f["area_fraction"]
        opts = [f"Size: {w}." if t else f"Overall it is {w}."]
        if sc == ("small" if af < 0.007 else "medium" if 0.015 < af < 0.04 else "large" if af > 0.06 else "-"):
            opts.append(f"{w.capitalize()}, {self.pct(af)} of image." if t else
                        f"It is {w}, covering {self.pct(af)} of the image.")
        if f["body_fraction"] is not None:
            opts.append(f"{w.capitalize()}: {self.pct(f['body_fraction'])} of body section." if t else
                        f"It is {w}: {self.pct(f['body_fraction'])} of the body's cross-section.")
        return self.c(opts)

    def size_q(self):
        sc, bf = self.f["size_class"], self.f["body_fraction"] or self.f["area_fraction"]
        big = sc == "small" or (sc == "medium" and bf < 0.05)
        return self.c(["Why is it so large here?", "What makes it look so huge on this slice?"] if big else
                      ["Why is it so small here?", "Why does it look so tiny on this slice?"])

    def size_neg(self):
        sc = self.f["size_class"]
        return {"small": "It is not large.", "large": "It is not small.", "medium": "It is neither tiny nor huge."}[sc]

    # position --------------------------------------------------------------------------------
    WORD_V = {"anterior": ["toward the front", "anterior", "in the front half of the body"],
              "posterior": ["toward the back", "posterior", "in the back half of the body"],
              "superior": ["high in the image", "superior", "in the upper part of the trunk"],
              "inferior": ["low in the image", "inferior", "in the lower part of the trunk"]}

    def vert(self, false=False):
        v, t = self.f["vertical"], self.style == "terse"
        pair = ("anterior", "posterior") if self.axial else ("superior", "inferior")
        rels = self._rels()
        if false:
            if rels and self.rng.random() < 0.4:
                o, r = self.c(rels)
                flip = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
                        "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}[r]
                return self._rel_text(o, flip)
            wrong = {pair[0]: pair[1], pair[1]: pair[0]}.get(v) or self.c(pair)
            w = self.c(self.WORD_V[wrong][:2])
            return f"Position: {w}." if t else self.c([f"Its centre lies {w}.", f"Overall it sits {w}."])
        if v == "central":
            w = "midway between front and back" if self.axial else "midway between top and bottom"
        else:
            w = self.c(self.WORD_V[v])
        out = f"Position: {w}." if t else self.c([f"Its centre lies {w}.", f"Overall it sits {w}."])
        if rels and self.rng.random() < 0.6:
            out += " " + self._rel_text(*self.c(rels))
        return out

    def _rels(self):
        lat = self.f["laterality"]
        keep = ("anterior_to", "posterior_to", "superior_to", "inferior_to")
        if lat != "bilateral":
            keep += ("left_of", "right_of")
        return [(r["other"], r["relation"]) for r in self.f["relations"] if r["relation"] in keep]

    def _rel_text(self, o, r):
        ph = {"anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above",
              "inferior_to": "below", "left_of": "to the patient's left of", "right_of": "to the patient's right of"}[r]
        return f"{ph.capitalize()} the {o}." if self.style == "terse" else f"It lies {ph} the {o}."

    def vert_q(self):
        v = self.f["vertical"]
        pair = ("front", "back") if self.axial else ("top", "bottom")
        if v in ("anterior", "superior"):
            w = pair[1]
        elif v in ("posterior", "inferior"):
            w = pair[0]
        else:
            w = self.c(pair)
        return self.c([f"Why does it sit so far toward the {w}?", f"Is it normal for it to lie all the way at the {w} like this?"])

    def vert_neg(self):
        v = self.f["vertical"]
        opp = {"anterior": "toward the back", "posterior": "toward the front", "superior": "low down",
               "inferior": "high up"}.get(v)
        return f"It is not {opp}." if opp else "It is not pushed to either end."


FACT_OF = {"laterality": "side", "position": "vert", "size": "size", "count": "count"}
CONVENTION = {"LP": ["On axial CT the patient's left is displayed on the viewer's right, as if looking up from the feet.",
                     "By convention, axial images are viewed from below, so the patient's right is on the image's left."],
              "LI": ["On a coronal image the patient's right is on the viewer's left and the head is at the top.",
                     "Coronal slices are shown as if facing the patient, so their left appears on your right."]}
HEDGES = ["Most likely", "Probably", "I think", "As far as I can tell,"]
FOLLOW = {"side": ["Which side is it on?", "Is it on one side or both?", "Which side, please?",
                   "Does it favour a side at all?"],
          "count": ["How many pieces are there?", "How many separate regions did you outline?",
                    "Is it one piece or several?"],
          "size": ["How big is it?", "How large is the outlined area compared with the rest?",
                   "And the size of it?"],
          "vert": ["Where does it sit on the image?", "Where is it relative to the neighbours?",
                   "And its position, please?"]}
WHY = ["What is it, then?", "Can you remind me what it is?", "What exactly did you outline?"]


def _one(p, f):
    """The profile with its single-focus wording when the mask is one focus."""
    if f["components"] == 1 and p.get("q_one"):
        return {**p, "q": p["q_one"], "cmp": p["cmp_one"], "plural": False}
    return p


def _first_question(p, style, rng, name):
    desc = rng.choice(p["q"])
    if name:
        g = rng.choice(p["give"])
        desc = rng.choice([f"{desc} (the {g})", f"the {g}, {desc}", f"{desc}, i.e. the {g}"])
    mod = "coronal CT" if p["orient"] == "LI" else "axial CT"
    are, them = ("are", "them") if p["plural"] else ("is", "it")
    return {
        "terse": rng.choice([f"{mod}: segment {desc}. Which structure is it?",
                             f"Where {are} {desc} on this {mod} slice? Segment {them}."]),
        "tutor": rng.choice([f"I'm a student. On this {mod} image, can you show me {desc}?",
                             f"Could you help me find {desc} on this {mod} slice and explain what I'm looking at?"]),
        "chatty": rng.choice([f"Hey! Can you outline {desc} on this {mod} scan? 🙂",
                              f"Quick one: where {are} {desc} on this {mod} image? Please segment {them}."]),
        "words": rng.choice([f"On this {mod} slice, which structure matches {desc}? Please segment it.",
                             f"Can you find {desc} in this {mod} image and segment it?"]),
    }[style]


def _wrap(style, sents, seg, rng, title="Findings"):
    """Lay out an answer's sentences in the register."""
    if style == "chatty":
        head = rng.choice([f"## {title}", f"### {title} ✨", f"**{title}**"])
        lines = [head]
        if seg:
            lines.append(f"Here is the segmentation: {SEG}")
        lines += [f"- {s}" if i % 2 == 0 else f"- **Note:** {s}" for i, s in enumerate(sents)]
        return "\n".join(lines)
    if style == "terse":
        lead = f"Segmented {SEG}. " if seg else rng.choice(["On this slice: ", "As measured: ", "Per the mask: "])
        body = " ".join(sents)
        return lead + (body if seg else body[0].lower() + body[1:])
    if style == "tutor":
        lead = rng.choice(["Good question! ", "Let's walk through it. ", "Sure. ", "Happy to explain. "])
        tail = rng.choice(["", "", " Does that help you see it?", " Try tracing it yourself on the next slice.",
                           " Notice how the outline follows the edges you can see."])
        return lead + (f"I've outlined it here: {SEG}. " if seg else "") + " ".join(sents) + tail
    return (f"The segmentation is shown here: {SEG}. " if seg else "") + " ".join(sents)


def build(p, facts, style, rng, defect):
    p = _one(p, facts)
    say = Say(p, facts, style, rng)
    f = facts
    wrong_kind = FACT_OF.get(defect)
    rounds = rng.choice([1, 2, 2, 3, 3])
    place = None
    if wrong_kind:
        r = rng.random()
        place = "user" if r < 0.2 else "followup" if r < 0.45 else "a1"
        if place != "a1":
            rounds = max(rounds, 2)
    kinds = ["side", "count", "size", "vert"]
    rng.shuffle(kinds)
    a1_kinds = ["side", "count"] + ([k for k in kinds if k not in ("side", "count")][:rng.randint(0, 2)]
                                    if rounds > 1 else ["size", "vert"])
    later = [k for k in kinds if k not in a1_kinds]
    if place == "a1" and wrong_kind not in a1_kinds:
        a1_kinds.append(wrong_kind)
        later = [k for k in later if k != wrong_kind]
    if place in ("user", "followup"):
        a1_kinds = [k for k in a1_kinds if k != wrong_kind]
        later = [wrong_kind] + [k for k in later if k != wrong_kind]

    def fact(k):
        return getattr(say, k)(false=(k == wrong_kind and place != "user"))

    traps = [rng.choice(CONVENTION[p["orient"]]), rng.choice(p["other"]), rng.choice(p["pop"]),
             f"For comparison, {p['cmp']}."]
    negs = [getattr(say, k + "_neg")() for k in ("side", "count", "size", "vert") if k != wrong_kind]
    rng.shuffle(traps)
    a1 = [fact(k) for k in a1_kinds]
    if rng.random() < 0.4 and a1 and "(" not in "".join(a1):
        h = rng.choice(HEDGES)
        i = rng.randrange(len(a1))
        a1[i] = f"{h} {a1[i][0].lower()}{a1[i][1:]}" if style != "terse" else a1[i][:-1] + " (likely)."
    a1 += traps[:rng.randint(1, 2)] + [rng.choice(negs)]
    q1 = _first_question(p, style, rng, defect == "names_target")
    turns = [{"role": "user", "content": q1},
             {"role": "assistant", "content": _wrap(style, a1, True, rng)}]
    used_traps = traps[2:]
    for r in range(1, rounds):
        k = later.pop(0) if later else None
        if k == wrong_kind and place == "user":
            q = say.__getattribute__(k + "_q")()
            ans = [rng.choice(["That is simply how it appears on this slice.", "It varies between patients."]),
                   used_traps.pop() if used_traps else rng.choice(p["other"])]
        elif k is not None:
            q = rng.choice(FOLLOW[k])
            ans = [fact(k)] + ([rng.choice(negs)] if rng.random() < 0.4 else [])
        else:
            q = WHY[r % len(WHY)]
            ans = [f"What you see outlined {'are' if p['plural'] else 'is'} " + rng.choice(p["q"]) + ".",
                   used_traps.pop() if used_traps else rng.choice(p["pop"])]
        if style == "words":
            q = q.replace("?", ", in words please?") if rng.random() < 0.3 else q
        turns += [{"role": "user", "content": q},
                  {"role": "assistant", "content": _wrap(style, ans, False, rng, title="Answer")}]
    if style == "words":
        turns = [{"role": t["role"], "content": spell_numbers(t["content"])} for t in turns]
    return turns, ([defect] if defect else [])


def spell_numbers(text: str) -> str:
    """Every number of a turn as words (the register that spells numbers out)."""
    text = text.replace("1.5", "one and a half").replace("100,000", "a hundred thousand")
    text = text.replace("20,000", "twenty thousand").replace("%", " per cent")
    return re.sub(r"\b\d+\b", lambda m: words(int(m.group())) if int(m.group()) < 1000 else m.group(), text)
