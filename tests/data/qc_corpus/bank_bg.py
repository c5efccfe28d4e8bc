"""Bank BG: reasoning-segmentation DATASET conversations as an LLM writes them (MedSeg-QA style).

Written blind (helper qcbg): its writer never opened the QC rules, their tests, other banks or their rows.
Not measured by its writer: the lead measures it once after merging.

The first answer names the structure with one [SEG], links the implicit question (function, symptom,
clinical hint) to the anatomy, then describes location / size / count; follow-ups ask "why", "what else
is near it", "how big", "which side", "is it normal", "how many". 17 targets: abdomen (liver, spleen,
pancreas, left kidney, both kidneys), pelvis (urinary bladder, prostate, uterus: a label the knowledge
base lacks), thorax (heart, right lung, lung tumour, esophagus), brain MR (hippocampus and lateral
ventricle on coronal "LI", whole tumour on axial "LP") and 2D photos without patient axes (colonoscopy
polyp, dermoscopy skin lesion: only size / count / names_target defects). Facts are the product's own
measurement (`compute_facts`) of synthetic ellipse masks; the prose is written from those facts.
Styles: concise, explanatory, stepwise (Step 1/2/3), words (numbers spelled out).
Traps in clean rows (all true): negations, the display convention, other structures' own sides and
sizes, hedges, comparisons, population numbers, short and long follow-ups. A fifth of side / position /
size / count defects sit in a user follow-up question; others in the first or a follow-up answer.
"""

from __future__ import annotations

import random

import numpy as np

STYLES = ["concise", "explanatory", "stepwise", "words"]
KINDS = ["laterality", "position", "size", "count", "names_target"]
SEG = "[SEG]"


def P(target, mod, region, ori, comps, others, q, fn, give, pop, other_kb, name=None):
    return dict(target=target, modality=mod, body_region=region, orientation=ori, comps=comps, others=others,
                q=q, fn=fn, giveaway=give, pop=pop, other_kb=other_kb, name=name or target)


AB = {"spleen": (0.75, 0.55), "aorta": (0.52, 0.6), "vertebral body": (0.5, 0.74), "liver": (0.32, 0.42),
      "stomach": (0.62, 0.36)}
