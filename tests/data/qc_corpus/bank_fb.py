"""Bank FB: musculoskeletal and spine.

Targets: vertebral bodies and intervertebral discs (axial midline, coronal stacks with a level count), paraspinal
and psoas muscles (bilateral), femoral heads on axial CT and AP pelvis films (bilateral and single-sided), humeral
heads on axial CT, knee MR (menisci, cruciate ligaments, medial femoral cartilage; the knee's side comes from the
history and is not the mask's measured side), hand and wrist radiographs (metacarpals, carpal bones, scaphoid,
distal phalanges; no orientation, so no patient side), bone metastases (several lesions, both sides).
Registers: an MSK radiologist's dictation, an orthopaedic surgeon talking to a trainee, a physiotherapist's plain
explainer, an LLM answer with markdown bullets.

Written without reading QC. Every claim the prose makes about the mask is written from the measured facts and
recorded in LEDGER (kind, value, text); a defect row changes exactly one such claim to a false value.
Own check (/work/notes/qcfb_scripts/check_fb.py): rows: 420 clean: 210 defects: 210 (42 of each kind),
problems: 0; planted side/position/size/count defects sit 33 in a user turn, 35 in a follow-up answer, 100 in the
first answer; masks: 109 bilateral, 103 midline, 68 without a side (hand films), 191 rows with several pieces.
"""
from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["dictation", "surgeon_trainee", "physio", "llm_bullets"]
LEDGER: list[dict] = []  # one entry per build() call: the claims written and the first question's banned names

W = H = 256


def _E(cx, cy, rx, ry, ang=0.0):
    return (cx, cy, rx, ry, ang)


