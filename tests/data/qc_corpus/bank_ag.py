"""Bank AG: other modalities (frontal chest X-ray, breast ultrasound, endoscopy, dermoscopy), written blind.

Helper `qcag` wrote this bank without reading any QC rule, any other bank or any corpus row. Targets:
left lung, right lung, both lungs, heart, left and right clavicle and a pleural effusion (a label the
knowledge base lacks) on a PA chest radiograph stored as a coronal image ("LI": columns run to the
patient's left, rows to inferior, so the patient's right is on the picture's left and `vertical` is
superior/inferior); a breast lesion on ultrasound, one to three polyps on endoscopy and a skin lesion on
dermoscopy, all three with no patient axes (orientation None: laterality "unknown", `vertical`
upper/lower of the picture), so only size, count and names_target defects are planted on them.

Facts are the product's own measurement (`compute_facts`) of synthetic ellipse masks, and the prose is
written from those facts. Styles: "teaching" (a tutor reading an X-ray with the PA convention and the
heart's silhouette), "structured" (a key: value or JSON-like block and one sentence of commentary),
"chatty" (emoji and exclamation marks) and "words" (every number spelled out, fractions like "about a
tenth of the picture"). Clean traps: the picture's left/right/top for photos with no patient side,
sentences about the image (its pixel size, blur, rulers), the display convention, negations, other
structures' sides and sizes, population numbers, hedges, short follow-ups.

first measure (commit 78aab08, rules at eb0f504): 153 of 210 planted defects caught (72.9%; laterality 33/42,
position 19/42, size 26/42, count 33/42, names_target 42/42), 8 of 210 clean conversations flagged (3.8%);
wrong flags anywhere: size 19, position 12, laterality 4, count 3. After that, re-reading this module (not
the misses) found one arguably false clean phrase: the heart called "the white shadow in the middle" while its
mask is measured left; it became "between the lungs, lying mostly to the patient's left of the midline". Same
measure after the fix: 153/210 caught, 8/210 clean flagged, identical per kind.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["teaching", "structured", "chatty", "words"]
CXR = "cxr"

PROFILES = [
    dict(target="right lung", mod=CXR, name="the right lung", noun="lung",
         q=["Which air-filled organ with three lobes, on the patient's right, should I outline on this frontal chest film?",
            "A smoker is short of breath. On this PA chest X-ray, can you segment the organ on the patient's right that exchanges oxygen for carbon dioxide?",
            "Where is the spongy organ that fills most of the right side of the chest on this radiograph? Please mark it."],
         give=["the right lung", "the right lung field", "the pulmonary parenchyma on the right", "the right lungs' outline"],
         fn="It is where oxygen passes into the blood."),
    dict(target="left lung", mod=CXR, name="the left lung", noun="lung",
         q=["Which air-filled organ with only two lobes, on the patient's left, should I outline on this frontal chest film?",
            "On this PA chest X-ray, can you segment the organ on the patient's left that shares its space with the heart's apex?",
            "A patient has crackles at the left base. Which breathing organ on that side of the chest is it? Please mark it."],
         give=["the left lung", "the left lung field", "the pulmonary tissue on the left", "the left pulmo-field"],
         fn="It is where oxygen passes into the blood."),
    dict(target="lung", mod=CXR, name="the lungs", noun="lungs",
         q=["Which paired, air-filled organs take up most of this frontal chest radiograph? Please outline both of them.",
            "A patient with a long cough had this PA chest film. Can you segment the two organs that exchange oxygen for carbon dioxide?",
            "On this chest X-ray, where are the spongy breathing organs on either side of the mediastinum? Please mark them."],
         give=["the lungs", "both lung fields", "the pulmonary parenchyma", "the lung"],
         fn="They are where oxygen passes into the blood."),
    dict(target="heart", mod=CXR, name="the heart", noun="heart",
         q=["Which muscular organ that pumps blood around the body casts the white shadow between the lungs on this chest film? Please segment it.",
            "A patient has swollen ankles and breathlessness. On this PA X-ray, can you outline the pump whose size we judge against the chest's width?",
            "Which organ beats about seventy times a minute, and where is it on this radiograph? Please mark it."],
         give=["the heart", "the cardiac silhouette", "the cardiac shadow", "the enlarged heart (cardiomegaly)"],
         fn="It pumps blood through the lungs and the body."),
    dict(target="right clavicle", mod=CXR, name="the right clavicle", noun="bone",
         q=["Which S-shaped bone joining the shoulder to the breastbone on the patient's right should I outline on this chest film?",
            "A cyclist fell onto an outstretched hand and has pain over the front of the right shoulder. Which bone at the top of this PA X-ray is it? Please segment it.",
            "Can you mark the long horizontal bone crossing the top of the chest on the patient's right?"],
         give=["the right clavicle", "the right collarbone", "the clavicular shaft on the right", "the right collar bone"],
         fn="It acts as a strut holding the shoulder away from the chest."),
    dict(target="left clavicle", mod=CXR, name="the left clavicle", noun="bone",
         q=["Which S-shaped bone joining the shoulder to the breastbone on the patient's left should I outline on this chest film?",
            "A rugby player landed on the left shoulder and has a tender bump at the front. Which bone at the top of this PA X-ray is it? Please segment it.",
            "Can you mark the long horizontal bone crossing the top of the chest on the patient's left?"],
         give=["the left clavicle", "the left collarbone", "the clavicular shaft on the left", "the left collar bone"],
         fn="It acts as a strut holding the shoulder away from the chest."),
    dict(target="pleural effusion", mod=CXR, name="the effusion", noun="collection",
         q=["Which fluid collection is blunting the angle at one lung base on this PA chest film? Please outline it.",
            "A patient with heart failure is more breathless. Can you segment the abnormal fluid with a meniscus at the bottom of one side of this chest X-ray?",
            "What is the dense area with a curved upper edge near one hemidiaphragm here? Please mark it."],
         give=["the pleural effusion", "the effusion", "the fluid in the pleural space", "the pleural fluid"],
         fn="It is fluid between the two layers that line the chest wall and the lung."),
    dict(target="breast lesion", mod="US", name="the lesion", noun="lesion",
         q=["A woman felt a lump in her breast. On this ultrasound image, can you segment the dark, oval area with fairly smooth edges?",
            "Which abnormal hypoechoic area should be measured on this ultrasound picture? Please outline it.",
            "On this breast ultrasound, where is the finding that a radiologist would give a BI-RADS category to? Please mark it."],
         give=["the breast mass", "the nodule", "the breast lesion", "the fibroadenoma"],
         fn="It is an area that looks different from the normal glandular tissue around it."),
    dict(target="polyp", mod="endoscopy", name="the polyp", noun="growth",
         q=["During this colonoscopy, which growth or growths bulging from the bowel lining should be marked for removal? Please segment what you find.",
            "On this endoscopy picture, can you outline the raised, pinkish bump (or bumps) sticking out of the colon wall?",
            "A screening colonoscopy frame: what protrudes into the lumen here? Please mark it."],
         give=["the polyp", "the polyps", "the adenoma", "the colonic polyp"],
         fn="It is a growth of the bowel lining that can turn malignant over years."),
    dict(target="skin lesion", mod="dermoscopy", name="the lesion", noun="spot",
         q=["A patient says this brown spot on the back has changed over the summer. On this dermoscopy photo, can you segment it?",
            "Which dark patch should I outline on this dermoscopic picture before applying the ABCDE checklist?",
            "On this close-up skin photo, where is the spot the patient is worried about? Please mark it."],
         give=["the mole", "the pigmented lesion", "the naevus", "the melanoma"],
         fn="It is a patch of skin whose colour and border we judge for change."),
]

SIZES = {CXR: (512, 512), "US": (420, 560), "endoscopy": (480, 600), "dermoscopy": (450, 600)}


def record_for(p: dict) -> dict:
    if p["mod"] == CXR:
        return {"modality": "XR", "body_region": "thorax", "orientation": "LI"}
    region = {"US": "breast", "endoscopy": "colon", "dermoscopy": "skin"}[p["mod"]]
    return {"modality": {"US": "US", "endoscopy": "endoscopy", "dermoscopy": "dermoscopy"}[p["mod"]],
            "body_region": region, "orientation": None}


def _ellipse(m: np.ndarray, cx: float, cy: float, rx: float, ry: float) -> None:
    h, w = m.shape
    yy, xx = np.mgrid[0:h, 0:w]
    m |= ((xx - cx * w) / (rx * w)) ** 2 + ((yy - cy * h) / (ry * h)) ** 2 <= 1.0


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the mask where the structure is on such an image and let the product measure it."""
    from medseg_qa.facts import compute_facts

    h, w = SIZES[p["mod"]]
    m = np.zeros((h, w), bool)
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    heart = (0.59 + j(0.02), 0.63 + j(0.02))
    others: dict = {}
    t = p["target"]
    if t in ("right lung", "lung"):
        _ellipse(m, 0.30 + j(0.02), 0.46 + j(0.03), 0.15 + j(0.02), 0.27 + j(0.02))
    if t in ("left lung", "lung"):
        _ellipse(m, 0.71 + j(0.02), 0.47 + j(0.03), 0.14 + j(0.02), 0.26 + j(0.02))
    if t == "right lung":
        others = {"heart": heart, "right clavicle": (0.33, 0.18), "trachea": (0.5, 0.2)}
    elif t == "left lung":
        others = {"heart": heart, "left clavicle": (0.67, 0.18), "trachea": (0.5, 0.2)}
    elif t == "lung":
        others = {"trachea": (0.5, 0.18), "stomach bubble": (0.68, 0.82)}
    elif t == "heart":
        scale = rng.choice([0.8, 1.0, 1.25])
        _ellipse(m, heart[0], heart[1], 0.15 * scale, 0.13 * scale)
        others = {"trachea": (0.5, 0.2), "right lung": (0.3, 0.46), "left clavicle": (0.67, 0.18)}
    elif t in ("right clavicle", "left clavicle"):
        cx = 0.33 + j(0.02) if t.startswith("right") else 0.67 + j(0.02)
        _ellipse(m, cx, 0.18 + j(0.02), 0.14 + j(0.02), 0.016)
        others = {"heart": heart, "trachea": (0.5, 0.2), ("left lung" if t.startswith("left") else "right lung"):
                  (0.71, 0.47) if t.startswith("left") else (0.30, 0.46)}
    elif t == "pleural effusion":
        cx = rng.choice([0.27, 0.73]) + j(0.02)
        _ellipse(m, cx, 0.70 + j(0.02), 0.12 + j(0.03), 0.05 + j(0.02))
        others = {"heart": heart, "trachea": (0.5, 0.2)}
    elif t == "breast lesion":
        n = 2 if rng.random() < 0.15 else 1
        for k in range(n):
            _ellipse(m, rng.uniform(0.25, 0.75) if n == 1 else (0.3 if k == 0 else 0.7), rng.uniform(0.3, 0.65),
                     rng.uniform(0.04, 0.12), rng.uniform(0.03, 0.09))
    elif t == "polyp":
        n = rng.choice([1, 1, 2, 3])
        xs = rng.sample([0.2, 0.5, 0.8], n)
        for x in xs:
            _ellipse(m, x + j(0.04), rng.uniform(0.3, 0.7), rng.uniform(0.04, 0.11), rng.uniform(0.05, 0.13))
    elif t == "skin lesion":
        _ellipse(m, rng.uniform(0.38, 0.62), rng.uniform(0.38, 0.62), rng.uniform(0.15, 0.3), rng.uniform(0.15, 0.3))
        if rng.random() < 0.15:
            _ellipse(m, 0.88, 0.85, 0.03, 0.03)
    orient = record_for(p)["orientation"]
    return compute_facts(m, orient, others=others or None).model_dump(mode="json")


