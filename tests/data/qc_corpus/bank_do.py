"""Bank DO: public segmentation sets as a researcher converts them, with the labels those sets use.

Targets: BraTS "whole tumour" / "tumour core" / "enhancing tumour", LiTS "liver" / "liver tumour", KiTS
"kidney" / "kidney tumour", MSD "pancreas" / "spleen" / "hippocampus" / "prostate", ACDC "left ventricle" /
"myocardium", ISIC "skin lesion", Kvasir "polyp", BUSI "breast lesion", JSRT/Montgomery "left lung" /
"right lung" / "heart" / "lungs", ISLES "stroke lesion", DRIVE/REFUGE "optic disc" / "optic cup".
Registers (STYLES): "caption" (answer, then a one-line figure caption), "structured" (a Target/Side/Extent/
Pieces block, then a sentence), "protocol" (a teaching assistant relating the label to the set's annotation
protocol), "note" (a brief answer followed by a "Note:" caveat).

Written without reading QC. Every claim a row makes about the target is kept in `LEDGER` (one entry per
`build` call) so the writer's own reader can check it against the facts. Own check
(/work/notes/qcdo_scripts/check_do.py): rows: 420 clean: 210 defect: 210 bilateral_midline_multi: 255
corrected_premise: 55 defect_in_first: 99 defect_in_followup: 37 defect_in_user: 32 problems: 0.
"""

import json
import math
import random

import numpy as np

STYLES = ["caption", "structured", "protocol", "note"]
LEDGER = []  # one dict per build() call: claims (kind, value, turn, text), premises, first question

# ---------------------------------------------------------------------------------------------- profiles
NO = ["tumour", "tumor", "tumours", "tumors", "neoplasm", "neoplastic", "glioma", "glioblastoma", "gbm",
      "mass", "lesion", "cancer", "oncolog"]
_Q_BRAIN_WT = [
    "Axial FLAIR from a glial malignancy workup. Can you outline the entire abnormal region, oedema included?",
    "On this post-contrast MR the abnormal signal spreads into the white matter. Please segment the full extent of the abnormality, swelling and all.",
    "Pre-op planning for a high-grade primary brain malignancy: draw everything abnormal on this slice - necrosis, enhancement and surrounding oedema together.",
    "Which region would a neurosurgeon call the total abnormal burden on this FLAIR? Segment it.",
]
_Q_BRAIN_TC = [
    "On this T1 post-gadolinium slice, segment the solid and necrotic centre of the abnormality, leaving out the surrounding oedema.",
    "Resection targets the part that enhances plus the dead centre, not the swelling around it. Outline that part.",
    "Which compartment of this glial malignancy is the surgeon usually trying to remove completely? Please mask it.",
]
_Q_BRAIN_ET = [
    "Which part of this glial malignancy lights up after gadolinium? Mask only that rim.",
    "Response assessment (RANO) follows the bright rim on the T1 post-contrast image. Can you segment it?",
    "Outline the gadolinium-avid component on this slice; ignore the oedema and the necrotic middle.",
]
_OTH_BRAIN = {"third ventricle": (0.5, 0.5)}
_OTH_BRAIN2 = {"third ventricle": (0.5, 0.5), "fourth ventricle": (0.5, 0.75)}
_K_BRAIN = [
    "The left lateral ventricle is often compressed when a frontal mass sits on that side, so ventricular asymmetry is a useful clue.",
    "Glioblastoma is the commonest primary malignant brain tumour in adults, roughly 15% of all primary brain tumours.",
    "Midline shift is measured at the septum pellucidum, and more than 5 mm on the right or left is usually reported.",
    "The falx runs in the midline between the two hemispheres and can be displaced by a large mass on either side.",
]
_P_BRATS = {
    "whole tumour": "In BraTS the whole tumour is the union of labels 1, 2 and 4 (necrosis, oedema, enhancing rim), annotated mostly on FLAIR.",
    "tumour core": "BraTS builds the tumour core from the necrotic label and the enhancing label (1 and 4), leaving oedema out; it is read mainly on T1 post-contrast.",
    "enhancing tumour": "BraTS raters draw the enhancing tumour (label 4, later 3) as the T1-contrast-bright tissue only, so it is often a thin rim or a few separate nodules.",
}

_Q_LIVER = [
    "Which abdominal organ produces bile and stores glycogen? Please segment it on this portal venous CT.",
    "For a volumetry study, which organ handles most drug metabolism? Outline it on this slice.",
    "Segment the big solid organ under the right hemidiaphragm that makes clotting factors.",
    "For a volumetry study, can you mask the organ that receives blood from both the portal vein and an artery?",
]
_Q_LIVER_T = [
    "This patient has a colorectal primary and the portal venous phase shows low-density deposits in the bile-producing organ. Segment the deposits only.",
    "Can you outline the focal hypodense abnormalities inside the organ under the right hemidiaphragm? The organ itself shouldn't be included.",
    "Follow-up CT for suspected spread from a bowel primary: mask the focal abnormalities within the bile-producing organ.",
]
_NO_LIVER = ["liver", "livers", "hepatic", "hepato", "hepar"]
_OTH_ABD = {"spleen": (0.8, 0.62), "aorta": (0.52, 0.62), "stomach": (0.66, 0.33)}
_K_ABD = [
    "The left renal vein crosses in front of the aorta to reach the IVC, which sits on the right.",
    "The spleen normally lies in the left upper quadrant, posterior to the stomach.",
    "Riedel's lobe, a tongue-like inferior extension of the right lobe, is reported in about 3-10% of people.",
    "The caudate lobe drains directly into the IVC, which is why it is often spared in Budd-Chiari syndrome.",
]
_P_LITS = {
    "liver": "LiTS labels the liver as 1 and any tumour as 2, and the liver class in most conversions is the union of both, so lesions inside it stay in the mask.",
    "liver tumour": "LiTS marks every lesion voxel as label 2 inside the liver label; each separate blob is a separate tumour in the per-lesion metrics.",
}

