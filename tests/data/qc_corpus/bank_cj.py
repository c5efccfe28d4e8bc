"""Bank CJ: blind QC evaluation bank (helper qccj), written without reading any QC rule.

Targets: abdominal and pelvic CT (axial "LP", some coronal "LI"): liver, spleen, both kidneys, one kidney,
pancreas, gallbladder, stomach, urinary bladder, aorta, both iliopsoas muscles / one, a liver lesion with
1-3 foci, and the appendix (a label the knowledge base does not know). Facts are the product's own
measurement (`medseg_qa.facts.compute_facts`) of a synthetic ellipse mask; the prose is written from them.

Registers: `persona` (the organ speaks in the first person), `dictation` (a dictated report with the spoken
punctuation left in), `chat` (a team thread with @mentions, timestamps and emoji reactions; colleagues'
wrong guesses are corrected in clean rows), `rhyme` (a short true rhyme, then a plain paragraph).

Each defective row carries exactly one false claim of its kind; about a fifth of the side / position /
size / count defects sit in a user question or restatement that the reply does not correct, some only in
a follow-up answer. First measure: not run by this writer (the lead measures after merging).
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["persona", "dictation", "chat", "rhyme"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
N = 256

# blobs: (cx, cy, rx, ry) in image fractions; others: other structures' centroids (image fractions)
_AX_OTHERS = {"spleen": (0.76, 0.56), "aorta": (0.52, 0.6), "vertebral body": (0.5, 0.72),
              "liver": (0.3, 0.42), "stomach": (0.64, 0.38)}
_PELVIS = {"rectum": (0.5, 0.7), "left femoral head": (0.78, 0.5), "right femoral head": (0.22, 0.5)}
_COR_OTHERS = {"urinary bladder": (0.5, 0.86), "heart": (0.52, 0.12), "aorta": (0.52, 0.5)}

PROFILES = [
    dict(target="liver", view=["LP", "LP", "LI"], blobs=[(0.31, 0.42, 0.17, 0.19)], plural=False,
         noun="organ", names=["the liver", "Liver"], me="the liver",
         hints=["makes bile and stores glycogen", "clears bilirubin and makes albumin",
                "would turn the eyes yellow if it failed after years of heavy drinking"],
         give=["the liver", "the hepatic parenchyma", "hepatic tissue", "the livers outline"],
         kb=["The spleen, by contrast, sits on the patient's left under the lower ribs.",
             "The gallbladder hangs from its undersurface.",
             "In adults it usually spans about 15 cm from top to bottom."]),
    dict(target="spleen", view=["LP", "LP", "LI"], blobs=[(0.76, 0.57, 0.06, 0.09)], plural=False,
         noun="organ", names=["the spleen"], me="the spleen",
         hints=["filters old red blood cells", "may rupture after a handlebar injury",
                "enlarges in glandular fever so that contact sports are banned"],
         give=["the spleen", "the splenic tissue", "splenic parenchyma", "the lien"],
         kb=["The liver fills most of the right upper quadrant.",
             "A normal adult one is usually under 12 cm long.",
             "The tail of the pancreas reaches toward its hilum."]),
    dict(target="kidney", view=["LP", "LI"], blobs=[(0.32, 0.64, 0.05, 0.075), (0.69, 0.64, 0.05, 0.075)],
         plural=True, noun="paired organs", names=["the kidneys", "both kidneys"], me="the kidneys",
         hints=["filter the blood to make urine", "release erythropoietin and renin",
                "fail slowly in long-standing diabetes"],
         give=["both kidneys", "the renal parenchyma", "the two kidneys", "renal outlines"],
         kb=["The aorta runs between them in front of the spine.",
             "The adrenal glands sit on top of their upper poles.",
             "An adult one is typically 10 to 12 cm long."]),
    dict(target="left kidney", view=["LP", "LI"], blobs=[(0.69, 0.64, 0.055, 0.08)], plural=False,
         noun="organ", names=["the left kidney"], me="the left kidney",
         hints=["filters blood to make urine and sits below and behind the spleen",
                "receives a vein that crosses in front of the aorta"],
         give=["the left kidney", "the left renal parenchyma", "the kidney", "the renal cortex"],
         kb=["The right kidney usually lies a little lower because the liver sits above it.",
             "The psoas muscle runs along its medial side.",
             "The left renal vein passes in front of the aorta."]),
    dict(target="right kidney", view=["LP"], blobs=[(0.32, 0.65, 0.055, 0.08)], plural=False,
         noun="organ", names=["the right kidney"], me="the right kidney",
         hints=["filters blood to make urine and lies below and behind the liver",
                "would be checked first for a stone in a patient with flank pain on that side"],
         give=["the right kidney", "the right renal unit", "renal tissue", "the kidney"],
         kb=["The left kidney usually sits slightly higher than this one.",
             "The inferior vena cava runs just medial to it.",
             "The liver lies above and in front of it."]),
    dict(target="pancreas", view=["LP"], blobs=[(0.52, 0.42, 0.12, 0.03)], plural=False,
         noun="gland", names=["the pancreas"], me="the pancreas",
         hints=["secretes insulin and digestive enzymes", "hurts through to the back with a very high lipase",
                "makes bicarbonate that neutralises acid entering the small bowel"],
         give=["the pancreas", "the pancreatic gland", "pancreatic tissue", "the pancreatic head and tail"],
         kb=["The splenic vein runs along its back surface.",
             "The duodenum curves around its head on the patient's right.",
             "The stomach lies in front of it."]),
    dict(target="gallbladder", view=["LP"], blobs=[(0.3, 0.43, 0.03, 0.04)], plural=False,
         noun="organ", names=["the gallbladder"], me="the gallbladder",
         hints=["stores and concentrates bile", "causes colicky pain after fatty meals when stones block it"],
         give=["the gallbladder", "the gall bladder", "the cholecyst", "gallbladder wall"],
         kb=["The liver wraps around it from above.",
             "The common bile duct runs down toward the head of the pancreas.",
             "The duodenum lies just medial to its neck."]),
    dict(target="stomach", view=["LP"], blobs=[(0.64, 0.37, 0.1, 0.08)], plural=False,
         noun="organ", names=["the stomach"], me="the stomach",
         hints=["churns food and secretes acid", "makes intrinsic factor for vitamin B12",
                "bleeds after too many anti-inflammatory painkillers"],
         give=["the stomach", "the gastric lumen", "the gastric wall", "the stomachs fundus"],
         kb=["The spleen sits behind and to the left of it.",
             "The pancreas lies behind it across the lesser sac.",
             "The liver covers part of its front on the patient's right."]),
    dict(target="urinary bladder", view=["LP", "LI"], blobs=[(0.5, 0.37, 0.08, 0.07)], plural=False,
         noun="organ", names=["the urinary bladder", "the bladder"], me="the urinary bladder",
         others=_PELVIS,
         hints=["stores urine until it is emptied", "is measured for residual urine after voiding",
                "cannot empty in an older man with an enlarged prostate"],
         give=["the urinary bladder", "the bladder", "the vesical wall", "the bladder lumen"],
         kb=["The rectum lies behind it.", "The femoral heads sit on either side of the pelvis.",
             "An adult one usually holds about 400 to 600 ml."]),
    dict(target="aorta", view=["LP", "LP", "LI"], blobs=[(0.51, 0.6, 0.025, 0.025)], plural=False,
         noun="vessel", names=["the aorta"], me="the aorta",
         hints=["carries oxygenated blood from the heart to the legs",
                "may balloon and rupture in an older smoker with sudden back pain"],
         give=["the aorta", "the abdominal aorta", "the aortic lumen", "aortic wall"],
         kb=["The inferior vena cava runs beside it on the patient's right.",
             "The vertebral body lies directly behind it.",
             "A normal abdominal one is under 3 cm across."]),
    dict(target="iliopsoas", view=["LP"], blobs=[(0.38, 0.62, 0.045, 0.055), (0.62, 0.62, 0.045, 0.055)],
         plural=True, noun="paired muscles", names=["the iliopsoas muscles", "both iliopsoas muscles"],
         me="the iliopsoas muscles", others=_PELVIS,
         hints=["flex the hip", "harbour an abscess in a feverish patient who limps with the hip bent"],
         give=["the iliopsoas muscles", "both psoas muscles", "the psoas", "the iliacus and psoas"],
         kb=["The femoral heads lie further out on each side.", "The rectum sits behind the bladder in the midline.",
             "Each one runs from the lumbar spine to the lesser trochanter of the femur."]),
    dict(target="left iliopsoas", view=["LP"], blobs=[(0.62, 0.62, 0.045, 0.055)], plural=False,
         noun="muscle", names=["the left iliopsoas"], me="the left iliopsoas", others=_PELVIS,
         hints=["flexes the hip on the patient's left", "bled in an anticoagulated patient with left groin pain"],
         give=["the left iliopsoas", "the left psoas", "the left iliacus", "the left psoas major"],
         kb=["Its partner on the right mirrors it.", "The rectum lies in the midline behind the bladder.",
             "It runs down to the lesser trochanter of the femur."]),
    dict(target="liver lesion", view=["LP", "LP", "LI"], blobs="lesion", plural=True,
         noun="abnormality", names=["the liver lesion", "the focal lesion"], me="the liver lesion",
         hints=["shows up as low-density spots inside the organ that makes bile",
                "needs staging in a patient with bowel cancer, inside the organ that makes bile"],
         give=["the liver lesion", "the hepatic mass", "the liver nodules", "the metastases"],
         kb=["The spleen is free of similar spots.", "Bowel cancer often spreads through the portal vein.",
             "The gallbladder is normal."]),
    dict(target="appendix", view=["LP"], blobs=[(0.32, 0.46, 0.02, 0.03)], plural=False,
         noun="structure", names=["the appendix"], me="the appendix",
         hints=["is a blind-ending tube off the caecum that causes pain near McBurney's point when inflamed"],
         give=["the appendix", "the vermiform appendix", "appendiceal wall", "the appendix tip"],
         kb=["The sigmoid colon lies on the patient's left.", "The caecum sits in the right iliac fossa.",
             "In adults it is usually 6 to 9 cm long."]),
]


def record_for(p: dict) -> dict:
    region = "pelvis" if p.get("others") is _PELVIS else "abdomen"
    return {"modality": "CT", "body_region": region, "orientation": p["_view"]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Weights bilateral, midline and multi-region targets a little; fixes the view for this row."""
    pool = profiles + [profiles[2], profiles[10], profiles[12], profiles[9], profiles[8]]
    p = dict(rng.choice(pool))
    p["_view"] = rng.choice(p["view"])
    return p