def pick_profile(profiles: list[dict], i: int, defect, rng: random.Random) -> dict:
    cxr = [p for p in profiles if p["mod"] == CXR]
    photo = [p for p in profiles if p["mod"] != CXR]
    if defect in ("laterality", "position"):
        return rng.choice(cxr)
    return rng.choice(photo) if rng.random() < 0.4 else rng.choice(cxr)


# -- numbers ---------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    return words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + words(n % 1000))


_FRACTIONS = [(0.5, "a half"), (1 / 3, "a third"), (0.25, "a quarter"), (0.2, "a fifth"), (1 / 6, "a sixth"),
              (1 / 8, "an eighth"), (0.1, "a tenth"), (1 / 20, "a twentieth"), (1 / 50, "a fiftieth"),
              (0.01, "a hundredth")]


def fraction_words(frac: float) -> str:
    for v, name in _FRACTIONS:
        if abs(frac - v) <= 0.12 * v:
            return f"about {name} of the picture"
    pct = round(frac * 100)
    if pct < 1:
        return "less than one percent of the picture"
    return f"about {words(pct)} percent of the picture"


def pct_text(frac: float, style: str) -> str:
    if style == "words":
        return fraction_words(frac)
    pct = frac * 100
    return f"about {pct:.1f}% of the image" if pct < 10 else f"about {round(pct)}% of the image"


