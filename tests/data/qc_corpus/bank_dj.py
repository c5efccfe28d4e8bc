"""Bank DJ: MedSeg-QA style reasoning-segmentation conversations (MedSeg-R).

Targets: abdominal CT organs and lesions (liver, spleen, gallbladder, kidneys, aorta, pancreas, liver tumours,
kidney tumour, urinary bladder), chest CT (lung nodules, COVID-19 lesions, heart, esophagus), brain MR (glioma,
brain metastases, lateral ventricles, left hippocampus, stroke lesion), prostate MR, chest X-ray (lungs, heart,
pneumothorax, pleural effusion), ultrasound (thyroid nodule, breast tumour, fetal head) and photos (polyps,
skin lesion, optic disc, cell nuclei). About half the profiles are bilateral, midline or multi-piece masks.

Registers (STYLES): paper_qa (implicit question, "It is the X [SEG]." then reasoning), physician_refined (an
LLM draft tightened by a doctor: precise, hedged, clinical vocabulary), vignette (a short patient story,
reasoning from symptoms to the structure), differential (two or three candidates weighed, some ruled out,
then a commitment).

Written without reading QC. Every sentence that states a mask fact is logged with what it claims (side,
vertical position, relation, size class, percent, count); the writer's own reader re-derives the truth of each
claim from the facts: rows 420, clean 210, defect 210 (42 of each kind), 2769 logged claims, problems 0.
Of the 168 side/position/size/count defects, 35 sit in a user premise, 31 in a follow-up answer, 102 in the
first answer; 171 of 420 rows have a bilateral, midline or multi-piece mask.
"""

import math
import random

import numpy as np

STYLES = ["paper_qa", "physician_refined", "vignette", "differential"]

# the writer's ledger: one entry per build() call (the reader regenerates the rows and reads it)
LEDGER = []

AX_LP = dict(modality="CT", orientation="LP")


def P(target, modality, region, orientation, ellipses, others, names, subj, forbid, q, story, why, ddx,
      trivia, named_q, kind="organ"):
    return dict(target=target, modality=modality, body_region=region, orientation=orientation,
                ellipses=ellipses, others=others, names=names, subj=subj, forbid=forbid, q=q, story=story,
                why=why, ddx=ddx, trivia=trivia, named_q=named_q, kind=kind)


