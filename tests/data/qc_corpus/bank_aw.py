"""Bank AW: thorax, heart, head/neck and brain targets on CT and MR, written blind (helper `qcaw`).

Written without opening the QC rules, their tests, other banks or any corpus rows; not measured by its
writer (the lead measures it once after merging). Targets: lungs (both, left), right upper lobe, heart,
trachea, thyroid, carotids (both, right), parotid glands (a label the knowledge base does not know),
hippocampi (both, left), lateral ventricles, brainstem and corpus callosum (unknown label) on sagittal
MR, and a multi-focal lung tumour. Masks are numpy ellipses measured by the product's `compute_facts`
(axial "LP", coronal "LI", sagittal "PI" with a midline plane); the prose is written FROM those facts.
Registers: a terse radiologist, a patient tutor, a chatty markdown assistant, and numbers spelled out as
words. Conversations are multi-turn with follow-ups that refer back ("and the other one?", "so it's on
my left then?", "is that normal?", "compared with the heart?"). Each defective conversation holds
exactly one false claim (about a fifth of side/position/size/count defects sit in a user question);
clean ones carry true negations, display-convention sentences, knowledge about other structures,
hedges and population numbers.

420 rows (210 clean, 42 per defect kind; orientations LP 294, LI 79, PI 47; 175 rows with 2-3 regions).
Writer's own checks (no QC code): every row loads into the models, every turn 12..2000 characters and
three words or more, one [SEG] in the first answer only, no digit in the numbers-as-words register, and
a template-level claim reader found no false claim in a clean row and the planted kind in every defective
one it could parse. First measure: not measured by its writer (the lead measures it once after merging).
"""

from __future__ import annotations

import random

import numpy as np

W = H = 256
STYLES = ["terse", "tutor", "chatty", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]