# names: how the prose calls the target; ban: words a clean first question must avoid; plural: grammar
PROFILES = [
    dict(key="vb_axial", target="vertebral body", modality="CT", region="lumbar spine", orientation="LP",
         ell=[_E(128, 150, 30, 26)], others={"aorta": (0.47, 0.42), "spinal canal": (0.5, 0.74)},
         names=["the vertebral body", "the L3 vertebral body", "the body of L3"], plural=False,
         ban=["vertebral", "vertebra", "vertebrae", "centrum"]),
    dict(key="disc_axial", target="intervertebral disc", modality="MR", region="lumbar spine", orientation="LP",
         ell=[_E(128, 140, 32, 22)], others={"thecal sac": (0.5, 0.72), "inferior vena cava": (0.42, 0.38)},
         names=["the L4-5 disc", "the intervertebral disc", "the disc"], plural=False,
         ban=["disc", "disk", "discs", "intervertebral", "discal", "nucleus pulposus", "annulus"]),
    dict(key="paraspinal", target="paraspinal muscles", modality="CT", region="lumbar spine", orientation="LP",
         ell=[_E(98, 190, 22, 28), _E(158, 190, 22, 28)], others={"vertebral body": (0.5, 0.58), "aorta": (0.47, 0.42)},
         names=["the paraspinal muscles", "the paraspinals", "the erector spinae and multifidus"], plural=True,
         ban=["paraspinal", "paravertebral", "erector spinae", "multifidus", "paraspinals"]),
    dict(key="psoas", target="psoas muscles", modality="CT", region="lumbar spine", orientation="LP",
         ell=[_E(90, 150, 16, 20), _E(166, 150, 16, 20)], others={"aorta": (0.47, 0.42), "spinal canal": (0.5, 0.74)},
         names=["the psoas muscles", "both psoas muscles", "the psoas"], plural=True,
         ban=["psoas", "iliopsoas"]),
    dict(key="fh_axial", target="femoral heads", modality="CT", region="pelvis", orientation="LP",
         ell=[_E(70, 130, 24, 24), _E(186, 130, 24, 24)], others={"bladder": (0.5, 0.4), "rectum": (0.5, 0.62)},
         names=["the femoral heads", "both femoral heads", "the heads of the femora"], plural=True,
         ban=["femoral head", "femoral heads", "head of the femur", "heads of the femora", "capital femoral"]),
    dict(key="lfh_axial", target="left femoral head", modality="CT", region="pelvis", orientation="LP",
         ell=[_E(186, 130, 24, 24)], others={"bladder": (0.5, 0.4), "right femoral head": (0.27, 0.51)},
         names=["the left femoral head", "the femoral head", "the left hip's femoral head"], plural=False,
         ban=["femoral head", "head of the femur", "capital femoral"]),
    dict(key="rfh_axial", target="right femoral head", modality="MR", region="pelvis", orientation="LP",
         ell=[_E(70, 132, 23, 24)], others={"bladder": (0.5, 0.4), "left femoral head": (0.73, 0.51)},
         names=["the right femoral head", "the femoral head", "the right femoral head"], plural=False,
         ban=["femoral head", "head of the femur", "capital femoral"]),
    dict(key="mets_axial", target="bone metastases", modality="CT", region="pelvis", orientation="LP",
         ell=[_E(122, 150, 8, 8), _E(196, 112, 9, 8), _E(62, 118, 8, 7)], others={"bladder": (0.5, 0.36)},
         names=["the bone metastases", "the metastases", "the osseous metastatic deposits"], plural=True,
         ban=["metasta", "mets", "secondar", "deposit"]),
    dict(key="mets_coronal", target="bone metastases", modality="CT", region="spine and pelvis", orientation="LI",
         ell=[_E(128, 70, 10, 8), _E(126, 120, 9, 8), _E(70, 200, 10, 9), _E(190, 190, 8, 8)],
         others={"sacrum": (0.5, 0.85)},
         names=["the bone metastases", "the sclerotic metastases", "the metastatic lesions"], plural=True,
         ban=["metasta", "mets", "secondar", "deposit"]),
    dict(key="rhh_axial", target="right humeral head", modality="CT", region="shoulder girdle", orientation="LP",
         ell=[_E(40, 120, 22, 22)], others={"trachea": (0.5, 0.45), "left humeral head": (0.84, 0.47)},
         names=["the right humeral head", "the humeral head", "the head of the right humerus"], plural=False,
         ban=["humeral", "humerus", "humeri"]),
    dict(key="lhh_axial", target="left humeral head", modality="MR", region="shoulder girdle", orientation="LP",
         ell=[_E(214, 118, 21, 23)], others={"trachea": (0.5, 0.45), "right humeral head": (0.16, 0.47)},
         names=["the left humeral head", "the humeral head", "the head of the left humerus"], plural=False,
         ban=["humeral", "humerus", "humeri"]),
    dict(key="vb_coronal", target="lumbar vertebral bodies", modality="CT", region="lumbar spine", orientation="LI",
         ell=[_E(128, y, 26, 13) for y in (60, 95, 130, 165, 200)],
         others={"sacrum": (0.5, 0.93), "right kidney": (0.3, 0.42)},
         names=["the lumbar vertebral bodies", "the vertebral bodies", "L1 to L5"], plural=True,
         ban=["vertebral", "vertebra", "vertebrae", "L1", "L5"]),
    dict(key="disc_coronal", target="intervertebral discs", modality="MR", region="lumbar spine", orientation="LI",
         ell=[_E(128, y, 28, 5) for y in (78, 113, 148, 183)], others={"sacrum": (0.5, 0.93)},
         names=["the intervertebral discs", "the lumbar discs", "the discs"], plural=True,
         ban=["disc", "disk", "intervertebral", "discal"]),
    dict(key="fh_xr", target="femoral heads", modality="XR", region="pelvis", orientation="LI",
         ell=[_E(70, 108, 22, 22), _E(186, 108, 22, 22)], others={"pubic symphysis": (0.5, 0.64)},
         names=["the femoral heads", "both femoral heads", "the femoral heads"], plural=True,
         ban=["femoral head", "femoral heads", "head of the femur", "heads of the femora", "capital femoral"]),
    dict(key="rfh_xr", target="right femoral head", modality="XR", region="pelvis", orientation="LI",
         ell=[_E(70, 108, 22, 22)], others={"pubic symphysis": (0.5, 0.64), "left femoral head": (0.73, 0.42)},
         names=["the right femoral head", "the femoral head"], plural=False,
         ban=["femoral head", "head of the femur", "capital femoral"]),
    # knee MR, coronal: the knee's side is in the history; the mask's measured side is its place in this image
    dict(key="mm_rknee", target="medial meniscus", modality="MR", region="knee", orientation="LI", knee="right",
         compartment="medial", ell=[_E(176, 140, 26, 6)],
         others={"anterior cruciate ligament": (0.5, 0.47), "lateral meniscus": (0.3, 0.55)},
         names=["the medial meniscus", "the meniscus", "the medial meniscus"], plural=False,
         ban=["menisc"]),
    dict(key="mm_lknee", target="medial meniscus", modality="MR", region="knee", orientation="LI", knee="left",
         compartment="medial", ell=[_E(80, 141, 26, 6)],
         others={"anterior cruciate ligament": (0.5, 0.47), "lateral meniscus": (0.7, 0.55)},
         names=["the medial meniscus", "the meniscus"], plural=False, ban=["menisc"]),
    dict(key="lm_rknee", target="lateral meniscus", modality="MR", region="knee", orientation="LI", knee="right",
         compartment="lateral", ell=[_E(80, 142, 24, 6)],
         others={"anterior cruciate ligament": (0.5, 0.47), "medial meniscus": (0.69, 0.55)},
         names=["the lateral meniscus", "the meniscus"], plural=False, ban=["menisc"]),
    dict(key="acl", target="anterior cruciate ligament", modality="MR", region="knee", orientation="LI",
         knee="left", compartment="notch", ell=[_E(128, 118, 7, 22, 0.35)],
         others={"medial meniscus": (0.3, 0.56), "lateral meniscus": (0.7, 0.56)},
         names=["the ACL", "the anterior cruciate ligament", "the anterior cruciate"], plural=False,
         ban=["anterior cruciate", "acl", "cruciate"]),
    dict(key="pcl", target="posterior cruciate ligament", modality="MR", region="knee", orientation="LI",
         knee="right", compartment="notch", ell=[_E(130, 112, 8, 24, -0.3)],
         others={"medial meniscus": (0.7, 0.57), "tibial plateau": (0.5, 0.66)},
         names=["the PCL", "the posterior cruciate ligament"], plural=False,
         ban=["posterior cruciate", "pcl", "cruciate"]),
    dict(key="mfc_cart", target="medial femoral cartilage", modality="MR", region="knee", orientation="LI",
         knee="right", compartment="medial", ell=[_E(180, 122, 32, 5)],
         others={"medial meniscus": (0.69, 0.55), "anterior cruciate ligament": (0.5, 0.47)},
         names=["the medial femoral cartilage", "the cartilage over the medial femoral condyle"], plural=False,
         ban=["cartilag", "chondral"]),
    # hand and wrist radiographs: no orientation, the film's halves only
    dict(key="metacarpals", target="metacarpals", modality="XR", region="hand", orientation=None, hand="left",
         ell=[_E(x, 122, 8, 34, t) for x, t in ((72, -0.25), (99, -0.1), (126, 0.0), (153, 0.1), (180, 0.22))],
         others={}, names=["the metacarpals", "the five metacarpals", "the metacarpal bones"], plural=True,
         ban=["metacarp"]),
    dict(key="carpals", target="carpal bones", modality="XR", region="wrist", orientation=None, hand="right",
         ell=[_E(x, y, 9, 8) for x, y in ((96, 188), (118, 186), (140, 188), (162, 192),
                                           (100, 214), (124, 216), (148, 216), (170, 212))],
         others={}, names=["the carpal bones", "the carpus", "the carpal bones"], plural=True,
         ban=["carpal", "carpus", "carpals"]),
    dict(key="scaphoid", target="scaphoid", modality="XR", region="wrist", orientation=None, hand="right",
         ell=[_E(108, 192, 12, 8, 0.5)], others={},
         names=["the scaphoid", "the scaphoid bone"], plural=False, ban=["scaphoid", "navicular"]),
    dict(key="distal_phal", target="distal phalanges", modality="XR", region="hand", orientation=None, hand="left",
         ell=[_E(x, y, 6, 10) for x, y in ((60, 70), (96, 34), (128, 28), (158, 36), (190, 60))],
         others={}, names=["the distal phalanges", "the fingertip bones (distal phalanges)"], plural=True,
         ban=["phalan", "phalanx"]),
]


