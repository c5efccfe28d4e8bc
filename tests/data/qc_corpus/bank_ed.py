"""Bank ED: "the hard cases, dense". Written without reading QC.

Targets (55 profiles, 48 labels): abdomen (liver, spleen, left/right kidney, both kidneys, pancreas, aorta, adrenal glands,
gallbladder, stomach, liver metastases, kidney cysts), pelvis (urinary bladder, prostate, uterus, femoral heads,
rectum, left ovary, uterine fibroids), chest CT (heart, lungs, right/left lung, esophagus, lung nodules), chest
X-ray (heart, lungs, pneumothorax, pleural effusion, clavicles, right lung, lung nodule), coronal CT/MR (kidneys,
liver, spleen, urinary bladder, hippocampi), brain MR (glioblastoma, brain metastases, lateral ventricles, acute
infarct, brainstem, white matter hyperintensities, pituitary adenoma), neck CT (thyroid gland, thyroid nodule,
parotid glands, right submandibular gland, spinal cord, lymph nodes, common carotid arteries) and four photos
(polyp, melanoma, optic disc, cell nuclei). Axial CT/MR are "LP", coronal and chest films "LI", photos None.
30 of the 55 profiles are bilateral (15), midline (12) or in several pieces on one side (3).

Registers (STYLES): "dictation" (a radiologist's report voice, FINDINGS/IMPRESSION), "chatbot" (a friendly
general LLM assistant with markdown bullets), "attending" (a teaching consultant on rounds, Socratic asides),
"curbside" (a terse clinician texting in shorthand).

Every answer is dense with sentences that are true but easy to misread: negations in several forms ("it is not
on the left", "no part crosses to the right", "nothing is seen anteriorly", "hardly large"), explanations of the
display conventions (screen vs patient, PA vs AP films, "as if looking up from the feet"), knowledge about OTHER
structures with side, position, size and count words, population numbers with percent signs, hypotheticals and
comparisons with the other side, and premises in the user's questions (true in clean rows, false and left
standing in defect rows; in some clean rows a false idea of the user is corrected explicitly).

Every claim the module writes about the target goes into a ledger (`LOG`, one entry per `build` call) that the
writer's own reader checks against the facts (own check, seed 20261261): rows 420, clean 210, defect 210 (42 of
each kind); the false claim sits in the first answer in 97, a follow-up answer in 32, a user turn in 39 rows;
225 rows have a bilateral, midline or multi-piece mask; 40 clean rows correct a user's false idea, 77 true user
premises in clean rows; problems: 0.
"""

from __future__ import annotations

import math

import numpy as np

STYLES = ["dictation", "chatbot", "attending", "curbside"]

LOG: list = []  # (turns, ledger) of every build() call, for the writer's own reader


def _p(key, target, mod, region, ori, ell, others, names, ref, qs, nq, why, about, pop, avoid, kind="organ",
       plural=False, xr=False, photo=None):
    return dict(key=key, target=target, mod=mod, region=region, ori=ori, ell=ell, others=others, names=names,
                ref=ref, qs=qs, nq=nq, why=why, about=about, pop=pop, avoid=set(avoid), kind=kind, plural=plural,
                xr=xr, photo=photo)


