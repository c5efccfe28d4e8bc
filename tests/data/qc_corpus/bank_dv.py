"""Bank DV: English written by multilingual LLMs or translated from another language.

Written without reading QC (nor its tests, the bench or any other bank).

Targets (42 profiles): brain (glioma, lateral ventricles, hippocampus, brain metastases x2, intracerebral
hemorrhage, brainstem, pituitary adenoma, multiple sclerosis lesions), head and neck (thyroid gland, parotid
gland, cervical lymph nodes, trachea, eyeballs), chest (lungs, heart, pleural effusion, pneumothorax on frontal
films; lung nodule, descending aorta, esophagus, ground-glass opacities on CT), abdomen (liver, spleen, kidneys,
left kidney, pancreas, gallbladder, abdominal aorta, liver tumors, right adrenal gland, stomach, appendix,
kidney stones), pelvis (urinary bladder, prostate, uterus, rectum, femoral heads, ovarian cyst) and limbs
(quadriceps muscles, femur), on CT, MR and XR; 23 of the 42 are bilateral, midline or in several pieces.

Registers (STYLES): "translated_report" (a report translated literally: calques, article slips, decimal
commas), "multilingual_llm" (fluent but non-native assistant phrasing), "bilingual_gloss" (terms followed by
a gloss of the same meaning: "left (sinister)", "caudal (inferior)"), "exam_answer" (a student answering an
oral exam in a second language, the user being the examiner).

Every sentence that says something about the mask is written from the measured facts and kept in a ledger
(`LEDGER`, one entry per `build`), which the writer's own reader checks against the facts. A defect row holds
exactly one false claim: in the first answer (about 3 in 5), in a follow-up answer (1 in 5) or as a user's
premise that the assistant does not correct (1 in 5). Clean rows carry traps: true negations, the
radiological convention spelt out, contralateral symptoms, knowledge about other structures with side,
position and size words, population numbers, hypotheticals, and user ideas that the assistant corrects.

Writer's own check (check_dv.py, on heldout_dv.jsonl, seed 20261253):
rows: 420 clean: 210 laterality: 42 position: 42 size: 42 count: 42 names_target: 42 problems: 0
(false claims: 100 in the first answer, 30 in a follow-up answer, 38 as a user's premise; 230 of 420 rows have
a bilateral, midline or multi-piece mask; every row carries at least one trap sentence)
"""

from __future__ import annotations

import math

import numpy as np

STYLES = ["translated_report", "multilingual_llm", "bilingual_gloss", "exam_answer"]
LEDGER: list = []  # one dict per build(): the claims each turn makes, for the writer's own reader


def _p(target, region, mod, ori, ells, others, nm, syn, noun, gloss, named, qs, know, pl=False, hemi=False,
       hypo=None):
    return {"target": target, "region": region, "mod": mod, "ori": ori, "ells": ells, "others": others,
            "nm": nm, "syn": syn, "noun": noun, "gloss": gloss, "named": named, "qs": qs, "know": know,
            "pl": pl, "hemi": hemi, "hypo": hypo}


_METS_Q = ["A patient with a known lung adenocarcinoma now has confusion and headache. On this contrast-enhanced "
           "MR of the head, which lesions must be outlined for the radiosurgery?",
           "Which multiple enhancing lesions at the junction of grey and white matter, typical of a haematogenous "
           "spread from a melanoma, are visible on this MR?"]
_METS_K = ["Lung cancer, breast cancer and melanoma are the most frequent primary tumours.",
           "They occur in about 20-40% of adults with cancer at some moment of the disease.",
           "Radiosurgery is usually offered when they are few and each is below about 3 cm."]
_METS_SYN = [("the metastatic lesions", True), ("the secondary lesions", True), ("the metastases", True)]

