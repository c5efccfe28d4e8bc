"""Bank EE: long structured reports and discharge-style summaries.

Written without reading QC (nothing under medseg_qa/qc, the knowledge modules, the unit tests, the bench
or the other banks was opened; only `later_banks` and `bank_lettered_rows` of make_corpus.py).

The assistant's first answer is a long, sectioned text in one of four registers (STYLES):
"structured_report" (Technique / Comparison / Findings / Other organs on the slice / Impression /
Recommendation), "discharge_summary" (Background / What the image shows / What it means / Next steps),
"mdt_summary" (question for the meeting, imaging reviewed, key finding, incidentals, proposed outcome,
actions) and "consult_letter" (a consultant's reply letter). Around the target's own facts it mentions
many OTHER structures with their own sides, sizes, states and measurements ("the left adrenal is
slender", "no free fluid in the right paracolic gutter", "small hiatus hernia"), prior-study comparisons,
population figures and the radiological display convention; then 1-2 short follow-ups (one-line summary,
neighbours, side, size, count, a user's premise).

Targets (33 profiles): abdomen CT axial (liver, spleen, left/right kidney, pancreas, aorta, gallbladder,
stomach, liver tumours, kidney cysts, adrenal glands), coronal (kidneys, femoral heads, hippocampi,
pituitary gland), pelvis (urinary bladder, prostate, rectum, uterus), chest X-ray (lungs, right lung,
left lung, heart, pleural effusion, pneumothorax, clavicles), chest CT (lung nodules, esophagus), brain
(brain tumour, brain metastases, lateral ventricles, ischemic stroke lesion, subdural hematoma). 18 of the
33 are bilateral, midline or multi-piece.

Every claim about the target is written through `_Ctx.claim`, which keeps a ledger (`LEDGER`, one entry
per `build` call) of kind, claimed value, turn and sentence; the writer's own reader
(/work/notes/qcee_scripts/check_ee.py) re-derives the rows, checks every ledger sentence is in its turn
and judges each claimed value against the row's facts independently. Its figures on heldout_ee.jsonl
(seed 20261262): rows: 420 clean: 210 defect: 210 (42 of each kind) problems: 0. Of the 168 side/position/
size/count defects 106 sit in the first answer, 35 in a follow-up answer and 27 in a user's uncorrected premise;
230 of 420 rows have a bilateral, midline or multi-piece mask; 260 false user premises are explicitly corrected.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["structured_report", "discharge_summary", "mdt_summary", "consult_letter"]
LEDGER: list[dict] = []  # one entry per build(): the row's claims about the target (the writer's own check reads it)

N = 256

# ------------------------------------------------------------------------------------------------
# profiles: geometry (cx, cy, rx, ry in pixels of a 256 grid), neighbours (normalised centroids), words
# LP: columns go to the patient's left, rows to posterior.  LI: columns to the patient's left, rows inferior.
# ------------------------------------------------------------------------------------------------


def _P(**kw):
    kw.setdefault("jit", 2)
    kw.setdefault("sex", None)
    kw.setdefault("tags", set())
    return kw


PROFILES = [
    _P(key="liver", target="liver", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="right upper quadrant", field="slice", mmpp=1.5,
       ells=[(80, 108, 46, 40), (112, 90, 18, 16)],
       others={"spleen": (0.77, 0.60), "aorta": (0.52, 0.60), "stomach": (0.66, 0.33), "right kidney": (0.34, 0.62)},
       tags={"liver"}, noun="liver", pl=False, syn=[("the hepatic parenchyma", False), ("the organ", False)],
       lesion=False,
       clues=["the organ that makes bile and clears ammonia from the blood",
              "the largest solid organ in the abdomen, the one that stores glycogen and makes albumin",
              "the organ whose enzymes came back raised on {pos} blood tests",
              "the organ that detoxifies drugs and alcohol"],
       stories=["raised ALT and bilirubin after starting a new statin",
                "@a heavy drinker with jaundice and an enlarged tender organ under the right ribs",
                "weight loss and a palpable edge under the right costal margin",
                "abnormal clotting and low albumin on routine bloods"],
       named=["the liver", "the hepatic parenchyma", "the whole liver"],
       know=["It is the largest solid organ, about 1.5 kg in an adult, and takes roughly 75% of its blood from the portal vein.",
             "Around a quarter of adults have some fatty infiltration of it, most without symptoms.",
             "Couinaud's scheme divides it into eight functional segments, each with its own portal pedicle."],
       state=["The parenchyma is of homogeneous attenuation on this slice, with no focal lesion.",
              "Its outline is smooth and the attenuation is preserved.",
              "There is no intrahepatic duct dilatation."],
       imp=["No focal abnormality of the segmented organ on this slice.",
            "Smooth, homogeneous organ without a focal lesion."],
       rec=["No specific imaging follow-up; correlate with the liver blood tests.",
            "If enzymes stay raised, an ultrasound with elastography is a reasonable next step."],
       tech=["portal venous phase CT of the abdomen, 1.5 mm axial reconstructions",
             "contrast-enhanced axial CT of the upper abdomen"]),
    _P(key="spleen", target="spleen", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="left upper quadrant", field="slice", mmpp=1.5,
       ells=[(188, 150, 19, 27)],
       others={"liver": (0.32, 0.42), "left kidney": (0.66, 0.66), "stomach": (0.64, 0.36), "aorta": (0.51, 0.60)},
       tags={"spleen"}, noun="spleen", pl=False, syn=[("the splenic parenchyma", False), ("the organ", False)],
       lesion=False,
       clues=["the organ that filters old red cells and is removed after some traumatic bleeds",
              "the lymphoid organ that enlarges in glandular fever and portal hypertension",
              "the organ behind the stomach that we vaccinate people for when it has been removed"],
       stories=["glandular fever and a contact-sport injury last week",
                "low platelets and suspected hypersplenism",
                "a fall onto the lower ribs and a falling haemoglobin"],
       named=["the spleen", "the splenic outline", "the splenic parenchyma"],
       know=["Its craniocaudal length is normally under about 12-13 cm, and over 13 cm is usually called enlarged.",
             "Accessory spleens are found in roughly 10-30% of people."],
       state=["It enhances homogeneously, with no laceration or subcapsular collection.",
              "There is no perisplenic fluid."],
       imp=["No splenic injury is seen on this slice.", "Homogeneous organ without a focal lesion."],
       rec=["No further imaging is needed for this organ.", "Repeat imaging only if the haemoglobin falls further."],
       tech=["portal venous phase CT of the abdomen", "trauma CT, axial image through the upper abdomen"]),
    _P(key="rkid", target="right kidney", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="right renal bed", field="slice", mmpp=1.5,
       ells=[(86, 152, 15, 21)],
       others={"liver": (0.33, 0.40), "aorta": (0.51, 0.58), "inferior vena cava": (0.44, 0.52),
               "vertebral body": (0.50, 0.66)},
       tags={"kidney"}, noun="right kidney", pl=False, syn=[("the organ", False)], lesion=False,
       clues=["the urine-making organ that sits just under the liver",
              "the bean-shaped filtering organ on the same side as the liver",
              "the organ that filters blood into urine, the one tucked beneath the liver"],
       stories=["right flank pain and microscopic haematuria",
                "a rising creatinine and a question of unequal organ sizes",
                "loin-to-groin pain on the side of the liver"],
       named=["the right kidney", "the right renal parenchyma", "the kidney on the right"],
       know=["An adult kidney is normally 10-12 cm long; the right usually sits a little lower than the left because of the liver.",
             "Each one receives about 10% of the cardiac output."],
       state=["Corticomedullary differentiation is preserved and there is no hydronephrosis.",
              "The cortex is of normal thickness with no scarring."],
       imp=["Normal appearance of the segmented organ.", "No hydronephrosis or focal lesion."],
       rec=["No imaging follow-up needed.", "Check urine microscopy and renal function in primary care."],
       tech=["split-bolus CT urogram, axial slice", "contrast-enhanced CT of the abdomen"]),
    _P(key="lkid", target="left kidney", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="left renal bed", field="slice", mmpp=1.5,
       ells=[(170, 150, 15, 21)],
       others={"spleen": (0.76, 0.56), "aorta": (0.51, 0.58), "vertebral body": (0.50, 0.67), "stomach": (0.64, 0.36)},
       tags={"kidney"}, noun="left kidney", pl=False, syn=[("the organ", False)], lesion=False,
       clues=["the urine-making organ that sits next to the spleen",
              "the bean-shaped filtering organ on the same side as the spleen",
              "the organ whose vein crosses in front of the aorta"],
       stories=["flank pain on the side of the spleen and blood in the urine",
                "a known staghorn calculus on the side opposite the liver",
                "recurrent urinary infections and a dull ache below the left ribs"],
       named=["the left kidney", "the left renal parenchyma", "the kidney on the left"],
       know=["An adult kidney is normally 10-12 cm long, and the left is often slightly longer than the right.",
             "Each one receives about 10% of the cardiac output."],
       state=["There is no hydronephrosis and the cortex is of normal thickness.",
              "It enhances symmetrically with no focal lesion."],
       imp=["Normal appearance of the segmented organ.", "No obstruction or focal lesion."],
       rec=["No imaging follow-up needed.", "Routine urine culture; no further imaging."],
       tech=["split-bolus CT urogram, axial slice", "unenhanced CT of the abdomen"]),
    _P(key="kidneys", target="kidneys", modality="MR", body_region="abdomen", orientation="LI", plane="coronal",
       region="abd", half="renal bed", field="image", mmpp=1.5,
       ells=[(84, 150, 14, 30), (172, 154, 14, 30)],
       others={"urinary bladder": (0.50, 0.90), "aortic bifurcation": (0.50, 0.72)},
       tags={"kidney"}, noun="kidneys", pl=True, syn=[("both organs", True), ("the paired organs", True)],
       lesion=False,
       clues=["the paired organs that filter the blood into urine",
              "the two bean-shaped organs that make urine",
              "the organs we scan when the creatinine rises"],
       stories=["hypertension at 34 and a question of fibromuscular dysplasia",
                "a creatinine that has doubled over six months",
                "a family history of polycystic disease"],
       named=["the kidneys", "both kidneys", "the renal parenchyma"],
       know=["Each adult one is normally 10-12 cm long, and a difference of more than 2 cm between them is worth a comment.",
             "Together they receive about 20% of the cardiac output."],
       state=["Both have smooth outlines and preserved corticomedullary differentiation.",
              "There is no hydronephrosis on either side."],
       imp=["Symmetrical, normal-looking paired organs.", "No hydronephrosis or focal lesion."],
       rec=["No imaging follow-up needed.", "Consider renal artery duplex if blood pressure stays resistant."],
       tech=["coronal T2-weighted MR of the abdomen", "coronal MR, single-shot fast spin echo"]),
    _P(key="pancreas", target="pancreas", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="left upper abdomen", field="slice", mmpp=1.5,
       ells=[(142, 124, 30, 9), (170, 116, 14, 8)],
       others={"stomach": (0.63, 0.34), "aorta": (0.51, 0.60), "spleen": (0.77, 0.58), "left kidney": (0.67, 0.60)},
       tags={"pancreas"}, noun="pancreas", pl=False, syn=[("the gland", False)], lesion=False,
       clues=["the gland that makes insulin and digestive enzymes",
              "the retroperitoneal gland that becomes inflamed after gallstones or alcohol",
              "the organ whose islets fail in type 1 diabetes"],
       stories=["central abdominal pain going through to the back and a lipase of 1200",
                "new-onset diabetes and unexplained weight loss",
                "alcohol excess and steatorrhoea"],
       named=["the pancreas", "the pancreatic parenchyma", "the pancreatic body and tail"],
       know=["Islet cells make up only about 1-2% of its mass.",
             "A main duct wider than about 3 mm is generally considered dilated."],
       state=["It is of normal bulk with no peripancreatic stranding.", "The duct is not dilated."],
       imp=["No pancreatitis or mass on this slice.", "Normal bulk and enhancement of the gland."],
       rec=["No further imaging now.", "Repeat imaging only if pain recurs or lipase rises again."],
       tech=["late arterial phase CT of the upper abdomen", "contrast-enhanced CT of the abdomen"]),
    _P(key="aorta", target="aorta", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="retroperitoneum", field="slice", mmpp=1.5, jit=1,
       ells=[(131, 150, 10, 10)],
       others={"inferior vena cava": (0.43, 0.57), "liver": (0.32, 0.42), "vertebral body": (0.50, 0.70),
               "stomach": (0.65, 0.35)},
       tags={"aorta"}, noun="aorta", pl=False, syn=[("the vessel", False), ("the artery", False)], lesion=False,
       clues=["the main artery leaving the heart, the one screened for aneurysm in older men",
              "the largest artery in the body",
              "the vessel that splits into the common iliac arteries"],
       stories=["a pulsatile mass felt in the abdomen",
                "@a 65-year-old smoker invited for screening",
                "sudden tearing back pain and unequal arm pressures"],
       named=["the aorta", "the abdominal aorta", "the aortic lumen"],
       know=["A diameter of 3 cm or more in the abdomen is the usual definition of an aneurysm.",
             "Screening men at 65 roughly halves aneurysm-related deaths."],
       state=["The lumen is of normal calibre with a little mural calcification.", "There is no dissection flap."],
       imp=["No aneurysm or dissection.", "Normal calibre of the segmented vessel."],
       rec=["No surveillance required.", "Cardiovascular risk factor management in primary care."],
       tech=["CT angiogram, arterial phase, axial slice", "contrast-enhanced CT of the abdomen"]),
    _P(key="gb", target="gallbladder", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="right upper quadrant", field="slice", mmpp=1.5,
       ells=[(94, 118, 10, 15)],
       others={"duodenum": (0.45, 0.50), "right kidney": (0.33, 0.62), "stomach": (0.64, 0.36), "aorta": (0.51, 0.60)},
       tags={"gallbladder"}, noun="gallbladder", pl=False, syn=[("the sac", False), ("the organ", False)],
       lesion=False,
       clues=["the pear-shaped sac that stores and concentrates bile",
              "the organ that contracts after a fatty meal",
              "the reservoir that is removed laparoscopically when stones cause colic"],
       stories=["pain under the right ribs after fatty meals and a positive Murphy's sign",
                "fever, right upper quadrant tenderness and a raised white count",
                "recurrent biliary-type colic"],
       named=["the gallbladder", "the gall bladder", "the gallbladder lumen"],
       know=["Gallstones are present in roughly 10-15% of adults in Western populations, and most never cause symptoms.",
             "A wall thicker than about 3 mm is usually called thickened."],
       state=["The wall is thin and there is no pericholecystic fluid.", "No calcified stone is visible."],
       imp=["No CT sign of acute inflammation.", "Thin-walled, non-distended organ."],
       rec=["Ultrasound is more sensitive for non-calcified stones.", "Surgical review if colic recurs."],
       tech=["portal venous phase CT of the abdomen", "contrast-enhanced axial CT"]),
    _P(key="stomach", target="stomach", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="left upper quadrant", field="slice", mmpp=1.5,
       ells=[(166, 94, 30, 19)],
       others={"liver": (0.32, 0.42), "spleen": (0.77, 0.58), "pancreas": (0.57, 0.48), "aorta": (0.51, 0.60)},
       tags={"stomach"}, noun="stomach", pl=False, syn=[("the viscus", False), ("the organ", False)], lesion=False,
       clues=["the J-shaped organ where food is mixed with acid",
              "the organ that holds a meal and secretes acid and pepsin",
              "the hollow organ just below the diaphragm where a feeding tube tip should sit"],
       stories=["indigestion, early satiety and iron-deficiency anaemia",
                "coffee-ground vomiting on aspirin",
                "@a check on the position of a feeding tube"],
       named=["the stomach", "the gastric wall", "the gastric lumen"],
       know=["It holds about 1-1.5 litres when comfortably full.",
             "Its wall is normally under about 5 mm thick when distended."],
       state=["It is moderately distended and the wall is not thickened.", "There is no perigastric stranding."],
       imp=["No mural thickening of the segmented organ.", "Moderately distended, unremarkable organ."],
       rec=["Endoscopy remains the test of choice for mucosal disease.", "No further imaging needed."],
       tech=["contrast-enhanced CT of the abdomen, water as oral contrast", "portal venous phase CT"]),
    _P(key="livtum", target="liver tumours", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="right lobe", field="slice", mmpp=1.5,
       ells=[(72, 90, 9, 8), (96, 116, 7, 7), (64, 128, 6, 5)],
       others={"right kidney": (0.33, 0.62), "aorta": (0.51, 0.60), "portal vein": (0.42, 0.49)},
       tags={"liver"}, noun="liver lesions", pl=True, syn=[("the hypodense lesions", True), ("the deposits", True)],
       lesion=True,
       clues=["the focal lesions in the organ that makes bile",
              "the low-attenuation deposits in the large organ under the right ribs",
              "the new focal abnormalities in the bile-producing organ"],
       stories=["colorectal cancer resected two years ago and a rising CEA",
                "a known neuroendocrine primary and flushing",
                "cirrhosis and a rising alpha-fetoprotein"],
       named=["the liver tumours", "the liver metastases", "the hepatic lesions"],
       know=["Colorectal cancer spreads to this organ in roughly half of patients at some point.",
             "Resection is usually possible only if about 20-30% of healthy tissue can be left behind."],
       state=["They are hypoattenuating with ill-defined margins.", "They show faint rim enhancement."],
       imp=["Multifocal lesions, in keeping with metastases in this clinical context.",
            "Findings favour metastatic disease."],
       rec=["Liver-specific contrast MRI to count and map the lesions before surgery.",
            "Discussion at the hepatobiliary MDT."],
       tech=["portal venous phase CT of the abdomen", "staging CT chest-abdomen-pelvis, axial slice through the upper abdomen"]),
    _P(key="kcyst", target="kidney cysts", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="renal bed", field="slice", mmpp=1.5,
       ells=[(80, 150, 8, 8), (176, 144, 7, 7), (180, 164, 5, 5)],
       others={"pancreas": (0.55, 0.46), "vertebral body": (0.50, 0.70)},
       tags={"kidney"}, noun="renal cysts", pl=True, syn=[("the cystic lesions", True), ("the water-density lesions", True)],
       lesion=True,
       clues=["the fluid-filled lesions in the urine-making organs",
              "the simple water-density lesions in the paired organs that filter the blood",
              "the round lesions in the urine-producing organs that the ultrasound picked up"],
       stories=["@an incidental finding on an ultrasound for abdominal pain",
                "@a Bosniak question from the referring urologist",
                "mild hypertension and a brother on dialysis"],
       named=["the kidney cysts", "the renal cysts", "the cysts in both kidneys"],
       know=["Simple cysts of this kind are found in roughly a third of people over 50.",
             "Bosniak I and II lesions need no follow-up."],
       state=["They are of water attenuation with imperceptible walls.", "None has a septum, calcification or enhancing nodule."],
       imp=["Simple cysts, Bosniak I.", "Benign-appearing water-density lesions."],
       rec=["No follow-up required.", "No imaging surveillance is needed for Bosniak I lesions."],
       tech=["CT of the abdomen at a 100-second delay", "contrast-enhanced axial CT"]),
    _P(key="adrenal", target="adrenal glands", modality="CT", body_region="abdomen", orientation="LP", plane="axial",
       region="abd", half="suprarenal space", field="slice", mmpp=1.5, jit=1,
       ells=[(100, 134, 4, 9), (158, 130, 4, 9)],
       others={"aorta": (0.51, 0.60), "vertebral body": (0.50, 0.68)},
       tags={"adrenal"}, noun="adrenal glands", pl=True, syn=[("the glands", True), ("the adrenals", True)],
       lesion=False,
       clues=["the small glands that cap the upper poles of the kidneys and make cortisol",
              "the glands that secrete aldosterone and cortisol",
              "the paired endocrine glands we check in a patient with low potassium and high blood pressure"],
       stories=["resistant hypertension and a potassium of 3.0",
                "episodic palpitations, sweating and headaches",
                "a cushingoid habitus and easy bruising"],
       named=["the adrenal glands", "both adrenals", "the adrenal limbs"],
       know=["Incidental nodules in these glands turn up on around 4% of abdominal CT scans.",
             "A limb thicker than about 10 mm is usually called thickened."],
       state=["Both limbs are slender without a nodule.", "There is no nodularity."],
       imp=["No nodule in the segmented glands.", "Normal-looking paired glands."],
       rec=["Adrenal vein sampling is the next step if aldosterone excess is confirmed biochemically.",
            "Biochemistry first; imaging has shown no nodule."],
       tech=["unenhanced and portal venous CT of the upper abdomen", "washout-protocol CT, axial slice"]),
    _P(key="bladder", target="urinary bladder", modality="CT", body_region="pelvis", orientation="LP", plane="axial",
       region="pelvis", half="pelvis", field="slice", mmpp=1.5,
       ells=[(128, 102, 28, 22)],
       others={"rectum": (0.50, 0.72), "pubic symphysis": (0.50, 0.22), "sigmoid colon": (0.62, 0.55)},
       tags={"bladder"}, noun="urinary bladder", pl=False, syn=[("the bladder", False), ("the organ", False)],
       lesion=False,
       clues=["the reservoir where urine collects before voiding",
              "the hollow muscular organ behind the pubic symphysis that we distend for a pelvic scan",
              "the organ a catheter drains"],
       stories=["painless visible haematuria in a smoker",
                "retention after surgery and a question of the catheter position",
                "recurrent infections and incomplete emptying"],
       named=["the urinary bladder", "the bladder", "the bladder wall"],
       know=["It normally holds about 400-600 mL.",
             "A post-void residual above roughly 100 mL is usually considered significant."],
       state=["The wall is smooth and thin with no focal thickening.", "It is moderately distended."],
       imp=["No mural mass of the segmented organ.", "Smooth, moderately distended organ."],
       rec=["Flexible cystoscopy remains necessary to exclude a flat urothelial lesion.", "No further imaging."],
       tech=["CT urogram, excretory phase", "contrast-enhanced CT of the pelvis"]),
    _P(key="prostate", target="prostate", modality="MR", body_region="pelvis", orientation="LP", plane="axial",
       region="pelvis", half="pelvis", field="slice", mmpp=1.0, jit=1, sex="m",
       ells=[(128, 132, 13, 11)],
       others={"rectum": (0.50, 0.66), "pubic symphysis": (0.50, 0.30), "right obturator internus": (0.30, 0.52)},
       tags={"prostate"}, noun="prostate", pl=False, syn=[("the gland", False)], lesion=False,
       clues=["the walnut-sized gland that encircles the male urethra just below the bladder",
              "the male accessory gland that enlarges with age and causes a poor stream",
              "the gland we biopsy when a man's screening blood antigen rises"],
       stories=["nocturia, a poor stream and hesitancy",
                "a screening antigen level of 7.2 and a firm nodule on rectal examination",
                "lower urinary tract symptoms and a question of gland volume before surgery"],
       named=["the prostate", "the prostate gland", "the prostatic outline"],
       know=["Benign enlargement affects about half of men in their sixties.",
             "Roughly 70% of cancers arise in the peripheral zone."],
       state=["The peripheral zone returns homogeneous high signal on T2.", "The capsule is intact."],
       imp=["No focal lesion suspicious for cancer (PI-RADS 2).", "Benign-looking gland."],
       rec=["PSA density and surveillance rather than biopsy.", "Repeat MRI in 12 months if the antigen keeps rising."],
       tech=["multiparametric MRI of the pelvis, axial T2", "axial T2-weighted pelvic MRI"]),
    _P(key="rectum", target="rectum", modality="MR", body_region="pelvis", orientation="LP", plane="axial",
       region="pelvis", half="pelvis", field="slice", mmpp=1.0, jit=1,
       ells=[(128, 170, 14, 12)],
       others={"urinary bladder": (0.50, 0.40), "sacrum": (0.50, 0.85)},
       tags={"rectum"}, noun="rectum", pl=False, syn=[("the bowel segment", False), ("the viscus", False)],
       lesion=False,
       clues=["the last part of the large bowel before the anal canal",
              "the segment of bowel that stores stool before defecation",
              "the bowel segment that lies in front of the sacrum"],
       stories=["fresh blood per anus and a change in bowel habit",
                "staging after a low tumour was seen on flexible sigmoidoscopy",
                "tenesmus and mucus discharge"],
       named=["the rectum", "the rectal wall", "the rectal lumen"],
       know=["It is about 12-15 cm long.", "Roughly a third of colorectal cancers arise in this segment."],
       state=["The wall is of normal thickness with preserved layers.", "There is no perirectal stranding."],
       imp=["No mural thickening on this slice.", "Normal-looking bowel segment."],
       rec=["Endoscopic correlation.", "No further imaging."],
       tech=["high-resolution axial T2 MRI of the pelvis", "axial T2-weighted pelvic MRI"]),
    _P(key="uterus", target="uterus", modality="MR", body_region="pelvis", orientation="LP", plane="axial",
       region="pelvis", half="pelvis", field="slice", mmpp=1.0, sex="f",
       ells=[(126, 124, 30, 22)],
       others={"urinary bladder": (0.50, 0.30), "rectum": (0.50, 0.72), "right ovary": (0.30, 0.50),
               "left ovary": (0.72, 0.50)},
       tags={"uterus"}, noun="uterus", pl=False, syn=[("the organ", False)], lesion=False,
       clues=["the muscular organ where a pregnancy implants",
              "the pear-shaped organ between the bladder and the rectum that is enlarged by fibroids",
              "the organ that sheds its lining each month"],
       stories=["heavy menstrual bleeding and a bulky pelvic mass on examination",
                "postmenopausal bleeding",
                "pelvic pain and suspected adenomyosis"],
       named=["the uterus", "the uterine body", "the womb"],
       know=["Fibroids are found in up to 70% of women by age 50.",
             "A postmenopausal endometrium over about 4 mm usually prompts sampling."],
       state=["The junctional zone is not thickened.", "No fibroid is seen on this slice."],
       imp=["No fibroid or focal lesion on this slice.", "Normal zonal anatomy."],
       rec=["Gynaecology review with the imaging.", "No further imaging."],
       tech=["axial T2-weighted pelvic MRI", "pelvic MRI, axial T2"]),
    _P(key="femheads", target="femoral heads", modality="CT", body_region="pelvis", orientation="LI", plane="coronal",
       region="pelvis", half="acetabular region", field="image", mmpp=1.5,
       ells=[(70, 152, 18, 18), (186, 152, 18, 18)],
       others={"urinary bladder": (0.50, 0.50), "sacrum": (0.50, 0.30)},
       tags={"femoral"}, noun="femoral heads", pl=True, syn=[("the heads", True), ("the articular heads", True)],
       lesion=False,
       clues=["the rounded tops of the thigh bones that sit in the acetabula",
              "the ball-shaped ends of the thigh bones that can collapse in avascular necrosis",
              "the bony balls of the ball-and-socket joints between pelvis and legs"],
       stories=["long-term steroid use and groin pain on both sides",
                "sickle cell disease and new groin pain",
                "a fall and inability to bear weight"],
       named=["the femoral heads", "the heads of the femurs", "the femoral head on each side"],
       know=["Non-traumatic avascular necrosis is bilateral in up to 70% of cases.",
             "Each is about 45-50 mm in diameter in an adult."],
       state=["The cortical outlines are smooth with no subchondral collapse.", "There is no crescent sign."],
       imp=["No collapse or fracture of the segmented bones.", "Normal-looking articular surfaces."],
       rec=["MRI if pain persists, as it is more sensitive for early necrosis.", "No further imaging."],
       tech=["coronal reformat of a CT of the pelvis", "coronal CT, bone window"]),
    _P(key="lungs", target="lungs", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="hemithorax", field="film", mmpp=1.6,
       ells=[(80, 118, 36, 68), (176, 118, 33, 64)],
       others={"trachea": (0.50, 0.15)},
       tags={"lung"}, noun="lungs", pl=True, syn=[("the lung fields", True), ("both lung fields", True)],
       lesion=False,
       clues=["the organs of gas exchange",
              "the two air-filled organs either side of the mediastinum",
              "the organs that fill most of each hemithorax"],
       stories=["breathlessness and a cough for three weeks",
                "@a pre-operative film before a hernia repair",
                "fever and crackles at both bases"],
       named=["the lungs", "both lungs", "the lung fields"],
       know=["Together they hold about 6 litres at total capacity.",
             "The right has three lobes and the left two."],
       state=["They are clear, with no consolidation.", "Normal vascular markings."],
       imp=["Clear lung fields.", "No consolidation or collapse."],
       rec=["No further imaging.", "Repeat film only if symptoms persist beyond 6 weeks."],
       tech=["PA chest radiograph", "frontal chest X-ray"]),
    _P(key="rlung", target="right lung", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="hemithorax", field="film", mmpp=1.6,
       ells=[(80, 118, 36, 68)],
       others={"heart": (0.56, 0.62), "trachea": (0.50, 0.15), "left lung": (0.69, 0.46)},
       tags={"lung"}, noun="right lung", pl=False, syn=[("the lung field", False)], lesion=False,
       clues=["the three-lobed organ of gas exchange",
              "the air-filled organ with a horizontal fissure",
              "the organ of gas exchange on the side opposite the heart's apex"],
       stories=["@a suspected inhaled foreign body in an adult with learning disability",
                "breathlessness after a rib fracture on the side of the liver",
                "@a pre-operative film before a lobectomy on the liver side"],
       named=["the right lung", "the right lung field", "the right pulmonary field"],
       know=["It has three lobes and is a little larger than the left, carrying about 55% of ventilation.",
             "The horizontal fissure separates its upper and middle lobes."],
       state=["It is clear, with normal vascular markings.", "No consolidation or effusion."],
       imp=["Clear lung field.", "Normally aerated."],
       rec=["No further imaging.", "Repeat film if symptoms persist."],
       tech=["PA chest radiograph", "frontal chest X-ray"]),
    _P(key="llung", target="left lung", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="hemithorax", field="film", mmpp=1.6,
       ells=[(176, 120, 33, 64)],
       others={"heart": (0.56, 0.62), "trachea": (0.50, 0.15), "right lung": (0.31, 0.46)},
       tags={"lung"}, noun="left lung", pl=False, syn=[("the lung field", False)], lesion=False,
       clues=["the two-lobed organ of gas exchange",
              "the air-filled organ that has a cardiac notch",
              "the organ of gas exchange on the side where the cardiac apex points"],
       stories=["crackles at the base on the side of the cardiac apex",
                "@a pre-operative film before a left thoracotomy",
                "@an asthmatic adult with reduced air entry on the side of the heart's apex"],
       named=["the left lung", "the left lung field", "the left pulmonary field"],
       know=["It has two lobes and carries about 45% of ventilation, the cardiac notch taking up some of its room.",
             "The lingula is the equivalent of the right middle lobe."],
       state=["It is clear, with normal vascular markings.", "No consolidation or collapse."],
       imp=["Clear lung field.", "Normally aerated."],
       rec=["No further imaging.", "Repeat film if symptoms persist."],
       tech=["PA chest radiograph", "frontal chest X-ray"]),
    _P(key="heart", target="heart", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="lower chest", field="film", mmpp=1.6,
       ells=[(148, 160, 42, 33)],
       others={"trachea": (0.50, 0.15), "right hemidiaphragm": (0.30, 0.80), "left hemidiaphragm": (0.72, 0.82)},
       tags={"heart"}, noun="heart", pl=False, syn=[("the cardiac silhouette", False), ("the organ", False)],
       lesion=False,
       clues=["the muscular pump in the middle of the chest",
              "the organ whose silhouette we measure against the width of the chest",
              "the four-chambered pump"],
       stories=["ankle swelling, orthopnoea and a raised BNP",
                "a new murmur and breathlessness on exertion",
                "palpitations and a question of chamber enlargement"],
       named=["the heart", "the cardiac silhouette", "the cardiac shadow"],
       know=["A cardiothoracic ratio above 50% on a PA film is the usual threshold for enlargement.",
             "It pumps about 5 litres a minute at rest."],
       state=["The contour is normal with no chamber-specific bulge.", "No pericardial calcification."],
       imp=["Silhouette within normal limits.", "No pulmonary oedema."],
       rec=["Echocardiography for function.", "No further plain films needed."],
       tech=["PA chest radiograph", "frontal erect chest X-ray"]),
    _P(key="effusion", target="pleural effusion", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="hemithorax", field="film", mmpp=1.6,
       ells=[(72, 196, 34, 17)],
       others={"heart": (0.58, 0.62), "right hilum": (0.38, 0.48), "trachea": (0.50, 0.15)},
       tags={"pleura"}, noun="pleural effusion", pl=False, syn=[("the fluid", False), ("the collection", False)],
       lesion=True,
       clues=["the fluid blunting the costophrenic angle",
              "the meniscus-shaped fluid collecting at the lung base",
              "the fluid collecting between the lung and the chest wall"],
       stories=["breathlessness and a stony-dull percussion note at one base",
                "known heart failure and worsening orthopnoea",
                "fever after pneumonia and a persisting basal opacity"],
       named=["the pleural effusion", "the effusion", "the pleural fluid"],
       know=["About 200 mL is needed before it blunts the angle on a PA film.",
             "Light's criteria separate exudates from transudates."],
       state=["It forms a meniscus against the lateral chest wall.", "There is no loculation on this film."],
       imp=["Moderate basal fluid collection.", "Effusion with a meniscus."],
       rec=["Ultrasound-guided diagnostic tap if there is no clear cause.", "Repeat film after diuresis."],
       tech=["PA chest radiograph", "erect frontal chest X-ray"]),
    _P(key="ptx", target="pneumothorax", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="apex", field="film", mmpp=1.6, sex="m",
       ells=[(186, 52, 24, 14)],
       others={"heart": (0.58, 0.62), "aortic knuckle": (0.57, 0.36), "left hemidiaphragm": (0.72, 0.82)},
       tags={"ptx"}, noun="pneumothorax", pl=False, syn=[("the air collection", False), ("the lucency", False)],
       lesion=True,
       clues=["the free air between the chest wall and the collapsing lung",
              "the air that leaked into the pleural space after the central line",
              "the rim of lucency without lung markings at the apex"],
       stories=["@sudden pleuritic chest pain in a tall young man",
                "new breathlessness after a subclavian line insertion",
                "chest pain after a long-haul flight in a known COPD patient"],
       named=["the pneumothorax", "the apical pneumothorax", "the PTX"],
       know=["Primary spontaneous ones recur in roughly 30% of patients.",
             "A rim of 2 cm or more at the hilum is the BTS threshold for a large one."],
       state=["A visceral pleural line is visible with no markings beyond it.", "There is no mediastinal shift."],
       imp=["Apical air collection without tension.", "No mediastinal shift."],
       rec=["Repeat film in 4-6 hours, or aspiration if symptomatic.", "Respiratory team review."],
       tech=["PA chest radiograph", "erect frontal chest X-ray"]),
    _P(key="clav", target="clavicles", modality="XR", body_region="chest", orientation="LI", plane="frontal",
       region="cxr", half="shoulder girdle", field="film", mmpp=1.6,
       ells=[(84, 36, 40, 6), (172, 36, 40, 6)],
       others={"carina": (0.50, 0.33), "hemidiaphragms": (0.50, 0.80)},
       tags={"clavicle"}, noun="clavicles", pl=True, syn=[("the bones", True), ("the collarbones", True)],
       lesion=False,
       clues=["the S-shaped bones linking the sternum to the shoulder blades",
              "the long bones most often broken in a fall onto an outstretched hand",
              "the bones at the top of the film that we use to judge rotation"],
       stories=["@a cyclist who went over the handlebars",
                "@a question of rotation on an ICU film",
                "@a fall from a horse onto the point of the shoulder"],
       named=["the clavicles", "both collarbones", "the clavicular shafts"],
       know=["They are the most commonly fractured bones in childhood.",
             "About 80% of fractures involve the middle third."],
       state=["The cortices are intact with no step.", "There is no fracture line."],
       imp=["No fracture of the segmented bones.", "Intact cortical outlines."],
       rec=["No follow-up imaging.", "Dedicated views only if there is focal tenderness."],
       tech=["AP chest radiograph", "frontal chest X-ray"]),
    _P(key="nodules", target="lung nodules", modality="CT", body_region="chest", orientation="LP", plane="axial",
       region="chest_ct", half="hemithorax", field="slice", mmpp=0.8,
       ells=[(78, 100, 5, 5), (176, 140, 4, 4), (92, 150, 4, 3)],
       others={"heart": (0.52, 0.36), "descending aorta": (0.58, 0.64)},
       tags={"lung", "nodule"}, noun="pulmonary nodules", pl=True, syn=[("the nodules", True), ("the small opacities", True)],
       lesion=True,
       clues=["the small round opacities in the chest picked up on {pos} screening scan",
              "the small solid densities in the air-filled organs",
              "the round densities the screening programme wants measured"],
       stories=["@a 40 pack-year ex-smoker in the screening programme",
                "a known melanoma and routine staging",
                "a persistent cough in a former miner"],
       named=["the lung nodules", "the pulmonary nodules", "the nodules in the lungs"],
       know=["Incidental nodules turn up on roughly a third of chest CTs, and the great majority under 6 mm are benign.",
             "Under the Fleischner rules a solid nodule below 6 mm in a low-risk patient needs no follow-up."],
       state=["They are solid with smooth margins.", "None is calcified."],
       imp=["Small solid nodules, probably benign.", "No suspicious nodule features."],
       rec=["Follow-up CT in 12 months per the screening protocol.", "Compare with any older imaging."],
       tech=["low-dose CT of the chest, 1 mm axial", "non-contrast CT of the chest"]),
    _P(key="esoph", target="esophagus", modality="CT", body_region="chest", orientation="LP", plane="axial",
       region="chest_ct", half="mediastinum", field="slice", mmpp=0.8, jit=1,
       ells=[(129, 164, 6, 6)],
       others={"left atrium": (0.58, 0.50), "vertebral body": (0.50, 0.76)},
       tags={"esophagus"}, noun="oesophagus", pl=False, syn=[("the tube", False), ("the swallowing tube", False)],
       lesion=False,
       clues=["the muscular tube that carries food from the throat to the stomach",
              "the swallowing tube that lies behind the left atrium",
              "the structure a barium swallow outlines"],
       stories=["progressive dysphagia to solids and weight loss",
                "a food bolus that stuck two days ago",
                "reflux for years and Barrett's on a previous endoscopy"],
       named=["the esophagus", "the oesophagus", "the oesophageal wall"],
       know=["It is about 25 cm long in an adult.", "A wall thicker than about 5 mm is abnormal."],
       state=["The wall is not thickened and the lumen is collapsed.", "No fluid level."],
       imp=["No mural thickening.", "Normal-looking swallowing tube."],
       rec=["Endoscopy to inspect the mucosa.", "No further imaging."],
       tech=["contrast-enhanced CT of the chest, axial", "CT chest, mediastinal window"]),
    _P(key="braintum", target="brain tumour", modality="MR", body_region="brain", orientation="LP", plane="axial",
       region="brain", half="frontal lobe", field="slice", mmpp=0.9,
       ells=[(90, 98, 20, 16)],
       others={"third ventricle": (0.50, 0.50), "pineal gland": (0.50, 0.60)},
       tags={"tumour"}, noun="tumour", pl=False, syn=[("the mass", False), ("the lesion", False)], lesion=True,
       clues=["the enhancing lesion that is causing {pos} seizures",
              "the space-occupying lesion behind {pos} personality change",
              "the ring-enhancing abnormality in the frontal white matter"],
       stories=["new focal seizures and morning headaches",
                "a personality change noticed by the family over three months",
                "word-finding difficulty and papilloedema"],
       named=["the brain tumour", "the glioma", "the intracranial neoplasm"],
       know=["Glioblastoma makes up roughly half of primary malignant intracranial tumours.",
             "Around 20-40% of patients with a primary cancer elsewhere develop intracranial deposits."],
       state=["It enhances irregularly with central necrosis.", "There is surrounding vasogenic oedema."],
       imp=["Appearances favour a high-grade glial neoplasm.", "Necrotic, enhancing intra-axial mass."],
       rec=["Neurosurgical and neuro-oncology MDT review.", "Perfusion and spectroscopy before biopsy."],
       tech=["post-gadolinium axial T1 MRI of the head", "axial contrast-enhanced T1 brain MRI"]),
    _P(key="mets", target="brain metastases", modality="MR", body_region="brain", orientation="LP", plane="axial",
       region="brain", half="cerebral hemisphere", field="slice", mmpp=0.9,
       ells=[(84, 90, 6, 6), (172, 152, 5, 5), (160, 78, 4, 4)],
       others={"third ventricle": (0.50, 0.50), "pineal gland": (0.50, 0.60)},
       tags={"tumour"}, noun="metastatic deposits", pl=True, syn=[("the enhancing lesions", True), ("the lesions", True)],
       lesion=True,
       clues=["the enhancing lesions in a patient with known melanoma",
              "the spread from {pos} known cancer into the head",
              "the small ring-enhancing lesions at the grey-white junction"],
       stories=["known melanoma and new headaches",
                "non-small-cell lung cancer and new clumsiness",
                "renal cell carcinoma and a generalised seizure"],
       named=["the brain metastases", "the metastatic deposits", "the brain mets"],
       know=["Brain involvement develops in about 20-40% of adults with cancer.",
             "Stereotactic radiosurgery is usually offered for up to about 4 lesions."],
       state=["They enhance in a ring pattern with surrounding oedema.", "They sit at the grey-white junction."],
       imp=["Multiple enhancing lesions, in keeping with metastases.", "Findings consistent with metastatic disease."],
       rec=["Neuro-oncology MDT; consider stereotactic radiosurgery.", "Start dexamethasone if symptomatic."],
       tech=["post-gadolinium axial T1 MRI", "axial contrast-enhanced T1 brain MRI, 1 mm"]),
    _P(key="vent", target="lateral ventricles", modality="MR", body_region="brain", orientation="LP", plane="axial",
       region="brain", half="cerebral hemisphere", field="slice", mmpp=0.9, jit=1,
       ells=[(108, 122, 7, 24), (148, 122, 7, 24)],
       others={"pineal gland": (0.50, 0.62), "genu of the corpus callosum": (0.50, 0.30)},
       tags={"ventricle"}, noun="lateral ventricles", pl=True, syn=[("the CSF spaces", True), ("the paired cavities", True)],
       lesion=False,
       clues=["the CSF-filled cavities that enlarge in hydrocephalus",
              "the paired fluid-filled spaces within the hemispheres where choroid plexus sits",
              "the largest CSF cavities inside the brain"],
       stories=["gait apraxia, urinary incontinence and cognitive decline",
                "@a shunt check in a young adult with headaches",
                "suspected normal pressure hydrocephalus"],
       named=["the lateral ventricles", "the ventricular system", "both lateral ventricles"],
       know=["The Evans index above 0.3 suggests enlargement.", "The total CSF volume is about 150 mL."],
       state=["They are of normal calibre with no transependymal oedema.", "The temporal horns are not dilated."],
       imp=["No hydrocephalus.", "Normal-calibre CSF spaces."],
       rec=["No shunt revision needed on imaging grounds.", "Neurology review for the gait disorder."],
       tech=["axial T2-weighted MRI of the head", "axial FLAIR brain MRI"]),
    _P(key="stroke", target="ischemic stroke lesion", modality="MR", body_region="brain", orientation="LP",
       plane="axial", region="brain", half="cerebral hemisphere", field="slice", mmpp=0.9,
       ells=[(172, 126, 14, 20)],
       others={"septum pellucidum": (0.50, 0.42), "third ventricle": (0.50, 0.50)},
       tags={"infarct"}, noun="acute infarct", pl=False, syn=[("the area of restricted diffusion", False),
                                                              ("the lesion", False)], lesion=True,
       clues=["the area of restricted diffusion behind {pos} sudden weakness and aphasia",
              "the region of acute cytotoxic oedema",
              "the bright area on diffusion imaging after the onset of {pos} symptoms"],
       stories=["sudden right arm weakness and word-finding difficulty two hours ago",
                "a facial droop and slurred speech on waking",
                "atrial fibrillation off anticoagulation and new aphasia"],
       named=["the ischemic stroke lesion", "the infarct", "the acute ischaemic stroke"],
       know=["About 1.9 million neurons are lost each minute a large-vessel occlusion goes untreated.",
             "Roughly 85% of strokes are ischaemic rather than haemorrhagic."],
       state=["It is bright on DWI with low ADC, in keeping with an acute infarct.", "There is no haemorrhagic transformation."],
       imp=["Acute territorial infarct.", "Restricted diffusion in keeping with an acute event."],
       rec=["Stroke team review for thrombectomy eligibility.", "Secondary prevention and carotid duplex."],
       tech=["diffusion-weighted MRI of the head, b=1000", "axial DWI with ADC map"]),
    _P(key="hippo", target="hippocampi", modality="MR", body_region="brain", orientation="LI", plane="coronal",
       region="brain", half="medial temporal lobe", field="image", mmpp=0.9, jit=1,
       ells=[(96, 152, 9, 6), (160, 152, 9, 6)],
       others={"third ventricle": (0.50, 0.45), "corpus callosum": (0.50, 0.30)},
       tags={"hippocampus"}, noun="hippocampi", pl=True, syn=[("the medial temporal structures", True),
                                                              ("both structures", True)], lesion=False,
       clues=["the memory structures in the medial temporal lobes that shrink early in Alzheimer's",
              "the seahorse-shaped grey-matter structures along the temporal horns",
              "the structures we grade with the Scheltens score"],
       stories=["eighteen months of progressive memory loss",
                "refractory temporal lobe epilepsy and a question of sclerosis",
                "@a memory-clinic referral with an MMSE of 23"],
       named=["the hippocampi", "both hippocampal formations", "the hippocampus on each side"],
       know=["They lose about 1-2% of volume a year in healthy ageing, and roughly twice that in Alzheimer's disease.",
             "The Scheltens MTA score runs from 0 to 4."],
       state=["Their internal architecture is preserved.", "There is no T2 signal change."],
       imp=["No convincing medial temporal atrophy (MTA 1).", "Preserved architecture."],
       rec=["Memory-clinic follow-up; consider amyloid testing.", "No further imaging now."],
       tech=["coronal T1 volumetric MRI, perpendicular to the long axis of the temporal lobes", "coronal FLAIR MRI"]),
    _P(key="sdh", target="subdural hematoma", modality="CT", body_region="brain", orientation="LP", plane="axial",
       region="brain", half="convexity", field="slice", mmpp=0.9,
       ells=[(58, 122, 9, 44)],
       others={"septum pellucidum": (0.50, 0.44), "third ventricle": (0.50, 0.50)},
       tags={"sdh"}, noun="subdural collection", pl=False, syn=[("the collection", False), ("the crescent", False)],
       lesion=True,
       clues=["the crescent-shaped collection over the convexity after {pos} fall",
              "the extra-axial blood collection that is crossing the sutures",
              "the crescentic blood collection over the hemisphere"],
       stories=["@an 84-year-old on apixaban who fell and is now drowsy",
                "increasing confusion three weeks after a minor head injury",
                "@a fall at the care home and a new left-sided weakness"],
       named=["the subdural hematoma", "the subdural haematoma", "the SDH"],
       know=["Acute collections are hyperdense; after about 3 weeks they become hypodense.",
             "A thickness over 10 mm or midline shift over 5 mm is the usual threshold for evacuation."],
       state=["It is mixed density, suggesting acute-on-chronic blood.", "There is effacement of the adjacent sulci."],
       imp=["Acute-on-chronic extra-axial collection.", "Crescentic collection over the convexity."],
       rec=["Urgent neurosurgical referral and reversal of anticoagulation.", "Repeat CT in 24 hours."],
       tech=["non-contrast CT of the head", "unenhanced axial head CT"]),
    _P(key="pit", target="pituitary gland", modality="MR", body_region="brain", orientation="LI", plane="coronal",
       region="brain", half="sella", field="image", mmpp=0.9, jit=1,
       ells=[(128, 150, 8, 6)],
       others={"optic chiasm": (0.50, 0.50), "sphenoid sinus": (0.50, 0.75)},
       tags={"pituitary"}, noun="pituitary gland", pl=False, syn=[("the gland", False)], lesion=False,
       clues=["the master endocrine gland sitting in the sella turcica",
              "the gland below the optic chiasm that secretes prolactin and growth hormone",
              "the gland whose enlargement causes bitemporal hemianopia"],
       stories=["galactorrhoea and a prolactin of 1800",
                "bitemporal field loss on perimetry",
                "acromegalic features and a raised IGF-1"],
       named=["the pituitary gland", "the pituitary", "the hypophysis"],
       know=["Its normal height is up to about 8-9 mm in adults, more in puberty and pregnancy.",
             "Microadenomas are found in roughly 10% of people at autopsy."],
       state=["It enhances homogeneously with no focal hypoenhancing lesion.", "The stalk is central."],
       imp=["No adenoma identified.", "Normal-looking gland."],
       rec=["Endocrinology review; repeat prolactin off medication.", "No further imaging."],
       tech=["coronal post-contrast T1 MRI through the sella", "dynamic coronal MRI of the sellar region"]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Ellipses on a 256 grid with a little jitter, measured by the project's own compute_facts."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    j = p["jit"]
    for cx, cy, rx, ry in p["ells"]:
        cx, cy = cx + rng.randint(-j, j), cy + rng.randint(-j, j)
        rx, ry = max(3, rx + rng.randint(-1, 1)), max(3, ry + rng.randint(-1, 1))
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    return compute_facts(mask, p["orientation"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    return rng.choice(profiles)


# ------------------------------------------------------------------------------------------------
# other structures on the slice: true statements about OTHER structures (tags keep them off the target)
# ------------------------------------------------------------------------------------------------

OTHERS = {
    "abd": [
        ("The spleen is normal in size, 10.8 cm in craniocaudal length on the coronal reformats.", {"spleen"}),
        ("No free fluid in the right paracolic gutter or in the pelvis.", set()),
        ("Small sliding hiatus hernia.", {"stomach"}),
        ("The left adrenal gland is slender with no nodule, and the right adrenal is also unremarkable.", {"adrenal"}),
        ("A 9 mm simple cyst in the interpolar region of the left kidney, unchanged from the prior study.", {"kidney"}),
        ("Both kidneys enhance symmetrically and there is no hydronephrosis.", {"kidney"}),
        ("The abdominal aorta is of normal calibre at 1.9 cm, with mild calcified plaque on its left posterolateral wall.", {"aorta"}),
        ("The inferior vena cava lies to the right of the aorta in the usual position.", {"aorta"}),
        ("The left renal vein passes in front of the aorta, the normal pre-aortic course.", {"aorta", "kidney"}),
        ("No retroperitoneal lymphadenopathy; the largest left para-aortic node is 7 mm in short axis.", {"aorta"}),
        ("The gallbladder is contracted after a meal, with no radio-opaque calculus.", {"gallbladder"}),
        ("The pancreas is of normal bulk without duct dilatation (main duct 2 mm).", {"pancreas"}),
        ("The liver has a smooth contour; a 6 mm hypodensity in segment VII is too small to characterise and is unchanged.", {"liver"}),
        ("Minor dependent atelectasis at both lung bases, with no pleural effusion.", {"lung", "pleura"}),
        ("Small fat-containing paraumbilical hernia.", set()),
        ("Bowel loops are of normal calibre and there is no free gas.", set()),
        ("A small Schmorl's node in the superior endplate of L1; no aggressive bone lesion.", set()),
        ("The stomach is moderately distended with fluid and its wall is not thickened.", {"stomach"}),
        ("An 8 mm splenunculus sits at the splenic hilum.", {"spleen"}),
        ("Mild fatty infiltration of the liver.", {"liver"}),
        ("The portal and splenic veins are patent.", {"spleen", "liver"}),
        ("Colonic diverticulosis in the descending colon without inflammatory change.", set()),
        ("The right crus of the diaphragm is thicker than the left, a normal finding.", set()),
        ("A large stool burden in the ascending colon.", set()),
    ],
    "pelvis": [
        ("No free fluid in the pelvis.", set()),
        ("The urinary bladder is moderately distended with a smooth, thin wall.", {"bladder"}),
        ("No pelvic sidewall lymphadenopathy; the largest right external iliac node measures 6 mm in short axis.", set()),
        ("Sigmoid diverticulosis without diverticulitis.", set()),
        ("A 5 mm sclerotic focus in the right iliac bone is most in keeping with a bone island.", set()),
        ("Mild degenerative change at both hip joints, slightly worse on the left.", {"femoral"}),
        ("The rectum is collapsed and unremarkable.", {"rectum"}),
        ("Both ovaries are normal for age; the left contains a 14 mm follicle.", {"female"}),
        ("The uterus is anteverted and normal in size, with a thin endometrium.", {"female", "uterus"}),
        ("Small Nabothian cysts in the cervix, a common incidental finding.", {"female", "uterus"}),
        ("The prostate is mildly enlarged at about 45 mL.", {"male", "prostate"}),
        ("The seminal vesicles are symmetric.", {"male"}),
        ("Small bilateral fat-containing inguinal hernias.", set()),
        ("Mild bilateral sacroiliac joint sclerosis, degenerative.", set()),
        ("The mesorectal fascia is clear.", {"rectum"}),
        ("The femoral heads are normally seated with preserved joint spaces.", {"femoral"}),
        ("Large right-sided phleboliths, an incidental finding.", set()),
        ("The left common iliac artery has a little calcified plaque.", set()),
    ],
    "chest_ct": [
        ("Small right pleural effusion, unchanged from the prior study.", {"pleura"}),
        ("The heart is normal in size and there is no pericardial effusion.", {"heart"}),
        ("Mild centrilobular emphysema, upper-lobe predominant.", {"lung"}),
        ("The ascending aorta measures 3.4 cm and the descending aorta 2.5 cm.", {"aorta"}),
        ("A 4 mm calcified granuloma in the left lower lobe, benign.", {"lung", "nodule"}),
        ("No mediastinal or hilar lymphadenopathy; a 9 mm right lower paratracheal node is within normal limits.", set()),
        ("Small hiatus hernia.", {"stomach", "esophagus"}),
        ("Degenerative osteophytes in the mid thoracic spine.", set()),
        ("The trachea and main bronchi are patent.", set()),
        ("Coronary artery calcification in the left anterior descending artery.", {"heart"}),
        ("Dependent atelectasis at the right base.", {"lung"}),
        ("An old healed fracture of the left sixth rib laterally.", set()),
        ("Mild bronchial wall thickening in both lower lobes.", {"lung"}),
        ("The lowest images show a 2 cm simple cyst in the upper pole of the left kidney.", {"kidney"}),
        ("A large azygos lobe fissure on the right, a normal variant.", {"lung"}),
        ("The thyroid is only partly included, with no mass in the visible portion.", set()),
    ],
    "cxr": [
        ("The costophrenic angles are sharp.", {"pleura"}),
        ("The trachea is central.", set()),
        ("Heart size is within normal limits, with a cardiothoracic ratio of about 0.47.", {"heart"}),
        ("No pneumothorax.", {"ptx"}),
        ("An old healed fracture of the left seventh rib laterally.", set()),
        ("The right hemidiaphragm sits about 2 cm higher than the left, which is normal.", set()),
        ("A right-sided PICC line has its tip at the cavo-atrial junction.", set()),
        ("The lungs are clear.", {"lung"}),
        ("Mild degenerative change at both acromioclavicular joints.", {"clavicle"}),
        ("A nasogastric tube passes below the left hemidiaphragm, tip in the stomach.", set()),
        ("Mild thoracic scoliosis, convex to the right.", set()),
        ("The thoracic aorta is unfolded.", set()),
        ("No free gas under the diaphragm.", set()),
        ("Both hila are of normal size and density.", set()),
        ("Surgical clips in the right upper quadrant from a previous cholecystectomy.", set()),
        ("The small left pleural effusion on the previous film has resolved.", {"pleura"}),
        ("Large breast shadows overlie both lower zones.", {"lung", "female"}),
    ],
    "brain": [
        ("The ventricles are of normal size and configuration.", {"ventricle"}),
        ("Mild periventricular white matter hyperintensity, Fazekas grade 1.", set()),
        ("A small old lacunar infarct in the left thalamus.", {"infarct"}),
        ("Mucosal thickening in the right maxillary sinus.", set()),
        ("Both hippocampi are normal in volume for age.", {"hippocampus"}),
        ("The basal cisterns are patent.", set()),
        ("The pituitary gland is of normal height (6 mm).", {"pituitary"}),
        ("Cavum septum pellucidum, a normal variant.", {"ventricle"}),
        ("Normal flow voids in both internal carotid arteries.", set()),
        ("The mastoid air cells are clear on both sides.", set()),
        ("No extra-axial collection.", {"sdh"}),
        ("Grey-white matter differentiation is preserved elsewhere.", {"infarct"}),
        ("No hydrocephalus.", {"ventricle"}),
        ("The left vertebral artery is dominant, a normal variant.", set()),
        ("A 7 mm developmental venous anomaly in the right cerebellar hemisphere.", set()),
        ("Bilateral lens replacements.", set()),
        ("A small right frontal burr hole from a previous procedure.", {"sdh"}),
        ("A large arachnoid cyst in the left middle cranial fossa, unchanged and of no significance.", set()),
    ],
}

POP = {
    "abd": ["Simple renal cysts are found in roughly a third of people over 50.",
            "Accessory spleens occur in about 10-30% of people.",
            "Gallstones are present in around 10-15% of adults, most of them silent.",
            "Adrenal incidentalomas turn up on roughly 4% of abdominal CT scans.",
            "Fatty liver affects about a quarter of adults worldwide.",
            "Situs inversus affects roughly 1 in 10,000 people, so usual sidedness is assumed."],
    "pelvis": ["Sigmoid diverticulosis is present in over half of people older than 60.",
               "Pelvic phleboliths are seen in a large proportion of adults over 40."],
    "chest_ct": ["Incidental nodules turn up on roughly a third of chest CTs.",
                 "An azygos fissure is seen in about 0.5-1% of people.",
                 "Coronary calcium is present in about half of adults over 60.",
                 "A right-sided aortic arch occurs in roughly 0.1% of people."],
    "cxr": ["A cardiothoracic ratio above 50% on a PA film is the usual threshold for enlargement.",
            "The right hemidiaphragm is higher than the left in about 90% of people.",
            "Primary spontaneous pneumothorax recurs in roughly 30% of patients.",
            "About 5% of rib fractures are missed on a first chest film."],
    "brain": ["Cavum septum pellucidum persists in roughly 15% of adults.",
              "A dominant left vertebral artery is found in about half of people.",
              "White matter hyperintensities are seen in most people over 60.",
              "Arachnoid cysts are found in about 1% of brain MRIs."],
}

CONVENTION = [
    "Images are displayed in the standard radiological convention, with the patient's right on the viewer's left.",
    "As usual, the patient's left is on the right of the screen.",
    "(Radiological convention: viewer's left = patient's right.)",
    "Sides below are the patient's, not the viewer's.",
]

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}
_NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
         17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty"}
_VERBS = {"is": "are", "lies": "lie", "sits": "sit", "has": "have", "covers": "cover", "occupies": "occupy",
          "projects": "project", "takes": "take", "accounts": "account", "consists": "consist", "forms": "form",
          "involves": "involve", "straddles": "straddle", "falls": "fall", "was": "were", "looks": "look",
          "appears": "appear", "extends": "extend", "measures": "measure", "does": "do"}
GROUP_KIND = {"lat": "laterality", "vert": "position", "rel": "position", "cls": "size", "pct": "size", "cnt": "count"}


class _Ctx:
    """Row state: profile, facts, rng, the ledger of claims and the turn being written."""

    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.claims: list[dict] = []
        self.turn = 0
        self.sex = p["sex"] or rng.choice("fm")
        self.lp = p["orientation"] == "LP"

    @property
    def role(self):
        return "user" if self.turn % 2 == 0 else "assistant"

    def claim(self, group, value, text, corrected=False, planted=False):
        self.claims.append({"group": group, "kind": GROUP_KIND[group], "value": value, "text": text,
                            "turn": self.turn, "role": self.role, "corrected": corrected, "planted": planted})
        return text

    def note(self, text):
        """A sentence about the target that claims none of the measured facts (hypothetical, mm size, prior)."""
        self.claims.append({"group": "note", "kind": "note", "value": None, "text": text, "turn": self.turn,
                            "role": self.role, "corrected": False, "planted": False})
        return text


def _fill(t: str, subj: tuple) -> str:
    text, pl = subj
    for v, pv in _VERBS.items():
        t = t.replace("{" + v + "}", pv if pl else v)
    t = t.replace("{its}", "their" if pl else "its").replace("{it}", "them" if pl else "it")
    t = t.replace("{S}", text[:1].upper() + text[1:]).replace("{s}", text)
    return t


def _subj(ctx, pron=True, mask_ok=True):
    p, r = ctx.p, ctx.rng
    opts = [("the " + p["noun"], p["pl"])] * 3 + list(p["syn"])
    if mask_ok:
        opts += [("the segmented region", False), ("the mask", False), ("the outlined area", False)]
    if pron:
        opts += [("they", True) if p["pl"] else ("it", False)] * 3
    return r.choice(opts)


def _reg(ctx):
    r = ctx.rng.random()
    return {"structured_report": "terse" if r < 0.4 else "formal",
            "mdt_summary": "terse" if r < 0.55 else "formal",
            "discharge_summary": "lay" if r < 0.7 else "formal",
            "consult_letter": "lay" if r < 0.15 else "formal"}[ctx.style]


def _pct_fmt(x: float) -> str:
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _pct_phrase(ctx, x: float):
    """(words, value) for a percentage x (percent units): digits, or words when they stay close."""
    opts = [(_pct_fmt(x) + "%", float(_pct_fmt(x))), (_pct_fmt(x) + " percent", float(_pct_fmt(x)))]
    k = round(x)
    if 1 <= k <= 20 and abs(k - x) / x <= 0.1:
        opts.append((f"{_NUMW[k]} percent", float(k)))
    if 0.44 <= x <= 0.56:
        opts.append(("half a percent", 0.5))
    if 18.5 <= x <= 21.5:
        opts.append(("a fifth", 20.0))
    return ctx.rng.choice(opts)


# -- the target's facts in words ------------------------------------------------------------------

def _side_tpl(ctx, v, reg):
    p = ctx.p
    half, plane = p["half"], p["plane"]
    if v in ("left", "right"):
        o = _OPP[v]
        return {
            "formal": [f"{{S}} {{is}} on the patient's {v} side.", f"{{S}} {{lies}} to the {v} of the midline.",
                       f"{{S}} {{is}} {v}-sided.", f"{{S}} {{sits}} in the {v} {half}.",
                       f"{{S}} {{projects}} over the image's {o} half, which on this {plane} display is the patient's {v}.",
                       f"Because the patient's right is shown on the viewer's left, {{s}} (on the image's {o}) {{is}} on the patient's {v}.",
                       f"{{S}} {{is}} on the {v}, not the {o}."],
            "terse": [f"Side: {v}.", f"Laterality: {v}.", f"{v.capitalize()}-sided.",
                      f"Side: patient's {v} (image {o})."],
            "lay": [f"{{S}} {{is}} on the {v}-hand side of the body.",
                    f"{{S}} {{is}} on the patient's {v}; on the screen that shows up on the {o}, because scans are viewed as if facing the patient.",
                    f"{{S}} {{sits}} on the {v} side."],
        }[reg]
    if v == "midline":
        return {"formal": ["{S} {lies} in the midline.", "{S} {straddles} the midline.",
                           "{S} {is} a midline structure on this slice, not lateralised to either side.",
                           "{S} {sits} across the midline rather than to one side."],
                "terse": ["Side: midline.", "Laterality: midline.", "Midline."],
                "lay": ["{S} {sits} in the middle of the body, not to one side.", "{S} {is} right in the middle of the body."],
                }[reg]
    if v == "bilateral":
        return {"formal": ["{S} {is} bilateral.", "{S} {involves} both sides, the patient's right and left.",
                           "{S} {is} present on both sides of the midline.",
                           "{S} {is} not confined to one side: there is segmented tissue on the right and on the left."],
                "terse": ["Side: bilateral.", "Laterality: both sides.", "Bilateral."],
                "lay": ["{S} {is} on both sides of the body.", "Both the right and the left side are involved."],
                }[reg]
    x = v.split(":")[1]
    if x == "lateral":
        return ["{S} {is} not off to either side.", "{S} {is} not lateralised."]
    return [f"{{S}} {{is}} not on the patient's {x}.", f"{{S}} {{is}} not a {x}-sided finding.",
            f"{{S}} {{does}} not lie on the {x}."]


def say_side(ctx, v, reg=None, subj=None, planted=False):
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    t = _fill(ctx.rng.choice(_side_tpl(ctx, v, reg)), subj)
    return ctx.claim("lat", v, t, planted=planted)


def _vert_tpl(ctx, v, reg):
    field = ctx.p["field"]
    if ctx.lp:
        words = {"anterior": ("anteriorly", "towards the front", "ventral"),
                 "posterior": ("posteriorly", "towards the back", "dorsal")}
        if v in words:
            adv, lay, adj = words[v]
            return {"formal": [f"{{S}} {{lies}} {adv} within the section.", f"{{S}} {{is}} in the {v} half of the cross-section.",
                               f"{{S}} {{sits}} {lay} of the body ({v}).", f"{{S}} {{is}} {adj}ly placed, in the {v} part of the slice."],
                    "terse": [f"AP position: {v}.", f"Position: {v}.", f"{v.capitalize()}."],
                    "lay": [f"{{S}} {{is}} {lay} of the body.", f"{{S}} {{sits}} {lay}."]}[reg]
        return {"formal": ["{S} {is} central in the front-to-back direction.",
                           "{S} {sits} midway between the front and the back of the section.",
                           "Along the anteroposterior axis {s} {is} central."],
                "terse": ["AP position: central.", "Position (AP): central."],
                "lay": ["{S} {is} roughly halfway between the front and the back of the body."]}[reg]
    words = {"superior": ("superiorly", "upper", "towards the head"), "inferior": ("inferiorly", "lower", "towards the feet")}
    if v in words:
        adv, ud, lay = words[v]
        return {"formal": [f"{{S}} {{lies}} {adv}, in the {ud} part of the {field}.", f"{{S}} {{is}} {v} on this {field} ({ud} zone).",
                           f"{{S}} {{sits}} {adv}, {lay}."],
                "terse": [f"Craniocaudal position: {v}.", f"Position: {v}.", f"{v.capitalize()}."],
                "lay": [f"{{S}} {{is}} in the {ud} part of the picture, {lay}.", f"{{S}} {{sits}} {lay}."]}[reg]
    return {"formal": [f"{{S}} {{is}} central craniocaudally, neither high nor low on the {field}.",
                       f"Craniocaudally {{s}} {{sits}} around the middle of the {field}."],
            "terse": ["Craniocaudal position: central.", "Position (CC): central."],
            "lay": ["{S} {sits} around the middle of the picture from top to bottom."]}[reg]


def say_vert(ctx, v, reg=None, subj=None, planted=False):
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    return ctx.claim("vert", v, _fill(ctx.rng.choice(_vert_tpl(ctx, v, reg)), subj), planted=planted)


_CLS_W = {"small": "small", "medium": "medium-sized", "large": "large"}


def say_cls(ctx, v, reg=None, subj=None, planted=False):
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    w = _CLS_W[v]
    field = ctx.p["field"]
    tpl = {"formal": [f"{{S}} {{is}} {w} relative to the {field}.", f"On this {field} {{s}} {{is}} {w}.",
                      f"In terms of area {{s}} {{falls}} in the {v} class.", f"{{S}} {{is}} {w} on this image."],
           "terse": [f"Size class: {v}.", f"Size: {v}.", f"{w.capitalize()}."],
           "lay": [f"{{S}} {{is}} {w} on this picture.", f"{{S}} {{looks}} {w} on this image."]}[reg]
    return ctx.claim("cls", v, _fill(ctx.rng.choice(tpl), subj), planted=planted)


def say_pct(ctx, x, reg=None, subj=None, planted=False):
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    words, val = _pct_phrase(ctx, x)
    field = ctx.p["field"]
    tpl = {"formal": [f"{{S}} {{covers}} about {words} of the image.", f"{{S}} {{takes}} up roughly {words} of the {field} area.",
                      f"{{S}} {{accounts}} for approximately {words} of the pixels.",
                      f"By area, {{s}} {{is}} about {words} of the {field}."],
           "terse": [f"Area: about {words} of the image.", f"Area fraction: ~{words}.",
                     f"Segmented area approximately {words} of the field of view."],
           "lay": [f"{{S}} {{takes}} up about {words} of the picture.", f"{{S}} {{covers}} roughly {words} of the image."]}[reg]
    return ctx.claim("pct", val, _fill(ctx.rng.choice(tpl), subj), planted=planted)


def say_cnt(ctx, n, reg=None, subj=None, planted=False):
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    if n == 1:
        tpl = {"formal": ["{S} {is} a single contiguous region.", "{S} {forms} one connected piece, with no separate satellite.",
                          "There is one component only.", "{S} {is} in one piece."],
               "terse": ["Components: 1.", "Number of separate pieces: one.", "Unifocal, one component."],
               "lay": ["{S} {is} all in one piece.", "There is just one area."]}[reg]
    else:
        w, d = _NUMW[n], str(n)
        num = ctx.rng.choice([w, d]) if n > 3 else w
        tpl = {"formal": [f"{{S}} {{consists}} of {num} separate regions.", f"{num.capitalize()} discrete components are outlined.",
                          f"The mask is made up of {num} disconnected pieces.", f"There are {num} separate foci in the mask."],
               "terse": [f"Components: {d}.", f"Number of separate pieces: {w}.", f"{w.capitalize()} components."],
               "lay": [f"There are {w} separate areas.", f"{{S}} {{is}} in {w} separate pieces."]}[reg]
    return ctx.claim("cnt", n, _fill(ctx.rng.choice(tpl), subj), planted=planted)


_REL_W = {"left_of": ["to the left of", "to the patient's left of"],
          "right_of": ["to the right of", "to the patient's right of"],
          "anterior_to": ["anterior to", "in front of", "ventral to"],
          "posterior_to": ["posterior to", "behind", "dorsal to"],
          "superior_to": ["above", "superior to", "cranial to"],
          "inferior_to": ["below", "inferior to", "caudal to"]}
_REL_INV = {"left_of": "to {its} right", "right_of": "to {its} left", "anterior_to": "behind {it}",
            "posterior_to": "in front of {it}", "superior_to": "below {it}", "inferior_to": "above {it}"}
_REL_SHORT = {"left_of": "left of", "right_of": "right of", "anterior_to": "anterior to", "posterior_to": "posterior to",
              "superior_to": "above", "inferior_to": "below"}


def say_rels(ctx, rels, reg=None, subj=None, planted_idx=None):
    """One sentence for one or two relations (planted_idx marks a planted one: then it goes alone)."""
    reg = reg or _reg(ctx)
    subj = subj or _subj(ctx)
    r = ctx.rng
    if len(rels) == 1:
        o, rel = rels[0]
        w = r.choice(_REL_W[rel])
        tpl = {"formal": [f"{{S}} {{lies}} {w} the {o}.", f"{{S}} {{is}} {w} the {o}.",
                          f"The {o} lies {_REL_INV[rel]}."],
               "terse": [f"Relation: {_REL_SHORT[rel]} the {o}.", f"{_REL_SHORT[rel].capitalize()} the {o}."],
               "lay": [f"{{S}} {{sits}} {w} the {o}.", f"The {o} is {_REL_INV[rel]}."]}[reg]
        text = _fill(r.choice(tpl), subj)
    else:
        (o1, r1), (o2, r2) = rels
        w1, w2 = r.choice(_REL_W[r1]), r.choice(_REL_W[r2])
        tpl = {"formal": [f"{{S}} {{lies}} {w1} the {o1} and {w2} the {o2}.",
                          f"{{S}} {{is}} {w1} the {o1}, while the {o2} lies {_REL_INV[r2]}."],
               "terse": [f"Relations: {_REL_SHORT[r1]} the {o1}; {_REL_SHORT[r2]} the {o2}."],
               "lay": [f"{{S}} {{sits}} {w1} the {o1} and {w2} the {o2}."]}[reg]
        text = _fill(r.choice(tpl), subj)
    for k, (o, rel) in enumerate(rels):
        ctx.claim("rel", [o, rel], text, planted=planted_idx == k)
    return text


def say_group(ctx, g, value, reg=None, subj=None, planted=False):
    if g == "lat":
        return say_side(ctx, value, reg, subj, planted)
    if g == "vert":
        return say_vert(ctx, value, reg, subj, planted)
    if g == "cls":
        return say_cls(ctx, value, reg, subj, planted)
    if g == "pct":
        return say_pct(ctx, value, reg, subj, planted)
    if g == "cnt":
        return say_cnt(ctx, value, reg, subj, planted)
    return say_rels(ctx, [tuple(value)], reg, subj, 0 if planted else None)


def _compact_word(ctx, g, v):
    r = ctx.rng
    if g == "lat":
        return {"left": r.choice(["left-sided", "on the left"]), "right": r.choice(["right-sided", "on the right"]),
                "midline": "midline", "bilateral": r.choice(["bilateral", "on both sides"])}[v]
    if g == "vert":
        if v == "central":
            return "central front-to-back" if ctx.lp else "central craniocaudally"
        return v
    if g == "cls":
        return _CLS_W[v]
    if g == "cnt":
        return r.choice(["in one piece", "a single component"]) if v == 1 else f"in {_NUMW[v]} separate pieces"
    if g == "rel":
        return f"{_REL_SHORT[v[1]]} the {v[0]}"
    raise ValueError(g)


def say_compact(ctx, items, lead=None):
    """One summary sentence listing several claims (all true: a planted claim never goes in a list)."""
    words = []
    vals = []
    for g, v in items:
        if g == "pct":
            w, val = _pct_phrase(ctx, v)
            words.append(f"about {w} of the image")
            vals.append((g, val))
        else:
            words.append(_compact_word(ctx, g, v))
            vals.append((g, list(v) if g == "rel" else v))
    lead = lead or ctx.rng.choice(["In short, the " + ctx.p["noun"] + " {is}", "Summary: the mask is",
                                   "Overall, the segmented region is", "So: the " + ctx.p["noun"] + " {is}"])
    lead = _fill(lead, ("the " + ctx.p["noun"], ctx.p["pl"]))
    body = ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]
    text = f"{lead} {body}."
    for g, v in vals:
        ctx.claim(g, v, text)
    return text


# -- planning --------------------------------------------------------------------------------------

def _truth(f):
    return {"lat": f["laterality"], "vert": f["vertical"], "cls": f["size_class"], "pct": 100.0 * f["area_fraction"],
            "cnt": f["components"], "rels": [(r["other"], r["relation"]) for r in f["relations"]]}


def _false_value(ctx, g, T, premise=False):
    r = ctx.rng
    off = ctx.f.get("centroid_patient") or (0.0, 0.0)
    if g == "lat":
        v = T["lat"]
        if v in ("left", "right"):
            opts = [_OPP[v]] * 5
            if not premise:
                opts.append("neg:" + v)
            if abs(off[0]) >= 0.12:
                opts.append("midline")
            return r.choice(opts)
        if v == "bilateral":
            return r.choice(["left", "right", "left", "right", "midline"])
        return r.choice(["left", "right"])
    if g == "vert":
        v = T["vert"]
        if v == "central":
            return r.choice(["anterior", "posterior"] if ctx.lp else ["superior", "inferior"])
        if abs(off[1]) >= 0.1 and r.random() < 0.25:
            return "central"
        return _OPP[v]
    if g == "rel":
        o, rel = r.choice(T["rels"])
        return [o, _FLIP[rel]]
    if g == "cls":
        v = T["cls"]
        return {"small": r.choice(["large", "large", "medium"]), "large": r.choice(["small", "small", "medium"]),
                "medium": r.choice(["small", "large"])}[v]
    if g == "pct":
        x = T["pct"]
        for _ in range(50):
            y = x * r.choice([0.15, 0.2, 0.25, 0.3, 3.0, 3.5, 4.0, 5.0])
            if not 0.36 <= float(_pct_fmt(y)) / x <= 2.7:
                return y
        raise AssertionError("no false percent")
    if g == "cnt":
        n = T["cnt"]
        return r.choice([n + 1, n + 2] + ([n - 1] if n > 1 else []) + ([1] if n > 2 else []))
    raise ValueError(g)


def _plan(ctx, defect, T):
    r = ctx.rng
    if defect in (None, "names_target"):
        return None
    if defect == "laterality":
        g = "lat"
    elif defect == "count":
        g = "cnt"
    elif defect == "position":
        g = "rel" if T["rels"] and r.random() < 0.45 else "vert"
    else:
        g = "pct" if r.random() < 0.45 else "cls"
    u = r.random()
    where = "user" if u < 0.18 else "followup" if u < 0.4 else "first"
    return {"group": g, "where": where, "value": _false_value(ctx, g, T, premise=where == "user")}


# -- the first user question -------------------------------------------------------------------------

REQ = {
    "structured_report": ["Please segment it and write it up as a full structured report (technique, findings, other organs on the slice, impression, recommendation).",
                          "Segment it and give me a formal report with the usual headings.",
                          "Outline it, then write the kind of structured radiology report you would issue, other organs included.",
                          "Could you mask it and dictate a complete report, comparison and recommendation included?"],
    "discharge_summary": ["Can you segment it and write the imaging part of the discharge summary in plain language?",
                          "Please outline it and draft a discharge-style summary: background, what the image shows, what it means, next steps.",
                          "Segment it and summarise the scan the way it should appear in the discharge letter.",
                          "Mask it and give me a patient-friendly summary I can paste into the discharge paperwork."],
    "mdt_summary": ["Please segment it and prepare a summary for the MDT meeting.",
                    "Outline it and draft the imaging summary for Thursday's multidisciplinary meeting.",
                    "Segment it and give me the imaging bullet points for the MDT list, incidentals included.",
                    "Can you mask it and write the radiology section of the MDT proforma?"],
    "consult_letter": ["Please segment it and draft a reply letter to the referring GP.",
                       "Outline it and write a consultant-style letter back to the referrer.",
                       "Segment it and write me a clinic letter summarising the imaging for the patient's GP.",
                       "Mask it and draft the radiology opinion letter to the referring team."],
}

_ASK = ["What on this {tech} corresponds to {clue}?", "On this {tech}, please find {clue}.",
        "I need {clue} segmented on this {tech}.", "Can you identify {clue} on this {tech}?",
        "Looking at this {tech}, can you locate {clue}?"]
_ASK_NAMED = ["Please segment {named} on this {tech}.", "I need {named} outlined on this {tech}.",
              "Can you find {named} on this {tech}?", "Can you locate {named} on this {tech}?"]

_PREM_Q = {"lat": "side", "vert": "position", "cls": "size", "cnt": "count"}


def _story_line(ctx):
    st = ctx.story
    if st.startswith("@"):
        return ctx.rng.choice(["Clinical details: {x}.", "Referral: {x}.", "History: {x}."]).format(x=st[1:])
    sex = {"f": "woman", "m": "man"}[ctx.sex]
    art = "an" if str(ctx.age)[0] == "8" or ctx.age in (11, 18) else "a"
    return ctx.rng.choice([f"{ctx.age}-year-old {sex} with {st}.", f"This is {art} {ctx.age}-year-old {sex}: {st}.",
                           f"Patient: {ctx.age}{ctx.sex.upper()}, {st}."])


def _question(ctx, named, q_premise):
    p, r = ctx.p, ctx.rng
    tech = r.choice(p["tech"])
    ctx.tech = tech
    if named:
        ask = r.choice(_ASK_NAMED).format(named=r.choice(p["named"]), tech=tech)
    else:
        clue = r.choice(p["clues"]).replace("{pos}", "her" if ctx.sex == "f" else "his")
        ask = r.choice(_ASK).format(clue=clue, tech=tech)
    parts = [_story_line(ctx), ask]
    if q_premise is not None:
        g, v = q_premise
        who = r.choice(["My registrar thought", "The ward team thought", "I assumed", "The referral letter says"])
        what = {"lat": lambda: {"left": "it was on the left", "right": "it was on the right", "midline": "it was in the midline",
                                "bilateral": "it was on both sides"}[v],
                "cls": lambda: f"it was {_CLS_W[v]}",
                "cnt": lambda: "it was a single piece" if v == 1 else f"there were {_NUMW[v]} separate pieces",
                "vert": lambda: f"it was {v}" if v != "central" else "it was central"}[g]()
        parts.append(ctx.claim(g, v, f"{who} {what}, so please check that.", corrected=True))
    parts.append(r.choice(REQ[ctx.style]))
    return " ".join(parts)


# -- pieces of the long first answer ------------------------------------------------------------------

def _date(r):
    return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.choice([2022, 2023, 2024])}"


def _intro(ctx):
    p, r = ctx.p, ctx.rng
    name = r.choice([p["noun"], p["noun"], p["target"]])
    pl = p["pl"] if name == p["noun"] else p["target"].endswith("s")
    subj = ("the " + name, pl)
    t = r.choice(["{S} {is} segmented [SEG].", "I have outlined the " + name + " [SEG].",
                  "Segmentation: the " + name + " [SEG].",
                  ("The structures you describe are the " if pl else "The structure you describe is the ") + name + ", shown in the overlay [SEG].",
                  "What you are asking about " + ("are" if pl else "is") + " the " + name + "; the mask is here [SEG]."])
    return _fill(t, subj)


def _measure(ctx):
    p, f, r = ctx.p, ctx.f, ctx.rng
    if f["components"] == 1:
        x0, y0, x1, y1 = f["bbox"]
        w, h = (x1 - x0 + 1) * p["mmpp"] / 10, (y1 - y0 + 1) * p["mmpp"] / 10
        ax = "anteroposterior" if ctx.lp else "craniocaudal"
        t = r.choice([f"In-plane it measures about {w:.1f} x {h:.1f} cm (transverse x {ax}).",
                      f"Approximate dimensions on this image: {w:.1f} cm transverse by {h:.1f} cm {ax}.",
                      f"It spans roughly {w * 10:.0f} mm across and {h * 10:.0f} mm {ax}."])
    else:
        d = max(max(e[2], e[3]) for e in p["ells"]) * 2 * p["mmpp"]
        t = r.choice([f"The largest part measures about {d:.0f} mm.", f"The biggest component is roughly {d:.0f} mm across.",
                      f"Largest single part: about {d / 10:.1f} cm."])
    return ctx.note(t)


def _prior(ctx, short_ok=True):
    p, r = ctx.p, ctx.rng
    mod = {"CT": "CT", "MR": "MRI", "XR": "film"}[p["modality"]]
    if short_ok and r.random() < 0.25:
        return None, r.choice(["No prior imaging is available for comparison.", "None available."])
    d = _date(r)
    if p["lesion"]:
        t = r.choice([f"Compared with the {mod} of {d}, the segmented abnormality is slightly larger.",
                      f"Compared with the {mod} of {d}, the appearance is broadly similar.",
                      f"On the {mod} of {d} this was not present."])
    else:
        t = r.choice([f"No interval change since the {mod} of {d}.", f"Appearances are stable compared with the {mod} of {d}.",
                      f"Unchanged from the {mod} of {d}."])
    return d, t


def _hypo(ctx):
    """A conditional about the target with another side or count: true as a conditional, not a claim."""
    lat, r = ctx.f["laterality"], ctx.rng
    if lat in ("left", "right"):
        o = _OPP[lat]
        t = r.choice([f"Had this been on the {o}, the differential would have been different.",
                      f"If it were on the {o} side I would have looked harder at the neighbouring structures there."])
    elif lat == "bilateral":
        t = r.choice(["If only one side had been involved, I would have favoured a local cause.",
                      "Were it confined to one side, a local cause would be more likely."])
    else:
        t = r.choice(["A structure pushed off to one side would have raised other possibilities.",
                      "If it were displaced to the left or right, I would look for mass effect."])
    return ctx.note(t)


def _others(ctx, k):
    p, r = ctx.p, ctx.rng
    pool = [t for t, tags in OTHERS[p["region"]] if not (tags & p["tags"])
            and not ("female" in tags and ctx.sex != "f") and not ("male" in tags and ctx.sex != "m")]
    return r.sample(pool, min(k, len(pool)))


def _knowledge(ctx, k=1):
    r = ctx.rng
    pool = ctx.p["know"] + POP[ctx.p["region"]]
    if ctx.p["region"] == "pelvis":
        pool = pool + (["Fibroids are found in up to 70% of women by the age of 50."] if ctx.sex == "f" else
                       ["Benign prostatic enlargement affects about half of men in their sixties."])
    return r.sample(list(dict.fromkeys(pool)), k)


def _fact_sentences(ctx, items, reg_pick=None):
    """Sentences for a list of (group, value, planted) items; relations may pair up."""
    out = []
    rels = [(v, pl) for g, v, pl in items if g == "rel"]
    for g, v, pl in items:
        if g == "rel":
            continue
        out.append(say_group(ctx, g, v, reg_pick() if reg_pick else None, None, pl))
    if rels:
        planted = [v for v, pl in rels if pl]
        plain = [v for v, pl in rels if not pl]
        for v in planted:
            out.append(say_rels(ctx, [tuple(v)], None, None, 0))
        while plain:
            k = 2 if len(plain) >= 2 and ctx.rng.random() < 0.5 else 1
            out.append(say_rels(ctx, [tuple(x) for x in plain[:k]]))
            plain = plain[k:]
    ctx.rng.shuffle(out)
    return out


def _first_items(ctx, T, plan, fix):
    """(group, value, planted) the first answer states about the target."""
    r = ctx.rng
    g = plan["group"] if plan else None
    keep_g = plan is not None and plan["where"] in ("followup", "user") and r.random() < 0.5
    items = []
    probs = {"lat": 0.85, "vert": 0.7, "cls": 0.75, "pct": 0.6, "cnt": 0.7}
    for grp, pr in probs.items():
        if grp == g and not keep_g:
            continue
        if fix and fix[0] == grp:
            continue  # stated by the correction sentence instead
        if r.random() < pr:
            items.append((grp, T[grp], False))
    rels = list(T["rels"])
    r.shuffle(rels)
    if g == "rel" and not keep_g:
        rels = [x for x in rels if x[0] != plan["value"][0]] if plan["where"] == "first" else []
    if rels and r.random() < 0.7:
        for x in rels[:r.randint(1, min(3, len(rels)))]:
            items.append(("rel", list(x), False))
    if plan and plan["where"] == "first":
        items.append((g, plan["value"], True))
    while len([i for i in items if not i[2]]) < 3:
        cand = [grp for grp in probs if grp != g and grp not in [i[0] for i in items] and not (fix and fix[0] == grp)]
        if not cand:
            break
        grp = r.choice(cand)
        items.append((grp, T[grp], False))
    return items


def _impression_extra(ctx, items, n):
    """A compact true summary of up to n groups already stated (never the planted group)."""
    groups = [(g, v) for g, v, pl in items if not pl and g in ("lat", "vert", "cls", "cnt")]
    planted_g = [g for g, v, pl in items if pl]
    groups = [(g, v) for g, v in groups if g not in planted_g]
    if not groups or n == 0:
        return None
    ctx.rng.shuffle(groups)
    return say_compact(ctx, groups[:n])


AGES = {"uterus": (32, 50), "prostate": (55, 84), "hippo": (58, 86), "aorta": (60, 85), "nodules": (55, 80),
        "mets": (40, 80), "stroke": (45, 90), "sdh": (60, 92), "pit": (22, 60), "effusion": (45, 90), "livtum": (45, 82)}
TEAMS = {"rectum": "the colorectal team", "uterus": "the gynaecology team", "femheads": "the orthopaedic team",
         "livtum": "the hepatobiliary team", "liver": "the hepatology team", "kcyst": "the urology team",
         "adrenal": "the endocrine team", "pit": "the endocrine team", "heart": "the cardiology team",
         "clav": "the fracture clinic", "kidneys": "the renal team", "rkid": "the urology team", "lkid": "the urology team",
         "hippo": "the memory clinic", "stroke": "the stroke team", "sdh": "the neurosurgical team"}
_DRS = ["Patel", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Hughes", "Novak", "Rahman", "Costa", "Byrne", "Mensah", "Kowalski"]


def _correction(ctx, fix, T):
    """The first answer's explicit correction of a premise in the first question."""
    g = fix[0]
    lead = ctx.rng.choice(["On the point raised in the referral: ", "A correction to the earlier impression: ",
                           "To answer the question in the request: no. ", "Regarding the query: "])
    return lead + say_group(ctx, g, T[g], "formal")


