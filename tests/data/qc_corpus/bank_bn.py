"""Bank BN (round 13, helper qcbn): PELVIS and BRAIN, written blind (no QC rule, test or other bank read).

Targets: axial CT/MR ("LP") and coronal ("LI") pelvis (urinary bladder, prostate, uterus, ovaries, one ovary,
femoral heads, one femoral head, gluteal muscles, one gluteus maximus, common iliac arteries) and brain MR
axial/coronal (hippocampi, one hippocampus, caudate nuclei, one caudate, thalami, lateral ventricles,
cerebellum, brainstem, a glioma and brain lesions with one to three foci). "uterus", "ovary", "left ovary" and
"brain lesion" are labels the knowledge base does not know. Facts are the product's own measurement
(`compute_facts`) of synthetic ellipse masks; prose is written from those facts.

Registers: a dataset annotator (formulaic "Answer: [SEG]. Location: ..."), long nested markdown bullets,
a hedged resident (hedges, self-corrections ending on the true statement) and a Latin/eponym-heavy anatomist
(dexter/sinister, cranial/caudal, ventral/dorsal in the pelvis).

The phrases that carry claims about the target come from the key tables below (`SIDE`, `VERT`, `SIZE`,
`COUNT`, `REL`, percent "% of the image"), so a writer-side reader can check them; trap sentences
(negations, display convention, other structures, population numbers) use other wording.
First measure: taken by the lead after merging (this writer did not run QC).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["annotator", "bullets", "hedged", "latin"]
PLANTED: dict = {}  # the last build's planted false text (read by the writer's own check script)
NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}
OPP = {"left": "right", "right": "left"}


def _p(target, view, mod, region, blobs, others, it, q, give, fn, kb, pop, scale=(0.8, 1.0, 1.2), multi=None):
    kb = [s for s in kb if not ("femoral" in s and "femur" in target)]  # only sentences about OTHER structures
    return dict(target=target, view=view, mod=mod, region=region, blobs=blobs, others=others, it=it, q=q,
                give=give, fn=fn, kb=kb, pop=pop, scale=scale, multi=multi)


PELVIS_KB = ["The rectum runs just in front of the sacrum and coccyx.",
             "The sigmoid colon usually loops down from the patient's left iliac fossa.",
             "The femoral heads sit in the acetabula on either side, well away from the midline.",
             "The external iliac vessels run along the pelvic brim toward the groin on each side.",
             "The sacrum forms the back wall of the pelvis."]
BRAIN_KB = ["The fourth ventricle sits just in front of the cerebellum, behind the pons.",
            "The third ventricle is a thin midline slit between the two thalami.",
            "The septum pellucidum is a thin midline sheet between the frontal horns.",
            "The pineal gland sits in the midline near the back of the third ventricle.",
            "The Sylvian fissure separates the frontal and temporal lobes on each side."]

PROFILES = [
    _p("urinary bladder", "axial", "CT", "pelvis", [(0.5, 0.37, 0.12, 0.09)],
       {"rectum": (0.5, 0.63), "left femoral head": (0.74, 0.5), "right femoral head": (0.26, 0.5)},
       ["the structure", "this hollow organ", "the outlined organ"],
       ["the hollow muscular reservoir that stores urine until voiding",
        "the organ that holds urine made by the kidneys and empties it through the urethra"],
       ["bladder", "urinary bladder", "vesical wall", "vesica urinaria", "bladder dome"],
       "it stores urine and empties it when its muscular wall contracts",
       PELVIS_KB, "An adult typically feels the urge to void at about 300 to 400 mL.", (0.5, 1.0, 1.4)),
    _p("urinary bladder", "coronal", "CT", "pelvis", [(0.5, 0.63, 0.12, 0.08)],
       {"left femoral head": (0.76, 0.5), "right femoral head": (0.24, 0.5), "sigmoid colon": (0.5, 0.35)},
       ["the structure", "this hollow organ"],
       ["the urine-storing reservoir low in the pelvis, seen here on a coronal reformat",
        "the organ that fills with urine and signals the need to void"],
       ["bladder", "vesical reservoir", "vesica urinaria", "urinary bladder"],
       "it stores urine until voiding", PELVIS_KB, "Most adults void four to seven times a day."),
    _p("prostate", "axial", "MR", "pelvis", [(0.5, 0.5, 0.05, 0.045)],
       {"rectum": (0.5, 0.64), "pubic symphysis": (0.5, 0.3), "left femoral head": (0.76, 0.47)},
       ["the gland", "this walnut-sized gland", "the outlined gland"],
       ["the male accessory gland that wraps the first part of the urethra below the urinary reservoir",
        "the walnut-sized male gland that adds fluid to semen and often enlarges in older men"],
       ["prostate", "prostate gland", "prostatic capsule", "prostatic tissue"],
       "it adds fluid to semen and surrounds the proximal urethra", PELVIS_KB,
       "By the age of 60 roughly half of men have some benign enlargement of this gland."),
    _p("uterus", "axial", "MR", "pelvis", [(0.5, 0.49, 0.09, 0.07)],
       {"urinary bladder": (0.5, 0.33), "rectum": (0.5, 0.64)},
       ["the organ", "this muscular organ", "the outlined organ"],
       ["the pear-shaped muscular organ in which a pregnancy develops",
        "the female organ whose lining is shed each month during menstruation"],
       ["uterus", "uterine body", "womb", "corpus uteri", "myometrium"],
       "it carries a pregnancy and sheds its lining each month", PELVIS_KB,
       "A non-pregnant adult organ of this kind is typically about 7 to 8 cm long."),
    _p("ovary", "axial", "MR", "pelvis", [(0.33, 0.5, 0.035, 0.03), (0.67, 0.5, 0.035, 0.03)],
       {"rectum": (0.5, 0.64), "urinary bladder": (0.5, 0.33)},
       ["the structures", "these paired glands", "the outlined glands"],
       ["the paired female glands that release an egg each cycle and make oestrogen",
        "the almond-shaped female gonads that hold the follicles"],
       ["ovaries", "ovarian glands", "ovary", "adnexal gonads, the ovaries", "oophoron"],
       "they release eggs and make oestrogen and progesterone", PELVIS_KB,
       "Each of these glands holds hundreds of thousands of follicles at puberty."),
    _p("left ovary", "axial", "MR", "pelvis", [(0.67, 0.5, 0.04, 0.032)],
       {"rectum": (0.5, 0.64), "urinary bladder": (0.5, 0.33), "uterus": (0.5, 0.49)},
       ["the structure", "this small gland", "the outlined gland"],
       ["the female gland on the patient's left that releases eggs",
        "the left-sided almond-shaped gonad beside the womb's fundus"],
       ["left ovary", "ovarian tissue", "the left ovary", "left oophoron"],
       "it releases eggs and makes oestrogen", PELVIS_KB,
       "Each of these glands holds hundreds of thousands of follicles at puberty."),
    _p("femur", "axial", "CT", "pelvis", [(0.26, 0.5, 0.07, 0.07), (0.74, 0.5, 0.07, 0.07)],
       {"urinary bladder": (0.5, 0.37), "sacrum": (0.5, 0.7)},
       ["the structures", "these rounded bones", "the outlined bones"],
       ["the rounded tops of the long bones of the upper legs where they sit in the hip sockets",
        "the ball parts of the ball-and-socket hip joints"],
       ["femoral heads", "femur", "femora", "thigh bones", "caput femoris"],
       "they carry body weight from the pelvis to the legs", PELVIS_KB,
       "In adults the ball of this joint is roughly 4.5 to 5 cm across."),
    _p("left femur", "coronal", "CT", "pelvis", [(0.74, 0.6, 0.07, 0.08)],
       {"urinary bladder": (0.5, 0.66), "sacrum": (0.5, 0.35)},
       ["the structure", "this rounded bone", "the outlined bone"],
       ["the ball of the long bone of the patient's left lower limb, sitting in its socket",
        "the rounded upper end of the longest bone of the left leg, inside the hip joint"],
       ["left femur", "left femoral head", "femoral neck", "left thighbone", "caput femoris sinistrum"],
       "it transmits the weight of the trunk to the left leg", PELVIS_KB,
       "Fractures near this joint are common in older people after a fall."),
    _p("gluteus maximus", "axial", "CT", "pelvis", [(0.3, 0.74, 0.14, 0.08), (0.7, 0.74, 0.14, 0.08)],
       {"sacrum": (0.5, 0.58), "urinary bladder": (0.5, 0.36)},
       ["the structures", "these large muscles", "the outlined muscles"],
       ["the largest muscles of the body, which extend the hip when you climb stairs or rise from a chair",
        "the big hip extensor muscles that form the rounded back of the hips"],
       ["gluteus maximus", "glutes", "gluteal muscles", "glutei maximi"],
       "they extend and rotate the hip", PELVIS_KB,
       "These are usually quoted as the heaviest muscles in the human body.", (0.85, 1.0, 1.1)),
    _p("right gluteus maximus", "axial", "CT", "pelvis", [(0.3, 0.74, 0.13, 0.08)],
       {"sacrum": (0.5, 0.58), "right femoral head": (0.26, 0.5)},
       ["the structure", "this big muscle", "the outlined muscle"],
       ["the large hip extensor muscle on the patient's right, which you use to rise from a chair",
        "the biggest muscle of the right hip, the one that extends it when climbing stairs"],
       ["right gluteus maximus", "gluteal muscle", "glute max", "right gluteus"],
       "it extends and laterally rotates the right hip", PELVIS_KB,
       "These are usually quoted as the heaviest muscles in the human body.", (0.85, 1.0, 1.1)),
    _p("common iliac artery", "axial", "CT", "pelvis", [(0.41, 0.4, 0.022, 0.022), (0.59, 0.4, 0.022, 0.022)],
       {"vertebral body": (0.5, 0.56)},
       ["the structures", "these paired vessels", "the outlined vessels"],
       ["the two large arteries formed where the abdominal aorta divides, which carry blood to the pelvis and legs",
        "the paired vessels just below the aortic bifurcation, each splitting into internal and external branches"],
       ["common iliac arteries", "iliac arteries", "CIAs", "arteria iliaca communis"],
       "they carry blood from the aorta to the pelvis and legs", PELVIS_KB,
       "The aorta usually divides at about the level of the fourth lumbar vertebra.", (0.9, 1.0, 1.2)),
    _p("hippocampus", "coronal", "MR", "brain", [(0.32, 0.62, 0.035, 0.025), (0.68, 0.62, 0.035, 0.025)],
       {"thalamus": (0.5, 0.45), "lateral ventricle": (0.5, 0.38)},
       ["the structures", "these paired grey-matter structures", "the outlined structures"],
       ["the paired curved grey-matter structures on the inner side of each temporal lobe that lay down new memories",
        "the memory-forming structures in the medial temporal lobes that shrink early in Alzheimer disease"],
       ["hippocampi", "hippocampal formation", "Ammon's horn", "cornu ammonis", "hippocampus"],
       "they turn new experiences into long-term memories", BRAIN_KB,
       "In adults each of these structures is roughly 4 to 4.5 cm long."),
    _p("left hippocampus", "coronal", "MR", "brain", [(0.68, 0.62, 0.036, 0.026)],
       {"thalamus": (0.5, 0.45), "brainstem": (0.5, 0.7)},
       ["the structure", "this curved grey-matter structure", "the outlined structure"],
       ["the memory structure in the patient's left medial temporal lobe",
        "the curved grey-matter ridge along the floor of the left temporal horn, needed to form new memories"],
       ["left hippocampus", "hippocampal formation", "left Ammon's horn", "pes hippocampi"],
       "it consolidates new memories", BRAIN_KB, "In adults it is roughly 4 to 4.5 cm long."),
    _p("right hippocampus", "axial", "MR", "brain", [(0.36, 0.6, 0.03, 0.05)],
       {"brainstem": (0.5, 0.58), "right thalamus": (0.42, 0.5)},
       ["the structure", "this curved grey-matter structure", "the outlined structure"],
       ["the memory structure in the patient's right medial temporal lobe",
        "the seahorse-shaped grey matter beside the right temporal horn, often scarred in temporal lobe epilepsy"],
       ["right hippocampus", "hippocampal body", "Ammon's horn", "cornu ammonis"],
       "it consolidates new memories", BRAIN_KB, "In adults it is roughly 4 to 4.5 cm long."),
    _p("caudate nucleus", "axial", "MR", "brain", [(0.42, 0.4, 0.025, 0.045), (0.58, 0.4, 0.025, 0.045)],
       {"thalamus": (0.5, 0.53), "occipital horns": (0.5, 0.7)},
       ["the structures", "these paired deep grey nuclei", "the outlined nuclei"],
       ["the paired C-shaped deep grey nuclei that bulge into the frontal horns and atrophy in Huntington disease",
        "the deep grey-matter nuclei forming the lateral walls of the frontal horns"],
       ["caudate nuclei", "caudate", "caudate heads", "nucleus caudatus"],
       "they help plan and control movement and learning", BRAIN_KB,
       "Huntington disease affects roughly 5 to 10 people per 100,000 of European descent."),
    _p("left caudate nucleus", "axial", "MR", "brain", [(0.58, 0.4, 0.026, 0.046)],
       {"septum pellucidum": (0.5, 0.4), "left thalamus": (0.58, 0.53)},
       ["the structure", "this deep grey nucleus", "the outlined nucleus"],
       ["the deep grey nucleus bulging into the patient's left frontal horn",
        "the C-shaped deep nucleus on the left that forms the wall of the frontal horn"],
       ["left caudate", "caudate nucleus", "left caudate head", "nucleus caudatus sinister"],
       "it helps plan movement and supports learning", BRAIN_KB,
       "Huntington disease affects roughly 5 to 10 people per 100,000 of European descent."),
    _p("thalamus", "axial", "MR", "brain", [(0.42, 0.53, 0.045, 0.06), (0.58, 0.53, 0.045, 0.06)],
       {"caudate nucleus": (0.5, 0.4), "occipital lobes": (0.5, 0.85)},
       ["the structures", "these paired grey-matter masses", "the outlined nuclei"],
       ["the paired egg-shaped relay stations for sensation on either side of the third ventricle",
        "the deep grey-matter relay centres that pass almost all sensory input on to the cortex"],
       ["thalami", "thalamic nuclei", "thalamus", "thalamo-cortical relay, the thalami"],
       "they relay sensory and motor signals to the cortex", BRAIN_KB,
       "Each of them is roughly 3 cm long in adults."),
    _p("lateral ventricle", "axial", "MR", "brain", [(0.42, 0.47, 0.03, 0.13), (0.58, 0.47, 0.03, 0.13)],
       {"caudate nucleus": (0.5, 0.36), "cerebellum": (0.5, 0.8)},
       ["the structures", "these paired fluid spaces", "the outlined spaces"],
       ["the paired C-shaped fluid-filled cavities deep in the cerebral hemispheres where most spinal fluid is made",
        "the largest fluid cavities inside the brain, which widen in hydrocephalus"],
       ["lateral ventricles", "ventricular system", "ventricles", "frontal horns of the lateral ventricles"],
       "they hold cerebrospinal fluid made by the choroid plexus", BRAIN_KB,
       "Adults make roughly 500 mL of spinal fluid a day.", (0.9, 1.0, 1.3)),
    _p("cerebellum", "axial", "MR", "brain", [(0.5, 0.72, 0.25, 0.13)],
       {"brainstem": (0.5, 0.52), "frontal lobes": (0.5, 0.2)},
       ["the structure", "this folded structure", "the outlined structure"],
       ["the folded structure in the posterior fossa that coordinates balance and fine movement",
        "the structure tucked under the occipital lobes that keeps movements smooth and balanced"],
       ["cerebellum", "cerebellar hemispheres", "cerebellar tissue", "arbor vitae of the cerebellum"],
       "it coordinates balance, posture and fine movement", BRAIN_KB,
       "It holds more than half of the brain's neurons in about a tenth of its volume.", (0.85, 1.0, 1.1)),
    _p("brainstem", "axial", "MR", "brain", [(0.5, 0.5, 0.07, 0.06)],
       {"cerebellum": (0.5, 0.72), "basilar artery": (0.5, 0.38)},
       ["the structure", "this stalk", "the outlined structure"],
       ["the stalk that connects the cerebrum to the spinal cord and holds the breathing centres",
        "the part of the central nervous system carrying most cranial nerve nuclei, in front of the posterior fossa's folded structure"],
       ["brainstem", "brain stem", "pons", "pontine tegmentum"],
       "it controls breathing, heart rate and consciousness and carries the long tracts", BRAIN_KB,
       "Ten of the twelve cranial nerves arise from it."),
    _p("brainstem", "coronal", "MR", "brain", [(0.5, 0.72, 0.06, 0.09)],
       {"thalamus": (0.5, 0.45), "lateral ventricle": (0.5, 0.36)},
       ["the structure", "this stalk", "the outlined structure"],
       ["the stalk running down from the diencephalon to the spinal cord that keeps you breathing",
        "the vertical column of tissue carrying most cranial nerve nuclei down to the foramen magnum"],
       ["brainstem", "brain stem", "midbrain and pons", "medulla oblongata"],
       "it controls breathing, heart rate and consciousness", BRAIN_KB,
       "Ten of the twelve cranial nerves arise from it."),
    _p("whole tumour", "axial", "MR", "brain", [(0.66, 0.4, 0.11, 0.09)],
       {"septum pellucidum": (0.5, 0.42), "cerebellum": (0.5, 0.8)},
       ["the abnormal area", "this abnormal region", "the outlined area"],
       ["the abnormal infiltrating area of bright FLAIR signal with a ring of enhancement in this adult with seizures",
        "the abnormal region with surrounding bright signal pushing on nearby structures on this pre-operative scan"],
       ["glioma", "whole tumour", "glial tumour", "tumour region", "glioblastoma"],
       "it is what a surgeon would plan to resect", BRAIN_KB,
       "Glioblastoma is the commonest primary malignant brain tumour in adults.", (0.8, 1.0, 1.3)),
    _p("brain lesion", "axial", "MR", "brain", [], {"septum pellucidum": (0.5, 0.42), "cerebellum": (0.5, 0.8)},
       ["the abnormal area", "the marked area", "the outlined abnormality"],
       ["the abnormal spots that enhance after gadolinium in this patient with a known lung primary",
        "anything abnormal that lights up after contrast on this post-contrast T1 slice"],
       ["lesion", "brain metastases", "enhancing lesions", "metastatic deposits", "brain lesion"],
       "it guides whether radiosurgery is possible", BRAIN_KB,
       "Around a fifth to a third of adults with cancer develop spread to the brain.", multi=True),
]

SIDE = {"left": ["on the patient's left", "in the patient's left half", "sinister, on the patient's left"],
        "right": ["on the patient's right", "in the patient's right half", "dexter, on the patient's right"],
        "midline": ["right on the midline", "centred on the midline", "medianus, on the midline itself"],
        "bilateral": ["on both sides of the midline", "bilateral, one on each side", "bilateral (dexter et sinister)"]}
VERT = {"anterior": ["in the anterior part of the {reg}", "toward the front of the {reg}", "ventral, toward the front"],
        "posterior": ["in the posterior part of the {reg}", "toward the back of the {reg}", "dorsal, toward the back"],
        "central": ["about halfway from front to back", "central in the front-to-back direction",
                    "neither ventral nor dorsal, central"],
        "superior": ["in the upper part of the {reg}", "toward the top of the {reg}", "cranial, toward the head end"],
        "inferior": ["in the lower part of the {reg}", "toward the bottom of the {reg}", "caudal, toward the feet end"]}
BRAIN_LATIN_VERT = {"anterior": "anterior, toward the frontal pole", "posterior": "posterior, toward the occipital pole",
                    "central": "neither frontal nor occipital, central", "superior": "superior, toward the vertex",
                    "inferior": "inferior, toward the skull base"}
SIZE = {"small": ["small on this slice", "a small structure here", "parvus (small) on this slice"],
        "medium": ["medium-sized on this slice", "a moderate-sized structure here", "mediocris (medium-sized) on this slice"],
        "large": ["large on this slice", "a large structure here", "magnus (large) on this slice"]}
COUNT1 = ["a single connected region", "one contiguous piece", "a single connected piece (unum)"]
COUNTN = ["{n} separate regions", "{n} disconnected pieces", "{n} separate parts (partes separatae)"]
REL = {"anterior_to": ["lies in front of the {o}", "is anterior to the {o}", "sits ventral to the {o}"],
       "posterior_to": ["lies behind the {o}", "is posterior to the {o}", "sits dorsal to the {o}"],
       "superior_to": ["lies above the {o}", "is superior to the {o}", "sits cranial to the {o}"],
       "inferior_to": ["lies below the {o}", "is inferior to the {o}", "sits caudal to the {o}"],
       "left_of": ["lies to the patient's left of the {o}"], "right_of": ["lies to the patient's right of the {o}"]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
FLIPR = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to"}


def record_for(p):
    return {"modality": p["mod"], "body_region": p["region"], "orientation": "LP" if p["view"] == "axial" else "LI"}


def pick_profile(profiles, i, defect, rng):
    if defect in ("count", "laterality") and rng.random() < 0.5:  # weight toward bilateral / multi-focal masks
        return rng.choice([p for p in profiles if len(p["blobs"]) == 2 or p["multi"]])
    return rng.choice(profiles)


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    n = rng.choice([224, 256, 288])
    yy, xx = np.mgrid[:n, :n]
    mask = np.zeros((n, n), bool)
    if p["multi"]:
        k = rng.choice([1, 1, 2, 3])
        spots = rng.sample([(0.33, 0.35), (0.68, 0.33), (0.3, 0.62), (0.7, 0.64), (0.62, 0.5), (0.36, 0.48)], k)
        blobs = [(x, y, r, r * rng.uniform(0.8, 1.1)) for (x, y) in spots for r in [rng.choice([0.025, 0.04, 0.06])]]
    else:
        s = rng.choice(p["scale"])
        blobs = [(x, y, rx * s, ry * s) for (x, y, rx, ry) in p["blobs"]]
    for (x, y, rx, ry) in blobs:
        x, y = x + rng.uniform(-0.008, 0.008), y + rng.uniform(-0.008, 0.008)
        mask |= ((xx - x * (n - 1)) / (rx * n)) ** 2 + ((yy - y * (n - 1)) / (ry * n)) ** 2 <= 1
    return compute_facts(mask, record_for(p)["orientation"], dict(p["others"])).model_dump(mode="json")


def pct(frac):
    v = frac * 100
    return f"{v:.1f}" if v < 10 else f"{v:.0f}"


def _key(table, v, style, rng, reg):
    opts = table[v]
    k = opts[2] if (style == "latin" and len(opts) > 2 and rng.random() < 0.7) else rng.choice(opts[:2] if len(opts) > 2 else opts)
    if table is VERT and style == "latin" and reg == "brain" and k == opts[2]:
        k = BRAIN_LATIN_VERT[v]
    return k.format(reg=reg)


def plural_key(k):
    """The key phrase with a plural subject ("they lie", "they are", "small structures here")."""
    for a, b in (("lies ", "lie "), ("is ", "are "), ("sits ", "sit "), ("a small structure", "small structures"),
                 ("a moderate-sized structure", "moderate-sized structures"), ("a large structure", "large structures")):
        if k.startswith(a):
            return b + k[len(a):]
    return k


def claim(kind, v, p, facts, style, rng):
    """One sentence stating value `v` of `kind` about the target, in `style`; its key phrase is from the tables."""
    reg, plural = p["region"], len(p["blobs"]) == 2
    it = "they" if plural else "it"
    It, be = it.capitalize(), ("are" if plural else "is")
    if kind == "side":
        k = _key(SIDE, v, style, rng, reg)
        body = {"annotator": [f"Side: {k}.", f"Laterality: {k}.", f"Laterality = {k}."],
                "bullets": [f"**Side:** {k}", f"**Laterality:** {k}", f"**Which side:** {k}"],
                "hedged": [f"I think {it} {be} {k}.", f"If I'm reading this right, {it} {be} {k}.",
                           f"{It} {be} {k}, if I'm not mixing up the sides."],
                "latin": [f"Situs: {k}.", f"Laterality, in the old terms: {k}.", f"Quoad latus: {k}."]}[style]
    elif kind == "vert":
        k = _key(VERT, v, style, rng, reg)
        body = {"annotator": [f"Location: {k}.", f"Position: {k}.", f"Where: {k}."],
                "bullets": [f"**Position:** {k}", f"**Level:** {k}"],
                "hedged": [f"It looks like {it} {be} {k}, probably.", f"Probably {k}, as far as I can tell.",
                           f"My guess is that {it} {be} {k}."],
                "latin": [f"Positio: {k}.", f"{It} {be} placed {k}.", f"Situs in hac sectione: {k}."]}[style]
    elif kind == "size":
        k = _key(SIZE, v, style, rng, reg)
        body = {"annotator": [f"Extent: {k}.", f"Size: {k}.", f"Size class: {k}."],
                "bullets": [f"**Size:** {k}", f"**Size class:** {k}"],
                "hedged": [f"{It} {be} probably {k}, I'd say.", f"I think {it} {be} {k}."],
                "latin": [f"Magnitudo: {k}.", f"{It} {be} {k}.", f"Quoad magnitudinem: {k}."]}[style]
    elif kind == "pct":
        k = rng.choice([f"about {v}% of the image", f"roughly {v}% of the image area", f"close to {v}% of the slice"])
        body = {"annotator": [f"Area: {k}.", f"Extent: {k}.", f"Coverage: {k}."], "bullets": [f"**Area:** {k}", f"**Coverage:** {k}"],
                "hedged": [f"The mask covers maybe {k}.", f"If my arithmetic is right, that is {k}.",
                           f"Roughly speaking, the outline takes up {k}."],
                "latin": [f"Area: {k}.", f"The mask occupies {k}."]}[style]
    elif kind == "count":
        if v == 1:
            k = _key({1: COUNT1}, 1, style, rng, reg)
        else:
            opts = COUNTN
            k = (opts[2] if style == "latin" else rng.choice(opts[:2])).format(n=NUMW[v])
        body = {"annotator": [f"Components: {k}.", f"Regions: {k}.", f"Connected components: {k}."],
                "bullets": [f"**Regions:** {k}", f"**Components:** {k}"],
                "hedged": [f"I count {k}, I think.", f"It looks like {k} to me.",
                           f"Unless I'm missing something, the mask is {k}."],
                "latin": [f"Partes: {k}.", f"The mask is {k}.", f"Numerus partium: {k}."]}[style]
    else:  # relation: v = (other, rel)
        o, r = v
        opts = REL[r]
        k = (opts[2] if style == "latin" and len(opts) > 2 and reg == "pelvis" else rng.choice(opts[:2])).format(o=o)
        body = {"annotator": [f"Relation: {it} {k}.", f"Relation: {k}.", f"Neighbour: {it} {k}."],
                "bullets": [f"**Relation:** {it} {k}", f"**Neighbour:** {it} {k}"],
                "hedged": [f"I believe {it} {k}.", f"From what I can see, {it} probably {k}.",
                           f"Unless I'm mistaken, {it} {k}."],
                "latin": [f"{It} {k}.", f"Relatio: {it} {k}.", f"Quoad vicinos: {it} {k}."]}[style]
    out = rng.choice(body)
    return out.replace(k, plural_key(k)) if plural else out


def truths(facts, p):
    """(kind, value) claims true of the mask that the prose may state."""
    out = [("side", facts["laterality"]), ("vert", facts["vertical"]), ("size", facts["size_class"]),
           ("pct", pct(facts["area_fraction"])), ("count", facts["components"])]
    for r in facts["relations"]:
        if r["relation"] in FLIPR or facts["laterality"] in ("left", "right"):
            out.append(("rel", (r["other"], r["relation"])))
    return out


def falsify(kind, facts, p, rng):
    """A clearly false (kind, value) for a defect of `kind`."""
    side, vert = facts["laterality"], facts["vertical"]
    if kind == "laterality":
        return ("side", OPP[side] if side in OPP else rng.choice(["left", "right"]))
    if kind == "position":
        vr = [r for r in facts["relations"] if r["relation"] in FLIPR]
        if vert in FLIPV and (not vr or rng.random() < 0.6):
            return ("vert", FLIPV[vert])
        r = rng.choice(vr)
        return ("rel", (r["other"], FLIPR[r["relation"]]))
    if kind == "size":
        frac = facts["area_fraction"]
        if rng.random() < 0.6:
            return ("size", "large" if frac < 0.025 else "small")
        return ("pct", pct(frac * 9) if frac < 0.025 else pct(frac / 9))
    n = facts["components"]
    return ("count", 2 if n == 1 else 1)


USER_FALSE = {"side": ["Why is it only {v}?", "So it sits {v} — why would that be?"],
              "vert": ["Why does it lie {v}?", "Is it normal that it is {v}?"],
              "rel": ["Why is it that it {v}?", "Is it usual that it {v}?"],
              "size": ["Why is it {v}?", "Is it worrying that it is {v}?"],
              "pct": ["Why does it cover {v}?", "Is it normal that it covers {v}?"],
              "count": ["Why is it {v}?", "What does it mean that the mask is {v}?"]}


def user_phrase(kind, v, p, rng):
    reg = p["region"]
    if kind == "side":
        return rng.choice(SIDE[v][:2])
    if kind == "vert":
        return rng.choice(VERT[v][:2]).format(reg=reg)
    if kind == "rel":
        return rng.choice(REL[v[1]][:2]).format(o=v[0])
    if kind == "size":
        return rng.choice(SIZE[v][:2])
    if kind == "pct":
        return f"about {v}% of the image"
    return COUNT1[0] if v == 1 else COUNTN[0].format(n=NUMW[v])


EPONYMS = {"pelvis": ["The rectouterine pouch of Douglas dips between the uterus and the rectum in women.",
                      "The space of Retzius separates the pubic bones from the urinary reservoir.",
                      "Alcock's canal carries the pudendal nerve along the side wall of the ischioanal fossa.",
                      "The os sacrum closes the pelvic ring dorsally, and the symphysis pubica closes it ventrally."],
           "brain": ["The foramina of Monro connect the lateral ventricles with the third ventricle.",
                     "The circle of Willis rings the pituitary stalk at the skull base.",
                     "The aqueduct of Sylvius runs through the midbrain down to the fourth ventricle.",
                     "The falx cerebri hangs in the midline between the two hemispheres."]}
COMPARE = {"pelvis": ["For comparison, the sigmoid colon is several times longer than the rectum.",
                      "By way of comparison, a full bladder can easily dwarf the prostate."],
           "brain": ["For comparison, the cerebral hemispheres are far bulkier than any deep grey nucleus.",
                     "By way of comparison, the cerebellum is much larger than the pineal gland."]}
CONVENTION = ["On this display the patient's left is shown on the image's right, the usual radiological convention.",
              "Remember the radiological convention: the patient's right appears on the left of the screen.",
              "As usual for radiology, image right is patient left ({how})."]
HOW = {"axial": "axial slices are viewed from the feet", "coronal": "coronal images are viewed facing the patient"}
QUESTIONS = {"side": ["Which side is it on?", "Left or right, then?", "Which side is it?"],
             "vert": ["Where is it from front to back?", "Is it anterior or posterior?"],
             "vertc": ["Is it high or low in the image?", "Is it superior or inferior?"],
             "rel": ["How does it relate to the {o}?", "Where is it relative to the {o}?"],
             "size": ["How big is it?", "And its size, roughly?"],
             "pct": ["What share of the image does it cover?", "How much of the slice is it?"],
             "count": ["Is it one piece or several?", "How many separate parts are there?"],
             "why": ["Why is that?", "Why does that matter clinically?", "Why would a clinician care about it?"]}


def negation(kind, facts, rng):
    side, n, size = facts["laterality"], facts["components"], facts["size_class"]
    if kind == "side":
        return {"left": "Nothing of it crosses over to the right side.",
                "right": "Nothing of it crosses over to the left side.",
                "midline": "It does not favour either side.",
                "bilateral": "It is not confined to one side."}.get(side)
    if kind == "count":
        return "There is no second, separate focus." if n == 1 else "The parts are not joined to each other on this slice."
    if kind == "size":
        return {"small": "It is not a big structure on this image.", "large": "It is certainly not tiny.",
                "medium": "It is neither tiny nor huge."}[size]
    return None


def first_question(p, style, rng, named):
    desc = rng.choice(p["q"])
    mod = "MRI" if p["mod"] == "MR" else "CT"
    if named:
        g = rng.choice(p["give"])
        return rng.choice([f"Instruction: segment the {g}. Question: where is it on this {mod} slice?",
                           f"Can you find the {g} on this {mod} image and explain where it is?",
                           f"I'm looking for {desc} (the {g}) on this {mod} slice. Could you show me where it is?",
                           f"Where would you place the {g} on this {p['view']} {mod} section?"])
    return {"annotator": [f"Instruction: segment {desc}. Question: which region is it?",
                          f"Task: locate {desc} in this {mod} image. Where is it?"],
            "bullets": [f"Can you find {desc} on this {mod} slice and explain where it is, step by step?",
                        f"Please outline {desc} and give me a structured summary. Where does it lie?"],
            "hedged": [f"Sorry if this is basic, but I'm trying to find {desc} on this {mod} slice. Could you show me where it is?",
                       f"I think I'm looking for {desc} here, but I'm not sure. Can you point it out?"],
            "latin": [f"As an anatomist, where would you place {desc} on this {p['view']} {mod} section?",
                      f"Demonstrate, please, {desc} on this {p['view']} section. Where does it lie?"]}[style][rng.randrange(2)]


def render_first(style, claims, traps, p, rng):
    """The first answer: the [SEG] token, the claim sentences, then the trap sentences, in the style's layout."""
    if style == "annotator":
        head = rng.choice([f"Answer: {SEG}.", f"Answer: the mask is {SEG}.", f"Segmentation: {SEG}."])
        out = " ".join([head] + claims)
        if traps:
            out += " Explanation: " + " ".join(traps)
        return out
    if style == "bullets":
        title = rng.choice(["## Segmentation result", "### Where it is", "## Findings on this slice"])
        lines = [title, "", f"- **Mask:** {SEG}", "- **Findings**"] + [f"  - {c}" for c in claims]
        if traps:
            lines += ["- **Context**"] + [f"  - {t}" for t in traps]
        lines += ["- **Function**", f"  - {p['fn'][0].upper() + p['fn'][1:]}."]
        return "\n".join(lines)
    if style == "hedged":
        head = rng.choice([f"Okay, I think this is it: {SEG}.", f"Here's my best attempt at the outline: {SEG}.",
                           f"I might be wrong, but I'd outline it like this: {SEG}."])
        return " ".join([head] + claims + traps + [rng.choice(["Happy to be corrected by someone senior!",
                                                               "Please double-check me on this."])])
    head = rng.choice([f"Ecce the mask: {SEG}.", f"The outline follows: {SEG}.", f"Here is the delineation: {SEG}."])
    return " ".join([head] + claims + traps)


