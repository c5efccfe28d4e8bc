"""Bank FH: board-exam and teaching-quiz conversations about segmented masks.

Targets (22 profiles): abdomen CT (liver, spleen, kidneys, left kidney, gallbladder, aorta, liver
metastases, pancreas), thorax (lungs and heart on a frontal chest film, lung nodules, pleural effusion,
lung tumor on CT), pelvis (urinary bladder, prostate, femoral heads, uterine fibroids), head MR (brain
tumor, brain metastases, lateral ventricles, stroke lesion, left hippocampus). 13 of 22 profiles are
bilateral, midline or multi-lesion masks.

Registers: mcq (assistant poses and keys "Which of the following..." items, options A-E, explanation
rejecting each wrong option), vignette (clinical stem, answer, structured explanation), flashcard
("Q:"/"A:" cards, mnemonics), oral_exam (examiner/candidate viva).

Written without reading QC. Every claim about the mask that a row makes is logged in `LEDGER` (one
entry per `build` call) so the writer's own reader (notes/qcfh_scripts/check_fh.py) can check that
a clean row asserts nothing false and a defect row asserts exactly one false claim of its kind.
Own check (seed 20261291): rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42
names_target: 42 problems: 0 (3085 logged claims; defects in a user turn 38, in a follow-up answer 38, first answer 92).
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["mcq", "vignette", "flashcard", "oral_exam"]

LEDGER: list[dict] = []  # one entry per build() call: {"target", "defect", "where", "claims": [...]}

# -- profiles ------------------------------------------------------------------------------------------
# blobs: (cx, cy, rx, ry, angle_deg) in pixels on a 256x256 grid; others: normalised (x, y) centroids.

PROFILES = [
    dict(target="liver", region="abdomen", modality="CT", orient="LP", scan="axial contrast CT of the upper abdomen",
         blobs=[(80, 100, 52, 42, 10)], others={"stomach": (0.66, 0.40), "aorta": (0.52, 0.60), "right kidney": (0.31, 0.66)},
         name="the liver", alts=["the liver", "this organ", "the hepatic parenchyma"], kind="organ",
         clues=["the organ that makes bile and stores glycogen", "the solid organ that clears ammonia through the urea cycle",
                "the organ where most albumin and clotting factors are made"],
         stems=["A 52-year-old man with years of heavy drinking presents with jaundice, ascites and spider naevi.",
                "A 38-year-old woman on paracetamol in overdose has an INR of 4.1 and a rising ALT."],
         avoid=["liver", "hepat", "hepar"], naming=["the liver", "the hepatic parenchyma", "the liver parenchyma"],
         kn=["The left renal vein crosses in front of the aorta on its way to the IVC, which is a classic viva question in itself.",
             "Fatty infiltration of this organ is seen in roughly a quarter of adults worldwide.",
             "The falciform ligament marks the boundary between the left lateral segments and the rest on the surface.",
             "The stomach and spleen sit over on the left upper quadrant, so they are not the answer here."],
         mnemo="Couinaud segments run clockwise from the caudate (I) when viewed from the front: 'I-IV left, V-VIII right'."),
    dict(target="spleen", region="abdomen", modality="CT", orient="LP", scan="axial CT of the upper abdomen",
         blobs=[(190, 158, 20, 28, 20)], others={"stomach": (0.64, 0.42), "aorta": (0.52, 0.60), "liver": (0.31, 0.40)},
         name="the spleen", alts=["the spleen", "this organ", "the structure"], kind="organ",
         clues=["the organ that filters old red cells and is removed after major trauma with haemodynamic instability",
                "the lymphoid organ whose loss leaves patients vulnerable to encapsulated bacteria"],
         stems=["A 19-year-old with infectious mononucleosis is told to avoid contact sport for several weeks.",
                "After a bicycle crash into the handlebars, a 24-year-old has left upper quadrant pain and Kehr's sign."],
         avoid=["spleen", "splen", "lien"], naming=["the spleen", "splenic tissue", "the splenic parenchyma"],
         kn=["Ribs 9 to 11 overlie it, which is why lower left rib fractures raise the alarm.",
             "Accessory spleens (splenunculi) turn up in about 10% of people, usually near the hilum.",
             "The left kidney lies posteromedial to it, and the tail of the pancreas reaches its hilum.",
             "The liver is the big organ on the patient's right; do not confuse the two on a flipped display."],
         mnemo="'1, 3, 5, 7, 9, 11': about 1 x 3 x 5 inches, 7 ounces, lying under ribs 9 to 11."),
    dict(target="kidneys", region="abdomen", modality="CT", orient="LP", scan="axial CT at the level of L1-L2",
         blobs=[(84, 166, 15, 21, -15), (172, 164, 15, 21, 15)], others={"aorta": (0.51, 0.58), "liver": (0.30, 0.40), "stomach": (0.65, 0.40)},
         name="the kidneys", alts=["the kidneys", "these organs", "the segmented organs"], kind="organs",
         clues=["the paired organs that secrete erythropoietin and filter the plasma",
                "the retroperitoneal organs that activate vitamin D with 1-alpha-hydroxylase"],
         stems=["A 45-year-old with a family history of early strokes has hypertension, haematuria and flank masses.",
                "A 60-year-old diabetic has a creatinine that has doubled over two years and proteinuria of 3 g a day."],
         avoid=["kidney", "renal", "nephr"], naming=["the kidneys", "both kidneys", "the renal parenchyma"],
         kn=["The left renal vein passes anterior to the aorta, beneath the superior mesenteric artery, hence the nutcracker syndrome.",
             "The right adrenal sits behind the IVC while the left adrenal is closer to the aorta.",
             "Horseshoe fusion occurs in about 1 in 500 people and is joined at the lower poles.",
             "Chronic kidney disease affects roughly 10% of adults."],
         mnemo="Erythropoietin, vitamin D, acid-base, electrolytes, toxins: 'A WET BED'."),
    dict(target="left kidney", region="abdomen", modality="CT", orient="LP", scan="axial CT through the upper abdomen",
         blobs=[(173, 165, 16, 22, 15)], others={"aorta": (0.51, 0.58), "spleen": (0.74, 0.55), "stomach": (0.64, 0.38)},
         name="the left kidney", alts=["the left kidney", "this kidney", "the organ"], kind="organ",
         clues=["the paired retroperitoneal filtering organ on the patient's left, whose vein runs under the SMA",
                "the organ on the patient's left that a varicocele of the left testis should prompt you to image"],
         stems=["A 58-year-old smoker presents with painless haematuria and a new left-sided varicocele that does not empty lying down.",
                "A 33-year-old has colicky loin-to-groin pain on the patient's left side."],
         avoid=["kidney", "renal", "nephr"], naming=["the left kidney", "the left renal parenchyma", "the kidney"],
         kn=["The right kidney is usually a little lower than the left because the liver sits above it.",
             "The left gonadal vein drains into the left renal vein, the right one straight into the IVC.",
             "Renal cell carcinoma causes the classic triad in only about 10% of patients."],
         mnemo="Left gonadal vein into Left renal vein: 'L to L'; right goes Right to the IVC."),
    dict(target="gallbladder", region="abdomen", modality="CT", orient="LP", scan="axial CT of the upper abdomen",
         blobs=[(92, 108, 12, 16, 30)], others={"liver": (0.30, 0.38), "aorta": (0.52, 0.60), "stomach": (0.64, 0.40)},
         name="the gallbladder", alts=["the gallbladder", "this structure", "the mask"], kind="structure",
         clues=["the pear-shaped sac that concentrates and stores bile", "the structure whose inflammation gives Murphy's sign"],
         stems=["A 44-year-old woman has right upper quadrant pain after fatty meals, a fever and a positive Murphy's sign.",
                "A 70-year-old with fever and RUQ pain has gas in a wall on CT after years of diabetes."],
         avoid=["gallbladder", "gall bladder", "cholecyst", "biliary"], naming=["the gallbladder", "the gall bladder", "the cholecystic lumen"],
         kn=["Gallstones are present in roughly 10-15% of adults in Western populations.",
             "The pancreatic head lies to the right of the superior mesenteric vessels, the tail runs to the left.",
             "Calot's triangle holds the cystic artery, a favourite oral-exam question."],
         mnemo="The 4 Fs of gallstone risk: fat, female, fertile, forty."),
    dict(target="aorta", region="abdomen", modality="CT", orient="LP", scan="axial CT angiogram of the abdomen",
         blobs=[(131, 152, 10, 10, 0)], others={"liver": (0.30, 0.40), "left kidney": (0.68, 0.64), "stomach": (0.64, 0.40)},
         name="the abdominal aorta", alts=["the aorta", "the vessel", "the mask"], kind="vessel",
         clues=["the great vessel that gives off the coeliac trunk and the SMA", "the vessel that a one-off screening ultrasound at 65 measures"],
         stems=["A 72-year-old male smoker has a pulsatile abdominal mass found on routine examination.",
                "A 68-year-old with sudden tearing back pain and a blood pressure difference between the arms is scanned."],
         avoid=["aort", "aaa"], naming=["the aorta", "the abdominal aorta", "the aortic lumen"],
         kn=["The IVC runs on the patient's right of it, which is why the left renal vein is the longer one.",
             "Screening programmes offer men a single ultrasound at 65, and a diameter of 5.5 cm is the usual repair threshold.",
             "The left renal vein crosses in front of it, below the SMA origin."],
         mnemo="Coeliac T12, SMA L1, renals L1-2, IMA L3, bifurcation L4: '12, 1, 1, 3, 4'."),
    dict(target="liver metastases", region="abdomen", modality="CT", orient="LP", scan="portal venous CT of the abdomen",
         blobs=[(62, 92, 8, 7, 0), (96, 124, 9, 8, 20), (74, 146, 7, 7, 0)], others={"stomach": (0.66, 0.40), "aorta": (0.52, 0.60), "right kidney": (0.30, 0.66)},
         name="the liver metastases", alts=["the metastases", "the lesions", "the deposits"], kind="lesions",
         clues=["the secondary deposits from this patient's known colorectal primary in the organ that makes bile",
                "the hypoattenuating deposits that explain her rising CEA after a sigmoid cancer resection"],
         stems=["A 66-year-old, two years after a sigmoid colectomy, has a CEA that has tripled and mild RUQ discomfort.",
                "A 59-year-old with a treated rectal cancer has new weight loss and a raised alkaline phosphatase."],
         avoid=["liver", "hepat", "metasta", "mets"], naming=["the liver metastases", "the hepatic metastases", "the liver mets"],
         kn=["Colorectal cancer spreads to the liver first because the portal vein drains the bowel.",
             "Up to a quarter of colorectal patients have synchronous deposits at diagnosis.",
             "The stomach and spleen on the patient's left are free of disease here."],
         mnemo="Portal first, then lungs: 'colon to portal to liver'."),
    dict(target="pancreas", region="abdomen", modality="CT", orient="LP", scan="late arterial-phase axial CT of the upper abdomen",
         blobs=[(138, 124, 40, 10, -12)], others={"aorta": (0.52, 0.62), "liver": (0.28, 0.38), "left kidney": (0.70, 0.66)},
         name="the pancreas", alts=["the pancreas", "this gland", "the segmented gland"], kind="gland",
         clues=["the retroperitoneal gland with both exocrine acini and islets of Langerhans",
                "the gland whose inflammation raises serum lipase and causes Grey Turner's sign"],
         stems=["A 41-year-old after a heavy drinking weekend has epigastric pain boring through to the back and a lipase three times normal.",
                "A 67-year-old with painless jaundice, weight loss and a palpable non-tender gallbladder is scanned."],
         avoid=["pancrea"], naming=["the pancreas", "the pancreatic parenchyma", "pancreatic tissue"],
         kn=["The SMV lies to the right of the SMA, a relation that flips in malrotation.",
             "The uncinate process hooks behind the superior mesenteric vessels.",
             "Acute inflammation of this gland is gallstone- or alcohol-related in about 80% of cases."],
         mnemo="I GET SMASHED: idiopathic, gallstones, ethanol, trauma, steroids, mumps, autoimmune, scorpion, hyperlipidaemia, ERCP, drugs."),
    dict(target="lungs", region="chest", modality="XR", orient="LI", scan="frontal chest radiograph",
         blobs=[(84, 104, 38, 62, 0), (172, 104, 36, 60, 0)], others={"heart": (0.56, 0.60), "diaphragm": (0.50, 0.86)},
         name="the lungs", alts=["the lungs", "the lung fields", "the aerated fields"], kind="organs",
         clues=["the organs of gas exchange, both of them, on this film", "the paired air-filled organs whose alveoli exchange oxygen"],
         stems=["A 27-year-old tall thin man has sudden pleuritic chest pain and breathlessness after coughing.",
                "A 70-year-old ex-miner has progressive exertional dyspnoea and a dry cough."],
         avoid=["lung", "pulmon", "pneum"], naming=["the lungs", "both lungs", "the lung fields"],
         kn=["The right main bronchus is shorter, wider and more vertical than the left, so aspirated objects go right.",
             "The right side has three lobes and the left two, with the lingula standing in for a middle lobe.",
             "A cardiothoracic ratio above 50% on a PA film suggests cardiomegaly."],
         mnemo="Right bronchus: 'Wider, shorter, steeper: where the peanut goes'."),
    dict(target="heart", region="chest", modality="XR", orient="LI", scan="PA chest radiograph",
         blobs=[(150, 152, 42, 35, -15)], others={"diaphragm": (0.50, 0.86), "trachea": (0.50, 0.18)},
         name="the heart", alts=["the heart", "the cardiac silhouette", "this shadow"], kind="organ",
         clues=["the organ whose width the CTR compares with the chest", "the organ that pumps blood through both circulations"],
         stems=["A 63-year-old with orthopnoea, paroxysmal nocturnal dyspnoea and ankle swelling has a PA film.",
                "A 29-year-old with a friction rub and a flask-shaped central shadow on the film is short of breath."],
         avoid=["heart", "cardi", "myocard", "pericard"], naming=["the heart", "the cardiac silhouette", "the heart shadow"],
         kn=["The aortic knuckle sits on the patient's left at the top of the mediastinum.",
             "The right heart border is formed by the right atrium, the left border mostly by the left ventricle.",
             "A cardiothoracic ratio above 50% on a PA film suggests enlargement; AP films overcall it."],
         mnemo="Right border RA, left border LV with the auricle above it: 'R is R-A'."),
    dict(target="lung nodules", region="chest", modality="CT", orient="LP", scan="thin-section axial chest CT",
         blobs=[(70, 100, 6, 6, 0), (96, 152, 5, 5, 0), (182, 108, 7, 6, 0), (190, 164, 5, 5, 0)],
         others={"aorta": (0.56, 0.58), "heart": (0.55, 0.45), "spine": (0.50, 0.80)},
         name="the lung nodules", alts=["the nodules", "the lesions", "these opacities"], kind="lesions",
         clues=["the small round opacities that the Fleischner guidance tells you how to follow up",
                "the rounded opacities under 3 cm scattered through the parenchyma"],
         stems=["A 61-year-old with a resected melanoma has a staging chest CT.",
                "A 55-year-old smoker's screening CT is reported as showing several round opacities."],
         avoid=["lung", "pulmon", "nodul", "pneum"], naming=["the lung nodules", "the pulmonary nodules", "the nodules in the lungs"],
         kn=["The right main bronchus is more vertical, which is why aspiration favours the right lower lobe.",
             "Fleischner guidance does not apply to patients under 35 or those with a known cancer.",
             "Most incidental solid nodules under 6 mm carry a malignancy risk below 1%."],
         mnemo="Fleischner: 'size, number, risk, solid or not'."),
    dict(target="pleural effusion", region="chest", modality="CT", orient="LP", scan="axial CT of the lower chest",
         blobs=[(70, 188, 28, 13, 12), (188, 190, 26, 12, -12)], others={"heart": (0.54, 0.42), "aorta": (0.56, 0.62)},
         name="the pleural effusions", alts=["the effusions", "the collections", "the dependent fluid"], kind="collections",
         clues=["what blunts the costophrenic angles in this patient with heart failure",
                "what Light's criteria would help classify after a tap"],
         stems=["A 74-year-old with heart failure, orthopnoea and bibasal dullness to percussion is scanned.",
                "A 66-year-old with nephrotic syndrome has reduced breath sounds at both bases."],
         avoid=["pleur", "effusion", "fluid", "hydrothorax"], naming=["the pleural effusions", "the pleural fluid", "the effusions"],
         kn=["Light's criteria call it an exudate if the fluid-to-serum protein ratio exceeds 0.5.",
             "On an erect film about 200 ml is needed to blunt the costophrenic angle; a lateral decubitus shows far less.",
             "The heart sits anteriorly in the middle of the chest on this slice."],
         mnemo="Light's: protein 0.5, LDH 0.6, LDH over two thirds of the upper limit."),
    dict(target="lung tumor", region="chest", modality="CT", orient="LP", scan="axial contrast chest CT",
         blobs=[(74, 94, 18, 16, 0)], others={"aorta": (0.56, 0.58), "heart": (0.55, 0.45), "spine": (0.50, 0.80)},
         name="the lung tumour", alts=["the mass", "the tumour", "the lesion"], kind="mass",
         clues=["the spiculated lesion that explains this smoker's haemoptysis", "the lesion whose biopsy showed a glandular primary"],
         stems=["A 67-year-old with a 50 pack-year history has haemoptysis, weight loss and finger clubbing.",
                "A 58-year-old has a hoarse voice, a cough for three months and a raised calcium."],
         avoid=["lung", "pulmon", "tumo", "cancer", "carcinom", "neoplas", "mass"], naming=["the lung tumour", "the lung cancer", "the pulmonary mass"],
         kn=["A left recurrent laryngeal nerve palsy points to disease at the aortopulmonary window.",
             "Smoking accounts for about 85% of cases of this cancer.",
             "The right upper lobe bronchus arises early, just below the carina."],
         mnemo="Squamous and Small cell are Sentral (central); adenocarcinoma is peripheral."),
    dict(target="urinary bladder", region="pelvis", modality="CT", orient="LP", scan="axial CT of the pelvis",
         blobs=[(128, 100, 34, 27, 0)], others={"rectum": (0.50, 0.74), "left femoral head": (0.76, 0.52), "right femoral head": (0.24, 0.52)},
         name="the urinary bladder", alts=["the bladder", "this organ", "the segmented lumen"], kind="organ",
         clues=["the hollow muscular reservoir behind the pubic symphysis",
                "the organ a post-void residual scan measures"],
         stems=["A 78-year-old man with a poor stream, nocturia and a suprapubic dullness to the umbilicus is scanned.",
                "A 66-year-old ex-smoker has painless visible haematuria."],
         avoid=["bladder", "vesic", "cyst", "urin", "detrusor"], naming=["the urinary bladder", "the bladder", "the bladder lumen"],
         kn=["The rectum lies behind it in the midline and the seminal vesicles sit between the two in men.",
             "The left ureter crosses the pelvic brim in front of the bifurcation of the left common iliac artery.",
             "Transitional cell cancer of this organ is about four times more common in men."],
         mnemo="Trigone: two ureteric orifices and the internal urethral meatus, 'three corners, smooth floor'."),
    dict(target="prostate", region="pelvis", modality="MR", orient="LP", scan="axial T2-weighted MR of the pelvis",
         blobs=[(128, 134, 18, 15, 0)], others={"rectum": (0.50, 0.68), "pubic symphysis": (0.50, 0.34)},
         name="the prostate", alts=["the prostate", "this gland", "the gland"], kind="gland",
         clues=["the gland whose peripheral zone is felt on rectal examination", "the walnut-sized gland encircling the proximal urethra"],
         stems=["A 64-year-old has a firm irregular nodule felt on digital rectal examination and a raised serum marker.",
                "A 71-year-old has hesitancy, nocturia and a poor stream for two years."],
         avoid=["prostat", "psa", "pi-rads"], naming=["the prostate", "the prostate gland", "prostatic tissue"],
         kn=["About 70% of cancers arise in the peripheral zone, the part felt on rectal examination.",
             "Benign enlargement starts in the transition zone around the urethra.",
             "The rectum lies directly behind it, separated by Denonvilliers' fascia."],
         mnemo="Peripheral = Palpable = Prostate cancer; Transition = 'Trouble peeing' (BPH)."),
    dict(target="femoral heads", region="pelvis", modality="CT", orient="LP", scan="axial CT through the hips",
         blobs=[(58, 130, 20, 20, 0), (198, 131, 20, 20, 0)], others={"urinary bladder": (0.50, 0.38), "rectum": (0.50, 0.66)},
         name="the femoral heads", alts=["the femoral heads", "the heads", "these structures"], kind="structures",
         clues=["the ball parts of the two ball-and-socket joints that bear body weight, at risk of avascular necrosis on steroids",
                "the structures supplied mainly by the medial circumflex artery, lost in a displaced intracapsular fracture"],
         stems=["A 34-year-old on long-term high-dose steroids has groin pain in both hips.",
                "An 82-year-old woman falls and cannot weight bear; her hip is shortened and externally rotated."],
         avoid=["femor", "femur", "caput"], naming=["the femoral heads", "both femoral heads", "the heads of the femurs"],
         kn=["Avascular necrosis is bilateral in roughly half of steroid-related cases.",
             "The medial circumflex femoral artery supplies most of the blood, the ligamentum teres very little in adults.",
             "The bladder sits in front of the rectum in the middle of the pelvis."],
         mnemo="Garden I-II undisplaced (fix), III-IV displaced (replace)."),
    dict(target="uterine fibroids", region="pelvis", modality="MR", orient="LP", scan="axial T2 MR of the pelvis",
         blobs=[(114, 110, 10, 10, 0), (142, 116, 14, 13, 0), (128, 92, 8, 8, 0)], others={"rectum": (0.50, 0.72), "urinary bladder": (0.50, 0.26)},
         name="the uterine fibroids", alts=["the fibroids", "the leiomyomas", "the lesions"], kind="lesions",
         clues=["the benign smooth-muscle tumours that explain her heavy periods", "the T2-dark, whorled, well-circumscribed lesions behind her heavy bleeding"],
         stems=["A 42-year-old with menorrhagia, iron-deficiency anaemia and a bulky pelvic mass on examination is imaged.",
                "A 36-year-old with subfertility and pelvic pressure symptoms has an MR."],
         avoid=["fibroid", "leiomyom", "myoma", "uter"], naming=["the uterine fibroids", "the fibroids", "the leiomyomas"],
         kn=["They are found in up to 70% of women by the age of 50.",
             "The ovaries sit laterally, the left one near the sigmoid colon, which is a common distractor.",
             "Degeneration in pregnancy is a classic cause of acute pain."],
         mnemo="Submucosal bleeds, intramural bulks, subserosal presses."),
    dict(target="brain tumor", region="head", modality="MR", orient="LP", scan="axial post-contrast T1 MR of the head",
         blobs=[(86, 94, 24, 20, 20)], others={"lateral ventricles": (0.50, 0.48), "brainstem": (0.50, 0.62)},
         name="the tumour", alts=["the tumour", "the mass", "the lesion"], kind="lesion",
         clues=["the ring-enhancing lesion that explains his new seizures and personality change",
                "the space-occupying lesion with surrounding vasogenic oedema"],
         stems=["A 59-year-old man has a first generalised seizure and weeks of disinhibited behaviour.",
                "A 47-year-old woman has morning headaches worse on coughing and papilloedema."],
         avoid=["tumo", "glioma", "neoplas", "brain", "mass", "cancer", "glioblast"], naming=["the brain tumour", "the brain tumor", "the glioma"],
         kn=["Left hemisphere lesions more often cause language deficits, because about 95% of right-handers are left-dominant.",
             "The lateral ventricles sit centrally here; effacement of one of them signals mass effect.",
             "Glioblastoma has a median survival of about 15 months with treatment."],
         mnemo="Ring enhancement 'MAGIC DR': metastasis, abscess, glioblastoma, infarct, contusion, demyelination, radiation necrosis."),
    dict(target="brain metastases", region="head", modality="MR", orient="LP", scan="axial post-gadolinium T1 MR of the head",
         blobs=[(88, 100, 8, 8, 0), (172, 150, 10, 9, 0), (152, 80, 6, 6, 0)], others={"lateral ventricles": (0.50, 0.48), "brainstem": (0.50, 0.64)},
         name="the brain metastases", alts=["the metastases", "the deposits", "the lesions"], kind="lesions",
         clues=["the deposits at the grey-white junction from her known lung adenocarcinoma",
                "the deposits that explain this melanoma patient's new headache"],
         stems=["A 63-year-old with stage IV lung adenocarcinoma has new headaches and vomiting in the mornings.",
                "A 55-year-old with a melanoma excised two years ago has a focal seizure."],
         avoid=["brain", "metasta", "mets", "secondar", "cerebr"], naming=["the brain metastases", "the cerebral metastases", "the brain mets"],
         kn=["Lung, breast and melanoma are the commonest primaries; melanoma deposits often bleed.",
             "About 80% of these deposits land in the cerebral hemispheres, following blood flow.",
             "The brainstem lies posteriorly in the midline at this level."],
         mnemo="'Lung Breast Melanoma': LBM, the three that seed most."),
    dict(target="lateral ventricles", region="head", modality="MR", orient="LP", scan="axial T2 MR of the head",
         blobs=[(109, 120, 8, 30, -8), (147, 120, 8, 30, 8)], others={"brainstem": (0.50, 0.66), "fourth ventricle": (0.50, 0.76)},
         name="the lateral ventricles", alts=["the lateral ventricles", "the ventricles", "the CSF spaces"], kind="spaces",
         clues=["the paired CSF-filled cavities that make choroid plexus fluid and drain through the foramina of Monro",
                "the spaces that enlarge in the syndrome of magnetic gait, incontinence and confusion"],
         stems=["A 76-year-old has a magnetic gait, urinary incontinence and slowly progressive confusion.",
                "A 4-month-old has a bulging fontanelle and a head circumference crossing centiles."],
         avoid=["ventric", "csf space", "hydroceph"], naming=["the lateral ventricles", "the ventricles", "both lateral ventricles"],
         kn=["The foramina of Monro connect them to the third ventricle, which sits in the midline.",
             "Normal pressure hydrocephalus affects roughly 1% of people over 65.",
             "The fourth ventricle lies posteriorly, behind the pons."],
         mnemo="NPH: 'wet, wobbly and wacky'."),
    dict(target="stroke lesion", region="head", modality="MR", orient="LP", scan="axial diffusion-weighted MR of the head",
         blobs=[(174, 120, 22, 34, 10)], others={"lateral ventricles": (0.50, 0.48), "brainstem": (0.50, 0.66)},
         name="the infarct", alts=["the infarct", "the lesion", "the restricted-diffusion area"], kind="lesion",
         clues=["the area explaining her sudden right-sided weakness and expressive aphasia",
                "the territory that lost blood supply when his middle cerebral artery occluded two hours ago"],
         stems=["A 71-year-old with atrial fibrillation wakes with a right facial droop, right arm weakness and broken speech.",
                "A 64-year-old has sudden aphasia and right hemiparesis while gardening."],
         avoid=["stroke", "infarct", "ischaem", "ischem", "cva"], naming=["the stroke lesion", "the infarct", "the ischaemic stroke"],
         kn=["Right-sided weakness with aphasia localises to the left hemisphere, since motor pathways cross in the medulla.",
             "About 85% of strokes are ischaemic rather than haemorrhagic.",
             "Thrombolysis is usually offered up to 4.5 hours from onset."],
         mnemo="FAST: face, arms, speech, time."),
    dict(target="left hippocampus", region="head", modality="MR", orient="LP", scan="axial T1 MR of the head",
         blobs=[(160, 150, 6, 14, -30)], others={"brainstem": (0.50, 0.62), "lateral ventricles": (0.50, 0.46)},
         name="the left hippocampus", alts=["the left hippocampus", "this structure", "the mask"], kind="structure",
         clues=["the seahorse-shaped medial temporal structure on the patient's left that consolidates new memories",
                "the structure on the patient's left that mesial temporal sclerosis shrinks"],
         stems=["A 28-year-old with focal seizures that start with a rising epigastric feeling and lip smacking, and an EEG focus on the patient's left, has an MR.",
                "A 74-year-old with two years of progressive forgetfulness for recent events is scanned."],
         avoid=["hippocamp", "ammon", "cornu"], naming=["the left hippocampus", "the hippocampus", "hippocampal tissue on the left"],
         kn=["Hippocampal sclerosis is the commonest cause of drug-resistant temporal lobe epilepsy in adults.",
             "The brainstem lies in the midline just behind the interpeduncular cistern.",
             "The right side is usually the slightly larger of the pair."],
         mnemo="HM: bilateral medial temporal resection, no new memories: 'no hippocampi, no new episodes'."),
]


# -- facts ---------------------------------------------------------------------------------------------


def _draw(blobs, rng):
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, ang in blobs:
        cx += rng.uniform(-2, 2)
        cy += rng.uniform(-2, 2)
        rx *= rng.uniform(0.94, 1.06)
        ry *= rng.uniform(0.94, 1.06)
        a = math.radians(ang)
        dx, dy = xx - cx, yy - cy
        u = dx * math.cos(a) + dy * math.sin(a)
        v = -dx * math.sin(a) + dy * math.cos(a)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = _draw(p["blobs"], rng)
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# -- wording helpers -----------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP_SIDE = {"left": "right", "right": "left"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}


def cap(s):
    return s[:1].upper() + s[1:]


def pct_text(p, rng):
    if p >= 3 and rng.random() < 0.4:
        return f"{round(p)}"
    return f"{p:.2f}" if p < 1 else f"{p:.1f}"


class Row:
    """Collects claims as they are written."""

    def __init__(self, p, facts, rng):
        self.p, self.f, self.rng = p, facts, rng
        self.claims = []
        self.turn = 0  # index of the turn being written
        self.qn = 1  # next MCQ number
        self.plural = p["kind"] in ("organs", "lesions", "collections", "structures", "spaces")

    def subj(self, lower=False):
        pool = [] if self.plural else self.p["alts"]
        s = self.rng.choice(pool + ["the segmented region", "the mask", "the segmentation", "it", "it", "it"])
        if s == "it" and lower:
            return "it"
        return s if lower else cap(s)

    def log(self, text, kind, value, who="assistant", corrected=False):
        self.claims.append(dict(turn=self.turn, text=text, kind=kind, value=value, who=who, corrected=corrected))
        return text


# --- fact sentences (value may be false: the caller decides) ---

def side_sentence(r: Row, v, terse=False):
    rng, S = r.rng, r.subj()
    if terse:
        t = rng.choice({"left": ["Patient's left.", "Left-sided.", "Left (image right, radiological view)."],
                        "right": ["Patient's right.", "Right-sided.", "Right (image left, radiological view)."],
                        "midline": ["Midline.", "Midline, straddling both sides.", "Central, in the midline."],
                        "bilateral": ["Bilateral.", "Both sides.", "Bilateral: one part each side."]}[v])
        return r.log(t, "side", v)
    if v in ("left", "right"):
        img = OPP_SIDE[v]
        t = rng.choice([f"{S} lies on the patient's {v}.",
                        f"{S} is on the {v} side of the patient.",
                        f"On the screen {r.subj(True)} is on the image's {img}, which in the radiological convention is the patient's {v}.",
                        f"Laterality: patient's {v}.",
                        f"{S} sits to the patient's {v} of the midline.",
                        f"This is {v}-sided."])
    elif v == "midline":
        t = rng.choice([f"{S} sits in the midline.", f"{S} straddles the midline, with tissue either side of it.",
                        "Laterality: midline.", f"Side to side, {r.subj(True)} is centred on the midline."])
    else:
        t = rng.choice([f"{S} is bilateral, with a separate part on each side.", "Both sides are involved, the patient's left and right.",
                        "Laterality: bilateral.", f"{S} is present on both the left and the right."])
    return r.log(t, "side", v)


def side_negation(r: Row):
    lat = r.f["laterality"]
    if lat in ("left", "right"):
        o = OPP_SIDE[lat]
        t = r.rng.choice([f"Nothing is segmented on the patient's {o}.", f"It does not extend to the {o} side.",
                          f"It is not on the patient's {o}, whatever the screen suggests at first glance."])
        return r.log(t, "side_not", o)
    if lat == "midline":
        return r.log(r.rng.choice(["It isn't lateralised to either side.", "It is not off to one side."]), "side_not", "one-sided")
    return r.log(r.rng.choice(["It is not confined to one side.", "This isn't a one-sided finding."]), "side_not", "one-sided")


VWORD = {"LP": {"anterior": ("anterior", "front", "top"), "posterior": ("posterior", "back", "bottom")},
         "LI": {"superior": ("superior", "upper", "top"), "inferior": ("inferior", "lower", "bottom")}}


def vert_sentence(r: Row, v, terse=False):
    rng, S, o = r.rng, r.subj(), r.p["orient"]
    if terse:
        return r.log(rng.choice([f"{cap(v)}.", f"{cap(v)} on this slice." if v != "central" else "Central."]), "vert", v)
    if v == "central":
        axis = "anteroposterior" if o == "LP" else "craniocaudal"
        pair = "anterior nor posterior" if o == "LP" else "superior nor inferior"
        t = rng.choice([f"{S} is central in the {axis} direction.", f"{S} is neither clearly {pair}; call it central.",
                        f"Position: central ({axis} axis)."])
    else:
        w, plain, edge = VWORD[o][v]
        if o == "LP":
            t = rng.choice([f"{S} lies {w}ly.", f"{S} sits in the {w} part of the slice, toward the {plain} of the body.",
                            f"Position: {w}.", f"In the AP direction {r.subj(True)} is {w}.",
                            f"{S} is toward the {plain}, i.e. {w}; on an axial image that is the {edge} half."])
        else:
            t = rng.choice([f"{S} lies in the {plain} part of the frame, so {w}.", f"Position: {w}.",
                            f"{S} is {w}ly placed on this film.", f"Craniocaudally {r.subj(True)} is {w}."])
    return r.log(t, "vert", v)


SIZE_DEF = {"small": "under 1% of the image", "medium": "between 1% and 5% of the image", "large": "at least 5% of the image"}


def size_sentence(r: Row, v, terse=False):
    rng, S = r.rng, r.subj()
    if terse:
        return r.log(rng.choice([f"{cap(v)}.", f"{cap(v)} ({SIZE_DEF[v]})."]), "size", v)
    t = rng.choice([f"{S} is {v}: {SIZE_DEF[v]}.", f"Size class: {v}.", f"I'd call {r.subj(True)} {v}.",
                    f"On size, {r.subj(True)} falls in the {v} category.", f"It's a {v} mask overall."])
    return r.log(t, "size", v)


def size_negation(r: Row):
    v = r.f["size_class"]
    o = r.rng.choice([c for c in ("small", "medium", "large") if c != v])
    return r.log(r.rng.choice([f"It is not {o}.", f"Calling it {o} would be wrong."]), "size_not", o)


def pct_sentence(r: Row, x, terse=False):
    rng, S = r.rng, r.subj()
    s = pct_text(x, rng)
    if terse:
        return r.log(rng.choice([f"About {s}% of the image.", f"{s}% of the pixels."]), "pct", float(s))
    t = rng.choice([f"{S} covers about {s}% of the image.", f"Area fraction is roughly {s}%.",
                    f"By pixel count {r.subj(True)} takes up {s} percent of the frame.", f"It measures around {s}% of the slice area."])
    return r.log(t, "pct", float(s))


def count_sentence(r: Row, n, terse=False):
    rng = r.rng
    if terse:
        return r.log(rng.choice([f"{n}." if n > 1 else "1, a single region.", f"{cap(NUM.get(n, str(n)))} separate region{'s' if n > 1 else ''}."]), "count", n)
    w = NUM.get(n, str(n))
    if n == 1:
        t = rng.choice(["It is a single connected region.", "There is one piece only.", "The mask is one contiguous region.",
                        f"Count: one component."])
    else:
        t = rng.choice([f"There are {w} separate regions.", f"{cap(w)} discrete parts are outlined.", f"Count: {n} components.",
                        f"The mask falls into {w} disconnected pieces.", f"I count {w} separate areas."])
    return r.log(t, "count", n)


def count_negation(r: Row):
    n = r.f["components"]
    if n == 1:
        return r.log(r.rng.choice(["It is not broken into separate pieces.", "There aren't several separate regions."]), "count_not", "many")
    return r.log(r.rng.choice(["It is not a single region.", "This isn't one contiguous blob."]), "count_not", 1)


def rel_sentence(r: Row, other, rel, terse=False):
    rng, S = r.rng, r.subj()
    X = f"the {other}"
    forms = {
        "left_of": [f"{S} lies to the patient's left of {X}.", f"{cap(X)} is on its right.", f"It is left of {X}."],
        "right_of": [f"{S} lies to the patient's right of {X}.", f"{cap(X)} is to its left.", f"It is right of {X}."],
        "anterior_to": [f"{S} sits in front of {X}.", f"{cap(X)} lies behind it.", f"It is anterior to {X}."],
        "posterior_to": [f"{S} lies behind {X}.", f"{cap(X)} is in front of it.", f"It is posterior to {X}."],
        "superior_to": [f"{S} lies above {X}.", f"{cap(X)} is below it.", f"It is superior to {X}."],
        "inferior_to": [f"{S} lies below {X}.", f"{cap(X)} is above it.", f"It is inferior to {X}."],
    }
    t = rng.choice(forms[rel])
    if terse:
        t = rng.choice([f"{rel.replace('_', ' ').capitalize()} {X}.", t])
    return r.log(t, "rel", [other, rel])


def fact_sentence(r: Row, key, value, terse=False):
    if key == "side":
        return side_sentence(r, value, terse)
    if key == "vert":
        return vert_sentence(r, value, terse)
    if key == "size":
        return size_sentence(r, value, terse)
    if key == "pct":
        return pct_sentence(r, value, terse)
    if key == "count":
        return count_sentence(r, value, terse)
    return rel_sentence(r, value[0], value[1], terse)


def wrong_value(r: Row, key, true):
    rng = r.rng
    if key == "side":
        if true in ("left", "right"):
            return rng.choice([OPP_SIDE[true], OPP_SIDE[true], "midline", "bilateral"])
        return rng.choice(["left", "right"])
    if key == "vert":
        opts = ["anterior", "posterior", "central"] if r.p["orient"] == "LP" else ["superior", "inferior", "central"]
        if true == "central":
            return rng.choice(opts[:2])
        return opts[1] if true == opts[0] else opts[0]
    if key == "size":
        return {"small": rng.choice(["large", "medium"]), "medium": rng.choice(["small", "large"]),
                "large": rng.choice(["small", "medium"])}[true]
    if key == "pct":
        x = true * rng.choice([0.2, 0.25, 3.5, 4.0])
        return x
    if key == "count":
        return true + 1 if true == 1 or rng.random() < 0.5 else true - 1
    return [true[0], OPP_REL[true[1]]]


# --- premises (user turns) ---

def premise(r: Row, key, value, corrected):
    """A user's 'given that ...' clause stating `value` as fact; logged as a user claim."""
    rng = r.rng
    logged = value
    if key == "side":
        t = {"left": "it's on the patient's left", "right": "it's on the patient's right", "midline": "it sits in the midline",
             "bilateral": "it's bilateral"}[value]
    elif key == "vert":
        if value == "central":
            t = "it's central front to back" if r.p["orient"] == "LP" else "it's central top to bottom"
        else:
            t = rng.choice([f"it sits {value}ly", f"it's {value}"])
    elif key == "size":
        t = rng.choice([f"it's {value}", f"it's a {value} one"])
    elif key == "pct":
        s = pct_text(value, rng)
        t, logged = f"it covers about {s}% of the image", float(s)
    elif key == "count":
        t = "it's a single region" if value == 1 else f"there are {NUM.get(value, value)} separate pieces"
    else:
        other, rel = value
        t = {"left_of": f"it's to the patient's left of the {other}", "right_of": f"it's to the patient's right of the {other}",
             "anterior_to": f"it's in front of the {other}", "posterior_to": f"it's behind the {other}",
             "superior_to": f"it's above the {other}", "inferior_to": f"it's below the {other}"}[rel]
    r.log(t, key, logged, who="user", corrected=corrected)
    return t


