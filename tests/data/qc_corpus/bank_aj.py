"""Bank AJ (helper qcaj): thorax, heart, brain and neck targets on axial ("LP") and coronal ("LI") CT/MR.

Written blind (nothing of QC read). Four registers: "terse" (a terse radiologist), "tutor" (a patient
teacher for a student), "markdown" (a chatty markdown LLM answer), "words" (numbers spelled out). Facts
come from `medseg_qa.facts.compute_facts` on a synthetic ellipse mask; the prose is written from them.
Clean conversations carry true traps: negations, the display convention, sided knowledge about other
structures, comparisons, population numbers, hedges and confirmations. 1-4 user turns.

first measure (once, misses not read, commit b2d9500): 189 of 210 defects caught (90.0%), 34 of 210 clean
conversations flagged (16.2%); caught per kind: position 35/42, count 41/42, laterality 37/42, size 40/42,
names_target 36/42; flags raised on clean rows: laterality 35, count 5, size 6.
"""

from __future__ import annotations

import random

import numpy as np

SEG = "[SEG]"
N = 256
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
REL_FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
            "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
REL_TXT = {"left_of": ["to the patient's left of", "on the left side of", "left of"],
           "right_of": ["to the patient's right of", "on the right side of", "right of"],
           "anterior_to": ["in front of", "anterior to", "ventral to"],
           "posterior_to": ["behind", "posterior to", "dorsal to"],
           "superior_to": ["above", "superior to", "higher than (toward the head from)"],
           "inferior_to": ["below", "inferior to", "lower than (toward the feet from)"]}


def P(target, plane, mod, region, blobs, others, alias, give, hint, kb, comp, pop):
    return dict(target=target, plane=plane, modality=mod, region=region, blobs=blobs, others=others,
                alias=alias, giveaway=give, hint=hint, kb=kb, comp=comp, pop=pop)