PROFILES = [
    # ---------------------------------------------------------------- abdomen, axial CT (LP)
    _p("liver", "liver", "CT", "abdomen", "LP", [(78, 114, 56, 46, 15)],
       {"spleen": (0.76, 0.53), "aorta": (0.53, 0.61), "right kidney": (0.40, 0.68), "stomach": (0.66, 0.34)},
       ["liver", "livers", "hepatic", "hepato", "hepar"], ["liver", "hepatic parenchyma"],
       ["Which organ on this CT slice makes bile and stores glycogen? Please segment it.",
        "A 52-year-old drinker has jaundice, ascites and spider naevi. Which organ is failing? Outline it for me.",
        "Segment the largest solid organ of the abdomen on this image, the one that produces albumin and clotting factors."],
       ["Please segment the liver on this CT slice.", "Can you outline the hepatic parenchyma here? We need a volume."],
       "the organ that makes bile, albumin and most clotting factors",
       ["It receives about three quarters of its blood from the portal vein and the rest from the hepatic artery."],
       ["Fatty liver disease affects roughly a quarter of adults worldwide."], ["liver", "gallbladder"]),
    _p("spleen", "spleen", "CT", "abdomen", "LP", [(190, 150, 22, 34, -25)],
       {"liver": (0.30, 0.44), "aorta": (0.53, 0.61), "stomach": (0.63, 0.37)},
       ["spleen", "spleens", "splenic", "lienal", "splen"], ["spleen"],
       ["Which organ filters old red cells and is at risk of rupture in glandular fever? Segment it.",
        "After a rib fracture from a bike fall, which blood-filled lymphoid organ worries the trauma team most? Outline it.",
        "Segment the organ that removes encapsulated bacteria from the blood, the one whose loss calls for pneumococcal vaccination."],
       ["Segment the spleen on this CT, please.", "Outline the splenic parenchyma for me."],
       "the lymphoid organ that filters ageing red cells and encapsulated bacteria",
       ["It is the body's largest lymphoid organ."],
       ["An accessory spleen turns up in about 10 to 15% of people."], ["spleen"]),
    _p("lkidney", "left kidney", "CT", "abdomen", "LP", [(172, 162, 16, 22, 20)],
       {"aorta": (0.53, 0.61), "spleen": (0.76, 0.50), "liver": (0.30, 0.44)},
       ["kidney", "kidneys", "renal", "nephric", "nephro"], ["left kidney"],
       ["Which bean-shaped organ that filters the blood is this, the one whose vein passes in front of the aorta? Segment it.",
        "This donor work-up is for the organ surgeons prefer to take because its vein is longer. Please outline it on this slice.",
        "Segment the retroperitoneal organ here that makes urine and erythropoietin, the one on the spleen's side."],
       ["Please segment the left kidney.", "Outline the left renal parenchyma on this slice."],
       "the bean-shaped filtering organ", ["It makes erythropoietin and activates vitamin D as well as making urine."],
       ["Simple cysts are found in the kidneys of more than a quarter of people over 50."], ["kidney", "renal vein"]),
    _p("rkidney", "right kidney", "CT", "abdomen", "LP", [(84, 164, 16, 22, -20)],
       {"liver": (0.30, 0.42), "aorta": (0.53, 0.61), "inferior vena cava": (0.44, 0.56)},
       ["kidney", "kidneys", "renal", "nephric", "nephro"], ["right kidney"],
       ["Which paired urine-making organ is this, the one on the same side as the liver? Segment it.",
        "Flank pain after a fall on the right side: which retroperitoneal filtering organ should we look at? Outline it.",
        "Please segment the organ here that receives blood straight from the aorta through a short artery and makes urine, on the liver's side."],
       ["Segment the right kidney on this slice.", "Outline the right renal parenchyma please."],
       "the urine-making organ on the liver's side of the body", ["It makes erythropoietin and renin as well as urine."],
       ["Simple cysts are found in the kidneys of more than a quarter of people over 50."], ["kidney", "renal vein"]),
    _p("kidneys", "kidneys", "CT", "abdomen", "LP", [(84, 164, 15, 21, -20), (172, 164, 15, 21, 20)],
       {"aorta": (0.53, 0.56), "vertebral body": (0.50, 0.72)},
       ["kidney", "kidneys", "renal", "nephric", "nephro"], ["kidneys"],
       ["Which paired retroperitoneal organs filter the blood and make urine? Segment them both.",
        "Creatinine has doubled in this diabetic. Which organs should I be looking at on the CT? Outline them.",
        "Segment the organs that produce erythropoietin on this slice."],
       ["Segment both kidneys on this CT.", "Please outline the renal parenchyma on each side."],
       "the paired organs that filter the blood", ["Together they receive about a fifth of the cardiac output."],
       ["A horseshoe kidney is found in about 1 in 500 people."], ["kidney", "renal vein"], plural=True),
    _p("pancreas", "pancreas", "CT", "abdomen", "LP", [(150, 120, 34, 10, -15)],
       {"aorta": (0.53, 0.63), "spleen": (0.78, 0.57), "stomach": (0.60, 0.34)},
       ["pancreas", "pancreatic", "pancreata"], ["pancreas", "pancreatic gland"],
       ["Which gland secretes insulin from its islets and digestive enzymes into the duodenum? Segment it.",
        "Epigastric pain boring through to the back and a lipase of 3000: which organ is inflamed? Outline it.",
        "Please segment the retroperitoneal gland whose head nestles in the duodenal C-loop."],
       ["Segment the pancreas.", "Outline the pancreatic gland on this slice, please."],
       "the gland that makes insulin and digestive enzymes",
       ["Its exocrine part makes up the great bulk of the gland; the islets are a tiny share."],
       ["Incidental cysts of this gland show up in about 2 to 3% of adults on CT, more with age."], ["pancreas"]),
    _p("aorta", "aorta", "CT", "abdomen", "LP", [(132, 150, 10, 10, 0)],
       {"inferior vena cava": (0.44, 0.58), "vertebral body": (0.50, 0.72), "left kidney": (0.68, 0.66)},
       ["aorta", "aortic", "aortae"], ["aorta", "abdominal aorta"],
       ["Which large artery carries oxygenated blood from the heart down into the abdomen? Segment it on this slice.",
        "A 70-year-old smoker has a pulsatile epigastric mass. Which vessel would you measure? Outline it.",
        "Segment the vessel that gives off the coeliac trunk and the SMA."],
       ["Segment the abdominal aorta.", "Please outline the aortic lumen here."],
       "the main artery of the body", ["Its wall has three layers, intima, media and adventitia."],
       ["An aneurysm of this vessel is found in roughly 1 to 2% of men over 65 in modern screening programmes."],
       ["aorta"], kind="vessel"),
    _p("adrenals", "adrenal glands", "CT", "abdomen", "LP", [(100, 128, 4, 9, 30), (158, 126, 4, 9, -30)],
       {"aorta": (0.52, 0.61), "vertebral body": (0.50, 0.74)},
       ["adrenal", "adrenals", "suprarenal", "suprarenals"], ["adrenal glands", "adrenals"],
       ["Which small paired glands that make cortisol and adrenaline sit on top of the kidneys? Segment them.",
        "Hypertension with a low potassium and a high aldosterone: which glands should I inspect? Outline them.",
        "Please segment the Y- or lambda-shaped endocrine glands on this slice."],
       ["Segment both adrenal glands.", "Outline the suprarenal glands on this CT."],
       "the paired endocrine glands that make cortisol, aldosterone and adrenaline",
       ["Each has a cortex of three zones and a medulla that makes catecholamines."],
       ["Incidental masses of these glands are found on about 4% of abdominal CTs."], ["adrenal"], kind="gland",
       plural=True),
    _p("gb", "gallbladder", "CT", "abdomen", "LP", [(70, 128, 10, 15, 10)],
       {"duodenum": (0.42, 0.51), "right kidney": (0.36, 0.67)},
       ["gallbladder", "gall bladder", "gallbladders", "cholecyst", "cholecystic", "gb"], ["gallbladder"],
       ["Which small pear-shaped sac stores and concentrates bile? Segment it.",
        "Right upper quadrant pain after fatty meals and a positive Murphy's sign: which organ is the culprit? Outline it.",
        "Segment the organ that contracts when cholecystokinin is released."],
       ["Please segment the gallbladder.", "Outline the GB on this slice."],
       "the sac that stores and concentrates bile", ["It concentrates bile five- to tenfold between meals."],
       ["Gallstones affect roughly 10 to 15% of adults in Western countries."], ["gallbladder"]),
    _p("stomach", "stomach", "CT", "abdomen", "LP", [(165, 95, 30, 22, 10)],
       {"liver": (0.30, 0.44), "spleen": (0.76, 0.56), "aorta": (0.53, 0.62)},
       ["stomach", "stomachs", "gastric", "gaster", "gastro"], ["stomach"],
       ["Which J-shaped hollow organ secretes acid and pepsin? Segment it on this CT.",
        "Haematemesis after a week of ibuprofen: which organ is likely bleeding? Outline it.",
        "Segment the organ whose parietal cells make intrinsic factor."],
       ["Segment the stomach.", "Outline the gastric wall and lumen here."],
       "the acid-secreting hollow organ", ["Its parietal cells make both acid and intrinsic factor."],
       ["Helicobacter pylori infects about half of the world's population."], ["stomach"]),
    _p("livermets", "liver metastases", "CT", "abdomen", "LP",
       [(62, 100, 8, 7, 0), (90, 126, 10, 9, 0), (76, 152, 6, 6, 0)],
       {"spleen": (0.76, 0.52), "aorta": (0.53, 0.62)},
       ["liver", "hepatic", "metastases", "metastasis", "metastatic", "mets", "secondaries", "secondary deposits"],
       ["liver metastases", "metastatic deposits"],
       ["Two years after a right hemicolectomy the CEA is rising. Which lesions on this slice explain it? Segment them all.",
        "Segment every low-density deposit of spread disease in the big organ under the right hemidiaphragm.",
        "This staging CT is for a colorectal primary. Which lesions would change the stage to IV? Outline them."],
       ["Segment the liver metastases.", "Please outline all hepatic mets on this slice."],
       "blood-borne deposits that reach the organ through the portal vein",
       ["Colorectal deposits typically look hypodense on portal-venous phase CT."],
       ["Around half of patients with colorectal cancer develop deposits in this organ at some point."],
       ["liver", "gallbladder"], kind="lesion", plural=True),
    _p("kcysts", "kidney cysts", "CT", "abdomen", "LP", [(80, 160, 6, 6, 0), (176, 154, 7, 7, 0), (170, 174, 5, 5, 0)],
       {"aorta": (0.55, 0.62), "vertebral body": (0.55, 0.78)},
       ["kidney", "kidneys", "renal", "cyst", "cysts", "cystic", "nephric"], ["kidney cysts", "renal cysts"],
       ["Segment the simple fluid-filled, water-density lesions in the bean-shaped retroperitoneal organs on this slice.",
        "Which Bosniak I lesions are present here? Outline each one.",
        "This incidental finding in a 64-year-old: segment all the thin-walled water-attenuation lesions in the urine-making organs."],
       ["Segment the renal cysts.", "Outline every kidney cyst on this CT."],
       "simple water-density lesions in the urine-making organs", ["Simple ones need no follow-up."],
       ["They are found in more than a quarter of people over 50."], ["kidney", "renal vein"], kind="lesion",
       plural=True),
    # ---------------------------------------------------------------- pelvis, axial (LP)
    _p("bladder", "urinary bladder", "CT", "pelvis", "LP", [(128, 100, 30, 24, 0)],
       {"rectum": (0.50, 0.66), "left femoral head": (0.78, 0.50), "right femoral head": (0.22, 0.50)},
       ["bladder", "bladders", "vesical", "vesico", "urinary", "cystic"], ["urinary bladder", "bladder"],
       ["Which hollow muscular organ stores urine until voiding? Segment it on this pelvic CT.",
        "A man with BPH has not passed water for 14 hours and has suprapubic pain. Which organ is distended? Outline it.",
        "Segment the organ whose wall is the detrusor muscle."],
       ["Segment the urinary bladder.", "Please outline the bladder here."],
       "the organ that stores urine", ["Its wall is the detrusor muscle, lined by urothelium."],
       ["Cancer of this organ is about four times more common in men than in women."], ["bladder"]),
    _p("prostate", "prostate", "MR", "pelvis", "LP", [(128, 120, 20, 15, 0)],
       {"rectum": (0.50, 0.66), "pubic symphysis": (0.50, 0.30)},
       ["prostate", "prostatic", "prostates"], ["prostate", "prostate gland"],
       ["Which walnut-sized male gland surrounds the proximal urethra? Segment it on this MRI.",
        "PSA 9.8 in a 66-year-old. Which gland should be outlined for the biopsy planning? Segment it.",
        "Segment the gland that contributes most of the seminal fluid's PSA."],
       ["Please segment the prostate.", "Outline the prostatic gland on this T2 slice."],
       "the gland around the first part of the male urethra", ["Most cancers arise in its peripheral zone."],
       ["Benign enlargement of this gland affects about half of men by age 60."], ["prostate"], kind="gland"),
    _p("uterus", "uterus", "MR", "pelvis", "LP", [(130, 104, 34, 24, 5)],
       {"rectum": (0.50, 0.68), "urinary bladder": (0.50, 0.28)},
       ["uterus", "uteri", "uterine", "womb", "utero", "hysteral"], ["uterus"],
       ["Which muscular organ does the fertilised egg implant in? Segment it on this pelvic MRI.",
        "Heavy periods and pelvic pressure in a 45-year-old. Which organ should I outline?",
        "Segment the organ whose lining sheds each month."],
       ["Segment the uterus.", "Please outline the womb on this slice."],
       "the organ where a pregnancy implants", ["Its wall has three layers: endometrium, myometrium and serosa."],
       ["Fibroids are found in up to 70% of white women and over 80% of Black women by age 50."], ["uterus"]),
    _p("femheads", "femoral heads", "CT", "pelvis", "LP", [(62, 130, 18, 18, 0), (194, 130, 18, 18, 0)],
       {"urinary bladder": (0.50, 0.40)},
       ["femoral", "femur", "femora", "femurs", "ball of the hip", "head of the femur"], ["femoral heads"],
       ["Which rounded bony structures articulate with the acetabula? Segment them.",
        "Steroid-treated patient with groin pain: which bones would show avascular necrosis? Outline them on this slice.",
        "Segment the bones that sit in the hip sockets here."],
       ["Segment both femoral heads.", "Please outline the heads of the femur."],
       "the rounded tops of the thigh bones",
       ["Their blood supply comes mainly from the medial circumflex femoral artery."],
       ["Non-traumatic avascular necrosis ends up affecting both hips in more than half of patients."],
       ["femoral head"], kind="bone", plural=True),
    _p("rectum", "rectum", "CT", "pelvis", "LP", [(130, 172, 14, 12, 0)],
       {"urinary bladder": (0.50, 0.38), "sacrum": (0.50, 0.84)},
       ["rectum", "rectal", "recta", "procto"], ["rectum"],
       ["Which last segment of the large bowel, above the anal canal, is this? Segment it.",
        "Change in bowel habit and bright red blood in a 60-year-old. Which bowel segment would you outline on this pelvic CT?",
        "Segment the part of the gut that stores faeces before defecation."],
       ["Segment the rectum.", "Outline the rectal wall and lumen please."],
       "the last part of the large bowel", ["It has no taeniae coli; they spread out into a continuous layer."],
       ["Roughly a third of colorectal cancers arise in this segment."], ["rectum"]),
    _p("lovary", "left ovary", "MR", "pelvis", "LP", [(172, 122, 10, 7, 0)],
       {"uterus": (0.50, 0.44), "right ovary": (0.32, 0.47)},
       ["ovary", "ovaries", "ovarian", "oophor"], ["left ovary"],
       ["Which almond-shaped gonad on the pelvic side wall is this, the one next to the sigmoid? Segment it.",
        "Left iliac fossa pain mid-cycle in a 24-year-old. Which organ, with its follicles, should I outline?",
        "Please segment the female gonad on the patient's left on this MRI slice."],
       ["Segment the left ovary.", "Outline the left ovarian tissue here."],
       "the gonad that holds the follicles",
       ["It holds the follicles and makes oestrogen and progesterone."],
       ["About 1 in 78 women will develop cancer of this organ in her lifetime."], ["ovary"], kind="gland"),
    _p("fibroids", "uterine fibroids", "MR", "pelvis", "LP", [(118, 98, 12, 10, 0), (152, 112, 9, 8, 0)],
       {"rectum": (0.50, 0.70)},
       ["fibroid", "fibroids", "leiomyoma", "leiomyomas", "leiomyomata", "myoma", "myomas", "uterine", "uterus"],
       ["uterine fibroids", "fibroids", "leiomyomas"],
       ["Heavy menstrual bleeding and a bulky pelvis on examination: which benign smooth-muscle tumours are on this MRI? Segment them.",
        "Segment the well-circumscribed T2-dark masses in the muscular wall of the organ where pregnancies implant.",
        "Which oestrogen-sensitive benign tumours explain this woman's pressure symptoms? Outline each one."],
       ["Segment the fibroids.", "Please outline the uterine leiomyomas."],
       "benign smooth-muscle tumours of the womb's wall", ["They are typically dark on T2 unless degenerated."],
       ["They are found in up to 70% of white women and over 80% of Black women by age 50."], ["uterus"],
       kind="lesion", plural=True),
    # ---------------------------------------------------------------- chest, axial CT (LP)
    _p("heartct", "heart", "CT", "chest", "LP", [(148, 100, 44, 36, 20)],
       {"descending aorta": (0.58, 0.66), "left lung": (0.76, 0.50), "right lung": (0.24, 0.50)},
       ["heart", "hearts", "cardiac", "cardio", "myocardium", "cor"], ["heart"],
       ["Which four-chambered muscular organ pumps blood round the body? Segment it on this chest CT.",
        "Crushing chest pain and raised troponin: which organ is affected? Outline it on this slice.",
        "Segment the organ enclosed by the pericardium."],
       ["Segment the heart.", "Outline the cardiac silhouette on this CT."],
       "the four-chambered pump", ["It beats around 100,000 times a day."],
       ["Dextrocardia occurs in roughly 1 in 12,000 births."], ["heart"]),
    _p("lungsct", "lungs", "CT", "chest", "LP", [(70, 130, 40, 62, 0), (188, 130, 38, 60, 0)],
       {"thoracic vertebra": (0.50, 0.74), "sternum": (0.50, 0.22)},
       ["lung", "lungs", "pulmonary", "pulmo", "pneumo"], ["lungs"],
       ["Which paired organs handle gas exchange? Segment them on this chest CT.",
        "A smoker with progressive breathlessness and a barrel chest: which organs should I outline?",
        "Segment the organs that contain the alveoli."],
       ["Segment both lungs.", "Outline the pulmonary parenchyma."],
       "the paired organs of gas exchange", ["Together they hold around 300 to 500 million alveoli."],
       ["Cancer of these organs accounts for about 1 in 5 cancer deaths worldwide."], ["lung"], plural=True),
    _p("rlungct", "right lung", "CT", "chest", "LP", [(70, 128, 42, 62, 0)],
       {"heart": (0.58, 0.42), "left lung": (0.74, 0.50)},
       ["lung", "lungs", "pulmonary", "pulmo"], ["right lung"],
       ["Which three-lobed organ of gas exchange is this? Segment it.",
        "Aspiration pneumonia usually ends up on one side. Which organ on that side should I outline here?",
        "Segment the organ of gas exchange on the patient's right on this slice."],
       ["Segment the right lung.", "Outline the right pulmonary parenchyma."],
       "the organ of gas exchange with three lobes",
       ["Its main bronchus is shorter and steeper than the other one."],
       ["Cancer of these organs accounts for about 1 in 5 cancer deaths worldwide."], ["lung"]),
    _p("llungct", "left lung", "CT", "chest", "LP", [(186, 128, 38, 60, 0)],
       {"heart": (0.56, 0.42), "right lung": (0.27, 0.50)},
       ["lung", "lungs", "pulmonary", "pulmo"], ["left lung"],
       ["Which two-lobed organ of gas exchange is this, the one with the lingula? Segment it.",
        "Segment the air-filled organ that has a cardiac notch.",
        "Which organ of gas exchange sits next to the heart's apex? Please outline it."],
       ["Segment the left lung.", "Outline the left pulmonary parenchyma."],
       "the two-lobed organ of gas exchange with the lingula", ["Its upper lobe carries the lingula."],
       ["Cancer of these organs accounts for about 1 in 5 cancer deaths worldwide."], ["lung"]),
    _p("esoph", "esophagus", "CT", "chest", "LP", [(128, 150, 7, 7, 0)],
       {"descending aorta": (0.58, 0.62), "heart": (0.53, 0.40)},
       ["esophagus", "oesophagus", "esophageal", "oesophageal", "gullet", "esophagi"], ["esophagus", "oesophagus"],
       ["Which muscular tube carries swallowed food to the stomach? Segment it on this chest CT.",
        "Progressive dysphagia to solids and weight loss in a 68-year-old: which tube should I outline?",
        "Segment the structure that peristalsis moves a food bolus down through the chest."],
       ["Segment the oesophagus.", "Please outline the esophageal wall on this slice."],
       "the muscular tube from pharynx to stomach",
       ["Its upper third is skeletal muscle and its lower third smooth muscle."],
       ["Barrett's change is found in roughly 1 to 2% of the general adult population."], ["esophagus"],
       kind="tube"),
    _p("nodules", "lung nodules", "CT", "chest", "LP", [(60, 110, 5, 5, 0), (196, 140, 6, 5, 0), (180, 96, 4, 4, 0)],
       {"heart": (0.55, 0.40)},
       ["nodule", "nodules", "nodular", "lung", "lungs", "pulmonary"], ["lung nodules", "pulmonary nodules"],
       ["Segment every small round opacity under 3 cm in the air-filled organs on this CT.",
        "This smoker's screening CT: which focal rounded lesions need Fleischner follow-up? Outline them all.",
        "Please segment the small round densities surrounded by aerated parenchyma."],
       ["Segment the lung nodules.", "Outline each pulmonary nodule here."],
       "small rounded opacities in the aerated parenchyma", ["Solid ones under 6 mm in low-risk patients need no routine follow-up."],
       ["Incidental ones appear on up to a third of chest CTs, and well over 95% of small ones are benign."],
       ["lung"], kind="lesion", plural=True),
    # ---------------------------------------------------------------- chest X-ray (LI)
    _p("heartxr", "heart", "XR", "chest", "LI", [(146, 150, 46, 38, -10)],
       {"trachea": (0.50, 0.18), "right lung": (0.28, 0.42)},
       ["heart", "hearts", "cardiac", "cardio", "cor"], ["heart", "cardiac silhouette"],
       ["Which organ forms most of the central shadow above the diaphragm on this PA film? Segment it.",
        "Ankle swelling and orthopnoea: I want the cardiothoracic ratio. Which organ should I outline on the X-ray?",
        "Segment the pump whose borders are formed by the right atrium and left ventricle on this film."],
       ["Segment the heart on this chest X-ray.", "Outline the cardiac silhouette please."],
       "the organ whose silhouette sets the cardiothoracic ratio", ["Its right border on a PA film is the right atrium."],
       ["Dextrocardia occurs in roughly 1 in 12,000 births."], ["heart"], xr=True),
    _p("lungsxr", "lungs", "XR", "chest", "LI", [(78, 118, 40, 78, 0), (180, 122, 38, 74, 0)],
       {"trachea": (0.50, 0.20), "clavicles": (0.50, 0.10)},
       ["lung", "lungs", "pulmonary", "pulmo", "lung fields"], ["lungs", "lung fields"],
       ["Which paired air-filled organs make up the dark fields on this PA film? Segment them.",
        "I need the total aerated area on this chest radiograph. Which organs should be outlined?",
        "Segment the organs of gas exchange on this X-ray."],
       ["Segment both lungs on this film.", "Outline the lung fields."],
       "the air-filled organs of gas exchange", ["The air in them is what makes them look dark on a film."],
       ["Cancer of these organs accounts for about 1 in 5 cancer deaths worldwide."], ["lung"], plural=True, xr=True),
    _p("ptx", "pneumothorax", "XR", "chest", "LI", [(190, 60, 22, 30, 0)],
       {"heart": (0.57, 0.60), "trachea": (0.50, 0.20)},
       ["pneumothorax", "pneumothoraces", "ptx", "collapsed lung"], ["pneumothorax"],
       ["A tall 19-year-old has sudden pleuritic pain and breathlessness. What is the lucent area without lung markings at the top of the chest? Segment it.",
        "Segment the collection of air in the pleural space on this film.",
        "After a central line attempt the patient desaturated. Which air collection does this film show? Outline it."],
       ["Segment the pneumothorax.", "Outline the PTX on this film."],
       "air in the pleural space", ["A visible rim of 2 cm at the hilum is the usual threshold for calling it large in the BTS scheme."],
       ["A primary spontaneous one recurs in about 30% of patients."], ["pleura"], kind="lesion", xr=True),
    _p("effusion", "pleural effusion", "XR", "chest", "LI", [(70, 196, 36, 18, -10)],
       {"heart": (0.57, 0.60)},
       ["effusion", "effusions", "pleural fluid", "hydrothorax", "pleural"], ["pleural effusion", "effusion"],
       ["Blunting of a costophrenic angle with a meniscus: what fluid collection is this? Segment it.",
        "A heart-failure patient's film shows fluid layering at the base. Outline the collection.",
        "Segment the fluid in the space between the visceral and parietal layers on this X-ray."],
       ["Segment the pleural effusion.", "Outline the effusion on this film."],
       "fluid between the two pleural layers", ["About 200 mL must collect before the costophrenic angle blunts on a PA film."],
       ["Heart failure is its commonest cause, ahead of pneumonia and cancer."], ["pleura"], kind="lesion", xr=True),
    _p("clavicles", "clavicles", "XR", "chest", "LI", [(86, 40, 34, 6, -12), (170, 40, 34, 6, 12)],
       {"heart": (0.53, 0.60), "trachea": (0.50, 0.24)},
       ["clavicle", "clavicles", "clavicular", "collarbone", "collarbones", "collar bone"], ["clavicles"],
       ["Which S-shaped bones strut the shoulders away from the chest on this film? Segment them.",
        "I want to check rotation on this PA film from the medial ends of which bones? Outline them.",
        "Segment the bones that articulate with the manubrium and the acromion."],
       ["Segment the clavicles.", "Outline both collarbones on this X-ray."],
       "the S-shaped struts between sternum and shoulder", ["They are the first bones to ossify in the fetus."],
       ["Fractures of these bones make up about 2 to 5% of all adult fractures."], ["clavicle"], kind="bone",
       plural=True, xr=True),
    _p("rlungxr", "right lung", "XR", "chest", "LI", [(78, 118, 40, 78, 0)],
       {"heart": (0.57, 0.60), "left lung": (0.70, 0.47)},
       ["lung", "lungs", "pulmonary", "lung field"], ["right lung"],
       ["Which three-lobed organ of gas exchange is this on the film? Segment it.",
        "Segment the aerated field that carries the horizontal fissure on this PA radiograph.",
        "Please outline the organ of gas exchange on the patient's right."],
       ["Segment the right lung on the film.", "Outline the right lung field."],
       "the three-lobed organ of gas exchange", ["Its horizontal fissure separates the upper from the middle lobe."],
       ["Cancer of these organs accounts for about 1 in 5 cancer deaths worldwide."], ["lung"], xr=True),
    _p("noduleXR", "lung nodule", "XR", "chest", "LI", [(180, 90, 7, 7, 0)],
       {"heart": (0.57, 0.60)},
       ["nodule", "nodules", "nodular", "lung", "lungs", "pulmonary", "coin lesion"], ["lung nodule", "nodule"],
       ["There is a small round opacity on this film. Segment it.",
        "A smoker's film was reported as showing a 'round density'. Outline it.",
        "Segment the rounded opacity under 3 cm surrounded by aerated tissue."],
       ["Segment the lung nodule.", "Outline the pulmonary nodule on this X-ray."],
       "a small rounded opacity", ["A chest film misses many under 1 cm."],
       ["Well over 95% of small ones found incidentally are benign."], ["lung"], kind="lesion", xr=True),
    # ---------------------------------------------------------------- coronal CT/MR (LI)
    _p("kidneyscor", "kidneys", "CT", "abdomen", "LI", [(86, 150, 16, 28, 10), (170, 146, 16, 28, -10)],
       {"urinary bladder": (0.50, 0.86)},
       ["kidney", "kidneys", "renal", "nephric", "nephro"], ["kidneys"],
       ["Which paired bean-shaped organs are seen on this coronal CT? Segment them.",
        "Segment the organs that make urine on this coronal reformat.",
        "Which organs would a nephrologist want outlined on this coronal slice? Please segment them."],
       ["Segment both kidneys on the coronal.", "Outline the renal parenchyma on each side."],
       "the paired urine-making organs", ["Each holds about a million nephrons."],
       ["A horseshoe variant is found in about 1 in 500 people."], ["kidney", "renal vein"], plural=True),
    _p("livercor", "liver", "CT", "abdomen", "LI", [(84, 96, 52, 40, 0)],
       {"right kidney": (0.34, 0.60), "spleen": (0.73, 0.36), "urinary bladder": (0.50, 0.86)},
       ["liver", "livers", "hepatic", "hepato", "hepar"], ["liver"],
       ["Which organ under the right hemidiaphragm makes bile? Segment it on this coronal CT.",
        "Segment the largest solid abdominal organ on this coronal reformat.",
        "Raised transaminases and a bright echotexture on ultrasound: outline the organ concerned on this coronal slice."],
       ["Segment the liver on this coronal.", "Outline the hepatic parenchyma."],
       "the organ that makes bile", ["It is the main site of drug metabolism through the cytochrome P450 system."],
       ["Fatty liver disease affects roughly a quarter of adults worldwide."], ["liver", "gallbladder"]),
    _p("spleencor", "spleen", "CT", "abdomen", "LI", [(180, 96, 20, 30, 15)],
       {"left kidney": (0.68, 0.58), "liver": (0.32, 0.38)},
       ["spleen", "spleens", "splenic", "lienal"], ["spleen"],
       ["Which lymphoid organ sits under the left hemidiaphragm? Segment it on this coronal CT.",
        "Portal hypertension: which organ do I measure for enlargement on this coronal? Outline it.",
        "Segment the organ that destroys old red cells on this coronal reformat."],
       ["Segment the spleen on the coronal.", "Please outline the splenic parenchyma."],
       "the lymphoid organ that destroys old red cells", ["It also stores about a third of the platelets."],
       ["An accessory spleen turns up in about 10 to 15% of people."], ["spleen"]),
    _p("bladdercor", "urinary bladder", "CT", "pelvis", "LI", [(128, 210, 26, 18, 0)],
       {"left kidney": (0.67, 0.56), "right kidney": (0.33, 0.57)},
       ["bladder", "bladders", "vesical", "vesico", "urinary", "cystic"], ["urinary bladder", "bladder"],
       ["Which hollow organ stores urine? Segment it on this coronal CT.",
        "Segment the organ the ureters drain into on this coronal reformat.",
        "Haematuria work-up: outline the organ lined by urothelium that holds the urine before voiding."],
       ["Segment the bladder on the coronal.", "Outline the urinary bladder please."],
       "the organ that stores urine", ["Its trigone lies between the two ureteric orifices and the internal urethral opening."],
       ["Cancer of this organ is about four times more common in men than in women."], ["bladder"]),
    _p("hippo", "hippocampi", "MR", "brain", "LI", [(90, 150, 7, 11, 20), (166, 150, 7, 11, -20)],
       {"lateral ventricles": (0.50, 0.42)},
       ["hippocampus", "hippocampi", "hippocampal", "mesial temporal"], ["hippocampi", "hippocampal formations"],
       ["Which paired seahorse-shaped structures laid down new memories and shrink early in Alzheimer's? Segment them on this coronal MRI.",
        "Temporal lobe epilepsy work-up: which structures should I outline for sclerosis?",
        "Segment the grey-matter structures in the floor of the temporal horns on this coronal slice."],
       ["Segment both hippocampi.", "Outline the hippocampal formations on this coronal."],
       "the seahorse-shaped memory structures", ["They are part of the limbic system and lie in the medial temporal lobes."],
       ["Sclerosis of these structures underlies roughly two thirds of temporal lobe epilepsy in surgical series."],
       ["hippocampus"], kind="structure", plural=True),
    # ---------------------------------------------------------------- brain MR axial (LP)
    _p("gbm", "glioblastoma", "MR", "brain", "LP", [(90, 80, 22, 18, 30)],
       {"lateral ventricles": (0.50, 0.48)},
       ["glioblastoma", "glioblastomas", "gbm", "glioma", "gliomas", "astrocytoma", "glial"], ["glioblastoma", "GBM"],
       ["A 61-year-old man with new seizures and personality change has a ring-enhancing mass with a necrotic centre. Which tumour is it most likely? Segment it.",
        "Segment the primary malignant tumour with central necrosis on this post-contrast MRI.",
        "Which WHO grade 4 tumour would you suspect here? Outline the enhancing mass."],
       ["Segment the glioblastoma.", "Please outline the GBM on this slice."],
       "the most aggressive primary brain tumour of adults", ["It is IDH-wildtype by current WHO definitions."],
       ["It accounts for nearly half of primary malignant tumours of the central nervous system."], ["brain"],
       kind="tumour"),
    _p("brainmets", "brain metastases", "MR", "brain", "LP", [(82, 90, 6, 6, 0), (170, 140, 8, 7, 0), (150, 190, 5, 5, 0)],
       {"lateral ventricles": (0.54, 0.40)},
       ["brain", "cerebral", "metastases", "metastasis", "metastatic", "mets", "secondaries"],
       ["brain metastases", "metastases"],
       ["A woman with breast cancer has new headaches. Which enhancing lesions on this head MRI explain it? Segment them all.",
        "Segment every ring-enhancing deposit at the grey-white junction on this post-contrast scan.",
        "Staging head MRI for lung cancer: outline all lesions that represent spread of the primary."],
       ["Segment the brain metastases.", "Please outline all the mets."],
       "blood-borne deposits that lodge at the grey-white junction", ["Lung, breast and melanoma are the commonest primaries."],
       ["They develop in roughly 10 to 30% of adults with cancer."], ["brain"], kind="lesion", plural=True),
    _p("ventricles", "lateral ventricles", "MR", "brain", "LP", [(108, 118, 8, 30, 8), (148, 118, 8, 30, -8)],
       {"pineal gland": (0.50, 0.62)},
       ["ventricle", "ventricles", "ventricular"], ["lateral ventricles"],
       ["Which paired CSF-filled cavities in the hemispheres should I outline to check for hydrocephalus? Segment them.",
        "Segment the C-shaped fluid spaces that hold the choroid plexus on this axial MRI.",
        "Which cavities drain through the foramina of Monro? Outline them."],
       ["Segment the lateral ventricles.", "Outline both ventricles on this slice."],
       "the CSF cavities of the hemispheres", ["The choroid plexus in them makes most of the CSF."],
       ["White matter changes around them are common after 60."], ["ventricle"], kind="structure", plural=True),
    _p("infarct", "acute infarct", "MR", "brain", "LP", [(176, 120, 24, 30, 10)],
       {"lateral ventricles": (0.50, 0.46)},
       ["infarct", "infarcts", "infarction", "stroke", "strokes", "ischemic", "ischaemic", "ischemia", "ischaemia"],
       ["acute infarct", "infarct"],
       ["Sudden right arm weakness and aphasia 3 hours ago. Which area of restricted diffusion explains it? Segment it.",
        "Segment the bright region on this DWI that has a low ADC.",
        "Which lesion explains this man's acute word-finding difficulty? Outline it on the diffusion image."],
       ["Segment the acute infarct.", "Please outline the ischaemic stroke on this DWI."],
       "an area of acute cytotoxic oedema in a vascular territory", ["Restricted diffusion appears within minutes of arterial occlusion."],
       ["About 85% of strokes are caused by a blocked artery rather than a bleed."], ["brain"], kind="lesion"),
    _p("brainstem", "brainstem", "MR", "brain", "LP", [(128, 170, 17, 15, 0)],
       {"fourth ventricle": (0.50, 0.74), "cerebellum": (0.50, 0.83)},
       ["brainstem", "brain stem", "brainstems", "truncus"], ["brainstem"],
       ["Which structure joining the cerebrum to the spinal cord carries the cranial nerve nuclei? Segment it.",
        "Locked-in syndrome after a basilar occlusion: which part of the central nervous system should I outline?",
        "Segment the structure that holds the respiratory centres on this axial slice."],
       ["Segment the brainstem.", "Outline the brain stem on this axial."],
       "the stalk that carries the cranial nerve nuclei", ["It holds the nuclei of cranial nerves III to XII."],
       ["Lesions here cause only a small share of strokes but a large share of deaths from them."], ["brainstem"],
       kind="structure"),
    _p("wmh", "white matter hyperintensities", "MR", "brain", "LP",
       [(100, 110, 5, 8, 0), (158, 104, 6, 9, 0), (110, 142, 4, 6, 0), (150, 146, 5, 7, 0)],
       {"pineal gland": (0.50, 0.64)},
       ["white matter", "hyperintensity", "hyperintensities", "wmh", "leukoaraiosis", "leukoaraiosis"],
       ["white matter hyperintensities", "WMH"],
       ["Segment every bright periventricular spot of presumed small-vessel origin on this FLAIR image.",
        "Cognitive decline in a hypertensive 74-year-old: which FLAIR-bright lesions should I outline?",
        "Please outline the Fazekas-graded lesions on this slice."],
       ["Segment the white matter hyperintensities.", "Outline all WMH on this FLAIR."],
       "bright FLAIR lesions of small-vessel disease", ["Their burden is usually graded with the Fazekas scale."],
       ["They are seen on MRI in the majority of people over 60."], ["brain"], kind="lesion", plural=True),
    _p("pituitary", "pituitary adenoma", "MR", "brain", "LP", [(128, 106, 7, 6, 0)],
       {"basilar artery": (0.50, 0.56)},
       ["pituitary", "adenoma", "adenomas", "macroadenoma", "microadenoma", "prolactinoma", "hypophys"],
       ["pituitary adenoma", "adenoma"],
       ["Galactorrhoea and amenorrhoea with a prolactin of 2000: which benign tumour is on this sellar MRI? Segment it.",
        "Bitemporal hemianopia in a 50-year-old: segment the tumour in the sella.",
        "Segment the benign tumour of the master endocrine gland on this slice."],
       ["Segment the pituitary adenoma.", "Outline the adenoma please."],
       "a benign tumour of the anterior lobe of the master gland", ["Under 10 mm it counts as a microadenoma."],
       ["Incidental ones appear in roughly 10% of autopsy and MRI series."], ["pituitary"], kind="tumour"),
    # ---------------------------------------------------------------- neck CT axial (LP)
    _p("thyroid", "thyroid gland", "CT", "neck", "LP", [(104, 100, 12, 20, 15), (152, 100, 12, 20, -15), (128, 92, 14, 5, 0)],
       {"cervical vertebra": (0.50, 0.70), "esophagus": (0.52, 0.52)},
       ["thyroid", "thyroids", "thyro", "thyroidal"], ["thyroid gland", "thyroid"],
       ["Which butterfly-shaped gland makes T4? Segment it on this neck CT.",
        "Weight loss, tremor and a diffuse goitre: which gland should I outline?",
        "Segment the endocrine gland whose isthmus crosses the trachea."],
       ["Segment the thyroid gland.", "Outline the thyroid here."],
       "the butterfly-shaped gland that makes T4 and T3", ["Its follicles store thyroglobulin."],
       ["Nodules in it can be felt in about 5% of adults but are seen on ultrasound in up to 50 to 60%."],
       ["thyroid"], kind="gland"),
    _p("thynod", "thyroid nodule", "CT", "neck", "LP", [(154, 100, 8, 9, 0)],
       {"trachea": (0.50, 0.42)},
       ["thyroid", "nodule", "nodules", "nodular", "thyroidal"], ["thyroid nodule", "nodule"],
       ["A lump moves on swallowing. Which focal lesion of the butterfly-shaped gland is it? Segment it.",
        "Segment the focal lesion inside the gland that makes T4 on this neck CT.",
        "Risk-stratification workup: outline the discrete lesion in the endocrine gland that wraps the front of the trachea."],
       ["Segment the thyroid nodule.", "Outline the nodule in the thyroid."],
       "a focal lesion of the gland that makes T4", ["Most are benign colloid nodules."],
       ["Only about 5 to 10% turn out to be malignant."], ["thyroid"], kind="lesion"),
    _p("parotids", "parotid glands", "CT", "neck", "LP", [(60, 120, 16, 24, 0), (196, 120, 16, 24, 0)],
       {"cervical spinal cord": (0.50, 0.62), "mandible": (0.50, 0.28)},
       ["parotid", "parotids", "parotideal"], ["parotid glands", "parotids"],
       ["Which paired salivary glands does the facial nerve run through? Segment them.",
        "Mumps with swelling in front of both ears: which glands should I outline?",
        "Segment the largest salivary glands on this slice."],
       ["Segment both parotid glands.", "Outline the parotids."],
       "the largest salivary glands", ["Their ducts open opposite the upper second molars."],
       ["About 80% of salivary gland tumours arise in these glands, and about 80% of those are benign."],
       ["parotid", "salivary"], kind="gland", plural=True),
    _p("submand", "right submandibular gland", "CT", "neck", "LP", [(88, 104, 14, 11, 0)],
       {"hyoid bone": (0.50, 0.40)},
       ["submandibular", "submaxillary", "submandibulars"], ["right submandibular gland"],
       ["Swelling under the jaw on the right during meals: which salivary gland is blocked? Segment it.",
        "Segment the salivary gland whose duct opens beside the frenulum, on the patient's right.",
        "Which salivary gland produces most of the resting saliva? Outline the one on the patient's right."],
       ["Segment the right submandibular gland.", "Outline the right submaxillary gland."],
       "the salivary gland under the jaw that makes most resting saliva", ["It makes most of the unstimulated saliva."],
       ["About 80% of salivary stones form in this gland."], ["submandibular"], kind="gland"),
    _p("cord", "spinal cord", "CT", "neck", "LP", [(128, 170, 7, 6, 0)],
       {"thyroid gland": (0.50, 0.38), "trachea": (0.50, 0.42)},
       ["spinal cord", "spinal", "cord", "myelon", "medulla spinalis"], ["spinal cord", "cord"],
       ["Which structure carrying the long motor and sensory tracts runs in the canal here? Segment it.",
        "Hyperextension injury with arm weakness: which neural structure in the canal should I outline?",
        "Segment the neural tissue surrounded by CSF inside the vertebral canal."],
       ["Segment the spinal cord.", "Outline the cord on this neck CT."],
       "the neural tissue in the vertebral canal", ["It ends around L1-L2 in adults."],
       ["Traumatic injuries to it affect roughly 20 to 80 people per million a year, depending on the country."],
       ["spinal cord"], kind="structure"),
    _p("nodes", "lymph nodes", "CT", "neck", "LP", [(176, 120, 6, 5, 0), (184, 142, 5, 5, 0)],
       {"trachea": (0.50, 0.42)},
       ["lymph", "node", "nodes", "nodal", "lymphadenopathy", "adenopathy", "lymphatic"], ["lymph nodes", "nodes"],
       ["Staging for a tongue cancer: which enlarged structures of the immune system are on this neck CT? Segment them.",
        "Segment the bean-shaped immune filters that are enlarged here.",
        "Which structures would a level II dissection remove? Outline the ones visible on this slice."],
       ["Segment the lymph nodes.", "Outline the enlarged nodes here."],
       "the bean-shaped immune filters", ["A short axis over 10 mm is the usual cut-off for calling them enlarged."],
       ["The neck holds roughly 300 of the body's 800 or so of them."], ["lymph node"], kind="lesion", plural=True),
    _p("carotids", "common carotid arteries", "CT", "neck", "LP", [(92, 126, 6, 6, 0), (164, 126, 6, 6, 0)],
       {"trachea": (0.50, 0.42)},
       ["carotid", "carotids", "cca"], ["common carotid arteries", "carotids"],
       ["Which paired arteries supply the head and neck and bifurcate at C4? Segment them on this CTA.",
        "TIA with amaurosis fugax: which neck arteries should I outline for stenosis?",
        "Segment the arteries that run in the sheath with the internal jugular vein and vagus."],
       ["Segment the common carotid arteries.", "Outline both carotids."],
       "the main arteries to the head", ["Each runs with the internal jugular vein and vagus nerve in its sheath."],
       ["Disease of these arteries causes around 10 to 20% of strokes from blocked arteries."], ["carotid"],
       kind="vessel", plural=True),
    # ---------------------------------------------------------------- photos (orientation None)
    _p("polyp", "polyp", "endoscopy", "colon", None, [(150, 90, 30, 26, 0)], {},
       ["polyp", "polyps", "polypoid", "adenoma", "polypectomy"], ["polyp"],
       ["Colonoscopy still: segment the raised growth projecting from the mucosa into the lumen.",
        "Which lesion on this endoscopy frame could be removed with a snare? Outline it.",
        "Segment the mucosal protrusion on this colonoscopy image."],
       ["Segment the polyp.", "Outline the polyp on this colonoscopy frame."],
       "a mucosal protrusion into the bowel lumen", ["Most colorectal cancers arise from adenomatous ones."],
       ["Adenomas turn up in roughly a quarter to a third of screening colonoscopies in people over 50."],
       ["polyp"], kind="lesion", photo="endoscopy"),
    _p("melanoma", "melanoma", "dermoscopy", "skin", None, [(128, 130, 70, 56, 10)], {},
       ["melanoma", "melanomas", "melanocytic", "mm"], ["melanoma"],
       ["Dermoscopy of a changing spot with asymmetry, a blue-white veil and atypical network. Which malignant lesion is it? Segment it.",
        "Segment the pigmented skin cancer on this dermoscopy image.",
        "Which lesion here meets most of the ABCDE criteria? Outline it."],
       ["Segment the melanoma.", "Outline the melanoma on this dermoscopy image."],
       "the skin cancer of pigment cells", ["Breslow thickness is the strongest prognostic factor once excised."],
       ["It makes up only about 1% of skin cancers but causes most skin-cancer deaths."], ["melanoma"],
       kind="lesion", photo="dermoscopy"),
    _p("disc", "optic disc", "other", "eye", None, [(190, 126, 18, 19, 0)], {},
       ["optic disc", "optic disk", "optic nerve head", "disc", "disk", "onh", "papilla"], ["optic disc"],
       ["Fundus photo: where do the retinal vessels enter and the ganglion-cell axons leave the eye? Segment it.",
        "Glaucoma screening: which structure's cup-to-rim ratio do we measure? Outline it.",
        "Segment the physiological blind spot on this fundus image."],
       ["Segment the optic disc.", "Outline the optic nerve head on this fundus photo."],
       "where the ganglion-cell axons leave the eye", ["It has no photoreceptors, hence the blind spot."],
       ["Glaucoma affects about 3% of people aged 40 to 80 worldwide."], ["disc"], kind="structure", photo="fundus"),
    _p("nuclei", "cell nuclei", "microscopy", "tissue", None,
       [(50, 60, 9, 7, 20), (120, 48, 8, 8, 0), (200, 70, 9, 6, -30), (70, 180, 8, 9, 0), (150, 200, 10, 7, 40),
        (210, 180, 7, 7, 0)], {},
       ["nucleus", "nuclei", "nuclear", "nucleated"], ["cell nuclei", "nuclei"],
       ["In this H&E field, segment the haematoxylin-stained DNA-containing compartments of the cells.",
        "Segment the blue-purple organelles that hold the chromatin on this histology tile.",
        "For a mitotic count I need every chromatin-holding compartment outlined. Please segment them."],
       ["Segment the cell nuclei.", "Outline all the nuclei in this tile."],
       "the chromatin-holding compartments", ["Haematoxylin binds the DNA and colours them blue-purple."],
       ["In most cells they take up only about 10% of the cell's volume."], ["nucleus"], kind="structure",
       plural=True, photo="microscopy"),
]