# -- registers -----------------------------------------------------------------------------------------

SIDE_OPTS = ["the patient's left", "the patient's right", "the midline", "both sides (bilateral)", "cannot be determined from one slice"]
SIDE_VAL = ["left", "right", "midline", "bilateral", None]


REJECT = ["{L} is wrong: {x}.", "{L}: no, {x}.", "Not {L}: {x}.", "{L} is a distractor; {x}."]


def mcq_block(r: Row, key, value, qn, truthful):
    """An MCQ on `key` keyed to `value` (false when not truthful); explanation rejects wrong options with
    true negations only."""
    rng, f, o = r.rng, r.f, r.p["orient"]
    S = "the segmented region"
    lines = []
    if key == "side":
        stem = rng.choice([f"Which of the following best describes the side of {S}?", "On which side of the patient does the mask lie?",
                           "Which of the following is the laterality of the structure you segmented?"])
        opts = list(zip(SIDE_OPTS, SIDE_VAL))
    elif key == "vert":
        vals = ["anterior", "posterior", "central", "superior", "inferior"]
        stem = rng.choice([f"Which of the following best describes where {S} lies on this slice?",
                           "Which of the following describes its position along the vertical axis of the image?"])
        opts = [(v if v != "central" else "central (neither end)", v) for v in vals]
    elif key == "size":
        x = 100 * f["area_fraction"]
        stem = rng.choice(["Which of the following best describes the size of the mask?", f"How big is {S} relative to the image?"])
        opts = [("small (<1% of the image)", "small"), ("medium (1-5%)", "medium"), ("large (5% or more)", "large"),
                (f"about {x * 4:.1f}%", "x4"), (f"about {x / 4:.2f}%", "x/4")]
    elif key == "count":
        stem = rng.choice(["How many separate regions does the mask contain?", "Which of the following is the number of connected components?"])
        opts = [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5 or more", 5)]
    else:
        other, rel = value
        axis_lat = rel in ("left_of", "right_of")
        axis_ap = rel in ("anterior_to", "posterior_to")
        stem = f"Relative to the {other}, which of the following is true of {S}?"
        if axis_lat:
            opts = [(f"it lies to the patient's left of the {other}", "left_of"), (f"it lies to the patient's right of the {other}", "right_of"),
                    ("it is level with it from side to side", "level"), ("the relation cannot be judged on this image", None)]
        elif axis_ap:
            opts = [(f"it lies in front of the {other}", "anterior_to"), (f"it lies behind the {other}", "posterior_to"),
                    ("it is level with it front to back", "level"), ("the relation cannot be judged on this image", None)]
        else:
            opts = [(f"it lies above the {other}", "superior_to"), (f"it lies below the {other}", "inferior_to"),
                    ("it is level with it", "level"), ("the relation cannot be judged on this image", None)]
    letters = "ABCDE"
    if key != "rel":
        rng.shuffle(opts)
    qn = r.qn
    r.qn += 1
    lines.append(f"Q{qn}. {stem}")
    for i, (txt, _) in enumerate(opts):
        lines.append(f"{letters[i]}. {cap(txt)}")
    keyval = value if key != "rel" else value[1]
    if key == "pct":
        raise ValueError
    ki = [v for _, v in opts].index(keyval)
    ans = f"Answer: {letters[ki]}"
    r.log(ans, key, value)
    lines.append(ans)
    expl = []
    if truthful:
        expl.append(rng.choice([f"{letters[ki]} is correct.", f"{letters[ki]} is right."]) + " " + fact_sentence(r, key, value))
    else:
        expl.append(rng.choice(["Remember the radiological convention when you read the side.", "Read it off the mask, not off your memory of the anatomy.",
                                "This is the keyed answer."]))
    true_v = {"side": f["laterality"], "vert": f["vertical"], "size": f["size_class"], "count": f["components"]}.get(key)
    for i, (txt, v) in enumerate(opts):
        if i == ki:
            continue
        L = letters[i]
        if v is None:
            expl.append(rng.choice([f"{L} is a distractor: a labelled slice is enough to judge this.", f"{L} is wrong; nothing here is indeterminate."]))
            continue
        if key == "side":
            if v == true_v:
                continue  # a defect row: leave the true option unmentioned
            neg = {"left": "it is not on the patient's left", "right": "it is not on the patient's right", "midline": "it does not straddle the midline",
                   "bilateral": "nothing is segmented on the opposite side"}[v]
            if v in ("left", "right") and true_v in ("midline", "bilateral"):
                neg = f"it is not confined to the patient's {v}"
            if v == "bilateral" and true_v == "midline":
                neg = "it is not two separate parts on opposite sides"
            if v == "midline" and true_v == "bilateral":
                neg = "it is not a single midline structure"
            expl.append(rng.choice(REJECT).format(L=L, x=r.log(neg, "side_not", v)))
        elif key == "vert":
            if v == true_v:
                continue
            if (o == "LP" and v in ("superior", "inferior")) or (o == "LI" and v in ("anterior", "posterior")):
                expl.append(f"{L} is out: a single {'axial' if o == 'LP' else 'frontal'} image does not show that axis.")
            else:
                neg = f"it is not {v}" if v != "central" else "it is not central"
                expl.append(rng.choice(REJECT).format(L=L, x=r.log(neg, "vert_not", v)))
        elif key == "size":
            if v in ("x4", "x/4"):
                expl.append(f"{L} is {'far too high' if v == 'x4' else 'far too low'}" + rng.choice([", off by about a factor of four.", ".", "; check the scale."]))
            elif v != true_v:
                expl.append(rng.choice(REJECT).format(L=L, x=r.log(f"it is not {v}", "size_not", v)))
        elif key == "count":
            if v == true_v:
                continue
            neg = "it is not a single region" if v == 1 else ("there aren't five or more" if v == 5 else f"there aren't {NUM[v]} pieces")
            expl.append(rng.choice(REJECT).format(L=L, x=r.log(neg, "count_not", v)))
        else:
            other = value[0]
            true_rels = {x["relation"] for x in f["relations"] if x["other"] == other}
            if v == "level":
                expl.append(rng.choice(REJECT).format(L=L, x=r.log("the two are clearly apart on that axis", "rel_apart", [other, value[1]])))
            elif v in true_rels or v == value[1]:
                continue
            else:
                expl.append(rng.choice(REJECT).format(L=L, x=r.log(f"it is not {v.replace('_', ' ')} the {other}", "rel_not", [other, v])))
    lines.append("Explanation: " + " ".join(expl))
    return "\n".join(lines)


# -- the conversation ----------------------------------------------------------------------------------

KIND_OF = {"laterality": ["side"], "position": ["vert", "rel"], "size": ["size", "pct"], "count": ["count"]}
ASK = {
    "side": ["Which side is it on?", "Is it left or right? I always mix up the convention.", "Which side, and how do you know the image isn't flipped?",
             "Is it on the patient's left?", "Where is it side to side?"],
    "vert": ["Where is it front to back?", "Is it anterior or posterior on this slice?", "And its position along the vertical axis of the image?",
             "Is it toward the top of the image or the bottom?"],
    "size": ["How big is it?", "Would you call it small?", "Give me a size class.", "Is it bigger than 5% of the image?"],
    "pct": ["What share of the image does it take up?", "Roughly what percentage of the frame is it?", "Put a number on the area."],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "How many components does the mask have?"],
    "rel": ["What does it sit next to?", "How does it relate to the {o}?", "Where is it relative to the {o}?"],
    "summary": ["Summarise the findings for my revision notes.", "Give me a one-line summary I can memorise.", "Wrap it up for me in a sentence or two."],
}
TRAPS = [
    "On axial images we look up from the feet, so the patient's left is on the right of the screen.",
    "If this were a sagittal slice we could not judge side at all.",
    "A common exam trap is to read the side off the screen instead of the patient.",
    "Remember that size here means share of the image, not millimetres.",
    "Note the question asks about the mask, not about textbook anatomy.",
]
TRAPS_XR = ["On a PA film the patient faces you, so the patient's left is on the right of the image, just as on CT.",
            "A frontal film cannot show front-to-back position, only up-down and side-to-side.",
            "Check the side marker before you commit to a side."]


