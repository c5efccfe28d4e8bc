"""Bank DR: LLM drafts refined by physicians (blind evaluation bank for the conversation QC).

Written without reading QC: the writer never opened the QC rules, their tests, the bench or other banks.

Targets: abdomen (liver, spleen, pancreas, kidneys, aorta, gallbladder, liver metastases, adrenal glands,
stomach, IVC), chest (lungs, heart, lung nodules, pleural effusion, oesophagus, trachea, pneumothorax,
pneumonia, lung mass), brain (glioblastoma, brain metastases, lateral ventricles, hippocampi, acute
infarct, MS lesions, brainstem, subdural haematoma, pituitary adenoma), pelvis (bladder, prostate, rectum,
uterus, femoral heads, ovarian cyst) and spine (vertebral body, spinal cord, disc herniation, psoas
muscles, sacroiliac joints) on CT/MR axial ("LP") and coronal ("LI") slices and chest films (XR, "LI").
More than half of the profiles are bilateral, midline or multi-piece masks.

Registers (STYLES): "attending_edit" (clipped, Rt/Lt, ant./post./sup./inf.), "resident_draft" (fuller
sentences a physician lightly corrected), "multidisciplinary" (tumour-board summary voice) and
"patient_friendly" (a physician rewriting for a patient: plain words, still precise). The vocabulary is
anatomical jargon: cranial/caudal, ventral/dorsal, hemithorax/hemiabdomen, quadrants, Couinaud segments,
lung zones, "measures 4.2 x 3.1 cm", "roughly a fifth of the slice", multifocal/solitary, "a pair of".

Every fact-bearing phrase is written through a small ledger (LEDGER, one entry per build call) that
records what it claims, so the writer's own reader can check each row: clean rows hold no false claim
(a user's false idea is always corrected explicitly), defect rows hold exactly one false claim of the
planted kind, on a topic stated nowhere else in the row, and clean first questions never name the target.
Own check (/work/notes/qcdr_scripts/check_dr.py, seed 20261249): rows: 420 clean: 210 defect: 210
(42 of each kind), 2598 ledgered claims, 253 rows on bilateral/midline/multi-piece masks; the planted claim
sits in the first answer 91 times, in a follow-up answer 34 and in a user premise 43; problems: 0.
"""

from __future__ import annotations

import json  # noqa: F401  (kept for parity with the other banks' self-contained imports)
import math
import random

import numpy as np

