"""Bank EZ: 2D modalities and mixed orientations.

Targets: frontal chest X-rays ("LI": right/left lung, both lungs, heart, trachea, pneumothorax, pleural
effusion, lung nodules), transverse neck ultrasound ("LP": thyroid gland, right/left lobe, thyroid nodule(s)),
focused ultrasound without patient axes (gallbladder, gallstones, kidney, breast lesion, fetal head, femur),
fundus photographs (optic disc of a right and of a left eye, optic cup, hard exudates; the eye's side comes
only from the history), dermoscopy (melanoma) and endoscopy (polyp, polyps, ulcer).
Registers: a sonographer's worksheet dictation, an ophthalmology resident teaching, a general-purpose chat
LLM with hedges, a patient-friendly explainer.
Laterality defects sit only on the X-rays and the transverse (axial) neck images, about half each; position
defects half on those, half on the photos and focused scans (upper/lower half of the frame).

Written without reading QC.

Own check (/work/notes/qcez_scripts/check_ez.py, a ledger of every claim the bank writes):
rows: 420 clean: 210 defect: 210 problems: 0.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

STYLES = ["sonographer", "resident", "chatllm", "explainer"]
W = 256
ORIENT = {"xr": "LI", "neck": "LP", "us": None, "fundus": None, "derm": None, "endo": None}
MODALITY = {"xr": "XR", "neck": "US", "us": "US", "fundus": "other", "derm": "dermoscopy", "endo": "endoscopy"}
LEDGER: dict[str, list[dict]] = {}  # json of the turns -> the claims written into them (read by the own check)

XR_OTHERS = {"heart": (0.57, 0.62), "trachea": (0.5, 0.2)}
NECK_OTHERS = {"trachea": (0.5, 0.43), "right common carotid artery": (0.17, 0.5),
               "left common carotid artery": (0.83, 0.5), "oesophagus": (0.6, 0.56)}


def _p(target, frame, shapes, names, forbid, cores, named, know, lay, region, unit=("region", "regions"),
       others=None, plural=False, imgs=None, eye=None):
    return dict(target=target, frame=frame, shapes=shapes, names=names, forbid=forbid, cores=cores, named=named,
                know=know, lay=lay, region=region, unit=unit, others=others, plural=plural, imgs=imgs, eye=eye)


_LUNG_FORBID = ["lung", "pulmon", "pneumon"]
PROFILES = [
    _p("right lung", "xr", [(80, 118, 38, 70, 0)], ["right lung"], _LUNG_FORBID,
       ["the organ with three lobes and a horizontal fissure that does gas exchange",
        "the air-filled organ on the same side as the liver",
        "the organ whose middle lobe silhouettes the right heart border"],
       ["the right lung", "the lung on the liver side"],
       ["The right lung has three lobes; the left has two plus the lingula.",
        "The right hemidiaphragm usually sits 1-2 cm higher than the left, because the liver lies under it.",
        "Aspirated material tends to go to the right because the right main bronchus is wider and more vertical.",
        "The left lung is a bit smaller, since the heart takes up room on the left."],
       "It's one of the two sponges that move oxygen into your blood.", "chest",
       others={**XR_OTHERS, "right hemidiaphragm": (0.3, 0.78)}),
    _p("left lung", "xr", [(176, 120, 34, 66, 0)], ["left lung"], _LUNG_FORBID,
       ["the gas-exchange organ that carries the lingula and a cardiac notch",
        "the air-filled organ on the same side as the cardiac apex",
        "the organ with only two lobes that sits beside the aortic knuckle"],
       ["the left lung", "the lung with the lingula"],
       ["The cardiac notch is an indentation on the anterior border of the left lung.",
        "The left main bronchus is longer and more horizontal than the right.",
        "The left hemidiaphragm normally sits a little lower than the right one.",
        "The right lung, by contrast, has a middle lobe and a horizontal fissure."],
       "It's one of the two organs that move oxygen into your blood.", "chest",
       others={**XR_OTHERS, "left hemidiaphragm": (0.7, 0.8)}),
    _p("lungs", "xr", [(80, 118, 38, 70, 0), (176, 120, 34, 66, 0)], ["lungs", "lung fields"], _LUNG_FORBID,
       ["the paired organs that do gas exchange", "both air-filled organs that take up most of the chest",
        "the organs you'd listen to for crackles"],
       ["both lungs", "the lung fields", "the two lungs"],
       ["Together the lungs normally fill most of a PA chest film.",
        "The right lung has three lobes and the left has two.",
        "On a good inspiration you count about 6 anterior or 10 posterior ribs above the diaphragm."],
       "They're the two organs that bring oxygen into your blood.", "chest", unit=("part", "parts"),
       others={"trachea": (0.5, 0.2), "diaphragm": (0.5, 0.82)}, plural=True),
    _p("heart", "xr", [(150, 160, 40, 32, 20)], ["heart", "cardiac silhouette"],
       ["heart", "cardi", "myocard", "coronar"],
       ["the organ that pumps blood round the body", "the muscular pump whose apex should point to the patient's left",
        "the organ whose width we compare with the chest's width on a PA film"],
       ["the heart", "the cardiac silhouette"],
       ["A cardiothoracic ratio above 0.5 on a PA film suggests an enlarged heart.",
        "On an AP film the heart looks larger than on a PA film because it is further from the detector.",
        "In dextrocardia, about 1 in 12,000 people, the apex points to the right.",
        "The right heart border is formed by the right atrium; the left border mostly by the left ventricle."],
       "It's the muscle that pumps your blood.", "chest",
       others={"trachea": (0.5, 0.2), "right lung": (0.314, 0.463), "left hemidiaphragm": (0.7, 0.8)}),
    _p("trachea", "xr", [(128, 50, 8, 34, 0)], ["trachea", "windpipe"], ["trache", "windpipe"],
       ["the air-filled tube that runs down to the carina", "the airway that should sit in the middle of the upper chest",
        "the tube that a large effusion or a tension collection would push away"],
       ["the trachea", "the windpipe"],
       ["It should be central, or deviated just slightly to the right at the level of the aortic knuckle.",
        "A large left-sided effusion can push it to the right; a collapsed upper lobe pulls it toward the collapse.",
        "It divides at the carina, roughly at the level of T4-T5."],
       "It's the tube that carries air from your throat down to your lungs.", "chest",
       others={"heart": (0.588, 0.627), "aortic knuckle": (0.6, 0.32), "right lung": (0.314, 0.463)}),
    _p("pneumothorax", "xr", [(70, 60, 18, 30, 10)], ["pneumothorax", "PTX"], ["pneumothora", "ptx", "collapsed", "pleural air"],
       ["the finding that explains sudden pleuritic pain and breathlessness in a tall young man",
        "the finding that explains the absent markings beyond a thin white line near the apex",
        "the abnormality that would need a chest drain if it kept growing"],
       ["the pneumothorax", "the PTX"],
       ["Primary spontaneous pneumothorax is commonest in tall, thin young men who smoke.",
        "A tension pneumothorax pushes the mediastinum to the opposite side.",
        "British guidance calls a rim over 2 cm at the hilum large.",
        "Look for the visceral pleural line with no lung markings beyond it."],
       "It's a pocket of air that has leaked outside the lung and is pressing on it.", "chest",
       others={"heart": (0.57, 0.62), "trachea": (0.5, 0.2), "right hemidiaphragm": (0.3, 0.78)}),
    _p("pleural effusion", "xr", [(180, 200, 36, 20, 0)], ["pleural effusion", "effusion"],
       ["effusion", "pleural fluid", "fluid"],
       ["the finding that blunts the costophrenic angle in this patient with heart failure",
        "the finding that shows a meniscus at the base", "the collection a thoracentesis would drain"],
       ["the pleural effusion", "the effusion"],
       ["It takes roughly 200 mL to blunt the costophrenic angle on a PA film, and about 50 mL on a lateral.",
        "In heart failure, effusions are more often right-sided or bilateral.",
        "The meniscus sign, higher laterally than medially, is typical."],
       "It's a collection of liquid between the lung and the chest wall.", "chest",
       others={"heart": (0.57, 0.62), "trachea": (0.5, 0.2), "left lung": (0.69, 0.47)}),
    _p("lung nodules", "xr", [(90, 100, 6, 6, 0), (170, 140, 5, 5, 0), (160, 80, 7, 7, 0)],
       ["lung nodules", "pulmonary nodules", "nodules"], _LUNG_FORBID + ["nodul"],
       ["the small round opacities that need counting in this patient with a known colon primary",
        "the coin-like densities scattered across the chest",
        "the round spots the Fleischner society tells us how to follow"],
       ["the lung nodules", "the pulmonary nodules"],
       ["By definition a nodule is under 3 cm; anything bigger is called a mass.",
        "In low-risk patients, solid nodules under 6 mm usually need no routine follow-up.",
        "Blood-borne metastases favour the lower zones, where blood flow is greatest."],
       "They're small round spots in the lungs.", "chest", unit=("nodule", "nodules"), others=dict(XR_OTHERS),
       plural=True),
    _p("thyroid", "neck", [(78, 85, 30, 20, 0), (178, 85, 30, 20, 0), (128, 75, 40, 9, 0)],
       ["thyroid gland", "thyroid"], ["thyro", "thyroid"],
       ["the butterfly-shaped gland that makes calcitonin", "the endocrine gland whose isthmus crosses the trachea",
        "the gland whose hormones set the metabolic rate"],
       ["the thyroid", "the thyroid gland"],
       ["The isthmus crosses in front of the second to fourth tracheal rings.",
        "The right lobe is often slightly bigger than the left.",
        "The oesophagus usually peeks out on the left, deep to the left lobe; don't mistake it for a nodule.",
        "Nodules are found on ultrasound in up to half of adults."],
       "It's a gland in the front of your neck that controls how fast your body burns energy.", "neck",
       others=dict(NECK_OTHERS), imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("right thyroid lobe", "neck", [(78, 85, 30, 20, 0)], ["right thyroid lobe", "right lobe of the thyroid"],
       ["thyro", "lobe"],
       ["the half of the calcitonin-making gland that lies away from the oesophagus",
        "the part of the neck's butterfly gland on the liver's side of the body",
        "the wing of the endocrine gland beside the right carotid"],
       ["the right thyroid lobe", "the right lobe"],
       ["The right lobe is often slightly bigger than the left.",
        "The oesophagus usually sits on the left, behind the left lobe, not on this side.",
        "The carotid artery lies lateral and slightly deep to each lobe, with the jugular vein further out."],
       "It's one half of the gland in the front of your neck that controls your metabolism.", "neck",
       others=dict(NECK_OTHERS), imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("left thyroid lobe", "neck", [(178, 85, 30, 20, 0)], ["left thyroid lobe", "left lobe of the thyroid"],
       ["thyro", "lobe"],
       ["the half of the calcitonin-making gland that the oesophagus peeks out behind",
        "the part of the neck's butterfly gland on the spleen's side of the body",
        "the wing of the endocrine gland beside the left carotid"],
       ["the left thyroid lobe", "the left lobe"],
       ["The oesophagus usually sits behind and slightly to the left of the trachea, deep to this lobe.",
        "The right lobe is often a little larger than this one.",
        "The carotid artery lies lateral and slightly deep to each lobe."],
       "It's one half of the gland in the front of your neck that controls your metabolism.", "neck",
       others=dict(NECK_OTHERS), imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("thyroid nodule", "neck", [(182, 88, 10, 10, 0)], ["thyroid nodule", "nodule"], ["nodul", "thyro"],
       ["the focal finding here that we'd score with TI-RADS", "the rounded focal area the endocrinologist wants sampled",
        "the finding behind this patient's palpable neck lump"],
       ["the thyroid nodule", "the nodule"],
       ["Up to 60% of adults have a nodule on ultrasound, and roughly 5-10% of those are malignant.",
        "TI-RADS scores composition, echogenicity, shape, margin and echogenic foci.",
        "A taller-than-wide shape on a transverse view is a suspicious feature.",
        "FNA is advised from 1 cm for a TR5 nodule and from 1.5 cm for a TR4 one."],
       "It's a lump inside the gland in your neck; most of these are harmless.", "neck",
       others=dict(NECK_OTHERS), imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("thyroid nodule", "neck", [(80, 92, 17, 17, 0)], ["thyroid nodule", "nodule"], ["nodul", "thyro"],
       ["the focal finding here that we'd score with TI-RADS", "the rounded focal area the endocrinologist wants sampled",
        "the finding behind this patient's palpable neck lump"],
       ["the thyroid nodule", "the nodule"],
       ["Up to 60% of adults have a nodule on ultrasound, and roughly 5-10% of those are malignant.",
        "A taller-than-wide shape on a transverse view is a suspicious feature.",
        "FNA is advised from 1 cm for a TR5 nodule and from 1.5 cm for a TR4 one."],
       "It's a lump inside the gland in your neck; most of these are harmless.", "neck",
       others=dict(NECK_OTHERS), imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("thyroid nodules", "neck", [(75, 90, 9, 9, 0), (180, 80, 7, 7, 0)], ["thyroid nodules", "nodules"],
       ["nodul", "thyro"],
       ["the focal findings here that each need a TI-RADS score", "the rounded focal areas in this lumpy-looking gland",
        "the discrete findings the endocrinologist asked us to count"],
       ["the thyroid nodules", "the nodules"],
       ["Up to 60% of adults have at least one nodule on ultrasound.",
        "In a multinodular gland each nodule is scored on its own; the largest isn't necessarily the worst.",
        "A taller-than-wide shape on a transverse view is a suspicious feature."],
       "They're small lumps inside the gland in your neck; most are harmless.", "neck", unit=("nodule", "nodules"),
       others=dict(NECK_OTHERS), plural=True, imgs=["transverse neck ultrasound", "neck sonogram"]),
    _p("gallbladder", "us", [(130, 100, 50, 24, 20)], ["gallbladder", "GB"], ["gallbladder", "gall bladder", "cholecyst", " gb"],
       ["the organ that stores and concentrates bile", "the pear-shaped sac under the liver that contracts after a fatty meal",
        "the organ Murphy's sign is about"],
       ["the gallbladder", "the GB"],
       ["A normal fasting wall is under 3 mm thick.",
        "Stones are present in roughly 10-15% of adults in Western countries.",
        "After a meal it contracts and can look small and thick-walled.",
        "The common bile duct runs in front of the portal vein at the porta hepatis."],
       "It's a little bag under your liver that stores bile to help digest fat.", "abdomen",
       imgs=["RUQ ultrasound", "right upper quadrant sonogram"]),
    _p("gallstones", "us", [(120, 150, 6, 6, 0), (140, 156, 7, 7, 0), (160, 150, 8, 8, 0)], ["gallstones", "stones"],
       ["gallstone", "stone", "cholelith", "calcul"],
       ["the echogenic shadowing foci lying in the dependent part of the gallbladder",
        "the cause of this patient's biliary colic", "the bright objects that roll when the patient turns"],
       ["the gallstones", "the stones"],
       ["They are echogenic, cast a posterior acoustic shadow and move when the patient turns.",
        "Roughly 10-15% of adults have them; most never cause symptoms.",
        "One impacted in the neck matters more than a large one floating in the fundus."],
       "They're little hard pebbles that formed inside the bag that stores bile.", "abdomen",
       unit=("stone", "stones"), plural=True, imgs=["RUQ ultrasound", "right upper quadrant sonogram"]),
    _p("kidney", "us", [(128, 120, 80, 38, 10)], ["kidney"], ["kidney", "renal", "nephr"],
       ["the organ that filters blood to make urine", "the bean-shaped organ we measure pole to pole",
        "the organ whose collecting system would dilate if the ureter were blocked"],
       ["the kidney", "the renal outline"],
       ["A normal adult one is about 10-12 cm long.",
        "The right one usually sits a little lower than the left, because the liver is above it.",
        "The spleen is the acoustic window on the left side, the liver on the right."],
       "It's the organ that cleans your blood and makes urine.", "abdomen",
       imgs=["longitudinal flank ultrasound", "abdominal ultrasound"]),
    _p("breast lesion", "us", [(110, 100, 26, 16, 5)], ["breast lesion", "lesion", "mass"],
       ["lesion", "mass", "lump", "tumo", "breast"],
       ["the finding here that needs a BI-RADS category", "the thing this woman felt at 10 o'clock",
        "the oval hypoechoic finding the radiologist wants biopsied"],
       ["the breast lesion", "the breast mass"],
       ["Wider-than-tall, circumscribed oval lesions favour something benign such as a fibroadenoma.",
        "About 1 in 8 women develop breast cancer during their lifetime.",
        "The upper outer quadrant holds the most tissue, so most cancers arise there."],
       "It's the spot the radiologist wants to look at more closely.", "breast",
       imgs=["ultrasound", "sonogram"]),
    _p("fetal head", "us", [(128, 135, 70, 58, 0)], ["fetal head", "fetal skull"], ["head", "skull", "crani", "cephal"],
       ["the part of the fetus where we measure the biparietal diameter",
        "the fetal structure that holds the thalami and the cavum septi pellucidi",
        "the part we measure the circumference of to estimate gestational age"],
       ["the fetal head", "the baby's head"],
       ["Biparietal diameter is taken at the level of the thalami and cavum septi pellucidi.",
        "Head circumference is traced around the outer edge of the skull.",
        "In a breech presentation the head lies at the upper pole of the uterus."],
       "It's your baby's head, seen from above as a slice.", "pelvis",
       imgs=["obstetric ultrasound", "second-trimester scan"]),
    _p("femur", "us", [(130, 160, 50, 5, -15)], ["femur", "fetal femur"], ["femur", "femor", "thigh"],
       ["the longest bone of the fetal skeleton, measured to date the pregnancy",
        "the long bone we measure end to end in every growth scan",
        "the bright linear bone the sonographer calipers right after the abdomen"],
       ["the femur", "the fetal femur"],
       ["It's measured end to end along the ossified shaft, not including the distal epiphysis.",
        "Measure the one nearest the probe, with the beam perpendicular to the shaft.",
        "A length below the 5th centile can be a soft marker."],
       "It's your baby's thigh bone, which we measure to check growth.", "pelvis",
       imgs=["obstetric ultrasound", "growth scan"]),
    _p("optic disc", "fundus", [(185, 125, 22, 22, 0)], ["optic disc", "optic nerve head"],
       ["disc", "disk", "optic nerve head", "papill", "onh"],
       ["the spot where the retinal vessels enter and the nerve fibres leave the eye",
        "the physiological blind spot", "the part that swells when intracranial pressure rises"],
       ["the optic disc", "the optic nerve head"],
       ["The macula lies about two and a half disc diameters temporal to it.",
        "In a right eye the disc sits on the right of a macula-centred photo; in a left eye, on the left.",
        "Glaucoma affects roughly 3-4% of people over 40."],
       "It's where the nerve from your eye leaves for the brain.", "eye", eye="right",
       imgs=["fundus photo", "retinal photograph"]),
    _p("optic disc", "fundus", [(70, 122, 21, 21, 0)], ["optic disc", "optic nerve head"],
       ["disc", "disk", "optic nerve head", "papill", "onh"],
       ["the spot where the retinal vessels enter and the nerve fibres leave the eye",
        "the physiological blind spot", "the part that swells when intracranial pressure rises"],
       ["the optic disc", "the optic nerve head"],
       ["The macula lies about two and a half disc diameters temporal to it.",
        "In a left eye the disc sits on the left of a macula-centred photo; in a right eye, on the right.",
        "Glaucoma affects roughly 3-4% of people over 40."],
       "It's where the nerve from your eye leaves for the brain.", "eye", eye="left",
       imgs=["fundus photo", "retinal photograph"]),
    _p("optic cup", "fundus", [(185, 125, 10, 10, 0)], ["optic cup", "cup"], ["cup", "excavat"],
       ["the pale central depression whose ratio to the rim we track in glaucoma",
        "the central hollow inside the nerve head that enlarges as the rim thins",
        "the part of the nerve head that glaucoma makes deeper and wider"],
       ["the optic cup", "the cup"],
       ["A ratio above 0.6, or a difference over 0.2 between the eyes, raises suspicion of glaucoma.",
        "By the ISNT rule the rim is thickest inferiorly, then superiorly, nasally, and thinnest temporally.",
        "Large discs have large cups physiologically, so size alone isn't disease."],
       "It's the small pale dip in the middle of where the eye's nerve leaves.", "eye", eye="right",
       imgs=["fundus photo", "retinal photograph"]),
    _p("hard exudates", "fundus", [(112, 150, 4, 4, 0), (128, 160, 3, 3, 0), (100, 166, 5, 5, 0), (140, 146, 3, 3, 0)],
       ["hard exudates", "exudates"], ["exudat"],
       ["the waxy yellow lipid leaks near the macula in this diabetic", "the bright yellow spots that form circinate rings",
        "the deposits that tell us a leaking microaneurysm is nearby"],
       ["the hard exudates", "the exudates"],
       ["They are lipid leaked from damaged capillaries, often in a ring around a leaking microaneurysm.",
        "About one in three people with diabetes has some retinopathy.",
        "Within one disc diameter of the fovea they count toward clinically significant macular oedema."],
       "They're tiny yellow fat deposits that leak out of damaged blood vessels in the retina.", "eye",
       unit=("spot", "spots"), plural=True, eye="left", imgs=["fundus photo", "retinal photograph"]),
    _p("melanoma", "derm", [(128, 125, 60, 45, 15), (165, 150, 25, 20, 0)], ["melanoma", "pigmented lesion"],
       ["melanom"],
       ["the pigmented finding with asymmetry, an irregular border and several colours",
        "the lesion the ABCDE rule would worry you about", "the spot that needs an excision biopsy on this back"],
       ["the melanoma", "the suspected melanoma"],
       ["The ABCDE rule: asymmetry, border, colour, diameter over 6 mm, evolution.",
        "In men they are most common on the back; in women on the lower legs.",
        "Dermoscopy raises diagnostic accuracy substantially over the naked eye."],
       "It's the dark patch of skin the doctor is worried about.", "skin",
       imgs=["dermoscopy image", "dermatoscope picture"]),
    _p("polyp", "endo", [(150, 170, 28, 22, 0)], ["polyp"], ["polyp", "adenoma"],
       ["the growth you'd remove with a snare during this colonoscopy",
        "the raised mucosal growth the screening programme is looking for", "the thing the endoscopist wants resected"],
       ["the polyp", "the adenomatous polyp"],
       ["Lesions under 5 mm are called diminutive and those over 10 mm large.",
        "Adenomas are found in roughly a quarter to a third of screening colonoscopies.",
        "Flat right-sided lesions are the easiest to miss."],
       "It's a small growth on the inside of the bowel, usually removed during the test.", "colon",
       imgs=["colonoscopy frame", "endoscopy image"]),
    _p("polyps", "endo", [(90, 80, 14, 14, 0), (170, 150, 18, 16, 0)], ["polyps"], ["polyp", "adenoma"],
       ["the growths you'd remove with a snare during this colonoscopy",
        "the raised mucosal growths the screening programme is looking for", "the things the endoscopist wants resected"],
       ["the polyps", "the colonic polyps"],
       ["Three or more adenomas shortens the surveillance interval.",
        "Adenomas are found in roughly a quarter to a third of screening colonoscopies.",
        "Lesions under 5 mm are called diminutive and those over 10 mm large."],
       "They're small growths on the inside of the bowel, usually removed during the test.", "colon",
       unit=("polyp", "polyps"), plural=True, imgs=["colonoscopy frame", "endoscopy image"]),
    _p("ulcer", "endo", [(120, 90, 20, 14, 0)], ["ulcer", "gastric ulcer"], ["ulcer", "erosion"],
       ["the mucosal defect with a fibrin base that should be biopsied in this gastroscopy",
        "the likely bleeding source in this patient with melaena and epigastric pain", "the crater the endoscopist is worried about"],
       ["the ulcer", "the gastric ulcer"],
       ["Gastric ulcers on the lesser curve are common, and Helicobacter pylori is often found.",
        "A duodenal ulcer on the posterior wall of the bulb can erode the gastroduodenal artery.",
        "Gastric ulcers are biopsied because a few percent turn out to be malignant."],
       "It's a raw sore in the lining of the stomach.", "stomach", imgs=["gastroscopy frame", "endoscopy image"]),
]

IMGS = {"xr": ["chest X-ray", "chest film", "PA radiograph"], "neck": ["neck ultrasound"], "us": ["ultrasound"],
        "fundus": ["fundus photo"], "derm": ["dermoscopy image"], "endo": ["endoscopy image"]}
FRAME_WORD = {"xr": "film", "neck": "image", "us": "image", "fundus": "photo", "derm": "image", "endo": "frame"}
VIEW = {"xr": "PA film", "neck": "transverse scan"}
ORIENTED = [i for i, p in enumerate(PROFILES) if p["frame"] in ("xr", "neck")]
PHOTOS = [i for i, p in enumerate(PROFILES) if p["frame"] not in ("xr", "neck")]


def record_for(p: dict) -> dict:
    return {"modality": MODALITY[p["frame"]], "body_region": p["region"], "orientation": ORIENT[p["frame"]]}


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:W, 0:W].astype(float)
    m = np.zeros((W, W), bool)
    dx, dy, s = rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(0.95, 1.05)
    for cx, cy, a, b, ang in p["shapes"]:
        t = math.radians(ang)
        X, Y = xx - (cx + dx), yy - (cy + dy)
        u, v = X * math.cos(t) + Y * math.sin(t), -X * math.sin(t) + Y * math.cos(t)
        m |= (u / (a * s)) ** 2 + (v / (b * s)) ** 2 <= 1.0
    return compute_facts(m, ORIENT[p["frame"]], p["others"] or None).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":  # measured sides only: half X-rays, half transverse neck scans
        frame = "xr" if (i // 10) % 2 == 0 else "neck"
        return rng.choice([p for p in profiles if p["frame"] == frame])
    if defect == "position":
        pool = ORIENTED if (i // 10) % 2 == 0 else PHOTOS
        return profiles[rng.choice(pool)]
    return rng.choice(profiles)


# -- words -----------------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
OPP = {"left": "right", "right": "left"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
CLASS_WORDS = {"small": ["small", "small", "fairly small", "little"], "medium": ["medium-sized", "moderate-sized",
                                                                             "mid-sized", "medium"],
               "large": ["large", "big", "sizeable", "large"]}


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def num(n: int, rng: random.Random) -> str:
    return NUM.get(n, str(n)) if rng.random() < 0.6 else str(n)


def pct(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


class Ctx:
    def __init__(self, p, facts, style, rng):
        self.p, self.f, self.style, self.rng = p, facts, style, rng
        self.claims: list[dict] = []
        self.turn = 0

    def claim(self, kind, value, snip, false, other=None):
        self.claims.append({"kind": kind, "value": value, "other": other, "turn": self.turn, "snip": snip,
                            "false": false})

    def subj(self, allow_it=True):
        p, r = self.p, self.rng
        pool = ["the mask", "the segmented region", "the segmentation"]
        if not p["plural"]:
            pool += [f"the {p['names'][0]}", f"the {p['names'][0]}"] + (["it", "it", "it"] if allow_it else [])
            if len(p["names"]) > 1:
                pool.append(f"the {p['names'][1]}")
        return r.choice(pool)

    def fw(self):
        return FRAME_WORD[self.p["frame"]]


# -- claim sentences (each appends one ledger entry) ------------------------------------------------

def say_side(c: Ctx, v: str, false: bool) -> str:
    r, st, fr = c.rng, c.style, c.p["frame"]
    S = c.subj()
    view = VIEW[fr]
    body = "chest" if fr == "xr" else "neck"
    if v in ("left", "right"):
        img, o = OPP[v], OPP[v]
        if st == "sonographer":
            opts = [f"Side: patient's {v}.", f"{cap(v)}-sided.", f"Located {v}, i.e. image {img} on this {view}.",
                    f"{cap(S)} sits on the patient's {v}."]
        elif st == "resident":
            opts = [f"Notice {S} sits on the image's {img}, and on a {view} that means the patient's {v}. "
                    f"People get caught out by that every week.",
                    f"So it's {v}-sided: the patient's {v}, not the {o}.",
                    f"Side-wise we're on the patient's {v}."]
        elif st == "chatllm":
            opts = [f"It appears to be on the patient's {v} (shown on the {img} of the image, per the usual display "
                    f"convention).", f"It looks {v}-sided, though I'd double-check the side marker.",
                    f"From what I can tell, {S} is on the patient's {v} side."]
        else:
            opts = [f"It's on the {v} side of your {body}. On the screen it shows up on the {img}, because these "
                    f"pictures are displayed as if you were facing us.", f"This is on your {v} side.",
                    f"It's on your {v}, even though it looks like the {img} on the picture."]
        s = r.choice(opts)
    elif v == "midline":
        opts = {"sonographer": ["Midline.", f"{cap(S)} centred on the midline.", "Position: midline, straddling both sides."],
                "resident": [f"See how {S} straddles the midline? It isn't a left or a right structure here.",
                             f"{cap(S)} is a midline structure on this {view}."],
                "chatllm": [f"It seems to sit in the midline rather than off to one side.",
                            f"{cap(S)} appears centred on the midline."],
                "explainer": [f"It's right in the middle of your {body}, not off to one side.",
                              f"It sits in the middle, neither on your left nor on your right."]}[st]
        s = r.choice(opts)
    elif v == "bilateral":
        opts = {"sonographer": ["Bilateral.", f"{cap(S)} present on both sides.", "Laterality: bilateral."],
                "resident": [f"Note that {S} is bilateral: there's something on each side of the midline.",
                             "This is a bilateral finding, so check both sides every time."],
                "chatllm": ["It appears to be bilateral, with parts on both the left and the right.",
                            f"{cap(S)} seems to involve both sides."],
                "explainer": [f"It's on both sides of your {body}, left and right.",
                              "There's some on each side, so it isn't just a one-sided thing."]}[st]
        s = r.choice(opts)
    c.claim("laterality", v, s, false)
    return s


def false_side(c: Ctx) -> str:
    t = c.f["laterality"]
    if t in ("left", "right"):
        return OPP[t] if c.rng.random() < 0.8 else "midline"
    return c.rng.choice(["left", "right"])


VERT = {
    "xr": {"superior": ["in the upper chest", "high on the film, toward the apex", "superiorly",
                        "in the upper half of the thorax"],
           "inferior": ["in the lower chest", "low on the film, toward the base", "inferiorly",
                        "down in the lower half of the thorax"],
           "central": ["at mid-chest level, about halfway down the film", "roughly halfway down the film",
                        "in the middle band of the film, neither high nor low"]},
    "neck": {"anterior": ["anterior, in the near field close to the probe", "superficial, toward the front of the neck",
                          "in the anterior part of the image"],
             "posterior": ["deep, in the posterior part of the image", "posterior, in the far field"],
             "central": ["at about mid-depth of the image", "midway between the skin and the spine"]},
    "photo": {"upper": ["in the upper half of the {fw}", "toward the top of the {fw}", "in the top half of the {fw}"],
              "lower": ["in the lower half of the {fw}", "toward the bottom of the {fw}", "in the bottom half of the {fw}"],
              "central": ["near the vertical middle of the {fw}", "roughly halfway down the {fw}",
                          "level with the middle of the {fw}"]},
}
VERT_EXTRA = {"us": {"upper": " (the near field)", "lower": " (the far field)"},
              "fundus": {"upper": ", which is the superior retina", "lower": ", which is the inferior retina"}}


def vert_phrase(c: Ctx, v: str) -> str:
    fr = c.p["frame"]
    key = fr if fr in ("xr", "neck") else "photo"
    s = c.rng.choice(VERT[key][v]).replace("{fw}", c.fw())
    if key == "photo" and c.rng.random() < 0.6:
        s += VERT_EXTRA.get(fr, {}).get(v, "")
    return s


def say_vert(c: Ctx, v: str, false: bool) -> str:
    r, st = c.rng, c.style
    ph = vert_phrase(c, v)
    S = c.subj()
    opts = {"sonographer": [f"Position: {ph}.", f"{cap(S)} lies {ph}.", f"{cap(ph)}."],
            "resident": [f"Look where it is: {ph}.", f"{cap(S)} sits {ph}" + ("" if false or c.p["frame"] not in ("xr", "neck") else ", which is what you'd expect here") + ".",
                         f"Position-wise, {S} is {ph}."],
            "chatllm": [f"It seems to be located {ph}.", f"{cap(S)} appears to lie {ph}.",
                        f"In terms of position, it's {ph}, as far as I can judge."],
            "explainer": [f"On the picture it's {ph}.", f"You can find it {ph}."]}[st]
    s = r.choice(opts)
    c.claim("vertical", v, s, false)
    return s


def false_vert(c: Ctx) -> str:
    t = c.f["vertical"]
    fr = c.p["frame"]
    pair = {"xr": ("superior", "inferior"), "neck": ("anterior", "posterior")}.get(fr, ("upper", "lower"))
    if t == "central":
        return c.rng.choice(pair)
    return pair[1] if t == pair[0] else pair[0]


REL = {"left_of": ["to the patient's left of the {o}", "on the patient's left side of the {o}",
                   "left of the {o} (it shows on the image's right of it)"],
       "right_of": ["to the patient's right of the {o}", "on the patient's right side of the {o}",
                    "right of the {o} (on the image's left of it)"],
       "superior_to": ["above the {o}", "higher than the {o}", "cranial to the {o}"],
       "inferior_to": ["below the {o}", "lower than the {o}", "caudal to the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}", "more superficial than the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}", "deep to the {o}"]}


def say_rel(c: Ctx, other: str, rel: str, false: bool) -> str:
    ph = c.rng.choice(REL[rel]).replace("{o}", other)
    S = c.subj()
    opts = {"sonographer": [f"Relation: {ph}.", f"{cap(S)} lies {ph}.", f"Lies {ph}."],
            "resident": [f"Use the {other} as your landmark: {S} lies {ph}.", f"{cap(S)} is {ph}."],
            "chatllm": [f"It appears to lie {ph}.", f"If I'm reading it right, it's {ph}."],
            "explainer": [f"It sits {ph}.", f"Compared with the {other}, it's {ph}."]}[c.style]
    s = c.rng.choice(opts)
    c.claim("relation", rel, s, false, other=other)
    return s


def size_bits(c: Ctx, cls: str | None, p_val: float | None) -> str:
    fw = c.fw()
    if cls and p_val is not None:
        return c.rng.choice([f"{c.rng.choice(CLASS_WORDS[cls])}, about {pct(p_val)}% of the {fw}",
                             f"{c.rng.choice(CLASS_WORDS[cls])} (roughly {pct(p_val)}% of the {fw})"])
    if cls:
        return c.rng.choice(CLASS_WORDS[cls])
    return c.rng.choice([f"about {pct(p_val)}% of the {fw}", f"roughly {pct(p_val)} percent of the {fw}",
                         f"~{pct(p_val)}% of the {fw}"])


def say_size(c: Ctx, false: bool) -> str:
    r = c.rng
    true_cls, true_p = c.f["size_class"], 100.0 * c.f["area_fraction"]
    mode = r.choice(["both", "cls", "pct"])
    cls, pv = (true_cls if mode != "pct" else None), (true_p * r.uniform(0.93, 1.05) if mode != "cls" else None)
    if false:  # exactly one false element
        if r.random() < 0.5:
            cls, pv = r.choice([k for k in CLASS_WORDS if k != true_cls]), None
        else:
            cls, pv = None, true_p * (r.uniform(3.0, 5.0) if true_p < 12 or r.random() < 0.3 else r.uniform(0.15, 0.3))
    bits = size_bits(c, cls, pv)
    S = c.subj()
    if pv is not None and cls is None:
        opts = {"sonographer": [f"Area: {bits}.", f"{cap(S)} covers {bits}."],
                "resident": [f"{cap(S)} takes up {bits}.", f"By area it's {bits}."],
                "chatllm": [f"It appears to cover {bits}.", f"By my estimate it occupies {bits}."],
                "explainer": [f"It takes up {bits}.", f"It fills {bits}."]}[c.style]
    else:
        opts = {"sonographer": [f"Size: {bits}.", f"{cap(S)} is {bits}."],
                "resident": [f"Size-wise it's {bits}.", f"{cap(S)} is {bits}" + ("" if pv is not None else f" on this {c.fw()}") + "."],
                "chatllm": [f"It looks {bits}.", f"In size, I'd call it {bits}."],
                "explainer": [f"It's {bits}.", f"In size it's {bits}" + ("" if pv is not None else " on this picture") + "."]}[c.style]
    s = r.choice(opts)
    if cls:
        c.claim("size_class", cls, s, false)
    if pv is not None:
        c.claim("percent", round(pv, 4), s, false)
    return s


def say_count(c: Ctx, n: int, false: bool) -> str:
    r = c.rng
    u1, un = c.p["unit"]
    S = c.subj()
    if n == 1:
        opts = {"sonographer": [f"Single {u1}.", "One contiguous region.", f"{cap(S)} is one connected piece."],
                "resident": [f"It's a single connected {u1}, no satellites.", f"{cap(S)} is one piece."],
                "chatllm": ["It appears to be a single connected region.", f"{cap(S)} looks like one contiguous {u1}."],
                "explainer": ["It's just one piece.", f"There's only one {u1}."]}[c.style]
    else:
        w = num(n, r)
        opts = {"sonographer": [f"Count: {w}.", f"{cap(w)} separate {un}.", f"{cap(S)} comprises {w} discrete {un}."],
                "resident": [f"Count them: {w} separate {un}.", f"{cap(S)} is made of {w} distinct {un}."],
                "chatllm": [f"I count {w} separate {un}.", f"There appear to be {w} distinct {un}."],
                "explainer": [f"There are {w} separate {un}.", f"I can see {w} {un}, not joined to each other."]}[c.style]
    s = r.choice(opts)
    c.claim("count", n, s, false)
    return s


def false_count(c: Ctx) -> int:
    n = c.f["components"]
    return c.rng.choice([2, 3]) if n == 1 else c.rng.choice([k for k in (1, n - 1, n + 1, n + 2) if k != n and k >= 1])


# -- knowledge and traps (no claim about the target) -----------------------------------------------

def convention(c: Ctx) -> str:
    fr, p = c.p["frame"], c.p
    if fr == "xr":
        return c.rng.choice(["On a PA film the patient's left is on the viewer's right.",
                             "Remember the display convention: the cardiac apex is normally on the image's right, "
                             "which is the patient's left.",
                             "Check the side marker first; a mirrored film puts the stomach bubble on the wrong side."])
    if fr == "neck":
        return c.rng.choice(["Transverse neck images are displayed like CT, with the patient's right on the left "
                             "of the screen.",
                             "The top of an ultrasound image is the near field, closest to the probe, so up here means "
                             "anterior."])
    if fr == "us":
        return c.rng.choice(["An ultrasound frame on its own doesn't tell you the patient's left from right; the probe "
                             "marker and the labels do.", "Top of the screen is the near field, nearest the transducer."])
    if fr == "fundus":
        e = p["eye"]
        return c.rng.choice([f"A fundus photo carries no side marker: that this is the {e} eye "
                             f"({'OD' if e == 'right' else 'OS'}) comes from the request form, not from the picture.",
                             f"Per the history this is the {e} eye; the photo itself can't tell you that."])
    if fr == "derm":
        return "A dermoscopy picture has no left or right of its own; where the lesion sits on the body comes from the notes."
    return "Up and down in an endoscopy frame depend on how the scope is rotated, so frame position says little about anatomy."


def knowledge(c: Ctx, k: int = 1) -> list[str]:
    out = c.rng.sample(c.p["know"], min(k, len(c.p["know"])))
    if c.rng.random() < 0.5:
        out.append(convention(c))
    return out


def hypothetical(c: Ctx, kind: str) -> str | None:
    """A counterfactual (no claim), only on kinds the row may talk about freely."""
    f, r = c.f, c.rng
    if kind == "laterality" and f["laterality"] in ("left", "right"):
        return r.choice([f"Had it been on the {OPP[f['laterality']]}, the report would simply mirror this.",
                         f"If this were {OPP[f['laterality']]}-sided, I'd still describe it the same way, just mirrored."])
    if kind == "size":
        if f["size_class"] == "small":
            return "Something under 1% of a frame is easy to overlook, so it's worth a second pass."
        return "If it were several times bigger, I'd comment on mass effect."
    if kind == "count" and f["components"] == 1:
        return "If there were a second separate focus, I'd list it separately."
    return None


# -- questions -------------------------------------------------------------------------------------

def first_question(c: Ctx, named: bool) -> str:
    p, r = c.p, c.rng
    core = r.choice(p["named"]) if named else r.choice(p["cores"])
    img = r.choice(p["imgs"] or IMGS[p["frame"]])
    hist = ""
    if p["eye"] and r.random() < 0.7:
        hist = f" History says {'OD' if p['eye'] == 'right' else 'OS'} ({p['eye']} eye)." if c.style != "explainer" \
            else f" It's a photo of my {p['eye']} eye."
    it, be = ("them", "are") if p["plural"] else ("it", "is")
    opts = {"sonographer": [f"Worksheet for this {img}: find {core} and segment {it}.{hist}",
                            f"Next image, {img}.{hist} Please identify {core} and give me a mask.",
                            f"{cap(img)} on screen.{hist} Segment {core}, then we'll fill in the worksheet."],
            "resident": [f"I'm a med student.{hist} On this {img}, where {be} {core}? Could you segment {it}?",
                         f"Teaching case.{hist} Can you show me {core} on this {img} and outline {it}?",
                         f"Quiz me afterwards, but first segment {core} on this {img}.{hist}"],
            "chatllm": [f"Can you find {core} in this {img} and segment {it}?{hist}",
                        f"Hi! Which {'structures' if p['plural'] else 'structure'} in this {img} {be} {core}? Please segment {it}.{hist}",
                        f"In this {img}, please segment {core}.{hist}"],
            "explainer": [f"My doctor showed me this {img} and mentioned {core}.{hist} Where {be} {it.replace('them', 'they')}? Can you outline {it}?",
                          f"I'm trying to understand my {img}.{hist} Which {'parts are' if p['plural'] else 'part is'} {core}? Could you segment {it} for me?",
                          f"Could you point out {core} on my {img} and highlight {it}?{hist}"]}[c.style]
    q = r.choice(opts)
    return q.replace("  ", " ")


FOLLOW_Q = {
    "side": {"sonographer": ["Side for the worksheet?", "Laterality?"],
             "resident": ["Which side would you call that?", "How do I tell which side it's on?"],
             "chatllm": ["Which side of the patient is it on?", "Is it left or right?"],
             "explainer": ["Is it on my left or my right?", "Which side of me is that?"]},
    "position": {"sonographer": ["Position in the frame?", "Where does it sit?"],
                 "resident": ["Where exactly does it sit on the image?", "How would you describe its position?"],
                 "chatllm": ["Where is it located in the image?", "Can you describe its position?"],
                 "explainer": ["Where on the picture is it?", "Whereabouts is it?"]},
    "size": {"sonographer": ["Size estimate?", "How much of the field does it take?"],
             "resident": ["How big is it?", "How would you grade its size?"],
             "chatllm": ["How large is it?", "Roughly what fraction of the image is it?"],
             "explainer": ["Is it big?", "How big is it?"]},
    "count": {"sonographer": ["How many pieces?", "Count?"],
              "resident": ["Is it one region or several?", "How many separate parts did you outline?"],
              "chatllm": ["How many separate regions are there?", "Is it a single region?"],
              "explainer": ["Is there just one?", "How many are there?"]},
    "neighbours": {"sonographer": ["Relation to adjacent structures?"], "resident": ["What landmarks is it next to?"],
                   "chatllm": ["How does it relate to nearby structures?"],
                   "explainer": ["What is it next to?"]},
    "summary": {"sonographer": ["Read back the summary for the worksheet."], "resident": ["Can you sum it up for me?"],
                "chatllm": ["Could you summarise the findings?"], "explainer": ["Can you sum it up simply?"]},
    "meaning": {"sonographer": ["Anything to add in the comments?"], "resident": ["What's the teaching point here?"],
                "chatllm": ["Is there anything clinically important about this?"],
                "explainer": ["Should I be worried?"]},
}
TOPIC_KIND = {"side": "laterality", "position": "position", "neighbours": "position", "size": "size", "count": "count"}


def premise(c: Ctx, kind: str) -> str:
    """A user's false premise about `kind` (not corrected by the assistant); records the claim."""
    r = c.rng
    if kind == "laterality":
        v = false_side(c)
        s = (f"Since it's on the {v} side, " if v != "midline" else "Since it sits in the midline, ")
        c.claim("laterality", v, s.strip(", "), True)
    elif kind == "position":
        rels = c.f["relations"]
        if rels and r.random() < 0.5:
            rel = r.choice(rels)
            ph = r.choice(REL[REL_FLIP[rel["relation"]]]).replace("{o}", rel["other"])
            s = f"Given that it lies {ph}, "
            c.claim("relation", REL_FLIP[rel["relation"]], s.strip(", "), True, other=rel["other"])
        else:
            v = false_vert(c)
            s = f"Since it's {vert_phrase(c, v)}, "
            c.claim("vertical", v, s.strip(", "), True)
    elif kind == "size":
        true_cls = c.f["size_class"]
        if r.random() < 0.5:
            w = r.choice([k for k in ("small", "medium-sized", "large") if not k.startswith(true_cls)])
            s = f"Since it's {'a ' if w != 'large' else 'a '}{w} one, "
            c.claim("size_class", w.replace("-sized", ""), s.strip(", "), True)
        else:
            pv = 100.0 * c.f["area_fraction"] * r.uniform(3.0, 5.0)
            s = f"Since it takes up about {pct(pv)}% of the {c.fw()}, "
            c.claim("percent", round(pv, 4), s.strip(", "), True)
    else:
        n = false_count(c)
        s = (f"Since it's a single {c.p['unit'][0]}, " if n == 1
             else f"Since there are {num(n, r)} separate {c.p['unit'][1]}, ")
        c.claim("count", n, s.strip(", "), True)
    return s