def true_value(f, key):
    if key == "side":
        return f["laterality"]
    if key == "vert":
        return f["vertical"]
    if key == "size":
        return f["size_class"]
    if key == "pct":
        return 100 * f["area_fraction"]
    if key == "count":
        return f["components"]
    return None


def art(x):
    return ("an " if x[:1].lower() in "aeiou" else "a ") + x


def user_first(r: Row, style, defect):
    p, rng = r.p, r.rng
    scan = p["scan"]
    if defect == "names_target":
        tgt = rng.choice(p["naming"])
        clue = tgt
        r.named = tgt
    else:
        clue = rng.choice(p["clues"])
    if style == "mcq":
        if defect == "names_target":
            return rng.choice([f"Board prep. On this {scan}, segment {clue} and then write me an MCQ or two about what you segmented.",
                               f"Can you outline {clue} on this {scan} and quiz me with a couple of 'which of the following' questions?"])
        return rng.choice([f"Board prep. On this {scan}, find {clue} and segment it, then write me an MCQ or two about it.",
                           f"Quiz time: which structure on this {scan} is {clue}? Segment it and turn what you see into a couple of MCQs.",
                           f"I'm revising for finals. Segment {clue} on this {scan} and give me exam-style questions on it."])
    if style == "vignette":
        stem = rng.choice(p["stems"])
        if defect == "names_target":
            return f"{stem} The {scan} is attached. Segment {clue} and explain it like a board answer."
        return rng.choice([f"{stem} The {scan} is attached. What is the structure of interest here? Segment it and explain like a board answer key.",
                           f"Vignette: {stem} Image: {scan}. Identify and segment {clue}, then give the answer with an explanation.",
                           f"{stem} Looking at this {scan}, segment {clue} and walk me through it as an exam explanation."])
    if style == "flashcard":
        if defect == "names_target":
            return f"Make me flashcards from this {scan}. Segment {clue} first."
        return rng.choice([f"Make me flashcards from this {scan}. First segment {clue}.", f"Flashcard mode: segment {clue} on this {scan}, then give me Q/A cards.",
                           f"Anki cards please. On this {scan}, segment {clue} and make terse cards from it."])
    if defect == "names_target":
        return f"Examiner: Here is {art(scan)}. Segment {clue} for me and talk me through it."
    return rng.choice([f"Examiner: Here is {art(scan)}. Show me {clue}, segment it, and talk me through it.",
                       f"Let's do this viva-style; I'm the examiner. On this {scan}, which structure is {clue}? Segment it.",
                       f"Examiner: Take this {scan}. Identify {clue} and segment it. Then tell me what you see."])