# shapes: ellipses (cx, cy, rx, ry) in image fractions; others: normalised centroids of neighbours
PROFILES = [
    dict(target="lung", plane="axial", mod="CT", region="thorax", pair=None, abbr="",
         shapes=[(0.29, 0.47, 0.15, 0.24), (0.71, 0.47, 0.14, 0.24)],
         others={"heart": (0.55, 0.38), "vertebral body": (0.5, 0.78)},
         names=["both lungs", "the lungs", "the two lungs"], giveaway=["pulmonary", "lungs", "lung"],
         q=["Which organs fill most of the chest and handle gas exchange? Please outline them.",
            "A smoker has worsening breathlessness; can you segment the air-filled organs where oxygen enters the blood?"],
         kb=["The heart sits between them, tilted toward the patient's left.",
             "The trachea divides into the two main bronchi just above the heart."],
         pop=("An adult's lungs hold about 6 litres of air at full inspiration.",
              "An adult's lungs hold about six litres of air at full inspiration.")),
    dict(target="lung", plane="coronal", mod="CT", region="thorax", pair=None, abbr="",
         shapes=[(0.3, 0.42, 0.14, 0.27), (0.7, 0.42, 0.13, 0.27)],
         others={"heart": (0.55, 0.62), "liver": (0.3, 0.88)},
         names=["both lungs", "the lungs", "the two lungs"], giveaway=["pulmonary", "lungs", "lung"],
         q=["On this front-facing chest reconstruction, outline the two spongy organs that take in oxygen.",
            "A patient has emphysema; segment the air-filled organs on this coronal view."],
         kb=["The liver sits under the right hemidiaphragm, below them.",
             "The heart rests between their lower halves."],
         pop=("Each lung has about 300 million alveoli.", "Each lung has about three hundred million alveoli.")),
    dict(target="left common carotid artery", plane="coronal", mod="CT", region="neck",
         pair="right common carotid artery", abbr="CCA", shapes=[(0.62, 0.45, 0.022, 0.2)],
         others={"trachea": (0.5, 0.45), "aortic arch": (0.55, 0.92)},
         names=["the left common carotid", "the left CCA", "the left carotid"],
         giveaway=["carotid", "LCCA", "left CCA"],
         q=["On this coronal CT angiogram, outline the long neck vessel on the patient's left that rises "
            "straight from the aortic arch to feed the brain.",
            "Segment the main vessel running up the left side of the neck toward the head."],
         kb=["The right one comes off the brachiocephalic trunk instead.",
             "The left internal jugular vein runs alongside it, just lateral."],
         pop=("Plaque most often forms at its bifurcation, roughly at the C4 level.",
              "Plaque most often forms at its bifurcation, roughly at the fourth cervical level.")),
    dict(target="left lung", plane="axial", mod="CT", region="thorax", pair="right lung", abbr="",
         shapes=[(0.71, 0.47, 0.14, 0.24)],
         others={"heart": (0.55, 0.38), "vertebral body": (0.5, 0.78), "right lung": (0.29, 0.47)},
         names=["the left lung", "this lung"], giveaway=["left lung", "lung", "the left lung's"],
         q=["Can you outline the air-filled organ on the side where the heart's apex points?",
            "Show me the breathing organ that has only two lobes and a cardiac notch."],
         kb=["The right lung has three lobes, one more than this one.",
             "The LLL lies behind the LUL, separated by the oblique fissure.",
             "The heart makes a notch in the front of it."],
         pop=("It usually has 2 lobes, while the other side has 3.",
              "It usually has two lobes, while the other side has three.")),
    dict(target="right upper lung lobe", plane="axial", mod="CT", region="thorax", pair="left upper lung lobe",
         abbr="RUL", shapes=[(0.3, 0.42, 0.1, 0.14)],
         others={"trachea": (0.5, 0.35), "vertebral body": (0.5, 0.78)},
         names=["the right upper lobe", "this lobe", "the RUL"], giveaway=["RUL", "right upper lobe", "upper-lobe"],
         q=["Segment the top section of the right breathing organ, where TB likes to settle.",
            "Outline the apical portion of the air organ on the side with the horizontal fissure."],
         kb=["The right middle lobe lies below it, separated by the horizontal fissure.",
             "The left lung has no middle lobe; the lingula plays that role."],
         pop=("Reactivation tuberculosis favours the apical and posterior segments of the upper lobes.",
              "Reactivation tuberculosis favours the apical and posterior segments of the upper lobes.")),
    dict(target="heart", plane="axial", mod="CT", region="thorax", pair=None, abbr="",
         shapes=[(0.56, 0.4, 0.13, 0.12)],
         others={"vertebral body": (0.5, 0.78), "descending aorta": (0.56, 0.7)},
         names=["the heart", "the cardiac silhouette", "this organ"], giveaway=["cardiac", "heart", "the heart's"],
         q=["Which muscular pump sits in the middle of the chest and moves blood round the body? Outline it.",
            "A patient has chest pain on exertion; can you segment the organ that pumps the blood?"],
         kb=["The descending aorta runs behind it, next to the spine.",
             "The lungs wrap around it on both sides."],
         pop=("An adult one weighs roughly 250 to 350 grams.", "An adult one weighs roughly two hundred and fifty "
              "to three hundred and fifty grams.")),
    dict(target="trachea", plane="axial", mod="CT", region="thorax", pair=None, abbr="",
         shapes=[(0.5, 0.36, 0.035, 0.035)],
         others={"vertebral body": (0.5, 0.78), "right lung": (0.29, 0.47), "left lung": (0.71, 0.47)},
         names=["the trachea", "the windpipe", "this airway"], giveaway=["tracheal", "windpipe", "trachea"],
         q=["Outline the tube that carries air from the throat down to the chest.",
            "A patient has stridor; segment the cartilage-ringed airway in the neck and upper chest."],
         kb=["The oesophagus lies just behind it, a little to the left.",
             "The aortic arch curves over the left main bronchus lower down."],
         pop=("In adults it is about 10 to 12 cm long and 2 cm wide.",
              "In adults it is about ten to twelve centimetres long and two centimetres wide.")),
    dict(target="thyroid gland", plane="axial", mod="CT", region="neck", pair=None, abbr="",
         shapes=[(0.5, 0.36, 0.16, 0.07)],
         others={"trachea": (0.5, 0.47), "vertebral body": (0.5, 0.75)},
         names=["the thyroid", "this gland", "the thyroid gland"], giveaway=["thyroid", "thyroidal", "the thyroid's"],
         q=["Which butterfly-shaped organ in the lower neck controls metabolism? Outline it.",
            "A patient has a neck swelling that moves on swallowing; segment the hormone-making organ responsible."],
         kb=["The carotid arteries run just lateral to it on each side.",
             "The parathyroid glands sit on its back surface."],
         pop=("Each lobe is normally about 4 to 6 cm tall.", "Each lobe is normally about four to six "
              "centimetres tall.")),
    dict(target="common carotid artery", plane="axial", mod="CT", region="neck", pair=None, abbr="CCA",
         shapes=[(0.33, 0.5, 0.03, 0.03), (0.67, 0.5, 0.03, 0.03)],
         others={"trachea": (0.5, 0.4), "vertebral body": (0.5, 0.72)},
         names=["both common carotid arteries", "the two CCAs", "the carotids"],
         giveaway=["carotid", "carotids", "CCA"],
         q=["Segment the two big vessels in the neck that carry blood up to the brain.",
            "A patient had a TIA; outline the main neck vessels you would check for plaque."],
         kb=["The internal jugular veins run just lateral to them.",
             "Each one divides into the ICA and ECA near the upper border of the thyroid cartilage.",
             "The thyroid lobes sit medial to them."],
         pop=("A normal adult one is about 6 to 7 mm across.", "A normal adult one is about six to seven "
              "millimetres across.")),
    dict(target="right common carotid artery", plane="axial", mod="CT", region="neck",
         pair="left common carotid artery", abbr="CCA", shapes=[(0.33, 0.5, 0.03, 0.03)],
         others={"trachea": (0.5, 0.4), "vertebral body": (0.5, 0.72)},
         names=["the right common carotid", "the right CCA", "this artery"], giveaway=["carotid", "CCA", "RCCA"],
         q=["Outline the big neck vessel on the patient's right that feeds the brain; it comes off the "
            "brachiocephalic trunk.", "Segment the main vessel in the right side of the neck that supplies the head."],
         kb=["The left one arises directly from the aortic arch instead.",
             "The internal jugular vein runs just lateral to it."],
         pop=("It divides at about the level of the C4 vertebra.", "It divides at about the level of the "
              "fourth cervical vertebra.")),
    dict(target="parotid gland", plane="axial", mod="CT", region="head and neck", pair=None, abbr="",
         shapes=[(0.2, 0.5, 0.06, 0.09), (0.8, 0.5, 0.06, 0.09)],
         others={"vertebral body": (0.5, 0.7), "mandible": (0.5, 0.3)},
         names=["both parotid glands", "the parotids", "the two parotid glands"], giveaway=["parotid", "parotids",
                                                                                   "parotid gland"],
         q=["Segment the largest saliva makers, the ones in front of the ears that swell in mumps.",
            "Outline the structures over the angle of the jaw that make watery saliva."],
         kb=["The facial nerve runs through them.", "The submandibular glands sit lower, under the jaw."],
         pop=("Together they make about a quarter of resting saliva.", "Together they make about a quarter of "
              "resting saliva.")),
    dict(target="hippocampus", plane="coronal", mod="MR", region="brain", pair=None, abbr="",
         shapes=[(0.34, 0.6, 0.035, 0.03), (0.66, 0.6, 0.035, 0.03)],
         others={"lateral ventricle": (0.5, 0.4), "brainstem": (0.5, 0.78)},
         names=["both hippocampi", "the hippocampi", "the two hippocampal formations"],
         giveaway=["hippocampal", "hippocampi", "Ammon's horn"],
         q=["Outline the curved memory structures in the medial temporal lobes, the ones that shrink in "
            "Alzheimer's.", "An older man is getting forgetful; segment the seahorse-shaped memory structures."],
         kb=["The amygdala lies just in front of each of them.",
             "The temporal horns of the lateral ventricles sit right above them."],
         pop=("Each one is about 4 to 4.5 cm long in adults.", "Each one is about four to four and a half "
              "centimetres long in adults.")),
    dict(target="left hippocampus", plane="axial", mod="MR", region="brain", pair="right hippocampus", abbr="",
         shapes=[(0.64, 0.55, 0.03, 0.07)],
         others={"brainstem": (0.5, 0.6), "lateral ventricle": (0.5, 0.42)},
         names=["the left hippocampus", "this hippocampus", "the left hippocampal formation"],
         giveaway=["hippocampal", "hippocampus", "left hippocampus"],
         q=["Segment the memory structure in the medial temporal lobe on the patient's left; the patient has "
            "focal seizures.", "Outline the seahorse-shaped structure of the left temporal lobe."],
         kb=["The brainstem lies just medial to it.", "The amygdala sits in front of it."],
         pop=("Mesial temporal sclerosis is the commonest cause of focal epilepsy in adults.",
              "Mesial temporal sclerosis is the commonest cause of focal epilepsy in adults.")),
    dict(target="lateral ventricle", plane="axial", mod="MR", region="brain", pair=None, abbr="",
         shapes=[(0.4, 0.45, 0.035, 0.14), (0.6, 0.45, 0.035, 0.14)],
         others={"skull": (0.5, 0.05), "third ventricle": (0.5, 0.52)},
         names=["the lateral ventricles", "both lateral ventricles", "the two lateral ventricles"],
         giveaway=["ventricular", "ventricles", "lateral ventricle"],
         q=["Segment the two big fluid-filled cavities deep in the brain where CSF is made.",
            "A baby has a growing head; outline the CSF chambers you would check for hydrocephalus."],
         kb=["The third ventricle sits between the thalami in the midline.",
             "The choroid plexus makes most of the CSF."],
         pop=("An adult makes about 500 mL of CSF a day.", "An adult makes about five hundred millilitres of "
              "CSF a day.")),
    dict(target="brainstem", plane="sagittal", mod="MR", region="brain", pair=None, abbr="",
         shapes=[(0.52, 0.72, 0.06, 0.13)],
         others={"corpus callosum": (0.45, 0.4), "cerebellum": (0.68, 0.72)},
         names=["the brainstem", "this structure", "the midbrain, pons and medulla"],
         giveaway=["brainstem", "brain-stem", "the brainstem's"],
         q=["Outline the stalk joining the brain to the spinal cord that controls breathing and heart rate.",
            "A patient has double vision and limb weakness; segment the part of the brain where the cranial "
            "nerve nuclei sit."],
         kb=["The cerebellum lies behind it.", "The fourth ventricle separates it from the cerebellum."],
         pop=("Ten of the twelve cranial nerves arise from it.", "Ten of the twelve cranial nerves arise from it.")),
    dict(target="corpus callosum", plane="sagittal", mod="MR", region="brain", pair=None, abbr="CC",
         shapes=[(0.45, 0.4, 0.2, 0.045)],
         others={"brainstem": (0.52, 0.72), "cerebellum": (0.68, 0.72)},
         names=["the corpus callosum", "this white-matter band", "the CC"], giveaway=["callosal", "corpus callosum", "the CC"],
         q=["Segment the thick band of white matter that connects the two cerebral hemispheres.",
            "A patient has a split-brain syndrome after surgery; outline the fibres that were cut."],
         kb=["The fornix hangs just under it.", "The brainstem lies below and behind it."],
         pop=("It holds about 200 million axons.", "It holds about two hundred million axons.")),
    dict(target="lung tumour", plane="axial", mod="CT", region="thorax", pair=None, abbr="",
         shapes=[(0.27, 0.4, 0.03, 0.03), (0.3, 0.56, 0.025, 0.025), (0.22, 0.5, 0.02, 0.02)],
         others={"heart": (0.55, 0.38), "vertebral body": (0.5, 0.78)},
         names=["the lung tumour foci", "these lung tumour nodules", "the tumour deposits in the lung"], giveaway=["tumour", "tumours", "lung cancer"],
         q=["A smoker has haemoptysis and weight loss; segment the suspicious spots in the chest.",
            "Outline the suspicious solid growths inside the air-filled organ of the chest."],
         kb=["The heart and mediastinum look clear.", "The left lung has no similar lesion."],
         pop=("About 85 percent of these cancers are non-small-cell types.",
              "About eighty-five percent of these cancers are non-small-cell types.")),
]

