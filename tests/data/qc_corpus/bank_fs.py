"""Bank FS: raw output of small local LLMs (1-3B) answering about abdominal, chest and pelvic CT/MR.

The assistant turns have the texture such models produce: repeated sentences, run-ons without
punctuation, inconsistent capitalisation, numbered lists cut off mid-item, leftover chat-template tokens
("<|assistant|>", "### Response:", "</s>"), English that reads translated (German/French/Chinese word
order), over-hedging and restating the question. Four registers: tiny_chat, instruct_template,
translated_english, rambling_repeater. Targets: liver, spleen, left/right kidney, kidneys, pancreas,
abdominal aorta, gallbladder, adrenal glands, liver metastases, hepatic cyst, right renal calculi, right
and left lung, pulmonary nodules, heart, left pleural effusion, esophagus, urinary bladder, prostate,
uterus, ovaries, uterine fibroids, femoral heads, rectum, psoas muscles (coronal), liver (coronal);
axial LP and RP, coronal LI; CT and MR. Written without reading any QC rule, test or other bank.

Every claim about the target is written from the facts that `compute_facts` measured on the drawn mask
and recorded in LEDGER (kind, value, turn, role, corrected?); the writer's own reader recomputes the facts
from the stored mask parameters and checks every claim. Its summary line:
rows 420, clean 210, defects laterality 42 position 42 size 42 count 42 names_target 42; defect in first answer 54, follow-up answer 53, user premise 61; problems: 0
"""

from __future__ import annotations

import numpy as np

from medseg_qa.facts import compute_facts

STYLES = ["tiny_chat", "instruct_template", "translated_english", "rambling_repeater"]
LEDGER: list[dict] = []   # one entry per built row: claims and mask parameters, read by the writer's own check
_LAST: dict = {}
N = 256


def _P(target, alias, region, modality, orientation, blobs=None, lesions=None, others=None, kind="organ",
       qs=(), named=(), give=(), func="", func_tr="", know=()):
    return dict(target=target, alias=alias, region=region, modality=modality, orientation=orientation,
                blobs=blobs or [], lesions=lesions, others=others or {}, kind=kind, qs=list(qs),
                named=list(named), give=list(give), func=func, func_tr=func_tr, know=list(know))