_Q_KID = [
    "Which paired retroperitoneal organs filter the blood and make urine? Segment them on this slice.",
    "Please outline the bean-shaped organs beside the psoas muscles.",
    "For split-function planning, mask the organs that produce urine on this arterial-phase CT.",
]
_Q_KID_T = [
    "A solid enhancing abnormality was found incidentally in one of the urine-producing organs. Segment only that abnormality.",
    "For partial resection planning, please outline the focal abnormality arising from the organ that filters blood.",
    "Mask the enhancing focal abnormality in the retroperitoneal organ next to the psoas; leave the normal parenchyma out.",
]
_NO_KID = ["kidney", "kidneys", "renal", "nephr", "rcc"]
_OTH_KID = {"aorta": (0.5, 0.5), "liver": (0.3, 0.4)}
_K_KID = [
    "Horseshoe kidney occurs in about 1 in 500 people and joins the lower poles across the midline.",
    "The right renal artery passes behind the IVC, while the left renal vein runs in front of the aorta.",
    "The adrenal glands sit above each upper pole; the right one is tucked behind the IVC.",
]
_P_KITS = {
    "kidney": "KiTS annotates the kidney including any tumour and cyst, so the 'kidney' region is the whole organ on each side in one label.",
    "kidney tumour": "KiTS raters draw the tumour as its own label inside the kidney region; in KiTS21 cysts have a separate label and are not part of it.",
}

_Q_PANC = [
    "Which retroperitoneal gland makes insulin and digestive enzymes? Please segment it.",
    "Segment the organ whose head nestles in the C-loop of the duodenum.",
    "In a suspected case of chronic alcohol-related inflammation, mask the gland behind the stomach that secretes lipase.",
]
_Q_SPL = [
    "Which organ in the left upper quadrant filters old red cells? Segment it on this CT.",
    "Please mask the lymphoid organ tucked under the left hemidiaphragm.",
    "For an organ-volume study, outline the organ that removes aged erythrocytes.",
]
_Q_HIP = [
    "Which medial temporal structure is key for forming new memories? Segment it on this axial MR.",
    "In a suspected Alzheimer's workup, mask the seahorse-shaped grey matter structures in the temporal lobes.",
    "Outline the structure that shrinks in mesial temporal sclerosis.",
]
_Q_PRO = [
    "Which gland sits below the bladder and produces much of the seminal fluid? Please segment it.",
    "The screening blood test came back at 9 ng/mL; mask the gland we'd biopsy on this T2 MR.",
    "Segment the walnut-sized gland around the proximal urethra on this pelvic MR.",
]
_K_PELVIS = [
    "The rectum lies behind this region, which is why a DRE can assess it.",
    "Benign enlargement is found in about half of men by age 60.",
    "The seminal vesicles sit above and behind, on the left and the right of the midline.",
]
_K_MSD = [
    "The aorta sits slightly left of the midline in front of the spine, with the IVC to its right.",
    "An accessory spleen is found in roughly 10-30% of people, usually near the splenic hilum.",
    "The tail of the pancreas reaches the splenic hilum on the left, while the head sits in the duodenal C-loop on the right.",
]
_K_HIP = [
    "The temporal horns of the lateral ventricles sit just lateral to this region on each side.",
    "Hippocampal volume loss of more than about 20% is typical in moderate Alzheimer's disease.",
    "Left-sided mesial temporal sclerosis is associated with verbal memory decline in many patients.",
]
_P_MSD = {
    "pancreas": "The MSD pancreas task labels pancreas (1) and tumour (2); converted to a 'pancreas' mask, the tumour stays inside the organ.",
    "spleen": "MSD Task09 has a single spleen label drawn on portal venous CT, so the mask is the whole organ without hilar vessels.",
    "hippocampus": "MSD Task04 splits the hippocampus into anterior (head) and posterior (body and tail) labels; the conversion merges both into one 'hippocampus' mask.",
    "prostate": "MSD Task05 labels the peripheral zone and the transition zone separately; the 'prostate' label is their union on T2 and ADC.",
}

_Q_LV = [
    "On this cine MR frame, which chamber pumps oxygenated blood into the aorta? Please segment its blood pool.",
    "For ejection fraction, mask the cavity of the systemic pumping chamber on this end-diastolic frame.",
    "Outline the chamber that receives blood through the mitral valve.",
]
_Q_MYO = [
    "Segment the contractile wall around the systemic pumping chamber on this cine MR frame.",
    "For a wall-thickness map, mask the ring of muscle tissue surrounding the mitral-inflow chamber.",
    "Which tissue thickens during systole around the main pumping cavity? Outline it.",
]
_OTH_CARD = {"right ventricle": (0.42, 0.42), "descending aorta": (0.56, 0.7)}
_K_CARD = [
    "The right ventricle sits anterior and to the right, wrapping around the septum.",
    "A normal left ventricular ejection fraction is about 55-70%.",
    "The descending aorta lies posterior to the heart and slightly to the left of the spine.",
]
_P_ACDC = {
    "left ventricle": "ACDC labels the left ventricular cavity as 3, with papillary muscles included in the cavity, on end-diastolic and end-systolic frames.",
    "myocardium": "ACDC label 2 is the left ventricular myocardium only; the right ventricular wall is not drawn, so the mask is a single ring.",
}

