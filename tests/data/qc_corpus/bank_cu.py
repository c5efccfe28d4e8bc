"""Bank CU (blind writer qccu): brain MR (axial "LP", coronal "LI"), neck CT ("LP") and 2D photos
(orientation None) in four registers: a neurosurgeon's operative planning note, an assistant that prints
a tool call with JSON arguments and its returned JSON before answering, two agents (Proposer/Verifier)
and a scavenger-hunt tutor with progressive hints.

Facts are measured by the product's own `compute_facts` on synthetic ellipse masks; the prose is written
from those measured facts. Every target sentence is logged in `LEDGER` (kind, said value, true value) so
that /work/notes/qccu_scripts/check_cu.py can check the planted claims. Written without reading QC.

First measure: not taken by the writer (this round the lead measures once after merging).
Own checks (check_cu.py): 420 rows, 210 clean, 42 per defect kind; every defect row holds exactly one
false claim of its kind (40 of 168 side/position/size/count claims in a user turn, 40 only in a follow-up
answer); an independent text reader finds no false claim in the 252 clean/names rows and the planted one in
all 168 others; no clean first question names its target.
"""

from __future__ import annotations

import json
import math
import random

import numpy as np

SEG = "[SEG]"
N = 256
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
FLIPREL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to",
           "posterior_to": "anterior_to", "superior_to": "inferior_to", "inferior_to": "superior_to"}
