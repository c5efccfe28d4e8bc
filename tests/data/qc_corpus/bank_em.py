"""Bank EM: numbers everywhere.

Sizes and counts said in many numeric forms (percents with decimals and ranges, fractions of the frame,
per-mille, pixel counts over the grid size, mm2/cm2 beside the percent, ratios to another structure on the
slice, counts as numerals, words, Roman numerals, "a pair", "a trio", "solitary", "half a dozen"), next to
numbers that are not about the mask at all (labs, ages, doses, dates, slice numbers, HU, diameters in mm,
population percentages, guideline thresholds such as Fleischner, Milan, LI-RADS, ADR targets).

Targets: liver, liver tumor (solitary and multifocal), left kidney, right kidney, kidneys (bilateral), kidney
tumor, spleen (axial and coronal), urinary bladder (axial and coronal, midline), lung nodule (CT and chest
film), lung nodules (bilateral, three), brain metastases (bilateral, four; solitary), polyp (one; two) on
colonoscopy stills, skin lesion and melanoma on dermoscopy.
Registers (STYLES): quant_analyst, radiology_measurements, math_tutor, mixed_units.

Written without reading QC: nothing under medseg_qa/qc, the knowledge modules, tests/unit, bench or any
other bank was opened; only facts.py, patient.py and make_corpus's later_banks/bank_lettered_rows.

Every claim about the mask that build() writes is kept in LEDGER (one entry per build: profile key and claims
with turn, kind, value, text, corrected). A defect row states its defect kind exactly once, falsely; a clean
row holds only true claims (a user's false idea in a clean row is explicitly corrected next turn).
Own check (/work/notes/qcem_scripts/check_em.py on heldout_em.jsonl, SEED 20261270):
rows: 420 clean: 210 defect: 210 (42 of each kind); defect placement first answer 101, follow-up answer 27,
uncorrected user premise 40; 131 corrected user misconceptions in clean rows; laterality bilateral 75, midline 43,
left 102, right 133, photo 67; rows with 2+ components 111; problems: 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["quant_analyst", "radiology_measurements", "math_tutor", "mixed_units"]
LEDGER: list[dict] = []
GRID = 256 * 256


def _P(key, target, modality, region, orientation, ellipses, others, spacing, ref, kind, sg, pl, unit, syn,
       q1, q1n, forbid, know, tech, slc):
    return dict(key=key, target=target, modality=modality, region=region, orientation=orientation,
                ellipses=ellipses, others=others, spacing=spacing, ref=ref, kind=kind, sg=sg, pl=pl, unit=unit,
                syn=syn, q1=q1, q1n=q1n, forbid=forbid, know=know, tech=tech, slice=slc)


CT_ABD = "Portal venous phase CT, 100 mL iohexol 350 at 3 mL/s, scan delay 70 s, 1.25 mm slices"
CT_CHEST = "Non-contrast low-dose chest CT, 120 kVp, CTDIvol 1.4 mGy, 1 mm slices, lung kernel"
MR_HEAD = "Post-gadolinium 3D T1 (0.1 mmol/kg gadobutrol), 1 mm isotropic, TR 8 ms / TE 3 ms"

PROFILES = [
    _P("liver", "liver", "CT", "abdomen", "LP", [(84, 122, 46, 54)],
       {"spleen": (0.74, 0.50), "aorta": (0.53, 0.56), "stomach": (0.64, 0.36)}, 0.78, ("spleen", 2300),
       "organ", "liver", "liver", ("piece", "pieces"), ["the hepatic parenchyma", "the organ"],
       ["Which organ makes bile and clears bilirubin? Please segment it on this slice.",
        "Patient is 57, ALT 112 U/L, AST 96 U/L, total bilirubin 2.1 mg/dL. Segment the organ those numbers come from.",
        "Segment the biggest solid organ of the abdomen, the one that stores glycogen and makes albumin.",
        "Albumin 3.1 g/dL and INR 1.4 give a Child-Pugh B here. Which organ does that score grade? Segment it."],
       ["Please segment the liver on this CT slice.", "Outline the hepatic parenchyma, please.",
        "ALT is 112 U/L. Can you segment the liver?"],
       ["liver", "hepat", "hepar"],
       ["Couinaud's scheme splits the organ into eight segments, I to VIII in Roman numerals; that numbering is anatomy, not a count of mask pieces.",
        "Unenhanced it usually measures about 55-65 HU, roughly 8-10 HU above the spleen; steatosis flips that gap.",
        "Fatty liver disease affects something like 25-30% of adults worldwide.",
        "The spleen and the gastric fundus live in the left upper quadrant.",
        "A craniocaudal span above about 16 cm in the midclavicular line is the usual cut-off for hepatomegaly."],
       CT_ABD, (88, 212)),
    _P("livtum3", "liver tumor", "CT", "abdomen", "LP", [(70, 104, 8, 7), (94, 134, 7, 6), (58, 142, 5, 5)],
       {"aorta": (0.53, 0.58), "gallbladder": (0.40, 0.56), "right kidney": (0.30, 0.65)}, 0.78, ("liver", 7800),
       "lesion", "liver tumor", "liver tumors", ("lesion", "lesions"), ["hepatic lesion", "focal liver lesion"],
       ["Cirrhotic patient, AFP 410 ng/mL (reference under 10). Segment the lesions that could explain that number.",
        "Transplant work-up: Milan allows one lesion up to 5 cm or up to three, none over 3 cm. Segment whatever would be counted against that rule here.",
        "Arterial-phase hyperenhancing observations with washout: please segment them so I can grade them."],
       ["Segment the liver tumors on this slice.", "Outline every hepatic lesion, please (AFP 410).",
        "Can you segment the HCC foci?"],
       ["liver", "hepat", "tumo", "hcc", "carcinoma", "cancer"],
       ["Milan criteria: one tumour up to 5 cm, or up to 3 tumours each no bigger than 3 cm, with no vascular invasion.",
        "LR-5 needs at least 10 mm of arterial-phase hyperenhancement plus washout or a capsule.",
        "In cirrhosis the yearly incidence of HCC is roughly 1-4%.",
        "Segments II and III sit left of the falciform ligament; segment VII is posterior on the right."],
       CT_ABD, (141, 260)),
    _P("livtum1", "liver tumor", "CT", "abdomen", "LP", [(76, 94, 12, 11)],
       {"aorta": (0.53, 0.58), "inferior vena cava": (0.47, 0.55)}, 0.78, ("liver", 7800),
       "lesion", "liver tumor", "liver tumors", ("lesion", "lesions"), ["hepatic lesion", "focal liver lesion"],
       ["Surveillance ultrasound flagged something; this is the follow-up CT, AFP 38 ng/mL. Segment the focal finding.",
        "Segment the enhancing observation that a LI-RADS v2018 report would have to grade.",
        "A 66-year-old with chronic HCV infection for 20 years: segment whatever on this slice could be the cause of his rising AFP."],
       ["Segment the liver tumor.", "Please outline the hepatic lesion.", "Where is the HCC? Segment it."],
       ["liver", "hepat", "tumo", "hcc", "carcinoma", "cancer"],
       ["LR-5 needs at least 10 mm of arterial-phase hyperenhancement plus washout or a capsule.",
        "About 80-90% of HCC arises in a cirrhotic background.",
        "The inferior vena cava runs to the right of the aorta in the upper abdomen."],
       CT_ABD, (97, 240)),
    _P("lkid", "left kidney", "CT", "abdomen", "LP", [(178, 160, 15, 24)],
       {"aorta": (0.52, 0.54), "spleen": (0.71, 0.45), "liver": (0.32, 0.45)}, 0.74, ("liver", 8200),
       "organ", "left kidney", "left kidney", ("piece", "pieces"), ["the kidney", "the renal parenchyma"],
       ["Creatinine 1.4 mg/dL, eGFR 52. Segment the urine-producing organ that sits next to the spleen on this slice.",
        "Split function on MAG3 was 46% versus 54%. Segment the bean-shaped organ whose vein has to cross in front of the aorta.",
        "Which organ, near the spleen here, would a urologist look at first for a stone? Segment it please."],
       ["Please segment the left kidney.", "Outline the left renal parenchyma.", "Segment the left kidney, eGFR is 52."],
       ["kidney", "renal", "nephr"],
       ["The left renal vein crosses anterior to the aorta to reach the IVC; the right one is much shorter.",
        "Adult kidneys are usually 10-12 cm long; a difference of more than 2 cm between sides is worth a comment.",
        "Simple cysts show up in roughly a quarter to a third of people over 50.",
        "The right kidney usually sits 1-2 cm lower than its partner because of the liver."],
       CT_ABD, (118, 260)),
    _P("rkid", "right kidney", "CT", "abdomen", "LP", [(80, 164, 15, 23)],
       {"aorta": (0.52, 0.54), "liver": (0.30, 0.44), "inferior vena cava": (0.45, 0.55)}, 0.74, ("liver", 8200),
       "organ", "right kidney", "right kidney", ("piece", "pieces"), ["the kidney", "the renal parenchyma"],
       ["Creatinine 1.1 mg/dL. Segment the urine-producing organ tucked in under the liver on this slice.",
        "Segment the organ that makes urine and usually sits a centimetre or two lower than its partner because the liver is above it.",
        "Which organ behind the liver would a 38-year-old with colicky flank pain and 2+ blood on the dipstick get imaged for? Segment it."],
       ["Segment the right kidney.", "Outline the right renal parenchyma please.", "Please segment the right kidney (creatinine 1.1)."],
       ["kidney", "renal", "nephr"],
       ["The right renal artery passes behind the IVC.",
        "Adult kidneys are usually 10-12 cm long; under 9 cm suggests chronic disease.",
        "About 10% of people will have a kidney stone at some point.",
        "The left renal vein crosses anterior to the aorta; that's why nutcracker syndrome is a left-sided problem."],
       CT_ABD, (121, 260)),
    _P("kids", "kidneys", "CT", "abdomen", "LP", [(80, 160, 15, 23), (176, 160, 15, 23)],
       {"aorta": (0.50, 0.53), "liver": (0.30, 0.42)}, 0.74, ("liver", 8000),
       "organ", "kidneys", "kidneys", ("piece", "pieces"), ["the renal parenchyma", "both renal outlines"],
       ["eGFR 38 mL/min/1.73 m2, down from 61 a year ago. Segment the organs that filter the blood.",
        "Which organs make urine? Segment all of them that are visible on this slice.",
        "Polycystic disease runs in this family (mother on dialysis at 54). Please segment the organs we'd follow for it."],
       ["Segment both kidneys.", "Please outline the kidneys.", "Segment the renal parenchyma on this slice."],
       ["kidney", "renal", "nephr"],
       ["The left renal vein crosses in front of the aorta; the right renal artery runs behind the IVC.",
        "ADPKD affects roughly 1 in 400 to 1 in 1,000 people.",
        "A horseshoe kidney, fused across the midline at the lower poles, occurs in about 1 in 500 people; that's not what this is.",
        "eGFR under 60 for more than 3 months defines CKD stage 3 or worse."],
       CT_ABD, (119, 260)),
    _P("spleen", "spleen", "CT", "abdomen", "LP", [(186, 152, 21, 30)],
       {"liver": (0.31, 0.47), "stomach": (0.62, 0.38), "left kidney": (0.70, 0.69)}, 0.78, ("liver", 8000),
       "organ", "spleen", "spleen", ("piece", "pieces"), ["the organ", "the splenic parenchyma"],
       ["Which organ filters old red cells and is the one most often injured in blunt abdominal trauma? Segment it.",
        "Platelets 92 x10^9/L with portal hypertension. Segment the organ that is sequestering them.",
        "EBV-positive 19-year-old who wants to get back to rugby. Segment the organ that makes contact sport risky right now."],
       ["Segment the spleen.", "Please outline the splenic parenchyma.", "Can you segment the spleen (platelets 92)?"],
       ["spleen", "splen", "lien"],
       ["A splenic length over about 12-13 cm is the usual threshold for splenomegaly.",
        "Accessory spleens (splenules) are found in roughly 10-30% of people, typically near the hilum.",
        "The liver lies on the opposite side, mostly in the right upper quadrant.",
        "Normal splenic attenuation on portal venous CT is roughly 100-120 HU."],
       CT_ABD, (102, 260)),
    _P("blad_ax", "urinary bladder", "CT", "pelvis", "LP", [(128, 92, 30, 24)],
       {"rectum": (0.50, 0.76), "right femoral head": (0.22, 0.52), "left femoral head": (0.78, 0.52)}, 0.8,
       ("pelvic cavity", 16000), "organ", "urinary bladder", "urinary bladder", ("piece", "pieces"),
       ["the bladder", "the vesical lumen"],
       ["Which hollow organ stores urine until voiding? Segment it on this pelvic CT; post-void residual was 180 mL.",
        "Segment the organ that a 72-year-old man with BPH and a PSA of 6.2 ng/mL can't empty properly.",
        "Haematuria work-up in a 60-year-old smoker: segment the urine reservoir on this slice."],
       ["Segment the urinary bladder.", "Please outline the bladder, PVR 180 mL.", "Segment the vesical lumen."],
       ["bladder", "vesic", "cyst"],
       ["Normal capacity is around 400-600 mL; a post-void residual above about 100-200 mL is usually called significant.",
        "A wall over roughly 3 mm when distended counts as thickened.",
        "The right and left femoral heads flank the pelvis on either side; the rectum lies behind in the midline.",
        "Smoking accounts for roughly half of urothelial cancers."],
       "Portal venous phase CT of the pelvis, 1.25 mm slices", (201, 260)),
    _P("blad_cor", "urinary bladder", "CT", "pelvis", "LI", [(128, 196, 34, 22)],
       {"right femoral head": (0.26, 0.80), "left femoral head": (0.74, 0.80), "sacrum": (0.50, 0.55)}, 0.8,
       ("pelvic cavity", 18000), "organ", "urinary bladder", "urinary bladder", ("piece", "pieces"),
       ["the bladder", "the vesical lumen"],
       ["Coronal reformat. Which organ fills up with urine before voiding? Segment it here.",
        "On this coronal CT, segment the organ a Foley catheter drains (it drained 650 mL last night).",
        "Segment the urine reservoir on this coronal pelvic reformat; the patient is a 45-year-old with recurrent UTIs."],
       ["Segment the bladder on the coronal reformat.", "Outline the urinary bladder, please.",
        "Coronal CT: segment the vesical lumen."],
       ["bladder", "vesic", "cyst"],
       ["Normal capacity is around 400-600 mL.",
        "The femoral heads sit on either side of the pelvis, the sacrum above and behind.",
        "About 50-60% of women have at least one UTI in their lifetime.",
        "A wall over roughly 3 mm when distended counts as thickened."],
       "Coronal reformat of portal venous CT, 2 mm", (64, 128)),
    _P("nod_ct", "lung nodule", "CT", "chest", "LP", [(78, 94, 6, 6)],
       {"heart": (0.56, 0.50), "descending aorta": (0.60, 0.64)}, 0.7, ("heart", 6400),
       "lesion", "lung nodule", "lung nodules", ("nodule", "nodules"), ["pulmonary nodule", "the opacity"],
       ["64-year-old, 40 pack-years, screening scan. Segment the small round opacity the Fleischner Society guideline would apply to.",
        "Screening-programme CT (patient 58, quit 6 years ago): segment the finding that will need a reporting category.",
        "Segment the round opacity on this chest CT that the smoker's GP is asking about."],
       ["Segment the lung nodule.", "Please outline the pulmonary nodule.", "Segment the nodule in the lung."],
       ["nodul", "lung", "pulmonar"],
       ["Fleischner 2017 uses 6 mm and 8 mm as its main cut-offs for solid nodules.",
        "In the NLST, about 1 in 4 baseline scans had at least one nodule of 4 mm or more, and over 95% of those were benign.",
        "The heart sits left of the midline in about 99.99% of people; dextrocardia is rare.",
        "Lung-RADS 2 covers solid nodules under 6 mm at baseline."],
       CT_CHEST, (143, 310)),
    _P("nod3", "lung nodules", "CT", "chest", "LP", [(70, 100, 5, 5), (186, 84, 6, 5), (190, 126, 5, 4)],
       {"heart": (0.45, 0.55), "carina": (0.47, 0.42)}, 0.7, ("heart", 6400),
       "lesion", "lung nodule", "lung nodules", ("nodule", "nodules"), ["pulmonary nodule", "pulmonary opacity"],
       ["Follow-up chest CT, 19-year-old treated for osteosarcoma. Segment all the small round opacities that might be spread from the primary.",
        "Segment every small round opacity on this slice; the patient had a colon cancer resected 14 months ago, CEA now 11 ng/mL.",
        "Please segment the little round densities a tumour board would count here (patient 47, sarcoma)."],
       ["Segment the lung nodules.", "Please outline all pulmonary nodules.", "Segment every nodule in the lungs."],
       ["nodul", "lung", "pulmonar"],
       ["Metastasectomy is often still considered with up to about 3-5 lesions if the primary is controlled.",
        "The carina usually sits at about the T4-T5 level.",
        "Osteosarcoma spreads to the chest in roughly 80% of patients who relapse.",
        "The heart's apex points to the left in almost everyone."],
       CT_CHEST, (152, 310)),
    _P("nod_xr", "lung nodule", "XR", "chest", "LI", [(76, 82, 9, 9)],
       {"heart": (0.56, 0.62), "left hemidiaphragm": (0.70, 0.80)}, 1.4, ("heart", 9000),
       "lesion", "lung nodule", "lung nodules", ("nodule", "nodules"), ["pulmonary nodule", "the round opacity"],
       ["PA chest film of a 71-year-old ex-smoker. Segment the round opacity the radiologist flagged.",
        "This frontal chest radiograph was done pre-op for a hip. Segment the incidental round density everyone is now worried about.",
        "Segment the round density on this PA film; the last film, 2 years ago, was reported normal."],
       ["Segment the lung nodule on this film.", "Please outline the pulmonary nodule.", "Segment the nodule in the lung field."],
       ["nodul", "lung", "pulmonar"],
       ["On a PA film the heart normally takes up less than 50% of the thoracic width (cardiothoracic ratio under 0.5).",
        "Roughly 20% of nodules seen on CT are missed on a chest film, mostly those under 10 mm.",
        "The right hemidiaphragm usually sits 1-2 cm higher than the left.",
        "A nodule stable for 2 years on films is classically taken as benign."],
       "PA erect chest radiograph, 120 kVp, 180 cm source-to-image distance", None),
    _P("mets4", "brain metastases", "MR", "head", "LP", [(88, 80, 6, 6), (172, 92, 5, 5), (150, 172, 7, 6), (98, 162, 5, 5)],
       {"pineal gland": (0.50, 0.62)}, 0.9, ("lateral ventricle", 1800),
       "lesion", "brain metastasis", "brain metastases", ("lesion", "lesions"), ["enhancing metastasis", "intracranial deposit"],
       ["HER2-positive breast cancer, 52, new headaches. Segment the enhancing lesions on this head MR that spread from the primary.",
        "Stereotactic radiosurgery planning: segment every enhancing target on this slice (patient 61, lung adenocarcinoma, EGFR-positive).",
        "Melanoma patient, LDH 480 U/L. Segment whatever on this post-contrast head scan represents spread of the tumour."],
       ["Segment the brain metastases.", "Please outline each metastasis in the brain.", "Segment the brain mets for SRS."],
       ["brain", "metasta", "mets", "cerebr", "secondar"],
       ["Radiosurgery is standard for up to about 4 lesions, and trials have gone up to 10-15.",
        "Roughly 20-40% of people with cancer develop intracranial spread at some point.",
        "The pineal gland sits in the midline just behind the third ventricle.",
        "About 80% of these deposits are found in the cerebral hemispheres, 15% in the cerebellum."],
       MR_HEAD, (96, 176)),
    _P("met1", "brain metastases", "MR", "head", "LP", [(174, 86, 10, 9)],
       {"lateral ventricles": (0.50, 0.50), "pineal gland": (0.50, 0.60)}, 0.9, ("lateral ventricles", 2600),
       "lesion", "brain metastasis", "brain metastases", ("lesion", "lesions"), ["enhancing metastasis", "intracranial deposit"],
       ["Lung adenocarcinoma, 58, word-finding trouble for a week. Segment the enhancing lesion on this head MR that explains it.",
        "Segment the enhancing target for radiosurgery planning (prescription 20 Gy in 1 fraction).",
        "Known renal cell carcinoma, now a seizure. Segment the enhancing lesion on this post-contrast slice."],
       ["Segment the brain metastasis.", "Please outline the metastasis.", "Segment the brain met for SRS."],
       ["brain", "metasta", "mets", "cerebr", "secondar"],
       ["A single intracranial lesion in a patient with known cancer is a metastasis in roughly 90% of cases, not 100%.",
        "Language is left-hemisphere dominant in about 95% of right-handers.",
        "The lateral ventricles straddle the midline on either side of the septum pellucidum.",
        "20 Gy in one fraction is a typical prescription for a lesion of up to 2 cm."],
       MR_HEAD, (102, 176)),
    _P("polyp", "polyp", "endoscopy", "colon", None, [(150, 176, 28, 24)], {}, None, None,
       "lesion", "polyp", "polyps", ("polyp", "polyps"), ["the lesion", "the mucosal lesion"],
       ["Screening colonoscopy, 55-year-old, FIT positive at 140 ug/g. Segment what the endoscopist will snare.",
        "Segment the raised thing on this colonoscopy still that will go to histology.",
        "This frame is from a surveillance colonoscopy 3 years after a resection. Segment the growth on the mucosa."],
       ["Segment the polyp.", "Please outline the colonic polyp.", "Segment the adenoma in this frame."],
       ["polyp", "adenom"],
       ["The adenoma detection rate target is at least 25% (30% in men, 20% in women).",
        "Lesions of 10 mm or more, or with villous or high-grade features, count as advanced.",
        "Withdrawal time should be at least 6 minutes.",
        "Roughly 30-50% of adults over 50 have at least one adenoma."],
       "White-light colonoscopy still, 1280 x 1024 resampled to 256 x 256", None),
    _P("polyp2", "polyp", "endoscopy", "colon", None, [(88, 78, 18, 15), (172, 96, 13, 11)], {}, None, None,
       "lesion", "polyp", "polyps", ("polyp", "polyps"), ["the lesion", "the mucosal lesion"],
       ["Surveillance colonoscopy, 63, Boston prep score 8 of 9. Segment whatever needs to come out.",
        "Segment the raised mucosal growths in this frame; histology will decide the 3- versus 10-year interval.",
        "Segment what the endoscopist is about to remove on this still (patient 58, FIT 95 ug/g)."],
       ["Segment the polyps.", "Please outline both polyps.", "Segment the adenomas in this frame."],
       ["polyp", "adenom"],
       ["Three to four small tubular adenomas usually mean a 3-5 year interval; 10 or more shifts the guidance again.",
        "The adenoma detection rate target is at least 25%.",
        "Cold snare is preferred for lesions under about 10 mm.",
        "There is no reliable millimetre scale on a colonoscopy still, so size in mm is estimated against the open snare or forceps."],
       "White-light colonoscopy still, 256 x 256", None),
    _P("skin", "skin lesion", "dermoscopy", "skin", None, [(128, 130, 70, 60)], {}, 0.06, None,
       "lesion", "skin lesion", "skin lesions", ("lesion", "lesions"), ["the pigmented lesion", "the nevus-like area"],
       ["Dermoscopy of a changing spot on the back of a 45-year-old. Segment the area the ABCDE rule gets applied to.",
        "Polarised dermoscopy, 10x. Segment the pigmented area the patient is worried about.",
        "Segment the region of this dermoscopy image that the 7-point checklist would be scored on."],
       ["Segment the skin lesion.", "Outline the mole, please.", "Segment the nevus in this dermoscopy image."],
       ["lesion", "nevus", "naevus", "mole", "melanom"],
       ["ABCDE: asymmetry, border, colour, diameter over 6 mm, evolution.",
        "The 7-point checklist flags a score of 3 or more.",
        "An adult has on average 10-40 common naevi.",
        "Lifetime melanoma risk in fair-skinned populations is roughly 1 in 40 to 1 in 50."],
       "Polarised dermoscopy, 10x, 256 x 256 crop", None),
    _P("mel", "melanoma", "dermoscopy", "skin", None, [(142, 88, 44, 34)], {}, 0.06, None,
       "lesion", "melanoma", "melanomas", ("lesion", "lesions"), ["the tumour", "the pigmented tumour"],
       ["Segment what worries the dermatologist here, the thing whose Breslow thickness will decide the excision margin.",
        "Histology is pending on this one (patient 39, sunburns as a child). Segment the pigmented area in question.",
        "Segment the area with atypical network and blue-white veil in this dermoscopy image."],
       ["Segment the melanoma.", "Please outline the melanoma.", "Segment the melanocytic tumour."],
       ["melanom", "melanocyt", "lesion", "nevus", "mole"],
       ["Excision margins are 1 cm for a Breslow thickness up to 2 mm and 2 cm above that.",
        "Five-year survival exceeds 99% for localised disease.",
        "About 70% arise de novo rather than in a pre-existing naevus.",
        "ABCDE: asymmetry, border, colour, diameter over 6 mm, evolution."],
       "Polarised dermoscopy, 10x, 256 x 256 crop", None),
    _P("kidtum", "kidney tumor", "CT", "abdomen", "LP", [(184, 158, 10, 9)],
       {"aorta": (0.52, 0.53), "left kidney": (0.69, 0.62)}, 0.74, ("left kidney", 1200),
       "lesion", "kidney tumor", "kidney tumors", ("lesion", "lesions"), ["renal tumour", "renal lesion"],
       ["Incidental finding on a CT for back pain: solid, 20 HU before and 95 HU after contrast. Segment what the urologist wants to resect.",
        "Bosniak and enhancement question: segment the enhancing solid thing that the patient (61, creatinine 0.9) was referred for.",
        "Segment the solid enhancing lesion that a partial resection would target (patient 55, no haematuria)."],
       ["Segment the kidney tumor.", "Please outline the renal mass.", "Segment the RCC."],
       ["kidney", "renal", "nephr", "tumo", "carcinoma", "rcc", "cancer", "mass"],
       ["An enhancement of more than 20 HU is the usual threshold for calling a lesion enhancing.",
        "Lesions up to 4 cm are T1a; 4-7 cm are T1b.",
        "Around 60% of renal cell carcinomas are now found incidentally.",
        "The left renal vein crosses in front of the aorta."],
       CT_ABD, (131, 260)),
    _P("spl_cor", "spleen", "CT", "abdomen", "LI", [(184, 88, 22, 32)],
       {"liver": (0.30, 0.36), "left kidney": (0.71, 0.56)}, 0.78, ("liver", 9000),
       "organ", "spleen", "spleen", ("piece", "pieces"), ["the organ", "the splenic parenchyma"],
       ["Coronal reformat. Which organ breaks down old red cells? Segment it here.",
        "On this coronal CT, segment the organ that would need removing if it ruptured after a fall from a bike (Hb 9.8 g/dL).",
        "Segment the organ that enlarges in infectious mononucleosis; coronal slice 71 of 140."],
       ["Segment the spleen on the coronal view.", "Outline the splenic parenchyma.", "Segment the spleen, please."],
       ["spleen", "splen", "lien"],
       ["A craniocaudal length over about 13 cm is a common cut-off for splenomegaly on coronal images.",
        "Splenic injury is graded I to V in the AAST scale.",
        "The liver lies on the other side, under the right hemidiaphragm.",
        "Splenules are found in roughly 10-30% of people."],
       "Coronal reformat of portal venous CT, 2 mm", (71, 140)),
]
_BY_KEY = {p["key"]: p for p in PROFILES}
PHOTO = {"endoscopy", "dermoscopy"}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    for cx, cy, rx, ry in p["ellipses"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = max(3.0, rx + rng.uniform(-1, 1)), max(3.0, ry + rng.uniform(-1, 1))
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: (v[0] + rng.uniform(-0.004, 0.004), v[1] + rng.uniform(-0.004, 0.004)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["orientation"] is not None]
    elif defect == "position":
        pool = [p for p in profiles if p["key"] != "skin"]
    return rng.choice(pool)


# -- numbers -------------------------------------------------------------------------------------------

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_ORD = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
        10: "tenth", 12: "twelfth", 15: "fifteenth", 20: "twentieth", 25: "twenty-fifth", 30: "thirtieth",
        40: "fortieth", 50: "fiftieth", 60: "sixtieth", 75: "seventy-fifth", 100: "hundredth",
        150: "hundred-and-fiftieth", 200: "two-hundredth", 250: "two-hundred-and-fiftieth",
        300: "three-hundredth", 400: "four-hundredth", 500: "five-hundredth", 600: "six-hundredth",
        800: "eight-hundredth", 1000: "thousandth"}


def _p(f):
    """Percent string of a fraction."""
    p = 100 * f
    if p < 1:
        return f"{p:.2f}"
    if p < 10:
        return f"{p:.1f}"
    return f"{p:.1f}" if p < 20 else f"{p:.0f}"


def _frac_word(f):
    """('a fiftieth', value) nearest ordinal fraction within 12%, else ('1 part in 57', value)."""
    best = min(_ORD, key=lambda n: abs(math.log(n * f)))
    if abs(best * f - 1) <= 0.12:
        art = "a" if best not in (8, 11, 800) else "an"
        return f"{art} {_ORD[best]}", 1.0 / best
    n = max(2, round(1 / f))
    return f"1 part in {n}", 1.0 / n


def _cnt_word(n):
    return _WORDS[n] if n < len(_WORDS) else str(n)


# -- the conversation machinery ----------------------------------------------------------------------

class _Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.claims = []
        self.turn = 0
        o = p["orientation"]
        self.photo = o is None
        self.axis_v = {"LP": ("anterior", "posterior"), "LI": ("superior", "inferior")}.get(o, ("upper", "lower"))

    def claim(self, kind, value, text, corrected=False):
        self.claims.append(dict(turn=self.turn, kind=kind, value=value, text=text, corrected=corrected))
        return text

    def ch(self, xs):
        return self.rng.choice(xs)


def _name(R, n):
    p = R.p
    return p["sg"] if (p["kind"] == "organ" or n == 1) else p["pl"]


# side -------------------------------------------------------------------------------------------------
_OPP = {"left": "right", "right": "left"}


def side_text(R, val, false=False):
    """A sentence fragment claiming laterality `val` (the patient's side)."""
    xs = []
    if val in ("left", "right"):
        img = _OPP[val]
        xs = [f"on the patient's {val}",
              f"{val}-sided",
              f"in the patient's {val} half",
              f"on the {img} of the image, which by radiological convention is the patient's {val}",
              f"on the patient's {val} (the {img} side of the screen)"]
    elif val == "midline":
        xs = ["in the midline", "straddling the midline, not lateralised", "centred on the midline",
              "midline, with roughly equal parts either side of the centre"]
    elif val == "bilateral":
        xs = ["bilateral, with parts on both the patient's left and right", "on both sides of the midline",
              "present bilaterally", "bilateral (left and right both involved)"]
    return R.claim("side", val, R.ch(xs))


def side_false(R):
    val = R.f["laterality"]
    if val in ("left", "right"):
        return _OPP[val] if R.rng.random() < 0.85 else "midline"
    return R.ch(["left", "right"])


def side_neg(R, val):
    if val in ("left", "right"):
        o = _OPP[val]
        return R.claim("side", val, R.ch([f"It is not on the patient's {o}", f"It is not the {o} side, whatever the screen suggests"]))
    if val == "bilateral":
        return R.claim("side", val, R.ch(["It is not confined to one side", "It isn't a one-sided finding"]))
    if val == "midline":
        return R.claim("side", val, R.ch(["It isn't lateralised to either side", "It is not off to one side"]))
    return None


# vertical ---------------------------------------------------------------------------------------------
def vert_text(R, val):
    o = R.p["orientation"]
    if o == "LP":
        m = {"anterior": ["anterior", "in the anterior half of the slice", "toward the front (anterior)",
                          "in the front half, toward the top of the image, which is anterior on an axial slice"],
             "posterior": ["posterior", "in the posterior half of the slice", "toward the back (posterior)",
                           "in the back half, toward the bottom of the image, which is posterior on an axial slice"],
             "central": ["roughly central front-to-back", "at mid-depth, neither anterior nor posterior",
                         "central in the anteroposterior direction"]}
    elif o == "LI":
        m = {"superior": ["superior", "in the upper part of the image (superior)", "toward the head end (superior)",
                          "high on the image, i.e. superior"],
             "inferior": ["inferior", "in the lower part of the image (inferior)", "toward the feet (inferior)",
                          "low on the image, i.e. inferior"],
             "central": ["at mid-height, neither superior nor inferior", "vertically central"]}
    else:
        m = {"upper": ["in the upper half of the frame", "toward the top of the frame", "in the top half of the image"],
             "lower": ["in the lower half of the frame", "toward the bottom of the frame", "in the bottom half of the image"],
             "central": ["near the vertical centre of the frame", "about halfway down the frame"]}
    return R.claim("vert", val, R.ch(m[val]))


_VOPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior",
         "upper": "lower", "lower": "upper"}


