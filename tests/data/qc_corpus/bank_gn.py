"""Bank GN: obstetric and gynaecological imaging (transvaginal/transabdominal ultrasound, pelvic MR, staging CT).

Written blind (helper `qcgn`), without opening the QC rules, their tests or any other bank's rows. Targets: uterus,
endometrium, fibroids, ovaries (sided, paired), follicles, ovarian cysts, adnexal masses, ectopic pregnancy,
gestational and yolk sacs, placenta, cervix, fetal head and kidneys, hydrosalpinx, free fluid, peritoneal deposits,
caesarean scar niche. Registers: a sonographer's worksheet, an obstetrician counselling a pregnant patient, a
gynae-oncology MDT summary, an LLM assistant answering a midwifery student. Prose carries gestational ages, mm
measurements, hCG, O-RADS/FIGO scores, doses and the other ovary's findings; clean rows carry true negations,
corrected premises, corrected slips, hypotheticals and general knowledge with numbers and sides.

Every claim about the target is written from the facts measured by `compute_facts` and logged in `LEDGER`
(one list per built row); the writer's own reader (notes/qcgn_scripts/check_gn.py) re-verifies them:
rows 420, clean 210 (80 with a user premise the assistant corrects, 7 with a corrected slip), defects laterality 42 /
position 42 / size 42 / count 42 / names_target 42; defects sit in first answer 61, follow-up answer 53, uncorrected
user premise 54 (+42 named questions); 27 profiles over 26 targets; problems: 0.
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

LEDGER: list[list[dict]] = []
SIZE = 256

# u: offset toward the patient's left, v: toward anterior (axial) or superior (coronal), in image widths
PROFILES = [
    {"target": "uterus", "mod": "US", "ori": "LP", "pieces": [(0.0, 0.02, 44, 32)], "n": (1, 1), "side": "mid",
     "names": ["uterus", "uterine", "womb"], "noun": ("uterus", "uteri"), "grp": "uterus",
     "clue": ["the muscular organ that will carry the pregnancy", "the hollow organ whose lining sheds each month"],
     "story": ["the place where the baby will grow", "the organ my periods come from"],
     "others": {"urinary bladder": (0.0, 0.3), "rectum": (0.0, -0.32)}},
    {"target": "uterus", "mod": "MR", "ori": "LI", "pieces": [(0.0, 0.05, 40, 46)], "n": (1, 1), "side": "mid",
     "names": ["uterus", "uterine", "womb"], "noun": ("uterus", "uteri"), "grp": "uterus",
     "clue": ["the pear-shaped muscular organ of the female pelvis", "the organ whose junctional zone we assess for adenomyosis"],
     "story": ["the place where a baby would grow", "the organ my heavy periods come from"],
     "others": {"urinary bladder": (0.0, -0.28), "cervix": (0.0, -0.22)}},
    {"target": "endometrium", "mod": "US", "ori": "LP", "pieces": [(0.0, 0.0, 24, 7)], "n": (1, 1), "side": "mid",
     "names": ["endometri", "lining"], "noun": ("stripe", "stripes"), "grp": "endo",
     "clue": ["the echogenic layer that thickens in the proliferative phase and sheds at menstruation",
              "the inner layer we measure double-thickness in postmenopausal bleeding"],
     "story": ["the part that bleeds when I have a period", "the bit that the implant settles into"],
     "others": {"urinary bladder": (0.0, 0.3)}},
    {"target": "uterine fibroids", "mod": "MR", "ori": "LP", "pieces": "fibroids", "n": (2, 4), "side": "any",
     "names": ["fibroid", "leiomyoma", "myoma"], "noun": ("fibroid", "fibroids"), "grp": "fibroid",
     "clue": ["the well-circumscribed T2-dark smooth-muscle growths that explain her menorrhagia",
              "the benign whorled masses in the myometrium that cause her heavy bleeding"],
     "story": ["the cause of my heavy, flooding periods", "the lumps the GP felt in my tummy"],
     "others": {"urinary bladder": (0.0, 0.34)}},
    {"target": "subserosal fibroid", "mod": "MR", "ori": "LI", "pieces": [(0.2, 0.15, 24, 22)], "n": (1, 1),
     "side": "either", "names": ["fibroid", "leiomyoma", "myoma", "subserosal"], "noun": ("fibroid", "fibroids"),
     "grp": "fibroid", "clue": ["the pedunculated smooth-muscle growth on the outer surface of the womb, FIGO type 7"],
     "story": ["the lump on the outside of my womb"], "others": {"uterus": (0.0, 0.02)}},
    {"target": "left ovary", "mod": "US", "ori": "LP", "pieces": [(0.22, -0.02, 13, 10)], "n": (1, 1), "side": "left",
     "names": ["ovary", "ovaries", "ovarian"], "noun": ("ovary", "ovaries"), "grp": "ovary",
     "clue": ["the almond-shaped gland that releases eggs and makes oestrogen, the one that hurts today",
              "the paired gonad whose follicles we count for antral follicle count"],
     "story": ["the place my eggs come from", "the thing that makes my hormones"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "right ovary", "mod": "US", "ori": "RP", "pieces": [(-0.22, 0.0, 12, 10)], "n": (1, 1), "side": "right",
     "names": ["ovary", "ovaries", "ovarian"], "noun": ("ovary", "ovaries"), "grp": "ovary",
     "clue": ["the gonad beside the internal iliac vessels that ovulates", "the egg-producing gland that is most often implicated in torsion"],
     "story": ["the place the egg was released from this month"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "ovaries", "mod": "MR", "ori": "LI", "pieces": [(0.22, 0.05, 13, 10), (-0.22, 0.04, 12, 10)], "n": (2, 2),
     "side": "both", "names": ["ovary", "ovaries", "ovarian"], "noun": ("ovary", "ovaries"), "grp": "ovary",
     "clue": ["the paired glands with many peripheral follicles in suspected PCOS", "the paired gonads that make oestrogen"],
     "story": ["the glands the PCOS diagnosis is about"], "others": {"uterus": (0.0, 0.05)}},
    {"target": "left ovarian follicles", "mod": "US", "ori": "LP", "pieces": "follicles", "n": (3, 5), "side": "left",
     "names": ["follicle"], "noun": ("follicle", "follicles"), "grp": "follicle",
     "clue": ["the fluid-filled pockets on the stimulated gland that we track before the trigger injection"],
     "story": ["the things that are growing with the IVF injections"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "right ovarian cyst", "mod": "US", "ori": "LP", "pieces": [(-0.23, -0.03, 22, 20)], "n": (1, 1),
     "side": "right", "names": ["cyst"], "noun": ("cyst", "cysts"), "grp": "cyst",
     "clue": ["the unilocular anechoic lesion with posterior acoustic enhancement", "the thin-walled fluid-filled lesion on the egg-producing gland"],
     "story": ["the fluid bubble that the scan found", "the thing they said might have burst"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "left ovarian dermoid cyst", "mod": "MR", "ori": "LP", "pieces": [(0.24, 0.02, 24, 22)], "n": (1, 1),
     "side": "left", "names": ["dermoid", "teratoma", "cyst"], "noun": ("lesion", "lesions"), "grp": "cyst",
     "clue": ["the fat-containing lesion that drops signal on fat-saturated images, with a Rokitansky nodule"],
     "story": ["the growth with hair and fat inside it"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "right ovarian endometrioma", "mod": "MR", "ori": "LI", "pieces": [(-0.24, 0.06, 21, 19)], "n": (1, 1),
     "side": "right", "names": ["endometrioma", "chocolate"], "noun": ("lesion", "lesions"), "grp": "cyst",
     "clue": ["the T1-bright, T2-shading lesion typical of endometriosis"],
     "story": ["the old-blood lesion behind my painful periods"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "adnexal mass", "mod": "MR", "ori": "LP", "pieces": [(0.26, 0.0, 38, 34)], "n": (1, 1), "side": "either",
     "names": ["adnexal mass", "mass"], "noun": ("lesion", "lesions"), "grp": "mass",
     "clue": ["the solid-cystic lesion with enhancing papillary projections that raises her CA-125",
              "the complex lesion next to the womb that we are scoring with O-RADS MRI"],
     "story": ["the lump that they are worried about"], "others": {"uterus": (0.0, 0.05)}},
    {"target": "bilateral adnexal masses", "mod": "CT", "ori": "LP", "pieces": [(0.25, 0.02, 30, 26), (-0.24, 0.0, 28, 26)],
     "n": (2, 2), "side": "both", "names": ["adnexal mass", "masses"], "noun": ("lesion", "lesions"), "grp": "mass",
     "clue": ["the complex solid-cystic lesions arising from the adnexa in this woman with CA-125 of 890"],
     "story": ["the growths they found on the staging scan"], "others": {"uterus": (0.0, 0.05)}},
    {"target": "tubal ectopic pregnancy", "mod": "US", "ori": "LP", "pieces": [(0.22, 0.0, 10, 9)], "n": (1, 1),
     "side": "either", "names": ["ectopic"], "noun": ("lesion", "lesions"), "grp": "ectopic",
     "clue": ["the reason for her positive test with an empty cavity: the 'bagel sign' next to the egg-producing gland"],
     "story": ["the pregnancy that is in the wrong place"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "gestational sac", "mod": "US", "ori": "LP", "pieces": [(0.0, 0.0, 16, 14)], "n": (1, 1), "side": "mid",
     "names": ["gestational sac", "sac"], "noun": ("sac", "sacs"), "grp": "sac",
     "clue": ["the first sonographic sign of an intrauterine pregnancy, the fluid ring with a double decidual reaction"],
     "story": ["the first sign the pregnancy is in the right place"], "others": {"urinary bladder": (0.0, 0.3)}},
    {"target": "yolk sac", "mod": "US", "ori": "LP", "pieces": [(0.01, 0.02, 6, 6)], "n": (1, 1), "side": "mid",
     "names": ["yolk"], "noun": ("ring", "rings"), "grp": "yolk",
     "clue": ["the ring that nourishes the embryo before the placenta takes over, visible from about 5.5 weeks"],
     "story": ["the thing feeding the baby at this stage"], "others": {"urinary bladder": (0.0, 0.3)}},
    {"target": "placenta", "mod": "US", "ori": "LP", "pieces": "placenta", "n": (1, 1), "side": "mid",
     "names": ["placent", "afterbirth"], "noun": ("organ", "organs"), "grp": "placenta",
     "clue": ["the organ that exchanges oxygen and nutrients with the fetus and is delivered in the third stage"],
     "story": ["the organ that keeps my baby supplied", "the organ feeding the baby through the cord"],
     "others": {"fetal spine": (0.1, 0.0)}},
    {"target": "low-lying placenta", "mod": "MR", "ori": "LI", "pieces": [(0.0, -0.22, 44, 16)], "n": (1, 1), "side": "mid",
     "names": ["placent", "praevia", "previa"], "noun": ("organ", "organs"), "grp": "placenta",
     "clue": ["the organ whose edge near the internal os is the reason we advised no intercourse and an elective section discussion"],
     "story": ["the cause of the bleeding at 28 weeks"], "others": {"fetal head": (0.0, 0.18)}},
    {"target": "fetal head", "mod": "US", "ori": "LP", "pieces": [(0.04, 0.05, 50, 42)], "n": (1, 1), "side": "mid",
     "names": ["head", "skull", "cranium"], "noun": ("part", "parts"), "grp": "fetal",
     "clue": ["the part we measure for BPD and HC when dating the pregnancy"],
     "story": ["the part they measure to see how the baby is growing"], "others": {"placenta": (0.0, 0.3)}},
    {"target": "fetal kidneys", "mod": "US", "ori": "LP", "pieces": [(0.1, -0.05, 9, 12), (-0.1, -0.05, 9, 12)],
     "n": (2, 2), "side": "both", "names": ["kidney", "renal"], "noun": ("kidney", "kidneys"), "grp": "fetal",
     "clue": ["the paired paraspinal organs whose pelvis we measure for pyelectasis at the anomaly scan"],
     "story": ["the organs they checked for the mild dilatation"], "others": {"fetal spine": (0.0, -0.12)}},
    {"target": "cervix", "mod": "MR", "ori": "LI", "pieces": [(0.0, -0.25, 14, 18)], "n": (1, 1), "side": "mid",
     "names": ["cervix", "cervical"], "noun": ("structure", "structures"), "grp": "cervix",
     "clue": ["the neck of the womb whose stromal ring we assess for parametrial invasion",
              "the canal whose length predicts preterm birth"],
     "story": ["the part that opens in labour"], "others": {"uterus": (0.0, 0.05)}},
    {"target": "nabothian cysts", "mod": "US", "ori": "LP", "pieces": "naboth", "n": (2, 4), "side": "any",
     "names": ["nabothian", "cyst"], "noun": ("retention cyst", "retention cysts"), "grp": "cyst",
     "clue": ["the harmless mucus-retention lesions in the neck of the womb"], "story": ["the bubbles in the neck of my womb"],
     "others": {"urinary bladder": (0.0, 0.3)}},
    {"target": "left hydrosalpinx", "mod": "MR", "ori": "LP", "pieces": "tube", "n": (1, 2), "side": "left",
     "names": ["hydrosalpin", "salping"], "noun": ("segment", "segments"), "grp": "tube",
     "clue": ["the fluid-distended, sausage-shaped tube with incomplete septa after her pelvic infection"],
     "story": ["the blocked tube they blame for the infertility"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "pouch of Douglas free fluid", "mod": "US", "ori": "LP", "pieces": [(0.0, -0.26, 26, 12)], "n": (1, 1),
     "side": "mid", "names": ["douglas", "free fluid", "rectouterine"], "noun": ("collection", "collections"), "grp": "fluid",
     "clue": ["the fluid that collects in the most dependent recess of the pelvis after a cyst ruptures"],
     "story": ["the fluid they said might be blood"], "others": {"uterus": (0.0, 0.0)}},
    {"target": "peritoneal deposits", "mod": "CT", "ori": "LP", "pieces": "deposits", "n": (3, 5), "side": "any",
     "names": ["peritoneal", "deposit", "omental", "metasta"], "noun": ("deposit", "deposits"), "grp": "onc",
     "clue": ["the tumour seedlings on the serosal surfaces that move her into FIGO stage III"],
     "story": ["the spread they said was on the lining of my tummy"], "others": {"uterus": (0.0, 0.05)}},
    {"target": "caesarean scar niche", "mod": "US", "ori": "LP", "pieces": [(0.0, 0.12, 7, 5)], "n": (1, 1), "side": "mid",
     "names": ["niche", "isthmocele", "scar"], "noun": ("defect", "defects"), "grp": "niche",
     "clue": ["the fluid-filled indentation in the lower segment myometrium left by her previous section"],
     "story": ["the dent from my last operation that causes spotting"], "others": {"urinary bladder": (0.0, 0.25)}},
]

PLURAL = ("uterine fibroids", "ovaries", "left ovarian follicles", "bilateral adnexal masses", "fetal kidneys",
          "nabothian cysts", "peritoneal deposits")
KINDS = ["laterality", "position", "size", "count", "names_target"]
STYLES = ["worksheet", "counsel", "mdt", "student"]


def record_for(p):
    return {"modality": p["mod"], "body_region": "pelvis", "orientation": p["ori"]}


def _to_image(u, v, ori):
    x = 0.5 + u if ori[0] == "L" else 0.5 - u
    y = 0.5 - v if ori[1] in "PI" else 0.5 + v
    return x, y


def _ellipse(m, cx, cy, rx, ry, ang):
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    c, s = np.cos(ang), np.sin(ang)
    dx, dy = xx - cx, yy - cy
    m |= ((dx * c + dy * s) / rx) ** 2 + ((-dx * s + dy * c) / ry) ** 2 <= 1.0


def _pieces(p, rng):
    spec = p["pieces"]
    if not isinstance(spec, str):
        out = []
        for u, v, rx, ry in spec:
            if p["side"] == "either" and len(spec) == 1 and rng.random() < 0.5:
                u = -u
            out.append((u + rng.uniform(-0.02, 0.02), v + rng.uniform(-0.03, 0.03), rx * rng.uniform(0.8, 1.2),
                        ry * rng.uniform(0.8, 1.2)))
        return out
    n = rng.randint(*p["n"])
    if spec == "fibroids":
        slots = [(-0.2, 0.1), (0.2, 0.08), (0.0, 0.22), (0.05, -0.15), (-0.12, -0.12), (0.16, -0.1)]
        rng.shuffle(slots)
        return [(u, v, rng.uniform(10, 24), rng.uniform(10, 22)) for u, v in slots[:n]]
    if spec == "follicles":
        slots = [(0.18, 0.05), (0.26, 0.04), (0.2, -0.05), (0.29, -0.06), (0.23, 0.13)]
        rng.shuffle(slots)
        return [(u, v, rng.uniform(5, 8), rng.uniform(5, 8)) for u, v in slots[:n]]
    if spec == "naboth":
        slots = [(-0.06, 0.0), (0.06, 0.02), (0.0, -0.08), (0.12, -0.06), (-0.13, 0.07)]
        rng.shuffle(slots)
        return [(u, v, rng.uniform(4, 7), rng.uniform(4, 7)) for u, v in slots[:n]]
    if spec == "deposits":
        slots = [(-0.3, 0.2), (0.3, 0.18), (-0.25, -0.2), (0.28, -0.22), (0.0, 0.3), (0.1, -0.32)]
        rng.shuffle(slots)
        return [(u, v, rng.uniform(6, 14), rng.uniform(5, 11)) for u, v in slots[:n]]
    if spec == "tube":
        u0 = 0.24
        if n == 1:
            return [(u0, 0.0, 30, 8)]
        return [(u0 - 0.05, 0.05, 14, 7), (u0 + 0.06, -0.06, 14, 7)]
    if spec == "placenta":
        v = rng.choice([0.3, -0.3, 0.01])
        return [(rng.uniform(-0.05, 0.05), v, 70, 18)]
    raise ValueError(spec)


def facts_for(p, rng):
    m = np.zeros((SIZE, SIZE), bool)
    for u, v, rx, ry in _pieces(p, rng):
        x, y = _to_image(u, v, p["ori"])
        _ellipse(m, x * (SIZE - 1), y * (SIZE - 1), rx, ry, rng.uniform(-0.5, 0.5))
    others = {}
    for name, (u, v) in sorted(p["others"].items()):
        x, y = _to_image(u + rng.uniform(-0.02, 0.02), v + rng.uniform(-0.02, 0.02), p["ori"])
        others[name] = (x, y)
    return compute_facts(m, p["ori"], others).model_dump(mode="json")


# -- phrasing ------------------------------------------------------------------------------------------

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_RELOPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def side_ph(v, style, rng, n=None):
    if style == "worksheet":
        return rng.choice({"left": ["Side: L", "Side: left", "Lat: Lt"], "right": ["Side: R", "Side: right", "Lat: Rt"],
                           "midline": ["Side: midline", "Lat: midline"],
                           "bilateral": ["Side: bilateral", "Lat: bilat"]}[v])
    return rng.choice({
        "left": ["It lies on the patient's left.", "It is on her left side.", "This sits in the left side of the pelvis.",
                 "It is left-sided."],
        "right": ["It lies on the patient's right.", "It is on her right side.", "This sits in the right side of the pelvis.",
                  "It is right-sided."],
        "midline": ["It sits in the midline.", "It is central, in the midline.", "It lies midline, not off to one side."],
        "bilateral": ["It is bilateral, with tissue on both sides of the midline.", "It is present on both sides.",
                      "This is a bilateral finding, left and right."],
    }[v])


def vert_ph(v, style, rng):
    if style == "worksheet":
        return rng.choice([f"Position: {v}", f"Pos: {v}" if v != "central" else "Pos: central (AP)"])
    return rng.choice({
        "anterior": ["It lies anteriorly, toward the front of the pelvis.", "Its position is anterior on this slice."],
        "posterior": ["It lies posteriorly, toward the back.", "Its position is posterior on this slice."],
        "superior": ["It sits superiorly on this coronal image.", "It lies high, toward the upper part of this slice."],
        "inferior": ["It sits inferiorly on this coronal image.", "It lies low, toward the bottom of this slice."],
        "central": ["It sits centrally on this slice.", "Its position is central on the slice."],
    }[v])


def rel_ph(rel, other, style, rng):
    words = {"left_of": ["to the left of", "left of"], "right_of": ["to the right of", "right of"],
             "anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
             "superior_to": ["superior to", "above"], "inferior_to": ["inferior to", "below"]}[rel]
    w = rng.choice(words)
    if style == "worksheet":
        return f"Rel: {w} {other}"
    return rng.choice([f"It lies {w} the {other}.", f"It sits {w} the {other}.", f"On this slice it is {w} the {other}."])


def size_ph(v, style, rng):
    if style == "worksheet":
        return f"Size class: {v}"
    return rng.choice({
        "small": ["On this image it is small.", "It is a small structure on this slice."],
        "medium": ["It is medium-sized on this slice.", "On this image it is of medium size."],
        "large": ["On this image it is large.", "It is a large structure on this slice."],
    }[v])


def pct_fmt(x):
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def pct_ph(x, style, rng):
    s = pct_fmt(x)
    if style == "worksheet":
        return f"Area: ~{s}% of image"
    return rng.choice([f"It covers about {s}% of the image.", f"It takes up roughly {s}% of the frame.",
                       f"The outline fills around {s}% of the picture."])


def count_ph(n, p, style, rng):
    sing, plur = p["noun"]
    if style == "worksheet":
        return f"No. of components: {n}"
    if n == 1:
        return rng.choice(["It is a single connected region.", f"There is just one {sing} outlined, in one piece.",
                           "It is one contiguous piece."])
    w = NUM.get(n, str(n))
    return rng.choice([f"There are {w} separate {plur} outlined.", f"The outline has {w} separate pieces.",
                       f"I count {w} separate {plur}."])


def premise_ph(kind, v, p, rng):
    """A user's passing premise about the target (true or false)."""
    if kind == "side":
        w = {"left": "on the left", "right": "on the right", "midline": "in the midline", "bilateral": "on both sides"}[v]
        return rng.choice([f"Since it's {w}, ", f"Given it sits {w}, ", f"OK, so it's {w}. "])
    if kind == "vertical":
        return rng.choice([f"Since it's {v} on this slice, ", f"Given the position is {v}, "])
    if kind == "relation":
        rel, other = v
        w = rel.replace("_of", "").replace("_to", "").replace("anterior", "in front of").replace("posterior", "behind")
        w = {"left": "to the left of", "right": "to the right of", "superior": "above", "inferior": "below"}.get(w, w)
        return rng.choice([f"Since it sits {w} the {other}, ", f"OK, it's {w} the {other}. "])
    if kind == "size":
        return rng.choice([f"Since it's {v} on the image, ", f"Given that it looks {v} here, "])
    if kind == "percent":
        return f"If it fills about {pct_fmt(v)}% of the image, "
    if kind == "count":
        sing, plur = p["noun"]
        return (f"With only one {sing} there, " if v == 1 else f"With {NUM.get(v, v)} separate {plur} there, ")
    raise ValueError(kind)


