"""Bank FN: conversations that talk about the target and another named structure in turn.

Written without reading QC. Writer `qcfn`, seed 20261297.

Each conversation alternates between the segmented target and one or more other named structures of the
same image (its contralateral twin, a sibling organ, its neighbours, or the thing it could be mistaken for);
pronouns and short references ("it", "that one", "its partner", "the other one", "the bigger one") switch
between them. Every sentence about another structure is true of that structure as PROFILES place it (its own
ellipses), or is clearly general; a planted defect is a false claim about the target only.

Registers (STYLES): twin_compare, neighbour_walk, differential_talk, patient_followup.
Targets (21 profiles): left kidney, right kidney, kidneys (bilateral), liver, spleen, aorta (midline),
liver metastases (3 pieces), left lung, lungs (bilateral, chest film), heart (midline), lung nodules
(bilateral), right pleural effusion, urinary bladder (midline), left femoral head, uterine fibroids
(bilateral), prostate (midline), right ovary, left hippocampus, brain metastases (3 pieces, bilateral),
lateral ventricles (bilateral), glioma. CT, MR and XR; axial (LP) and frontal/coronal (LI).

Own check (/work/notes/qcfn_scripts/check_fn.py, from the ledger each build keeps in LEDGER, measured
again with compute_facts for the target and for every other structure):
rows: 420 clean: 210 defects: 210 (42 per kind) claims: 3098 corrected user ideas: 45
defect in first answer/follow-up answer/user turn: 100/33/35 problems: 0; text-level mismatches: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["twin_compare", "neighbour_walk", "differential_talk", "patient_followup"]

LEDGER: list = []  # one list of claim entries per build, for the writer's own check

N = 256
C0 = (N - 1) / 2.0


# ------------------------------------------------------------------------------------------------ profiles

def _o(ell, refs, know=(), plural=False, **kw):
    d = {"ell": ell, "refs": list(refs), "know": list(know), "plural": plural}
    d.update(kw)
    return d


PROFILES = [
    # ------------------------------------------------------------------ abdomen, axial CT
    dict(
        target="left kidney", pair=True, modality="CT", region="abdomen", orient="LP", ell=[(182, 165, 16, 22)],
        name="left kidney", refs=["the left kidney", "the left one", "the kidney I outlined"], plural=False,
        forbid=["kidney", "renal", "nephr"], twin="right kidney",
        others={
            "right kidney": _o([(74, 160, 14, 20)], ["the right kidney", "the right one"],
                               ["the right renal artery passes behind the IVC to reach it"]),
            "aorta": _o([(131, 142, 10, 10)], ["the aorta", "the abdominal aorta"],
                        ["the left renal vein normally crosses in front of the aorta"]),
            "spleen": _o([(200, 135, 18, 30)], ["the spleen"],
                         ["the spleen usually sits high in the left upper quadrant, behind the stomach"]),
        },
        neigh=["aorta", "spleen", "right kidney"],
        conf=[("spleen", "the spleen is solid too, but it is crescent-shaped and has no hilum with a collecting system"),
              ("a renal cyst", "a simple cyst would be a round, water-density spot rather than a whole bean-shaped organ")],
        qs=["Which organ on this slice filters the blood and produces urine, on the side of the spleen? Please segment it.",
            "Find the urine-making organ that sits beside the spleen and outline it.",
            "Which retroperitoneal organ here would be removed as a living donor's graft in most centres, since its vein is longer? Segment it.",
            "Creatinine is up and the urologist wants the organ next to the spleen outlined. Which is it? Segment it."],
        lay=["My scan report mentions one of the organs that make urine, the one near my spleen. Can you show me which it is?",
             "The doctor said my urine tests were off and pointed at something on this picture by the spleen. Could you highlight it?"],
        named=["Please segment the left kidney on this CT slice.",
               "Where is the left kidney here? Outline it for me.",
               "Can you show me my left kidney on this scan?"],
        know=["It filters roughly 180 litres of plasma a day together with its partner.",
              "The vein draining it is the longer of the two renal veins, which is why surgeons favour this side for donation.",
              "Its upper pole is usually capped by the adrenal gland."],
        pop=["About 1 in 500 people has a horseshoe kidney, where the two lower poles are fused across the midline.",
             "Simple renal cysts turn up in roughly a quarter of adults over 50."],
    ),
    dict(
        target="right kidney", pair=True, modality="CT", region="abdomen", orient="LP", ell=[(74, 160, 15, 21)],
        name="right kidney", refs=["the right kidney", "the right one", "the kidney I segmented"], plural=False,
        forbid=["kidney", "renal", "nephr"], twin="left kidney",
        others={
            "left kidney": _o([(182, 163, 16, 22)], ["the left kidney", "the left one"],
                              ["the left renal vein has to cross in front of the aorta on its way to the IVC"]),
            "inferior vena cava": _o([(104, 142, 9, 11)], ["the IVC", "the inferior vena cava"],
                                     ["the IVC runs up the right side of the spine to the right atrium"]),
            "liver": _o([(78, 100, 52, 46)], ["the liver"],
                        ["the liver occupies most of the right upper quadrant in nearly everyone"]),
        },
        neigh=["liver", "inferior vena cava", "left kidney"],
        conf=[("liver", "the liver is far bigger and wraps forward under the diaphragm; it has no collecting system"),
              ("an adrenal mass", "an adrenal lump would sit higher, above the upper pole, and be much smaller")],
        qs=["Which organ on this slice tucks in under the liver and drains urine into a ureter? Segment it.",
            "Which paired organ, the one whose vein is short and empties straight into the IVC, is shown here? Please outline it.",
            "A patient has haematuria and pain under the liver edge. Which organ here would you look at first? Segment it.",
            "Outline the organ that is pushed lower than its partner by the liver."],
        lay=["My report says one of my urine-making organs, the one under the liver, looks fine. Which one is that?",
             "They told me the organ below my liver has a small stone. Can you show me it on this scan?"],
        named=["Segment the right kidney here.", "Please outline the right kidney on this image.",
               "Where's my right kidney on this picture?"],
        know=["Its vein is short and drains directly into the inferior vena cava.",
              "In most people it lies a little lower than its partner because the liver sits above it.",
              "It is drained by a ureter that runs down along the psoas muscle."],
        pop=["Kidney stones affect about 1 in 10 people at some point in life.",
             "Duplex collecting systems are found in roughly 1% of people."],
    ),
    dict(
        target="kidneys", modality="CT", region="abdomen", orient="LP", ell=[(74, 160, 15, 21), (182, 163, 16, 22)],
        name="kidneys", refs=["the kidneys", "both kidneys", "the pair I outlined"], plural=True,
        forbid=["kidney", "renal", "nephr"], twin="adrenal glands",
        others={
            "adrenal glands": _o([(92, 128, 5, 8), (165, 130, 5, 8)], ["the adrenal glands", "the adrenals"],
                                 ["the right adrenal tends to sit behind the IVC and the left one beside the aorta"],
                                 plural=True),
            "liver": _o([(78, 100, 52, 46)], ["the liver"], ["the liver is the largest solid organ in the abdomen"]),
            "aorta": _o([(131, 142, 10, 10)], ["the aorta"], ["the aorta divides at about the level of L4"]),
        },
        neigh=["liver", "aorta", "adrenal glands"],
        conf=[("adrenal glands", "the adrenals are thin Y- or V-shaped limbs, nothing like bean-shaped organs"),
              ("psoas muscles", "the psoas muscles run beside the spine and are muscle density without a hilum")],
        qs=["Which paired organs on this slice make urine? Segment them both.",
            "Outline the organs that receive about a fifth of the cardiac output and regulate blood pressure through renin.",
            "A patient with polycystic disease: segment the organs that are affected on this slice.",
            "Which bean-shaped organs in the retroperitoneum are visible here? Please segment them."],
        lay=["My GP said my filtration numbers are low. Can you show me the organs that do the filtering on this scan?",
             "Which organs on this picture make urine? I'd like to see both of them."],
        named=["Please segment both kidneys on this CT.", "Where are the kidneys? Outline them.",
               "Can you highlight my kidneys on this image?"],
        know=["Together they receive roughly 20% of the cardiac output.",
              "They filter the blood and regulate salt, water and blood pressure.",
              "Each one is drained by its own ureter into the bladder."],
        pop=["Around 1 in 1000 people is born with a single kidney.",
             "Chronic kidney disease affects about 1 in 10 adults worldwide."],
    ),
    dict(
        target="liver", modality="CT", region="abdomen", orient="LP", ell=[(78, 100, 52, 46)],
        name="liver", refs=["the liver", "the organ I outlined"], plural=False,
        forbid=["liver", "hepat", "hepar"], twin="spleen",
        others={
            "spleen": _o([(200, 135, 18, 30)], ["the spleen"],
                         ["the spleen enlarges in portal hypertension and in many infections"]),
            "right kidney": _o([(74, 160, 14, 20)], ["the right kidney"],
                               ["the right kidney is usually a little lower than the left one"]),
            "stomach": _o([(170, 95, 24, 18)], ["the stomach"],
                          ["the stomach's fundus sits up under the left hemidiaphragm"]),
            "gallbladder": _o([(100, 118, 9, 12)], ["the gallbladder"],
                              ["the gallbladder stores and concentrates bile between meals"]),
        },
        neigh=["gallbladder", "right kidney", "stomach", "spleen"],
        conf=[("spleen", "the spleen is also a solid organ of similar density, but it is much smaller and sits on the other side"),
              ("stomach", "the stomach has a wall and contains air or fluid, so it looks quite different")],
        qs=["Which organ on this slice makes bile and stores glycogen? Please segment it.",
            "Which organ here would be the first to check in a patient with jaundice? Segment it.",
            "Outline the largest solid organ of the abdomen on this slice.",
            "A patient with cirrhosis: segment the organ that is scarred."],
        lay=["My blood tests showed high enzymes from the organ that makes bile. Where is that on my scan?",
             "The doctor mentioned fatty change in the big organ that stores sugar. Can you show me it?"],
        named=["Segment the liver on this CT.", "Please outline the liver.", "Where is my liver on this scan?"],
        know=["It produces bile and stores glycogen.", "It has a dual blood supply, from the portal vein and the hepatic artery.",
              "It is divided into eight Couinaud segments."],
        pop=["Fatty liver disease affects roughly a quarter of adults worldwide.",
             "About 10% of people have a replaced right hepatic artery."],
    ),
    dict(
        target="spleen", modality="CT", region="abdomen", orient="LP", ell=[(200, 135, 18, 30)],
        name="spleen", refs=["the spleen", "the organ I highlighted"], plural=False,
        forbid=["spleen", "splen", "lien"], twin="liver",
        others={
            "liver": _o([(78, 100, 52, 46)], ["the liver"], ["the liver's right lobe usually reaches the lowest ribs on the right"]),
            "left kidney": _o([(182, 165, 16, 22)], ["the left kidney"],
                              ["the left renal vein crosses in front of the aorta"]),
            "stomach": _o([(170, 95, 24, 18)], ["the stomach"], ["the stomach empties through the pylorus into the duodenum"]),
        },
        neigh=["stomach", "left kidney", "liver"],
        conf=[("liver", "the liver is the same kind of solid tissue but several times larger, on the opposite side"),
              ("left kidney", "a kidney has a hilum and a collecting system that this organ lacks")],
        qs=["Which organ on this slice filters old red cells and is often injured in rib fractures on the left? Segment it.",
            "After a car crash with left lower rib fractures, which organ here is most at risk of rupture? Segment it.",
            "Which lymphoid organ of the abdomen enlarges in infectious mononucleosis? Outline it.",
            "Which organ here would be removed in refractory ITP? Please segment it."],
        lay=["I was told not to play contact sports while I have glandular fever because an organ could burst. Which one is it on my scan?",
             "My report says an organ that filters old blood cells is slightly big. Can you point it out?"],
        named=["Please segment the spleen.", "Outline the spleen on this slice.", "Where's my spleen on this picture?"],
        know=["It removes aged red blood cells and holds a reserve of platelets.",
              "It is an important part of the immune defence against encapsulated bacteria.",
              "It lies under ribs nine to eleven."],
        pop=["An accessory spleen (splenule) is found in about 10-15% of people.",
             "Splenic injury occurs in roughly a quarter of blunt abdominal trauma cases."],
    ),
    dict(
        target="aorta", modality="CT", region="abdomen", orient="LP", ell=[(130, 150, 10, 10)],
        name="aorta", refs=["the aorta", "the vessel I outlined"], plural=False,
        forbid=["aorta", "aortic"], twin="inferior vena cava",
        others={
            "inferior vena cava": _o([(104, 146, 9, 11)], ["the IVC", "the inferior vena cava"],
                                     ["the IVC returns blood from the legs and abdomen to the right atrium"]),
            "vertebral body": _o([(128, 185, 16, 15)], ["the vertebral body", "the spine"],
                                 ["the lumbar vertebral bodies get larger toward the sacrum"]),
            "pancreas": _o([(135, 115, 30, 8)], ["the pancreas"],
                           ["the pancreatic head sits in the C-loop of the duodenum on the right"]),
        },
        neigh=["vertebral body", "inferior vena cava", "pancreas"],
        conf=[("inferior vena cava", "the IVC is a vein: it is often flatter and it changes calibre with breathing"),
              ("a retroperitoneal lymph node", "an enlarged node would be soft tissue without bright contrast in it")],
        qs=["Which vessel on this slice carries oxygenated blood from the heart to the lower body? Segment it.",
            "Outline the artery that gives off the renal arteries.",
            "In a patient with sudden tearing back pain, which vessel here would you check first? Segment it.",
            "Which vessel would be measured for an aneurysm screening ultrasound? Segment it on this CT."],
        lay=["My father had an aneurysm in the big artery of his belly. Can you show me that artery on my scan?",
             "Which vessel here is the main pipe carrying blood from the heart down the body?"],
        named=["Please segment the aorta.", "Outline the abdominal aorta on this slice.", "Where's the aorta on my scan?"],
        know=["It gives off the coeliac trunk, the superior mesenteric and the renal arteries in the abdomen.",
              "It normally measures under 3 cm across in the abdomen.", "Its wall has three layers: intima, media and adventitia."],
        pop=["Abdominal aortic aneurysms are found in roughly 4-8% of men over 65 in screening programmes.",
             "A retroaortic left renal vein occurs in about 2-3% of people."],
    ),
    dict(
        target="liver metastases", modality="CT", region="abdomen", orient="LP",
        ell=[(60, 80, 7, 7), (90, 110, 9, 8), (70, 120, 5, 5)],
        name="liver metastases", refs=["the metastases", "these deposits", "the lesions I outlined"], plural=True,
        forbid=["metast", "liver", "hepat", "secondar", "mets"], twin="gallbladder",
        others={
            "gallbladder": _o([(100, 125, 9, 12)], ["the gallbladder"], ["the gallbladder lies in a fossa on the underside of the liver"]),
            "spleen": _o([(200, 135, 18, 30)], ["the spleen"], ["the spleen is a common site of lymphoma but rarely of carcinoma deposits"]),
        },
        neigh=["gallbladder", "spleen"],
        conf=[("gallbladder", "the gallbladder is a single fluid-filled sac with a thin wall, not a cluster of solid nodules"),
              ("simple cysts", "simple cysts are sharply defined and water-dense, and they do not enhance")],
        qs=["A patient with colon cancer has a rising CEA. Which abnormalities on this slice explain it? Segment them.",
            "Staging CT for pancreatic cancer: outline the deposits of spread in the organ that makes bile.",
            "Which lesions here change the stage of this patient's bowel cancer? Please segment them.",
            "Segment the spread that this patient's known melanoma has caused on this slice."],
        lay=["My oncologist said the cancer has spread to an organ in my upper abdomen. Can you show me the spots?",
             "I have bowel cancer and they found some spots. Where are they on this scan?"],
        named=["Please segment the liver metastases.", "Outline the liver mets on this CT.",
               "Where are the liver metastases on my scan?"],
        know=["Colorectal cancer spreads there first because of portal venous drainage.",
              "Whether they can be resected depends on how much healthy tissue would remain."],
        pop=["About half of patients with colorectal cancer develop liver metastases at some point.",
             "Roughly 15-20% of people with bowel cancer already have spread at diagnosis."],
    ),
    # ------------------------------------------------------------------ thorax
    dict(
        target="left lung", pair=True, modality="XR", region="chest", orient="LI", ell=[(182, 118, 40, 72)],
        name="left lung", refs=["the left lung", "the left one", "the lung I outlined"], plural=False,
        forbid=["lung", "pulmon", "pneum"], twin="right lung",
        others={
            "right lung": _o([(74, 116, 44, 74)], ["the right lung", "the right one"],
                             ["the right main bronchus is wider and more vertical, so inhaled objects tend to go there"]),
            "heart": _o([(132, 160, 34, 28)], ["the heart", "the cardiac silhouette"],
                        ["the cardiothoracic ratio should be under 0.5 on a PA film"]),
            "trachea": _o([(128, 40, 6, 20)], ["the trachea", "the windpipe"], ["the trachea divides at the carina, around T4-T5"]),
        },
        neigh=["heart", "trachea", "right lung"],
        conf=[("right lung", "the right lung is the mirror-image air space on the other side"),
              ("a pneumothorax", "free air would be a black band without lung markings, outside the lung edge")],
        qs=["Which organ of gas exchange, the one with only two lobes, is on this chest film? Segment it.",
            "Outline the structure that has a lingula on this radiograph.",
            "Which air-filled organ shares its side with the cardiac notch? Please segment it.",
            "Segment the organ with an oblique fissure and no horizontal fissure on this film."],
        lay=["My X-ray report says one of my breathing organs, the one with two lobes, is clear. Which one is that?",
             "The doctor mentioned the side with the heart's notch. Can you show me that breathing organ?"],
        named=["Please segment the left lung on this chest X-ray.", "Outline the left lung.",
               "Where's my left lung on this X-ray?"],
        know=["It has two lobes and a lingula instead of a middle lobe.", "It is a little smaller than its partner because the heart takes up room on that side.",
              "Its main bronchus is longer and more horizontal than the other one."],
        pop=["A normal adult takes 12 to 20 breaths a minute.",
             "About 10% of people have an accessory fissure somewhere in the lungs."],
    ),
    dict(
        target="lungs", modality="XR", region="chest", orient="LI", ell=[(74, 116, 44, 74), (182, 118, 40, 72)],
        name="lungs", refs=["the lungs", "both lungs", "the two air spaces I outlined"], plural=True,
        forbid=["lung", "pulmon", "pneum"], twin="heart",
        others={
            "heart": _o([(132, 160, 34, 28)], ["the heart", "the cardiac silhouette"],
                        ["the heart's apex normally points down and to the left"]),
            "trachea": _o([(128, 40, 6, 20)], ["the trachea", "the windpipe"], ["the trachea should be central on a straight film"]),
        },
        neigh=["trachea", "heart"],
        conf=[("heart", "the heart is solid soft tissue, so it is white rather than dark on the film"),
              ("pleural effusions", "fluid would be white and gather at the bases, blunting the angles")],
        qs=["Which organs of gas exchange are on this chest film? Segment them.",
            "Outline the air-filled organs that collapse when the pleural space fills with air.",
            "Segment the organs that are hyperexpanded in COPD on this radiograph.",
            "Which paired organs receive the whole right ventricular output? Segment them."],
        lay=["I have asthma. Can you show me the organs I breathe with on this X-ray?",
             "Which parts of this picture are the organs that take in oxygen?"],
        named=["Segment both lungs on this chest X-ray.", "Please outline the lungs.", "Where are my lungs on this film?"],
        know=["They take in oxygen and give off carbon dioxide across about 70 square metres of alveoli.",
              "They receive the whole output of the right ventricle.", "Together they hold roughly six litres of air at full inspiration."],
        pop=["COPD affects about 1 in 10 adults over 40.", "Around 300 million people worldwide have asthma."],
    ),
    dict(
        target="heart", modality="CT", region="chest", orient="LP", ell=[(136, 100, 40, 32)],
        name="heart", refs=["the heart", "the organ I outlined"], plural=False,
        forbid=["heart", "cardi", "coronar"], twin="descending aorta",
        others={
            "descending aorta": _o([(155, 160, 9, 9)], ["the descending aorta"],
                                   ["the descending aorta runs down on the left side of the vertebral bodies"]),
            "left lung": _o([(190, 115, 35, 60)], ["the left lung"], ["the left lung has only two lobes"]),
            "right lung": _o([(66, 115, 37, 62)], ["the right lung"], ["the right lung has three lobes"]),
        },
        neigh=["descending aorta", "left lung", "right lung"],
        conf=[("descending aorta", "the descending aorta is a small round vessel beside the spine"),
              ("a pericardial effusion", "an effusion would be a rim of fluid around the muscle, not the muscle itself")],
        qs=["Which organ on this slice pumps blood through the body? Segment it.",
            "A patient with chest pain and raised troponin: outline the organ that is suffering.",
            "Which organ here has four chambers? Please segment it.",
            "Segment the organ whose electrical activity an ECG records."],
        lay=["My ECG showed an irregular rhythm. Can you show me the organ it comes from on this scan?",
             "Which part of this picture is the pump that sends blood around the body?"],
        named=["Please segment the heart.", "Outline the heart on this CT slice.", "Where's my heart on this scan?"],
        know=["It has four chambers and pumps about five litres of blood a minute at rest.",
              "Its own blood supply comes from the coronary arteries.", "Its apex normally points to the patient's left."],
        pop=["Atrial fibrillation affects roughly 2% of the population.",
             "Dextrocardia, with the heart pointing to the right, occurs in about 1 in 10,000 births."],
    ),
    dict(
        target="lung nodules", modality="CT", region="chest", orient="LP", ell=[(70, 95, 5, 5), (185, 110, 4, 4)],
        name="lung nodules", refs=["the nodules", "these two nodules", "the spots I outlined"], plural=True,
        forbid=["nodul", "lung", "pulmon"], twin="descending aorta",
        others={
            "descending aorta": _o([(155, 160, 9, 9)], ["the descending aorta", "the aorta"],
                                   ["the descending aorta lies beside the spine on the left"]),
            "left lung": _o([(185, 115, 35, 60)], ["the left lung"], ["the left lung has an upper and a lower lobe"]),
            "right lung": _o([(70, 115, 36, 58)], ["the right lung"], ["the right lung has a horizontal fissure"]),
        },
        neigh=["right lung", "left lung", "descending aorta"],
        conf=[("vessels seen end-on", "a vessel cut across looks round on one slice but connects to a branching tube on the next"),
              ("descending aorta", "the aorta is round too but far larger and sits beside the spine")],
        qs=["This smoker's screening CT: which small round opacities in the chest need follow-up? Segment them.",
            "Segment the focal round densities that the Fleischner guidelines would apply to here.",
            "Which findings in the air spaces on this slice would you measure for surveillance? Outline them.",
            "Outline the small rounded opacities that could be metastases or granulomas."],
        lay=["My screening scan found some small spots in my chest. Can you show them to me?",
             "The radiologist said there were 'a couple of spots' in my breathing organs. Where are they?"],
        named=["Please segment the lung nodules.", "Outline the pulmonary nodules on this CT.",
               "Where are the nodules in my lungs?"],
        know=["Most nodules this size are benign, often old granulomas.",
              "Their growth over time matters more than one measurement."],
        pop=["Nodules are found in about a quarter to a half of screening CTs in smokers.",
             "Well over 90% of small nodules turn out to be benign."],
    ),
    dict(
        target="right pleural effusion", modality="CT", region="chest", orient="LP", ell=[(76, 182, 30, 14)],
        name="right pleural effusion", refs=["the effusion", "the fluid collection", "the collection I outlined"],
        plural=False, forbid=["effusion", "pleur", "fluid"], twin="left lung",
        others={
            "left lung": _o([(185, 115, 35, 60)], ["the left lung", "the opposite lung"],
                            ["the left costophrenic angle is the first place fluid shows on an erect film"]),
            "right lung": _o([(70, 115, 36, 55)], ["the right lung"], ["the right lung's lower lobe is posterior in most of its extent"]),
            "heart": _o([(136, 100, 40, 32)], ["the heart"], ["the heart enlarges in chronic heart failure"]),
        },
        neigh=["right lung", "heart", "left lung"],
        conf=[("consolidation", "consolidated lung would contain air bronchograms and follow the lung's shape"),
              ("right lung", "the right lung itself is aerated and dark on this window")],
        qs=["A patient with heart failure and dullness at one base: outline the abnormal collection on this slice.",
            "Which dependent crescent of abnormal density should be drained here? Segment it.",
            "Segment the finding that explains this patient's stony dull percussion note.",
            "Outline what the chest drain should be aimed at on this slice."],
        lay=["They want to put a needle in my back to drain something. Can you show me what they want to drain?",
             "My breathing got worse and they found something on the scan. What is it and where?"],
        named=["Please segment the right pleural effusion.", "Outline the pleural fluid on this CT.",
               "Where is the fluid around my lung?"],
        know=["Fluid settles in the most dependent part of the chest when the patient lies supine.",
              "Light's criteria on the drained fluid separate transudates from exudates."],
        pop=["Heart failure is the most common cause of pleural effusions, accounting for roughly a third.",
             "About half of patients with pneumonia develop a parapneumonic effusion."],
    ),
    # ------------------------------------------------------------------ pelvis
    dict(
        target="urinary bladder", modality="CT", region="pelvis", orient="LP", ell=[(128, 100, 30, 24)],
        name="urinary bladder", refs=["the bladder", "the organ I outlined"], plural=False,
        forbid=["bladder", "vesic", "cyst"], twin="rectum",
        others={
            "rectum": _o([(128, 172, 12, 11)], ["the rectum"], ["the rectum sits in the hollow of the sacrum"]),
            "right femoral head": _o([(62, 135, 18, 18)], ["the right femoral head", "the right hip"],
                                     ["the right femoral head sits in the right acetabulum"]),
            "left femoral head": _o([(194, 135, 18, 18)], ["the left femoral head", "the left hip"],
                                    ["the left femoral head sits in the left acetabulum"]),
        },
        neigh=["rectum", "right femoral head", "left femoral head"],
        conf=[("rectum", "the rectum holds gas and stool and has a thicker muscular wall"),
              ("an ovarian cyst", "an ovarian cyst would sit off to one side in the adnexa")],
        qs=["Which hollow organ on this pelvic slice stores urine? Segment it.",
            "A man with urinary retention: outline the distended organ.",
            "Segment the organ a suprapubic catheter would be placed into.",
            "Which organ here does the detrusor muscle belong to? Outline it."],
        lay=["I have to get up at night to pee a lot. Can you show me the organ that holds the urine?",
             "Where on this scan is the bag that stores my urine?"],
        named=["Please segment the bladder.", "Outline the urinary bladder on this CT.", "Where's my bladder on this picture?"],
        know=["It holds roughly 400-600 ml when comfortably full.", "Its wall is the detrusor muscle.",
              "The ureters enter it obliquely, which stops reflux."],
        pop=["Overactive bladder affects around 1 in 6 adults.", "Bladder cancer is about four times commoner in men."],
    ),
    dict(
        target="left femoral head", pair=True, modality="CT", region="pelvis", orient="LP", ell=[(194, 133, 18, 18)],
        name="left femoral head", refs=["the left femoral head", "the left one", "the head I outlined"], plural=False,
        forbid=["femor", "femur", "hip", "caput"], twin="right femoral head",
        others={
            "right femoral head": _o([(62, 134, 16, 16)], ["the right femoral head", "the right one"],
                                     ["the right side is the one usually replaced first only by chance, not anatomy"]),
            "urinary bladder": _o([(128, 100, 30, 24)], ["the bladder"], ["the bladder rises out of the pelvis when full"]),
            "rectum": _o([(128, 172, 12, 11)], ["the rectum"], ["the rectum is about 12 cm long"]),
        },
        neigh=["urinary bladder", "rectum", "right femoral head"],
        conf=[("right femoral head", "the right femoral head is the same structure mirrored across the pelvis"),
              ("the acetabulum", "the acetabulum is the cup of the pelvis, a concave rim rather than a ball")],
        qs=["Which bony ball of the ball-and-socket joint on the side opposite the liver is on this slice? Segment it.",
            "After a fall onto the left side, which bony structure would you check for avascular necrosis here? Outline it.",
            "Segment the ball-shaped bone end that sits in the left acetabulum.",
            "Outline the ball-shaped bone end that a hemiarthroplasty would replace on the left."],
        lay=["I fell on my left side. Can you show me the ball of the joint on that side?",
             "My surgeon talked about the 'ball' part of my left joint. Where is it on this scan?"],
        named=["Please segment the left femoral head.", "Outline the left femoral head on this CT.",
               "Where is the head of my left femur?"],
        know=["Its blood supply comes mostly from the medial circumflex femoral artery, which is why neck fractures can cause necrosis.",
              "It is covered by articular cartilage except at the fovea."],
        pop=["Hip fractures affect about 1 in 3 women over 90.", "Avascular necrosis follows around 15-30% of displaced neck fractures."],
    ),
    dict(
        target="uterine fibroids", modality="MR", region="pelvis", orient="LP", ell=[(104, 104, 12, 12), (152, 100, 10, 10)],
        name="uterine fibroids", refs=["the fibroids", "the two fibroids", "the nodules I outlined"], plural=True,
        forbid=["fibroid", "leiomyom", "myoma", "uter"], twin="uterus",
        others={
            "uterus": _o([(128, 108, 40, 28)], ["the uterus", "the womb"], ["the uterus is usually tilted forward over the bladder"]),
            "rectum": _o([(128, 170, 12, 11)], ["the rectum"], ["the rectum lies in front of the sacrum"]),
            "right ovary": _o([(72, 125, 9, 7)], ["the right ovary"], ["the right ovary sits close to the appendix"]),
            "left ovary": _o([(185, 122, 8, 6)], ["the left ovary"], ["the left ovary lies near the sigmoid colon"]),
        },
        neigh=["uterus", "rectum", "right ovary", "left ovary"],
        conf=[("an ovarian mass", "an ovarian mass would arise from the adnexa rather than the uterine wall"),
              ("adenomyosis", "adenomyosis thickens the junctional zone diffusely instead of forming round nodules")],
        qs=["A woman with heavy periods and a bulky pelvic organ: segment the benign smooth-muscle tumours on this MRI.",
            "Which well-circumscribed dark T2 masses here explain her pressure symptoms? Outline them.",
            "Segment the lesions that would be targeted by embolisation in this patient.",
            "Outline the commonest benign tumours of women of reproductive age on this slice."],
        lay=["I have very heavy periods and they said I have some benign lumps. Can you show me them?",
             "My gynaecologist found some growths on my MRI. Where are they?"],
        named=["Please segment the uterine fibroids.", "Outline the fibroids on this MRI.", "Where are my fibroids on the scan?"],
        know=["They are benign tumours of smooth muscle and are dark on T2-weighted images.",
              "They usually shrink after the menopause."],
        pop=["By age 50 up to 70% of women have at least one fibroid.",
             "Fewer than 1 in 1000 of these turn out to be a sarcoma."],
    ),
    dict(
        target="prostate", modality="MR", region="pelvis", orient="LP", ell=[(128, 136, 20, 16)],
        name="prostate", refs=["the prostate", "the gland I outlined"], plural=False,
        forbid=["prostat"], twin="rectum",
        others={
            "rectum": _o([(128, 172, 14, 10)], ["the rectum"], ["the rectum is how a finger examination reaches the back of the gland"]),
            "right femoral head": _o([(60, 130, 17, 17)], ["the right femoral head"], ["the right hip joint is outside the true pelvis"]),
            "left femoral head": _o([(196, 130, 17, 17)], ["the left femoral head"], ["the left obturator internus lies just inside the left hip"]),
        },
        neigh=["rectum", "left femoral head", "right femoral head"],
        conf=[("rectum", "the rectum is a hollow tube with gas or fluid in it, not a solid gland"),
              ("seminal vesicles", "the seminal vesicles are paired, tubular and sit higher, above the base of the gland")],
        qs=["A man with a raised PSA: segment the gland that is being assessed on this MRI.",
            "Which walnut-sized gland below the bladder is on this slice? Outline it.",
            "Segment the organ that benign hyperplasia enlarges in older men.",
            "Outline the gland that makes part of the seminal fluid."],
        lay=["My PSA blood test was high. Can you show me the gland it comes from?",
             "I'm having trouble passing water and they mentioned a gland. Where is it?"],
        named=["Please segment the prostate.", "Outline the prostate gland.", "Where's my prostate on this MRI?"],
        know=["It surrounds the first part of the urethra below the bladder.", "Most cancers arise in its peripheral zone.",
              "It weighs about 20 grams in a young man."],
        pop=["About half of men over 50 have some benign prostatic hyperplasia.", "About 1 in 8 men is diagnosed with prostate cancer in his lifetime."],
    ),
    dict(
        target="right ovary", pair=True, modality="MR", region="pelvis", orient="LP", ell=[(74, 124, 13, 9)],
        name="right ovary", refs=["the right ovary", "the right one", "the ovary I outlined"], plural=False,
        forbid=["ovar", "oophor", "adnex", "gonad"], twin="left ovary",
        others={
            "left ovary": _o([(182, 122, 11, 8)], ["the left ovary", "the left one"], ["the left ovary drains to the left renal vein"]),
            "uterus": _o([(128, 104, 34, 24)], ["the uterus"], ["the uterus lies between the bladder and the rectum"]),
            "urinary bladder": _o([(128, 70, 26, 16)], ["the bladder"], ["the bladder sits right behind the pubic bones"]),
        },
        neigh=["uterus", "urinary bladder", "left ovary"],
        conf=[("the appendix", "the appendix is a blind-ending tube that arises from the caecum, not an oval with follicles"),
              ("left ovary", "the left ovary is the same kind of organ on the opposite side")],
        qs=["Which egg-producing organ, the one whose vein drains into the IVC, is on this MRI? Segment it.",
            "A young woman with pain near McBurney's point: outline the egg-producing organ on that side.",
            "Segment the oestrogen-producing organ on the same side as the appendix.",
            "Which follicle-containing organ on the patient's right should be outlined? Segment it."],
        lay=["I have pain low on my right and they wondered about a cyst on one of the organs that make eggs. Where is it?",
             "Can you show me the egg-making organ on my right side?"],
        named=["Please segment the right ovary.", "Outline the right ovary on this MRI.", "Where's my right ovary?"],
        know=["It contains follicles at different stages and makes oestrogen and progesterone.",
              "Its vein drains straight into the inferior vena cava.", "It can twist on its pedicle (torsion), which is an emergency."],
        pop=["Functional cysts are found in a large share of women of reproductive age.",
             "Ovarian torsion accounts for about 3% of gynaecological emergencies."],
    ),
    # ------------------------------------------------------------------ brain
    dict(
        target="left hippocampus", pair=True, modality="MR", region="brain", orient="LP", ell=[(164, 150, 7, 15)],
        name="left hippocampus", refs=["the left hippocampus", "the left one", "the structure I outlined"], plural=False,
        forbid=["hippocamp", "ammon", "mesial temporal"], twin="right hippocampus",
        others={
            "right hippocampus": _o([(92, 151, 8, 17)], ["the right hippocampus", "the right one"],
                                    ["the right hippocampus is more involved in spatial memory in most people"]),
            "brainstem": _o([(128, 150, 14, 14)], ["the brainstem", "the midbrain"], ["the brainstem carries the long motor and sensory tracts"]),
            "left amygdala": _o([(166, 125, 6, 6)], ["the left amygdala", "the amygdala"],
                                ["the amygdala is involved in fear and emotional memory"]),
        },
        neigh=["left amygdala", "brainstem", "right hippocampus"],
        conf=[("left amygdala", "the amygdala is a small almond-shaped nucleus in front of it"),
              ("the temporal horn", "the temporal horn is CSF, dark on T1, curving around it")],
        qs=["Which structure of memory consolidation in the dominant medial temporal lobe is on this MRI? Segment it.",
            "A patient with temporal lobe epilepsy and sclerosis on the left: outline the structure involved.",
            "Segment the seahorse-shaped grey matter in the left medial temporal lobe.",
            "Which structure shrinks early in Alzheimer's disease? Outline the one on the left."],
        lay=["My mother has memory problems. Can you show me the memory structure on the left on this scan?",
             "They said something about the part of the brain that stores new memories on one side. Which one is it?"],
        named=["Please segment the left hippocampus.", "Outline the left hippocampus on this MRI.",
               "Where's my left hippocampus?"],
        know=["It is essential for forming new episodic memories.", "It is one of the first regions to shrink in Alzheimer's disease.",
              "Its CA1 sector is very sensitive to hypoxia."],
        pop=["Mesial temporal sclerosis is found in about two thirds of surgically treated temporal lobe epilepsy.",
             "Hippocampal volume falls by roughly 1-2% a year after age 60."],
    ),
    dict(
        target="brain metastases", modality="MR", region="brain", orient="LP",
        ell=[(80, 80, 7, 7), (172, 90, 5, 5), (150, 190, 6, 6)],
        name="brain metastases", refs=["the metastases", "these lesions", "the deposits I outlined"], plural=True,
        forbid=["metast", "mets", "secondar", "brain"], twin="lateral ventricles",
        others={
            "lateral ventricles": _o([(104, 118, 8, 28), (152, 118, 8, 28)], ["the lateral ventricles", "the ventricles"],
                                     ["the lateral ventricles make much of the cerebrospinal fluid through their choroid plexus"],
                                     plural=True),
        },
        neigh=["lateral ventricles"],
        conf=[("abscesses", "an abscess usually has a smooth thin rim and restricted diffusion in its centre"),
              ("a glioma", "a primary glioma is usually a single infiltrative mass rather than several round ones")],
        qs=["A patient with lung cancer and new headaches: which enhancing lesions on this MRI explain it? Segment them.",
            "Segment the ring-enhancing deposits at the grey-white junction on this post-contrast slice.",
            "Which lesions would be targeted by stereotactic radiosurgery here? Outline them.",
            "Outline the spread of this patient's melanoma on this head MRI."],
        lay=["My cancer has spread to my head, they said. Can you show me the spots?",
             "They found several spots on my head scan. Where are they?"],
        named=["Please segment the brain metastases.", "Outline the brain mets on this MRI.",
               "Where are the metastases in my brain?"],
        know=["They tend to sit at the grey-white matter junction, where vessels narrow.",
              "Lung cancer, breast cancer and melanoma are the commonest sources."],
        pop=["Brain metastases develop in about 20-40% of adults with cancer.",
             "They are roughly ten times commoner than primary brain tumours."],
    ),
    dict(
        target="lateral ventricles", modality="MR", region="brain", orient="LP", ell=[(104, 118, 8, 28), (152, 118, 8, 28)],
        name="lateral ventricles", refs=["the lateral ventricles", "both ventricles", "the spaces I outlined"], plural=True,
        forbid=["ventric"], twin="third ventricle",
        others={
            "third ventricle": _o([(128, 140, 3, 10)], ["the third ventricle"], ["the third ventricle is a thin slit between the two thalami"]),
            "pineal gland": _o([(128, 170, 4, 4)], ["the pineal gland"], ["the pineal gland often calcifies in adults"]),
        },
        neigh=["third ventricle", "pineal gland"],
        conf=[("third ventricle", "the third ventricle is a single thin slit in the midline, not a paired space"),
              ("cysts", "a cyst would be a separate round space, not connected to the ventricular system")],
        qs=["Which paired CSF-filled cavities of the cerebrum are on this MRI? Segment them.",
            "Outline the spaces that enlarge in hydrocephalus on this slice.",
            "Segment the cavities whose choroid plexus makes most of the cerebrospinal fluid.",
            "Which fluid spaces would an external drain be placed into? Outline them."],
        lay=["They said the fluid spaces in my head are a bit big. Can you show me them?",
             "My child had a shunt. Where are the fluid-filled spaces it drains?"],
        named=["Please segment the lateral ventricles.", "Outline both lateral ventricles.",
               "Where are the ventricles in my head?"],
        know=["They connect to the third ventricle through the foramina of Monro.", "Their choroid plexus makes much of the CSF."],
        pop=["Adults make roughly 500 ml of cerebrospinal fluid a day.",
             "Mild asymmetry of these spaces is seen in about 5-10% of normal people."],
    ),
    dict(
        target="glioma", modality="MR", region="brain", orient="LP", ell=[(176, 96, 24, 20)],
        name="glioma", refs=["the glioma", "the tumour", "the mass I outlined"], plural=False,
        forbid=["glioma", "glio", "astrocyt", "oligodend"], twin="right frontal lobe",
        others={
            "right frontal lobe": _o([(80, 90, 30, 26)], ["the right frontal lobe", "the opposite frontal lobe"],
                                     ["the right frontal lobe is not the language-dominant side in most people"]),
            "lateral ventricles": _o([(104, 118, 8, 28), (152, 118, 8, 28)], ["the lateral ventricles", "the ventricles"],
                                     ["the lateral ventricles get compressed by an expanding mass"], plural=True),
            "third ventricle": _o([(128, 140, 3, 10)], ["the third ventricle"], ["the third ventricle sits between the thalami"]),
        },
        neigh=["lateral ventricles", "third ventricle", "right frontal lobe"],
        conf=[("a metastasis", "a metastasis is usually round and sharply marginated, often with lots of oedema for its size"),
              ("an abscess", "an abscess usually has a thin smooth rim and restricted diffusion in the middle")],
        qs=["A 50-year-old with new seizures: outline the infiltrating primary brain tumour on this MRI.",
            "Segment the primary intra-axial tumour arising from glial cells on this slice.",
            "Which mass here would be graded by its IDH status? Outline it.",
            "Outline the infiltrative mass that the neurosurgeons want to resect."],
        lay=["They found a growth in my head after a seizure. Can you show me where it is?",
             "My husband has a tumour that started in the brain's support cells. Where is it on this scan?"],
        named=["Please segment the glioma.", "Outline the glioma on this MRI.", "Where's the glioma on my scan?"],
        know=["Gliomas arise from glial cells and infiltrate along white-matter tracts.", "Its molecular profile, such as IDH and 1p/19q, guides treatment."],
        pop=["Gliomas account for about 80% of malignant primary brain tumours.",
             "Glioblastoma has a median survival of roughly 15 months with treatment."],
    ),
]

_SUBJECT_FREE_QS = {  # first-question lead-ins per register (never name the target)
    "twin_compare": ["", "Quick one. ", "Looking at this image: ", ""],
    "neighbour_walk": ["", "I'm learning the anatomy. ", "", "For my notes: "],
    "differential_talk": ["", "Clinical question. ", "", "Second opinion please. "],
}


# ------------------------------------------------------------------------------------------------ geometry

def _draw(ells, jit=(0, 0)):
    yy, xx = np.mgrid[0:N, 0:N]
    m = np.zeros((N, N), bool)
    for cx, cy, rx, ry in ells:
        m |= ((xx - cx - jit[0]) / rx) ** 2 + ((yy - cy - jit[1]) / ry) ** 2 <= 1.0
    return m


def _centroid(ells):
    a = [math.pi * e[2] * e[3] for e in ells]
    t = sum(a)
    return (sum(w * e[0] for w, e in zip(a, ells)) / t / (N - 1), sum(w * e[1] for w, e in zip(a, ells)) / t / (N - 1))


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    jit = (rng.choice([-1, 0, 1]), rng.choice([-1, 0, 1]))
    mask = _draw(p["ell"], jit)
    others = {k: _centroid(v["ell"]) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def _geo(ells):
    """Side, vertical, size class, pieces of another structure, each with a flag saying whether it sits
    safely away from the thresholds (only safe facts are ever said about it)."""
    m = _draw(ells)
    ys, xs = np.nonzero(m)
    area = xs.size
    cx, cy = xs.mean(), ys.mean()
    ox, oy = (cx - C0) / N, (cy - C0) / N
    sides = set()
    for e in ells:
        off = (e[0] - C0) / N
        if abs(off) >= 0.075:
            sides.add("left" if off > 0 else "right")
    if len(ells) >= 2 and len(sides) == 2:
        lat, lat_ok = "bilateral", True
    elif abs(ox) >= 0.075:
        lat, lat_ok = ("left" if ox > 0 else "right"), True
    elif abs(ox) <= 0.045:
        share = float(((xs - C0) > 0).mean())
        lat, lat_ok = "midline", max(share, 1 - share) < 0.85
    else:
        lat, lat_ok = None, False
    if abs(oy) >= 0.075:
        vert, vert_ok = ("pos" if oy > 0 else "neg"), True
    elif abs(oy) <= 0.045:
        vert, vert_ok = "central", True
    else:
        vert, vert_ok = None, False
    frac = area / float(N * N)
    size = "small" if frac < 0.01 else "medium" if frac < 0.05 else "large"
    size_ok = not any(abs(frac - b) / b < 0.15 for b in (0.01, 0.05))
    return dict(area=area, lat=lat, lat_ok=lat_ok, vert=vert, vert_ok=vert_ok, size=size, size_ok=size_ok,
                pieces=len(ells), frac=frac)


# ------------------------------------------------------------------------------------------------ words

_VERBS = ["is", "sits", "lies", "has", "covers", "takes", "shows", "appears", "spans", "looks", "makes", "measures",
          "stays", "fills", "comes", "was", "ends"]


def _v(plural):
    d = {}
    for w in _VERBS:
        if not plural:
            d[w] = w
        elif w == "is":
            d[w] = "are"
        elif w == "has":
            d[w] = "have"
        elif w == "was":
            d[w] = "were"
        elif w.endswith("es") and w in ("makes", "takes", "comes", "measures"):
            d[w] = w[:-1]
        else:
            d[w] = w[:-1]
    return d


def _cap(s):
    return s[:1].upper() + s[1:] if s else s


NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 20: "twenty",
        30: "thirty"}


def _pct(frac, rng, words_ok=True):
    v = 100.0 * frac
    r = round(v)
    if words_ok and r in NUMW and r >= 1 and abs(r - v) / v < 0.12 and rng.random() < 0.4:
        return rng.choice([f"{NUMW[r]} percent", f"about {NUMW[r]} per cent"])
    if v < 1:
        s = f"{v:.2f}%"
    elif v < 10:
        s = f"{v:.1f}%"
    else:
        s = f"{v:.0f}%"
    return rng.choice(["", "about ", "roughly ", "~", "around "]) + s


SIDE = {  # LP and LI both have the patient's left on the image's right
    "left": ["{S} {is} on the patient's left.",
             "{S} {lies} on the left side of the body; on screen that is the right-hand side, because the image is viewed as if facing the patient.",
             "{S} {is} left-sided.",
             "On the image {s} {sits} toward the right edge, which is the patient's left, not their right.",
             "{S} {is} on the patient's left side."],
    "right": ["{S} {is} on the patient's right.",
              "{S} {lies} on the right side of the body, which shows up on the left of the screen by convention.",
              "{S} {is} right-sided.",
              "On the image {s} {sits} toward the left edge, which is the patient's right, not their left.",
              "{S} {is} on the patient's right side."],
    "midline": ["{S} {sits} in the midline.",
                "{S} {is} central from side to side, straddling the midline rather than favouring either side.",
                "{S} {is} neither a left nor a right structure here; {p} {lies} on the midline.",
                "Left to right, {s} {is} midline."],
    "bilateral": ["{S} {is} bilateral: there is a part on each side of the midline.",
                  "{S} {has} components on both the patient's left and right.",
                  "{S} {spans} both sides of the body rather than one.",
                  "{S} {is} present on both sides, left and right."],
}
SIDE_FALSE_BILAT = ["{S} {is} confined to the patient's {w}.", "{S} {is} only on the {w} side.",
                    "All of {o} {is} on the patient's {w}."]

VERT = {
    "LP": {"anterior": ["{S} {lies} toward the front of the body.", "{S} {is} anterior in this slice.",
                        "{S} {sits} in the front half of the section, closer to the belly wall than to the spine.",
                        "Front-to-back, {s} {is} anteriorly placed."],
           "posterior": ["{S} {lies} toward the back.", "{S} {is} posterior in this slice.",
                         "{S} {sits} in the back half of the section.", "Front-to-back, {s} {is} posteriorly placed."],
           "central": ["{S} {is} roughly midway between front and back.", "{S} {is} neither notably anterior nor posterior.",
                       "Front-to-back, {s} {sits} about in the middle of the section."]},
    "LI": {"superior": ["{S} {lies} in the upper part of the image, toward the head.", "{S} {is} superior on this view.",
                        "{S} {sits} high in the frame."],
           "inferior": ["{S} {lies} in the lower part of the image, toward the feet.", "{S} {is} inferior on this view.",
                        "{S} {sits} low in the frame."],
           "central": ["{S} {sits} at about mid-height of the image.", "{S} {is} central top-to-bottom.",
                       "Vertically, {s} {is} neither high nor low in the frame; {p} {sits} at mid-height."]},
}
VERT_FALSE = {"anterior": "posterior", "posterior": "anterior", "central": None,
              "superior": "inferior", "inferior": "superior"}

SIZE = {"small": ["{S} {is} small, {pct} of the image.", "{S} {takes} up only {pct} of the frame, so small.",
                  "Size-wise {s} {is} small ({pct} of the image).", "{S} {is} a small target here: {pct} of the pixels."],
        "medium": ["{S} {is} medium-sized, {pct} of the image.", "{S} {covers} {pct} of the frame, which I'd call medium.",
                   "Size-wise {s} {is} medium ({pct} of the image).", "{S} {is} of medium size, {pct} of the pixels."],
        "large": ["{S} {is} large, {pct} of the image.", "{S} {covers} {pct} of the frame, so large.",
                  "Size-wise {s} {is} large ({pct} of the image).", "{S} {is} a large region: {pct} of the pixels."]}
SIZE_PCT_ONLY = ["{S} {covers} {pct} of the image.", "{S} {takes} up {pct} of the frame.", "The mask area is {pct} of the image."]
SIZE_WRONG = {"small": ["large", "medium"], "medium": ["small", "large"], "large": ["small"]}

COUNT = {1: ["{S} {is} a single connected region.", "{S} {is} all one piece.", "There is only one piece to {o}.",
             "{S} {is} one continuous region, with no separate islands."],
         "n": ["{S} {is} made up of {n} separate pieces.", "I count {n} separate regions in {o}.",
               "{S} {comes} in {n} separate parts.", "There are {n} distinct pieces in {o}."]}

REL = {"LP": {"left_of": ["{S} {lies} to the patient's left of {O}.", "{S} {is} on the left of {O}, from the patient's point of view."],
              "right_of": ["{S} {lies} to the patient's right of {O}.", "{S} {is} on the right of {O}, from the patient's point of view."],
              "anterior_to": ["{S} {is} in front of {O}.", "{S} {lies} anterior to {O}."],
              "posterior_to": ["{S} {is} behind {O}.", "{S} {lies} posterior to {O}."]},
       "LI": {"left_of": ["{S} {lies} to the patient's left of {O}.", "{S} {is} on the patient's left of {O}."],
              "right_of": ["{S} {lies} to the patient's right of {O}.", "{S} {is} on the patient's right of {O}."],
              "superior_to": ["{S} {is} above {O}.", "{S} {lies} superior to {O}."],
              "inferior_to": ["{S} {is} below {O}.", "{S} {lies} inferior to {O}."]}}
REL_INV = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
REL_INV_T = {"LP": {"left_of": "{O} {is} on the patient's left of {o}.", "right_of": "{O} {is} on the patient's right of {o}.",
                    "anterior_to": "{O} {sits} in front of {o}.", "posterior_to": "{O} {sits} behind {o}."},
             "LI": {"left_of": "{O} {is} to the patient's left of {o}.", "right_of": "{O} {is} to the patient's right of {o}.",
                    "superior_to": "{O} {sits} above {o}.", "inferior_to": "{O} {sits} below {o}."}}
NONE_AXIS = {"LP": {0: ["{S} and {O} are roughly level from side to side.", "Side to side, {s} and {O} line up."],
                    1: ["{S} and {O} are at about the same depth.", "Front-to-back, {s} and {O} are at about the same level."]},
             "LI": {0: ["{S} and {O} are roughly level from side to side."],
                    1: ["{S} and {O} are at about the same height.", "Top-to-bottom, {s} and {O} are about level."]}}
AXIS_OF = {"left_of": 0, "right_of": 0, "anterior_to": 1, "posterior_to": 1, "superior_to": 1, "inferior_to": 1}

O_SIDE = {"left": ["{S} {is} on the patient's left.", "{S} {lies} on the left side of the body.", "{S} {is} over on the left."],
          "right": ["{S} {is} on the patient's right.", "{S} {lies} on the right side of the body.", "{S} {is} over on the right."],
          "midline": ["{S} {sits} in the midline.", "{S} {is} central, on the midline."],
          "bilateral": ["{S} {is} on both sides.", "{S} {is} paired, one on each side."]}
O_VERT = {"LP": {"neg": ["{S} {is} toward the front.", "{S} {sits} anteriorly."],
                 "pos": ["{S} {is} toward the back.", "{S} {sits} posteriorly."],
                 "central": ["{S} {sits} about midway front to back."]},
          "LI": {"neg": ["{S} {is} high in the image.", "{S} {sits} toward the top."],
                 "pos": ["{S} {is} low in the image.", "{S} {sits} toward the bottom."],
                 "central": ["{S} {sits} at about mid-height."]}}
O_SIZE = {"small": ["{S} {is} small on this image.", "{S} {looks} small here."],
          "medium": ["{S} {is} medium-sized here.", "{S} {is} of moderate size on this image."],
          "large": ["{S} {is} large on this image.", "{S} {takes} up a big share of the frame."]}


# ------------------------------------------------------------------------------------------------ engine

FAMILY = {"laterality": ("lat",), "position": ("vert", "rel"), "size": ("size",), "count": ("count",)}


class Conv:
    def __init__(self, p, facts, rng, defect, style):
        self.p, self.f, self.rng, self.defect, self.style = p, facts, rng, defect, style
        self.o = p["orient"]
        self.turns, self.entries = [], []
        self.cur = []
        self.last = None  # "T" or an other's name: who a pronoun would point at
        self.lay = style == "patient_followup"
        self.geo = {k: _geo(v["ell"]) for k, v in p["others"].items()}
        self.rels = {}
        for r in facts["relations"]:
            self.rels.setdefault(r["other"], {})[AXIS_OF[r["relation"]]] = r["relation"]
        self.key, self.loc, self.planted = None, None, False
        if defect in FAMILY:
            self.loc = rng.choices(["first", "follow", "user"], [0.58, 0.25, 0.17])[0]
            if defect == "position":
                rel_keys = [("rel", o, a) for o in p["neigh"] for a in self.rels.get(o, {})]
                if rel_keys and rng.random() < 0.5:
                    self.key = rng.choice(rel_keys)
                else:
                    self.key = ("vert",)
            else:
                self.key = (FAMILY[defect][0],)
        self.kw = None  # where we are: "first", "follow", "user", None

    # -- turns
    def begin(self, role, where=None):
        self.cur, self.kw, self.role = [], where, role

    def add(self, s):
        if s:
            self.cur.append(s)

    def end(self):
        text = " ".join(x for x in self.cur if x)
        if self.lay and self.role == "assistant":
            text = text.replace("the patient's", "your").replace("The patient's", "Your")
        self.turns.append({"role": self.role, "content": text})
        self.cur = []

    def ti(self):
        return len(self.turns)

    def log(self, sent, subj, kind, val, status="true", extra=None):
        e = {"turn": self.ti(), "text": sent, "subj": subj, "kind": kind, "val": val, "status": status}
        if extra:
            e.update(extra)
        self.entries.append(e)

    # -- subjects
    def t_subj(self, allow_pron=True, generic=True, sided=True):
        p, rng = self.p, self.rng
        refs = [r for r in p["refs"] if sided or not any(w in r.split() for w in ("left", "right"))]
        if self.style not in ("twin_compare", "patient_followup"):
            refs = [r for r in refs if r not in ("the left one", "the right one")]
        opts = [(r, p["plural"]) for r in (refs or [p["refs"][-1]])]
        if generic:
            opts += [("the mask", False), ("the segmented region", False), ("the outlined area", False)]
        if allow_pron and self.last == "T":
            pron = ("they", True) if p["plural"] else ("it", False)
            opts += [pron] * 4
        s = rng.choice(opts)
        self.last = "T"
        return s

    def o_subj(self, name, twin=False):
        rng = self.rng
        od = self.p["others"][name]
        opts = [(r, od["plural"]) for r in od["refs"]]
        if twin and self.p.get("pair") and self.last in ("T", None):
            opts += [("its partner", False), ("the other one", False)]
        if self.style not in ("twin_compare", "patient_followup"):
            opts = [o for o in opts if o[0] not in ("the left one", "the right one")] or opts
        if self.last == name:
            opts += [("they", True) if od["plural"] else ("it", False)] * 3
            if not od["plural"]:
                opts += [("that one", False)]
        s = rng.choice(opts)
        self.last = name
        return s

    def fill(self, tpl, subj, **kw):
        s, pl = subj
        d = _v(pl)
        d.update(S=_cap(s), s=s, p="they" if pl else "it", o=("them" if s in ("they",) else
                                                              "it" if s == "it" else s))
        d.update(kw)
        out = tpl.format(**d)
        return _cap(out)

    # -- target claims
    def planting(self, key):
        return key == self.key and self.kw == self.loc and not self.planted and self.kw in ("first", "follow")

    def suppressed(self, key):
        return self.key is not None and key == self.key and not self.planting(key)

    def T(self, kind, other=None, axis=None, inverse=False):
        """A sentence about the target's `kind`, false when this is the planted claim; None when suppressed."""
        rng, f = self.rng, self.f
        key = (kind,) if kind != "rel" else ("rel", other, axis)
        if self.suppressed(key):
            return None
        false = self.planting(key)
        if kind == "lat":
            val = f["laterality"]
            if false:
                if val == "bilateral":
                    w = rng.choice(["left", "right"])
                    subj = self.t_subj(sided=False)
                    sent = self.fill(rng.choice(SIDE_FALSE_BILAT), subj, w=w)
                    self.planted = True
                    self.log(sent, "T", "lat", w, "false")
                    return sent
                val = {"left": "right", "right": "left"}.get(val) or rng.choice(["left", "right"])
            subj = self.t_subj(sided=False)
            sent = self.fill(rng.choice(SIDE[val]), subj)
        elif kind == "vert":
            val = f["vertical"]
            if false:
                val = VERT_FALSE[val] or rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
            subj = self.t_subj()
            sent = self.fill(rng.choice(VERT[self.o][val]), subj)
        elif kind == "size":
            val = f["size_class"]
            frac = f["area_fraction"]
            subj = self.t_subj()
            if false and rng.random() < 0.3:
                bad = frac * rng.choice([3.2, 4.0, 0.28, 0.3])
                sent = self.fill(rng.choice(SIZE_PCT_ONLY), subj, pct=_pct(bad, rng, False))
                self.planted = True
                self.log(sent, "T", "pct", round(100 * bad, 3), "false")
                return sent
            if false:
                val = rng.choice(SIZE_WRONG[val])
                sent = self.fill(rng.choice(SIZE_CLASS_ONLY[val]), subj)
            elif rng.random() < 0.75:
                pct = _pct(frac, rng)
                sent = self.fill(rng.choice(SIZE[val]), subj, pct=pct)
                self.log(sent, "T", "pct", round(100 * frac, 3), "true")
            else:
                sent = self.fill(rng.choice(SIZE_CLASS_ONLY[val]), subj)
        elif kind == "count":
            val = f["components"]
            if false:
                val = val + 1 if (val == 1 or rng.random() < 0.5) else val - 1
            subj = self.t_subj()
            if val == 1:
                sent = self.fill(rng.choice(COUNT[1]), subj)
            else:
                n = NUMW[val] if rng.random() < 0.6 else str(val)
                sent = self.fill(rng.choice(COUNT["n"]), subj, n=n)
        elif kind == "rel":
            rel = self.rels.get(other, {}).get(axis)
            if rel is None:  # the two are level on this axis
                oname = self.o_name(other)
                subj = self.t_subj()
                sent = self.fill(rng.choice(NONE_AXIS[self.o][axis]), subj, O=oname)
                self.log(sent, "T", "rel", [other, axis, None], "true")
                return sent
            val = REL_INV[rel] if false else rel
            if inverse:
                tref, _ = self.t_subj(allow_pron=False, generic=False, sided=False)
                oname = self.o_name(other)
                d = _v(self.p["others"][other]["plural"])
                d.update(O=_cap(oname), o=tref)
                sent = _cap(REL_INV_T[self.o][REL_INV[val]].format(**d))
                self.last = other
            else:
                subj = self.t_subj(sided=False)
                oname = self.o_name(other)
                sent = self.fill(rng.choice(REL[self.o][val]), subj, O=oname)
            if false:
                self.planted = True
            self.log(sent, "T", "rel", [other, axis, val], "false" if false else "true")
            return sent
        else:
            raise ValueError(kind)
        if false:
            self.planted = True
        self.log(sent, "T", kind, val, "false" if false else "true")
        return sent

    def o_name(self, other):
        refs = self.p["others"][other]["refs"]
        return refs[0] if self.rng.random() < 0.7 else refs[-1]

    # -- other structures
    def O(self, name, kind, twin=False):
        g, rng = self.geo[name], self.rng
        subj = self.o_subj(name, twin)
        if kind == "lat":
            if not g["lat_ok"]:
                return None
            sent = self.fill(rng.choice(O_SIDE[g["lat"]]), subj)
            val = g["lat"]
        elif kind == "vert":
            if not g["vert_ok"]:
                return None
            sent = self.fill(rng.choice(O_VERT[self.o][g["vert"]]), subj)
            val = g["vert"]
        elif kind == "size":
            if not g["size_ok"]:
                return None
            sent = self.fill(rng.choice(O_SIZE[g["size"]]), subj)
            val = g["size"]
        elif kind == "count":
            n = g["pieces"]
            if n == 1:
                sent = self.fill(rng.choice(["{S} {is} in one piece on this slice.", "{S} {is} a single region here."]), subj)
            else:
                sent = self.fill(rng.choice(["{S} {comes} in {n} separate parts here.", "{S} {is} seen as {n} pieces."]),
                                 subj, n=NUMW[n])
            val = n
        elif kind == "cmp":
            ta, oa = self.f["area_pixels"], g["area"]
            r = ta / oa
            if r > 1.15:
                sent = self.fill(rng.choice(["{S} {is} smaller than the structure I outlined.",
                                             "{S} {is} the smaller of the two.", "{S} {looks} smaller than the mask."]), subj)
                val = "smaller"
            elif r < 0.87:
                sent = self.fill(rng.choice(["{S} {is} bigger than the structure I outlined.",
                                             "{S} {is} the larger of the two.", "{S} {looks} larger than the mask."]), subj)
                val = "larger"
            elif 0.93 < r < 1.07:
                sent = self.fill("{S} {is} about the same size as the mask.", subj)
                val = "same"
            else:
                return None
        else:
            raise ValueError(kind)
        self.log(sent, name, kind, val)
        return sent

    def bigger(self, name):
        """'target' / 'other' / None: which of the two is clearly bigger."""
        r = self.f["area_pixels"] / self.geo[name]["area"]
        return "target" if r > 1.15 else "other" if r < 0.87 else None

    def o_desc(self, name, n=2, twin=False, kinds=("lat", "vert", "size")):
        ks = [k for k in kinds if self._o_ok(name, k)]
        self.rng.shuffle(ks)
        out = []
        for k in ks[:n]:
            out.append(self.O(name, k, twin))
        return [s for s in out if s]

    def _o_ok(self, name, k):
        g = self.geo[name]
        return {"lat": g["lat_ok"], "vert": g["vert_ok"], "size": g["size_ok"]}.get(k, True)

    def opener(self):
        rng, p = self.rng, self.p
        nm = p["name"]
        if self.lay:
            forms = [f"That's your {nm} [SEG].", f"I've highlighted your {nm} here: [SEG].",
                     f"The part you're asking about is your {nm} [SEG]." if "metast" not in nm else f"Those are {nm} [SEG].",
                     f"Here it is, outlined: the {nm} [SEG]."]
            if p["plural"]:
                forms = [f"Those are the {nm} [SEG].", f"I've highlighted the {nm} here: [SEG].",
                         f"What you're asking about are the {nm} [SEG]."]
        else:
            forms = [f"This is the {nm} [SEG].", f"The structure you're after is the {nm} [SEG].",
                     f"I've outlined the {nm}: [SEG].", f"That would be the {nm} [SEG]."]
            if p["plural"]:
                forms = [f"These are the {nm} [SEG].", f"I've outlined the {nm}: [SEG].",
                         f"The findings you mean are the {nm} [SEG]."]
        self.last = "T"
        return rng.choice(forms)

    # -- user-turn premise (the only false claim, sits in a user turn)
    def premise(self):
        rng, f, p = self.rng, self.f, self.p
        ref = rng.choice(["the one you outlined", "the " + p["name"], "the segmented " + ("ones" if p["plural"] else "one")]
                         if not self.lay else ["the one you highlighted", "the one you outlined"])
        is_ = "are" if ref.startswith("the segmented ones") or (ref == "the " + p["name"] and p["plural"]) else "is"
        k = self.key
        if k[0] == "lat":
            val = f["laterality"]
            if val == "bilateral":
                w = rng.choice(["left", "right"])
                s = rng.choice([f"Since {ref} {is_} only on the {w} side, ", f"Given that {ref} {is_} all on the patient's {w}, "])
                self.log(s.strip(), "T", "lat", w, "false")
            else:
                w = {"left": "right", "right": "left"}.get(val) or rng.choice(["left", "right"])
                s = rng.choice([f"Since {ref} {is_} on the {w}, ", f"Given that {ref} {is_} on the patient's {w} side, ",
                                f"OK, so with {ref} on the {w}, "])
                self.log(s.strip(), "T", "lat", w, "false")
        elif k[0] == "vert":
            val = VERT_FALSE[f["vertical"]] or rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
            word = {"anterior": "toward the front", "posterior": "toward the back", "superior": "high up in the image",
                    "inferior": "low down in the image"}[val]
            s = rng.choice([f"Since {ref} {is_} {word}, ", f"Given that {ref} {is_} {word}, "])
            self.log(s.strip(), "T", "vert", val, "false")
        elif k[0] == "rel":
            other, axis = k[1], k[2]
            rel = REL_INV[self.rels[other][axis]]
            w = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
                 "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[rel]
            s = rng.choice([f"Since {ref} {is_} {w} {self.o_name(other)}, ", f"Given {ref} {is_} {w} {self.o_name(other)}, "])
            self.log(s.strip(), "T", "rel", [other, axis, rel], "false")
        elif k[0] == "size":
            val = rng.choice(SIZE_WRONG[f["size_class"]])
            word = {"small": "quite small", "medium": "medium-sized", "large": "large"}[val]
            s = rng.choice([f"Since {ref} {is_} {word}, ", f"Given that {ref} {is_} {word} on this image, "])
            self.log(s.strip(), "T", "size", val, "false")
        else:
            n = f["components"]
            bad = n + 1 if (n == 1 or rng.random() < 0.5) else n - 1
            pieces = "a single piece" if bad == 1 else f"{NUMW[bad]} separate pieces"
            s = rng.choice([f"Since {ref} {is_} {pieces}, ", f"Given that the mask is {pieces}, "])
            self.log(s.strip(), "T", "count", bad, "false")
        self.planted = True
        return s

    def premise_q(self):
        rng = self.rng
        return self.premise() + rng.choice([
            "is that something to worry about?", "does that change anything for treatment?",
            "would a surgeon approach it differently?", "is that what you'd expect?",
            "does that explain my symptoms?" if self.lay else "does that matter for the report?"])

    def premise_a(self):
        rng, p = self.rng, self.p
        a = rng.choice(["On its own, that isn't a cause for concern; what matters more is how it looks and how it behaves over time.",
                        "It doesn't change the basic picture much. The management is driven by the clinical question.",
                        "Not by itself. I'd put it in context with the history and any previous imaging.",
                        "That's reasonable to note, but it wouldn't change the plan on its own."])
        return a + " " + rng.choice(p["know"])

    # -- a user false idea that the assistant explicitly corrects (clean rows)
    def corrected(self):
        rng, f = self.rng, self.f
        choices = []
        if f["laterality"] in ("left", "right", "midline", "bilateral"):
            choices.append("lat")
        if f["size_class"]:
            choices.append("size")
        k = rng.choice(choices)
        if k == "lat":
            val = f["laterality"]
            w = {"left": "right", "right": "left"}.get(val) or rng.choice(["left", "right"])
            u = rng.choice([f"Hold on, isn't the one you outlined on the {w}?",
                            f"I thought the {self.p['name']} would be on the {w} here?"])
            self.log(u, "T", "lat", w if val != "bilateral" else w + "_only", "corrected")
            self.last = "T"
            lead = rng.choice(["No, ", "Not quite: ", "Actually no. "])
        else:
            val = f["size_class"]
            w = rng.choice(SIZE_WRONG[val])
            u = rng.choice([f"Isn't the mask {w}, though?", f"I'd have called what you outlined {w}. No?"])
            self.log(u, "T", "size", w, "corrected")
            lead = rng.choice(["No, ", "Not really: ", "I wouldn't say so. "])
        return u, (lambda: lead + (self.T(k) if lead.endswith(". ") else _lc(self.T(k))))

    def hypo(self):
        rng, f = self.rng, self.f
        lat = f["laterality"]
        if lat in ("left", "right"):
            opp = "right" if lat == "left" else "left"
            return rng.choice([f"If this were the {opp}-sided counterpart, it would show up on the other half of the screen.",
                               f"Had the image been flipped, a {opp}-sided structure could be mislabelled, which is why the orientation markers matter."])
        if lat == "midline":
            return rng.choice(["If it were pushed off to one side, I'd be looking for a mass doing the pushing.",
                               "Were it deviated, that would suggest something displacing it."])
        return rng.choice(["If only one side were involved, I'd think harder about a local cause.",
                           "Were it strictly one-sided, the differential would be different."])


