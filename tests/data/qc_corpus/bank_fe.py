"""Bank FE: reasoning-model outputs (DeepSeek-R1 / QwQ / o1 style) on thorax, abdomen and brain labels.

Targets: liver, spleen, kidneys, left kidney, right kidney, pancreas, liver metastases, gallbladder, aorta,
left lung, right lung, heart, pleural effusion, pulmonary nodules, trachea, pneumothorax, glioblastoma,
brain metastases, lateral ventricles, third ventricle, meningioma, subdural hematoma, infarct, pituitary
adenoma, hippocampus (CT / MR axial "LP", chest film and coronal MR "LI").

Registers (STYLES): "r1think" (an R1-style <think>...</think> block that entertains and discards
hypotheses, then an answer), "o1steps" (o1-style numbered steps, a "Let me verify" check and a
"Final answer:" line), "qwq" (a QwQ-style wandering monologue, "wait", "hold on", a **Final Answer**
with \\boxed{}), "distilled" (a small distilled reasoning model: terse think block, clipped answer).

In clean rows every claim the model finally stands by is true; discarded hypotheses are explicitly
discarded. In defect rows the one false claim is one the model stands by (final answer, a kept step, a
follow-up answer, or an uncorrected user premise).

Written without reading QC. Own check (/work/notes/qcfe_scripts/check_fe.py, ledger of every claim
sentence, re-generated and compared with the jsonl): rows: 420 clean: 210 defects: 210 (42 of each kind)
problems: 0. Side/position/size/count defects: 105 in the first answer, 36 in a follow-up answer, 27 in an
uncorrected user premise; 241 explicitly discarded wrong hypotheses; 85 clean rows with a user premise the
assistant corrects; 181/420 rows hold a bilateral, midline or several-piece mask.
"""

from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["r1think", "o1steps", "qwq", "distilled"]

# ledger of the last build() call: (turn index, field, value, status, text); read by the writer's own check
LAST_LEDGER: list = []

A, T, B = "abdomen", "thorax", "brain"