def _blobs(p: dict, rng: random.Random) -> list:
    if p["blobs"] == "lesion":
        n = rng.choice([1, 2, 2, 3, 3])
        cells = rng.sample([(0.22, 0.36), (0.33, 0.33), (0.25, 0.48), (0.37, 0.45)], n)
        return [(x + rng.uniform(-0.02, 0.02), y + rng.uniform(-0.02, 0.02), rng.uniform(0.015, 0.03),
                 rng.uniform(0.015, 0.03)) for x, y in cells]
    return [(x + rng.uniform(-0.015, 0.015), y + rng.uniform(-0.015, 0.015), rx * rng.uniform(0.85, 1.15),
             ry * rng.uniform(0.85, 1.15)) for x, y, rx, ry in p["blobs"]]


def facts_for(p: dict, rng: random.Random) -> dict:
    """The product's own measurement of a synthetic mask drawn for the profile and its view."""
    from medseg_qa.facts import compute_facts

    view = p.get("_view") or p["view"][0]
    p.setdefault("_view", view)
    blobs = _blobs(p, rng)
    if view == "LI":  # coronal: rows run head to foot; move the blobs to a plausible height
        dy = {"liver": -0.1, "spleen": -0.1, "kidney": 0.0, "left kidney": 0.0, "urinary bladder": 0.45,
              "aorta": -0.1, "liver lesion": -0.1}.get(p["target"], 0.0)
        blobs = [(x, min(0.9, y + dy), rx, ry) for x, y, rx, ry in blobs]
    yy, xx = np.mgrid[0:N, 0:N] / (N - 1)
    mask = np.zeros((N, N), bool)
    for x, y, rx, ry in blobs:
        mask |= ((xx - x) / rx) ** 2 + ((yy - y) / ry) ** 2 <= 1
    others = p.get("others") or (_COR_OTHERS if view == "LI" else _AX_OTHERS)
    others = {k: v for k, v in others.items() if k != p["target"] and k not in p["target"]}
    return compute_facts(mask, view, others=others).model_dump(mode="json")


