"""Bank DT: conversations as four real LLM families write them when driven by this product's own v2
generation prompt (pipelines/prompts/v2: implicit first question in one of the four styles function /
clinical_scenario / anatomical_relation / differential, "[SEG]" right after the name, one to three sentences,
claims copied from the measured facts: side in patient terms, "position along the image rows", size class with
"% of the image area", number of separate parts, relations "to the patient's left of the X").

Targets (40 profiles): chest and abdomen structures and lesions from public sets on axial CT / MR (LP),
coronal MR (LI) and frontal chest X-ray (XR, LI): liver, liver tumours (one or three), spleen, kidneys
(bilateral), left / right kidney, kidney tumour(s), pancreas (lateral and midline), gallbladder, stomach,
adrenal glands (bilateral) and left adrenal gland, urinary bladder (midline), aorta (midline; ascending +
descending = two pieces), oesophagus (midline), left / right ventricle, left atrium (midline), right atrium,
heart on a chest film (midline), lungs (bilateral, CT and XR), left / right lung, lung nodule(s) (three,
bilateral), pleural effusion (right, bilateral, left on XR). 18 of 40 profiles (178 of 420 rows) are bilateral, midline or multi-piece.

Registers (STYLES): deepseek_r1 (a <think> block or "Reasoning:" first, weighing and rejecting a wrong
candidate, then a clean answer), phi_small (short sentences, repeats the name, odd word choices), gemini
(headings, bullets with bold keys, a closing summary line), command_r (grounded prose with "[slice]" and
"[atlas]" citations).

Written without reading QC. Each sentence that states something about this image is recorded in LEDGER (one
entry per build call: kind, value, turn, the exact words); the writer's own reader
(/work/notes/qcdt_scripts/check_dt.py) re-derives every claim's truth from the facts. Own check on
heldout_dt.jsonl (SEED 20261251): rows: 420 clean: 210 defect: 210 (42 of each kind) problems: 0.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

STYLES = ["deepseek_r1", "phi_small", "gemini", "command_r"]
LEDGER: list[dict] = []  # one dict per build() call, read by the writer's own checker
GRID = 256


def E(cx, cy, rx, ry, ang=0.0):
    return (cx, cy, rx, ry, ang)


def P(target, key, mod, region, orient, ell, others, **kw):
    d = dict(target=target, key=key, mod=mod, region=region, orient=orient, ell=ell, others=others)
    d.update(kw)
    return d


# -- profiles: ellipses on a 256 x 256 grid; LP: columns to the patient's left, rows posterior; LI: rows inferior
PROFILES = [
    P("liver", "liver", "CT", "abdomen", "LP", [E(82, 125, 52, 46), E(122, 100, 24, 16)],
      {"stomach": (0.66, 0.38), "aorta": (0.53, 0.62), "right kidney": (0.33, 0.68)}),
    P("liver", "liver", "MR", "abdomen", "LI", [E(85, 95, 55, 42)],
      {"right kidney": (0.33, 0.62), "stomach": (0.65, 0.40)}),
    P("liver tumours", "liver_tumour", "CT", "abdomen", "LP", [E(70, 110, 8, 7), E(96, 140, 6, 6), E(60, 152, 7, 6)],
      {"aorta": (0.53, 0.62), "gallbladder": (0.40, 0.42)}, plural=True, lesion=True),
    P("liver tumour", "liver_tumour", "MR", "abdomen", "LP", [E(80, 105, 20, 17)],
      {"aorta": (0.53, 0.62), "right kidney": (0.31, 0.66)}, lesion=True),
    P("spleen", "spleen", "CT", "abdomen", "LP", [E(190, 150, 22, 32, 20)],
      {"stomach": (0.66, 0.38), "left kidney": (0.73, 0.70), "aorta": (0.53, 0.62)}),
    P("spleen", "spleen", "MR", "abdomen", "LI", [E(182, 100, 24, 36, -15)],
      {"left kidney": (0.70, 0.60), "stomach": (0.64, 0.42)}),
    P("kidneys", "kidneys", "CT", "abdomen", "LP", [E(80, 165, 16, 22), E(176, 163, 16, 22)],
      {"aorta": (0.52, 0.56), "pancreas": (0.52, 0.45)}, plural=True),
    P("kidneys", "kidneys", "MR", "abdomen", "LI", [E(82, 150, 17, 24), E(174, 145, 17, 24)],
      {"liver": (0.30, 0.34), "spleen": (0.72, 0.34)}, plural=True, rel_axes=(1,)),
    P("left kidney", "left_kidney", "MR", "abdomen", "LP", [E(178, 160, 17, 23)],
      {"aorta": (0.53, 0.60), "spleen": (0.80, 0.50)}),
    P("right kidney", "right_kidney", "CT", "abdomen", "LP", [E(78, 162, 16, 22)],
      {"liver": (0.33, 0.45), "inferior vena cava": (0.44, 0.55)}),
    P("right kidney", "right_kidney", "MR", "abdomen", "LI", [E(84, 158, 16, 25)],
      {"liver": (0.33, 0.37), "vertebral column": (0.50, 0.52)}),
    P("kidney tumour", "kidney_tumour", "CT", "abdomen", "LP", [E(186, 168, 10, 9)],
      {"left kidney": (0.70, 0.63), "aorta": (0.53, 0.56)}, lesion=True),
    P("kidney tumours", "kidney_tumour", "CT", "abdomen", "LP", [E(74, 150, 7, 7), E(86, 178, 8, 7)],
      {"liver": (0.33, 0.45), "aorta": (0.53, 0.56)}, plural=True, lesion=True),
    P("pancreas", "pancreas", "CT", "abdomen", "LP", [E(150, 106, 36, 10, -15)],
      {"stomach": (0.68, 0.33), "aorta": (0.51, 0.60), "spleen": (0.76, 0.58)}),
    P("pancreas", "pancreas", "MR", "abdomen", "LP", [E(128, 104, 40, 9)],
      {"aorta": (0.51, 0.58), "liver": (0.30, 0.50)}),
    P("gallbladder", "gallbladder", "CT", "abdomen", "LP", [E(96, 100, 10, 14, 30)],
      {"liver": (0.36, 0.47), "duodenum": (0.48, 0.48)}),
    P("gallbladder", "gallbladder", "MR", "abdomen", "LP", [E(100, 118, 14, 19)],
      {"liver": (0.31, 0.48), "stomach": (0.64, 0.36)}),
    P("stomach", "stomach", "CT", "abdomen", "LP", [E(168, 92, 30, 22, -20)],
      {"liver": (0.33, 0.47), "spleen": (0.76, 0.58), "pancreas": (0.57, 0.46)}),
    P("stomach", "stomach", "MR", "abdomen", "LI", [E(165, 100, 40, 34)],
      {"liver": (0.30, 0.38), "left kidney": (0.73, 0.60)}),
    P("adrenal glands", "adrenals", "CT", "abdomen", "LP", [E(104, 152, 5, 10, 20), E(156, 150, 5, 10, -20)],
      {"aorta": (0.51, 0.50), "inferior vena cava": (0.43, 0.52)}, plural=True, rel_axes=(1,)),
    P("left adrenal gland", "left_adrenal", "CT", "abdomen", "LP", [E(160, 152, 5, 11, -25)],
      {"aorta": (0.53, 0.52), "left kidney": (0.70, 0.70)}),
    P("urinary bladder", "bladder", "CT", "pelvis", "LP", [E(128, 104, 30, 24)],
      {"rectum": (0.50, 0.72), "pubic symphysis": (0.50, 0.25)}),
    P("urinary bladder", "bladder", "MR", "pelvis", "LP", [E(129, 126, 40, 32)],
      {"rectum": (0.51, 0.75), "pubic symphysis": (0.50, 0.28)}),
    P("aorta", "aorta", "CT", "abdomen", "LP", [E(130, 150, 10, 10)],
      {"vertebral body": (0.50, 0.72), "inferior vena cava": (0.42, 0.57), "pancreas": (0.60, 0.44)}),
    P("aorta", "aorta", "CT", "chest", "LP", [E(116, 100, 14, 14), E(152, 158, 11, 11)],
      {"oesophagus": (0.52, 0.60), "sternum": (0.50, 0.18)}),
    P("oesophagus", "oesophagus", "CT", "chest", "LP", [E(129, 156, 8, 6)],
      {"descending aorta": (0.60, 0.62), "left atrium": (0.52, 0.50), "vertebral body": (0.50, 0.74)}),
    P("left ventricle", "lv", "CT", "chest", "LP", [E(158, 104, 22, 18, 30)],
      {"right ventricle": (0.42, 0.32), "left atrium": (0.53, 0.54), "descending aorta": (0.60, 0.63)}),
    P("right ventricle", "rv", "CT", "chest", "LP", [E(104, 86, 20, 13, -20)],
      {"left ventricle": (0.62, 0.42), "sternum": (0.50, 0.20)}),
    P("left atrium", "la", "CT", "chest", "LP", [E(133, 150, 20, 13)],
      {"left ventricle": (0.62, 0.41), "oesophagus": (0.51, 0.68), "descending aorta": (0.62, 0.68)}),
    P("right atrium", "ra", "MR", "chest", "LP", [E(92, 122, 20, 17)],
      {"left atrium": (0.52, 0.58), "right ventricle": (0.46, 0.34)}),
    P("heart", "heart", "XR", "chest", "LI", [E(140, 150, 45, 38)],
      {"trachea": (0.47, 0.25), "right hemidiaphragm": (0.30, 0.72)}),
    P("lungs", "lungs", "XR", "chest", "LI", [E(74, 105, 36, 62), E(182, 103, 38, 64)],
      {"heart": (0.53, 0.60), "trachea": (0.50, 0.22)}, plural=True),
    P("lungs", "lungs", "CT", "chest", "LP", [E(76, 122, 40, 56), E(180, 122, 40, 56)],
      {"heart": (0.51, 0.45), "vertebral body": (0.50, 0.78)}, plural=True),
    P("left lung", "left_lung", "CT", "chest", "LP", [E(180, 122, 40, 56)],
      {"heart": (0.53, 0.45), "descending aorta": (0.60, 0.64)}),
    P("right lung", "right_lung", "XR", "chest", "LI", [E(74, 108, 36, 64)],
      {"heart": (0.55, 0.60), "right hemidiaphragm": (0.29, 0.76)}),
    P("lung nodule", "nodule", "CT", "chest", "LP", [E(80, 100, 5, 5)],
      {"heart": (0.55, 0.50), "descending aorta": (0.60, 0.64)}, lesion=True),
    P("lung nodules", "nodule", "CT", "chest", "LP", [E(72, 100, 5, 5), E(90, 162, 4, 4), E(185, 120, 6, 5)],
      {"vertebral body": (0.50, 0.78), "sternum": (0.50, 0.18)}, plural=True, lesion=True),
    P("pleural effusion", "effusion", "CT", "chest", "LP", [E(78, 190, 32, 13, 15)],
      {"right lung": (0.30, 0.45), "vertebral body": (0.50, 0.72)}),
    P("pleural effusion", "effusion", "CT", "chest", "LP", [E(76, 192, 30, 12), E(182, 190, 28, 12)],
      {"heart": (0.51, 0.45), "vertebral body": (0.50, 0.72)}),
    P("pleural effusion", "effusion", "XR", "chest", "LI", [E(186, 205, 28, 13)],
      {"heart": (0.55, 0.60), "left lung": (0.71, 0.42)}),
]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:GRID, 0:GRID].astype(float)
    mask = np.zeros((GRID, GRID), bool)
    for cx, cy, rx, ry, ang in p["ell"]:
        cx, cy = cx + rng.uniform(-1.5, 1.5), cy + rng.uniform(-1.5, 1.5)
        rx, ry = rx * rng.uniform(0.97, 1.03), ry * rng.uniform(0.97, 1.03)
        a = math.radians(ang + rng.uniform(-3, 3))
        dx, dy = xx - cx, yy - cy
        u, v = dx * math.cos(a) + dy * math.sin(a), -dx * math.sin(a) + dy * math.cos(a)
        mask |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    others = {k: (float(x), float(y)) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


# -- knowledge per target key ----------------------------------------------------------------------------
# gw: patterns that give the target away in a first question (the writer's own list, for the own reader)
# q: first questions by prompt style (without the segmentation request); an entry may be (text, claims)
#    where claims are (kind, value, other) about this image, checked like every other claim
# know: general knowledge on the target (no image claims); traps: knowledge on OTHER structures with side,
#    position or size words, population numbers; an entry may be (text, claims) as above
# wrong: (candidate, why not) for reasoning; kindw: noun for the relation-style question; hint: a role
K = {
    "liver": dict(
        name="the liver", syn=["the hepatic parenchyma", "the liver"], short="liver", kindw="organ",
        gw=["liver", "hepat", "hepar"],
        hint=["makes bile and takes the portal venous blood", "is the main site of drug metabolism"],
        q={"function": ["Which organ in this {img} makes bile and clears ammonia from the portal blood?",
                        "Which structure here stores glycogen, synthesises albumin and clotting factors, and receives the portal venous blood?",
                        "Find the organ on this {img} that does most of the body's drug metabolism through cytochrome P450."],
           "clinical": ["A 58-year-old heavy drinker presents with jaundice, ascites and a low albumin. Which organ on this {img} should be looked at first?",
                        "Paracetamol overdose two days ago, and now transaminases in the thousands. Which organ in this image is the one at risk?",
                        "Right upper quadrant heaviness and a raised ALT in an obese diabetic; fatty infiltration is suspected. Which organ should I look at here?"],
           "differential": ["On this {img}, which large solid organ has to be told apart from the spleen and the right kidney, and gets a dual supply from the portal vein and an artery?",
                            "Which organ here can be confused with the spleen on a single slice, but drains its bile through the common duct?"]},
        named=["Can you segment the liver on this {img}?", "Please outline the hepatic parenchyma in this image.",
               "Where is the liver here? I'd like it segmented."],
        know=["It synthesises albumin and most clotting factors and produces bile.",
              "It receives roughly three quarters of its blood from the portal vein.",
              "It is divided into eight Couinaud segments by the hepatic and portal veins."],
        traps=["The spleen, by contrast, lies in the left upper quadrant behind the stomach.",
               "The right kidney usually sits 1-2 cm lower than the left, pushed down by the organ above it.",
               "The inferior vena cava runs to the right of the aorta at this level.",
               "A Riedel lobe, a tongue-like downward extension, is seen in roughly 10% of people."],
        wrong=[("the spleen", "the spleen has no part in bile production and sits on the opposite side"),
               ("the right kidney", "the right kidney is retroperitoneal and makes urine, not bile")]),
    "liver_tumour": dict(
        name="the liver tumour", name_pl="the liver tumours", syn=["the tumour", "the lesion"],
        syn_pl=["the lesions", "the tumour foci"], short="tumour", short_pl="lesions", kindw="abnormality",
        gw=["liver", "hepat", "tumou?r", "lesion", r"\bmass", "neoplas", "cancer", "carcinom", r"\bhcc\b", "metasta",
            "nodul", "malignan"],
        hint=["enhances in the arterial phase and washes out", "replaces normal parenchyma in the organ that makes bile"],
        q={"function": ["Which abnormal foci in the organ that makes bile enhance in the arterial phase and wash out later on this {img}?",
                        "Something inside the big right upper quadrant organ is growing autonomously and replacing normal parenchyma. What is it?"],
           "clinical": ["Cirrhotic patient on surveillance; alpha-fetoprotein has doubled since last year. What should I segment on this {img}?",
                        "A man who had bowel surgery for a colonic primary two years ago now has a rising CEA. What should be outlined in the organ that drains the portal vein?",
                        "Chronic HBV carrier with new weight loss and right upper quadrant pain. What is the finding to segment here?"],
           "differential": ["Which focal abnormality in the right upper quadrant organ has to be distinguished from simple cysts and haemangiomas on this {img}?"]},
        named=["Please segment the liver tumour on this {img}.", "Outline the hepatic lesion here.",
               "Where is the HCC? I want it segmented."],
        know=["Hepatocellular carcinoma arises mostly in cirrhotic livers and classically shows arterial hyperenhancement with washout.",
              "In Western countries metastases are far more common than primary tumours in this organ.",
              "LI-RADS is used to grade such observations in patients at risk."],
        traps=["The gallbladder sits in a fossa on the inferior surface of the liver.",
               "About 80-90% of hepatocellular carcinomas develop on a background of cirrhosis.",
               "The right lobe is several times larger than the left lobe in most adults."],
        wrong=[("a simple cyst", "a simple cyst does not enhance at all"),
               ("a haemangioma", "a haemangioma fills in from the periphery instead of washing out")]),
    "spleen": dict(
        name="the spleen", syn=["the splenic parenchyma", "the spleen"], short="spleen", kindw="organ",
        gw=["spleen", "splen", r"\blien"],
        hint=["filters ageing red cells", "is the largest lymphoid organ"],
        q={"function": ["Which organ on this {img} filters ageing red cells and keeps a reserve of platelets?",
                        "Which structure here is the largest lymphoid organ and clears encapsulated bacteria from the blood?"],
           "clinical": ["A teenager with glandular fever is told to avoid contact sports for a few weeks. Which organ is the worry on this {img}?",
                        "After a high-speed car crash the patient has left shoulder-tip pain (Kehr's sign) and is hypotensive. Which organ on this {img} should I check?",
                        "Which organ, once removed, leaves a patient needing pneumococcal and meningococcal vaccines? Find it on this {img}."],
           "differential": ["Which organ here must be distinguished from an accessory lobule and from the upper pole of the left kidney?"]},
        named=["Segment the spleen, please.", "Mark the splenic parenchyma on this {img}."],
        know=["It filters the blood, removes old red cells and holds about a third of the body's platelets.",
              "It is intraperitoneal and protected by the 9th to 11th ribs."],
        traps=["Accessory spleens occur in roughly 10-30% of people, usually near the hilum.",
               "The tail of the pancreas reaches up to its hilum.",
               ("The stomach lies in front of it and toward the midline.", [("rel", "posterior_to", "stomach"), ("rel", "left_of", "stomach")])],
        wrong=[("the left kidney", "the left kidney is retroperitoneal and produces urine"),
               ("the stomach", "the stomach is hollow and usually holds gas or fluid")]),
    "kidneys": dict(
        name="the kidneys", syn=["the kidneys", "the renal parenchyma"], short="kidneys", kindw="organs",
        gw=["kidney", "renal", "nephr", r"\breno"], plural=True,
        hint=["filter the blood and make urine", "secrete erythropoietin"],
        q={"function": ["Which organs in this {img} filter the blood and produce urine?",
                        "Which structures here secrete erythropoietin and activate vitamin D?"],
           "clinical": ["A patient with colicky flank pain radiating to the groin and blood in the urine: which organs should be assessed on this {img}?",
                        "Creatinine has doubled after an iodinated contrast study. Which organs are affected? Find them here.",
                        "Polycystic disease runs in the family. Which paired organs would you check on this {img}?"],
           "differential": ["Which bean-shaped retroperitoneal organs here need to be told apart from the spleen and the edge of the big right upper quadrant organ?"]},
        named=["Please segment the kidneys.", "Outline both renal outlines on this {img}."],
        know=["Together they filter about 180 litres of plasma a day and regulate fluid, electrolytes and blood pressure.",
              "They also secrete erythropoietin and activate vitamin D."],
        traps=["The right kidney usually sits slightly lower than the left because of the liver above it.",
               "The left renal vein passes in front of the aorta, just below the superior mesenteric artery.",
               "A horseshoe kidney, fused across the midline, occurs in about 1 in 500 people."],
        wrong=[("the psoas muscles", "the psoas muscles are muscle with no collecting system"),
               ("the spleen", "the spleen is a single intraperitoneal organ")]),
    "left_kidney": dict(
        name="the left kidney", syn=["the left kidney", "the left renal parenchyma"], short="kidney", kindw="organ",
        gw=["kidney", "renal", "nephr", r"\breno"],
        hint=["filters the blood and makes urine"],
        q={"function": [("Which organ on the patient's left side of this {img} filters the blood and makes urine?", [("side", "left", None)]),
                        "Which bean-shaped organ here produces urine and secretes erythropoietin, the one whose vein crosses in front of the aorta?"],
           "clinical": ["Colicky pain in the left loin radiating to the groin and microscopic haematuria. Which organ should I segment on this {img}?",
                        "A living donor is being assessed and the surgeons prefer the side with the longer vein. Which organ would that be here?"],
           "differential": ["Which retroperitoneal organ here has to be told apart from the spleen and from the small Y-shaped gland that sits on top of it?"]},
        named=["Please segment the left kidney.", "Outline the left renal parenchyma on this {img}."],
        know=["It filters the blood, makes urine and helps regulate blood pressure.",
              "Its renal vein is longer than the right one, which is why surgeons favour it for donation."],
        traps=["The right kidney usually sits a little lower, pushed down by the liver.",
               "The left renal vein passes anterior to the aorta.",
               "A duplex collecting system is found in roughly 1% of people."],
        wrong=[("the spleen", "the spleen is intraperitoneal and has no hilum draining urine"),
               ("the left adrenal gland", "the adrenal gland is a thin, Y-shaped gland")]),
    "right_kidney": dict(
        name="the right kidney", syn=["the right kidney", "the right renal parenchyma"], short="kidney", kindw="organ",
        gw=["kidney", "renal", "nephr", r"\breno"],
        hint=["filters the blood and makes urine"],
        q={"function": [("Which organ on the patient's right in this {img} filters the blood and makes urine?", [("side", "right", None)]),
                        "Which bean-shaped organ here produces urine, the one usually pushed a little lower by the organ that makes bile?"],
           "clinical": ["Right loin pain, fever and rigors with pyuria. Which organ should be segmented on this {img}?",
                        "Haematuria and a right flank mass on examination. Which organ should be checked first here?"],
           "differential": ["Which retroperitoneal organ here must be told apart from the gallbladder and the duodenum in front of it?"]},
        named=["Please segment the right kidney.", "Outline the right renal parenchyma on this {img}."],
        know=["It filters the blood, makes urine and secretes erythropoietin.",
              "It usually lies a little lower than its partner because of the liver above it."],
        traps=["The left renal vein is longer and crosses anterior to the aorta.",
               "The inferior vena cava runs just to the right of the aorta.",
               "A pelvic kidney occurs in about 1 in 1000 people."],
        wrong=[("the gallbladder", "the gallbladder is a fluid-filled sac under the liver"),
               ("the duodenum", "the duodenum is hollow bowel")]),
    "kidney_tumour": dict(
        name="the kidney tumour", name_pl="the kidney tumours", syn=["the tumour", "the renal mass"],
        syn_pl=["the tumours", "the renal masses"], short="tumour", short_pl="tumours", kindw="abnormality",
        gw=["kidney", "renal", "nephr", r"\breno", "tumou?r", r"\bmass", "lesion", "neoplas", "cancer", "carcinom",
            r"\brcc\b", "malignan"],
        hint=["is a solid enhancing focus in an organ that makes urine"],
        q={"function": ["Which solid, enhancing abnormality in an organ that makes urine needs to be outlined on this {img}?"],
           "clinical": ["Painless visible haematuria in a 62-year-old smoker. What abnormal tissue in the urine-producing organ should be outlined on this {img}?",
                        "A patient with von Hippel-Lindau syndrome is on yearly screening. What should I segment here?",
                        "Something solid was reported incidentally in one of the organs that make urine. Can you find it?"],
           "differential": ["Which focal abnormality here must be told apart from a Bosniak I cyst and from an angiomyolipoma with macroscopic fat?"]},
        named=["Segment the kidney tumour.", "Outline the renal mass on this {img}."],
        know=["Clear-cell renal cell carcinoma is the commonest subtype, about 70-75% of cases.",
              "Most are now found incidentally on imaging done for other reasons.",
              "An enhancement of more than 20 HU after contrast suggests a solid tumour."],
        traps=["The adrenal gland sits on the upper pole and can be invaded by large tumours.",
               "At the hilum the renal vein lies anterior to the renal artery.",
               "Bosniak I cysts are found in about a quarter of people over 50."],
        wrong=[("a simple cyst", "a simple cyst does not enhance"),
               ("an angiomyolipoma", "an angiomyolipoma usually shows macroscopic fat")]),
    "pancreas": dict(
        name="the pancreas", syn=["the pancreatic parenchyma", "the pancreas", "the gland"], short="pancreas", kindw="gland",
        gw=["pancrea"],
        hint=["makes insulin and digestive enzymes"],
        q={"function": ["Which gland in this {img} secretes insulin from its islets and digestive enzymes into the duodenum?",
                        "Which retroperitoneal organ here makes lipase, amylase and a bicarbonate-rich juice?"],
           "clinical": ["Epigastric pain boring through to the back and a lipase three times normal after a heavy drinking weekend. Which organ should I outline on this {img}?",
                        "Painless obstructive jaundice, weight loss and a palpable non-tender gallbladder (Courvoisier). Which organ should be examined here?"],
           "differential": ["Which lobulated gland here must be told apart from unopacified bowel loops and the splenic vein that runs along its back?"]},
        named=["Segment the pancreas on this {img}.", "Outline the pancreatic parenchyma, please."],
        know=["It has an exocrine role (digestive enzymes) and an endocrine one (insulin, glucagon).",
              "Its head sits in the C-loop of the duodenum and its tail reaches the splenic hilum.",
              "The islets of Langerhans make up only about 1-2% of its mass."],
        traps=["The splenic vein runs along its posterior surface.",
               "The superior mesenteric artery lies to the left of the superior mesenteric vein.",
               ("The aorta lies behind it.", [("rel", "anterior_to", "aorta")])],
        wrong=[("the duodenum", "the duodenum is hollow bowel"),
               ("the splenic vein", "that is a vessel, not a gland")]),
    "gallbladder": dict(
        name="the gallbladder", syn=["the gallbladder", "the gall bladder"], short="gallbladder", kindw="structure",
        gw=["gall", "cholecyst", "bladder"],
        hint=["stores and concentrates bile"],
        q={"function": ["Which structure on this {img} stores and concentrates bile between meals?",
                        "Which pear-shaped sac here contracts after a fatty meal and pushes bile into the duodenum?"],
           "clinical": ["Right upper quadrant pain after fatty meals, a positive Murphy's sign and fever. Which structure should be segmented on this {img}?",
                        "Recurrent biliary colic in a 45-year-old woman. What should I outline here?"],
           "differential": ["Which fluid-filled sac under the right lobe must be told apart from the duodenal bulb and from a simple hepatic cyst?"]},
        named=["Segment the gallbladder.", "Outline the gall bladder on this {img}."],
        know=["It stores and concentrates bile and empties it into the duodenum after meals.",
              "It holds about 30-50 mL of bile.",
              "Stones form in about 10-15% of adults in Western countries."],
        traps=["The common bile duct runs down behind the first part of the duodenum to the ampulla.",
               "The pancreas lies to the left of the duodenum at this level.",
               "The right kidney lies further back, in the retroperitoneum."],
        wrong=[("the duodenal bulb", "the bulb usually holds gas and lies more medially"),
               ("a hepatic cyst", "a cyst would sit inside the parenchyma, not in the fossa")]),
    "stomach": dict(
        name="the stomach", syn=["the stomach", "the gastric lumen and wall"], short="stomach", kindw="organ",
        gw=["stomach", "gastr"],
        hint=["secretes acid and pepsinogen"],
        q={"function": ["Which hollow organ here secretes hydrochloric acid and pepsinogen?",
                        "Which organ on this {img} produces intrinsic factor for vitamin B12 absorption?"],
           "clinical": ["Coffee-ground vomiting in a patient on daily NSAIDs. Which organ should I segment on this {img}?",
                        "Early satiety, weight loss and a palpable left supraclavicular node (Virchow). Which organ is suspect here?"],
           "differential": [("Which J-shaped organ on the patient's left must be told apart from the transverse colon and fluid-filled small bowel?", [("side", "left", None)])]},
        named=["Segment the stomach.", "Outline the gastric wall and lumen on this {img}."],
        know=["It secretes acid, pepsinogen and intrinsic factor.",
              "Its parts are the cardia, fundus, body, antrum and pylorus."],
        traps=["The fundus sits just under the left hemidiaphragm.",
               "Helicobacter pylori colonises roughly half of the world's population.",
               "The transverse colon usually hangs below it."],
        wrong=[("the transverse colon", "the colon has haustra and lies lower"),
               ("the spleen", "the spleen is solid, with no lumen")]),
    "adrenals": dict(
        name="the adrenal glands", syn=["the adrenal glands", "the adrenals"], short="adrenals", kindw="glands",
        gw=["adrenal", "suprarenal"], plural=True,
        hint=["secrete cortisol and aldosterone"],
        q={"function": ["Which small glands on this {img} secrete cortisol and aldosterone from their cortex?",
                        "Which paired glands here produce catecholamines in their medulla?"],
           "clinical": ["Hypertension with low potassium and a high aldosterone-to-renin ratio (Conn's). Which glands should I look at on this {img}?",
                        "Episodic headaches, sweating and palpitations, with raised plasma metanephrines. Which glands here should be segmented?"],
           "differential": ["Which thin, inverted-Y shaped glands here must be told apart from the diaphragmatic crura and nearby vessels?"]},
        named=["Segment the adrenal glands.", "Outline the suprarenal glands on this {img}."],
        know=["The cortex makes cortisol, aldosterone and androgens; the medulla makes catecholamines.",
              "Each gland weighs only about 4-5 g.",
              "Incidental nodules are found in about 4-5% of abdominal CT scans."],
        traps=["The right kidney sits lower than the left.",
               "The diaphragmatic crura run down to the upper lumbar vertebrae on either side of the aorta.",
               ("They lie behind the level of the inferior vena cava.", [("rel", "posterior_to", "inferior vena cava")])],
        wrong=[("the diaphragmatic crura", "the crura are muscular bands that continue down to the spine"),
               ("the upper poles of the kidneys", "kidney poles are larger and show a collecting system")]),
    "left_adrenal": dict(
        name="the left adrenal gland", syn=["the left adrenal", "the gland"], short="adrenal", kindw="gland",
        gw=["adrenal", "suprarenal"],
        hint=["makes cortisol and catecholamines"],
        q={"function": [("Which small gland on the patient's left of this {img} makes cortisol and catecholamines?", [("side", "left", None)]),
                        "Which thin, Y-shaped gland here secretes aldosterone from its cortex?"],
           "clinical": ["Cushingoid features with a suppressed ACTH. Which gland on this {img} should I segment?",
                        "Paroxysms of hypertension and palpitations with raised metanephrines. Which gland should be outlined here?"],
           "differential": ["Which thin gland here must be told apart from the left diaphragmatic crus and the splenic vessels?"]},
        named=["Segment the left adrenal gland.", "Outline the left adrenal on this {img}."],
        know=["Its cortex makes cortisol, aldosterone and androgens; its medulla makes catecholamines.",
              "The left adrenal vein drains into the left renal vein."],
        traps=["The right adrenal vein, by contrast, drains straight into the inferior vena cava.",
               "Incidentalomas show up in about 4% of abdominal CT scans.",
               "The spleen lies far out laterally on the same side."],
        wrong=[("the left diaphragmatic crus", "the crus is a muscular band running down to the spine"),
               ("a splenic vessel", "a vessel would be round on an axial slice and enhance with the aorta")]),
    "bladder": dict(
        name="the urinary bladder", syn=["the bladder", "the urinary bladder"], short="bladder", kindw="organ",
        gw=["bladder", "vesic", "cyst", "detrusor"],
        hint=["stores urine until voiding"],
        q={"function": ["Which hollow organ in the pelvis stores urine until voiding?",
                        "Which muscular reservoir here receives the ureters and empties through the urethra?"],
           "clinical": ["Elderly man with prostatic enlargement who has not passed urine for 12 hours and has suprapubic pain. Which organ on this {img} should be outlined?",
                        "Painless visible haematuria in a smoker who worked with aniline dyes. Which pelvic organ is the concern here?"],
           "differential": ["Which fluid-filled pelvic structure must be told apart from a large pelvic collection and from fluid-filled bowel?"]},
        named=["Segment the urinary bladder.", "Outline the bladder on this {img}."],
        know=["It stores urine; adult capacity is around 400-600 mL.",
              "The trigone lies between the two ureteric orifices and the internal urethral opening."],
        traps=["In women the uterus sits between it and the rectum.",
               "The prostate lies just inferior to it in men.",
               "Roughly 1 in 4 women over 50 has some stress incontinence."],
        wrong=[("the rectum", "the rectum lies further back and holds gas and faeces"),
               ("a pelvic collection", "a collection would have no ureteric insertions")]),
    "aorta": dict(
        name="the aorta", syn=["the aorta", "the aortic lumen"], short="aorta", kindw="vessel",
        gw=["aort"],
        hint=["carries oxygenated blood from the heart to the body"],
        q={"function": ["Which vessel on this {img} carries oxygenated blood from the heart to the whole systemic circulation?",
                        "Which elastic artery here damps the pulse of every heartbeat like a Windkessel?"],
           "clinical": ["Sudden tearing chest pain radiating to the back, with unequal arm pressures. Which vessel should be segmented on this {img}?",
                        "Pulsatile epigastric mass in a 72-year-old male smoker. Which vessel needs to be measured here?"],
           "differential": ["Which large round vessel here must be told apart from the inferior vena cava and the oesophagus?"]},
        named=["Segment the aorta.", "Outline the aortic lumen on this {img}."],
        know=["It is the largest artery in the body, normally under about 3 cm across in the abdomen.",
              "It rises from the left ventricle, arches over the left main bronchus and descends through the chest and abdomen.",
              "A diameter of 3 cm or more in the abdomen defines an aneurysm."],
        traps=["The inferior vena cava runs on the right side of the abdomen, thinner-walled and often oval.",
               "The left renal vein crosses in front of it below the superior mesenteric artery.",
               "Abdominal aneurysms are found in about 4-8% of older male smokers."],
        wrong=[("the inferior vena cava", "the IVC is thin-walled, often oval, and lies to the right"),
               ("the oesophagus", "the oesophagus is a collapsed muscular tube, often with a little air")]),
    "oesophagus": dict(
        name="the oesophagus", syn=["the oesophagus", "the esophagus"], short="oesophagus", kindw="structure",
        gw=["oesophag", "esophag", "gullet"],
        hint=["carries swallowed food down to the stomach"],
        q={"function": ["Which muscular tube on this {img} carries swallowed food from the pharynx down to the stomach?",
                        "Which structure here moves a bolus by peristalsis and has a lower sphincter at the hiatus?"],
           "clinical": ["Progressive difficulty swallowing, first solids and then liquids, with weight loss, in a 65-year-old with long-standing reflux. Which structure should I segment on this {img}?",
                        "Retching after a binge, then severe chest pain and surgical emphysema (Boerhaave). Which structure ruptured? Find it here."],
           "differential": ["Which structure here must be told apart from the descending aorta and from a hiatus hernia, and often holds a small air bubble?"]},
        named=["Segment the oesophagus.", "Outline the esophagus on this {img}."],
        know=["It is about 25 cm long and runs from C6 to the cardia at about T11.",
              "It has three physiological narrowings: at the cricopharyngeus, at the aortic arch and left main bronchus, and at the hiatus."],
        traps=["The trachea lies in front of it in the neck and upper chest.",
               "Barrett's change is found in roughly 5-10% of people with chronic reflux.",
               "The azygos vein arches over the right main bronchus."],
        wrong=[("the descending aorta", "the aorta is round, enhances brightly and lies further to the left"),
               ("the azygos vein", "the azygos is a vessel that enhances with the veins")]),
    "lv": dict(
        name="the left ventricle", syn=["the left ventricle", "the LV cavity"], short="ventricle", kindw="chamber",
        gw=["ventric", r"\blv\b", "myocard"],
        hint=["pumps blood into the systemic circulation at the highest pressure"],
        q={"function": ["Which heart chamber on this {img} pumps oxygenated blood into the systemic circulation at the highest pressure?",
                        "Which chamber here receives blood through the mitral valve and ejects it through the aortic valve?"],
           "clinical": ["Long-standing untreated hypertension and a thick-walled chamber on echo. Which chamber should I segment on this {img}?",
                        "Ejection fraction of 30% after an anterior STEMI. Which chamber's volume do we need from this {img}?"],
           "differential": ["Which thick-walled chamber, not the thin-walled one behind the sternum, takes blood through the mitral valve?"]},
        named=["Segment the left ventricle.", "Outline the LV cavity on this {img}."],
        know=["It pumps oxygenated blood into the aorta; its wall is normally about three times thicker than the right side's.",
              "A normal ejection fraction is roughly 55-70%.",
              "A wall thicker than about 12 mm suggests hypertrophy."],
        traps=["The right ventricle is normally the most anterior chamber, just behind the sternum.",
               "The left atrium is the most posterior chamber and sits in front of the oesophagus.",
               "About 1 in 500 adults has hypertrophic cardiomyopathy."],
        wrong=[("the right ventricle", "the right ventricle is thin-walled and sits further forward and to the right"),
               ("the left atrium", "the left atrium receives the pulmonary veins and is the most posterior chamber")]),
    "rv": dict(
        name="the right ventricle", syn=["the right ventricle", "the RV cavity"], short="ventricle", kindw="chamber",
        gw=["ventric", r"\brv\b", "myocard"],
        hint=["pumps deoxygenated blood into the pulmonary trunk"],
        q={"function": ["Which chamber on this {img} pumps deoxygenated blood into the pulmonary trunk?",
                        "Which chamber here has a moderator band and sends blood through the pulmonary valve?"],
           "clinical": ["Massive pulmonary embolism, with a dilated, hypokinetic chamber and McConnell's sign on echo. Which chamber should be segmented here?",
                        "Arrhythmogenic cardiomyopathy with fatty replacement of a thin free wall. Which chamber on this {img} is involved?"],
           "differential": ["Which coarsely trabeculated chamber here must be told apart from the thick-walled systemic pumping chamber?"]},
        named=["Segment the right ventricle.", "Outline the RV on this {img}."],
        know=["It pumps deoxygenated blood through the pulmonary valve into the pulmonary trunk.",
              "Its free wall is normally only about 3-5 mm thick.",
              "It contains the moderator band, which carries part of the right bundle branch."],
        traps=[("The left ventricle lies behind it and to its left.", [("rel", "anterior_to", "left ventricle"), ("rel", "right_of", "left ventricle")]),
               "At rest the pulmonary circulation carries about 5 L of blood a minute.",
               "The left atrium is the most posterior chamber."],
        wrong=[("the left ventricle", "the left ventricle has a thick wall and lies further back and to the left"),
               ("the right atrium", "the right atrium receives the venae cavae and sits more to the right")]),
    "la": dict(
        name="the left atrium", syn=["the left atrium", "the LA"], short="atrium", kindw="chamber",
        gw=["atri", r"\bla\b"],
        hint=["receives the four pulmonary veins"],
        q={"function": ["Which chamber on this {img} receives oxygenated blood from the four pulmonary veins?",
                        "Which chamber here empties through the mitral valve during diastole?"],
           "clinical": ["An irregularly irregular pulse, and the team wants the appendage checked for thrombus before ablation. Which chamber should be segmented here?",
                        "Rheumatic mitral stenosis with dysphagia from a dilated chamber pressing on the structure behind it. Which chamber is that on this {img}?"],
           "differential": [("Which chamber, the most posterior of the heart, must be told apart from the oesophagus and the descending aorta behind it?",
                             [("rel", "anterior_to", "oesophagus"), ("rel", "anterior_to", "descending aorta")])]},
        named=["Segment the left atrium.", "Outline the LA on this {img}."],
        know=["It receives the four pulmonary veins and passes blood through the mitral valve.",
              "Its appendage is where about 90% of thrombi form in non-valvular fibrillation."],
        traps=["The right atrium receives the superior and inferior venae cavae.",
               ("The oesophagus lies directly behind it, which is why transoesophageal echo sees it so well.", [("rel", "anterior_to", "oesophagus")]),
               "The right ventricle is the most anterior chamber."],
        wrong=[("the oesophagus", "the oesophagus is a muscular tube that may hold air"),
               ("the left ventricle", "the left ventricle is thick-walled and lies further forward and to the left")]),
    "ra": dict(
        name="the right atrium", syn=["the right atrium", "the RA"], short="atrium", kindw="chamber",
        gw=["atri", r"\bra\b"],
        hint=["receives the venae cavae"],
        q={"function": ["Which chamber on this {img} receives the superior and inferior venae cavae and the coronary sinus?",
                        "Which chamber here holds the heart's natural pacemaker?"],
           "clinical": ["A pacemaker lead and a central line tip both end in the same chamber. Which chamber on this {img} is it?",
                        "Severe tricuspid regurgitation with a raised JVP and a dilated chamber receiving the venous return. Which chamber should be segmented here?"],
           "differential": ["Which chamber must be told apart from the right ventricle and the inferior vena cava entering it?"]},
        named=["Segment the right atrium.", "Outline the RA on this {img}."],
        know=["It receives systemic venous return from both venae cavae and the coronary sinus.",
              "It contains the sinoatrial node, the normal pacemaker."],
        traps=[("The left atrium lies behind it and to its left.", [("rel", "anterior_to", "left atrium"), ("rel", "right_of", "left atrium")]),
               "The tricuspid valve has three leaflets.",
               "A patent foramen ovale persists in about 25% of adults."],
        wrong=[("the right ventricle", "the right ventricle lies in front, beyond the tricuspid valve"),
               ("the superior vena cava", "the SVC is a round vessel entering from above")]),
    "heart": dict(
        name="the heart", syn=["the heart", "the cardiac silhouette"], short="heart", kindw="organ",
        gw=["heart", "cardi", r"\bcor\b"],
        hint=["pumps blood through both circulations"],
        q={"function": ["Which organ on this {img} pumps blood through both the pulmonary and the systemic circulation?",
                        "Which muscular organ here beats about 100,000 times a day?"],
           "clinical": ["Breathless patient with ankle swelling and orthopnoea. Whose silhouette width should be compared with the chest width on this film?",
                        "Chest pain with ST elevation in the anterior leads. Which organ on this {img} is involved?"],
           "differential": ["Which central silhouette on this film must be told apart from a fluid collection around it and from an anterior mediastinal mass?"]},
        named=["Segment the heart on this chest X-ray.", "Outline the cardiac silhouette on this {img}."],
        know=["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
              "About two thirds of its mass lies to the left of the midline in most people.",
              "Its right border is formed by the right atrium and its left border by the left ventricle."],
        traps=["The right hemidiaphragm is usually 1-2 cm higher than the left.",
               "The aortic knuckle projects on the left of the upper mediastinum.",
               "Dextrocardia occurs in about 1 in 12,000 people."],
        wrong=[("a fluid collection around it", "that would give a globular, flask-shaped outline"),
               ("the mediastinum", "the mediastinum is the whole central compartment, not one organ")]),
    "lungs": dict(
        name="the lungs", syn=["the lungs", "the lung fields"], short="lungs", kindw="organs",
        gw=["lung", "pulmo", "pneum"], plural=True,
        hint=["perform gas exchange"],
        q={"function": ["Which organs on this {img} perform gas exchange through their alveoli?",
                        "Which air-filled organs here bring inspired oxygen into contact with the blood?"],
           "clinical": ["Long-term smoker with progressive breathlessness and hyperinflation. Which organs should be segmented on this {img} to quantify emphysema?",
                        "Before radiotherapy planning the physicists need the volume of the organs that exchange gas. Which are they here?"],
           "differential": ["Which air-filled structures must be told apart from the trachea and from the stomach bubble below the diaphragm?"]},
        named=["Segment the lungs.", "Outline the lung fields on this {img}."],
        know=["Together they offer a gas-exchange surface of about 70 square metres.",
              "The right one has three lobes and the left one two."],
        traps=["The heart sits slightly to the left, which makes the cardiac notch.",
               "The right hemidiaphragm is usually higher than the left because of the liver.",
               "The trachea divides at the carina at about T4-T5."],
        wrong=[("the trachea", "the trachea is a single midline airway"),
               ("the stomach bubble", "that lies below the diaphragm")]),
    "left_lung": dict(
        name="the left lung", syn=["the left lung", "the left lung field"], short="lung", kindw="organ",
        gw=["lung", "pulmo", "pneum"],
        hint=["has two lobes and a cardiac notch"],
        q={"function": ["Which air-filled organ on this {img} has two lobes and a cardiac notch?",
                        "Which organ here performs gas exchange and is indented by the heart?"],
           "clinical": ["Planned upper lobectomy on the side of the heart's apex. Which organ should be segmented on this {img}?",
                        "Reduced breath sounds and hyperresonance on the side of the cardiac apex. Which organ should I look at here?"],
           "differential": ["Which air-filled organ must be told apart from the stomach bubble under the diaphragm on the same side?"]},
        named=["Segment the left lung.", "Outline the left lung field on this {img}."],
        know=["It has two lobes, upper and lower, and the lingula.",
              "It is a little smaller than the right one because of the heart."],
        traps=["The right lung has three lobes and a horizontal fissure.",
               "The descending aorta runs down to the left of the spine.",
               "About 10% of the population has an azygos fissure on the right."],
        wrong=[("the stomach bubble", "it lies below the diaphragm"),
               ("the right lung", "the right lung has three lobes")]),
    "right_lung": dict(
        name="the right lung", syn=["the right lung", "the right lung field"], short="lung", kindw="organ",
        gw=["lung", "pulmo", "pneum"],
        hint=["has three lobes and a horizontal fissure"],
        q={"function": ["Which air-filled organ on this {img} has three lobes and a horizontal fissure?",
                        ("Which organ here exchanges gas and sits above the right hemidiaphragm?", [("rel", "superior_to", "right hemidiaphragm")])],
           "clinical": ["Aspirated peanut in a child: it usually goes down the wider, more vertical main bronchus. Which organ does that bronchus supply on this {img}?",
                        "Planned middle lobectomy. Which organ should be segmented on this {img}?"],
           "differential": ["Which air-filled organ must be told apart from the trachea and from a large bulla at the apex?"]},
        named=["Segment the right lung.", "Outline the right lung field on this {img}."],
        know=["It has three lobes separated by the oblique and horizontal fissures.",
              "Its main bronchus is wider and more vertical, so aspirated material tends to go there."],
        traps=["The left lung has only two lobes.",
               "The right hemidiaphragm usually sits 1-2 cm higher than the left.",
               "An azygos lobe is seen in about 1% of chest films."],
        wrong=[("the trachea", "the trachea is a single midline tube"),
               ("the left lung", "the left lung has a cardiac notch and only two lobes")]),
    "nodule": dict(
        name="the lung nodule", name_pl="the lung nodules", syn=["the nodule", "the pulmonary nodule"],
        syn_pl=["the nodules", "the pulmonary nodules"], short="nodule", short_pl="nodules", kindw="opacity",
        gw=["lung", "pulmo", "pneum", "nodul", "lesion", r"\bmass", "tumou?r", "cancer", "carcinom", "neoplas",
            "malignan", "metasta"],
        hint=["is a small, round, well-circumscribed opacity under 3 cm"],
        q={"function": ["Which small, well-circumscribed round opacities, under 3 cm, are visible in the aerated parenchyma on this {img}?"],
           "clinical": ["Low-dose screening CT in a 64-year-old with 40 pack-years. Which small round opacities should be outlined for Fleischner follow-up?",
                        "A patient with a known sarcoma primary is being restaged. Which round opacities in the chest need to be measured on this {img}?"],
           "differential": ["Which focal rounded opacities must be told apart from vessels seen end-on and from scarring?"]},
        named=["Segment the lung nodules.", "Outline the pulmonary nodule on this {img}."],
        know=["Solid ones under 6 mm in low-risk patients usually need no routine follow-up under the Fleischner guidance.",
              "Most small ones are benign granulomas or intrapulmonary lymph nodes."],
        traps=["An upper lobe location raises the malignancy risk in the Brock model.",
               "In screening trials about a quarter to a half of smokers have at least one.",
               "Vessels seen end-on connect to branching tubes on the adjacent slices."],
        wrong=[("a vessel seen end-on", "a vessel would connect to branching tubular structures"),
               ("a scar", "scars are linear rather than round")]),
    "effusion": dict(
        name="the pleural effusion", syn=["the effusion", "the pleural fluid"], short="effusion", kindw="collection",
        gw=["pleur", "effusion", "hydroth", r"\bfluid\b"],
        hint=["has collected between the chest wall and the lung"],
        q={"function": ["Which dependent collection between the chest wall and the lung blunts the costophrenic angle on this {img}?"],
           "clinical": ["Breathless patient with heart failure, stony dullness at the base and reduced breath sounds. What has collected around the lung that should be segmented here?",
                        "Febrile after a chest infection, with dull percussion at one base. What should I outline on this {img}?"],
           "differential": ["Which dependent, crescent-shaped collection must be told apart from collapsed lung and from ascites below the diaphragm?"]},
        named=["Segment the pleural effusion.", "Outline the effusion on this {img}."],
        know=["Light's criteria separate transudates from exudates.",
              "About 200 mL is needed to blunt the costophrenic angle on a PA film.",
              "On supine CT it layers in the dependent part of the chest."],
        traps=["Ascites, by contrast, lies below the diaphragm and outside the crura.",
               "Heart-failure effusions are often bilateral and slightly larger on the right.",
               "The right hemidiaphragm normally sits higher than the left."],
        wrong=[("collapsed lung", "collapsed lung enhances and may show air bronchograms"),
               ("ascites", "ascites lies below the diaphragm")]),
}


# -- phrase banks: predicates follow a subject; {is}/{lies}/... agree with it --------------------------------
VERBS = {"is": "are", "lies": "lie", "sits": "sit", "appears": "appear", "projects": "project", "takes": "take",
         "covers": "cover", "accounts": "account", "occupies": "occupy", "forms": "form", "shows": "show",
         "consists": "consist", "falls": "fall", "straddles": "straddle", "has": "have", "does": "do",
         "stays": "stay", "looks": "look", "makes": "make", "fits": "fit"}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
         17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one", 22: "twenty-two",
         23: "twenty-three", 24: "twenty-four", 25: "twenty-five"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior", "left_of": "right_of", "right_of": "left_of",
       "anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
       "inferior_to": "superior_to"}
AXIS = {"left_of": 0, "right_of": 0, "anterior_to": 1, "posterior_to": 1, "superior_to": 1, "inferior_to": 1}


def conj(t: str, plural: bool, **kw) -> str:
    vals = {k: (v if plural else k) for k, v in VERBS.items()}
    vals.update(it="they" if plural else "it", It="They" if plural else "It", its="their" if plural else "its",
                them="them" if plural else "it")
    vals.update(kw)
    return t.format(**vals)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


SIDE_LAT = ["{lies} on the patient's {v}", "{is} on the patient's {v} side", "{sits} in the {v} {half}",
            "{is} {v}-sided", "{is} located to the patient's {v}", "{lies} {v} of the midline",
            "{is} on the {v} side of the body", "{projects} on the image's {iv}, which is the patient's {v}",
            "{appears} on the {iv} of the image, i.e. the patient's {v} in radiological convention",
            "{is} lateralised to the patient's {v}", "{is} confined to the patient's {v} side"]
SIDE_MID = ["{lies} in the midline", "{is} centred on the midline", "{straddles} the midline",
            "{sits} across the midline rather than off to one side", "{is} essentially midline"]
SIDE_BI = ["{is} bilateral", "{is} present on both sides", "{appears} on both the patient's left and right",
           "{occupies} both sides of the body", "{is} seen on the patient's left and on the right"]
ODD_SIDE = {"lat": ["{is} at the {v} side of patient", "{is} in patient {v} part", "{is} on {v} hand side of the patient"],
            "midline": ["{is} in the middle line of the body", "{is} midline, in the middle of body"],
            "bilateral": ["{is} on two sides, the left and the right both", "{is} bilateral, both side"]}
VERT = {"LP": {"anterior": ["{lies} anteriorly", "{is} in the anterior part of the slice", "{sits} toward the front of the body",
                            "{is} anterior in position", "{is} ventrally placed"],
               "posterior": ["{lies} posteriorly", "{sits} toward the back of the body", "{is} in the posterior part of the slice",
                             "{is} dorsally placed", "{is} posterior in position"],
               "central": ["{sits} midway between front and back", "{is} central in the front-to-back direction",
                           "{lies} at mid-depth, neither anterior nor posterior", "{is} centrally placed anteroposteriorly"]},
        "LI": {"superior": ["{lies} superiorly", "{is} in the upper part of the image", "{sits} high in the image",
                            "{is} cranially placed", "{is} superior in position"],
               "inferior": ["{lies} inferiorly", "{is} in the lower part of the image", "{sits} low in the image",
                            "{is} caudally placed", "{is} inferior in position"],
               "central": ["{sits} at mid-height in the image", "{is} central craniocaudally",
                           "{lies} midway between the top and bottom of the image, neither superior nor inferior"]}}
ODD_VERT = {"anterior": ["{is} at front part (anterior)", "{is} more to front side, anterior"],
            "posterior": ["{is} at back part (posterior)", "{is} more to back side, posterior"],
            "central": ["{is} in middle part, not front not back", "{is} middle in depth"],
            "superior": ["{is} at top part (superior)", "{is} high up, superior"],
            "inferior": ["{is} at bottom part (inferior)", "{is} low down, inferior"]}
SIZE = {"small": ["{is} small", "{is} small on this slice", "{takes} up only a small part of the image",
                  "{falls} in the small range", "{is} compact and small"],
        "medium": ["{is} medium-sized", "{is} of moderate size", "{is} intermediate in size", "{is} mid-sized on this image",
                   "{falls} in the medium size range"],
        "large": ["{is} large", "{takes} up a large share of the image", "{is} sizeable", "{is} large on this slice",
                  "{falls} in the large size range"]}
ODD_SIZE = {"small": ["{is} small size only", "{is} of little size, small"], "medium": ["{is} middle size", "{is} medium of size"],
            "large": ["{is} big, large size", "{is} large of size"]}
ADJ = {"small": ["small"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "sizeable"]}
PCT = ["{covers} {p} of the image", "{takes} up {p} of the image area", "{accounts} for {p} of the pixels",
       "{occupies} {p} of the frame", "{covers} {p} of the image area"]
SIZEPCT = ["{is} {adj} ({p} of the image)", "{is} {adj}, covering {p} of the image area", "{is} {adj} at {p} of the image",
           "{is} {adj}: {p} of the image area"]
COUNT1 = ["{is} a single connected region", "{is} in one piece", "{forms} one contiguous area", "{shows} as a single part",
          "{is} one continuous region"]
COUNTN = ["{is} made up of {n} separate {unit}", "{shows} {n} distinct {unit}", "{consists} of {n} separate {unit}",
          "{is} split into {n} separate {unit}", "{appears} as {n} separate {unit}"]
ODD_COUNT1 = ["{has} only one piece", "{is} one piece, single"]
ODD_COUNTN = ["{has} {n} pieces, separate", "{is} in {n} pieces, not joined"]
REL = {"left_of": ["to the patient's left of", "left of"], "right_of": ["to the patient's right of", "right of"],
       "anterior_to": ["anterior to", "in front of"], "posterior_to": ["posterior to", "behind"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
REL_T = ["{lies} {adv} the {o}", "{is} {adv} the {o}", "{sits} {adv} the {o}"]
ODD_REL = {"posterior_to": "behind of", "anterior_to": "in front from", "left_of": "more left than",
           "right_of": "more right than", "superior_to": "upper than", "inferior_to": "lower than"}


def pct_forms(p: float) -> list[tuple[str, float]]:
    """True ways to write p percent (each within 12% of it)."""
    out = []
    ok = lambda v: v > 0 and abs(v - p) / p <= 0.12
    d = round(p, 1) if p >= 1 else round(p, 2)
    out += [(f"{d:g}%", d), (f"about {d:g}%", d), (f"roughly {d:g} percent", d), (f"~{d:g} %", d), (f"{d:g} per cent", d)]
    if p < 1 and ok(round(p, 1)):
        out.append((f"about {round(p, 1):g}%", round(p, 1)))
    r = round(p)
    if r >= 1 and ok(r):
        out += [(f"about {r}%", r), (f"roughly {r}%", r)]
        if r in WORDS:
            out.append((f"about {WORDS[r]} percent", r))
    for n, w in ((5, "a fifth"), (8, "an eighth"), (10, "a tenth"), (12, "a twelfth"), (4, "a quarter")):
        if ok(100 / n):
            out.append((f"about {w}", round(100 / n, 2)))
    return out


def pct_wrong(p: float, rng: random.Random) -> tuple[str, float]:
    for _ in range(20):
        f = rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
        w = p * f
        if w > 85:
            continue
        d = round(w, 1) if w >= 1 else round(w, 2)
        if d > 0 and (d / p < 0.38 or d / p > 2.6):
            return rng.choice([f"{d:g}%", f"about {d:g}%", f"roughly {d:g} percent", f"{d:g} per cent"]), d
    d = round(p * 0.2, 2)
    return f"{d:g}%", d


def _hit(g: str, text: str) -> bool:
    """Does pattern g (a stem, optionally with a word boundary \\b at either end and "u?" for tumo(u)r) occur in text?"""
    for v in ([g.replace("u?", "u"), g.replace("u?", "")] if "u?" in g else [g]):
        lead, trail = v.startswith("\\b"), v.endswith("\\b")
        core = v[2 if lead else 0:len(v) - (2 if trail else 0)]
        i = text.find(core)
        while i >= 0:
            j = i + len(core)
            if (not lead or i == 0 or not text[i - 1].isalnum()) and (not trail or j == len(text) or not text[j].isalnum()):
                return True
            i = text.find(core, i + 1)
    return False


# -- the row builder ---------------------------------------------------------------------------------------
class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.k = K[p["key"]]
        self.o = p["orient"]
        self.comps = facts["components"]
        self.lesion = p.get("lesion", False)
        self.plural = p.get("plural", False) or self.k.get("plural", False)
        if self.lesion:
            many = self.comps > 1
            self.plural = many
            self.name = self.k["name_pl"] if many else self.k["name"]
            self.syn = self.k["syn_pl"] if many else self.k["syn"]
            self.short = self.k["short_pl"] if many else self.k["short"]
        else:
            self.name, self.syn, self.short = self.k["name"], self.k["syn"], self.k["short"]
        self.claims: list[dict] = []
        self.turns: list[dict] = []
        self.trap_texts: list[str] = []
        self.half = {"chest": "hemithorax", "abdomen": "side of the abdomen", "pelvis": "side of the pelvis"}[p["region"]]
        self.img = {("CT", "LP"): ["CT slice", "axial CT image", "CT"], ("MR", "LP"): ["MR slice", "axial MRI", "MR image"],
                    ("MR", "LI"): ["coronal MR image", "coronal MRI slice"],
                    ("XR", "LI"): ["chest radiograph", "frontal chest film", "PA chest X-ray"]}[(p["mod"], self.o)]
        rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        axes = p.get("rel_axes", (0, 1))
        self.rels = [r for r in rels if AXIS[r[1]] in axes]
        self.cite = "[image]" if p["mod"] == "XR" else "[slice]"
        self.unit = rng.choice(["foci", "lesions"]) if self.lesion else rng.choice(["parts", "pieces", "regions", "islands"])

    # ---- claims
    def claim(self, kind, val, text, other=None, mode="assert", planted=False):
        self.claims.append({"t": len(self.turns), "kind": kind, "val": val, "other": other, "mode": mode,
                            "text": text, "planted": planted})

    def subj(self, first_person=False):
        r = self.rng.random()
        if r < 0.35:
            return ("they" if self.plural else "it"), self.plural
        if r < 0.55:
            return self.name, self.plural
        if r < 0.7:
            s = self.rng.choice(self.syn)
            return s, self.plural and (s.endswith("s") or s.endswith("foci"))
        return self.rng.choice(["the segmented region", "the highlighted area", "the mask", "this structure",
                                "the marked region"]), False

    def pred(self, it: dict, plural: bool, odd=False) -> str:
        """The predicate for one item (and its claim(s) recorded with the exact words)."""
        rng, kind, v = self.rng, it["kind"], it.get("val")
        pl = it.get("planted", False)
        mode = it.get("mode", "assert")
        if kind == "side":
            if it.get("confuse"):  # image side read as the patient's side
                t = conj(rng.choice(["{appears} on the image's {iv}, so on the patient's {v}",
                                     "{shows} up on the {iv} of the image, i.e. the patient's {v}"]), plural, v=v, iv=v)
            elif v in ("left", "right"):
                bank = ODD_SIDE["lat"] if odd else SIDE_LAT
                if it.get("convention"):
                    bank = SIDE_LAT[7:9]
                t = conj(rng.choice(bank), plural, v=v, iv=OPP[v], half=self.half)
            else:
                t = conj(rng.choice(ODD_SIDE[v] if odd else (SIDE_MID if v == "midline" else SIDE_BI)), plural)
            self.claim("side", v, t, mode=mode, planted=pl)
            return t
        if kind == "side_not":
            if v == "one_side":
                t = conj(rng.choice(["{is} not lateralised to either side", "{is} not off to one side"] if self.f["laterality"] == "midline"
                                    else ["{is} not confined to one side", "{is} not limited to one side"]), plural)
            elif v == "midline":
                t = conj(rng.choice(["{is} not a midline structure here", "{does} not sit in the midline"]), plural)
            else:
                t = conj(rng.choice(["{is} not on the patient's {v}", "{does} not lie on the patient's {v} side"]), plural, v=v)
            self.claim("side_not", v, t, mode=mode, planted=pl)
            return t
        if kind == "vert":
            bank = ODD_VERT[v] if odd else VERT[self.o][v]
            t = conj(rng.choice(bank), plural)
            self.claim("vert", v, t, mode=mode, planted=pl)
            return t
        if kind == "vert_not":
            t = conj(rng.choice(["{is} not {v}", "{does} not lie {v}ly"] if v != "central" else ["{is} not central"]), plural, v=v)
            self.claim("vert_not", v, t, mode=mode, planted=pl)
            return t
        if kind == "size":
            t = conj(rng.choice(ODD_SIZE[v] if odd else SIZE[v]), plural)
            self.claim("size", v, t, mode=mode, planted=pl)
            return t
        if kind == "pct":
            t = conj(rng.choice(PCT), plural, p=it["text"])
            self.claim("pct", v, t, mode=mode, planted=pl)
            return t
        if kind == "sizepct":
            cls, pit = it["cls"], it["pct"]
            t = conj(rng.choice(SIZEPCT), plural, adj=rng.choice(ADJ[cls["val"]]), p=pit["text"])
            self.claim("size", cls["val"], t, mode=mode, planted=cls.get("planted", False))
            self.claim("pct", pit["val"], t, mode=mode, planted=pit.get("planted", False))
            return t
        if kind == "count":
            if v == 1:
                t = conj(rng.choice(ODD_COUNT1 if odd else COUNT1), plural)
            else:
                n = WORDS[v] if rng.random() < 0.6 else str(v)
                t = conj(rng.choice(ODD_COUNTN if odd else COUNTN), plural, n=n, unit=self.unit)
            self.claim("count", v, t, mode=mode, planted=pl)
            return t
        if kind == "count_not":
            t = conj(rng.choice(["{is} not split into separate pieces", "{is} not fragmented"] if v == "multi"
                                else ["{is} not one continuous region", "{is} not a single piece"]), plural)
            self.claim("count_not", v, t, mode=mode, planted=pl)
            return t
        if kind == "rel":
            adv = ODD_REL[v] if odd else rng.choice(REL[v])
            t = conj(rng.choice(REL_T), plural, adv=adv, o=it["other"])
            self.claim("rel", v, t, other=it["other"], mode=mode, planted=pl)
            return t
        if kind == "rel2":  # two relations to the same structure in one clause
            a, b = it["a"], it["b"]
            t = conj(rng.choice(["{lies} {x} and {y} the {o}", "{is} {x} and {y} the {o}"]), plural,
                     x=rng.choice(REL[a["val"]]), y=rng.choice(REL[b["val"]]), o=a["other"])
            self.claim("rel", a["val"], t, other=a["other"], mode=mode, planted=a.get("planted", False))
            self.claim("rel", b["val"], t, other=b["other"], mode=mode, planted=b.get("planted", False))
            return t
        if kind == "rel_none":
            o = it["other"]
            if v == 0:
                t = conj(rng.choice(["{is} roughly in line with the {o} from side to side",
                                     "{is} about level with the {o} left to right, with no clear side relation"]), plural, o=o)
            elif self.o == "LP":
                t = conj(rng.choice(["{is} at about the same depth as the {o}", "{is} roughly level with the {o} front to back"]), plural, o=o)
            else:
                t = conj(rng.choice(["{is} at roughly the same height as the {o}", "{is} about level with the {o} top to bottom"]), plural, o=o)
            self.claim("rel_none", v, t, other=o, mode=mode, planted=pl)
            return t
        raise ValueError(kind)

    # ---- items (true, or planted with a wrong value)
    def cat_of(self, kind, other=None, val=None):
        if kind in ("side", "side_not"):
            return "side"
        if kind in ("vert", "vert_not"):
            return "vert"
        if kind in ("size", "pct"):
            return "size"
        if kind in ("count", "count_not"):
            return "count"
        return ("rel", other, val if kind == "rel_none" else AXIS[val])

    def true_items(self, cat) -> list[dict]:
        f, rng = self.f, self.rng
        if cat == "side":
            return [{"kind": "side", "val": f["laterality"]}]
        if cat == "vert":
            return [{"kind": "vert", "val": f["vertical"]}]
        if cat == "count":
            return [{"kind": "count", "val": self.comps}]
        if cat == "size":
            txt, val = rng.choice(pct_forms(100 * f["area_fraction"]))
            c, pc = {"kind": "size", "val": f["size_class"]}, {"kind": "pct", "val": val, "text": txt}
            r = rng.random()
            return [c] if r < 0.3 else [pc] if r < 0.5 else [{"kind": "sizepct", "cls": c, "pct": pc}]
        _, o, ax = cat
        return [{"kind": "rel", "val": rel, "other": o} for oo, rel in self.rels if oo == o and AXIS[rel] == ax]

    def planted_item(self, cat) -> dict:
        f, rng = self.f, self.rng
        if cat == "side":
            lat = f["laterality"]
            if lat in ("left", "right"):
                r = rng.random()
                if r < 0.25 and self.o in ("LP", "LI"):
                    return {"kind": "side", "val": OPP[lat], "planted": True, "confuse": True}
                return {"kind": "side", "val": "midline" if r > 0.88 else OPP[lat], "planted": True}
            if lat == "midline":
                return {"kind": "side", "val": rng.choice(["left", "right"]), "planted": True}
            return {"kind": "side", "val": rng.choice(["left", "right"]), "planted": True}
        if cat == "vert":
            v = f["vertical"]
            if v == "central":
                w = rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
            else:
                w = OPP[v]
            return {"kind": "vert", "val": w, "planted": True}
        if cat == "count":
            n = self.comps
            w = n + 1 if n == 1 else rng.choice([n - 1, n + 1])
            return {"kind": "count", "val": w, "planted": True}
        if cat == "size":
            if rng.random() < 0.5:
                w = rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
                return {"kind": "size", "val": w, "planted": True}
            txt, val = pct_wrong(100 * f["area_fraction"], rng)
            return {"kind": "pct", "val": val, "text": txt, "planted": True}
        _, o, ax = cat
        rel = next(rel for oo, rel in self.rels if oo == o and AXIS[rel] == ax)
        return {"kind": "rel", "val": OPP[rel], "other": o, "planted": True}

    def negation(self, cat) -> dict | None:
        f, rng = self.f, self.rng
        if cat == "side":
            lat = f["laterality"]
            if lat in ("left", "right"):
                return {"kind": "side_not", "val": rng.choice([OPP[lat], OPP[lat], "midline"])}
            return {"kind": "side_not", "val": "one_side"}
        if cat == "vert":
            v = f["vertical"]
            if v == "central":
                return {"kind": "vert_not", "val": rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])}
            return {"kind": "vert_not", "val": rng.choice([OPP[v], "central"])}
        if cat == "count":
            return {"kind": "count_not", "val": "multi" if self.comps == 1 else "single"}
        return None

    def rel_cats(self):
        return [("rel", o, AXIS[r]) for o, r in self.rels]

    def rel_none_items(self, avoid):
        """Others with no relation on an axis (say so truly), excluding the planted category."""
        out = []
        for o in self.p["others"]:
            for ax in (0, 1):
                if ax not in self.p.get("rel_axes", (0, 1)):
                    continue
                if not any(oo == o and AXIS[r] == ax for oo, r in [(r["other"], r["relation"]) for r in self.f["relations"]]):
                    if ("rel", o, ax) != avoid and any(oo == o for oo, _ in self.rels):
                        out.append({"kind": "rel_none", "val": ax, "other": o})
        return out

    def knowledge_ok(self, entry, C):
        """A knowledge entry (text or (text, claims)): usable when every claim about a structure of this image
        holds and none touches the planted category."""
        if isinstance(entry, str):
            return True
        for kind, val, other in entry[1]:
            if other is not None and other not in self.p["others"]:
                continue
            if kind == "side" and (val != self.f["laterality"] or C == "side"):
                return False
            if kind == "rel":
                if (other, val) not in [(r["other"], r["relation"]) for r in self.f["relations"]]:
                    return False
                if C == ("rel", other, AXIS[val]):
                    return False
        return True

    def say_knowledge(self, entry):
        """Text of a knowledge entry; its claims about structures of this image go to the ledger."""
        self.trap_texts.append(entry if isinstance(entry, str) else entry[0])
        if isinstance(entry, str):
            return entry
        text, cl = entry
        for kind, val, other in cl:
            if other is None or other in self.p["others"]:
                self.claim(kind, val, text.rstrip("."), other=other, mode="assert")
        return text

    # ---- sentences
    def merge(self, items):
        """Join two relations to the same structure into one clause now and then."""
        out, i = [], 0
        while i < len(items):
            a = items[i]
            if (a["kind"] == "rel" and i + 1 < len(items) and items[i + 1]["kind"] == "rel"
                    and items[i + 1]["other"] == a["other"] and self.rng.random() < 0.6):
                out.append({"kind": "rel2", "a": a, "b": items[i + 1]})
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def sents(self, items, cite="", odd=False, join_p=0.4, name_subj=False):
        rng, out, i = self.rng, [], 0
        items = self.merge(items)
        while i < len(items):
            if name_subj and rng.random() < 0.6:
                s, pl = (self.name if rng.random() < 0.5 else "the " + self.short), self.plural
            else:
                s, pl = self.subj()
            a = self.pred(items[i], pl, odd=odd and rng.random() < 0.45)
            if i + 1 < len(items) and rng.random() < join_p:
                b = self.pred(items[i + 1], pl, odd=odd and rng.random() < 0.45)
                out.append(f"{cap(s)} {a}{cite} and {b}{cite}.")
                i += 2
            else:
                out.append(f"{cap(s)} {a}{cite}.")
                i += 1
        return out

    def think_sents(self, items):
        rng, out = self.rng, []
        for it in self.merge(items):
            lead = rng.choice(["The facts say it ", "Per the measurements it ", "Image-wise, it ", "So it ",
                               "Checking the image: it ", "The mask "])
            out.append(lead + self.pred(it, False) + ".")
        return out

    def bullets(self, items):
        key = {"side": "Side", "side_not": "Side", "vert": "Position", "vert_not": "Position", "size": "Size",
               "pct": "Size", "sizepct": "Size", "count": "Parts", "count_not": "Parts", "rel": "Relation",
               "rel2": "Relations", "rel_none": "Relation"}
        lines = []
        for it in self.merge(items):
            k = key[it["kind"]]
            if k == "Relation" and self.rng.random() < 0.5:
                k = f"Relation to the {it['other']}"
            n0 = len(self.claims)
            t = self.pred(it, False)
            if t.startswith("is ") and self.rng.random() < 0.8:  # a bullet reads "Bilateral." rather than "Is bilateral."
                for c in self.claims[n0:]:
                    c["text"] = t[3:]
                t = t[3:]
            lines.append(f"- **{k}:** {cap(t)}.")
        return lines

    def name_sentence(self):
        s = self._name_sentence()
        if self.plural:
            s = s.replace("This structure is", "These are").replace("This is", "These are").replace("It is", "They are")
        return s

    def _name_sentence(self):
        rng, n = self.rng, self.name
        st = self.style
        if st == "deepseek_r1":
            return rng.choice([f"This is {n} [SEG].", f"The structure described is {n} [SEG].", f"Answer: {n} [SEG]."])
        if st == "phi_small":
            return rng.choice([f"The answer is {n} [SEG].", f"It is {n} [SEG].", f"This structure is {n} [SEG]. Yes, {n}."])
        if st == "gemini":
            return rng.choice([f"The structure described is **{n.replace('the ', '', 1)}** [SEG].",
                               f"This is **{n}** [SEG].", f"You are looking for **{n}** [SEG]."])
        return rng.choice([f"The described structure is {n} [SEG] {self.cite}.", f"Based on the image, this is {n} [SEG].",
                           f"This corresponds to {n} [SEG] [atlas]."])

    # ---- user turns
    def ask(self):
        them = "them" if self.k.get("plural") or (self.lesion and self.plural) else "it"
        return self.rng.choice([f"Please segment {them}.", f"Segment {them}, please.", f"Can you outline {them}?",
                                f"Mark {them} for segmentation.", f"Please highlight {them} on the image."])

    def gives_away(self, text):
        return any(_hit(g, text.lower()) for g in self.k["gw"])

    def first_question(self):
        rng, k = self.rng, self.k
        img = rng.choice(self.img)
        if self.defect == "names_target":
            q = rng.choice(k["named"]).format(img=img)
            return rng.choice(["", "Quick one: ", "Teaching case. ", "For the annotation queue: "]) + q
        rel_ok = [(o, r) for o, r in self.rels if not self.gives_away(o) and ("rel", o, AXIS[r]) != self.C]
        plant_here = (isinstance(self.C, tuple) and self.loc == "user" and rng.random() < 0.5
                      and not self.gives_away(self.C[1]))
        styles = ["function", "clinical", "differential"] + (["relation", "relation"] if rel_ok or plant_here else [])
        style = "relation" if plant_here else rng.choice(styles)
        if style == "relation":
            if plant_here:
                it = self.planted_item(self.C)
                self.q_planted = True
            else:
                o, r = rng.choice(rel_ok)
                it = {"kind": "rel", "val": r, "other": o}
            adv = rng.choice(REL[it["val"]])
            pl = bool(k.get("plural"))
            hint = rng.choice(k["hint"])
            t = rng.choice(["Which {kindw} on this {img} {lies} {adv} the {o} and {hint}?",
                            "Which {kindw} here {lies} {adv} the {o}? Hint: {it} {hint}.",
                            "Looking at this {img}: which {kindw} {lies} {adv} the {o}, the {one} that {hint}?"])
            q = conj(t, pl, kindw=k["kindw"], img=img, adv=adv, o=it["other"], hint=hint, one="ones" if pl else "one")
            self.claim("rel", it["val"], f"{adv} the {it['other']}", other=it["other"], mode="user",
                       planted=it.get("planted", False))
            return q + " " + self.ask()
        cands = [e for e in k["q"][style] if self.knowledge_ok(e, self.C)] or [e for e in k["q"]["clinical"] if isinstance(e, str)]
        e = rng.choice(cands)
        text = (e if isinstance(e, str) else e[0]).format(img=img)
        if not isinstance(e, str):
            for kind, val, other in e[1]:
                if other is None or other in self.p["others"]:
                    self.claim(kind, val, text, other=other, mode="user")
        return text + " " + self.ask()

    def topic_question(self, topic, other=None):
        rng, pl = self.rng, self.plural
        o = self.o
        bank = {
            "side": ["Which side of the patient {is} {it} on?", "Is that the patient's left or right, or midline?",
                     "Which side would that be for the patient, given the radiological display?", "Left, right, midline or both sides?"],
            "vert": (["{Is} {it} toward the front or the back of the body on this slice?", "Anterior or posterior?",
                      "Where {does} {it} sit front to back?"] if o == "LP" else
                     ["{Is} {it} high or low on the image?", "Superior or inferior?", "Where {does} {it} sit top to bottom on this image?"]),
            "size": ["How big {is} {it} on this image?", "What fraction of the image {does} {it} take up?",
                     "Would you call {them} small, medium or large here?", "How much of the image {does} {it} cover?"],
            "count": ["{Is} {it} one continuous region or several?", "How many separate parts does the segmentation have?",
                      "Is the mask in one piece?", "How many separate pieces are there?"],
            "rel": ["How {does} {it} relate to the {o}?", "Where {is} {it} relative to the {o}?",
                    "What is {its} position relative to the {o} on this slice?"],
            "summary": ["Can you summarise where {it} {is} and how big?", "Give me a one-line summary.",
                        "Summarise the findings for this structure, please.", "Quick recap?"],
            "function": ["What {does} {it} do?", "Remind me of {its} main function?", "Why {does} {it} matter physiologically?"],
            "clinical": ["Why would a clinician care about {them}?", "What conditions affect {them}?", "What is the clinical relevance here?"],
        }[topic]
        return conj(rng.choice(bank), pl, Is="Are" if pl else "Is", o=other or "")

    def premise(self, it) -> str:
        """A user's statement of an image claim (true or false); the claim goes to the ledger as the user's."""
        rng, kind, v = self.rng, it["kind"], it.get("val")
        mode = it.get("mode", "user")
        pl = self.plural
        if kind == "side":
            ph = {"left": ["on the patient's left", "left-sided"], "right": ["on the patient's right", "right-sided"],
                  "midline": ["in the midline"], "bilateral": ["on both sides", "bilateral"]}[v]
            c = rng.choice(ph)
        elif kind == "vert":
            c = rng.choice({"anterior": ["anterior", "toward the front"], "posterior": ["posterior", "toward the back"],
                            "central": ["at mid-depth"], "superior": ["high in the image", "superior"],
                            "inferior": ["low in the image", "inferior"]}[v])
        elif kind == "size":
            c = rng.choice({"small": ["small", "a small region"], "medium": ["medium-sized"],
                            "large": ["large", "a large area"]}[v])
        elif kind == "pct":
            c = f"about {it['text'].replace('about ', '').replace('roughly ', '')} of the image"
        elif kind == "count":
            c = "in one piece" if v == 1 else f"in {WORDS[v]} separate {self.unit}"
        elif kind == "rel":
            c = f"{rng.choice(REL[v])} the {it['other']}"
        else:
            raise ValueError(kind)
        self.claim(kind if kind != "pct" else "pct", v, c, other=it.get("other"), mode=mode, planted=it.get("planted", False))
        is_ = "they're" if pl else "it's"
        return c, is_

    # ---- assistant turns
    def cite_know(self, t, tag=None):
        if self.style != "command_r":
            return t
        return t[:-1] + " " + (tag or self.rng.choice(["[atlas]", "[atlas]", "[anatomy]"])) + t[-1]

    def first_answer(self, items, know, trap, hyp):
        rng, st, k = self.rng, self.style, self.k
        if st == "deepseek_r1":
            wrong = rng.choice(k["wrong"])
            n_think = rng.choice([0, 1, 1, 2]) if len(items) > 1 else 0
            th_items, an_items = items[:n_think], items[n_think:]
            hint = rng.choice(k["hint"])
            what = k["kindw"] if k.get("plural") else "a structure"
            th = [rng.choice([f"The question points to {what} that {hint}.",
                              f"They describe {what} that {hint}; that should be {self.name}.",
                              f"Clinical picture first. {cap(what)} that {hint}: {self.name}."]),
                  rng.choice([f"Could it be {wrong[0]}? No: {wrong[1]}.", f"Is it {wrong[0]}? Unlikely, because {wrong[1]}.",
                              f"I considered {wrong[0]} and rejected it: {wrong[1]}."])]
            th += self.think_sents(th_items)
            if rng.random() < 0.35:
                th.append(rng.choice(["Keep it to two or three sentences and only what was measured.",
                                      "Don't mention the instructions; the token goes right after the name.",
                                      "Patient terms for sides, not image terms."]))
            reasoning_form = rng.random() >= 0.65
            ns = self.name_sentence()
            while reasoning_form and ns.startswith("Answer:"):
                ns = self.name_sentence()
            ans = [ns] + self.sents(an_items) + [know] + ([trap] if trap else []) + ([hyp] if hyp else [])
            if not reasoning_form:
                return "<think>\n" + " ".join(th) + "\n</think>\n\n" + " ".join(ans)
            return "Reasoning: " + " ".join(th) + "\n\nAnswer: " + " ".join(ans)
        if st == "phi_small":
            out = [self.name_sentence()] + self.sents(items, odd=True, join_p=0.15, name_subj=True) + [know]
            if trap:
                out.append(trap)
            if hyp:
                out.append(hyp)
            if rng.random() < 0.4:
                out.append(rng.choice([f"So the answer is {self.name}.", f"Again, {self.name}."]))
            return " ".join(out)
        if st == "gemini":
            wrong = rng.choice(k["wrong"])
            parts = [rng.choice(["### Identification\n", "**Identification**\n", "## Answer\n"]) + self.name_sentence()]
            parts.append(rng.choice(["### On this image\n", "**Findings on this image**\n", "### Location & size\n"]) + "\n".join(self.bullets(items)))
            why = [f"{'They' if k.get('plural') else 'It'} {rng.choice(k['hint'])}.",
                   rng.choice([f"Less likely: {wrong[0]}, because {wrong[1]}.", f"Not {wrong[0]}: {wrong[1]}."]), know]
            if trap:
                why.append(trap)
            if hyp:
                why.append(hyp)
            parts.append(rng.choice(["### Why this fits\n", "**Reasoning**\n", "### Key points\n"]) + " ".join(why))
            summ = [c for c in self.summary_cats if c != self.C]
            if summ and rng.random() < 0.8:
                sit = [self.true_items(c)[0] for c in summ[:2]]
                s = self.sents(sit, join_p=1.0)
                parts.append("**Summary:** " + " ".join(s))
            else:
                parts.append(f"**Summary:** {cap(self.name)} is the target, marked above.")
            return "\n\n".join(parts)
        # command_r
        out = [self.name_sentence()] + self.sents(items, cite=" " + self.cite) + [self.cite_know(know)]
        if trap:
            out.append(self.cite_know(trap))
        if hyp:
            out.append(hyp)
        return " ".join(out)

    def follow_answer(self, items, texts, opener="", topic=""):
        rng, st = self.rng, self.style
        texts = [self.cite_know(t) for t in texts]
        if st == "deepseek_r1":
            body = (opener + " ".join(self.sents(items) + texts)).strip()
            if rng.random() < 0.45:
                note = rng.choice([f"They want the {topic or 'details'}; answer from the measurements only.",
                                   "Short answer, grounded in what was measured.", "No segmentation token here; just answer.",
                                   "One or two sentences is enough."])
                return "<think>" + note + "</think>\n\n" + body
            return body
        if st == "phi_small":
            return (opener + " ".join(self.sents(items, odd=True, join_p=0.1, name_subj=True) + texts)).strip()
        if st == "gemini":
            if len(items) >= 2:
                lines = self.bullets(items)
                head = rng.choice(["Here's the breakdown:", "On this image:", "Key measurements:"])
                tail = ("\n\n" + " ".join(texts)) if texts else ""
                return (opener + head + "\n" + "\n".join(lines) + tail).strip()
            if items:
                s = self.sents(items)
                lead = "" if opener else rng.choice(["**Short answer:** ", "**In brief:** ", ""])
                return (opener + lead + " ".join(s + texts)).strip()
            return (opener + ("" if opener else rng.choice(["**Key point:** ", ""])) + " ".join(texts)).strip()
        return (opener + " ".join(self.sents(items, cite=" " + self.cite) + texts)).strip()

    # ---- the whole conversation
    def compose(self):
        rng, f, k = self.rng, self.f, self.k
        self.C, self.loc, self.q_planted = None, None, False
        d = self.defect
        if d == "laterality":
            self.C = "side"
        elif d == "position":
            self.C = rng.choice(self.rel_cats()) if self.rels and rng.random() < 0.5 else "vert"
        elif d == "size":
            self.C = "size"
        elif d == "count":
            self.C = "count"
        if self.C is not None:
            r = rng.random()
            self.loc = "first" if r < 0.6 else "follow" if r < 0.8 else "user"
        cats = ["side", "vert", "size", "count"] + list(dict.fromkeys(self.rel_cats()))
        free = [c for c in cats if c != self.C]
        free_rel = [c for c in free if isinstance(c, tuple)]
        lat = f["laterality"]
        no_function = self.lesion or self.p["key"] == "effusion"

        self.turns.append({"role": "user", "content": self.first_question()})

        # follow-up plan
        topics = []
        if self.loc == "follow":
            topics.append(("planted", self.C))
        if self.loc == "user" and not self.q_planted:
            topics.append(("premise", self.C))
        if self.C is None and rng.random() < 0.4:
            topics.append(("correct", rng.choice(free)))
        n_f = max(len(topics), rng.choice([1, 1, 2, 2, 2]))
        pool = ["side", "vert", "size", "count", "summary", "clinical"] + ([] if no_function else ["function"])
        pool = [t for t in pool if t != self.C] + (["rel"] if free_rel else [])
        while len(topics) < n_f:
            t = rng.choice(pool)
            if (t, None) not in topics:
                topics.append((t, None))
        rng.shuffle(topics)

        # first answer
        weights = {"side": 0.8, "vert": 0.55, "size": 0.65, "count": 0.45}
        pick = [c for c in ("side", "vert", "size", "count") if c in free and rng.random() < weights[c]]
        if free_rel and rng.random() < 0.55:
            c = rng.choice(free_rel)
            pick.append(c)
            twin = [x for x in free_rel if x[1] == c[1] and x != c]
            if twin and rng.random() < 0.6:
                pick.append(twin[0])
        while len(pick) < 2:
            c = rng.choice(free)
            if c not in pick:
                pick.append(c)
        self.summary_cats = pick
        items = [it for c in pick for it in self.true_items(c)]
        if self.loc == "first":
            items.insert(rng.randrange(len(items) + 1), self.planted_item(self.C))
        # trap items: true negations, the radiological convention, "no relation on this axis"
        opts = [self.negation(c) for c in ("side", "vert", "count") if c != self.C]
        if self.C != "side" and lat in ("left", "right"):
            opts += [{"kind": "side", "val": lat, "convention": True}] * 2
        opts += self.rel_none_items(self.C)
        opts = [o for o in opts if o]
        trap_item = rng.choice(opts) if opts else None
        factual = [i for i, (t, _) in enumerate(topics) if t not in ("function", "clinical")]
        trap_in_first = trap_item is not None and (rng.random() < 0.7 or not factual)
        if trap_in_first:
            items.insert(rng.randrange(1, len(items) + 1), trap_item)
        know = rng.choice(k["know"])
        traps = [t for t in k["traps"] if self.knowledge_ok(t, self.C)]
        rng.shuffle(traps)
        trap = self.say_knowledge(traps.pop()) if traps else None
        hyp = None
        r = rng.random()
        if self.C != "side" and lat in ("left", "right") and r < 0.3:
            hyp = rng.choice([f"If it were on the patient's {OPP[lat]}, I would first check the image orientation.",
                              f"Had it appeared on the patient's {OPP[lat]}, a mirrored header would be the first suspicion."])
        elif self.C != "size" and f["size_class"] != "large" and r < 0.45:
            hyp = "Had it covered more than 5% of the image, it would count as large."
        self.turns.append({"role": "assistant", "content": self.first_answer(items, know, trap, hyp)})

        # follow-ups
        leftover = None if trap_in_first else trap_item
        home = factual[0] if factual else 0
        for i, (topic, arg) in enumerate(topics):
            extra = []
            if leftover is not None and i == home:
                extra, leftover = [leftover], None
            self.round(topic, arg, free, free_rel, traps, extra, no_function)

    def round(self, topic, arg, free, free_rel, traps, extra, no_function):
        rng, k = self.rng, self.k
        tname = lambda c: "rel" if isinstance(c, tuple) else c
        opener, texts = "", []
        if topic == "planted":
            q = self.topic_question(tname(arg), other=arg[1] if isinstance(arg, tuple) else None)
            self.turns.append({"role": "user", "content": q})
            items = [self.planted_item(arg)] + extra
        elif topic == "premise":
            c, is_ = self.premise({**self.planted_item(arg), "mode": "user"})
            t_opts = [t for t in ("side", "vert", "size", "count", "clinical") if t != arg] + (["rel"] if free_rel else [])
            if not no_function:
                t_opts.append("function")
            t = rng.choice(t_opts)
            other = rng.choice(free_rel)[1] if t == "rel" else None
            q2 = self.topic_question(t, other)
            lead = rng.choice([f"Since {is_} {c}, ", f"Given that {is_} {c}, ", f"OK, so {is_} {c}. "])
            q = lead + (q2[0].lower() + q2[1:] if not lead.endswith(". ") else q2)
            self.turns.append({"role": "user", "content": q})
            opener = rng.choice(["", "", "Right. ", "Sure. "])
            items, texts = self.topic_items(t, other, free, free_rel, traps)
            items = items + extra
        elif topic == "correct":
            wrong = self.planted_item(arg)
            wrong.pop("planted", None)
            wrong.pop("confuse", None)
            c, is_ = self.premise({**wrong, "mode": "premise_corrected"})
            q = rng.choice([f"I'd have said {is_} {c}.", f"So {is_} {c}, right?", f"My reading is that {is_} {c}."])
            self.turns.append({"role": "user", "content": q})
            opener = rng.choice(["No. ", "Not quite. ", "Actually, no: ", "That's not what the image shows. "])
            items = self.true_items(arg) + extra
            if arg == "size" and items[0]["kind"] == "pct":
                items[0] = {"kind": "sizepct", "cls": {"kind": "size", "val": self.f["size_class"]}, "pct": items[0]}
            if arg == "side" and self.f["laterality"] in ("left", "right") and rng.random() < 0.5:
                items = [{"kind": "side", "val": self.f["laterality"], "convention": True}] + extra
        else:
            other = rng.choice(free_rel)[1] if topic == "rel" else None
            self.turns.append({"role": "user", "content": self.topic_question(topic, other)})
            items, texts = self.topic_items(topic, other, free, free_rel, traps)
            items = items + extra
        self.turns.append({"role": "assistant", "content": self.follow_answer(items, texts, opener, topic)})

    def topic_items(self, topic, other, free, free_rel, traps):
        rng, k = self.rng, self.k
        texts = []
        if topic in ("side", "vert", "size", "count"):
            items = self.true_items(topic)
            if rng.random() < 0.3:
                n = self.negation(topic)
                if n:
                    items.append(n)
        elif topic == "rel":
            items = [it for c in free_rel if c[1] == other for it in self.true_items(c)]
            nones = [x for x in self.rel_none_items(self.C) if x["other"] == other]
            if nones and rng.random() < 0.5:
                items.append(nones[0])
        elif topic == "summary":
            cs = [c for c in ("side", "vert", "size", "count") if c in free]
            rng.shuffle(cs)
            cs = cs[:rng.choice([2, 3])]
            if free_rel and rng.random() < 0.5:
                cs.append(rng.choice(free_rel))
            items = [it for c in cs for it in self.true_items(c)]
        elif topic == "function":
            items = []
            texts = rng.sample(k["know"], min(2, len(k["know"])))
        else:  # clinical
            items = []
            texts = [rng.choice(k["know"])] + ([self.say_knowledge(traps.pop())] if traps else [])
        return items, texts


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng, defect)
    row.compose()
    LEDGER.append({"target": p["target"], "key": p["key"], "others": p["others"], "defect": defect, "style": style,
                   "cat": row.C if not isinstance(row.C, tuple) else list(row.C), "loc": row.loc,
                   "q_planted": row.q_planted, "gw": row.k["gw"], "claims": row.claims, "trap_texts": row.trap_texts,
                   "turns": [t["content"] for t in row.turns]})
    return row.turns, ([] if defect is None else [defect])


_ORDER: list[int] = []


def pick_profile(profiles, i, defect, rng):
    """Every profile once per cycle, in a fresh shuffled order each cycle (targets stay balanced)."""
    global _ORDER
    n = len(profiles)
    if i % n == 0 or len(_ORDER) != n:
        _ORDER = rng.sample(range(n), n)
    return profiles[_ORDER[i % n]]