_Q_SKIN = [
    "This dermoscopy image is from a changing pigmented spot on the back. Can you segment the pigmented area?",
    "Outline the pigmented abnormality in this dermoscopic photo so we can apply the ABCD rule.",
    "The patient noticed a dark spot that bled; mask the area of abnormal pigmentation.",
]
_K_SKIN = [
    "Melanoma accounts for about 1% of skin cancers but most of the deaths from them.",
    "A diameter above 6 mm is the 'D' of the ABCD rule.",
    "Dermoscopy images are photos, so 'left' or 'right' in them only means the side of the picture.",
]
_Q_POLYP = [
    "This colonoscopy frame shows a raised growth of the mucosa. Please segment it.",
    "Which finding here would we remove with a snare? Outline it.",
    "Can you mask the protruding mucosal growth in this endoscopy frame before we estimate its Paris class?",
]
_K_POLYP = [
    "Adenoma detection rate should exceed about 25% in screening colonoscopy.",
    "The scope's light makes the lower part of many frames brighter, which can hide flat growths.",
    "In an endoscopy frame, up and down are only halves of the picture, not patient directions.",
]
_Q_BUSI = [
    "A category 4 assessment was given on this sonogram. Segment the finding that prompted it.",
    "Outline the hypoechoic abnormality with angular margins on this ultrasound image.",
    "Which area here made the radiologist recommend a core biopsy? Please segment it.",
]
_K_BUSI = [
    "Posterior acoustic shadowing suggests malignancy, while enhancement behind a finding suggests a cyst.",
    "Fibroadenomas are the commonest benign solid finding in women under 30.",
    "On this probe orientation the top of the image is the skin surface, not a patient direction.",
]
_Q_LLUNG = [
    "On this PA chest film, segment the organ of gas exchange on the side with the cardiac notch.",
    "Which air-filled organ has two lobes and a lingula? Outline it.",
    "Please mask the two-lobed organ of respiration on this frontal radiograph.",
]
_Q_RLUNG = [
    "On this PA chest film, segment the three-lobed organ of respiration.",
    "Which air-filled organ has a horizontal fissure? Outline it.",
    "Please mask the organ of gas exchange whose main bronchus is shorter and steeper.",
]
_Q_HEART = [
    "Which organ's silhouette do we measure against the thoracic width on a PA film? Segment it.",
    "Mask the pump of the middle mediastinum on this frontal radiograph.",
    "Outline the organ whose enlargement is judged by a ratio above 0.5 on this chest film.",
]
_Q_LUNGS = [
    "Segment both organs of gas exchange on this frontal radiograph for a TB screening pipeline.",
    "Please mask the air-filled fields on each side of the mediastinum.",
    "Which paired organs do we check for apical scarring in TB screening? Outline them.",
]
_NO_LUNG = ["lung", "lungs", "pulmonary", "pulmonic", "pneum"]
_OTH_CXR_L = {"heart": (0.55, 0.64), "right lung": (0.3, 0.46)}
_OTH_CXR_R = {"heart": (0.55, 0.64), "left lung": (0.7, 0.46)}
_OTH_CXR_H = {"left lung": (0.7, 0.45), "right lung": (0.3, 0.45), "aortic knob": (0.55, 0.3)}
_OTH_CXR_B = {"heart": (0.53, 0.66), "aortic knob": (0.55, 0.3)}
_K_CXR = [
    "The left hemidiaphragm usually sits slightly lower than the right, by about 1-3 cm.",
    "A cardiothoracic ratio above 0.5 on a PA film suggests cardiomegaly.",
    "The aortic knob projects on the left above the heart border.",
    "The right hilum is normally a little lower than the left one in about 97% of films.",
]
_P_CXR = {
    "left lung": "The JSRT masks come from the SCR database, where the lung fields are drawn excluding the heart and the area below the diaphragm dome.",
    "right lung": "SCR annotations for JSRT draw each lung field separately, stopping at the heart border and the costophrenic angle.",
    "heart": "In the SCR annotation of JSRT the heart is the visible cardiac silhouette, its hidden part behind the diaphragm interpolated by the raters.",
    "lungs": "Montgomery ships separate left and right masks; merged into one 'lungs' label they stay two separate regions.",
}
_Q_STROKE = [
    "Sudden weakness and slurred speech 3 hours ago; the DWI is bright. Segment the area of restricted diffusion.",
    "Which region here has lost its blood supply? Mask the DWI-bright tissue.",
    "Outline the tissue with restricted diffusion on this b1000 image for a thrombectomy decision.",
]
_K_STROKE = [
    "Middle cerebral artery territory infarcts make up roughly two thirds of anterior circulation strokes.",
    "Left-hemisphere strokes often cause aphasia because language is left-dominant in about 95% of right-handers.",
    "An ADC drop confirms true restriction rather than T2 shine-through.",
]
_P_ISLES = "ISLES raters outline the ischaemic core on DWI/ADC as one binary label; separate foci are kept as separate connected pieces."
_Q_DISC = [
    "On this fundus photo, segment the round spot where the retinal vessels and nerve fibres leave the eye.",
    "Which bright oval structure defines the blind spot? Please outline it.",
    "For the glaucoma workup, mask the whole pale oval where the nerve leaves the globe.",
]
_Q_CUP = [
    "For the vertical ratio used in glaucoma screening, segment the pale central depression inside the nerve head.",
    "Mask the excavated pale centre of the nerve head on this fundus image.",
    "Which central pale region enlarges in glaucoma? Outline it.",
]
_K_FUNDUS = [
    "A vertical ratio above about 0.6 raises glaucoma suspicion.",
    "The macula sits about 2.5 disc diameters temporal to the nerve head.",
    "A fundus photo has no patient left or right in it; the eye's own side comes from the file name.",
]
_P_FUNDUS = {
    "optic disc": "REFUGE crops centre the disc, and its raters drew disc and cup as nested regions, so the disc mask includes the cup.",
    "optic cup": "In REFUGE the cup was drawn inside the disc by several ophthalmologists and fused, so it is always a single central region.",
}


def _P(target, ds, modality, region, orient, ells, others, questions, no, know, proto, subj, special=False):
    return {"target": target, "dataset": ds, "modality": modality, "region": region, "orientation": orient,
            "ellipses": ells, "others": others, "questions": questions, "no": no, "know": know,
            "protocol": proto, "subjects": subj, "special": special}