# --- grammar and true / false sentences about one fact ---------------------------------------------

G = {"it": dict(S="it", be="is", lie="lies", sit="sits", form="forms"),
     "they": dict(S="they", be="are", lie="lie", sit="sit", form="form"),
     "I": dict(S="I", be="am", lie="lie", sit="sit", form="form"),
     "we": dict(S="we", be="are", lie="lie", sit="sit", form="form")}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["toward the front of the body", "anteriorly", "in the front half of the body"],
        "posterior": ["toward the back of the body", "posteriorly", "in the back half of the body"],
        "superior": ["high up, toward the head", "superiorly", "in the upper part of this coronal image"],
        "inferior": ["low down, toward the feet", "inferiorly", "in the lower part of this coronal image"]}


def _f(t: str, g: str) -> str:
    s = t.format(**G[g])
    return s[0].upper() + s[1:]


def side_say(side: str, g: str, rng: random.Random) -> str:
    frames = {
        "left": ["{S} {lie} on the patient's left.", "{S} {be} on the left side of the body.",
                 "{S} {be} left-sided.", "On the patient's left is where {S} {sit}."],
        "right": ["{S} {lie} on the patient's right.", "{S} {be} on the right side of the body.",
                  "{S} {be} right-sided.", "On the patient's right is where {S} {sit}."],
        "midline": ["{S} {sit} in the midline.", "{S} {be} central, straddling the midline.",
                    "{S} {lie} across the midline, neither left nor right."],
        "bilateral": ["{S} {be} bilateral, with one part on each side.", "{S} {be} found on both sides, left and right.",
                      "There is a part on the patient's left and a part on the right."]}[side]
    return _f(rng.choice(frames), g)