SIZE_CLASS_ONLY = {"small": ["{S} {is} small.", "{S} {is} small on this image.", "Size-wise, {s} {is} small."],
                   "medium": ["{S} {is} medium-sized.", "{S} {is} of medium size on this image.", "Size-wise, {s} {is} medium."],
                   "large": ["{S} {is} large.", "{S} {is} a large region on this image.", "Size-wise, {s} {is} large."]}


def _lc(s):
    if not s:
        return s
    if s.startswith("I "):
        return s
    if s.startswith(("On ", "Left", "Front", "Size", "Side", "Top", "Vertically", "There", "All")):
        return s[0].lower() + s[1:]
    w = s.split(" ", 1)[0]
    if w in ("The", "It", "They", "Its", "These", "Both", "This", "That", "Those"):
        return s[0].lower() + s[1:]
    return s


# ------------------------------------------------------------------------------------------------ registers



def _first_q(c):
    p, rng = c.p, c.rng
    if c.defect == "names_target":
        q = rng.choice(p["named"])
        return q if not c.lay else q
    if c.lay:
        return rng.choice(p["lay"])
    lead = rng.choice(_SUBJECT_FREE_QS.get(c.style, [""]))
    return lead + rng.choice(p["qs"])


def _claims_for_first(c, pool, k):
    """k target claims from pool, including the planted one when the defect sits in the first answer."""
    rng = c.rng
    pool = list(pool)
    rng.shuffle(pool)
    chosen = pool[:k]
    if c.key is not None and c.loc == "first":
        kk = c.key[0]
        if kk not in chosen:
            chosen[-1:] = [kk]
    return chosen