def vert_neg(R, val):
    if val == "central":
        return None
    o = _VOPP[val]
    word = {"upper": "in the upper half", "lower": "in the lower half"}.get(o, o)
    return R.claim("vert", val, R.ch([f"It is not {word}", f"It isn't {word}"]))


# relations -------------------------------------------------------------------------------------------
_ROPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_text(R, other, rel, subj="it", lower=False):
    o = f"the {other}"
    pl = other.endswith("s")
    be, lie = ("are", "lie") if pl else ("is", "lies")
    m = {"left_of": [f"{subj} lies to the patient's left of {o}", f"{o} {be} to its right (patient's right)",
                     f"{subj} sits on the patient's left relative to {o}"],
         "right_of": [f"{subj} lies to the patient's right of {o}", f"{o} {be} to its left (patient's left)",
                      f"{subj} sits on the patient's right relative to {o}"],
         "anterior_to": [f"{subj} is anterior to {o}", f"{subj} sits in front of {o}", f"{o} {lie} behind it"],
         "posterior_to": [f"{subj} is posterior to {o}", f"{subj} sits behind {o}", f"{o} {lie} in front of it"],
         "superior_to": [f"{subj} is superior to {o}", f"{subj} sits above {o}", f"{o} {lie} below it"],
         "inferior_to": [f"{subj} is inferior to {o}", f"{subj} sits below {o}", f"{o} {lie} above it"]}
    t = R.ch(m[rel])
    return R.claim("rel", [other, rel], t if lower else t[0].upper() + t[1:])