RELP = {"left_of": ["to the patient's left of", "on the patient's left of"],
        "right_of": ["to the patient's right of", "on the patient's right of"],
        "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
        "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
STYLES = ["opnote", "toolcall", "agents", "hints"]
LEDGER: list[dict] = []  # per build: (kind, said, true, text) of every sentence about the target

AX_MR = dict(modality="MR", body_region="head", orientation="LP")
COR_MR = dict(modality="MR", body_region="head", orientation="LI")
NECK = dict(modality="CT", body_region="neck", orientation="LP")


def P(target, rec, comps, others, ask, give, kb, avoid, approach, name=None, multi=None):
    return dict(target=target, rec=rec, comps=comps, others=others, ask=ask, give=give, kb=kb,
                avoid=avoid, approach=approach, name=name or target, multi=multi)


PROFILES = [
    P("lateral ventricle", AX_MR, [(0.42, 0.42, 0.035, 0.09), (0.58, 0.42, 0.035, 0.09)],
      {"thalamus": (0.5, 0.56)}, ["holds the fluid that cushions the brain and enlarges in hydrocephalus",
                                  "fills with fluid made by the choroid plexus and balloons when drainage fails"],
      ["lateral ventricles", "ventricular system", "the ventricles", "intraventricular spaces"],
      ["The third ventricle is a thin midline slit between the two thalami.",
       "In adults the normal frontal horn is usually under 10 mm wide.",
       "The choroid plexus is brightest in the atria, toward the back."],
      ["the caudate heads along the lateral walls", "the septal veins in the midline", "the fornix in the midline"],
      "right frontal entry at Kocher's point for an external ventricular drain", name="lateral ventricles"),
    P("left putamen", AX_MR, [(0.64, 0.47, 0.028, 0.06)], {"right putamen": (0.36, 0.47), "left thalamus": (0.57, 0.57)},
      ["is the commonest site of a hypertensive bleed and helps control movement",
       "is part of the basal ganglia and the usual place for a hypertensive haemorrhage"],
      ["putamen", "putaminal", "left putamen", "lentiform putamen"],
      ["The right putamen mirrors it across the midline.", "The internal capsule runs between it and the thalamus.",
       "Hypertensive bleeds here make up about 35% of deep brain haemorrhages."],
      ["the {s} internal capsule medially", "the {s} lenticulostriate perforators", "the {s} insular cortex laterally"],
      "{s} trans-sylvian corridor"),
    P("right thalamus", AX_MR, [(0.41, 0.56, 0.034, 0.045)], {"right putamen": (0.35, 0.47), "third ventricle": (0.5, 0.55)},
      ["relays sensation to the cortex; a small stroke here causes one-sided numbness",
       "is the deep relay station whose infarct leaves burning pain on one side"],
      ["thalamus", "thalamic", "right thalamus", "thalami"],
      ["The left thalamus lies on the other side of the third ventricle.",
       "Each thalamus is roughly 3 cm long in adults.", "The pineal gland sits behind the third ventricle in the midline."],
      ["the {s} internal capsule laterally", "the third ventricle medially", "the {s} thalamoperforating arteries"],
      "{s} posterior parietal stereotactic trajectory"),
    P("left hippocampus", COR_MR, [(0.66, 0.63, 0.03, 0.045)], {"left thalamus": (0.56, 0.5), "brainstem": (0.5, 0.72)},
      ["forms new memories and shrinks early in Alzheimer's disease",
       "is the temporal lobe memory structure that scars in mesial temporal epilepsy"],
      ["hippocampus", "hippocampal", "left hippocampus", "hippocampi"],
      ["The right temporal lobe is the mirror image across the midline.",
       "The temporal horn of the lateral ventricle sits just above it.",
       "Hippocampal volume falls by about 1% a year in early dementia."],
      ["the {s} posterior cerebral artery medially", "the {s} optic tract above", "the brainstem in the midline"],
      "{s} anterior temporal lobectomy"),
    P("right cerebellum", AX_MR, [(0.37, 0.78, 0.085, 0.08)], {"brainstem": (0.5, 0.63)},
      ["coordinates balance and limb movement; a stroke here makes the patient sway to one side",
       "fine-tunes movement at the back of the skull below the tentorium"],
      ["cerebellar hemisphere", "cerebellar", "right cerebellum", "cerebellum"],
      ["The left cerebellar hemisphere mirrors it across the vermis.",
       "The fourth ventricle lies in the midline in front of the vermis.",
       "About 15% of ischaemic strokes involve the posterior circulation."],
      ["the {s} transverse sinus above", "the fourth ventricle medially", "the brainstem in front"],
      "{s} retrosigmoid craniotomy"),
    P("brainstem", AX_MR, [(0.5, 0.63, 0.05, 0.05)], {"cerebellum": (0.5, 0.8), "left putamen": (0.64, 0.47)},
      ["controls breathing and heart rate and carries every signal between brain and spinal cord",
       "houses most cranial nerve nuclei; a bleed here causes coma"],
      ["brainstem", "brain stem", "pons", "pontine"],
      ["The cerebellum lies behind it.", "The left and right vertebral arteries join in front of it.",
       "Roughly 10% of brain gliomas in children arise in this region."],
      ["the basilar artery in front", "the fourth ventricle behind", "the cranial nerve roots on both sides"],
      "no open approach; midline suboccipital trajectory only for biopsy"),
    P("brain metastasis", AX_MR, "mets", {"lateral ventricle": (0.5, 0.42)},
      ["are deposits of a lung cancer that spread through the blood, here with new headaches",
       "appear as several ring-enhancing deposits in a patient with melanoma and a first seizure"],
      ["metastases", "brain mets", "metastatic deposits", "secondaries"],
      ["The optic chiasm lies in the midline above the pituitary.",
       "Brain deposits develop in roughly 20% of adults with cancer.", "The brainstem is free of disease."],
      ["the optic chiasm in the midline", "the brainstem in the midline", "the motor strip"],
      "stereotactic radiosurgery rather than an open approach", name="brain metastases", multi=True),
    P("brain lesion", COR_MR, "wml", {"thalamus": (0.5, 0.52)},
      ["are the small bright spots on FLAIR around the ventricles in a young woman with optic neuritis",
       "are the periventricular hyperintense spots seen in multiple sclerosis"],
      ["white matter lesions", "brain lesions", "demyelinating lesions", "lesion"],
      ["The corpus callosum lies in the midline above the ventricles.",
       "About 90% of people with multiple sclerosis have such spots on MR.", "The cerebellum is clear."],
      ["the corpus callosum in the midline", "the motor strip", "the ventricles"],
      "no surgery; stereotactic biopsy only if atypical", name="white matter lesions", multi=True),
    P("whole tumour", AX_MR, [(0.35, 0.31, 0.14, 0.13)], {"lateral ventricle": (0.5, 0.42)},
      ["is the mass with surrounding swelling that caused seizures and personality change",
       "is the expanding mass behind the forehead that needs resection planning"],
      ["tumour", "tumor", "glioma", "whole tumour"],
      ["The left frontal lobe is normal.", "Glioblastoma makes up roughly 15% of primary brain growths.",
       "The ventricles lie behind it in the midline."],
      ["the {s} motor strip behind", "the anterior cerebral arteries in the midline", "the {s} frontal horn"],
      "{s} frontal craniotomy", name="brain tumour"),
    P("right thyroid lobe", NECK, [(0.42, 0.38, 0.03, 0.06)], {"trachea": (0.5, 0.42), "right common carotid artery": (0.34, 0.48)},
      ["makes the hormones that set metabolic rate; here a lump moves on swallowing",
       "is half of the butterfly-shaped gland at the front of the neck"],
      ["thyroid", "thyroid lobe", "right thyroid lobe", "thyroidal"],
      ["The left lobe is on the other side of the windpipe.", "Nodules are found in about 50% of adults on ultrasound.",
       "The oesophagus lies behind the trachea, slightly to the left."],
      ["the {s} recurrent laryngeal nerve", "the {s} common carotid artery laterally", "the parathyroid glands"],
      "{s} hemithyroidectomy through a collar incision"),
    P("thyroid gland", NECK, "thyroid", {"trachea": (0.5, 0.44)},
      ["makes the hormones that set metabolic rate and wraps around the windpipe",
       "is the butterfly-shaped gland at the front of the neck"],
      ["thyroid", "thyroid gland", "thyroidal", "thyroid lobes"],
      ["The common carotid arteries run up on either side behind it.", "Goitre affects about 5% of adults worldwide.",
       "The oesophagus lies behind the trachea."],
      ["both recurrent laryngeal nerves", "the parathyroid glands", "the carotid sheaths on both sides"],
      "total thyroidectomy through a collar incision", name="thyroid gland"),
    P("left common carotid artery", NECK, [(0.64, 0.58, 0.022, 0.022)], {"trachea": (0.5, 0.42), "left thyroid lobe": (0.58, 0.38)},
      ["carries blood to the head and hosts the pressure sensor at its fork",
       "is the artery whose plaque caused transient loss of vision in one eye"],
      ["carotid", "carotid artery", "CCA", "left common carotid artery"],
      ["The internal jugular vein lies lateral to it in the same sheath.",
       "Carotid narrowing above 70% is usually treated in symptomatic patients.", "The right-sided artery mirrors it."],
      ["the {s} vagus nerve behind", "the {s} internal jugular vein laterally", "the hypoglossal nerve above"],
      "{s} carotid endarterectomy along the sternocleidomastoid"),
    P("right internal jugular vein", NECK, [(0.31, 0.58, 0.03, 0.026)], {"right common carotid artery": (0.39, 0.56), "trachea": (0.5, 0.42)},
      ["drains blood from the brain down the side of the neck and is used for central lines",
       "is the large neck vessel that collapses with breathing and takes central venous catheters"],
      ["jugular", "jugular vein", "IJV", "internal jugular"],
      ["The common carotid artery lies medial to it.", "The thoracic duct ends on the patient's left.",
       "Central lines are placed here in roughly 40% of ICU patients."],
      ["the {s} common carotid artery medially", "the {s} vagus nerve", "the pleural dome below"],
      "{s} ultrasound-guided puncture in the low neck", name="right internal jugular vein"),
    P("lymph node", NECK, "nodes", {"trachea": (0.5, 0.42)},
      ["are the enlarged filters along the neck veins in a patient with a throat cancer",
       "swell in the neck of a patient with night sweats and weight loss"],
      ["lymph nodes", "nodes", "nodal", "lymphadenopathy"],
      ["The thyroid is unremarkable.", "Short axis above 10 mm is the usual cut-off for a suspicious neck node.",
       "The jugular veins run beside them."],
      ["the spinal accessory nerve", "the internal jugular vein", "the marginal mandibular nerve"],
      "neck dissection levels II to IV", name="lymph nodes", multi=True),
    P("polyp", dict(modality="endoscopy", body_region="colon", orientation=None), "polyp", {},
      ["protrudes from the bowel lining and may bleed; seen during a screening colonoscopy",
       "is the growth from the bowel wall found after a positive stool blood test"],
      ["polyp", "polyps", "adenoma", "polypoid"],
      ["Adenomas are found in about 25% of screening colonoscopies.", "Bowel folds are not part of the mask.",
       "A stalked growth is easier to snare than a flat one."],
      ["the bowel wall deep to the base", "the adjacent fold", "a nearby vessel"], "cold snare resection"),
    P("skin lesion", dict(modality="dermoscopy", body_region="skin", orientation=None), [(0.5, 0.5, 0.2, 0.17)], {},
      ["is the pigmented spot that changed colour and shape on the back",
       "is the dark spot a dermatologist is scoring with the ABCDE rule"],
      ["mole", "nevus", "melanoma", "skin lesion"],
      ["Melanoma makes up about 1% of skin cancers but most of their deaths.", "The hairs crossing it are excluded.",
       "A 6 mm diameter is a classic warning threshold."],
      ["the surrounding normal skin", "the hair follicles", "nearby scars"], "excision biopsy with 2 mm margins"),
    P("optic cup", dict(modality="other", body_region="eye", orientation=None), [(0.5, 0.48, 0.045, 0.055)], {},
      ["is the pale central hollow used to grade glaucoma against its rim",
       "widens as nerve fibres are lost at a glaucoma check"],
      ["optic cup", "cup", "physiological cup", "cup-to-disc"],
      ["A cup-to-disc ratio above 0.6 is often considered suspicious.", "The rim around it is healthy pink tissue.",
       "Glaucoma affects about 3% of people over forty."],
      ["the rim", "the vessels crossing it", "the disc margin"], "no surgery; pressure-lowering drops and follow-up"),
]


def record_for(p):
    return dict(p["rec"])


def pick_profile(profiles, i, defect, rng):
    if defect in ("laterality", "position"):
        return rng.choice([p for p in profiles if p["rec"]["orientation"]])
    if defect == "count" and rng.random() < 0.4:
        return rng.choice([p for p in profiles if p["multi"] or p["target"] in ("lateral ventricle", "thyroid gland", "polyp")])
    return rng.choice(profiles)


def _components(p, rng):
    c = p["comps"]
    if isinstance(c, list):
        return [(x + rng.uniform(-0.01, 0.01), y + rng.uniform(-0.01, 0.01), rx * rng.uniform(0.9, 1.1),
                 ry * rng.uniform(0.9, 1.1)) for x, y, rx, ry in c]
    if c == "thyroid":
        out = [(0.41, 0.38, 0.03, 0.06), (0.59, 0.38, 0.03, 0.06)]
        return out + ([(0.5, 0.36, 0.07, 0.015)] if rng.random() < 0.4 else [])  # with an isthmus: one piece
    if c == "polyp":
        return [(rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65), rng.uniform(0.1, 0.2), rng.uniform(0.1, 0.18))] if rng.random() < 0.6 \
            else [(0.3, 0.4, 0.08, 0.07), (0.7, 0.62, 0.06, 0.06)]
    n = rng.choice([2, 3, 4])
    mode = rng.choice(["left", "right", "both"])
    spots, tries = [], 0
    while len(spots) < n and tries < 500:
        tries += 1
        side = mode if mode != "both" else ("left" if len(spots) % 2 == 0 else "right")
        x = rng.uniform(0.64, 0.78) if side == "left" else rng.uniform(0.22, 0.36)
        y = {"mets": rng.uniform(0.25, 0.75), "wml": rng.uniform(0.22, 0.42), "nodes": rng.uniform(0.4, 0.68)}[c]
        if all(math.hypot(x - a, y - b) > 0.08 for a, b, _, _ in spots):
            r = rng.uniform(0.018, 0.03)
            spots.append((x, y, r, r * rng.uniform(0.8, 1.2)))
    return spots