def cls_of(frac: float) -> str:
    """The size class the product gives an image fraction when no body outline is found."""
    return "small" if frac < 0.01 else "medium" if frac < 0.05 else "large"


def wrong_frac(frac: float) -> float:
    return frac * 6 + 0.1 if frac < 0.05 else max(frac / 8, 0.004)


# -- fact sentences ----------------------------------------------------------------------------------

IMG = {"left": "right", "right": "left"}  # patient side -> side of a PA picture


def side_sent(side: str, style: str, rng: random.Random, subj: str) -> str:
    if side == "bilateral":
        return rng.choice([f"The outline occupies both sides of the chest, the patient's right and left.",
                           "The mask is bilateral, one part on each side of the mediastinum.",
                           f"The mask is on both the left and the right of the patient."])
    if style == "teaching":
        return rng.choice([f"{subj} lies on the patient's {side}, which on a PA film is the {IMG[side]} side of the picture.",
                           f"Remember the convention: we view the patient as if they face us, so {subj.lower()} on the patient's {side} appears on the {IMG[side]} of the screen.",
                           f"So {subj.lower()} sits in the patient's {side} hemithorax."])
    if style == "chatty":
        return rng.choice([f"It's on the patient's {side} side! 👈👉 (Yes, that shows up on the {IMG[side]} of the picture, X-rays are sneaky like that 😅)",
                           f"Side-wise: patient's {side}! ✅",
                           f"{subj} is sitting on the {side} side of the patient 🙂"])
    return rng.choice([f"{subj} is on the patient's {side}.",
                       f"It lies on the {side} side of the patient's chest.",
                       f"{subj} sits in the {side} half of the patient's thorax."])