# blobs: (px, py, rx, ry) in image fractions from the centre; px > 0 is the patient's left, py > 0 is
# posterior (axial) or inferior (coronal). lesions: (n_lo, n_hi, px_lo, px_hi, py_lo, py_hi, r_lo, r_hi)
PROFILES = [
    _P("liver", "liver", "abdomen", "CT", "LP", blobs=[(-0.18, -0.01, 0.17, 0.15)],
       others={"spleen": (0.22, 0.06), "abdominal aorta": (0.02, 0.09), "stomach": (0.11, -0.09)},
       qs=["which organ in this CT makes bile and stores glycogen? segment it",
           "Patient is yellow in the eyes and the bilirubin is high. What organ should I look at here, please mark it",
           "what is the biggest solid organ in this slice, the one that does detox? show me"],
       named=["segment the liver in this CT please", "Where is the liver in this image? mark it"],
       give=["liver", "hepat"],
       func="This organ makes bile, stores glycogen and clears many drugs from the blood.",
       func_tr="This organ has the task to produce the bile and to store the glycogen.",
       know=["In adults the liver weighs about 1.2 to 1.6 kg.",
             "The spleen sits on the left under the ribs and is normally less than 13 cm long.",
             "Around 25% of adults have some fatty liver on imaging."]),
    _P("spleen", "spleen", "abdomen", "CT", "LP", blobs=[(0.22, 0.09, 0.07, 0.09)],
       others={"liver": (-0.18, -0.01), "left kidney": (0.15, 0.15), "stomach": (0.1, -0.09)},
       qs=["which organ here filters old red blood cells and can rupture after a rib fracture? segment it",
           "in a patient with mononucleosis which organ gets big and should not be hit in sports, mark it pls",
           "Which lymphoid organ in this abdomen CT would be removed after a bad trauma bleed?"],
       named=["please segment the spleen", "Can you outline the spleen on this slice?"],
       give=["spleen", "splen"],
       func="This organ filters the blood, removes old red cells and helps the immune system.",
       func_tr="This organ makes the filtration of the blood and removes the old red cells.",
       know=["A normal spleen is up to about 12 cm long in adults.",
             "About 10% of people have a small accessory spleen, called a splenule.",
             "The liver on the right side is much bigger than this organ."]),
    _P("left kidney", "left kidney", "abdomen", "CT", "LP", blobs=[(0.15, 0.12, 0.05, 0.075)],
       others={"abdominal aorta": (0.02, 0.08), "spleen": (0.23, 0.03), "right kidney": (-0.15, 0.13)},
       qs=["which organ on this slice makes urine and sits next to the spleen? segment the one i mean",
           "patient has flank pain and blood in urine on the same side as the spleen, which organ is that, mark it",
           "Which bean shaped organ near the spleen should be outlined here?"],
       named=["segment the left kidney", "Where is the left kidney? please mask it"],
       give=["kidney", "renal"],
       func="This organ filters the blood and makes urine.",
       func_tr="This organ has the function to filter the blood and to make the urine.",
       know=["The left kidney usually sits a little higher than the right one, by about 1 to 2 cm.",
             "A normal adult kidney is about 10 to 12 cm long.",
             "The left renal vein passes in front of the aorta."]),
    _P("right kidney", "right kidney", "abdomen", "MR", "RP", blobs=[(-0.15, 0.12, 0.05, 0.075)],
       others={"inferior vena cava": (-0.05, 0.05), "liver": (-0.18, -0.05), "left kidney": (0.15, 0.13)},
       qs=["which organ under the liver makes urine? segment it",
           "The stone is stuck in the ureter on the liver side, which organ drains into that ureter? Mark it",
           "which bean shaped organ next to the liver is this, please outline it"],
       named=["segment the right kidney on this MR", "please outline the right kidney"],
       give=["kidney", "renal"],
       func="This organ filters the blood and makes urine that goes down the ureter.",
       func_tr="This organ cleans the blood and produces the urine, which goes then in the ureter.",
       know=["The right kidney is usually a bit lower than the left because the liver sits above it.",
             "Each kidney has about 1 million nephrons.",
             "The normal eGFR in a young adult is above 90 mL/min."]),
    _P("kidneys", "kidneys", "abdomen", "CT", "LP",
       blobs=[(-0.15, 0.12, 0.05, 0.07), (0.15, 0.12, 0.05, 0.07)],
       others={"abdominal aorta": (0.02, 0.06), "liver": (-0.18, -0.03)},
       qs=["which paired organs make urine here? segment both",
           "the creatinine is high, which organs should be checked on this CT, mark them",
           "what are the two bean shaped organs that filter blood, outline them"],
       named=["segment both kidneys", "please mask the kidneys in this slice"],
       give=["kidney", "renal"],
       func="These organs filter the blood and produce urine.",
       func_tr="These organs have the function of filtration of blood and production of urine.",
       know=["Together the kidneys get about 20% of the cardiac output.",
             "The left kidney is often slightly higher than the right.",
             "About 1 in 500 people have a horseshoe kidney."]),
    _P("pancreas", "pancreas", "abdomen", "CT", "LP", blobs=[(0.03, 0.0, 0.12, 0.035)],
       others={"abdominal aorta": (0.02, 0.1), "liver": (-0.2, -0.03)},
       qs=["which gland here makes insulin and digestive enzymes, segment it",
           "lipase is 900 U/L and the patient has epigastric pain going to the back, what organ is inflamed? mark it",
           "Which long soft gland gets inflamed after heavy alcohol... sorry, which organ behind the stomach makes enzymes?"],
       named=["segment the pancreas", "can you outline the pancreas in this CT"],
       give=["pancrea"],
       func="This gland makes insulin and digestive enzymes.",
       func_tr="This gland produces the insulin and also the enzymes for the digestion.",
       know=["The head of the pancreas lies in the curve of the duodenum.",
             "About 80% of pancreatic cancers are found too late for surgery.",
             "The spleen is on the left near the tail of the pancreas."]),
    _P("abdominal aorta", "abdominal aorta", "abdomen", "CT", "RP", blobs=[(0.02, 0.09, 0.025, 0.025)],
       others={"inferior vena cava": (-0.05, 0.07), "pancreas": (0.03, -0.02)},
       qs=["which big vessel here carries blood from the heart to the legs? segment it",
           "patient has tearing pain to the back and a pulsating mass, what vessel do we look at, mark it",
           "which artery in front of the spine would have an aneurysm above 5.5 cm needing repair? outline it"],
       named=["segment the abdominal aorta", "please mask the aorta on this slice"],
       give=["aort"],
       func="This vessel carries oxygenated blood from the heart down to the abdomen and legs.",
       func_tr="This vessel brings the blood with oxygen from the heart down to the abdomen and the legs.",
       know=["A normal abdominal aorta is under 3 cm wide.",
             "An aneurysm over 5.5 cm is usually repaired.",
             "The inferior vena cava is the big vein returning blood to the heart."]),
    _P("gallbladder", "gallbladder", "abdomen", "CT", "LP", blobs=[(-0.14, -0.06, 0.035, 0.05)],
       others={"liver": (-0.18, -0.01), "abdominal aorta": (0.02, 0.09)},
       qs=["which pear shaped sac stores bile here? segment it",
           "pain after fatty meals and murphy sign positive, which organ do you mean, mark it",
           "Which organ would the surgeon remove for stones in a cholecystectomy? show it"],
       named=["segment the gallbladder", "outline the gall bladder please"],
       give=["gallbladder", "gall bladder"],
       func="This sac stores and concentrates bile from the liver.",
       func_tr="This small bag stores the bile and makes it more concentrated.",
       know=["About 10 to 15% of adults have gallstones.",
             "A normal gallbladder wall is under 3 mm thick.",
             "The liver lies mostly on the right side of the abdomen."]),
    _P("adrenal glands", "adrenal glands", "abdomen", "CT", "LP",
       blobs=[(-0.09, 0.08, 0.015, 0.025), (0.09, 0.08, 0.015, 0.025)],
       others={"abdominal aorta": (0.02, 0.08), "liver": (-0.2, -0.02)},
       qs=["which small glands on top of the kidneys make cortisol and epinephrine? segment them",
           "the patient has high blood pressure and episodes of sweating, which glands should we look at, mark them",
           "which little Y shaped glands make aldosterone, outline please"],
       named=["segment the adrenal glands", "mask both adrenals please"],
       give=["adrenal", "suprarenal"],
       func="These glands make cortisol, aldosterone and adrenaline.",
       func_tr="These glands produce the cortisol, the aldosterone and the adrenaline.",
       know=["Incidental adrenal nodules are seen in about 3 to 7% of CT scans.",
             "A nodule under 10 HU on plain CT is usually an adenoma.",
             "Adrenal glands are bigger in stress, but a limb over 10 mm thick is unusual."]),
    _P("liver metastases", "liver metastases", "abdomen", "CT", "LP",
       lesions=(2, 5, -0.3, -0.08, -0.12, 0.1, 0.015, 0.032),
       others={"spleen": (0.22, 0.06), "abdominal aorta": (0.02, 0.09)},
       kind="lesion",
       qs=["patient had colon cancer 2 years ago, now the CEA is rising. which lesions here are the problem, segment them",
           "what are these round dark spots in the big organ that makes bile, mark them pls",
           "Which findings would explain new weight loss in a patient treated for breast cancer? outline"],
       named=["segment the liver metastases", "mask the metastases in the liver"],
       give=["metasta", "liver", "hepat"],
       func="These look like spread of a tumour from somewhere else, most often the colon.",
       func_tr="These are probably the spreading of a cancer from other place, often from the colon.",
       know=["Colorectal cancer spreads to the liver in about 25 to 30% of patients.",
             "Lesions under 1 cm are often too small to characterise on CT.",
             "The spleen on the left is not involved on this slice."]),
    _P("hepatic cyst", "hepatic cyst", "abdomen", "MR", "RP", blobs=[(-0.2, 0.0, 0.03, 0.028)],
       others={"right kidney": (-0.15, 0.14), "abdominal aorta": (0.02, 0.09)},
       kind="lesion",
       qs=["which harmless fluid filled lesion in the organ that makes bile should be outlined? segment it",
           "the report says a simple benign fluid lesion, very bright on T2, which one is it, mark it",
           "what is the round bright thing here that does not need follow up? show me"],
       named=["segment the hepatic cyst", "outline the liver cyst please"],
       give=["cyst", "hepat", "liver"],
       func="It is a simple fluid filled cyst, almost always benign.",
       func_tr="It is a simple cyst full of fluid, nearly always benign.",
       know=["Simple liver cysts are found in about 5% of people.",
             "On T2 they are bright like water, about the same as CSF.",
             "No follow up is needed for a typical simple cyst under 5 cm."]),
    _P("right renal calculi", "right kidney stones", "abdomen", "CT", "RP",
       lesions=(1, 3, -0.19, -0.11, 0.08, 0.16, 0.008, 0.014),
       others={"abdominal aorta": (0.02, 0.08), "liver": (-0.18, -0.04)},
       kind="lesion",
       qs=["the patient has colicky flank pain on the liver side and blood in the urine, what dense finding causes this? segment",
           "what very bright calcified thing in the urinary system explains the colic, mark it all",
           "What made the pain like waves on the side under the liver? outline what you see"],
       named=["segment the right kidney stones", "mask the right renal calculi please"],
       give=["calcul", "stone", "renal", "kidney"],
       func="Kidney stones are very dense on CT, nearly like bone.",
       func_tr="The kidney stones are very dense on the CT, almost like the bone.",
       know=["Stones under 5 mm pass on their own in about 70 to 80% of cases.",
             "Most stones are calcium oxalate.",
             "Tamsulosin 0.4 mg daily can help a ureteric stone pass."]),
    _P("right lung", "right lung", "chest", "CT", "LP", blobs=[(-0.17, 0.0, 0.14, 0.22)],
       others={"heart": (0.05, -0.05), "esophagus": (0.01, 0.09)},
       qs=["which organ with three lobes is here, segment it",
           "the pneumonia is in the breathing organ that has a middle lobe, which one, mark the whole thing",
           "which side of the breathing organs has the horizontal fissure? outline it"],
       named=["segment the right lung", "mask the right lung please"],
       give=["right lung", "lung"],
       func="This organ does the gas exchange, oxygen in and carbon dioxide out.",
       func_tr="This organ makes the exchange of the gases, oxygen goes in and carbon dioxide goes out.",
       know=["The right lung has three lobes and the left lung has two.",
             "The right main bronchus is shorter and steeper, so aspirated things go there more often.",
             "A normal resting breathing rate is 12 to 20 per minute."]),
    _P("left lung", "left lung", "chest", "CT", "LP", blobs=[(0.17, 0.0, 0.13, 0.21)],
       others={"heart": (0.05, -0.05), "esophagus": (0.01, 0.09)},
       qs=["which breathing organ here has only two lobes and the lingula? segment it",
           "which breathing organ has the cardiac notch, mark it",
           "the collapse is in the breathing organ with the lingula, outline the whole organ please"],
       named=["segment the left lung", "outline the left lung"],
       give=["left lung", "lung"],
       func="This organ exchanges oxygen and carbon dioxide.",
       func_tr="This organ makes the exchange of oxygen and carbon dioxide with the blood.",
       know=["The left lung is a bit smaller than the right because the heart takes space.",
             "The left lung has two lobes, upper and lower, and the lingula.",
             "Normal oxygen saturation is 94 to 98%."]),
    _P("pulmonary nodules", "lung nodules", "chest", "CT", "LP",
       lesions=(1, 4, -0.28, 0.28, -0.12, 0.12, 0.01, 0.02),
       others={"heart": (0.05, -0.05)},
       kind="lesion",
       qs=["smoker 62 years, what in the air-filled organs needs follow up here? segment",
           "what is the small round opacity stuff here, mark all of it please",
           "Which finding would the Fleischner rules apply to? outline everything"],
       named=["segment the pulmonary nodules", "mask the lung nodules"],
       give=["nodule", "pulmonar", "lung"],
       func="Lung nodules can be scars, granulomas or early tumours.",
       func_tr="A lung nodule can be a scar, a granuloma or an early tumour.",
       know=["Most nodules under 6 mm in a low risk patient need no routine follow up.",
             "About 95% of small nodules found on screening are benign.",
             "A solid nodule over 8 mm usually gets a PET or a follow up CT at 3 months."]),
    _P("heart", "heart", "chest", "CT", "LP", blobs=[(0.05, -0.06, 0.12, 0.1)],
       others={"esophagus": (0.01, 0.1), "right lung": (-0.17, 0.0)},
       qs=["which organ pumps the blood, segment it on this chest CT",
           "the patient has chest pain and troponin 450 ng/L, which organ is damaged, mark it",
           "which muscular organ with four chambers is this? outline"],
       named=["segment the heart", "please mask the heart"],
       give=["heart", "cardi"],
       func="This organ pumps blood to the lungs and the body.",
       func_tr="This organ pumps the blood to the lungs and to all the body.",
       know=["The heart beats about 60 to 100 times per minute at rest.",
             "The apex normally points to the left.",
             "A cardiothoracic ratio over 0.5 on a PA film suggests cardiomegaly."]),
    _P("left pleural effusion", "left pleural effusion", "chest", "CT", "LP", blobs=[(0.2, 0.15, 0.08, 0.05)],
       others={"heart": (0.05, -0.06), "esophagus": (0.01, 0.09)},
       kind="lesion",
       qs=["which fluid collection makes the patient short of breath on the side of the heart apex? segment it",
           "what is the dependent fluid around the lung on the same side as the spleen, mark it",
           "which fluid would be drained with a chest tube here? outline"],
       named=["segment the left pleural effusion", "mask the pleural effusion please"],
       give=["effusion", "pleural"],
       func="This is fluid between the lung and the chest wall.",
       func_tr="This is a liquid between the lung and the wall of the chest.",
       know=["About 200 mL of fluid is needed before it shows on a frontal X-ray.",
             "Light's criteria separate transudate from exudate.",
             "Heart failure usually causes effusions on both sides, often bigger on the right."]),
    _P("esophagus", "esophagus", "chest", "CT", "LP", blobs=[(0.01, 0.09, 0.013, 0.013)],
       others={"heart": (0.05, -0.06), "right lung": (-0.17, 0.0)},
       qs=["which tube carries food from the throat to the stomach? segment it",
           "the patient has trouble swallowing solids, which structure do we check here, mark it",
           "which muscular tube behind the trachea is this? outline"],
       named=["segment the esophagus", "please mask the oesophagus"],
       give=["esophag", "oesophag"],
       func="This muscular tube moves food from the throat to the stomach.",
       func_tr="This tube of muscle transports the food from the throat down to the stomach.",
       know=["The esophagus is about 25 cm long in adults.",
             "The aorta in the chest usually runs on the left of the spine.",
             "Barrett change is found in about 10% of people with long reflux."]),
    _P("urinary bladder", "urinary bladder", "pelvis", "MR", "LP", blobs=[(0.0, -0.08, 0.1, 0.08)],
       others={"rectum": (0.0, 0.14)},
       qs=["which organ stores urine? segment it",
           "the patient cannot pass urine and has 900 mL retention, which organ is full, mark it",
           "which hollow organ would a catheter drain? outline"],
       named=["segment the urinary bladder", "mask the bladder"],
       give=["bladder", "vesic"],
       func="This hollow organ stores urine until you go to the toilet.",
       func_tr="This hollow organ keeps the urine until the moment of urination.",
       know=["A normal adult bladder holds about 400 to 600 mL.",
             "Post void residual under 50 mL is normal.",
             "A bladder wall under 3 mm is normal when it is full."]),
    _P("prostate", "prostate", "pelvis", "MR", "LP", blobs=[(0.0, 0.02, 0.04, 0.035)],
       others={"urinary bladder": (0.0, -0.1), "rectum": (0.0, 0.15)},
       qs=["which gland makes part of the seminal fluid and gets big in older men? segment it",
           "PSA is 8.2 ng/mL, which organ do we look at on this MR, mark it",
           "what gland gets scored with PI-RADS? outline"],
       named=["segment the prostate", "please mask the prostate gland"],
       give=["prostat"],
       func="This gland makes part of the seminal fluid.",
       func_tr="This gland produces a part of the seminal liquid.",
       know=["A normal prostate volume is about 20 to 25 mL.",
             "PI-RADS scores go from 1 to 5.",
             "Benign enlargement affects about half of men over 60."]),
    _P("uterus", "uterus", "pelvis", "MR", "LP", blobs=[(0.0, 0.0, 0.09, 0.06)],
       others={"urinary bladder": (0.0, -0.13), "rectum": (0.0, 0.15)},
       qs=["which organ does the embryo implant in? segment it",
           "heavy menstrual bleeding, which organ should we look at on this pelvic MR, mark it",
           "which hollow muscular organ between bladder and rectum is this? outline"],
       named=["segment the uterus", "mask the uterus please"],
       give=["uter", "womb"],
       func="This organ is where a pregnancy grows.",
       func_tr="This organ is the place where the pregnancy develops.",
       know=["The endometrium is normally under 4 mm after menopause.",
             "A normal uterus is about 7 to 8 cm long.",
             "The ovaries usually sit on both sides near the pelvic wall."]),
    _P("ovaries", "ovaries", "pelvis", "MR", "RP",
       blobs=[(-0.14, 0.03, 0.03, 0.022), (0.14, 0.03, 0.03, 0.022)],
       others={"uterus": (0.0, 0.0), "urinary bladder": (0.0, -0.12)},
       qs=["which paired organs make eggs and oestrogen? segment them",
           "the patient has PCOS, which organs have many small follicles, mark them",
           "Which paired structures release an egg every month? outline both"],
       named=["segment the ovaries", "mask both ovaries"],
       give=["ovar", "oophor"],
       func="These organs make eggs and hormones like oestrogen.",
       func_tr="These organs produce the eggs and the hormones, like the oestrogen.",
       know=["A follicle up to 25 mm can be normal before ovulation.",
             "Each ovary is about 3 x 2 x 1 cm.",
             "About 1 in 10 women has PCOS."]),
    _P("uterine fibroids", "fibroids", "pelvis", "MR", "LP",
       lesions=(2, 4, -0.1, 0.1, -0.06, 0.06, 0.018, 0.03),
       others={"urinary bladder": (0.0, -0.15), "rectum": (0.0, 0.16)},
       kind="lesion",
       qs=["which benign smooth muscle tumours cause the heavy bleeding here? segment",
           "what are the dark round lumps on T2 in the womb wall, mark them",
           "which lesions would be treated by myomectomy? outline them"],
       named=["segment the uterine fibroids", "mask the fibroids please"],
       give=["fibroid", "myoma", "leiomyom", "uter"],
       func="These are benign muscle tumours of the uterus.",
       func_tr="These are benign tumours of the muscle of the uterus.",
       know=["Fibroids are found in up to 70% of women by age 50.",
             "Less than 1 in 1000 turns out to be a sarcoma.",
             "Ulipristal 5 mg was once used to shrink them."]),
    _P("femoral heads", "femoral heads", "pelvis", "CT", "LP",
       blobs=[(-0.21, 0.02, 0.05, 0.05), (0.21, 0.02, 0.05, 0.05)],
       others={"urinary bladder": (0.0, -0.1)},
       qs=["which ball shaped bones make the hip joints? segment both",
           "the patient had long steroids and hip pain, where would avascular necrosis be, mark these bones",
           "Which round bone parts sit in the acetabulum? outline"],
       named=["segment the femoral heads", "mask both femoral heads"],
       give=["femoral head", "femur", "femoral"],
       func="These are the ball parts of the hip joints.",
       func_tr="These are the ball parts of the joints of the hip.",
       know=["Avascular necrosis is bilateral in about half of cases.",
             "A hip fracture in a 80 year old has about 20% one year mortality.",
             "The acetabulum covers the ball by about 75%."]),
    _P("rectum", "rectum", "pelvis", "MR", "RP", blobs=[(0.0, 0.15, 0.035, 0.03)],
       others={"urinary bladder": (0.0, -0.1), "uterus": (0.0, 0.0)},
       qs=["which last part of the bowel before the anus is here? segment it",
           "patient with bleeding and tenesmus, which part of the gut do we stage on MR, mark it",
           "which organ would a TME operation remove? outline"],
       named=["segment the rectum", "mask the rectum please"],
       give=["rect"],
       func="This is the last part of the large bowel, it stores stool.",
       func_tr="This is the last part of the big bowel, it keeps the stool.",
       know=["The rectum is about 12 to 15 cm long.",
             "Tumours within 5 cm of the anal verge are called low.",
             "The sigmoid colon is usually on the left before it joins."]),
    _P("psoas muscles", "psoas muscles", "abdomen", "MR", "LI",
       blobs=[(-0.085, 0.06, 0.025, 0.19), (0.085, 0.06, 0.025, 0.19)],
       others={"liver": (-0.2, -0.22)},
       qs=["which muscles beside the lumbar spine flex the hip? segment both",
           "where could an abscess spread down to the groin from the spine, mark those muscles",
           "which long muscles go from the spine to the lesser trochanter? outline them"],
       named=["segment the psoas muscles", "mask both psoas"],
       give=["psoas", "iliopsoas"],
       func="These muscles flex the hip and go from the lumbar spine to the femur.",
       func_tr="These muscles make the flexion of the hip, they go from the lumbar spine to the femur.",
       know=["Psoas area at L3 is used to measure sarcopenia.",
             "An abscess here is often from TB or Crohn disease.",
             "The right kidney usually lies a little lower than the left."]),
    _P("liver", "liver", "abdomen", "MR", "LI", blobs=[(-0.17, -0.15, 0.16, 0.13)],
       others={"psoas muscles": (0.0, 0.06), "spleen": (0.22, -0.15)},
       qs=["on this coronal MR which organ makes the bile? segment it",
           "ALT and AST are 5 times normal, which organ is affected, mark it here",
           "which organ does the portal vein bring blood to? outline"],
       named=["segment the liver on the coronal image", "mask the liver"],
       give=["liver", "hepat"],
       func="This organ makes bile and handles the nutrients from the gut.",
       func_tr="This organ produces the bile and works with the nutrients from the gut.",
       know=["The liver span in the midclavicular line is normally under 16 cm.",
             "The portal vein gives about 75% of the liver blood flow.",
             "The spleen is on the left under the diaphragm."]),
]