ORI = {"axial": "LP", "coronal": "LI", "sagittal": "PI"}


def record_for(p: dict) -> dict:
    return {"modality": p["mod"], "body_region": p["region"], "orientation": ORI[p["plane"]]}


def pick_profile(profiles: list, i: int, defect, rng: random.Random) -> dict:
    """Bilateral and multi-region masks get extra weight for side and count defects."""
    if defect in ("laterality", "count") and rng.random() < 0.5:
        return rng.choice([p for p in profiles if len(p["shapes"]) > 1 or p["plane"] == "sagittal"])
    return rng.choice(profiles)


def facts_for(p: dict, rng: random.Random) -> dict:
    from medseg_qa.facts import compute_facts
    from medseg_qa.patient import PatientFrame

    yy, xx = np.mgrid[0:H, 0:W]
    mask = np.zeros((H, W), bool)
    dx, dy = rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015)
    s = rng.uniform(0.9, 1.1)
    for cx, cy, rx, ry in p["shapes"]:
        cx, cy = (cx + dx) * (W - 1), (cy + dy) * (H - 1)
        mask |= ((xx - cx) / (rx * s * W)) ** 2 + ((yy - cy) / (ry * s * H)) ** 2 <= 1.0
    ori = ORI[p["plane"]]
    frame = None
    if p["plane"] == "sagittal":
        frame = PatientFrame("world", ((W - 1) / 2, (H - 1) / 2), (float(W), float(H)), None,
                             plane_offset=rng.uniform(-0.02, 0.02))
    return compute_facts(mask, ori, p["others"], frame=frame).model_dump(mode="json")


