"""Bank EI: small local LLMs (Qwen2.5-0.5B/1.5B, Phi-3-mini, Gemma-2B, TinyLlama via llama.cpp) answering a
dataset tool's prompt on heart, thorax and brain MR labels.

Targets: left ventricle, right ventricle, myocardium (ACDC-style), left atrium, trachea, lungs (bilateral),
pleural effusion (right, left or both sides), brain tumour / glioma (one hemisphere, one or two foci),
lateral ventricles (bilateral), pituitary gland (midline), corpus callosum (midline; two pieces on an axial
slice through genu and splenium), cerebellum (midline), spinal cord (midline). All MR, axial "LP" or
coronal "LI".

Registers (STYLES): tiny_repetitive (restates the question, repeats itself, "In conclusion"), list_json
(bullets and key: value / JSON-ish fragments inside prose), hedgy_disclaimer ("As an AI I cannot
diagnose, but ..."), overconfident_textbook (lecture-like, many facts about other structures with side
and position words).

Written without reading QC. Every claim the assistant (or a user premise left uncorrected) makes about the
mask is recorded in LEDGER by build(); the writer's own reader (/work/notes/qcei_scripts/check_ei.py)
re-derives each claim's truth from the facts. Own check on heldout_ei.jsonl (seed 20261266):
rows: 420 clean: 210 defect: 210 (42 of each kind) false claims in clean rows: 0, defect rows with
exactly one false claim of their kind: 168/168 (+42 names_target rows, target named in Q1: 42/42),
clean Q1 naming the target: 0, problems: 0. Planted claim sits in the first answer 95, a follow-up answer 38,
a user premise left uncorrected 35; 110 corrected user misconceptions; laterality of masks: midline 149,
left 86, right 98, bilateral 87; two-piece masks 108.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["tiny_repetitive", "list_json", "hedgy_disclaimer", "overconfident_textbook"]

LEDGER: list[dict] = []   # one entry per build() call: the claims it made (read by the writer's own check)

# ---------------------------------------------------------------------------------------------------------
# profiles: ellipses (cx, cy, rx, ry, angle_deg) in pixels on a 256 x 256 grid; "holes" are subtracted;
# "others" are neighbouring structures' normalised centroids (x, y)

_HEART_OTHERS = {"right ventricle": (0.40, 0.36), "descending aorta": (0.56, 0.66)}

PROFILES = [
    dict(key="lv", target="left ventricle", region="heart", orient="LP", plural=False,
         ellipses=[(150, 100, 22, 18, 0)], others=_HEART_OTHERS),
    dict(key="lv", target="left ventricle", region="heart", orient="LP", plural=False, note="dilated",
         ellipses=[(150, 104, 40, 33, 10)], others={"right ventricle": (0.36, 0.34), "descending aorta": (0.57, 0.72)}),
    dict(key="rv", target="right ventricle", region="heart", orient="LP", plural=False,
         ellipses=[(100, 92, 22, 14, 20)], others={"left ventricle": (0.60, 0.45), "sternum": (0.47, 0.20)}),
    dict(key="rv", target="right ventricle", region="heart", orient="LP", plural=False, note="small",
         ellipses=[(102, 95, 13, 9, 15)], others={"left ventricle": (0.60, 0.45), "descending aorta": (0.57, 0.70)}),
    dict(key="myo", target="myocardium", region="heart", orient="LP", plural=False,
         ellipses=[(150, 105, 28, 24, 0)], holes=[(150, 105, 18, 15, 0)], others=_HEART_OTHERS),
    dict(key="la", target="left atrium", region="heart", orient="LP", plural=False,
         ellipses=[(150, 150, 22, 15, 0)],
         others={"descending aorta": (0.60, 0.74), "left ventricle": (0.60, 0.40), "oesophagus": (0.50, 0.70)}),
    dict(key="trachea", target="trachea", region="chest", orient="LP", plural=False,
         ellipses=[(128, 95, 9, 8, 0)],
         others={"oesophagus": (0.52, 0.45), "aortic arch": (0.59, 0.38), "superior vena cava": (0.40, 0.38)}),
    dict(key="trachea", target="trachea", region="chest", orient="LI", plural=False,
         ellipses=[(128, 90, 9, 34, 0)], others={"aortic arch": (0.58, 0.46), "heart": (0.55, 0.66)}),
    dict(key="lungs", target="lungs", region="chest", orient="LP", plural=True,
         ellipses=[(80, 128, 38, 60, 0), (176, 132, 34, 58, 0)],
         others={"heart": (0.52, 0.36), "spinal cord": (0.50, 0.80)}),
    dict(key="lungs", target="lungs", region="chest", orient="LI", plural=True,
         ellipses=[(80, 125, 40, 70, 0), (178, 130, 36, 66, 0)],
         others={"liver": (0.35, 0.86), "trachea": (0.50, 0.18)}),
    dict(key="eff", target="pleural effusion", region="chest", orient="LP", plural=False,
         ellipses=[(70, 185, 34, 15, -20)], others={"heart": (0.52, 0.38), "descending aorta": (0.56, 0.70)}),
    dict(key="eff", target="pleural effusion", region="chest", orient="LP", plural=False,
         ellipses=[(186, 186, 32, 14, 20)], others={"heart": (0.52, 0.38), "spinal cord": (0.50, 0.83)}),
    dict(key="eff", target="pleural effusion", region="chest", orient="LP", plural=False,
         ellipses=[(70, 185, 32, 14, -20), (186, 188, 26, 11, 20)], others={"heart": (0.52, 0.38)}),
    dict(key="eff", target="pleural effusion", region="chest", orient="LP", plural=False, note="large",
         ellipses=[(68, 180, 40, 22, -15), (188, 182, 36, 20, 15)], others={"heart": (0.52, 0.36)}),
    dict(key="eff", target="pleural effusion", region="chest", orient="LI", plural=False,
         ellipses=[(72, 200, 30, 14, 10)], others={"liver": (0.35, 0.86), "heart": (0.55, 0.62)}),
    dict(key="tum", target="brain tumour", region="head", orient="LP", plural=False,
         ellipses=[(90, 85, 22, 18, 15)],
         others={"third ventricle": (0.50, 0.52), "left lateral ventricle": (0.56, 0.47)}),
    dict(key="tum", target="brain tumour", region="head", orient="LP", plural=False, note="large",
         ellipses=[(85, 160, 40, 32, -10)], others={"third ventricle": (0.50, 0.50), "falx": (0.50, 0.30)}),
    dict(key="glioma", target="glioma", region="head", orient="LP", plural=False,
         ellipses=[(172, 132, 20, 14, 0)], others={"third ventricle": (0.50, 0.52), "right lateral ventricle": (0.44, 0.47)}),
    dict(key="glioma", target="glioma", region="head", orient="LP", plural=False, note="multifocal",
         ellipses=[(165, 90, 14, 12, 0), (180, 155, 12, 10, 0)], others={"third ventricle": (0.50, 0.52)}),
    dict(key="glioma", target="glioma", region="head", orient="LI", plural=False,
         ellipses=[(88, 92, 20, 16, 0)], others={"third ventricle": (0.50, 0.55), "right temporal horn": (0.36, 0.66)}),
    dict(key="vent", target="lateral ventricles", region="head", orient="LP", plural=True,
         ellipses=[(107, 118, 9, 26, 10), (148, 118, 9, 26, -10)],
         others={"pineal gland": (0.50, 0.64), "third ventricle": (0.50, 0.57)}),
    dict(key="vent", target="lateral ventricles", region="head", orient="LP", plural=True, note="hydrocephalus",
         ellipses=[(102, 118, 17, 38, 8), (153, 118, 17, 38, -8)], others={"pineal gland": (0.50, 0.66)}),
    dict(key="vent", target="lateral ventricles", region="head", orient="LI", plural=True,
         ellipses=[(107, 100, 14, 11, 20), (148, 100, 14, 11, -20)],
         others={"third ventricle": (0.50, 0.52), "corpus callosum": (0.50, 0.30)}),
    dict(key="pit", target="pituitary gland", region="head", orient="LI", plural=False,
         ellipses=[(128, 165, 10, 7, 0)],
         others={"optic chiasm": (0.50, 0.57), "left internal carotid artery": (0.58, 0.64),
                 "right internal carotid artery": (0.42, 0.64)}),
    dict(key="pit", target="pituitary gland", region="head", orient="LP", plural=False,
         ellipses=[(128, 120, 9, 7, 0)], others={"basilar artery": (0.50, 0.58), "sphenoid sinus": (0.50, 0.36)}),
    dict(key="pit", target="pituitary gland", region="head", orient="LI", plural=False, note="enlarged",
         ellipses=[(128, 160, 19, 14, 0)], others={"optic chiasm": (0.50, 0.52)}),
    dict(key="cc", target="corpus callosum", region="head", orient="LI", plural=False,
         ellipses=[(128, 80, 40, 8, 0)], others={"third ventricle": (0.50, 0.55), "septum pellucidum": (0.50, 0.42)}),
    dict(key="cc", target="corpus callosum", region="head", orient="LP", plural=False, note="genu+splenium",
         ellipses=[(128, 80, 16, 7, 0), (128, 170, 18, 9, 0)], others={"pineal gland": (0.50, 0.66)}),
    dict(key="cb", target="cerebellum", region="head", orient="LP", plural=False,
         ellipses=[(128, 190, 50, 28, 0)], others={"fourth ventricle": (0.50, 0.66), "pons": (0.50, 0.55)}),
    dict(key="cb", target="cerebellum", region="head", orient="LI", plural=False,
         ellipses=[(128, 195, 48, 26, 0)], others={"lateral ventricles": (0.50, 0.40)}),
    dict(key="cord", target="spinal cord", region="chest", orient="LP", plural=False,
         ellipses=[(128, 205, 7, 6, 0)], others={"oesophagus": (0.52, 0.58), "descending aorta": (0.58, 0.64)}),
    dict(key="cord", target="spinal cord", region="neck", orient="LI", plural=False,
         ellipses=[(128, 140, 7, 70, 0)], others={"brainstem": (0.50, 0.10)}),
]

_REGION = {"heart": "heart", "chest": "thorax", "head": "brain", "neck": "spine"}


def record_for(p):
    return {"modality": "MR", "body_region": _REGION[p["region"]], "orientation": p["orient"]}


def _ellipse(cx, cy, rx, ry, ang):
    yy, xx = np.mgrid[0:256, 0:256]
    t = math.radians(ang)
    dx, dy = xx - cx, yy - cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    jx, jy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    jr = rng.uniform(-0.8, 0.8)
    m = np.zeros((256, 256), bool)
    for cx, cy, rx, ry, a in p["ellipses"]:
        m |= _ellipse(cx + jx, cy + jy, rx + jr, ry + jr, a)
    for cx, cy, rx, ry, a in p.get("holes", []):
        m &= ~_ellipse(cx + jx, cy + jy, rx + jr, ry + jr, a)
    return compute_facts(m, p["orient"], dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------------
# words

NAMES = {  # how the assistant may call the target (first is the label)
    "lv": ["left ventricle", "LV", "left ventricular cavity"],
    "rv": ["right ventricle", "RV", "right ventricular cavity"],
    "myo": ["myocardium", "LV myocardium", "left ventricular wall"],
    "la": ["left atrium", "LA"],
    "trachea": ["trachea", "windpipe"],
    "lungs": ["lungs", "lung fields"],
    "eff": ["pleural effusion", "effusion", "pleural fluid"],
    "tum": ["brain tumour", "tumour", "mass"],
    "glioma": ["glioma", "tumour", "glial tumour"],
    "vent": ["lateral ventricles", "lateral ventricular system"],
    "pit": ["pituitary gland", "pituitary", "hypophysis"],
    "cc": ["corpus callosum", "callosal body"],
    "cb": ["cerebellum"],
    "cord": ["spinal cord", "cord"],
}

# words a clean first question must not hold (checked by the writer's own reader as well)
FORBIDDEN_Q1 = {
    "lv": ["left ventricle", "left ventricular", "lv", "ventricle", "ventricular", "ventricles"],
    "rv": ["right ventricle", "right ventricular", "rv", "ventricle", "ventricular", "ventricles"],
    "myo": ["myocardium", "myocardial", "muscle", "myocyte", "myocytes"],
    "la": ["left atrium", "left atrial", "la", "atrium", "atrial", "atria"],
    "trachea": ["trachea", "tracheal", "windpipe", "airway"],
    "lungs": ["lung", "lungs", "pulmonary", "pneumo"],
    "eff": ["effusion", "effusions", "pleural", "fluid", "hydrothorax"],
    "tum": ["tumour", "tumor", "neoplasm", "mass", "glioma", "cancer", "malignancy", "glioblastoma", "gbm",
            "lesion", "metastasis", "oncology"],
    "glioma": ["glioma", "glial", "tumour", "tumor", "neoplasm", "mass", "glioblastoma", "gbm", "astrocytoma",
               "lesion", "cancer"],
    "vent": ["ventricle", "ventricles", "ventricular", "ventriculomegaly"],
    "pit": ["pituitary", "hypophysis", "hypophyseal", "adenohypophysis"],
    "cc": ["corpus callosum", "callosal", "callosum"],
    "cb": ["cerebellum", "cerebellar"],
    "cord": ["spinal cord", "cord", "spinal", "myelon", "myelopathy"],
}

Q1 = {
    "lv": ["Which chamber pumps oxygenated blood out through the aortic valve into the body? Please segment it on this short-axis cine MR slice.",
           "in a cardiac MR short axis, which chamber has the thickest wall and generates systemic pressure?? segment it pls",
           "Help me find the chamber that receives blood from the mitral valve and ejects it into the aorta, and segment it."],
    "rv": ["Which chamber pumps blood through the pulmonary valve into the lungs? Please segment it on this cine slice.",
           "Which chamber contains the moderator band? Can you segment it?",
           "segment the chamber that receives blood through the tricuspid valve"],
    "myo": ["In this short-axis cine MR, which tissue forms the thick contracting wall around the main pumping chamber? Please segment it.",
            "Which tissue becomes scarred after a heart attack and shows late gadolinium enhancement? Segment it on this slice.",
            "Segment the wall that thickens in hypertensive heart disease, the ring around the systemic pumping chamber."],
    "la": ["Which chamber receives the four pulmonary veins? Please segment it on this MR slice.",
           "Which heart chamber houses the appendage where clots form in AF? Segment it please.",
           "segment the chamber that empties through the mitral valve into the main pumping chamber"],
    "trachea": ["Which cartilage-ringed tube carries air from the larynx down to the carina? Please segment it.",
                "Which structure has C-shaped rings of cartilage and a membranous back wall? Segment it on this slice.",
                "segment the tube a patient breathes through, the one that gets intubated in ICU"],
    "lungs": ["Which paired organs handle gas exchange? Please segment them on this thoracic MR.",
              "segment the organs that fill most of the chest and exchange oxygen and CO2",
              "Which organs contain the alveoli and the bronchial tree? Segment them please."],
    "eff": ["This patient with heart failure is short of breath with stony dullness at the bases. What abnormal collection explains it? Please segment it.",
            "Segment whatever is blunting the costophrenic angle on this slice, the thing we might tap with a needle.",
            "A patient after cardiac surgery has reduced breath sounds at the base. What is the likely finding here? Segment it."],
    "tum": ["A 58-year-old has had new-onset seizures and progressive headaches over six weeks. Can you find and segment the abnormality that explains this?",
            "segment the abnormal enhancing area causing this man's weakness and personality change",
            "What is the likely cause of this patient's focal seizures on this FLAIR slice? Please segment it."],
    "glioma": ["A 45-year-old with new focal seizures: what is the infiltrative abnormality in the white matter, likely arising from astrocytes? Segment it.",
               "Which abnormality here is most likely a primary intra-axial process arising from supporting cells of the nervous system? Please segment it.",
               "segment the FLAIR-bright infiltrative abnormality that explains her seizures"],
    "vent": ["Which paired CSF-filled cavities inside the cerebral hemispheres enlarge in hydrocephalus? Please segment them.",
             "segment the CSF spaces that contain the choroid plexus and drain through the foramina of Monro",
             "Which cavities are separated by the septum pellucidum? Segment them on this MR."],
    "pit": ["Which gland sitting in the sella turcica secretes growth hormone and prolactin? Segment it.",
            "segment the 'master gland' of the endocrine system on this MR slice",
            "A patient has galactorrhoea and a raised prolactin. Which gland should we look at? Please segment it."],
    "cc": ["Which large white-matter bundle connects the two cerebral hemispheres? Please segment it.",
           "segment the commissure that is cut in a split-brain operation",
           "Which structure carries most fibres between the left and right hemispheres? Segment it on this slice."],
    "cb": ["Which part of the brain coordinates balance and fine motor control and sits in the posterior fossa? Segment it.",
           "segment the structure whose damage gives ataxia, intention tremor and nystagmus",
           "Which structure sits under the tentorium in the posterior fossa, the one tested with finger-nose? Please segment it."],
    "cord": ["Which structure inside the vertebral canal carries the long motor and sensory tracts? Please segment it.",
             "segment the neural structure that runs down the vertebral canal from the foramen magnum",
             "Which structure gets compressed in cervical myelopathy-like symptoms... I mean, which neural tube inside the canal carries the tracts? Segment it."],
}
# the last 'cord' question names 'myelopathy': replace by a clean one
Q1["cord"][2] = "Which neural structure inside the bony canal of the vertebrae is damaged in a traumatic paraplegia? Segment it."

Q1_NAMED = {  # names_target defect: the first question names the target
    "lv": ["Please segment the left ventricle on this short-axis cine slice.", "can you outline the LV cavity here?",
           "Which part is the left ventricular blood pool? Segment it."],
    "rv": ["Please segment the right ventricle.", "segment the RV on this slice", "Where is the right ventricular cavity? Segment it."],
    "myo": ["Please segment the myocardium on this slice.", "Segment the heart muscle around the main chamber.",
            "Can you outline the myocardial wall?"],
    "la": ["Please segment the left atrium.", "Where is the LA on this slice? Segment it.", "segment the left atrial cavity"],
    "trachea": ["Please segment the trachea.", "Where is the windpipe? Segment it please.", "segment the tracheal lumen"],
    "lungs": ["Please segment the lungs on this MR.", "segment both lungs please", "Where are the lung fields? Segment them."],
    "eff": ["Please segment the pleural effusion.", "Is there an effusion here? Segment it.", "segment the pleural fluid"],
    "tum": ["Please segment the brain tumour on this slice.", "segment the tumour", "Where is the mass? Please segment it."],
    "glioma": ["Please segment the glioma.", "segment the glial tumour on this FLAIR slice", "Where's the glioma? Segment it."],
    "vent": ["Please segment the lateral ventricles.", "segment the ventricles on this slice", "Where are the lateral ventricles? Segment them."],
    "pit": ["Please segment the pituitary gland.", "segment the pituitary", "Where is the hypophysis here? Segment it."],
    "cc": ["Please segment the corpus callosum.", "segment the callosal fibres", "Where is the corpus callosum? Segment it."],
    "cb": ["Please segment the cerebellum.", "segment the cerebellar hemispheres and vermis", "Where's the cerebellum? Segment it."],
    "cord": ["Please segment the spinal cord.", "segment the cord on this slice", "Where is the spinal cord? Segment it."],
}

KNOW = {  # true knowledge about other structures / function / population numbers
    "lv": ["A normal LV ejection fraction is roughly 55 to 70 percent.",
           "The right ventricle's free wall is normally only about 3 to 5 mm thick.",
           "The mitral valve has two leaflets, while the tricuspid valve on the right has three.",
           "The right coronary artery runs in the right atrioventricular groove.",
           "The descending aorta runs down on the left side of the vertebral bodies in most people."],
    "rv": ["The left ventricular wall is normally about two to three times thicker than the right ventricular wall.",
           "Roughly 1 in 4 adults has a patent foramen ovale between the two atria.",
           "The pulmonary valve has three cusps.",
           "The left anterior descending artery runs in the anterior interventricular groove.",
           "In dextrocardia, which affects about 1 in 12,000 people, the heart points to the right instead of the left."],
    "myo": ["In ACDC-style labels, 'myocardium' means the left ventricular wall only; the right ventricular wall is not labelled.",
            "Normal end-diastolic wall thickness in adults is usually under about 12 mm.",
            "The left anterior descending artery supplies the anterior wall and roughly the anterior two-thirds of the septum.",
            "In most people (right dominance, roughly 70 to 85 percent) the right coronary artery supplies the inferior wall.",
            "Late gadolinium enhancement in a subendocardial pattern suggests an old infarct."],
    "la": ["Four pulmonary veins, usually two from each lung, drain into the left atrium.",
           "Atrial fibrillation affects roughly 1 to 2 percent of the general population.",
           "The right atrium receives the superior and inferior venae cavae.",
           "The left atrial appendage is where most thrombi form in atrial fibrillation.",
           "The right pulmonary artery passes behind the ascending aorta and the superior vena cava."],
    "trachea": ["The aortic arch normally passes to the left of the trachea.",
                "The right main bronchus is shorter, wider and more vertical than the left, so aspirated objects tend to go right.",
                "The trachea divides at the carina, around the level of T4 to T5.",
                "The trachea has roughly 16 to 20 C-shaped cartilage rings.",
                "The superior vena cava lies on the right side of the mediastinum."],
    "lungs": ["The right lung has three lobes and the left lung has two.",
              "The left lung has a cardiac notch and a lingula instead of a middle lobe.",
              "The right hemidiaphragm usually sits a little higher than the left because of the liver.",
              "Total lung capacity in an adult is around 6 litres.",
              "The heart sits slightly to the left of the midline, so the left lung is usually a bit smaller."],
    "eff": ["Effusions from heart failure are more often right-sided or bilateral.",
            "A frontal chest film usually needs around 200 mL of fluid before the costophrenic angle blunts.",
            "Light's criteria separate transudates from exudates.",
            "A left-sided effusion after oesophageal rupture (Boerhaave syndrome) is classic teaching.",
            "The heart sits slightly to the left of the midline."],
    "tum": ["Each motor cortex controls the opposite side of the body, so a right-hemisphere lesion tends to cause left-sided weakness.",
            "In about 95 percent of right-handed people, language is lateralised to the left hemisphere.",
            "Glioblastoma is the most common malignant primary brain tumour in adults.",
            "A 'butterfly' glioma crosses the corpus callosum into both hemispheres.",
            "Metastases are more common than primary brain tumours in adults and are often multiple."],
    "glioma": ["Each motor cortex controls the opposite side of the body, so a left-hemisphere lesion tends to cause right-sided weakness.",
               "In about 95 percent of right-handed people, language is lateralised to the left hemisphere.",
               "Glioblastoma makes up more than half of all gliomas.",
               "WHO grading of gliomas runs from grade 1 to grade 4.",
               "A 'butterfly' glioma crosses the corpus callosum into both hemispheres."],
    "vent": ["The third ventricle is a thin midline slit between the two thalami.",
             "The foramina of Monro connect each lateral ventricle to the third ventricle.",
             "Mild asymmetry between the left and right lateral ventricles is a common normal variant.",
             "Total CSF volume is around 150 mL, and roughly 500 mL is produced each day.",
             "The fourth ventricle lies behind the pons, in front of the cerebellum."],
    "pit": ["The optic chiasm sits just above the sella.",
            "The cavernous sinuses lie on either side of the sella, each carrying an internal carotid artery.",
            "Incidental pituitary lesions turn up on roughly 10 percent of brain MRIs.",
            "In pregnancy the gland can normally enlarge by a third or more.",
            "The posterior pituitary bright spot is seen on T1 in most healthy adults."],
    "cc": ["The corpus callosum is the largest commissure, carrying roughly 200 million axons.",
           "The anterior commissure is a much smaller bundle that also crosses the midline.",
           "Agenesis of the corpus callosum occurs in roughly 1 in 4,000 births.",
           "From front to back its parts are the rostrum, genu, body and splenium.",
           "The lateral ventricles lie directly beneath its body, one on each side."],
    "cb": ["Each cerebellar hemisphere coordinates the same side of the body, unlike the cerebral cortex.",
           "The fourth ventricle sits between the brainstem and the cerebellum.",
           "The tentorium cerebelli forms the roof of the posterior fossa.",
           "The cerebellum holds more than half of the brain's neurons while making up only about 10 percent of its volume.",
           "The left and right vertebral arteries join to form the basilar artery in front of the brainstem."],
    "cord": ["In adults the cord usually ends around L1 to L2, at the conus medullaris.",
             "The descending aorta lies to the left of the vertebral bodies in the chest.",
             "There are 31 pairs of spinal nerves.",
             "The anterior spinal artery supplies roughly the anterior two-thirds of the cord.",
             "The azygos vein ascends on the right side of the vertebral bodies."],
}

CONV = {  # convention sentences, claim-free
    "LP": ["Axial MR is shown as if you are looking up from the patient's feet, so the patient's left appears on the right of the screen.",
           "By radiological convention, image right = patient left on this axial slice.",
           "Remember the screen is mirrored relative to your own body: the patient's right is on the viewer's left.",
           "Rows in this image run from anterior (top) to posterior (bottom)."],
    "LI": ["This is a coronal slice displayed as if facing the patient, so their right is on your left.",
           "On a coronal image the top of the picture is superior and the bottom is inferior.",
           "In this coronal view the image's right side is the patient's left side."],
}

DISCLAIM = ["As an AI, I cannot provide a diagnosis, but I can describe the segmentation.",
            "I'm just a language model and can't diagnose anything, but here's what the mask shows.",
            "Please note I am not a doctor and this is not medical advice.",
            "As an AI assistant, I'm not able to give clinical advice, but I can try to help with the anatomy."]
HEDGE = ["I think", "It seems", "As far as I can tell,", "If I'm reading this correctly,", "Probably", "I believe"]
FILLER_END = ["In conclusion, ", "To conclude, ", "So, in conclusion, ", "In summary, "]

_OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
_REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
             "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
_HALF = {"heart": "half of the chest", "chest": "hemithorax", "head": "hemisphere", "neck": "half of the neck"}
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}


def _pct_claim(v, rng):
    """A percent string for value v (in percent) and the number as written."""
    if v < 1:
        r = round(v, 2)
        forms = [f"{r:.2f}%", f"about {r:.2f}%", f"{r:.2f} percent"]
    elif v < 10:
        r = round(v, 1)
        forms = [f"{r:.1f}%", f"about {r:.1f}%", f"{r:.1f} percent", f"~{r:.1f}%"]
        if abs(round(v) - v) / v < 0.1 and int(round(v)) in NUM:
            forms.append(f"roughly {NUM[int(round(v))]} percent")
    else:
        forms = [f"{round(v)}%", f"about {round(v)}%", f"{round(v)} percent"]
    t = rng.choice(forms)
    return t, _parse_pct(t)


def _parse_pct(s):
    import re
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent)", s)
    if m:
        return float(m.group(1))
    for w, n in (("one", 1), ("two", 2), ("three", 3), ("four", 4)):
        if f"{w} percent" in s:
            return float(n)
    raise ValueError(s)


SIZE_WORDS = {"small": ["small", "quite small", "tiny", "on the small side"],
              "medium": ["medium-sized", "moderately sized", "mid-sized", "medium"],
              "large": ["large", "big", "sizeable", "fairly large"]}


# ---------------------------------------------------------------------------------------------------------

class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.o = p["orient"]
        self.claims = []          # dicts: turn, kind, sub, value, text, corrected
        self.turns = []
        self.names = NAMES[p["key"]]
        self.offset = 0           # claims made for a turn not yet appended

    def retext(self, old, new):
        """A sentence was reworded (hedge added): keep the ledger's text in step."""
        for c in self.claims:
            if c["text"] == old:
                c["text"] = new

    # -- claims -----------------------------------------------------------------------------------------
    def claim(self, kind, sub, value, text, corrected=False, turn=None):
        self.claims.append(dict(turn=len(self.turns) + self.offset if turn is None else turn, kind=kind, sub=sub,
                                value=value, text=text, corrected=corrected))
        return text

    def subj(self, cap=True):
        r = self.rng
        opts = ["it", "the mask", "the segmented region", "the highlighted area", "this label"]
        if not self.p["plural"]:
            opts.append("the " + self.names[0])
        s = r.choice(opts)
        return s[0].upper() + s[1:] if cap else s

    # laterality ------------------------------------------------------------------------------------------
    def lat_text(self, v):
        r, S, half = self.rng, self.subj(), _HALF[self.p["region"]]
        js = self.style == "list_json"
        if v in ("left", "right"):
            img = _OPP[v]
            forms = [f"{S} lies on the patient's {v} side.",
                     f"{S} is on the patient's {v}, not the {_OPP[v]}.",
                     f"On screen it sits on the image's {img}, which is the patient's {v} given the radiological convention.",
                     f"{S} is {v}-sided.",
                     f"{S} is confined to the patient's {v} {half}.",
                     f"Side-wise, {S[0].lower() + S[1:]} is in the {v} {half}."]
            if self.style == "hedgy_disclaimer":
                forms.append(f"{S} appears to be on the patient's {v} side, if I'm reading the orientation correctly.")
            if js:
                forms = [f"- side: {v}", f'"side": "{v}"', f"- laterality: {v} (patient)"]
        elif v == "midline":
            forms = [f"{S} sits in the midline.",
                     f"{S} is centred on the midline and does not lean to either side.",
                     f"{S} straddles the midline, with roughly equal parts left and right of centre.",
                     "Side: midline, as expected for an unpaired structure like this."]
            if js:
                forms = ["- side: midline", '"side": "midline"', "- laterality: midline"]
        else:  # bilateral
            forms = [f"{S} has separate parts on both the patient's left and right.",
                     f"{S} is bilateral.",
                     f"{S} is present on both sides, right and left.",
                     f"{S} is not confined to one side: there is a portion in each {half}."]
            if js:
                forms = ["- side: bilateral", '"side": "bilateral"', "- laterality: both sides (bilateral)"]
        return r.choice(forms)

    # vertical -----------------------------------------------------------------------------------------------
    def vert_text(self, v):
        r, S = self.rng, self.subj()
        where = {"heart": "chest", "chest": "chest", "head": "head", "neck": "neck"}[self.p["region"]]
        if self.style == "list_json":
            lab = {"central": "central"}.get(v, v)
            return r.choice([f"- position: {lab}", f'"position": "{lab}"', f"- vertical: {lab}"])
        if self.o == "LP":
            forms = {"anterior": [f"{S} sits anteriorly in the slice.", f"{S} lies toward the front of the {where}.",
                                  f"{S} is in the anterior part of the image, towards the top of the screen."],
                     "posterior": [f"{S} lies posteriorly.", f"{S} is toward the back of the {where}.",
                                   f"{S} sits in the posterior part of the slice, near the bottom of the screen."],
                     "central": [f"{S} is roughly central from front to back.",
                                 f"Front-to-back, {S[0].lower() + S[1:]} is neither clearly anterior nor posterior; it sits about mid-depth.",
                                 f"{S} is centrally placed in the anteroposterior direction."]}[v]
        else:
            forms = {"superior": [f"{S} lies in the upper part of the image, i.e. superiorly.",
                                  f"{S} is superior in this coronal frame.", f"{S} sits high, toward the top of the slice."],
                     "inferior": [f"{S} lies in the lower part of the image, i.e. inferiorly.",
                                  f"{S} is inferior in this coronal frame.", f"{S} sits low, toward the bottom of the slice."],
                     "central": [f"{S} is about halfway between the top and bottom of the image.",
                                 f"Craniocaudally, {S[0].lower() + S[1:]} is central rather than high or low.",
                                 f"{S} is neither superior nor inferior; it is vertically central."]}[v]
        return r.choice(forms)

    def rel_text(self, other, rel):
        r, S = self.rng, self.subj()
        ph = {"left_of": ["to the left of the {o} (patient's left)", "on the patient's left of the {o}"],
              "right_of": ["to the right of the {o} (patient's right)", "on the patient's right of the {o}"],
              "anterior_to": ["in front of the {o}", "anterior to the {o}"],
              "posterior_to": ["behind the {o}", "posterior to the {o}"],
              "superior_to": ["above the {o}", "superior to the {o}"],
              "inferior_to": ["below the {o}", "inferior to the {o}"]}[rel]
        inv = {"left_of": "to its right (the patient's right)", "right_of": "to its left (the patient's left)",
               "anterior_to": "behind it", "posterior_to": "in front of it",
               "superior_to": "below it", "inferior_to": "above it"}[rel]
        if self.style == "list_json":
            rw = rel.replace("_", " ")
            return r.choice([f"- relation: {rw} the {other}", f'"relation": "{rw} {other}"'])
        return r.choice([f"{S} lies {r.choice(ph).format(o=other)}.", f"The {other} sits {inv}.",
                         f"Looking at the neighbours, {S[0].lower() + S[1:]} is {r.choice(ph).format(o=other)}."])

    # size -------------------------------------------------------------------------------------------------
    def size_text(self, cls=None, pct=None):
        """A size sentence; cls / pct are the claimed class and percent (either may be None)."""
        r, S = self.rng, self.subj()
        w = r.choice(SIZE_WORDS[cls]) if cls else None
        if self.style == "list_json":
            if cls and pct:
                return r.choice([f"- size: {cls} ({pct} of the image)", f'"size": "{cls}", "area": "{pct}"'])
            if cls:
                return r.choice([f"- size: {cls}", f'"size": "{cls}"'])
            return r.choice([f"- area: {pct} of the image", f'"area_percent": "{pct}"'])
        if cls and pct:
            return r.choice([f"{S} is {w}, covering {pct} of the image.",
                             f"In terms of size it is {w}: {pct} of the image area.",
                             f"Size-wise I'd call it {w} ({pct} of the field of view)."])
        if cls:
            return r.choice([f"{S} is {w}.", f"Size: {w}.", f"I'd describe it as {w} on this slice."])
        return r.choice([f"{S} takes up {pct} of the image.", f"The mask covers {pct} of the pixels."])

    # count -------------------------------------------------------------------------------------------------
    def count_text(self, n):
        r, S = self.rng, self.subj()
        if self.style == "list_json":
            return r.choice([f"- components: {n}", f'"components": {n}', f"- pieces: {n}"])
        if n == 1:
            return r.choice([f"{S} forms a single connected region.", f"{S} is one piece, with no separate islands.",
                             "There is just one contiguous blob in the mask.", f"{S} is a single component."])
        w = NUM.get(n, str(n))
        return r.choice([f"{S} is made of {w} separate pieces.", f"There are {w} distinct components in the mask.",
                         f"{S} consists of {w} disconnected regions.", f"I count {w} separate parts."])

    # -- true / false values ---------------------------------------------------------------------------------
    def false_lat(self):
        t = self.f["laterality"]
        if t in ("left", "right"):
            return self.rng.choice([_OPP[t]] * 3 + ["midline", "bilateral"])
        if t == "midline":
            return self.rng.choice(["left", "right"])
        return self.rng.choice(["left", "right"])  # bilateral said to be one-sided

    def false_vert(self):
        t = self.f["vertical"]
        if t == "central":
            return self.rng.choice(["anterior", "posterior"] if self.o == "LP" else ["superior", "inferior"])
        return _OPP[t]

    def false_size(self):
        t = self.f["size_class"]
        return self.rng.choice([c for c in ("small", "medium", "large") if c != t])

    def false_pct(self):
        v = 100 * self.f["area_fraction"]
        return v * self.rng.choice([3.0, 3.5, 4.0]) if self.rng.random() < 0.5 or v < 0.5 else v / self.rng.choice([3.0, 4.0])

    def false_count(self):
        n = self.f["components"]
        return self.rng.choice([n + 1, n + 2]) if n == 1 else self.rng.choice([1, n + 1])

    # -- emit a kind ----------------------------------------------------------------------------------------
    def say(self, kind, false=False, mode=None):
        """Sentences (list) stating `kind` about the mask, true or with one false claim."""
        f, r = self.f, self.rng
        if kind == "laterality":
            v = self.false_lat() if false else f["laterality"]
            t = self.lat_text(v)
            self.claim("laterality", "side", v, t)
            out = [t]
            if not false and v in ("left", "right") and self.style != "list_json" and r.random() < 0.5:
                out.append(r.choice([f"So it is not on the {_OPP[v]}.",
                                     f"It is not on the patient's {_OPP[v]}, even though it shows on the {_OPP[v]} of the screen."]))
                self.claim("laterality", "side", v, out[-1])
            return out
        if kind == "position":
            rels = f["relations"]
            out = []
            wrong = None
            if false:
                wrong = "vert" if (not rels or r.random() < 0.5) else "rel"
            if wrong == "vert" or (not false and (not rels or r.random() < 0.7)):
                v = self.false_vert() if wrong == "vert" else f["vertical"]
                out.append(self.claim("position", "vertical", v, self.vert_text(v)))
            if rels and (wrong == "rel" or not false or r.random() < 0.5):
                pick = r.sample(rels, min(len(rels), r.choice([1, 1, 2])))
                for i, rel in enumerate(pick):
                    rv = _REL_FLIP[rel["relation"]] if (wrong == "rel" and i == 0) else rel["relation"]
                    out.append(self.claim("position", "relation", [rel["other"], rv], self.rel_text(rel["other"], rv)))
            if not out:
                v = f["vertical"]
                out.append(self.claim("position", "vertical", v, self.vert_text(v)))
            return out
        if kind == "size":
            v = 100 * f["area_fraction"]
            mode = mode or r.choice(["both", "both", "cls", "pct"])
            cls, pct = f["size_class"], None
            wrong = None
            if false:
                wrong = "cls" if mode == "cls" else "pct" if mode == "pct" else r.choice(["cls", "pct"])
                if wrong == "cls":
                    cls = self.false_size()
            if mode in ("both", "pct"):
                pct = _pct_claim(self.false_pct() if wrong == "pct" else v, r)[0]
            if mode == "pct":
                cls = None
            t = self.size_text(cls, pct)
            if cls:
                self.claim("size", "class", cls, t)
            if pct:
                self.claim("size", "percent", _parse_pct(pct), t)
            return [t]
        if kind == "count":
            n = self.false_count() if false else f["components"]
            return [self.claim("count", "components", n, self.count_text(n))]
        raise ValueError(kind)