def _tsent(c, kind):
    if kind == "rel":
        cands = [o for o in c.p["neigh"] for a in c.rels.get(o, {})]
        if c.key and c.key[0] == "rel" and c.loc == c.kw:
            return c.T("rel", c.key[1], c.key[2], inverse=c.rng.random() < 0.3)
        if not cands:
            return None
        o = c.rng.choice(cands)
        return c.T("rel", o, c.rng.choice(list(c.rels[o])), inverse=c.rng.random() < 0.3)
    return c.T(kind)


def _follow_q(c, kind, ref):
    rng, p = c.rng, c.p
    if kind == "lat":
        return rng.choice([f"And which side is {ref} on?", f"Which side of the body is {ref}?",
                           f"Just to be sure about sides: where is {ref}, left or right?"])
    if kind == "vert":
        return rng.choice([f"Is {ref} toward the front or the back?" if c.o == "LP" else f"Is {ref} high or low in the image?",
                           f"Where does {ref} sit {'front-to-back' if c.o == 'LP' else 'top-to-bottom'}?"])
    if kind == "rel":
        o = c.key[1] if (c.key and c.key[0] == "rel") else None
        return rng.choice([f"How does {ref} relate to {c.o_name(o)}?", f"Where is {ref} compared with {c.o_name(o)}?"])
    if kind == "size":
        return rng.choice([f"How big is {ref}?", f"And the size of {ref}?", f"Is {ref} large or small?"])
    return rng.choice([f"Is {ref} one piece or several?", f"How many separate pieces does {ref} have?",
                       f"Is {ref} all in one region?"])