# --- words ------------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    t, o = divmod(n, 10)
    return _TENS[t] + ("" if o == 0 else "-" + _ONES[o])


def pct(f: dict, style: str, rng: random.Random) -> str:
    p = f["area_fraction"] * 100
    if style == "words":
        if p < 1:
            return rng.choice(["well under one percent", "less than one percent"])
        n = int(p) if f["size_class"] == "medium" else round(p)  # never rounded across a class bound
        return rng.choice([f"about {words(n)} percent", f"roughly {words(n)} percent"])
    if p < 1:
        return rng.choice([f"about {p:.1f}%", "well under 1%", f"~{p:.2f}%"])
    if f["size_class"] == "medium":  # shown truncated, never rounded up onto a class bound
        p = int(p * 10) / 10
    return rng.choice([f"about {p:.1f}%", f"~{p:.1f}%", f"roughly {p:.1f} percent"])


def wrong_pct(f: dict, style: str, rng: random.Random) -> str:
    big = f["size_class"] == "large"  # large -> a speck; small or medium -> a third of the image
    if style == "words":
        return "well under half a percent" if big else rng.choice(["about thirty percent", "roughly forty percent"])
    return "about 0.2%" if big else rng.choice(["about 30%", "roughly 40 percent"])


# --- true (and false) fact sentences -------------------------------------------------------------------