KNOW = {
    "uterus": ["An anteverted uterus is the commonest position; roughly 20% of women have a retroverted one.",
               "A normal nulliparous uterus measures about 70-80 mm long; parity adds 10-20 mm."],
    "endo": ["In postmenopausal bleeding a double-layer thickness of 4 mm or less is reassuring.",
             "In the secretory phase 7-16 mm is normal, so day 21 numbers differ from day 8 numbers."],
    "fibroid": ["FIGO type 2 means under 50% of the fibroid protrudes into the cavity; type 0 is pedunculated intracavitary.",
                "About 70% of women have fibroids by 50, most never needing treatment."],
    "ovary": ["Torsion is commoner on the right, roughly 60% of cases, perhaps because the sigmoid colon occupies the left.",
              "A premenopausal ovary is usually under 10 mL; postmenopausal ones shrink to 2-3 mL."],
    "follicle": ["Trigger is usually given when two or three leading follicles reach 17-18 mm.",
                 "An antral follicle count under 5 per ovary suggests low reserve."],
    "cyst": ["A simple cyst under 50 mm in a premenopausal woman is O-RADS 2 and needs no follow-up.",
             "O-RADS US 3 carries a malignancy risk of 1% to under 10%."],
    "mass": ["O-RADS MRI 4 means an intermediate risk, around 50%, of malignancy.",
             "An RMI above 200 (ultrasound score x menopausal score x CA-125) prompts referral to a cancer centre."],
    "ectopic": ["About 95% of ectopics are tubal, most in the ampulla; the right tube is slightly more often affected.",
                "Methotrexate 50 mg/m2 is an option if hCG is below 5000 IU/L and there is no heartbeat."],
    "sac": ["A mean sac diameter of 25 mm with no embryo meets the criteria for miscarriage.",
            "The sac usually appears at about 4.5-5 weeks, when hCG is over 1500-2000 IU/L."],
    "yolk": ["A yolk sac larger than 7 mm is associated with a poorer outcome.",
             "The embryo should be seen by the time the mean sac diameter reaches 25 mm."],
    "placenta": ["If the edge is within 20 mm of the internal os at 20 weeks, we rescan at 32 weeks.",
                 "After two previous sections with a low anterior placenta the accreta risk is around 40%."],
    "fetal": ["At 20 weeks the BPD is about 47 mm and the HC about 175 mm.",
              "Renal pelvis AP diameter over 7 mm in the third trimester is worth a postnatal scan."],
    "cervix": ["A cervical length under 25 mm before 24 weeks counts as short.",
               "Stage IB1 cervical cancer is under 2 cm; parametrial spread makes it stage IIB."],
    "tube": ["Hydrosalpinx roughly halves IVF success rates, so salpingectomy is often offered first.",
             "A normal tube is 3-4 mm wide and not usually seen on ultrasound."],
    "fluid": ["Up to about 10 mL of fluid is normal mid-cycle, after ovulation.",
              "Echogenic fluid reaching the hepatorenal pouch suggests a significant haemoperitoneum."],
    "onc": ["A peritoneal cancer index over 20 makes complete cytoreduction less likely.",
            "FIGO IIIC means peritoneal deposits over 2 cm beyond the pelvis."],
    "niche": ["A residual myometrial thickness under 3 mm over a niche is considered thin.",
              "About 60% of women scanned after a caesarean have some niche."],
}