# size ------------------------------------------------------------------------------------------------
_CLASSW = {"small": ["small", "on the small side", "a small region"],
           "medium": ["medium-sized", "medium", "intermediate in size"],
           "large": ["large", "big", "a large region"]}
_CLASS_BAND = {"small": "under 1%", "medium": "1-5%", "large": "5% or more"}


def size_class_text(R, val, band=True):
    t = R.ch(_CLASSW[val])
    if band and R.rng.random() < 0.5:
        t += f" (the {_CLASS_BAND[val]} band)"
    return R.claim("size_class", val, t)


def size_pct_text(R, f, form=None, false=False):
    """A numeric size claim of fraction f in one of many forms; returns text (claim recorded with value f)."""
    area = R.f["area_pixels"]
    px = round(f * GRID) if false else area
    sp = R.p["spacing"]
    forms = ["pct", "range", "frac", "permille", "pixels", "decimal"] + (["cm2"] if sp and not false else [])
    form = form or R.ch(forms)
    hedge = R.ch(["about ", "roughly ", "~", "approximately ", "", "close to "])
    if form == "pct":
        t = f"{hedge}{_p(f)}% of the image"
    elif form == "range":
        lo, hi = _p(f * 0.93), _p(f * 1.07)
        t = f"{lo}-{hi}% of the frame"
    elif form == "frac":
        w, v = _frac_word(f)
        t = R.ch([f"about {w} of the frame", f"roughly {w} of the image", f"{w} of the field, give or take"])
        f = v
    elif form == "permille":
        pm = 1000 * f
        pms = f"{pm:.1f}" if pm < 10 else f"{pm:.0f}"
        t = R.ch([f"{pms} per mille of the image", f"about {pms}\u2030 of the frame", f"{pms} parts per thousand of the image"])
    elif form == "pixels":
        t = R.ch([f"{px:,} of {GRID:,} pixels ({_p(f)}%)", f"{px:,} pixels out of {GRID:,}, i.e. {_p(f)}%",
                  f"{px:,} px on a {GRID:,}-px grid ({_p(f)}%)"])
    elif form == "decimal":
        t = f"an area fraction of {f:.4f}" if f < 0.01 else f"an area fraction of {f:.3f}"
    else:  # cm2 beside the percent
        mm2 = area * sp * sp
        t = R.ch([f"{mm2 / 100:.1f} cm\u00b2 ({_p(f)}% of the image)", f"{mm2:,.0f} mm\u00b2, which is {_p(f)}% of the frame"])
    return R.claim("pct", f if form != "range" else [f * 0.93, f * 1.07], t)


