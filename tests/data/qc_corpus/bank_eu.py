"""Bank EU: masks that are hard to describe in words.

Targets: bilateral paired organs (kidneys, lungs, adrenal glands, hippocampi, ovaries, parotid glands),
midline structures (aorta, vertebral body, urinary bladder, trachea, brainstem) and several separate
regions (liver and brain metastases, lung nodules, renal cysts, thyroid nodules, colonic polyps on
endoscopy, skin lesions on dermoscopy), over CT, MR, ultrasound, chest X-ray and photos; plus a few
one-sided organs (left kidney, right kidney, left lung) for contrast.

Registers (STYLES): "report" (structured findings / impression), "assistant_md" (a conversational
assistant writing markdown), "dictation" (a clinician dictating fast, with abbreviations), "family"
(an explainer for a patient's family).

Written without reading QC. Every claim about the target is entered in a ledger (`LEDGER`, one entry
per built row) so the writer's own reader (outside the repository) can check each row against its
facts. Own check on heldout_eu.jsonl (seed 20261278): rows 420, clean 210, defects 42 of each kind,
problems 0.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["report", "assistant_md", "dictation", "family"]

LEDGER: list[dict] = []   # one entry per build() call: claims made about the target, where, and how

# -- profiles --------------------------------------------------------------------------------------

_MOD_LAY = {"CT": "CT scan", "MR": "MRI", "US": "ultrasound", "XR": "chest X-ray", "endoscopy": "colonoscopy picture",
            "dermoscopy": "dermoscopy photo"}


def _P(target, modality, region, orient, ells, others, noun, pl, forms, what, unit, know, nq, kind, dwhat=None,
       syn=None, hist=None, extra_q=None):
    return {"target": target, "modality": modality, "region": region, "orient": orient, "ells": ells,
            "others": others, "noun": noun, "pl": pl, "forms": forms, "what": what, "unit": unit, "know": know,
            "nq": nq, "kind": kind, "dwhat": dwhat or what, "syn": syn or [], "hist": hist, "extra_q": extra_q or []}


PROFILES = [
    _P("kidneys", "CT", "abdomen", "LP", [(80, 150, 16, 24), (176, 150, 16, 24)],
       {"aorta": (0.5, 0.49), "vertebral body": (0.5, 0.71)}, "the kidneys", True,
       ["kidney", "kidneys", "renal", "nephric", "nephros"],
       "the paired organs that filter the blood and make urine", "kidney",
       ["The left renal vein crosses in front of the aorta to reach the IVC, which is why it is longer than the right one.",
        "The right kidney usually lies a little lower than the left, pushed down by the liver.",
        "About 1 in 500 people has a horseshoe kidney, where the lower poles are fused across the midline; that is not the case here.",
        "Each adult kidney is typically 10 to 12 cm long."],
       ["Segment both kidneys on this CT.", "Can you outline the renal parenchyma on this abdominal CT?"],
       "bilateral", dwhat="the paired retroperitoneal organs that clear creatinine", syn=["the renal outlines", "both kidneys"],
       extra_q=["Creatinine is climbing in this patient. Which organs here would you look at first? Please segment them."]),
    _P("left kidney", "CT", "abdomen", "LP", [(176, 150, 16, 24)],
       {"aorta": (0.5, 0.49), "spleen": (0.72, 0.37), "vertebral body": (0.5, 0.71)}, "the left kidney", False,
       ["kidney", "kidneys", "renal", "nephric"],
       "the urine-making organ on the same side as the spleen", "kidney",
       ["The left renal vein passes anterior to the aorta, just below the SMA.",
        "The right kidney sits slightly lower than the left in most people.",
        "Renal length asymmetry of more than 2 cm between sides is worth a comment."],
       ["Segment the left kidney please.", "Outline the left renal parenchyma on this CT."],
       "lateral", dwhat="the retroperitoneal organ next to the spleen that makes urine",
       extra_q=["Which organ on the spleen's side of this abdomen filters blood? Please segment it."]),
    _P("right kidney", "CT", "abdomen", "LP", [(80, 150, 16, 24)],
       {"aorta": (0.5, 0.49), "liver": (0.27, 0.37), "inferior vena cava": (0.43, 0.47)}, "the right kidney", False,
       ["kidney", "kidneys", "renal", "nephric"],
       "the urine-making organ that sits just under the liver", "kidney",
       ["The left kidney is usually the higher of the two.",
        "The IVC lies just to the right of the aorta, in front of the spine.",
        "A duplex collecting system is seen in roughly 1% of people."],
       ["Segment the right kidney.", "Can you outline the right renal cortex and medulla?"],
       "lateral", dwhat="the retroperitoneal filtering organ under the liver"),
    _P("lungs", "CT", "chest", "LP", [(80, 120, 38, 60), (176, 120, 36, 60)],
       {"vertebral body": (0.5, 0.74), "sternum": (0.5, 0.2)}, "the lungs", True,
       ["lung", "lungs", "pulmonary", "pulmonic", "pneumo"],
       "the paired organs of gas exchange", "lung",
       ["The right lung has three lobes and the left only two, which leaves room for the heart on the left.",
        "The heart itself sits slightly left of midline.",
        "A small azygos fissure shows up in about 1% of chest CTs, on the right."],
       ["Segment the lungs on this chest CT.", "Please outline both lungs."],
       "bilateral", dwhat="the paired air-filled organs of the chest"),
    _P("adrenal glands", "CT", "abdomen", "LP", [(95, 118, 5, 9), (162, 115, 5, 9)],
       {"vertebral body": (0.5, 0.70)}, "the adrenal glands", True,
       ["adrenal", "adrenals", "suprarenal"],
       "the small paired glands that make cortisol and aldosterone, capping the top of each kidney", "gland",
       ["The right one tucks in behind the IVC; the left one lies nearer the aorta and the left crus.",
        "Incidental nodules in these glands turn up on roughly 3 to 7% of adult abdominal CTs.",
        "Their limbs are normally thinner than the crus of the diaphragm."],
       ["Segment the adrenal glands.", "Outline both adrenals on this CT."],
       "bilateral", dwhat="the small paired endocrine glands over the upper poles of the kidneys"),
    _P("hippocampi", "MR", "head", "LP", [(98, 138, 6, 14), (158, 138, 6, 14)],
       {"frontal lobes": (0.5, 0.25), "cerebellum": (0.5, 0.82)}, "the hippocampi", True,
       ["hippocampus", "hippocampi", "hippocampal"],
       "the paired medial temporal structures that are key for forming new memories and shrink early in Alzheimer's", "structure",
       ["In Alzheimer's disease the medial temporal lobes lose volume early, often the left a bit before the right.",
        "The temporal horns of the lateral ventricles sit just lateral to them.",
        "Mesial temporal sclerosis affects one side in most patients with this kind of epilepsy."],
       ["Segment the hippocampi on this brain MRI.", "Outline both hippocampal formations."],
       "bilateral", dwhat="the paired memory structures of the medial temporal lobes"),
    _P("ovaries", "MR", "pelvis", "LP", [(90, 150, 10, 14), (166, 150, 10, 14)],
       {"uterus": (0.5, 0.49), "urinary bladder": (0.5, 0.35), "rectum": (0.5, 0.76)}, "the ovaries", True,
       ["ovary", "ovaries", "ovarian", "adnexa", "adnexal"],
       "the paired organs that produce eggs and oestrogen", "ovary",
       ["The bladder lies anteriorly in the pelvis, with the uterus behind it and the rectum behind that.",
        "Follicles of up to about 2.5 cm are normal before ovulation.",
        "After menopause these organs shrink to about 2 cm in length."],
       ["Segment the ovaries on this pelvic MRI.", "Can you outline both ovaries?"],
       "bilateral", dwhat="the paired female gonads"),
    _P("parotid glands", "CT", "head and neck", "LP", [(62, 128, 14, 22), (194, 128, 14, 22)],
       {"mandible": (0.5, 0.34), "spinal cord": (0.5, 0.63)}, "the parotid glands", True,
       ["parotid", "parotids"],
       "the largest salivary glands, sitting just in front of the ears", "gland",
       ["The facial nerve runs through them, splitting each into a superficial and a deep lobe.",
        "About 80% of salivary gland tumours arise in this gland, and most are benign.",
        "The submandibular glands lie lower, under the angle of the jaw."],
       ["Segment the parotid glands for radiotherapy planning.", "Outline both parotids."],
       "bilateral", dwhat="the big salivary glands in front of the ears (OAR contouring)"),
    _P("aorta", "CT", "abdomen", "LP", [(130, 136, 10, 10)],
       {"vertebral body": (0.5, 0.70), "inferior vena cava": (0.39, 0.52)}, "the aorta", False,
       ["aorta", "aortic", "aortae"],
       "the largest artery in the body, carrying blood from the heart", "structure",
       ["It is the largest artery in the body, but in the abdomen it is normally under 3 cm across.",
        "The IVC runs on the right of it, and the left renal vein crosses in front of it.",
        "Abdominal aneurysms affect around 1 to 2% of men over 65."],
       ["Segment the abdominal aorta.", "Outline the aortic lumen on this CT."],
       "midline", dwhat="the main artery coming off the heart"),
    _P("vertebral body", "CT", "abdomen", "LP", [(128, 178, 20, 17)],
       {"aorta": (0.51, 0.52), "small bowel": (0.5, 0.38)}, "the vertebral body", False,
       ["vertebra", "vertebrae", "vertebral", "spine", "spinal"],
       "the weight-bearing block of bone in the back of this slice, in front of the cord", "structure",
       ["The psoas muscles run on either side of it, the left one often a little larger.",
        "Bone density of the weight-bearing bones is lower in about 1 in 3 women over 50.",
        "The spinal canal lies behind it."],
       ["Segment the vertebral body.", "Outline the lumbar vertebra on this slice."],
       "midline", dwhat="the load-bearing bone block at the back of this slice"),
    _P("urinary bladder", "MR", "pelvis", "LP", [(128, 105, 30, 24)],
       {"rectum": (0.5, 0.73), "sacrum": (0.5, 0.84)}, "the urinary bladder", False,
       ["bladder", "bladders", "vesical", "vesicle", "cystic"],
       "the hollow organ that stores urine until voiding", "structure",
       ["The rectum lies posteriorly, behind it and the uterus or prostate.",
        "A full adult one holds roughly 400 to 600 mL.",
        "The ureters enter it from the left and right at the back."],
       ["Segment the urinary bladder.", "Outline the bladder on this pelvic MRI."],
       "midline", dwhat="the urine reservoir in the pelvis"),
    _P("trachea", "CT", "chest", "LP", [(128, 88, 11, 9)],
       {"oesophagus": (0.51, 0.43), "vertebral body": (0.5, 0.72)}, "the trachea", False,
       ["trachea", "tracheal", "windpipe", "tracheae"],
       "the air tube that runs from the larynx down to where it divides into the main bronchi", "structure",
       ["The oesophagus runs just behind it and slightly to the left.",
        "It splits at the carina into the right and left main bronchi; the right one is shorter and more vertical, so inhaled objects usually end up there.",
        "Its normal coronal diameter is up to about 2.5 cm in men."],
       ["Segment the trachea.", "Outline the tracheal lumen on this CT."],
       "midline", dwhat="the airway tube above the carina"),
    _P("brainstem", "MR", "head", "LP", [(128, 150, 18, 15)],
       {"cerebellum": (0.5, 0.79), "fourth ventricle": (0.5, 0.69)}, "the brainstem", False,
       ["brainstem", "brain stem", "brain-stem", "pons", "medulla", "midbrain"],
       "the structure that links the cerebrum and cerebellum to the spinal cord and runs breathing and heart rate", "structure",
       ["The cerebellum sits behind it, in the posterior fossa, with the fourth ventricle in between.",
        "Cranial nerves III to XII come off it on both sides.",
        "Lesions here can cause crossed signs: a cranial nerve palsy on one side and weakness on the other."],
       ["Segment the brainstem.", "Outline the pons and medulla on this MRI."],
       "midline", dwhat="the stalk connecting cerebrum and cerebellum to the cord"),
    _P("liver metastases", "CT", "abdomen", "LP", [(70, 100, 9, 8), (92, 132, 7, 7), (60, 146, 6, 5)],
       {"stomach": (0.63, 0.38), "vertebral body": (0.5, 0.71)}, "the liver metastases", True,
       ["metastasis", "metastases", "metastatic", "mets", "secondaries", "secondary", "deposits", "liver", "hepatic"],
       "the places her colorectal cancer has spread to in the abdomen", "lesion",
       ["Colorectal cancer spreads to the liver first in most patients, via the portal vein.",
        "Around a quarter of patients have liver involvement at diagnosis.",
        "The left lobe lies anteriorly, across the midline toward the stomach."],
       ["Segment the liver metastases.", "Outline the hepatic mets on this staging CT."],
       "multi", dwhat="spread from a colorectal primary, upper abdomen, staging"),
    _P("brain metastases", "MR", "head", "LP", [(85, 90, 8, 7), (170, 110, 6, 6), (160, 170, 9, 8)],
       {"cerebellum": (0.5, 0.84)}, "the brain metastases", True,
       ["metastasis", "metastases", "metastatic", "mets", "secondaries", "deposits", "brain", "cerebral"],
       "where her breast cancer has spread inside the head", "lesion",
       ["Metastases tend to sit at the grey-white junction, where vessels narrow.",
        "Up to a third of patients with lung cancer develop intracranial spread.",
        "Radiosurgery is usually offered when there are only a few."],
       ["Segment the brain metastases on this post-contrast MRI.", "Outline the cerebral mets."],
       "multi", dwhat="enhancing spread from a breast primary, post-gad T1"),
    _P("lung nodules", "CT", "chest", "LP", [(80, 120, 5, 5), (170, 105, 6, 5), (185, 150, 4, 4)],
       {"vertebral body": (0.5, 0.73)}, "the lung nodules", True,
       ["nodule", "nodules", "nodular", "lung", "lungs", "pulmonary"],
       "the small round spots the screening CT picked up in the chest", "nodule",
       ["Under the Fleischner guidance, solid ones under 6 mm in a low-risk patient usually need no follow-up.",
        "About half of smokers over 50 have at least one on screening CT.",
        "The right lower lobe is the commonest place to find them."],
       ["Segment the lung nodules.", "Outline the pulmonary nodules on this screening CT."],
       "multi", dwhat="small round opacities on the screening chest CT"),
    _P("renal cysts", "CT", "abdomen", "LP", [(170, 145, 7, 7), (182, 160, 6, 6)],
       {"aorta": (0.5, 0.49), "vertebral body": (0.5, 0.71)}, "the renal cysts", True,
       ["cyst", "cysts", "cystic", "renal", "kidney", "kidneys"],
       "the fluid-filled pockets on the urine-making organs", "cyst",
       ["Simple ones are found in more than a quarter of people over 50.",
        "The Bosniak classification sorts them from I (simple) to IV (likely malignant).",
        "The right kidney usually sits lower than the left."],
       ["Segment the renal cysts.", "Outline the kidney cysts on this CT."],
       "multi", dwhat="the fluid-density pockets in the retroperitoneal filtering organ"),
    _P("thyroid nodules", "US", "neck", None, [(80, 120, 14, 12), (175, 135, 10, 9)],
       {}, "the thyroid nodules", True,
       ["nodule", "nodules", "nodular", "thyroid"],
       "the lumps in the butterfly-shaped gland at the front of the neck", "nodule",
       ["They are found on ultrasound in up to two thirds of adults, and over 90% are benign.",
        "TI-RADS scores them on composition, echogenicity, shape, margin and echogenic foci.",
        "The carotid artery and jugular vein sit just lateral to the gland on each side."],
       ["Segment the thyroid nodules on this ultrasound.", "Outline the nodules in the thyroid."],
       "multi", dwhat="the lumps in the butterfly gland, neck US"),
    _P("right kidney", "US", "abdomen", None, [(128, 130, 70, 40)],
       {}, "the right kidney", False,
       ["kidney", "kidneys", "renal", "nephric"],
       "the bean-shaped organ the sonographer was scanning through the liver window", "kidney",
       ["On ultrasound the liver is used as an acoustic window for the organ on that side, the spleen for the other.",
        "Normal adult length is about 10 to 12 cm.",
        "Cortical echogenicity should be at or below that of the liver."],
       ["Segment the right kidney on this ultrasound.", "Outline the kidney in this renal ultrasound."],
       "single", dwhat="the bean-shaped organ seen through the liver window", hist="right"),
    _P("lungs", "XR", "chest", "LI", [(80, 120, 40, 75), (178, 122, 36, 70)],
       {"heart": (0.55, 0.62), "diaphragm": (0.5, 0.82)}, "the lungs", True,
       ["lung", "lungs", "pulmonary", "pulmonic"],
       "the air-filled organs on either side of the heart shadow", "lung",
       ["The right hemidiaphragm usually sits 1 to 2 cm higher than the left because of the liver.",
        "The heart shadow normally occupies less than half of the chest width on a PA film.",
        "The left hilum is usually a little higher than the right."],
       ["Segment the lungs on this chest X-ray.", "Outline the lung fields."],
       "bilateral", dwhat="the aerated fields either side of the mediastinum, PA CXR"),
    _P("left lung", "XR", "chest", "LI", [(178, 122, 36, 70)],
       {"heart": (0.55, 0.62), "trachea": (0.5, 0.2)}, "the left lung", False,
       ["lung", "lungs", "pulmonary", "pulmonic"],
       "the two-lobed organ of breathing on the same side as the cardiac apex", "lung",
       ["The right one has three lobes; the left has two plus the lingula.",
        "The right hemidiaphragm normally lies higher than the left.",
        "The aortic knuckle projects on the left, above the hilum."],
       ["Segment the left lung.", "Outline the left lung field on this film."],
       "lateral", dwhat="the two-lobed air-filled organ on the cardiac apex side"),
    _P("lung nodules", "XR", "chest", "LI", [(75, 90, 5, 5), (185, 150, 6, 6)],
       {"heart": (0.55, 0.63), "trachea": (0.5, 0.2)}, "the lung nodules", True,
       ["nodule", "nodules", "nodular", "lung", "lungs", "pulmonary"],
       "the small round opacities the reporting radiographer flagged", "nodule",
       ["A nipple shadow can mimic one; it is usually symmetric and sits low on both sides.",
        "Chest films miss around 20% of the ones CT would find.",
        "Calcified granulomas from old infection are a common benign cause."],
       ["Segment the lung nodules on this CXR.", "Outline the pulmonary nodules on this film."],
       "multi", dwhat="the round opacities flagged on the PA film"),
    _P("trachea", "XR", "chest", "LI", [(128, 50, 6, 26)],
       {"heart": (0.55, 0.6), "aortic knuckle": (0.6, 0.33)}, "the trachea", False,
       ["trachea", "tracheal", "windpipe"],
       "the column of air running down the middle of the neck into the chest", "structure",
       ["A large effusion or tension pneumothorax pushes it away from the affected side; collapse pulls it toward it.",
        "It normally deviates slightly to the right at the level of the aortic knuckle.",
        "The carina is usually at about the level of T5."],
       ["Segment the trachea on this X-ray.", "Outline the tracheal air column."],
       "midline", dwhat="the air column down the middle of the neck on the film"),
    _P("hippocampi", "MR", "head", "LI", [(96, 136, 7, 11), (160, 136, 7, 11)],
       {"lateral ventricles": (0.5, 0.38), "brainstem": (0.5, 0.72)}, "the hippocampi", True,
       ["hippocampus", "hippocampi", "hippocampal"],
       "the memory structures along the floor of the temporal horns", "structure",
       ["On coronal images the Scheltens score grades medial temporal atrophy from 0 to 4.",
        "The temporal horns sit just above and lateral to them.",
        "In temporal lobe epilepsy one side is usually smaller and brighter on T2."],
       ["Segment the hippocampi on this coronal MRI.", "Outline both hippocampal heads."],
       "bilateral", dwhat="the medial temporal memory structures, coronal T1"),
    _P("kidneys", "MR", "abdomen", "LI", [(85, 140, 14, 27), (171, 135, 14, 27)],
       {"urinary bladder": (0.5, 0.9), "diaphragm": (0.5, 0.22)}, "the kidneys", True,
       ["kidney", "kidneys", "renal", "nephric"],
       "the paired bean-shaped organs that filter the blood", "kidney",
       ["The left one usually lies about 1 to 2 cm higher than the right.",
        "Both move down by a few centimetres with deep inspiration.",
        "Polycystic disease affects roughly 1 in 1,000 people and enlarges them on both sides."],
       ["Segment the kidneys on this coronal MRI.", "Outline both kidneys."],
       "bilateral", dwhat="the paired filtering organs, coronal MR"),
    _P("polyps", "endoscopy", "colon", None, [(90, 75, 18, 15), (170, 170, 12, 10)],
       {}, "the polyps", True,
       ["polyp", "polyps", "polypoid", "adenoma", "adenomas", "adenomatous"],
       "the growths sticking out from the bowel lining", "polyp",
       ["About a third of people over 50 have at least one at screening colonoscopy.",
        "Ones over 1 cm carry a higher risk and are usually removed en bloc.",
        "The Paris classification describes their shape: pedunculated, sessile or flat."],
       ["Segment the polyps in this colonoscopy image.", "Outline each polyp."],
       "multi", dwhat="the growths off the mucosa in this scope frame"),
    _P("polyp", "endoscopy", "colon", None, [(140, 160, 30, 26)],
       {}, "the polyp", False,
       ["polyp", "polyps", "polypoid", "adenoma", "adenomatous"],
       "the raised growth on the bowel wall that the endoscopist wants removed", "polyp",
       ["Most grow slowly, over about 10 years, before any turn malignant.",
        "Narrow-band imaging helps tell adenomatous from hyperplastic ones.",
        "The left colon and rectum hold most of the small hyperplastic ones."],
       ["Segment the polyp in this frame.", "Outline the polyp the endoscopist is about to snare."],
       "single", dwhat="the raised mucosal growth in view"),
    _P("skin lesion", "dermoscopy", "skin", None, [(130, 125, 60, 48)],
       {}, "the skin lesion", False,
       ["lesion", "lesions", "skin", "cutaneous", "mole", "naevus", "nevus", "nevi", "naevi"],
       "the pigmented area the dermatologist flagged", "lesion",
       ["The ABCDE rule looks at asymmetry, border, colour, diameter over 6 mm and evolution.",
        "Around 1 in 50 people will develop melanoma in their lifetime in some countries.",
        "Dermoscopy raises diagnostic accuracy by roughly a quarter over the naked eye."],
       ["Segment the skin lesion.", "Outline the mole on this dermoscopy image."],
       "single", dwhat="the pigmented area flagged on the dermoscope", hist="left"),
    _P("skin lesions", "dermoscopy", "skin", None, [(70, 90, 20, 17), (180, 90, 14, 12), (120, 190, 16, 13)],
       {}, "the skin lesions", True,
       ["lesion", "lesions", "skin", "cutaneous", "mole", "moles", "naevus", "nevus", "nevi", "naevi"],
       "the cluster of pigmented spots the GP photographed", "lesion",
       ["People with more than 50 common moles carry a higher melanoma risk.",
        "Satellite spots around a primary can mean local spread, so they are always worth a second look.",
        "The ugly duckling sign looks for the one that differs from its neighbours."],
       ["Segment the skin lesions.", "Outline each of the moles in this photo."],
       "multi", dwhat="the cluster of pigmented spots on the dermoscope photo", hist="right"),
]


# -- facts -----------------------------------------------------------------------------------------

def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    for cx, cy, a, b in p["ells"]:
        cx += rng.uniform(-3, 3)
        cy += rng.uniform(-3, 3)
        a *= rng.uniform(0.93, 1.07)
        b *= rng.uniform(0.93, 1.07)
        mask |= ((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2 <= 1.0
    others = {k: tuple(v) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [q for q in profiles if q["orient"] is not None]
    return rng.choice(pool)


# -- words -----------------------------------------------------------------------------------------

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
        "inferior": "superior", "upper": "lower", "lower": "upper"}
_REL_OPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
            "superior_to": "inferior_to", "inferior_to": "superior_to"}
_RELATIVES = [("mum", "her"), ("dad", "his"), ("grandmother", "her"), ("husband", "his"), ("wife", "her"),
              ("son", "his"), ("daughter", "her"), ("grandad", "his")]


def _pct(x: float) -> str:
    if x >= 10:
        return f"{x:.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _num(n: int, rng: random.Random) -> str:
    return _NUM.get(n, str(n)) if rng.random() < 0.7 else str(n)


class Ctx:
    """One conversation in the making: profile, facts, style, and the claim ledger."""

    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.claims: list[dict] = []
        rel = rng.choice(_RELATIVES)
        self.who, self.poss = rel
        self.turn = 0   # index of the turn being written

    def log(self, kind, val, role="assistant", corrected=False, hist=False):
        self.claims.append({"kind": kind, "val": val, "turn": self.turn, "role": role, "corrected": corrected,
                            "hist": hist})

    # subject of a sentence about the target, with verb agreement
    def subj(self, cap=True):
        p, r = self.p, self.rng
        opts = [(p["noun"], p["pl"]), ("the mask", False), ("the segmented region", False),
                ("they" if p["pl"] else "it", p["pl"])]
        if p["syn"]:
            opts.append((r.choice(p["syn"]), p["pl"]))
        s, pl = r.choice(opts)
        return (s[0].upper() + s[1:] if cap else s), pl


def _v(pl, sing, plur):
    return plur if pl else sing


def _img_side(side):
    return "right" if side == "left" else "left"


# -- fact sentences ----------------------------------------------------------------------------------

def side_sentence(c: Ctx, val: str) -> str:
    """A sentence claiming laterality `val` of the target (val may be false: the caller logs it)."""
    r, st, p = c.rng, c.style, c.p
    S, pl = c.subj()
    view = "as if looking up from the patient's feet" if p["orient"] == "LP" else "as if facing the patient"
    if st == "dictation":
        return r.choice({
            "left": ["Lt-sided.", "L side.", "Sits left of midline.", "Left."],
            "right": ["Rt-sided.", "R side.", "Sits right of midline.", "Right."],
            "midline": ["Midline.", "Midline, no deviation.", "Central, ML.", "Straddles midline."],
            "bilateral": ["Bilat.", "B/L, both sides.", "Bilateral.", "Present both sides."],
        }[val])
    if st == "family":
        return r.choice({
            "left": [f"It is on the left side of {c.poss} body. On the screen that shows up on the right, because scans are displayed {view}.",
                     f"This is on {c.poss} left side, even though it looks like the right on the picture.",
                     f"The part we outlined is on the left side of {c.poss} body."],
            "right": [f"It is on the right side of {c.poss} body. On the screen that shows up on the left, because scans are displayed {view}.",
                      f"This is on {c.poss} right side, even though it looks like the left on the picture.",
                      f"The part we outlined is on the right side of {c.poss} body."],
            "midline": [f"It runs right down the middle of {c.poss} body, not off to one side.",
                        f"It sits in the centre line of the body, neither left nor right.",
                        "It's in the middle, straddling the centre line."],
            "bilateral": ["There is some on both sides of the body, the left and the right.",
                          f"You can see it on both sides of {c.poss} body.",
                          "It shows up on both the left and the right."],
        }[val])
    if st == "report":
        return r.choice({
            "left": ["Laterality: left.", f"{S} {_v(pl, 'lies', 'lie')} to the left of midline (image right, radiological convention).",
                     "Left-sided."],
            "right": ["Laterality: right.", f"{S} {_v(pl, 'lies', 'lie')} to the right of midline (image left, radiological convention).",
                      "Right-sided."],
            "midline": ["Laterality: midline.", f"{S} {_v(pl, 'is', 'are')} centred on the midline.", "Midline in position."],
            "bilateral": ["Laterality: bilateral.", f"{S} {_v(pl, 'is', 'are')} present on both the right and the left.",
                          "Bilateral distribution."],
        }[val])
    # assistant_md
    return r.choice({
        "left": [f"**Side:** the patient's left. It appears on the image's right, since the image is displayed {view}.",
                 f"{S} {_v(pl, 'sits', 'sit')} on the patient's left side.",
                 "It's on the **left** (patient's left, which is the right-hand side of the screen)."],
        "right": [f"**Side:** the patient's right. It appears on the image's left, since the image is displayed {view}.",
                  f"{S} {_v(pl, 'sits', 'sit')} on the patient's right side.",
                  "It's on the **right** (patient's right, which is the left-hand side of the screen)."],
        "midline": ["**Side:** midline.", f"{S} {_v(pl, 'sits', 'sit')} right on the midline.",
                    "It's essentially **midline**, centred between left and right."],
        "bilateral": ["**Side:** bilateral.", f"{S} {_v(pl, 'is', 'are')} present on **both** sides of the midline.",
                      "It's bilateral: there is segmented tissue on the patient's right and on the left."],
    }[val])


def side_negation(c: Ctx) -> str | None:
    """A TRUE negative sentence about the side (logged as side_not)."""
    lat, r = c.f["laterality"], c.rng
    if lat in ("left", "right"):
        other = _OPP[lat]
        c.log("side_not", other)
        return r.choice([f"It does not cross to the {other}.", f"Nothing on the {other} side is included.",
                         f"Not {other}-sided, despite where it sits on the screen."])
    if lat == "midline":
        c.log("side_not", "left")
        c.log("side_not", "right")
        return r.choice(["It is not off to either side.", "No lateral deviation to the left or right."])
    if lat == "bilateral":
        side = r.choice(["left", "right"])
        c.log("side_not", side)
        return r.choice([f"It is not confined to the {side}.", f"This is not a {side}-only finding."])
    return None


def vert_words(orient, val, st):
    if orient == "LP":
        d = {"anterior": ["anteriorly", "toward the front of the body", "in the anterior part of the slice"],
             "posterior": ["posteriorly", "toward the back", "in the dorsal part of the slice"],
             "central": ["roughly midway front to back", "central in the AP direction", "mid-depth"]}
    elif orient == "LI":
        d = {"superior": ["superiorly", "in the upper part of the image", "high in the field"],
             "inferior": ["inferiorly", "in the lower part of the image", "low in the field"],
             "central": ["at mid-level", "central top to bottom", "in the middle third vertically"]}
    else:
        d = {"upper": ["in the upper half of the frame", "toward the top of the image"],
             "lower": ["in the lower half of the frame", "toward the bottom of the image"],
             "central": ["near the centre of the frame", "central in the picture"]}
    if st == "dictation":
        d = {"anterior": ["ant", "anteriorly"], "posterior": ["post", "posteriorly"], "central": ["central AP", "mid"],
             "superior": ["sup", "superiorly"], "inferior": ["inf", "inferiorly"], "upper": ["upper field"],
             "lower": ["lower field"]}
        if orient == "LI":
            d["central"] = ["mid-level", "central CC"]
        if orient is None:
            d["central"] = ["centre of frame"]
    if st == "family":
        if orient == "LP":
            d = {"anterior": ["toward the front, the tummy side"], "posterior": ["toward the back"],
                 "central": ["about halfway between front and back"]}
        elif orient == "LI":
            d = {"superior": ["higher up in the picture"], "inferior": ["lower down in the picture"],
                 "central": ["around the middle, top to bottom"]}
        else:
            d = {"upper": ["in the top half of the picture"], "lower": ["in the bottom half of the picture"],
                 "central": ["near the middle of the picture"]}
    return d[val]


def vert_sentence(c: Ctx, val: str) -> str:
    r = c.rng
    w = r.choice(vert_words(c.p["orient"], val, c.style))
    S, pl = c.subj()
    if c.style == "dictation":
        return r.choice([f"{w[0].upper() + w[1:]}.", f"Position {w}.", f"Lies {w}."])
    if c.style == "family":
        return r.choice([f"It sits {w}.", f"On this picture it is {w}."])
    if c.style == "report":
        return r.choice([f"Position: {w}.", f"{S} {_v(pl, 'is', 'are')} situated {w}."])
    return r.choice([f"**Position:** {w}.", f"{S} {_v(pl, 'lies', 'lie')} {w}."])


def rel_phrase(rel, other, st, rng):
    if st == "dictation":
        return {"left_of": f"L of {other}", "right_of": f"R of {other}", "anterior_to": f"ant to {other}",
                "posterior_to": f"post to {other}", "superior_to": f"sup to {other}",
                "inferior_to": f"inf to {other}"}[rel]
    if st == "family":
        return {"left_of": f"on the left of the {other}", "right_of": f"on the right of the {other}",
                "anterior_to": f"in front of the {other}", "posterior_to": f"behind the {other}",
                "superior_to": f"above the {other}", "inferior_to": f"below the {other}"}[rel]
    return rng.choice({"left_of": [f"to the patient's left of the {other}", f"left of the {other}"],
                       "right_of": [f"to the patient's right of the {other}", f"right of the {other}"],
                       "anterior_to": [f"anterior to the {other}", f"in front of the {other}"],
                       "posterior_to": [f"posterior to the {other}", f"behind the {other}"],
                       "superior_to": [f"superior to the {other}", f"above the {other}"],
                       "inferior_to": [f"inferior to the {other}", f"below the {other}"]}[rel])


def rel_sentence(c: Ctx, rel: str, other: str) -> str:
    r = c.rng
    ph = rel_phrase(rel, other, c.style, r)
    S, pl = c.subj()
    if c.style == "dictation":
        return r.choice([f"{ph[0].upper() + ph[1:]}.", f"Sits {ph}."])
    if c.style == "family":
        return r.choice([f"It lies {ph}.", f"If you find the {other} on the picture, this is {ph}."])
    if c.style == "report":
        return r.choice([f"{S} {_v(pl, 'lies', 'lie')} {ph}.", f"Relations: {ph}."])
    return r.choice([f"{S} {_v(pl, 'is', 'are')} {ph}.", f"Relative to the {other}, it's {ph.replace(' the ' + other, '').replace(' of', '').replace(' to', '')}."
                     if rel in ("anterior_to", "posterior_to", "superior_to", "inferior_to") else f"{S} {_v(pl, 'is', 'are')} {ph}."])


_CLS = {"report": {"small": ["small"], "medium": ["medium-sized", "moderate in size"], "large": ["large"]},
        "assistant_md": {"small": ["small"], "medium": ["medium-sized", "mid-sized"], "large": ["large"]},
        "dictation": {"small": ["sm", "small"], "medium": ["med size", "medium"], "large": ["lg", "large"]},
        "family": {"small": ["small"], "medium": ["medium-sized"], "large": ["large"]}}


def size_sentence(c: Ctx, cls: str | None, pct: float | None) -> str:
    """cls and/or pct (percent of the image); the caller logs them."""
    r, st = c.rng, c.style
    S, pl = c.subj()
    cw = r.choice(_CLS[st][cls]) if cls else None
    ps = _pct(pct) if pct is not None else None
    if st == "dictation":
        if cw and ps:
            return r.choice([f"{cw}, ~{ps}% FOV.", f"Size {cw}, approx {ps}% of slice."])
        return f"{cw}." if cw else r.choice([f"~{ps}% FOV.", f"Area approx {ps}%."])
    if st == "family":
        if cw and ps:
            return r.choice([f"By the scan's standards it is {cw}, taking up about {ps}% of the picture.",
                             f"It is {cw}: roughly {ps} percent of the whole image."])
        if cw:
            return f"On this image it looks {cw}." if r.random() < 0.5 else f"It is {cw} compared with the whole picture."
        return f"It covers about {ps}% of the picture."
    if st == "report":
        if cw and ps:
            return r.choice([f"Size: {cw} (approximately {ps}% of the image area).",
                             f"{S} {_v(pl, 'is', 'are')} {cw}, occupying about {ps}% of the field of view."])
        if cw:
            return r.choice([f"Size: {cw}.", f"{S} {_v(pl, 'is', 'are')} {cw} relative to the field of view."])
        return f"Area: approximately {ps}% of the image."
    if cw and ps:
        return r.choice([f"**Size:** {cw}, about {ps}% of the image.",
                         f"By area, {S[0].lower() + S[1:]} {_v(pl, 'is', 'are')} {cw}: roughly {ps}% of the slice."])
    if cw:
        return r.choice([f"**Size:** {cw}.", f"{S} {_v(pl, 'is', 'are')} {cw} on this image."])
    return r.choice([f"It covers about {ps}% of the image.", f"**Area:** ~{ps}% of the frame."])


def count_sentence(c: Ctx, n: int) -> str:
    r, st, unit = c.rng, c.style, c.p["unit"]
    w = _num(n, r)
    if st == "dictation":
        return f"{n} comp." if n == 1 else r.choice([f"x{n} separate {unit}s.", f"{n} discrete foci."])
    if n == 1:
        return r.choice({"report": ["Components: single contiguous region.", "The mask is one connected component."],
                         "assistant_md": ["**Pieces:** one, a single connected region.", "It is segmented as one continuous piece."],
                         "family": ["It is all one piece, not broken up.", "There is just one area, in one piece."]}[st])
    return r.choice({"report": [f"Components: {w} separate regions.", f"The mask comprises {w} discrete components."],
                     "assistant_md": [f"**Pieces:** {w} separate regions.", f"There are {w} separate {unit}s in the mask."],
                     "family": [f"There are {w} separate areas.", f"We can count {w} separate {unit}s."]}[st])


# -- building blocks -----------------------------------------------------------------------------------

def _rel_ok(f, rel):
    """Relations whose centroid gap is comfortably over the margin."""
    return rel


def _relations(p, f):
    out = []
    cx, cy = f["centroid_normalized"]
    for rel in f["relations"]:
        o = p["others"].get(rel["other"])
        if o is None:
            continue
        d = abs(cx - o[0]) if rel["relation"] in ("left_of", "right_of") else abs(cy - o[1])
        if d > 0.085:
            out.append((rel["relation"], rel["other"]))
    return out


def _vert_ok(f):
    off = abs(f["centroid_patient"][1])
    return off < 0.045 or off > 0.075


def _cls_ok(f):
    a = f["area_fraction"]
    return all(abs(a - b) / b > 0.1 for b in (0.01, 0.05))


def _false_side(c: Ctx):
    lat = c.f["laterality"]
    if lat in ("left", "right"):
        return c.rng.choice([_OPP[lat]] * 3 + ["midline"])
    if lat == "midline":
        return c.rng.choice(["left", "right"])
    return c.rng.choice(["left", "right", "midline"])  # bilateral said one-sided / midline


def _false_vert(c: Ctx):
    v = c.f["vertical"]
    if v == "central":
        return c.rng.choice({"LP": ["anterior", "posterior"], "LI": ["superior", "inferior"], None: ["upper", "lower"]}[c.p["orient"]])
    return _OPP[v]


def _false_cls(c: Ctx):
    s = c.f["size_class"]
    return {"small": "large", "large": "small", "medium": c.rng.choice(["small", "large"])}[s]


def _false_pct(c: Ctx):
    x = 100 * c.f["area_fraction"]
    k = c.rng.choice([3.2, 3.6, 4.0, 5.0])
    if x * k > 60 or (c.rng.random() < 0.5 and x / k > 0.05):
        return x / k
    return x * k


def _false_count(c: Ctx):
    n = c.f["components"]
    return n + 1 if n == 1 else c.rng.choice([n - 1, n + 1, n + 2])


# topics an assistant may state; each returns the sentence and logs (true unless `false`)
def say(c: Ctx, topic: str, false: bool = False) -> str | None:
    f, p, r = c.f, c.p, c.rng
    if topic == "side":
        if f["laterality"] == "unknown":
            return None
        v = _false_side(c) if false else f["laterality"]
        c.log("side", v)
        return side_sentence(c, v)
    if topic == "vert":
        if not false and not _vert_ok(f):
            return None
        v = _false_vert(c) if false else f["vertical"]
        c.log("vert", v)
        return vert_sentence(c, v)
    if topic == "rel":
        rels = _relations(p, f)
        if not rels:
            return None
        rel, other = r.choice(rels)
        if false:
            rel = _REL_OPP[rel]
        c.log("rel", [other, rel])
        return rel_sentence(c, rel, other)
    if topic == "cls":
        if not false and not _cls_ok(f):
            return None
        v = _false_cls(c) if false else f["size_class"]
        c.log("cls", v)
        return size_sentence(c, v, None)
    if topic == "pct":
        v = _false_pct(c) if false else 100 * f["area_fraction"]
        c.log("pct", float(_pct(v)))
        return size_sentence(c, None, v)
    if topic == "size":   # both, true
        if not _cls_ok(f):
            return say(c, "pct")
        v = 100 * f["area_fraction"]
        c.log("cls", f["size_class"])
        c.log("pct", float(_pct(v)))
        return size_sentence(c, f["size_class"], v)
    if topic == "count":
        n = _false_count(c) if false else f["components"]
        c.log("count", n)
        return count_sentence(c, n)
    raise ValueError(topic)


_DEFECT_TOPICS = {"laterality": ["side"], "position": ["vert", "rel"], "size": ["cls", "pct"], "count": ["count"]}
_TOPIC_GROUP = {"side": "side", "vert": "pos", "rel": "pos", "cls": "size", "pct": "size", "size": "size",
                "count": "count"}


# -- questions -----------------------------------------------------------------------------------------

def first_question(c: Ctx, names: bool) -> str:
    p, r, st = c.p, c.rng, c.style
    mod = _MOD_LAY[p["modality"]]
    it = "them" if p["pl"] else "it"
    if names:
        q = r.choice(p["nq"])
        return {"report": lambda: q + " Structured report please: findings, then impression.",
                "assistant_md": lambda: r.choice(["Hi! ", "", "Quick one: "]) + q + " And tell me what you see.",
                "dictation": lambda: q.rstrip(".").lower() + ", quick read pls, side/size/number.",
                "family": lambda: f"My {c.who} had a {mod} and the doctors keep mentioning this. " + q + " Please explain it simply."}[st]()
    what, dwhat = p["what"], p["dwhat"]
    reg = "" if p["region"] in p["forms"] or p["region"] in mod else p["region"] + " "
    if st == "report":
        opts = [f"Please segment {what} on this {mod} and give a structured report (findings and impression).",
                f"Structured report request: identify and segment {what}. Include laterality, position and size.",
                f"On the attached {reg}{mod}, outline {what}. Report format please."]
    elif st == "assistant_md":
        opts = [f"Can you find {what} on this {mod} and segment {it}?",
                f"Which structure{'s' if p['pl'] else ''} on this image {'are' if p['pl'] else 'is'} {what}? Please segment {it} and walk me through it.",
                f"I'm a med student. Where are {what} here? Outline {it} and explain."] + p["extra_q"]
    elif st == "dictation":
        opts = [f"seg {dwhat} pls, {p['modality']} {reg.strip() or 'image'}, quick read: side, pos, size, #.",
                f"pt on list this pm. need {dwhat} outlined, brief.",
                f"outline {dwhat}. short answer, abbreviations fine."]
    else:
        opts = [f"My {c.who} had a {mod} and the doctor talked about {what}. Could you show us where {'those are' if p['pl'] else 'that is'} and explain it simply?",
                f"We're trying to understand {c.poss} {mod}. Can you point out {what} and tell us what we're looking at?",
                f"The consultant said to ask about {what} on {c.poss} {mod}. Could you highlight {it} for us?"]
    return r.choice(opts)


_FU_Q = {
    "side": {"report": ["Confirm laterality.", "Which side?"],
             "assistant_md": ["Which side is it on, the patient's left or right?", "Is that on one side or both?"],
             "dictation": ["side?", "lat?"],
             "family": ["Which side of the body is that on?", "Is it on one side or both sides?"]},
    "pos": {"report": ["Describe its position and relations.", "Relations to adjacent structures?"],
            "assistant_md": ["Where exactly does it sit relative to its neighbours?", "What's it next to?"],
            "dictation": ["relations?", "pos?"],
            "family": ["Where is it compared with the other things on the picture?", "What is it next to?"]},
    "size": {"report": ["Quantify the segmented area.", "Size?"],
             "assistant_md": ["How big is it on this image?", "How much of the image does the mask take up?"],
             "dictation": ["size?", "area?"],
             "family": ["Is it big?", "How large is it?"]},
    "count": {"report": ["Number of components?", "Is the mask a single region?"],
              "assistant_md": ["How many separate pieces are there?", "Is it one blob or several?"],
              "dictation": ["how many?", "number of foci?"],
              "family": ["How many are there?", "Is it all one piece?"]},
    "know": {"report": ["Any relevant background for the clinical team?", "Pertinent anatomical notes?"],
             "assistant_md": ["Anything else worth knowing about it?", "Any fun facts or pitfalls?"],
             "dictation": ["anything else?", "pearls?"],
             "family": ["Is there anything else we should know?", "Is this common?"]},
    "summary": {"report": ["Summarise in one line for the impression.", "Give a one-line summary."],
                "assistant_md": ["Can you sum it up in a sentence or two?", "TL;DR?"],
                "dictation": ["one-liner?", "summary?"],
                "family": ["So what does this all mean, in a nutshell?", "Can you sum that up for us?"]},
}


_PREM = {"anterior": "in the front part", "posterior": "toward the back", "superior": "in the upper part",
         "inferior": "in the lower part", "upper": "in the upper half of the frame", "lower": "in the lower half of the frame",
         "central": "central"}


def premise_question(c: Ctx, group: str, false: bool) -> tuple[str, str]:
    """A follow-up question carrying a premise about the target (false or true); returns (question, ask_topic)
    where ask_topic is the different thing asked about."""
    r, f, st = c.rng, c.f, c.style
    if group == "side":
        v = _false_side(c) if false else f["laterality"]
        c.log("side", v, role="user")
        ph = {"left": "on the left", "right": "on the right", "midline": "in the midline",
              "bilateral": "on both sides"}[v]
        ask = r.choice(["size", "count"])
        q = {"report": f"Given it is {ph}, please also quantify the {'area' if ask == 'size' else 'number of components'}.",
             "assistant_md": f"Since it's {ph}, how {'big is it' if ask == 'size' else 'many separate pieces are there'}?",
             "dictation": f"ok {ph.replace('on the ', '')}, {'size' if ask == 'size' else 'how many'}?",
             "family": f"So it's {ph}. And how {'big is it' if ask == 'size' else 'many are there'}?"}[st]
        return q, ask
    if group == "pos":
        v = _false_vert(c) if false else f["vertical"]
        c.log("vert", v, role="user")
        w = _PREM[v]
        ask = r.choice(["size", "count"])
        q = {"report": f"As it is {w}, state the {'size' if ask == 'size' else 'number of components'}.",
             "assistant_md": f"OK, so it's {w}. How {'large is it' if ask == 'size' else 'many separate regions does it have'}?",
             "dictation": f"{w}, got it. {'size' if ask == 'size' else 'number'}?",
             "family": f"So it's {w}. How {'big is it' if ask == 'size' else 'many are there'}?"}[st]
        return q, ask
    if group == "size":
        v = _false_cls(c) if false else f["size_class"]
        c.log("cls", v, role="user")
        ask = r.choice(["count", "side"] if f["laterality"] != "unknown" else ["count"])
        q = {"report": f"Noted that it is {v}. {'Number of components?' if ask == 'count' else 'Laterality?'}",
             "assistant_md": f"Since it's {v}, {'is it one piece or several' if ask == 'count' else 'which side is it on'}?",
             "dictation": f"{v}, ok. {'how many' if ask == 'count' else 'side'}?",
             "family": f"So it's {v}. {'Is there more than one?' if ask == 'count' else 'Which side is it on?'}"}[st]
        return q, ask
    # count
    n = _false_count(c) if false else f["components"]
    c.log("count", n, role="user")
    w = _num(n, r)
    ask = r.choice(["size", "side"] if f["laterality"] != "unknown" else ["size"])
    noun = f"{w} separate {c.p['unit']}s" if n > 1 else "a single region"
    are = "there are" if n > 1 else "there's"
    q = {"report": f"With {noun} segmented, give the {'area' if ask == 'size' else 'laterality'}.",
         "assistant_md": f"So {are} {noun}. {'How big is the mask overall?' if ask == 'size' else 'Which side?'}",
         "dictation": f"{noun}, ok. {'size' if ask == 'size' else 'side'}?",
         "family": f"So there's {noun}. {'How big is it all together?' if ask == 'size' else 'Which side is it on?'}"}[st]
    return q, ask


def correction_exchange(c: Ctx) -> tuple[str, str] | None:
    """A user's false idea (logged as corrected) and the assistant's explicit correction (true claim)."""
    f, r, st, p = c.f, c.rng, c.style, c.p
    opts = []
    if f["laterality"] in ("left", "right", "bilateral", "midline"):
        opts.append("side")
    if f["components"] >= 1:
        opts.append("count")
    if _vert_ok(f) and f["vertical"] != "central" and p["orient"]:
        opts.append("vert")
    g = r.choice(opts)
    if g == "side":
        lat = f["laterality"]
        wrong = _false_side(c)
        c.log("side", wrong, role="user", corrected=True)
        wph = {"left": "on the left", "right": "on the right", "midline": "in the middle", "bilateral": "on both sides"}[wrong]
        q = {"report": f"The requesting clinician wrote it is {wph}. Confirm?",
             "assistant_md": f"Wait, isn't it {wph}? That's what it looks like to me.",
             "dictation": f"thought it was {wph}?",
             "family": f"I thought it was {wph}?"}[st]
        c.turn += 1
        lead = {"report": "Not confirmed. ", "assistant_md": "Good question, but no. ", "dictation": "No. ",
                "family": "That's an easy mix-up, but no. "}[st]
        extra = ""
        if wrong in ("left", "right") and lat in ("left", "right") and p["orient"]:
            extra = {"report": " The apparent discrepancy reflects radiological display convention.",
                     "assistant_md": " Scans are flipped left-right on screen, which catches a lot of people out.",
                     "dictation": " Radiological convention.",
                     "family": " Scans are shown as if you're facing the person, so left and right swap on the screen."}[st]
        c.log("side", lat)
        return q, lead + side_sentence(c, lat) + extra
    if g == "vert":
        v = f["vertical"]
        wrong = _OPP[v]
        c.log("vert", wrong, role="user", corrected=True)
        w = _PREM[wrong]
        q = {"report": f"Referral says the abnormality is {w}. Concordant?",
             "assistant_md": f"I'd have guessed it's {w}. Am I wrong?",
             "dictation": f"{w}, right?",
             "family": f"Isn't it {w}?"}[st]
        c.turn += 1
        c.log("vert", v)
        lead = {"report": "Not concordant. ", "assistant_md": "Actually, no. ", "dictation": "No. ",
                "family": "Not quite. "}[st]
        return q, lead + vert_sentence(c, v)
    n = f["components"]
    wrong = n + 1 if n == 1 else n - 1
    c.log("count", wrong, role="user", corrected=True)
    w = _num(wrong, r)
    wn = f"{w} separate {p['unit']}s" if wrong > 1 else "just one region"
    q = {"report": f"Prior report mentions {wn}. Agree?",
         "assistant_md": f"I count {wn}. Is that right?",
         "dictation": f"{wn}?",
         "family": f"The nurse said there was {wn}?" if wrong == 1 else f"The nurse said there were {wn}?"}[st]
    c.turn += 1
    c.log("count", n)
    lead = {"report": "Disagree. ", "assistant_md": "Not quite. ", "dictation": "No. ", "family": "Not on this picture. "}[st]
    return q, lead + count_sentence(c, n)


# -- traps (true sentences a reader may misread) ---------------------------------------------------------

def trap(c: Ctx) -> str:
    p, r, st = c.p, c.rng, c.style
    k = r.choice(p["know"])
    opts = [k]
    if p["orient"]:
        opts.append({"report": "Note: images are displayed in radiological convention (patient's left on image right).",
                     "assistant_md": "> Reminder: on this display the patient's left is on the image's right.",
                     "dictation": "Radiological conv, pt L = image R.",
                     "family": "A tip: on these pictures the person's left is on your right, like looking at someone facing you."}[st])
    if p["hist"] and c.f["laterality"] == "unknown" and c.strict_clean:
        side = p["hist"]
        c.log("side", side, hist=True)
        opts = [{"report": f"Clinical history: {side}-sided symptoms; the image itself carries no side marker.",
                 "assistant_md": f"The request form says this was taken on the {side} side; the picture itself can't show that.",
                 "dictation": f"hx says {side} side, image has no marker.",
                 "family": f"The notes say this is from {c.poss} {side} side; the photo alone can't tell us that."}[st]]
    return r.choice(opts)


# -- build -----------------------------------------------------------------------------------------------

def _name(c: Ctx) -> str:
    p = c.p
    return p["noun"][4:] if p["noun"].startswith("the ") else p["noun"]


def first_answer(c: Ctx, topics: list[str], false_topic: str | None) -> str:
    p, r, st = c.p, c.rng, c.style
    name = _name(c)
    sents = []
    for t in topics:
        s = say(c, t, false=(t == false_topic))
        if s:
            sents.append(s)
    k = trap(c)
    neg = side_negation(c) if (r.random() < 0.4 and "side" in topics and false_topic != "side") else None
    if neg:
        sents.insert(min(1, len(sents)), neg)
    if st == "report":
        lines = "\n".join("- " + s for s in sents)
        imp = r.choice([f"Technically adequate segmentation of the {name}.", f"{name[0].upper() + name[1:]} identified and segmented.",
                        "Segmentation complete; see findings."])
        return f"FINDINGS:\n- Target: {name} [SEG].\n{lines}\n- {k}\n\nIMPRESSION:\n{imp}"
    if st == "assistant_md":
        head = r.choice([f"Sure! Those are the **{name}** [SEG]." if p["pl"] else f"Sure! That's the **{name}** [SEG].",
                         f"Here's the segmentation of the **{name}** [SEG].",
                         f"The structure{'s' if p['pl'] else ''} you're describing: **{name}** [SEG]."])
        body = "\n".join("- " + s for s in sents)
        return f"{head}\n\n### What the mask shows\n{body}\n\n{k}\n\nWant me to go through anything in more detail?"
    if st == "dictation":
        return f"{name[0].upper() + name[1:]} [SEG]. " + " ".join(sents) + " " + k
    intro = r.choice([f"What the doctors mean is {c.poss} {name}. I've highlighted {'them' if p['pl'] else 'it'} [SEG].",
                      f"That would be the {name}; the coloured area is the outline [SEG].",
                      f"I've coloured in the {name} [SEG] so you can see {'them' if p['pl'] else 'it'}."])
    return intro + " " + " ".join(sents) + " " + k


def answer(c: Ctx, topics: list[str], false_topic: str | None) -> str:
    sents = [s for s in (say(c, t, false=(t == false_topic)) for t in topics) if s]
    if not sents:
        sents = [c.rng.choice(c.p["know"])]
    st, r = c.style, c.rng
    if r.random() < 0.35:
        sents.append(r.choice(c.p["know"]))
    if st == "assistant_md" and len(sents) > 1:
        return "\n".join("- " + s for s in sents)
    if st == "report":
        return " ".join(sents)
    return " ".join(sents)


def _topics_for_group(c: Ctx, g: str) -> list[str]:
    f, p = c.f, c.p
    if g == "side":
        return ["side"] if f["laterality"] != "unknown" else []
    if g == "pos":
        out = []
        if _vert_ok(f):
            out.append("vert")
        if _relations(p, f):
            out.append("rel")
        return out
    if g == "size":
        return [c.rng.choice(["size", "size", "pct", "cls"])]
    if g == "count":
        return ["count"]
    return []


def build(p: dict, facts: dict, style: str, rng: random.Random, defect: str | None):
    c = Ctx(p, facts, style, rng)
    c.is_clean = defect in (None, "names_target")
    c.strict_clean = defect is None
    groups = ["side", "pos", "size", "count"]
    if facts["laterality"] == "unknown":
        groups.remove("side")
    # where the planted claim goes
    place = None
    dgroup = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}.get(defect)
    if dgroup:
        u = rng.random()
        place = "user" if u < 0.2 else "follow" if u < 0.4 else "first"
    dtopic = None
    if dgroup:
        cand = _DEFECT_TOPICS[defect]
        if defect == "position":
            cand = (["vert"] if _vert_ok(facts) else []) + (["rel"] if _relations(p, facts) else [])
        if defect == "size" and not _cls_ok(facts):
            cand = ["pct"]
        dtopic = rng.choice(cand)
    turns = []
    q0 = first_question(c, defect == "names_target")
    turns.append({"role": "user", "content": q0})
    # first answer topics: a random subset of groups, defect group only when placed first
    rng.shuffle(groups)
    first_groups = [g for g in groups[:rng.randint(2, len(groups))] if g != dgroup]
    topics = []
    for g in first_groups:
        topics += _topics_for_group(c, g) if g != "pos" else rng.sample(_topics_for_group(c, g),
                                                                          k=min(len(_topics_for_group(c, g)), rng.randint(1, 2)))
    if place == "first":
        topics.insert(rng.randint(0, len(topics)), dtopic)
    c.turn = 1
    turns.append({"role": "assistant", "content": first_answer(c, topics, dtopic if place == "first" else None)})
    n_rounds = rng.choice([2, 3]) if place not in ("user", "follow") else rng.choice([2, 3])
    remaining = [g for g in ["side", "pos", "size", "count"] if g not in first_groups and g != dgroup
                 and (g != "side" or facts["laterality"] != "unknown")]
    fu_plan = []
    if place in ("user", "follow"):
        fu_plan.append(place)
    while len(fu_plan) < n_rounds - 1:
        opts = ["ask"] * 3 + (["correct"] if c.is_clean else [])
        fu_plan.append(rng.choice(opts))
    rng.shuffle(fu_plan)
    used_correct = False
    used_fu = set()
    for kind in fu_plan:
        c.turn = len(turns)
        if kind == "user":
            q, ask = premise_question(c, dgroup, false=True)
            turns.append({"role": "user", "content": q})
            c.turn += 1
            ts = _topics_for_group(c, ask)
            turns.append({"role": "assistant", "content": answer(c, ts, None)})
        elif kind == "follow":
            turns.append({"role": "user", "content": rng.choice(_FU_Q[dgroup][style])})
            c.turn += 1
            turns.append({"role": "assistant", "content": answer(c, [dtopic], dtopic)})
        elif kind == "correct" and not used_correct:
            used_correct = True
            q, a = correction_exchange(c)
            turns.append({"role": "user", "content": q})
            turns.append({"role": "assistant", "content": a})
        else:
            spare = [g for g in ("summary", "know") if g not in used_fu]
            g = rng.choice(remaining + spare[:1]) if remaining else rng.choice(spare)
            used_fu.add(g)
            if g in remaining:
                remaining.remove(g)
            if g == "know":
                turns.append({"role": "user", "content": rng.choice(_FU_Q["know"][style])})
                turns.append({"role": "assistant", "content": " ".join(rng.sample(p["know"], 2))})
                continue
            turns.append({"role": "user", "content": rng.choice(_FU_Q[g][style])})
            c.turn += 1
            if g == "summary":
                ts = [t for t in ["side", "count"] if t != dtopic and not (t == "side" and (dgroup == "side" or facts["laterality"] == "unknown"))
                      and not (t == "count" and dgroup == "count")]
                turns.append({"role": "assistant", "content": _summary(c, ts)})
            else:
                ts = _topics_for_group(c, g)
                turns.append({"role": "assistant", "content": answer(c, ts, None)})
    LEDGER.append({"target": p["target"], "style": style, "defect": defect, "place": place, "claims": c.claims,
                   "forms": p["forms"]})
    return turns, ([] if defect is None else [defect])


def _summary(c: Ctx, ts: list[str]) -> str:
    name = _name(c)
    sents = [s for s in (say(c, t) for t in ts) if s]
    lead = {"report": f"Segmented {name}.", "assistant_md": f"**In short:** the mask shows the {name}.",
            "dictation": f"{name}, segmented.", "family": f"In a nutshell: we've outlined {c.poss} {name}."}[c.style]
    return lead + (" " + " ".join(sents) if sents else "")