def side_false(side: str, g: str, rng: random.Random) -> str:
    if side in ("left", "right"):
        return side_say(OPP[side], g, rng)
    x = rng.choice(["left", "right"])
    if side == "bilateral":
        return _f(rng.choice(["{S} {be} confined to the patient's " + x + " side only.",
                              "{S} {lie} only on the patient's " + x + "; the other side is empty."]), g)
    return _f(rng.choice(["{S} {lie} well over on the patient's " + x + ", away from the midline.",
                          "{S} {be} clearly off to the patient's " + x + " side."]), g)


def vert_say(v: str, g: str, rng: random.Random) -> str:
    if v == "central":
        return _f("{S} {sit} at about mid-depth on this slice.", g)
    return _f(rng.choice(["{S} {lie} " + rng.choice(VERT[v]) + ".", "{S} {sit} " + rng.choice(VERT[v]) + ".",
                          "Its position is " + v + " on this image." if g in ("it", "they") else
                          "My place is " + v + " on this image." if g == "I" else "Our place is " + v + " on this image."]), g)


def rel_say(rel: dict, g: str, rng: random.Random, flip: bool = False) -> str:
    r = FLIP[rel["relation"]] if flip else rel["relation"]
    return _f("{S} {lie} " + rng.choice(REL[r]) + " the " + rel["other"] + ".", g)


def pos_false(facts: dict, g: str, rng: random.Random) -> str:
    rels = [r for r in facts["relations"] if r["relation"] in FLIP]
    v = facts["vertical"]
    if rels and (v == "central" or rng.random() < 0.5):
        return rel_say(rng.choice(rels), g, rng, flip=True)
    if v == "central":
        v = rng.choice(["anterior", "posterior"])  # centre: either far end is false
        return _f("{S} {lie} far " + rng.choice(VERT[v]) + ".", g)
    return vert_say(OPP[v], g, rng)


def pct(facts: dict) -> float:
    return facts["area_fraction"] * 100


def pct_text(x: float) -> str:
    return f"{x:.1f}%" if x < 10 else f"{x:.0f}%"


