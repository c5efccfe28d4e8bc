"""Bank FK: LLM answers that carry structured output inside the conversation.

Written without reading QC (writer qcfk; never opened medseg_qa/qc, the knowledge modules, tests, bench or
any other bank).

Registers (STYLES): json_block (prose plus a ```json block, flat or nested keys, nulls and "n/a", a
"differential" list of other structures with their own sides), yaml_block (YAML-ish key: value blocks,
lists and # comments), tool_trace (agent-style answers showing tool calls and results, then a final
answer), key_value_report (plain "Key: value" lines with pipes, semicolons, L/R/Ant/Post and "N/A").

Targets (28): abdomen (liver, spleen, left/right kidney, kidneys, liver metastases, gallbladder, renal
cysts, adrenal glands, aorta; coronal spleen), thorax (heart, right lung nodule, left pleural effusion;
chest film: lungs, right pneumothorax, trachea), pelvis (urinary bladder, uterus, prostate, ovaries, femoral
heads, uterine fibroids), brain MR (glioblastoma, brain metastases, lateral ventricles, right hippocampus,
brainstem). Seven bilateral masks, seven midline masks, four one-sided multi-region masks.

Every row carries distractors: differential / excluded / reference lists about OTHER structures with their
own sides, radiological-convention sentences, true negations, population percentages, confidence scores,
raw centroid coordinates and a user's false idea that the assistant explicitly corrects (clean rows).
Defects: one false value or sentence about the target, in the first answer (structured field or prose), in
a follow-up answer, or (about 1 in 5) as a user's false premise the assistant goes along with.

Own check (/work/notes/qcfk_scripts/check_fk.py, ledger of every claim re-checked against the facts):
rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

STYLES = ["json_block", "yaml_block", "tool_trace", "key_value_report"]

LEDGER: list = []  # one list of claims per built row, read by the writer's own check (not part of a row)

# -- profiles ---------------------------------------------------------------------------------------------
# ellipses: (cx, cy, rx, ry, angle_deg) in pixels of a 256x256 grid; others: normalised (x, y) centroids.

_ABD_KNOW = [
    "The left renal vein normally crosses anterior to the aorta, just below the superior mesenteric artery.",
    "The inferior vena cava runs to the right of the aorta.",
    "The stomach occupies most of the left upper quadrant.",
    "The right kidney usually sits a little lower than the left because the liver pushes it down.",
    "The duodenum curves around the head of the pancreas on the right.",
    "The spleen lies posterolaterally on the left, tucked under the diaphragm.",
]
_ABD_POP = [
    "Accessory spleens turn up in roughly 10% of people.",
    "Simple renal cysts are seen in about a quarter to a half of adults over 50.",
    "Incidental adrenal nodules are found on around 4% of abdominal CTs.",
    "Gallstones affect roughly 10-15% of adults in Western populations.",
]
_THX_KNOW = [
    "The right main bronchus is shorter, wider and more vertical than the left.",
    "The aortic arch passes over the left main bronchus.",
    "The right lung has three lobes and the left lung two.",
    "The descending aorta runs down just left of the vertebral bodies.",
    "The azygos vein arches over the right main bronchus.",
]
_THX_POP = [
    "About 50% of adults over 50 who get a screening CT have at least one small incidental finding.",
    "Primary spontaneous pneumothorax is commonest in tall young men, roughly 7 per 100,000 a year.",
    "The cardiothoracic ratio on a PA film is normally below 50%.",
]
_PEL_KNOW = [
    "The sigmoid colon usually sits in the left side of the pelvis.",
    "The rectum lies posterior to the bladder and, in women, to the uterus and vagina.",
    "The right ovarian vein drains into the IVC while the left drains into the left renal vein.",
    "The appendix usually hangs in the right iliac fossa.",
]
_PEL_POP = [
    "Fibroids are present in up to 70% of women by age 50.",
    "A pelvic kidney turns up in roughly 1 in 2,000-3,000 people.",
    "Functional ovarian cysts are seen in a large share of premenopausal women, often 1-3 cm.",
]
_BRN_KNOW = [
    "The left hemisphere is dominant for language in about 95% of right-handed people.",
    "The pineal gland sits in the midline just behind the third ventricle.",
    "The fourth ventricle lies posterior to the pons.",
    "The left temporal lobe handles verbal memory in most people, the right more visuospatial material.",
    "The falx cerebri separates the left and right hemispheres in the midline.",
]
_BRN_POP = [
    "Brain metastases develop in roughly 20-40% of patients with cancer.",
    "Glioblastoma accounts for about half of all gliomas.",
    "About 10% of healthy elderly people show mild asymmetry of the temporal horns.",
]
_KNOW = {"abdomen": (_ABD_KNOW, _ABD_POP), "thorax": (_THX_KNOW, _THX_POP), "pelvis": (_PEL_KNOW, _PEL_POP),
         "brain": (_BRN_KNOW, _BRN_POP)}


def _P(target, name, modality, region, orientation, ell, others, forbid, q1, q1n, diff, func, plural=False):
    return {"target": target, "name": name, "modality": modality, "region": region, "orientation": orientation,
            "ellipses": ell, "others": others, "forbid": forbid, "q1": q1, "q1n": q1n, "diff": diff,
            "func": func, "plural": plural}


PROFILES = [
    _P("liver", "liver", "CT", "abdomen", "LP", [(80, 102, 46, 40, 20)],
       {"aorta": (0.52, 0.60), "stomach": (0.66, 0.40), "right kidney": (0.32, 0.64)},
       ["liver", "livers", "hepatic", "hepato", "hepar"],
       ["Which organ makes bile and clears most drugs from the blood? Please segment it on this slice.",
        "Patient with jaundice and a raised ALT. Which solid organ is the most likely culprit? Segment it for me."],
       ["Segment the liver on this CT, please.", "Can you outline the hepatic parenchyma here?"],
       [("gallbladder", "right"), ("stomach", "left"), ("spleen", "left")],
       "It makes bile, stores glycogen and clears most drugs and toxins from the portal blood."),
    _P("spleen", "spleen", "CT", "abdomen", "LP", [(192, 150, 22, 30, -20)],
       {"left kidney": (0.66, 0.66), "stomach": (0.64, 0.42), "aorta": (0.52, 0.60)},
       ["spleen", "spleens", "splenic", "lien", "lienal"],
       ["Which organ filters old red cells and can rupture after blunt trauma to the lower ribs? Segment it.",
        "After a bike crash with fractured lower ribs, which lymphoid organ would you check first? Please segment it."],
       ["Please segment the spleen.", "Outline the splenic tissue on this slice."],
       [("left kidney", "left"), ("stomach", "left"), ("splenic flexure of the colon", "left")],
       "It filters ageing red cells and blood-borne bacteria and houses a large pool of lymphocytes."),
    _P("left kidney", "left kidney", "CT", "abdomen", "LP", [(176, 162, 16, 23, 10)],
       {"aorta": (0.52, 0.61), "spleen": (0.76, 0.56), "liver": (0.31, 0.40)},
       ["kidney", "kidneys", "renal", "nephr"],
       ["Which retroperitoneal organ filters the blood and makes urine? Segment the one labelled on this slice.",
        "A patient has flank pain and haematuria. Which bean-shaped organ should I look at? Please segment it."],
       ["Segment the left kidney.", "Please outline the renal parenchyma on this image."],
       [("spleen", "left"), ("left adrenal gland", "left"), ("descending colon", "left")],
       "It filters the blood, makes urine and helps regulate blood pressure and red-cell production."),
    _P("right kidney", "right kidney", "CT", "abdomen", "LP", [(80, 162, 16, 23, -10)],
       {"aorta": (0.52, 0.61), "liver": (0.31, 0.40), "IVC": (0.44, 0.62)},
       ["kidney", "kidneys", "renal", "nephr"],
       ["Which retroperitoneal organ filters the blood and makes urine? Segment the one labelled on this slice.",
        "Flank pain, fever and pyuria - which paired bean-shaped organ is involved? Segment the labelled one."],
       ["Segment the right kidney.", "Can you mask the renal cortex and medulla here?"],
       [("liver", "right"), ("right adrenal gland", "right"), ("ascending colon", "right")],
       "It filters the blood, makes urine and helps regulate blood pressure and red-cell production."),
    _P("kidneys", "kidneys", "CT", "abdomen", "LP", [(80, 162, 16, 23, -10), (176, 162, 16, 23, 10)],
       {"pancreas": (0.52, 0.47)},
       ["kidney", "kidneys", "renal", "nephr"],
       ["Which paired organs filter about 180 litres of plasma a day? Segment them both.",
        "Rising creatinine in a diabetic. Which paired organs are failing? Please segment them."],
       ["Segment both kidneys.", "Please outline the renal parenchyma bilaterally."],
       [("spleen", "left"), ("liver", "right"), ("psoas muscles", "bilateral")],
       "They filter the blood, make urine, and regulate salt, water, acid-base balance and blood pressure.",
       plural=True),
    _P("liver metastases", "liver metastases", "CT", "abdomen", "LP",
       [(70, 85, 7, 6, 0), (95, 105, 8, 7, 0), (60, 112, 6, 6, 0)],
       {"gallbladder": (0.40, 0.50), "aorta": (0.52, 0.61)},
       ["liver", "hepatic", "hepato", "metastas", "metastatic", "mets", "secondaries", "deposits"],
       ["Colorectal cancer follow-up scan. Segment the new hypodense lesions you can see.",
        "Patient with a resected colon primary and a rising CEA. Please outline the lesions that explain it."],
       ["Segment the liver metastases.", "Outline the hepatic mets on this portal venous CT."],
       [("simple cysts", "n/a"), ("haemangioma", "n/a"), ("gallbladder", "right")],
       "They are deposits of the colorectal primary that reached the organ through the portal vein.",
       plural=True),
    _P("gallbladder", "gallbladder", "CT", "abdomen", "LP", [(98, 100, 10, 15, 30)],
       {"duodenum": (0.47, 0.47)},
       ["gallbladder", "gall bladder", "cholecyst", "biliary"],
       ["Which pear-shaped sac stores and concentrates bile between meals? Segment it.",
        "Right upper quadrant pain after fatty meals and a positive Murphy's sign. Which organ is it? Segment it."],
       ["Please segment the gallbladder.", "Outline the gall bladder on this slice."],
       [("liver", "right"), ("duodenum", "right"), ("hepatic flexure", "right")],
       "It stores and concentrates bile and squeezes it into the duodenum after a fatty meal."),
    _P("renal cysts", "renal cysts", "CT", "abdomen", "LP", [(76, 150, 8, 8, 0), (88, 172, 6, 6, 0)],
       {"liver": (0.31, 0.40), "aorta": (0.52, 0.61)},
       ["cyst", "renal", "kidney", "bosniak"],
       ["Incidental round, water-density lesions on this CT. Segment them, please.",
        "The report mentions some fluid-filled lesions of no concern. Could you outline them?"],
       ["Segment the renal cysts.", "Outline the cysts in the kidney."],
       [("angiomyolipoma", "n/a"), ("renal cell carcinoma", "n/a"), ("liver", "right")],
       "They are fluid-filled sacs arising from the tubules; simple ones need no follow-up.", plural=True),
    _P("adrenal glands", "adrenal glands", "CT", "abdomen", "LP", [(96, 150, 5, 10, 30), (160, 150, 5, 10, -30)],
       {"pancreas": (0.52, 0.47)},
       ["adrenal", "adrenals", "suprarenal"],
       ["Which paired glands make cortisol and aldosterone? Segment both of them.",
        "A hypertensive patient with low potassium: which small paired endocrine glands should I look at? Segment them."],
       ["Segment the adrenal glands.", "Please outline both suprarenal glands."],
       [("right crus of the diaphragm", "right"), ("left crus of the diaphragm", "left"), ("IVC", "right")],
       "The cortex makes cortisol, aldosterone and androgens; the medulla makes adrenaline.", plural=True),
    _P("aorta", "abdominal aorta", "CT", "abdomen", "LP", [(130, 150, 10, 10, 0)],
       {"IVC": (0.42, 0.58), "pancreas": (0.52, 0.47)},
       ["aorta", "aortic", "aortae"],
       ["Which large vessel carries oxygenated blood from the left ventricle down to the iliac bifurcation? Segment it.",
        "Pulsatile abdominal mass in a 70-year-old smoker. Which vessel should I outline? Please segment it."],
       ["Segment the aorta.", "Please mask the abdominal aortic lumen."],
       [("IVC", "right"), ("left renal vein", "left"), ("right crus of the diaphragm", "right")],
       "It is the main systemic artery, giving off the coeliac, mesenteric and renal branches."),
    _P("spleen", "spleen", "CT", "abdomen", "LI", [(188, 96, 24, 34, 15)],
       {"left kidney": (0.64, 0.55)},
       ["spleen", "spleens", "splenic", "lien", "lienal"],
       ["On this coronal reformat, which organ removes old red cells and enlarges in portal hypertension? Segment it.",
        "Which lymphoid organ under the ribs gets big in mononucleosis? Please segment it on this coronal CT."],
       ["Segment the spleen on the coronal.", "Outline the splenic parenchyma."],
       [("left kidney", "left"), ("stomach", "left"), ("pancreatic tail", "left")],
       "It filters ageing red cells and blood-borne bacteria and houses a large pool of lymphocytes."),
    _P("heart", "heart", "CT", "thorax", "LP", [(150, 100, 44, 38, -25)],
       {"descending aorta": (0.56, 0.66), "spine": (0.50, 0.72)},
       ["heart", "hearts", "cardiac", "cardio", "myocard", "pericard"],
       ["Which organ pumps blood through both circulations? Segment it on this chest CT.",
        "Chest pain and a raised troponin - which organ is under strain? Please segment it."],
       ["Segment the heart.", "Please outline the cardiac silhouette on this slice."],
       [("descending aorta", "left"), ("azygos vein", "right"), ("oesophagus", "midline")],
       "It pumps deoxygenated blood to the lungs and oxygenated blood to the rest of the body."),
    _P("right lung nodule", "right lung nodule", "CT", "thorax", "LP", [(72, 96, 6, 6, 0)],
       {"heart": (0.58, 0.39), "aorta": (0.56, 0.62)},
       ["nodule", "nodular", "lung", "pulmonary"],
       ["64-year-old smoker, screening low-dose CT. Segment the small rounded lesion the radiologist flagged.",
        "There's a tiny round density on this screening scan. Can you outline it?"],
       ["Segment the right lung nodule.", "Please outline the pulmonary nodule."],
       [("granuloma", "n/a"), ("hamartoma", "n/a"), ("azygos vein", "right")],
       "A solid lesion under 3 cm; its size and growth guide follow-up under Fleischner-type guidance."),
    _P("left pleural effusion", "left pleural effusion", "CT", "thorax", "LP", [(190, 178, 34, 14, -30)],
       {"heart": (0.58, 0.40), "spine": (0.50, 0.72)},
       ["effusion", "pleural", "hydrothorax"],
       ["Heart-failure patient, dull to percussion at one base. Segment the dependent collection that explains it.",
        "Which fluid collection could explain reduced breath sounds at a lung base here? Please segment it."],
       ["Segment the left pleural effusion.", "Please outline the pleural fluid."],
       [("descending aorta", "left"), ("oesophagus", "midline"), ("spleen", "left")],
       "It is fluid in the space between the two pleural layers, often from heart failure or infection."),
    _P("lungs", "lungs", "XR", "thorax", "LI", [(76, 118, 36, 62, 5), (180, 118, 38, 64, -5)],
       {"heart": (0.51, 0.58), "trachea": (0.50, 0.20)},
       ["lung", "lungs", "pulmonary", "pneumo"],
       ["Which paired organs carry out gas exchange? Segment them on this PA film.",
        "On this chest X-ray, where does oxygen actually enter the blood? Please segment those organs."],
       ["Segment both lungs.", "Please outline the lung fields."],
       [("heart", "left"), ("aortic knuckle", "left"), ("gastric bubble", "left")],
       "They exchange oxygen and carbon dioxide across roughly 70 square metres of alveolar surface.",
       plural=True),
    _P("right pneumothorax", "right pneumothorax", "XR", "thorax", "LI", [(68, 80, 20, 36, 0)],
       {"heart": (0.55, 0.58), "trachea": (0.50, 0.22)},
       ["pneumothora", "ptx", "pneumo"],
       ["Tall 22-year-old, sudden pleuritic chest pain and breathlessness. Segment the finding that explains it.",
        "After a central line insertion the patient desaturated. Can you outline the complication on this film?"],
       ["Segment the right pneumothorax.", "Outline the pneumothorax please."],
       [("bulla", "n/a"), ("skin fold", "n/a"), ("heart", "left")],
       "Air has entered the pleural space, letting the lung recoil away from the chest wall."),
    _P("trachea", "trachea", "XR", "thorax", "LI", [(128, 62, 5, 30, 0)],
       {"heart": (0.53, 0.58)},
       ["trachea", "tracheal", "windpipe", "airway"],
       ["Which tube carries air from the larynx down to the main bronchi? Segment it on this film.",
        "Which air-filled conduit with C-shaped cartilage rings runs down the neck into the chest? Please outline it."],
       ["Segment the trachea.", "Please outline the tracheal air column."],
       [("right main bronchus", "right"), ("left main bronchus", "left"), ("aortic knuckle", "left")],
       "It conducts air between the larynx and the bronchi; its C-shaped cartilages keep it open."),
    _P("urinary bladder", "urinary bladder", "CT", "pelvis", "LP", [(128, 92, 30, 24, 0)],
       {"rectum": (0.50, 0.72), "left femoral head": (0.78, 0.52)},
       ["bladder", "vesical", "vesico", "cystic"],
       ["Which hollow organ stores urine before voiding? Segment it on this pelvic CT.",
        "Urinary retention in an elderly man: which organ would be distended? Please outline it."],
       ["Segment the urinary bladder.", "Please outline the bladder."],
       [("rectum", "midline"), ("sigmoid colon", "left"), ("seminal vesicles", "bilateral")],
       "It stores urine at low pressure and empties it under voluntary control."),
    _P("uterus", "uterus", "MR", "pelvis", "LP", [(126, 130, 24, 18, 0)],
       {"bladder": (0.50, 0.36), "rectum": (0.50, 0.72)},
       ["uterus", "uteri", "uterine", "womb", "endometri", "myometri"],
       ["Which organ does a pregnancy implant in? Segment it on this pelvic MR.",
        "Heavy menstrual bleeding - which organ should I look at first? Please segment it."],
       ["Segment the uterus.", "Please outline the womb."],
       [("left ovary", "left"), ("right ovary", "right"), ("rectum", "midline")],
       "It houses and nourishes a developing pregnancy; its lining sheds each cycle."),
    _P("prostate", "prostate", "MR", "pelvis", "LP", [(128, 150, 13, 11, 0)],
       {"bladder": (0.50, 0.36), "rectum": (0.50, 0.75)},
       ["prostate", "prostatic", "psa"],
       ["Older man with a weak stream and nocturia. Which gland below the bladder is usually responsible? Segment it.",
        "Which walnut-sized gland wraps around the proximal urethra? Please segment it on this MR."],
       ["Segment the prostate.", "Please outline the prostatic gland."],
       [("seminal vesicles", "bilateral"), ("rectum", "midline"), ("left obturator internus", "left")],
       "It adds fluid to semen and surrounds the proximal urethra, which is why enlargement affects the stream."),
    _P("ovaries", "ovaries", "MR", "pelvis", "LP", [(88, 132, 10, 7, 0), (168, 132, 10, 7, 0)],
       {"bladder": (0.50, 0.36), "rectum": (0.50, 0.74)},
       ["ovary", "ovaries", "ovarian", "adnexa", "gonad"],
       ["Which paired organs release eggs and make oestrogen? Segment both on this pelvic MR.",
        "Young woman with cyclical pelvic pain. Which paired organs beside the uterus should I outline?"],
       ["Segment the ovaries.", "Please outline both ovaries."],
       [("uterus", "midline"), ("sigmoid colon", "left"), ("appendix", "right")],
       "They release oocytes and produce oestrogen and progesterone.", plural=True),
    _P("femoral heads", "femoral heads", "CT", "pelvis", "LP", [(62, 128, 20, 20, 0), (194, 128, 20, 20, 0)],
       {"bladder": (0.50, 0.36)},
       ["femoral", "femur", "femora", "femoral head"],
       ["Which rounded bony structures sit in the acetabula to form the hip joints? Segment them.",
        "Avascular necrosis is suspected in a steroid user. Which bones should I outline at the hips?"],
       ["Segment the femoral heads.", "Please outline the heads of both femurs."],
       [("acetabula", "bilateral"), ("urinary bladder", "midline"), ("sacrum", "midline")],
       "They carry the body's weight into the legs; their blood supply comes mainly from the circumflex arteries.",
       plural=True),
    _P("uterine fibroids", "uterine fibroids", "MR", "pelvis", "LP",
       [(116, 124, 8, 7, 0), (138, 132, 9, 8, 0), (128, 106, 6, 6, 0)],
       {"bladder": (0.50, 0.34), "rectum": (0.50, 0.74)},
       ["fibroid", "leiomyoma", "myoma", "uterine", "uterus"],
       ["41-year-old with heavy periods and a bulky pelvic mass on examination. Segment the lesions that explain it.",
        "Which benign lesions would account for her menorrhagia on this T2 pelvic MR? Please outline them."],
       ["Segment the uterine fibroids.", "Please outline the leiomyomas."],
       [("adenomyosis", "n/a"), ("left ovary", "left"), ("sigmoid colon", "left")],
       "They are benign smooth-muscle tumours that enlarge the organ and distort its cavity.", plural=True),
    _P("glioblastoma", "glioblastoma", "MR", "brain", "LP", [(168, 82, 20, 17, 30)],
       {"lateral ventricles": (0.50, 0.47), "pineal gland": (0.50, 0.58)},
       ["glioblastoma", "gbm", "glioma", "astrocytoma", "tumour", "tumor"],
       ["58-year-old with weeks of word-finding trouble and a ring-enhancing mass. Segment the lesion.",
        "New seizures and headache in a 60-year-old, with necrotic enhancing tissue on post-contrast T1. Please outline it."],
       ["Segment the glioblastoma.", "Please outline the GBM."],
       [("abscess", "n/a"), ("metastasis", "n/a"), ("falx cerebri", "midline")],
       "It is the commonest malignant primary brain tumour of adults, infiltrative and usually necrotic centrally."),
    _P("brain metastases", "brain metastases", "MR", "brain", "LP",
       [(88, 88, 6, 6, 0), (172, 96, 5, 5, 0), (150, 176, 7, 6, 0), (96, 170, 5, 5, 0)],
       {},
       ["brain", "cerebral", "metastas", "metastatic", "mets", "secondaries", "deposits"],
       ["Melanoma history, new headaches and a seizure. Segment the enhancing lesions on this post-contrast MR.",
        "Lung cancer patient being staged. Please outline the small ring-enhancing lesions you see."],
       ["Segment the brain metastases.", "Outline the cerebral mets."],
       [("abscesses", "n/a"), ("small vessel ischaemia", "bilateral"), ("choroid plexus", "bilateral")],
       "They are haematogenous deposits, typically at the grey-white junction where vessels narrow.",
       plural=True),
    _P("lateral ventricles", "lateral ventricles", "MR", "brain", "LP",
       [(106, 118, 9, 22, -10), (150, 118, 9, 22, 10)],
       {"pineal gland": (0.50, 0.58)},
       ["ventricle", "ventricular"],
       ["Which paired CSF-filled cavities of the cerebral hemispheres hold most of the choroid plexus? Segment them.",
        "Possible hydrocephalus: which fluid spaces would balloon first? Please segment them."],
       ["Segment the lateral ventricles.", "Please outline both lateral ventricles."],
       [("third ventricle", "midline"), ("caudate nuclei", "bilateral"), ("septum pellucidum", "midline")],
       "They hold cerebrospinal fluid made mostly by the choroid plexus.", plural=True),
    _P("right hippocampus", "right hippocampus", "MR", "brain", "LP", [(86, 150, 11, 5, -20)],
       {"brainstem": (0.50, 0.60), "lateral ventricles": (0.50, 0.46)},
       ["hippocamp"],
       ["Which medial temporal structure is key to laying down new memories and shrinks early in Alzheimer's? Segment the labelled one.",
        "Temporal lobe epilepsy work-up: which seahorse-shaped structure should I outline? Segment the labelled one."],
       ["Segment the right hippocampus.", "Please outline the hippocampal formation."],
       [("amygdala", "right"), ("temporal horn", "right"), ("parahippocampal gyrus", "right")],
       "It consolidates new declarative memories and is the usual focus in mesial temporal sclerosis."),
    _P("brainstem", "brainstem", "MR", "brain", "LP", [(128, 162, 13, 12, 0)],
       {"cerebellum": (0.50, 0.80), "lateral ventricles": (0.50, 0.46)},
       ["brainstem", "brain stem", "pons", "pontine", "medulla", "midbrain"],
       ["Which part of the CNS joins the cerebrum to the spinal cord and holds most cranial nerve nuclei? Segment it.",
        "Locked-in syndrome after a basilar thrombosis: which structure was infarcted? Please outline it."],
       ["Segment the brainstem.", "Please outline the pons."],
       [("cerebellar hemispheres", "bilateral"), ("fourth ventricle", "midline"), ("basilar artery", "midline")],
       "It relays every tract between brain and cord and controls breathing, heart rate and consciousness."),
]

_ADJ = {"left": "left", "right": "right"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def _mask(p, rng):
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, ang in p["ellipses"]:
        cx += rng.uniform(-3, 3)
        cy += rng.uniform(-3, 3)
        k = rng.uniform(0.95, 1.05)
        rx, ry = rx * k, ry * rng.uniform(0.95, 1.05)
        a = math.radians(ang + rng.uniform(-5, 5))
        u = (xx - cx) * math.cos(a) + (yy - cy) * math.sin(a)
        v = -(xx - cx) * math.sin(a) + (yy - cy) * math.cos(a)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    m = _mask(p, rng)
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(m, p["orientation"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


# -- claim values --------------------------------------------------------------------------------------------

class _Ctx:
    """Facts, the planted defect and the row's claim ledger."""

    def __init__(self, p, facts, rng, defect):
        self.p, self.f, self.rng = p, facts, rng
        self.o = p["orientation"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.claims = []
        self.defect = defect
        self.spot = None  # (kind, where) of the planted false claim
        self.planted = False

    def true(self, kind):
        f = self.f
        if kind == "side":
            return f["laterality"]
        if kind == "vertical":
            return f["vertical"]
        if kind == "size_class":
            return f["size_class"]
        if kind == "pct":
            v = 100 * f["area_fraction"] * self.rng.uniform(0.9, 1.1)
            return v
        if kind == "count":
            return f["components"]
        if kind == "relation":
            return self.rng.choice(self.rels)
        raise KeyError(kind)

    def false(self, kind):
        r, f = self.rng, self.f
        if kind == "side":
            lat = f["laterality"]
            if lat in ("left", "right"):
                return _OPP[lat] if r.random() < 0.85 else "midline"
            return r.choice(["left", "right"])
        if kind == "vertical":
            v = f["vertical"]
            if v == "central":
                return r.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
            return _OPP[v]
        if kind == "size_class":
            return r.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
        if kind == "pct":
            t = 100 * f["area_fraction"]
            return t * (r.uniform(0.15, 0.3) if r.random() < 0.5 else r.uniform(3.2, 5.0))
        if kind == "count":
            n = f["components"]
            return r.choice({1: [2, 3], 2: [1, 3], 3: [1, 2, 5], 4: [2, 6, 1]}.get(n, [1, n + 2]))
        if kind == "relation":
            o, rel = r.choice(self.rels)
            return (o, _REL_OPP[rel])
        raise KeyError(kind)

    def get(self, kind, where):
        """The value to state for `kind` at `where` ("a1", "fu", "user"): false once at the planted spot."""
        if self.spot == (kind, where) and not self.planted:
            self.planted = True
            return self.false(kind), True
        return self.true(kind), False

    def log(self, turn, kind, value, text, corrected=False, false=False):
        self.claims.append({"turn": turn, "kind": kind, "value": value, "text": text,
                            "corrected": corrected, "planted": false})


def _pct_s(v):
    if v >= 10:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _frac_s(v):
    return f"{v / 100:.4f}"


# -- phrasing helpers ----------------------------------------------------------------------------------------

def _img_side(s):
    return {"left": "right", "right": "left"}[s]


def _side_prose(c, s, name, pron):
    r = c.rng
    if s in ("left", "right"):
        return r.choice([
            f"{pron.capitalize()} {'sit' if c.p['plural'] else 'sits'} on the patient's {s}.",
            f"It appears on the {_img_side(s)} of the image, which under the radiological convention is the patient's {s}.",
            f"The {name} is {s}-sided.",
            f"Laterality: patient {s} (that is image {_img_side(s)}; don't read the screen as a mirror).",
            f"The segmented region lies in the {s} half of the body, not the {_img_side(s)}.",
            f"Side-wise it's the patient's {s}, so on screen it shows up on the {_img_side(s)}-hand side.",
        ])
    if s == "midline":
        return r.choice([
            f"{pron.capitalize()} {'sit' if c.p['plural'] else 'sits'} in the midline rather than to one side.",
            "The mask straddles the midline.",
            f"The {name} is a midline structure on this slice, not lateralised.",
            "Side: midline (roughly equal parts either side of the centre).",
        ])
    return r.choice([
        f"{pron.capitalize()} {'are' if c.p['plural'] else 'is'} bilateral, with a part on each side.",
        "The mask is bilateral: there is tissue on both the left and the right.",
        f"Both sides are involved, so I'd call the {name} bilateral.",
        "It isn't confined to one side - the segmentation is bilateral.",
    ])


def _vert_prose(c, v, name, pron):
    r = c.rng
    be = "are" if c.p["plural"] else "is"
    if c.o == "LP":
        d = {"anterior": ["anteriorly", "toward the front of the body", "in the anterior half of the section"],
             "posterior": ["posteriorly", "toward the back", "in the posterior half of the section"],
             "central": ["roughly central front-to-back", "mid-way between the front and the back",
                         "at about the middle of the AP axis"]}[v]
    else:
        d = {"superior": ["superiorly", "toward the head end of the image", "in the upper part of the field"],
             "inferior": ["inferiorly", "toward the feet", "in the lower part of the field"],
             "central": ["at mid-height", "roughly central top-to-bottom", "at about the middle craniocaudally"]}[v]
    ph = r.choice(d)
    be = "lie" if c.p["plural"] else "lies"
    return r.choice([f"{pron.capitalize()} {be} {ph}.", f"The {name} {be} {ph} on this image.",
                     f"Vertically the mask lies {ph}."])


def _size_prose(c, cls, pct, name, pron):
    r = c.rng
    be = "are" if c.p["plural"] else "is"
    if cls is not None and pct is not None:
        return r.choice([f"Size: {cls}, about {_pct_s(pct)}% of the image.",
                         f"{pron.capitalize()} {be} {cls}, covering roughly {_pct_s(pct)}% of the slice.",
                         f"It's a {cls} region by area (around {_pct_s(pct)} percent of the image)."])
    if cls is not None:
        return r.choice([f"{pron.capitalize()} {be} {cls} on this slice.", f"By area the mask is {cls}.",
                         f"I'd class the {name} as {cls} here."])
    return r.choice([f"The mask covers about {_pct_s(pct)}% of the image.",
                     f"{pron.capitalize()} {'take' if c.p['plural'] else 'takes'} up roughly {_pct_s(pct)} percent of the slice.",
                     f"Area is approximately {_pct_s(pct)}% of the field of view."])


def _count_prose(c, n, name):
    r = c.rng
    if n == 1:
        return r.choice(["It is a single connected region.", "The mask is one contiguous piece.",
                         f"There's just one component to the {name} mask."])
    return r.choice([f"There are {n} separate regions in the mask.",
                     f"The mask breaks into {_NUM.get(n, n)} disconnected components.",
                     f"I count {_NUM.get(n, n)} distinct pieces."])


def _rel_phrase(c, rel):
    r = c.rng
    return r.choice({"left_of": ["to the patient's left of", "left of"],
                     "right_of": ["to the patient's right of", "right of"],
                     "anterior_to": ["anterior to", "in front of"],
                     "posterior_to": ["posterior to", "behind"],
                     "superior_to": ["above", "superior to"],
                     "inferior_to": ["below", "inferior to"]}[rel])


def _rel_prose(c, other, rel, name, pron):
    be = "are" if c.p["plural"] else "is"
    return c.rng.choice([f"{pron.capitalize()} {be} {_rel_phrase(c, rel)} the {other}.",
                         f"Relative to the {other}, the {name} {be} {_rel_phrase(c, rel)} it.",
                         f"The mask lies {_rel_phrase(c, rel)} the {other}."])


def _kv_side(s, r):
    return r.choice({"left": ["L", "Left", "left (pt)"], "right": ["R", "Right", "right (pt)"],
                     "midline": ["Midline", "midline", "ML"], "bilateral": ["Bilat", "bilateral", "B/L"]}[s])


def _kv_vert(v, r):
    return r.choice({"anterior": ["Ant", "anterior"], "posterior": ["Post", "posterior"],
                     "superior": ["Sup", "superior"], "inferior": ["Inf", "inferior"],
                     "central": ["central", "mid"]}[v])


def _kv_rel(rel, r):
    return r.choice({"left_of": ["L of", "left of"], "right_of": ["R of", "right of"],
                     "anterior_to": ["ant. to", "anterior to"], "posterior_to": ["post. to", "posterior to"],
                     "superior_to": ["sup. to", "above"], "inferior_to": ["inf. to", "below"]}[rel])


# -- distractors -------------------------------------------------------------------------------------------

def _clean_of(c, s):
    low = s.lower()
    return not any(w in low for w in c.p["forbid"]) and c.p["name"].split()[-1] not in low


def _knowledge(c):
    know, pop = _KNOW[c.p["region"]]
    pool = [s for s in know + pop if _clean_of(c, s)]
    return c.rng.choice(pool)


def _convention(c):
    return c.rng.choice([
        "(Radiological convention: the patient's left is shown on the viewer's right.)",
        "Remember these images are displayed as if facing the patient, so image right is patient left.",
        "All sides below are the patient's, not the screen's.",
    ]) if c.o else ""


def _negation(c):
    """A true negative statement about the target, logged."""
    lat, v = c.f["laterality"], c.f["vertical"]
    r = c.rng
    subj = r.choice(["They are" if c.p["plural"] else "It is", "The mask is", "The segmented region is"])
    if lat in ("left", "right") and r.random() < 0.6:
        return f"{subj} not on the {_OPP[lat]}.", ("side_not", _OPP[lat])
    if v in _OPP:
        return f"{subj} not {_OPP[v]}.", ("vertical_not", _OPP[v])
    if lat == "midline":
        return "Nothing here is off to one side.", ("side", "midline")
    return "", None


# -- Q1 ------------------------------------------------------------------------------------------------------

def _q1(c, named):
    r = c.rng
    q = r.choice(c.p["q1n"] if named else c.p["q1"])
    tail = r.choice(["", " Please give the answer as JSON.", " A structured summary would help.",
                     " Short answer is fine.", " Include side and size if you can."])
    if named:
        lead = r.choice(["", "Quick one: ", "Hi - ", "For the teaching file: "])
        return lead + q + tail
    return q + tail


# -- first answer by register -------------------------------------------------------------------------------

def _a1(c, style, fields):
    """The first assistant answer: names the target once with [SEG], states `fields` (kinds), some in the
    structured block, some in prose. Returns text; logs claims with turn 1."""
    r, p = c.rng, c.p
    name = p["name"]
    pron = "they" if p["plural"] else "it"
    vals = {}
    for k in fields:
        v, bad = c.get(k, "a1")
        vals[k] = (v, bad)
    # which kinds go into the block (the rest into prose)
    in_block = {k for k in fields if r.random() < 0.7}
    prose = []

    def log(kind, v, text, bad):
        c.log(1, kind, v, text, false=bad)

    if style == "json_block":
        keys = r.choice([("structure", "side", "position", "area_pct", "size_class", "n_regions"),
                         ("target", "laterality", "ap_position" if c.o == "LP" else "cc_position", "area_percent",
                          "size", "components"),
                         ("label", "side", "vertical", "area_pct", "size_class", "n_regions")])
        nested = r.random() < 0.35
        d = {keys[0]: name}
        loc = {}
        for k in fields:
            if k not in in_block:
                continue
            v, bad = vals[k]
            if k == "side":
                loc[keys[1]] = v
                log("side", v, f'"{v}"', bad)
            elif k == "vertical":
                loc[keys[2]] = v
                log("vertical", v, f'"{v}"', bad)
            elif k == "pct":
                d[keys[3]] = float(_pct_s(v))
                log("pct", float(_pct_s(v)), json.dumps(float(_pct_s(v))), bad)
            elif k == "size_class":
                d[keys[4]] = v
                log("size_class", v, f'"{v}"', bad)
            elif k == "count":
                d[keys[5]] = v
                log("count", v, f'"{keys[5]}": {v}', bad)
            elif k == "relation":
                d["relations"] = [{"ref": v[0], "target_is": v[1]}]
                log("relation", list(v), v[1], bad)
        if nested and loc:
            d["location"] = loc
        else:
            d.update(loc)
        if "count" not in in_block and r.random() < 0.3:
            d["lesion_count"] = None if r.random() < 0.5 else "n/a"
        d["differential"] = [{"structure": s, "side": sd} for s, sd in r.sample(p["diff"], 2)]
        if r.random() < 0.5:
            d["confidence"] = round(r.uniform(0.72, 0.97), 2)
        if r.random() < 0.4:
            d["notes"] = r.choice([None, "n/a", "sides given in patient coordinates"])
        block = "```json\n" + json.dumps(d, indent=2) + "\n```"
        intro = r.choice([f"The {'structures' if p['plural'] else 'structure'} you're describing: the {name} [SEG].",
                          f"That points to the {name}; segmentation below [SEG].",
                          f"Here {'are' if p['plural'] else 'is'} the {name} [SEG], with the measurements as JSON:"])
    elif style == "yaml_block":
        lines = [f"structure: {name}"]
        for k in fields:
            if k not in in_block:
                continue
            v, bad = vals[k]
            if k == "side":
                cm = r.choice(["  # patient coordinates", "  # not the screen side", ""])
                lines.append(f"side: {v}{cm}")
                log("side", v, f"side: {v}", bad)
            elif k == "vertical":
                lines.append(f"position: {v}")
                log("vertical", v, f"position: {v}", bad)
            elif k == "size_class":
                lines.append("size:")
                lines.append(f"  class: {v}")
                log("size_class", v, f"class: {v}", bad)
            elif k == "pct":
                if "size:" not in lines:
                    lines.append("size:")
                lines.append(f"  area_pct: {_pct_s(v)}   # of the whole image")
                log("pct", float(_pct_s(v)), f"area_pct: {_pct_s(v)}", bad)
            elif k == "count":
                lines.append(f"regions: {v}")
                log("count", v, f"regions: {v}", bad)
            elif k == "relation":
                lines.append("neighbours:")
                lines.append(f"  - {v[0]}: {v[1]}   # target relative to it")
                log("relation", list(v), f"{v[0]}: {v[1]}", bad)
        lines.append("differential:")
        for s, sd in r.sample(p["diff"], 2):
            lines.append(f"  - {s} ({sd})" if sd != "n/a" else f"  - {s}")
        if r.random() < 0.5:
            lines.append(f"excluded: [{r.choice(p['diff'])[0]}]")
        if r.random() < 0.4:
            lines.append("contrast_phase: n/a")
        block = "```yaml\n" + "\n".join(lines) + "\n```"
        intro = r.choice([f"{'These are' if p['plural'] else 'This is'} the {name} [SEG]. Structured summary:",
                          f"You're after the {name} [SEG].",
                          f"Segmented: {name} [SEG]. Details in YAML form below."])
    elif style == "tool_trace":
        lab = name.replace(" ", "_")
        tl = [f'> find_structure(query="{r.choice(["implicit description", "user question"])}") -> '
              f'{{"label": "{lab}", "score": {r.uniform(0.81, 0.98):.2f}}}',
              f'> segment(image="img_0", label="{lab}") -> {{"mask_id": "m0", "status": "ok"}}']
        for k in fields:
            if k not in in_block:
                continue
            v, bad = vals[k]
            if k == "side":
                tl.append(f'> laterality("m0", orientation="{c.o}") -> "{v}"')
                log("side", v, f'-> "{v}"', bad)
            elif k == "vertical":
                tl.append(f'> position("m0") -> "{v}"')
                log("vertical", v, f'position("m0") -> "{v}"', bad)
            elif k == "pct":
                tl.append(f'> measure_area("m0") = {_frac_s(v)}')
                log("pct", float(_frac_s(v)) * 100, _frac_s(v), bad)
            elif k == "size_class":
                tl.append(f'> size_class("m0") -> "{v}"')
                log("size_class", v, f'-> "{v}"', bad)
            elif k == "count":
                tl.append(f'> count_components("m0") = {v}')
                log("count", v, f"count_components(\"m0\") = {v}", bad)
            elif k == "relation":
                tl.append(f'> relation("m0", "{v[0]}") -> "{v[1]}"')
                log("relation", list(v), f'-> "{v[1]}"', bad)
        cx, cy = c.f["centroid_normalized"]
        if r.random() < 0.5:
            tl.insert(2, f'> centroid("m0") -> {{"x": {cx:.2f}, "y": {cy:.2f}}}')
        if r.random() < 0.4:
            s, sd = r.choice(p["diff"])
            tl.append(f'> lookup_reference("{s}") -> {{"typical_side": "{sd}"}}')
        block = "\n".join(tl)
        intro = r.choice(["Let me run the tools.", "Working through it step by step:", "Tool calls:"])
        block = block + "\n\n" + r.choice([f"Final answer: the {name} [SEG].",
                                           f"**Answer:** {name} [SEG].",
                                           f"So the structure is the {name} [SEG]."])
    else:  # key_value_report
        kv = [f"Structure: {name.capitalize()}"]
        parts = []
        for k in fields:
            if k not in in_block:
                continue
            v, bad = vals[k]
            if k == "side":
                w = _kv_side(v, r)
                parts.append(f"Side: {w}")
                log("side", v, f"Side: {w}", bad)
            elif k == "vertical":
                w = _kv_vert(v, r)
                parts.append(f"Pos: {w}")
                log("vertical", v, f"Pos: {w}", bad)
            elif k == "size_class":
                parts.append(f"Size: {v}")
                log("size_class", v, f"Size: {v}", bad)
            elif k == "pct":
                parts.append(f"Area: ~{_pct_s(v)}%")
                log("pct", float(_pct_s(v)), f"~{_pct_s(v)}%", bad)
            elif k == "count":
                parts.append(f"Regions: {v}")
                log("count", v, f"Regions: {v}", bad)
            elif k == "relation":
                w = _kv_rel(v[1], r)
                parts.append(f"Rel: {w} {v[0]}")
                log("relation", list(v), f"{w} {v[0]}", bad)
        sep = r.choice([" | ", "; "])
        if parts:
            kv.append(sep.join(parts))
        kv.append("Differential: " + "; ".join(f"{s} ({_kv_side(sd, r) if sd != 'n/a' else 'N/A'})"
                                                for s, sd in r.sample(p["diff"], 2)))
        kv.append(f"Excluded: {r.choice(['N/A', r.choice(p['diff'])[0]])}")
        if r.random() < 0.4:
            kv.append("Comparison: N/A")
        block = "\n".join(kv)
        intro = r.choice([f"{name.capitalize()} [SEG]", f"Answer: {name} [SEG]", f"Report - {name} [SEG]"])
    # prose part for the kinds not in the block
    for k in fields:
        if k in in_block:
            continue
        v, bad = vals[k]
        if k == "side":
            t = _side_prose(c, v, name, pron)
        elif k == "vertical":
            t = _vert_prose(c, v, name, pron)
        elif k == "size_class":
            t = _size_prose(c, v, None, name, pron)
        elif k == "pct":
            t = _size_prose(c, None, v, name, pron)
            v = float(_pct_s(v))
        elif k == "count":
            t = _count_prose(c, v, name)
        else:
            t = _rel_prose(c, v[0], v[1], name, pron)
            v = list(v)
        log(k, v, t, bad)
        prose.append(t)
    extra = []
    if r.random() < 0.5:
        extra.append(_knowledge(c))
    if r.random() < 0.4:
        extra.append(_convention(c))
    if r.random() < 0.35:
        t, cl = _negation(c)
        if cl:
            extra.append(t)
            c.log(1, cl[0], cl[1], t)
    if r.random() < 0.3:
        extra.append(p["func"])
    body = prose + extra
    r.shuffle(body)
    tail = " ".join(s for s in body if s)
    if style == "tool_trace":
        return intro + "\n\n" + block + ("\n" + tail if tail else "")
    if style == "key_value_report":
        return intro + "\n" + block + ("\n\n" + tail if tail else "")
    return intro + "\n\n" + block + ("\n\n" + tail if tail else "")


# -- follow-ups ----------------------------------------------------------------------------------------------

_TOPIC_KIND = {"side": ["side"], "position": ["vertical"], "size": ["size_class", "pct"], "count": ["count"],
               "neighbours": ["relation"]}


def _fu_question(c, topic, premise):
    r = c.rng
    o = c.o
    q = {"side": ["Which side is it on?", "Left or right - patient's side, I mean?", "Is it lateralised?"],
         "position": (["Is it more anterior or posterior?", "Where does it sit front-to-back?"] if o == "LP"
                      else ["Is it high or low on the image?", "Where is it craniocaudally?"]),
         "size": ["How big is it?", "What fraction of the image does it cover?", "Would you call it small?"],
         "count": ["How many separate regions are there?", "Is it one piece or several?"],
         "neighbours": ["How does it relate to the other labelled structures?", "What's next to it?",
                        "Where is it relative to its neighbours?"],
         "summary": ["Can you summarise that in one block?", "Give me a compact summary again.",
                     "Recap please, same format."],
         "function": ["What does it do, briefly?", "Remind me what its job is?"]}[topic]
    q = r.choice(q)
    if premise.endswith(","):
        q = q[0].lower() + q[1:]
    return (premise + " " if premise else "") + q


def _premise(c, kind, value):
    """A user statement of `kind` = value (may be false)."""
    r = c.rng
    if kind == "side":
        w = {"left": "on the left", "right": "on the right", "midline": "in the midline",
             "bilateral": "on both sides"}[value]
        return r.choice([f"Since it's {w},", f"OK, so it's {w}.", f"Given that it sits {w},"])
    if kind == "vertical":
        return r.choice([f"So it's {value}.", f"Since it sits {value}ly," if value != "central" else
                         "Since it sits centrally,"])
    if kind == "size_class":
        return r.choice([f"Since it's {value},", f"OK, {value} then."])
    if kind == "pct":
        return r.choice([f"At about {_pct_s(value)}% of the image,", f"So roughly {_pct_s(value)} percent."])
    if kind == "count":
        return r.choice([f"With {_NUM.get(value, value)} separate pieces,", f"So there are {value} regions."])
    o, rel = value
    return f"Since it's {_rel_phrase(c, rel)} the {o},"


def _fu_answer(c, style, topic, turn):
    """Answer to a follow-up on `topic`, in the register; logs claims at `turn`."""
    r, p = c.rng, c.p
    name = p["name"]
    pron = "they" if p["plural"] else "it"
    if topic == "function":
        return p["func"] + (" " + _knowledge(c) if r.random() < 0.5 else "")
    if topic == "summary":
        kinds = ["side", "vertical", "size_class", "count"]
    else:
        kinds = list(_TOPIC_KIND[topic])
        if topic == "size" and r.random() < 0.5:
            kinds = [c.spot[0]] if c.spot and c.spot[0] in kinds and c.spot[1] == "fu" else [r.choice(kinds)]
        if topic == "neighbours" and not c.rels:
            return "There are no other labelled structures close enough on this slice to state a reliable relation."
    out = []
    if style in ("json_block", "yaml_block") and topic == "summary":
        d = {}
        for k in kinds:
            v, bad = c.get(k, "fu")
            d[{"side": "side", "vertical": "position", "size_class": "size_class", "count": "n_regions"}[k]] = v
            c.log(turn, k, v, f"{v}", false=bad)
        if style == "json_block":
            return "```json\n" + json.dumps({"structure": name, **d}) + "\n```"
        return "```yaml\n" + "\n".join([f"structure: {name}"] + [f"{a}: {b}" for a, b in d.items()]) + "\n```"
    if style == "key_value_report" and topic == "summary":
        parts = []
        for k in kinds:
            v, bad = c.get(k, "fu")
            w = {"side": lambda: "Side: " + _kv_side(v, r), "vertical": lambda: "Pos: " + _kv_vert(v, r),
                 "size_class": lambda: f"Size: {v}", "count": lambda: f"Regions: {v}"}[k]()
            parts.append(w)
            c.log(turn, k, v, w, false=bad)
        return f"{name.capitalize()} | " + " | ".join(parts)
    for k in kinds:
        v, bad = c.get(k, "fu")
        if style == "tool_trace" and r.random() < 0.6:
            if k == "side":
                t = f'> laterality("m0") -> "{v}"'
            elif k == "vertical":
                t = f'> position("m0") -> "{v}"'
            elif k == "size_class":
                t = f'> size_class("m0") -> "{v}"'
            elif k == "pct":
                t = f'> measure_area("m0") = {_frac_s(v)}'
                v = float(_frac_s(v)) * 100
            elif k == "count":
                t = f'> count_components("m0") = {v}'
            else:
                t = f'> relation("m0", "{v[0]}") -> "{v[1]}"'
                v = list(v)
        elif style == "key_value_report" and r.random() < 0.6:
            if k == "side":
                t = f"Side: {_kv_side(v, r)}"
            elif k == "vertical":
                t = f"Pos: {_kv_vert(v, r)}"
            elif k == "size_class":
                t = f"Size: {v}"
            elif k == "pct":
                t = f"Area: {_pct_s(v)}%"
                v = float(_pct_s(v))
            elif k == "count":
                t = f"Regions: {v}"
            else:
                t = f"Rel: {_kv_rel(v[1], r)} {v[0]}"
                v = list(v)
        else:
            if k == "side":
                t = _side_prose(c, v, name, pron)
            elif k == "vertical":
                t = _vert_prose(c, v, name, pron)
            elif k == "size_class":
                t = _size_prose(c, v, None, name, pron)
            elif k == "pct":
                t = _size_prose(c, None, v, name, pron)
                v = float(_pct_s(v))
            elif k == "count":
                t = _count_prose(c, v, name)
            else:
                t = _rel_prose(c, v[0], v[1], name, pron)
                v = list(v)
        c.log(turn, k, v, t, false=bad)
        out.append(t)
    if r.random() < 0.35:
        out.append(_knowledge(c))
    sep = "\n" if style in ("tool_trace", "key_value_report") else " "
    return sep.join(out)


# -- build -----------------------------------------------------------------------------------------------------

def build(p, facts, style, rng, defect):
    c = _Ctx(p, facts, rng, defect)
    r = rng
    has_rel = bool(c.rels)
    multi = facts["components"] > 1
    # decide the planted spot
    kind = None
    if defect in ("laterality", "position", "size", "count"):
        kind = {"laterality": "side", "count": "count",
                "position": "relation" if has_rel and r.random() < 0.4 else "vertical",
                "size": r.choice(["size_class", "pct"])}[defect]
        u = r.random()
        where = "user" if u < 0.2 else "fu" if u < 0.42 else "a1"
        c.spot = (kind, where)
    # fields of the first answer
    fields = ["side"]
    for k, pr in (("vertical", 0.7), ("size_class", 0.6), ("pct", 0.5), ("count", 0.7 if multi else 0.4),
                  ("relation", 0.45 if has_rel else 0.0)):
        if r.random() < pr:
            fields.append(k)
    if c.spot and c.spot[1] == "a1" and kind not in fields:
        fields.append(kind)
    if c.spot and c.spot[1] == "user" and kind in fields and kind != "side":
        fields.remove(kind)  # the assistant never addressed it, the user's misreading goes unchallenged
    turns = [{"role": "user", "content": _q1(c, defect == "names_target")}]
    turns.append({"role": "assistant", "content": _a1(c, style, fields)})
    # follow-up topics
    n_fu = 1 if r.random() < 0.5 else 2
    topics_all = ["side", "position", "size", "count", "summary", "function"] + (["neighbours"] if has_rel else [])
    topics = r.sample(topics_all, n_fu)
    kind_topic = {"side": "side", "vertical": "position", "relation": "neighbours", "size_class": "size",
                  "pct": "size", "count": "count"}
    if c.spot and c.spot[1] == "fu":
        t = kind_topic[kind]
        if t not in topics:
            topics[r.randrange(n_fu)] = t
    premise_at = None
    if c.spot and c.spot[1] == "user":
        premise_at = r.randrange(n_fu)
        t = kind_topic[kind]
        bad_topics = {t, "summary"}
        if topics[premise_at] in bad_topics:
            topics[premise_at] = r.choice([x for x in ("function", "size", "count", "side", "position")
                                           if x not in bad_topics and x not in topics])
        topics = [x if (j == premise_at or x not in bad_topics) else "function" for j, x in enumerate(topics)]
    corrected_at = None
    if defect is None and r.random() < 0.3:
        corrected_at = r.randrange(n_fu)
    for j, topic in enumerate(topics):
        turn_u = 2 + 2 * j
        premise = ""
        if premise_at == j:
            v, bad = c.get(kind, "user")
            premise = _premise(c, kind, v)
            c.log(turn_u, kind, list(v) if kind == "relation" else (float(_pct_s(v)) if kind == "pct" else v),
                  premise, false=bad)
        q = _fu_question(c, topic, premise)
        ans = None
        if corrected_at == j:
            # the user voices a false idea and the assistant explicitly corrects it
            ck = r.choice(["side", "vertical", "count", "size_class"])
            wrong = c.false(ck)
            q = r.choice([f"Hmm, I'd have said it was {_premise_word(ck, wrong)}. Am I wrong?",
                          f"Wait, isn't it {_premise_word(ck, wrong)}?"])
            c.log(turn_u, ck, wrong, q, corrected=True)
            tv = c.true(ck)
            fix = {"side": lambda: _side_prose(c, tv, p["name"], "it"),
                   "vertical": lambda: _vert_prose(c, tv, p["name"], "it"),
                   "count": lambda: _count_prose(c, tv, p["name"]),
                   "size_class": lambda: _size_prose(c, tv, None, p["name"], "it")}[ck]()
            c.log(turn_u + 1, ck, tv, fix)
            ans = r.choice(["Not quite - ", "No, actually: ", "That's a common misreading. "]) + fix + \
                r.choice(["", " " + _convention(c), " The measurement is straight off the mask."])
        turns.append({"role": "user", "content": q})
        if ans is None:
            ans = _fu_answer(c, style, topic, turn_u + 1)
        turns.append({"role": "assistant", "content": ans})
    if c.spot:
        assert c.planted, (p["target"], c.spot, topics)
    LEDGER.append({"target": p["target"], "defect": defect, "spot": c.spot, "claims": c.claims,
                   "forbid": p["forbid"]})
    return turns, ([] if defect is None else [defect])


def _premise_word(kind, v):
    if kind == "side":
        return {"left": "on the left", "right": "on the right", "midline": "in the midline",
                "bilateral": "on both sides"}[v]
    if kind == "vertical":
        return v if v != "central" else "central"
    if kind == "count":
        return "one single piece" if v == 1 else f"{_NUM.get(v, v)} separate pieces"
    return v