PROFILES = [
    # ---- brain
    _p("glioma", "brain", "MR", "LP", [(95, 80, 22, 18, 0)],
       {"corpus callosum": (0.5, 0.47), "right lateral ventricle": (0.44, 0.47)},
       "the glioma", [("the glial tumour", False), ("the lesion", False)], "lesion",
       "a primary tumour of the glial cells", ["glioma", "glial tumour", "glioblastoma"],
       ["An adult patient has new-onset seizures and headache in the morning. On this contrast-enhanced MR, "
        "which intra-axial lesion explains the symptoms?",
        "Which infiltrating lesion arising from the supporting cells of the nervous tissue do you see on this MR?"],
       ["The WHO classification now uses molecular markers, for example the IDH mutation.",
        "For the most aggressive grade the median survival is around 15 months, despite surgery and "
        "chemoradiation.",
        "A vasogenic oedema around it is very common."], hemi=True),
    _p("lateral ventricles", "brain", "MR", "LP", [(150, 120, 8, 28, 0), (105, 120, 8, 28, 0)],
       {"third ventricle": (0.5, 0.56)},
       "the lateral ventricles", [("the ventricles", True), ("the ventricular cavities", True)], "cavities",
       "ventriculi laterales", ["lateral ventricles", "ventricles"],
       ["Which cavities filled with cerebrospinal fluid, containing the choroid plexus, do you see on this axial "
        "MR of the head?",
        "In a child with hydrocephalus, which fluid spaces inside the cerebral hemispheres become dilated first?"],
       ["The choroid plexus produces most of the cerebrospinal fluid, about 500 ml per day.",
        "The fluid passes through the foramina of Monro into the third ventricle.",
        "A mild asymmetry between them is a frequent normal variant."], pl=True),
    _p("hippocampus", "brain", "MR", "LP", [(160, 150, 7, 14, 0)],
       {"brainstem": (0.5, 0.62), "amygdala": (0.62, 0.52)},
       "the hippocampus", [("the hippocampal formation", False), ("Ammon's horn", False)], "structure",
       "cornu Ammonis, the 'horn of Ammon'", ["hippocampus", "hippocampal formation"],
       ["Which grey-matter structure of the mesial temporal lobe is essential to form new memories and becomes "
        "atrophic early in Alzheimer disease?",
        "In a patient with drug-resistant temporal lobe epilepsy, which structure is typically sclerotic?"],
       ["Its sclerosis is the most frequent cause of drug-resistant temporal lobe epilepsy in adults.",
        "Its volume loss is used as a supportive biomarker of Alzheimer disease.",
        "It receives its main input from the entorhinal cortex through the perforant path."]),
    _p("brain metastases", "brain", "MR", "LP", [(90, 85, 7, 7, 0), (170, 100, 6, 6, 0), (150, 175, 8, 7, 0)],
       {"falx cerebri": (0.5, 0.5)},
       "the brain metastases", _METS_SYN, "lesions", "secondary deposits of a tumour from another organ",
       ["brain metastases", "metastases", "cerebral metastases"], _METS_Q, _METS_K, pl=True),
    _p("brain metastases", "brain", "MR", "LP", [(85, 110, 9, 8, 0), (100, 160, 6, 6, 0)],
       {"falx cerebri": (0.5, 0.5), "right lateral ventricle": (0.44, 0.47)},
       "the brain metastases", _METS_SYN, "lesions", "secondary deposits of a tumour from another organ",
       ["brain metastases", "metastases", "cerebral metastases"], _METS_Q, _METS_K, pl=True),
    _p("intracerebral hemorrhage", "brain", "CT", "LP", [(165, 150, 20, 14, 20)],
       {"left lateral ventricle": (0.56, 0.47)},
       "the intracerebral haemorrhage", [("the haematoma", False), ("the bleeding", False)], "lesion",
       "haematoma, a collection of blood inside the parenchyma", ["intracerebral haemorrhage", "haematoma",
                                                                  "brain bleed"],
       ["A hypertensive patient of 70 years has a sudden right hemiparesis and aphasia. On this non-contrast CT "
        "of the head, which hyperdense lesion explains the clinical picture?",
        "Which acute spontaneous hyperdense collection in the parenchyma do you see here, in a patient taking "
        "anticoagulants?"],
       ["Hypertension is the most common cause in older adults.",
        "The ABC/2 formula is often used to estimate its volume in millilitres.",
        "An expansion in the first 24 hours happens in about one third of patients."], hemi=True),
    _p("brainstem", "brain", "MR", "LP", [(127.5, 150, 18, 16, 0)],
       {"fourth ventricle": (0.5, 0.70), "basilar artery": (0.5, 0.50)},
       "the brainstem", [("the brain stem", False), ("the pons", False)], "structure", "truncus encephali",
       ["brainstem", "brain stem", "pons"],
       ["Which part of the central nervous system contains the nuclei of most cranial nerves and the centres "
        "of breathing?",
        "In a patient with crossed symptoms, a cranial nerve palsy on one side and a hemiparesis on the other, "
        "which structure is involved?"],
       ["It connects the cerebrum with the spinal cord.",
        "Ten of the twelve pairs of cranial nerves have their nuclei here.",
        "Its lesions often give crossed syndromes."]),
    _p("pituitary adenoma", "brain", "MR", "LI", [(128, 170, 9, 7, 0)],
       {"optic chiasm": (0.5, 0.58), "right internal carotid artery": (0.43, 0.67)},
       "the pituitary adenoma", [("the adenoma", False), ("the sellar lesion", False)], "lesion",
       "adenoma hypophyseos, a benign tumour of the gland", ["pituitary adenoma", "adenoma", "prolactinoma"],
       ["A young woman has galactorrhoea, amenorrhoea and a high prolactin. Which small lesion below the optic "
        "chiasm explains it, on this coronal MR?",
        "A man with acromegaly and bitemporal visual field loss: which lesion at the skull base do you see on "
        "this coronal slice?"],
       ["Microadenomas are smaller than 10 mm, macroadenomas are 10 mm or more.",
        "Incidental lesions of this kind are found in about 10% of autopsies.",
        "A compression of the chiasm gives a bitemporal hemianopia."]),
    _p("multiple sclerosis lesions", "brain", "MR", "LP",
       [(108, 100, 5, 9, 0), (150, 105, 6, 8, 0), (112, 150, 5, 6, 0), (146, 158, 6, 5, 0)],
       {"corpus callosum": (0.5, 0.4)},
       "the multiple sclerosis lesions", [("the demyelinating plaques", True), ("the plaques", True)], "lesions",
       "plaques of demyelination", ["multiple sclerosis lesions", "MS plaques", "demyelinating lesions"],
       ["A young woman had an optic neuritis last year and now has tingling in the legs. Which white-matter "
        "hyperintensities on this FLAIR image are typical of her disease?",
        "Which ovoid hyperintense foci around the ventricles, perpendicular to them like the Dawson fingers, do "
        "you see on this FLAIR?"],
       ["The McDonald criteria use dissemination in space and in time for the diagnosis.",
        "The disease is about three times more frequent in women than in men.",
        "New enhancing foci indicate an active inflammation."], pl=True),
    # ---- head and neck
    _p("thyroid gland", "head and neck", "CT", "LP",
       [(105, 100, 10, 18, 0), (150, 100, 10, 18, 0), (127.5, 88, 20, 5, 0)],
       {"trachea": (0.5, 0.45), "left common carotid artery": (0.64, 0.47)},
       "the thyroid gland", [("the thyroid", False), ("the gland", False)], "gland", "glandula thyreoidea",
       ["thyroid", "thyroid gland"],
       ["Which endocrine gland of the neck produces T3 and T4 and is enlarged in Graves disease?",
        "Which gland, lying in front of the trachea, takes up the iodine and is regulated by the pituitary?"],
       ["It uses iodine to produce the hormones.",
        "Nodules are found at ultrasound in up to half of the adults, but most of them are benign.",
        "Calcitonin is made by its parafollicular C cells."]),
    _p("parotid gland", "head and neck", "CT", "LP", [(80, 120, 14, 22, 0)],
       {"oropharynx": (0.5, 0.5), "right masseter muscle": (0.33, 0.38)},
       "the parotid gland", [("the parotid", False), ("the gland", False)], "gland", "glandula parotidea",
       ["parotid", "parotid gland"],
       ["Which is the largest salivary gland, the one that swells in mumps?",
        "Which salivary gland is crossed by the facial nerve, so that its surgery risks a facial palsy?"],
       ["Its duct, the Stensen duct, opens in the mouth in front of the second upper molar.",
        "About 80% of its tumours are benign, most of them pleomorphic adenomas.",
        "It produces a mainly serous saliva."]),
    _p("cervical lymph nodes", "head and neck", "CT", "LP",
       [(85, 120, 7, 6, 0), (92, 140, 6, 6, 0), (168, 125, 7, 7, 0)], {"trachea": (0.5, 0.42)},
       "the cervical lymph nodes", [("the lymph nodes", True), ("the nodes", True)], "nodes",
       "nodi lymphoidei cervicales", ["lymph nodes", "cervical nodes"],
       ["A patient has a squamous cell carcinoma of the tongue base. Which small bean-shaped structures of the "
        "immune system, along the jugular vessels, are enlarged here?",
        "Which enlarged structures of the immune system in the neck must be counted for the N stage?"],
       ["Their involvement is the most important prognostic factor in head and neck cancer.",
        "A short axis above 10 mm is a common radiological threshold of suspicion.",
        "Level II is the station most frequently involved in oropharyngeal cancer."], pl=True),
    _p("trachea", "head and neck", "CT", "LP", [(127.5, 95, 11, 10, 0)],
       {"esophagus": (0.51, 0.5), "vertebral body": (0.5, 0.64)},
       "the trachea", [("the windpipe", False), ("the airway", False)], "airway", "trachea, the windpipe",
       ["trachea", "windpipe"],
       ["Which tube, reinforced by C-shaped cartilage rings, conducts the air towards the bronchi?",
        "Which air-filled conduit of the neck lies in front of the oesophagus?"],
       ["It is about 10 to 12 cm long in adults and divides at the carina.",
        "Its posterior wall has no cartilage, only the trachealis muscle.",
        "Tracheal stenosis is a known complication after long intubation."]),
    _p("eyeballs", "head and neck", "CT", "LP", [(95, 80, 13, 13, 0), (160, 80, 13, 13, 0)],
       {"optic chiasm": (0.5, 0.52)},
       "the eyeballs", [("the globes", True), ("the eyes", True)], "organs", "bulbi oculi",
       ["eyeballs", "eyes", "globes"],
       ["Which paired organs of vision, containing the lens and the vitreous body, do you see on this CT?",
        "Which round paired structures, filled with a gel-like body and protected by the bony orbits, are visible "
        "here?"],
       ["Each measures about 24 mm of axial length in adults.",
        "The optic nerve leaves each of them at the back and goes to the chiasm.",
        "Myopia is present in about 30% of adults in Europe."], pl=True),
    # ---- chest
    _p("lungs", "chest", "XR", "LI", [(85, 120, 35, 70, 0), (170, 125, 32, 66, 0)],
       {"diaphragm": (0.5, 0.8), "trachea": (0.5, 0.2)},
       "the lungs", [("the lung fields", True), ("the pulmonary parenchyma", False)], "organs", "pulmones",
       ["lungs", "lung fields"],
       ["Which paired organs do the gas exchange between the air and the blood, on this chest radiograph?",
        "On this frontal chest film, which air-filled organs appear dark beside the mediastinum?"],
       ["They receive the whole cardiac output through the pulmonary arteries.",
        "About 300 million alveoli give a surface of around 70 square metres.",
        "Chronic obstructive disease affects about 10% of adults over 40."], pl=True),
    _p("heart", "chest", "XR", "LI", [(150, 160, 42, 32, 0)],
       {"aortic knob": (0.56, 0.35), "right hemidiaphragm": (0.33, 0.75)},
       "the heart", [("the cardiac silhouette", False), ("the cardiac shadow", False)], "organ", "cor",
       ["heart", "cardiac silhouette"],
       ["Which muscular organ pumps the blood through the body? Its outline is what I need on this frontal chest "
        "film.",
        "In a patient with long-standing hypertension and dyspnoea, which organ do we measure with a ratio to the "
        "thoracic width?"],
       ["A cardiothoracic ratio above 0.5 on a PA film suggests an enlargement.",
        "It beats about 100,000 times per day.",
        "Dextrocardia is present in about 1 in 12,000 people."],
       hypo="If it were on the {opp} side, one would think of dextrocardia."),
    _p("pleural effusion", "chest", "XR", "LI", [(75, 195, 30, 22, 0)], {"right hilum": (0.36, 0.45)},
       "the pleural effusion", [("the effusion", False), ("the fluid collection", False)], "collection",
       "hydrothorax, liquid in the pleural space", ["pleural effusion", "effusion", "hydrothorax"],
       ["A patient with heart failure has dullness at percussion of the base and reduced breath sounds. What "
        "explains the blunted costophrenic angle on this film?",
        "Which finding produces a meniscus-shaped opacity at the base of the chest on this radiograph?"],
       ["At least 200 ml are needed to blunt the costophrenic angle on a frontal film.",
        "Light's criteria separate transudates from exudates.",
        "Heart failure is the most frequent cause of a transudate."]),
    _p("pneumothorax", "chest", "XR", "LI", [(180, 70, 22, 30, 0)], {"left hilum": (0.62, 0.45)},
       "the pneumothorax", [("the air collection", False), ("the intrapleural air", False)], "collection",
       "air in the pleural space", ["pneumothorax", "PTX"],
       ["A tall young smoker has a sudden chest pain and dyspnoea. Which finding, with a thin visceral line and "
        "no vessel markings beyond it, do you see on this film?",
        "After the insertion of a central line the patient became short of breath. Which complication is "
        "visible here?"],
       ["Primary spontaneous forms are more frequent in tall young men who smoke.",
        "A tension form is a clinical emergency and needs immediate decompression.",
        "A recurrence occurs in about 30% of patients after a first episode."]),
    _p("lung nodule", "chest", "CT", "LP", [(80, 160, 6, 6, 0)],
       {"descending aorta": (0.57, 0.6), "right main bronchus": (0.43, 0.47)},
       "the pulmonary nodule", [("the nodule", False), ("the lesion", False)], "lesion",
       "nodulus, a small round opacity", ["lung nodule", "pulmonary nodule"],
       ["A 62-year-old smoker had a screening CT. Which small round opacity in the parenchyma must be followed "
        "according to the Fleischner criteria?",
        "Which small rounded focus, below 3 cm and surrounded by aerated parenchyma, do you see on this slice?"],
       ["In low-risk patients the ones under 6 mm usually need no follow-up.",
        "Incidental findings of this kind are seen in up to one third of chest CTs.",
        "A solid one that is stable for 2 years is considered benign."]),
    _p("descending aorta", "chest", "CT", "LP", [(148, 165, 12, 12, 0)],
       {"vertebral body": (0.5, 0.68), "left atrium": (0.55, 0.5)},
       "the descending aorta", [("the thoracic aorta", False), ("the aorta", False)], "vessel",
       "aorta descendens", ["descending aorta", "aorta"],
       ["Which big artery runs down along the spine after the arch and gives the intercostal arteries?",
        "In a patient with a tearing back pain, which vessel would you check for a dissection flap here?"],
       ["Its normal diameter in the chest is below about 3 cm.",
        "Type B dissections involve only this segment, distal to the left subclavian artery.",
        "It becomes the abdominal aorta at the aortic hiatus of the diaphragm."]),
    _p("esophagus", "chest", "CT", "LP", [(129, 150, 7, 6, 0)],
       {"trachea": (0.5, 0.42), "descending aorta": (0.58, 0.62)},
       "the oesophagus", [("the esophagus", False), ("the gullet", False)], "organ", "oesophagus, the gullet",
       ["oesophagus", "esophagus"],
       ["Which muscular tube carries the food bolus from the pharynx to the stomach?",
        "In a patient with dysphagia for solids, which hollow organ behind the trachea do you want to look at on "
        "this CT?"],
       ["It is about 25 cm long and has three physiological narrowings.",
        "Its lower sphincter prevents the acid reflux.",
        "Barrett metaplasia is found in about 10% of patients with chronic reflux."]),
    _p("ground-glass opacities", "chest", "CT", "LP",
       [(70, 165, 14, 10, 0), (185, 170, 15, 11, 0), (80, 120, 8, 7, 0)], {"heart": (0.5, 0.45)},
       "the ground-glass opacities", [("the ground-glass areas", True), ("the opacities", True)], "lesions",
       "opacitates, hazy areas that do not hide the vessels", ["ground-glass opacities", "GGO", "COVID lesions"],
       ["A patient positive for SARS-CoV-2 is hypoxaemic. Which hazy areas, through which the vessels are still "
        "visible, are present in the periphery of the parenchyma?",
        "Which typical CT findings of the viral pneumonia do you see here? I need all of them."],
       ["They were present in more than 80% of hospitalised COVID-19 patients.",
        "They can evolve into a crazy-paving pattern or into consolidation.",
        "They are not specific: oedema and haemorrhage can look the same."], pl=True),
    # ---- abdomen
    _p("liver", "abdomen", "CT", "LP", [(85, 118, 45, 50, 0)], {"stomach": (0.64, 0.38), "spleen": (0.75, 0.5)},
       "the liver", [("the hepatic parenchyma", False), ("the organ", False)], "organ", "hepar",
       ["liver", "hepatic parenchyma"],
       ["Which organ produces the bile and stores the glycogen?",
        "In a patient with jaundice and a long history of alcohol abuse, which organ do you want to evaluate first "
        "on this CT?"],
       ["It receives about 75% of its blood from the portal vein and 25% from the artery.",
        "Steatosis affects about one quarter of the adult population.",
        "It can regenerate even after the resection of a large part."],
       hypo="If it were on the {opp} side, we would speak about situs inversus."),
    _p("spleen", "abdomen", "CT", "LP", [(185, 150, 16, 28, 15)],
       {"stomach": (0.62, 0.4), "left kidney": (0.66, 0.6)},
       "the spleen", [("the splenic parenchyma", False), ("the organ", False)], "organ", "lien",
       ["spleen"],
       ["Which organ filters the old red blood cells and can rupture after a trauma of the lower ribs?",
        "In a patient with infectious mononucleosis, which organ can enlarge and must be protected from contact "
        "sports?"],
       ["Accessory ones, the splenules, are found in about 10% of people.",
        "It stores about one third of the platelets.",
        "After its removal, vaccination against encapsulated bacteria is recommended."],
       hypo="If it were on the {opp} side, we would think of a situs inversus."),
    _p("kidneys", "abdomen", "CT", "LP", [(85, 165, 14, 20, 0), (170, 165, 14, 20, 0)],
       {"aorta": (0.5, 0.55), "pancreas": (0.5, 0.5)},
       "the kidneys", [("the renal parenchyma", False), ("the renal units", True)], "organs", "renes",
       ["kidneys", "renal parenchyma"],
       ["Which paired organs filter the blood and produce the urine?",
        "In a patient with a creatinine of 3 mg/dl, which retroperitoneal organs do you want to look at on this "
        "CT?"],
       ["Each one contains about one million nephrons.",
        "They receive about 20% of the cardiac output.",
        "Simple cysts are found in about half of the people over 50."], pl=True),
    _p("left kidney", "abdomen", "CT", "LP", [(172, 162, 15, 22, 0)],
       {"spleen": (0.74, 0.52), "aorta": (0.52, 0.55)},
       "the left kidney", [("the kidney", False), ("the renal parenchyma", False)], "organ", "ren sinister",
       ["left kidney", "kidney"],
       ["Which urine-producing organ do you see here, close to the spleen?",
        "Which organ of the urinary system lies near the descending colon on this slice?"],
       ["Its vein is longer than the one of the opposite side, because it crosses in front of the aorta.",
        "For living donation this side is usually preferred, thanks to the longer vein.",
        "It receives about 10% of the cardiac output."]),
    _p("pancreas", "abdomen", "CT", "LP", [(150, 120, 32, 9, -15)],
       {"stomach": (0.6, 0.35), "aorta": (0.5, 0.58)},
       "the pancreas", [("the pancreatic gland", False), ("the gland", False)], "gland",
       "pancreas, 'all flesh' in Greek", ["pancreas"],
       ["Which retroperitoneal gland produces the insulin and most of the digestive enzymes?",
        "A patient has epigastric pain going to the back and a lipase three times the normal value. Which organ "
        "is inflamed?"],
       ["Its head stays in the C-loop of the duodenum.",
        "The islets of Langerhans are only about 2% of its mass.",
        "The adenocarcinoma has a 5-year survival of about 10%."]),
    _p("gallbladder", "abdomen", "CT", "LP", [(95, 100, 10, 14, 0)],
       {"liver": (0.37, 0.45), "duodenum": (0.45, 0.48)},
       "the gallbladder", [("the gall bladder", False), ("the biliary vesicle", False)], "organ",
       "vesica biliaris, also vesica fellea", ["gallbladder", "gall bladder"],
       ["Which pear-shaped organ stores and concentrates the bile?",
        "A woman of 45 has pain under the costal margin after fatty meals. Which organ, possibly with stones, do "
        "you want to see?"],
       ["It contains about 30 to 50 ml of bile.",
        "Stones are present in about 10-15% of adults in Europe.",
        "Murphy's sign is positive in the acute inflammation."]),
    _p("abdominal aorta", "abdomen", "CT", "LP", [(129, 150, 10, 10, 0)],
       {"vertebral body": (0.5, 0.68), "inferior vena cava": (0.42, 0.58), "superior mesenteric artery": (0.51, 0.5)},
       "the abdominal aorta", [("the aorta", False), ("the vessel", False)], "vessel", "aorta abdominalis",
       ["abdominal aorta", "aorta"],
       ["Which large vessel gives the coeliac trunk and the renal arteries and then divides into the iliac "
        "arteries?",
        "In a 70-year-old smoker with a pulsatile mass near the umbilicus, which vessel do you check for an "
        "aneurysm?"],
       ["An aneurysm is defined by a diameter of 3 cm or more.",
        "Screening by ultrasound is recommended in men aged 65 to 75 who ever smoked.",
        "It divides at the level of L4."]),
    _p("liver tumors", "abdomen", "CT", "LP", [(80, 105, 10, 9, 0), (100, 140, 7, 7, 0)],
       {"inferior vena cava": (0.44, 0.55)},
       "the liver tumours", [("the hepatocellular carcinomas", True), ("the nodules", True)], "lesions",
       "HCC, hepatocellular carcinoma", ["liver tumours", "HCC", "hepatic lesions"],
       ["A cirrhotic patient has a rising alpha-fetoprotein. Which foci with arterial hyperenhancement and "
        "washout must be outlined here?",
        "In the surveillance of a patient with chronic viral infection and cirrhosis, which new arterially "
        "enhancing foci do you see?"],
       ["The Milan criteria allow a transplantation with one lesion up to 5 cm or up to three lesions up to 3 cm.",
        "A cirrhosis is present in about 80% of cases.",
        "Alpha-fetoprotein is raised in about 60% of patients."], pl=True),
    _p("right adrenal gland", "abdomen", "CT", "LP", [(100, 138, 5, 10, 0)],
       {"right crus of the diaphragm": (0.46, 0.56), "liver": (0.3, 0.45)},
       "the right adrenal gland", [("the adrenal", False), ("the gland", False)], "gland",
       "glandula suprarenalis dextra", ["adrenal gland", "suprarenal gland"],
       ["Which small endocrine gland produces the cortisol and the aldosterone?",
        "A hypertensive patient has a low potassium. Which small gland, sitting on the upper pole of the kidney, "
        "do you check here?"],
       ["Incidental nodules, the so-called incidentalomas, are found in about 4% of abdominal CTs.",
        "Its medulla produces adrenaline and noradrenaline.",
        "Its vein drains directly into the inferior vena cava, which makes the surgery delicate."]),
    _p("stomach", "abdomen", "CT", "LP", [(160, 95, 28, 22, 0)], {"spleen": (0.74, 0.58), "pancreas": (0.6, 0.5)},
       "the stomach", [("the gastric lumen", False), ("the organ", False)], "organ", "gaster, or ventriculus",
       ["stomach"],
       ["Which hollow organ secretes hydrochloric acid and pepsin?",
        "A patient has a burning pain after meals and a Helicobacter pylori infection. Which organ do you look "
        "at on this CT?"],
       ["Its capacity is about 1 to 1.5 litres in adults.",
        "Helicobacter pylori colonises about half of the world population.",
        "The intrinsic factor for vitamin B12 is produced by its parietal cells."],
       hypo="If it were on the {opp} side, we would suspect a situs inversus."),
    _p("appendix", "abdomen", "CT", "LI", [(90, 185, 5, 14, 10)],
       {"cecum": (0.36, 0.66), "urinary bladder": (0.5, 0.85)},
       "the appendix", [("the vermiform appendix", False), ("the inflamed appendix", False)], "structure",
       "appendix vermiformis", ["appendix"],
       ["A young man has a pain that migrated from the umbilicus to the right iliac fossa, with fever and "
        "leukocytosis. Which inflamed structure do you see on this coronal CT?",
        "Which blind-ending tubular structure, arising from the caecum, is thickened on this coronal image?"],
       ["A diameter above 6 mm is suspicious for inflammation.",
        "The lifetime risk of appendicitis is about 7%.",
        "McBurney's point is at one third of the distance from the anterior superior iliac spine to the "
        "umbilicus."]),
    _p("kidney stones", "abdomen", "CT", "LP", [(85, 160, 3, 3, 0), (90, 172, 3, 3, 0)],
       {"inferior vena cava": (0.44, 0.55)},
       "the kidney stones", [("the calculi", True), ("the stones", True)], "stones",
       "calculi renales, i.e. nephrolithiasis", ["kidney stones", "renal calculi", "nephrolithiasis"],
       ["A patient has colicky flank pain and haematuria. Which dense deposits in the collecting system explain "
        "it on this non-contrast CT?",
        "Which very hyperdense foci inside the urinary collecting system do you see here?"],
       ["Calcium oxalate is the most frequent composition.",
        "About 10% of people will have one episode in their life.",
        "Those under 5 mm pass spontaneously in most cases."], pl=True),
    # ---- pelvis
    _p("urinary bladder", "pelvis", "CT", "LP", [(127.5, 105, 28, 22, 0)],
       {"rectum": (0.5, 0.66), "left femoral head": (0.72, 0.5)},
       "the urinary bladder", [("the bladder", False), ("the vesica", False)], "organ", "vesica urinaria",
       ["bladder", "urinary bladder"],
       ["Which hollow organ collects the urine before the micturition, on this pelvic CT?",
        "In an elderly man with acute urinary retention, which distended organ do you see here?"],
       ["Its normal capacity is about 400 to 600 ml.",
        "The trigone is the smooth triangular area between the two ureteric orifices and the urethral orifice.",
        "Urothelial carcinoma is about four times more frequent in men."]),
    _p("prostate", "pelvis", "MR", "LP", [(127.5, 130, 18, 15, 0)],
       {"rectum": (0.5, 0.66), "pubic symphysis": (0.5, 0.3)},
       "the prostate", [("the prostate gland", False), ("the gland", False)], "gland", "prostata",
       ["prostate"],
       ["Which gland of the male reproductive system surrounds the proximal urethra and enlarges with the age?",
        "A 68-year-old man has nocturia and a weak stream. Which organ, enlarged in the benign hyperplasia, do you "
        "evaluate on this MR?"],
       ["About 70% of the cancers arise in the peripheral zone.",
        "Its volume is usually about 20 to 25 ml in young men.",
        "The benign hyperplasia develops in the transition zone."]),
    _p("uterus", "pelvis", "MR", "LP", [(127.5, 118, 30, 24, 0)],
       {"urinary bladder": (0.5, 0.33), "rectum": (0.5, 0.7)},
       "the uterus", [("the womb", False), ("the uterine body", False)], "organ", "uterus, in Greek metra",
       ["uterus", "womb"],
       ["Which hollow muscular organ hosts the pregnancy? I need it on this pelvic MR.",
        "A woman of 42 has heavy menstrual bleeding and fibroids are suspected. Which organ must be outlined?"],
       ["Fibroids are found in about 20-40% of women of reproductive age.",
        "Its normal length is about 7 to 8 cm in adult women.",
        "The junctional zone is thickened in adenomyosis."]),
    _p("rectum", "pelvis", "MR", "LP", [(128, 170, 18, 15, 0)], {"urinary bladder": (0.5, 0.4)},
       "the rectum", [("the rectal lumen", False), ("the last part of the bowel", False)], "organ",
       "intestinum rectum", ["rectum"],
       ["Which last segment of the large bowel, just above the anal canal, is this?",
        "A patient has bright red blood in the stool and tenesmus. Which organ do we stage with MR before the "
        "surgery?"],
       ["It is about 12 to 15 cm long.",
        "The mesorectal fascia is the key plane for the total mesorectal excision.",
        "About one third of colorectal cancers arise here."]),
    _p("femoral heads", "pelvis", "XR", "LI", [(75, 136, 17, 17, 0), (180, 136, 17, 17, 0)],
       {"pubic symphysis": (0.5, 0.62), "sacrum": (0.5, 0.35)},
       "the femoral heads", [("the heads of the femur", True), ("the femoral epiphyses", True)], "bones",
       "capita femoris", ["femoral heads", "heads of the femur"],
       ["Which rounded bony ends articulate with the acetabula to form the hip joints, on this pelvic "
        "radiograph?",
        "In a patient on long-term steroids with groin pain, which rounded articular surfaces sitting in the "
        "acetabulum do you check for avascular necrosis?"],
       ["The avascular necrosis is frequent after a displaced neck fracture.",
        "Shenton's line helps to detect a dislocation.",
        "Their blood supply comes mainly from the medial circumflex artery."], pl=True),
    _p("ovarian cyst", "pelvis", "MR", "LP", [(165, 125, 18, 16, 0)], {"uterus": (0.5, 0.48)},
       "the ovarian cyst", [("the cyst", False), ("the adnexal cyst", False)], "lesion", "cystis ovarii",
       ["ovarian cyst", "cyst"],
       ["An ultrasound found a thin-walled, fluid-filled lesion beside the uterus of a young woman. Which lesion "
        "is it, on this MR?",
        "Which functional lesion, typical in women of reproductive age, appears bright on T2 near the uterus "
        "here?"],
       ["Functional ones usually disappear in 2 or 3 menstrual cycles.",
        "Torsion is a surgical emergency, a little more frequent on the right side.",
        "Most of them are benign in premenopausal women."]),
    # ---- limbs
    _p("quadriceps muscles", "lower limb", "MR", "LP", [(75, 100, 22, 14, 0), (180, 100, 22, 14, 0)],
       {"hamstring muscles": (0.5, 0.6)},
       "the quadriceps muscles", [("the quadriceps", True), ("the knee extensors", True)], "muscles",
       "musculus quadriceps femoris", ["quadriceps", "quadriceps muscles"],
       ["Which muscle group extends the knee and is tested by the patellar reflex, on this MR of the thighs?",
        "In a patient with a femoral nerve palsy, which muscle group becomes atrophic?"],
       ["It has four heads, and only one of them crosses the hip.",
        "Sarcopenia affects about 10% of adults over 60.",
        "It is innervated by the femoral nerve."], pl=True),
    _p("femur", "lower limb", "XR", "LI", [(80, 170, 10, 70, 5)],
       {"right acetabulum": (0.3, 0.45), "left femur": (0.7, 0.66)},
       "the femur", [("the femoral shaft", False), ("the thigh bone", False)], "bone", "os femoris",
       ["femur", "thigh bone"],
       ["Which is the longest and strongest bone of the human body, on this radiograph?",
        "After a high-energy car accident, which long bone, whose fracture can bleed a lot, do you look at on "
        "this film?"],
       ["A shaft fracture can lose up to 1.5 litres of blood.",
        "Its length is about one quarter of the body height.",
        "The neck-shaft angle is about 125 degrees in adults."]),
]

