"""Bank AK (helper qcak): new targets across body regions in four mainstream LLM registers, written blind.

Targets: head MR (right hippocampus, left thalamus, lateral ventricles), neck CT (thyroid gland, trachea),
chest CT (heart, left upper lung lobe, esophagus), abdomen CT (right adrenal gland), pelvis CT/MR (left
femur, right iliopsoas, prostate, urinary bladder), coronal CT/MR "LI" (spleen, urinary bladder, right lung),
plus one label the knowledge base does not know (appendix). Masks are synthetic ellipses measured by the
product's own `compute_facts`; every sentence about the mask is written FROM the measured facts.

Registers: "cot" (a reasoning model thinking aloud, then a final answer), "verbose" (friendly, organised,
a summary table or bullet list and a disclaimer), "concise" (two or three crisp sentences), "socratic"
(a guiding question, then the answer). Clean traps: negations, the radiological display convention, true
facts about other structures with their own sides and sizes, comparisons, population numbers,
self-corrections that end on the true fact, confirmations, corrected yes/no questions.

first measure (once, before anything about QC's answers on it was read; misses never read):
207 of 210 defects caught (98.6%), 22 of 210 clean conversations flagged (10.5%);
tp {'laterality': 42, 'position': 42, 'size': 42, 'count': 42, 'names_target': 39}, expected 42 of each kind,
fp {'laterality': 27, 'count': 5}. Afterwards, re-reading this module (not the misses), two names_target
giveaways were replaced ('lobar' does not name the left upper lobe; 'vermiform' clashed with a clean question's
'worm-like'); neither had been drawn, so heldout_ak.jsonl is byte-identical and the measure stands.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["cot", "verbose", "concise", "socratic"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
OPP = {"left": "right", "right": "left"}
REL_TXT = {"left_of": ["to the patient's left of", "on the left side of", "left of"],
           "right_of": ["to the patient's right of", "on the right side of", "right of"],
           "anterior_to": ["in front of", "anterior to", "ventral to"],
           "posterior_to": ["behind", "posterior to", "dorsal to"],
           "superior_to": ["above", "superior to", "higher than"],
           "inferior_to": ["below", "inferior to", "lower than"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
        "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
VWORD = {"anterior": ["toward the front", "anteriorly", "in the front half of the section", "ventrally"],
         "posterior": ["toward the back", "posteriorly", "in the back half of the section", "dorsally"],
         "superior": ["high in the image", "superiorly", "in the upper part of the body on this view",
                      "toward the head"],
         "inferior": ["low in the image", "inferiorly", "in the lower part of the body on this view",
                      "toward the feet"]}
VOPP = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}

# ellipses: (nx, ny, rx, ry) in image fractions; others: centroids of other structures (nx, ny)
PROFILES = [
    dict(target="right hippocampus", mod="MR", region="head", o="LP", name="right hippocampus",
         ell=[(0.36, 0.6, 0.035, 0.018)], others={"brainstem": (0.5, 0.62), "left hippocampus": (0.64, 0.6)},
         q=["Which curved grey-matter structure in the medial temporal lobe on the patient's right is key to "
            "forming new memories, and shrinks early in Alzheimer's disease? Please segment it.",
            "My father's MRI was ordered for memory loss. Can you outline the seahorse-shaped memory structure "
            "on his right side?",
            "Where is the right-sided structure that turns short-term memories into long-term ones? Mask it."],
         give=["hippocampal", "the hippocampus", "Ammon's horn", "hippocampi"]),
    dict(target="left thalamus", mod="MR", region="head", o="LP", name="left thalamus",
         ell=[(0.56, 0.5, 0.03, 0.04)], others={"third ventricle": (0.5, 0.5), "right thalamus": (0.44, 0.5)},
         q=["Which deep grey-matter relay station on the patient's left passes sensory signals up to the cortex? "
            "Segment it, please.",
            "The patient has numbness of the right half of the body after a small stroke. Which deep left-sided "
            "relay nucleus mass is probably involved? Can you outline it?",
            "Could you highlight the left egg-shaped sensory relay hub beside the third ventricle?"],
         give=["thalamic", "the thalamus", "thalami", "thalamocortical"]),
    dict(target="lateral ventricle", mod="MR", region="head", o="LP", name="lateral ventricles",
         ell=[(0.41, 0.47, 0.028, 0.08), (0.59, 0.47, 0.028, 0.08)], others={"third ventricle": (0.5, 0.53)},
         q=["Which paired fluid-filled cavities in the cerebral hemispheres hold most of the cerebrospinal fluid? "
            "Please segment them.",
            "The report mentions hydrocephalus. Can you show me the largest CSF spaces inside the brain?",
            "Where are the C-shaped spaces in each hemisphere that make spinal fluid? Outline them."],
         give=["ventricular", "the lateral ventricles", "ventricles", "intraventricular"]),
    dict(target="thyroid gland", mod="CT", region="neck", o="LP", name="thyroid gland",
         ell=[(0.41, 0.34, 0.045, 0.055), (0.59, 0.34, 0.045, 0.055)], others={"trachea": (0.5, 0.4),
                                                                           "spinal cord": (0.5, 0.7)},
         q=["Which butterfly-shaped endocrine gland in the lower neck makes the hormones that set the metabolic "
            "rate? Please segment it.",
            "Her TSH is high. Can you outline the gland in the neck that is probably underactive?",
            "Which gland wrapping around the front of the windpipe stores iodine? Mask it."],
         give=["thyroidal", "the thyroid", "thyroiditis", "thyroid's"]),
    dict(target="trachea", mod="CT", region="neck", o="LP", name="trachea",
         ell=[(0.5, 0.4, 0.022, 0.02)], others={"spinal cord": (0.5, 0.7), "esophagus": (0.5, 0.5)},
         q=["Which air-filled tube in the midline carries air from the larynx down to the bronchi? Segment it.",
            "Which cartilage-ringed tube would an intubation tube sit in? Please outline it.",
            "Can you mask the stiff air pipe in front of the gullet?"],
         give=["tracheal", "windpipe", "the trachea", "endotracheal"]),
    dict(target="heart", mod="CT", region="chest", o="LP", name="heart",
         ell=[(0.59, 0.4, 0.16, 0.13)], others={"aorta": (0.46, 0.62), "esophagus": (0.5, 0.6)},
         q=["Which muscular organ in the chest pumps blood around the body? Please segment it.",
            "Chest pain and a raised troponin: can you outline the organ we worry about?",
            "Which four-chambered pump sits between the lungs? Mask it for me."],
         give=["cardiac", "the heart", "cardiomegaly", "pericardial"]),
    dict(target="left upper lung lobe", mod="CT", region="chest", o="LP", name="left upper lobe",
         ell=[(0.7, 0.48, 0.14, 0.2)], others={"heart": (0.56, 0.4), "aorta": (0.47, 0.6)},
         q=["Which upper segment of the breathing organ on the patient's left, including the lingula, is "
            "affected by this pneumonia? Please segment it.",
            "A smoker has a cough and a shadow near the left apex. Which lobe should we outline?",
            "Can you mask the part of the left breathing organ that holds the apex and the lingula?"],
         give=["the left upper lobe", "LUL", "left upper lung lobe", "the upper lobe"]),
    dict(target="esophagus", mod="CT", region="chest", o="LP", name="esophagus",
         ell=[(0.5, 0.62, 0.015, 0.015)], others={"trachea": (0.5, 0.45), "aorta": (0.58, 0.66)},
         q=["Which muscular tube carries swallowed food from the throat to the stomach? Please segment it.",
            "He has trouble swallowing solids. Which swallowing passage should we outline on this chest slice?",
            "Can you mask the collapsed swallowing tube behind the airway?"],
         give=["oesophageal", "esophageal", "gullet", "the oesophagus"]),
    dict(target="right adrenal gland", mod="CT", region="abdomen", o="LP", name="right adrenal gland",
         ell=[(0.38, 0.6, 0.014, 0.022)], others={"aorta": (0.52, 0.62), "liver": (0.3, 0.4)},
         q=["Which small hormone-producing gland perched on top of the right kidney makes cortisol and "
            "epinephrine? Segment it.",
            "His blood pressure spikes with headaches and sweating. Which right-sided gland above the kidney "
            "should we outline?",
            "Could you mask the little Y-shaped gland capping the right kidney?"],
         give=["adrenal", "suprarenal", "adrenals", "the adrenal"]),
    dict(target="left femur", mod="CT", region="pelvis", o="LP", name="left femur",
         ell=[(0.7, 0.5, 0.035, 0.035)], others={"urinary bladder": (0.5, 0.38), "right femur": (0.3, 0.5)},
         q=["Which long bone on the patient's left carries body weight from the hip to the knee? Please "
            "segment it.",
            "After a fall she cannot bear weight on the left leg. Which long bone should we outline?",
            "Which left-sided bone forms the ball of the hip joint? Mask it."],
         give=["femoral", "the femur", "thigh bone", "femora"]),
    dict(target="right iliopsoas", mod="CT", region="pelvis", o="LP", name="right iliopsoas",
         ell=[(0.36, 0.52, 0.04, 0.05)], others={"urinary bladder": (0.5, 0.38), "sacrum": (0.5, 0.7)},
         q=["Which muscle on the patient's right is the strongest flexor of the hip? Please segment it.",
            "Pain when lifting the right leg against resistance: which hip-flexing muscle should we outline?",
            "Can you mask the right-sided muscle that runs from the lumbar spine to the lesser trochanter?"],
         give=["psoas", "iliopsoas", "the iliacus", "psoas major"]),
    dict(target="prostate", mod="MR", region="pelvis", o="LP", name="prostate",
         ell=[(0.5, 0.6, 0.05, 0.04)], others={"urinary bladder": (0.5, 0.35), "sacrum": (0.5, 0.82)},
         q=["Which walnut-sized male gland surrounds the urethra just below the bladder? Please segment it.",
            "His PSA is 9 ng/mL. Which gland should we outline on this MRI?",
            "Which gland can be felt through the rectal wall on a digital exam? Mask it."],
         give=["prostatic", "the prostate", "prostatitis", "BPH"]),
    dict(target="urinary bladder", mod="CT", region="pelvis", o="LP", name="urinary bladder",
         ell=[(0.5, 0.36, 0.09, 0.07)], others={"sacrum": (0.5, 0.75), "left femur": (0.72, 0.5)},
         q=["Which hollow muscular organ in the pelvis stores urine? Please segment it.",
            "She has painful, frequent urination. Which organ at the front of the pelvis should we outline?",
            "Can you mask the urine reservoir behind the pubic bone?"],
         give=["vesical", "the bladder", "cystitis", "bladder wall"]),
    dict(target="appendix", mod="CT", region="abdomen", o="LP", name="appendix", unknown=True,
         ell=[(0.3, 0.42, 0.012, 0.012)], others={"urinary bladder": (0.5, 0.6), "aorta": (0.5, 0.56)},
         q=["Which small blind-ending tube hanging from the caecum becomes inflamed in right lower quadrant "
            "pain? Please segment it.",
            "A teenager has pain that moved from the navel to the right iliac fossa. Which worm-like outpouching "
            "should we outline?",
            "Can you mask the little finger-like pouch attached to the start of the large bowel?"],
         give=["appendiceal", "appendicitis", "periappendiceal", "the appendix"]),
    dict(target="spleen", mod="CT", region="abdomen", o="LI", name="spleen",
         ell=[(0.72, 0.3, 0.06, 0.09)], others={"liver": (0.3, 0.32), "left kidney": (0.62, 0.45)},
         q=["Which fist-sized organ filters old red blood cells and can rupture after a blow to the ribs? "
            "Segment it on this coronal image.",
            "After glandular fever we worry about an enlarged blood-filtering organ. Can you outline it?",
            "Which organ of the immune system sits under the lower ribs near the stomach? Mask it."],
         give=["splenic", "the spleen", "splenomegaly", "perisplenic"]),
    dict(target="urinary bladder", mod="MR", region="pelvis", o="LI", name="urinary bladder",
         ell=[(0.5, 0.74, 0.08, 0.06)], others={"left femur": (0.72, 0.74), "L5 vertebra": (0.5, 0.3)},
         q=["On this coronal view, which hollow organ stores urine until voiding? Please segment it.",
            "He has urinary retention. Which organ, low in the pelvis, should we outline?",
            "Which distensible urine reservoir sits between the hip joints? Mask it."],
         give=["vesical", "the bladder", "cystitis", "bladder wall"]),
    dict(target="right lung", mod="CT", region="chest", o="LI", name="right lung",
         ell=[(0.32, 0.36, 0.13, 0.2)], others={"heart": (0.56, 0.5), "liver": (0.32, 0.72)},
         q=["Which air-filled organ on the patient's right has three lobes? Please segment it on this coronal "
            "reconstruction.",
            "Air has leaked around the right breathing organ after a rib fracture. Which three-lobed organ should we outline?",
            "Can you mask the right-sided organ of gas exchange?"],
         give=["pulmonary", "the lung", "lungs", "pneumonic"]),
]

# true facts about OTHER structures (their own sides, sizes, positions), by body region
OTHER_KB = {
    "head": ["The left hemisphere controls speech in most right-handed people.",
             "The brainstem sits in the midline, behind and below the thalami.",
             "The pineal gland lies in the midline above the tectum.",
             "The cerebellum sits at the back of the skull, below the occipital lobes."],
    "neck": ["The common carotid arteries run on each side of the neck, lateral to the airway.",
             "The spinal cord lies at the back, inside the vertebral canal.",
             "The esophagus usually lies behind the trachea, a little to the left."],
    "chest": ["The aorta arches over the left main bronchus.",
              "The liver lies below the right hemidiaphragm, which is usually higher than the left.",
              "The right lung has three lobes, while the left has two.",
              "The superior vena cava runs down the right side of the mediastinum."],
    "abdomen": ["The liver is the largest solid organ and fills the right upper quadrant.",
                "The spleen sits high on the left, under the lower ribs.",
                "The aorta runs just left of the midline in front of the spine.",
                "The inferior vena cava lies on the right of the aorta."],
    "pelvis": ["The sigmoid colon usually lies on the left side of the pelvis.",
               "The sacrum forms the back wall of the pelvis.",
               "The femoral heads sit on either side, well away from the midline.",
               "The rectum lies behind the bladder and the prostate."],
}
POP = ["Roughly 1 in 5 adults shows some normal variant on imaging.",
       "About 10% of healthy people have minor asymmetry between the two sides.",
       "In published series, about 30% of such scans are reported as entirely normal.",
       "Studies quote an inter-observer agreement of about 85% for this kind of outline.",
       "Around 2% of the population carries an anatomical variant here that is of no consequence."]
DISCLAIM = ["This is an educational description, not a diagnosis; please discuss the images with your radiologist.",
            "Please treat this as a learning aid only - a qualified clinician should interpret the scan.",
            "Note: I can't give medical advice; a radiologist's report is the reference.",
            "As always, this is not a substitute for professional review of the full study."]


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": p["o"]}


def pick_profile(profiles, i, defect, rng):
    # weight bilateral / midline masks up a little for side and count defects
    if defect in ("laterality", "count") and rng.random() < 0.35:
        return rng.choice([p for p in profiles if len(p["ell"]) > 1 or p["target"] in
                           ("trachea", "esophagus", "prostate", "urinary bladder")])
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts

    w = h = 512
    yy, xx = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    k = rng.uniform(0.94, 1.06)
    for nx, ny, rx, ry in p["ell"]:
        cx, cy = (nx + (0 if nx == 0.5 else rng.uniform(-0.01, 0.01))) * (w - 1), (ny + rng.uniform(-0.01, 0.01)) * (h - 1)
        mask |= ((xx - cx) / (rx * k * w)) ** 2 + ((yy - cy) / (ry * k * h)) ** 2 <= 1.0
    return compute_facts(mask, p["o"], others=dict(p["others"])).model_dump(mode="json")


# ------------------------------------------------------------------ true sentences from facts


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


def side_true(f, rng, it="it"):
    s = f["laterality"]
    if s in OPP:
        o = OPP[s]
        return rng.choice([f"{it} lies on the patient's {s}", f"{it} is on the {s} side of the body",
                           f"{it} sits in the patient's {s} half", f"the mask is {s}-sided",
                           f"{it} is located to the patient's {s} of the midline",
                           f"{it} occupies the {s} side, with nothing crossing to the {o}",
                           f"anatomically, {it} is on the {s}"])
    if s == "midline":
        return rng.choice([f"{it} sits in the midline", f"{it} is central, straddling the midline",
                           f"{it} lies centrally rather than to one side", f"the mask is midline",
                           f"{it} is a midline structure on this slice", f"{it} is centred on the midline"])
    return rng.choice(["there is one part on each side of the midline", "it is bilateral, left and right",
                       "both the left and the right side are included", "the mask covers both sides",
                       "one component lies on the patient's left and one on the right",
                       "it is present on both sides of the body"])


def vert_true(f, rng, it="it"):
    v = f["vertical"]
    if v not in VWORD:
        return None
    return rng.choice([f"{it} lies {rng.choice(VWORD[v])}", f"its position is {v}",
                       f"{it} sits {rng.choice(VWORD[v])} on this slice", f"{it} is {v} in location",
                       f"it is placed {rng.choice(VWORD[v])}", f"the centroid is {v}"])


def pct(f, rng):
    p = f["area_fraction"] * 100
    return rng.choice([f"about {p:.1f}%", f"roughly {p:.1f} percent", f"~{p:.1f}%", f"close to {p:.1f}%"])


def size_true(f, rng, it="it"):
    c = f["size_class"]
    word = {"small": ["small", "modest in size", "compact"], "medium": ["medium-sized", "moderate in size",
                                                                       "of intermediate size"],
            "large": ["large", "big", "sizeable"]}[c]
    return rng.choice([f"{it} is {rng.choice(word)} on this slice", f"{it} covers {pct(f, rng)} of the image",
                       f"{it} takes up {pct(f, rng)} of the slice, so {rng.choice(word)}",
                       f"the mask is {rng.choice(word)} ({pct(f, rng)} of the image)",
                       f"by area {it} is {rng.choice(word)}", f"{it} occupies {pct(f, rng)} of the frame"])


def count_true(f, rng, it="it"):
    n = f["components"]
    if n == 1:
        return rng.choice([f"{it} is one connected region", "the mask is a single piece",
                           f"{it} forms one continuous area", "there is exactly one component",
                           f"{it} is a single contiguous region", "only one region is outlined"])
    w = {2: "two", 3: "three", 4: "four"}.get(n, str(n))
    return rng.choice([f"the mask has {w} separate components", f"{it} appears as {w} distinct regions",
                       f"there are {w} disconnected parts", f"{it} is split into {w} pieces on this slice",
                       f"{w} separate islands make up the mask", f"the outline consists of {w} regions"])


def rel_true(f, rng, it="it"):
    if not f["relations"]:
        return None
    r = rng.choice(f["relations"])
    return rng.choice([f"{it} lies {rng.choice(REL_TXT[r['relation']])} the {r['other']}",
                       f"relative to the {r['other']}, {it} is {rng.choice(REL_TXT[r['relation']])} it",
                       f"{it} sits {rng.choice(REL_TXT[r['relation']])} the {r['other']}"])


def traps(p, f, rng, skip: str | None):
    """True sentences a careless checker misreads; `skip` drops those of the planted kind."""
    out = list(rng.sample(OTHER_KB[p["region"]], 2)) + [rng.choice(POP)]
    s, v = f["laterality"], f["vertical"]
    if skip != "laterality":
        if s in OPP:
            o = OPP[s]
            out += [rng.choice([f"It is not on the {o} side.", f"There is no extension to the patient's {o}.",
                                f"Nothing is outlined on the {o}."]),
                    rng.choice([f"On screen it appears on the viewer's {o}, because radiological images show the "
                                f"patient's {s} on the {o} of the picture." if p["o"][0] == "L" else
                                f"By convention the patient's left is on the viewer's right.",
                                ("Radiological convention for axial slices: we look up from the feet, so the "
                                 "patient's left is on the right of the screen." if p["o"] == "LP" else
                                 "On a coronal image we face the patient, so the patient's left is on the "
                                 "viewer's right.")]),
                    f"At first glance you might say the {o} - sorry, the {s}: it is on the patient's {s}."]
        elif s == "midline":
            out += ["It is neither clearly left nor right.", "It does not lean to one side."]
        else:
            out += ["It is not confined to one side.", "Neither side is spared."]
    if skip != "position" and v in VOPP:
        out += [rng.choice([f"It is not {VOPP[v]}.", f"It does not lie {VWORD[VOPP[v]][1]}."])]
    if skip != "count":
        out += ["No second focus is seen." if f["components"] == 1 else "It is not a single region."]
    if skip != "size":
        out += [{"small": "It is not large here.", "medium": "It is neither tiny nor huge.",
                 "large": "It is not small on this slice."}[f["size_class"]]]
    return out


# ------------------------------------------------------------------ false sentences (one per defect)


def false_claim(kind, p, f, rng, where: str) -> str:
    """One plainly false sentence of `kind` (an assertion; `where`='user' gives a false-premise question)."""
    s, v, n = f["laterality"], f["vertical"], f["components"]
    if kind == "laterality":
        if s in OPP:
            o = OPP[s]
            if where == "user":
                return rng.choice([f"Why does it sit on the patient's {o} side here?",
                                   f"Since it is on the {o}, does that change anything?",
                                   f"Given that it lies on the patient's {o}, is that normal?"])
            return rng.choice([f"It lies on the patient's {o}.", f"It is on the {o} side of the body.",
                               f"The mask is {o}-sided.", f"Anatomically, it is on the {o}."])
        if s == "midline":
            side = rng.choice(["left", "right"])
            if where == "user":
                return f"Why is it pushed so far over to the patient's {side}, away from the midline?"
            return rng.choice([f"It lies well to the patient's {side}, away from the midline.",
                               f"It is clearly a {side}-sided structure, not midline."])
        side = rng.choice(["left", "right"])
        if where == "user":
            return f"Why is only the {side} one outlined, with nothing on the other side?"
        return rng.choice([f"Only the {side} side is involved.", f"It lies on the patient's {side} only.",
                           f"The mask is confined to the {side} side."])
    if kind == "position":
        if v in VOPP and (rng.random() < 0.5 or not f["relations"]):
            bad = VOPP[v]
            if where == "user":
                return rng.choice([f"Why does it sit so {VWORD[bad][1]} on this slice?",
                                   f"Since it lies {VWORD[bad][0]}, is it displaced?"])
            return rng.choice([f"It lies {VWORD[bad][0]}.", f"Its position is {bad}.",
                               f"It sits {VWORD[bad][1]} on this slice."])
        r = rng.choice(f["relations"])
        bad = rng.choice(REL_TXT[FLIP[r["relation"]]])
        if where == "user":
            return f"Why does it lie {bad} the {r['other']}?"
        return rng.choice([f"It lies {bad} the {r['other']}.", f"It sits {bad} the {r['other']}."])
    if kind == "size":
        big = f["size_class"] != "large" and (f["size_class"] == "small" or rng.random() < 0.5)
        if where == "user":
            return ("Why is it so huge on this slice?" if big else "Why is it so tiny here?")
        if big:
            return rng.choice(["It is huge on this slice.", "It covers roughly 40% of the image.",
                               "It is a very large structure, filling most of the frame.",
                               "It takes up about a third of the slice."])
        return rng.choice(["It is tiny on this slice.", "It covers about 0.1% of the image.",
                           "It is minuscule, a mere speck.", "It occupies well under half a percent of the slice."])
    if kind == "count":
        if where == "user":
            return ("Why is it broken into two separate pieces?" if n == 1
                    else "Why is it just one single connected blob?")
        if n == 1:
            return rng.choice(["It is split into two separate pieces.", "There are three disconnected parts.",
                               "The mask has two distinct components."])
        return rng.choice(["It is a single connected region.", "The mask is one continuous piece.",
                           "There is only one component."])
    raise ValueError(kind)


# ------------------------------------------------------------------ registers


def first_answer(p, f, style, rng, sents: list[str], extra: list[str]) -> str:
    name = p["name"]
    art = "the "
    if style == "cot":
        opener = rng.choice(["Let me think.", "Let me think this through.", "Okay, let me reason about this.",
                             "Thinking step by step.", "Let me work through it.", "Hmm, let me think."])
        clue = rng.choice([f"The question mentions {p['hint']}, so the target is {art}{name}.",
                           f"The clues point to {art}{name}.", f"Putting the hints together, this must be {art}{name}.",
                           f"That description fits {art}{name}.", f"So we are looking for {art}{name}.",
                           f"The function described belongs to {art}{name}."])
        look = rng.choice(["Looking at the mask,", "Checking the segmentation,", "On the image,",
                           "Now the geometry:", "From the outline,", "Looking at where it falls,"])
        body = " ".join(sents + extra)
        if look.endswith(",") and not body.startswith("L5"):
            body = body[0].lower() + body[1:]
        final = rng.choice([f"Final answer: {art}{name} [SEG].", f"**Answer:** {art}{name} [SEG]",
                            f"So the answer is {art}{name} [SEG].", f"Answer: {name} [SEG]"])
        return f"{opener} {clue} {look} {body}\n\n{final}"
    if style == "verbose":
        head = rng.choice([f"Great question! The structure you're describing is **{art}{name}** [SEG].",
                           f"Sure! Here is **{art}{name}**, highlighted for you [SEG].",
                           f"Happy to help. The answer is **{art}{name}** [SEG]."])
        if rng.random() < 0.5:
            table = "| Feature | Finding |\n|---|---|\n" + "\n".join(
                f"| {lab} | {s.rstrip('.')} |" for lab, s in zip(["Point 1", "Point 2", "Point 3", "Point 4",
                                                                   "Point 5", "Point 6"], sents))
            mid = "### Summary\n" + table
        else:
            mid = "### Key points\n" + "\n".join(f"- {s}" for s in sents)
        ctx = ("### Context\n" + " ".join(extra)) if extra else ""
        return "\n\n".join(x for x in [head, mid, ctx, "*" + rng.choice(DISCLAIM) + "*"] if x)
    if style == "concise":
        lead = rng.choice([f"{cap(art + name)} [SEG].", f"That's {art}{name} [SEG].", f"This is {art}{name} [SEG].",
                           f"Segmented: {art}{name} [SEG]."])
        return " ".join([lead] + sents[:3] + extra[:1])
    guide = rng.choice(["What structure does that job? Think about where memory, breathing or storage happens.",
                        "Before I answer: what organ or structure would you expect to do that?",
                        "Which structure comes to mind when you hear that function?",
                        "Ask yourself: which part of the anatomy performs that role?",
                        "What would you look for first on this slice, and why?",
                        "Can you recall which structure is known for that?"])
    ans = rng.choice([f"It's {art}{name} [SEG].", f"The answer: {art}{name} [SEG].",
                      f"That's right if you thought of {art}{name} [SEG].", f"Here it is - {art}{name} [SEG]."])
    return " ".join([guide, ans] + sents + extra)


def fmt_follow(style, sents, rng):
    if style == "cot":
        return rng.choice(["Let me check again. ", "Thinking about it: ", "Let me look. "]) + " ".join(sents)
    if style == "verbose":
        return rng.choice(["Good follow-up!\n\n", "Sure, here's more detail:\n\n"]) + "\n".join(
            f"- {s}" for s in sents) + "\n\n*" + rng.choice(DISCLAIM) + "*"
    if style == "socratic":
        return rng.choice(["What does the outline tell you? ", "Where would you expect it? ",
                           "Look again at the mask - what do you see? "]) + " ".join(sents)
    return " ".join(sents[:3])


FOLLOW_Q = {"laterality": ["Which side, then?", "Which side is it on?", "Is it on the left or the right?",
                           "Can you confirm the side for me?"],
            "position": ["Where exactly is it?", "Is it toward the front or the back?", "Where does it sit?",
                         "How does it relate to its neighbours?"],
            "size": ["How big is it?", "How much of the slice does it cover?", "Is it large?",
                     "What about its size?"],
            "count": ["Is it one piece?", "How many parts are there?", "Is there more than one region?",
                      "Any second focus?"],
            "why": ["Why is that?", "Why does that matter?", "Why is that important clinically?"]}


def sent(s):
    return cap(s) + "."


def true_of(kind, f, rng):
    fn = {"laterality": side_true, "position": lambda f, r: vert_true(f, r) or rel_true(f, r),
          "size": size_true, "count": count_true, "relation": rel_true}[kind]
    s = fn(f, rng)
    return sent(s) if s else None


def build(p, facts, style, rng, defect):
    f = facts
    p = dict(p, hint=rng.choice(["its function", "the clinical picture", "what it does", "the symptoms"]))
    expected = [defect] if defect else []
    # where the planted claim goes
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["first", "follow", "user"], [0.55, 0.25, 0.2])[0]
    # first question
    q = rng.choice(p["q"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        q = rng.choice([f"Can you segment the {g} region on this scan?" if not g.startswith("the ") else
                        f"Can you segment {g} on this scan?",
                        f"Where is the {g} structure here? Please outline it." if not g.startswith("the ") else
                        f"Where is {g} here? Please outline it.",
                        f"{q[:-1] if q.endswith('?') else q} I think it's {g if g.startswith('the ') else 'the ' + g + ' one'}, right?"])
    # first answer: true facts, minus the defect kind when that kind is planted elsewhere or here
    kinds = ["laterality", "position", "size", "count", "relation"]
    rng.shuffle(kinds)
    chosen = []
    for k in kinds[: rng.randint(3, 5)]:
        if defect and k == defect or (defect == "position" and k == "relation"):
            continue
        t = true_of(k, f, rng)
        if t:
            chosen.append(t)
    if defect and where == "first":
        chosen.insert(rng.randrange(len(chosen) + 1), false_claim(defect, p, f, rng, "first"))
    tr = traps(p, f, rng, defect if defect != "names_target" else None)
    extra = rng.sample(tr, k=min(len(tr), rng.randint(1, 3)))
    turns = [{"role": "user", "content": q},
             {"role": "assistant", "content": first_answer(p, f, style, rng, chosen, extra)}]
    # follow-ups
    n_more = rng.choice([0, 1, 1, 2, 2, 3])
    if where in ("follow", "user"):
        n_more = max(n_more, 1)
    slot = rng.randrange(n_more) if where in ("follow", "user") else -1
    for j in range(n_more):
        k = rng.choice(["laterality", "position", "size", "count", "why"])
        if defect and k == defect and j != slot:
            k = "why"
        if j == slot:
            k = defect
        if j == slot and where == "user":
            uq = false_claim(defect, p, f, rng, "user")
            ans = [rng.choice(tr) if tr else "Good question.", rng.choice(OTHER_KB[p["region"]])]
            turns += [{"role": "user", "content": uq},
                      {"role": "assistant", "content": fmt_follow(style, ans, rng)}]
            continue
        uq = rng.choice(FOLLOW_Q[k])
        if p["o"] == "LI" and uq == "Is it toward the front or the back?":
            uq = "Is it high or low in the body?"
        if k == "why":
            ans = [rng.choice(["Because knowing the exact structure guides the next step in management.",
                               "Because the neighbouring structures change the surgical or biopsy approach.",
                               "Because comparison with the other side helps spot subtle disease."]),
                   rng.choice(OTHER_KB[p["region"]])]
        elif j == slot:
            ans = [false_claim(defect, p, f, rng, "follow"), rng.choice(POP)]
        else:
            # confirmation or corrected yes/no question, all true
            if k == "laterality" and f["laterality"] in OPP and rng.random() < 0.5:
                s = f["laterality"]
                if rng.random() < 0.5:
                    uq = f"So it's on the patient's {s}?"
                    ans = [f"Yes, exactly - the {s}.", (true_of("position", f, rng) if defect != "position" else None)
                           or "That is all I can see on that point."]
                else:
                    uq = f"Is it on the {OPP[s]}?"
                    ans = [f"No - it is not on the {OPP[s]}; it lies on the patient's {s}.",
                           rng.choice(OTHER_KB[p["region"]])]
            else:
                t = true_of(k, f, rng) or true_of("size", f, rng)
                ans = [t] + ([x for x in tr if "not" in x][:1] if defect != k else [])
                ans.append(rng.choice(POP + OTHER_KB[p["region"]]))
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": fmt_follow(style, ans, rng)}]
    return turns, expected
