"""Bank AF: abdominal axial CT ("LP") in four mainstream registers, written blind (helper qcaf).

Targets: liver, spleen, left/right kidney, both kidneys, pancreas, stomach, gallbladder, aorta, inferior vena
cava, liver lesions (one to four), kidney tumour (either side), duodenum, left adrenal gland, and two labels
the knowledge base does not know (hepatic cyst, ascites). Each mask is drawn as numpy ellipses and measured
with the product's own `compute_facts`; the prose is written from those measured facts.

Registers: "gpt" (chatty markdown: ### headings, bold, bullets, a closing offer), "careful" (long hedged
paragraphs with caveats, differentials, textbook facts and comparisons), "radiologist" (terse report lines
with lt/rt/ant/post/approx/~/x2), "plain" (short plain English for a patient, every number in words).
One planted false claim per defective conversation; about a fifth of side/position/size/count defects sit
in a user question, many in a follow-up answer.

first measure (commit 76e33d6, once, misses never printed or read): 199 of 210 planted defects caught (0.948),
0 of 210 clean conversations flagged (0.000); caught per kind: laterality 37/42, position 39/42, size 42/42,
count 42/42, names_target 39/42; extra flags on defective rows: laterality 8 (none on clean rows).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["gpt", "careful", "radiologist", "plain"]
W = H = 512

# normalised centroids (x = toward patient's left, y = toward posterior) of neighbours on a typical slice
ANATOMY = {"liver": (0.29, 0.40), "spleen": (0.77, 0.56), "aorta": (0.52, 0.62), "inferior vena cava": (0.43, 0.60),
           "vertebral body": (0.50, 0.74), "stomach": (0.66, 0.34), "pancreas": (0.55, 0.46),
           "left kidney": (0.70, 0.68), "right kidney": (0.30, 0.68), "gallbladder": (0.36, 0.37),
           "duodenum": (0.40, 0.50)}

# blobs: list of (cx, cy, rx, ry) in normalised units (rx, ry as share of width/height), jittered in facts_for
PROFILES = [
    dict(target="liver", blobs=[(0.29, 0.40, 0.17, 0.19)], others=["spleen", "aorta", "vertebral body", "stomach"],
         q_noun="organ", fn="makes bile, stores glycogen and clears toxins arriving from the gut",
         descr="the big bile-producing organ under the diaphragm",
         named=["the liver", "the hepatic parenchyma", "the whole liver", "hepatic tissue"],
         kb=["The spleen lies on the opposite side, the patient's left, tucked under the lower ribs.",
             "The inferior vena cava runs just to the patient's right of the aorta, in front of the spine.",
             "The stomach sits mostly on the patient's left, beneath the left dome of the diaphragm."],
         book=["An adult {x} weighs about 1.5 kg.", "It is the largest solid organ in the body.",
               "In adults it usually measures about 15 cm from top to bottom."],
         book_w=["An adult one weighs about one and a half kilograms.", "It is the biggest solid organ in the body."],
         diff="the spleen, the stomach full of food or a fluid collection under the diaphragm"),
    dict(target="spleen", blobs=[(0.77, 0.62, 0.075, 0.10)], others=["liver", "aorta", "stomach", "vertebral body"],
         q_noun="organ", fn="filters worn-out red blood cells and helps fight blood-borne infection",
         descr="the blood-filtering organ under the lower ribs",
         named=["the spleen", "the splenic parenchyma", "splenic tissue", "the lien"],
         kb=["The liver sits on the other side, occupying most of the right upper abdomen.",
             "The left kidney lies below and medial to it, further back.",
             "The aorta runs down in front of the spine, close to the midline."],
         book=["A normal adult {x} is around 11-12 cm long.", "It weighs roughly 150 g in an adult."],
         book_w=["A normal adult one is about eleven to twelve centimetres long."],
         diff="the stomach, the left kidney or the tail of the pancreas"),
    dict(target="left kidney", blobs=[(0.71, 0.67, 0.055, 0.085)], others=["aorta", "vertebral body", "spleen", "liver"],
         q_noun="organ", fn="filters waste from the blood and makes urine, on the patient's left",
         descr="the bean-shaped organ that makes urine, the one on the patient's left",
         named=["the left kidney", "the left renal parenchyma", "the kidney on the left", "left renal tissue"],
         kb=["Its partner on the other side usually sits a little lower because the liver pushes it down.",
             "The aorta runs between the two kidneys, in front of the vertebral body.",
             "The spleen lies above and lateral to it."],
         book=["Adult kidneys are typically 10-12 cm long.", "Roughly 1 in 500 people are born with a horseshoe kidney."],
         book_w=["An adult kidney is usually about ten to twelve centimetres long."],
         diff="the spleen, the descending colon or the psoas muscle"),
    dict(target="right kidney", blobs=[(0.29, 0.67, 0.055, 0.085)], others=["aorta", "vertebral body", "liver", "inferior vena cava"],
         q_noun="organ", fn="filters waste from the blood and makes urine, on the patient's right",
         descr="the bean-shaped organ that makes urine, the one on the patient's right",
         named=["the right kidney", "the right renal parenchyma", "the kidney on the right", "right renal tissue"],
         kb=["Its partner on the left usually sits slightly higher.",
             "The liver lies above and in front of it.",
             "The inferior vena cava runs just medial to it, in front of the spine."],
         book=["Adult kidneys are typically 10-12 cm long.", "About 25% of people have more than one renal artery on a side."],
         book_w=["An adult kidney is usually about ten to twelve centimetres long."],
         diff="the liver, the duodenum or the ascending colon"),
    dict(target="kidney", blobs=[(0.29, 0.67, 0.05, 0.08), (0.71, 0.67, 0.05, 0.08)],
         others=["liver", "vertebral body", "stomach"],
         q_noun="paired organs", fn="filter waste out of the blood and make urine",
         descr="the paired bean-shaped organs that make urine",
         named=["both kidneys", "the renal parenchyma", "the kidneys", "bilateral renal tissue"],
         kb=["The aorta runs between them, just in front of the spine.",
             "The adrenal glands sit on top of their upper poles.",
             "The psoas muscles lie medial to them on each side."],
         book=["Each adult kidney is usually 10-12 cm long.", "Together they receive about 20% of the cardiac output."],
         book_w=["Each one is usually about ten to twelve centimetres long in an adult."],
         diff="the spleen, loops of bowel or the psoas muscles"),
    dict(target="pancreas", blobs=[(0.52, 0.40, 0.13, 0.035)], others=["aorta", "stomach", "vertebral body", "spleen"],
         q_noun="gland", fn="makes digestive enzymes and releases insulin",
         descr="the gland lying behind the stomach that makes insulin",
         named=["the pancreas", "the pancreatic parenchyma", "pancreatic tissue", "the whole pancreas"],
         kb=["The duodenum curves around its head on the patient's right.",
             "The splenic vein runs along its back surface.",
             "The spleen sits far out on the patient's left, near its tail."],
         book=["In adults it is about 12-15 cm long.", "Only about 2% of its mass is made of the insulin-producing islets."],
         book_w=["In adults it is about twelve to fifteen centimetres long."],
         diff="the duodenum, a loop of jejunum or the splenic vein"),
    dict(target="stomach", blobs=[(0.66, 0.33, 0.10, 0.08)], others=["liver", "aorta", "vertebral body", "spleen"],
         q_noun="organ", fn="stores and churns swallowed food and secretes acid",
         descr="the J-shaped muscular bag where digestion of a meal begins",
         named=["the stomach", "the gastric lumen", "the gastric wall and lumen", "the stomach bubble"],
         kb=["The liver lies mostly on the patient's right and wraps across the front.",
             "The pancreas lies behind it, across the back of the lesser sac.",
             "The spleen sits behind and to the left of it."],
         book=["An empty adult {x} holds about 50 ml; it can stretch to over 1 litre.",
               "Its lining renews itself every 3-5 days."],
         book_w=["When empty it holds only a small cup of fluid, but it can stretch to hold more than a litre."],
         diff="the transverse colon, the duodenum or loops of jejunum"),
    dict(target="gallbladder", blobs=[(0.36, 0.37, 0.035, 0.045)], others=["aorta", "stomach", "vertebral body", "right kidney"],
         q_noun="sac", fn="stores and concentrates bile and squeezes it into the gut after a fatty meal",
         descr="the pear-shaped sac that stores bile",
         named=["the gallbladder", "the gall bladder", "the cholecyst", "the gallbladder lumen"],
         kb=["The liver wraps around it from above.",
             "The pancreas lies across the midline behind the stomach.",
             "The spleen is on the opposite, left, side of the abdomen."],
         book=["It holds roughly 30-50 ml of bile.", "Gallstones are found in about 10-15% of adults."],
         book_w=["It holds only about two or three tablespoons of bile."],
         diff="the duodenum, a fluid-filled sac of the liver or the hepatic flexure of the colon"),
    dict(target="aorta", blobs=[(0.50, 0.62, 0.022, 0.022)], others=["vertebral body", "inferior vena cava", "liver", "stomach"],
         q_noun="vessel", fn="carries oxygen-rich blood from the heart down to the abdomen and legs",
         descr="the main artery leaving the heart",
         named=["the aorta", "the abdominal aorta", "the aortic lumen", "the aortic wall"],
         kb=["The inferior vena cava runs beside it on the patient's right.",
             "The left renal vein crosses in front of it to reach the vena cava.",
             "The vertebral body lies directly behind it."],
         book=["A normal abdominal one is under 3 cm across.",
               "Screening for aneurysm is offered to men aged 65 in several countries."],
         book_w=["A normal one is less than three centimetres wide."],
         diff="the inferior vena cava, a lymph node beside the spine or the crus of the diaphragm"),
    dict(target="inferior vena cava", blobs=[(0.405, 0.60, 0.022, 0.018)], others=["aorta", "vertebral body", "liver", "spleen"],
         q_noun="vein", fn="returns blood from the legs and abdomen to the right atrium",
         descr="the large vein returning blood from the lower body to the heart",
         named=["the IVC", "the inferior vena cava", "the vena cava", "the caval lumen"],
         kb=["The aorta runs beside it on the patient's left.",
             "The left renal vein crosses in front of the aorta to reach it.",
             "The spleen is far away on the patient's left."],
         book=["Its diameter is usually under 2.1 cm in a resting adult.",
               "It collapses by more than 50% with a sniff in a normally hydrated person."],
         book_w=["In a resting adult it is usually about two centimetres wide."],
         diff="the aorta, the right crus of the diaphragm or an enlarged lymph node"),
    dict(target="liver lesion", blobs="lesions", others=["spleen", "aorta", "vertebral body", "stomach"],
         q_noun="focal abnormalities", fn="look darker than the surrounding tissue of the bile-producing organ",
         descr="the focal low-density spots inside the bile-producing organ",
         named=["the liver lesions", "the hepatic lesions", "the liver masses", "the metastases in the liver"],
         kb=["The spleen on the other side looks uniform.",
             "The gallbladder is normal.",
             "The aorta is normal in calibre in front of the spine."],
         book=["Simple cysts are seen in about 5% of adults.", "The colon is the commonest source of such deposits."],
         book_w=["Harmless fluid pockets like these are found in about five people in every hundred."],
         diff="vessels cut in cross-section, focal fat or the gallbladder"),
    dict(target="kidney tumour", blobs="tumour", others=["aorta", "vertebral body", "liver", "spleen"],
         q_noun="abnormality", fn="is a solid, contrast-enhancing growth in one of the urine-producing organs",
         descr="the solid enhancing growth arising from one of the urine-producing organs",
         named=["the kidney tumour", "the renal mass", "the renal cell carcinoma", "the kidney cancer"],
         kb=["The aorta is normal, in front of the vertebral body.",
             "The liver and spleen show no deposits.",
             "The renal veins drain toward the inferior vena cava on the patient's right."],
         book=["Most such growths under 4 cm are found by chance.", "They are about twice as common in men as in women."],
         book_w=["Most small ones are found by chance, on a scan done for something else."],
         diff="a simple fluid sac, a fat-containing benign growth or the adrenal gland"),
    dict(target="duodenum", blobs=[(0.40, 0.50, 0.035, 0.05)], others=["aorta", "spleen", "stomach", "vertebral body"],
         q_noun="bowel segment", fn="receives food from the stomach together with bile and pancreatic juice",
         descr="the first C-shaped segment of the small bowel",
         named=["the duodenum", "the duodenal loop", "the duodenal C-loop", "the duodenal bulb"],
         kb=["The pancreatic head sits inside its curve.",
             "The aorta lies in the midline in front of the spine.",
             "The spleen is on the patient's left, far from it."],
         book=["It is about 25 cm long in adults.", "Peptic ulcers here are about four times more common than in the stomach."],
         book_w=["It is about twenty-five centimetres long in an adult."],
         diff="the pancreatic head, the gastric antrum or loops of jejunum"),
    dict(target="left adrenal gland", blobs=[(0.62, 0.61, 0.015, 0.035)], others=["aorta", "vertebral body", "liver", "stomach"],
         q_noun="hormone-producing structure", fn="makes cortisol, aldosterone and the fight-or-flight hormones, on the patient's left",
         descr="the small hormone-producing structure above the urine-making organ on the patient's left",
         named=["the left adrenal gland", "the left adrenal", "the left suprarenal gland", "the adrenal on the left"],
         kb=["The aorta lies just medial to it.",
             "The spleen sits further out toward the patient's left flank.",
             "Its partner on the right sits behind the inferior vena cava."],
         book=["Incidental nodules are found in about 3-7% of adults on CT.",
               "Each limb is normally thinner than about 1 cm."],
         book_w=["Small harmless lumps here turn up on about five scans in every hundred."],
         diff="the splenic vessels, the left crus of the diaphragm or the tail of the pancreas"),
    dict(target="hepatic cyst", blobs=[(0.26, 0.38, 0.035, 0.03)], others=["aorta", "spleen", "stomach", "vertebral body"],
         q_noun="finding", fn="is a thin-walled, water-density pocket inside the bile-producing organ",
         descr="the round water-density pocket inside the bile-producing organ",
         named=["the hepatic cyst", "the liver cyst", "the simple hepatic cyst", "the cystic liver lesion"],
         kb=["The spleen, on the patient's left, contains nothing similar.",
             "The aorta sits in front of the spine.",
             "The kidneys show no fluid pockets."],
         book=["Simple pockets like this are found in about 2.5-5% of people.", "Most stay the same size for years."],
         book_w=["They turn up in about three to five people in every hundred."],
         diff="a haemangioma, an abscess or a fluid-filled bowel loop"),
    dict(target="ascites", blobs="ascites", others=["aorta", "vertebral body", "stomach"],
         q_noun="collection", fn="is free fluid that has built up inside the abdominal cavity",
         descr="the free fluid that has pooled around the abdominal organs",
         named=["the ascites", "the ascitic fluid", "the free ascites", "the ascitic collection"],
         kb=["The aorta is of normal calibre in front of the spine.",
             "The stomach is collapsed on the patient's left.",
             "The vertebral body is intact."],
         book=["CT can show as little as about 100 ml of free fluid.", "Cirrhosis causes roughly 80% of cases."],
         book_w=["A scan can show as little as a small cupful of fluid."],
         diff="fluid-filled bowel loops or a walled-off collection"),
]

KINDS = ["laterality", "position", "size", "count", "names_target"]


def record_for(p: dict) -> dict:
    return {"modality": "CT", "body_region": "abdomen", "orientation": "LP"}


def pick_profile(profiles, i, defect, rng):
    """Weight the bilateral and multi-region masks up for count/side defects."""
    multi = [q for q in profiles if q["target"] in ("kidney", "liver lesion", "ascites")]
    if defect in ("count", "laterality") and rng.random() < 0.35:
        return rng.choice(multi)
    return rng.choice(profiles)


def _blobs(p, rng):
    b = p["blobs"]
    if b == "lesions":
        n = rng.choice([1, 2, 2, 3, 3, 4])
        spots = [(0.20, 0.34), (0.33, 0.33), (0.22, 0.47), (0.35, 0.47)]
        rng.shuffle(spots)
        return [(x + rng.uniform(-0.015, 0.015), y + rng.uniform(-0.015, 0.015), rng.uniform(0.012, 0.022),
                 rng.uniform(0.012, 0.022)) for x, y in spots[:n]]
    if b == "tumour":
        x = rng.choice([0.28, 0.72])
        r = (0.025, 0.04) if rng.random() < 0.6 else (0.07, 0.09)
        return [(x + rng.uniform(-0.02, 0.02), 0.66 + rng.uniform(-0.02, 0.02), rng.uniform(*r), rng.uniform(*r))]
    if b == "ascites":
        out = [(0.18, 0.36, 0.035, 0.12), (0.83, 0.40, 0.03, 0.10)]
        if rng.random() < 0.5:
            out.append((0.50, 0.22, 0.07, 0.025))
        return [(x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01), rx * rng.uniform(0.9, 1.1),
                 ry * rng.uniform(0.9, 1.1)) for x, y, rx, ry in out]
    j = 0.015
    return [(x + rng.uniform(-j, j), y + rng.uniform(-j, j), rx * rng.uniform(0.9, 1.1), ry * rng.uniform(0.9, 1.1))
            for x, y, rx, ry in b]


def _clear(f) -> bool:
    """Not borderline: size class, side and depth far from the measurement's thresholds."""
    a = f["area_fraction"]
    if 0.008 < a < 0.015 or 0.042 < a < 0.06:
        return False
    ox, oy = f["centroid_patient"]
    if 0.045 < abs(oy) < 0.08 or (f["laterality"] in ("left", "right", "midline") and 0.045 < abs(ox) < 0.08):
        return False
    return True


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:H, 0:W]
    for _ in range(200):
        m = np.zeros((H, W), bool)
        for cx, cy, rx, ry in _blobs(p, rng):
            m |= ((xx - cx * W) / (rx * W)) ** 2 + ((yy - cy * H) / (ry * H)) ** 2 <= 1.0
        others = {o: (ANATOMY[o][0] + rng.uniform(-0.01, 0.01), ANATOMY[o][1] + rng.uniform(-0.01, 0.01))
                  for o in p["others"]}
        f = compute_facts(m, "LP", others=others).model_dump(mode="json")
        if _clear(f) and usable_rels(f):
            if p["target"] == "left kidney" and f["laterality"] != "left":
                continue
            if p["target"] == "right kidney" and f["laterality"] != "right":
                continue
            return f
    raise RuntimeError(f"no clear mask for {p['target']}")


