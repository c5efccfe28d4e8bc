"""Bank EW: blind QC bank on CT and MR (axial "LP" and coronal "LI" slices).

Written without reading QC (no medseg_qa/qc, no knowledge module, no other bank, no scorer).

Targets (20 profiles): liver, spleen, left kidney, right kidney, kidneys (two pieces, bilateral), aorta,
pancreas, gallbladder, stomach, urinary bladder (axial CT and coronal MR), prostate, liver tumours (three
pieces), lung nodules (three pieces, bilateral), brain metastases (two, bilateral), glioblastoma, multiple
sclerosis lesions (four, bilateral), left ventricle (cardiac MR), right lung (coronal CT), left adrenal
gland (coronal MR).

Registers: terse (radiologist shorthand), tutor (explains to a student), chatty_md (markdown assistant with
headers, bullets and bold), words (numbers written as words).

Theme: traps an independent reviewer found in earlier checkers, written densely: sentences explaining the
radiological display convention in many wordings (image side vs patient side), true negations ("not on the
left", "no part of it crosses the midline", "neither large nor tiny", "not a single blob"), knowledge
sentences about OTHER structures carrying side, position, size and count words, population numbers,
relations stated with the other structure as subject ("the rectum lies behind it"), user misconceptions the
assistant explicitly corrects (clean rows), and claims inside the first user question (side, position or a
relation of the structure asked for: true in clean rows; in about a third of side/position defect rows the
false claim is the first question's, and the assistant does not restate that fact).

Defects: laterality (side swap, one-sided for bilateral, midline for lateral, lateral for midline, or a false
negation), position (vertical flip or an inverted relation with a centroid gap > 0.08), size (class word of
another class, or a percent x2.8-4 / x0.15-0.33), count (wrong number of pieces), names_target (first question
names the target). Placement: side/position about 1/3 first question, 1/6 later user premise, 1/5 follow-up
answer, rest first answer; size/count 1/5 user premise, 1/5 follow-up answer, rest first answer. The fact
carrying the defect is stated nowhere else in the row.

Own check (/work/notes/qcew_scripts/check_ew.py, ledger of every claim re-judged against the facts):
rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42 names_target: 42 problems: 0
"""

from __future__ import annotations

import math
import random
import re

import numpy as np

STYLES = ["terse", "tutor", "chatty_md", "words"]

# Every claim the last build() made: a list of dicts (turn, kind, value, key, text, note).  The own checker
# regenerates the rows and reads this after each build.
LEDGER: list[dict] = []

# ---------------------------------------------------------------------------------------------- profiles

ABD_KNOW = [
    "The left renal vein normally crosses in front of the aorta, just below the superior mesenteric artery, to reach the IVC.",
    "The right kidney usually sits a centimetre or two lower than the left one.",
    "A normal spleen is under about 13 cm long; anything bigger on the left is called splenomegaly.",
    "The aorta runs slightly to the left of the midline, with the IVC on its right.",
    "Roughly 10 to 15% of people have an accessory spleen, usually a small nodule near the splenic hilum on the left.",
    "The gallbladder fossa sits on the underside of the right lobe of the liver.",
    "The descending colon runs down the left flank, behind the peritoneum.",
    "The appendix usually lies in the right iliac fossa, but it is retrocaecal in about 65% of people.",
    "The liver has eight Couinaud segments, and the caudate lobe (segment one) drains straight into the IVC.",
    "The head of the pancreas tucks into the C-loop of the duodenum on the right, while the tail points left toward the splenic hilum.",
    "A horseshoe kidney, seen in about 1 in 500 people, has its two lower poles joined across the midline in front of the spine.",
    "The right adrenal gland sits behind the IVC, the left one beside the aorta.",
    "The psoas muscles lie on both sides of the lumbar spine, behind the kidneys' medial borders.",
    "The stomach sits mostly in the left upper quadrant, under the left hemidiaphragm.",
    "The superior mesenteric artery leaves the front of the aorta at about the level of L1.",
    "Each kidney is normally 10 to 12 cm long; a difference of more than 2 cm between the two is worth a comment.",
    "The left kidney is usually the larger of the two and sits slightly higher.",
    "About 25% of people have more than one renal artery on at least one side.",
]
CHEST_KNOW = [
    "The right lung has three lobes and the left only two, because the heart takes up space on the left.",
    "The trachea sits in the midline and divides into two main bronchi at the carina, around T4-T5.",
    "The right main bronchus is wider, shorter and more vertical than the left, so aspirated material goes right more often.",
    "The descending aorta runs down on the left, just in front of and beside the spine.",
    "The azygos vein arches over the right main bronchus from behind.",
    "The heart's apex points to the left, anteriorly and inferiorly.",
    "The right hemidiaphragm normally sits a little higher than the left because of the liver below it.",
    "Small nodules under 6 mm in a low-risk patient usually need no routine follow-up under the Fleischner guidelines.",
    "The oesophagus lies behind the trachea and slightly to its left in the lower neck.",
]
BRAIN_KNOW = [
    "The left hemisphere is dominant for language in about 95% of right-handed people.",
    "The two lateral ventricles sit on either side of the midline, separated by the septum pellucidum.",
    "The falx cerebri hangs in the midline between the two hemispheres.",
    "The motor cortex of the right hemisphere controls the left side of the body, and vice versa.",
    "The third ventricle is a thin midline slit between the two thalami.",
    "The pineal gland sits in the midline, behind the third ventricle, and calcifies in most adults.",
    "The occipital lobes lie at the back of the head and handle vision.",
    "The frontal horns of the lateral ventricles point forward, the occipital horns backward.",
]
PELVIS_KNOW = [
    "The rectum lies in the midline, in front of the sacrum and coccyx.",
    "The sigmoid colon usually loops on the left side of the pelvis.",
    "The ureters enter the pelvis by crossing in front of the common iliac vessels, one on each side.",
    "The pubic symphysis is the midline joint at the very front of the pelvic ring.",
    "The seminal vesicles lie behind the base of the bladder, one on each side.",
    "The ovaries normally measure about 3 cm and sit on either side of the uterus.",
    "The femoral heads sit on both sides, well outside the midline.",
]
CARDIAC_KNOW = [
    "The right ventricle is the most anterior chamber, sitting just behind the sternum.",
    "The left atrium is the most posterior chamber and lies in front of the oesophagus.",
    "The normal right ventricular wall is only about 3 to 5 mm thick.",
    "The interventricular septum normally bows toward the right ventricle.",
    "The aortic root sits centrally, between the right ventricular outflow tract in front and the left atrium behind.",
    "The superior vena cava runs down on the right side of the mediastinum.",
]

