"""Bank CZ: abdomen and pelvis, axial CT/MR ("LP") and a few coronal MR ("LI") slices.

Targets: liver, spleen, gallbladder, pancreas, aorta, inferior vena cava, right kidney, left kidney, kidneys
(bilateral), psoas major muscles (bilateral), left psoas major muscle, urinary bladder, uterus, prostate, rectum,
liver metastases (several regions), retroperitoneal lymph nodes (several regions, both sides), and coronal MR
liver, spleen, kidneys and bladder.
Registers (STYLES): "gpt" (heading, bold key facts, bullets, closing line), "claude" (measured prose, no lists),
"smallmodel" (repetitive, restates the question, odd grammar), "edited" (clipped physician edit, abbreviations,
bracketed notes).
Written without reading QC. Every claim on the target goes into a ledger (LEDGER) that the writer's own reader
(/work/notes/qccz_scripts/check_cz.py) checks against the facts: rows: 420 clean: 210 laterality: 42 position: 42
size: 42 count: 42 names_target: 42 problems: 0; defects placed in the first answer 98, a follow-up answer 36, a user
premise 34; 228 rows are bilateral, midline or multi-region masks.
"""

import json
import math
import random

import numpy as np

STYLES = ["gpt", "claude", "smallmodel", "edited"]
LEDGER = []  # one entry per build(): the claims made about the target, for the writer's own reader