PROFILES = [
    P("liver", "CT", "abdomen", "LP", [(80, 100, 52, 45)],
      {"aorta": (0.52, 0.58), "spleen": (0.78, 0.5), "stomach": (0.65, 0.4)},
      ["the liver"], ["the organ", "this solid organ", "the segmented parenchyma"],
      ["liver", "hepat", "livers"],
      ["Which organ in this abdominal CT produces bile and stores glycogen? Please segment it.",
       "Can you find the largest solid organ of the abdomen on this slice and outline it?",
       "Which structure here would be responsible for making albumin and clotting factors? Segment it, please."],
      ["A 52-year-old man with long-standing heavy alcohol use presents with jaundice, spider naevi and a "
       "raised bilirubin. Which organ on this CT is most likely at the root of his problem? Please segment it.",
       "A patient on high-dose paracetamol for weeks now has a very high ALT and AST. Segment the organ that "
       "these enzymes come from."],
      ["Bile production, glycogen storage and synthesis of albumin and clotting factors are all hepatic "
       "functions.", "The pattern of jaundice with raised transaminases points to hepatocellular injury."],
      [("the spleen", "it lies under the left hemidiaphragm and has no role in bile production"),
       ("the pancreas", "it is a thin retroperitoneal gland and makes digestive enzymes, not bile")],
      ["Roughly 25% of adults in Western countries have some degree of fatty liver disease.",
       "The spleen normally sits on the left, tucked behind the stomach.",
       "The left renal vein crosses in front of the aorta to reach the IVC."],
      ["Please segment the liver on this CT.", "Where is the hepatic parenchyma here? Segment it.",
       "Outline the liver for me, please."]),
    P("spleen", "CT", "abdomen", "LP", [(200, 155, 22, 35)],
      {"liver": (0.31, 0.39), "aorta": (0.52, 0.58), "left kidney": (0.72, 0.66)},
      ["the spleen"], ["the organ", "it", "the segmented organ"], ["spleen", "splen", "lien"],
      ["Which organ in this scan filters old red blood cells and is prone to rupture after blunt trauma? "
       "Please segment it.",
       "Which lymphoid organ is visible on this slice? Please outline it.",
       "Segment the organ that enlarges in infectious mononucleosis, please."],
      ["A 19-year-old rugby player with recent glandular fever takes a hard tackle and now has left shoulder-"
       "tip pain and falling blood pressure. Which organ should we worry about? Please segment it.",
       "A teenager with sickle cell disease has had repeated infarcts of one abdominal organ. Please segment "
       "the organ most often involved."],
      ["Filtering senescent red cells and mounting immune responses to encapsulated bacteria are the main "
       "roles of this organ.", "Kehr's sign (referred shoulder-tip pain) after trauma is classic for this "
       "injury."],
      [("the left kidney", "it is retroperitoneal and sits lower and more medially"),
       ("the stomach", "it is a hollow viscus with gas and rugal folds, not a homogeneous solid organ")],
      ["About 10% of people have at least one accessory spleen (splenule).",
       "The liver occupies most of the right upper quadrant.",
       "The left kidney usually lies a little higher than the right one."],
      ["Please segment the spleen.", "Where is the splenic tissue on this slice? Outline it.",
       "Can you mark the spleen here?"]),
    P("gallbladder", "CT", "abdomen", "LP", [(90, 105, 10, 16)],
      {"duodenum": (0.45, 0.48), "aorta": (0.52, 0.58)},
      ["the gallbladder"], ["it", "this small sac", "the segmented region"],
      ["gallbladder", "gall bladder", "gall-bladder", "cholecyst", "gall"],
      ["Which structure in this scan stores bile? Please segment it.",
       "Which pear-shaped sac concentrates bile between meals? Outline it on this slice.",
       "Segment the organ that contracts after a fatty meal to empty into the duodenum."],
      ["A 45-year-old woman has right upper quadrant pain after fatty meals and a positive Murphy's sign. "
       "Please segment the structure most likely responsible.",
       "An overweight 40-year-old mother of three has fever and pain under the right ribs that catches on "
       "deep inspiration. Segment the organ that is most likely inflamed."],
      ["Storing and concentrating bile is exactly its function.",
       "Post-prandial pain with a positive Murphy's sign points to cholecystitis or biliary colic."],
      [("the duodenum", "it is a tubular bowel loop, not a blind-ending fluid-filled sac"),
       ("a liver cyst", "a cyst would sit inside the parenchyma rather than in the fossa under segment IV/V")],
      ["Gallstones are found in about 10-15% of adults.",
       "The common bile duct runs anterior to the portal vein, to the right of the hepatic artery.",
       "The left lobe of the liver extends across the midline."],
      ["Please segment the gallbladder.", "Outline the gall bladder in this CT.",
       "Where is the gallbladder? Please segment it."]),
    P("left kidney", "CT", "abdomen", "LP", [(180, 165, 17, 25)],
      {"aorta": (0.52, 0.6), "spleen": (0.78, 0.52)},
      ["the left kidney"], ["it", "the organ", "the segmented kidney"],
      ["kidney", "renal", "nephr", "kidneys"],
      ["Which bean-shaped organ behind the spleen filters the blood on this slice? Please segment it.",
       "Segment the retroperitoneal organ that lies posterior to the spleen and produces urine.",
       "Which structure next to the descending colon makes urine? Segment it, please."],
      ["A 60-year-old has left flank pain and haematuria; the right side was imaged last month and was normal. "
       "Please segment the organ on this slice that most likely explains the new symptoms.",
       "A patient with left loin pain radiating to the groin is being assessed for a stone. Segment the organ "
       "the ureter drains from on the painful side."],
      ["The location behind the spleen and the urine-producing function identify it.",
       "Flank pain radiating to the groin is typical of an obstructing stone draining this organ."],
      [("the spleen", "it lies more anterolaterally and does not produce urine"),
       ("the psoas muscle", "it is a long muscle alongside the spine, without a collecting system")],
      ["Around 1 in 500 people have a horseshoe kidney.",
       "The right kidney usually lies a little lower than the left because of the liver.",
       "The left renal vein passes in front of the aorta."],
      ["Please segment the left kidney.", "Outline the left renal parenchyma.",
       "Where is the left kidney? Segment it."]),
    P("right kidney", "CT", "abdomen", "LP", [(76, 168, 17, 25)],
      {"aorta": (0.52, 0.6), "liver": (0.3, 0.4)},
      ["the right kidney"], ["it", "the organ", "the segmented kidney"],
      ["kidney", "renal", "nephr", "kidneys"],
      ["Which urine-producing organ sits below and behind the liver on this slice? Please segment it.",
       "Segment the retroperitoneal organ posterior to the liver that filters blood.",
       "Which organ here would be drained by the ureter that runs next to the IVC? Outline it."],
      ["A 35-year-old woman has fever, rigors and pain in the right loin with pyuria. Please segment the organ "
       "most likely infected.",
       "After a fall onto the right side a cyclist has visible haematuria. Segment the organ on this slice "
       "that may be injured."],
      ["Its position below the liver and its urinary function identify it.",
       "Loin pain with fever and pyuria suggests pyelonephritis of this organ."],
      [("the liver", "it lies anterior and is far larger, with no collecting system"),
       ("the duodenum", "it is a bowel loop containing fluid or gas, not parenchyma with a hilum")],
      ["About 1 in 1,000 people are born with only one kidney.",
       "The left kidney is usually slightly higher than the right.",
       "The IVC runs to the right of the aorta."],
      ["Please segment the right kidney.", "Outline the right renal parenchyma.",
       "Where is the right kidney? Segment it."]),
    P("kidneys", "CT", "abdomen", "LP", [(76, 168, 17, 25), (180, 165, 17, 25)],
      {"aorta": (0.5, 0.57), "liver": (0.3, 0.38)},
      ["the kidneys"], ["they", "both organs", "the segmented organs"],
      ["kidney", "renal", "nephr"],
      ["Which paired organs filter the blood and make urine? Please segment them.",
       "Segment the organs on this slice that produce erythropoietin.",
       "Which retroperitoneal organs here would be affected by polycystic disease? Outline them."],
      ["A 70-year-old diabetic has a creatinine that has doubled over a year. Please segment the organs we "
       "should assess.",
       "A young man with a family history of cysts and hypertension is being screened. Segment the organs "
       "the screening targets."],
      ["Urine production and erythropoietin secretion are their functions.",
       "A rising creatinine reflects falling glomerular filtration in these organs."],
      [("the adrenal glands", "they are thin and Y-shaped, much smaller, and do not make urine"),
       ("the psoas muscles", "they run alongside the vertebrae and have no collecting system")],
      ["Chronic kidney disease affects roughly 10% of adults.",
       "The right renal artery passes behind the IVC.",
       "The aorta lies just to the left of the vertebral body."],
      ["Please segment both kidneys.", "Outline the renal parenchyma on both sides.",
       "Where are the kidneys? Segment them."], kind="organs"),
    P("aorta", "CT", "abdomen", "LP", [(128, 150, 10, 10)],
      {"liver": (0.31, 0.39), "vertebral body": (0.5, 0.72)},
      ["the abdominal aorta"], ["it", "the vessel", "the segmented lumen"],
      ["aorta", "aortic"],
      ["Which vessel on this slice carries oxygenated blood from the heart to the legs? Please segment it.",
       "Segment the largest artery of the body on this CT.",
       "Which vessel here would dilate into a pulsatile aneurysm in an elderly smoker? Outline it."],
      ["A 72-year-old smoker has a pulsatile mass above the umbilicus and back pain. Please segment the "
       "vessel we need to measure.",
       "A man with sudden tearing chest pain radiating to the back is scanned; this is the abdominal level. "
       "Segment the vessel that might be dissected."],
      ["It is the main conduit of oxygenated blood to the abdomen and legs.",
       "A pulsatile mass in an elderly smoker suggests an aneurysm of this vessel."],
      [("the IVC", "it is usually flatter and sits to the right, carrying venous blood"),
       ("the vertebral body", "it is bone, with a cortical rim, behind the vessel")],
      ["Abdominal aneurysms are found in about 4-8% of older male smokers.",
       "The IVC lies to the right of the aorta.",
       "The left renal vein runs anterior to the aorta, between it and the SMA."],
      ["Please segment the aorta.", "Outline the abdominal aorta on this slice.",
       "Where is the aortic lumen? Segment it."]),
    P("pancreas", "CT", "abdomen", "LP", [(135, 130, 40, 9)],
      {"aorta": (0.5, 0.6), "stomach": (0.6, 0.38), "spleen": (0.8, 0.55)},
      ["the pancreas"], ["it", "the gland", "the segmented gland"],
      ["pancrea"],
      ["Which gland on this slice makes both insulin and digestive enzymes? Please segment it.",
       "Segment the retroperitoneal gland that lies behind the stomach.",
       "Which organ here contains the islets of Langerhans? Outline it."],
      ["A 48-year-old with gallstones has severe epigastric pain radiating to the back and a lipase three times "
       "normal. Please segment the organ that is inflamed.",
       "A 66-year-old has painless jaundice, weight loss and new diabetes. Segment the gland that most worries "
       "us."],
      ["It has both endocrine (insulin, glucagon) and exocrine (enzymes) roles.",
       "Epigastric pain through to the back with a high lipase means acute pancreatitis."],
      [("the duodenum", "it is a C-shaped bowel loop wrapping around the head of this gland"),
       ("the splenic vein", "it is a thin vessel running along the back of the gland, not glandular tissue")],
      ["Gallstones and alcohol account for about 80% of acute pancreatitis.",
       "The splenic vein runs along its posterior surface toward the left.",
       "The SMA arises from the aorta just below the coeliac trunk."],
      ["Please segment the pancreas.", "Outline the pancreatic gland on this CT.",
       "Where is the pancreas? Segment it."]),
    P("liver tumors", "CT", "abdomen", "LP", [(60, 85, 9, 8), (95, 105, 7, 7), (75, 125, 6, 6)],
      {"aorta": (0.52, 0.58)},
      ["the liver lesions"], ["they", "the lesions", "the segmented foci"],
      ["liver", "hepat", "tumor", "tumour", "hcc"],
      ["In this patient with colorectal cancer, what are the low-density foci in the upper abdomen? Please "
       "segment them.",
       "Segment the abnormal low-attenuation areas in the right upper quadrant organ.",
       "Which findings here would change the cancer's stage to M1? Outline them."],
      ["A 63-year-old had a sigmoid cancer resected two years ago and now has a rising CEA. Please segment the "
       "likely sites of recurrence on this slice.",
       "A man with HBV-related cirrhosis has an AFP that has climbed sharply. Segment the abnormal areas."],
      ["Multiple hypodense foci in a patient with known primary cancer are most often metastases.",
       "A rising CEA after colorectal surgery most often means spread through the portal circulation."],
      [("simple cysts", "they would be water density and sharply marginated; these are ill-defined"),
       ("perfusion artefacts", "they are usually wedge-shaped and peripheral and fade on delayed phase")],
      ["About 50% of patients with colorectal cancer develop liver metastases.",
       "The spleen lies on the opposite, left side.",
       "Hepatocellular carcinoma develops in roughly 2-4% of cirrhotic patients each year."],
      ["Please segment the liver tumours.", "Outline the hepatic metastases.",
       "Where are the liver lesions? Segment them."], kind="lesions"),
    P("kidney tumor", "CT", "abdomen", "LP", [(190, 155, 10, 11)],
      {"aorta": (0.5, 0.58)},
      ["the renal mass"], ["it", "the lesion", "the segmented mass"],
      ["kidney", "renal", "nephr", "rcc", "tumor", "tumour"],
      ["What is the enhancing exophytic lesion arising from the bean-shaped retroperitoneal organ? "
       "Please segment it.",
       "Segment the solid, enhancing mass at the retroperitoneal organ's lower pole.",
       "This incidental finding could be a clear cell carcinoma. Please outline it."],
      ["A 58-year-old smoker has painless haematuria and a flank mass. Please segment the lesion that might "
       "explain it.",
       "An incidental solid enhancing lump was found during a scan for back pain in a 61-year-old. Segment it."],
      ["A solid enhancing lesion arising from the cortex is a carcinoma until proven otherwise.",
       "Haematuria with a flank mass is the classic (if rarely complete) triad presentation."],
      [("a simple cyst", "it would not enhance and would be water density"),
       ("the spleen", "it is a separate organ, more anterior and lateral")],
      ["Only about 10% of patients present with the full triad of pain, haematuria and a mass.",
       "The left renal vein crosses anterior to the aorta and may be invaded by tumour thrombus.",
       "Bosniak I cysts are found in over a quarter of adults over 50."],
      ["Please segment the kidney tumour.", "Outline the renal mass.",
       "Where is the kidney tumor? Segment it."], kind="lesion"),
    P("urinary bladder", "CT", "pelvis", "LP", [(128, 105, 30, 24)],
      {"rectum": (0.5, 0.7), "left femoral head": (0.8, 0.5), "right femoral head": (0.2, 0.5)},
      ["the urinary bladder"], ["it", "the organ", "the segmented region"],
      ["bladder", "vesical", "cyst"],
      ["Which hollow organ in the pelvis stores urine? Please segment it.",
       "Segment the fluid-filled pelvic organ that the ureters drain into.",
       "Which structure on this pelvic slice would be distended in urinary retention? Outline it."],
      ["An 80-year-old man with prostatic enlargement has not passed urine for 12 hours and has lower "
       "abdominal pain. Please segment the structure that is distended.",
       "A 67-year-old smoker has painless visible haematuria. Segment the hollow organ we most want to "
       "inspect on this pelvic slice."],
      ["It is the reservoir for urine, filled by both ureters.",
       "Acute retention in a man with prostatic enlargement distends this organ."],
      [("the rectum", "it lies posteriorly and contains gas and faeces"),
       ("an ovarian cyst", "it would be off to one side and separate from the ureters' insertion")],
      ["Bladder cancer is about four times more common in men than women.",
       "The left femoral head lies far lateral, in the acetabulum.",
       "The rectum sits behind it, in front of the sacrum."],
      ["Please segment the urinary bladder.", "Outline the bladder on this pelvic CT.",
       "Where is the bladder? Segment it."]),
    P("lung nodules", "CT", "chest", "LP", [(70, 100, 5, 5), (185, 120, 6, 6), (80, 160, 4, 4)],
      {"heart": (0.55, 0.4)},
      ["the pulmonary nodules"], ["they", "the nodules", "the segmented foci"],
      ["lung", "pulmonary", "nodule", "nodular"],
      ["What are the small round opacities scattered in the chest on this CT? Please segment them.",
       "Segment the rounded soft-tissue foci within the aerated parenchyma.",
       "Which findings here would a smoking-cessation screening programme follow up? Outline them."],
      ["A 64-year-old ex-smoker with 40 pack-years has a screening CT. Please segment the findings that need "
       "follow-up.",
       "A woman with a known breast cancer has a new dry cough. Segment the lesions that might represent "
       "spread in the chest."],
      ["Small round soft-tissue foci within aerated parenchyma are nodules; several at once raises the "
       "question of metastases or granulomas.", "Screening CT in heavy smokers is designed to find these."],
      [("vessels seen end-on", "they connect to branching vessels on adjacent slices; these are isolated"),
       ("atelectasis", "it is usually linear or wedge-shaped and basal, not round")],
      ["About 25% of smokers in screening programmes have at least one such finding.",
       "The right main bronchus is shorter, wider and more vertical than the left.",
       "The heart sits slightly to the left of midline."],
      ["Please segment the lung nodules.", "Outline the pulmonary nodules on this CT.",
       "Where are the nodules? Segment them."], kind="lesions"),
    P("COVID-19 infection", "CT", "chest", "LP", [(75, 170, 22, 14), (182, 172, 20, 15)],
      {"heart": (0.55, 0.42)},
      ["the COVID-19 pneumonia"], ["they", "the opacities", "the segmented areas"],
      ["covid", "sars", "coronavirus", "infection", "pneumonia"],
      ["What are the hazy ground-glass areas in the dependent parts of the chest? Please segment them.",
       "Segment the peripheral ground-glass opacities typical of the 2020 pandemic virus.",
       "Which abnormal regions on this chest CT explain the patient's hypoxia? Outline them."],
      ["A 57-year-old has had fever, loss of smell and worsening breathlessness for eight days; his PCR swab "
       "was positive. Please segment the abnormality on this CT.",
       "An unvaccinated care-home resident has a dry cough and saturations of 88% on air. Segment the areas "
       "of disease."],
      ["Peripheral, posterior ground-glass opacities are the typical pattern of this viral pneumonia.",
       "Anosmia with a positive PCR makes the viral cause very likely."],
      [("pulmonary oedema", "it tends to be central and perihilar, with septal lines and effusions"),
       ("dependent atelectasis", "it is thin and subpleural and clears when the patient lies prone")],
      ["Ground glass is seen in over 80% of hospitalised patients with this infection.",
       "The right lung has three lobes and the left has two.",
       "The left lower lobe sits behind the heart."],
      ["Please segment the COVID-19 infection.", "Outline the COVID pneumonia on this CT.",
       "Where is the coronavirus infection? Segment it."], kind="lesions"),
    P("heart", "CT", "chest", "LP", [(150, 98, 40, 34)],
      {"descending aorta": (0.6, 0.65), "esophagus": (0.5, 0.62)},
      ["the heart"], ["it", "the organ", "the segmented silhouette"],
      ["heart", "cardi", "myocard"],
      ["Which organ pumps blood through both circulations? Please segment it on this chest CT.",
       "Segment the muscular, four-chambered organ in the mediastinum.",
       "Which structure here sits inside the fibrous sac of the middle mediastinum? Outline it."],
      ["A 68-year-old with crushing central chest pain and ST elevation is scanned. Please segment the organ "
       "at the centre of the problem.",
       "A patient with long-standing hypertension now has exertional breathlessness and ankle swelling. Segment "
       "the organ that is failing."],
      ["Pumping blood through the systemic and pulmonary circulations is its function.",
       "Central chest pain with ST elevation means myocardial infarction."],
      [("the ascending aorta", "it is a round vessel, far smaller, arising from it"),
       ("a pericardial effusion", "it would be a fluid rim around the organ rather than muscle")],
      ["Heart failure affects about 1-2% of adults.",
       "The descending aorta runs to the left of the spine.",
       "The right lung has three lobes; the left has two and a lingula."],
      ["Please segment the heart.", "Outline the cardiac silhouette on this CT.",
       "Where is the heart? Segment it."]),
    P("esophagus", "CT", "chest", "LP", [(128, 155, 6, 6)],
      {"trachea": (0.5, 0.52), "heart": (0.57, 0.38)},
      ["the oesophagus"], ["it", "the tube", "the segmented structure"],
      ["esophag", "oesophag", "gullet"],
      ["Which muscular tube behind the trachea carries food to the stomach? Please segment it.",
       "Segment the hollow structure that would be affected in achalasia.",
       "Which structure here might contain an air-fluid level in a patient with dysphagia? Outline it."],
      ["A 62-year-old with long-standing reflux has progressive difficulty swallowing solids and weight loss. "
       "Please segment the structure we should look at.",
       "After vomiting forcefully a man has chest pain and surgical emphysema. Segment the organ that might "
       "have ruptured."],
      ["It conveys food from the pharynx to the stomach and lies just behind the airway.",
       "Progressive dysphagia to solids in a reflux patient raises concern for a stricture or cancer."],
      [("the trachea", "it contains air and has cartilage rings; this is a collapsed muscular tube"),
       ("the descending aorta", "it is round, enhancing and sits further to the left")],
      ["Barrett's change is found in about 10% of people with chronic reflux.",
       "The descending aorta lies to the left of the spine at this level.",
       "The left atrium sits directly in front of it, which is why an enlarged atrium can compress it."],
      ["Please segment the esophagus.", "Outline the oesophagus on this chest CT.",
       "Where is the gullet? Segment it."]),
    P("brain tumor", "MR", "head", "LP", [(85, 100, 22, 20)],
      {"lateral ventricles": (0.5, 0.48)},
      ["the glioma"], ["it", "the lesion", "the segmented mass"],
      ["tumor", "tumour", "glioma", "glioblastoma", "neoplasm"],
      ["What is the infiltrating FLAIR-bright mass in the frontal region on this MR? Please segment it.",
       "Segment the lesion responsible for the mass effect on this brain MRI.",
       "Which abnormality here would a neurosurgeon plan to resect? Outline it."],
      ["A 47-year-old has had morning headaches for two months and a first seizure last night. Please "
       "segment the cause on this MRI.",
       "A man's family noticed a personality change and apathy over six weeks. Segment the "
       "abnormality on his scan."],
      ["A space-occupying intra-axial lesion with surrounding FLAIR signal fits a primary glial neoplasm.",
       "Morning headaches and a new seizure in an adult suggest a space-occupying lesion."],
      [("an abscess", "it would have a smooth rim and restricted diffusion centrally"),
       ("an infarct", "it would follow an arterial territory and appear suddenly, without mass effect")],
      ["Glioblastoma accounts for about 15% of all primary brain tumours.",
       "The left hemisphere is dominant for language in over 90% of right-handed people.",
       "The falx separates the two cerebral hemispheres in the midline."],
      ["Please segment the brain tumour.", "Outline the glioma on this MR.",
       "Where is the tumor? Segment it."], kind="lesion"),
    P("brain metastases", "MR", "head", "LP", [(80, 90, 6, 6), (175, 140, 7, 7), (160, 190, 5, 5)],
      {"lateral ventricles": (0.5, 0.48)},
      ["the brain metastases"], ["they", "the lesions", "the segmented foci"],
      ["metasta", "secondar", "mets"],
      ["In this woman with melanoma, what are the small enhancing ring lesions on the post-contrast MR? "
       "Please segment them.",
       "Segment the enhancing foci at the grey-white junction.",
       "Which lesions here would be targeted with stereotactic radiosurgery? Outline them."],
      ["A 59-year-old with lung cancer develops headaches and clumsiness of one hand. Please segment the "
       "likely cause on this contrast MR.",
       "A patient with breast cancer is being restaged because of new confusion. Segment the abnormalities on "
       "her brain MRI."],
      ["Multiple enhancing lesions at the grey-white junction in a patient with a known primary are "
       "characteristic of haematogenous spread.", "Lung, breast and melanoma are the classic primaries."],
      [("a primary glioma", "it is usually solitary; multiplicity favours spread from elsewhere"),
       ("small vessel ischaemia", "it does not enhance and sits in deep white matter")],
      ["Brain metastases develop in roughly 20-40% of patients with cancer.",
       "The right and left lateral ventricles are separated by the septum pellucidum.",
       "The posterior fossa holds about 15% of such lesions."],
      ["Please segment the brain metastases.", "Outline the metastatic deposits in the brain.",
       "Where are the mets? Segment them."], kind="lesions"),
    P("lateral ventricles", "MR", "head", "LP", [(108, 120, 9, 26), (148, 120, 9, 26)],
      {"fourth ventricle": (0.5, 0.72)},
      ["the lateral ventricles"], ["they", "the CSF spaces", "the segmented cavities"],
      ["ventric", "ventricular"],
      ["Which CSF-filled cavities are shaped like a pair of horns on this axial MR? Please segment them.",
       "Segment the fluid spaces where most of the choroid plexus sits.",
       "Which structures here would enlarge in obstructive hydrocephalus? Outline them."],
      ["A 75-year-old has gait apraxia, urinary incontinence and memory decline. Please segment the structures "
       "that would be enlarged on his MRI.",
       "A baby's head circumference is crossing centiles upward and the fontanelle is bulging. Segment the "
       "spaces we need to assess."],
      ["They are the largest CSF cavities of the brain and contain most of the choroid plexus.",
       "The triad of wet, wobbly and wacky suggests normal-pressure hydrocephalus."],
      [("the third ventricle", "it is a single, thin midline slit lower down"),
       ("the sylvian fissures", "they are cortical sulci at the lateral surface, outside the parenchyma")],
      ["The choroid plexus produces about 500 mL of CSF a day.",
       "The fourth ventricle lies in front of the cerebellum, behind the pons.",
       "The third ventricle is a single midline cavity."],
      ["Please segment the lateral ventricles.", "Outline the ventricular system on this MR.",
       "Where are the lateral ventricles? Segment them."], kind="organs"),
    P("left hippocampus", "MR", "head", "LP", [(170, 150, 12, 6)],
      {"brainstem": (0.5, 0.6), "lateral ventricles": (0.5, 0.47)},
      ["the left hippocampus"], ["it", "the structure", "the segmented region"],
      ["hippocamp", "mesial temporal"],
      ["Which structure in the medial temporal lobe of the dominant hemisphere forms new memories? Please "
       "segment it.",
       "Segment the seahorse-shaped grey matter structure along the floor of the temporal horn on the "
       "patient's language-dominant side.",
       "Which structure here shrinks early in Alzheimer's disease? Outline the one on the dominant side."],
      ["A right-handed 30-year-old has focal seizures with a rising epigastric sensation and verbal memory "
       "problems. Please segment the structure on the language side most likely sclerotic.",
       "A 74-year-old right-handed woman is losing verbal memories. Segment the medial temporal structure on "
       "her dominant side."],
      ["It lies along the floor of the temporal horn and is central to episodic memory.",
       "Verbal memory loss and temporal-lobe seizures in a right-hander point to the dominant side."],
      [("the amygdala", "it sits more anteriorly, in front of the temporal horn tip"),
       ("the parahippocampal gyrus", "it is cortex below and medial to it, not the curved grey matter itself")],
      ["Mesial temporal sclerosis is found in about 65% of surgical temporal-lobe epilepsy cases.",
       "The right hemisphere is dominant for language in only a small minority of right-handers.",
       "The brainstem lies in the midline between the two temporal lobes."],
      ["Please segment the left hippocampus.", "Outline the hippocampus on the left.",
       "Where is the left hippocampus? Segment it."]),
    P("stroke lesion", "MR", "head", "LP", [(175, 125, 18, 14)],
      {"lateral ventricles": (0.5, 0.48)},
      ["the acute infarct"], ["it", "the lesion", "the segmented area"],
      ["stroke", "infarct", "ischaem", "ischem"],
      ["What is the bright area on this diffusion-weighted image in a patient who woke with weakness? Please "
       "segment it.",
       "Segment the region of restricted diffusion on this MR.",
       "Which abnormal tissue here is the target of thrombectomy decisions? Outline it."],
      ["A 71-year-old with atrial fibrillation suddenly lost power in his right arm and cannot find his words. "
       "Please segment the abnormality on this DWI.",
       "A woman collapsed with facial droop and slurred speech 90 minutes ago. Segment the area of damaged "
       "brain."],
      ["Restricted diffusion in an arterial territory of sudden onset means cytotoxic oedema.",
       "Right arm weakness with aphasia localises to the left MCA territory."],
      [("a tumour", "it would grow over weeks and usually does not restrict in a territory"),
       ("demyelination", "it is typically periventricular and ovoid, and clinically subacute")],
      ["Atrial fibrillation raises the risk of this event about five-fold.",
       "The left hemisphere controls the right side of the body.",
       "About 85% of such events are ischaemic rather than haemorrhagic."],
      ["Please segment the stroke lesion.", "Outline the infarct on this DWI.",
       "Where is the ischaemic lesion? Segment it."], kind="lesion"),
    P("prostate", "MR", "pelvis", "LP", [(128, 132, 20, 17)],
      {"rectum": (0.5, 0.7), "pubic symphysis": (0.5, 0.3)},
      ["the prostate"], ["it", "the gland", "the segmented gland"],
      ["prostat"],
      ["Which gland surrounds the male urethra just below the bladder? Please segment it.",
       "Segment the walnut-sized gland in front of the rectum on this pelvic MR.",
       "Which organ here is scored with PI-RADS? Outline it."],
      ["A 68-year-old man has a PSA of 9 and a firm nodule on rectal examination. Please segment the organ "
       "we are staging.",
       "A man of 74 gets up four times a night to pass urine and has a weak stream. Segment the gland that "
       "is likely enlarged."],
      ["It surrounds the proximal urethra and is assessed with PI-RADS on multiparametric MR.",
       "A raised PSA with a palpable nodule points to this gland."],
      [("the seminal vesicles", "they lie above and behind it and look like paired tubular structures"),
       ("the rectum", "it lies posteriorly and contains gas")],
      ["About 1 in 8 men will be diagnosed with a malignancy of this gland.",
       "The rectum lies directly behind it, which is why it can be examined digitally.",
       "The left and right levator ani muscles flank it."],
      ["Please segment the prostate.", "Outline the prostate gland on this MR.",
       "Where is the prostatic gland? Segment it."]),
    P("lungs", "XR", "chest", "LI", [(80, 120, 40, 70), (176, 120, 38, 66)],
      {"heart": (0.55, 0.62)},
      ["the lungs"], ["they", "the lung fields", "the segmented fields"],
      ["lung", "pulmon"],
      ["Which organs on this chest film perform gas exchange? Please segment them.",
       "Segment the aerated fields on this frontal radiograph.",
       "Which organs here would be hyperinflated in emphysema? Outline them."],
      ["A 70-year-old ex-miner has progressive breathlessness and clubbing. Please segment the organs we "
       "need to assess on this chest X-ray.",
       "A child with cystic fibrosis has a new productive cough. Segment the organs on her radiograph."],
      ["Gas exchange happens across their alveoli; on a radiograph they are the dark aerated fields.",
       "Progressive breathlessness with clubbing suggests interstitial disease."],
      [("the heart", "it is the central soft-tissue shadow between them"),
       ("the breasts", "they are overlying soft-tissue shadows, not aerated")],
      ["Chronic obstructive disease affects about 10% of adults over 40.",
       "The right hemidiaphragm usually sits higher than the left because of the liver.",
       "The heart lies slightly to the left, so the left field is a little smaller."],
      ["Please segment the lungs.", "Outline both lung fields.", "Where are the lungs? Segment them."],
      kind="organs"),
    P("heart", "XR", "chest", "LI", [(150, 160, 40, 32)],
      {"aortic knob": (0.55, 0.35)},
      ["the cardiac silhouette"], ["it", "the shadow", "the segmented silhouette"],
      ["heart", "cardi"],
      ["Which organ forms the central soft-tissue shadow on this frontal chest film? Please segment it.",
       "Segment the structure whose width over the thorax's width gives the CTR.",
       "Which structure here would look enlarged in a dilated myopathy of the pump? Outline it."],
      ["A 66-year-old with a previous infarct has orthopnoea and ankle oedema. Please segment the structure "
       "we measure on his chest X-ray.",
       "A young woman with lupus has pleuritic pain and a soft rub. Segment the shadow that might be enlarged "
       "by fluid."],
      ["It forms the central soft-tissue shadow whose ratio to the chest width is the CTR.",
       "Orthopnoea and oedema after an infarct suggest failure and enlargement."],
      [("the thymus", "it is only prominent in infants and lies above"),
       ("a mediastinal mass", "it would widen the upper mediastinum rather than form this lower shadow")],
      ["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
       "The right heart border is formed by the right atrium.",
       "The left hemidiaphragm sits a little lower than the right."],
      ["Please segment the heart.", "Outline the cardiac silhouette.", "Where is the heart? Segment it."]),
    P("pneumothorax", "XR", "chest", "LI", [(70, 70, 26, 30)],
      {"heart": (0.57, 0.62), "right hemidiaphragm": (0.28, 0.78)},
      ["the pneumothorax"], ["it", "the air collection", "the segmented area"],
      ["pneumothora", "ptx"],
      ["What is the lucent area without lung markings at the apex on this chest film? Please segment it.",
       "Segment the abnormal air collection in the pleural space.",
       "Which finding here would need a chest drain if it grew? Outline it."],
      ["A tall, thin 22-year-old smoker developed sudden pleuritic chest pain and breathlessness while "
       "sitting at his desk. Please segment the cause on his X-ray.",
       "After a central line insertion the patient is short of breath. Segment the complication."],
      ["A lucent zone with no vascular markings beyond a visible pleural line is free pleural air.",
       "Sudden pleuritic pain in a tall, thin young smoker is classic for a primary spontaneous event."],
      [("a bulla", "it has a curved wall concave toward the chest wall and lung markings around it"),
       ("a skin fold", "it extends beyond the chest wall and has lung markings on both sides")],
      ["Primary spontaneous events are about six times more common in men.",
       "The heart lies mostly to the left of midline.",
       "The right hemidiaphragm is usually about 2 cm higher than the left."],
      ["Please segment the pneumothorax.", "Outline the PTX on this film.",
       "Where is the pneumothorax? Segment it."], kind="lesion"),
    P("pleural effusion", "XR", "chest", "LI", [(185, 195, 30, 22)],
      {"heart": (0.55, 0.6), "left hilum": (0.6, 0.45)},
      ["the pleural effusion"], ["it", "the fluid", "the segmented opacity"],
      ["effusion", "pleural fluid", "hydrothora"],
      ["What is the homogeneous opacity with a meniscus at the base on this chest film? Please segment it.",
       "Segment the finding that blunts the costophrenic angle here.",
       "Which abnormality here might be drained with a thoracentesis? Outline it."],
      ["A 73-year-old with heart failure is more breathless and has dullness to percussion at one base. "
       "Please segment the cause on his chest X-ray.",
       "A woman with ovarian cancer has reduced breath sounds at one base. Segment the abnormality."],
      ["A dependent opacity with a meniscus that blunts the costophrenic angle is free fluid.",
       "Stony dullness at a base fits fluid in the pleural space."],
      [("consolidation", "it has air bronchograms and no meniscus"),
       ("a raised hemidiaphragm", "it has a smooth dome and leaves the angle sharp")],
      ["A PA film needs about 200 mL of fluid before the angle blunts.",
       "The right hilum normally sits a little lower than the left.",
       "The heart's apex points to the left."],
      ["Please segment the pleural effusion.", "Outline the effusion on this film.",
       "Where is the pleural fluid? Segment it."], kind="lesion"),
    P("thyroid nodule", "US", "neck", None, [(120, 95, 22, 17)], {},
      ["the thyroid nodule"], ["it", "the nodule", "the segmented lesion"],
      ["thyroid", "nodule", "goitre", "goiter"],
      ["What is the well-defined hypoechoic lesion in this neck ultrasound? Please segment it.",
       "Segment the focal lesion in the butterfly-shaped endocrine gland on this image.",
       "Which finding here would be graded with TI-RADS? Outline it."],
      ["A 41-year-old woman noticed a painless lump in the front of her neck that moves on swallowing. Please "
       "segment it on the ultrasound.",
       "A man with palpitations and a suppressed TSH has a lump in the neck. Segment the lesion."],
      ["A focal hypoechoic lesion inside the gland, graded by TI-RADS, is a nodule.",
       "A lump that rises on swallowing arises from the gland attached to the larynx."],
      [("a lymph node", "it would lie outside the gland and usually has a fatty hilum"),
       ("a parathyroid adenoma", "it sits behind the gland, separated by a fascial plane")],
      ["Up to 50% of adults have such lesions on ultrasound, and about 5% are malignant.",
       "The right lobe of the gland is often slightly larger than the left.",
       "The common carotid artery lies lateral to each lobe."],
      ["Please segment the thyroid nodule.", "Outline the nodule in the thyroid.",
       "Where is the thyroid nodule? Segment it."], kind="lesion"),
    P("breast tumor", "US", "breast", None, [(130, 105, 35, 25)], {},
      ["the breast mass"], ["it", "the mass", "the segmented lesion"],
      ["breast", "mammar", "tumor", "tumour"],
      ["What is the irregular, taller-than-wide hypoechoic lesion on this ultrasound? Please segment it.",
       "Segment the spiculated lesion with posterior shadowing in this image.",
       "Which lesion here would be scored BI-RADS 4 or 5? Outline it."],
      ["A 54-year-old woman felt a hard, painless lump while showering; there is skin tethering. Please "
       "segment the lesion on her ultrasound.",
       "A screening mammogram showed a new spiculated density and she has been recalled. Segment the lesion "
       "on the targeted ultrasound."],
      ["Irregular margins, a taller-than-wide shape and posterior shadowing are suspicious features.",
       "A hard, fixed lump with tethering needs triple assessment."],
      [("a fibroadenoma", "it is usually oval, wider than tall and well circumscribed"),
       ("a simple cyst", "it would be anechoic with posterior enhancement")],
      ["About 1 in 8 women will develop breast cancer during their lifetime.",
       "The upper outer quadrant holds about half of all such lesions.",
       "The left side is affected slightly more often than the right."],
      ["Please segment the breast tumour.", "Outline the breast mass.",
       "Where is the breast tumor? Segment it."], kind="lesion"),
    P("fetal head", "US", "pelvis", None, [(128, 132, 70, 55)], {},
      ["the fetal head"], ["it", "the skull", "the segmented outline"],
      ["fetal head", "foetal head", "fetus", "foetus", "fetal", "foetal", "head", "skull", "cranium"],
      ["On this obstetric scan, which part do we measure for the biparietal diameter? Please segment it.",
       "Segment the structure whose circumference (HC) we plot on growth charts in this second-trimester image.",
       "Which part of the baby is shown in this transthalamic plane? Outline it."],
      ["A 28-year-old at 20 weeks attends her anomaly scan. Please segment the structure whose "
       "circumference we measure for growth.",
       "A woman unsure of her dates has a dating scan at around 14 weeks. Segment the part measured for the "
       "BPD."],
      ["The biparietal diameter and head circumference are measured on this transthalamic plane.",
       "Growth and dating use this measurement alongside femur length."],
      [("the fetal abdomen", "it is measured at the level of the stomach and umbilical vein, not the thalami"),
       ("the placenta", "it is a flat structure on the uterine wall")],
      ["Head circumference below the 3rd centile defines microcephaly.",
       "The femur length is the other key long-bone measure.",
       "About 3% of babies are in breech position at term."],
      ["Please segment the fetal head.", "Outline the baby's skull on this scan.",
       "Where is the fetal head? Segment it."]),
    P("polyp", "endoscopy", "colon", None, [(150, 160, 30, 26)], {},
      ["the polyp"], ["it", "the lesion", "the segmented lesion"],
      ["polyp", "adenoma", "polypoid"],
      ["What is the raised, reddish mucosal lesion in this colonoscopy frame? Please segment it.",
       "Segment the protruding lesion that might be removed with a snare.",
       "Which finding here is the usual precursor of colorectal cancer? Outline it."],
      ["A 60-year-old with a positive faecal immunochemical test is having a colonoscopy. Please segment the "
       "finding in this frame.",
       "A man with a family history of bowel cancer has a surveillance colonoscopy. Segment the lesion."],
      ["A protruding mucosal lesion is the classic precursor of most bowel cancers.",
       "A positive FIT test is often explained by such a bleeding lesion."],
      [("a fold", "folds are circumferential and continuous; this is a discrete raised lesion"),
       ("stool", "it would wash off and has a different texture")],
      ["About 30% of people over 50 have at least one adenoma.",
       "The left colon is the usual site of diverticular disease in Western patients.",
       "The right colon is a common site of flat serrated lesions."],
      ["Please segment the polyp.", "Outline the polyp in this frame.",
       "Where is the polyp? Segment it."], kind="lesion"),
    P("polyp", "endoscopy", "colon", None, [(90, 90, 16, 14), (170, 160, 20, 18)], {},
      ["the polyps"], ["they", "the lesions", "the segmented lesions"],
      ["polyp", "adenoma", "polypoid"],
      ["What are the raised mucosal lesions in this colonoscopy frame? Please segment them.",
       "Segment the protruding lesions that would need removing.",
       "Which findings here are precursors of colorectal cancer? Outline them."],
      ["A 57-year-old with iron-deficiency anaemia is having a colonoscopy. Please segment the findings in "
       "this frame.",
       "A woman with a strong family history of bowel cancer has a screening colonoscopy. Segment the lesions."],
      ["Discrete protruding mucosal lesions are the precursors of most bowel cancers.",
       "Iron deficiency in an older adult always needs the bowel examining."],
      [("folds", "they are circumferential and continuous; these are discrete raised lesions"),
       ("bubbles", "they are translucent and reflective and move with suction")],
      ["About 30% of people over 50 have at least one adenoma.",
       "The left colon is the usual site of diverticular disease in Western patients.",
       "Three or more adenomas put a patient in a higher surveillance group."],
      ["Please segment the polyps.", "Outline the polyps in this frame.",
       "Where are the polyps? Segment them."], kind="lesions"),
    P("skin lesion", "dermoscopy", "skin", None, [(128, 128, 65, 55)], {},
      ["the pigmented lesion"], ["it", "the lesion", "the segmented area"],
      ["lesion", "melanoma", "naev", "nev", "mole"],
      ["What is the asymmetric pigmented area with irregular borders in this dermoscopy image? Please segment "
       "it.",
       "Segment the region we would assess with the ABCDE rule.",
       "Which area here would the dermatologist excise? Outline it."],
      ["A 45-year-old fair-skinned man says a spot on his back has grown and changed colour over six months. "
       "Please segment it in this dermoscopy photo.",
       "A woman's partner noticed a dark, irregular spot on her calf that bleeds occasionally. Segment it."],
      ["Asymmetry, border irregularity, colour variation and evolution are the warning features.",
       "Change in size and colour over months is the most worrying history."],
      [("a seborrhoeic keratosis", "it has milia-like cysts and a stuck-on look"),
       ("a haemangioma", "it shows red-blue lacunae rather than a pigment network")],
      ["About 1 in 50 people in some countries will develop melanoma.",
       "In men the back is the most common site; in women it is the legs.",
       "A diameter above 6 mm is one of the classic warning signs."],
      ["Please segment the skin lesion.", "Outline the mole in this image.",
       "Where is the melanoma? Segment it."], kind="lesion"),
    P("optic disc", "other", "eye", None, [(185, 125, 12, 13)], {},
      ["the optic disc"], ["it", "the disc", "the segmented region"],
      ["optic disc", "optic disk", "optic nerve head", "papilla", "disc", "disk", "onh"],
      ["Where does the nerve leave the eye in this fundus photograph? Please segment it.",
       "Segment the bright oval where the retinal vessels converge.",
       "Which structure here would we assess for cupping in glaucoma? Outline it."],
      ["A 63-year-old with raised intraocular pressure and peripheral field loss has a fundus photo. Please "
       "segment the structure we grade.",
       "A young woman with headaches worse on lying down and transient visual obscurations has a fundus photo. "
       "Segment the structure that may be swollen."],
      ["It is where the retinal ganglion cell axons exit and where the central vessels enter.",
       "Headaches with visual obscurations raise concern for raised intracranial pressure and papilloedema."],
      [("the macula", "it is a darker avascular area temporal to it, without converging vessels"),
       ("a retinal exudate", "it is small, yellow and irregular, without vessels converging on it")],
      ["A cup-to-disc ratio above 0.6 is often considered suspicious.",
       "The macula lies about two and a half disc diameters temporal to it.",
       "Glaucoma affects about 3% of people over 40."],
      ["Please segment the optic disc.", "Outline the optic nerve head.",
       "Where is the disc? Segment it."]),
    P("cell nuclei", "microscopy", "pathology", None,
      [(50, 50, 8, 7), (110, 45, 7, 8), (190, 70, 8, 8), (70, 140, 7, 7), (150, 130, 8, 7),
       (210, 180, 7, 8), (100, 210, 8, 7)], {},
      ["the nuclei"], ["they", "the nuclei", "the segmented objects"],
      ["nucle"],
      ["Which structures in this H&E image hold the chromatin? Please segment them.",
       "Segment the haematoxylin-stained, purple-blue ovals in this field.",
       "Which objects here would we count to estimate cellularity? Outline them."],
      ["A pathologist wants a quick cellularity estimate on this tumour biopsy before molecular testing. "
       "Please segment the objects she would count.",
       "For a Ki-67 index we need to find every cell's DNA-containing compartment. Segment them in this field."],
      ["Haematoxylin stains the chromatin blue-purple, so these ovals are the cells' DNA compartments.",
       "Cellularity estimates count these structures per field."],
      [("red blood cells", "they are pink, smaller and anucleate"),
       ("stromal collagen", "it is pink fibrillary material, not discrete purple ovals")],
      ["Molecular testing often needs at least 20% tumour cellularity.",
       "A high-power field is roughly 0.2 mm squared.",
       "Mitotic figures are counted per 10 high-power fields in many grading systems."],
      ["Please segment the cell nuclei.", "Outline every nucleus here.",
       "Where are the nuclei? Segment them."], kind="lesions"),
]


