"""Bank CO: thorax and heart on axial chest CT ("LP") and frontal chest X-ray ("LI"), written blind (helper
qcco) without opening the QC rules, their tests, other banks or their rows.

Registers: a lecture transcript with audience questions, asides and digressions (`lecture`); a SOAP note
whose A section names the structure and its measured findings (`soap`); an LLM answer with a short answer
first and then "Details:" with nested bullets and parenthetical asides (`details`); an analogy tutor whose
houses, maps and clocks are figures of speech while its literal sentences are true (`analogy`).

Facts are the product's own measurement (`medseg_qa.facts.compute_facts`) of synthetic masks (ellipses, one
or several components: bilateral lungs, effusions and nodule clusters, midline airway and oesophagus), and
the prose is written from those facts. Defects: one plainly asserted false claim (side, vertical position
or a relation, size class / area percent, region count), about a fifth of them presupposed by the user, some
only in a follow-up answer; or a first question that names the target. Clean rows carry true negations,
the display convention, knowledge about other structures, textbook population numbers, hedges and
analogies. First measure: not taken by the writer (the lead measures once after merging).
"""

from __future__ import annotations

import random

import numpy as np

SIZE = 256
NUM = {1: "one", 2: "two", 3: "three", 4: "four"}
CT_OTHERS = {"vertebral body": (0.5, 0.84), "sternum": (0.5, 0.13), "descending aorta": (0.58, 0.7),
             "heart": (0.58, 0.42)}
XR_OTHERS = {"trachea": (0.5, 0.2), "heart": (0.56, 0.64), "right hemidiaphragm": (0.3, 0.82)}


def _e(cx, cy, rx, ry):
    return (cx, cy, rx, ry)


def _nodules(rng, view):
    n = rng.choice([1, 1, 2, 2, 3])
    spots = [(0.28, 0.45), (0.72, 0.45), (0.3, 0.3), (0.7, 0.62), (0.33, 0.6), (0.68, 0.3)]
    rng.shuffle(spots)
    return [_e(x + rng.uniform(-0.02, 0.02), y + rng.uniform(-0.02, 0.02), 0.025, 0.025) for x, y in spots[:n]]


def _effusion(rng, view):
    y = 0.72 if view == "ct" else 0.78
    sides = rng.choice([[0.3], [0.7], [0.3, 0.7]])
    return [_e(x + rng.uniform(-0.02, 0.02), y, 0.12, 0.07) for x in sides]


