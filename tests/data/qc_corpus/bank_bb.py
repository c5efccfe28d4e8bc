"""Bank BB: the abdominal CT targets of the demo phantom, written blind by helper `qcbb`.

Targets: liver, spleen, both kidneys (each side and the pair), aorta, inferior vena cava, pancreas, stomach,
gallbladder, vertebral body, both adrenal glands, both iliopsoas muscles, a liver lesion of one to three
regions, and one label the knowledge base does not know (portal vein); axial "LP" and some coronal "LI".
Facts are the product's own measurement (`medseg_qa.facts.compute_facts`) of a synthetic mask drawn as
ellipses at a phantom-like place, with the other structures' centroids as `others`; the prose is written
from those facts. Registers: a terse radiologist, a patient tutor, a chatty markdown assistant, and numbers
spelled out as words; each fact has several frames and synonyms, so no frame repeats in a row.
Clean rows carry true traps: negations, the radiological display convention, sentences about other
structures with their own sides, hedges, comparisons, population numbers. Defective rows carry exactly one
plainly false claim (about a fifth of side/position/size/count defects in a user question, some only in a
follow-up answer).

Written without opening the QC rules, their tests or other banks; not measured by its writer (the lead
measures it once after merging).
"""

from __future__ import annotations

import random
import re

import numpy as np

SEG = "[SEG]"
OPP = {"left": "right", "right": "left"}
W = H = 512

# phantom centroids (normalised x, y) and half-axes (normalised) per plane; LP: x to patient left, y to back;
# LI: x to patient left, y to the feet
AX = {"liver": ((0.30, 0.42), (0.17, 0.15)), "spleen": ((0.75, 0.55), (0.07, 0.09)),
      "left kidney": ((0.68, 0.67), (0.055, 0.078)), "right kidney": ((0.32, 0.67), (0.055, 0.078)),
      "aorta": ((0.53, 0.60), (0.026, 0.026)), "inferior vena cava": ((0.43, 0.59), (0.032, 0.022)),
      "pancreas": ((0.55, 0.50), (0.12, 0.03)), "stomach": ((0.65, 0.33), (0.09, 0.07)),
      "gallbladder": ((0.33, 0.36), (0.035, 0.03)), "vertebral body": ((0.50, 0.73), (0.05, 0.045)),
      "left adrenal gland": ((0.62, 0.57), (0.012, 0.026)), "right adrenal gland": ((0.39, 0.55), (0.012, 0.026)),
      "left iliopsoas": ((0.59, 0.76), (0.03, 0.035)), "right iliopsoas": ((0.41, 0.76), (0.03, 0.035)),
      "portal vein": ((0.44, 0.47), (0.02, 0.016))}
CO = {"liver": ((0.31, 0.28), (0.16, 0.13)), "spleen": ((0.73, 0.29), (0.06, 0.08)),
      "left kidney": ((0.66, 0.46), (0.05, 0.08)), "right kidney": ((0.34, 0.50), (0.05, 0.08)),
      "aorta": ((0.51, 0.55), (0.02, 0.2)), "right iliopsoas": ((0.41, 0.77), (0.035, 0.14)),
      "left iliopsoas": ((0.59, 0.77), (0.035, 0.14)), "stomach": ((0.63, 0.24), (0.07, 0.06))}
HUMAN = {"vertebral body": "vertebral body", "inferior vena cava": "inferior vena cava",
         "left iliopsoas": "left iliopsoas muscle", "right iliopsoas": "right iliopsoas muscle"}


def _p(target, plane, others, q, give, alias, kb, quad=False, comps=None, kind="organ"):
    return dict(target=target, plane=plane, others=others, q=q, giveaway=give, alias=alias, kb=kb, quad=quad,
                comps=comps, kind=kind)