for _p in PROFILES:
    if _p["target"] == "cell nuclei":
        _p["unit"] = "separate nuclei"


# --------------------------------------------------------------------------------------------- facts

def facts_for(p, rng):
    from medseg_qa.facts import compute_facts
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    for (cx, cy, rx, ry) in p["ellipses"]:
        cx += rng.uniform(-2, 2)
        cy += rng.uniform(-2, 2)
        rx *= rng.uniform(0.95, 1.05)
        ry *= rng.uniform(0.95, 1.05)
        m |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: (v[0] + rng.uniform(-0.005, 0.005), v[1] + rng.uniform(-0.005, 0.005))
              for k, v in p["others"].items()}
    return compute_facts(m, p["orientation"], others).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["modality"], body_region=p["body_region"], orientation=p["orientation"])


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([q for q in profiles if q["orientation"]])
    if defect == "position":  # photos have only upper/lower; keep some, favour oriented ones
        pool = [q for q in profiles if q["orientation"]] if rng.random() < 0.8 else profiles
        return rng.choice(pool)
    return rng.choice(profiles)


# --------------------------------------------------------------------------------------------- phrasing

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
       10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
       17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty"}
OPP_SIDE = {"left": "right", "right": "left"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERTS = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
         None: ["upper", "lower", "central"]}