# --- words ------------------------------------------------------------------------------------------

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct(p: float, style: str, rng) -> str:
    """An area percent as the register writes it (p in percent)."""
    if style == "plain":
        if p < 1:
            return rng.choice(["less than one percent", "under one per cent", "well below one percent"])
        return rng.choice(["about ", "roughly ", "around "]) + words(round(p)) + rng.choice([" percent", " per cent"])
    if style == "radiologist":
        return (f"~{p:.1f}%" if p < 10 else f"~{p:.0f}%") if rng.random() < 0.6 else (f"approx {p:.1f}%" if p < 10 else f"approx {p:.0f}%")
    if p < 1:
        return rng.choice([f"about {p:.1f}%", f"roughly {p:.2f}%", f"a little under 1% (about {p:.1f}%)"])
    if p < 10:
        return rng.choice([f"about {p:.1f}%", f"roughly {p:.1f}%", f"around {p:.1f} percent"])
    return rng.choice([f"about {p:.0f}%", f"roughly {p:.1f}%", f"around {p:.0f} percent"])


OPP = {"left": "right", "right": "left"}
CLASSW = {"small": ["small", "fairly small", "modest in size"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
          "large": ["large", "big", "sizeable"]}
CLASSR = {"small": ["Sm.", "Small."], "medium": ["Mod size.", "Medium."], "large": ["Lg.", "Large."]}
CLASSP = {"small": ["small", "quite small"], "medium": ["medium-sized", "middle-sized"], "large": ["big", "large"]}
ABBR = {"inferior vena cava": "IVC", "vertebral body": "vertebral body", "left kidney": "lt kidney",
        "right kidney": "rt kidney"}
PLAIN_OTHER = {"aorta": "the aorta, your main artery", "inferior vena cava": "the big vein called the vena cava",
               "vertebral body": "the bone of your spine", "liver": "your liver", "spleen": "your spleen",
               "stomach": "your stomach", "right kidney": "your right kidney", "left kidney": "your left kidney"}


def plural(p, f) -> bool:
    return p["target"] == "kidney" or (p["target"] == "liver lesion" and f["components"] > 1)


def disp(p, f) -> str:
    t = p["target"]
    if t == "liver lesion":
        return "liver lesion" if f["components"] == 1 else "liver lesions"
    if t == "kidney":
        return "kidneys"
    return {"inferior vena cava": "inferior vena cava (IVC)"}.get(t, t)


# --- one fact, in one register (v may be a false value: then it is the planted claim) ---------------

def side_s(style, v, rng, wrong=False):
    only = v.endswith("_only")
    s = v.replace("_only", "")
    if style == "gpt":
        if only:
            return rng.choice([f"**Side:** only the patient's **{s}** side is involved.", f"**Side:** {s} side only."])
        return {"left": rng.choice(["**Side:** the patient's **left**.", "**Side:** left-sided (patient's left)."]),
                "right": rng.choice(["**Side:** the patient's **right**.", "**Side:** right-sided (patient's right)."]),
                "midline": rng.choice(["**Side:** **midline**, centred over the spine.", "**Side:** right in the middle (midline)."]),
                "bilateral": rng.choice(["**Side:** **both sides**, one on the left and one on the right.", "**Side:** bilateral."])}[s] \
            + (" It's clearly off the midline." if wrong and s in OPP else "")
    if style == "careful":
        if only:
            return rng.choice([f"As far as one slice allows, it is confined to the patient's {s} side.",
                               f"It appears to involve only the {s} side of the patient."])
        return {"left": rng.choice(["It lies on the patient's left side.", "It appears to sit on the patient's left."]),
                "right": rng.choice(["It lies on the patient's right side.", "It appears to sit on the patient's right."]),
                "midline": rng.choice(["It lies essentially in the midline.", "It sits centrally, in the midline of the body."]),
                "bilateral": rng.choice(["It is bilateral, with one part on each side of the spine.",
                                         "Both sides are involved, the patient's left and right."])}[s]
    if style == "radiologist":
        if only:
            return rng.choice([f"{s.capitalize()} side only.", f"{'Lt' if s == 'left' else 'Rt'} only, no contralat component."])
        return {"left": rng.choice(["Lt-sided.", "Lt side.", "Located lt."]),
                "right": rng.choice(["Rt-sided.", "Rt side.", "Located rt."]),
                "midline": rng.choice(["Midline.", "Midline position."]),
                "bilateral": rng.choice(["Bilat.", "Bilateral, lt + rt."])}[s]
    if only:
        return rng.choice([f"It is only on your {s} side.", f"Only your {s} side has it."])
    return {"left": rng.choice(["It is on your left side.", "It sits on the left side of your body."]),
            "right": rng.choice(["It is on your right side.", "It sits on the right side of your body."]),
            "midline": rng.choice(["It sits in the middle of your body.", "It is right in the middle, over your spine."]),
            "bilateral": rng.choice(["There is one on each side, left and right.", "You have one on each side of your body."])}[s]


def vert_s(style, v, rng):
    if v == "central":
        return None
    front = v == "anterior"
    if style == "gpt":
        return rng.choice([f"**Depth:** toward the **{'front' if front else 'back'}** ({v}).",
                           f"**Front/back:** {v}ly placed."])
    if style == "careful":
        return rng.choice([f"It sits in the {v} part of the abdomen, closer to the {'front wall' if front else 'spine and back muscles'}.",
                           f"On this slice it is {v}ly placed."])
    if style == "radiologist":
        return rng.choice([f"{'Ant' if front else 'Post'}.", f"{'Ant' if front else 'Post'}erior position.",
                           f"{'Anteriorly' if front else 'Posteriorly'} placed."])
    return rng.choice([f"It is toward the {'front of your belly' if front else 'back of your body'}.",
                       f"It lies nearer your {'tummy wall' if front else 'back'}."])


def rel_s(style, other, rel, rng):
    if style == "radiologist":
        o = ABBR.get(other, other)
        w = {"left_of": "lt of", "right_of": "rt of", "anterior_to": "ant to", "posterior_to": "post to"}[rel]
        return rng.choice([f"{w.capitalize()} {o}.", f"Lies {w} {o}."])
    if style == "plain":
        o = PLAIN_OTHER.get(other, "your " + other)
        w = {"left_of": "further to your left than", "right_of": "further to your right than",
             "anterior_to": "in front of", "posterior_to": "behind"}[rel]
        return f"It is {w} {o}."
    w = {"left_of": ["to the patient's left of", "on the patient's left side of"],
         "right_of": ["to the patient's right of", "on the patient's right side of"],
         "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"]}
    inv = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
    if style == "gpt":
        return rng.choice([f"**Neighbour:** it lies {rng.choice(w[rel])} the **{other}**.",
                           f"**Neighbour:** the **{other}** sits {rng.choice(w[inv[rel]])} it."])
    return rng.choice([f"It lies {rng.choice(w[rel])} the {other}.", f"The {other}, for comparison, lies {rng.choice(w[inv[rel]])} it."])