_ORDER: list = []


def pick_profile(profiles, i, defect, rng):
    """Every profile once per cycle of len(profiles) rows, in a fresh shuffled order each cycle."""
    if i % len(profiles) == 0 or not _ORDER:
        _ORDER[:] = range(len(profiles))
        rng.shuffle(_ORDER)
    return profiles[_ORDER[i % len(profiles)]]


# -- drawing and facts ------------------------------------------------------------------------------------

_YY, _XX = np.mgrid[0:256, 0:256]


def _draw(ells, rng):
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, ang in ells:
        cx += rng.uniform(-2, 2)
        cy += rng.uniform(-2, 2)
        rx *= rng.uniform(0.95, 1.05)
        ry *= rng.uniform(0.95, 1.05)
        t = math.radians(ang)
        dx, dy = _XX - cx, _YY - cy
        u = dx * math.cos(t) + dy * math.sin(t)
        v = -dx * math.sin(t) + dy * math.cos(t)
        m |= (u / rx) ** 2 + (v / ry) ** 2 <= 1
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    return compute_facts(_draw(p["ells"], rng), p["ori"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["ori"]}


# -- truth of one claim -----------------------------------------------------------------------------------

def _truth(kind, value, neg, f):
    if kind == "side":
        ok = f["laterality"] in (value if isinstance(value, list) else [value])
    elif kind == "vertical":
        ok = f["vertical"] == value
    elif kind == "relation":
        ok = {"other": value[0], "relation": value[1]} in f["relations"]
    elif kind == "size_class":
        ok = f["size_class"] == value
    elif kind == "size_pct":
        ratio = value / (100.0 * f["area_fraction"])
        if 0.8 <= ratio <= 1.2:
            ok = True
        elif ratio < 0.4 or ratio > 2.5:
            ok = False
        else:
            raise ValueError(f"percent {value} neither true nor clearly false")
    elif kind == "count":
        ok = f["components"] >= 2 if value == "multi" else f["components"] == value
    else:
        raise ValueError(kind)
    return (not ok) if neg else ok


# -- words ------------------------------------------------------------------------------------------------

_V = {"be": ("is", "are"), "lie": ("lies", "lie"), "find": ("finds itself", "find themselves"),
      "occ": ("occupies", "occupy"), "has": ("has", "have"), "app": ("appears", "appear"), "sit": ("sits", "sit"),
      "its": ("its", "their"), "do": ("does", "do"), "stay": ("stays", "stay"), "take": ("takes", "take"),
      "cover": ("covers", "cover"), "show": ("shows", "show"), "seem": ("seems", "seem"),
      "was": ("was", "were"), "obj": ("it", "them"), "pos": ("is positioned", "are positioned"),
      "dev": ("deviates", "deviate"), "reach": ("reaches", "reach"), "extend": ("extends", "extend")}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_LAT = {"left": "sinister", "right": "dexter"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_MASK = ["the mask", "the segmented region", "the segmentation", "the segmented area", "the highlighted region"]

_SIDE_W = {
    "translated_report": {
        "left": ["at left side of patient", "at the left side of the patient", "on the patient's left",
                 "at the left of the median line", "in the left half of the body"],
        "right": ["at right side of patient", "at the right side of the patient", "on the patient's right",
                  "at the right of the median line", "in the right half of the body"],
        "midline": ["on the median line", "in median position", "on the middle line of the body",
                    "centred on the median line"],
        "bilateral": ["at both sides", "bilaterally, at right and at left", "on the two sides of the patient",
                      "bilaterally, at both sides of the median line"]},
    "multilingual_llm": {
        "left": ["on the patient's left side", "in the left side of the patient", "on the left-hand side of the "
                 "patient", "towards the patient's left"],
        "right": ["on the patient's right side", "in the right side of the patient", "on the right-hand side of "
                  "the patient", "towards the patient's right"],
        "midline": ["in the midline", "right on the midline", "along the midline of the body",
                    "in a midline position"],
        "bilateral": ["on both sides of the patient", "on both sides of the body", "on the left and on the right "
                      "side", "on each side of the midline"]},
    "bilingual_gloss": {
        "left": ["on the left (sinister) side of the patient", "left-sided (sinister)",
                 "on the patient's sinister (left) side", "sinistral (on the left)"],
        "right": ["on the right (dexter) side of the patient", "right-sided (dexter)",
                  "on the patient's dexter (right) side", "dextral (on the right)"],
        "midline": ["midline (median)", "in the median plane (midline)", "on the midline (linea mediana)",
                    "median (on the midline)"],
        "bilateral": ["bilateral (on both sides)", "on both sides (dexter and sinister)",
                      "bilateral (right and left)", "bilateral (bilateralis)"]},
    "exam_answer": {
        "left": ["on the left... on the patient's left", "on the left side of the patient",
                 "on the left of the patient"],
        "right": ["on the right... on the patient's right", "on the right side of the patient",
                  "on the right of the patient"],
        "midline": ["in the middle, on the midline", "on the midline", "median, in the midline"],
        "bilateral": ["on both sides, left and right", "bilateral, so on the right and on the left",
                      "on the two sides, both of them"]},
}
_SIDE_T = {
    "translated_report": ["{S} {be} situated {w}.", "{S} {find} {w}.", "Localisation: {w}.",
                          "{S} {be} placed {w}.", "As regards the side, {s} {be} {w}."],
    "multilingual_llm": ["{S} {be} located {w}.", "In terms of laterality, {s} {be} {w}.",
                         "{S} {be} clearly {w}.", "You can see that {s} {lie} {w}."],
    "bilingual_gloss": ["Side (latus): {w}.", "Regarding the side (latus), {s} {be} {w}.",
                        "Laterality (lateralitas): {w}.", "{S} {be} {w}."],
    "exam_answer": ["{S} {be} {w}, I would say.", "Eh... {s} {be} {w}.", "For the side, {s} {be} {w}, professor.",
                    "{S} {be} {w}, yes."],
}

_VERT_W = {
    "LP": {
        "translated_report": {"anterior": ["in the anterior part", "in anterior position",
                                           "in the front part of the section"],
                              "posterior": ["in the posterior part", "in posterior position",
                                            "in the back part of the section"],
                              "central": ["in the central part, neither anterior nor posterior",
                                          "in intermediate position between front and back",
                                          "at mid-depth"]},
        "multilingual_llm": {"anterior": ["toward the front of the body (anterior)", "in the anterior portion",
                                          "anteriorly placed"],
                             "posterior": ["toward the back of the body (posterior)", "in the posterior portion",
                                           "posteriorly placed"],
                             "central": ["roughly in the middle from front to back",
                                         "central from front to back",
                                         "neither particularly anterior nor posterior"]},
        "bilingual_gloss": {"anterior": ["anterior (ventral)", "ventral (anterior)",
                                         "in the anterior (ventral) part"],
                            "posterior": ["posterior (dorsal)", "dorsal (posterior)",
                                          "in the posterior (dorsal) part"],
                            "central": ["central (neither ventral nor dorsal)", "at mid-depth (central)"]},
        "exam_answer": {"anterior": ["in front, so anterior", "anterior", "in the front part"],
                        "posterior": ["in the back, so posterior", "posterior", "in the back part"],
                        "central": ["in the middle, not anterior and not posterior",
                                    "central, in the middle from front to back"]}},
    "LI": {
        "translated_report": {"superior": ["in the superior part", "in cranial position", "in the upper part"],
                              "inferior": ["in the inferior part", "in caudal position", "in the lower part"],
                              "central": ["at mid-height, neither cranial nor caudal",
                                          "in the central part of the cranio-caudal axis"]},
        "multilingual_llm": {"superior": ["toward the top (superior)", "in the upper portion",
                                          "superiorly placed"],
                             "inferior": ["toward the bottom (inferior)", "in the lower portion",
                                          "inferiorly placed"],
                             "central": ["roughly at mid-height", "neither particularly high nor low",
                                         "central in the vertical direction"]},
        "bilingual_gloss": {"superior": ["cranial (superior)", "superior (cranial)", "in the upper (cranial) part"],
                            "inferior": ["caudal (inferior)", "inferior (caudal)", "in the lower (caudal) part"],
                            "central": ["central (neither cranial nor caudal)", "at mid-height (central)"]},
        "exam_answer": {"superior": ["up, so superior", "superior, in the upper part", "cranial"],
                        "inferior": ["down, so inferior", "inferior, in the lower part", "caudal"],
                        "central": ["in the middle, not up and not down", "at mid-height"]}},
}
_AXIS = {"LP": "antero-posterior", "LI": "cranio-caudal"}
_VERT_T = {
    "translated_report": ["{S} {find} {w}.", "{S} {be} disposed {w}.", "Position on the section: {w}.",
                          "In the {ax} sense, {s} {be} {w}."],
    "multilingual_llm": ["{S} {be} {w}.", "Along the {ax} axis, {s} {be} {w}.", "{S} {seem} to be {w}."],
    "bilingual_gloss": ["Position ({ax} axis): {w}.", "{S} {be} {w}.", "{ax} position (situs): {w}."],
    "exam_answer": ["And {s} {be} {w}.", "{S} {be} {w}, I think.", "In the {ax} direction... {w}."],
}
_VERT_NEG = {"anterior": ["in the anterior part", "anterior", "in front"],
             "posterior": ["in the posterior part", "posterior", "in the back"],
             "superior": ["in the upper part", "superior", "cranial"],
             "inferior": ["in the lower part", "inferior", "caudal"]}

_REL_W = {
    "translated_report": {"left_of": ["at the left of the {o}", "to the left of the {o}"],
                          "right_of": ["at the right of the {o}", "to the right of the {o}"],
                          "anterior_to": ["in front of the {o}", "anterior to the {o}",
                                          "anteriorly with respect to the {o}"],
                          "posterior_to": ["behind the {o}", "posterior to the {o}",
                                           "posteriorly with respect to the {o}"],
                          "superior_to": ["above the {o}", "superior to the {o}", "cranially with respect to the {o}"],
                          "inferior_to": ["below the {o}", "inferior to the {o}", "caudally with respect to the {o}"]},
    "multilingual_llm": {"left_of": ["to the patient's left of the {o}", "on the left of the {o} (patient's left)"],
                         "right_of": ["to the patient's right of the {o}",
                                      "on the right of the {o} (patient's right)"],
                         "anterior_to": ["in front of the {o}", "anterior to the {o}"],
                         "posterior_to": ["behind the {o}", "posterior to the {o}"],
                         "superior_to": ["above the {o}", "superior to the {o}"],
                         "inferior_to": ["below the {o}", "inferior to the {o}"]},
    "bilingual_gloss": {"left_of": ["to the left (sinister) of the {o}", "sinister (left) with respect to the {o}"],
                        "right_of": ["to the right (dexter) of the {o}", "dexter (right) with respect to the {o}"],
                        "anterior_to": ["anterior (ventral) to the {o}", "ventral to the {o} (in front of it)"],
                        "posterior_to": ["posterior (dorsal) to the {o}", "dorsal to the {o} (behind it)"],
                        "superior_to": ["cranial (superior) to the {o}", "superior to the {o} (cranial)"],
                        "inferior_to": ["caudal (inferior) to the {o}", "inferior to the {o} (caudal)"]},
    "exam_answer": {"left_of": ["on the left of the {o}", "left of the {o}, the patient's left"],
                    "right_of": ["on the right of the {o}", "right of the {o}, the patient's right"],
                    "anterior_to": ["in front of the {o}", "anterior to the {o}"],
                    "posterior_to": ["behind the {o}", "at the back of the {o}"],
                    "superior_to": ["above the {o}", "higher than the {o}"],
                    "inferior_to": ["below the {o}", "lower than the {o}"]},
}
_REL_NEG_W = {"left_of": ["to the left of the {o}", "on the patient's left of the {o}"],
              "right_of": ["to the right of the {o}", "on the patient's right of the {o}"],
              "anterior_to": ["in front of the {o}", "anterior to the {o}"],
              "posterior_to": ["behind the {o}", "posterior to the {o}"],
              "superior_to": ["above the {o}", "superior to the {o}"],
              "inferior_to": ["below the {o}", "inferior to the {o}"]}
_REL_T = {
    "translated_report": ["{S} {be} situated {w}.", "{S} {find} {w}.", "Rapport with the neighbours: {w}."],
    "multilingual_llm": ["{S} {lie} {w}.", "Relative to its neighbours, {s} {be} {w}.", "{S} {be} located {w}."],
    "bilingual_gloss": ["Relation (relatio): {w}.", "{S} {lie} {w}."],
    "exam_answer": ["{S} {be} {w}.", "And {s} {be} {w}, I think.", "Then, {s} {be} {w}."],
}

_SIZE_W = {
    "translated_report": {"small": ["of small dimensions", "small", "of reduced dimensions"],
                          "medium": ["of medium dimensions", "of intermediate dimensions"],
                          "large": ["of great dimensions", "voluminous", "of large dimensions"]},
    "multilingual_llm": {"small": ["small", "rather small", "fairly small"],
                         "medium": ["medium-sized", "moderate in size", "of medium size"],
                         "large": ["large", "quite large", "big"]},
    "bilingual_gloss": {"small": ["small (parvus)", "small (minor)"],
                        "medium": ["medium (intermedius)", "of medium size (intermediate)"],
                        "large": ["large (magnus)", "large (big)"]},
    "exam_answer": {"small": ["small", "quite small"],
                    "medium": ["medium", "of medium size, not big and not small"],
                    "large": ["big, large", "large"]},
}
_SIZE_NEG_W = {"small": ["small", "a small structure", "of small dimensions"],
               "medium": ["medium-sized", "of medium size"],
               "large": ["large", "big", "of great dimensions", "a large structure"]}
_SIZE_T = {
    "translated_report": ["{S} {be} {w}.", "Dimensions: {w}.", "As for the dimensions, {s} {be} {w}."],
    "multilingual_llm": ["In terms of size, {s} {be} {w}.", "{S} {be} {w} on this image.", "Size-wise, {s} {be} {w}."],
    "bilingual_gloss": ["Size (magnitudo): {w}.", "{S} {be} {w}."],
    "exam_answer": ["{S} {be} {w}, I think.", "About the size... {s} {be} {w}."],
}
_PCT_T = {
    "translated_report": ["{S} {occ} a surface of about {pct} of the image.",
                          "The surface occupied is circa {pct} of the image.",
                          "Area: approximately {pct} of the field of view."],
    "multilingual_llm": ["{S} {cover} roughly {pct} of the image area.",
                         "That corresponds to about {pct} of the whole image.",
                         "{S} {take} up around {pct} of the picture."],
    "bilingual_gloss": ["Area (superficies): about {pct} of the image.",
                        "{S} {occ} circa {pct} of the image surface (area)."],
    "exam_answer": ["{S} {take} about {pct} of the image, more or less.", "It is around {pct} of the image, professor."],
}
_COUNT_W = {
    "translated_report": {1: ["one unique piece", "a single connected region", "one only block"],
                          "n": ["{n} separated pieces", "{n} distinct regions, not connected"]},
    "multilingual_llm": {1: ["a single connected piece", "one continuous region"],
                         "n": ["{n} separate pieces", "{n} distinct, disconnected regions"]},
    "bilingual_gloss": {1: ["one single piece (unicum)", "a single component (one piece)"],
                        "n": ["{n} separate pieces (components)", "{n} distinct foci (separate)"]},
    "exam_answer": {1: ["one piece", "just one region"],
                    "n": ["{n} separate pieces", "{n} different pieces, separated"]},
}
_COUNT_T = {
    "translated_report": ["The mask is composed of {w}.", "The segmentation is formed by {w}."],
    "multilingual_llm": ["The mask consists of {w}.", "The segmentation is made up of {w}."],
    "bilingual_gloss": ["Components (partes): {w}.", "The mask has {w}."],
    "exam_answer": ["The mask has... {w}.", "I see {w} in the mask."],
}


def _cap(s):
    return s[0].upper() + s[1:] if s else s


def _pct_str(v, style, rng):
    if v >= 10:
        s = f"{round(v):d}"
    elif v >= 1:
        s = f"{v:.1f}"
    elif v >= 0.05:
        s = f"{v:.2f}"
    else:
        s = f"{v:.3f}"
    comma = style == "translated_report" or (style in ("bilingual_gloss", "exam_answer") and rng.random() < 0.5)
    if comma:
        s = s.replace(".", ",")
    unit = rng.choice(["%", " %", " per cent", " percent"] if style != "multilingual_llm" else ["%", "%", " percent"])
    return s + unit, float(s.replace(",", "."))


def _num(n, rng):
    return str(n) if rng.random() < 0.35 else _NUM[n]


# -- one conversation -------------------------------------------------------------------------------------

class _Conv:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.st, self.r, self.defect = p, f, style, rng, defect
        self.pl = p["pl"]
        self.turns = []
        self.led = []
        self.ex = set()

    # output
    def turn(self, role):
        self.turns.append([role, []])

    def add(self, text):
        self.turns[-1][1].append(text)

    def claim(self, text, kind, value, neg=False, false=False, corrected=False, tag="", core=None):
        t = _truth(kind, value, neg, self.f)
        assert t is (not false), (self.p["target"], kind, value, neg, text, self.f)
        self.led.append({"turn": len(self.turns) - 1, "role": self.turns[-1][0], "kind": kind, "value": value,
                         "neg": neg, "truth": t, "text": text, "corrected": corrected, "tag": tag,
                         "core": core or text})
        self.add(text)

    def free(self, text, tag):
        self.led.append({"turn": len(self.turns) - 1, "role": self.turns[-1][0], "kind": "free", "value": None,
                         "neg": False, "truth": True, "text": text, "corrected": False, "tag": tag})
        self.add(text)

    # subjects and templates
    def subj(self, mask_only=False):
        r = self.r
        if mask_only:
            return r.choice(_MASK), False
        k = r.random()
        if k < 0.38:
            return ("they" if self.pl else "it"), self.pl
        if k < 0.62:
            return self.p["nm"], self.pl
        if k < 0.8:
            return r.choice(self.p["syn"])
        return r.choice(_MASK), False

    def fill(self, tpl, mask_only=False, **kw):
        s, pl = self.subj(mask_only)
        d = {k: v[1 if pl else 0] for k, v in _V.items()}
        d.update(s=s, S=_cap(s))
        d.update(kw)
        out = tpl.format(**d)
        return _cap(out)

    # claim sentences
    def side(self, v, false=False):
        w = self.r.choice(_SIDE_W[self.st][v])
        if self.f["laterality"] == "bilateral" and v in ("left", "right"):
            w = "only " + w  # a one-sided claim about a mask on both sides
        self.claim(self.fill(self.r.choice(_SIDE_T[self.st]), w=w), "side", v, false=false)

    def side_conv(self):
        v = self.f["laterality"]
        img, st = _OPP[v], self.st
        tpl = self.r.choice({
            "translated_report": ["On the image {s} {app} at the {img} side, which for the radiological convention "
                                  "corresponds to the {v} of the patient.",
                                  "Attention: on the screen {s} {be} at {img}, but this is the patient's {v} side."],
            "multilingual_llm": ["Note that {s} {show} up on the {img} side of the image, but that is the patient's "
                                 "{v} (radiological convention).",
                                 "Because of the radiological convention, the image's {img} is the patient's {v}, "
                                 "so {s} {be} on the patient's {v}."],
            "bilingual_gloss": ["On the screen: {img} side of the image; in the patient: {v} ({lat}).",
                                "Image {img} = patient {v} ({lat}), so {s} {be} on the {v}."],
            "exam_answer": ["On the image {s} {be} on the {img}, but the patient is facing us, so it is the "
                            "patient's {v}.",
                            "I must remember the convention: the {img} of the image is the patient's {v}. So {s} "
                            "{be} on the {v}."]}[st])
        self.claim(self.fill(tpl, img=img, v=v, lat=_LAT[v]), "side", v, tag="convention")

    def side_contra(self):
        v = self.f["laterality"]
        tpl = self.r.choice({
            "translated_report": ["Because {s} {be} in the {v} hemisphere, the deficits are expected at the "
                                  "contralateral side of the body, so at {opp}."],
            "multilingual_llm": ["Since {s} {be} in the {v} hemisphere, the symptoms would be on the contralateral "
                                 "side of the body, meaning the {opp} side."],
            "bilingual_gloss": ["{S} {be} in the {v} ({lat}) hemisphere, so the deficit is contralateral ({opp}, "
                                "{olat})."],
            "exam_answer": ["And because {s} {be} in the {v} hemisphere, the patient has symptoms on the other side, "
                            "the {opp} side... contralateral."]}[self.st])
        self.claim(self.fill(tpl, v=v, opp=_OPP[v], lat=_LAT[v], olat=_LAT[_OPP[v]]), "side", v, tag="contra")

    def side_neg(self):
        v, st, r = self.f["laterality"], self.st, self.r
        if v in ("left", "right"):
            tpl = r.choice({"translated_report": ["{S} {be} not at {o} side.", "{S} {do} not find itself at {o}."],
                            "multilingual_llm": ["{S} {be} not on the {o} side of the patient.",
                                                 "It is not on the patient's {o}."],
                            "bilingual_gloss": ["Not {olat}: {s} {be} not on the {o}.", "Not on the {o} ({olat})."],
                            "exam_answer": ["It is not on the {o}, no.", "{S} {be} not on the {o} side."]}[st])
            self.claim(self.fill(tpl, o=_OPP[v], olat=_LAT[_OPP[v]]), "side", _OPP[v], neg=True, tag="neg")
        elif v == "midline":
            tpl = r.choice(["{S} {be} not lateralised, neither to the right nor to the left.",
                            "{S} {do} not deviate to the left or to the right.",
                            "{S} {be} neither dexter nor sinister."])
            self.claim(self.fill(tpl), "side", ["left", "right"], neg=True, tag="neg")
        else:
            tpl = r.choice(["{S} {be} not limited to one side.", "{S} {be} not unilateral.",
                            "{S} {be} not only on the left, and not only on the right."])
            self.claim(self.fill(tpl), "side", ["left", "right"], neg=True, tag="neg")

    def vert(self, v, false=False):
        o = self.p["ori"]
        w = self.r.choice(_VERT_W[o][self.st][v])
        tpl = self.r.choice(_VERT_T[self.st])
        self.claim(self.fill(tpl, w=w, ax=_AXIS[o]), "vertical", v, false=false)

    def vert_neg(self):
        v = self.f["vertical"]
        if v == "central":
            return False
        o = _OPP[v]
        tpl = self.r.choice(["{S} {be} not {w}.", "{S} {do} not lie {w2}.", "Not {w}, no."])
        w = self.r.choice(_VERT_NEG[o])
        w2 = {"anterior": "in front", "posterior": "in the back", "superior": "in the upper part",
              "inferior": "in the lower part"}[o]
        self.claim(self.fill(tpl, w=w, w2=w2), "vertical", o, neg=True, tag="neg")
        return True

    def rel(self, other, rel, false=False):
        w = self.r.choice(_REL_W[self.st][rel]).format(o=other)
        self.claim(self.fill(self.r.choice(_REL_T[self.st]), w=w), "relation", [other, rel], false=false)

    def rel_neg(self, other, rel):
        o = _REL_OPP[rel]
        w = self.r.choice(_REL_NEG_W[o]).format(o=other)
        tpl = self.r.choice(["{S} {be} not {w}.", "{S} {be} not {w}, on the contrary."])
        self.claim(self.fill(tpl, w=w), "relation", [other, o], neg=True, tag="neg")

    def size_class(self, v, false=False):
        w = self.r.choice(_SIZE_W[self.st][v])
        self.claim(self.fill(self.r.choice(_SIZE_T[self.st]), w=w), "size_class", v, false=false)

    def size_pct(self, false=False):
        v = 100.0 * self.f["area_fraction"]
        if false:
            k = self.r.choice([3.0, 3.5, 4.0]) if v < 12 else self.r.choice([0.25, 0.3])
            v = v * k
        s, val = _pct_str(v, self.st, self.r)
        self.claim(self.fill(self.r.choice(_PCT_T[self.st]), pct=s), "size_pct", val, false=false)

    def size_neg(self):
        v = self.f["size_class"]
        o = {"small": "large", "large": "small", "medium": self.r.choice(["small", "large"])}[v]
        w = self.r.choice(_SIZE_NEG_W[o])
        tpl = self.r.choice(["{S} {be} not {w}.", "{S} {be} surely not {w}."])
        self.claim(self.fill(tpl, w=w), "size_class", o, neg=True, tag="neg")

    def count(self, n, false=False):
        if n == 1:
            w = self.r.choice(_COUNT_W[self.st][1])
        else:
            w = self.r.choice(_COUNT_W[self.st]["n"]).format(n=_num(n, self.r))
        self.claim(_cap(self.r.choice(_COUNT_T[self.st]).format(w=w)), "count", n, false=false)

    def count_neg(self):
        if self.f["components"] == 1:
            tpl = self.r.choice(["There are no other separate pieces.", "{S} {be} not fragmented.",
                                 "The mask is not divided into separate parts."])
            self.claim(self.fill(tpl), "count", "multi", neg=True, tag="neg")
        else:
            tpl = self.r.choice(["{S} {be} not one single block.", "The mask is not in one piece.",
                                 "It is not a single connected region."])
            self.claim(self.fill(tpl), "count", 1, neg=True, tag="neg")


# -- helpers for build ------------------------------------------------------------------------------------

def _wrong_side(v, rng):
    if v == "left":
        return rng.choice(["right", "right", "right", "midline"])
    if v == "right":
        return rng.choice(["left", "left", "left", "midline"])
    if v == "midline":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])