PROFILES = [
    dict(target="liver", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(82, 104, 52, 42, 20)],
         others={"right kidney": (0.31, 0.64), "stomach": (0.67, 0.40), "inferior vena cava": (0.45, 0.56)},
         name="the liver", syn=["the hepatic parenchyma", "the liver outline"], plural=False,
         ban=["liver", "hepat"], know=ABD_KNOW,
         asks=["Which organ here makes bile and stores glycogen?",
               "Which organ would be enlarged in someone with fatty infiltration from alcohol?",
               "Which solid organ is the main site of drug metabolism and clotting-factor synthesis?",
               "Where are albumin and most clotting factors made?"],
         named=["Can you segment the liver?", "Please outline the hepatic parenchyma on this slice.",
                "Segment the liver, the organ making bile."],
         func="It is the body's main metabolic organ: bile, clotting factors, albumin, glycogen storage."),
    dict(target="spleen", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(196, 152, 24, 34, -25)],
         others={"stomach": (0.62, 0.38), "left kidney": (0.70, 0.68), "aorta": (0.52, 0.57)},
         name="the spleen", syn=["the splenic parenchyma"], plural=False,
         ban=["spleen", "splen", "lien"], know=ABD_KNOW,
         asks=["Which organ filters old red cells and sits under the ribs, often injured in a fall onto the flank?",
               "Which organ enlarges in infectious mononucleosis, so contact sports are banned for a while?",
               "Which lymphoid organ would you worry about rupturing after blunt trauma to the lower ribs?"],
         named=["Please segment the spleen.", "Can you outline the splenic parenchyma?"],
         func="It filters ageing red cells and is the largest lymphoid organ."),
    dict(target="left kidney", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(182, 166, 17, 26, 15)],
         others={"aorta": (0.52, 0.57), "spleen": (0.77, 0.52), "vertebral body": (0.50, 0.72)},
         name="the left kidney", syn=["the left renal parenchyma"], plural=False,
         ban=["kidney", "renal", "nephr"], know=ABD_KNOW,
         asks=["Which organ here filters the blood and makes urine, the one beside the spleen?",
               "Which bean-shaped organ would a stone in the left ureter have come from?",
               "Which retroperitoneal organ does erythropoietin come from, on the patient's spleen side?"],
         named=["Please segment the left kidney.", "Outline the left renal parenchyma for me."],
         func="It filters the blood, makes urine, and secretes renin and erythropoietin."),
    dict(target="right kidney", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(74, 164, 17, 26, -15)],
         others={"aorta": (0.52, 0.57), "liver": (0.30, 0.40), "vertebral body": (0.50, 0.72)},
         name="the right kidney", syn=["the right renal parenchyma"], plural=False,
         ban=["kidney", "renal", "nephr"], know=ABD_KNOW,
         asks=["Which organ here makes urine, the one tucked under the liver?",
               "Which bean-shaped organ would hydronephrosis from a right ureteric stone affect?",
               "Which organ on the liver's side filters the blood?"],
         named=["Segment the right kidney please.", "Can you outline the right renal parenchyma?"],
         func="It filters the blood, makes urine, and secretes renin and erythropoietin."),
    dict(target="kidneys", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(74, 164, 17, 25, -15), (182, 164, 17, 25, 15)],
         others={"aorta": (0.51, 0.55), "vertebral body": (0.50, 0.72)},
         name="the kidneys", syn=["the renal parenchyma", "the renal outlines"], plural=True,
         ban=["kidney", "renal", "nephr"], know=ABD_KNOW,
         asks=["Which paired organs here filter the blood and make urine?",
               "Which organs would you measure in a patient with a rising creatinine?",
               "Which paired retroperitoneal organs make erythropoietin?"],
         named=["Please segment both kidneys.", "Can you outline the renal parenchyma on both sides?"],
         func="They filter the blood and make urine; together they get about a fifth of cardiac output."),
    dict(target="aorta", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(133, 146, 11, 11, 0)],
         others={"vertebral body": (0.50, 0.72), "inferior vena cava": (0.43, 0.55), "left kidney": (0.71, 0.64)},
         name="the aorta", syn=["the abdominal aorta", "the aortic lumen"], plural=False,
         ban=["aorta", "aortic"], know=[k for k in ABD_KNOW],
         asks=["Which vessel would you measure to screen a 65-year-old smoker for an aneurysm?",
               "Which big artery here carries blood from the left ventricle down to the legs?",
               "Which vessel gives off the coeliac trunk and the SMA?"],
         named=["Please segment the aorta.", "Outline the abdominal aorta."],
         func="It is the main systemic artery; in the abdomen a diameter above 3 cm counts as aneurysmal."),
    dict(target="pancreas", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(128, 116, 46, 12, -12)],
         others={"aorta": (0.52, 0.60), "stomach": (0.62, 0.33), "spleen": (0.80, 0.55)},
         name="the pancreas", syn=["the pancreatic gland"], plural=False,
         ban=["pancrea"], know=ABD_KNOW,
         asks=["Which gland here makes insulin and digestive enzymes?",
               "Which organ is inflamed when lipase is ten times normal after a heavy drinking session?",
               "Which retroperitoneal gland lies across the spine and secretes trypsinogen?"],
         named=["Please segment the pancreas.", "Outline the pancreatic gland."],
         func="It is both endocrine (insulin, glucagon) and exocrine (digestive enzymes)."),
    dict(target="gallbladder", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(94, 118, 10, 16, 20)],
         others={"liver": (0.31, 0.37), "duodenum": (0.48, 0.55)},
         name="the gallbladder", syn=["the gallbladder lumen"], plural=False,
         ban=["gall", "cholecyst"], know=ABD_KNOW,
         asks=["Which pear-shaped sac stores and concentrates bile?",
               "Where would stones cause biliary colic after a fatty meal?",
               "Which structure does Murphy's sign test for inflammation of?"],
         named=["Please segment the gallbladder.", "Outline the gall bladder."],
         func="It stores and concentrates bile and contracts after a fatty meal."),
    dict(target="stomach", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(168, 98, 30, 24, -20)],
         others={"spleen": (0.79, 0.56), "pancreas": (0.52, 0.49), "liver": (0.30, 0.40)},
         name="the stomach", syn=["the gastric wall"], plural=False,
         ban=["stomach", "gastr"], know=ABD_KNOW,
         asks=["Which hollow organ here makes acid and pepsin?",
               "Where would a peptic ulcer on the lesser curve be?",
               "Which organ is the reservoir food enters right after the oesophagus?"],
         named=["Please segment the stomach.", "Outline the gastric wall and lumen."],
         func="It stores food, makes acid and pepsin, and secretes intrinsic factor."),
    dict(target="urinary bladder", mod="CT", region="pelvis", orient="LP", plane="axial",
         ells=[(128, 100, 28, 22, 0)],
         others={"rectum": (0.50, 0.70), "pubic symphysis": (0.50, 0.20), "sigmoid colon": (0.64, 0.55)},
         name="the urinary bladder", syn=["the bladder"], plural=False,
         ban=["bladder", "vesic", "cyst"], know=PELVIS_KNOW,
         asks=["Which hollow organ here stores urine?",
               "Which organ would you check for retention in a man who can't pass water?",
               "Where does urine collect before voiding?"],
         named=["Please segment the urinary bladder.", "Outline the bladder."],
         func="It stores urine; a normal adult capacity is about 400 to 600 mL."),
    dict(target="urinary bladder", mod="MR", region="pelvis", orient="LI", plane="coronal",
         ells=[(128, 188, 30, 22, 0)],
         others={"uterus": (0.50, 0.56), "left femoral head": (0.72, 0.70)},
         name="the urinary bladder", syn=["the bladder"], plural=False,
         ban=["bladder", "vesic", "cyst"], know=PELVIS_KNOW,
         asks=["Which organ here collects urine before voiding?",
               "Which hollow organ would be distended in acute urinary retention?",
               "Where do the ureters empty?"],
         named=["Please segment the bladder.", "Outline the urinary bladder on this coronal."],
         func="It stores urine; a normal adult capacity is about 400 to 600 mL."),
    dict(target="prostate", mod="MR", region="pelvis", orient="LP", plane="axial",
         ells=[(128, 138, 18, 15, 0)],
         others={"rectum": (0.50, 0.73), "pubic symphysis": (0.50, 0.27)},
         name="the prostate", syn=["the prostate gland"], plural=False,
         ban=["prostat"], know=PELVIS_KNOW,
         asks=["PSA is 9 ng/mL: which gland would we target for biopsy here?",
               "Which gland makes part of the seminal fluid and wraps around the proximal urethra?",
               "Which organ does PI-RADS scoring apply to?"],
         named=["Please segment the prostate.", "Outline the prostate gland."],
         func="It adds fluid to semen and surrounds the proximal urethra; PI-RADS scores lesions in it."),
    dict(target="liver tumours", mod="CT", region="abdomen", orient="LP", plane="axial",
         ells=[(66, 102, 8, 7, 0), (96, 128, 6, 6, 0), (62, 146, 9, 8, 30)],
         others={"inferior vena cava": (0.45, 0.56), "stomach": (0.67, 0.40)},
         name="the liver tumours", syn=["the hepatic lesions", "the tumour foci"], plural=True,
         ban=["tumo", "lesion", "metast", "mass", "liver", "hepat", "hcc", "nodul"],
         know_ban=["tumo", "lesion", "metast", "nodul"], know=ABD_KNOW,
         asks=["Cirrhotic patient with a rising alpha-fetoprotein: can you find what is driving that?",
               "Colorectal cancer follow-up, arterial phase: what should the oncologist be measuring on this slice?",
               "What would explain the raised CEA and the new right upper quadrant discomfort?"],
         named=["Please segment the liver tumours.", "Outline the hepatic lesions.",
                "Can you segment the liver metastases?"],
         func="Tumours like these are measured for LI-RADS or RECIST."),
    dict(target="lung nodules", mod="CT", region="chest", orient="LP", plane="axial",
         ells=[(70, 108, 6, 6, 0), (192, 94, 5, 5, 0), (178, 156, 7, 6, 0)],
         others={"heart": (0.55, 0.42), "descending aorta": (0.57, 0.66)},
         name="the lung nodules", syn=["the pulmonary nodules", "the nodules"], plural=True,
         ban=["nodul", "lung", "pulmon", "lesion", "tumo", "metast", "mass"],
         know_ban=["nodul", "lesion", "metast"], know=CHEST_KNOW,
         asks=["Smoker, 62, surveillance CT: what do the Fleischner guidelines want us to follow up here?",
               "Known sarcoma, staging chest CT: what needs measuring on this slice?",
               "What would the radiologist be tracking on this chest slice from last year's screening scan?"],
         named=["Please segment the lung nodules.", "Outline the pulmonary nodules."],
         func="Solid nodules like these are followed by size and growth over time."),
    dict(target="brain metastases", mod="MR", region="head", orient="LP", plane="axial",
         ells=[(90, 90, 10, 9, 0), (172, 162, 14, 12, 0)],
         others={"third ventricle": (0.50, 0.50)},
         name="the brain metastases", syn=["the metastatic deposits", "the mets"], plural=True,
         ban=["metast", "mets", "brain", "cerebr", "tumo", "lesion", "mass", "deposit"],
         know_ban=["metast", "mets", "deposit", "tumo", "lesion"], know=BRAIN_KNOW,
         asks=["Known breast cancer, new headaches and a seizure; post-contrast T1. What explains the symptoms?",
               "Melanoma patient for stereotactic radiosurgery planning: what do we need to contour?",
               "Lung adenocarcinoma, staging MR of the head: what has spread here?"],
         named=["Please segment the brain metastases.", "Outline the metastatic deposits in the brain."],
         func="Ring-enhancing foci at the grey-white junction are typical of haematogenous spread."),
    dict(target="glioblastoma", mod="MR", region="head", orient="LP", plane="axial",
         ells=[(166, 100, 30, 26, 10)],
         others={"third ventricle": (0.50, 0.50), "occipital horn": (0.58, 0.80)},
         name="the glioblastoma", syn=["the tumour", "the enhancing tumour"], plural=False,
         ban=["gliobl", "glioma", "gbm", "tumo", "brain", "cerebr", "lesion", "mass"],
         know_ban=["gliobl", "glioma", "gbm", "tumo", "lesion"], know=BRAIN_KNOW,
         asks=["Sixty-year-old with three weeks of worsening right arm weakness: what explains it on this post-contrast slice?",
               "What would the neurosurgeon want contoured for resection planning here?",
               "Which finding here is likely to be an IDH-wildtype grade 4 process?"],
         named=["Please segment the glioblastoma.", "Outline the tumour.", "Segment the GBM."],
         func="A thick irregular enhancing rim around necrosis is the classic appearance."),
    dict(target="multiple sclerosis lesions", mod="MR", region="head", orient="LP", plane="axial",
         ells=[(100, 104, 6, 4, 30), (110, 152, 6, 4, 0), (152, 100, 5, 4, 0), (164, 148, 6, 5, -20)],
         others={"third ventricle": (0.50, 0.50)},
         name="the multiple sclerosis lesions", syn=["the MS plaques", "the demyelinating plaques"], plural=True,
         ban=["sclerosis", "ms", "lesion", "plaque", "demyelin", "brain"],
         know_ban=["sclerosis", "lesion", "plaque", "demyelin"], know=BRAIN_KNOW,
         asks=["Young woman with optic neuritis and arm tingling, FLAIR sequence: what supports dissemination in space?",
               "What would the McDonald criteria count on this slice?",
               "Twenty-eight, relapsing numbness: what does the neurologist want counted here?"],
         named=["Please segment the multiple sclerosis lesions.", "Outline the MS plaques."],
         func="Periventricular ovoid foci perpendicular to the ventricles (Dawson's fingers) are typical."),
    dict(target="left ventricle", mod="MR", region="chest", orient="LP", plane="axial",
         ells=[(162, 132, 22, 26, 30)],
         others={"right ventricle": (0.47, 0.38), "descending aorta": (0.58, 0.74)},
         name="the left ventricle", syn=["the LV cavity", "the LV"], plural=False,
         ban=["ventric", "lv"], know_ban=["left ventric", "lv"], know=CARDIAC_KNOW,
         asks=["Which chamber pumps oxygenated blood into the aorta? I need it for an ejection fraction.",
               "Which chamber has the thickest wall and hypertrophies in aortic stenosis?",
               "Which cardiac chamber does the mitral valve open into?"],
         named=["Please segment the left ventricle.", "Outline the LV cavity."],
         func="It pumps oxygenated blood into the aorta; a normal ejection fraction is about 55 to 70%."),
    dict(target="right lung", mod="CT", region="chest", orient="LI", plane="coronal",
         ells=[(78, 100, 40, 68, 0)],
         others={"heart": (0.54, 0.58), "liver": (0.32, 0.84)},
         name="the right lung", syn=["the right lung field"], plural=False,
         ban=["lung", "pulmon", "pneum"], know=CHEST_KNOW,
         asks=["Which organ here does gas exchange, the one with three lobes?",
               "Which organ would the horizontal fissure and the middle lobe belong to?",
               "Which organ is ventilated through the right main bronchus?"],
         named=["Please segment the right lung.", "Outline the right lung field."],
         func="It is where gas exchange happens and has upper, middle and lower lobes."),
    dict(target="left adrenal gland", mod="MR", region="abdomen", orient="LI", plane="coronal",
         ells=[(166, 104, 6, 12, 20)],
         others={"left kidney": (0.66, 0.56), "spleen": (0.79, 0.40), "aorta": (0.52, 0.52)},
         name="the left adrenal gland", syn=["the left adrenal"], plural=False,
         ban=["adrenal", "suprarenal", "gland"], know=ABD_KNOW,
         asks=["Which small structure makes cortisol and aldosterone on the spleen side?",
               "Where would a phaeochromocytoma arise, on the patient's spleen side?",
               "Which organ secretes epinephrine and sits like a cap on top of the kidney?"],
         named=["Please segment the left adrenal gland.", "Outline the left adrenal."],
         func="It makes cortisol, aldosterone and adrenaline; an incidentaloma is found in a few % of CTs."),
]
for _p in PROFILES:
    _p.setdefault("know_ban", _p["ban"])
    _p["lesion"] = _p["target"] in ("liver tumours", "lung nodules", "brain metastases", "multiple sclerosis lesions")