def _draw(ell, rng):
    yy, xx = np.mgrid[0:H, 0:W]
    m = np.zeros((H, W), bool)
    for cx, cy, rx, ry, ang in ell:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        rx, ry = rx * rng.uniform(0.95, 1.05), ry * rng.uniform(0.95, 1.05)
        c, s = math.cos(ang), math.sin(ang)
        dx, dy = xx - cx, yy - cy
        u, v = dx * c + dy * s, -dx * s + dy * c
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = _draw(p["ell"], rng)
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orientation"])


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":  # a side needs a patient axis; the knee's in-image side is left out of defects
        pool = [p for p in profiles if p["orientation"] and "knee" not in p]
    return rng.choice(pool)


# ---------------------------------------------------------------------------------------------- wording

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
OPP = {"left": "right", "right": "left"}
REL_WORDS = {
    "left_of": ["to the patient's left of {o}", "on the left side of {o}", "left of {o}"],
    "right_of": ["to the patient's right of {o}", "on the right side of {o}", "right of {o}"],
    "anterior_to": ["in front of {o}", "anterior to {o}", "ventral to {o}"],
    "posterior_to": ["behind {o}", "posterior to {o}", "dorsal to {o}"],
    "superior_to": ["above {o}", "superior to {o}", "cranial to {o}"],
    "inferior_to": ["below {o}", "inferior to {o}", "caudal to {o}"],
}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


class Ctx:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.claims: list[dict] = []

    def pick(self, xs):
        return self.rng.choice(xs)

    def subj(self, cap=True):
        p, r = self.p, self.rng
        opts = [(self.pick(p["names"]), "are" if p["plural"] else "is"), ("the mask", "is"),
                ("the segmented region", "is"), ("they" if p["plural"] else "it", "are" if p["plural"] else "is")]
        s, be = r.choice(opts)
        return (s[0].upper() + s[1:] if cap else s), be

    def claim(self, kind, value, text, where):
        self.claims.append(dict(kind=kind, value=value, text=text, where=where))
        return text


def _v(be, verb):
    return verb if be == "are" else verb + "s"


def pct_text(x, rng):
    if x >= 1:
        s = f"{x:.1f}"
    else:
        s = f"{x:.2f}"
    return rng.choice([f"about {s}%", f"roughly {s}% of the image", f"~{s}% of the field", f"{s} percent of the frame",
                       f"close to {s}% of the slice"])


SIZE_WORDS = {"small": ["small", "modest in size", "a small structure on this image"],
              "medium": ["medium-sized", "moderate in size", "mid-sized"],
              "large": ["large", "sizeable", "big"]}


def lat_sentence(c, v, where):
    """A sentence saying the mask's side is v (left/right/midline/bilateral)."""
    r, p = c.rng, c.p
    S, be = c.subj()
    img = {"left": "right", "right": "left"}
    if v in ("left", "right"):
        forms = [f"{S} {be} on the patient's {v}.",
                 f"{S} {_v(be, 'lie')} on the {v} side.",
                 f"Side: {v}.",
                 f"{S} {be} {v}-sided, shown on the image's {img[v]} as usual for a radiological view.",
                 f"On the image's {img[v]} side, which is the patient's {v}, you find {c.pick(p['names'])}.",
                 f"{S} {_v(be, 'sit')} to the {v} of the midline."]
    elif v == "midline":
        forms = [f"{S} {be} in the midline.", f"{S} {_v(be, 'sit')} centrally, straddling the midline.",
                 "Side: midline, no lateral bias.", f"{S} {be} midline rather than to one side."]
    else:
        forms = [f"{S} {be} bilateral.", f"{S} {_v(be, 'involve')} both sides.",
                 f"There is tissue on the left and on the right, so {S[0].lower() + S[1:]} {be} bilateral.",
                 "Side: bilateral."]
    if c.style == "llm_bullets" and r.random() < 0.5:
        word = {"left": "Left", "right": "Right", "midline": "Midline", "bilateral": "Bilateral"}[v]
        return c.claim("laterality", v, f"- **Side:** {word}", where)
    return c.claim("laterality", v, r.choice(forms), where)


