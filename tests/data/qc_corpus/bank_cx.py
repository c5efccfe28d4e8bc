"""Bank CX: blind QC evaluation bank (written without reading QC).

Targets: brain MR (axial "LP" and coronal "LI"): lateral ventricles (bilateral), left/right hippocampus,
thalamus (one side), brain tumour, brain metastases (several pieces, one side or both), white matter
lesions (several, bilateral), pituitary gland (midline); hips and knees on axial CT/MR ("LP"): left/right
femoral head, both femoral heads, patella, a bone lesion; 2D photos (orientation None): colon polyp,
skin lesion, optic disc (no laterality or relation claims on photos).

Registers (STYLES): "educator" (clinician-educator: differentials, true negations, the radiological
convention, neighbouring anatomy), "report_plain" (short structured report, then a plain-language
summary), "student" (a student proposes ideas; wrong ones are explicitly corrected by the teacher in
clean rows), "bullets" (terse bullet answers with L/R, ant./post., approx.).

Written without reading QC. Every piece of text is logged in LEDGER with the claims it makes, so the
writer's own reader (/work/notes/qccx_scripts/check_cx.py) can verify that clean rows hold no false
claim and defect rows exactly one of their kind. Own check (seed 20261229): rows: 420 clean: 210,
42 per defect kind; planted side/position/size/count claims: 95 in the first answer, 41 in a follow-up
answer, 32 in a user turn; 79 student ideas corrected; 141 rows with bilateral, midline or
multi-piece masks (12 of 33 profiles); problems: 0.
"""

import random

import numpy as np

STYLES = ["educator", "report_plain", "student", "bullets"]
LEDGER = []  # one entry per build() call: {"turns": [(joiner, [(text, claims)])], "defect": kind}

N = 256

# ------------------------------------------------------------------------------------------ profiles
# ellipses are (cx, cy, rx, ry) in pixels on a 256 x 256 grid; others are normalised (x, y) centroids


def _P(target, key, orient, modality, region, ells, others, name, plural=False, paired=False):
    return {"target": target, "key": key, "orient": orient, "modality": modality, "region": region,
            "ells": ells, "others": others, "name": name, "plural": plural, "paired": paired}


PROFILES = [
    _P("lateral ventricles", "vent", "LP", "MR", "brain", [(108, 118, 9, 28), (148, 118, 9, 28)],
       {"third ventricle": (0.5, 0.56), "pineal gland": (0.5, 0.66)}, "lateral ventricles", plural=True),
    _P("lateral ventricles", "vent", "LI", "MR", "brain", [(110, 100, 10, 20), (146, 100, 10, 20)],
       {"third ventricle": (0.5, 0.5), "corpus callosum": (0.5, 0.29)}, "lateral ventricles", plural=True),
    _P("left hippocampus", "hippo", "LP", "MR", "brain", [(172, 150, 8, 20)],
       {"midbrain": (0.5, 0.6), "amygdala": (0.67, 0.5)}, "hippocampus", paired=True),
    _P("right hippocampus", "hippo", "LP", "MR", "brain", [(84, 150, 8, 20)],
       {"midbrain": (0.5, 0.6), "amygdala": (0.33, 0.5)}, "hippocampus", paired=True),
    _P("left hippocampus", "hippo", "LI", "MR", "brain", [(170, 165, 10, 8)],
       {"brainstem": (0.5, 0.73), "sylvian fissure": (0.68, 0.5)}, "hippocampus", paired=True),
    _P("right hippocampus", "hippo", "LI", "MR", "brain", [(86, 165, 10, 8)],
       {"brainstem": (0.5, 0.73), "sylvian fissure": (0.32, 0.5)}, "hippocampus", paired=True),
    _P("thalamus", "thal", "LP", "MR", "brain", [(147, 128, 10, 16)],
       {"third ventricle": (0.5, 0.5), "putamen": (0.66, 0.48)}, "thalamus", paired=True),
    _P("thalamus", "thal", "LP", "MR", "brain", [(108, 128, 10, 16)],
       {"third ventricle": (0.5, 0.5), "putamen": (0.34, 0.48)}, "thalamus", paired=True),
    _P("brain tumour", "tum", "LP", "MR", "brain", [(175, 95, 26, 32)],
       {"corpus callosum": (0.5, 0.45), "lateral ventricles": (0.5, 0.47)}, "tumour"),
    _P("brain tumour", "tum", "LP", "MR", "brain", [(80, 160, 34, 40)],
       {"corpus callosum": (0.5, 0.45), "third ventricle": (0.5, 0.5)}, "tumour"),
    _P("brain tumour", "tum", "LI", "MR", "brain", [(90, 85, 28, 24)],
       {"lateral ventricles": (0.5, 0.4), "third ventricle": (0.5, 0.52)}, "tumour"),
    _P("brain metastases", "mets", "LP", "MR", "brain", [(85, 90, 6, 6), (170, 110, 7, 7), (150, 180, 5, 5)],
       {"third ventricle": (0.5, 0.5)}, "metastases", plural=True),
    _P("brain metastases", "mets", "LP", "MR", "brain",
       [(85, 90, 6, 6), (170, 110, 7, 7), (150, 180, 5, 5), (95, 170, 6, 6)],
       {"third ventricle": (0.5, 0.5)}, "metastases", plural=True),
    _P("brain metastases", "mets", "LP", "MR", "brain", [(172, 90, 6, 6), (186, 132, 5, 5), (160, 168, 7, 7)],
       {"third ventricle": (0.5, 0.5), "falx cerebri": (0.5, 0.5)}, "metastases", plural=True),
    _P("brain metastases", "mets", "LI", "MR", "brain", [(90, 70, 6, 6), (165, 95, 5, 5), (150, 175, 7, 7)],
       {"third ventricle": (0.5, 0.5)}, "metastases", plural=True),
    _P("white matter lesions", "wml", "LP", "MR", "brain",
       [(100, 100, 4, 6), (155, 105, 5, 4), (98, 140, 3, 5), (160, 145, 4, 4), (115, 80, 3, 3)],
       {"pineal gland": (0.5, 0.66)}, "white matter lesions", plural=True),
    _P("white matter lesions", "wml", "LP", "MR", "brain",
       [(102, 96, 5, 7), (158, 100, 5, 5), (96, 150, 4, 4), (165, 140, 4, 6)],
       {"pineal gland": (0.5, 0.66)}, "white matter lesions", plural=True),
    _P("pituitary gland", "pit", "LP", "MR", "brain", [(128, 100, 7, 5)],
       {"sphenoid sinus": (0.5, 0.3), "basilar artery": (0.5, 0.5), "left internal carotid artery": (0.57, 0.39),
        "right internal carotid artery": (0.43, 0.39)}, "pituitary gland"),
    _P("pituitary gland", "pit", "LI", "MR", "brain", [(128, 165, 8, 6)],
       {"optic chiasm": (0.5, 0.58), "sphenoid sinus": (0.5, 0.75), "left internal carotid artery": (0.57, 0.65),
        "right internal carotid artery": (0.43, 0.65)}, "pituitary gland"),
    _P("left femoral head", "fhead", "LP", "CT", "hip", [(182, 128, 20, 20)],
       {"bladder": (0.5, 0.35), "left femoral artery": (0.7, 0.33)}, "femoral head", paired=True),
    _P("right femoral head", "fhead", "LP", "MR", "hip", [(74, 128, 20, 20)],
       {"bladder": (0.5, 0.35), "right femoral artery": (0.3, 0.33)}, "femoral head", paired=True),
    _P("femoral heads", "fheads", "LP", "CT", "hip", [(74, 128, 20, 20), (182, 128, 20, 20)],
       {"bladder": (0.5, 0.35), "coccyx": (0.5, 0.72)}, "femoral heads", plural=True),
    _P("bone lesion", "blesion", "LP", "CT", "hip", [(190, 135, 7, 5)],
       {"bladder": (0.5, 0.35), "left femoral artery": (0.7, 0.33)}, "bone lesion"),
    _P("patella", "pat", "LP", "MR", "knee", [(70, 70, 18, 8)],
       {"right popliteal artery": (0.27, 0.55), "left patella": (0.73, 0.27)}, "patella", paired=True),
    _P("patella", "pat", "LP", "CT", "knee", [(186, 70, 18, 8)],
       {"left popliteal artery": (0.73, 0.55), "right patella": (0.27, 0.27)}, "patella", paired=True),
    _P("bone lesion", "blesion", "LP", "MR", "knee", [(80, 120, 9, 9)],
       {"right popliteal artery": (0.3, 0.55)}, "bone lesion"),
    _P("polyp", "polyp", None, "endoscopy", "colon", [(120, 150, 38, 32)], {}, "polyp"),
    _P("polyp", "polyp", None, "endoscopy", "colon", [(140, 90, 22, 20)], {}, "polyp"),
    _P("skin lesion", "skin", None, "dermoscopy", "skin", [(128, 128, 45, 38)], {}, "skin lesion"),
    _P("skin lesion", "skin", None, "dermoscopy", "skin", [(120, 100, 25, 20)], {}, "skin lesion"),
    _P("skin lesion", "skin", None, "dermoscopy", "skin", [(124, 124, 40, 34), (182, 178, 6, 6)], {}, "skin lesion"),
    _P("optic disc", "disc", None, "other", "eye", [(170, 120, 16, 17)], {}, "optic disc"),
    _P("optic disc", "disc", None, "other", "eye", [(90, 150, 12, 13)], {}, "optic disc"),
]


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    for (cx, cy, rx, ry) in p["ells"]:
        cx, cy = cx + rng.uniform(-2, 2), cy + rng.uniform(-2, 2)
        rx, ry = rx * rng.uniform(0.95, 1.05), ry * rng.uniform(0.95, 1.05)
        mask |= ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    others = {k: tuple(v) for k, v in p["others"].items()}
    return compute_facts(mask, p["orient"], others).model_dump(mode="json")