# geometry: list of ellipses (cx, cy, rx, ry) on a 256x256 grid; others: neighbour centroids (x, y) in [0, 1]
PROFILES = [
    dict(target="liver", name="liver", mod="CT", region="abdomen", o="LP", ell=[(80, 118, 50, 46)],
         others={"spleen": (0.75, 0.58), "aorta": (0.52, 0.6), "stomach": (0.64, 0.42)},
         bad=["liver", "hepat", "hepar"], kind="organ"),
    dict(target="spleen", name="spleen", mod="CT", region="abdomen", o="LP", ell=[(190, 152, 22, 30)],
         others={"liver": (0.3, 0.46), "left kidney": (0.66, 0.66), "stomach": (0.62, 0.42)},
         bad=["spleen", "splen"], kind="organ"),
    dict(target="gallbladder", name="gallbladder", mod="CT", region="abdomen", o="LP", ell=[(72, 100, 13, 10)],
         others={"liver": (0.32, 0.47), "duodenum": (0.44, 0.5)},
         bad=["gallbladder", "gall bladder", "cholecyst"], kind="organ"),
    dict(target="pancreas", name="pancreas", mod="CT", region="abdomen", o="LP", ell=[(134, 130, 40, 9)],
         others={"aorta": (0.51, 0.6), "stomach": (0.6, 0.38), "spleen": (0.76, 0.58)},
         bad=["pancrea"], kind="midline"),
    dict(target="aorta", name="aorta", mod="CT", region="abdomen", o="LP", ell=[(131, 152, 10, 10)],
         others={"inferior vena cava": (0.41, 0.57), "pancreas": (0.52, 0.5), "vertebral body": (0.5, 0.7)},
         bad=["aort"], kind="midline"),
    dict(target="inferior vena cava", name="inferior vena cava", mod="CT", region="abdomen", o="LP",
         ell=[(104, 146, 9, 7)], others={"aorta": (0.52, 0.6), "liver": (0.3, 0.46)},
         bad=["vena cava", "ivc", "caval", "cava"], kind="vessel"),
    dict(target="right kidney", name="right kidney", mod="CT", region="abdomen", o="LP", ell=[(86, 166, 16, 22)],
         others={"liver": (0.3, 0.45), "aorta": (0.52, 0.6), "psoas major muscle": (0.4, 0.66)},
         bad=["kidney", "renal", "nephr"], kind="organ"),
    dict(target="left kidney", name="left kidney", mod="CT", region="abdomen", o="LP", ell=[(170, 166, 16, 22)],
         others={"spleen": (0.75, 0.56), "aorta": (0.51, 0.6), "pancreas": (0.55, 0.5)},
         bad=["kidney", "renal", "nephr"], kind="organ"),
    dict(target="kidneys", name="kidneys", mod="CT", region="abdomen", o="LP",
         ell=[(86, 166, 16, 22), (170, 166, 16, 22)], others={"aorta": (0.51, 0.58), "liver": (0.3, 0.44)},
         bad=["kidney", "renal", "nephr"], kind="paired"),
    dict(target="psoas major muscles", name="psoas major muscles", mod="CT", region="abdomen", o="LP",
         ell=[(104, 172, 10, 15), (152, 172, 10, 15)], others={"aorta": (0.51, 0.55), "kidneys": (0.5, 0.62)},
         bad=["psoas"], kind="paired"),
    dict(target="left psoas major muscle", name="left psoas major muscle", mod="MR", region="abdomen", o="LP",
         ell=[(153, 172, 10, 15)], others={"aorta": (0.51, 0.55), "left kidney": (0.68, 0.62)},
         bad=["psoas"], kind="muscle"),
    dict(target="urinary bladder", name="urinary bladder", mod="CT", region="pelvis", o="LP",
         ell=[(128, 100, 32, 24)], others={"rectum": (0.5, 0.68), "left femoral head": (0.74, 0.5)},
         bad=["bladder", "vesic", "cyst", "urinary"], kind="midline"),
    dict(target="uterus", name="uterus", mod="MR", region="pelvis", o="LP", ell=[(128, 128, 26, 19)],
         others={"urinary bladder": (0.5, 0.36), "rectum": (0.5, 0.7)},
         bad=["uter", "womb", "hyster", "endometri", "myometri"], kind="midline"),
    dict(target="prostate", name="prostate", mod="MR", region="pelvis", o="LP", ell=[(128, 142, 14, 12)],
         others={"rectum": (0.5, 0.7), "pubic symphysis": (0.5, 0.3)},
         bad=["prostat"], kind="midline"),
    dict(target="rectum", name="rectum", mod="MR", region="pelvis", o="LP", ell=[(128, 176, 14, 12)],
         others={"urinary bladder": (0.5, 0.4), "sacrum": (0.5, 0.85)},
         bad=["rect", "anorect"], kind="midline"),
    dict(target="liver metastases", name="liver metastases", mod="CT", region="abdomen", o="LP",
         ell=[(66, 98, 7, 6), (96, 128, 8, 7), (62, 142, 6, 6)], others={"aorta": (0.52, 0.6), "spleen": (0.75, 0.58)},
         bad=["metasta", "liver", "hepat", "mets", "secondar"], kind="lesions"),
    dict(target="retroperitoneal lymph nodes", name="retroperitoneal lymph nodes", mod="CT", region="abdomen",
         o="LP", ell=[(108, 150, 6, 5), (152, 152, 6, 6), (156, 134, 5, 5)], others={"liver": (0.3, 0.45)},
         bad=["lymph", "node", "nodal", "adenopath"], kind="lesions"),
    dict(target="liver", name="liver", mod="MR", region="abdomen", o="LI", ell=[(82, 86, 50, 38)],
         others={"spleen": (0.73, 0.38), "right kidney": (0.35, 0.6)},
         bad=["liver", "hepat", "hepar"], kind="organ"),
    dict(target="spleen", name="spleen", mod="MR", region="abdomen", o="LI", ell=[(186, 96, 20, 28)],
         others={"liver": (0.32, 0.34), "left kidney": (0.66, 0.6)},
         bad=["spleen", "splen"], kind="organ"),
    dict(target="kidneys", name="kidneys", mod="MR", region="abdomen", o="LI",
         ell=[(92, 156, 15, 26), (164, 150, 15, 26)], others={"liver": (0.32, 0.34), "urinary bladder": (0.5, 0.85)},
         bad=["kidney", "renal", "nephr"], kind="paired"),
    dict(target="urinary bladder", name="urinary bladder", mod="MR", region="pelvis", o="LI",
         ell=[(128, 212, 26, 18)], others={"kidneys": (0.5, 0.6), "uterus": (0.5, 0.72)},
         bad=["bladder", "vesic", "cyst", "urinary"], kind="midline"),
]