SCREEN = {"left": "right", "right": "left"}


def side_text(f: dict, p: dict, style: str, rng: random.Random, wrong: bool = False) -> str:
    lat = f["laterality"]
    if wrong:
        lat = {"left": "right", "right": "left", "midline": rng.choice(["left", "right"]),
               "bilateral": rng.choice(["left", "right"])}[lat]
        if f["laterality"] == "bilateral":
            return rng.choice([f"It is only on the patient's {lat}; the other side has nothing outlined.",
                               f"Only the {lat}-sided one is present in the mask.",
                               f"Strictly one-sided: patient's {lat}."])
    if lat in ("left", "right"):
        scr = SCREEN[lat]
        opts = {"terse": [f"{lat.capitalize()}-sided on this slice.", f"Located on the patient's {lat}.",
                          f"Side: {lat}, not {SCREEN[lat]}.", f"Patient's {lat}, screen {scr}."],
                "tutor": [f"Anatomically it belongs to the {lat} side; the viewer puts it on the {scr} of the "
                          "screen, so don't let the display fool you.",
                          f"It's on the patient's {lat}. On the screen that shows up on the {scr}, because "
                          f"scans are viewed as if you stand at the patient's feet.",
                          f"It sits on the {lat} side of the body, which appears on the {scr} of the image."],
                "chatty": [f"- **Side:** the patient's **{lat}** (it shows on the {scr} of the screen)",
                           f"- **Laterality:** {lat}-sided"],
                "words": [f"It lies on the patient's {lat} side, which the image shows on the {scr}.",
                          f"You will find it on the {lat} of the body, though it is drawn on the {scr} of the image.",
                          f"It is a {lat}-sided structure here."]}
        if p["plane"] == "sagittal":
            opts = {k: [f"This sagittal slice sits on the patient's {lat}."] for k in opts}
        return rng.choice(opts[style])
    if lat == "midline":
        if p["plane"] == "sagittal":
            return rng.choice({"terse": ["Midsagittal slice; midline structure.", "Midline on this slice."],
                               "tutor": ["This is a slice right down the middle of the head, so the structure is "
                                         "midline, neither left nor right."],
                               "chatty": ["- **Side:** midline (this is a midsagittal slice)"],
                               "words": ["It is a midline structure on a slice through the middle of the head."]
                               }[style])
        return rng.choice({"terse": ["Sits in the midline.", "Midline, not lateralised."],
                           "tutor": ["It sits in the midline, straddling the middle of the body rather than "
                                     "leaning left or right."],
                           "chatty": ["- **Side:** midline, right in the middle", "- **Position:** midline"],
                           "words": ["It sits in the midline, not on one side."]}[style])
    return rng.choice({"terse": ["Bilateral, one on each side.", "Both sides involved, left and right."],
                       "tutor": ["There is one on each side of the body, left and right, so the mask is "
                                 "bilateral.", "Both sides are outlined: the patient's left and right."],
                       "chatty": ["- **Side:** bilateral (left *and* right)", "- **Laterality:** both sides"],
                       "words": ["There is one on each side, left and right.", "Both sides are outlined."]
                       }[style])