# ---------------------------------------------------------------------------------------------- facts


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
    for cx, cy, rx, ry, ang in p["ells"]:
        s = rng.uniform(0.94, 1.06)
        t = math.radians(ang + rng.uniform(-5, 5))
        u = (xx - cx - dx) * math.cos(t) + (yy - cy - dy) * math.sin(t)
        v = -(xx - cx - dx) * math.sin(t) + (yy - cy - dy) * math.cos(t)
        mask |= (u / (rx * s)) ** 2 + (v / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------- words

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def int_words(n):
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + int_words(n % 100))


def pct_digits(p):
    return f"{p:.2f}" if p < 1 else f"{p:.1f}" if p < 10 else f"{p:.0f}"


def pct_words(s):
    whole, _, dec = s.partition(".")
    w = "nought" if whole == "0" else int_words(int(whole))
    if dec:
        w += " point " + " ".join(_ONES[int(d)] for d in dec)
    return w + " per cent"


def fmt_pct(p, style):
    """(text, shown value) of a percent."""
    s = pct_digits(p)
    if style == "words":
        return pct_words(s), float(s)
    return s + ("%" if style in ("terse", "chatty_md") else rng_pct_word(p)), float(s)


def words_digits(text):
    """Numbers as words for the 'words' register (digits glued to letters, like T4 or L1, stay)."""
    text = re.sub(r"(?<![\w.])(\d+)%", lambda m: int_words(int(m.group(1))) + " per cent", text)
    return re.sub(r"(?<![\w.])(\d+)(?![\w.])", lambda m: int_words(int(m.group(1))), text)