def _sentences(ctx, items, fix, T):
    reg = lambda: _reg(ctx)
    facts = _fact_sentences(ctx, items, reg)
    if fix:
        facts.insert(0, _correction(ctx, fix, T))
    return facts


def _answer_report(ctx, T, items, fix):
    p, r = ctx.p, ctx.rng
    H = r.choice([lambda h: f"{h.upper()}:", lambda h: f"**{h}**", lambda h: f"### {h}"])
    d, prior = _prior(ctx)
    out = [H("Technique"), f"{ctx.tech[:1].upper() + ctx.tech[1:]}; single {p['plane']} image reviewed with the segmentation overlay."
           + (" " + r.choice(CONVENTION) if r.random() < 0.5 else "")]
    out += ["", H("Comparison"), ctx.note(prior)]
    body = [_intro(ctx), r.choice(p["state"])] + _sentences(ctx, items, fix, T)
    if r.random() < 0.7:
        body.append(_measure(ctx))
    if r.random() < 0.35:
        body.append(_hypo(ctx))
    out += ["", H("Findings"), " ".join(body)]
    oth = _others(ctx, r.randint(3, 6))
    sub = r.choice(["Other organs seen on the slice", "Other structures on this image", "Incidental and background findings"])
    if r.random() < 0.5:
        out += ["", H(sub)] + ["- " + t for t in oth]
    else:
        out += ["", H(sub), " ".join(oth)]
    imp = [r.choice(p["imp"])]
    extra = _impression_extra(ctx, items, r.choice([0, 1, 2, 3]))
    if extra:
        imp.append(extra)
    imp.append(oth[0])
    out += ["", H("Impression")] + [f"{k + 1}. {t}" for k, t in enumerate(imp)]
    rec = r.sample(p["rec"], r.choice([1, 2]))
    if r.random() < 0.4:
        rec.append("For context: " + _knowledge(ctx)[0])
    out += ["", H("Recommendation"), " ".join(rec)]
    return "\n".join(out)