def facts_for(p, rng):
    """Draw ellipses on a 256x256 grid and measure them with the product's compute_facts."""
    from medseg_qa.facts import compute_facts

    yy, xx = np.mgrid[0:N, 0:N] / (N - 1)
    mask = np.zeros((N, N), bool)
    for x, y, rx, ry in _components(p, rng):
        mask |= ((xx - x) / rx) ** 2 + ((yy - y) / ry) ** 2 <= 1
    o = p["rec"]["orientation"]
    others = {k: (float(v[0]), float(v[1])) for k, v in p["others"].items()}
    return compute_facts(mask, o, others or None).model_dump(mode="json")


# ---------------------------------------------------------------- sentences about the target (logged)

def _log(kind, said, true, text):
    LEDGER.append(dict(kind=kind, said=said, true=true, text=text))
    return text


def _pct(v):
    return f"{v:.1f}" if v < 1 else f"{v:.0f}"


def side_s(s, true, rng, ref="It"):
    f = {"left": [f"{ref} lies on the patient's left.", f"{ref} is left-sided.", "Side: patient's left.",
                  f"{ref} sits in the left half of the patient."],
         "right": [f"{ref} lies on the patient's right.", f"{ref} is right-sided.", "Side: patient's right.",
                   f"{ref} sits in the right half of the patient."],
         "midline": [f"{ref} sits in the midline.", f"{ref} is central, straddling the midline.", "Side: midline."],
         "bilateral": [f"{ref} is bilateral, with a part on each side.", "Both the left and the right side are involved.",
                       "Side: bilateral (left and right)."]}[s]
    return _log("side", s, true, rng.choice(f))