# -- masks and facts ---------------------------------------------------------------------------------

def _to_image(px: float, py: float, orientation: str) -> tuple[float, float]:
    x = 0.5 + px if orientation[0] == "L" else 0.5 - px
    y = 0.5 + py if orientation[1] in "PI" else 0.5 - py
    return x, y


def draw_mask(ellipses: list[tuple[float, float, float, float]]) -> np.ndarray:
    """Binary mask from ellipses (x, y, rx, ry) in image fractions."""
    yy, xx = np.mgrid[0:N, 0:N]
    m = np.zeros((N, N), bool)
    for x, y, rx, ry in ellipses:
        m |= ((xx - x * (N - 1)) / (rx * N)) ** 2 + ((yy - y * (N - 1)) / (ry * N)) ** 2 <= 1.0
    return m


def others_for(p: dict) -> dict:
    return {name: _to_image(px, py, p["orientation"]) for name, (px, py) in sorted(p["others"].items())}


def facts_for(p: dict, rng) -> dict:
    o = p["orientation"]
    ells = []
    if p["lesions"]:
        n_lo, n_hi, x_lo, x_hi, y_lo, y_hi, r_lo, r_hi = p["lesions"]
        n = rng.randint(n_lo, n_hi)
        placed = []
        tries = 0
        while len(placed) < n and tries < 500:
            tries += 1
            px, py, r = rng.uniform(x_lo, x_hi), rng.uniform(y_lo, y_hi), rng.uniform(r_lo, r_hi)
            if all(((px - a) ** 2 + (py - b) ** 2) ** 0.5 > r + c + 0.02 for a, b, c in placed):
                placed.append((px, py, r))
        for px, py, r in placed:
            x, y = _to_image(px, py, o)
            ells.append((round(x, 4), round(y, 4), round(r, 4), round(r * rng.uniform(0.8, 1.2), 4)))
    else:
        for px, py, rx, ry in p["blobs"]:
            x, y = _to_image(px + rng.uniform(-0.015, 0.015), py + rng.uniform(-0.015, 0.015), o)
            ells.append((round(x, 4), round(y, 4), round(rx * rng.uniform(0.85, 1.15), 4),
                         round(ry * rng.uniform(0.85, 1.15), 4)))
    _LAST["ellipses"] = ells
    return compute_facts(draw_mask(ells), o, others_for(p)).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    return profiles[rng.randrange(len(profiles))]