def record_for(p):
    return {"modality": p["modality"], "body_region": p["region"], "orientation": p["orient"]}


def pick_profile(profiles, i, defect, rng):
    pool = profiles
    if defect == "laterality":
        pool = [p for p in profiles if p["orient"]]
    elif defect == "position" and rng.random() < 0.5:
        pool = [p for p in profiles if p["orient"]]  # relation flips need relations
    return rng.choice(pool)


# ------------------------------------------------------------------------------------------ knowledge
K = {
    "vent": [
        "The choroid plexus makes roughly 500 mL of CSF a day, most of it in the lateral ventricles.",
        "The third ventricle sits in the midline between the two thalami and drains through the cerebral aqueduct.",
        "Slight asymmetry of the two frontal horns is a normal variant in perhaps 5-10% of people.",
        "The septum pellucidum separates the two frontal horns in the midline.",
    ],
    "hippo": [
        "The hippocampus sits in the medial temporal lobe, just behind the amygdala and alongside the temporal horn.",
        "Hippocampal volume loss is one of the earliest imaging signs of Alzheimer disease.",
        "Mesial temporal sclerosis accounts for a large share, perhaps two thirds, of drug-resistant temporal lobe epilepsy.",
        "The temporal horn of the lateral ventricle wraps around it laterally.",
    ],
    "thal": [
        "The posterior limb of the internal capsule runs just lateral to the thalamus, between it and the lentiform nucleus.",
        "Each thalamus is a paired relay nucleus; in about 70% of people a thin massa intermedia joins the two across the third ventricle.",
        "The putamen lies further lateral, on the other side of the internal capsule.",
        "Thalamic lacunar infarcts classically cause a pure sensory stroke on the opposite side of the body.",
    ],
    "tum": [
        "Glioblastoma is the commonest primary malignant brain tumour in adults.",
        "The corpus callosum is a classic route for glioma to cross into the other hemisphere ('butterfly' pattern).",
        "Mass effect is judged by effacement of sulci, compression of the ventricles and any midline shift.",
        "A midline shift over 5 mm at the septum pellucidum is usually considered significant.",
    ],
    "mets": [
        "Brain metastases are far more common than primary brain tumours in adults.",
        "Lung cancer, breast cancer and melanoma account for most brain metastases.",
        "Deposits favour the grey-white matter junction, where the vessels narrow abruptly.",
        "About 80% of brain metastases occur in the cerebral hemispheres, 15% in the cerebellum.",
    ],
    "wml": [
        "Periventricular hyperintensities perpendicular to the ventricles (Dawson's fingers) suggest demyelination.",
        "Small white matter hyperintensities are seen in more than half of people over 60 and are often vascular.",
        "The McDonald criteria ask for dissemination in space and in time.",
        "Juxtacortical and infratentorial sites also count towards dissemination in space.",
    ],
    "pit": [
        "The optic chiasm lies just above the gland, which is why large adenomas cause bitemporal hemianopia.",
        "The cavernous sinuses, with the internal carotid arteries inside them, flank the sella on each side.",
        "A normal adult gland is usually under about 8-9 mm tall; it can be taller in pregnancy and puberty.",
        "An adenoma under 10 mm is a microadenoma; 10 mm or more is a macroadenoma.",
    ],
    "fhead": [
        "The femoral head receives most of its blood from the medial circumflex femoral artery.",
        "The ligamentum teres carries a small artery that matters mainly in children.",
        "The femoral vessels run anterior to the hip joint, medial to the femoral nerve.",
        "Subcapital fractures threaten the blood supply and can lead to avascular necrosis.",
    ],
    "fheads": [
        "The femoral heads receive most of their blood from the medial circumflex femoral arteries.",
        "Avascular necrosis is bilateral in a large proportion of patients, often quoted at 40-80%.",
        "The bladder sits anteriorly in the midline of the pelvis, in front of the rectum.",
        "On axial CT the two acetabula are compared side by side to spot subtle asymmetry.",
    ],
    "blesion": [
        "Lytic lesions are lucent; sclerotic lesions are dense; mixed lesions show both.",
        "In adults over 40, metastasis and myeloma lead the differential for a new bone lesion.",
        "An osteoid osteoma is typically a small lucent nidus with surrounding sclerosis.",
        "The popliteal artery runs behind the knee joint, close to the posterior capsule.",
    ],
    "pat": [
        "The patella is the largest sesamoid bone and sits within the quadriceps tendon.",
        "The popliteal artery runs behind the knee, far from the kneecap.",
        "Lateral patellar dislocation is far more common than medial dislocation.",
        "A bipartite patella, usually at the superolateral pole, is seen in about 1-2% of people.",
    ],
    "polyp": [
        "Most colorectal cancers arise from adenomatous polyps over about 10 years.",
        "Adenomas are found in roughly 25-30% of screening colonoscopies in people over 50.",
        "Polyps over 10 mm carry a higher risk of advanced histology.",
        "Narrow-band imaging helps separate hyperplastic from adenomatous surface patterns.",
    ],
    "skin": [
        "The ABCDE rule looks at asymmetry, border, colour, diameter and evolution.",
        "A diameter over 6 mm is one of the classic warning features.",
        "Dermoscopy improves melanoma detection compared with the naked eye.",
        "Seborrhoeic keratoses, dermatofibromas and naevi are the usual benign mimics.",
    ],
    "disc": [
        "The macula lies temporal to the disc, about two and a half disc diameters away.",
        "A cup-to-disc ratio above about 0.6, or asymmetry between eyes over 0.2, raises suspicion of glaucoma.",
        "The central retinal artery and vein enter and leave the eye through it.",
        "It has no photoreceptors, which is why it corresponds to the physiological blind spot.",
    ],
}
DDX = {
    "vent": "Differential for enlarged ventricles: obstructive hydrocephalus, communicating hydrocephalus, or ex vacuo dilatation from atrophy.",
    "hippo": "If it looked small and bright on FLAIR I would think of mesial temporal sclerosis; bilateral atrophy would point more to neurodegeneration.",
    "thal": "Thalamic signal change has a differential of lacunar infarct, deep venous thrombosis, glioma and Wernicke encephalopathy.",
    "tum": "Differential: high-grade glioma, a solitary metastasis, lymphoma, or a tumefactive demyelinating lesion; abscess if it ring-enhances with restricted diffusion.",
    "mets": "Differential for several enhancing foci: metastases, septic emboli, multifocal glioma, or demyelination.",
    "wml": "Differential: multiple sclerosis, small vessel ischaemic change, migraine-related foci, or vasculitis.",
    "pit": "Differential for a sellar mass: pituitary adenoma, craniopharyngioma, Rathke cleft cyst, or meningioma.",
    "fhead": "Differential for femoral head signal change: avascular necrosis, transient osteoporosis, a subchondral insufficiency fracture.",
    "fheads": "Differential for bilateral femoral head change: avascular necrosis (steroids, alcohol, sickle cell), osteoarthritis, or inflammatory arthritis.",
    "blesion": "Differential: metastasis, myeloma, a benign enchondroma, or a giant cell tumour if it is epiphyseal.",
    "pat": "If there were a lucent line, think of a fracture versus a bipartite patella; a dislocation would show the bone displaced laterally.",
    "polyp": "Differential: adenoma, hyperplastic polyp, sessile serrated lesion, or an early carcinoma if it is ulcerated.",
    "skin": "Differential: melanocytic naevus, melanoma, seborrhoeic keratosis, pigmented basal cell carcinoma.",
    "disc": "With swelling I'd think of papilloedema, optic neuritis or ischaemic optic neuropathy; with a deep cup, glaucoma.",
}
CONVENTION = {
    "LP": ["Axial images are displayed as if looking up from the patient's feet, so the patient's left is on the image's right.",
           "By radiological convention the image's right side shows the patient's left, and the top of an axial slice is anterior.",
           "Remember: on an axial slice the screen's left is the patient's right."],
    "LI": ["A coronal slice is viewed face to face with the patient, so the patient's left is on the image's right and the top is superior.",
           "In this coronal view the screen's left is the patient's right, and up is up."],
    None: ["Left and right carry no anatomical meaning in a photograph like this, so I won't give a side.",
           "On a photo there is no patient left or right to report; only the position in the frame means anything."],
}
Q1 = {
    "vent": ["Which fluid-filled cavities in the brain make most of the CSF? Please segment them.",
             "A patient has headaches and an obstructed aqueduct. Which CSF spaces here would enlarge first? Segment them.",
             "Which spaces does the choroid plexus sit in on this slice? Outline them for me."],
    "hippo": ["Which structure is essential for forming new memories and often the focus in temporal lobe epilepsy? Please segment it.",
              "In a patient with early memory loss, which medial temporal structure would you check for atrophy? Segment it.",
              "Which seahorse-shaped grey matter structure is visible here? Please outline it."],
    "thal": ["Which deep grey matter relay station passes sensory input up to the cortex? Please segment it.",
             "A patient has a pure sensory stroke. Which deep nucleus should I look at on this slice? Segment it."],
    "tum": ["A 58-year-old has new seizures and papilloedema. What abnormality on this MR explains it? Please segment it.",
            "What is the space-occupying abnormality in this brain scan? Outline it.",
            "This patient has progressive weakness and headaches. Please segment the abnormality responsible."],
    "mets": ["This patient with known lung cancer now has confusion. What has spread to the brain on this MR? Segment it.",
             "A woman with breast cancer has new headaches. Please segment the abnormal enhancing foci.",
             "Which abnormalities at the grey-white junction explain this melanoma patient's seizures? Outline them."],
    "wml": ["A 32-year-old had optic neuritis last year and now has numbness. What on this FLAIR supports MS? Segment it.",
            "Which bright foci on this FLAIR slice suggest small vessel disease or demyelination? Please outline them."],
    "pit": ["Which small gland in the sella turcica controls the thyroid and the adrenals? Please segment it.",
            "A patient has bitemporal hemianopia. Which gland just below the optic chiasm should I look at? Outline it."],
    "fhead": ["Which part of the hip joint loses its blood supply in avascular necrosis after a subcapital fracture? Segment it.",
              "Which rounded bone articulates with the acetabulum here? Please outline it."],
    "fheads": ["Which parts of the hip joints sit in the acetabula on this slice? Segment them.",
               "A patient on long-term steroids has groin pain on both sides. Which bones should I check for necrosis? Outline them."],
    "blesion": ["A 63-year-old has night pain in the bone. What abnormality do you see in the bone on this slice? Segment it.",
                "Is there something abnormal inside the bone here? Please segment it."],
    "pat": ["Which sesamoid bone sits within the quadriceps tendon on this knee image? Please segment it.",
            "After a fall onto the front of the knee, which bone would you check for a fracture? Segment it."],
    "polyp": ["During this colonoscopy, what protruding growth from the mucosa should be removed? Please segment it.",
              "What would the endoscopist snare in this frame? Outline it."],
    "skin": ["Which area in this dermoscopy image should be assessed with the ABCDE rule? Please outline it.",
             "This patient noticed a changing pigmented area on the back. Please segment the abnormality."],
    "disc": ["In this fundus photo, where do the retinal vessels converge and leave the eye? Please segment it.",
             "Which bright oval structure would you check for glaucomatous cupping here? Outline it."],
}
Q1_NAMED = {
    "vent": ["Please segment the lateral ventricles on this MR.", "Where are the ventricles here? Segment them."],
    "hippo": ["Can you segment the hippocampus on this brain MR?", "Please outline the hippocampal formation."],
    "thal": ["Please segment the thalamus.", "Where is the thalamus on this slice? Outline it."],
    "tum": ["Please segment the brain tumour on this MR.", "Outline the tumour for me."],
    "mets": ["Segment the brain metastases, please.", "Where are the metastases on this slice? Outline them."],
    "wml": ["Please segment the white matter lesions.", "Outline the white-matter hyperintensities on this FLAIR."],
    "pit": ["Segment the pituitary gland, please.", "Where is the pituitary here? Outline it."],
    "fhead": ["Please segment the femoral head.", "Outline the head of the femur on this slice."],
    "fheads": ["Segment both femoral heads, please.", "Outline the femoral heads."],
    "blesion": ["Please segment the bone lesion.", "Outline the lytic lesion in the bone."],
    "pat": ["Please segment the patella.", "Where is the kneecap? Outline it."],
    "polyp": ["Please segment the polyp in this colonoscopy frame.", "Outline the colonic polyp."],
    "skin": ["Please segment the skin lesion.", "Outline the pigmented lesion in this dermoscopy image."],
    "disc": ["Please segment the optic disc.", "Outline the optic nerve head in this fundus photo."],
}
WRONG_IDEA_INTRO = ["I think", "My guess is", "I'd have said", "Isn't it true that", "I assumed"]
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}