def _answer_discharge(ctx, T, items, fix):
    p, r = ctx.p, ctx.rng
    title = r.choice(["Discharge summary - imaging section", "For the discharge letter", "**Discharge summary: scan findings**"])
    st = ctx.story[1:] if ctx.story.startswith("@") else ctx.story
    bg = r.choice([f"Background: admitted with {st}; a {ctx.tech} was done.", f"Background: {st}. Imaging: {ctx.tech}."]
                  if not ctx.story.startswith("@") else [f"Background: {st}. Imaging: {ctx.tech}."])
    body = [_intro(ctx)] + _sentences(ctx, items, fix, T) + [r.choice(p["state"])]
    if r.random() < 0.5:
        body.append(_measure(ctx))
    d, prior = _prior(ctx, short_ok=False)
    if r.random() < 0.6:
        body.append(ctx.note(prior))
    oth = _others(ctx, r.randint(3, 5))
    means = [r.choice(p["imp"])] + _knowledge(ctx, r.choice([1, 2]))
    extra = _impression_extra(ctx, items, r.choice([0, 1, 2]))
    if extra:
        means.insert(1, extra)
    if r.random() < 0.3:
        means.append(_hypo(ctx))
    steps = r.sample(p["rec"], 2) + [r.choice(["GP to review the results at the next appointment.",
                                               "Return to hospital if symptoms get worse.",
                                               "A copy of this summary goes to the patient."])]
    out = [title, "", bg, "", "What the image shows: " + " ".join(body), "",
           "Other things seen on the scan: " + " ".join(oth), "", "What it means: " + " ".join(means), "",
           "Next steps:"] + ["- " + s for s in steps]
    return "\n".join(out)


