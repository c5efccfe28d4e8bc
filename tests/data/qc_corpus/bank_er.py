"""Bank ER: abdomen and pelvis CT/MR conversations for a blind evaluation of the QC checker.

Targets: liver, spleen, left/right kidney, kidneys, pancreas, gallbladder, urinary bladder, uterus, prostate,
adrenal glands, left adrenal gland, liver lesions (one, two or three), kidney stones (one-sided, bilateral,
single), kidney cysts (single, bilateral), on axial (LP) CT/MR and coronal (LI) MR.
Registers: "terse" (a radiologist's clipped note), "tutor" (explaining to the patient), "markdown" (a chatty
LLM answer with headings, bullets and bold, often with a recap), "words" (every number written as words).

Many assistant answers restate a fact two or three times (a first mention, "as noted above", a recap). A
defect is planted either in ONE mention while the other mentions of the same fact stay true (a
self-contradiction, mode "one") or in every mention of that fact (mode "all"); about one in five sits in a
user's false premise that the assistant leaves uncorrected, about one in five in a follow-up answer.
Each build appends its ledger (every claim sentence: turn, fact, claimed value, true value) to LEDGER.

Written without reading QC. Own check (/work/notes/qcer_scripts/check_er.py, SEED 20261275):
rows: 420 clean: 210 count: 42 laterality: 42 names_target: 42 position: 42 size: 42 problems: 0.
Of the 168 side/position/size/count defects: 102 in the first answer, 32 in a follow-up answer, 34 in a user's
premise; 86 change one mention of a restated fact (the others stay true), 82 change every mention.
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

STYLES = ["terse", "tutor", "markdown", "words"]
LEDGER: list[dict] = []

# -- profiles ------------------------------------------------------------------------------------------
# ellipses: (cx, cy, semi-axis x, semi-axis y, angle in degrees) on a 256 x 256 grid.
# axial LP: column up = patient's left, row up = posterior. coronal LI: row up = inferior.

AX_CT, AX_MR, COR_MR = ("CT", "LP"), ("MR", "LP"), ("MR", "LI")


def _p(target, name, mod, region, ell, others, syn, forms, plural, q_impl, q_named, know, kind="organ"):
    return {"target": target, "name": name, "modality": mod[0], "orientation": mod[1], "region": region,
            "ellipses": ell, "others": others, "syn": syn, "forms": forms, "plural": plural,
            "q_impl": q_impl, "q_named": q_named, "know": know, "kind": kind}


LIVER_FORMS = ["liver", "hepat", "livers"]
KIDNEY_FORMS = ["kidney", "renal", "nephr"]

PROFILES = [
    _p("liver", "liver", AX_CT, "abdomen", [(85, 104, 58, 48, 20)],
       {"aorta": (0.52, 0.62), "spleen": (0.76, 0.55), "stomach": (0.62, 0.38)},
       ["the hepatic parenchyma", "this organ"], LIVER_FORMS, False,
       ["Which organ on this CT makes bile and stores glycogen? Please segment it.",
        "A patient with a raised ALT and bilirubin: which solid organ in this slice should I look at first? Outline it.",
        "Which is the biggest solid organ of the abdomen in this image? Segment it for me."],
       ["Please segment the liver on this CT slice.", "Where is the liver here? Mark the hepatic outline."],
       ["It is the main site of drug metabolism and makes most plasma proteins, albumin included.",
        "Fatty infiltration of this organ is found in roughly 25% of adults worldwide.",
        "The left renal vein passes in front of the aorta, a little lower than this level.",
        "The spleen, by contrast, sits high on the left under ribs nine to eleven."]),
    _p("spleen", "spleen", AX_CT, "abdomen", [(192, 150, 20, 32, -25)],
       {"liver": (0.33, 0.41), "left kidney": (0.69, 0.68), "stomach": (0.62, 0.38)},
       ["the splenic tissue", "this organ"], ["spleen", "splen", "lien"], False,
       ["Which organ filters old red cells and can rupture after a blow to the lower ribs? Segment it.",
        "Infectious mononucleosis can enlarge an organ in this slice. Which one? Please outline it.",
        "Which lymphoid organ of the upper abdomen is visible here? Segment it."],
       ["Segment the spleen please.", "Can you outline the splenic contour on this scan?"],
       ["An accessory spleen (splenule) turns up in 10 to 30% of people at autopsy.",
        "The liver fills most of the right upper quadrant at this level.",
        "The tail of the pancreas runs towards the splenic hilum.",
        "After splenectomy patients need vaccines against encapsulated bacteria."]),
    _p("left kidney", "left kidney", AX_CT, "abdomen", [(176, 172, 15, 20, 15)],
       {"aorta": (0.52, 0.6), "spleen": (0.75, 0.56), "liver": (0.33, 0.41)},
       ["this kidney", "the renal parenchyma"], KIDNEY_FORMS, False,
       ["Of the two bean-shaped organs that make urine, segment the one next to the spleen.",
        "Which urine-producing organ lies beside the descending colon in this slice? Outline it."],
       ["Segment the left kidney.", "Please outline the left renal parenchyma."],
       ["The left renal vein crosses in front of the aorta to reach the inferior vena cava.",
        "The right kidney usually sits one or two centimetres lower than the left because the liver is above it.",
        "Each kidney receives about 10% of the cardiac output."]),
    _p("right kidney", "right kidney", AX_CT, "abdomen", [(80, 170, 15, 20, -15)],
       {"liver": (0.33, 0.41), "inferior vena cava": (0.45, 0.55), "aorta": (0.52, 0.62)},
       ["this kidney", "the renal parenchyma"], KIDNEY_FORMS, False,
       ["Of the two bean-shaped organs that filter blood, segment the one under the liver.",
        "Which urine-making organ sits just behind the hepatic flexure of the colon here? Outline it."],
       ["Segment the right kidney.", "Please mark the right renal outline."],
       ["The left renal vein is longer than the right one and passes in front of the aorta.",
        "The right kidney usually sits a little lower than the left one.",
        "Simple cysts of these organs are found in about a quarter of adults over fifty."]),
    _p("kidneys", "kidneys", AX_CT, "abdomen", [(80, 170, 14, 19, -15), (176, 172, 14, 19, 15)],
       {"aorta": (0.5, 0.58), "liver": (0.33, 0.41)},
       ["both kidneys", "the renal parenchyma"], KIDNEY_FORMS, True,
       ["Which paired organs filter the blood and make urine? Segment them on this slice.",
        "A patient's creatinine is rising. Which organs in this image would you outline first?"],
       ["Segment both kidneys.", "Please outline the renal parenchyma on each side."],
       ["Horseshoe kidney, fused across the midline, occurs in about 1 in 500 people.",
        "The aorta lies just left of the midline in front of the spine.",
        "Together they receive about 20% of the cardiac output."]),
    _p("pancreas", "pancreas", AX_CT, "abdomen", [(135, 118, 42, 10, -15)],
       {"aorta": (0.5, 0.6), "stomach": (0.58, 0.36), "spleen": (0.75, 0.586)},
       ["the gland", "this organ"], ["pancrea"], False,
       ["Which gland makes insulin and digestive enzymes? Please segment it on this CT.",
        "A patient with epigastric pain radiating to the back and a lipase of 900: which organ should I outline?"],
       ["Segment the pancreas.", "Can you outline the pancreatic gland here?"],
       ["Its head nestles in the C-loop of the duodenum on the right, its tail points to the left toward the spleen.",
        "The splenic vein runs along its back.",
        "Gallstones and alcohol together cause about 70% of acute inflammation of this gland."]),
    _p("gallbladder", "gallbladder", AX_CT, "abdomen", [(88, 100, 10, 14, 30)],
       {"duodenum": (0.45, 0.44), "right kidney": (0.31, 0.66)},
       ["the sac", "this small organ"], ["gallbladder", "gall bladder", "gall-bladder", "cholecyst"], False,
       ["Which pear-shaped sac stores and concentrates bile? Please segment it.",
        "Right upper quadrant pain after fatty meals, positive Murphy sign: which structure should I outline?"],
       ["Please segment the gallbladder.", "Outline the gall bladder on this slice."],
       ["Gallstones are found in about 10 to 15% of adults in Western countries.",
        "The common bile duct runs down behind the duodenum to the papilla.",
        "The right kidney lies further back, behind the duodenum."]),
    _p("urinary bladder", "bladder", AX_CT, "pelvis", [(128, 100, 32, 26, 0)],
       {"rectum": (0.5, 0.72), "left femoral head": (0.78, 0.5), "right femoral head": (0.22, 0.5)},
       ["the urinary bladder", "this hollow organ"], ["bladder", "vesic", "cystic"], False,
       ["Which hollow pelvic organ stores urine? Please segment it on this CT.",
        "An older man cannot pass urine and has a tender lump above the pubis. Which organ should I outline?"],
       ["Segment the urinary bladder.", "Please outline the bladder."],
       ["The left femoral head sits in its acetabulum, well lateral to the pelvic organs.",
        "An adult typically feels the urge to void at 200 to 300 mL.",
        "The ureters enter it obliquely at the back."]),
    _p("uterus", "uterus", AX_MR, "pelvis", [(126, 128, 24, 30, 10)],
       {"urinary bladder": (0.5, 0.36), "rectum": (0.5, 0.74)},
       ["the womb", "this organ"], ["uterus", "uteri", "uterine", "womb"], False,
       ["In this female pelvis MR, which muscular organ carries a pregnancy? Please segment it.",
        "Heavy menstrual bleeding and a bulky organ on exam, probably fibroids: which organ do I outline?"],
       ["Please segment the uterus.", "Outline the uterine body on this MR."],
       ["Fibroids are found in up to 70% of women by the age of fifty.",
        "The left ovary is often tucked against the left pelvic side wall.",
        "On T2 the junctional zone is a dark band between the endometrium and the outer myometrium."]),
    _p("prostate", "prostate", AX_MR, "pelvis", [(128, 118, 15, 13, 0)],
       {"rectum": (0.5, 0.66), "pubic symphysis": (0.5, 0.25)},
       ["the gland", "this gland"], ["prostat"], False,
       ["In this male pelvis MR, which gland around the urethra enlarges with age? Please segment it.",
        "PSA of 8.4 ng/mL and a firm nodule on digital rectal exam: which organ should I outline here?"],
       ["Segment the prostate.", "Please outline the prostatic gland on this MR."],
       ["About 70% of cancers arise in the peripheral zone, which lies toward the back.",
        "The seminal vesicles sit above it, behind the bladder.",
        "Benign enlargement affects about half of men in their sixties."]),
    _p("adrenal glands", "adrenal glands", AX_CT, "abdomen", [(100, 140, 5, 12, 30), (158, 138, 5, 12, -30)],
       {"aorta": (0.5, 0.6), "inferior vena cava": (0.44, 0.55)},
       ["the glands", "both glands"], ["adrenal", "suprarenal", "adrenals"], True,
       ["Which paired endocrine glands make cortisol and aldosterone? Segment them on this slice.",
        "Hypertension with low potassium; an aldosterone source is suspected. Which glands should I outline?"],
       ["Segment both adrenal glands.", "Please outline the adrenals."],
       ["Incidental nodules in these glands are seen in about 3 to 7% of adults on CT.",
        "The right one sits behind the inferior vena cava; the left one lies beside the aorta.",
        "Their shape is often compared to an inverted Y or V."]),
    _p("left adrenal gland", "left adrenal gland", AX_CT, "abdomen", [(160, 138, 5, 13, -30)],
       {"aorta": (0.5, 0.6), "left kidney": (0.69, 0.68)},
       ["the gland", "this gland"], ["adrenal", "suprarenal"], False,
       ["Of the two glands above the kidneys that make cortisol, segment the one beside the aorta.",
        "Which small endocrine gland next to the aorta would hide a Conn adenoma here? Outline it."],
       ["Segment the left adrenal gland.", "Outline the left adrenal please."],
       ["The right gland lies behind the inferior vena cava.",
        "Most incidental nodules here are benign adenomas, under 10 HU on non-contrast CT.",
        "The left renal vein receives its draining vein."]),
    _p("liver lesions", "liver lesions", AX_CT, "abdomen", [(70, 100, 9, 8, 0), (98, 132, 7, 7, 0), (60, 148, 10, 9, 20)],
       {"aorta": (0.5, 0.62), "spleen": (0.76, 0.55)},
       ["the hepatic lesions", "the foci", "these deposits"], ["liver", "hepat", "lesion", "metasta", "mets"], True,
       ["Colorectal cancer follow-up CT: has anything spread into the organ that makes bile? Segment whatever you find.",
        "Are there any hypodense deposits in the large solid organ of the right upper quadrant? Outline them."],
       ["Segment the liver lesions.", "Please outline the hepatic metastases."],
       ["The liver is the commonest site of spread from colorectal cancer because of portal venous drainage.",
        "About half of patients with colorectal cancer develop deposits there at some point.",
        "The spleen, on the left, is a much rarer site."], "lesions"),
    _p("liver lesions", "liver lesion", AX_CT, "abdomen", [(90, 95, 16, 14, 10)],
       {"aorta": (0.52, 0.62), "stomach": (0.62, 0.38)},
       ["the hepatic lesion", "the focus", "this deposit"], ["liver", "hepat", "lesion", "metasta", "mets"], False,
       ["A woman with breast cancer has a rising CEA. Anything focal in the organ that makes bile? Segment it.",
        "Is there a focal hypodensity in the big organ of the right upper quadrant? Outline it."],
       ["Segment the liver lesion.", "Please outline the hepatic lesion."],
       ["Benign haemangiomas are found in about 5% of people and are the commonest benign finding there.",
        "The stomach lies to the left of it, in front of the pancreas.",
        "Contrast timing helps: many deposits are darker than the background in the portal venous phase."], "lesions"),
    _p("liver lesions", "liver lesions", AX_CT, "abdomen", [(72, 96, 11, 10, 0), (94, 140, 9, 8, 0)],
       {"aorta": (0.5, 0.62), "spleen": (0.76, 0.55)},
       ["the hepatic lesions", "the foci", "these deposits"], ["liver", "hepat", "lesion", "metasta", "mets"], True,
       ["Staging CT for pancreatic cancer: any spread into the organ that makes bile? Segment what you see.",
        "Please outline any focal abnormalities in the largest solid abdominal organ."],
       ["Outline the liver lesions.", "Segment the hepatic metastases please."],
       ["Cysts and haemangiomas are the commonest benign mimics.",
        "The left lobe extends across the midline in front of the stomach.",
        "Resection is considered when the remnant would keep at least 25 to 30% of the organ."], "lesions"),
    _p("kidney stones", "kidney stones", AX_CT, "abdomen", [(78, 165, 3, 3, 0), (84, 181, 3, 4, 0)],
       {"aorta": (0.5, 0.6), "liver": (0.33, 0.41)},
       ["the calculi", "the stones", "the dense foci"], ["kidney", "renal", "stone", "calcul", "lith", "nephr"], True,
       ["Colicky flank pain radiating to the groin and blood in the urine: what is causing it on this non-contrast CT? Segment it.",
        "Which very dense foci in the urinary tract on this unenhanced CT explain the pain? Outline them."],
       ["Segment the kidney stones.", "Please outline the renal calculi."],
       ["About 10% of people form a urinary stone at some point in life.",
        "The left renal vein crosses in front of the aorta; the right one is short.",
        "Calcium oxalate makes up about 80% of them."], "lesions"),
    _p("kidney stones", "kidney stones", AX_CT, "abdomen", [(78, 168, 3, 3, 0), (178, 170, 4, 3, 0)],
       {"aorta": (0.5, 0.6)},
       ["the calculi", "the stones", "the dense foci"], ["kidney", "renal", "stone", "calcul", "lith", "nephr"], True,
       ["Recurrent urinary tract pain and a history of gout: what dense foci are on this non-contrast CT? Segment them.",
        "What bright, very dense spots in the urine-collecting system do you see? Outline them."],
       ["Outline the kidney stones.", "Segment the renal calculi please."],
       ["Uric acid stones are faint on plain films but clearly dense on CT.",
        "Stones under 5 mm pass spontaneously in most patients.",
        "The spleen lies lateral to the left kidney."], "lesions"),
    _p("kidney stones", "kidney stone", AX_CT, "abdomen", [(176, 175, 4, 4, 0)],
       {"aorta": (0.5, 0.6), "spleen": (0.75, 0.56)},
       ["the calculus", "the stone", "the dense focus"], ["kidney", "renal", "stone", "calcul", "lith", "nephr"], False,
       ["Acute flank pain and microscopic haematuria: what explains it on this non-contrast CT? Segment it.",
        "Which small very dense focus in the urine-collecting system is visible here? Outline it."],
       ["Segment the kidney stone.", "Please outline the renal calculus."],
       ["Men form stones about twice as often as women.",
        "Staghorn stones fill the collecting system and can be very large.",
        "The right ureter runs down next to the inferior vena cava."], "lesions"),
    _p("kidney cysts", "kidney cyst", AX_CT, "abdomen", [(184, 165, 9, 9, 0)],
       {"aorta": (0.5, 0.6), "liver": (0.33, 0.41)},
       ["the cyst", "the lesion", "this fluid-filled structure"], ["kidney", "renal", "cyst", "nephr"], False,
       ["An incidental round, thin-walled, water-density finding in one of the bean-shaped organs: what is it? Segment it.",
        "What is the smooth fluid-density structure in the urine-making organ here? Outline it."],
       ["Segment the kidney cyst.", "Please outline the renal cyst."],
       ["Simple cysts are found in about a quarter to a third of adults over fifty.",
        "Bosniak category I and II cysts need no follow-up.",
        "The liver, on the right, is another common place for simple cysts."], "lesions"),
    _p("kidney cysts", "kidney cysts", AX_CT, "abdomen", [(80, 160, 8, 8, 0), (88, 184, 6, 6, 0), (180, 172, 9, 8, 0)],
       {"aorta": (0.5, 0.6)},
       ["the cysts", "the lesions", "these fluid-filled structures"], ["kidney", "renal", "cyst", "nephr"], True,
       ["Several round water-density findings in the urine-making organs of a 65-year-old: what are they? Segment them.",
        "What are the thin-walled fluid pockets in the bean-shaped organs? Outline them."],
       ["Segment the kidney cysts.", "Please outline the renal cysts."],
       ["Polycystic kidney disease affects about 1 in 1000 people and enlarges both organs.",
        "The aorta lies in front of the spine, a little left of the midline.",
        "A cyst with thick septa or enhancing nodules needs further work-up."], "lesions"),
    _p("liver", "liver", COR_MR, "abdomen", [(90, 92, 55, 42, 10)],
       {"right kidney": (0.32, 0.62), "spleen": (0.76, 0.44)},
       ["the hepatic parenchyma", "this organ"], LIVER_FORMS, False,
       ["On this coronal MR, which organ under the right hemidiaphragm makes bile? Segment it.",
        "Which large solid organ in this coronal image is the main site of drug metabolism? Outline it."],
       ["Segment the liver on this coronal MR.", "Please outline the hepatic contour."],
       ["The right kidney lies below it, in the hepatorenal recess region.",
        "Iron overload makes it dark on T2-weighted images.",
        "The spleen sits on the left under the diaphragm."]),
    _p("kidneys", "kidneys", COR_MR, "abdomen", [(85, 150, 14, 26, 5), (172, 145, 14, 26, -5)],
       {"liver": (0.35, 0.35), "urinary bladder": (0.5, 0.88)},
       ["both kidneys", "the renal parenchyma"], KIDNEY_FORMS, True,
       ["On this coronal MR, which paired organs filter the blood? Segment them.",
        "A child with high blood pressure: which paired retroperitoneal organs should I outline on this coronal image?"],
       ["Segment the kidneys on this coronal MR.", "Please outline both renal outlines."],
       ["The right kidney is usually a little lower than the left.",
        "The bladder sits far below them in the pelvis.",
        "Each is about 10 to 12 cm long in an adult."]),
    _p("urinary bladder", "bladder", COR_MR, "pelvis", [(128, 215, 28, 20, 0)],
       {"kidneys": (0.5, 0.57)},
       ["the urinary bladder", "this hollow organ"], ["bladder", "vesic", "cystic"], False,
       ["On this coronal MR, which hollow organ collects urine? Segment it.",
        "Which organ do the ureters drain into on this coronal image? Outline it."],
       ["Please segment the bladder on this coronal image.", "Outline the urinary bladder."],
       ["The kidneys lie far above it in the retroperitoneum.",
        "Its wall is normally under 3 mm thick when distended.",
        "The left ureter enters it at the back, just like the right."]),
    _p("spleen", "spleen", COR_MR, "abdomen", [(190, 95, 18, 28, 0)],
       {"liver": (0.35, 0.36), "left kidney": (0.68, 0.6)},
       ["the splenic tissue", "this organ"], ["spleen", "splen", "lien"], False,
       ["On this coronal MR, which organ clears old red cells? Segment it.",
        "Which organ under the diaphragm enlarges in portal hypertension? Outline it on this coronal image."],
       ["Segment the spleen on this coronal MR.", "Please outline the splenic contour."],
       ["Normal length is about 12 cm; beyond 13 cm most readers call it enlarged.",
        "The left kidney lies below and medial to it.",
        "The liver occupies the right upper quadrant."]),
]


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n]
    mask = np.zeros((n, n), bool)
    dx, dy = rng.uniform(-2.5, 2.5), rng.uniform(-2.5, 2.5)
    for cx, cy, ax, ay, ang in p["ellipses"]:
        s = rng.uniform(0.93, 1.07)
        t = math.radians(ang)
        u, v = xx - (cx + dx), yy - (cy + dy)
        a = (u * math.cos(t) + v * math.sin(t)) / (ax * s)
        b = (-u * math.sin(t) + v * math.cos(t)) / (ay * s)
        mask |= a * a + b * b <= 1.0
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# -- wording -------------------------------------------------------------------------------------------

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def w_int(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    return "one hundred"


def pct_text(pct, words, rng):
    """A percent within ~15% of pct, as digits or as words."""
    if pct >= 2:
        r = round(pct)
        if abs(r - pct) / pct < 0.12:
            return (w_int(r) + " percent") if words else rng.choice([f"{r}%", f"about {r}%", f"roughly {r} percent"])
    if pct >= 1:
        h = round(pct * 2) / 2
        if abs(h - pct) / pct < 0.1 and words:
            return w_int(int(h)) + (" and a half percent" if h % 1 else " percent")
    if 0.9 <= pct < 1:
        return "about one percent" if words else rng.choice(["about 1%", "roughly 1%", "just under 1%"])
    if pct < 1:
        d = float(f"{pct:.2g}")
        txt = f"{d:.3f}".rstrip("0")
        if words:
            return "about zero point " + " ".join(ONES[int(ch)] for ch in txt.split(".")[1]) + " percent"
        return rng.choice([f"{txt}%", f"about {txt}%", f"{txt} percent"])
    d = round(pct, 1)
    if words:
        i, f = int(d), int(round((d - int(d)) * 10))
        return f"{w_int(i)} point {ONES[f]} percent"
    return rng.choice([f"{d:.1f}%", f"about {d:.1f}%", f"{d:.1f} percent"])


def w_num(n):
    if n < 100:
        return w_int(n)
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + w_int(n % 100))
    return w_num(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + w_num(n % 1000))


def words_text(t):
    """Digits of a knowledge sentence written as words ("25%" -> "twenty-five percent")."""
    t = re.sub(r"\bT(\d)\b", lambda m: "T-" + ONES[int(m.group(1))], t)
    t = re.sub(r"(\d+)\.(\d)", lambda m: w_num(int(m.group(1))) + " point " + ONES[int(m.group(2))], t)
    t = re.sub(r"(\d+)%", lambda m: w_num(int(m.group(1))) + " percent", t)
    return re.sub(r"\b(\d+)\b", lambda m: w_num(int(m.group(1))), t)


def cnt_word(n, words=True):
    return w_int(n) if words else str(n)


def opp(s):
    return {"left": "right", "right": "left"}.get(s, s)


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.axial = p["orientation"] == "LP"
        self.lesion = p["kind"] == "lesions"

    def subj(self, plural_ok=True):
        r, p = self.rng, self.p
        opts = [(p["name"], p["plural"]), ("the mask", False), ("the segmented region", False)]
        opts += [(s, _plural(s)) for s in p["syn"]]
        if self.style == "tutor":
            opts.append(("your " + p["name"], p["plural"]))
        name, pl = r.choice(opts)
        if name == p["name"]:
            name = "the " + name
        return name, pl


def _plural(s):
    last = s.split()[-1]
    return last in ("calculi", "foci") or (last.endswith("s") and not last.endswith(("us", "ss")))


def V(pl, sing, plur):
    return plur if pl else sing


def cap(s):
    return s[0].upper() + s[1:]


# -- one sentence per claimed fact ---------------------------------------------------------------------

def side_sent(c, v, neg=False):
    r, st = c.rng, c.style
    S, pl = c.subj()
    be, lie = V(pl, "is", "are"), V(pl, "lies", "lie")
    pat = "your" if st == "tutor" else "the patient's"
    if v in ("left", "right"):
        opts = {
            "terse": [f"{cap(v)}-sided.", f"Side: {v}.", f"Located on the patient's {v}.", f"{cap(S)}: {v} side."],
            "tutor": [f"{cap(S)} {lie} on {pat} {v} side.",
                      f"On the picture it shows on the screen's {opp(v)}, but that is {pat} {v}, because " + ("axial scans are viewed as if from your feet." if c.axial else "the image faces you like a mirror."),
                      f"It is on the {v} side of your body."],
            "markdown": [f"- **Side:** the patient's **{v}**", f"{cap(S)} {lie} on the patient's {v}.",
                         f"It appears on the image's {opp(v)}, which is the patient's {v} (radiological convention)."],
            "words": [f"{cap(S)} {be} on the patient's {v} side.", f"It sits on the {v} of the patient.",
                      f"Seen on the {opp(v)} of the image, it is on the patient's {v}."],
        }[st]
        if neg:
            opts = [f"{cap(S)} {be} not on the {opp(v)}; {V(pl, 'it is', 'they are')} on {pat} {v}.",
                    f"Not the {opp(v)} side: {V(pl, 'it sits', 'they sit')} on {pat} {v}."]
    elif v == "midline":
        opts = {
            "terse": ["Midline.", f"{cap(S)} midline, not lateralised.", "Central, straddles midline."],
            "tutor": [f"{cap(S)} {be} right in the middle of your body, not off to one side.",
                      "It sits in the midline, the middle of your body from left to right."],
            "markdown": ["- **Side:** midline (straddles the centre line)", f"{cap(S)} {be} centred on the midline."],
            "words": [f"{cap(S)} {be} in the midline.", "It sits across the midline rather than on one side."],
        }[st]
        if neg:
            opts = [f"{cap(S)} {be} not on one side: {V(pl, 'it straddles', 'they straddle')} the midline.",
                    "Neither left nor right, it is a midline structure on this slice."]
    else:  # bilateral
        opts = {
            "terse": ["Bilateral.", f"{cap(S)}: bilateral.", "Both sides."],
            "tutor": [f"{cap(S)} {be} on both sides of your body, one part on each side.",
                      "There is something on your left and something on your right."],
            "markdown": ["- **Side:** **bilateral**, both left and right", f"{cap(S)} {be} bilateral."],
            "words": [f"{cap(S)} {be} found on both sides.", "There is one part on each side of the patient."],
        }[st]
        if neg:
            opts = [f"{cap(S)} {be} not confined to one side; {V(pl, 'it is', 'they are')} bilateral.",
                    "It is not one-sided: there is tissue on both the left and the right."]
    return r.choice(opts)


def vert_words(c, v):
    if c.axial:
        return {"anterior": ["anterior", "toward the front", "ventral"],
                "posterior": ["posterior", "toward the back", "dorsal"],
                "central": ["central", "mid-depth, neither anterior nor posterior", "midway between front and back"]}[v]
    return {"superior": ["superior", "toward the head", "high in the field"],
            "inferior": ["inferior", "toward the feet", "low in the field"],
            "central": ["at mid-height", "neither high nor low, central"]}[v]


def vert_sent(c, v):
    r, st = c.rng, c.style
    S, pl = c.subj()
    be, lie = V(pl, "is", "are"), V(pl, "lies", "lie")
    w = r.choice(vert_words(c, v))
    opts = {
        "terse": [f"Position: {w}.", f"{cap(w)}.", f"{cap(S)} {w}."],
        "tutor": [f"{cap(S)} {lie} {w} on this slice." if not w.startswith(("central", "mid", "neither", "at ")) else
                  f"{cap(S)} {be} {w} on this slice."],
        "markdown": [f"- **Position:** {w}", f"On this slice {S} {be} {w}."],
        "words": [f"{cap(S)} {be} {w}.", ("Front to back, it sits " if c.axial else "From head to foot, it sits ") + w + "."],
    }[st]
    return r.choice(opts)


REL_W = {"left_of": ["to the patient's left of", "left of"], "right_of": ["to the patient's right of", "right of"],
         "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
         "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_sent(c, other, rel):
    r, st = c.rng, c.style
    S, pl = c.subj()
    be, lie = V(pl, "is", "are"), V(pl, "lies", "lie")
    w = r.choice(REL_W[rel])
    opts = {
        "terse": [f"{cap(w)} the {other}.", f"Rel.: {w} {other}."],
        "tutor": [f"{cap(S)} {lie} {w} your {other}."],
        "markdown": [f"- **Relation:** {w} the {other}", f"{cap(S)} {lie} {w} the {other}."],
        "words": [f"{cap(S)} {be} {w} the {other}."],
    }[st]
    return r.choice(opts)


CLS_W = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
         "large": ["large", "big"]}


def cls_sent(c, v):
    r, st = c.rng, c.style
    S, pl = c.subj()
    be = V(pl, "is", "are")
    w = r.choice(CLS_W[v])
    opts = {
        "terse": [f"Size: {v}.", f"{cap(w)}.", f"{cap(S)} {w} on this slice."],
        "tutor": [f"On this slice {S} {be} {w}.", f"In terms of size, {S} {be} {w} here."],
        "markdown": [f"- **Size class:** **{v}**", f"Size-wise {S} {be} **{w}** on this slice."],
        "words": [f"{cap(S)} {be} {w} on this slice.", f"By area it counts as {w}."],
    }[st]
    return r.choice(opts)


def pct_sent(c, pct):
    r, st = c.rng, c.style
    t = pct_text(pct, st == "words", r)
    S, pl = c.subj()
    cov = V(pl, "covers", "cover")
    opts = {
        "terse": [f"Area {t} of image.", f"~{t} of the slice." if not t.startswith(("about", "roughly")) else f"{cap(t)} of the slice."],
        "tutor": [f"{cap(S)} {cov} {t} of the picture.", f"That is {t} of the whole image."],
        "markdown": [f"- **Area:** {t} of the image", f"{cap(S)} {cov} **{t}** of the slice."],
        "words": [f"{cap(S)} {cov} {t} of the image.", f"The segmented area is {t} of the slice."],
    }[st]
    return r.choice(opts)


def count_sent(c, n):
    r, st = c.rng, c.style
    wd = st in ("words", "tutor") or r.random() < 0.3
    nw = cnt_word(n, wd)
    if n == 1:
        opts = {
            "terse": ["Single component.", "One contiguous region.", "Solitary."],
            "tutor": ["It is one single piece.", "There is just one connected area."],
            "markdown": ["- **Count:** 1 connected region", "It forms a **single** connected region."],
            "words": ["It is one single connected piece.", "There is exactly one region, with no separate fragments."],
        }[st]
    else:
        opts = {
            "terse": [f"{nw} separate components.", f"{cap(nw)} foci." if c.lesion else f"{cap(nw)} separate parts."],
            "tutor": [f"There are {nw} separate spots." if c.lesion else f"There are {nw} separate parts."],
            "markdown": [f"- **Count:** {nw} separate regions", f"The mask has **{nw}** separate components."],
            "words": [f"There are {nw} separate regions.", f"The mask is made of {nw} distinct pieces."],
        }[st]
    return r.choice(opts)


def claim_sent(c, key, val):
    if key == "side":
        return side_sent(c, val)
    if key == "sideneg":
        return side_sent(c, val, neg=True)
    if key == "vert":
        return vert_sent(c, val)
    if key == "cls":
        return cls_sent(c, val)
    if key == "pct":
        return pct_sent(c, val)
    if key == "count":
        return count_sent(c, val)
    if key[0] == "rel":
        return rel_sent(c, key[1], val)
    raise ValueError(key)


def premise(c, key, val):
    """A user's premise stating a fact (true or false)."""
    r = c.rng
    if key in ("side", "sideneg"):
        w = {"left": "on the left", "right": "on the right", "midline": "in the midline",
             "bilateral": "on both sides"}[val]
        return r.choice([f"Since it's {w}, ", f"OK, so it's {w}. ", f"Given that it sits {w}, "])
    if key == "vert":
        w = vert_words(c, val)[0 if r.random() < 0.6 else 1]
        return r.choice([f"So it's {w}. ", f"Since it lies {w}, "])
    if key == "cls":
        return r.choice([f"Since it's {val} on this slice, ", f"OK, {val} then. "])
    if key == "pct":
        return f"If it covers {pct_text(val, c.style == 'words', r)} of the image, "
    if key == "count":
        n = cnt_word(val, c.style == "words" or r.random() < 0.5)
        return (f"So there {'is' if val == 1 else 'are'} {n} of them. " if c.lesion
                else f"So it's in {n} piece{'s' if val != 1 else ''}. ")
    if key[0] == "rel":
        return f"So it's {REL_W[val][0]} the {key[1]}. "
    raise ValueError(key)