def false_fraction(R):
    f = R.f["area_fraction"]
    up = R.rng.uniform(3.0, 5.0)
    if 100 * f > 12:
        return f / up
    if 100 * f < 0.3:
        return f * up
    return f * up if R.rng.random() < 0.5 else f / up


def false_class(R):
    t = R.f["size_class"]
    return {"small": R.ch(["large", "medium"]), "medium": R.ch(["large", "small"]), "large": "small"}[t]


def size_neg(R, val):
    if val == "large":
        return R.claim("size_class", val, R.ch(["It is certainly not small", "Nobody would call it small"]))
    return R.claim("size_class", val, R.ch(["It is not large", "It doesn't reach the large band"]))


# count -----------------------------------------------------------------------------------------------
def count_text(R, n):
    u1, u2 = R.p["unit"]
    if R.p["kind"] == "organ":
        u1, u2 = R.ch([("piece", "pieces"), ("connected component", "connected components"), ("region", "regions")])
    if n == 1:
        xs = [f"a single {u1}" if "connected" in u1 else f"a single connected {u1}", f"one {u1}", f"just 1 {u1}",
              f"one {u1}, no second focus" if "connected" in u1 else f"one contiguous {u1}, no second focus"]
        if R.p["kind"] == "lesion":
            xs += [f"solitary, one {u1} only"]
    else:
        xs = [f"{n} separate {u2}", f"{_cnt_word(n)} separate {u2}", f"{_cnt_word(n)} discrete {u2}, labelled I {'and' if n == 2 else 'to'} {_ROMAN[n]}"]
        if n == 2:
            xs += [f"a pair of separate {u2}", f"two distinct {u2}"]
        if n == 3:
            xs += [f"a trio of separate {u2}", f"three separate {u2}"]
        if n == 4:
            xs += [f"a handful of {u2}, four to be exact", f"4 separate {u2}"]
        if n == 6:
            xs += [f"half a dozen separate {u2}"]
    return R.claim("count", n, R.ch(xs))