def rng_pct_word(p):
    return "%" if int(p * 10) % 2 else " percent"


def cnt(n, style, cap=False):
    w = int_words(n) if (style == "words" or n <= 9 and style != "terse") else str(n)
    return w.capitalize() if cap else w


OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
IMG = {"left": "right", "right": "left"}  # patient side -> image side (LP and LI both put patient-left on image right)
AXIS = {"left_of": 0, "right_of": 0, "anterior_to": 1, "posterior_to": 1, "superior_to": 1, "inferior_to": 1}

CONVENTION = [
    "Axial CT and MR are displayed as if you stand at the patient's feet looking up, so the patient's left is on the right of the screen.",
    "Radiological convention flips sides on screen: what appears on the viewer's left is the patient's right.",
    "Remember the display convention: image right equals patient left.",
    "On a radiological display you face the patient, so their right hand would appear on your left.",
    "A common beginner's mistake is to read the screen's left as the patient's left; in radiological view it is the other way round.",
    "The little 'R' marker on the film sits on the viewer's left, because that is the patient's right side.",
    "Neurosurgical (neurological) convention, used in some old atlases, does not mirror the image; radiological convention, used here, does.",
    "Left on the monitor is the patient's right, right on the monitor is the patient's left.",
    "Think of shaking hands with the patient: your left faces their right, which is exactly how the image is laid out.",
    "Nothing on screen is where your own body would put it: the left half of the picture shows the right half of the body.",
    "The viewer's right-hand side of an axial or coronal image always holds the patient's left-hand organs.",
    "If you ever doubt it, find the liver: it is on the patient's right, so it shows on the left of a correctly displayed image.",
    "The anterior abdominal wall is at the top of an axial slice and the spine at the bottom, which is why front and back read as up and down.",
    "In this display the patient's left is not on your left; it is mirrored to your right.",
]
CONVENTION_T = [
    "Conv: image L = pt R.", "Radiological view (pt L on screen R).", "NB display: screen left = patient right.",
]


def conv_pool(p):
    return [k for k in CONVENTION if not any(re.search(r"\b" + re.escape(b), k.lower()) for b in p["know_ban"])]


def know_pool(p):
    bans = p["know_ban"]
    return [k for k in p["know"] if not any(re.search(r"\b" + re.escape(b), k.lower()) for b in bans)]


# ---------------------------------------------------------------------------------------------- claims