def _wrong_vert(v, ori, rng):
    if v == "central":
        return rng.choice(["anterior", "posterior"] if ori == "LP" else ["superior", "inferior"])
    return _OPP[v]


def _wrong_count(n, rng):
    if n == 1:
        return rng.choice([2, 2, 3])
    return rng.choice([1, n + 1]) if n <= 3 else rng.choice([1, n - 1, n + 1])


def _wrong_size(v, rng):
    return {"small": rng.choice(["large", "medium", "large"]), "large": rng.choice(["small", "medium", "small"]),
            "medium": rng.choice(["small", "large"])}[v]


_REGION_TRAPS = {
    "brain": [("The left hemisphere is dominant for language in about 95% of right-handed people.", ()),
              ("The corpus callosum crosses the midline and connects the two hemispheres.", ()),
              ("The fourth ventricle lies behind the pons and in front of the cerebellum.", ("brainstem",)),
              ("Normally the pineal gland is on the midline; a shift of more than 5 mm suggests a mass effect.", ()),
              ("About 10% of people are left-handed.", ())],
    "head and neck": [("The right recurrent laryngeal nerve loops under the subclavian artery, the left one under the "
                       "aortic arch.", ()),
                      ("The internal jugular vein lies lateral to the common carotid artery, in the carotid sheath.",
                       ()),
                      ("At the base of the neck the oesophagus is slightly on the left of the trachea.", ("trachea",)),
                      ("Thyroid nodules are found at ultrasound in up to 50% of adults.", ("thyroid gland",))],
    "chest": [("The right main bronchus is shorter, wider and more vertical than the left one, so the aspirated "
               "bodies go more often to the right.", ()),
              ("The right lung has three lobes and the left lung only two.", ("lungs",)),
              ("The aortic arch passes over the left main bronchus.", ("descending aorta",)),
              ("The right hemidiaphragm is usually 1 to 2 cm higher than the left one.", ("lungs", "heart")),
              ("Lung cancer is the first cause of death by cancer in the world.", ())],
    "abdomen": [("The left renal vein passes in front of the aorta, just under the superior mesenteric artery.",
                 ("kidneys", "left kidney", "abdominal aorta")),
                ("The inferior vena cava runs on the right side of the aorta.", ("abdominal aorta",)),
                ("The right kidney usually stays a little lower than the left one, because of the liver above it.",
                 ("kidneys", "left kidney", "liver", "kidney stones")),
                ("Gallstones are present in about 10-15% of adults in Western countries.", ("gallbladder",)),
                ("The sigmoid colon usually lies in the left iliac fossa.", ()),
                ("The spleen is normally shorter than 12 cm.", ("spleen",))],
    "pelvis": [("The sigmoid colon usually lies in the left iliac fossa, the caecum in the right one.", ()),
               ("In men the rectum lies behind the bladder; in women the uterus stays between them.",
                ("urinary bladder", "rectum", "uterus")),
               ("The left common iliac vein is crossed in front by the right common iliac artery (May-Thurner).", ()),
               ("Hip fractures affect about one woman in six during her life.", ("femoral heads",))],
    "lower limb": [("The femoral nerve lies lateral to the femoral artery, and the vein is medial to it.", ()),
                   ("About 90% of people are right-handed, and most of them are also right-footed.", ()),
                   ("The great saphenous vein runs on the medial side of the thigh.", ())],
}