def false_count(R):
    n = R.f["components"]
    return R.ch([2, 3]) if n == 1 else R.ch([m for m in (n - 1, n + 1, n + 2) if m >= 1 and m != n])


def count_neg(R, n):
    if n == 1:
        return R.claim("count", 1, R.ch(["There is no second piece", "There is no satellite focus", "It does not break up into separate parts"]))
    return R.claim("count", n, R.ch([f"It is not a single {R.p['unit'][0] if R.p['kind'] == 'lesion' else 'piece'}",
                                    "It isn't one connected region"]))


# -- sentences that are not claims about the mask ------------------------------------------------------
def convention(R):
    o = R.p["orientation"]
    if o == "LP":
        return R.ch(["Axial slices are displayed as if looking up from the patient's feet, so the patient's left is on the screen's right.",
                     "Radiological convention puts the patient's right on the viewer's left; neurological convention would swap the screen, not the anatomy.",
                     "On screen, top is anterior and bottom is posterior on an axial slice; left and right are mirrored relative to the viewer."])
    if o == "LI":
        return R.ch(["On a frontal or coronal image the patient faces you, so the patient's left is on the right of the screen and the top of the image is superior.",
                     "Coronal and frontal images are read as if facing the patient: the patient's right is on your left."])
    return R.ch(["Left and right aren't defined on a photo like this: the camera can rotate freely, so I only describe the frame's upper and lower halves.",
                 "There is no anatomical left or right on this kind of image, only the frame's own top and bottom."])