def size_s(style, cls, p, rng):
    if style == "gpt":
        return rng.choice([f"**Size:** {rng.choice(CLASSW[cls])}, covering {pct(p, style, rng)} of the image.",
                           f"**Area:** {pct(p, style, rng)} of the slice, so {rng.choice(CLASSW[cls])}."])
    if style == "careful":
        return rng.choice([f"It is {rng.choice(CLASSW[cls])} on this slice, covering {pct(p, style, rng)} of the image, "
                           "although a single slice can misrepresent true volume.",
                           f"In terms of extent, it takes up {pct(p, style, rng)} of the image, which I would call {cls}."])
    if style == "radiologist":
        return rng.choice([f"{rng.choice(CLASSR[cls])} {pct(p, style, rng)} of slice.", f"Area {pct(p, style, rng)} of image, {cls}."])
    return rng.choice([f"It is {rng.choice(CLASSP[cls])}: it takes up {pct(p, style, rng)} of the picture.",
                       f"It covers {pct(p, style, rng)} of the picture, so it is {rng.choice(CLASSP[cls])}."])


def count_s(style, n, rng, lesion=False):
    one = n == 1
    if style == "gpt":
        return (rng.choice(["**Shape:** one continuous, connected region.", "**Pieces:** a single connected piece."]) if one
                else rng.choice([f"**Pieces:** {n} separate regions.", f"**Count:** {n} distinct, non-touching areas."]))
    if style == "careful":
        return (rng.choice(["It forms a single connected region on this slice.", "It is one contiguous area, not fragmented."]) if one
                else rng.choice([f"There are {n} separate, non-touching regions on this slice.", f"It is made up of {n} distinct parts."]))
    if style == "radiologist":
        return (rng.choice(["Single component.", "Solitary." if lesion else "Single contiguous region."]) if one
                else rng.choice([f"x{n} {'foci' if lesion else 'components'}.", f"{n} separate components."]))
    return (rng.choice(["It is all in one piece.", "It is one single piece."]) if one
            else rng.choice([f"There are {words(n)} separate pieces.", f"It shows up as {words(n)} separate bits."]))