def _tref(c):
    named = [] if c.p["plural"] else ["the " + c.p["name"]]
    return c.rng.choice(["the one you outlined", "the mask", "the segmented one"] + named if not c.lay
                        else ["the one you highlighted", "the one you outlined"])


def _follow_kind(c):
    """The kind the last follow-up asks about: the planted one, or any not yet said."""
    if c.key is not None and c.loc == "follow" and not c.planted:
        return c.key[0]
    said = {e["kind"] for e in c.entries if e["subj"] == "T"}
    left = [k for k in ("lat", "vert", "size", "count") if k not in said]
    fallback = ["size", "count", "lat", "vert"]
    if c.key is not None:
        left = [k for k in left if k != c.key[0]]
        fallback = [k for k in fallback if k != c.key[0]]
    return c.rng.choice(left or fallback)


def _kinds_pool(c):
    pool = ["lat", "vert", "size", "count"]
    if any(c.rels.get(o) for o in c.p["neigh"]):
        pool.append("rel")
    if c.key is not None and c.loc in ("follow", "user"):
        pool = [k for k in pool if k != c.key[0]]
    return pool


def _extras(c, n=1):
    rng, p = c.rng, c.p
    pool = [rng.choice(p["know"]), rng.choice(p["pop"]), c.hypo()]
    o = rng.choice(list(p["others"]))
    kn = p["others"][o]["know"]
    if kn:
        pool.append(_cap(rng.choice(kn)) + ".")
    rng.shuffle(pool)
    return pool[:n]


