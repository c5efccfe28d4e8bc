"""Bank DI: a reviewer's first four registers, blind.

Targets: abdominal/pelvic CT organs and lesions (liver, spleen, each kidney, both kidneys, aorta, liver
metastases, urinary bladder, adrenal glands), chest CT (lungs, pleural effusions, pulmonary nodule), brain MR
(brain metastases, lateral ventricles, glioma, MS lesions, left hippocampus), frontal chest XR (lungs, heart,
pneumothorax, left pleural effusion), thyroid US (axial), ovarian follicles US (no axes), endoscopy polyp,
dermoscopy skin lesion, fundus optic disc and hard exudates, microscopy cell nuclei. More than a third of the
profiles are bilateral, midline or multi-lesion masks.

Registers (STYLES): radiologist (clipped report lines, L/R, ant., approx.), tutor (explains the why, asks a
check question and answers it), markdown (headings, bullets, bold), numwords (numbers written as words).
Traps in clean rows: true negations, the radiological display convention, knowledge sentences about OTHER
structures with side/position/size words, population figures, hypotheticals, and user premises (true ones,
and false ones the assistant explicitly corrects).

Written without reading QC. Own check (/work/notes/qcdi_scripts/check_di.py, a ledger of every claim each
sentence makes, recomputed against the facts): rows: 420 clean: 210 defect: 210 problems: 0.
"""

import math
import random

import numpy as np

STYLES = ["radiologist", "tutor", "markdown", "numwords"]
LEDGER = []  # claims of the last build: dicts turn, k, v, text, corrected


def _p(target, mod, region, orient, ell, others, clues, name, syn, ban, named, know, pl=False, unit=("piece", "pieces"), lesion=False):
    return dict(target=target, mod=mod, region=region, orient=orient, ell=ell, others=others, clues=clues,
                name=name, syn=syn, ban=ban, named=named, know=know, pl=pl, unit=unit, lesion=lesion)