# --- true traps ---------------------------------------------------------------------------------------

def negations(style, f, skip, rng):
    """True negative sentences about the side, count and size (not about the planted fact's kind)."""
    side, n, cls = f["laterality"], f["components"], f["size_class"]
    out = []
    if "laterality" not in skip:
        if side in OPP:
            o = OPP[side]
            out.append({"gpt": f"It is **not** on the {o} side.", "careful": f"I see nothing of it crossing to the patient's {o}.",
                        "radiologist": f"No {'rt' if o == 'right' else 'lt'}-sided component.",
                        "plain": f"It is not on your {o} side."}[style])
        elif side == "midline":
            out.append({"gpt": "It doesn't lean clearly to either side.", "careful": "It is neither clearly left- nor right-sided.",
                        "radiologist": "No lateral deviation.", "plain": "It does not lean to one side."}[style])
        elif side == "bilateral":
            out.append({"gpt": "It is **not** limited to one side.", "careful": "It is not confined to one side of the body.",
                        "radiologist": "Not unilateral.", "plain": "It is not just on one side."}[style])
    if "count" not in skip:
        out.append({"gpt": "There's **no second piece** separate from it." if n == 1 else "It is **not** one single connected region.",
                    "careful": "I see no second, separate focus." if n == 1 else "It is not a single connected region.",
                    "radiologist": "No separate second component." if n == 1 else "Not a single contiguous region.",
                    "plain": "There is no second piece." if n == 1 else "It is not all in one piece."}[style])
    if "size" not in skip:
        out.append({"small": {"gpt": "It's **not** a large structure on this slice.", "careful": "It is certainly not large here.",
                              "radiologist": "Not enlarged on this slice.", "plain": "It is not big."},
                    "medium": {"gpt": "It's neither tiny nor huge.", "careful": "It is neither tiny nor dominant on this image.",
                               "radiologist": "Neither sm nor lg.", "plain": "It is not tiny and not huge."},
                    "large": {"gpt": "It's **not** small at all.", "careful": "It is by no means small on this image.",
                              "radiologist": "Not small.", "plain": "It is not small at all."}}[cls][style])
    return out