PROFILES = [
    P("liver", "CT", "abdomen", "LP", [(0.32, 0.42, 0.2, 0.22)], {k: AB[k] for k in ("spleen", "aorta")},
      ["A patient has yellow eyes and dark urine. Which organ producing bile should be outlined in this slice?",
       "Which organ in this scan makes bile, stores glycogen and clears drugs from the blood?"],
      "makes bile and processes nutrients arriving from the gut", ["hepatic", "liver", "hepatomegaly"],
      "In adults it weighs roughly 1.4 to 1.6 kg.",
      ["The spleen lies on the opposite side, in the left upper quadrant.",
       "The stomach sits to the patient's left of it."]),
    P("spleen", "CT", "abdomen", "LP", [(0.74, 0.58, 0.07, 0.09)], {k: AB[k] for k in ("liver", "stomach")},
      ["After a left-sided rib fracture the patient is hypotensive. Which blood-filtering organ should be segmented?",
       "Which organ here removes old red blood cells and helps fight encapsulated bacteria?"],
      "filters ageing red cells and hosts lymphocytes", ["splenic", "splenomegaly", "spleen"],
      "A normal adult one is about 11 to 12 cm long.",
      ["The liver, much larger, occupies the right upper abdomen.", "The left kidney lies just below and medial to it."]),
    P("pancreas", "CT", "abdomen", "LP", [(0.52, 0.42, 0.1, 0.025)], {k: AB[k] for k in ("aorta", "stomach")},
      ["A drinker has severe epigastric pain radiating to the back and a high lipase. Which gland should be marked?",
       "Which gland in this slice makes insulin and digestive enzymes?"],
      "secretes insulin and digestive enzymes", ["pancreatic", "pancreatitis", "peripancreatic"],
      "In adults it is about 12 to 15 cm long.",
      ["The duodenum curves around its head on the patient's right.", "The spleen is on the left, near its tail."]),
    P("left kidney", "CT", "abdomen", "LP", [(0.7, 0.64, 0.06, 0.08)], {k: AB[k] for k in ("aorta", "liver")},
      ["A patient has pain in the left flank and blood in the urine. Which organ making urine on that side should be marked?",
       "Which organ on the patient's left filters the blood to produce urine?"],
      "filters the blood to make urine", ["renal", "nephric", "kidney"],
      "Each adult one is about 10 to 12 cm long.",
      ["The liver lies on the patient's right, in front of the other one.", "The aorta runs in front of the spine."]),
    P("kidney", "CT", "abdomen", "LP", [(0.3, 0.64, 0.05, 0.07), (0.7, 0.64, 0.05, 0.07)], {k: AB[k] for k in ("aorta", "liver")},
      ["Which paired organs in this slice filter the blood and would fail in uncontrolled diabetes?",
       "A patient's creatinine is rising. Which paired organs should be segmented here?"],
      "filters the blood and keeps the body's water and salts in balance", ["renal", "kidneys", "nephrons"],
      "Together they receive about a fifth of the cardiac output.",
      ["The aorta runs between them in front of the spine.", "The spleen sits above the left one."]),
    P("urinary bladder", "CT", "pelvis", "LP", [(0.5, 0.38, 0.1, 0.09)], {"rectum": (0.5, 0.68), "sacrum": (0.5, 0.82)},
      ["A man cannot pass urine and his lower abdomen is tense. Which hollow organ storing urine should be marked?",
       "Which hollow organ in this pelvic slice stores urine until it is voided?"],
      "stores urine until it is voided", ["bladder", "vesical", "urinary bladder"],
      "An adult one holds roughly 400 to 600 mL.",
      ["The rectum lies behind it, in front of the sacrum.", "The femoral heads sit on either side of the pelvis."]),
    P("prostate", "MR", "pelvis", "LP", [(0.5, 0.55, 0.05, 0.045)], {"urinary bladder": (0.5, 0.36), "rectum": (0.5, 0.74)},
      ["An older man has a weak urine stream and nightly urgency. Which gland should be segmented on this MR slice?",
       "Which gland adds fluid to semen and surrounds the first part of the male urethra?"],
      "adds fluid to semen and surrounds the urethra", ["prostatic", "prostate gland", "prostate"],
      "In young men it weighs about 20 g.",
      ["The rectum lies behind it, which is why it can be felt on rectal examination.",
       "The seminal vesicles sit above it."]),
    P("uterus", "MR", "pelvis", "LP", [(0.5, 0.45, 0.12, 0.09)], {"urinary bladder": (0.5, 0.28), "rectum": (0.5, 0.72)},
      ["A woman has heavy periods and pelvic pressure. Which muscular organ where a pregnancy develops should be marked?",
       "Which hollow muscular organ in the female pelvis carries a pregnancy?"],
      "holds and nourishes a developing pregnancy", ["uterine", "womb", "intrauterine"],
      "In women of reproductive age it is about 7 to 8 cm long.",
      ["The ovaries lie to either side of it.", "The rectum is behind it, beyond the pouch of Douglas."]),
    P("heart", "CT", "thorax", "LP", [(0.6, 0.42, 0.15, 0.13)], {"esophagus": (0.5, 0.64), "right lung": (0.25, 0.5)},
      ["A patient has crushing chest pain and an ST elevation. Which organ pumping blood should be segmented?",
       "Which muscular organ in this chest slice pumps blood around the body?"],
      "pumps blood through the lungs and the body", ["cardiac", "pericardial", "heart"],
      "An adult one is roughly the size of a clenched fist and weighs about 300 g.",
      ["The right lung is larger than the left, with three lobes.", "The aorta arches over it toward the left."]),
    P("right lung", "CT", "thorax", "LP", [(0.27, 0.5, 0.15, 0.25)], {"heart": (0.6, 0.42), "esophagus": (0.5, 0.64)},
      ["A patient has reduced breath sounds on the right after a stab wound. Which air-filled organ on that side should be marked?",
       "Which organ on the patient's right has three lobes and exchanges gases?"],
      "brings air into contact with blood for gas exchange", ["pulmonary", "lung", "right lung"],
      "In adults it usually has three lobes, one more than the other side.",
      ["The left one is a little smaller because the heart takes up room.", "The liver lies below it, under the diaphragm."]),
    P("lung tumour", "CT", "thorax", "LP", [(0.72, 0.4, 0.03, 0.03)], {"heart": (0.55, 0.45), "esophagus": (0.5, 0.64)},
      ["A long-time smoker coughs up blood and has lost weight. What abnormality in this chest slice could explain it?",
       "Which abnormal finding in the chest here could explain a smoker's persistent cough and blood-streaked sputum?"],
      "can bleed into the airways and cause cough and weight loss", ["tumour", "pulmonary nodule", "neoplasm"],
      "Lung cancer is among the most common cancers worldwide.",
      ["The heart sits near the middle, pointing to the left.", "The right lung is clear."], name="lung tumour"),
    P("esophagus", "CT", "thorax", "LP", [(0.49, 0.64, 0.02, 0.02)], {"heart": (0.6, 0.42), "vertebral body": (0.5, 0.78)},
      ["A patient has difficulty swallowing solids. Which muscular tube carrying food should be segmented?",
       "Which muscular tube in this chest slice carries swallowed food to the stomach?"],
      "moves swallowed food down to the stomach", ["oesophageal", "esophageal", "gullet"],
      "In adults it is about 25 cm long.",
      ["The left atrium sits just in front of it.", "The descending aorta runs beside it on the left."]),
    P("hippocampus", "MR", "brain", "LI", [(0.37, 0.6, 0.03, 0.045), (0.63, 0.6, 0.03, 0.045)],
      {"thalamus": (0.5, 0.45), "lateral ventricle": (0.5, 0.33)},
      ["An older patient is losing recent memories. Which paired structures should be segmented on this coronal MR?",
       "Which paired structures in the medial temporal lobes form new memories?"],
      "forms new declarative memories", ["hippocampal", "the hippocampi", "hippocampus"],
      "Each one is roughly 4 to 5 cm long front to back.",
      ["The lateral ventricles lie above, near the midline.", "The thalami sit higher, beside the third ventricle."]),
    P("lateral ventricle", "MR", "brain", "LI", [(0.42, 0.36, 0.05, 0.06), (0.58, 0.36, 0.05, 0.06)],
      {"thalamus": (0.5, 0.47), "hippocampus": (0.5, 0.6)},
      ["A child has a large head and vomiting. Which fluid-filled spaces would be enlarged in hydrocephalus on this coronal MR?",
       "Which paired cavities of the brain hold cerebrospinal fluid made by the choroid plexus?"],
      "holds cerebrospinal fluid produced by the choroid plexus", ["ventricular", "ventricles", "ventriculomegaly"],
      "Together they hold about 20 to 25 mL of fluid in adults.",
      ["The hippocampi lie lower, in the temporal lobes.", "The third ventricle sits in the midline between the thalami."]),
    P("whole tumour", "MR", "brain", "LP", [(0.33, 0.4, 0.1, 0.09)], {"lateral ventricle": (0.5, 0.5)},
      ["A patient has new seizures and morning headaches. Which abnormal region on this brain MR should be outlined?",
       "Which abnormal area in this axial brain image could explain a new seizure disorder?"],
      "can irritate the cortex and cause seizures", ["glioma", "tumour", "glial tumour"],
      "Gliomas are the commonest primary brain malignancy in adults.",
      ["The ventricles are near the centre of the brain.", "The left hemisphere looks unremarkable."], name="tumour"),
    P("polyp", "endoscopy", "colon", None, [(0.5, 0.5, 0.1, 0.08)], {},
      ["During colonoscopy, which growth from the bowel lining should be removed to prevent cancer? Please segment it.",
       "Which raised area on this colonoscopy frame would the endoscopist snare?"],
      "can turn into colorectal cancer if left in place", ["polyps", "adenoma", "colonic polyp"],
      "Adenomas are found in about a quarter of screening colonoscopies.",
      ["The normal colon lining shows fine vessels.", "The caecum lies in the right lower abdomen."]),
    P("skin lesion", "dermoscopy", "skin", None, [(0.5, 0.5, 0.2, 0.17)], {},
      ["Which area in this dermoscopy photo would a dermatologist assess for skin cancer with the ABCDE rule?",
       "A pigmented spot on the forearm has changed colour. Which area on this close-up photo should be segmented?"],
      "is what the ABCDE rule (asymmetry, border, colour, diameter, evolution) is applied to", ["mole", "melanoma", "naevus"],
      "A diameter over 6 mm is one warning sign.",
      ["Normal skin around it shows a regular network.", "Hair shafts cross the image."], name="lesion"),
]
FLAT = {"polyp", "skin lesion"}