def size_say(facts: dict, g: str, rng: random.Random) -> str:
    c, t = facts["size_class"], pct_text(pct(facts))
    word = {"small": ["small", "modest in size", "quite small"], "medium": ["medium-sized", "of moderate size", "mid-sized"],
            "large": ["large", "big", "sizeable"]}[c]
    return _f(rng.choice(["{S} {be} " + rng.choice(word) + " on this slice, about " + t + " of the image.",
                          "Size: " + rng.choice(word) + ", roughly " + t + " of the image area." if g in ("it", "they")
                          else "{S} {be} " + rng.choice(word) + ", covering roughly " + t + " of the picture.",
                          "{S} {form} about " + t + " of the image, which is " + rng.choice(word) + "."]), g)


def size_false(facts: dict, g: str, rng: random.Random) -> str:
    c = facts["size_class"]
    if c == "large" or (c == "medium" and rng.random() < 0.5):
        return _f(rng.choice(["{S} {be} tiny on this slice, well under 0.2% of the image.",
                              "{S} {be} very small here, a speck of about 0.1% of the image."]), g)
    big = rng.choice([18, 22, 25, 30])
    return _f(rng.choice(["{S} {be} large on this slice, filling about " + str(big) + "% of the image.",
                          "{S} {be} huge here, roughly " + str(big) + "% of the whole image."]), g)


NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}


def count_say(n: int, g: str, rng: random.Random) -> str:
    if n == 1:
        return _f(rng.choice(["{S} {form} one connected piece.", "{S} {be} a single continuous region.",
                              "{S} {be} all one piece, with no second focus."]), g)
    return _f(rng.choice(["{S} {form} " + NUMW[n] + " separate parts.", "{S} {be} " + NUMW[n] + " distinct regions.",
                          "There are " + NUMW[n] + " separate pieces, not one."]), g)


def count_false(n: int, g: str, rng: random.Random) -> str:
    if n == 1:
        return _f(rng.choice(["{S} {form} two separate pieces.", "{S} {be} split into three distinct regions."]), g)
    return _f(rng.choice(["{S} {form} one single connected piece.", "{S} {be} a single continuous region, not several."]), g)


def true_of(kind: str, facts: dict, g: str, rng: random.Random) -> str:
    if kind == "laterality":
        return side_say(facts["laterality"], g, rng)
    if kind == "position":
        rels = [r for r in facts["relations"] if r["relation"] in FLIP]
        if rels and (facts["vertical"] == "central" or rng.random() < 0.4):
            return rel_say(rng.choice(rels), g, rng)
        return vert_say(facts["vertical"], g, rng)
    if kind == "size":
        return size_say(facts, g, rng)
    return count_say(facts["components"], g, rng)


def false_of(kind: str, facts: dict, g: str, rng: random.Random) -> str:
    return {"laterality": lambda: side_false(facts["laterality"], g, rng),
            "position": lambda: pos_false(facts, g, rng), "size": lambda: size_false(facts, g, rng),
            "count": lambda: count_false(facts["components"], g, rng)}[kind]()


def traps(p: dict, facts: dict, skip: str | None, g: str, rng: random.Random) -> list[str]:
    """True sentences a careless checker may misread (none about the defect's kind)."""
    out = [rng.choice(p["kb"])]
    side = facts["laterality"]
    if skip != "laterality":
        if side in ("left", "right"):
            out += [_f(rng.choice(["{S} {be} not on the " + OPP[side] + ".",
                                   "On screen it shows on the image's " + OPP[side] + ", which is the patient's " + side + "."]), g)]
        elif side == "bilateral":
            out += [_f("{S} {be} not limited to one side.", g)]
        elif side == "midline":
            out += [_f("{S} {be} not off to either side.", g)]
        out += [rng.choice(["Radiological convention shows the patient's right on the viewer's left.",
                            "Remember the display convention: the patient's left is on the right of the screen."])]
    if skip != "count":
        out += ["There is no second focus." if facts["components"] == 1 else
                "It is not a single region." if g == "it" else "Not a single region."]
    return out


def pick_where(defect, rng: random.Random) -> str:
    if defect in (None, "names_target"):
        return "none"
    r = rng.random()
    return "user" if r < 0.22 else "follow" if r < 0.45 else "first"