PROFILES = [
    dict(target="lung", view="ct", noun="organ pair", shapes=lambda r, v: [_e(0.3, 0.5, 0.14, 0.25), _e(0.7, 0.5, 0.14, 0.25)],
         q="which paired organs in this chest CT exchange oxygen and carbon dioxide with the blood",
         names=["the lungs", "both lungs", "the pulmonary parenchyma", "the lung fields", "pulmonary"]),
    dict(target="right lung", view="ct", noun="organ", shapes=lambda r, v: [_e(0.3, 0.5, 0.14, 0.26)],
         q="which of the two air-filled organs of gas exchange is the one with three lobes",
         names=["the right lung", "right-lung", "the right pulmonary lobes", "the lung on the right"]),
    dict(target="heart", view="ct", noun="organ", shapes=lambda r, v: [_e(0.58, 0.42, 0.13, 0.11)],
         q="which muscular pump that keeps blood moving around the body is visible on this slice",
         names=["the heart", "cardiac", "the cardiac silhouette", "the heart chambers"]),
    dict(target="left ventricle", view="ct", noun="chamber", shapes=lambda r, v: [_e(0.64, 0.43, 0.06, 0.05)],
         q="which thick-walled chamber pushes oxygenated blood out through the aortic valve",
         names=["the left ventricle", "the LV", "left ventricular", "the ventricular cavity"]),
    dict(target="right atrium", view="ct", noun="chamber", shapes=lambda r, v: [_e(0.4, 0.45, 0.06, 0.05)],
         q="which chamber receives the venous blood returning from the venae cavae",
         names=["the right atrium", "right atrial", "the RA", "the atrium on the right"]),
    dict(target="pulmonary artery", view="ct", noun="vessel", shapes=lambda r, v: [_e(0.52, 0.33, 0.05, 0.04)],
         q="which large vessel carries deoxygenated blood from the right heart toward the organs of gas exchange",
         names=["the pulmonary artery", "the pulmonary trunk", "the main PA", "the MPA"]),
    dict(target="trachea", view="ct", noun="airway", shapes=lambda r, v: [_e(0.5, 0.45, 0.03, 0.03)],
         q="which stiff ringed tube carries inhaled air down toward the point where it divides in two",
         names=["the trachea", "tracheal", "the windpipe", "the tracheal lumen"]),
    dict(target="esophagus", view="ct", noun="tube", shapes=lambda r, v: [_e(0.5, 0.66, 0.025, 0.025)],
         q="which collapsed muscular tube carries swallowed food down to the stomach",
         names=["the oesophagus", "the esophagus", "oesophageal", "the gullet", "the food pipe"]),
    dict(target="thymus", view="ct", noun="gland", shapes=lambda r, v: [_e(0.5, 0.22, 0.06, 0.035)],
         q="which soft gland sitting behind the breastbone is where T cells mature in childhood",
         names=["the thymus", "thymic", "the thymus gland"]),
    dict(target="lung tumour", view="ct", noun="finding", shapes=_nodules,
         q="which suspicious round spots did the smoker's screening scan flag in the air-filled tissue",
         names=["the suspected lung tumour", "the lung nodules", "the pulmonary nodule", "the lung mass"]),
    dict(target="pleural effusion", view="ct", noun="collection", shapes=_effusion,
         q="which abnormal layer of liquid has gathered between the two membranes that wrap each air-filled organ",
         names=["the pleural effusion", "the effusion", "the pleural fluid", "the hydrothorax"]),
    dict(target="cardiophrenic fat pad", view="ct", noun="fat collection", shapes=lambda r, v: [_e(0.36, 0.34, 0.05, 0.04)],
         q="which soft fatty cushion that sometimes mimics a mass on plain films is on this slice",
         names=["the cardiophrenic fat pad", "the fat pad", "the pericardial fat"]),
    dict(target="lung", view="xr", noun="organ pair", shapes=lambda r, v: [_e(0.3, 0.48, 0.14, 0.28), _e(0.7, 0.48, 0.13, 0.28)],
         q="which paired air-filled organs appear dark on this frontal radiograph",
         names=["the lungs", "the lung fields", "pulmonary", "both lungs"]),
    dict(target="left lung", view="xr", noun="organ", shapes=lambda r, v: [_e(0.7, 0.47, 0.13, 0.27)],
         q="which of the two organs of breathing has only two lobes and shares its space with the heart",
         names=["the left lung", "left-lung", "the left lung field", "the lung on the left"]),
    dict(target="heart", view="xr", noun="organ", shapes=lambda r, v: [_e(0.57, 0.64, 0.14, 0.11)],
         q="which muscular pump casts the big soft-tissue shadow in the lower middle of this radiograph",
         names=["the heart", "the cardiac shadow", "cardiac", "the cardio-mediastinal outline"]),
    dict(target="left clavicle", view="xr", noun="bone", shapes=lambda r, v: [_e(0.67, 0.14, 0.12, 0.02)],
         q="which slim bone strut links the shoulder to the top of the breastbone on this side of the film",
         names=["the left clavicle", "the collarbone", "clavicular", "the clavicle"]),
    dict(target="left rib 7", view="xr", noun="bone", shapes=lambda r, v: [_e(0.72, 0.66, 0.12, 0.015)],
         q="which of the curved bones that wrap the chest is the seventh one down on this side",
         names=["the seventh rib", "the left seventh rib", "costal", "the rib"]),
    dict(target="trachea", view="xr", noun="airway", shapes=lambda r, v: [_e(0.5, 0.2, 0.025, 0.1)],
         q="which air column runs down the middle of the neck into the chest on this radiograph",
         names=["the trachea", "the windpipe", "tracheal", "the tracheal air column"]),
    dict(target="pleural effusion", view="xr", noun="collection", shapes=_effusion,
         q="which abnormal liquid collection is blunting the angles at the bottom of the chest on this film",
         names=["the pleural effusion", "the effusion", "pleural fluid", "the fluid in the pleural space"]),
    dict(target="lung tumour", view="xr", noun="finding", shapes=_nodules,
         q="which round opacities the chest clinic is worried about can you see on this radiograph",
         names=["the suspected lung tumour", "the lung nodules", "the pulmonary mass", "the nodule"]),
]