VERT_WORDS = {
    "anterior": ["anterior", "in the anterior half", "toward the front"],
    "posterior": ["posterior", "in the posterior half", "toward the back"],
    "superior": ["superior", "in the upper part", "toward the top (cranial)"],
    "inferior": ["inferior", "in the lower part", "toward the bottom (caudal)"],
    "central": ["central", "at about mid-depth", "central in position"],
    "upper": ["in the upper half of the film", "upper", "toward the top of the image"],
    "lower": ["in the lower half of the film", "lower", "toward the bottom of the image"],
}


def vert_sentence(c, v, where):
    S, be = c.subj()
    w = c.pick(VERT_WORDS[v])
    forms = [f"{S} {be} {w}.", f"Position: {w}.", f"In position {S[0].lower() + S[1:]} {be} {w}.",
             f"I'd say {S[0].lower() + S[1:]} {be} {w}, give or take."]
    if c.style == "llm_bullets" and c.rng.random() < 0.5:
        forms = [f"- **Position:** {w}"]
    return c.claim("vertical", v, c.pick(forms), where)


def rel_sentence(c, other, rel, where):
    S, be = c.subj()
    w = c.pick(REL_WORDS[rel]).format(o="the " + other)
    forms = [f"{S} {_v(be, 'lie')} {w}.", f"Relative to the {other}, {S[0].lower() + S[1:]} {be} {c.pick(REL_WORDS[rel]).format(o='it')}.",
             f"{S} {be} {w}."]
    return c.claim("relation", [other, rel], c.pick(forms), where)


def size_sentence(c, cls, where):
    S, be = c.subj()
    w = c.pick(SIZE_WORDS[cls])
    forms = [f"{S} {be} {w}.", f"Size: {cls}.", f"Overall {S[0].lower() + S[1:]} {be} {w}.",
             f"{S} probably {_v(be, 'count')} as {cls} here."]
    if c.style == "llm_bullets" and c.rng.random() < 0.5:
        forms = [f"- **Size:** {cls}"]
    return c.claim("size_class", cls, c.pick(forms), where)


def pct_sentence(c, x, where):
    S, be = c.subj()
    t = pct_text(x, c.rng)
    forms = [f"{S} {_v(be, 'cover')} {t}.", f"Area: {t}.", f"{S} {_v(be, 'take')} up {t}."]
    return c.claim("percent", round(x, 3), c.pick(forms), where)


def count_sentence(c, n, where):
    p = c.p
    nw = NUMW.get(n, str(n))
    if n == 1:
        forms = ["It is a single connected region.", "The mask is one continuous piece.", "Count: one region."]
    else:
        unit = "lesions" if "metast" in p["target"] else "separate pieces"
        forms = [f"There are {nw} {unit} in the mask.", f"The mask has {n} separate components.",
                 f"Count: {n} {unit}.", f"I count {nw} distinct {unit}."]
    return c.claim("count", n, c.pick(forms), where)


# --------------------------------------------------------------------------------------- knowledge lines

