"""Bank DF: blind evaluation bank for the mask-facts QC checker.

Targets: brain MR (axial "LP": glioma, brain metastases, lateral ventricles; coronal "LI": pituitary
adenoma, hippocampi, corpus callosum), spine MR (disc herniation, spinal cord), shoulder MR (humeral head),
hip MR (femoral heads, hip joint effusion), knee MR (patella, Baker's cyst), all axial "LP" except the
coronal brain ones, and 2D photos without orientation (polyp on endoscopy, melanoma on dermoscopy, optic
disc on a fundus photo, modality "other").
Registers (STYLES): "steplist" (numbered steps then a conclusion), "faq" (Q:/A: pairs inside the answer),
"narrative" (a short past-tense case story about this patient's image), "probabilities" (findings with
stated probabilities or likelihood words).

Written without reading QC.

Every claim sentence is written from the measured facts and recorded in LEDGER (one entry per row, in
build order) so the writer's own reader (/work/notes/qcdf_scripts/check_df.py) can re-evaluate it against
the facts. Own check: rows: 420 clean: 210 defect: 210 (42 per kind) problems: 0.
"""
from __future__ import annotations

import math
import random

import numpy as np

STYLES = ["steplist", "faq", "narrative", "probabilities"]
LEDGER: list[dict] = []  # per built row: {"claims": [...], "target_terms": [...], "name": ...}


def _prof(target, key, region, orient, modality, blobs, others, noun, names, terms, questions, naming, know):
    return {"target": target, "key": key, "region": region, "orient": orient, "modality": modality,
            "blobs": blobs, "others": others, "noun": noun, "names": names, "terms": terms,
            "questions": questions, "naming": naming, "know": know}


_GLIOMA_Q = [
    "This adult has had new focal seizures and a month of worsening headaches. Which intra-axial lesion on this MR would explain that? Please segment it.",
    "Which infiltrating lesion arising from the brain's own supporting cells is visible on this slice? Outline it for me.",
    "There is an expansile, T2-bright mass effect here. Can you find the primary intra-axial mass and segment it?",
]
_GLIOMA_N = ["Please segment the glioma on this MR slice.", "Where is the glioma here? Segment it.",
             "Outline the glial tumour on this axial image."]
_GLIOMA_K = [
    "Gliomas account for roughly a quarter of all primary brain tumours in adults.",
    "In most right-handed people the left hemisphere is dominant for language, so eloquent-cortex mapping matters before surgery.",
    "The falx cerebri runs in the midline and separates the two hemispheres.",
    "Perilesional oedema often makes these lesions look larger on T2 than on post-contrast images.",
]
_METS_Q = [
    "This patient has a known lung primary and new confusion. Which lesions on this brain MR explain it? Segment them.",
    "Several round enhancing foci are scattered at the grey-white junction. Please segment these lesions in this patient with known breast cancer.",
    "Staging MR for melanoma: what are the lesions seen in the brain here? Please outline all of them.",
]
_METS_N = ["Segment the brain metastases on this slice.", "Please outline every metastasis here.",
           "Where are the mets? Segment them."]
_METS_K = [
    "Up to 20-40% of adults with systemic cancer develop spread to the brain at some point.",
    "Lesions at the grey-white junction are typical because small arteries narrow there.",
    "The right and left middle cerebral artery territories are the commonest sites.",
    "Solitary lesions are less common than multiple ones in lung cancer.",
]
_VENT_Q = [
    "Which CSF-filled cavities in the cerebral hemispheres are shown on this axial MR? Please segment them.",
    "This child has a large head circumference; which fluid spaces would you measure for hydrocephalus here? Segment them.",
    "Which paired spaces produce most of the cerebrospinal fluid through their choroid plexus? Outline them on this slice.",
]
_VENT_N = ["Segment the lateral ventricles.", "Please outline both lateral ventricles on this axial slice.",
           "Where are the ventricles? Segment them."]
_VENT_K = [
    "The fourth ventricle sits behind the pons, in the posterior fossa.",
    "Mild asymmetry, with the left side a little larger, is seen in about 5-10% of normal people.",
    "CSF drains from the third ventricle through the cerebral aqueduct.",
    "The septum pellucidum is a thin midline membrane.",
]
_PIT_Q = [
    "This woman has galactorrhoea and amenorrhoea with a high prolactin. Which lesion on this coronal MR explains it? Segment it.",
    "Bitemporal hemianopia: which sellar mass is compressing the chiasm here? Please outline it.",
    "Which lesion of the gland sitting in the sella turcica is seen on this coronal slice? Segment it.",
]
_PIT_N = ["Segment the pituitary adenoma.", "Please outline the pituitary macroadenoma on this coronal image.",
          "Where is the adenoma in the sella? Segment it."]
_PIT_K = [
    "The optic chiasm lies just above the sella, which is why visual-field loss is common.",
    "The cavernous sinuses flank the sella on the left and right and carry the internal carotid arteries.",
    "Incidental sellar lesions turn up in around 10% of MR studies.",
    "The sphenoid sinus sits below the sella.",
]
_HIP_Q = [
    "A 74-year-old with progressive memory loss: which paired medial temporal structures should be assessed for atrophy on this coronal MR? Segment them.",
    "Which grey-matter structures, curled along the floor of the temporal horns, are central to forming new memories? Outline them.",
    "In mesial temporal sclerosis, which structures are affected? Please segment them here.",
]
_HIP_N = ["Segment the hippocampi on this coronal MR.", "Please outline both hippocampus structures.",
          "Where is the hippocampal formation? Segment it."]