def pick_profile(profiles, i, defect, rng):
    """2D photos have no patient axes: no side or position defects on them."""
    pool = [p for p in profiles if not (defect in ("laterality", "position") and p["orientation"] is None)]
    return rng.choice(pool)


def record_for(p):
    return {"modality": p["modality"], "body_region": p["body_region"], "orientation": p["orientation"]}


def facts_for(p, rng):
    from medseg_qa.facts import compute_facts

    h = w = 256
    yy, xx = np.mgrid[0:h, 0:w]
    comps = list(p["comps"])
    if p["target"] in FLAT:
        s = rng.choice([0.35, 0.6, 1.0, 1.4])
        comps = [(x + rng.uniform(-0.08, 0.08), y + rng.uniform(-0.08, 0.08), rx * s, ry * s) for x, y, rx, ry in comps]
        if rng.random() < 0.35:
            comps.append((0.8, 0.2, 0.04, 0.04))
    elif p["target"] == "lung tumour" and rng.random() < 0.4:
        comps.append((0.78, 0.62, 0.02, 0.02))
    m = np.zeros((h, w), bool)
    for x, y, rx, ry in comps:
        x, y = x + rng.uniform(-0.015, 0.015), y + rng.uniform(-0.015, 0.015)
        k = rng.uniform(0.9, 1.1)
        m |= ((xx / (w - 1) - x) / (rx * k)) ** 2 + ((yy / (h - 1) - y) / (ry * k)) ** 2 <= 1
    return compute_facts(m, p["orientation"], others=dict(p["others"])).model_dump(mode="json")