def _last_round(c, ra):
    """Final user question and answer: the follow-up fact (planted or true), a premise, or a summary."""
    rng = c.rng
    if c.key is not None and c.loc == "user" and not c.planted:
        c.begin("user", "user")
        c.add(c.premise_q())
        c.end()
        c.begin("assistant", None)
        c.add(c.premise_a())
        c.end()
        return
    kind = _follow_kind(c)
    ref = _tref(c)
    c.begin("user", None)
    c.add(_follow_q(c, kind, ref))
    c.end()
    c.begin("assistant", "follow")
    c.last = "T"
    c.add(_tsent(c, kind))
    c.add(ra)
    c.end()


def reg_twin(c):
    rng, p = c.rng, c.p
    tw = p["twin"]
    c.begin("user")
    c.add(_first_q(c))
    c.end()
    # first answer: target, twin, target, twin
    c.begin("assistant", "first")
    c.add(c.opener())
    ks = _claims_for_first(c, _kinds_pool(c), rng.choice([2, 3]))
    c.add(_tsent(c, ks[0]))
    twn = p['others'][tw]['refs'][0]
    if p.get("pair"):
        intro = rng.choice([f"Its counterpart, {twn}, is on this image too.", f"Its twin on the other side, {twn}, is visible as well.",
                            f"You can compare it with {twn}."])
    else:
        are = "are" if p["others"][tw]["plural"] else "is"
        intro = rng.choice([f"For comparison, {twn} {are} also visible.", f"Alongside it you can see {twn}.",
                            f"It's worth comparing with {twn}, which {are} on the same image."])
    c.add(intro)
    c.last = tw
    for s in c.o_desc(tw, 1, twin=True, kinds=("lat", "vert")):
        c.add(s)
    for k in ks[1:]:
        c.add(_tsent(c, k))
    if rng.random() < 0.6:
        c.add(c.O(tw, "cmp", twin=True))
    c.add(_extras(c, 1)[0])
    c.end()
    # round 2: about the twin ("the other one", "the bigger one")
    if c.defect is None and rng.random() < 0.3:
        u, a = c.corrected()
        c.begin("user")
        c.add(u)
        c.end()
        c.begin("assistant", None)
        c.add(a())
        c.add(c.O(tw, "lat", twin=True))
        c.end()
    else:
        b = c.bigger(tw)
        c.begin("user")
        q = rng.choice(["And the other one, where is that?", "Which of the two is bigger?", "Tell me about the other one.",
                        f"How does it compare with {p['others'][tw]['refs'][0]}?"])
        if q.startswith("Which of the two") and b is None:
            q = "Tell me about the other one."
        c.add(q)
        c.end()
        c.begin("assistant", None)
        if q.startswith("Which"):
            if b == "other":
                c.add(_cap(f"{p['others'][tw]['refs'][0]} is the bigger one."))
                c.log(c.cur[-1], tw, "cmp", "larger")
                c.last = tw
            else:
                c.add(_cap(f"The one I outlined is the bigger of the two; {p['others'][tw]['refs'][0]} is smaller."))
                c.log(c.cur[-1], tw, "cmp", "smaller")
                c.last = tw
        elif q.startswith("How does it compare"):
            c.add(rng.choice(["Side by side they differ a little.", "Good comparison to make.", "Briefly:"]))
            c.last = None
        else:
            c.last = None
            c.add(rng.choice(["By the other one I take it you mean ", "You mean "]) + p["others"][tw]["refs"][0] + ".")
            c.last = tw
        for s in c.o_desc(tw, 2, twin=True):
            c.add(s)
        if c.key is not None and c.loc == "follow" and rng.random() < 0.5:
            c.kw = "follow"
        back = rng.choice(["Back to the one I outlined:", "As for the mask itself:", "Coming back to the segmented one:"])
        pool = [k for k in _kinds_pool(c) if k not in [e["kind"] for e in c.entries if e["subj"] == "T"]] or _kinds_pool(c)
        if c.kw == "follow":
            k = c.key[0]
        else:
            k = rng.choice(pool)
        c.last = None
        s = _tsent(c, k)
        if s:
            c.add(back + " " + _lc(s))
        c.end()
    if rng.random() < 0.85 or (c.key is not None and not c.planted):
        _last_round(c, _extras(c, 1)[0] if rng.random() < 0.5 else None)
    return c.turns