class Conv:
    """Sentences with their claims; claims are tuples checked by the reader."""

    def __init__(self):
        self.turns = []  # list of (role, [ (text, [claims]) ])

    def turn(self, role):
        self.turns.append((role, []))

    def say(self, text, *claims):
        self.turns[-1][1].append((text, list(claims)))

    def render(self):
        out = []
        for role, sents in self.turns:
            parts = []
            for text, _ in sents:
                if text.startswith("\n"):
                    parts.append(text)
                else:
                    parts.append((" " if parts and not parts[-1].endswith("\n") else "") + text)
            out.append({"role": role, "content": "".join(parts).strip()})
        return out

    def ledger(self):
        return [(ti, text, claims) for ti, (role, sents) in enumerate(self.turns) for text, claims in sents]


def cap(s):
    return s[0].upper() + s[1:]


def pct_text(pct, rng, words_ok=True):
    if pct < 1:
        return f"{pct:.2f}%"
    if pct >= 3 and words_ok and rng.random() < 0.3 and round(pct) <= 20:
        return f"{NUM[int(round(pct))]} percent"
    if pct >= 10:
        return f"{int(round(pct))}%"
    return f"{pct:.1f}%"


def side_sents(p, side, rng, negation=True):
    """Sentences stating `side` for the target (one claim each); returns a list of (text, claims)."""
    o = p["orientation"]
    pl = p["kind"] in ("lesions", "organs")
    it = "they" if pl else "it"
    be = "are" if pl else "is"
    img = {"left": "right", "right": "left"}
    view = "axial" if o == "LP" else "frontal"
    out = []
    if side in ("left", "right"):
        opts = [
            f"{cap(it)} {be} on the patient's {side}.",
            f"On the image {it} {'appear' if pl else 'appears'} on the {img[side]}, which on a radiological "
            f"{view} view is the patient's {side}.",
            f"The mask lies in the patient's {side} half.",
            f"This is a {side}-sided finding." if p["kind"] in ("lesion", "lesions") else
            f"The segmented region sits on the {side} side of the body.",
            f"{cap(it)} {be} clearly lateralised to the {side}.",
        ]
        out.append((rng.choice(opts), [("side", side)]))
        if negation and rng.random() < 0.6:
            out.append((rng.choice([f"{cap(it)} {be} not on the {OPP_SIDE[side]}.",
                                    f"Nothing of the mask crosses to the {OPP_SIDE[side]} side.",
                                    f"Don't be misled by its position on the image: the image's {side} is the "
                                    f"patient's {OPP_SIDE[side]}, and that is not where {it} {be}."]),
                        [("side_not", OPP_SIDE[side])]))
    elif side == "midline":
        opts = [f"{cap(it)} {be} essentially in the midline.",
                f"The mask straddles the midline rather than favouring one side.",
                f"{cap(it)} {'sit' if pl else 'sits'} centrally, across the midline.",
                "Laterality: midline."]
        out.append((rng.choice(opts), [("side", "midline")]))
        if negation and rng.random() < 0.5:
            out.append((rng.choice([f"{cap(it)} {be} not lateralised to the left or the right.",
                                    "Neither side is favoured."]), [("side", "midline")]))
    elif side == "bilateral":
        opts = [f"{cap(it)} {be} bilateral, with parts on both the left and the right.",
                "The mask has components on both sides of the midline.",
                f"Both sides are involved.",
                f"{cap(it)} {'occupy' if pl else 'occupies'} both the patient's right and left sides."]
        out.append((rng.choice(opts), [("side", "bilateral")]))
        if negation and rng.random() < 0.5:
            out.append((rng.choice([f"{cap(it)} {be} not confined to one side.",
                                    "It would be wrong to call this one-sided."]), [("side", "bilateral")]))
    return out