KNOW = {
    "vb_axial": ["The aorta usually runs slightly to the left of the spine, with the IVC on the right.",
                 "Vertebral compression fractures are seen in roughly 20% of women over 50.",
                 "The posterior elements, not shown in the mask, carry the facet joints."],
    "disc_axial": ["Most lumbar herniations are posterolateral, where the posterior longitudinal ligament is thinnest.",
                   "About 90% of lumbar disc herniations occur at L4-5 or L5-S1.",
                   "A right paracentral protrusion would typically compress the traversing right nerve root."],
    "paraspinal": ["Fatty atrophy of the multifidus is common in chronic low back pain, often more on one side.",
                   "The psoas muscles lie further forward, beside the vertebral bodies.",
                   "Sarcopenia studies often use the left and right muscle areas added together."],
    "psoas": ["A psoas abscess is more often on the right in some series, linked to appendiceal or Crohn's disease.",
              "The paraspinal muscles sit behind the transverse processes, posterior to these muscles.",
              "The genitofemoral nerve runs on the anterior surface of this muscle."],
    "fh_axial": ["Steroid-related avascular necrosis is bilateral in up to 50-70% of patients.",
                 "The medial circumflex femoral artery supplies most of the blood, running posteriorly.",
                 "The acetabular roof lies just above this level."],
    "lfh_axial": ["Avascular necrosis is bilateral in many steroid-treated patients, so the right hip deserves a look too.",
                  "The bladder is anterior and central at this level.",
                  "Collapse usually starts in the anterosuperior weight-bearing segment."],
    "rfh_axial": ["In about half of patients the opposite hip develops changes within a few years.",
                  "The femoral neck runs anterolaterally from the head.",
                  "The left hip is normal in signal on these images."],
    "mets_axial": ["About 70% of skeletal metastases from breast cancer are osteolytic or mixed.",
                   "The left iliac wing is a common site, as are the vertebral bodies.",
                   "Small sclerotic foci under 1 cm are often bone islands rather than disease."],
    "mets_coronal": ["Red marrow in the axial skeleton is the usual seeding ground, hence spine and pelvis.",
                     "Prostate cancer metastases are sclerotic in over 80% of cases.",
                     "The sacrum sits below the lumbar spine in the midline."],
    "rhh_axial": ["Posterior dislocations are rare, under 5%, and are classically missed on the AP film.",
                  "The glenoid faces slightly posteriorly, about 5 degrees of retroversion.",
                  "A Hill-Sachs lesion sits on the posterolateral aspect after an anterior dislocation."],
    "lhh_axial": ["More than 95% of shoulder dislocations are anterior.",
                  "The trachea runs in the midline, anterior to the oesophagus.",
                  "The right shoulder is not the one in question here."],
    "vb_coronal": ["About 5-10% of people have a transitional lumbosacral segment, so counting from the sacrum can mislead.",
                   "The right kidney usually sits slightly lower than the left because of the liver.",
                   "Counting should be confirmed from C2 downward when a whole-spine localiser is available."],
    "disc_coronal": ["Disc height loss is most common at the lowest two levels.",
                     "The L5-S1 disc lies below the lowest disc shown here in some patients with a sixth lumbar segment.",
                     "Modic changes affect the endplates either side of a degenerate disc."],
    "fh_xr": ["Shenton's line should be smooth on both sides.",
              "In children with Perthes disease, about 10-15% are bilateral.",
              "The pubic symphysis is midline and below the hip joints on a standard AP film."],
    "rfh_xr": ["Compare with the left hip, which looks normal on this film.",
               "Garden classification applies to femoral neck fractures, not the head itself.",
               "The left side is the image's right on an AP pelvis."],
    "mm_rknee": ["The medial meniscus tears about twice as often as the lateral one.",
                 "In a right knee the lateral compartment shows on the image's left.",
                 "The ACL sits centrally in the notch, between the two menisci."],
    "mm_lknee": ["The posterior horn is the commonest site of a medial meniscal tear.",
                 "In a left knee the lateral compartment shows on the image's right.",
                 "About 1 in 3 ACL ruptures comes with a medial meniscal tear."],
    "lm_rknee": ["Lateral meniscal tears are more common with an acute ACL rupture.",
                 "A discoid meniscus is found in about 3-5% of people and is almost always lateral.",
                 "The medial compartment of a right knee shows on the image's right."],
    "acl": ["About 70% of ACL injuries are non-contact.",
            "The lateral femoral condyle bone bruise is seen in most acute ruptures.",
            "The PCL lies behind it and is twice as thick."],
    "pcl": ["The PCL is injured far less often than the ACL, in roughly 3-20% of knee ligament injuries.",
            "The ACL runs in front of it in the notch.",
            "A posterior sag sign at 90 degrees of flexion suggests a rupture."],
    "mfc_cart": ["Medial compartment osteoarthritis is about ten times more common than lateral.",
                 "The lateral femoral condyle is wider but carries less load in a varus knee.",
                 "Full-thickness defects over 2 cm2 are usually considered for repair."],
    "metacarpals": ["A boxer's fracture involves the neck of the fifth metacarpal, at the ulnar side.",
                    "The first metacarpal is the shortest and thickest.",
                    "Bone age is often read from a left hand film."],
    "carpals": ["The scaphoid is involved in about 60-70% of carpal fractures.",
                "The pisiform is a sesamoid within the flexor carpi ulnaris tendon.",
                "The distal radius lies below them on the film."],
    "scaphoid": ["Up to 20% of scaphoid fractures are not visible on the first radiographs.",
                 "The blood supply enters distally, so proximal pole fractures risk avascular necrosis.",
                 "The lunate sits just to the ulnar side of it."],
    "distal_phal": ["Tuft fractures are the commonest hand fractures in crush injuries.",
                    "Acro-osteolysis of the tufts can occur in scleroderma.",
                    "The middle phalanx is absent in the thumb."],
}

CONVENTION = ["By convention the patient's left is displayed on the image's right.",
              "Remember the radiological view: image right is the patient's left.",
              "As always with these images, the patient's right is shown on the left of the screen."]