def _answer_mdt(ctx, T, items, fix):
    p, r = ctx.p, ctx.rng
    q = r.choice(["characterise the finding and agree the next step", "confirm the anatomy before intervention",
                  "decide whether further imaging is needed", "review the imaging with the clinical team"])
    d, prior = _prior(ctx)
    key = [_intro(ctx)] + _sentences(ctx, items, fix, T)
    oth = _others(ctx, r.randint(3, 6))
    out = [r.choice(["MDT imaging summary", "**MDT summary**", "Radiology - MDT proforma"]), "",
           f"Question for the meeting: {q}.", f"Imaging reviewed: {ctx.tech}" + (f", {_date(r)}." if r.random() < 0.6 else "."),
           "", "Key finding:"] + ["- " + s for s in key]
    out += ["", "Measurements: " + (_measure(ctx) if r.random() < 0.8 else "not applicable on a single slice."),
            "Comparison: " + ctx.note(prior), "", "Incidentals:"] + ["- " + t for t in oth]
    op = [r.choice(p["imp"])]
    extra = _impression_extra(ctx, items, r.choice([0, 1, 2]))
    if extra:
        op.append(extra)
    if r.random() < 0.5:
        op.append(_knowledge(ctx)[0])
    if r.random() < 0.3:
        op.append(_hypo(ctx))
    out += ["", "Radiology opinion: " + " ".join(op), "", "Proposed outcome / actions:"]
    out += ["- " + s for s in r.sample(p["rec"], 2)]
    return "\n".join(out)