def vert_s(v, true, rng, ref="It"):
    f = {"anterior": [f"{ref} lies anteriorly.", f"{ref} sits toward the front.", "Position: anterior."],
         "posterior": [f"{ref} lies posteriorly.", f"{ref} sits toward the back.", "Position: posterior."],
         "superior": [f"{ref} lies superiorly, high on this coronal slice.", f"{ref} sits in the upper part of the head.",
                      "Position: superior."],
         "inferior": [f"{ref} lies inferiorly, low on this coronal slice.", f"{ref} sits toward the skull base.",
                      "Position: inferior."],
         "central": [f"{ref} sits centrally along that axis, neither clearly toward one end nor the other."],
         "upper": [f"{ref} sits in the upper part of the frame."], "lower": [f"{ref} sits in the lower part of the frame."]}[v]
    return _log("vert", v, true, rng.choice(f))


def rel_s(other, rel, true, rng, ref="It"):
    return _log("rel", (other, rel), (other, true), f"{ref} lies {rng.choice(RELP[rel])} the {other}.")


def size_s(c, true, rng, ref="It"):
    f = {"small": [f"{ref} is small.", f"{ref} is a small target on this image.", "Size: small."],
         "medium": [f"{ref} is medium-sized.", f"{ref} is moderate in size.", "Size: medium."],
         "large": [f"{ref} is large.", f"{ref} takes up a large share of the image.", "Size: large."]}[c]
    return _log("size", c, true, rng.choice(f))