ASK = {"side": ["Which side is it on?", "Is it on the left or the right?", "What side of the patient?"],
       "vert": ["Is it toward the front or the back?", "Where does it sit in the slice, front to back?"],
       "vert_cor": ["Is it high or low on this coronal image?", "Where is it from head to foot?"],
       "cls": ["How big is it?", "Is it small or large?", "What's its size?"],
       "pct": ["How much of the image does it take up?", "What share of the slice is it?"],
       "count": ["Is it one piece or several?", "How many separate regions are there?"],
       "rel": ["What is it next to?", "How does it relate to the neighbours?", "Where is it relative to nearby structures?"],
       "summary": ["Can you summarise?", "Give me a one-line summary.", "Recap please."]}


def ask(c, topic):
    if topic == "vert" and not c.axial:
        topic = "vert_cor"
    if isinstance(topic, tuple):
        topic = "rel"
    q = c.rng.choice(ASK[topic])
    if c.style == "tutor":
        q = c.rng.choice(["And ", "Sorry, ", "One more thing: ", ""]) + (q[0].lower() + q[1:] if not q.startswith("I ") else q)
        q = q[0].upper() + q[1:]
    if c.style == "terse":
        q = q.replace("Can you ", "").replace("please", "")
    return q


# -- the conversation ----------------------------------------------------------------------------------