STYLES = ["lecture", "soap", "details", "analogy"]

# sentences about OTHER structures, conventions, populations and analogies: all true, none about the mask
OTHER_KB = ["The right hemidiaphragm usually sits a little higher than the left because the liver lies beneath it.",
            "The right lung has three lobes, whereas the left lung has only two.",
            "The aortic arch curves over the left main bronchus before descending beside the spine.",
            "The superior vena cava runs down the right side of the mediastinum into the right atrium.",
            "The right main bronchus is shorter, wider and more vertical than the left, which is why inhaled objects favour it.",
            "The descending aorta lies to the left of the vertebral bodies in most adults."]
TEXTBOOK = ["In adults the trachea is roughly 10 to 12 cm long.",
            "A cardiothoracic ratio above about 50% on a PA film is the usual textbook threshold for cardiomegaly.",
            "Around one in four adults has a small incidental finding of some kind on a screening chest CT.",
            "A normal adult heart weighs roughly 250 to 350 grams."]
CONVENTION = {"ct": ["Remember the display convention: axial CT is viewed as if from the patient's feet, so the patient's left appears on the right of the screen.",
                     "By radiological convention the patient's left is shown on the viewer's right on these axial images."],
              "xr": ["On a frontal chest film the patient's left is displayed on the viewer's right, as if you were facing the patient.",
                     "Standard convention: the patient's right is on the left of the radiograph as you look at it."]}
ANALOGY = ["Think of the chest as a house: the breastbone is the front door and the spine is the back wall.",
           "Think of it as a map turned to face you, where east and west swap places.",
           "Picture a clock face laid over the slice, with twelve o'clock at the front of the house.",
           "It's a bit like the boiler cupboard in a big old house: tucked in, but everything depends on it.",
           "Think of the map legend first and the streets second.",
           "Reading the image is like reading a clock from behind the dial: left and right swap, but twelve stays at the top.",
           "Think of it as a floor plan of one storey of the house, seen from below rather than from above.",
           "A map is only useful once you know which way north points, and the display convention is our compass.",
           "Every house has rooms that matter more than their size suggests."]
ASIDES = ["(and this is a point people trip over in the exam)", "(bear with me, this matters later)",
          "(slight digression, but it's useful)", "(I'll come back to this)"]
HEDGES = ["probably ", "most likely ", ", as far as one slice can tell, "]
NEUTRAL_REPLY = ["There are several possible reasons, from normal variation to how the slice was angled; I'd look at the neighbouring slices before reading much into it.",
                 "Honestly that's hard to say from one image; body habitus and breathing phase both play a part, so correlate with the full study."]


def record_for(p):
    if p["view"] == "ct":
        return dict(modality="CT", body_region="thorax", orientation="LP")
    return dict(modality="XR", body_region="chest", orientation="LI")


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    mask = np.zeros((SIZE, SIZE), np.uint8)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1)
    dx, dy = rng.uniform(-0.015, 0.015), rng.uniform(-0.015, 0.015)
    for cx, cy, rx, ry in p["shapes"](rng, p["view"]):
        mask[((xx - cx - dx) / rx) ** 2 + ((yy - cy - dy) / ry) ** 2 <= 1] = 1
    others = {k: v for k, v in (CT_OTHERS if p["view"] == "ct" else XR_OTHERS).items() if k != p["target"]}
    o = record_for(p)["orientation"]
    return compute_facts(mask, o, others=others).model_dump(mode="json")


def pick_profile(profiles, i, defect, rng):
    multi = [p for p in profiles if p["target"] in ("lung", "lung tumour", "pleural effusion")]
    return rng.choice(multi) if rng.random() < 0.3 else rng.choice(profiles)