def pct_s(v, true, rng, ref="It"):
    t = _pct(v)
    f = [f"{ref} covers about {t}% of the image.", f"It occupies roughly {t} percent of the frame.",
         f"Area: about {t}% of the image."]
    return _log("pct", round(v, 3), round(true, 3), rng.choice(f))


def count_s(n, true, rng, ref="It"):
    if n == 1:
        f = [f"{ref} is a single connected region.", f"{ref} forms one contiguous piece.", "Components: 1."]
    else:
        f = [f"{ref} consists of {WORDS[n]} separate regions.", f"There are {WORDS[n]} separate parts.",
             f"Components: {n}."]
    return _log("count", n, true, rng.choice(f))


def wrong_value(kind, facts, rng):
    """A clearly false value for a fact kind."""
    if kind == "side":
        s = facts["laterality"]
        return OPP.get(s) or (rng.choice(["left", "right"]) if s in ("midline", "bilateral") else None)
    if kind == "vert":
        return OPP.get(facts["vertical"])
    if kind == "rel":
        o = rng.choice(facts["relations"])
        return (o["other"], FLIPREL[o["relation"]])
    if kind == "size":
        return {"small": "large", "large": "small",  # a medium mask: the farther class, never a borderline one
                "medium": "large" if facts["area_fraction"] < 0.03 else "small"}[facts["size_class"]]
    if kind == "pct":
        v = facts["area_fraction"] * 100
        return rng.choice([0.2, 0.3]) if v >= 3 else rng.choice([18.0, 25.0, 35.0])
    n = facts["components"]
    return rng.choice([2, 3]) if n == 1 else (1 if rng.random() < 0.7 else n + 2)