def numbers_note(R):
    xs = ["All percentages here are of the full 256 x 256 frame, i.e. of 65,536 pixels.",
          "If the same image were resampled to 512 x 512, the pixel count would roughly quadruple but the percentage would not change.",
          "The usual size bands are: under 1% of the image small, 1-5% medium, 5% or more large.",
          "A percentage of the frame is not the same as a percentage of the organ it sits in; the two are easy to mix up.",
          "The patient has had half a dozen scans since 2019; the number of prior studies has nothing to do with the number of pieces in this mask.",
          "A dozen slices further on the picture could look quite different; everything I give is for this image only.",
          "Bloods were a trio drawn on 3 March 2025 (creatinine 0.9 mg/dL, sodium 139 mmol/L, Hb 12.8 g/dL); they don't enter the area calculation.",
          "A pair of earlier studies exists (2021 and 2023), but nothing here is a comparison with them."]
    sp = R.p["spacing"]
    if sp:
        xs.append(f"At {sp} mm per pixel, one pixel covers {sp * sp:.2f} mm\u00b2, so 100 pixels are about {100 * sp * sp:.0f} mm\u00b2." if sp * sp >= 0.5
                  else f"At {sp} mm per pixel, one pixel covers {sp * sp:.4f} mm\u00b2, so 1,000 pixels are about {1000 * sp * sp:.1f} mm\u00b2.")
    if R.p["slice"]:
        a, b = R.p["slice"]
        xs.append(R.ch([f"This is slice {a} of {b}; the slice number has nothing to do with the size.",
                        f"(Slice {a}/{b}, so roughly {round(100 * a / b)}% of the way through the stack; that percentage is about the stack, not the mask.)"]))
    if R.p["modality"] == "endoscopy":
        xs.append("There is no millimetre scale on a colonoscopy still, so I give sizes as a share of the frame, not in mm.")
    return R.ch(xs)


def knowledge(R, k=1):
    return R.rng.sample(R.p["know"], k)


def hypothetical(R):
    xs = ["Had the scan been displayed in neurological convention, the picture would flip but the answer in patient terms would stay the same."
          if R.p["orientation"] else "If the scope had been rotated 180 degrees, top and bottom of the frame would swap; the tissue wouldn't change.",
          "If the grid were 128 x 128 instead, every pixel would stand for four of these, and the percentage would be the same."]
    return R.ch(xs)


# -- topic sentences ------------------------------------------------------------------------------------
def _subj(R, n, sg="is", pl="are"):
    nm = R.nm if R.neutral else _name(R, n)
    s = R.ch(["It", "The mask", "The segmented region", f"The {nm}", f"The {nm}"])
    plural = s == f"The {nm}" and (nm.endswith("s") and not nm.endswith("sis"))
    return f"{s} {pl if plural else sg}"


def s_side(R, n, val=None):
    val = val or R.f["laterality"]
    return f"{_subj(R, n)} {side_text(R, val)}."


def s_vert(R, n, val=None):
    val = val or R.f["vertical"]
    return f"{_subj(R, n, 'lies', 'lie')} {vert_text(R, val)}."


def s_rel(R, rels):
    out = []
    for i, (o, r) in enumerate(rels):
        out.append(rel_text(R, o, r, "it" if i else R.ch(["it", "the mask", "it"])) + ".")
    return " ".join(out)


def s_count(R, n, m):
    t = count_text(R, m)
    return R.ch([f"The mask consists of {t}.", f"Component count: {t}.", f"It is made up of {t}."])


def s_size(R, fval=None, cls=None, numeric=True, klass=True, forms=None):
    """True size sentence(s) (several forms) or a false one (fval or cls given)."""
    if fval is not None:
        t = size_pct_text(R, fval, form=R.ch(["pct", "frac", "permille", "pixels", "decimal", "range"]), false=True)
        return R.ch([f"It covers {t}.", f"That works out to {t}.", f"Area: {t}."])
    if cls is not None:
        tpl = R.ch(["Size-wise it is {}.", "Size class: {}."])
        return tpl.format(size_class_text(R, cls))
    parts = []
    if numeric:
        for fm in (forms or R.rng.sample(["pct", "frac", "permille", "pixels", "decimal", "range", "cm2"], R.ch([1, 2]))):
            if fm == "cm2" and not R.p["spacing"]:
                fm = "pct"
            parts.append(size_pct_text(R, R.f["area_fraction"], form=fm))
    s = "It covers " + " — or ".join(parts) + "." if parts else ""
    if klass or not parts:
        s += (" " if s else "") + f"That makes it {size_class_text(R, R.f['size_class'])}."
    return s


def ratio_sentence(R):
    ref = R.p["ref"]
    if not ref:
        return None
    r = R.f["area_pixels"] / ref[1]
    if r < 0.45 and abs(min(_ORD, key=lambda k: abs(math.log(k * r))) * r - 1) <= 0.12:
        w, _ = _frac_word(r)
        return f"For scale, it is about {w} the size of the {ref[0]} on this slice (roughly {ref[1]:,} pixels)."
    return f"For scale, it is about {r:.2f} times the {ref[0]}'s area on this slice (roughly {ref[1]:,} pixels)."


def measure_sentence(R):
    sp = R.p["spacing"]
    if not sp:
        return None
    x0, y0, x1, y1 = R.f["bbox"]
    if R.f["components"] == 1:
        return f"In-plane it measures {(x1 - x0 + 1) * sp:.0f} x {(y1 - y0 + 1) * sp:.0f} mm (bounding box at {sp} mm per pixel)."
    big = max(R.p["ellipses"], key=lambda e: e[2] * e[3])
    rest = "the other is smaller" if R.f["components"] == 2 else "the others are smaller"
    return f"The largest piece measures roughly {2 * big[2] * sp:.0f} mm across; {rest}."


# -- build ----------------------------------------------------------------------------------------------
_KIND2TOPIC = {"laterality": "side", "size": "size", "count": "count"}


def build(p, facts, style, rng, defect):
    R = _Row(p, facts, style, rng, defect)
    f = facts
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    topics = ["vert", "size", "count"] + ([] if R.photo else ["side"]) + (["rel"] if rels else [])
    dtopic = _KIND2TOPIC.get(defect)
    if defect == "position":
        dtopic = "rel" if rels and (f["vertical"] == "central" or rng.random() < 0.5) else "vert"
    loc = rng.choices(["first", "follow", "user"], [0.58, 0.21, 0.21])[0] if dtopic else None
    n_true = f["components"]
    n_said = false_count(R) if dtopic == "count" else n_true
    neutral = dtopic == "count" and p["kind"] == "lesion" and (n_true == 1) != (n_said == 1)
    false_rel = None
    if dtopic == "rel":
        o, r = rng.choice(rels)
        false_rel = (o, _ROPP[r])
    gram_n = n_said if not neutral else 1
    nm = _name(R, gram_n)
    if neutral:
        nm = R.ch([f"{p['sg']} mask", f"{p['sg']} segmentation"])
    R.nm, R.neutral, R.n_said, R.false_rel, R.asked_other = nm, neutral, n_said, false_rel, None
    rounds = rng.choice([2, 3])
    others_ok = [t for t in topics if t != dtopic]

    # the first answer's topics
    k = rng.randint(2, min(4, len(others_ok)))
    a1_topics = rng.sample(others_ok, k)
    if loc == "first":
        a1_topics.insert(rng.randint(0, len(a1_topics)), dtopic)
    # follow-up slots
    slots = []
    if loc == "follow":
        slots.append(("ask", dtopic))
    elif loc == "user":
        slots.append(("premise", dtopic))
    elif defect is None and rng.random() < 0.6:
        misc = [t for t in ("side", "size", "count", "vert") if t in topics and not (t == "vert" and f["vertical"] == "central")]
        slots.append(("misc", rng.choice(misc)))
    while len(slots) < rounds - 1:
        rest = [t for t in others_ok if t not in a1_topics and ("ask", t) not in slots]
        if rest and rng.random() < 0.7:
            slots.append(("ask", rng.choice(rest)))
        else:
            slots.append(("summary", None) if ("summary", None) not in slots else ("trivia", None))
    rng.shuffle(slots)

    def topic_sentences(t, false=False):
        if t == "side":
            return s_side(R, gram_n, side_false(R) if false else None)
        if t == "vert":
            return s_vert(R, gram_n, _VOPP[f["vertical"]] if false else None)
        if t == "rel":
            if false:
                return s_rel(R, [false_rel])
            return s_rel(R, rng.sample(rels, min(len(rels), rng.choice([1, 2]))))
        if t == "count":
            return s_count(R, gram_n, n_said)
        if t == "size":
            if false:
                return s_size(R, fval=false_fraction(R)) if rng.random() < 0.6 else s_size(R, cls=false_class(R))
            return s_size(R, numeric=rng.random() < 0.85, klass=rng.random() < 0.6)

    # ---- turn 0: the question
    suffix = {"quant_analyst": [" Numbers please.", " Give me the area and its share of the image.", ""],
              "radiology_measurements": [" Report it with measurements.", " Please include measurements.", ""],
              "math_tutor": [" And show me how the percentage is worked out.", " Explain the arithmetic behind the size too.", ""],
              "mixed_units": [" Give me the size in whatever units make sense.", " Size in cm\u00b2 and as a share of the image, please.", ""]}[style]
    q1 = rng.choice(p["q1n"] if defect == "names_target" else p["q1"]) + rng.choice(suffix)
    turns = [{"role": "user", "content": q1}]

    # ---- turn 1: the first answer
    R.turn = 1
    a1 = first_answer(R, nm, gram_n, a1_topics, topic_sentences, dtopic if loc == "first" else None, dtopic)
    turns.append({"role": "assistant", "content": a1})

    # ---- follow-ups
    for kind, t in slots:
        R.turn = len(turns)
        if kind == "ask":
            q = ask_question(R, t, rels, false_rel if (t == dtopic) else None)
            turns.append({"role": "user", "content": q})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": follow_answer(R, t, topic_sentences, t == dtopic, rels, false_rel, gram_n)})
        elif kind == "summary":
            turns.append({"role": "user", "content": rng.choice(["Summarise that in one line with the numbers.", "Can you give me a recap?",
                                                                  "TL;DR with all the figures, please.", "Sum it up for the notes."])})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": summary(R, nm, gram_n, [t for t in topics if t != dtopic])})
        elif kind == "trivia":
            turns.append({"role": "user", "content": rng.choice([
                "Does the slice number or the matrix size change that percentage?",
                "Quick one: are those percentages of the image or of the patient?",
                "How would the numbers change on a 512 x 512 reconstruction?"])})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": " ".join([
                "No: the share of the frame depends only on the mask and the frame.",
                "All percentages here are of the full 256 x 256 frame, i.e. of 65,536 pixels.",
                "If the same image were resampled to 512 x 512, the pixel count would roughly quadruple but the percentage would not change."])})
        elif kind == "misc":
            q, a = misconception(R, t, gram_n, rels)
            turns.append({"role": "user", "content": q})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": a(R)})
        else:  # an uncorrected false premise in the user's turn
            turns.append({"role": "user", "content": premise(R, t, false_rel, gram_n)})
            R.turn = len(turns)
            turns.append({"role": "assistant", "content": premise_reply(R, [x for x in topics if x != dtopic], topic_sentences)})
    LEDGER.append({"key": p["key"], "claims": R.claims, "dtopic": dtopic, "loc": loc})
    return turns, ([] if defect is None else [defect])