def build(p, facts, style, rng, defect):
    r = Row(p, facts, rng)
    r.named = None
    f = facts
    rels = [(x["other"], x["relation"]) for x in f["relations"]]
    avail = ["side", "vert", "size", "pct", "count"] + (["rel"] if rels else [])
    if p["orient"] == "LP" and f["vertical"] not in ("anterior", "posterior", "central"):
        avail.remove("vert")
    # the defect's fact and where it sits
    dkey, where = None, None
    if defect and defect != "names_target":
        opts = [k for k in KIND_OF[defect] if k in avail]
        dkey = rng.choice(opts)
        u = rng.random()
        where = "user" if u < 0.21 else "follow" if u < 0.42 else "first"
    rel_pick = list(rng.choice(rels)) if rels else None
    dval = None
    if dkey:
        tv = rel_pick if dkey == "rel" else true_value(f, dkey)
        dval = wrong_value(r, dkey, tv)
    # facts the row may mention truthfully: the defect's family stays out
    family = {"side": {"side"}, "vert": {"vert"}, "rel": {"rel"}, "size": {"size", "pct"}, "pct": {"size", "pct"}, "count": {"count"}}
    banned = family[dkey] if dkey else set()
    free = [k for k in avail if k not in banned]
    rng.shuffle(free)
    n_first = rng.choice([2, 3, 3, 4])
    first_keys = free[:n_first]
    later_keys = free[n_first:]
    n_rounds = rng.choice([2, 3])
    # a corrected false premise (clean style) in some rows, on a fact outside the defect family
    corr_key = None
    if rng.random() < 0.35:
        cands = [k for k in avail if k not in banned and k != "pct"]
        if cands:
            corr_key = rng.choice(cands)

    turns = []
    # ---- turn 0: user
    r.turn = 0
    turns.append({"role": "user", "content": user_first(r, style, defect)})
    # ---- turn 1: assistant first answer
    r.turn = 1
    turns.append({"role": "assistant", "content": first_answer(r, style, first_keys, rel_pick, dkey if where == "first" else None, dval)})
    # ---- follow-up rounds
    plan = []  # list of (ask_key, mode) for each extra round
    if where == "follow":
        plan.append(("defect", None))
    if where == "user":
        plan.append(("premise", None))
    if corr_key:
        plan.append(("correct", corr_key))
    rest = later_keys[:]
    while len(plan) < n_rounds - 1:
        if rest:
            plan.append(("ask", rest.pop(0)))
        else:
            plan.append(("summary", None))
    rng.shuffle(plan)
    if len(plan) > 2:
        keep = [x for x in plan if x[0] in ("defect", "premise")]
        others = [x for x in plan if x[0] not in ("defect", "premise")]
        plan = (keep + others)[:2]
        rng.shuffle(plan)
    for mode, arg in plan:
        r.turn = len(turns)
        q, a_fn = follow_up(r, style, mode, arg, dkey, dval, rel_pick, first_keys, banned)
        turns.append({"role": "user", "content": q})
        r.turn = len(turns)
        turns.append({"role": "assistant", "content": a_fn()})
    LEDGER.append({"target": p["target"], "defect": defect, "where": where if defect != "names_target" else ("first_user" if defect else None),
                   "dkey": dkey, "named": r.named, "claims": r.claims, "style": style})
    return turns, ([defect] if defect else [])