PROFILES = [
    dict(target="liver", region=A, mod="CT", orient="LP", ell=[(80, 100, 55, 60, 0)],
         others={"inferior vena cava": (118, 140), "spleen": (192, 140), "aorta": (132, 150)},
         ban=["liver", "hepat", "hepar"], names=["liver", "hepatic parenchyma"],
         decoy=("spleen", "the spleen doesn't make bile, it filters blood"),
         why="bile production and glycogen storage are classic liver jobs",
         qs=["Which organ on this CT makes bile and stores glycogen? Please segment it.",
             "A patient has jaundice and a tender right upper quadrant. Which solid organ here would you look at first? Segment it for me.",
             "Which organ in this slice makes albumin and most clotting factors? Outline it please."]),
    dict(target="spleen", region=A, mod="CT", orient="LP", ell=[(195, 150, 22, 36, 10)],
         others={"stomach": (165, 100), "liver": (75, 110)},
         ban=["spleen", "splen", r"\blien"], names=["spleen"],
         decoy=("left kidney", "the kidney would be rounder, and it doesn't filter old red cells"),
         why="removing old red cells and enlarging in mono both point to the spleen",
         qs=["Which organ on this slice filters old red blood cells and can rupture after a rib fracture? Please segment it.",
             "A teenager with mononucleosis is told to avoid contact sports. Which organ here are we worried about? Segment it.",
             "Which lymphoid organ in this abdomen CT stores platelets? Outline it."]),
    dict(target="kidneys", region=A, mod="CT", orient="LP", ell=[(80, 160, 16, 24, 15), (176, 160, 16, 24, -15)],
         others={"pancreas": (135, 122)},
         ban=["kidney", "renal", "nephr"], names=["kidneys", "both kidneys"],
         decoy=("adrenal glands", "the adrenals are thin Y-shaped slivers and don't make urine"),
         why="filtering blood into urine is what the kidneys do",
         qs=["Which paired organs on this CT filter the blood to make urine? Segment both please.",
             "This patient's creatinine is rising. Which paired organs would you outline here? Please segment them.",
             "Which organs on this slice secrete erythropoietin? Segment them."]),
    dict(target="left kidney", region=A, mod="CT", orient="LP", ell=[(178, 165, 17, 25, -12)],
         others={"aorta": (132, 148), "liver": (75, 110)},
         ban=["kidney", "renal", "nephr"], names=["left kidney"],
         decoy=("spleen", "the spleen sits higher and has no hilum with a collecting system"),
         why="a bean-shaped organ with a hilum and collecting system is a kidney",
         qs=["Which organ on this slice is drained by the ureter that had the stone on the patient's left? Segment it.",
             "There's a bean-shaped organ near the spine on the patient's left side. What is it? Please outline it.",
             "Which organ here receives its blood through a vein that crosses in front of the aorta? Segment it."]),
    dict(target="right kidney", region=A, mod="CT", orient="LP", ell=[(78, 168, 17, 25, 12)],
         others={"inferior vena cava": (116, 142)},
         ban=["kidney", "renal", "nephr"], names=["right kidney"],
         decoy=("gallbladder", "the gallbladder is fluid-filled and sits in front, not next to the spine"),
         why="a bean-shaped organ with a hilum next to the psoas is a kidney",
         qs=["Which organ on this slice filters blood into urine on the same side as the liver? Segment it.",
             "Which bean-shaped organ here sits right next to the inferior vena cava, toward the back? Outline it.",
             "A stone is stuck in the patient's right ureter. Which organ upstream of it is visible here? Segment it."]),
    dict(target="pancreas", region=A, mod="CT", orient="LP", ell=[(136, 128, 45, 12, -15)],
         others={"aorta": (130, 152), "stomach": (150, 92)},
         ban=["pancrea"], names=["pancreas"],
         decoy=("duodenum", "the duodenum is bowel with a lumen, not a lobulated gland"),
         why="insulin plus digestive enzymes means the pancreas",
         qs=["Which gland on this CT secretes insulin and digestive enzymes? Please segment it.",
             "Epigastric pain boring through to the back and a lipase of 3000. Which organ is inflamed? Segment it.",
             "Which retroperitoneal gland on this slice makes glucagon? Outline it please."]),
    dict(target="liver metastases", region=A, mod="CT", orient="LP",
         ell=[(70, 100, 8, 7, 0), (95, 85, 6, 6, 0), (85, 130, 9, 8, 20)],
         others={"inferior vena cava": (118, 140)},
         ban=["metasta", "liver", "hepat", r"\bmets\b", "secondar"], names=["liver metastases", "hepatic metastases"],
         decoy=("simple cysts", "cysts would be water-dense and sharply marginated, these look solid"),
         why="multiple solid lesions after a colorectal primary are metastases until proven otherwise",
         qs=["This patient had a sigmoid cancer resected two years ago and the CEA is climbing. What are these low-density spots? Segment them.",
             "Staging CT for a known colorectal primary. Please segment whatever lesions explain the rising tumour markers.",
             "New hypodense foci in the right upper abdomen of a patient with treated bowel cancer: what are they? Outline them."]),
    dict(target="gallbladder", region=A, mod="CT", orient="LP", ell=[(100, 118, 10, 16, 10)],
         others={"duodenum": (126, 130), "liver": (75, 100)},
         ban=["gallbladder", "gall bladder", r"\bgall", "cholecyst"], names=["gallbladder"],
         decoy=("duodenal bulb", "the bulb would contain gas or contrast, this is a pear-shaped fluid sac"),
         why="a pear-shaped sac that stores and concentrates bile is the gallbladder",
         qs=["Which small sac on this slice stores and concentrates bile? Please segment it.",
             "Fatty-meal pain with a positive Murphy sign. Which structure here would you outline? Segment it.",
             "Which organ on this CT contracts in response to CCK after a fatty meal? Outline it please."]),
    dict(target="aorta", region=A, mod="CT", orient="LP", ell=[(138, 150, 10, 10, 0)],
         others={"inferior vena cava": (112, 148), "pancreas": (136, 122)},
         ban=["aort"], names=["abdominal aorta", "aorta"],
         decoy=("inferior vena cava", "the IVC is flatter and sits further to the patient's right"),
         why="a round, bright, thick-walled vessel in front of the spine is the aorta",
         qs=["Which vessel on this slice carries oxygenated blood down to the legs? Please segment it.",
             "Sudden tearing back pain in a hypertensive patient. Which vessel here should be outlined? Segment it.",
             "Which large artery gives off the coeliac trunk and SMA? Outline it on this CT."]),
    dict(target="left lung", region=T, mod="CT", orient="LP", ell=[(185, 120, 45, 70, 0)],
         others={"heart": (140, 100), "descending aorta": (146, 160)},
         ban=["lung", "pulmon", "pneum"], names=["left lung"],
         decoy=("right lung", "that one has three lobes; this one has only two, with the lingula"),
         why="the air-filled organ with two lobes and the cardiac notch is the left lung",
         qs=["Which organ on this chest CT has only two lobes and a cardiac notch? Please segment it.",
             "Which air-filled organ here has a lingula? Outline it.",
             "Which structure on this slice would collapse if the patient's left main bronchus were blocked? Segment it."]),
    dict(target="right lung", region=T, mod="CT", orient="LP", ell=[(72, 120, 48, 72, 0)],
         others={"heart": (140, 100)},
         ban=["lung", "pulmon", "pneum"], names=["right lung"],
         decoy=("left lung", "the left has only two lobes, and this one has a horizontal fissure"),
         why="three lobes and a horizontal fissure belong to the right lung",
         qs=["Which organ on this chest CT has three lobes and a horizontal fissure? Please segment it.",
             "Aspirated peanuts usually end up in which organ, via the straighter main bronchus? Segment it here.",
             "Which air-filled organ is supplied by the bronchus intermedius? Outline it."]),
    dict(target="heart", region=T, mod="CT", orient="LP", ell=[(140, 95, 40, 34, 20)],
         others={"descending aorta": (145, 160), "esophagus": (130, 150)},
         ban=["heart", "cardi", "coronar", "myocard"], names=["heart"],
         decoy=("pericardial effusion", "an effusion would be a rim of fluid, this is the whole muscular pump"),
         why="the four-chambered pump of the mediastinum is the heart",
         qs=["Which organ in the middle of this chest CT pumps blood around the body? Please segment it.",
             "Which muscular organ here has four chambers? Outline it.",
             "Crushing central chest pain radiating to the jaw: which organ on this slice is in trouble? Segment it."]),
    dict(target="pleural effusion", region=T, mod="CT", orient="LP", ell=[(70, 190, 32, 12, 0), (186, 190, 32, 12, 0)],
         others={"heart": (140, 100)},
         ban=["pleur", "effusion", "fluid", "hydrothora"], names=["pleural effusions", "bilateral pleural effusions"],
         decoy=("basal atelectasis", "collapse would have air bronchograms and volume loss, this is a dependent crescent"),
         why="a dependent crescent of water density at both bases is pleural fluid",
         qs=["Known heart failure, dull to percussion at both bases. What has collected at the back of the chest? Segment it.",
             "Which abnormality is layering dependently at the lung bases on this CT? Please outline it.",
             "Breathless patient with reduced breath sounds at both bases. What is the crescent-shaped abnormality here? Segment it."]),
    dict(target="pulmonary nodules", region=T, mod="CT", orient="LP",
         ell=[(60, 90, 5, 5, 0), (190, 110, 6, 6, 0), (175, 150, 4, 4, 0), (80, 160, 5, 5, 0)],
         others={"heart": (140, 100)},
         ban=["nodul", "pulmon", "lung"], names=["pulmonary nodules", "lung nodules"],
         decoy=("vessels seen end-on", "vessels would connect to branching tubes on adjacent slices, these are isolated round opacities"),
         why="small round isolated opacities that need Fleischner follow-up are nodules",
         qs=["A 60-year-old smoker's screening CT. Please segment the small round opacities we'll need to follow up.",
             "Which abnormalities on this chest CT would fall under the Fleischner guidelines? Outline them.",
             "Segment the little round spots scattered through this chest, and tell me what they are."]),
    dict(target="trachea", region=T, mod="CT", orient="LP", ell=[(128, 80, 9, 8, 0)],
         others={"esophagus": (132, 98), "superior vena cava": (104, 86)},
         ban=["trache", "windpipe"], names=["trachea", "windpipe"],
         decoy=("esophagus", "the oesophagus is usually collapsed and sits behind; this is an open air column"),
         why="the air-filled tube held open by C-shaped cartilage rings is the trachea",
         qs=["Which tube on this chest CT is held open by C-shaped cartilage rings? Please segment it.",
             "Which air-filled structure here divides at the carina into the two main bronchi? Outline it.",
             "Where would a breathing tube passed through the mouth end up on this slice? Segment that airway."]),
    dict(target="pneumothorax", region=T, mod="XR", orient="LI", ell=[(60, 90, 24, 58, 0)],
         others={"heart": (140, 160)},
         ban=["pneumothora", r"\bptx\b", "collapsed lung", "pneum"], names=["pneumothorax"],
         decoy=("a skin fold", "a skin fold would extend beyond the chest wall and have lung markings past it"),
         why="a lucent rim without lung markings beyond a visible pleural line is a pneumothorax",
         qs=["Tall thin 20-year-old with sudden pleuritic chest pain and breathlessness. What's the abnormality on this film? Segment it.",
             "On this chest X-ray there's an area with no lung markings beyond a thin white line. What is it? Please outline it.",
             "After a central line insertion the patient desaturated. Segment the complication on this radiograph."]),
    dict(target="heart", region=T, mod="XR", orient="LI", ell=[(145, 165, 45, 38, 0)],
         others={"trachea": (128, 60)},
         ban=["heart", "cardi", "coronar"], names=["heart", "cardiac silhouette"],
         decoy=("a pericardial fat pad", "a fat pad is small and sits at the angle; this is the whole central silhouette"),
         why="the central silhouette whose width gives the cardiothoracic ratio is the heart",
         qs=["On this PA chest film, which central silhouette's width do you compare with the chest width? Please segment it.",
             "Which organ's shadow sits between the lungs on this radiograph and pumps blood? Outline it.",
             "Ankle oedema and orthopnoea: which enlarged organ would you outline on this film? Segment it."]),
    dict(target="pleural effusion", region=T, mod="XR", orient="LI", ell=[(190, 200, 35, 22, 0)],
         others={"heart": (140, 160)},
         ban=["pleur", "effusion", "fluid", "hydrothora"], names=["pleural effusion"],
         decoy=("consolidation", "consolidation has air bronchograms; this has a meniscus and blunts the angle"),
         why="a dependent opacity with a meniscus blunting the costophrenic angle is an effusion",
         qs=["This chest film shows a blunted costophrenic angle with a meniscus. What is it? Please segment it.",
             "Stony dullness at one base on examination. Segment the cause on this radiograph.",
             "After a pneumonia the patient is still febrile; what is layering at the base here? Outline it."]),
    dict(target="glioblastoma", region=B, mod="MR", orient="LP", ell=[(95, 85, 22, 20, 30)],
         others={"third ventricle": (128, 130)},
         ban=["glioblastoma", r"\bgbm\b", "glioma", "astrocytoma", "tumo"], names=["glioblastoma", "GBM"],
         decoy=("an abscess", "an abscess usually has a smooth thin rim and restricted diffusion centrally"),
         why="a thick irregular ring-enhancing necrotic mass in an older adult is most likely glioblastoma",
         qs=["A 62-year-old with new seizures has a ring-enhancing mass with a necrotic centre. What is it most likely? Segment it.",
             "Which aggressive primary brain malignancy explains this irregular enhancing lesion? Please outline it.",
             "Segment the necrotic enhancing mass on this post-contrast MR and tell me the likeliest diagnosis."]),
    dict(target="glioblastoma", region=B, mod="MR", orient="LP", ell=[(172, 150, 20, 24, -20)],
         others={"third ventricle": (128, 128)},
         ban=["glioblastoma", r"\bgbm\b", "glioma", "astrocytoma", "tumo"], names=["glioblastoma", "GBM"],
         decoy=("a subacute infarct", "an infarct follows a vascular territory and wouldn't have a necrotic ring"),
         why="an enhancing necrotic mass with surrounding FLAIR signal is most likely glioblastoma",
         qs=["Progressive word-finding difficulty over six weeks and an enhancing mass on MR. What is it? Segment it.",
             "Which primary brain malignancy is this heterogeneous, centrally necrotic lesion most likely to be? Outline it.",
             "Please segment the ring-enhancing lesion and name the likeliest diagnosis."]),
    dict(target="brain metastases", region=B, mod="MR", orient="LP",
         ell=[(85, 80, 7, 7, 0), (170, 150, 6, 6, 0), (100, 175, 5, 5, 0)],
         others={"third ventricle": (128, 130)},
         ban=["metasta", r"\bmets\b", "secondar"], names=["brain metastases", "cerebral metastases"],
         decoy=("multiple abscesses", "nothing here suggests infection and the patient has a known primary"),
         why="several enhancing lesions at the grey-white junction in a patient with cancer are metastases",
         qs=["Known lung adenocarcinoma, now headaches. Please segment the enhancing lesions and tell me what they are.",
             "Several small enhancing foci at the grey-white junction in a melanoma patient: what are they? Outline them.",
             "Segment all the small ring-enhancing lesions on this MR of a woman with breast cancer."]),
    dict(target="lateral ventricles", region=B, mod="MR", orient="LP", ell=[(108, 120, 8, 28, 0), (148, 120, 8, 28, 0)],
         others={"third ventricle": (128, 142)},
         ban=["ventric"], names=["lateral ventricles"],
         decoy=("the sulci", "the sulci are at the surface; these are deep paired CSF spaces"),
         why="the paired CSF cavities that make most of the CSF via choroid plexus are the lateral ventricles",
         qs=["Which paired CSF-filled cavities deep in the hemispheres produce most of the CSF? Please segment them.",
             "Which paired spaces here would balloon in obstructive hydrocephalus? Outline them.",
             "Where does the choroid plexus sit on this MR? Segment the paired cavities that contain it."]),
    dict(target="third ventricle", region=B, mod="MR", orient="LP", ell=[(128, 130, 3, 12, 0)],
         others={"pineal gland": (128, 168)},
         ban=["ventric"], names=["third ventricle"],
         decoy=("the cavum septum pellucidum", "that's a normal variant further forward; this slit sits between the thalami"),
         why="the slit-like CSF space between the two thalami is the third ventricle",
         qs=["Which slit-like CSF space sits between the two thalami? Please segment it.",
             "Which cavity connects to the fourth via the cerebral aqueduct? Outline it on this MR.",
             "A colloid cyst classically obstructs the foramen of Monro into which space? Segment that space."]),
    dict(target="meningioma", region=B, mod="MR", orient="LP", ell=[(205, 100, 18, 15, 0)],
         others={"third ventricle": (128, 130)},
         ban=["meningioma", "mening", "tumo"], names=["meningioma"],
         decoy=("a dural metastasis", "possible, but with no known primary and a dural tail, the benign lesion is likelier"),
         why="an extra-axial, homogeneously enhancing, dural-based mass with a tail is a meningioma",
         qs=["Extra-axial dural-based mass with a dural tail and homogeneous enhancement. What is it? Please segment it.",
             "Which common benign extra-axial growth is this, more common in women? Outline it.",
             "An incidental, well-circumscribed enhancing lesion against the inner table. Segment it and name it."]),
    dict(target="subdural hematoma", region=B, mod="MR", orient="LP", ell=[(45, 125, 9, 45, 0)],
         others={"third ventricle": (128, 128)},
         ban=["subdural", "hematoma", "haematoma", r"\bsdh\b", "bleed", "hemorrhag", "haemorrhag"], names=["subdural hematoma"],
         decoy=("an extradural collection", "that would be lens-shaped and limited by sutures; this one is a crescent"),
         why="a crescentic extra-axial collection crossing suture lines is a subdural collection of blood",
         qs=["An elderly man on warfarin fell a week ago and is now confused. What is the crescent-shaped collection? Segment it.",
             "Which kind of extra-axial collection crosses suture lines but not the falx? Outline it here.",
             "Segment the crescentic collection along the convexity and name it."]),
    dict(target="infarct", region=B, mod="MR", orient="LP", ell=[(180, 120, 25, 30, 0)],
         others={"third ventricle": (128, 128)},
         ban=["infarct", "stroke", "ischemi", "ischaemi", r"\bcva\b"], names=["infarct", "acute infarct"],
         decoy=("a low-grade glioma", "that wouldn't have appeared suddenly or show restricted diffusion in a territory"),
         why="sudden onset with restricted diffusion in an arterial territory means an acute infarct",
         qs=["Sudden right-sided weakness and aphasia 6 hours ago. Please segment the area of restricted diffusion and name it.",
             "Which lesion explains this patient's acute right hemiparesis? Outline it on the DWI.",
             "Segment the bright wedge on diffusion-weighted imaging and tell me what it is."]),
    dict(target="pituitary adenoma", region=B, mod="MR", orient="LI", ell=[(128, 175, 9, 7, 0)],
         others={"optic chiasm": (128, 158), "third ventricle": (128, 128)},
         ban=["pituitar", "adenoma", "hypophys", "sella", "prolactinoma"], names=["pituitary adenoma", "pituitary macroadenoma"],
         decoy=("a craniopharyngioma", "that would usually be cystic and calcified; this is a solid enhancing mass"),
         why="a solid mass causing bitemporal hemianopia and galactorrhoea is a pituitary adenoma",
         qs=["Bitemporal hemianopia and galactorrhoea. Segment the mass responsible on this coronal MR.",
             "A 35-year-old with amenorrhoea and a raised prolactin. Which lesion here explains it? Outline it.",
             "Segment the small mass below the optic chiasm and tell me what it is."]),
    dict(target="hippocampus", region=B, mod="MR", orient="LI", ell=[(95, 170, 8, 11, 0), (161, 170, 8, 11, 0)],
         others={"third ventricle": (128, 120)},
         ban=["hippocamp"], names=["hippocampi", "hippocampus (both sides)"],
         decoy=("the amygdala", "the amygdala is further forward and handles emotion rather than memory"),
         why="new episodic memory formation and early atrophy in Alzheimer's point to the hippocampus",
         qs=["Which structure is central to forming new episodic memories and atrophies early in Alzheimer's? Segment it on both sides.",
             "Which medial temporal structures are scored on the MTA scale? Please outline them.",
             "Which seahorse-shaped structures in the medial temporal lobes are involved in mesial temporal sclerosis? Segment them."]),
]