def say(kind, value, facts, rng, ref="It"):
    true = {"side": facts["laterality"], "vert": facts["vertical"], "size": facts["size_class"],
            "pct": facts["area_fraction"] * 100, "count": facts["components"]}.get(kind)
    if kind == "rel":
        other, rel = value
        tr = next((r["relation"] for r in facts["relations"] if r["other"] == other and r["relation"][:3] in
                   (rel[:3], FLIPREL[rel][:3])), None)
        return rel_s(other, rel, tr, rng, ref)
    return {"side": side_s, "vert": vert_s, "size": size_s, "pct": pct_s, "count": count_s}[kind](value, true, rng, ref)


# ---------------------------------------------------------------- conversation

MOD = {("MR", "LP"): "axial brain MR", ("MR", "LI"): "coronal brain MR", ("CT", "LP"): "neck CT",
       ("endoscopy", None): "colonoscopy frame", ("dermoscopy", None): "dermoscopy image",
       ("other", None): "fundus photo"}
DEFECT_KINDS = {"laterality": ["side"], "position": ["vert", "rel"], "size": ["size", "pct"], "count": ["count"]}
FOLLOW_Q = {"side": ["Which side is it on, then?", "Is it on the patient's left or right?", "Which side, from the patient's view?"],
            "vert": ["Where is it along the slice, front-to-back or top-to-bottom?", "Is it toward one end of the slice?", "Where does it sit on this slice?"],
            "rel": ["What is it next to?", "How does it relate to its neighbours?", "Where is it relative to nearby anatomy?"],
            "size": ["How big is it?", "Is it big or small here?", "How large does it look on this image?"],
            "pct": ["What share of the image is it?", "How much of the frame does it cover?", "Roughly what area, in percent?"],
            "count": ["One piece or several?", "How many separate parts does the mask have?", "Is it all one region?"]}
WHY_Q = ["Why is that?", "Why does this matter for planning?", "Anything else I should keep in mind here?",
         "Any other points worth knowing before we proceed with this case?"]


def plural(p):
    return bool(p["multi"])


def first_question(p, rng, defect):
    mod = MOD[(p["rec"]["modality"], p["rec"]["orientation"])]
    ask = rng.choice(p["ask"])
    noun = "findings" if plural(p) else "structure"
    if defect == "names_target":
        g = rng.choice(p["give"])
        return rng.choice([f"Please segment the {g} on this {mod}; the target {ask}.",
                           f"On this {mod}, where is the {g}? I mean the one that {ask}. Outline it please.",
                           f"Could you mask the {g} here? Clinical context: the {noun} {ask}."])
    return rng.choice([f"Which {noun} on this {mod} {ask}? Please segment it.",
                       f"I'm preparing a case on this {mod}. Find the {noun} that {ask}, and outline it.",
                       f"On this {mod}: the {noun} I need {ask}. Can you locate and segment it?",
                       f"Quick one for the {mod}: which {noun} {ask}? Mark it for me."])


def traps(p, facts, rng, dk=None):
    """True sentences a checker may misread; none repeats the fact kind that carries the planted claim."""
    s, n, o = facts["laterality"], facts["components"], p["rec"]["orientation"]
    out = list(p["kb"])
    if dk == "side":
        pass
    elif s in ("left", "right"):
        out += [f"It does not extend to the patient's {OPP[s]}.",
                f"On screen it appears on the viewer's {OPP[s]}, because these images are displayed as if facing "
                f"the patient: the patient's {s} is shown on the viewer's {OPP[s]}."]
    elif s == "bilateral":
        out += ["It is not confined to one side.", "Remember the display convention: the patient's left is on the viewer's right."]
    elif s == "midline":
        out += ["It does not lie off to either side."]
    out += [] if dk == "count" else ["There is no second focus." if n == 1 else f"It is not a single blob; the mask has {WORDS[n]} separate parts."]
    if o is None:
        out += ["This photo has no patient left or right, so no side is given."]
    rng.shuffle(out)
    return out[:rng.choice([2, 3])]