def knowledge(r: Row, k=1):
    rng = r.rng
    pool = r.p["kn"] + (TRAPS_XR if r.p["modality"] == "XR" else TRAPS)
    return " ".join(rng.sample(pool, k))


def pick_rel(r: Row, rel_pick):
    return rel_pick


def first_answer(r: Row, style, keys, rel_pick, dkey, dval):
    p, rng, f = r.p, r.rng, r.f
    name = p["name"]
    parts = []
    # the defect goes in with the first answer's facts, at a random slot
    items = [(k, (rel_pick if k == "rel" else true_value(f, k)), True) for k in keys]
    if dkey:
        items.insert(rng.randrange(len(items) + 1), (dkey, dval, False))
    if style == "mcq":
        hs = "here they are" if r.plural else "here it is"
        isare = "These are" if r.plural else "This is"
        intro = rng.choice([f"{isare} {name} [SEG].", f"The answer is {name}; {hs}, segmented [SEG].", f"{cap(name)} [SEG]: that's what you're after.",
                            f"You're describing {name}. Segmentation: [SEG]."])
        parts.append(intro + " " + knowledge(r))
        blocks, prose = [], []
        for k, v, ok in items:
            if k == "pct" or (len(blocks) >= 2 and ok):
                prose.append(fact_sentence(r, k, v))
                continue
            blocks.append(mcq_block(r, k, v, 0, ok))
        if rng.random() < 0.5:
            prose.append(side_negation(r) if "side" in keys else knowledge(r))
        if prose and rng.random() < 0.5:
            parts.append(rng.choice(["Before the questions, the basics. ", "Quick orientation first: ", "Facts to anchor the questions: "]) + " ".join(prose))
            parts.extend(blocks)
        else:
            parts.extend(blocks)
            if prose:
                parts.append(rng.choice(["Other points worth knowing: ", "Beyond the questions: ", "Also from the mask: ", ""]) + " ".join(prose))
        return "\n\n".join(parts)
    if style == "vignette":
        lines = [f"**Answer:** {name} [SEG]", "", "**Explanation**"]
        labels = {"side": "Laterality", "vert": "Position", "size": "Size", "pct": "Area", "count": "Number of regions", "rel": "Relations"}
        for k, v, ok in items:
            sent = fact_sentence(r, k, v)
            lines.append(f"- {sent}" if ":" in sent.split(" ")[0] or sent.startswith("Size class") else f"- {labels[k]}: {sent}")
        lines.append(f"- Key fact: {knowledge(r)}")
        distract = [o for o in p["others"] if o not in p["target"]]
        if distract:
            d = rng.choice(distract)
            lines.append(f"- Why not the {d}: it is a separate structure here and does not fit the stem.")
        return "\n".join(lines)
    if style == "flashcard":
        lines = [rng.choice([f"Segmented: {name} [SEG].", f"{cap(name)} [SEG]. Cards below."]), ""]
        qs = {"side": ["Q: Side?", "Q: Which side of the patient?"], "vert": ["Q: Position on the slice?", "Q: Front/back (or up/down)?"],
              "size": ["Q: Size class?", "Q: How big?"], "pct": ["Q: Area share?", "Q: % of image?"], "count": ["Q: How many pieces?", "Q: Count?"],
              "rel": ["Q: Neighbour relation?", "Q: Relative to a neighbour?"]}
        lines += ["Q: What is segmented?", f"A: {cap(name)}.", ""]
        for k, v, ok in items:
            lines += [rng.choice(qs[k]), "A: " + fact_sentence(r, k, v, terse=rng.random() < 0.6), ""]
        lines.append("Mnemonic: " + p["mnemo"])
        return "\n".join(lines)
    # oral_exam
    them = "them" if r.plural else "it"
    body = [rng.choice([f"Candidate: {'These are' if r.plural else 'This is'} {name} [SEG].", f"Candidate: I'd say {name}, and I've segmented {them} [SEG].",
                        f"Candidate: That's {name} [SEG], sir."])]
    for k, v, ok in items:
        body.append(fact_sentence(r, k, v))
    if rng.random() < 0.5:
        body.append(knowledge(r))
    if rng.random() < 0.4 and "side" in keys and f["laterality"] in ("left", "right"):
        body.append(f"A weak candidate might call it {OPP_SIDE[f['laterality']]} from the screen, but that ignores the convention.")
    return " ".join(body)