def _answer_letter(ctx, T, items, fix):
    p, r = ctx.p, ctx.rng
    dr1, dr2 = r.sample(_DRS, 2)
    st = ctx.story[1:] if ctx.story.startswith("@") else ctx.story
    sex = {"f": "woman", "m": "man"}[ctx.sex]
    who = "your patient" if ctx.story.startswith("@") else f"this {ctx.age}-year-old {sex}"
    out = [f"Dear Dr {dr1},", "",
           f"Re: {r.choice('ABCDEFGHJKLMNPRSTW')}.{r.choice('ABCDEFGHJKLMNPRSTW')}., {ctx.tech}", "",
           f"Thank you for referring {who} ({st}). " + _intro(ctx)]
    facts = _sentences(ctx, items, fix, T)
    para = facts + [r.choice(p["state"])]
    if r.random() < 0.6:
        para.append(_measure(ctx))
    d, prior = _prior(ctx, short_ok=False)
    para.append(ctx.note(prior))
    out += ["", " ".join(para)]
    oth = _others(ctx, r.randint(3, 5))
    lead = r.choice(["Other structures on the image: ", "The rest of the slice: ", "Elsewhere: "])
    out += ["", lead + " ".join(oth)]
    op = [r.choice(["In my opinion: ", "My impression: ", "To summarise my view: "]) + r.choice(p["imp"])]
    extra = _impression_extra(ctx, items, r.choice([0, 1, 2]))
    if extra:
        op.append(extra)
    op += _knowledge(ctx, r.choice([1, 2]))
    if r.random() < 0.3:
        op.append(_hypo(ctx))
    op.append("I would suggest the following: " + r.choice(p["rec"]))
    out += ["", " ".join(op), "", r.choice(["Yours sincerely,", "With kind regards,", "Best wishes,"]),
            f"Dr {dr2}", "Consultant Radiologist"]
    return "\n".join(out)