PROFILES = [
    _P("whole tumour", "BraTS", "MR", "head", "LP", [(170, 92, 24, 20)], _OTH_BRAIN2, _Q_BRAIN_WT, NO + ["whole"],
       _K_BRAIN, _P_BRATS["whole tumour"], ["the whole tumour", "the tumour region", "the abnormal signal"]),
    _P("whole tumour", "BraTS", "MR", "head", "LP", [(82, 152, 22, 26)], _OTH_BRAIN2, _Q_BRAIN_WT, NO + ["whole"],
       _K_BRAIN, _P_BRATS["whole tumour"], ["the whole tumour", "the tumour region", "the abnormal signal"]),
    _P("tumour core", "BraTS", "MR", "head", "LP", [(172, 94, 13, 11)], _OTH_BRAIN, _Q_BRAIN_TC, NO + ["core"],
       _K_BRAIN, _P_BRATS["tumour core"], ["the tumour core", "the core", "the resectable core"]),
    _P("tumour core", "BraTS", "MR", "head", "LP", [(86, 150, 17, 14)], _OTH_BRAIN, _Q_BRAIN_TC, NO + ["core"],
       _K_BRAIN, _P_BRATS["tumour core"], ["the tumour core", "the core", "the resectable core"]),
    _P("enhancing tumour", "BraTS", "MR", "head", "LP", [(160, 88, 8, 6), (186, 114, 7, 6)], _OTH_BRAIN,
       _Q_BRAIN_ET, NO + ["enhancing", "enhancement"], _K_BRAIN, _P_BRATS["enhancing tumour"],
       ["the enhancing tumour", "the enhancing component", "the bright rim"], True),
    _P("liver", "LiTS", "CT", "abdomen", "LP", [(84, 112, 50, 44)], _OTH_ABD, _Q_LIVER, _NO_LIVER, _K_ABD,
       _P_LITS["liver"], ["the liver", "the hepatic parenchyma", "the organ"]),
    _P("liver tumour", "LiTS", "CT", "abdomen", "LP", [(70, 100, 9, 8)], _OTH_ABD, _Q_LIVER_T,
       _NO_LIVER + NO + ["metastas", "hcc", "hepatocellular"], _K_ABD, _P_LITS["liver tumour"],
       ["the liver tumour", "the lesion", "the hypodense focus"]),
    _P("liver tumour", "LiTS", "CT", "abdomen", "LP", [(64, 94, 7, 7), (96, 124, 8, 6), (72, 142, 6, 6)], _OTH_ABD,
       _Q_LIVER_T, _NO_LIVER + NO + ["metastas", "hcc", "hepatocellular"], _K_ABD, _P_LITS["liver tumour"],
       ["the liver tumour", "the lesions", "the hypodense foci"], True),
    _P("kidney", "KiTS", "CT", "abdomen", "LP", [(76, 160, 15, 22), (180, 160, 15, 22)], _OTH_KID, _Q_KID, _NO_KID,
       _K_KID, _P_KITS["kidney"], ["the kidneys", "the renal parenchyma", "both kidneys"], True),
    _P("kidney tumour", "KiTS", "CT", "abdomen", "LP", [(186, 170, 12, 10)], _OTH_KID, _Q_KID_T, _NO_KID + NO,
       _K_KID, _P_KITS["kidney tumour"], ["the kidney tumour", "the renal mass", "the lesion"]),
    _P("kidney tumour", "KiTS", "CT", "abdomen", "LP", [(70, 166, 14, 13)], _OTH_KID, _Q_KID_T, _NO_KID + NO,
       _K_KID, _P_KITS["kidney tumour"], ["the kidney tumour", "the renal mass", "the lesion"]),
    _P("pancreas", "MSD", "CT", "abdomen", "LP", [(134, 130, 36, 9)],
       {"aorta": (0.5, 0.62), "spleen": (0.82, 0.52), "stomach": (0.62, 0.36)}, _Q_PANC, ["pancrea"], _K_MSD,
       _P_MSD["pancreas"], ["the pancreas", "the gland", "the pancreatic parenchyma"], True),
    _P("spleen", "MSD", "CT", "abdomen", "LP", [(195, 150, 20, 28)],
       {"liver": (0.3, 0.45), "aorta": (0.5, 0.52), "left kidney": (0.67, 0.68)}, _Q_SPL, ["spleen", "splen", "lien"],
       _K_MSD, _P_MSD["spleen"], ["the spleen", "the organ", "the splenic parenchyma"]),
    _P("hippocampus", "MSD", "MR", "head", "LP", [(96, 150, 8, 18), (160, 150, 8, 18)], _OTH_BRAIN, _Q_HIP,
       ["hippocamp"], _K_HIP, _P_MSD["hippocampus"], ["the hippocampi", "the hippocampal formation", "the mask"], True),
    _P("hippocampus", "MSD", "MR", "head", "LP", [(162, 150, 9, 20)], _OTH_BRAIN, _Q_HIP, ["hippocamp"], _K_HIP,
       _P_MSD["hippocampus"], ["the hippocampus", "the hippocampal formation", "the mask"]),
    _P("prostate", "MSD", "MR", "pelvis", "LP", [(128, 150, 22, 18)],
       {"rectum": (0.5, 0.8), "pubic symphysis": (0.5, 0.36)}, _Q_PRO, ["prostat"], _K_PELVIS, _P_MSD["prostate"],
       ["the prostate", "the gland", "the prostatic tissue"], True),
    _P("left ventricle", "ACDC", "MR", "chest", "LP", [(160, 104, 18, 18)], _OTH_CARD, _Q_LV,
       ["ventric", "lv"], _K_CARD, _P_ACDC["left ventricle"], ["the left ventricle", "the LV cavity", "the blood pool"]),
    _P("myocardium", "ACDC", "MR", "chest", "LP", [(160, 104, 24, 24, "ring", 16)], _OTH_CARD, _Q_MYO,
       ["myocard", "heart muscle", "cardiac muscle"], _K_CARD, _P_ACDC["myocardium"],
       ["the myocardium", "the LV wall", "the muscular ring"]),
    _P("skin lesion", "ISIC", "dermoscopy", "skin", None, [(128, 128, 60, 45)], {}, _Q_SKIN,
       ["lesion", "mole", "nevus", "naevus", "melanoma"], _K_SKIN,
       "ISIC masks are single binary outlines of the whole lesion drawn on the dermoscopy photo, semi-automatically and then corrected.",
       ["the skin lesion", "the lesion", "the pigmented area"]),
    _P("skin lesion", "ISIC", "dermoscopy", "skin", None, [(120, 78, 30, 25)], {}, _Q_SKIN,
       ["lesion", "mole", "nevus", "naevus", "melanoma"], _K_SKIN,
       "ISIC masks are single binary outlines of the whole lesion drawn on the dermoscopy photo, semi-automatically and then corrected.",
       ["the skin lesion", "the lesion", "the pigmented area"]),
    _P("polyp", "Kvasir-SEG", "endoscopy", "colon", None, [(150, 172, 30, 28)], {}, _Q_POLYP,
       ["polyp", "polypoid", "adenoma"], _K_POLYP,
       "Kvasir-SEG masks were drawn by an endoscopist and checked by a gastroenterologist; every polyp in the frame goes into the same binary mask.",
       ["the polyp", "the growth", "the raised mucosa"]),
    _P("polyp", "Kvasir-SEG", "endoscopy", "colon", None, [(80, 86, 14, 12), (172, 166, 18, 16)], {}, _Q_POLYP,
       ["polyp", "polypoid", "adenoma"], _K_POLYP,
       "Kvasir-SEG masks were drawn by an endoscopist and checked by a gastroenterologist; every polyp in the frame goes into the same binary mask.",
       ["the polyps", "the growths", "the mask"], True),
    _P("breast lesion", "BUSI", "US", "breast", None, [(128, 98, 35, 22)], {}, _Q_BUSI,
       ["lesion", "breast", "mass", "lump", "tumour", "tumor", "fibroadenoma", "carcinoma", "cyst"], _K_BUSI,
       "BUSI gives one mask per image for benign and malignant findings (normal images have empty masks); radiologists drew them freehand.",
       ["the breast lesion", "the lesion", "the hypoechoic area"]),
    _P("breast lesion", "BUSI", "US", "breast", None, [(130, 154, 55, 40)], {}, _Q_BUSI,
       ["lesion", "breast", "mass", "lump", "tumour", "tumor", "fibroadenoma", "carcinoma", "cyst"], _K_BUSI,
       "BUSI gives one mask per image for benign and malignant findings (normal images have empty masks); radiologists drew them freehand.",
       ["the breast lesion", "the lesion", "the hypoechoic area"]),
    _P("left lung", "JSRT", "XR", "chest", "LI", [(180, 118, 38, 70)], _OTH_CXR_L, _Q_LLUNG, _NO_LUNG, _K_CXR,
       _P_CXR["left lung"], ["the left lung", "the left lung field", "the mask"]),
    _P("right lung", "JSRT", "XR", "chest", "LI", [(76, 116, 40, 74)], _OTH_CXR_R, _Q_RLUNG, _NO_LUNG, _K_CXR,
       _P_CXR["right lung"], ["the right lung", "the right lung field", "the mask"]),
    _P("heart", "JSRT", "XR", "chest", "LI", [(136, 162, 37, 31)], _OTH_CXR_H, _Q_HEART,
       ["heart", "cardiac", "cardio", "coronary"], _K_CXR, _P_CXR["heart"],
       ["the heart", "the cardiac silhouette", "the mask"], True),
    _P("lungs", "Montgomery", "XR", "chest", "LI", [(76, 116, 38, 72), (182, 118, 36, 70)], _OTH_CXR_B, _Q_LUNGS,
       _NO_LUNG, _K_CXR, _P_CXR["lungs"], ["the lungs", "both lung fields", "the mask"], True),
    _P("stroke lesion", "ISLES", "MR", "head", "LP", [(88, 118, 16, 20)], _OTH_BRAIN, _Q_STROKE,
       ["stroke", "infarct", "lesion", "ischemi", "ischaemi"], _K_STROKE, _P_ISLES,
       ["the stroke lesion", "the infarct", "the DWI-bright area"]),
    _P("stroke lesion", "ISLES", "MR", "head", "LP", [(168, 98, 7, 8), (188, 130, 6, 6), (160, 154, 5, 6)],
       _OTH_BRAIN, _Q_STROKE, ["stroke", "infarct", "lesion", "ischemi", "ischaemi"], _K_STROKE, _P_ISLES,
       ["the stroke lesions", "the infarcts", "the mask"], True),
    _P("optic disc", "REFUGE", "other", "eye", None, [(190, 128, 16, 17)], {}, _Q_DISC,
       ["optic disc", "disc", "disk", "nerve head", "onh", "papilla"], _K_FUNDUS, _P_FUNDUS["optic disc"],
       ["the optic disc", "the disc", "the nerve head"]),
    _P("optic disc", "REFUGE", "other", "eye", None, [(128, 128, 45, 47)], {}, _Q_DISC,
       ["optic disc", "disc", "disk", "nerve head", "onh", "papilla"], _K_FUNDUS, _P_FUNDUS["optic disc"],
       ["the optic disc", "the disc", "the nerve head"]),
    _P("optic cup", "REFUGE", "other", "eye", None, [(128, 128, 25, 26)], {}, _Q_CUP,
       ["cup", "cupping", "excavation"], _K_FUNDUS, _P_FUNDUS["optic cup"], ["the optic cup", "the cup", "the mask"]),
    _P("optic cup", "DRIVE", "other", "eye", None, [(190, 128, 8, 9)], {}, _Q_CUP,
       ["cup", "cupping", "excavation"], _K_FUNDUS, _P_FUNDUS["optic cup"], ["the optic cup", "the cup", "the mask"]),
]