# ------------------------------------------------------------------------------------------ fragments
HALF = {"brain": ("hemisphere", "hemispheres"), "hip": ("hip", "hips"), "knee": ("knee", "knees")}
OPP = {"left": "right", "right": "left"}
OPP_REL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}


def fmt_pct(x, rng):
    """A percent string within about 10% of x (x in percent)."""
    opts = [f"{x:.2f}%" if x < 1 else f"{x:.1f}%"]
    if x >= 1 and abs(round(x) - x) / x < 0.1:
        opts += [f"{round(x)}%", f"{round(x)} percent"]
    if x < 1 and abs(round(x, 1) - x) / x < 0.1:
        opts.append(f"{round(x, 1):.1f}%")
    return rng.choice(opts)


def frag(c, p, rng, terse=False):
    """Phrase fragment stating claim c, usable after 'is/are'."""
    k = c[0]
    o = p["orient"]
    if k == "side":
        v = c[1]
        half, halves = HALF.get(p["region"], ("side", "sides"))
        if terse:
            return {"left": "L (pt's left)", "right": "R (pt's right)", "midline": "midline",
                    "bilateral": "bilat. (L + R)"}[v]
        if v in ("left", "right"):
            return rng.choice([f"on the patient's {v}", f"on the {v} side", f"in the {v} {half}",
                               f"on the patient's {v} (the image's {OPP[v]})"])
        if v == "midline":
            return rng.choice(["in the midline", "right on the midline", "centred on the midline"])
        return rng.choice(["bilateral", "on both sides", f"present in both {halves}", "on the left and the right"])
    if k == "vert":
        v = c[1]
        if terse:
            return {"anterior": "ant.", "posterior": "post.", "superior": "sup.", "inferior": "inf.",
                    "upper": "upper half of frame", "lower": "lower half of frame",
                    "central": "central (AP)" if o == "LP" else "central (vertical)"}[v]
        table = {
            "anterior": ["anterior", "in the front part of the slice", "toward the front", "in the anterior half"],
            "posterior": ["posterior", "toward the back", "in the posterior half", "in the back part of the slice"],
            "superior": ["superior", "high in the slice", "in the upper part of the slice", "superiorly placed"],
            "inferior": ["inferior", "low in the slice", "in the lower part of the slice", "inferiorly placed"],
            "upper": ["in the upper half of the frame", "toward the top of the picture", "in the upper part of the image"],
            "lower": ["in the lower half of the frame", "toward the bottom of the picture", "in the lower part of the image"],
        }
        if v == "central":
            opts = {"LP": ["midway between front and back", "central in the front-to-back direction",
                           "roughly in the middle front-to-back"],
                    "LI": ["about halfway up the slice", "central top-to-bottom", "neither high nor low in the slice"],
                    None: ["near the vertical middle of the frame", "about halfway down the picture"]}[o]
            return rng.choice(opts)
        return rng.choice(table[v])
    if k == "rel":
        other, r = c[1], c[2]
        if terse:
            return {"left_of": "L of", "right_of": "R of", "anterior_to": "ant. to", "posterior_to": "post. to",
                    "superior_to": "sup. to", "inferior_to": "inf. to"}[r] + f" {other}"
        table = {"left_of": [f"to the patient's left of the {other}", f"left of the {other} (patient's left)"],
                 "right_of": [f"to the patient's right of the {other}", f"right of the {other} (patient's right)"],
                 "anterior_to": [f"in front of the {other}", f"anterior to the {other}"],
                 "posterior_to": [f"behind the {other}", f"posterior to the {other}"],
                 "superior_to": [f"above the {other}", f"superior to the {other}"],
                 "inferior_to": [f"below the {other}", f"inferior to the {other}"]}
        return rng.choice(table[r])
    if k == "cls":
        v = c[1]
        if terse:
            return {"small": "small", "medium": "med.", "large": "large"}[v]
        return rng.choice({"small": ["small", "fairly small", "on the small side"],
                           "medium": ["medium-sized", "moderate in size", "mid-sized"],
                           "large": ["large", "big", "quite large"]}[v])
    if k == "pct":
        s = fmt_pct(c[1], rng)
        if terse:
            return f"approx. {s}"
        where = "frame" if o is None else rng.choice(["image", "slice", "field of view"])
        return rng.choice([f"about {s} of the {where}", f"roughly {s} of the {where} area", f"around {s} of the {where}"])
    if k == "count":
        n = c[1]
        if terse:
            return "1 (single piece)" if n == 1 else f"{n} separate"
        if n == 1:
            return rng.choice(["a single connected region", "one continuous piece", "in one piece"])
        w = rng.choice([NUM.get(n, str(n)), str(n)])
        return rng.choice([f"made up of {w} separate regions", f"in {w} distinct pieces", f"split into {w} separate parts"])
    raise ValueError(c)