def fact_sentences(p, facts, rng, kinds, wrong=None):
    """Sentences for `kinds`; `wrong` = (kind, value) plants a false value for that kind."""
    out = []
    for k in kinds:
        if wrong and k == wrong[0]:
            out.append(say(k, wrong[1], facts, rng))
        elif k == "rel":
            r = rng.choice(facts["relations"])
            out.append(say("rel", (r["other"], r["relation"]), facts, rng))
        else:
            v = {"side": facts["laterality"], "vert": facts["vertical"], "size": facts["size_class"],
                 "pct": facts["area_fraction"] * 100, "count": facts["components"]}[k]
            out.append(say(k, v, facts, rng))
    return out


def _fmt(text, facts):
    s = facts["laterality"]
    return text.replace("{s}", s if s in ("left", "right") else "").replace("  ", " ")


def render_first(p, facts, style, rng, sents, trap, hidden):
    name = p["name"]
    lead = rng.choice([f"the {name}", f"most likely the {name}", f"the {name}, I am fairly confident"])
    if style == "opnote":
        avoid = "; ".join(_fmt(a, facts) for a in rng.sample(p["avoid"], 2))
        lines = [rng.choice(["OPERATIVE PLANNING NOTE", "Pre-op planning (neurosurgery)", "Planning note, draft"]),
                 f"Target: {lead} {SEG}", "Localisation: " + " ".join(sents),
                 f"Approach: {_fmt(p['approach'], facts)}.", f"Structures to avoid: {avoid}.",
                 "Remarks: " + " ".join(trap)]
        return "\n".join(lines)
    if style == "toolcall":
        args = {"image_id": f"img_{rng.randint(1000, 9999)}", "query": "segment the structure described by the user",
                "measure": ["side", "position", "area", "components"]}
        ret = {"label": p["name"], "mask": "mask_0"}
        if "side" not in hidden and facts["laterality"] != "unknown":
            ret["side"] = facts["laterality"]
        if not hidden & {"vert", "rel"}:
            ret["position"] = facts["vertical"]
        if not hidden & {"size", "pct"}:
            ret["size_class"] = facts["size_class"]
            ret["area_percent"] = round(facts["area_fraction"] * 100, 2)
        if "count" not in hidden:
            ret["components"] = facts["components"]
        fn = rng.choice(["segment_and_measure", "medseg.locate", "run_segmenter"])
        return (f"Calling the tool:\n```\n{fn}({json.dumps(args)})\n```\nReturned:\n```json\n{json.dumps(ret)}\n```\n"
                f"From the tool output, this is {lead} {SEG}. " + " ".join(sents) + "\n\n" + " ".join(trap))
    if style == "agents":
        lines = [f"Proposer: Candidate target is {lead} {SEG}.", "Verifier: Accepted; the outline fits that structure."]
        for s in sents:
            lines += [f"Proposer: {s}", rng.choice(["Verifier: Accepted.", "Verifier: Accepted, matches the mask.",
                                                    "Verifier: Confirmed."])]
        lines += [f"Verifier: Note for the record: {t}" for t in trap[:1]]
        return "\n".join(lines)
    hints = [f"Hint 1: {'they' if plural(p) else 'it'} {rng.choice(p['ask'])}."] + [f"Hint {i + 2}: {s}" for i, s in enumerate(sents)]
    return ("Scavenger hunt! " + "\n".join(hints) + f"\nReveal: it's {lead} {SEG}.\nBonus facts: " + " ".join(trap))


def rejection(p, facts, rng, avoid_kind):
    """Agents style: a false proposal the verifier rejects and corrects (not an assertion of the bank)."""
    group = next((g for g in DEFECT_KINDS.values() if avoid_kind in g), [avoid_kind])
    ks = [k for k in ("side", "vert", "size", "count") if k not in group and
          (k != "side" or facts["laterality"] not in ("unknown",)) and (k != "vert" or facts["vertical"] in OPP)]
    k = rng.choice(ks)
    bad = say(k, wrong_value(k, facts, rng), facts, rng)
    LEDGER.pop()  # only proposed, then rejected
    good = fact_sentences(p, facts, rng, [k])[0]
    return f"Proposer: {bad}\nVerifier: Rejected. {good}"