class Row:
    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.ledger = []
        self.turn = 0

    def log(self, kind, value, text, key=None, note=None):
        self.ledger.append(dict(turn=self.turn, kind=kind, value=value, key=key, text=text, note=note))

    # subjects
    def subj(self, cap=True, allow_name=True):
        p, r = self.p, self.rng
        opts = [("the mask", "is"), ("the segmented region", "is"), ("the segmentation", "is")]
        if allow_name:
            opts += [(p["name"], "are" if p["plural"] else "is")] * 2
            sy = r.choice(p["syn"])
            opts += [(sy, "are" if p["plural"] and sy.endswith(("s", "foci")) else "is")]
            opts += [("they", "are") if p["plural"] else ("it", "is")] * 2
        else:
            opts += [("it", "is")]
        s, v = r.choice(opts)
        return (s[0].upper() + s[1:] if cap else s), v

    def hemi(self):
        return {"abdomen": "hemiabdomen", "pelvis": "hemipelvis", "chest": "hemithorax", "head": "hemisphere"}[
            self.p["region"]]

    # laterality -----------------------------------------------------------------------------------
    def lat(self, v, truthy=True):
        """A sentence claiming laterality v (true or not); negation sidecars only when truthy."""
        r, st, f = self.rng, self.style, self.f
        S, be = self.subj()
        s = S[0].lower() + S[1:]
        if v in ("left", "right"):
            img, opp = IMG[v], OPP[v]
            if st == "terse":
                t = r.choice([f"{v.capitalize()}-sided.", f"Laterality: pt {v} (image {img}).",
                              f"Pt's {v}; sits image-{img} per radiological convention.",
                              f"Side: {v}. Image {img} = patient {v}."])
            elif st == "chatty_md":
                t = r.choice([f"- **Side:** the patient's {v} (it shows up on the screen's {img}, because radiological view mirrors things!)",
                              f"- **Side:** {v} (patient's), i.e. the {img}-hand side of the picture",
                              f"- **Side:** patient's {v}"])
            else:
                plane = self.p["plane"]
                t = r.choice([
                    f"{S} {be} on the patient's {v}.",
                    f"{S} {be} on the {img} side of the image, which in radiological convention is the patient's {v}.",
                    f"Because {plane} slices are viewed as if facing the patient, the {img} half of the screen is the patient's {v}, and that is where {s} {be}.",
                    f"{S} {be} in the {v} {self.hemi()}.",
                    f"On the screen {s} {be} to the {img}; anatomically that means the patient's {v} side.",
                    f"{S} {be} {v}-sided (patient's {v}, image {img}).",
                ])
            self.log("lat", v, t)
            if truthy and r.random() < 0.55:
                x0, x1 = f["bbox"][0], f["bbox"][2]
                whole = (v == "left" and x0 > 127.5) or (v == "right" and x1 < 127.5)
                if whole and r.random() < 0.6:
                    n = r.choice(["No part of it crosses the midline.", "Nothing of the mask reaches the other side of the midline.",
                                  f"None of it spills over to the patient's {opp}."])
                    if st == "terse":
                        n = r.choice(["No midline crossing.", f"Nothing on the {opp}."])
                    self.log("lat_nocross", v, n)
                else:
                    n = r.choice([f"It is not on the {opp}.", f"So not the patient's {opp}, despite where it sits on the screen.",
                                  f"It isn't a {opp}-sided structure."])
                    if st == "terse":
                        n = f"Not {opp}."
                    self.log("lat_not", [opp], n)
                t = punct(t) + " " + n
            return t
        if v == "midline":
            t = r.choice([f"{S} {be} in the midline.", f"{S} straddles the midline rather than favouring either side.",
                          f"{S} {be} central, neither left- nor right-sided.", f"{S} {be} essentially midline."])
            if st == "terse":
                t = r.choice(["Midline.", "Laterality: midline.", "Midline, not lateralised."])
            elif st == "chatty_md":
                t = r.choice(["- **Side:** midline (it straddles the centre)", "- **Side:** right in the middle, not one-sided"])
            self.log("lat", v, t)
            if truthy and r.random() < 0.5:
                n = r.choice(["It isn't lateralised to either side.", "There's no left or right preference here.",
                              "Neither the left nor the right half holds most of it."])
                self.log("lat_not", ["left", "right"], n)
                t = punct(t) + " " + n
            return t
        if v == "bilateral":
            t = r.choice([f"{S} {be} bilateral, with tissue on both the patient's left and right.",
                          f"{S} {be} found on both sides of the midline.",
                          "There is at least one piece in each half: on the image's left (the patient's right) and on the image's right (the patient's left).",
                          f"{S} {be} bilateral."])
            if st == "terse":
                t = r.choice(["Bilateral.", "B/L.", "Laterality: bilateral (both sides)."])
            elif st == "chatty_md":
                t = r.choice(["- **Side:** both sides (bilateral)", "- **Side:** bilateral - left *and* right"])
            self.log("lat", v, t)
            if truthy and r.random() < 0.5:
                n = r.choice(["It is not confined to one side.", "So this is not a one-sided process.",
                              "Neither side is spared."])
                self.log("lat_not", ["left", "right", "midline"], n)
                t = punct(t) + " " + n
            return t
        raise ValueError(v)

    def lat_false(self):
        """A false laterality claim."""
        v = self.f["laterality"]
        r = self.rng
        if v in ("left", "right"):
            if r.random() < 0.2:
                S, be = self.subj()
                t = r.choice([f"{S} {be} not on the patient's {v}.", f"It is definitely not {v}-sided."])
                if self.style == "terse":
                    t = f"Not {v}."
                self.log("lat_not", [v], t)
                return t
            return self.lat(r.choice([OPP[v]] * 5 + ["midline"]), truthy=False)
        if v == "midline":
            return self.lat(r.choice(["left", "right"]), truthy=False)
        # bilateral
        t = self.lat(r.choice(["left", "right"]), truthy=False)
        t2 = t.replace("on the patient's", "only on the patient's", 1)
        self.ledger[-1]["text"] = t2
        return t2

    # vertical -------------------------------------------------------------------------------------
    def vert(self, v, truthy=True):
        r, st = self.rng, self.style
        S, be = self.subj()
        s = S[0].lower() + S[1:]
        ax = self.p["orient"] == "LP"
        if ax:
            words = {"anterior": ["anterior", "in the front half of the slice", "toward the front of the body",
                                  "ventral", "in the upper half of the axial image, i.e. anteriorly"],
                     "posterior": ["posterior", "in the back half of the slice", "toward the back of the body",
                                   "dorsal", "in the lower half of the axial image, i.e. posteriorly"],
                     "central": ["roughly mid-way front to back", "central in the anteroposterior direction",
                                 "about halfway between front and back"]}
        else:
            words = {"superior": ["superior", "in the upper part of the coronal image, i.e. cranial",
                                  "toward the head end", "high in the field"],
                     "inferior": ["inferior", "in the lower part of the coronal image, i.e. caudal",
                                  "toward the feet", "low in the field"],
                     "central": ["at mid-height", "roughly halfway between the top and the bottom of the field",
                                 "central in the craniocaudal direction"]}
        w = r.choice(words[v])
        if st == "terse":
            t = r.choice([f"{v.capitalize()}.", f"Position: {v}.", f"Sits {w}."])
        elif st == "chatty_md":
            t = f"- **Position:** {w}"
        else:
            t = r.choice([f"{S} {be} {w}.", f"{S} {'lie' if be == 'are' else 'lies'} {w}.", f"In terms of depth, {s} {be} {w}." if ax else
                          f"Vertically, {s} {be} {w}."])
        self.log("vert", v, t)
        if truthy and r.random() < 0.45:
            if v == "central":
                pair = ["anterior", "posterior"] if ax else ["superior", "inferior"]
                n = f"It is neither clearly {pair[0]} nor {pair[1]}."
                self.log("vert_not", pair, n)
            else:
                o = OPP[v]
                n = r.choice([f"It is not {o}.", f"Nothing about it is {o}ly placed." if o != "inferior" else
                              "It does not sit low.", f"It doesn't lie in the {o} part."])
                if o == "anterior" and ax:
                    n = r.choice(["It is not in front.", "It doesn't sit in the front half.", "It is not anterior."])
                self.log("vert_not", [o], n)
            t = punct(t) + " " + n
        return t

    def vert_false(self):
        v = self.f["vertical"]
        ax = self.p["orient"] == "LP"
        vals = ["anterior", "posterior", "central"] if ax else ["superior", "inferior", "central"]
        if v == "central":
            return self.vert(self.rng.choice(vals[:2]), truthy=False)
        return self.vert(OPP[v], truthy=False)

    # relations ------------------------------------------------------------------------------------
    def rel(self, rel, other, truthy=True):
        r, st = self.rng, self.style
        S, be = self.subj()
        o = other
        ph = {"left_of": [f"to the patient's left of the {o}", f"on the left side of the {o} (patient's left)"],
              "right_of": [f"to the patient's right of the {o}", f"on the right side of the {o} (patient's right)"],
              "anterior_to": [f"in front of the {o}", f"anterior to the {o}", f"ventral to the {o}"],
              "posterior_to": [f"behind the {o}", f"posterior to the {o}", f"dorsal to the {o}"],
              "superior_to": [f"above the {o}", f"cranial to the {o}", f"superior to the {o}"],
              "inferior_to": [f"below the {o}", f"caudal to the {o}", f"inferior to the {o}"]}[rel]
        it, its = ("them", "their") if self.p["plural"] else ("it", "its")
        rev = {"left_of": f"The {o} lies to {its} right (the patient's right).",
               "right_of": f"The {o} lies to {its} left (the patient's left).",
               "anterior_to": f"The {o} sits behind {it}.", "posterior_to": f"The {o} lies in front of {it}.",
               "superior_to": f"The {o} is below {it}.", "inferior_to": f"The {o} is above {it}."}[rel]
        conv = None
        if rel in ("left_of", "right_of"):
            sd = "right" if rel == "left_of" else "left"
            conv = f"On the screen {S[0].lower() + S[1:]} {be} to the {sd} of the {o}, which means the patient's {OPP[sd]}."
        opts = [f"{S} {be} {r.choice(ph)}.", f"{S} {be} {r.choice(ph)}.", rev] + ([conv] if conv else [])
        if st == "terse":
            short = {"left_of": "L of", "right_of": "R of", "anterior_to": "ant to", "posterior_to": "post to",
                     "superior_to": "sup to", "inferior_to": "inf to"}[rel]
            opts = [f"{short.capitalize()} {o}.", f"{r.choice(ph).capitalize()}.", rev]
        elif st == "chatty_md":
            opts = [f"- **Neighbour:** {r.choice(ph)}", f"- **Relation to the {o}:** it lies {r.choice(ph)}"]
        t = r.choice(opts)
        self.log("rel", rel, t, key=o)
        if truthy and r.random() < 0.3:
            neg = {"left_of": "not to the patient's right of", "right_of": "not to the patient's left of",
                   "anterior_to": "not behind", "posterior_to": "not in front of", "superior_to": "not below",
                   "inferior_to": "not above"}[rel]
            n = f"It is {neg} the {o}."
            self.log("rel_not", REL_OPP[rel], n, key=o)
            t = punct(t) + " " + n
        return t

    # size -----------------------------------------------------------------------------------------
    def size(self, cls=None, pct=None, truthy=True):
        """cls and/or pct may be given (true or false)."""
        r, st = self.rng, self.style
        S, be = self.subj()
        cw = {"small": ["small", "a small structure", "tiny on this slice", "little"],
              "medium": ["medium-sized", "moderate in size", "mid-sized"],
              "large": ["large", "big", "a large structure on this slice"]}
        parts = []
        if cls and pct is not None:
            pw, pct = fmt_pct(pct, st)
            if st == "terse":
                t = r.choice([f"{cls.capitalize()}, ~{pw} of slice.", f"Size: {cls} ({pw} FOV)."])
            elif st == "chatty_md":
                t = f"- **Size:** {cls} - about **{pw}** of the image"
            else:
                t = r.choice([f"{S} {be} {r.choice(cw[cls])}, covering about {pw} of the image.",
                              f"At roughly {pw} of the slice, {S[0].lower() + S[1:]} {be} {r.choice(cw[cls])}.",
                              f"{S} {be} {r.choice(cw[cls])}: about {pw} of the pixels in the slice."])
            self.log("size_class", cls, t)
            self.log("size_pct", pct, t)
        elif cls:
            if st == "terse":
                t = r.choice([f"{cls.capitalize()}.", f"Size: {cls}."])
            elif st == "chatty_md":
                t = f"- **Size:** {cls}"
            else:
                t = f"{S} {be} {r.choice(cw[cls])}."
            self.log("size_class", cls, t)
        else:
            pw, pct = fmt_pct(pct, st)
            if st == "terse":
                t = f"Area ~{pw} of slice."
            elif st == "chatty_md":
                t = f"- **Area:** about {pw} of the image"
            else:
                t = r.choice([f"{S} {be} about {pw} of the image area.", f"The mask covers roughly {pw} of the slice."])
            self.log("size_pct", pct, t)
        if truthy and r.random() < 0.5:
            c = self.f["size_class"]
            if c == "medium":
                n = r.choice(["Neither large nor tiny.", "It is not large, and not tiny either."])
                self.log("size_not", ["large", "small"], n)
            elif c == "small":
                n = r.choice(["It is nowhere near large.", "It is not a large structure."])
                self.log("size_not", ["large"], n)
            else:
                n = r.choice(["By no means small.", "It is not small."])
                self.log("size_not", ["small"], n)
            t = punct(t) + " " + n
        return t

    def true_pct(self):
        return 100 * self.f["area_fraction"] * self.rng.uniform(0.95, 1.05)

    def size_true(self):
        r = self.rng
        if not size_ok(self.f):
            return self.size(pct=self.true_pct(), truthy=False)
        k = r.random()
        if k < 0.5:
            return self.size(cls=self.f["size_class"], pct=self.true_pct())
        if k < 0.8:
            return self.size(cls=self.f["size_class"])
        return self.size(pct=self.true_pct())

    def size_false(self):
        r = self.rng
        c = self.f["size_class"]
        a = self.f["area_fraction"]
        if not size_ok(self.f):
            return self.size(cls="large" if a < 0.03 else "small", truthy=False)
        if r.random() < 0.55:
            return self.size(cls=r.choice([x for x in ("small", "medium", "large") if x != c]), truthy=False)
        p = 100 * self.f["area_fraction"]
        fp = p * r.uniform(2.8, 4.0) if (p < 15 and r.random() < 0.6) or p < 1 else p * r.uniform(0.15, 0.33)
        return self.size(pct=fp, truthy=False)

    # count ----------------------------------------------------------------------------------------
    def count(self, n, truthy=True):
        r, st = self.rng, self.style
        S, be = self.subj(allow_name=not self.p["plural"] or n > 1)
        if n == 1:
            opts = [f"{S} {be} one connected region.", f"{S} {be} a single component.",
                    "The mask is one contiguous piece."]
            if st == "terse":
                opts = ["Single component.", "1 piece.", "Unifocal, one component."]
            elif st == "chatty_md":
                opts = ["- **Pieces:** just one, a single connected region"]
        else:
            w = cnt(n, st)
            noun = r.choice(["separate pieces", "disconnected components", "separate regions"] +
                            (["distinct foci", "separate lesions"] if self.p.get("lesion") else []))
            opts = [f"There are {w} {noun}.", f"The mask is made of {w} {noun}.", f"I count {w} {noun}."]
            if st == "terse":
                opts = [f"{w} components.", f"x{n} {'foci' if self.p.get('lesion') else 'pieces'}.", f"{w} separate regions."]
            elif st == "chatty_md":
                opts = [f"- **Pieces:** {w} separate regions"]
        t = r.choice(opts)
        self.log("count", n, t)
        if truthy and r.random() < 0.5:
            if n == 1:
                n2 = r.choice(["It is not split into several pieces.", "There is no second island or satellite.",
                               "Nothing about it is fragmented."])
                self.log("count_not", "multi", n2)
            else:
                n2 = r.choice(["So it is not a single blob.", "They do not join up into one region.",
                               "It is not one piece."])
                self.log("count_not", 1, n2)
            t = punct(t) + " " + n2
        return t

    def count_false(self):
        n = self.f["components"]
        if n == 1:
            return self.count(self.rng.choice([2, 3]), truthy=False)
        return self.count(self.rng.choice([n - 1, n + 1]) if n > 2 else self.rng.choice([1, 3]), truthy=False)