def pick_profile(profiles, i, defect, rng):
    pool = [p for p in profiles if not (defect == "laterality" and p["orientation"] is None)]
    special = [p for p in pool if p["special"]]
    if special and rng.random() < 0.42:
        return rng.choice(special)
    return rng.choice(pool)


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
    for e in p["ellipses"]:
        cx, cy, rx, ry = e[0] + dx, e[1] + dy, e[2] * rng.uniform(0.96, 1.04), e[3] * rng.uniform(0.96, 1.04)
        m = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
        if len(e) > 4:  # a ring: outer ellipse minus an inner circle
            m &= ((xx - cx) / e[5]) ** 2 + ((yy - cy) / e[5]) ** 2 > 1
        mask |= m
    others = {k: (v[0] + rng.uniform(-0.01, 0.01), v[1] + rng.uniform(-0.01, 0.01)) for k, v in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


# ---------------------------------------------------------------------------------------------- phrases
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper", "left_of": "right_of", "right_of": "left_of",
        "anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
        "inferior_to": "superior_to"}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _cap(s):
    return s[0].upper() + s[1:]


def _hemi(p):
    return {"head": "hemisphere", "chest": "hemithorax"}.get(p["region"], "side")


def lat_text(p, v, rng, short=False):
    if short:
        return {"left": rng.choice(["left", "patient's left", "left-sided"]),
                "right": rng.choice(["right", "patient's right", "right-sided"]),
                "bilateral": rng.choice(["bilateral", "both sides", "left and right"]),
                "midline": rng.choice(["midline", "central, across the midline"])}[v]
    if v in ("left", "right"):
        img = _OPP[v]
        return rng.choice([f"lies on the patient's {v}", f"is {v}-sided", f"sits in the {v} {_hemi(p)}",
                           f"appears on the image's {img}, which in radiological convention is the patient's {v}",
                           f"is on the {v} side of the patient",
                           f"is confined to the patient's {v} {_hemi(p)}"])
    if v == "bilateral":
        return rng.choice(["is bilateral, with tissue on both sides of the midline",
                           "has one part on the patient's left and one on the right", "is present on both sides",
                           "spans both sides, one region either side of the midline"])
    return rng.choice(["sits in the midline", "straddles the midline", "is centred on the midline",
                       "lies in the midline rather than on one side"])