def vert_phrase(vertical: str, rng: random.Random) -> str:
    return rng.choice({"superior": ["high in the chest, up toward the neck", "in the upper part of the chest",
                                    "toward the top of the thorax"],
                       "inferior": ["low in the chest, down toward the diaphragm", "in the lower part of the chest",
                                    "toward the bases, near the diaphragm"],
                       "central": ["at about mid-chest height", "neither high nor low, around the middle of the chest"]}[vertical])


def rel_phrase(rel: dict) -> str:
    o = rel["other"]
    return {"superior_to": f"above the {o}", "inferior_to": f"below the {o}",
            "left_of": f"to the patient's left of the {o}", "right_of": f"to the patient's right of the {o}"}[rel["relation"]]


SIZE_WORD = {"small": ["small", "fairly small", "modest in size"], "medium": ["medium-sized", "moderate in size", "mid-sized"],
             "large": ["large", "big", "sizeable"]}


def size_sent(cls: str, frac: float, style: str, rng: random.Random, subj: str, with_pct: bool) -> str:
    w = rng.choice(SIZE_WORD[cls])
    pct = pct_text(frac, style)
    if style == "chatty":
        return rng.choice([f"Size check: it's {w}! 📏" + (f" Roughly {pct[6:]}." if with_pct else ""),
                           f"{subj} looks {w} on this picture 👀" + (f" (covers {pct})" if with_pct else "")])
    if with_pct:
        return rng.choice([f"{subj} is {w}, covering {pct}.", f"In size it is {w}: it takes up {pct}.",
                           f"It covers {pct}, so I would call it {w}."])
    return rng.choice([f"{subj} is {w}.", f"Its size is {w} for this image.", f"I would describe it as {w}."])


def count_sent(n: int, style: str, rng: random.Random) -> str:
    if n == 1:
        return rng.choice(["The mask is a single connected region.", "It forms one continuous piece.",
                           "There is just one region in the mask."])
    num = words(n) if style == "words" or rng.random() < 0.5 else str(n)
    return rng.choice([f"The mask has {num} separate regions.", f"It comes in {num} separate pieces.",
                       f"There are {num} distinct, unconnected parts."])