KNOW = {  # true statements about OTHER structures, with side / position / size / number words; (text, targets to skip)
    A: [("The left renal vein normally crosses in front of the aorta, just below the SMA.", {"aorta", "left kidney", "kidneys"}),
        ("The inferior vena cava runs to the right of the aorta.", {"aorta"}),
        ("The right kidney usually sits a little lower than the left, pushed down by the liver.", {"kidneys", "right kidney", "left kidney", "liver"}),
        ("A horseshoe kidney turns up in roughly 1 in 500 people.", {"kidneys", "left kidney", "right kidney"}),
        ("Accessory spleens are found in something like 10-30% of people.", {"spleen"}),
        ("Gallstones are present in roughly 10-15% of adults in Western populations.", {"gallbladder"}),
        ("The pancreatic head sits in the C-loop of the duodenum, to the right of the mesenteric vessels.", {"pancreas"}),
        ("The stomach lies in front of the pancreas, separated by the lesser sac.", {"pancreas"}),
        ("The spleen is normally tucked posteriorly under the left hemidiaphragm.", {"spleen"})],
    T: [("The right lung has three lobes and the left only two.", {"left lung", "right lung"}),
        ("The right hemidiaphragm usually sits a bit higher than the left.", set()),
        ("The descending thoracic aorta runs down along the left side of the vertebral bodies.", set()),
        ("The oesophagus lies behind the trachea in the upper chest.", {"trachea"}),
        ("The superior vena cava is on the right side of the mediastinum.", set()),
        ("A cardiothoracic ratio above 50% on a PA film suggests cardiomegaly.", {"heart"}),
        ("Solid nodules under 6 mm in a low-risk patient need no routine follow-up under Fleischner.", {"pulmonary nodules"}),
        ("About 2 in 3 lung cancers present at an advanced stage.", set())],
    B: [("The left hemisphere is language-dominant in about 95% of right-handed people.", set()),
        ("A lesion in the left motor cortex weakens the right side of the body.", set()),
        ("The falx cerebri runs in the midline between the two hemispheres.", set()),
        ("The third ventricle sits in the midline between the two thalami.", {"third ventricle"}),
        ("Glioblastoma makes up roughly half of primary malignant brain tumours.", {"glioblastoma"}),
        ("Meningiomas are about twice as common in women as in men.", {"meningioma"}),
        ("The pineal gland lies behind the third ventricle.", {"third ventricle"}),
        ("Roughly 20% of patients with cancer develop brain metastases at some point.", {"brain metastases"})],
}