def wrong_side(true, rng):
    if true in ("left", "right"):
        return OPP_SIDE[true]
    return rng.choice(["left", "right"])  # a midline or bilateral mask said to be one-sided


def vert_sents(p, v, rng):
    o = p["orientation"]
    pl = p["kind"] in ("lesions", "organs")
    it = "they" if pl else "it"
    be = "are" if pl else "is"
    lie = "lie" if pl else "lies"
    if o == "LP":
        d = {"anterior": [f"{cap(it)} {lie} in the anterior part of the section.",
                          f"The mask sits ventrally, toward the front of the body.",
                          f"In the anteroposterior direction {it} {be} anterior."],
             "posterior": [f"{cap(it)} {lie} posteriorly in the section.",
                           f"The segmented region is dorsal, in the back half of the body.",
                           f"In the anteroposterior direction {it} {be} posterior."],
             "central": [f"{cap(it)} {lie} at about mid-depth, neither clearly anterior nor posterior.",
                         f"Front to back, the mask is roughly central.",
                         f"Anteroposteriorly {it} {be} central."]}
    elif o == "LI":
        d = {"superior": [f"{cap(it)} {lie} in the upper part of the chest.",
                          f"The mask is superior, toward the apex.",
                          f"Vertically {it} {be} high in the thorax."],
             "inferior": [f"{cap(it)} {lie} low, toward the base of the chest.",
                          f"The mask is inferior, near the diaphragm.",
                          f"Vertically {it} {be} in the lower zone."],
             "central": [f"{cap(it)} {lie} at about mid-height.",
                         f"Vertically the mask is central, neither high nor low.",
                         f"{cap(it)} {be} roughly in the middle zone from top to bottom."]}
    else:
        d = {"upper": [f"{cap(it)} {lie} in the upper half of the frame.",
                       f"The mask sits toward the top of the image.",
                       f"Vertically {it} {be} in the upper part of the picture."],
             "lower": [f"{cap(it)} {lie} in the lower half of the frame.",
                       f"The mask sits toward the bottom of the image.",
                       f"Vertically {it} {be} in the lower part of the picture."],
             "central": [f"{cap(it)} {be} roughly centred vertically in the frame.",
                         f"The mask sits around the middle of the image, top to bottom.",
                         f"Neither the upper nor the lower half dominates; {it} {be} central."]}
    return (rng.choice(d[v]), [("vertical", v)])


