"""Bank EC: "the four classic registers, written fresh". Written without reading QC.

Targets (50 profiles, masks drawn as ellipses on a 256 x 256 grid, neighbours as normalised centroids):
  axial CT/MR (LP): liver, spleen, left kidney, right kidney, kidneys, pancreas, aorta, gallbladder, liver tumors
    (3 lesions), kidney cysts (3, bilateral), adrenal glands, stomach, psoas muscles, urinary bladder, prostate,
    uterus, ovaries, femoral heads, rectum, heart, lungs, right lung, left lung, esophagus, lung nodules (3,
    bilateral), pleural effusion, trachea, brain metastases (3, bilateral), lateral ventricles (midline, 2 pieces),
    glioma, hippocampus (bilateral), cerebellum, subdural hematoma, multiple sclerosis lesions (4, bilateral)
  coronal (LI): liver, kidneys, spleen, urinary bladder, psoas muscles
  chest X-ray (XR, LI): lungs, heart, pneumothorax, pleural effusion, lung nodule, clavicles, trachea
  photos (orientation None): polyp (endoscopy), skin lesion (dermoscopy), optic disc (fundus, "other"),
    cell nuclei (microscopy, 5 pieces)
  29 of the 50 are bilateral, midline or multi-piece.

Registers (STYLES):
  terse_radiologist  clipped report lines, Lt/Rt/ant/post, no articles
  tutor              Socratic: explains the reasoning, asks the learner questions and answers them
  chatty_markdown    headings, bold, bullet lists, the odd emoji, a friendly sign-off
  numbers_as_words   every number spelled out ("about two point three percent", "three separate pieces")

Every claim the bank writes about the target's side, position, relation to a neighbour, size class, percent
or count is logged in LEDGERS (one list per build call, in call order), which the writer's own reader
(check_ec.py, outside the repo) replays against the facts. Own check on SEED 20261260: rows: 420 clean: 210
laterality: 42 position: 42 size: 42 count: 42 names_target: 42 problems: 0 (2835 logged claims, 72 user mistakes
corrected in clean rows; planted defects: 95 in the first answer, 40 in a follow-up answer, 33 in a user turn
that the assistant lets stand; 245 of 420 rows have a bilateral, midline or multi-piece mask; 37 photo rows;
output identical under different PYTHONHASHSEED values). Clean rows also carry true sentences a checker could misread (the radiological convention,
true negations, knowledge about other structures with side/position words, population percentages,
hypotheticals, learner questions, and user mistakes that the assistant explicitly corrects).
"""

import json  # noqa: F401  (the bank's allowed modules: numpy, random, math, json)
import math  # noqa: F401
import random  # noqa: F401

import numpy as np

STYLES = ["terse_radiologist", "tutor", "chatty_markdown", "numbers_as_words"]
_TE, _TU, _CH, _NW = STYLES
KINDS = ["laterality", "position", "size", "count", "names_target"]
LEDGERS = []  # one entry per build() call: {"target", "style", "defect", "slot", "place", "claims": [...]}