_HIP_K = [
    "The temporal horns of the lateral ventricles sit just above and lateral to these structures.",
    "Left-sided mesial temporal sclerosis is slightly more common than right-sided in surgical series.",
    "The Scheltens scale grades medial temporal atrophy from 0 to 4.",
    "The amygdala lies in front of them, at the tip of the temporal horn.",
]
_CC_Q = [
    "Which white-matter commissure connects the two cerebral hemispheres on this coronal MR? Please segment it.",
    "In a patient with suspected MS, which midline commissural structure do Dawson's fingers radiate from? Outline it.",
    "Which structure is divided in a split-brain operation for drop attacks? Segment it here.",
]
_CC_N = ["Segment the corpus callosum.", "Please outline the corpus callosum on this coronal slice.",
         "Where is the callosum here? Segment it."]
_CC_K = [
    "The lateral ventricles lie just beneath it on each side of the septum pellucidum.",
    "Agenesis of this structure is found in about 1 in 4000 live births.",
    "The cingulate gyri lie above it, one in each hemisphere.",
    "The fornix arches below it toward the hippocampi.",
]
_DISC_Q = [
    "This patient has sciatica radiating down one leg with a positive straight-leg raise. What is compressing the nerve root on this axial lumbar MR? Segment it.",
    "Which focal lesion of the intervertebral joint is narrowing the lateral recess here? Please outline it.",
    "Acute low back pain after lifting, with dermatomal numbness: segment the lesion responsible on this slice.",
]
_DISC_N = ["Segment the disc herniation.", "Please outline the herniated disc on this axial slice.",
           "Where is the disc protrusion? Segment it."]
_DISC_K = [
    "Most lumbar lesions of this kind occur at L4-5 or L5-S1, together over 90% of cases.",
    "The traversing nerve root runs down in the lateral recess on each side.",
    "The ligamentum flavum lines the back of the canal on the left and right.",
    "Paracentral lesions are commoner than far-lateral ones.",
]
_CORD_Q = [
    "Which neural structure runs through the vertebral canal and is at risk in a burst fracture? Segment it on this axial MR.",
    "This patient has a sensory level at T6. Which structure in the canal should be examined for signal change? Outline it.",
    "Which central nervous tissue is surrounded by CSF inside the thecal sac here? Please segment it.",
]
_CORD_N = ["Segment the spinal cord.", "Please outline the cord on this axial slice.",
           "Where is the spinal cord here? Segment it."]
_CORD_K = [
    "The aorta lies in front of the vertebral body, slightly to the patient's left.",
    "The dorsal columns carry fine touch and proprioception.",
    "The conus usually ends at L1-L2 in adults.",
    "Syrinx formation is seen in up to 28% of patients after cord injury.",
]
_HUM_Q = [
    "Which bony structure articulates with the glenoid to form the ball of the shoulder? Segment it on this axial MR.",
    "After an anterior dislocation, which structure would carry a Hill-Sachs impaction? Please outline it.",
    "Which rounded bone end is seen in the shoulder joint on this axial slice? Segment it.",
]
_HUM_N = ["Segment the humeral head.", "Please outline the head of the humerus on this axial slice.",
          "Where is the humeral head? Segment it."]
_HUM_K = [
    "The glenoid labrum deepens the socket and is torn in about 40% of recurrent dislocators.",
    "The subscapularis tendon crosses in front of the joint.",
    "The coracoid process lies anterior and medial to the joint.",
    "Bankart lesions involve the anteroinferior labrum.",
]
_FEM_Q = [
    "Which paired bony structures sit in the acetabula on this axial pelvic MR? Please segment them.",
    "This patient on long-term steroids has groin pain; which structures should be checked for avascular necrosis? Segment them.",
    "Which ball-shaped ends of the thigh bones form the hip joints here? Outline them.",
]
_FEM_N = ["Segment the femoral heads.", "Please outline both femoral heads on this slice.",
          "Where are the femoral heads? Segment them."]
_FEM_K = [
    "The bladder lies in front of the hip joints on axial pelvic sections.",
    "Avascular necrosis is bilateral in roughly 40-80% of steroid-related cases.",
    "The sciatic nerve runs behind the hip joint on each side.",
    "The acetabular roof covers about two-thirds of the ball in a normal hip.",
]
_EFF_Q = [
    "This patient has a painful, irritable hip with limited internal rotation. What abnormal collection in the joint is seen on this axial MR? Segment it.",
    "Which fluid collection is distending the hip capsule here? Please outline it.",
    "A child with a limp after a viral illness: segment the finding in the joint on this slice.",
]
_EFF_N = ["Segment the hip joint effusion.", "Please outline the effusion in the hip.",
          "Where is the joint effusion here? Segment it."]
_EFF_K = [
    "Transient synovitis is the commonest cause of an irritable hip in children aged 3-10.",
    "The iliopsoas bursa lies in front of the joint and communicates with it in about 15% of adults.",
    "The femoral vessels run anteromedial to the joint.",
    "A septic joint must be excluded when fever is present.",
]
_PAT_Q = [
    "Which sesamoid bone sits within the quadriceps tendon at the front of the knee? Segment it on this axial MR.",
    "After a twisting injury with a transient lateral dislocation, which bone should be checked for a medial facet bone bruise? Outline it.",
    "Which bone forms the front wall of the knee's extensor mechanism here? Please segment it.",
]
_PAT_N = ["Segment the patella.", "Please outline the kneecap on this axial slice.",
          "Where is the patella? Segment it."]