def picture_sent(f: dict, style: str, rng: random.Random) -> str:
    """True sentences about where the mask is on the picture, for photos without patient axes."""
    nx, _ = f["centroid_normalized"]
    horiz = "toward the left of the picture" if nx < 0.4 else "toward the right of the picture" if nx > 0.6 else "near the middle of the frame horizontally"
    vert = {"upper": "in the upper part of the image", "lower": "in the lower part of the image",
            "central": "about halfway down the image"}.get(f["vertical"], "")
    return rng.choice([f"On the screen it sits {horiz}.", f"It lies {vert}, {horiz}." if vert else f"It lies {horiz}.",
                       f"Looking at the picture, you will find it {horiz}."])


def image_sent(f: dict, p: dict, style: str, rng: random.Random) -> str:
    w, h = f["width"], f["height"]
    dims = f"{words(w)} by {words(h)} pixels" if style == "words" else f"{w} x {h} pixels"
    opts = [f"The image itself is {dims}.", "The picture is slightly blurred at its edges, which is normal for this kind of image."]
    if p["mod"] == CXR:
        opts += ["The film is well penetrated: you can just see the spine through the heart.",
                 "The side marker at the top of the image confirms the orientation."]
    elif p["mod"] == "dermoscopy":
        opts += ["The dark corners of the photo are the rim of the dermatoscope, not part of the skin."]
    elif p["mod"] == "US":
        opts += ["The skin line is the bright band along the top of the picture."]
    else:
        opts += ["The bright white spots are light reflections from the scope, not tissue."]
    return rng.choice(opts)


KB = {CXR: ["On a PA film the right hemidiaphragm usually sits a little higher than the left, because the liver lies beneath it.",
            "The trachea runs down the middle above the heart and divides into two main bronchi.",
            "In adults, a cardiothoracic ratio above one half on a PA film is taken to suggest an enlarged heart.",
            "The gastric air bubble lies under the left hemidiaphragm.",
            "The right lung has three lobes and the left lung two."],
      "US": ["BI-RADS category three findings carry a risk of malignancy of two percent or less.",
             "Simple cysts are anechoic with bright enhancement behind them."],
      "endoscopy": ["Most polyps under a centimetre are benign.", "Adenomas are found in roughly a quarter to a third of screening colonoscopies in people over fifty."],
      "dermoscopy": ["The ABCDE rule looks at asymmetry, border, colour, a diameter over six millimetres and evolution.",
                     "Most people have between ten and forty such spots on their body."]}
KB_WORDS = {CXR: [KB[CXR][0], KB[CXR][1], "In adults, a heart wider than half the chest on a PA film is taken to suggest enlargement.", KB[CXR][3],
                  "The right lung has three lobes and the left lung has two."],
            "US": ["Findings in the probably benign category carry a risk of malignancy of two percent or less.", KB["US"][1]],
            "endoscopy": ["Most polyps under one centimetre are benign.", "Adenomas turn up in roughly a quarter to a third of screening colonoscopies in people over fifty."],
            "dermoscopy": ["The ABCDE rule looks at asymmetry, border, colour, a diameter over six millimetres and evolution.",
                           "Most people have between ten and forty such spots on their body."]}


def kb_sent(p: dict, style: str, rng: random.Random) -> str:
    return rng.choice((KB_WORDS if style == "words" else KB)[p["mod"]])


def negation(p: dict, f: dict, rng: random.Random) -> str:
    opts = []
    if f["components"] == 1:
        opts.append(rng.choice(["There is no second, separate focus.", "I see no other separate piece of it."]))
    if f["laterality"] in ("left", "right"):
        other = "left" if f["laterality"] == "right" else "right"
        opts.append(f"It is not centred on the patient's {other} side.")
    if f["size_class"] != "large":
        opts.append("It is not a large structure on this image.")
    if p["mod"] != CXR:
        opts.append(rng.choice(["A photo like this has no patient left or right, only the picture's left and right.",
                                "I cannot tell the patient's side from this picture alone, so I won't guess."]))
    return rng.choice(opts) if opts else "Nothing else is highlighted."


# -- defects ----------------------------------------------------------------------------------------