LABEL = {"side": "Side", "vert": "Position", "rel": "Relation", "cls": "Size", "pct": "Area", "count": "Components"}


class Ctx:
    def __init__(self, p, facts, style, rng, defect):
        self.p, self.f, self.style, self.rng, self.defect = p, facts, style, rng, defect
        self.pl = p["plural"] or facts["components"] > 1 and p["key"] in ("mets", "wml")
        self.known = rng.sample(K[p["key"]], len(K[p["key"]]))

    def know(self):
        """A knowledge sentence not yet used in this row (they repeat only after all were used)."""
        if not self.known:
            self.known = self.rng.sample(K[self.p["key"]], len(K[self.p["key"]]))
        return self.known.pop()

    def subj(self, cap=True):
        p, rng = self.p, self.rng
        opts = ([("They", True), ("These", True)] if self.pl else [("It", False)]) + [
            ("The mask", False), ("The segmented region", False), (f"The {p['name']}", self.pl)]
        if p["key"] in ("fhead", "pat", "hippo", "thal", "pit", "disc"):
            opts.append(("This structure", False))
        s, plural = rng.choice(opts)
        return (s if cap else (s if s == "The" else s[0].lower() + s[1:])), ("are" if plural else "is")

    def sent(self, c, extras=True):
        """A sentence stating claim c; returns (text, [claims]). extras=False: no added negation or
        convention clause (used for the planted false claim, so it stays one claim)."""
        rng, p = self.rng, self.p
        if self.style == "bullets":
            return f"- {LABEL[c[0]]}: {frag(c, p, rng, terse=True)}", [c]
        S, be = self.subj()
        s = S[0].lower() + S[1:]
        f = frag(c, p, rng)
        if extras and c[0] == "side" and c[1] in ("left", "right") and rng.random() < 0.35:
            img = OPP[c[1]]
            return rng.choice([
                f"{S} {be} on the image's {img} side, which by radiological convention is the patient's {c[1]}.",
                f"On screen {s} {be} on the {img}, i.e. the patient's {c[1]}.",
                f"Because of the radiological convention, {s} {be} displayed on the {img} but {be} actually on the patient's {c[1]}.",
            ]), [c]
        if extras and c[0] == "side" and c[1] in ("left", "right") and rng.random() < 0.3:
            return f"{S} {be} {f}, not the {OPP[c[1]]}.", [c, ("notside", OPP[c[1]])]
        if extras and c[0] == "side" and c[1] == "midline" and rng.random() < 0.4:
            return f"{S} {be} {f}, not off to the left or the right.", [c, ("notside", "left"), ("notside", "right")]
        if extras and c[0] == "side" and c[1] == "bilateral" and rng.random() < 0.4:
            return f"{S} {be} {f}; this is not a one-sided finding.", [c]
        if extras and c[0] == "count" and c[1] == 1 and rng.random() < 0.3:
            return f"{S} {be} {f}; there are no separate fragments.", [c]
        hedge = rng.choice(["", "", "clearly ", "essentially ", "probably ", "mostly "])
        if c[0] in ("cls", "pct", "count") or f.startswith(("roughly", "about", "around", "near", "neither",
                                                           "midway", "central", "close")):
            hedge = ""
        return rng.choice([f"{S} {be} {hedge}{f}.", f"On this image {s} {be} {hedge}{f}.",
                           f"Looking at the {'segmentation' if 'mask' in s else 'mask'}, {s} {be} {hedge}{f}.",
                           f"As far as I can tell, {s} {be} {f}.", f"From the segmentation, {s} {be} {hedge}{f}.",
                           f"I'd say {s} {be} {f}.", f"In this slice {s} {be} {hedge}{f}."]), [c]

    def pair(self, c1, c2):
        """One sentence with two claims."""
        rng, p = self.rng, self.p
        if self.style == "bullets":
            return f"- {LABEL[c1[0]]}: {frag(c1, p, rng, True)}; {LABEL[c2[0]].lower()}: {frag(c2, p, rng, True)}", [c1, c2]
        S, be = self.subj()
        return f"{S} {be} {frag(c1, p, rng)} and {frag(c2, p, rng)}.", [c1, c2]