PROFILES = [
    _p("liver", "LP", ["spleen", "aorta", "vertebral body", "stomach"],
       ["Which organ makes bile, stores glycogen and detoxifies drugs?", "A drinker with jaundice and a firm, "
        "enlarged organ under the right ribs: which organ is that?"],
       ["hepatic", "hepar", "liver parenchyma", "hepatomegaly"], ["the organ", "this organ"],
       ["The spleen sits high on the opposite side, in the left upper quadrant.",
        "The stomach lies to the left of it, under the left dome of the diaphragm.",
        "In adults this organ typically weighs about 1.5 kg."], quad=True),
    _p("liver", "LI", ["spleen", "left kidney", "right iliopsoas"],
       ["On this frontal reformat, which organ under the right hemidiaphragm makes bile?"],
       ["hepatic", "liver", "hepatomegaly"], ["the organ"],
       ["The spleen sits on the other side, up under the left hemidiaphragm.",
        "The psoas muscles run down toward the groins far below it."], quad=True),
    _p("spleen", "LP", ["liver", "aorta", "stomach", "left kidney"],
       ["Which organ filters old red blood cells and may rupture after a blow to the lower left ribs?",
        "Which organ enlarges in glandular fever and removes worn-out red cells?"],
       ["splenic", "lienal", "splenomegaly", "spleen"], ["the organ", "it"],
       ["The liver, the largest solid organ, fills the right upper quadrant.",
        "The left kidney lies just behind and below it.",
        "An accessory lobule is found in roughly 10 to 30 percent of people."], quad=True),
    _p("spleen", "LI", ["liver", "right kidney", "aorta"],
       ["In this coronal view, which organ recycles old red cells and lies under the left dome of the diaphragm?"],
       ["splenic", "spleen", "perisplenic"], ["the organ"],
       ["The liver occupies the opposite upper quadrant.", "The right kidney sits lower on the other side."],
       quad=True),
    _p("left kidney", "LP", ["aorta", "vertebral body", "spleen", "liver"],
       ["Which bean-shaped organ on this slice filters blood into urine, the one on the side of the heart?",
        "Which paired organ that filters blood is the one whose vein crosses in front of the aorta?"],
       ["renal", "nephric", "the kidney", "nephro"], ["the organ"],
       ["The right kidney usually sits a little lower because the liver pushes it down.",
        "Each adult kidney measures roughly 10 to 12 cm in length."]),
    _p("left kidney", "LI", ["liver", "aorta", "right iliopsoas"],
       ["Which urine-making organ is shown here on the same side as the heart?"],
       ["renal", "kidney", "nephric"], ["the organ"],
       ["The liver sits on the other side, higher up.", "The aorta runs down the middle between the two."]),
    _p("right kidney", "LP", ["aorta", "vertebral body", "spleen", "stomach"],
       ["Which bean-shaped organ that makes urine is the one sitting under the largest solid organ?",
        "Which blood-filtering organ sits lower than its partner because the liver pushes it down?"],
       ["renal", "kidney", "nephrectomy"], ["the organ"],
       ["Its partner on the left lies a little higher.", "The spleen sits on the opposite side, further forward.",
        "Each adult kidney holds about a million nephrons."]),
    _p("kidney", "LP", ["liver", "stomach"],
       ["Which paired bean-shaped organs filter the blood and make urine?"],
       ["renal", "kidneys", "nephrons"], ["the organs"],
       ["The liver lies in front of the right one and above it.",
        "The aorta runs between them in front of the spine.",
        "About one person in a thousand has only one of them."], comps=2, kind="pair"),
    _p("aorta", "LP", ["vertebral body", "inferior vena cava", "liver", "stomach"],
       ["Which vessel carries oxygenated blood from the heart down to the legs?",
        "Which artery would tear in a patient with sudden tearing pain going through to the back?"],
       ["aortic", "AAA", "periaortic", "abdominal aorta"], ["the vessel"],
       ["The inferior vena cava runs beside it on the patient's right.",
        "A diameter above 3 cm in adults is usually called aneurysmal.",
        "The left renal vein crosses in front of it."], kind="vessel"),
    _p("aorta", "LI", ["liver", "spleen", "left kidney"],
       ["On this coronal image, which large artery runs straight down in front of the lumbar column?"],
       ["aortic", "AAA", "aorto-iliac"], ["the vessel"],
       ["The liver sits up on the patient's right.", "The spleen sits up on the patient's left."], kind="vessel"),
    _p("inferior vena cava", "LP", ["aorta", "vertebral body", "spleen"],
       ["Which large vein returns blood from the legs and abdomen to the right atrium?",
        "Which big vein collapses in a dehydrated patient and carries blood back to the heart from below?"],
       ["IVC", "caval", "cava", "vena cava"], ["the vessel", "the vein"],
       ["The aorta runs parallel to it on the patient's left.",
        "The left renal vein crosses in front of the aorta to reach it."], kind="vessel"),
    _p("pancreas", "LP", ["stomach", "vertebral body", "spleen", "liver"],
       ["Which gland makes both insulin and digestive enzymes?",
        "Which gland becomes inflamed with gallstones or alcohol, causing pain that bores into the back?"],
       ["pancreatic", "pancreatitis", "peripancreatic", "pancreas"], ["the gland"],
       ["The duodenum curves around its head on the patient's right.",
        "The splenic vein runs along its back.", "Its tail points toward the spleen on the left."], kind="gland"),
    _p("stomach", "LP", ["liver", "vertebral body", "aorta", "right kidney"],
       ["Which J-shaped hollow organ mixes food with acid?",
        "Which hollow organ would a gastroscope enter first after the oesophagus?"],
       ["gastric", "stomach", "perigastric", "gastritis"], ["the organ", "this hollow organ"],
       ["The liver covers the right side of the upper abdomen.",
        "The spleen sits behind and to the left of it.",
        "In adults it can hold roughly 1 to 1.5 litres."], quad=True),
    _p("gallbladder", "LP", ["aorta", "vertebral body", "spleen", "left kidney"],
       ["Which small pear-shaped sac stores and concentrates bile?",
        "After a fatty meal, which sac contracts and may cause colicky pain under the right ribs?"],
       ["cholecystitis", "gall bladder", "cholecyst", "gallbladder"], ["the sac", "the organ"],
       ["The liver wraps around it from above.", "Stones are found in roughly 10 to 15 percent of adults.",
        "The duodenum lies just medial to its neck."], quad=True),
    _p("vertebral body", "LP", ["liver", "spleen", "stomach", "pancreas"],
       ["Which weight-bearing bony block sits in the midline, behind the great vessels?",
        "Which cylinder of bone carries the load of the trunk and can collapse in osteoporosis?"],
       ["vertebral", "vertebra", "spinal", "L2"], ["the bone", "this bone"],
       ["The psoas muscles run along its left and right sides.",
        "The aorta lies just in front of it, a little to the left.",
        "Osteoporotic compression fractures affect about one in five older women."], kind="bone"),
    _p("left adrenal gland", "LP", ["aorta", "vertebral body", "liver", "stomach"],
       ["Which small gland that makes cortisol and adrenaline sits on top of the kidney on the heart's side?"],
       ["adrenal", "suprarenal", "adrenals", "adrenalectomy"], ["the gland"],
       ["Its partner on the right sits behind the inferior vena cava.",
        "Incidental nodules are seen in around 3 to 7 percent of adult CTs."], kind="gland"),
    _p("right adrenal gland", "LP", ["aorta", "spleen", "vertebral body", "stomach"],
       ["Which small gland making cortisol and adrenaline caps the kidney on the same side as the largest solid organ?"],
       ["adrenal", "suprarenal", "adrenal gland"], ["the gland"],
       ["Its partner on the left sits beside the aorta.", "The inferior vena cava lies in front of it."],
       kind="gland"),
    _p("left iliopsoas", "LP", ["liver", "aorta", "stomach", "spleen"],
       ["Which hip-flexor muscle runs beside the lumbar column on the heart's side of the body?"],
       ["psoas", "iliopsoas", "iliacus", "psoas major"], ["the muscle"],
       ["Its partner on the right mirrors it across the midline.",
        "Its tendon inserts on the lesser trochanter of the femur."], kind="muscle"),
    _p("right iliopsoas", "LI", ["liver", "spleen", "aorta"],
       ["In this coronal view, which hip-flexing muscle runs down toward the right groin?"],
       ["psoas", "iliopsoas", "psoas major"], ["the muscle"],
       ["Its twin on the left runs down to the left groin.", "The liver sits far above it on the same side."],
       kind="muscle"),
    _p("liver lesion", "LP", ["spleen", "aorta", "vertebral body", "stomach"],
       ["A patient with colon cancer has new dark round spots in the organ that makes bile: outline the "
        "abnormal areas.", "Which abnormal hypodense areas appear inside the big bile-producing organ here?"],
       ["lesion", "liver mass", "metastases", "hepatic lesion"], ["the abnormality", "the finding"],
       ["The spleen, on the patient's left, is free of similar spots.",
        "Colorectal metastases spread to this organ through the portal vein in many patients.",
        "The gallbladder is normal."], quad=True, kind="lesion"),
    _p("portal vein", "LP", ["aorta", "spleen", "vertebral body", "stomach"],
       ["Which vein carries blood from the gut and spleen into the organ that makes bile?"],
       ["portal", "portal vein", "portal venous"], ["the vessel", "the vein"],
       ["The inferior vena cava lies behind it on the patient's right.",
        "Normal pressure in this system is around 5 to 10 mmHg."], kind="vessel"),
]
STYLES = ["terse", "tutor", "markdown", "words"]


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": "abdomen", "orientation": p["plane"]}