# -- phrasing of facts (true or false values) ---------------------------------------------------------------

SIDE = {"left": ["on the patient's left", "in the left hemithorax", "on the left side of the patient"],
        "right": ["on the patient's right", "in the right hemithorax", "on the right side of the patient"],
        "midline": ["in the midline", "centrally, straddling the midline", "midline, favouring neither side"],
        "bilateral": ["on both sides", "bilaterally, with a part in each hemithorax", "on the left and the right alike"]}
ONLY = {"left": ["only on the patient's left", "confined to the left hemithorax"],
        "right": ["only on the patient's right", "confined to the right hemithorax"]}
VERT = {"anterior": ["anteriorly, toward the front of the chest", "in the anterior part of the chest", "toward the front"],
        "posterior": ["posteriorly, toward the back of the chest", "in the posterior part of the chest", "toward the back"],
        "superior": ["high in the chest, in the upper zone", "superiorly, in the upper part of the chest", "toward the top of the chest"],
        "inferior": ["low in the chest, in the lower zone", "inferiorly, toward the diaphragm", "in the lower part of the chest"],
        "central_ct": ["midway between front and back", "centrally in the front-to-back direction"],
        "central_xr": ["at mid height in the chest", "in the mid zone, neither high nor low"]}
SIZE_W = {"small": ["small", "compact"], "medium": ["medium-sized", "moderate-sized"], "large": ["large", "sizeable"]}
REL = {"left_of": ["to the patient's left of the {o}", "on the patient's left side of the {o}"],
       "right_of": ["to the patient's right of the {o}", "on the patient's right side of the {o}"],
       "anterior_to": ["in front of the {o}", "anterior to the {o}"],
       "posterior_to": ["behind the {o}", "posterior to the {o}"],
       "superior_to": ["above the {o}", "superior to the {o}"],
       "inferior_to": ["below the {o}", "inferior to the {o}"]}
FLIP = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
        "superior_to": "inferior_to", "inferior_to": "superior_to"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior",
       "superior": "inferior", "inferior": "superior"}


def pct(x):
    v = 100 * x
    return f"{v:.2f}%" if v < 1 else f"{v:.1f}%"


def vert_key(facts, p):
    v = facts["vertical"]
    return f"central_{p['view']}" if v == "central" else v


def false_value(kind, facts, p, rng):
    """The one false value of a planted defect: ('side', key) / ('vert', key) / ('rel', (rel, other)) /
    ('size', (cls, fraction)) / ('count', n)."""
    if kind == "laterality":
        s = facts["laterality"]
        if s in ("left", "right"):
            return ("side", OPP[s])
        if s == "bilateral":
            return ("only", rng.choice(["left", "right"]))
        return ("side", "left" if facts["centroid_patient"][0] < 0 else "right")  # midline called lateral
    if kind == "position":
        v = facts["vertical"]
        rels = facts["relations"]
        if v != "central" and (not rels or rng.random() < 0.6):
            return ("vert", OPP[v])
        if rels:
            r = rng.choice(rels)
            return ("rel", (FLIP[r["relation"]], r["other"]))
        off = facts["centroid_patient"][1]
        axis = ("anterior", "posterior") if p["view"] == "ct" else ("superior", "inferior")
        return ("vert", axis[0] if off > 0 else axis[1])
    if kind == "size":
        c, a = facts["size_class"], facts["area_fraction"]
        if c == "small" or (c == "medium" and a < 0.03):
            return ("size", ("large", rng.choice([0.22, 0.28, 0.35])))
        return ("size", ("small", rng.choice([0.002, 0.004, 0.006])))
    n = facts["components"]
    return ("count", 1 if n >= 2 else rng.choice([2, 3]))


def true_value(kind, facts, p, rng):
    if kind == "laterality":
        return ("side", facts["laterality"])
    if kind == "position":
        rels = facts["relations"]
        if rels and rng.random() < 0.4:
            r = rng.choice(rels)
            return ("rel", (r["relation"], r["other"]))
        return ("vert", vert_key(facts, p))
    if kind == "size":
        return ("size", (facts["size_class"], facts["area_fraction"]))
    return ("count", facts["components"])