# ------------------------------------------------------------------------------------------ build
def _true_claims(ctx):
    f, p = ctx.f, ctx.p
    out = {"vert": ("vert", f["vertical"]), "cls": ("cls", f["size_class"]),
           "pct": ("pct", round(100 * f["area_fraction"], 3)), "count": ("count", f["components"])}
    if p["orient"]:
        out["side"] = ("side", f["laterality"])
    rels = [(r["other"], r["relation"]) for r in f["relations"]]
    if rels:
        ctx.rng.shuffle(rels)
        out["rel"] = ("rel",) + rels[0]
        if len(rels) > 1:
            out["rel2"] = ("rel",) + rels[1]
    return out


def _false_claim(kind, ctx, truths):
    rng, f, p = ctx.rng, ctx.f, ctx.p
    if kind == "laterality":
        lat = f["laterality"]
        if lat in ("left", "right"):
            v = OPP[lat] if rng.random() < 0.7 else rng.choice(["midline", "bilateral"])
        elif lat == "bilateral":
            v = rng.choice(["left", "right"])
        else:
            v = rng.choice(["left", "right"])
        return "side", ("side", v)
    if kind == "position":
        if "rel" in truths and (rng.random() < 0.5 or p["orient"] is None and False):
            c = truths["rel"]
            return "rel", ("rel", c[1], OPP_REL[c[2]])
        vals = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
                None: ["upper", "lower", "central"]}[p["orient"]]
        return "vert", ("vert", rng.choice([v for v in vals if v != f["vertical"]]))
    if kind == "size":
        if rng.random() < 0.5:
            return "cls", ("cls", rng.choice([v for v in ("small", "medium", "large") if v != f["size_class"]]))
        x = 100 * f["area_fraction"]
        return "pct", ("pct", round(x * rng.choice([0.2, 0.25, 0.3, 3.0, 3.5, 4.0]), 3))
    if kind == "count":
        n = f["components"]
        return "count", ("count", n + 1 if n == 1 or rng.random() < 0.5 else n - 1)
    raise ValueError(kind)