_PAT_K = [
    "The femoral condyles lie behind it and form the trochlear groove.",
    "Bipartite variants are found in about 1-2% of people, usually at the superolateral pole.",
    "The medial patellofemoral ligament is torn in most lateral dislocations.",
    "The popliteal artery runs at the back of the knee.",
]
_BAK_Q = [
    "This patient has a soft swelling at the back of the knee that gets tighter on extension. What is it on this axial MR? Segment it.",
    "Which fluid-filled sac between the medial gastrocnemius and semimembranosus is seen here? Please outline it.",
    "Which fluid collection, often linked to meniscal tears, sits in the popliteal fossa on this slice? Segment it.",
]
_BAK_N = ["Segment the Baker's cyst.", "Please outline the popliteal cyst on this axial image.",
          "Where is the Baker cyst? Segment it."]
_BAK_K = [
    "The patella sits at the front of the knee, opposite the popliteal fossa.",
    "These collections are found in around 5-20% of adult knee MRIs.",
    "Rupture can mimic a deep vein thrombosis in the calf.",
    "The medial head of gastrocnemius forms one wall of the neck of the sac.",
]
_POL_Q = [
    "This colonoscopy frame is from a 62-year-old screening patient. Which raised mucosal growth should be removed? Please segment it.",
    "What is the protruding lesion(s) on the mucosa in this endoscopic image? Outline it.",
    "Which growth(s) on the bowel wall here carry a risk of becoming cancer over years? Segment them.",
]
_POL_N = ["Segment the polyp in this colonoscopy image.", "Please outline the polyps here.",
          "Where is the polyp? Segment it."]
_POL_K = [
    "Adenomas are found in roughly 25-30% of screening colonoscopies in people over 50.",
    "The right colon is where sessile serrated lesions are more common.",
    "Lesions over 10 mm carry a higher risk of advanced histology.",
    "Narrow-band imaging helps predict the histology.",
]
_MEL_Q = [
    "This dermoscopy shows a changing pigmented lesion with an atypical network. Which lesion is it, and can you segment it?",
    "Which skin lesion here shows asymmetry, irregular borders and blue-white veil? Please outline it.",
    "A patient noticed a mole that recently grew and bled. Segment the lesion of concern in this image.",
]
_MEL_N = ["Segment the melanoma in this dermoscopy image.", "Please outline the melanoma.",
          "Where is the melanocytic lesion? Segment it."]
_MEL_K = [
    "The ABCDE rule looks at asymmetry, border, colour, diameter and evolution.",
    "A diameter over 6 mm is one classic warning sign.",
    "About 70% of these arise de novo rather than from an existing naevus.",
    "Seborrhoeic keratoses can look dark but show milia-like cysts.",
]
_OD_Q = [
    "Which bright round structure where the retinal vessels enter and leave is seen on this fundus photo? Please segment it.",
    "In glaucoma screening, which structure's cupping is assessed on this photo? Outline it.",
    "Where does the optic nerve leave the eye on this fundus photograph? Segment that region.",
]
_OD_N = ["Segment the optic disc.", "Please outline the optic disc on this fundus photo.",
         "Where is the optic nerve head? Segment it."]
_OD_K = [
    "The macula lies about two and a half disc diameters temporal to it.",
    "A cup-to-disc ratio above 0.6 is suspicious for glaucoma.",
    "The central retinal artery enters here and branches upward and downward.",
    "It is a physiological blind spot, about 15 degrees from fixation.",
]

_T_GL = ["glioma", "gliomas", "glial", "glioblastoma", "astrocytoma", "brain tumour", "brain tumor"]
_T_ME = ["metastases", "metastasis", "metastatic", "mets", "secondaries"]
_T_VE = ["ventricle", "ventricles", "ventricular"]
_T_PI = ["pituitary", "adenoma", "macroadenoma", "microadenoma", "hypophysis", "hypophyseal", "prolactinoma"]
_T_HI = ["hippocampus", "hippocampi", "hippocampal"]
_T_CC = ["corpus callosum", "callosum", "callosal"]
_T_DI = ["disc", "disk", "herniation", "herniated", "protrusion", "extrusion", "prolapse", "hnp"]
_T_CO = ["spinal cord", "cord", "myelon"]
_T_HU = ["humeral head", "humerus", "humeral"]
_T_FE = ["femoral head", "femoral heads", "femur", "femoral"]
_T_EF = ["effusion", "joint fluid", "hydrarthrosis"]
_T_PA = ["patella", "patellar", "kneecap", "knee cap"]
_T_BA = ["baker", "baker's", "popliteal cyst", "cyst"]
_T_PO = ["polyp", "polyps", "polypoid", "adenoma"]
_T_MM = ["melanoma", "melanocytic"]
_T_OD = ["optic disc", "optic disk", "optic nerve head", "papilla", "disc", "disk"]