def wrap_follow(style, sents, rng):
    body = " ".join(sents)
    if style == "opnote":
        return f"{rng.choice(['Addendum', 'Planning addendum', 'Note added'])}: {body}"
    if style == "toolcall":
        return f"Calling the tool again:\n```\nmeasure_mask({json.dumps({'mask': 'mask_0'})})\n```\nIn prose: {body}"
    if style == "agents":
        return f"Proposer: {body}\nVerifier: Accepted."
    return f"Extra hint, then the answer: {body}"


def user_presupposes(k, v, facts, rng):
    t = {"side": facts["laterality"], "vert": facts["vertical"], "size": facts["size_class"],
         "pct": facts["area_fraction"] * 100, "count": facts["components"]}.get(k)
    if k == "side":
        txt = rng.choice([f"Since it's on the patient's {v}, does that change the approach?",
                          f"Why is it on the patient's {v} side in this case?"])
    elif k == "vert":
        txt = rng.choice([f"Why does it sit so far {v} here?", f"Given its {v} position, what is the risk?"])
    elif k == "rel":
        other, rel = v
        t = next((r["relation"] for r in facts["relations"] if r["other"] == other and r["relation"][:3] in
                  (rel[:3], FLIPREL[rel][:3])), None)
        txt = f"Why does it lie {RELP[rel][0]} the {other}?"
    elif k == "size":
        txt = rng.choice([f"Why is it so {v} on this image?", f"Given that it looks {v} here, is that normal?"])
    elif k == "pct":
        txt = f"It covers about {_pct(v)}% of the image; is that expected?"
    else:
        txt = (f"Why is it split into {WORDS[v]} separate pieces?" if v > 1
               else "Why is it just one single connected piece?")
    _log(k, v, t, txt)
    return txt


def build(p, facts, style, rng, defect):
    LEDGER.clear()
    o = p["rec"]["orientation"]
    kinds = (["side"] if facts["laterality"] != "unknown" else []) + \
        (["vert"] if o is not None or rng.random() < 0.3 else []) + \
        (["rel"] if facts["relations"] else []) + rng.sample([["size"], ["pct"], ["size", "pct"]], 1)[0] + ["count"]
    dk = place = None
    if defect in DEFECT_KINDS:
        opts = [k for k in DEFECT_KINDS[defect] if (k != "vert" or facts["vertical"] in OPP)
                and (k != "rel" or facts["relations"]) and (k != "side" or facts["laterality"] != "unknown")]
        dk = rng.choice(opts)
        place = rng.choices(["answer", "user", "follow"], [0.55, 0.25, 0.2])[0]
        if dk not in kinds:
            kinds.append(dk)
    hidden = {dk} if dk else set()
    first_kinds = [k for k in kinds if not (place in ("user", "follow") and k == dk)]
    wrong = (dk, wrong_value(dk, facts, rng)) if dk else None
    q = first_question(p, rng, defect)
    sents = fact_sentences(p, facts, rng, first_kinds, wrong if place == "answer" else None)
    a = render_first(p, facts, style, rng, sents, traps(p, facts, rng, dk), hidden if place else set())
    if style == "agents" and rng.random() < 0.7:
        a += "\n" + rejection(p, facts, rng, dk)
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    rounds = rng.choice([0, 1, 1, 2])
    if place in ("user", "follow"):
        rounds = max(rounds, 1)
    for r in range(rounds):
        if r == 0 and place == "user":
            uq = user_presupposes(dk, wrong[1], facts, rng)
            ans = [rng.choice(p["kb"])]
        elif r == 0 and place == "follow":
            uq = rng.choice(FOLLOW_Q[dk])
            ans = fact_sentences(p, facts, rng, [dk], wrong)
        elif rng.random() < 0.4:
            uq = rng.choice(WHY_Q)
            ans = traps(p, facts, rng, dk)[:2]
        else:
            k = rng.choice([k for k in kinds if k != dk] or ["count"])
            uq = rng.choice(FOLLOW_Q[k])
            ans = fact_sentences(p, facts, rng, [k])
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": wrap_follow(style, ans, rng)}]
    return turns, ([defect] if defect else [])
