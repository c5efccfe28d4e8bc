"""Bank DH: conversations as four model families write them when driven by the product's own v2 prompt.

Targets: 44 profiles across CT/MR/XR/US plus endoscopy, dermoscopy and a fundus photo: abdominal organs
(liver, spleen, kidneys, pancreas, gallbladder, stomach, aorta, IVC), pelvic (bladder, prostate, uterus,
rectum, ovarian cyst), thoracic (lungs, heart, nodules, effusion, pneumothorax, trachea), neuro
(metastases, glioblastoma, ventricles, hippocampi, brainstem, infarct, subdural), musculoskeletal
(psoas, paraspinal muscles, vertebral body, femoral heads, humeral head), photos (polyps, ulcer,
melanoma, naevus, optic disc). 22 of 44 are bilateral, midline or multi-region masks.

Registers (STYLES): "frontier" (large model: polished, verbose, some **bold**), "small7b" (small open
model: "Sure! Here is", repetition, awkward phrasing), "reasoner" (reasoning-tuned: "because ..., so ..."),
"concise" (told to be brief: clipped answers).

Written without reading QC. Every sentence that states something about the image is recorded in
LEDGER (kind, value, turn, text); the writer's own reader (/work/notes/qcdh_scripts/check_dh.py)
re-generates the rows, checks the ledger against the facts and the first questions against the
target's names. Its output on heldout_dh.jsonl (seed 20261239):
rows: 420 clean: 210 defect: 210 (laterality 42, position 42, size 42, count 42, names_target 42) defect rows
with exactly one false claim of their kind: 210 problems: 0  (1984 claims checked, 132 user ideas corrected
in-row; defects: 103 in the first answer, 35 in a follow-up answer, 30 in a user premise; 207 rows have a
bilateral, midline or multi-region mask)
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["frontier", "small7b", "reasoner", "concise"]

# every claim that build() writes: dicts {row, turn, kind, value, other, text, role, corrected}
LEDGER: list[dict] = []


def _P(target, mod, region, o, shapes, others, name, forb, qs, nqs, why, kn, tr, alts=()):
    return {"target": target, "modality": mod, "region": region, "orientation": o, "shapes": shapes,
            "others": others, "name": name, "forb": forb, "qs": qs, "nqs": nqs, "why": why, "kn": kn,
            "tr": tr, "alts": list(alts)}


PROFILES = [
    # ---- abdomen, axial CT (LP: image right = patient left, rows go posterior) ----
    _P("liver", "CT", "abdomen", "LP", [(78, 100, 46, 40)], {"spleen": (0.75, 0.55), "aorta": (0.51, 0.62),
       "stomach": (0.66, 0.4)}, "liver", ["liver", "hepat"],
       ["Which organ on this slice makes bile and stores glycogen? Please segment it.",
        "A patient with alcohol use disorder has raised transaminases and jaundice. Which solid organ should I look at here? Segment it.",
        "Segment the largest solid organ of the abdomen, the one drained by three large veins into the IVC."],
       ["Can you segment the liver on this CT?", "Please outline the hepatic parenchyma on this slice."],
       "the question describes bile production and glycogen storage, which point to the hepatocytes",
       ["It receives a dual blood supply, roughly 75% from the portal vein and 25% from the hepatic artery.",
        "It is divided into eight Couinaud segments."],
       ["The spleen, by contrast, sits high on the left, under the ribs.",
        "Fatty infiltration of this organ is found in roughly a quarter of adults in Western countries."],
       ["the hepatic parenchyma"]),
    _P("spleen", "CT", "abdomen", "LP", [(192, 150, 22, 30)], {"liver": (0.3, 0.4), "left kidney": (0.7, 0.66),
       "stomach": (0.66, 0.4)}, "spleen", ["spleen", "splen", "lien"],
       ["Which organ here filters old red cells and can rupture after a blow to the left lower ribs? Segment it.",
        "After a bicycle crash the patient is hypotensive with left upper quadrant pain. Which organ am I worried about? Please segment it.",
        "Segment the organ that enlarges in mononucleosis and portal hypertension."],
       ["Please segment the spleen.", "Could you mark the splenic tissue on this image?"],
       "the clue is red-cell filtering and rupture after left-sided rib trauma",
       ["It is the largest lymphoid organ in the body.", "An accessory lobule is a common normal variant."],
       ["The liver occupies most of the right upper quadrant.",
        "Accessory spleens are found in about 10-30% of people at autopsy."],
       ["the splenic parenchyma"]),
    _P("left kidney", "CT", "abdomen", "LP", [(182, 160, 16, 22)], {"aorta": (0.51, 0.6), "spleen": (0.75, 0.5),
       "liver": (0.3, 0.4)}, "left kidney", ["kidney", "renal", "nephr"],
       ["Which organ on the patient's left filters blood and produces urine? Segment it.",
        "The left-sided flank pain radiates to the groin. Which retroperitoneal organ on that side should I segment?",
        "Please segment the bean-shaped organ that sits next to the spleen and drains via the left ureter."],
       ["Segment the left kidney, please.", "Where is the left renal parenchyma on this slice?"],
       "the description of urine production on the patient's left fits this organ",
       ["It usually lies slightly higher than its partner on the other side.",
        "Its vein is longer than the right one and crosses in front of the aorta."],
       ["The left renal vein passes anterior to the aorta, just below the superior mesenteric artery.",
        "The right one sits a little lower because the liver lies above it."],
       ["the kidney"]),
    _P("right kidney", "CT", "abdomen", "LP", [(74, 162, 16, 22)], {"aorta": (0.51, 0.6), "liver": (0.3, 0.4),
       "inferior vena cava": (0.4, 0.58)}, "right kidney", ["kidney", "renal", "nephr"],
       ["Which organ under the liver filters blood and makes urine? Please segment it.",
        "There is right flank pain and haematuria. Which retroperitoneal organ on that side should I look at? Segment it.",
        "Segment the bean-shaped organ whose short vein runs straight into the IVC."],
       ["Please segment the right kidney.", "Can you mark the right renal parenchyma?"],
       "the description points to urine production just beneath the liver",
       ["It usually sits a little lower than its counterpart because of the liver above it.",
        "Its vein is short and enters the IVC directly."],
       ["The left renal vein, by contrast, is long and crosses in front of the aorta.",
        "A duplex collecting system occurs in roughly 1% of people."],
       ["the kidney"]),
    _P("kidneys", "CT", "abdomen", "LP", [(74, 162, 16, 22), (182, 162, 16, 22)], {"aorta": (0.51, 0.6),
       "liver": (0.3, 0.4)}, "kidneys", ["kidney", "renal", "nephr"],
       ["Which paired retroperitoneal organs filter blood and make urine? Segment them.",
        "The creatinine is rising. Which paired organs on this slice should I outline? Please segment them.",
        "Segment the paired organs that receive about a fifth of the cardiac output."],
       ["Please segment both kidneys.", "Segment the renal parenchyma on each side."],
       "paired organs filtering blood and making urine can only be these",
       ["Together they receive about 20% of the cardiac output.",
        "Each holds around a million nephrons."],
       ["The aorta runs between them, slightly to the left of the spine.",
        "A horseshoe variant, joined across the midline, occurs in about 1 in 500 people."],
       ["both kidneys"]),
    _P("pancreas", "CT", "abdomen", "LP", [(156, 124, 42, 9)], {"stomach": (0.66, 0.36), "aorta": (0.51, 0.62),
       "spleen": (0.78, 0.55)}, "pancreas", ["pancrea"],
       ["Which gland behind the stomach secretes insulin and digestive enzymes? Segment it.",
        "Epigastric pain radiating to the back, lipase three times normal: which organ should I segment?",
        "Please segment the retroperitoneal gland whose duct joins the common bile duct at the ampulla."],
       ["Segment the pancreas, please.", "Outline the pancreatic gland on this slice."],
       "both endocrine (insulin) and exocrine (enzymes) roles behind the stomach fit only this gland",
       ["Its head sits in the C-loop of the duodenum and its tail reaches toward the splenic hilum.",
        "Islet cells make up only about 1-2% of its mass."],
       ["The splenic vein runs along its back surface.",
        "Gallstones and alcohol together cause about 80% of acute inflammation of this gland."]),
    _P("gallbladder", "CT", "abdomen", "LP", [(90, 96, 10, 14)], {"liver": (0.3, 0.4), "stomach": (0.66, 0.4),
       "right kidney": (0.29, 0.63)}, "gallbladder", ["gallbladder", "gall bladder", "cholecyst", "biliary"],
       ["Which pear-shaped sac stores and concentrates bile? Please segment it.",
        "Right upper quadrant pain after fatty meals with a positive Murphy sign: which organ should I segment?",
        "Segment the structure that lies in a fossa on the underside of the liver and empties via the cystic duct."],
       ["Please segment the gallbladder.", "Mark the gall bladder on this CT."],
       "a pear-shaped sac storing bile under the liver is this organ",
       ["It holds roughly 30-50 mL of bile.", "It contracts in response to cholecystokinin."],
       ["The right kidney sits behind and below it.",
        "Gallstones are present in about 10-15% of adults."]),
    _P("liver metastases", "CT", "abdomen", "LP", [(66, 102, 7, 7), (96, 128, 9, 9), (76, 152, 6, 6)],
       {"aorta": (0.51, 0.62), "spleen": (0.75, 0.55)}, "liver metastases", ["metasta", "mets"],
       ["This patient has a known colorectal cancer. What are the multiple low-density lesions in the large right upper abdominal organ? Segment them.",
        "Please segment the secondary deposits that have spread to the organ which makes bile.",
        "Staging CT for a sigmoid carcinoma: which lesions should I outline in the organ drained by the portal vein?"],
       ["Segment the liver metastases.", "Please outline the hepatic metastases on this slice."],
       "colorectal cancer spreads via the portal vein, so the liver is the commonest site of deposits",
       ["Colorectal cancer spreads first to the liver because of portal venous drainage.",
        "Resection can be curative when the deposits are limited."],
       ["The spleen on the patient's left is rarely a site of spread.",
        "About half of patients with colorectal cancer develop such deposits at some point."]),
    _P("stomach", "CT", "abdomen", "LP", [(170, 96, 26, 20)], {"liver": (0.3, 0.4), "pancreas": (0.61, 0.49),
       "spleen": (0.75, 0.58)}, "stomach", ["stomach", "gastr"],
       ["Which hollow organ secretes acid and pepsin? Segment it.",
        "A patient with dyspepsia and a positive H. pylori breath test: which organ should I segment?",
        "Please segment the J-shaped organ between the oesophagus and the duodenum."],
       ["Segment the stomach.", "Outline the gastric wall and lumen."],
       "acid and pepsin secretion are features of this organ",
       ["Its parietal cells produce acid and intrinsic factor.", "It holds around 1-1.5 L when full."],
       ["The pancreas lies behind it, across the posterior abdominal wall.",
        "H. pylori colonises roughly half of the world's population."]),
    _P("aorta", "CT", "abdomen", "LP", [(129, 158, 10, 10)], {"inferior vena cava": (0.4, 0.58),
       "pancreas": (0.61, 0.49), "liver": (0.3, 0.4)}, "aorta", ["aort"],
       ["Which large artery runs down in front of the spine? Please segment it.",
        "An elderly smoker has a pulsatile abdominal mass. Which vessel should I outline?",
        "Segment the main vessel that gives off the coeliac trunk and the superior mesenteric artery."],
       ["Segment the abdominal aorta.", "Please mark the aortic lumen."],
       "a large artery in front of the vertebral body giving the coeliac trunk is this vessel",
       ["A diameter above 3 cm defines an aneurysm.", "It bifurcates at about the level of L4."],
       ["The IVC runs on the patient's right of it.",
        "Aneurysms are found in about 4-8% of older men screened."]),
    _P("inferior vena cava", "CT", "abdomen", "LP", [(104, 154, 9, 9)], {"aorta": (0.51, 0.62), "liver": (0.3, 0.4),
       "left kidney": (0.7, 0.63)}, "inferior vena cava", ["vena cava", "ivc", "caval"],
       ["Which large vein returns blood from the legs and abdomen to the heart? Segment it.",
        "A filter is planned for recurrent emboli. Which vessel should I outline on this slice?",
        "Please segment the vein that runs beside the aorta and receives both renal veins."],
       ["Segment the inferior vena cava.", "Please mark the IVC."],
       "the largest vein draining the lower body beside the aorta is this one",
       ["It receives both renal veins and the hepatic veins.", "It is thin-walled and changes calibre with breathing."],
       ["The aorta lies to the patient's left of it.",
        "A left-sided or duplicated variant occurs in under 1% of people."],
       ["the IVC"]),
    _P("psoas muscles", "CT", "abdomen", "LP", [(100, 172, 10, 15), (156, 172, 10, 15)], {"aorta": (0.51, 0.6),
       "kidneys": (0.5, 0.64)}, "psoas muscles", ["psoas", "iliopsoas"],
       ["Which paired muscles run along the lumbar spine and flex the hip? Please segment them.",
        "A patient with a spinal infection may have an abscess tracking along these hip flexors. Segment the muscles.",
        "Segment the muscles measured for sarcopenia at the L3 level."],
       ["Segment the psoas muscles.", "Please outline both psoas."],
       "paired hip flexors beside the lumbar spine are these muscles",
       ["They arise from the lumbar vertebrae and insert on the lesser trochanter.",
        "Their cross-sectional area at L3 is a common sarcopenia marker."],
       ["The kidneys sit lateral to them.",
        "Sarcopenia is reported in about 20-40% of patients with cancer."]),
    _P("paraspinal muscles", "CT", "abdomen", "LP", [(106, 206, 14, 12), (150, 206, 14, 12)],
       {"aorta": (0.51, 0.6), "psoas muscles": (0.5, 0.67)}, "paraspinal muscles", ["paraspinal", "erector"],
       ["Which paired muscle groups run behind the spine and keep the trunk upright? Segment them.",
        "Low back pain with fatty atrophy of the back extensors: please segment those muscles.",
        "Segment the long back extensor muscles either side of the spinous process."],
       ["Please segment the paraspinal muscles.", "Segment the erector spinae."],
       "muscles behind the spine that extend the trunk are this group",
       ["They include the iliocostalis, longissimus and spinalis.", "Fatty atrophy here increases with age."],
       ["The psoas lies in front of the transverse processes.",
        "Chronic low back pain affects about 20% of adults at some point."]),
    _P("vertebral body", "CT", "abdomen", "LP", [(128, 170, 20, 18)], {"aorta": (0.51, 0.62),
       "kidneys": (0.5, 0.64), "liver": (0.3, 0.4)}, "vertebral body", ["vertebra", "spine", "spinal"],
       ["Which weight-bearing bone sits behind the aorta on this slice? Segment it.",
        "An osteoporotic patient has a compression fracture here. Which bone should I outline?",
        "Please segment the cylindrical block of bone that the discs sit on, above and below."],
       ["Segment the vertebral body.", "Please outline the lumbar vertebra."],
       "a weight-bearing cylinder of bone behind the aorta is this bone",
       ["It bears most of the axial load.", "Compression fractures are common in osteoporosis."],
       ["The aorta lies just in front of it and slightly to the left.",
        "Osteoporotic fractures affect about 1 in 3 women over 50."]),
    # ---- pelvis ----
    _P("urinary bladder", "CT", "pelvis", "LP", [(128, 96, 30, 24)], {"rectum": (0.5, 0.68), "prostate": (0.5, 0.52)},
       "urinary bladder", ["bladder", "vesic", "cyst"],
       ["Which hollow organ stores urine? Please segment it.",
        "An elderly man has not passed urine for 12 hours and has lower abdominal pain. Which organ should I segment?",
        "Segment the organ that the ureters drain into."],
       ["Segment the bladder, please.", "Outline the urinary bladder."],
       "storage of urine is this organ's job",
       ["It holds about 400-600 mL.", "Its wall is the detrusor muscle."],
       ["The rectum lies behind it.",
        "Urinary tract infections affect about half of women at some point."],
       ["the bladder"]),
    _P("prostate", "MR", "pelvis", "LP", [(128, 132, 14, 12)], {"urinary bladder": (0.5, 0.36),
       "rectum": (0.5, 0.68)}, "prostate", ["prostat"],
       ["Which gland below the male bladder makes part of the seminal fluid? Segment it.",
        "PSA is 9 ng/mL in a 66-year-old. Which gland should I outline on this MRI?",
        "Please segment the gland that surrounds the first part of the urethra."],
       ["Please segment the prostate.", "Outline the prostatic gland."],
       "a gland under the bladder wrapping the urethra is this one",
       ["Its peripheral zone holds about 70% of the glandular tissue.", "It is examined through the rectal wall."],
       ["The seminal vesicles sit above and behind it.",
        "Benign enlargement affects about half of men over 50."]),
    _P("uterus", "MR", "pelvis", "LP", [(128, 124, 24, 18)], {"urinary bladder": (0.5, 0.33), "rectum": (0.5, 0.7)},
       "uterus", ["uter", "womb", "endometri", "myometri"],
       ["Which hollow muscular organ between the bladder and rectum carries a pregnancy? Segment it.",
        "Heavy menstrual bleeding and a bulky pelvic organ: which organ should I outline?",
        "Please segment the organ where fibroids usually arise."],
       ["Segment the uterus.", "Please outline the womb."],
       "a muscular organ between bladder and rectum that carries a pregnancy is this",
       ["Its wall has three layers: endometrium, myometrium and serosa.", "Fibroids arise from its smooth muscle."],
       ["The left ovary usually sits lateral to it on the patient's left.",
        "Fibroids are found in about 70% of women by age 50."]),
    _P("rectum", "CT", "pelvis", "LP", [(128, 176, 16, 16)], {"urinary bladder": (0.5, 0.37), "prostate": (0.5, 0.52)},
       "rectum", ["rect", "anorect"],
       ["Which last part of the large bowel stores stool before defecation? Please segment it.",
        "Low-lying bowel cancer on digital examination: which segment of bowel should I outline?",
        "Segment the bowel segment that lies behind the bladder and in front of the sacrum."],
       ["Segment the rectum.", "Please outline the rectal wall."],
       "stool storage just above the anal canal is this bowel segment",
       ["It is about 12-15 cm long.", "Its upper part is covered by peritoneum anteriorly."],
       ["The bladder is in front of it.",
        "About a third of bowel cancers arise in this segment."]),
    _P("left ovarian cyst", "US", "pelvis", "LP", [(176, 128, 16, 16)], {"uterus": (0.5, 0.48)},
       "left ovarian cyst", ["ovar", "cyst", "adnex"],
       ["This young woman has left iliac fossa pain. What is the round fluid-filled lesion on the scan? Please segment it.",
        "Segment the anechoic lesion arising from the female gonad on the patient's left.",
        "Which lesion here could torse and cause sudden lower abdominal pain? Outline it."],
       ["Segment the left ovarian cyst.", "Please outline the cyst in the left ovary."],
       "a round anechoic lesion in the left adnexa of a young woman is most likely a functional cyst",
       ["Most such cysts are functional and resolve within a few cycles.", "Torsion is a surgical emergency."],
       ["The uterus lies in the midline between the two adnexa.",
        "Functional cysts are seen in about 7% of women at some point."]),
    # ---- chest, axial CT ----
    _P("lungs", "CT", "chest", "LP", [(76, 126, 40, 56), (180, 126, 40, 56)], {"heart": (0.55, 0.4)},
       "lungs", ["lung", "pulmon"],
       ["Which paired organs carry out gas exchange? Segment them.",
        "A smoker is breathless with emphysema on spirometry. Which paired organs should I outline?",
        "Please segment the air-filled paired organs either side of the mediastinum."],
       ["Segment both lungs.", "Please outline the pulmonary parenchyma."],
       "gas exchange in paired air-filled organs can only mean these",
       ["They hold about 300 million alveoli.", "The right one has three lobes and the left two."],
       ["The heart lies slightly to the left of the midline.",
        "COPD affects about 10% of adults over 40."]),
    _P("heart", "CT", "chest", "LP", [(150, 96, 42, 34)], {"aorta": (0.52, 0.64), "lungs": (0.5, 0.5)},
       "heart", ["heart", "cardi"],
       ["Which organ in the middle mediastinum pumps blood around the body? Segment it.",
        "Chest pain and a raised troponin: which organ should I outline on this CT?",
        "Please segment the four-chambered muscular organ."],
       ["Segment the heart.", "Outline the cardiac silhouette."],
       "a four-chambered pump in the mediastinum is this organ",
       ["It beats around 100,000 times a day.", "The left ventricle has the thickest wall."],
       ["The descending aorta runs behind it, on the left of the spine.",
        "Coronary disease causes about 1 in 6 deaths."]),
    _P("lung nodule", "CT", "chest", "LP", [(70, 96, 6, 6)], {"heart": (0.56, 0.38), "aorta": (0.55, 0.64)},
       "lung nodule", ["nodul", "lung", "pulmon"],
       ["A 62-year-old ex-smoker had this screening CT. What is the round opacity in the air-filled tissue? Segment it.",
        "Please segment the small rounded lesion that the Fleischner guidelines would apply to.",
        "Which focal lesion here needs follow-up CT in 6-12 months? Outline it."],
       ["Segment the lung nodule.", "Please outline the pulmonary nodule."],
       "a small round opacity in aerated tissue on a screening CT is a nodule",
       ["Most small ones are benign granulomas or lymph nodes.", "Follow-up depends on size and risk."],
       ["The heart lies in front of the spine, toward the left.",
        "Screening CTs find nodules in about 20-50% of smokers."]),
    _P("pulmonary nodules", "CT", "chest", "LP", [(70, 100, 5, 5), (186, 140, 6, 6), (82, 162, 4, 4)],
       {"heart": (0.56, 0.38)}, "pulmonary nodules", ["nodul", "pulmon", "lung"],
       ["A patient with a known sarcoma has several round opacities scattered in both air-filled organs. Segment them.",
        "Please segment the multiple small rounded lesions that suggest haematogenous spread.",
        "Which lesions here could be cannonball deposits? Outline them."],
       ["Segment the pulmonary nodules.", "Outline all the lung nodules."],
       "several round opacities in both sides of the chest in a sarcoma patient suggest haematogenous spread",
       ["Haematogenous deposits favour the lower zones, where blood flow is greatest.",
        "Their number matters more than their size for staging."],
       ["The heart sits to the left of the midline.",
        "About 20% of sarcomas spread to the chest."]),
    _P("right pleural effusion", "CT", "chest", "LP", [(70, 182, 30, 14)], {"heart": (0.56, 0.38),
       "aorta": (0.55, 0.64)}, "right pleural effusion", ["effusion", "pleural"],
       ["A patient with heart failure is short of breath. What is the dependent fluid collection here? Please segment it.",
        "Which fluid collection layering at the back of the chest would you drain? Outline it.",
        "Segment the fluid between the visceral and parietal layers on this slice."],
       ["Segment the right pleural effusion.", "Outline the pleural fluid."],
       "dependent fluid in the pleural space in a heart-failure patient is an effusion",
       ["Fluid layers dependently, at the back in a supine patient.", "Light's criteria separate transudate from exudate."],
       ["The heart sits anteriorly, left of the midline.",
        "Heart failure causes about a third of such collections."]),
    # ---- chest X-ray (LI: image right = patient left, rows go inferior) ----
    _P("heart", "XR", "chest", "LI", [(148, 156, 44, 34)], {"trachea": (0.5, 0.25), "lungs": (0.5, 0.4)},
       "heart", ["heart", "cardi"],
       ["On this frontal chest film, which organ forms the central shadow sitting on the diaphragm? Segment it.",
        "The central shadow looks borderline wide on this PA film. Which organ should I outline?",
        "Please segment the central shadow whose width is compared with the width of the chest."],
       ["Segment the heart.", "Outline the cardiac shadow."],
       "the central shadow sitting on the diaphragm is this organ",
       ["A cardiothoracic ratio above 0.5 on a PA film suggests enlargement.",
        "Its right border is formed by the right atrium."],
       ["The aortic knuckle sits above it on the left.",
        "Heart failure affects about 1-2% of adults."]),
    _P("lungs", "XR", "chest", "LI", [(80, 100, 38, 66), (176, 100, 38, 66)], {"heart": (0.58, 0.61)},
       "lungs", ["lung", "pulmon"],
       ["Which paired dark fields on this chest film do the gas exchange? Segment them.",
        "Please segment the paired air-filled organs to measure their fields.",
        "Which paired organs would show hyperinflation in COPD on this film? Outline them."],
       ["Segment both lungs.", "Outline the lung fields."],
       "the paired lucent fields on a chest film are these organs",
       ["The right has three lobes, the left two.", "The left is slightly smaller because of the heart."],
       ["The heart sits lower and to the left in the chest.",
        "COPD affects about 10% of adults over 40."]),
    _P("left pneumothorax", "XR", "chest", "LI", [(190, 78, 18, 36)], {"heart": (0.58, 0.61), "trachea": (0.5, 0.25)},
       "left pneumothorax", ["pneumothora", "ptx"],
       ["A tall young man has sudden pleuritic chest pain. What is the region without lung markings at the apex? Segment it.",
        "Please segment the air collection in the pleural space on this film.",
        "Which finding here would need a chest drain if it grows? Outline it."],
       ["Segment the left pneumothorax.", "Please outline the pneumothorax."],
       "an apical region without lung markings in a tall young man is air in the pleural space",
       ["Primary spontaneous cases are typical in tall thin young men.", "A visible rim over 2 cm at the hilum is large by BTS criteria."],
       ["The trachea stays central unless there is tension.",
        "Recurrence occurs in about 30% after a first episode."]),
    _P("trachea", "XR", "chest", "LI", [(128, 60, 6, 24)], {"heart": (0.58, 0.61)}, "trachea",
       ["trache", "windpipe"],
       ["Which air-filled tube in the neck and upper chest carries air to the bronchi? Segment it.",
        "I want to check for deviation by a mass. Which airway should I outline?",
        "Please segment the cartilage-ringed airway above the carina."],
       ["Segment the trachea.", "Outline the windpipe."],
       "a lucent tube above the carina is the main airway",
       ["It has 16-20 C-shaped cartilage rings.", "It divides at the carina, at about T4-T5."],
       ["The right main bronchus is steeper than the left one.",
        "Inhaled foreign bodies go to the right side in about 60% of cases."]),
    _P("right humeral head", "XR", "chest", "LI", [(30, 58, 12, 12)], {"trachea": (0.5, 0.25), "heart": (0.58, 0.61)},
       "right humeral head", ["humer"],
       ["Which rounded bone end articulates with the glenoid at the top right of this film? Segment it.",
        "After a fall on an outstretched hand, which bone end at the right shoulder should I outline?",
        "Please segment the ball of the ball-and-socket joint at the right shoulder."],
       ["Segment the right humeral head.", "Outline the head of the right humerus."],
       "a rounded bone end articulating with the glenoid is this bone end",
       ["The glenohumeral joint is the most commonly dislocated large joint.", "Most dislocations are anterior."],
       ["The left shoulder is on the image's right on a frontal film.",
        "Anterior dislocations make up about 95% of shoulder dislocations."]),
    # ---- neck ultrasound (transverse, LP) ----
    _P("thyroid gland", "US", "neck", "LP", [(96, 128, 22, 12), (160, 128, 22, 12), (128, 124, 14, 6)],
       {"trachea": (0.5, 0.62)}, "thyroid gland", ["thyr"],
       ["Which butterfly-shaped gland in front of the windpipe makes T4? Segment it.",
        "TSH is suppressed and the patient has a tremor. Which gland should I outline on this neck scan?",
        "Please segment the gland with two lobes joined by an isthmus."],
       ["Segment the thyroid.", "Outline the thyroid gland."],
       "a butterfly-shaped gland anterior to the windpipe making T4 is this one",
       ["Its two lobes are joined by a thin isthmus.", "It needs iodine to make its hormones."],
       ["The carotid arteries run lateral to it on each side.",
        "Nodules are found on ultrasound in up to 50-60% of adults."]),
    _P("thyroid nodule", "US", "neck", "LP", [(86, 124, 12, 12)], {"trachea": (0.5, 0.62)}, "thyroid nodule",
       ["thyr", "nodul"],
       ["Which focal lesion in the butterfly-shaped neck gland should I classify with TI-RADS? Segment it.",
        "A palpable lump in the front of the neck moves on swallowing. Please outline the lesion.",
        "Segment the solid focal lesion in the gland that makes T4."],
       ["Segment the thyroid nodule.", "Please outline the nodule."],
       "a focal lesion graded with TI-RADS sits in that gland",
       ["Over 90% are benign.", "FNA is guided by size and TI-RADS score."],
       ["The left common carotid artery runs lateral to the left lobe.",
        "About 5% of palpable ones are malignant."]),
    # ---- brain, axial MR ----
    _P("brain metastases", "MR", "head", "LP", [(90, 90, 7, 7), (170, 112, 9, 9), (150, 172, 6, 6)], {},
       "brain metastases", ["metasta", "mets"],
       ["This patient with lung cancer now has seizures. What are the multiple ring-enhancing lesions? Segment them.",
        "Please segment the secondary deposits seen on this post-contrast scan.",
        "Which lesions at the grey-white junction suggest haematogenous spread? Outline them."],
       ["Segment the brain metastases.", "Outline the metastases."],
       "multiple ring-enhancing lesions at the grey-white junction in a lung cancer patient are deposits",
       ["Lung, breast and melanoma are the commonest primaries.", "They favour the grey-white junction."],
       ["Primary tumours are usually single.",
        "Deposits develop in about 20-40% of patients with cancer."]),
    _P("glioblastoma", "MR", "head", "LP", [(176, 98, 24, 20)], {"lateral ventricles": (0.5, 0.47)},
       "glioblastoma", ["glioblastom", "gbm", "glioma"],
       ["A 58-year-old has new headaches and aphasia. What is the enhancing mass with central necrosis? Segment it.",
        "Please segment the most common primary malignant brain tumour in adults.",
        "Which tumour with a butterfly pattern can cross the corpus callosum? Outline it here."],
       ["Segment the glioblastoma.", "Outline the GBM."],
       "an enhancing necrotic mass in an older adult is most often this tumour",
       ["It is WHO grade 4.", "Median survival is around 15 months with treatment."],
       ["Language areas usually sit in the left hemisphere.",
        "About 95% of right-handed people have left-sided language dominance."]),
    _P("lateral ventricles", "MR", "head", "LP", [(114, 122, 8, 28), (142, 122, 8, 28)], {}, "lateral ventricles",
       ["ventric"],
       ["Which paired CSF-filled cavities enlarge in hydrocephalus? Segment them.",
        "Please segment the fluid spaces that contain the choroid plexus on each side.",
        "Which paired spaces drain through the foramina of Monro? Outline them."],
       ["Segment the lateral ventricles.", "Outline the ventricles."],
       "paired CSF spaces that enlarge in hydrocephalus are these",
       ["They make up most of the ventricular volume.", "CSF is produced at about 500 mL a day."],
       ["The third ventricle lies in the midline between the thalami.",
        "Slight asymmetry is seen in about 5-10% of normal people."]),
    _P("right hippocampus", "MR", "head", "LP", [(92, 156, 12, 6)], {"brainstem": (0.5, 0.63)}, "right hippocampus",
       ["hippocamp"],
       ["Which curved grey-matter structure in the medial temporal lobe is key for memory? Segment the one on the right.",
        "Seizures with right mesial temporal sclerosis: which structure should I outline?",
        "Please segment the seahorse-shaped structure on the patient's right."],
       ["Segment the right hippocampus.", "Outline the right hippocampal formation."],
       "a seahorse-shaped medial temporal structure needed for memory is this",
       ["It shrinks early in Alzheimer's disease.", "Sclerosis here is the commonest cause of temporal lobe epilepsy."],
       ["The brainstem lies medial to it.",
        "Mesial temporal sclerosis is found in about 65% of surgically treated epilepsy."]),
    _P("brainstem", "MR", "head", "LP", [(128, 164, 12, 12)], {"lateral ventricles": (0.5, 0.47)}, "brainstem",
       ["brainstem", "brain stem", "pons", "pontine", "medulla"],
       ["Which structure connecting the cerebrum and spinal cord holds the cranial nerve nuclei? Segment it.",
        "A locked-in syndrome after a basilar occlusion: which structure should I outline?",
        "Please segment the part of the CNS that controls breathing and heart rate."],
       ["Segment the brainstem.", "Outline the pons."],
       "a structure holding the cranial nerve nuclei between cerebrum and cord is this",
       ["It holds the nuclei of cranial nerves III to XII.", "Its vascular supply comes from the basilar artery."],
       ["The cerebellum lies behind it.",
        "About 10% of strokes affect the posterior circulation."]),
    _P("acute infarct", "MR", "head", "LP", [(80, 124, 18, 26)], {"lateral ventricles": (0.5, 0.47)}, "acute infarct",
       ["infarct", "stroke", "ischaem", "ischem"],
       ["Sudden left arm weakness two hours ago. What is the bright region on diffusion? Segment it.",
        "Please segment the region with restricted diffusion in the territory of a middle cerebral artery.",
        "Which lesion would explain this facial droop? Outline it."],
       ["Segment the acute infarct.", "Outline the stroke."],
       "restricted diffusion after sudden weakness is an acute ischaemic lesion",
       ["Diffusion restriction appears within minutes.", "Weakness is on the side opposite the lesion."],
       ["The left hemisphere controls the right side of the body.",
        "Large-vessel occlusions cause about 30% of such events."]),
    _P("left subdural haematoma", "CT", "head", "LP", [(206, 124, 10, 48)], {"lateral ventricles": (0.5, 0.47)},
       "left subdural haematoma", ["subdural", "haematom", "hematom", "sdh"],
       ["An elderly man on warfarin fell a week ago and is now confused. What is the crescentic collection? Segment it.",
        "Please segment the collection that crosses suture lines but not the midline.",
        "Which bleed from torn bridging veins should I outline?"],
       ["Segment the left subdural haematoma.", "Outline the subdural."],
       "a crescentic collection after a fall on anticoagulants, crossing sutures, is this bleed",
       ["It arises from torn bridging veins.", "It can cross suture lines but not the dural reflections."],
       ["An extradural bleed, by contrast, is lens-shaped.",
        "Anticoagulants raise the risk several-fold."]),
    # ---- brain, coronal MR (LI) ----
    _P("hippocampi", "MR", "head", "LI", [(96, 156, 10, 8), (160, 156, 10, 8)], {"lateral ventricles": (0.5, 0.4)},
       "hippocampi", ["hippocamp"],
       ["Which paired memory structures in the medial temporal lobes should I check for atrophy? Segment them.",
        "Please segment the paired structures that shrink early in Alzheimer's disease on this coronal scan.",
        "Which paired seahorse-shaped structures are graded by the Scheltens scale? Outline them."],
       ["Segment both hippocampi.", "Outline the hippocampal formations."],
       "paired medial temporal structures scored for atrophy are these",
       ["They are best seen on coronal images.", "The Scheltens score grades their atrophy 0-4."],
       ["The temporal horns sit just above them.",
        "Alzheimer's disease affects about 10% of people over 65."]),
    # ---- pelvis X-ray (LI) ----
    _P("femoral heads", "XR", "pelvis", "LI", [(70, 172, 18, 18), (186, 172, 18, 18)], {"urinary bladder": (0.5, 0.6)},
       "femoral heads", ["femor", "femur"],
       ["Which paired rounded bone ends sit in the acetabula? Segment them.",
        "Hip pain in a steroid user: which paired bone ends should I check for necrosis?",
        "Please segment the balls of both hip joints."],
       ["Segment both femoral heads.", "Outline the heads of the femurs."],
       "the balls of the hip joints are these bone ends",
       ["Their blood supply comes mainly from the medial circumflex artery.", "Avascular necrosis is bilateral in about half of cases."],
       ["The bladder shadow sits between them.",
        "Hip fractures affect about 1 in 5 women over 80."]),
    # ---- photos (orientation None) ----
    _P("polyp", "endoscopy", "colon", None, [(150, 86, 30, 24)], {}, "polyp", ["polyp", "adenom"],
       ["Which raised lesion on the bowel wall should be removed at colonoscopy? Segment it.",
        "Please segment the growth that could progress, step by step, to colorectal cancer.",
        "Which finding here would you snare? Outline it."],
       ["Segment the polyp.", "Outline the adenoma."],
       "a raised mucosal lesion that is snared at colonoscopy is this finding",
       ["Most are adenomas or hyperplastic lesions.", "Removal lowers cancer risk."],
       ["The left colon is where most diverticula form in Western patients.",
        "Adenomas are found in about 25-30% of people screened over 50."]),
    _P("polyps", "endoscopy", "colon", None, [(80, 164, 18, 18), (172, 184, 14, 14)], {}, "polyps",
       ["polyp", "adenom"],
       ["Which raised lesions on the bowel wall would you remove? Segment all of them.",
        "Please segment the growths seen during this screening colonoscopy.",
        "Which findings here could progress to cancer if left? Outline them."],
       ["Segment the polyps.", "Outline the two adenomas."],
       "raised mucosal lesions at colonoscopy are these",
       ["Several at once raise the surveillance interval risk.", "Small ones can be removed with a cold snare."],
       ["The right colon tends to harbour flat serrated lesions.",
        "Adenomas are found in about 25-30% of people screened over 50."]),
    _P("gastric ulcer", "endoscopy", "stomach", None, [(100, 78, 10, 10)], {}, "gastric ulcer",
       ["ulcer", "gastr", "peptic"],
       ["A patient on NSAIDs has upper abdominal pain and melaena. What is the crater with a fibrin base? Segment it.",
        "Please segment the mucosal break that H. pylori and NSAIDs cause in the stomach.",
        "Which lesion here should be biopsied to exclude malignancy? Outline it."],
       ["Segment the gastric ulcer.", "Outline the peptic ulcer."],
       "a fibrin-based crater in a NSAID user is this lesion",
       ["It should be biopsied to exclude cancer.", "H. pylori and NSAIDs are the main causes."],
       ["Duodenal lesions are more common than stomach ones.",
        "About 10% of people develop such a lesion at some point."]),
    _P("melanoma", "dermoscopy", "skin", None, [(128, 128, 70, 60)], {}, "melanoma", ["melanom"],
       ["Which pigmented lesion with an atypical network and blue-white veil should be excised? Segment it.",
        "This mole has changed in size and colour. Please segment the lesion.",
        "Segment the malignant pigmented skin tumour in this dermoscopy image."],
       ["Segment the melanoma.", "Outline the melanoma lesion."],
       "an atypical network with blue-white veil on dermoscopy suggests this tumour",
       ["Breslow thickness guides prognosis.", "The ABCDE rule screens for it."],
       ["Naevi are usually symmetrical with a regular network.",
        "Five-year survival exceeds 90% for thin lesions."]),
    _P("nevus", "dermoscopy", "skin", None, [(120, 172, 40, 34)], {}, "nevus", ["nev", "naev", "mole"],
       ["Which benign pigmented lesion with a regular network is shown? Segment it.",
        "Please segment the symmetrical brown lesion in this dermoscopy image.",
        "Segment the common benign melanocytic lesion here."],
       ["Segment the nevus.", "Outline the mole."],
       "a symmetrical lesion with a regular network is a benign melanocytic lesion",
       ["Adults have on average 10-40 of these.", "A regular network and symmetry are reassuring."],
       ["Melanoma, by contrast, is asymmetrical.",
        "About 25% of melanomas arise in a pre-existing lesion."]),
    _P("optic disc", "other", "eye", None, [(190, 128, 18, 18)], {}, "optic disc", ["optic disc", "disc", "papill"],
       ["Where do the retinal vessels enter and leave the eye in this fundus photo? Segment that structure.",
        "Please segment the round bright area where the optic nerve... sorry, where the nerve fibres leave the eye.",
        "Which bright round area is the blind spot? Outline it."],
       ["Segment the optic disc.", "Outline the disc."],
       "the bright round area where vessels enter and the nerve leaves is this structure",
       ["It has no photoreceptors, hence the blind spot.", "Cupping over 0.6 raises concern for glaucoma."],
       ["The macula sits temporal to it.",
        "Glaucoma affects about 3% of people over 40."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["shapes"]:
        s = rng.uniform(0.97, 1.03)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    others = {k: tuple(v) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["orientation"] is not None])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left"}
_PLURAL = {"kidneys", "liver metastases", "psoas muscles", "paraspinal muscles", "lungs", "pulmonary nodules",
           "brain metastases", "lateral ventricles", "hippocampi", "femoral heads", "polyps"}


def low(t: str) -> str:
    """`t` with its first letter lower-cased, unless it starts an abbreviation."""
    return t if len(t) > 1 and t[1].isupper() else t[:1].lower() + t[1:]


def pct_str(x: float, rng) -> str:
    if x >= 10:
        return f"{x:.0f}" if rng.random() < 0.5 else f"{x:.1f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def wrong_pct(x: float, rng) -> float:
    return x * rng.choice([0.22, 0.28, 0.33, 3.1, 3.6, 4.2])


class Row:
    """Collects the claims of one conversation."""

    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.s, self.rng, self.defect = p, facts, style, rng, defect
        self.o = p["orientation"]
        self.claims: list[dict] = []
        self.turn = 0

    def add(self, kind, value, text, other=None, role="assistant", corrected=False):
        self.claims.append({"turn": self.turn, "kind": kind, "value": value, "other": other, "text": text,
                            "role": role, "corrected": corrected})
        return text

    # subjects -------------------------------------------------------------------------------------
    def subj(self):
        p, r = self.p, self.rng
        plural = p["target"] in _PLURAL
        opts = ["It", "The segmented region", "The mask", f"The {p['name']}"] + [a[0].upper() + a[1:] for a in p["alts"]]
        if plural:
            opts = ["They", "The segmented regions", f"The {p['name']}"]
        if self.s == "small7b":
            opts = [f"The {p['name']}"] * 3 + opts
        return r.choice(opts), plural

    # renderers ------------------------------------------------------------------------------------
    def side(self, v, true=True):
        """A sentence stating side v (left/right/midline/bilateral)."""
        r, s = self.rng, self.s
        su, pl = self.subj()
        be = "are" if pl else "is"
        conv = self.o in ("LP", "LI")
        if s == "concise":
            t = {"left": ["Left-sided.", "Patient's left.", "Left side."], "right": ["Right-sided.", "Patient's right.", "Right side."],
                 "midline": ["Midline.", "Midline, not lateralised."], "bilateral": ["Bilateral.", "Both sides."]}[v]
            return self.add("side", v, r.choice(t))
        if v in ("left", "right"):
            img = _OPP[v]
            opts = [f"{su} {be} on the patient's {v} side.", f"{su} {be} {v}-sided.",
                    f"{su} {be} located on the {v} of the patient."]
            if conv:
                opts += [f"It shows on the {img} of the image, which is the patient's {v} in this radiological view.",
                         f"On screen it sits on the image's {img} side; by convention that corresponds to the patient's {v}."]
            if s == "frontier":
                opts += [f"{su} {be} on the patient's **{v}** side."]
            if s == "small7b":
                opts += [f"{su} {be} in the {v} side of the body.", f"{su} {be} located at {v} side of patient."]
            if s == "reasoner":
                opts += [f"The image's {img} is the patient's {v} here, so {low(su)} {be} {v}-sided."]
            return self.add("side", v, r.choice(opts))
        if v == "midline":
            opts = [f"{su} {be} in the midline.", f"{su} {be} centred on the midline rather than off to one side.",
                    f"{su} straddle{'' if pl else 's'} the midline."]
            if s == "reasoner":
                opts.append("It sits across the midline, so it has no left or right side here.")
            return self.add("side", v, r.choice(opts))
        opts = [f"{su} {be} bilateral, with a part on each side.", "Both the left and the right side are involved.",
                "There is a part on the patient's right and another on the patient's left."]
        if s == "small7b":
            opts.append("It is on both side, left and right.")
        return self.add("side", v, r.choice(opts))

    def side_false(self, true_v):
        """A wrong side (the planted laterality defect)."""
        r = self.rng
        if true_v in ("left", "right"):
            w = _OPP[true_v] if r.random() < 0.8 else "midline"
        elif true_v == "midline":
            w = r.choice(["left", "right"])
        else:
            w = r.choice(["left", "right"])
            if self.s != "concise" and r.random() < 0.6:
                su, pl = self.subj()
                return self.add("side", w, r.choice([f"It is confined to the patient's {w} side.",
                                                     f"Only the {w} side is involved."]))
        return self.side(w)

    def side_trap(self, v):
        """A true negation or hypothetical about side."""
        r = self.rng
        if v in ("left", "right"):
            o = _OPP[v]
            c = r.random()
            if c < 0.5:
                return self.add("side_not", o, r.choice([f"It is not on the patient's {o}.", f"It isn't on the {o} side.",
                                                         f"It does not lie on the {o}."]))
            return self.add(None, None, r.choice([f"If it had been on the {o}, the differential would be different.",
                                                  f"Would a {o}-sided finding change management? Not really here."]))
        if v == "midline":
            return self.add("side_not", "left", r.choice(["It isn't off to the left, nor to the right.",
                                                          "It is not lateralised to either side."]))
        if v == "bilateral":
            return self.add("side_not", "left", r.choice(["It is not confined to one side.",
                                                          "This is not a one-sided finding."]))
        return self.add(None, None, "A photograph like this has no left/right labels, so I will not assign a side.")

    def vert(self, v):
        r, s, o = self.rng, self.s, self.o
        su, pl = self.subj()
        be = "are" if pl else "is"
        lie = "lie" if pl else "lies"
        if o == "LP":
            bank = {"anterior": [f"{su} {lie} anteriorly.", f"{su} {be} toward the front of the body.",
                                 f"{su} {be} in the anterior part of the slice.", "Anterior."],
                    "posterior": [f"{su} {lie} posteriorly.", f"{su} {be} toward the back.",
                                  f"{su} {be} in the posterior part of the slice.", "Posterior."],
                    "central": [f"Front to back, {low(su)} {be} roughly central.",
                                f"{su} {lie} centrally in the anteroposterior direction.", "Central (AP)."]}
        elif o == "LI":
            bank = {"superior": [f"{su} {lie} superiorly, in the upper part of the image.", f"{su} {be} high in the field.",
                                 f"{su} {be} in the superior part of the image.", "Superior."],
                    "inferior": [f"{su} {lie} inferiorly.", f"{su} {be} low in the field.",
                                 f"{su} {be} in the lower, inferior part of the image.", "Inferior."],
                    "central": [f"{su} {be} at about mid-height.", f"Vertically, {low(su)} {be} central.", "Mid-height."]}
        else:
            bank = {"upper": [f"{su} {be} in the upper half of the frame.", f"{su} {be} toward the top of the photo.", "Upper half."],
                    "lower": [f"{su} {be} in the lower half of the frame.", f"{su} {be} toward the bottom of the image.", "Lower half."],
                    "central": [f"{su} {be} near the middle of the frame.", f"{su} {be} roughly centred in the picture.", "Centred."]}
        opts = bank[v]
        opts = opts[-1:] if s == "concise" else opts[:-1]
        return self.add("vertical", v, r.choice(opts))

    def vert_wrong(self, v):
        o, r = self.o, self.rng
        axes = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior"), None: ("upper", "lower")}[o]
        if v == "central":
            return r.choice(axes)
        return axes[1] if v == axes[0] else axes[0]

    def rel(self, rel, other):
        r, s = self.rng, self.s
        su, pl = self.subj()
        be = "are" if pl else "is"
        oth = f"the {other}"
        words = {"left_of": [f"to the patient's left of {oth}", f"on the patient's left of {oth}"],
                 "right_of": [f"to the patient's right of {oth}", f"on the patient's right of {oth}"],
                 "anterior_to": [f"anterior to {oth}", f"in front of {oth}"],
                 "posterior_to": [f"posterior to {oth}", f"behind {oth}"],
                 "superior_to": [f"above {oth}", f"superior to {oth}"],
                 "inferior_to": [f"below {oth}", f"inferior to {oth}"]}[rel]
        w = r.choice(words)
        if s == "concise":
            t = w[0].upper() + w[1:] + "."
        else:
            t = r.choice([f"{su} {be} {w}.", f"Relative to {oth}, {low(su)} {be} {w.replace(' ' + oth, '').replace(' of', '').replace(' to', '')}.",
                          f"{su} {be} {w}."])
        return self.add("rel", rel, t, other=other)

    def size_cls(self, c):
        r, s = self.rng, self.s
        su, pl = self.subj()
        be = "are" if pl else "is"
        if s == "concise":
            return self.add("size_class", c, r.choice([f"{c.capitalize()}.", f"Size: {c}."]))
        art = "an" if c[0] in "aeiou" else "a"
        opts = [f"{su} {be} {c} on this image.", f"Overall {'they are' if pl else 'it is'} {art} {c} region.",
                f"In terms of size, {low(su)} {be} {c}."]
        if s == "frontier":
            opts.append(f"Size-wise, {'they are' if pl else 'it is'} **{c}**.")
        if s == "small7b":
            opts.append(f"The size of the {self.p['name']} is {c}.")
        return self.add("size_class", c, r.choice(opts))

    def pct(self, x):
        r, s = self.rng, self.s
        ps = pct_str(x, r)
        if s == "concise":
            t = r.choice([f"~{ps}% of the image.", f"{ps}% of image area."])
        else:
            t = r.choice([f"It covers about {ps}% of the image.", f"The segmented area is roughly {ps} percent of the image.",
                          f"That is around {ps}% of the total image area.", f"It takes up approximately {ps}% of the frame."])
        return self.add("pct", round(x, 4), t)

    def count(self, n):
        r, s = self.rng, self.s
        w = _NUM.get(n, str(n))
        if s == "concise":
            t = "One piece." if n == 1 else r.choice([f"{n} separate parts.", f"{w.capitalize()} components."])
        elif n == 1:
            t = r.choice(["It is a single connected region.", "It forms one contiguous piece.",
                          "There is just one region, not several.", "The mask is one piece."])
        else:
            t = r.choice([f"There are {w} separate regions.", f"The mask has {n} distinct components.",
                          f"It consists of {w} separate parts.", f"I count {w} separate pieces."])
        return self.add("count", n, t)

    def count_wrong(self, n):
        if n == 1:
            return self.rng.choice([2, 3])
        return self.rng.choice([x for x in (1, n - 1, n + 1, n + 2) if x >= 1 and x != n])


# ---------------------------------------------------------------------------------------------------
_FOLLOW_Q = {
    "side": {"frontier": ["Which side of the patient is it on?", "Could you confirm the laterality?"],
             "small7b": ["Which side it is on?", "Is it left or right?"],
             "reasoner": ["How do you work out which side it is on?", "Which side, and why?"],
             "concise": ["Side?", "Left or right?"]},
    "vert": {"frontier": ["Where does it sit along the vertical axis of the image?", "How would you describe its position?"],
             "small7b": ["Where is it located in the image?", "What is the position of it?"],
             "reasoner": ["Where is it positioned, and how can you tell?", "Is it toward the front, back or middle?"],
             "concise": ["Position?", "Where?"]},
    "size": {"frontier": ["How large is it on this image?", "Could you quantify its size?"],
             "small7b": ["How big is it?", "What is the size?"],
             "reasoner": ["How big is it, and is that expected?", "What fraction of the image does it take up?"],
             "concise": ["Size?", "How big?"]},
    "count": {"frontier": ["Is it one continuous region or several?", "How many separate regions does the mask contain?"],
              "small7b": ["How many parts are there?", "Is it one piece?"],
              "reasoner": ["Is it a single region, and why does that matter?", "How many separate parts?"],
              "concise": ["How many parts?", "Count?"]},
    "rel": {"frontier": ["How does it relate to the {o}?", "Where is it relative to the {o}?"],
            "small7b": ["Where is it compared to the {o}?", "What about the {o}?"],
            "reasoner": ["How is it placed relative to the {o}, and does that help identify it?", "Where is it relative to the {o}?"],
            "concise": ["Relation to the {o}?", "Vs the {o}?"]},
    "summary": {"frontier": ["Could you summarise the key points?", "Please give me a brief summary."],
                "small7b": ["Can you summarize everything?", "Give a summary please."],
                "reasoner": ["Can you pull that together?", "Summarise your reasoning."],
                "concise": ["Summary?", "Recap?"]},
    "know": {"frontier": ["Is there anything clinically important to know about it?", "What else is worth knowing about it?"],
             "small7b": ["Can you tell me more about it?", "What is its function?"],
             "reasoner": ["Why does this structure matter clinically?", "What should I keep in mind about it?"],
             "concise": ["Clinical relevance?", "Anything else?"]},
}


def _first_open(row, name):
    s, r, p = row.s, row.rng, row.p
    why = p["why"]
    if s == "frontier":
        this = "These are" if p["target"] in _PLURAL else "This is"
        return r.choice([f"{this} the **{name}** [SEG]. The clue is that {why}.",
                         f"Based on the description, the structure is the **{name}** [SEG], since {why}.",
                         f"The structure you are describing is the **{name}** [SEG]: {why}."])
    if s == "small7b":
        return r.choice([f"Sure! Here is the {name} [SEG]. The {name} is the answer because {why}.",
                         f"Sure, here is the segmentation of the {name} [SEG].",
                         f"The structure is the {name} [SEG]. The {name} is shown in the image."])
    if s == "reasoner":
        return r.choice([f"Because {why}, this is the {name} [SEG].",
                         f"Reasoning: {why}; so the answer is the {name} [SEG].",
                         f"The description fits best because {why}, so I have segmented the {name} [SEG]."])
    return r.choice([f"{name[0].upper() + name[1:]} [SEG].", f"The {name} [SEG].", f"{name[0].upper() + name[1:]} [SEG]: {why}."])


def _prem(row, kind, val, other=None):
    """A user premise stating `val` (true or false), then a question."""
    r = row.rng
    o = row.o
    if kind == "side":
        lead = {"left": "it's on the patient's left", "right": "it's on the patient's right", "midline": "it sits in the midline",
                "bilateral": "it's on both sides"}[val]
    elif kind == "vertical":
        lead = {"anterior": "it sits toward the front", "posterior": "it sits toward the back",
                "central": "it's central front to back" if o == "LP" else "it's in the middle",
                "superior": "it's high up in the image", "inferior": "it's low in the image",
                "upper": "it's in the upper half of the photo", "lower": "it's in the lower half of the photo"}[val]
    elif kind == "rel":
        lead = {"left_of": f"it's to the patient's left of the {other}", "right_of": f"it's to the patient's right of the {other}",
                "anterior_to": f"it's in front of the {other}", "posterior_to": f"it's behind the {other}",
                "superior_to": f"it's above the {other}", "inferior_to": f"it's below the {other}"}[val]
    elif kind == "size_class":
        lead = f"it's {val} on this image"
    elif kind == "pct":
        lead = f"it covers about {pct_str(val, r)}% of the image"
    else:
        lead = "it's a single piece" if val == 1 else f"there are {_NUM.get(val, val)} separate parts"
    q = r.choice(["does that change anything clinically?", "what should I look at next?", "is that typical?",
                  "what is its main function?"])
    form = r.choice(["Since {l}, {q}", "Given that {l}, {q}", "OK, so {l}. {Q}"])
    text = form.format(l=lead, q=q, Q=q[0].upper() + q[1:])
    return text[0].upper() + text[1:]


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng, defect)
    f, o = facts, p["orientation"]
    lat, vert, sc, n = f["laterality"], f["vertical"], f["size_class"], f["components"]
    true_pct = 100.0 * f["area_fraction"]
    rels = [(x["relation"], x["other"]) for x in f["relations"]]
    rng.shuffle(rels)
    facts_kinds = ["vert", "size", "count"] + (["side"] if lat != "unknown" else []) + (["rel"] if rels else [])
    dkind = {"laterality": "side", "position": rng.choice(["vert", "rel"] if rels else ["vert"]), "size": "size",
             "count": "count"}.get(defect)
    place = None
    if dkind:
        u = rng.random()
        place = "user" if u < 0.2 else "follow" if u < 0.4 else "first"
    rounds = rng.choice([2, 3])
    name = p["name"]

    def say(kind, false=False, rel=None):
        """A sentence of `kind` (false=True: the planted defect)."""
        if kind == "side":
            return row.side_false(lat) if false else row.side(lat)
        if kind == "vert":
            return row.vert(row.vert_wrong(vert) if false else vert)
        if kind == "rel":
            rr, oth = rel or rels[0]
            if false:
                rr = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
                      "superior_to": "inferior_to", "inferior_to": "superior_to"}[rr]
            return row.rel(rr, oth)
        if kind == "size":
            use_pct = rng.random() < 0.5
            if false:
                if use_pct:
                    return row.pct(wrong_pct(true_pct, rng))
                return row.size_cls(rng.choice([c for c in ("small", "medium", "large") if c != sc and
                                                not (sc == "medium" and False)]))
            if use_pct or style == "frontier":
                return (row.size_cls(sc) + " " + row.pct(true_pct)) if rng.random() < 0.5 else row.pct(true_pct)
            return row.size_cls(sc)
        if kind == "count":
            return row.count(row.count_wrong(n) if false else n)
        raise ValueError(kind)

    # which kinds the first answer states
    usable = [k for k in facts_kinds if k != dkind]
    rng.shuffle(usable)
    first_kinds = usable[: rng.choice([1, 2, 3])] if style != "frontier" else usable[: rng.choice([2, 3, 4])]
    follow_pool = [k for k in usable if k not in first_kinds]
    extra = ["know", "summary"]
    # ---------- first question
    turns = []
    if defect == "names_target":
        q = rng.choice(p["nqs"])
        q = q + " " + rng.choice(p["qs"]) if rng.random() < 0.5 else q
    else:
        q = rng.choice(p["qs"])
    if style == "concise" and rng.random() < 0.5:
        q = q.replace(" please", "")
        q = q[7].upper() + q[8:] if q.startswith("Please ") else q
    turns.append({"role": "user", "content": q})
    # ---------- first answer
    row.turn = 1
    parts = [_first_open(row, name)]
    for k in first_kinds:
        parts.append(say(k))
    if dkind and place == "first":
        parts.insert(rng.randint(1, len(parts)), say(dkind, false=True))
    # traps: true negation / convention / other-structure knowledge / numbers
    traps = []
    if dkind != "side":  # a true negation or hypothetical about the side (no side at all for photos)
        traps.append(lambda: row.side_trap(lat))
    tr1 = rng.choice(p["tr"])
    traps.append(lambda: tr1)
    if style != "concise":
        kn1 = rng.choice(p["kn"])
        traps.append(lambda: kn1)
    rng.shuffle(traps)
    ntr = 1 if style == "concise" else rng.choice([1, 2])
    parts += [t() for t in traps[:ntr]]
    rest_traps = [x for x in p["tr"] if x not in parts]
    sep = " "
    if style == "frontier" and rng.random() < 0.4:
        body = parts[1:]
        turns.append({"role": "assistant", "content": parts[0] + "\n\n" + "\n".join("- " + b for b in body)})
    else:
        turns.append({"role": "assistant", "content": sep.join(parts)})
    # ---------- follow-ups
    topics = follow_pool[:]
    rng.shuffle(topics)
    topics = topics[: rounds - 1]
    while len(topics) < rounds - 1:
        topics.append(rng.choice(extra))
    if dkind and place == "follow":
        topics[rng.randrange(len(topics))] = dkind
    user_prem_at = rng.randrange(len(topics)) if dkind and place == "user" else None
    # clean rows (and defect rows not in the user turn): sometimes a corrected false idea or a true premise
    correct_at = None
    if user_prem_at is None and rng.random() < 0.45:
        correct_at = rng.randrange(len(topics))
    for ti, topic in enumerate(topics):
        row.turn = 2 + 2 * ti
        ans = []
        if ti == user_prem_at:
            # the planted false premise in a user turn; the assistant answers another question, no correction
            if dkind == "side":
                wv = _OPP[lat] if lat in ("left", "right") else rng.choice(["left", "right"])
                text = _prem(row, "side", wv)
                row.add("side", wv, text, role="user")
            elif dkind == "vert":
                wv = row.vert_wrong(vert)
                text = _prem(row, "vertical", wv)
                row.add("vertical", wv, text, role="user")
            elif dkind == "rel":
                rr, oth = rels[0]
                wr = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
                      "superior_to": "inferior_to", "inferior_to": "superior_to"}[rr]
                text = _prem(row, "rel", wr, oth)
                row.add("rel", wr, text, other=oth, role="user")
            elif dkind == "size":
                if rng.random() < 0.5:
                    wv = wrong_pct(true_pct, rng)
                    text = _prem(row, "pct", wv)
                    row.add("pct", round(wv, 4), text, role="user")
                else:
                    wv = rng.choice([c for c in ("small", "medium", "large") if c != sc])
                    text = _prem(row, "size_class", wv)
                    row.add("size_class", wv, text, role="user")
            else:
                wv = row.count_wrong(n)
                text = _prem(row, "count", wv)
                row.add("count", wv, text, role="user")
            turns.append({"role": "user", "content": text})
            row.turn += 1
            ans.append({"frontier": "Good question.", "small7b": "Sure!", "reasoner": "Let me think about that.",
                        "concise": "Briefly:"}[style])
            ans += p["kn"]
            if style == "concise":
                ans = ans[:2]
            turns.append({"role": "assistant", "content": " ".join(ans)})
            continue
        if ti == correct_at and topic in ("side", "vert", "count", "size", "rel") and topic != dkind:
            # the user's wrong idea, which the assistant explicitly corrects
            if topic == "side":
                wv = _OPP[lat] if lat in ("left", "right") else rng.choice(["left", "right"])
                uq = rng.choice([f"Isn't it on the patient's {wv}, though?", f"I thought it was on the {wv} side?"]) \
                    if lat != "bilateral" else f"Isn't it only on the {wv}?"
                row.add("side", wv, uq, role="user", corrected=True)
                lead = rng.choice(["No, ", "Not quite: ", "Actually, no. "])
            elif topic == "vert":
                wv = row.vert_wrong(vert)
                uq = f"Wouldn't you call it {wv}?"
                row.add("vertical", wv, uq, role="user", corrected=True)
                lead = rng.choice(["No, ", "Not really. ", "I wouldn't. "])
            elif topic == "count":
                wv = row.count_wrong(n)
                uq = "Isn't it a single piece?" if wv == 1 else f"I see {_NUM.get(wv, wv)} parts, right?"
                row.add("count", wv, uq, role="user", corrected=True)
                lead = rng.choice(["No, ", "Not quite. ", "Actually, "])
            elif topic == "size":
                wv = rng.choice([c for c in ("small", "medium", "large") if c != sc])
                uq = f"It looks {wv} to me, is that right?"
                row.add("size_class", wv, uq, role="user", corrected=True)
                lead = rng.choice(["No, ", "Not quite. "])
            else:
                rr, oth = rels[0]
                wr = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
                      "superior_to": "inferior_to", "inferior_to": "superior_to"}[rr]
                wword = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
                         "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[wr]
                uq = f"So it's {wword} the {oth}?"
                row.add("rel", wr, uq, other=oth, role="user", corrected=True)
                lead = rng.choice(["No, ", "Not quite: "])
            turns.append({"role": "user", "content": uq})
            row.turn += 1
            s1 = say(topic, rel=rels[0] if topic == "rel" else None)
            body = lead + (s1 if lead.endswith(". ") else low(s1))
            ans.append(body)
            if topic == "side" and o in ("LP", "LI") and lat in ("left", "right") and style != "concise":
                ans.append(row.add(None, None, f"The confusion is common: the image's {_OPP[lat]} is the patient's {lat}."))
            turns.append({"role": "assistant", "content": " ".join(ans)})
            continue
        # plain follow-up question
        if topic == "rel":
            rr, oth = rels[0] if not (dkind == "rel" and place == "follow") else rels[0]
            uq = rng.choice(_FOLLOW_Q["rel"][style]).format(o=oth)
        else:
            uq = rng.choice(_FOLLOW_Q[topic][style])
        # a true premise sometimes (a trap for a reader that takes user words as claims)
        if topic in ("know",) and lat in ("left", "right", "midline", "bilateral") and dkind != "side" and rng.random() < 0.5:
            uq = _prem(row, "side", lat)
            row.add("side", lat, uq, role="user")
        turns.append({"role": "user", "content": uq})
        row.turn += 1
        false_here = dkind == topic and place == "follow"
        if topic in ("side", "vert", "size", "count", "rel"):
            if style == "frontier":
                ans.append(rng.choice(["Certainly.", "Good question.", ""]))
            if style == "small7b":
                ans.append(rng.choice(["Sure!", "Sure, here is the answer.", ""]))
            if style == "reasoner":
                ans.append(rng.choice(["Looking at where the mask falls:", "From the image geometry:", "",
                                       "I judge this from the mask itself rather than from textbook anatomy, because variants exist."]))
            ans.append(say(topic, false=false_here))
            if topic == "side" and not false_here and lat in ("left", "right") and rng.random() < 0.5 and style != "concise":
                ans.append(row.side_trap(lat))
        elif topic == "summary":
            ans.append({"frontier": f"**Summary:** {name[0].upper() + name[1:]}.", "small7b": f"Sure! Here is the summary of the {name}.",
                        "reasoner": f"Putting it together: this is the {name}.", "concise": f"{name[0].upper() + name[1:]}."}[style])
            for k in facts_kinds:
                if k == dkind:
                    continue
                ans.append(say(k))
        else:
            ans += p["kn"] if style != "concise" else p["kn"][:1]
            if rest_traps and style != "concise":
                ans.append(rest_traps.pop())
        turns.append({"role": "assistant", "content": " ".join(a for a in ans if a)})
    # bookkeeping for the writer's own reader
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "place": place, "claims": row.claims})
    return turns, ([] if defect is None else [defect])