USER_FALSE = {
    "laterality": ["Why does it sit on the patient's {x}?", "So it is on the patient's {x}, yes? Why there?",
                   "Since it lies on the patient's {x}, what else is nearby?"],
    "size": ["Why is it so {x} on this slice?", "Given that it is {x} here, is that normal?"],
    "count": ["Why are there {x}?", "Since it is {x}, does that matter?"],
}
ME_Q = {"laterality": ["Which side are you on?", "Left or right, where do you live?"],
        "position": ["Where exactly do you sit?", "Are you toward the front or the back?"],
        "size": ["How big are you on this slice?", "And your size?"],
        "count": ["Are you one piece?", "How many pieces do you come in?"]}
FOLLOW_Q = {"laterality": ["Which side, then?", "Which side of the patient is it on?", "Left or right?"],
            "position": ["Front or back?", "Where exactly does it sit?", "Where is it relative to its neighbours?"],
            "size": ["How big is it?", "And its size?", "How much of the image does it cover?"],
            "count": ["How many pieces?", "Is it one piece?", "How many separate regions are there?"]}


def user_false(kind: str, facts: dict, rng: random.Random) -> str:
    """A user question that presupposes one false fact."""
    if kind == "laterality":
        s = facts["laterality"]
        x = ("on the patient's " + OPP[s] if s in OPP else
             ("only on the patient's " if s == "bilateral" else "far over on the patient's ") + rng.choice(["left", "right"]))
        return rng.choice(["Why does it sit " + x + "?", "So it is " + x + ". Why there?",
                           "Since it lies " + x + ", what else is nearby?"])
    if kind == "position":
        rels = [r for r in facts["relations"] if r["relation"] in FLIP]
        if rels and (facts["vertical"] == "central" or rng.random() < 0.5):
            r = rng.choice(rels)
            return ("Why does it lie " + REL[FLIP[r["relation"]]][0] + " the " + r["other"]
                    + " on this slice?")
        v = facts["vertical"]
        v = OPP[v] if v in OPP else rng.choice(["anterior", "posterior"])
        return rng.choice(["Why does it sit so far " + VERT[v][0] + "?",
                           "Given that it lies " + VERT[v][1] + " here, is that typical?"])
    if kind == "size":
        x = "huge, about 25% of the image" if facts["size_class"] != "large" else "tiny, a speck of 0.1%"
        return rng.choice(["Why is it " + x + " on this slice?", "Given that it is " + x + ", is that normal?"])
    x = "in two separate pieces" if facts["components"] == 1 else "all one single connected piece"
    return rng.choice(["Why is it " + x + "?", "Since it is " + x + " here, does that matter?"])


def _mod(p: dict, rng: random.Random) -> str:
    if p["_view"] == "LI":
        return rng.choice(["coronal CT reconstruction", "coronal CT image", "coronal reformat of this CT"])
    if p.get("others") is _PELVIS:
        return rng.choice(["pelvic CT slice", "axial CT of the pelvis", "axial pelvic CT image"])
    return rng.choice(["axial CT slice", "abdominal CT image", "axial contrast CT", "CT slice of the abdomen"])


def first_question(p: dict, style: str, rng: random.Random, name: bool) -> str:
    mod, hint = _mod(p, rng), rng.choice(p["hints"])
    what = (rng.choice(["can you segment " + rng.choice(p["give"]) + " here?",
                        "where is " + rng.choice(p["give"]) + " on this image?"]) if name else
            rng.choice(["which " + p["noun"] + " on this " + mod + " " + hint + "?",
                        "can you find the " + p["noun"] + " that " + hint + " on this " + mod + "?"]))
    if name:
        what += " " + rng.choice(["It " + hint + ".", "The study is a " + mod + "."]) if not p["plural"] else " The study is a " + mod + "."
    if style == "persona":
        return rng.choice(["Answer in the first person, as the structure itself: ", "Role-play time! ",
                           "Speak as if you were the anatomy: "]) + what[0].upper() + what[1:] + " Please segment it."
    if style == "dictation":
        return rng.choice(["Please dictate a short finding for this study: ", "Dictation request: "]) + what \
            + " Leave the spoken punctuation in and segment it."
    if style == "chat":
        return f"{stamp(rng)} @{rng.choice(DOCS)}: @segbot {what} " \
            + rng.choice([":pray:", "thanks!", ":eyes:", "need it for MDT"])
    return rng.choice(["Write me a short rhyme, then a plain answer: ", "Limerick first, facts after: "]) \
        + what + " Please segment it."