_QUESTION_PRE = {
    "translated_report": ["Good morning. ", "Request of segmentation. ", "", "Clinical question: "],
    "multilingual_llm": ["Hi! ", "Hello. ", "", "Quick question: "],
    "bilingual_gloss": ["(English is not my first language, sorry.) ", "", "Question for my anatomy course: "],
    "exam_answer": ["Next question. ", "Now, candidate: ", "Okay, let's continue. ", ""],
}
_ASK = {
    "translated_report": ["I ask you to make the segmentation.", "Please to segment {obj} on the image.",
                          "Make the segmentation of {obj}, please."],
    "multilingual_llm": ["Could you segment {obj} for me?", "Please segment {obj}.",
                         "Can you show {obj} with a mask?"],
    "bilingual_gloss": ["Segment {obj}, please (segmentation = the outline).",
                        "Please segment {obj} and give me the Latin term too.", "Please segment {obj}."],
    "exam_answer": ["Show me by segmenting {obj}.", "Segment {obj} on the image, please.",
                    "Point {obj} out with a segmentation."],
}


def _first_question(c, named):
    p, st, r = c.p, c.st, c.r
    pre = r.choice(_QUESTION_PRE[st])
    obj = "them" if p["pl"] else "it"
    ask = r.choice(_ASK[st]).format(obj=obj)
    if not named:
        return pre + r.choice(p["qs"]) + " " + ask
    nm = r.choice(p["named"])
    forms = ["{pre}Where {be} the {nm} in this image? {ask}", "{pre}{q} I think {it} {be} the {nm}. {ask}",
             "{pre}Please segment the {nm} and describe where {it} {be}.", "{pre}Can you find the {nm} here? {ask}"]
    it, be = ("they", "are") if p["pl"] else ("it", "is")
    return r.choice(forms).format(pre=pre, nm=nm, ask=ask, q=r.choice(p["qs"]), it=it, be=be)