PROFILES = [
    _prof("glioma", "glioma_l", "brain", "LP", "MR", [(172, 98, 22, 18)],
          {"falx cerebri": (0.5, 0.5), "fourth ventricle": (0.5, 0.78)}, "lesion",
          ["glioma", "glial tumour", "intra-axial glioma"], _T_GL, _GLIOMA_Q, _GLIOMA_N, _GLIOMA_K),
    _prof("glioma", "glioma_r", "brain", "LP", "MR", [(82, 160, 26, 22)],
          {"falx cerebri": (0.5, 0.5), "frontal horns": (0.5, 0.36)}, "lesion",
          ["glioma", "glial tumour", "infiltrating glioma"], _T_GL, _GLIOMA_Q, _GLIOMA_N, _GLIOMA_K),
    _prof("brain metastases", "mets3", "brain", "LP", "MR", [(88, 88, 7, 7), (176, 152, 9, 8), (160, 78, 5, 5)],
          {"fourth ventricle": (0.5, 0.8)}, "lesions",
          ["brain metastases", "metastatic deposits", "metastases"], _T_ME, _METS_Q, _METS_N, _METS_K),
    _prof("brain metastases", "mets2l", "brain", "LP", "MR", [(168, 92, 8, 7), (186, 162, 10, 9)],
          {"falx cerebri": (0.5, 0.5)}, "lesions",
          ["brain metastases", "metastases", "metastatic deposits"], _T_ME, _METS_Q, _METS_N, _METS_K),
    _prof("lateral ventricles", "vent", "brain", "LP", "MR", [(108, 122, 9, 30), (148, 122, 9, 30)],
          {"fourth ventricle": (0.5, 0.78)}, "ventricles",
          ["lateral ventricles", "lateral ventricular system", "paired lateral ventricles"], _T_VE, _VENT_Q, _VENT_N, _VENT_K),
    _prof("pituitary adenoma", "pit", "brain", "LI", "MR", [(128, 172, 10, 8)],
          {"optic chiasm": (0.5, 0.58), "third ventricle": (0.5, 0.48)}, "lesion",
          ["pituitary adenoma", "pituitary macroadenoma", "sellar adenoma"], _T_PI, _PIT_Q, _PIT_N, _PIT_K),
    _prof("hippocampi", "hippo", "brain", "LI", "MR", [(86, 162, 11, 7), (170, 162, 11, 7)],
          {"lateral ventricles": (0.5, 0.42)}, "structures",
          ["hippocampi", "hippocampal formations", "hippocampi"], _T_HI, _HIP_Q, _HIP_N, _HIP_K),
    _prof("corpus callosum", "cc", "brain", "LI", "MR", [(128, 94, 40, 7)],
          {"lateral ventricles": (0.5, 0.47), "third ventricle": (0.5, 0.55)}, "commissure",
          ["corpus callosum", "callosal body", "corpus callosum body"], _T_CC, _CC_Q, _CC_N, _CC_K),
    _prof("disc herniation", "disc_l", "spine", "LP", "MR", [(152, 124, 10, 7)],
          {"vertebral body": (0.5, 0.34)}, "herniation",
          ["disc herniation", "herniated disc", "disc protrusion"], _T_DI, _DISC_Q, _DISC_N, _DISC_K),
    _prof("disc herniation", "disc_r", "spine", "LP", "MR", [(104, 126, 10, 7)],
          {"vertebral body": (0.5, 0.34)}, "herniation",
          ["disc herniation", "herniated disc", "disc extrusion"], _T_DI, _DISC_Q, _DISC_N, _DISC_K),
    _prof("spinal cord", "cord", "spine", "LP", "MR", [(128, 152, 14, 12)],
          {"vertebral body": (0.5, 0.34), "aorta": (0.58, 0.3)}, "cord",
          ["spinal cord", "cord", "thoracic cord"], _T_CO, _CORD_Q, _CORD_N, _CORD_K),
    _prof("humeral head", "hum_r", "shoulder", "LP", "MR", [(92, 128, 28, 28)],
          {"glenoid": (0.56, 0.5)}, "bone",
          ["humeral head", "head of the humerus", "humeral head"], _T_HU, _HUM_Q, _HUM_N, _HUM_K),
    _prof("humeral head", "hum_l", "shoulder", "LP", "MR", [(164, 126, 28, 28)],
          {"glenoid": (0.44, 0.5)}, "bone",
          ["humeral head", "head of the humerus", "humeral head"], _T_HU, _HUM_Q, _HUM_N, _HUM_K),
    _prof("femoral heads", "fem", "hip", "LP", "MR", [(70, 132, 20, 20), (186, 132, 20, 20)],
          {"bladder": (0.5, 0.38)}, "bones",
          ["femoral heads", "both femoral heads", "femoral heads"], _T_FE, _FEM_Q, _FEM_N, _FEM_K),
    _prof("hip joint effusion", "eff_l", "hip", "LP", "MR", [(182, 128, 14, 9)],
          {"bladder": (0.5, 0.36)}, "collection",
          ["hip joint effusion", "joint effusion", "effusion in the hip"], _T_EF, _EFF_Q, _EFF_N, _EFF_K),
    _prof("patella", "pat", "knee", "LP", "MR", [(128, 60, 30, 12)],
          {"femoral condyles": (0.5, 0.55)}, "bone",
          ["patella", "kneecap", "patella"], _T_PA, _PAT_Q, _PAT_N, _PAT_K),
    _prof("Baker's cyst", "baker", "knee", "LP", "MR", [(152, 200, 20, 13)],
          {"femoral condyles": (0.5, 0.55)}, "cyst",
          ["Baker's cyst", "popliteal cyst", "Baker cyst"], _T_BA, _BAK_Q, _BAK_N, _BAK_K),
    _prof("polyp", "polyp1", "colon", None, "endoscopy", [(120, 88, 30, 25)], {}, "growth",
          ["polyp", "colonic polyp", "sessile polyp"], _T_PO, _POL_Q, _POL_N, _POL_K),
    _prof("polyp", "polyp2", "colon", None, "endoscopy", [(80, 172, 15, 12), (172, 182, 12, 10)], {}, "growths",
          ["polyps", "colonic polyps", "small polyps"], _T_PO, _POL_Q, _POL_N, _POL_K),
    _prof("melanoma", "mel", "skin", None, "dermoscopy", [(128, 130, 60, 50)], {}, "lesion",
          ["melanoma", "pigmented melanoma", "melanoma"], _T_MM, _MEL_Q, _MEL_N, _MEL_K),
    _prof("optic disc", "od", "eye", None, "other", [(182, 124, 18, 20)], {}, "structure",
          ["optic disc", "optic nerve head", "optic disc"], _T_OD, _OD_Q, _OD_N, _OD_K),
]


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"] is not None]
    return rng.choice(pool)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:256, 0:256]
    mask = np.zeros((256, 256), bool)
    dx, dy = rng.uniform(-2, 2), rng.uniform(-2, 2)
    for cx, cy, rx, ry in p["blobs"]:
        s = rng.uniform(0.94, 1.06)
        mask |= ((xx - cx - dx) / (rx * s)) ** 2 + ((yy - cy - dy) / (ry * s)) ** 2 <= 1.0
    return compute_facts(mask, p["orient"], dict(p["others"])).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