# first questions, never naming the target (clean rows)
QUESTIONS = {
    "vb_axial": ["Which weight-bearing bony block at the front of the spinal column takes most of the axial load at this level? Please segment it.",
                 "On this axial lumbar slice, segment the part of the spine that collapses in an osteoporotic compression fracture."],
    "disc_axial": ["Patient with sciatica down the leg: which fibrocartilaginous cushion between two spinal levels tends to herniate? Outline it.",
                   "Segment the shock-absorbing pad between two lumbar levels on this MR slice."],
    "paraspinal": ["Which muscle groups running along the back of the spine keep us upright? Can you segment them?",
                   "Segment the back extensor muscles on this slice, we want their area for a sarcopenia score."],
    "psoas": ["Which hip-flexor muscles run alongside the lumbar spine? Segment them please.",
              "Segment the muscles used for the sarcopenia index at L3, the ones that flex the hip."],
    "fh_axial": ["On long-term steroids, groin pain on both sides. Which ball-shaped part of the hip joint should I look at for avascular necrosis? Please segment it.",
                 "Segment the rounded upper ends of both thigh bones, where they articulate with the acetabula."],
    "lfh_axial": ["Left groin pain after years of steroids. Which structure of the left hip would show avascular necrosis? Segment it.",
                  "Segment the part of the left thigh bone that articulates with the acetabulum on this slice."],
    "rfh_axial": ["Sickle cell disease, right hip pain. Which part of the right hip is at risk of osteonecrosis? Please segment it.",
                  "Segment the rounded top of the right thigh bone, the part that sits in the acetabulum."],
    "mets_axial": ["Known breast cancer, new pelvic pain. Show me where the disease has spread in the bones and segment it.",
                   "Segment the spread of the patient's prostate cancer in the skeleton on this slice."],
    "mets_coronal": ["Rising PSA after prostatectomy: where has the cancer spread in the skeleton? Segment every focus.",
                     "Segment all the sites of skeletal tumour spread on this coronal reformat."],
    "rhh_axial": ["After a fall on the outstretched right arm, which structure can slip out of the glenoid? Segment it.",
                  "Segment the upper end of the right arm bone where it meets the glenoid on this CT."],
    "lhh_axial": ["Seizure, then left shoulder pain and loss of rotation. Which structure might have dislocated posteriorly? Please segment it.",
                  "Segment the rounded top of the left upper-arm bone on this slice."],
    "vb_coronal": ["How many lumbar levels does this patient have? Segment the bony blocks of the lower back so we can count them.",
                   "Segment the load-bearing bony segments of the lumbar spine on this coronal reformat."],
    "disc_coronal": ["Which cushions between the lumbar bones lose height in degeneration? Segment them all.",
                     "Segment the fibrocartilage pads between the lumbar levels on this coronal MR."],
    "fh_xr": ["Hip pain in a runner: which rounded bony ends sit in the hip sockets on this AP pelvis? Segment them.",
              "Segment the rounded bony ends that articulate with both acetabula on this pelvic film."],
    "rfh_xr": ["Right hip pain with a limp: which part of the right hip joint sits in the acetabulum? Segment it.",
               "Segment the rounded end of the right thigh bone inside the acetabulum on this AP pelvis."],
    "mm_rknee": ["Right knee, twisting injury, medial joint line pain and locking. Which C-shaped structure is probably torn? Segment it.",
                 "Right knee MR: segment the crescent-shaped shock absorber of the inner compartment."],
    "mm_lknee": ["Left knee, squatting injury, pain on the inner side and catching. Which structure is most likely torn? Please segment it.",
                 "Segment the C-shaped fibrocartilage of the inner compartment of this left knee."],
    "lm_rknee": ["Right knee, acute pivoting injury with pain on the outer joint line. Which crescent-shaped structure should I check? Segment it.",
                 "Segment the outer compartment's shock absorber on this right knee MR."],
    "acl": ["Left knee: footballer, pivoting, heard a pop, swelled within hours. Which ligament most likely failed? Segment it.",
            "Segment the ligament that stops the tibia sliding forward, on this left knee MR."],
    "pcl": ["Right knee hit the dashboard in a car crash. Which ligament is at risk? Segment it on this image.",
            "Segment the ligament that resists posterior tibial translation in this right knee."],
    "mfc_cart": ["Right knee, medial compartment osteoarthritis: which smooth layer on the inner condyle wears thin? Segment it.",
                 "Segment the articular surface layer of the inner condyle of this right knee."],
    "metacarpals": ["Left hand, punched a wall. Which long bones of the palm should I check for a boxer's fracture? Segment them.",
                    "Segment the long bones of the palm on this left hand film."],
    "carpals": ["Right wrist film: which small bones between the forearm and the palm make up the wrist? Segment all of them.",
                "Segment the small bones between the forearm and the bases of the palm bones on this right wrist radiograph."],
    "scaphoid": ["Right wrist, fell on an outstretched hand, tender in the anatomical snuffbox. Which bone should I worry about? Segment it.",
                 "Segment the boat-shaped wrist bone on this right wrist film."],
    "distal_phal": ["Left hand, crush injury to the fingertips. Which bones at the tips of the fingers might be broken? Segment them.",
                    "Segment the bones that carry the nails on this left hand radiograph."],
}


# ------------------------------------------------------------------------------------------ planning

def true_values(p, f):
    """Every fact the prose may state, as (kind, value)."""
    vals = []
    orient = p["orientation"]
    if orient and "knee" not in p:
        vals.append(("laterality", f["laterality"]))
    vals.append(("vertical", f["vertical"]))
    for r in f["relations"]:
        vals.append(("relation", [r["other"], r["relation"]]))
    vals.append(("size_class", f["size_class"]))
    vals.append(("percent", 100 * f["area_fraction"]))
    vals.append(("count", f["components"]))
    return vals


def false_value(kind, p, f, rng):
    """A false value of the defect's kind (with the claim kind it is written as)."""
    if kind == "laterality":
        lat = f["laterality"]
        opts = {"left": ["right", "midline", "bilateral"], "right": ["left", "midline", "bilateral"],
                "midline": ["left", "right"], "bilateral": ["left", "right"]}[lat]
        return "laterality", rng.choice(opts)
    if kind == "position":
        rels = f["relations"]
        if rels and rng.random() < 0.5:
            r = rng.choice(rels)
            return "relation", [r["other"], FLIP[r["relation"]]]
        v = f["vertical"]
        words = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
                 None: ["upper", "lower", "central"]}[p["orientation"]]
        if v == "central":
            return "vertical", rng.choice([w for w in words if w != "central"])
        return "vertical", rng.choice([w for w in words if w != v])
    if kind == "size":
        if rng.random() < 0.5:
            cls = f["size_class"]
            return "size_class", rng.choice([c for c in ("small", "medium", "large") if c != cls])
        x = 100 * f["area_fraction"]
        return "percent", x * (rng.uniform(3.0, 5.0) if x < 5 else rng.uniform(0.12, 0.3))
    n = f["components"]
    return "count", rng.choice([m for m in (n - 1, n + 1, n + 2) if m >= 1 and m != n])


def render(c, kind, value, where):
    if kind == "laterality":
        return lat_sentence(c, value, where)
    if kind == "vertical":
        return vert_sentence(c, value, where)
    if kind == "relation":
        return rel_sentence(c, value[0], value[1], where)
    if kind == "size_class":
        return size_sentence(c, value, where)
    if kind == "percent":
        return pct_sentence(c, value, where)
    return count_sentence(c, value, where)


DEFECT_OF = {"laterality": "laterality", "vertical": "position", "relation": "position", "size_class": "size",
             "percent": "size", "count": "count"}