def rel_sent(p, other, rel, rng):
    pl = p["kind"] in ("lesions", "organs")
    it = "they" if pl else "it"
    be = "are" if pl else "is"
    w = {"left_of": [f"to the patient's left of the {other}", f"on the left side of the {other}"],
         "right_of": [f"to the patient's right of the {other}", f"on the right side of the {other}"],
         "anterior_to": [f"anterior to the {other}", f"in front of the {other}"],
         "posterior_to": [f"posterior to the {other}", f"behind the {other}"],
         "superior_to": [f"above the {other}", f"superior to the {other}"],
         "inferior_to": [f"below the {other}", f"inferior to the {other}"]}[rel]
    short = {"left_of": "to the patient's left", "right_of": "to the patient's right",
             "anterior_to": "in front", "posterior_to": "behind", "superior_to": "above",
             "inferior_to": "below"}[rel]
    phr = rng.choice(w)
    t = rng.choice([f"{cap(it)} {be} {phr}.", f"Relative to the {other}, the mask lies {short}.",
                    f"The segmented region sits {phr}.", f"Compared with the {other}, {it} {be} {short}."])
    return (t, [("rel", other, rel)])


def premise(p, topic, value, rng):
    """A user's lead-in clause stating `value` for `topic` (one claim)."""
    o = p["orientation"]
    pl = p["kind"] in ("lesions", "organs")
    it, be = ("they", "are") if pl else ("it", "is")
    its = "they're" if pl else "it's"
    if topic == "side":
        return (rng.choice([f"Since {its} on the patient's {value}", f"Given that this is {value}-sided",
                            f"OK, so with {'them' if pl else 'it'} on the {value} side"]), ("side", value))
    if topic == "vertical":
        w = {"anterior": "toward the front of the body", "posterior": "toward the back of the body",
             "central": "at mid-depth front to back" if o == "LP" else "at mid-height" if o == "LI"
             else "in the middle of the frame vertically",
             "superior": "high in the chest", "inferior": "low in the chest",
             "upper": "in the upper half of the picture", "lower": "in the lower half of the picture"}[value]
        return (rng.choice([f"Since {its} {w}", f"Given that {it} {'sit' if pl else 'sits'} {w}"]),
                ("vertical", value))
    if topic == "rel":
        other, rel = value
        ph = {"left_of": "to the patient's left of", "right_of": "to the patient's right of",
              "anterior_to": "in front of", "posterior_to": "behind", "superior_to": "above",
              "inferior_to": "below"}[rel]
        return (rng.choice([f"Since {its} {ph} the {other}", f"Given that {it} {be} {ph} the {other}"]),
                ("rel", other, rel))
    if topic == "size":
        wd = {"small": "small", "medium": "medium-sized", "large": "large"}[value]
        return (rng.choice([f"Since the mask is {wd}", f"Given that {it} {be} {wd}"]), ("size", value))
    if topic == "pct":
        pt = pct_text(value, rng, words_ok=False)
        return (rng.choice([f"Since the mask covers about {pt} of the image",
                            f"Given that {it} {'take' if pl else 'takes'} up roughly {pt} of the frame"]),
                ("pct", pct_val(pt)))
    if topic == "count":
        if value == 1:
            return (rng.choice(["Since it's all one connected piece", "Given that the mask is a single region"]),
                    ("count", 1))
        return (rng.choice([f"Since there are {NUM.get(value, value)} separate regions",
                            f"Given that the mask has {value} separate pieces"]), ("count", value))