VERT_WORDS = {"anterior": ("anterior", "toward the front", "top"), "posterior": ("posterior", "toward the back", "bottom"),
              "superior": ("superior", "toward the head", "top"), "inferior": ("inferior", "toward the feet", "bottom")}
FLIPV = {"anterior": "posterior", "posterior": "anterior", "superior": "inferior", "inferior": "superior"}


def vert_text(f: dict, p: dict, style: str, rng: random.Random, wrong: bool = False) -> str | None:
    v = f["vertical"]
    if v == "central":
        return None if wrong else rng.choice({
            "terse": ["Centrally placed on this axis."], "tutor": ["It sits about halfway along the image from top to "
                                                                   "bottom."],
            "chatty": ["- **Level:** roughly central on the image"], "words": ["It sits near the middle of the image "
                                                                               "from top to bottom."]}[style])
    if wrong:
        v = FLIPV[v]
    word, plain, img = VERT_WORDS[v]
    return rng.choice({"terse": [f"{word.capitalize()} in position.", f"Lies {word}ly in the section.",
                                 f"Sits predominantly {word}."],
                       "tutor": [f"It's in the {word} part of the slice, {plain}; on the image that is the {img}.",
                                 f"It sits {plain} ({word}), near the {img} of the picture."],
                       "chatty": [f"- **Position:** {word} ({plain})", f"- **Where:** the {word} part, {img} of the image"],
                       "words": [f"It lies in the {word} part of the slice, {plain}."]}[style])


REL = {"left_of": "to the patient's left of", "right_of": "to the patient's right of", "anterior_to": "in front of",
       "posterior_to": "behind", "superior_to": "above", "inferior_to": "below"}
FLIPR = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
         "superior_to": "inferior_to", "inferior_to": "superior_to"}


def rel_text(f: dict, style: str, rng: random.Random, wrong: bool = False) -> str | None:
    rels = [r for r in f["relations"] if r["relation"] not in ("left_of", "right_of")] or f["relations"]
    if not rels:
        return None
    r = rng.choice(rels)
    kind = FLIPR[r["relation"]] if wrong else r["relation"]
    return rng.choice([f"It lies {REL[kind]} the {r['other']}.", f"It is {REL[kind]} the {r['other']}.",
                       f"The mask sits {REL[kind]} the {r['other']}."])


SIZE_ADJ = {"small": ["small", "little"], "medium": ["medium-sized", "moderate-sized"], "large": ["large", "big"]}
WRONG_SIZE = {"small": "huge", "medium": "huge", "large": "tiny"}


def size_text(f: dict, style: str, rng: random.Random, wrong: bool = False) -> str:
    if wrong:
        adj, share = WRONG_SIZE[f["size_class"]], wrong_pct(f, style, rng)
    else:
        adj, share = rng.choice(SIZE_ADJ[f["size_class"]]), pct(f, style, rng)
    return rng.choice({"terse": [f"Size: {adj}, {share} of the image.", f"{adj.capitalize()}; {share} of the field."],
                       "tutor": [f"It's {adj} on this slice, taking up {share} of the picture.",
                                 f"In terms of size it is {adj}: {share} of the image area."],
                       "chatty": [f"- **Size:** {adj} (**{share}** of the image)",
                                  f"- **How big:** {adj}; it covers {share} of the slice"],
                       "words": [f"It is {adj}, covering {share} of the image.",
                                 f"It takes up {share} of the picture, so it is {adj}."]}[style])


def count_text(f: dict, style: str, rng: random.Random, wrong: bool = False) -> str:
    n = f["components"]
    if wrong:
        if n == 1:
            return rng.choice(["It is made of two separate pieces.", "The mask has two disconnected regions.",
                               "It splits into three separate parts."])
        return rng.choice(["It is one single connected region.", "The mask is a single continuous piece."])
    if n == 1:
        return rng.choice({"terse": ["Single connected region.", "One component, no second focus."],
                           "tutor": ["It is one continuous piece; there is no second separate part."],
                           "chatty": ["- **Pieces:** just one connected region"],
                           "words": ["It is one single connected piece."]}[style])
    nw = words(n)
    return rng.choice({"terse": [f"{n} separate components.", f"{nw.capitalize()} discrete regions."],
                       "tutor": [f"The mask has {nw} separate parts that do not touch each other."],
                       "chatty": [f"- **Pieces:** {n} separate regions"],
                       "words": [f"The mask has {nw} separate parts."]}[style])


# --- the conversation ---------------------------------------------------------------------------------