# ------------------------------------------------------------------------------------------------ phrases

_NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
_OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def _t(s, past):
    rep = {"{be}": ("was", "is"), "{lie}": ("lay", "lies"), "{sit}": ("sat", "sits"), "{show}": ("showed", "shows"),
           "{cover}": ("covered", "covers"), "{take}": ("took", "takes"), "{have}": ("had", "has"),
           "{come}": ("came", "comes"), "{make}": ("made", "makes"), "{are}": ("were", "are")}
    for k, (a, b) in rep.items():
        s = s.replace(k, a if past else b)
    return s


def _cap(s):
    return s[0].upper() + s[1:]


def side_sentence(v, subj, rng, past):
    img = {"left": "right", "right": "left"}.get(v)
    if v in ("left", "right"):
        forms = [f"{subj} {{be}} on the patient's {v} side.",
                 f"{subj} {{lie}} in the patient's {v} half of the section.",
                 f"It {{show}} up on the {img} of the image, which {{be}} the patient's {v}.",
                 f"{subj} {{be}} {v}-sided.",
                 f"Laterality: patient {v}.",
                 f"{subj} {{sit}} to the {v} of the midline (patient orientation)."]
    elif v == "midline":
        forms = [f"{subj} {{be}} in the midline.",
                 f"{subj} {{sit}} centrally, straddling the midline.",
                 f"It {{be}} midline, with roughly equal parts either side.",
                 "Laterality: midline."]
    else:
        forms = [f"{subj} {{be}} bilateral, with parts on both the patient's left and right.",
                 "Both sides {are} involved, left and right.",
                 f"{subj} {{have}} components on each side of the midline, so it {{be}} bilateral.",
                 "Laterality: bilateral."]
    return _t(rng.choice(forms), past)


def notside_sentence(true_lat, rng, past):
    """A TRUE negation; returns (sentence, [values negated])."""
    if true_lat == "left":
        return _t(rng.choice(["It {be} not on the right.", "Nothing of it {be} on the patient's right side."]), past), ["right"]
    if true_lat == "right":
        return _t(rng.choice(["It {be} not on the left.", "None of it {be} on the patient's left side."]), past), ["left"]
    if true_lat == "midline":
        return _t(rng.choice(["It {be} not lateralised to the left or the right.",
                              "It does not lean to either the left or right side."]), past), ["left", "right"]
    return None, []


_VWORDS = {
    "LP": {"anterior": ["anterior", "toward the front", "in the front part of the section", "ventral"],
           "posterior": ["posterior", "toward the back", "in the back part of the section", "dorsal"],
           "central": ["central front-to-back", "midway between front and back", "in the middle antero-posteriorly"]},
    "LI": {"superior": ["superior", "high in the image (toward the head)", "in the upper part of the coronal section", "cranial"],
           "inferior": ["inferior", "low in the coronal section (toward the feet)", "in the lower part of the section", "caudal"],
           "central": ["central craniocaudally", "at mid-height", "in the middle top-to-bottom"]},
    None: {"upper": ["in the upper half of the frame", "in the top half of the image", "toward the top of the picture"],
           "lower": ["in the lower half of the frame", "in the bottom half of the image", "toward the bottom of the picture"],
           "central": ["near the centre of the frame", "in the middle of the image vertically", "centred vertically"]},
}


def vert_sentence(v, orient, subj, rng, past):
    w = rng.choice(_VWORDS[orient][v])
    forms = [f"{subj} {{be}} {w}.", f"{subj} {{lie}} {w}.", f"Position: {w}."]
    if orient != "LP":
        forms.append(f"Vertically, {subj[0].lower() + subj[1:]} {{sit}} {w}.")
    if w in ("anterior", "posterior", "superior", "inferior"):
        forms.append(f"{subj} {{be}} {w}ly placed.")
    return _t(rng.choice(forms), past)


_RELW = {"left_of": ["to the patient's left of the {o}", "on the patient's left relative to the {o}"],
         "right_of": ["to the patient's right of the {o}", "on the patient's right relative to the {o}"],
         "anterior_to": ["in front of the {o}", "anterior to the {o}"],
         "posterior_to": ["behind the {o}", "posterior to the {o}"],
         "superior_to": ["above the {o}", "superior to the {o}"],
         "inferior_to": ["below the {o}", "inferior to the {o}"]}