def reg_walk(c):
    rng, p = c.rng, c.p
    c.begin("user")
    c.add(_first_q(c))
    c.end()
    c.begin("assistant", "first")
    c.add(c.opener())
    pool = [k for k in _kinds_pool(c) if k != "rel"] or ["size"]
    if c.key is not None and c.loc == "first" and c.key[0] == "rel":
        pool = pool + ["rel"]
    ks = _claims_for_first(c, pool, rng.choice([1, 2]))
    for k in ks:
        c.add(_tsent(c, k))
    c.add(_extras(c, 1)[0])
    c.end()
    c.begin("user")
    c.add(rng.choice(["Can you walk me through what's around it?", "What are its neighbours on this slice?",
                      "Go through the structures next to it one by one, please.", "What else is nearby?"]))
    c.end()
    walk_follow = c.key is not None and c.loc == "follow" and c.key[0] == "rel"
    c.begin("assistant", "follow" if walk_follow else None)
    neigh = list(p["neigh"])
    if walk_follow:
        neigh.remove(c.key[1])
        neigh = neigh[:2]
        neigh.insert(rng.randrange(len(neigh) + 1), c.key[1])
    neigh = neigh[:3]
    leads = {1: ["Nearby, "], 2: ["First, ", "Then "],
             3: ["First, ", "Next, ", "Finally, "]}[len(neigh)]
    for i, o in enumerate(neigh):
        lead = leads[i]
        ds = c.o_desc(o, rng.choice([1, 2]))
        if ds:
            ds[0] = lead + _lc(ds[0])
        else:
            ds = [lead + f"there is {p['others'][o]['refs'][0]}."]
            c.last = o
        for s in ds:
            c.add(s)
        axes = list(c.rels.get(o, {}))
        if walk_follow and o == c.key[1]:
            c.add(c.T("rel", o, c.key[2], inverse=rng.random() < 0.5))
        elif axes and rng.random() < 0.8:
            c.add(c.T("rel", o, rng.choice(axes), inverse=rng.random() < 0.4))
        elif rng.random() < 0.3:
            ax = [a for a in (0, 1) if a not in axes]
            if ax:
                c.add(c.T("rel", o, ax[0]))
        if rng.random() < 0.25 and p["others"][o]["know"]:
            c.add(_cap(rng.choice(p["others"][o]["know"])) + ".")
    c.last = None
    s = None
    pool = [k for k in _kinds_pool(c) if k not in [e["kind"] for e in c.entries if e["subj"] == "T"]]
    if pool:
        s = _tsent(c, rng.choice(pool))
    if s:
        c.add(rng.choice(["Back to the one I outlined: ", "And the mask itself: ", "So, back to our target: "]) + _lc(s))
    c.end()
    if rng.random() < 0.8 or (c.key is not None and not c.planted):
        _last_round(c, None)
    return c.turns