def convention(style, side, rng, skip):
    if side in OPP and "laterality" not in skip and rng.random() < 0.6:
        o = OPP[side]
        return {"gpt": f"> **Tip:** on screen it shows on the image's {o}, which is the patient's {side}; CT is viewed as if facing the patient.",
                "careful": f"It is worth remembering the radiological convention: it appears on the viewer's {o}, which is the patient's {side}.",
                "radiologist": f"NB radiological convention: image {o} = pt {side}.",
                "plain": f"It shows up on the {o} of the picture, but that is your {side}, because scans are shown as if you face the person."}[style]
    return {"gpt": "> **Tip:** CT slices are displayed as if you're facing the patient, so the patient's left is on the screen's right.",
            "careful": "By the usual radiological convention, axial slices are viewed from the feet, so the patient's right appears on the viewer's left.",
            "radiologist": "Radiological convention: pt lt on image rt.",
            "plain": "Scans are shown as if you are facing the person, so your left side shows up on the right of the picture."}[style]


def diff_s(style, p):
    d = p["diff"]
    return {"gpt": f"**Could be confused with:** {d}.", "careful": f"On a single slice the main alternatives would be {d}, "
            "but the shape and position here fit best.", "radiologist": f"DDx on single slice: {d}.",
            "plain": f"On scans it can be mixed up with {d}, but the shape here fits."}[style]