def _negations(R, dtopic, n):
    xs = []
    f = R.f
    if dtopic != "side" and not R.photo and f["laterality"] in ("left", "right", "bilateral", "midline"):
        xs.append(lambda: side_neg(R, f["laterality"]))
    if dtopic != "vert" and f["vertical"] != "central":
        xs.append(lambda: vert_neg(R, f["vertical"]))
    if dtopic != "size":
        xs.append(lambda: size_neg(R, f["size_class"]))
    if dtopic != "count":
        xs.append(lambda: count_neg(R, n))
    g = R.ch(xs)
    return g() + "."


def first_answer(R, nm, n, a1_topics, topic_sentences, false_topic, dtopic):
    rng, p, style = R.rng, R.p, R.style
    if nm.endswith("s") and not nm.endswith("sis"):
        opener = rng.choice([f"These are the {nm} [SEG].", f"The structures are the {nm}: [SEG]", f"Segmented: {nm} [SEG].",
                             f"Those would be the {nm} [SEG]."])
    else:
        opener = rng.choice([f"This is the {nm} [SEG].", f"The structure is the {nm}: [SEG]", f"Segmented: {nm} [SEG].",
                             f"That would be the {nm} [SEG]."])
    extras = []
    extras.append(knowledge(R)[0])
    if rng.random() < 0.7:
        extras.append(numbers_note(R))
    if rng.random() < 0.5:
        extras.append(convention(R))
    if rng.random() < 0.5:
        extras.append(_negations(R, dtopic, n))
    if rng.random() < 0.25:
        extras.append(hypothetical(R))
    if dtopic != "size":
        if rng.random() < 0.4 and p["ref"]:
            extras.append(ratio_sentence(R))
        if style == "radiology_measurements" or rng.random() < 0.3:
            m = measure_sentence(R)
            if m:
                extras.append(m)
    rng.shuffle(extras)

    if style == "quant_analyst":
        rows = ["| metric | value |", "|---|---|"]
        for t in a1_topics:
            false = t == false_topic
            if t == "side":
                rows.append(f"| laterality (patient frame) | {side_text(R, side_false(R) if false else R.f['laterality'])} |")
            elif t == "vert":
                v = _VOPP[R.f["vertical"]] if false else R.f["vertical"]
                rows.append(f"| vertical position | {vert_text(R, v)} |")
            elif t == "rel":
                for o, r in ([R.false_rel] if false else rng.sample(_rels(R), min(2, len(_rels(R))))):
                    rows.append(f"| relation to {o} | {rel_text(R, o, r)} |")
            elif t == "count":
                rows.append(f"| connected components | {count_table(R, R.n_said)} |")
            elif t == "size":
                if false:
                    if rng.random() < 0.6:
                        rows.append(f"| area fraction | {size_pct_text(R, false_fraction(R), form=rng.choice(['pct', 'permille', 'decimal', 'pixels']), false=True)} |")
                    else:
                        rows.append(f"| size class | {size_class_text(R, false_class(R))} |")
                else:
                    rows.append(f"| mask area | {size_pct_text(R, R.f['area_fraction'], form='pixels')} |")
                    if rng.random() < 0.6:
                        rows.append(f"| per mille of frame | {size_pct_text(R, R.f['area_fraction'], form='permille')} |")
                    rows.append(f"| size class | {size_class_text(R, R.f['size_class'])} |")
        if p["slice"]:
            rows.append(f"| slice index | {p['slice'][0]} / {p['slice'][1]} |")
        if p["spacing"]:
            rows.append(f"| pixel spacing | {p['spacing']} mm |")
        rows.append("| grid | 256 x 256 = 65,536 px |")
        body = "\n".join(rows)
        notes = "\n".join(f"- {e}" for e in extras)
        return f"{opener}\n\n{body}\n\nNotes:\n{notes}"

    special = {"math_tutor": math_size, "mixed_units": mixed_size}.get(style)
    claims = [special(R) if (special and t == "size" and t != false_topic) else topic_sentences(t, t == false_topic)
              for t in a1_topics]
    if style == "radiology_measurements":
        tech = f"TECHNIQUE: {p['tech']}."
        find = " ".join(claims[: max(1, len(claims) - 1)] + extras[:2])
        imp = claims[max(1, len(claims) - 1):]
        imp_lines = "\n".join(f"{i + 1}. {c}" for i, c in enumerate(imp + extras[2:])) or "1. As above."
        return f"{tech}\nFINDINGS: {opener} {find}\nIMPRESSION:\n{imp_lines}"
    if style == "math_tutor":
        out = [opener] + claims
        out.insert(rng.randint(1, len(out)), " ".join(extras[:2]))
        return "\n\n".join(x for x in out if x) + ("\n\n" + " ".join(extras[2:]) if extras[2:] else "")
    # mixed_units
    return " ".join([opener] + claims + extras)


def _rels(R):
    return [(r["other"], r["relation"]) for r in R.f["relations"]]


def count_table(R, n):
    return R.claim("count", n, R.ch([str(n), f"{n} ({_ROMAN[n]})" if n < len(_ROMAN) else str(n), _cnt_word(n),
                                     "1 (solitary)" if n == 1 else f"{n} (separate)"]))


def math_size(R):
    f, area = R.f["area_fraction"], R.f["area_pixels"]
    px = R.claim("pct", f, f"{area:,} pixels")
    res = R.claim("pct", f, f"{f:.4f}, i.e. {_p(f)}%")
    cls = size_class_text(R, R.f["size_class"], band=False)
    return (f"How big is it? Step 1: count the mask's pixels: {px}. Step 2: the whole image is 256 x 256 = 65,536 pixels. "
            f"Step 3: divide: {area:,} / 65,536 = {res}. Step 4: compare with the bands (under 1% small, 1-5% medium, 5% or more large), "
            f"so it is {cls}.")