_ANSWER = {"structured_report": _answer_report, "discharge_summary": _answer_discharge,
           "mdt_summary": _answer_mdt, "consult_letter": _answer_letter}


# -- follow-ups --------------------------------------------------------------------------------------

_FQ = {
    "side": ["Which side is it on, in the patient's terms?", "Quick check - patient's left or right?",
             "Just to be sure for the letter: which side?", "On which side of the body is it?"],
    "position_lp": ["Is it towards the front or the back of the body?", "Anterior or posterior?",
                    "Where does it sit front-to-back?"],
    "position_li": ["Is it high or low on the image?", "Superior or inferior?", "Where does it sit from head to foot?"],
    "neighbours": ["How does it relate to its neighbours on this slice?", "What's around it?",
                   "Where is it relative to the nearby structures?", "Can you describe its relations for the surgeon?"],
    "size": ["How big is it on this image?", "How much of the slice does it take up?", "Roughly what size, relative to the image?"],
    "count": ["How many separate pieces did you outline?", "Is it one region or several?", "How many components are in the mask?"],
    "oneliner": ["Can you give me that in one line for the handover?", "One-sentence summary, please.",
                 "Summarise it in a line for the ward list.", "TL;DR?"],
    "misc": ["Is there anything else on the slice I should worry about?", "Anything incidental worth putting in the letter?",
             "Which of the other findings matters most?"],
}
_TAILS = ["does that change anything in the next-steps section?", "should the letter say anything about that?",
          "who should I send this to?", "is there anything in the report I should reword?",
          "what would you tell the patient?", "does it need a follow-up scan?"]