def _intro(c):
    p, st, r = c.p, c.st, c.r
    pl = p["pl"]
    be = "are" if pl else "is"
    this = "These are" if pl else "This is"
    nm = p["nm"]
    opts = {
        "translated_report": [f"The segmented {p['noun']} {be} {nm} [SEG].", f"Result: it is treated of {nm} [SEG].",
                              f"Answer: the requested structure corresponds to {nm} [SEG].",
                              f"It deals with {nm}, segmented here [SEG]."],
        "multilingual_llm": [f"Sure! The structure you are describing is {nm}, and here is the segmentation: [SEG].",
                             f"Of course. {this} {nm} [SEG].",
                             f"Great question. The answer is {nm}; I have segmented {'them' if pl else 'it'} for "
                             f"you: [SEG]."],
        "bilingual_gloss": [f"{_cap(nm)} ({p['gloss']}) [SEG].", f"{this} {nm} ({p['gloss']}), segmented here: [SEG].",
                            f"Term: {nm} ({p['gloss']}). Segmentation: [SEG]."],
        "exam_answer": [f"Yes, professor. {this} {nm}, here [SEG].", f"Okay... so, I think {this.lower()} {nm} [SEG].",
                        f"{'They are' if pl else 'It is'} {nm}. I segment {'them' if pl else 'it'} here [SEG]."],
    }[st]
    c.free(r.choice(opts), "intro")