def reg_diff(c):
    rng, p = c.rng, c.p
    conf_name, conf_desc = rng.choice(p["conf"])
    in_img = conf_name in p["others"]
    c.begin("user")
    c.add(_first_q(c))
    c.end()
    c.begin("assistant", "first")
    c.add(c.opener())
    ks = _claims_for_first(c, _kinds_pool(c), rng.choice([2, 3]))
    for k in ks[:2]:
        c.add(_tsent(c, k))
    c.add(rng.choice([f"The main thing it could be confused with is {conf_name if not in_img else p['others'][conf_name]['refs'][0]}:",
                      f"A possible mix-up would be {conf_name if not in_img else p['others'][conf_name]['refs'][0]};"])
          + " " + conf_desc + ".")
    c.last = conf_name if in_img else None
    if in_img:
        for s in c.o_desc(conf_name, 1):
            c.add(s)
    for k in ks[2:]:
        c.last = None
        c.add(_tsent(c, k))
    c.end()
    c.begin("user")
    cn = conf_name if not in_img else p["others"][conf_name]["refs"][0]
    c.add(rng.choice([f"How can you be sure it isn't {cn}?", f"Couldn't that be {cn} instead?",
                      f"What tells the two apart, this and {cn}?"]))
    c.end()
    c.begin("assistant", None)
    if in_img:
        c.add(rng.choice([f"{_cap(cn)} is a separate structure on this image.", f"{_cap(cn)} is visible on its own."]))
        c.last = conf_name
        for s in c.o_desc(conf_name, 2):
            c.add(s)
        axes = list(c.rels.get(conf_name, {}))
        if axes:
            c.add(c.T("rel", conf_name, rng.choice(axes), inverse=rng.random() < 0.5))
        if rng.random() < 0.5:
            c.add(c.O(conf_name, "cmp"))
    else:
        c.add(rng.choice(["That's a fair question.", "Good point to raise."]) + " " + _cap(conf_desc) + ".")
        c.add(rng.choice(["Here the shape and the location fit what I've outlined.",
                          "Nothing on this slice behaves like that.",
                          "It would not look like this; the appearance and the anatomy fit the label I gave."]))
    c.add(_extras(c, 1)[0])
    c.end()
    if c.defect is None and rng.random() < 0.25:
        u, a = c.corrected()
        c.begin("user")
        c.add(u)
        c.end()
        c.begin("assistant", None)
        c.add(a())
        c.end()
    elif rng.random() < 0.8 or (c.key is not None and not c.planted):
        _last_round(c, rng.choice([None, c.hypo()]))
    return c.turns