CLUES_Q = {
    "worksheet": ["{exam} worksheet, {ctx}. Outline {clue}.", "Sonographer here, {ctx}: please segment {clue}.",
                  "Worksheet entry, {ctx}. Identify {clue} and mark it."],
    "counsel": ["Doctor, you mentioned {story}. {ctx2} Can you show me which part of the picture that is?",
                "I'm {ga} weeks pregnant and nervous. Which part of this scan shows {story}?"],
    "mdt": ["MDT case, {ctx}. Please delineate {clue} on the staging images.",
            "For Thursday's gynae-onc MDT ({ctx}): identify and outline {clue}."],
    "student": ["I'm a second-year midwifery student. On this image, can you find {clue}? Could you highlight it?",
                "Revising for placement, {ctx}. Can you point out {clue} and explain what I'm seeing?"],
}
OB = ("sac", "yolk", "placenta", "fetal", "ectopic")
CTX = {"early": ["LMP 7+2 weeks, hCG 2,340 IU/L", "LMP 6+4 weeks, PV spotting", "hCG 1,980 IU/L, LMP 6 weeks ago"],
       "ob": ["G2P1, 20+4 weeks anomaly scan", "32+0 weeks growth scan", "G3P2, two previous sections, 28+1 weeks"],
       "gyn": ["age 34, day 9 of cycle", "IVF day 8 of stimulation, 225 IU FSH", "age 27, pelvic pain for 3 days",
               "age 39, menorrhagia, Hb 94 g/L", "post-coital bleeding, age 44"],
       "onc": ["age 61, CA-125 412 U/mL", "age 58, RMI 640", "age 66, postmenopausal bleeding, ET 11 mm"]}