# -- claim phrases -----------------------------------------------------------------------------------

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

LAT = {
    "left": ["it is on the patient's left side", "it lies in the left half of the body",
             "{T} is located on left side of the patient", "this one is left sided",
             "it is on the left of the patient", "position is left (patient left)"],
    "right": ["it is on the patient's right side", "it lies in the right half of the body",
              "{T} is located on right side of the patient", "this one is right sided",
              "it is on the right of the patient", "position is right (patient right)"],
    "bilateral": ["there is one on each side, left and right", "it is seen on both sides of the patient",
                  "it is bilateral, so left and right side both", "you see it on the left AND on the right"],
    "midline": ["it is in the midline, not really left or right", "it sits in the middle of the body on the midline",
                "it is not to one side, it is midline", "left-right it is just in the midline"],
    "not:left": ["it is not on the left side", "it is not the left one"],
    "not:right": ["it is not on the right side", "it is not the right one"],
    "not:one_side": ["it is not only on one side"],
    "not:either": ["it is not on the left and not on the right"],
}
LAT_TR = {
    "left": ["It is located at the left side of the patient", "At the left side of the patient it lies",
             "Its position is the left side, seen from the patient", "Left side it is, from the view of patient"],
    "right": ["It is located at the right side of the patient", "At the right side of the patient it lies",
              "Its position is the right side, seen from the patient", "Right side it is, from the view of patient"],
    "bilateral": ["It exists on both sides, left and also right", "On the two sides of the patient it is present"],
    "midline": ["It lies on the middle line of the body, not left, not right", "Its position is on the midline of patient"],
    "not:left": ["On the left side it is not"], "not:right": ["On the right side it is not"],
    "not:one_side": ["It is not only on one side"], "not:either": ["It is neither on the left nor on the right"],
}
VERT = {
    "anterior": ["it is in the front part of the body (anterior)", "it lies anteriorly, toward the front",
                 "it is more to the front, anterior"],
    "posterior": ["it sits posteriorly, toward the back", "it is in the back part, posterior",
                  "it lies toward the back of the body (posterior)"],
    "central": ["front to back it is about in the middle", "it is neither in front nor in back, middle depth"],
    "superior": ["it is in the upper part of the image, toward the head", "it lies superiorly, up toward the head",
                 "it is high in this picture (superior)"],
    "inferior": ["it is low in this picture, toward the feet", "it lies inferiorly, down toward the feet",
                 "it is in the lower part of the image (inferior)"],
    "central_co": ["top to bottom it is roughly in the middle of the picture",
                   "it is neither high nor low, middle height"],
    "not:anterior": ["it is not in the front part"], "not:posterior": ["it is not in the back part"],
    "not:superior": ["it is not in the upper part"], "not:inferior": ["it is not in the lower part"],
}
VERT_TR = {
    "anterior": ["It lies in the front part of the body, anterior", "To the front side of the body it is situated"],
    "posterior": ["To the back side of the body it is situated", "It lies in the back part of the body, posterior"],
    "central": ["Concerning the depth it is in the middle, not front, not back"],
    "superior": ["In the upper part of the picture it is located, near to the head", "It lies superior, to the head"],
    "inferior": ["In the under part of the image it is located, to the feet", "It lies inferior, to the feet"],
    "central_co": ["Concerning the height it is in the middle of the picture, not up, not down"],
    "not:anterior": ["In the front part it is not"], "not:posterior": ["In the back part it is not"],
    "not:superior": ["In the upper part it is not"], "not:inferior": ["In the under part it is not"],
}
REL = {
    "left_of": ["it is to the patient's left of the {o}", "it lies left of the {o}"],
    "right_of": ["it is to the patient's right of the {o}", "it lies right of the {o}"],
    "anterior_to": ["it is in front of the {o}", "it lies anterior to the {o}"],
    "posterior_to": ["it is behind the {o}", "it sits posterior to the {o}"],
    "superior_to": ["it is above the {o}", "it lies superior to the {o}"],
    "inferior_to": ["it is below the {o}", "it lies inferior to the {o}"],
}
REL_TR = {
    "left_of": ["Compared with the {o}, it is more to the left of patient"],
    "right_of": ["Compared with the {o}, it is more to the right of patient"],
    "anterior_to": ["It is located in front from the {o}"], "posterior_to": ["It is located behind from the {o}"],
    "superior_to": ["It is lying over the {o}"], "inferior_to": ["It is lying under the {o}"],
}
SIZE = {
    "small": ["it is small on this slice", "it is quite a small structure here", "size wise it is small"],
    "medium": ["it is medium sized", "it is moderate in size, not big not small", "the size is medium"],
    "large": ["it is large, it takes a big part of the image", "it is big on this slice", "it is a large structure here"],
    "not:large": ["it is not large"], "not:small": ["it is not small"],
    "pct": ["it covers about {p}% of the image", "roughly {p} percent of the picture is it",
            "the area is around {p}% of the image"],
}
SIZE_TR = {
    "small": ["The size is small, a little one", "Of size it is small"],
    "medium": ["Its size is middle big", "Of size it is medium, not big and not small"],
    "large": ["It is of great size, it takes much place in the image", "Of size it is big"],
    "not:large": ["Big it is not"], "not:small": ["Small it is not"],
    "pct": ["It occupies approximately {p} percent of the image surface", "The surface is circa {p}% of the image"],
}
COUNT = {
    1: ["it is one single connected piece", "there is only one region", "it is just one piece, not several"],
    "n": ["there are {n} separate pieces", "I can see {n} separate parts", "it is made of {n} separate regions"],
    "not:1": ["it is not one single piece"], "not:n": ["it is not in several pieces"],
}
COUNT_LES = {1: ["there is a single lesion", "only one lesion is there"],
             "n": ["there are {n} lesions", "{n} separate spots are seen"]}