def meaning_answer(c: Ctx) -> str:
    r, st = c.rng, c.style
    k = " ".join(r.sample(c.p["know"], min(2, len(c.p["know"]))))
    lead = {"sonographer": ["Comment: ", "Note for the reporting radiologist: "],
            "resident": ["Good question. ", "The teaching point: "],
            "chatllm": ["A few things worth knowing. ", "Some general context. "],
            "explainer": ["That's a fair question. ", "Here's what it means in plain terms: "]}[st]
    tail = {"sonographer": "", "resident": " Always correlate with the clinical picture.",
            "chatllm": " That said, I'm not a substitute for your clinician's review.",
            "explainer": " Your doctor will go through what it means for you."}[st]
    return r.choice(lead) + k + tail


# -- the conversation ------------------------------------------------------------------------------

def _intro(c: Ctx) -> str:
    p, r, st = c.p, c.rng, c.style
    name = p["names"][0] if r.random() < 0.75 else r.choice(p["names"])
    pl = p["plural"]
    that, this, its = ("Those are", "these are", "they're") if pl else ("That's", "this is", "it's")
    opts = {"sonographer": [f"{cap(name)} identified [SEG].", f"{cap(name)}, segmented [SEG].",
                            f"Structure: {name} [SEG]."],
            "resident": [f"{that} the {name} [SEG].", f"Good, what you're after {'are' if pl else 'is'} the {name} [SEG].",
                         f"Right, {this} the {name}, outlined here [SEG]."],
            "chatllm": [f"Sure! What you're describing {'are' if pl else 'is'} most likely the **{name}** [SEG].",
                        f"Based on the description, {'these appear' if pl else 'this appears'} to be the {name} [SEG].",
                        f"Here's my best read: {its} the {name} [SEG]."],
            "explainer": [f"What you're asking about {'are' if pl else 'is'} the {name} [SEG]. {p['lay']}",
                          f"{that} the {name} [SEG]. {p['lay']}"]}[st]
    return r.choice(opts)