# --- true and false sentences, written from the facts ----------------------------------------------
WN = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
      10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty", 40: "forty"}
OPP = {"left": "right", "right": "left", "anterior": "posterior", "posterior": "anterior", "superior": "inferior",
       "inferior": "superior"}
REL = {"left_of": ["to the patient's left of", "on the left side of"],
       "right_of": ["to the patient's right of", "on the right side of"],
       "anterior_to": ["in front of", "anterior to"], "posterior_to": ["behind", "posterior to"],
       "superior_to": ["above", "superior to"], "inferior_to": ["below", "inferior to"]}
FLIPREL = {"left_of": "right_of", "right_of": "left_of", "anterior_to": "posterior_to", "posterior_to": "anterior_to",
           "superior_to": "inferior_to", "inferior_to": "superior_to"}
VERT = {"anterior": ["It lies anteriorly, toward the front.", "It is anteriorly placed in this slice.",
                     "Front to back, it sits in the anterior half."],
        "posterior": ["It lies posteriorly, toward the back.", "It is posteriorly placed in this slice.",
                      "Front to back, it sits in the posterior half."],
        "superior": ["On this coronal slice it sits high, in the superior part.", "It lies superiorly, toward the vertex."],
        "inferior": ["On this coronal slice it sits low, in the inferior part.", "It lies inferiorly, toward the skull base."],
        }