# blobs: (nx, ny, rx, ry) in image fractions; for "LI" rows run toward the feet
PROFILES = [
    P("left lung", "ax", "CT", "thorax", [(0.71, 0.5, 0.15, 0.25)],
      {"heart": (0.56, 0.4), "vertebral body": (0.5, 0.75)},
      ["this lung", "the air-filled organ", "the left lung"], ["left lung", "pulmonary", "lungs", "the lung's"],
      "the spongy air-filled organ that takes oxygen into the blood, the one beside the cardiac notch",
      ["The right lung has three lobes, while this side has only two.", "The liver dome sits under the right hemidiaphragm."],
      ["It is larger than the heart on this slice."], ["A healthy adult takes about 12 to 20 breaths a minute."]),
    P("right lung", "ax", "CT", "thorax", [(0.29, 0.5, 0.16, 0.25)],
      {"heart": (0.56, 0.4), "aorta": (0.56, 0.62)},
      ["this lung", "the aerated organ", "the right lung"], ["right lung", "pulmonary", "lungs", "lung"],
      "the air-filled organ of breathing that has three lobes",
      ["The heart points toward the patient's left.", "The stomach bubble lies under the left hemidiaphragm."],
      ["It is bigger than the aorta by a wide margin."], ["Total lung capacity in adults is roughly 6 litres."]),
    P("lung tumour", "ax", "CT", "thorax", [(0.3, 0.36, 0.04, 0.035)],
      {"heart": (0.56, 0.45), "vertebral body": (0.5, 0.75)},
      ["the lesion", "this mass", "the nodule", "the opacity"], ["lung tumour", "lung cancer", "nodule", "pulmonary mass"],
      "the suspicious spot in the chest of a smoker who has coughed up blood",
      ["The heart sits mostly on the patient's left.", "The descending aorta runs on the left of the spine."],
      ["It is much smaller than the heart."], ["Lung cancer is the leading cause of cancer death worldwide, about 1.8 million deaths a year."]),
    P("lung tumour", "ax", "CT", "thorax", [(0.72, 0.6, 0.035, 0.035), (0.66, 0.42, 0.03, 0.03)],
      {"heart": (0.5, 0.42), "vertebral body": (0.5, 0.76)},
      ["the highlighted region", "the segmented mass", "the mask"], ["lung tumour", "lung cancer", "nodules", "pulmonary masses"],
      "the suspicious foci in the chest of a heavy smoker who is losing weight",
      ["The superior vena cava lies on the patient's right.", "The trachea is central above the carina."],
      ["Each focus is smaller than the heart."], ["About 85% of lung cancers are non-small-cell type."]),
    P("heart", "ax", "CT", "thorax", [(0.6, 0.38, 0.11, 0.09)],
      {"vertebral body": (0.5, 0.76), "right lung": (0.28, 0.5)},
      ["the cardiac silhouette", "this organ", "the heart"], ["heart", "cardiac", "cardio", "myocardial"],
      "the muscular pump in the chest that drives blood round the body",
      ["The liver sits lower down on the patient's right.", "The right lung is larger than the left one."],
      ["It is smaller than the right lung here."], ["A resting adult heart beats about 60 to 100 times a minute."]),
    P("left ventricle", "ax", "CT", "heart", [(0.66, 0.4, 0.05, 0.045)],
      {"right atrium": (0.4, 0.45), "vertebral body": (0.5, 0.78)},
      ["this chamber", "the main pumping chamber", "the left ventricle"], ["left ventricle", "LV", "ventricular", "left ventricular"],
      "the thick-walled chamber that pumps blood out into the aorta",
      ["The right atrium sits on the patient's right.", "The right ventricle is the most anterior chamber."],
      ["Its wall is thicker than that of the right ventricle."], ["A normal ejection fraction is about 55 to 70 percent."]),
    P("right atrium", "ax", "CT", "heart", [(0.4, 0.38, 0.045, 0.04)],
      {"left ventricle": (0.66, 0.42), "vertebral body": (0.5, 0.78)},
      ["this chamber", "the receiving chamber", "the right atrium"], ["right atrium", "RA", "atrial", "right atrial"],
      "the chamber that receives venous blood from both caval veins",
      ["The left atrium is the most posterior chamber.", "The left ventricle lies to the patient's left."],
      ["It is thinner-walled than the left ventricle."], ["Atrial fibrillation affects roughly 2 percent of adults."]),
    P("esophagus", "ax", "CT", "thorax", [(0.51, 0.66, 0.025, 0.022)],
      {"heart": (0.58, 0.4), "left lung": (0.72, 0.5)},
      ["this tube", "the muscular tube", "the gullet"], ["esophagus", "oesophagus", "esophageal", "oesophageal"],
      "the muscular tube that carries swallowed food down to the belly",
      ["The heart bulges toward the patient's left.", "The trachea lies in front of it higher in the neck."],
      ["It is much narrower than the aorta here."], ["In adults it is about 25 cm long."]),
    P("trachea", "ax", "CT", "neck", [(0.5, 0.4, 0.04, 0.035)],
      {"vertebral body": (0.5, 0.72), "left common carotid artery": (0.64, 0.45)},
      ["the airway", "this tube", "the windpipe"], ["trachea", "tracheal", "windpipe", "tracheo"],
      "the rigid ringed tube that carries air from the larynx down to the chest",
      ["The thyroid lobes hug it on both sides.", "The right common carotid artery runs on the patient's right."],
      ["It is wider than the carotid arteries."], ["Its lumen is about 15 to 25 mm wide in adults."]),
    P("superior vena cava", "ax", "CT", "thorax", [(0.4, 0.38, 0.03, 0.03)],
      {"aorta": (0.55, 0.4), "vertebral body": (0.5, 0.76)},
      ["this vein", "the vessel", "the great vein"], ["superior vena cava", "SVC", "caval", "vena cava"],
      "the large vein that brings blood from the head and arms back into the heart",
      ["The aortic arch curves toward the patient's left.", "The left brachiocephalic vein crosses over to the right."],
      ["It is smaller than the heart."], ["It is roughly 7 cm long in adults."]),
    P("spinal cord", "ax", "CT", "neck", [(0.5, 0.78, 0.025, 0.025)],
      {"trachea": (0.5, 0.4), "esophagus": (0.52, 0.6)},
      ["this structure", "the neural tube", "the cord"], ["spinal cord", "spinal", "myelopathy", "cord"],
      "the bundle of nerve tissue inside the bony canal that carries messages to the limbs",
      ["The left vertebral artery runs on the patient's left.", "The trachea sits in front."],
      ["It is narrower than the vertebral body."], ["It is about 45 cm long in adults."]),
    P("left common carotid artery", "ax", "CT", "neck", [(0.64, 0.42, 0.022, 0.022)],
      {"trachea": (0.5, 0.4), "spinal cord": (0.5, 0.78)},
      ["this artery", "the vessel", "the neck artery"], ["carotid", "left common carotid", "CCA", "carotids"],
      "the major artery in the neck that supplies blood to the brain on one side",
      ["The right internal jugular vein lies on the patient's right.", "The thyroid gland wraps the front of the airway."],
      ["It is narrower than the trachea."], ["Its diameter is about 6 to 8 mm in adults."]),
    P("thyroid gland", "ax", "CT", "neck", [(0.39, 0.36, 0.05, 0.08), (0.61, 0.36, 0.05, 0.08)],
      {"spinal cord": (0.5, 0.8)},
      ["the gland", "this gland", "the highlighted gland"], ["thyroid", "thyroidal", "thyroid gland", "thyro"],
      "the butterfly-shaped gland in the front of the neck that makes hormones controlling metabolism",
      ["The spinal cord is midline and posterior.", "The left common carotid artery runs on the patient's left."],
      ["Each lobe is larger than the carotid artery."], ["It weighs about 20 to 25 g in adults."]),
    P("left hippocampus", "ax", "MR", "brain", [(0.62, 0.6, 0.04, 0.03)],
      {"brainstem": (0.5, 0.62), "right thalamus": (0.45, 0.5)},
      ["this structure", "the memory structure", "the seahorse-shaped ridge"], ["hippocampus", "hippocampal", "hippocampi", "Ammon's horn"],
      "the curved grey-matter structure in the temporal lobe that lays down new memories",
      ["The right temporal horn is on the other side.", "The brainstem is in the midline."],
      ["It is smaller than the thalamus."], ["Its volume in adults is around 3 to 3.5 mL per side."]),
    P("right thalamus", "ax", "MR", "brain", [(0.4, 0.5, 0.035, 0.045)],
      {"left hippocampus": (0.62, 0.6), "brainstem": (0.5, 0.64)},
      ["this nucleus", "the relay station", "the grey-matter mass"], ["thalamus", "thalamic", "thalami", "thalamo"],
      "the deep grey-matter relay station that passes sensory signals to the cortex",
      ["The third ventricle sits between the two sides in the midline.", "The left caudate lies on the patient's left."],
      ["It is larger than the hippocampus on this slice."], ["Thalamic strokes make up about 10 percent of lacunar strokes."]),
    P("brainstem", "ax", "MR", "brain", [(0.5, 0.64, 0.04, 0.045)],
      {"right thalamus": (0.42, 0.5), "left hippocampus": (0.62, 0.55)},
      ["this structure", "the stalk", "the stem of the brain"], ["brainstem", "brain stem", "pons", "midbrain"],
      "the stalk connecting the brain to the spinal cord that controls breathing",
      ["The left cerebellar hemisphere lies on the patient's left.", "The fourth ventricle sits behind it."],
      ["It is much smaller than the cerebrum."], ["It is about 7 cm long in adults."]),
    P("lateral ventricle", "ax", "MR", "brain", [(0.41, 0.48, 0.04, 0.1), (0.59, 0.48, 0.04, 0.1)],
      {"brainstem": (0.5, 0.7)},
      ["the highlighted region", "the segmented fluid space", "the mask"], ["ventricle", "ventricular", "ventricles", "lateral ventricle"],
      "the paired fluid-filled cavities deep in the brain that hold cerebrospinal fluid",
      ["The third ventricle is a thin midline slit.", "The right caudate nucleus bulges into its wall on the right."],
      ["Each is smaller than a cerebral hemisphere."], ["The total CSF volume in adults is about 150 mL."]),
    P("enhancing tumour", "ax", "MR", "brain", [(0.32, 0.36, 0.05, 0.04)],
      {"brainstem": (0.5, 0.65)},
      ["the lesion", "this rim", "the mass"], ["tumour", "tumor", "enhancing", "glioma"],
      "the bright ring that lights up after contrast in a patient with new seizures",
      ["The left hemisphere looks normal.", "The brainstem is midline."],
      ["It is smaller than the surrounding oedema."], ["Glioblastoma accounts for roughly half of primary malignant brain tumours."]),
    P("whole tumour", "ax", "MR", "brain", [(0.68, 0.62, 0.09, 0.08)],
      {"brainstem": (0.5, 0.62), "right thalamus": (0.42, 0.5)},
      ["the abnormal region", "the lesion", "this area"], ["tumour", "tumor", "glioma", "neoplasm"],
      "the entire abnormal region, swelling included, in a patient with headaches and weakness",
      ["The right hemisphere is spared.", "The midline structures are not shifted much."],
      ["It is larger than the brainstem."], ["Gliomas make up about 80 percent of malignant brain tumours."]),
    P("cerebellum", "ax", "MR", "brain", [(0.5, 0.75, 0.13, 0.08)],
      {"brainstem": (0.5, 0.58)},
      ["this structure", "the little brain", "the hindbrain structure"], ["cerebellum", "cerebellar", "cerebelli", "cerebella"],
      "the folded structure at the back of the skull that coordinates balance and fine movement",
      ["The left transverse sinus runs on the patient's left.", "The brainstem lies in front of it."],
      ["It is much smaller than the cerebrum."], ["It holds about half of all neurons in the brain."]),
    P("pleural effusion", "ax", "CT", "thorax", [(0.28, 0.72, 0.11, 0.075)],
      {"heart": (0.56, 0.4), "vertebral body": (0.5, 0.68)},
      ["the fluid", "this collection", "the layering fluid"], ["effusion", "pleural fluid", "pleural", "hydrothorax"],
      "the fluid that has collected in the chest of a breathless patient with heart failure",
      ["The left costophrenic angle is clear.", "The heart lies mostly on the patient's left."],
      ["It is smaller than the lung it compresses."], ["A normal pleural space holds only about 10 to 20 mL."]),
    # coronal: columns run to the patient's left, rows toward the feet
    P("left lung", "cor", "CT", "thorax", [(0.7, 0.38, 0.14, 0.22)],
      {"heart": (0.56, 0.62), "liver": (0.3, 0.82)},
      ["this lung", "the aerated organ", "the left lung"], ["left lung", "pulmonary", "lungs", "lung"],
      "the air-filled organ of breathing with only two lobes",
      ["The liver sits under the right hemidiaphragm.", "The stomach lies below the left hemidiaphragm."],
      ["It is larger than the heart here."], ["Adults breathe about 12 to 20 times a minute at rest."]),
    P("heart", "cor", "CT", "thorax", [(0.6, 0.62, 0.11, 0.085)],
      {"trachea": (0.5, 0.25), "liver": (0.3, 0.85)},
      ["the cardiac shadow", "this organ", "the heart"], ["heart", "cardiac", "cardio", "myocardial"],
      "the muscular pump sitting on the diaphragm that drives blood round the body",
      ["The liver lies below on the patient's right.", "The trachea is midline above."],
      ["It is smaller than both lungs together."], ["It weighs about 250 to 350 g in adults."]),
    P("brainstem", "cor", "MR", "brain", [(0.5, 0.7, 0.05, 0.1)],
      {"lateral ventricle": (0.5, 0.35)},
      ["this structure", "the stalk", "the stem"], ["brainstem", "brain stem", "pons", "medulla"],
      "the stalk joining the brain to the spinal cord that controls breathing and heart rate",
      ["The left temporal lobe lies on the patient's left.", "The corpus callosum sits high in the midline."],
      ["It is much smaller than the cerebrum."], ["It is about 7 cm long in adults."]),
    P("right hippocampus", "cor", "MR", "brain", [(0.38, 0.62, 0.035, 0.03)],
      {"lateral ventricle": (0.5, 0.38), "brainstem": (0.5, 0.7)},
      ["this structure", "the memory structure", "the seahorse-shaped ridge"], ["hippocampus", "hippocampal", "hippocampi", "Ammon's horn"],
      "the curved structure in the medial temporal lobe that forms new memories",
      ["The left temporal horn is on the other side.", "The lateral ventricles sit higher up near the midline."],
      ["It is smaller than the brainstem."], ["It shrinks by about 1 percent a year in older adults."]),
    P("trachea", "cor", "CT", "neck", [(0.5, 0.3, 0.025, 0.08)],
      {"heart": (0.58, 0.75)},
      ["the airway", "this tube", "the windpipe"], ["trachea", "tracheal", "windpipe", "tracheo"],
      "the ringed tube that carries air from the larynx to the chest",
      ["The heart lies lower down, mostly on the patient's left.", "The right main bronchus is steeper than the left."],
      ["It is narrower than the heart is wide."], ["It is about 10 to 12 cm long in adults."]),
]