def false_value(kind: str, p: dict, f: dict, rng: random.Random):
    if kind == "laterality":
        s = f["laterality"]
        return ("side", {"left": "right", "right": "left"}.get(s) or rng.choice(["left", "right"]))
    if kind == "position":
        v = f["vertical"]
        vrels = [r for r in f["relations"] if r["relation"] in ("superior_to", "inferior_to")]
        if v in ("superior", "inferior") and (rng.random() < 0.6 or not vrels):
            return ("vert", "inferior" if v == "superior" else "superior")
        r = dict(rng.choice(vrels))
        r["relation"] = "inferior_to" if r["relation"] == "superior_to" else "superior_to"
        return ("rel", r)
    if kind == "size":
        if rng.random() < 0.5:
            return ("pct", wrong_frac(f["area_fraction"]))
        c = f["size_class"]
        return ("cls", "small" if c == "large" or (c == "medium" and f["area_fraction"] >= 0.03) else "large")
    if kind == "count":
        n = f["components"]
        return ("count", rng.choice([2, 3]) if n == 1 else 1)
    return None


def render_fact(key: str, val, p: dict, f: dict, style: str, rng: random.Random, subj: str) -> str:
    if key == "side":
        return side_sent(val, style, rng, subj)
    if key == "vert":
        return rng.choice([f"{subj} lies {vert_phrase(val, rng)}.", f"Vertically, it is {vert_phrase(val, rng)}."])
    if key == "rel":
        return rng.choice([f"Its centre lies {rel_phrase(val)}.", f"{subj} sits {rel_phrase(val)}."])
    if key == "pct":
        return size_sent(cls_of(val), val, style, rng, subj, True)
    if key == "cls":
        return size_sent(val, f["area_fraction"], style, rng, subj, False)
    if key == "count":
        return count_sent(val, style, rng)
    raise ValueError(key)


def true_facts(p: dict, f: dict) -> list[tuple[str, object]]:
    out = []
    if p["mod"] == CXR:
        out.append(("side", f["laterality"]))
        if f["vertical"] in ("superior", "inferior", "central"):
            out.append(("vert", f["vertical"]))
        out += [("rel", r) for r in f["relations"]]
    out.append(("pct", f["area_fraction"]))
    out.append(("count", f["components"]))
    return out


def user_false(key: str, val, p: dict, rng: random.Random) -> str:
    n = p["name"]
    if key == "side":
        return rng.choice([f"Why is {n} on the patient's {val} side here?", f"So {n} is on the {val} of the patient, why?"])
    if key == "vert":
        where = "so high up, near the neck" if val == "superior" else "so low, down by the diaphragm"
        return f"Why does {n} sit {where} on this film?"
    if key == "rel":
        return f"Why is {n} {rel_phrase(val)} in this patient?"
    if key in ("pct", "cls"):
        big = (val == "large") if key == "cls" else cls_of(val) == "large"
        return rng.choice([f"Why does {n} look so {'big' if big else 'tiny'} on this picture?",
                           f"Is it normal that {n} is so {'large' if big else 'small'} here?"])
    return rng.choice(["Why is it split into separate pieces?" if val > 1 else "Why is it all one joined piece?"])


NEUTRAL = ["Appearances on a single picture can mislead: projection, magnification and positioning all play a part, so I would compare with an earlier study.",
           "That is worth checking against the full study and any earlier images before drawing conclusions.",
           "Good question. A single view cannot settle that on its own, so a comparison image helps."]


# -- styles -----------------------------------------------------------------------------------------

def opener(p: dict, style: str, rng: random.Random) -> str:
    n = p["name"]
    if style == "teaching":
        lead = ("Let's read this film step by step. On a PA chest radiograph the beam passes from back to front, and we look at the "
                "image as if the patient were facing us, so the patient's right is on the left of the picture. The heart's silhouette "
                "is the white shadow between the lungs, lying mostly to the patient's left of the midline." if p["mod"] == CXR else
                "Let's read this picture step by step. Unlike a chest film, this image has no fixed patient left or right, so we "
                "describe what we see in terms of the picture itself.")
        return f"{lead} Outlined here, {n}: {SEG}."
    if style == "chatty":
        return rng.choice([f"Great question! 😊 Here you go, {n}: {SEG}!", f"Sure thing! 🎉 I've outlined {n} for you: {SEG}",
                           f"Ooh, fun one! 🩻 Found it, that's {n}: {SEG}!"])
    return rng.choice([f"This is {n}, shown here: {SEG}.", f"Segmentation of {n}: {SEG}.", f"{n[0].upper() + n[1:]} is outlined: {SEG}."])