# implicit first questions (never name the target)
ASK = {
    "liver": ["which organ makes bile and stores glycogen", "which organ would you biopsy for suspected cirrhosis",
              "where does the portal vein carry blood from the gut", "which organ swells and becomes tender in viral jaundice"],
    "spleen": ["which organ filters old red cells and enlarges in mononucleosis", "which organ might rupture after a left-sided rib injury",
               "which lymphoid organ would be removed in refractory ITP"],
    "gallbladder": ["which small pear-shaped sac stores bile", "what does a positive Murphy's sign point to",
                    "where do cholesterol stones usually form"],
    "pancreas": ["which gland secretes insulin and digestive enzymes", "which organ is inflamed when lipase is 10 times normal",
                 "which retroperitoneal gland lies behind the stomach"],
    "aorta": ["which vessel carries oxygenated blood from the heart down through the abdomen",
              "which vessel dilates into an aneurysm in elderly smokers", "which large artery runs just in front of the spine"],
    "inferior vena cava": ["which vein returns blood from the legs and abdomen to the right atrium",
                           "which large vein would a filter be placed in for recurrent PE",
                           "which vessel runs beside the aorta and carries deoxygenated blood upward"],
    "right kidney": ["which organ filters blood to make urine, on the side below the liver",
                     "which organ on the patient's right sits below the liver and makes urine"],
    "left kidney": ["which urine-producing organ sits just below the spleen",
                    "which bean-shaped organ lies near the spleen and makes urine"],
    "kidneys": ["which paired organs filter the blood and make urine", "which organs are affected when creatinine rises in AKI",
                "what paired retroperitoneal organs produce erythropoietin"],
    "psoas major muscles": ["which paired muscles flex the hip and run along the lumbar spine",
                            "which hip flexors lie on either side of the lumbar vertebrae"],
    "left psoas major muscle": ["which hip flexor on the patient's left runs beside the lumbar spine",
                                "which muscle would an abscess track along from the left side of the lumbar spine to the groin"],
    "urinary bladder": ["which hollow organ stores urine before voiding", "what organ fills up when someone cannot void"],
    "uterus": ["which muscular organ carries a pregnancy", "where do fibroids (leiomyomas) usually grow"],
    "prostate": ["which gland enlarges in older men and causes hesitancy", "which gland is sampled after a raised PSA"],
    "rectum": ["which final segment of the bowel sits in front of the sacrum", "where does a low bowel cancer sit that needs TME surgery"],
    "liver metastases": ["what are these multiple low-attenuation spots in a patient with known colon cancer",
                         "what do these several hypodense lesions in the upper right abdomen most likely represent in a staging CT"],
    "retroperitoneal lymph nodes": ["what are these small round soft-tissue nodules around the great vessels in a patient with Hodgkin disease",
                                    "which structures enlarge around the aorta in testicular cancer staging"],
}
NAMED_ASK = {  # names_target: the first question names the target
    "liver": ["Please segment the liver here.", "Can you outline the hepatic parenchyma on this slice?"],
    "spleen": ["Segment the spleen please.", "Outline the splenic tissue on this image."],
    "gallbladder": ["Segment the gallbladder.", "Could you outline the gall bladder?"],
    "pancreas": ["Please segment the pancreas.", "Outline the pancreatic gland on this slice."],
    "aorta": ["Segment the abdominal aorta.", "Can you draw the aortic lumen here?"],
    "inferior vena cava": ["Segment the inferior vena cava.", "Outline the IVC please."],
    "right kidney": ["Please segment the right kidney.", "Outline the right renal parenchyma."],
    "left kidney": ["Please segment the left kidney.", "Outline the left renal parenchyma."],
    "kidneys": ["Segment both kidneys.", "Outline the renal parenchyma on this slice."],
    "psoas major muscles": ["Segment the psoas muscles.", "Outline both psoas major muscles."],
    "left psoas major muscle": ["Segment the left psoas.", "Outline the left psoas major muscle."],
    "urinary bladder": ["Segment the urinary bladder.", "Outline the bladder please."],
    "uterus": ["Segment the uterus.", "Outline the uterine body on this MR slice."],
    "prostate": ["Segment the prostate gland.", "Outline the prostatic tissue."],
    "rectum": ["Segment the rectum.", "Outline the rectal wall and lumen."],
    "liver metastases": ["Segment the liver metastases.", "Outline the hepatic mets on this staging CT."],
    "retroperitoneal lymph nodes": ["Segment the retroperitoneal lymph nodes.", "Outline the enlarged nodes here."],
}
KNOW = {  # knowledge about OTHER structures, with side/position/size words and population numbers
    "abdomen": ["The left renal vein normally crosses in front of the aorta, just below the superior mesenteric artery.",
                "The right kidney usually sits a little lower than the left because the liver is above it.",
                "The spleen lies on the left, tucked under the ribs, and is small in most adults (under 13 cm).",
                "A retroaortic left renal vein, passing behind the aorta, is seen in roughly 2-3% of people.",
                "The inferior vena cava runs on the right of the aorta, and the IVC is usually the larger, flatter of the two.",
                "Accessory spleens are found in about 10-30% of autopsies, usually near the splenic hilum on the left.",
                "The caudate lobe drains directly into the IVC, which is why it often enlarges in Budd-Chiari."],
    "pelvis": ["The sigmoid colon usually loops across from the left side of the pelvis.",
               "The seminal vesicles sit behind the bladder base, one on each side.",
               "In about 20% of women the uterus is retroverted, tilted back toward the sacrum.",
               "The femoral heads sit far laterally, one on the right and one on the left, well away from the midline.",
               "The rectum lies posterior, in front of the sacrum and coccyx."],
}
PL = {"liver metastases", "retroperitoneal lymph nodes", "kidneys", "psoas major muscles"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["o"])


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry in p["ell"]:
        s = rng.uniform(0.93, 1.07)
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(m, p["o"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------- phrasing of one claim


def cap(s):
    return s[0].upper() + s[1:] if s else s


def pct_text(pct, rng, words=False):
    if pct >= 2:
        v = round(pct)
        if words and v in NUMW:
            return NUMW[v] + " percent"
        return f"{v}%" if rng.random() < 0.7 else f"{v} percent"
    if pct >= 1:
        return f"{pct:.1f}%"
    return f"{pct:.2f}%" if pct < 0.5 else f"{pct:.1f}%"


def side_sent(v, p, st, rng, subj):
    be = "are" if subj.lower().startswith(("they", "these", "the kidneys", "the psoas", "the liver met", "the retro")) else "is"
    img = {"left": "right", "right": "left"}
    if v in ("left", "right"):
        opts = {
            "gpt": [f"**Side:** patient's {v}", f"**Laterality:** {v}-sided (shown on the image's {img[v]}, per radiological convention)"],
            "claude": [f"{cap(subj)} {be} on the patient's {v} side; on screen that is the {img[v]} half, since these images are viewed as if facing the patient.",
                       f"It lies to the patient's {v}, which I mention explicitly because it appears on the {img[v]} of the image.",
                   f"As far as I can tell it is on the patient's {v}."],
            "smallmodel": [f"The side of {subj} is the {v} side of the patient. It is on the {v} side.",
                           f"{cap(subj)} {be} located on the patient {v} side of the body."],
            "edited": [f"{v.upper()[0]} side (pt's {v}).", f"Pt {v}. [img {img[v]} = pt {v}]"],
        }
    elif v == "midline":
        opts = {
            "gpt": ["**Side:** midline", "**Laterality:** central, straddling the midline"],
            "claude": [f"{cap(subj)} {be} essentially midline, straddling the sagittal plane rather than favouring either side.",
                       "It sits on the midline, not off to the right or the left."],
            "smallmodel": [f"{cap(subj)} {be} in the midline. It is in the middle, not left and not right.",
                           f"The side is midline, {subj} is between the left and the right."],
            "edited": ["Midline.", "Midline [not lateralised]."],
        }
    else:  # bilateral
        opts = {
            "gpt": ["**Side:** bilateral (one part on each side)", "**Laterality:** both sides"],
            "claude": ["The mask is bilateral, with tissue on both the patient's right and left.",
                       "There is segmented tissue on both sides of the midline, so this is bilateral."],
            "smallmodel": [f"{cap(subj)} {be} on both side, the right side and the left side. So it is bilateral.",
                           "It is bilateral, it is on the two sides of the patient."],
            "edited": ["Bilat.", "Bilateral [R and L]."],
        }
    return rng.choice(opts[st])


def side_false(true, rng):
    if true in ("left", "right"):
        return rng.choice([OPP[true], OPP[true], "midline"])
    if true == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # bilateral called one-sided


def side_false_sent(v, p, st, rng, subj):
    if v in ("left", "right", "midline"):
        return side_sent(v, p, st, rng, subj)
    raise ValueError(v)


def vert_sent(v, o, st, rng, subj):
    be = "are" if subj.lower().startswith(("they", "these", "the kidneys", "the psoas", "the liver met", "the retro")) else "is"
    if o == "LP":
        word = {"anterior": ("anterior", "toward the front"), "posterior": ("posterior", "toward the back"),
                "central": ("central front to back", "midway between front and back")}[v]
    else:
        word = {"superior": ("superior", "toward the head"), "inferior": ("inferior", "toward the feet"),
                "central": ("central craniocaudally", "midway between top and bottom of the body")}[v]
    opts = {
        "gpt": [f"**Position:** {word[0]}", f"**Position:** {word[1]} ({word[0]})"],
        "claude": [f"Within the slice, {subj} {be} placed {word[1]}, so I would describe the position as {word[0]}.",
                   f"Its position is {word[0]}, lying {word[1]}."],
        "smallmodel": [f"The position of {'them' if subj == 'they' else subj} is {word[0]}. It is {word[1]} in the body.",
                       f"{cap(subj)} {be} {word[1]}, that means {word[0]} position."],
        "edited": [f"{cap(word[0])}.", f"Pos: {word[0]}."],
    }
    return rng.choice(opts[st])


def vert_false(true, o, rng):
    if o == "LP":
        return OPP[true] if true != "central" else rng.choice(["anterior", "posterior"])
    return OPP[true] if true != "central" else rng.choice(["superior", "inferior"])


def size_sent(cls, pct, st, rng, subj, mode):
    """mode 'both' | 'class' | 'pct'."""
    be = "are" if subj.lower().startswith(("they", "these", "the kidneys", "the psoas", "the liver met", "the retro")) else "is"
    pt = pct_text(pct, rng, words=st in ("claude", "smallmodel")) if pct is not None else None
    if mode == "class":
        opts = {"gpt": [f"**Size:** {cls}"], "claude": [f"On this slice {subj} {be} {cls} relative to the image."],
                "smallmodel": [f"The size is {cls}. {cap(subj)} {be} a {cls} size structure."],
                "edited": [f"{cap(cls)}.", f"Size {cls}."]}
    elif mode == "pct":
        opts = {"gpt": [f"**Area:** about {pt} of the image"], "claude": [f"It covers roughly {pt} of the image area."],
                "smallmodel": [f"The area of {subj} is about {pt} of the image, it is {pt} of the image."],
                "edited": [f"~{pt} of FOV."]}
    else:
        opts = {"gpt": [f"**Size:** {cls} (~{pt} of the image)", f"**Size:** about {pt} of the slice, i.e. {cls}"],
                "claude": [f"At roughly {pt} of the image, I would call it {cls}.",
                           f"I'd estimate it takes up about {pt} of the image, which makes it {cls} by the usual thresholds.",
                           f"{cap(subj)} {be} {cls}, occupying about {pt} of the slice."],
                "smallmodel": [f"The size of {subj} is {cls}. It take about {pt} of the image area."],
                "edited": [f"{cap(cls)}, ~{pt} of img.", f"Size: {cls} [{pt}]."]}
    return rng.choice(opts[st])


def count_sent(n, st, rng, kind):
    if n == 1:
        opts = {"gpt": ["**Components:** a single connected region", "**Count:** one piece"],
                "claude": ["The mask is one continuous region, with no separate islands.", "It forms a single connected piece."],
                "smallmodel": ["It is one piece only. The mask is one region, a single one."],
                "edited": ["Single component.", "1 piece."]}
    else:
        w = NUMW.get(n, str(n))
        unit = "lesions" if kind == "lesions" else "parts"
        opts = {"gpt": [f"**Components:** {n} separate {unit}", f"**Count:** {w} distinct regions"],
                "claude": [f"There are {w} separate {unit} in the mask, not joined to one another.",
                           f"I count {w} distinct, separate regions."],
                "smallmodel": [f"There is {w} {unit}. The number of {unit} is {w}, they are separated."],
                "edited": [f"{n} separate {unit}.", f"x{n} [discrete]."]}
    return rng.choice(opts[st])


REL_WORD = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
            "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}


def rel_sent(rel, other, st, rng, subj):
    be = "are" if subj.lower().startswith(("they", "these", "the kidneys", "the psoas", "the liver met", "the retro")) else "is"
    w = REL_WORD[rel]
    opts = {"gpt": [f"**Relation:** {w} the {other}"],
            "claude": [f"{cap(subj)} {be} {w} the {other}.", f"It lies {w} the {other}."],
            "smallmodel": [f"{cap(subj)} {be} {w} the {other}. The {other} is a neighbour of it."],
            "edited": [f"{cap(w)} {other}.", f"Rel: {w} {other}."]}
    return rng.choice(opts[st])


# ---------------------------------------------------------------- the conversation

FOLLOW_Q = {
    "side": ["Which side of the patient is it on?", "Is it on the patient's left or right?", "What about laterality?"],
    "vert": ["Is it more toward the front or the back?", "Where does it sit, front to back?", "And its position in the slice?"],
    "vert_LI": ["Is it high or low in this coronal image?", "Where is it craniocaudally?"],
    "size": ["How big is it on this slice?", "Roughly what share of the image does it take up?", "Is it large?"],
    "count": ["Is it one piece or several?", "How many separate regions did you segment?"],
    "rel": ["What is it next to?", "How does it relate to the neighbouring structures?"],
}

PREMISE = {  # a user's statement of a value; {v} is filled with the (possibly false) value
    "side": ["Since it's on the patient's {v}, what else would you check nearby?",
             "Given it's {v}-sided, does that fit the anatomy?"],
    "vert": ["OK, and since it sits {v} in the slice, what's around it?",
             "Given its {v} position, anything else to note?"],
    "size": ["It looks {v} to me; anything else worth noting?", "Since it's {v} on this slice, is the shape normal?"],
    "count": ["Since there are {v} separate pieces, anything else?", "With {v} separate regions, what would you say about neighbours?"],
    "rel": ["Since it lies {v}, anything else worth knowing?"],
}


def build(p, facts, style, rng, defect):
    o = p["o"]
    name = p["name"]
    pl = name in PL
    subj_name = f"the {name}"
    pron = "they" if pl else "it"
    pct = 100.0 * facts["area_fraction"]
    rels = facts["relations"]
    lat, vert, cls, ncomp = facts["laterality"], facts["vertical"], facts["size_class"], facts["components"]

    # facts to claim and their true values
    avail = ["side", "vert", "size", "count"] + (["rel"] if rels else [])
    rng.shuffle(avail)
    chosen = avail[:rng.choice([3, 4, 5])]
    dkind = {"laterality": "side", "size": "size", "count": "count"}.get(defect)
    if defect == "position":
        dkind = "rel" if rels and rng.random() < 0.5 else "vert"
    if dkind and dkind not in chosen:
        chosen[rng.randrange(len(chosen))] = dkind
    rounds = 3 if rng.random() < 0.5 else 2
    where = None
    if dkind:
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.42 else "first"
    # allocation: A1 gets most facts; follow-up answers get one each
    follow = []
    first = list(chosen)
    if where in ("follow", "user"):
        first.remove(dkind)
        follow.append(dkind)
    for f in list(first):
        if len(follow) < rounds - 1 and len(first) > 2 and f != dkind and rng.random() < 0.4:
            first.remove(f)
            follow.append(f)
    claims = []  # ledger: dict(turn, kind, claimed, true, text)
    relpick = rng.choice(rels) if rels else None

    def claim(kind, turn, false=False, role="assistant"):
        subj = rng.choice([subj_name, pron, "the mask", "the segmented region"]) if not pl else rng.choice([subj_name, "they"])
        if pl and subj == "they":
            subj = "they"
        if kind == "side":
            v = side_false(lat, rng) if false else lat
            t = side_sent(v, p, style, rng, subj)
            return t, dict(turn=turn, kind="laterality", claimed=v, true=lat, text=t)
        if kind == "vert":
            v = vert_false(vert, o, rng) if false else vert
            t = vert_sent(v, o, style, rng, subj)
            return t, dict(turn=turn, kind="position", claimed=v, true=vert, text=t)
        if kind == "size":
            if false:
                if rng.random() < 0.5:
                    v = rng.choice([c for c in ("small", "medium", "large") if c != cls])
                    t = size_sent(v, None, style, rng, subj, "class")
                    return t, dict(turn=turn, kind="size", claimed=v, true=cls, text=t)
                fp = pct * rng.choice([0.2, 0.25, 3.5, 4.0])
                t = size_sent(cls, fp, style, rng, subj, "pct")
                return t, dict(turn=turn, kind="size", claimed=round(fp, 3), true=round(pct, 3), text=t, pct=True)
            mode = rng.choice(["both", "both", "class", "pct"])
            t = size_sent(cls, pct, style, rng, subj, mode)
            return t, dict(turn=turn, kind="size", claimed=cls if mode != "pct" else None, true=cls, text=t,
                           pct_shown=round(pct, 3) if mode != "class" else None)
        if kind == "count":
            v = (ncomp + rng.choice([1, 2]) if ncomp == 1 else rng.choice([1, ncomp + 1])) if false else ncomp
            t = count_sent(v, style, rng, p["kind"])
            return t, dict(turn=turn, kind="count", claimed=v, true=ncomp, text=t)
        if kind == "rel":
            rel = relpick["relation"]
            v = REL_OPP[rel] if false else rel
            t = rel_sent(v, relpick["other"], style, rng, subj)
            return t, dict(turn=turn, kind="position", claimed=v, true=rel, text=t, other=relpick["other"])
        raise ValueError(kind)

    # ---------------- first question
    ask = rng.choice(ASK[name])
    it = "them" if pl else "it"
    scan = {"CT": "CT", "MR": "MRI"}[p["mod"]]
    plane = "axial" if o == "LP" else "coronal"
    if defect == "names_target":
        q1 = rng.choice([f"{rng.choice(NAMED_ASK[name])} It's {'an' if plane == 'axial' else 'a'} {plane} {scan} of the {p['region']}.",
                         f"On this {plane} {scan} slice: {rng.choice(NAMED_ASK[name]).lower()}"])
    else:
        q1 = rng.choice([
            f"On this {plane} {scan} slice of the {p['region']}, {ask}? Please segment {it}.",
            f"Looking at this {scan} image ({plane}), {ask}? Can you outline {it}?",
            f"{cap(ask)}? Segment {it} on this {plane} {scan}, please.",
            f"Quick one for a teaching file: {ask}? I'd like a mask on this {scan} slice."])
        if rng.random() < 0.3:
            q1 = rng.choice(["Hi! ", "Question: "]) + q1 if rng.random() < 0.6 else "Hello, " + q1[0].lower() + q1[1:]
    turns = [dict(role="user", content=q1)]

    # ---------------- first answer
    parts = []
    for f in first:
        t, c = claim(f, 1, false=(f == dkind and where == "first"))
        claims.append(c)
        parts.append(t)
    know = rng.sample(KNOW[p["region"]], 3)
    conv = ""
    if lat in ("left", "right") and "side" in chosen and dkind != "side" and rng.random() < 0.5:
        conv = (f"Remember the image's {OPP[lat]} side corresponds to the patient's {lat} here, "
                "because the slice is displayed in radiological convention.")
        claims.append(dict(turn=1, kind="laterality", claimed=lat, true=lat, text=conv))
    neg = ""
    if dkind != "side" and lat in ("left", "right") and rng.random() < 0.4:
        neg = f"It is not on the patient's {OPP[lat]}."
        claims.append(dict(turn=1, kind="laterality", claimed=lat, true=lat, text=neg))
    hypo = ""
    if dkind != "side" and lat in ("left", "right") and rng.random() < 0.3:
        hypo = (f"If the mask had been on the patient's {OPP[lat]} instead, I would have reconsidered the label.")
    A = {
        "gpt": lambda: (f"### {cap(name)}\n\n{'These structures are' if pl else 'The structure is'} the **{name}** [SEG].\n\n" +
                        "\n".join(f"- {t}" for t in parts) +
                        (f"\n- {neg}" if neg else "") +
                        f"\n\n**Context:** {know[0]}" + (f" {conv}" if conv else "") +
                        f"\n\nIn short, the segmentation matches the expected appearance of the {name}."),
        "claude": lambda: (f"{'These look' if pl else 'This looks'} like the {name} [SEG]. " + (f"{conv} " if conv else "") + " ".join(parts) +
                           (f" {neg}" if neg else "") + (f" {hypo}" if hypo else "") +
                           f" As a point of anatomy, {know[0][0].lower() + know[0][1:]} I'd add the caveat that a single slice "
                           "can understate an organ's full extent."),
        "smallmodel": lambda: (f"You are asking {ask}. The answer is the {name}. The {name} is segmented here [SEG]. " +
                               " ".join(parts) + (f" {neg}" if neg else "") + (f" {conv}" if conv else "") +
                               f" Also, {know[0][0].lower() + know[0][1:]} So the answer is the {name}."),
        "edited": lambda: (f"{cap(name)} [SEG]. " + " ".join(parts) + (f" {neg}" if neg else "") +
                           f" [edit: {know[0]}]" + (f" [{conv}]" if conv else "") + (" [hypothetical: " + hypo + "]" if hypo else "")),
    }
    turns.append(dict(role="assistant", content=A[style]()))

    # ---------------- follow-up rounds
    corrected = False
    for r in range(1, rounds):
        tn = 2 * r
        if where == "user" and r == 1:
            # false premise in the user turn; the answer addresses another fact, never the premised one
            f = dkind
            t_fake, c = claim(f, tn, false=True, role="user")
            v = c["claimed"]
            if f == "side":
                vtxt = v if v != "midline" else "midline"
                q = rng.choice(PREMISE["side"]).format(v=vtxt)
                if v == "midline":
                    q = "Since it's right in the midline, what else would you check nearby?"
            elif f == "vert":
                q = rng.choice(PREMISE["vert"]).format(v=v)
            elif f == "size":
                if c.get("pct"):
                    q = f"It's about {pct_text(v, rng)} of the image, right? Anything else worth noting?"
                else:
                    q = rng.choice(PREMISE["size"]).format(v=v)
            elif f == "count":
                q = rng.choice(PREMISE["count"]).format(v=NUMW.get(v, str(v)))
            else:
                q = rng.choice(PREMISE["rel"]).format(v=f"{REL_WORD[v]} the {c['other']}")
            c["text"] = q
            c["role"] = "user"
            claims.append(c)
            # answer: knowledge only, plus any unallocated follow-up fact
            extra = [g for g in follow if g != dkind]
            body = []
            for g in extra[:1]:
                t, cc = claim(g, tn + 1)
                claims.append(cc)
                body.append(t)
                follow.remove(g)
            k = know[1]
            ans = {"gpt": f"Good question. **Worth noting:** {k}" + (f"\n- {body[0]}" if body else "") + "\n\nOverall nothing else stands out.",
                   "claude": f"That's a reasonable next step. {k} " + (body[0] + " " if body else "") + "Beyond that, nothing on this slice changes the interpretation.",
                   "smallmodel": f"You ask about this one. Okay, {k[0].lower() + k[1:]} " + (body[0] + " " if body else "") + "That is the thing to note.",
                   "edited": f"{k} " + (body[0] + " " if body else "") + "[nothing else]"}[style]
            turns += [dict(role="user", content=q), dict(role="assistant", content=ans)]
            continue
        if follow:
            f = follow.pop(0)
            false = (f == dkind and where == "follow")
            if f == "side" and not false and not corrected and lat in ("left", "right", "midline") and rng.random() < 0.4:
                wrong = OPP[lat] if lat in ("left", "right") else "left"
                q = f"I thought it was on the patient's {wrong}. Is that right?"
                t, c = claim("side", tn + 1)
                ans = {"gpt": f"**Not quite.** {t}", "claude": f"Not quite. {t}",
                       "smallmodel": f"No, this is not correct. {t}", "edited": f"No. {t}"}[style]
                claims.append(c)
                claims.append(dict(turn=tn, kind="laterality", claimed=wrong, true=lat, text=q, role="user", corrected=True))
                corrected = True
            else:
                key = "vert_LI" if (f == "vert" and o == "LI") else f
                q = rng.choice(FOLLOW_Q[key])
                t, c = claim(f, tn + 1, false=false)
                claims.append(c)
                lead = {"gpt": "", "claude": "", "smallmodel": "You ask this question. ", "edited": ""}[style]
                ans = lead + t
                if style == "claude":
                    ans += " That is measured on this slice only."
            turns += [dict(role="user", content=q), dict(role="assistant", content=ans)]
        else:
            q = rng.choice(["Any clinical pearls?", "Anything a trainee should remember here?",
                            "Anything else anatomically relevant nearby?"])
            k = know[r]
            ans = {"gpt": f"**Teaching point:** {k}", "claude": f"One point worth remembering: {k}",
                   "smallmodel": f"A pearl is this one. {k} That is a pearl.", "edited": f"{k} [teaching]"}[style]
            turns += [dict(role="user", content=q), dict(role="assistant", content=ans)]

    expected = [] if defect is None else [defect]
    LEDGER.append(dict(target=p["target"], o=o, bad=p["bad"], defect=defect, where=where, claims=claims,
                       turns=turns, q1=q1))
    return turns, expected