def phrase(val, rng):
    """A verb phrase asserting `val` of the structure ('lies on the patient's left')."""
    k, v = val
    if k == "side":
        return rng.choice(["lies ", "sits ", "is located "]) + rng.choice(SIDE[v])
    if k == "only":
        return rng.choice(["lies ", "is "]) + rng.choice(ONLY[v])
    if k == "vert":
        return rng.choice(["lies ", "sits ", "is positioned "]) + rng.choice(VERT[v])
    if k == "rel":
        return rng.choice(["lies ", "sits "]) + rng.choice(REL[v[0]]).format(o=v[1])
    if k == "size":
        cls, a = v
        return rng.choice([f"is {rng.choice(SIZE_W[cls])}, covering about {pct(a)} of the image",
                           f"is {rng.choice(SIZE_W[cls])} on this slice (roughly {pct(a)} of the image area)",
                           f"takes up about {pct(a)} of the frame, so it is {rng.choice(SIZE_W[cls])}"])
    if v == 1:
        return rng.choice(["forms a single connected region", "is one continuous piece", "is a single contiguous region"])
    return rng.choice([f"consists of {NUM[v]} separate regions", f"is made up of {NUM[v]} disconnected parts",
                       f"shows {v} distinct foci"])


def negation(kind, facts, p, rng):
    """A true negated sentence (a trap), or None."""
    if kind == "laterality":
        s = facts["laterality"]
        return {"left": "It is not on the right.", "right": "It is not on the left.",
                "bilateral": "It is not confined to one side.", "midline": "It does not lean to either side."}[s]
    if kind == "count":
        return "There is no second focus." if facts["components"] == 1 else "It is not one continuous piece."
    if kind == "size":
        return {"small": "It is not a large structure on this image.", "large": "It is by no means small here.",
                "medium": "It is neither tiny nor huge."}[facts["size_class"]]
    return None


def user_presupposes(val, rng):
    """A user question or restatement that presupposes `val` (used for false values only)."""
    k, v = val
    if k in ("side", "only"):
        w = rng.choice(SIDE[v]) if k == "side" else rng.choice(ONLY[v])
        return rng.choice([f"Why would it be {w} in this patient?", f"So it's {w} - is that usual?"])
    if k == "vert":
        w = rng.choice(VERT[v])
        return rng.choice([f"Why does it sit {w} here?", f"OK, so it lies {w}; does that change anything?"])
    if k == "rel":
        w = rng.choice(REL[v[0]]).format(o=v[1])
        return f"Why does it sit {w} on this slice?"
    if k == "size":
        cls, a = v
        return rng.choice([f"Why is it so {SIZE_W[cls][0]} here, about {pct(a)} of the image?",
                           f"Given that it covers {pct(a)} of the image, is that a {SIZE_W[cls][0]} size for it?"])
    if v == 1:
        return rng.choice(["Why is it just one single connected piece here?", "Since it's all one piece, is that normal?"])
    return rng.choice([f"Why is it split into {NUM[v]} separate pieces?", f"So there are {NUM[v]} separate parts - why?"])


FOLLOW_Q = {"laterality": ["Which side is it on?", "Which side of the patient?", "Left or right, then?"],
            "position": ["Where exactly does it sit?", "Where is it relative to its neighbours?", "And its position?"],
            "size": ["How big is it?", "How large is it on this image?", "What about its size?"],
            "count": ["Is it one piece?", "How many separate regions are there?", "Is it all connected?"]}
WHY_Q = ["And why is that?", "Why does that matter?", "Can you say more about why?"]


# -- registers --------------------------------------------------------------------------------------------

def first_question(p, style, rng, named):
    q = p["q"]
    if named:
        n = rng.choice(p["names"])
        q = rng.choice([f"where is {n} on this image", f"can you show me {n}",
                        f"which region here is {n}, the one that matters for this patient"])
    img = "chest CT slice" if p["view"] == "ct" else "chest radiograph"
    if any(w in q for w in ("radiograph", "film", "slice", " CT")):
        img = "image"
    if style == "lecture":
        return f"[Audience member]: Sorry, a quick one about the {img} on the slide - {q}? Could you outline it?"
    if style == "soap":
        return f"Please draft a short SOAP note for this {img}: {q}? Segment it as well."
    if style == "details":
        return rng.choice([f"On this {img}, {q}? Please segment it.", f"Quick question - {q}, on this {img}? Mark it."])
    return f"Can you explain it to me simply: on this {img}, {q}? Please highlight it."


