"""Bank CC: a blind QC bank (helper qccc) on brain MR and thorax CT, written without opening the QC rules.

Targets: brain MR axial "LP" (both lateral ventricles, one thalamus, both thalami, a hippocampus, the brainstem,
the cerebellum, a glioma's enhancing rim and its surrounding oedema, and the pineal gland, a label the knowledge
base does not know), brain MR coronal "LI" (both hippocampi), thorax CT axial "LP" (both lungs, one lung, the
heart, the aorta at the arch level in two pieces, the trachea, the oesophagus) and thorax CT coronal "LI"
(both lungs, the trachea). Facts are the product's own measurement (`compute_facts`) of synthetic ellipse masks
on a 256 x 256 image; the prose is written from those facts.

Registers (`STYLES`): `measure` (pixel geometry: bounding box [x1, y1, x2, y2], centroid (row, col), width x
height in px, image 256 x 256, all true), `chain` (Observation -> Inference -> Conclusion), `world` (RAS
millimetres from an assumed pixel spacing: the centroid's x sign gives the side), `caveats` (a concise answer and
a "Confidence and caveats" section with slice thickness and what one slice cannot show). One planted false claim
per defective row; of side/position/size/count defects, 9 of 42 per kind sit in a user turn that the reply does not
correct and 8 only in a follow-up answer (`pick_profile` cycles them). Clean rows carry true negations ("not
limited to one side", "no second focus"), the radiological display convention, knowledge sentences about other
structures with their own sides, hedges, textbook numbers (including a true percentage) and pixel numbers that are
not area shares. The writer checked every row with an own reader (no QC): 210/210 clean rows with no false claim,
each defect row exactly one false claim of its kind. First measure: not taken by the writer (the lead measures
after merging).
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
STYLES = ["measure", "chain", "world", "caveats"]
N = 256
C = (N - 1) / 2

CONV = ["On this radiological display the patient's left is shown on the image's right.",
        "Remember the display convention: the image's right-hand side is the patient's left.",
        "Radiological convention applies, so what sits on the right of the screen is the patient's left."]

BRAIN_KB = ["The left hemisphere is dominant for language in most right-handed people.",
            "The pineal gland sits in the midline behind the third ventricle.",
            "The fourth ventricle lies in front of the cerebellum, behind the pons.",
            "The caudate heads bulge into the frontal horns from the lateral side."]
THORAX_KB = ["The right lung has three lobes, whereas the left lung has two.",
             "The heart's apex normally points toward the patient's left.",
             "The superior vena cava runs down the right side of the mediastinum.",
             "The descending aorta runs alongside the spine on the patient's left."]


def _p(target, region, orient, blobs, others, q, give, pop, name=None, noun="structure"):
    return dict(target=target, region=region, orient=orient, blobs=blobs, others=others, q=q, give=give,
                pop=pop, name=name or target, noun=noun)


# blobs: (row, col, radius_rows, radius_cols) in pixels; others: normalised (x, y) centroids of other structures
PROFILES = [
    _p("lateral ventricle", "brain", "LP", [(105, 108, 26, 9), (105, 148, 26, 9)],
       {"brainstem": (0.5, 0.62), "pineal gland": (0.5, 0.6)},
       ["Which paired cavities deep in the cerebral hemispheres hold cerebrospinal fluid and widen in "
        "hydrocephalus? Please segment them.", "Where is the CSF-filled space that enlarges when CSF outflow is "
        "blocked? Outline it, please."],
       ["the lateral ventricles", "ventricular", "the LVs", "periventricular", "ventricles"],
       "In healthy adults the two lateral ventricles together hold roughly 20 to 30 mL of CSF.",
       name="lateral ventricles", noun="fluid spaces"),
    _p("left thalamus", "brain", "LP", [(148, 143, 14, 10)],
       {"brainstem": (0.5, 0.7), "lateral ventricle": (0.5, 0.41)},
       ["Which deep grey-matter relay station on one side passes sensory signals up to the cortex? Please segment "
        "it.", "A patient has one-sided numbness after a small stroke in the deep relay nucleus; can you outline "
        "the structure involved?"],
       ["the thalamus", "thalamic", "the left thalamus", "thalami", "thalamo-cortical"],
       "Each thalamus is about 3 cm long from front to back in adults.", name="left thalamus"),
    _p("thalamus", "brain", "LP", [(148, 106, 14, 10), (148, 150, 14, 10)],
       {"brainstem": (0.5, 0.72), "lateral ventricle": (0.5, 0.41)},
       ["Which paired deep grey-matter relay nuclei route sensory signals to the cortex? Please segment them.",
        "Outline the relay centres that gate sensation and alertness, please; the patient has bilateral deep "
        "infarcts."],
       ["the thalami", "thalamic", "thalamus", "bithalamic", "thalamo-"],
       "Each thalamus is about 3 cm long from front to back in adults.", name="thalami", noun="nuclei"),
    _p("right hippocampus", "brain", "LP", [(150, 92, 18, 7)],
       {"brainstem": (0.5, 0.62), "lateral ventricle": (0.5, 0.41)},
       ["Which curved grey-matter structure in the medial temporal lobe lays down new memories? Segment the one "
        "shown, please.", "Memory loss is the complaint; please outline the medial temporal memory structure on "
        "this slice."],
       ["the hippocampus", "hippocampal", "the right hippocampus", "hippocampi", "the hippocampal formation"],
       "Hippocampal volume is roughly 3 to 4 mL per side in healthy adults.", name="right hippocampus"),
    _p("brainstem", "brain", "LP", [(165, 128, 16, 14)],
       {"lateral ventricle": (0.5, 0.41), "cerebellum": (0.5, 0.85)},
       ["Which part of the central nervous system links the cerebrum to the spinal cord and controls breathing? "
        "Please segment it.", "Where are the centres for breathing and heart rate that connect the cerebrum to "
        "the cord? Outline them."],
       ["the brainstem", "brain stem", "brainstem's", "the brain-stem", "brainstem"],
       "The brainstem is roughly 7 to 8 cm long from midbrain to medulla.", name="brainstem"),
    _p("cerebellum", "brain", "LP", [(212, 104, 24, 26), (212, 152, 24, 26), (212, 128, 14, 10)],
       {"brainstem": (0.5, 0.64), "lateral ventricle": (0.5, 0.41)},
       ["Which structure in the posterior fossa coordinates balance and fine movement? Please segment it.",
        "The patient is ataxic and falls to one side; outline the part of the hindbrain that coordinates "
        "movement."],
       ["the cerebellum", "cerebellar", "cerebella", "the cerebellar hemispheres", "cerebellar tissue"],
       "The cerebellum makes up about 10% of brain volume yet holds more than half of its neurons.",
       name="cerebellum"),
    _p("enhancing tumour", "brain", "LP", [(80, 90, 9, 8), (100, 76, 6, 6), (60, 106, 5, 5)],
       {"lateral ventricle": (0.5, 0.41), "brainstem": (0.5, 0.64)},
       ["In this glioma, which part of the mass lights up after gadolinium and marks a broken blood-brain "
        "barrier? Segment it.", "Please outline the part of this glioma that takes up contrast on the T1 "
        "post-gadolinium image."],
       ["the enhancing tumour", "enhancing", "the ET", "contrast-enhancing", "the enhancing rim"],
       "Median survival in glioblastoma is around 15 months even with full treatment.",
       name="enhancing tumour", noun="lesion"),
    _p("peritumoral edema", "brain", "LP", [(92, 170, 30, 24)],
       {"lateral ventricle": (0.5, 0.41), "brainstem": (0.5, 0.64)},
       ["Which bright FLAIR region surrounds this glioma, where fluid has leaked into the white matter? Please "
        "segment it.", "Outline the swollen, fluid-laden white matter around the mass on the FLAIR image, please."],
       ["the oedema", "edema", "the peritumoral edema", "oedematous", "the ED"],
       "Vasogenic swelling around a glioma can extend several centimetres beyond the visible mass.",
       name="peritumoral oedema", noun="region"),
    _p("pineal gland", "brain", "LP", [(158, 128, 5, 4)],
       {"lateral ventricle": (0.5, 0.41), "cerebellum": (0.5, 0.85)},
       ["Which small gland deep in the brain secretes melatonin and often calcifies in adults? Please segment it.",
        "A teenager has a small lesion at the gland that sets the sleep-wake rhythm via melatonin; outline that "
        "gland."],
       ["the pineal", "pineal gland", "pinealoma", "the epiphysis cerebri", "pineal"],
       "Calcification of this gland is seen on CT in roughly half of adults over 30.", name="pineal gland",
       noun="gland"),
    _p("hippocampus", "brain", "LI", [(150, 96, 9, 8), (150, 160, 9, 8)],
       {"brainstem": (0.5, 0.62), "lateral ventricle": (0.5, 0.4)},
       ["On this coronal slice, which paired medial temporal structures encode new memories? Please segment "
        "them.", "This patient has early memory decline; outline the paired medial temporal memory structures "
        "on the coronal image."],
       ["the hippocampi", "hippocampal", "hippocampus", "the HC", "the hippocampal formation"],
       "Hippocampal volume is roughly 3 to 4 mL per side in healthy adults.", name="hippocampi"),
    _p("lung", "thorax", "LP", [(128, 80, 62, 38), (128, 178, 60, 34)],
       {"heart": (0.53, 0.42), "vertebral body": (0.5, 0.8)},
       ["Which paired spongy organs exchange oxygen and carbon dioxide? Please segment them.",
        "The patient is short of breath; outline the organs where gas exchange happens on this CT slice."],
       ["the lungs", "pulmonary", "lung fields", "the lung parenchyma", "both lungs"],
       "Total lung capacity in an adult is around 6 litres.", name="lungs", noun="organs"),
    _p("right lung", "thorax", "LP", [(125, 78, 60, 36)],
       {"heart": (0.53, 0.42), "vertebral body": (0.5, 0.8)},
       ["Which three-lobed organ handles gas exchange on one side of the chest? Please segment it.",
        "Outline the gas-exchanging organ on the side that has three lobes, please."],
       ["the right lung", "pulmonary", "lung", "the right lung's", "lungs"],
       "Total lung capacity in an adult is around 6 litres.", name="right lung", noun="organ"),
    _p("heart", "thorax", "LP", [(98, 140, 30, 34)],
       {"vertebral body": (0.5, 0.8), "esophagus": (0.52, 0.7)},
       ["Which muscular organ pumps blood through both circulations? Please segment it.",
        "Outline the four-chambered pump in the middle of the chest, please; the patient has an irregular pulse."],
       ["the heart", "cardiac", "the myocardium", "the cardiac silhouette", "cardio-"],
       "An adult heart weighs roughly 250 to 350 g.", name="heart", noun="organ"),
    _p("aorta", "thorax", "LP", [(92, 128, 11, 11), (166, 156, 10, 10)],
       {"trachea": (0.49, 0.45), "vertebral body": (0.5, 0.82)},
       ["Which main artery carries blood from the pumping chamber to the whole body? Please segment it on this "
        "slice.", "Tearing chest pain radiating to the back: outline the main artery leaving the heart, please."],
       ["the aorta", "aortic", "the thoracic aorta", "aortas", "periaortic"],
       "The normal adult aortic root measures about 3 cm across.", name="aorta", noun="vessel"),
    _p("trachea", "thorax", "LP", [(96, 128, 9, 9)],
       {"esophagus": (0.52, 0.62), "vertebral body": (0.5, 0.8)},
       ["Which cartilage-ringed air tube carries air from the larynx to the bronchi? Please segment it.",
        "A patient has stridor; outline the main air passage in the lower neck and upper chest, please."],
       ["the trachea", "tracheal", "the windpipe", "endotracheal", "tracheo-"],
       "The adult trachea is about 10 to 12 cm long and 2 cm wide.", name="trachea", noun="airway"),
    _p("esophagus", "thorax", "LP", [(168, 136, 6, 6)],
       {"trachea": (0.5, 0.37), "heart": (0.55, 0.38)},
       ["Which muscular tube carries swallowed food down to the stomach? Please segment it.",
        "Outline the swallowing tube that food passes through on its way to the stomach; the patient has "
        "dysphagia."],
       ["the oesophagus", "esophageal", "the gullet", "oesophageal", "esophagi"],
       "The adult oesophagus is roughly 25 cm long.", name="oesophagus", noun="tube"),
    _p("lung", "thorax", "LI", [(100, 82, 58, 36), (100, 174, 58, 36)],
       {"heart": (0.55, 0.7), "trachea": (0.5, 0.2)},
       ["On this coronal CT, which paired organs exchange oxygen and carbon dioxide? Please segment them.",
        "Outline the organs of gas exchange on this coronal reconstruction, please."],
       ["the lungs", "pulmonary", "lung fields", "the lung parenchyma", "lung"],
       "Total lung capacity in an adult is around 6 litres.", name="lungs", noun="organs"),
    _p("trachea", "thorax", "LI", [(60, 128, 34, 8)],
       {"heart": (0.55, 0.7), "lung": (0.5, 0.4)},
       ["On this coronal CT, which cartilage-ringed air tube runs from the larynx to the carina? Segment it.",
        "Outline the central air passage above the carina on this coronal image, please."],
       ["the trachea", "tracheal", "the windpipe", "tracheobronchial", "tracheo-"],
       "The adult trachea is about 10 to 12 cm long and 2 cm wide.", name="trachea", noun="airway"),
]


def record_for(p):
    return {"modality": "MR" if p["region"] == "brain" else "CT", "body_region": "head" if p["region"] == "brain"
            else "thorax", "orientation": p["orient"]}


def _mask(p, rng):
    yy, xx = np.mgrid[0:N, 0:N]
    m = np.zeros((N, N), bool)
    dy, dx = rng.randint(-3, 3), rng.randint(-3, 3)
    for r, c, ry, rx in p["blobs"]:
        ry2, rx2 = ry * rng.uniform(0.9, 1.1), rx * rng.uniform(0.9, 1.1)
        m |= ((yy - r - dy) / ry2) ** 2 + ((xx - c - dx) / rx2) ** 2 <= 1.0
    return m


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    m = _mask(p, rng)
    return compute_facts(m, p["orient"], others=dict(p["others"])).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    """Weight toward paired, midline and multi-region masks (side and count traps)."""
    multi = [p for p in profiles if len(p["blobs"]) >= 2 or p["target"] in ("brainstem", "trachea", "pineal gland")]
    p = rng.choice(multi) if rng.random() < 0.4 else rng.choice(profiles)
    # where a side/position/size/count defect sits, cycling per kind: a fifth in a user turn, a fifth only in a
    # follow-up answer, the rest in the first answer (row i's kind repeats every 10 rows)
    return dict(p, where=("first", "user", "first", "follow", "first")[(i // 10) % 5])


# -- fact phrases --------------------------------------------------------------------------------------------

def side_text(f, rng, false=False):
    s = f["laterality"]
    if false:
        if s in ("left", "right"):
            s2 = {"left": "right", "right": "left"}[s]
            return rng.choice([f"on the patient's {s2}", f"{s2}-sided", f"in the patient's {s2} half"])
        if s == "bilateral":
            s2 = rng.choice(["left", "right"])
            return rng.choice([f"confined to the patient's {s2} side", f"only on the patient's {s2}",
                               f"entirely {s2}-sided"])
        s2 = rng.choice(["left", "right"])
        return rng.choice([f"off to the patient's {s2}, away from the midline", f"clearly {s2}-sided"])
    if s in ("left", "right"):
        o = {"left": "right", "right": "left"}[s]
        return rng.choice([f"on the patient's {s}", f"{s}-sided", f"on the patient's {s} (not the {o})",
                           f"in the patient's {s} half"])
    if s == "bilateral":
        return rng.choice(["on both sides, one part either side of the midline", "bilateral",
                           "present on both the left and the right, not limited to one side"])
    return rng.choice(["in the midline", "centred on the midline, not off to either side", "midline"])


VWORD = {"anterior": ["anterior", "toward the front", "in the front half"],
         "posterior": ["posterior", "toward the back", "in the back half"],
         "superior": ["superior", "toward the head end", "in the upper (superior) part"],
         "inferior": ["inferior", "toward the feet", "in the lower (inferior) part"],
         "central": ["near the centre front-to-back"]}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}
RELW = {"anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
        "left_of": ["to the patient's left of"], "right_of": ["to the patient's right of"],
        "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIPR = {"anterior_to": "posterior_to", "posterior_to": "anterior_to", "superior_to": "inferior_to",
         "inferior_to": "superior_to", "left_of": "right_of", "right_of": "left_of"}
VERT_REL = ("anterior_to", "posterior_to", "superior_to", "inferior_to")


def vert_text(f, rng, false=False):
    v = f["vertical"]
    if false:
        return rng.choice(VWORD[FLIPV[v]])
    return rng.choice(VWORD[v])


def rel_text(f, rng, false=False):
    rels = [r for r in f["relations"] if not false or r["relation"] in VERT_REL]
    if not rels:
        return None
    r = rng.choice(rels)
    kind = FLIPR[r["relation"]] if false else r["relation"]
    return f"{rng.choice(RELW[kind])} the {r['other']}"


def pct(f):
    v = 100 * f["area_fraction"]
    return f"{v:.2f}%" if v < 2 else f"{v:.1f}%"


SIZEW = {"small": ["small", "small"], "medium": ["medium-sized", "moderate in size"],
         "large": ["large", "sizeable"]}


def size_text(f, rng, false=False):
    s = f["size_class"]
    if false:
        if s == "large" or (s == "medium" and f["area_fraction"] >= 0.025):
            return rng.choice([f"tiny, well under 1% of the image", f"small, about 0.{rng.randint(2, 6)}% of "
                               "the image"])
        return rng.choice([f"large, roughly {rng.randint(15, 30)}% of the image",
                           f"very large, about a quarter of the image"])
    return rng.choice([f"{rng.choice(SIZEW[s])}, about {pct(f)} of the image",
                       f"{rng.choice(SIZEW[s])} ({pct(f)} of the 256 x 256 frame)",
                       f"{rng.choice(SIZEW[s])}: it covers {pct(f)} of the image area"])


NUMW = {1: "one", 2: "two", 3: "three", 4: "four"}


def count_text(f, rng, false=False):
    n = f["components"]
    if false:
        if n == 1:
            return rng.choice(["two separate pieces", "split into two disconnected parts", "in two separate regions"])
        return rng.choice(["a single connected piece", "one contiguous region", "one continuous component"])
    if n == 1:
        return rng.choice(["a single connected piece", "one contiguous region (no second focus)",
                           "one component, with no separate satellite"])
    return rng.choice([f"{NUMW.get(n, n)} separate regions", f"{NUMW.get(n, n)} disconnected parts, not one "
                       "continuous piece", f"{n} distinct components"])


# -- registers ---------------------------------------------------------------------------------------------

def _geom(f):
    x0, y0, x1, y1 = f["bbox"]
    return x0, y0, x1, y1, x1 - x0 + 1, y1 - y0 + 1, f["centroid"][0], f["centroid"][1]


def _mm(f, sp):
    cx, cy = f["centroid"]
    return round(-(cx - C) * sp), round(-(cy - C) * sp)


def _cap(s):
    return s[:1].upper() + s[1:]


HEDGE = ["most likely", "in all probability", "very probably", "with high confidence"]
CAVEATS = ["One 2D slice only; with a slice thickness of 5 mm, partial-volume averaging blurs the edges.",
           "A single slice cannot show the full 3D extent; adjacent slices 5 mm away may look different.",
           "The image cannot show function, flow or how the structure changes over time.",
           "No prior study is available for comparison, so change over time cannot be judged.",
           "Signal alone cannot prove histology; only tissue sampling can.",
           "Pixel spacing is not stored with this image, so millimetre sizes are not given.",
           "Motion or beam-hardening artefacts could shift the border by a pixel or two."]


def first_answer(p, f, style, rng, facts_txt, omit):
    """The first answer in `style`; facts_txt maps kind -> phrase (some true, maybe one false); kinds in
    `omit` are left out (they come later)."""
    name = p["name"]
    x0, y0, x1, y1, w, h, cx, cy = _geom(f)
    parts = {k: v for k, v in facts_txt.items() if k not in omit and v and not k.startswith("_")}
    axis2 = "anteroposterior" if p["orient"] == "LP" else "craniocaudal"
    mod = record_for(p)["modality"]
    if style == "measure":
        head = rng.choice([f"Segmented: the {name} {SEG}.", f"**Result:** {SEG} (the {name}).",
                           f"The mask {SEG} outlines the {name}, {rng.choice(HEDGE)}."])
        geo = [f"Bounding box [x1, y1, x2, y2]: [{x0}, {y0}, {x1}, {y1}] px",
               f"Width x height: {w} x {h} px",
               f"Centroid (row, col): ({cy:.1f}, {cx:.1f})",
               f"Area: {f['area_pixels']} px"]
        rng.shuffle(geo)
        if "size" in parts:
            geo.append(f"Size: {parts['size']}")
        if "count" in parts:
            geo.append(f"Components: {parts['count']}")
        bullet = rng.choice(["- ", "* ", "  "])
        lines = [head, "", rng.choice(["Measurements (pixel space, image 256 x 256):", "Geometry (image 256 x 256 px):",
                                       "### Quantitative summary (256 x 256 image)"])] + [bullet + g for g in geo]
        loc = []
        if "side" in parts:
            loc.append(f"the mask is {parts['side']}")
        if "vert" in parts:
            loc.append(f"its {axis2} position is {parts['vert']}")
        if "rel" in parts:
            loc.append(f"it sits {parts['rel']}")
        if loc:
            lines += ["", _cap("; ".join(loc)) + "."]
        lines.append(rng.choice(["Pixel sizes are not area shares: a 60 px wide box is not 60% of anything.",
                                 "Note the bounding-box numbers are pixel indices, not percentages.",
                                 f"(Row and column indices start at 0; the image is {f['width']} x {f['height']}.)"]))
        return "\n".join(lines)
    if style == "chain":
        obs = [rng.choice([f"a bright-outlined {p['noun']} in this {mod} slice", f"the highlighted {p['noun']} on "
                           f"this {mod} image"])]
        if "count" in parts:
            obs.append(f"it appears as {parts['count']}")
        if "side" in parts:
            obs.append(f"it is {parts['side']}")
        if "vert" in parts:
            obs.append(f"it lies {parts['vert']}")
        inf = [rng.choice([f"the shape and setting fit the {name}", f"this is {rng.choice(HEDGE)} the {name}"])]
        if "rel" in parts:
            inf.append(f"its position {parts['rel']} agrees with that")
        if "size" in parts:
            inf.append(f"its extent is {parts['size']}")
        arrow = rng.choice([("Observation: ", "Inference: ", "Conclusion: ", "\n"),
                            ("**Observation** -> ", "**Inference** -> ", "**Conclusion** -> ", "\n\n"),
                            ("1. Observation: ", "2. Inference: ", "3. Conclusion: ", "\n")])
        concl = rng.choice([f"the mask shows the {name} {SEG}.", f"{SEG} marks the {name}."])
        return (f"{arrow[0]}{'; '.join(obs)}.{arrow[3]}{arrow[1]}{'; '.join(inf)}.{arrow[3]}{arrow[2]}{concl}")
    if style == "world":
        sp = rng.choice([0.7, 0.8, 0.9, 1.0])
        xmm, ymm = _mm(f, sp)
        ax2 = "y" if p["orient"] == "LP" else "z"
        out = [rng.choice([f"Segmentation of the {name}: {SEG}.", f"{SEG} is the {name}."]),
               rng.choice([f"Assuming an in-plane pixel spacing of {sp} mm (field of view {round(256 * sp)} mm), "
                           f"the centroid in RAS millimetres is x = {xmm:+d} mm, {ax2} = {ymm:+d} mm relative to "
                           "the image centre.",
                           f"With {sp} mm pixels, the centroid sits at x = {xmm:+d} mm and {ax2} = {ymm:+d} mm (RAS, "
                           "origin at the image centre)."])]
        if "side" in parts:
            if f["laterality"] in ("left", "right") and facts_txt.get("_side_true", True):
                out.append(rng.choice([f"A {'negative' if xmm < 0 else 'positive'} x means it is {parts['side']} "
                                       "(in RAS, +x points to the patient's right).",
                                       f"So x = {xmm:+d} mm, i.e. it is {parts['side']}."]))
            else:
                out.append(f"Side: {parts['side']}.")
        if "vert" in parts:
            out.append(f"Along {ax2} it lies {parts['vert']}.")
        if "rel" in parts:
            out.append(f"Relation: {parts['rel']}.")
        if "size" in parts:
            out.append(f"Area {round(f['area_pixels'] * sp * sp)} mm^2; size class {parts['size']}.")
        if "count" in parts:
            out.append(f"Connectivity: {parts['count']}.")
        return " ".join(out)
    # caveats
    bits = [rng.choice([f"Segmented: the {name} {SEG}", f"Short answer: the {name} {SEG}"])]
    desc = [parts[k] for k in ("side", "vert", "rel") if k in parts]
    if desc:
        bits.append(", ".join(desc))
    s = "; ".join(bits) + "."
    if "size" in parts or "count" in parts:
        t = " and ".join(x for x in (parts.get("size") and "it is " + parts["size"],
                                     parts.get("count") and "it forms " + parts["count"]) if x)
        s += " " + _cap(t) + "."
    cav = rng.sample(CAVEATS, 2) + [rng.choice(CONV), rng.choice(["Confidence: high for identity, moderate for exact "
                                                                  "borders.", "Confidence: high overall."])]
    rng.shuffle(cav)
    head = rng.choice(["Confidence and caveats:", "**Confidence and caveats**", "### Confidence and caveats"])
    return s + "\n\n" + head + "\n" + "\n".join("- " + c for c in cav)


def kb_sentence(p, rng):
    return rng.choice(BRAIN_KB if p["region"] == "brain" else THORAX_KB)


FOLLOW = {
    "side": ["Which side is it on?", "Is it on the left or the right?", "Which side, then?"],
    "vert": ["Is it toward the front or the back of the slice?" , "Where does it sit along the slice, then?"],
    "size": ["How big is it?", "How large is the segmented area?", "Is it a big structure on this image?"],
    "count": ["Is it one piece or several?", "How many separate parts are there?", "Is there more than one region?"],
}
USER_PRESUP = {
    "side": ["Why is it {x}? Is that typical?", "Since it's {x}, could that explain the symptoms?"],
    "vert": ["Why does it sit {x} on this slice?", "Given that it lies {x}, is that a normal place for it?"],
    "size": ["Why is it {x}?", "Given it is {x}, should I worry?"],
    "count": ["Why does it appear as {x}?", "Since it shows up as {x}, is that expected?"],
}
WHY_ANS = ["That depends on the anatomy and the level of the slice; the mask follows the visible boundary.",
           "It reflects the anatomy at this level; a single slice cannot say more, and clinical correlation helps.",
           "That is largely anatomical; correlating with the other slices and the history is the right next step."]


def _follow_answer(kind, f, rng, false):
    if kind == "side":
        return f"It is {side_text(f, rng, false)}. " + rng.choice(CONV)
    if kind == "vert":
        t = rel_text(f, rng, True) if (false and f["vertical"] == "central") else None
        return f"It sits {t}." if t else f"It is {vert_text(f, rng, false)} on this slice."
    if kind == "size":
        return f"It is {size_text(f, rng, false)}."
    return f"The mask is {count_text(f, rng, false)}."


def build(p, f, style, rng, defect):
    kinds = {"laterality": "side", "position": "vert", "size": "size", "count": "count"}
    dk = kinds.get(defect)
    where = p.get("where", "first") if dk else None
    if dk == "vert" and f["vertical"] == "central":
        dk_field = "rel"
    else:
        dk_field = dk
    txt = {"side": side_text(f, rng), "vert": None if f["vertical"] == "central" else vert_text(f, rng),
           "rel": rel_text(f, rng), "size": size_text(f, rng), "count": count_text(f, rng)}
    if dk and where == "first":
        if dk_field == "rel":
            txt["rel"] = rel_text(f, rng, True)
        elif dk == "vert":
            txt["vert"] = vert_text(f, rng, True)
            txt["rel"] = None
        else:
            txt[dk] = {"side": side_text, "size": size_text, "count": count_text}[dk](f, rng, True)
        if dk == "side":
            txt["_side_true"] = False
    # a defect planted later (follow-up answer or user turn): the first answer leaves that fact out
    omit = {dk} | ({"rel"} if dk == "vert" else set()) if where in ("follow", "user") else set()
    # first question
    q = rng.choice(p["q"])
    if "?" not in q:  # an imperative request: add the question it implies
        q += " " + rng.choice(["Which structure is it?", "What is shown, and what does it do?",
                               "What is this structure?"])
    if defect == "names_target":
        g = rng.choice(p["give"])
        q = rng.choice([f"Please segment {g} on this image; which structure is it and what does it do?",
                        f"Can you outline {g} here? " + q,
                        q + f" (My guess would be {g}.)"])
    turns = [{"role": "user", "content": q},
             {"role": "assistant", "content": first_answer(p, f, style, rng, txt, omit)}]
    rounds = rng.choice([1, 2, 2, 3]) if not dk or where == "first" else rng.choice([2, 3])
    extras = []
    if dk and where in ("follow", "user"):
        if where == "follow":
            extras.append((rng.choice(FOLLOW[dk]), _follow_answer(dk, f, rng, True)))
        else:
            if dk == "side":
                x = side_text(f, rng, True)
            elif dk == "vert":
                x = vert_text(f, rng, True) if f["vertical"] != "central" else None
                x = f"this far {x}" if x else None
            elif dk == "size":
                x = size_text(f, rng, True)
            else:
                x = count_text(f, rng, True)
            if x is None:  # central: presuppose a flipped relation instead
                x = rel_text(f, rng, True)
                uq = f"Why does it sit {x} here?"
            else:
                uq = rng.choice(USER_PRESUP[dk]).format(x=x)
            extras.append((uq, rng.choice(WHY_ANS)))
    pool = ["side", "size", "count", "vert"]
    rng.shuffle(pool)
    for k in pool:
        if len(extras) >= rounds - 1:
            break
        if k == dk or (k == "vert" and f["vertical"] == "central"):
            continue
        extras.append((rng.choice(FOLLOW[k]), _follow_answer(k, f, rng, False)))
    if len(extras) < rounds - 1:
        extras.append(("Why is that worth knowing?", f"{p['pop']} {kb_sentence(p, rng)}"))
    if extras and rng.random() < 0.5 and len(extras) < 2:
        extras.append(("Anything else I should know about it?", f"{p['pop']} {kb_sentence(p, rng)}"))
    for uq, a in extras[:2]:
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": a}]
    return turns, [defect] if defect else []