def _join(parts, style, rng):
    parts = [p for p in parts if p]
    if style == "list_json":
        out, buf = [], []
        for p in parts:
            if p.startswith("- "):
                buf.append(p)
            elif p.startswith('"'):
                buf.append(p)
            else:
                if buf:
                    out.append(_flush(buf, rng))
                    buf = []
                out.append(p)
        if buf:
            out.append(_flush(buf, rng))
        return "\n".join(out)
    return " ".join(parts)


def _flush(buf, rng):
    js = [b for b in buf if b.startswith('"')]
    bl = [b for b in buf if b.startswith("- ")]
    s = ""
    if bl:
        s += "\n".join(bl)
    if js:
        s += ("\n" if s else "") + rng.choice(["JSON: ", "```json\n", "Output: "]) + "{" + ", ".join(js) + "}"
        if s.endswith("}") and "```json" in s:
            s += "\n```"
    return s


def _kind_question(kind, row, rng):
    o = row.o
    if kind == "laterality":
        return rng.choice(["Which side is it on?", "Is that the patient's left or right?", "Is it on one side or both sides?",
                           "which side pls", "Left, right, or midline?"])
    if kind == "position":
        if o == "LP":
            return rng.choice(["Where is it front-to-back?", "Is it anterior or posterior?", "What is it next to?",
                               "How does it sit relative to its neighbours?"])
        return rng.choice(["Is it high or low in the image?", "Is it superior or inferior?", "What is it next to?"])
    if kind == "size":
        return rng.choice(["How big is it?", "How much of the image does it take up?", "Is it large or small?",
                           "what percentage of the slice is it?"])
    if kind == "count":
        return rng.choice(["Is it one piece or several?", "How many separate regions are there?",
                           "Are there multiple blobs in the mask?"])
    return rng.choice(["Can you summarise everything?", "Give me a short summary please.", "summary?"])