def book_s(style, p, rng):
    if style == "plain":
        return rng.choice(p["book_w"])
    return rng.choice(p["book"]).replace("{x}", p["target"])


HEDGE = {"gpt": ["Most likely, ", "Pretty clearly, ", ""], "careful": ["I think, with reasonable confidence, that ",
         "On balance, ", "Although I can only judge from this one slice, "], "radiologist": ["", "Prob ", ""], "plain": ["", "", ""]}


def traps(style, p, f, skip, rng, k):
    pool = negations(style, f, skip, rng) + [convention(style, f["laterality"], rng, skip), diff_s(style, p),
                                               book_s(style, p, rng), rng.choice(p["kb"])]
    return rng.sample(pool, k=min(k, len(pool)))


# --- the planted false claim, per kind ----------------------------------------------------------------

def wrong_fact(kind, f, style, rng):
    """(sentence, user-question) asserting one false fact of `kind`."""
    side, n, cls, vert = f["laterality"], f["components"], f["size_class"], f["vertical"]
    if kind == "laterality":
        v = OPP[side] if side in OPP else "right" if side == "midline" else rng.choice(["left_only", "right_only"])
        s = v.replace("_only", "")
        q = {"gpt": [f"So it's on the {s}, right?", f"Why is it on the patient's {s} side?"],
             "careful": [f"I'm curious why it sits on the patient's {s} side here. Is that typical?",
                         f"Given that it lies on the patient's {s}, is anything else affected?"],
             "radiologist": [f"Why {s}-sided only?" if v.endswith("_only") else f"Why is it {s}-sided here?",
                             f"So it's {s} side, correct?"],
             "plain": [f"So it's on my {s} side, right?", f"Why is it on my {s} side?"]}[style]
        if v.endswith("_only"):
            q = [f"Why is it only on the {s} side?", f"So it's only on the {s}, right?"]
        sent = side_s(style, v, rng, wrong=True)
        if side == "midline":  # plainly lateral, not "just off the midline"
            sent += {"gpt": "", "careful": " It is well away from the midline.", "radiologist": " Clearly off midline.",
                     "plain": " It is well away from the middle."}[style]
        return sent, rng.choice(q)
    if kind == "position":
        opts = []
        if vert in ("anterior", "posterior"):
            opts.append(("vert", None))
        opts += [("rel", r) for r in usable_rels(f)]
        what, r = rng.choice(opts)
        if what == "vert":
            v = "posterior" if vert == "anterior" else "anterior"
            fb = "front" if v == "anterior" else "back"
            return vert_s(style, v, rng), rng.choice([f"Why does it sit so far toward the {fb}?",
                                                         f"So it's toward the {fb} of the body, right?"])
        flip = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to"}
        bad = flip[r["relation"]]
        wq = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
              "posterior_to": "behind"}[bad]
        return rel_s(style, r["other"], bad, rng), rng.choice([f"Why is it {wq} the {r['other']}?",
                                                                  f"So it lies {wq} the {r['other']}, correct?"])
    if kind == "size":
        fake = "large" if cls == "small" else "small" if cls == "large" else rng.choice(["small", "large"])
        fp = rng.uniform(28, 42) if fake == "large" else rng.uniform(0.15, 0.35)
        if style == "plain":
            q = f"Why is it so {'huge' if fake == 'large' else 'tiny'}, like {pct(fp, style, rng)} of the picture?"
        else:
            q = rng.choice([f"Why is it so {'huge' if fake == 'large' else 'tiny'}, about {pct(fp, 'gpt', rng)} of the image?",
                            f"Why does it look so {'enormous' if fake == 'large' else 'minuscule'} on this slice?"])
        return size_s(style, fake, fp, rng), q
    fake = rng.choice([2, 3]) if n == 1 else 1 if rng.random() < 0.75 else n + 1
    lesion = f.get("_focal", False)
    if fake == 1:
        q = rng.choice(["Why is it just one single connected piece?", "So it's all one piece, right?"])
    else:
        q = rng.choice([f"Why is it split into {words(fake)} separate pieces?", f"So there are {words(fake)} separate parts, right?"])
    return count_s(style, fake, rng, lesion), q