# ---------------------------------------------------------------------------------------------------------------
# small text helpers (no regular expressions: the bank keeps to numpy, random, math and json)
# ---------------------------------------------------------------------------------------------------------------

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _iw(n):
    """An integer in words (0 to 999,999)."""
    n = int(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + _iw(n % 100))
    rest = n % 1000
    return _iw(n // 1000) + " thousand" + ("" if rest == 0 else (" and " if rest < 100 else " ") + _iw(rest))


def _nw(s):
    """A number written with digits ("2.3", "1,000", "0.17") in words."""
    s = str(s).replace(",", "")
    if "." in s:
        a, b = s.split(".")
        return _iw(int(a)) + " point " + " ".join(_ONES[int(c)] for c in b)
    return _iw(int(s))


def _fill(text, reg):
    """Replace <<N>> / <<N%>> markers by digits, or by words in the numbers_as_words register."""
    out, i = [], 0
    while True:
        j = text.find("<<", i)
        if j < 0:
            out.append(text[i:])
            break
        k = text.find(">>", j)
        out.append(text[i:j])
        x = text[j + 2:k]
        pc = x.endswith("%")
        x = x[:-1] if pc else x
        if reg == _NW:
            out.append(_nw(x) + (" percent" if pc else ""))
        else:
            out.append(x + ("%" if pc else ""))
        i = k + 2
    s = "".join(out)
    if reg == _NW:
        for a, b in (("T2", "T-two"), ("Ki-67", "Ki-sixty-seven"), ("H&E", "H and E"), (" cm ", " centimetres "),
                     (" cm.", " centimetres."), (" cm,", " centimetres,"), (" mm ", " millimetres "), (" mm.", " millimetres."),
                     (" mL ", " millilitres "), (" mL.", " millilitres."), (" kg ", " kilograms "), (" kg.", " kilograms.")):
            s = s.replace(a, b)
    return s


_TERSE_PHRASE = [("inferior vena cava", "IVC"), ("superior vena cava", "SVC"),
                 ("superior mesenteric artery", "SMA"), ("cerebrospinal fluid", "CSF"),
                 ("approximately", "approx"), ("people", "pts"), ("patients", "pts"), ("patient's", "pt's")]
_TERSE_WORD = {"left": "Lt", "right": "Rt", "anterior": "ant", "posterior": "post"}
_PUNCT = ".,;:()'\"?!"


def _terse(s):
    """Report-line shorthand: Lt/Rt/ant/post, no articles."""
    for a, b in _TERSE_PHRASE:
        s = s.replace(a, b).replace(a[0].upper() + a[1:], b)
    out = []
    for w in s.split(" "):
        core = w.strip(_PUNCT)
        if core.lower() in ("the", "a", "an") and core == w:
            continue
        head, _, tail = core.partition("-")
        key = head.lower()
        if key in _TERSE_WORD:
            new = _TERSE_WORD[key] + ("-" + tail if tail else "")
            w = w.replace(core, new)
        out.append(w)
    s = " ".join(out)
    return s[:1].upper() + s[1:]


_PROPER = ("Helicobacter", "Broca's", "Barrett's", "Bosniak", "Ki-67", "IDH-mutant", "Dawson's", "Murphy's", "Langerhans")


def _lc(k):
    """Lower-case a sentence's first letter to run it on after a colon (not for names and acronyms)."""
    w0 = k.split(" ")[0]
    if w0 in _PROPER or not w0[1:].islower():
        return k
    return k[:1].lower() + k[1:]


def _cap(s):
    return s[:1].upper() + s[1:] if s else s


_PLV = {"is": "are", "sits": "sit", "lies": "lie", "covers": "cover", "has": "have", "takes": "take",
        "appears": "appear", "occupies": "occupy", "shows": "show", "looks": "look", "was": "were", "does": "do",
        "fills": "fill", "makes": "make", "forms": "form", "measures": "measure", "straddles": "straddle",
        "crosses": "cross", "spans": "span", "stays": "stay", "extends": "extend", "comes": "come",
        "reaches": "reach", "projects": "project", "ends": "end", "falls": "fall", "belongs": "belong",
        "accounts": "account", "isn't": "aren't", "doesn't": "don't", "hugs": "hug", "consists": "consist",
        "favours": "favour", "keeps": "keep", "needs": "need", "lands": "land", "counts": "count"}
_PRON = {"it": "they", "It": "They", "its": "their", "Its": "Their", "itself": "themselves", "obj": "them"}

_PIECES = {"lesion": "lesions", "cyst": "cysts", "nodule": "nodules", "kidney": "kidneys", "gland": "glands",
           "muscle": "muscles", "ovary": "ovaries", "head": "heads", "lung": "lungs", "ventricle": "ventricles",
           "hippocampus": "hippocampi", "clavicle": "clavicles", "nucleus": "nuclei", "piece": "pieces",
           "part": "parts"}

_HEMI = {"abdomen": "hemiabdomen", "chest": "hemithorax", "pelvis": "hemipelvis", "brain": "hemicranium"}
_HEMI_PLAIN = {"abdomen": "half of the abdomen", "chest": "half of the chest", "pelvis": "half of the pelvis",
               "brain": "half of the head"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper"}
_RFLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
          "superior_to": "inferior_to", "inferior_to": "superior_to"}
_LT = {"left": "Lt", "right": "Rt"}

# vertical position phrases: (orientation, value) -> plain phrases, terse phrases
_VP = {
    ("LP", "anterior"): (["toward the front of the body", "anteriorly", "in the anterior half of the slice",
                          "in the front part of the body"], ["ant", "anteriorly placed", "ant half of slice"]),
    ("LP", "posterior"): (["toward the back of the body", "posteriorly", "in the posterior half of the slice",
                           "in the back part of the body"], ["post", "posteriorly placed", "post half of slice"]),
    ("LP", "central"): (["midway between front and back", "centrally in the front-to-back direction",
                         "in the middle of the slice from front to back"],
                        ["mid-AP", "central in AP axis", "neither ant nor post"]),
    ("LI", "superior"): (["high up in the image", "superiorly", "in the upper part of the image",
                          "toward the head end of the image"], ["sup", "superiorly placed", "upper zone"]),
    ("LI", "inferior"): (["low down in the image", "inferiorly", "in the lower part of the image",
                          "toward the feet end of the image"], ["inf", "inferiorly placed", "lower zone"]),
    ("LI", "central"): (["at about mid-height", "centrally from top to bottom", "at the middle level, neither high nor low"],
                        ["mid-level", "central craniocaudally", "neither sup nor inf"]),
    (None, "upper"): (["in the upper half of the frame", "toward the top of the picture"],
                      ["upper half of frame", "upper frame"]),
    (None, "lower"): (["in the lower half of the frame", "toward the bottom of the picture"],
                      ["lower half of frame", "lower frame"]),
    (None, "central"): (["about halfway down the frame", "vertically centred in the picture"],
                        ["vertically central", "mid-height of frame"]),
}
_VQ = {"LP": "Front or back", "LI": "High or low", None: "Top or bottom"}

# relation phrases: rel -> (plain phrases, terse phrase, swapped sentence with the neighbour as subject)
_RP = {
    "left_of": (["to the patient's left of the {o}", "on the left side of the {o}", "left of the {o}"],
                "Lt of {o}", "the {o} lies to {its} right"),
    "right_of": (["to the patient's right of the {o}", "on the right side of the {o}", "right of the {o}"],
                 "Rt of {o}", "the {o} lies to {its} left"),
    "anterior_to": (["in front of the {o}", "anterior to the {o}"], "ant to {o}", "the {o} lies behind {obj}"),
    "posterior_to": (["behind the {o}", "posterior to the {o}"], "post to {o}", "the {o} lies in front of {obj}"),
    "superior_to": (["above the {o}", "superior to the {o}", "higher than the {o}"], "sup to {o}",
                    "the {o} sits below {obj}"),
    "inferior_to": (["below the {o}", "inferior to the {o}", "lower than the {o}"], "inf to {o}",
                    "the {o} sits above {obj}"),
}

_PL_OTHER = ("lateral ventricles", "kidneys")
_RSHORT = {"anterior_to": ("in front of", "ant", "behind"), "posterior_to": ("behind", "post", "in front of"),
           "superior_to": ("above", "sup", "below"), "inferior_to": ("below", "inf", "above"),
           "left_of": ("to the patient's left of", "Lt", "right"), "right_of": ("to the patient's right of", "Rt", "left")}
_CLS = {"small": ["small"], "medium": ["medium-sized", "medium", "mid-sized"], "large": ["large", "sizeable", "big"]}
_CLS_T = {"small": ["Small", "Small footprint"], "medium": ["Medium size", "Mid-sized"], "large": ["Large", "Large footprint"]}
_GLOSS = {"small": "under <<1%>> of the {img}", "medium": "between <<1%>> and <<5%>> of the {img}",
          "large": "at least <<5%>> of the {img}"}

_FRACS = [(50.0, "one half"), (100 / 3, "one third"), (25.0, "one quarter"), (20.0, "one fifth"),
          (100 / 6, "one sixth"), (12.5, "one eighth"), (10.0, "one tenth"), (5.0, "one twentieth"),
          (4.0, "one twenty-fifth"), (2.0, "one fiftieth")]

_REGION_KNOW = {
    "abdomen": ["The inferior vena cava runs on the right of the aorta.",
                "The left renal vein crosses in front of the aorta.",
                "The spleen sits in the left upper quadrant, the liver in the right."],
    "pelvis": ["The sigmoid colon usually lies on the left side of the pelvis.",
               "The external iliac vessels run along the pelvic brim on each side."],
    "chest": ["The aortic arch curves over the left main bronchus.",
              "The right hemidiaphragm usually sits higher than the left."],
    "brain": ["Each cerebral hemisphere controls the opposite side of the body.",
              "The falx cerebri runs down the midline between the hemispheres."],
}


def _tname(other):
    """A neighbour's name in report shorthand ("IVC", "Lt kidney", "aorta")."""
    t = _terse(other)
    w0 = t.split(" ")[0]
    if w0 in ("Lt", "Rt") or w0.isupper() or other[:1].isupper():
        return t
    return t[:1].lower() + t[1:]

# ---------------------------------------------------------------------------------------------------------------
# Profiles. Geometry: ellipses (cx, cy, rx, ry) in pixels on a 256 x 256 grid; `others` are neighbours' normalised
# centroids (x, y), so `relations` are measured, never assumed. Text fields:
#   names  names for the target used in answers (first = the usual one); pl: the target reads as plural
#   forbid regexes that must not occur in a first question (except in names_target rows)
#   asks   implicit questions (function, disease, clinical story) that never name the target
#   nt     ways a names_target question names it (label, synonym, adjective)
#   know   knowledge about OTHER structures, with side / position / size words (all true)
#   pops   population figures; <<...>> marks a number the register writes as digits or as words
# ---------------------------------------------------------------------------------------------------------------

def _P(key, target, mod, region, orient, ell, others, **kw):
    d = dict(key=key, target=target, mod=mod, region=region, orient=orient, ell=ell, others=others)
    d.update(kw)
    d.setdefault("pl", False)
    d.setdefault("piece", "piece")
    return d


_KIDNEY_FORBID = [r"kidney", r"renal", r"nephr"]
_LUNG_FORBID = [r"lung", r"pulmon", r"pneum"]

PROFILES = [
    # ---- abdomen, axial (LP) ----
    _P("liver", "liver", "CT", "abdomen", "LP", [(80, 105, 50, 42)],
       {"spleen": (0.80, 0.45), "aorta": (0.52, 0.56), "right kidney": (0.31, 0.63)},
       names=["liver"], forbid=[r"liver", r"hepat"],
       asks=["Which organ here makes bile?", "Which organ receives the portal venous blood from the gut?",
             "Which organ stores glycogen and makes albumin?",
             "A <<54>>-year-old with heavy alcohol use is jaundiced and has ascites. Which organ is failing?"],
       nt=["the liver", "the hepatic parenchyma", "the liver outline"],
       know=["The gallbladder hangs from the underside of the right lobe, near the fissure for the ligamentum teres.",
             "The inferior vena cava runs up on the right of the aorta at this level.",
             "The spleen sits in the left upper quadrant, under ribs <<9>> to <<11>>."],
       pops=["Fatty infiltration of this organ affects roughly <<25%>> of adults worldwide.",
             "Simple cysts in this organ turn up in about <<5%>> of abdominal CT scans."]),
    _P("spleen", "spleen", "CT", "abdomen", "LP", [(196, 148, 22, 32)],
       {"stomach": (0.64, 0.40), "left kidney": (0.70, 0.64), "aorta": (0.52, 0.56)},
       names=["spleen"], forbid=[r"spleen", r"splen", r"\blien"],
       asks=["Which organ filters ageing red blood cells out of the circulation?",
             "A teenager with glandular fever was tackled at rugby and now has pain under the lower ribs and at the shoulder tip. Which organ has probably been injured?",
             "Which organ is removed in refractory immune thrombocytopenia?"],
       nt=["the spleen", "the splenic parenchyma", "the spleen outline"],
       know=["The stomach fundus lies up against the left hemidiaphragm.",
             "The splenic flexure of the colon sits high on the left side, higher than the hepatic flexure on the right.",
             "The left kidney usually sits slightly higher than the right one."],
       pops=["Accessory spleens (splenules) are found in about <<10%>> to <<15%>> of people.",
             "Roughly <<1>> in <<4>> blunt abdominal injuries involves this organ."]),
    _P("lkid", "left kidney", "CT", "abdomen", "LP", [(178, 160, 16, 23)],
       {"aorta": (0.52, 0.56), "spleen": (0.77, 0.52), "psoas muscle": (0.62, 0.70)},
       names=["left kidney"], forbid=_KIDNEY_FORBID,
       asks=["Which organ on this slice filters the blood and makes urine, the one next to the spleen?",
             "A patient has flank pain and blood in the urine, and the spleen-side organ that makes urine is the concern. Which one is it?"],
       nt=["the left kidney", "the left renal parenchyma", "the kidney on the left"],
       know=["The left renal vein crosses in front of the aorta, just below the superior mesenteric artery.",
             "The right kidney normally sits slightly lower than the left because the liver pushes it down.",
             "The left adrenal gland is more crescent-shaped than the right one."],
       pops=["A duplex collecting system turns up in about <<1%>> of people.",
             "Simple cysts in these organs are found in more than <<25%>> of people over <<50>>."]),
    _P("rkid", "right kidney", "CT", "abdomen", "LP", [(80, 157, 16, 23)],
       {"liver": (0.31, 0.42), "inferior vena cava": (0.42, 0.55), "psoas muscle": (0.38, 0.70)},
       names=["right kidney"], forbid=_KIDNEY_FORBID,
       asks=["Which bean-shaped organ under the liver filters blood and makes urine?",
             "A <<35>>-year-old has colicky loin pain under the liver edge and blood in the urine. Which organ is involved?"],
       nt=["the right kidney", "the right renal parenchyma", "the kidney on the right"],
       know=["The left renal vein is longer than the right because it has to cross in front of the aorta.",
             "The second part of the duodenum descends just beside the head of the pancreas.",
             "The inferior vena cava sits to the right of the aorta in the abdomen."],
       pops=["About <<1>> person in <<500>> to <<1,000>> has a horseshoe configuration of these organs.",
             "Stones form in these organs in roughly <<10%>> of people at some point in life."]),
    _P("kidneys", "kidneys", "CT", "abdomen", "LP", [(80, 157, 15, 22), (177, 160, 15, 22)],
       {"aorta": (0.52, 0.54), "pancreas": (0.52, 0.44)},
       names=["kidneys", "both kidneys"], pl=True, piece="kidney", forbid=_KIDNEY_FORBID,
       asks=["Which paired organs filter the blood and make urine?",
             "The creatinine has doubled over a week. Which organs should I be looking at?",
             "Which organs produce erythropoietin and renin?"],
       nt=["the kidneys", "both kidneys", "the renal parenchyma"],
       know=["The left renal vein crosses in front of the aorta to reach the inferior vena cava.",
             "The right adrenal gland sits behind the inferior vena cava.",
             "The inferior vena cava lies on the right of the aorta, in front of the spine."],
       pops=["About <<1>> person in <<1,000>> is born with only one of these organs.",
             "Chronic disease of these organs affects roughly <<10%>> of adults worldwide."]),
    _P("pancreas", "pancreas", "CT", "abdomen", "LP", [(136, 106, 40, 10)],
       {"aorta": (0.51, 0.56), "stomach": (0.62, 0.34), "left kidney": (0.70, 0.63)},
       names=["pancreas"], forbid=[r"pancrea"],
       asks=["Which gland secretes insulin and lipase?",
             "A <<48>>-year-old has epigastric pain boring through to the back and a lipase <<3>> times the upper limit. Which organ is inflamed?",
             "Which organ holds the islets of Langerhans?"],
       nt=["the pancreas", "the pancreatic parenchyma", "the pancreatic gland"],
       know=["The splenic artery runs a tortuous course toward the left upper quadrant.",
             "The superior mesenteric artery arises from the front of the aorta about <<1>> cm below the coeliac trunk.",
             "The duodenum curves around on the right like a C."],
       pops=["Ductal adenocarcinoma has a <<5>>-year survival of only about <<10%>>.",
             "Gallstones and alcohol cause roughly <<80%>> of acute inflammation of this gland."]),
    _P("aorta", "aorta", "CT", "abdomen", "LP", [(131, 150, 10, 10)],
       {"inferior vena cava": (0.41, 0.56), "vertebral body": (0.51, 0.70), "pancreas": (0.53, 0.42)},
       names=["aorta", "abdominal aorta"], forbid=[r"aort"],
       asks=["Which is the largest artery in the body?",
             "A <<72>>-year-old smoker has a pulsatile mass above the umbilicus. Which vessel should I measure?",
             "Which vessel carries blood from the left ventricle to the rest of the body?"],
       nt=["the aorta", "the abdominal aorta", "the aortic lumen"],
       know=["The inferior vena cava runs up on the right side, next to the spine.",
             "The left renal vein passes between the superior mesenteric artery and this vessel.",
             "The coeliac trunk arises from its front at about the level of the first lumbar vertebra."],
       pops=["An abdominal aneurysm is present in about <<4%>> to <<8%>> of men over <<65>>.",
             "A diameter above <<3>> cm counts as aneurysmal."]),
    _P("gb", "gallbladder", "CT", "abdomen", "LP", [(90, 104, 10, 13)],
       {"liver": (0.31, 0.41), "duodenum": (0.45, 0.47), "right kidney": (0.31, 0.63)},
       names=["gallbladder"], forbid=[r"gall", r"cholecyst", r"biliary vesicle"],
       asks=["Which pear-shaped sac stores and concentrates bile?",
             "A <<41>>-year-old woman gets pain under the right ribs after fatty meals and has a positive Murphy's sign. Which structure is inflamed?",
             "Which structure contracts after a fatty meal to push bile into the duodenum?"],
       nt=["the gallbladder", "the gall bladder", "the cholecystic lumen"],
       know=["The common bile duct runs down behind the first part of the duodenum.",
             "The liver's left lobe reaches across the midline in front of the stomach.",
             "The right kidney lies behind and below the hepatic flexure."],
       pops=["Gallstones are found in roughly <<10%>> to <<15%>> of adults in Western countries.",
             "Only about <<20%>> of people with stones ever get symptoms."]),
    _P("ltum", "liver tumors", "CT", "abdomen", "LP", [(70, 95, 8, 8), (100, 120, 6, 6), (82, 142, 7, 7)],
       {"aorta": (0.52, 0.56), "right kidney": (0.31, 0.63)},
       names=["liver tumors", "liver lesions", "hepatic metastases"], pl=True, piece="lesion",
       forbid=[r"liver", r"hepat", r"tumo", r"metast", r"lesion", r"\bmass", r"neoplas", r"carcinom", r"\bhcc\b", r"secondar"],
       asks=["Colorectal cancer was resected <<2>> years ago and the CEA is rising again. What are the low-density round spots in the organ that makes bile?",
             "What are the hypodense spots in the big right-upper organ on this portal venous phase?",
             "Staging scan for a known bowel primary: what are these rim-enhancing foci in the organ that stores glycogen?"],
       nt=["the liver tumors", "the hepatic metastases", "the liver lesions"],
       know=["The portal vein enters at the hilum, behind the common bile duct.",
             "The inferior vena cava runs on the right of the aorta at this level.",
             "The gallbladder fossa separates the right lobe from segment <<4>>."],
       pops=["About <<50%>> of people with colorectal cancer develop spread to this organ at some point.",
             "Haemangiomas, the commonest benign focal finding here, occur in up to <<20%>> of people."]),
    _P("kcyst", "kidney cysts", "CT", "abdomen", "LP", [(76, 160, 7, 7), (181, 150, 9, 9), (186, 173, 5, 5)],
       {"aorta": (0.55, 0.54), "pancreas": (0.56, 0.42)},
       names=["kidney cysts", "renal cysts", "simple renal cysts"], pl=True, piece="cyst",
       forbid=_KIDNEY_FORBID + [r"cyst"],
       asks=["What are the round, water-density, non-enhancing spots in the organs that make urine?",
             "CT done for back pain, and the radiologist wants a Bosniak category. What are these round fluid-attenuation foci in the urine-making organs?"],
       nt=["the kidney cysts", "the renal cysts", "the cysts in the kidneys"],
       know=["The left renal vein crosses in front of the aorta.",
             "The psoas muscles run down on each side of the lumbar spine, behind these organs.",
             "The inferior vena cava lies on the right of the aorta, in front of the spine."],
       pops=["Simple cysts of this kind are found in more than <<25%>> of people over <<50>>.",
             "Bosniak category <<1>> and <<2>> lesions need no follow-up."]),
    _P("adrenal", "adrenal glands", "CT", "abdomen", "LP", [(95, 135, 4, 9), (163, 132, 4, 9)],
       {"aorta": (0.52, 0.59), "vertebral body": (0.51, 0.68)},
       names=["adrenal glands", "adrenals", "suprarenal glands"], pl=True, piece="gland",
       forbid=[r"adrenal", r"suprarenal", r"adrenaline"],
       asks=["Which small paired glands make cortisol and aldosterone?",
             "A patient has episodic headaches, sweating and very high blood pressure, and the urine metanephrines are raised. Which glands should I look at?",
             "Which glands sit on top of the kidneys and make epinephrine?"],
       nt=["the adrenal glands", "the adrenals", "the suprarenal glands"],
       know=["The inferior vena cava lies on the right of the aorta at this level.",
             "The left renal vein receives the gonadal vein on the left only; on the right it drains straight into the inferior vena cava.",
             "The crura of the diaphragm lie on either side of the aorta here."],
       pops=["Incidental nodules in these glands turn up on about <<3%>> to <<7%>> of abdominal CT scans.",
             "About <<10%>> of phaeochromocytomas are bilateral, the classic 'rule of tens'."]),
    _P("stomach", "stomach", "CT", "abdomen", "LP", [(170, 98, 30, 22)],
       {"spleen": (0.78, 0.56), "liver": (0.31, 0.41), "pancreas": (0.53, 0.46)},
       names=["stomach"], forbid=[r"stomach", r"gastr"],
       asks=["Which J-shaped organ secretes acid and pepsin?",
             "Which organ churns food with hydrochloric acid before passing it to the duodenum?",
             "A patient has vomited coffee-ground material after months of ibuprofen. Which organ is bleeding?"],
       nt=["the stomach", "the gastric lumen", "the gastric wall"],
       know=["The spleen sits up against the left hemidiaphragm.",
             "The pancreas lies across the posterior abdominal wall at about the level of the first lumbar vertebra.",
             "The liver's left lobe reaches across the midline."],
       pops=["Helicobacter pylori colonises roughly <<50%>> of the world's population.",
             "About <<10%>> of people develop a peptic ulcer at some point."]),
    _P("psoas", "psoas muscles", "CT", "abdomen", "LP", [(105, 172, 11, 14), (151, 172, 11, 14)],
       {"aorta": (0.50, 0.58), "vertebral body": (0.50, 0.65)},
       names=["psoas muscles", "psoas major muscles", "psoas"], pl=True, piece="muscle",
       forbid=[r"psoas"],
       asks=["Which muscles flex the hip and run alongside the lumbar vertebrae?",
             "We are measuring sarcopenia at the third lumbar level. Which paired hip flexors should I outline?"],
       nt=["the psoas muscles", "both psoas", "the psoas major muscles"],
       know=["The aorta lies slightly to the left of the midline in front of the lumbar spine.",
             "The quadratus lumborum lies further back and out, beside the transverse processes.",
             "The inferior vena cava runs up on the right side of the lumbar spine."],
       pops=["A psoas index in the lowest <<25%>> predicts worse outcomes after major surgery.",
             "A <<10%>> loss of muscle area over a year is a red flag in cancer cachexia."]),
    # ---- pelvis, axial ----
    _P("bladder", "urinary bladder", "CT", "pelvis", "LP", [(128, 104, 30, 24)],
       {"rectum": (0.50, 0.72), "pubic symphysis": (0.50, 0.22)},
       names=["urinary bladder", "bladder"], forbid=[r"bladder", r"vesic", r"cysto"],
       asks=["Which hollow organ stores urine until you void?",
             "An elderly man has not passed urine for <<12>> hours and has suprapubic fullness. Which organ is distended?"],
       nt=["the urinary bladder", "the bladder", "the vesical lumen"],
       know=["In men the seminal vesicles lie just in front of the rectum.",
             "The left ureter crosses the pelvic brim near the sigmoid mesocolon.",
             "The sigmoid colon usually loops over on the left side of the pelvis."],
       pops=["About <<1>> in <<4>> women has an episode of cystitis by the age of <<24>>.",
             "A post-void residual above <<100>> mL is usually considered significant."]),
    _P("prostate", "prostate", "MR", "pelvis", "LP", [(128, 136, 12, 10)],
       {"rectum": (0.50, 0.68), "pubic symphysis": (0.50, 0.30)},
       names=["prostate", "prostate gland"], forbid=[r"prostat", r"\bpsa\b"],
       asks=["Which walnut-sized gland adds fluid to semen and surrounds the proximal urethra?",
             "A <<67>>-year-old man has a rising tumour-marker blood test and a hard nodule on digital rectal exam. Which gland should I outline on this T2 image?"],
       nt=["the prostate", "the prostate gland", "the prostatic parenchyma"],
       know=["The peripheral zone is the part a finger in the rectum can feel.",
             "The seminal vesicles look like a pair of rabbit ears on axial slices.",
             "The neurovascular bundles run at about <<5>> and <<7>> o'clock."],
       pops=["About <<70%>> of cancers here arise in the peripheral zone.",
             "Benign enlargement affects about <<50%>> of men over <<50>>."]),
    _P("uterus", "uterus", "MR", "pelvis", "LP", [(130, 122, 26, 20)],
       {"urinary bladder": (0.50, 0.32), "rectum": (0.50, 0.70)},
       names=["uterus", "womb"], forbid=[r"uter", r"womb", r"hyster", r"endometr", r"myometr"],
       asks=["Which muscular organ does a pregnancy implant in and grow in?",
             "A <<44>>-year-old has heavy menstrual bleeding and a bulky pelvic organ on exam. Which organ should I outline?"],
       nt=["the uterus", "the womb", "the uterine body"],
       know=["The ovaries usually lie in the ovarian fossae on each side wall of the pelvis.",
             "The pouch of Douglas is the lowest point of the peritoneal cavity in women.",
             "The sigmoid colon usually loops down on the left side of the pelvis."],
       pops=["Fibroids are found in up to <<70%>> of women by the age of <<50>>.",
             "About <<20%>> of women have a retroverted position of this organ."]),
    _P("ovaries", "ovaries", "MR", "pelvis", "LP", [(85, 130, 10, 8), (171, 128, 10, 8)],
       {"urinary bladder": (0.50, 0.33)},
       names=["ovaries", "both ovaries"], pl=True, piece="ovary", forbid=[r"ovar", r"oophor", r"adnex"],
       asks=["Which paired glands release eggs and make oestrogen?",
             "A <<29>>-year-old has irregular cycles, acne and hirsutism. Which paired organs should I look at for many small follicles?"],
       nt=["the ovaries", "both ovaries", "the ovarian tissue"],
       know=["The uterus usually sits in the midline, between the bladder and the rectum.",
             "The sigmoid colon crosses the pelvic brim on the left.",
             "The appendix can hang down into the pelvis on the right, close to the side wall."],
       pops=["Polycystic morphology is seen in about <<20%>> of women of reproductive age.",
             "Functional cysts up to <<3>> cm are a normal finding before the menopause."]),
    _P("femheads", "femoral heads", "CT", "pelvis", "LP", [(62, 134, 19, 19), (194, 134, 19, 19)],
       {"urinary bladder": (0.50, 0.40)},
       names=["femoral heads", "heads of the femurs"], pl=True, piece="head",
       forbid=[r"femor", r"femur", r"thigh ?bone", r"\bhip"],
       asks=["Which rounded ball-shaped bones articulate with the acetabula?",
             "A patient on long-term high-dose steroids has groin pain on both sides. Which bones are at risk of avascular necrosis here?"],
       nt=["the femoral heads", "both heads of the femurs", "the femoral head bone"],
       know=["The bladder sits in the midline, in front of the sacrum and coccyx.",
             "The sciatic nerve leaves the pelvis behind the acetabulum on each side.",
             "The iliopsoas tendon runs in front of the joint capsule."],
       pops=["Avascular necrosis is bilateral in up to <<70%>> of non-traumatic cases.",
             "Hip fractures occur in about <<1>> in <<6>> women over their lifetime."]),
    _P("rectum", "rectum", "CT", "pelvis", "LP", [(128, 176, 12, 11)],
       {"urinary bladder": (0.50, 0.40), "sacrum": (0.50, 0.84)},
       names=["rectum"], forbid=[r"rect", r"proct"],
       asks=["Which segment of bowel stores stool just before the anal canal?",
             "A <<63>>-year-old has fresh bleeding with stool and tenesmus. Which bowel segment should I outline on this pelvic slice?"],
       nt=["the rectum", "the rectal wall", "the rectal lumen"],
       know=["The seminal vesicles sit between the bladder base and the bowel wall in men.",
             "The sigmoid colon joins from the left at about the level of the third sacral segment.",
             "The ureters run down along the side walls of the pelvis."],
       pops=["About <<1>> in <<3>> colorectal cancers arise in this segment.",
             "Screening colonoscopy finds adenomas in roughly <<25%>> of people over <<50>>."]),
    # ---- chest, axial ----
    _P("heart", "heart", "CT", "chest", "LP", [(150, 106, 42, 34)],
       {"descending aorta": (0.60, 0.68), "vertebral body": (0.50, 0.76), "right lung": (0.28, 0.50)},
       names=["heart"], forbid=[r"heart", r"cardi", r"myocard"],
       asks=["Which organ pumps blood around the body?",
             "A <<70>>-year-old has ankle swelling, orthopnoea and a displaced apex beat. Which organ should I outline?"],
       nt=["the heart", "the cardiac silhouette", "the cardiac chambers"],
       know=["The descending aorta runs down on the left side of the spine.",
             "The superior vena cava lies on the right of the ascending aorta.",
             "The left atrium is the most posterior chamber, right in front of the oesophagus."],
       pops=["A cardiothoracic ratio above <<50%>> on a PA film is usually called enlarged.",
             "Atrial fibrillation affects about <<2%>> of the general population."]),
    _P("lungs", "lungs", "CT", "chest", "LP", [(75, 125, 40, 60), (181, 125, 40, 60)],
       {"heart": (0.53, 0.40), "vertebral body": (0.50, 0.76)},
       names=["lungs", "both lungs"], pl=True, piece="lung", forbid=_LUNG_FORBID,
       asks=["Which paired organs are where gas exchange happens?",
             "A heavy smoker has progressive breathlessness and we want emphysema scoring. Which organs should I segment?"],
       nt=["the lungs", "both lungs", "the pulmonary parenchyma"],
       know=["The right main bronchus is shorter, wider and more vertical than the left, so aspirated objects go right.",
             "The heart bulges to the left of the sternum.",
             "The azygos vein arches over the right main bronchus."],
       pops=["Adult total lung capacity is about <<6>> litres.",
             "COPD affects about <<10%>> of adults over <<40>>."]),
    _P("rlung", "right lung", "CT", "chest", "LP", [(75, 125, 40, 60)],
       {"heart": (0.57, 0.42), "left lung": (0.71, 0.49)},
       names=["right lung"], forbid=_LUNG_FORBID,
       asks=["Which three-lobed organ of gas exchange is on this slice?",
             "Which organ of gas exchange has an upper, middle and lower lobe?"],
       nt=["the right lung", "the right pulmonary parenchyma", "the lung on the right"],
       know=["The left main bronchus passes under the aortic arch.",
             "The cardiac notch is on the left, where the heart bulges.",
             "The azygos vein arches over the right main bronchus into the superior vena cava."],
       pops=["Adult total lung capacity is about <<6>> litres, slightly more in tall men.",
             "An azygos fissure is seen in about <<0.5%>> of chest CTs."]),
    _P("llung", "left lung", "CT", "chest", "LP", [(182, 125, 36, 56)],
       {"heart": (0.56, 0.42), "right lung": (0.29, 0.49), "descending aorta": (0.60, 0.66)},
       names=["left lung"], forbid=_LUNG_FORBID,
       asks=["Which two-lobed organ of gas exchange, the one with the cardiac notch, is on this slice?",
             "Which organ of gas exchange has a lingula?"],
       nt=["the left lung", "the left pulmonary parenchyma", "the lung on the left"],
       know=["The right main bronchus is wider and more vertical, so inhaled objects usually go right.",
             "The descending aorta runs down on the left of the spine, behind the hilum.",
             "The horizontal fissure exists only on the right."],
       pops=["Adult total lung capacity is about <<6>> litres.",
             "Spontaneous pneumothorax affects roughly <<18>> to <<28>> per <<100,000>> men each year."]),
    _P("esoph", "esophagus", "CT", "chest", "LP", [(128, 150, 6, 6)],
       {"trachea": (0.50, 0.40), "descending aorta": (0.58, 0.66), "vertebral body": (0.50, 0.75)},
       names=["esophagus", "oesophagus"], forbid=[r"esoph", r"oesoph", r"gullet"],
       asks=["Which muscular tube carries swallowed food down to the stomach?",
             "A <<66>>-year-old has progressive difficulty swallowing solids and has lost <<8>> kg. Which structure should I outline?"],
       nt=["the esophagus", "the oesophagus", "the esophageal lumen"],
       know=["The descending aorta runs down on the left of the spine.",
             "The left atrium is the most posterior chamber of the heart.",
             "The azygos vein runs up on the right side of the vertebral bodies."],
       pops=["Barrett's change is found in about <<1%>> to <<2%>> of adults.",
             "Gastro-oesophageal reflux symptoms occur weekly in about <<20%>> of Western adults."]),
    _P("lnod", "lung nodules", "CT", "chest", "LP", [(70, 100, 5, 5), (92, 152, 4, 4), (186, 118, 6, 6)],
       {"vertebral body": (0.50, 0.76)},
       names=["lung nodules", "pulmonary nodules"], pl=True, piece="nodule",
       forbid=_LUNG_FORBID + [r"nodul", r"\bmass", r"lesion", r"tumo", r"coin", r"metast"],
       asks=["A heavy smoker with <<30>> pack-years has a screening CT. What are these small round white spots in the organs of gas exchange?",
             "What are the small round soft-tissue densities scattered in the chest on this follow-up scan?"],
       nt=["the lung nodules", "the pulmonary nodules", "the nodules in the lungs"],
       know=["The right main bronchus is more vertical than the left.",
             "The descending aorta runs down on the left of the spine.",
             "The upper lobes lie in front of the lower lobes at the level of the hila."],
       pops=["Incidental findings of this kind show up on about <<30%>> of chest CTs in smokers.",
             "Fewer than <<5%>> of findings under <<6>> mm turn out malignant."]),
    _P("peff", "pleural effusion", "CT", "chest", "LP", [(72, 186, 30, 12)],
       {"right lung": (0.29, 0.47), "vertebral body": (0.50, 0.76)},
       names=["pleural effusion", "effusion"], forbid=[r"pleura", r"effus", r"fluid", r"hydrothora"],
       asks=["A patient with heart failure is dull to percussion at one base with reduced breath sounds. What is causing that here?",
             "What is the dependent crescent of water density at the back of the chest?"],
       nt=["the pleural effusion", "the pleural fluid", "the effusion"],
       know=["The heart bulges to the left, so the left base can be harder to see on a frontal film.",
             "The right hemidiaphragm usually sits higher than the left because of the liver.",
             "The azygos vein runs up on the right of the vertebral bodies."],
       pops=["About <<200>> mL is needed before costophrenic blunting shows on an erect PA film.",
             "Heart failure causes roughly <<1>> in <<3>> cases of this finding."]),
    _P("trach", "trachea", "CT", "chest", "LP", [(128, 88, 9, 9)],
       {"esophagus": (0.50, 0.58), "aortic arch": (0.58, 0.47)},
       names=["trachea", "windpipe"], forbid=[r"trache", r"windpipe"],
       asks=["Which cartilage-ringed airway carries air from the larynx to the main bronchi?",
             "An intubated patient's tube position is queried. Which airway should I outline on this slice?"],
       nt=["the trachea", "the windpipe", "the tracheal lumen"],
       know=["The left recurrent laryngeal nerve hooks under the aortic arch.",
             "The aortic arch passes over the left main bronchus.",
             "The brachiocephalic artery crosses in front from left to right."],
       pops=["The airway has about <<16>> to <<20>> C-shaped cartilage rings.",
             "An endotracheal tube tip should sit about <<5>> cm above the carina."]),
    # ---- brain, axial ----
    _P("bmets", "brain metastases", "MR", "brain", "LP", [(84, 90, 7, 7), (170, 150, 9, 9), (150, 78, 5, 5)],
       {"pineal gland": (0.54, 0.58)},
       names=["brain metastases", "metastases", "cerebral metastases"], pl=True, piece="lesion",
       forbid=[r"brain", r"cerebr", r"metast", r"tumo", r"lesion", r"\bmass", r"secondar", r"deposit", r"intracran"],
       asks=["A patient with known lung cancer has new headaches. What are these ring-enhancing spots on the post-contrast scan?",
             "What are the round enhancing foci with surrounding oedema in this melanoma patient?"],
       nt=["the brain metastases", "the cerebral metastases", "the metastatic lesions in the brain"],
       know=["The motor strip of the left hemisphere controls the right side of the body.",
             "The left hemisphere holds language in about <<95%>> of right-handed people.",
             "The pineal gland sits in the midline, behind the third ventricle."],
       pops=["About <<20%>> of people with cancer develop spread to this site.",
             "Lung cancer, breast cancer and melanoma account for roughly <<70%>> of cases."]),
    _P("lventr", "lateral ventricles", "MR", "brain", "LP", [(118, 120, 6, 25), (138, 120, 6, 25)],
       {"pineal gland": (0.50, 0.60)},
       names=["lateral ventricles", "ventricles"], pl=True, piece="ventricle", forbid=[r"ventric"],
       asks=["Which paired CSF-filled cavities enlarge in hydrocephalus?",
             "Which CSF spaces hold the choroid plexus and drain through the foramina of Monro?"],
       nt=["the lateral ventricles", "both lateral ventricles", "the ventricular system"],
       know=["The caudate nucleus bulges into the side wall of each frontal horn.",
             "The septum pellucidum separates the two in the midline.",
             "The left hemisphere is dominant for language in most right-handed people."],
       pops=["An adult produces about <<500>> mL of CSF a day.",
             "Mild asymmetry between the two sides is seen in about <<5%>> to <<12%>> of normal scans."]),
    _P("glioma", "glioma", "MR", "brain", "LP", [(86, 86, 22, 18)],
       {"lateral ventricles": (0.50, 0.48), "pineal gland": (0.50, 0.58)},
       names=["glioma", "glial tumour"], forbid=[r"gliom", r"glio", r"astrocyt", r"tumo", r"\bmass", r"lesion", r"neoplas", r"cancer"],
       asks=["A <<38>>-year-old has new focal seizures and left-hand weakness over <<3>> months. What is the infiltrative T2-bright abnormality here?",
             "What is the expansile, poorly marginated area of T2 hyperintensity in this patient with personality change?"],
       nt=["the glioma", "the glial tumour", "the tumour"],
       know=["The right motor cortex controls the left side of the body.",
             "Broca's area sits in the inferior frontal gyrus of the left hemisphere in most people.",
             "The falx runs in the midline between the two hemispheres."],
       pops=["Gliomas make up about <<80%>> of primary malignant tumours of the central nervous system.",
             "IDH-mutant tumours of this kind make up about <<10%>> of high-grade cases."]),
    _P("hippo", "hippocampus", "MR", "brain", "LP", [(95, 150, 5, 14), (161, 150, 5, 14)],
       {"lateral ventricles": (0.50, 0.47)},
       names=["hippocampus", "hippocampi"], pl=True, piece="hippocampus", forbid=[r"hippocamp", r"ammon", r"cornu"],
       asks=["Which seahorse-shaped structures in the medial temporal lobes consolidate new memories?",
             "A <<74>>-year-old has progressive short-term memory loss. Which paired structures should I measure for atrophy?"],
       nt=["the hippocampus", "both hippocampi", "the hippocampal formation"],
       know=["The temporal horns are the lowest parts of the lateral ventricles.",
             "The left hemisphere holds language in most right-handers, so left-sided damage affects verbal memory.",
             "The brainstem sits in the midline between the two temporal lobes."],
       pops=["Mesial temporal sclerosis is found in about <<65%>> of surgical epilepsy cases.",
             "Atrophy here starts years before dementia; about <<10%>> to <<15%>> of people with mild cognitive impairment progress each year."]),
    _P("cbm", "cerebellum", "MR", "brain", "LP", [(128, 196, 55, 28)],
       {"fourth ventricle": (0.50, 0.70), "pons": (0.50, 0.60)},
       names=["cerebellum"], forbid=[r"cerebell", r"vermis", r"hindbrain"],
       asks=["Which structure coordinates balance and fine movement?",
             "A patient has a broad-based ataxic gait, dysdiadochokinesia and intention tremor. Which structure should I outline?"],
       nt=["the cerebellum", "the cerebellar hemispheres", "the cerebellar tissue"],
       know=["The fourth ventricle sits behind the pons and the upper medulla.",
             "The left cerebral hemisphere controls the right side of the body.",
             "The transverse sinus is often larger on the right."],
       pops=["It holds roughly <<80%>> of the brain's neurons in only about <<10%>> of its volume.",
             "Tonsillar descent of more than <<5>> mm defines a Chiari I malformation."]),
    _P("sdh", "subdural hematoma", "CT", "brain", "LP", [(205, 120, 10, 45)],
       {"lateral ventricles": (0.50, 0.48)},
       names=["subdural hematoma", "subdural haematoma", "subdural collection"],
       forbid=[r"subdural", r"hematom", r"haematom", r"bleed", r"h?a?emorrh", r"clot", r"\bsdh\b"],
       asks=["An <<81>>-year-old on warfarin fell <<2>> weeks ago and is now increasingly confused. What is the crescent-shaped collection over the convexity?",
             "What is the crescentic extra-axial density hugging the inner table in this elderly patient after a fall?"],
       nt=["the subdural hematoma", "the subdural haematoma", "the subdural bleed"],
       know=["The falx sits in the midline, so a shift is measured from it.",
             "The right hemisphere controls the left side of the body.",
             "Bridging veins cross the subdural space from the cortex to the venous sinuses."],
       pops=["About <<5%>> to <<20%>> of chronic collections of this kind come back after surgery.",
             "A midline shift above <<5>> mm usually prompts a surgical opinion."]),
    _P("msl", "multiple sclerosis lesions", "MR", "brain", "LP",
       [(108, 110, 4, 6), (150, 105, 5, 7), (106, 145, 5, 4), (155, 140, 3, 5)],
       {"lateral ventricles": (0.51, 0.49)},
       names=["multiple sclerosis lesions", "MS lesions", "demyelinating plaques"], pl=True, piece="lesion",
       forbid=[r"sclerosis", r"lesion", r"plaque", r"demyelin", r"\bms\b"],
       asks=["A <<28>>-year-old had optic neuritis last year and now has numbness in one leg. What are the ovoid periventricular T2-bright foci here?",
             "What are these Dawson's-finger-like white-matter spots on the FLAIR image?"],
       nt=["the multiple sclerosis lesions", "the MS plaques", "the demyelinating lesions"],
       know=["The corpus callosum crosses the midline and connects the two hemispheres.",
             "The left optic nerve carries input from the left eye only.",
             "The lateral ventricles sit on each side of the septum pellucidum."],
       pops=["About <<85%>> of patients start with the relapsing-remitting form.",
             "The disease affects women about <<3>> times as often as men."]),
    # ---- coronal (LI) ----
    _P("liver_c", "liver", "CT", "abdomen", "LI", [(85, 95, 50, 40)],
       {"right kidney": (0.33, 0.60), "spleen": (0.78, 0.38)},
       names=["liver"], forbid=[r"liver", r"hepat"],
       asks=["On this coronal reformat, which organ makes bile?",
             "Which organ receives the portal vein on this coronal image?"],
       nt=["the liver", "the hepatic parenchyma", "the liver outline"],
       know=["The right hemidiaphragm sits slightly higher than the left.",
             "The spleen lies up under the left hemidiaphragm.",
             "The right kidney usually sits slightly lower than the left one."],
       pops=["Fatty infiltration of this organ affects roughly <<25%>> of adults worldwide.",
             "A craniocaudal span above about <<16>> cm in the midclavicular line is usually called enlarged."]),
    _P("kid_c", "kidneys", "MR", "abdomen", "LI", [(86, 150, 14, 26), (172, 146, 14, 26)],
       {"urinary bladder": (0.50, 0.88), "heart": (0.50, 0.12)},
       names=["kidneys", "both kidneys"], pl=True, piece="kidney", forbid=_KIDNEY_FORBID,
       asks=["On this coronal MR, which paired organs filter the blood and make urine?",
             "A young hypertensive patient needs an MR angiogram. Which paired organs fed by the arteries we are assessing should I outline?"],
       nt=["the kidneys", "both kidneys", "the renal parenchyma"],
       know=["The liver sits under the right hemidiaphragm, higher than the spleen on the left.",
             "The left adrenal gland is more crescent-shaped than the right.",
             "The spleen lies under the left hemidiaphragm."],
       pops=["About <<1>> person in <<1,000>> is born with only one of these organs.",
             "Renal artery stenosis causes about <<1%>> to <<5%>> of hypertension."]),
    _P("spleen_c", "spleen", "CT", "abdomen", "LI", [(190, 100, 22, 30)],
       {"left kidney": (0.68, 0.60), "liver": (0.33, 0.38)},
       names=["spleen"], forbid=[r"spleen", r"splen", r"\blien"],
       asks=["On this coronal CT, which organ filters old red blood cells?",
             "A patient with portal hypertension has a low platelet count. Which organ is sequestering them?"],
       nt=["the spleen", "the splenic parenchyma", "the spleen outline"],
       know=["The liver fills the right upper quadrant under the right hemidiaphragm.",
             "The left kidney sits slightly higher than the right.",
             "The stomach fundus lies up against the left hemidiaphragm."],
       pops=["A length above about <<13>> cm is usually called enlarged.",
             "Accessory spleens are found in about <<10%>> to <<15%>> of people."]),
    _P("bladder_c", "urinary bladder", "MR", "pelvis", "LI", [(128, 205, 30, 22)],
       {"kidneys": (0.50, 0.58)},
       names=["urinary bladder", "bladder"], forbid=[r"bladder", r"vesic", r"cysto"],
       asks=["On this coronal MR, which hollow organ stores urine?",
             "A patient has painless visible haematuria. Which hollow organ should I outline on this coronal slice?"],
       nt=["the urinary bladder", "the bladder", "the vesical lumen"],
       know=["The right ureter runs down close to the inferior vena cava.",
             "The right kidney usually sits slightly lower than the left.",
             "The sigmoid colon usually lies on the left side of the pelvis."],
       pops=["A normal adult capacity is about <<400>> to <<600>> mL.",
             "Smoking causes about <<50%>> of cancers in this organ."]),
    _P("psoas_c", "psoas muscles", "CT", "abdomen", "LI", [(106, 160, 9, 45), (150, 160, 9, 45)],
       {"urinary bladder": (0.50, 0.90)},
       names=["psoas muscles", "psoas major muscles", "psoas"], pl=True, piece="muscle", forbid=[r"psoas"],
       asks=["On this coronal CT, which paired hip-flexor muscles run down beside the lumbar spine?",
             "An intravenous drug user has fever and a limp with pain on hip extension. Which paired muscles should I check for an abscess?"],
       nt=["the psoas muscles", "both psoas", "the psoas major muscles"],
       know=["The right kidney usually sits slightly lower than the left.",
             "The liver fills the right upper quadrant above.",
             "The spleen lies high on the left under the diaphragm."],
       pops=["A low psoas area in the bottom <<25%>> predicts worse outcomes after major surgery.",
             "Tuberculosis once caused most abscesses here; now about <<60%>> are due to Staphylococcus aureus."]),
    # ---- chest X-ray (XR, LI) ----
    _P("lungs_xr", "lungs", "XR", "chest", "LI", [(80, 125, 40, 72), (176, 125, 38, 70)],
       {"heart": (0.53, 0.62), "trachea": (0.50, 0.22)},
       names=["lungs", "both lungs", "lung fields"], pl=True, piece="lung", forbid=_LUNG_FORBID,
       asks=["On this chest film, which paired organs do gas exchange?",
             "A patient is breathless and we want a volume estimate of the organs of gas exchange from the film. Which paired organs should I segment?"],
       nt=["the lungs", "both lung fields", "the pulmonary fields"],
       know=["The aortic knuckle sits on the left, just above the left hilum.",
             "The right hemidiaphragm normally sits about <<1>> to <<3>> cm higher than the left.",
             "The aortic knuckle forms a bump on the left upper mediastinal border."],
       pops=["Normally about <<6>> anterior ribs are visible above the diaphragm on a good inspiration.",
             "A cardiothoracic ratio up to <<50%>> is normal on a PA film."]),
    _P("heart_xr", "heart", "XR", "chest", "LI", [(147, 160, 42, 34)],
       {"trachea": (0.50, 0.22), "left hemidiaphragm": (0.70, 0.80)},
       names=["heart", "cardiac silhouette"], forbid=[r"heart", r"cardi"],
       asks=["On this chest film, which organ pumps blood around the body?",
             "A patient has ankle oedema and breathlessness lying flat. Which organ should I outline to measure the ratio?"],
       nt=["the heart", "the cardiac silhouette", "the heart shadow"],
       know=["The right hemidiaphragm usually sits higher than the left.",
             "The aortic knuckle bulges on the left upper mediastinal border.",
             "The gastric bubble normally lies under the left hemidiaphragm."],
       pops=["A cardiothoracic ratio above <<50%>> on a PA film is called enlarged.",
             "Dextrocardia occurs in about <<1>> in <<12,000>> people."]),
    _P("ptx", "pneumothorax", "XR", "chest", "LI", [(70, 60, 30, 18)],
       {"heart": (0.56, 0.62), "right hemidiaphragm": (0.30, 0.78)},
       names=["pneumothorax", "air in the pleural space"], forbid=[r"pneumo", r"\bptx\b", r"pleura", r"air leak"],
       asks=["A tall thin <<22>>-year-old has sudden pleuritic chest pain and breathlessness. What is the lucent area without lung markings?",
             "What is the area beyond the visceral edge with no vascular markings on this erect film?"],
       nt=["the pneumothorax", "the air in the pleural space", "the pneumothorax space"],
       know=["The left heart border is formed mostly by the left ventricle.",
             "The right hemidiaphragm sits higher than the left because of the liver.",
             "The trachea should sit centrally, between the clavicular heads."],
       pops=["Primary spontaneous cases affect about <<18>> to <<28>> per <<100,000>> men a year.",
             "A rim of <<2>> cm at the hilum is the usual cut-off for a large one."]),
    _P("peff_xr", "pleural effusion", "XR", "chest", "LI", [(185, 200, 35, 18)],
       {"heart": (0.56, 0.62), "left lung": (0.70, 0.48)},
       names=["pleural effusion", "effusion"], forbid=[r"pleura", r"effus", r"fluid", r"hydrothora"],
       asks=["On this erect film, what is causing the blunted costophrenic angle and the meniscus?",
             "A patient with heart failure has dullness to percussion at one base. What is the dense area with a curved upper edge?"],
       nt=["the pleural effusion", "the pleural fluid", "the effusion"],
       know=["The right hemidiaphragm normally sits higher than the left.",
             "The gastric bubble lies under the left hemidiaphragm.",
             "The aortic knuckle forms a bump on the left upper mediastinal border."],
       pops=["About <<200>> mL is needed before blunting shows on an erect PA film.",
             "Heart failure causes roughly <<1>> in <<3>> cases of this finding."]),
    _P("nod_xr", "lung nodule", "XR", "chest", "LI", [(90, 108, 6, 6)],
       {"heart": (0.56, 0.62)},
       names=["lung nodule", "pulmonary nodule", "nodule"], piece="nodule",
       forbid=_LUNG_FORBID + [r"nodul", r"\bmass", r"lesion", r"tumo", r"coin", r"opacit"],
       asks=["A <<59>>-year-old smoker has a chest film for a cough. What is the small round density projected over the mid zone?",
             "What is the small, well-defined round shadow on this PA film?"],
       nt=["the lung nodule", "the pulmonary nodule", "the nodule"],
       know=["Nipple shadows can mimic this finding and are usually bilateral and symmetric.",
             "The left hilum normally sits higher than the right.",
             "The right heart border is formed by the right atrium."],
       pops=["About <<1>> in <<500>> chest films shows a finding like this.",
             "Up to <<20%>> of these are missed on the first read."]),
    _P("clav", "clavicles", "XR", "chest", "LI", [(82, 42, 38, 6), (174, 42, 38, 6)],
       {"trachea": (0.50, 0.26), "heart": (0.50, 0.62)},
       names=["clavicles", "both clavicles", "collarbones"], pl=True, piece="clavicle",
       forbid=[r"clavic", r"collar ?bone"],
       asks=["On this chest film, which paired S-shaped bones connect the sternum to the shoulder blades?",
             "A cyclist fell onto an outstretched hand. Which paired bones should I outline on this film to check for a fracture?"],
       nt=["the clavicles", "both collarbones", "the clavicular bones"],
       know=["On a straight film the spinous processes sit midway between the sternoclavicular joints.",
             "The aortic knuckle bulges on the left upper mediastinal border.",
             "The right hemidiaphragm normally sits higher than the left."],
       pops=["Fractures of these bones make up about <<5%>> of all adult fractures.",
             "About <<80%>> of those fractures are in the middle third."]),
    _P("trach_xr", "trachea", "XR", "chest", "LI", [(128, 62, 6, 26)],
       {"heart": (0.57, 0.62), "aortic arch": (0.58, 0.38)},
       names=["trachea", "windpipe", "tracheal air column"], forbid=[r"trache", r"windpipe"],
       asks=["On this chest film, which air-filled tube runs down from the larynx to the carina?",
             "We are checking for a shift of the airway. Which structure should I outline on this film?"],
       nt=["the trachea", "the windpipe", "the tracheal air column"],
       know=["The aortic knuckle slightly indents the airway on the left.",
             "A large left pneumothorax under tension pushes the mediastinum to the right.",
             "The right main bronchus comes off more steeply than the left."],
       pops=["The carinal angle is normally about <<60>> to <<75>> degrees.",
             "An endotracheal tube tip should sit about <<5>> cm above the carina."]),
    # ---- photos (orientation None) ----
    _P("polyp", "polyp", "endoscopy", "colon", None, [(150, 88, 22, 22)], {},
       names=["polyp", "colonic polyp"], forbid=[r"polyp", r"adenom"],
       asks=["During this screening colonoscopy, what is the raised, smooth, mucosal growth protruding into the lumen?",
             "What is the pinkish bump on a short stalk in this colonoscopy frame?"],
       nt=["the polyp", "the colonic polyp", "the polypoid lesion"],
       know=["The descending colon runs down on the left side of the abdomen.",
             "The caecum sits in the right iliac fossa, with the appendix hanging from it.",
             "The sigmoid colon loops across the left lower pelvis."],
       pops=["Adenomas are found in about <<25%>> to <<30%>> of screening colonoscopies in people over <<50>>.",
             "Lesions under <<5>> mm are malignant in well under <<1%>> of cases."]),
    _P("skin", "skin lesion", "dermoscopy", "skin", None, [(128, 132, 60, 48)], {},
       names=["skin lesion", "pigmented lesion", "lesion"],
       forbid=[r"lesion", r"\bmole", r"n[a]?evus", r"n[a]?evi", r"melanom"],
       asks=["What is the asymmetric, irregularly bordered pigmented area on this dermoscopy image?",
             "A <<46>>-year-old noticed a spot on the back that has changed colour. What should I outline on this dermoscopy photo?"],
       nt=["the skin lesion", "the mole", "the pigmented lesion"],
       know=["Acral melanoma favours the palms and soles rather than sun-exposed skin.",
             "The back is the commonest site in men, the lower leg in women.",
             "The left and right sides of the body are affected about equally."],
       pops=["About <<1>> in <<50>> people in some fair-skinned populations will develop melanoma.",
             "The ABCDE rule flags lesions larger than about <<6>> mm."]),
    _P("disc", "optic disc", "other", "eye", None, [(182, 124, 20, 20)], {},
       names=["optic disc", "optic nerve head"], forbid=[r"optic", r"\bdisc", r"\bdisk", r"papill", r"nerve head"],
       asks=["On this fundus photo, where do the retinal vessels and nerve fibres leave the eye?",
             "In a glaucoma check, which structure on this fundus photo do we assess for cupping?"],
       nt=["the optic disc", "the optic nerve head", "the papilla"],
       know=["The macula lies temporal to the vessel arcades, in the centre of the posterior pole.",
             "In a right eye the nasal side is on the viewer's right; in a left eye it is on the viewer's left.",
             "The superior and inferior arcades arch over and under the macula."],
       pops=["A cup-to-disc ratio above about <<0.6>> raises suspicion of glaucoma.",
             "Glaucoma affects roughly <<3%>> of people over <<40>>."]),
    _P("nuclei", "cell nuclei", "microscopy", "cell", None,
       [(60, 60, 10, 8), (150, 70, 9, 9), (200, 150, 11, 8), (90, 180, 8, 10), (140, 200, 10, 9)], {},
       names=["cell nuclei", "nuclei"], pl=True, piece="nucleus", forbid=[r"nucle", r"chromatin", r"karyo"],
       asks=["On this stained micrograph, which dark round structures hold the cells' DNA?",
             "Which haematoxylin-stained structures should I outline to count the cells here?"],
       nt=["the cell nuclei", "the nuclei", "the nuclear outlines"],
       know=["Haematoxylin stains acidic structures blue-purple, eosin stains the cytoplasm pink.",
             "Red blood cells have no DNA compartment at all in mammals.",
             "Mitotic figures are counted per <<10>> high-power fields."],
       pops=["A typical human cell is about <<10>> to <<20>> micrometres across.",
             "Ki-67 above about <<20%>> usually counts as a high proliferation index."]),
]

# ---------------------------------------------------------------------------------------------------------------
# facts and records
# ---------------------------------------------------------------------------------------------------------------

_GRID = 256


def _mask(p, rng):
    yy, xx = np.mgrid[0:_GRID, 0:_GRID]
    m = np.zeros((_GRID, _GRID), bool)
    sx, sy = rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)  # one small shift for the whole mask
    for (cx, cy, rx, ry) in p["ell"]:
        k = rng.uniform(0.97, 1.03)
        cx, cy = cx + sx + rng.uniform(-0.5, 0.5), cy + sy + rng.uniform(-0.5, 0.5)
        m |= ((xx - cx) / (rx * k)) ** 2 + ((yy - cy) / (ry * k)) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    m = _mask(p, rng)
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])