def _ctx_kind(p):
    return "early" if p["grp"] in ("sac", "yolk", "ectopic") else "ob" if p["grp"] in OB else "onc" if p["grp"] in ("mass", "onc", "cervix") else "gyn"


def first_question(p, style, rng, names_target):
    tpl = rng.choice(CLUES_Q[style])
    ctx = rng.choice(CTX[_ctx_kind(p)])
    ga = rng.choice([6, 7]) if _ctx_kind(p) == "early" else rng.choice([20, 28, 32])
    exam = {"US": rng.choice(["TVS", "TAS"]), "MR": "MR pelvis", "CT": "CT CAP"}[p["mod"]]
    if _ctx_kind(p) not in ("ob", "early"):
        tpl = tpl.replace("I'm {ga} weeks pregnant and nervous.", "I've been so anxious since the scan.")
    if p["grp"] in OB:
        tpl = tpl.replace("gynae-onc MDT", "fetal medicine MDT").replace("on the staging images", "on these images")
    elif _ctx_kind(p) == "gyn":
        tpl = tpl.replace("gynae-onc MDT", "benign gynae MDT").replace("on the staging images", "on these images")
    if names_target:
        name = p["target"]
        q = rng.choice({
            "worksheet": [f"{exam} worksheet, {ctx}. Segment the {name}.", f"Please outline the {name} ({ctx})."],
            "counsel": [f"Doctor, I'm worried. Can you show me the {name} on this picture?",
                        f"Where exactly is the {name} on my scan?"],
            "mdt": [f"MDT case, {ctx}: please delineate the {name}.", f"For the MDT ({ctx}) outline the {name}."],
            "student": [f"I'm a midwifery student. Can you highlight the {name} on this image and explain it?",
                        f"Where is the {name} here? I'm a student midwife ({ctx})."],
        }[style])
        return q
    return tpl.format(clue=rng.choice(p["clue"]), story=rng.choice(p["story"]), ctx=ctx,
                      ctx2=rng.choice(["It's a bit scary.", "The sonographer went quiet.", ""]), ga=ga, exam=exam).replace("  ", " ")