STYLES = ["attending_edit", "resident_draft", "multidisciplinary", "patient_friendly"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
LEDGER: list = []  # one entry per build(): the turns' segments with what each claims (for check_dr.py)

# ---------------------------------------------------------------------------------------------------
# content: what each target is, how people ask for it without naming it, and what a physician adds
# ---------------------------------------------------------------------------------------------------

C = {}

C["liver"] = dict(
    nm="liver", alt=["hepatic parenchyma"], lay="liver", pl=False, les=False,
    named=["the liver", "the hepatic parenchyma", "the whole liver"],
    clue=["the organ that makes bile and clears most drugs from the blood",
          "the organ that synthesises albumin and most of the clotting factors",
          "the organ that turns ammonia into urea and stores glycogen"],
    story=["62-year-old with cirrhosis on surveillance and a rising AFP.",
           "Painless jaundice with a raised ALP; we need the organ that manufactures bile."],
    why=["homogeneous parenchyma with portal and hepatic venous branches running through it",
         "a smooth capsule and uniform attenuation with the portal triads branching inside it"],
    know=["The falciform ligament separates the left lateral segments (II and III) from segment IV.",
          "The portal vein brings roughly 75% of its inflow; the hepatic artery supplies the remaining quarter.",
          "Riedel's lobe, a tongue-like inferior extension of the right lobe, is reported in a few percent of adults.",
          "The IVC runs in a groove behind the caudate lobe (segment I).",
          "The spleen sits under the left hemidiaphragm, tucked posterior to the stomach."],
    layk=["It's the largest solid organ in the body, about 1.5 kg in an adult.",
          "It can regrow: surgeons can remove up to about two-thirds of a healthy liver and it grows back.",
          "Your spleen is a much smaller organ tucked under your left lower ribs."],
)
C["spleen"] = dict(
    nm="spleen", alt=["splenic parenchyma"], lay="spleen", pl=False, les=False,
    named=["the spleen", "the splenic parenchyma"],
    clue=["the organ that filters old red cells and fights encapsulated bacteria",
          "the organ at risk of rupture in glandular fever",
          "the lymphoid organ taken out for refractory ITP"],
    story=["Young cyclist after a fall onto the handlebars, with left upper quadrant pain and a falling haemoglobin.",
           "Glandular fever, now with left shoulder-tip pain (Kehr's sign)."],
    why=["homogeneous soft tissue with a smooth, crescentic outer contour",
         "uniform enhancement on this portal venous phase, a little lower in attenuation than the liver"],
    know=["Accessory spleens (splenunculi) turn up in roughly 10-30% of people, usually near the hilum.",
          "The splenic flexure of the colon lies just below its lower pole.",
          "A craniocaudal length above about 12-13 cm is usually called splenomegaly.",
          "The tail of the pancreas reaches the splenic hilum in the splenorenal ligament."],
    layk=["It works like a filter for your blood and helps fight some infections.",
          "People can live without one, but then they need extra vaccinations."],
)
C["pancreas"] = dict(
    nm="pancreas", alt=["pancreatic gland"], lay="pancreas", pl=False, les=False,
    named=["the pancreas", "the pancreatic parenchyma"],
    clue=["the gland that secretes insulin and most of the digestive enzymes",
          "the retroperitoneal gland whose head sits in the duodenal C-loop",
          "the organ that becomes inflamed with gallstones or heavy drinking, pushing the lipase above three times normal"],
    story=["Epigastric pain boring through to the back and a lipase of 1,800 U/L.",
           "New-onset diabetes at 68 with weight loss and painless jaundice."],
    why=["lobulated glandular tissue draped along the splenic vein",
         "a feathery, lobulated outline with fat between the lobules"],
    know=["The splenic vein runs along its posterior surface to join the SMV behind the neck.",
          "The uncinate process hooks behind the superior mesenteric vessels.",
          "Pancreas divisum, the commonest congenital variant, is found in about 5-10% of people.",
          "The left renal vein passes between the aorta and the SMA."],
    layk=["It makes insulin as well as the juices that help digest food.",
          "It is a soft gland about 15 cm long lying deep in the tummy."],
)
_KID_WHY = ["a bean shape with a bright cortex and the hilum turned medially",
            "clear corticomedullary differentiation with renal sinus fat at the hilum"]
_KID_KNOW = ["The left renal vein crosses anterior to the aorta, just below the SMA origin, to reach the IVC.",
             "The right kidney usually sits 1-2 cm lower than the left because the liver lies above it.",
             "Horseshoe kidney, fused at the lower poles, occurs in about 1 in 500 people.",
             "Each adrenal gland caps the upper pole of its kidney."]
_KID_LAY = ["Each one is roughly the size of a fist, about 11 cm long.",
            "Most people have two, but you can live well with just one."]
C["left kidney"] = dict(
    nm="left kidney", alt=["left renal parenchyma"], lay="left kidney", pl=False, les=False,
    named=["the left kidney", "the left renal parenchyma"],
    clue=["the urine-producing organ on the same side as the spleen",
          "the organ that filters the blood and makes urine, the one next to the spleen"],
    story=["Left loin pain and haematuria at 45; outline the urine-producing organ on the painful side."],
    why=_KID_WHY, know=_KID_KNOW, layk=_KID_LAY)
C["right kidney"] = dict(
    nm="right kidney", alt=["right renal parenchyma"], lay="right kidney", pl=False, les=False,
    named=["the right kidney", "the right renal parenchyma"],
    clue=["the urine-producing organ that sits beneath the liver",
          "the organ that filters blood into urine, the one on the same side as the liver"],
    story=["Right loin pain radiating to the groin with microscopic haematuria; outline the urine-producing organ on the painful side."],
    why=_KID_WHY, know=_KID_KNOW, layk=_KID_LAY)
C["kidneys"] = dict(
    nm="kidneys", alt=["renal parenchyma"], lay="kidneys", pl=True, les=False,
    named=["the kidneys", "both kidneys", "the renal parenchyma"],
    clue=["the paired organs that filter blood and make urine",
          "the organs that produce erythropoietin and activate vitamin D"],
    story=["Creatinine has doubled in a week; we want the paired retroperitoneal filtering organs outlined."],
    why=_KID_WHY, know=_KID_KNOW, layk=_KID_LAY)
C["aorta"] = dict(
    nm="aorta", alt=["abdominal aorta"], lay="aorta", pl=False, les=False,
    named=["the aorta", "the abdominal aorta", "the aortic lumen"],
    clue=["the main artery carrying blood from the heart down to the abdomen and legs",
          "the vessel that balloons into an aneurysm in older male smokers and is screened by ultrasound at 65",
          "the large artery that gives off the coeliac trunk and the SMA"],
    story=["71-year-old ex-smoker with a pulsatile epigastric mass; outline the vessel of concern."],
    why=["a round lumen with a thin calcified wall, as bright as the other arteries",
         "a circular cross-section with mural calcification"],
    know=["An infrarenal diameter above 3 cm defines an aneurysm.",
          "UK screening invites men at 65 for a one-off ultrasound.",
          "The left renal vein crosses in front of it, just below the SMA origin."],
    layk=["It's the body's main artery, about as wide as a garden hose.",
          "Men over 65 are often offered a one-off scan to check it hasn't widened."],
)
C["gallbladder"] = dict(
    nm="gallbladder", alt=["GB"], lay="gallbladder", pl=False, les=False,
    named=["the gallbladder", "the GB"],
    clue=["the pear-shaped sac that stores and concentrates bile",
          "the organ that contracts after a fatty meal under the effect of CCK",
          "the organ whose stones cause biliary colic"],
    story=["Woman of 40 with right upper quadrant pain after fatty meals and a positive Murphy's sign."],
    why=["a thin-walled, fluid-filled sac in the gallbladder fossa",
         "fluid attenuation with a smooth, thin wall"],
    know=["Gallstones are present in roughly 10-15% of adults in Western countries.",
          "A wall thicker than 3 mm raises the question of cholecystitis.",
          "The common bile duct runs down behind the head of the pancreas to the ampulla.",
          "A Phrygian cap, a fold at the fundus, is seen in about 4% of people."],
    layk=["It stores bile, a digestive juice made by the liver.",
          "Many people live perfectly normally after having it removed."],
)
C["liver metastases"] = dict(
    nm="liver metastases", alt=["hepatic metastases", "metastatic deposits"],
    lay="spots where the cancer has spread to the liver", pl=True, les=True,
    named=["the liver metastases", "the hepatic metastases", "the liver mets"],
    clue=["the hypoattenuating foci that explain the rising CEA in this colon-cancer patient",
          "the spots that changed her stage after the sigmoid resection"],
    story=["Sigmoid adenocarcinoma resected two years ago; CEA is climbing again. Segment the abnormality."],
    why=["rounded hypoattenuating foci with faint rim enhancement in otherwise normal parenchyma",
         "target-like hypodense lesions, typical of colorectal deposits"],
    know=["About half of patients with colorectal cancer develop hepatic deposits at some point.",
          "Resection is considered when enough future liver remnant (usually at least 20-30% in a healthy liver) can be kept.",
          "The colon drains through the portal vein, which is why the liver is the commonest site of spread."],
    layk=["Surgery or targeted treatment can still help when the spread is limited to the liver."],
)
C["adrenal glands"] = dict(
    nm="adrenal glands", alt=["adrenals"], lay="adrenal glands", pl=True, les=False,
    named=["the adrenal glands", "both adrenals", "the suprarenal glands"],
    clue=["the small glands that secrete cortisol and aldosterone",
          "the endocrine glands capping the upper poles of the kidneys that make catecholamines"],
    story=["Resistant hypertension with a low potassium; we suspect a source of excess aldosterone."],
    why=["thin inverted-Y limbs of soft tissue in the fat above the kidneys",
         "slender lambda-shaped soft-tissue structures"],
    know=["Incidental adrenal nodules turn up on about 3-7% of abdominal CTs, more with age.",
          "The right gland sits directly behind the IVC; the left lies beside the aorta.",
          "A limb thicker than about 10 mm is usually considered enlarged."],
    layk=["They make stress hormones such as cortisol and adrenaline."],
)
C["stomach"] = dict(
    nm="stomach", alt=["gastric body"], lay="stomach", pl=False, les=False,
    named=["the stomach", "the gastric lumen and wall"],
    clue=["the hollow organ that secretes acid and pepsin",
          "the organ where a Helicobacter ulcer classically forms on the lesser curvature"],
    story=["Upper abdominal pain and melaena in a long-term NSAID user; outline the acid-secreting organ."],
    why=["a hollow viscus with rugal folds and an air-fluid level", "thick rugal folds around luminal contrast"],
    know=["The spleen lies in the left upper quadrant beneath the ninth to eleventh ribs.",
          "The gastro-oesophageal junction sits just left of the midline at about T11.",
          "Normal wall thickness is up to about 5 mm when distended."],
    layk=["It holds food and churns it with acid before passing it on to the bowel."],
)
C["inferior vena cava"] = dict(
    nm="inferior vena cava", alt=["IVC"], lay="big vein that returns blood to the heart",
    pl=False, les=False,
    named=["the IVC", "the inferior vena cava", "the caval lumen"],
    clue=["the large vein that returns blood from the legs and abdomen to the right atrium",
          "the vessel a filter goes into for recurrent pulmonary emboli"],
    story=["Recurrent PE despite anticoagulation; the team is planning a filter. Outline the vessel where it would sit."],
    why=["an oval, thin-walled vessel whose calibre varies with breathing",
         "a flattened oval lumen enhancing like the renal veins on this phase"],
    know=["The left renal vein is longer than the right because it crosses in front of the aorta.",
          "A duplicated IVC is found in roughly 0.2-3% of people.",
          "Filters are usually placed just below the renal veins."],
    layk=["It's the main vein carrying blood from your legs and belly back to your heart."],
)
_LUNG_KNOW = ["The right lung has three lobes and the left two, with the lingula standing in for a middle lobe.",
              "The left lung is a little smaller than the right, making room for the heart.",
              "An azygos lobe, an anatomical variant, is seen on about 0.5-1% of chest films.",
              "The right main bronchus is shorter, wider and more vertical than the left, so aspirated material tends to go right."]
_LUNG_LAY = ["Together they hold about six litres of air in an adult.",
             "The right one has three sections (lobes), the left one only two."]
C["lungs"] = dict(
    nm="lungs", alt=["lung parenchyma"], lay="lungs", pl=True, les=False,
    named=["the lungs", "both lungs", "the pulmonary parenchyma"],
    clue=["the paired organs of gas exchange", "the air-filled organs where oxygen crosses into the blood"],
    story=["Smoker with progressive breathlessness; we want the air-containing organs outlined to quantify emphysema."],
    why=["aerated low-attenuation parenchyma with branching vessels tapering outward",
         "air-filled parenchyma with vessels that taper toward the periphery"],
    know=_LUNG_KNOW, layk=_LUNG_LAY)
C["right lung"] = dict(
    nm="right lung", alt=["right lung parenchyma"], lay="right lung", pl=False, les=False,
    named=["the right lung", "the right pulmonary parenchyma"],
    clue=["the three-lobed organ of gas exchange with the horizontal fissure",
          "the breathing organ on the same side as the liver"],
    story=["Post-op patient with a drain; we want the three-lobed breathing organ outlined."],
    why=["aerated parenchyma with the horizontal and oblique fissures crossing it"],
    know=_LUNG_KNOW, layk=_LUNG_LAY)
C["left lung"] = dict(
    nm="left lung", alt=["left lung parenchyma"], lay="left lung", pl=False, les=False,
    named=["the left lung", "the left pulmonary parenchyma"],
    clue=["the two-lobed breathing organ that carries the lingula",
          "the aerated organ that wraps around the cardiac notch"],
    story=["Emphysema work-up; we want the two-lobed breathing organ outlined for volumetry."],
    why=["aerated parenchyma with a single oblique fissure"],
    know=_LUNG_KNOW, layk=_LUNG_LAY)
C["heart"] = dict(
    nm="heart", alt=["cardiac silhouette", "cardiac chambers"], lay="heart", pl=False, les=False,
    named=["the heart", "the cardiac silhouette", "the cardiac chambers"],
    clue=["the four-chambered muscular pump that drives the circulation",
          "the organ whose failure explains the ankle swelling and orthopnoea"],
    story=["Breathless 70-year-old with ankle swelling and a raised BNP; outline the pump."],
    why=["soft-tissue chambers with an enhancing blood pool and epicardial fat around them",
         "a rounded soft-tissue opacity with the typical contour of the chambers"],
    know=["A cardiothoracic ratio above 0.5 on a PA film suggests cardiomegaly.",
          "Dextrocardia, with the apex pointing to the right, occurs in about 1 in 12,000 people.",
          "On a PA film the right heart border is formed by the right atrium and the left border mainly by the left ventricle."],
    layk=["It beats roughly 100,000 times a day.", "It is about the size of your clenched fist."],
)
C["lung nodules"] = dict(
    nm="lung nodules", alt=["pulmonary nodules"], lay="small spots in the lungs", pl=True, les=True,
    named=["the lung nodules", "the pulmonary nodules", "the nodules"],
    clue=["the small round opacities flagged on her screening scan",
          "the rounded densities that prompted this Fleischner follow-up"],
    story=["Ex-smoker, 64, on the low-dose CT screening programme; the radiographer flagged some round spots."],
    why=["round, well-defined soft-tissue foci surrounded by aerated lung",
         "sharply marginated rounded densities not connected to vessels"],
    know=["Solid nodules under 6 mm in low-risk patients usually need no routine follow-up.",
          "Roughly half of adult smokers have at least one nodule on screening CT, and the vast majority are benign.",
          "Calcification in a central, laminated or popcorn pattern points to a benign cause."],
    layk=["Most small spots like these turn out to be harmless scars."],
)
C["pleural effusion"] = dict(
    nm="pleural effusion", alt=["effusion"], lay="fluid around the lung", pl=False, les=True,
    named=["the pleural effusion", "the effusion", "the pleural fluid"],
    clue=["what is blunting the costophrenic angle and making that base dull to percussion",
          "what we'd be draining with a chest drain in this breathless patient"],
    story=["Breathless, with stony dullness at one base and reduced breath sounds there."],
    why=["a dependent fluid-density crescent with a meniscus", "homogeneous fluid layering dependently"],
    know=["About 200 mL is needed to blunt the costophrenic angle on a PA film, and as little as 50 mL on a lateral.",
          "Light's criteria separate exudates from transudates.",
          "Heart failure is the commonest cause of bilateral effusions."],
    layk=["Draining it often helps breathing straight away."],
)
C["esophagus"] = dict(
    nm="oesophagus", alt=["esophagus"], lay="food pipe", pl=False, les=False,
    named=["the oesophagus", "the esophagus", "the gullet"],
    clue=["the muscular tube carrying food from the pharynx to the stomach",
          "the structure where Barrett's change develops"],
    story=["Progressive dysphagia to solids with weight loss in a 70-year-old."],
    why=["a collapsed muscular tube with a little intraluminal air",
         "a small round soft-tissue tube with a pinpoint air lumen"],
    know=["It passes through the diaphragm at about T10.",
          "The azygos vein arches over the right main bronchus.",
          "Wall thickness above about 5 mm is considered abnormal."],
    layk=["It's the pipe that carries food from your throat to your stomach."],
)
C["trachea"] = dict(
    nm="trachea", alt=["tracheal lumen"], lay="windpipe", pl=False, les=False,
    named=["the trachea", "the windpipe", "the tracheal lumen"],
    clue=["the air-filled tube held open by C-shaped cartilage rings", "the airway that divides at the carina"],
    story=["Post-intubation stridor; we want the cartilage-ringed tube above the carina outlined."],
    why=["an air-filled tube with a horseshoe of cartilage and a flat membranous wall"],
    know=["The carina lies at about T4-T5.",
          "The aortic arch curves from front to back over the left main bronchus.",
          "About 2% of adults have a tracheal bronchus."],
    layk=["It's the windpipe: the tube that carries air down to your lungs."],
)
C["pneumothorax"] = dict(
    nm="pneumothorax", alt=["PTX"], lay="air leak around the lung", pl=False, les=True,
    named=["the pneumothorax", "the PTX"],
    clue=["the air trapped in the pleural space that caused his sudden pleuritic pain",
          "the abnormal air outside the lung that may need a drain"],
    story=["Tall 22-year-old with sudden pleuritic chest pain at rest."],
    why=["a lucent band without lung markings beyond a thin visceral pleural line"],
    know=["Primary spontaneous cases are commonest in tall, thin young men who smoke.",
          "A rim over 2 cm at the level of the hilum counts as large under BTS guidance.",
          "Tension physiology pushes the mediastinum toward the other side."],
    layk=["It happens when air leaks out of the lung and gets trapped around it."],
)
C["pneumonia"] = dict(
    nm="pneumonia", alt=["consolidation"], lay="chest infection", pl=False, les=True,
    named=["the pneumonia", "the consolidation"],
    clue=["the airspace opacity explaining his fever, productive cough and crackles"],
    story=["Fever, rusty sputum and bronchial breathing at one base in a 58-year-old."],
    why=["airspace opacification with air bronchograms"],
    know=["Streptococcus pneumoniae remains the commonest bacterial cause.",
          "A CURB-65 score of 3 or more suggests severe disease.",
          "Radiographic resolution can lag clinical recovery by six weeks or more."],
    layk=["It's an infection that fills some of the tiny air sacs with fluid."],
)
C["lung mass"] = dict(
    nm="lung mass", alt=["pulmonary mass"], lay="lump in the lung", pl=False, les=True,
    named=["the lung mass", "the pulmonary mass"],
    clue=["the rounded opacity that prompted the urgent referral",
          "the density that worries us in this 67-year-old smoker with haemoptysis"],
    story=["Haemoptysis and weight loss in a 67-year-old smoker; PA film."],
    why=["a rounded soft-tissue opacity with a lobulated margin"],
    know=["Lesions over 3 cm are called masses rather than nodules.",
          "A Pancoast tumour at the apex can involve the brachial plexus.",
          "Squamous cell carcinoma tends to be central and adenocarcinoma peripheral."],
    layk=["Further tests such as a CT and a biopsy will show what it is."],
)
C["glioblastoma"] = dict(
    nm="glioblastoma", alt=["high-grade glioma", "GBM"], lay="tumour", pl=False, les=True,
    named=["the glioblastoma", "the GBM", "the high-grade glioma"],
    clue=["the rim-enhancing abnormality with central necrosis that explains her new seizures",
          "what's behind the headaches and the new word-finding difficulty"],
    story=["55-year-old with a first seizure and three weeks of headache; post-contrast T1."],
    why=["thick irregular rim enhancement around a necrotic centre with surrounding oedema"],
    know=["Median survival with standard chemoradiotherapy is about 15 months.",
          "MGMT promoter methylation, present in roughly 40% of cases, predicts benefit from temozolomide.",
          "Spread across the corpus callosum gives the 'butterfly' pattern."],
    layk=["Treatment usually combines surgery, radiotherapy and chemotherapy."],
)
C["brain metastases"] = dict(
    nm="brain metastases", alt=["cerebral metastases", "intracranial metastases"],
    lay="spots where the cancer has spread", pl=True, les=True,
    named=["the brain metastases", "the cerebral mets", "the intracranial metastases"],
    clue=["the ring-enhancing foci explaining the new confusion in this woman with breast cancer",
          "the enhancing deposits found on her staging head MR"],
    story=["Known melanoma, now with headaches and unsteadiness; post-gadolinium T1."],
    why=["round enhancing foci at the grey-white junction with oedema out of proportion to their size"],
    know=["Lung, breast and melanoma account for most cases.",
          "About 80% lodge in the cerebral hemispheres, 15% in the cerebellum and 5% in the brainstem.",
          "Radiosurgery is often offered when there are up to about four lesions."],
    layk=["Focused radiotherapy can treat several small spots at once."],
)
C["lateral ventricles"] = dict(
    nm="lateral ventricles", alt=["ventricles"], lay="fluid spaces inside the brain", pl=True, les=False,
    named=["the lateral ventricles", "the ventricles"],
    clue=["the CSF-filled cavities whose size we follow in hydrocephalus",
          "the paired ependyma-lined cavities where choroid plexus makes most of the CSF"],
    story=["Shunted hydrocephalus, now drowsy with vomiting; we need the CSF cavities outlined to compare calibre."],
    why=["CSF-signal cavities separated by the septum pellucidum"],
    know=["Mild asymmetry, with one frontal horn a little larger, is seen in roughly 5-12% of healthy people.",
          "The foramina of Monro connect them to the third ventricle in the midline.",
          "An Evans index above 0.3 suggests ventriculomegaly."],
    layk=["They're fluid spaces inside the brain; the fluid cushions it."],
)
C["hippocampus"] = dict(
    nm="hippocampi", alt=["hippocampal formations"], lay="memory centres", pl=True, les=False,
    named=["the hippocampi", "the hippocampus", "the hippocampal formations"],
    clue=["the medial temporal structures that shrink early in Alzheimer's disease",
          "the seahorse-shaped memory structures checked for sclerosis in temporal lobe epilepsy"],
    story=["Memory clinic referral, 74, with progressive forgetfulness; we want the memory structures outlined for volumetry."],
    why=["curved grey-matter structures along the floor of the temporal horns"],
    know=["The Scheltens MTA score grades atrophy from 0 to 4.",
          "Mesial temporal sclerosis is the commonest lesion in surgically treated temporal lobe epilepsy.",
          "The left side is usually dominant for verbal memory."],
    layk=["They're key for laying down new memories."],
)
C["acute infarct"] = dict(
    nm="acute infarct", alt=["infarct", "area of restricted diffusion"], lay="area of damage from the stroke",
    pl=False, les=True,
    named=["the acute infarct", "the infarct", "the stroke"],
    clue=["the region of restricted diffusion behind his sudden right-sided weakness and aphasia"],
    story=["Woke with a right facial droop and expressive aphasia; DWI b1000."],
    why=["bright on DWI with matching low ADC, in an arterial territory"],
    know=["The MCA supplies most of the lateral convexity.",
          "About 85% of strokes are ischaemic.",
          "In right-handed people, left hemisphere lesions usually cause aphasia."],
    layk=["A stroke happens when the blood supply to part of the brain is blocked."],
)
C["multiple sclerosis lesions"] = dict(
    nm="MS lesions", alt=["demyelinating plaques"], lay="areas of inflammation", pl=True, les=True,
    named=["the MS lesions", "the demyelinating plaques", "the multiple sclerosis lesions"],
    clue=["the periventricular white-matter hyperintensities in this young woman with optic neuritis"],
    story=["28-year-old with previous optic neuritis and now numbness in both legs; FLAIR."],
    why=["ovoid FLAIR-bright foci oriented perpendicular to the ventricles (Dawson's fingers)"],
    know=["The McDonald criteria need dissemination in space and in time.",
          "Women are affected about three times as often as men.",
          "Juxtacortical, periventricular, infratentorial and cord sites count toward dissemination in space."],
    layk=["Modern treatments can cut the number of new attacks a lot."],
)
C["brainstem"] = dict(
    nm="brainstem", alt=["brain stem"], lay="brainstem", pl=False, les=False,
    named=["the brainstem", "the pons and midbrain"],
    clue=["the structure housing the nuclei of cranial nerves III to XII and the reticular activating system",
          "the part of the CNS that connects the cerebrum with the cord"],
    story=["Locked-in picture after a basilar occlusion; outline the structure carrying the corticospinal tracts down from the hemispheres."],
    why=["a compact column of tracts and nuclei bridging cerebrum and cord"],
    know=["The corticospinal tracts cross in the medullary pyramids, so each hemisphere drives the opposite side of the body.",
          "Central pontine myelinolysis follows overly rapid correction of hyponatraemia."],
    layk=["It runs breathing, heart rate and wakefulness."],
)
C["subdural hematoma"] = dict(
    nm="subdural haematoma", alt=["SDH", "subdural collection"], lay="collection of blood on the surface of the brain",
    pl=False, les=True,
    named=["the subdural haematoma", "the subdural hematoma", "the SDH"],
    clue=["the crescentic collection that appeared after his fall on warfarin"],
    story=["82-year-old on apixaban who fell three weeks ago and is now more confused."],
    why=["a crescent-shaped extra-axial collection spreading along the convexity and crossing suture lines"],
    know=["Bridging veins tear more easily in the elderly because the brain shrinks away from the skull.",
          "Midline shift over about 5 mm usually prompts a neurosurgical discussion.",
          "Extradural haematomas are lentiform and do not cross sutures."],
    layk=["It's a collection of blood between the brain and its outer covering."],
)
C["pituitary adenoma"] = dict(
    nm="pituitary adenoma", alt=["macroadenoma"], lay="small growth on the pituitary gland", pl=False, les=True,
    named=["the pituitary adenoma", "the macroadenoma", "the adenoma"],
    clue=["the sellar growth pressing on the optic chiasm in this man with bitemporal hemianopia"],
    story=["Galactorrhoea and amenorrhoea with a prolactin of 4,000 mU/L; coronal post-contrast T1."],
    why=["a rounded soft-tissue mass in the sella enhancing less than the normal gland"],
    know=["Lesions of 10 mm or more are called macroadenomas.",
          "Prolactin-secreting ones usually respond to cabergoline.",
          "Incidental sellar lesions appear on about 10% of brain MRIs."],
    layk=["It's a non-cancerous growth that can affect hormones and eyesight."],
)
C["urinary bladder"] = dict(
    nm="urinary bladder", alt=["bladder"], lay="bladder", pl=False, les=False,
    named=["the bladder", "the urinary bladder", "the vesical lumen"],
    clue=["the hollow muscular reservoir that stores urine", "the organ emptied by the detrusor muscle"],
    story=["Painless visible haematuria in a 70-year-old smoker; outline the urine reservoir."],
    why=["a fluid-density hollow organ with a thin smooth wall"],
    know=["Normal capacity is around 400-600 mL.",
          "The ureters enter obliquely at the trigone, which acts as a valve.",
          "The seminal vesicles sit above the prostate."],
    layk=["It stretches as it fills; most adults feel the urge to go at about 300 mL."],
)
C["prostate"] = dict(
    nm="prostate", alt=["prostate gland"], lay="prostate", pl=False, les=False,
    named=["the prostate", "the prostate gland"],
    clue=["the walnut-sized gland that makes PSA", "the gland that enlarges with age and weakens the urinary stream"],
    story=["PSA of 9.8 and a hard nodule on DRE; outline the gland."],
    why=["a rounded glandular structure encircling the urethra"],
    know=["Most cancers arise in the peripheral zone, within reach of a digital examination.",
          "Normal volume is about 20-25 mL; above 30 mL it is usually called enlarged.",
          "The seminal vesicles sit above it."],
    layk=["It's a walnut-sized gland that helps make semen."],
)
C["rectum"] = dict(
    nm="rectum", alt=["rectal wall and lumen"], lay="back passage", pl=False, les=False,
    named=["the rectum", "the rectal wall and lumen"],
    clue=["the last segment of the large bowel before the anal canal",
          "the bowel segment we stage with high-resolution MR for cancer"],
    story=["Fresh red blood with stool and tenesmus in a 60-year-old."],
    why=["a tubular structure with a layered wall and a little gas in the lumen"],
    know=["It is about 12-15 cm long.",
          "The mesorectal fascia defines the circumferential resection margin.",
          "The sigmoid joins it at about S3."],
    layk=["It stores stool until you go to the toilet."],
)
C["uterus"] = dict(
    nm="uterus", alt=["uterine body"], lay="womb", pl=False, les=False,
    named=["the uterus", "the womb", "the uterine body"],
    clue=["the muscular organ where an embryo implants", "the organ where fibroids typically grow"],
    story=["Heavy periods and pelvic pressure in a 44-year-old."],
    why=["zonal anatomy with a bright endometrium and a dark junctional zone on T2"],
    know=["Fibroids are found in up to 70% of women by age 50.",
          "Most are anteverted and anteflexed.",
          "The ovaries usually lie in the ovarian fossae on the pelvic side walls."],
    layk=["It's where a baby grows during pregnancy."],
)
C["femoral heads"] = dict(
    nm="femoral heads", alt=["femoral epiphyses"], lay="balls of the hip joints", pl=True, les=False,
    named=["the femoral heads", "both femoral heads"],
    clue=["the rounded articular surfaces that sit in the acetabular sockets",
          "the structures at risk of avascular necrosis after long-term steroids"],
    story=["Long-term steroid user with groin pain on both sides; we want the articular ends checked for collapse."],
    why=["rounded bony structures with a cortical rim and trabecular pattern seated in the acetabula"],
    know=["Avascular necrosis is bilateral in roughly 50-70% of patients.",
          "Their blood supply comes mainly from the medial circumflex artery.",
          "The fovea marks the attachment of the ligamentum teres."],
    layk=["These are the balls of your hip joints."],
)
C["ovarian cyst"] = dict(
    nm="ovarian cyst", alt=["adnexal cyst"], lay="cyst on the ovary", pl=False, les=True,
    named=["the ovarian cyst", "the adnexal cyst"],
    clue=["the thin-walled, fluid-bright adnexal finding that explains her pelvic ache"],
    story=["32-year-old with mid-cycle pelvic pain; T2-weighted axial."],
    why=["a thin-walled, uniformly fluid-bright unilocular structure"],
    know=["Simple cysts under 5 cm in premenopausal women usually need no follow-up.",
          "Torsion is more likely with adnexal lesions of 5 cm or more.",
          "O-RADS MRI scores help estimate the risk of malignancy."],
    layk=["Most cysts like this are harmless and go away on their own."],
)
C["vertebral body"] = dict(
    nm="vertebral body", alt=["L3 vertebral body"], lay="bone of the spine", pl=False, les=False,
    named=["the vertebral body", "the L3 vertebra", "the vertebra"],
    clue=["the weight-bearing bony block of the spinal column at this level",
          "the bony segment we would check for a compression fracture in this osteoporotic woman"],
    story=["Sudden back pain after lifting in a 76-year-old on long-term steroids."],
    why=["a ring of cortical bone around trabecular marrow"],
    know=["A height loss over 20% counts as a fracture in Genant's grading.",
          "The psoas muscles arise from the sides of the lumbar vertebrae.",
          "The conus medullaris usually ends at about L1-L2."],
    layk=["Each vertebra carries the weight of the body above it."],
)
C["spinal cord"] = dict(
    nm="spinal cord", alt=["cord"], lay="spinal cord", pl=False, les=False,
    named=["the spinal cord", "the cord"],
    clue=["the neural tube of the central nervous system that carries the long tracts from brain to body",
          "the structure whose compression gives a sensory level"],
    story=["Progressive leg weakness with a sensory level at T6."],
    why=["a small round intermediate-signal structure surrounded by bright CSF"],
    know=["It ends at the conus medullaris, usually around L1-L2 in adults.",
          "The dorsal columns carry proprioception and fine touch.",
          "High T2 signal within it suggests myelopathy."],
    layk=["It carries messages between your brain and your body."],
)
C["disc herniation"] = dict(
    nm="disc herniation", alt=["herniated disc", "disc protrusion"], lay="slipped disc",
    pl=False, les=True,
    named=["the disc herniation", "the herniated disc", "the prolapsed disc"],
    clue=["what's compressing the nerve root in her sciatica",
          "the cause of his leg pain and the positive straight-leg raise"],
    story=["Radicular pain down the left leg with a positive straight-leg raise."],
    why=["a focal extension of disc material beyond the ring apophysis, indenting the thecal sac"],
    know=["About 90% of lumbar herniations occur at L4-L5 or L5-S1.",
          "Most improve within 6-12 weeks without surgery.",
          "A far-lateral herniation compresses the exiting root rather than the traversing one."],
    layk=["Most get better on their own over a few weeks to months."],
)
C["psoas muscles"] = dict(
    nm="psoas muscles", alt=["psoas"], lay="hip-flexing muscles deep in the belly", pl=True, les=False,
    named=["the psoas muscles", "both psoas", "the iliopsoas"],
    clue=["the paravertebral muscles that flex the hip and serve as a sarcopenia marker",
          "the muscles whose cross-section at L3 is used as a frailty marker"],
    story=["Pre-operative frailty assessment; we want the hip-flexing muscles beside the lumbar spine outlined."],
    why=["muscle-density bellies lying alongside the vertebral bodies"],
    know=["An abscess here often spreads from spinal infection or Crohn's disease.",
          "The lumbar plexus runs through the substance of the muscle.",
          "Muscle area at L3 is a common surrogate for whole-body muscle mass."],
    layk=["They help you lift your legs when you walk or climb stairs."],
)
C["sacroiliac joints"] = dict(
    nm="sacroiliac joints", alt=["SI joints"], lay="joints between the base of the spine and the pelvis",
    pl=True, les=False,
    named=["the sacroiliac joints", "the SI joints"],
    clue=["the joints linking the sacrum to the ilia, first involved in ankylosing spondylitis"],
    story=["Inflammatory back pain in a 26-year-old with HLA-B27; coronal CT."],
    why=["paired joint spaces between the sacral alae and the iliac bones"],
    know=["Sacroiliitis is graded 0 to 4 on plain films.",
          "About 90% of people with ankylosing spondylitis carry HLA-B27.",
          "The lower third of each joint is synovial and the upper part ligamentous."],
    layk=["They connect the base of your spine to your pelvis."],
)

# ---------------------------------------------------------------------------------------------------
# profiles: geometry on a 256 x 256 grid (cx, cy, semi-axes a, b, angle in degrees) and neighbours
# ---------------------------------------------------------------------------------------------------

_G = [
    # key, content, modality, region, orientation, pixel mm, ellipses, others, relation partners to skip
    ("liver_ax", "liver", "CT", "abdomen", "LP", 1.5, [(82, 104, 54, 42, 20), (120, 86, 22, 15, -10)],
     {"spleen": (0.74, 0.56), "stomach": (0.64, 0.40), "right kidney": (0.32, 0.64), "inferior vena cava": (0.42, 0.58)}, ()),
    ("spleen_ax", "spleen", "CT", "abdomen", "LP", 1.5, [(186, 150, 20, 34, -25)],
     {"stomach": (0.62, 0.40), "left kidney": (0.68, 0.63), "liver": (0.32, 0.40), "aorta": (0.53, 0.58)}, ("left kidney",)),
    ("pancreas_ax", "pancreas", "CT", "abdomen", "LP", 1.5, [(140, 124, 44, 10, -15)],
     {"aorta": (0.53, 0.60), "stomach": (0.60, 0.36), "left kidney": (0.70, 0.63), "liver": (0.30, 0.40)}, ()),
    ("lkid_ax", "left kidney", "CT", "abdomen", "LP", 1.5, [(176, 160, 15, 24, -20)],
     {"aorta": (0.53, 0.58), "spleen": (0.74, 0.50), "pancreas": (0.56, 0.47), "left psoas": (0.62, 0.66)}, ()),
    ("rkid_ax", "right kidney", "CT", "abdomen", "LP", 1.5, [(80, 162, 15, 24, 20)],
     {"liver": (0.33, 0.42), "inferior vena cava": (0.42, 0.58), "duodenum": (0.42, 0.50), "aorta": (0.53, 0.58)}, ()),
    ("kidneys_ax", "kidneys", "CT", "abdomen", "LP", 1.5, [(80, 162, 15, 24, 20), (176, 160, 15, 24, -20)],
     {"pancreas": (0.53, 0.47), "liver": (0.30, 0.40), "aorta": (0.52, 0.60)}, ("liver",)),
    ("aorta_ax", "aorta", "CT", "abdomen", "LP", 1.5, [(131, 150, 11, 11, 0)],
     {"inferior vena cava": (0.42, 0.58), "pancreas": (0.53, 0.47), "vertebral body": (0.50, 0.69)}, ()),
    ("gb_ax", "gallbladder", "CT", "abdomen", "LP", 1.5, [(94, 106, 10, 16, 30)],
     {"duodenum": (0.47, 0.50), "right kidney": (0.32, 0.64), "stomach": (0.64, 0.38)}, ()),
    ("livermets_ax", "liver metastases", "CT", "abdomen", "LP", 1.5,
     [(68, 94, 9, 8, 0), (96, 74, 7, 7, 0), (86, 130, 10, 8, 20), (58, 120, 6, 6, 0)],
     {"spleen": (0.74, 0.56), "inferior vena cava": (0.42, 0.58), "stomach": (0.64, 0.40)}, ()),
    ("adrenals_ax", "adrenal glands", "CT", "abdomen", "LP", 1.5, [(100, 140, 5, 12, 30), (158, 136, 5, 12, -30)],
     {"pancreas": (0.53, 0.46), "aorta": (0.52, 0.60)}, ()),
    ("stomach_ax", "stomach", "CT", "abdomen", "LP", 1.5, [(166, 96, 28, 20, -20)],
     {"spleen": (0.75, 0.58), "liver": (0.30, 0.42), "pancreas": (0.55, 0.52)}, ()),
    ("ivc_ax", "inferior vena cava", "CT", "abdomen", "LP", 1.5, [(104, 146, 9, 7, 0)],
     {"aorta": (0.53, 0.58), "vertebral body": (0.50, 0.70), "pancreas": (0.55, 0.46)}, ()),
    ("kidneys_cor", "kidneys", "CT", "abdomen", "LI", 1.5, [(84, 140, 18, 32, 10), (172, 136, 18, 32, -10)],
     {"liver": (0.32, 0.30), "urinary bladder": (0.50, 0.86), "spleen": (0.72, 0.34)}, ()),
    ("liver_cor", "liver", "CT", "abdomen", "LI", 1.5, [(86, 80, 54, 38, -10)],
     {"right kidney": (0.33, 0.56), "spleen": (0.72, 0.33), "urinary bladder": (0.50, 0.88)}, ()),
    ("spleen_cor", "spleen", "CT", "abdomen", "LI", 1.5, [(182, 86, 20, 32, 15)],
     {"left kidney": (0.68, 0.56), "liver": (0.32, 0.32), "urinary bladder": (0.50, 0.88)}, ()),
    ("lungs_ax", "lungs", "CT", "chest", "LP", 1.4, [(80, 122, 40, 60, 0), (176, 122, 38, 58, 0)],
     {"heart": (0.55, 0.36), "sternum": (0.50, 0.18)}, ()),
    ("rlung_ax", "right lung", "CT", "chest", "LP", 1.4, [(80, 126, 42, 62, 0)],
     {"heart": (0.56, 0.37), "left lung": (0.69, 0.49), "descending aorta": (0.57, 0.64)}, ()),
    ("llung_ax", "left lung", "CT", "chest", "LP", 1.4, [(177, 126, 38, 60, 0)],
     {"heart": (0.52, 0.37), "right lung": (0.31, 0.49), "sternum": (0.50, 0.18)}, ()),
    ("heart_ax", "heart", "CT", "chest", "LP", 1.4, [(150, 96, 38, 30, 30)],
     {"descending aorta": (0.57, 0.66), "right lung": (0.31, 0.50), "esophagus": (0.52, 0.61), "sternum": (0.50, 0.20)}, ()),
    ("nodules_ax", "lung nodules", "CT", "chest", "LP", 1.4, [(70, 100, 5, 5, 0), (186, 142, 6, 5, 0), (92, 162, 4, 4, 0)],
     {"heart": (0.55, 0.36), "sternum": (0.50, 0.18)}, ()),
    ("effusion_ax", "pleural effusion", "CT", "chest", "LP", 1.4, [(76, 186, 36, 15, -20)],
     {"right lung": (0.32, 0.46), "heart": (0.55, 0.37), "descending aorta": (0.57, 0.66)}, ()),
    ("esoph_ax", "esophagus", "CT", "chest", "LP", 1.4, [(129, 160, 7, 6, 0)],
     {"descending aorta": (0.59, 0.65), "heart": (0.56, 0.38), "trachea": (0.50, 0.50)}, ("heart",)),
    ("trachea_ax", "trachea", "CT", "chest", "LP", 1.4, [(128, 108, 10, 9, 0)],
     {"esophagus": (0.51, 0.53), "aortic arch": (0.57, 0.44), "sternum": (0.50, 0.20)}, ()),
    ("lungs_xr", "lungs", "XR", "chest", "LI", 1.7, [(80, 122, 40, 75, 0), (178, 122, 38, 72, 0)],
     {"heart": (0.54, 0.63), "trachea": (0.50, 0.22)}, ()),
    ("heart_xr", "heart", "XR", "chest", "LI", 1.7, [(140, 160, 48, 34, 0)],
     {"trachea": (0.50, 0.22), "right lung": (0.31, 0.47), "diaphragm": (0.52, 0.78)}, ("trachea",)),
    ("ptx_xr", "pneumothorax", "XR", "chest", "LI", 1.7, [(74, 62, 34, 28, 0)],
     {"heart": (0.55, 0.62), "right hemidiaphragm": (0.30, 0.78), "trachea": (0.50, 0.24)}, ()),
    ("effusion_xr", "pleural effusion", "XR", "chest", "LI", 1.7, [(186, 200, 34, 18, 0)],
     {"heart": (0.54, 0.62), "aortic knuckle": (0.56, 0.34)}, ()),
    ("pneumonia_xr", "pneumonia", "XR", "chest", "LI", 1.7, [(176, 176, 27, 22, 0)],
     {"heart": (0.54, 0.60), "trachea": (0.50, 0.22)}, ()),
    ("mass_xr", "lung mass", "XR", "chest", "LI", 1.7, [(80, 80, 14, 12, 0)],
     {"heart": (0.55, 0.62), "right hilum": (0.40, 0.48)}, ()),
    ("gbm_mr", "glioblastoma", "MR", "brain", "LP", 0.94, [(90, 110, 22, 18, 20), (102, 98, 13, 11, 0)],
     {"lateral ventricles": (0.50, 0.49), "falx cerebri": (0.50, 0.50)}, ()),
    ("brainmets_mr", "brain metastases", "MR", "brain", "LP", 0.94, [(94, 88, 6, 6, 0), (172, 150, 7, 6, 0), (150, 192, 5, 5, 0)],
     {"lateral ventricles": (0.50, 0.46)}, ("lateral ventricles",)),
    ("ventricles_mr", "lateral ventricles", "MR", "brain", "LP", 0.94, [(107, 116, 7, 22, -10), (149, 116, 7, 22, 10)],
     {"pineal gland": (0.50, 0.60), "genu of the corpus callosum": (0.50, 0.30)}, ()),
    ("hippo_mr", "hippocampus", "MR", "brain", "LP", 0.94, [(100, 160, 6, 14, -30), (156, 160, 6, 14, 30)],
     {"lateral ventricles": (0.50, 0.44), "midbrain": (0.50, 0.64)}, ()),
    ("infarct_mr", "acute infarct", "MR", "brain", "LP", 0.94, [(166, 116, 18, 30, 15)],
     {"lateral ventricles": (0.50, 0.47), "falx cerebri": (0.50, 0.50)}, ()),
    ("ms_mr", "multiple sclerosis lesions", "MR", "brain", "LP", 0.94,
     [(108, 100, 4, 7, 0), (150, 104, 4, 6, 0), (110, 142, 5, 7, 0), (146, 146, 4, 6, 0), (172, 122, 3, 5, 0)],
     {"lateral ventricles": (0.50, 0.48)}, ()),
    ("brainstem_mr", "brainstem", "MR", "brain", "LP", 0.94, [(128, 150, 17, 15, 0)],
     {"basilar artery": (0.50, 0.52), "cerebellum": (0.50, 0.76)}, ()),
    ("sdh_mr", "subdural hematoma", "MR", "brain", "LP", 0.94, [(202, 120, 10, 50, 0)],
     {"falx cerebri": (0.50, 0.50), "lateral ventricles": (0.50, 0.47)}, ()),
    ("hippo_cor", "hippocampus", "MR", "brain", "LI", 0.94, [(100, 150, 8, 12, 0), (156, 150, 8, 12, 0)],
     {"lateral ventricles": (0.50, 0.40), "pons": (0.50, 0.72)}, ()),
    ("pituitary_cor", "pituitary adenoma", "MR", "brain", "LI", 0.6, [(128, 166, 10, 8, 0)],
     {"optic chiasm": (0.50, 0.58), "sphenoid sinus": (0.50, 0.78)}, ()),
    ("bladder_ax", "urinary bladder", "CT", "pelvis", "LP", 1.4, [(128, 110, 30, 24, 0)],
     {"rectum": (0.50, 0.72), "sacrum": (0.50, 0.84)}, ()),
    ("prostate_ax", "prostate", "CT", "pelvis", "LP", 1.4, [(128, 140, 15, 12, 0)],
     {"rectum": (0.50, 0.71), "pubic symphysis": (0.50, 0.35)}, ()),
    ("rectum_ax", "rectum", "CT", "pelvis", "LP", 1.4, [(128, 180, 14, 12, 0)],
     {"urinary bladder": (0.50, 0.43), "sacrum": (0.50, 0.86)}, ()),
    ("uterus_mr", "uterus", "MR", "pelvis", "LP", 1.2, [(130, 126, 30, 22, 0)],
     {"urinary bladder": (0.50, 0.33), "rectum": (0.50, 0.72)}, ()),
    ("femheads_ax", "femoral heads", "CT", "pelvis", "LP", 1.4, [(60, 128, 20, 20, 0), (196, 128, 20, 20, 0)],
     {"urinary bladder": (0.50, 0.42)}, ()),
    ("ovcyst_mr", "ovarian cyst", "MR", "pelvis", "LP", 1.2, [(176, 134, 17, 15, 0)],
     {"uterus": (0.50, 0.50), "urinary bladder": (0.50, 0.36)}, ()),
    ("bladder_cor", "urinary bladder", "MR", "pelvis", "LI", 1.2, [(128, 192, 30, 22, 0)],
     {"uterus": (0.50, 0.56), "left femoral head": (0.76, 0.70)}, ("left femoral head",)),
    ("vert_ax", "vertebral body", "CT", "spine", "LP", 1.0, [(128, 166, 24, 20, 0)],
     {"aorta": (0.53, 0.50), "spinal canal": (0.50, 0.82)}, ()),
    ("cord_mr", "spinal cord", "MR", "spine", "LP", 0.8, [(128, 172, 7, 6, 0)],
     {"vertebral body": (0.50, 0.55), "esophagus": (0.51, 0.40)}, ()),
    ("disc_mr", "disc herniation", "MR", "spine", "LP", 0.8, [(141, 150, 7, 5, 0)],
     {"thecal sac": (0.50, 0.66), "vertebral body": (0.50, 0.45)}, ()),
    ("psoas_ax", "psoas muscles", "CT", "spine", "LP", 1.5, [(94, 160, 14, 20, 0), (162, 160, 14, 20, 0)],
     {"aorta": (0.53, 0.52), "liver": (0.30, 0.38)}, ("liver",)),
    ("sij_cor", "sacroiliac joints", "CT", "spine", "LI", 1.2, [(98, 172, 4, 20, 20), (158, 172, 4, 20, -20)],
     {"L5 vertebral body": (0.50, 0.46), "urinary bladder": (0.50, 0.90)}, ()),
]

PROFILES = []
for _key, _c, _mod, _reg, _ori, _mm, _ell, _oth, _skip in _G:
    PROFILES.append({"target": _c, "key": _key, "content": _c,
                     "modality": _mod, "region": _reg, "orientation": _ori, "mm": _mm,
                     "ellipses": [list(e) for e in _ell], "others": {k: list(v) for k, v in _oth.items()},
                     "skip_rel": list(_skip)})

# how other structures are written in prose
ONAME = {
    "spleen": ["the spleen"], "stomach": ["the stomach"], "right kidney": ["the right kidney"],
    "left kidney": ["the left kidney"], "inferior vena cava": ["the IVC", "the inferior vena cava"],
    "liver": ["the liver"], "aorta": ["the aorta"], "pancreas": ["the pancreas"], "duodenum": ["the duodenum"],
    "left psoas": ["the left psoas"], "vertebral body": ["the vertebral body"], "urinary bladder": ["the bladder"],
    "heart": ["the heart"], "sternum": ["the sternum"], "left lung": ["the left lung"], "right lung": ["the right lung"],
    "descending aorta": ["the descending aorta"], "esophagus": ["the oesophagus", "the esophagus"],
    "trachea": ["the trachea"], "aortic arch": ["the aortic arch"], "diaphragm": ["the diaphragm"],
    "right hemidiaphragm": ["the right hemidiaphragm"], "aortic knuckle": ["the aortic knuckle"],
    "right hilum": ["the right hilum"], "lateral ventricles": ["the lateral ventricles"],
    "falx cerebri": ["the falx", "the falx cerebri"], "pineal gland": ["the pineal gland"],
    "genu of the corpus callosum": ["the callosal genu", "the genu of the corpus callosum"],
    "midbrain": ["the midbrain"], "basilar artery": ["the basilar artery"], "cerebellum": ["the cerebellum"],
    "pons": ["the pons"], "optic chiasm": ["the optic chiasm"], "sphenoid sinus": ["the sphenoid sinus"],
    "rectum": ["the rectum"], "sacrum": ["the sacrum"], "pubic symphysis": ["the pubic symphysis"],
    "uterus": ["the uterus"], "left femoral head": ["the left femoral head"], "spinal canal": ["the spinal canal"],
    "thecal sac": ["the thecal sac"], "L5 vertebral body": ["the L5 body", "the L5 vertebral body"],
}


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def _draw(ellipses, rng: random.Random) -> np.ndarray:
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, a, b, deg in ellipses:
        s = rng.uniform(0.96, 1.04)
        t = math.radians(deg + rng.uniform(-4, 4))
        X, Y = xx - (cx + dx), yy - (cy + dy)
        u, v = X * math.cos(t) + Y * math.sin(t), -X * math.sin(t) + Y * math.cos(t)
        m |= (u / (a * s)) ** 2 + (v / (b * s)) ** 2 <= 1
    return m


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    mask = _draw(p["ellipses"], rng)
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------------
# the ledger: every turn is built from segments; a fact-bearing segment says what it claims
# ---------------------------------------------------------------------------------------------------

class _Turn:
    """A turn under construction: plain glue (no facts), safe text (knowledge, questions, stories: no claim
    on the mask) and claims (text, kind, topic, value, stance)."""

    def __init__(self, role: str):
        self.role, self.segs = role, []

    def p(self, text: str):
        self.segs.append([text, None])

    def s(self, text: str, why: str = "knowledge"):
        self.segs.append([text, ["safe", why]])

    def c(self, ph, stance: str = "assert"):
        text, kind, topic, value = ph
        self.segs.append([text, ["claim", kind, topic, value, stance]])

    def text(self) -> str:
        return "".join(t for t, _ in self.segs)

    def end(self):
        if not self.text().endswith("."):
            self.p(".")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


_KEEP = {"Riedel's", "Light's", "McDonald", "Scheltens", "Streptococcus", "Genant's", "UK", "MGMT", "O-RADS",
         "IVC", "CEA", "Pancoast", "BTS", "Dawson's", "Kehr's", "Murphy's", "Helicobacter", "Barrett's", "Crohn's",
         "Evans", "Monro", "Couinaud"}


def _low(s: str) -> str:
    """Lower-case a sentence's first letter unless it starts an acronym or a name."""
    first = s.split()[0].rstrip("',.:;")
    if first in _KEEP or s.split()[0] in _KEEP or (first.isupper() and len(first) > 1) or any(ch.isupper() for ch in first[1:]):
        return s
    return s[:1].lower() + s[1:]


_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve"}
_VERB = {"is": "are", "lies": "lie", "sits": "sit", "covers": "cover", "occupies": "occupy", "takes": "take",
         "forms": "form", "appears": "appear", "consists": "consist", "has": "have", "shows": "show",
         "measures": "measure", "was": "were", "looks": "look", "fills": "fill"}


def _v(verb: str, pl: bool) -> str:
    return _VERB.get(verb, verb) if pl else verb


def _fmt(pct: float) -> str:
    if pct >= 10:
        return str(int(round(pct)))
    if pct >= 1:
        return f"{pct:.1f}"
    return f"{pct:.2f}"


_FRACS = [(0.5, "half"), (1 / 3, "a third"), (0.25, "a quarter"), (0.2, "a fifth"), (1 / 6, "a sixth"),
          (1 / 8, "an eighth"), (0.1, "a tenth"), (1 / 12, "a twelfth"), (1 / 15, "a fifteenth"),
          (1 / 20, "a twentieth"), (1 / 25, "a twenty-fifth"), (1 / 30, "a thirtieth"), (1 / 40, "a fortieth"),
          (1 / 50, "a fiftieth")]

_HEMI = {"abdomen": "hemiabdomen", "chest": "hemithorax", "brain": "hemisphere", "pelvis": "hemipelvis", "spine": None}
_HEMIS = {"abdomen": "on both sides of the abdomen", "chest": "in both hemithoraces", "brain": "in both hemispheres",
          "pelvis": "on both sides of the pelvis", "spine": "on both sides of the spine"}
_AB = {"left": "Lt", "right": "Rt"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior"}
_INV = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
_ZONED = ("ptx_xr", "effusion_xr", "pneumonia_xr", "mass_xr", "lungs_xr")

LAY_S = {"liver metastases": ("The spots", True), "inferior vena cava": ("This vein", False),
         "lung nodules": ("The spots", True), "pleural effusion": ("The fluid", False),
         "esophagus": ("Your food pipe", False), "trachea": ("Your windpipe", False),
         "pneumothorax": ("The trapped air", False), "pneumonia": ("The infected area", False),
         "lung mass": ("The lump", False), "glioblastoma": ("The tumour", False),
         "brain metastases": ("The spots", True), "lateral ventricles": ("These fluid spaces", True),
         "acute infarct": ("The damaged area", False), "multiple sclerosis lesions": ("The plaques", True),
         "subdural hematoma": ("The blood collection", False), "pituitary adenoma": ("The growth", False),
         "uterus": ("Your womb", False), "femoral heads": ("The balls of your hips", True),
         "ovarian cyst": ("The cyst", False), "vertebral body": ("The vertebra", False),
         "disc herniation": ("The bulging disc", False), "psoas muscles": ("These muscles", True),
         "sacroiliac joints": ("These joints", True), "hippocampus": ("Your memory centres", True)}


_LAY_MORE = ["A specialist will look at all the pictures of the scan together, not just this one.",
             "Scans often show things that need no treatment at all, so it's worth talking it through with your doctor.",
             "Your care team can show you the other pictures from the same scan if you'd like."]
_TECH_MORE = ["Correlation with the remainder of the study is advised.",
              "Comparison with any prior imaging would help.",
              "Adjacent slices should be reviewed before the report is finalised."]


class _Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.c, self.f, self.st, self.r = p, C[p["content"]], facts, style, rng
        self.key, self.ori, self.reg, self.mod = p["key"], p["orientation"], p["region"], p["modality"]
        self.lat, self.vert, self.cls = facts["laterality"], facts["vertical"], facts["size_class"]
        self.pct, self.n = 100.0 * facts["area_fraction"], facts["components"]
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"] if r["other"] not in p["skip_rel"]
                     and not (self.lat == "bilateral" and r["relation"] in ("left_of", "right_of"))]
        self.pl, self.les, self.nm = self.c["pl"], self.c["les"], self.c["nm"]
        self.A, self.R, self.M, self.P = (style == s for s in STYLES)
        self.used = set()

    def pick(self, seq):
        return self.r.choice(seq)

    def know(self, lay, fallback=False):
        """A knowledge sentence not used yet in this conversation (None when all are used)."""
        left = [k for k in (self.c["layk"] if lay else self.c["know"]) if k not in self.used]
        if not left and fallback:
            left = [k for k in (_LAY_MORE if lay else _TECH_MORE) if k not in self.used]
        if not left:
            return None
        k = self.pick(left)
        self.used.add(k)
        return k

    # -- names -----------------------------------------------------------------------------------
    def lay_full(self) -> str:
        lay = self.c["lay"]
        return lay if self.nm.lower() in lay.lower() else f"{lay} (the {self.nm})"

    def subj(self, allow_name=True):
        """A subject for a sentence about the target: (text, plural)."""
        if self.P:
            s, pl = LAY_S.get(self.p["content"], (f"Your {self.c['lay']}", self.pl))
            return self.pick([(s, pl), ("They" if self.pl else "It", self.pl), (s, pl)])
        opts = [("They" if self.pl else "It", self.pl), ("The mask", False), ("The segmented region", False),
                ("The segmentation", False)]
        if allow_name:
            opts += [(f"The {self.nm}", self.pl), (f"The {self.nm}", self.pl)]
        return self.pick(opts)

    def oname(self, other):
        return self.pick(ONAME.get(other, [f"the {other}"]))

    def scan(self):
        if self.mod == "XR":
            return self.pick(["PA chest film", "chest radiograph", "frontal chest X-ray"])
        plane = "axial" if self.ori == "LP" else "coronal"
        return f"{plane} {self.pick(['CT', 'CT slice', 'CT image'] if self.mod == 'CT' else ['MR', 'MR slice', 'MRI image'])}"

    def scan_lay(self):
        return {"XR": "chest X-ray", "CT": "CT scan", "MR": "MRI scan"}[self.mod]

    # -- laterality ------------------------------------------------------------------------------
    def side(self, v, form="loc"):
        """A phrase claiming side v; form loc ('lies ___'), adj ('is ___'), conv (radiological convention)."""
        hemi = _HEMI[self.reg]
        if self.key == "sdh_mr":
            hemi = "convexity"
        A, R, M, P = self.A, self.R, self.M, self.P
        if form == "conv" and v in ("left", "right"):
            img = _OPP[v]
            if A:
                t = self.pick([f"image {img[0].upper()} = pt {_AB[v]}", f"on image {img}, i.e. pt's {_AB[v]}"])
            elif P:
                t = self.pick([f"on the {img} of the picture, which is actually your {v} side",
                               f"on the {img}-hand side of the picture, which means your {v}"])
            elif M:
                t = self.pick([f"on the image {img}, i.e. the patient's {v}",
                               f"displayed on the {img} of the image, the patient's {v}"])
            else:
                t = self.pick([f"on the {img} of the image, which is the patient's {v}",
                               f"on the {img} side of the screen, which corresponds to the patient's {v}"])
            return (t, "laterality", "side", v)
        if form == "conv" and v == "midline":
            t = ("in the centre of the picture, which is the middle of your body" if P else
                 "centre of image = midline" if A else "in the centre of the image, on the patient's midline")
            return (t, "laterality", "side", v)
        if form == "conv" and v == "bilateral":
            t = ("on both halves of the picture, so on both sides of your body" if P else
                 "both halves of image = bilat." if A else "on both halves of the image, so on both sides of the patient")
            return (t, "laterality", "side", v)
        if v in ("left", "right"):
            ab = _AB[v]
            if self.key == "disc_mr":
                opts = {True: [f"{ab} paracentral", f"{ab} paramedian"]}[True] if A else (
                    [f"in a {v} paracentral position", f"{v} paramedian", f"just to the {v} of the midline"] if not P
                    else [f"slightly to your {v} side of the middle"])
                return (self.pick(opts), "laterality", "side", v)
            if form == "adj" and not P:
                t = self.pick([f"{ab}-sided", f"{ab}"] if A else [f"{v}-sided", f"{v}-sided", f"on the {v}"])
            elif A:
                t = self.pick([f"on the {ab}", f"{ab} of midline", f"on the pt's {ab}"] + ([f"in the {ab} {hemi}"] if hemi else []))
            elif P:
                t = self.pick([f"on your {v} side", f"on the {v} side of your body"])
            elif M:
                t = self.pick([f"on the {v}", f"{v} of midline"] + ([f"in the {v} {hemi}", f"in the {v} {hemi}"] if hemi else []))
            else:
                t = self.pick([f"on the patient's {v}", f"on the {v} side", f"to the {v} of the midline"] +
                              ([f"in the {v} {hemi}", f"in the {v} {hemi}"] if hemi else []))
            return (t, "laterality", "side", v)
        if v == "midline":
            if form == "adj" and not P:
                t = self.pick(["midline", "midline", "centred on the midline"])
            elif A:
                t = self.pick(["in the midline", "across the midline", "midline"])
            elif P:
                t = self.pick(["in the middle of your body", "right in the middle of your body, not off to one side"])
            else:
                t = self.pick(["in the midline", "centred on the midline", "along the midline", "astride the midline"])
            return (t, "laterality", "side", v)
        # bilateral
        if form == "adj" and not P:
            t = self.pick(["bilateral", "bilat." if A else "bilateral"])
        elif A:
            t = self.pick(["bilat.", "on both sides", "Rt and Lt"])
        elif P:
            t = self.pick(["on both sides of your body", "on your left and on your right"])
        else:
            t = self.pick(["on both sides of the midline", "bilaterally", _HEMIS[self.reg], "on the left and the right"])
        return (t, "laterality", "side", v)

    def side_neg(self):
        """A true negation about side, or None."""
        if self.lat in ("left", "right"):
            o = _OPP[self.lat]
            opts = [(f"not on the {_AB[o] if self.A else o}", f"not:{o}"),
                    ("not a midline structure here", "not:midline"),
                    ("confined to one side", "not:bilateral,midline")]
            if self.P:
                opts = [(f"not on your {o} side", f"not:{o}"), ("only on one side", "not:bilateral,midline")]
        elif self.lat == "midline":
            opts = [("not off to one side", "not:left,right"), ("neither left- nor right-sided", "not:left,right")]
        else:
            opts = [("not confined to one side", "not:left,right"), ("not one-sided", "not:left,right")]
        t, v = self.pick(opts)
        return (t, "laterality", "side", v)

    # -- vertical ----------------------------------------------------------------------------------
    def vpos(self, v):
        A, R, M, P = self.A, self.R, self.M, self.P
        if self.ori == "LP":
            tab = {"anterior": (["ant.", "anteriorly", "ventrally"], ["anteriorly", "toward the front of the body",
                   "in the anterior half of the slice", "ventrally"], ["anteriorly", "ventrally", "anterior"],
                   ["towards the front of your body", "closer to your front than to your back"]),
                   "posterior": (["post.", "posteriorly", "dorsally"], ["posteriorly", "toward the back of the body",
                   "in the posterior half of the slice", "dorsally"], ["posteriorly", "dorsally", "posterior"],
                   ["towards your back", "closer to your back than to your front"]),
                   "central": (["mid-AP", "central on the AP axis"], ["roughly midway between front and back",
                   "centrally in the anteroposterior direction", "in the middle third front-to-back"],
                   ["centrally in the AP plane", "midway anteroposteriorly"],
                   ["about halfway between your front and your back"])}
        elif self.key in _ZONED:
            tab = {"superior": (["upper zone", "in the upper zone", "apical"], ["in the upper zone", "toward the apex",
                   "in the upper part of the chest"], ["in the upper zone"], ["in the top part of your chest"]),
                   "inferior": (["lower zone", "in the lower zone", "basal"], ["in the lower zone", "at the base",
                   "toward the base of the chest"], ["in the lower zone", "basally"], ["low down in your chest"]),
                   "central": (["mid zone", "in the mid zone"], ["in the mid zone", "centred at mid-zone level"],
                   ["at mid-zone level"], ["about halfway down your chest"])}
        else:
            tab = {"superior": (["sup.", "superiorly", "cranially"], ["in the upper part of the image", "superiorly",
                   "cephalad", "toward the head end of the image"], ["superiorly", "cranially", "superior"],
                   ["towards the top of the picture, the head end"]),
                   "inferior": (["inf.", "inferiorly", "caudally"], ["in the lower part of the image", "inferiorly",
                   "caudally", "toward the foot end of the image"], ["inferiorly", "caudally", "inferior"],
                   ["towards the bottom of the picture, the feet end"]),
                   "central": (["mid-height", "central craniocaudally"], ["at mid-height", "around the middle of the image from top to bottom"],
                   ["at mid-level craniocaudally"], ["about halfway down the picture"])}
        i = 0 if A else 1 if R else 2 if M else 3
        return (self.pick(tab[v][i]), "position", "vertical", v)

    def vpos_neg(self):
        v = self.vert
        if self.ori == "LP":
            if v == "central":
                t, val = ("neither clearly anterior nor posterior" if not self.P else "not especially near your front or your back",
                          "not:anterior,posterior")
            else:
                o = _OPP[v]
                t, val = ((f"not {o}" if not self.P else f"not towards your {'back' if o == 'posterior' else 'front'}"),
                          f"not:{o}")
        else:
            if v == "central":
                t, val = ("neither high nor low in the image" if not self.P else "not near the top or the bottom of the picture",
                          "not:superior,inferior")
            else:
                o = _OPP[v]
                t, val = ((f"not {o}" if not self.P else f"not near the {'bottom' if o == 'inferior' else 'top'} of the picture"),
                          f"not:{o}")
        return (t, "position", "vertical", val)

    # -- relations -----------------------------------------------------------------------------------
    def rel(self, other, rel, form="fwd"):
        o = self.oname(other)
        topic = f"rel:{other}:{'lat' if rel in ('left_of', 'right_of') else 'vert'}"
        if form == "rev":  # the other structure is the subject: "the rectum lies behind it"
            verb = "is" if self.P else self.pick(["lies", "sits"])
            return (f"{o} {verb} {self._relword(_INV[rel])} {'them' if self.pl else 'it'}", "position", topic, rel)
        return (f"{self._relword(rel)} {o}", "position", topic, rel)

    def _relword(self, rel):
        A, R, M, P = self.A, self.R, self.M, self.P
        tab = {"left_of": (["Lt of"], ["to the left of", "on the patient's left relative to"], ["left of"], ["further to your left than"]),
               "right_of": (["Rt of"], ["to the right of", "on the patient's right relative to"], ["right of"], ["further to your right than"]),
               "anterior_to": (["ant. to"], ["anterior to", "in front of", "ventral to"], ["anterior to"], ["in front of"]),
               "posterior_to": (["post. to"], ["posterior to", "behind", "dorsal to"], ["posterior to"], ["behind"]),
               "superior_to": (["sup. to"], ["superior to", "above", "cranial to", "cephalad to"], ["superior to"], ["above"]),
               "inferior_to": (["inf. to"], ["inferior to", "below", "caudal to"], ["inferior to"], ["below"])}
        i = 0 if A else 1 if R else 2 if M else 3
        return self.pick(tab[rel][i])

    # -- size --------------------------------------------------------------------------------------
    def cls_word(self, v, attr=False):
        A, R, M, P = self.A, self.R, self.M, self.P
        if attr:
            tab = {"small": ["small"] + (["tiny"] if self.pct < 0.4 and v == self.cls else []),
                   "medium": ["medium-sized", "moderate-sized", "mid-sized"], "large": ["large", "sizeable", "extensive"]}
        else:
            tab = {"small": (["small"], ["small", "relatively small", "small on this section"], ["small"],
                             ["small", "quite small"]),
                   "medium": (["medium", "moderate-sized", "mid-sized"], ["medium-sized", "moderate in size",
                              "intermediate in size"], ["medium-sized", "moderate-sized"], ["medium-sized", "middling in size"]),
                   "large": (["large"], ["large", "sizeable", "extensive"], ["large", "extensive"], ["big", "large"])}
            tab = {k: v2[0 if A else 1 if R else 2 if M else 3] for k, v2 in tab.items()}
        return (self.pick(tab[v]), "size", "size", f"class:{v}")

    def pct_ph(self, pct):
        s = _fmt(pct)
        A, R, M, P = self.A, self.R, self.M, self.P
        if A:
            t = self.pick([f"~{s}% of image", f"{s}% of the slice", f"approx. {s}% of FOV"])
        elif R:
            t = self.pick([f"about {s}% of the image", f"roughly {s} percent of the slice", f"close to {s}% of the field of view"])
        elif M:
            t = self.pick([f"~{s}% of the field of view", f"about {s}% of the image area"])
        else:
            t = self.pick([f"about {s}% of the picture", f"roughly {s} in every 100 dots of the picture"] if pct >= 1
                          else [f"about {s}% of the picture", f"well under 1% of the picture, about {s}%"])
        return (t, "size", "size", f"pct:{s}")

    def frac_ph(self):
        x = self.pct / 100.0
        for val, word in _FRACS:
            if abs(val - x) / x < 0.1:
                t = self.pick([f"roughly {word} of the slice", f"about {word} of the image", f"close to {word} of the field"])
                if self.P:
                    t = self.pick([f"roughly {word} of the picture", f"about {word} of the whole picture"])
                return (t, "size", "size", f"frac:{val:.5f}")
        return None

    def size_neg(self):
        if self.cls == "small":
            t, v = self.pick([("by no means large", "not:large"), ("not large", "not:large")])
        elif self.cls == "large":
            t, v = self.pick([("far from small", "not:small"), ("certainly not small", "not:small")])
        else:
            t, v = ("neither small nor large", "not:small,large")
        return (t, "size", "size", v)

    # -- count ---------------------------------------------------------------------------------------
    def count_ph(self, n, form="np"):
        """A count claim: form np (noun phrase: 'three separate regions') or pred (after 'is': 'solitary')."""
        A, R, M, P = self.A, self.R, self.M, self.P
        N = _NUM.get(n, str(n))
        unit = "foci" if self.les else "components"
        if n == 1:
            if form == "np":
                opts = (["single contiguous region", "one component", "one piece"] if A else
                        ["one single area", "one continuous area"] if P else
                        ["a single contiguous region", "one connected piece", "a single component"])
            elif self.key in ("liver_ax", "gbm_mr"):
                opts = ["lobulated but in one connected piece", "bilobed in outline yet a single connected piece"]
            else:
                opts = (["all in one piece", "in one single piece"] if P else
                        ["solitary", "unifocal", "in one piece"] if self.les else ["in one piece", "a single contiguous region"])
        elif form == "np":
            opts = ([f"{n} separate {unit}", f"{n} discrete {unit}"] if A else
                    [f"{N} separate {'spots' if self.les else 'areas'}", f"{N} separate areas"] if P else
                    [f"{N} separate regions", f"{N} distinct {unit}", f"{N} discrete {unit}"]
                    + (["a pair of separate components"] if n == 2 and R else []))
        else:
            opts = ([f"in {N} separate pieces", f"split into {N} separate {'spots' if self.les else 'parts'}"] if P else
                    [f"split into {N} separate regions", f"made up of {N} separate components"]
                    + ([f"multifocal, with {N} foci"] if self.les else []))
        return (self.pick(opts), "count", "count", f"n:{n}")

    def count_neg(self):
        if self.n == 1:
            return (self.pick(["no second separate piece", "no separate second component"]), "count", "count", "n:1")
        return (self.pick(["not a single piece", "not one contiguous region"]), "count", "count", "not:1")

    def dims(self):
        x0, y0, x1, y1 = self.f["bbox"]
        mm = self.p["mm"]
        w, h = (x1 - x0 + 1) * mm / 10.0, (y1 - y0 + 1) * mm / 10.0
        return w, h


# ---------------------------------------------------------------------------------------------------
# sentences: each appends one full sentence (with a leading space when needed) to a turn
# ---------------------------------------------------------------------------------------------------

def _sp(t: _Turn):
    if t.text() and not t.text().endswith(("\n", " ")):
        t.p(" ")


def _subj(x, t, allow_name=True):
    """Write a subject; returns (plural, lower-case form used)."""
    s, pl = x.subj(allow_name)
    return s, pl


def sent_side(x, t, v, single=True, stance="assert"):
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    if A:
        k = x.pick(["side", "lies", "bare", "conv"] if single else ["lies_conv", "side", "lies"])
        if k == "side":
            t.p("Side: "), t.c(x.side(v, "adj"), stance), t.end()
        elif k == "lies":
            t.p("Lies "), t.c(x.side(v, "loc"), stance), t.end()
        elif k == "bare":
            ph = x.side(v, "loc")
            t.c((_cap(ph[0]),) + ph[1:], stance), t.end()
        elif k == "conv":
            t.p("Pos.: "), t.c(x.side(v, "conv"), stance), t.end()
        else:
            t.p("Lies "), t.c(x.side(v, "loc"), stance), t.p(" ("), t.c(x.side(v, "conv"), stance), t.p(").")
    elif R:
        k = x.pick(["lies", "slice", "conv"] if single else ["lies_conv", "lies", "conv"] + (["rhet"] if v in ("left", "right") else []))
        if k == "rhet":
            it, be = ("they", "are") if x.pl else ("it", "is")
            t.p(f"Why {'do' if x.pl else 'does'} {it} appear "), \
                t.c((f"on the {_OPP[v]} of the screen", "laterality", "side", v), stance), \
                t.s("? Because of the display convention: ", "convention"), t.p(f"{it} {be} "), t.c(x.side(v, "loc"), stance), t.end()
            return
        if k == "lies":
            t.p(f"{s} {_v('lies', pl)} "), t.c(x.side(v, "loc"), stance), t.end()
        elif k == "slice":
            t.s("On this slice ", "hedge"), t.p(f"{_low(s)} {_v('is', pl)} "), t.c(x.side(v, "adj"), stance), t.end()
        elif k == "conv":
            t.p(f"{s} {_v('appears', pl)} "), t.c(x.side(v, "conv"), stance), t.end()
        else:
            t.p(f"{s} {_v('lies', pl)} "), t.c(x.side(v, "loc"), stance), t.p("; on screen it appears "), \
                t.c(x.side(v, "conv"), stance), t.end()
    elif M:
        k = x.pick(["lat", "is", "located"])
        if k == "lat":
            t.p("Laterality: "), t.c(x.side(v, "adj"), stance)
        elif k == "is":
            t.p(f"{s} {_v('is', pl)} "), t.c(x.side(v, "adj"), stance)
        else:
            t.p("Located "), t.c(x.side(v, "loc"), stance)
        if not single:
            t.p(" ("), t.c(x.side(v, "conv"), stance), t.p(")")
        t.end()
    else:
        k = x.pick(["is", "conv", "find"] if single else ["is_conv", "conv", "is"])
        if k == "find":
            t.p(f"You'll find {'them' if x.pl else 'it'} "), t.c(x.side(v, "loc"), stance), t.end()
        elif k == "is":
            t.p(f"{s} {_v('is', pl)} "), t.c(x.side(v, "loc"), stance), t.end()
        elif k == "conv":
            t.p(f"{s} {_v('is', pl)} "), t.c(x.side(v, "conv"), stance), t.end()
        else:
            t.p(f"{s} {_v('is', pl)} "), t.c(x.side(v, "loc"), stance), t.p(" — "), \
                t.s("on the picture that can look back to front, because scans are displayed as if "
                    + ("we were looking up from your feet" if x.ori == "LP" else "you were facing us"), "convention"), t.end()


def sent_vert(x, t, v, stance="assert"):
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    ph = x.vpos(v)
    if A:
        k = x.pick(["pos", "bare", "sits"])
        if k == "pos":
            t.p("Position: "), t.c(ph, stance), t.end()
        elif k == "bare":
            t.c((_cap(ph[0]),) + ph[1:], stance), t.end()
        else:
            t.p("Sits "), t.c(ph, stance), t.end()
    elif R:
        k = x.pick(["sits", "axis"])
        if k == "sits":
            t.p(f"{s} {_v('sits', pl)} "), t.c(ph, stance), t.end()
        else:
            lead = x.pick(["Within the slice, ", "On this image, "]) if x.ori == "LP" else "Craniocaudally, "
            t.p(lead), t.p(f"{_low(s)} {_v('lies', pl)} "), t.c(ph, stance), t.end()
    elif M:
        if x.pick([0, 1]):
            t.p("Position: "), t.c(ph, stance), t.end()
        else:
            t.p(f"{s} {_v('lies', pl)} "), t.c(ph, stance), t.end()
    else:
        t.p(f"{s} {_v('sits', pl)} "), t.c(ph, stance), t.end()


def sent_sidevert(x, t, side, vert, stance="assert"):
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    if A:
        ph = x.side(side, "loc")
        t.c((_cap(ph[0]),) + ph[1:], stance), t.p(", "), t.c(x.vpos(vert), stance), t.end()
    elif R:
        if x.pick([0, 1]):
            t.p(f"{s} {_v('lies', pl)} "), t.c(x.side(side, "loc"), stance), t.p(" and "), t.c(x.vpos(vert), stance), t.end()
        else:
            t.s("On this slice ", "hedge"), t.p(f"{_low(s)} {_v('sits', pl)} "), t.c(x.vpos(vert), stance), t.p(", "), \
                t.c(x.side(side, "loc"), stance), t.end()
    elif M:
        t.p(f"{s} {_v('is', pl)} "), t.c(x.side(side, "adj"), stance), t.p(f" and {_v('sits', pl)} "), \
            t.c(x.vpos(vert), stance), t.end()
    else:
        t.p(f"{s} {_v('is', pl)} "), t.c(x.side(side, "loc"), stance), t.p(", "), t.c(x.vpos(vert), stance), t.end()


def sent_rel(x, t, rels, stance="assert"):
    """rels: list of (other, relation) stated in one sentence."""
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    if len(rels) == 1 and not A and x.pick([0, 0, 1]):
        ph = x.rel(*rels[0], form="rev")
        t.c((_cap(ph[0]),) + ph[1:], stance), t.end()
        return
    if A:
        t.p(x.pick(["Rel.: ", "Relations: ", ""]))
        for i, (o, r) in enumerate(rels):
            ph = x.rel(o, r)
            if i == 0 and not t.text().endswith(": "):
                ph = (_cap(ph[0]),) + ph[1:]
            if i:
                t.p("; ")
            t.c(ph, stance)
        t.end()
        return
    if M:
        t.p("Relations: ")
    else:
        t.p(f"{s} {_v('lies', pl)} ")
    for i, (o, r) in enumerate(rels):
        if i:
            t.p(" and ")
        t.c(x.rel(o, r), stance)
    t.end()


def sent_size(x, t, mode, cls=None, pct=None, stance="assert"):
    """mode: cls, pct, both, frac, neg."""
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    if mode == "frac":
        ph = x.frac_ph()
        if A:
            t.p("Occupies "), t.c(ph, stance), t.end()
        elif M:
            t.p("Extent: "), t.c(ph, stance), t.end()
        else:
            t.p(f"{s} {_v('takes', pl)} up "), t.c(ph, stance), t.end()
        return
    if mode == "neg":
        t.p(f"{s} {_v('is', pl)} "), t.c(x.size_neg(), stance), t.p(" on this image.")
        return
    if A:
        if mode == "cls":
            if x.pick([0, 1]):
                t.p("Size: "), t.c(x.cls_word(cls), stance), t.end()
            else:
                ph = x.cls_word(cls)
                t.c((_cap(ph[0]),) + ph[1:], stance), t.p(" on this slice.")
        elif mode == "pct":
            t.p(x.pick(["Covers ", "Area "])), t.c(x.pct_ph(pct), stance), t.end()
        else:
            t.p("Size: "), t.c(x.cls_word(cls), stance), t.p(", "), t.c(x.pct_ph(pct), stance), t.end()
    elif R:
        if mode == "cls":
            if x.pick([0, 1]):
                t.p(f"{s} {_v('is', pl)} "), t.c(x.cls_word(cls), stance), t.end()
            else:
                t.p("In terms of area, "), t.p(f"{_low(s)} {_v('is', pl)} "), t.c(x.cls_word(cls), stance), t.end()
        elif mode == "pct":
            t.p(x.pick([f"{s} {_v('covers', pl)} ", "The mask takes up "])), t.c(x.pct_ph(pct), stance), t.end()
        else:
            t.p(f"{s} {_v('is', pl)} "), t.c(x.cls_word(cls), stance), t.p(", covering "), t.c(x.pct_ph(pct), stance), t.end()
    elif M:
        if mode == "cls":
            t.p("Extent: "), t.c(x.cls_word(cls), stance), t.end()
        elif mode == "pct":
            t.p("Extent: "), t.c(x.pct_ph(pct), stance), t.end()
        else:
            t.p("Extent: "), t.c(x.cls_word(cls), stance), t.p(" ("), t.c(x.pct_ph(pct), stance), t.p(").")
    else:
        if mode == "cls":
            t.p(f"{s} {_v('is', pl)} "), t.c(x.cls_word(cls), stance), t.p(" on this picture.")
        elif mode == "pct":
            t.p(f"{s} {_v('takes', pl)} up "), t.c(x.pct_ph(pct), stance), t.end()
        else:
            t.p(f"{s} {_v('is', pl)} "), t.c(x.cls_word(cls), stance), t.p(f" — {'they take' if pl else 'it takes'} up "), \
                t.c(x.pct_ph(pct), stance), t.end()


def sent_count(x, t, n, stance="assert"):
    _sp(t)
    s, pl = x.subj()
    A, R, M, P = x.A, x.R, x.M, x.P
    if A:
        ph = x.count_ph(n, "np")
        t.c((_cap(ph[0]),) + ph[1:], stance), t.end()
        return
    if M and x.pick([0, 1]):
        ph = x.count_ph(n, "np")
        t.c((_cap(ph[0]),) + ph[1:], stance), t.end()
        return
    k = x.pick(["np", "pred", "consists"])
    if k == "np":
        t.p(f"{s} {_v('forms', pl)} " if not P else "On the picture there " + ("is " if n == 1 else "are ")), \
            t.c(x.count_ph(n, "np"), stance), t.end()
    elif k == "pred":
        t.p(f"{s} {_v('is', pl)} "), t.c(x.count_ph(n, "pred"), stance), t.end()
    else:
        if P:
            t.p("The highlighted part is "), t.c(x.count_ph(n, "pred"), stance), t.end()
        else:
            t.p(x.pick(["The mask consists of ", "The segmentation consists of "])), t.c(x.count_ph(n, "np"), stance), t.end()


def sent_know(x, t, lay=None):
    lay = x.P if lay is None else lay
    k = x.know(lay)
    if k is None:
        return None
    _sp(t)
    if x.A:
        t.p(x.pick(["NB: ", "FYI: ", ""])), t.s(k)
    elif x.R:
        lead = x.pick(["", "Of note, ", "As an aside, ", "Worth remembering: "])
        t.p(lead), t.s(_low(k) if lead in ("Of note, ", "As an aside, ") else k)
    elif x.M:
        lab = [w for w in ["Relevance: ", "Background: ", "Note for the board: ", "Also: "] if w not in x.used] or ["Also: "]
        w = x.pick(lab)
        x.used.add(w)
        t.p(w), t.s(k)
    else:
        t.s(k)
    return k


_CONV = {
    "P_LP": ["Scans are shown as if we were looking up from your feet, so your left side appears on the right of the picture.",
             "Doctors view these pictures as though standing at the foot of your bed, which flips left and right on the screen.",
             "It's a viewing convention: your right side is drawn on the left of the picture."],
    "P_LI": ["Pictures like this are shown as if you were facing us, so your left side appears on the right of the picture.",
             "It's a viewing convention: we look at the picture as if you were standing in front of us, so sides swap on the screen.",
             "Your right side is drawn on the left of the picture, as if you were facing the viewer."],
    "XR": ["A PA film is hung as though the patient faces you, so their left is on your right.",
           "By convention the patient's right is on the viewer's left on a frontal film.",
           "Frontal films are read as if facing the patient, hence the swap of sides on screen."],
    "A_LP": ["(Radiol. conv.: pt's Lt on viewer's Rt.)", "(Viewed from feet: image R = pt Lt.)", "(Std radiological orientation.)"],
    "A_LI": ["(Coronal: pt's Rt on viewer's L.)", "(Viewed as if facing pt: image L = pt Rt.)", "(Std coronal display.)"],
    "LP": ["Axial images are displayed as if viewed from the feet, so the patient's left is on the viewer's right.",
           "By radiological convention the patient's right appears on the left of the screen.",
           "Axial slices are read as if standing at the foot of the table, which swaps the sides on screen."],
    "LI": ["Coronal images are displayed as if facing the patient, so the patient's right is on the viewer's left.",
           "Coronal reformats are viewed as though facing the patient, which puts the patient's left on the screen's right.",
           "The display convention for coronal images swaps the sides relative to the viewer."],
}


def sent_conv_general(x, t):
    """A general sentence on the display convention (no claim about the mask); a different one each time."""
    key = ("P_" + x.ori) if x.P else ("A_" + x.ori) if x.A else "XR" if x.mod == "XR" else x.ori
    left = [c for c in _CONV[key] if c not in x.used]
    if not left:
        return
    c = x.pick(left)
    x.used.add(c)
    _sp(t)
    t.s(c, "convention")


def sent_dims(x, t):
    if "dims" in x.used:
        return
    x.used.add("dims")
    _sp(t)
    w, h = x.dims()
    if x.A:
        t.s(f"Measures ~{w:.1f} x {h:.1f} cm in-plane.", "dimension")
    elif x.R:
        t.s(f"In-plane it measures roughly {w:.1f} x {h:.1f} cm.", "dimension")
    elif x.M:
        t.s(f"Dimensions {w:.1f} x {h:.1f} cm (in-plane).", "dimension")
    else:
        t.s(f"On this picture it measures about {w:.1f} by {h:.1f} cm.", "dimension")


def sent_hypo(x, t):
    """A true hypothetical about side: 'were it on the left, ...' claims it is not on the left."""
    _sp(t)
    o = _OPP[x.lat]
    if x.P:
        t.p("If "), t.c((f"it were on your {o} side", "laterality", "side", f"not:{o}")), \
            t.s(", it would show up on the other half of the picture.", "hypothetical")
    else:
        t.p("Were "), t.c((f"it on the {o}", "laterality", "side", f"not:{o}")), \
            t.s(", it would sit in the other half of the image.", "hypothetical")


def sent_neg(x, t, topic):
    """A true negation on a topic."""
    _sp(t)
    s, pl = x.subj()
    lead = x.pick(["To be clear, ", "For clarity, ", ""]) if not x.A else ""
    ph = {"side": x.side_neg, "vert": x.vpos_neg, "size": x.size_neg, "count": x.count_neg}[topic]()
    if topic == "count" and x.n == 1:
        t.p(lead + ("there is " if lead else "There is ")), t.c(ph), t.end()
        return
    t.p(lead), t.p(f"{_low(s) if lead else s} {_v('is', pl)} "), t.c(ph), t.end()


# ---------------------------------------------------------------------------------------------------
# turns
# ---------------------------------------------------------------------------------------------------

def _first_user(x, t, named: bool):
    obj = x.pick(x.c["named"]) if named else x.pick(x.c["clue"])
    scan = x.scan()
    why = "named" if named else "clue"
    story = not named and x.r.random() < 0.35
    it, its, sits, lies, is_ = (("them", "they", "they sit", "they lie", "they are") if x.pl else ("it", "it", "it sits", "it lies", "it is"))
    if x.A:
        if story:
            t.s(x.pick(x.c["story"]), "story"), t.s(" Segment the relevant structure; short desc.", "question")
        else:
            pre, post = x.pick([("Seg request: ", f" on this {scan}. Brief desc."), ("Please outline ", f" on this {scan}. Keep it tight."),
                                ("Need ", f" segmented on this {scan}; clipped summary fine."),
                                ("Segment ", f", {scan}. Short description, I'll sign off.")])
            t.s(pre, "question"), t.s(obj, why), t.s(post, "question")
    elif x.R:
        if story:
            t.s(x.pick(x.c["story"]), "story"), t.s(" Could you segment the structure responsible and walk me through where it sits?", "question")
        else:
            pre, post = x.pick([(f"I'm preparing a case for morning report. On this {scan}, could you segment ", f" and describe where {lies}?"),
                                ("Could you segment ", f" on this {scan}? I'd like to check my own description against yours."),
                                (f"Attending asked me to draft this one. Please segment ", f" on the {scan} and describe {it}.")])
            t.s(pre, "question"), t.s(obj, why), t.s(post, "question")
    elif x.M:
        if story:
            t.s("Board case. ", "question"), t.s(x.pick(x.c["story"]), "story"), \
                t.s(" Please outline the relevant structure and give us a summary line.", "question")
        else:
            pre, post = x.pick([("For tomorrow's MDT: please segment ", f" on this {scan} and summarise location and extent."),
                                ("Ahead of the multidisciplinary meeting, can you segment ", f" here ({scan}) and describe {it} for the minutes?"),
                                ("Board prep: outline ", f" on the {scan}, please, with a short imaging summary.")])
            t.s(pre, "question"), t.s(obj, why), t.s(post, "question")
    else:
        pre, post = x.pick([("My doctor talked about ", f". Could you highlight {it} on my {x.scan_lay()} and explain where {is_} in plain words?"),
                            (f"I've had {'an' if x.mod == 'MR' else 'a'} {x.scan_lay()} and I'm trying to understand it. Can you show me ", f" and tell me about {it} simply?"),
                            ("The letter from the clinic mentions ", f". Where {'are those' if x.pl else 'is that'} on my {x.scan_lay()}? Please colour {it} in.")])
        t.s(pre, "question"), t.s(obj, why), t.s(post, "question")


def _opening(x, t):
    nm, pl = x.nm, x.pl
    if x.A:
        o = x.pick([f"{_cap(nm)} [SEG].", f"Seg: {nm} [SEG].", f"{_cap(nm)} outlined [SEG].", f"Target = {nm} [SEG]."])
    elif x.R:
        o = x.pick([f"These are the {nm}, which I've segmented here [SEG].", f"The structures you describe are the {nm} [SEG].",
                    f"You're describing the {nm}; the segmentation is shown here [SEG]."] if pl else
                   [f"This is the {nm}, which I've segmented here [SEG].", f"The structure you describe is the {nm} [SEG].",
                    f"You're describing the {nm}; the segmentation is shown here [SEG].", f"That would be the {nm}, outlined here [SEG]."])
    elif x.M:
        o = x.pick([f"Imaging summary: the {nm} {'are' if pl else 'is'} segmented [SEG].",
                    f"For the board: target identified as the {nm} [SEG].", f"Radiology: {nm} segmented [SEG].",
                    f"MDT imaging review — the {nm} [SEG]."])
    else:
        own = "the" if x.les else "your"
        o = x.pick([f"The {'parts' if pl else 'part'} you're asking about {'are' if pl else 'is'} {own} {x.lay_full()}, highlighted here [SEG].",
                    f"{'Those are' if pl else 'That is'} {own} {x.lay_full()} — I've coloured {'them' if pl else 'it'} in for you here [SEG].",
                    f"What you're describing {'are' if pl else 'is'} {own} {x.lay_full()}, shown here [SEG]."])
    t.s(o, "name")


def _why(x, t):
    _sp(t)
    w = x.pick(x.c["why"])
    if x.A:
        if x.pick([0, 1]):
            t.s(f"{_cap(w)}; c/w {x.nm}.", "why")
        else:
            t.s(f"Appearance: {w}.", "why")
    elif x.R:
        if x.pick([0, 1]):
            t.s(f"I identified {'them' if x.pl else 'it'} from {w}.", "why")
        else:
            t.s(f"The appearance — {w} — fits the {x.nm}.", "why")
    elif x.M:
        t.s(f"Radiology comment: {w}.", "why")
    else:
        it = "them" if x.pl else "it"
        t.s(x.pick([f"Doctors recognise {it} by shape and by how {'they look' if x.pl else 'it looks'} on the scan.",
                    f"You can tell {it} apart from {'their' if x.pl else 'its'} shape and brightness on the scan."]), "why")


def _state(x, t, topic, val, single, stance="assert"):
    """One sentence about one topic; val is the value to claim (true or planted)."""
    if topic == "side":
        sent_side(x, t, val, single=single, stance=stance)
    elif topic == "vert":
        sent_vert(x, t, val, stance=stance)
    elif topic == "rel":
        sent_rel(x, t, val, stance=stance)
    elif topic == "size":
        mode, v = val
        if mode == "cls":
            sent_size(x, t, "cls", cls=v, stance=stance)
        elif mode == "pct":
            sent_size(x, t, "pct", pct=v, stance=stance)
        elif mode == "both":
            sent_size(x, t, "both", cls=v[0], pct=v[1], stance=stance)
        else:
            sent_size(x, t, "frac", stance=stance)
    elif topic == "count":
        sent_count(x, t, val, stance=stance)


def _true_size(x, single=False):
    modes = ["cls", "pct"] + ([] if single else ["both", "both"]) + (["frac"] if x.frac_ph() else [])
    m = x.pick(modes)
    return (m, x.cls if m == "cls" else x.pct if m == "pct" else (x.cls, x.pct) if m == "both" else None)


def _first_answer(x, t, plan):
    _opening(x, t)
    if x.r.random() < 0.7:
        _why(x, t)
    if x.M:
        t.p(" Findings:")
    topics = list(plan["first"])
    x.r.shuffle(topics)
    d = plan["dtopic"]
    if "side" in topics and "vert" in topics and x.r.random() < 0.4:
        i, j = topics.index("side"), topics.index("vert")
        topics[min(i, j)] = "sidevert"
        topics.remove("vert" if i < j else "side")
    for tp in topics:
        if tp == "sidevert":
            sv = plan["val"]["side"], plan["val"]["vert"]
            sent_sidevert(x, t, sv[0], sv[1])
        else:
            single = d == tp or x.r.random() < 0.5
            _state(x, t, tp, plan["val"][tp], single)
    # true extras that a reader could misread
    negs = [tp for tp in ("side", "vert", "size", "count") if tp != d]
    if x.r.random() < 0.35:
        sent_neg(x, t, x.pick(negs))
    if x.lat in ("left", "right") and d != "side" and not x.A and not x.M and x.r.random() < 0.3:
        sent_hypo(x, t)
    if x.n == 1 and x.r.random() < 0.4:
        sent_dims(x, t)
    if (x.R or x.M) and x.r.random() < 0.2:
        _sp(t), t.s(x.pick(["(Single-slice assessment; other levels may differ.)", "This is from one slice only.",
                            "Other levels of the study may look different."]), "hedge")
    if x.M:
        x.used.add("Relevance: ")
        _sp(t), t.p("Relevance:"), sent_know_plain(x, t)
    else:
        sent_know(x, t)
    if x.r.random() < 0.4 and not x.P:
        sent_know(x, t)
    if x.r.random() < 0.3:
        sent_conv_general(x, t)
    if x.P and x.r.random() < 0.5:
        _sp(t), t.s("Your doctor will go through what this means for you.", "reassure")
    if x.M and x.r.random() < 0.5:
        _sp(t), t.s(x.pick(["Action: correlate with prior imaging and the clinical picture.",
                            "Action: compare with the previous study before the meeting."]), "action")


def sent_know_plain(x, t):
    k = x.know(False)
    if k:
        _sp(t), t.s(k)


_Q = {  # follow-up questions, by register: attending, resident, multidisciplinary, patient
    "side": (["Side?", "Laterality?", "Rt or Lt?"],
             ["Which side of the patient is it on?", "Can you confirm the laterality?", "Is that the patient's side or just the screen's?"],
             ["Laterality for the minutes, please.", "Confirm the side before we list it."],
             ["Which side of my body is that?", "Is that on my left or my right?"]),
    "vert_LP": (["Ant. or post.?", "AP position?"], ["Where does it sit front-to-back?", "Is it anterior or posterior on this slice?"],
                ["AP position for the record?"], ["Is it nearer my front or my back?"]),
    "vert_LI": (["Sup. or inf.?", "Craniocaudal position?"], ["Is it in the upper or the lower part of the image?",
                "Where does it sit craniocaudally?"], ["Craniocaudal position for the record?"],
                ["Is it near the top or the bottom of the picture?"]),
    "size": (["Size?", "How big on this slice?"], ["How large is it on this slice?", "What fraction of the image does it take up?"],
             ["Extent on this slice?", "How much of the field does it occupy?"], ["How big is it?", "Is it big?"]),
    "count": (["Single or multiple?", "No. of components?"], ["Is it one region or several?", "How many separate regions are there?"],
              ["Unifocal or multifocal?", "How many separate components for the record?"], ["Is it one piece or more than one?"]),
    "summary": (["One-liner for the report.", "Summarise."], ["Could you summarise the findings in a sentence or two?",
                "Can you give me a short summary for my note?"], ["Summary line for the minutes, please.",
                "Can you give the board a one-line summary?"], ["Can you sum it up simply for me?", "So what's the short version?"]),
    "know": (["Anything else relevant?", "Any pearls?"], ["Anything anatomically relevant I should mention?", "Why does this matter clinically?"],
             ["Any points for the surgeons?", "Anything the board should weigh?"], ["What does it actually do?", "Can you tell me a bit more about it?"]),
}

_LEAD = (["", "", "To clarify: "], ["Sure. ", "Good question. ", "", "Happy to clarify. ", "Of course. "],
         ["For the minutes: ", "For the record: ", "", ""], ["Good question. ", "Of course. ", "", "Let me explain. "])
_CORR = (["No. ", "Not so. ", "Disagree. "], ["Not quite. ", "Actually, no. ", "I'd correct that. ", "A correction: "],
         ["The imaging says otherwise. ", "We should correct that for the minutes. "],
         ["Not quite. ", "That's a common mix-up, but no. "])
_YES = (["Correct. ", "Agree. "], ["Correct. ", "Yes, agreed. "], ["Confirmed. ", "Agreed. "], ["Yes. ", "Yes, exactly. "])


def _ri(x):
    return 0 if x.A else 1 if x.R else 2 if x.M else 3


def _q(x, key):
    if key == "vert":
        key = f"vert_{x.ori}"
    return x.pick(_Q[key][_ri(x)])


def _prem_phrase(x, topic, val):
    """The claim a user makes in a premise."""
    if topic == "side":
        return x.side(val, "loc" if x.P else "adj")
    if topic == "vert":
        return x.vpos(val)
    if topic == "size":
        mode, v = val
        return x.cls_word(v) if mode == "cls" else x.pct_ph(v)
    if topic == "count":
        return x.count_ph(val, "np")
    if topic == "rel":
        return x.rel(*val[0])


def _premise(x, t, topic, val, frame):
    """User turn with a premise claim; frame 'check' (asks to confirm) or 'use' (builds a question on it)."""
    ph = _prem_phrase(x, topic, val)
    i = _ri(x)
    n1 = topic == "count" and val == 1
    if frame == "check":
        tab = {"side": ([("", ", correct?"), ("Confirm ", "?")], [("So it's ", ", correct?"), ("I'd written it up as ", " — is that right?"),
                        ("My read was ", "; do you agree?")], [("We have it down as ", "; can you confirm?"),
                        ("The referral says ", " — does the imaging agree?")], [("So it's ", "?"), ("The nurse said it was ", " — is that right?")]),
               "vert": ([("Sits ", ", correct?")], [("So it sits ", ", right?"), ("I'd described it as lying ", " — agree?")],
                        [("We have it lying ", "; confirm?")], [("So it's ", "?")]),
               "size": ([("", " on this slice, correct?")], [("It looks ", " to me — fair?"), ("So it's ", " on this slice?")],
                        [("We'd call it ", "; agreed?")], [("So it's ", "?"), ("The doctor said it was ", " — is that so?")]),
               "count": ([("I count ", " — agree?")], [("I count ", " — do you agree?"), (f"So there {'is' if n1 else 'are'} ", ", correct?")],
                         [("The report mentions ", "; confirm?")], [(f"The doctor said there {'was' if n1 else 'were'} ", " — is that right?")]),
               "rel": ([("Lies ", ", correct?")], [("So it lies ", ", right?")], [("We have it ", "; confirm?")], [("So it's ", "?")])}
    else:
        tab = {"side": ([("Given ", ", compare w/ contralateral side?")], [("Since it's ", ", which surgical approach would usually be used?")],
                        [("Being ", ", does that change the plan?")], [("Since it's ", ", is that why I've had pain there?")]),
               "vert": ([("Given it sits ", ", percutaneous access feasible?")], [("Since it sits ", ", would ultrasound reach it easily?")],
                        [("With it lying ", ", should IR comment on access?")], [("Since it's ", ", will the doctors be able to reach it easily?")]),
               "size": ([("Given ", " on this slice, worrying?")], [("Given that it's ", " on this slice, should we be concerned?")],
                        [("As it's ", " here, does that affect the plan?")], [("Since it's ", ", should I be worried?")]),
               "count": ([("With ", ", label each separately?")], [("With ", ", should each get its own label?")],
                         [("With ", ", does each need its own measurement for the minutes?")], [("With ", ", does that change anything?")]),
               "rel": ([("Lies ", " — relevant for surgery?")], [("As it lies ", ", is that structure at risk during surgery?")],
                       [("Given it lies ", ", should surgery comment?")], [("As it's ", ", could that cause problems?")])}
        if topic == "size" and val[0] == "pct":
            tab["size"] = ([("Covers ", " — worrying?")], [("Since it covers ", ", should we be concerned?")],
                           [("As it occupies ", ", does that affect the plan?")], [("Since it takes up ", ", should I be worried?")])
    pre, post = x.pick(tab[topic][i])
    if x.P:
        ph = (ph[0].replace("your", "my"),) + ph[1:]
    if not pre:
        ph = (_cap(ph[0]),) + ph[1:]
    t.s(pre, "question") if pre else None
    t.c(ph, "premise")
    t.s(post, "question")


_USE_ANS = {
    "side": ("Worth comparing with the contralateral side on adjacent slices.",
             "That depends on the procedure and the surgeon; access is planned on the full volume, not on one image.",
             "Not by itself; the plan rests on the clinical question, the full study and the patient's fitness.",
             "Pain isn't always felt exactly where a structure sits; your doctor will put the scan together with your symptoms."),
    "vert": ("Access is planned on the whole volume with vessels and bowel in mind; IR to advise.",
             "Ultrasound access depends on the acoustic window: gas, bone and body habitus matter as much as depth.",
             "IR input on the full study would be sensible.",
             "That depends on things the doctors check on the whole scan, not just this one picture."),
    "size": ("Area on one slice depends on where the cut falls; trend and volume matter more.",
             "Area on one slice depends heavily on where the slice cuts, so the trend over time and the full volume matter more.",
             "A single slice is a poor guide; the board should use volumetric measurements.",
             "How much of one picture something fills depends on where the slice cuts; your doctor will look at the whole scan."),
    "count": ("Separate labels per component make follow-up comparison easier.",
              "Giving each connected component its own label makes follow-up comparison easier.",
              "Measuring each component separately keeps the follow-up comparison clean.",
              "Your doctor will explain what the scan means for your treatment."),
    "rel": ("Proximity is judged on the full stack; surgeons to review adjacent slices.",
            "Proximity is judged on the full stack; the surgeons will review the adjacent slices.",
            "Surgical review of the adjacent slices is recommended.",
            "The surgeons look at all the pictures together to judge that."),
}


def _summary(x, t, topics, plan):
    """A summary answer restating true facts on `topics`."""
    i = _ri(x)
    t.p(x.pick((["Summary: ", "Upshot: "], ["In summary: ", "To sum up: "], ["Summary for the minutes: ", "Board summary: "],
                ["In short: ", "The short version: "])[i]))
    if x.A or x.M:
        t.s(f"{x.nm}", "name"), t.p(" — " if x.M else ", ")
        parts = []
        for tp in topics:
            parts.append(tp)
        for k, tp in enumerate(parts):
            if k:
                t.p("; " if x.M else ", ")
            if tp == "side":
                t.c(x.side(x.lat, "adj"))
            elif tp == "vert":
                t.c(x.vpos(x.vert))
            elif tp == "size":
                t.c(x.cls_word(x.cls)), t.p(" ("), t.c(x.pct_ph(x.pct)), t.p(")")
            elif tp == "count":
                t.c(x.count_ph(x.n, "np"))
            elif tp == "rel":
                t.c(x.rel(*plan["rels_ok"][0]))
        t.end()
        return
    first = True
    for tp in topics:
        if tp == "side":
            sent_side(x, t, x.lat)
        elif tp == "vert":
            sent_vert(x, t, x.vert)
        elif tp == "size":
            sent_size(x, t, "cls", cls=x.cls)
        elif tp == "count":
            sent_count(x, t, x.n)
        elif tp == "rel":
            sent_rel(x, t, [plan["rels_ok"][0]])
        first = False


def _round(x, ut, at, item, plan):
    kind = item[0]
    i = _ri(x)
    if kind in ("ask", "ask_false"):
        topic, val = item[1], item[2]
        if topic == "rel":
            o = val[0][0]
            qs = ([f"Rel. to {{o}}?"], [f"How does it relate to {{o}}?", f"Where is it relative to {{o}}?"],
                  [f"Relationship to {{o}}?"], [f"Where is it compared with {{o}}?"])[i]
            ut.s(x.pick(qs).replace("{o}", x.oname(o)), "question")
        else:
            ut.s(_q(x, topic), "question")
        at.p(x.pick(_LEAD[i]))
        _state(x, at, topic, val, single=(kind == "ask_false" or x.r.random() < 0.5))
        if topic == "side" and kind == "ask" and x.r.random() < 0.5:
            sent_conv_general(x, at)
        elif x.r.random() < 0.3:
            sent_know(x, at)
    elif kind == "summary":
        ut.s(_q(x, "summary"), "question")
        _summary(x, at, item[1], plan)
    elif kind == "know":
        ut.s(_q(x, "know"), "question")
        k1 = x.know(x.P, fallback=True)
        at.s(k1)
        k2 = x.know(x.P, fallback=True)
        if k2 and x.r.random() < 0.6:
            at.p(" "), at.s(k2)
        if x.n == 1 and x.r.random() < 0.3:
            sent_dims(x, at)
    elif kind == "conv":
        v = x.lat
        img = _OPP[v]
        pre, post = x.pick(([(f"Why image {img[0].upper()} if pt is ", "?")], [(f"Why does it show on the {img} of the screen if it's on the patient's ", "?")],
                            [(f"Quick check for the minutes: image {img}, patient's ", "?")], [(f"Why is it on the {img} of the picture if it's my ", " side?")])[i])
        ut.s(pre, "question"), ut.c((_AB[v] if x.A else v, "laterality", "side", v), "premise"), ut.s(post, "question")
        sent_conv_general(x, at)
        _sp(at)
        if x.A:
            at.p("Hence "), at.c(x.side(v, "conv")), at.end()
        else:
            at.p(x.pick(["So ", "That is why "]) + ("they are " if x.pl else "it is ")), at.c(x.side(v, "conv")), at.end()
    elif kind == "prem_true":
        topic, val = item[1], item[2]
        _premise(x, ut, topic, val, "check")
        if x.P and x.r.random() < 0.4:
            at.s("Yes, that's right. ", "affirm")
        else:
            at.p(x.pick(_YES[i]))
        _state(x, at, topic, val, single=True)
    elif kind == "prem_cor":
        topic, fval, tval = item[1], item[2], item[3]
        _premise(x, ut, topic, fval, "check")
        at.p(x.pick(_CORR[i]))
        _state(x, at, topic, tval, single=True, stance="correction")
        if topic == "side" and x.r.random() < 0.6:
            sent_conv_general(x, at)
    elif kind == "prem_unc":
        topic, fval = item[1], item[2]
        _premise(x, ut, topic, fval, "use")
        at.s(_USE_ANS[topic][i], "answer")
        if x.r.random() < 0.5:
            sent_know(x, at)


# ---------------------------------------------------------------------------------------------------
# planting and build
# ---------------------------------------------------------------------------------------------------

def _false_side(x, rng):
    t = x.lat
    if t in ("left", "right"):
        return rng.choices([_OPP[t], "midline", "bilateral"], [7, 2, 1])[0]
    if t == "midline":
        return rng.choice(["left", "right"])
    return rng.choices(["left", "right", "midline"], [4, 4, 2])[0]


def _false_vert(x, rng):
    axis = ["anterior", "posterior"] if x.ori == "LP" else ["superior", "inferior"]
    if x.vert == "central":
        return rng.choice(axis)
    return rng.choices([_OPP[x.vert], "central"], [4, 1])[0]


def _false_size(x, rng):
    if rng.random() < 0.5:
        alt = {"small": ["large", "large", "medium"], "medium": ["small", "large"], "large": ["small", "small", "medium"]}[x.cls]
        return ("cls", rng.choice(alt))
    while True:
        f = rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
        v = x.pct * f
        if v > 60:
            continue
        shown = float(_fmt(v))
        if shown / x.pct < 0.4 or shown / x.pct > 2.5:
            return ("pct", shown)


def _false_count(x, rng):
    n = x.n
    if n == 1:
        return rng.choice([2, 3])
    if n == 2:
        return rng.choice([1, 3, 4])
    return rng.choice([1, 2, n + 2])


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


def build(p, facts, style, rng, defect):
    x = _Ctx(p, facts, style, rng)
    lat_rels = [r for r in x.rels if r[1] in ("left_of", "right_of")]
    vert_rels = [r for r in x.rels if r[1] not in ("left_of", "right_of")]
    dtopic, where, fval, frel = None, None, None, None
    if defect == "laterality":
        dtopic, fval = "side", _false_side(x, rng)
    elif defect == "position":
        if vert_rels and rng.random() < 0.4:
            frel = rng.choice(vert_rels)
            dtopic, fval = "rel", [(frel[0], _INV[frel[1]])]
        else:
            dtopic, fval = "vert", _false_vert(x, rng)
    elif defect == "size":
        dtopic, fval = "size", _false_size(x, rng)
    elif defect == "count":
        dtopic, fval = "count", _false_count(x, rng)
    if dtopic:
        where = rng.choices(["first", "follow", "user"], [3, 1, 1])[0]
    # relations that may be stated truly
    rels_ok = [r for r in x.rels if not (defect == "laterality" and r in lat_rels) and r != frel]
    rng.shuffle(rels_ok)
    val = {"side": x.lat, "vert": x.vert, "size": _true_size(x), "count": x.n,
           "rel": rels_ok[:rng.choice([1, 1, 2])] if rels_ok else None}
    plan = {"dtopic": dtopic, "where": where, "val": val, "rels_ok": rels_ok}
    avail = ["side", "vert", "size", "count"] + (["rel"] if rels_ok else [])
    if dtopic and where == "first":
        others = [a for a in avail if a != dtopic]
        first = [dtopic] + rng.sample(others, rng.randint(1, min(3, len(others))))
        val[dtopic] = fval
    else:
        others = [a for a in avail if a != dtopic]
        first = rng.sample(others, rng.randint(2, min(4, len(others))))
    plan["first"] = first
    n_rounds = rng.choice([2, 3, 3]) if where not in ("follow", "user") else rng.choice([2, 3])
    items = []
    if where == "follow":
        items.append(("ask_false", dtopic, fval))
    elif where == "user":
        items.append(("prem_unc", dtopic, fval))
    truev = {"side": x.lat, "vert": x.vert, "size": _true_size(x, single=True), "count": x.n}
    pool = []
    if defect is None and rng.random() < 0.45:
        tp = rng.choice(["side", "vert", "size", "count"])
        wrong = {"side": _false_side, "vert": _false_vert, "size": _false_size, "count": _false_count}[tp](x, rng)
        tv = truev[tp]
        if tp == "size":
            tv = ("cls", x.cls) if wrong[0] == "cls" else ("both", (x.cls, x.pct))
        items.append(("prem_cor", tp, wrong, tv))
    safe_topics = [a for a in ("side", "vert", "size", "count") if a != dtopic]
    if rng.random() < 0.25:
        tp = rng.choice(safe_topics)
        pool.append(("prem_true", tp, truev[tp] if tp != "size" else ("cls", x.cls)))
    for tp in safe_topics:
        if tp not in first:
            pool.append(("ask", tp, truev[tp]))
    if rels_ok and "rel" not in first:
        pool.append(("ask", "rel", [rels_ok[0]]))
    summ = rng.sample(safe_topics, rng.randint(2, min(3, len(safe_topics))))
    pool += [("summary", summ), ("know",)]
    if x.lat in ("left", "right") and defect != "laterality":
        pool.append(("conv",))
    rng.shuffle(pool)
    while len(items) < n_rounds - 1:
        items.append(pool.pop())
    rng.shuffle(items)
    turns = []
    u = _Turn("user")
    _first_user(x, u, defect == "names_target")
    a = _Turn("assistant")
    _first_answer(x, a, plan)
    turns += [u, a]
    for item in items:
        ut, at = _Turn("user"), _Turn("assistant")
        _round(x, ut, at, item, plan)
        turns += [ut, at]
    LEDGER.append({"plan": {"dtopic": dtopic if dtopic != "rel" else f"rel:{frel[0]}:vert", "where": where},
                   "turns": [[[s, tag] for s, tag in tt.segs] for tt in turns]})
    return [{"role": tt.role, "content": tt.text()} for tt in turns], ([defect] if defect else [])