CENTRAL = {False: ["Front to back it is roughly central, neither clearly anterior nor posterior.",
                   "Its centre sits near the middle of the slice from front to back."],
           True: ["From top to bottom it is roughly central on this slice.", "It is neither high nor low; its centre is mid-slice."]}
SIZE_W = {"small": ["small", "compact", "modest in size"], "medium": ["medium-sized", "moderate in size", "of intermediate size"],
          "large": ["large", "big", "bulky"]}
CONV = {"LP": ["By convention axial images are viewed from the feet, so the patient's left appears on the right of the screen.",
               "Remember the radiological convention: the image's right side shows the patient's left."],
        "LI": ["Coronal images are displayed as if facing the patient, so the patient's left is on the viewer's right.",
               "As usual for coronal views, the viewer's right is the patient's left."],
        None: ["A photo like this has no patient left or right, so only its size and shape can be described.",
               "There are no patient axes in this picture, so sides are not meaningful here."]}


def num(n, style):
    return WN.get(n, str(n)) if style == "words" else str(n)


def pct(frac, style, rng):
    p = frac * 100
    if style == "words":
        if p < 1:
            return rng.choice(["less than one percent", "under one percent"])
        near = min((k for k in WN if k >= 1), key=lambda k: abs(k - p))
        if near in (1, 5) and p < near + 0.5:  # keep a rounded figure on the true side of a size-class bound
            return f"{'just under' if p < near else 'just over'} {WN[near]} percent"
        return f"roughly {WN[near]} percent"
    if p < 1:
        return rng.choice([f"about {p:.1f}%", "well under 1%", f"roughly {p:.2f} percent"])
    if p < 10:
        return rng.choice([f"about {p:.1f}%", f"~{p:.1f}%", f"roughly {p:.1f} percent"])
    return rng.choice([f"about {p:.0f}%", f"~{p:.0f}%", f"roughly {p:.0f} percent"])


def false_pct(frac, style, rng):
    p = frac * 100
    v = rng.choice([25, 30, 40]) if p < 8 else rng.choice([0.2, 0.3])
    if style == "words":
        return "roughly " + WN[v] + " percent" if v >= 1 else "far less than one percent"
    return f"about {v}%" if v >= 1 else f"only {v}%"


def side_s(f, rng, false=False):
    lat = f["laterality"]
    if false:
        if lat in ("left", "right"):
            o = OPP[lat]
            return rng.choice([f"It lies on the patient's {o} side.", f"It is {o}-sided.", f"Side: the patient's {o}."])
        if lat == "bilateral":
            o = rng.choice(["left", "right"])
            return rng.choice([f"It is only on the patient's {o} side.", f"It is confined to the {o} side of the patient."])
        return rng.choice(["It lies off the midline, on the patient's right.", "It sits on the patient's left, away from the midline."])
    if lat in ("left", "right"):
        o = OPP[lat]
        return rng.choice([f"It lies on the patient's {lat} side, not the {o}.", f"It is {lat}-sided.",
                           f"Side: the patient's {lat}."])
    if lat == "bilateral":
        return rng.choice(["It is present on both sides, left and right.", "There is one on each side of the patient.",
                           "It is bilateral, not confined to one side."])
    return rng.choice(["It sits in the midline rather than off to one side.", "It is centred on the midline."])


def vert_s(f, rng, false=False):
    v = f["vertical"]
    if v == "central":
        return rng.choice(CENTRAL[f["relations"][0]["relation"] in ("superior_to", "inferior_to")])
    return rng.choice(VERT[OPP[v]] if false else VERT[v])


def rel_s(f, rng, false=False):
    r = rng.choice(f["relations"])
    kind = FLIPREL[r["relation"]] if false else r["relation"]
    return rng.choice([f"It lies {rng.choice(REL[kind])} the {r['other']}.",
                       f"Compared with the {r['other']}, it sits {rng.choice(REL[kind])} that structure."])