COUNT_TR = {1: ["There is only one piece of it", "One sees only one single part"],
            "n": ["One counts {n} separate parts", "It consists of {n} pieces which are separated"],
            "not:1": ["It is not one piece only"], "not:n": ["It is not in many pieces"]}

# short forms, for user premises and corrections
def short(kind: str, v, p: dict) -> str:
    co = p["orientation"] == "LI"
    if kind == "lat":
        return {"left": "on the left side", "right": "on the right side", "bilateral": "on both sides",
                "midline": "in the midline"}[v]
    if kind == "vert":
        if v == "central":
            return "in the middle top to bottom" if co else "in the middle front to back"
        return {"anterior": "in the front", "posterior": "at the back", "superior": "high up, superior",
                "inferior": "low down, inferior"}[v]
    if kind == "rel":
        r, o = v
        return {"left_of": "left of the {o}", "right_of": "right of the {o}", "anterior_to": "in front of the {o}",
                "posterior_to": "behind the {o}", "superior_to": "above the {o}",
                "inferior_to": "below the {o}"}[r].format(o=o)
    if kind == "size":
        return {"small": "small", "medium": "medium sized", "large": "large"}[v]
    if kind == "pct":
        return f"about {v}% of the image"
    if kind == "count":
        return "one single piece" if v == 1 else f"{WORDS[v]} separate pieces"
    raise ValueError(kind)


def _pct(af: float) -> float:
    x = af * 100
    return round(x, 2) if x < 1 else round(x, 1) if x < 10 else float(round(x))


def _fmt(x: float) -> str:
    return f"{x:g}"


# -- style helpers -----------------------------------------------------------------------------------