def follow_up(r: Row, style, mode, arg, dkey, dval, rel_pick, first_keys, banned):
    rng, f, p = r.rng, r.f, r.p
    ex = "Examiner: " if style == "oral_exam" else ""
    cand = "Candidate: " if style == "oral_exam" else ""
    o = rel_pick[0] if rel_pick else "neighbours"

    def ask(k):
        return rng.choice(ASK[k]).replace("{o}", o)

    def answer(k, v, ok, qn, q=None):
        if style == "mcq" and k != "pct":
            return mcq_block(r, k, v, qn, ok)
        if style == "flashcard":
            cq = q if q and not q.startswith(("Add", "One more")) else ask(k)
            return f"Q: {cq}\nA: " + fact_sentence(r, k, v, terse=True)
        return cand + fact_sentence(r, k, v) + " " + knowledge(r)

    if mode == "defect":
        k = dkey
        q = ex + (ask(k) if style != "mcq" or k == "pct" else rng.choice(["One more MCQ, please.", "Another question on the same image?"]))
        if style == "flashcard" and rng.random() < 0.5:
            q = rng.choice(["Add a card on ", "One more card: "]) + {"side": "side", "vert": "position", "size": "size", "pct": "area",
                                                                      "count": "count", "rel": "neighbours"}[k] + "."
        return q, lambda: answer(k, dval, False, 3, q)
    if mode == "premise":
        k = dkey
        r.turn = r.turn  # user turn
        pm = premise(r, k, dval, corrected=False)
        q = ex + rng.choice([f"OK, so given that {pm}, what would you check next clinically?",
                             f"Since {pm}, which differential would you put first?",
                             f"Fine. Given {pm}, what's the classic exam pitfall here?"])
        def a():
            lines = [cand + rng.choice(["Good question.", "Sure.", "Fair enough."]), knowledge(r, 1),
                     rng.choice(["I'd correlate with the clinical history and any prior imaging.", "Then confirm on an adjacent slice before signing off.",
                                 "The pitfall is over-reading a single slice."])]
            return " ".join(lines)
        return q, a
    if mode == "correct":
        k = arg
        tv = rel_pick if k == "rel" else true_value(f, k)
        wv = wrong_value(r, k, tv)
        pm = premise(r, k, wv, corrected=True)
        q = ex + rng.choice([f"A previous candidate told me {pm}. Agree?", f"My notes say {pm}. Right?",
                             f"Isn't it true that {pm}?", f"I thought {pm}."])
        def a():
            fix = fact_sentence(r, k, tv)
            r.claims[-1]["fixes"] = True
            return cand + rng.choice(["No, that's not right. ", "I disagree. ", "Not quite. ", "That's a common mistake. "]) + fix
        return q, a
    if mode == "ask":
        k = arg
        q = ex + (ask(k) if style != "mcq" or k == "pct" else rng.choice([f"Another MCQ, this time on {k.replace('vert', 'position').replace('rel', 'neighbours')}.",
                                                                              "Give me one more question."]))
        v = rel_pick if k == "rel" else true_value(f, k)
        return q, lambda: answer(k, v, True, 3, q)
    # summary: restate true facts outside the banned family
    q = ex + ask("summary")
    def a():
        ks = [k for k in ("side", "vert", "size", "count") if k not in banned and (k != "vert" or "vert" in first_keys or True)]
        ks = [k for k in ks if not (k == "vert" and p["orient"] == "LP" and f["vertical"] not in ("anterior", "posterior", "central"))]
        rng.shuffle(ks)
        body = [fact_sentence(r, k, true_value(f, k)) for k in ks[:3]]
        return cand + rng.choice([f"Summary: {p['name']}. ", f"In short, {p['name']}. ", ""]) + " ".join(body)
    return q, a