def structured(p: dict, f: dict, items: list[tuple[str, object]], rng: random.Random, seg: bool) -> str:
    kv = []
    if seg:
        kv.append(("segmentation", SEG))
        kv.append(("structure", p["target"]))
        if p["mod"] == CXR:
            kv.append(("view", "PA, patient's right shown on the picture's left"))
        else:
            kv.append(("patient_side", "not defined for this picture"))
    rels = [v for k, v in items if k == "rel"]
    items = [t for t in items if t[0] != "rel"] + ([("rels", rels)] if rels else [])
    for key, val in items:
        if key == "side":
            kv.append(("side", "both (left and right)" if val == "bilateral" else f"patient's {val}"))
        elif key == "vert":
            kv.append(("height", vert_phrase(val, rng)))
        elif key == "rels":
            kv.append(("relations", "; ".join(rel_phrase(r) for r in val)))
        elif key == "pct":
            cls = cls_of(val)
            kv.append(("size", f"{cls}, {pct_text(val, 'structured')[6:]}"))
        elif key == "cls":
            kv.append(("size", val))
        elif key == "count":
            kv.append(("regions", str(val)))
    if rng.random() < 0.5:
        body = "\n".join(f"{k}: {v}" for k, v in kv)
    else:
        body = "{\n" + ",\n".join(f'  "{k}": "{v}"' for k, v in kv) + "\n}"
    return body


def compose(p: dict, f: dict, style: str, rng: random.Random, items: list, extra: list[str], seg: bool) -> str:
    subj = subject(p)
    if style == "structured":
        body = structured(p, f, items, rng, seg)
        comment = rng.choice(extra) if extra else "Everything else looks as expected."
        return f"{body}\n\nComment: {comment}" if rng.random() < 0.5 else f"{body}\n\n{comment}"
    sents = [render_fact(k, v, p, f, style, rng, subj) for k, v in items] + extra
    body = " ".join(sents)
    if seg:
        body = opener(p, style, rng) + " " + body
    if style == "chatty" and rng.random() < 0.6:
        body += rng.choice([" Hope that helps! 🙌", " Let me know if you want more! 💡", " Happy reading! 📚"])
    if style == "words":
        body = body.replace("%", " percent")
    return body


def followups(p: dict, f: dict) -> list[tuple[str, str]]:
    """(question, fact key) pairs the follow-up answer must address."""
    qs = [("How big is it?", "pct"), ("How many separate regions are there?", "count"),
          ("Is it one piece or several?", "count"), ("What does it do?", "fn"), ("Why does that matter?", "why")]
    if p["mod"] == CXR:
        qs += [("Which side is it on?", "side"), ("Is it high or low in the chest?", "vert"),
               ("Where is it relative to its neighbours?", "rel")]
    else:
        qs += [("Which side is it on?", "noside"), ("Where on the picture is it?", "pic")]
    return qs


def subject(p: dict) -> str:
    """The sentence subject: the name, or "The mask" for a plural name (the frames are singular)."""
    return "The mask" if p["name"].endswith("s") else p["name"][0].upper() + p["name"][1:]