# ---------------------------------------------------------------------------------------------- helpers


def rel_gap_ok(p, f, rel, other):
    c = f["centroid_normalized"]
    o = p["others"][other]
    return abs(c[AXIS[rel]] - o[AXIS[rel]]) > 0.08


def vert_ok(f):
    off = abs(f["centroid_patient"][1])
    return not (0.045 < off < 0.08)


def size_ok(f):
    a = f["area_fraction"]
    return not any(b * 0.85 < a < b * 1.15 for b in (0.01, 0.05))


def q1_phrase(row, kind, v, other=None):
    """A claim phrase for the first user question."""
    r, p = row.rng, row.p
    if kind == "lat":
        if v in ("left", "right"):
            t = r.choice([f"on the patient's {v}", f"on the right side of the screen (so the patient's left)" if v == "left"
                          else "on the left of the screen (the patient's right)", f"{v}-sided", f"in the {v} {row.hemi()}"])
        elif v == "midline":
            t = r.choice(["in the midline", "centrally, across the midline"])
        else:
            t = r.choice(["on both sides", "on both the left and the right"])
        return t
    if kind == "vert":
        return {"anterior": r.choice(["toward the front", "anteriorly"]),
                "posterior": r.choice(["toward the back", "posteriorly"]),
                "superior": r.choice(["high up in the field", "superiorly"]),
                "inferior": r.choice(["low in the field", "inferiorly"]),
                "central": "about halfway " + ("front to back" if p["orient"] == "LP" else "up the field")}[v]
    return {"left_of": f"to the patient's left of the {other}", "right_of": f"to the patient's right of the {other}",
            "anterior_to": f"just in front of the {other}", "posterior_to": f"just behind the {other}",
            "superior_to": f"just above the {other}", "inferior_to": f"just below the {other}"}[v]


def join_claims(ph):
    if len(ph) == 1:
        return ph[0]
    return ", ".join(ph[:-1]) + " and " + ph[-1]


# ---------------------------------------------------------------------------------------------- build