CONVENTION = {"terse": "Radiological convention: patient's left on image right.",
              "tutor": "A quick tip: scans are shown as if you were looking up from the patient's feet, so the "
                       "patient's left appears on the right of the screen.",
              "chatty": "> **Tip:** on CT and MR the patient's left is displayed on the *right* of the screen.",
              "words": "By convention, the patient's left appears on the right side of the screen."}
ABNORMAL = ["These look suspicious for malignancy; tissue sampling would likely be the next step.",
            "This pattern is not normal and probably needs a biopsy or PET-CT."]
HEDGE = ["This is probably within normal limits, but correlate clinically.", "Nothing here looks clearly abnormal, "
         "though a single slice can mislead.", "That appearance is likely within the normal range."]


def hedge(p: dict, rng: random.Random) -> str:
    return rng.choice(ABNORMAL if "tumour" in p["target"] else HEDGE)


def build(p: dict, f: dict, style: str, rng: random.Random, defect):
    exp = [defect] if defect else []
    name = rng.choice([n for n in p["names"] if not n.startswith("this")])
    pop = p["pop"][1] if style == "words" else p["pop"][0]
    # where the defect goes: first answer, a follow-up answer, or (a fifth of the time) a user question
    where = None
    if defect and defect != "names_target":
        where = rng.choices(["a1", "follow", "user"], [0.45, 0.35, 0.2])[0]
    if defect == "position" and f["vertical"] == "central" and not rel_text(f, style, rng):
        where = "a1"
    bad = {k: (defect == k) for k in KINDS}

    def fact(kind: str, wrong: bool = False) -> str | None:
        if kind == "laterality":
            return side_text(f, p, style, rng, wrong)
        if kind == "position":
            v = vert_text(f, p, style, rng, wrong)
            if wrong and v is None:
                return rel_text(f, style, rng, wrong=True)
            return v if v else rel_text(f, style, rng)
        if kind == "size":
            return size_text(f, style, rng, wrong)
        return count_text(f, style, rng, wrong)

    kinds = ["laterality", "position", "size", "count"]
    rng.shuffle(kinds)
    first, later = kinds[:2], kinds[2:]
    if defect in kinds:  # the planted kind is said once, at its planted place
        if where == "a1" and defect not in first:
            first, later = [defect] + first[:1], [k for k in kinds if k not in ([defect] + first[:1])]
        if where != "a1" and defect in first:
            first = [k for k in kinds if k != defect][:2]
            later = [defect] + [k for k in kinds if k != defect and k not in first]

    # first question: implicit (or naming the target, for names_target)
    q1 = rng.choice(p["q"])
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q1 = rng.choice([f"Looking at this {p['mod']}, can you outline the {g} region? ",
                         f"I'm worried about the {g} findings. "]) + q1
    # first answer
    lead = {"terse": f"[SEG] {name[0].upper() + name[1:]}.",
            "tutor": f"Sure, here it is: [SEG]. The outline shows {name}.",
            "chatty": f"## Segmentation\n\nHere you go: [SEG]\n\n**Structure:** {name}",
            "words": f"The outline is here: [SEG]. What is highlighted: {name}."}[style]
    parts = [lead]
    for k in first:
        s = fact(k, bad[k] and where == "a1")
        if s:
            parts.append(s)
    if style != "terse" and rng.random() < 0.6:
        parts.append(rng.choice(p["kb"]))
    if rng.random() < 0.5 and p["plane"] != "sagittal":
        parts.append(CONVENTION[style])
    sep = "\n" if style == "chatty" else " "
    turns = [{"role": "user", "content": q1}, {"role": "assistant", "content": sep.join(parts)}]

    # follow-up rounds about the remaining kinds
    if defect in later:  # the planted round always comes, sometimes with one more
        rounds = [defect] + [k for k in later if k != defect][: rng.choice([0, 1])]
    else:
        rounds = later[: rng.choice([1, 2])]
    for k in rounds:
        plant = bad[k] and where != "a1"
        uq, ans = follow(k, p, f, style, rng, plant and where == "user", plant and where == "follow", fact, pop)
        again = [x for x in first if x != defect]  # restate an earlier true fact in new words, as chat LLMs do
        if again and rng.random() < 0.4:
            again_text = fact(rng.choice(again))
            if again_text:
                again_text = again_text.lstrip("- ").replace("**", "") if style == "chatty" else again_text
                ans += ("\n\n" if style == "chatty" else " ") + RECAP[style] + again_text[0].lower() + again_text[1:]
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    if len(turns) < 6 and rng.random() < 0.5:
        tip_ok = p["plane"] != "sagittal" and CONVENTION[style] not in turns[1]["content"]
        uq, ans = extra(p, style, rng, tip_ok)
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    return turns, exp