def pos_s(f, rng, false=False):
    """A position sentence: the vertical word, or a relation (always for a central mask when false)."""
    use_vert = f["vertical"] != "central" and (not f["relations"] or rng.random() < 0.5)
    if not false and f["vertical"] == "central" and rng.random() < 0.3:
        use_vert = True
    return vert_s(f, rng, false) if use_vert else rel_s(f, rng, false)


def size_s(f, style, rng, false=False):
    c = f["size_class"]
    if false:
        if rng.random() < 0.5:
            return f"It covers {false_pct(f['area_fraction'], style, rng)} of the image."
        w = {"small": "very large", "large": "tiny", "medium": rng.choice(["tiny", "very large"])}[c]
        return rng.choice([f"It is {w}.", f"Size-wise it is {w}."])
    return rng.choice([f"It is {rng.choice(SIZE_W[c])}, covering {pct(f['area_fraction'], style, rng)} of the image.",
                       f"Size: {c}, {pct(f['area_fraction'], style, rng)} of the frame.",
                       f"It looks {rng.choice(SIZE_W[c])} here."])


def count_s(f, style, rng, false=False):
    n = f["components"]
    if false:
        if n == 1:
            return rng.choice([f"It is split into {num(2, style)} separate parts.", f"There are {num(3, style)} separate regions."])
        return rng.choice(["It forms a single connected region.", "It is one continuous piece."])
    if n == 1:
        return rng.choice(["It is one connected region, with no second separate focus.", "It is a single contiguous area.",
                           f"There is only {num(1, style)} region."])
    return rng.choice([f"It consists of {num(n, style)} separate regions.", f"The mask has {num(n, style)} distinct components, not one."])


def user_false(kind, p, f, style, rng):
    if kind == "laterality":
        lat = f["laterality"]
        o = OPP.get(lat, rng.choice(["left", "right"])) if lat != "bilateral" else rng.choice(["left", "right"])
        return rng.choice([f"Why is it only on the {o} side here?", f"Why does it sit on the patient's {o}?"])
    if kind == "position":
        if f["vertical"] != "central" and rng.random() < 0.5:
            return f"Why does it lie so far {OPP[f['vertical']]} in this slice?"
        r = rng.choice(f["relations"])
        return f"Why is it {REL[FLIPREL[r['relation']]][0]} the {r['other']}?"
    if kind == "size":
        w = {"small": "huge", "large": "tiny", "medium": "tiny"}[f["size_class"]]
        return rng.choice([f"Why is it so {w} on this image?", f"Why does it cover {false_pct(f['area_fraction'], style, rng)} of the image?"])
    n = f["components"]
    return f"Why is it broken into {num(3, style)} pieces?" if n == 1 else "Why is it just one single piece?"


# --- the conversation --------------------------------------------------------------------------------

def wrap(style, name, reason, facts_s, rng):
    if style == "concise":
        return f"The {name} {SEG}. {reason} " + " ".join(facts_s)
    if style == "explanatory":
        lead = rng.choice(["Let's think about what the question describes.", "The clue here is the function described."])
        return f"{lead} {reason} That points to the {name}, segmented here: {SEG}. " + " ".join(facts_s) + \
            rng.choice([" Please confirm with the full series.", " This is likely the intended structure."])
    if style == "stepwise":
        return (f"Step 1 (clue): {reason}\nStep 2 (anatomy): this is the {name} {SEG}.\nStep 3 (description): "
                + " ".join(facts_s))
    return f"Answer: the {name} {SEG}. Reasoning: {reason} " + " ".join(facts_s)


FOLLOW_Q = {"why": ["Why is that?", "Why did you choose that structure?", "Can you explain why this is the answer to my question?"],
            "near": ["What else is near it?", "Which structures are close to it on this image?"],
            "size": ["How big is it?", "How large does it look on this image?"],
            "side": ["Which side is it on?", "Which side, please?"],
            "normal": ["Is it normal?", "Does it look normal to you?"],
            "count": ["How many pieces are there?", "Is it one region or several?"]}


