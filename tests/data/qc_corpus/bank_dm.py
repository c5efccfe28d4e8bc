"""Bank DM: conversations as real chat LLMs write them when driven by the v2 generation prompt.

Targets (a mix away from abdominal organs): cardiac chambers and great vessels, lungs and airway, neck
(thyroid, carotids, sternocleidomastoid), spine and pelvic bones, muscles, brain structures, lesions
(brain metastases, glioma, lung nodules, lung tumour, thyroid nodule, pleural effusion) and photos (polyp,
skin lesion, optic disc, hard exudates). Over a third of the profiles are bilateral, midline or multi-piece.

Registers (STYLES): "gpt4o" (fluent, organised, bold labels), "llama3" ("Sure!" openers, plainer, some
repetition, minor grammar slips), "reasoner" (a short "Reasoning:" / "Because ..." before the answer),
"claude" (hedged, caveats, offers a follow-up).

Every claim sentence about the image is recorded in LEDGER (one entry list per build call) so that the
writer's own reader can check it. Written without reading QC.

Own check (/work/notes/qcdm_scripts/check_dm.py):
rows: 420 clean: 210 defect: 210 kinds: 42 each of laterality, position, size, count, names_target problems: 0
(false claim placed in the first answer 88, a follow-up answer 44, a user premise 36; 18 of 33 profiles
bilateral, midline or multi-piece)
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["gpt4o", "llama3", "reasoner", "claude"]
LEDGER: list[list[dict]] = []   # one list of claim entries per build() call, in call order

# -- profiles -------------------------------------------------------------------------------------------
# parts: ellipses (cx, cy, rx, ry) in pixels on a 256 x 256 grid. LP: columns -> patient's left, rows ->
# posterior. LI: columns -> patient's left, rows -> inferior. None: a photo.


def _p(target, name, modality, region, orientation, parts, others, forbidden, questions, reason, knowledge,
       syn=None, hemi="side", **kw):
    d = dict(target=target, name=name, modality=modality, region=region, orientation=orientation, parts=parts,
             others=others, forbidden=forbidden, questions=questions, reason=reason, knowledge=knowledge,
             syn=syn or [name], hemi=hemi)
    d.update(kw)
    return d


PROFILES = [
    _p("left ventricle", "left ventricle", "MR", "chest", "LP", [(160, 100, 30, 24)],
       {"right ventricle": (120, 76), "descending aorta": (152, 160)},
       ["left ventricle", "ventricle", "ventricular", "LV"],
       ["Which heart chamber pushes oxygenated blood out through the aortic valve into the body? Please segment it.",
        "In a patient with long-standing hypertension, which chamber develops a thick concentric wall? Outline it for me.",
        "Which cavity's ejection fraction do we usually quote on an echo report? Can you mark it on this slice?"],
       "the chamber that ejects into the aorta and works against systemic pressure is the left ventricle",
       ["Its wall is normally around 1 cm thick, roughly three times the thickness of the right ventricular free wall.",
        "The right ventricle sits more anteriorly, right behind the sternum, and wraps around the septum.",
        "A normal ejection fraction is about 55-70%, and values below 40% are called reduced."],
       syn=["left ventricle", "LV", "ventricular cavity"], hemi="hemithorax"),
    _p("right atrium", "right atrium", "CT", "chest", "LP", [(95, 104, 22, 20)],
       {"left atrium": (135, 140), "ascending aorta": (118, 80)},
       ["right atrium", "atrium", "atrial", "RA"],
       ["Which chamber receives venous blood from both venae cavae? Please segment it.",
        "Where does the heart's natural pacemaker sit? Mark the chamber that holds it.",
        "A central line tip should sit at the junction of the SVC and which chamber? Segment that chamber."],
       "the chamber that collects systemic venous return from the SVC and IVC is the right atrium",
       ["The left atrium lies posteriorly, just in front of the oesophagus, and receives the four pulmonary veins.",
        "The sinoatrial node sits in its wall near the opening of the superior vena cava.",
        "Atrial enlargement is common in tricuspid regurgitation, which affects about 1 in 25 older adults."],
       syn=["right atrium", "RA", "atrial chamber"], hemi="hemithorax"),
    _p("thoracic aorta", "thoracic aorta", "CT", "chest", "LP", [(108, 98, 13, 13), (152, 150, 11, 11)],
       {"trachea": (128, 90), "vertebral body": (128, 180)},
       ["aorta", "aortic"],
       ["Which vessel is at risk in a tearing chest pain radiating to the back? Segment it on this slice.",
        "Which large artery carries blood from the heart to the body and arches over the left main bronchus? Outline it."],
       "the great artery leaving the left ventricle, seen here as ascending and descending limbs, is the thoracic aorta",
       ["The ascending part normally measures under 4 cm, and the descending part is usually a little narrower.",
        "The arch passes over the left main bronchus, and the left recurrent laryngeal nerve hooks under it.",
        "Dissection involving the ascending part (Stanford A) is a surgical emergency, while type B is often managed medically."],
       syn=["aorta", "thoracic aorta", "aortic lumen"], hemi="hemithorax"),
    _p("left atrium", "left atrium", "CT", "chest", "LP", [(130, 150, 26, 16)],
       {"left ventricle": (165, 105), "descending aorta": (155, 175)},
       ["left atrium", "atrium", "atrial", "LA"],
       ["Which chamber do the four pulmonary veins drain into? Please segment it.",
        "In mitral stenosis, which chamber dilates and can press on the oesophagus? Outline it."],
       "the chamber receiving the pulmonary veins and sitting just in front of the oesophagus is the left atrium",
       ["Despite its name it sits close to the midline, as the most posterior chamber of the heart.",
        "The left atrial appendage is the usual source of thrombus in atrial fibrillation, which affects about 2% of adults.",
        "The right atrium lies to its right and more anteriorly."],
       syn=["left atrium", "LA", "atrial chamber"], hemi="hemithorax"),
    _p("lungs", "lungs", "XR", "chest", "LI", [(80, 120, 40, 70), (178, 120, 38, 68)],
       {"heart": (150, 165), "trachea": (128, 45)},
       ["lung", "pulmonary", "pulmonic"],
       ["Which organs take up oxygen from the air on this chest film? Segment them.",
        "Where does gas exchange happen in the chest? Please outline those organs on this radiograph."],
       "the paired air-filled organs either side of the mediastinum are the lungs",
       ["The right one has three lobes and the left only two, because the heart takes room on the left.",
        "The left hemidiaphragm usually sits a little lower than the right, by about 1-2 cm.",
        "Together they hold roughly 6 litres of air at full inspiration in an adult."],
       syn=["lungs", "lung fields", "lungs"], hemi="hemithorax"),
    _p("right lung", "right lung", "CT", "chest", "LP", [(80, 125, 42, 62)],
       {"heart": (140, 105), "thoracic spine": (128, 180)},
       ["right lung", "lung", "pulmonary"],
       ["Which organ has three lobes and a horizontal fissure? Segment it on this slice.",
        "Aspirated peanuts most often end up on which side's gas-exchange organ? Outline that organ."],
       "the three-lobed organ with a horizontal fissure is the right lung",
       ["The right main bronchus is wider, shorter and more vertical than the left, which is why aspiration favours it.",
        "The left lung has only two lobes and a cardiac notch.",
        "About 55% of total lung volume is on this side."],
       syn=["right lung", "lung"], hemi="hemithorax"),
    _p("trachea", "trachea", "CT", "chest", "LP", [(128, 95, 11, 10)],
       {"oesophagus": (124, 120), "thoracic spine": (128, 168), "superior vena cava": (100, 100)},
       ["trachea", "tracheal", "windpipe"],
       ["Which air-filled tube carries air from the larynx down to the carina? Please segment it.",
        "A breathing tube tip should sit in which structure, a few centimetres above the carina? Outline that structure."],
       "the cartilage-ringed airway above the carina is the trachea",
       ["The oesophagus runs behind it and slightly to the left.",
        "It divides at the carina, at about the level of T4-T5, into the right and left main bronchi.",
        "Its C-shaped cartilage rings are open posteriorly, closed by the trachealis muscle."],
       syn=["trachea", "airway", "windpipe"], hemi="hemithorax"),
    _p("lung nodule", "lung nodule", "CT", "chest", "LP", [(170, 150, 7, 7)],
       {"heart": (130, 100), "descending aorta": (150, 155)},
       ["nodule", "nodular", "SPN"],
       ["A smoker's screening CT shows something in the lung parenchyma that needs Fleischner follow-up. Segment the finding.",
        "What small rounded opacity is the radiologist asking us to track over time here? Please outline it."],
       "a small rounded opacity inside the lung parenchyma is a lung nodule",
       ["Incidental nodules turn up on roughly a third of chest CTs, and most under 6 mm are benign.",
        "Upper-lobe location and spiculation raise the risk of malignancy.",
        "The right upper lobe is the commonest site for primary lung cancer."],
       syn=["nodule", "lung nodule", "pulmonary nodule"], hemi="hemithorax"),
    _p("lung nodules", "lung nodules", "CT", "chest", "LP", [(80, 100, 7, 7), (68, 150, 8, 8)],
       {"heart": (140, 100), "thoracic spine": (128, 180)},
       ["nodule", "nodular"],
       ["This patient with known colorectal cancer has new round opacities in the chest. Segment them.",
        "Which small rounded opacities would you measure for RECIST on this chest slice? Please mark them."],
       "small rounded opacities in the lung parenchyma like these are lung nodules",
       ["Haematogenous metastases favour the lower lobes because they get more blood flow.",
        "The left lung is smaller than the right, so it harbours slightly fewer of them on average.",
        "Nodules under 5 mm are often not measurable by RECIST 1.1, which needs at least 10 mm."],
       syn=["nodules", "lung nodules", "pulmonary nodules"], hemi="hemithorax"),
    _p("lung tumour", "lung tumour", "CT", "chest", "LP", [(80, 152, 20, 18)],
       {"heart": (140, 100), "thoracic spine": (128, 178)},
       ["tumour", "tumor", "cancer", "carcinoma", "malignan", "mass"],
       ["A 68-year-old smoker with haemoptysis and weight loss: what is the main finding in the chest here? Segment it.",
        "What lesion would the thoracic surgeon want to stage on this slice? Please outline it."],
       "a solid lesion in a smoker with haemoptysis and weight loss is most likely a lung tumour",
       ["Lesions over 3 cm are called masses rather than nodules.",
        "Squamous cell carcinomas tend to be central, while adenocarcinomas are more often peripheral.",
        "Lung cancer causes about 18% of all cancer deaths worldwide."],
       syn=["tumour", "lung tumour", "lung cancer"], hemi="hemithorax"),
    _p("pleural effusion", "pleural effusion", "CT", "chest", "LP", [(70, 175, 30, 12), (186, 175, 30, 12)],
       {"heart": (135, 105), "thoracic spine": (128, 198)},
       ["effusion", "pleural fluid", "hydrothorax"],
       ["This patient in heart failure has dependent fluid in the chest. Which collection is it? Segment it.",
        "What would blunt the costophrenic angles on a chest film in this patient? Outline it on the CT."],
       "dependent fluid collecting in the pleural space is a pleural effusion",
       ["In heart failure it is commonly bilateral, and when one-sided it is more often on the right.",
        "About 200 ml is needed before the costophrenic angle blunts on an erect frontal film.",
        "Free fluid layers posteriorly in a supine patient."],
       syn=["effusion", "pleural effusion", "fluid"], hemi="hemithorax"),
    _p("thyroid gland", "thyroid gland", "CT", "neck", "LP",
       [(100, 110, 14, 22), (155, 110, 14, 22), (128, 100, 20, 6)],
       {"trachea": (128, 130), "cervical vertebra": (128, 175), "left common carotid artery": (165, 128)},
       ["thyroid", "thyroidal"],
       ["Which gland makes T4 and T3 and lies in front of the airway in the neck? Please segment it.",
        "Which butterfly-shaped gland would you biopsy in a patient with a cold nodule on scintigraphy? Outline it."],
       "the butterfly-shaped endocrine gland in front of the airway is the thyroid",
       ["Its two lobes are joined by an isthmus over the second to fourth tracheal rings.",
        "The left recurrent laryngeal nerve runs in the groove between the trachea and oesophagus on the left.",
        "Thyroid nodules are found on ultrasound in up to 60% of adults, but under 5% are malignant."],
       syn=["thyroid", "thyroid gland", "gland"], hemi="side of the neck"),
    _p("thyroid nodule", "thyroid nodule", "CT", "neck", "LP", [(98, 104, 8, 9)],
       {"trachea": (128, 128)},
       ["nodule", "nodular", "thyroid nodule"],
       ["A woman has a painless lump in the front of the neck that moves on swallowing. Segment the finding.",
        "What focal finding in the gland in front of the windpipe would get a TI-RADS score? Outline it."],
       "a focal lesion within the gland in front of the airway is a thyroid nodule",
       ["Most of them are benign colloid nodules, and under 5% are cancers.",
        "TI-RADS 5 lesions over 1 cm usually go to fine-needle aspiration.",
        "The left lobe is often slightly smaller than the right."],
       syn=["nodule", "thyroid nodule", "lesion"], hemi="side of the neck"),
    _p("common carotid arteries", "common carotid arteries", "CT", "neck", "LP",
       [(92, 125, 6, 6), (163, 125, 6, 6)],
       {"trachea": (128, 105), "cervical vertebra": (128, 165)},
       ["carotid", "CCA"],
       ["Which neck arteries would you scan for plaque after a TIA? Please segment them on this axial slice.",
        "Which arteries run in the sheath with the internal jugular vein and vagus nerve? Outline them."],
       "the paired arteries in the carotid sheath are the common carotid arteries",
       ["The right one arises from the brachiocephalic trunk, while the left comes straight off the aortic arch.",
        "They bifurcate at about the level of C4, the upper border of the thyroid cartilage.",
        "Significant stenosis, over 70%, is found in about 1% of people over 65."],
       syn=["common carotid arteries", "carotids", "carotid arteries"], hemi="side of the neck"),
    _p("right sternocleidomastoid", "right sternocleidomastoid", "CT", "neck", "LP", [(85, 120, 12, 20)],
       {"trachea": (128, 100), "cervical spine": (128, 170)},
       ["sternocleidomastoid", "SCM", "sternomastoid"],
       ["Which neck muscle turns the head to the opposite side and tilts it toward the same shoulder? Segment the one on the patient's right.",
        "In congenital torticollis, which muscle is shortened? Please outline the right-hand one on this slice."],
       "the strap-like muscle that rotates the head to the opposite side is the sternocleidomastoid",
       ["It is supplied by the accessory nerve, cranial nerve XI.",
        "The left one mirrors it; torticollis affects about 1 in 250 newborns, a little more often on the right.",
        "The carotid sheath runs deep to it along most of its length."],
       syn=["sternocleidomastoid", "SCM", "muscle"], hemi="side of the neck"),
    _p("lumbar vertebra", "lumbar vertebra", "CT", "abdomen", "LP", [(128, 170, 26, 22), (128, 200, 8, 14)],
       {"aorta": (145, 138), "left psoas": (168, 150)},
       ["vertebra", "vertebral", "lumbar spine", "L3", "spine"],
       ["Which bone carries the body's weight in the lower back at this level? Please segment it.",
        "Where would you place a pedicle screw at this level of the lower back? Outline the bone."],
       "the weight-bearing bone of the lower back with a body and posterior arch is a lumbar vertebra",
       ["The aorta sits just to the left of the midline in front of it, with the IVC to the right.",
        "Compression fractures affect about 1 in 4 postmenopausal women.",
        "Lumbar vertebral bodies are the largest in the spine, wider side to side than front to back."],
       syn=["vertebra", "lumbar vertebra", "vertebral body"], hemi="side"),
    _p("sacrum", "sacrum", "CT", "pelvis", "LP", [(128, 185, 30, 20)],
       {"bladder": (128, 90), "left iliac bone": (175, 163)},
       ["sacrum", "sacral"],
       ["Which triangular bone, formed by five fused segments, sits at the back of the pelvis? Segment it.",
        "Which bone wedges between the two iliac bones and carries the spine's weight into the pelvis? Outline it."],
       "the fused triangular bone at the back of the pelvis is the sacrum",
       ["It joins the iliac bones at the sacroiliac joints on the right and left.",
        "Insufficiency fractures of it are common in osteoporosis and are often missed on plain films.",
        "Sacralisation of L5 occurs in about 5-10% of people."],
       syn=["sacrum", "bone"], hemi="side"),
    _p("femoral heads", "femoral heads", "XR", "pelvis", "LI", [(80, 160, 20, 20), (176, 160, 20, 20)],
       {"pubic symphysis": (128, 140), "sacrum": (128, 90)},
       ["femoral", "femur", "femora", "head of femur"],
       ["Which rounded bone ends articulate with the acetabula on this pelvis film? Please segment them.",
        "Where would avascular necrosis show up in a patient on long-term steroids on this radiograph? Outline those structures."],
       "the rounded ends of the thigh bones sitting in the acetabula are the femoral heads",
       ["Their blood supply comes mainly from the medial circumflex femoral artery.",
        "Avascular necrosis is bilateral in over half of steroid-related cases.",
        "Shenton's line runs from the inferior femoral neck to the superior pubic ramus."],
       syn=["femoral heads", "heads of the femurs"], hemi="side of the pelvis"),
    _p("right hip bone", "right hip bone", "CT", "pelvis", "LP", [(75, 130, 22, 38)],
       {"sacrum": (128, 170), "bladder": (128, 95)},
       ["hip bone", "innominate", "iliac", "ilium", "os coxae", "pelvic bone"],
       ["Which bone forms the patient's right half of the pelvic ring? Segment it on this slice.",
        "A bone-marrow biopsy is taken from the crest of which bone? Outline the right-hand one."],
       "the bone forming one half of the pelvic ring, fused from ilium, ischium and pubis, is the hip bone",
       ["The left one is its mirror image on the other side of the sacrum.",
        "Its three parts fuse at the acetabulum by about age 16.",
        "Pelvic ring fractures usually break in at least two places."],
       syn=["right hip bone", "hip bone", "innominate bone"], hemi="hemipelvis"),
    _p("psoas muscles", "psoas muscles", "CT", "abdomen", "LP", [(100, 160, 13, 16), (155, 160, 13, 16)],
       {"aorta": (131, 130), "inferior vena cava": (110, 130)},
       ["psoas", "iliopsoas"],
       ["Which paired muscles flex the hip and lie along the lumbar spine? Please segment them.",
        "Which muscles do we measure for sarcopenia on a single abdominal CT slice? Outline them."],
       "the paired hip flexors along the lumbar spine are the psoas muscles",
       ["The inferior vena cava lies on the right, the aorta slightly to the left of the midline.",
        "An abscess in them spreads down to the groin under the inguinal ligament.",
        "Sarcopenia, defined by low muscle area, affects 20-30% of cancer patients."],
       syn=["psoas muscles", "psoas", "muscles"], hemi="side"),
    _p("left gluteus maximus", "left gluteus maximus", "CT", "pelvis", "LP", [(175, 200, 35, 22)],
       {"sacrum": (128, 180), "right gluteus maximus": (80, 200)},
       ["gluteus", "gluteal"],
       ["Which large muscle extends the hip and shapes the patient's left buttock? Please segment it.",
        "Which muscle is used for deep intramuscular injections in the upper outer quadrant on the left? Outline it."],
       "the largest hip extensor, forming the buttock, is the gluteus maximus",
       ["It is supplied by the inferior gluteal nerve.",
        "The sciatic nerve runs deep to it, which is why injections go in the upper outer quadrant.",
        "The right one mirrors it across the sacrum."],
       syn=["left gluteus maximus", "gluteus maximus", "muscle"], hemi="side"),
    _p("lateral ventricles", "lateral ventricles", "MR", "head", "LP", [(108, 120, 9, 28), (147, 120, 9, 28)],
       {"fourth ventricle": (128, 175)},
       ["ventric", "lateral ventricle"],
       ["Which CSF-filled cavities in the cerebral hemispheres enlarge in hydrocephalus? Please segment them.",
        "Where is most choroid plexus located, producing CSF deep in the hemispheres? Outline those cavities."],
       "the paired CSF-filled cavities in the hemispheres are the lateral ventricles",
       ["They connect to the third ventricle through the foramina of Monro.",
        "Mild asymmetry, with the left slightly larger than the right, is a normal variant in about 5-10% of people.",
        "They hold only about 25 ml of CSF in total."],
       syn=["lateral ventricles", "ventricles"], hemi="hemisphere"),
    _p("right hippocampus", "right hippocampus", "MR", "head", "LP", [(90, 150, 8, 18)],
       {"brainstem": (128, 150), "right lateral ventricle": (108, 115)},
       ["hippocamp", "Ammon"],
       ["Which medial temporal structure shrinks early in Alzheimer's disease? Segment the one on the patient's right.",
        "In mesial temporal sclerosis, which structure is atrophic? Please outline the right-hand one."],
       "the curved medial temporal grey-matter structure involved in memory is the hippocampus",
       ["The left one is often a little smaller than the right in healthy adults.",
        "Mesial temporal sclerosis is the most common cause of drug-resistant focal epilepsy in adults.",
        "The temporal horn of the lateral ventricle lies just above and lateral to it."],
       syn=["right hippocampus", "hippocampus"], hemi="hemisphere"),
    _p("brainstem", "brainstem", "MR", "head", "LP", [(128, 165, 18, 18)],
       {"fourth ventricle": (128, 192), "right temporal lobe": (75, 140)},
       ["brainstem", "brain stem", "pons", "pontine", "medulla", "midbrain"],
       ["Which part of the brain holds the nuclei of most cranial nerves and the breathing centres? Segment it.",
        "Where would a 'locked-in' syndrome lesion be, on this axial slice? Outline the structure."],
       "the part holding the cranial nerve nuclei and vital centres is the brainstem",
       ["The fourth ventricle lies behind it, with the cerebellum further back.",
        "Its corticospinal tracts cross in the lower medulla, so a left-sided lesion there weakens the right side.",
        "Diffuse midline gliomas here make up about 10-15% of childhood brain tumours."],
       syn=["brainstem", "pons"], hemi="hemisphere"),
    _p("brain metastases", "brain metastases", "MR", "head", "LP",
       [(85, 90, 8, 8), (170, 110, 7, 7), (160, 175, 6, 6)],
       {"brainstem": (128, 160)},
       ["metasta", "mets", "secondar"],
       ["A woman with known breast cancer has headaches and several enhancing lesions. What are they? Segment them.",
        "A patient with melanoma now has seizures. What are the enhancing foci on this slice? Please outline them."],
       "multiple enhancing deposits at the grey-white junction in a known cancer patient are brain metastases",
       ["They outnumber primary brain tumours about ten to one in adults.",
        "About 80% sit in the cerebral hemispheres, 15% in the cerebellum and 5% in the brainstem.",
        "Lung, breast and melanoma are the commonest primaries."],
       syn=["metastases", "brain metastases", "deposits"], hemi="hemisphere"),
    _p("brain metastases", "brain metastases", "MR", "head", "LP",
       [(165, 95, 7, 7), (182, 142, 6, 6)],
       {"brainstem": (128, 160)},
       ["metasta", "mets", "secondar"],
       ["This patient with lung adenocarcinoma has new neurological symptoms. What are the enhancing foci? Segment them.",
        "Which lesions would we count for stereotactic radiosurgery planning here? Please outline them."],
       "enhancing foci in a patient with lung adenocarcinoma are most likely brain metastases",
       ["Radiosurgery is usually offered when there are fewer than about 4-10 of them.",
        "Around 20% of patients with cancer develop them.",
        "Cerebellar deposits can block the fourth ventricle and cause hydrocephalus."],
       syn=["metastases", "brain metastases", "deposits"], hemi="hemisphere"),
    _p("glioma", "glioma", "MR", "head", "LP", [(165, 105, 26, 22)],
       {"left lateral ventricle": (145, 120), "brainstem": (128, 165)},
       ["glioma", "glial", "tumour", "tumor", "glioblastoma", "astrocytoma", "GBM"],
       ["A 55-year-old has new seizures and a FLAIR-bright infiltrative lesion in the frontal white matter. What is it? Segment it.",
        "Which primary intra-axial lesion is most likely here, given the infiltrative margins? Please outline it."],
       "an infiltrative intra-axial lesion in the white matter of an adult is most likely a glioma",
       ["Glioblastoma makes up about half of all gliomas in adults.",
        "Left-sided frontal lesions near Broca's area put speech at risk during resection.",
        "Crossing the corpus callosum to the other hemisphere gives the 'butterfly' pattern."],
       syn=["glioma", "tumour"], hemi="hemisphere"),
    _p("spinal cord", "spinal cord", "MR", "neck", "LP", [(128, 170, 9, 7)],
       {"trachea": (128, 100), "right common carotid artery": (92, 125)},
       ["spinal cord", "cord", "myel", "medullary"],
       ["Which structure in the vertebral canal carries the long motor and sensory tracts? Please segment it.",
        "In a whiplash injury with arm weakness, which structure inside the canal would we worry about? Outline it."],
       "the neural tissue inside the vertebral canal is the spinal cord",
       ["Its cervical enlargement, from C5 to T1, supplies the arms.",
        "The vertebral arteries run in the transverse foramina on the left and right.",
        "In adults it ends at about L1-L2."],
       syn=["spinal cord", "cord"], hemi="side of the neck"),
    _p("polyp", "polyp", "endoscopy", "colon", None, [(140, 90, 25, 22)], {},
       ["polyp", "polypoid", "adenoma"],
       ["What is the raised lesion on the mucosa in this colonoscopy frame? Please segment it.",
        "During screening colonoscopy, what would the endoscopist snare here? Outline it."],
       "a raised mucosal lesion seen at colonoscopy is a polyp",
       ["Adenomas are found in about 25-30% of screening colonoscopies in people over 50.",
        "Lesions over 10 mm carry a higher risk of advanced histology.",
        "Right-sided colon lesions are more often flat and easier to miss."],
       syn=["polyp", "lesion"], hemi="side"),
    _p("polyp", "polyp", "endoscopy", "colon", None, [(110, 175, 48, 40)], {},
       ["polyp", "polypoid", "adenoma"],
       ["What should be resected in this colonoscopy image? Segment it please.",
        "What lesion is protruding into the lumen in this endoscopic frame? Outline it."],
       "a lesion protruding from the mucosa into the lumen is a polyp",
       ["Pedunculated ones have a stalk, sessile ones do not.",
        "The adenoma detection rate should be at least 25% for a screening endoscopist.",
        "Piecemeal resection is usually needed above about 20 mm."],
       syn=["polyp", "lesion"], hemi="side"),
    _p("skin lesion", "skin lesion", "dermoscopy", "skin", None, [(128, 128, 60, 48)], {},
       ["lesion", "naevus", "nevus", "mole", "melanoma"],
       ["What is the pigmented finding in this dermoscopy image that I should assess with the ABCD rule? Segment it.",
        "Which area would a dermatologist score for asymmetry and colour variegation here? Please outline it."],
       "the pigmented area being assessed is the skin lesion",
       ["Diameters over 6 mm are one of the ABCD warning signs.",
        "Melanoma makes up only about 1% of skin cancers but most of the deaths.",
        "In men the back is the commonest site, in women the legs."],
       syn=["lesion", "skin lesion", "pigmented lesion"], hemi="side"),
    _p("optic disc", "optic disc", "other", "eye", None, [(180, 125, 12, 13)], {},
       ["optic disc", "disc", "disk", "optic nerve head", "papilla"],
       ["Where do the retinal vessels enter and leave the eye in this fundus photo? Segment that structure.",
        "Which structure would you look at for cupping in glaucoma on this fundus image? Outline it."],
       "the point where the vessels and nerve fibres leave the eye is the optic disc",
       ["A cup-to-disc ratio over about 0.6 raises suspicion of glaucoma.",
        "It corresponds to the physiological blind spot, about 15 degrees temporal to fixation.",
        "In a left-eye photo it usually lies to the left of the macula."],
       syn=["optic disc", "disc", "optic nerve head"], hemi="side"),
    _p("hard exudates", "hard exudates", "other", "eye", None,
       [(100, 80, 5, 4), (122, 96, 4, 4), (88, 112, 5, 5), (118, 66, 4, 3)], {},
       ["exudat"],
       ["In this diabetic fundus photo, what are the bright yellow waxy deposits? Please segment them.",
        "Which lipid deposits from leaky vessels would you mark in diabetic maculopathy here? Outline them."],
       "bright yellow waxy deposits from leaky retinal vessels are hard exudates",
       ["They are lipid leaking from damaged capillaries, often in a ring around a leak point.",
        "Diabetic retinopathy affects about a third of people with diabetes.",
        "Within one disc diameter of the fovea they count as clinically significant macular oedema."],
       syn=["exudates", "hard exudates"], hemi="side"),
]

# -- facts ----------------------------------------------------------------------------------------------


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry in p["parts"]:
        s = rng.uniform(0.95, 1.05)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    others = {k: (x / 255.0, y / 255.0) for k, (x, y) in p["others"].items()}
    return compute_facts(mask, p["orientation"], others).model_dump(mode="json")


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orientation"]}


def pick_profile(profiles, i, defect, rng):
    if defect == "laterality":
        return rng.choice([p for p in profiles if p["orientation"] is not None])
    return rng.choice(profiles)


# -- phrases --------------------------------------------------------------------------------------------

NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
REL_WORD = {"left_of": "left", "right_of": "right", "anterior_to": "anterior", "posterior_to": "posterior",
            "superior_to": "superior", "inferior_to": "inferior"}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}


def num(n, rng):
    return NUM.get(n, str(n)) if rng.random() < 0.6 else str(n)


def pct_str(v):
    return f"{v:.2f}" if v < 1 else f"{v:.1f}"


def true_pct(facts, rng):
    return 100 * facts["area_fraction"] * rng.uniform(0.93, 1.07)


def wrong_pct(facts, rng):
    t = 100 * facts["area_fraction"]
    return t * rng.uniform(3.0, 5.0) if rng.random() < 0.6 or t < 0.3 else t / rng.uniform(3.0, 5.0)


def low(subj):
    if subj == "It":
        return "it"
    if subj.startswith("The "):
        return "the " + subj[4:]
    return subj


def side_sentence(p, v, subj, rng, style):
    """A sentence putting the target on side v (patient terms)."""
    hemi = p["hemi"]
    opp = {"left": "right", "right": "left"}
    if v in ("left", "right"):
        forms = [f"{subj} lies on the patient's {v} side.",
                 f"{subj} is {v}-sided.",
                 f"{subj} sits in the {v} {hemi}." if hemi != "side" else f"{subj} sits to the patient's {v}.",
                 f"On screen {low(subj)} appears on the image's {opp[v]}, which in radiological convention is the patient's {v}.",
                 f"{subj} is on the {v}, not the {opp[v]}.",
                 f"{subj} is located on the patient's {v}."]
    elif v == "bilateral":
        forms = [f"{subj} is bilateral, with a part on each side of the midline.",
                 f"{subj} shows up on both the left and the right.",
                 f"{subj} is present on both sides rather than confined to one.",
                 f"{subj} spans both sides: there is tissue on the patient's left and on the patient's right."]
    elif v == "midline":
        forms = [f"{subj} sits in the midline.",
                 f"{subj} is centred on the midline, not off to either side.",
                 f"{subj} straddles the midline.",
                 f"{subj} is a midline structure on this slice, neither left nor right."]
    else:  # unknown (photo)
        forms = [f"A photo like this has no patient left or right, so {low(subj)} can't be given a side.",
                 f"There is no anatomical left or right in this kind of image, so I can't say which side {low(subj)} is on."]
    s = rng.choice(forms)
    if style == "llama3" and rng.random() < 0.3:
        s = s.replace("It lies on ", "It lie on ").replace(" is located ", " is locate ")
    return s


def wrong_side_value(p, facts, rng):
    lat = facts["laterality"]
    if lat == "left":
        return "right" if rng.random() < 0.8 else "midline"
    if lat == "right":
        return "left" if rng.random() < 0.8 else "midline"
    if lat == "bilateral":
        return rng.choice(["left", "right"])
    return rng.choice(["left", "right"])  # midline


VERT = {
    "LP": {"anterior": ["in the anterior part of the slice", "towards the front", "in an anterior position", "in the front half of the cross-section"],
           "posterior": ["in the posterior part of the slice", "towards the back", "in a posterior position", "in the back half of the cross-section"],
           "central": ["roughly central front-to-back", "in the middle of the slice from front to back",
                       "neither anterior nor posterior, about mid-depth"]},
    "LI": {"superior": ["in the upper part of the image", "high up on the film", "towards the head end of the film"],
           "inferior": ["in the lower part of the image", "low on the film", "towards the feet end of the film"],
           "central": ["at about mid-height on the image", "neither high nor low, roughly mid-height"]},
    None: {"upper": ["in the upper half of the frame", "towards the top of the picture", "in the upper part of the image"],
           "lower": ["in the lower half of the frame", "towards the bottom of the picture", "in the lower part of the image"],
           "central": ["about halfway up the frame", "roughly at the vertical centre of the picture"]},
}


def vert_sentence(p, v, subj, rng):
    ph = rng.choice(VERT[p["orientation"]][v])
    return rng.choice([f"{subj} is {ph}.", f"{subj} lies {ph}.", f"Vertically, {low(subj)} is {ph}."])


def wrong_vert_value(p, facts, rng):
    v = facts["vertical"]
    opts = [k for k in VERT[p["orientation"]] if k != v]
    if v != "central":
        opts = [k for k in opts if k != "central"]  # flip the side rather than call it central
    return rng.choice(opts)


SIZE_W = {"small": ["small", "fairly small", "a small structure"],
          "medium": ["medium-sized", "of moderate size", "mid-sized"],
          "large": ["large", "big", "a large structure"]}


def size_sentence(subj, cls, rng, pct=None):
    w = rng.choice(SIZE_W[cls]) if cls else None
    if cls and pct is not None:
        return rng.choice([f"{subj} is {w}, covering about {pct_str(pct)}% of the image.",
                           f"{subj} is {w} at roughly {pct_str(pct)}% of the image area.",
                           f"At about {pct_str(pct)} percent of the image, {low(subj)} is {w}."])
    if cls:
        return rng.choice([f"{subj} is {w} on this image.", f"In terms of size, {low(subj)} is {w}.",
                           f"{subj} would be called {w} here."])
    return rng.choice([f"{subj} takes up about {pct_str(pct)}% of the image.",
                       f"{subj} covers roughly {pct_str(pct)} percent of the image area.",
                       f"The segmented area comes to about {pct_str(pct)}% of the frame."])


def count_sentence(subj, n, rng):
    if n == 1:
        return rng.choice([f"{subj} is a single connected region.", f"{subj} is one continuous piece.",
                           f"The mask is in one piece, with no separate fragments."])
    w = num(n, rng)
    return rng.choice([f"{subj} consists of {w} separate regions.", f"The mask is split into {w} distinct pieces.",
                       f"There are {w} separate parts, not connected to each other.", f"{subj} forms {w} separate islands."])


def wrong_count_value(n, rng):
    return {1: rng.choice([2, 3]), 2: rng.choice([1, 3]), 3: rng.choice([1, 2, 4])}.get(n, n - rng.choice([1, 2]))


def rel_phrase(rel, other, rng):
    return rng.choice({
        "left_of": [f"to the patient's left of the {other}", f"left of the {other}", f"on the left side of the {other}"],
        "right_of": [f"to the patient's right of the {other}", f"right of the {other}", f"on the right side of the {other}"],
        "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
        "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
        "superior_to": [f"above the {other}", f"superior to the {other}"],
        "inferior_to": [f"below the {other}", f"inferior to the {other}"],
    }[rel])


def rel_sentence(subj, rels, rng):
    parts = [rel_phrase(r, o, rng) for o, r in rels]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return rng.choice([f"{subj} lies {joined}.", f"Relative to its neighbours, {low(subj)} is {joined}.",
                       f"{subj} sits {joined}."])


# -- conversation ---------------------------------------------------------------------------------------

class Row:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.ledger = []
        self.turns = []

    def note(self, kind, value, text, corrected=False, other=None, voice=True):
        if voice and not corrected and len(self.turns) % 2 == 1:
            text = _voice(text, self.style, self.rng)
        self.ledger.append({"turn": len(self.turns), "kind": kind, "value": value, "other": other,
                            "snippet": text, "corrected": corrected})
        return text


SLIPS = [("There are ", "There is "), (" consists of ", " consist of "), ("It sits ", "It sit "),
         ("It lies ", "It lie "), (" is located ", " is locate "), (" takes up ", " take up "), (" covers ", " cover ")]
LOWER_OK = ("It ", "The ", "On ", "In ", "Vertically", "Relative", "At ", "There ", "Don't", "Remember", "A ")


def _voice(s, style, rng):
    """Register touches on a claim sentence: slips for the small model, hedges for the careful one."""
    if style == "llama3" and rng.random() < 0.35:
        for a, b2 in SLIPS:
            if a in s:
                return s.replace(a, b2, 1)
    if style == "claude" and rng.random() < 0.35 and s.startswith(LOWER_OK):
        return rng.choice(["From what I can see, ", "If I'm reading it correctly, ", "I'd say ", "As far as I can tell, "]) + s[0].lower() + s[1:]
    return s


def forbidden_hit(q, p):
    import re
    for t in p["forbidden"]:
        pat = (r"\b" + re.escape(t) + r"\b") if len(t) <= 3 else re.escape(t)
        if re.search(pat, q, flags=0 if len(t) <= 3 else re.I):
            return t
    return None


def _subj(p, rng, first=False, style=None):
    names = [x for x in p["syn"] if not x.endswith("s") or style == "llama3"]
    return rng.choice(["It", "It", "The segmented region", "The mask"] + [f"The {x}" for x in names[:1]] * 2)


def build(p, facts, style, rng, defect):
    r = Row(p, facts, style, rng, defect)
    photo = p["orientation"] is None
    # which fact kind is wrong, and where
    kind = {"laterality": "side", "position": "position", "size": "size", "count": "count"}.get(defect)
    where = None
    if kind:
        x = rng.random()
        where = "user" if x < 0.18 else "followup" if x < 0.42 else "first"
    pos_mode = None
    wrong_rel = None
    if kind == "position":
        if facts["relations"] and rng.random() < 0.5:
            pos_mode = "relation"
            rr = rng.choice(facts["relations"])
            wrong_rel = (rr["other"], FLIP[rr["relation"]])
        else:
            pos_mode = "vertical"
    rels_true = [(x["other"], x["relation"]) for x in facts["relations"]
                 if not (wrong_rel and x["other"] == wrong_rel[0])]
    # topics available for true statements
    avail = ["side", "vertical", "size", "count", "relations"]
    if photo:
        avail.remove("relations")
    blocked = set()
    if kind == "side":
        blocked.add("side")
    if kind == "size":
        blocked.add("size")
    if kind == "count":
        blocked.add("count")
    if pos_mode == "vertical":
        blocked.add("vertical")
    if not rels_true:
        blocked.add("relations")
    true_topics = [t for t in avail if t not in blocked]

    n_rounds = 3 if (where == "user" or rng.random() < 0.55) else 2
    if where == "followup" or where == "user":
        n_rounds = max(n_rounds, 2)
    # first-answer topics
    rng.shuffle(true_topics)
    k1 = rng.choice([2, 2, 3])
    first_topics = true_topics[:k1]
    rest = true_topics[k1:]
    # --- round 1 question
    q = rng.choice(p["questions"])
    if defect == "names_target":
        nm = rng.choice([x for x in p["syn"] + [p["name"]] if forbidden_hit(x, p)])
        q = rng.choice([f"Can you segment the {nm} on this image? " + q.split("?")[0].split(". ")[-1] + "?",
                        f"{q.rstrip('?.')} - I think it's the {nm}, right?",
                        f"Please outline the {nm}. " + q])
    q = _user_voice(q, style, rng)
    r.turns.append({"role": "user", "content": q})
    # --- first answer
    sents = []
    for t in first_topics:
        sents.append(_true_sentence(r, t, rels_true))
    if where == "first":
        sents.insert(rng.randrange(len(sents) + 1), _false_sentence(r, kind, pos_mode, wrong_rel))
    trap = _trap(r, blocked, kind)
    if trap:
        sents.insert(rng.randrange(len(sents) + 1), trap)
    r.turns.append({"role": "assistant", "content": _first_answer(r, sents)})
    # --- follow-ups
    fu_topics = rest + [t for t in true_topics if t not in rest]
    rng.shuffle(fu_topics)
    for k in range(1, n_rounds):
        last = k == n_rounds - 1
        if where == "followup" and (last or rng.random() < 0.5) and not any(e.get("planted") for e in r.ledger):
            uq = _question_for(kind, p, rng, style)
            r.turns.append({"role": "user", "content": uq})
            r.turns.append({"role": "assistant", "content": _wrap_follow(r, [_false_sentence(r, kind, pos_mode, wrong_rel)])})
            continue
        if where == "user" and k == 1:
            topic = fu_topics.pop(0) if fu_topics else "knowledge"
            premise = _premise(r, kind, pos_mode, wrong_rel)
            fq = _question_for(topic, p, rng, style, bare=True)
            uq = premise + " " + (fq[0].upper() + fq[1:] if premise.endswith(".") else fq)
            r.turns.append({"role": "user", "content": uq})
            ans = [_true_sentence(r, topic, rels_true)] if topic != "knowledge" else [rng.choice(p["knowledge"])]
            r.turns.append({"role": "assistant", "content": _wrap_follow(r, ans)})
            continue
        # a user's false idea, corrected explicitly (only for a fact not blocked)
        corr_ok = [t for t in ("side", "size", "count", "vertical") if t not in blocked and not (photo and t == "side")]
        if corr_ok and rng.random() < 0.3:
            t = rng.choice(corr_ok)
            uq, ans = _corrected(r, t, len(r.turns))
            r.turns.append({"role": "user", "content": uq})
            r.turns.append({"role": "assistant", "content": _wrap_follow(r, ans)})
            continue
        if last and rng.random() < 0.35 and len(true_topics) >= 2:
            uq = _user_voice(rng.choice(["Can you give me a one-line summary of the finding?", "Summarise what you've told me.",
                                         "Quick recap please?", "So, in short, what did you mark?"]), style, rng)
            r.turns.append({"role": "user", "content": uq})
            picks = rng.sample(true_topics, min(len(true_topics), rng.choice([2, 3])))
            ans = [f"In short: the {p['name']}."] + [_true_sentence(r, t, rels_true, summary=True) for t in picks]
            r.turns.append({"role": "assistant", "content": _wrap_follow(r, ans)})
            continue
        topic = fu_topics.pop(0) if fu_topics else "knowledge"
        r.turns.append({"role": "user", "content": _question_for(topic, p, rng, style)})
        ans = [_true_sentence(r, topic, rels_true)] if topic != "knowledge" else [rng.choice(p["knowledge"])]
        if rng.random() < 0.5:
            ans.append(rng.choice(p["knowledge"]))
        r.turns.append({"role": "assistant", "content": _wrap_follow(r, ans)})
    LEDGER.append(r.ledger)
    return r.turns, ([] if defect is None else [defect])


def _user_voice(q, style, rng):
    if style == "llama3" and rng.random() < 0.3:
        return q[0].lower() + q[1:]
    if style == "claude" and rng.random() < 0.25:
        return q + " Thanks."
    return q


def _true_sentence(r, topic, rels_true, summary=False):
    p, f, rng = r.p, r.f, r.rng
    subj = _subj(p, rng, style=r.style)
    if topic == "side":
        s = side_sentence(p, f["laterality"], subj, rng, r.style)
        return r.note("side", f["laterality"], s)
    if topic == "vertical":
        s = vert_sentence(p, f["vertical"], subj, rng)
        return r.note("vertical", f["vertical"], s)
    if topic == "size":
        mode = rng.choice(["both", "both", "class", "pct"])
        pct = true_pct(f, rng) if mode != "class" else None
        s = size_sentence(subj, f["size_class"] if mode != "pct" else None, rng, pct)
        if mode != "pct":
            s = r.note("size_class", f["size_class"], s)
        if pct is not None:
            s = r.note("percent", round(pct, 4), s, voice=mode == "pct")
        return s
    if topic == "count":
        s = count_sentence(subj, f["components"], rng)
        return r.note("count", f["components"], s)
    if topic == "relations":
        rels = rng.sample(rels_true, min(len(rels_true), rng.choice([1, 2])))
        s = rel_sentence(subj, rels, rng)
        for j, (o, rel) in enumerate(rels):
            s = r.note("relation", rel, s, other=o, voice=j == 0)
        return s
    raise ValueError(topic)


def _false_sentence(r, kind, pos_mode, wrong_rel):
    p, f, rng = r.p, r.f, r.rng
    subj = _subj(p, rng, style=r.style)
    if kind == "side":
        v = wrong_side_value(p, f, rng)
        s = side_sentence(p, v, subj, rng, r.style)
        s = r.note("side", v, s)
    elif kind == "position" and pos_mode == "relation":
        s = rel_sentence(subj, [wrong_rel], rng)
        s = r.note("relation", wrong_rel[1], s, other=wrong_rel[0])
    elif kind == "position":
        v = wrong_vert_value(p, f, rng)
        s = vert_sentence(p, v, subj, rng)
        s = r.note("vertical", v, s)
    elif kind == "size":
        if rng.random() < 0.5:
            cls = rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
            s = size_sentence(subj, cls, rng)
            s = r.note("size_class", cls, s)
        else:
            pct = wrong_pct(f, rng)
            s = size_sentence(subj, None, rng, pct)
            s = r.note("percent", round(pct, 4), s)
    else:
        n = wrong_count_value(f["components"], rng)
        s = count_sentence(subj, n, rng)
        s = r.note("count", n, s)
    r.ledger[-1]["planted"] = True
    return s


def _premise(r, kind, pos_mode, wrong_rel):
    """A false premise in the user's voice, stated as fact."""
    p, f, rng = r.p, r.f, r.rng
    if kind == "side":
        v = wrong_side_value(p, f, rng)
        s = {"left": "Since it's on the patient's left,", "right": "OK, so it's on the patient's right.",
             "midline": "Given it's sitting right in the midline,", "bilateral": "Since it's on both sides,"}[v]
        s = r.note("side", v, s)
    elif kind == "position" and pos_mode == "relation":
        o, rel = wrong_rel
        s = f"So it's {rel_phrase(rel, o, rng)}."
        s = r.note("relation", rel, s, other=o)
    elif kind == "position":
        v = wrong_vert_value(p, f, rng)
        s = f"Got it, and it's {rng.choice(VERT[p['orientation']][v])}."
        s = r.note("vertical", v, s)
    elif kind == "size":
        if rng.random() < 0.5:
            cls = rng.choice([c for c in ("small", "medium", "large") if c != f["size_class"]])
            s = f"It's clearly a {'large' if cls == 'large' else 'small' if cls == 'small' else 'medium-sized'} region."
            s = r.note("size_class", cls, s)
        else:
            pct = wrong_pct(f, rng)
            s = f"Since it covers about {pct_str(pct)}% of the image,"
            s = r.note("percent", round(pct, 4), s)
    else:
        n = wrong_count_value(f["components"], rng)
        s = ("Since it's all one piece," if n == 1 else f"Since there are {num(n, rng)} separate pieces,")
        s = r.note("count", n, s)
    r.ledger[-1]["planted"] = True
    return s