_REL2 = {"left_of": "further to the patient's left", "right_of": "further to the patient's right",
         "anterior_to": "further forward", "posterior_to": "further back", "superior_to": "higher up",
         "inferior_to": "lower down"}


def rel_sentence(other, rel, subj, rng, past):
    w = rng.choice(_RELW[rel]).format(o=other)
    forms = [f"{subj} {{lie}} {w}.", f"{subj} {{be}} {w}.", f"Relative position: {w}.",
             f"Compared with the {other}, it {{sit}} {_REL2[rel]}."]
    return _t(rng.choice(forms), past)


def size_sentence(v, subj, noun, rng, past):
    w = {"small": ["small", "little", "modest-sized"], "medium": ["medium-sized", "moderate in size", "intermediate in size"],
         "large": ["large", "big", "sizeable"]}[v]
    x = rng.choice(w)
    forms = [f"{subj} {{be}} {x}.", f"In size it {{be}} {x}." if " " not in x else f"It {{be}} {x}.", f"Size class: {v}.",
             f"Overall it {{be}} a {x} {noun}." if x not in ("moderate in size", "intermediate in size") else f"Overall the {noun} {{be}} {x}."]
    return _t(rng.choice(forms), past)


def pct_text(p):
    return f"{p:.2f}" if p < 1 else f"{p:.1f}"


def pct_sentence(pct, rng, past):
    s = pct_text(pct)
    forms = [f"It {{cover}} about {s}% of the image.", f"Area: roughly {s}% of the slice.",
             f"The mask {{take}} up ~{s}% of the field of view.", f"That {{be}} around {s} percent of the image area."]
    return _t(rng.choice(forms), past)


def count_sentence(n, subj, noun, rng, past):
    if n == 1:
        forms = [f"{subj} {{be}} a single connected region.", "It {be} one piece, with no separate fragments.",
                 "Count: 1 component.", f"There {{be}} just one {noun.rstrip('s')} here."]
    else:
        w = _NUM.get(n, str(n))
        forms = [f"There {{are}} {w} separate pieces.", f"{subj} {{be}} made of {w} separate regions.",
                 f"Count: {n} components.", f"I count {w} distinct, non-touching parts."]
        if past:
            forms[3] = f"We counted {w} distinct, non-touching parts."
    return _t(rng.choice(forms), past)


def convention(orient, rng):
    if orient == "LP":
        return rng.choice(["(By radiological convention the patient's left is displayed on the viewer's right on axial images.)",
                           "Remember that on axial images we look up from the feet, so image-right is the patient's left."])
    if orient == "LI":
        return rng.choice(["(On coronal images the patient faces us, so their left is on the screen's right.)",
                           "As usual for coronal views, the image's right side shows the patient's left."])
    return rng.choice(["Because this is a photograph without body axes, there is no patient left or right to report, only image halves.",
                       "Side of the patient does not apply to a photo like this; only top, bottom and centre of the frame."])


def size_rule(rng, size_class):
    if size_class == "large":
        return rng.choice(["(Here small means under 1% of the image and large means 5% or more.)",
                           "Had it covered less than 1% of the image, it would have counted as small."])
    return rng.choice(["(Here small means under 1% of the image and large means 5% or more.)",
                       "For reference, anything below 1% of the image would be small and 5% or more large.",
                       "If it had covered more than 5% of the image I would have called it large."])


# ------------------------------------------------------------------------------------------------ build

_KIND_OF = {"lat": "laterality", "vert": "position", "rel": "position", "size": "size", "pct": "size", "count": "count"}


def _false_value(kind, facts, orient, rng):
    if kind == "lat":
        t = facts["laterality"]
        alt = {"left": ["right", "midline"], "right": ["left", "midline"], "midline": ["left", "right"],
               "bilateral": ["left", "right", "midline"]}[t]
        return rng.choice(alt)
    if kind == "vert":
        vals = list(_VWORDS[orient])
        return rng.choice([v for v in vals if v != facts["vertical"]])
    if kind == "rel":
        r = rng.choice(facts["relations"])
        return (r["other"], _OPP_REL[r["relation"]])
    if kind == "size":
        return rng.choice([v for v in ("small", "medium", "large") if v != facts["size_class"]])
    if kind == "pct":
        t = 100 * facts["area_fraction"]
        return t * rng.choice([0.25, 0.3, 3.0, 3.5])
    if kind == "count":
        n = facts["components"]
        return rng.choice([2, 3]) if n == 1 else rng.choice([m for m in (1, n + 1) if m != n])


def _true_value(kind, facts, rng):
    if kind == "lat":
        return facts["laterality"]
    if kind == "vert":
        return facts["vertical"]
    if kind == "rel":
        r = rng.choice(facts["relations"])
        return (r["other"], r["relation"])
    if kind == "size":
        return facts["size_class"]
    if kind == "pct":
        return 100 * facts["area_fraction"] * rng.uniform(0.92, 1.08)
    if kind == "count":
        return facts["components"]


def _claim_sentence(kind, v, p, subj, rng, past):
    if kind == "lat":
        return side_sentence(v, subj, rng, past)
    if kind == "vert":
        return vert_sentence(v, p["orient"], subj, rng, past)
    if kind == "rel":
        return rel_sentence(v[0], v[1], subj, rng, past)
    if kind == "size":
        return size_sentence(v, subj, p["noun"], rng, past)
    if kind == "pct":
        return pct_sentence(v, rng, past)
    return count_sentence(v, subj, p["noun"], rng, past)