# ---------------------------------------------------------------------------------------------------------------
# the writer: one conversation, every target claim logged
# ---------------------------------------------------------------------------------------------------------------

_IMGDESC = {("CT", "LP"): "axial CT slice", ("MR", "LP"): "axial MR slice", ("CT", "LI"): "coronal CT image",
            ("MR", "LI"): "coronal MR image", ("XR", "LI"): "frontal chest X-ray",
            ("endoscopy", None): "colonoscopy frame", ("dermoscopy", None): "dermoscopy image",
            ("other", None): "fundus photo", ("microscopy", None): "micrograph"}
_TERSE_IMG = {("CT", "LP"): "Ax CT", ("MR", "LP"): "Ax MR", ("CT", "LI"): "Cor CT", ("MR", "LI"): "Cor MR",
              ("XR", "LI"): "CXR PA", ("endoscopy", None): "Colonoscopy still", ("dermoscopy", None): "Dermoscopy",
              ("other", None): "Fundus photo", ("microscopy", None): "Micrograph, H&E"}
_TERSE_REGION = {"abdomen": "abdo", "pelvis": "pelvis", "chest": "chest", "brain": "head"}
_VIEW = {"LP": "axial slices are viewed as if from the patient's feet",
         "LI": "coronal images are displayed as if you were facing the patient",
         "XR": "a frontal chest film is hung as if you were facing the patient"}