def art(dec):
    if dec.split()[0] in ("a", "an", "the") or dec.startswith(("simple", "multiple", "vessels", "consolidation", "basal")):
        return dec
    return "the " + dec


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["orient"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    n = 256
    yy, xx = np.mgrid[0:n, 0:n]
    mask = np.zeros((n, n), bool)
    dx, dy = rng.uniform(-3, 3), rng.uniform(-3, 3)
    s = rng.uniform(0.95, 1.05)
    for cx, cy, rx, ry, ang in p["ell"]:
        a = math.radians(ang)
        u, v = xx - (cx + dx), yy - (cy + dy)
        xr, yr = u * math.cos(a) + v * math.sin(a), -u * math.sin(a) + v * math.cos(a)
        mask |= (xr / (rx * s)) ** 2 + (yr / (ry * s)) ** 2 <= 1.0
    others = {k: (x / 255.0, y / 255.0) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    if defect == "count":  # favour multi-piece masks a little for count defects
        multi = [q for q in profiles if len(q["ell"]) > 1]
        return rng.choice(multi if rng.random() < 0.4 else profiles)
    return rng.choice(profiles)


# ---------------------------------------------------------------------------------------------------------
# phrase makers: every sentence about the target's facts goes through `Row.say`, which logs it

NUMW = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
FLIP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
        "superior": "inferior", "inferior": "superior"}
RFLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def side_words(v, region, rng):
    if v in ("left", "right"):
        return rng.choice([f"on the patient's {v}", f"{v}-sided", f"on the {v} side of the patient",
                           {B: f"in the {v} hemisphere", T: f"in the {v} hemithorax", A: f"on the {v} side of the abdomen"}[region],
                           f"on the {v}"])
    if v == "bilateral":
        return rng.choice(["bilateral", "on both sides", "present on both the left and the right",
                           "on both sides of the midline"])
    return rng.choice(["in the midline", "midline", "centred on the midline", "sitting right on the midline"])


def vert_words(v, orient, rng):
    if orient == "LP":
        return {"anterior": rng.choice(["anterior", "anteriorly placed", "toward the front", "in the anterior half of the slice", "ventral"]),
                "posterior": rng.choice(["posterior", "posteriorly placed", "toward the back", "in the posterior half of the slice", "dorsal"]),
                "central": rng.choice(["central front-to-back", "roughly mid-way between front and back",
                                       "central in the anteroposterior direction"])}[v]
    return {"superior": rng.choice(["superior", "in the upper part of the image, i.e. superiorly", "toward the head end", "high up"]),
            "inferior": rng.choice(["inferior", "in the lower part of the image, i.e. inferiorly", "toward the feet", "low down"]),
            "central": rng.choice(["at mid-height", "central in the craniocaudal direction", "roughly halfway up the image"])}[v]


def size_words(v, rng):
    return {"small": rng.choice(["small", "a small region", "fairly small"]),
            "medium": rng.choice(["medium-sized", "moderate in size", "mid-sized"]),
            "large": rng.choice(["large", "big", "a large region"])}[v]


def pct_words(x, rng):
    r = round(x)
    d = 2 if x < 1 else 1
    forms = [f"{x:.{d}f}%", f"about {x:.{d}f}% of the image", f"~{x:.{d}f} %"]
    if r >= 2 and abs(r - x) / x < 0.12:
        forms += [f"about {r}% of the frame", f"roughly {NUMW.get(r, str(r))} percent of the image"]
    if x < 1:
        forms.append(f"{x:.2f} percent of the pixels")
    elif x >= 10:
        forms.append(f"{x:.0f}% of the image")
    return rng.choice(forms)


def count_words(n, rng, thing="piece"):
    if n == 1:
        return rng.choice(["a single connected region", "one contiguous piece", "1 component", "a single blob"])
    w = NUMW.get(n, str(n))
    return rng.choice([f"{w} separate {thing}s", f"{n} components", f"{w} distinct {thing}s", f"{n} separate connected regions"])


def rel_words(rel, other, rng):
    return {"left_of": rng.choice([f"to the patient's left of the {other}", f"left of the {other}"]),
            "right_of": rng.choice([f"to the patient's right of the {other}", f"right of the {other}"]),
            "anterior_to": rng.choice([f"in front of the {other}", f"anterior to the {other}"]),
            "posterior_to": rng.choice([f"behind the {other}", f"posterior to the {other}"]),
            "superior_to": rng.choice([f"above the {other}", f"superior to the {other}"]),
            "inferior_to": rng.choice([f"below the {other}", f"inferior to the {other}"])}[rel]


def img_side(v):
    return {"left": "right", "right": "left"}[v]


class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.turns: list[str] = []
        self.led: list = []
        self.truth = {"side": facts["laterality"], "vert": facts["vertical"], "size": facts["size_class"],
                      "pct": 100.0 * facts["area_fraction"], "count": facts["components"]}
        self.rels = [(r["other"], r["relation"]) for r in facts["relations"]]
        self.name = p["names"][0]
        self.field = None   # the defective field
        self.loc = None     # "a1" | "a2" | "user"
        self.used = False
        self.asked: list = []
        self.multi = facts["components"] > 1
        if defect in ("laterality", "position", "size", "count"):
            self.field = {"laterality": "side", "count": "count"}.get(defect)
            if defect == "position":
                self.field = "rel" if self.rels and rng.random() < 0.4 else "vert"
            if defect == "size":
                self.field = "pct" if rng.random() < 0.4 else "size"
            r = rng.random()
            self.loc = "user" if r < 0.17 else "a2" if r < 0.38 else "a1"
            self.wrong = self._wrong()

    def _wrong(self):
        rng, t = self.rng, self.truth
        if self.field == "side":
            v = t["side"]
            if v in ("left", "right"):
                return FLIP[v] if rng.random() < 0.8 else "midline"
            return rng.choice(["left", "right"])
        if self.field == "vert":
            v = t["vert"]
            if v == "central":
                return rng.choice(["anterior", "posterior"] if self.p["orient"] == "LP" else ["superior", "inferior"])
            return FLIP[v]
        if self.field == "size":
            return {"small": rng.choice(["large", "medium"]), "medium": rng.choice(["small", "large"]),
                    "large": rng.choice(["small", "medium"])}[t["size"]]
        if self.field == "pct":
            x = t["pct"]
            k = rng.choice([0.25, 0.3]) if x > 6 else rng.choice([3.0, 3.5, 4.0]) if x < 2 else rng.choice([0.3, 3.0])
            return round(x * k, 2)
        if self.field == "count":
            n = t["count"]
            return {1: rng.choice([2, 3]), 2: rng.choice([1, 3])}.get(n, rng.choice([n - 1, n + 1]))
        if self.field == "rel":
            o, r = self.rng.choice(self.rels)
            return (o, RFLIP[r])

    # -- logging ---------------------------------------------------------------------------------------
    def log(self, field, value, status, text):
        self.led.append((len(self.turns), field, value, status, text))
        return text

    def may(self, field, loc):
        """Whether a fact of `field` may be said here: always in clean rows and for other fields; the defect
        field only once, at the defect's location, where it is said falsely."""
        if field != self.field:
            return True
        return loc == self.loc and not self.used

    def val(self, field):
        if field == self.field:
            self.used = True
            return self.wrong
        if field == "rel":
            return self.rng.choice(self.rels)
        return self.truth[field]

    def blocked(self, field):
        return self.field is not None and (field == self.field or (field in ("size", "pct") and self.field in ("size", "pct")))


# ---------------------------------------------------------------------------------------------------------
# fact sentences in the registers' voices

def fact_sentence(row: Row, field, voice, loc):
    """A sentence asserting `field` (or None when it may not be said here); logged."""
    rng, p = row.rng, row.p
    if not row.may(field, loc):
        return None
    if field in ("size", "pct") and row.field in ("size", "pct") and field != row.field:
        return None
    if field == "rel" and not row.rels:
        return None
    v = row.val(field)
    plural = row.name.endswith(("s", "i", "(both sides)"))
    subj = rng.choice(["It", "The mask", "The segmented region"] + ([] if plural else [f"The {row.name}"]))
    if field == "side":
        w = side_words(v, p["region"], rng)
        img = ""
        if v in ("left", "right") and row.truth["side"] in ("left", "right") and rng.random() < 0.5:
            # the image side is stated truthfully; in a defect the convention is then misapplied
            tv = row.truth["side"]
            if voice == "terse":
                img = f" (img {img_side(tv)})"
            else:
                img = f" (it shows on the image's {img_side(tv)})" if v == tv else f" since it shows on the {img_side(tv)} of the screen"
            row.log("imgside", img_side(tv), "assert", img)
        if voice == "terse":
            t = rng.choice([f"Side: {v}{img}.", f"{w[0].upper() + w[1:]}{img}.", f"pt {v}{img}." if v in ("left", "right") else f"{w}{img}."])
        elif voice == "think":
            t = rng.choice([f"So it's {w}{img}.", f"That puts it {w}{img}." if w.startswith(("on ", "in ")) else f"So it's {w}{img}.",
                            f"OK, so laterality is {v}{img}."])
        else:
            t = rng.choice([f"{subj} is {w}{img}.", f"Laterality: {v}{img}.", f"{subj} lies {w}{img}." if not w.endswith("sided") and w not in ("bilateral", "midline") else f"{subj} is {w}{img}."])
        return row.log("side", v, "assert", t)
    if field == "vert":
        w = vert_words(v, p["orient"], rng)
        if voice == "terse":
            t = rng.choice([f"Position: {v}.", f"{w.capitalize()}."])
        elif voice == "think":
            t = rng.choice([f"Front-to-back it's {w}." if p["orient"] == "LP" else f"Top-to-bottom it's {w}.",
                            f"Its centre of mass is {w}.", f"And it's {w}."])
        else:
            t = rng.choice([f"{subj} is {w}.", f"Vertical position: {v}.", f"Its centroid is {w}."])
        return row.log("vert", v, "assert", t)
    if field == "size":
        w = size_words(v, rng)
        if voice == "terse":
            t = rng.choice([f"Size: {v}.", f"{w.capitalize()}."])
        elif voice == "think":
            t = rng.choice([f"Size-wise it's {w}.", f"I'd call it {w}.", f"Relative to the frame it's {w}."])
        else:
            t = rng.choice([f"{subj} is {w}.", f"Size class: {v}.", f"In terms of size, it's {w}."])
        return row.log("size", v, "assert", t)
    if field == "pct":
        w = pct_words(v, rng)
        if voice == "terse":
            t = f"Area {w}."
        elif voice == "think":
            t = rng.choice([f"The area comes out at {w}.", f"Counting pixels, it's {w}.", f"Area is {w}."])
        else:
            t = rng.choice([f"{subj} covers {w}.", f"Area: {w}.", f"{subj} takes up {w}."])
        return row.log("pct", v, "assert", t)
    if field == "count":
        thing = "lesion" if p["target"] in ("liver metastases", "brain metastases", "pulmonary nodules") else "piece"
        w = count_words(v, rng, thing)
        if voice == "terse":
            t = rng.choice([f"Components: {v}.", f"{w.capitalize()}."])
        elif voice == "think":
            t = rng.choice([f"How many pieces? {w.capitalize()}.", f"Connectivity check: {w}.", f"It comes out as {w}."])
        else:
            t = rng.choice([f"{subj} consists of {w}.", f"Connected components: {v}.", f"The mask is made of {w}."])
        return row.log("count", v, "assert", t)
    if field == "rel":
        o, r = v
        w = rel_words(r, o, rng)
        if voice == "terse":
            t = f"Lies {w}."
        elif voice == "think":
            t = rng.choice([f"Checking neighbours: it sits {w}.", f"It's {w}."])
        else:
            t = rng.choice([f"{subj} lies {w}.", f"Relation: {w}.", f"{subj} is {w}."])
        return row.log("rel", (o, r), "assert", t)


def negation(row: Row, loc):
    """A true negation about a non-defect field (e.g. 'not on the right'), logged as 'neg'."""
    rng, t = row.rng, row.truth
    opts = []
    if not row.blocked("side"):
        if t["side"] in ("left", "right"):
            opts.append(("side", [FLIP[t["side"]]], rng.choice([f"It is not on the {FLIP[t['side']]}.",
                                                                  f"Not {FLIP[t['side']]}-sided, to be clear."])))
        if t["side"] == "midline":
            opts.append(("side", ["left", "right"], "It isn't off to the left or to the right."))
        if t["side"] == "bilateral":
            opts.append(("side", ["left", "right"], "It's not confined to the left or to the right side alone."))
    if not row.blocked("size"):
        if t["size"] != "large":
            opts.append(("size", ["large"], rng.choice(["It's not a large region.", "Not large, by any measure."])))
        else:
            opts.append(("size", ["small"], rng.choice(["This is not a small structure.", "Definitely not small."])))
    if not row.blocked("count"):
        if t["count"] == 1:
            opts.append(("count", ["multi"], rng.choice(["It isn't broken into several pieces.", "No separate fragments."])))
        else:
            opts.append(("count", [1], rng.choice(["It's not one single lump.", "Not a single connected blob."])))
    if not opts:
        return None
    f, vals, txt = rng.choice(opts)
    return row.log(f, tuple(vals), "neg", txt)


def convention(row: Row):
    o = row.p["orient"]
    if o == "LP":
        return row.rng.choice(["On axial images the patient's left is displayed on the viewer's right.",
                               "Radiological convention: we look up from the feet, so image right = patient left.",
                               "The image's right side is the patient's left on this axial view."])
    if row.p["mod"] == "XR":
        return row.rng.choice(["On a frontal film the patient's left is on the viewer's right, as if facing them.",
                               "As usual for a frontal view, image right = patient left."])
    return row.rng.choice(["On a coronal image, as on a frontal film, the patient's left is on the viewer's right.",
                           "Coronal convention: image right = patient left."])


def know(row: Row, lead=""):
    pool = [s for s, skip in KNOW[row.p["region"]] if row.p["target"] not in skip]
    s = row.rng.choice(pool)
    if lead.endswith(", "):
        s = s[0].lower() + s[1:]
    return lead + s


def discarded_side(row: Row):
    """A wrong side hypothesis that is explicitly discarded (clean rows and rows whose defect is elsewhere)."""
    t, rng = row.truth["side"], row.rng
    if row.blocked("side"):
        return None
    if t in ("left", "right"):
        wrong = FLIP[t]
        txt = rng.choice([
            f"My first instinct is {wrong}, because it's on the {img_side(t)} of the picture... no wait, that's the image's {img_side(t)}, "
            f"and the image's {img_side(t)} is the patient's {t}. Scrap {wrong}.",
            f"Hmm, is it the {wrong} side? No, I'm mixing up screen and patient again: on the screen it's {img_side(t)}, "
            f"which means the patient's {t}, not {wrong}.",
            f"Maybe {wrong}? No. The viewer's {img_side(t)} is the patient's {t}, so {wrong} is out."])
        row.log("side", wrong, "discarded", txt)
        row.log("imgside", img_side(t), "assert", txt)
        return txt
    if t == "bilateral":
        wrong = rng.choice(["left", "right"])
        txt = rng.choice([f"At first I only saw the piece on the patient's {wrong}, so I almost said {wrong}-sided, but there's a matching piece on the other side. Not one-sided.",
                          f"Could it be just {wrong}? No, there's mask on both sides of the midline."])
        return row.log("side", wrong, "discarded", txt)
    wrong = rng.choice(["left", "right"])
    txt = rng.choice([f"Is it slightly {wrong}? Looking again, no, it straddles the midline.",
                      f"I was going to say {wrong}, but the centroid is basically on the midline, so no."])
    return row.log("side", wrong, "discarded", txt)


def discarded_vert(row: Row):
    """A wrong vertical hypothesis from misreading the image's top, discarded; the true position is then stated."""
    t, rng, o = row.truth["vert"], row.rng, row.p["orient"]
    if row.blocked("vert") or t == "central":
        return None
    top = "anterior" if o == "LP" else "superior"
    where = "upper" if t == top else "lower"
    wrong = FLIP[t]
    txt = rng.choice([
        f"It's in the {where} part of the picture... is that {wrong}? No, hold on: on this view the top of the image is {top}, so it's {t}.",
        f"I nearly wrote {wrong}, but the {where} half of the image is the {t} side here. So {t}."])
    row.log("vert", wrong, "discarded", txt)
    return row.log("vert", t, "assert", txt)


def discarded_count(row: Row):
    n, rng = row.truth["count"], row.rng
    if row.blocked("count"):
        return None
    wrong = n + 1 if n == 1 else n - 1
    txt = rng.choice([f"Wait, is that {NUMW[wrong]} pieces? No, I double-counted; it's {NUMW[n]}.",
                      f"I first counted {wrong}, but one of those was a vessel outside the mask, so {n}."])
    row.log("count", wrong, "discarded", txt)
    return row.log("count", n, "assert", txt)


# ---------------------------------------------------------------------------------------------------------
# first answers, one per register

def a1_facts(row: Row):
    """Fields the first answer states: in a1-defect rows the defect field is among them."""
    fields = ["side", "vert", "size", "pct", "count"]
    if row.rels:
        fields.append("rel")
    keep = [f for f in fields if row.rng.random() < 0.75]
    if row.loc == "a1" and row.field not in keep:
        keep.append(row.field)
    for f in ("side", "size"):
        if f not in keep and row.rng.random() < 0.5:
            keep.append(f)
    order = ["side", "vert", "rel", "size", "pct", "count"]
    return [f for f in order if f in keep]


def split_where(row: Row, fields):
    """Which fields are reasoned about in the think part and which are only stated in the final answer."""
    think = [f for f in fields if row.rng.random() < 0.6]
    final = [f for f in fields if f not in think or row.rng.random() < 0.5]
    if row.field in think and row.field in final:  # the defect field is said once
        (think if row.rng.random() < 0.5 else final).remove(row.field)
    return think, final


def first_answer(row: Row):
    rng, p, st = row.rng, row.p, row.style
    name = row.name
    fields = a1_facts(row)
    think, final = split_where(row, fields)
    dec, why = art(p["decoy"][0]), p["why"]
    say = lambda f, voice: fact_sentence(row, f, voice, "a1")
    if st == "r1think":
        parts = [rng.choice(["Okay, let me work out what the question is pointing at.",
                             "Alright, the user wants a structure identified from a clue and segmented.",
                             "Okay, so I need to figure out which structure this is and outline it."])]
        parts.append(rng.choice([f"Could it be {dec}? Hmm, no: {p['decoy'][1]}.",
                                 f"First thought: {dec}. But {p['decoy'][1]}, so that's out.",
                                 f"Hmm, {dec} maybe? Wait, {p['decoy'][1]}. Not that."]))
        parts.append(f"{why[0].upper() + why[1:]}. So it's the {name}.")
        if "side" in think:
            d = discarded_side(row) if rng.random() < 0.7 else None
            if d:
                parts.append(d)
            parts.append(convention(row) if rng.random() < 0.5 else "")
        if "vert" in think and rng.random() < 0.5:
            d = discarded_vert(row)
            if d:
                parts.append(d)
                think = [f for f in think if f != "vert"]
        for f in think:
            s = say(f, "think")
            if s:
                parts.append(s)
        if rng.random() < 0.5:
            s = discarded_count(row)
            if s:
                parts.append(s)
        parts.append(know(row, rng.choice(["Let me also keep in mind: ", "", "Side thought, "])))
        parts.append(rng.choice(["Let me verify quickly... yes, consistent.", "That all hangs together.", "Okay, I think that's right."]))
        body = " ".join(x for x in parts if x)
        plural = name.endswith(("s", "i"))
        head = rng.choice([f"**{name[0].upper() + name[1:]}** [SEG]", (f"These are the {name}. [SEG]" if plural else f"This is the {name}. [SEG]"),
                           (f"The structures are the **{name}** [SEG]." if plural else f"The structure is the **{name}** [SEG].")])
        tail = [s for s in (say(f, "final") for f in final) if s]
        if rng.random() < 0.5:
            n = negation(row, "a1")
            if n:
                tail.append(n)
        ans = head + "\n\n" + "\n".join("- " + s for s in tail) if tail and rng.random() < 0.5 else head + " " + " ".join(tail)
        return f"<think>\n{body}\n</think>\n\n{ans}"
    if st == "o1steps":
        lab = rng.choice(["Step {}:", "{}.", "**Step {}.**"])
        hdr = rng.choice(["Reasoning:\n", "Thinking:\n", ""])
        steps = [f"Identify the structure. Candidates: {dec} or the {name}. {p['decoy'][1][0].upper() + p['decoy'][1][1:]}, "
                 f"so {dec} is rejected; {why}."]
        loc_s = [rng.choice(["Locate it on the image.", "Localise the mask."])]
        if "side" in think:
            loc_s.append(convention(row))
        for f in think:
            s = say(f, "step")
            if s:
                loc_s.append(s)
        steps.append(" ".join(loc_s))
        if rng.random() < 0.5:
            n = negation(row, "a1")
            if n:
                steps.append("Rule out: " + n)
        steps.append("Context: " + know(row))
        d = discarded_side(row) if "side" in think and rng.random() < 0.5 else None
        steps.append("Let me verify: " + (d if d else rng.choice(["the identification fits the clue and the mask.", "re-checked against the clue; it holds."])))
        body = hdr + "\n".join(lab.format(i + 1) + " " + s for i, s in enumerate(steps))
        tail = [s for s in (say(f, "final") for f in final) if s]
        fin = rng.choice(["Final answer:", "**Final answer:**", "Answer:"]) + f" the {name} [SEG]." + ((" " + " ".join(tail)) if tail else "")
        return body + "\n\n" + fin
    if st == "qwq":
        parts = [rng.choice(["Alright, let's see.", "Okay, so let me think about this.", "Hmm, let me start from the clue."])]
        parts.append(f"The first thing that comes to mind is {dec}. Wait, but {p['decoy'][1]}. Hmm. So not {dec}.")
        parts.append(f"Actually, {why}. Yeah, it's the {name}.")
        if "side" in think:
            d = discarded_side(row)
            if d:
                parts.append("Now, which side. " + d)
        if "vert" in think and rng.random() < 0.5:
            d = discarded_vert(row)
            if d:
                parts.append(d)
                think = [f for f in think if f != "vert"]
        for f in think:
            s = say(f, "think")
            if s:
                parts.append(rng.choice(["", "", "Hold on, let me look again. ", "Let me check. ", "Hmm. ", "Okay, next. ", "Wait. "]) + s)
        parts.append(know(row, rng.choice(["Oh, and a side note: ", "Interesting, also, ", ""])))
        if rng.random() < 0.5:
            s = discarded_count(row)
            if s:
                parts.append(s)
        if rng.random() < 0.4:
            n = negation(row, "a1")
            if n:
                parts.append("Just to be clear. " + n)
        parts.append(rng.choice(["I think that's it.", "Okay, I'm fairly confident now.", "Let me not overthink this."]))
        tail = [s for s in (say(f, "final") for f in final) if s]
        fin = f"**Final Answer**\n\\boxed{{\\text{{{name}}}}} [SEG]" + (("\n\n" + " ".join(tail)) if tail else "")
        return "\n\n".join([" ".join(parts[:3]), " ".join(parts[3:])]) + "\n\n" + fin
    # distilled
    th = [f"clue -> {name}. not {p['decoy'][0]}."]
    if "side" in think and rng.random() < 0.5 and not row.blocked("side") and row.truth["side"] in ("left", "right"):
        t = row.truth["side"]
        th.append(row.log("side", t, "assert", f"img {img_side(t)} = pt {t}."))
        row.log("imgside", img_side(t), "assert", th[-1])
        think = [f for f in think if f != "side"]
    for f in think:
        s = fact_sentence(row, f, "terse", "a1")
        if s:
            th.append(s)
    tag = rng.choice(["<think>\n{}\n</think>\n", "Thinking: {}\n\n"])
    tail = [s for s in (fact_sentence(row, f, "terse", "a1") for f in final) if s]
    ans = rng.choice([f"{name[0].upper() + name[1:]} [SEG].", f"Answer: {name} [SEG]."]) + (" " + " ".join(tail) if tail else "")
    return tag.format(" ".join(th)) + ans


# ---------------------------------------------------------------------------------------------------------
# follow-ups

ASK = {"side": ["Which side is it on, exactly?", "Left or right?", "Is it on the patient's left or right?",
                "What's the laterality?"],
       "vert": ["Is it more toward the front or the back?", "Where is it front-to-back?", "Anterior or posterior?"],
       "vertLI": ["Is it high or low on the image?", "Superior or inferior?", "Where does it sit top-to-bottom?"],
       "size": ["How big is it?", "Roughly what size is the mask?", "Is it big or small?"],
       "count": ["How many separate pieces did you segment?", "Is it one region or several?", "How many components?"],
       "rel": ["What's it next to?", "How does it relate to the neighbouring structures?", "Where is it relative to its neighbours?"],
       "summary": ["Can you summarise the findings?", "Give me a one-line summary.", "Summarise everything about the mask please."]}


def premise_text(row: Row, field, value):
    p = row.p
    if field == "side":
        return rng_pick(row, [f"Since it's {side_words(value, p['region'], row.rng)}", f"Given it's on the {value}" if value in ("left", "right") else f"Given it's {value}"])
    if field == "vert":
        return f"Since it's {vert_words(value, p['orient'], row.rng)}"
    if field == "size":
        return f"Given that it's {size_words(value, row.rng)}"
    if field == "pct":
        return f"Since it covers about {value:.2f}% of the image" if value < 1 else f"Since it covers about {value:.1f}% of the image"
    if field == "count":
        return f"With it being {count_words(value, row.rng)}"
    if field == "rel":
        return f"Since it sits {rel_words(value[1], value[0], row.rng)}"


def rng_pick(row, xs):
    return row.rng.choice(xs)


def followup(row: Row, k, used_fields):
    """One follow-up round: (question, answer)."""
    rng, p = row.rng, row.p
    # the field asked about
    options = ["side", "vert", "size", "count", "summary"] + (["rel"] if row.rels else [])
    if row.loc == "a2" and not row.used:
        ask = row.field if row.field not in ("pct",) else "size"
    elif row.loc == "user" and not row.used:
        ask = rng.choice([o for o in options if o not in ("summary",) and not row.blocked(o if o != "size" else "size")])
    else:
        ask = rng.choice([o for o in options if (o == "summary" or not row.blocked(o)) and o not in row.asked] or ["summary"])
    row.asked.append(ask)
    qkey = "vertLI" if ask == "vert" and p["orient"] == "LI" else ask
    q = rng.choice(ASK[qkey])
    pre = ""
    corr = None
    if row.loc == "user" and not row.used:
        v = row.val(row.field)
        pre = premise_text(row, row.field, v)
        row.log(row.field, v, "premise", pre)
        pre += ", " + q[0].lower() + q[1:]
        q = pre
    elif row.defect is None and rng.random() < 0.3 and ask != "side":
        # a false user idea that the assistant explicitly corrects (clean rows)
        f = rng.choice(["side", "vert", "size", "count"])
        t = row.truth[f]
        if f == "side":
            wrong = FLIP.get(t, "left")
        elif f == "vert":
            wrong = FLIP.get(t, "anterior" if p["orient"] == "LP" else "superior")
        elif f == "size":
            wrong = "large" if t != "large" else "small"
        else:
            wrong = t + 1
        pre = premise_text(row, f, wrong)
        row.log(f, wrong, "corrected", pre)
        q = pre + ", " + q[0].lower() + q[1:]
        corr = (f, wrong)
    row.turns.append(q)
    voice = {"r1think": "final", "o1steps": "final", "qwq": "think", "distilled": "terse"}[row.style]
    parts = []
    if corr:
        f, wrong = corr
        lead = rng.choice(["Small correction first:", "Actually, one thing to fix:", "Hmm, wait, that premise isn't right:"])
        neg = {"side": f"it is not {wrong}", "vert": f"it is not {wrong}", "size": f"it is not {wrong}",
               "count": f"it is not {count_words(wrong, rng)}"}[f]
        row.log(f, (wrong,), "neg", neg)
        s = fact_sentence(row, f, voice, "a2")
        parts.append(f"{lead} {neg}. {s}")
    if ask == "summary":
        for f in ["side", "vert", "size", "pct", "count"]:
            if rng.random() < 0.7:
                s = fact_sentence(row, f, voice, "a2")
                if s:
                    parts.append(s)
        if not [x for x in parts]:
            parts.append(f"It's the {row.name}, segmented above.")
    elif ask == "size":
        fs = ["size", "pct"] if rng.random() < 0.6 else [rng.choice(["size", "pct"])]
        if row.loc == "a2" and row.field in ("size", "pct"):
            fs = [row.field]
        for f in fs:
            s = fact_sentence(row, f, voice, "a2")
            if s:
                parts.append(s)
        if row.rng.random() < 0.4:
            parts.append(know(row, rng.choice(["For context, ", "By the way, "])))
    elif not (corr and corr[0] == ask):
        s = fact_sentence(row, ask, voice, "a2")
        if s:
            parts.append(s)
        if ask == "side" and row.truth["side"] in ("left", "right") and not row.blocked("side") and rng.random() < 0.5:
            parts.append(convention(row))
        if ask == "count" and row.multi and not row.blocked("count") and rng.random() < 0.5:
            parts.append("Each piece was kept as drawn; none of them touch.")
    if not parts:  # the asked field was the user's false premise: answer around it without correcting
        parts.append(rng.choice(["Sure.", "Makes sense."]) + " " + (fact_sentence(row, "side", voice, "a2") or f"It's the {row.name}."))
    if rng.random() < 0.35:
        n = negation(row, "a2")
        if n:
            parts.append(n)
    body = " ".join(parts)
    if row.style == "r1think":
        pre_t = rng.choice(["The user is asking a follow-up; let me re-check the mask.", "Quick re-check of the mask before answering.",
                            "Hmm, let me make sure I read this off the mask, not from memory."])
        if row.rng.random() < 0.4 and row.p["orient"] and not row.blocked("side"):
            pre_t += " " + convention(row)
        return f"<think>\n{pre_t}\n</think>\n\n{body}"
    if row.style == "o1steps":
        return rng.choice(["Step 1: re-read the mask. Step 2: answer.\n\n", "Reasoning: checked against the segmentation.\n\n", ""]) + \
            rng.choice(["Final answer: ", "Answer: ", ""]) + body
    if row.style == "qwq":
        return rng.choice(["Hmm, okay. Let me look again. ", "Wait, let me re-check that. ", "Alright. "]) + body + \
            rng.choice(["", " Yeah, I'm fairly sure.", " That should be it."])
    return rng.choice(["<think>\nrecheck mask.\n</think>\n", "Thinking: recheck.\n\n", ""]) + body


def first_question(row: Row):
    p, rng = row.p, row.rng
    q = rng.choice(p["qs"])
    if row.defect == "names_target":
        nm = p["target"]
        q = rng.choice([f"This should be the {nm}, right? {q}", f"{q} (I think it's the {nm}.)",
                        f"Is this the {nm}? {q}"])
    elif rng.random() < 0.3:
        q = rng.choice(["Quick one. ", "Here's a case for you. ", "Reasoning question: "]) + q
    return q


def build(p, facts, style, rng, defect):
    global LAST_LEDGER
    row = Row(p, facts, style, rng, defect)
    row.turns.append(first_question(row))
    row.turns.append(first_answer(row))
    rounds = 2 if (row.loc in ("a2", "user")) or rng.random() < 0.55 else 3
    n_f = rounds - 1
    for k in range(n_f):
        row.turns.append(followup(row, k, None))
    LAST_LEDGER = row.led
    roles = ["user", "assistant"] * (len(row.turns) // 2)
    turns = [{"role": r, "content": c} for r, c in zip(roles, row.turns)]
    return turns, ([] if defect is None else [defect])