def premise(c, kind, value):
    """A user's follow-up built on a claim (true or false): the claim sits in the user's turn."""
    r = c.rng
    nm = c.pick(c.p["names"])
    if kind == "laterality":
        said = {"left": "on the left", "right": "on the right", "midline": "in the midline", "bilateral": "on both sides"}[value]
        t = r.choice([f"Since it's {said}, does that change which approach you'd use?",
                      f"OK so it's {said}. What else should I look at nearby?"])
    elif kind == "vertical":
        w = VERT_WORDS[value][0]
        t = r.choice([f"Given that it sits {w}, what could be hiding next to it?", f"So it's {w} - is that typical?"])
    elif kind == "relation":
        w = REL_WORDS[value[1]][0].format(o="the " + value[0])
        t = r.choice([f"Because it lies {w}, could that structure be affected too?", f"It's {w}, right? Anything to watch for there?"])
    elif kind == "size_class":
        t = r.choice([f"Given it's {value} on this image, is that reassuring?", f"Since it looks {value}, what next?"])
    elif kind == "percent":
        t = r.choice([f"So it covers about {value:.1f}% of the image - is that a lot?",
                      f"With roughly {value:.1f}% of the frame taken up, should I worry?"])
    else:
        t = r.choice([f"With {NUMW.get(value, value)} separate pieces in the mask, what's the next step?",
                      f"So we have {value} separate regions. What would you do with that?"])
    return c.claim(kind, value, t, "user")


def go_along(c):
    """An assistant reply to a premise that neither repeats nor corrects it."""
    k = c.p["key"]
    return c.pick(KNOW[k]) + " " + c.pick(["I'd correlate with the clinical picture.",
                                            "Further views or a follow-up scan can help if in doubt.",
                                            "That is worth mentioning in the report."])


FOLLOW_Q = {
    "side": ["Which side is it on?", "Left, right or both?", "And the side?"],
    "position": ["Where exactly does it sit?", "How would you describe its position?", "Where is it relative to its neighbours?"],
    "size": ["How big is it on this image?", "Roughly how large is the mask?", "What's the size?"],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "Count them for me?"],
    "summary": ["Can you summarise?", "Give me a short summary.", "Sum it up in a line or two."],
}

FOLLOW_KINDS = {"side": ["laterality"], "position": ["vertical", "relation"], "size": ["size_class", "percent"],
                "count": ["count"], "summary": ["vertical", "size_class", "count", "laterality"]}


def knee_side_line(c):
    """The knee's side from the history plus where that puts the mask in this image (true)."""
    p, f = c.p, c.f
    knee = p["knee"]
    lat = f["laterality"]
    if lat == "midline":
        t = c.pick([f"This is the {knee} knee per the history; the ligament sits centrally in the intercondylar notch, in the middle of the image.",
                    f"Per the request this is a {knee} knee. Within the image the mask lies in the midline of the notch."])
        return c.claim("laterality", "midline", t, "first")
    if lat in ("left", "right"):
        img = OPP[lat]
        t = c.pick([f"The history says {knee} knee, so the {p['compartment']} compartment is on the image's {img}, toward the patient's {lat}.",
                    f"Because this is a {knee} knee, the {p['compartment']} side points to the patient's {lat}, i.e. the image's {img}, and that is where the mask is.",
                    f"{knee.capitalize()} knee per the request: the mask is on the image's {img} (the patient's {lat} within this field), which is the {p['compartment']} side."])
        return c.claim("laterality", lat, t, "first")
    return f"History: {knee} knee."


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    f = facts
    k = p["key"]
    vals = true_values(p, f)
    # the defect: kind, value, where (first answer / follow-up answer / user turn)
    dkind = dval = None
    dwhere = None
    if defect and defect != "names_target":
        dkind, dval = false_value(defect, p, f, rng)
        u = rng.random()
        dwhere = "user" if u < 0.2 else "followup" if u < 0.4 else "first"
    dgroup = DEFECT_OF.get(dkind) if dkind else None
    # facts stated truly: in a defect row, none of the defect's kind group
    usable = [(kk, v) for kk, v in vals if DEFECT_OF[kk] != dgroup]

    # ----- first question
    if defect == "names_target":
        nm = p["target"]
        q = rng.choice([f"Please segment the {nm} on this image.",
                        f"Can you outline the {nm}? " + rng.choice(QUESTIONS[k]).split("?")[0] + "?",
                        f"{rng.choice(QUESTIONS[k])} (I think it's the {nm}.)"])
    else:
        q = rng.choice(QUESTIONS[k])
    turns = [{"role": "user", "content": q}]

    # ----- first answer
    name = p["names"][0]
    opener = {
        "dictation": [f"FINDINGS: {name[0].upper() + name[1:]} segmented [SEG].", f"Segmentation of {name} [SEG]. Findings as follows."],
        "surgeon_trainee": [f"Right, this is {name} [SEG] - have a look at the outline.", f"OK, so what you're after is {name} [SEG]."],
        "physio": [f"The part you're asking about is {name} [SEG].", f"That's {name} [SEG], highlighted on the image."],
        "llm_bullets": [f"**Answer:** {name[0].upper() + name[1:]} [SEG]",
                        f"Here {'are' if p['plural'] else 'is'} {name} [SEG]:"],
    }[style]
    parts = [rng.choice(opener)]
    bullets = style == "llm_bullets"
    first_kinds = rng.sample(usable, k=min(len(usable), rng.randint(2, 4)))
    # always something on the side for lateral targets in the knee (history trap)
    if "knee" in p:
        parts.append(knee_side_line(c))
    elif p["orientation"] is None and "hand" in p:
        parts.append(rng.choice([f"Per the request this is the {p['hand']} hand; radiographs of a single hand carry no body midline, so I only describe the film's halves.",
                                 f"({p['hand'].capitalize()} {p['region']} film per the history.)"]))
    if p["orientation"] in ("LP", "LI") and "knee" not in p and rng.random() < 0.5:
        parts.append(rng.choice(CONVENTION))
    for kk, v in first_kinds:
        parts.append(render(c, kk, v, "first"))
    if dwhere == "first":
        pos = rng.randint(1, len(parts))
        parts.insert(pos, render(c, dkind, dval, "first"))
    # traps: true negation, knowledge
    trap = _negation(c, usable)
    if trap:
        parts.append(trap)
    parts.append(c.pick(KNOW[k]))
    if style == "dictation":
        parts.append(rng.choice(["IMPRESSION: as above.", "IMPRESSION: segmentation provided; correlate clinically."]))
    if style == "surgeon_trainee":
        parts.append(rng.choice(["What would you look for next?", "Always check the other side before you sign off."]))
    if style == "physio":
        parts.append(rng.choice(["In plain terms, that's the bit doing the work here.", "Think of it as the area we'd target in rehab."]))
    sep = "\n" if bullets else " "
    if bullets:
        parts = [parts[0]] + [x if x.startswith("-") else "- " + x for x in parts[1:]]
    turns.append({"role": "assistant", "content": sep.join(parts)})

    # ----- follow-up rounds
    n_rounds = rng.choice([1, 2])
    topics = rng.sample(["side", "position", "size", "count", "summary"], k=n_rounds)
    if p["orientation"] is None or "knee" in p:
        topics = [t if t != "side" else "count" for t in topics]
    premise_round = rng.randrange(n_rounds) if dwhere == "user" else None
    follow_round = rng.randrange(n_rounds) if dwhere == "followup" else None
    corrected = defect is None and rng.random() < 0.3
    if dgroup:  # a follow-up on the defect's own topic only where the defect sits
        own = {"laterality": "side", "position": "position", "size": "size", "count": "count"}[dgroup]
        spare = [t for t in ("side", "position", "size", "count", "summary") if t != own and t not in topics
                 and not (t == "side" and (p["orientation"] is None or "knee" in p))]
        topics = [own if ri == follow_round and (own != "side" or p["orientation"]) else
                  (rng.choice(spare) if t == own else t) for ri, t in enumerate(topics)]
    for ri, topic in enumerate(topics):
        if ri == premise_round:
            turns.append({"role": "user", "content": premise(c, dkind, dval)})
            turns.append({"role": "assistant", "content": go_along(c)})
            continue
        if corrected and ri == 0:
            qa = _corrected_premise(c, usable)
            if qa:
                turns += qa
                continue
        turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[topic])})
        ans = []
        want = [kv for kv in usable if kv[0] in FOLLOW_KINDS[topic]]
        if topic == "side" and not want:
            ans.append(c.pick(["See above, nothing to add on that.", "As in my first answer."]))
        for kk, v in want[:3]:
            ans.append(render(c, kk, v, "followup"))
        if ri == follow_round:
            ans.insert(rng.randint(0, len(ans)), render(c, dkind, dval, "followup"))
        if not ans:
            ans.append(c.pick(KNOW[k]))
        if rng.random() < 0.5:
            ans.append(c.pick(KNOW[k]))
        turns.append({"role": "assistant", "content": ("\n" if bullets else " ").join(
            [("- " + a if bullets and not a.startswith("-") else a) for a in ans])})
    LEDGER.append(dict(claims=c.claims, first_q=q, ban=p["ban"], target=p["target"], defect=defect))
    return turns, ([defect] if defect else [])