def _question_for(topic, p, rng, style, bare=False):
    qs = {"side": ["Which side is it on?", "Is it on the left or the right?", "What about laterality?"],
          "vertical": ["Where is it front-to-back?" if p["orientation"] == "LP" else
                       "Is it high or low on the image?", "Where does it sit vertically on the image?"],
          "position": ["Where is it positioned?", "Can you describe its position?"],
          "size": ["How big is it?", "What about size?", "How much of the image does it take up?"],
          "count": ["Is it one piece or several?", "How many separate regions did you mark?", "Is the mask continuous?"],
          "relations": ["What's next to it?", "How does it relate to the neighbouring structures?", "Where is it relative to its neighbours?"],
          "knowledge": ["Anything else worth knowing about it?", "Why does it matter clinically?"]}
    if topic == "side" and p["orientation"] is None:
        qs["side"] = ["Can you tell which side of the body it's on?"]
    q = rng.choice(qs[topic])
    if bare:
        return q[0].lower() + q[1:] if q[0] != "I" else q
    return _user_voice(q, style, rng)


def _corrected(r, t, turn):
    """A user's false idea about fact t, and an assistant answer that corrects it explicitly."""
    p, f, rng = r.p, r.f, r.rng
    if t == "side":
        v = wrong_side_value(p, f, rng)
        uq = {"left": "I assumed it was on the patient's left?", "right": "Isn't it on the patient's right?",
              "midline": "I'd have thought it was in the midline?", "bilateral": "Isn't it on both sides?"}[v]
        r.note("side", v, uq, corrected=True)
        r.turns.append(None)  # placeholder to attribute the following note to the assistant turn
        ans = ["No, that's not right.", _true_sentence(r, "side", [])]
    elif t == "vertical":
        v = wrong_vert_value(p, f, rng)
        uq = f"Is it {rng.choice(VERT[p['orientation']][v])}?"
        r.note("vertical", v, uq, corrected=True)
        r.turns.append(None)
        ans = ["Not quite.", _true_sentence(r, "vertical", [])]
    elif t == "size":
        pct = wrong_pct(f, rng)
        uq = f"I'd have guessed it was more like {pct_str(pct)}% of the image?"
        r.note("percent", round(pct, 4), uq, corrected=True)
        r.turns.append(None)
        tp = true_pct(f, rng)
        s = f"It's actually smaller than that: about {pct_str(tp)}%." if pct > tp else f"It's actually bigger than that: about {pct_str(tp)}%."
        ans = [r.note("percent", round(tp, 4), s)]
    else:
        n = wrong_count_value(f["components"], rng)
        uq = "It's just one blob, isn't it?" if n == 1 else f"Are there {num(n, rng)} separate parts?"
        r.note("count", n, uq, corrected=True)
        r.turns.append(None)
        ans = ["No.", _true_sentence(r, "count", [])]
    r.turns.pop()
    return uq, ans