_ASK_GROUPS = {"side": ["lat"], "position": ["vert"], "neighbours": ["rel"], "size": ["cls", "pct"], "count": ["cnt"]}


def _tail_answer(ctx, tail):
    p, r = ctx.p, ctx.rng
    rec = r.choice(p["rec"])
    if "next-steps" in tail:
        return f"It doesn't change the plan much. {rec}"
    if "letter" in tail:
        return f"A line on it is reasonable; I'd keep it brief. {rec}"
    if "send" in tail:
        team = TEAMS.get(p["key"]) or {"abd": "the general surgical team", "pelvis": "the urology team",
                                       "chest_ct": "the respiratory team", "cxr": "the respiratory or medical team",
                                       "brain": "the neurology or neurosurgical team"}[p["region"]]
        return f"{team[0].upper() + team[1:]} would be the natural recipients, with a copy to the GP. {rec}"
    if "reword" in tail:
        return "I'd leave the wording as it is; perhaps move the incidental findings to the end so the key finding stands out."
    if "patient" in tail:
        return f"I'd explain in plain words what the scan shows and what happens next. {rec}"
    return f"{rec}"


def _premise_clause(ctx, g, v):
    r = ctx.rng
    if g == "lat":
        if v in ("left", "right"):
            return r.choice([f"Since it's on the {v}", f"Given that it sits on the patient's {v}", f"As this is {v}-sided"]), v
        if v == "midline":
            return r.choice(["Since it's a midline structure here", "Given that it sits in the midline"]), v
        return r.choice(["Since it's on both sides", "Given that it's bilateral"]), v
    if g == "vert":
        if v == "central":
            return ("Since it sits centrally front-to-back" if ctx.lp else "Since it sits midway from head to foot"), v
        adv = {"anterior": "towards the front", "posterior": "towards the back", "superior": "high up, towards the head",
               "inferior": "low down, towards the feet"}[v]
        return r.choice([f"Since it sits {adv}", f"Given that it's {v}"]), v
    if g == "rel":
        return f"Since it lies {r.choice(_REL_W[v[1]])} the {v[0]}", list(v)
    if g == "cls":
        return r.choice([f"Since it's {_CLS_W[v]}", f"Given that it's {_CLS_W[v]} on the image"]), v
    if g == "pct":
        w, val = _pct_phrase(ctx, v)
        return f"Given that it covers about {w} of the image", val
    if g == "cnt":
        return ("Since it's all one piece" if v == 1 else f"With {_NUMW[v]} separate pieces"), v
    raise ValueError(g)