# ------------------------------------------------------------------------------------------- masks and records

def facts_for(p, rng):
    """The profile's ellipses on a 256x256 grid, moved and scaled a little by `rng`; the measured facts."""
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n].astype(float)
    mask = np.zeros((n, n), bool)
    dx, dy, s = rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0), rng.uniform(0.95, 1.05)
    for cx, cy, a, b, ang in p["ell"]:
        t = math.radians(ang)
        x, y = xx - (cx + dx), yy - (cy + dy)
        u, v = x * math.cos(t) + y * math.sin(t), -x * math.sin(t) + y * math.cos(t)
        mask |= (u / (a * s)) ** 2 + (v / (b * s)) ** 2 <= 1.0
    others = {k: (round(x + rng.uniform(-0.003, 0.003), 4), round(y + rng.uniform(-0.003, 0.003), 4))
              for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["ori"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["ori"]}


# ------------------------------------------------------------------------------------------- knowledge pools
# (keys the sentence is about, sentence): sentences about OTHER structures, dropped when a key is the target's

KNOW = {
    "abdomen": [
        ({"kidney", "aorta", "renal vein"}, "The left renal vein crosses in front of the aorta, just below the origin of the superior mesenteric artery."),
        ({"kidney"}, "The right kidney usually sits one to two centimetres lower than the left, pushed down by the liver."),
        ({"spleen"}, "A normal spleen is under about 12 cm in its longest dimension."),
        ({"ivc", "aorta"}, "The inferior vena cava runs to the right of the aorta in almost everyone."),
        ({"adrenal", "ivc"}, "The right adrenal gland tucks in directly behind the inferior vena cava."),
        ({"liver", "gallbladder"}, "The gallbladder hangs from the undersurface of the right lobe of the liver."),
        ({"pancreas", "duodenum"}, "The pancreatic head sits in the C-loop of the duodenum, to the right of the superior mesenteric vessels."),
        ({"stomach"}, "The stomach fills most of the left upper quadrant when it is distended."),
        ({"kidney"}, "Each adult kidney is normally about 10 to 12 cm long."),
        ({"kidney", "renal vein"}, "The left renal vein is about three times longer than the right, one reason surgeons prefer the left kidney for donation."),
        ({"aorta"}, "The abdominal aorta divides into the two common iliac arteries at about the level of L4."),
        ({"liver"}, "The liver has eight Couinaud segments, and segment I, the caudate lobe, drains straight into the IVC."),
        ({"spleen", "kidney"}, "The spleen lies above and lateral to the left kidney, under the 9th to 11th ribs."),
        ({"aorta"}, "The abdominal aorta normally runs just to the left of the midline, on the front of the vertebral bodies."),
        ({"appendix"}, "The appendix usually lies in the right iliac fossa."),
    ],
    "pelvis": [
        ({"rectum", "bladder"}, "In men the rectum lies directly behind the bladder, separated from it by the rectovesical pouch."),
        ({"sigmoid"}, "The sigmoid colon usually loops down on the left side of the pelvis."),
        ({"ovary"}, "The ovaries sit in the ovarian fossae, one on each lateral pelvic wall."),
        ({"prostate"}, "A normal adult prostate weighs about 20 to 25 grams."),
        ({"bladder"}, "An adult bladder comfortably holds around 400 to 600 mL."),
        ({"femoral head"}, "Each femoral head sits in its acetabulum, one on each side of the pelvis."),
        ({"appendix"}, "The appendix usually lies in the right iliac fossa."),
        ({"uterus", "bladder"}, "In most women the uterus tips forward over the top of the bladder (anteverted and anteflexed)."),
        ({"ureter"}, "Each ureter crosses in front of the iliac vessels as it enters the pelvis."),
    ],
    "chest": [
        ({"lung"}, "The right lung has three lobes and the left lung has two."),
        ({"bronchus"}, "The right main bronchus is shorter, wider and more vertical than the left, which is why aspirated material tends to go right."),
        ({"aorta", "bronchus"}, "The aortic arch passes over the left main bronchus."),
        ({"svc"}, "The superior vena cava runs down the right side of the mediastinum."),
        ({"diaphragm"}, "The right hemidiaphragm usually sits slightly higher than the left, with the liver underneath it."),
        ({"azygos", "bronchus"}, "The azygos vein arches over the right main bronchus to join the SVC."),
        ({"heart"}, "On a PA film the normal cardiothoracic ratio is under 0.5."),
        ({"esophagus", "trachea"}, "The oesophagus lies behind the trachea in the upper chest."),
        ({"aorta"}, "The descending thoracic aorta runs down the left side of the vertebral bodies."),
        ({"thymus"}, "The thymus sits in the anterior mediastinum and shrinks after puberty."),
        ({"heart"}, "About two thirds of the heart's mass lies to the left of the midline."),
        ({"lung", "heart"}, "The left lung is a little smaller than the right because the heart takes up room on that side."),
    ],
    "brain": [
        ({"hemisphere"}, "The left hemisphere is dominant for language in about 95% of right-handed people."),
        ({"tracts"}, "The corticospinal tracts cross in the lower medulla, so a lesion on one side weakens the opposite side of the body."),
        ({"ventricle", "thalamus"}, "The third ventricle is a thin midline slit between the two thalami."),
        ({"pineal"}, "The pineal gland is a midline structure, calcified in a large share of adults."),
        ({"corpus callosum"}, "The corpus callosum links the two hemispheres across the midline."),
        ({"pituitary"}, "The optic chiasm sits just above the pituitary gland."),
        ({"falx"}, "The falx cerebri runs in the midline between the two cerebral hemispheres."),
        ({"ventricle", "brainstem"}, "The fourth ventricle lies behind the pons and in front of the cerebellum."),
    ],
    "neck": [
        ({"rln"}, "The right recurrent laryngeal nerve hooks under the right subclavian artery, while the left one loops under the aortic arch."),
        ({"thyroid", "trachea"}, "The thyroid isthmus lies in front of the second to fourth tracheal rings."),
        ({"esophagus", "trachea"}, "In the lower neck the oesophagus deviates slightly to the left of the trachea."),
        ({"jugular", "carotid"}, "The internal jugular vein lies lateral to the common carotid artery inside the carotid sheath."),
        ({"parathyroid"}, "Most people have four parathyroid glands, two on each side."),
        ({"parotid", "salivary"}, "The parotid is the largest of the salivary glands."),
        ({"carotid"}, "The left common carotid artery comes straight off the aortic arch, while the right one arises from the brachiocephalic trunk."),
        ({"submandibular"}, "The submandibular duct opens beside the frenulum under the tongue."),
    ],
    "endoscopy": [
        ({"colon"}, "The sigmoid colon is the commonest site of diverticula in Western populations."),
        ({"colon"}, "The splenic flexure usually sits higher than the hepatic flexure."),
        ({"colon"}, "The caecum has the widest diameter of any part of the colon."),
    ],
    "dermoscopy": [
        ({"abcde"}, "The ABCDE checklist flags asymmetry, border irregularity, colour variation, a diameter over 6 mm and evolution."),
        ({"naevi"}, "Most adults have somewhere between 10 and 40 common moles."),
        ({"bcc"}, "Basal cell carcinoma is the commonest skin cancer and rarely spreads."),
    ],
    "fundus": [
        ({"macula"}, "The macula is the darker, vessel-poor zone at the centre of the posterior pole."),
        ({"vessels"}, "The central retinal artery usually divides into superior and inferior arcades."),
        ({"fovea"}, "The fovea holds the densest packing of cones in the retina."),
    ],
    "microscopy": [
        ({"rbc"}, "Mature red blood cells have no DNA-holding compartment at all, which is why they stain pink only."),
        ({"stain"}, "Eosin stains the cytoplasm and collagen pink."),
        ({"mitosis"}, "A mitotic figure is easiest to spot in metaphase, when the chromosomes line up in a plate."),
    ],
}
KNOW["chest-xr"] = KNOW["chest"]

# display conventions: (needs_side, sentence) per image kind; a needs_side sentence speaks of a left/right mask
CONV = {
    "LP": [
        "Axial CT and MR slices are displayed as if you were looking up at the patient from the feet, so the patient's left is on the right of the screen.",
        "Remember the radiological convention: on an axial slice, screen right is patient left and the top of the image is the front of the body.",
        "The viewer stands at the foot of the bed, so to speak: the patient's right appears on the left of the image.",
        "By convention the anterior surface of the body is at the top of an axial image and the patient's right is on the viewer's left.",
    ],
    "LI": [
        "Coronal images are shown as if you were facing the patient: their right is on your left and their head is at the top.",
        "On a coronal reformat the patient's left is on the viewer's right, and the top of the image is superior.",
        "As on any coronal view, screen left means patient right, and up on the screen means toward the head.",
    ],
    "XR": [
        "A PA chest film is displayed as if the patient were facing you, so the patient's left is on the viewer's right.",
        "An AP film is hung the same way as a PA film, patient's left on the viewer's right, but the heart looks larger on it because it is further from the detector.",
        "On a PA projection the beam passes from back to front, so the heart lies close to the detector and is barely magnified.",
        "Whether the film is PA or AP, it is viewed as if the patient faces you: their right on your left.",
    ],
    None: [
        "A photograph like this has no patient left or right, so I can only describe positions in picture terms.",
        "Without patient axes in the image, top and bottom here mean the top and bottom of the frame, not superior and inferior.",
        "There is no radiological left/right convention for a photo, so side is not something I can state here.",
    ],
}


# ------------------------------------------------------------------------------------------- words

NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior", "upper": "lower", "lower": "upper"}
REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
PLURAL_VERB = {"is": "are", "was": "were", "has": "have", "does": "do", "lies": "lie", "sits": "sit",
               "covers": "cover", "takes": "take", "shows": "show", "projects": "project", "straddles": "straddle",
               "consists": "consist", "looks": "look", "extends": "extend", "reaches": "reach", "crosses": "cross",
               "stays": "stay", "occupies": "occupy", "appears": "appear", "makes": "make", "comes": "come",
               "counts": "count", "fills": "fill", "measures": "measure", "belongs": "belong"}
MODWORD = {"CT": "CT slice", "MR": "MRI slice", "XR": "chest film", "endoscopy": "colonoscopy frame",
           "dermoscopy": "dermoscopy image", "other": "fundus photo", "microscopy": "histology tile"}
SIZE_WORDS = {"small": ["small", "small", "little", "compact"], "medium": ["medium-sized", "moderate in size",
              "intermediate in size", "mid-sized"], "large": ["large", "big", "sizeable", "extensive"]}


def _cap(s):
    return s[:1].upper() + s[1:]


def _fmt_num(x):
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


class Ctx:
    """One conversation in the making: the profile, the facts, the register and the ledger of claims."""

    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.ori, self.photo, self.xr = p["ori"], p["photo"], p["xr"]
        self.lat, self.vert, self.size = f["laterality"], f["vertical"], f["size_class"]
        self.pct, self.n = 100.0 * f["area_fraction"], f["components"]
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]
        self.bbox = f["bbox"]
        self.ledger, self.turn = [], 0
        self.banned = set()        # claim families that must not be said truthfully (defect rows)
        self.used_know = set()
        self.label = p["ref"][0]

    # -- bookkeeping
    def claim(self, kind, val, span, corrected=False):
        self.ledger.append({"kind": kind, "val": val, "span": span, "turn": self.turn, "corrected": corrected})
        return span

    def ch(self, xs):
        return self.rng.choice(xs)

    # -- subjects and verbs
    def subj(self, start=True, allow_name=True):
        p = self.p
        if p["plural"]:
            opts = [("They", True), ("The mask", False), ("The segmented regions", True)]
            if allow_name:
                opts.append((f"The {self.label}", True))
        else:
            opts = [("It", False), ("The mask", False), ("The segmented region", False)]
            if allow_name:
                opts += [(f"The {self.label}", False), (f"This {p['kind']}", False)]
        s, pl = self.ch(opts)
        return (s if start else s[0].lower() + s[1:]), pl

    def fill(self, tmpl, pl=None, subj=None):
        """Fill {S} (subject), {it}/{its}/{them} and verb tokens ({is}, {lies}, ...) for one sentence."""
        if "{S}" in tmpl:
            s, pl = subj if subj else self.subj(start=tmpl.startswith("{S}"))
            tmpl = tmpl.replace("{S}", s)
        if pl is None:
            pl = self.p["plural"]
        tmpl = tmpl.replace("{it}", "they" if pl else "it").replace("{It}", "They" if pl else "It")
        tmpl = tmpl.replace("{its}", "their" if pl else "its").replace("{them}", "them" if pl else "it")
        for sing, plu in PLURAL_VERB.items():
            tmpl = tmpl.replace("{" + sing + "}", plu if pl else sing)
        return tmpl

    def img(self, side):
        return OPP[side]  # LP and LI: the patient's left is on the image's right

    # -- percents
    def pct_text(self, value, true=True):
        """A percent of the image, as the register would write it; true ones stay within 15% of `value`."""
        r = self.rng.random()
        if value >= 1.5 and r < 0.3 and abs(round(value) - value) / value < 0.15:
            k = int(round(value))
            w = NUM[k] if k < len(NUM) and self.style != "curbside" else str(k)
            return self.ch([f"about {w} percent", f"roughly {w} per cent", f"around {k}%"])
        s = _fmt_num(value if value >= 0.1 else 0.1)
        if self.style == "curbside":
            return self.ch([f"~{s}%", f"{s}%", f"approx {s}%"])
        return self.ch([f"{s}%", f"about {s}%", f"roughly {s} percent", f"approximately {s}%", f"{s} per cent"])

    def frame_word(self):
        if self.photo:
            return self.ch(["of the frame", "of the picture", "of the image"])
        return self.ch(["of the image", "of the slice", "of the field of view", "of the image area"]) if not self.xr \
            else self.ch(["of the film", "of the image", "of the radiograph"])

    # -- one sentence with its claims: «...» marks the span of each claim (in the order of `claims`)
    def say(self, tmpl, claims=(), corrected=False, planted=False, subj=None, **subs):
        for k, v in subs.items():
            tmpl = tmpl.replace("<" + k + ">", str(v))
        text = self.fill(tmpl, subj=subj)
        spans, out, i, pos = [], [], 0, 0
        while True:
            a = text.find("\u00ab", i)
            if a < 0:
                out.append(text[i:])
                break
            b = text.find("\u00bb", a)
            out.append(text[i:a])
            pos += a - i
            spans.append((pos, b - a - 1))
            out.append(text[a + 1:b])
            pos += b - a - 1
            i = b + 1
        text = "".join(out)
        if not (text[:1] == "x" and text[1:2].isdigit()):
            text = _cap(text)
        spans = [text[s0:s0 + ln] for s0, ln in spans]
        for j, (kind, val) in enumerate(claims):
            self.claim(kind, val, spans[min(j, len(spans) - 1)], corrected)
            if planted is True or (isinstance(planted, (set, list, tuple)) and j in planted):
                self.ledger[-1]["planted"] = True
        return text

    def ok(self, fam, other=None):
        """May a true claim of this family be said in this row?"""
        return fam not in self.banned and not (fam == "rel" and ("rel:" + str(other)) in self.banned)