_CLOCK = [600]


def stamp(rng: random.Random) -> str:
    """The next timestamp of the thread (minutes rise through one conversation)."""
    _CLOCK[0] += rng.randint(1, 4)
    return f"[{_CLOCK[0] // 60 % 24:02d}:{_CLOCK[0] % 60:02d}]"


DOCS = ["dr_okafor", "mia.rad", "jn_resident", "k.lindqvist", "sam_fellow", "priya.ir"]
_NUM = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
        "8": "eight", "9": "nine"}


def dictate(text: str) -> str:
    """Spoken punctuation left in, as a speech-recognition draft reads."""
    import re
    text = re.sub(r"(\d+)\.(\d)", lambda m: m.group(1) + " point " + " ".join(_NUM[c] for c in m.group(2)), text)
    text = re.sub(r"\d+", lambda m: " ".join(_NUM[c] for c in m.group(0)) if len(m.group(0)) == 1 else
                  {"10": "ten", "12": "twelve", "15": "fifteen", "18": "eighteen", "22": "twenty-two",
                   "25": "twenty-five", "30": "thirty", "400": "four hundred", "600": "six hundred"}.get(
                      m.group(0), m.group(0)), text)
    text = text.replace("%", " percent").replace(", ", " comma ").replace(": ", " colon ").replace("; ", " semicolon ")
    text = re.sub(r"\.(\s|$)", r" full stop\1", text)
    text = text.replace("?", " question mark")
    return re.sub(r"\s+", " ", text).strip()


def render(style: str, p: dict, g: str, sents: list[str], rhyme_kinds: list, facts: dict,
           rng: random.Random, first: bool) -> str:
    """One assistant turn in the register; `first` adds the identification and the [SEG] token."""
    name = rng.choice(p["names"])
    if style == "persona":
        head = (("We are " if g == "we" else "I am ") + p["me"] + ". [SEG] ") if first else ""
        return head + " ".join(sents)
    if style == "dictation":
        body = " ".join(sents)
        if first:
            return (dictate("Findings: " + name[0].upper() + name[1:] + (" are" if g == "they" or name.startswith("both")
                                                                        else " is") + " identified and segmented.")
                    + " [SEG] " + dictate(body) + " new paragraph " + dictate("Impression: " + name + " as outlined.")
                    + " end of dictation")
        return dictate(body) + rng.choice([" new paragraph", " full stop end of dictation", ""])
    if style == "chat":
        t = f"{stamp(rng)} @segbot: "
        react = rng.choice(["\n:+1: 2  :eyes: 1", "\n:white_check_mark: 1", "", "\n:+1: 1  :brain: 1"])
        if first:
            return t + "That's " + name + " :white_check_mark: [SEG]\n" + "\n".join("- " + s for s in sents) + react
        return t + " ".join(sents) + react
    if first:
        return rhyme(p, facts, g, rhyme_kinds, rng) + "\n\nPlain answer: " + ("these are " if g in ("we", "they") or name.startswith("both") else "this is ") + name + ". [SEG] " + " ".join(sents)
    return " ".join(sents)