def tiny(s: str, rng) -> str:
    """Small-model surface: lowercase start, dropped full stop, odd capitals."""
    if rng.random() < 0.55 and s[:1].isupper() and not s.startswith("I "):
        s = s[0].lower() + s[1:]
    elif rng.random() < 0.3:
        s = s[0].upper() + s[1:]
    if rng.random() < 0.15:
        s = s.replace(" side", " Side").replace(" image", " Image")
    return s


def claim_sentence(kind: str, v, p: dict, style: str, rng, facts: dict) -> str:
    """One claim sentence (without the final full stop) in the register."""
    tr = style == "translated_english"
    T = p["alias"]
    if kind == "lat":
        s = rng.choice((LAT_TR if tr else LAT)[v]).format(T=("the " + T) if not tr else T)
    elif kind == "vert":
        key = "central_co" if (v == "central" and p["orientation"] == "LI") else v
        s = rng.choice((VERT_TR if tr else VERT)[key])
    elif kind == "rel":
        r, o = v
        s = rng.choice((REL_TR if tr else REL)[r]).format(o=o)
    elif kind == "size":
        s = rng.choice((SIZE_TR if tr else SIZE)[v])
    elif kind == "pct":
        s = rng.choice((SIZE_TR if tr else SIZE)["pct"]).format(p=_fmt(v))
    elif kind == "count":
        if isinstance(v, str):
            s = rng.choice((COUNT_TR if tr else COUNT)[v])
        else:
            bank = COUNT_TR if tr else (COUNT_LES if p["kind"] == "lesion" else COUNT)
            num = str(v) if style == "tiny_chat" else WORDS[v]
            s = rng.choice(bank[1]) if v == 1 else rng.choice(bank["n"]).format(n=num)
    else:
        raise ValueError(kind)
    if style == "tiny_chat":
        s = tiny(s, rng)
    elif style == "rambling_repeater" and rng.random() < 0.35:
        s = rng.choice(["It is possible that ", "I think that ", "It seems that maybe ", "It is likely that "]) + (s if s.startswith("I ") else s[0].lower() + s[1:])
    if s[:1].islower() and style != "tiny_chat":
        s = s[0].upper() + s[1:]
    return s


def end(s: str, style: str, rng) -> str:
    if style == "tiny_chat" and rng.random() < 0.45:
        return s
    return s + "."


# -- truth ------------------------------------------------------------------------------------------

def true_values(facts: dict, p: dict) -> dict:
    rels = [(r["relation"], r["other"]) for r in facts["relations"]]
    return {"lat": facts["laterality"], "vert": facts["vertical"], "rels": rels, "size": facts["size_class"],
            "pct": _pct(facts["area_fraction"]), "count": facts["components"]}


def false_value(kind: str, tv: dict, p: dict, rng):
    if kind == "lat":
        return {"left": "right", "right": "left", "bilateral": rng.choice(["left", "right"]),
                "midline": rng.choice(["left", "right"])}[tv["lat"]]
    if kind == "vert":
        v = tv["vert"]
        if v == "central":
            return rng.choice(["superior", "inferior"] if p["orientation"] == "LI" else ["anterior", "posterior"])
        return {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}[v]
    if kind == "rel":
        r, o = rng.choice(tv["rels"])
        flip = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
                "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
        return (flip[r], o)
    if kind == "size":
        return {"small": "large", "large": "small", "medium": rng.choice(["small", "large"])}[tv["size"]]
    if kind == "pct":
        x = tv["pct"]
        f = x * rng.choice([6, 8]) if x < 4 else x / rng.choice([6, 8])
        return round(f, 2) if f < 1 else round(f, 1) if f < 10 else float(round(f))
    if kind == "count":
        n = tv["count"]
        if n == 1:
            return rng.choice([2, 3])
        return rng.choice([c for c in (1, n - 1, n + 1) if c >= 1 and c != n and c <= 6])
    raise ValueError(kind)


# -- conversation pieces ----------------------------------------------------------------------------

KIND_Q = {
    "lat": ["which side is it on?", "is it on the left or the right side of the patient?", "left or right??",
            "On which side of the body is it?"],
    "vert": ["is it more to the front or the back?", "where is it front to back?", "is it anterior or posterior?"],
    "vert_co": ["is it high or low in this picture?", "is it up near the head or down?"],
    "rel": ["where is it compared to the {o}?", "and relative to the {o}?"],
    "size": ["how big is it on this slice?", "is it big?", "what size is it here?"],
    "count": ["how many pieces are there?", "is it one piece or several?", "how many separate parts do you see?"],
}
GEN_Q = ["what does it do normally?", "what would the doctor do next?", "can you explain more simple please",
         "ok thanks. is this dangerous?", "what other tests might help?", "why is it bright on the image?"]
GEN_Q_PREM = ["what does this mean for the patient?", "is that normal?", "what should happen next?",
              "could that explain the symptoms?"]

OPEN = {
    "tiny_chat": ["sure! this is the {T} [SEG]", "the {T} [SEG]", "that would be The {T} [SEG]",
                  "answer: {T} [SEG]", "ok so this is the {T} [SEG]"],
    "instruct_template": ["### Response:\nThe structure is the {T}. [SEG]", "### Response:\nAnswer: {T} [SEG]",
                          "Answer: the {T}. Segmentation: [SEG]", "### Response:\n1. Structure: {T} [SEG]"],
    "translated_english": ["The structure which you ask for, this is the {T} [SEG].",
                           "It concerns here the {T}, see the segmentation [SEG].",
                           "What you search is the {T} [SEG]. I show it."],
    "rambling_repeater": ["The answer is the {T}. The {T} is shown here [SEG]. The answer is the {T}.",
                          "This is the {T} [SEG]. Yes, this is the {T}.",
                          "Based on the image, the structure is the {T} [SEG]. The structure is the {T}."],
}
TOKENS_END = ["</s>", "<|im_end|>", "<|endoftext|>", "<|end|>", "<|assistant|>", "<|user|>"]
HEDGES = ["However, I am only an AI and not a doctor, so please ask a radiologist.",
          "It is important to note that imaging must be interpreted by a qualified professional.",
          "Please consult your healthcare provider for more information.",
          "It is always good to ask the doctor to be sure."]
HEDGES_TR = ["But I am not doctor, please you ask the radiologist for confirm.",
             "For the diagnosis one must always ask the specialist.",
             "This is only information, it does not replace the doctor."]
TINY_FILL = ["hope this helps", "let me know if u have more question", "ok", "thanks for asking",
             "this is common in imaging"]


def hypothetical(kind: str, tv: dict, p: dict, style: str, rng) -> str | None:
    """A true hypothetical (not a claim about this mask)."""
    tr = style == "translated_english"
    if kind == "lat" and tv["lat"] in ("left", "right"):
        other = "right" if tv["lat"] == "left" else "left"
        return (f"If the same finding was on the {other} side, one would think of other causes"
                if tr else f"if the same thing was on the {other} side the differential would be different")
    if kind == "size":
        return ("If it would be much bigger, the doctor would maybe worry more" if tr
                else "if it was much bigger than this a doctor might worry about enlargement")
    if kind == "count" and p["kind"] == "lesion":
        return ("If there would be more than ten lesions, the treatment would be different" if tr
                else "if there were more than ten lesions the treatment plan would change")
    return None