def truths(facts):
    T = {"side": facts["laterality"], "vert": facts["vertical"], "cls": facts["size_class"],
         "pct": 100 * facts["area_fraction"], "count": facts["components"]}
    for rel in facts["relations"]:
        T[("rel", rel["other"])] = rel["relation"]
    return T


def wrong(key, tv, c):
    r = c.rng
    if key in ("side", "sideneg"):
        if tv in ("left", "right"):
            return r.choice([opp(tv)] * 3 + ["midline", "bilateral"])
        if tv == "midline":
            return r.choice(["left", "right"])
        return r.choice(["left", "right"])
    if key == "vert":
        return r.choice([x for x in ((["anterior", "posterior", "central"] if c.axial
                                      else ["superior", "inferior", "central"])) if x != tv]) \
            if tv == "central" else ({"anterior": "posterior", "posterior": "anterior", "superior": "inferior",
                                       "inferior": "superior"}[tv] if r.random() < 0.75 else "central")
    if key == "cls":
        return r.choice([x for x in ("small", "medium", "large") if x != tv])
    if key == "pct":
        f = r.uniform(3.0, 5.0) if (r.random() < 0.5 and tv * 5 < 90) else r.uniform(0.15, 0.33)
        return tv * f
    if key == "count":
        return r.choice([x for x in (1, 2, 3, 4) if x != tv and x <= tv + 2])
    if key[0] == "rel":
        return REL_OPP[tv]
    raise ValueError(key)