def _negation(c, usable):
    """A true negated statement about one of the usable facts (or None)."""
    for kk, v in c.rng.sample(usable, k=len(usable)):
        if kk == "laterality" and v in ("left", "right"):
            return c.claim("laterality", v, c.pick([f"It is not on the {OPP[v]}.", f"Nothing of it crosses to the {OPP[v]} side.",
                                                    f"Not midline - clearly {v}."]), "first")
        if kk == "laterality" and v == "bilateral":
            return c.claim("laterality", v, c.pick(["It is not confined to one side.", "Not just left or right: both."]), "first")
        if kk == "laterality" and v == "midline":
            return c.claim("laterality", v, c.pick(["It is not off to one side.", "No lateral shift."]), "first")
        if kk == "count" and v == 1:
            return c.claim("count", 1, "There is no second separate piece.", "first")
        if kk == "size_class" and v != "large":
            return c.claim("size_class", v, c.pick([f"Not a large structure on this image - {v}.", f"It is not large; I'd call it {v}."]), "first")
    return None


def _corrected_premise(c, usable):
    """A user's false idea that the assistant corrects explicitly (clean rows only)."""
    for kk, v in c.rng.sample(usable, k=len(usable)):
        if kk == "laterality" and v in ("left", "right"):
            q = c.pick([f"Isn't it on the {OPP[v]}? It looks that way on the screen.", f"I thought this was the {OPP[v]} one?"])
            a = c.claim("laterality", v, c.pick([f"No - it's the patient's {v}. It shows on the screen's {OPP[v]} because of the radiological convention.",
                                                 f"Not quite: it is on the patient's {v}; the image is displayed as if facing the patient."]), "followup")
            return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
        if kk == "size_class" and v == "small":
            q = "That looks like a big chunk of the image, doesn't it?"
            a = c.claim("size_class", v, c.pick(["No, it's actually small on this image.", "Not really - it is small, well under 1% of the frame... (see the percent)."
                                                 if False else "Not really - it is small."]), "followup")
            return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
        if kk == "count" and v >= 2:
            q = "Is that all one piece?"
            a = c.claim("count", v, f"No, it isn't one piece: there are {NUMW.get(v, v)} separate parts.", "followup")
            return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return None