def _premise(kind, v, p, rng):
    """A user's uncorrected false premise."""
    n = p["noun"]
    if kind == "lat":
        w = {"left": "on the patient's left", "right": "on the patient's right", "midline": "right in the midline",
             "bilateral": "on both sides"}[v]
        return rng.choice([f"Since it's {w}, what symptoms would you expect?",
                           f"Given that it sits {w}, does that change the surgical approach?"])
    if kind == "vert":
        w = rng.choice(_VWORDS[p["orient"]][v])
        return rng.choice([f"As it lies {w}, is it easy to reach?", f"OK, so it's {w} - what does that mean in practice?"])
    if kind == "rel":
        w = rng.choice(_RELW[v[1]]).format(o=v[0])
        return rng.choice([f"Because it's {w}, could it press on nearby structures?", f"Given it sits {w}, what else should I look at?"])
    if kind == "size":
        w = {"small": "small", "medium": "medium-sized", "large": "large"}[v]
        return rng.choice([f"Since this is a {w} {n.rstrip('s')}, how should it be followed up?", f"It's {w}, so what would you do next?"])
    if kind == "pct":
        return rng.choice([f"With it covering about {pct_text(v)}% of the image, is follow-up needed?",
                           f"So it takes up roughly {pct_text(v)}% of the slice - does that matter clinically?"])
    w = _NUM.get(v, str(v))
    return rng.choice([f"With {w} separate pieces, is this one process or several?",
                       f"Given there are {w} distinct parts, should each be reported?" if v > 1 else
                       "Given it's just a single piece, should it be reported as one finding?"])


_PREMISE_REPLY = [
    "Clinically the management depends more on symptoms and the full series than on this one slice; I would correlate with the history and the other sequences.",
    "That is a reasonable question. The decision usually rests on the clinical picture and comparison with any prior imaging, so I would discuss it at the multidisciplinary meeting.",
    "In practice I would correlate with the examination and review the neighbouring images before deciding; a single slice rarely settles it.",
]

_FOLLOW_Q = {
    "lat": ["Which side is it on?", "Is it on the patient's left or right?", "What about laterality?"],
    "vert": ["Where does it sit within the section?", "Is it toward the front or back / top or bottom?", "What's its position?"],
    "rel": ["How does it relate to the neighbouring structures?", "What is it next to?", "Where is it relative to the landmarks?"],
    "size": ["How big is it?", "Would you call it small or large?", "What about its size?"],
    "pct": ["What share of the image does it cover?", "How much of the slice is it, in percent?"],
    "count": ["Is it one piece or several?", "How many separate parts are there?", "Any separate fragments?"],
}