# ------------------------------------------------------------------------------------------- fact sentences

def lat_templates(c, val):
    """Sentences stating laterality `val` (true or not): list of (template, claims)."""
    cs = [("lat", val)]
    if val in ("left", "right"):
        im = c.img(val)
        subs = dict(v=val, im=im, V=_cap(val), Lt="Lt" if val == "left" else "Rt")
        if c.style == "curbside":
            t = ["Side: \u00ab<v>\u00bb (pt's), screen <im>.", "\u00ab<Lt>-sided\u00bb, i.e. screen <im>.",
                 "\u00ab<V> side\u00bb.", "\u00abPt's <v>\u00bb, shows on the <im> of the image."]
        else:
            t = ["{S} {lies} on the \u00abpatient's <v>\u00bb.", "{S} {is} \u00ab<v>-sided\u00bb.",
                 "In patient terms {it} {is} \u00abon the <v>\u00bb (the image's <im>).",
                 "{S} {is} on the \u00ab<v> side of the body\u00bb."]
            if c.style == "dictation":
                t += ["Laterality: \u00ab<v>\u00bb.", "The abnormality is \u00ab<v>-sided\u00bb." if c.p["kind"] in
                      ("lesion", "tumour") else "Laterality: \u00ab<v>\u00bb (patient)."]
            if c.style == "chatbot":
                t += ["**Side:** \u00abpatient's <v>\u00bb (it appears on the <im> of the screen)."]
            if c.style == "attending":
                t += ["Why {does} {it} show up on the <im> of your screen? Because we view the image as if facing the "
                      "patient, so that is \u00abthe patient's <v>\u00bb."]
            if c.ori == "LP":
                t += ["On screen {it} {sits} on the <im> half of the slice; axial images are displayed as if looking "
                      "up from the patient's feet, so that is \u00abthe patient's <v> side\u00bb."]
            elif c.xr:
                t += ["{S} {projects} over the \u00ab<v> hemithorax\u00bb, the viewer's <im> on a film hung in the "
                      "standard way."]
            else:
                t += ["{S} {shows} on the <im> of the image, and because coronal images are displayed as if you were "
                      "facing the patient, that is \u00abthe patient's <v>\u00bb."]
        return [(x, cs, subs) for x in t]
    if val == "midline":
        if c.style == "curbside":
            t = ["\u00abMidline\u00bb.", "Side: \u00abmidline\u00bb.", "\u00abCentral\u00bb L-R, across the midline."]
        else:
            t = ["{S} {sits} \u00abin the midline\u00bb.", "{S} {straddles} \u00abthe midline\u00bb, with roughly as "
                 "much on either side.", "Left to right, {it} {is} \u00abcentral, across the midline\u00bb.",
                 "Being \u00abin the midline\u00bb, {it} {looks} the same whichever way round you read the screen."]
            if c.style == "dictation":
                t += ["Laterality: \u00abmidline\u00bb."]
            if c.style == "chatbot":
                t += ["**Side:** \u00abmidline\u00bb, neither left nor right."]
        return [(x, cs, {}) for x in t]
    # bilateral
    if c.style == "curbside":
        t = ["\u00abBilat\u00bb.", "\u00abBoth sides\u00bb.", "Side: \u00abbilateral\u00bb."]
    else:
        t = ["{S} {has} parts on each side of the midline, so the finding is \u00abbilateral\u00bb.",
             "\u00abBoth the patient's right and left sides\u00bb are involved.",
             "There is \u00abone on each side\u00bb; the one on the image's left is the patient's right, and vice versa.",
             "The segmentation is \u00abbilateral\u00bb."]
        if c.style == "dictation":
            t += ["Laterality: \u00abbilateral\u00bb."]
        if c.style == "chatbot":
            t += ["**Side:** \u00abboth sides\u00bb (right and left)."]
    return [(x, cs, {}) for x in t]