LABEL = {"laterality": "Side", "vertical": "Position", "relation": "Relation", "size": "Size", "count": "Count"}


def _assemble(c: Ctx, head: str, parts: list[tuple[str, str]], extra: list[str]) -> str:
    """parts: (label, sentence) claims; extra: knowledge sentences. Register decides the layout."""
    r, st = c.rng, c.style
    if st == "chatllm" and parts and r.random() < 0.7:
        body = "\n".join(f"- **{lab}:** {s}" for lab, s in parts)
        tail = " ".join(extra)
        return f"{head}\n\n{body}" + (f"\n\n{tail}" if tail else "") + \
            r.choice(["", "\n\nI'd still recommend a radiologist confirm this.", "\n\nHappy to go into more detail."])
    if st == "sonographer" and r.random() < 0.5:
        lines = [head] + [s for _, s in parts] + ([f"Comment: {' '.join(extra)}"] if extra else [])
        return "\n".join(lines)
    mixed = [s for _, s in parts] + extra
    r.shuffle(mixed)
    closing = {"resident": ["", " Any questions before we move on?", " Keep that in mind for your exam."],
               "explainer": ["", " Let me know if you'd like me to explain any of that again."],
               "chatllm": ["", " Let me know if you want more detail."], "sonographer": [""]}[st]
    return " ".join([head] + mixed) + r.choice(closing)