def lat_neg(p, v, rng):
    """A true negation about the side (v = the true laterality)."""
    if v in ("left", "right"):
        if rng.random() < 0.3:
            return "is not bilateral", ("not", "bilateral")
        return rng.choice([f"is not on the {_OPP[v]}", f"does not cross to the patient's {_OPP[v]}"]), ("not", _OPP[v])
    if v == "bilateral":
        return "is not confined to one side", ("not", "left+right")
    return "is not lateralised to either side", ("not", "left+right")


def vert_text(p, v, rng, short=False):
    o = p["orientation"]
    if o is None:
        if short:
            return {"upper": "upper half", "lower": "lower half", "central": "vertically central"}[v]
        return {"upper": rng.choice(["sits in the upper half of the image", "is in the top half of the frame",
                                     "lies in the upper part of the picture"]),
                "lower": rng.choice(["sits in the lower half of the image", "is in the bottom half of the frame",
                                     "lies toward the lower part of the picture"]),
                "central": rng.choice(["is roughly centred vertically in the frame",
                                       "sits at mid-height in the image", "is neither high nor low in the picture"])}[v]
    if o == "LP":
        if short:
            return {"anterior": "anterior", "posterior": "posterior", "central": "central (AP)"}[v]
        return {"anterior": rng.choice(["is anteriorly placed", "lies in the front half of the slice",
                                        "sits toward the front (anterior)"]),
                "posterior": rng.choice(["is posteriorly placed", "lies in the back half of the slice",
                                         "sits toward the back (posterior)"]),
                "central": rng.choice(["is central front-to-back", "sits at mid-depth anteroposteriorly",
                                       "is neither anterior nor posterior overall"])}[v]
    if short:
        return {"superior": "superior", "inferior": "inferior", "central": "mid-height"}[v]
    return {"superior": rng.choice(["sits in the upper (superior) part of the film", "is superiorly placed",
                                    "lies toward the top of the chest"]),
            "inferior": rng.choice(["sits in the lower (inferior) part of the film", "is inferiorly placed",
                                    "lies toward the bases"]),
            "central": rng.choice(["is at mid-height on the film", "is central craniocaudally",
                                   "sits neither high nor low on the film"])}[v]


def rel_text(other, rel, rng):
    return {"left_of": rng.choice([f"lies to the patient's left of the {other}", f"is left of the {other}"]),
            "right_of": rng.choice([f"lies to the patient's right of the {other}", f"is right of the {other}"]),
            "anterior_to": rng.choice([f"lies in front of the {other}", f"is anterior to the {other}"]),
            "posterior_to": rng.choice([f"lies behind the {other}", f"is posterior to the {other}"]),
            "superior_to": rng.choice([f"sits above the {other}", f"is superior to the {other}"]),
            "inferior_to": rng.choice([f"sits below the {other}", f"is inferior to the {other}"])}[rel]


def cls_word(c, rng):
    return {"small": rng.choice(["small", "small", "quite small"]),
            "medium": rng.choice(["medium-sized", "medium", "moderate in size"]),
            "large": rng.choice(["large", "large", "big"])}[c]


def pct_text(x, rng):
    """x is a percent value."""
    if x >= 1.5 and abs(round(x) - x) / x < 0.1 and round(x) in _NUM and rng.random() < 0.4:
        return rng.choice(["about ", "roughly ", ""]) + _NUM[round(x)] + " percent"
    if x >= 10:
        return rng.choice(["about ", "~", ""]) + f"{x:.0f}%"
    if x >= 1:
        return rng.choice(["about ", "~", "", "roughly "]) + f"{x:.1f}%"
    return rng.choice(["about ", "~", "", "just "]) + f"{x:.2f}%"


def count_text(n, rng, short=False):
    if short:
        return rng.choice([f"{n}", _NUM.get(n, str(n))]) + (" connected region" if n == 1 else " separate pieces")
    if n == 1:
        return rng.choice(["is a single connected region", "forms one contiguous piece",
                           "is one piece, with no separate satellites", "is a single blob"])
    w = _NUM.get(n, str(n))
    return rng.choice([f"consists of {w} separate pieces", f"is made of {n} disconnected components",
                       f"falls into {w} separate regions", f"has {w} distinct islands"])


# ---------------------------------------------------------------------------------------------- claims
def _wrong(kind, facts, p, rng):
    """A false value of one claim type."""
    if kind == "laterality":
        v = facts["laterality"]
        if v in ("left", "right"):
            return ("laterality", _OPP[v] if rng.random() < 0.75 else rng.choice(["bilateral", "midline"]))
        if v == "bilateral":
            return ("laterality", rng.choice(["left", "right"]))
        return ("laterality", rng.choice(["left", "right"]))
    if kind == "position":
        rels = facts["relations"]
        if rels and rng.random() < 0.45:
            r = rng.choice(rels)
            return ("relation", (r["other"], _OPP[r["relation"]]))
        v = facts["vertical"]
        axis = {"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[p["orientation"]]
        if v == "central":
            return ("vertical", rng.choice(axis))
        return ("vertical", _OPP[v] if rng.random() < 0.8 else "central")
    if kind == "size":
        if rng.random() < 0.55:
            return ("size_class", rng.choice([c for c in ("small", "medium", "large") if c != facts["size_class"]]))
        f = rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0])
        return ("percent", round(100 * facts["area_fraction"] * f, 3))
    n = facts["components"]
    return ("count", rng.choice({1: [2, 3], 2: [1, 3], 3: [1, 2, 4]}.get(n, [n + 1, n - 1])))