def build(p, facts, style, rng, defect):
    ctx = Ctx(p, facts, style, rng, defect)
    key = p["key"]
    truths = _true_claims(ctx)
    dslot, dclaim = (None, None)
    if defect and defect != "names_target":
        dslot, dclaim = _false_claim(defect, ctx, truths)
    ctx.dslot = dslot
    loc = None
    if dslot:
        loc = rng.choices(["a1", "follow", "user"], [0.58, 0.23, 0.19])[0]
    # which slots exist and are allowed (the defect's slot is said once, falsely)
    slots = [s for s in ("side", "vert", "rel", "cls", "pct", "count") if s in truths]
    if dslot in ("cls", "pct"):
        slots = [s for s in slots if s not in ("cls", "pct")]
    elif dslot == "rel":
        slots = [s for s in slots if s != "rel"]
    elif dslot:
        slots = [s for s in slots if s != dslot]
    rng.shuffle(slots)
    rounds = rng.choice([2, 3, 3])
    turns = []  # (role, joiner, pieces)
    nl = "\n" if style in ("bullets", "report_plain") else " "

    # ---- round 1: question
    if defect == "names_target":
        q1 = rng.choice(Q1_NAMED[key])
    else:
        q1 = rng.choice(Q1[key])
    pre = {"educator": ["", "", "Teaching case. "], "report_plain": ["", "Please report: "],
           "student": ["Sorry if this is basic. ", "Quick question from a med student: ", ""],
           "bullets": ["", "Briefly: "]}[style]
    turns.append(["user", " ", [(rng.choice(pre) + q1, [])]])

    # ---- round 1: answer
    a1 = []
    nm = p["name"]
    n_a1 = rng.choice([2, 3]) if style != "bullets" else rng.choice([3, 4])
    a1_slots, rest = slots[:n_a1], slots[n_a1:]
    if dclaim is not None and loc == "a1":
        a1_slots = a1_slots[:-1] + [dslot] if len(a1_slots) > 1 else a1_slots + [dslot]
        rest = [s for s in slots if s not in a1_slots]
    side_in_name = (p["paired"] and "side" in a1_slots and p["orient"] and rng.random() < 0.6)

    def claim_for(s):
        if s == dslot:
            return dclaim
        if s == "rel2":
            return truths["rel2"]
        return truths[s]

    if side_in_name:
        sc = claim_for("side")
        namephrase = f"the {sc[1]} {nm}" if sc[1] in ("left", "right") else f"the {nm}"
        name_claims = [sc] if sc[1] in ("left", "right") else []
        if not name_claims:
            side_in_name = False
    else:
        namephrase, name_claims = f"the {nm}", []
    Nm = namephrase[0].upper() + namephrase[1:]
    verb = "are" if p["plural"] else "is"
    if style == "educator":
        opener = rng.choice([f"{'These are' if p['plural'] else 'This is'} {namephrase} [SEG].",
                             f"What you're after {verb} {namephrase}, outlined here [SEG].",
                             f"{Nm} {verb} the answer [SEG]."])
    elif style == "report_plain":
        opener = rng.choice([f"FINDINGS: {Nm} {verb} segmented [SEG].", f"FINDINGS:\n- {Nm} identified and segmented [SEG]."])
    elif style == "student":
        opener = rng.choice([f"Good question. {'Those are' if p['plural'] else 'That is'} {namephrase} [SEG].",
                             f"You're looking for {namephrase} [SEG].",
                             f"{'They are' if p['plural'] else 'It is'} {namephrase}, and I've outlined {'them' if p['plural'] else 'it'} for you [SEG]."])
    else:
        opener = rng.choice([f"- Structure: {namephrase} [SEG]", f"- Target: {namephrase} [SEG]"])
    a1.append((opener, name_claims))
    used_name_side = side_in_name
    for s in a1_slots:
        if s == "side" and used_name_side:
            continue
        a1.append(ctx.sent(claim_for(s), extras=s != dslot))
    # knowledge / convention / negation flavour
    if style == "educator":
        neg = []
        lat = truths.get("side", (None, None))[1]
        if lat in ("left", "right") and dslot != "side":
            neg.append((rng.choice(["It does not cross the midline.", "Nothing of it reaches across to the other side.",
                                    f"There is no corresponding part on the patient's {OPP[lat]}."]),
                        [("notside", "bilateral"), ("notside", "midline")]))
        if lat == "midline" and dslot != "side":
            neg.append(("It is not a one-sided finding.", [("notside", "left"), ("notside", "right")]))
        n = facts["components"]
        if dslot != "count" and "count" not in a1_slots:
            if n == 1:
                neg.append((rng.choice(["There are no satellite pieces.", "I see no second separate component."]),
                            [("count", 1)]))
            else:
                neg.append((rng.choice(["This is not a single connected region.", "It is not one piece."]),
                            [("notcount", 1)]))
        if neg and rng.random() < 0.6:
            a1.append(rng.choice(neg))
        if p["orient"] or rng.random() < 0.5:
            a1.append((rng.choice(CONVENTION[p["orient"]]), []))
        a1.append((DDX[key], []))
        a1.append((ctx.know(), []))
    elif style == "report_plain":
        a1.append(("IMPRESSION: " + rng.choice(["no other abnormality is commented on for this slice.",
                                                "segmentation as above; correlate clinically.",
                                                "findings as described."]), []))
        plain = _plain_summary(ctx, a1_slots, claim_for, used_name_side)
        a1.append(("In plain language: " + plain[0], plain[1]))
    elif style == "student":
        a1.append((ctx.know(), []))
        if rng.random() < 0.5:
            a1.append((rng.choice(CONVENTION[p["orient"]]), []))
    else:
        a1.append(("- Note: " + ctx.know(), []))
    turns.append(["assistant", nl if style in ("bullets",) else (nl if style == "report_plain" else " "), a1])

    # ---- follow-up rounds
    pending = [s for s in rest]
    if dclaim is not None and loc in ("follow", "user") and dslot not in pending:
        pending = [s for s in pending if s != dslot]
    if "rel2" in truths and dslot != "rel":
        pending.append("rel2")
    # a user premise needs another slot to ask about
    did_defect = loc == "a1" or dclaim is None
    did_correction = False
    for r in range(rounds - 1):
        last = r == rounds - 2
        if not did_defect and (last or rng.random() < 0.5):
            if loc == "follow":
                q, a = _followup(ctx, [dslot], claim_for, pending, rng)
            else:
                q, a = _premise_round(ctx, dclaim, pending, claim_for)
            did_defect = True
        elif style == "student" and not did_correction and dclaim is None or (
                style == "student" and not did_correction and rng.random() < 0.5):
            q, a = _correction_round(ctx, truths, pending, claim_for, dslot)
            did_correction = True
        else:
            ask = pending[:rng.choice([1, 2])] if pending else []
            pending = pending[len(ask):]
            q, a = _followup(ctx, ask, claim_for, [], rng)
        turns.append(["user", " ", q])
        turns.append(["assistant", nl if style == "bullets" else " ", a])
    out = [{"role": role, "content": j.join(t for t, _ in pieces)} for role, j, pieces in turns]
    LEDGER.append({"turns": [(j, pieces) for _, j, pieces in turns], "defect": defect,
                   "target": p["target"], "key": key})
    return out, ([] if defect is None else [defect])