def reg_patient(c):
    rng, p = c.rng, c.p
    tw = p["twin"]
    c.begin("user")
    c.add(_first_q(c))
    c.end()
    c.begin("assistant", "first")
    c.add(c.opener())
    ks = _claims_for_first(c, _kinds_pool(c), rng.choice([1, 2, 3]))
    for k in ks:
        c.add(_tsent(c, k))
    c.add(rng.choice(p["know"]))
    c.end()
    c.begin("user")
    b = c.bigger(tw)
    q = rng.choice(["What about the other one?", "And that one next to it, what's that?", "Is that the bigger one?",
                    "Which one is that, then?"])
    if q.startswith("Is that the bigger") and b is None:
        q = "What about the other one?"
    c.add(q)
    c.end()
    c.begin("assistant", None)
    twn = p["others"][tw]["refs"][0]
    if q.startswith("Is that the bigger"):
        if b == "target":
            c.add("Yes, the one I highlighted is the bigger of the two.")
            c.add(_cap(f"{twn} is the smaller one."))
            c.log(c.cur[-1], tw, "cmp", "smaller")
        else:
            c.add(f"No. The bigger structure is {twn}, not the one I highlighted.")
            c.log(c.cur[-1], tw, "cmp", "larger")
        c.last = tw
    elif q.startswith("Which one"):
        c.add(f"The one I highlighted is your {p['name']}." if not p["plural"] else f"What I highlighted are the {p['name']}.")
        c.add(f"The other structure nearby is {twn}.")
        c.last = tw
    elif q.startswith("And that one"):
        c.add(rng.choice([f"Next to it is {twn}.", f"That's {twn}."]))
    else:
        c.add(rng.choice([f"By 'the other one' I think you mean {twn}.", f"If you mean {twn}, here's where it is.",
                          f"That would be {twn}."]))
        c.last = tw
    for s in c.o_desc(tw, rng.choice([1, 2])):
        c.add(s)
    if rng.random() < 0.4:
        c.add(_cap(rng.choice(p["others"][tw]["know"])) + ".")
    if c.key is not None and c.loc == "follow" and rng.random() < 0.4:
        c.kw = "follow"
        c.last = None
        c.add(rng.choice(["And the one I highlighted: ", "As for yours, the highlighted one: "]) + _lc(_tsent(c, c.key[0])))
    c.end()
    if c.defect is None and rng.random() < 0.3:
        u, a = c.corrected()
        c.begin("user")
        c.add(u)
        c.end()
        c.begin("assistant", None)
        c.add(a())
        c.end()
    elif rng.random() < 0.85 or (c.key is not None and not c.planted):
        _last_round(c, rng.choice([None, rng.choice(p["pop"])]))
    return c.turns


REGISTERS = {"twin_compare": reg_twin, "neighbour_walk": reg_walk, "differential_talk": reg_diff,
             "patient_followup": reg_patient}


def build(p, facts, style, rng, defect):
    c = Conv(p, facts, rng, defect, style)
    turns = REGISTERS[style](c)
    if c.key is not None and not c.planted:
        raise RuntimeError(f"defect {defect} not planted for {p['target']} / {style}")
    LEDGER.append({"target": p["target"], "entries": c.entries, "key": c.key, "loc": c.loc})
    return turns, ([] if defect is None else [defect])