def _closing(c):
    c.free(c.r.choice({
        "translated_report": ["If necessary, the volumetry on all the slices can be performed.",
                              "Do you want also the measurement in millimetres?"],
        "multilingual_llm": ["Would you like me to estimate the volume across the slices as well?",
                             "Do you want me to compare it with a previous exam?"],
        "bilingual_gloss": ["Do you want also the Latin names of the neighbours?",
                            "Shall I add the glosses for the other structures?"],
        "exam_answer": ["Is this enough, professor?", "Should I also say the differential diagnosis?"]}[c.st]),
        "question")


def _hypo(c):
    v = c.f["laterality"]
    if v not in ("left", "right") or "side" in c.ex:
        return False
    tpl = c.p["hypo"] or c.r.choice({
        "translated_report": ["If it was at the {opp} side, first I would control the orientation of the image."],
        "multilingual_llm": ["If it had appeared on the {opp} side, I would double-check the image orientation "
                             "first."],
        "bilingual_gloss": ["Hypothesis: if it were {opp} ({olat}), I would check the orientation first."],
        "exam_answer": ["If it was on the {opp}, I would think that the image is flipped."]}[c.st])
    c.free(tpl.format(opp=_OPP[v], olat=_LAT[_OPP[v]]), "hypothetical")
    return True


def _knowledge(c, used):
    pool = [k for k in c.p["know"] if k not in used]
    if not pool:
        return
    k = c.r.choice(pool)
    used.add(k)
    c.free(k, "knowledge")


def _trap(c, used):
    pool = [t for t, skip in _REGION_TRAPS[c.p["region"]] if c.p["target"] not in skip and t not in used]
    if not pool:
        return
    t = c.r.choice(pool)
    used.add(t)
    c.free(t, "trap")


def _rels(c):
    """True relations not excluded, as (other, rel)."""
    return [(x["other"], x["relation"]) for x in c.f["relations"] if ("rel", x["other"]) not in c.ex and
            ("axis", _AXIS_OF[x["relation"]]) not in c.ex and
            not ("side" in c.ex and x["relation"] in ("left_of", "right_of"))]


_AXIS_OF = {"left_of": "x", "right_of": "x", "anterior_to": "y", "posterior_to": "y", "superior_to": "y",
            "inferior_to": "y"}


def _true_fact(c, key):
    """One true sentence about `key` (side / vertical / size / count / rel)."""
    f, r = c.f, c.r
    if key == "side":
        lat = f["laterality"]
        k = r.random()
        if lat in ("left", "right") and c.p["hemi"] and k < 0.35:
            c.side_contra()
        elif lat in ("left", "right") and k < 0.45:
            c.side_conv()
        else:
            c.side(lat)
    elif key == "vertical":
        c.vert(f["vertical"])
    elif key == "size":
        k = r.random()
        if k < 0.4:
            c.size_class(f["size_class"])
        elif k < 0.75:
            c.size_pct()
        else:
            c.size_class(f["size_class"])
            c.size_pct()
    elif key == "count":
        c.count(f["components"])
    elif key == "rel":
        rels = _rels(c)
        if rels:
            c.rel(*r.choice(rels))


def _false_fact(c, kind, sub):
    f, r = c.f, c.r
    if kind == "laterality":
        c.side(_wrong_side(f["laterality"], r), false=True)
    elif kind == "position":
        if sub == "vertical":
            c.vert(_wrong_vert(f["vertical"], c.p["ori"], r), false=True)
        else:
            c.rel(sub[0], _REL_OPP[sub[1]], false=True)
    elif kind == "size":
        if r.random() < 0.55:
            c.size_class(_wrong_size(f["size_class"], r), false=True)
        else:
            c.size_pct(false=True)
    elif kind == "count":
        c.count(_wrong_count(f["components"], r), false=True)


def _neg_trap(c, avail):
    keys = [k for k in ("side", "vertical", "size", "count", "rel") if k in avail]
    r = c.r
    r.shuffle(keys)
    for k in keys:
        if k == "side":
            c.side_neg()
            return
        if k == "vertical" and c.vert_neg():
            return
        if k == "size":
            c.size_neg()
            return
        if k == "count":
            c.count_neg()
            return
        if k == "rel" and _rels(c):
            c.rel_neg(*r.choice(_rels(c)))
            return


# user turns ------------------------------------------------------------------------------------------------

_TOPIC_Q = {
    "side": {"translated_report": ["On which side of the patient is it situated?",
                                   "Please specify the side, right or left."],
             "multilingual_llm": ["Which side of the patient is it on?", "Can you tell me the laterality?"],
             "bilingual_gloss": ["And the side (latus)? Right or left?", "Laterality, please?"],
             "exam_answer": ["Which side is it? Be careful with the convention.", "Tell me the side, please."]},
    "position": {"translated_report": ["In which part of the section does it find itself?",
                                       "Which is the position in the {ax} sense?"],
                 "multilingual_llm": ["Where is it along the {ax} axis?", "And its position in the {ax} direction?"],
                 "bilingual_gloss": ["Position ({ax} axis)?", "And the {ax} position (situs)?"],
                 "exam_answer": ["And in the {ax} direction?", "Where is it, {ax}ly speaking?"]},
    "neighbours": {"translated_report": ["Which is the rapport with the {o}?", "And with respect to the {o}?"],
                   "multilingual_llm": ["How does it relate to the {o}?", "Where is it compared to the {o}?"],
                   "bilingual_gloss": ["Relation (relatio) with the {o}?", "And the relation to the {o}, please?"],
                   "exam_answer": ["What is its relation with the {o}?", "And with respect to the {o}, where is it?"]},
    "size": {"translated_report": ["Which are the dimensions? Give me the percentage of the image.",
                                   "How much surface does it occupy?"],
             "multilingual_llm": ["How big is it on this image?", "What fraction of the image does it cover?"],
             "bilingual_gloss": ["Size (magnitudo)? Small, medium or large?", "What about the area (superficies)?"],
             "exam_answer": ["Is it big or small?", "How much of the image does it take?"]},
    "count": {"translated_report": ["The mask is in one piece or in more pieces?", "How many separated parts there are?"],
              "multilingual_llm": ["Is it one connected region or several pieces?",
                                   "How many separate pieces does the mask have?"],
              "bilingual_gloss": ["Number of components (partes)?", "One piece or more?"],
              "exam_answer": ["How many pieces do you see?", "Is it one piece?"]},
    "summary": {"translated_report": ["Please make a short resume of the findings.", "Can you give the final conclusion?"],
                "multilingual_llm": ["Could you summarise everything in a few lines?", "Can you give me a short summary?"],
                "bilingual_gloss": ["Summary (summarium), please.", "Please recap, with the terms and their glosses."],
                "exam_answer": ["Good. Now summarise for me.", "Summarise your answer, please."]},
}
_ANS_PRE = {"translated_report": ["", "", "Reply: "], "multilingual_llm": ["Sure. ", "Good question! ", ""],
            "bilingual_gloss": ["", "Answer (responsum): "], "exam_answer": ["Yes. ", "Okay. ", "Hmm. ", ""]}

_PREMISE_W = {
    "side": {"left": ["on the left side", "on the patient's left", "at the left"],
             "right": ["on the right side", "on the patient's right", "at the right"],
             "midline": ["in the midline", "on the median line"],
             "bilateral": ["on both sides", "bilateral"]},
    "vertical": {"anterior": ["in the anterior part", "anterior"], "posterior": ["in the posterior part", "posterior"],
                 "central": ["in the middle from front to back", "central in the antero-posterior sense"],
                 "superior": ["in the upper part", "superior"], "inferior": ["in the lower part", "inferior"]},
    "size_class": {"small": ["so small", "small"], "medium": ["medium-sized", "of medium size"],
                   "large": ["so large", "large"]},
}


def _premise(c, kind, sub, false):
    """A user's premise clause ('Since it is ..., ') stating the fact of `kind`; returns (text, ledger kind, value)."""
    f, r, it = c.f, c.r, ("they" if c.pl else "it")
    be = "are" if c.pl else "is"
    lie = "lie" if c.pl else "lies"
    lead = r.choice(["Since", "As", "Given that", "Okay, so if"])
    if kind == "laterality":
        v = _wrong_side(f["laterality"], r) if false else f["laterality"]
        only = "only " if f["laterality"] == "bilateral" and v in ("left", "right") else ""
        return f"{lead} {it} {be} {only}{r.choice(_PREMISE_W['side'][v])}, ", "side", v
    if kind == "position":
        if sub == "vertical":
            v = _wrong_vert(f["vertical"], c.p["ori"], r) if false else f["vertical"]
            return f"{lead} {it} {be} {r.choice(_PREMISE_W['vertical'][v])}, ", "vertical", v
        rel = _REL_OPP[sub[1]] if false else sub[1]
        w = r.choice(_REL_W["multilingual_llm"][rel]).format(o=sub[0])
        return f"{lead} {it} {lie} {w}, ", "relation", [sub[0], rel]
    if kind == "size":
        if r.random() < 0.5:
            v = _wrong_size(f["size_class"], r) if false else f["size_class"]
            return f"{lead} {it} {be} {r.choice(_PREMISE_W['size_class'][v])}, ", "size_class", v
        pv = 100.0 * f["area_fraction"] * ((r.choice([3.0, 4.0]) if 100 * f["area_fraction"] < 12 else 0.25)
                                           if false else 1.0)
        s, val = _pct_str(pv, c.st, r)
        return f"{lead} {it} {'take' if c.pl else 'takes'} about {s} of the image, ", "size_pct", val
    n = _wrong_count(f["components"], r) if false else f["components"]
    w = "only one piece" if n == 1 else f"{_num(n, r)} separate pieces"
    return f"{lead} the mask has {w}, ", "count", n