def lat_false_neg(c):
    """A planted false negation: 'it is not on the <true side>'."""
    t = c.lat
    if t in ("left", "right"):
        x = c.ch(["{S} {is} \u00abnot on the <t>\u00bb.", "\u00abNothing about {them} is <t>-sided\u00bb.",
                  "{S} {is} \u00abnot <t>-sided\u00bb, whatever the screen suggests."])
    elif t == "midline":
        x = c.ch(["{S} {is} \u00abnot in the midline\u00bb.", "{S} {does} \u00abnot sit in the midline\u00bb."])
    else:
        x = c.ch(["{S} {is} \u00abnot bilateral\u00bb.", "{S} {is} \u00abnot a bilateral finding\u00bb."])
    return c.say(x, [("lat_not", "bilateral" if t == "bilateral" else t)], planted=True, t=t)


def lat_negs(c):
    """True negations about side: list of (template, claims, subs)."""
    t, out = c.lat, []
    x0, x1 = c.bbox[0], c.bbox[2]
    if t in ("left", "right"):
        o = OPP[t]
        gate = (x1 < 127.5) if o == "left" else (x0 > 127.5)  # no pixel on the patient's `o` half
        if c.style == "curbside":
            out += [("\u00abNot <o>\u00bb.", [("lat_not", o)]), ("\u00abNot midline\u00bb.", [("lat_not", "midline")])]
            if gate:
                out += [("\u00abNothing on the <o>\u00bb.", [("lat_none", o)])]
        else:
            out += [("{S} {is} \u00abnot on the <o>\u00bb.", [("lat_not", o)]),
                    ("{S} {is} \u00abnot <o>-sided\u00bb, whatever the screen suggests.", [("lat_not", o)]),
                    ("{S} {is} \u00abnot a midline\u00bb structure here.", [("lat_not", "midline")]),
                    ("{S} {is} \u00abnot bilateral\u00bb.", [("lat_not", "bilateral")])]
            if gate:
                out += [("\u00abNo part of the mask crosses to the patient's <o>\u00bb.", [("lat_none", o)]),
                        ("\u00abNothing is seen on the <o> of the midline\u00bb.", [("lat_none", o)]),
                        ("{S} never {crosses} the midline \u00abto the <o>\u00bb.", [("lat_none", o)])]
        return [(x, cl, {"o": o}) for x, cl in out]
    if t == "midline":
        both = [("lat_not", "left"), ("lat_not", "right")]
        if c.style == "curbside":
            return [("\u00abNot lateralised\u00bb.", both, {})]
        return [("{S} {is} \u00abnot lateralised\u00bb to either side.", both, {}),
                ("{S} {is} \u00abneither left- nor right-sided\u00bb.", both, {}),
                ("{S} {is} \u00abnot bilateral\u00bb.", [("lat_not", "bilateral")], {})]
    if t == "bilateral":
        if c.style == "curbside":
            return [("\u00abNot unilateral\u00bb.", [("lat", "bilateral")], {})]
        return [("{S} {is} \u00abnot confined to one side\u00bb.", [("lat", "bilateral")], {}),
                ("\u00abNeither side is spared\u00bb.", [("lat", "bilateral")], {}),
                ("{S} {is} \u00abnot a midline\u00bb finding.", [("lat_not", "midline")], {})]
    return []