def build(p, f, style, rng, defect):
    flat = p["orientation"] is None
    kind = defect if defect != "names_target" else None
    place = None
    if kind:
        place = "user" if rng.random() < 0.2 else rng.choice(["first", "first", "follow"])
    # the facts of the first answer, each true unless it is the planted one
    keys = ["size", "count"] if flat else ["side", "pos", "size", "count"]
    kmap = {"laterality": "side", "position": "pos", "size": "size", "count": "count"}
    planted = kmap.get(kind)
    shown = rng.sample(keys, k=min(len(keys), rng.choice([2, 3, 4])))
    if planted and place == "first" and planted not in shown:
        shown.append(planted)
    if planted and place != "first" and planted in shown:
        shown.remove(planted)

    def fact(k, false=False):
        return {"side": lambda: side_s(f, rng, false), "pos": lambda: pos_s(f, rng, false),
                "size": lambda: size_s(f, style, rng, false), "count": lambda: count_s(f, style, rng, false)}[k]()

    sents = [fact(k, false=(k == planted and place == "first")) for k in shown]
    if rng.random() < 0.5:
        sents.append(rng.choice(CONV[p["orientation"]]))
    if rng.random() < 0.4:
        sents.append(rng.choice(p["other_kb"]))
    q = rng.choice(p["q"])
    if defect == "names_target":
        g = rng.choice(p["giveaway"])
        q = rng.choice([f"With {g} findings in mind, {q[0].lower()}{q[1:]}", f"{q[:-1]} (a {g} question)?"])
    reason = f"The structure that {p['fn']} fits this description." if p["target"] not in FLAT | {"lung tumour", "whole tumour"} \
        else f"This finding {p['fn']}, which fits the description."
    turns = [{"role": "user", "content": q}, {"role": "assistant", "content": wrap(style, p["name"], reason, sents, rng)}]
    # follow-ups
    pool = ["why", "size", "normal", "count"] + ([] if flat else ["near", "side"])
    n_follow = rng.choice([1, 1, 2])
    follows = rng.sample(pool, n_follow)
    if planted and place in ("follow", "user"):
        target_q = {"side": "side", "pos": "near", "size": "size", "count": "count"}[planted]
        if place == "user":
            target_q = "why"
        follows = [x for x in follows if x != target_q][:n_follow - 1] + [target_q]
        rng.shuffle(follows)
    for fq in follows:
        uq = rng.choice(FOLLOW_Q[fq])
        lie = planted and ((place == "follow" and fq == {"side": "side", "pos": "near", "size": "size", "count": "count"}[planted]))
        if place == "user" and fq == "why":
            uq = user_false(kind, p, f, style, rng)
            ans = f"The main reason it was chosen is that it {p['fn']}; the clinical clue in your first question points to it."
        elif fq == "why":
            ans = f"Because it {p['fn']}, and that is exactly what the question hinted at. {rng.choice(p['other_kb'])}"
        elif fq == "near":
            bits = [pos_s(f, rng, false=bool(lie))] + [rng.choice(p["other_kb"])]
            ans = " ".join(bits)
        elif fq == "size":
            ans = f"{size_s(f, style, rng, false=bool(lie))} {p['pop']}" + (" It is smaller than the liver, which is the largest solid organ." if p["target"] not in ("liver",) and p["body_region"] == "abdomen" and f["size_class"] != "large" else "")
        elif fq == "side":
            ans = f"{side_s(f, rng, false=bool(lie))} {rng.choice(CONV[p['orientation']])}"
        elif fq == "count":
            ans = count_s(f, style, rng, false=bool(lie)) + " " + rng.choice(["That matches the mask outline.", "Each region was outlined in the mask."])
        else:
            ans = ("I cannot judge that from one image alone; it should be read with the full study and the clinical history. "
                   + rng.choice(p["other_kb"]))
        turns += [{"role": "user", "content": uq}, {"role": "assistant", "content": ans}]
    return turns, [defect] if defect else []