def _claim_topic(c: Ctx, topic: str, false: bool, rel_pick=None) -> tuple[str, str]:
    f = c.f
    if topic == "side":
        return "Side", say_side(c, false_side(c) if false else f["laterality"], false)
    if topic == "vertical":
        return "Position", say_vert(c, false_vert(c) if false else f["vertical"], false)
    if topic == "relation":
        rel = rel_pick or c.rng.choice(f["relations"])
        return "Relation", say_rel(c, rel["other"], REL_FLIP[rel["relation"]] if false else rel["relation"], false)
    if topic == "size":
        return "Size", say_size(c, false)
    return "Count", say_count(c, false_count(c) if false else f["components"], false)


KIND_TOPICS = {"laterality": ["side"], "position": ["vertical", "relation"], "size": ["size"], "count": ["count"]}


def _correction(c: Ctx, kind: str) -> tuple[str, str]:
    """A user's false idea about `kind` and the assistant's explicit correction (clean rows)."""
    f, r, st = c.f, c.rng, c.style
    if kind == "laterality":
        wrong = false_side(c)
        q = r.choice([f"Wait, I thought it was on the {wrong}?" if wrong != "midline" else "Isn't it in the midline?",
                      f"My friend said it looks {wrong}{'-sided' if wrong != 'midline' else ''}. Is that right?"])
        lead = r.choice(["No. ", "Not quite. ", "Actually no. "])
        a = lead + say_side(c, f["laterality"], False)
        if f["laterality"] in ("left", "right") and r.random() < 0.6:
            a += " " + convention(c)
    elif kind == "size":
        wrong = r.choice([k for k in ("small", "large", "medium-sized") if not k.startswith(f["size_class"])])
        q = r.choice([f"Isn't it {wrong}?", f"It looks {wrong} to me. Am I wrong?"])
        a = r.choice(["No. ", "Not really. ", "I'd disagree a little. "]) + say_size(c, False)
    elif kind == "count":
        n = false_count(c)
        q = (f"Isn't it just one {c.p['unit'][0]}?" if n == 1 else f"I see {num(n, r)} {c.p['unit'][1]}, right?")
        a = r.choice(["No. ", "Not quite. ", "Look again. "]) + say_count(c, f["components"], False)
    else:
        v = false_vert(c)
        q = f"Isn't it {vert_phrase(c, v)}?"
        a = r.choice(["No. ", "Not quite. "]) + say_vert(c, f["vertical"], False)
    return q, a


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    c = Ctx(p, facts, style, rng)
    oriented = p["frame"] in ("xr", "neck")
    avail = (["side"] if oriented else []) + ["vertical"] + (["relation"] if facts["relations"] else []) + ["size", "count"]
    kind_of = {"side": "laterality", "vertical": "position", "relation": "position", "size": "size", "count": "count"}
    factual = defect if defect in KIND_TOPICS else None
    loc = None
    dtopic = None
    if factual:
        x = rng.random()
        loc = "user" if x < 0.22 else "follow" if x < 0.44 else "first"
        cands = [t for t in KIND_TOPICS[factual] if t in avail]
        dtopic = rng.choice(cands)
    free = [t for t in avail if kind_of[t] != factual]  # topics any sentence may state truly

    turns: list[dict] = []
    # round 1
    c.turn = 0
    turns.append({"role": "user", "content": first_question(c, defect == "names_target")})
    c.turn = 1
    k = rng.randint(2, min(4, len(free))) if free else 0
    first_topics = rng.sample(free, k)
    if loc == "first":
        first_topics.insert(rng.randrange(len(first_topics) + 1), dtopic)
    parts = [_claim_topic(c, t, t == dtopic and loc == "first") for t in first_topics]
    extra = knowledge(c, rng.choice([1, 1, 2]))
    if defect is None and rng.random() < 0.35:
        h = hypothetical(c, rng.choice(["laterality", "size", "count"]))
        if h:
            extra.append(h)
    turns.append({"role": "assistant", "content": _assemble(c, _intro(c), parts, extra)})

    # follow-up rounds
    n_follow = rng.choice([1, 2])
    plan: list[str] = []
    if loc in ("follow", "user"):
        plan.append(loc)
    while len(plan) < n_follow:
        opts = ["topic", "topic", "meaning", "summary"] + (["correct", "correct"] if defect is None else [])
        x = rng.choice(opts)
        if (x == "topic" or x not in plan) and not (x == "meaning" and "user" in plan):
            plan.append(x)
    rng.shuffle(plan)
    topic_map = {"side": "side", "vertical": "position", "relation": "neighbours", "size": "size", "count": "count"}
    asked: list = []
    for step in plan:
        c.turn = len(turns)
        if step == "follow":
            q = rng.choice(FOLLOW_Q[topic_map[dtopic]][style])
            turns.append({"role": "user", "content": q})
            c.turn = len(turns)
            lab, s = _claim_topic(c, dtopic, True)
            turns.append({"role": "assistant", "content": s})
        elif step == "user":
            pre = premise(c, factual)
            qtopic = rng.choice([t for t in free] + ["meaning"]) if free else "meaning"
            if qtopic == "meaning":
                q = rng.choice(["what does it mean clinically?", "is it anything to worry about?",
                                "what would you write in the comments?", "what's the usual next step?"])
                turns.append({"role": "user", "content": pre + q})
                c.turn = len(turns)
                turns.append({"role": "assistant", "content": meaning_answer(c)})
            else:
                q = rng.choice(FOLLOW_Q[topic_map[qtopic]][style])
                turns.append({"role": "user", "content": pre + q[0].lower() + q[1:]})
                c.turn = len(turns)
                _, s = _claim_topic(c, qtopic, False)
                turns.append({"role": "assistant", "content": s})
        elif step == "correct":
            kinds = [kind_of[t] for t in free if t != "relation"]
            c.turn = len(turns) + 1  # the correction's claim sits in the answer
            q, a = _correction(c, rng.choice(kinds))
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": a})
        elif step == "meaning":
            turns.append({"role": "user", "content": rng.choice(FOLLOW_Q["meaning"][style])})
            c.turn = len(turns)
            turns.append({"role": "assistant", "content": meaning_answer(c)})
        elif step == "summary":
            turns.append({"role": "user", "content": rng.choice(FOLLOW_Q["summary"][style])})
            c.turn = len(turns)
            tops = rng.sample(free, min(len(free), rng.randint(2, 3))) if free else []
            ps = [_claim_topic(c, t, False) for t in tops]
            head = {"sonographer": "Summary:", "resident": "In one breath:", "chatllm": "Here's a quick summary:",
                    "explainer": "In short:"}[style]
            head += f" {p['names'][0]} [segmented]." if style == "sonographer" else ""
            turns.append({"role": "assistant", "content": _assemble(c, head, ps, [])})
        else:  # a plain topic question on a free topic, preferably one not asked or stated yet
            fresh = [t for t in free if t not in first_topics and t not in asked]
            unasked = [t for t in free if t not in asked]
            t = rng.choice(fresh or unasked) if unasked else None
            asked.append(t)
            if t is None:
                turns.append({"role": "user", "content": rng.choice(FOLLOW_Q["meaning"][style])})
                c.turn = len(turns)
                turns.append({"role": "assistant", "content": meaning_answer(c)})
                continue
            turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[topic_map[t]][style])})
            c.turn = len(turns)
            _, s = _claim_topic(c, t, False)
            more = ""
            if rng.random() < 0.4:
                more = " " + rng.choice(c.p["know"])
            turns.append({"role": "assistant", "content": s + more})
    LEDGER[json.dumps(turns)] = c.claims
    return turns, ([] if defect is None else [defect])
