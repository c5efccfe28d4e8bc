"""Bank AO: abdominal and pelvic CT/MR (axial "LP", a few coronal "LI"), written blind (helper qcao).

Written without opening the QC rules, their tests, other banks or any corpus rows. Each row's facts are the
product's own measurement (`medseg_qa.facts.compute_facts`) of a synthetic phantom slice: a body ellipse
(its outline found by `medseg_qa.patient.body_outline`) holding organ ellipses at plausible, jittered
places; the prose is then written FROM those facts (side, vertical, size class, area percent, components,
relations), never from the intended anatomy.

Targets (15 profiles): liver, spleen, pancreas, gallbladder, stomach, left kidney, right kidney, both
kidneys as one bilateral two-part mask ("kidney"), both adrenal glands ("adrenal gland"), aorta, inferior
vena cava, urinary bladder, prostate, and two labels the knowledge base does not know ("uterus", "hepatic
cyst", one to three cysts); coronal "LI" profiles for the liver, both kidneys and the bladder.
Registers: terse radiologist, patient tutor, chatty markdown LLM answer (headings, bold, bullets,
emojis), numbers spelled out as words.

Defects: exactly one plainly asserted false claim per defective conversation; about a fifth of the side,
position, size and count defects sit in a user question (the first one or a follow-up), about a quarter
only in a follow-up answer. Clean conversations carry true traps: negations, the display convention,
sentences about other structures with their own sides and sizes, hedges, comparisons with other organs
on the slice, textbook population numbers, tag questions ("It's on the left, right?") only when true.

Note: `make_corpus.bank_lettered_rows` gives style `STYLES[i % len(STYLES)]` and a defect to odd `i` only, so
with the four registers listed once the terse and markdown rows would all be clean and the tutor and words
rows all defective; STYLES lists each register twice in a row, so every register has clean and defective
rows and every defect kind (5 kinds, coprime with 4) meets every register.

Measure: not run by the writer (the lead measures this bank with the final rules; the writer never ran QC on it).
Writer's own sanity check, without QC (/work/notes/qcao_selfcheck.py: a parser of this bank's own sentence frames
against each row's facts): 420 rows load into the models; every turn 12..2000 characters and 3+ words; exactly one
[SEG], in the first answer; every first question asks ('?'); 0 clean rows with a claim that disagrees with the
facts or a first question that names the target; every defective row has exactly one disagreeing claim, of its
kind (names_target: a giveaway in the first question and nothing else wrong); the side/position/size/count
defects sit 92 in the first answer, 43 in a follow-up answer, 14 in the first question, 19 in a follow-up question.
"""

from __future__ import annotations

import numpy as np

# each register twice in a row: `make_corpus` gives style STYLES[i % len] and a defect to odd i only, so with the
# four names listed once the terse and markdown rows would all be clean and the others all defective
STYLES = ["terse", "terse", "tutor", "tutor", "markdown", "markdown", "words", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}

# --- phantom scenes: name -> (cx, cy, ax, ay) ellipses in a 512x512 slice ----------------------------
# axial "LP": columns run to the patient's left, rows to posterior (radiological view)
UPPER = {"liver": [(150, 225, 88, 72)], "spleen": [(372, 292, 34, 50)], "stomach": [(330, 196, 46, 34)],
         "pancreas": [(272, 252, 56, 12)], "gallbladder": [(186, 196, 14, 20)], "aorta": [(265, 318, 13, 13)],
         "inferior vena cava": [(226, 304, 14, 11)], "left kidney": [(346, 340, 27, 40)],
         "right kidney": [(168, 346, 27, 40)], "vertebral body": [(256, 360, 26, 24)],
         "left adrenal gland": [(306, 300, 5, 15)], "right adrenal gland": [(212, 292, 5, 15)]}
PELVIS_M = {"urinary bladder": [(256, 222, 50, 40)], "prostate": [(256, 278, 20, 17)],
            "rectum": [(256, 322, 18, 15)], "right femur": [(148, 262, 26, 26)],
            "left femur": [(364, 262, 26, 26)], "sacrum": [(256, 370, 30, 14)]}
PELVIS_F = {"urinary bladder": [(256, 208, 46, 30)], "uterus": [(258, 272, 40, 28)],
            "rectum": [(256, 330, 18, 15)], "right femur": [(148, 262, 26, 26)],
            "left femur": [(364, 262, 26, 26)], "sacrum": [(256, 372, 30, 14)]}
# coronal "LI": columns run to the patient's left, rows to inferior (head at the top)
CORONAL = {"liver": [(178, 150, 78, 62)], "spleen": [(346, 168, 32, 44)], "left kidney": [(330, 262, 26, 44)],
           "right kidney": [(186, 282, 26, 44)], "urinary bladder": [(256, 430, 40, 28)],
           "aorta": [(264, 290, 9, 80)], "inferior vena cava": [(238, 290, 10, 70)]}
SCENES = {"upper": (UPPER, (256, 262, 205, 150), "LP"), "pelvis_m": (PELVIS_M, (256, 270, 190, 140), "LP"),
          "pelvis_f": (PELVIS_F, (256, 270, 190, 140), "LP"), "coronal": (CORONAL, (256, 270, 170, 225), "LI")}


def P(target, scene, parts, modality, region, name, ask, hint, give, book, others_kb, compare=(), multi=1):
    own = tuple(f"the {n}" for n in [target, *parts])  # knowledge sentences are about OTHER structures only
    others_kb = [s for s in others_kb if not s.lower().startswith(own)]
    return dict(target=target, scene=scene, parts=parts, modality=modality, region=region, name=name, ask=ask,
                hint=hint, giveaway=give, book=book, others_kb=others_kb, compare=list(compare), multi=multi)