def _truths(kind, facts, p, rng):
    """True claims of one kind (a list of (type, value))."""
    out = []
    if kind == "laterality":
        out.append(("laterality", facts["laterality"]))
    elif kind == "position":
        if rng.random() < 0.75 or not facts["relations"]:
            out.append(("vertical", facts["vertical"]))
        if facts["relations"] and (rng.random() < 0.7 or not out):
            r = rng.choice(facts["relations"])
            out.append(("relation", (r["other"], r["relation"])))
    elif kind == "size":
        if rng.random() < 0.7:
            out.append(("size_class", facts["size_class"]))
        if rng.random() < 0.6 or not out:
            out.append(("percent", round(100 * facts["area_fraction"] * rng.uniform(0.95, 1.05), 3)))
    else:
        out.append(("count", facts["components"]))
    return out


def _clause(p, claim, rng):
    t, v = claim
    if t == "laterality":
        return lat_text(p, v, rng)
    if t == "vertical":
        return vert_text(p, v, rng)
    if t == "relation":
        return rel_text(v[0], v[1], rng)
    if t == "size_class":
        return rng.choice([f"is {cls_word(v, rng)}", f"is {cls_word(v, rng)} for this field of view",
                           f"counts as {cls_word(v, rng)} by area"])
    if t == "percent":
        return rng.choice([f"covers {pct_text(v, rng)} of the image", f"takes up {pct_text(v, rng)} of the frame",
                           f"occupies {pct_text(v, rng)} of the pixels"])
    return count_text(v, rng)


_PLURAL_VERB = {"is": "are", "lies": "lie", "sits": "sit", "appears": "appear", "has": "have", "forms": "form",
                "consists": "consist", "falls": "fall", "covers": "cover", "takes": "take", "occupies": "occupy",
                "counts": "count", "straddles": "straddle", "spans": "span", "does": "do"}


def _agree(subj, clause):
    last = subj.split()[-1]
    if (last.endswith("s") and not last.endswith(("us", "as", "ss"))) or last.endswith("i"):
        w, _, rest = clause.partition(" ")
        return _PLURAL_VERB.get(w, w) + " " + rest
    return clause


def _sentence(p, claim, rng, subj=None):
    s = subj or rng.choice(p["subjects"] + ["it", "the mask", "the segmented region"])
    return _cap(s) + " " + _agree(s, _clause(p, claim, rng)) + "."


def _short(p, claim, rng):
    t, v = claim
    if t == "laterality":
        return lat_text(p, v, rng, short=True)
    if t == "vertical":
        return vert_text(p, v, rng, short=True)
    if t == "relation":
        return rel_text(v[0], v[1], rng).replace("lies ", "").replace("sits ", "").replace("is ", "")
    if t == "size_class":
        return cls_word(v, rng)
    if t == "percent":
        return pct_text(v, rng) + " of the frame"
    return count_text(v, rng, short=True)


_KINDS = ["laterality", "position", "size", "count"]


class _Row:
    def __init__(self):
        self.turns, self.claims, self.premises = [], [], []

    def add(self, role, text, claims=()):
        i = len(self.turns)
        self.turns.append({"role": role, "content": text})
        for c in claims:
            self.claims.append({"type": c[0], "value": c[1], "turn": i})


def _qkind(kind, p, rng, facts):
    o = p["orientation"]
    if kind == "laterality":
        return rng.choice(["Which side is it on?", "Is that the patient's left or right?",
                           "And laterality?", "Left, right or both?"])
    if kind == "position":
        if facts["relations"] and rng.random() < 0.5:
            return rng.choice(["How does it relate to the neighbouring structures?", "Where is it relative to its neighbours?"])
        return rng.choice({"LP": ["Is it anterior or posterior?", "Where does it sit front-to-back?"],
                           "LI": ["Is it high or low on the film?", "Upper or lower zone?"],
                           None: ["Is it in the upper or lower part of the picture?", "Where is it vertically?"]}[o])
    if kind == "size":
        return rng.choice(["How big is it?", "What fraction of the image does it cover?", "Is it large?",
                           "Roughly how much of the frame is that?"])
    return rng.choice(["Is it one piece or several?", "How many separate regions are there?",
                       "Are there satellite pieces?"])


def _premise(kind, claim, p, rng):
    """A user sentence that asserts `claim` as a premise (claim type is of `kind`)."""
    t, v = claim
    if t == "laterality":
        w = {"left": "on the patient's left", "right": "on the patient's right", "bilateral": "on both sides",
             "midline": "in the midline"}[v]
        return rng.choice([f"Since it's {w}, does that change which neighbours matter?",
                           f"Given that it sits {w}, what should I check next?"])
    if t == "vertical":
        return rng.choice([f"Since it {vert_text(p, v, rng)}, is that typical?",
                           f"It {vert_text(p, v, rng)}, so what else is nearby?"])
    if t == "relation":
        return f"Since it {rel_text(v[0], v[1], rng)}, anything to watch for?"
    if t == "size_class":
        return rng.choice([f"Given that it's {cls_word(v, rng)}, is that worth reporting?",
                           f"It's {cls_word(v, rng)}, so is the mask reliable?"])
    if t == "percent":
        return f"At {pct_text(v, rng)} of the image, is that a reliable mask?"
    return rng.choice([f"With {_NUM.get(v, v)} separate pieces, is the mask reliable?",
                       f"Since it {count_text(v, rng)}, how would you report it?"])


def _reply_no_facts(p, rng):
    return rng.choice([
        "I'd start by checking the mask borders against the source image; they look clean here. " + _know(p, rng),
        "Good question. I'd check the borders against the neighbouring slices or frames first. " + _know(p, rng),
        "I would keep the mask as drawn and mention the dataset label in the report. " + _know(p, rng),
    ])


def _know(p, rng):
    """The next unused knowledge sentence of this row (a row-local pool), or a neutral remark when spent."""
    if p["know"]:
        return p["know"].pop()
    return rng.choice(["The mask edges follow the visible boundary.", "No other labelled region touches it.",
                       "Worth double-checking on the original image.", "The outline looks plausible."])