def size_sents(p, cls, pct, rng, which):
    """which: 'class', 'pct' or 'both'."""
    pl = p["kind"] in ("lesions", "organs")
    it = "they" if pl else "it"
    out = []
    word = {"small": ["small", "small", "compact"], "medium": ["medium-sized", "moderate-sized", "mid-sized"],
            "large": ["large", "big", "extensive"]}[cls]
    wd = rng.choice(word)
    pt = pct_text(pct, rng)
    if which == "both":
        t = rng.choice([f"The mask is {wd}, covering about {pt} of the image.",
                        f"In size terms this is {wd}: roughly {pt} of the field of view.",
                        f"{cap(it)} {'take' if pl else 'takes'} up approximately {pt} of the image, so {wd} "
                        f"overall."])
        out.append((t, [("size", cls), ("pct", pct_val(pt))]))
    elif which == "class":
        t = rng.choice([f"Overall the segmented area is {wd}.", f"It is a {wd} mask.",
                        f"By area the mask counts as {wd}."])
        out.append((t, [("size", cls)]))
    else:
        t = rng.choice([f"The mask covers about {pt} of the image.", f"Area: roughly {pt} of the frame.",
                        f"The segmented pixels make up approximately {pt} of the image."])
        out.append((t, [("pct", pct_val(pt))]))
    return out


def pct_val(txt):
    if "percent" in txt:
        w = txt.split()[0]
        return float({v: k for k, v in NUM.items()}[w])
    return float(txt.rstrip("%"))


def count_sent(p, n, rng):
    pl = p["kind"] in ("lesions", "organs")
    if n == 1:
        t = rng.choice(["The mask is a single connected region.", "It forms one contiguous piece.",
                        "There is just one separate component.", "A single, solitary region is segmented."])
    else:
        nw = NUM.get(n, str(n)) if rng.random() < 0.7 else str(n)
        noun = p.get("unit") or {"lesions": "separate lesions", "organs": "separate parts"}.get(p["kind"],
                                                                                           "separate pieces")
        t = rng.choice([f"The mask has {nw} {noun}.", f"There are {nw} distinct, non-touching regions.",
                        f"I count {nw} separate components in the mask.",
                        f"{cap(nw)} discrete areas are segmented."])
    return (t, [("count", n)])


def wrong_count(n, rng):
    if n == 1:
        return rng.choice([2, 3])
    return n + rng.choice([-1, 1]) if n > 2 else rng.choice([1, 3])


# --------------------------------------------------------------------------------------------- build