def image_side(facts: dict, p: dict, style: str) -> str | None:
    """A true sentence on where a one-sided target appears on the screen."""
    lat = facts["laterality"]
    if lat not in ("left", "right"):
        return None
    x = facts["centroid_normalized"][0]
    if abs(x - 0.5) < 0.08:
        return None
    img = "right" if x > 0.5 else "left"
    if style == "translated_english":
        return f"On the screen it appears on the {img} of the image, but for the patient it is the {lat} side"
    return f"on the screen it shows on the {img} side of the image but that is the patient's {lat}"


class Row:
    def __init__(self, p, facts, style, rng):
        self.p, self.facts, self.style, self.rng = p, facts, style, rng
        self.turns: list[dict] = []
        self.claims: list[dict] = []

    def claim(self, kind, v, role, false=False, corrected=False, style=None):
        s = claim_sentence(kind, v, self.p, style or self.style, self.rng, self.facts)
        self.claims.append(dict(kind=kind, value=v, turn=len(self.turns), role=role, text=s, false=false,
                                corrected=corrected))
        return s

    def note_claim(self, kind, v, role, text, false=False, corrected=False):
        self.claims.append(dict(kind=kind, value=v, turn=len(self.turns), role=role, text=text, false=false,
                                corrected=corrected))

    def add(self, role, content):
        self.turns.append({"role": role, "content": content})


def _join(parts: list[str], style: str, rng) -> str:
    if style == "tiny_chat":
        out = ""
        for i, s in enumerate(parts):
            if i == 0:
                out = s
            elif out.endswith((".", "!", "?")) or rng.random() < 0.5:
                out += " " + s
            elif s.lower().startswith("if "):
                out += ". " + s   # a hypothetical never runs on from a claim
            else:
                out += rng.choice([" ", " and ", ", "]) + s   # run-on
        return out
    if style == "instruct_template":
        return "\n".join(parts)
    return " ".join(parts)


def _as_list(sentences: list[str], rng, cut: bool) -> list[str]:
    """instruct_template: numbered list, possibly cut off mid-item (with no claim in the cut item)."""
    items = [f"{i + 2}. {s}" for i, s in enumerate(sentences)]
    if cut:
        k = len(items) + 2
        items.append(f"{k}. " + rng.choice(["Clinical note: The", "Recommendation: It is recommended to",
                                             "Differential diagnosis:\n   a) ", "Further imaging: MRI or"]))
    return items


def plan_kinds(tv: dict, p: dict, rng) -> list[str]:
    kinds = ["lat", "vert", "size", "count"]
    if tv["rels"]:
        kinds.append("rel")
    if rng.random() < 0.5:
        kinds.append("pct")
    rng.shuffle(kinds)
    return kinds


def value_for(kind: str, tv: dict, rng):
    if kind == "rel":
        return rng.choice(tv["rels"])
    return tv[kind]


def first_question(p, style, rng, named: bool) -> str:
    q = rng.choice(p["named"] if named else p["qs"])
    if style == "instruct_template" and rng.random() < 0.5:
        q = "### Instruction:\n" + q
    elif style == "tiny_chat" and rng.random() < 0.3:
        q = "<|user|>\n" + q
    return q


def premise_turn(kind: str, v, p, rng) -> str:
    sh = short("size" if kind == "size" else kind, v, p)
    lead = rng.choice(["ok so it is {s}.", "I see it is {s}.", "So it's {s}, got it.", "alright it is {s}."])
    if kind == "pct":
        lead = rng.choice(["ok so it is {s}.", "so it takes {s}."])
    if kind == "count":
        lead = rng.choice(["I count {s} here.", "ok, so {s}."])
    return lead.format(s=sh) + " " + rng.choice(GEN_Q_PREM)


def general_answer(p, style, rng) -> list[str]:
    tr = style == "translated_english"
    out = []
    if tr:
        out.append(p["func_tr"])
        out.append(rng.choice(HEDGES_TR))
    else:
        k = rng.choice(p["know"])
        out.append(k if style != "tiny_chat" else tiny(k, rng))
        if style == "rambling_repeater":
            out.append(rng.choice(HEDGES))
            out.append(k)  # the repeat
        elif rng.random() < 0.4:
            out.append(p["func"] if style != "tiny_chat" else tiny(p["func"], rng))
    return out


def correction(r: Row, kind: str, false_v, true_v, style: str) -> list[str]:
    """Assistant corrects a user's false premise: negation plus the true value."""
    rng, p = r.rng, r.p
    parts = []
    lead = {"tiny_chat": rng.choice(["no", "nope, not really", "hmm no"]),
            "instruct_template": "### Response:\nCorrection:",
            "translated_english": "No, this is not correct.",
            "rambling_repeater": "Actually, that is not quite right. It is important to note this."}[style]
    parts.append(lead)
    neg = None
    if kind == "lat" and true_v in ("left", "right", "midline") and false_v in ("left", "right"):
        neg = "not:" + false_v
    elif kind == "vert":
        neg = "not:" + false_v if false_v != "central" else None
    elif kind == "size" and {true_v, false_v} == {"small", "large"}:
        neg = "not:" + false_v
    elif kind == "count":
        neg = "not:1" if false_v == 1 else ("not:n" if true_v == 1 else None)
    if neg and (kind != "vert" or neg in VERT):
        parts.append(end(r.claim(kind, neg, "assistant"), style, rng))
    parts.append(end(r.claim(kind, true_v, "assistant"), style, rng))
    if style == "rambling_repeater":
        parts.append(end(r.claim(kind, true_v, "assistant"), style, rng))
    return parts