def build(p, facts, style, rng, defect):
    row = _Row()
    o = p["orientation"]
    pool = rng.sample(p["know"], len(p["know"]))
    p = dict(p, know=pool)
    kinds = [k for k in _KINDS if not (k == "laterality" and o is None)]
    place = None
    if defect and defect != "names_target":
        place = rng.choices(["first", "follow", "user"], [0.6, 0.2, 0.2])[0]
    # which kinds the first answer states
    first = rng.sample(kinds, rng.randint(2, len(kinds)))
    if place == "first" and defect not in first:
        first.append(defect)
    if place in ("follow", "user") and defect in first:
        first.remove(defect)
        if not first:
            first = [k for k in kinds if k != defect][:1]
    wrong = _wrong(defect, facts, p, rng) if place else None

    # --- first user question
    q = rng.choice(p["questions"])
    if defect == "names_target":
        q = rng.choice([f"Please segment the {p['target']} on this image.",
                        f"{q} (It's the {p['target']} label from {p['dataset']}.)",
                        f"Can you find the {p['target']} here and mask it?",
                        f"Segment the {p['target']}; I need it for a {p['dataset']} conversion check."])
    row.add("user", q)

    # --- first answer
    name = p["target"]
    intro = rng.choice([f"That is the {name} [SEG].", f"Here is the {name}: [SEG]", f"Segmented: the {name} [SEG].",
                        f"The structure you describe is the {name}; the mask is [SEG]."])
    claims, sents, block = [], [], {}
    for k in first:
        cl = [wrong] if (place == "first" and k == defect) else _truths(k, facts, p, rng)
        claims += cl
        if style == "structured":
            block[k] = cl
        else:
            for c in cl:
                sents.append(_sentence(p, c, rng))
            if k == "laterality" and defect != "laterality" and rng.random() < 0.5:
                neg, negc = lat_neg(p, facts["laterality"], rng)
                subj = rng.choice(p["subjects"])
                sents.append(_cap(subj) + " " + _agree(subj, neg) + ".")
                claims.append(("lat_not", negc[1]))
    distract = [_know(p, rng), _know(p, rng)]
    conv = ("On this radiological display the patient's left is on the image's right." if o
            else "This is a " + ("hand-held ultrasound frame" if p["modality"] == "US" else "photograph") +
            ", so there is no patient left or right to report.")

    if style == "caption":
        cap_k = [c for c in claims if c[0] in ("laterality", "size_class", "percent", "vertical") and c != wrong][:2]
        claims += cap_k  # the caption restates them
        body = " ".join([intro] + sents + [distract[0]])
        capparts = [f"{p['dataset']} '{name}' mask in red"] + [_short(p, c, rng) for c in cap_k]
        text = body + "\n\n" + rng.choice(["Caption: ", "Figure caption: ", "Fig. 1 - "]) + ", ".join(capparts) + "."
    elif style == "structured":
        lines = [f"Target: {name} ({p['dataset']})"]
        if "laterality" in block:
            lines.append("Side: " + _short(p, block["laterality"][0], rng))
        elif o is None:
            lines.append("Side: n/a (" + ("ultrasound frame" if p["modality"] == "US" else "photograph") + ", no patient side)")
        if "size" in block or "position" in block:
            ext = [_short(p, c, rng) for c in block.get("size", []) + block.get("position", [])]
            lines.append("Extent: " + "; ".join(ext))
        if "count" in block:
            lines.append("Pieces: " + _short(p, block["count"][0], rng))
        text = "\n".join(lines) + "\n\n" + intro + " " + rng.choice([conv, distract[0]])
    elif style == "protocol":
        text = " ".join([intro, p["protocol"]] + sents + [rng.choice([conv, distract[0]])])
    else:
        text = " ".join([intro] + sents) + "\n\nNote: " + rng.choice([
            "the mask follows the dataset's label, not a clinical diagnosis. " + distract[0],
            "sizes here are fractions of the whole image, which depends on the field of view. " + distract[0],
            "a single slice can understate how many pieces there are in 3D. " + distract[0],
            conv])
    row.add("assistant", text, claims)

    # --- follow-ups
    rest = [k for k in kinds if k not in first]
    rounds = rng.choice([1, 2])
    if place in ("follow", "user"):
        rounds = max(rounds, 1)
    did_fix = False
    for r in range(rounds):
        if place == "follow" and r == 0:
            row.add("user", _qkind(defect, p, rng, facts))
            text = _sentence(p, wrong, rng) + " " + _know(p, rng)
            row.add("assistant", text, [wrong])
            continue
        if place == "user" and r == 0:
            row.add("user", _premise(defect, wrong, p, rng), [wrong])
            row.premises.append({"turn": len(row.turns) - 1, "corrected": False})
            row.add("assistant", _reply_no_facts(p, rng))
            continue
        avail = [k for k in rest if k != defect] if defect else rest
        if not defect and not did_fix and rng.random() < 0.22:
            # the user holds a false idea; the assistant corrects it explicitly
            k = rng.choice(kinds)
            bad = _wrong(k, facts, p, rng)
            row.add("user", rng.choice(["So it ", "Looks to me like it ", "Wait, I read it as: it "]) +
                    _clause(p, bad, rng) + rng.choice([" - is that right?", "?", ", correct?"]), [bad])
            row.premises.append({"turn": len(row.turns) - 1, "corrected": True})
            good = _truths(k, facts, p, rng)
            text = rng.choice(["No, that's not right: ", "Not quite. ", "Actually, no: "]) + " ".join(
                _sentence(p, c, rng) for c in good)
            row.add("assistant", text, good)
            did_fix = True
            continue
        if avail:
            k = rng.choice(avail)
            rest.remove(k)
            row.add("user", _qkind(k, p, rng, facts))
            good = _truths(k, facts, p, rng)
            text = " ".join(_sentence(p, c, rng) for c in good)
            if rng.random() < 0.5:
                text += " " + _know(p, rng)
            row.add("assistant", text, good)
        else:
            did_sum = any("In short" in t["content"] or "Summary:" in t["content"] for t in row.turns)
            row.add("user", rng.choice(["Thanks. Anything else I should know?", "Anything to double-check?"] if did_sum
                                       else ["Can you summarise in one line?", "What would you put in the report?"]))
            k = rng.choice([k for k in kinds if k != defect])
            good = _truths(k, facts, p, rng)
            text = (rng.choice(["Also worth saying:", "One more point:"]) if did_sum else
                    rng.choice(["In short: the", "Summary: the", "The"]) + f" {name} mask (from {p['dataset']}).") + " " + \
                " ".join(_sentence(p, c, rng) for c in good)
            row.add("assistant", text, good)
    LEDGER.append({"claims": row.claims, "premises": row.premises, "place": place, "no": p["no"]})
    return row.turns, ([defect] if defect else [])