def display(p):
    t = p["target"]
    return "the " + t


FOLLOW_Q = {
    "side": {"worksheet": ["Which side for the report?", "What goes in the laterality field?"],
             "counsel": ["Which side of me is it on?", "Is it on one side or the other?"],
             "mdt": ["Laterality, for the staging proforma?", "Which side is involved?"],
             "student": ["How do I tell which side it's on?", "Which side of the patient is it?"]},
    "where": {"worksheet": ["Position on the image, please?", "Where does it sit relative to landmarks?"],
              "counsel": ["Where is it compared with the other things in there?", "Is it at the front or the back?"],
              "mdt": ["Relations to adjacent structures?", "Where does it lie on this slice?"],
              "student": ["Where does it sit in relation to the other organs?", "How would I describe its position?"]},
    "size": {"worksheet": ["Size class for the worksheet?", "How big on this image?"],
             "counsel": ["Is it big, or nothing much?", "How large is it on the picture?"],
             "mdt": ["Volume of disease on this slice?", "How much of the image does it occupy?"],
             "student": ["How big is it on this image?", "Is that a big or small area?"]},
    "count": {"worksheet": ["How many separate areas?", "Number of components for the sheet?"],
              "counsel": ["Is there just one, or more than one?", "How many of them are there?"],
              "mdt": ["How many discrete lesions are outlined?", "Could you give me the count, please?"],
              "student": ["How many separate pieces did you outline?", "Is it one piece or several?"]},
    "know": {"worksheet": ["Any reference values I should note?", "Anything to flag for the report?"],
             "counsel": ["What happens next for me?", "Should I be worried about it?"],
             "mdt": ["Any thresholds that change management?", "Key points for the outcome?"],
             "student": ["What numbers should I remember about this?", "Anything clinically important to know?"]},
}