def build(p: dict, facts: dict, style: str, rng, defect):
    r = Row(p, facts, style, rng)
    tv = true_values(facts, p)
    T = p["alias"]
    co = p["orientation"] == "LI"
    dk = {"laterality": "lat", "position": rng.choice(["vert", "rel"]) if tv["rels"] else "vert",
          "size": rng.choice(["size", "size", "pct"]), "count": "count"}.get(defect)
    loc = rng.choice(["first", "follow", "user"]) if dk else None
    kinds = plan_kinds(tv, p, rng)
    if dk:
        # the defect kind (and its sibling) is stated once, falsely, and nowhere truly
        sib = {"vert": "rel", "rel": "vert", "size": "pct", "pct": "size"}.get(dk)
        kinds = [k for k in kinds if k not in (dk, sib)]
    n_first = rng.randint(1, min(3, len(kinds))) if kinds else 0
    first_kinds, later_kinds = kinds[:n_first], kinds[n_first:]

    # turn 0: the question
    r.add("user", first_question(p, style, rng, named=defect == "names_target"))

    # turn 1: the first answer
    parts = []
    opener = rng.choice(OPEN[style]).format(T=T)
    if style == "tiny_chat" and rng.random() < 0.3:
        opener = "<|assistant|> " + opener
    if style == "rambling_repeater" and rng.random() < 0.6:
        q = r.turns[0]["content"].rstrip("?. ")
        parts.append(rng.choice(["You are asking: \"{q}\". This is a good question.",
                                 "The question asks {q}. Let me answer the question."]).format(q=q))
    if style == "instruct_template" and rng.random() < 0.35:
        parts.append("### Instruction:\n" + r.turns[0]["content"].replace("### Instruction:\n", ""))
    parts.append(opener)
    if style == "translated_english" and rng.random() < 0.6:
        parts.append(p["func_tr"])
    elif style in ("rambling_repeater", "instruct_template") and rng.random() < 0.5:
        parts.append(p["func"])
    body = []
    self_corr = (defect is None and rng.random() < 0.18 and first_kinds
                 and first_kinds[0] in ("lat", "vert", "size", "count"))
    for k in first_kinds:
        v = value_for(k, tv, rng)
        if self_corr and k == first_kinds[0]:
            fv = false_value(k, tv, p, rng)
            s1 = end(r.claim(k, fv, "assistant", false=True, corrected=True), style, rng)
            fix = {"tiny_chat": "wait sorry i mean", "instruct_template": "(Correction:",
                   "translated_english": "Pardon, I correct myself:", "rambling_repeater": "Sorry, I made a mistake. Actually,"}[style]
            s2 = end(r.claim(k, v, "assistant"), style, rng)
            if style != "translated_english" and not s2.startswith("I "):
                s2 = s2[0].lower() + s2[1:]
                r.claims[-1]["text"] = s2
            body.append(f"{s1} {fix} {s2}" + (")" if style == "instruct_template" else ""))
            continue
        body.append(end(r.claim(k, v, "assistant"), style, rng))
        if style == "rambling_repeater" and rng.random() < 0.4:
            body.append(body[-1])          # the repeater says it again
            r.note_claim(k, v, "assistant", r.claims[-1]["text"])
    if dk and loc == "first":
        fv = false_value(dk, tv, p, rng)
        pos = rng.randint(0, len(body))
        body.insert(pos, end(r.claim(dk, fv, "assistant", false=True), style, rng))
    # traps: negation, image side, hypothetical, knowledge
    if defect is None or defect == "names_target" or dk not in ("lat",):
        if rng.random() < 0.35 and (not dk or dk != "lat"):
            neg = {"left": "not:right", "right": "not:left", "midline": "not:either", "bilateral": "not:one_side"}[tv["lat"]]
            body.append(end(r.claim("lat", neg, "assistant"), style, rng))
            if "lat" in later_kinds:
                pass
        if (not dk or dk != "lat") and rng.random() < 0.3:
            s = image_side(facts, p, style)
            if s:
                s = end(s if style != "tiny_chat" else tiny(s, rng), style, rng)
                body.append(s)
                r.note_claim("imgside", tv["lat"], "assistant", s)
    hk = rng.choice(["lat", "size", "count"])
    if not (dk == "lat" and hk == "lat"):
        h = hypothetical(hk, tv, p, style, rng)
        if h and rng.random() < 0.5:
            body.append(end(h, style, rng))
    if rng.random() < 0.6:
        k = rng.choice(p["know"])
        body.append(k if style not in ("tiny_chat", "translated_english") else (tiny(k, rng) if style == "tiny_chat" else k))
    if style == "instruct_template" and rng.random() < 0.6:
        parts += _as_list(body, rng, cut=rng.random() < 0.6)
    else:
        parts += body
    if style == "rambling_repeater":
        hd = rng.choice(HEDGES)
        parts += [hd, rng.choice(HEDGES), hd]
    elif style == "translated_english" and rng.random() < 0.5:
        parts.append(rng.choice(HEDGES_TR))
    elif style == "tiny_chat" and rng.random() < 0.4:
        parts.append(rng.choice(TINY_FILL))
    text = _join(parts, style, rng)
    if style == "tiny_chat" and rng.random() < 0.5:
        text += " " + rng.choice(TOKENS_END)
    if style == "instruct_template" and rng.random() < 0.25:
        text += "\n\n### Instruction:\n" + rng.choice(["What", "Can you", "Explain the"])
    r.add("assistant", text)

    # follow-up rounds
    rounds = []
    for k in later_kinds[:rng.randint(0, 2)]:
        rounds.append(("ask", k))
    if defect is None and rng.random() < 0.45:
        ck = rng.choice([k for k in ("lat", "vert", "size", "count")])
        rounds.append(("correct", ck))
    if dk and loc == "follow":
        rounds.insert(rng.randint(0, len(rounds)), ("false_answer", dk))
    if dk and loc == "user":
        rounds.insert(rng.randint(0, len(rounds)), ("premise", dk))
    if not rounds or rng.random() < 0.4:
        rounds.insert(rng.randint(0, len(rounds)), ("general", None))
    rounds = rounds[:3] if len(rounds) > 3 else rounds
    if dk and not any(x[0] in ("false_answer", "premise") for x in rounds) and loc in ("follow", "user"):
        rounds[-1] = ("false_answer" if loc == "follow" else "premise", dk)

    for what, k in rounds:
        if what == "general":
            r.add("user", rng.choice(GEN_Q))
            ans = general_answer(p, style, rng)
            if style == "tiny_chat" and rng.random() < 0.4:
                ans.append(rng.choice(TOKENS_END))
            r.add("assistant", _fmt_answer(ans, style, rng))
        elif what in ("ask", "false_answer"):
            qk = "vert_co" if (k == "vert" and co) else ("size" if k == "pct" else k)
            v = value_for(k, tv, rng) if what == "ask" else false_value(k, tv, p, rng)
            oq = v[1] if k == "rel" else None
            q = rng.choice(KIND_Q[qk]).format(o=oq) if k == "rel" else rng.choice(KIND_Q[qk])
            r.add("user", q)
            s = end(r.claim(k, v, "assistant", false=what == "false_answer"), style, rng)
            ans = [s]
            if style == "rambling_repeater" and what == "ask":
                ans = [s, rng.choice(HEDGES), s]
                r.note_claim(k, v, "assistant", r.claims[-1]["text"])
            elif style == "rambling_repeater":
                ans = [s, rng.choice(HEDGES)]
            if rng.random() < 0.3:
                h = hypothetical(k, tv, p, style, rng) if not (what == "false_answer" and k == "lat") else None
                if h:
                    ans.append(end(h, style, rng))
            r.add("assistant", _fmt_answer(ans, style, rng))
        elif what == "premise":
            fv = false_value(k, tv, p, rng)
            r.add("user", premise_turn(k, fv, p, rng))
            r.note_claim(k, fv, "user", r.turns[-1]["content"], false=True)
            r.claims[-1]["turn"] = len(r.turns) - 1
            r.add("assistant", _fmt_answer(general_answer(p, style, rng), style, rng))
        elif what == "correct":
            ck = k
            fv = false_value(ck, tv, p, rng)
            r.add("user", premise_turn(ck, fv, p, rng).split(".")[0].rstrip(",") + "?")
            r.note_claim(ck, fv, "user", r.turns[-1]["content"], false=True, corrected=True)
            r.claims[-1]["turn"] = len(r.turns) - 1
            r.add("assistant", _fmt_answer(correction(r, ck, fv, tv[ck], style), style, rng))
    LEDGER.append(dict(claims=r.claims, defect=defect, dk=dk, loc=loc, ellipses=list(_LAST["ellipses"]),
                       orientation=p["orientation"], others=others_for(p), target=p["target"],
                       give=p["give"]))
    return r.turns, ([] if defect is None else [defect])


def _fmt_answer(parts: list[str], style: str, rng) -> str:
    if style == "instruct_template":
        head = rng.choice(["### Response:\n", "Answer: ", ""])
        if parts and parts[0].startswith("### Response:"):
            head = ""
        return head + " ".join(parts)
    return _join(parts, style, rng)