def _plain_summary(ctx, a1_slots, claim_for, used_name_side):
    """A lay sentence; it restates one of the first answer's true claims when there is one to restate."""
    rng, p = ctx.rng, ctx.p
    lay = {"hippo": "a memory centre deep in the brain", "vent": "the fluid spaces inside the brain",
           "thal": "a relay centre deep in the brain", "tum": "an abnormal growth in the brain",
           "mets": "places where a cancer has spread to the brain", "wml": "small scar-like spots in the brain's wiring",
           "pit": "a small hormone gland under the brain", "fhead": "the ball of the hip joint",
           "fheads": "the balls of both hip joints", "blesion": "an abnormal spot in the bone",
           "pat": "the kneecap", "polyp": "a small growth on the bowel lining", "skin": "a spot on the skin",
           "disc": "the place where the eye's nerve and blood vessels leave the eye"}[p["key"]]
    txt = (f"the highlighted areas are {lay}" if p["key"] in ("mets", "wml") else f"the highlighted area is {lay}")
    cands = [s for s in a1_slots if s in ("side", "vert", "cls", "count") and s != ctx.dslot]
    if not cands or rng.random() < 0.25:
        return txt + ".", []
    s = rng.choice(cands)
    c = claim_for(s)
    v = c[1]
    o = p["orient"]
    if s == "side":
        t = {"left": "it is on your left side", "right": "it is on your right side",
             "midline": "it sits in the middle, not to one side", "bilateral": "it shows up on both sides"}[v]
    elif s == "vert":
        t = {"anterior": "it is towards the front", "posterior": "it is towards the back",
             "superior": "it is higher up on this picture", "inferior": "it is lower down on this picture",
             "upper": "it is in the upper part of the picture", "lower": "it is in the lower part of the picture",
             "central": "it is about halfway between front and back" if o == "LP" else
             "it is about halfway down the picture"}[v]
    elif s == "cls":
        t = {"small": "it is small", "medium": "it is of medium size", "large": "it is large"}[v]
    else:
        t = "it is one single area" if v == 1 else f"there are {NUM.get(v, str(v))} separate spots"
    return txt + ", and " + t + ".", [c]