_KIND_TOPIC = {"laterality": "side", "size": "size", "count": "count"}


def _topic_q(c, topic, other=None):
    q = c.r.choice(_TOPIC_Q[topic][c.st])
    return q.format(ax=_AXIS[c.p["ori"]], o=other or "")


def _answer_topic(c, topic, other=None, false=None):
    """Assistant's answer to a follow-up about `topic`; `false` = (kind, sub) plants the defect here."""
    r, f = c.r, c.f
    pre = r.choice(_ANS_PRE[c.st])
    if pre:
        c.free(pre.strip(), "preface")
    if false:
        _false_fact(c, *false)
        if topic == "summary":
            for k in ("side", "vertical", "size", "count"):
                if k not in c.ex:
                    _true_fact(c, k)
        return
    if topic == "side":
        _true_fact(c, "side")
        if r.random() < 0.4:
            c.side_neg()
    elif topic == "position":
        c.vert(f["vertical"])
        if r.random() < 0.4 and _rels(c):
            c.rel(*r.choice(_rels(c)))
    elif topic == "neighbours":
        rels = [x for x in _rels(c) if x[0] == other]
        for x in rels:
            c.rel(*x)
        if r.random() < 0.3 and rels:
            c.rel_neg(*r.choice(rels))
    elif topic == "size":
        _true_fact(c, "size")
        if r.random() < 0.3:
            c.size_neg()
    elif topic == "count":
        c.count(f["components"])
        if r.random() < 0.35:
            c.count_neg()
    elif topic == "summary":
        keys = [k for k in ("side", "vertical", "size", "count", "rel") if k not in c.ex and not
                (k == "rel" and not _rels(c))]
        for k in keys:
            _true_fact(c, k)
    if r.random() < 0.35:
        _trap(c, c.used)


def _avail_topics(c):
    out = []
    if "side" not in c.ex:
        out.append("side")
    if "vertical" not in c.ex:
        out.append("position")
    if _rels(c):
        out.append("neighbours")
    if "size" not in c.ex:
        out.append("size")
    if "count" not in c.ex:
        out.append("count")
    return out


def build(p, facts, style, rng, defect):
    c = _Conv(p, facts, style, rng, defect)
    c.used = set()
    f = facts
    kind = defect if defect in ("laterality", "position", "size", "count") else None
    loc, sub = None, None
    if kind:
        loc = rng.choices(["first", "followup", "user"], [0.6, 0.2, 0.2])[0]
        if kind == "position":
            if f["relations"] and rng.random() < 0.45:
                x = rng.choice(f["relations"])
                sub = (x["other"], x["relation"])
                c.ex.add(("rel", x["other"]))
                c.ex.add(("axis", _AXIS_OF[x["relation"]]))  # no true relation on the same axis either
            else:
                sub = "vertical"
                c.ex.add("vertical")
        else:
            c.ex.add({"laterality": "side", "size": "size", "count": "count"}[kind])

    # ---- round 1
    c.turn("user")
    c.free(_first_question(c, defect == "names_target"), "question_named" if defect == "names_target" else "question")
    c.turn("assistant")
    _intro(c)
    avail = [k for k in ("side", "vertical", "size", "count", "rel") if k not in c.ex and
             not (k == "rel" and not _rels(c))]
    n_facts = rng.randint(2, min(4, len(avail))) if len(avail) >= 2 else len(avail)
    keys = rng.sample(avail, n_facts)
    if loc == "first":
        keys.insert(rng.randint(0, len(keys)), "FALSE")
    extras = []
    if rng.random() < 0.7:
        extras.append("knowledge")
    if rng.random() < 0.5:
        extras.append("trap")
    if rng.random() < 0.45:
        extras.append("neg")
    if rng.random() < 0.25:
        extras.append("hypo")
    if not {"trap", "neg"} & set(extras):
        extras.append("trap")  # every first answer carries at least one sentence a reader could misread
    for k in keys:
        if k == "FALSE":
            _false_fact(c, kind, sub)
        else:
            _true_fact(c, k)
        if extras and rng.random() < 0.4:
            e = extras.pop(0)
            _extra(c, e, avail)
    for e in extras:
        _extra(c, e, avail)
    if rng.random() < 0.2:
        _closing(c)

    # ---- follow-up rounds
    n_rounds = rng.choice([2, 3]) if loc not in ("followup", "user") else rng.choice([2, 3, 3])
    special = None
    if loc == "followup":
        special = "defect_followup"
    elif loc == "user":
        special = "defect_user"
    elif defect is None:
        k = rng.random()
        if k < 0.3:
            special = "corrected"
        elif k < 0.5:
            special = "true_premise"
    slots = list(range(1, n_rounds))
    special_at = rng.choice(slots) if special else None
    asked = set()
    for i in slots:
        if i == special_at:
            _special_round(c, special, kind, sub, asked)
        else:
            _plain_round(c, asked)
    nl = style == "translated_report" and rng.random() < 0.4  # a report laid out one sentence a line
    turns = [{"role": role, "content": ("\n" if nl and role == "assistant" and len(parts) > 3 else " ").join(parts)}
             for role, parts in c.turns]
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "loc": loc,
                   "sub": sub if not isinstance(sub, tuple) else list(sub), "claims": c.led,
                   "turns": [t["content"] for t in turns]})
    return turns, ([] if defect is None else [defect])


def _extra(c, e, avail):
    if e == "knowledge":
        _knowledge(c, c.used)
    elif e == "trap":
        _trap(c, c.used)
    elif e == "neg":
        _neg_trap(c, avail)
    elif e == "hypo":
        _hypo(c)


def _plain_round(c, asked):
    r = c.r
    topics = [t for t in _avail_topics(c) + ["summary"] if t not in asked]
    topic = r.choice(topics)
    asked.add(topic)
    other = None
    c.turn("user")
    if topic == "neighbours":
        other = r.choice(sorted({o for o, _ in _rels(c)}))
    c.free(_topic_q(c, topic, other), "topic_question")
    c.turn("assistant")
    _answer_topic(c, topic, other)


def _special_round(c, special, kind, sub, asked):
    r, f = c.r, c.f
    if special == "defect_followup":
        if kind == "position" and sub != "vertical":
            topic, other = "neighbours", sub[0]
        else:
            topic, other = {"laterality": "side", "position": "position", "size": "size",
                            "count": "count"}[kind], None
        if r.random() < 0.25:
            topic = "summary"
        asked.add(topic)
        c.turn("user")
        c.free(_topic_q(c, topic, other), "topic_question")
        c.turn("assistant")
        _answer_topic(c, topic, other, false=(kind, sub))
        return
    if special in ("defect_user", "true_premise"):
        if special == "true_premise":
            pk = r.choice([k for k in ("laterality", "position", "size", "count")])
            psub = None
            if pk == "position":
                if _rels(c) and r.random() < 0.4:
                    psub = r.choice(_rels(c))
                else:
                    psub = "vertical"
            pkind, false = pk, False
        else:
            pkind, psub, false = kind, sub, True
        text, lk, lv = _premise(c, pkind, psub, false)
        own = {"laterality": "side", "position": "position" if psub == "vertical" else "neighbours",
               "size": "size", "count": "count"}[pkind]
        topics = [t for t in _avail_topics(c) if t != own and t not in asked and
                  not (own == "position" and t == "neighbours")]
        if not topics:
            topics = ["count"] if "count" not in c.ex and own != "count" else ["size"]
        topic = r.choice(topics)
        asked.add(topic)
        other = r.choice(sorted({o for o, _ in _rels(c)})) if topic == "neighbours" else None
        q = _topic_q(c, topic, other)
        c.turn("user")
        c.claim(text + q[0].lower() + q[1:], lk, lv, false=false, tag="premise", core=text)
        c.turn("assistant")
        _answer_topic(c, topic, other)
        return
    # corrected: a user's false idea, explicitly corrected by the assistant (clean rows only)
    kinds = [k for k in ("side", "vertical", "size_class", "count")]
    k = r.choice(kinds)
    it, be = ("they" if c.pl else "it"), ("are" if c.pl else "is")
    lead = r.choice({"translated_report": ["My colleague says that {it} {be} {w}. It is correct?"],
                     "multilingual_llm": ["I thought {it} {be} {w}, no?", "Wait, isn't {it} {w}?"],
                     "bilingual_gloss": ["In my notes I wrote that {it} {be} {w}. Correct?"],
                     "exam_answer": ["Are you sure? I would say {it} {be} {w}.", "Hm. Isn't {it} rather {w}?"]}[c.st])
    no = r.choice({"translated_report": ["No, this is not correct.", "No, it is not so."],
                   "multilingual_llm": ["Actually, no, that's not right.", "Not quite, let me correct that."],
                   "bilingual_gloss": ["No (non), that is not correct.", "No, this is a mistake."],
                   "exam_answer": ["No, professor, I am quite sure.", "No, no. I checked again."]}[c.st])
    c.turn("user")
    if k == "side":
        wv = _wrong_side(f["laterality"], r)
        only = "only " if f["laterality"] == "bilateral" else ""
        c.claim(lead.format(it=it, be=be, w=only + r.choice(_PREMISE_W["side"][wv])), "side", wv, false=True,
                corrected=True, tag="user_idea")
        c.turn("assistant")
        c.free(no, "correction")
        neg_t = r.choice(["{S} {be} not " + only + "{w}.", "{S} {be} definitely not " + only + "{w}."])
        c.claim(c.fill(neg_t, w=r.choice(_PREMISE_W["side"][wv])), "side", wv, neg=True, tag="correction")
        _true_fact(c, "side")
    elif k == "vertical":
        wv = _wrong_vert(f["vertical"], c.p["ori"], r)
        c.claim(lead.format(it=it, be=be, w=r.choice(_PREMISE_W["vertical"][wv])), "vertical", wv, false=True,
                corrected=True, tag="user_idea")
        c.turn("assistant")
        c.free(no, "correction")
        c.claim(c.fill("{S} {be} not {w}.", w=r.choice(_VERT_NEG[wv]) if wv in _VERT_NEG else wv),
                "vertical", wv, neg=True, tag="correction")
        c.vert(f["vertical"])
    elif k == "size_class":
        wv = _wrong_size(f["size_class"], r)
        c.claim(lead.format(it=it, be=be, w=r.choice(_PREMISE_W["size_class"][wv]).replace("so ", "")),
                "size_class", wv, false=True, corrected=True, tag="user_idea")
        c.turn("assistant")
        c.free(no, "correction")
        c.claim(c.fill("{S} {be} not {w}.", w=r.choice(_SIZE_NEG_W[wv])), "size_class", wv, neg=True,
                tag="correction")
        c.size_class(f["size_class"])
        if r.random() < 0.5:
            c.size_pct()
    else:
        wn = _wrong_count(f["components"], r)
        w = "in one single piece" if wn == 1 else f"in {_num(wn, r)} separate pieces"
        c.claim(lead.format(it=it, be=be, w=w), "count", wn, false=True, corrected=True, tag="user_idea")
        c.turn("assistant")
        c.free(no, "correction")
        c.count(f["components"])
    asked.add({"side": "side", "vertical": "position", "size_class": "size", "count": "count"}[k])
    if r.random() < 0.3:
        _knowledge(c, c.used)
