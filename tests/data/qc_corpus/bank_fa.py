"""Bank FA: self-correcting and contested conversations on abdominal and pelvic CT/MR labels.

Targets: liver, spleen, left kidney, right kidney, kidneys, pancreas, urinary bladder, prostate, uterus,
ovaries, liver tumours, kidney tumour(s) (axial "LP" and coronal "LI" slices, CT and MR).
Registers (STYLES): a careful attending ("attending"), a chatty LLM assistant that apologises ("chatty"),
a terse resident ("resident"), a tutor who asks Socratic questions ("socratic").

The assistant revises itself mid-conversation ("Correction: I said X earlier; it is actually Y", "I
misspoke"), the user pushes back with wrong ideas that the assistant rejects in clean rows, answers carry
hedges ("most likely", "I'd put it at about") and many rows end with a recap. A withdrawn statement that is
explicitly corrected is not a claim of the row. In defect rows the one false claim is one the conversation
still stands by: a wrong first answer, a wrong follow-up answer, a wrong correction, a wrong recap or a
user's false premise that the assistant lets stand.

Written without reading QC.

Own check (/work/notes/qcfa_scripts/check_fa.py, ledger of every claim, SEED 20261284):
rows: 420 clean: 210 defects: 210 (42 of each kind) problems: 0
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["attending", "chatty", "resident", "socratic"]

# every build() appends {"claims": [...], "q_names": bool} here; the writer's own checker reads it
LEDGER: list[dict] = []

# ellipses are (cx, cy, rx, ry) in pixels of a 256 x 256 grid; others are normalised (x, y) centroids
PROFILES = [
    {"target": "liver", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(80, 118, 52, 46), (112, 104, 20, 15)],
     "others": {"stomach": (0.68, 0.43), "right kidney": (0.30, 0.68), "aorta": (0.54, 0.60)}},
    {"target": "liver", "modality": "MR", "region": "abdomen", "orientation": "LI", "plural": False,
     "ellipses": [(85, 90, 55, 42)],
     "others": {"right kidney": (0.33, 0.58), "gallbladder": (0.42, 0.47)}},
    {"target": "spleen", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(190, 150, 24, 32)],
     "others": {"stomach": (0.62, 0.42), "aorta": (0.53, 0.58)}},
    {"target": "spleen", "modality": "CT", "region": "abdomen", "orientation": "LI", "plural": False,
     "ellipses": [(186, 86, 24, 34)],
     "others": {"left kidney": (0.70, 0.56), "stomach": (0.58, 0.40)}},
    {"target": "left kidney", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(178, 160, 18, 26)],
     "others": {"aorta": (0.53, 0.57), "spleen": (0.76, 0.50), "left psoas muscle": (0.62, 0.70)}},
    {"target": "right kidney", "modality": "MR", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(76, 162, 17, 25)],
     "others": {"liver": (0.30, 0.42), "inferior vena cava": (0.44, 0.56), "duodenum": (0.41, 0.48)}},
    {"target": "kidneys", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": True,
     "ellipses": [(76, 160, 17, 25), (180, 160, 17, 25)],
     "others": {"aorta": (0.52, 0.52), "pancreas": (0.55, 0.42)}},
    {"target": "kidneys", "modality": "MR", "region": "abdomen", "orientation": "LI", "plural": True,
     "ellipses": [(80, 140, 16, 30), (176, 135, 16, 30)],
     "others": {"liver": (0.32, 0.30), "spleen": (0.72, 0.33), "urinary bladder": (0.50, 0.86)}},
    {"target": "pancreas", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(140, 104, 42, 12)],
     "others": {"aorta": (0.52, 0.60), "spleen": (0.78, 0.55), "stomach": (0.60, 0.28)}},
    {"target": "urinary bladder", "modality": "CT", "region": "pelvis", "orientation": "LP", "plural": False,
     "ellipses": [(128, 100, 30, 26)],
     "others": {"rectum": (0.50, 0.70), "right femoral head": (0.22, 0.52), "left femoral head": (0.78, 0.52)}},
    {"target": "prostate", "modality": "MR", "region": "pelvis", "orientation": "LP", "plural": False,
     "ellipses": [(128, 140, 14, 12)],
     "others": {"rectum": (0.50, 0.72), "pubic symphysis": (0.50, 0.30)}},
    {"target": "uterus", "modality": "MR", "region": "pelvis", "orientation": "LP", "plural": False,
     "ellipses": [(126, 118, 30, 22)],
     "others": {"urinary bladder": (0.50, 0.32), "rectum": (0.50, 0.72), "left ovary": (0.69, 0.50),
                "right ovary": (0.31, 0.50)}},
    {"target": "ovaries", "modality": "MR", "region": "pelvis", "orientation": "LP", "plural": True,
     "ellipses": [(85, 128, 11, 8), (172, 126, 11, 8)],
     "others": {"urinary bladder": (0.50, 0.30), "rectum": (0.50, 0.72)}},
    {"target": "liver tumours", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": True,
     "ellipses": [(70, 100, 9, 8), (95, 135, 7, 6), (60, 140, 6, 6)],
     "others": {"gallbladder": (0.43, 0.52), "right kidney": (0.30, 0.70), "stomach": (0.66, 0.40)}},
    {"target": "liver tumours", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(85, 106, 22, 20)],
     "others": {"right kidney": (0.30, 0.68), "stomach": (0.66, 0.40), "inferior vena cava": (0.44, 0.58)}},
    {"target": "kidney tumour", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": False,
     "ellipses": [(185, 150, 10, 9)],
     "others": {"aorta": (0.52, 0.55), "spleen": (0.74, 0.42)}},
    {"target": "kidney tumour", "modality": "CT", "region": "abdomen", "orientation": "LP", "plural": True,
     "ellipses": [(72, 155, 9, 8), (182, 162, 7, 7)],
     "others": {"aorta": (0.52, 0.55), "liver": (0.30, 0.40)}},
    {"target": "kidney tumour", "modality": "MR", "region": "abdomen", "orientation": "LI", "plural": False,
     "ellipses": [(78, 150, 12, 11)],
     "others": {"liver": (0.32, 0.32), "spleen": (0.72, 0.35)}},
]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ellipses"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = rx * rng.uniform(0.95, 1.05), ry * rng.uniform(0.95, 1.05)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------- words

NAMES = {  # (how the assistant names it, singular-subject synonyms)
    "liver": ("the liver", ["the liver", "the organ"]),
    "spleen": ("the spleen", ["the spleen", "the organ"]),
    "left kidney": ("the left kidney", ["the left kidney", "the kidney"]),
    "right kidney": ("the right kidney", ["the right kidney", "the kidney"]),
    "kidneys": ("the kidneys", []),
    "pancreas": ("the pancreas", ["the pancreas", "the gland"]),
    "urinary bladder": ("the urinary bladder", ["the bladder"]),
    "prostate": ("the prostate", ["the prostate", "the gland"]),
    "uterus": ("the uterus", ["the uterus"]),
    "ovaries": ("the ovaries", []),
    "liver tumours": ("the liver tumour", ["the tumour", "the lesion"]),
    "kidney tumour": ("the kidney tumour", ["the tumour", "the mass"]),
}
PLURAL_NAMES = {"liver tumours": "the liver tumours", "kidney tumour": "the kidney tumours"}

QUESTIONS = {
    "liver": ["Which organ on this slice makes bile and clears ammonia from the blood? Please segment it.",
              "A patient with jaundice and raised transaminases: which organ would you look at first? Outline it.",
              "Which is the largest solid organ in the abdomen? Can you segment it for me?",
              "Where does the portal vein deliver its blood? Mask that organ, please."],
    "spleen": ["Which organ filters old red cells and can rupture after a rib fracture on the left? Segment it.",
               "In infectious mononucleosis, which organ enlarges and makes contact sports risky? Please outline it.",
               "Which lymphoid organ sits under the left hemidiaphragm? Segment it."],
    "left kidney": ["Which bean-shaped organ that filters the blood is visible on the patient's left? Segment it.",
                    "Flank pain on the left, suspected stone: outline the organ that makes urine on that side.",
                    "Please segment the left-sided organ that the left ureter drains."],
    "right kidney": ["Which organ that filters the blood and makes urine sits behind the liver here? Segment it.",
                     "Right flank pain and haematuria: outline the urine-producing organ on that side.",
                     "Please segment the organ the right ureter drains."],
    "kidneys": ["Which paired organs filter the blood and make urine? Segment them.",
                "Creatinine is rising: which organs would you outline on this slice? Please mask them.",
                "Segment the paired retroperitoneal organs that produce urine."],
    "pancreas": ["Which gland makes insulin as well as digestive enzymes? Please segment it.",
                 "Lipase is ten times normal: which organ is inflamed? Outline it on this slice.",
                 "Which retroperitoneal gland lies behind the stomach and makes insulin? Segment it."],
    "urinary bladder": ["Which hollow organ stores urine until voiding? Segment it.",
                        "A patient with retention after surgery: which organ would be distended? Outline it.",
                        "Please segment the organ the ureters empty into."],
    "prostate": ["Which gland in men enlarges with age and slows the urinary stream? Segment it.",
                 "A man of 68 with nocturia and hesitancy: which gland is to blame? Please outline it.",
                 "Which gland surrounds the male urethra just below the outlet of the urine reservoir? Mask it."],
    "uterus": ["In which organ does a pregnancy normally implant? Please segment it.",
               "Heavy periods and fibroids were mentioned on the referral: which organ should I outline?",
               "Segment the muscular pelvic organ that contracts during labour."],
    "ovaries": ["Which paired organs release an egg each month? Segment them.",
                "Which paired glands make oestrogen and progesterone? Please outline them.",
                "Segment the paired pelvic organs where follicles mature."],
    "liver tumours": ["Colon cancer with a rising CEA: segment the deposits in the organ that receives portal blood.",
                      "Please segment the focal lesions in the organ that makes bile.",
                      "Cirrhosis and a rising AFP: outline the suspicious nodules in the largest abdominal organ."],
    "kidney tumour": ["Haematuria, flank pain and a palpable mass: please segment the solid mass in the urine-producing organ.",
                      "An enhancing solid lesion was seen in a retroperitoneal organ on ultrasound; outline the lesion.",
                      "Please segment the solid lesion arising from the organ that filters the blood."],
}
NAMING_QUESTIONS = {
    "liver": ["Please segment the liver on this slice.", "Where is the liver here? Outline it.",
              "Can you mask the hepatic parenchyma?"],
    "spleen": ["Segment the spleen, please.", "Is there splenomegaly? Outline the spleen first."],
    "left kidney": ["Please segment the left kidney.", "Outline the left renal parenchyma."],
    "right kidney": ["Please segment the right kidney.", "Mask the right renal outline for me."],
    "kidneys": ["Segment both kidneys, please.", "Outline the renal parenchyma on this slice."],
    "pancreas": ["Please segment the pancreas.", "Outline the pancreatic gland for me."],
    "urinary bladder": ["Segment the urinary bladder.", "Please outline the bladder."],
    "prostate": ["Segment the prostate, please.", "Outline the prostatic gland on this MR slice."],
    "uterus": ["Please segment the uterus.", "Outline the uterine body on this slice."],
    "ovaries": ["Segment the ovaries.", "Please outline both ovaries."],
    "liver tumours": ["Please segment the liver tumours.", "Outline the hepatic metastases on this slice."],
    "kidney tumour": ["Please segment the kidney tumour.", "Outline the renal mass for me."],
}
# forbidden words for a clean first question (the writer's checker reads this too)
FORBIDDEN = {
    "liver": ["liver", "hepat"], "spleen": ["spleen", "splen"], "left kidney": ["kidney", "renal", "nephr"],
    "right kidney": ["kidney", "renal", "nephr"], "kidneys": ["kidney", "renal", "nephr"],
    "pancreas": ["pancrea"], "urinary bladder": ["bladder", "vesic", "cyst"], "prostate": ["prostat", "psa"],
    "uterus": ["uter", "womb", "hyster"], "ovaries": ["ovar", "ovary", "adnex"],
    "liver tumours": ["liver", "hepat", "tumour", "tumor", "hcc"],
    "kidney tumour": ["kidney", "renal", "nephr", "tumour", "tumor", "rcc"],
}

KNOWLEDGE = {  # true sentences about other structures or populations, full of side/size words
    "abdomen": ["The left renal vein crosses in front of the aorta on its way to the inferior vena cava.",
                "The inferior vena cava runs to the right of the aorta.",
                "In most people the right kidney sits a centimetre or two lower than the left, pushed down by the liver.",
                "An accessory spleen turns up in roughly 10 to 15% of people, usually near the splenic hilum.",
                "Simple renal cysts are found in about a quarter of adults over 50 and are almost always harmless.",
                "The left adrenal gland lies anteromedial to the upper pole of the left kidney.",
                "Hepatic haemangiomas are seen in around 5% of adults and are usually small.",
                "A horseshoe kidney occurs in about 1 in 500 people, fused in the midline in front of the spine."],
    "pelvis": ["The rectum sits posteriorly, in front of the sacrum.",
               "The sigmoid colon usually crosses from the left iliac fossa toward the midline.",
               "Fibroids are found in up to 70% of women by the age of 50.",
               "The right ovary is a little more often the site of torsion than the left.",
               "The external iliac vessels run along the side walls of the pelvis, one on each side.",
               "Benign prostatic hyperplasia affects about half of men in their sixties."],
}

REASON = {
    "liver": ["It's the big homogeneous solid organ with portal and hepatic veins running through it.",
              "The bile and ammonia clues point straight at it."],
    "spleen": ["It's the organ that handles old red cells, and its shape and density fit."],
    "left kidney": ["The reniform shape, cortex and hilum make it easy to recognise."],
    "right kidney": ["You can see the cortex wrapping round the sinus fat, which is typical."],
    "kidneys": ["Both are reniform with a bright cortex on the contrast phase."],
    "pancreas": ["The lobulated texture and its course along the splenic vein give it away."],
    "urinary bladder": ["It's fluid-filled with a thin wall, as expected when it is partly full."],
    "prostate": ["The zonal anatomy on T2 is typical: a brighter peripheral zone around a darker transition zone."],
    "uterus": ["The junctional zone and the bright endometrial stripe are typical on T2."],
    "ovaries": ["Each contains small follicles, which is how they are recognised on T2."],
    "liver tumours": ["The tumour tissue is hypodense to the surrounding parenchyma on the portal venous phase."],
    "kidney tumour": ["It's a solid, enhancing lesion, which raises concern for renal cell carcinoma."],
}

NUM_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP_SIDE = {"left": "right", "right": "left"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.o = p["orientation"]
        self.multi = facts["components"] > 1
        self.name = PLURAL_NAMES.get(p["target"], NAMES[p["target"]][0]) if self.multi else NAMES[p["target"]][0]
        if p["target"] in ("kidneys", "ovaries"):
            self.name = NAMES[p["target"]][0]

    def subj(self):
        opts = ["the mask", "the segmented region", "the segmentation"]
        if not self.multi and self.p["target"] not in ("kidneys", "ovaries"):
            opts += ["it", "it"] + NAMES[self.p["target"]][1]
        return self.rng.choice(opts)

    def unit(self):
        return "lesions" if "tumour" in self.p["target"] else "pieces"


# ------------------------------------------------------------------- one fact, with a given value
# each returns (sentence, [(kind, value)]); `single` keeps a sentence to that one claim


def side_sent(c: Ctx, v, single=False):
    r, s = c.rng, c.subj()
    hemi = "hemipelvis" if c.p["region"] == "pelvis" else "hemiabdomen"
    view = "we look up from the feet" if c.o == "LP" else "we face the patient"
    if v in ("left", "right"):
        img = OPP_SIDE[v]
        opts = [(f"{cap(s)} lies on the patient's {v}.", [("side", v)]),
                (f"{cap(s)} is {v}-sided.", [("side", v)]),
                (f"{cap(s)} sits in the {v} {hemi}.", [("side", v)]),
                (f"On the screen {s} is on the {img} side, which is the patient's {v}, because {view}.", [("side", v)]),
                (f"Side: patient's {v}.", [("side", v)])]
        if not single:
            opts.append((f"{cap(s)} is on the patient's {v}, not the {img}.", [("side", v), ("side_not", img)]))
    elif v == "midline":
        opts = [(f"{cap(s)} sits in the midline.", [("side", v)]),
                (f"{cap(s)} straddles the midline, with about as much of it on the left as on the right.", [("side", v)]),
                ("Side: midline.", [("side", v)]),
                (f"Left to right, {s} is centred on the midline.", [("side", v)])]
        if not single:
            opts.append((f"{cap(s)} is not off to one side; it sits across the midline.", [("side", v), ("side_not", "one-sided")]))
    else:  # bilateral
        opts = [(f"{cap(s)} is bilateral, with a part on the patient's right and a part on the left.", [("side", v)]),
                ("There are parts on both sides of the patient.", [("side", v)]),
                ("Side: both (bilateral).", [("side", v)]),
                (f"{cap(s)} shows up on both sides of the midline.", [("side", v)])]
        if not single:
            opts.append((f"{cap(s)} is not confined to one side: it is bilateral.", [("side", v), ("side_not", "one-sided")]))
    return r.choice(opts)


def side_short(v):
    return {"left": "on the patient's left", "right": "on the patient's right", "midline": "in the midline",
            "bilateral": "on both sides"}[v]


def vert_sent(c: Ctx, v, single=False):
    r, s = c.rng, c.subj()
    back = "the sacrum" if c.p["region"] == "pelvis" else "the spine"
    if c.o == "LP":
        opts = {"anterior": [f"{cap(s)} lies anteriorly, toward the front of the body.",
                             f"{cap(s)} sits in the front half of the slice.", "Position: anterior.",
                             f"{cap(s)} is closer to the front wall than to {back}."],
                "posterior": [f"{cap(s)} lies posteriorly, toward the back.",
                              f"{cap(s)} sits in the back half of the slice, near {back}.", "Position: posterior.",
                              f"{cap(s)} is closer to {back} than to the front wall."],
                "central": [f"Front to back, {s} is roughly central.",
                            f"{cap(s)} is neither anterior nor posterior; it sits at about mid-depth.",
                            "Position: central front-to-back."]}[v]
    else:
        opts = {"superior": [f"{cap(s)} sits in the upper part of the coronal image, i.e. superiorly.",
                             "Position: superior.", f"{cap(s)} lies high, toward the head end of the image."],
                "inferior": [f"{cap(s)} sits in the lower part of the coronal image, i.e. inferiorly.",
                             "Position: inferior.", f"{cap(s)} lies low, toward the feet."],
                "central": [f"{cap(s)} is at about mid-height on the coronal slice.",
                            "Position: central head-to-foot.",
                            f"{cap(s)} is neither high nor low on this coronal image."]}[v]
    return r.choice(opts), [("vert", v)]


def vert_short(v):
    return {"anterior": "anterior", "posterior": "posterior", "central": "central front-to-back",
            "superior": "superior", "inferior": "inferior"}[v] if v != "central" else "central"


REL_WORDS = {"left_of": ["to the patient's left of the {o}", "left of the {o}"],
             "right_of": ["to the patient's right of the {o}", "right of the {o}"],
             "anterior_to": ["in front of the {o}", "anterior to the {o}"],
             "posterior_to": ["behind the {o}", "posterior to the {o}"],
             "superior_to": ["above the {o}", "superior to the {o}"],
             "inferior_to": ["below the {o}", "inferior to the {o}"]}


def rel_phrase(c, other, rel):
    return c.rng.choice(REL_WORDS[rel]).format(o=other)


def rel_sent(c: Ctx, other, rel, single=False):
    s, ph = c.subj(), rel_phrase(c, other, rel)
    t = c.rng.choice([f"{cap(s)} lies {ph}.", f"Relative to the {other}: {ph}.", f"{cap(s)} sits {ph}."])
    return t, [("rel", (other, rel))]


def pct_text(c: Ctx, pct: float) -> str:
    r = c.rng
    if c.style != "resident" and pct >= 1.5 and r.random() < 0.3 and abs(round(pct) / pct - 1) < 0.05 and round(pct) in NUM_WORDS:
        return f"{NUM_WORDS[round(pct)]} percent"
    if pct >= 10:
        txt = f"{pct:.0f}"
    elif pct >= 1:
        txt = f"{pct:.1f}"
    else:
        txt = f"{pct:.2f}"
    return f"{txt}%" if r.random() < 0.75 else f"{txt} percent"


def true_pct(c: Ctx) -> float:
    t = 100 * c.f["area_fraction"]
    v = t * c.rng.uniform(0.93, 1.07)
    v = float(f"{v:.2g}") if v < 10 else round(v)
    return v if 0.86 <= v / t <= 1.14 else round(t, 2)


def wrong_pct(c: Ctx) -> float:
    t = 100 * c.f["area_fraction"]
    for _ in range(20):
        v = t * (c.rng.uniform(0.12, 0.3) if c.rng.random() < 0.5 else c.rng.uniform(3.2, 5.0))
        v = float(f"{v:.2g}") if v < 10 else round(v)
        if v > 0 and (v / t < 0.38 or v / t > 2.6):
            return v
    return round(t * 4, 1)


CLS_WORDS = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
             "large": ["large", "big"]}


def cls_sent(c: Ctx, v):
    s, w = c.subj(), c.rng.choice(CLS_WORDS[v])
    return c.rng.choice([f"{cap(s)} is {w} on this slice.", f"Size: {v}.", f"In size terms {s} is {w}."]), [("cls", v)]


def pct_sent(c: Ctx, v):
    s, t = c.subj(), pct_text(c, v)
    return c.rng.choice([f"{cap(s)} covers about {t} of the image.", f"I'd put it at about {t} of the image area.",
                         f"Area: roughly {t} of the slice.", f"{cap(s)} takes up around {t} of the field of view."]), [("pct", v)]


def size_sent(c: Ctx, cls=None, pct=None):
    """A size sentence: class word, percent, or both (both only when both are true)."""
    if cls and pct is not None:
        s, w, t = c.subj(), c.rng.choice(CLS_WORDS[cls]), pct_text(c, pct)
        return c.rng.choice([f"{cap(s)} is {w}, most likely about {t} of the image.",
                             f"Size: {cls}, about {t} of the slice.",
                             f"{cap(s)} is {w}; I'd put it at roughly {t} of the image."]), [("cls", cls), ("pct", pct)]
    return cls_sent(c, cls) if cls else pct_sent(c, pct)


def size_short(c, kind, v):
    return v if kind == "cls" else f"about {pct_text(c, v)} of the image"


def count_sent(c: Ctx, n):
    s, u = c.subj(), c.unit()
    if n == 1:
        t = c.rng.choice([f"{cap(s)} is a single connected region.", "It's one contiguous piece.",
                          "Count: 1 component.", f"{cap(s)} forms one piece, with no separate islands."])
    else:
        w = NUM_WORDS.get(n, str(n))
        t = c.rng.choice([f"{cap(s)} consists of {w} separate {u}.", f"There are {w} separate {u}.",
                          f"Components: {n}.", f"I count {w} distinct {u}, not touching one another."])
    return t, [("count", n)]


def count_short(c, n):
    return "a single piece" if n == 1 else f"{NUM_WORDS.get(n, str(n))} separate {c.unit()}"


# ------------------------------------------------------------------------------- the conversation

TOPIC_Q = {
    "side": ["Which side is it on?", "Left or right?", "And the laterality?", "Which side of the patient is that?"],
    "vert": {"LP": ["Is it toward the front or the back?", "Anterior or posterior?", "Where is it front to back?"],
             "LI": ["Is it high or low on this coronal image?", "Superior or inferior?", "Where is it head to foot?"]},
    "size": ["How big is it on this slice?", "What about its size?", "How much of the image does it take up?"],
    "count": ["Is it one piece or several?", "How many separate parts are there?", "Any separate islands?"],
    "rel": ["How does it sit relative to the {o}?", "Where is it compared with the {o}?", "And relative to the {o}?"],
    "recap": ["Can you give me a quick summary?", "Sum it up for me?", "So, recap please?", "Final answer in one paragraph?"],
}

OPENERS = {
    "attending": ["What you describe is {n}; I have outlined it here [SEG].", "Answer: {n} [SEG].",
                  "The description fits {n}, segmented here [SEG]."],
    "chatty": ["Great question! That's {n}, and here's the segmentation [SEG].",
               "Sure thing! You're describing {n} [SEG].", "Happy to help: the answer is {n} [SEG]."],
    "resident": ["{N} [SEG].", "{N}. Segmented [SEG].", "Mask: {n} [SEG]."],
    "socratic": ["What fits that description? {N}. Here is the outline [SEG].",
                 "Think about the clue for a moment: which structure fits? {N} [SEG].",
                 "Which structure does that point to? {N}, segmented here [SEG]."],
}
HEDGES = {"attending": ["On balance,", "Most likely,", "As far as I can judge,"],
          "chatty": ["Honestly,", "From what I can see,", "I'd say"], "resident": [""],
          "socratic": ["Look at the slice:", "So, what do we see?"]}


def correction_text(c: Ctx, wrong: str, right: str) -> str:
    st = c.style
    if st == "attending":
        return c.rng.choice([f"Correction: I said earlier that it was {wrong}; it is actually {right}.",
                             f"I need to correct myself: earlier I described it as {wrong}. That was wrong; it is {right}."])
    if st == "chatty":
        return c.rng.choice([f"Oh, and I'm sorry, I misspoke before: it's not {wrong}, it's {right}.",
                             f"Apologies for the confusion earlier! I said {wrong}, but it is actually {right}."])
    if st == "resident":
        return c.rng.choice([f"Correction: earlier I wrote {wrong}. Actually {right}.",
                             f"Earlier said {wrong}. Wrong. It's {right}."])
    return c.rng.choice([f"Did you catch my slip earlier? I said {wrong}. Is that right? No: it's {right}.",
                         f"Let me revise something. I told you {wrong}; look again and you'll see it's {right}."])


def short(c, topic, v):
    if topic == "side":
        return side_short(v)
    if topic == "vert":
        return vert_short(v)
    if topic == "count":
        return count_short(c, v)
    if topic == "rel":
        return rel_phrase(c, v[0], v[1])
    return size_short(c, v[0], v[1])


def claim_of(topic, v):
    if topic == "size":
        return [(v[0], v[1])]
    return [({"side": "side", "vert": "vert", "count": "count", "rel": "rel"}[topic], v)]


def fact_sent(c: Ctx, topic, v, single=False):
    if topic == "side":
        return side_sent(c, v, single)
    if topic == "vert":
        return vert_sent(c, v)
    if topic == "count":
        return count_sent(c, v)
    if topic == "rel":
        return rel_sent(c, v[0], v[1])
    kind, val = v
    return size_sent(c, **{kind: val})


def wrong_value(c: Ctx, topic, v, kind):
    """A false value for `topic` (v is the true one)."""
    r, f = c.rng, c.f
    if topic == "side":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return r.choice([OPP_SIDE[lat]] * 3 + ["midline"])
        if lat == "midline":
            return r.choice(["left", "right"])
        return r.choice(["left", "right", "midline"])
    if topic == "vert":
        opts = ["anterior", "posterior", "central"] if c.o == "LP" else ["superior", "inferior", "central"]
        opts.remove(f["vertical"])
        if f["vertical"] != "central":
            opts = [o for o in opts if o != "central"] * 2 + opts
        return r.choice(opts)
    if topic == "count":
        n = f["components"]
        return r.choice([n + 1, n + 2] + ([n - 1] if n >= 3 else []))
    if topic == "rel":
        return (v[0], OPP_REL[v[1]])
    if v[0] == "cls":
        return ("cls", r.choice([k for k in CLS_WORDS if k != f["size_class"]]))
    return ("pct", wrong_pct(c))


def true_value(c: Ctx, topic, rel=None, size_kind=None):
    f = c.f
    if topic == "side":
        return f["laterality"]
    if topic == "vert":
        return f["vertical"]
    if topic == "count":
        return f["components"]
    if topic == "rel":
        return (rel["other"], rel["relation"])
    return (size_kind, f["size_class"] if size_kind == "cls" else true_pct(c))


class Conv:
    def __init__(self):
        self.turns, self.claims = [], []
        self.cur = None

    def start(self, role):
        self.cur = {"role": role, "parts": []}
        self.turns.append(self.cur)

    def add(self, text, claims=(), status="stand"):
        if not text:
            return
        self.cur["parts"].append(text)
        for k, v in claims:
            self.claims.append({"turn": len(self.turns) - 1, "k": k, "v": list(v) if isinstance(v, tuple) else v,
                                "st": status, "s": text})


def lc(t: str) -> str:
    return t if t.startswith(("I ", "I'd", "I'm")) else t[:1].lower() + t[1:]


SOCRATIC_LEAD = {"side": "Which side of the screen is the patient's left?",
                 "vert": "Is it nearer the front wall or the back?",
                 "size": "How much of the slice would you guess it fills?",
                 "count": "How many islands can you count?",
                 "rel": "Where is it compared with its neighbours?", "drel": "Where is it compared with its neighbours?"}
CLOSERS = {"attending": ["Happy to go through the other structures if useful.", ""],
           "chatty": ["Hope that helps!", "Let me know if you'd like anything else!", ""],
           "resident": [""], "socratic": ["What would you check next?", "Does that reasoning make sense to you?", ""]}


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    o = p["orientation"]
    rels = list(facts["relations"])
    rng.shuffle(rels)
    dtopic = place = None
    if defect and defect != "names_target":
        dtopic = {"laterality": "side", "count": "count", "size": "size"}.get(defect)
        if defect == "position":
            dtopic = "drel" if rels and rng.random() < 0.5 else "vert"
        place = rng.choices(["first", "followup", "correction", "recap", "user"], [52, 9, 9, 8, 22])[0]
    # keep the row coherent: a wrong side without true left/right relations, a wrong vertical without A/P ones
    if dtopic == "side":
        rels = [x for x in rels if x["relation"] not in ("left_of", "right_of")]
    if dtopic == "vert":
        rels = [x for x in rels if x["relation"] in ("left_of", "right_of")]
    drel = rels[0] if dtopic == "drel" else None
    other_rels = [x for x in rels if drel is None or x["other"] != drel["other"]]
    size_kind = rng.choice(["cls", "pct"]) if dtopic == "size" else rng.choice(["cls", "pct", "both"])
    topics = ["side", "vert", "size", "count"] + (["rel"] if other_rels else [])

    def true_v(t, x=None):
        if t == "side":
            return facts["laterality"]
        if t == "vert":
            return facts["vertical"]
        if t == "count":
            return facts["components"]
        if t == "rel":
            x = x or rng.choice(other_rels)
            return (x["other"], x["relation"])
        if t == "drel":
            return (drel["other"], drel["relation"])
        k = size_kind if size_kind != "both" else rng.choice(["cls", "pct"])
        return (k, facts["size_class"] if k == "cls" else true_pct(c))

    def sent(t, v, single=False):
        return fact_sent(c, "rel" if t == "drel" else t, v, single)

    def true_sent(t, x=None):
        if t == "size" and size_kind == "both":
            return size_sent(c, cls=facts["size_class"], pct=true_pct(c))
        return sent(t, true_v(t, x), t == dtopic)

    def wrong(t, v=None):
        v = v if v is not None else true_v(t)
        return wrong_value(c, "rel" if t == "drel" else t, v, None)

    def sh(t, v):
        return short(c, "rel" if t == "drel" else t, v)

    def cl(t, v):
        return claim_of("rel" if t == "drel" else t, v)

    conv = Conv()
    # ---- first question
    q_names = defect == "names_target"
    conv.start("user")
    conv.add(rng.choice(NAMING_QUESTIONS[p["target"]] if q_names else QUESTIONS[p["target"]]))

    # ---- plan
    avail = [t for t in topics if t != dtopic]
    rng.shuffle(avail)
    n_first = rng.choice([2, 3]) if style != "resident" else rng.choice([2, 3, 4])
    first, later = avail[:n_first], avail[n_first:]
    if place in ("first", "correction"):
        first.insert(rng.randrange(len(first) + 1), dtopic)
    rounds = 3 if place in ("correction", "recap") else rng.choice([2, 3, 3])
    plan = [None] * (rounds - 1)
    if place == "recap":
        plan[-1] = ("recap", None)
    elif (len(plan) == 2 or place in (None, "first")) and rng.random() < (0.25 if defect else 0.35):
        plan[-1] = ("recap", None)
    free = [i for i in range(len(plan)) if plan[i] is None]
    if place == "followup":
        plan[free.pop(0)] = ("ask", dtopic)
    if place == "correction":
        plan[free.pop(0)] = ("corr", later.pop(0) if later else None)
    if place == "user":
        plan[free.pop(rng.randrange(len(free)))] = ("userdef", None)
    push_topic = None
    if free and rng.random() < (0.45 if not defect else 0.25):
        push_topic = rng.choice([t for t in topics if t not in (dtopic, "rel")])
        plan[free.pop(0)] = ("push", push_topic)
    asked = {tp for w_, tp in (x for x in plan if x) if w_ == "ask"}
    for i in free:
        if later:
            plan[i] = ("ask", later.pop(0))
        else:
            cands = [t for t in topics if t != dtopic and t not in asked] or [t for t in topics if t != dtopic]
            plan[i] = ("ask", rng.choice(cands))
        asked.add(plan[i][1])
    slip_topic, slip_same = None, rng.random() < 0.4
    if place != "correction" and rng.random() < (0.45 if not defect else 0.3):
        cands = [t for t in first if t not in (dtopic, "rel", push_topic)]
        slip_topic = rng.choice(cands) if cands else None

    # ---- first answer
    conv.start("assistant")
    conv.add(rng.choice(OPENERS[style]).format(n=c.name, N=cap(c.name)))
    if style != "resident" and rng.random() < 0.7:
        conv.add(rng.choice(REASON[p["target"]]))
    pending_slip = pending_corr = None
    for t in first:
        if t == dtopic and place == "first":
            conv.add(*sent(t, wrong(t), True))
        elif t == dtopic and place == "correction":
            v = true_v(t)
            conv.add(*sent(t, v, True), status="withdrawn")
            pending_corr = (t, v)
        elif t == slip_topic:
            v = true_v(t)
            wv = wrong(t, v)
            tx, cls_ = sent(t, wv, True)
            conv.add(tx, cls_, status="withdrawn")
            if slip_same:
                fix = {"attending": "Correction: ", "chatty": "Sorry, I misspoke: ", "resident": "Scratch that: ",
                       "socratic": "Wait, is that right? No. "}[style]
                t2, c2 = sent(t, v, True)
                if t2.startswith(("Side:", "Position:", "Size:", "Area:", "Count:", "Components:", "Relative")):
                    conv.add(fix.rstrip(": .") + ". " + t2, c2)
                else:
                    conv.add(fix + (lc(t2) if style != "socratic" else t2), c2)
            else:
                pending_slip = (t, wv, v)
        else:
            conv.add(*true_sent(t))
    if style != "resident" and rng.random() < 0.55:
        conv.add(rng.choice(KNOWLEDGE[p["region"]]))
    conv.add(rng.choice(CLOSERS[style]))

    # ---- follow-up rounds
    for what, topic in plan:
        conv.start("user")
        x = None
        if what in ("ask", "corr") and topic:
            if topic == "rel":
                x = rng.choice(other_rels)
            other = drel["other"] if topic == "drel" else (x["other"] if x else "")
            qs = TOPIC_Q["rel"] if topic in ("rel", "drel") else TOPIC_Q["vert"][o] if topic == "vert" else TOPIC_Q[topic]
            conv.add(rng.choice(qs).format(o=other))
        elif what == "corr":
            conv.add(rng.choice(["Anything else I should know?", "Is there anything you'd change?", "OK. Anything to add?"]))
        elif what == "push":
            v = true_v(topic)
            wv = push_wv = wrong(topic, v)
            if topic == "side" and wv in ("left", "right") and facts["laterality"] in ("left", "right") and rng.random() < 0.6:
                conv.add(f"Hmm, it's on the {wv} of my screen, so isn't it on the patient's {wv}?", [("side", wv)],
                         status="rejected")
            else:
                lead = rng.choice(["Are you sure? I'd have said it's {}.", "Isn't it {} though?",
                                   "My registrar said it was {}.", "I think it's {}, no?"])
                conv.add(lead.format(sh(topic, wv)), cl(topic, wv), status="rejected")
        elif what == "recap":
            conv.add(rng.choice(TOPIC_Q["recap"]))
        elif what == "userdef":
            wv = wrong(dtopic)
            ph = sh(dtopic, wv)
            topic = rng.choice([t for t in topics if t not in (dtopic, "rel")])
            q2 = {"side": "which side is it on", "vert": "is it anterior or posterior" if o == "LP" else "is it high or low",
                  "size": "how big is it", "count": "how many separate pieces are there"}[topic]
            conv.add(rng.choice([f"Since it's {ph}, {q2}?", f"OK, so it's {ph}. And {q2}?",
                                 f"Given that it's {ph}, {q2}?"]), cl(dtopic, wv))
        conv.start("assistant")
        if pending_slip and what != "push":
            st, wv, v = pending_slip
            conv.add(correction_text(c, sh(st, wv), sh(st, v)), cl(st, v))
            pending_slip = None
        if what == "corr":
            t0, v0 = pending_corr
            wv = wrong(t0, v0)
            conv.add(correction_text(c, sh(t0, v0), sh(t0, wv)), cl(t0, wv))
            what = "ask" if topic else "done"
        if what in ("ask", "userdef"):
            if style == "socratic" and rng.random() < 0.5:
                conv.add(SOCRATIC_LEAD[topic])
            if topic == dtopic:
                tx, cls_ = sent(topic, wrong(topic), True)
            else:
                tx, cls_ = true_sent(topic, x)
            h = rng.choice(HEDGES[style])
            if h and rng.random() < 0.4 and not tx.startswith(("Side:", "Position:", "Size:", "Area:", "Count:",
                                                               "Components:", "Relative")):
                tx = f"{h} {lc(tx)}" if h[-1] not in ":?" else f"{h} {tx}"
            conv.add(tx, cls_)
            if topic == "side" and facts["laterality"] in ("left", "right") and dtopic != "side" and style != "resident":
                img = OPP_SIDE[facts["laterality"]]
                conv.add(f"Remember the convention: the image's {img} is the patient's {facts['laterality']}.",
                         [("side", facts["laterality"])])
            if what == "userdef" and rng.random() < 0.5 and style != "resident":
                conv.add(rng.choice(KNOWLEDGE[p["region"]]))
        elif what == "push":
            v = true_v(topic)
            conv.add({"attending": "I don't think so.", "chatty": "I can see why you'd think that, but no, sorry.",
                      "resident": "No.", "socratic": "Let's test that idea. Does the slice support it? Not really."}[style])
            if rng.random() < 0.5 and topic == "side" and facts["laterality"] == "bilateral" and push_wv != "midline":
                conv.add(f"It's not confined to the patient's {push_wv}.", [("side_not", "one-sided")])
            elif rng.random() < 0.5 and not (topic == "side" and facts["laterality"] == "bilateral"):
                conv.add(f"It's not {sh(topic, push_wv)}.", [("side_not", push_wv)] if topic == "side" else [])
            conv.add(*sent(topic, v, True))
            if topic == "side" and facts["laterality"] in ("left", "right"):
                img = OPP_SIDE[facts["laterality"]]
                conv.add(f"The screen's {img} side is the patient's {facts['laterality']} in the radiological view.",
                         [("side", facts["laterality"])])
            if pending_slip:
                st, wv, v = pending_slip
                conv.add(correction_text(c, sh(st, wv), sh(st, v)), cl(st, v))
                pending_slip = None
        elif what == "recap":
            conv.add({"attending": "To summarise:", "chatty": "Of course! Here's the recap:", "resident": "Summary:",
                      "socratic": "Let's pull it together. What have we established?"}[style])
            conv.add(f"The mask is {c.name}.")
            rec = [t for t in topics if t not in (dtopic, "rel")]
            rng.shuffle(rec)
            rec = rec[:rng.choice([2, 3])]
            if place == "recap":
                rec.insert(rng.randrange(len(rec) + 1), dtopic)
            for t in rec:
                if t == dtopic:
                    conv.add(*sent(t, wrong(t), True))
                else:
                    conv.add(*true_sent(t))
    turns = []
    for t in conv.turns:
        sep = "\n" if style == "resident" and t["role"] == "assistant" and rng.random() < 0.3 else " "
        turns.append({"role": t["role"], "content": sep.join(t["parts"])})
    LEDGER.append({"claims": conv.claims, "q_names": q_names})
    return turns, ([defect] if defect else [])