def mixed_size(R):
    f = R.f["area_fraction"]
    a = size_pct_text(R, f, form="cm2" if R.p["spacing"] else "pct")
    b = size_pct_text(R, f, form=R.ch(["pixels", "permille", "frac"]))
    where = "in this image" if R.photo else "on this slice"
    return R.ch([f"Area: {a}; in pixel terms {b}.", f"It takes up {a} {where}, which, switching units, is {b}."])


def ask_question(R, t, rels, false_rel):
    o = R.p["orientation"]
    if t == "side":
        return R.ch(["Which side is it on, the patient's or the screen's? I mean the patient's.", "Left or right, in patient terms?",
                     "Is that the patient's left or right?"])
    if t == "vert":
        return R.ch({"LP": ["Front or back half?", "Anterior or posterior?"], "LI": ["Upper or lower part?", "Superior or inferior?"]}.get(
            o, ["Upper or lower half of the frame?", "Where is it vertically in the picture?"]))
    if t == "rel":
        other = false_rel[0] if false_rel else R.ch(rels)[0]
        R.asked_other = other
        return R.ch([f"Where is it relative to the {other}?", f"How does it sit with respect to the {other}?"])
    if t == "count":
        return R.ch(["How many separate pieces are there?", "Is it one connected region or several? Give me the number.",
                     "Count them for me."])
    return R.ch(["How big is it, as a share of the image?", "What percentage of the frame does the mask cover?",
                 "Give me the area in pixels and percent.", "And the size?"])


def follow_answer(R, t, topic_sentences, false, rels, false_rel, n):
    rng = R.rng
    if t == "rel" and not false:
        mine = [x for x in rels if x[0] == R.asked_other]
        core = s_rel(R, mine)
    elif t == "rel":
        core = s_rel(R, [false_rel])
    elif t == "size" and not false:
        core = R.ch([math_size, mixed_size, lambda R: s_size(R)])(R) if R.style in ("math_tutor", "mixed_units") else s_size(R)
    else:
        core = topic_sentences(t, false)
    extra = []
    if rng.random() < 0.6:
        extra.append(rng.choice([convention(R), numbers_note(R), knowledge(R)[0]]) if t in ("side", "vert", "rel") else numbers_note(R))
    lead = {"quant_analyst": ["Figure: ", "Result: ", ""], "radiology_measurements": ["Addendum: ", ""],
            "math_tutor": ["Good question. ", "Let's see. ", ""], "mixed_units": ["Sure. ", ""]}[R.style]
    return rng.choice(lead) + " ".join([core] + extra)


def summary(R, nm, n, ts):
    rng = R.rng
    parts = [nm]
    for t in rng.sample(ts, min(len(ts), 3)):
        if t == "side":
            parts.append(side_text(R, R.f["laterality"]))
        elif t == "vert":
            parts.append(vert_text(R, R.f["vertical"]))
        elif t == "rel":
            o, r = rng.choice(_rels(R))
            parts.append(rel_text(R, o, r, "it", lower=True))
        elif t == "size":
            parts.append(size_pct_text(R, R.f["area_fraction"]) + ", " + size_class_text(R, R.f["size_class"], band=False))
        elif t == "count":
            parts.append(count_text(R, n))
    return "Summary: " + "; ".join(parts) + "."


def misconception(R, t, n, rels):
    """A clean row's false user idea and the answer that corrects it explicitly."""
    f = R.f
    if t == "side":
        lat = f["laterality"]
        if lat in ("left", "right"):
            img = _OPP[lat]
            q = R.claim("side", img, f"It's on the {img} of the screen, so that's the patient's {img} side", corrected=True) + ", isn't it?"
            return q, lambda R: (f"No, the screen is mirrored. {s_side(R, n)} " + convention(R))
        if lat == "bilateral":
            w = R.ch(["left", "right"])
            q = R.claim("side", w, f"Looks like it's only on the patient's {w} to me", corrected=True) + "."
            return q, lambda R: f"Not only the {w}: {side_text(R, 'bilateral')}."
        w = R.ch(["left", "right"])
        q = R.claim("side", w, f"I'd call that {w}-sided", corrected=True) + "."
        return q, lambda R: f"I wouldn't. {s_side(R, n)} Being a little off-centre on screen isn't the same as being lateralised."
    if t == "vert":
        v = _VOPP[f["vertical"]]
        word = {"upper": "upper half", "lower": "lower half"}.get(v, v)
        q = R.claim("vert", v, f"It's in the {word} part, I think" if v in ("anterior", "posterior", "superior", "inferior") else f"It's in the {word} of the picture, I think", corrected=True) + "."
        return q, lambda R: f"Actually no. {s_vert(R, n)}"
    if t == "count":
        m = R.ch([x for x in (n - 1, n + 1) if x >= 1])
        u = R.p["unit"][0 if m == 1 else 1] if R.p["kind"] == "lesion" else ("piece" if m == 1 else "pieces")
        q = R.claim("count", m, f"I only see {_cnt_word(m)} {u}" if m < n else f"I count {_cnt_word(m)} {u}", corrected=True) + "."
        return q, lambda R: f"Look again: {count_text(R, n)}. " + R.ch(["Zooming in helps.", "Two pieces touching by a corner still count as one.", "Counting on a small thumbnail is hard."])
    # size
    bad = false_fraction(R)
    q = R.claim("pct", bad, f"I'd have guessed it covers about {_p(bad)}% of the image", corrected=True) + "."
    word = "less" if bad > f["area_fraction"] else "more"
    return q, lambda R: f"It's {word} than that: {size_pct_text(R, f['area_fraction'], form=R.ch(['pct', 'pixels', 'range']))}. Eyeballing areas is notoriously unreliable."


def premise(R, t, false_rel, n):
    f = R.f
    if t == "side":
        v = side_false(R)
        ph = "in the midline" if v == "midline" else f"on the patient's {v}"
        return R.claim("side", v, f"Since it's {ph}", ) + R.ch([", could that explain the pain she describes?", ", does that fit her symptoms?",
                                                                ", is that relevant for the surgical approach?"])
    if t == "vert":
        v = _VOPP[f["vertical"]]
        ph = {"upper": "in the upper half of the frame", "lower": "in the lower half of the frame"}.get(v, v)
        return R.claim("vert", v, f"Given that it sits {ph}") + R.ch([", does that change anything clinically?", ", is it easier to reach?"])
    if t == "rel":
        o, r = false_rel
        return R.claim("rel", [o, r], _premise_rel(o, r)) + R.ch([", is it at risk during surgery?", ", does that matter for planning?"])
    if t == "size":
        if R.rng.random() < 0.6:
            bad = false_fraction(R)
            return R.claim("pct", bad, f"At roughly {_p(bad)}% of the image") + R.ch([", is that something to worry about?", ", how does that compare with normal?"])
        c = false_class(R)
        return R.claim("size_class", c, f"Given how {'big' if c == 'large' else 'small' if c == 'small' else 'medium-sized'} it is") + \
            R.ch([", should we be worried?", ", does that change follow-up?"])
    m = R.n_said
    u = R.p["unit"][0 if m == 1 else 1] if R.p["kind"] == "lesion" else ("piece" if m == 1 else "pieces")
    tail = [", is local treatment still an option?", ", what's the usual next step?"] if R.p["kind"] == "lesion" else \
        [", could that be a normal variant?", ", is that unusual on a single slice?"]
    return R.claim("count", m, f"With {_cnt_word(m)} {u}" if m > 1 else f"With just one {u}") + R.ch(tail)


def _premise_rel(o, r):
    return {"left_of": f"Since it lies to the patient's left of the {o}", "right_of": f"Since it lies to the patient's right of the {o}",
            "anterior_to": f"Since it sits in front of the {o}", "posterior_to": f"Since it sits behind the {o}",
            "superior_to": f"Since it sits above the {o}", "inferior_to": f"Since it sits below the {o}"}[r]


def premise_reply(R, ts, topic_sentences):
    rng = R.rng
    lead = rng.choice(["That's a clinical judgement more than an imaging one.", "Possibly; the segmentation alone can't settle it.",
                       "It may matter, but the decision rests with the treating team.", "Fair question."])
    mid = rng.choice(knowledge(R, 2))
    t = rng.choice(ts)
    return " ".join([lead, mid, "From the mask itself:", topic_sentences(t) if t != "rel" else s_rel(R, [rng.choice(_rels(R))])])