def _followup(ctx, spec, T, banned):
    """(user text, assistant text) for one follow-up; the ledger is written turn by turn."""
    r, p = ctx.rng, ctx.p
    kind = spec["type"]
    allowed = [g for g in ("lat", "vert", "cls", "pct", "cnt", "rel") if g not in banned
               and (g != "rel" or T["rels"])]
    if kind == "premise":
        g, v, mode = spec["group"], spec["value"], spec["mode"]
        clause, val = _premise_clause(ctx, g, v)
        tail = r.choice(_TAILS)
        user = ctx.claim(g, val, f"{clause}, {tail}", corrected=mode == "fix", planted=mode == "bad")
        ctx.turn += 1
        if mode == "fix":
            lead = r.choice(["Small correction first. ", "One thing to put right. ", "Actually, no. ", "Not quite. "])
            ans = lead + say_group(ctx, g, T[g] if g != "rel" else spec["true"], "formal")
            if g == "lat" and T["lat"] in ("left", "right") and r.random() < 0.6:
                ans += " " + ctx.note(f"On the screen it appears on the viewer's {_OPP[T['lat']]}, which is easy to misread.")
            ans += " As for your question: " + _tail_answer(ctx, tail)
        else:
            lead = r.choice(["", "Agreed. ", "Yes. ", "Good question. ", "Right. "])
            ans = lead + _tail_answer(ctx, tail)
            extra = [x for x in allowed if x not in ("rel", "pct") and x != g and (g, x) not in (("vert", "rel"), ("rel", "vert"))]
            if mode == "true" and extra and r.random() < 0.3:
                x = r.choice(extra)
                ans += " " + say_group(ctx, x, T[x])
        return user, ans
    user = r.choice(_FQ["position_lp" if kind == "position" and ctx.lp else "position_li" if kind == "position" else kind])
    ctx.turn += 1
    planted = spec.get("planted")
    sents = []
    if kind in _ASK_GROUPS:
        gs = [g for g in _ASK_GROUPS[kind] if g in allowed]
        if planted:
            pg, pv = planted
            sents.append(say_group(ctx, pg, pv, planted=True))
            if kind == "neighbours":
                rest = [x for x in T["rels"] if x[0] != pv[0] and "rel" not in banned]
                if rest and r.random() < 0.5:
                    sents.append(say_rels(ctx, [r.choice(rest)]))
            elif kind == "size":
                other = [g for g in gs if g != pg]
                if other and r.random() < 0.5:
                    sents.append(say_group(ctx, other[0], T[other[0]]))
        elif kind == "neighbours":
            rels = list(T["rels"])
            r.shuffle(rels)
            rels = rels[:r.randint(1, min(3, len(rels)))]
            sents.append(say_rels(ctx, rels[:2]))
            if len(rels) == 3:
                sents.append(say_rels(ctx, rels[2:]))
        else:
            for g in gs:
                sents.append(say_group(ctx, g, T[g]))
        if kind == "side" and not planted and T["lat"] in ("left", "right") and r.random() < 0.5:
            sents.append(ctx.note(f"That is the image's {_OPP[T['lat']]}, because we look at the patient as if facing them."))
        if kind == "size" and r.random() < 0.5:
            sents.append(_measure(ctx))
        if kind == "neighbours" and r.random() < 0.5:
            sents.append(_others(ctx, 1)[0])
        if kind == "count" and r.random() < 0.4:
            sents.append(_hypo(ctx))
    elif kind == "oneliner":
        if planted:
            pg, pv = planted
            sents.append(_fill(r.choice(["{S} {is} the segmented structure. ", "", "In one line: "]),
                               ("the " + p["noun"], p["pl"])) + say_group(ctx, pg, pv, "terse" if r.random() < 0.5 else "formal", planted=True))
            extra = [g for g in allowed if g in ("lat", "vert", "cls", "cnt") and g != pg]
            if extra:
                sents.append(say_compact(ctx, [(g, T[g]) for g in r.sample(extra, min(2, len(extra)))], "Otherwise the mask is"))
        else:
            extra = [g for g in allowed if g in ("lat", "vert", "cls", "cnt")]
            if extra:
                sents.append(say_compact(ctx, [(g, T[g]) for g in r.sample(extra, min(r.randint(2, 3), len(extra)))]))
            sents.append(r.choice(p["imp"]))
    else:
        sents += _others(ctx, r.randint(1, 3))
        if r.random() < 0.5:
            sents.append(_knowledge(ctx)[0])
    return user, " ".join(s.strip() for s in sents if s)


# -- the row -----------------------------------------------------------------------------------------

def build(p, facts, style, rng, defect):
    ctx = _Ctx(p, facts, style, rng)
    T = _truth(facts)
    r = rng
    ctx.age = r.randint(*AGES.get(p["key"], (24, 88)))
    ctx.story = r.choice(p["stories"])
    plan = _plan(ctx, defect, T)
    g = plan["group"] if plan else None
    near = {g} | ({"vert", "rel"} if g in ("vert", "rel") else set()) | ({"cls", "pct"} if g in ("cls", "pct") else set())
    # a corrected premise in the first question (never of the planted group)
    q_premise = None
    if r.random() < 0.18:
        cands = [x for x in ("lat", "cls", "cnt", "vert") if x not in near]
        if cands:
            x = r.choice(cands)
            q_premise = (x, _false_value(ctx, x, T, premise=True))
            if x == "cnt" and q_premise[1] > 4:
                q_premise = None
    ctx.turn = 0
    turns = [{"role": "user", "content": _question(ctx, defect == "names_target", q_premise)}]
    ctx.turn = 1
    items = _first_items(ctx, T, plan, q_premise)
    turns.append({"role": "assistant", "content": _ANSWER[style](ctx, T, items, q_premise)})
    # follow-ups
    n = r.choice([1, 2])
    specs = []
    if plan and plan["where"] == "followup":
        t = {"lat": "side", "vert": "position", "rel": "neighbours", "cls": "size", "pct": "size", "cnt": "count"}[g]
        if g != "rel" and r.random() < 0.3:
            t = "oneliner"
        specs.append({"type": t, "planted": (g, plan["value"])})
    if plan and plan["where"] == "user":
        specs.append({"type": "premise", "group": g, "value": plan["value"], "mode": "bad"})
    banned = set(near) if plan else set()
    while len(specs) < n:
        u = r.random()
        free = [x for x in ("lat", "vert", "cls", "cnt", "rel", "pct") if x not in banned and (x != "rel" or T["rels"])]
        if u < 0.3 and free:
            x = r.choice(free)
            if x == "rel":
                o, rel = r.choice(T["rels"])
                specs.append({"type": "premise", "group": x, "value": [o, _FLIP[rel]], "true": [o, rel], "mode": "fix"})
            else:
                specs.append({"type": "premise", "group": x, "value": _false_value(ctx, x, T, premise=True), "mode": "fix"})
        elif u < 0.42 and free:
            x = r.choice([y for y in free if y != "rel"] or free)
            v = list(r.choice(T["rels"])) if x == "rel" else T[x]
            specs.append({"type": "premise", "group": x, "value": v, "mode": "true"})
        else:
            kinds = ["oneliner", "misc"] + [k for k, gs in _ASK_GROUPS.items() if any(y in free for y in gs)]
            specs.append({"type": r.choice(kinds)})
    r.shuffle(specs)
    for spec in specs:
        ctx.turn = len(turns)
        u, a = _followup(ctx, spec, T, banned)
        turns.append({"role": "user", "content": u})
        turns.append({"role": "assistant", "content": a})
    _self_check(ctx, turns, plan, T)
    LEDGER.append({"claims": ctx.claims, "plan": plan})
    return turns, ([] if defect is None else [defect])


def _self_check(ctx, turns, plan, T):
    """Cheap consistency checks at build time (the writer's own reader does the full job)."""
    assert turns[1]["content"].count("[SEG]") == 1
    for c in ctx.claims:
        assert c["text"] in turns[c["turn"]]["content"], c
    planted = [c for c in ctx.claims if c["planted"]]
    assert len(planted) == (0 if plan is None else 1), (plan, planted)