def record_for(p: dict) -> dict:
    return {"modality": p["modality"], "body_region": p["region"], "orientation": "LP" if p["plane"] == "ax" else "LI"}


def facts_for(p: dict, rng: random.Random) -> dict:
    """Draw the profile's ellipses (jittered) and measure them with the product's own `compute_facts`."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N]
    mask = np.zeros((N, N), bool)
    j = rng.uniform(0.9, 1.12)
    for nx, ny, rx, ry in p["blobs"]:
        cx, cy = (nx + rng.uniform(-0.01, 0.01)) * (N - 1), (ny + rng.uniform(-0.01, 0.01)) * (N - 1)
        mask |= ((xx - cx) / (rx * j * N)) ** 2 + ((yy - cy) / (ry * j * N)) ** 2 <= 1
    f = compute_facts(mask, record_for(p)["orientation"], others=dict(p["others"]))
    return f.model_dump(mode="json")


STYLES = ["terse", "tutor", "markdown", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

# --- numbers ---------------------------------------------------------------------------------------
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def int_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + int_words(n % 100))
    return int_words(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + int_words(n % 1000))


def spell(text: str) -> str:
    """Every number in `text` spelled out ("1.8" -> "one point eight", "%" -> " percent")."""
    import re

    def one(m):
        a, b = m.group(1), m.group(2)
        w = int_words(int(a))
        return w + (" point " + " ".join(_ONES[int(d)] for d in b) if b else "")
    return re.sub(r"(\d+)(?:\.(\d+))?", one, text).replace("%", " percent")


def pct_text(p: float, style: str, rng: random.Random) -> str:
    """A true phrasing of the percent `p` of the image."""
    if style == "words":
        if p < 1:
            return rng.choice(["less than one percent", "under one percent", "a fraction of one percent",
                               f"about {spell(f'{p:.1f}')} percent"])
        return rng.choice([f"about {spell(str(round(p)))} percent", f"roughly {spell(str(round(p)))} percent",
                           f"close to {spell(str(round(p)))} percent"])
    if p < 1:
        return rng.choice([f"{p:.1f}%", f"~{p:.2f}%", "<1%", f"about {p:.1f} percent"])
    return rng.choice([f"~{p:.0f}%", f"about {p:.0f}%", f"{p:.1f}%", f"roughly {p:.0f} percent"])


def count_text(n: int, style: str) -> str:
    return int_words(n) if style in ("words", "tutor") else str(n)


# --- vocabulary -------------------------------------------------------------------------------------
VERT = {"anterior": ("anterior", ["toward the front of the body", "in the front part of the slice", "ventrally"]),
        "posterior": ("posterior", ["toward the back of the body", "in the back part of the slice", "dorsally"]),
        "superior": ("superior", ["toward the head", "high up in the image", "in the upper part of the body"]),
        "inferior": ("inferior", ["toward the feet", "low in the image", "in the lower part of the field"])}
CENTRAL = {"ax": ["midway between front and back", "at mid-depth, neither anterior nor posterior"],
           "cor": ["at mid-height, neither high nor low", "halfway between the top and the bottom of the body"]}
SIZE = {"small": ["small", "small"], "medium": ["medium-sized", "moderate-sized", "mid-sized"], "large": ["large", "big"]}

SIDE_F = {
    "terse": ["{Side}-sided.", "Side: patient's {side}.", "Lies on the pt's {side}.", "Located {side} of midline.",
              "Lateralised to the {side}, likely entirely.", "{side_cap} side of the patient."],
    "tutor": ["Notice that it lies on the patient's {side} side.", "If you trace it, you'll see it sits on the patient's {side}.",
              "Remember that we describe the patient's side: this is on the {side}.", "So it is found on the {side} side of the body.",
              "Take a moment to see that it occupies the patient's {side} half.", "Anatomically it belongs to the {side} side here."],
    "markdown": ["- **Side:** patient's {side}", "- **Laterality:** {side}", "**Where?** On the patient's **{side}** side.",
                 "- It's on the **{side}** side of the patient.", "- Laterality: **{side}-sided** 📍", "- **Side of body:** {side}, most likely entirely so"],
    "words": ["It is on the patient's {side} side.", "The {side} side of the body holds it.", "It sits to the patient's {side}.",
              "It lies on the {side}.", "We find it on the patient's {side}.", "Its side is the {side} one."],
}
ONLY_F = {  # a one-sided claim, used only to call a bilateral mask one-sided
    "terse": ["Unilateral, {side} only.", "Confined to the {side}.", "{side_cap} side only."],
    "tutor": ["You'll see it is confined to the patient's {side} side only.", "It is present only on the {side} side."],
    "markdown": ["- **Side:** {side} only (unilateral)", "- Only the **{side}** side is involved."],
    "words": ["It is only on the patient's {side} side.", "Just the {side} side holds it."],
}
MID_F = {
    "terse": ["Midline.", "Midline position.", "Sits in the midline.", "Midline, not lateralised.", "Centred on the midline.", "Straddles the midline."],
    "tutor": ["Notice it sits right in the midline of the body.", "It is a midline structure here, centred between left and right.",
              "You'll find it in the middle, not off to one side.", "It lies in the midline, which is typical.",
              "See how it straddles the midline?", "It's centred left-to-right, in the midline."],
    "markdown": ["- **Side:** midline", "- **Laterality:** central / midline", "**Where?** Right in the **midline**.",
                 "- It sits in the **midline** of the patient.", "- Midline structure 📍", "- **Left–right:** midline, not lateralised"],
    "words": ["It lies in the midline.", "It is centred in the middle of the body, left to right.", "It sits on the midline.",
              "It is neither left nor right but midline.", "Its position is midline.", "It straddles the midline."],
}
BI_F = {
    "terse": ["Bilateral.", "Both sides involved.", "Present left and right.", "Bilateral, one part each side.", "Bilateral, roughly symmetric.", "Seen on both sides."],
    "tutor": ["Notice that it is bilateral: there is a part on the patient's left and one on the right.",
              "It appears on both sides of the body.", "You'll see one part on each side of the midline.",
              "Both the left and the right sides are involved here.", "It is a bilateral finding, one on each side.", "Look at both sides: it is present on each."],
    "markdown": ["- **Side:** bilateral", "- **Laterality:** both sides (left and right)", "**Where?** On **both** sides.",
                 "- It's **bilateral**, one part each side.", "- Bilateral 📍", "- **Side of body:** left *and* right"],
    "words": ["It is on both sides.", "It is bilateral, left and right.", "One part lies on each side.", "Both sides hold a part of it.",
              "It sits on the left and on the right.", "It is found on both the patient's left and right."],
}
VERT_F = {
    "terse": ["{Vert}.", "Position: {vert}.", "Lies {vph}.", "{Vert} location on this slice.", "Sits {vph}, probably.", "{Vert} on this image."],
    "tutor": ["It sits {vph}, so we call it {vert}.", "Look where it lies: {vph}, which is {vert}.", "In terms of position, it is {vert}.",
              "You can see it is {vert} here, {vph}.", "It is placed {vph}.", "Notice its {vert} position."],
    "markdown": ["- **Position:** {vert}", "- It lies **{vph}**.", "- **Placement:** {vert}", "**Position:** {vert} ({vph})",
                 "- Sits *{vph}*", "- **Where in the slice:** {vert}"],
    "words": ["It lies {vph}.", "It is {vert} on this slice.", "Its position is {vert}.", "It sits {vph}.", "We find it {vph}.", "It is placed {vert}ly, {vph}."],
}
CENT_F = {
    "terse": ["Lies {cph}.", "{Cph}.", "Sits {cph}, roughly."],
    "tutor": ["It sits {cph}.", "In the other direction, it is {cph}.", "You'll notice it lies {cph}."],
    "markdown": ["- **Position:** {cph}", "- It lies **{cph}**.", "- **Other axis:** {cph}"],
    "words": ["It lies {cph}.", "It sits {cph}.", "In the other direction it is {cph}."],
}
REL_F = {
    "terse": ["{rel} the {o}.", "Lies {rel} the {o}.", "Relation: {rel} the {o}.", "Located {rel} the {o}.", "Sits {rel} the {o}.", "Probably {rel} the {o}."],
    "tutor": ["Compare it with the {o}: it lies {rel} it.", "A good landmark is the {o}; our structure is {rel} it.",
              "Relative to the {o}, it sits {rel} it.", "Notice it is {rel} the {o}.", "Use the {o} to orient yourself: it is {rel} the {o}.", "It lies {rel} the {o}."],
    "markdown": ["- **Relation:** {rel} the {o}", "- It sits {rel} the **{o}**.", "- **Landmark:** {rel} the {o}",
                 "- Compared to the {o}: *{rel}* it", "- Lies {rel} the {o}", "**Next to:** {rel} the {o}"],
    "words": ["It lies {rel} the {o}.", "It sits {rel} the {o}.", "It is {rel} the {o}.", "Compared with the {o}, it is {rel} it.",
              "You find it {rel} the {o}.", "Its place is {rel} the {o}."],
}
SIZE_F = {
    "terse": ["{Size}.", "Size: {size}.", "{Size} on this slice.", "Relatively {size} here.", "Appears {size}.", "Size class {size}."],
    "tutor": ["In terms of size, it is {size} on this slice.", "You'll notice it is {size} here.", "It looks {size} on this image.",
              "Size-wise we'd call it {size}.", "It is a {size} structure in this view.", "Overall it is {size}."],
    "markdown": ["- **Size:** {size}", "- It's **{size}** on this slice.", "- **Size class:** {size}", "**How big?** {size}",
                 "- Appears *{size}*", "- Overall size: **{size}**"],
    "words": ["It is {size} on this slice.", "Its size is {size}.", "It looks {size} here.", "We would call it {size}.", "It appears {size}.", "Size-wise it is {size}."],
}
PCT_F = {
    "terse": ["~Area {pct} of image.", "Covers {pct} of the image.", "Area fraction {pct}.", "Occupies {pct} of the field.", "{pct} of the slice area, roughly.", "{pct} of the image area."],
    "tutor": ["It covers {pct} of the image.", "If you measure it, it takes up {pct} of the picture.", "Its area is {pct} of the whole slice.",
              "That works out to {pct} of the image area.", "It fills {pct} of the image.", "It accounts for {pct} of the slice."],
    "markdown": ["- **Area:** {pct} of the image", "- Covers **{pct}** of the slice", "- **Area fraction:** {pct}", "**Coverage:** {pct}",
                 "- Takes up {pct} of the picture", "- **{pct}** of the image area"],
    "words": ["It covers {pct} of the image.", "It takes up {pct} of the picture.", "Its area is {pct} of the slice.", "It fills {pct} of the image.",
              "That is {pct} of the whole image.", "It occupies {pct} of the field."],
}
ONE_F = {
    "terse": ["Single component.", "One contiguous region.", "Unifocal.", "Single connected piece.", "1 region.", "Solitary, one piece."],
    "tutor": ["It forms one connected region.", "There is just one piece here.", "It is a single, continuous area.", "You see only one region.",
              "It is all one piece.", "Notice it is a single connected area."],
    "markdown": ["- **Regions:** 1", "- **Pieces:** one connected region", "- Single component", "**Count:** one region",
                 "- One contiguous area", "- **Components:** a single piece"],
    "words": ["It is one single piece.", "There is one region.", "It forms one connected area.", "There is only one part.", "It is a single region.", "We count one piece."],
}
MANY_F = {
    "terse": ["{n} separate components.", "Multifocal, {n} regions.", "{n} discrete regions.", "{n} pieces, not connected.", "{n} separate foci.", "Components: {n}."],
    "tutor": ["It forms {n} separate regions.", "There are {n} distinct pieces here.", "You can count {n} separate areas.", "It is split into {n} parts.",
              "Notice the {n} separate regions.", "It consists of {n} pieces."],
    "markdown": ["- **Regions:** {n}", "- **Pieces:** {n} separate regions", "- {n} components", "**Count:** {n} regions",
                 "- {n} discrete areas", "- **Components:** {n}"],
    "words": ["It is in {n} separate pieces.", "There are {n} regions.", "It forms {n} separate areas.", "We count {n} parts.", "It has {n} pieces.", "It is split into {n} regions."],
}
CONV = {"ax": ["By radiological convention the patient's left is displayed on the right of the screen.",
               "Remember that axial images are viewed as if from the feet, so the image's right is the patient's left.",
               "On this display, image right means patient left, and the top of the image is the front of the body.",
               "Don't be fooled by the screen: the patient's right side shows on the left of the image."],
        "cor": ["On this coronal view the patient faces us, so their left appears on the right of the image and the head is at the top.",
                "Coronal images are shown like a person facing you: patient right on the screen's left, head up.",
                "In coronal display the top of the image is toward the head and the patient's left is on the image's right."]}

NEG_SIDE = {"side": ["It is not on the {opp} side.", "Nothing of it lies on the {opp}.", "There is no {opp}-sided part.",
                     "The {opp} side does not hold it."],
            "midline": ["It does not lean to either side.", "It is not off to the left or the right."],
            "bilateral": ["It is not confined to one side.", "This is not a one-sided finding."]}
NEG_ONE = ["No second focus is seen.", "There is no separate satellite piece.", "It is not split into parts.", "No other separate region."]
NEG_MANY = ["It is not one single blob.", "The parts are not joined on this slice.", "It is not a solitary region."]
HEDGE = ["", "", "Probably ", "Most likely ", "I'd say "]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


class Ctx:
    """What the prose may say about one mask (written from the facts) and what a defect flips."""

    def __init__(self, p, f, style, rng):
        self.p, self.f, self.style, self.rng = p, f, style, rng
        self.side, self.n = f["laterality"], f["components"]
        self.vert, self.size = f["vertical"], f["size_class"]
        self.pct = f["area_fraction"] * 100
        self.rels = [(r["other"], r["relation"]) for r in f["relations"]]

    def pick(self, frames):
        return self.rng.choice(frames[self.style])

    def num(self, n):
        return count_text(n, self.style)

    def side_s(self, wrong=False):
        s = self.side
        if not wrong:
            if s in ("left", "right"):
                return self.pick(SIDE_F).format(side=s, Side=cap(s), side_cap=cap(s))
            return self.pick(MID_F if s == "midline" else BI_F)
        if s in ("left", "right"):
            w = OPP[s]
            return self.pick(SIDE_F).format(side=w, Side=cap(w), side_cap=cap(w))
        w = self.rng.choice(["left", "right"])
        return self.pick(SIDE_F if s == "midline" else ONLY_F).format(side=w, Side=cap(w), side_cap=cap(w))

    def wrong_side_word(self):
        return OPP[self.side] if self.side in ("left", "right") else self.rng.choice(["left", "right"])

    def vert_s(self, wrong=False):
        v = self.vert
        if v == "central" and not wrong:
            return cap(self.pick(CENT_F).format(cph=self.rng.choice(CENTRAL[self.p["plane"]]),
                                                Cph=cap(self.rng.choice(CENTRAL[self.p["plane"]]))))
        if wrong:
            v = OPP[v] if v != "central" else self.rng.choice(["anterior", "posterior"] if self.p["plane"] == "ax"
                                                               else ["superior", "inferior"])
        word, phr = VERT[v]
        return cap(self.pick(VERT_F).format(vert=word, Vert=cap(word), vph=self.rng.choice(phr)))

    def rel_s(self, rel=None, wrong=False):
        o, r = rel or self.rng.choice(self.rels)
        r = REL_FLIP[r] if wrong else r
        return cap(self.pick(REL_F).format(rel=self.rng.choice(REL_TXT[r]), o=o))

    def wrong_size_class(self):
        return {"small": "large", "large": "small"}[self.size] if self.size != "medium" else (
            "large" if self.pct < 3 else "small")

    def size_s(self, wrong=False):
        sz = self.wrong_size_class() if wrong else self.size
        word = self.rng.choice(SIZE[sz])
        if wrong and sz == "large" and self.rng.random() < 0.5:
            word = self.rng.choice(["very large", "huge"])
        if wrong and sz == "small" and self.rng.random() < 0.5:
            word = self.rng.choice(["tiny", "very small"])
        return cap(self.pick(SIZE_F).format(size=word, Size=cap(word)))

    def wrong_pct(self):
        """A percent clearly in another size class (drawn once per conversation)."""
        if not hasattr(self, "_wp"):
            lo_hi = (12, 30) if self.size == "small" or (self.size == "medium" and self.pct < 3) else (0.1, 0.4)
            self._wp = self.rng.uniform(*lo_hi)
        return self._wp

    def pct_s(self, wrong=False):
        return cap(self.pick(PCT_F).format(pct=pct_text(self.wrong_pct() if wrong else self.pct, self.style, self.rng)))

    def count_s(self, wrong=False):
        many = (self.n >= 2) != wrong
        if many:
            n = self.n if self.n >= 2 else 2
            return cap(self.pick(MANY_F).format(n=self.num(n)))
        return self.pick(ONE_F)

    def fact(self, kind, wrong=False):
        if kind == "side":
            return self.side_s(wrong)
        if kind == "vert":
            return self.vert_s(wrong)
        if kind == "rel":
            return self.rel_s(wrong=wrong)
        if kind == "size":
            return self.size_s(wrong)
        if kind == "pct":
            return self.pct_s(wrong)
        return self.count_s(wrong)

    def traps(self, skip: set) -> list[str]:
        """True sentences a checker may misread; `skip` drops the ones about a fact a defect is about."""
        p, rng, out = self.p, self.rng, []
        if "side" not in skip:
            key = "side" if self.side in ("left", "right") else self.side
            out.append(rng.choice(NEG_SIDE[key]).format(opp=OPP.get(self.side, "")))
        if "count" not in skip:
            out.append(rng.choice(NEG_ONE if self.n == 1 else NEG_MANY))
        if "vert" not in skip and self.vert != "central":
            out.append(f"It is not {OPP[self.vert]}.")
        out += [rng.choice(CONV[p["plane"]]), rng.choice(p["kb"]), rng.choice(p["comp"]), rng.choice(p["pop"])]
        rng.shuffle(out)
        return out[:rng.randint(1, 3)]


def words_ok(text: str, style: str) -> str:
    return spell(text) if style == "words" else text


# --- questions ---------------------------------------------------------------------------------------
Q1 = {
    "terse": ["Can you segment {h}?", "Which structure here is {h}? Mark it.", "Outline {h} on this {mod}, please?",
              "Where is {h} on this slice?", "Show {h} — where is it?", "Need {h} highlighted. Can you?"],
    "tutor": ["I'm a student and a bit lost. Could you show me {h} on this {mod} image?",
              "Can you help me find {h} on this slice and explain where it is?",
              "My teacher asked me to find {h}. Where is it here?",
              "Could you point out {h} and tell me about its position?",
              "I'm revising anatomy: which part of this {mod} image is {h}?",
              "Would you walk me through locating {h} on this scan?"],
    "markdown": ["Hey! Can you segment {h} in this {mod} image?", "Please find {h} and give me a quick summary?",
                 "What's {h} here? Segment it and describe it.", "Could you highlight {h} for me?",
                 "Hi, where is {h} on this image? A short write-up would be great.", "Can you mark {h} and explain the findings?"],
    "words": ["Can you show me {h} on this image?", "Where is {h} on this slice?", "Please outline {h}. Where does it lie?",
              "Could you find {h} for me?", "Which area is {h}? Please mark it.", "Can you segment {h} and describe it?"],
}
GIVE = ["Re: {g} — ", "Question about the {g}: ", "Context, {g} query. ", "We are looking at {g} here. ", "Tag: {g}. "]
FQ = {
    "side": ["Which side is it on?", "Left or right?", "And which side of the patient?", "Which side, please?",
             "Is it on the patient's left or right, or both?", "What is the laterality, please?"],
    "vert": ["Where is it front to back?", "Is it toward the front or the back?", "What about its position in the slice?",
             "And the other axis — where does it sit?", "Where exactly does it lie in the image?"],
    "vert_cor": ["Is it high or low in the image?", "Where is it from head to foot?", "What about its position up and down?"],
    "rel": ["Where is it relative to the {o}?", "How does it relate to the {o}?", "And compared with the {o}?", "Where is it in relation to the {o}?"],
    "size": ["How big is it?", "What about its size?", "Is it large or small?", "How much of the image does it cover?", "What size is it, please?"],
    "count": ["How many pieces are there?", "Is it one region or several?", "How many separate parts?", "Is it in one piece?"],
    "why": ["Why does that matter?", "Why is that important?", "Is that normal for people?", "What is typical for adults?"],
}
ACK = {"terse": ["", "", "Sure. ", "OK. "], "tutor": ["Good question! ", "Let's look. ", "Sure. ", ""],
       "markdown": ["Great question! 😊\n\n", "Sure thing!\n\n", "**Short answer:** ", ""], "words": ["", "Sure. ", "Good question. "]}


def join(parts: list[str], style: str) -> str:
    if style == "markdown":
        return "\n".join(x if x.startswith(("-", "**", "#")) else x for x in parts)
    return " ".join(parts)


def user_defect_q(c: Ctx, kind: str, rng) -> str:
    """A follow-up question that presupposes one false fact of `kind`."""
    if kind == "laterality":
        w = c.wrong_side_word()
        if c.side == "bilateral":
            return rng.choice([f"Why is it only on the {w} side?", f"Since it's only on the patient's {w}, is that typical?"])
        if c.side == "midline":
            return rng.choice([f"Why does it sit off to the patient's {w}?", f"Since it lies on the {w} side, is that normal?"])
        return rng.choice([f"Why is it on the {w} side?", f"Since it's on the patient's {w}, is that typical?",
                           f"Given that it lies on the {w}, what does that mean?"])
    if kind == "position":
        if c.rels and (c.vert == "central" or rng.random() < 0.4):
            o, r = rng.choice(c.rels)
            return rng.choice([f"Why is it {REL_TXT[REL_FLIP[r]][0]} the {o}?",
                               f"Since it sits {REL_TXT[REL_FLIP[r]][1]} the {o}, is that usual?"])
        v = OPP[c.vert]
        return rng.choice([f"Why does it sit so far {VERT[v][1][0]}?", f"Why is it {v} on this slice?"])
    if kind == "size":
        if rng.random() < 0.5:
            w = c.wrong_size_class()
            w = {"large": "huge", "small": "tiny"}[w]
            return rng.choice([f"Why is it so {w}?", f"Why does it look so {w} here?"])
        return f"It covers {pct_text(c.wrong_pct(), c.style, rng)} of the image, is that a lot?"
    if c.n == 1:
        return rng.choice(["Why is it split into two separate pieces?", f"Why are there {c.num(2)} separate parts?"])
    return rng.choice(["Why is it just one single connected piece?", "Why is it only one region?"])

INTRO = {
    "terse": ["{SEG} {Name}.", "Segmented: {name} {SEG}.", "{SEG} — {name}.", "Mask: {SEG} ({name}).", "{Name} outlined {SEG}.", "Findings: {name} {SEG}."],
    "tutor": ["Good question! The structure you describe is {name}, highlighted here: {SEG}.",
              "Let's work through it together. What you are describing is {name} {SEG}.",
              "Great that you're practising. This is {name}: {SEG}.", "You're looking for {name}, and here it is {SEG}.",
              "Happy to help. I've outlined {name} for you {SEG}.", "Think about what the description points to: {name}. Here it is {SEG}."],
    "markdown": ["## Segmentation\n\nSure! Here is **{name}**: {SEG}\n", "### Result\n{SEG}\n\nThis is **{name}**.\n",
                 "Absolutely! 🙌 I've segmented **{name}** {SEG}.\n\n### Key findings", "## {Name}\n\n{SEG}\n\n**Summary:**",
                 "Here you go — **{name}** is highlighted {SEG}.\n\n#### Details", "# Answer\n\nThe structure is **{name}** {SEG}.\n"],
    "words": ["This is {name}, shown here: {SEG}.", "Here is {name} {SEG}.", "The answer is {name} {SEG}.",
              "I have marked {name} {SEG}.", "You are describing {name}, highlighted here {SEG}.", "That description fits {name} {SEG}."],
}
DEFECT_FACT = {"laterality": "side", "count": "count"}


def build(p: dict, f: dict, style: str, rng: random.Random, defect: str | None):
    c = Ctx(p, f, style, rng)
    kinds = ["side", "vert", "size", "pct", "count"] + (["rel"] if c.rels else [])
    n_user = rng.choice([1, 2, 2, 3, 3, 4])
    wk = where = None
    if defect and defect != "names_target":
        wk = DEFECT_FACT.get(defect) or (
            ("rel" if c.rels and (c.vert == "central" or rng.random() < 0.4) else "vert") if defect == "position"
            else rng.choice(["size", "size", "pct"]))
        where = rng.choices(["first", "follow", "user"], [5, 3, 2])[0]
        if where != "first":
            n_user = max(n_user, 2)
    skip = {wk} if wk in ("side", "vert", "count") else set()
    # the first question (names the target only for a names_target defect)
    q = rng.choice(Q1[style]).format(h=p["hint"], mod=p["modality"])
    if rng.random() < 0.3:
        q = rng.choice([f"{'Axial' if p['plane'] == 'ax' else 'Coronal'} {p['modality']} slice. ", "Quick one. ", ""]) + q
    if defect == "names_target":
        q = rng.choice(GIVE).format(g=rng.choice(p["giveaway"])) + q
    # the first answer
    pool = [k for k in kinds if k != wk]
    rng.shuffle(pool)
    first = pool[:rng.randint(2, 4)]
    rest = [k for k in pool if k not in first]
    if where == "first":
        first.insert(rng.randrange(len(first) + 1), wk)
    name = "the " + p["target"]
    intro = rng.choice(INTRO[style]).format(SEG=SEG, name=name, Name=cap(name))
    body = [c.fact(k, wrong=(k == wk and where == "first")) for k in first]
    traps = c.traps(skip)
    mix = body + traps
    if rng.random() < 0.5:
        rng.shuffle(mix)
    a1 = intro + ("\n" if style == "markdown" else " ") + join(mix, style)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": a1}]
    # follow-ups
    n_follow = n_user - 1
    bad_at = rng.randrange(n_follow) if where in ("follow", "user") else -1
    for t in range(n_follow):
        if t == bad_at and where == "user":
            uq = user_defect_q(c, defect, rng)
            ans = rng.choice(["That is hard to judge from a single slice.", "It varies between patients.",
                              "One slice cannot settle that on its own."]) + " " + rng.choice(p["pop"] + p["kb"])
        elif t == bad_at:
            uq, ans = followup(c, wk, wrong=True)
        else:
            opts = (rest or [k for k in kinds if k != wk]) + ["why", "confirm", "truewhy"]
            k = rng.choice(opts)
            if k in rest:
                rest.remove(k)
            uq, ans = followup(c, k, wrong=False, skip=skip | ({wk} if wk else set()))
        if len(ans) < 24 or len(ans.split()) < 4:  # a terse one-word answer: pad with a neutral phrase
            ans = ans.rstrip(".") + rng.choice([", as seen on the mask.", " on this image.", ", per the outline shown."])
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    if style == "words":
        for t in turns:
            t["content"] = spell(t["content"])
    return turns, [defect] if defect else []


def followup(c: Ctx, k: str, wrong: bool, skip: set = frozenset()):
    """One follow-up question about fact `k` and its answer (false only when `wrong`)."""
    rng, style, p = c.rng, c.style, c.p
    ack = rng.choice(ACK[style])
    if k == "why":
        return rng.choice(FQ["why"]), ack + rng.choice(p["pop"]) + " " + rng.choice(p["kb"] + p["comp"])
    if k == "confirm":
        if "side" in skip:
            k = "truewhy"
        else:
            s = c.side
            q = {"midline": "So it sits in the midline, correct?", "bilateral": "So it is on both sides, right?"}.get(
                s, rng.choice([f"So it is on the patient's {s}, right?", f"Just to confirm: the {s} side?",
                               f"It's the {s} one, isn't it?"]))
            return q, rng.choice(["Yes. ", "Correct. ", "That's right. "]) + c.side_s() + " " + rng.choice(CONV[p["plane"]])
    if k == "truewhy":
        sz = rng.choice(SIZE[c.size])
        q = rng.choice([f"Why does it look {sz} here?", f"Is it normal for it to be {sz} on this slice?"])
        return q, ack + rng.choice(["It depends partly on the slice level.", "Partly that is just where the slice cuts it."]) + " " + rng.choice(p["comp"])
    if k == "rel":
        o, r = rng.choice(c.rels)
        q = rng.choice(FQ["rel"]).format(o=o)
        return q, ack + c.rel_s((o, r), wrong=wrong)
    if k == "vert":
        q = rng.choice(FQ["vert_cor"] if p["plane"] == "cor" else FQ["vert"])
        return q, ack + c.vert_s(wrong)
    if k in ("size", "pct"):
        q = rng.choice(FQ["size"])
        parts = [c.fact(k, wrong)]
        if rng.random() < 0.5:
            parts.append(rng.choice(p["comp"]))
        return q, ack + join(parts, style)
    q = rng.choice(FQ[k])
    parts = [c.fact(k, wrong)]
    if k == "side" and not wrong and rng.random() < 0.5:
        parts.append(rng.choice(CONV[p["plane"]]))
    if k == "count" and not wrong and rng.random() < 0.4:
        parts.append(rng.choice(NEG_ONE if c.n == 1 else NEG_MANY))
    return q, ack + join(parts, style)


def pick_profile(profiles, i, defect, rng):
    """Weight multi-region and bilateral masks up for count and laterality defects."""
    if defect in ("count", "laterality") and rng.random() < 0.35:
        return rng.choice([p for p in profiles if len(p["blobs"]) > 1])
    return rng.choice(profiles)