VW = {  # vertical words per image kind: (adverb, short, premise word)
    "LP": {"anterior": ["anteriorly", "anterior", "toward the front"], "posterior": ["posteriorly", "posterior",
           "toward the back"], "central": ["centrally", "central", "central front to back"]},
    "LI": {"superior": ["superiorly", "superior", "high up"], "inferior": ["inferiorly", "inferior", "low down"],
           "central": ["at mid-level", "mid-level", "at mid-level"]},
    None: {"upper": ["in the upper half of the frame", "upper", "in the upper half of the frame"],
           "lower": ["in the lower half of the frame", "lower", "in the lower half of the frame"],
           "central": ["in the vertical middle of the frame", "central", "in the middle of the frame"]},
}


def vert_templates(c, val):
    cs = [("vert", val)]
    cur = c.style == "curbside"
    if c.ori == "LP":
        if val == "central":
            t = (["AP \u00abcentral\u00bb.", "\u00abMid\u00bb AP."] if cur else
                 ["Front to back, {it} {sits} \u00abroughly in the middle\u00bb.",
                  "In the anteroposterior direction {it} {is} \u00abcentral\u00bb.",
                  "{S} {is} \u00abneither anterior nor posterior\u00bb to any real degree."])
        else:
            front = val == "anterior"
            w = dict(adv="anteriorly" if front else "posteriorly", half="front" if front else "back",
                     top="top" if front else "bottom", v=val, dors="ventral" if front else "dorsal",
                     ab="Ant" if front else "Post")
            t = (["\u00ab<ab>\u00bb.", "AP: \u00ab<ab>\u00bb."] if cur else
                 ["{S} {lies} \u00ab<adv>\u00bb.", "{S} {is} \u00abin the <half> half\u00bb of the body on this slice.",
                  "{S} {sits} toward the <top> of the image, which on an axial slice \u00abmeans <v>\u00bb.",
                  "Front to back, {it} {is} \u00ab<v>\u00bb.", "{S} {is} \u00ab<dors>\u00bb in position."])
            return [(x, cs, w) for x in t] + ([("AP position: \u00ab<v>\u00bb.", cs, w)] if c.style == "dictation" else []) \
                + ([("**Position:** \u00ab<v>\u00bb (toward the <top> of the image, the <half> of the body).", cs, w)]
                   if c.style == "chatbot" else [])
        extra = {"dictation": ["AP position: \u00abcentral\u00bb."],
                 "chatbot": ["**Position:** \u00abcentral\u00bb front to back."]}.get(c.style, [])
        return [(x, cs, {}) for x in t + extra]
    if c.ori == "LI":
        if val == "central":
            t = (["\u00abMid-zone\u00bb." if c.xr else "\u00abMid-level\u00bb."] if cur else
                 ["Craniocaudally {it} {sits} \u00abat about mid-level\u00bb.",
                  "{S} {is} \u00abneither high nor low\u00bb in the field.", "Vertically {it} {is} \u00abcentral\u00bb."])
            t += {"chatbot": ["**Height:** \u00abmid-level\u00bb."]}.get(c.style, [])
            return [(x, cs, {}) for x in t]
        up = val == "superior"
        w = dict(adv="superiorly" if up else "inferiorly", head="head" if up else "feet", part="upper" if up else "lower",
                 v=val, hl="high" if up else "low", ab="Sup" if up else "Inf")
        t = (["\u00ab<ab>\u00bb.", "\u00ab<_part> zone\u00bb." if c.xr else "\u00ab<_part>\u00bb part of the field."] if cur
             else ["{S} {lies} \u00ab<adv>\u00bb, toward the <head>.",
                   "{S} {is} in the <part> part of the image, \u00abi.e. <v>\u00bb.",
                   "Craniocaudally {it} {is} \u00ab<hl>\u00bb in the field."])
        if c.xr and not cur:
            t += ["{S} {sits} \u00ab<hl> in the chest\u00bb."]
        t += {"dictation": ["Craniocaudal position: \u00ab<v>\u00bb."],
              "chatbot": ["**Height:** \u00ab<part>\u00bb part of the image (<v>)."]}.get(c.style, [])
        w["_part"] = _cap(w["part"])
        return [(x, cs, w) for x in t]
    # photo
    if val == "central":
        t = (["\u00abCentral\u00bb in frame."] if cur else
             ["{S} {sits} \u00abaround the vertical middle\u00bb of the picture.",
              "Vertically {it} {is} \u00abcentral\u00bb in the frame."])
        return [(x, cs, {}) for x in t]
    w = dict(v=val, top="top" if val == "upper" else "bottom", hl="High" if val == "upper" else "Low")
    t = (["\u00ab<v>\u00bb half of frame."] if cur else
         ["{S} {is} in the \u00ab<v> half of the frame\u00bb.", "{S} {sits} \u00abtoward the <top> of the picture\u00bb.",
          "\u00ab<hl> in the image\u00bb, away from the centre."])
    return [(x, cs, w) for x in t]


def vert_negs(c):
    t, out = c.vert, []
    y0, y1 = c.bbox[1], c.bbox[3]
    if c.ori == "LP":
        dirs, lowhalf, highhalf = ("anterior", "posterior"), "anterior", "posterior"
    elif c.ori == "LI":
        dirs, lowhalf, highhalf = ("superior", "inferior"), "superior", "inferior"
    else:
        dirs, lowhalf, highhalf = ("upper", "lower"), "upper", "lower"
    for o in dirs:
        if o != t:
            if c.style == "curbside":
                out.append(("\u00abNot <o>\u00bb.", [("vert_not", o)], {"o": o}))
            else:
                out += [("{S} {is} \u00abnot <o>\u00bb.", [("vert_not", o)], {"o": o}),
                        ("I would \u00abnot call {them} <o>\u00bb.", [("vert_not", o)], {"o": o})]
    if y0 > 127.5:  # nothing in the top half of the image
        out.append({"LP": ("\u00abNothing is seen anteriorly\u00bb: the whole mask stays behind the middle of the slice.",),
                    "LI": ("\u00abNone of it reaches the upper half\u00bb of the image.",),
                    None: ("\u00abNone of it reaches the upper half\u00bb of the frame.",)}[c.ori] + ([("vert_none", lowhalf)], {}))
    if y1 < 127.5:
        out.append({"LP": ("\u00abNothing is seen posteriorly\u00bb; all of it lies in front of the middle of the slice.",),
                    "LI": ("\u00abNone of it extends into the lower half\u00bb of the image.",),
                    None: ("\u00abNone of it dips into the lower half\u00bb of the frame.",)}[c.ori] + ([("vert_none", highhalf)], {}))
    return out


REL_PH = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
          "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}


def rel_templates(c, o, r):
    cs = [("rel", [o, r])]
    if c.style == "curbside":
        ab = {"left_of": "L of", "right_of": "R of", "anterior_to": "ant to", "posterior_to": "post to",
              "superior_to": "above", "inferior_to": "below"}[r]
        return [("\u00ab" + ab + " <o>\u00bb.", cs, {"o": o}), ("Sits \u00ab" + REL_PH[r] + " the <o>\u00bb.", cs, {"o": o})]
    d = {"left_of": ["{S} {lies} \u00abto the patient's left of the <o>\u00bb.",
                     "Relative to the <o>, {it} {is} \u00abon the left\u00bb (image right).", "{S} {is} \u00ableft of the <o>\u00bb."],
         "right_of": ["{S} {lies} \u00abto the patient's right of the <o>\u00bb.",
                      "Relative to the <o>, {it} {is} \u00abon the right\u00bb (image left).", "{S} {is} \u00abright of the <o>\u00bb."],
         "anterior_to": ["{S} {lies} \u00abin front of the <o>\u00bb.", "{S} {is} \u00abanterior to the <o>\u00bb.",
                         "{S} {sits} with \u00abthe <o> behind {them}\u00bb."],
         "posterior_to": ["{S} {lies} \u00abbehind the <o>\u00bb.", "{S} {is} \u00abposterior to the <o>\u00bb.",
                          "{S} {sits} with \u00abthe <o> in front of {them}\u00bb."],
         "superior_to": ["{S} {lies} \u00ababove the <o>\u00bb.", "{S} {is} \u00absuperior to the <o>\u00bb.",
                         "{S} {sits} with \u00abthe <o> below {them}\u00bb."],
         "inferior_to": ["{S} {lies} \u00abbelow the <o>\u00bb.", "{S} {is} \u00abinferior to the <o>\u00bb.",
                         "{S} {sits} with \u00abthe <o> above {them}\u00bb."]}[r]
    return [(x, cs, {"o": o}) for x in d]


def rel_pair(c, o, r1, r2):
    """Two relations to the same neighbour in one sentence."""
    ph = REL_PH[r1] + " and " + REL_PH[r2]
    if c.style == "curbside":
        return c.say("\u00ab" + ph + " the <o>\u00bb.", [("rel", [o, r1]), ("rel", [o, r2])], o=o)
    return c.say("{S} {lies} \u00ab" + ph + " the <o>\u00bb.", [("rel", [o, r1]), ("rel", [o, r2])], o=o)


def rel_negs(c):
    out = []
    for o, r in c.rels:
        n = REL_OPP[r]
        ph = {"anterior_to": ["never in front of", "not anterior to"], "posterior_to": ["never behind", "not posterior to"],
              "left_of": ["not to the patient's left of"], "right_of": ["not to the patient's right of"],
              "superior_to": ["not above", "never above"], "inferior_to": ["not below", "never below"]}[n]
        for x in ph:
            t = ("\u00ab" + x + " <o>\u00bb." if c.style == "curbside" else "{S} {is} \u00ab" + x + " the <o>\u00bb here.")
            out.append((t, [("rel_not", [o, n])], {"o": o}))
    return out


ADJ = {"small": ["small", "small", "little", "fairly small"], "medium": ["medium-sized", "moderate in size",
       "intermediate in size", "mid-sized"], "large": ["large", "big", "sizeable", "extensive"]}
BARE = {"small": ["small"], "medium": ["medium", "moderate"], "large": ["large"]}


def size_templates(c, cls, pct_s, pct_v=None):
    """Sentences about size: the class `cls` (or None) and the percent text `pct_s` (value `pct_v`) (or None)."""
    fr = c.frame_word()
    w, b = c.ch(ADJ[cls]) if cls else None, c.ch(BARE[cls]) if cls else None
    cur = c.style == "curbside"
    if cls and pct_s:
        cs = [("size", cls), ("pct", pct_v)]
        t = (["\u00ab<b>\u00bb, \u00ab<p>\u00bb <fr>.", "Size \u00ab<b>\u00bb (\u00ab<p>\u00bb)."] if cur else
             ["{S} {is} \u00ab<w>\u00bb, \u00ab<p>\u00bb <fr>.", "Size: \u00ab<b>\u00bb (\u00ab<p>\u00bb <fr>).",
              "By area {it} {is} \u00ab<w>\u00bb: \u00ab<p>\u00bb <fr>."])
        if c.style == "chatbot":
            t += ["**Size:** \u00ab<b>\u00bb, \u00ab<p>\u00bb <fr>."]
        if not cur and c.rng.random() < 0.3:  # the percent first, then the class: claims in that order
            return [("{S} {covers} \u00ab<p>\u00bb <fr>, which makes {them} \u00ab<b>\u00bb on the usual bands (under 1% "
                     "small, 1 to 5% medium, 5% or more large).", [("pct", pct_v), ("size", cls)],
                     dict(w=w, b=b, p=pct_s, fr=fr))]
    elif cls:
        cs = [("size", cls)]
        t = (["\u00ab<b>\u00bb.", "Size \u00ab<b>\u00bb."] if cur else
             ["{S} {is} \u00ab<w>\u00bb.", "In size {it} {is} \u00ab<w>\u00bb.", "Size-wise: \u00ab<b>\u00bb."])
    else:
        cs = [("pct", pct_v)]
        t = (["\u00ab<p>\u00bb <fr>.", "Area \u00ab<p>\u00bb."] if cur else
             ["{S} {covers} \u00ab<p>\u00bb <fr>.", "{S} {takes} up \u00ab<p>\u00bb <fr>.", "Area: \u00ab<p>\u00bb <fr>."])
    return [(x, cs, dict(w=w, b=b, p=pct_s, fr=fr)) for x in t]


def size_negs(c):
    s, cur = c.size, c.style == "curbside"
    if s == "small":
        out = [("{S} {is} \u00abhardly large\u00bb.", [("size_not", "large")]),
               ("\u00abNowhere near large\u00bb, in fact.", [("size_not", "large")]),
               ("{S} {is} \u00abfar from large\u00bb.", [("size_not", "large")]),
               ("{S} {is} \u00abnot even medium-sized\u00bb.", [("size_not", "medium")])]
        if cur:
            out = [("\u00abHardly large\u00bb.", [("size_not", "large")]), ("\u00abNot large\u00bb.", [("size_not", "large")])]
    elif s == "medium":
        out = [("{S} {is} \u00abneither small nor large\u00bb.", [("size_not", "small"), ("size_not", "large")]),
               ("{S} {is} \u00abnot large\u00bb.", [("size_not", "large")]),
               ("{S} {is} \u00abnot small\u00bb either.", [("size_not", "small")])]
        if cur:
            out = [("\u00abNot large\u00bb.", [("size_not", "large")]), ("\u00abNot small\u00bb.", [("size_not", "small")])]
    else:
        out = [("{S} {is} \u00abby no means small\u00bb.", [("size_not", "small")]),
               ("{S} {is} \u00abhardly small\u00bb.", [("size_not", "small")]),
               ("\u00abNot small\u00bb by any measure.", [("size_not", "small")])]
        if cur:
            out = [("\u00abNot small\u00bb.", [("size_not", "small")])]
    return [(x, cl, {}) for x, cl in out]


def count_templates(c, n):
    cs = [("count", n)]
    cur = c.style == "curbside"
    N = NUM[n] if n < len(NUM) else str(n)
    if n == 1:
        t = (["\u00abx1\u00bb.", "\u00abSingle\u00bb piece.", "\u00abOne\u00bb component."] if cur else
             ["{S} {is} \u00aba single connected region\u00bb.", "The mask is \u00abin one piece\u00bb.",
              "Count: \u00abone\u00bb connected component.", "There is \u00abjust one\u00bb connected component.",
              "{S} {is} \u00abone continuous piece\u00bb."])
        if c.p["kind"] in ("lesion", "tumour") and not c.p["plural"]:
            t += ["This is \u00aba solitary\u00bb " + c.p["kind"] + "."]
        if c.style == "chatbot":
            t += ["**Pieces:** \u00abone\u00bb connected region."]
    else:
        t = (["\u00abx<n>\u00bb.", "\u00ab<n> pieces\u00bb.", "\u00ab<n> separate\u00bb components."] if cur else
             ["{S} {consists} of \u00ab<N> separate pieces\u00bb.", "There are \u00ab<N> distinct regions\u00bb, none "
              "touching another.", "Count: \u00ab<n>\u00bb components.", "The mask falls into \u00ab<N> non-touching "
              "parts\u00bb."])
        if c.p["kind"] == "lesion":
            t += ["I count \u00ab<N> separate lesions\u00bb."]
        if c.style == "chatbot":
            t += ["**Pieces:** \u00ab<N>\u00bb separate regions."]
    return [(x, cs, dict(n=n, N=N)) for x in t]