def pick_profile(profiles, i, defect, rng):
    """Weight multi-region masks (lesion, kidney pair) up, mainly for count defects."""
    multi = [p for p in profiles if p["target"] in ("liver lesion", "kidney")]
    multi = multi + [p for p in multi if p["target"] == "liver lesion"]  # lesions twice: 1-3 regions
    if rng.random() < (0.45 if defect == "count" else 0.15):
        return rng.choice(multi)
    return rng.choice(profiles)


def _ellipse(cx, cy, rx, ry):
    yy, xx = np.mgrid[0:H, 0:W]
    return ((xx - cx * (W - 1)) / (rx * W)) ** 2 + ((yy - cy * (H - 1)) / (ry * H)) ** 2 <= 1.0


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own facts of a synthetic mask at the phantom place of the target."""
    from medseg_qa.facts import compute_facts

    table = AX if p["plane"] == "LP" else CO
    j = lambda: rng.uniform(-0.012, 0.012)  # noqa: E731
    s = rng.uniform(0.85, 1.15)
    if p["target"] == "liver lesion":
        spots = [(0.27, 0.38), (0.34, 0.46), (0.22, 0.47)]
        n = rng.choice([1, 1, 2, 3])
        mask = np.zeros((H, W), bool)
        for cx, cy in spots[:n]:
            r = rng.uniform(0.012, 0.03)
            mask |= _ellipse(cx + j(), cy + j(), r, r * rng.uniform(0.8, 1.1))
    elif p["target"] == "kidney":
        mask = np.zeros((H, W), bool)
        for side in ("left kidney", "right kidney"):
            (cx, cy), (rx, ry) = AX[side]
            mask |= _ellipse(cx + j(), cy + j(), rx * s, ry * s)
    else:
        (cx, cy), (rx, ry) = table[p["target"]]
        mask = _ellipse(cx + j(), cy + j(), rx * s, ry * s)
    others = {o: (table.get(o, AX[o])[0][0] + j(), table.get(o, AX[o])[0][1] + j()) for o in p["others"]}
    return compute_facts(mask, p["plane"], others=others).model_dump(mode="json")


# --- numbers as words ------------------------------------------------------------------------------
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + words(n % 100))
    return words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + words(n % 1000))


def spell(text: str) -> str:
    """Digits to words ('1.5 kg' -> 'one point five kg', '30 percent' -> 'thirty percent')."""
    text = re.sub(r"(\d+)\.(\d)", lambda m: f"{words(int(m[1]))} point {words(int(m[2]))}", text)
    return re.sub(r"\d+", lambda m: words(int(m[0])), text)


# --- true phrasings of each fact ---------------------------------------------------------------------
_last: dict[str, str] = {}


def pick(rng: random.Random, key: str, options: list[str]) -> str:
    """A frame, never the one this pool gave last time."""
    opts = [o for o in options if o != _last.get(key)] or options
    _last[key] = out = rng.choice(opts)
    return out


def name_of(p, f):
    if p["target"] == "kidney":
        return "kidneys"
    if p["target"] == "liver lesion":
        return "liver lesion" if f["components"] == 1 else "liver lesions"
    return HUMAN.get(p["target"], p["target"])


def side_true(p, f, rng):
    s = f["laterality"]
    near = abs((f.get("centroid_patient") or [1, 1])[0]) < 0.08
    if s in OPP:
        o = OPP[s]
        if near:
            opts = [f"It sits just to the patient's {s} of the midline.", f"Slightly {s} of centre.",
                    f"It lies a touch to the {s} of the midline rather than dead centre."]
        else:
            opts = [f"It lies on the patient's {s}.", f"{s.capitalize()}-sided.", f"It is {s}-sided.",
                    f"It sits to the {s} of the spine, on the patient's {s} side.",
                    f"It occupies the patient's {s} half of the body.",
                    "Sinistral in location." if s == "left" else "Dextral in location.",
                    f"It is on the {s}, not the {o}."]
            if p["quad"]:
                opts.append(f"It sits in the {s} upper quadrant.")
        return pick(rng, "side", opts)
    if s == "midline":
        return pick(rng, "side", ["It sits in the midline.", "Midline.", "It is central, straddling the midline.",
                                  "It lies in the middle of the body, neither left nor right.",
                                  "A midline structure."])
    return pick(rng, "side", ["There is one on each side, left and right.",
                              "Bilateral: one on the patient's left and one on the right.",
                              "Both sides are involved, left and right.",
                              "It is paired and bilateral, one either side of the spine."])


VERT = {"anterior": ["It lies toward the front of the abdomen.", "Anteriorly placed.",
                     "It sits in the anterior half of the slice.", "Ventral in position."],
        "posterior": ["It sits towards the back.", "It lies dorsally.",
                      "Posterior in position, in the back half of the slice.", "It lies toward the patient's back."],
        "superior": ["It lies high in the image, toward the head.", "Superiorly placed.",
                     "It sits cranially, in the upper part of the image."],
        "inferior": ["It lies low, toward the feet.", "Inferior in position.",
                     "It sits caudally, in the lower part of the image."]}
CENTRAL = {"LP": ["Front to back it sits at about mid-depth.",
                  "It is neither clearly anterior nor clearly posterior: roughly halfway from front to back."],
           "LI": ["Top to bottom it sits around mid-height.",
                  "It is neither high nor low: roughly mid-height on this image."]}
WRONG_VERT = {"anterior": ["It lies toward the back, dorsally.", "It sits in the posterior half of the slice."],
              "posterior": ["It lies toward the front of the abdomen.", "It sits anteriorly, in the front half."],
              "superior": ["It sits low in the image, toward the feet.", "It is inferiorly placed."],
              "inferior": ["It lies high up, toward the head.", "It is superiorly placed."]}


def vert_true(p, f, rng):
    v = f["vertical"]
    return pick(rng, "vert", VERT[v] if v in VERT else CENTRAL[p["plane"]])


REL = {"left_of": ["to the patient's left of the {o}", "on the left side of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the right side of the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}", "ventral to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "dorsal to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}", "higher than the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}", "lower than the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
MIDLINE_OTHERS = ("aorta", "vertebral body")


def rel_phrase(p, f, rel, rng):
    o, r = rel["other"], rel["relation"]
    opts = [x.format(o=HUMAN.get(o, o)) for x in REL[r]]
    if o == "vertebral body":  # the spine, as writers call it
        opts += [x.format(o=rng.choice(["spine", "lumbar vertebra"])) for x in REL[r]]
    if r == "anterior_to" and o in MIDLINE_OTHERS:
        opts.append(f"just in front of the {rng.choice(['spine', HUMAN.get(o, o)])}")
    if o in MIDLINE_OTHERS and r == f"{f['laterality']}_of":
        opts.append(f"lateral to the {HUMAN.get(o, o)}")
    return rng.choice(opts)


def rel_true(p, f, rng):
    if not f["relations"]:
        return None
    ph = rel_phrase(p, f, rng.choice(f["relations"]), rng)
    return pick(rng, "rel", [f"It lies {ph}.", f"It sits {ph}.", f"You will find it {ph}.",
                             f"Relative to its neighbours, it is {ph}."])


def pct_true(f, style, rng):
    p = f["area_fraction"] * 100
    if style == "words":
        if p < 1:
            opts = ["well under one percent of the image", "less than one percent of the slice"]
            if p < 0.5:
                opts.append("less than half of one percent of the image")
            return rng.choice(opts)
        opts = [f"about {words(round(p))} percent of the image"]
        d = round(100 / p)
        if d >= 2 and abs(100 / d - p) / p < 0.12 and d <= 20:
            opts.append(f"roughly one {'half' if d == 2 else words(d) + 'th'} of the image".replace(
                "threeth", "third").replace("fiveth", "fifth").replace("eightth", "eighth").replace(
                "nineth", "ninth").replace("twelveth", "twelfth").replace("twentyth", "twentieth"))
        return rng.choice(opts)
    if p < 1:
        return rng.choice([f"about {p:.2f}% of the image", "well under 1% of the image",
                           "less than a hundredth of the frame"])
    return rng.choice([f"about {round(p)}% of the image", f"roughly {p:.1f} percent of the slice"])


SIZE = {"small": ["small", "small on this slice", "modest in size"],
        "medium": ["medium-sized", "intermediate in size", "moderate in size"],
        "large": ["large", "one of the biggest structures in view", "sizeable"]}


def size_true(p, f, style, rng):
    c, pc = f["size_class"], pct_true(f, style, rng)
    cls = rng.choice(SIZE[c])
    opts = [f"It is {cls}, covering {pc}.", f"It covers {pc}, so it is {cls}.",
            f"Size: {cls} ({pc}).", f"{pc[0].upper() + pc[1:]}: {cls}."]
    if c == "small" and p["target"] != "liver":
        opts.append(f"It is {cls}, far smaller than the liver, at {pc}.")
    if c == "large":
        opts.append(f"It is {cls}: it alone takes up {pc}.")
    if c == "medium" and p["plane"] == "LP" and p["target"] not in ("aorta", "liver"):
        opts.append(f"At {pc} it is {cls}: smaller than the liver but well bigger than the aorta.")
    frac = f["area_fraction"] * 100
    d = round(100 / frac) if frac else 0
    if style != "words" and 2 <= d <= 40 and abs(100 / d - frac) / frac < 0.12:
        opts.append(f"It covers roughly 1/{d} of the image, which makes it {cls}.")
    return pick(rng, "size", opts)


def count_true(p, f, style, rng):
    n = f["components"]
    if n == 1:
        return pick(rng, "count", ["It is a single connected region.", "One piece, with no second focus.",
                                   "It forms one contiguous area.", "Unifocal.", "A solitary region.",
                                   "There is just one region, not several.", "It is all in one piece."])
    w = words(n) if style != "terse" else str(n)
    extra = ", one for each kidney" if p["target"] == "kidney" else ""
    return pick(rng, "count", [f"There are {w} separate regions{extra}.", f"It is made of {w} discrete foci.",
                               f"Multifocal: {w} separate islands.", f"{w.capitalize()} distinct areas, not one.",
                               f"I count {w} separate components."])


def convention(p, f, rng):
    s = f["laterality"]
    if s in OPP and abs((f.get("centroid_patient") or [1, 1])[0]) >= 0.08:
        return rng.choice([f"On the screen it shows up on the image's {OPP[s]}, because by convention the "
                           f"patient's {s} is displayed on the viewer's {OPP[s]}.",
                           f"Remember that images are viewed as if facing the patient, so the patient's {s} "
                           f"appears on the {OPP[s]} of the picture."])
    return "By radiological convention the patient's left is displayed on the right of the screen."


def negation(p, f, rng):
    s, n, c = f["laterality"], f["components"], f["size_class"]
    opts = ["No second focus is seen." if n == 1 else "It is not a single region.",
            {"small": "It is not large.", "medium": "It is neither tiny nor huge.",
             "large": "It is by no means small."}[c]]
    if s in OPP and abs((f.get("centroid_patient") or [1, 1])[0]) >= 0.08:
        opts += [f"It is not on the {OPP[s]}.", f"It does not cross to the patient's {OPP[s]}."]
    if s == "bilateral":
        opts.append("It is not confined to one side.")
    return rng.choice(opts)


def trap(p, f, style, rng):
    t = rng.choice([lambda: rng.choice(p["kb"]), lambda: convention(p, f, rng), lambda: negation(p, f, rng)])()
    return spell(t) if style == "words" else t


# --- one false claim per defective conversation ------------------------------------------------------

def wrong_claim(p, f, style, rng, defect) -> tuple[str, str]:
    """(statement, user-question form) of one plainly false claim of kind `defect`."""
    s, n, c = f["laterality"], f["components"], f["size_class"]
    if defect == "laterality":
        if s == "bilateral":
            o = rng.choice(["left", "right"])
            return (rng.choice([f"It lies on the patient's {o} side only.", f"It is confined to the {o} side."]),
                    f"Why is it only on the patient's {o} side?")
        if s == "midline":
            o = rng.choice(["left", "right"])
            return (rng.choice([f"It lies well out on the patient's {o}, far from the midline.",
                                f"It is clearly {o}-sided, away from the midline."]),
                    f"Why does it sit so far out on the patient's {o}?")
        o = OPP[s]
        opts = [f"It lies on the patient's {o}.", f"It is {o}-sided.", f"It sits to the {o} of the spine.",
                "Dextral in location." if o == "right" else "Sinistral in location."]
        if p["quad"]:
            opts.append(f"It sits in the {o} upper quadrant.")
        return rng.choice(opts), f"Why is it on the patient's {o} side here?"
    if defect == "position":
        v = f["vertical"]
        if v in WRONG_VERT and (rng.random() < 0.4 or not f["relations"]):
            q = {"anterior": "so far back", "posterior": "so far forward", "superior": "so low down",
                 "inferior": "so high up"}[v]
            return rng.choice(WRONG_VERT[v]), f"Why does it sit {q} in the body?"
        rel = rng.choice(f["relations"])
        ph = rel_phrase(p, {**f, "laterality": "none"}, {"other": rel["other"], "relation": FLIP[rel["relation"]]},
                        rng)
        return rng.choice([f"It lies {ph}.", f"It sits {ph}."]), f"Why does it lie {ph}?"
    if defect == "size":
        if c == "large":
            bad = ["It is tiny on this slice.", "It covers well under 1% of the image.", "A minute structure here."]
            q = "Why is it so tiny here?"
        elif c == "small":
            bad = ["It is huge on this slice.", "It is large, filling roughly a third of the slice.",
                   f"It covers about {rng.choice([25, 30, 35, 40])}% of the image."]
            q = "Why is it so huge on this slice?"
        else:
            bad = ["It is huge, about 40% of the image.", "It is tiny, well under a tenth of a percent of the image."]
            q = rng.choice(["Why is it so huge on this slice?", "Why does it fill most of the image?"])
        b = rng.choice(bad)
        return (spell(b.replace("%", " percent")) if style == "words" else b), q
    # count
    if n == 1:
        b = rng.choice(["It is split into two separate pieces.", "There are three distinct foci.", "It is multifocal."])
        return b, "Why is it broken into two separate pieces?"
    b = rng.choice(["It is one single connected region.", "Unifocal: a solitary region.",
                    f"There are exactly {words(n + 2) if style == 'words' else n + 2} separate foci."])
    return b, "Why is it just one single connected piece?"


def first_question(p, style, rng, defect):
    q = rng.choice(p["q"])
    ask = {"terse": ["Segment it.", "Mask it, please."], "tutor": ["Can you show me where it is?",
                                                                  "Could you outline it for me?"],
           "markdown": ["Please highlight it on the image!", "Could you segment it for me?"],
           "words": ["Please segment it and describe it without using digits.", "Please outline it."]}[style]
    q = f"{q} {rng.choice(ask)}"
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"{q} (Hint: think {g}.)", f"Hint: {g}. {q}", f"{q} I suspect something {g} is going on."])
    return q


FOLLOW = [("Which side is it on?", "side"), ("Why is that so?", "why"), ("Why is it there?", "why"), ("How big is it?", "size"),
          ("Is it one piece?", "count"), ("Where exactly is it relative to its neighbours?", "rel"),
          ("Could you tell me roughly what share of the image it covers, and is that typical?", "size"),
          ("How many separate regions did you mark?", "count"), ("Is it toward the front or the back?", "vert"),
          ("And its position?", "vert")]


def follow_answer(p, f, style, rng, topic):
    facts = {"side": lambda: [side_true(p, f, rng), convention(p, f, rng)],
             "why": lambda: [f"That is {rng.choice(['most likely', 'probably', 'simply'])} where it arose or "
                             "developed; the image itself cannot say more.", rng.choice(p["kb"])],
             "size": lambda: [size_true(p, f, style, rng), negation(p, f, rng)],
             "count": lambda: [count_true(p, f, style, rng)],
             "rel": lambda: [rel_true(p, f, rng) or side_true(p, f, rng), vert_true(p, f, rng)],
             "vert": lambda: [vert_true(p, f, rng)],
             "premise": lambda: [rng.choice(["A single image cannot explain that on its own.",
                                             "That is hard to answer from one slice alone.",
                                             "The image by itself does not tell us why."]), rng.choice(p["kb"])]}[topic]()
    if topic in ("vert", "count") or rng.random() < 0.5:
        facts.append(trap(p, f, style, rng))
    text = " ".join(facts)
    if style == "words":
        text = spell(text)
    if style == "tutor":
        text = rng.choice(["Good question. ", "Let's think it through. ", "Nice follow-up! "]) + text
    if style == "markdown":
        text = "\n".join(f"- {s}" for s in facts) if rng.random() < 0.6 else f"**Short answer:** {text}"
    return text


def first_answer(p, f, style, rng, sents):
    name = name_of(p, f)
    hedge = rng.choice(["", "most likely ", "almost certainly ", "probably "])
    if style == "terse":
        lead = rng.choice([f"{name.capitalize()} {SEG}.", f"Finding: {hedge}{name} {SEG}.",
                           f"Segmented: {name} {SEG}."])
        return " ".join([lead] + sents)
    if style == "tutor":
        lead = rng.choice([f"Great question! This is {hedge}the {name} {SEG}.",
                           f"Let's look together: what you describe is {hedge}the {name} {SEG}."])
        glue = ["Notice that", "Remember:", "A useful point:", "Also,"]
        return " ".join([lead] + [f"{rng.choice(glue)} {s[0].lower() + s[1:]}"
                                  if s.startswith(("It ", "The ")) and rng.random() < 0.35 else s for s in sents])
    if style == "markdown":
        head = rng.choice(["### Answer", "## What you're looking at", "**Short answer**"])
        body = "\n".join(f"- {s}" for s in sents)
        tail = rng.choice(["", "\n\nHope that helps! Let me know if you want more detail.",
                           "\n\n> Tip: always check the orientation marker first."])
        return f"{head}\n\nThat's {hedge}the **{name}** {SEG}\n\n**Key points**\n{body}{tail}"
    lead = rng.choice([f"This is {hedge}the {name} {SEG}.", f"The structure is the {name} {SEG}."])
    return spell(" ".join([lead] + sents))


def build(p, facts, style, rng, defect):
    f = facts
    sents = [side_true(p, f, rng), vert_true(p, f, rng), size_true(p, f, style, rng), count_true(p, f, style, rng)]
    r = rel_true(p, f, rng)
    if r:
        sents.append(r)
    rng.shuffle(sents)
    sents = sents[:rng.randint(3, len(sents))]
    sents.append(trap(p, f, style, rng))
    if rng.random() < 0.5:
        sents.append(trap(p, f, style, rng))
    sents = list(dict.fromkeys(sents))
    rounds = rng.choice([1, 2, 2, 3])
    where = None
    if defect and defect != "names_target":
        u = rng.random()
        where = "user" if u < 0.2 else "first" if u < 0.6 else "follow"
        rounds = max(rounds, 2) if where in ("user", "follow") else rounds
    q1 = first_question(p, style, rng, defect)
    bad, bad_q = wrong_claim(p, f, style, rng, defect) if where else (None, None)
    if where == "first":
        sents.insert(rng.randrange(len(sents) + 1), bad)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": first_answer(p, f, style, rng, sents)}]
    topics = rng.sample(FOLLOW, k=rounds - 1)
    bad_round = rng.randrange(rounds - 1) if where in ("user", "follow") else -1
    for k, (fq, topic) in enumerate(topics):
        if topic == "vert" and p["plane"] == "LI":
            fq = rng.choice(["Is it high or low in the image?", "How far up or down does it sit?"])
        if k == bad_round and where == "user":
            fq, topic = bad_q, "premise"
        ans = follow_answer(p, f, style, rng, topic)
        if k == bad_round and where == "follow":
            ans = f"{bad} {ans}" if style != "markdown" else f"- {bad}\n{ans}"
        turns += [{"role": "user", "content": fq}, {"role": "assistant", "content": ans}]
    return turns, ([defect] if defect else [])