def build(p, f, style, rng, defect):
    row = Row(p, f, style, rng)
    r = rng
    plural = p["plural"]
    it = "them" if plural else "it"
    lat = f["laterality"]
    rels = [(rr["relation"], rr["other"]) for rr in f["relations"] if rel_gap_ok(p, f, rr["relation"], rr["other"])]

    # which fact carries the defect, and where
    K = None
    if defect == "laterality":
        K = ("lat",)
    elif defect == "position":
        if rels and (r.random() < 0.5 or not vert_ok(f)):
            rel, oth = r.choice(rels)
            K = ("rel", rel, oth)
        else:
            K = ("vert",)
    elif defect == "size":
        K = ("size",)
    elif defect == "count":
        K = ("count",)
    loc = None
    if K:
        x = r.random()
        if K[0] in ("lat", "vert", "rel"):
            loc = "q1" if x < 0.38 else "user" if x < 0.54 else "fa" if x < 0.70 else "a1"
        else:
            loc = "user" if x < 0.2 else "fa" if x < 0.4 else "a1"

    def blocked(kind, rel=None, oth=None):
        """True when this fact may not be stated truthfully (it carries the defect)."""
        if not K:
            return False
        if K[0] == "rel":
            return kind == "rel" and oth == K[2]
        return kind == K[0]

    # ---------- first user question
    rounds = r.choice([2, 3, 3])
    row.turn = 0
    q1_claims = []
    want_q1 = loc == "q1" or r.random() < 0.55
    if want_q1:
        cand = []
        if not blocked("lat"):
            cand.append(("lat", lat))
        if not blocked("vert") and vert_ok(f):
            cand.append(("vert", f["vertical"]))
        for rel, oth in rels:
            if not blocked("rel", rel, oth):
                cand.append(("rel", rel, oth))
        r.shuffle(cand)
        take = cand[:r.choice([1, 1, 2])] if loc != "q1" else cand[:r.choice([0, 1])]
        for c in take:
            q1_claims.append((c, False))
        if loc == "q1":
            if K[0] == "lat":
                fv = {"left": "right", "right": "left", "midline": r.choice(["left", "right"]),
                      "bilateral": r.choice(["left", "right"])}[lat]
                q1_claims.insert(r.randrange(len(q1_claims) + 1), (("lat", fv), True))
            elif K[0] == "vert":
                v = f["vertical"]
                vals = ["anterior", "posterior"] if p["orient"] == "LP" else ["superior", "inferior"]
                fv = r.choice(vals) if v == "central" else OPP[v]
                q1_claims.insert(r.randrange(len(q1_claims) + 1), (("vert", fv), True))
            else:
                q1_claims.insert(r.randrange(len(q1_claims) + 1), (("rel", REL_OPP[K[1]], K[2]), True))
    phrases = []
    for c, _false in q1_claims:
        if c[0] == "rel":
            phrases.append(q1_phrase(row, "rel", c[1], c[2]))
        else:
            phrases.append(q1_phrase(row, c[0], c[1]))
    if defect == "names_target":
        ask = r.choice(p["named"])
    else:
        ask = r.choice(p["asks"])
    mod = p["mod"]
    plane = p["plane"]
    seg = r.choice([f"Please segment {it}.", f"Can you segment {it}?", f"Segment {it} for me, please.",
                    f"Outline {it} with a mask."])
    if defect == "names_target":
        seg = r.choice(["", f"I'd like a mask of {it}."])
    if phrases:
        cl = join_claims(phrases)
        if plural:
            lead = r.choice([f"On this {plane} {mod} slice the findings I mean are {cl}.",
                             f"I can see what I'm after {cl} on this {plane} {mod}.",
                             f"{mod}, {plane}: what I'm asking about sits {cl}."])
        else:
            lead = r.choice([f"On this {plane} {mod} slice the structure I mean is {cl}.",
                             f"There's something {cl} on this {plane} {mod}.",
                             f"{mod}, {plane}: the thing I'm asking about sits {cl}."])
        q1 = r.choice([f"{lead} {ask} {seg}", f"{ask} {lead} {seg}"])
    else:
        q1 = r.choice([f"{ask} {seg}", f"{plane.capitalize()} {mod} here. {ask} {seg}"])
    if style == "chatty_md" and r.random() < 0.4:
        q1 = "hi! " + q1
    q1 = " ".join(q1.split())
    for c, false in q1_claims:
        ph = phrases[q1_claims.index((c, false))]
        if c[0] == "rel":
            row.log("rel", c[1], ph, key=c[2])
        else:
            row.log(c[0], c[1], ph)
    turns = [{"role": "user", "content": q1}]

    # ---------- follow-up plan
    topic_of = {"lat": "side", "vert": "position", "rel": "neighbours", "size": "size", "count": "count"}
    k_topic = topic_of[K[0]] if K else None
    topics_all = ["side", "position", "size", "count", "neighbours", "summary"]
    if not rels:
        topics_all.remove("neighbours")
    if not vert_ok(f):
        topics_all.remove("position")
    avail = [t for t in topics_all if t != k_topic and not (K and K[0] == "rel" and t == "position")]
    r.shuffle(avail)
    fu = avail[:rounds - 1]
    fa_idx = user_idx = None
    if loc == "fa":
        fa_idx = r.randrange(rounds - 1)
        fu[fa_idx] = k_topic
    if loc == "user":
        user_idx = r.randrange(rounds - 1)
    correct_idx = None
    if not defect or defect == "names_target":
        if r.random() < 0.35:
            correct_idx = r.randrange(rounds - 1)

    # ---------- first answer
    row.turn = 1
    said = set()
    name = p["name"]
    sents = []
    if style == "terse":
        sents.append(r.choice([f"{name[0].upper() + name[1:]} [SEG].", f"Segmented: {name} [SEG].",
                               f"Target = {name.replace('the ', '', 1)} [SEG]."]))
    elif style == "chatty_md":
        sents.append(r.choice(["## Found it!\n\n", "### Segmentation\n\n", "Sure thing!\n\n"]) +
                     f"{'Those are' if plural else 'That is'} **{name}** [SEG]. {p['func']}\n")
    else:
        opener = r.choice(["Good question.", "Sure.", "Let's work it out.", ""])
        sents.append(f"{opener} {'These are' if plural else 'This is'} {name} [SEG]. {p['func']}".strip())
    claim_fns = []
    if loc == "a1":
        claim_fns.append(("K", None))
    pool = []
    if not blocked("lat"):
        pool.append("lat")
    if not blocked("vert") and vert_ok(f):
        pool.append("vert")
    if not blocked("size"):
        pool.append("size")
    if not blocked("count"):
        pool.append("count")
    rel_pool = [(rel, oth) for rel, oth in rels if not blocked("rel", rel, oth)]
    if rel_pool:
        pool.append("rel")
    r.shuffle(pool)
    for c in pool[:r.choice([2, 3, 3, 4])]:
        claim_fns.append((c, None))
    r.shuffle(claim_fns)

    def render(c):
        if c == "K":
            return render_false()
        if c == "lat":
            said.add("lat")
            return row.lat(lat)
        if c == "vert":
            said.add("vert")
            return row.vert(f["vertical"])
        if c == "size":
            said.add("size")
            return row.size_true()
        if c == "count":
            said.add("count")
            return row.count(f["components"])
        if c == "rel":
            rel, oth = r.choice(rel_pool)
            said.add(("rel", oth))
            return row.rel(rel, oth)
        raise ValueError(c)

    def render_false():
        if K[0] == "lat":
            return row.lat_false()
        if K[0] == "vert":
            return row.vert_false()
        if K[0] == "rel":
            return row.rel(REL_OPP[K[1]], K[2], truthy=False)
        if K[0] == "size":
            return row.size_false()
        return row.count_false()

    body = [render(c) for c, _ in claim_fns]
    # traps: convention, knowledge
    conv = r.choice(CONVENTION_T if style == "terse" else conv_pool(p))
    kp = know_pool(p)
    kn = r.sample(kp, min(len(kp), r.choice([1, 2])))
    if style == "chatty_md":
        bullets = [b if b.startswith("- ") else "- " + b for b in body]
        text = sents[0] + "\n" + "\n".join(bullets) + f"\n\n> **Heads-up:** {conv}\n\n**Fun fact:** {kn[0]}"
        if len(kn) > 1:
            text += f" Also, {kn[1][0].lower() + kn[1][1:]}"
    elif style == "terse":
        text = " ".join([sents[0]] + body + [conv] + ["Incidental teaching: " + kn[0]])
    else:
        mid = body[:]
        mid.insert(r.randrange(len(mid) + 1), conv)
        if "lat" in said and lat in ("left", "right") and r.random() < 0.35:
            o = OPP[lat]
            mid.append(r.choice([
                f"Had it been on the patient's {o}, the display would have shown it on the screen's {IMG[o]} instead.",
                f"A {o}-sided structure would appear on the image's {IMG[o]}; that is not what we see here.",
                f"If you flipped the image to neurological convention, it would appear on the {lat} of the screen instead."]))
        extra = r.choice(["For orientation, ", "As an aside, ", "Worth knowing: ", ""])
        kt = " ".join(kn)
        text = " ".join([sents[0]] + mid + [extra + kt[0].lower() + kt[1:] if extra else kt])
    if style == "words":
        text = words_digits(text)
    turns.append({"role": "assistant", "content": text})

    # ---------- follow-ups
    other_name = rels[0][1] if rels else None
    for j, topic in enumerate(fu):
        row.turn = len(turns)
        premise = ""
        if user_idx == j:
            premise = user_premise(row, K)
        corr = None
        if correct_idx == j:
            corr = misconception(row, topic)
        q = cap1(followup_q(row, topic, rels, K))
        if corr:
            uq, fix = corr
            q = uq
        elif premise:
            q = premise + " " + (q if premise.endswith(".") else q[0].lower() + q[1:])
        turns.append({"role": "user", "content": q})
        row.turn = len(turns)
        if j == fa_idx:
            ans = answer(row, topic, rels, K, said, false=render_false)
        else:
            ans = answer(row, topic, rels, K, said)
        if corr:
            ans = fix + ("\n" if style == "chatty_md" else " ") + ans
        if style == "words":
            ans = words_digits(ans)
        turns.append({"role": "assistant", "content": ans})

    expected = [] if defect is None else [defect]
    LEDGER.append({"ledger": row.ledger, "K": K, "loc": loc, "turns": turns})
    return turns, expected