def build(p, facts, style, rng, defect):
    orient = p["orient"]
    photo = orient is None
    past = style == "narrative"
    name = rng.choice(p["names"])
    claims = []  # (kind, value, sentence, role)
    kinds = ["vert", "size", "pct", "count"] + ([] if photo else ["lat"]) + (["rel"] if facts["relations"] else [])
    dkind = None
    if defect in ("laterality", "position", "size", "count"):
        dkind = {"laterality": "lat", "position": rng.choice(["vert", "rel"] if facts["relations"] else ["vert"]),
                 "size": rng.choice(["size", "pct"]), "count": "count"}[defect]
    r = rng.random()
    where = None if dkind is None else ("user" if r < 0.2 else "follow" if r < 0.42 else "first")

    # first user question
    q = rng.choice(p["naming"] if defect == "names_target" else p["questions"])
    if defect == "names_target" and rng.random() < 0.5:
        lead = rng.choice(p["questions"])
        lead = lead.split("?")[0] + "?" if "?" in lead else lead.split(". ")[0] + "."
        q = lead + " " + q

    # which facts go in the first answer
    first_kinds = [k for k in kinds if rng.random() < 0.7 or k in ("size", "vert")]
    if where == "user":
        first_kinds = [k for k in first_kinds if _KIND_OF[k] != defect]
    if where == "follow" and dkind in first_kinds:
        first_kinds.remove(dkind)
    if where == "first" and dkind not in first_kinds:
        first_kinds.append(dkind)
    rng.shuffle(first_kinds)

    subjects = ["It", "The mask", "The segmented region", f"The {name}", f"{'These' if p['noun'].endswith('s') else 'This'} {p['noun']}"]

    def claim(kind, role, false=False):
        v = _false_value(kind, facts, orient, rng) if false else _true_value(kind, facts, rng)
        s = _claim_sentence(kind, v, p, rng.choice(subjects), rng, past)
        claims.append({"kind": kind, "value": list(v) if isinstance(v, tuple) else v, "text": s, "role": role})
        return s

    # first-answer claim sentences
    fs = []
    for k in first_kinds:
        fs.append((k, claim(k, "assistant", false=(where == "first" and k == dkind))))
    extras = []
    if not photo and facts["laterality"] in ("left", "right", "midline") and dkind != "lat" and rng.random() < 0.5:
        s, negs = notside_sentence(facts["laterality"], rng, past)
        claims.append({"kind": "notlat", "value": negs, "text": s, "role": "assistant"})
        extras.append(s)
    know = rng.sample(p["know"], 2)
    conv = convention(orient, rng)
    rule = size_rule(rng, facts["size_class"]) if rng.random() < 0.5 and defect != "size" else ""
    intro_forms = {
        "steplist": f"Here is how I worked through it.\n1. Identify the target: this is the {name} [SEG].",
        "faq": f"Q: What is the structure?\nA: The {name} [SEG].",
        "narrative": f"The patient's scan was reviewed this morning. On this image we found and segmented the {name} [SEG].",
        "probabilities": f"Most likely finding (about {rng.choice([85, 90, 95])}% confidence): the {name} [SEG].",
    }
    if photo and style == "narrative":
        intro_forms["narrative"] = f"The patient's photograph was reviewed at the clinic. On it we found and segmented the {name} [SEG]."
    intro = intro_forms[style]
    body_sents = [s for _, s in fs]
    if style == "steplist":
        lines = [intro]
        n = 2
        for s in body_sents:
            lines.append(f"{n}. {s}")
            n += 1
        lines.append(f"{n}. Context: {know[0]} {conv}")
        if extras:
            lines.append(f"{n + 1}. Check: {' '.join(extras)}")
        concl = rng.choice(["Conclusion: findings as above; correlate clinically.",
                            f"Conclusion: the {name} is segmented and described above.",
                            "Conclusion: nothing else of note on this slice."])
        lines.append(concl + (" " + rule if rule else ""))
        first = "\n".join(lines)
    elif style == "faq":
        qa = {"lat": "Q: Which side?", "vert": "Q: Where in the image?", "rel": "Q: Neighbours?", "size": "Q: How big?",
              "pct": "Q: What area?", "count": "Q: How many pieces?"}
        lines = [intro]
        for k, s in fs:
            lines.append(f"{qa[k]}\nA: {s}")
        if extras:
            lines.append("Q: Could it be on the other side?\nA: " + " ".join(extras))
        lines.append(f"Q: Anything else worth knowing?\nA: {know[0]} {conv}" + (" " + rule if rule else ""))
        first = "\n".join(lines)
    elif style == "narrative":
        opener = rng.choice(["The patient had presented with symptoms that prompted imaging.",
                             "The referral had come from the clinic the week before.",
                             "The images had been acquired without difficulty."])
        first = " ".join([opener, intro] + body_sents + extras + [conv, f"As we noted at the time, {know[0][0].lower() + know[0][1:]}"]
                         + ([rule] if rule else []))
    else:
        likes = ["very likely", "probably", "almost certainly", "likely (around 80%)", "high confidence"]
        lines = [intro]
        for k, s in fs:
            lines.append(f"- {s} ({rng.choice(likes)})")
        if extras:
            lines.append(f"- {' '.join(extras)} ({rng.choice(likes)})")
        lines.append(f"- Differential: other diagnoses are less likely (under {rng.choice([10, 15, 5])}%).")
        lines.append(f"Background: {know[0]} {conv}" + (" " + rule if rule else ""))
        first = "\n".join(lines)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": first}]

    # follow-up rounds
    n_rounds = rng.choice([1, 2])
    done_defect = where in (None, "first")
    remaining = [k for k in kinds if k not in first_kinds]
    for rd in range(n_rounds):
        last = rd == n_rounds - 1
        if not done_defect and (last or rng.random() < 0.5):
            if where == "user":
                fv = _false_value(dkind, facts, orient, rng)
                uq = _premise(dkind, fv, p, rng)
                claims.append({"kind": dkind, "value": list(fv) if isinstance(fv, tuple) else fv, "text": uq, "role": "user"})
                a = rng.choice(_PREMISE_REPLY) + " " + know[1]
            else:
                uq = rng.choice(_FOLLOW_Q[dkind])
                a = claim(dkind, "assistant", false=True)
                a = rng.choice(["", "Sure. ", "Good question. "]) + a + " " + (know[1] if rng.random() < 0.5 else "")
            done_defect = True
            turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": a.strip()}]
            continue
        # ordinary follow-up or a corrected false idea (clean sentences only)
        opts = [k for k in (remaining or kinds) if _KIND_OF[k] != defect]
        if not opts:
            opts = ["vert"] if defect != "position" else ["count"]
        k = rng.choice(opts)
        if rng.random() < 0.3 and k in ("lat", "size", "count", "vert"):
            wrong = _false_value(k, facts, orient, rng)
            if k == "lat":
                uq = f"I thought it was {'on both sides' if wrong == 'bilateral' else 'in the midline' if wrong == 'midline' else 'on the ' + wrong}?"
            elif k == "size":
                uq = f"Isn't it rather {wrong}?"
            elif k == "count":
                uq = "Isn't it just one piece?" if wrong == 1 else f"Aren't there {_NUM.get(wrong, wrong)} separate bits?"
            else:
                uq = f"Isn't it {rng.choice(_VWORDS[orient][wrong])}, though?"
            a = rng.choice(["No. ", "Not quite. ", "Actually no. "]) + claim(k, "assistant")
        else:
            uq = rng.choice(_FOLLOW_Q[k]) if rng.random() < 0.8 else "Can you summarise the key points?"
            s1 = claim(k, "assistant")
            a = s1
            if uq.startswith("Can you summarise"):
                k2 = rng.choice([x for x in kinds if _KIND_OF[x] != defect and x != k] or [k])
                a = f"In summary, the {name} is segmented. " + s1 + " " + claim(k2, "assistant")
            if rng.random() < 0.5:
                a += " " + know[1]
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": a}]
    LEDGER.append({"claims": claims, "terms": p["terms"], "name": name, "where": where, "dkind": dkind})
    return turns, ([] if defect is None else [defect])