def _ask_text(ctx, s):
    rng, p, st = ctx.rng, ctx.p, ctx.style
    o = p["orient"]
    if s == "side":
        opts = ["Which side is it on?", "Is that the patient's left or right?", "What about laterality?"]
    elif s == "vert":
        opts = {"LP": ["Where does it sit front to back?", "Is it anterior or posterior?"],
                "LI": ["Is it high or low in the slice?", "Where is it top to bottom?"],
                None: ["Where is it in the frame?", "Is it in the upper or lower part of the picture?"]}[o]
    elif s in ("rel", "rel2"):
        opts = ["How does it relate to its neighbours?", "Where is it relative to the nearby structures?"]
    elif s in ("cls", "pct"):
        opts = ["How big is it?", "What about its size?", "How much of the image does it take up?"]
    elif s == "count":
        opts = ["Is it one piece or several?", "How many separate parts are there?"]
    else:
        opts = ["Anything else?"]
    if st == "bullets":
        return rng.choice({"side": ["Side?"], "vert": ["Position?"], "rel": ["Neighbours?"], "rel2": ["Neighbours?"],
                           "cls": ["Size?"], "pct": ["Size?"], "count": ["How many pieces?"]}.get(s, opts))
    return rng.choice(opts)


def _followup(ctx, ask, claim_for, extra, rng):
    st = ctx.style
    if not ask:
        q = rng.choice(["Can you give me a one-line summary?", "Thanks. Anything else worth knowing?",
                        "What would you look at next?"])
        if st == "bullets":
            q = "Summary?"
        a = [(ctx.know() if st != "bullets" else "- " + ctx.know(), [])]
        if st == "educator":
            a.append((rng.choice(["I'd also make sure nothing on the other side has been missed, since a normal-looking opposite side is a useful internal control.",
                                  "It's worth comparing with prior imaging if there is any."]), []))
        return [(q, [])], a
    q = _ask_text(ctx, ask[0])
    if len(ask) > 1 and {ask[0], ask[1]} <= {"cls", "pct"}:
        pass
    elif len(ask) > 1 and {ask[0], ask[1]} <= {"rel", "rel2"}:
        pass
    elif len(ask) > 1:
        q2 = _ask_text(ctx, ask[1])
        q += " And " + q2[0].lower() + q2[1:]
    if st == "student":
        q = rng.choice(["", "Okay. ", "Thanks! "]) + q
    a = []
    if st == "report_plain" and rng.random() < 0.5:
        a.append(("Addendum:", []))
    for s in ask:
        a.append(ctx.sent(claim_for(s), extras=s != ctx.dslot))
    if st == "educator":
        a.append((ctx.know(), []))
    if st == "report_plain":
        a.append((rng.choice(["In plain words: this only describes the highlighted area on the picture.",
                              "For the patient: this is a description of the marked area, not a diagnosis by itself.",
                              "Plain-language note: your doctor will put this together with your symptoms."]), []))
    return [(q, [])], a


def _premise_round(ctx, dclaim, pending, claim_for):
    """The user's question carries the false claim; the assistant answers something else."""
    rng, p, st = ctx.rng, ctx.p, ctx.style
    k = dclaim[0]
    f = frag(dclaim, p, rng)
    be = "they're" if ctx.pl else "it's"
    lead = rng.choice([f"Since {be} {f}, ", f"Given that {be} {f}, ", f"So {be} {f}, right? Then "])
    if k == "count":
        f = frag(dclaim, p, rng)
        lead = rng.choice([f"Since {be} {f}, ", f"Given that the mask is {f}, "])
    ask = [s for s in pending if s != ctx_slot(dclaim)][:1]
    if ask:
        tail = _ask_text(ctx, ask[0])
        tail = tail[0].lower() + tail[1:]
        a = [ctx.sent(claim_for(ask[0]))]
        pending.remove(ask[0])
    else:
        tail = rng.choice(["what would you look at next?", "anything else to check?"])
        a = [(ctx.know(), [])]
    if st == "bullets":
        a = [(t if t.startswith("- ") else "- " + t, c) for t, c in a]
    q = lead + tail
    if st == "student":
        q = "Okay. " + q
    return [(q, [dclaim])], a


def ctx_slot(c):
    return c[0]


def _correction_round(ctx, truths, pending, claim_for, dslot):
    """Student proposes a wrong idea, the teacher explicitly corrects it (clean claims only)."""
    rng, p, f = ctx.rng, ctx.p, ctx.f
    cands = [s for s in ("side", "vert", "count", "cls") if s in truths and s != dslot
             and not (dslot in ("cls", "pct") and s == "cls")]
    s = rng.choice(cands)
    true = truths[s]
    if s == "side":
        wrong = ("side", OPP[true[1]]) if true[1] in ("left", "right") else ("side", rng.choice(["left", "right"]))
    elif s == "vert":
        vals = {"LP": ["anterior", "posterior", "central"], "LI": ["superior", "inferior", "central"],
                None: ["upper", "lower", "central"]}[p["orient"]]
        wrong = ("vert", rng.choice([v for v in vals if v != true[1]]))
    elif s == "count":
        n = true[1]
        wrong = ("count", n + 1 if n == 1 else n - 1)
    else:
        wrong = ("cls", rng.choice([v for v in ("small", "medium", "large") if v != true[1]]))
    pron = "they're" if ctx.pl else "it's"
    if s == "side" and true[1] in ("left", "right"):
        q = (f"{rng.choice(WRONG_IDEA_INTRO)} {pron} on the patient's {wrong[1]}, because {pron} on the {wrong[1]} "
             f"of the screen?")
    else:
        q = f"{rng.choice(WRONG_IDEA_INTRO)} {pron} {frag(wrong, p, rng)}?"
    t, cl = ctx.sent(true)
    fix = rng.choice(["Not quite.", "No, that's a common slip.", "Actually, no."])
    a = [(fix, []), (t, cl)]
    if s == "side" and p["orient"]:
        a.append((rng.choice(CONVENTION[p["orient"]]), []))
    if s in pending:
        pending.remove(s)
    return [(q, [("corr",) + wrong])], a