def user_premise(row, K):
    r, p, f = row.rng, row.p, row.f
    if K[0] == "lat":
        v = f["laterality"]
        fv = {"left": "right", "right": "left", "midline": r.choice(["left", "right"]),
              "bilateral": r.choice(["left", "right"])}[v]
        t = r.choice([f"Since it's on the patient's {fv},", f"Given it's {fv}-sided,",
                      f"OK, so it's on the {fv} then."])
        row.log("lat", fv, t)
    elif K[0] == "vert":
        v = f["vertical"]
        vals = ["anterior", "posterior"] if p["orient"] == "LP" else ["superior", "inferior"]
        fv = r.choice(vals) if v == "central" else OPP[v]
        t = r.choice([f"Since it sits {fv}ly,", f"Given that it's {fv},"])
        t = t.replace("anteriorly", "anteriorly").replace("centrally", "centrally")
        row.log("vert", fv, t)
    elif K[0] == "rel":
        fr = REL_OPP[K[1]]
        t = "Since it lies " + q1_phrase(row, "rel", fr, K[2]) + ","
        row.log("rel", fr, t, key=K[2])
    elif K[0] == "size":
        c = f["size_class"]
        fc = r.choice([x for x in ("small", "medium", "large") if x != c])
        word = {"small": "tiny", "medium": "medium-sized", "large": "big"}[fc]
        t = r.choice([f"It's {word}, I guess, so", f"Given how {word} it is,"]) if fc != "medium" else \
            "Since it's medium-sized,"
        row.log("size_class", fc, t)
    else:
        n = f["components"]
        fn = r.choice([2, 3]) if n == 1 else (r.choice([n - 1, n + 1]) if n > 2 else 3)
        t = f"With those {cnt(fn, row.style)} separate pieces," if fn > 1 else "Since it's all one single piece,"
        row.log("count", fn, t)
    return t


def followup_q(row, topic, rels, K):
    r = row.rng
    st = row.style
    if topic == "side":
        return r.choice(["which side is it on? The patient's side, I mean, not the screen's.", "Left or right?",
                         "Which side of the patient is that?"])
    if topic == "position":
        if row.p["orient"] == "LP":
            return r.choice(["is it more toward the front or the back?", "Anterior or posterior?",
                             "How deep is it, front to back?"])
        return r.choice(["is it high or low in the field?", "Superior or inferior?"])
    if topic == "size":
        return r.choice(["how big is it relative to the slice?", "What's the size?",
                         "Roughly what share of the image does it take up?"])
    if topic == "count":
        return r.choice(["is it one piece or several?", "How many separate regions are there?",
                         "Any separate islands in the mask?"])
    if topic == "neighbours":
        oth = [o for rel, o in rels if not (K and K[0] == "rel" and o == K[2])]
        if not oth:
            return "what does it sit next to?"
        return r.choice([f"how does it relate to the {oth[0]}?", f"Where is it relative to the {oth[0]}?"])
    return r.choice(["can you sum it up in one line?", "Quick summary?", "Give me a one-line summary for the report."])


def punct(t):
    return t if t.endswith((".", "!", "?", ".)")) else t + "."


def cap1(s):
    return s[0].upper() + s[1:] if s else s


def misconception(row, topic):
    """A false user idea that the assistant explicitly corrects (clean rows only)."""
    r, f, p = row.rng, row.f, row.p
    lat = f["laterality"]
    if topic == "side" and lat in ("left", "right"):
        img = IMG[lat]
        u = f"It's on the {img} of the screen, so it's on the patient's {img}, isn't it?"
        row.log("lat", img, u, note="corrected")
        fix = r.choice([f"No, careful: the screen's {img} is the patient's {lat}, so it is {lat}-sided.",
                        f"Not quite. Radiological convention mirrors the display, so image {img} means patient {lat}."])
        row.turn += 1
        row.log("lat", lat, fix)
        return u, fix
    if topic == "size" and size_ok(f):
        c = f["size_class"]
        fc = "large" if c != "large" else "small"
        u = f"So it's basically a {fc} thing on this slice?"
        row.log("size_class", fc, u, note="corrected")
        fix = f"No, I'd call it {c}, not {fc}."
        row.turn += 1
        row.log("size_class", c, fix)
        row.log("size_not", [fc], fix)
        return u, fix
    if topic == "count":
        n = f["components"]
        fn = 1 if n > 1 else 2
        u = "So that's all one piece?" if fn == 1 else "So there are two separate pieces?"
        row.log("count", fn, u, note="corrected")
        fix = (f"No, it's {cnt(n, row.style)} separate pieces, not one." if n > 1 else
               "No, it's a single connected region; there's no second piece.")
        row.turn += 1
        row.log("count", n, fix)
        return u, fix
    return None


def answer(row, topic, rels, K, said, false=None):
    r, f, st = row.rng, row.f, row.style
    if false is not None:
        return false()
    def blockedK(kind, oth=None):
        if not K:
            return False
        if K[0] == "rel":
            return kind == "rel" and oth == K[2]
        return kind == K[0]
    parts = []
    if topic == "side":
        parts.append(row.lat(f["laterality"]))
        if r.random() < 0.5:
            parts.append(r.choice(CONVENTION_T if st == "terse" else conv_pool(row.p)))
    elif topic == "position":
        parts.append(row.vert(f["vertical"]))
        if r.random() < 0.5:
            parts.append("On an axial image the top of the picture is the front of the patient." if row.p["orient"] == "LP"
                         else "On a coronal image the top of the picture is the head end.")
    elif topic == "size":
        parts.append(row.size_true())
        if r.random() < 0.5:
            parts.append(r.choice(["A structure covering over 5% of a slice would count as large by the usual convention.",
                                   "Anything under 1% of the slice is usually called small.",
                                   "Most solid organs look large on the slice through their widest part."]))
    elif topic == "count":
        parts.append(row.count(f["components"]))
    elif topic == "neighbours":
        ok = [(rel, o) for rel, o in rels if not blockedK("rel", o)]
        if ok:
            rel, o = ok[0]
            parts.append(row.rel(rel, o))
            if len(ok) > 1 and r.random() < 0.5:
                parts.append(row.rel(*ok[1]))
        kp = know_pool(row.p)
        if kp and r.random() < 0.7:
            parts.append(r.choice(kp))
    else:  # summary
        bits = []
        if not blockedK("lat"):
            bits.append(row.lat(f["laterality"], truthy=False))
        if not blockedK("size"):
            bits.append(row.size_true())
        if not blockedK("count") and r.random() < 0.6:
            bits.append(row.count(f["components"], truthy=False))
        parts += bits
    if not parts:
        parts.append(row.size_true() if not blockedK("size") else row.count(f["components"]))
    if st == "chatty_md":
        return "\n".join(parts)
    return " ".join(parts)