def count_negs(c):
    if c.n == 1:
        out = [("{S} {is} \u00abnot fragmented\u00bb.", [("count", 1)]),
               ("\u00abThere is no second, separate piece\u00bb.", [("count", 1)]),
               ("\u00abNothing is split off\u00bb from the main region.", [("count", 1)])]
        if c.style == "curbside":
            out = [("\u00abNot fragmented\u00bb.", [("count", 1)]), ("\u00abNo separate 2nd piece\u00bb.", [("count", 1)])]
    else:
        out = [("{S} {is} \u00abnot a single piece\u00bb.", [("count_not", 1)]),
               ("These are \u00abnot one continuous structure\u00bb.", [("count_not", 1)]),
               ("\u00abThe pieces do not join up\u00bb anywhere on this slice.", [("count_not", 1)])]
        if c.style == "curbside":
            out = [("\u00abNot one piece\u00bb.", [("count_not", 1)])]
    return [(x, cl, {}) for x, cl in out]


def hyp_templates(c):
    """Hypotheticals and counterfactuals (true as conditionals; a few carry a true claim)."""
    out, fr = [], c.frame_word()
    if c.ok("lat") and not c.photo:
        if c.lat in ("left", "right"):
            o = OPP[c.lat]
            out += [("If {it} were on the patient's <o> instead, {it} would show up on the <io> side of the screen.",
                     [], {"o": o, "io": OPP[o]}),
                    ("Had {it} been <o>-sided, I would have expected {them} on the other half of the image.", [], {"o": o})]
        elif c.lat == "midline":
            out += [("If {it} drifted off the midline I would name a side; here there is no need.", [], {})]
        elif c.lat == "bilateral":
            out += [("If only one side were involved I would call it unilateral; here \u00abboth are\u00bb.",
                     [("lat", "bilateral")], {})]
    if c.ok("size"):
        if c.size in ("small", "medium"):
            out += [("Had {it} covered 5% or more <fr>, I would have called {them} large.", [], {"fr": fr})]
        if c.size == "small":
            out += [("If {it} took up more than 1% <fr>, {it} would count as medium.", [], {"fr": fr})]
        if c.size == "large":
            out += [("If {it} covered under 1% <fr>, {it} would count as small; \u00ab{it} {is} well above that\u00bb.",
                     [("size_not", "small")], {"fr": fr})]
    if c.ok("count"):
        if c.n == 1:
            out += [("Had there been a second, separate piece, I would have reported two.", [], {})]
        else:
            out += [("If the pieces joined up, this would be one region; \u00abthey do not\u00bb.", [("count_not", 1)], {})]
    return out


def knowledge(c, k=1, exclude=()):
    key = c.p["photo"] or c.p["region"]
    pool = [s for keys, s in KNOW[key] if not (keys & c.p["avoid"]) and s not in c.used_know and s not in exclude]
    c.rng.shuffle(pool)
    out = pool[:k]
    c.used_know.update(out)
    return out


def conv_sentence(c):
    key = None if c.photo else ("XR" if c.xr else c.ori)
    return c.ch(CONV[key])


def pick_t(c, opts):
    """Say one (template, claims, subs) option."""
    t, cl, subs = c.ch(opts)
    return c.say(t, cl, **subs)


def fact_sentence(c, fam, val=None, planted=False, size_mode=None):
    """A sentence stating one fact of family `fam` (true value unless `val` is given)."""
    if fam == "lat":
        v = c.lat if val is None else val
        t, cl, subs = c.ch(lat_templates(c, v))
        return c.say(t, cl, planted=planted, **subs)
    if fam == "vert":
        v = c.vert if val is None else val
        t, cl, subs = c.ch(vert_templates(c, v))
        return c.say(t, cl, planted=planted, **subs)
    if fam == "rel":
        o, r = val
        t, cl, subs = c.ch(rel_templates(c, o, r))
        return c.say(t, cl, planted=planted, **subs)
    if fam == "size":
        mode = size_mode or c.ch(["both", "both", "cls", "pct"])
        if planted:
            cls, pv = (val, None) if mode == "cls" else (None, val)
        else:
            cls, pv = (c.size if mode in ("both", "cls") else None), (c.pct if mode in ("both", "pct") else None)
        ps = c.pct_text(pv) if pv is not None else None
        t, cl, subs = c.ch(size_templates(c, cls, ps, pv))
        return c.say(t, cl, planted=planted, **subs)
    if fam == "count":
        v = c.n if val is None else val
        t, cl, subs = c.ch(count_templates(c, v))
        return c.say(t, cl, planted=planted, **subs)
    raise ValueError(fam)


def neg_pool(c):
    pool = []
    if c.ok("lat") and not c.photo:
        pool += lat_negs(c)
    if c.ok("vert"):
        pool += vert_negs(c)
    pool += [x for x in rel_negs(c) if c.ok("rel", x[1][0][1][0])]
    if c.ok("size"):
        pool += size_negs(c)
    if c.ok("count"):
        pool += count_negs(c)
    return pool


def negations(c, k):
    pool = neg_pool(c)
    c.rng.shuffle(pool)
    out, seen = [], set()
    for t, cl, subs in pool:
        fam = cl[0][0].split("_")[0]
        if fam in seen:
            continue
        seen.add(fam)
        out.append(c.say(t, cl, **subs))
        if len(out) >= k:
            break
    return out


# ------------------------------------------------------------------------------------------- planting a defect

def wrong_value(c, kind):
    """(family, wrong value, size mode) for one false claim of `kind`; bans the family's true claims."""
    rng = c.rng
    if kind == "laterality":
        t = c.lat
        if t in ("left", "right"):
            v = OPP[t] if rng.random() < 0.7 else rng.choice(["midline", "bilateral"])
        elif t == "midline":
            v = rng.choice(["left", "right"])
        else:
            v = rng.choice(["left", "right", "left", "right", "midline"])
        c.banned.add("lat")
        return "lat", v, None
    if kind == "position":
        if c.rels and rng.random() < 0.45:
            o, r = rng.choice(c.rels)
            c.banned.add("rel:" + o)
            return "rel", (o, REL_OPP[r]), None
        vocab = list(VW[c.ori])
        t = c.vert
        if t == "central":
            v = rng.choice([x for x in vocab if x != "central"])
        else:
            v = OPP[t] if rng.random() < 0.8 else "central"
        c.banned.add("vert")
        return "vert", v, None
    if kind == "size":
        c.banned.add("size")
        if rng.random() < 0.55:
            v = {"small": "large", "large": "small"}.get(c.size) or rng.choice(["small", "large"])
            if c.size != "medium" and rng.random() < 0.25:
                v = "medium"
            return "size", v, "cls"
        if c.pct * 4.5 < 90 and (c.pct < 8 or rng.random() < 0.3):
            v = c.pct * rng.uniform(3.2, 4.5)
        else:
            v = c.pct * rng.uniform(0.15, 0.3)
        return "size", v, "pct"
    if kind == "count":
        n = c.n
        v = rng.choice([2, 3]) if n == 1 else rng.choice([x for x in (n - 1, n + 1, n + 2) if x >= 1 and x != n])
        c.banned.add("count")
        return "count", v, None
    raise ValueError(kind)


def make_plan(c, defect):
    plan = {"kind": defect, "loc": None}
    if defect is None or defect == "names_target":
        return plan
    fam, val, mode = wrong_value(c, defect)
    r = c.rng.random()
    plan.update(fam=fam, val=val, mode=mode, loc="user" if r < 0.2 else "follow" if r < 0.44 else "a1")
    return plan


def planted_sentence(c, plan):
    fam, val = plan["fam"], plan["val"]
    if fam == "lat" and plan["loc"] == "a1" and c.rng.random() < 0.15:
        return lat_false_neg(c)
    return fact_sentence(c, fam, val, planted=True, size_mode=plan["mode"])


# ------------------------------------------------------------------------------------------- first question

LEAD = {"dictation": ["", "", "Referral: ", "Clinical question: "], "chatbot": ["", "Hi! ", "Hello, quick question. "],
        "attending": ["", "Quiz time. ", "For teaching: "], "curbside": ["", "Quick one: ", "Curbside q: "]}


def first_question(c, plan):
    p = c.p
    lead = c.ch(LEAD[c.style])
    if plan["kind"] == "names_target":
        nm = c.ch(p["ref"])
        mw = MODWORD[p["mod"]] if not p["xr"] else "chest film"
        q = c.ch(p["nq"] + [f"Can you segment the {nm} on this {mw}?", f"Where is the {nm} here? Outline it, please.",
                            c.ch(p["qs"]) + f" (I think it's the {nm}.)"])
        return lead + q
    return lead + c.ch(p["qs"])


# ------------------------------------------------------------------------------------------- first answer

def answer1(c, plan):
    p, rng, st = c.p, c.rng, c.style
    label = c.label
    it_ = "them" if p["plural"] else "it"
    facts = []
    fams = []
    if not c.photo and c.ok("lat") and rng.random() < 0.85:
        fams.append("lat")
    if c.ok("vert") and rng.random() < 0.7:
        fams.append("vert")
    rel_ok = [(o, r) for o, r in c.rels if c.ok("rel", o)]
    if rel_ok and rng.random() < 0.6:
        fams.append("rel")
    if c.ok("size") and rng.random() < 0.85:
        fams.append("size")
    if c.ok("count") and rng.random() < 0.7:
        fams.append("count")
    spare = [f for f in ("lat", "vert", "rel", "size", "count") if f not in fams and
             (f != "lat" or not c.photo) and (f != "rel" or rel_ok) and (f == "rel" or c.ok(f))]
    rng.shuffle(spare)
    need = 3 - (1 if plan.get("loc") == "a1" else 0)
    while len(fams) < need and spare:
        fams.append(spare.pop())
    for f in fams:
        if f == "rel":
            others = sorted({o for o, _ in rel_ok})
            o = rng.choice(others)
            mine = [(oo, r) for oo, r in rel_ok if oo == o]
            if len(mine) == 2 and rng.random() < 0.5:
                facts.append(rel_pair(c, o, mine[0][1], mine[1][1]))
            else:
                facts.append(fact_sentence(c, "rel", rng.choice(mine)))
        else:
            facts.append(fact_sentence(c, f))
    if plan.get("loc") == "a1":
        facts.insert(rng.randrange(len(facts) + 1), planted_sentence(c, plan))
    negs = negations(c, rng.choice([1, 2, 2]))
    hyp = []
    if rng.random() < 0.4:
        h = hyp_templates(c)
        if h:
            hyp = [pick_t(c, h)]
    conv = [conv_sentence(c)] if rng.random() < 0.7 else []
    know = knowledge(c, rng.choice([1, 2]))
    pop = [c.ch(p["pop"])] if rng.random() < 0.6 else []
    about = [c.ch(p["about"])] if rng.random() < 0.35 else []
    why = p["why"]

    if st == "dictation":
        opener = c.ch([f"The structure described is the {label}, {why}; it has been segmented [SEG].",
                       f"Segmentation: {label} [SEG].", f"{_cap(label)} identified and segmented [SEG]."])
        out = "FINDINGS: " + " ".join([opener] + facts + negs)
        comment = conv + know + about + hyp + pop
        if comment:
            out += "\n\nCOMMENT: " + " ".join(comment)
        out += "\n\nIMPRESSION: " + c.ch([f"{_cap(label)} segmented as requested.",
                                          f"Segmentation of the {label} provided.",
                                          f"{_cap(label)} outlined; see findings for position and extent."])
        return out
    if st == "chatbot":
        opener = c.ch([f"Sure! {'Those are' if p['plural'] else 'That is'} the **{label}**, {why}. Here's the segmentation: [SEG]",
                       f"Great question. You're describing the **{label}** ({why}). I've outlined it here: [SEG]",
                       f"That would be the **{label}**, {why}. Segmentation: [SEG]"])
        out = opener + "\n\n**What the mask shows**\n" + "\n".join("- " + s for s in facts + negs)
        extra = conv + know + about + pop
        if extra:
            out += "\n\n**Good to know**\n" + " ".join(extra)
        if hyp:
            out += "\n\n" + hyp[0]
        out += "\n\n" + c.ch(["Let me know if you'd like the measurements in millimetres.",
                              "Happy to explain the orientation conventions further if that helps.",
                              f"Want me to compare {it_} with the neighbouring structures?"])
        return out
    if st == "attending":
        opener = c.ch([f"Right: {why}. " + (f"Those are the {label}. Here they are: [SEG]" if p["plural"] else
                                             f"That's the {label}. Here it is: [SEG]"),
                       f"You're describing the {label}. I've outlined {it_}: [SEG]",
                       f"Good. The answer is the {label}, {why}. Segmentation: [SEG]"])
        lead = c.ch(["Now, where is it? ", "Let's describe it properly. ", "Walk through it with me. ", ""])
        body = lead + " ".join(facts) + (" Notice, too: " + " ".join(negs) if negs and rng.random() < 0.5
                                         else (" " + " ".join(negs) if negs else ""))
        tail = []
        if conv:
            tail.append(c.ch(["Remember: ", "A reminder on conventions: ", ""]) + conv[0])
        tail += [c.ch(["Pearl: ", "Worth knowing: ", "Compare: ", ""]) + k for k in know]
        tail += about + hyp + [c.ch(["For context: ", "Epidemiology aside: ", ""]) + x for x in pop]
        out = opener + "\n\n" + body + ("\n\n" + " ".join(tail) if tail else "")
        out += "\n\n" + c.ch(["What would you look at next?", "Any questions on the orientation?",
                              "Keep the convention in mind when you dictate.", "Clear?"])
        return out
    # curbside
    opener = c.ch([f"{_cap(label)} [SEG].", f"That's the {label} [SEG].", f"{_cap(label)}, segmented: [SEG]"])
    out = opener + " " + " ".join(facts + negs)
    tail = [("FYI " if rng.random() < 0.5 else "") + k for k in know] + pop + (["NB " + conv[0]] if conv else []) + hyp
    if tail:
        out += "\n" + " ".join(tail)
    return out


# ------------------------------------------------------------------------------------------- follow-ups

TOPIC_FAM = {"side": "lat", "position": "vert", "neighbours": "rel", "size": "size", "count": "count"}
FAM_TOPIC = {v: k for k, v in TOPIC_FAM.items()}


