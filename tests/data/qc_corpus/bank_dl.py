"""Bank DL: four reviewer registers over abdomen, pelvis, thorax, head and neck, brain, limbs and lesions.

Targets: liver, spleen, kidneys (bilateral), left kidney, aorta, pancreas, urinary bladder, prostate, femoral
heads (bilateral), lungs on a chest film (bilateral), heart on a chest film, right lung, esophagus, thyroid
lobes (bilateral), parotid glands (bilateral), brain tumor, lateral ventricles (bilateral), brain metastases
(several pieces), left hippocampus, left femur, right tibia, liver tumor, kidney tumor, lung nodules (several
pieces), polyp (endoscopy photo), skin lesion (dermoscopy photo).
Registers (STYLES): "radiologist" (terse report lines, abbreviations, fragments, Impression:), "tutor" (patient
teacher: the why, analogies, a check question answered), "markdown" (chatty assistant: headings, bullets, bold,
tables), "wordnums" (every number spelled out: percentages, counts, fractions).
Every row carries true negations, display-convention sentences, knowledge sentences about OTHER structures with
side/position/size words, population percentages, hedges and user premises (true ones, and in clean rows false
ones the assistant explicitly corrects).

Written without reading QC.

Own check (/work/notes/qcdl_scripts/check_dl.py, a ledger of every claim sentence written by `build`):
rows: 420 clean: 210 defects: 210 (laterality 42, position 42, size 42, count 42, names_target 42) problems: 0
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["radiologist", "tutor", "markdown", "wordnums"]

LEDGER: list[dict] = []  # one entry per build call: every claim sentence written, for the writer's own check


def _p(target, modality, region, orient, ellipses, others, names, forbid, questions, know, traps, **kw):
    d = dict(target=target, modality=modality, region=region, orient=orient, ellipses=ellipses, others=others,
             names=names, forbid=forbid, questions=questions, know=know, traps=traps)
    d.update(kw)
    return d


PROFILES = [
    _p("liver", "CT", "abdomen", "LP", [(80, 110, 50, 45)],
       {"stomach": (0.66, 0.42), "aorta": (0.53, 0.6), "right kidney": (0.33, 0.7)},
       ["liver", "hepatic parenchyma", "the liver"], ["liver", "hepat", "hepar"],
       ["Which organ on this slice makes bile and clears ammonia? Segment it for me.",
        "The patient has jaundice and raised transaminases. Outline the organ that is usually blamed first.",
        "Can you mask the biggest solid organ in the upper abdomen, the one that stores glycogen?"],
       ["It makes bile, stores glycogen and handles most drug metabolism.",
        "Its blood comes from two sources, the portal vein and the hepatic artery."],
       ["The spleen normally sits high on the left, tucked under the left hemidiaphragm.",
        "The left renal vein crosses in front of the aorta on its way to the IVC.",
        "Riedel's lobe, a tongue-like downward extension, is described in roughly 15% of adults."]),
    _p("spleen", "CT", "abdomen", "LP", [(186, 150, 22, 30)],
       {"stomach": (0.62, 0.42), "aorta": (0.52, 0.6), "left kidney": (0.68, 0.72)},
       ["spleen", "splenic tissue"], ["spleen", "splen", "lien"],
       ["Which organ filters old red cells and often ruptures after rib fractures on the left? Segment it.",
        "Patient with mononucleosis, advised to avoid contact sports. Please mask the organ we worry about.",
        "Outline the lymphoid organ that removes encapsulated bacteria from the blood."],
       ["It filters ageing red cells and mounts immune responses to encapsulated bacteria."],
       ["Accessory spleens (splenules) turn up in about 10% to 30% of people.",
        "The right kidney usually sits a little lower than the left because the liver pushes it down.",
        "The tail of the pancreas reaches toward the hilum on the left side."]),
    _p("kidneys", "CT", "abdomen", "LP", [(86, 160, 16, 22), (170, 160, 16, 22)],
       {"aorta": (0.51, 0.58), "liver": (0.3, 0.4)},
       ["kidneys", "both kidneys", "renal parenchyma"], ["kidney", "renal", "nephr", "ren "],
       ["Which paired organs filter the blood and make urine? Please segment them.",
        "Creatinine is climbing. Mask the organs that produce urine on this slice.",
        "Segment the bean-shaped organs that secrete erythropoietin and renin."],
       ["They filter about 180 litres of plasma a day and keep salt and water in balance."],
       ["The aorta runs just left of the midline in front of the spine.",
        "The IVC lies to the right of the aorta.",
        "A horseshoe fusion of the lower poles is seen in about 1 in 500 people."], ),
    _p("left kidney", "CT", "abdomen", "LP", [(172, 165, 17, 23)],
       {"aorta": (0.51, 0.58), "spleen": (0.74, 0.5), "liver": (0.3, 0.4)},
       ["left kidney", "left renal parenchyma"], ["kidney", "renal", "nephr"],
       ["This patient has flank pain on the side opposite the liver. Segment the urine-making organ on that side.",
        "Outline the bean-shaped organ below the spleen that makes urine.",
        "Which retroperitoneal organ next to the spleen filters blood? Mask it please."],
       ["It filters the blood, makes urine and secretes renin and erythropoietin."],
       ["The right adrenal sits behind the IVC, the left one beside the aorta.",
        "The left renal vein is longer than the right and passes in front of the aorta.",
        "A duplex collecting system is found in about 1% of people."]),
    _p("aorta", "CT", "abdomen", "LP", [(129, 150, 9, 9)],
       {"vertebral body": (0.5, 0.72), "inferior vena cava": (0.41, 0.57), "liver": (0.3, 0.4)},
       ["aorta", "abdominal aorta", "aortic lumen"], ["aort"],
       ["Which large vessel carries blood from the heart to the legs here? Segment it.",
        "Screening for an aneurysm in a 70-year-old smoker: mask the vessel we measure.",
        "Please outline the main arterial trunk that gives off the coeliac axis and the SMA."],
       ["It carries oxygenated blood from the heart and gives off the coeliac trunk, SMA and renal arteries."],
       ["The IVC runs on the right side of the spine, fed by the right-sided hepatic veins.",
        "An abdominal aneurysm is usually called once the diameter passes 3 cm; about 5% of older men have one.",
        "The left renal vein crosses in front of it, between it and the SMA."]),
    _p("pancreas", "CT", "abdomen", "LP", [(140, 124, 40, 9)],
       {"spleen": (0.8, 0.5), "liver": (0.28, 0.4), "vertebral body": (0.5, 0.75)},
       ["pancreas", "pancreatic gland"], ["pancrea"],
       ["Lipase is 2,000 and the patient has epigastric pain going through to the back. Segment the culprit organ.",
        "Which gland makes insulin and digestive enzymes? Outline it.",
        "Mask the retroperitoneal gland whose head sits in the duodenal C-loop."],
       ["It is both an exocrine gland, making digestive enzymes, and an endocrine one, making insulin."],
       ["The splenic vein runs from the left upper quadrant toward the portal confluence.",
        "The duodenal C-loop sits on the right side of the upper abdomen.",
        "Pancreas divisum, a failure of duct fusion, is found in about 7% of people."]),
    _p("urinary bladder", "CT", "pelvis", "LP", [(128, 140, 30, 24)],
       {"rectum": (0.5, 0.78), "left femoral head": (0.77, 0.52), "right femoral head": (0.23, 0.52)},
       ["urinary bladder", "bladder"], ["bladder", "vesic", "cyst"],
       ["Which hollow organ stores urine in the pelvis? Please segment it.",
        "Patient in retention after surgery. Outline the organ we'd catheterise.",
        "Mask the muscular reservoir that sits behind the pubic symphysis."],
       ["It stores urine, and its detrusor muscle empties it on command."],
       ["The rectum runs down the back of the pelvis, in front of the sacrum.",
        "The right ureter enters at the posterolateral wall, like the left one.",
        "About 10% of post-void residual volumes in older men exceed 100 mL."]),
    _p("prostate", "MR", "pelvis", "LP", [(128, 165, 14, 12)],
       {"rectum": (0.5, 0.82), "pubic symphysis": (0.5, 0.35)},
       ["prostate", "prostate gland"], ["prostat"],
       ["PSA is 9.4 in a 66-year-old. Segment the gland we biopsy.",
        "Which walnut-sized gland sits below the bladder and surrounds the urethra in men? Outline it.",
        "Mask the gland whose peripheral zone is felt on rectal exam."],
       ["It adds fluid to semen and wraps around the first part of the urethra."],
       ["The seminal vesicles are paired, one on each side of the midline.",
        "The levator ani forms a sling on both sides of the pelvic floor.",
        "About 70% of cancers arise in the peripheral zone."]),
    _p("femoral heads", "CT", "pelvis", "LP", [(58, 130, 18, 18), (198, 130, 18, 18)],
       {"urinary bladder": (0.5, 0.5), "rectum": (0.5, 0.72)},
       ["femoral heads", "both femoral heads", "heads of the femurs"], ["femor", "femur", "hip"],
       ["Which ball-shaped bones sit in the acetabula? Segment them.",
        "Long-term steroid user with groin pain: mask the bone ends that get avascular necrosis.",
        "Please outline the proximal ends of the thigh bones that form the ball of the ball-and-socket joints."],
       ["They carry the body's weight into the legs and get their blood mostly from the medial circumflex artery."],
       ["The bladder sits in the midline, in front of the rectum.",
        "The sciatic nerve leaves the pelvis below the piriformis muscle.",
        "Avascular necrosis involves both sides in about half of patients."]),
    _p("lungs", "XR", "chest", "LI", [(75, 120, 40, 75), (181, 120, 38, 72)],
       {"heart": (0.56, 0.62), "diaphragm": (0.5, 0.85)},
       ["lungs", "both lungs", "lung fields"], ["lung", "pulmon", "pneum"],
       ["Which paired organs do gas exchange? Please segment them on this film.",
        "The patient is short of breath. Outline the aerated fields on this chest film.",
        "Mask the spongy organs either side of the mediastinum."],
       ["They exchange oxygen and carbon dioxide across about 70 square metres of alveolar surface."],
       ["The right hemidiaphragm is usually a little higher than the left because of the liver below it.",
        "The heart's apex points to the left, and the aortic knuckle sits on the left at the top of the mediastinum.",
        "The right main bronchus is wider and more vertical, which is why aspirated objects go right in about 60% of cases."]),
    _p("heart", "XR", "chest", "LI", [(148, 150, 45, 38)],
       {"diaphragm": (0.5, 0.85), "trachea": (0.5, 0.25)},
       ["heart", "cardiac silhouette"], ["heart", "cardi", "coron"],
       ["Which organ pumps blood and makes up most of the mediastinal shadow? Segment it.",
        "Check for an enlarged silhouette: outline the pump in the middle of this film.",
        "Mask the muscular organ whose width we compare with the chest width."],
       ["It is a four-chambered pump; on a frontal film we compare its width with the chest's."],
       ["The trachea runs down the middle at the top of the film and splits into two main bronchi.",
        "The stomach bubble normally sits under the left hemidiaphragm.",
        "A ratio above 0.5 on a PA film is the usual cut-off, reached by about 10% of adult outpatients."]),
    _p("right lung", "CT", "thorax", "LP", [(76, 122, 42, 62)],
       {"heart": (0.56, 0.45), "aorta": (0.58, 0.62), "vertebral body": (0.5, 0.8)},
       ["right lung", "right lung parenchyma"], ["lung", "pulmon", "pneum"],
       ["Which of the gas-exchanging organs has three lobes? Please segment that one.",
        "Pleural effusion suspected on the side of the liver. Outline the air-filled organ on that side.",
        "Mask the organ on the side with the horizontal fissure."],
       ["It has three lobes separated by the oblique and horizontal fissures."],
       ["The left lung has only two lobes and a cardiac notch.",
        "The descending aorta runs on the left side of the spine.",
        "The azygos lobe, an anatomical variant, is seen in about 0.5% of chest CTs."]),
    _p("esophagus", "CT", "thorax", "LP", [(131, 150, 7, 7)],
       {"trachea": (0.5, 0.45), "aorta": (0.58, 0.62), "heart": (0.55, 0.35)},
       ["esophagus", "oesophagus", "esophageal lumen"], ["esophag", "oesophag", "gullet"],
       ["Which muscular tube carries food from the throat to the stomach? Segment it on this slice.",
        "Dysphagia to solids in a 60-year-old: outline the tube that swallowed food passes through.",
        "Mask the structure that runs behind the trachea and left atrium and carries swallowed food."],
       ["It carries swallowed food by peristalsis and has upper and lower sphincters."],
       ["The descending aorta lies on the left, posterior side of the mediastinum.",
        "The azygos vein arches over the right main bronchus.",
        "Barrett's change is found in roughly 1% to 2% of adults."]),
    _p("thyroid", "CT", "head and neck", "LP", [(100, 120, 12, 20), (156, 120, 12, 20)],
       {"trachea": (0.5, 0.5), "spine": (0.5, 0.78)},
       ["thyroid", "thyroid lobes", "thyroid gland"], ["thyro", "goit"],
       ["Which butterfly-shaped gland makes T4? Please segment its lobes.",
        "Patient with palpitations and weight loss, TSH suppressed. Outline the gland responsible.",
        "Mask the endocrine gland either side of the trachea below the larynx."],
       ["It makes T4 and T3, which set the body's metabolic rate."],
       ["The recurrent laryngeal nerves run in the grooves beside the trachea, the left one looping under the aortic arch.",
        "The carotid arteries run up each side of the neck inside the carotid sheaths.",
        "Nodules are found on ultrasound in up to 60% of adults, most of them benign."]),
    _p("parotid glands", "CT", "head and neck", "LP", [(60, 140, 16, 22), (196, 140, 16, 22)],
       {"mandible": (0.5, 0.4), "spine": (0.5, 0.7)},
       ["parotid glands", "both parotids"], ["parotid", "parotis"],
       ["Which salivary glands are the largest and sit in front of the ears? Segment them.",
        "Mumps is suspected. Please outline the glands that swell.",
        "Mask the salivary glands that the facial nerve runs through."],
       ["They make serous saliva, drained through Stensen's duct into the mouth near the upper second molar."],
       ["The facial nerve splits into its branches inside each gland.",
        "The retromandibular vein runs through the gland behind the ramus.",
        "About 80% of salivary gland tumours arise here, and about 80% of those are benign."]),
    _p("brain tumor", "MR", "brain", "LP", [(90, 110, 25, 20)],
       {"lateral ventricles": (0.5, 0.47), "falx": (0.5, 0.5)},
       ["brain tumor", "brain tumour", "tumour"], ["tumor", "tumour", "glioma", "neoplasm", "cancer"],
       ["New seizures and a FLAIR abnormality. Segment the enhancing lesion.",
        "Please outline the abnormality causing this patient's headaches and weakness.",
        "Mask the space-occupying abnormality on this post-contrast slice."],
       ["Masses here cause symptoms through mass effect and oedema as well as by infiltration."],
       ["The motor cortex on one side drives the opposite side of the body.",
        "The lateral ventricles are paired, one in each hemisphere, joined near the midline.",
        "Glioblastoma makes up about 15% of all primary brain tumours."]),
    _p("lateral ventricles", "MR", "brain", "LP", [(106, 120, 8, 25), (150, 120, 8, 25)],
       {"falx": (0.5, 0.5), "third ventricle": (0.5, 0.58)},
       ["lateral ventricles", "both lateral ventricles", "ventricular system"], ["ventric"],
       ["Which CSF-filled spaces sit either side of the septum pellucidum? Segment them.",
        "Query hydrocephalus: outline the paired fluid cavities we measure.",
        "Mask the paired cavities containing the choroid plexus in each hemisphere."],
       ["They hold CSF, made by the choroid plexus, which drains through the foramina of Monro."],
       ["The septum pellucidum is a thin midline sheet that separates them.",
        "Mild asymmetry, with the left one slightly larger, is seen in about 5% to 12% of normal people.",
        "The caudate nucleus bulges into each of them from the lateral side."]),
    _p("brain metastases", "MR", "brain", "LP", [(80, 95, 9, 9), (170, 120, 7, 7), (120, 180, 8, 8)],
       {"falx": (0.5, 0.5)},
       ["brain metastases", "metastatic deposits", "metastases"], ["metasta", "mets", "secondar"],
       ["Patient with known lung cancer and new confusion. Segment all the enhancing lesions.",
        "Please outline each ring-enhancing focus on this post-gadolinium slice.",
        "Mask every enhancing nodule so we can plan radiosurgery."],
       ["They sit typically at the grey-white junction, where vessels narrow."],
       ["The falx separates the two hemispheres in the midline.",
        "About 80% of such deposits land in the cerebral hemispheres, 15% in the cerebellum.",
        "The left hemisphere is dominant for language in over 90% of right-handers."]),
    _p("left hippocampus", "MR", "brain", "LP", [(160, 150, 8, 14)],
       {"brainstem": (0.5, 0.6), "falx": (0.5, 0.45)},
       ["left hippocampus", "left hippocampal formation"], ["hippocamp", "ammon", "mesial temporal"],
       ["Which curved grey-matter structure in the temporal lobe forms new memories? Segment the one on the left.",
        "Temporal lobe epilepsy workup: outline the seahorse-shaped structure on the patient's left.",
        "Mask the memory structure along the floor of the left temporal horn."],
       ["It consolidates new memories and is often the first structure to shrink in Alzheimer's disease."],
       ["The brainstem sits in the midline of the posterior fossa.",
        "Right-sided sclerosis is about as common as left-sided in epilepsy series.",
        "The temporal horn of the lateral ventricle is usually slit-like in young adults."]),
    _p("left femur", "CT", "lower limb", "LP", [(182, 128, 14, 14)],
       {"right femur": (0.29, 0.5), "femoral artery": (0.69, 0.42)},
       ["left femur", "left femoral shaft"], ["femur", "femor", "thigh bone"],
       ["Both thighs are in view. Segment the long bone of the thigh on the patient's left.",
        "Fall on the left side, query shaft fracture. Outline the long bone between hip and knee on that side.",
        "Mask the strongest bone of the body, only the patient's left one."],
       ["It is the longest and strongest bone, carrying weight from the hip to the knee."],
       ["The superficial femoral artery runs through the adductor canal on the inner side of the thigh.",
        "The sciatic nerve runs down the posterior compartment of the thigh.",
        "Shaft fractures need high energy in about 75% of adult cases."]),
    _p("right tibia", "CT", "lower limb", "LP", [(76, 120, 12, 13)],
       {"left tibia": (0.7, 0.47), "right fibula": (0.21, 0.55)},
       ["right tibia", "right tibial shaft"], ["tibia", "tibial", "shin"],
       ["Both legs in view. Segment the main weight-bearing bone of the right lower leg.",
        "Runner with focal pain on the right, stress fracture suspected. Outline the larger bone of the leg.",
        "Mask the bigger of the two lower-leg bones on the patient's right."],
       ["It carries most of the weight; the fibula beside it mainly anchors muscles."],
       ["The fibula is the thinner bone on the outer side of each leg.",
        "The anterior tibial artery runs in the front compartment.",
        "Stress fractures here make up about 50% of all stress fractures in runners."]),
    _p("liver tumor", "CT", "abdomen", "LP", [(84, 100, 14, 12)],
       {"gallbladder": (0.36, 0.48), "aorta": (0.53, 0.6), "stomach": (0.66, 0.42)},
       ["liver tumor", "hepatic lesion", "liver mass"], ["liver", "hepat", "hcc", "hepato"],
       ["Cirrhotic patient with a rising AFP. Segment the arterially enhancing lesion.",
        "Please outline the focal abnormality seen on this arterial-phase slice.",
        "Mask the washout lesion for LI-RADS scoring."],
       ["Lesions like this are graded by arterial enhancement, washout and capsule."],
       ["The gallbladder sits in a fossa on the underside, toward the right.",
        "The stomach lies on the left, in front of the pancreas.",
        "About 80% to 90% of such cancers arise in a cirrhotic background."]),
    _p("kidney tumor", "CT", "abdomen", "LP", [(176, 165, 10, 10)],
       {"aorta": (0.51, 0.58), "spleen": (0.74, 0.5)},
       ["kidney tumor", "renal mass", "renal lesion"], ["kidney", "renal", "nephr", "rcc"],
       ["Incidental solid enhancing finding in the retroperitoneum. Segment it.",
        "Haematuria and flank pain. Outline the enhancing lesion on this slice.",
        "Mask the solid lesion for Bosniak-style assessment."],
       ["Solid enhancing lesions here are treated as cancer until proven otherwise."],
       ["The left renal vein crosses in front of the aorta.",
        "The right adrenal lies behind the IVC.",
        "About 5% of these cancers are found on both sides."]),
    _p("lung nodules", "CT", "thorax", "LP", [(70, 100, 6, 6), (90, 160, 5, 5), (185, 110, 6, 6)],
       {"heart": (0.56, 0.45), "vertebral body": (0.5, 0.8)},
       ["lung nodules", "pulmonary nodules", "nodules"], ["lung", "pulmon", "nodul"],
       ["Follow-up of a smoker: segment every solid focus in the parenchyma.",
        "Please outline all the round opacities on this slice.",
        "Mask each of the small rounded densities for Fleischner follow-up."],
       ["Solid lesions under 6 mm in low-risk people usually need no routine follow-up."],
       ["The heart leans to the left, so the left lung has a cardiac notch.",
        "The right middle lobe sits in front of the right lower lobe.",
        "About 95% of incidental lesions under 1 cm are benign."]),
    _p("polyp", "endoscopy", "colon", None, [(150, 180, 30, 25)], {},
       ["polyp", "colonic polyp", "polypoid lesion"], ["polyp", "adenom"],
       ["Screening colonoscopy. Segment the raised lesion in this frame.",
        "Please outline the growth protruding from the mucosa here.",
        "Mask the pedunculated-looking lump we'd snare."],
       ["Most of these are adenomas; removing them lowers cancer risk."],
       ["The caecum sits at the lower right of the abdomen, at the start of the colon.",
        "The sigmoid colon lies on the left in the pelvis.",
        "Adenomas are found in about 25% to 30% of screening colonoscopies."]),
    _p("skin lesion", "dermoscopy", "skin", None, [(128, 122, 58, 48)], {},
       ["skin lesion", "pigmented lesion", "lesion"], ["lesion", "mole", "nev", "naev", "melan"],
       ["Dermoscopy of a changing spot on the back. Segment it.",
        "Please outline the pigmented area in this photo.",
        "Mask the dark spot so we can measure its border irregularity."],
       ["Asymmetry, border, colour, diameter and evolution guide the assessment."],
       ["Melanomas on the legs are more common in women, on the back more common in men.",
        "Acral lesions sit on the palms and soles.",
        "About 30% of melanomas arise in a pre-existing mole."]),
]


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
    for cx, cy, rx, ry in p["ellipses"]:
        s = rng.uniform(0.93, 1.07)
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(m, p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [q for q in profiles if q["orient"] is not None]
    return rng.choice(pool)


# ---------------------------------------------------------------------------------------------- numbers

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
        10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth",
        16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth"}


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + words(n % 100))
    return words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + words(n % 1000))


def pct_value(frac: float) -> float:
    p = 100 * frac
    return round(p, 2) if p < 1 else round(p, 1) if p < 10 else float(round(p))


def pct_str(p: float, style: str) -> str:
    if style != "wordnums":
        s = f"{p:g}"
        return s + "%"
    whole = int(p)
    dec = f"{p:g}".split(".")[1] if "." in f"{p:g}" else ""
    out = words(whole)
    if dec:
        out += " point " + " ".join(_ONES[int(c)] for c in dec)
    return out + " percent"


def count_str(n: int, style: str) -> str:
    return words(n) if style == "wordnums" else str(n)


# ---------------------------------------------------------------------------------------------- phrases

IMG = {"left": "right", "right": "left"}
VWORD = {"anterior": "front", "posterior": "back", "superior": "top", "inferior": "bottom",
         "upper": "upper half", "lower": "lower half"}


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.claims: list[dict] = []
        self.turn = 0
        self.o = p["orient"]

    def log(self, kind, value, text, truth, role="assistant", corrected=False):
        self.claims.append(dict(turn=self.turn, role=role, kind=kind, value=value, text=text, truth=truth,
                                corrected=corrected))
        return text

    def ch(self, xs):
        return self.rng.choice(xs)

    # ---- laterality (value: left/right/midline/bilateral)
    def lat(self, v, truth=True):
        st, o = self.style, self.o
        view = "frontal film" if self.p["modality"] == "XR" else ("coronal image" if o == "LI" else "axial slice")
        if st == "radiologist":
            opts = {"left": ["Lt-sided.", "Laterality: L.", "Located pt's left (image right)."],
                    "right": ["Rt-sided.", "Laterality: R.", "Located pt's right (image left)."],
                    "midline": ["Midline.", "Laterality: midline, straddles centre line."],
                    "bilateral": ["Bilat.", "Laterality: bilateral, both sides involved."]}[v]
        elif st == "tutor":
            if v in IMG:
                opts = [f"It lies on the patient's {v}. Why does it appear on the {IMG[v]} of the screen? Because a "
                        f"{view} is displayed as if you face the patient, so their {v} lands on your {IMG[v]}.",
                        f"This is the patient's {v}-sided one; think of shaking hands with someone facing you - "
                        f"their {v} hand is across from your {IMG[v]}, which is exactly why it shows on the image's {IMG[v]}."]
            elif v == "midline":
                opts = ["It sits right in the midline, straddling the centre line the way a spine does.",
                        "It is a midline structure here: it crosses the centre line rather than favouring a side."]
            else:
                opts = ["It is bilateral: there is a part on the patient's left and another on the patient's right.",
                        "It's on both sides - one piece in each half of the body, like a pair of ears."]
        elif st == "markdown":
            if v in IMG:
                opts = [f"- **Side:** patient's {v} (shown on the image's {IMG[v]})",
                        f"- **Laterality:** {v} side of the patient"]
            elif v == "midline":
                opts = ["- **Laterality:** midline", "- **Side:** midline, straddling the centre"]
            else:
                opts = ["- **Laterality:** bilateral, one part on each side", "- **Side:** both sides (bilateral)"]
        else:
            if v in IMG:
                opts = [f"It is on the patient's {v} side, which on this {view} is the {IMG[v]} half of the picture.",
                        f"The mask sits on the patient's {v}."]
            elif v == "midline":
                opts = ["It lies in the midline, across the centre of the body.",
                        "The mask sits on the midline rather than to one side."]
            else:
                opts = ["It is bilateral, with a part on each of the two sides.",
                        "The mask covers both sides, left and right."]
        return self.log("laterality", v, self.ch(opts), truth)

    def lat_neg(self):
        v = self.f["laterality"]
        st = self.style
        if v in IMG:
            opp = IMG[v]
            t = {"radiologist": f"No {opp}-sided component.",
                 "tutor": f"Notice it is not on the patient's {opp}, even though it may look that way at first glance.",
                 "markdown": f"- It is **not** on the patient's {opp}",
                 "wordnums": f"It is not on the patient's {opp} side."}[st]
            return self.log("laterality_not", opp, t, True)
        if v == "midline":
            t = {"radiologist": "No lateral deviation.", "tutor": "It doesn't favour either side.",
                 "markdown": "- Does **not** lean to either side", "wordnums": "It does not lean to either side."}[st]
            return self.log("laterality_not", "sided", t, True)
        if v == "bilateral":
            t = {"radiologist": "Not unilateral.", "tutor": "It is not confined to one side.",
                 "markdown": "- **Not** one-sided", "wordnums": "It is not limited to one side."}[st]
            return self.log("laterality_not", "one-sided", t, True)
        return ""

    # ---- vertical
    def vphrase(self, v):
        o = self.o
        if o == "LP":
            return {"anterior": "toward the front of the body (anterior)", "posterior": "toward the back (posterior)",
                    "central": "roughly central front-to-back"}[v]
        if o == "LI":
            return {"superior": "in the upper part (superior)", "inferior": "in the lower part (inferior)",
                    "central": "at about mid-height"}[v]
        return {"upper": "in the upper half of the frame", "lower": "in the lower half of the frame",
                "central": "around the middle of the frame, top to bottom"}[v]

    def vert(self, v, truth=True):
        st = self.style
        ab = {"anterior": "ant.", "posterior": "post.", "superior": "sup.", "inferior": "inf.", "upper": "upper",
              "lower": "lower", "central": "central"}[v]
        if st == "radiologist":
            opts = [f"Position: {ab}", f"Predominantly {ab} location.", f"Sits {self.vphrase(v)}."]
        elif st == "tutor":
            opts = [f"Its position is {self.vphrase(v)}.",
                    f"Looking at where it sits vertically on the picture, it is {self.vphrase(v)}."]
        elif st == "markdown":
            opts = [f"- **Position:** {self.vphrase(v)}", f"- **Where:** {v}"]
        else:
            opts = [f"It lies {self.vphrase(v)}.", f"Its position is {v}."]
        return self.log("vertical", v, self.ch(opts), truth)

    # ---- relation
    def rel(self, other, r, truth=True):
        st = self.style
        ph = {"left_of": f"to the patient's left of the {other}", "right_of": f"to the patient's right of the {other}",
              "anterior_to": f"in front of the {other}", "posterior_to": f"behind the {other}",
              "superior_to": f"above the {other}", "inferior_to": f"below the {other}"}[r]
        short = {"left_of": "to the patient's left", "right_of": "to the patient's right", "anterior_to": "in front",
                 "posterior_to": "behind", "superior_to": "higher up", "inferior_to": "lower down"}[r]
        ab = {"left_of": "L of", "right_of": "R of", "anterior_to": "ant. to", "posterior_to": "post. to",
              "superior_to": "sup. to", "inferior_to": "inf. to"}[r]
        if st == "radiologist":
            opts = [f"{ab} {other}.", f"Lies {ph}."]
        elif st == "tutor":
            opts = [f"Relative to the {other}, it sits {short}.", f"It lies {ph}."]
        elif st == "markdown":
            opts = [f"- **vs {other}:** {short}", f"- Lies {ph}"]
        else:
            opts = [f"It lies {ph}."]
        return self.log("relation", [other, r], self.ch(opts), truth)

    # ---- size
    def size_cls(self, c, truth=True):
        st = self.style
        if st == "radiologist":
            opts = [f"Size: {c}.", f"Size class {c} for FOV."]
        elif st == "tutor":
            word = {"small": "small", "medium": "medium-sized", "large": "large"}[c]
            opts = [f"For this image it counts as {word} - we judge that against the whole picture, not against the organ's usual size.",
                    f"Compared with the whole image it is {word}."]
        elif st == "markdown":
            opts = [f"- **Size:** {c}", f"- **Size class:** {c}"]
        else:
            opts = [f"It is {c} relative to the image.", f"By size it falls in the {c} class."]
        return self.log("size_class", c, self.ch(opts), truth)

    def size_pct(self, pv, truth=True):
        st, s = self.style, pct_str(pv, self.style)
        if st == "radiologist":
            opts = [f"Area ~{s} of FOV.", f"Approx. {s} of image."]
        elif st == "tutor":
            opts = [f"It covers about {s} of the image - picture the image as a sheet of paper and this patch as that share of it.",
                    f"It fills roughly {s} of the picture."]
        elif st == "markdown":
            opts = [f"- **Area:** ~{s} of the image", f"- **Coverage:** about {s}"]
        else:
            opts = [f"It covers about {s} of the image.", f"Roughly {s} of the picture is masked."]
            n = round(100 / pv) if pv > 0 else 0
            if 2 <= n <= 20 and abs(100 / n - pv) / pv < 0.12:
                opts = [f"It covers about {s} of the image, roughly one {_ORD[n]} of it."]
        return self.log("percent", pv, self.ch(opts), truth)

    # ---- count
    def count(self, n, truth=True):
        st, s = self.style, count_str(n, self.style)
        if st == "radiologist":
            opts = [f"{s} component{'s' if n != 1 else ''}.", f"Components: {s}."]
        elif st == "tutor":
            opts = ([f"It is one single connected piece - like one island rather than an archipelago."] if n == 1 else
                    [f"There are {s} separate pieces, like {s} islands that don't touch."])
        elif st == "markdown":
            opts = [f"- **Pieces:** {s}", f"- **Connected components:** {s}"]
        else:
            opts = (["The mask is one single connected piece."] if n == 1 else
                    [f"The mask is made of {s} separate pieces.", f"I count {s} separate regions."])
        return self.log("count", n, self.ch(opts), truth)

    # ---- premises in user turns (kind, value)
    def premise(self, kind, value, truth, corrected=False):
        s = self.style
        if kind == "laterality":
            t = {"left": "Since it's on the patient's left,", "right": "Since it's on the patient's right,",
                 "midline": "Given that it's in the midline,", "bilateral": "Since it's on both sides,"}[value]
        elif kind == "vertical":
            t = f"Given that it sits {self.vphrase(value)},"
        elif kind == "relation":
            o, r = value
            t = {"left_of": f"Since it's to the patient's left of the {o},", "right_of": f"Since it's to the patient's right of the {o},",
                 "anterior_to": f"Since it sits in front of the {o},", "posterior_to": f"Since it sits behind the {o},",
                 "superior_to": f"Since it's above the {o},", "inferior_to": f"Since it's below the {o},"}[r]
        elif kind == "size_class":
            t = f"Since it's {value} on this image,"
        elif kind == "percent":
            t = f"If it covers about {pct_str(value, s)} of the image,"
        else:
            t = (f"Since it's one single piece," if value == 1 else f"Since it comes in {count_str(value, s)} separate pieces,")
        if s == "radiologist":
            t = t.replace("Since it's", "Given it's")
        return self.log(kind, value, t, truth, role="user", corrected=corrected)


def _wrong(row: Row, kind: str):
    f, rng, o = row.f, row.rng, row.o
    if kind == "laterality":
        v = f["laterality"]
        choices = {"left": ["right", "right", "midline"], "right": ["left", "left", "midline"],
                   "midline": ["left", "right"], "bilateral": ["left", "right"]}[v]
        return "laterality", rng.choice(choices)
    if kind == "position":
        rels = f["relations"]
        flip = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
                "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
        if rels and rng.random() < 0.5:
            r = rng.choice(rels)
            return "relation", [r["other"], flip[r["relation"]]]
        v = f["vertical"]
        axis = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior"), None: ("upper", "lower")}[o]
        if v == "central":
            return "vertical", rng.choice(axis)
        return "vertical", axis[1] if v == axis[0] else axis[0]
    if kind == "size":
        if rng.random() < 0.5:
            c = f["size_class"]
            return "size_class", rng.choice([x for x in ("small", "medium", "large") if x != c])
        p = 100 * f["area_fraction"]
        w = p * rng.uniform(0.15, 0.3) if p > 4 else p * rng.uniform(3.2, 5.0)
        return "percent", pct_value(w / 100)
    n = f["components"]
    return "count", rng.choice([x for x in (1, 2, 3, 4) if x != n])


SUPPRESS = {"laterality": {"laterality", "laterality_not"}, "vertical": {"vertical"}, "relation": {"relation"},
            "size_class": {"size_class", "percent"}, "percent": {"size_class", "percent"}, "count": {"count"}}


def _convention(row: Row) -> str:
    o, st = row.o, row.style
    if o is None:
        return {"radiologist": "Photo, no L/R orientation; position given by frame halves.",
                "tutor": "A photo like this has no left/right label for the patient, so I can only describe where it is in the frame.",
                "markdown": "> Note: photos carry no patient left/right, so only frame positions are meaningful.",
                "wordnums": "A photo has no patient left or right, so I describe only the frame."}[st]
    if o == "LP":
        return row.ch({"radiologist": ["Std radiological display: pt's L on image R.", "Axial, viewed from feet."],
                       "tutor": ["Remember, axial slices are viewed as if from the patient's feet, so the patient's left is on the image's right - a mirror, like looking at someone lying in front of you.",
                                 "Why the flip? By convention we look up from the feet, so the image's right side shows the patient's left."],
                       "markdown": ["> **Convention:** axial images are shown from below, so the patient's left is on the *image's right*.",
                                    "> Reminder: in radiological view, image right = patient left."],
                       "wordnums": ["By the usual radiological convention the patient's left is shown on the image's right.",
                                    "Axial images are viewed from the feet, so left and right are swapped on screen."]}[st])
    return row.ch({"radiologist": ["Frontal projection: pt's R on viewer's L."],
                   "tutor": ["On a frontal view the patient faces you, so their right is on your left - just like a person standing in front of you."],
                   "markdown": ["> **Convention:** frontal/coronal view - the patient's right is on the viewer's left."],
                   "wordnums": ["On a frontal view the patient's right is on the viewer's left."]}[st])


def _hedge(row):
    return row.ch({"radiologist": ["Boundaries approx.; partial volume at margins.", "Correlate clinically."],
                   "tutor": ["I'd treat the edges as approximate - partial volume blurs them a little.",
                             "Keep in mind a single slice can't tell the whole 3D story."],
                   "markdown": ["_Edges are approximate; please review before using clinically._",
                                "*Caveat:* this is one slice only."],
                   "wordnums": ["The edges are approximate on a single slice.",
                                "This is only one slice, so treat it as an estimate."]}[row.style])


def _kn(row, k):
    t = row.p["traps"][k % len(row.p["traps"])]
    if row.style == "wordnums":
        t = _spell(t)
    if row.style == "radiologist":
        t = "NB: " + t
    if row.style == "markdown":
        t = "- " + t
    return t


def _spell(t: str) -> str:
    """Numbers in `t` written out in words (digits glued to letters, like "T4", stay as they are)."""
    t = t.replace("%", " percent").replace(" percent percent", " percent")
    out, i, n = [], 0, len(t)
    while i < n:
        if t[i].isdigit() and (i == 0 or not t[i - 1].isalpha()):
            j = i
            while j < n and (t[j].isdigit() or (t[j] in ",." and j + 1 < n and t[j + 1].isdigit())):
                j += 1
            if j < n and t[j].isalpha():
                out.append(t[i:j])
            else:
                num = t[i:j].replace(",", "")
                if "." in num:
                    a_, b_ = num.split(".", 1)
                    out.append(words(int(a_)) + " point " + " ".join(_ONES[int(c)] for c in b_))
                else:
                    out.append(words(int(num)))
            i = j
        else:
            out.append(t[i])
            i += 1
    return "".join(out).replace("  ", " ")


def _name(row):
    n = row.p["names"][0]
    return n


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng, defect)
    f, o = facts, p["orient"]
    has_side = o is not None and f["laterality"] in ("left", "right", "midline", "bilateral")
    # the planted false claim
    bad = None
    where = None
    if defect in ("laterality", "position", "size", "count"):
        bad = _wrong(row, defect)
        r = rng.random()
        where = "user" if r < 0.2 else "follow" if r < 0.4 else "first"
        if bad[0] == "relation" and where == "user" and rng.random() < 0.5:
            where = "first"
    sup = SUPPRESS[bad[0]] if bad else set()
    if bad and bad[0] == "relation":
        sup = set()  # relations to other structures stay; only the one other is skipped
    bad_other = bad[1][0] if bad and bad[0] == "relation" else None

    def ok(kind, other=None):
        if kind in sup:
            return False
        if kind == "relation" and other == bad_other:
            return False
        return True

    def true_claims():
        out = []
        if has_side and ok("laterality"):
            out.append(("laterality", f["laterality"]))
        if ok("vertical"):
            out.append(("vertical", f["vertical"]))
        for r in f["relations"]:
            if ok("relation", r["other"]):
                out.append(("relation", [r["other"], r["relation"]]))
        if ok("size_class"):
            out.append(("size_class", f["size_class"]))
            out.append(("percent", pct_value(f["area_fraction"])))
        if ok("count"):
            out.append(("count", f["components"]))
        return out

    def say(kind, value, truth=True):
        if kind == "laterality":
            return row.lat(value, truth)
        if kind == "vertical":
            return row.vert(value, truth)
        if kind == "relation":
            return row.rel(value[0], value[1], truth)
        if kind == "size_class":
            return row.size_cls(value, truth)
        if kind == "percent":
            return row.size_pct(value, truth)
        return row.count(value, truth)

    name = _name(row)
    names = p["names"]
    # ---------------- first question
    q = rng.choice(p["questions"])
    if defect == "names_target":
        nm = rng.choice(names).replace("the ", "")
        q = rng.choice([f"Please segment the {nm} on this {p['modality']} image.",
                        f"Can you outline the {nm} here and tell me about it?",
                        f"Segment the {nm}. " + rng.choice(["Where is it?", "How big is it?", "Anything notable?"])])
    if style == "radiologist":
        q = rng.choice(["", "Quick one - ", "Req: "]) + q
    elif style == "markdown":
        q = q + rng.choice(["", " A short summary with bullets would be great.", " Feel free to use a table."])
    elif style == "tutor":
        q = q + rng.choice(["", " And please explain how you know where it is.", " I'm a student, so explain the reasoning."])
    else:
        q = _spell(q) + rng.choice(["", " Please write any numbers out in words."])
    turns = [{"role": "user", "content": q}]

    # ---------------- first answer
    row.turn = 1
    avail = true_claims()
    rng.shuffle(avail)
    first = [c for c in avail if c[0] in ("laterality", "count")] + [c for c in avail if c[0] not in ("laterality", "count")]
    k = rng.randint(2, min(5, len(first))) if first else 0
    chosen = first[:k]
    # the rest is left for follow-ups
    rest = first[k:]
    parts = []
    intro = {"radiologist": rng.choice([f"Findings: {name} segmented [SEG].", f"{name.capitalize()} [SEG] - mask below."]),
             "tutor": rng.choice([f"The structure you mean is the {name}. Here is the mask: [SEG]", f"What you're describing is the {name} [SEG]."]),
             "markdown": rng.choice([f"## Segmentation\n\nThe structure is the **{name}** [SEG].",
                                     f"### Result\n\nHere's the **{name}**: [SEG]"]),
             "wordnums": rng.choice([f"This is the {name} [SEG].", f"The structure you mean is the {name}, shown here: [SEG]"])}[style]
    parts.append(intro)
    kn = p["know"][0]
    parts.append(("- " if style == "markdown" else "") + (_spell(kn) if style == "wordnums" else kn))
    if o is not None and (rng.random() < 0.6 or style == "tutor"):
        parts.append(_convention(row))
    elif o is None:
        parts.append(_convention(row))
    for c in chosen:
        parts.append(say(*c))
    if bad and where == "first":
        parts.insert(rng.randint(2, len(parts)), say(bad[0], bad[1], False))
    if has_side and ok("laterality") and rng.random() < 0.6:
        parts.append(row.lat_neg())
    ti = rng.randrange(len(p["traps"]))
    parts.append(_kn(row, ti))
    if rng.random() < 0.6:
        parts.append(_hedge(row))
    if style == "radiologist":
        imp = "Impression: " + rng.choice([f"{name} segmented; see mask.", "Segmentation as above, no additional finding on this slice.",
                                           f"Mask of {name} provided; no other structure included."])
        parts.append(imp)
    elif style == "tutor":
        parts.append(rng.choice([
            "Check question: if something shows on the image's left on an axial slice, which side of the patient is it? Answer: the patient's right.",
            "Quick self-test: does a large size class mean the organ is enlarged? No - it only means it covers a big share of this image.",
            "Check question: if two blobs don't touch, is that one component or two? Two - each separate island counts."]))
    joiner = "\n" if style in ("markdown", "radiologist") else " "
    turns.append({"role": "assistant", "content": joiner.join(x for x in parts if x)})

    # ---------------- follow-ups
    rounds = rng.choice([2, 3]) if not (bad and where in ("user", "follow")) else rng.choice([2, 3])
    premise_round = 1 if (bad and where == "user") else None
    follow_round = rng.randint(1, rounds - 1) if (bad and where == "follow") else None
    corrected_round = None
    if defect is None and rest and rng.random() < 0.45:
        corrected_round = rng.randint(1, rounds - 1)
    truep_round = None
    if defect is None and corrected_round is None and rest and rng.random() < 0.6:
        truep_round = rng.randint(1, rounds - 1)

    def topic_q(kind, value=None):
        if kind == "laterality":
            return rng.choice(["Which side is it on?", "Left or right?", "Is it on one side or both?"])
        if kind == "vertical":
            return rng.choice({"LP": ["Is it toward the front or the back?", "Where does it sit front-to-back?"],
                               "LI": ["Is it high or low on the image?", "Where does it sit top-to-bottom?"],
                               None: ["Where in the frame is it, top or bottom?", "Is it high or low in the picture?"]}[o])
        if kind == "relation":
            return rng.choice([f"How does it relate to the {value[0]}?", "What is it next to?"])
        if kind in ("size_class", "percent"):
            return rng.choice(["How big is it on this image?", "What share of the image does it cover?"])
        return rng.choice(["Is it one piece or several?", "How many separate parts are there?"])

    for rd in range(1, rounds):
        row.turn = 2 * rd
        uq = []
        topic_claims = []
        if rd == premise_round:
            uq.append(row.premise(bad[0], bad[1], False))
            uq.append(rng.choice(["would that change how it's usually approached surgically?",
                                  "does that matter for the report?", "what else sits near it?",
                                  "is there anything I should keep in mind when reading this?"]))
        elif rd == corrected_round and rest:
            kind, val = rest.pop(0)
            wk, wv = _wrong_value(row, kind, val)
            uq.append(row.premise(wk, wv, False, corrected=True))
            uq.append(rng.choice(["right?", "is that correct?", "does that sound right?"]))
            topic_claims.append(("correct", kind, val, wv))
        elif rd == truep_round and rest:
            kind, val = rest.pop(0)
            uq.append(row.premise(kind, val, True))
            uq.append(rng.choice(["how would you describe it in a report?", "anything else to add?",
                                  "what sits next to it?"]))
            topic_claims.append(("agree", kind, val))
        elif rd == follow_round:
            uq.append(topic_q(bad[0], bad[1]))
            if rest and rng.random() < 0.4:
                topic_claims.append(("plain",) + rest.pop(0))
        elif rest and not (rd < (corrected_round or truep_round or 0) and len(rest) == 1):
            c = rest.pop(0)
            uq.append(topic_q(c[0], c[1]))
            topic_claims.append(("plain",) + c)
            if len(rest) > 1 and (rest[0][0] == c[0] or rng.random() < 0.3):
                topic_claims.append(("plain",) + rest.pop(0))
        else:
            uq.append(rng.choice(["Can you summarise?", "Give me a one-line recap.", "Anything else worth noting?"]))
            tc = true_claims()
            rng.shuffle(tc)
            for c in tc[:rng.randint(1, 3)]:
                topic_claims.append(("plain",) + c)
        q2 = " ".join(uq)
        if style == "wordnums":
            q2 = _spell(q2)
        if style == "radiologist":
            q2 = q2.replace("Since it's", "Given it's")
        turns.append({"role": "user", "content": q2[0].upper() + q2[1:]})
        row.turn = 2 * rd + 1
        ap = []
        for tc in topic_claims:
            if tc[0] == "correct":
                _, kind, val, wv = tc
                ap.append(rng.choice({"radiologist": ["Correction:", "No -"], "tutor": ["Not quite - let's fix that.", "Good thinking, but that's not right here."],
                                      "markdown": ["**Correction:**", "Actually, **no**."], "wordnums": ["That is not quite right.", "Not so."]}[style]))
                nk, nv, nt = _negate(row, kind, wv)
                ap.append(row.log(nk, nv, nt, True))
                ap.append(say(kind, val))
            elif tc[0] == "agree":
                ap.append(rng.choice({"radiologist": ["Agree.", "Correct."], "tutor": ["Yes, exactly right.", "That's right."],
                                      "markdown": ["**Yes** - that's correct.", "Correct!"], "wordnums": ["Yes, that is right.", "Correct."]}[style]))
                ap.append(say(tc[1], tc[2]))
            else:
                ap.append(say(tc[1], tc[2]))
        if rd == premise_round:
            ap.append(rng.choice({"radiologist": ["Noted.", "OK."], "tutor": ["Good question.", "Let's think about that."],
                                  "markdown": ["Good question!", "Sure."], "wordnums": ["Good question.", "Sure."]}[style]))
        if rd == follow_round:
            ap.insert(0, say(bad[0], bad[1], False))
        if not ap or rng.random() < 0.7:
            ap.append(_kn(row, ti + rd))
        if rng.random() < 0.3:
            ap.append(_hedge(row))
        if rd == rounds - 1 and rng.random() < 0.4 and has_side and ok("laterality") and not any(
                c["kind"] == "laterality_not" for c in row.claims):
            ap.append(row.lat_neg())
        turns.append({"role": "assistant", "content": joiner.join(x for x in ap if x)})
    LEDGER.append({"turns": turns, "claims": row.claims, "target": p["target"], "defect": defect,
                   "forbid": p["forbid"]})
    return turns, ([defect] if defect else [])


def _wrong_value(row, kind, val):
    f, rng = row.f, row.rng
    if kind == "laterality":
        return kind, {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
                      "bilateral": rng.choice(["left", "right"])}[val]
    if kind == "vertical":
        axis = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior"), None: ("upper", "lower")}[row.o]
        return kind, (rng.choice(axis) if val == "central" else axis[1] if val == axis[0] else axis[0])
    if kind == "relation":
        flip = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
                "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
        return kind, [val[0], flip[val[1]]]
    if kind == "size_class":
        return kind, rng.choice([x for x in ("small", "medium", "large") if x != val])
    if kind == "percent":
        return kind, pct_value(val / 100 * (rng.uniform(3.2, 5) if val < 4 else rng.uniform(0.15, 0.3)))
    return kind, rng.choice([x for x in (1, 2, 3) if x != val])


def _negate(row, kind, wv):
    """(ledger kind, value, text) of the true negation that corrects a user's false premise `wv`."""
    st = row.style
    if kind == "laterality":
        if row.f["laterality"] == "bilateral" and wv in ("left", "right"):
            return "laterality_notonly", wv, f"It is not only on the patient's {wv}; it reaches both sides."
        s = {"left": "the patient's left", "right": "the patient's right", "midline": "the midline",
             "bilateral": "both sides"}[wv]
        return "laterality_not", wv, (f"It is not on {s}." if st != "radiologist" else f"Not {s}.")
    if kind == "vertical":
        return "vertical_not", wv, f"It is not {row.vphrase(wv)}."
    if kind == "relation":
        o, r = wv
        ph = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
              "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[r]
        return "relation_not", wv, f"It is not {ph} the {o}."
    if kind == "size_class":
        return "size_class_not", wv, f"It isn't {wv} on this image."
    if kind == "percent":
        return "percent_not", wv, f"It doesn't cover {pct_str(wv, st)} of the image."
    if wv == 1:
        return "count_not", wv, "It isn't a single piece."
    return "count_not", wv, f"It isn't in {count_str(wv, st)} pieces."