class _W:
    def __init__(self, p, f, reg, rng):
        self.p, self.f, self.reg, self.rng = p, f, reg, rng
        self.o = p["orient"]
        self.photo = self.o is None
        self.xr = p["mod"] == "XR"
        self.tpl = p["pl"]
        self.side, self.vert, self.cls = f["laterality"], f["vertical"], f["size_class"]
        self.pct = 100.0 * f["area_fraction"]
        self.n = f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.rels_by = {}
        for o, rl in self.rels:
            self.rels_by.setdefault(o, []).append(rl)
        self.others = list(self.rels_by)
        self.img = "frame" if self.photo else ("film" if self.xr else rng.choice(["image", "slice"]))
        self.claims, self.turns = [], []
        self.excl = set()
        self.used = []
        self.nb_used = False
        self.n_extra = 0  # confusable true sentences (knowledge, population figures, convention, hypotheticals, ...)  # knowledge and population sentences already used in this row
        self.covered = []  # slots already stated by the assistant, in order (a list: no hash order)

    # -- basics --------------------------------------------------------------------------------------------------
    def ch(self, seq):
        return self.rng.choice(seq)

    def fresh(self, pool):
        """A sentence from pool not yet used in this conversation (any when all are used)."""
        left = [x for x in pool if x not in self.used] or list(pool)
        x = self.rng.choice(left)
        self.used.append(x)
        return x

    def nm(self):
        return self.ch([x for x in self.p["names"] if self.reg != _TE or " the " not in x])

    def the(self, name):
        return name if name.startswith("both ") else "the " + name

    def subj(self):
        pron = "they" if self.tpl else "it"
        opts = [(pron, self.tpl)] * 3 + [(self.the(self.nm()), self.tpl), ("the mask", False),
                                         ("the segmented region", False), ("the segmentation", False),
                                         ("the highlighted area", False)]
        return self.ch(opts)

    def r(self, t, subj=None, **kw):
        s_text, s_pl = (subj or self.subj()) if "{S}" in t else (None, self.tpl)
        out, i = [], 0
        while True:
            j = t.find("{", i)
            if j < 0:
                out.append(t[i:])
                break
            k = t.find("}", j)
            key = t[j + 1:k]
            out.append(t[i:j])
            if key == "S":
                out.append(s_text)
            elif key in _PLV:
                out.append(_PLV[key] if s_pl else key)
            elif key in ("tis", "Tis", "tdoes"):
                out.append({"tis": ("is", "are"), "Tis": ("Is", "Are"), "tdoes": ("does", "do")}[key][self.tpl])
            elif key in _PRON:
                out.append(_PRON[key] if self.tpl else ("it" if key == "obj" else key))
            elif key in kw:
                out.append(str(kw[key]))
            else:
                raise KeyError(key)
            i = k + 1
        s = _cap("".join(out))
        for stop in (". ", "? ", "! "):
            j = s.find(stop)
            while j >= 0:
                if s[j + 2:j + 3].islower():
                    s = s[:j + 2] + s[j + 2].upper() + s[j + 3:]
                j = s.find(stop, j + 1)
        return s

    def num(self, n, words=None):
        """A count as digits or words (always words in numbers_as_words, digits in terse)."""
        if self.reg == _NW or (words is None and self.reg in (_TU, _CH) and self.rng.random() < 0.5) or words:
            return _iw(n)
        return str(n)

    def log(self, kind, value, text, other=None, role="assistant", status="ok"):
        self.claims.append(dict(turn=len(self.turns), role=role, kind=kind, value=value, other=other, text=text,
                                status=status))
        return text

    def ok(self, kind, other=None):
        return kind not in self.excl and (kind, other) not in self.excl

    # -- percent -------------------------------------------------------------------------------------------------
    def pct_words(self, v):
        """(text, stated value) for a percent v: digits, or words in numbers_as_words."""
        rng = self.rng
        if v >= 10:
            s = str(int(round(v)))
        elif v >= 1:
            s = "%.1f" % v
            if abs(round(v) - v) / v < 0.07 and rng.random() < 0.35:
                s = str(int(round(v)))
        else:
            s = "%.1f" % v
            if float(s) == 0 or abs(float(s) - v) / v > 0.08:
                s = "%.2f" % v
        if s.endswith(".0"):
            s = s[:-2]
        val = float(s)
        if self.reg == _NW:
            for fv, fw in _FRACS:
                if abs(fv - v) / v < 0.1 and rng.random() < 0.5:
                    return fw, fv
            return _nw(s) + " percent", val
        return s + "%", val

    def false_pct(self):
        rng = self.rng
        for _ in range(50):
            k = rng.choice([0.2, 0.25, 0.3]) if (self.pct * 3 > 90 or rng.random() < 0.5) else rng.choice([3.0, 3.5, 4.0])
            t, val = self.pct_words(self.pct * k)
            if val > 0 and (val / self.pct < 0.38 or val / self.pct > 2.6):
                return t, val
        raise RuntimeError("no false percent")

    # -- claim texts (value may be true or false; the caller logs it) --------------------------------------------
    def side_text(self, v, form, classic=False):
        reg, ch, region = self.reg, self.ch, self.p["region"]
        if v in ("left", "right"):
            opp = _OPP[v]
            V, OPP = _LT[v], _LT[opp]
            img = v if classic else opp  # the classic slip names the image side as the patient's side
            IMG = _LT[img]
            hemi = "%s %s" % (v, _HEMI_PLAIN[region]) if region in _HEMI_PLAIN else "%s half of the body" % v
            hemiT = "%s %s" % (V, _HEMI[region]) if region in _HEMI else "%s side" % V
            if form == "frag":
                return ch([V, V + "-sided"]) if reg == _TE else ch(["on the patient's " + v, "on the " + v + " side",
                                                                   v + "-sided"])
            if classic:
                return {_TE: ch(["Sits on image %s, so pt %s." % (IMG, V), "Image %s = pt %s side." % (IMG, V)]),
                        _TU: ch(["{S} {sits} on the %s of the image, so {it} {is} on the patient's %s." % (img, v),
                                 "Look where {it} {is}: the %s side of the picture, which makes {it} the patient's %s." % (img, v)]),
                        _CH: ch(["- **Side:** %s (it's on the %s of the image)" % (v, img),
                                 "- **Side:** patient's %s, same as the %s of your screen" % (v, img)]),
                        _NW: ch(["{S} {is} on the %s of the picture, so on the patient's %s side." % (img, v)])}[reg]
            if reg == _TE:
                return ch(["%s-sided." % V, "Laterality: %s." % V, "Pt %s (image %s)." % (V, IMG), "%s, not %s." % (V, OPP),
                           "Located %s." % hemiT, "%s side." % V])
            if reg == _TU:
                view = _VIEW["XR" if self.xr else self.o]
                return ch(["Which side {tis} {it} on? {S} {sits} on the %s of the image, and since %s, that means the patient's %s." % (img, view, v),
                           "{S} {is} on the patient's %s. Did you notice that {it} {shows} on the %s of your screen? That's the radiological convention at work." % (v, img),
                           "Side first: the patient's %s, in the %s. What would you have said going by the screen alone?" % (v, hemi),
                           "{S} {lies} on the %s: the patient's %s, not the %s." % (v, v, opp)])
            if reg == _CH:
                if form == "bullet":
                    return ch(["- **Side:** patient's %s (the %s of your screen, radiology flips it 🙃)" % (v, img),
                               "- **Side:** %s, in the %s" % (v, hemi), "- 📍 **Side:** the patient's %s" % v])
                return ch(["{S} {is} on the **patient's %s** (that's the %s side of your screen)." % (v, img),
                           "{S} {sits} on the **%s**, not the %s." % (v, opp)])
            return ch(["{S} {sits} on the patient's %s side, which shows up on the %s half of the picture." % (v, img),
                       "{S} {is} on the %s, in the %s." % (v, hemi), "{S} {lies} on the patient's %s, not on the %s." % (v, opp)])
        if v == "midline":
            if form == "frag":
                return ch(["midline", "on midline"]) if reg == _TE else ch(["in the midline", "right on the midline"])
            return {_TE: ch(["Midline.", "Midline, no lateral predominance.", "Straddles midline.",
                             "Centred on midline, neither Lt nor Rt."]),
                    _TU: ch(["Left or right? Neither: {S} {straddles} the midline.",
                             "{S} {sits} in the midline. Notice how {it} {crosses} the centre of the body instead of favouring one side."]),
                    _CH: ch(["- **Side:** midline (right down the middle)", "- **Side:** on the midline, not off to one side"])
                    if form == "bullet" else ch(["{S} {sits} **right on the midline**.", "{S} {is} midline, not off to one side."]),
                    _NW: ch(["{S} {sits} in the midline, neither to the left nor to the right.",
                             "{S} {is} centred on the midline of the body."])}[reg]
        if v == "bilateral":
            if form == "frag":
                return ch(["bilat", "bilateral"]) if reg == _TE else ch(["on both sides", "bilateral"])
            return {_TE: ch(["Bilat.", "Bilateral.", "Both sides, Lt and Rt.", "Bilat distribution."]),
                    _TU: ch(["One side or both? Look at each half of the image: there is mask on both, so {it} {is} bilateral.",
                             "{S} {is} bilateral, present on the patient's left and on the right."]),
                    _CH: ch(["- **Side:** both sides (bilateral) ↔️", "- **Side:** bilateral"])
                    if form == "bullet" else ch(["{S} {is} **bilateral**: left and right.", "{S} {shows} up on **both sides**."]),
                    _NW: ch(["{S} {is} bilateral, present on both the left and the right side.",
                             "{S} {is} found on both sides of the body."])}[reg]
        # unknown: a photo
        if form == "frag":
            return "side n/a" if reg == _TE else "with no patient side to give"
        return {_TE: "Side: n/a (photo, no pt axes).",
                _TU: "Could we say left or right here? Not really: a photo like this has no patient axes, so I won't give a side.",
                _CH: "- **Side:** can't tell from a photo 🤷" if form == "bullet" else "There's no patient left or right on a photo like this, so no side from me.",
                _NW: "There is no way to tell the patient's left from right on a photo like this, so I will not give a side."}[reg]

    def vert_text(self, v, form):
        plain, terse = _VP[(self.o, v)]
        vp, vt = self.ch(plain), self.ch(terse)
        reg, ch = self.reg, self.ch
        neg = {"anterior": "not toward the back", "posterior": "not toward the front", "superior": "not low down",
               "inferior": "not high up", "upper": "not in the lower half", "lower": "not in the upper half",
               "central": {"LP": "neither clearly in front nor behind", "LI": "neither high nor low",
                           None: "neither high nor low in the frame"}[self.o]}[v]
        if form == "frag":
            return vt if reg == _TE else vp
        if reg == _TE:
            return ch([_cap(vt) + ".", "Position: %s." % vt] + (["%s position." % _cap(vt)] if " " not in vt else []))
        if reg == _TU:
            return ch(["{S} {sits} %s." % vp, "%s? {S} {lies} %s." % (_VQ[self.o], vp),
                       "{S} {sits} %s. What landmark would you use to check that?" % vp, "{S} {lies} %s, %s." % (vp, neg)])
        if reg == _CH:
            if form == "bullet":
                return ch(["- **Position:** %s" % vp, "- **Where:** %s (%s)" % (vp, neg)])
            return ch(["{S} {sits} **%s**." % vp, "{S} {sits} %s, %s." % (vp, neg)])
        return ch(["{S} {sits} %s." % vp, "{S} {lies} %s, %s." % (vp, neg)])

    def rel_text(self, other, vals, form):
        if len(vals) == 1:
            plain, terse, swap = _RP[vals[0]]
            rp = self.ch(plain).replace("{o}", other)
            rt = terse.replace("{o}", _tname(other))
            sw = swap.replace("{o}", other)
        else:  # two axes: "behind and to the patient's left of the aorta"
            ap = [v for v in vals if v not in ("left_of", "right_of")][0]
            lr = [v for v in vals if v in ("left_of", "right_of")][0]
            rp = "%s and %s the %s" % (_RSHORT[ap][0], self.ch([_RSHORT[lr][0], _RSHORT[lr][0].replace("the patient's ", "the ")]), other)
            rt = "%s and %s of %s" % (_RSHORT[ap][1], _RSHORT[lr][1], _tname(other))
            sw = "the %s lies %s {obj} and to {its} %s" % (other, _RSHORT[ap][2], _RSHORT[lr][2])
        if other in _PL_OTHER:
            sw = sw.replace(" lies ", " lie ").replace(" sits ", " sit ")
        reg, ch = self.reg, self.ch
        if form == "frag":
            return rt if reg == _TE else rp
        if reg == _TE:
            return _cap(rt) + "."
        if reg == _TU:
            return ch(["{S} {lies} %s." % rp, "Relative to the %s? {S} {sits} %s." % (other, rp), "Notice that %s." % sw])
        if reg == _CH:
            if form == "bullet":
                if self.nb_used:
                    return "- **vs the %s:** %s" % (other, rp)
                self.nb_used = True
                return ch(["- **Neighbours:** %s" % rp, "- **vs the %s:** %s" % (other, rp)])
            return ch(["{S} {lies} **%s**." % rp, "Compared with the %s, {it} {sits} %s." % (other, rp)])
        return ch(["{S} {lies} %s." % rp, _cap(sw) + "."])

    def cls_text(self, v, form):
        word = self.ch(_CLS[v])
        gloss = _fill(_GLOSS[v].replace("{img}", self.img), self.reg)
        reg, ch = self.reg, self.ch
        if form == "frag":
            return {"small": "small", "medium": "med size", "large": "large"}[v] if reg == _TE else word
        if reg == _TE:
            return ch(_CLS_T[v]) + "."
        if reg == _TU:
            return ch(["How big {tis} {it}? {S} {is} %s, that is, %s." % (word, gloss),
                       "Would you call {obj} big or small? By the usual cut-offs {it} {is} %s." % word])
        if reg == _CH:
            if form == "bullet":
                return ch(["- **Size:** %s" % word, "- **Size:** %s (%s)" % (word, gloss)])
            return ch(["Size-wise {it} {is} **%s**." % word, "{S} {is} **%s** (%s)." % (word, gloss)])
        return ch(["{S} {is} %s, which here means %s." % (word, gloss), "In size, {it} {is} %s." % word])

    def pct_text(self, t, form):
        reg, ch, img = self.reg, self.ch, self.img
        if form == "frag":
            return ("~%s of %s" % (t, img)) if reg == _TE else ch(["about ", "roughly ", "around "]) + t + " of the " + img
        if reg == _TE:
            return ch(["~%s of %s." % (t, img), "Area approx %s of %s." % (t, img), "Covers ~%s of %s." % (t, img)])
        if reg == _TU:
            return ch(["{S} {covers} about %s of the %s." % (t, img),
                       "If you counted pixels, {it} would take up roughly %s of the %s." % (t, img)])
        if reg == _CH:
            if form == "bullet":
                return "- **Area:** ~%s of the %s" % (t, img)
            return "{S} {covers} about **%s** of the %s." % (t, img)
        return ch(["{S} {covers} about %s of the %s." % (t, img), "{S} {takes} up roughly %s of the %s." % (t, img)])

    def count_text(self, n, form):
        reg, ch = self.reg, self.ch
        pc = self.p["piece"]
        pcs = _PIECES[pc]
        if form == "frag":
            if n == 1:
                return ch(["single component", "1 component"]) if reg == _TE else ch(["one single piece", "a single connected piece"])
            return ("%d components" % n) if reg == _TE else "%s separate %s" % (self.num(n), ch(["pieces", pcs]))
        if n == 1:
            if reg == _TE:
                return ch(["Single component.", "1 contiguous region.", "Single contiguous component, no satellites."])
            if reg == _TU:
                return ch(["How many separate pieces are there? Just one: {S} {is} a single connected region.",
                           "{S} {forms} one continuous region, not several."])
            if reg == _CH:
                if form == "bullet":
                    return ch(["- **Pieces:** 1 (one connected blob)", "- **Pieces:** just one"])
                return "{S} {is} **one single piece**."
            return ch(["{S} {is} one single connected piece.", "{S} {forms} a single continuous region, not several separate ones."])
        nt = self.num(n)
        if reg == _TE:
            return ch(["%d separate components." % n, "%s x%d." % (_cap(pcs), n), "%d %s, separate." % (n, pcs)])
        if reg == _TU:
            return ch(["Now count the islands: how many separate %s do you see? I count %s." % (pcs, nt),
                       "There are %s separate %s, not one continuous region." % (nt, pcs)])
        if reg == _CH:
            if form == "bullet":
                return "- **Pieces:** %s separate %s" % (nt, pcs)
            return "There are **%s separate %s**." % (nt, pcs)
        return ch(["There are %s separate %s." % (nt, pcs), "{S} {is} made up of %s separate pieces." % nt])

    # -- claims (text + ledger) ----------------------------------------------------------------------------------
    def c_side(self, v, form, role="assistant", status="ok", classic=False):
        return self.log("side", v, self.r(self.side_text(v, form, classic)) if form != "frag" else self.side_text(v, form),
                        role=role, status=status)

    def c_vert(self, v, form, role="assistant", status="ok"):
        t = self.vert_text(v, form)
        return self.log("vert", v, self.r(t) if form != "frag" else t, role=role, status=status)

    def c_rel(self, other, vals, form, role="assistant", status="ok"):
        t = self.rel_text(other, vals, form)
        t = self.r(t) if form != "frag" else t
        for v in vals:
            self.log("rel", v, t, other=other, role=role, status=status if v not in self.rels_by[other] else "ok")
        return t

    def log_slot(self, slot, value, text, role="assistant", status="ok"):
        """Log a value stated in a fragment (a percent as its stated number, relations one by one)."""
        kind, other = slot
        if kind == "rel":
            for v in value:
                self.log("rel", v, text, other=other, role=role, status=status if v not in self.rels_by[other] else "ok")
        else:
            self.log(kind, value[1] if kind == "pct" else value, text, other=other, role=role, status=status)

    def c_cls(self, v, form, role="assistant", status="ok"):
        t = self.cls_text(v, form)
        return self.log("cls", v, self.r(t) if form != "frag" else t, role=role, status=status)

    def c_pct(self, tv, form, role="assistant", status="ok"):
        t = self.pct_text(tv[0], form)
        return self.log("pct", tv[1], self.r(t) if form != "frag" else t, role=role, status=status)

    def c_count(self, n, form, role="assistant", status="ok"):
        t = self.count_text(n, form)
        return self.log("count", n, self.r(t) if form != "frag" else t, role=role, status=status)

    # -- false values ----------------------------------------------------------------------------------------------
    def false_value(self, slot):
        kind, other = slot
        rng = self.rng
        if kind == "side":
            if self.side in ("left", "right"):
                return _OPP[self.side] if rng.random() < 0.8 else "midline"
            return rng.choice(["left", "right"])
        if kind == "vert":
            if self.vert in _OPP:
                return _OPP[self.vert]
            return rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[self.o])
        if kind == "rel":
            rs = list(self.rels_by[other])
            rng.shuffle(rs)
            out = [_RFLIP[rs[0]]] + (rs[1:] if rng.random() < 0.4 else [])
            return sorted(out, key=lambda v: v in ("left_of", "right_of"))
        if kind == "cls":
            return {"small": rng.choice(["large", "medium"]), "medium": rng.choice(["small", "large"]),
                    "large": rng.choice(["small", "medium"])}[self.cls]
        if kind == "pct":
            return self.false_pct()
        if kind == "count":
            if self.n == 1:
                return rng.choice([2, 3])
            return rng.choice([self.n + 1, self.n + 2] + ([1] if self.side != "bilateral" else []))
        raise ValueError(kind)

    def rel_of(self, other):
        rs = list(self.rels_by[other])
        if len(rs) > 1 and self.rng.random() < 0.5:
            rs = [self.rng.choice(rs)]
        return rs

    def true_value(self, slot):
        kind, other = slot
        if kind == "rel":
            return self.rel_of(other)
        if kind == "pct":
            return self.pct_words(self.pct)
        return {"side": self.side, "vert": self.vert, "cls": self.cls, "count": self.n}[kind]

    def claim(self, slot, value, form, role="assistant", status="ok", classic=False):
        kind, other = slot
        if kind == "side":
            return self.c_side(value, form, role, status, classic)
        if kind == "vert":
            return self.c_vert(value, form, role, status)
        if kind == "rel":
            return self.c_rel(other, value, form, role, status)
        if kind == "cls":
            return self.c_cls(value, form, role, status)
        if kind == "pct":
            return self.c_pct(value, form, role, status)
        return self.c_count(value, form, role, status)