OPENERS = {
    "worksheet": ["Target: {name} [SEG].", "Segmented: {name} [SEG]."],
    "counsel": ["That's {name}, shown here [SEG].", "What you're looking at is {name} [SEG]."],
    "mdt": ["Finding: {name}, delineated [SEG].", "The structure in question is {name} [SEG]."],
    "student": ["Great question! The structure is {name} [SEG].", "You're looking for {name} [SEG]."],
}
EXTRA = {
    "worksheet": {"early": ["CRL 6.1 mm, FH+ 118 bpm.", "Corpus luteum: {oside} ovary, 18 mm.", "Probe: 7.5 MHz TV.", "No free fluid."],
                  "ob": ["EFW 1,640 g (48th centile).", "AFI 14 cm.", "Probe: 3.5 MHz curvilinear.", "FHR 142 bpm."],
                  "gyn": ["Other ovary: {oside}, 28 x 19 x 21 mm, normal follicles.", "Doppler: RI 0.62, PI 1.1.",
                          "ET 7 mm trilaminar.", "Probe: 7.5 MHz TV."],
                  "onc": ["Other ovary: {oside}, 24 x 20 x 18 mm, atrophic.", "ET 11 mm, irregular.", "Ascites: moderate.",
                          "Doppler: colour score 4."]},
    "counsel": {"early": ["Your hCG was 2,340, which fits about five or six weeks.", "I'll go through it slowly.",
                          "None of this is anything you did."],
                "ob": ["The heartbeat we saw was 156 beats a minute, which is normal.", "Baby is measuring right on your dates.",
                       "I'll go through it slowly."],
                "gyn": ["Nothing here needs doing today.", "I'll go through it slowly.", "We can talk about treatment options after."],
                "onc": ["I'll go through it slowly.", "The team will meet on Thursday to plan the next steps."]},
    "mdt": {"early": ["Serum hCG 2,340 IU/L, rising 66% in 48 h.", "Haemodynamically stable, Hb 128 g/L."],
            "ob": ["EFW 48th centile; Dopplers normal.", "Previous LSCS x2."],
            "gyn": ["Other ovary: {oside}, 24 mm, no solid component.", "O-RADS US score 3.", "AMH 14 pmol/L."],
            "onc": ["CA-125 412 U/mL; CEA normal; RMI 1236.", "O-RADS MRI score 4.", "Omentum: no cake seen on this slice.",
                    "Other ovary: {oside}, 22 mm, no solid component."]},
    "student": {"early": ["Remember the 'rule of 2s' for hCG doubling, about 48 hours.", "Tip: always log the probe orientation."],
                "ob": ["Midwives often meet this on a booking scan at 11-14 weeks.", "Good practice is to measure three times."],
                "gyn": ["Tip: always log the probe orientation before measuring.", "Good practice is to measure in three planes."],
                "onc": ["You'll mostly meet this in clinic, not on the labour ward.", "Tip: CA-125 is also raised in endometriosis."]},
}
HYPO = {"early": ["If the hCG plateaus, we repeat the scan in 48 hours.", "If she bleeds heavily, she should come straight back."],
        "ob": ["If she bleeds again, we admit her.", "If the growth drops below the 10th centile, we add Dopplers."],
        "gyn": ["If it were on the other side, the differential would still be the same.",
                "Had it been twice the size, I would have suggested an MR."],
        "onc": ["If the CA-125 falls after three cycles, interval surgery becomes an option.",
                "Had it been twice the size, I would have suggested an MR."]}


