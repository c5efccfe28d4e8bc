"""Bank DE: thorax, heart, mediastinum and neck on axial CT ("LP"), and the frontal chest X-ray ("LI", XR).

Targets: right/left lung, both lungs, heart, descending aorta, esophagus, thymus, scattered pulmonary
nodules, bilateral lung metastases, right pleural effusion, mediastinal lymph nodes, thyroid gland, thyroid
nodule, trachea, internal jugular veins, spinal cord, cervical lymph nodes; on the chest film: cardiac
silhouette (heart), right lung, both lungs, left pneumothorax, right pleural effusion, clavicles, trachea,
aortic knob, lung nodules.  Registers (STYLES): "teachingfile", "chatshort", "differential", "compareside".

Written without reading QC (medseg_qa/qc, knowledge and other banks unseen; no scorer run).
27 profiles, 15 of them bilateral (7), midline (6) or several one-sided pieces (2); in the rows 119 bilateral,
92 midline, 157 multi-piece masks.  Defect rows plant one false claim (side/position/size/count) in the first
answer (73), a follow-up answer (52) or a user premise the assistant leaves alone (43), or name the target in
the first question (42).  Clean rows carry true negations, convention sentences, hypotheticals about the other
side, knowledge about other structures with side/size words, population percents and corrected user errors.
Own check (/work/notes/qcde_scripts/check_de.py, re-parses every ledgered claim sentence against the facts):
rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42 names_target: 42, problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["teachingfile", "chatshort", "differential", "compareside"]

# ledger of what each built conversation claims (read by the writer's own check only)
LEDGER: list[list[dict]] = []

# ---------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry) in pixels on a 256 x 256 grid; others: normalised centroids

P = []


def _p(target, view, region, ells, others, names, clues, forbid_hint, ddx, compare, know, teach, ctx):
    P.append(dict(target=target, view=view, region=region, ells=ells, others=others, names=names,
                  clues=clues, naming=forbid_hint, ddx=ddx, compare=compare, know=know, teach=teach, ctx=ctx))


# --- axial chest CT -------------------------------------------------------------------------------
_p("right lung", "LP", "chest", [(75, 120, 38, 62)], {"heart": (0.58, 0.40), "descending aorta": (0.60, 0.65)},
   ["right lung", "the right lung"],
   ["Which organ in this chest slice has three lobes and does gas exchange on the patient's right? Please segment it.",
    "Patient with a right-sided pneumonia on the film. Outline the organ of gas exchange on that side for me.",
    "Can you segment the big air-filled organ that sits on the patient's right in this slice?"],
   "Please segment the right lung on this slice.",
   [("right pleural effusion", "it would be fluid density, not aerated parenchyma"),
    ("right-sided pneumothorax", "there is lung marking out to the chest wall")],
   "the left lung is normally a bit smaller because the heart takes up room on that side (the cardiac notch)",
   ["The right main bronchus is shorter, wider and more vertical than the left, which is why aspirated material tends to go right.",
    "The azygos vein arches over the right main bronchus from behind."],
   "the right lung has three lobes and a horizontal fissure; the left has two", "a 58-year-old smoker with cough")
_p("left lung", "LP", "chest", [(180, 122, 34, 60)], {"heart": (0.58, 0.40), "esophagus": (0.50, 0.63)},
   ["left lung", "the left lung"],
   ["Which two-lobed organ of respiration do you see on the patient's left here? Segment it please.",
    "Outline the air-filled organ that shares the left hemithorax with the cardiac notch.",
    "Can you segment the organ that holds the lingula?"],
   "Segment the left lung, please.",
   [("left pleural effusion", "the region is aerated, not fluid"),
    ("left lower lobe collapse", "the volume looks preserved")],
   "the right lung is usually slightly larger, since the heart bulges into the left hemithorax",
   ["The left recurrent laryngeal nerve hooks under the aortic arch, so left cord palsy is the one linked to chest disease.",
    "About 15% of adults show a small azygos fissure, which is always on the right."],
   "the left lung has two lobes; the lingula is the left counterpart of the middle lobe", "a 45-year-old with dyspnoea")
_p("lungs", "LP", "chest", [(75, 120, 38, 62), (180, 122, 34, 60)], {"heart": (0.58, 0.40), "sternum": (0.50, 0.20)},
   ["lungs", "both lungs"],
   ["Which paired organs do the gas exchange in this chest CT? Please segment both of them.",
    "Segment the organs of respiration in this slice, both sides.",
    "Can you outline the air-filled organs on either side of the mediastinum?"],
   "Please segment the lungs.",
   [("bilateral pleural effusions", "the outlined tissue is aerated"),
    ("emphysematous bullae only", "the mask follows the whole parenchyma, not just lucent spaces")],
   "the right one is a little larger than the left, which gives room to the heart",
   ["The right hemidiaphragm usually sits higher than the left because of the liver.",
    "Up to 10% of the population has an accessory fissure of some kind."],
   "the two lungs are separate pleural sacs, so a mask of them is two pieces", "a 70-year-old ex-smoker")
_p("heart", "LP", "chest", [(150, 100, 44, 36)],
   {"descending aorta": (0.60, 0.66), "esophagus": (0.50, 0.64), "sternum": (0.50, 0.20)},
   ["heart", "the heart", "the cardiac silhouette"],
   ["Which organ pumps the blood around the body? Please outline it on this slice.",
    "Patient with an ejection fraction of 35%. Segment the organ that is failing.",
    "Can you segment the four-chambered muscular organ in this chest CT?"],
   "Please segment the heart.",
   [("pericardial effusion", "there is no separate fluid rim; the mask is the myocardium and chambers"),
    ("anterior mediastinal mass", "the shape follows the chambers and it sits where the ventricles belong")],
   "a normal cardiothoracic ratio is under about 0.5, and this one looks within that",
   ["The right ventricle is the most anterior chamber, right behind the sternum.",
    "The left atrium is the most posterior chamber and sits just in front of the esophagus."],
   "about two thirds of the cardiac mass lies left of the midline", "a 66-year-old with breathlessness")
_p("descending aorta", "LP", "chest", [(152, 168, 12, 12)],
   {"esophagus": (0.49, 0.63), "vertebral body": (0.50, 0.76), "heart": (0.58, 0.40)},
   ["descending aorta", "the descending thoracic aorta", "the aorta"],
   ["Which big vessel carries blood down towards the abdomen, running beside the spine here? Segment it.",
    "Patient with a type B dissection. Outline the vessel involved on this slice.",
    "Segment the round high-density tube next to the vertebral body, the one that carries oxygenated blood down."],
   "Please segment the descending aorta.",
   [("azygos vein", "the azygos sits on the right of the vertebral body and is smaller"),
    ("esophagus", "that one is collapsed, has a wall and often contains air")],
   "it should be about the same calibre as the ascending limb or a little smaller, and here it is",
   ["The ascending aorta is on the right side of the mediastinum, in front of the right pulmonary artery.",
    "Aneurysms above 5.5 cm in diameter are usually repaired."],
   "the descending thoracic aorta runs down the left side of the vertebral column", "a 72-year-old with back pain")
_p("esophagus", "LP", "chest", [(126, 160, 8, 7)],
   {"left atrium": (0.57, 0.50), "descending aorta": (0.60, 0.66), "vertebral body": (0.50, 0.78)},
   ["esophagus", "the oesophagus", "the esophagus"],
   ["Which muscular tube carries food to the stomach? Segment it on this slice.",
    "Patient with dysphagia for solids. Outline the swallowing tube in the mediastinum.",
    "Can you segment the collapsed tube that lies right behind the left atrium?"],
   "Segment the esophagus please.",
   [("azygos vein", "the azygos would enhance and lies further right"),
    ("subcarinal lymph node", "it has a lumen with a little air")],
   "its wall should be under about 5 mm when distended, and it looks thin here",
   ["An enlarged left atrium, as in mitral stenosis, can push on the structures behind it.",
    "Around 10% of the population has a small hiatus hernia."],
   "the gullet lies just in front of the spine and behind the left atrium in the lower chest", "a 60-year-old with dysphagia")
_p("thymus", "LP", "chest", [(128, 70, 24, 13)], {"ascending aorta": (0.47, 0.36), "sternum": (0.50, 0.18)},
   ["thymus", "the thymus", "the thymic tissue"],
   ["Which gland makes T cells and shrinks after puberty? Please segment it here.",
    "Myasthenia gravis patient. Outline the gland we worry about in the front of the mediastinum.",
    "Segment the bilobed gland that sits behind the sternum in a young patient."],
   "Please segment the thymus.",
   [("thymoma", "it keeps a triangular, symmetric shape without a lump"),
    ("lymphoma", "there are no other enlarged nodes")],
   "in an adult of this age it would be mostly fat; here it still has soft-tissue density, normal for a young patient",
   ["The left brachiocephalic vein crosses in front of the great arteries, just behind this region.",
    "Thymomas account for about 20% of anterior mediastinal masses."],
   "the gland involutes after puberty and is replaced by fat", "a 19-year-old with ptosis")
_p("pulmonary nodules", "LP", "chest", [(70, 100, 5, 5), (85, 150, 4, 4), (60, 130, 4, 4)],
   {"heart": (0.58, 0.40)},
   ["pulmonary nodules", "the nodules", "the small lung nodules"],
   ["This screening CT shows several little round spots in one chest cavity. Can you segment them?",
    "Heavy smoker, screening scan. Outline the round opacities in the parenchyma for me.",
    "Segment the small rounded densities seen here, all of them."],
   "Please segment the pulmonary nodules.",
   [("granulomas", "they are not calcified on this window"), ("vessels seen end-on", "they do not connect to a branching tubular structure")],
   "the other side shows no comparable spots on this slice",
   ["Fleischner follow-up is not needed for solid nodules under 6 mm in a low-risk patient.",
    "Roughly 25% of screening CTs show at least one nodule."],
   "nodules under 6 mm are almost always benign", "a 64-year-old former smoker")
_p("lung metastases", "LP", "chest", [(70, 105, 5, 5), (185, 95, 6, 6), (190, 150, 5, 5), (65, 155, 4, 4)],
   {"heart": (0.58, 0.40)},
   ["lung metastases", "the metastatic deposits", "the pulmonary metastases"],
   ["Colorectal cancer follow-up: there are scattered round lesions in the chest. Segment them please.",
    "Patient with known osteosarcoma. Can you outline the spread to the chest?",
    "Which round lesions here would change her stage to IV? Outline them."],
   "Please segment the lung metastases.",
   [("septic emboli", "there is no cavitation and no fever in the story"),
    ("granulomatous disease", "the lesions are of varying size without calcification")],
   "the right and the left side both carry deposits, so this is not a one-sided process",
   ["Haematogenous spread tends to favour the lower zones because they get more blood flow.",
    "About 30% of patients with colorectal cancer develop lung deposits."],
   "multiple round nodules of varying size are metastases until proven otherwise", "a 55-year-old with rectal cancer")
_p("right pleural effusion", "LP", "chest", [(72, 185, 40, 18)],
   {"right lung": (0.29, 0.45), "vertebral body": (0.50, 0.72)},
   ["right pleural effusion", "the effusion", "the right-sided effusion"],
   ["Patient with heart failure and dullness at the right base. Segment what is causing the dullness.",
    "Decreased breath sounds on the patient's right, meniscus on the film. Outline the collection.",
    "Can you segment the dependent crescent of fluid density here?"],
   "Please segment the right pleural effusion.",
   [("consolidation", "it is homogeneous fluid density without air bronchograms"),
    ("pleural thickening", "it layers dependently and is crescentic")],
   "the left costophrenic recess looks clear, so the fluid is on one side only",
   ["Effusions from heart failure are often bilateral, and when one-sided they are usually right-sided.",
    "About 200 mL is needed before the costophrenic angle blunts on an erect film."],
   "free fluid layers posteriorly on a supine scan", "a 77-year-old with CCF")
_p("mediastinal lymph nodes", "LP", "chest", [(105, 105, 7, 6), (150, 112, 6, 6), (130, 138, 8, 6)],
   {"sternum": (0.50, 0.20), "vertebral body": (0.50, 0.78)},
   ["mediastinal lymph nodes", "the enlarged nodes", "the mediastinal nodes"],
   ["Sarcoidosis is on the differential. Segment the enlarged rounded structures around the airway.",
    "Lung cancer staging: outline the enlarged rounded structures in the central chest that would upstage this patient.",
    "Which enlarged structures in the middle of the chest would you sample at EBUS? Segment them."],
   "Please segment the mediastinal lymph nodes.",
   [("vessels", "they do not enhance like the aorta and pulmonary artery"),
    ("esophagus", "there are several separate rounded structures")],
   "the stations on both sides of the trachea are involved, not just one side",
   ["A short-axis diameter over 10 mm is the usual threshold for enlargement.",
    "The left paratracheal stations drain the left upper lobe more than the right."],
   "node station counts matter for N staging", "a 50-year-old with cough and erythema nodosum")
# --- axial neck CT --------------------------------------------------------------------------------
_p("thyroid gland", "LP", "neck", [(105, 95, 12, 20), (151, 95, 12, 20), (128, 85, 16, 4)],
   {"esophagus": (0.52, 0.50), "cervical vertebra": (0.50, 0.66)},
   ["thyroid gland", "the thyroid", "the thyroid gland"],
   ["Which gland in the neck makes T4? Please segment it.",
    "Patient with Graves' disease. Outline the gland that is overactive.",
    "Segment the butterfly-shaped endocrine gland in the front of this neck slice."],
   "Please segment the thyroid gland.",
   [("parathyroid adenoma", "the structure is too large and wraps both sides of the airway"),
    ("cervical lymph nodes", "it is one continuous structure with an isthmus")],
   "the two lobes look about the same size, which is what a normal gland does",
   ["The right recurrent laryngeal nerve loops under the right subclavian artery.",
    "Thyroid nodules are found in up to 50% of adults on ultrasound."],
   "the isthmus sits in front of the second to fourth tracheal rings", "a 34-year-old with tremor")
_p("thyroid nodule", "LP", "neck", [(103, 97, 7, 7)],
   {"trachea": (0.50, 0.40), "right common carotid artery": (0.36, 0.45)},
   ["thyroid nodule", "the nodule", "the thyroid nodule"],
   ["There is a lump in the front of the neck that moves on swallowing. Please segment it.",
    "Palpable lump near the Adam's apple, TSH normal. Outline the lesion.",
    "Segment the small round lesion inside the butterfly-shaped gland."],
   "Please segment the thyroid nodule.",
   [("parathyroid adenoma", "it lies within the gland, not behind it"),
    ("level III lymph node", "it is inside the gland capsule")],
   "the opposite lobe looks homogeneous with nothing similar in it",
   ["Around 5% of palpable thyroid nodules turn out to be malignant.",
    "The left lobe is often slightly smaller than the right in normal glands."],
   "size alone does not decide malignancy; ultrasound features do", "a 41-year-old woman with a neck lump")
_p("trachea", "LP", "neck", [(128, 100, 11, 10)],
   {"esophagus": (0.51, 0.50), "cervical spine": (0.50, 0.68)},
   ["trachea", "the trachea", "the windpipe"],
   ["Which air-filled tube carries air to the lungs? Segment it please.",
    "Patient after a long intubation with stridor. Outline the tube that carries air in this neck slice.",
    "Can you segment the cartilage-ringed air column in this slice?"],
   "Please segment the trachea.",
   [("esophagus", "this one is round, air-filled and has cartilage rings"),
    ("laryngeal ventricle", "we are below the cricoid here")],
   "it should be a round or horseshoe shape about 15 to 20 mm across, and here it looks normal",
   ["The esophagus usually lies slightly to the left of the airway in the neck.",
    "Post-intubation stenosis occurs in about 10% of long-term intubated patients."],
   "the C-shaped rings are open posteriorly where the trachealis muscle sits", "a 48-year-old after ICU")
_p("internal jugular veins", "LP", "neck", [(80, 120, 8, 7), (176, 118, 7, 7)], {"trachea": (0.50, 0.40)},
   ["internal jugular veins", "the jugular veins", "both internal jugular veins"],
   ["Which vessels drain the brain down the sides of the neck? Segment both.",
    "Central line planning: outline the big vessels lateral to the carotids on each side.",
    "Segment the large compressible vessels in the carotid sheath."],
   "Please segment the internal jugular veins.",
   [("common carotid arteries", "these are larger, oval and lie lateral in the sheath"),
    ("external jugular veins", "those are superficial, on top of the sternocleidomastoid")],
   "the right one is often a bit larger than the left, as it is here, which is normal",
   ["The right internal jugular is the preferred side for central lines because it runs straight into the SVC.",
    "Jugular vein thrombosis occurs in up to 30% of patients with long-term catheters."],
   "each vein lies lateral to the common carotid artery within the carotid sheath", "a 60-year-old needing a central line")
_p("spinal cord", "LP", "neck", [(128, 185, 6, 6)], {"trachea": (0.50, 0.40), "vertebral body": (0.50, 0.64)},
   ["spinal cord", "the cord", "the cervical cord"],
   ["Which part of the central nervous system runs in the vertebral canal? Segment it here.",
    "Patient with a whiplash injury and tingling in both hands. Outline the neural structure in the canal.",
    "Segment the structure inside the canal that carries the long motor tracts."],
   "Please segment the spinal cord.",
   [("thecal sac fluid", "the mask is the central soft tissue, not the CSF around it"),
    ("disc herniation", "it is centred in the canal, not arising from the disc")],
   "the cord is symmetric left to right here, with no flattening on one side",
   ["The vertebral arteries run in the transverse foramina on the left and right.",
    "Cervical cord injury accounts for about 55% of spinal cord injuries."],
   "the cervical enlargement from C4 to T1 supplies the arms", "a 30-year-old after a car crash")
_p("cervical lymph nodes", "LP", "neck", [(175, 110, 7, 6), (182, 135, 6, 5), (170, 150, 5, 5)],
   {"trachea": (0.50, 0.40)},
   ["cervical lymph nodes", "the enlarged nodes", "the neck nodes"],
   ["Patient with a sore throat and tender lumps under the jaw on one side. Segment those swellings.",
    "Head and neck cancer staging: outline the enlarged rounded structures along the jugular chain.",
    "Which little swellings in the neck would you biopsy with FNA here? Segment them."],
   "Please segment the cervical lymph nodes.",
   [("jugular vein", "these are multiple separate ovals, not one tubular vessel"),
    ("branchial cleft cyst", "they are solid and multiple")],
   "the opposite side of the neck looks clear, no enlarged nodes there",
   ["Virchow's node sits in the left supraclavicular fossa and can signal abdominal malignancy.",
    "Reactive nodes under 10 mm are seen in about 50% of healthy adults."],
   "a short axis over 10 mm in levels II to V is usually called enlarged", "a 52-year-old smoker with a neck lump")
# --- frontal chest radiograph ---------------------------------------------------------------------
_p("heart", "LI", "chest", [(150, 165, 48, 40)],
   {"trachea": (0.50, 0.25), "right hemidiaphragm": (0.30, 0.78)},
   ["heart", "the cardiac silhouette", "the heart"],
   ["On this PA chest film, which organ makes the central pump shadow? Segment it.",
    "Patient with ankle swelling and orthopnoea. Outline the organ that may be enlarged on this film.",
    "Segment the silhouette of the muscular pump on this radiograph."],
   "Please segment the heart on this film.",
   [("pericardial effusion", "there is no globular flask shape"),
    ("mediastinal mass", "the borders match the right atrium and left ventricle")],
   "a cardiothoracic ratio over 0.5 on a PA film suggests cardiomegaly; this one looks borderline normal",
   ["The right heart border on a PA film is formed by the right atrium.",
    "On an AP film the heart can look up to 20% larger than on a PA film."],
   "the left heart border is the left ventricle; the right is the right atrium", "a 71-year-old with orthopnoea")
_p("right lung", "XR", "chest", [(80, 120, 42, 80)], {"heart": (0.58, 0.64), "trachea": (0.50, 0.25)},
   ["right lung", "the right lung", "the right lung field"],
   ["On this chest film, outline the organ of gas exchange on the patient's right side.",
    "Which aerated field has the horizontal fissure? Segment it.",
    "Patient with right middle lobe pneumonia. Segment the whole organ of breathing on that side."],
   "Please segment the right lung on this radiograph.",
   [("right pleural effusion", "the field is lucent, not dense"),
    ("right pneumothorax", "lung markings go all the way to the chest wall")],
   "the left field is slightly smaller because of the heart shadow",
   ["The right hemidiaphragm normally sits about 1.5 cm higher than the left.",
    "The horizontal fissure is visible on about 50% of normal PA films."],
   "the right middle lobe silhouettes the right heart border when consolidated", "a 40-year-old with fever")
_p("lungs", "XR", "chest", [(80, 120, 42, 80), (178, 118, 38, 76)], {"heart": (0.58, 0.64), "trachea": (0.50, 0.25)},
   ["lungs", "both lungs", "the lung fields"],
   ["Segment the two aerated fields on this chest radiograph, please.",
    "Which paired organs fill most of this chest film? Outline both.",
    "Patient with emphysema. Outline the gas-exchanging organs on both sides of this film."],
   "Please segment the lungs on this film.",
   [("hyperinflation artefact", "the mask covers the whole fields, not just lucent areas"),
    ("bilateral effusions", "the costophrenic angles are sharp")],
   "the right field is a bit larger than the left, as expected",
   ["Hyperinflation is suggested when more than 10 posterior ribs project above the diaphragm.",
    "The left hilum normally sits higher than the right in about 97% of people."],
   "count the ribs to judge inspiration", "a 69-year-old ex-miner")
_p("left pneumothorax", "XR", "chest", [(185, 55, 30, 14)],
   {"left hemidiaphragm": (0.70, 0.80), "heart": (0.58, 0.64)},
   ["left pneumothorax", "the pneumothorax", "the left-sided pneumothorax"],
   ["Tall thin young man with sudden pleuritic chest pain and absent breath sounds at the left apex. Segment the abnormality.",
    "Post-line insertion film: outline the air collection that should not be there.",
    "Segment the area with a visible pleural line and no markings beyond it."],
   "Please segment the left pneumothorax.",
   [("skin fold", "the line does not extend outside the chest wall"),
    ("bulla", "the edge is convex towards the chest wall and runs parallel to it")],
   "the right apex shows lung markings out to the ribs, so the air is on one side only",
   ["Primary spontaneous pneumothorax recurs in about 30% of patients.",
    "A 2 cm rim at the hilum corresponds to roughly a 50% pneumothorax by volume."],
   "on an erect film free air rises to the apex", "a 21-year-old with sudden chest pain")
_p("right pleural effusion", "XR", "chest", [(70, 200, 36, 22)], {"heart": (0.58, 0.64)},
   ["right pleural effusion", "the effusion", "the right effusion"],
   ["Elderly patient with heart failure and a blunted costophrenic angle on the patient's right. Segment the cause.",
    "Outline the dense meniscus at the right base on this film.",
    "Which collection is causing the homogeneous opacity at the right base? Segment it."],
   "Please segment the right pleural effusion on this film.",
   [("right lower lobe consolidation", "there is a meniscus and no air bronchogram"),
    ("raised hemidiaphragm", "the opacity has a concave upper edge")],
   "the left costophrenic angle is sharp by comparison",
   ["About 200 mL of fluid is needed before the lateral costophrenic angle blunts.",
    "Heart failure effusions are bilateral in most patients."],
   "a meniscus sign means free fluid", "an 80-year-old with CCF")
_p("clavicles", "XR", "chest", [(85, 45, 38, 6), (170, 45, 38, 6)], {"trachea": (0.50, 0.25)},
   ["clavicles", "the clavicles", "both collarbones"],
   ["Which S-shaped bones connect the arms to the trunk? Segment them on this film.",
    "Fall on an outstretched hand. Outline the bones that connect the sternum and shoulders.",
    "Segment the two long bones over the lung apices."],
   "Please segment the clavicles.",
   [("first ribs", "these run horizontally and join the sternum at the manubrium"),
    ("scapular spines", "they project lateral to the rib cage")],
   "the medial ends are equidistant from the spinous processes, so the film is not rotated",
   ["Clavicle fractures account for about 5% of all adult fractures, mostly in the middle third.",
    "The left brachiocephalic vein runs behind the left sternoclavicular joint."],
   "use the medial ends to judge rotation", "a 25-year-old cyclist")
_p("trachea", "XR", "chest", [(128, 62, 9, 32)], {"heart": (0.58, 0.64), "aortic knob": (0.62, 0.33)},
   ["trachea", "the trachea", "the tracheal air column"],
   ["Which air column runs down the middle of this film above the carina? Segment it.",
    "Check for deviation: outline the midline air-carrying tube on this PA film.",
    "Segment the central lucent tube of the upper mediastinum."],
   "Please segment the trachea on this film.",
   [("esophagus with air", "this lucency is continuous down to the carina and wider"),
    ("Mach band", "it has two parallel walls")],
   "it sits in the middle, not pushed to either side, so there is no tension or collapse",
   ["A large left effusion can push the mediastinum to the right.",
    "The carinal angle is normally about 60 to 75 degrees."],
   "the airway shifts toward collapse and away from tension", "a 55-year-old with stridor")
_p("aortic knob", "XR", "chest", [(165, 85, 12, 10)], {"trachea": (0.50, 0.25), "heart": (0.58, 0.64)},
   ["aortic knob", "the aortic knuckle", "the aortic arch"],
   ["Which rounded bulge at the upper left mediastinal border is formed by the big artery? Segment it.",
    "Hypertensive patient: outline that rounded contour at the upper left border on this film.",
    "Segment the convex shadow above the left hilum that the great vessel makes."],
   "Please segment the aortic knob.",
   [("left hilar mass", "it sits above the hilum and is continuous with the descending line"),
    ("lymph node", "it has a smooth arch contour")],
   "a calcified rim is common in older patients, seen in about 30% over 65",
   ["A right-sided arch is seen in about 0.1% of people.",
    "The pulmonary trunk forms the bump just below this on the left border."],
   "the knob is the arch seen end-on at the left of the trachea", "a 75-year-old hypertensive")
_p("lung nodules", "XR", "chest", [(75, 95, 6, 6), (185, 110, 7, 7), (190, 170, 6, 6), (70, 165, 5, 5)],
   {"heart": (0.58, 0.64)},
   ["lung nodules", "the nodules", "the lung nodules"],
   ["Follow-up film in a patient with melanoma: several round opacities in both fields. Segment them.",
    "Outline the cannonball shadows on this radiograph.",
    "Segment the small round densities projected over the chest here."],
   "Please segment the lung nodules.",
   [("nipple shadows", "they are more than two and not symmetric at the fifth rib"),
    ("rib lesions", "they do not follow the rib contours")],
   "the left and right fields both show them, so this is not one-sided",
   ["Nipple markers are used because nipple shadows are seen in about 10% of films.",
    "Metastases favour the lower zones because of the blood flow."],
   "multiple nodules of varying size suggest haematogenous spread", "a 62-year-old with melanoma")

PROFILES = P
for _q in PROFILES:  # profiles written with view "XR" are chest films: orientation LI
    if _q["view"] == "XR":
        _q["view"] = "LI"
    _q["modality"] = "XR" if _q["view"] == "LI" else "CT"

# ---------------------------------------------------------------------------------------------------


def _draw(ells, rng):
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)
    for cx, cy, rx, ry in ells:
        s = rng.uniform(0.96, 1.04)
        m |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = _draw(p["ells"], rng)
    return compute_facts(mask, p["view"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["view"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "count" and rng.random() < 0.4:  # count errors are more telling on multi-piece masks
        multi = [q for q in profiles if len(q["ells"]) >= 2 and q["target"] != "thyroid gland"]
        return rng.choice(multi)
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------
# phrase makers: each returns (text, claim) where claim = (kind, value)

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def side_text(v, view, rng, subj="It", region="chest"):
    if v in ("left", "right"):
        img = OPP[v]
        forms = [f"{subj} lies on the patient's {v}.",
                 f"{subj} is {v}-sided.",
                 f"{subj} is in the patient's {v} half of the {'neck' if region == 'neck' else 'chest'}.",
                 f"It shows on the image's {img}, which is the patient's {v} (radiological convention).",
                 f"Side: patient's {v}.",
                 f"{subj} is on the {v} side of the patient, not the {img}."]
        if view == "LP" and rng.random() < 0.5:
            forms.append(f"On this axial slice, viewed from the feet, it appears on the screen's {img}, i.e. the patient's {v}.")
        return rng.choice(forms)
    if v == "bilateral":
        return rng.choice([f"{subj} is bilateral, with parts on both the left and the right.",
                           "There is involvement of both sides, right and left.",
                           f"{subj} shows up on each side of the midline, so it is bilateral.",
                           "Side: bilateral."])
    return rng.choice([f"{subj} is a midline structure.", f"{subj} sits in the midline, straddling both sides.",
                       "Side: midline, not off to either side.", f"{subj} is centred on the midline."])


def vert_text(v, view, rng, subj="It"):
    if view == "LP":
        d = {"anterior": [f"{subj} is in the anterior part of the slice.", f"{subj} lies towards the front.",
                          "Position: anterior.", f"{subj} sits ventrally, nearer the front than the back."],
             "posterior": [f"{subj} lies posteriorly.", f"{subj} is towards the back of the slice.",
                           "Position: posterior.", f"{subj} sits dorsally, closer to the back."],
             "central": [f"Front to back, {subj[0].lower() + subj[1:]} sits about centrally.",
                         f"{subj} is at mid-depth, neither clearly anterior nor posterior.",
                         "Position: central in the anteroposterior direction."]}
    else:
        d = {"superior": [f"{subj} lies in the upper part of the chest.", f"{subj} is in the upper zone.",
                          "Position: superior.", f"{subj} sits high, towards the apex."],
             "inferior": [f"{subj} lies in the lower part of the chest.", f"{subj} is towards the base.",
                          "Position: inferior.", f"{subj} sits low, in the lower zone."],
             "central": [f"{subj} is roughly central top to bottom, in the mid zone.",
                         "Position: central craniocaudally.", f"{subj} is neither high nor low, but mid-zone."]}
    return rng.choice(d[v])


def rel_text(other, rel, rng, subj="It"):
    forms = {"left_of": [f"{subj} lies to the patient's left of the {other}.", f"{subj} is left of the {other}."],
             "right_of": [f"{subj} lies to the patient's right of the {other}.", f"{subj} is right of the {other}."],
             "anterior_to": [f"{subj} is in front of the {other}.", f"{subj} lies anterior to the {other}."],
             "posterior_to": [f"{subj} is behind the {other}.", f"{subj} lies posterior to the {other}."],
             "superior_to": [f"{subj} is above the {other}.", f"{subj} lies superior to the {other}."],
             "inferior_to": [f"{subj} is below the {other}.", f"{subj} lies inferior to the {other}."]}
    return rng.choice(forms[rel])


def cls_text(c, rng, subj="It"):
    w = {"small": ["small", "fairly small"], "medium": ["medium-sized", "moderate in size"],
         "large": ["large", "big"]}[c]
    return rng.choice([f"{subj} is {rng.choice(w)}.", f"Size: {w[0]}.", f"Overall it is {rng.choice(w)} on this image."])


def fmt_pct(x):
    return f"{x:.2f}" if x < 1 else f"{x:.1f}"


def pct_text(x, rng, subj="It"):
    s = fmt_pct(x)
    return rng.choice([f"{subj} covers about {s}% of the image.", f"Area: roughly {s}% of the image.",
                       f"That is around {s} percent of the picture.", f"{subj} takes up about {s}% of the frame."])


def count_text(n, rng, subj="It"):
    if n == 1:
        return rng.choice([f"{subj} is a single connected region.", "There is one piece, no separate parts.",
                           "Count: 1 component.", f"{subj} forms one continuous area."])
    w = NUM.get(n, str(n))
    return rng.choice([f"There are {w} separate pieces.", f"Count: {n} separate components.",
                       f"{subj} is made of {w} separate regions.", f"I count {n} distinct areas."])


# ---------------------------------------------------------------------------------------------------


def _wrong(kind, p, f, rng):
    """A false claim of `kind` for these facts: (subkind, value)."""
    view = p["view"]
    if kind == "laterality":
        lat = f["laterality"]
        if lat in ("left", "right"):
            return ("side", OPP[lat] if rng.random() < 0.8 else "midline")
        return ("side", rng.choice(["left", "right"]))
    if kind == "position":
        rels = f["relations"]
        if rels and rng.random() < 0.5:
            r = rng.choice(rels)
            return ("rel", (r["other"], REL_FLIP[r["relation"]]))
        v = f["vertical"]
        if v == "central":
            return ("vert", rng.choice(["anterior", "posterior"] if view == "LP" else ["superior", "inferior"]))
        return ("vert", OPP[v])
    if kind == "size":
        if rng.random() < 0.5:
            c = f["size_class"]
            return ("cls", rng.choice([k for k in ("small", "medium", "large") if k != c]))
        t = 100 * f["area_fraction"]
        return ("pct", round(t * rng.choice([0.2, 0.25, 3.5, 4.0]), 2))
    n = f["components"]
    return ("count", n + 1 if n == 1 or rng.random() < 0.5 else n - 1 if n > 2 else 1)


KIND_OF = {"side": "laterality", "vert": "position", "rel": "position", "cls": "size", "pct": "size",
           "count": "count"}


def _true(sub, p, f, rng):
    if sub == "side":
        return f["laterality"]
    if sub == "vert":
        return f["vertical"]
    if sub == "rel":
        r = rng.choice(f["relations"])
        return (r["other"], r["relation"])
    if sub == "cls":
        return f["size_class"]
    if sub == "pct":
        return round(100 * f["area_fraction"] * rng.uniform(0.93, 1.07), 3)
    return f["components"]


def _say(sub, val, p, rng, subj="It"):
    if sub == "side":
        return side_text(val, p["view"], rng, subj, p["region"])
    if sub == "vert":
        return vert_text(val, p["view"], rng, subj)
    if sub == "rel":
        return rel_text(val[0], val[1], rng, subj)
    if sub == "cls":
        return cls_text(val, rng, subj)
    if sub == "pct":
        return pct_text(val, rng, subj)
    return count_text(val, rng, subj)


def _pct_str(val):
    return fmt_pct(val)


QUESTIONS = {
    "side": ["Which side is it on?", "Left or right?", "is it on the left or right?", "What side of the patient is that?"],
    "vert": ["Is it towards the front or the back?", "Where does it sit, front to back?", "Upper or lower part?",
             "How would you describe its position?"],
    "rel": ["What is it next to?", "How does it relate to the neighbouring structures?", "Where is it relative to its neighbours?"],
    "cls": ["How big is it?", "Is it large?", "What size would you call it?"],
    "pct": ["How much of the image does it take up?", "What fraction of the picture is that?", "Any idea of the area?"],
    "count": ["How many separate pieces are there?", "Is it one region or several?", "How many parts did you outline?"],
}

PREMISE = {
    "side": {"left": "Since it's on the patient's left, ", "right": "Given that it's on the patient's right, ",
             "midline": "Since it's right in the midline, ", "bilateral": "As it's on both sides, "},
}


def _premise(sub, val, p):
    """A user turn built on a claim (true or false) as a premise."""
    if sub == "side":
        head = PREMISE["side"][val]
    elif sub == "vert":
        head = {"anterior": "Since it sits anteriorly, ", "posterior": "Since it's in the posterior part, ",
                "central": "Since it's central front to back, ", "superior": "Since it's up in the upper zone, ",
                "inferior": "Since it sits down at the base, "}[val]
    elif sub == "rel":
        w = {"left_of": "left of", "right_of": "right of", "anterior_to": "in front of", "posterior_to": "behind",
             "superior_to": "above", "inferior_to": "below"}[val[1]]
        head = f"Since it's {w} the {val[0]}, "
    elif sub == "cls":
        head = {"small": "Given it's so small, ", "medium": "Since it's medium-sized, ",
                "large": "Since it's large, "}[val]
    elif sub == "pct":
        head = f"Since it's about {_pct_str(val)}% of the image, "
    else:
        head = "Since it's a single piece, " if val == 1 else f"Since there are {NUM.get(val, val)} separate pieces, "
    tail = [("is that normal for this patient?", "It can be, in the right clinical setting."),
            ("would you call it abnormal?", "Not necessarily abnormal on its own."),
            ("does that fit the clinical story?", "It is compatible with the story, yes."),
            ("is that what you'd expect here?", "That's not unusual for this kind of case.")]
    return head, tail


def _opening(p, style, rng, defect):
    if defect == "names_target":
        clue = p["naming"]
        story = rng.choice(["", f"Case of {p['ctx']}. "])
        return story + clue
    clue = rng.choice(p["clues"])
    if style == "teachingfile":
        return rng.choice([f"Teaching file, {p['ctx']}. ", f"For our teaching file ({p['ctx']}): ", ""]) + clue
    if style == "chatshort":
        c = clue[0].lower() + clue[1:]
        return rng.choice(["hey, ", "quick one: ", "", "hi! "]) + c
    if style == "differential":
        return clue + rng.choice([" And what else could it be?", " Give me your differential too.",
                                  " Rank the alternatives if you're unsure.", ""])
    return clue + rng.choice([" Compare with the other side if you can.", " How does it compare with normal?", ""])


def build(p, facts, style, rng, defect):
    f = facts
    view = p["view"]
    name, alt = p["names"][0], rng.choice(p["names"][1:])
    claims = []  # (turn, sub, value, text)
    # what facts we can talk about
    subs = ["side", "vert", "cls", "pct", "count"] + (["rel"] if f["relations"] else [])
    wrong_kind = defect if defect in ("laterality", "position", "size", "count") else None
    wsub, wval, where = None, None, None
    if wrong_kind:
        wsub, wval = _wrong(wrong_kind, p, f, rng)
        r = rng.random()
        where = "user" if r < 0.23 else "follow" if r < 0.48 else "first"
    rounds = 3 if rng.random() < 0.45 else 2
    turns = []

    def add(role, text):
        turns.append({"role": role, "content": text})

    def claim(turn_i, sub, val, text, false=False):
        claims.append({"turn": turn_i, "sub": sub, "val": val, "text": text, "false": false})

    # ------------------------------------------------------------------ first user turn
    add("user", _opening(p, style, rng, defect))
    # ------------------------------------------------------------------ first answer
    first_subs = rng.sample([s for s in subs if s != "rel"], k=rng.randint(2, 4))
    if "rel" in subs and rng.random() < 0.6:
        first_subs.append("rel")
    if where == "first" and wsub not in first_subs:
        first_subs.append(wsub)
    if where in ("user", "follow") and wsub in first_subs:
        first_subs.remove(wsub)
    if where == "user":  # the assistant never speaks to the premise's fact
        first_subs = [s for s in first_subs if KIND_OF[s] != wrong_kind]
    if where == "follow":
        first_subs = [s for s in first_subs if KIND_OF[s] != wrong_kind]
    if not first_subs:
        first_subs = [rng.choice([s for s in subs if KIND_OF[s] != wrong_kind])]
    rng.shuffle(first_subs)
    said = set()
    sents = []
    for s in first_subs:
        if where == "first" and s == wsub:
            v, bad = wval, True
        else:
            v, bad = _true(s, p, f, rng), False
        subj = rng.choice(["It", "The mask", "The segmented region", "It"])
        t = _say(s, v, p, rng, subj)
        claim(1, s, v, t, bad)
        sents.append(t)
        said.add(s)
    know = rng.choice(p["know"])
    conv = ("By convention the patient's left is displayed on the right of the image, for CT slices and chest films alike."
            if rng.random() < 0.5 else
            "Remember that images are read as if facing the patient, so image-right is patient-left.")
    intro = {"teachingfile": rng.choice([f"**Findings:** {alt[0].upper() + alt[1:]}, segmented [SEG].",
                                         f"Findings: the {name} [SEG] is outlined on this {'film' if view == 'LI' else 'slice'}."]),
             "chatshort": rng.choice([f"That's the {name} [SEG].", f"Sure, it's the {name} [SEG] 👍", f"{name.capitalize()} [SEG]."]),
             "differential": rng.choice([f"Most likely this is the {name} [SEG].", f"Best answer: the {name} [SEG]."]),
             "compareside": rng.choice([f"This is the {name} [SEG].", f"I've outlined the {name} [SEG]."])}[style]
    lat = f["laterality"]
    if wrong_kind != "laterality" and rng.random() < 0.35:
        if lat in ("left", "right"):
            sents.append(rng.choice([f"If this were on the patient's {OPP[lat]} instead, I would weigh the alternatives differently.",
                                     f"Would a {OPP[lat]}-sided finding change things? Only a little."]))
        elif lat == "bilateral":
            sents.append("Had it been one-sided only, I'd think more of a local process.")
    body = " ".join(sents)
    if style == "teachingfile":
        text = (f"{intro} {body}\n\n**Discussion:** {know} {conv}\n\n**Teaching point:** {p['teach'][0].upper() + p['teach'][1:]}.")
    elif style == "chatshort":
        text = f"{intro} {body}" + (f" Fun fact: {know[0].lower() + know[1:]}" if rng.random() < 0.5 else "")
    elif style == "differential":
        (a1, r1), (a2, r2) = p["ddx"]
        text = (f"{intro} {body}\n\nDifferential, ranked:\n1. {name} - fits the shape and location.\n"
                f"2. {a1} - less likely, {r1}.\n3. {a2} - less likely still, {r2}.\n\n{know}")
    else:
        text = (f"{intro} {body} Compared with the normal counterpart: {p['compare']}. {conv}")
    add("assistant", text)

    # ------------------------------------------------------------------ follow-up rounds
    pending = [s for s in subs if s not in said and not (wrong_kind and KIND_OF[s] == wrong_kind)]
    rng.shuffle(pending)
    plan = []
    for r in range(rounds - 1):
        plan.append(None)
    # which round gets the planted defect
    drnd = rng.randrange(rounds - 1) if where in ("user", "follow") else None
    corrected_round = rng.randrange(rounds - 1) if (defect is None and rng.random() < 0.45) else None
    for r in range(rounds - 1):
        ti = len(turns)
        if r == drnd and where == "user":
            head, tail = _premise(wsub, wval, p)
            tq, ta = rng.choice(tail)
            qtxt = head + tq
            claim(ti, wsub, wval, head.strip(), True)
            add("user", qtxt)
            ans = ta + " " + rng.choice([f"{p['teach'][0].upper() + p['teach'][1:]}.",
                                         f"I'd correlate with the history of {p['ctx']}.",
                                         f"I'd look at the whole picture rather than one feature. {know}"])
            others = [s for s in pending if KIND_OF[s] != wrong_kind][:1]
            for s in others:
                v = _true(s, p, f, rng)
                t = _say(s, v, p, rng)
                claim(ti + 1, s, v, t)
                ans += " " + t
                pending.remove(s)
            add("assistant", ans)
            continue
        if r == corrected_round:
            # the user's false idea, explicitly corrected
            lat = f["laterality"]
            wrong = OPP.get(lat, "left") if lat in ("left", "right") else ("only on the right" if lat == "bilateral" else "on the left")
            if lat in ("left", "right"):
                q = rng.choice([f"I thought it was on the {wrong}, since it's on that side of the screen?",
                                f"My registrar said it's {wrong}-sided. Is that right?"])
            else:
                q = f"Isn't it {wrong}?"
            add("user", q)
            fix = side_text(lat, view, rng, "It", p["region"])
            claim(ti + 1, "side", lat, fix)
            head = rng.choice(["No, that's a common mix-up.", "Not quite.", "No."])
            if "side" in pending:
                pending.remove("side")
            add("assistant", f"{head} {fix} {conv}")
            continue
        # ordinary follow-up
        if r == drnd and where == "follow":
            s = wsub
        elif pending:
            s = pending.pop()
        else:
            s = "summary"
        if wrong_kind and s != wsub and s != "summary" and KIND_OF[s] == wrong_kind:
            s = "summary"
        if s == "summary":
            add("user", rng.choice(["Can you summarise?", "Give me a one-line summary.", "tl;dr?",
                                    "Summarise the findings for the report."]))
            pool = [x for x in subs if not (wrong_kind and KIND_OF[x] == wrong_kind)]
            picks = rng.sample(pool, k=min(2, len(pool)))
            parts = []
            for x in picks:
                v = _true(x, p, f, rng)
                t = _say(x, v, p, rng)
                claim(ti + 1, x, v, t)
                parts.append(t)
            add("assistant", f"Summary: {name} segmented. " + " ".join(parts))
            continue
        add("user", rng.choice(QUESTIONS[s]))
        if r == drnd and where == "follow":
            v, bad = wval, True
        else:
            v, bad = _true(s, p, f, rng), False
        t = _say(s, v, p, rng)
        claim(ti + 1, s, v, t, bad)
        extra = {"teachingfile": f" Teaching note: {p['teach']}.", "chatshort": "",
                 "differential": f" That also argues against {p['ddx'][0][0]}.",
                 "compareside": f" For comparison, {p['compare']}."}[style]
        add("assistant", t + (extra if rng.random() < 0.5 else ""))
    LEDGER.append(claims)
    return turns, ([] if defect is None else [defect])