_PV = {"side": "{is}", "vert": "{sits}", "rel": "{lies}", "cls": "{is}", "pct": "{covers}", "count": "{is} in"}
_TOPIC = {"side": "side", "vert": "pos", "rel": "pos", "cls": "size", "pct": "size", "count": "count"}


def _spec_topic(spec):
    return {"side": "side", "vert": "pos", "size": "size", "count": "count"}.get(spec, "pos")


class _Conv(_W):
    # -- the first question ----------------------------------------------------------------------------------------
    def q1(self, names_target):
        p, reg, ch = self.p, self.reg, self.ch
        key = (p["mod"], self.o)
        desc = _IMGDESC[key]
        an = "an" if desc[0] in "aeiou" else "a"
        timg = _TERSE_IMG[key] + ("" if self.photo or self.xr else ", " + _TERSE_REGION[p["region"]])
        it = "them" if self.tpl else "it"
        if names_target:
            nm = ch(p["nt"])
            return {_TE: ch(["%s. Seg %s." % (timg, nm), "%s. Please segment %s, brief report." % (timg, nm),
                             "%s: %s? Mask + short description." % (timg, nm)]),
                    _TU: ch(["I'm learning to read these. Could you find %s on this %s, segment %s and explain how you located %s?" % (nm, desc, it, it),
                             "Can you teach me how to spot %s on this %s? Please segment %s too." % (nm, desc, it)]),
                    _CH: ch(["Hi! Can you outline %s on this %s for me? 🙏" % (nm, desc),
                             "Hey! Quick one: could you segment %s here and tell me a bit about %s?" % (nm, it)]),
                    _NW: ch(["Please segment %s on this %s and describe %s." % (nm, desc, it),
                             ("Could you outline %s on this %s and tell me where they are and how big they are?" if self.tpl else
                              "Could you outline %s on this %s and tell me where it is and how big it is?") % (nm, desc)])}[reg]
        a = _fill(ch(p["asks"]), reg)
        return {_TE: ch(["%s. %s Seg pls." % (timg, a), "%s. %s Segment + brief report." % (timg, a),
                         "%s %s. Mask %s, short report." % (a, timg, it)]),
                _TU: ch(["I'm a student trying to learn this. %s Could you segment %s and walk me through how you'd find %s?" % (a, it, it),
                         "Could you help me understand this %s? %s Please segment %s and explain your reasoning." % (desc, a, it),
                         "%s I'd like to learn the reasoning, so please segment %s and explain step by step." % (a, it)]),
                _CH: ch(["Hi! 👋 %s Could you segment %s for me?" % (a, it),
                         "Hey, quick question about this %s: %s Can you highlight %s?" % (desc, a, it),
                         "%s Would love a segmentation and a quick rundown!" % a]),
                _NW: ch(["Here is %s %s. %s Please segment %s and describe where %s is and how big %s is." % (an, desc, a, it, it, it)
                         if not self.tpl else "Here is %s %s. %s Please segment them and describe where they are and how big they are." % (an, desc, a),
                         "%s Please outline %s on the image and give me the key numbers, written out in words." % (a, it)])}[reg]

    def opening(self, named=False):
        ch, reg = self.ch, self.reg
        nm = self.nm()
        the = self.the(nm)
        ob = "them" if self.tpl else "it"
        if named:  # the user already named it
            here = "Here are" if self.tpl else "Here is"
            return {_TE: ch(["%s [SEG]." % _cap(nm), "Seg: %s [SEG]." % nm]),
                    _TU: ch(["Happy to. %s %s [SEG]. Let's see how you could find %s yourself." % (here, the, ob),
                             "Of course: %s [SEG]. Let's go through what gives %s away." % (the, ob)]),
                    _CH: ch(["Sure! Here's **%s** [SEG] 🎯" % the, "On it! **%s** [SEG] — here's the breakdown:" % _cap(the)]),
                    _NW: ch(["%s %s, outlined [SEG]." % (here, the), "I have segmented %s here [SEG]." % the])}[reg]
        return {_TE: ch(["%s [SEG]." % _cap(nm), "Finding: %s [SEG]." % nm, "Seg: %s [SEG]." % nm,
                         "%s [SEG]. Fits stated history." % _cap(nm)]),
                _TU: ch(["Let's reason it through. What you describe points to %s, and here %s [SEG]." % (the, "they are" if self.tpl else "it is"),
                         "Good question. Think about which structure does that job: it's %s. I've outlined %s here [SEG]." % (the, ob),
                         "The answer is %s [SEG]. Let's look at how you could have found %s yourself." % (the, ob)]),
                _CH: ch(["## Found it: %s 🎯\n\nHere's the segmentation of **%s** [SEG]." % (the, the),
                         "Great question! That's **%s** [SEG]." % the,
                         "**%s** [SEG] — here's the breakdown:" % _cap(nm)]),
                _NW: ch(["%s %s [SEG]." % ("Those are" if self.tpl else "That is", the),
                         ("The structures you are asking about are %s, outlined here [SEG]." if self.tpl else
                          "The structure you are asking about is %s, outlined here [SEG].") % the,
                         "You are looking for %s; I have segmented %s here [SEG]." % (the, ob)])}[reg]

    # -- confusable true sentences (never about the target's own measured facts) -----------------------------------
    def conv(self):
        reg, ch = self.reg, self.ch
        view = _VIEW["XR" if self.xr else self.o]
        if reg == _TE:
            return ch({"LP": ["NB radiological convention: image Rt = pt Lt.", "Viewed from feet: pt Lt on image Rt."],
                       "LI": ["Coronal displayed facing pt: pt Lt on image Rt."],
                       "XR": ["Film viewed facing pt: pt Rt on viewer's Lt."]}["XR" if self.xr else self.o])
        return {_TU: "A quick reminder, because everyone trips on this: %s, so the patient's left appears on the right of the screen." % view,
                _CH: "> 💡 Remember: in radiology the patient's left shows on the **right** of your screen.",
                _NW: "Remember that %s, so the patient's left appears on the right of the screen." % view}[reg]

    def know(self):
        p, reg, ch = self.p, self.reg, self.ch
        pool = list(p["know"]) + _REGION_KNOW.get(p["region"], [])
        k = _fill(self.fresh(pool), reg)
        if reg == _TE:
            return ch(["", "NB: ", "Note: "]) + _terse(k)
        if reg == _TU:
            return ch(["A related point you may be asked: ", "Here's something to file away: ", "Worth knowing: "]) + _lc(k)
        if reg == _CH:
            return ch(["- 🧠 ", "**Did you know?** ", "Fun fact: "]) + k
        return k

    def pop(self):
        reg, ch = self.reg, self.ch
        k = _fill(self.fresh(self.p["pops"]), reg)
        if reg == _TE:
            return _terse(k)
        if reg == _TU:
            return "A number worth remembering: " + _lc(k)
        if reg == _CH:
            return ch(["- 📊 ", "📊 "]) + k
        return k

    def cmp(self):
        """A size comparison about other structures (true, general)."""
        key = "xr" if self.xr else ("photo" if self.photo else self.p["region"])
        t = {"abdomen": "For comparison, the liver on a mid-abdominal slice often fills <<10%>> of the image or more, while a normal gallbladder is usually under <<1%>>.",
             "chest": "For comparison, the heart on an axial chest slice often takes up <<5%>> to <<8%>> of the image.",
             "brain": "For comparison, a whole cerebral hemisphere can take up about one third of an axial head slice.",
             "pelvis": "For comparison, a full bladder can fill <<5%>> of a pelvic slice, an empty one well under <<1%>>.",
             "xr": "For comparison, each lung field usually takes up more than <<10%>> of a frontal film.",
             "photo": "For comparison, what fills a close-up frame depends mostly on how near the camera is."}[key]
        t = _fill(t, self.reg)
        if self.reg == _TE:
            return _terse(t.replace("For comparison, ", "Cf: "))
        if self.reg == _CH:
            return "📏 " + t
        return t

    def thresh(self):
        return {_TE: "Size bands: small <1%, medium 1-5%, large ≥5% of image.",
                _TU: "A rule of thumb we use: under 1% of the image is small, 1 to 5% is medium, and 5% or more is large.",
                _CH: "> 📏 Size bands: small < 1%, medium 1–5%, large ≥ 5% of the image.",
                _NW: "As a rule of thumb, under one percent of the picture counts as small, one to five percent as medium, and five percent or more as large."}[self.reg]

    def hypo(self, kind):
        reg, ch = self.reg, self.ch
        if kind == "side":
            if self.side in ("left", "right"):
                cf = _OPP[self.side]
                t = {_TE: "If %s-sided, would recheck orientation/labels." % _LT[cf],
                     _TU: "What if {it} had been on the %s instead? Then I'd check the orientation header before trusting anything." % cf,
                     _CH: "(If it had shown up on the %s, I'd double-check the image orientation first!)" % cf,
                     _NW: "Had {it} been on the %s, I would double-check the orientation of the image first." % cf}[reg]
            elif self.side == "midline":
                t = "If displaced off midline, would look for mass effect." if reg == _TE else \
                    "If {it} were pushed off to one side, I'd look for something pushing on {obj}."
            elif self.side == "bilateral":
                t = "If unilateral, would favour local cause." if reg == _TE else \
                    "If only one side were involved, I'd think about a local cause rather than a systemic one."
            else:
                return None
        elif kind == "count":
            if self.n == 1:
                t = "If multifocal, would search for satellites." if reg == _TE else \
                    "Had there been several separate pieces, I'd look for satellites or a second process."
            else:
                t = "If single, ddx would differ." if reg == _TE else "If this were all one single region, I'd think of a different process."
        elif kind == "size":
            cf = {"small": "large", "large": "small", "medium": ch(["small", "large"])}[self.cls]
            t = ("If %s, would reconsider." % cf) if reg == _TE else "If {it} had been %s, the differential would shift." % cf
        else:
            return None
        return self.r(t)

    def closing(self):
        reg, ch = self.reg, self.ch
        if reg == _TU:
            pool = ["What would you look at next?", "Which neighbour would you check next, and why?",
                    "Does that reasoning make sense to you?", "Could you explain back to me how we decided that?"]
            if not self.photo:
                pool.append("Can you find {obj} on the next slice down?" if not self.xr else "Can you trace {its} outline yourself on the film?")
            return self.r(ch(pool))
        if reg == _CH:
            return ch(["Hope that helps! 😊", "Happy to dig deeper if you like!", "Let me know if you want more detail. 👋",
                       "Shout if anything's unclear!"])
        if reg == _TE:
            return ch(["Correlate clinically.", "", ""])
        return ""

    def extras(self, n, avoid=None):
        kinds = ["know", "know", "pop", "hypo", "thresh", "cmp"] + ([] if self.photo else ["conv", "conv"])
        self.rng.shuffle(kinds)
        out, seen = [], set()
        for k in kinds:
            if len(out) >= n or k in seen:
                continue
            seen.add(k)
            if k == "know":
                out.append(self.know())
            elif k == "pop":
                out.append(self.pop())
            elif k == "thresh":
                if "size" != avoid:
                    out.append(self.thresh())
            elif k == "conv":
                out.append(self.conv())
            elif k == "cmp":
                if "size" != avoid or self.rng.random() < 0.5:
                    out.append(self.cmp())
            else:
                hk = self.ch([t for t in ("side", "count", "size") if t != avoid and not (t == "side" and self.photo)])
                h = self.hypo(hk)
                if h:
                    out.append(h)
        out = [x for x in out if x]
        self.n_extra += len(out)
        return out

    # -- rendering a topic ------------------------------------------------------------------------------------------
    def cover(self, slot):
        if slot not in self.covered:
            self.covered.append(slot)

    def ok_rels(self):
        """Neighbours whose relations may still be stated."""
        return [o for o in self.others if self.ok("rel", o)]

    def render(self, topic, form, planted=None):
        rng, out = self.rng, []
        if planted is not None:
            out.append(self.claim(planted, self.fv, form, status="planted", classic=self.classic))
            self.cover(planted)
            if planted[0] == "rel" and rng.random() < 0.3:
                more = [x for x in self.ok_rels() if x != planted[1]]
                if more:
                    o = rng.choice(more)
                    out.append(self.claim(("rel", o), self.rel_of(o), form))
                    self.cover(("rel", o))
            return out
        slots = []
        if topic == "side" and self.ok("side"):
            slots = [("side", None)]
        elif topic == "pos":
            rels = self.ok_rels()
            vert = [("vert", None)] if self.ok("vert") else []
            rs = [("rel", o) for o in rels]
            rng.shuffle(rs)
            mode = rng.choice(["vert", "rel", "both", "both"])
            if mode == "vert" or not rs:
                slots = vert or rs[:1]
            elif mode == "rel" or not vert:
                slots = rs[:rng.choice([1, 2])]
            else:
                slots = vert + rs[:rng.choice([1, 1, 2])]
        elif topic == "size":
            avail = [s for s in (("cls", None), ("pct", None)) if self.ok(s[0])]
            if len(avail) == 2:
                slots = rng.choice([avail, avail, avail[:1], avail[1:]])
            else:
                slots = avail
        elif topic == "count" and self.ok("count"):
            slots = [("count", None)]
        for s in slots:
            out.append(self.claim(s, self.true_value(s), form))
            self.cover(s)
        return out

    # -- follow-up questions ---------------------------------------------------------------------------------------
    def ask_text(self, spec):
        reg, ch, o = self.reg, self.ch, self.o
        axis = {"LP": "from front to back", "LI": "from top to bottom", None: "from top to bottom in the frame"}[o]
        if spec == "side":
            t = {_TE: ["Side?", "Laterality?", "Lt or Rt?"],
                 _TU: ["How do I work out which side {it} {is} on?", "Which side of the patient {tis} {it} on? I always get confused by the screen."],
                 _CH: ["Which side {tis} {it} on?", "Left or right? 🙂", "Quick one: which side of the body?"],
                 _NW: ["Which side of the patient {tis} {it} on?", "{Tis} {it} on the left, the right, or both?"]}[reg]
        elif spec == "vert":
            t = {_TE: [{"LP": "AP position?", "LI": "Craniocaudal position?", None: "Position in frame?"}[o]],
                 _TU: ["How would you describe where {it} {sits} %s?" % axis, "Where {does} {it} sit %s?" % axis],
                 _CH: ["%s? 🤔" % _VQ[o], "Where {does} {it} sit %s?" % axis],
                 _NW: ["Where {does} {it} sit %s?" % axis]}[reg]
        elif spec.startswith("rel:"):
            oth = spec[4:]
            t = {_TE: ["Relation to %s?" % _tname(oth)],
                 _TU: ["Where {is} {it} relative to the %s?" % oth, "How {does} {it} relate to the %s?" % oth],
                 _CH: ["And where {is} {it} compared with the %s?" % oth],
                 _NW: ["Where {is} {it} in relation to the %s?" % oth]}[reg]
        elif spec == "size":
            t = {_TE: ["Size?", "Area?", "How big?"],
                 _TU: ["How big {is} {it}, and how would I judge that?", "{Tis} {it} big or small?"],
                 _CH: ["How big {is} {it}?", "What's the size like?"],
                 _NW: ["How big {is} {it}?", "How much of the picture {does} {it} take up?"]}[reg]
        elif spec == "count":
            t = {_TE: ["Components?", "Single or multiple?"],
                 _TU: ["How many separate pieces does the mask have?", "{Tis} {it} one piece or several?"],
                 _CH: ["How many separate bits are there?", "One piece or several? 🤔"],
                 _NW: ["How many separate pieces are there?", "{Tis} {it} one piece or several?"]}[reg]
        elif spec == "summary":
            t = {_TE: ["Summary line?", "Impression?", "Final one-liner?"],
                 _TU: ["Could you sum up what we've found?", "Can you pull it all together for me?"],
                 _CH: ["Can I get a TL;DR? 😄", "Could you sum it all up?"],
                 _NW: ["Could you summarise everything in one sentence?", "Please give me a short summary."]}[reg]
        else:  # why
            t = {_TE: ["Clinical relevance?", "Anything else?"],
                 _TU: ["Why does this matter clinically?", "What should I take away from this case?"],
                 _CH: ["Anything else worth knowing? 🤓", "Any fun facts?"],
                 _NW: ["What else should I know about it?", "Why does this matter?"]}[reg]
        return self.r(ch(t))

    def frag(self, slot, value):
        """A short phrase for a value, not logged."""
        kind, other = slot
        if kind == "side":
            return self.side_text(value, "frag")
        if kind == "vert":
            return self.vert_text(value, "frag")
        if kind == "rel":
            return self.rel_text(other, value, "frag")
        if kind == "cls":
            return self.cls_text(value, "frag")
        if kind == "pct":
            return self.pct_text(value[0], "frag")
        return self.count_text(value, "frag")

    def user_premise(self, slot, value, status, ask):
        """The user states a value (true, false-and-corrected, or planted) and asks something else."""
        reg, ch = self.reg, self.ch
        f = self.frag(slot, value)
        verb = _PV[slot[0]]
        if reg == _TE:
            form = ch(["So %s. %s", "%s then. %s", "Given %s: %s"])
            if form.startswith("%s"):
                f = _cap(f)
            self.log_slot(slot, value, f, role="user", status=status)
            return form % (f, ask if not form.startswith("Given") else ask[:1].lower() + ask[1:])
        self.log_slot(slot, value, f, role="user", status=status)
        lo = ask[:1].lower() + ask[1:]
        t = {_TU: ["So {it} %s %s, then. %s" % (verb, f, ask), "Since {it} %s %s, %s" % (verb, f, lo), "OK, %s. %s" % (f, ask)],
             _CH: ["Ok so {it} %s %s 👍 %s" % (verb, f, ask), "Got it, %s. %s" % (f, ask)],
             _NW: ["So {it} %s %s. %s" % (verb, f, ask), "Since {it} %s %s, %s" % (verb, f, lo)]}[reg]
        return self.r(ch(t))

    def intro(self):
        return self.ch({_TE: [""], _TU: ["Good question.", "Let's work it out.", "Right, let's look again.", "Think about it this way."],
                        _CH: ["Sure thing!", "Good question! 🙂", "Happy to!"], _NW: ["Certainly.", "Of course.", ""]}[self.reg])

    def join(self, parts):
        parts = [x for x in parts if x]
        if self.reg == _CH:
            out = ""
            for x in parts:
                block = x[:1] in "-#>(📊📏💡" or x.startswith("**Did") or x.startswith("Fun fact")
                out += ("" if not out else ("\n\n" if block or out.endswith(")") else " ")) + x
            return out
        return " ".join(parts)

    # -- moves -------------------------------------------------------------------------------------------------------
    def spec_of(self, slot):
        return {"side": "side", "vert": "vert", "cls": "size", "pct": "size", "count": "count"}.get(slot[0]) or "rel:" + slot[1]

    def answer_spec(self, spec):
        if spec in ("side", "size", "count"):
            return self.render({"side": "side", "size": "size", "count": "count"}[spec], "prose")
        if spec == "vert":
            out = [self.claim(("vert", None), self.vert, "prose")]
            self.cover(("vert", None))
            rels = self.ok_rels()
            if rels and self.rng.random() < 0.3:
                o = self.rng.choice(rels)
                out.append(self.claim(("rel", o), self.rel_of(o), "prose"))
                self.cover(("rel", o))
            return out
        o = spec[4:]
        self.cover(("rel", o))
        return [self.claim(("rel", o), self.rel_of(o), "prose")]

    def ask_specs(self):
        specs = []
        if not self.photo and self.ok("side"):
            specs.append("side")
        if self.ok("vert"):
            specs.append("vert")
        specs += ["rel:" + o for o in self.ok_rels()]
        if self.ok("cls") or self.ok("pct"):
            specs.append("size")
        if self.ok("count"):
            specs.append("count")
        return specs

    def allowed_slots(self):
        s = []
        if not self.photo and self.ok("side"):
            s.append(("side", None))
        if self.ok("vert"):
            s.append(("vert", None))
        s += [("rel", o) for o in self.ok_rels()]
        s += [x for x in (("cls", None), ("pct", None), ("count", None)) if self.ok(x[0])]
        return s

    def move_ask(self, spec, planted=False):
        user = self.ask_text(spec)
        self.turns.append({"role": "user", "content": user})
        if planted:
            claims = [self.claim(self.slot, self.fv, "prose", status="planted", classic=self.classic)]
        else:
            claims = self.answer_spec(spec)
        extra = []
        if self.rng.random() < 0.5:
            avoid = _TOPIC[self.slot[0]] if self.slot else None
            extra = self.extras(1, avoid=avoid)
        self.turns.append({"role": "assistant", "content": self.join([self.intro()] + claims + extra)})

    def move_summary(self, planted=False):
        rng = self.rng
        user = self.ask_text("summary")
        self.turns.append({"role": "user", "content": user})
        slots = self.allowed_slots()
        rels = [s for s in slots if s[0] == "rel"]
        slots = [s for s in slots if s[0] != "rel"] + rels[:1]
        if planted:
            slots = [s for s in slots if s != self.slot] + [self.slot]
        rng.shuffle(slots)
        slots = slots[:max(3, len(slots) - rng.choice([0, 1]))]
        if planted and self.slot not in slots:
            slots[-1] = self.slot
        frags = []
        for s in slots:
            if planted and s == self.slot:
                v, st = self.fv, "planted"
            else:
                v, st = self.true_value(s), "ok"
            t = self.frag(s, v)
            self.log_slot(s, v, t, status=st)
            frags.append(t)
        nm = self.nm()
        if self.reg == _TE:
            txt = "Impression: %s, %s." % (_cap(nm), ", ".join(frags))
        elif self.reg == _TU:
            txt = "Let's pull it together. %s: %s. Does that match what you see?" % (_cap(self.the(nm)), "; ".join(frags))
        elif self.reg == _CH:
            txt = "### TL;DR 📝\n**%s**: %s.%s" % (_cap(nm), ", ".join(frags), self.ch(["", "\n\n" + self.closing()]))
        else:
            txt = "In short: %s, %s." % (self.the(nm), ", ".join(frags))
        self.turns.append({"role": "assistant", "content": txt})

    def move_premise(self, slot, value, status, spec):
        ask = self.ask_text(spec)
        ut = self.user_premise(slot, value, status, ask)
        self.turns.append({"role": "user", "content": ut})
        parts = []
        reg, ch = self.reg, self.ch
        if status == "corrected":
            lead = ch({_TE: ["Correction:", "No:"], _TU: ["Careful, that's a common slip.", "Not quite, so let's fix that first."],
                       _CH: ["Quick correction first 🙂", "Small fix before I answer:"],
                       _NW: ["Actually, not quite.", "One correction first."]}[reg])
            parts = [lead, self.claim(slot, self.true_value(slot), "prose")]
            parts.append(("Not %s." if reg == _TE else "So not %s.") % self.frag(slot, value))
        else:
            if status == "ok" and self.rng.random() < 0.5:
                parts = [ch({_TE: ["Yes.", "Agree."], _TU: ["Yes, well spotted.", "Exactly."], _CH: ["Yep! ✅", "Exactly right."],
                             _NW: ["Yes, that is correct.", "That is right."]}[reg])]
            elif status == "planted":
                parts = [ch({_TE: [""], _TU: ["OK.", "Good, let's move on."], _CH: ["Sure!", "Okay!"], _NW: ["All right.", ""]}[reg])]
        parts += self.answer_spec(spec)
        self.turns.append({"role": "assistant", "content": self.join(parts)})

    def move_screen(self):
        """The user reads the screen side as the patient's side; the assistant corrects it (clean rows only)."""
        reg, ch = self.reg, self.ch
        wrong = _OPP[self.side]
        t = {_TE: "Sits on image %s, so pt %s?" % (_LT[wrong], _LT[wrong]),
             _TU: "It's on the %s of my screen, so it's on the patient's %s, isn't it?" % (wrong, wrong),
             _CH: "It's on the %s side of my screen, so that's the patient's %s, right? 😅" % (wrong, wrong),
             _NW: "It is on the %s of my screen, so it must be on the patient's %s?" % (wrong, wrong)}[reg]
        self.log("side", wrong, t, role="user", status="corrected")
        self.turns.append({"role": "user", "content": t})
        lead = ch({_TE: ["No."], _TU: ["That's the classic trap, so let's slow down."], _CH: ["Ah, the classic mix-up! 😄"],
                   _NW: ["Not quite, and it is a very common mix-up."]}[reg])
        parts = [lead, self.conv(), self.claim(("side", None), self.side, "prose")]
        self.turns.append({"role": "assistant", "content": self.join(parts)})

    def move_sure(self, slot):
        reg, ch = self.reg, self.ch
        v = self.true_value(slot)
        f = self.frag(slot, v)
        self.log_slot(slot, v, f, role="user")
        verb = _PV[slot[0]]
        t = {_TE: ["Confirm %s?" % f], _TU: ["Are you sure {it} %s %s?" % (verb, f)],
             _CH: ["Wait, are you sure {it} %s %s? 🤔" % (verb, f)], _NW: ["Are you certain that {it} %s %s?" % (verb, f)]}[reg]
        self.turns.append({"role": "user", "content": self.r(ch(t))})
        parts = [ch({_TE: ["Confirmed."], _TU: ["Yes, and it's good that you're checking."], _CH: ["Yes! 👍"],
                     _NW: ["Yes, I am sure."]}[reg]), self.claim(slot, v, "prose")]
        if slot[0] == "side" and not self.photo and self.rng.random() < 0.5:
            parts.append(self.conv())
        self.turns.append({"role": "assistant", "content": self.join(parts)})

    def move_why(self):
        self.turns.append({"role": "user", "content": self.ask_text("why")})
        avoid = _TOPIC[self.slot[0]] if self.slot else None
        parts = [self.intro(), self.know(), self.pop()]
        self.n_extra += 2
        if self.rng.random() < 0.4:
            parts += self.extras(1, avoid=avoid)
        self.turns.append({"role": "assistant", "content": self.join(parts)})

    # -- the whole conversation --------------------------------------------------------------------------------------
    def make(self, defect):
        rng = self.rng
        topics = ["pos", "size", "count"] + ([] if self.photo else ["side"])
        slot = place = fv = None
        if defect in ("laterality", "position", "size", "count"):
            if defect == "laterality":
                slot = ("side", None)
            elif defect == "position":
                slot = ("rel", rng.choice(self.others)) if self.others and rng.random() < 0.5 else ("vert", None)
            elif defect == "size":
                slot = (rng.choice(["cls", "pct"]), None)
            else:
                slot = ("count", None)
            self.slot = slot
            fv = self.false_value(slot)
            place = rng.choices(["first", "followup", "user"], weights=[5.5, 2.5, 2])[0]
            self.excl = {"side": {"side"}, "vert": {"vert"}, "rel": {slot}, "cls": {"cls", "pct"}, "pct": {"cls", "pct"},
                         "count": {"count"}}[slot[0]]
        else:
            self.slot = None
        self.fv, self.place = fv, place
        self.classic = bool(slot and slot[0] == "side" and self.side in ("left", "right") and fv == _OPP[self.side]
                            and rng.random() < 0.3)
        dtopic = _TOPIC[slot[0]] if slot else None
        clean = defect is None
        nr = rng.choice([2, 3])

        # round 1
        self.turns.append({"role": "user", "content": self.q1(defect == "names_target")})
        k = min(rng.choice([2, 3, 3, 4]), len(topics))
        if place == "first":
            chosen = [dtopic] + rng.sample([t for t in topics if t != dtopic], k - 1)
        else:
            chosen = rng.sample(topics, k)
        rng.shuffle(chosen)
        form = "bullet" if self.reg == _CH else "full"
        claims = []
        for t in chosen:
            claims += self.render(t, form, planted=slot if (place == "first" and t == dtopic) else None)
        ex = self.extras(rng.choice([2, 2, 3]), avoid=dtopic)
        self.turns.append({"role": "assistant", "content": self.first_answer(claims, ex, named=defect == "names_target")})

        # follow-ups
        rp = rng.randint(2, nr) if place in ("followup", "user") else None
        last = None
        for r in range(2, nr + 1):
            if r == rp:
                if place == "followup":
                    if r == nr and rng.random() < 0.35:
                        self.move_summary(planted=True)
                    else:
                        self.move_ask(self.spec_of(slot), planted=True)
                else:
                    specs = [s for s in self.ask_specs() if _spec_topic(s) != dtopic]
                    self.move_premise(slot, fv, "planted", rng.choice(specs))
                continue
            last = self.free_move(r == nr, clean, last)

        LEDGERS.append(dict(target=self.p["target"], key=self.p["key"], style=self.reg, defect=defect, slot=slot,
                            place=place, extras=self.n_extra, claims=self.claims))
        return self.turns, ([] if defect is None else [defect])

    def first_answer(self, claims, extras, named=False):
        op = self.opening(named)
        reg = self.reg
        if reg == _TE:
            body = self.ch([" ", "\n"]).join(claims)
            tail = "\n".join(x for x in extras + [self.closing()] if x)
            return "\n".join(x for x in (op, body, tail) if x)
        if reg == _TU:
            cl = self.closing() if self.rng.random() < 0.6 else ""
            return "\n\n".join(x for x in (op, " ".join(claims), " ".join(extras + [cl]).strip()) if x)
        if reg == _CH:
            head = self.ch(["**Quick facts**", "**What I see:**", "**The key points:**"])
            ex = "\n\n".join(extras)
            so = self.closing() if self.rng.random() < 0.8 else ""
            return "\n\n".join(x for x in (op, head + "\n" + "\n".join(claims) if claims else "", ex, so) if x)
        return " ".join([op] + claims + extras)

    def free_move(self, is_last, clean, last):
        rng = self.rng
        specs = self.ask_specs()
        fresh = [s for s in specs if not any(self.spec_of(c) == s for c in self.covered)]
        opts = []
        if specs:
            opts += [("ask", 4)]
        if len(self.allowed_slots()) >= 1 and len(specs) >= 2:
            opts += [("premise_true", 1.5)]
            if clean:
                opts += [("premise_false", 2.0)]
        if clean and not self.photo and self.side in ("left", "right"):
            opts += [("screen", 1.0)]
        if any(s in self.allowed_slots() for s in self.covered):
            opts += [("sure", 1.0)]
        opts += [("why", 1.0)]
        if is_last:
            opts += [("summary", 2.0)]
        opts = [o for o in opts if o[0] != last] or opts
        mv = rng.choices([o[0] for o in opts], weights=[o[1] for o in opts])[0]
        if mv == "ask":
            self.move_ask(rng.choice(fresh or specs))
        elif mv in ("premise_true", "premise_false"):
            s = rng.choice(self.allowed_slots())
            others = [x for x in specs if _spec_topic(x) != _TOPIC[s[0]]]
            if not others:
                self.move_why()
                return "why"
            if mv == "premise_true":
                self.move_premise(s, self.true_value(s), "ok", rng.choice(others))
            else:
                fv = [_RFLIP[rng.choice(self.rels_by[s[1]])]] if s[0] == "rel" else self.false_value(s)
                self.move_premise(s, fv, "corrected", rng.choice(others))
        elif mv == "screen":
            self.move_screen()
        elif mv == "sure":
            self.move_sure(rng.choice([s for s in self.covered if s in self.allowed_slots()]))
        elif mv == "why":
            self.move_why()
        else:
            self.move_summary()
        return mv


def pick_profile(profiles, i, defect, rng):
    """No photo for a laterality defect (a photo has no patient side)."""
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["orient"] is not None])
    return rng.choice(profiles)


def build(p, facts, style, rng, defect):
    return _Conv(p, facts, style, rng).make(defect)