def _classify(kind):
    return {"side": "laterality", "vertical": "position", "relation": "position", "size": "size", "percent": "size",
            "count": "count"}[kind]


class _Conv:
    def __init__(self):
        self.turns, self.claims, self.pending = [], [], []

    def c(self, kind, value, text, corrected=False, true=True):
        self.pending.append({"kind": kind, "value": value, "text": text, "corrected": corrected, "true": true})
        return text

    def say(self, role, content):
        for c in self.pending:
            assert c["text"] in content, (c, content)
            c["turn"], c["role"] = len(self.turns), role
        self.claims += self.pending
        self.pending = []
        self.turns.append({"role": role, "content": content})


def _true_values(facts):
    vals = {"side": facts["laterality"], "vertical": facts["vertical"], "size": facts["size_class"],
            "percent": round(facts["area_fraction"] * 100, 2), "count": facts["components"]}
    rels = [(r["relation"], r["other"]) for r in facts["relations"]]
    return vals, rels


def _false(kind, v, rng, ori="LP"):
    if kind == "side":
        if v in ("left", "right"):
            return rng.choice([_OPP[v], _OPP[v], "bilateral"])
        if v == "midline":
            return rng.choice(["left", "right"])
        return rng.choice(["left", "right"])
    if kind == "vertical":
        if v == "central":
            return rng.choice(["anterior", "posterior"] if ori[1] in "AP" else ["superior", "inferior"])
        return _OPP[v]
    if kind == "size":
        return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[v]
    if kind == "percent":
        return round(v * 4 + 9, 1) if v < 15 else round(v / 4, 1)
    if kind == "count":
        return v + 1 if v == 1 or rng.random() < 0.5 else v - 1
    raise ValueError(kind)