def build(p, facts, style, rng, defect):
    c = Conv()
    o = p["orientation"]
    name = p["names"][0]
    side, vert, cls = facts["laterality"], facts["vertical"], facts["size_class"]
    pct = 100 * facts["area_fraction"]
    n = facts["components"]
    rels = [(r["other"], r["relation"]) for r in facts["relations"]]
    if side == "bilateral":  # a centroid relation across the midline reads oddly for a two-sided mask
        rels = [r for r in rels if r[1] not in ("left_of", "right_of")]
    vrels = [r for r in rels if r[1] not in ("left_of", "right_of")]
    pl = p["kind"] in ("lesions", "organs")

    # what the defect is and where it sits
    dkind, where = None, None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "side", "count": "count", "size": rng.choice(["size", "pct"])}.get(defect)
        if defect == "position":
            dkind = "rel" if vrels and rng.random() < 0.5 else "vertical"
        r = rng.random()
        where = "first" if r < 0.6 else "follow" if r < 0.8 else "user"
    topic_of = {"side": "side", "vertical": "position", "rel": "position", "size": "size", "pct": "size",
                "count": "count"}
    dtopic = topic_of.get(dkind)

    # the values stated
    said_side = wrong_side(side, rng) if dkind == "side" else side
    said_vert = rng.choice([v for v in VERTS[o] if v != vert]) if dkind == "vertical" else vert
    drel = rng.choice(vrels) if dkind == "rel" else None
    said_cls = rng.choice([x for x in ("small", "medium", "large") if x != cls]) if dkind == "size" else cls
    said_pct = pct * rng.choice([0.25, 0.3, 3.0, 3.5]) if dkind == "pct" else pct
    said_n = wrong_count(n, rng) if dkind == "count" else n

    topics = ["size", "count"] + (["side"] if o else []) + ["position"]
    # the first answer mentions a subset of topics
    first_topics = [t for t in topics if rng.random() < 0.65]
    if dtopic and where == "first" and dtopic not in first_topics:
        first_topics.append(dtopic)
    if dtopic and where in ("follow", "user") and dtopic in first_topics:
        first_topics.remove(dtopic)
    if len(first_topics) < 1:
        first_topics = [t for t in topics if t != dtopic][:1]

    def fact_sents(topic, false_here, negation=True):
        """True sentences for a topic, or the one false sentence when the defect is planted here."""
        if topic == "side":
            if not o:
                return []
            if false_here and dkind == "side":
                return side_sents(p, said_side, rng, negation=False)[:1]
            if dkind == "side":
                return []  # the side is stated only once, where the defect sits
            return side_sents(p, side, rng, negation)
        if topic == "position":
            out = []
            if false_here and dkind == "vertical":
                return [vert_sents(p, said_vert, rng)]
            if false_here and dkind == "rel":
                return [rel_sent(p, drel[0], OPP_REL[drel[1]], rng)]
            if dkind != "vertical":
                out.append(vert_sents(p, vert, rng))
            if rels and dkind != "rel":
                k = rng.choice([1, 1, 2])
                for other, rel in rng.sample(rels, min(k, len(rels))):
                    out.append(rel_sent(p, other, rel, rng))
            return out
        if topic == "size":
            if false_here and dkind == "size":
                return size_sents(p, said_cls, pct, rng, "class")
            if false_here and dkind == "pct":
                return size_sents(p, cls, said_pct, rng, "pct")
            if dkind in ("size", "pct"):
                return []
            return size_sents(p, cls, pct, rng, rng.choice(["class", "pct", "both", "both"]))
        if topic == "count":
            if false_here and dkind == "count":
                return [count_sent(p, said_n, rng)]
            if dkind == "count":
                return []
            return [count_sent(p, n, rng)]
        return []

    # ---- first user turn
    story_k = rng.randrange(len(p["story"]))
    c.turn("user")
    if defect == "names_target":
        q = rng.choice(p["named_q"])
        if style == "vignette":
            q = rng.choice(p["story"]).rsplit(". ", 1)[0] + ". " + q
        c.say(q, ("names_target",))
    elif style == "vignette":
        c.say(p["story"][story_k])
    elif style == "physician_refined":
        c.say(rng.choice(["", "Reviewing this case: ", "Quick question on this image. "]) + rng.choice(p["q"]))
    else:
        c.say(rng.choice(p["q"]))

    # ---- first answer
    c.turn("assistant")
    subj = name
    it = "they" if pl else "it"
    if style == "paper_qa":
        c.say(rng.choice([f"{'They are' if pl else 'It is'} {name} [SEG].", f"{cap(name)} [SEG].",
                          f"{'These are' if pl else 'This is'} {name} [SEG]."]))
        c.say(rng.choice(p["why"]))
    elif style == "physician_refined":
        c.say(rng.choice([f"Segmentation: {name} [SEG].", f"What you are asking about is {name} [SEG].",
                          f"This corresponds to {name} [SEG]."]))
        c.say(rng.choice(p["why"]))
        c.say(rng.choice(["Findings, as measured on the mask:", "On this image:",
                          "Reviewed description (measurements are from the mask, so approximate):"]))
    elif style == "vignette":
        c.say(p["why"][1] if story_k == 0 else p["why"][0])
        c.say(rng.choice([f"Putting that together, the structure to look at is {name} [SEG].",
                          f"So the answer is {name} [SEG].",
                          f"That leads me to {name}, segmented here [SEG]."]))
    else:  # differential
        alts = rng.sample(p["ddx"], len(p["ddx"]))
        c.say(rng.choice(["Let me weigh the candidates.", "A few structures could fit; let's go through them.",
                          "Differential first:"]))
        for a, why in alts:
            c.say(rng.choice([f"Could it be {a}? Unlikely, because {why}.",
                              f"At first glance {a} might fit, but {why}.",
                              f"I would rule out {a}: {why}."]))
        c.say(rng.choice([f"That leaves {name} [SEG].", f"I'll commit to {name} [SEG].",
                          f"The best fit is {name} [SEG]."]))
        c.say(rng.choice(p["why"]))

    for t in first_topics:
        for s in fact_sents(t, where == "first" and t == dtopic):
            c.say(*((s[0],) + tuple(s[1])))
    # trivia / misreadable distractors
    c.say(rng.choice(p["trivia"]))
    if style == "physician_refined" and o and rng.random() < 0.3:
        c.say("If the mask were on the opposite side, I'd first check the orientation header.")
    if style == "physician_refined":
        c.say(rng.choice(["Correlate with the clinical picture before acting on this.",
                          "I would not over-interpret a single slice.",
                          "Final interpretation rests with the reporting radiologist."]))
    if o and rng.random() < 0.4:
        c.say(rng.choice(["Remember that on a radiological view the patient's left appears on the image's right.",
                          "Bear in mind the image is displayed as if facing the patient, so left and right "
                          "are swapped on screen.",
                          "A structure seen on the image's left would be on the patient's right."]))

    # ---- follow-ups
    remaining = [t for t in topics if t not in first_topics]
    rounds = rng.choice([1, 2])
    if where in ("follow", "user") and rounds == 1 and rng.random() < 0.5:
        rounds = 2
    plan = []
    if where == "follow":
        plan.append(("ask", dtopic, True))
    elif where == "user":
        plan.append(("premise", dtopic, True))
    while len(plan) < rounds:
        opts = [t for t in remaining if t != dtopic and t not in [x[1] for x in plan]]
        r = rng.random()
        if r < 0.25 and o in ("LP", "LI") and side in ("left", "right", "bilateral", "midline") and \
                dkind != "side" and "correct" not in [x[0] for x in plan]:
            plan.append(("correct", "side", False))
        elif r < 0.45 and "summary" not in [x[0] for x in plan]:
            plan.append(("summary", None, False))
        elif opts:
            plan.append(("ask", rng.choice(opts), False))
        else:
            plan.append(("neighbours", None, False))
    rng.shuffle(plan)

    for kind, topic, planted in plan:
        c.turn("user")
        if kind == "ask":
            qs = {"side": ["Which side is it on?", "Is that the patient's left or right?",
                           "Left, right, or both sides?"],
                  "position": ["Where exactly does it sit in the image?", "How would you describe its position?",
                               "What does it lie next to?"],
                  "size": ["How big is it?", "Roughly what fraction of the image does the mask take up?",
                           "Is it small or large?"],
                  "count": ["Is it one piece or several?", "How many separate regions are there?",
                            "Are there multiple separate areas in the mask?"]}
            c.say(rng.choice(qs[topic]))
            c.turn("assistant")
            sents = fact_sents(topic, planted, negation=True)
            if not sents:
                sents = [(rng.choice(p["why"]), [])]
            for s in sents:
                c.say(*((s[0],) + tuple(s[1])))
            if rng.random() < 0.5:
                c.say(rng.choice(p["trivia"]))
        elif kind == "premise":
            val = {"side": said_side, "vertical": said_vert, "rel": (drel[0], OPP_REL[drel[1]]) if drel else None,
                   "size": said_cls, "pct": said_pct, "count": said_n}[dkind]
            text, claim = premise(p, dkind, val, rng)
            tail = rng.choice([", what else should I look at nearby?", ", what is the main clinical concern?",
                               ", what would you do next?", ", is there anything in the history that fits?"])
            c.say(text + tail, claim)
            c.turn("assistant")
            c.say(rng.choice(["Good question.", "Reasonable.", "Sure."]))
            c.say(rng.choice(p["why"]))
            c.say(rng.choice(p["trivia"]))
            c.say(rng.choice(["I would look at the neighbouring structures on adjacent slices too.",
                              "Next I'd compare with any prior imaging.",
                              "The next step would be a targeted review with the clinical team."]))
        elif kind == "correct":
            wrong = {"left": "right", "right": "left", "midline": "left", "bilateral": "right"}[side]
            c.say(rng.choice([f"Isn't it on the patient's {wrong}, though?",
                              f"I thought this was on the {wrong}. Am I wrong?",
                              f"My colleague says it's {wrong}-sided only. Is that right?"]))
            c.turn("assistant")
            c.say(rng.choice(["Not quite.", "No, that isn't right.", "Easy to confuse, but no."]))
            for s in side_sents(p, side, rng, negation=False):
                c.say(*((s[0],) + tuple(s[1])))
            c.say(rng.choice(["The image's left corresponds to the patient's right on this display.",
                              "The display convention flips left and right, which causes this mix-up often."]))
        elif kind == "summary":
            c.say(rng.choice(["Can you summarise the findings?", "Give me a one-paragraph summary, please.",
                              "Summarise the mask for the report."]))
            c.turn("assistant")
            c.say(rng.choice([f"Summary: {name}.", f"In short, the mask shows {name}.", f"To recap: {name}."]))
            for t in topics:
                if t == dtopic:
                    continue
                for s in fact_sents(t, False, negation=False)[:2]:
                    c.say(*((s[0],) + tuple(s[1])))
        else:  # neighbours
            c.say(rng.choice(["Anything else nearby worth knowing?", "What are the key neighbouring structures?"]))
            c.turn("assistant")
            c.say(rng.choice(p["trivia"]))
            c.say(f"I also considered {rng.choice(p['ddx'])[0]}, but that is not what the mask shows.")

    turns = c.render()
    LEDGER.append({"target": p["target"], "facts": facts, "defect": defect, "where": where,
                   "ledger": c.ledger(), "turns": turns})
    return turns, ([] if defect is None else [defect])