RECAP = {"terse": "Recap: ", "tutor": "So, to put it another way: ", "chatty": "**Recap:** ",
         "words": "In other words: "}
J = {"terse": " ", "tutor": " ", "chatty": "\n", "words": " "}


def follow(kind, p, f, style, rng, in_user, in_answer, fact, pop):
    """One follow-up round about `kind`; the planted false claim sits in the user question or the answer."""
    lat = f["laterality"]
    if in_user:
        if kind == "laterality":
            wrong = {"left": "right", "right": "left"}.get(lat, rng.choice(["left", "right"]))
            if lat == "bilateral":
                uq = f"Why is it only on the {wrong} side and not on both?"
            elif lat == "midline" or p["plane"] == "sagittal":
                uq = f"Why does it sit off to the patient's {wrong} rather than in the middle?"
            else:
                uq = rng.choice([f"So it's on the patient's {wrong}, then? Is that normal?",
                                 f"Why is it on the {wrong} side of the patient?"])
            ans = hedge(p, rng) + J[style] + fact("size")
        elif kind == "position":
            v = f["vertical"]
            wrong = FLIPV.get(v) or ("anterior" if p["plane"] == "axial" else "superior")
            uq = f"Why does it sit so far {wrong} on this slice?"
            if v == "central":
                part = "head" if p["region"] == "brain" else "body"
                uq = (f"Why does it sit so far {wrong}, right up at the "
                      f"{'front' if p['plane'] == 'axial' else 'top'} of the {part}?")
            ans = hedge(p, rng) + J[style] + fact("count")
        elif kind == "size":
            uq = ("Why does it look so tiny, barely a speck?" if f["size_class"] == "large"
                  else "Why is it so huge, filling about a third of the image?")
            ans = hedge(p, rng) + " " + pop
        else:
            uq = ("Why is it broken into two separate bits?" if f["components"] == 1
                  else "Why is it just one single blob?")
            ans = hedge(p, rng) + " " + pop
        return uq, ans
    s = fact(kind, in_answer)
    if kind == "laterality":
        if lat == "bilateral":
            uq = rng.choice(["And the other one?", "Is it on both sides?", "Which side is it on?"])
        elif lat in ("left", "right") and p["pair"] and not in_answer:
            uq = rng.choice(["And the other one?", "What about the opposite one?"])
            s += ("\n\n" if style == "chatty" else " ") + f"The {p['pair']} is not part of this mask."
        elif lat in ("left", "right") and not in_answer:
            if style in ("tutor", "words") and rng.random() < 0.5:
                uq = f"So if this were my scan, it would be on my {lat} then?"
                s = f"Yes, on your {lat}." + J[style] + s
            else:
                uq = f"So it's on the patient's {lat} then, even though it shows on the {SCREEN[lat]} of the screen?"
                s = "Yes." + J[style] + s
        else:
            uq = rng.choice(["Which side is it?", "Is it more on the left or the right?"])
    elif kind == "position":
        uq = rng.choice(["Where exactly is it?", "Is it toward the front or the back?" if p["plane"] == "axial"
                         else "Is it high or low on the image?", "Where does it sit relative to its neighbours?"])
        r = rel_text(f, style, rng)
        if r and not in_answer:
            s += ("\n- " if style == "chatty" else " ") + r
    elif kind == "size":
        uq = rng.choice(["How big is it?", "What about its size compared with the heart?" if p["target"] != "heart"
                         else "How large is it on this slice?", "Is that size normal?"])
        if "heart" in uq and f["size_class"] == "small":
            s += " So it is much smaller than the heart on a typical chest slice."
        s += ("\n\n" if style == "chatty" else " ") + pop
    else:
        uq = rng.choice(["Is it all one piece?", "How many separate regions are there?", "Is there more than one?"])
    if style == "chatty":
        s = "### Follow-up\n\n" + s
    return uq, s


def extra(p, style, rng, tip_ok: bool):
    """A closing round (is it normal, what is near it): a hedge, knowledge about other structures."""
    uq = rng.choice(["Is that normal?", "Why is that?", "Anything else I should know about it?",
                     "What else is near it on this scan?"])
    parts = [hedge(p, rng), rng.choice(p["kb"])]
    if tip_ok and rng.random() < 0.5:
        parts.append(CONVENTION[style])
    return uq, ("\n\n" if style == "chatty" else " ").join(parts)