def subject(p, rng):
    return rng.choice(["The segmented " + p["noun"], "The mask", "It", "The highlighted " + p["noun"],
                       "This " + p["noun"]])


def sentence(p, val, rng, hedge=False):
    h = rng.choice(HEDGES) if hedge else " "
    return f"{subject(p, rng)}{h if h.startswith(',') else ' ' + h.lstrip()}{phrase(val, rng)}."


def fragment(val, rng):
    """A telegraphic SOAP finding for `val` ('left-sided', 'small (0.41% of image)', 'two foci')."""
    k, v = val
    if k == "side":
        return {"left": "left-sided", "right": "right-sided", "bilateral": "bilateral", "midline": "midline"}[v]
    if k == "only":
        return f"{v}-sided only"
    if k == "vert":
        return {"anterior": "anterior", "posterior": "posterior", "superior": "upper-zone", "inferior": "lower-zone",
                "central_ct": "midway front-to-back", "central_xr": "mid-zone"}[v]
    if k == "rel":
        return "located " + rng.choice(REL[v[0]]).format(o=v[1])
    if k == "size":
        return f"{SIZE_W[v[0]][0]} ({pct(v[1])} of image)"
    return "solitary, one component" if v == 1 else rng.choice([f"{NUM[v]} separate components", f"{v} foci"])


def first_answer(p, style, rng, vals, traps):
    """The first answer: [SEG] + fact sentences (`vals`) + trap sentences, in the register."""
    name = p["names"][0]
    facts_s = [sentence(p, v, rng, hedge=rng.random() < 0.2) for v in vals]
    if style == "lecture":
        body = " ".join(f"{s} {rng.choice(ASIDES)}" if rng.random() < 0.3 else s for s in facts_s)
        extra = " ".join(traps)
        opening = rng.choice([f"Good question. That is {name} - here it is: [SEG].",
                              f"Ah, let me go back a slide. What you're looking at is {name}, outlined here: [SEG].",
                              f"Yes - {name}. I'll put the outline up [SEG] so the back rows can see it."])
        digress = rng.choice(["Quick digression before the next slide:", "Side note, because someone asked this last year:",
                              "A tangent, but a useful one:"])
        close = rng.choice(["Right, where was I... yes, that's the structure.", "Okay, back to the slides.",
                            "Anyway. Any other questions on this one?"])
        return f"Lecturer: {opening} {body} {digress} {extra} {close}"
    if style == "soap":
        s = rng.choice(["S: Referred for review of the chest imaging; no acute complaint documented.",
                        "S: Patient reports a dry cough for three weeks; no haemoptysis, no weight loss.",
                        "S: Mild exertional breathlessness; ex-smoker, 20 pack-years."])
        o = rng.choice(["O: Single image reviewed. ", "O: Obs stable, afebrile, SpO2 96% on air. Image reviewed. "]) + " ".join(traps)
        if rng.random() < 0.5:
            a = f"A: {name.capitalize()} segmented [SEG]. " + " ".join(facts_s)
        else:
            a = (f"A: {name.capitalize()} [SEG]: " + "; ".join(fragment(v, rng) for v in vals) + ".")
        pl = rng.choice(["P: Correlate with prior imaging; discuss at the thoracic meeting if there is clinical concern.",
                         "P: Repeat imaging in 6-8 weeks; safety-net advice given.",
                         "P: Refer to the respiratory clinic; bloods (FBC, CRP) today."])
        return "\n".join([s, o, a, pl])
    if style == "details":
        bullets = "\n".join(f"- {s}" + (f"\n  - ({t})" if t else "") for s, t in
                            zip(facts_s, traps + [""] * len(facts_s)))
        rest = " ".join(traps[len(facts_s):])
        short = rng.choice([f"Short answer: it's {name} [SEG].", f"**Short answer:** {name} [SEG].",
                            f"TL;DR - this is {name} [SEG]."])
        head = rng.choice(["Details:", "**Details:**"])
        return (f"{short}\n\n{head}\n{bullets}" + (f"\n- Context (not about the mask itself): {rest}" if rest else ""))
    an = rng.sample(ANALOGY, 2)
    lit = rng.choice(["Now the literal part:", "Literally speaking, though:", "Dropping the metaphor for a moment:"])
    return (f"{rng.choice(['Sure.', 'Happy to.', 'Good one.'])} {an[0]} {lit} the structure is {name}, highlighted here [SEG]. "
            + " ".join(facts_s) + f" {an[1]} " + " ".join(traps))