def build(p, facts, style, rng, defect):
    conv = _Conv()
    vals, rels = _true_values(facts)
    lat_rels = [r for r in rels if r[0] in ("left_of", "right_of")]
    vert_rels = [r for r in rels if r[0] not in ("left_of", "right_of")]
    where = None if defect in (None, "names_target") else rng.choice(["first", "follow", "premise"])
    # the kinds this row may state truly
    allowed = {"side", "vertical", "relation", "size", "percent", "count"}
    fkind = fval = None
    if defect == "laterality":
        allowed -= {"side"}
        lat_rels = []
        fkind = "side"
    elif defect == "position":
        allowed -= {"vertical", "relation"}
        if vert_rels and rng.random() < 0.5:
            fkind = "relation"
            r = rng.choice(vert_rels)
            fval = (_RELOPP[r[0]], r[1])
        else:
            fkind = "vertical"
    elif defect == "size":
        allowed -= {"size", "percent"}
        fkind = rng.choice(["size", "percent"])
    elif defect == "count":
        allowed -= {"count"}
        fkind = "count"
    if fkind and fval is None:
        fval = _false(fkind, vals[fkind], rng, p["ori"])
    rels_ok = (lat_rels + vert_rels) if "relation" in allowed else []

    plural = p["target"] in PLURAL
    seen = set()

    def subj(t):
        if plural and style != "worksheet":
            t = t.replace("It is a small structure", "This is a small area").replace("It is a large structure", "This is a large area")
            t = t.replace("Its position is", "The position is").replace("It is ", "The outlined tissue is ")
            t = t.replace("It lies ", "The outlined tissue lies ").replace("It sits ", "The outlined tissue sits ")
            t = t.replace("It covers ", "Together it covers ").replace("It takes up ", "Together it takes up ")
            t = t.replace("On this image it is", "On this image the outlined tissue is").replace("on this slice it is ", "on this slice the tissue is ")
        return t

    def true_claim(kind):
        if kind == "relation":
            r = rng.choice(rels_ok)
            return conv.c("relation", r, phrase("relation", r))
        return conv.c(kind, vals[kind], phrase(kind, vals[kind]))

    def phrase(kind, v):
        for _ in range(6):
            t = subj(_phrase(kind, v))
            if t not in seen:
                break
        seen.add(t)
        return t

    def _phrase(kind, v):
        if kind == "side":
            return side_ph(v, style, rng)
        if kind == "vertical":
            return vert_ph(v, style, rng)
        if kind == "relation":
            return rel_ph(v[0], v[1], style, rng)
        if kind == "size":
            return size_ph(v, style, rng)
        if kind == "percent":
            return pct_ph(v, style, rng)
        return count_ph(v, p, style, rng)

    def avail(kinds):
        return [k for k in kinds if k in allowed and (k != "relation" or rels_ok)]

    sep = "\n" if style == "worksheet" else " "
    bullets = style == "student" and rng.random() < 0.5

    def join(parts):
        parts = [x for x in parts if x]
        if bullets and len(parts) > 1:
            return parts[0] + "\n\n" + "\n".join("- " + x for x in parts[1:])
        return sep.join(parts)

    oside = {"left": "right", "right": "left"}.get(vals["side"])

    def extra():
        sided = p["grp"] in ("ovary", "cyst", "mass", "ectopic", "tube", "follicle") and p["target"] != "nabothian cysts"
        opts = [e for e in EXTRA[style][_ctx_kind(p)] if not (e.startswith("CRL") and p["grp"] == "ectopic") and "{oside}" not in e or (oside and sided and "side" in allowed)]
        e = rng.choice(opts)
        e = e.format(oside=oside) if "{oside}" in e else e
        if e in seen:
            return None
        seen.add(e)
        return e

    know_left = list(KNOW[p["grp"]])
    rng.shuffle(know_left)

    def know():
        return know_left.pop() if know_left else rng.choice(["Happy to go through any of it again.",
                                                               "That's the key point for now."])

    def negation():
        v = vals["side"]
        if "side" not in allowed:
            return None
        if v in ("left", "right"):
            return conv.c("side", v, rng.choice([f"It is not on the {_OPP[v]}.", f"Nothing on the {_OPP[v]} is included.",
                                                 f"Not the {_OPP[v]} side, to be clear."]))
        if v == "midline":
            return conv.c("side", v, rng.choice(["It is not off to either side.", "Neither left nor right: it is midline."]))
        return conv.c("side", v, "It is not confined to one side.")

    # ---- turn 1 and the first answer
    conv.say("user", first_question(p, style, rng, defect == "names_target"))
    parts = [rng.choice(OPENERS[style]).format(name=display(p))]
    first_kinds = avail(["side", "vertical", "relation", "size", "percent", "count"])
    rng.shuffle(first_kinds)
    nfirst = rng.randint(1, 3)
    used = set()
    slip = defect is None and rng.random() < 0.3 and "side" in allowed and vals["side"] in ("left", "right")
    for k in first_kinds[:nfirst]:
        if k == "side" and slip:
            wrong = conv.c("side", _OPP[vals["side"]], f"It lies on the {_OPP[vals['side']]}", corrected=True, true=False)
            fix = conv.c("side", vals["side"], f"on the patient's {vals['side']}")
            parts.append(rng.choice([f"{wrong} - sorry, correction: it is {fix}, not the other side.",
                                     f"{wrong}... no, let me correct that: it is {fix}; I misread the display convention."]))
        else:
            parts.append(true_claim(k))
        used.add(k)
    if where == "first":
        parts.insert(rng.randint(1, len(parts)), conv.c(fkind, fval, phrase(fkind, fval), true=False))
    if rng.random() < 0.5:
        parts.append(know())
    if rng.random() < 0.5:
        parts.append(extra())
    if rng.random() < 0.35:
        n = negation()
        if n:
            parts.append(n)
    conv.say("assistant", join(parts))

    # ---- follow-ups
    nrounds = rng.randint(1, 3)
    if where in ("follow", "premise"):
        nrounds = max(nrounds, 1)
    topic_kinds = {"side": ["side"], "where": ["vertical", "relation"], "size": ["size", "percent"],
                   "count": ["count"], "know": []}
    dtopic = {"laterality": "side", "position": "where", "size": "size", "count": "count"}.get(defect)
    topics = [t for t in ["side", "where", "size", "count", "know"] if t == "know" or avail(topic_kinds[t])]
    rng.shuffle(topics)
    topics = topics[:nrounds]
    nrounds = len(topics)
    defect_round = rng.randrange(nrounds) if where == "premise" else -1
    if where == "follow":
        defect_round = rng.randrange(nrounds)
        topics[defect_round] = dtopic
    corrected_premise_round = rng.randrange(nrounds) if defect is None and rng.random() < 0.45 else -1
    topic_kinds = {"side": ["side"], "where": ["vertical", "relation"], "size": ["size", "percent"],
                   "count": ["count"], "know": []}
    for r, topic in enumerate(topics):
        q = rng.choice(FOLLOW_Q[topic][style])
        ans = []
        if r == defect_round and where == "premise":
            pre = premise_ph(fkind, fval, p, rng)
            q = conv.c(fkind, fval, pre, true=False) + (q if pre.endswith(". ") else q[0].lower() + q[1:])
            conv.say("user", q)
            # the assistant answers without restating the premise's kind (that kind is not allowed in this row)
            kinds = avail(topic_kinds[topic])
        elif r == corrected_premise_round:
            pk = rng.choice(avail(["side", "vertical", "size", "count"]) or ["size"])
            if pk == "side" and vals["side"] == "unknown":
                pk = "size"
            pv = _false(pk, vals[pk], rng, p["ori"])
            pre = premise_ph(pk, pv, p, rng)
            q = conv.c(pk, pv, pre, corrected=True, true=False) + (q if pre.endswith(". ") else q[0].lower() + q[1:])
            conv.say("user", q)
            fix = conv.c(pk, vals[pk], phrase(pk, vals[pk]))
            lead = rng.choice({"worksheet": ["Correction to premise -", "Not quite:"],
                               "counsel": ["Actually, that's not quite right.", "Let me gently correct that."],
                               "mdt": ["For accuracy, that premise is incorrect.", "Correction:"],
                               "student": ["Careful, that premise is wrong.", "Not quite, and it's a common mix-up."]}[style])
            ans.append(f"{lead} {fix}")
            kinds = [k for k in avail(topic_kinds[topic]) if k != pk]
        else:
            kinds = avail(topic_kinds[topic])
            conv.say("user", q)
        if r == defect_round and where == "follow":
            ans.append(conv.c(fkind, fval, phrase(fkind, fval), true=False))
        for k in kinds[: rng.randint(1, 2)]:
            ans.append(true_claim(k))
        if topic == "know" or not ans:
            ans.append(know())
        if rng.random() < 0.3:
            ans.append(extra())
        if topic == "side" and rng.random() < 0.4 and "side" in allowed and p["ori"][0] == "L":
            ans.append(rng.choice([
                "On a transverse ultrasound or axial MR the patient's left is displayed on the image right, by convention.",
                "Remember images are viewed as if facing the patient, so her right is on your left.",
            ]))
        if rng.random() < 0.25:
            h = rng.choice(HYPO[_ctx_kind(p)])
            if h not in seen:
                seen.add(h)
                ans.append(h)
        conv.say("assistant", join(ans))
    # a defect that was planned for the follow-up must have landed
    if where in ("follow", "premise"):
        assert any(not c["true"] and not c["corrected"] for c in conv.claims)
    if where == "first":
        assert any(not c["true"] for c in conv.claims)
    LEDGER.append(conv.claims)
    return conv.turns, ([defect] if defect else [])