# --- questions ----------------------------------------------------------------------------------------

def usable_rels(f):
    """Relations a writer would state: for a mask on both sides, only the front/back ones."""
    if f["laterality"] == "bilateral":
        return [r for r in f["relations"] if r["relation"] in ("anterior_to", "posterior_to")]
    return f["relations"]


def first_question(p, style, rng, named: bool):
    d = rng.choice(p["named"]) if named else p["descr"]
    thing = d if named else f"the {p['q_noun']} that {p['fn']}"
    frames = {"gpt": [f"Hey! On this CT slice, can you find {thing} and highlight it for me?",
                      f"Quick anatomy question: where is {d} on this scan? Please segment it.",
                      f"I'm revising for an exam. Could you segment {thing} and explain where it sits?"],
              "careful": [f"Could you please identify and segment {thing}? I'd appreciate a careful explanation of its position and size.",
                          f"I'd like to understand this abdominal CT better. Which part of the image shows {d}? Please outline it and tell me how confident you are."],
              "radiologist": [f"Axial CT abdomen. Can you segment {thing}?", f"Please seg {d} and report side, position, size?",
                              f"Which region shows {d}? Mask it and give a brief report."],
              "plain": [f"My doctor talked about {d}. Can you show me where it is on my scan?",
                        f"Can you find {thing} on my scan? Please point it out.", f"Can you show me {d} in this picture of my belly?"]}
    return rng.choice(frames[style])


FOLLOW = {"size": {"gpt": ["And the size?", "How big is it, roughly?", "How much of the image does it take up?"],
                   "careful": ["And the size? How much of the slice does it occupy, and is that what you would expect?",
                               "How large is it on this image?"],
                   "radiologist": ["And the size?", "Size on this slice?", "Extent as % of slice?"],
                   "plain": ["And the size?", "Is it a big one?", "How much of the picture does it fill?"]},
          "count": {"gpt": ["Is it one piece?", "How many separate parts are there?"],
                    "careful": ["Is it one piece, or could there be several separate parts that I'm missing?",
                                "How many separate regions did you find?"],
                    "radiologist": ["Is it one piece?", "Number of components?", "Any additional foci seen?"],
                    "plain": ["Is it one piece?", "Is there more than one of them?"]},
          "side": {"gpt": ["Which side is it on?", "Left or right?", "Could you confirm the side for me?"],
                   "careful": ["Which side of the body is it on? I always get confused by how these images are displayed.",
                               "Could you confirm the side? I want to be sure I'm reading it correctly."],
                   "radiologist": ["Which side is it?", "Confirm laterality please?", "Left or right?"],
                   "plain": ["Which side is it on?", "Is it on my left or my right?"]},
          "position": {"gpt": ["Where exactly is it?", "What is it next to?", "Is it toward the front or the back?"],
                       "careful": ["Thanks, that's really helpful. Could you walk me through exactly where it sits relative to the structures around it, and whether anything about it looks unusual on this slice?",
                                   "What is it next to, and how does its position compare with the neighbouring organs?"],
                       "radiologist": ["Relations to adjacent structures?", "Where exactly is it?", "Ant or post?"],
                       "plain": ["What is it next to?", "Where exactly is it in my body?"]},
          "diff": {"gpt": ["What could it be confused with?", "Anything else I should know about it?", "Why does that matter?"],
                   "careful": ["What else could this be mistaken for, and how sure are you?", "Why does that matter clinically?"],
                   "radiologist": ["Any differential to consider?", "Anything else of note?"],
                   "plain": ["Why does that matter?", "Should I be worried about it?", "What else could it be?"]}}


def confirm_q(style, side, rng):
    w = {"left": "on the left", "right": "on the right", "midline": "in the middle", "bilateral": "on both sides"}[side]
    return rng.choice([f"So it's {w}, right?", f"So it sits {w}, correct?"]) if style != "plain" else f"So it's {w}, right?"


# --- assembling the answers ---------------------------------------------------------------------------

def fact_sents(kind, style, p, f, rng):
    if kind == "laterality":
        return [side_s(style, f["laterality"], rng)]
    if kind == "position":
        out = [vert_s(style, f["vertical"], rng)] if f["vertical"] != "central" else []
        rs = usable_rels(f)
        rels = rng.sample(rs, k=min(len(rs), rng.choice([1, 2])))
        return out + [rel_s(style, r["other"], r["relation"], rng) for r in rels]
    if kind == "size":
        return [size_s(style, f["size_class"], f["area_fraction"] * 100, rng)]
    return [count_s(style, f["components"], rng, "lesion" in p["target"] or "tumour" in p["target"] or "cyst" in p["target"])]