def wrap_followup(style, text, role):
    if style == "lecture":
        return ("[Audience member]: " if role == "user" else "Lecturer: ") + text
    if style == "soap" and role == "assistant":
        return "Addendum: " + text
    if style == "analogy" and role == "assistant":
        return text + " Think of it as the street address rather than the whole map."
    return text


def traps_for(p, facts, rng, skip_kinds):
    out = []
    for k in rng.sample(["laterality", "count", "size"], 2):
        if k not in skip_kinds:
            n = negation(k, facts, p, rng)
            if n:
                out.append(n)
    pool = OTHER_KB + TEXTBOOK + CONVENTION[p["view"]]
    out += rng.sample(pool, 2)
    if rng.random() < 0.5:
        out.append(rng.choice(CONVENTION[p["view"]]))
    return list(dict.fromkeys(out))


def build(p, facts, style, rng, defect):
    kinds = ["laterality", "position", "size", "count"]
    named = defect == "names_target"
    where = None
    if defect in kinds:
        where = rng.choices(["answer", "user", "followup"], [0.6, 0.2, 0.2])[0]
    bad = false_value(defect, facts, p, rng) if where else None
    in_first = [k for k in kinds if k != defect or where == "answer"]
    in_first = rng.sample(in_first, min(len(in_first), rng.choice([2, 3, 4])))
    if where == "answer" and defect not in in_first:
        in_first.append(defect)
    vals = [bad if (k == defect and where == "answer") else true_value(k, facts, p, rng) for k in in_first]
    rng.shuffle(vals)
    traps = traps_for(p, facts, rng, {defect} if where else set())
    turns = [{"role": "user", "content": first_question(p, style, rng, named)},
             {"role": "assistant", "content": first_answer(p, style, rng, vals, traps)}]
    rounds = rng.choice([1, 2, 2, 3]) if where not in ("user", "followup") else rng.choice([2, 3])
    defect_round = rng.randrange(1, rounds) if where in ("user", "followup") else None
    for r in range(1, rounds):
        if r == defect_round and where == "user":
            uq = user_presupposes(bad, rng)
            ans = rng.choice(NEUTRAL_REPLY)
        elif r == defect_round:
            uq = rng.choice(FOLLOW_Q[defect])
            ans = sentence(p, bad, rng)
        else:
            k = rng.choice([k for k in kinds if k != defect or where == "answer"] + ["why"])
            if k == "why":
                uq = rng.choice(WHY_Q)
                ans = rng.choice(["Because it guides where the next slices should be checked. "
                                  + rng.choice(OTHER_KB), "Mostly anatomy: " + rng.choice(OTHER_KB)])
            elif k == defect:  # the defect already sits in the first answer: repeat only harmless facts
                uq = rng.choice(WHY_Q)
                ans = "Mainly for orientation. " + rng.choice(TEXTBOOK)
            else:
                uq = rng.choice(FOLLOW_Q[k])
                ans = sentence(p, true_value(k, facts, p, rng), rng)
                neg = negation(k, facts, p, rng)
                if neg and rng.random() < 0.5:
                    ans += " " + neg
        turns.append({"role": "user", "content": wrap_followup(style, uq, "user")})
        turns.append({"role": "assistant", "content": wrap_followup(style, ans, "assistant")})
    return turns, [defect] if defect else []