def same(key, a, b):
    if key == "pct":
        return 0.8 <= a / b <= 1.2
    return a == b


def wrongish(key, a, b):
    """A claimed value that is clearly false (for the check)."""
    if key == "pct":
        return a / b < 0.4 or a / b > 2.5
    return a != b


KIND_OF = {"side": "laterality", "sideneg": "laterality", "vert": "position", "cls": "size", "pct": "size",
           "count": "count", "rel": "position"}


def kind_of(key):
    return KIND_OF[key[0] if isinstance(key, tuple) else key]


def base(key):
    return "side" if key == "sideneg" else key


INTRO = {
    "terse": ["{N} [SEG].", "Segmented: {N} [SEG].", "{N} [SEG] outlined."],
    "tutor": ["This is {n} [SEG]. {why}", "What you are asking about is {n}; I've outlined it here [SEG]. {why}"],
    "markdown": ["## Answer\n\nThe structure you're describing is **{n}** [SEG]. {why}",
                 "Great question! This is **{n}** [SEG].\n\n### Why\n{why}"],
    "words": ["That is {n} [SEG]. {why}", "The structure is {n}, segmented here [SEG]. {why}"],
}
WHY = {
    "organ": ["{Its} function and typical place in the body match your description.",
              "The description fits {this}'s job and {its} usual look on this sequence."],
    "lesions": ["{They} stand{s} out from the background tissue in density, which is what the question points to.",
                "The density and shape fit the clinical story."],
}