KB_UPPER = ["The spleen sits high on the patient's left, tucked under the lower ribs.",
            "The liver is the largest solid organ and fills most of the right upper abdomen.",
            "The inferior vena cava runs on the patient's right of the aorta.",
            "The right kidney usually lies a little lower than the left one, pushed down by the liver.",
            "The gallbladder hangs beneath the liver on the right side.",
            "The aorta runs down in front of the spine.",
            "The left renal vein crosses in front of the aorta on its way to the vena cava.",
            "The stomach lies mostly on the left, in front of the pancreas.",
            "The appendix usually lies in the right lower quadrant, well below this level."]
KB_COR = KB_UPPER[:8]
KB_PELVIS = ["The rectum lies behind the bladder, in front of the sacrum.",
             "The sigmoid colon usually loops on the left side of the pelvis.",
             "The femoral heads sit on both sides, one in each hip socket.",
             "The appendix normally lies in the right iliac fossa, above this level.",
             "The sacrum forms the back wall of the pelvis."]

PROFILES = [
    P("liver", "upper", ["liver"], "CT", "abdomen", "the liver",
      "organ", ["makes bile and stores glycogen", "clears bilirubin from the blood",
                "is scarred in cirrhosis after years of heavy drinking"],
      ["hepatic", "liver", "hepatitis", "hepatomegaly"],
      ["An adult liver weighs roughly 1.2 to 1.5 kg.", "Fatty infiltration of this organ affects about a quarter of adults worldwide."],
      KB_UPPER, [("larger", "spleen"), ("larger", "gallbladder"), ("larger", "stomach")]),
    P("spleen", "upper", ["spleen"], "CT", "abdomen", "the spleen",
      "organ", ["filters old red blood cells", "can rupture after a blow to the left lower ribs",
                "enlarges in glandular fever"],
      ["splenic", "spleen", "splenomegaly", "splenectomy"],
      ["Accessory spleens turn up in about 10 to 15% of people.", "A normal adult spleen is up to about 12 cm long."],
      KB_UPPER, [("smaller", "liver"), ("larger", "gallbladder")], multi=2),
    P("pancreas", "upper", ["pancreas"], "CT", "abdomen", "the pancreas",
      "gland", ["makes insulin and digestive enzymes", "becomes inflamed after gallstones or heavy alcohol use"],
      ["pancreatic", "pancreas", "pancreatitis"],
      ["Pancreas divisum, the commonest variant, is seen in roughly 5 to 10% of people."],
      KB_UPPER, [("smaller", "liver")]),
    P("gallbladder", "upper", ["gallbladder"], "CT", "abdomen", "the gallbladder",
      "organ", ["stores and concentrates bile", "fills with stones in many middle-aged adults",
                "causes pain under the right ribs after fatty meals"],
      ["gall bladder", "cholecystitis", "cholecystectomy", "gallbladder"],
      ["Gallstones are found in about 10 to 15% of adults in Western countries."],
      KB_UPPER, [("smaller", "liver"), ("smaller", "stomach")]),
    P("stomach", "upper", ["stomach"], "CT", "abdomen", "the stomach",
      "organ", ["churns food and secretes acid", "can bleed from a peptic ulcer"],
      ["gastric", "stomach", "gastritis", "gastrectomy"],
      ["An empty adult stomach holds only about 50 mL but can stretch to well over a litre."],
      KB_UPPER, [("smaller", "liver"), ("larger", "gallbladder")]),
    P("left kidney", "upper", ["left kidney"], "CT", "abdomen", "the left kidney",
      "organ", ["filters the blood and makes urine", "causes colicky flank pain when a stone blocks it"],
      ["renal", "kidney", "nephrectomy"],
      ["An adult kidney is roughly 10 to 12 cm long.", "Simple cysts of this organ appear in over a quarter of people past fifty."],
      KB_UPPER, [("smaller", "liver"), ("larger", "aorta")]),
    P("right kidney", "upper", ["right kidney"], "MR", "abdomen", "the right kidney",
      "organ", ["filters the blood and makes urine", "releases erythropoietin"],
      ["renal", "kidney", "nephrectomy"],
      ["An adult kidney is roughly 10 to 12 cm long."],
      KB_UPPER, [("smaller", "liver"), ("larger", "gallbladder")]),
    P("kidney", "upper", ["left kidney", "right kidney"], "CT", "abdomen", "both kidneys",
      "paired organs", ["filter the blood and make urine", "are scarred by long-standing diabetes"],
      ["kidneys", "renal", "nephrologist"],
      ["About 1 in 500 people has a horseshoe variant, where the two lower poles are fused.", "Each adult one is roughly 10 to 12 cm long."],
      KB_UPPER, [("smaller", "liver")]),
    P("adrenal gland", "upper", ["left adrenal gland", "right adrenal gland"], "CT", "abdomen", "both adrenal glands",
      "paired glands", ["make cortisol and the fight-or-flight hormone", "can hide a tumour causing very high blood pressure with sweating"],
      ["adrenal", "adrenals", "suprarenal"],
      ["Incidental nodules in these glands are found on about 3 to 5% of abdominal CT scans.", "Each gland weighs only about 4 to 5 grams."],
      KB_UPPER, [("smaller", "liver"), ("smaller", "spleen")]),
    P("aorta", "upper", ["aorta"], "CT", "abdomen", "the aorta",
      "vessel", ["carries oxygen-rich blood from the heart to the body", "can balloon into an aneurysm in older smokers"],
      ["aortic", "aorta", "AAA"],
      ["A normal abdominal segment of this vessel is usually under 2 cm wide; 3 cm or more counts as an aneurysm."],
      KB_UPPER[:2] + KB_UPPER[3:5] + KB_UPPER[7:], [("smaller", "liver")]),
    P("inferior vena cava", "upper", ["inferior vena cava"], "CT", "abdomen", "the inferior vena cava",
      "vessel", ["returns blood from the legs and abdomen to the heart", "receives a filter in patients with recurrent leg clots"],
      ["IVC", "vena cava", "caval"],
      ["A left-sided version of this vein occurs in only about 0.2 to 0.5% of people."],
      KB_UPPER[:2] + KB_UPPER[3:], [("smaller", "liver")]),
    P("urinary bladder", "pelvis_m", ["urinary bladder"], "CT", "pelvis", "the urinary bladder",
      "organ", ["stores urine until it is voided", "bleeds painlessly in older smokers with a tumour of its lining"],
      ["bladder", "vesical", "urinary bladder"],
      ["A healthy adult one comfortably holds about 400 to 600 mL."],
      KB_PELVIS, [("larger", "prostate"), ("larger", "rectum")]),
    P("prostate", "pelvis_m", ["prostate"], "MR", "pelvis", "the prostate",
      "gland", ["adds fluid to semen", "enlarges with age and weakens the urine stream in older men"],
      ["prostatic", "prostate", "prostatectomy"],
      ["About half of men over fifty have some benign enlargement of this gland.", "A young adult's one weighs about 20 g."],
      KB_PELVIS, [("smaller", "urinary bladder")]),
    P("uterus", "pelvis_f", ["uterus"], "MR", "pelvis", "the uterus",
      "organ", ["holds a growing pregnancy", "sheds its lining each month during menstruation"],
      ["uterine", "uterus", "womb", "hysterectomy"],
      ["Fibroids are found in up to 70% of women by the age of fifty."],
      KB_PELVIS, [("larger", "rectum")]),
    P("hepatic cyst", "upper", ["cyst"], "MR", "abdomen", "the hepatic cyst",
      "finding", ["is a round, water-bright spot with a paper-thin wall inside the bile-producing organ beneath the right diaphragm"],
      ["cyst", "hepatic cyst", "liver cyst", "cystic"],
      ["Simple fluid-filled lesions like this are seen in a few percent of adults on CT or MR."],
      KB_UPPER, [("smaller", "liver")], multi=3),
    P("liver", "coronal", ["liver"], "MR", "abdomen", "the liver",
      "organ", ["makes bile and stores glycogen", "turns the eyes yellow when it fails"],
      ["hepatic", "liver", "hepatocyte"],
      ["An adult liver weighs roughly 1.2 to 1.5 kg."], KB_COR, [("larger", "spleen")]),
    P("kidney", "coronal", ["left kidney", "right kidney"], "MR", "abdomen", "both kidneys",
      "paired organs", ["filter the blood and make urine"], ["kidneys", "renal", "nephrotic"],
      ["Each adult one is roughly 10 to 12 cm long."], KB_COR, [("smaller", "liver")]),
    P("urinary bladder", "coronal", ["urinary bladder"], "MR", "abdomen", "the urinary bladder",
      "organ", ["stores urine until it is voided"], ["bladder", "vesical", "bladder"],
      ["A healthy adult one comfortably holds about 400 to 600 mL."], KB_COR[:2] + KB_PELVIS[1:3],
      [("smaller", "liver")]),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": SCENES[p["scene"]][2]}


def pick_profile(profiles, i, defect, rng):
    multi = [p for p in profiles if p["multi"] > 1 or len(p["parts"]) > 1]
    if defect in ("count", "laterality") and rng.random() < 0.4:
        return rng.choice(multi)
    return rng.choice(profiles)


def _ellipse(shape, cx, cy, ax, ay):
    yy, xx = np.ogrid[:shape[0], :shape[1]]
    return ((xx - cx) / ax) ** 2 + ((yy - cy) / ay) ** 2 <= 1.0


def facts_for(p, rng):
    """Facts measured by `compute_facts` on a jittered phantom slice (body outline found by the product)."""
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import body_outline, patient_frame

    scene, (bx, by, bax, bay), orient = SCENES[p["scene"]]
    shape = (512, 512)
    dx, dy = rng.uniform(-8, 8), rng.uniform(-6, 6)
    body = _ellipse(shape, bx + dx, by + dy, bax * rng.uniform(0.95, 1.05), bay * rng.uniform(0.95, 1.05))
    masks = {}
    for name, ells in scene.items():
        m = np.zeros(shape, bool)
        s = rng.uniform(0.88, 1.12)
        for cx, cy, ax, ay in ells:
            m |= _ellipse(shape, cx + dx + rng.uniform(-5, 5), cy + dy + rng.uniform(-5, 5), ax * s, ay * s)
        masks[name] = m & body
    if p["target"] == "hepatic cyst":  # one to three round cysts inside the liver, apart from each other
        m = np.zeros(shape, bool)
        n = rng.choice([1, 1, 2, 3])
        spots = rng.sample([(110, 200), (150, 255), (175, 175), (125, 250), (190, 240)], n)
        for cx, cy in spots:
            m |= _ellipse(shape, cx + dx + rng.uniform(-4, 4), cy + dy + rng.uniform(-4, 4), *(2 * [rng.uniform(9, 17)]))
        masks["cyst"] = m & masks["liver"]
    if p["target"] == "spleen" and rng.random() < 0.4:  # lower pole cut separately on this slice
        masks["spleen"] |= _ellipse(shape, 392 + dx, 372 + dy, 16, 14) & body
    values = np.where(body, 40.0, -1000.0)
    target = np.logical_or.reduce([masks[n] for n in p["parts"]])
    frame = patient_frame(shape, orient, body_outline(values, -500.0, target))
    others = {n: m for n, m in masks.items() if n not in p["parts"] and n != "cyst"}
    facts = compute_facts(target, orient, others, frame)
    for rel, other in p["compare"]:  # the comparisons the prose may make must hold on this slice
        a, b = int(target.sum()), int(masks[other].sum())
        assert (a > 1.3 * b) if rel == "larger" else (a * 1.3 < b), (p["target"], rel, other, a, b)
    return facts.model_dump(mode="json")


# --- numbers ------------------------------------------------------------------------------------
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    return "one hundred"


def pct(frac: float, style: str, rng) -> str:
    """The area percent of the image, said the register's way (true to the measured fraction)."""
    v = frac * 100
    if style == "words":
        if v < 1:
            return rng.choice(["less than one percent", "well under one percent"] +
                              ([f"about {words(round(v * 10))} tenths of one percent"] if v >= 0.2 else []))
        if v < 10:
            whole, half = int(v), v - int(v)
            if 0.35 <= half <= 0.65:
                return f"about {words(whole)} and a half percent"
            return f"about {words(round(v))} percent"
        return f"roughly {words(round(v))} percent"
    if v < 1:
        return rng.choice([f"about {v:.1f}%", f"~{v:.2f}%", "well under 1%", f"roughly {v:.1f} percent"])
    if v < 10:
        return rng.choice([f"about {v:.1f}%", f"~{v:.0f}%", f"roughly {v:.0f} percent", f"around {v:.1f} per cent"])
    return rng.choice([f"about {v:.0f}%", f"~{v:.0f}%", f"roughly {v:.0f} percent"])


def wrong_pct(frac: float, style: str, rng) -> str:
    v = frac * 100
    w = rng.uniform(9, 22) if v < 1 else rng.uniform(22, 35) if v < 6 else rng.uniform(0.3, 0.7)
    if style == "words":
        return "well under one percent" if w < 1 else f"about {words(round(w))} percent"
    return f"about {w:.1f}%" if w < 1 else rng.choice([f"about {w:.0f}%", f"~{w:.0f}%", f"roughly {w:.0f} percent"])


def num(n: int, style: str) -> str:
    return str(n) if style == "terse" else words(n)


def book(s: str, style: str) -> str:
    """A textbook sentence with its digits spelled out in the numbers-as-words register."""
    if style != "words":
        return s
    for a, b in (("1.2 to 1.5 kg", "one point two to one point five kilograms"), ("10 to 15%", "ten to fifteen percent"),
                 ("10 to 12 cm", "ten to twelve centimetres"), ("12 cm", "twelve centimetres"), ("5 to 10%", "five to ten percent"), ("50 mL", "fifty millilitres"),
                 ("10 to 12 cm", "ten to twelve centimetres"), ("1 in 500", "one in five hundred"),
                 ("3 to 5%", "three to five percent"), ("4 to 5 grams", "four to five grams"),
                 ("2 cm", "two centimetres"), ("3 cm", "three centimetres"), ("0.2 to 0.5%", "zero point two to zero point five percent"),
                 ("400 to 600 mL", "four hundred to six hundred millilitres"), ("20 g", "twenty grams"),
                 ("70%", "seventy percent"), ("a few percent", "a few percent")):
        s = s.replace(a, b)
    return s


# --- true and false statements, by topic ----------------------------------------------------------

def side_s(side, style, rng, hedge=False, tname="it"):
    It = tname[0].upper() + tname[1:]
    h = rng.choice(["probably ", "most likely ", ""]) if hedge else ""
    if side in ("left", "right"):
        opts = [f"{It} {h}lies on the patient's {side}.", f"On the patient's {side} side lies {tname}." if tname != "it"
                else f"On the patient's {side} side, that is where it lies.",
                f"{It} is {h}located in the {side} half of the body.", f"{It} sits on the {side}, from the patient's point of view.",
                f"Side: patient's {side}." if style == "terse" else f"{It} is {side}-sided on this slice."]
        if hedge:
            opts.append(f"{It} appears to be on the patient's {side}.")
    elif side == "midline":
        opts = [f"{It} {h}sits in the midline.", f"{It} lies centrally, straddling the midline.",
                "Midline position, not off to one side." if style == "terse" else f"{It} is central rather than to one side."]
    elif side == "bilateral":
        opts = [f"{It} is bilateral: one part on the patient's left and one on the right.",
                "Both sides are involved, left and right.", f"There is one on each side of the spine.",
                f"{It} spans both sides of the body."]
    else:  # a false one-sided claim about a bilateral mask
        s = side.split("_")[1]
        opts = [f"{It} is confined to the patient's {s} side.", f"Only the patient's {s} side is involved.",
                f"{It} lies entirely on the patient's {s}."]
    return rng.choice(opts)


def side_false(side, rng, centroid_x):
    if side == "bilateral":
        return "only_" + rng.choice(["left", "right"])
    if side == "midline":
        return "right" if centroid_x > 0 else "left"  # the side it leans away from
    return OPP[side]


def vert_s(v, style, rng, hedge=False, tname="it", orient="LP"):
    It = tname[0].upper() + tname[1:]
    h = "appears to " if hedge else ""
    ph = {"anterior": ["lie toward the front of the body", "sit anteriorly", "lie in the anterior part of the slice"],
          "posterior": ["lie toward the back of the body", "sit posteriorly", "lie deep, against the back wall"],
          "superior": ["lie high, toward the head", "sit in the upper part of the image, superiorly"],
          "inferior": ["lie low, toward the feet", "sit inferiorly, near the bottom of the image"],
          "central": ["sit at about mid-depth, neither clearly front nor back"] if orient == "LP" else
          ["sit at about mid-height, neither clearly high nor low"]}[v]
    verb = rng.choice(ph)
    if h:
        return f"{It} {h}{verb}."
    third = verb.replace("lie ", "lies ", 1).replace("sit ", "sits ", 1)
    if style == "terse" and v != "central":
        return rng.choice([f"{v.capitalize()} on this slice.", f"Position: {v}, on this slice.", f"{It} {third}."])
    return f"{It} {third}."


REL = {"anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
       "left_of": ["to the patient's left of the {o}", "on the patient's left of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the patient's right of the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
REV = {"anterior_to": "behind it", "posterior_to": "in front of it", "left_of": "on its right (the patient's right)",
       "right_of": "on its left (the patient's left)", "superior_to": "below it", "inferior_to": "above it"}


def rel_s(rel, other, style, rng, tname="it"):
    It = tname[0].upper() + tname[1:]
    phrase = rng.choice(REL[rel]).format(o=other)
    if style == "terse":
        return rng.choice([f"{phrase[0].upper() + phrase[1:]}.", f"{It} lies {phrase}."])
    return rng.choice([f"{It} lies {phrase}.", f"The {other} lies {REV[rel]}.",
                       f"{phrase[0].upper() + phrase[1:]}, you can see {tname}." if tname != "it" else f"{It} is {phrase}."])


SIZE_W = {"small": ["small", "small", "compact"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
          "large": ["large", "big", "large"]}


def size_s(cls, frac, style, rng, hedge=False, mode="both", tname="it", wrong_frac=False):
    It = tname[0].upper() + tname[1:]
    w = rng.choice(SIZE_W[cls])
    p = wrong_pct(frac, style, rng) if wrong_frac else pct(frac, style, rng)
    h = rng.choice(["fairly ", "probably ", ""]) if hedge else ""
    where = rng.choice(["of the image", "of the slice", "of the frame", "of the picture"])
    if mode == "class":
        return rng.choice([f"{It} is {h}{w} on this slice.", f"Size: {w} on this slice." if style == "terse" else f"{It} looks {h}{w} here.",
                           f"On this slice {tname} is {w}."])
    if mode == "pct":
        return rng.choice([f"{It} covers {p} {where}.", f"The outline takes up {p} {where}.",
                           f"Area: {p} {where}." if style == "terse" else f"{It} fills {p} {where}."])
    return rng.choice([f"{It} is {h}{w}, covering {p} {where}.", f"{It} takes up {p} {where}, which makes it {w}.",
                       f"{w[0].upper() + w[1:]} on this slice ({p} {where})."])


def size_false(cls, bf):
    if cls == "large":
        return "small"
    if cls == "small":
        return "large"
    return "large" if (bf or 0.05) < 0.045 else "small"


def count_s(n, style, rng, tname="it"):
    It = tname[0].upper() + tname[1:]
    if n == 1:
        return rng.choice([f"{It} forms one continuous region.", "Single connected component." if style == "terse" else
                           f"{It} is one piece, with no separate fragments.", "There is just one connected region.",
                           f"{It} is drawn as a single contiguous area."])
    w = num(n, style) if style != "terse" else str(n)
    return rng.choice([f"{It} consists of {w} separate regions.", f"{w.capitalize()} discrete parts are outlined.",
                       f"The mask falls into {w} separate pieces.", f"{It} appears as {w} islands, not one."])


# traps: true sentences about the target that a careless checker may misread
def negations(f, topic, rng):
    side, n, cls, v = f["laterality"], f["components"], f["size_class"], f["vertical"]
    if topic == "side":
        if side in ("left", "right"):
            x0, _, x1, _ = f["bbox"]
            cx = (f.get("frame") or {}).get("centre", [None])[0]
            whole = cx is not None and not (x0 <= cx <= x1)  # no pixel across the patient's midline
            return rng.choice([f"It is not on the {OPP[side]} side."] + ([f"Nothing of it crosses to the patient's {OPP[side]}.",
                               f"It does not reach the patient's {OPP[side]} half."] if whole else []))
        if side == "midline":
            return "It is not off to the left or the right."
        return "It is not limited to one side."
    if topic == "count":
        return rng.choice(["No second focus is seen.", "It is not split into several pieces."]) if n == 1 else \
            "It is not a single blob."
    if topic == "size":
        return {"small": "It is not large.", "medium": "It is neither tiny nor large.", "large": "It is by no means small."}[cls]
    if v in OPP:
        return f"It does not lie {'in front' if v == 'posterior' else 'at the back' if v == 'anterior' else 'high up' if v == 'inferior' else 'low down'}."
    return None


def convention(orient, style, rng):
    if orient == "LI":
        s = ["Coronal images are shown as if you face the patient: head at the top, the patient's left on the viewer's right.",
             "On this coronal view the top of the picture is toward the head, and the patient's right appears on the left of the screen."]
    else:
        s = ["By convention axial images are viewed from the feet, so the patient's left appears on the right of the screen.",
             "Remember the radiological convention: the patient's right is displayed on the left side of the image.",
             "Front is at the top of the picture and the patient's back is at the bottom."]
    return rng.choice(s)


def compare_s(p, rng):
    if not p["compare"]:
        return None
    rel, other = rng.choice(p["compare"])
    return rng.choice([f"It is {rel} than the {other} on this slice.", f"Compared with the {other}, it looks {rel} here.",
                       f"The {other} is {'smaller' if rel == 'larger' else 'larger'} than it on this image."])


# --- questions -----------------------------------------------------------------------------------
NEUTRAL = {"left kidney": "this kidney", "right kidney": "this kidney", "kidney": "the kidneys",
           "adrenal gland": "the adrenal glands"}
LABEL = {"side": "Side", "vert": "Position", "rel": "Neighbours", "size": "Size", "count": "Parts"}


def first_question(p, f, style, rng, clause=None, giveaway=None):
    """The implicit first question; `clause` adds a (true or planted false) hint, `giveaway` names the target."""
    ask, hint = p["ask"], rng.choice(p["hint"])
    mod = p["modality"]
    plane = "coronal" if SCENES[p["scene"]][2] == "LI" else "axial"
    c = f" {clause}" if clause and not clause.endswith("?") else ""
    tag = f" {clause}" if clause and clause.endswith("?") else ""
    frames = {
        "terse": [f"Which {ask}{c} here {hint}? Segment it.{tag}", f"{mod}, {plane}. Which {ask}{c} {hint}? Segment it.{tag}",
                  f"Can you identify and segment the {ask}{c} that {hint}?{tag}"],
        "tutor": [f"My doctor mentioned the {ask}{c} that {hint}. Could you show me where it is on my scan?{tag}",
                  f"I'm trying to understand my {mod} scan. Where is the {ask}{c} that {hint}? Can you outline it for me?{tag}",
                  f"Could you help me find the {ask}{c} that {hint} on this picture? I'd like to see it marked.{tag}"],
        "markdown": [f"Hey! 👋 Which {ask}{c} in this {mod} image {hint}? Can you highlight it?{tag}",
                     f"quick one: can you find the {ask}{c} that {hint} and segment it? 🙏{tag}",
                     f"Looking at this {plane} {mod} slice — which {ask}{c} {hint}? Please mark it.{tag}"],
        "words": [f"In this {mod} slice, which {ask}{c} {hint}? Please outline it.{tag}",
                  f"Could you segment the {ask}{c} that {hint} on this {plane} image?{tag}",
                  f"On this scan, where is the {ask}{c} that {hint}? Please mark it.{tag}"]}
    q = rng.choice(frames[style])
    if giveaway:
        q = rng.choice([f"Quick {giveaway} question: {q[0].lower() + q[1:]}", f"{q} (This is for my notes on {giveaway} anatomy.)",
                        f"I was reading about {giveaway} problems. {q}"])
    return q


def true_clause(p, f, rng, avoid):
    """A true hint for the first question (side, tag question or a relation), or None."""
    side = f["laterality"]
    opts = []
    if side in ("left", "right") and "side" not in avoid:
        opts += [f"on the patient's {side}", f"It's on the {side}, right?", f"I think it's on the patient's {side}, isn't it?"]
    if side == "bilateral" and "side" not in avoid:
        opts += ["on both sides", "They're on both sides, aren't they?"]
    stem = p["target"].split()[-1]  # no other structure that shares the target's name ('the right kidney')
    rels = [(r, o) for r, o in usable_rels(p, f) if stem not in o and not any(g.lower() in o for g in p["giveaway"])]
    if rels and "rel" not in avoid:
        r, o = rng.choice(rels)
        opts.append(f"lying {rng.choice(REL[r]).format(o=o)}")
    return rng.choice(opts) if opts and rng.random() < 0.45 else None


def usable_rels(p, f):
    return [(r["relation"], r["other"]) for r in f["relations"]
            if not (p["target"] == "hepatic cyst" and r["other"] == "liver")]


def false_clause(kind, f, fv, rng):
    """A planted false hint for the first question."""
    if kind == "side":
        s = fv.split("_")[-1]
        return f"only on the patient's {s}" if fv.startswith("only") else f"on the patient's {s}"
    if kind == "size":
        return "(which looks huge here)" if fv == "large" else "(which looks tiny here)"
    if kind == "count":
        return "(it shows up in two separate pieces here)" if f["components"] == 1 else "(it shows as one single piece here)"
    if kind == "vert":
        return {"anterior": "toward the front", "posterior": "toward the back", "superior": "high up toward the head",
                "inferior": "low down toward the feet"}[fv]
    r, o = fv
    return f"lying {rng.choice(REL[r]).format(o=o)}"


FOLLOW_Q = {
    "side": ["Which side is it on?", "Is that on my left or my right? These pictures always confuse me.",
             "Which side, the patient's left or right?", "Which side is it?"],
    "vert": ["Is it toward the front or the back?", "Front or back?", "How deep does it sit in the body?"],
    "vert_LI": ["Is it high or low in the abdomen?", "Upper or lower part of the image?"],
    "size": ["How big is it?", "How much of the image does it cover?", "Would you call it large or small on this slice?",
             "Roughly how big is the outlined area?"],
    "count": ["Is it one piece?", "How many separate parts did you outline?", "Is there more than one region?"],
    "why": ["Why is that?", "Why does that matter?", "Why would a doctor look at it?"],
    "more": ["Anything else worth knowing about it?",
             "Can you tell me a bit more about the organs around it and how they compare with it on this slice?"],
}
USER_FALSE_Q = {"side": "Why is it on the patient's {s}?", "side_only": "Why is only the patient's {s} side involved?",
                "vert": "Why does it sit so far toward the {s}?", "rel": "Why does it lie {s}?",
                "size": "Why does it look so {s} here?", "count1": "Why is it broken into two separate pieces here?",
                "countn": "Why is it just one single piece here?"}
GENERIC_A = {"side": "Each organ keeps the place it took during development, held by its attachments, vessels and neighbours; the outline simply follows what this slice shows.",
             "vert": "Organs keep the place they took during development, held by ligaments, vessels and the organs around them.",
             "size": "How much of an organ shows depends on where the slice passes through it and on the patient's build.",
             "count": "Whether a structure looks like one piece or several depends on how the slice cuts through its curves."}


def topic_s(t, f, p, style, rng, tname="it", hedge=False, rel=None):
    orient = SCENES[p["scene"]][2]
    """A true sentence about one topic of the measured facts."""
    if t == "side":
        return side_s(f["laterality"], style, rng, hedge, tname)
    if t == "vert":
        return vert_s(f["vertical"], style, rng, hedge, tname, orient)
    if t == "rel":
        r, o = rel or rng.choice(usable_rels(p, f))
        return rel_s(r, o, style, rng, tname)
    if t == "size":
        return size_s(f["size_class"], f["area_fraction"], style, rng, hedge, rng.choice(["both", "both", "class", "pct"]), tname)
    return count_s(f["components"], style, rng, tname)


def false_s(t, fv, f, style, rng, tname="it"):
    """The planted false sentence (plainly asserted, no hedge)."""
    if t == "side":
        return side_s(fv, style, rng, False, tname)
    if t == "vert":
        return vert_s(fv, style, rng, False, tname)
    if t == "rel":
        return rel_s(fv[0], fv[1], style, rng, tname)
    if t == "size":
        if fv == "pct":
            return size_s(f["size_class"], f["area_fraction"], style, rng, mode="pct", tname=tname, wrong_frac=True)
        w = rng.choice({"small": ["small", "tiny"], "large": ["large", "huge", "very large"]}[fv])
        return rng.choice([f"It is {w} on this slice.", f"On this slice it is {w}.", f"Size: {w} on this slice." if style == "terse" else f"It looks {w} here."])
    return count_s(2 if f["components"] == 1 else 1, style, rng, tname)


def traps(p, f, orient, style, rng, avoid, k):
    """k true sentences a careless checker may misread."""
    pool = [book(s, style) for s in p["book"]] + [rng.choice(p["others_kb"]), convention(orient, style, rng)]
    for t in ("side", "size", "count", "vert"):
        if t not in avoid:
            neg = negations(f, t, rng)
            if neg:
                pool.append(neg)
    if "size" not in avoid:
        c = compare_s(p, rng)
        if c:
            pool.append(c)
    rng.shuffle(pool)
    return pool[:k]


def wrap_answer(style, name, sentences, extra, rng, first):
    """Put true/false sentences (topic, text) and extra trap sentences into the register's shape."""
    Name = name[0].upper() + name[1:]
    if style == "markdown":
        head = rng.choice([f"## 🔎 Found it: **{Name}**\n\nHere's the segmentation: [SEG]",
                           f"### ✅ Segmentation\n\nOutlined: **{name}** [SEG] 👇",
                           f"Sure! 😊 The structure you're after is **{name}** — outlined here: [SEG]"]) if first else \
            rng.choice(["Great question! 🙌", "### 📌 Short answer", "Good follow-up 👍"])
        bullets = "\n".join(f"- **{LABEL.get(t, 'Note')}:** {s}" for t, s in sentences)
        tip = "\n\n> 💡 **Good to know:** " + " ".join(extra) if extra else ""
        tail = rng.choice(["\n\nLet me know if you want more detail! 😊", "", "\n\nHope this helps! 🙂"])
        return f"{head}\n\n{bullets}{tip}{tail}".strip()
    body = [s for _, s in sentences]
    if style == "terse":
        head = rng.choice([f"{Name} [SEG].", f"Segmented: {name} [SEG].", f"Finding: {name} [SEG]."]) if first else ""
        mid = body + extra
        rng.shuffle(mid)
        return " ".join(([head] if head else []) + mid)
    if style == "tutor":
        head = rng.choice([f"Good question. That's {name}, highlighted here: [SEG].",
                           f"What you're describing is {name}, and I've outlined it for you [SEG].",
                           f"Let me show you: this is {name} [SEG]. Take your time looking at it."]) if first else \
            rng.choice(["Good question.", "Let me explain.", "Sure, happy to go through that."])
        tail = rng.choice([" Does that make sense?", " Feel free to ask anything else.", ""])
        return " ".join([head] + body + extra) + tail
    head = rng.choice([f"The structure asked about is {name} [SEG].", f"Outlined here is {name} [SEG].",
                       f"I have segmented {name} [SEG]."]) if first else rng.choice(["Certainly.", "Of course.", "Here is the answer."])
    return " ".join([head] + body + extra)


def build(p, f, style, rng, defect):
    orient = SCENES[p["scene"]][2]
    name = p["name"]
    kind = {"laterality": "side", "position": None, "size": "size", "count": "count", None: None,
            "names_target": None}[defect]
    rels = usable_rels(p, f)
    fv = None
    if defect == "position":
        kind = "vert" if f["vertical"] in OPP and (not rels or rng.random() < 0.5) else "rel"
        if kind == "rel":
            r, o = rng.choice(rels)
            fv = (FLIP[r], o)
        else:
            fv = OPP[f["vertical"]]
    elif kind == "side":
        fv = side_false(f["laterality"], rng, f["centroid_patient"][0])
        name = NEUTRAL.get(p["target"], name)
    elif kind == "size":
        bf = f.get("body_fraction") or 0.05
        clear = f["size_class"] != "medium" or bf < 0.03 or bf > 0.07
        fv = size_false(f["size_class"], bf) if clear and rng.random() < 0.5 else "pct"
    avoid = {"side"} if kind == "side" else {"vert", "rel"} if kind in ("vert", "rel") else {kind} if kind else set()
    where = None
    if kind:
        r = rng.random()
        where = "user" if r < 0.27 else "follow" if r < 0.5 else "first"
    rounds = rng.choice([1, 2, 2, 3]) if where in (None, "first") else rng.choice([2, 3])
    if where == "user" and rng.random() < 0.34:
        where, rounds = "user_first", rng.choice([1, 2])
    if kind == "size" and where in ("user", "user_first"):
        fv = size_false(f["size_class"], f.get("body_fraction"))
        if fv == "pct" or (f["size_class"] == "medium" and 0.03 <= (f.get("body_fraction") or 0.05) <= 0.07):
            where, rounds = "first", rng.choice([1, 2, 3])  # no clearly wrong size word for a mid-medium mask
            fv = "pct"
    plural = len(p["parts"]) > 1 or f["components"] > 1 and p["target"] == "hepatic cyst"
    if p["target"] == "hepatic cyst" and f["components"] > 1:
        name = "the group of cystic lesions" if kind != "count" else "the cystic lesion"

    # first question
    if defect == "names_target":
        q1 = first_question(p, f, style, rng, giveaway=rng.choice(p["giveaway"]))
    elif where == "user_first":
        q1 = first_question(p, f, style, rng, clause=false_clause(kind, f, fv, rng))
    else:
        q1 = first_question(p, f, style, rng, clause=true_clause(p, f, rng, avoid))
    if plural:
        for a, b in (("Where is the", "Where are the"), ("where is the", "where are the"), ("Segment it", "Segment them"), ("segment it", "segment them"), ("outline it", "outline them"),
                     ("mark it", "mark them"), ("highlight it", "highlight them"), ("where it is", "where they are")):
            q1 = q1.replace(a, b)
    turns = [{"role": "user", "content": q1}]
    subj = "the outline" if plural else "it"

    topics = [t for t in ("side", "vert", "rel", "size", "count") if t not in avoid and (t != "rel" or rels)]
    said = rng.sample(topics, min(len(topics), rng.choice([2, 3, 3, 4])))
    sent = []
    for t in said:
        tn = name if (t == "side" and rng.random() < 0.3) else subj
        sent.append((t, topic_s(t, f, p, style, rng, tn, hedge=rng.random() < 0.25)))
    if where == "first":
        sent.insert(rng.randrange(len(sent) + 1), (kind, false_s(kind, fv, f, style, rng, subj)))
    turns.append({"role": "assistant", "content": wrap_answer(style, name, sent, traps(p, f, orient, style, rng, avoid, rng.choice([1, 2, 2, 3])), rng, True)})

    # follow-up rounds
    left = [t for t in topics if t not in said] + ["why", "more"]
    rng.shuffle(left)
    plan = []
    if where == "follow":
        plan.append(("false_answer", kind))
    if where == "user":
        plan.append(("false_question", kind))
    while len(plan) < rounds - 1:
        plan.append(("true", left.pop() if left else rng.choice(["why", "more"])))
    rng.shuffle(plan)
    for mode, t in plan:
        q, a = follow_round(p, f, style, rng, orient, mode, t, fv, avoid, rels, subj, " ".join(x["content"] for x in turns))
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, [defect] if defect else []


def follow_round(p, f, style, rng, orient, mode, t, fv, avoid, rels, subj="it", before=""):
    extra = [e for e in traps(p, f, orient, style, rng, avoid, 3) if e not in before][:rng.choice([0, 1, 1, 2])]
    if mode == "false_question":
        if t == "side":
            q = (USER_FALSE_Q["side_only"] if fv.startswith("only") else USER_FALSE_Q["side"]).format(s=fv.split("_")[-1])
        elif t == "vert":
            q = USER_FALSE_Q["vert"].format(s={"anterior": "front", "posterior": "back", "superior": "head",
                                               "inferior": "feet"}[fv])
        elif t == "rel":
            q = USER_FALSE_Q["rel"].format(s=rng.choice(REL[fv[0]]).format(o=fv[1]))
        elif t == "size":
            q = USER_FALSE_Q["size"].format(s="huge" if fv == "large" else "tiny")
        else:
            q = USER_FALSE_Q["count1" if f["components"] == 1 else "countn"]
        extra = [e for e in extra if e not in (negations(f, t, rng),)]
        return user_voice(q, style, rng), wrap_answer(style, "it", [("note", GENERIC_A["vert" if t == "rel" else t])], extra, rng, False)
    if t in ("why", "more"):
        q = rng.choice(FOLLOW_Q[t])
        pool = [book(s, style) for s in p["book"]] + [rng.choice(p["others_kb"]), convention(orient, style, rng)]
        if "size" not in avoid and compare_s(p, rng):
            pool.append(compare_s(p, rng))
        pool = [s for s in pool if s not in before] or [rng.choice(p["others_kb"])]
        rng.shuffle(pool)
        return user_voice(q, style, rng), wrap_answer(style, "it", [("note", s) for s in pool[:2]], [], rng, False)
    rel = rng.choice(rels) if t == "rel" else None
    if t == "rel":
        q = rng.choice([f"Where is it relative to the {rel[1]}?", f"How does it relate to the {rel[1]}?"])
    elif t == "vert":
        q = rng.choice(FOLLOW_Q["vert_LI" if orient == "LI" else "vert"])
    elif t == "side" and f["laterality"] in ("left", "right") and mode == "true" and rng.random() < 0.35:
        q = rng.choice([f"It's on the {f['laterality']}, right?", f"So it's on the patient's {f['laterality']}, isn't it?"])
    else:
        q = rng.choice(FOLLOW_Q[t])
    if mode == "false_answer":
        if t == "rel":
            q = rng.choice([f"Where is it relative to the {fv[1]}?", f"How does it relate to the {fv[1]}?"])
        body = [(t, false_s(t, fv, f, style, rng, subj))]
    else:
        body = [(t, topic_s(t, f, p, style, rng, subj, hedge=rng.random() < 0.2, rel=rel))]
        if t == "side" and q.endswith("?") and ("right?" in q or "isn't it" in q):
            body.insert(0, ("note", "Yes."))
    return user_voice(q, style, rng), wrap_answer(style, "it", body, extra, rng, False)


def user_voice(q, style, rng):
    if style == "tutor":
        lead = rng.choice(["Thanks. ", "Okay, ", "I see. ", ""])
        return lead + (q[0].lower() + q[1:] if lead == "Okay, " else q)
    if style == "markdown":
        return q + rng.choice([" 🤔", "", " 👀"])
    return q