def _trap(r, blocked, kind):
    """A sentence a checker could misread but which holds no false claim about the image."""
    p, f, rng = r.p, r.f, r.rng
    opts = ["knowledge", "hypo"]
    if "side" not in blocked and f["laterality"] in ("left", "right"):
        opts += ["convention", "convention"]
    c = rng.choice(opts)
    if c == "convention":
        v = f["laterality"]
        opp = {"left": "right", "right": "left"}[v]
        s = rng.choice([f"Remember the radiological convention: the patient's {v} is displayed on the image's {opp}, which is why it shows up on the {opp} of the screen.",
                        f"It appears on the {opp} side of the image, which is the patient's {v}.",
                        f"Don't be misled by the screen: it is drawn on the image's {opp}, but that is the patient's {v}."])
        return r.note("side", v, s)
    if c == "hypo":
        if p["orientation"] is None:
            return rng.choice(["Had the photo been taken from a different angle, the outline would look quite different.",
                               "Lighting and focus can make the edges look sharper or softer than they really are.",
                               f"If this were a follow-up image, we would compare the {p['name']} with the earlier photo."])
        return rng.choice([f"If this were a follow-up scan, we would compare the {p['name']} with the prior study rather than with the other side.",
                           "A single slice can of course under- or over-represent the structure compared with the full volume.",
                           "Had the scan been taken at a different level, the outline would look quite different."])
    return rng.choice(p["knowledge"])