def rhyme(p: dict, facts: dict, g: str, kinds: list, rng: random.Random) -> str:
    """Four or six true lines; only facts of `kinds` (never the defect's kind)."""
    lines = [rng.choice(["Look at the scan, open and wide,", "Scroll through the slice, take it in stride,"])]
    s = facts["laterality"]
    if "laterality" in kinds and s in ("left", "right", "midline", "bilateral"):
        lines.append(_f({"left": "{S} keep to the patient's left side.", "right": "{S} keep to the patient's right side.",
                         "midline": "down the midline {S} abide.", "bilateral": "{S} come as a pair, one each side."}[s]
                        .replace("{S} keep", "{S} " + ("keep" if g in ("I", "we", "they") else "keeps"))
                        .replace("{S} abide", "{S} " + ("abide" if g in ("I", "we", "they") else "abides"))
                        .replace("{S} come", "{S} " + ("come" if g in ("I", "we", "they") else "comes")), g))
    else:
        lines.append("there " + p["me"] + (" are" if g in ("we", "they") else " is") + ", clearly applied.")
    n = facts["components"]
    if "count" in kinds:
        lines += ["Segmented here, mask and all,",
                  "in one unbroken piece, that's all." if n == 1 else "in " + NUMW[n] + " separate pieces, that's all."]
    if "size" in kinds:
        lines += ["On this slice, I'm glad to say,",
                  {"small": "it's small", "medium": "it's medium-sized", "large": "it's large"}[facts["size_class"]]
                  + " in the picture today."]
    return "\n".join(lines)


def build(p: dict, facts: dict, style: str, rng: random.Random, defect):
    first_person = style == "persona"
    multi = p["plural"] and facts["components"] >= 2
    g = ("we" if multi else "I") if first_person else ("they" if multi else "it")
    where = pick_where(defect, rng)
    _CLOCK[0] = rng.randint(7 * 60, 17 * 60)
    if multi:
        p = dict(p, me=p["me"].replace("lesion", "lesions"))
    kinds = ["laterality", "position", "size", "count"]
    okk = [k for k in kinds if k != defect]
    rng.shuffle(okk)
    main = okk[:rng.randint(2, len(okk))]
    sents = [true_of(k, facts, g, rng) for k in main]
    if where == "first":
        sents.insert(rng.randint(0, len(sents)), false_of(defect, facts, g, rng))
    tr = traps(p, facts, defect, g, rng)
    sents += rng.sample(tr, rng.randint(1, len(tr)))
    if rng.random() < 0.5:
        sents.append(rng.choice(["I am fairly confident in this outline.", "The outline is most likely complete.",
                                 "Confidence: high, though a second look never hurts."]))
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": render(style, p, g, sents, [k for k in kinds if k != defect],
                                                     facts, rng, True)}]
    # round 2
    rest = [k for k in kinds if k != defect]
    if where == "user":
        q = user_false(defect, facts, rng)
        a = [rng.choice(p["kb"]), true_of(rng.choice(rest), facts, g, rng)]
    elif where == "follow":
        q = rng.choice(FOLLOW_Q[defect])
        a = [false_of(defect, facts, g, rng)]
    else:
        k = rng.choice(rest)
        if style == "chat" and k in ("laterality", "size", "count") and rng.random() < 0.7:
            wrong = user_false(k, facts, rng)  # a colleague's wrong guess, corrected below
            q = wrong
            a = ["Not quite:", true_of(k, facts, g, rng)]
            if k == "laterality":
                a.append("The screen shows the patient's right on the viewer's left, which trips people up.")
        elif rng.random() < 0.25:
            q = rng.choice(["Why is that?", "Why that one?", "Why is that the answer?"])
            a = ["Because " + ("those are the " if p["plural"] else "that is the ") + p["noun"] + " that " + p["hints"][0] + ".", rng.choice(p["kb"])]
        else:
            q = rng.choice(FOLLOW_Q[k])
            a = [true_of(k, facts, g, rng)]
    if style == "chat":
        q = f"{stamp(rng)} @{rng.choice(DOCS)}: " + q \
            + rng.choice(["", " :thinking:", " @segbot"])
    elif style == "persona" and q in sum(FOLLOW_Q.values(), []) and rng.random() < 0.6:
        q = rng.choice(ME_Q[k if where != "follow" else defect])
    turns += [{"role": "user", "content": q}, {"role": "assistant", "content": render(style, p, g, a, [], facts, rng, False)}]
    if rng.random() < 0.4:
        k = rng.choice(rest)
        q = rng.choice(FOLLOW_Q[k])
        if style == "chat":
            q = f"{stamp(rng)} @{rng.choice(DOCS)}: " + q
        turns += [{"role": "user", "content": q},
                  {"role": "assistant", "content": render(style, p, g, [true_of(k, facts, g, rng)], [], facts, rng, False)}]
    return turns, ([defect] if defect else [])