def topic_question(c, topic, o=None):
    cur = c.style == "curbside"
    if topic == "side":
        opts = (["side?", "which side, pt's?", "L or R?"] if cur else
                ["Which side is it on, in patient terms?", "Is that the patient's left or right? I always mix up the screen.",
                 "Left or right?", "Just to be sure, which side of the patient?"])
        if c.lat in ("left", "right") and c.ok("lat") and c.rng.random() < 0.4:
            return c.say(c.ch(["On my screen it's on the \u00ab<im>\u00bb, so which side is it really?",
                               "It sits on the \u00ab<im> of the monitor\u00bb. Does that make it <im>-sided?"]),
                         [("img", OPP[c.lat])], im=OPP[c.lat])
        return c.ch(opts)
    if topic == "position":
        opts = {"LP": ["Is it toward the front or the back of the body?", "Anterior or posterior?",
                       "Where does it sit front to back?"],
                "LI": ["Is it high or low in the image?", "Superior or inferior on this view?",
                       "Where is it craniocaudally?"],
                None: ["Whereabouts in the frame is it, top or bottom?", "Is it in the upper or lower part of the picture?"]}[c.ori]
        if cur:
            opts = {"LP": ["ant or post?", "AP position?"], "LI": ["high or low?", "sup/inf?"], None: ["top or bottom?"]}[c.ori]
        return c.ch(opts)
    if topic == "neighbours":
        return c.ch([f"how about vs the {o}?", f"rel to the {o}?"] if cur else
                    [f"How does it sit relative to the {o}?", f"Where is it in relation to the {o}?",
                     f"What's its relationship to the {o}?"])
    if topic == "size":
        return c.ch(["how big?", "size?", "% of image?"] if cur else
                    ["How big is it?", "What fraction of the image does it take up?", "Would you call it large?",
                     "Roughly what share of the image is it?"])
    if topic == "count":
        return c.ch(["how many pieces?", "one blob or several?"] if cur else
                    ["Is it one piece or several?", "How many separate parts did you segment?",
                     "Is it all one connected region?"])
    if topic == "summary":
        return c.ch(["summary pls", "one-liner for the note?"] if cur else
                    ["Can you give me a one-line summary for the report?", "Quick recap, please?",
                     "Summarise what the mask shows in one line."])
    return c.ch(["anything else?", "teaching point?"] if cur else
                ["Anything else worth noting?", "Thanks. Any teaching points?", "Anything I should mention to the team?"])


def claim_phrase(c, fam, val):
    """(noun phrase template with markers, claims) for a premise or a user's idea: `val` is the value said."""
    if fam == "lat":
        if val in ("left", "right"):
            return c.ch(["on the \u00abpatient's " + val + "\u00bb", "\u00ab" + val + "-sided\u00bb"]), [("lat", val)]
        if val == "midline":
            return c.ch(["\u00abin the midline\u00bb", "\u00aba midline\u00bb structure"]), [("lat", val)]
        return c.ch(["\u00abbilateral\u00bb", "on \u00abboth sides\u00bb"]), [("lat", val)]
    if fam == "vert":
        return "\u00ab" + VW[c.ori][val][2] + "\u00bb", [("vert", val)]
    if fam == "rel":
        o, r = val
        return "\u00ab" + REL_PH[r] + " the " + o + "\u00bb", [("rel", [o, r])]
    if fam == "size":
        if isinstance(val, str):
            w = {"small": c.ch(["small", "fairly small"]), "medium": "medium-sized", "large": c.ch(["large", "big"])}[val]
            return "\u00ab" + w + "\u00bb", [("size", val)]
        return "\u00ab" + c.pct_text(val) + "\u00bb of the image", [("pct", val)]
    n = val
    if n == 1:
        return c.ch(["\u00aball one piece\u00bb", "\u00aba single region\u00bb"]), [("count", 1)]
    return c.ch(["in \u00ab" + NUM[n] + " separate pieces\u00bb", "in \u00ab" + str(n) + " parts\u00bb"]), [("count", n)]


def premise(c, fam, val, mode):
    """A lead-in of a user turn that takes `val` for granted (mode 'true' / 'planted') or a user's idea that the
    answer will correct (mode 'corrected')."""
    ph, cl = claim_phrase(c, fam, val)
    if mode == "corrected":
        t = c.ch(["I assumed it was " + ph + ", is that right? And ", "My registrar said it's " + ph + ". Anyway, ",
                  "Isn't it " + ph + "? Also, "])
    elif ph.startswith("on ") or ph.startswith("in ") or ph.startswith("\u00abin ") or ph.startswith("\u00abon "):
        t = c.ch(["Since it's " + ph + ", ", "Given that it's " + ph + ", "])
    elif fam == "rel":
        t = "Since it lies " + ph + ", "
    elif fam == "count" and val != 1:
        t = c.ch(["Since it comes " + ph + ", ", "Given that it's " + ph + ", "])
    else:
        t = c.ch(["Since it's " + ph + ", ", "Given that it's " + ph + ", ", "OK, so it's " + ph + ". "])
    return t, cl


def say_premise(c, fam, val, mode, question):
    t, cl = premise(c, fam, val, mode)
    q = question
    if not t.endswith(". "):
        q = q[0].lower() + q[1:]
    return c.say(t + q, cl, corrected=(mode == "corrected"), planted=(mode == "planted"))


def summary_line(c, plan_here):
    """One line with several facts; the planted one (if `plan_here`) replaces its family's true value."""
    items, claims, planted = [], [], set()
    fams = ["lat", "vert", "rel", "size", "count"]
    pf = plan_here["fam"] if plan_here else None
    for f in fams:
        if f == "lat" and c.photo:
            continue
        if f == pf:
            val, isp = plan_here["val"], True
        else:
            isp = False
            if f == "rel":
                ok = [(o, r) for o, r in c.rels if c.ok("rel", o)]
                if not ok or c.rng.random() < 0.5:
                    continue
                val = c.ch(ok)
            elif not c.ok(f):
                continue
            else:
                val = {"lat": c.lat, "vert": c.vert, "size": None, "count": c.n}[f]
        if f == "lat":
            if val in ("left", "right"):
                frag = c.ch(["\u00abpatient's " + val + "\u00bb", "\u00ab" + val + "-sided\u00bb (image " + OPP[val] + ")"])
            else:
                frag = "\u00ab" + (val if val == "midline" else c.ch(["bilateral", "both sides"])) + "\u00bb"
            cl = [("lat", val)]
        elif f == "vert":
            frag = "\u00ab" + {"LP": {"anterior": "anterior", "posterior": "posterior", "central": "central front to back"},
                               "LI": {"superior": "superior", "inferior": "inferior", "central": "mid-level"},
                               None: {"upper": "upper half of the frame", "lower": "lower half of the frame",
                                      "central": "vertically central in the frame"}}[c.ori][val] + "\u00bb"
            cl = [("vert", val)]
        elif f == "rel":
            frag, cl = "\u00ab" + REL_PH[val[1]] + " the " + val[0] + "\u00bb", [("rel", list(val))]
        elif f == "size":
            fr = c.frame_word()
            if isp and plan_here["mode"] == "cls":
                frag, cl = "\u00ab" + c.ch(BARE[val]) + "\u00bb", [("size", val)]
            elif isp:
                frag, cl = "\u00ab" + c.pct_text(val) + "\u00bb " + fr, [("pct", val)]
            else:
                frag = "\u00ab" + c.ch(BARE[c.size]) + "\u00bb (\u00ab" + c.pct_text(c.pct) + "\u00bb " + fr + ")"
                cl = [("size", c.size), ("pct", c.pct)]
        else:
            frag = "\u00ab" + ("one piece" if val == 1 else c.ch([NUM[val] + " separate pieces", str(val) + " pieces"])) + "\u00bb"
            cl = [("count", val)]
        if isp:
            planted.update(range(len(claims), len(claims) + len(cl)))
        items.append(frag)
        claims += cl
    lead = {"dictation": "Summary: " + c.label + "; ", "chatbot": "**Summary:** " + c.label + ", ",
            "attending": "In one line: the " + c.label + ", ", "curbside": _cap(c.label) + ": "}[c.style]
    sep = "; " if c.style == "dictation" else " / " if c.style == "curbside" else ", "
    return c.say(lead + sep.join(items) + ".", claims, planted=planted)


def topic_answer(c, topic, plan_here, o=None):
    """Sentences answering one follow-up topic."""
    rng, out = c.rng, []
    fam = TOPIC_FAM.get(topic)
    if topic == "summary":
        out.append(summary_line(c, plan_here))
    elif topic == "extra":
        out += knowledge(c, 1)
        if rng.random() < 0.6:
            out.append(c.ch(c.p["pop"]))
        out += negations(c, 1)
        if rng.random() < 0.5:
            out.append(conv_sentence(c))
    elif fam == "rel":
        mine = [(oo, r) for oo, r in c.rels if oo == o]
        if plan_here:
            out.append(planted_sentence(c, plan_here))
        elif len(mine) == 2 and rng.random() < 0.5:
            out.append(rel_pair(c, o, mine[0][1], mine[1][1]))
        else:
            out += [fact_sentence(c, "rel", x) for x in mine]
        negs = [x for x in rel_negs(c) if x[1][0][1][0] == o]
        if negs and not plan_here and rng.random() < 0.5:
            out.append(pick_t(c, negs))
    else:
        if plan_here:
            out.append(planted_sentence(c, plan_here))
        else:
            out.append(fact_sentence(c, fam))
            pool = {"lat": lat_negs, "vert": vert_negs, "size": size_negs, "count": count_negs}[fam](c)
            if pool and rng.random() < 0.6:
                out.append(pick_t(c, pool))
            if fam in ("size", "count") and rng.random() < 0.4:
                h = [x for x in hyp_templates(c) if ("1%" in x[0] or "5%" in x[0]) == (fam == "size")
                     and ("piece" in x[0]) == (fam == "count")]
                if h:
                    out.append(pick_t(c, h))
        if fam == "lat" and rng.random() < 0.5:
            out.append(conv_sentence(c))
    if topic != "extra" and rng.random() < 0.45:
        out += knowledge(c, 1)
    return out


def wrap_follow(c, sents, correction=None):
    st, rng = c.style, c.rng
    pre = {"dictation": ["", "", "Addendum: "], "chatbot": ["Good question! ", "Sure. ", "Of course. "],
           "attending": ["Think it through. ", "Good question. ", "Let's see. "], "curbside": [""]}[st]
    head = c.ch(pre)
    if correction:
        head = correction + " " + head
    body = " ".join(sents)
    if st == "chatbot" and len(sents) > 2 and rng.random() < 0.5:
        body = sents[0] + "\n\n" + "\n".join("- " + s for s in sents[1:])
    tail = ""
    if st == "attending" and rng.random() < 0.4:
        tail = " " + c.ch(["Does that make sense?", "Can you see why?", "Now you try the next one."])
    return (head + body + tail).strip()


def followups(c, plan, k):
    """k (user, assistant) pairs after the first answer."""
    rng = c.rng
    topics = (["side"] if not c.photo else []) + ["position", "size", "count", "summary", "extra"]
    rel_others = sorted({o for o, _ in c.rels})
    if rel_others:
        topics.append("neighbours")
    allowed = [t for t in topics if t not in FAM_TOPIC.values() or c.ok(TOPIC_FAM[t]) or
               (t == "neighbours" and any(c.ok("rel", o) for o in rel_others))]
    rng.shuffle(allowed)
    chosen = allowed[:k]
    here = None
    if plan.get("loc") == "follow":
        here = rng.randrange(k)
        chosen[here] = FAM_TOPIC[plan["fam"]] if rng.random() < 0.7 else "summary"
        if plan["fam"] == "lat" and c.photo:
            chosen[here] = "summary"
        others = [t for t in allowed if t != chosen[here]]
        for j in range(k):
            if j != here and chosen[j] == chosen[here]:
                chosen[j] = others[0]
    user_at = rng.randrange(k) if plan.get("loc") == "user" else None
    corrected_done = plan["kind"] not in (None, "names_target")  # only clean (and names_target) rows correct a user
    pairs = []
    for j, topic in enumerate(chosen):
        c.turn = 2 + 2 * j
        o = None
        if topic == "neighbours":
            if j == here and plan["fam"] == "rel":
                o = plan["val"][0]
            else:
                o = rng.choice([x for x in rel_others if c.ok("rel", x)] or rel_others)
        q = topic_question(c, topic, o)
        correction = None
        tfam = TOPIC_FAM.get(topic)
        prem_fams = [f for f in ("lat", "vert", "size", "count") if f != tfam and (f != "lat" or not c.photo)]
        if j == user_at:
            if tfam == plan["fam"] or (tfam and not c.ok(tfam, o)):
                topic, tfam = "extra", None
                q = topic_question(c, "extra")
            q = say_premise(c, plan["fam"], plan["val"], "planted", q)
        elif not corrected_done and rng.random() < 0.25 and topic not in ("summary", "extra"):
            f = rng.choice(prem_fams)
            saved = set(c.banned)
            wf, wv, wm = wrong_value(c, {"lat": "laterality", "vert": "position", "size": "size", "count": "count"}[f])
            c.banned = saved
            if wf == f:
                q = say_premise(c, f, wv, "corrected", q)
                c.turn += 1
                correction = c.ch(["Not quite.", "No, that's not right.", "Actually, no.", "Small correction there."]) \
                    + " " + fact_sentence(c, f)
                c.turn -= 1
                corrected_done = True
        elif rng.random() < 0.3 and topic not in ("summary",):
            f = rng.choice(prem_fams)
            if c.ok(f):
                val = {"lat": c.lat, "vert": c.vert, "size": c.size if rng.random() < 0.6 else c.pct, "count": c.n}[f]
                q = say_premise(c, f, val, "true", q)
        c.turn = 3 + 2 * j
        sents = topic_answer(c, topic, plan if j == here else None, o)
        pairs.append((q, wrap_follow(c, sents, correction)))
    return pairs


# ------------------------------------------------------------------------------------------- the conversation

def build(p, facts, style, rng, defect):
    c = Ctx(p, facts, style, rng)
    plan = make_plan(c, defect)
    c.turn = 0
    q1 = first_question(c, plan)
    c.turn = 1
    a1 = answer1(c, plan)
    k = rng.choice([1, 2])
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    for q, a in followups(c, plan, k):
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    LOG.append({"turns": turns, "ledger": c.ledger, "plan": {k2: v for k2, v in plan.items() if k2 != "val"} |
                {"val": list(plan["val"]) if isinstance(plan.get("val"), tuple) else plan.get("val")}})
    return turns, ([] if defect is None else [defect])


def pick_profile(profiles, i, defect, rng):
    """No photo for a laterality defect; photos drawn at half weight."""
    pool = [p for p in profiles if not (defect == "laterality" and p["photo"])]
    weights = [0.5 if p["photo"] else 1.0 for p in pool]
    return rng.choices(pool, weights=weights, k=1)[0]