def _first_answer(r, sents):
    p, rng, style = r.p, r.rng, r.style
    name = p["name"]
    body = " ".join(sents)
    if style == "gpt4o":
        intro = rng.choice([f"This is the **{name}** [SEG].", f"The structure you're describing is the **{name}** [SEG].",
                            f"You're looking for the {name} [SEG]."])
        why = f"**Why:** {p['reason'][0].upper() + p['reason'][1:]}."
        x = rng.random()
        if x < 0.35:
            return f"{intro}\n\n{why}\n\n**On this image:** {body}"
        if x < 0.6:
            return f"{intro}\n\n{why}\n\n**Key observations:**\n" + "\n".join("- " + t for t in sents)
        return f"{intro} {p['reason'][0].upper() + p['reason'][1:]}. {body}"
    if style == "llama3":
        intro = rng.choice([f"Sure! The structure you are asking about is the {name} [SEG].",
                            f"Sure! That would be the {name} [SEG].", f"Sure, this is the {name} [SEG]."])
        tail = rng.choice([f" So yes, it is the {name}.", f" I hope this help!", ""])
        return f"{intro} {p['reason'][0].upper() + p['reason'][1:]}. {body}{tail}"
    if style == "reasoner":
        lead = rng.choice(["Reasoning:", "Because", "Thinking it through:"])
        if lead == "Because":
            return f"Because {p['reason']}, the answer is the {name} [SEG]. {body}"
        return f"{lead} {p['reason'][0].upper() + p['reason'][1:]}.\nAnswer: the {name} [SEG]. {body}"
    intro = rng.choice([f"This looks like the {name} [SEG].", f"I believe this is the {name} [SEG].",
                        f"Based on the description, the structure is most likely the {name} [SEG]."])
    offer = rng.choice([" Let me know if you'd like me to go through its neighbours as well.",
                        " I'm happy to explain more if that would help.", ""])
    caveat = rng.choice([" One caveat: this is a single slice, so the picture may differ at other levels.",
                         " That said, correlation with the full study is always wise.", ""])
    if p["orientation"] is None:
        caveat = rng.choice([" One caveat: a photo only shows the surface, so depth can't be judged.", ""])
    return f"{intro} My reasoning: {p['reason']}. {body}{caveat}{offer}"


def _join(prefix, body):
    if not prefix.endswith(", "):
        return prefix + body
    if body.startswith(("From what", "If I'm", "I'd say", "As far as")):
        return body
    return prefix + (body[0].lower() + body[1:] if body.startswith(LOWER_OK + ("No", "Not")) else body)


def _wrap_follow(r, sents):
    rng, style = r.rng, r.style
    body = " ".join(sents)
    if style == "gpt4o":
        return rng.choice(["", "Good question. ", "**Answer:** "]) + body
    if style == "llama3":
        return _join(rng.choice(["Sure! ", "Sure, ", "Ok, ", ""]), body) + rng.choice(["", " Hope that helps!"])
    if style == "reasoner":
        return rng.choice(["Because the mask shows it directly: ", "Reasoning: looking at the segmentation. ", ""]) + body
    return _join(rng.choice(["", "From what I can see, ", "As far as I can tell, "]), body) + rng.choice(
        ["", " Let me know if you want more detail.", " I hope that's useful."])