def first_answer(style, p, f, rng, facts_by_kind, extra):
    name = disp(p, f)
    loc = facts_by_kind.get("laterality", []) + facts_by_kind.get("position", [])
    shape = facts_by_kind.get("size", []) + facts_by_kind.get("count", [])
    if style == "gpt":
        intro = rng.choice(["Sure! ", "Great question! ", "Absolutely, here you go. ", ""])
        head = rng.choice([("### Location", "### Size & shape"), ("### Where it is", "### How big it is"), ("### Location", "### Size")])
        body = f"{intro}{'Those are' if plural(p, f) else 'That is'} the **{name}**. I've highlighted {'them' if plural(p, f) else 'it'} here: {SEG}\n\n{head[0]}\n" + "\n".join(f"- {s}" for s in loc)
        if shape:
            body += f"\n\n{head[1]}\n" + "\n".join(f"- {s}" for s in shape)
        if extra:
            body += "\n\n### Good to know\n" + "\n".join(f"- {s}" for s in extra)
        return body + "\n\n" + rng.choice(["Let me know if you'd like me to point out the neighbouring organs too!",
                                           "Happy to help with anything else, just ask!",
                                           "Would you like a quick rundown of what it does as well?"])
    if style == "careful":
        h = rng.choice(HEDGE["careful"])
        p1 = f"{h}what you describe corresponds to the {name}, which I have segmented here: {SEG}. " + " ".join(loc)
        p2 = " ".join(shape)
        p3 = " ".join(extra) + " " + rng.choice(["Please bear in mind that this is a single slice, so I'd treat these impressions as provisional.",
                                                 "As always, a radiologist reviewing the full series would be the final word."])
        return "\n\n".join(x for x in (p1, p2, p3.strip()) if x.strip())
    if style == "radiologist":
        lines = [f"{name[0].upper() + name[1:]}: {SEG}"] + loc + shape + extra
        return rng.choice(["\n", " "]).join(lines)
    lead = rng.choice([f"This is the {name} {SEG}.", f"Here it is: the {name} {SEG}."])
    return " ".join([lead] + loc + shape + extra)


def reply(style, sents, rng, yes=False):
    if style == "gpt":
        pre = rng.choice(["Good question! ", "Sure! ", ""]) + ("Yes! " if yes else "")
        return (pre.strip() + "\n" if pre.strip() else "") + "\n".join(f"- {s}" for s in sents) + "\n\n" + rng.choice(["Anything else you'd like to know?", "Hope that helps!"])
    if style == "careful":
        pre = ("Yes, that's right. " if yes else "") + rng.choice(["That's a reasonable thing to ask. ", "Let me be careful here. ", ""])
        return pre + " ".join(sents) + " " + rng.choice(["I'd still confirm this on adjacent slices.", "That said, one slice only tells part of the story."])
    if style == "radiologist":
        return ("Yes. " if yes else "") + " ".join(sents)
    return ("Yes. " if yes else "") + " ".join(sents)


def build(p, facts, style, rng, defect):
    f = dict(facts, _focal=any(w in p["target"] for w in ("lesion", "tumour", "cyst")))
    kinds = ["laterality", "position", "size", "count"]
    where = None
    if defect in kinds:
        where = rng.choices(["first", "follow", "user"], weights=[45, 35, 20])[0]
    skip = {defect} if defect in kinds else set()
    rounds = rng.choice([1, 2, 2, 3, 3]) if where in (None, "first") else rng.choice([2, 3])
    facts_by_kind = {k: fact_sents(k, style, p, f, rng) for k in kinds}
    if defect in kinds and where != "first":  # the planted fact comes later: the first answer leaves it out
        facts_by_kind[defect] = []
    if where == "first":
        bad, _ = wrong_fact(defect, f, style, rng)
        facts_by_kind[defect] = [bad]
    extra = traps(style, p, f, skip, rng, rng.choice([1, 2, 3]))
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": first_answer(style, p, f, rng, facts_by_kind, extra)}]
    topics = ["size", "count", "side", "position", "diff"]
    map_kind = {"laterality": "side", "position": "position", "size": "size", "count": "count"}
    plan = rng.sample(topics, k=rounds - 1)
    defect_round = rng.randrange(rounds - 1) if where in ("follow", "user") else None
    if defect_round is not None and where == "follow":
        plan[defect_round] = map_kind[defect]
    for i, topic in enumerate(plan):
        if i == defect_round and where == "user":
            _, q = wrong_fact(defect, f, style, rng)
            sents = [book_s(style, p, rng), rng.choice(p["kb"])]
            turns += [{"role": "user", "content": q}, {"role": "assistant", "content": reply(style, sents, rng)}]
            continue
        yes = False
        if topic == "side" and rng.random() < 0.4 and defect != "laterality":
            q = confirm_q(style, f["laterality"], rng)
            yes = True
        else:
            q = rng.choice(FOLLOW[topic][style])
        kind = {"side": "laterality", "position": "position", "size": "size", "count": "count"}.get(topic)
        if i == defect_round and where == "follow":
            sents = [wrong_fact(defect, f, style, rng)[0]]
        elif kind and kind == defect:  # never restate the planted fact's true value
            sents = [book_s(style, p, rng)]
        elif kind:
            sents = fact_sents(kind, style, p, f, rng)
            if kind == "position" and not sents:
                sents = [rng.choice(p["kb"])]
        else:
            sents = [diff_s(style, p)]
        pool = [s for s in negations(style, f, skip, rng) if rng.random() < 0.5]
        if topic == "side" and defect != "laterality":
            pool.append(convention(style, f["laterality"], rng, skip))
        pool += [book_s(style, p, rng), rng.choice(p["kb"])]
        sents += rng.sample(pool, k=min(len(pool), rng.choice([1, 2])))
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": reply(style, sents, rng, yes)}]
    return turns, [defect] if defect else []