def answer_follow(key: str, p: dict, f: dict, style: str, rng: random.Random, false=None) -> str:
    subj = subject(p)
    if false is not None:
        items = [false]
    elif key == "fn":
        return p["fn"] + " " + kb_sent(p, style, rng)
    elif key == "why":
        return rng.choice(["Because the report and any treatment decision depend on it, and a later study will be compared with this one.",
                           "It matters because change over time is what we look for, so a clear baseline helps."])
    elif key == "noside":
        return rng.choice(["This picture has no patient left or right marked, so I can only describe it on the image. " + picture_sent(f, style, rng),
                           "There is no way to tell the patient's side from a close-up like this. " + picture_sent(f, style, rng)])
    elif key == "pic":
        return picture_sent(f, style, rng)
    elif key == "rel":
        if not f["relations"]:
            return "I would rather not place it against other structures on this picture."
        items = [("rel", rng.choice(f["relations"]))]
    elif key == "vert":
        items = [("vert", f["vertical"])]
    else:
        items = [t for t in true_facts(p, f) if t[0] == key][:1]
    extra = [rng.choice(["That is my best reading of this image.", "That seems clear on this picture.", "I am fairly confident about that."])]
    if style == "structured":
        return structured(p, f, items, rng, False) + "\n\n" + extra[0]
    s = " ".join(render_fact(k, v, p, f, style, rng, subj) for k, v in items) + " " + extra[0]
    if style == "chatty":
        s = rng.choice(["Sure! ", "Good one! ", "Yep! "]) + s + " 👍"
    if style == "words":
        s = s.replace("%", " percent")
    return s


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    if p["mod"] != CXR and f["components"] > 1:  # several regions: the answers speak in the plural
        p = dict(p, name={"polyp": "the polyps"}.get(p["target"], "the lesions"))
    facts = true_facts(p, f)
    fq = followups(p, f)
    where = "first"
    fv = None
    if defect == "names_target":
        q1 = rng.choice([f"Can you segment {rng.choice(p['give'])} on this image?",
                         f"{rng.choice(p['q'])} I think it is {rng.choice(p['give'])}.",
                         f"Please outline {rng.choice(p['give'])} here. Where is it?"])
    else:
        q1 = rng.choice(p["q"])
    if defect in ("laterality", "position", "size", "count"):
        fv = false_value(defect, p, f, rng)
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.45 else "first"
    # first answer: some true facts (never the one being falsified there), traps
    keys_false = {"laterality": "side", "position": ("vert", "rel"), "size": ("pct", "cls"), "count": "count"}.get(defect, ())
    rels = [t for t in facts if t[0] == "rel"]
    chosen = [t for t in facts if t[0] != "rel" and rng.random() < 0.75] + rng.sample(rels, min(len(rels), rng.choice([0, 1, 2])))
    if defect and defect != "names_target":
        chosen = [t for t in chosen if t[0] not in keys_false and not (fv[0] in ("pct", "cls") and t[0] in ("pct", "cls"))]
    if not chosen:
        chosen = [t for t in facts if t[0] not in keys_false][:1] or [("count", f["components"])]
    rng.shuffle(chosen)
    if where == "first" and fv is not None:
        chosen.insert(rng.randrange(len(chosen) + 1), fv)
    extra = []
    if p["mod"] != CXR:
        extra.append(picture_sent(f, style, rng))
    extra += rng.sample([negation(p, f, rng), image_sent(f, p, style, rng), kb_sent(p, style, rng)], k=2)
    if rng.random() < 0.4:
        extra.append(p["fn"])
    if style == "teaching" and rng.random() < 0.5:
        extra.append(rng.choice(["Always compare both sides before deciding something is abnormal.",
                                 "A second view or an earlier study is the best way to confirm a finding."]))
    rng.shuffle(extra)
    a1 = compose(p, f, style, rng, chosen, extra, True)
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    n_rounds = 1 + (rng.random() < 0.75) + (rng.random() < 0.35)
    if where in ("user", "follow"):
        n_rounds = max(n_rounds, 2)
    defect_round = rng.randrange(2, n_rounds + 1) if where in ("user", "follow") else None
    used = set()
    for rnd in range(2, n_rounds + 1):
        if rnd == defect_round and where == "user":
            q = user_false(fv[0], fv[1], p, rng)
            a = rng.choice(NEUTRAL)
        elif rnd == defect_round:
            key = {"side": "side", "vert": "vert", "rel": "rel", "pct": "pct", "cls": "pct", "count": "count"}[fv[0]]
            q = next(qq for qq, k in fq if k == key)
            a = answer_follow(key, p, f, style, rng, false=fv)
        else:
            pool = [(qq, k) for qq, k in fq if qq not in used and not (defect and k in (keys_false if isinstance(keys_false, tuple) else (keys_false,)))
                    and not (fv and fv[0] in ("pct", "cls") and k == "pct")]
            q, key = rng.choice(pool)
            used.add(q)
            a = answer_follow(key, p, f, style, rng)
        if style == "chatty" and rng.random() < 0.3:
            q = q.rstrip("?") + "?? 🤔"
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return turns, ([defect] if defect else [])