def _premise(kind, row, rng):
    """A user follow-up carrying a false premise about `kind` (not corrected afterwards)."""
    f, name = row.f, row.names[0]
    if kind == "laterality":
        v = row.false_lat()
        if v in ("left", "right"):
            t = rng.choice([f"Since it's on the patient's {v} side, is that usual for this case?",
                            f"OK so it's {v}-sided. Does that change anything clinically?",
                            f"Given that it is on the {v}, what should I check next?"])
        elif v == "midline":
            t = rng.choice(["Since it sits right in the midline, what else should I look at?",
                            "OK, it's midline then. Anything else worth noting?"])
        else:
            t = rng.choice(["Since it's on both sides, what else should I look at?",
                            "So it's bilateral. Anything else worth noting?"])
        row.claim("laterality", "side", v, t)
    elif kind == "position":
        rels = f["relations"]
        if rels and rng.random() < 0.5:
            rel = rng.choice(rels)
            rv = _REL_FLIP[rel["relation"]]
            word = {"left_of": "to the left of", "right_of": "to the right of", "anterior_to": "in front of",
                    "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}[rv]
            t = rng.choice([f"Since it lies {word} the {rel['other']}, is that normal?",
                            f"Right, it's {word} the {rel['other']}. What else can you tell me?"])
            row.claim("position", "relation", [rel["other"], rv], t)
        else:
            v = row.false_vert()
            w = {"anterior": "at the front", "posterior": "at the back", "superior": "high up in the image",
                 "inferior": "low down in the image"}[v]
            t = rng.choice([f"Since it's {w}, anything I should worry about?", f"OK, it's {v}. What else?"])
            row.claim("position", "vertical", v, t)
    elif kind == "size":
        if rng.random() < 0.5:
            v = row.false_size()
            t = rng.choice([f"Given that it's {v}, is that normal?", f"Since the mask is {v}, what does that mean?"])
            row.claim("size", "class", v, t)
        else:
            s = _pct_claim(row.false_pct(), rng)[0]
            t = f"So it covers {s} of the slice. Is that normal?"
            row.claim("size", "percent", _parse_pct(s), t)
    else:
        n = row.false_count()
        w = NUM.get(n, str(n))
        t = rng.choice([f"Since there are {w} separate pieces, should I label them separately?",
                        f"OK, {w} component{'s' if n != 1 else ''} then. Anything else?"])
        row.claim("count", "components", n, t)
    return t


def _misconception(kind, row, rng):
    """(user text, assistant correction sentences) for a false user idea that the assistant corrects."""
    f = row.f
    if kind == "laterality":
        t = f["laterality"]
        v = row.false_lat()
        wv = {"left": "on the left", "right": "on the right", "midline": "in the middle",
              "bilateral": "on both sides"}[v]
        u = rng.choice([f"My colleague said it's {wv}.", f"I thought it was {wv}."]) + " Is that correct?"
        row.claim("laterality", "side", v, u, corrected=True)
        corr = [rng.choice(["No, that's not correct.", "Not quite.", "Actually, no."])]
        row.offset = 1
        corr += row.say("laterality")
        row.offset = 0
        if t in ("left", "right") and rng.random() < 0.6:
            corr.append(f"The confusion is common: it shows on the {_OPP[t]} of the screen because of the display convention.")
        return u, corr
    if kind == "size":
        v = row.false_size()
        u = rng.choice([f"It looks {v} to me, doesn't it?", f"I assumed it was {v}."])
        row.claim("size", "class", v, u, corrected=True)
        row.offset = 1
        corr = [rng.choice(["I'd disagree.", "Not really.", "No."])] + row.say("size", mode=rng.choice(["both", "cls"]))
        row.offset = 0
        return u, corr
    if kind == "count":
        n = row.false_count()
        u = f"I see {NUM.get(n, str(n))} separate blobs, correct?"
        row.claim("count", "components", n, u, corrected=True)
        row.offset = 1
        corr = [rng.choice(["No, that's not what the mask shows.", "Not quite."])] + row.say("count")
        row.offset = 0
        return u, corr
    return None


def build(p, facts, style, rng, defect):
    row = Row(p, facts, style, rng, defect)
    key, name, names = p["key"], NAMES[p["key"]][0], NAMES[p["key"]]
    kinds = ["laterality", "position", "size", "count"]
    lat_def = defect in kinds
    loc = None
    if lat_def:
        x = rng.random()
        loc = "user" if x < 0.22 else "follow" if x < 0.45 else "first"
    rounds = rng.choice([2, 3])
    know = KNOW[key][:]
    rng.shuffle(know)
    conv = CONV[p["orient"]][:]
    rng.shuffle(conv)

    # first question
    q1 = rng.choice(Q1_NAMED[key] if defect == "names_target" else Q1[key])
    if style == "tiny_repetitive" and rng.random() < 0.4:
        q1 = q1 + " " + rng.choice(["Thanks.", "Please answer short.", "thank you!!"])
    row.turns.append({"role": "user", "content": q1})

    # first answer: which kinds
    first = rng.sample(kinds, rng.choice([2, 3, 3, 4]))
    if lat_def:
        if loc == "first" and defect not in first:
            first.append(defect)
        if loc != "first" and defect in first:
            first.remove(defect)
        if not first:
            first = [k for k in kinds if k != defect][:1]
    plural = p["plural"]
    disp = rng.choice(names) if rng.random() < 0.3 else name
    seg = f"{disp} [SEG]" if style != "list_json" else f"**{disp}** [SEG]"
    parts = []
    if style == "tiny_repetitive":
        restate = q1.split("?")[0].strip().rstrip(".")
        restate = restate[0].lower() + restate[1:]
        parts.append(rng.choice([f"You asked: {restate}.", "You are asking which structure this is.",
                                 "The question is which structure this is and to segment it."]))
        parts.append(rng.choice([f"The answer is the {seg}.", f"The structure is the {seg}. The structure is the {name}."]))
    elif style == "list_json":
        parts.append(rng.choice([f"Sure! Here is the segmentation of the {seg}.", f"Answer: the {seg}", f"Segmented: {seg}"]))
    elif style == "hedgy_disclaimer":
        parts.append(rng.choice(DISCLAIM))
        parts.append(rng.choice([f"{rng.choice(HEDGE)} this is the {seg}.", f"This appears to be the {seg}, although I may be wrong."]))
    else:
        parts.append(rng.choice([f"This is the {seg}.", f"The structure in question is the {seg}."]))
        parts.append(know.pop())
    for k in first:
        sent = row.say(k, false=(defect == k and loc == "first"))
        if style == "hedgy_disclaimer" and not sent[0].startswith(("-", '"')) and rng.random() < 0.5:
            head = sent[0] if sent[0].startswith(("I ", "I'", "LV", "RV", "LA")) else sent[0][0].lower() + sent[0][1:]
            new = rng.choice(["It seems that ", "I think ", "Probably, "]) + head
            row.retext(sent[0], new)
            sent[0] = new
        parts += sent
        if k == "laterality" and rng.random() < 0.6:
            parts.append(conv.pop() if conv else "")
    # distractors: knowledge / convention
    parts.append(know.pop())
    if style == "overconfident_textbook":
        parts.append(know.pop())
        if conv:
            parts.append(conv.pop())
    if style == "hedgy_disclaimer":
        parts.append(rng.choice(["Please confirm with a radiologist.", "A qualified clinician should review this.",
                                 "I might be wrong about the details."]))
    if style == "tiny_repetitive":
        rep = [k for k in first if k != defect]
        end = rng.choice(FILLER_END) + f"the structure is the {name}."
        parts.append(end)
        if rep and rng.random() < 0.7:
            parts += row.say(rng.choice(rep))
    row.turns.append({"role": "assistant", "content": _join(parts, style, rng)})

    # follow-ups
    said = set(first)
    for rd in range(1, rounds):
        parts = []
        last = rd == rounds - 1
        if lat_def and loc == "user" and (rd == 1 or last) and not any(c["turn"] > 1 and c["kind"] == defect for c in row.claims):
            u = _premise(defect, row, rng)
            row.turns.append({"role": "user", "content": u})
            others = [k for k in kinds if k != defect and k not in said] or [k for k in kinds if k != defect]
            k = rng.choice(others)
            parts.append(rng.choice(["Good question.", "Sure.", "Okay."]))
            parts.append(rng.choice(["Clinical correlation is the right next step.",
                                     "That is something to discuss with the reporting radiologist.",
                                     "It would be worth comparing with any prior imaging."]))
            parts += row.say(k)
            said.add(k)
            parts.append(know.pop() if know else "")
        elif lat_def and loc == "follow" and (rd == 1 or last) and defect not in said:
            row.turns.append({"role": "user", "content": _kind_question(defect, row, rng)})
            if style == "tiny_repetitive":
                parts.append(rng.choice(["You asked about that.", "Let me answer the question."]))
            parts += row.say(defect, false=True)
            said.add(defect)
            if defect == "laterality" and conv and rng.random() < 0.5:
                parts.append(conv.pop())
            parts.append(know.pop() if know else "")
        else:
            choice = rng.random()
            avail = [k for k in kinds if k not in said and not (lat_def and k == defect)]
            if choice < 0.25 and not (lat_def and loc != "first" and rd == 1 and rounds == 2):
                mk = rng.choice([k for k in ("laterality", "size", "count") if k != defect])
                if lat_def and mk in said:
                    # keep one statement per kind in defect rows: only correct kinds not yet stated
                    mk = next((k for k in ("laterality", "size", "count") if k not in said and k != defect), None)
                res = _misconception(mk, row, rng) if mk else None
                if res:
                    u, corr = res
                    row.turns.append({"role": "user", "content": u})
                    parts += corr
                    said.add(mk)
                    parts.append(know.pop() if know else "")
                    row.turns.append({"role": "assistant", "content": _join(parts, style, rng)})
                    continue
            if avail and (choice < 0.75 or not last):
                k = rng.choice(avail)
                row.turns.append({"role": "user", "content": _kind_question(k, row, rng)})
                if style == "tiny_repetitive":
                    parts.append(rng.choice(["Good question.", "You asked about this. Let me answer."]))
                parts += row.say(k)
                said.add(k)
                if k == "count" and facts["components"] == 1 and rng.random() < 0.5:
                    parts.append(rng.choice(["If a second piece showed up on a neighbouring slice, that could just be partial volume.",
                                             "Had there been more than one piece, I would have listed each one separately.",
                                             "Hypothetically, a separate island would need checking for a labelling error."]))
                parts.append(know.pop() if know else "")
            else:
                row.turns.append({"role": "user", "content": _kind_question("summary", row, rng)})
                ks = [k for k in kinds if not (lat_def and k == defect)]
                rng.shuffle(ks)
                ks = ks[:rng.choice([2, 3, 3])]
                if style == "tiny_repetitive":
                    parts.append("Here is the summary. The summary is:")
                parts.append(rng.choice([f"The mask is the {name}.", f"Segmented structure: {name}."]))
                for k in ks:
                    parts += row.say(k)
                    said.add(k)
                if style == "list_json":
                    parts.append(rng.choice([f'"label": "{name}"', f"- label: {name}"]))
                parts.append(rng.choice(["Hope this helps!", "Let me know if you need more.", ""]))
        if style == "tiny_repetitive":
            parts.append(rng.choice(FILLER_END) + rng.choice(["that is my answer.", f"this is the {name}.",
                                                              "I hope this answers the question."]))
        if style == "hedgy_disclaimer" and rng.random() < 0.6:
            parts.append(rng.choice(["Again, this is not a diagnosis.", "Please verify with a specialist."]))
        row.turns.append({"role": "assistant", "content": _join(parts, style, rng)})

    # a defect that should be in a follow-up but did not fit: put it in the last answer
    if lat_def and not any(c["kind"] == defect and not c["corrected"] and _is_planted(c) for c in row.claims):
        row.turns[-1]["content"] += ("\n" if style == "list_json" else " ") + " ".join(row.say(defect, false=True))
    LEDGER.append({"claims": row.claims, "target": p["target"], "key": key, "q1": q1})
    expected = [] if defect is None else [defect]
    return row.turns, expected


def _is_planted(c):
    return c.get("planted", True)