def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    T = truths(facts)
    rels = [k for k in T if isinstance(k, tuple)]
    nm = ("the " + p["name"])
    # -- which facts are said where ------------------------------------------------------------------
    keys_all = ["side", "vert", "cls", "pct", "count"] + rels
    first = ["side"] + rng.sample(["vert", "cls", "pct", "count"] + rels, rng.randint(2, 3))
    if "cls" not in first and "pct" not in first and rng.random() < 0.5:
        first.append(rng.choice(["cls", "pct"]))
    n_rounds = rng.choice([2, 3, 3])
    follow = []  # topics of follow-up user turns
    for _ in range(n_rounds - 1):
        follow.append(rng.choice([k for k in keys_all if k not in follow] + ["summary"]))
    recap = rng.random() < 0.55  # first answer ends with a recap restating some facts
    correction = None  # clean idea: a user's false idea that the assistant explicitly corrects
    dkey = loc = mode = None
    if defect and defect != "names_target":
        cands = {"laterality": ["side"], "position": ["vert"] + rels + rels, "size": ["cls", "pct"],
                 "count": ["count"]}[defect]
        dkey = rng.choice(cands)
        loc = rng.choices(["first", "follow", "user"], [3, 1, 1])[0]
        mode = rng.choice(["one", "all"])
        if loc == "first":
            if dkey not in first:
                first.append(dkey)
            if mode == "one" and dkey not in follow:
                if rng.random() < 0.5 or len(follow) == 0:
                    recap = True
                else:
                    follow[-1] = dkey
        elif loc == "follow":
            if dkey not in follow:
                follow[rng.randrange(len(follow))] = dkey
            if mode == "one":
                if dkey not in first:
                    first.append(dkey)
            else:
                if dkey in first:
                    first.remove(dkey)
                    if not first:
                        first = ["cls"]
        else:  # user premise in a follow-up turn about another topic
            j = rng.randrange(len(follow))
            if follow[j] == dkey:
                follow[j] = rng.choice([k for k in ["cls", "count", "summary", "side"] if k != dkey])
            if mode == "one":
                if dkey not in first:
                    first.append(dkey)
            else:
                if dkey in first:
                    first.remove(dkey)
            user_j = j
    if defect is None and rng.random() < 0.4:
        correction = rng.choice([k for k in ["side", "vert", "cls"]])
    # recap keys
    recap_keys = []
    if recap:
        pool = [k for k in first if k != "sideneg"]
        recap_keys = rng.sample(pool, min(len(pool), rng.randint(2, 3)))
        if loc == "first" and mode == "one" and dkey not in recap_keys and dkey not in follow:
            recap_keys.append(dkey)
    # in mode "all" with the defect placed in follow-ups or a premise, the other mentions must carry it too,
    # or not exist: drop it from recaps of other places
    # -- value for each mention ------------------------------------------------------------------------
    ledger = []
    wv = wrong(dkey, T[dkey], c) if dkey else None

    def val(key, where):
        """Claimed value of `key` at mention `where` in first|recap|follow|summary."""
        if key != dkey:
            return T[key]
        if loc == "first":
            return wv if (mode == "all" or where == "first") else T[key]
        if loc == "follow":
            return wv if (mode == "all" or where in ("follow", "summary")) else T[key]
        return T[key]  # user premise: the assistant's own mentions stay true (mode one) or do not exist

    turns = []

    def say(turn_i, key, where, sent_fn=None):
        v = val(key, where)
        k2 = key
        if key == "side" and where == "first" and rng.random() < 0.3:
            k2 = "sideneg"
        s = claim_sent(c, k2, v)
        ledger.append({"turn": turn_i, "key": base(k2) if not isinstance(k2, tuple) else k2, "val": v,
                       "true": T[key], "text": s})
        return s

    # -- turn 1: question ------------------------------------------------------------------------------
    q1 = rng.choice(p["q_named"] if defect == "names_target" else p["q_impl"])
    if style == "words":
        q1 = words_text(q1)
    if style == "terse" and rng.random() < 0.5:
        q1 = q1.replace("Please segment", "Segment").replace("please", "")
    turns.append({"role": "user", "content": q1})
    # -- turn 2: first answer --------------------------------------------------------------------------
    why = rng.choice(WHY[p["kind"]])
    pl = p["plural"]
    why = why.format(They="They" if pl else "It", s="" if pl else "s", Its="Their" if pl else "Its",
                     this="these organs" if pl else "this organ", its="their" if pl else "its")
    why = why.replace("these organs's", "these organs'")
    intro = rng.choice(INTRO[style]).format(N=cap(p["name"]), n=nm, why=why).strip()
    if p["plural"]:
        for a, b_ in (("That is ", "Those are "), ("This is ", "These are "), ("The structure is ", "The structures are "),
                      ("The structure you're describing is", "The structures you're describing are"),
                      ("What you are asking about is", "What you are asking about are"), ("I've outlined it", "I've outlined them"),
                      ("segmented here", "segmented here")):
            intro = intro.replace(a, b_)
    parts = [intro]
    know = rng.sample(p["know"], rng.randint(1, 2))
    if style == "words":
        know = [words_text(k) for k in know]
    sents = []
    for k in first:
        if mode == "all" and loc in ("user",) and k == dkey:
            continue
        sents.append(say(1, k, "first"))
    if style == "markdown":
        bullets = [s for s in sents if s.startswith("- ")]
        prose = [s for s in sents if not s.startswith("- ")]
        body = ""
        if bullets:
            body += "\n\n### Key findings\n" + "\n".join(bullets)
        if prose:
            body += "\n\n" + " ".join(prose)
        body += "\n\n### Background\n" + "\n".join("- " + k for k in know)
        parts.append(body.strip())
    elif style == "terse":
        parts.append(" ".join(sents))
        if rng.random() < 0.5:
            parts.append(know[0])
    else:
        parts.append(" ".join(sents))
        parts.append(" ".join(know))
    if style in ("tutor", "words") and c.axial and facts["laterality"] in ("left", "right") and rng.random() < 0.3:
        parts.append("Remember that on these pictures your left side is shown on the right of the screen.")
    if rng.random() < 0.3:
        parts.append(rng.choice(["If it had been on the other side, the differential would be different."
                                 if facts["laterality"] in ("left", "right") else "Would a thinner reconstruction help? Only a little.",
                                 "Would a different window help? Possibly, but not for the outline.",
                                 "Thinner slices would sharpen the edges a little, but the outline would not change."]))
    if recap_keys:
        rs = [say(1, k, "recap") for k in recap_keys]
        lead = rng.choice({"terse": ["Impression: ", "IMP: ", "Summary: "],
                           "tutor": ["To sum up: ", "So, in a nutshell: ", "Just to repeat the main points: "],
                           "markdown": ["### Summary\n", "### TL;DR\n", "### Recap (as noted above)\n"],
                           "words": ["In short, as noted above: ", "To restate: ", "Once more, briefly: "]}[style])
        if style == "markdown":
            parts.append(lead + "\n".join(x if x.startswith("- ") else "- " + x for x in rs))
        else:
            parts.append(lead + " ".join(rs))
    sep = "\n\n" if style == "markdown" else " "
    turns.append({"role": "assistant", "content": sep.join(x for x in parts if x)})
    # -- follow-ups ------------------------------------------------------------------------------------
    for j, topic in enumerate(follow):
        ti = len(turns)
        uq = ""
        if loc == "user" and j == user_j:
            v = wv
            uq = premise(c, dkey, v)
            ledger.append({"turn": ti, "key": base(dkey) if not isinstance(dkey, tuple) else dkey, "val": v,
                           "true": T[dkey], "text": uq, "user": True})
        q = ask(c, topic)
        if uq:
            q = uq + (q[0].lower() + q[1:] if not uq.endswith(". ") and not q.startswith("I ") else q)
        cor = None
        if correction and j == 0 and topic != "summary" and not uq:
            cor = correction
            fv = wrong(cor, T[cor], c)
            if cor == "side":
                idea = "Isn't it " + {"left": "on the left", "right": "on the right", "midline": "in the middle",
                                      "bilateral": "on both sides"}[fv] + "?"
            elif cor == "vert":
                idea = f"I thought it was {vert_words(c, fv)[0]}?"
            else:
                idea = f"Isn't it {fv}?"
            q = idea + " " + q
        turns.append({"role": "user", "content": q})
        ai = len(turns)
        out = []
        if cor:
            cs = claim_sent(c, cor, T[cor])
            if cs.startswith("- "):
                cs = cs[2:]
            lead = rng.choice(["No. ", "Not quite: ", "Actually no. ", "No \u2014 "])
            if lead in ("Not quite: ", "No \u2014 ") and not cs.startswith("**"):
                cs = cs[0].lower() + cs[1:]
            out.append(lead + cs + ("" if cs.endswith(".") else "."))
            ledger.append({"turn": ai, "key": cor, "val": T[cor], "true": T[cor], "text": out[-1]})
        if loc == "user" and j >= user_j:
            quiet = True
        else:
            quiet = False
        if topic == "summary":
            ks = [k for k in first if not ((loc == "user" and mode == "all" or quiet) and k == dkey)]
            if loc == "follow" and dkey not in ks:
                ks.append(dkey)
            ks = ks[:4]
            if style == "markdown":
                out.append("**Summary**\n" + "\n".join(("" if s.startswith("- ") else "- ") + s
                                                     for s in [say(ai, k, "summary") for k in ks]))
            else:
                out.append(("Summary: " if style == "terse" else "In summary: ") + " ".join(say(ai, k, "summary") for k in ks))
        else:
            if loc == "user" and (mode == "all" or quiet) and topic == dkey:
                topic = "count" if dkey == "cls" else "cls"
            s = say(ai, topic, "follow")
            if style == "markdown" and s.startswith("- "):
                s = s[2:]
                ledger[-1]["text"] = s
                s += "."
            out.append(s)
            if rng.random() < 0.35:
                out.append(rng.choice(["As noted above.", "That matches what I said before.",
                                       "Hope that helps!" if style != "terse" else "",
                                       "The convention: the image's left is the patient's right."]))
        turns.append({"role": "assistant", "content": " ".join(x for x in out if x).strip()})
    expected = [defect] if defect else []
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "dkey": dkey, "loc": loc, "mode": mode,
                   "claims": ledger, "turns": turns})
    return turns, expected