def wrap(style, text, rng):
    low = text if text.startswith(("I ", "I'")) else text[0].lower() + text[1:]
    return {"annotator": f"Answer: {text}", "bullets": f"- {text}", "hedged": f"Hmm, {low}",
            "latin": text}[style]


def build(p, facts, style, rng, defect):
    global PLANTED
    PLANTED = {}
    true = truths(facts, p)
    reg = p["region"]
    plc = None
    fk = fv = None
    if defect and defect != "names_target":
        fk, fv = falsify(defect, facts, p, rng)
        plc = rng.choices(["first", "followup", "user"], [0.6, 0.2, 0.2])[0]

    def same(t):  # a true claim that would state the same thing as the planted one
        if fk in ("size", "pct"):
            return t[0] in ("size", "pct")
        if fk == "rel":
            return t[0] == "rel" and t[1][0] == fv[0]
        return t[0] == fk

    pool = [t for t in true if not (fk and same(t))]
    rels = [t for t in pool if t[0] == "rel"]
    base = [t for t in pool if t[0] != "rel"]
    rng.shuffle(base)
    chosen = base[:rng.randint(2, len(base))] + rng.sample(rels, min(len(rels), rng.randint(0, 2)))
    order = ["side", "vert", "rel", "size", "pct", "count"]
    chosen.sort(key=lambda t: order.index(t[0]))
    items = list(chosen)
    if plc == "first":
        items.insert(rng.randint(0, len(items)), (fk, fv))
    claims = [claim(k, v, p, facts, style, rng) for k, v in items]
    if plc == "first":
        PLANTED = {"text": claims[items.index((fk, fv))], "where": "first"}
    # traps: all true, none about the target except the negations
    traps = []
    if rng.random() < 0.6:
        traps.append(rng.choice(CONVENTION).format(how=HOW[p["view"]]))
    stated = {k for k, _ in items}
    for k in ("side", "count", "size"):
        neg = negation(k, facts, rng)
        if neg and rng.random() < 0.45 and not (fk and (k == fk or (k == "size" and fk == "pct"))):
            traps.append(neg)
    if (style == "hedged" and facts["laterality"] in OPP and fk != "side" and rng.random() < 0.6):
        side = facts["laterality"]
        traps.insert(0, f"At first glance I'd have said it's on the {OPP[side]} — sorry, I mean it is "
                        f"{SIDE[side][0]}, which is displayed on the image's {OPP[side]}.")
    traps += rng.sample(p["kb"], rng.randint(1, 2))
    if style == "latin":
        traps.append(rng.choice(EPONYMS[reg]))
    if rng.random() < 0.5:
        traps.append(p["pop"])
    if rng.random() < 0.4:
        traps.append(rng.choice(COMPARE[reg]))
    if style == "annotator" and rng.random() < 0.5:
        traps.append(f"Its role: {p['fn']}.")
    if style == "hedged" and rng.random() < 0.5:
        traps.insert(0, f"If I remember my anatomy, {p['fn']}.")
    turns = [{"role": "user", "content": first_question(p, style, rng, defect == "names_target")},
             {"role": "assistant", "content": render_first(style, claims, traps, p, rng)}]
    unstated = [t for t in pool if t[0] not in stated and not (t[0] == "pct" and "size" in stated)]
    rounds = 1 + (plc in ("followup", "user")) + (rng.random() < 0.55) + (rng.random() < 0.25)
    rounds = min(rounds, 3)
    plc_round = 2 if plc in ("followup", "user") else None
    if plc_round and rounds == 3 and rng.random() < 0.5:
        plc_round = 3
    for r in range(2, rounds + 1):
        if r == plc_round and plc == "followup":
            qk = "vertc" if (fk == "vert" and p["view"] == "coronal") else fk
            q = rng.choice(QUESTIONS[qk]).format(o=fv[0] if fk == "rel" else "")
            a = wrap(style, claim(fk, fv, p, facts, style, rng), rng)
            PLANTED = {"text": a, "where": "followup"}
        elif r == plc_round and plc == "user":
            ph = user_phrase(fk, fv, p, rng)
            q = rng.choice(USER_FALSE[fk]).format(v=ph)
            a = wrap(style, f"What matters most here is its function: {p['fn']}. The outline is a guide for your "
                            "review rather than a diagnosis.", rng)
            PLANTED = {"text": q, "where": "user"}
        elif unstated and rng.random() < 0.75:
            t = unstated.pop(rng.randrange(len(unstated)))
            qk = "vertc" if (t[0] == "vert" and p["view"] == "coronal") else t[0]
            q = rng.choice(QUESTIONS[qk]).format(o=t[1][0] if t[0] == "rel" else "")
            a = wrap(style, claim(t[0], t[1], p, facts, style, rng), rng)
            neg = negation(t[0], facts, rng)
            if neg and not (fk and (t[0] == fk or (t[0] == "size" and fk == "pct"))) and rng.random() < 0.5:
                a += ("" if a.endswith(".") else ".") + " " + neg
        else:
            q = rng.choice(QUESTIONS["why"])
            a = wrap(style, f"Because {p['fn']}. {rng.choice(p['kb'])}", rng)
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    if defect == "names_target":
        PLANTED = {"text": turns[0]["content"], "where": "question"}
    return turns, ([defect] if defect else [])