PROFILES = [
    _p("liver", "CT", "abdomen", "LP", [(80, 104, 48, 58, 0)], {"spleen": (0.74, 0.47), "aorta": (0.52, 0.62), "stomach": (0.62, 0.36)},
       ["produces bile and stores glycogen", "is enlarged in a patient with right-upper-quadrant fullness and raised transaminases", "would be the first place to look for colorectal metastases"],
       "the liver", ["the hepatic parenchyma", "this organ"], ["liver", "livers", "hepatic", "hepato", "hepar"],
       ["the liver", "the hepatic parenchyma"],
       ["The spleen sits high in the left upper quadrant.", "The stomach lies to the left of midline and in front of the pancreas.", "The left kidney usually sits a little higher than the right one."]),
    _p("spleen", "CT", "abdomen", "LP", [(185, 150, 22, 34, 15)], {"liver": (0.31, 0.41), "stomach": (0.6, 0.38), "left kidney": (0.7, 0.66)},
       ["filters old red cells and is at risk in a left-lower-rib fracture", "enlarges in infectious mononucleosis", "is removed after a shattering blunt trauma injury in the upper abdomen"],
       "the spleen", ["this organ", "the segmented organ"], ["spleen", "splenic", "spleens", "lien"], ["the spleen", "the splenic tissue"],
       ["The liver occupies most of the right upper quadrant and is much larger.", "The pancreatic tail reaches toward the hilum from a midline body.", "The left kidney lies posterior and medial here."]),
    _p("left kidney", "CT", "abdomen", "LP", [(178, 165, 16, 24, 10)], {"aorta": (0.52, 0.6), "spleen": (0.73, 0.52)},
       ["filters the blood and makes urine next to the spleen", "would swell if its ureter were blocked by a stone, with flank pain on the spleen's side"],
       "the left kidney", ["this organ", "the segmented organ"], ["kidney", "kidneys", "renal", "nephr", "reni"], ["the left kidney", "the left renal parenchyma"],
       ["The left renal vein crosses in front of the aorta to reach the IVC on the right.", "The liver pushes the right kidney slightly lower.", "The spleen is a small-to-medium organ high in the left upper quadrant in most adults."]),
    _p("right kidney", "CT", "abdomen", "LP", [(78, 168, 16, 24, -10)], {"aorta": (0.52, 0.6), "liver": (0.3, 0.42)},
       ["filters the blood just below the liver", "would swell if its ureter were blocked by a stone, with flank pain under the liver"],
       "the right kidney", ["this organ", "the segmented organ"], ["kidney", "kidneys", "renal", "nephr"], ["the right kidney", "the right renal parenchyma"],
       ["The left renal vein is longer and crosses anterior to the aorta.", "The spleen is on the left, far from this region.", "The IVC runs to the right of the aorta, just in front of the spine."]),
    _p("kidneys", "CT", "abdomen", "LP", [(78, 168, 16, 24, -10), (178, 165, 16, 24, 10)], {"aorta": (0.52, 0.58), "liver": (0.3, 0.4)},
       ["filter the blood and make urine", "would both be scarred by vesicoureteric reflux in childhood"],
       "both kidneys", ["the paired organs", "these organs"], ["kidney", "kidneys", "renal", "nephr"], ["the kidneys", "both renal outlines"],
       ["The aorta sits in the midline, just left of the IVC.", "The liver on the right is far larger than either of these.", "The left adrenal lies in front of the upper pole on that side."], pl=True),
    _p("aorta", "CT", "abdomen", "LP", [(130, 160, 9, 9, 0)], {"liver": (0.3, 0.4), "spleen": (0.74, 0.5), "stomach": (0.6, 0.35)},
       ["carries oxygenated blood from the heart down to the legs", "would be dilated in a pulsatile mass found in an elderly smoker"],
       "the aorta", ["the vessel", "this vessel"], ["aorta", "aortic", "aortas"], ["the aorta", "the abdominal aortic lumen"],
       ["The IVC lies to its right and a little anterior.", "The left renal vein passes in front of it.", "The vertebral body is directly behind this level."]),
    _p("liver metastases", "CT", "abdomen", "LP", [(70, 100, 8, 7, 0), (96, 126, 6, 6, 0), (60, 142, 7, 8, 0)], {"spleen": (0.74, 0.5), "aorta": (0.52, 0.62)},
       ["are the low-attenuation deposits in a patient with known colon cancer", "would change the staging of this patient's colorectal primary"],
       "the liver metastases", ["the deposits", "the lesions"], ["metastases", "metastasis", "metastatic", "mets", "secondaries", "liver", "hepatic"], ["the liver metastases", "the hepatic secondaries"],
       ["The spleen, in the left upper quadrant, is clear.", "The aorta lies just left of midline, in front of the spine.", "Simple cysts, seen in about 5% of adults, are sharply marginated."], pl=True, unit=("lesion", "lesions"), lesion=True),
    _p("urinary bladder", "CT", "pelvis", "LP", [(128, 92, 28, 22, 0)], {"rectum": (0.5, 0.78), "left femoral head": (0.8, 0.55)},
       ["stores urine before voiding", "would be distended in acute urinary retention"],
       "the urinary bladder", ["this organ", "the segmented organ"], ["bladder", "vesical", "cystic", "vesica"], ["the bladder", "the vesical lumen"],
       ["The rectum lies posterior to it in the midline.", "The femoral heads sit far out on the left and right.", "The seminal vesicles, when present, lie behind its base."]),
    _p("adrenal glands", "CT", "abdomen", "LP", [(98, 140, 5, 9, 20), (160, 138, 5, 9, -20)], {"aorta": (0.5, 0.62), "liver": (0.3, 0.4)},
       ["secrete cortisol and epinephrine", "would be hyperplastic in congenital cortisol synthesis defects"],
       "the adrenal glands", ["these glands", "the paired glands"], ["adrenal", "adrenals", "suprarenal"], ["the adrenal glands", "the suprarenals"],
       ["The right crus of the diaphragm passes close by.", "The IVC sits in front on the right.", "Incidental nodules here are seen in about 3% of adults over fifty."], pl=True),
    _p("lungs", "CT", "chest", "LP", [(80, 125, 38, 60, 0), (176, 125, 36, 58, 0)], {"heart": (0.52, 0.45), "spine": (0.5, 0.8)},
       ["exchange oxygen and carbon dioxide", "would be hyperinflated in emphysema"],
       "the lungs", ["the aerated regions", "the pulmonary fields"], ["lung", "lungs", "pulmonary", "pulmo", "pneum"], ["the lungs", "the pulmonary parenchyma"],
       ["The heart sits slightly left of midline, anterior in the chest.", "The descending aorta runs left of the spine.", "The right lung has three lobes; the left has two."], pl=True),
    _p("pleural effusions", "CT", "chest", "LP", [(80, 192, 30, 10, 0), (178, 194, 28, 9, 0)], {"heart": (0.52, 0.45), "spine": (0.5, 0.8)},
       ["are the dependent fluid collections in a patient in heart failure", "would layer posteriorly in a supine patient with hypoalbuminaemia"],
       "the pleural effusions", ["the fluid collections", "the collections"], ["effusion", "effusions", "pleural", "hydrothorax"], ["the pleural effusions", "the pleural fluid"],
       ["The heart lies in front, slightly to the left.", "The azygos vein runs on the right of the spine.", "Small effusions are seen in roughly half of patients after cardiac surgery."], pl=True, unit=("collection", "collections"), lesion=True),
    _p("pulmonary nodule", "CT", "chest", "LP", [(170, 100, 6, 6, 0)], {"heart": (0.52, 0.5), "spine": (0.5, 0.82)},
       ["is the incidental round opacity a smoker's screening scan was done for", "would be followed up under the Fleischner guidance"],
       "the pulmonary nodule", ["the lesion", "the opacity"], ["nodule", "nodules", "nodular", "pulmonary"], ["the pulmonary nodule", "the lung nodule"],
       ["The heart sits more centrally and in front.", "The right hilum lies on the other side at a lower level.", "Nodules under 6 mm carry a malignancy risk below 1% in most cohorts."], unit=("lesion", "lesions"), lesion=True),
    _p("brain metastases", "MR", "head", "LP", [(90, 90, 7, 7, 0), (170, 110, 9, 8, 0), (100, 170, 6, 6, 0), (160, 176, 5, 5, 0)], {"third ventricle": (0.5, 0.5)},
       ["are the ring-enhancing deposits in a patient with lung cancer", "explain new seizures in a patient with stage IV melanoma"],
       "the brain metastases", ["the deposits", "the lesions"], ["metastases", "metastasis", "metastatic", "mets", "secondaries", "secondary"], ["the brain metastases", "the cerebral metastases"],
       ["The falx divides the hemispheres in the midline.", "The left hemisphere is dominant for language in most right-handers.", "Metastases are found in up to 40% of patients with lung cancer."], pl=True, unit=("lesion", "lesions"), lesion=True),
    _p("lateral ventricles", "MR", "head", "LP", [(108, 120, 7, 24, 0), (147, 120, 7, 24, 0)], {"third ventricle": (0.5, 0.58)},
       ["hold cerebrospinal fluid inside each hemisphere", "would enlarge first in obstructive hydrocephalus"],
       "the lateral ventricles", ["these CSF spaces", "the paired cavities"], ["ventricle", "ventricles", "ventricular"], ["the lateral ventricles", "the ventricular system"],
       ["The third ventricle lies in the midline below them.", "The caudate heads bulge into the front horns from the side.", "The septum pellucidum is a thin midline sheet."], pl=True, unit=("cavity", "cavities")),
    _p("glioma", "MR", "head", "LP", [(90, 80, 20, 16, 15)], {"third ventricle": (0.5, 0.55)},
       ["is the infiltrating primary tumour causing this patient's personality change", "is the T2-bright intra-axial mass that a neurosurgeon wants outlined"],
       "the glioma", ["the tumour", "the mass"], ["glioma", "gliomas", "glioblastoma", "astrocytoma", "glial"], ["the glioma", "the glioblastoma"],
       ["The third ventricle stays in the midline.", "The left frontal lobe holds Broca's area in most people.", "Gliomas make up about a third of primary brain tumours."], unit=("lesion", "lesions"), lesion=True),
    _p("multiple sclerosis lesions", "MR", "head", "LP", [(100, 100, 4, 6, 0), (155, 98, 4, 5, 0), (96, 145, 5, 4, 0), (160, 150, 4, 4, 0), (118, 175, 3, 4, 0), (176, 125, 3, 3, 0)], {"third ventricle": (0.5, 0.5)},
       ["are the periventricular T2-bright spots in a young woman with optic neuritis", "fulfil dissemination in space on this scan"],
       "the multiple sclerosis lesions", ["the plaques", "the lesions"], ["sclerosis", "ms", "plaques", "plaque", "demyelinating"], ["the MS lesions", "the demyelinating plaques"],
       ["The corpus callosum bridges the hemispheres in the midline.", "The right optic nerve was the symptomatic one clinically.", "Dawson's fingers point away from the ventricles, perpendicular to them."], pl=True, unit=("lesion", "lesions"), lesion=True),
    _p("left hippocampus", "MR", "head", "LP", [(160, 150, 5, 12, 20)], {"third ventricle": (0.5, 0.5), "brainstem": (0.5, 0.62)},
       ["consolidates new memories on the language-dominant side", "is the usual atrophic focus in mesial temporal sclerosis on the side of the dominant hemisphere"],
       "the left hippocampus", ["this structure", "the segmented structure"], ["hippocampus", "hippocampal", "hippocampi"], ["the left hippocampus", "the hippocampal formation"],
       ["The brainstem sits in the midline in front of the fourth ventricle.", "The right temporal horn is of normal size.", "The amygdala is a small almond-shaped nucleus at the front of the temporal lobe."]),
    _p("lungs", "XR", "chest", "LI", [(85, 120, 40, 75, 0), (172, 120, 38, 72, 0)], {"heart": (0.57, 0.63), "trachea": (0.5, 0.2)},
       ["are the lucent fields used to judge the depth of inspiration", "would be hyperlucent in emphysema"],
       "the lungs", ["the lung fields", "the aerated fields"], ["lung", "lungs", "pulmonary", "pneum"], ["the lungs", "the lung fields"],
       ["The heart shadow lies mostly to the left, low in the chest.", "The right hemidiaphragm usually sits higher than the left.", "The trachea runs in the midline at the top of the film."], pl=True),
    _p("heart", "XR", "chest", "LI", [(150, 165, 40, 32, 0)], {"trachea": (0.5, 0.2), "right hemidiaphragm": (0.3, 0.75)},
       ["is the silhouette you measure against the chest width on this film", "would look enlarged in a patient with long-standing valve disease"],
       "the heart", ["the cardiac silhouette", "this shadow"], ["heart", "cardiac", "cardio", "cor"], ["the heart", "the cardiac silhouette"],
       ["The trachea lies in the midline at the top of the film.", "The right hemidiaphragm is usually higher than the left.", "A cardiothoracic ratio above 50% on a PA film suggests enlargement."]),
    _p("pneumothorax", "XR", "chest", "LI", [(80, 60, 28, 20, 0)], {"heart": (0.57, 0.63), "trachea": (0.5, 0.22)},
       ["is the air collection in a tall young man with sudden pleuritic pain", "explains the absent lung markings at the apex in this patient"],
       "the pneumothorax", ["the air collection", "the lucency"], ["pneumothorax", "pneumothoraces", "ptx"], ["the pneumothorax", "the PTX"],
       ["The heart shadow sits lower and left of midline.", "The trachea stays in the midline here, so there is no shift.", "Primary spontaneous cases recur in about 30% of patients."]),
    _p("pleural effusion", "XR", "chest", "LI", [(182, 202, 30, 14, 0)], {"heart": (0.56, 0.6), "trachea": (0.5, 0.2)},
       ["blunts the costophrenic angle in this patient with pneumonia", "is the meniscus-shaped opacity the registrar wants tapped"],
       "the pleural effusion", ["the fluid", "the collection"], ["effusion", "effusions", "pleural", "hydrothorax"], ["the pleural effusion", "the pleural fluid"],
       ["The trachea is midline at the top of the film.", "The right costophrenic angle is sharp.", "About 200 mL is needed before the angle blunts on an erect film."]),
    _p("thyroid gland", "US", "neck", "LP", [(100, 70, 14, 26, 0), (156, 70, 14, 26, 0), (128, 62, 20, 6, 0)], {"trachea": (0.5, 0.35), "left common carotid artery": (0.77, 0.4)},
       ["makes thyroxine", "would be enlarged in iodine deficiency"],
       "the thyroid gland", ["the gland", "this gland"], ["thyroid", "thyroidal", "goitre"], ["the thyroid", "the thyroid gland"],
       ["The carotid arteries lie laterally on each side.", "The trachea is deep to it in the midline.", "The oesophagus usually peeks out on the left, behind."]),
    _p("ovarian follicles", "US", "pelvis", None, [(90, 110, 12, 12, 0), (130, 100, 10, 10, 0), (165, 120, 13, 11, 0), (110, 150, 9, 9, 0), (150, 160, 11, 10, 0)], {},
       ["are the small fluid-filled sacs counted for the antral count in fertility work-up", "hold the maturing oocytes in this stimulated cycle"],
       "the ovarian follicles", ["the sacs", "the anechoic sacs"], ["follicle", "follicles", "follicular", "ovarian", "ovary"], ["the ovarian follicles", "the follicles"],
       ["The bladder is usually seen near the top of a transabdominal view.", "A dominant follicle reaches about 20 mm before ovulation.", "Polycystic morphology means 20 or more per ovary on modern probes."], pl=True, unit=("sac", "sacs"), lesion=True),
    _p("polyp", "endoscopy", "colon", None, [(150, 170, 22, 18, 20)], {},
       ["is the raised mucosal growth the endoscopist wants removed", "is the pedunculated growth that could turn into a cancer if left alone"],
       "the polyp", ["the lesion", "the growth"], ["polyp", "polyps", "polypoid", "adenoma", "adenomas"], ["the polyp", "the adenoma"],
       ["Haustral folds run across the lumen at the left of the frame.", "The light reflex often sits at the upper right.", "Adenomas are found in about 25% of screening colonoscopies."], unit=("lesion", "lesions"), lesion=True),
    _p("skin lesion", "dermoscopy", "skin", None, [(128, 125, 50, 42, 10)], {},
       ["is the pigmented spot the dermatologist is worried about", "shows the asymmetry and colour variegation we score with ABCD"],
       "the skin lesion", ["the lesion", "the pigmented area"], ["lesion", "lesions", "melanoma", "naevus", "nevus", "mole"], ["the skin lesion", "the naevus"],
       ["The ruler marks at the bottom are only a scale.", "Hairs cross the upper left of the field.", "Melanoma makes up about 1% of skin cancers but most deaths."], unit=("region", "regions"), lesion=True),
    _p("optic disc", "other", "eye", None, [(190, 128, 16, 16, 0)], {},
       ["is where the ganglion cell axons leave the eye", "is the spot we assess for cupping in glaucoma"],
       "the optic disc", ["the disc", "this structure"], ["disc", "disk", "papilla", "optic nerve head"], ["the optic disc", "the optic nerve head"],
       ["The fovea sits about two disc diameters to the temporal side.", "The large arcade vessels arch above and below.", "The blind spot in the visual field corresponds to it."]),
    _p("hard exudates", "other", "eye", None, [(100, 90, 4, 3, 0), (120, 100, 3, 3, 0), (140, 85, 5, 3, 0), (95, 140, 3, 4, 0), (150, 150, 4, 4, 0), (170, 110, 3, 3, 0), (125, 170, 3, 2, 0)], {},
       ["are the yellow lipid deposits in this diabetic patient's retina", "mark leaking microaneurysms in diabetic maculopathy"],
       "the hard exudates", ["the deposits", "the yellow spots"], ["exudate", "exudates", "exudative"], ["the hard exudates", "the exudates"],
       ["The optic disc is the bright oval at the edge of the field.", "The macula sits in the centre, darker than its surroundings.", "About a third of diabetics have some retinopathy."], pl=True, unit=("deposit", "deposits"), lesion=True),
    _p("cell nuclei", "microscopy", "tissue", None, [(60, 60, 9, 7, 0), (110, 70, 8, 8, 0), (180, 80, 9, 8, 30), (70, 150, 8, 9, 0), (140, 140, 10, 8, 0), (200, 170, 8, 8, 0), (120, 205, 9, 7, 0), (60, 210, 7, 7, 0)], {},
       ["hold the chromatin and stain blue with haematoxylin", "are the purple bodies a pathologist counts for the mitotic index"],
       "the cell nuclei", ["the nuclei", "the stained bodies"], ["nucleus", "nuclei", "nuclear"], ["the cell nuclei", "the nuclei"],
       ["Eosin stains the cytoplasm pink around them.", "Red cells, about 7 micrometres across, are a handy size reference.", "A mitotic figure is seen in under 1% of cells in benign tissue."], pl=True, unit=("nucleus", "nuclei")),
]

W = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
     10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
     17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty"}


def words(n):
    if n in W:
        return W[n]
    t, u = divmod(n, 10)
    return f"{W[t * 10]}-{W[u]}"


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts
    yy, xx = np.mgrid[0:256, 0:256]
    m = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry, ang in p["ell"]:
        s = rng.uniform(0.95, 1.05)
        a = math.radians(ang)
        u = (xx - cx - dx) * math.cos(a) + (yy - cy - dy) * math.sin(a)
        v = -(xx - cx - dx) * math.sin(a) + (yy - cy - dy) * math.cos(a)
        m |= (u / (rx * s)) ** 2 + (v / (ry * s)) ** 2 <= 1.0
    return compute_facts(m, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return dict(modality=p["mod"], body_region=p["region"], orientation=p["orient"])


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([q for q in profiles if q["orient"] is not None])
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior", "upper": "lower", "lower": "upper"}
ROPP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
GROUP = {"lat": "laterality", "lat_not": "laterality", "vert": "position", "vert_not": "position", "rel": "position",
         "size": "size", "size_not": "size", "pct": "size", "count": "count", "count_one": "count"}


class Row:
    def __init__(self, p, f, style, rng, defect):
        self.p, self.f, self.st, self.rng, self.defect = p, f, style, rng, defect
        self.turns, self.ledger = [], []
        self.view = {"LP": "axial image", "LI": "frontal view", None: "photo"}[p["orient"]]

    def claim(self, k, v, text, corrected=False):
        self.ledger.append(dict(turn=len(self.turns), k=k, v=v, text=text, corrected=corrected))
        return text

    def subj(self, cap=True):
        p, r = self.p, self.rng
        opts = [(p["name"], p["pl"]), ("the mask", False), ("the segmented region", False), (r.choice(p["syn"]), p["pl"] and not r.choice(p["syn"]).startswith("this"))]
        s, pl = r.choice(opts)
        if s.startswith("this") or s.startswith("the segmented organ") or s.startswith("the segmented structure"):
            pl = False
        if s in p["syn"] and s.split()[-1].endswith("s") and s not in ("this organ",):
            pl = p["pl"]
        return (s[0].upper() + s[1:] if cap else s), pl


def vb(pl, sing, plur):
    return plur if pl else sing


# ---- fact phrases ---------------------------------------------------------------------------------
def lat_text(R, v):
    p, r, st = R.p, R.rng, R.st
    S, pl = R.subj()
    img = {"left": "right", "right": "left"}
    if v in ("left", "right"):
        abbrev = v[0].upper()
        opts = {
            "radiologist": [f"{abbrev}-sided.", f"Side: {abbrev}.", f"Located on the {abbrev} (patient's {v}).", f"{S} {vb(pl, 'is', 'are')} {v}-sided."],
            "tutor": [f"{S} {vb(pl, 'lies', 'lie')} on the patient's {v}. Notice that on this {R.view} it shows up on the screen's {img[v]}, because we view the patient as if facing them.",
                      f"{S} {vb(pl, 'is', 'are')} on the {v} side of the patient, which is the viewer's {img[v]} here."],
            "markdown": [f"- **Side:** patient's {v}", f"- **Laterality:** {v} (image {img[v]}, per radiological convention)"],
            "numwords": [f"{S} {vb(pl, 'sits', 'sit')} on the patient's {v}, on just one side of the body.", f"It lies on the {v}, one side only."],
        }
    elif v == "bilateral":
        opts = {
            "radiologist": ["Bilat.", "Bilateral, L and R.", f"{S} bilateral."],
            "tutor": [f"{S} {vb(pl, 'is', 'are')} bilateral: there is tissue on both the patient's left and right.", f"{S} {vb(pl, 'appears', 'appear')} on both sides, so we call it bilateral."],
            "markdown": ["- **Side:** bilateral (both left and right)", "- **Laterality:** both sides"],
            "numwords": [f"{S} {vb(pl, 'shows', 'show')} up on both sides, left and right.", "It is present on both sides of the body."],
        }
    else:  # midline
        opts = {
            "radiologist": ["Midline.", f"{S} midline, approx. equal L/R.", "Central, straddles midline."],
            "tutor": [f"{S} {vb(pl, 'sits', 'sit')} in the midline, straddling it roughly equally.", f"{S} {vb(pl, 'is', 'are')} a midline structure on this image."],
            "markdown": ["- **Side:** midline", "- **Laterality:** midline, roughly even on both sides"],
            "numwords": [f"{S} {vb(pl, 'sits', 'sit')} on the midline, about half on each side.", "It is centred on the midline."],
        }
    return R.claim("lat", v, r.choice(opts[st]))


def latnot_text(R, lat):
    """A true negation about side."""
    r = R.rng
    if lat in ("left", "right"):
        o = OPP[lat]
        t = r.choice([f"It does not reach the {o} side.", f"Nothing of it crosses to the patient's {o}.", f"No part lies on the {o}.",
                      f"There is no {o}-sided component."])
        return R.claim("lat_not", o, t)
    if lat == "bilateral":
        t = r.choice(["It is not confined to one side.", "It is not a one-sided finding.", "Neither side is spared."])
        return R.claim("lat_not", "onesided", t)
    return None


def vert_words(R, v):
    o = R.p["orient"]
    if o == "LP":
        return {"anterior": ["anterior", "toward the front", "in the front half", "ant."],
                "posterior": ["posterior", "toward the back", "in the back half", "post."],
                "central": ["central front-to-back", "at mid-depth", "roughly central antero-posteriorly", "mid AP"]}[v]
    if o == "LI":
        return {"superior": ["superior", "high in the field", "in the upper zone", "sup."],
                "inferior": ["inferior", "low in the field", "in the lower zone", "inf."],
                "central": ["in the mid zone", "central cranio-caudally", "mid-height", "mid zone"]}[v]
    return {"upper": ["in the upper half of the image", "toward the top of the frame", "in the upper part of the frame", "upper half"],
            "lower": ["in the lower half of the image", "toward the bottom of the frame", "in the lower part of the frame", "lower half"],
            "central": ["near the centre of the frame", "about mid-height in the image", "centrally in the picture", "central"]}[v]


def vert_text(R, v):
    r, st = R.rng, R.st
    ws = vert_words(R, v)
    S, pl = R.subj()
    if st == "radiologist":
        t = r.choice([f"Position: {ws[3].rstrip('.')}.", f"{S} {ws[0]}.", f"Sits {ws[1]}."])
    elif st == "tutor":
        t = r.choice([f"Vertically, {S[0].lower() + S[1:]} {vb(pl, 'is', 'are')} {ws[0]}: look at where its centre falls relative to the middle of the patient.",
                      f"{S} {vb(pl, 'lies', 'lie')} {ws[1]}, which you judge from the centre of the mask, not its edge."])
    elif st == "markdown":
        t = r.choice([f"- **Position:** {ws[0]}", f"- **Where:** {ws[2]}"])
    else:
        t = r.choice([f"{S} {vb(pl, 'sits', 'sit')} {ws[2]}.", f"Its centre is {ws[1]}."])
    return R.claim("vert", v, t)


def vertnot_text(R, v):
    others = [w for w in vert_words_keys(R) if w != v and w != "central"]
    if not others:
        return None
    w = R.rng.choice(others)
    ws = vert_words(R, w)
    t = R.rng.choice([f"It is not {ws[1]}.", f"It does not sit {ws[1]}."])
    return R.claim("vert_not", w, t)


def vert_words_keys(R):
    o = R.p["orient"]
    return {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"], None: ["upper", "lower", "central"]}[o]


REL_WORDS = {"left_of": ["to the patient's left of", "left of", "on the left of"], "right_of": ["to the patient's right of", "right of", "on the right of"],
             "anterior_to": ["in front of", "anterior to", "ant. to"], "posterior_to": ["behind", "posterior to", "post. to"],
             "superior_to": ["above", "superior to", "sup. to"], "inferior_to": ["below", "inferior to", "inf. to"]}


def rel_text(R, other, rel):
    r, st = R.rng, R.st
    ws = REL_WORDS[rel]
    S, pl = R.subj()
    if st == "radiologist":
        t = r.choice([f"{ws[2][0].upper() + ws[2][1:]} {other}.", f"{S} {ws[1]} {other}."])
    elif st == "tutor":
        t = f"{S} {vb(pl, 'lies', 'lie')} {ws[0]} the {other}; comparing centres is the reliable way to say that."
    elif st == "markdown":
        t = f"- **Relation to the {other}:** {ws[0]} it"
    else:
        t = r.choice([f"{S} {vb(pl, 'is', 'are')} {ws[0]} the {other}.", f"Compared with the {other}, it lies {ws[1]} it."])
    return R.claim("rel", [other, rel], t)


SIZE_W = {"small": ["small", "small"], "medium": ["medium-sized", "moderate in size"], "large": ["large", "sizeable"]}


def size_text(R, v):
    r, st = R.rng, R.st
    S, pl = R.subj()
    w = r.choice(SIZE_W[v])
    t = {"radiologist": [f"Size: {w}.", f"{S} {w}."],
         "tutor": [f"{S} {vb(pl, 'is', 'are')} {w} relative to the whole image, which is the yardstick we use here.", f"By area {S[0].lower() + S[1:]} {vb(pl, 'counts', 'count')} as {w}."],
         "markdown": [f"- **Size:** {w}", f"- **Size class:** **{w}**"],
         "numwords": [f"{S} {vb(pl, 'is', 'are')} {w} overall.", f"On size, I'd call it {w}."]}[st]
    return R.claim("size", v, r.choice(t))


FRAC = [("one-hundredth", 1.0), ("one-fiftieth", 2.0), ("one-fortieth", 2.5), ("one-thirtieth", 3.33), ("one-twentieth", 5.0),
        ("one-tenth", 10.0), ("one-eighth", 12.5), ("one-fifth", 20.0), ("a quarter", 25.0), ("a third", 33.3)]
SUB = [("a fifth of a percent", 0.2), ("a quarter of a percent", 0.25), ("three-tenths of a percent", 0.3), ("four-tenths of a percent", 0.4),
       ("half a percent", 0.5), ("six-tenths of a percent", 0.6), ("seven-tenths of a percent", 0.7), ("three-quarters of a percent", 0.75),
       ("eight-tenths of a percent", 0.8), ("nine-tenths of a percent", 0.9), ("a tenth of a percent", 0.1), ("fifteen-hundredths of a percent", 0.15)]


def pct_phrase(R, val):
    """(text, value said) for a percent of the image."""
    r = R.rng
    if R.st == "numwords":
        cands = [(f"{ph} of the image", x) for ph, x in FRAC] + [(ph + " of the image", x) for ph, x in SUB]
        cands += [(f"{words(n)} percent of the image", float(n)) for n in range(1, 60)]
        cands += [(f"{words(n)} and a half percent of the image", n + 0.5) for n in range(1, 20)]
        ok = [c for c in cands if abs(c[1] / val - 1) < 0.1]
        if ok:
            ph, x = r.choice(ok)
            return r.choice(["roughly ", "about ", "approximately ", "close to "]) + ph, x
    x = round(val, 2) if val < 1 else round(val, 1) if val < 10 else float(round(val))
    s = f"{x:g}%"
    return r.choice(["approx. " if R.st == "radiologist" else "about ", "~", "roughly "]) + s + " of the image", x


def pct_text(R, val):
    r, st = R.rng, R.st
    ph, x = pct_phrase(R, val)
    S, pl = R.subj()
    t = {"radiologist": [f"Area {ph}.", f"{S} {ph}."],
         "tutor": [f"{S} {vb(pl, 'covers', 'cover')} {ph}; we get that by dividing mask pixels by image pixels."],
         "markdown": [f"- **Area:** {ph}"],
         "numwords": [f"{S} {vb(pl, 'takes', 'take')} up {ph}.", f"By my count it covers {ph}."]}[st]
    return R.claim("pct", x, r.choice(t))


def sizenot_text(R, v):
    w = R.rng.choice([c for c in ("small", "large") if c != v])
    t = R.rng.choice([f"It is not what I'd call {w}.", f"It would be wrong to call it {w}."])
    return R.claim("size_not", w, t)


def count_phrase(R, n):
    u1, un = R.p["unit"]
    if n == 1:
        return R.rng.choice([f"a single {u1}", f"one connected {u1}" if u1 == "piece" else f"a solitary {u1}", f"just one {u1}"])
    num = words(n) if R.st in ("numwords", "tutor") else str(n)
    return R.rng.choice([f"{num} separate {un}", f"{num} distinct {un}", f"{num} disconnected {un}"])


def count_text(R, n):
    r, st = R.rng, R.st
    ph = count_phrase(R, n)
    t = {"radiologist": [f"Count: {ph}.", f"{ph[0].upper() + ph[1:]}."],
         "tutor": [f"The mask is made of {ph}; we count pieces that do not touch each other.", f"If you count connected blobs you get {ph}."],
         "markdown": [f"- **Pieces:** {ph}", f"- **Count:** {ph}"],
         "numwords": [f"The mask breaks into {ph}." if n > 1 else f"The mask is {ph}.", f"I count {ph} in total."]}[st]
    return R.claim("count", n, r.choice(t))


def countone_text(R):
    t = R.rng.choice(["No second focus.", "There is no second separate piece.", "No satellite component is present.", "Nothing else is split off from it."])
    return R.claim("count_one", 1, t)


# ---- traps (no claim about the target) ------------------------------------------------------------
def convention(R):
    o = R.p["orient"]
    if o == "LP":
        return R.rng.choice(["By radiological convention the patient's left is shown on the viewer's right.",
                             "Axial images are viewed from the feet, so the patient's right appears on the left of the screen.",
                             "Conv.: pt L = image R."])
    if o == "LI":
        return R.rng.choice(["A frontal film is displayed as if you face the patient, so their left is on your right.",
                             "Remember the side marker: the patient's right is on the left of the film."])
    return R.rng.choice(["An image like this, without orientation markers, has no patient left or right; only image positions apply.",
                         "There is no left/right of the patient in a frame like this, so I describe image halves."])


def hypothetical(R, lat):
    if lat in ("left", "right"):
        o = OPP[lat]
        return R.rng.choice([f"Had it been on the {o}, the differential would shift a little.", f"A {o}-sided finding would be described the same way, just mirrored."])
    if R.f["components"] == 1:
        return R.rng.choice(["If it were much larger, I'd want a second look at the edges.", "If there were a second focus, I'd count it separately."])
    return R.rng.choice(["If these pieces were joined by a bridge of tissue, the count would drop.", "Were one of the pieces missed, the count would be understated."])


def tutor_check(R):
    return R.rng.choice([
        "Check question: on an axial CT, which side of the screen shows the patient's left? Answer: the right side of the screen.",
        "Quick check: does a mask covering 6% of the image count as small? Answer: no, 5% or more is large on this scale.",
        "Try this: if two blobs do not touch, how many pieces is that? Answer: two, even if they are the same organ.",
        "Self-test: is 'anterior' toward the top or the bottom of an axial slice? Answer: the top."])


# ---- conversation -------------------------------------------------------------------------------
def first_question(R, named):
    p, r, st = R.p, R.rng, R.st
    desc = {"CT": "CT slice", "MR": "MR slice", "XR": "chest film", "US": "ultrasound image", "endoscopy": "endoscopy frame",
            "dermoscopy": "dermoscopy image", "other": "fundus photo", "microscopy": "micrograph"}[p["mod"]]
    clue = r.choice(p["clues"])
    what = r.choice(["which structures", "what structures"]) if p["pl"] else r.choice(["which structure", "what"])
    if named:
        nm = r.choice(p["named"])
        q = {"radiologist": f"{desc}. Seg {nm} pls, then side/size.",
             "tutor": f"I'm revising. Can you segment {nm} on this {desc} and explain how you describe it?",
             "markdown": f"Hi! Could you outline {nm} in this {desc} and give me a tidy summary?",
             "numwords": f"Please segment {nm} in this {desc}, and write any numbers as words."}[st]
        return q
    q = {"radiologist": [f"{desc}. Which {'structures' if p['pl'] else 'structure'} {clue}? Seg + brief description.", f"Pls seg: {what} {clue}? ({desc})"],
         "tutor": [f"I'm studying for an exam. In this {desc}, {what} {clue}? Could you segment it and explain your reasoning?"],
         "markdown": [f"Hey! Looking at this {desc}: {what} {clue}? Please segment and summarise.", f"Can you find and segment {what} {clue} in this {desc}?"],
         "numwords": [f"In this {desc}, {what} {clue}? Please segment it and spell numbers out in words.", f"Which part of this {desc} {clue}? Outline it, please." if not p["pl"] else f"Which parts of this {desc} {clue}? Outline them, please."]}[st]
    return r.choice(q)


def intro(R):
    p, r, st = R.p, R.rng, R.st
    n = p["name"]
    N = n[0].upper() + n[1:]
    return {"radiologist": r.choice([f"{N} [SEG].", f"Seg: {n} [SEG].", f"FINDINGS: {n} [SEG].", f"Impression: {n} [SEG], details below."]),
            "tutor": r.choice([f"{'Those are' if p['pl'] else 'That is'} {n} [SEG]. Let's walk through how to describe {'them' if p['pl'] else 'it'}.", f"Good question: {'they are' if p['pl'] else 'it is'} {n} [SEG]."]),
            "markdown": r.choice([f"## Finding\n**{N}** [SEG]\n", f"**Answer:** {n} [SEG]\n\n### Details", f"### Segmentation\nHere {'are' if p['pl'] else 'is'} {n} [SEG].\n"]),
            "numwords": r.choice([f"{'These are' if p['pl'] else 'This is'} {n} [SEG].", f"You're looking at {n} [SEG]."])}[st]


def join(R, parts):
    parts = [x for x in parts if x]
    if R.st == "markdown":
        out = []
        for x in parts:
            out.append(x if x.startswith(("-", "#")) else x)
        return "\n".join(out)
    return " ".join(parts)


def wrong_value(R, kind):
    f, r = R.f, R.rng
    if kind == "laterality":
        lat = f["laterality"]
        v = {"left": r.choice(["right", "right", "midline"]), "right": r.choice(["left", "left", "midline"]),
             "bilateral": r.choice(["left", "right"]), "midline": r.choice(["left", "right"])}[lat]
        return ("lat", v)
    if kind == "position":
        rels = f["relations"]
        if rels and r.random() < 0.45:
            x = r.choice(rels)
            return ("rel", [x["other"], ROPP[x["relation"]]])
        v = f["vertical"]
        keys = vert_words_keys(R)
        w = OPP[v] if v != "central" else r.choice(keys[:2])
        return ("vert", w)
    if kind == "size":
        if r.random() < 0.5:
            c = f["size_class"]
            return ("size", {"small": "large", "large": "small", "medium": r.choice(["small", "large"])}[c] if r.random() < 0.5 else
                    {"small": "medium", "large": "medium", "medium": r.choice(["small", "large"])}[c])
        val = 100 * f["area_fraction"]
        return ("pct", val * r.choice([3.3, 0.27]))
    n = f["components"]
    return ("count", n + 1 if n == 1 or r.random() < 0.5 else n - 1)


def fact_sentence(R, k, v):
    if k == "lat":
        return lat_text(R, v)
    if k == "vert":
        return vert_text(R, v)
    if k == "rel":
        return rel_text(R, v[0], v[1])
    if k == "size":
        return size_text(R, v)
    if k == "pct":
        return pct_text(R, v)
    return count_text(R, v)


def true_items(R, topic):
    f, r = R.f, R.rng
    if topic == "laterality":
        return [("lat", f["laterality"])] if f["laterality"] != "unknown" else []
    if topic == "position":
        out = [("vert", f["vertical"])]
        if f["relations"]:
            x = r.choice(f["relations"])
            out.append(("rel", [x["other"], x["relation"]]))
        return out
    if topic == "size":
        return r.choice([[("size", f["size_class"])], [("pct", 100 * f["area_fraction"])], [("size", f["size_class"]), ("pct", 100 * f["area_fraction"])]])
    return [("count", f["components"])]


PREMISE = {
    "lat": lambda v: {"left": "it's on the patient's left", "right": "it's on the patient's right", "midline": "it's a midline structure",
                      "bilateral": "it's on both sides"}[v],
    "vert": lambda v: f"it sits {v}" if v != "central" else "it sits centrally",
    "size": lambda v: f"it's {SIZE_W[v][0]}",
    "count": lambda v: "it's a single piece" if v == 1 else f"there are {v} separate pieces",
}


def premise_text(R, k, v):
    if k == "rel":
        return f"it's {REL_WORDS[v[1]][0]} the {v[0]}"
    if k == "pct":
        return f"it's about {round(v, 1) if v >= 1 else round(v, 2):g}% of the image"
    return PREMISE[k](v)


FOLLOW_Q = {
    "laterality": {"radiologist": ["Side?", "L or R?"], "tutor": ["Which side of the patient is it on, and how do you tell?"],
                   "markdown": ["What about laterality?"], "numwords": ["Which side is it on?"]},
    "position": {"radiologist": ["Position / relations?", "Where exactly?"], "tutor": ["Where does it sit, and relative to what?"],
                 "markdown": ["Where is it, relative to its neighbours?"], "numwords": ["Where does it sit?"]},
    "size": {"radiologist": ["Size?", "How big?"], "tutor": ["How big is it, and how do you judge size?"],
             "markdown": ["How large is it?"], "numwords": ["How much of the image does it take up?"]},
    "count": {"radiologist": ["How many pieces?", "Single or multiple?"], "tutor": ["Is it one piece or several?"],
              "markdown": ["How many separate parts are there?"], "numwords": ["How many separate pieces are there?"]},
    "summary": {"radiologist": ["Summary?"], "tutor": ["Can you summarise what we learned?"], "markdown": ["Can I get a short summary?"],
                "numwords": ["Could you sum it up?"]},
}


def build(p, facts, style, rng, defect=None):
    global LEDGER
    R = Row(p, facts, style, rng, defect)
    f = facts
    lat = f["laterality"]
    topics = ["laterality", "position", "size", "count"] if lat != "unknown" else ["position", "size", "count"]
    kind = defect if defect in ("laterality", "position", "size", "count") else None
    loc = None
    if kind:
        x = rng.random()
        loc = "user" if x < 0.2 else "followup" if x < 0.4 else "first"
    nrounds = 3 if (loc in ("user", "followup") or rng.random() < 0.5) else 2
    banned = {kind} if kind else set()
    # ---- round 1
    R.turns.append({"role": "user", "content": first_question(R, defect == "names_target")})
    parts = [intro(R)]
    first_topics = [t for t in topics if t not in banned]
    rng.shuffle(first_topics)
    first_topics = first_topics[:rng.randint(2, len(first_topics))]
    # a clean row's first question may carry a premise: true, or false and corrected
    if defect is None and rng.random() < 0.35 and lat != "unknown":
        tk = rng.choice(["lat", "count"])
        if tk == "lat":
            false_v = {"left": "right", "right": "left", "bilateral": rng.choice(["left", "right"]), "midline": rng.choice(["left", "right"])}[lat]
            pv = false_v if rng.random() < 0.6 else lat
        else:
            pv = f["components"] + 1 if rng.random() < 0.6 else f["components"]
        q = R.turns[0]["content"]
        pre = rng.choice(["My registrar thinks ", "The request form says ", "I was told "]) + premise_text(R, tk, pv) + ". "
        R.ledger.append(dict(turn=0, k=tk, v=pv, text=premise_text(R, tk, pv), corrected=(pv != (lat if tk == "lat" else f["components"]))))
        R.turns[0]["content"] = pre + q
        if R.ledger[-1]["corrected"]:
            trueword = lat if tk == "lat" else count_phrase(R, f["components"])
            corr = {"radiologist": f"Correction: not as stated; ", "tutor": "Careful, that premise is wrong: ", "markdown": "**Correction:** ",
                    "numwords": "Small correction first: "}[style]
            parts.append(corr + (f"it is {('on the patient ' + trueword) if trueword in ('left', 'right') else trueword if trueword in ('bilateral', 'midline') else 'made of ' + trueword}."))
            R.claim("lat" if tk == "lat" else "count", lat if tk == "lat" else f["components"], parts[-1])
            first_topics = [t for t in first_topics if t != ("laterality" if tk == "lat" else "count")]
        else:
            parts.append({"radiologist": "Agree with that.", "tutor": "That's right, and here's why it matters.", "markdown": "Yes, that's correct.",
                          "numwords": "That's correct."}[style])
    if loc == "first":
        k, v = wrong_value(R, kind)
        planted = (k, v)
    for t in first_topics:
        for k, v in true_items(R, t):
            if kind == "laterality" and k == "rel" and v[1] in ("left_of", "right_of"):
                continue
            parts.append(fact_sentence(R, k, v))
    if loc == "first":
        parts.insert(rng.randint(1, len(parts)), fact_sentence(R, *planted))
    # traps
    traps = []
    if "laterality" not in banned and rng.random() < 0.7:
        traps.append(latnot_text(R, lat) if lat != "unknown" else None)
    if "count" not in banned and f["components"] == 1 and rng.random() < 0.5:
        traps.append(countone_text(R))
    if "position" not in banned and rng.random() < 0.3:
        traps.append(vertnot_text(R, f["vertical"]))
    if "size" not in banned and rng.random() < 0.25:
        traps.append(sizenot_text(R, f["size_class"]))
    traps.append(rng.choice(p["know"]))
    if rng.random() < 0.6:
        traps.append(convention(R))
    if rng.random() < 0.3 and "laterality" not in banned and ("count" not in banned or lat in ("left", "right")):
        traps.append(hypothetical(R, lat))
    if style == "tutor":
        traps.append(tutor_check(R))
    parts += [x for x in traps if x]
    if style == "markdown":
        head = parts[0]
        parts = [head] + [x if x.startswith("-") else x for x in parts[1:]]
    R.turns.append({"role": "assistant", "content": join(R, parts)})
    # ---- follow-up rounds
    pool = [t for t in topics + ["summary"] if t != kind]
    rng.shuffle(pool)
    slot = rng.randint(1, nrounds - 1) if loc in ("user", "followup") else None
    for rd in range(1, nrounds):
        if rd == slot and loc == "user":
            k, v = wrong_value(R, kind)
            other = rng.choice([t for t in ("position", "size", "count", "summary") if t != kind])
            lead = {"radiologist": "Given ", "tutor": "Since ", "markdown": "OK, so since ", "numwords": "Given that "}[style]
            pt = premise_text(R, k, v)
            R.ledger.append(dict(turn=len(R.turns), k=k, v=v, text=pt, corrected=False))
            fq = FOLLOW_Q[other][style][0]
            R.turns.append({"role": "user", "content": lead + pt + ", " + fq[0].lower() + fq[1:]})
            if other in pool:
                pool.remove(other)
            topic = other
            ans_items = [] if topic == "summary" else true_items(R, topic)
        elif rd == slot:
            topic = kind
            R.turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[topic][style])})
            ans_items = [wrong_value(R, kind)]
        else:
            topic = pool.pop()
            R.turns.append({"role": "user", "content": rng.choice(FOLLOW_Q[topic][style])})
            ans_items = [] if topic == "summary" else true_items(R, topic)
        parts = []
        if topic == "summary":
            for t in topics:
                if t == kind:
                    continue
                for k, v in true_items(R, t)[:1]:
                    if kind == "laterality" and k == "rel" and v[1] in ("left_of", "right_of"):
                        continue
                    parts.append(fact_sentence(R, k, v))
            if style == "markdown":
                parts.insert(0, "### Summary")
        else:
            for k, v in ans_items:
                if kind == "laterality" and k == "rel" and v[1] in ("left_of", "right_of"):
                    continue
                parts.append(fact_sentence(R, k, v))
            if topic == "laterality" and kind != "laterality":
                if rng.random() < 0.6:
                    parts.append(convention(R))
                if rng.random() < 0.5:
                    parts.append(latnot_text(R, lat))
            if topic == "count" and kind != "count" and f["components"] == 1 and rng.random() < 0.5:
                parts.append(countone_text(R))
            if topic == "size":
                parts.append(rng.choice([x for x in ["For scale, the liver is usually the largest organ on an abdominal slice.",
                                         "Thresholds here: under 1% of the image is small, 1-5% medium, 5% or more large.",
                                         "A normal adrenal limb is only a few millimetres thick, by comparison."] if not any(b in x.lower() for b in p["ban"])]))
            if rng.random() < 0.4:
                parts.append(rng.choice(p["know"]))
        if not parts:
            parts = [rng.choice(p["know"])]
        R.turns.append({"role": "assistant", "content": join(R, parts)})
    LEDGER = R.ledger
    return R.turns, ([] if defect is None else [defect])
